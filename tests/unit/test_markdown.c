/* Unit tests for markdown.c: parsing, typography pass, heading ids, links. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "markdown.h"

/* U+00A0 NO-BREAK SPACE; a literal of its own so hex digits after it stay text. */
#define NB "\xC2\xA0"

static struct nv_md *parse(const char *text, int first_line, unsigned flags)
{
	return nv_md_parse(text, strlen(text), first_line, flags);
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
	CHECK_STR(md->headings[0].text, "Пункт «x» и" NB "code" NB "— итог");
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
				 "[l](dir/) [m](.md) [n](a/.md) [o](C:x.md) ![p](q.md) "
				 "![q](https://edu.ru/s.png) ![r](//cdn.ru/s.png) ![s](HTTP://x.ru) "
				 "![t](/img/s.png) ![u](ftp://x.ru/s.png) ![v](mailto:a@b.ru)\n",
				 1, 0);
	const struct nv_md_link *l = md->links;

	CHECK_INT(md->nr_links, 9);
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
	/* A file a school publishes, an attachment; an image naming a .md is none. */
	CHECK_INT(l[5].kind, NV_MD_LINK_FILE);
	CHECK_STR(l[5].path, "x.pdf");
	CHECK_INT(l[0].col, 1);
	CHECK_INT(l[1].col, 11);
	/*
	 * An image of another website, by http(s) or «//»; not one of the
	 * school's own site, nor another scheme.
	 */
	CHECK(l[6].kind == NV_MD_LINK_REMOTE && l[6].image && l[6].path == NULL);
	CHECK_STR(l[6].url, "https://edu.ru/s.png");
	CHECK(l[7].kind == NV_MD_LINK_REMOTE && l[8].kind == NV_MD_LINK_REMOTE);
	CHECK_STR(l[8].url, "HTTP://x.ru");
	nv_md_free(md);
}

/* Positions on the later lines of a paragraph whose lines end in "\r\n" or "\r". */
static void test_link_positions_crlf(void)
{
	struct nv_md *md =
		parse("Первая строка\r\n  вторая [x](x.md)\r\nтретья\r[y](y.md) и\r\n", 1, 0);

	CHECK_INT(md->nr_links, 2);
	CHECK_INT(md->nr_links == 2 ? md->links[0].line : 0, 2);
	CHECK_INT(md->nr_links == 2 ? md->links[0].col : 0, 10);
	CHECK_INT(md->nr_links == 2 ? md->links[1].line : 0, 4);
	CHECK_INT(md->nr_links == 2 ? md->links[1].col : 0, 1);
	nv_md_free(md);
}

static void test_person_mentions(void)
{
	struct nv_md *md = parse("Поручить [Лебедевой А. С.](@lebedeva-as \"куратору\") и "
				 "[*Орловой*\nТ. Н.](@orlova) [x](@) [y](@a#b)\n",
				 3, 0);
	const struct nv_md_link *l = md->links;

	CHECK_INT(md->nr_links, 4);
	CHECK_INT(l[0].kind, NV_MD_LINK_PERSON);
	CHECK_STR(l[0].url, "@lebedeva-as");
	CHECK_STR(l[0].path, "lebedeva-as");
	CHECK(l[0].anchor == NULL);
	CHECK_STR(l[0].text, "Лебедевой" NB "А." NB "С.");
	CHECK_STR(l[0].title, "куратору");
	CHECK_INT(l[0].line, 3);
	CHECK_INT(l[0].col, 10);
	CHECK_INT(l[1].kind, NV_MD_LINK_PERSON);
	CHECK_STR(l[1].path, "orlova");
	CHECK_STR(l[1].text, "Орловой Т. Н.");
	CHECK(l[1].title == NULL);
	CHECK_STR(l[2].path, "");
	CHECK_STR(l[2].text, "x");
	CHECK_STR(l[3].path, "a#b");
	CHECK(l[3].anchor == NULL);
	nv_md_free(md);
}

static void test_mention_stays_out_of_heading_id(void)
{
	struct nv_md *md = parse("## Встреча с [Лебедевой А. С.](@lebedeva-as \"куратором\")\n\n"
				 "## Отчёт [Гусева](@gusev-dv)\n\n"
				 "## [Гусева](@gusev-dv \"\") и `код`\n",
				 1, 0);

	CHECK_INT(md->nr_headings, 3);
	CHECK_STR(md->headings[0].id, "vstrecha-s-kuratorom");
	CHECK_STR(md->headings[0].text, "Встреча с" NB "куратором");
	CHECK_STR(md->headings[1].id, "otchyot");
	CHECK_STR(md->headings[2].id, "i-kod");
	CHECK(md->links[2].title == NULL);
	CHECK_STR(md->links[1].text, "Гусева");
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

	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 3);
	CHECK_STR(md->headings[0].id, "t");
	nv_md_free(md);
}

/* The literal of the first text node of the first paragraph of in (n bytes). */
static char *first_text(const char *in, size_t n)
{
	struct nv_md *md = nv_md_parse(in, n, 1, 0);
	cmark_node *t = cmark_node_first_child(cmark_node_first_child(md->root));
	char *s = nv_xstrdup(t ? cmark_node_get_literal(t) : "(none)");

	nv_md_free(md);
	return s;
}

/* Bad bytes and NULs become U+FFFD, valid text stays as it is. */
static void test_bad_bytes_become_replacement(void)
{
	static const struct {
		const char *in;
		size_t n;
		const char *want;
	} cases[] = {
		{ "Жж ё", 7, "Жж ё" },
		{ "a\0b", 3,
		  "a\xEF\xBF\xBD"
		  "b" },
		{ "Ж\0\xFF", 4, "Ж\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "a\xD0", 2, "a\xEF\xBF\xBD" },
	};
	size_t i;
	char *got;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		got = first_text(cases[i].in, cases[i].n);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

static void test_empty_input(void)
{
	struct nv_md *md = nv_md_parse(NULL, 0, 1, 0);

	CHECK(md != NULL);
	CHECK_INT(md->nr_headings, 0);
	CHECK_INT(md->nr_links, 0);
	CHECK(nv_md_find_heading(md, "x") == NULL);
	nv_md_free(md);
	nv_md_free(NULL);
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

/* Whether a body has raw HTML (where marks are) and an ordered list (an order's items). */
static void test_body_facts(void)
{
	static const struct {
		const char *text;
		bool html, ordered;
	} cases[] = {
		{ "# Цели\n\n- один\n- два\n", false, false },
		{ "1. Пункт.\n", false, true },
		{ "- один\n\n  1. вложенный\n", false, true },
		{ "Текст <b>жирный</b>.\n", true, false },
		{ "<div>\nблок\n</div>\n", true, false },
		{ "2. <!-- не для сайта -->\n   Пункт.\n", true, true },
		{ "    <b>код</b>\n\n`<i>`\n", false, false },
	};
	struct nv_md *md;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		md = nv_md_parse(cases[i].text, strlen(cases[i].text), 1, 0);
		if (md->raw_html != cases[i].html || md->ordered_list != cases[i].ordered)
			nv_test_failed(__FILE__, __LINE__, "«%s»: html %d, ordered %d",
				       cases[i].text, md->raw_html, md->ordered_list);
		nv_md_free(md);
	}
}

/* What the checks of the text look for, found in the bytes: nothing else, nothing less. */
static void test_text_facts(void)
{
	static const struct {
		const char *text;
		unsigned facts;
	} cases[] = {
		{ "# Цели\n\nТекст — «в кавычках», № 5, 2025\u00A0г.\n", 0 },
		{ "\u00B7 пункт\n", NV_MD_TEXT_BULLET },
		{ "текст \u25AA пункт\n", NV_MD_TEXT_BULLET },
		{ "\u25A1\n", NV_MD_TEXT_BULLET },
		{ "\u2022 пункт\n", NV_MD_TEXT_BULLET },
		{ "\u25A0 пункт\n", NV_MD_TEXT_BULLET },
		{ "\uF0B7 пункт\n",
		  NV_MD_TEXT_BULLET | NV_MD_TEXT_GLYPH }, /* and a sign of Symbol */
		{ "Слово\u00B9.\n", NV_MD_TEXT_SUP },
		{ "\u00B2 и \u00B3\n", NV_MD_TEXT_SUP },
		{ "10\u2076 м\u2070\n", NV_MD_TEXT_SUP },
		{ "## Цели и задачи.\n", NV_MD_TEXT_HEADING },
		{ "   ### Итоги. ##\r\n", NV_MD_TEXT_HEADING },
		{ "## З. Участники\n", NV_MD_TEXT_HEADING },
		{ "#Задачи\n", NV_MD_TEXT_HEADING },
		{ "    # в коде.\n", 0 },
		{ "Текст # не заголовок.\n", 0 },
		{ "# Цели\n\n## Задачи\n\n### Итоги.", NV_MD_TEXT_HEADING },
		{ "Текст.\n## Цели\n", 0 },
		{ "## 1. Общие положения.\n\nсогласно приложению \u00B9\n",
		  NV_MD_TEXT_HEADING | NV_MD_TEXT_SUP },
		/* a mark past the last whole block of 16 bytes, and in it */
		{ "0123456789abcdef\u00B2", NV_MD_TEXT_SUP },
		{ "0123456789abcde\u2022", NV_MD_TEXT_BULLET },
		/* a lead byte at the very end: nothing read past the text */
		{ "текст \xE2", 0 },
	};
	struct nv_md *md;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		unsigned f = nv_md_text_facts(cases[i].text, strlen(cases[i].text));
		if (f != cases[i].facts)
			nv_test_failed(__FILE__, __LINE__, "«%s»: %#x, want %#x", cases[i].text, f,
				       cases[i].facts);
	}
	/* nothing, from nothing (an empty body may come as NULL) */
	CHECK_INT(nv_md_text_facts(NULL, 0), 0);
	/* a parsed body carries them */
	md = nv_md_parse("## Цели.\n", strlen("## Цели.\n"), 1, 0);
	CHECK_INT(md->text_facts, NV_MD_TEXT_HEADING);
	nv_md_free(md);
}

/* One event as text: E or X, and the node's type name. */
static void add_event(struct nv_buf *b, cmark_node *node, bool enter)
{
	nv_buf_addch(b, enter ? 'E' : 'X');
	nv_buf_adds(b, cmark_node_get_type_string(node));
	nv_buf_addch(b, ' ');
}

/* nv_md_step() gives cmark's iterator's events, empty containers and leaves included. */
static void test_step_walks_as_cmark(void)
{
	static const char text[] = "# A *b*\n\n- \n- x `c`  \ny\n\n> q\n\n---\n\n```\nz\n```\n\n"
				   "<div>h</div>\n\n1. [l](x.md) <b>i</b>\n";
	struct nv_md *md = parse(text, 1, NV_MD_NO_TYPO);
	struct nv_buf want, got;
	cmark_iter *it = cmark_iter_new(md->root);
	cmark_event_type ev;
	cmark_node_type type = CMARK_NODE_NONE;
	cmark_node *node;
	bool enter = true;

	nv_buf_init(&want);
	nv_buf_init(&got);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		add_event(&want, cmark_iter_get_node(it), ev == CMARK_EVENT_ENTER);
	cmark_iter_free(it);
	for (node = md->root; node; node = nv_md_step(md->root, node, type, &enter)) {
		type = cmark_node_get_type(node);
		add_event(&got, node, enter);
	}
	CHECK_STR(got.ptr, want.ptr);
	CHECK(strstr(got.ptr, "Elist Eitem Xitem Eitem Eparagraph Etext Ecode Etext Elinebreak ") !=
	      NULL);
	/* a container passed as left: its children are skipped */
	nv_buf_reset(&got);
	enter = true;
	for (node = md->root; node; node = nv_md_step(md->root, node, type, &enter)) {
		type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LIST)
			enter = false;
		add_event(&got, node, enter);
	}
	CHECK(strstr(got.ptr, "Xheading Xlist Eblock_quote ") != NULL);
	CHECK(!strstr(got.ptr, "item"));
	CHECK(!strcmp(got.ptr + got.len - 10, "Xdocument "));
	nv_buf_release(&want);
	nv_buf_release(&got);
	nv_md_free(md);
}

/* Destinations the website cannot give: a program (1), a file of the author's computer (2). */
static void test_unsafe_urls(void)
{
	CHECK_INT(nv_md_url_unsafe("javascript:alert(1)"), 1);
	CHECK_INT(nv_md_url_unsafe("JaVaScRiPt:void(0)"), 1);
	CHECK_INT(nv_md_url_unsafe("vbscript:x"), 1);
	CHECK_INT(nv_md_url_unsafe("data:text/html;base64,PHNjcmlwdD4="), 1);
	CHECK_INT(nv_md_url_unsafe("data:image/png;base64,iVBORw0KGgo="), 0);
	CHECK_INT(nv_md_url_unsafe("data:image/svg+xml;base64,PHN2Zz4="), 1);
	CHECK_INT(nv_md_url_unsafe("file:///C:/Users/metodist/prikaz.docx"), 2);
	CHECK_INT(nv_md_url_unsafe("C:\\Users\\metodist\\plan.docx"), 2);
	CHECK_INT(nv_md_url_unsafe("d:/plan.docx"), 2);
	CHECK_INT(nv_md_url_unsafe("https://school14.example/"), 0);
	CHECK_INT(nv_md_url_unsafe("../files/prikaz.pdf"), 0);
	CHECK_INT(nv_md_url_unsafe("mailto:school@example.org"), 0);
	CHECK_INT(nv_md_url_unsafe(NULL), 0);
}

/* The numbering of sections and clauses: what breaks it, and what is not a number. */
static void test_numbering(void)
{
	struct nv_md *md;

	/* in order, with a bare «2.1 », a subclause, a date and a price: no break */
	md = parse("# 1. Общие\n\n1.1. Один.\n\n1.2. Два.\n\n1.2.1. Подпункт.\n\n"
		   "# 2. Цели\n\n2.1 Цель.\n\n01.09.2025 прошёл совет.\n\n"
		   "1.5 млн рублей\nв год.\n\n**2.2.** Задача.\n",
		   1, 0);
	CHECK_INT(md->nr_nums, 0);
	CHECK(!(md->text_facts & NV_MD_TEXT_NUMBERING));
	nv_md_free(md);

	/* a gap and a clause on a line of the paragraph before, at their lines */
	md = parse("1.1. Один.\n\n1.3. Три.\n1.4. Четыре.\n", 5, 0);
	CHECK_INT(md->nr_nums, 2);
	CHECK(md->text_facts & NV_MD_TEXT_NUMBERING);
	CHECK_INT(md->nums[0].kind, NV_MD_NUM_GAP);
	CHECK_INT(md->nums[0].line, 7);
	CHECK_STR(md->nums[0].got, "1.3");
	CHECK_STR(md->nums[0].want, "1.2");
	CHECK_STR(md->nums[0].prev, "1.1");
	CHECK_INT(md->nums[1].kind, NV_MD_NUM_JOINED);
	CHECK_INT(md->nums[1].line, 8);
	nv_md_free(md);

	/* an appendix in the body numbers anew; four levels are not a clause */
	md = parse("1.1. Один.\n\n1.2. Два.\n\n**Приложение 1**\n\n1.1. Форма.\n\n"
		   "1.1.1.1. Глубже.\n",
		   1, 0);
	CHECK_INT(md->nr_nums, 0);
	nv_md_free(md);

	/* a skipped heading whose clauses keep the number it skipped: one break */
	md = parse("# 1. А\n\n1.1. а\n\n# 3. Б\n\n2.1. б\n\n2.2. в\n\n# 3. В\n", 1, 0);
	CHECK_INT(md->nr_nums, 1);
	CHECK_INT(md->nums[0].kind, NV_MD_NUM_GAP);
	CHECK(md->nums[0].heading);
	CHECK_STR(md->nums[0].want, "2");
	nv_md_free(md);
}

/* A text, where its one break is (line 0: none) and the numbers it has (NULL: not looked at). */
struct break_case {
	const char *text;
	int line, col;
	const char *got, *want;
};

/*
 * Each case's text parsed gives one break of kind at its place, the
 * numbering's fact with it, or none; no fact of «**» is kept.
 */
static void check_breaks(const struct break_case *cases, size_t n, enum nv_md_num_kind kind)
{
	struct nv_md *md;
	size_t i;

	for (i = 0; i < n; i++) {
		md = parse(cases[i].text, 1, 0);
		CHECK(!(md->text_facts & NV_MD_TEXT_STARS));
		if (!cases[i].line) {
			if (md->nr_nums)
				(void)nv_test_failed(__FILE__, __LINE__, "«%s»: a break",
						     cases[i].text);
		} else if (md->nr_nums != 1 || md->nums[0].kind != kind) {
			(void)nv_test_failed(__FILE__, __LINE__, "«%s»: no break", cases[i].text);
		} else {
			CHECK_INT(md->nums[0].line, cases[i].line);
			CHECK_INT(md->nums[0].col, cases[i].col);
			if (cases[i].got)
				CHECK_STR(md->nums[0].got, cases[i].got);
			if (cases[i].want)
				CHECK_STR(md->nums[0].want, cases[i].want);
			CHECK(md->text_facts & NV_MD_TEXT_NUMBERING);
		}
		nv_md_free(md);
	}
}

/*
 * An ordered list's items typed out of turn: the first such item, where
 * Markdown shows another number; in turn from any start, «1.» all
 * through, or a list of bullets: none.
 */
static void test_list_numbers(void)
{
	static const struct break_case cases[] = {
		{ "1. Раз.\n2. Два.\n4. Четыре.\n5. Пять.\n", 3, 1, "4", "3" },
		{ "Текст.\n\n1. Раз.\n2. Два.\n2. Ещё два.\n", 5, 1, "2", "3" },
		{ "- а\n\n  3) Три.\n  5) Пять.\n", 4, 3, "5", "4" },
		{ "3. Три.\n4. Четыре.\n5. Пять.\n", 0, 0, NULL, NULL },
		{ "1. Раз.\n1. Два.\n1. Три.\n", 0, 0, NULL, NULL },
		{ "- 5 раз\n- 7 раз\n", 0, 0, NULL, NULL },
		{ "1. Раз.\n\n   Абзац пункта.\n\n2. Два.\n", 0, 0, NULL, NULL },
	};

	check_breaks(cases, NV_ARRAY_SIZE(cases), NV_MD_NUM_ITEM);
}

/*
 * A list item typed right of the marker of the item above but left of its
 * text: a break NV_MD_NUM_NEST at its first one, with the spaces it has and
 * needs; items nested right, of one level, or after a paragraph are none.
 */
static void test_list_nesting(void)
{
	static const struct break_case cases[] = {
		{ "1. Раз.\n  - а\n  - б\n2. Два.\n", 2, 3, "2", "3" },
		{ "- Раз.\n - а\n", 2, 2, "1", "2" },
		{ "Текст.\n\n10. Десять.\n   - а\n", 4, 4, "3", "4" },
		{ "> 1. Раз.\n>   - а\n", 2, 5, "2", "3" },
		{ "1. Раз.\n   - а\n2. Два.\n", 0, 0, NULL, NULL },
		{ "- Раз.\n  - а\n", 0, 0, NULL, NULL },
		{ "- Раз.\n- Два.\n* Три.\n", 0, 0, NULL, NULL },
		{ " - Раз.\n - Два.\n", 0, 0, NULL, NULL },
		{ "1. Раз.\n\nАбзац.\n\n  - а\n", 0, 0, NULL, NULL },
	};

	check_breaks(cases, NV_ARRAY_SIZE(cases), NV_MD_NUM_NEST);
}

/*
 * A paragraph whose lines start with labels, typed to stand one under
 * another: a break NV_MD_NUM_LINES at its second such line, once; none
 * after a hard break, for a label only on the first line or past the
 * third word, or a lower-case word before the colon's line.
 */
static void test_label_lines(void)
{
	static const struct break_case cases[] = {
		{ "Адрес: ул. Школьная, 3\nТелефон: 2-14-08\nE-mail: a@b.ru\n", 2, 1 },
		{ "Текст.\n\n- Часы работы: с 9\n  Обед: с 13\n", 4, 3 },
		{ "Адрес: ул. Школьная, 3\\\nТелефон: 2-14-08\n", 0, 0 },
		{ "Адрес: ул. Школьная,\nд. 3\n", 0, 0 },
		{ "Цель: рост.\nЗадачи проекта на учебный год: три.\n", 0, 0 },
		{ "Текст абзаца\nТелефон: 2-14-08\n", 0, 0 },
	};

	check_breaks(cases, NV_ARRAY_SIZE(cases), NV_MD_NUM_LINES);
}

/*
 * Bold Markdown could not pair, two runs of «**» in a paragraph the first
 * of which opens: a break NV_MD_NUM_STARS at it, and no fact of it kept;
 * a footnote's «**» after a word, a pair read, code: none.
 */
static void test_unpaired_stars(void)
{
	static const struct break_case cases[] = {
		{ "Это ** важно ** для всех.\n", 1, 5 },
		{ "**Внимание:**текст.\n", 1, 1 },
		{ "Текст\n** важно **\n", 2, 1 },
		{ "Стаж до 3 лет**.\n\n** Для молодых специалистов.\n", 0, 0 },
		{ "**жирный** текст, (**тоже**)\n", 0, 0 },
		{ "a ** b\n", 0, 0 },
		{ "`** код **` и `**`\n", 0, 0 },
	};

	check_breaks(cases, NV_ARRAY_SIZE(cases), NV_MD_NUM_STARS);
}

/* md's tree as text: each node entered, with its literal or URL. */
static void dump_tree(struct nv_buf *b, const struct nv_md *md)
{
	cmark_node_type type = CMARK_NODE_NONE;
	cmark_node *node;
	const char *s;
	bool enter = true;

	nv_buf_reset(b);
	for (node = md->root; node; node = nv_md_step(md->root, node, type, &enter)) {
		type = cmark_node_get_type(node);
		if (!enter)
			continue;
		nv_buf_adds(b, cmark_node_get_type_string(node));
		if ((s = cmark_node_get_literal(node)) || (s = cmark_node_get_url(node))) {
			nv_buf_addch(b, '=');
			nv_buf_adds(b, s);
		}
		nv_buf_addch(b, '\n');
	}
}

/*
 * A tree parsed NV_MD_BRIEF (its memory in blocks of its own) is the tree
 * parsed without: a realistic body, with nodes the walk and a table add;
 * a paragraph of 2.5 MB in short lines, whose
 * buffers outgrow the largest block and grow where they are; a literal set
 * after the parse, with another such tree made and freed meanwhile, freed
 * with its own tree.
 */
static void test_brief_trees(void)
{
	static const char body[] =
		"# 1. Общие положения\n\n1.1. Настоящее положение - о наставничестве в "
		"\"Школе\" на 2025-2026 гг.\n— со строки,\nначатой с тире.\n\n"
		"- [Приказ № 12](orders/o-1.md)\n- пункт *два*\n\n"
		"> цитата\n\n```table\ncaption: Уровни\nheader: [Уровень, Кто]\nrows:\n"
		"  - [Школа, \"Директор - и *методист*\"]\n```\n\n```\nкод\n```\n";
	struct nv_buf want = NV_BUF_INIT, got = NV_BUF_INIT, big = NV_BUF_INIT;
	struct nv_md *a, *b, *plain;
	cmark_node *text;

	plain = nv_md_parse(body, strlen(body), 1, 0);
	a = nv_md_parse(body, strlen(body), 1, NV_MD_BRIEF);
	dump_tree(&want, plain);
	dump_tree(&got, a);
	CHECK_STR(got.ptr, want.ptr);
	CHECK(strstr(got.ptr, "text=1.1. Настоящее положение" NB "— о" NB "наставничестве в" NB
			      "«Школе»") != NULL);
	CHECK(strstr(got.ptr, "гг.\ntext=" NB "\ntext=— со" NB "строки,\n") != NULL);
	CHECK(strstr(got.ptr, "text=Директор" NB "— и" NB "\nemph\ntext=методист\n") != NULL);
	nv_md_free(plain);

	while (big.len < 2500000)
		nv_buf_adds(&big, "слово и ещё одно слово,\n");
	plain = nv_md_parse(big.ptr, big.len, 1, 0);
	b = nv_md_parse(big.ptr, big.len, 1, NV_MD_BRIEF);
	dump_tree(&want, plain);
	dump_tree(&got, b);
	CHECK_INT(got.len, want.len);
	CHECK(got.len > big.len && !strcmp(got.ptr, want.ptr));
	nv_md_free(plain);

	/* a's literal, set after its parse, is its own: b's blocks are gone */
	text = cmark_node_first_child(cmark_node_first_child(a->root));
	CHECK_INT(cmark_node_get_type(text), CMARK_NODE_TEXT);
	nv_md_free(b);
	b = nv_md_parse(body, strlen(body), 1, NV_MD_BRIEF);
	CHECK(cmark_node_set_literal(text, "Раздел первый"));
	nv_md_free(b);
	/* b's blocks again, for another tree: what lay there is written over */
	b = nv_md_parse(body, strlen(body), 1, NV_MD_BRIEF);
	dump_tree(&got, a);
	CHECK(strstr(got.ptr, "heading\ntext=Раздел первый\n") != NULL);
	nv_md_drop_tree(a);
	CHECK(!a->root);
	nv_md_free(a);
	nv_md_free(b);
	nv_buf_release(&want);
	nv_buf_release(&got);
	nv_buf_release(&big);
}

void nv_tests(void)
{
	NV_RUN(test_heading_id_and_text);
	NV_RUN(test_heading_text_typeset_with_code);
	NV_RUN(test_unique_ids);
	NV_RUN(test_many_equal_headings);
	NV_RUN(test_heading_id_accessors);
	NV_RUN(test_heading_positions);
	NV_RUN(test_links_in_file_coordinates);
	NV_RUN(test_link_kinds);
	NV_RUN(test_person_mentions);
	NV_RUN(test_link_positions_crlf);
	NV_RUN(test_mention_stays_out_of_heading_id);
	NV_RUN(test_link_escapes_resolved);
	NV_RUN(test_links_on_continuation_lines);
	NV_RUN(test_links_in_containers);
	NV_RUN(test_crlf_positions);
	NV_RUN(test_first_line_below_one);
	NV_RUN(test_invalid_utf8_input);
	NV_RUN(test_bad_bytes_become_replacement);
	NV_RUN(test_empty_input);
	NV_RUN(test_deep_nesting_survives);
	NV_RUN(test_body_facts);
	NV_RUN(test_text_facts);
	NV_RUN(test_step_walks_as_cmark);
	NV_RUN(test_numbering);
	NV_RUN(test_list_numbers);
	NV_RUN(test_list_nesting);
	NV_RUN(test_label_lines);
	NV_RUN(test_unpaired_stars);
	NV_RUN(test_brief_trees);
	NV_RUN(test_unsafe_urls);
}
