/*
 * print_paginate.c: the second phase of the print engine, pagination of
 * measured blocks; see the design comment of print_layout.c for the keep
 * rules and print.h for the structure it writes. Tables are placed by
 * print_table.c; this file holds the pager (pages, page numbers, the
 * structure of the tagged PDF), paragraphs and column blocks, and the
 * loop over the blocks.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "print.h"
#include "print_int.h"

struct nv_pl_item *nv_pl_add_item(struct nv_pl_page *pg, enum nv_pl_item_kind kind, double x,
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

void nv_pl_tag_open(struct pager *pg, const char *tag)
{
	nv_pl_add_item(pg->page, NV_PL_ITEM_BEGIN, 0, 0, 0, 0)->tag = tag;
}

void nv_pl_tag_close(struct pager *pg, const char *tag)
{
	nv_pl_add_item(pg->page, NV_PL_ITEM_END, 0, 0, 0, 0)->tag = tag;
}

/* Close lists until `level` of them are open. */
void nv_pl_close_lists(struct pager *pg, int level)
{
	for (; pg->lists > level; pg->lists--) {
		nv_pl_tag_close(pg, "LI");
		nv_pl_tag_close(pg, "L");
	}
}

/*
 * Open the Document and the section of the current bookmark when they
 * are not open: just before their first content, so that they begin on
 * the page of that content, after its page number.
 */
void nv_pl_struct_ready(struct pager *pg)
{
	if (!pg->doc_open) {
		nv_pl_tag_open(pg, "Document");
		pg->doc_open = true;
	}
	if (!pg->sect_open) {
		nv_pl_tag_open(pg, "Sect");
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

	nv_pl_struct_ready(pg);
	if (!strcmp(tag, "LI")) {
		if (level < 1)
			level = 1;
		nv_pl_close_lists(pg, level);
		if (pg->lists == level)
			nv_pl_tag_close(pg, "LI");
		while (pg->lists < level) {
			nv_pl_tag_open(pg, "L");
			if (++pg->lists < level)
				nv_pl_tag_open(pg, "LI");
		}
		nv_pl_tag_open(pg, "LI");
		tag = "LBody";
	} else {
		nv_pl_close_lists(pg, level);
	}
	nv_pl_tag_open(pg, tag);
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
	nv_pl_set_text(pg->ms, num, &st, p->w, 0, 0, &lines, &n, &alloc);
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
		nv_pl_add_item(p, NV_PL_ITEM_BOX, x, y, w, lines[0].h)->role = "number";
		it = nv_pl_add_item(p, NV_PL_ITEM_LINE, x, y + lines[0].base, w, lines[0].h);
		it->line = lines[0].pl;
	}
	free(lines);
}

void nv_pl_new_page(struct pager *pg)
{
	const struct nv_print_opts *o = &pg->en->o;
	struct nv_pl_pages *out = pg->out;
	struct nv_pl_page *p;

	/* A bookmark ends the section of the structure before it. */
	if (pg->outline && pg->page) {
		nv_pl_close_lists(pg, 0);
		if (pg->sect_open)
			nv_pl_tag_close(pg, "Sect");
		pg->sect_open = false;
	}
	NV_GROW(out->v, out->nr + 1, out->alloc);
	p = &out->v[out->nr++];
	memset(p, 0, sizeof(*p));
	p->landscape = pg->landscape;
	p->w = nv_pl_page_w(pg->landscape);
	p->h = nv_pl_page_h(pg->landscape);
	p->outline = pg->outline;
	pg->outline = NULL;
	pg->page = p;
	pg->y = 0;
	pg->row_page = 0;
	pg->top = o->margin_top * NV_PT_PER_MM;
	pg->left = o->margin_left * NV_PT_PER_MM;
	pg->H = nv_pl_content_height(pg->en, pg->landscape);
	if ((int)out->nr >= pg->doc->first_number && !pg->unnumbered) {
		p->number = (int)out->nr;
		add_number(pg);
	}
}

static void ensure_page(struct pager *pg)
{
	if (!pg->page)
		nv_pl_new_page(pg);
}

/* Height of lines [s, e) of a block. */
bool nv_pl_line_ends_in_word(const struct mline *l)
{
	const char *t = pango_layout_get_text(l->pl->layout) + l->pl->start_index;
	int n = l->pl->length;

	while (n > 0 && t[n - 1] == ' ')
		n--;
	if (n >= 2 && !memcmp(t + n - 2, "\xC2\xAD", 2))
		return true;
	return n >= 2 && t[n - 1] == '-' && t[n - 2] != ' ';
}

double nv_pl_lines_h(const struct mline *l, size_t s, size_t e)
{
	return e > s ? l[e - 1].top + l[e - 1].h - l[s].top : 0;
}

static bool unsplittable(const struct mblock *mb)
{
	const struct nv_pl_style *st = &mb->b->st;

	return mb->b->kind == NV_PL_COLUMNS || mb->b->kind == NV_PL_IMAGE || st->keep_together ||
	       st->keep_next || st->at_bottom || mb->n < 4;
}

/* Space before block i if it is not at the top of a page. */
static double before(const struct mblock *m, size_t i)
{
	return m[i].b->st.before;
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
		return nv_pl_table_lead(mb);
	case NV_PL_PARA:
	case NV_PL_COLUMNS:
	case NV_PL_IMAGE:
		break;
	}
	if (!unsplittable(mb))
		return nv_pl_lines_h(mb->lines, 0, 2);
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

void nv_pl_place_box(struct pager *pg, const struct mblock *mb, double x, double w, double h)
{
	struct nv_pl_item *it =
		nv_pl_add_item(pg->page, NV_PL_ITEM_BOX, pg->left + x, pg->top + pg->y, w, h);

	it->role = mb->b->st.role		  ? mb->b->st.role
		   : mb->b->kind == NV_PL_COLUMNS ? "columns"
		   : mb->b->kind == NV_PL_TABLE	  ? "table"
		   : mb->b->kind == NV_PL_IMAGE	  ? "image"
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
	double h = s == 0 && e == mb->n ? mb->h : nv_pl_lines_h(mb->lines, s, e);
	const char *open = NULL;
	size_t i;

	if (e <= s)
		return;
	if (para && s == 0) {
		if (pg->at_top && pg->m0)
			pg->at_top[mb - pg->m0] = pg->y < 0.01;
		pg->leaf = open_para(pg, &mb->b->st);
	} else if (!para) {
		nv_pl_struct_ready(pg);
		nv_pl_close_lists(pg, 0);
	}
	if (para && span)
		nv_pl_tag_open(pg, "Span");
	dy = pg->y - mb->lines[s].top;
	nv_pl_place_box(pg, mb, x, w, h);
	for (i = s; i < e; i++) {
		const struct mline *l = &mb->lines[i];
		struct nv_pl_item *it;
		PangoRectangle log;

		if (l->tag) {
			if (open)
				nv_pl_tag_close(pg, open);
			nv_pl_tag_open(pg, open = l->tag);
		}
		it = nv_pl_add_item(pg->page, NV_PL_ITEM_LINE, pg->left + l->x,
				    pg->top + dy + l->base, 0, l->h);
		pango_layout_line_get_extents(l->pl, NULL, &log);
		it->w = (double)log.width / PANGO_SCALE;
		it->line = l->pl;
	}
	if (open)
		nv_pl_tag_close(pg, open);
	if (para && span)
		nv_pl_tag_close(pg, "Span");
	if (para && e == mb->n)
		nv_pl_tag_close(pg, pg->leaf);
	pg->y += h;
}

/*
 * A paragraph that may break between pages, keeping two lines on each
 * side and never after a line that ends inside a word (when the page
 * keeps two lines without it).
 */
static void place_split(struct pager *pg, const struct mblock *mb, double gap, double after)
{
	size_t s = 0, n = mb->n, k;

	while (s < n) {
		double avail = pg->H - pg->y - gap;
		double rest = nv_pl_lines_h(mb->lines, s, n);

		if (rest + after <= avail + 0.01) {
			pg->y += gap;
			place_lines(pg, mb, s, n);
			return;
		}
		for (k = 0; s + k < n && nv_pl_lines_h(mb->lines, s, s + k + 1) <= avail + 0.01;
		     k++)
			;
		if (k + s + 2 > n)
			k = n - s >= 2 ? n - s - 2 : 0;
		/* A page does not end inside a word: the hyphenated line goes over too. */
		while (k > 2 && s + k < n && nv_pl_line_ends_in_word(&mb->lines[s + k - 1]))
			k--;
		if (k < 2) {
			if (pg->y > 0) {
				nv_pl_new_page(pg);
				gap = 0;
				continue;
			}
			/* An empty page that cannot hold the rules: fill it. */
			for (k = 0;
			     s + k < n && nv_pl_lines_h(mb->lines, s, s + k + 1) <= avail + 0.01;
			     k++)
				;
			if (k == 0)
				k = 1;
		}
		pg->y += gap;
		place_lines(pg, mb, s, s + k);
		s += k;
		if (s < n) {
			nv_pl_new_page(pg);
			gap = 0;
		}
	}
}

void nv_pl_paginate(struct pager *pg, const struct mblock *m, size_t n)
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
			nv_pl_new_page(pg);
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
			nv_pl_place_table(pg, m, i, gap);
			break;
		case NV_PL_PARA:
		case NV_PL_COLUMNS:
		case NV_PL_IMAGE:
			if (!mb->n && b->kind != NV_PL_IMAGE)
				break;
			if (!unsplittable(mb)) {
				place_split(pg, mb, gap, tail(m, n, i));
				break;
			}
			need = gap + mb->h + tail(m, n, i);
			if (pg->y > 0 && pg->y + need > pg->H + 0.01) {
				nv_pl_new_page(pg);
				gap = 0;
			}
			pg->y += gap;
			if (b->kind == NV_PL_IMAGE) {
				nv_pl_place_image(pg, mb);
				break;
			}
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
	nv_pl_close_lists(pg, 0);
	if (pg->sect_open)
		nv_pl_tag_close(pg, "Sect");
	if (pg->doc_open)
		nv_pl_tag_close(pg, "Document");
}

/* Drop the pages of out and the layouts past the first kept (those of the pages). */
void nv_pl_drop_pages(struct nv_pl_pages *out, size_t kept)
{
	size_t i;

	for (i = 0; i < out->nr; i++) {
		free(out->v[i].items);
		free(out->v[i].outline);
	}
	free(out->v);
	out->v = NULL;
	out->nr = out->alloc = 0;
	for (i = kept; i < out->nlayouts; i++)
		g_object_unref(out->layouts[i]);
	out->nlayouts = kept;
}

void nv_pl_pages_free(struct nv_pl_pages *p)
{
	if (!p)
		return;
	nv_pl_drop_pages(p, 0);
	free(p->layouts);
	free(p);
}
