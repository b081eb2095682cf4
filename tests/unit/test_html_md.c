/*
 * Unit tests for html_md.c: Markdown bodies as HTML — cmark's HTML with
 * heading ids, the typography pass as it shows in HTML, safe mode, the
 * model's link targets and the heading shift, and the tree left as it was.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "html_md.h"
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

	nv_html_md_render(&out, md, NULL, NULL, 0);
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
	     "<p>Школа «Радуга»" NB "— лучшая в" NB "<span class=\"nowrap\">2025–2026</span>" NB
	     "гг. Итак…</p>\n");
	HTML("Приказ № 5. Директор И.О. Петров", 0,
	     "<p>Приказ <span class=\"nobr\">№" NB "5</span>. Директор И." NB "О." NB
	     "Петров</p>\n");
}

static void test_quotes_across_emphasis(void)
{
	HTML("\"Школа *\"Радуга\"*\"", 0, "<p>«Школа <em>„Радуга“</em>»</p>\n");
	HTML("\"Школа **\"Радуга\"**\" и \"*x*\"", 0,
	     "<p>«Школа <strong>„Радуга“</strong>» и" NB "«<em>x</em>»</p>\n");
}

static void test_quotes_across_link(void)
{
	HTML("\"Приказ [\"О внедрении\"](o.md)\"", 0,
	     "<p>«Приказ <a href=\"o.md\">„О" NB "внедрении“</a>»</p>\n");
}

static void test_inline_code_untouched(void)
{
	HTML("Код `\"a\" - b...` и \"x\" - y", 0,
	     "<p>Код <code>&quot;a&quot; - b...</code> и" NB "«x»" NB "— y</p>\n");
}

static void test_code_span_counts_as_letter(void)
{
	HTML("\"`x`\" и \"`y` z\"", 0, "<p>«<code>x</code>» и" NB "«<code>y</code> z»</p>\n");
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

	HTML("Срок **— до мая**", 0, "<p>Срок" NB "<strong>— до" NB "мая</strong></p>\n");
	HTML("Срок [— до мая](x.md)", 0, "<p>Срок" NB "<a href=\"x.md\">— до" NB "мая</a></p>\n");
	HTML("*Срок* — до мая", 0, "<p><em>Срок</em>" NB "— до" NB "мая</p>\n");
	HTML("`Срок` — до мая", 0, "<p><code>Срок</code>" NB "— до" NB "мая</p>\n");
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
	     "<p>«<a href=\"http://x.ru/a--b\">http://x.ru/a--b</a>» и" NB
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
	     "<figure class=\"picture\"><img src=\"p.png\" alt=\"Школа «Радуга»\" />"
	     "<figcaption>Школа «Радуга»</figcaption></figure>\n");
}

/*
 * An image paper prints as a picture (one on a line of its own, with a
 * text) is a figure with its text as its caption; so is each of several
 * in a paragraph, which paper prints one under another, each with its
 * text. One in a line of text, or with no text (or beside one with no
 * text), is not.
 */
static void test_image_figure(void)
{
	HTML("Знак ![a](p.png) в строке.", NV_MD_NO_TYPO,
	     "<p>Знак <img src=\"p.png\" alt=\"a\" /> в строке.</p>\n");
	HTML("![](p.png)", NV_MD_NO_TYPO, "<p><img src=\"p.png\" alt=\"\" /></p>\n");
	HTML("![a](p.png)\n![b](q.png)", NV_MD_NO_TYPO,
	     "<figure class=\"picture\"><img src=\"p.png\" alt=\"a\" /><figcaption>a</figcaption>"
	     "</figure>\n<figure class=\"picture\"><img src=\"q.png\" alt=\"b\" />"
	     "<figcaption>b</figcaption></figure>\n");
	HTML("![a](p.png)\n![](q.png)", NV_MD_NO_TYPO,
	     "<p><img src=\"p.png\" alt=\"a\" />\n<img src=\"q.png\" alt=\"\" /></p>\n");
	HTML("- x\n\n  ![a & b](p.png)", NV_MD_NO_TYPO,
	     "<ul>\n<li>\n<p>x</p>\n<figure class=\"picture\"><img src=\"p.png\" alt=\"a &amp; b\" "
	     "/>"
	     "<figcaption>a &amp; b</figcaption></figure>\n</li>\n</ul>\n");
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

static void test_heading_ids_in_html(void)
{
	HTML("# Цели\n\nТекст\n\n## Цели\n", 0,
	     "<h1 id=\"tseli\">Цели</h1>\n<p>Текст</p>\n<h2 id=\"tseli-2\">Цели</h2>\n");
	HTML("> # В цитате\n\n- ## В списке\n\nЗаголовок\n===\n", 0,
	     "<blockquote>\n<h1 id=\"v-tsitate\">В" NB "цитате</h1>\n</blockquote>\n"
	     "<ul>\n<li>\n<h2 id=\"v-spiske\">В" NB "списке</h2>\n</li>\n</ul>\n"
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

static void test_render_appends(void)
{
	struct nv_md *md = parse("# A\n", 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_buf_adds(&out, "<main>");
	nv_html_md_render(&out, md, NULL, NULL, 0);
	nv_html_md_render(&out, md, NULL, NULL, 0);
	CHECK_STR(out.ptr, "<main><h1 id=\"a\">A</h1>\n<h1 id=\"a\">A</h1>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_invalid_utf8_input(void)
{
	const char in[] = "# Т\xFF\n\nТекст \xFF\xFE \"x\" \xD0 [a](a.md)\n";
	struct nv_md *md = nv_md_parse(in, sizeof(in) - 1, 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_html_md_render(&out, md, NULL, NULL, 0);
	CHECK(nv_utf8_valid(out.ptr, out.len, NULL));
	CHECK(strstr(out.ptr, "«x»") != NULL);
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_empty_input(void)
{
	struct nv_md *md = nv_md_parse(NULL, 0, 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_html_md_render(&out, md, NULL, NULL, 0);
	CHECK_STR(out.ptr, "");
	nv_html_md_render(&out, NULL, NULL, NULL, 1);
	CHECK_STR(out.ptr, "");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_escaping_as_cmark(void)
{
	HTML("a & b < c > d \"e\" 'f' /g/", NV_MD_NO_TYPO,
	     "<p>a &amp; b &lt; c &gt; d &quot;e&quot; 'f' /g/</p>\n");
	HTML("[x](/a[b]c{d}|e^f`g?h=1&i=2'j \"t&'\")", 0,
	     "<p><a href=\"/a%5Bb%5Dc%7Bd%7D%7Ce%5Ef%60g?h=1&amp;i=2&#x27;j\" "
	     "title=\"t&amp;'\">x</a></p>\n");
	HTML("[x](<a b>) [y](%D0%B0) [z](я)", 0,
	     "<p><a href=\"a%20b\">x</a> <a href=\"%D0%B0\">y</a> "
	     "<a href=\"%D1%8F\">z</a></p>\n");
}

static void test_dangerous_urls(void)
{
	HTML("[a](VBScript:x) [b](file:///etc) [c](data:text/html,x)", 0,
	     "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a></p>\n");
	HTML("Значки ![a](data:image/png;base64,AA) ![b](DATA:image/webp,AA)", 0,
	     "<p>Значки <img src=\"data:image/png;base64,AA\" alt=\"a\" /> "
	     "<img src=\"DATA:image/webp,AA\" alt=\"b\" /></p>\n");
	HTML("[x](javascript:alert(1))", NV_MD_UNSAFE,
	     "<p><a href=\"javascript:alert(1)\">x</a></p>\n");
}

static void test_unsafe_drops_sourcepos_attributes(void)
{
	HTML("<div data-sourcepos=\"1:1-1:9\" class=\"x\">y</div>\n", NV_MD_UNSAFE,
	     "<div class=\"x\">y</div>\n");
}

static void test_image_alt_is_plain(void)
{
	HTML("![a *b* `c` <i>d</i>\ne](p.png \"t\")", NV_MD_NO_TYPO,
	     "<figure class=\"picture\"><img src=\"p.png\" alt=\"a b c &lt;i&gt;d&lt;/i&gt; e\" "
	     "title=\"t\" /><figcaption>a b c &lt;i&gt;d&lt;/i&gt; e</figcaption></figure>\n");
}

static void test_lists_and_blocks(void)
{
	HTML("> a\n>\n> - b\n> - c\n\n1. x\n\n   y\n2. z\n\n5) q\n\n---\n", NV_MD_NO_TYPO,
	     "<blockquote>\n<p>a</p>\n<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</blockquote>\n"
	     "<ol>\n<li>\n<p>x</p>\n<p>y</p>\n</li>\n<li>\n<p>z</p>\n</li>\n</ol>\n"
	     "<ol class=\"paren\" start=\"5\">\n<li>q</li>\n</ol>\n<hr />\n");
	HTML("```c++ x\n<&>\n```\n", 0,
	     "<pre><code class=\"language-c++\">&lt;&amp;&gt;\n</code></pre>\n");
}

/* A mention is plain text: the model's web text, else its title, else nothing. */
static void test_person_mentions(void)
{
	struct nv_md *md =
		parse("## С [Лебедевой А. С.](@lebedeva-as \"куратором\")\n\n"
		      "[Гусеву Д. В.](@gusev) и [Кузнецовой *Дарье*](@kuznetsova \"ей\") "
		      "[a](a.md) [Ивановой](@ivanova)\n\n"
		      "![фото [Кузнецовой](@kuznetsova \"наставляемой\")](p.png)\n",
		      1, 0);
	/* The image names a file: it is one of the model's links, before the mention in its alt. */
	char *urls[] = { NULL, NULL, NULL, "a.html", NULL, NULL, NULL };
	char *texts[] = {
		"куратором", "Гусеву Д." NB "В.", "наставляемой", NULL, NULL, NULL, NULL
	};
	struct nv_buf out = NV_BUF_INIT;

	CHECK_INT(md->nr_links, 7);
	nv_html_md_render(&out, md, urls, texts, 0);
	CHECK_STR(out.ptr,
		  "<h2 id=\"s-kuratorom\">С" NB "куратором</h2>\n"
		  "<p>Гусеву Д." NB "В. и" NB "наставляемой <a href=\"a.html\">a</a> </p>\n"
		  "<figure class=\"picture\"><img src=\"p.png\" alt=\"фото наставляемой\" />"
		  "<figcaption>фото наставляемой</figcaption></figure>\n");
	CHECK(!strstr(out.ptr, "Лебедев") && !strstr(out.ptr, "Кузнецов") &&
	      !strstr(out.ptr, "Иванов") && !strstr(out.ptr, "@"));
	/* Without the model's texts: the title or nothing, never the name as written. */
	nv_buf_reset(&out);
	nv_html_md_render(&out, md, NULL, NULL, 0);
	CHECK_STR(out.ptr,
		  "<h2 id=\"s-kuratorom\">С" NB "куратором</h2>\n"
		  "<p> и" NB "ей <a href=\"a.md\">a</a> </p>\n"
		  "<figure class=\"picture\"><img src=\"p.png\" alt=\"фото наставляемой\" />"
		  "<figcaption>фото наставляемой</figcaption></figure>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

/* A link in an alt text keeps the model's links in step: the mention after it still counts. */
static void test_mention_after_link_in_alt_text(void)
{
	struct nv_md *md = parse("![a [d](d.md)](p.png) [Кузнецовой](@k \"ей\") [e](e.md)\n", 1, 0);
	char *urls[] = { NULL, "d.html", NULL, "e.html" };
	char *texts[] = { NULL, NULL, "наставляемой", NULL };
	struct nv_buf out = NV_BUF_INIT;

	CHECK_INT(md->nr_links, 4);
	nv_html_md_render(&out, md, urls, texts, 0);
	CHECK_STR(out.ptr, "<p><img src=\"p.png\" alt=\"a d\" /> наставляемой "
			   "<a href=\"e.html\">e</a></p>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_link_urls_from_the_model(void)
{
	struct nv_md *md = parse("[a](a.md#p) [b](https://x.ru) [c](#razdel) [d](d.md)\n", 1, 0);
	char *urls[] = { "orders/a.html#p", NULL, "../d.html" };
	struct nv_buf out = NV_BUF_INIT;

	CHECK_INT(md->nr_links, 3);
	nv_html_md_render(&out, md, urls, NULL, 0);
	CHECK_STR(out.ptr, "<p><a href=\"orders/a.html#p\">a</a> <a href=\"https://x.ru\">b</a> "
			   "<a href=\"#razdel\">c</a> <a href=\"../d.html\">d</a></p>\n");
	/* The tree is only read: its URLs stay as written. */
	CHECK_STR(cmark_node_get_url(md->links[0].node), "a.md#p");
	CHECK_STR(cmark_node_get_url(md->links[2].node), "d.md");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_heading_shift(void)
{
	struct nv_md *md = parse("# A\n\n## B\n\n###### F\n", 1, 0);
	struct nv_buf out = NV_BUF_INIT;

	nv_html_md_render(&out, md, NULL, NULL, 1);
	CHECK_STR(out.ptr, "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n<h6 id=\"f\">F</h6>\n");
	/* The levels in the tree are untouched: a second rendering is the same. */
	CHECK_INT(cmark_node_get_heading_level(md->headings[0].node), 1);
	CHECK_INT(cmark_node_get_heading_level(md->headings[2].node), 6);
	nv_buf_reset(&out);
	nv_html_md_render(&out, md, NULL, NULL, 0);
	CHECK_STR(out.ptr, "<h1 id=\"a\">A</h1>\n<h2 id=\"b\">B</h2>\n<h6 id=\"f\">F</h6>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

static void test_hidden_items(void)
{
	struct nv_md *md = parse("1. a\n2. <!-- не для сайта -->\n   b [x](x.md)\n   1. [y](y.md)\n"
				 "3. [c](c.md)\n",
				 1, 0);
	char *urls[] = { "X", "Y", "C" };
	struct nv_buf out = NV_BUF_INIT;
	cmark_node *list = cmark_node_first_child(md->root);
	cmark_node *hide[] = { cmark_node_next(cmark_node_first_child(list)) };

	CHECK_INT(md->nr_links, 3);
	nv_html_md_render_public(&out, md, urls, NULL, 0, hide, 1);
	/* The item, its links and its nested list are gone; the next link keeps its target. */
	CHECK_STR(out.ptr, "<ol>\n<li>a</li>\n<li class=\"private\">" NV_HTML_MD_PRIVATE_ITEM
			   "</li>\n<li><a href=\"C\">c</a></li>\n</ol>\n");
	/* Nothing hidden: as nv_html_md_render. */
	nv_buf_reset(&out);
	nv_html_md_render_public(&out, md, urls, NULL, 0, NULL, 0);
	CHECK(strstr(out.ptr, "<a href=\"Y\">y</a>") != NULL);
	nv_buf_release(&out);
	nv_md_free(md);
}

/* Fragments: numbers of ordered items as text, in <p>, as on paper. */
static char *render_fragment(const char *text, const char *page)
{
	struct nv_md *md = parse(text, 1, 0);
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_html_md_opts o = { 0, NULL, 0, "https://x.ru/n/", page, true };

	nv_html_md_render_opts(&out, md, NULL, NULL, &o);
	nv_md_free(md);
	return nv_buf_detach(&out, NULL);
}

static void test_fragment_numbers_as_text(void)
{
	char *got = render_fragment("1. Один.\n2. Два:\n   1. первое;\n   2. второе.\n"
				    "   - пункт\n3. Три.\n",
				    "orders/a.html");
	const char *want = "<div>\n<p>1. Один.</p>\n<p>2. Два:</p>\n<div>\n<p>2.1. первое;</p>\n"
			   "<p>2.2. второе.</p>\n</div>\n<ul>\n<li>пункт</li>\n</ul>\n"
			   "<p>3. Три.</p>\n</div>\n";

	if (strcmp(got, want))
		nv_test_failed(__FILE__, __LINE__, "got «%s»", got);
	free(got);
	/* A list that starts at 5; an item that begins with a list. */
	got = render_fragment("5. Пять.\n6. - a\n", "p.html");
	want = "<div>\n<p>5. Пять.</p>\n<p>6. </p>\n<ul>\n<li>a</li>\n</ul>\n</div>\n";
	if (strcmp(got, want))
		nv_test_failed(__FILE__, __LINE__, "got «%s»", got);
	free(got);
}

/* «1)» lists keep their delimiter: a class on the web, the number as written in fragments. */
static void test_paren_delimiters(void)
{
	char *got = render_fragment("1) один;\n2) два:\n   1. первое.\n", "p.html");
	const char *want = "<div>\n<p>1) один;</p>\n<p>2) два:</p>\n<div>\n<p>1. первое.</p>\n"
			   "</div>\n</div>\n";

	if (strcmp(got, want))
		nv_test_failed(__FILE__, __LINE__, "got «%s»", got);
	free(got);
	HTML("1) один\n2) два\n", 0, "<ol class=\"paren\">\n<li>один</li>\n<li>два</li>\n</ol>\n");
	HTML("3) три\n", 0, "<ol class=\"paren\" start=\"3\">\n<li>три</li>\n</ol>\n");
}

static void test_fragment_links_absolute(void)
{
	char *got = render_fragment("[a](../positions/p.html#x) [b](c.pdf) [c](/top/) [d](#h) "
				    "[e](https://o.ru/) [f](mailto:a@b.ru) [g](../../../up.html)",
				    "orders/a.html");
	const char *want =
		"<p><a href=\"https://x.ru/n/positions/p.html#x\">a</a> "
		"<a href=\"https://x.ru/n/orders/c.pdf\">b</a> <a href=\"https://x.ru/top/\">c</a> "
		"<a href=\"#h\">d</a> <a href=\"https://o.ru/\">e</a> "
		"<a href=\"mailto:a@b.ru\">f</a> <a href=\"https://x.ru/n/up.html\">g</a></p>\n";

	if (strcmp(got, want))
		nv_test_failed(__FILE__, __LINE__, "got «%s»\nwant «%s»", got, want);
	free(got);
}

void nv_tests(void)
{
	NV_RUN(test_hidden_items);
	NV_RUN(test_fragment_numbers_as_text);
	NV_RUN(test_paren_delimiters);
	NV_RUN(test_fragment_links_absolute);
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
	NV_RUN(test_image_figure);
	NV_RUN(test_no_typo_flag);
	NV_RUN(test_raw_html_escaped_by_default);
	NV_RUN(test_dangerous_url_dropped);
	NV_RUN(test_heading_ids_in_html);
	NV_RUN(test_heading_lookalikes_in_text);
	NV_RUN(test_no_sourcepos_left);
	NV_RUN(test_render_appends);
	NV_RUN(test_invalid_utf8_input);
	NV_RUN(test_empty_input);
	NV_RUN(test_escaping_as_cmark);
	NV_RUN(test_dangerous_urls);
	NV_RUN(test_unsafe_drops_sourcepos_attributes);
	NV_RUN(test_image_alt_is_plain);
	NV_RUN(test_lists_and_blocks);
	NV_RUN(test_link_urls_from_the_model);
	NV_RUN(test_person_mentions);
	NV_RUN(test_mention_after_link_in_alt_text);
	NV_RUN(test_heading_shift);
}
