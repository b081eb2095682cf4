/*
 * guard_int.h: the folded text the guard (guard.c) reads; private to
 * guard.c, guard_read.c and their unit tests.
 *
 * guard_read.c turns text (plain, or HTML/XML) into folded bytes, one per
 * character, each with the offset of the character it came from; guard.c
 * finds the people's names in them. See the top of guard.c.
 */
#ifndef NV_GUARD_INT_H
#define NV_GUARD_INT_H

#include "common.h"

struct nv_buf;

/* Folded bytes that are no characters of the text. */
#define NV_GUARD_BREAK '\n' /* a block tag, or the edge of an attribute value */
#define NV_GUARD_OTHER 0x7F /* any character without a folded form; b | 0x20 == b */
#define NV_GUARD_SKIP  (-1) /* nv_guard_fold_cp(): the character leaves nothing */

/*
 * The folded byte of code point cp, or NV_GUARD_SKIP (soft hyphens, zero-width
 * characters, combining accents). Control characters are spaces.
 */
int nv_guard_fold_cp(uint32_t cp);

/*
 * The character at s[i] (i < n; a character reference with `refs`) as a
 * code point in *cp; returns its length in bytes (an invalid byte is
 * U+FFFD of one byte).
 */
size_t nv_guard_char_at(const char *s, size_t n, size_t i, bool refs, uint32_t *cp);

static inline bool nv_guard_is_cyr(unsigned char b)
{
	return b >= 0xC0;
}

static inline bool nv_guard_is_lat(unsigned char b)
{
	return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

static inline bool nv_guard_is_let(unsigned char b)
{
	return nv_guard_is_cyr(b) || nv_guard_is_lat(b);
}

/* The folded byte in lower case: letters lowered, the rest as it is. */
static inline unsigned char nv_guard_lc(unsigned char b)
{
	return nv_guard_is_let(b) ? b | 0x20 : b;
}

#define NV_GUARD_PENDING 16 /* attribute values of inline tags kept for the next break */

struct nv_guard_reader {
	const char *s;
	size_t n, i; /* the text, and where reading goes on */
	bool markup;
	int npend;
	size_t pend[NV_GUARD_PENDING][2];
};

/*
 * The folded text: f[k] came from the character of the text at base +
 * o[k]. A window spans less than 2 GiB of text (nv_guard_fold() ends it
 * there), so that an offset fits in 32 bits: half the bytes to write.
 */
struct nv_guard_folded {
	unsigned char *f;
	uint32_t *o;
	size_t base, len, cap;
};

/*
 * Fold the text from r->i on into fd (appending) until fd holds `want`
 * bytes — with `cut`, until a place where a window may end after that
 * (a space after a word in lower case, nothing pending) — or the text
 * ends; at its end, or at the end of a window, the attribute values
 * still pending are folded too.
 * r->i is where reading goes on; fd's arrays are the caller's to free.
 */
void nv_guard_fold(struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t want, bool cut);

/*
 * The length of the tag, comment or CDATA opening at s[i] (which is
 * '<'), and in *inl whether it is an inline tag (one that does not end a
 * word); 0 when '<' is a plain character.
 */
size_t nv_guard_tag_len(const char *s, size_t n, size_t i, bool *inl);

#endif
