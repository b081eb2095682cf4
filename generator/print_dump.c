/*
 * print_dump.c: the text dump of laid-out pages (nv_pl_dump()), for the
 * golden tests of tests/regress and for `make typeset-report`; see
 * print.h.
 *
 * A justified line that Pango stretched shows how much: «ws=1.23» after
 * its width is the ratio of its word spaces to their natural width (the
 * font's advance of the space), so that loose lines can be counted from
 * the dump alone.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "buf.h"
#include "print.h"
#include "print_int.h"

void nv_pl_line_text(const struct _PangoLayoutLine *line, struct nv_buf *out)
{
	PangoLayoutLine *pl = (PangoLayoutLine *)line;
	const char *t = pango_layout_get_text(pl->layout) + pl->start_index;
	size_t i, n = (size_t)pl->length, start = out->len;
	bool soft = false;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0) {
			nv_buf_addch(out, '~');
			i++;
		} else if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xAD) {
			soft = i + 2 == n;
			i++;
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x81 &&
			   (unsigned char)t[i + 2] == 0xA0) {
			i += 2;
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
			   (unsigned char)t[i + 2] == 0xA8) {
			/* U+2028 LINE SEPARATOR ends the line like a newline. */
			nv_buf_addch(out, ' ');
			i += 2;
		} else if (c == '\n' || c == '\r') {
			nv_buf_addch(out, ' ');
		} else {
			nv_buf_addch(out, (char)c);
		}
	}
	while (out->len > start && out->ptr[out->len - 1] == ' ')
		nv_buf_truncate(out, out->len - 1);
	if (soft)
		nv_buf_addch(out, '-');
}

/*
 * How much Pango stretched the word spaces of a line: the width they
 * take over their natural width (the font's advance of each space and
 * no-break space), 1 when the line has none.
 */
static double space_ratio(const PangoLayoutLine *line)
{
	const char *text = pango_layout_get_text(line->layout);
	double got = 0, natural = 0;
	GSList *l;
	int g;

	for (l = line->runs; l; l = l->next) {
		const PangoGlyphItem *run = l->data;
		const PangoGlyphString *gs = run->glyphs;
		for (g = 0; g < gs->num_glyphs; g++) {
			const char *c = text + run->item->offset + gs->log_clusters[g];
			PangoRectangle logical;
			if (*c != ' ' && memcmp(c, "\xC2\xA0", 2))
				continue;
			pango_font_get_glyph_extents(run->item->analysis.font, gs->glyphs[g].glyph,
						     NULL, &logical);
			got += gs->glyphs[g].geometry.width;
			/* A shrunk space's natural width is that of its font scaled
			 * (print_space.c). */
			natural += logical.width + nv_pl_space_spacing(line, run->item);
		}
	}
	return natural > 0 ? got / natural : 1;
}

void nv_pl_dump(const struct nv_pl_pages *p, struct nv_buf *out)
{
	size_t i, k;
	double ws;

	nv_buf_addf(out, "document «%s» author «%s» pages %zu\n", p->title ? p->title : "",
		    p->author ? p->author : "", p->nr);
	for (i = 0; i < p->nr; i++) {
		const struct nv_pl_page *pg = &p->v[i];
		nv_buf_addf(out, "page %zu %.1fx%.1f %s", i + 1, pg->w, pg->h,
			    pg->landscape ? "landscape" : "portrait");
		if (pg->number)
			nv_buf_addf(out, " number %d", pg->number);
		if (pg->outline)
			nv_buf_addf(out, " outline «%s»", pg->outline);
		nv_buf_addch(out, '\n');
		for (k = 0; k < pg->nitems; k++) {
			const struct nv_pl_item *it = &pg->items[k];
			switch (it->kind) {
			case NV_PL_ITEM_BOX:
				nv_buf_addf(out, "  %s y=%.1f x=%.1f w=%.1f h=%.1f\n", it->role,
					    it->y, it->x, it->w, it->h);
				break;
			case NV_PL_ITEM_LINE:
				nv_buf_addf(out, "    y=%.1f x=%.1f w=%.1f ", it->y, it->x, it->w);
				ws = space_ratio(it->line);
				if (ws >= 1.005)
					nv_buf_addf(out, "ws=%.2f ", ws);
				nv_pl_line_text(it->line, out);
				nv_buf_addch(out, '\n');
				break;
			case NV_PL_ITEM_RECT:
				nv_buf_addf(out, "    cell y=%.1f x=%.1f w=%.1f h=%.1f%s%s\n",
					    it->y, it->x, it->w, it->h,
					    it->open & NV_PL_OPEN_TOP ? " open-top" : "",
					    it->open & NV_PL_OPEN_BOTTOM ? " open-bottom" : "");
				break;
			case NV_PL_ITEM_FILL:
				nv_buf_addf(out, "    bar y=%.1f x=%.1f w=%.1f h=%.1f\n", it->y,
					    it->x, it->w, it->h);
				break;
			case NV_PL_ITEM_IMAGE:
				nv_buf_addf(out,
					    "    picture y=%.1f x=%.1f w=%.1f h=%.1f %s %dx%d turn "
					    "%d\n",
					    it->y, it->x, it->w, it->h, it->image->name,
					    it->image->w, it->image->h, it->image->orientation);
				break;
			case NV_PL_ITEM_BEGIN:
				nv_buf_addf(out, "  <%s>\n", it->tag);
				break;
			case NV_PL_ITEM_END:
				nv_buf_addf(out, "  </%s>\n", it->tag);
				break;
			}
		}
	}
}
