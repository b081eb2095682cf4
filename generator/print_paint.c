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
 *
 * A line is drawn as Pango would draw it (pango_cairo_show_layout_line():
 * the same glyphs at the same positions, with their text), but the lines
 * in a row (up to a cell border or a structure tag) are shown with one
 * call per change of font instead of one per run, and without the
 * clusters that show no glyph and mean nothing (soft hyphens, word
 * joiners): Cairo writes each of those as a marked-content span of its
 * own, which made a third of the text operators of a page. A line with
 * anything else (colour, underline, rise, unknown glyphs, right-to-left
 * runs) or with nothing but spaces is left to Pango.
 */
#include "common.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "print.h"
#include "print_int.h"
#include "utf8.h"

/* The glyphs of a line in one font, with their text, to show at once. */
struct show {
	cairo_scaled_font_t *font;
	cairo_glyph_t *g;
	size_t n, alloc;
	cairo_text_cluster_t *c;
	size_t nc, aclus;
	struct nv_buf text;
	int end; /* the byte of the layout's text after the last run added */
	/* The last font a run was checked in and its Cairo font (NULL: not plain). */
	PangoFont *checked;
	cairo_scaled_font_t *scaled;
	uint32_t missing; /* the first character no font has a glyph for, 0 when none */
	const struct nv_pl_image *image_failed; /* the first image Cairo could not read */
};

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

/*
 * The length of the character at s (n bytes left) when it shows nothing
 * and means nothing (soft hyphen, word joiner, zero-width space), else 0.
 */
static int invisible_at(const char *s, int n)
{
	if (n >= 2 && !memcmp(s, "\xC2\xAD", 2))
		return 2;
	if (n >= 3 && (!memcmp(s, "\xE2\x81\xA0", 3) || !memcmp(s, "\xE2\x80\x8B", 3)))
		return 3;
	return 0;
}

/* Whether s[0, n) is only characters that show nothing (and is not empty). */
static bool invisible(const char *s, int n)
{
	int i = 0, k;

	while (i < n)
		if ((k = invisible_at(s + i, n - i)))
			i += k;
		else
			return false;
	return n > 0;
}

/*
 * Whether s[0, n) is only spaces (U+0020, U+00A0) and characters that
 * show nothing. Cairo drops a call whose glyphs are all blank, when there
 * is more than one, with their text: such a line is left to Pango, to be
 * shown alone as before.
 */
static bool blank(const char *s, int n)
{
	int i = 0, k;

	while (i < n)
		if (s[i] == ' ')
			i++;
		else if (i + 2 <= n && !memcmp(s + i, "\xC2\xA0", 2))
			i += 2;
		else if ((k = invisible_at(s + i, n - i)))
			i += k;
		else
			return false;
	return true;
}

/*
 * The Cairo font of font, NULL when it has none; remembered in sh for
 * the next run, nearly always in the same font.
 */
static cairo_scaled_font_t *scaled_font(struct show *sh, PangoFont *font)
{
	if (font != sh->checked) {
		sh->checked = font;
		sh->scaled = PANGO_IS_CAIRO_FONT(font)
				     ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font))
				     : NULL;
	}
	return sh->scaled;
}

/* Whether run is drawn by show_run(): plain text as Pango draws it. */
static bool plain_run(struct show *sh, const PangoGlyphItem *run)
{
	const PangoItem *item = run->item;
	const GSList *a;
	int i;

	if ((item->analysis.level & 1) || run->y_offset ||
	    (item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) ||
	    !scaled_font(sh, item->analysis.font))
		return false;
	for (a = item->analysis.extra_attrs; a; a = a->next)
		if (((const PangoAttribute *)a->data)->klass->type != PANGO_ATTR_LETTER_SPACING)
			return false;
	for (i = 0; i < run->glyphs->num_glyphs; i++) {
		PangoGlyph g = run->glyphs->glyphs[i].glyph;
		if (g != PANGO_GLYPH_EMPTY && (g & PANGO_GLYPH_UNKNOWN_FLAG))
			return false;
	}
	return true;
}

/* Show the glyphs gathered in sh, if any. */
static void show_flush(cairo_t *cr, struct show *sh)
{
	if (sh->n || sh->nc) {
		cairo_set_scaled_font(cr, sh->font);
		cairo_show_text_glyphs(cr, sh->text.ptr, (int)sh->text.len, sh->g, (int)sh->n,
				       sh->c, (int)sh->nc, 0);
	}
	sh->n = sh->nc = 0;
	nv_buf_reset(&sh->text);
}

/*
 * Add run (of text, the layout's) to sh at x (Pango units from the
 * line's origin x0, y0): the glyphs where Pango's renderer puts them,
 * each cluster with its text, the clusters that show nothing dropped.
 */
static void show_run(cairo_t *cr, struct show *sh, const char *text, PangoGlyphItem *run, int x,
		     double x0, double y0)
{
	cairo_scaled_font_t *font = scaled_font(sh, run->item->analysis.font);
	PangoGlyphString *gs = run->glyphs;
	double base_x = x0 + (double)x / PANGO_SCALE;
	const PangoItem *item = run->item;
	int i, k, ng, start = item->offset, end, x_position = 0;

	if (font != sh->font || run->item->offset != sh->end)
		show_flush(cr, sh);
	sh->font = font;
	sh->end = run->item->offset + run->item->length;
	NV_GROW(sh->g, sh->n + (size_t)gs->num_glyphs, sh->alloc);
	for (i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &gs->glyphs[i];
		if (gi->glyph != PANGO_GLYPH_EMPTY) {
			cairo_glyph_t *g = &sh->g[sh->n++];
			g->index = gi->glyph;
			g->x = base_x + (double)(x_position + gi->geometry.x_offset) / PANGO_SCALE;
			g->y = gi->geometry.y_offset == 0
				       ? y0
				       : y0 + (double)gi->geometry.y_offset / PANGO_SCALE;
		}
		x_position += gi->geometry.width;
	}
	/*
	 * The clusters as pango_glyph_item_iter_next_cluster() gives them in
	 * a left-to-right run: the glyphs up to the next greater byte offset,
	 * and the text from theirs to that one.
	 */
	for (i = 0; i < gs->num_glyphs; i = k, start = end) {
		for (k = i, ng = 0;
		     k < gs->num_glyphs && gs->log_clusters[k] <= gs->log_clusters[i]; k++)
			ng += gs->glyphs[k].glyph != PANGO_GLYPH_EMPTY;
		end = k < gs->num_glyphs ? item->offset + gs->log_clusters[k]
					 : item->offset + item->length;
		if (!ng && invisible(text + start, end - start))
			continue;
		NV_GROW(sh->c, sh->nc + 1, sh->aclus);
		sh->c[sh->nc].num_bytes = end - start;
		sh->c[sh->nc++].num_glyphs = ng;
		nv_buf_add(&sh->text, text + start, (size_t)(end - start));
	}
}

/* Show the runs of line (text: its layout's) from x0, y0 as Pango's renderer places them. */
static void show_line(cairo_t *cr, struct show *sh, PangoLayoutLine *line, const char *text,
		      double x0, double y0)
{
	GSList *r;
	int x = 0;

	/* Lines follow each other in the text shown: only runs must follow within one. */
	sh->end = line->runs ? ((PangoGlyphItem *)line->runs->data)->item->offset : -1;
	for (r = line->runs; r; r = r->next) {
		PangoGlyphItem *run = r->data;
		int w = pango_glyph_string_get_width(run->glyphs);
		x += run->start_x_offset;
		show_run(cr, sh, text, run, x, x0, y0);
		x += w + run->end_x_offset;
	}
}

/*
 * The first character of line that no font has a glyph for (Pango draws
 * a box), or 0; not one the checks of the text name at its place
 * (nv_utf8_undrawn()).
 */
static uint32_t missing_glyph(const PangoLayoutLine *line)
{
	const PangoGlyphString *gs;
	PangoGlyph g;
	GSList *r;
	uint32_t cp;
	int i;

	for (r = line->runs; r; r = r->next)
		for (gs = ((const PangoGlyphItem *)r->data)->glyphs, i = 0; i < gs->num_glyphs;
		     i++) {
			g = gs->glyphs[i].glyph;
			if (g == PANGO_GLYPH_EMPTY || !(g & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			cp = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
			if (!nv_utf8_undrawn(cp))
				return cp;
		}
	return 0;
}

/*
 * Draw line with its baseline's left end at x, y, as
 * pango_cairo_show_layout_line() would (see the top of the file): from
 * the current point (which Cairo keeps in fixed point), which stays.
 */
static void paint_line(cairo_t *cr, struct show *sh, PangoLayoutLine *line, double x, double y)
{
	const char *text = line->layout ? pango_layout_get_text(line->layout) : NULL;
	bool plain = text && !blank(text + line->start_index, line->length);
	double x0, y0;
	GSList *r;

	cairo_move_to(cr, x, y);
	if (!sh->missing)
		sh->missing = missing_glyph(line);
	for (r = line->runs; r && plain; r = r->next)
		plain = plain_run(sh, r->data);
	if (!plain) {
		show_flush(cr, sh);
		pango_cairo_show_layout_line(cr, line);
		return;
	}
	cairo_get_current_point(cr, &x0, &y0);
	show_line(cr, sh, line, text, x0, y0);
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

static void paint_page(cairo_t *cr, struct show *sh, const struct nv_pl_page *pg)
{
	size_t i;

	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.5);
	for (i = 0; i < pg->nitems; i++) {
		const struct nv_pl_item *it = &pg->items[i];
		/* The glyphs of lines in a row are shown at once, before anything else. */
		if (it->kind != NV_PL_ITEM_LINE && it->kind != NV_PL_ITEM_BOX)
			show_flush(cr, sh);
		switch (it->kind) {
		case NV_PL_ITEM_BOX:
			break;
		case NV_PL_ITEM_LINE:
			paint_line(cr, sh, it->line, it->x, it->y);
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
		case NV_PL_ITEM_IMAGE:
			if (!nv_pl_paint_image(cr, it) && !sh->image_failed)
				sh->image_failed = it->image;
			break;
		case NV_PL_ITEM_BEGIN:
			cairo_tag_begin(cr, it->tag, NULL);
			break;
		case NV_PL_ITEM_END:
			cairo_tag_end(cr, it->tag);
			break;
		}
	}
	show_flush(cr, sh);
}

int nv_pl_paint(struct nv_pl_engine *en, const struct nv_pl_pages *p, struct nv_buf *out,
		struct nv_buf *why)
{
	cairo_surface_t *surf;
	cairo_t *cr;
	cairo_status_t st;
	struct show sh = { .text = NV_BUF_INIT };
	char date[32], link[32];
	size_t i;
	int rc = -1;

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
		paint_page(cr, &sh, pg);
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
	en->missing = sh.missing;
	en->image_failed = sh.image_failed;
	cairo_surface_destroy(surf);
	free(sh.g);
	free(sh.c);
	nv_buf_release(&sh.text);
	return rc;
}

uint32_t nv_pl_missing(const struct nv_pl_engine *en)
{
	return en->missing;
}

const struct nv_pl_image *nv_pl_image_failed(const struct nv_pl_engine *en)
{
	return en->image_failed;
}
