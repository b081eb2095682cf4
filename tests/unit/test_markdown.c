/* Unit tests for markdown.c: parsing, typography pass, heading ids, links, HTML. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "markdown.h"
#include "utf8.h"

/* U+00A0 NO-BREAK SPACE; a literal of its own so hex digits after it stay text. */
#define NB "\xC2\xA0"

static struct nv_md *parse(const char *text, int first_line, unsigned flags)
{
	return nv_md_parse(text, strlen(text), first_line, flags);
}

static char *render(const char *text, unsigned flags)
{
	struct nv_md *md = parse(text, 1, flags);
	struct nv_buf out = NV_BUF_INIT;

	nv_md_render_html(md, &out);
	nv_md_free(md);
	return nv_buf_detach(&out, NULL);
}

static bool html_is(const char *file, int line, const char *in, unsigned flags, const char *want)
{
	char *got = render(in, flags);
	bool ok = true;

	if (strcmp(got, want))
		ok = nv_test_failed(file, line, "markdown «%s»:\n  got:  «%s»\n  want: «%s»", in,
				    got, want);
	free(got);
	return ok;
}

#define HTML(in, flags, want)                                            \
	do {                                                             \
		if (!html_is(__FILE__, __LINE__, (in), (flags), (want))) \
			return;                                          \
	} while (0)

static void test_paragraph_typography(void)
{
	HTML("Школа \"Радуга\" - лучшая в 2025-2026 гг. Итак...", 0,
	     "<p>Школа «Радуга»" NB "— лучшая в 2025–2026" NB "гг. Итак…</p>\n");
	HTML("Приказ № 5. Директор И.О. Петров", 0,
	     "<p>Приказ №" NB "5. Директор И.О." NB "Петров</p>\n");
}

static void test_quotes_across_emphasis(void)
{
	HTML("\"Школа *\"Радуга\"*\"", 0, "<p>«Школа <em>„Радуга“</em>»</p>\n");
	HTML("\"Школа **\"Радуга\"**\" и \"*x*\"", 0,
	     "<p>«Школа <strong>„Радуга“</strong>» и «<em>x</em>»</p>\n");
}

static void test_quotes_across_link(void)
{
	HTML("\"Приказ [\"О внедрении\"](o.md)\"", 0,
	     "<p>«Приказ <a href=\"o.md\">„О внедрении“</a>»</p>\n");
}

static void test_inline_code_untouched(void)
{
	HTML("Код `\"a\" - b...` и \"x\" - y", 0,
	     "<p>Код <code>&quot;a&quot; - b...</code> и «x»" NB "— y</p>\n");
}

static void test_code_span_counts_as_letter(void)
{
	HTML("\"`x`\" и \"`y` z\"", 0, "<p>«<code>x</code>» и «<code>y</code> z»</p>\n");
}

static void test_code_blocks_untouched(void)
{
	HTML("```\n\"a\" -- b... № 1\n```\n", 0,
	     "<pre><code>&quot;a&quot; -- b... № 1\n</code></pre>\n");
	HTML("    \"a\" - 2025-2026\n", 0, "<pre><code>&quot;a&quot; - 2025-2026\n</code></pre>\n");
}

static void test_state_reset_per_block(void)
{
	HTML("\"a \"b\n\n\"c\"", 0, "<p>«a „b</p>\n<p>«c»</p>\n");
	HTML("# \"a\n\n\"b\"", 0, "<h1 id=\"a\">«a</h1>\n<p>«b»</p>\n");
}

static void test_softbreak_counts_as_space(void)
{
	HTML("Слово\n\"цитата\"", 0, "<p>Слово\n«цитата»</p>\n");
	HTML("Слово  \n\"цитата\"", 0, "<p>Слово<br />\n«цитата»</p>\n");
}

static void test_dash_after_line_break_glued(void)
{
	HTML("Наставник\n— это педагог", 0, "<p>Наставник" NB "— это педагог</p>\n");
	HTML("Наставник\n-- это педагог", 0, "<p>Наставник" NB "— это педагог</p>\n");
	/* a hard break is the author's own line break */
	HTML("Реплика:\\\n— Да", 0, "<p>Реплика:<br />\n— Да</p>\n");
	/* a hyphen starting a line after a paragraph line is a list, not a dash */
	HTML("Текст\n- пункт", 0, "<p>Текст</p>\n<ul>\n<li>пункт</li>\n</ul>\n");
}

static void test_dash_after_emphasis_boundary_glued(void)
{
	struct nv_md *md;

	HTML("Срок **— до мая**", 0, "<p>Срок" NB "<strong>— до мая</strong></p>\n");
	HTML("Срок [— до мая](x.md)", 0, "<p>Срок" NB "<a href=\"x.md\">— до мая</a></p>\n");
	HTML("*Срок* — до мая", 0, "<p><em>Срок</em>" NB "— до мая</p>\n");
	HTML("`Срок` — до мая", 0, "<p><code>Срок</code>" NB "— до мая</p>\n");
	md = parse("Итоги\n-- сроки\n===\n", 1, 0);
	CHECK_INT(md->nr_headings, 1);
	CHECK_STR(md->headings[0].text, "Итоги" NB "— сроки");
	nv_md_free(md);
}

static void test_raw_inline_html_is_transparent(void)
{
	HTML("слово <span>\"x\"</span>", NV_MD_UNSAFE, "<p>слово <span>«x»</span></p>\n");
	HTML("\"<b>x</b>\"", NV_MD_UNSAFE, "<p>«<b>x</b>»</p>\n");
}

static void test_autolink_untouched(void)
{
	HTML("<https://a--b.ru/...>", 0,
	     "<p><a href=\"https://a--b.ru/...\">https://a--b.ru/...</a></p>\n");
	HTML("\"<http://x.ru/a--b>\" и <a--b@x.ru>", 0,
	     "<p>«<a href=\"http://x.ru/a--b\">http://x.ru/a--b</a>» и "
	     "<a href=\"mailto:a--b@x.ru\">a--b@x.ru</a></p>\n");
}

static void test_link_text_typeset_url_not(void)
{
	HTML("[\"a\" - b...](x--y.md \"t - x\")", 0,
	     "<p><a href=\"x--y.md\" title=\"t - x\">«a»" NB "— b…</a></p>\n");
}

static void test_image_alt_typeset(void)
{
	HTML("![Школа \"Радуга\"](p.png)", 0,
	     "<p><img src=\"p.png\" alt=\"Школа «Радуга»\" /></p>\n");
}

static void test_no_typo_flag(void)
{
	HTML("\"a\" - b...", NV_MD_NO_TYPO, "<p>&quot;a&quot; - b...</p>\n");
}

static void test_raw_html_escaped_by_default(void)
{
	HTML("<script>alert(1)</script>\n\nТекст <b>жирный</b>\n", 0,
	     "<!-- raw HTML omitted -->\n<p>Текст <!-- raw HTML omitted -->жирный"
	     "<!-- raw HTML omitted --></p>\n");
	HTML("<script>alert(1)</script>\n\nТекст <b>жирный</b>\n", NV_MD_UNSAFE,
	     "<script>alert(1)</script>\n<p>Текст <b>жирный</b></p>\n");
	HTML("&lt;b&gt; \\<i>", 0, "<p>&lt;b&gt; &lt;i&gt;</p>\n");
}

static void test_dangerous_url_dropped(void)
{
	HTML("[x](javascript:alert(1))", 0, "<p><a href=\"\">x</a></p>\n");
}

static void test_heading_id_and_text(void)
{
	struct nv_md *md = parse("# Раздел 1. Общие положения\n", 1, 0);

	CHECK_INT(md->nr_headings, 1);
	CHECK_STR(md->headings[0].id, "razdel-1-obshchie-polozheniya");
	CHECK_STR(md->headings[0].text, "Раздел 1. Общие положения");
	CHECK_INT(md->headings[0].level, 1);
	CHECK(cmark_node_get_type(md->headings[0].node) == CMARK_NODE_HEADING);
	nv_md_free(md);
}

static void test_heading_text_typeset_with_code(void)
{
	struct nv_md *md = parse("## Пункт \"x\" и `code` - *итог*\n", 1, 0);

	CHECK_INT(md->nr_headings, 1);
	CHECK_STR(md->headings[0].text, "Пункт «x» и code" NB "— итог");
	CHECK_STR(md->headings[0].id, "punkt-x-i-code-itog");
	CHECK_INT(md->headings[0].level, 2);
	nv_md_free(md);
}

static void test_unique_ids(void)
{
	struct nv_md *md = parse("# Цели\n\n## Цели\n\n## Цели 2\n\n## Цели\n\n#\n\n# ---\n", 1, 0);

	CHECK_INT(md->nr_headings, 6);
	CHECK_STR(md->headings[0].id, "tseli");
	CHECK_STR(md->headings[1].id, "tseli-2");
	CHECK_STR(md->headings[2].id, "tseli-2-2");
	CHECK_STR(md->headings[3].id, "tseli-3");
	CHECK_STR(md->headings[4].id, "section");
	CHECK_STR(md->headings[5].id, "section-2");
	nv_md_free(md);
}

static void test_many_equal_headings(void)
{
	struct nv_buf in = NV_BUF_INIT;
	const struct nv_md_heading *h;
	struct nv_md *md;
	int i;

	for (i = 0; i < 3000; i++)
		nv_buf_adds(&in, "## a\n\n");
	md = nv_md_parse(in.ptr, in.len, 1, 0);
	nv_buf_release(&in);
	CHECK_INT(md->nr_headings, 3000);
	CHECK_STR(md->headings[0].id, "a");
	CHECK_STR(md->headings[1].id, "a-2");
	CHECK_STR(md->headings[2999].id, "a-3000");
	h = nv_md_find_heading(md, "a-1500");
	CHECK(h == &md->headings[1499]);
	nv_md_free(md);
}

static void test_heading_ids_in_html(void)
{
	HTML("# Цели\n\nТекст\n\n## Цели\n", 0,
	     "<h1 id=\"tseli\">Цели</h1>\n<p>Текст</p>\n<h2 id=\"tseli-2\">Цели</h2>\n");
	HTML("> # В цитате\n\n- ## В списке\n\nЗаголовок\n===\n", 0,
	     "<blockquote>\n<h1 id=\"v-tsitate\">В цитате</h1>\n</blockquote>\n"
	     "<ul>\n<li>\n<h2 id=\"v-spiske\">В списке</h2>\n</li>\n</ul>\n"
	     "<h1 id=\"zagolovok\">Заголовок</h1>\n");
}

static void test_heading_lookalikes_in_text(void)
{
	/* text and code that look like heading tags or attributes stay text */
	HTML("`<h2 data-sourcepos=\"1:1-1:2\">`\n\n## x\n", 0,
	     "<p><code>&lt;h2 data-sourcepos=&quot;1:1-1:2&quot;&gt;</code></p>\n"
	     "<h2 id=\"x\">x</h2>\n");
}

static void test_no_sourcepos_left(void)
{
	char *html = render("# Заголовок\n\n> цитата\n\n3. один\n4. два\n\n- a\n\n  b\n\n***\n\n"
			    "```c\nкод\n```\n\n    отступ\n\n<div>x</div>\n\nтекст ![p](p.png)\n",
			    NV_MD_UNSAFE);

	CHECK(strstr(html, "sourcepos") == NULL);
	CHECK(strstr(html, "<h1 id=\"zagolovok\">Заголовок</h1>\n") == html);
	CHECK(strstr(html, "<ol start=\"3\">\n") != NULL);
	CHECK(strstr(html, "<pre><code class=\"language-c\">код\n</code></pre>\n") != NULL);
	CHECK(strstr(html, "<hr />\n") != NULL);
	CHECK(strstr(html, "<div>x</div>\n") != NULL);
	free(html);
}

static void test_heading_id_accessors(void)
{
	struct nv_md *md = parse("# Цели\n\nТекст\n\n## Цели\n", 1, 0);
	const struct nv_md_heading *h;
	cmark_node *p;

	CHECK_STR(nv_md_heading_id(md->headings[1].node), "tseli-2");
	p = cmark_node_next(md->headings[0].node);
	CHECK(cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH);
	CHECK(nv_md_heading_id(p) == NULL);
	CHECK(nv_md_heading_id(NULL) == NULL);
	h = nv_md_find_heading(md, "tseli-2");
	CHECK(h != NULL);
	CHECK_INT(h->level, 2);
	CHECK(nv_md_find_heading(md, "tseli-3") == NULL);
	CHECK(nv_md_find_heading(md, "") == NULL);
	nv_md_free(md);
}

static void test_heading_positions(void)
{
	struct nv_md *md = parse("Текст\n\n  ## Цели\n\nЗаголовок\n---\n", 6, 0);

	CHECK_INT(md->nr_headings, 2);
	CHECK_INT(md->headings[0].line, 8);
	CHECK_INT(md->headings[0].col, 3);
	CHECK_INT(md->headings[1].line, 10);
	CHECK_INT(md->headings[1].col, 1);
	nv_md_free(md);
}

static void test_links_in_file_coordinates(void)
{
	struct nv_md *md = parse("Введение.\n"
				 "\n"
				 "См. приказ «О внедрении» [приказ](../orders/o-vnedrenii.md#p-2) "
				 "и [сайт](https://x.ru/a.md).\n",
				 6, 0);
	const struct nv_md_link *l;

	CHECK_INT(md->nr_links, 1);
	l = &md->links[0];
	CHECK_INT(l->kind, NV_MD_LINK_DOC);
	CHECK_STR(l->url, "../orders/o-vnedrenii.md#p-2");
	CHECK_STR(l->path, "../orders/o-vnedrenii.md");
	CHECK_STR(l->anchor, "p-2");
	CHECK_INT(l->line, 8);
	CHECK_INT(l->col, 26);
	CHECK(cmark_node_get_type(l->node) == CMARK_NODE_LINK);
	nv_md_free(md);
}

static void test_link_kinds(void)
{
	struct nv_md *md = parse("[a](x.md) [b](../orders/o.md#p-2) [c](y.MD?v=1#z) "
				 "[d](#razdel-2) [e](http://x.ru/a.md) [f](mailto:a@b.ru) "
				 "[g](/abs.md) [h](//cdn.ru/x.md) [i](x.md#) [j](#) [k](x.pdf) "
				 "[l](dir/) [m](.md) [n](a/.md) [o](C:x.md) ![p](q.md)\n",
				 1, 0);
	const struct nv_md_link *l = md->links;

	CHECK_INT(md->nr_links, 5);
	CHECK_INT(l[0].kind, NV_MD_LINK_DOC);
	CHECK_STR(l[0].path, "x.md");
	CHECK(l[0].anchor == NULL);
	CHECK_STR(l[1].path, "../orders/o.md");
	CHECK_STR(l[1].anchor, "p-2");
	CHECK_STR(l[2].path, "y.MD");
	CHECK_STR(l[2].anchor, "z");
	CHECK_STR(l[2].url, "y.MD?v=1#z");
	CHECK_INT(l[3].kind, NV_MD_LINK_ANCHOR);
	CHECK(l[3].path == NULL);
	CHECK_STR(l[3].anchor, "razdel-2");
	CHECK_INT(l[4].kind, NV_MD_LINK_DOC);
	CHECK_STR(l[4].path, "x.md");
	CHECK(l[4].anchor == NULL);
	CHECK_INT(l[0].col, 1);
	CHECK_INT(l[1].col, 11);
	nv_md_free(md);
}

static void test_link_escapes_resolved(void)
{
	struct nv_md *md = parse("[a](<папка с пробелом/файл.md>) [b](x\\_y.md)\n", 1, 0);

	CHECK_INT(md->nr_links, 2);
	CHECK_STR(md->links[0].path, "папка с пробелом/файл.md");
	CHECK_STR(md->links[1].path, "x_y.md");
	CHECK_INT(md->links[1].col, 33);
	nv_md_free(md);
}

static void test_links_on_continuation_lines(void)
{
	struct nv_md *md = parse("абв\n"
				 "   где [a](a.md)\n"
				 "\n"
				 "> цит\n"
				 "ленивая [b](b.md)\n"
				 "\n"
				 "- x\n"
				 "\tтаб [c](c.md)\n"
				 "\n"
				 "Заголовок\n"
				 "  ёё [d](d.md)\n"
				 "===\n",
				 1, 0);
	const struct nv_md_link *l = md->links;

	CHECK_INT(md->nr_links, 4);
	CHECK_INT(l[0].line, 2);
	CHECK_INT(l[0].col, 8);
	CHECK_INT(l[1].line, 5);
	CHECK_INT(l[1].col, 9);
	CHECK_INT(l[2].line, 8);
	CHECK_INT(l[2].col, 6);
	CHECK_INT(l[3].line, 11);
	CHECK_INT(l[3].col, 6);
	nv_md_free(md);
}

static void test_links_in_containers(void)
{
	struct nv_md *md = parse("> - пункт [a](a.md)\n"
				 ">   ещё [b](b.md#x)\n"
				 "\n"
				 "1. *«в* [c](c.md)*»*\n",
				 3, 0);
	const struct nv_md_link *l = md->links;

	CHECK_INT(md->nr_links, 3);
	CHECK_INT(l[0].line, 3);
	CHECK_INT(l[0].col, 11);
	CHECK_INT(l[1].line, 4);
	CHECK_INT(l[1].col, 9);
	CHECK_STR(l[1].anchor, "x");
	CHECK_INT(l[2].line, 6);
	CHECK_INT(l[2].col, 9);
	nv_md_free(md);
}

static void test_crlf_positions(void)
{
	struct nv_md *md = parse("Текст\r\n\r\nСм. [a](a.md)\r\n# Ж\r\n", 2, 0);

	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 4);
	CHECK_INT(md->links[0].col, 5);
	CHECK_INT(md->nr_headings, 1);
	CHECK_INT(md->headings[0].line, 5);
	nv_md_free(md);
}

static void test_first_line_below_one(void)
{
	struct nv_md *md = parse("[a](a.md)\n", 0, 0);

	CHECK_INT(md->first_line, 1);
	CHECK_INT(md->links[0].line, 1);
	nv_md_free(md);
}

static void test_invalid_utf8_input(void)
{
	const char in[] = "# Т\xFF\n\nТекст \xFF\xFE \"x\" \xD0 [a](a.md)\n";
	struct nv_md *md = nv_md_parse(in, sizeof(in) - 1, 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_md_render_html(md, &out);
	CHECK(nv_utf8_valid(out.ptr, out.len, NULL));
	CHECK(strstr(out.ptr, "«x»") != NULL);
	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 3);
	CHECK_STR(md->headings[0].id, "t");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_empty_input(void)
{
	struct nv_md *md = nv_md_parse(NULL, 0, 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	CHECK(md != NULL);
	CHECK_INT(md->nr_headings, 0);
	CHECK_INT(md->nr_links, 0);
	CHECK(nv_md_find_heading(md, "x") == NULL);
	nv_md_render_html(md, &out);
	CHECK_STR(out.ptr, "");
	nv_buf_release(&out);
	nv_md_free(md);
	nv_md_free(NULL);
}

static void test_render_appends(void)
{
	struct nv_md *md = parse("# A\n", 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_buf_adds(&out, "<main>");
	nv_md_render_html(md, &out);
	nv_md_render_html(md, &out);
	CHECK_STR(out.ptr, "<main><h1 id=\"a\">A</h1>\n<h1 id=\"a\">A</h1>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_deep_nesting_survives(void)
{
	struct nv_buf in = NV_BUF_INIT;
	struct nv_md *md;
	int i;

	for (i = 0; i < 5000; i++)
		nv_buf_adds(&in, "> ");
	nv_buf_adds(&in, "# \"x\" [a](a.md)\n");
	for (i = 0; i < 5000; i++)
		nv_buf_adds(&in, "*\"");
	md = nv_md_parse(in.ptr, in.len, 1, 0);
	CHECK_INT(md->nr_headings, 1);
	CHECK_STR(md->headings[0].text, "«x» a");
	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].col, 10007);
	nv_buf_release(&in);
	nv_md_free(md);
}

void nv_tests(void)
{
	NV_RUN(test_paragraph_typography);
	NV_RUN(test_quotes_across_emphasis);
	NV_RUN(test_quotes_across_link);
	NV_RUN(test_inline_code_untouched);
	NV_RUN(test_code_span_counts_as_letter);
	NV_RUN(test_code_blocks_untouched);
	NV_RUN(test_state_reset_per_block);
	NV_RUN(test_softbreak_counts_as_space);
	NV_RUN(test_dash_after_line_break_glued);
	NV_RUN(test_dash_after_emphasis_boundary_glued);
	NV_RUN(test_raw_inline_html_is_transparent);
	NV_RUN(test_autolink_untouched);
	NV_RUN(test_link_text_typeset_url_not);
	NV_RUN(test_image_alt_typeset);
	NV_RUN(test_no_typo_flag);
	NV_RUN(test_raw_html_escaped_by_default);
	NV_RUN(test_dangerous_url_dropped);
	NV_RUN(test_heading_id_and_text);
	NV_RUN(test_heading_text_typeset_with_code);
	NV_RUN(test_unique_ids);
	NV_RUN(test_many_equal_headings);
	NV_RUN(test_heading_ids_in_html);
	NV_RUN(test_heading_lookalikes_in_text);
	NV_RUN(test_no_sourcepos_left);
	NV_RUN(test_heading_id_accessors);
	NV_RUN(test_heading_positions);
	NV_RUN(test_links_in_file_coordinates);
	NV_RUN(test_link_kinds);
	NV_RUN(test_link_escapes_resolved);
	NV_RUN(test_links_on_continuation_lines);
	NV_RUN(test_links_in_containers);
	NV_RUN(test_crlf_positions);
	NV_RUN(test_first_line_below_one);
	NV_RUN(test_invalid_utf8_input);
	NV_RUN(test_empty_input);
	NV_RUN(test_render_appends);
	NV_RUN(test_deep_nesting_survives);
}
