/*
 * Unit tests for the print engine (print_layout.c, print_paint.c,
 * hyphenate.c) and the printers (print_docs.c) on the demo school.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "hyphenate.h"
#include "model.h"
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

static void test_hyphenation(void)
{
	struct nv_hyphen *h = nv_hyphen_load(NV_HYPHEN_RU);
	struct nv_buf b = NV_BUF_INIT;

	CHECK(h != NULL);
	nv_hyphen_add(h, &b, "наставничества", strlen("наставничества"), false);
	CHECK(strstr(b.ptr, "\xC2\xAD") != NULL);
	nv_buf_reset(&b);
	/* Short words, words with digits and markup stay whole. */
	nv_hyphen_add(h, &b, "<b>мама</b> 5-й 10А &amp;", strlen("<b>мама</b> 5-й 10А &amp;"),
		      true);
	CHECK_STR(b.ptr, "<b>мама</b> 5-й 10А &amp;");
	nv_buf_reset(&b);
	/* Two letters at least on each side: «об-ра-зо-ва-ние», never «о-бразование». */
	nv_hyphen_add(h, &b, "Образование", strlen("Образование"), false);
	CHECK(strncmp(b.ptr, "О\xC2\xAD", 4) != 0);
	CHECK(!strstr(b.ptr, "\xC2\xAD"
			     "е"));
	nv_buf_release(&b);
	nv_hyphen_free(h);
}

static void test_missing_font_is_an_error(void)
{
	struct nv_print_opts o = opts;
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en;

	o.font = "Шрифт Которого Нет";
	en = nv_pl_engine_new(&o, NULL, &why);
	CHECK(en == NULL);
	CHECK(strstr(why.ptr, "Шрифт Которого Нет") != NULL);
	nv_buf_release(&why);
	CHECK(engine() != NULL);
}

/* Lorem-like Russian text of n words. */
static void words(struct nv_buf *b, int n)
{
	static const char *const w[] = { "наставник",	   "и",	   "наставляемый", "составляют",
					 "индивидуальный", "план", "развития",	   "школы" };
	int i;

	for (i = 0; i < n; i++)
		nv_buf_addf(b, "%s%s", i ? " " : "", w[i % 8]);
}

/* Count the LINE items that follow each BOX of `role`; report the smallest fragment. */
static size_t min_fragment(const struct nv_pl_pages *p, const char *role, size_t *nfrag)
{
	size_t i, k, min = SIZE_MAX, cur = 0;
	bool in = false;

	*nfrag = 0;
	for (i = 0; i < p->nr; i++) {
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BOX) {
				if (in && cur < min)
					min = cur;
				in = !strcmp(it->role, role);
				if (in)
					(*nfrag)++;
				cur = 0;
			} else if (it->kind == NV_PL_ITEM_LINE && in) {
				cur++;
			}
		}
		if (in && cur < min)
			min = cur;
		in = false;
		cur = 0;
	}
	return min;
}

/* The role of the last box on page i. */
static const char *last_box(const struct nv_pl_page *pg)
{
	size_t k;

	for (k = pg->nitems; k-- > 0;)
		if (pg->items[k].kind == NV_PL_ITEM_BOX)
			return pg->items[k].role;
	return "";
}

static const char *first_box(const struct nv_pl_page *pg)
{
	size_t k;

	for (k = 0; k < pg->nitems; k++)
		if (pg->items[k].kind == NV_PL_ITEM_BOX && strcmp(pg->items[k].role, "number"))
			return pg->items[k].role;
	return "";
}

static void test_keep_rules(void)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style body, head, sig;
	struct nv_pl_block *b;
	struct nv_pl_pages *p;
	struct nv_buf t = NV_BUF_INIT;
	size_t i, nfrag;
	int n;

	CHECK(engine() != NULL);
	memset(&body, 0, sizeof(body));
	body.align = NV_PL_JUSTIFY;
	body.indent = 35.4;
	body.hyphenate = true;
	body.role = "para";
	head = body;
	head.align = NV_PL_CENTER;
	head.indent = 0;
	head.bold = true;
	head.keep_next = true;
	head.before = 12;
	head.role = "heading";
	/* Paragraphs of 1 to 9 lines and headings, many pages of them. */
	for (n = 0; n < 60; n++) {
		nv_buf_reset(&t);
		if (n % 5 == 0) {
			nv_buf_addf(&t, "%d. Раздел", n / 5 + 1);
			nv_pl_para(doc, t.ptr, &head);
			nv_buf_reset(&t);
		}
		words(&t, 8 + (n * 37) % 90);
		nv_pl_para(doc, t.ptr, &body);
	}
	memset(&sig, 0, sizeof(sig));
	sig.keep_prev = true;
	sig.before = 35;
	sig.role = "signature";
	b = nv_pl_add(doc, NV_PL_COLUMNS, &sig);
	b->align_last = true;
	nv_pl_column_para(nv_pl_column(b, 0, 280), "Директор", &sig);
	sig.align = NV_PL_RIGHT;
	nv_pl_column_para(nv_pl_column(b, 280, 200), "И.В.\xC2\xA0Соколова", &sig);

	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr >= 5);
	/* No page ends with a heading, none starts with the signature. */
	for (i = 0; i < p->nr; i++) {
		CHECK(strcmp(last_box(&p->v[i]), "heading") != 0);
		CHECK(strcmp(first_box(&p->v[i]), "signature") != 0);
		CHECK_INT(p->v[i].number, i == 0 ? 0 : (int)i + 1);
	}
	/* Every piece of a broken paragraph has two lines at least (one-line paragraphs aside). */
	CHECK(min_fragment(p, "para", &nfrag) >= 1);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&t);
}

/* The widow and orphan rule checked through the dump: a 6-line paragraph near the foot of a page.
 */
static void test_widows_and_orphans(void)
{
	struct nv_pl_style body, sp;
	struct nv_buf t = NV_BUF_INIT;
	int pad;

	CHECK(engine() != NULL);
	memset(&body, 0, sizeof(body));
	body.align = NV_PL_JUSTIFY;
	body.role = "para";
	memset(&sp, 0, sizeof(sp));
	for (pad = 600; pad < 760; pad += 5) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_pages *p;
		size_t first = 0, second = 0, k;

		sp.before = pad;
		nv_pl_para(doc, "Начало.", &body);
		nv_pl_add(doc, NV_PL_SPACE, &sp);
		nv_buf_reset(&t);
		words(&t, 60);
		nv_pl_para(doc, t.ptr, &body);
		p = nv_pl_layout(engine(), doc);
		for (k = 0; k < p->v[0].nitems; k++)
			first += p->v[0].items[k].kind == NV_PL_ITEM_LINE;
		if (p->nr > 1)
			for (k = 0; k < p->v[1].nitems; k++)
				second += p->v[1].items[k].kind == NV_PL_ITEM_LINE &&
					  p->v[1].items[k].y > 60;
		first -= 1; /* «Начало.» */
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		/* All six lines together, or at least two on each page. */
		CHECK(first + second >= 6);
		CHECK(first == 0 || first >= 2);
		CHECK(second == 0 || second >= 2);
	}
	nv_buf_release(&t);
}

static void test_table_header_repeats(void)
{
	static const double w[] = { 60, 200, 221.9 };
	static const char *const head[] = { "№", "Мероприятие", "Срок" };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
	struct nv_pl_block *b;
	struct nv_pl_pages *p;
	struct nv_buf cell = NV_BUF_INIT;
	const char *cells[3];
	size_t i, k, headers;
	int r;

	CHECK(engine() != NULL);
	nv_pl_row(t, head, 3, NV_PL_CENTER, true);
	t->nheader = 1;
	for (r = 0; r < 120; r++) {
		nv_buf_reset(&cell);
		words(&cell, 3 + r % 40);
		cells[0] = "1.1.";
		cells[1] = cell.ptr;
		cells[2] = "сентябрь";
		if (r % 10 == 0) {
			cells[0] = "Раздел";
			nv_pl_row(t, cells, 1, NV_PL_CENTER, true);
		}
		nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
	}
	b = nv_pl_add(doc, NV_PL_TABLE, NULL);
	b->table = t;
	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr > 3);
	for (i = 0; i < p->nr; i++) {
		const char *last = "";
		headers = 0;
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BOX && !strcmp(it->role, "header-row"))
				headers++;
			if (it->kind == NV_PL_ITEM_BOX)
				last = it->role;
			/* Nothing below the bottom margin. */
			CHECK(it->y + (it->kind == NV_PL_ITEM_RECT ? it->h : 0) <=
			      p->v[i].h - 20 * NV_PT_PER_MM + 0.5);
		}
		CHECK_INT(headers, 1);
		CHECK(strcmp(last, "section-row") != 0);
	}
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&cell);
}

static void test_line_text_in_dump(void)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st;
	struct nv_pl_pages *p;
	struct nv_buf out = NV_BUF_INIT;

	CHECK(engine() != NULL);
	memset(&st, 0, sizeof(st));
	nv_pl_para(doc,
		   "<b>№\xC2\xA0"
		   "112-од</b> от 2025\xC2\xA0"
		   "г. &amp; п/п",
		   &st);
	p = nv_pl_layout(engine(), doc);
	nv_pl_dump(p, &out);
	CHECK(strstr(out.ptr, "page 1 595.3x841.9 portrait\n") != NULL);
	CHECK(strstr(out.ptr, "№~112-од от 2025~г. & п/п") != NULL);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&out);
}

/* The demo school, printed: requisites, appendices, landscape roadmap, same bytes twice. */
static void test_demo_documents(void)
{
	static struct nv_content content;
	struct nv_model model;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_print_state *s;
	struct nv_buf dump = NV_BUF_INIT, a = NV_BUF_INIT, b = NV_BUF_INIT;
	char *pdf1 = NULL, *pdf2 = NULL;

	memset(&content, 0, sizeof(content));
	CHECK(nv_content_load(&content, "content", &d) == 0);
	nv_model_build(&model, &content, false, &d);
	s = nv_print_new(&model, &d);
	CHECK(s != NULL);

	CHECK(nv_print_document(s, nv_model_entry(&model, "o-zakreplenii-par"), NULL, &dump) == 0);
	CHECK(strstr(dump.ptr, "ПРИКАЗЫВАЮ:") != NULL);
	CHECK(strstr(dump.ptr, "outline «Приложение №~1. Состав") ||
	      strstr(dump.ptr, "outline «Приложение №\xC2\xA0"
			       "1. Состав"));
	CHECK(strstr(dump.ptr, "landscape") != NULL);	    /* the pairs table */
	CHECK(strstr(dump.ptr, "Кузнецова Елена") != NULL); /* full names on paper */
	CHECK(strstr(dump.ptr, "  signature ") != NULL);

	nv_buf_reset(&dump);
	CHECK(nv_print_document(s, nv_model_entry(&model, "dorozhnaya-karta-2025-2026"), NULL,
				&dump) == 0);
	CHECK(strncmp(strstr(dump.ptr, "page 1 "), "page 1 841.9x595.3 landscape", 28) == 0);
	CHECK(strstr(dump.ptr, "  header-row ") != NULL);
	CHECK(strstr(dump.ptr, "  section-row ") != NULL);

	setenv("SOURCE_DATE_EPOCH", "1756425600", 1);
	pdf1 = nv_xasprintf("%s/1.pdf", nv_test_tmpdir());
	pdf2 = nv_xasprintf("%s/2.pdf", nv_test_tmpdir());
	CHECK(nv_print_document(s, nv_model_entry(&model, "o-vnedrenii"), pdf1, NULL) == 0);
	CHECK(nv_print_document(s, nv_model_entry(&model, "o-vnedrenii"), pdf2, NULL) == 0);
	CHECK(nv_read_file(pdf1, 1 << 24, &a) == 0);
	CHECK(nv_read_file(pdf2, 1 << 24, &b) == 0);
	CHECK(a.len > 1000 && !memcmp(a.ptr, "%PDF-", 5));
	CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
	CHECK(d.errors == 0);

	free(pdf1);
	free(pdf2);
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_buf_release(&dump);
	nv_print_free(s);
	nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_hyphenation);
	NV_RUN(test_missing_font_is_an_error);
	NV_RUN(test_keep_rules);
	NV_RUN(test_widows_and_orphans);
	NV_RUN(test_table_header_repeats);
	NV_RUN(test_line_text_in_dump);
	NV_RUN(test_demo_documents);
	nv_pl_engine_free(engine());
}
