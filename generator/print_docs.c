/*
 * print_docs.c: the document printers and the print back end's entry
 * points; see print.h.
 *
 * A printer turns one model entry into engine blocks (print.h) the way
 * ГОСТ Р 7.0.97 and school practice set the document out (see
 * ../shared/DOMAIN.md, «How a printed order looks»); it never draws.
 * Markdown bodies are walked with cmark's iterator: paragraphs are
 * justified with a 1.25 cm first-line indent, items of ordered lists get
 * their numbers written out («2.1.»), bullets a dash, headings are bold
 * and centred and stay with what follows.
 *
 * The printers also name the structure of the tagged PDF: the title is
 * H1, Markdown headings H2 and below, list items LI with their nesting,
 * everything else a paragraph (P); the lines of one approval block or
 * corner stamp are one P.
 *
 * Printed documents are internal paper: people appear with their full
 * names, whatever their publish level on the website.
 */
#include "common.h"

#include <cmark.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "hyphenate.h"
#include "markdown.h"
#include "model.h"
#include "print.h"
#include "typo.h"
#include "utf8.h"
#include "wording.h"

#define CM(x)	      ((x)*72.0 / 2.54)
#define INDENT	      CM(1.25)
#define NBSP	      NV_WORDING_NBSP
#define MAX_LIST_NEST 16

struct nv_print_state {
	const struct nv_model *m;
	struct nv_diags *d;
	struct nv_print_opts o;
	struct nv_pl_engine *en;
	char *site_yml; /* for diagnostics */
};

/* What one document is being printed into. */
struct printer {
	struct nv_print_state *s;
	struct nv_pl_doc *doc;
	bool landscape;
	double cw; /* content width of the current pages */
};

/* --- small helpers ---------------------------------------------------------------- */

static struct nv_pl_style style(enum nv_pl_align a)
{
	struct nv_pl_style st;

	memset(&st, 0, sizeof(st));
	st.align = a;
	return st;
}

/* A justified paragraph with the first-line indent and hyphenation. */
static struct nv_pl_style body_style(void)
{
	struct nv_pl_style st = style(NV_PL_JUSTIFY);

	st.indent = INDENT;
	st.hyphenate = true;
	return st;
}

/* Append s escaped for Pango markup. */
static void esc(struct nv_buf *b, const char *s)
{
	if (s)
		nv_buf_add_html(b, s, strlen(s));
}

/* Append s with typography applied, escaped. */
static void esc_typo(struct nv_buf *b, const char *s)
{
	char *t;

	if (!s)
		return;
	t = nv_typo_str(s);
	esc(b, t);
	free(t);
}

/* Append s escaped, its first letter upper-cased: «директор» → «Директор». */
static void esc_cap(struct nv_buf *b, const char *s)
{
	char *t = nv_utf8_capitalize(s);

	esc(b, t);
	free(t);
}

/* Append s escaped, every letter upper-cased: «Положение» → «ПОЛОЖЕНИЕ». */
static void esc_upper(struct nv_buf *b, const char *s)
{
	char *t = nv_wording_upper(s);

	esc(b, t);
	free(t);
}

static void add_para(struct printer *p, const char *markup, struct nv_pl_style st)
{
	nv_pl_para(p->doc, markup, &st);
}

static void add_space(struct printer *p, double pt)
{
	struct nv_pl_style st = style(NV_PL_LEFT);

	st.before = pt;
	nv_pl_add(p->doc, NV_PL_SPACE, &st);
}

static void new_page(struct printer *p, bool landscape, const char *outline)
{
	struct nv_pl_block *b = nv_pl_add(p->doc, NV_PL_BREAK, NULL);

	b->landscape = landscape;
	b->outline = outline ? nv_xstrdup(outline) : NULL;
	p->landscape = landscape;
	p->cw = nv_pl_content_width(p->s->en, landscape);
}

/*
 * The width of the corner column (approval blocks, «Приложение № N к
 * приказу …»): the longest line of a requisite set in the corner is 7.5 cm
 * under ГОСТ Р 7.0.97-2016 and 8 cm under the 2025 edition.
 */
static double corner_w(const struct printer *p)
{
	return p->s->o.gost2025 ? CM(8.0) : CM(7.5);
}

/* Add plain UTF-8 text as a paragraph of a column, escaped for Pango. */
static void column_text(struct nv_pl_column *col, const char *text, const struct nv_pl_style *st)
{
	struct nv_buf b = NV_BUF_INIT;

	esc(&b, text);
	nv_pl_column_para(col, b.ptr, st);
	nv_buf_release(&b);
}

/* The organisation's short name (else its full name), typeset; the caller frees. */
static char *org_short(const struct nv_model *m)
{
	return nv_typo_str(m->site.short_name ? m->site.short_name
			   : m->site.name     ? m->site.name
					      : "");
}

/* --- Markdown bodies -------------------------------------------------------------- */

struct list_level {
	bool ordered;
	int n;
	bool fresh; /* the next paragraph is the first of the current item */
};

struct body {
	struct printer *p;
	struct nv_buf text;
	bool open; /* inside a paragraph or heading */
	bool item; /* the paragraph begins a list item */
	int heading;
	struct list_level lists[MAX_LIST_NEST];
	int depth; /* lists open; deeper levels count but are not tracked */
	int quote;
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
	if (!l->ordered) {
		nv_buf_adds(&bd->text, "–" NBSP);
		return;
	}
	for (i = 0; i < top; i++)
		if (bd->lists[i].ordered)
			nv_buf_addf(&bd->text, "%d.", bd->lists[i].n);
	nv_buf_addch(&bd->text, ' ');
}

static void body_emit(struct body *bd)
{
	static const char *const h[] = { "H2", "H3", "H4", "H5", "H6" };
	struct nv_pl_style st = body_style();

	if (bd->heading) {
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
	}
	if (bd->text.len)
		add_para(bd->p, bd->text.ptr, st);
	nv_buf_reset(&bd->text);
	bd->open = false;
	bd->item = false;
	bd->heading = 0;
}

/*
 * Append the blocks of a Markdown body. Raw HTML is left out; links keep
 * their text; a thematic break is a blank line.
 */
static void add_body(struct printer *p, const struct nv_md *md)
{
	struct body bd;
	cmark_iter *it;
	cmark_event_type ev;

	if (!md || !md->root)
		return;
	memset(&bd, 0, sizeof(bd));
	bd.p = p;
	nv_buf_init(&bd.text);
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		struct list_level *l;

		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LIST:
			if (enter) {
				if (bd.depth < MAX_LIST_NEST) {
					l = &bd.lists[bd.depth];
					l->ordered = cmark_node_get_list_type(node) ==
						     CMARK_ORDERED_LIST;
					l->n = cmark_node_get_list_start(node) - 1;
					if (l->n < 0)
						l->n = 0;
					l->fresh = false;
				}
				bd.depth++;
			} else {
				bd.depth--;
			}
			break;
		case CMARK_NODE_ITEM:
			if (enter && bd.depth > 0 && bd.depth <= MAX_LIST_NEST) {
				l = &bd.lists[bd.depth - 1];
				l->n++;
				l->fresh = true;
			}
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			bd.quote += enter ? 1 : -1;
			break;
		case CMARK_NODE_HEADING:
		case CMARK_NODE_PARAGRAPH:
			if (enter) {
				nv_buf_reset(&bd.text);
				bd.open = true;
				if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
					bd.heading = cmark_node_get_heading_level(node);
				else
					body_prefix(&bd);
			} else {
				body_emit(&bd);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			nv_buf_reset(&bd.text);
			esc(&bd.text, cmark_node_get_literal(node));
			while (bd.text.len && bd.text.ptr[bd.text.len - 1] == '\n')
				nv_buf_truncate(&bd.text, bd.text.len - 1);
			add_para(p, bd.text.ptr, style(NV_PL_LEFT));
			nv_buf_reset(&bd.text);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			add_space(p, p->s->o.size);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (bd.open)
				esc(&bd.text, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
			if (bd.open)
				nv_buf_addch(&bd.text, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			if (bd.open)
				nv_buf_adds(
					&bd.text,
					"\xE2\x80\xA8"); /* U+2028: a new line, same paragraph */
			break;
		case CMARK_NODE_STRONG:
			if (bd.open)
				nv_buf_adds(&bd.text, enter ? "<b>" : "</b>");
			break;
		case CMARK_NODE_EMPH:
			if (bd.open)
				nv_buf_adds(&bd.text, enter ? "<i>" : "</i>");
			break;
		default:
			/* Documents, links, images (their text is kept), raw HTML (dropped). */
			break;
		}
	}
	cmark_iter_free(it);
	nv_buf_release(&bd.text);
}

/* --- approval blocks and corner stamps ---------------------------------------------- */

/* The lines of a block derived from the approving order: label, «приказом …», «от … № …». */
static void order_lines(struct nv_pl_column *col, const struct nv_approval_text *t,
			struct nv_pl_style st)
{
	nv_pl_column_para(col, t->label, &st);
	st.before = 0;
	st.tag = NULL;
	column_text(col, t->by_order, &st);
	column_text(col, t->order_ref, &st);
}

/* The lines of any other block: label, position, text, protocol, signature, date. */
static void own_lines(struct nv_pl_column *col, const struct nv_approval *a,
		      const struct nv_approval_text *t, struct nv_pl_style st)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_pl_column_para(col, t->label, &st);
	st.before = 0;
	st.tag = NULL;
	if (t->position) {
		esc(&b, t->position);
		if (a->person->organization) {
			nv_buf_addch(&b, ' ');
			esc(&b, a->person->organization);
		}
		nv_pl_column_para(col, b.ptr, &st);
		nv_buf_reset(&b);
	}
	if (t->body)
		column_text(col, t->body, &st);
	if (t->protocol)
		column_text(col, t->protocol, &st);
	if (t->signature) {
		nv_buf_adds(&b, "____________ ");
		esc(&b, t->signature);
		nv_pl_column_para(col, b.ptr, &st);
	}
	if (t->date)
		column_text(col, t->date, &st);
	else if (a->label == NV_LABEL_APPROVE)
		nv_pl_column_para(col, NV_WORDING_DATE_BLANK, &st);
	nv_buf_release(&b);
}

/* The lines of one approval block, each a paragraph of the column. */
static void approval_lines(struct printer *p, struct nv_pl_column *col, const struct nv_entry *e,
			   const struct nv_approval *a, bool first)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_approval_text t;
	char *org = org_short(p->s->m);

	st.before = first ? 0 : p->s->o.size;
	/* The block is one paragraph of the structure. */
	st.tag = "P";
	nv_approval_text_init(&t, e, a, org);
	if (a->order)
		order_lines(col, &t, st);
	else
		own_lines(col, a, &t, st);
	nv_approval_text_release(&t);
	free(org);
}

/*
 * The approval blocks of a local act, left and right, side by side; the
 * right column is the corner column (corner_w()). `appendix` (when > 0)
 * puts «Приложение № N» at the top of the right column.
 */
static void add_approvals(struct printer *p, const struct nv_entry *e, int appendix)
{
	struct nv_pl_style st;
	struct nv_pl_block *b;
	struct nv_pl_column *left, *right;
	size_t i;
	bool lfirst = true, rfirst = true;
	double cw = corner_w(p);

	if (!e->napprovals && appendix <= 0)
		return;
	st = style(NV_PL_LEFT);
	st.after = p->s->o.size;
	st.role = "approvals";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	nv_pl_column(b, 0, p->cw - cw - CM(1.0) < cw ? p->cw - cw - CM(1.0) : cw);
	nv_pl_column(b, p->cw - cw, cw);
	/* Both columns exist now: adding one may move the other. */
	left = &b->cols[0];
	right = &b->cols[1];
	if (appendix > 0) {
		struct nv_pl_style ast = style(NV_PL_LEFT);
		struct nv_buf num = NV_BUF_INIT;
		nv_wording_appendix(&num, appendix);
		ast.tag = "P";
		nv_pl_column_para(right, num.ptr, &ast);
		nv_buf_release(&num);
		rfirst = false;
	}
	for (i = 0; i < e->napprovals; i++) {
		const struct nv_approval *a = &e->approvals[i];
		if (a->right) {
			approval_lines(p, right, e, a, rfirst);
			rfirst = false;
		} else {
			approval_lines(p, left, e, a, lfirst);
			lfirst = false;
		}
	}
}

/* «Приложение № N / к приказу МАОУ «СОШ № 14» / от … № …» in the corner column. */
static void add_corner(struct printer *p, const struct nv_entry *order, int number)
{
	struct nv_pl_style st = style(NV_PL_LEFT), cst = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	char *org = org_short(p->s->m);

	st.after = p->s->o.size;
	st.role = "corner";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	col = nv_pl_column(b, p->cw - corner_w(p), corner_w(p));
	nv_wording_appendix(&t, number);
	column_text(col, t.ptr, &cst);
	nv_buf_reset(&t);
	nv_wording_to_order(&t, org);
	column_text(col, t.ptr, &cst);
	nv_buf_reset(&t);
	nv_wording_order_ref(&t, order->date, order->number);
	column_text(col, t.ptr, &cst);
	nv_buf_release(&t);
	free(org);
}

static void add_title(struct printer *p, const char *title, bool kind_word)
{
	struct nv_pl_style st = style(NV_PL_CENTER);
	struct nv_buf b = NV_BUF_INIT;
	const char *sp;

	st.bold = true;
	st.keep_next = true;
	st.after = p->s->o.size;
	st.role = "title";
	st.tag = "H1";
	/* «Положение о …» → «ПОЛОЖЕНИЕ» on a line of its own, then «о …»: one heading. */
	if (kind_word && title && (sp = strchr(title, ' ')) && sp[1] &&
	    (unsigned char)sp[1] >= 0xD0) {
		char *word = nv_xmemdupz(title, (size_t)(sp - title));
		esc_upper(&b, word);
		free(word);
		nv_buf_adds(&b, "\xE2\x80\xA8"); /* U+2028: a new line, same paragraph */
		title = sp + 1;
	}
	esc_typo(&b, title);
	add_para(p, b.ptr, st);
	nv_buf_release(&b);
}

/* --- tables -------------------------------------------------------------------------- */

/* Column widths given in mm for a 170 mm wide page, scaled to cw. */
static struct nv_pl_table *table_mm(struct printer *p, const double *mm, size_t n)
{
	double w[16], total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += mm[i];
	for (i = 0; i < n && i < NV_ARRAY_SIZE(w); i++)
		w[i] = mm[i] / total * p->cw;
	return nv_pl_table_new(w, n, p->s->o.table_size);
}

static void add_table(struct printer *p, struct nv_pl_table *t, const char *role)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_block *b;

	st.role = role;
	st.before = p->s->o.size / 2;
	st.after = p->s->o.size;
	b = nv_pl_add(p->doc, NV_PL_TABLE, &st);
	b->table = t;
}

/* A person's place: position (and organisation) or class. */
static void person_place(struct nv_buf *b, const struct nv_person *x)
{
	if (x->category == NV_CAT_STUDENT) {
		nv_buf_adds(b, "обучающийся");
		if (x->class_name) {
			nv_buf_adds(b, " ");
			esc_typo(b, x->class_name);
			nv_buf_adds(b, " класса");
		}
		return;
	}
	esc(b, x->position);
	if (x->organization) {
		nv_buf_adds(b, x->position ? ", " : "");
		esc_typo(b, x->organization);
	}
}

static void full_name(struct nv_buf *b, const struct nv_person *x)
{
	struct nv_buf n = NV_BUF_INIT;

	nv_person_full_name(&n, x);
	esc(b, n.ptr);
	nv_buf_release(&n);
}

/*
 * The pairs of an order as a table; one row per mentee, the pair's cells
 * on its first row and merged down over the rows of its other mentees.
 */
static void add_pairs_table(struct printer *p, const struct nv_entry *order)
{
	static const double mm[] = { 11, 42, 44, 42, 42, 38, 38 };
	static const char *const head[] = {
		"№ п/п",	"Наставник",	    "Должность",
		"Наставляемый", "Должность, класс", "Форма наставничества",
		"Срок"
	};
	struct nv_pl_table *t = table_mm(p, mm, NV_ARRAY_SIZE(mm));
	struct nv_pl_row *r;
	struct nv_buf c[7];
	const char *cells[7];
	size_t i, k, j, n = 0;

	for (j = 0; j < 7; j++)
		nv_buf_init(&c[j]);
	nv_pl_row(t, head, 7, NV_PL_CENTER, true);
	t->nheader = 1;
	for (i = 0; i < p->s->m->npairs; i++) {
		const struct nv_pair *pr = p->s->m->pairs[i];
		if (pr->order != order)
			continue;
		n++;
		for (k = 0; k < (pr->nmentees ? pr->nmentees : 1); k++) {
			for (j = 0; j < 7; j++)
				nv_buf_reset(&c[j]);
			if (!k) {
				nv_buf_addf(&c[0], "%zu", n);
				if (pr->mentor) {
					full_name(&c[1], pr->mentor);
					person_place(&c[2], pr->mentor);
				}
				esc(&c[5], pr->form);
				esc_typo(&c[6], pr->period.text);
			}
			if (k < pr->nmentees) {
				full_name(&c[3], pr->mentees[k]);
				person_place(&c[4], pr->mentees[k]);
			}
			for (j = 0; j < 7; j++)
				cells[j] = c[j].ptr;
			r = nv_pl_row(t, cells, 7, NV_PL_LEFT, false);
			r->cells[0].align = NV_PL_CENTER;
			r->cells[1].hyphenate = false;
			r->cells[3].hyphenate = false;
			r->cells[6].align = NV_PL_CENTER;
			/* Further mentees of a pair: the pair's cells are merged down. */
			if (k)
				for (j = 0; j < 7; j++)
					r->cells[j].joined = j != 3 && j != 4;
		}
	}
	for (j = 0; j < 7; j++)
		nv_buf_release(&c[j]);
	add_table(p, t, "pairs");
}

/* «С приказом ознакомлены:» — № · ФИО · должность · подпись · дата. */
static void add_acquaint(struct printer *p, const struct nv_entry *e)
{
	static const double mm[] = { 10, 62, 54, 22, 22 };
	static const char *const head[] = { "№ п/п", "Фамилия, имя, отчество", "Должность",
					    "Подпись", "Дата" };
	struct nv_pl_table *t;
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_buf num = NV_BUF_INIT, name = NV_BUF_INIT, pos = NV_BUF_INIT;
	const char *cells[5];
	size_t i;

	if (!e->nacquaint)
		return;
	st.before = p->s->o.size * 2;
	st.after = p->s->o.size / 2;
	st.keep_next = true;
	st.role = "acquaint";
	add_para(p, "С приказом ознакомлены:", st);
	t = table_mm(p, mm, NV_ARRAY_SIZE(mm));
	nv_pl_row(t, head, 5, NV_PL_CENTER, true);
	t->nheader = 1;
	for (i = 0; i < e->nacquaint; i++) {
		nv_buf_reset(&num);
		nv_buf_reset(&name);
		nv_buf_reset(&pos);
		nv_buf_addf(&num, "%zu", i + 1);
		full_name(&name, e->acquaint[i]);
		person_place(&pos, e->acquaint[i]);
		cells[0] = num.ptr;
		cells[1] = name.ptr;
		cells[2] = pos.ptr;
		cells[3] = "";
		cells[4] = "";
		nv_pl_row(t, cells, 5, NV_PL_LEFT, false);
		t->rows[t->nrows - 1].cells[0].align = NV_PL_CENTER;
		t->rows[t->nrows - 1].cells[1].hyphenate = false;
		t->rows[t->nrows - 1].min_height = p->s->o.table_size * 2.3;
	}
	nv_buf_release(&num);
	nv_buf_release(&name);
	nv_buf_release(&pos);
	add_table(p, t, "acquaint-table");
}

/* --- printers -------------------------------------------------------------------------- */

static void print_entry(struct printer *p, const struct nv_entry *e, int appendix);

/* The roadmap's table: № п/п · Мероприятие · Срок · Ответственный · Результат. */
static void add_roadmap_table(struct printer *p, const struct nv_entry *e)
{
	static const double mm[] = { 17, 98, 36, 53, 53 };
	static const char *const head[] = { "№ п/п", "Мероприятие", "Срок", "Ответственный",
					    "Результат / вид документа" };
	static const char *const nums[] = { "1", "2", "3", "4", "5" };
	struct nv_pl_table *t = table_mm(p, mm, NV_ARRAY_SIZE(mm));
	struct nv_buf c[5];
	const char *cells[5];
	size_t i, k, j;

	for (j = 0; j < 5; j++)
		nv_buf_init(&c[j]);
	nv_pl_row(t, head, 5, NV_PL_CENTER, true);
	nv_pl_row(t, nums, 5, NV_PL_CENTER, false);
	t->nheader = 2;
	for (i = 0; i < e->nsections; i++) {
		const struct nv_section *sec = &e->sections[i];
		nv_buf_reset(&c[0]);
		nv_buf_addf(&c[0], "%zu.", i + 1);
		nv_buf_adds(&c[0], " ");
		esc_typo(&c[0], sec->title);
		cells[0] = c[0].ptr;
		nv_pl_row(t, cells, 1, NV_PL_CENTER, true);
		for (k = 0; k < sec->nitems; k++) {
			const struct nv_item *it = &sec->items[k];
			struct nv_pl_row *r;
			for (j = 0; j < 5; j++)
				nv_buf_reset(&c[j]);
			nv_buf_addf(&c[0], "%zu.%zu.", i + 1, k + 1);
			esc_typo(&c[1], it->title);
			esc_typo(&c[2], it->due.text);
			esc_typo(&c[3], it->responsible);
			esc_typo(&c[4], it->result);
			for (j = 0; j < 5; j++)
				cells[j] = c[j].ptr;
			r = nv_pl_row(t, cells, 5, NV_PL_LEFT, false);
			r->cells[0].align = NV_PL_CENTER;
			r->cells[2].align = NV_PL_CENTER;
			/* People's names are not hyphenated. */
			r->cells[3].hyphenate = false;
		}
	}
	for (j = 0; j < 5; j++)
		nv_buf_release(&c[j]);
	add_table(p, t, "roadmap");
}

/* The year at the foot of a title page: of the approving order, else of the academic year. */
static int title_year(const struct nv_entry *e)
{
	if (e->approved_by && e->approved_by->date.year)
		return e->approved_by->date.year;
	return e->acyear;
}

static void add_title_page(struct printer *p, const struct nv_entry *e, int appendix)
{
	const struct nv_model *m = p->s->m;
	struct nv_pl_style st = style(NV_PL_CENTER);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	size_t i;

	esc_typo(&t, m->site.name);
	st.after = p->s->o.size * 2;
	st.role = "organisation";
	add_para(p, t.ptr, st);
	nv_buf_reset(&t);
	add_approvals(p, e, appendix);
	add_space(p, CM(4.0));
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.size = p->s->o.size + 4;
	st.role = "title";
	st.tag = "H1";
	st.after = p->s->o.size;
	esc_typo(&t, e->title);
	add_para(p, t.ptr, st);
	nv_buf_reset(&t);
	if (e->acyear) {
		st = style(NV_PL_CENTER);
		st.role = "academic-year";
		nv_buf_adds(&t, "Срок реализации: ");
		nv_acyear_add(&t, e->acyear);
		nv_buf_adds(&t, " учебный год");
		add_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	if (e->nauthors) {
		st = style(NV_PL_LEFT);
		st.before = CM(3.0);
		st.role = "authors";
		b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
		col = nv_pl_column(b, p->cw / 2, p->cw / 2);
		st = style(NV_PL_LEFT);
		nv_pl_column_para(
			col, e->nauthors > 1 ? "Авторы-составители:" : "Автор-составитель:", &st);
		for (i = 0; i < e->nauthors; i++) {
			nv_buf_reset(&t);
			full_name(&t, e->authors[i]);
			if (e->authors[i]->position) {
				nv_buf_adds(&t, ", ");
				person_place(&t, e->authors[i]);
			}
			nv_pl_column_para(col, t.ptr, &st);
		}
	}
	st = style(NV_PL_CENTER);
	st.at_bottom = true;
	st.role = "place-year";
	nv_buf_reset(&t);
	esc(&t, m->site.place);
	if (title_year(e)) {
		if (t.len)
			nv_buf_adds(&t, "\xE2\x80\xA8");
		nv_buf_addf(&t, "%d", title_year(e));
	}
	add_para(p, t.ptr, st);
	nv_buf_release(&t);
	new_page(p, false, NULL);
}

/* A position, a program or any other document: approvals, title, body. */
static void print_local_act(struct printer *p, const struct nv_entry *e, int appendix)
{
	if (e->kind == NV_KIND_PROGRAM && e->title_page) {
		add_title_page(p, e, appendix);
	} else {
		add_approvals(p, e, appendix);
		add_title(p, e->title, e->kind == NV_KIND_POSITION);
	}
	add_body(p, e->md);
}

static void print_roadmap(struct printer *p, const struct nv_entry *e, int appendix)
{
	add_approvals(p, e, appendix);
	add_title(p, e->title, false);
	add_body(p, e->md);
	add_roadmap_table(p, e);
}

static void print_order(struct printer *p, const struct nv_entry *e)
{
	const struct nv_model *m = p->s->m;
	struct nv_pl_style st;
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	size_t i;

	/* Requisites: founder, organisation, document kind, date and number, place. */
	if (m->site.founder) {
		st = style(NV_PL_CENTER);
		st.role = "founder";
		st.after = p->s->o.size / 2;
		esc_typo(&t, m->site.founder);
		add_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.role = "organisation";
	esc_typo(&t, m->site.name);
	add_para(p, t.ptr, st);
	nv_buf_reset(&t);
	if (m->site.short_name) {
		st.bold = false;
		st.role = "short-name";
		nv_buf_adds(&t, "(");
		esc_typo(&t, m->site.short_name);
		nv_buf_adds(&t, ")");
		add_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.size = p->s->o.size + 2;
	st.before = p->s->o.size * 1.5;
	st.after = p->s->o.size * 1.5;
	st.role = "kind";
	add_para(p, "<span letter_spacing=\"4096\">ПРИКАЗ</span>", st);

	st = style(NV_PL_LEFT);
	st.role = "date-number";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	b->align_last = true;
	col = nv_pl_column(b, 0, p->cw / 2);
	nv_date_add(&t, e->date, NV_DATE_NUMERIC);
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_reset(&t);
	col = nv_pl_column(b, p->cw / 2, p->cw / 2);
	nv_wording_number(&t, NULL);
	esc(&t, e->number);
	st.align = NV_PL_RIGHT;
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_reset(&t);
	if (e->place || m->site.place) {
		st = style(NV_PL_CENTER);
		st.role = "place";
		esc_typo(&t, e->place ? e->place : m->site.place);
		add_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	add_space(p, p->s->o.size * 1.5);
	add_title(p, e->title, false);

	if (e->preamble) {
		st = body_style();
		st.role = "preamble";
		esc_typo(&t, e->preamble);
		add_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	st = style(NV_PL_LEFT);
	st.role = "prikazyvayu";
	st.keep_next = true;
	st.before = p->s->o.size / 2;
	st.after = p->s->o.size / 2;
	add_para(p, "ПРИКАЗЫВАЮ:", st);
	add_body(p, e->md);

	/* Signature: position left, «И.О. Фамилия» right on its last line's baseline. */
	if (e->signatory) {
		struct nv_buf n = NV_BUF_INIT;
		st = style(NV_PL_LEFT);
		st.role = "signature";
		st.before = p->s->o.size * 2.5;
		st.keep_prev = true;
		b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
		b->align_last = true;
		col = nv_pl_column(b, 0, p->cw * 0.6);
		esc_cap(&t, e->signatory->position ? e->signatory->position : "");
		nv_pl_column_para(col, t.ptr, &st);
		nv_buf_reset(&t);
		col = nv_pl_column(b, p->cw * 0.6, p->cw * 0.4);
		nv_person_signature_name(&n, e->signatory);
		esc(&t, n.ptr);
		nv_buf_release(&n);
		st.align = NV_PL_RIGHT;
		nv_pl_column_para(col, t.ptr, &st);
		nv_buf_reset(&t);
	}
	add_acquaint(p, e);

	/* Each appendix on a new page. */
	for (i = 0; i < e->nappendices; i++) {
		const struct nv_appendix *a = &e->appendices[i];
		nv_buf_reset(&t);
		nv_wording_appendix(&t, a->number);
		nv_buf_adds(&t, ". ");
		if (a->doc) {
			char *title = nv_typo_str(a->doc->title ? a->doc->title : "");
			nv_buf_adds(&t, title);
			free(title);
			new_page(p, a->doc->kind == NV_KIND_ROADMAP, t.ptr);
			if (a->doc->kind == NV_KIND_PROGRAM && a->doc->title_page)
				p->doc->v[p->doc->nr - 1].unnumbered = true;
			print_entry(p, a->doc, a->number);
		} else {
			nv_buf_adds(&t, "Состав наставнических пар и групп");
			/* Seven columns: the pairs table is set on a landscape page. */
			new_page(p, true, t.ptr);
			add_corner(p, e, a->number);
			add_title(p, "Состав наставнических пар и групп", false);
			add_pairs_table(p, e);
		}
	}
	nv_buf_release(&t);
}

static void print_entry(struct printer *p, const struct nv_entry *e, int appendix)
{
	switch (e->kind) {
	case NV_KIND_ORDER:
		print_order(p, e);
		break;
	case NV_KIND_ROADMAP:
		print_roadmap(p, e, appendix);
		break;
	default:
		print_local_act(p, e, appendix);
		break;
	}
}

/* --- the back end ------------------------------------------------------------------ */

struct nv_print_state *nv_print_new(const struct nv_model *m, struct nv_diags *d)
{
	struct nv_print_state *s = nv_xcalloc(1, sizeof(*s));
	const struct nv_print_profile *pp = &m->site.print, *df = &nv_wording_print_defaults;
	struct nv_buf why = NV_BUF_INIT;

	s->m = m;
	s->d = d;
	s->site_yml = nv_xstrdup(m->site_yml ? m->site_yml : "content/site.yml");
	s->o.font = pp->font && *pp->font ? pp->font : df->font;
	s->o.size = pp->size > 0 ? pp->size : df->size;
	s->o.table_size = pp->table_size > 0 ? pp->table_size : df->table_size;
	s->o.margin_top = pp->margin_top > 0 ? pp->margin_top : df->margin_top;
	s->o.margin_right = pp->margin_right > 0 ? pp->margin_right : df->margin_right;
	s->o.margin_bottom = pp->margin_bottom > 0 ? pp->margin_bottom : df->margin_bottom;
	s->o.margin_left = pp->margin_left > 0 ? pp->margin_left : df->margin_left;
	s->o.gost2025 = pp->gost2025;
	s->en = nv_pl_engine_new(&s->o, NV_HYPHEN_RU, &why);
	if (!s->en) {
		nv_diag_hint(nv_error(d, s->site_yml, 0, 0, "печать: %s", why.ptr),
			     "установите шрифт (Debian: fonts-liberation2) или укажите другой "
			     "в print.font");
		nv_print_free(s);
		s = NULL;
		goto out;
	}
	if (!nv_pl_engine_hyphenates(s->en))
		nv_diag_hint(
			nv_warning(d, NULL, 0, 0,
				   "печать: нет словаря переносов %s — текст будет без переносов",
				   NV_HYPHEN_RU),
			"установите пакет hyphen-ru");
out:
	nv_buf_release(&why);
	return s;
}

void nv_print_free(struct nv_print_state *s)
{
	if (!s)
		return;
	nv_pl_engine_free(s->en);
	free(s->site_yml);
	free(s);
}

/* Build the blocks of entry e. The caller frees the result. */
static struct nv_pl_doc *build(struct nv_print_state *s, const struct nv_entry *e)
{
	struct printer p;
	struct nv_buf t = NV_BUF_INIT;
	char *title = nv_typo_str(e->title ? e->title : "");

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.doc = nv_pl_doc_new();
	p.landscape = e->kind == NV_KIND_ROADMAP;
	p.cw = nv_pl_content_width(s->en, p.landscape);
	p.doc->landscape = p.landscape;
	if (e->kind == NV_KIND_ORDER) {
		nv_buf_adds(&t, "Приказ ");
		nv_wording_order_ref(&t, e->date, e->number);
		nv_buf_addf(&t, " «%s»", title);
	} else {
		nv_buf_adds(&t, title);
	}
	p.doc->title = nv_buf_detach(&t, NULL);
	p.doc->outline = nv_xstrdup(p.doc->title);
	p.doc->author = nv_xstrdup(s->m->site.name ? s->m->site.name : "");
	free(title);
	print_entry(&p, e, 0);
	return p.doc;
}

int nv_print_document(struct nv_print_state *s, const struct nv_entry *e, const char *pdf_path,
		      struct nv_buf *layout_dump)
{
	struct nv_pl_doc *doc = build(s, e);
	struct nv_pl_pages *pages = nv_pl_layout(s->en, doc);
	struct nv_buf pdf = NV_BUF_INIT, why = NV_BUF_INIT;
	const char *file = e->path;
	int rc = -1;

	if (layout_dump)
		nv_pl_dump(pages, layout_dump);
	if (nv_pl_paint(s->en, pages, &pdf, &why) < 0) {
		nv_error(s->d, file, 0, 0, "печать: %s", why.ptr);
		goto out;
	}
	if (pdf_path && nv_write_file(pdf_path, pdf.ptr, pdf.len) < 0) {
		nv_error(s->d, pdf_path, 0, 0, "не удалось записать PDF: %s", nv_strerror(errno));
		goto out;
	}
	rc = 0;
out:
	nv_pl_pages_free(pages);
	nv_pl_doc_free(doc);
	nv_buf_release(&pdf);
	nv_buf_release(&why);
	return rc;
}
