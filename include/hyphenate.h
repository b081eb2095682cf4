/*
 * hyphenate.h: Russian hyphenation for justified print, over libhyphen and
 * the hyphen-ru patterns (Debian: hyphen-ru, /usr/share/hyphen/hyph_ru_RU.dic).
 *
 * nv_hyphen_add() copies text and puts a soft hyphen (U+00AD) at every
 * place where a Cyrillic word may be broken; Pango breaks lines there and
 * draws the hyphen only when it does. Words shorter than five letters,
 * words mixed with Latin letters or digits and text inside tags are left
 * alone. At least two letters stay on each side of a break.
 *
 * (Not hyphen.h: with -Iinclude that name would hide libhyphen's own header.)
 */
#ifndef NV_HYPHENATE_H
#define NV_HYPHENATE_H

#include "common.h"

struct nv_buf;
struct nv_hyphen;

/* Where Debian installs the Russian patterns. */
#define NV_HYPHEN_RU "/usr/share/hyphen/hyph_ru_RU.dic"

/*
 * Load a KOI8-R pattern file (as hyph_ru_RU.dic is). Returns NULL when it
 * cannot be read; the caller frees with nv_hyphen_free().
 */
struct nv_hyphen *nv_hyphen_load(const char *path);

void nv_hyphen_free(struct nv_hyphen *h);

/*
 * Append len bytes of UTF-8 text to out with soft hyphens added. With
 * `markup`, text between '<' and '>' (Pango markup tags) and entities
 * ("&amp;") are copied untouched. h may be NULL: the text is copied as it is.
 */
void nv_hyphen_add(const struct nv_hyphen *h, struct nv_buf *out, const char *text, size_t len,
		   bool markup);

#endif
