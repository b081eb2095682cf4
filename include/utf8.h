/*
 * utf8.h: decoding and validating UTF-8.
 *
 * Columns shown to users count characters (code points), not bytes, so
 * «Приказ» is six columns wide; these helpers convert between the two.
 */
#ifndef NV_UTF8_H
#define NV_UTF8_H

#include "common.h"

/*
 * Decode one code point from s (n bytes available). Stores it in *cp and
 * returns its length in bytes, or returns 0 for an invalid or truncated
 * sequence (overlong forms, surrogates and values above U+10FFFF are
 * invalid).
 */
static inline size_t nv_utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * The general case of nv_utf8_decode(), out of line: the same contract.
 * Call nv_utf8_decode(), which handles ASCII and two-byte sequences (all
 * of Russian) inline and hands the rest to this.
 */
size_t nv_utf8_decode_long(const char *s, size_t n, uint32_t *cp);

static inline size_t nv_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* A lead byte C2..DF and one continuation byte are always valid. */
	if (n >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3Fu);
		return 2;
	}
	return nv_utf8_decode_long(s, n, cp);
}

/*
 * Check that s (n bytes) is valid UTF-8. Returns true if it is; otherwise
 * returns false and stores the byte offset of the first bad byte in *bad.
 */
bool nv_utf8_valid(const char *s, size_t n, size_t *bad);

/*
 * Number of code points in the first `bytes` bytes of s; an invalid byte
 * counts as one.
 */
size_t nv_utf8_count(const char *s, size_t bytes);

/*
 * Whether cp is a pictograph shown as an emoji (Unicode's
 * Emoji_Presentation in the BMP, «✅», «⭐», and U+1F000–U+1FAFF, «👍»):
 * what a printed document's fonts lack.
 */
bool nv_utf8_pictograph(uint32_t cp);

/*
 * Whether cp is a character no font of a document is meant to draw: a
 * sign of Word's symbol fonts (the private use area, U+E000–U+F8FF),
 * «�» (U+FFFD) or a pictograph (nv_utf8_pictograph()). The checks of
 * the text name each at its place (model_chars.c); the print engine
 * leaves them to those.
 */
static inline bool nv_utf8_undrawn(uint32_t cp)
{
	return (cp >= 0xE000 && cp <= 0xF8FF) || cp == 0xFFFD || nv_utf8_pictograph(cp);
}

/*
 * Whether cp is a character that shows nothing and is no space: a zero
 * width space, a word joiner (U+200B, U+2060–U+2064), a mark or control
 * of the direction of writing (U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), a byte order mark inside a text (U+FEFF). Not the zero
 * width joiners (U+200C, U+200D), which join the parts of an emoji.
 */
static inline bool nv_utf8_invisible(uint32_t cp)
{
	return cp == 0x200B || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/*
 * The sign a character of Word's symbol fonts stands for: cp is its code
 * in the font (0x20–0xFF) or in the private use area Word puts it at
 * (U+F020–U+F0FF); font is the font's name, or NULL when not known (the
 * font Word's bullets and ticks take it from). NULL when not known here;
 * *bullet (if given): whether it is a list's bullet («•», «▪», «➢», «❖»).
 */
const char *nv_word_symbol(uint32_t cp, const char *font, bool *bullet);

/*
 * The bytes of the space at s[i] (n: the text's end): a blank, a tab, a
 * line break, a no-break space (U+00A0) or a narrow one (U+202F, which
 * the typography puts between initials); 0 for any other character.
 */
size_t nv_space_at(const char *s, size_t n, size_t i);

/* Past the spaces at s[i] (n: the text's end). */
size_t nv_space_skip(const char *s, size_t n, size_t i);

/* Back from s[i] over the spaces before it. */
size_t nv_space_back(const char *s, size_t i);

/*
 * 1-based line and character column of byte offset `off` in text.
 */
void nv_utf8_position(const char *text, size_t off, int *line, int *col);

struct nv_buf;

/*
 * Append a folded form of s for loose comparison of words users type:
 * ASCII and Russian letters lower-cased, «ё» as «е», every hyphen or dash
 * as '-', runs of white space (the no-break space too) as one space,
 * no spaces around '-', none at the ends. «Ученик — ученик» and
 * «ученик-ученик» fold alike.
 */
void nv_utf8_fold(struct nv_buf *out, const char *s, size_t n);

/*
 * A copy of s with its first letter in upper case (ASCII and Russian,
 * «ё» too): «директор» → «Директор» for the start of a line. The caller
 * frees.
 */
char *nv_utf8_capitalize(const char *s);

/*
 * How many of the n bytes of s to take for at most max of them without
 * cutting a character in half: n when n <= max, else max or less, down
 * to where a character starts (0 when none does: not UTF-8).
 */
static inline size_t nv_utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* The value of the hexadecimal digit c (either case), or -1. */
int nv_hex_value(int c);

/*
 * Decode each «%XX» of s in place («%20» a space, «%D0%BF» «п»), but
 * «%00», which stays as written: a URL's path as a browser sends it, a
 * link's as an author typed it. Returns the new length.
 */
size_t nv_percent_decode(char *s);

#endif
