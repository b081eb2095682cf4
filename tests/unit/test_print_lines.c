/*
 * Unit tests for the print engine's lines (print_layout.c): no line, with
 * the hyphen a break adds, ever leaves its box (the text area of the page
 * or of its table cell).
 */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

#define CELL_HPAD 4.0 /* print_int.h */

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

/*
 * How far the widest line sticks out of its box (negative: it does not):
 * the page's text area, or the last cell before it less its padding.
 * The text of the worst line goes to *worst.
 */
static double overflow(const struct nv_pl_pages *p, struct nv_buf *worst)
{
	size_t i, k;
	double max = -1e9;

	for (i = 0; i < p->nr; i++) {
		double page_right = p->v[i].w - opts.margin_right * NV_PT_PER_MM,
		       right = page_right;
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BOX)
				right = page_right;
			else if (it->kind == NV_PL_ITEM_RECT)
				right = it->x + it->w - CELL_HPAD;
			else if (it->kind == NV_PL_ITEM_LINE && it->x + it->w - right > max) {
				max = it->x + it->w - right;
				nv_buf_reset(worst);
				nv_pl_line_text(it->line, worst);
			}
		}
	}
	return max;
}

static const char *const vocab[] = {
	"персонализированных",
	"программ",
	"наставничества",
	"для",
	"педагогических",
	"работников",
	"и",
	"обучающихся",
	"в",
	"образовательной",
	"организации",
	"с",
	"учётом",
	"индивидуальных",
	"образовательных",
	"потребностей",
	"молодых",
	"специалистов",
	"на",
	"основе",
};

/* n pseudo-random words of vocab. */
static void words(struct nv_buf *b, unsigned *seed, int n)
{
	int i;

	nv_buf_reset(b);
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		nv_buf_addf(b, "%s%s", i ? " " : "", vocab[(*seed >> 16) % NV_ARRAY_SIZE(vocab)]);
	}
}

/*
 * Paragraphs of many word orders and offsets, justified with a first-line
 * indent and without, and left-aligned: Pango 1.50 overfilled justified
 * lines that end in a hyphen by its width («пе-» at 571.4 pt against
 * 566.9 pt).
 */
static void test_no_line_past_the_margin(void)
{
	struct nv_pl_engine *en = engine();
	struct nv_buf b = NV_BUF_INIT, worst = NV_BUF_INIT;
	unsigned seed = 1;
	int n, a;

	CHECK(en);
	for (n = 0; n < 60; n++) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_pages *p;
		struct nv_pl_style st;
		double o;

		words(&b, &seed, 60);
		for (a = 0; a < 3; a++) {
			memset(&st, 0, sizeof(st));
			st.align = a == 1 ? NV_PL_LEFT : NV_PL_JUSTIFY;
			st.indent = a == 0 ? 12.5 * NV_PT_PER_MM : 0;
			st.hyphenate = true;
			st.left = (n % 7) * 3.0;
			nv_pl_para(doc, b.ptr, &st);
		}
		p = nv_pl_layout(en, doc);
		o = overflow(p, &worst);
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		if (o > 0.01)
			nv_test_failed(__FILE__, __LINE__, "%.2f pt past the margin: «%s»", o,
				       worst.ptr);
		CHECK(o <= 0.01);
	}
	nv_buf_release(&b);
	nv_buf_release(&worst);
}

/* The same in table cells, justified and left-aligned, of several widths. */
static void test_no_line_past_its_cell(void)
{
	static const double widths[] = { 40, 150, 90, 230 };
	struct nv_pl_engine *en = engine();
	struct nv_buf b[4] = { NV_BUF_INIT, NV_BUF_INIT, NV_BUF_INIT, NV_BUF_INIT };
	struct nv_buf worst = NV_BUF_INIT;
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(widths, 4, 12);
	struct nv_pl_pages *p;
	unsigned seed = 7;
	const char *cells[4];
	int n, c;
	double o;

	CHECK(en);
	for (n = 0; n < 40; n++) {
		for (c = 0; c < 4; c++) {
			words(&b[c], &seed, c ? 3 + (int)(seed >> 20) % 12 : 1);
			cells[c] = b[c].ptr;
		}
		nv_pl_row(t, cells, 4, n % 2 ? NV_PL_JUSTIFY : NV_PL_LEFT, false);
	}
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	p = nv_pl_layout(en, doc);
	o = overflow(p, &worst);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	for (c = 0; c < 4; c++)
		nv_buf_release(&b[c]);
	if (o > 0.01)
		nv_test_failed(__FILE__, __LINE__, "%.2f pt past the cell: «%s»", o, worst.ptr);
	nv_buf_release(&worst);
}

/* The lines of markup set left-aligned in a box of width w, one per line of out. */
static void lines_at(const char *markup, double w, struct nv_buf *out)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_pages *p;
	struct nv_pl_style st;
	size_t i, k;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_LEFT;
	st.hyphenate = true;
	st.width = w;
	nv_pl_para(doc, markup, &st);
	p = nv_pl_layout(engine(), doc);
	nv_buf_reset(out);
	for (i = 0; i < p->nr; i++)
		for (k = 0; k < p->v[i].nitems; k++)
			if (p->v[i].items[k].kind == NV_PL_ITEM_LINE) {
				nv_pl_line_text(p->v[i].items[k].line, out);
				nv_buf_addch(out, '\n');
			}
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
}

/*
 * A break at a hyphen leaves two letters before it and three after it at
 * least («СШ-» / «И», «212-» / «од», «кто-» / «то» never); a longer
 * compound still breaks there.
 */
static void test_hyphen_breaks(void)
{
	struct nv_buf b = NV_BUF_INIT;
	bool compound = false;
	double w;

	CHECK(engine());
	for (w = 40; w < 200; w += 1) {
		lines_at("школа СШ-И приказ № 212-од кто-то учитель-наставник", w, &b);
		if (strstr(b.ptr, "СШ-\n") || strstr(b.ptr, "212-\n") || strstr(b.ptr, "кто-\n"))
			nv_test_failed(__FILE__, __LINE__, "ширина %.0f:\n%s", w, b.ptr);
		CHECK(!strstr(b.ptr, "СШ-\n") && !strstr(b.ptr, "212-\n") &&
		      !strstr(b.ptr, "кто-\n"));
		compound = compound || strstr(b.ptr, "учитель-\nнаставник");
	}
	CHECK(compound);
	nv_buf_release(&b);
}

/* A kept name stays whole in its case forms, at the start of a sentence too. */
static void test_kept_names(void)
{
	struct nv_buf b = NV_BUF_INIT;
	double w;

	CHECK(engine());
	nv_pl_engine_keep_words(engine(), "Лебедева Анна Сергеевна", false);
	for (w = 60; w < 200; w += 1) {
		lines_at("Лебедевой Анной Сергеевной. Назначить Лебедеву куратором", w, &b);
		CHECK(!strstr(b.ptr, "Ле-\n") && !strstr(b.ptr, "Лебе-\n") &&
		      !strstr(b.ptr, "Сер-\n") && !strstr(b.ptr, "Сергеев-\n"));
	}
	/* other words still break */
	lines_at("Назначить куратором", 60, &b);
	CHECK_STR(b.ptr, "Назна-\nчить ку-\nратором\n");
	nv_buf_release(&b);
}

/*
 * A paragraph broken between pages never ends a page inside a word: slid
 * down the page, its last line on a page never ends in a hyphen.
 */
static void test_page_ends_between_words(void)
{
	struct nv_buf b = NV_BUF_INIT, t = NV_BUF_INIT;
	unsigned seed = 3;
	int pad, breaks = 0;

	CHECK(engine());
	words(&b, &seed, 400);
	for (pad = 0; pad < 700; pad += 5) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_pages *p;
		struct nv_pl_style st;
		size_t i, k;
		bool bad = false;

		memset(&st, 0, sizeof(st));
		st.before = pad;
		nv_pl_para(doc, "Начало.", &st);
		nv_pl_add(doc, NV_PL_SPACE, &st);
		st.before = 0;
		st.align = NV_PL_JUSTIFY;
		st.indent = 12.5 * NV_PT_PER_MM;
		st.hyphenate = true;
		nv_pl_para(doc, b.ptr, &st);
		p = nv_pl_layout(engine(), doc);
		for (i = 0; i + 1 < p->nr && !bad; i++) {
			const struct nv_pl_item *last = NULL;
			for (k = 0; k < p->v[i].nitems; k++)
				if (p->v[i].items[k].kind == NV_PL_ITEM_LINE)
					last = &p->v[i].items[k];
			nv_buf_reset(&t);
			if (last)
				nv_pl_line_text(last->line, &t);
			bad = bad || (t.len && t.ptr[t.len - 1] == '-');
			breaks++;
		}
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		if (bad)
			nv_test_failed(__FILE__, __LINE__, "%d pt down: a page ends in «%s»", pad,
				       t.ptr);
		CHECK(!bad);
	}
	CHECK(breaks > 100);
	nv_buf_release(&b);
	nv_buf_release(&t);
}

/*
 * A paragraph with a top_markup is set with it where it begins a page,
 * and with its markup elsewhere: the document is laid out again.
 */
static void test_top_markup(void)
{
	struct nv_pl_style body, head;
	struct nv_buf t = NV_BUF_INIT, dump = NV_BUF_INIT;
	unsigned seed = 7;
	int fill;

	memset(&body, 0, sizeof(body));
	body.align = NV_PL_JUSTIFY;
	head = body;
	head.align = NV_PL_LEFT;
	head.before = 28;
	head.keep_next = true;
	head.role = "acquaint";
	/* 0 lines before it: a page of its own; 5: the same page. */
	for (fill = 0; fill <= 1; fill++) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_pages *p;
		struct nv_pl_block *b;
		words(&t, &seed, fill ? 40 : 5);
		nv_pl_para(doc, t.ptr, &body);
		if (!fill)
			nv_pl_add(doc, NV_PL_BREAK, NULL);
		b = nv_pl_para(doc, "С приказом ознакомлены:", &head);
		b->top_markup = strdup("Лист ознакомления с приказом");
		words(&t, &seed, 20);
		nv_pl_para(doc, t.ptr, &body);
		p = nv_pl_layout(engine(), doc);
		nv_buf_reset(&dump);
		nv_pl_dump(p, &dump);
		if (fill) {
			CHECK(strstr(dump.ptr, " С приказом ознакомлены:\n") != NULL);
			CHECK(strstr(dump.ptr, "Лист ознакомления") == NULL);
		} else {
			CHECK(strstr(dump.ptr, "page 2 ") != NULL);
			CHECK(strstr(strstr(dump.ptr, "page 2 "), "  acquaint y=56.7 ") != NULL);
			CHECK(strstr(dump.ptr, " Лист ознакомления с приказом\n") != NULL);
			CHECK(strstr(dump.ptr, "С приказом ознакомлены:") == NULL);
		}
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
	}
	nv_buf_release(&t);
	nv_buf_release(&dump);
}

/* The lines of a dump that show ws=. */
static int count_ws(const char *d)
{
	int n = 0;

	while ((d = strstr(d, " ws=")) != NULL) {
		n++;
		d++;
	}
	return n;
}

/*
 * The dump shows how much a justified line's word spaces were stretched
 * (ws=), and nothing for a line set at its natural width: the last line
 * of a paragraph, a left-aligned one.
 */
static void test_dump_word_spaces(void)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st;
	struct nv_pl_pages *p;
	struct nv_buf dump = NV_BUF_INIT;
	const char *l;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	/* Two long words and short ones: the first line is stretched a lot. */
	nv_pl_para(doc,
		   "а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я "
		   "персонализированныхпрограммнаставничества конец",
		   &st);
	st.align = NV_PL_LEFT;
	nv_pl_para(doc, "слева без растяжения", &st);
	p = nv_pl_layout(engine(), doc);
	nv_pl_dump(p, &dump);
	/* The first line: «а б в … я», stretched. */
	l = strstr(dump.ptr, "    y=");
	CHECK(l && strstr(l, " ws=") && strstr(l, " ws=") < strchr(l, '\n'));
	CHECK(l && strtod(strstr(l, " ws=") + 4, NULL) > 1.5);
	/* The last line and the left-aligned one: at their natural width. */
	CHECK(strstr(dump.ptr, " конец\n") != NULL);
	CHECK(count_ws(dump.ptr) == 1);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&dump);
}

void nv_tests(void)
{
	NV_RUN(test_no_line_past_the_margin);
	NV_RUN(test_no_line_past_its_cell);
	NV_RUN(test_hyphen_breaks);
	NV_RUN(test_kept_names);
	NV_RUN(test_page_ends_between_words);
	NV_RUN(test_top_markup);
	NV_RUN(test_dump_word_spaces);
	nv_pl_engine_free(engine());
}
