/*
 * print_layout.c: the print engine's first two phases; see print.h.
 *
 * Measure turns each block into Pango layouts and keeps their lines with
 * positions relative to the block (a table: per row and cell). Paginate
 * then stacks those lines on pages, greedily, with look-ahead for the
 * keep rules:
 *  - a paragraph of three lines or fewer, a heading, a column block and
 *    anything marked keep_together moves whole to the next page;
 *  - a longer paragraph breaks so that at least two lines stay on each
 *    side (no orphans, no widows);
 *  - a block marked keep_next needs room for itself and the first chunk
 *    of the next block (two lines, a whole small block, a table header
 *    and first row); a chain of such blocks counts as one;
 *  - a block marked keep_prev (the signature) needs the end of the block
 *    before it on its page, so that block leaves its last two lines for
 *    the next page when the signature does not fit;
 *  - tables repeat their header rows on each page (a header taller than
 *    a third of the page only on the first); a section row goes
 *    with the row after it, a row with merged cells with the row above;
 *    a long row breaks between its lines, each cell keeping two lines on
 *    each side of the break.
 * Pagination also writes the structure of the document into the pages
 * (print.h): it knows where each element really begins and ends, after
 * every page move, so elements open just before their first line and
 * never hold a page number.
 * The result is plain data (pages of boxes, lines, cell borders and
 * structure) that nv_pl_dump() writes as text and print_paint.c draws.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "hyphenate.h"
#include "print.h"

#define A4_W	  (210.0 * NV_PT_PER_MM)
#define A4_H	  (297.0 * NV_PT_PER_MM)
#define CELL_HPAD 4.0 /* pt, left and right inside a table cell */
#define CELL_VPAD 2.0 /* pt, above and below */
#define RULE_W	  0.5

struct nv_pl_engine {
	struct nv_print_opts o;
	PangoFontMap *fm;
	PangoContext *ctx;
	struct nv_hyphen *hy;
};

/* --- blocks ------------------------------------------------------------------ */

struct nv_pl_doc *nv_pl_doc_new(void)
{
	struct nv_pl_doc *doc = nv_xcalloc(1, sizeof(*doc));

	doc->first_number = 2;
	return doc;
}

static void table_free(struct nv_pl_table *t)
{
	size_t i, k;

	if (!t)
		return;
	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < t->rows[i].ncells; k++)
			free(t->rows[i].cells[k].markup);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->widths);
	free(t);
}

void nv_pl_doc_free(struct nv_pl_doc *doc)
{
	size_t i, k, j;

	if (!doc)
		return;
	for (i = 0; i < doc->nr; i++) {
		struct nv_pl_block *b = &doc->v[i];
		free(b->markup);
		free(b->outline);
		for (k = 0; k < b->ncols; k++) {
			for (j = 0; j < b->cols[k].nparas; j++)
				free(b->cols[k].paras[j].markup);
			free(b->cols[k].paras);
		}
		free(b->cols);
		table_free(b->table);
	}
	free(doc->v);
	free(doc->outline);
	free(doc->title);
	free(doc->author);
	free(doc);
}

struct nv_pl_block *nv_pl_add(struct nv_pl_doc *doc, enum nv_pl_kind kind,
			      const struct nv_pl_style *st)
{
	struct nv_pl_block *b;

	NV_GROW(doc->v, doc->nr + 1, doc->alloc);
	b = &doc->v[doc->nr++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	if (st)
		b->st = *st;
	return b;
}

struct nv_pl_block *nv_pl_para(struct nv_pl_doc *doc, const char *markup,
			       const struct nv_pl_style *st)
{
	struct nv_pl_block *b = nv_pl_add(doc, NV_PL_PARA, st);

	b->markup = nv_xstrdup(markup ? markup : "");
	return b;
}

struct nv_pl_column *nv_pl_column(struct nv_pl_block *b, double x, double w)
{
	struct nv_pl_column *c;

	b->cols = nv_xrealloc(b->cols, nv_st_mult(b->ncols + 1, sizeof(*b->cols)));
	c = &b->cols[b->ncols++];
	memset(c, 0, sizeof(*c));
	c->x = x;
	c->w = w;
	return c;
}

void nv_pl_column_para(struct nv_pl_column *c, const char *markup, const struct nv_pl_style *st)
{
	struct nv_pl_para *p;

	NV_GROW(c->paras, c->nparas + 1, c->alloc);
	p = &c->paras[c->nparas++];
	p->markup = nv_xstrdup(markup ? markup : "");
	p->st = *st;
}

struct nv_pl_table *nv_pl_table_new(const double *widths, size_t ncols, double size)
{
	struct nv_pl_table *t = nv_xcalloc(1, sizeof(*t));

	t->widths = nv_xcalloc(ncols, sizeof(double));
	memcpy(t->widths, widths, ncols * sizeof(double));
	t->ncols = ncols;
	t->size = size;
	return t;
}

struct nv_pl_row *nv_pl_row(struct nv_pl_table *t, const char *const *markup, size_t ncells,
			    enum nv_pl_align align, bool bold)
{
	struct nv_pl_row *r;
	size_t i;

	NV_GROW(t->rows, t->nrows + 1, t->alloc);
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->cells = nv_xcalloc(ncells, sizeof(*r->cells));
	r->ncells = ncells;
	r->section = ncells == 1 && t->ncols > 1;
	for (i = 0; i < ncells; i++) {
		r->cells[i].markup = nv_xstrdup(markup[i] ? markup[i] : "");
		r->cells[i].align = align;
		r->cells[i].bold = bold;
		r->cells[i].hyphenate = align == NV_PL_LEFT || align == NV_PL_JUSTIFY;
	}
	return r;
}

/* --- engine ------------------------------------------------------------------ */

struct nv_pl_engine *nv_pl_engine_new(const struct nv_print_opts *o, const char *hyphen_path,
				      struct nv_buf *why)
{
	struct nv_pl_engine *en = nv_xcalloc(1, sizeof(*en));
	cairo_font_options_t *fo;
	PangoFontDescription *want = NULL, *got = NULL;
	PangoFont *font = NULL;
	const char *family = NULL;

	en->o = *o;
	if (!en->o.font || !*en->o.font)
		en->o.font = "Liberation Serif";
	if (en->o.size <= 0)
		en->o.size = 14;
	if (en->o.table_size <= 0)
		en->o.table_size = 12;
	en->fm = pango_cairo_font_map_new();
	en->ctx = pango_font_map_create_context(en->fm);
	/* Points are PDF units; glyph positions unhinted, as on paper. */
	pango_cairo_context_set_resolution(en->ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(en->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(en->ctx, FALSE);
	pango_context_set_language(en->ctx, pango_language_from_string("ru"));

	/* Pango falls back silently: compare the family it resolved. */
	want = pango_font_description_new();
	pango_font_description_set_family(want, en->o.font);
	pango_font_description_set_size(want, (int)(en->o.size * PANGO_SCALE));
	font = pango_font_map_load_font(en->fm, en->ctx, want);
	if (font) {
		got = pango_font_describe(font);
		family = pango_font_description_get_family(got);
	}
	if (!family || g_ascii_strcasecmp(family, en->o.font)) {
		nv_buf_addf(why, "шрифт «%s» не установлен (вместо него нашёлся «%s»)", en->o.font,
			    family ? family : "никакой");
		nv_pl_engine_free(en);
		en = NULL;
		goto out;
	}
	if (hyphen_path)
		en->hy = nv_hyphen_load(hyphen_path);
out:
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	pango_font_description_free(want);
	return en;
}

void nv_pl_engine_free(struct nv_pl_engine *en)
{
	if (!en)
		return;
	if (en->ctx)
		g_object_unref(en->ctx);
	if (en->fm)
		g_object_unref(en->fm);
	nv_hyphen_free(en->hy);
	free(en);
}

bool nv_pl_engine_hyphenates(const struct nv_pl_engine *en)
{
	return en->hy != NULL;
}

const struct nv_print_opts *nv_pl_engine_opts(const struct nv_pl_engine *en)
{
	return &en->o;
}

static double page_w(bool landscape)
{
	return landscape ? A4_H : A4_W;
}

static double page_h(bool landscape)
{
	return landscape ? A4_W : A4_H;
}

double nv_pl_content_width(const struct nv_pl_engine *en, bool landscape)
{
	return page_w(landscape) - (en->o.margin_left + en->o.margin_right) * NV_PT_PER_MM;
}

/* --- measure ------------------------------------------------------------------ */

/* A line with its position relative to its block (or table cell). */
struct mline {
	PangoLayoutLine *pl;
	double x, top, base, h;
	const char *tag; /* COLUMNS: the structure element that begins at this line */
};

struct mcell {
	struct mline *lines;
	size_t n;
	double x, w, h; /* h: of the lines, without padding */
};

struct mrow {
	const struct nv_pl_row *r;
	struct mcell *cells;
	size_t n;
	double h; /* with padding and min_height */
};

struct mblock {
	const struct nv_pl_block *b;
	bool landscape;
	double h;
	struct mline *lines; /* PARA, COLUMNS */
	size_t n, alloc;
	struct mrow *rows; /* TABLE */
	size_t nrows;
};

struct measure {
	struct nv_pl_engine *en;
	struct nv_pl_pages *out; /* owns the layouts */
};

static void keep_layout(struct nv_pl_pages *p, PangoLayout *l)
{
	NV_GROW(p->layouts, p->nlayouts + 1, p->layouts_alloc);
	p->layouts[p->nlayouts++] = l;
}

#define WJ  "\xE2\x81\xA0" /* U+2060 WORD JOINER: no break here */
#define SHY "\xC2\xAD"	   /* U+00AD SOFT HYPHEN */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Append markup to out with the breaks that Pango would allow but Russian
 * typesetting does not taken away: no break at the dash of a number range
 * («2025–2026», «9–10») nor at the slash between letters («п/п»). Soft
 * hyphens are added when h is not NULL.
 */
static void glue(struct nv_buf *out, const char *markup, const struct nv_hyphen *h)
{
	struct nv_buf t = NV_BUF_INIT;
	size_t i, n = strlen(markup);

	for (i = 0; i < n; i++) {
		const char *c = markup + i;
		if (i > 0 && is_digit(c[-1]) && i + 3 < n && !memcmp(c, "\xE2\x80\x93", 3) &&
		    is_digit(c[3])) {
			nv_buf_adds(&t, WJ "\xE2\x80\x93" WJ);
			i += 2;
		} else if (*c == '/' && i > 0 && (unsigned char)c[-1] >= 0x80 && i + 1 < n &&
			   (unsigned char)c[1] >= 0xD0) {
			nv_buf_adds(&t, WJ "/" WJ);
		} else {
			nv_buf_addch(&t, *c);
		}
	}
	nv_hyphen_add(h, out, t.ptr, t.len, true);
	nv_buf_release(&t);
}

/*
 * Set the text of a layout from markup (plain text when it does not parse).
 *
 * Pango 1.50 overfills a justified line that breaks at a soft hyphen by the
 * hyphen's width when the layout has a first-line indent. Such a line gets
 * its break moved: the soft hyphen it ends with is taken out of the text
 * (the k-th soft hyphen of the layout's text is the k-th of the markup)
 * and the text is set again, a few times at most.
 */
static void set_markup(PangoLayout *l, struct nv_buf *text)
{
	int tries, limit = pango_layout_get_width(l) + PANGO_SCALE / 16;
	PangoLayoutIter *it;
	const char *t, *p;
	size_t k;
	bool markup = pango_parse_markup(text->ptr, (int)text->len, 0, NULL, NULL, NULL, NULL);

	for (tries = 0; tries < 8; tries++) {
		long cut = -1;

		if (markup)
			pango_layout_set_markup(l, text->ptr, (int)text->len);
		else
			pango_layout_set_text(l, text->ptr, (int)text->len);
		if (!pango_layout_get_justify(l) || !pango_layout_get_indent(l))
			return;
		t = pango_layout_get_text(l);
		it = pango_layout_get_iter(l);
		do {
			PangoRectangle log;
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			int end = line->start_index + line->length;
			pango_layout_iter_get_line_extents(it, NULL, &log);
			if (log.x + log.width > limit && line->length >= 2 &&
			    !memcmp(t + end - 2, SHY, 2)) {
				cut = end - 2;
				break;
			}
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		if (cut < 0)
			return;
		for (k = 0, p = t; (p = strstr(p, SHY)) && p < t + cut; p += 2)
			k++;
		for (p = text->ptr; (p = strstr(p, SHY)); p += 2)
			if (!k--)
				break;
		if (!p)
			return;
		memmove((char *)p, p + 2, text->len - (size_t)(p - text->ptr) - 1);
		text->len -= 2;
	}
}

/*
 * Lay out markup in a box of width w and append its lines to *lines with
 * the given offsets. Returns the height of the text.
 */
static double set_text(struct measure *ms, const char *markup, const struct nv_pl_style *st,
		       double w, double x0, double y0, struct mline **lines, size_t *n,
		       size_t *alloc)
{
	struct nv_pl_engine *en = ms->en;
	PangoLayout *l;
	PangoLayoutIter *it;
	PangoFontDescription *fd;
	struct nv_buf text = NV_BUF_INIT;
	double size = st->size > 0 ? st->size : en->o.size;
	double bottom = 0;

	if (!markup || !*markup)
		return 0;
	l = pango_layout_new(en->ctx);
	keep_layout(ms->out, l);
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, en->o.font);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	if (st->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);

	pango_layout_set_alignment(l, st->align == NV_PL_CENTER	 ? PANGO_ALIGN_CENTER
				      : st->align == NV_PL_RIGHT ? PANGO_ALIGN_RIGHT
								 : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, st->align == NV_PL_JUSTIFY);
	pango_layout_set_indent(l, (int)(st->indent * PANGO_SCALE));
	glue(&text, markup, st->hyphenate ? en->hy : NULL);
	set_markup(l, &text);
	nv_buf_release(&text);

	it = pango_layout_get_iter(l);
	do {
		PangoRectangle log;
		struct mline *ml;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		NV_GROW(*lines, *n + 1, *alloc);
		ml = &(*lines)[(*n)++];
		ml->pl = pango_layout_iter_get_line_readonly(it);
		ml->tag = NULL;
		ml->x = x0 + (double)log.x / PANGO_SCALE;
		ml->top = y0 + (double)log.y / PANGO_SCALE;
		ml->h = (double)log.height / PANGO_SCALE;
		ml->base = y0 + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		bottom = ml->top + ml->h - y0;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return bottom;
}

static void measure_para(struct measure *ms, struct mblock *mb, double cw)
{
	const struct nv_pl_style *st = &mb->b->st;
	double w = st->width > 0 ? st->width : cw - st->left;

	mb->h = set_text(ms, mb->b->markup, st, w, st->left, 0, &mb->lines, &mb->n, &mb->alloc);
}

static void measure_columns(struct measure *ms, struct mblock *mb)
{
	const struct nv_pl_block *b = mb->b;
	size_t c, p, first, i;
	double *last = nv_xcalloc(b->ncols + 1, sizeof(double)), maxlast = 0;
	size_t *start = nv_xcalloc(b->ncols + 1, sizeof(size_t));

	for (c = 0; c < b->ncols; c++) {
		const struct nv_pl_column *col = &b->cols[c];
		const char *tag = NULL;
		double y = 0;
		start[c] = mb->n;
		for (p = 0; p < col->nparas; p++) {
			const struct nv_pl_style *st = &col->paras[p].st;
			size_t was = mb->n;
			if (st->tag || !p)
				tag = st->tag ? st->tag : "P";
			if (p)
				y += st->before;
			y += set_text(ms, col->paras[p].markup, st, col->w - st->left,
				      col->x + st->left, y, &mb->lines, &mb->n, &mb->alloc);
			y += st->after;
			/* An empty paragraph hands its element on to the next one. */
			if (mb->n > was && tag) {
				mb->lines[was].tag = tag;
				tag = NULL;
			}
		}
		if (mb->n > start[c])
			last[c] = mb->lines[mb->n - 1].base;
		if (last[c] > maxlast)
			maxlast = last[c];
	}
	start[b->ncols] = mb->n;
	for (c = 0; c < b->ncols; c++) {
		first = start[c];
		if (b->align_last && first < start[c + 1]) {
			double dy = maxlast - last[c];
			for (i = first; i < start[c + 1]; i++) {
				mb->lines[i].top += dy;
				mb->lines[i].base += dy;
			}
		}
	}
	for (i = 0; i < mb->n; i++)
		if (mb->lines[i].top + mb->lines[i].h > mb->h)
			mb->h = mb->lines[i].top + mb->lines[i].h;
	free(last);
	free(start);
}

static void measure_table(struct measure *ms, struct mblock *mb, double cw)
{
	const struct nv_pl_table *t = mb->b->table;
	double x0 = 0, total = 0, x;
	size_t r, c;

	for (c = 0; c < t->ncols; c++)
		total += t->widths[c];
	if (total < cw)
		x0 = (cw - total) / 2;
	mb->rows = nv_xcalloc(t->nrows, sizeof(*mb->rows));
	mb->nrows = t->nrows;
	for (r = 0; r < t->nrows; r++) {
		const struct nv_pl_row *row = &t->rows[r];
		struct mrow *mr = &mb->rows[r];
		mr->r = row;
		mr->n = row->ncells;
		mr->cells = nv_xcalloc(row->ncells, sizeof(*mr->cells));
		x = x0;
		for (c = 0; c < row->ncells; c++) {
			struct mcell *mc = &mr->cells[c];
			struct nv_pl_style st;
			size_t alloc = 0;

			mc->x = x;
			mc->w = row->section ? total : c < t->ncols ? t->widths[c] : 0;
			x += mc->w;
			memset(&st, 0, sizeof(st));
			st.size = t->size;
			st.bold = row->cells[c].bold;
			st.align = row->cells[c].align;
			st.hyphenate = row->cells[c].hyphenate;
			mc->h = set_text(ms, row->cells[c].markup, &st, mc->w - 2 * CELL_HPAD,
					 mc->x + CELL_HPAD, 0, &mc->lines, &mc->n, &alloc);
			if (mc->h + 2 * CELL_VPAD > mr->h)
				mr->h = mc->h + 2 * CELL_VPAD;
		}
		if (mr->h < row->min_height)
			mr->h = row->min_height;
		if (mr->h < t->size * 1.15 + 2 * CELL_VPAD)
			mr->h = t->size * 1.15 + 2 * CELL_VPAD;
		mb->h += mr->h;
	}
}

static struct mblock *measure(struct measure *ms, const struct nv_pl_doc *doc)
{
	struct mblock *m = nv_xcalloc(doc->nr + 1, sizeof(*m));
	bool landscape = doc->landscape;
	size_t i;

	for (i = 0; i < doc->nr; i++) {
		const struct nv_pl_block *b = &doc->v[i];
		double cw;

		if (b->kind == NV_PL_BREAK)
			landscape = b->landscape;
		cw = nv_pl_content_width(ms->en, landscape);
		m[i].b = b;
		m[i].landscape = landscape;
		switch (b->kind) {
		case NV_PL_PARA:
			measure_para(ms, &m[i], cw);
			break;
		case NV_PL_COLUMNS:
			measure_columns(ms, &m[i]);
			break;
		case NV_PL_TABLE:
			measure_table(ms, &m[i], cw);
			break;
		case NV_PL_SPACE:
		case NV_PL_BREAK:
			break;
		}
	}
	return m;
}

static void mblocks_free(struct mblock *m, size_t n)
{
	size_t i, r, c;

	for (i = 0; i < n; i++) {
		free(m[i].lines);
		for (r = 0; r < m[i].nrows; r++) {
			for (c = 0; c < m[i].rows[r].n; c++)
				free(m[i].rows[r].cells[c].lines);
			free(m[i].rows[r].cells);
		}
		free(m[i].rows);
	}
	free(m);
}

/* --- paginate ---------------------------------------------------------------- */

struct pager {
	struct nv_pl_engine *en;
	const struct nv_pl_doc *doc;
	struct nv_pl_pages *out;
	struct measure *ms;
	struct nv_pl_page *page; /* NULL until the first item */
	bool landscape;
	char *outline;	 /* for the next page */
	bool unnumbered; /* the next page shows no number */
	double y, H;	 /* cursor and height of the content area */
	double left, top;
	/* The structure: what is open. */
	bool doc_open, sect_open;
	int lists;	  /* L elements open, each with an LI open in it */
	const char *leaf; /* the element of the paragraph being placed */
	/* The last table row placed on this page, for merged cells: its BOX item. */
	size_t row_page; /* page number (1-based), 0: none */
	size_t row_box;
};

static struct nv_pl_item *add_item(struct nv_pl_page *pg, enum nv_pl_item_kind kind, double x,
				   double y, double w, double h)
{
	struct nv_pl_item *it;

	NV_GROW(pg->items, pg->nitems + 1, pg->alloc);
	it = &pg->items[pg->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	return it;
}

static void tag_open(struct pager *pg, const char *tag)
{
	add_item(pg->page, NV_PL_ITEM_BEGIN, 0, 0, 0, 0)->tag = tag;
}

static void tag_close(struct pager *pg, const char *tag)
{
	add_item(pg->page, NV_PL_ITEM_END, 0, 0, 0, 0)->tag = tag;
}

/* Close lists until `level` of them are open. */
static void close_lists(struct pager *pg, int level)
{
	for (; pg->lists > level; pg->lists--) {
		tag_close(pg, "LI");
		tag_close(pg, "L");
	}
}

/*
 * Open the Document and the section of the current bookmark when they
 * are not open: just before their first content, so that they begin on
 * the page of that content, after its page number.
 */
static void struct_ready(struct pager *pg)
{
	if (!pg->doc_open) {
		tag_open(pg, "Document");
		pg->doc_open = true;
	}
	if (!pg->sect_open) {
		tag_open(pg, "Sect");
		pg->sect_open = true;
	}
}

/*
 * Open the structure of a paragraph: the lists and the item it belongs
 * to, then its own element, which is returned (an item's text is LBody).
 */
static const char *open_para(struct pager *pg, const struct nv_pl_style *st)
{
	const char *tag = st->tag ? st->tag : "P";
	int level = st->list > 0 ? st->list : 0;

	struct_ready(pg);
	if (!strcmp(tag, "LI")) {
		if (level < 1)
			level = 1;
		close_lists(pg, level);
		if (pg->lists == level)
			tag_close(pg, "LI");
		while (pg->lists < level) {
			tag_open(pg, "L");
			if (++pg->lists < level)
				tag_open(pg, "LI");
		}
		tag_open(pg, "LI");
		tag = "LBody";
	} else {
		close_lists(pg, level);
	}
	tag_open(pg, tag);
	return tag;
}

/*
 * The page number, digits only, in the middle of the top margin: centred
 * over the text (as a word processor centres its header) and at least
 * 10 mm below the edge of the sheet (ГОСТ Р 7.0.97, 6.5).
 */
static void add_number(struct pager *pg)
{
	const struct nv_print_opts *o = &pg->en->o;
	struct nv_pl_page *p = pg->page;
	struct mline *lines = NULL;
	size_t n = 0, alloc = 0;
	struct nv_pl_style st;
	char num[16];
	double w, x, y, cw = p->w - (o->margin_left + o->margin_right) * NV_PT_PER_MM;
	struct nv_pl_item *it;

	memset(&st, 0, sizeof(st));
	snprintf(num, sizeof(num), "%d", p->number);
	set_text(pg->ms, num, &st, p->w, 0, 0, &lines, &n, &alloc);
	if (n) {
		PangoRectangle log;
		pango_layout_line_get_extents(lines[0].pl, NULL, &log);
		w = (double)log.width / PANGO_SCALE;
		x = pg->left + (cw - w) / 2;
		y = pg->top / 2 - lines[0].h / 2;
		if (y < 10 * NV_PT_PER_MM)
			y = 10 * NV_PT_PER_MM;
		if (y > pg->top - lines[0].h)
			y = pg->top - lines[0].h;
		add_item(p, NV_PL_ITEM_BOX, x, y, w, lines[0].h)->role = "number";
		it = add_item(p, NV_PL_ITEM_LINE, x, y + lines[0].base, w, lines[0].h);
		it->line = lines[0].pl;
	}
	free(lines);
}

static void new_page(struct pager *pg)
{
	const struct nv_print_opts *o = &pg->en->o;
	struct nv_pl_pages *out = pg->out;
	struct nv_pl_page *p;

	/* A bookmark ends the section of the structure before it. */
	if (pg->outline && pg->page) {
		close_lists(pg, 0);
		if (pg->sect_open)
			tag_close(pg, "Sect");
		pg->sect_open = false;
	}
	NV_GROW(out->v, out->nr + 1, out->alloc);
	p = &out->v[out->nr++];
	memset(p, 0, sizeof(*p));
	p->landscape = pg->landscape;
	p->w = page_w(pg->landscape);
	p->h = page_h(pg->landscape);
	p->outline = pg->outline;
	pg->outline = NULL;
	pg->page = p;
	pg->y = 0;
	pg->row_page = 0;
	pg->top = o->margin_top * NV_PT_PER_MM;
	pg->left = o->margin_left * NV_PT_PER_MM;
	pg->H = p->h - (o->margin_top + o->margin_bottom) * NV_PT_PER_MM;
	if ((int)out->nr >= pg->doc->first_number && !pg->unnumbered) {
		p->number = (int)out->nr;
		add_number(pg);
	}
}

static void ensure_page(struct pager *pg)
{
	if (!pg->page)
		new_page(pg);
}

/* Height of lines [s, e) of a block. */
static double lines_h(const struct mline *l, size_t s, size_t e)
{
	return e > s ? l[e - 1].top + l[e - 1].h - l[s].top : 0;
}

static bool unsplittable(const struct mblock *mb)
{
	const struct nv_pl_style *st = &mb->b->st;

	return mb->b->kind == NV_PL_COLUMNS || st->keep_together || st->keep_next ||
	       st->at_bottom || mb->n < 4;
}

/* Space before block i if it is not at the top of a page. */
static double before(const struct mblock *m, size_t i)
{
	return m[i].b->st.before;
}

/* One line of a table's text with the cell padding, as rows are measured. */
static double one_line(const struct mblock *mb)
{
	return mb->b->table->size * 1.15;
}

/* A row long enough to break between pages: four lines at least. */
static bool row_may_break(const struct mblock *mb, const struct mrow *mr)
{
	return !mr->r->section && mr->h >= 4 * one_line(mb) + 2 * CELL_VPAD;
}

/* What of row r must go on a page: two lines of a row that may break, else all of it. */
static double row_lead(const struct mblock *mb, size_t r)
{
	const struct mrow *mr = &mb->rows[r];

	return row_may_break(mb, mr) ? 2 * one_line(mb) + 2 * CELL_VPAD : mr->h;
}

/*
 * The height row r needs on its page: a section row takes the start of
 * the row after it, a row takes the rows merged into it below (unless
 * they are more than half a page together).
 */
static double row_keep(const struct mblock *mb, size_t r, double page)
{
	double h = mb->rows[r].h, group = h;
	size_t k, c;

	if (mb->rows[r].r->section)
		return r + 1 < mb->nrows ? h + row_lead(mb, r + 1) : h;
	for (k = r + 1; k < mb->nrows; k++) {
		const struct nv_pl_row *row = mb->rows[k].r;
		bool joined = false;
		for (c = 0; c < row->ncells; c++)
			joined = joined || row->cells[c].joined;
		if (!joined)
			break;
		group += mb->rows[k].h;
	}
	return group <= page / 2 ? group : h;
}

/* The first part of a table that must share a page: its header and first row. */
static double table_lead(const struct mblock *mb)
{
	size_t r, nh = mb->b->table->nheader;
	double h = 0;

	for (r = 0; r < nh && r < mb->nrows; r++)
		h += mb->rows[r].h;
	if (r < mb->nrows)
		h += mb->rows[r].r->section
			     ? mb->rows[r].h + (r + 1 < mb->nrows ? row_lead(mb, r + 1) : 0)
			     : row_lead(mb, r);
	return h;
}

static double tail(const struct mblock *m, size_t n, size_t i);

/*
 * The smallest first part of blocks i… that must share a page: two lines
 * of a paragraph, a whole unbreakable block with what must follow it
 * (tail()), a table's header with its first row.
 */
static double lead(const struct mblock *m, size_t n, size_t i)
{
	const struct mblock *mb;

	if (i >= n)
		return 0;
	mb = &m[i];
	switch (mb->b->kind) {
	case NV_PL_BREAK:
		return 0;
	case NV_PL_SPACE:
		return mb->b->st.before + lead(m, n, i + 1);
	case NV_PL_TABLE:
		return table_lead(mb);
	case NV_PL_PARA:
	case NV_PL_COLUMNS:
		break;
	}
	if (!unsplittable(mb))
		return lines_h(mb->lines, 0, 2);
	return mb->h + tail(m, n, i);
}

/*
 * What must follow block i on its page: for keep_next, the lead of the
 * next block; when the next block is keep_prev (a signature), all of it.
 */
static double tail(const struct mblock *m, size_t n, size_t i)
{
	if (i + 1 >= n)
		return 0;
	if (m[i + 1].b->st.keep_prev)
		return m[i].b->st.after + before(m, i + 1) + m[i + 1].h;
	if (m[i].b->st.keep_next)
		return m[i].b->st.after + before(m, i + 1) + lead(m, n, i + 1);
	return 0;
}

static void place_box(struct pager *pg, const struct mblock *mb, double x, double w, double h)
{
	struct nv_pl_item *it =
		add_item(pg->page, NV_PL_ITEM_BOX, pg->left + x, pg->top + pg->y, w, h);

	it->role = mb->b->st.role		  ? mb->b->st.role
		   : mb->b->kind == NV_PL_COLUMNS ? "columns"
		   : mb->b->kind == NV_PL_TABLE	  ? "table"
						  : "para";
}

/*
 * Put lines [s, e) of a block at the cursor and move it down, inside
 * their structure: a paragraph opens its element with its first line and
 * closes it with its last; a paragraph broken between pages has its
 * lines on each page in a Span of their own. The paragraphs of columns
 * open their elements at the lines that carry them.
 */
static void place_lines(struct pager *pg, const struct mblock *mb, size_t s, size_t e)
{
	double dy, cw = nv_pl_content_width(pg->en, pg->landscape);
	bool para = mb->b->kind == NV_PL_PARA, span = s > 0 || e < mb->n;
	double x = para ? mb->b->st.left : 0;
	double w = para && mb->b->st.width > 0 ? mb->b->st.width : cw - x;
	/* Lines of side-by-side columns are not in order: a whole block has its own height. */
	double h = s == 0 && e == mb->n ? mb->h : lines_h(mb->lines, s, e);
	const char *open = NULL;
	size_t i;

	if (e <= s)
		return;
	if (para && s == 0) {
		pg->leaf = open_para(pg, &mb->b->st);
	} else if (!para) {
		struct_ready(pg);
		close_lists(pg, 0);
	}
	if (para && span)
		tag_open(pg, "Span");
	dy = pg->y - mb->lines[s].top;
	place_box(pg, mb, x, w, h);
	for (i = s; i < e; i++) {
		const struct mline *l = &mb->lines[i];
		struct nv_pl_item *it;
		PangoRectangle log;

		if (l->tag) {
			if (open)
				tag_close(pg, open);
			tag_open(pg, open = l->tag);
		}
		it = add_item(pg->page, NV_PL_ITEM_LINE, pg->left + l->x, pg->top + dy + l->base, 0,
			      l->h);
		pango_layout_line_get_extents(l->pl, NULL, &log);
		it->w = (double)log.width / PANGO_SCALE;
		it->line = l->pl;
	}
	if (open)
		tag_close(pg, open);
	if (para && span)
		tag_close(pg, "Span");
	if (para && e == mb->n)
		tag_close(pg, pg->leaf);
	pg->y += h;
}

/* A paragraph that may break between pages, keeping two lines on each side. */
static void place_split(struct pager *pg, const struct mblock *mb, double gap, double after)
{
	size_t s = 0, n = mb->n, k;

	while (s < n) {
		double avail = pg->H - pg->y - gap;
		double rest = lines_h(mb->lines, s, n);

		if (rest + after <= avail + 0.01) {
			pg->y += gap;
			place_lines(pg, mb, s, n);
			return;
		}
		for (k = 0; s + k < n && lines_h(mb->lines, s, s + k + 1) <= avail + 0.01; k++)
			;
		if (k + s + 2 > n)
			k = n - s >= 2 ? n - s - 2 : 0;
		if (k < 2) {
			if (pg->y > 0) {
				new_page(pg);
				gap = 0;
				continue;
			}
			/* An empty page that cannot hold the rules: fill it. */
			for (k = 0; s + k < n && lines_h(mb->lines, s, s + k + 1) <= avail + 0.01;
			     k++)
				;
			if (k == 0)
				k = 1;
		}
		pg->y += gap;
		place_lines(pg, mb, s, s + k);
		s += k;
		if (s < n) {
			new_page(pg);
			gap = 0;
		}
	}
}

static bool row_done(const struct mrow *mr, const size_t *next)
{
	size_t c;

	for (c = 0; c < mr->n; c++)
		if (next[c] < mr->cells[c].n)
			return false;
	return true;
}

/*
 * Where each cell's piece of a row ends when `content` pt of text fit:
 * end[c] for the lines from next[c] on. Strictly, a cell that breaks
 * keeps two lines at least on each side of the break or goes over whole.
 * Returns the number of lines that go here.
 */
static size_t row_ends(const struct mrow *mr, const size_t *next, double content, bool strict,
		       size_t *end)
{
	size_t c, e, s, n, placed = 0;

	for (c = 0; c < mr->n; c++) {
		const struct mcell *mc = &mr->cells[c];
		s = next[c];
		n = mc->n;
		for (e = s; e < n && lines_h(mc->lines, s, e + 1) <= content + 0.01; e++)
			;
		if (strict && e < n) {
			if (n - e < 2)
				e = n >= s + 2 ? n - 2 : s;
			if (e - s < 2)
				e = s;
		}
		end[c] = e;
		placed += e - s;
	}
	return placed;
}

/*
 * Put one fragment of a row at the cursor: the lines of each cell from
 * next[c] on that fit in avail (see row_ends(); on a page where nothing
 * would go, as many as fit); next[] is advanced. A fragment that does
 * not finish the row reaches down to avail; a whole row keeps its
 * min_height. Header cells are centred vertically. `tagged`: the row is
 * a TR of TH (header) or TD cells; a repeated header is not.
 */
static void place_row(struct pager *pg, const struct mrow *mr, size_t *next, double avail,
		      bool header, bool fresh, bool tagged)
{
	double h = 0, content = avail - 2 * CELL_VPAD, used, w = 0;
	size_t c, i, *end = nv_xcalloc(mr->n + 1, sizeof(size_t)), box, rect;
	bool done = true, join = false;
	const char *cell = header ? "TH" : "TD";
	struct nv_pl_item *it;

	if (!row_ends(mr, next, content, true, end) && !row_done(mr, next) &&
	    !row_ends(mr, next, content, false, end)) {
		/* Not one line fits below the header: set one anyway, or the row never ends. */
		for (c = 0; c < mr->n; c++)
			if (next[c] < mr->cells[c].n) {
				end[c] = next[c] + 1;
				break;
			}
	}
	for (c = 0; c < mr->n; c++) {
		const struct mcell *mc = &mr->cells[c];
		used = lines_h(mc->lines, next[c], end[c]) + 2 * CELL_VPAD;
		if (used > h)
			h = used;
		if (end[c] < mc->n)
			done = false;
		w += mc->w;
		join = join || mr->r->cells[c].joined;
	}
	if (done && fresh && mr->h > h)
		h = mr->h;
	if (!done)
		h = avail;
	box = pg->page->nitems;
	add_item(pg->page, NV_PL_ITEM_BOX, pg->left + (mr->n ? mr->cells[0].x : 0), pg->top + pg->y,
		 w, h)
		->role = mr->r->section ? "section-row"
			 : header	? "header-row"
					: "row";
	/* Merged with the row above on this page: no border between them. */
	join = join && fresh && pg->row_page == pg->out->nr;
	rect = pg->row_box;
	if (tagged)
		tag_open(pg, "TR");
	for (c = 0; c < mr->n; c++) {
		const struct mcell *mc = &mr->cells[c];
		double off = CELL_VPAD, dy = 0;
		it = add_item(pg->page, NV_PL_ITEM_RECT, pg->left + mc->x, pg->top + pg->y, mc->w,
			      h);
		/* The border of the cell above: the next RECT after the last one used. */
		while (join && rect < pg->page->nitems &&
		       pg->page->items[rect].kind != NV_PL_ITEM_RECT)
			rect++;
		if (join && c < mr->r->ncells && mr->r->cells[c].joined && rect < box) {
			pg->page->items[rect].open |= NV_PL_OPEN_BOTTOM;
			pg->page->items[pg->page->nitems - 1].open |= NV_PL_OPEN_TOP;
		}
		rect++;
		if (tagged)
			tag_open(pg, cell);
		if (end[c] > next[c]) {
			if (header)
				off = (h - lines_h(mc->lines, next[c], end[c])) / 2;
			dy = pg->y + off - mc->lines[next[c]].top;
		}
		for (i = next[c]; i < end[c]; i++) {
			PangoRectangle log;
			it = add_item(pg->page, NV_PL_ITEM_LINE, pg->left + mc->lines[i].x,
				      pg->top + dy + mc->lines[i].base, 0, mc->lines[i].h);
			pango_layout_line_get_extents(mc->lines[i].pl, NULL, &log);
			it->w = (double)log.width / PANGO_SCALE;
			it->line = mc->lines[i].pl;
		}
		if (tagged)
			tag_close(pg, cell);
		next[c] = end[c];
	}
	if (tagged)
		tag_close(pg, "TR");
	pg->row_page = pg->out->nr;
	pg->row_box = box;
	pg->y += h;
	free(end);
}

/* Height of what is left of a row. */
static double row_rest(const struct mrow *mr, const size_t *next)
{
	double h = 0, x;
	size_t c;

	for (c = 0; c < mr->n; c++) {
		x = lines_h(mr->cells[c].lines, next[c], mr->cells[c].n) + 2 * CELL_VPAD;
		if (x > h)
			h = x;
	}
	return h;
}

/*
 * Put the header rows of a table at the cursor: tagged the first time;
 * repeated on later pages only when they take a third of a page at most.
 */
static void place_header(struct pager *pg, const struct mblock *mb, bool tagged)
{
	size_t r, nh = mb->b->table->nheader, *next;
	double h = 0;

	for (r = 0; r < nh && r < mb->nrows; r++)
		h += mb->rows[r].h;
	if (!tagged && h > pg->H / 3)
		nh = 0;
	for (r = 0; r < nh && r < mb->nrows; r++) {
		next = nv_xcalloc(mb->rows[r].n + 1, sizeof(size_t));
		place_row(pg, &mb->rows[r], next, mb->rows[r].h, true, true, tagged);
		free(next);
	}
	pg->row_page = 0;
}

/*
 * True if row r (its lines from next[] on) may break at the cursor: it is
 * long enough, and a cell keeps two lines on each side of the break.
 */
static bool row_breaks_here(struct pager *pg, const struct mblock *mb, size_t r, const size_t *next)
{
	const struct mrow *mr = &mb->rows[r];
	size_t *end;
	bool ok;

	if (!row_may_break(mb, mr) || pg->H - pg->y < 2 * one_line(mb) + 2 * CELL_VPAD)
		return false;
	end = nv_xcalloc(mr->n + 1, sizeof(size_t));
	ok = row_ends(mr, next, pg->H - pg->y - 2 * CELL_VPAD, true, end) > 0;
	free(end);
	return ok;
}

static void place_table(struct pager *pg, const struct mblock *m, size_t i, double gap)
{
	const struct mblock *mb = &m[i];
	size_t r, nh = mb->b->table->nheader, *next;
	double need, avail;
	bool fresh;

	if (pg->y > 0 && pg->y + gap + table_lead(mb) > pg->H + 0.01) {
		new_page(pg);
		gap = 0;
	}
	pg->y += gap;
	struct_ready(pg);
	close_lists(pg, 0);
	tag_open(pg, "Table");
	place_box(pg, mb, 0, nv_pl_content_width(pg->en, pg->landscape), mb->h);
	place_header(pg, mb, true);
	for (r = nh; r < mb->nrows; r++) {
		const struct mrow *mr = &mb->rows[r];

		next = nv_xcalloc(mr->n + 1, sizeof(size_t));
		fresh = true;
		need = row_keep(mb, r, pg->H);
		if (pg->y + need <= pg->H + 0.01) {
			place_row(pg, mr, next, mr->h, false, true, true);
			free(next);
			continue;
		}
		if (row_breaks_here(pg, mb, r, next)) {
			place_row(pg, mr, next, pg->H - pg->y, false, true, true);
			fresh = false;
		}
		while (fresh || !row_done(mr, next)) {
			new_page(pg);
			place_header(pg, mb, false);
			avail = pg->H - pg->y;
			need = fresh ? mr->h : row_rest(mr, next);
			place_row(pg, mr, next, need < avail ? need : avail, false, fresh, true);
			fresh = false;
		}
		free(next);
	}
	tag_close(pg, "Table");
}

static void paginate(struct pager *pg, const struct mblock *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mblock *mb = &m[i];
		const struct nv_pl_block *b = mb->b;
		double gap, need;

		if (b->kind == NV_PL_BREAK) {
			pg->landscape = b->landscape;
			free(pg->outline);
			pg->outline = b->outline ? nv_xstrdup(b->outline) : NULL;
			pg->unnumbered = b->unnumbered;
			new_page(pg);
			pg->unnumbered = false;
			continue;
		}
		ensure_page(pg);
		gap = pg->y > 0 ? b->st.before : 0;
		switch (b->kind) {
		case NV_PL_SPACE:
			if (pg->y > 0)
				pg->y += b->st.before;
			if (pg->y > pg->H)
				pg->y = pg->H;
			continue;
		case NV_PL_TABLE:
			place_table(pg, m, i, gap);
			break;
		case NV_PL_PARA:
		case NV_PL_COLUMNS:
			if (!mb->n)
				break;
			if (!unsplittable(mb)) {
				place_split(pg, mb, gap, tail(m, n, i));
				break;
			}
			need = gap + mb->h + tail(m, n, i);
			if (pg->y > 0 && pg->y + need > pg->H + 0.01) {
				new_page(pg);
				gap = 0;
			}
			pg->y += gap;
			if (b->st.at_bottom && pg->y + mb->h < pg->H)
				pg->y = pg->H - mb->h;
			place_lines(pg, mb, 0, mb->n);
			break;
		case NV_PL_BREAK:
			break;
		}
		pg->y += b->st.after;
	}
	ensure_page(pg);
	close_lists(pg, 0);
	if (pg->sect_open)
		tag_close(pg, "Sect");
	if (pg->doc_open)
		tag_close(pg, "Document");
}

/*
 * The lines of a COLUMNS block are placed by place_lines() like those of
 * a paragraph: their x already includes the column's offset.
 */
struct nv_pl_pages *nv_pl_layout(struct nv_pl_engine *en, const struct nv_pl_doc *doc)
{
	struct nv_pl_pages *out = nv_xcalloc(1, sizeof(*out));
	struct measure ms = { en, out };
	struct pager pg;
	struct mblock *m;

	out->title = doc->title;
	out->author = doc->author;
	m = measure(&ms, doc);
	memset(&pg, 0, sizeof(pg));
	pg.en = en;
	pg.doc = doc;
	pg.out = out;
	pg.ms = &ms;
	pg.landscape = doc->landscape;
	pg.outline = doc->outline ? nv_xstrdup(doc->outline) : NULL;
	paginate(&pg, m, doc->nr);
	free(pg.outline);
	mblocks_free(m, doc->nr + 1);
	return out;
}

void nv_pl_pages_free(struct nv_pl_pages *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nr; i++) {
		free(p->v[i].items);
		free(p->v[i].outline);
	}
	free(p->v);
	for (i = 0; i < p->nlayouts; i++)
		g_object_unref(p->layouts[i]);
	free(p->layouts);
	free(p);
}

/* --- dump --------------------------------------------------------------------- */

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

void nv_pl_dump(const struct nv_pl_pages *p, struct nv_buf *out)
{
	size_t i, k;

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
				nv_pl_line_text(it->line, out);
				nv_buf_addch(out, '\n');
				break;
			case NV_PL_ITEM_RECT:
				nv_buf_addf(out, "    cell y=%.1f x=%.1f w=%.1f h=%.1f%s%s\n",
					    it->y, it->x, it->w, it->h,
					    it->open & NV_PL_OPEN_TOP ? " open-top" : "",
					    it->open & NV_PL_OPEN_BOTTOM ? " open-bottom" : "");
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
