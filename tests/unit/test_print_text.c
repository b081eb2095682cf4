/*
 * test_print_text.c: nv_pl_text(), the text of a laid-out document as the
 * website's personal-data check reads it (issue 12, item 3).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "harness.h"
#include "hyphenate.h"
#include "model.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static int cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The lines of text sorted, without lines of digits only (page numbers),
 * one string ("a\nb\n"): the text of the pages and of the blocks compare
 * equal when they hold the same lines.
 */
static char *sorted_lines(const char *text)
{
	char *copy = nv_xstrdup(text), *p, *eol, **v = NULL;
	size_t n = 0, alloc = 0, i;
	struct nv_buf out = NV_BUF_INIT;

	for (p = copy; (eol = strchr(p, '\n')); p = eol + 1) {
		*eol = '\0';
		if (strspn(p, "0123456789") == strlen(p))
			continue;
		NV_GROW(v, n + 1, alloc);
		v[n++] = p;
	}
	qsort(v, n, sizeof(*v), cmp_lines);
	for (i = 0; i < n; i++) {
		nv_buf_adds(&out, v[i]);
		nv_buf_addch(&out, '\n');
	}
	free(v);
	free(copy);
	return nv_buf_detach(&out, NULL);
}

/*
 * The text of a document of one paragraph (markup), hyphenated, justified:
 * from its pages; the same lines from its blocks or the test fails.
 */
static void text_of(struct nv_pl_engine *en, const char *markup, struct nv_buf *out)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st = { 0 };
	struct nv_pl_pages *p;
	struct nv_buf blocks = NV_BUF_INIT;

	st.align = NV_PL_JUSTIFY;
	st.hyphenate = true;
	st.indent = 35;
	doc->title = nv_xstrdup("Положение");
	doc->author = nv_xstrdup("Школа");
	nv_pl_para(doc, markup, &st);
	p = nv_pl_layout(en, doc);
	nv_pl_text(p, out);
	nv_pl_pages_free(p);
	nv_pl_doc_text(doc, &blocks);
	if (strcmp(blocks.ptr, out->ptr))
		nv_test_failed(__FILE__, __LINE__, "blocks «%s» != pages «%s»", blocks.ptr,
			       out->ptr);
	nv_buf_release(&blocks);
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

/*
 * Every printed document of the demo: the text read from the blocks (what
 * the build checks, without measuring) holds the lines of the text read
 * from the laid-out pages, page numbers aside.
 */
static void test_blocks_and_pages_agree(void)
{
	static struct nv_content content;
	struct nv_model model;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_print_state *s;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	char *la, *lb;
	size_t i, n = 0;

	memset(&content, 0, sizeof(content));
	CHECK(nv_content_load(&content, "content", &d) == 0);
	nv_model_build(&model, &content, false, &d);
	s = nv_print_new(&model, &d);
	CHECK(s != NULL);
	for (i = 0; i < model.nentries; i++) {
		const struct nv_entry *e = model.entries[i];
		if (e->kind != NV_KIND_ORDER && e->kind != NV_KIND_POSITION &&
		    e->kind != NV_KIND_PROGRAM && e->kind != NV_KIND_ROADMAP)
			continue;
		nv_buf_reset(&a);
		nv_buf_reset(&b);
		CHECK(nv_print_text(s, e, true, &a) == 0);
		CHECK(nv_print_text(s, e, false, &b) == 0);
		la = sorted_lines(a.ptr);
		lb = sorted_lines(b.ptr);
		if (strcmp(la, lb))
			nv_test_failed(__FILE__, __LINE__, "%s: pages «%s» != blocks «%s»", e->id,
				       la, lb);
		free(la);
		free(lb);
		n++;
	}
	CHECK(n >= 5);
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_print_free(s);
	nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_text_reads_names_whole);
	NV_RUN(test_blocks_and_pages_agree);
}
