/*
 * typo_slug.c: slugs of titles for file names and anchors; see typo.h.
 * Apart from typo.c, which is about typography.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "typo.h"
#include "utf8.h"

/* Russian а…я (U+0430…U+044F) in Latin letters; ё is handled apart. */
static const char *const ru_latin[32] = {
	"a", "b", "v", "g", "d", "e",  "zh", "z",  "i",	 "y",	 "k", "l", "m", "n", "o",  "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",	"e", "yu", "ya",
};

void nv_slug_add(struct nv_buf *out, const char *s, size_t len)
{
	size_t i = 0, k, start = out->len;
	bool dash = false;
	char one[2] = { 0, 0 };
	const char *tr;
	uint32_t cp;

	while (i < len) {
		k = nv_utf8_decode(s + i, len - i, &cp);
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			tr = one;
		} else if (cp >= 0x0410 && cp <= 0x042F) {
			tr = ru_latin[cp - 0x0410];
		} else if (cp >= 0x0430 && cp <= 0x044F) {
			tr = ru_latin[cp - 0x0430];
		} else if (cp == 0x0401 || cp == 0x0451) {
			tr = "yo";
		} else {
			dash = true;
			continue;
		}
		if (!*tr)
			continue; /* ъ and ь vanish without splitting the word */
		if (dash && out->len > start)
			nv_buf_addch(out, '-');
		dash = false;
		nv_buf_adds(out, tr);
	}
	if (out->len == start)
		nv_buf_adds(out, "section");
}

char *nv_slug(const char *s)
{
	struct nv_buf out = NV_BUF_INIT;

	nv_slug_add(&out, s, strlen(s));
	return nv_buf_detach(&out, NULL);
}
