/*
 * print_layout.c: the print engine's first two phases; see print.h.
 *
 * This file holds the blocks printers add, the engine (fonts,
 * hyphenation) and measure; pagination is in print_paginate.c (text) and
 * print_table.c (tables), which share the types of print_int.h.
 *
 * Measure turns each block into Pango layouts and keeps their lines with
 * positions relative to the block (a table: per row and cell). Paginate
 * then stacks those lines on pages, greedily, with look-ahead for the
 * keep rules:
 *  - a paragraph of three lines or fewer, a heading, a column block and
 *    anything marked keep_together moves whole to the next page;
 *  - a longer paragraph breaks so that at least two lines stay on each
 *    side (no orphans, no widows), and not after a line that ends inside
 *    a word when the page can do without it;
 *  - a block marked keep_next needs room for itself and the first chunk
 *    of the next block (two lines, a whole small block, a table header
 *    and first row); a chain of such blocks counts as one;
 *  - a block marked keep_prev (the signature) needs the end of the block
 *    before it on its page, so that block leaves its last two lines for
 *    the next page when the signature does not fit;
 *  - tables repeat their header rows on each page (a header taller than
 *    a third of the page only on the first); a section row goes
 *    with the row after it, a row with merged cells with the row above;
 *    a row moves to the next page whole when it fits there, and the last
 *    row takes the one before it along rather than stand alone; only a
 *    row taller than a page breaks, between its lines and never inside a
 *    word, each cell keeping two lines on each side of the break, and its
 *    continuation shows the cells that name it again.
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
#include "print_int.h"
#include "utf8.h"

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
		free(b->top_markup);
		free(b->outline);
		for (k = 0; k < b->ncols; k++) {
			for (j = 0; j < b->cols[k].nparas; j++)
				free(b->cols[k].paras[j].markup);
			free(b->cols[k].paras);
		}
		free(b->cols);
		table_free(b->table);
		nv_pl_image_free(b->image);
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

double nv_pl_page_w(bool landscape)
{
	return landscape ? A4_H : A4_W;
}

double nv_pl_page_h(bool landscape)
{
	return landscape ? A4_W : A4_H;
}
double nv_pl_content_width(const struct nv_pl_engine *en, bool landscape)
{
	return nv_pl_page_w(landscape) - (en->o.margin_left + en->o.margin_right) * NV_PT_PER_MM;
}

double nv_pl_content_height(const struct nv_pl_engine *en, bool landscape)
{
	return nv_pl_page_h(landscape) - (en->o.margin_top + en->o.margin_bottom) * NV_PT_PER_MM;
}
/* --- measure ------------------------------------------------------------------ */

void nv_pl_keep_layout(struct nv_pl_pages *p, PangoLayout *l)
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

static bool is_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
	       (cp >= 0x400 && cp <= 0x4FF);
}

/* Letters and digits in s[0, n) just before `at` (back) or from it on. */
static size_t word_part(const char *s, size_t n, size_t at, bool back)
{
	size_t k = 0, l, p;
	uint32_t cp;

	while (back ? at > 0 : at < n) {
		p = at;
		if (back)
			while (--p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80)
				;
		l = nv_utf8_decode(s + p, n - p, &cp);
		if (!l || !is_alnum(cp))
			break;
		k++;
		at = back ? p : at + l;
	}
	return k;
}

/*
 * Append markup to out with the breaks that Pango would allow but Russian
 * typesetting does not taken away: no break at the dash of a number range
 * («2025–2026», «9–10»), at the slash between letters («п/п») nor at a
 * hyphen that would leave fewer than two letters before it or three after
 * it («СШ-» / «И», «№ 212-» / «од», «кто-» / «то»). Soft hyphens are added
 * when h is not NULL.
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
		} else if (*c == '-' && word_part(markup, n, i, true) &&
			   word_part(markup, n, i + 1, false) &&
			   (word_part(markup, n, i, true) < 2 ||
			    word_part(markup, n, i + 1, false) < 3)) {
			nv_buf_adds(&t, "-" WJ);
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
 * Pango 1.50 chooses the lines of a justified layout without the width of
 * the hyphen it adds at a soft hyphen, so such a line may stick out by the
 * hyphen's width. The hyphen must count: a line that ends at a soft hyphen
 * and is wider than the box gets its break moved. The soft hyphen it ends
 * with is taken out of the text (the k-th soft hyphen of the layout's text
 * is the k-th of the markup) and the text is set again, one line fixed
 * each time, until no line is too wide.
 */
static void set_markup(PangoLayout *l, struct nv_buf *text)
{
	int tries, limit = pango_layout_get_width(l) + PANGO_SCALE / 64;
	PangoLayoutIter *it;
	const char *t, *p;
	size_t k;
	bool markup = pango_parse_markup(text->ptr, (int)text->len, 0, NULL, NULL, NULL, NULL);

	for (tries = 0; tries < 256; tries++) {
		long cut = -1;

		if (markup)
			pango_layout_set_markup(l, text->ptr, (int)text->len);
		else
			pango_layout_set_text(l, text->ptr, (int)text->len);
		if (pango_layout_get_width(l) < 0 || !strstr(text->ptr, SHY))
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
PangoLayout *nv_pl_layout_text(struct nv_pl_engine *en, const char *markup,
			       const struct nv_pl_style *st, double w, PangoWrapMode wrap)
{
	PangoLayout *l = pango_layout_new(en->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	struct nv_buf text = NV_BUF_INIT;
	double size = st->size > 0 ? st->size : en->o.size;

	pango_font_description_set_family(fd, en->o.font);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	if (st->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, w < 0 ? -1 : (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, wrap);

	pango_layout_set_alignment(l, st->align == NV_PL_CENTER	 ? PANGO_ALIGN_CENTER
				      : st->align == NV_PL_RIGHT ? PANGO_ALIGN_RIGHT
								 : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, st->align == NV_PL_JUSTIFY);
	pango_layout_set_indent(l, (int)(st->indent * PANGO_SCALE));
	glue(&text, markup, st->hyphenate ? en->hy : NULL);
	set_markup(l, &text);
	nv_buf_release(&text);
	return l;
}

double nv_pl_add_lines(PangoLayoutIter *it, double x0, double y0, struct mline **lines, size_t *n,
		       size_t *alloc)
{
	double bottom = 0;

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
	return bottom;
}

double nv_pl_set_text(struct measure *ms, const char *markup, const struct nv_pl_style *st,
		      double w, double x0, double y0, struct mline **lines, size_t *n,
		      size_t *alloc)
{
	struct nv_buf key = NV_BUF_INIT;
	size_t first = ms->out->nlayouts;
	PangoLayout *l;
	PangoLayoutIter *it;
	double bottom = 0;
	bool broken;

	if (!markup || !*markup)
		return 0;
	nv_pl_cache_key(&key, markup, st, w);
	if (nv_pl_cache_get(ms, &key, x0, y0, lines, n, alloc, &bottom))
		goto out;
	/* Justified text is broken by print_break.c, unless no breaking fits. */
	ms->noffs = 0;
	broken = st->align == NV_PL_JUSTIFY && w > 0 &&
		 !nv_pl_break_text(ms, markup, st, w, x0, y0, lines, n, alloc, &bottom);
	if (!broken) {
		l = nv_pl_layout_text(ms->en, markup, st, w, PANGO_WRAP_WORD_CHAR);
		nv_pl_keep_layout(ms->out, l);
		it = pango_layout_get_iter(l);
		bottom = nv_pl_add_lines(it, x0, y0, lines, n, alloc);
		pango_layout_iter_free(it);
	}
	nv_pl_cache_put(ms, &key, first, broken);
out:
	nv_buf_release(&key);
	return bottom;
}

/*
 * A paragraph: its markup, and its top_markup (mb->top) when it has one.
 * Both are laid out, markup first, so that the text of the pages
 * (nv_pl_text()) holds both, as that of the blocks (nv_pl_doc_text()) does.
 */
static void measure_para(struct measure *ms, struct mblock *mb, double cw)
{
	const struct nv_pl_style *st = &mb->b->st;
	double w = st->width > 0 ? st->width : cw - st->left;

	mb->h = nv_pl_set_text(ms, mb->b->markup, st, w, st->left, 0, &mb->lines, &mb->n,
			       &mb->alloc);
	if (mb->b->top_markup)
		mb->htop = nv_pl_set_text(ms, mb->b->top_markup, st, w, st->left, 0, &mb->top,
					  &mb->ntop, &mb->atop);
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
			y += nv_pl_set_text(ms, col->paras[p].markup, st, col->w - st->left,
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

/* The width of a cell from column *col over span columns (0: one); *col moves past it. */
static double cell_width(const double *widths, size_t ncols, size_t *col, int span)
{
	double w = 0;
	size_t k, n = span > 1 ? (size_t)span : 1;

	for (k = 0; k < n && *col < ncols; k++)
		w += widths[(*col)++];
	return w;
}

static void measure_table(struct measure *ms, struct mblock *mb, double cw)
{
	const struct nv_pl_table *t = mb->b->table;
	double x0 = 0, total = 0, x, head = 0, *widths = nv_xcalloc(t->ncols + 1, sizeof(double));
	size_t r, c, col;

	nv_pl_table_widths(ms->en, t, widths);
	for (c = 0; c < t->ncols; c++)
		total += widths[c];
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
		col = 0;
		for (c = 0; c < row->ncells; c++) {
			struct mcell *mc = &mr->cells[c];
			struct nv_pl_style st;
			size_t alloc = 0;

			mc->x = x;
			mc->w = row->section
					? total
					: cell_width(widths, t->ncols, &col, row->cells[c].span);
			x += mc->w;
			memset(&st, 0, sizeof(st));
			st.size = t->size;
			st.bold = row->cells[c].bold;
			st.align = row->cells[c].align;
			st.hyphenate = row->cells[c].hyphenate;
			mc->h = nv_pl_set_text(ms, row->cells[c].markup, &st, mc->w - 2 * CELL_HPAD,
					       mc->x + CELL_HPAD, 0, &mc->lines, &mc->n, &alloc);
			if (mc->h + 2 * CELL_VPAD > mr->h)
				mr->h = mc->h + 2 * CELL_VPAD;
		}
		if (mr->h < row->min_height)
			mr->h = row->min_height;
		if (mr->h < t->size * 1.15 + 2 * CELL_VPAD)
			mr->h = t->size * 1.15 + 2 * CELL_VPAD;
		mb->h += mr->h;
		if (r < t->nheader)
			head += mr->h;
	}
	mb->room = nv_pl_content_height(ms->en, mb->landscape);
	if (head <= mb->room / 3)
		mb->room -= head;
	free(widths);
}

void nv_pl_measure(struct measure *ms, const struct nv_pl_doc *doc, struct mblock *m, size_t from,
		   size_t to)
{
	bool landscape = doc->landscape;
	size_t i;

	for (i = 0; i < to; i++) {
		const struct nv_pl_block *b = &doc->v[i];
		double cw;

		if (b->kind == NV_PL_BREAK)
			landscape = b->landscape;
		if (i < from)
			continue;
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
		case NV_PL_IMAGE:
			nv_pl_measure_image(ms->en, &m[i], cw);
			break;
		case NV_PL_SPACE:
		case NV_PL_BREAK:
			break;
		}
	}
}

static void mblocks_free(struct mblock *m, size_t n)
{
	size_t i, r, c;

	for (i = 0; i < n; i++) {
		free(m[i].lines);
		free(m[i].top);
		for (r = 0; r < m[i].nrows; r++) {
			for (c = 0; c < m[i].rows[r].n; c++)
				free(m[i].rows[r].cells[c].lines);
			free(m[i].rows[r].cells);
		}
		free(m[i].rows);
	}
	free(m);
}

/*
 * The lines of a COLUMNS block are placed by place_lines() (print_paginate.c)
 * like those of a paragraph: their x already includes the column's offset.
 */
/*
 * Paginate the measured blocks m of doc into ms->out; at_top (doc->nr of
 * them, may be NULL) gets which blocks began a page.
 */
static void paginate(struct measure *ms, const struct nv_pl_doc *doc, const struct mblock *m,
		     bool *at_top)
{
	struct pager pg;

	memset(&pg, 0, sizeof(pg));
	pg.en = ms->en;
	pg.doc = doc;
	pg.out = ms->out;
	pg.ms = ms;
	pg.landscape = doc->landscape;
	pg.outline = doc->outline ? nv_xstrdup(doc->outline) : NULL;
	pg.at_top = at_top;
	pg.m0 = m;
	nv_pl_paginate(&pg, m, doc->nr);
	free(pg.outline);
}

/* Block mb begins a page: it shows its top_markup. */
static void use_top(struct mblock *mb)
{
	struct mline *l = mb->lines;
	size_t n = mb->n, a = mb->alloc;
	double h = mb->h;

	mb->lines = mb->top;
	mb->n = mb->ntop;
	mb->alloc = mb->atop;
	mb->h = mb->htop;
	mb->top = l;
	mb->ntop = n;
	mb->atop = a;
	mb->htop = h;
}

/*
 * Measure doc once and paginate it. A block with a top_markup that began
 * a page shows it instead: the pages are made again from the same
 * measures (both texts were laid out), the layouts of the first pages'
 * numbers dropped, so that the result is that of a layout from scratch.
 */
static struct nv_pl_pages *layout(struct nv_pl_engine *en, struct nv_pl_engine **twin,
				  const struct nv_pl_doc *doc)
{
	bool *at_top = nv_xcalloc(doc->nr + 1, sizeof(bool)), again = false;
	struct nv_pl_pages *out = nv_xcalloc(1, sizeof(*out));
	struct measure ms = { en, out };
	struct mblock *m;
	size_t i, kept;

	out->title = doc->title;
	out->author = doc->author;
	m = nv_xcalloc(doc->nr + 1, sizeof(*m));
	if (twin)
		nv_pl_measure_two(&ms, twin, doc, m);
	else
		nv_pl_measure(&ms, doc, m, 0, doc->nr);
	kept = out->nlayouts;
	paginate(&ms, doc, m, at_top);
	for (i = 0; i < doc->nr; i++) {
		at_top[i] = at_top[i] && doc->v[i].top_markup;
		again = again || at_top[i];
	}
	if (again) {
		nv_pl_drop_pages(out, kept);
		for (i = 0; i < doc->nr; i++)
			if (at_top[i])
				use_top(&m[i]);
		paginate(&ms, doc, m, NULL);
	}
	mblocks_free(m, doc->nr + 1);
	free(ms.offs);
	free(at_top);
	return out;
}

struct nv_pl_pages *nv_pl_layout(struct nv_pl_engine *en, const struct nv_pl_doc *doc)
{
	return layout(en, NULL, doc);
}

struct nv_pl_pages *nv_pl_layout_two(struct nv_pl_engine *en, struct nv_pl_engine **twin,
				     const struct nv_pl_doc *doc)
{
	return layout(en, twin, doc);
}

/* --- text ---------------------------------------------------------------------- */

/*
 * Append s (n bytes) without the characters that do not show and may
 * split a word: soft hyphens, zero-width spaces and joiners, the byte
 * order mark, combining acute and grave accents; no-break spaces and
 * line separators become spaces, newlines too.
 */
static void add_visible(struct nv_buf *out, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t c;

	while (i < n) {
		k = nv_utf8_decode(s + i, n - i, &c);
		if (!k) { /* not UTF-8: kept as it is, byte by byte */
			nv_buf_addch(out, s[i++]);
			continue;
		}
		if (c == 0xA0 || c == 0x2028 || c == 0x2029 || c == '\n' || c == '\r' ||
		    c == 0x202F || c == 0x2007)
			nv_buf_addch(out, ' ');
		else if (!(c == 0xAD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
			   c == 0xFEFF || c == 0x0300 || c == 0x0301 || c == 0x034F))
			nv_buf_add(out, s + i, k);
		i += k;
	}
}

/* Plain text (a title, a bookmark), visible only, as a line; NULL or "" adds nothing. */
static void add_plain(struct nv_buf *out, const char *s)
{
	if (!s || !*s)
		return;
	add_visible(out, s, strlen(s));
	nv_buf_addch(out, '\n');
}

void nv_pl_text(const struct nv_pl_pages *p, struct nv_buf *out)
{
	size_t i;

	add_plain(out, p->title);
	add_plain(out, p->author);
	for (i = 0; i < p->nr; i++)
		add_plain(out, p->v[i].outline);
	/* The layouts of single lines (print_break.c) repeat their paragraph's text. */
	for (i = 0; i < p->nlayouts; i++)
		if (!g_object_get_data(G_OBJECT(p->layouts[i]), "nv-line"))
			add_plain(out, pango_layout_get_text(p->layouts[i]));
}

/* The text markup shows as the engine sets it (set_markup()), visible only. */
static void add_markup_text(struct nv_buf *out, const char *markup)
{
	struct nv_buf t = NV_BUF_INIT;
	char *text = NULL;

	if (!markup || !*markup)
		return;
	glue(&t, markup, NULL);
	if (pango_parse_markup(t.ptr, (int)t.len, 0, NULL, &text, NULL, NULL) && text)
		add_visible(out, text, strlen(text));
	else
		add_visible(out, t.ptr, t.len);
	nv_buf_addch(out, '\n');
	g_free(text);
	nv_buf_release(&t);
}

void nv_pl_doc_text(const struct nv_pl_doc *doc, struct nv_buf *out)
{
	size_t i, k, j;

	add_plain(out, doc->title);
	add_plain(out, doc->author);
	add_plain(out, doc->outline);
	for (i = 0; i < doc->nr; i++) {
		const struct nv_pl_block *b = &doc->v[i];
		add_plain(out, b->outline);
		add_markup_text(out, b->markup);
		add_markup_text(out, b->top_markup);
		for (k = 0; k < b->ncols; k++)
			for (j = 0; j < b->cols[k].nparas; j++)
				add_markup_text(out, b->cols[k].paras[j].markup);
		for (k = 0; b->table && k < b->table->nrows; k++)
			for (j = 0; j < b->table->rows[k].ncells; j++)
				add_markup_text(out, b->table->rows[k].cells[j].markup);
	}
}
