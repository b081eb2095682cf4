/*
 * Unit tests for html_values.c: the builders of template contexts. The
 * contexts of documents are built from a regress project loaded from
 * the repository root (where the unit tests run) and compared as text
 * dumps, so a changed key, line or character shows as a diff.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "project.h"
#include "typo.h"
#include "value.h"

#include "../../generator/html_int.h"

#define NEW_FORM "наставник – выпускник"

/* The model's forms and one more, as a table that a new release might have. */
static const char *const forms_plus_one[] = {
	"ученик – ученик",
	"учитель – учитель",
	"студент – ученик",
	"работодатель – ученик",
	"работодатель – студент",
	"педагог – педагог",
	"руководитель – педагог",
	"социальный партнёр – педагог",
	"воспитатель – воспитатель",
	NEW_FORM,
	NULL,
};

static void test_facet_shows_a_form_added_to_the_table(void)
{
	struct nv_entry a = { 0 }, b = { 0 }, c = { 0 };
	struct nv_entry *cases[] = { &a, &b, &c };
	struct nv_value *list;
	size_t *counts;
	char *url;

	a.form = "ученик – ученик";
	b.form = NEW_FORM;
	c.form = NEW_FORM;
	url = nv_html_filter_url("form", NEW_FORM);
	counts = nv_html_facet_counts("form", forms_plus_one, cases, 3);
	list = nv_html_facet("form", forms_plus_one, counts, url);
	free(counts);
	CHECK_INT(list->nr, 2);
	CHECK_STR(nv_map_get_str(list->items[0], "title"), "ученик – ученик");
	CHECK_INT(nv_map_get(list->items[0], "count")->number, 1);
	CHECK(nv_map_get(list->items[0], "current") == NULL);
	CHECK_STR(nv_map_get_str(list->items[1], "title"), NEW_FORM);
	CHECK_INT(nv_map_get(list->items[1], "count")->number, 2);
	CHECK_STR(nv_map_get_str(list->items[1], "url"), url);
	CHECK(nv_map_get(list->items[1], "current") != NULL);
	nv_value_free(list);
	free(url);
}

/* Every entry of the model's tables shows, however many there are. */
static void test_facet_counts_the_whole_table(void)
{
	struct nv_entry e[32] = { 0 };
	struct nv_entry *cases[32];
	struct nv_value *list;
	size_t *counts;
	size_t n;

	for (n = 0; nv_forms[n]; n++) {
		e[n].form = nv_forms[n];
		cases[n] = &e[n];
	}
	counts = nv_html_facet_counts("form", nv_forms, cases, n);
	list = nv_html_facet("form", nv_forms, counts, NULL);
	free(counts);
	CHECK_INT(list->nr, n);
	CHECK_STR(nv_map_get_str(list->items[n - 1], "title"), nv_forms[n - 1]);
	nv_value_free(list);
	for (n = 0; nv_mentoring_kinds[n]; n++) {
		e[n].mkind = nv_mentoring_kinds[n];
		cases[n] = &e[n];
	}
	counts = nv_html_facet_counts("kind", nv_mentoring_kinds, cases, n);
	list = nv_html_facet("kind", nv_mentoring_kinds, counts, NULL);
	free(counts);
	CHECK_INT(list->nr, n);
	CHECK_STR(nv_map_get_str(list->items[n - 1], "title"), nv_mentoring_kinds[n - 1]);
	nv_value_free(list);
}

static void test_facet_of_years(void)
{
	struct nv_entry a = { 0 }, b = { 0 };
	struct nv_entry *cases[] = { &a, &b };
	/* Academic years as nv_acyear_add writes them, with an en dash. */
	const char *years[] = { "2024\xE2\x80\x93"
				"2025",
				"2025\xE2\x80\x93"
				"2026",
				NULL };
	struct nv_value *list;
	size_t *counts;

	a.acyear = 2025;
	b.acyear = 2025;
	counts = nv_html_facet_counts("year", years, cases, 2);
	list = nv_html_facet("year", years, counts, NULL);
	free(counts);
	CHECK_INT(list->nr, 1);
	CHECK_INT(nv_map_get(list->items[0], "count")->number, 2);
	nv_value_free(list);
}

/*
 * Dump v into b, one node a line: a map's members as "key: value" (a
 * map or list below its key, indented two spaces more), a list's items
 * as "- item", scalars as their text, true/false and null spelled out.
 */
static void dump_value(struct nv_buf *b, const struct nv_value *v, int indent);

static void dump_child(struct nv_buf *b, const struct nv_value *v, int indent)
{
	if (v->type == NV_MAP || v->type == NV_LIST) {
		nv_buf_addch(b, '\n');
		dump_value(b, v, indent + 2);
		return;
	}
	nv_buf_addch(b, ' ');
	dump_value(b, v, indent);
}

static void dump_value(struct nv_buf *b, const struct nv_value *v, int indent)
{
	size_t i;

	switch (v->type) {
	case NV_NULL:
		nv_buf_adds(b, "null\n");
		break;
	case NV_BOOL:
		nv_buf_adds(b, v->boolean ? "true\n" : "false\n");
		break;
	case NV_NUMBER:
		nv_buf_addf(b, "%g\n", v->number);
		break;
	case NV_STRING:
		nv_buf_addf(b, "%s\n", v->str);
		break;
	case NV_LIST:
		for (i = 0; i < v->nr; i++) {
			nv_buf_addf(b, "%*s-", indent, "");
			dump_child(b, v->items[i], indent);
		}
		break;
	case NV_MAP:
		for (i = 0; i < v->nr; i++) {
			nv_buf_addf(b, "%*s%s:", indent, "", v->members[i].key);
			dump_child(b, v->members[i].value, indent);
		}
		break;
	}
}

/* The dump of v; the caller frees it. */
static char *dump(const struct nv_value *v)
{
	struct nv_buf b = NV_BUF_INIT;

	dump_value(&b, v, 0);
	return nv_buf_detach(&b, NULL);
}

/* The dumper itself, on a tree built by hand. */
static void test_dump(void)
{
	struct nv_value *m = obj(), *l = arr(), *inner = obj();
	char *got;

	set_s(inner, "a", "б");
	set_n(inner, "n", 2);
	push(l, nv_value_new_str("x"));
	push(l, inner);
	set(m, "list", l);
	set_b(m, "flag", true);
	set(m, "none", nv_value_new_null());
	got = dump(m);
	CHECK_STR(got, "list:\n"
		       "  - x\n"
		       "  -\n"
		       "    a: б\n"
		       "    n: 2\n"
		       "flag: true\n"
		       "none: null\n");
	free(got);
	nv_value_free(m);
}

#define APPROVAL_BLOCKS "tests/regress/cases/approval-blocks/content"
#define NBSP		"\xC2\xA0"

/* The context of id's approval blocks, dumped; NULL when id is not a document. */
static char *approvals_of(const struct nv_project *p, const char *id)
{
	const struct nv_entry *e = nv_model_entry(&p->model, id);
	struct nv_value *ctx;
	char *text;

	if (!e)
		return NULL;
	ctx = obj();
	nv_html_add_approvals(ctx, e, &p->model);
	text = dump(ctx);
	nv_value_free(ctx);
	return text;
}

/*
 * The программа's blocks: ПРИНЯТО by hand on the left, УТВЕРЖДЕНА derived
 * from its order (feminine, with a link to it) on the right; the
 * organization's short name is the user's text, with the space as typed.
 */
static const char *const programma_approvals =
	"approvals: true\n"
	"approvals_left:\n"
	"  -\n"
	"    label: ПРИНЯТО\n"
	"    lines_html:\n"
	"      - педагогическим советом\n"
	"      - протокол от 28.08.2025 <span class=\"nobr\">№" NBSP "1</span>\n"
	"    has_lines_html: true\n"
	"    lines:\n"
	"      - педагогическим советом\n"
	"      - протокол от 28.08.2025 №" NBSP "1\n"
	"    has_lines: true\n"
	"has_approvals_left: true\n"
	"approvals_right:\n"
	"  -\n"
	"    label: УТВЕРЖДЕНА\n"
	"    url: orders/ob-utverzhdenii-programmy.html\n"
	"    lines_html:\n"
	"      - приказом <span class=\"nobr\">МБОУ «СОШ № 3»</span>\n"
	"      - от 29.08.2025 <span class=\"nobr\">№" NBSP "55-од</span>\n"
	"    has_lines_html: true\n"
	"    lines:\n"
	"      - приказом МБОУ «СОШ № 3»\n"
	"      - от 29.08.2025 №" NBSP "55-од\n"
	"    has_lines: true\n"
	"has_approvals_right: true\n";

/*
 * The положение's: two blocks on the left, УТВЕРЖДАЮ with a signature on
 * the right, its date after the signature (ГОСТ Р 7.0.97).
 */
static const char *const polozhenie_approvals =
	"approvals: true\n"
	"approvals_left:\n"
	"  -\n"
	"    label: ПРИНЯТО\n"
	"    lines_html:\n"
	"      - педагогическим советом\n"
	"      - протокол от 28.08.2025 <span class=\"nobr\">№" NBSP "1</span>\n"
	"    has_lines_html: true\n"
	"    lines:\n"
	"      - педагогическим советом\n"
	"      - протокол от 28.08.2025 №" NBSP "1\n"
	"    has_lines: true\n"
	"  -\n"
	"    label: СОГЛАСОВАНО\n"
	"    lines_html:\n"
	"      - Советом родителей\n"
	"      - протокол от 27.08.2025 <span class=\"nobr\">№" NBSP "2</span>\n"
	"    has_lines_html: true\n"
	"    lines:\n"
	"      - Советом родителей\n"
	"      - протокол от 27.08.2025 №" NBSP "2\n"
	"    has_lines: true\n"
	"has_approvals_left: true\n"
	"approvals_right:\n"
	"  -\n"
	"    label: УТВЕРЖДАЮ\n"
	"    signature: Л.Н." NBSP "Григорьева\n"
	"    date: 29 августа 2025" NBSP "г.\n"
	"    lines_html:\n"
	"      - Директор <span class=\"nobr\">МБОУ «СОШ № 3»</span>\n"
	"    has_lines_html: true\n"
	"    lines:\n"
	"      - Директор МБОУ «СОШ № 3»\n"
	"    has_lines: true\n"
	"has_approvals_right: true\n";

static void test_approvals_as_values(void)
{
	struct nv_project_opts o = { APPROVAL_BLOCKS, false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	char *got;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	got = approvals_of(&p, "programma");
	CHECK_STR(got, programma_approvals);
	free(got);
	got = approvals_of(&p, "polozhenie");
	CHECK_STR(got, polozhenie_approvals);
	free(got);
	/* The order has no blocks: nothing is set, so {{#approvals}} shows nothing. */
	got = approvals_of(&p, "ob-utverzhdenii-programmy");
	CHECK_STR(got, "");
	free(got);
	nv_project_release(&p);
	nv_diags_release(&d);
}

#define PUBLISH_LEVELS "tests/regress/cases/publish-levels/content"

/*
 * Names under publish levels: initials for «initials» (and by default),
 * a role for «none» and for students, never the name.
 */
static void test_people_names_and_pairs_rows(void)
{
	struct nv_project_opts o = { PUBLISH_LEVELS, false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	const struct nv_entry *e;
	struct nv_value *v;
	char *got;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	e = nv_model_entry(&p.model, "zadachi-vmeste");
	CHECK(e != NULL);
	v = nv_html_people_names(e->authors, e->nauthors);
	got = dump(v);
	nv_value_free(v);
	CHECK_STR(got, "- Ковалёва" NBSP "С." NBSP "О.\n"
		       "- Зайцев" NBSP "П." NBSP "А.\n"
		       "- наставляемый, педагог\n");
	free(got);
	v = nv_html_people_names(NULL, 0);
	CHECK_INT(v->type, NV_LIST);
	CHECK_INT(v->nr, 0);
	nv_value_free(v);

	v = nv_html_pairs_rows(&p.model, NULL);
	got = dump(v);
	nv_value_free(v);
	CHECK_STR(got, "-\n"
		       "  number: 1\n"
		       "  mentor:\n"
		       "    name: Ковалёва" NBSP "С." NBSP "О.\n"
		       "    position: учитель математики\n"
		       "  mentees: наставляемая, педагог\n"
		       "  form: учитель – учитель\n"
		       "  kind: традиционное\n"
		       "  period: 01.09.2025 – 31.05.2026\n"
		       "  status: работает\n"
		       "-\n"
		       "  number: 2\n"
		       "  mentor:\n"
		       "    name: Зайцев" NBSP "П." NBSP "А.\n"
		       "    position: учитель истории\n"
		       "  mentees: наставляемый, педагог\n"
		       "  form: учитель – учитель\n"
		       "  kind: традиционное\n"
		       "  period: 01.09.2025 – 31.12.2025\n"
		       "  status: завершила работу\n"
		       "-\n"
		       "  number: 3\n"
		       "  mentor:\n"
		       "    name: наставник, 10 класс\n"
		       "  mentees: наставляемый, 6 класс\n"
		       "  form: ученик – ученик\n"
		       "  kind: традиционное\n"
		       "  period: 01.10.2025 – 31.05.2026\n"
		       "  status: работает\n");
	free(got);
	/* The pairs of an order: none here, so an empty list. */
	v = nv_html_pairs_rows(&p.model, e);
	CHECK_INT(v->nr, 0);
	nv_value_free(v);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/* The search index's plain text of HTML: exact bytes, cut where the old loop cut. */
static void test_plain_text(void)
{
	static const struct {
		const char *html;
		size_t max;
		const char *want;
	} cases[] = {
		{ "<p>Школа  <b>«Радуга»</b>\n\t&amp; дети.</p>", 100, "Школа «Радуга» & дети." },
		{ "  <p>x</p>  ", 100, "x" },
		{ "&lt;a&gt; &quot;b&quot; &#39;c&#39; &am &", 100, "<a> \"b\" 'c' &am &" },
		{ "<a href=\"1<2\">a</a>b<i", 100, "a b" },
		{ "abcdef", 3, "abc" },
		{ "ab cd", 3, "ab c" }, /* a space goes in with the byte after it */
		{ "ab  cd", 2, "ab" },
		{ "a <b>c</b>d", 2, "a c" },
		{ "ab &amp;", 3, "ab &" },
		{ "Шшш", 3, "Ш" },		  /* the cut half of «ш» is dropped */
		{ "<h2>Цель</h2>", 100, "Цель" }, /* an uncut last letter stays */
		{ "Шш", 4, "Шш" },
		{ "", 10, "" },
		/* runs longer than sixteen bytes, spaces at the edges of a block */
		{ "0123456789abcde fghij", 100, "0123456789abcde fghij" },
		{ "0123456789abcdef  g", 100, "0123456789abcdef g" },
		{ "0123456789abcdefghijklmnop", 20, "0123456789abcdefghij" },
		{ "0123456789 abcdefghij", 11, "0123456789 a" },
		{ "<p>Школа наставничества работает</p>\n<p>с 2025 года.</p>", 100,
		  "Школа наставничества работает с 2025 года." },
		/* a requisite kept on one line is inside its word */
		{ "(приложение <span class=\"nobr\">№ 1</span>).", 100, "(приложение № 1)." },
	};
	size_t i;
	char *got;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		got = nv_html_plain_text(cases[i].html, cases[i].max);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

/* Hosts in Punycode (RFC 3492, the vectors of its section 7 and .рф). */
static void test_idna_host(void)
{
	static const char *const cases[][2] = {
		{ "школа14.рф", "xn--14-6kc3bfr2e.xn--p1ai" },
		{ "Школа14.РФ", "xn--14-6kc3bfr2e.xn--p1ai" },
		{ "президент.рф", "xn--d1abbgf6aiiy.xn--p1ai" },
		{ "пример.example", "xn--e1afmkfd.example" },
		{ "bücher.de", "xn--bcher-kva.de" },
		{ "school14.ru", "school14.ru" },
	};
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		nv_buf_reset(&b);
		CHECK_INT(nv_html_idna_host(&b, cases[i][0], strlen(cases[i][0])), 0);
		CHECK_STR(b.ptr, cases[i][1]);
	}
	nv_buf_reset(&b);
	CHECK_INT(nv_html_idna_host(&b, "\xD1.ru", 4), -1);
	nv_buf_release(&b);
}

static void test_base_url_problem(void)
{
	CHECK(!nv_html_base_url_problem("https://школа14.рф/nastavnichestvo/"));
	CHECK(!nv_html_base_url_problem("http://localhost:8080/a/"));
	CHECK_STR(nv_html_base_url_problem("ftp://a.ru/"),
		  "нужен полный адрес, начинающийся с http:// или https://");
	CHECK_STR(nv_html_base_url_problem("https://a.ru./"),
		  "в имени сайта пустая часть: две точки подряд или точка с краю");
	CHECK_STR(nv_html_base_url_problem("https://a.ru:/"),
		  "после «:» в имени сайта должен идти номер порта");
	CHECK_STR(nv_html_base_url_problem("https://a b.ru/"), "в адресе есть пробел");
	CHECK_STR(nv_html_base_url_problem("https://a.ru/#x"),
		  "в адресе раздела не должно быть «?» и «#»: нужен адрес папки раздела");
}

/* JSON strings: every escape found, 16 bytes at a time and in the tail. */
static void test_json_string(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_html_json_string(&b, "Приказ «О наставничестве» \"1\" <script> a\\b\tс\x01 конец");
	CHECK_STR(b.ptr,
		  "\"Приказ «О наставничестве» \\\"1\\\" \\u003cscript> a\\\\b\\u0009с\\u0001 "
		  "конец\"");
	nv_buf_reset(&b);
	nv_html_json_string(&b, "0123456789abcdef0123456789abcdef\n");
	CHECK_STR(b.ptr, "\"0123456789abcdef0123456789abcdef\\u000a\"");
	nv_buf_release(&b);
}

/* A navigation entry {title, url, section}. */
static struct nv_value *nav_entry(const char *url, const char *section)
{
	struct nv_value *v = nv_value_new(NV_MAP, 0, 0);

	nv_map_add(v, "title", 0, 0, nv_value_new_str("Раздел"));
	nv_map_add(v, "url", 0, 0, nv_value_new_str(url));
	if (section)
		nv_map_add(v, "section", 0, 0, nv_value_new_str(section));
	return v;
}

/* The shared navigations are the page's own, byte for byte; a section's page has its own. */
static void test_nav_shared(void)
{
	static const char *const urls[] = { "cases/keys-1.html", "orders/o-1.html", "mentors.html",
					    "casesx/a.html" };
	struct nv_html_state s;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	struct nv_value *own;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.navdef = nv_value_new(NV_LIST, 0, 0);
	nv_list_push(s.navdef, nav_entry("index.html", NULL));
	nv_list_push(s.navdef, nav_entry("orders/index.html", "orders"));
	nv_list_push(s.navdef, nav_entry("cases/index.html", "cases"));
	CHECK(nv_html_nav_shared(&s, urls[0]) == NULL); /* not made yet */
	nv_html_navs_make(&s);
	for (i = 0; i < NV_ARRAY_SIZE(urls); i++) {
		own = nv_html_nav_for(&s, urls[i]);
		nv_buf_reset(&a);
		nv_buf_reset(&b);
		nv_html_json(&a, own, 0);
		CHECK(nv_html_nav_shared(&s, urls[i]) != NULL);
		nv_html_json(&b, nv_html_nav_shared(&s, urls[i]), 0);
		CHECK_STR(b.ptr, a.ptr);
		nv_value_free(own);
	}
	CHECK(nv_html_nav_shared(&s, urls[0]) == s.navs[2]);
	CHECK(nv_html_nav_shared(&s, urls[2]) == s.navs[3]);
	CHECK(nv_html_nav_shared(&s, "cases/index.html") == NULL);
	CHECK(nv_html_nav_shared(&s, "index.html") == NULL);
	for (i = 0; i < 4; i++)
		nv_value_free(s.navs[i]);
	free(s.navs);
	nv_value_free(s.navdef);
	nv_buf_release(&a);
	nv_buf_release(&b);
}

/* A non-empty list sets has_<key>, an empty one nothing: a key of any length. */
static void test_set_list(void)
{
	struct nv_value *m = obj(), *l = arr();
	const char *longk = "a_list_whose_name_is_longer_than_the_sixty_bytes_of_the_buffer";

	push(l, nv_value_new_str("a"));
	nv_html_set_list(m, "items", l);
	nv_html_set_list(m, "empty", arr());
	l = arr();
	push(l, nv_value_new_str("b"));
	nv_html_set_list(m, longk, l);
	CHECK_INT(m->nr, 4);
	CHECK_STR(m->members[1].key, "has_items");
	CHECK_STR(nv_map_get_str(m, "has_items"), "true");
	CHECK(!nv_map_get(m, "has_empty"));
	CHECK_STR(m->members[3].key,
		  "has_a_list_whose_name_is_longer_than_the_sixty_bytes_of_the_buffer");
	nv_value_free(m);
}

/* A day's three texts, as nv_date_add() makes them, for days kept in the same slot too. */
static void test_set_date(void)
{
	const struct nv_date a = { 2025, 1, 1 }, b = { 2025, 9, 1 }; /* the same slot */
	const char *longk = "a_date_whose_name_is_longer_than_the_sixty_bytes_of_the_buffer";
	struct nv_value *m = obj();
	struct nv_buf la = NV_BUF_INIT, lb = NV_BUF_INIT;

	nv_date_add(&la, a, NV_DATE_LONG);
	nv_date_add(&lb, b, NV_DATE_LONG);
	nv_html_set_date(m, "date", &a);
	nv_html_set_date(m, "next", &b);
	nv_html_set_date(m, "again", &a);
	nv_html_set_date(m, longk, &b);
	CHECK_INT(m->nr, 12);
	CHECK_STR(nv_map_get_str(m, "date"), "01.01.2025");
	CHECK_STR(nv_map_get_str(m, "date_iso"), "2025-01-01");
	CHECK_STR(nv_map_get_str(m, "date_long"), la.ptr);
	CHECK_STR(nv_map_get_str(m, "next"), "01.09.2025");
	CHECK_STR(nv_map_get_str(m, "next_iso"), "2025-09-01");
	CHECK_STR(nv_map_get_str(m, "next_long"), lb.ptr);
	CHECK_STR(nv_map_get_str(m, "again_iso"), "2025-01-01");
	CHECK_STR(nv_map_get_str(m, "again_long"), la.ptr);
	CHECK_STR(m->members[11].key,
		  "a_date_whose_name_is_longer_than_the_sixty_bytes_of_the_buffer_long");
	CHECK_STR(m->members[11].value->str, lb.ptr);
	nv_value_free(m);
	nv_buf_release(&la);
	nv_buf_release(&lb);
}

/* nv_typo() of the n bytes at s from a fresh state, into b. */
static const char *typo_of(struct nv_buf *b, const char *s, size_t n)
{
	struct nv_typo_state st = NV_TYPO_STATE_INIT;

	nv_buf_reset(b);
	nv_typo(b, s, n, &st);
	return b->ptr;
}

/*
 * nv_html_set_typo() sets nv_typo()'s text, for a text typeset before,
 * past a regrowth of the thread's memo and after its release too.
 */
static void test_set_typo(void)
{
	const char *quoted = "\"Октябрь\" - 2025 г.";
	struct nv_value *m = obj();
	struct nv_buf b = NV_BUF_INIT, want = NV_BUF_INIT;
	size_t i, round;

	CHECK(strstr(typo_of(&want, quoted, strlen(quoted)), "«Октябрь»")); /* typeset indeed */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 600; i++) {
			nv_buf_reset(&b);
			nv_buf_addf(&b, "Пункт \"%zu\" - срок", i % 450);
			nv_html_set_typo(m, "text", b.ptr, b.len);
			CHECK_STR(m->members[m->nr - 1].value->str, typo_of(&want, b.ptr, b.len));
		}
		nv_html_set_typo(m, "text", quoted, strlen(quoted));
		CHECK_STR(m->members[m->nr - 1].value->str, typo_of(&want, quoted, strlen(quoted)));
		nv_html_set_typo(m, "text", quoted, 9); /* a prefix is another text */
		CHECK_STR(m->members[m->nr - 1].value->str, typo_of(&want, quoted, 9));
		nv_html_typo_memo_release();
	}
	nv_value_free(m);
	nv_buf_release(&b);
	nv_buf_release(&want);
}

void nv_tests(void)
{
	NV_RUN(test_idna_host);
	NV_RUN(test_base_url_problem);
	NV_RUN(test_dump);
	NV_RUN(test_approvals_as_values);
	NV_RUN(test_people_names_and_pairs_rows);
	NV_RUN(test_facet_shows_a_form_added_to_the_table);
	NV_RUN(test_facet_counts_the_whole_table);
	NV_RUN(test_facet_of_years);
	NV_RUN(test_plain_text);
	NV_RUN(test_json_string);
	NV_RUN(test_nav_shared);
	NV_RUN(test_set_list);
	NV_RUN(test_set_date);
	NV_RUN(test_set_typo);
}
