/*
 * print_body.c: Markdown bodies as print blocks; see print_docs_int.h.
 *
 * Markdown bodies are walked with cmark's iterator: paragraphs are
 * justified with a 1.25 cm first-line indent, items of ordered lists get
 * their numbers written out («2.1.»), bullets a dash, headings are bold
 * and centred and stay with what follows. An image on a line of its own
 * (nv_md_image_alone()) is a picture, centred, with its text under it;
 * any other shows its text. Markdown headings are H2 and below in the
 * tagged PDF (the title is H1), list items LI with their nesting, pictures
 * Figure, everything else a paragraph (P).
 */
#include "common.h"

#include <cmark.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "md_table.h"
#include "print.h"
#include "print_docs_int.h"

#define MAX_LIST_NEST 16

struct list_level {
	bool ordered;
	bool paren; /* numbered «1)», not «1.» */
	int n;
	bool fresh; /* the next paragraph is the first of the current item */
};

struct body {
	struct printer *p;
	const struct nv_entry *e;
	struct nv_buf text;
	bool open; /* inside a paragraph or heading */
	bool item; /* the paragraph begins a list item */
	int heading;
	struct list_level lists[MAX_LIST_NEST];
	int depth; /* lists open; deeper levels count but are not tracked */
	int quote;
	/* A table (md_table.h) being read: the markup of its cells, in order. */
	const struct nv_md_table *table;
	char **cells;
	bool in_cell, caption;
	int table_depth;    /* lists open around the table */
	struct nv_buf cell; /* the markup of the cell being read */
};

static void body_prefix(struct body *bd)
{
	struct list_level *l;
	int i, top = bd->depth < MAX_LIST_NEST ? bd->depth : MAX_LIST_NEST;

	if (!top)
		return;
	l = &bd->lists[top - 1];
	if (!l->fresh)
		return;
	l->fresh = false;
	bd->item = true;
	/* In a table cell a nested item is set off by spaces: a cell has no indents. */
	for (i = bd->table_depth + 1; bd->in_cell && i < top; i++)
		nv_buf_adds(&bd->text, NBSP NBSP NBSP);
	if (!l->ordered) {
		nv_buf_adds(&bd->text, "–" NBSP);
		return;
	}
	/* «1)» as written: its own number only; «1.» carries its parents' («2.1.»). */
	if (l->paren) {
		nv_buf_addf(&bd->text, "%d)" NBSP, l->n);
		return;
	}
	for (i = 0; i < top; i++)
		if (bd->lists[i].ordered && !bd->lists[i].paren)
			nv_buf_addf(&bd->text, "%d.", bd->lists[i].n);
	nv_buf_addch(&bd->text, ' ');
}

/*
 * A paragraph of a form set ragged: with a line to fill in or a box to
 * tick, or a short one («Программа: …»); prose stays justified.
 */
static bool form_line(const char *text)
{
	return text &&
	       (strstr(text, "___") || !strncmp(text, "\xE2\x98\x90", 3) || strlen(text) < 200);
}

static void body_emit(struct body *bd)
{
	static const char *const h[] = { "H2", "H3", "H4", "H5", "H6" };
	struct nv_pl_style st = body_style();

	if (bd->in_cell) {
		/* A cell is one markup: its paragraphs and items on lines of their own. */
		if (bd->cell.len && bd->text.len)
			nv_buf_addch(&bd->cell, '\n');
		nv_buf_adds(&bd->cell, bd->heading ? "<b>" : "");
		nv_buf_add(&bd->cell, bd->text.ptr ? bd->text.ptr : "", bd->text.len);
		nv_buf_adds(&bd->cell, bd->heading ? "</b>" : "");
	} else if (bd->caption) {
		st = style(NV_PL_CENTER);
		st.bold = true;
		st.keep_next = true;
		st.before = 6;
		st.role = "caption";
	} else if (bd->heading) {
		st = style(bd->heading <= 2 ? NV_PL_CENTER : NV_PL_JUSTIFY);
		st.indent = bd->heading <= 2 ? 0 : INDENT;
		st.bold = true;
		st.keep_next = true;
		st.before = bd->heading <= 2 ? 12 : 6;
		st.after = 6;
		st.role = "heading";
		/* The document's title is H1; Markdown's # is the level below it. */
		st.tag = h[bd->heading <= 5 ? bd->heading - 1 : 4];
	} else {
		st.left = bd->quote * INDENT;
		st.role = bd->depth ? "item" : "para";
		st.list = bd->depth < MAX_LIST_NEST ? bd->depth : MAX_LIST_NEST;
		st.tag = bd->item ? "LI" : NULL;
		if (bd->p->form && bd->quote) {
			/* A form's quote is its addressee: the right half of the page. */
			st.left = bd->p->cw / 2;
			st.align = NV_PL_LEFT;
			st.indent = 0;
		} else if (bd->p->form && form_line(bd->text.ptr)) {
			/* A line of a form to fill in: stretched, its blanks would gape. */
			st.align = NV_PL_LEFT;
			st.indent = 0;
		}
	}
	if (bd->text.len && !bd->in_cell)
		nv_pr_para(bd->p, bd->text.ptr, st);
	nv_buf_reset(&bd->text);
	bd->open = false;
	bd->item = false;
	bd->heading = 0;
}

/* A list opens (enter) or closes: its kind and first number. */
static void body_list(struct body *bd, cmark_node *node, bool enter)
{
	struct list_level *l;

	if (!enter) {
		bd->depth--;
		return;
	}
	if (bd->depth < MAX_LIST_NEST) {
		l = &bd->lists[bd->depth];
		l->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
		l->paren = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM;
		l->n = cmark_node_get_list_start(node) - 1;
		if (l->n < 0)
			l->n = 0;
		l->fresh = false;
	}
	bd->depth++;
}

/* An item of the innermost list begins: the next paragraph carries its number. */
static void body_item(struct body *bd)
{
	struct list_level *l;

	if (bd->depth > 0 && bd->depth <= MAX_LIST_NEST) {
		l = &bd->lists[bd->depth - 1];
		l->n++;
		l->fresh = true;
	}
}

/* A heading or paragraph opens (its text is collected) or closes (it is emitted). */
static void body_block(struct body *bd, cmark_node *node, bool enter)
{
	if (!enter) {
		body_emit(bd);
		return;
	}
	nv_buf_reset(&bd->text);
	bd->open = true;
	if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
		bd->heading = cmark_node_get_heading_level(node);
	else
		body_prefix(bd);
}

/* A code block: one left-aligned paragraph of its text. */
static void body_code(struct body *bd, cmark_node *node)
{
	nv_buf_reset(&bd->text);
	esc(&bd->text, cmark_node_get_literal(node));
	while (bd->text.len && bd->text.ptr[bd->text.len - 1] == '\n')
		nv_buf_truncate(&bd->text, bd->text.len - 1);
	nv_pr_para(bd->p, bd->text.ptr, style(NV_PL_LEFT));
	nv_buf_reset(&bd->text);
}

/* The link of e's body that is node, or NULL. */
static const struct nv_md_link *link_of(const struct nv_entry *e, cmark_node *node)
{
	size_t k;

	for (k = 0; k < e->md->nr_links; k++)
		if (e->md->links[k].node == node)
			return &e->md->links[k];
	return NULL;
}

/*
 * Image node on a line of its own: the picture of its file, centred,
 * with its text under it; its text alone when the file is not an image
 * a PDF can show, with a warning when the printer warns
 * (nv_print_document()). (A file missing from content/ is the model's
 * error.)
 */
static void body_figure(struct body *bd, cmark_node *image)
{
	const struct nv_md_link *l = link_of(bd->e, image);
	const struct nv_attachment *a = l ? nv_model_linked_file(bd->p->s->m, bd->e, l) : NULL;
	struct nv_pl_style st = style(NV_PL_CENTER);
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_image *im = NULL;
	cmark_iter *it = cmark_iter_new(image);
	cmark_event_type ev;

	nv_buf_reset(&bd->text);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			esc(&bd->text, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			nv_buf_addch(&bd->text, ' ');
	}
	cmark_iter_free(it);
	if (a)
		im = nv_pl_image_read(a->path, l->path, l->line, l->col, &why);
	/* The model warns of a name that is no PNG's or JPEG's (model_resolve.c). */
	if (!im && a && bd->p->warn && nv_md_image_printable(l->path))
		nv_diag_hint(nv_warning(bd->p->s->d, bd->e->path, l->line, l->col,
					"печать: изображение «%s» не вставлено в PDF: %s", l->path,
					why.ptr),
			     "на бумаге на его месте напечатано только его описание; откройте файл "
			     "в графическом редакторе и сохраните заново как PNG или JPEG");
	nv_buf_release(&why);
	st.list = bd->depth < MAX_LIST_NEST ? bd->depth : MAX_LIST_NEST;
	if (im) {
		st.before = bd->p->s->o.size / 2;
		st.keep_next = bd->text.len > 0;
		st.role = "image";
		nv_pl_image(bd->p->doc, im, &st);
		st.before = 0;
		st.keep_next = false;
	}
	if (bd->text.len) {
		st.before = im ? 3 : bd->p->s->o.size / 2;
		st.after = bd->p->s->o.size / 2;
		st.role = im ? "image-text" : "para";
		st.tag = NULL;
		st.hyphenate = true;
		nv_pr_para(bd->p, bd->text.ptr, st);
	}
	nv_buf_reset(&bd->text);
}

/*
 * A paragraph of images only (nv_md_image_alone()): each a picture, and
 * the iterator goes on after the paragraph. False for any other.
 */
static bool body_figures(struct body *bd, cmark_iter *it, cmark_node *para)
{
	cmark_node *n = cmark_node_first_child(para);

	if (cmark_node_get_type(n) != CMARK_NODE_IMAGE || !nv_md_image_alone(n))
		return false;
	for (; n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			body_figure(bd, n);
	cmark_iter_reset(it, para, CMARK_EVENT_EXIT);
	return true;
}

/* Text inside an open paragraph or heading; anything outside one is dropped. */
static void body_text(struct body *bd, const char *s)
{
	if (bd->open)
		nv_buf_adds(&bd->text, s);
}

/*
 * One row of grid row `row` of table t: a cell in each slot where one
 * begins, an empty joined one under a cell merged down (own: the cell
 * of each slot).
 */
static void table_row(struct body *bd, struct nv_pl_table *pt, const int *own, int row)
{
	const struct nv_md_table *t = bd->table;
	const char *markup[NV_MD_TABLE_MAX_COLS];
	int span[NV_MD_TABLE_MAX_COLS], col = 0, n = 0, k;
	bool joined[NV_MD_TABLE_MAX_COLS], head = row < t->nheader;
	struct nv_pl_row *r;

	while (col < t->ncols) {
		const struct nv_md_cell *c = &t->cells[own[row * t->ncols + col]];
		joined[n] = c->row != row;
		markup[n] = joined[n] ? "" : bd->cells[c - t->cells];
		span[n++] = c->colspan;
		col += c->colspan;
	}
	r = nv_pl_row(pt, markup, (size_t)n, head ? NV_PL_CENTER : NV_PL_LEFT, head);
	for (k = 0; k < n; k++) {
		r->cells[k].span = span[k];
		r->cells[k].joined = joined[k];
	}
}

/* The table read: its rows (the header repeated on every page) as a table block. */
static void table_emit(struct body *bd)
{
	const struct nv_md_table *t = bd->table;
	const char *nums[NV_MD_TABLE_MAX_COLS];
	char numbuf[NV_MD_TABLE_MAX_COLS][12];
	double w[NV_MD_TABLE_MAX_COLS], total = 0;
	int *own = nv_xcalloc((size_t)(t->nrows * t->ncols) + 1, sizeof(int)), c, r, i, j;
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_table *pt;
	size_t k;

	for (c = 0; c < t->ncols; c++)
		total += t->widths[c];
	for (c = 0; c < t->ncols; c++)
		w[c] = t->widths[c] / total * bd->p->cw;
	for (k = 0; k < t->ncells; k++)
		for (i = t->cells[k].row; i < t->cells[k].row + t->cells[k].rowspan; i++)
			for (j = t->cells[k].col; j < t->cells[k].col + t->cells[k].colspan; j++)
				own[i * t->ncols + j] = (int)k;
	pt = nv_pl_table_new(w, (size_t)t->ncols, bd->p->s->o.table_size);
	for (r = 0; r < t->nrows; r++) {
		if (r == t->nheader && t->nheader && t->numbers) {
			for (c = 0; c < t->ncols; c++) {
				snprintf(numbuf[c], sizeof(numbuf[c]), "%d", c + 1);
				nums[c] = numbuf[c];
			}
			nv_pl_row(pt, nums, (size_t)t->ncols, NV_PL_CENTER, false);
		}
		table_row(bd, pt, own, r);
	}
	pt->nheader = (size_t)t->nheader + (t->nheader && t->numbers);
	free(own);
	st.role = "table";
	st.before = bd->p->s->o.size / 2;
	st.after = bd->p->s->o.size;
	nv_pl_add(bd->p->doc, NV_PL_TABLE, &st)->table = pt;
}

/* A part of a table opens or closes (md_table.h). */
static void body_table(struct body *bd, cmark_node *node, bool enter)
{
	const struct nv_md_cell *c = nv_md_cell_of(node);
	size_t k;

	switch (nv_md_part(node)) {
	case NV_MD_PART_TABLE:
		if (enter) {
			bd->table = nv_md_table_of(node);
			bd->table_depth = bd->depth;
			bd->cells = nv_xcalloc(bd->table->ncells + 1, sizeof(char *));
			break;
		}
		table_emit(bd);
		for (k = 0; k < bd->table->ncells; k++)
			free(bd->cells[k]);
		free(bd->cells);
		bd->cells = NULL;
		bd->table = NULL;
		break;
	case NV_MD_PART_CAPTION:
		bd->caption = enter;
		break;
	case NV_MD_PART_CELL:
		bd->in_cell = enter && bd->table;
		if (enter)
			nv_buf_reset(&bd->cell);
		else if (bd->table)
			bd->cells[c - bd->table->cells] =
				nv_xmemdupz(bd->cell.ptr ? bd->cell.ptr : "", bd->cell.len);
		break;
	default:
		break;
	}
}

/*
 * Append the blocks of a Markdown body. Raw HTML is left out; links keep
 * their text; a thematic break is a blank line.
 */
void nv_pr_body(struct printer *p, const struct nv_entry *e)
{
	const struct nv_md *md = e->md;
	struct body bd;
	cmark_iter *it;
	cmark_event_type ev;

	if (!md || !md->root)
		return;
	memset(&bd, 0, sizeof(bd));
	bd.p = p;
	bd.e = e;
	nv_buf_init(&bd.text);
	nv_buf_init(&bd.cell);
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;

		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LIST:
			body_list(&bd, node, enter);
			break;
		case CMARK_NODE_ITEM:
			if (enter)
				body_item(&bd);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			bd.quote += enter ? 1 : -1;
			if (!enter && !bd.quote && p->pending_title) {
				nv_pr_space(p, p->s->o.size);
				nv_pr_title(p, p->pending_title, false);
				p->pending_title = NULL;
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (!enter || !body_figures(&bd, it, node))
				body_block(&bd, node, enter);
			break;
		case CMARK_NODE_HEADING:
			body_block(&bd, node, enter);
			break;
		case CMARK_NODE_CODE_BLOCK:
			body_code(&bd, node);
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			body_table(&bd, node, enter);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			nv_pr_space(p, p->s->o.size);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (bd.open)
				esc(&bd.text, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
			body_text(&bd, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			body_text(&bd, "\xE2\x80\xA8"); /* U+2028: a new line, same paragraph */
			break;
		case CMARK_NODE_STRONG:
			body_text(&bd, enter ? "<b>" : "</b>");
			break;
		case CMARK_NODE_EMPH:
			body_text(&bd, enter ? "<i>" : "</i>");
			break;
		default:
			/*
			 * Documents, links, images (their text is kept), raw HTML
			 * (dropped). A mention of a person ("[Лебедевой А. С.](@id)")
			 * is a link: paper shows its text as written, the paper form.
			 */
			break;
		}
	}
	cmark_iter_free(it);
	nv_buf_release(&bd.text);
	nv_buf_release(&bd.cell);
}
