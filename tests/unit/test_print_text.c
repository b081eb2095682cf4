/*
 * test_print_text.c: nv_pl_text(), the text of a laid-out document as the
 * website's personal-data check reads it (issue 12, item 3).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

/* The text of a document of one paragraph (markup), hyphenated, justified. */
static void text_of(struct nv_pl_engine *en, const char *markup, struct nv_buf *out)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st = { 0 };
	struct nv_pl_pages *p;

	st.align = NV_PL_JUSTIFY;
	st.hyphenate = true;
	st.indent = 35;
	doc->title = nv_xstrdup("Положение");
	doc->author = nv_xstrdup("Школа");
	nv_pl_para(doc, markup, &st);
	p = nv_pl_layout(en, doc);
	nv_pl_text(p, out);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
}

static void test_text_reads_names_whole(void)
{
	struct nv_buf why = NV_BUF_INIT, t = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_buf longp = NV_BUF_INIT;
	int i;

	CHECK(en != NULL);
	/* Markup and entities undone, as Pango paints them. */
	text_of(en, "Зай<i>цева</i> и З&#1072;йцевой", &t);
	CHECK_STR(t.ptr, "Положение\nШкола\nЗайцева и Зайцевой\n");
	/* Soft hyphens, zero-width characters and stress accents dropped; no-break spaces. */
	nv_buf_reset(&t);
	text_of(en, "О.\xC2\xA0В.\xC2\xA0Зай\xC2\xADце\xE2\x80\x8Bва\xE2\x81\xA0 Зайце\xCC\x81ва",
		&t);
	CHECK_STR(t.ptr, "Положение\nШкола\nО. В. Зайцева Зайцева\n");
	/* A long paragraph hyphenated over lines: each word still whole. */
	for (i = 0; i < 40; i++)
		nv_buf_adds(&longp, "Ответственная преподавательница Зайцева ");
	nv_buf_reset(&t);
	text_of(en, longp.ptr, &t);
	CHECK(!strstr(t.ptr, "\xC2\xAD"));
	CHECK(strstr(t.ptr, "преподавательница Зайцева Ответственная") != NULL);
	nv_buf_release(&longp);
	nv_buf_release(&t);
	nv_buf_release(&why);
	nv_pl_engine_free(en);
}

void nv_tests(void)
{
	NV_RUN(test_text_reads_names_whole);
}
