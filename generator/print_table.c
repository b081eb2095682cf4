/*
 * print_table.c: pagination of tables; see print_layout.c for the rules.
 *
 * Header rows repeat on each page (unless they take more than a third of
 * it), a section row goes with the row after it, a row with merged cells
 * with the row above. A row that does not fit moves to the next page
 * whole when it fits there; the last row of a table (or its last group
 * of rows joined by merged cells) never stands alone on a page, the row
 * (group) before it goes along. Only a row taller than a page
 * breaks, between its lines: each cell keeps two lines on each side of
 * the break and no word is cut at it (a line ending in a hyphen stays
 * with the next one); the continuation shows the cells that name the row
 * again (struct nv_pl_cell.repeat: №, names). Cell borders of merged
 * rows are left open where they join.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "print.h"
#include "print_int.h"

/* --- column widths ------------------------------------------------------------ */

/*
 * The narrowest and the widest a cell can be set (pt, with its padding):
 * its longest word (no hyphenation, as a browser's min-content), and its
 * paragraphs without wrapping (max-content).
 */
static void cell_extent(struct nv_pl_engine *en, const struct nv_pl_cell *cell, double size,
			double *min, double *max)
{
	struct nv_buf key = NV_BUF_INIT;
	struct nv_pl_style st;
	PangoLayout *l;
	PangoLayoutIter *it;
	PangoRectangle log;
	int pass;

	*min = *max = 2 * CELL_HPAD;
	if (!cell->markup || !*cell->markup)
		return;
	nv_buf_addf(&key, "%a %d|%s", size, cell->bold, cell->markup);
	if (nv_pl_cache_get_extent(en, &key, min, max))
		goto out;
	memset(&st, 0, sizeof(st));
	st.size = size;
	st.bold = cell->bold;
	for (pass = 0; pass < 2; pass++) {
		double *o = pass ? max : min;
		l = nv_pl_layout_text(en, cell->markup, &st, pass ? -1 : 1, PANGO_WRAP_WORD);
		it = pango_layout_get_iter(l);
		do {
			pango_layout_iter_get_line_extents(it, NULL, &log);
			if ((double)log.width / PANGO_SCALE + 2 * CELL_HPAD > *o)
				*o = (double)log.width / PANGO_SCALE + 2 * CELL_HPAD;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		g_object_unref(l);
	}
	nv_pl_cache_put_extent(en, &key, *min, *max);
out:
	nv_buf_release(&key);
}

/*
 * The automatic table layout of CSS as browsers do it, in a table of
 * width W: each column gets its min-content width and the rest of W is
 * shared in proportion to what each column would take more up to its
 * max-content width; when even max-content leaves room, the room goes in
 * proportion to max-content. Columns narrower than their longest word
 * are only set when W is narrower than all the longest words: then the
 * min-content widths shrink in proportion.
 */
static void auto_layout(const double *min, const double *max, size_t n, double W, double *w)
{
	double smin = 0, smax = 0;
	size_t c;

	for (c = 0; c < n; c++) {
		smin += min[c];
		smax += max[c];
	}
	for (c = 0; c < n; c++) {
		if (smin >= W)
			w[c] = min[c] * W / smin;
		else if (smax <= W)
			w[c] = max[c] + (W - smax) * max[c] / smax;
		else
			w[c] = min[c] + (max[c] - min[c]) * (W - smin) / (smax - smin);
	}
}

void nv_pl_table_widths(struct nv_pl_engine *en, const struct nv_pl_table *t, double *w)
{
	double *min, *max, lo, hi, W = 0;
	size_t r, c, n = t->ncols;

	for (c = 0; c < n; c++)
		W += w[c] = t->widths[c];
	if (!t->auto_widths || !n)
		return;
	min = nv_xcalloc(2 * n, sizeof(double));
	max = min + n;
	for (r = 0; r < t->nrows; r++) {
		const struct nv_pl_row *row = &t->rows[r];
		for (c = 0; !row->section && c < row->ncells && c < n; c++) {
			if (row->cells[c].span > 1)
				break; /* the columns no longer match the cells */
			cell_extent(en, &row->cells[c], t->size, &lo, &hi);
			min[c] = lo > min[c] ? lo : min[c];
			max[c] = hi > max[c] ? hi : max[c];
		}
	}
	auto_layout(min, max, n, W, w);
	free(min);
}

/* --- pagination ------------------------------------------------------------------ */

/* One line of a table's text with the cell padding, as rows are measured. */
static double one_line(const struct mblock *mb)
{
	return mb->b->table->size * 1.15;
}

/*
 * A row that may break between pages: one taller than a page below the
 * header (any other moves whole), of four lines at least.
 */
static bool row_may_break(const struct mblock *mb, const struct mrow *mr)
{
	return !mr->r->section && mr->h > mb->room + 0.01 &&
	       mr->h >= 4 * one_line(mb) + 2 * CELL_VPAD;
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
double nv_pl_table_lead(const struct mblock *mb)
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
		for (e = s; e < n && nv_pl_lines_h(mc->lines, s, e + 1) <= content + 0.01; e++)
			;
		if (strict && e < n) {
			if (n - e < 2)
				e = n >= s + 2 ? n - 2 : s;
			while (e > s && nv_pl_line_ends_in_word(&mc->lines[e - 1]))
				e--;
			if (e - s < 2)
				e = s;
		}
		end[c] = e;
		placed += e - s;
	}
	return placed;
}

/*
 * Choose end[] for a fragment of row mr with `content` pt for its text:
 * strictly (row_ends()), else as many lines as fit.
 */
static void fragment_ends(const struct mrow *mr, const size_t *next, double content, size_t *end)
{
	size_t c;

	if (!row_ends(mr, next, content, true, end) && !row_done(mr, next) &&
	    !row_ends(mr, next, content, false, end)) {
		/* Not one line fits below the header: set one anyway, or the row never ends. */
		for (c = 0; c < mr->n; c++)
			if (next[c] < mr->cells[c].n) {
				end[c] = next[c] + 1;
				break;
			}
	}
}

/*
 * Open the border between cell c of a row, just added as the page's last
 * RECT item, and the cell above it when both are merged (`join`). rect is
 * where to look for the border of the cell above, box the row's BOX item;
 * returns where to look for the next cell.
 */
static size_t join_border(struct pager *pg, const struct mrow *mr, size_t c, bool join, size_t rect,
			  size_t box)
{
	/* The border of the cell above: the next RECT after the last one used. */
	while (join && rect < pg->page->nitems && pg->page->items[rect].kind != NV_PL_ITEM_RECT)
		rect++;
	if (join && c < mr->r->ncells && mr->r->cells[c].joined && rect < box) {
		pg->page->items[rect].open |= NV_PL_OPEN_BOTTOM;
		pg->page->items[pg->page->nitems - 1].open |= NV_PL_OPEN_TOP;
	}
	return rect + 1;
}

/*
 * Put lines [s, e) of cell mc at the cursor, CELL_VPAD below the top of
 * the row fragment of height h, or centred vertically in a header.
 */
static void place_cell_lines(struct pager *pg, const struct mcell *mc, size_t s, size_t e,
			     bool header, double h)
{
	double off = CELL_VPAD, dy;
	struct nv_pl_item *it;
	size_t i;

	if (e <= s)
		return;
	if (header)
		off = (h - nv_pl_lines_h(mc->lines, s, e)) / 2;
	dy = pg->y + off - mc->lines[s].top;
	for (i = s; i < e; i++) {
		PangoRectangle log;
		it = nv_pl_add_item(pg->page, NV_PL_ITEM_LINE, pg->left + mc->lines[i].x,
				    pg->top + dy + mc->lines[i].base, 0, mc->lines[i].h);
		pango_layout_line_get_extents(mc->lines[i].pl, NULL, &log);
		it->w = (double)log.width / PANGO_SCALE;
		it->line = mc->lines[i].pl;
	}
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
	double h = 0, used, w = 0;
	size_t c, *end = nv_xcalloc(mr->n + 1, sizeof(size_t)), box, rect;
	size_t *from = nv_xcalloc(mr->n + 1, sizeof(size_t));
	bool done = true, join = false;
	const char *cell = header ? "TH" : "TD";

	fragment_ends(mr, next, avail - 2 * CELL_VPAD, end);
	for (c = 0; c < mr->n; c++) {
		const struct mcell *mc = &mr->cells[c];
		from[c] = next[c];
		/* A continuation names its row again. */
		if (!fresh && mr->r->cells[c].repeat && next[c] >= mc->n &&
		    nv_pl_lines_h(mc->lines, 0, mc->n) + 2 * CELL_VPAD <= avail + 0.01)
			from[c] = 0;
		used = nv_pl_lines_h(mc->lines, from[c], end[c]) + 2 * CELL_VPAD;
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
	nv_pl_add_item(pg->page, NV_PL_ITEM_BOX, pg->left + (mr->n ? mr->cells[0].x : 0),
		       pg->top + pg->y, w, h)
		->role = mr->r->section ? "section-row"
			 : header	? "header-row"
			 : !done	? "row-split" /* goes on on the next page */
					: "row";
	/* Merged with the row above on this page: no border between them. */
	join = join && fresh && pg->row_page == pg->out->nr;
	rect = pg->row_box;
	if (tagged)
		nv_pl_tag_open(pg, "TR");
	for (c = 0; c < mr->n; c++) {
		const struct mcell *mc = &mr->cells[c];
		nv_pl_add_item(pg->page, NV_PL_ITEM_RECT, pg->left + mc->x, pg->top + pg->y, mc->w,
			       h);
		rect = join_border(pg, mr, c, join, rect, box);
		if (mr->r->cells[c].bar > 0)
			nv_pl_add_item(pg->page, NV_PL_ITEM_FILL, pg->left + mc->x + CELL_VPAD,
				       pg->top + pg->y + CELL_VPAD,
				       (mc->w - 2 * CELL_VPAD) *
					       (mr->r->cells[c].bar > 1 ? 1 : mr->r->cells[c].bar),
				       h - 2 * CELL_VPAD);
		if (tagged)
			nv_pl_tag_open(pg, cell);
		place_cell_lines(pg, mc, from[c], end[c], header, h);
		if (tagged)
			nv_pl_tag_close(pg, cell);
		next[c] = end[c];
	}
	if (tagged)
		nv_pl_tag_close(pg, "TR");
	pg->row_page = pg->out->nr;
	pg->row_box = box;
	pg->y += h;
	free(end);
	free(from);
}

/* Height of what is left of a row. */
static double row_rest(const struct mrow *mr, const size_t *next)
{
	double h = 0, x;
	size_t c;

	for (c = 0; c < mr->n; c++) {
		x = nv_pl_lines_h(mr->cells[c].lines, next[c], mr->cells[c].n) + 2 * CELL_VPAD;
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

static bool row_joined(const struct mrow *mr)
{
	size_t c;

	for (c = 0; c < mr->r->ncells; c++)
		if (mr->r->cells[c].joined)
			return true;
	return false;
}

/*
 * Whether row r, which fits at the cursor (need: its row_keep()), should
 * go to the next page anyway so that the table's last row does not
 * stand alone there: the last row comes next, does not fit below r, and
 * both fit on a new page. The last row is the last group of rows when
 * rows are joined to it by merged cells (a mentor with two mentees), and
 * r heads the group before it. `placed`: rows of the table on this page.
 */
static bool leaves_last_alone(const struct pager *pg, const struct mblock *mb, size_t r,
			      double need, size_t placed)
{
	size_t g = mb->nrows - 1, e = r + 1, k;
	double last = 0;

	while (g > r && row_joined(&mb->rows[g]))
		g--;
	while (e < mb->nrows && row_joined(&mb->rows[e]))
		e++;
	if (!placed || e != g || row_joined(&mb->rows[r]) || mb->rows[r].r->section)
		return false;
	for (k = g; k < mb->nrows; k++)
		last += mb->rows[k].h;
	/* need holds r's group when it fits on half a page (row_keep()). */
	return pg->y + need + last > pg->H + 0.01 && need + last <= mb->room + 0.01;
}

void nv_pl_place_table(struct pager *pg, const struct mblock *m, size_t i, double gap)
{
	const struct mblock *mb = &m[i];
	size_t r, nh = mb->b->table->nheader, *next, placed = 0;
	double need, avail;
	bool fresh;

	if (pg->y > 0 && pg->y + gap + nv_pl_table_lead(mb) > pg->H + 0.01) {
		nv_pl_new_page(pg);
		gap = 0;
	}
	pg->y += gap;
	nv_pl_struct_ready(pg);
	nv_pl_close_lists(pg, 0);
	nv_pl_tag_open(pg, "Table");
	nv_pl_place_box(pg, mb, 0, nv_pl_content_width(pg->en, pg->landscape), mb->h);
	place_header(pg, mb, true);
	for (r = nh; r < mb->nrows; r++) {
		const struct mrow *mr = &mb->rows[r];

		next = nv_xcalloc(mr->n + 1, sizeof(size_t));
		fresh = true;
		need = row_keep(mb, r, pg->H);
		if (pg->y + need <= pg->H + 0.01 && !leaves_last_alone(pg, mb, r, need, placed)) {
			place_row(pg, mr, next, mr->h, false, true, true);
			placed++;
			free(next);
			continue;
		}
		/* A row that fits on a page moves there whole; a longer one breaks here. */
		if (row_breaks_here(pg, mb, r, next)) {
			place_row(pg, mr, next, pg->H - pg->y, false, true, true);
			fresh = false;
		}
		while (fresh || !row_done(mr, next)) {
			nv_pl_new_page(pg);
			place_header(pg, mb, false);
			avail = pg->H - pg->y;
			need = fresh ? mr->h : row_rest(mr, next);
			place_row(pg, mr, next, need < avail ? need : avail, false, fresh, true);
			fresh = false;
		}
		placed = 1;
		free(next);
	}
	nv_pl_tag_close(pg, "Table");
}
