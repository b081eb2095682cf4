/*
 * html_keep.h: requisites kept on one line on the web.
 *
 * A browser may break a line at any space and after a hyphen or a dash:
 * «№ 212-» / «ад», «МБДОУ «ДС»» / «№ 35», «2025–» / «2026». Requisites
 * are written whole instead, each in <span class="nobr"> (the theme makes
 * it an inline block: it moves to the next line whole, and wraps inside
 * only when it is wider than the line), and ranges of numbers in <span
 * class="nowrap">. The text is not changed — no U+2011, which the theme's fonts
 * lack, and copying gives back what was written.
 */
#ifndef NV_HTML_KEEP_H
#define NV_HTML_KEEP_H

#include "common.h"

struct nv_buf;

/* How the text around the spans is escaped: nv_buf_add_html or nv_buf_add_html4. */
typedef void nv_html_esc_fn(struct nv_buf *b, const char *s, size_t n);

/*
 * Append text s (UTF-8), escaped by esc, to out, each requisite kept in
 * <span class="nobr">…</span>:
 *   - each of the n names (the organisation's short name, its genitive)
 *     found in s, a space in a name matching a space or a no-break space
 *     (U+00A0) in s; NULL or empty names are skipped, and the first name
 *     that matches at a place wins;
 *   - «№» with the number after it («№ 212-ад», «№ Р-145»): the sign, one
 *     space or no-break space, and the number up to the next space,
 *     no-break space or one of , ; : ) " » “ < &, without trailing dots;
 *   - a range of numbers, an en dash between digits («2025–2026», «5–11»),
 *     with the digits on both sides, in <span class="nowrap"> (the theme
 *     gives it white-space: nowrap: no break after the dash, as on paper).
 * A «№» inside a kept name is part of that name's span. s may be NULL.
 */
void nv_html_add_keep(struct nv_buf *out, const char *s, const char *const *names, size_t n,
		      nv_html_esc_fn *esc);

#endif
