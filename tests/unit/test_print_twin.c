/*
 * Unit tests for measuring on two threads (print_twin.c): a document
 * long enough to share is measured by a twin engine in part, and its
 * pages (the layout dump) and PDF are those of one thread, with the twin
 * made on the way and with it handed in again; a short one is measured
 * on one thread and makes no twin.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static const char *const para =
	"Настоящее положение о системе наставничества педагогических работников "
	"разработано в соответствии с распоряжением Министерства просвещения "
	"Российской Федерации и определяет порядок организации наставничества, "
	"права и обязанности наставника и наставляемого, порядок их поощрения.";

/* n justified paragraphs, a landscape page with a table, a portrait page with a heading. */
static struct nv_pl_doc *long_doc(size_t n)
{
	static const double w[] = { 40, 500, 120 };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
	const char *cells[3] = { "№", "Мероприятие", "Срок" };
	struct nv_pl_style st;
	size_t i;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	st.hyphenate = true;
	st.indent = 35;
	for (i = 0; i < n; i++)
		nv_pl_para(doc, para, &st);
	nv_pl_add(doc, NV_PL_BREAK, NULL)->landscape = true;
	nv_pl_row(t, cells, 3, NV_PL_CENTER, true);
	t->nheader = 1;
	cells[0] = "1.";
	cells[1] = para;
	cells[2] = "Август 2025";
	for (i = 0; i < 6; i++)
		nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	nv_pl_add(doc, NV_PL_BREAK, NULL);
	st.align = NV_PL_CENTER;
	st.bold = true;
	nv_pl_para(doc, "2. Цели и задачи", &st);
	return doc;
}

/* The dump and the PDF of doc laid out by en alone (twin NULL) or with *twin. */
static void print(struct nv_pl_engine *en, struct nv_pl_engine **twin, struct nv_pl_doc *doc,
		  struct nv_buf *dump, struct nv_buf *pdf)
{
	struct nv_pl_pages *p = twin ? nv_pl_layout_two(en, twin, doc) : nv_pl_layout(en, doc);
	struct nv_buf why = NV_BUF_INIT;

	nv_pl_dump(p, dump);
	CHECK(nv_pl_paint(en, p, pdf, &why) == 0);
	nv_pl_pages_free(p);
	nv_buf_release(&why);
}

static void test_twin_same_pages_and_bytes(void)
{
	struct nv_buf why = NV_BUF_INIT, d1 = NV_BUF_INIT, d2 = NV_BUF_INIT, d3 = NV_BUF_INIT;
	struct nv_buf p1 = NV_BUF_INIT, p2 = NV_BUF_INIT, p3 = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why), *twin = NULL;
	struct nv_pl_doc *doc = long_doc(40);

	CHECK(en != NULL);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	print(en, NULL, doc, &d1, &p1);
	print(en, &twin, doc, &d2, &p2);
	CHECK(twin != NULL); /* shared: the twin was made */
	print(en, &twin, doc, &d3, &p3);
	CHECK(strstr(d1.ptr, "landscape") && strstr(d1.ptr, "-\n"));
	CHECK_STR(d1.ptr, d2.ptr);
	CHECK_STR(d1.ptr, d3.ptr);
	CHECK(p1.len > 1000 && p1.len == p2.len && !memcmp(p1.ptr, p2.ptr, p1.len));
	CHECK(p1.len == p3.len && !memcmp(p1.ptr, p3.ptr, p1.len));
	nv_pl_doc_free(doc);
	nv_pl_engine_free(twin);
	nv_pl_engine_free(en);
	nv_buf_release(&why);
	nv_buf_release(&d1);
	nv_buf_release(&d2);
	nv_buf_release(&d3);
	nv_buf_release(&p1);
	nv_buf_release(&p2);
	nv_buf_release(&p3);
}

static void test_short_text_one_thread(void)
{
	struct nv_buf why = NV_BUF_INIT, d1 = NV_BUF_INIT, d2 = NV_BUF_INIT;
	struct nv_buf p1 = NV_BUF_INIT, p2 = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why), *twin = NULL;
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st;

	CHECK(en != NULL);
	memset(&st, 0, sizeof(st));
	nv_pl_para(doc, para, &st);
	print(en, NULL, doc, &d1, &p1);
	print(en, &twin, doc, &d2, &p2);
	CHECK(twin == NULL);
	CHECK_STR(d1.ptr, d2.ptr);
	nv_pl_doc_free(doc);
	nv_pl_engine_free(en);
	nv_buf_release(&why);
	nv_buf_release(&d1);
	nv_buf_release(&d2);
	nv_buf_release(&p1);
	nv_buf_release(&p2);
}

void nv_tests(void)
{
	NV_RUN(test_twin_same_pages_and_bytes);
	NV_RUN(test_short_text_one_thread);
}
