/*
 * print_paint.c: the print engine's third phase — pages of placed items
 * painted into a Cairo PDF; see print.h.
 *
 * Painting decides nothing about layout: every line, page number and cell
 * border is where pagination put it. The PDF is written into memory (the
 * caller writes the file atomically). Metadata: title, author (the
 * organisation), creator; the creation date from SOURCE_DATE_EPOCH when
 * it is set, so the same input gives the same bytes (Cairo's subset font
 * names are hashes of their glyphs, nothing else varies). Pages with an
 * outline title get a bookmark. The structure items become Cairo tags,
 * which makes the PDF a tagged one (/StructTreeRoot, /MarkInfo).
 */
#include "common.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "date.h"
#include "print.h"

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	nv_buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * SOURCE_DATE_EPOCH as the ISO 8601 date Cairo wants; false when it is
 * not set or not a number.
 */
static bool source_date(char *out, size_t n)
{
	long long v;
	time_t t;
	struct tm tm;

	if (!nv_source_date_epoch(&v))
		return false;
	t = (time_t)v;
	if (!gmtime_r(&t, &tm))
		return false;
	return strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

/* A cell's border, without the sides that are open to a merged cell. */
static void paint_rect(cairo_t *cr, const struct nv_pl_item *it)
{
	double x0 = it->x, y0 = it->y, x1 = it->x + it->w, y1 = it->y + it->h;

	if (!it->open) {
		cairo_rectangle(cr, x0, y0, it->w, it->h);
		cairo_stroke(cr);
		return;
	}
	/* Square caps close the corners where the sides meet. */
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x0, y1);
	cairo_move_to(cr, x1, y0);
	cairo_line_to(cr, x1, y1);
	if (!(it->open & NV_PL_OPEN_TOP)) {
		cairo_move_to(cr, x0, y0);
		cairo_line_to(cr, x1, y0);
	}
	if (!(it->open & NV_PL_OPEN_BOTTOM)) {
		cairo_move_to(cr, x0, y1);
		cairo_line_to(cr, x1, y1);
	}
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

static void paint_page(cairo_t *cr, const struct nv_pl_page *pg)
{
	size_t i;

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < pg->nitems; i++) {
		const struct nv_pl_item *it = &pg->items[i];
		switch (it->kind) {
		case NV_PL_ITEM_BOX:
			break;
		case NV_PL_ITEM_LINE:
			cairo_move_to(cr, it->x, it->y);
			pango_cairo_show_layout_line(cr, it->line);
			break;
		case NV_PL_ITEM_RECT:
			paint_rect(cr, it);
			break;
		case NV_PL_ITEM_FILL:
			cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			break;
		case NV_PL_ITEM_BEGIN:
			cairo_tag_begin(cr, it->tag, NULL);
			break;
		case NV_PL_ITEM_END:
			cairo_tag_end(cr, it->tag);
			break;
		}
	}
}

int nv_pl_paint(struct nv_pl_engine *en, const struct nv_pl_pages *p, struct nv_buf *out,
		struct nv_buf *why)
{
	cairo_surface_t *surf;
	cairo_t *cr;
	cairo_status_t st;
	char date[32], link[32];
	size_t i;
	int rc = -1;

	(void)en;
	surf = cairo_pdf_surface_create_for_stream(write_buf, out, p->nr ? p->v[0].w : 595.0,
						   p->nr ? p->v[0].h : 842.0);
	cairo_pdf_surface_restrict_to_version(surf, CAIRO_PDF_VERSION_1_5);
	if (p->title && *p->title)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, p->title);
	if (p->author && *p->author)
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR, p->author);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "nastavnik");
	if (source_date(date, sizeof(date)))
		cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cr = cairo_create(surf);
	for (i = 0; i < p->nr; i++) {
		const struct nv_pl_page *pg = &p->v[i];
		cairo_pdf_surface_set_size(surf, pg->w, pg->h);
		if (pg->outline) {
			snprintf(link, sizeof(link), "page=%zu", i + 1);
			cairo_pdf_surface_add_outline(surf, CAIRO_PDF_OUTLINE_ROOT, pg->outline,
						      link, 0);
		}
		paint_page(cr, pg);
		cairo_show_page(cr);
	}
	/* Tags that do not nest put the context in an error state. */
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		nv_buf_addf(why, "не удалось записать PDF: %s", cairo_status_to_string(st));
		goto out;
	}
	rc = 0;
out:
	cairo_surface_destroy(surf);
	return rc;
}
