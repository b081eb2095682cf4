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

/* The length of each of ru_latin. */
static const unsigned char ru_len[32] = { 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
					  1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 0, 1, 0, 1, 2, 2 };

/*
 * The slug of s[0, len) written at w, which has room for 3 * len bytes
 * (at most a '-' and 4 letters for 2 bytes in): its length, 0 when s has
 * no letter or digit.
 */
static size_t slug_into(char *w, const char *s, size_t len)
{
	size_t i = 0, k, m;
	bool dash = false;
	char one[2] = { 0, 0 }, *start = w;
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
			m = 1;
		} else if (cp >= 0x0410 && cp <= 0x042F) {
			tr = ru_latin[cp - 0x0410];
			m = ru_len[cp - 0x0410];
		} else if (cp >= 0x0430 && cp <= 0x044F) {
			tr = ru_latin[cp - 0x0430];
			m = ru_len[cp - 0x0430];
		} else if (cp == 0x0401 || cp == 0x0451) {
			tr = "yo";
			m = 2;
		} else {
			dash = true;
			continue;
		}
		if (!m)
			continue; /* ъ and ь vanish without splitting the word */
		if (dash && w > start)
			*w++ = '-';
		dash = false;
		while (m--)
			*w++ = *tr++;
	}
	return (size_t)(w - start);
}

void nv_slug_add(struct nv_buf *out, const char *s, size_t len)
{
	size_t n;

	/* written in place */
	nv_buf_grow(out, 3 * len + 8);
	if (!(n = slug_into(out->ptr + out->len, s, len))) {
		nv_buf_adds(out, "section");
		return;
	}
	out->len += n;
	out->ptr[out->len] = '\0';
}

char *nv_slug(const char *s)
{
	struct nv_buf out = NV_BUF_INIT;
	size_t len = strlen(s), n;
	char room[512];

	/* A heading's slug is made on the stack and copied once, not grown and then shrunk. */
	if (3 * len <= sizeof(room)) {
		n = slug_into(room, s, len);
		return n ? nv_xmemdupz(room, n) : nv_xstrdup("section");
	}
	nv_slug_add(&out, s, len);
	return nv_buf_detach(&out, NULL);
}
