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
size_t nv_utf8_decode(const char *s, size_t n, uint32_t *cp);

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

#endif
