/*
 * print_paint.c: the print engine's third phase — pages of placed items
 * painted into a Cairo PDF; see print.h.
 *
 * Painting decides nothing about layout: every line, page number and cell
 * border is where pagination put it. The PDF is written into memory (the
 * caller writes the file atomically). Metadata: title, author (the
 * organisation), creator; the creation date from SOURCE_DATE_EPOCH when
 * it is set, so the same input gives the same bytes (Cairo's subset font
 * names are hashes of their glyphs, nothing else varies). Pages with an outline title get
 * a bookmark.
 */
#include "common.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "buf.h"
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
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;
	time_t t;
	struct tm tm;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return false;
	t = (time_t)v;
	if (!gmtime_r(&t, &tm))
		return false;
	return strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
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
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_stroke(cr);
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
	cairo_destroy(cr);
	cairo_surface_finish(surf);
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
