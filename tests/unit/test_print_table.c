/*
 * Unit tests for the pagination of tables (print_table.c): rows move
 * whole, a row taller than a page breaks between words and its
 * continuation names it again, the last row (or group of rows) never
 * stands alone, the header repeats.
 */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static struct nv_pl_engine *engine(void)
{
	static struct nv_pl_engine *en;
	struct nv_buf why = NV_BUF_INIT;

	if (!en)
		en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	nv_buf_release(&why);
	return en;
}

static const double widths[] = { 40, 150, 130, 160 };

/* A table of four columns with a header row. */
static struct nv_pl_table *table(void)
{
	static const char *const head[] = { "№", "Наставник", "Наставляемый", "Должность" };
	struct nv_pl_table *t = nv_pl_table_new(widths, 4, 12);

	nv_pl_row(t, head, 4, NV_PL_CENTER, true);
	t->nheader = 1;
	return t;
}

/* A row: its number, a name and n words of text in the last cell. */
static void row(struct nv_pl_table *t, int num, const char *word, int n)
{
	static const char *const w[] = { "педагогический", "университет", "наставничества",
					 "образовательной", "организации" };
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *cells[4];
	struct nv_pl_row *r;
	int i;

	nv_buf_addf(&a, "%d", num);
	for (i = 0; i < n; i++)
		nv_buf_addf(&b, "%s%s", i ? " " : "", i % 7 == 3 ? word : w[i % 5]);
	cells[0] = a.ptr;
	cells[1] = "Иванова Мария";
	cells[2] = "Петров Иван";
	cells[3] = b.ptr;
	r = nv_pl_row(t, cells, 4, NV_PL_LEFT, false);
	r->cells[3].align = NV_PL_JUSTIFY;
	r->cells[0].repeat = r->cells[1].repeat = true;
	nv_buf_release(&a);
	nv_buf_release(&b);
}

static struct nv_pl_doc *doc;

/* Lay out a document of table t (it owns t until the next call). */
static struct nv_pl_pages *lay_out(struct nv_pl_table *t)
{
	nv_pl_doc_free(doc);
	doc = nv_pl_doc_new();
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	return nv_pl_layout(engine(), doc);
}

/* How many BOX items of role on page i. */
static size_t boxes(const struct nv_pl_pages *p, size_t i, const char *role)
{
	size_t k, n = 0;

	for (k = 0; k < p->v[i].nitems; k++)
		n += p->v[i].items[k].kind == NV_PL_ITEM_BOX &&
		     !strcmp(p->v[i].items[k].role, role);
	return n;
}

/*
 * The text of the lines of cell `col` of the rows on page i, one per
 * line of out.
 */
static void cell_lines(const struct nv_pl_pages *p, size_t i, size_t col, struct nv_buf *out)
{
	size_t k, c = 0;

	nv_buf_reset(out);
	for (k = 0; k < p->v[i].nitems; k++) {
		const struct nv_pl_item *it = &p->v[i].items[k];
		if (it->kind == NV_PL_ITEM_BOX)
			c = strncmp(it->role, "row", 3) ? 99 : 0; /* row, row-split */
		else if (it->kind == NV_PL_ITEM_RECT)
			c++;
		else if (it->kind == NV_PL_ITEM_LINE && c == col + 1) {
			nv_pl_line_text(it->line, out);
			nv_buf_addch(out, '\n');
		}
	}
}

/* On which pages the word w shows in the last column; a bit per page. */
static unsigned pages_of(const struct nv_pl_pages *p, const char *w)
{
	struct nv_buf b = NV_BUF_INIT;
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < p->nr && i < 32; i++) {
		cell_lines(p, i, 3, &b);
		if (b.ptr && strstr(b.ptr, w))
			bits |= 1u << i;
	}
	nv_buf_release(&b);
	return bits;
}

/* A row that does not fit at the foot of a page but fits on one moves whole. */
static void test_row_moves_whole(void)
{
	struct nv_pl_table *t;
	struct nv_pl_pages *p;
	int i, moved = 0, k;

	CHECK(engine());
	/* the long row at several heights of the page */
	for (k = 0; k < 12; k++) {
		t = table();
		for (i = 1; i <= 6 + 2 * k; i++)
			row(t, i, "школа", 3);
		row(t, 99, "омега", 80);
		for (i = 0; i < 3; i++)
			row(t, 100 + i, "школа", 3);
		p = lay_out(t);
		CHECK(p->nr >= 2);
		/* on one page only */
		CHECK_INT(pages_of(p, "омега") & (pages_of(p, "омега") - 1), 0);
		moved += pages_of(p, "омега") == 2;
		nv_pl_pages_free(p);
	}
	CHECK(moved > 0);
}

/*
 * A row taller than a page breaks between words (no cell's piece ends in
 * a hyphen), and each continuation shows its number and names again.
 */
static void test_long_row_breaks_between_words(void)
{
	struct nv_pl_table *t = table();
	struct nv_pl_pages *p;
	struct nv_buf b = NV_BUF_INIT;
	size_t i, hyphens = 0;

	CHECK(engine());
	row(t, 1, "школа", 3);
	row(t, 7, "омега", 900);
	row(t, 8, "школа", 3);
	p = lay_out(t);
	CHECK(p->nr >= 3);
	/* The dump names the fragments the row goes on from: «row-split». */
	CHECK_INT(boxes(p, 0, "row-split"), 1);
	CHECK_INT(boxes(p, p->nr - 1, "row-split"), 0);
	for (i = 0; i < p->nr; i++) {
		cell_lines(p, i, 3, &b);
		CHECK(b.len > 2);
		/* the piece of the cell on this page ends in a whole word */
		CHECK(b.ptr[b.len - 2] != '-');
		hyphens += strstr(b.ptr, "-\n") != NULL;
		if (i > 0) {
			/* the header again, and the row's number and name */
			CHECK_INT(boxes(p, i, "header-row"), 1);
			cell_lines(p, i, 0, &b);
			CHECK(!strncmp(b.ptr, "7\n", 2));
			cell_lines(p, i, 1, &b);
			CHECK(!strncmp(b.ptr, "Иванова Мария\n", strlen("Иванова Мария\n")));
			/* a cell that does not name the row is not repeated */
			cell_lines(p, i, 2, &b);
			CHECK(i + 1 == p->nr || !b.len);
		}
	}
	CHECK(hyphens > 0); /* the text is hyphenated: the rule was put to work */
	nv_buf_release(&b);
	nv_pl_pages_free(p);
}

/* The last row of a table never stands alone on a page: the row before it goes along. */
static void test_last_row_not_alone(void)
{
	struct nv_pl_table *t;
	struct nv_pl_pages *p;
	size_t first;
	int i;

	CHECK(engine());
	/* how many one-line rows fit on the first page */
	t = table();
	for (i = 1; i <= 80; i++)
		row(t, i, "школа", 2);
	p = lay_out(t);
	CHECK(p->nr >= 2);
	first = boxes(p, 0, "row");
	nv_pl_pages_free(p);
	/* one more than that: the last would be alone on page 2 */
	t = table();
	for (i = 1; i <= (int)first + 1; i++)
		row(t, i, "школа", 2);
	p = lay_out(t);
	CHECK_INT(p->nr, 2);
	CHECK_INT(boxes(p, 0, "row"), first - 1);
	CHECK_INT(boxes(p, 1, "row"), 2);
	CHECK_INT(boxes(p, 1, "header-row"), 1);
	nv_pl_pages_free(p);
}

/*
 * Nor does the last group of rows joined by merged cells (a mentor with
 * two mentees): the row before it goes along to the next page.
 */
static void test_last_group_not_alone(void)
{
	struct nv_pl_table *t;
	struct nv_pl_pages *p;
	struct nv_pl_row *r;
	size_t first;
	int i;

	CHECK(engine());
	t = table();
	for (i = 1; i <= 80; i++)
		row(t, i, "школа", 2);
	p = lay_out(t);
	first = boxes(p, 0, "row");
	nv_pl_pages_free(p);
	/* first - 1 rows, then a group of two: the group does not fit on page 1 */
	t = table();
	for (i = 1; i <= (int)first; i++)
		row(t, i, "школа", 2);
	row(t, i, "школа", 2);
	r = &t->rows[t->nrows - 1];
	r->cells[0].joined = r->cells[1].joined = true;
	p = lay_out(t);
	CHECK_INT(p->nr, 2);
	CHECK_INT(boxes(p, 0, "row"), first - 2);
	CHECK_INT(boxes(p, 1, "row"), 3);
	nv_pl_pages_free(p);
}

/* The widths of the cells of the first body row («row») of page 0. */
static size_t row_widths(const struct nv_pl_pages *p, double *w, size_t max)
{
	size_t k, n = 0;
	bool in = false;

	for (k = 0; k < p->v[0].nitems; k++) {
		const struct nv_pl_item *it = &p->v[0].items[k];
		if (it->kind == NV_PL_ITEM_BOX) {
			if (in)
				break;
			in = !strcmp(it->role, "row");
		} else if (in && it->kind == NV_PL_ITEM_RECT && n < max) {
			w[n++] = it->w;
		}
	}
	return n;
}

/*
 * Automatic column widths: each column gets its longest word, the rest
 * of the table's width goes by how much more text a column holds; the
 * table keeps its width. Without auto_widths the widths are as given.
 */
static void test_auto_widths(void)
{
	static const double given[] = { 150, 150, 150 };
	static const char *const head[] = { "№", "Мероприятие", "Результат / вид документа" };
	static const char *const cells[] = {
		"1.1.",
		("Изучение федеральных, региональных и муниципальных нормативных документов о "
		 "наставничестве, анализ опыта школы за 2021–2025 годы и подготовка справки"),
		"Аналитическая справка, протокол"
	};
	struct nv_pl_table *t;
	struct nv_pl_pages *p;
	double w[3];
	int a;

	CHECK(engine());
	for (a = 0; a < 2; a++) {
		t = nv_pl_table_new(given, 3, 12);
		nv_pl_row(t, head, 3, NV_PL_CENTER, true);
		t->nheader = 1;
		nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
		t->auto_widths = a == 1;
		p = lay_out(t);
		CHECK_INT(row_widths(p, w, 3), 3);
		nv_pl_pages_free(p);
		CHECK(w[0] + w[1] + w[2] > 449.9 && w[0] + w[1] + w[2] < 450.1);
		if (!a) {
			CHECK(w[0] == 150 && w[1] == 150 && w[2] == 150);
			continue;
		}
		/* «1.1.» narrow, the long text widest, «Аналитическая» whole */
		CHECK(w[0] > 20 && w[0] < 40);
		CHECK(w[1] > w[2] && w[2] > w[0]);
		CHECK(w[2] > 80);
	}
}

void nv_tests(void)
{
	NV_RUN(test_row_moves_whole);
	NV_RUN(test_long_row_breaks_between_words);
	NV_RUN(test_last_row_not_alone);
	NV_RUN(test_last_group_not_alone);
	NV_RUN(test_auto_widths);
	nv_pl_doc_free(doc);
	nv_pl_engine_free(engine());
}
