/*
 * Unit tests for the engine's set-up (print_fonts.c): an engine set up on
 * a thread of its own while the caller works sets text as one set up at
 * once, hyphenation included; a set-up nobody takes is dropped; a
 * missing font is still refused.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

/* The layout dump of a justified paragraph set by en. */
static void dump(struct nv_pl_engine *en, struct nv_buf *out)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_pages *p;
	struct nv_pl_style st;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	st.hyphenate = true;
	st.indent = 35;
	nv_pl_para(doc,
		   "Настоящее положение о системе наставничества педагогических работников "
		   "разработано в соответствии с распоряжением Министерства просвещения "
		   "Российской Федерации и определяет порядок организации наставничества.",
		   &st);
	p = nv_pl_layout(en, doc);
	nv_pl_dump(p, out);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
}

static void test_warm_same_as_cold(void)
{
	struct nv_buf why = NV_BUF_INIT, a = NV_BUF_INIT, b = NV_BUF_INIT;
	struct nv_pl_warm *w = nv_pl_warm_start(NV_HYPHEN_RU, true);
	struct nv_pl_engine *cold = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_engine *warm = nv_pl_engine_new_warm(&opts, w, &why);

	CHECK(cold && warm);
	CHECK(nv_pl_engine_hyphenates(warm));
	dump(cold, &a);
	dump(warm, &b);
	CHECK(a.len > 0 && strstr(a.ptr, "-\n"));
	CHECK_STR(a.ptr, b.ptr);
	nv_pl_engine_free(cold);
	nv_pl_engine_free(warm);
	nv_buf_release(&why);
	nv_buf_release(&a);
	nv_buf_release(&b);
}

static void test_warm_dropped_and_missing_font(void)
{
	struct nv_print_opts o = opts;
	struct nv_buf why = NV_BUF_INIT;

	nv_pl_warm_free(nv_pl_warm_start(NV_HYPHEN_RU, true));
	nv_pl_warm_free(NULL);
	o.font = "Nonexistent Serif";
	CHECK(!nv_pl_engine_new_warm(&o, nv_pl_warm_start(NULL, true), &why));
	CHECK_STR(why.ptr, "шрифт «Nonexistent Serif» не установлен (вместо него нашёлся "
			   "«DejaVu Sans»)");
	nv_buf_release(&why);
}

void nv_tests(void)
{
	NV_RUN(test_warm_same_as_cold);
	NV_RUN(test_warm_dropped_and_missing_font);
}
