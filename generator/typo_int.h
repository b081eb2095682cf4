/*
 * typo_int.h: what the two files of typography share; private to typo.c
 * (the rules) and typo_run.c (the runs of plain text no rule touches, and
 * the scans of words both use). See the top of typo.c.
 */
#ifndef NV_TYPO_INT_H
#define NV_TYPO_INT_H

#include "common.h"

#include "typo.h"
#include "utf8.h"

#define NBSP	0x00A0u
#define EN_DASH 0x2013u
#define EM_DASH 0x2014u
#define LAQUO	0x00ABu /* « */
#define RAQUO	0x00BBu /* » */
#define BDQUO	0x201Eu /* „ */
#define LDQUO	0x201Cu /* “ */
#define RDQUO	0x201Du /* ” */
#define HELLIP	0x2026u
#define NUMERO	0x2116u
#define CYR_GE	0x0433u /* г */

static inline bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0x0400 && c <= 0x042F) ||
	       (c >= 0x00C0 && c <= 0x00DE && c != 0x00D7);
}

static inline bool is_lower(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0x0430 && c <= 0x045F) ||
	       (c >= 0x00DF && c <= 0x00FF && c != 0x00F7);
}

static inline bool is_letter(uint32_t c)
{
	return is_upper(c) || is_lower(c) || (c >= 0x0100 && c <= 0x024F) ||
	       (c >= 0x0370 && c <= 0x03FF) || (c >= 0x0460 && c <= 0x052F);
}

/* A quote after a space opens; a dash between two spaces is a sentence dash. */
static inline bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == NBSP || c == 0x2007 || c == 0x2009 || c == 0x202F;
}

/* Spaces inside a line, which a rule may turn into one no-break space. */
static inline bool is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == NBSP;
}

/*
 * The code point at s[i] (n bytes in all), its length stored in *k when k
 * is not NULL: 0 with length 0 at the end, U+FFFD with length 1 for a
 * byte that does not start valid UTF-8.
 */
static inline uint32_t peek(const char *s, size_t n, size_t i, size_t *k)
{
	uint32_t cp = 0;
	size_t len = 0;

	if (i < n) {
		len = nv_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			cp = 0xFFFD;
			len = 1;
		}
	}
	if (k)
		*k = len;
	return cp;
}

static inline size_t skip_blank(const char *s, size_t n, size_t i)
{
	size_t k;

	while (is_blank(peek(s, n, i, &k)))
		i += k;
	return i;
}

/* Russian capitals in small letters; anything else as it is. */
static inline uint32_t ru_lower(uint32_t c)
{
	if (c >= 0x0410 && c <= 0x042F)
		return c + 0x20;
	return c == 0x0401 ? 0x0451 : c;
}

/* Whether s[i] (n bytes in all) starts a blank: ' ', a tab or a no-break space. */
static inline bool blank_at(const unsigned char *s, size_t n, size_t i)
{
	return i < n &&
	       (s[i] == ' ' || s[i] == '\t' || (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0));
}

/* The index 0..31 of the Russian letter а..я or А..Я (not ё) at s[i] (n bytes in all), or -1. */
static inline int ru_index(const unsigned char *s, size_t n, size_t i)
{
	if (i + 1 >= n)
		return -1;
	if (s[i] == 0xD0 && s[i + 1] >= 0x90 && s[i + 1] <= 0xBF)
		return s[i + 1] >= 0xB0 ? s[i + 1] - 0xB0 : s[i + 1] - 0x90;
	if (s[i] == 0xD1 && s[i + 1] >= 0x80 && s[i + 1] <= 0x8F)
		return s[i + 1] - 0x80 + 16;
	return -1;
}

size_t nv_typo_short_word_slow(const char *s, size_t n, size_t i, bool blank);
size_t nv_typo_short_word(const char *s, size_t n, size_t i);

/*
 * The end of a short word at s[i] that must not end a line, or 0: a word of one letter (а в и
 * к о с у я) or a two-letter preposition, conjunction or particle that goes with the next word
 * (not же, ли, бы), in any case, with a blank after it (anything but a letter if not `blank`).
 * Inline for most words (three Cyrillic letters), else nv_typo_short_word(), on the bytes, or
 * nv_typo_short_word_slow().
 */
static inline size_t short_word_end(const char *str, size_t n, size_t i, bool blank)
{
	const unsigned char *s = (const unsigned char *)str;

	if (!blank)
		return nv_typo_short_word_slow(str, n, i, blank);
	if (n - i >= 6 && (s[i + 2] & 0xFE) == 0xD0 && (s[i + 3] & 0xC0) == 0x80 &&
	    (s[i + 4] & 0xFE) == 0xD0 && (s[i + 5] & 0xC0) == 0x80)
		return 0;
	return nv_typo_short_word(str, n, i);
}

/*
 * typo_run.c: the run of plain text at s[i] (word: the character before s[i] is a letter, a
 * digit or '-'; digits: how many ASCII digits end there, 5 for more) appended to out as step()
 * would write it, short words glued to the word after them with a no-break space in the usual
 * case; returns its end. *seg is where its last piece starts, after the last glue (i if none):
 * nv_typo_feed() then sees a no-break space and every character of s[*seg, end), which
 * nv_typo_feed_run() feeds at once.
 */
size_t nv_typo_plain_run(struct nv_buf *out, const char *str, size_t n, size_t i, bool word,
			 unsigned digits, size_t *seg);
void nv_typo_feed_run(struct nv_typo_state *st, const char *str, size_t from, size_t to);
size_t nv_typo_word_end(const char *s, size_t n, size_t i);
size_t nv_typo_initial_end(const char *s, size_t n, size_t i);

/*
 * Whether the capital at s[i], a word's start, may start a name with
 * initials (initials() in typo.c): if not, no rule but a short word's
 * touches it. initials() looks for «И. О.» after a capitalised word, else
 * at s[i]; both need a capital and a full stop there.
 */
bool nv_typo_initials_may(const char *s, size_t n, size_t i);

#endif
