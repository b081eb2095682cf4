/*
 * hyphenate.c: soft hyphens in Russian words; see hyphenate.h.
 *
 * The patterns of hyphen-ru are in KOI8-R, so each word is converted to
 * lower-case KOI8-R (one byte per letter), hyphenated by libhyphen and the
 * break points are mapped back to the UTF-8 letters.
 */
#include "common.h"

#include <hyphen.h>

#include "alloc.h"
#include "buf.h"
#include "hyphenate.h"
#include "utf8.h"

#define MIN_WORD 5
#define MAX_WORD 64

struct nv_hyphen {
	HyphenDict *dict;
};

/* KOI8-R of the lower-case letters а…я. */
static const unsigned char koi8[32] = { 0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA,
					0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0,
					0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8, 0xC3, 0xDE,
					0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1 };

/* The KOI8-R byte of a Russian letter in either case, or 0. */
static unsigned char to_koi8(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return koi8[cp - 0x410];
	if (cp >= 0x430 && cp <= 0x44F)
		return koi8[cp - 0x430];
	if (cp == 0x401 || cp == 0x451)
		return 0xC5; /* ё hyphenates as е */
	return 0;
}

static bool is_letter(uint32_t cp)
{
	return to_koi8(cp) || (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) ||
	       (cp >= 0xC0 && cp < 0x250);
}

struct nv_hyphen *nv_hyphen_load(const char *path)
{
	struct nv_hyphen *h;
	HyphenDict *dict = hnj_hyphen_load(path);

	if (!dict)
		return NULL;
	h = nv_xcalloc(1, sizeof(*h));
	h->dict = dict;
	return h;
}

void nv_hyphen_free(struct nv_hyphen *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

/* Append one word (only Russian letters; n letters) with its soft hyphens. */
static void add_word(const struct nv_hyphen *h, struct nv_buf *out, const char *w, size_t len,
		     size_t n)
{
	char word[MAX_WORD + 1], hyph[MAX_WORD + 5];
	size_t offs[MAX_WORD + 1], i = 0, k = 0, l;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	uint32_t cp;

	if (n < MIN_WORD || n > MAX_WORD) {
		nv_buf_add(out, w, len);
		return;
	}
	while (i < len) {
		l = nv_utf8_decode(w + i, len - i, &cp);
		offs[k] = i;
		word[k++] = (char)to_koi8(cp);
		i += l;
	}
	offs[k] = len;
	word[k] = '\0';
	memset(hyph, 0, sizeof(hyph));
	if (hnj_hyphen_hyphenate3(h->dict, word, (int)k, hyph, NULL, &rep, &pos, &cut, 2, 2, 2,
				  2) ||
	    rep) {
		/* Non-standard hyphenation does not occur in Russian: leave the word. */
		nv_buf_add(out, w, len);
		goto out;
	}
	for (i = 0; i < k; i++) {
		nv_buf_add(out, w + offs[i], offs[i + 1] - offs[i]);
		if ((hyph[i] & 1) && i + 2 < k && i >= 1)
			nv_buf_adds(out, "\xC2\xAD");
	}
out:
	if (rep) {
		for (i = 0; i < k; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
}

void nv_hyphen_add(const struct nv_hyphen *h, struct nv_buf *out, const char *text, size_t len,
		   bool markup)
{
	size_t i = 0, start, letters, l;
	uint32_t cp;
	bool russian;

	if (!h) {
		nv_buf_add(out, text, len);
		return;
	}
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (markup && (c == '<' || c == '&')) {
			const char *end = memchr(text + i, c == '<' ? '>' : ';', len - i);
			l = end ? (size_t)(end - (text + i)) + 1 : len - i;
			nv_buf_add(out, text + i, l);
			i += l;
			continue;
		}
		l = nv_utf8_decode(text + i, len - i, &cp);
		if (!l || !is_letter(cp)) {
			l = l ? l : 1;
			nv_buf_add(out, text + i, l);
			i += l;
			continue;
		}
		/* A run of letters: hyphenate it when all of them are Russian. */
		start = i;
		letters = 0;
		russian = true;
		while (i < len && (l = nv_utf8_decode(text + i, len - i, &cp)) && is_letter(cp)) {
			russian = russian && to_koi8(cp);
			letters++;
			i += l;
		}
		/* A word glued to digits («5-й», «1А») stays whole. */
		if (i < len && text[i] >= '0' && text[i] <= '9')
			russian = false;
		if (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9')
			russian = false;
		if (russian)
			add_word(h, out, text + start, i - start, letters);
		else
			nv_buf_add(out, text + start, i - start);
	}
}
