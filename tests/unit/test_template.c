/*
 * Unit tests for template.c: rendering rules beyond the spec (truthiness,
 * numbers, escaping), every compile and render error with its exact
 * position and text, limits (deep nesting, huge loops, runaway recursion)
 * and the loader (override folder before theme folder, caching).
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "template.h"
#include "value.h"
#include "yaml_load.h"

/* Every diagnostic as "FILE:LINE:COL: MSG [HINT]\n". */
static char *diag_text(const struct nv_diags *d)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < d->nr; i++) {
		nv_buf_addf(&b, "%s:%d:%d: %s", d->v[i].file ? d->v[i].file : "-", d->v[i].line,
			    d->v[i].col, d->v[i].msg);
		if (d->v[i].hint)
			nv_buf_addf(&b, " [%s]", d->v[i].hint);
		nv_buf_addch(&b, '\n');
	}
	return nv_buf_detach(&b, NULL);
}

static struct nv_value *yaml(const char *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *v = nv_yaml_load("data.yml", text, strlen(text), 1, NULL, &d);

	if (!v) {
		char *s = diag_text(&d);
		fprintf(stderr, "bad test YAML: %s", s);
		free(s);
		exit(2);
	}
	nv_diags_release(&d);
	return v;
}

/*
 * Compile `tpl` as "t.mustache" in a set with `flags` and the in-memory
 * partials given as name, text pairs (NULL-terminated), render it against
 * the YAML `data`. Returns the output (the caller frees), or NULL when
 * compiling or rendering failed; diagnostics go to d.
 */
static char *render_with(unsigned flags, const char *tpl, const char *data,
			 const char *const *partials, struct nv_diags *d)
{
	struct nv_tpl_set *set = nv_tpl_set_new(flags);
	struct nv_value *ctx = yaml(data);
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_template *t;
	char *ret = NULL;

	for (; partials && partials[0]; partials += 2)
		nv_tpl_set_add_source(set, partials[0], partials[1], strlen(partials[1]));
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), d);
	if (t && !nv_tpl_render(set, t, ctx, &out, d))
		ret = nv_buf_detach(&out, NULL);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_tpl_set_free(set);
	return ret;
}

static char *render(const char *tpl, const char *data)
{
	struct nv_diags d = NV_DIAGS_INIT;
	char *s = render_with(0, tpl, data, NULL, &d);

	if (d.nr) {
		char *msg = diag_text(&d);
		fprintf(stderr, "unexpected diagnostics: %s", msg);
		free(msg);
	}
	nv_diags_release(&d);
	return s;
}

/* The diagnostics of compiling (and rendering) tpl in a strict set. */
static char *errors_of(const char *tpl, const char *const *partials)
{
	struct nv_diags d = NV_DIAGS_INIT;
	char *s = render_with(0, tpl, "{}", partials, &d);
	char *msg = diag_text(&d);

	free(s);
	nv_diags_release(&d);
	return msg;
}

#define CHECK_RENDER(tpl, data, want)                                                  \
	do {                                                                           \
		char *got_ = render((tpl), (data));                                    \
		const char *want_ = (want);                                            \
		bool ok_ = got_ && !strcmp(got_, want_);                               \
		if (!ok_)                                                              \
			nv_test_failed(__FILE__, __LINE__,                             \
				       "render %s:\n  got:  «%s»\n  want: «%s»", #tpl, \
				       got_ ? got_ : "(null)", want_);                 \
		free(got_);                                                            \
		if (!ok_)                                                              \
			return;                                                        \
	} while (0)

#define CHECK_ERRORS(tpl, partials, want)                                                       \
	do {                                                                                    \
		char *got_ = errors_of((tpl), (partials));                                      \
		const char *want_ = (want);                                                     \
		bool ok_ = !strcmp(got_, want_);                                                \
		if (!ok_)                                                                       \
			nv_test_failed(__FILE__, __LINE__,                                      \
				       "errors of %s:\n  got:  «%s»\n  want: «%s»", #tpl, got_, \
				       want_);                                                  \
		free(got_);                                                                     \
		if (!ok_)                                                                       \
			return;                                                                 \
	} while (0)

/* ---- rendering ------------------------------------------------------- */

static void test_escapes_all_five(void)
{
	CHECK_RENDER("<p title=\"{{t}}\">{{t}}</p>", "t: \"Tom & 'Jerry' <b>\\\"x\\\"</b>\"",
		     "<p title=\"Tom &amp; &#39;Jerry&#39; &lt;b&gt;&quot;x&quot;&lt;/b&gt;\">"
		     "Tom &amp; &#39;Jerry&#39; &lt;b&gt;&quot;x&quot;&lt;/b&gt;</p>");
}

static void test_triple_and_ampersand_do_not_escape(void)
{
	CHECK_RENDER("{{{html}}}|{{&html}}|{{ html }}", "html: \"<em>a&b</em> 'q' \\\"d\\\"\"",
		     "<em>a&b</em> 'q' \"d\"|<em>a&b</em> 'q' \"d\"|"
		     "&lt;em&gt;a&amp;b&lt;/em&gt; &#39;q&#39; &quot;d&quot;");
}

static void test_scalars(void)
{
	CHECK_RENDER("{{i}} {{d}} {{neg}} {{big}} {{t}} {{f}} [{{n}}] [{{missing}}]",
		     "{i: 85, d: 1.210, neg: -0.5, big: 89001234567, t: true, f: false, n: null}",
		     "85 1.21 -0.5 89001234567 true false [] []");
	CHECK_RENDER("[{{list}}][{{map}}]", "{list: [1, 2], map: {a: 1}}", "[][]");
	CHECK_RENDER("Приказ № {{order.number}} от {{order.date}}",
		     "order: {number: \"41-од\", date: \"01.09.2025\"}",
		     "Приказ № 41-од от 01.09.2025");
}

static void test_truthiness(void)
{
	CHECK_RENDER("{{#s}}S{{/s}}{{^s}}no-s{{/s}}", "s: \"\"", "no-s");
	CHECK_RENDER("{{#z}}zero is {{.}}{{/z}}", "z: 0", "zero is 0");
	CHECK_RENDER("{{#m}}empty map{{/m}}", "m: {}", "empty map");
	CHECK_RENDER("{{#l}}x{{/l}}{{^l}}empty list{{/l}}", "l: []", "empty list");
	CHECK_RENDER("{{#n}}x{{/n}}{{^n}}null{{/n}}{{^f}} false{{/f}}", "{n: null, f: false}",
		     "null false");
	CHECK_RENDER("{{#s}}<{{.}}>{{/s}}", "s: текст", "<текст>");
}

static void test_context_stack_and_dotted_names(void)
{
	CHECK_RENDER("{{#doc}}{{title}} / {{site.name}} / {{org}}{{/doc}}",
		     "{org: Школа, site: {name: Сайт}, doc: {title: Положение}}",
		     "Положение / Сайт / Школа");
	/* the first part resolves in the nearest frame that has it */
	CHECK_RENDER("{{#a}}[{{b.c}}]{{/a}}", "{a: {b: {}}, b: {c: ERROR}}", "[]");
	CHECK_RENDER("{{#list}}({{.}}){{/list}}", "list: [a, 1, true]", "(a)(1)(true)");
}

static void test_render_twice_same_result(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = yaml("items: [{n: 1}, {n: 2}]\nname: x");
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *tpl = "{{#items}}{{n}}{{name}}{{/items}}";
	const struct nv_template *t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);

	CHECK(t);
	CHECK_STR(nv_tpl_file(t), "t.mustache");
	CHECK_INT(nv_tpl_render(set, t, ctx, &a, &d), 0);
	CHECK_INT(nv_tpl_render(set, t, ctx, &b, &d), 0);
	CHECK_STR(a.ptr, "1x2x");
	CHECK_STR(b.ptr, a.ptr);
	CHECK_INT(d.nr, 0);
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_standalone_partial_indentation(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *partials[] = { "item", "<li>\n  {{.}}\n</li>\n", NULL };
	char *s = render_with(0, "<ul>\n{{#items}}\n  {{>item}}\n{{/items}}\n</ul>\n",
			      "items: [a, b]", partials, &d);

	CHECK_STR(s, "<ul>\n  <li>\n    a\n  </li>\n  <li>\n    b\n  </li>\n</ul>\n");
	CHECK_INT(d.nr, 0);
	free(s);
}

static void test_inheritance_layout(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *partials[] = {
		"base",
		"<html>\n<head><title>{{$title}}Без названия{{/title}}</title></head>\n<body>\n"
		"  <main>\n    {{$content}}{{/content}}\n  </main>\n  "
		"{{>footer}}\n</body>\n</html>\n",
		"footer",
		"<footer>{{org}}</footer>\n",
		NULL,
	};
	char *s = render_with(0,
			      "{{<base}}\n{{$title}}{{doc.title}}{{/title}}\n{{$content}}\n"
			      "<h1>{{doc.title}}</h1>\n<p>текст</p>\n{{/content}}\n{{/base}}\n",
			      "{org: Школа № 1, doc: {title: Положение}}", partials, &d);

	CHECK_STR(s, "<html>\n<head><title>Положение</title></head>\n<body>\n  <main>\n"
		     "    <h1>Положение</h1>\n    <p>текст</p>\n\n  </main>\n"
		     "  <footer>Школа № 1</footer>\n</body>\n</html>\n");
	CHECK_INT(d.nr, 0);
	free(s);
}

/* ---- memos of partials ----------------------------------------------- */

/*
 * Render t (compiled in set) against the YAML `data` into a fresh string;
 * the context is freed after, so that the next one may lie at the same
 * addresses (a memo compares values, never addresses).
 */
static char *render_in(struct nv_tpl_set *set, const struct nv_template *t, const char *data,
		       struct nv_diags *d)
{
	struct nv_value *ctx = yaml(data);
	struct nv_buf out = NV_BUF_INIT;
	char *ret = NULL;

	if (!nv_tpl_render(set, t, ctx, &out, d))
		ret = nv_buf_detach(&out, NULL);
	nv_buf_release(&out);
	nv_value_free(ctx);
	return ret;
}

#define CHECK_RENDER_IN(set, t, data, want)                                                   \
	do {                                                                                  \
		struct nv_diags d_ = NV_DIAGS_INIT;                                           \
		char *got_ = render_in((set), (t), (data), &d_);                              \
		bool ok_ = got_ && !strcmp(got_, (want)) && !d_.nr;                           \
		if (!ok_)                                                                     \
			nv_test_failed(__FILE__, __LINE__, "%s:\n  got:  «%s»\n  want: «%s»", \
				       (data), got_ ? got_ : "(null)", (want));               \
		free(got_);                                                                   \
		nv_diags_release(&d_);                                                        \
		if (!ok_)                                                                     \
			return;                                                               \
	} while (0)

/* A partial that includes nothing comes out again only for the same values, found anywhere. */
static void test_partial_memo_follows_values(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	const char *nav = "{{#nav}}<a href=\"{{root}}{{url}}\"{{#cur}} class=\"cur\"{{/cur}}>"
			  "{{title}}</a>{{/nav}}|{{site.name}}|{{.}}";
	const char *tpl = "{{>nav}}\n{{#page}}{{>nav}}{{/page}}\n";
	const struct nv_template *t;

	nv_tpl_set_add_source(set, "nav", nav, strlen(nav));
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_RENDER_IN(set, t, "{root: ../, nav: [{url: a, title: A}], site: {name: S}}",
			"<a href=\"../a\">A</a>|S|\n");
	/* The same values: the same output, read from the memo. */
	CHECK_RENDER_IN(set, t, "{root: ../, nav: [{url: a, title: A}], site: {name: S}}",
			"<a href=\"../a\">A</a>|S|\n");
	/* A value outside the partial changed, deep in a list, or one it lacked appears. */
	CHECK_RENDER_IN(set, t, "{root: ../../, nav: [{url: a, title: A}], site: {name: S}}",
			"<a href=\"../../a\">A</a>|S|\n");
	CHECK_RENDER_IN(set, t, "{root: ../../, nav: [{url: a, title: B}], site: {name: S}}",
			"<a href=\"../../a\">B</a>|S|\n");
	CHECK_RENDER_IN(set, t,
			"{root: ../../, nav: [{url: a, title: B}], site: {name: S}, cur: 1}",
			"<a href=\"../../a\" class=\"cur\">B</a>|S|\n");
	CHECK_RENDER_IN(
		set, t,
		"{root: ../../, nav: [{url: a, title: B, cur: false}], site: {name: S}, cur: 1}",
		"<a href=\"../../a\">B</a>|S|\n");
	/* The same partial under another context: its names find other values. */
	CHECK_RENDER_IN(set, t, "{root: r/, nav: [], site: {name: S}, page: {site: {name: P}}}",
			"|S||P|\n");
	CHECK_RENDER_IN(set, t, "{root: r/, nav: [], site: {name: S}, page: {site: {name: P}}}",
			"|S||P|\n");
	CHECK_INT(d.nr, 0);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

/* A memo keeps the indentation it was written with. */
static void test_partial_memo_indentation(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	const char *item = "<li>\n{{#l}}{{.}}{{/l}}\n</li>\n";
	const char *tpl = "<ul>\n  {{>item}}\n  {{>item}}\n\t\t{{>item}}\n{{>item}}\n</ul>\n";
	const struct nv_template *t;

	nv_tpl_set_add_source(set, "item", item, strlen(item));
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_RENDER_IN(set, t, "l: [1, 2]",
			"<ul>\n  <li>\n  12\n  </li>\n  <li>\n  12\n  </li>\n\t\t<li>\n\t\t12\n"
			"\t\t</li>\n<li>\n12\n</li>\n</ul>\n");
	CHECK_INT(d.nr, 0);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

/* The steps a memo's output stands for count: the limit trips where it would without it. */
static void test_partial_memo_step_limit(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_tpl_limits lim = { NV_TPL_MAX_DEPTH, 11, 0 };
	struct nv_diags d = NV_DIAGS_INIT;
	const char *item = "{{#l}}{{.}}{{/l}}";
	const char *tpl = "{{>item}}{{>item}}{{>item}}";
	const struct nv_template *t;
	char *got, *msg;

	nv_tpl_set_add_source(set, "item", item, strlen(item));
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_RENDER_IN(set, t, "l: [1, 2]", "121212");
	/* 3 partial tags and 3 renders of 3 nodes: 12 steps. */
	nv_tpl_set_limits(set, &lim);
	got = render_in(set, t, "l: [1, 2]", &d);
	CHECK(!got);
	msg = diag_text(&d);
	CHECK_STR(msg, "item.mustache:1:7: вывод шаблона превысил предел в 11 шагов "
		       "[проверьте вложенные циклы и рекурсивные частичные шаблоны]\n");
	free(msg);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

/* A value promised stable is known by its address: its memo is not compared whole. */
static void test_partial_memo_stable_value(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = yaml("nav: [{t: A}]");
	struct nv_value *nav = nv_map_get(ctx, "nav");
	struct nv_buf out = NV_BUF_INIT;
	const char *p = "{{#nav}}{{t}}{{/nav}}", *tpl = "{{>p}}";
	const struct nv_template *t;

	nv_tpl_set_add_source(set, "p", p, strlen(p));
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	nv_tpl_set_stable(set, nav);
	nv_tpl_set_stable(set, nav);
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	/* Changed against the promise: the memo stands, as it was found at the same address. */
	nv_map_get(nav->items[0], "t")->str[0] = 'B';
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	CHECK_STR(out.ptr, "AA");
	/* Another value, not promised: compared whole. */
	CHECK_RENDER_IN(set, t, "nav: [{t: C}]", "C");
	CHECK_RENDER_IN(set, t, "nav: [{t: C}]", "C");
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	CHECK_STR(out.ptr, "AAB");
	CHECK_INT(d.nr, 0);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

/* ---- compile errors -------------------------------------------------- */

static void test_error_unclosed_section(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	const char *tpl =
		"<h1>{{title}}</h1>\n\n\n\n\n\n\n\n\n\n\n    {{#items}}\n<li>{{.}}</li>\n";
	char *msg;

	CHECK(!nv_tpl_compile(set, "themes/default/page.mustache", tpl, strlen(tpl), &d));
	msg = diag_text(&d);
	CHECK_STR(msg, "themes/default/page.mustache:12:5: секция «items» не закрыта "
		       "[добавьте {{/items}} в конце]\n");
	free(msg);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_error_unclosed_block_and_parent(void)
{
	const char *partials[] = { "base", "{{$a}}{{/a}}", NULL };

	CHECK_ERRORS("{{<base}}\n{{$a}}x\n", partials,
		     "t.mustache:1:1: тег родительского шаблона «base» не закрыт "
		     "[добавьте {{/base}} в конце]\n"
		     "t.mustache:2:1: блок «a» не закрыт [добавьте {{/a}} в конце]\n");
}

static void test_error_mismatched_close(void)
{
	CHECK_ERRORS("{{#items}}\n  <li>{{name}}</li>\n{{/itms}}\n", NULL,
		     "t.mustache:3:1: закрывающий тег «itms» не соответствует открытому «items» "
		     "[«items» открыт в строке 1, столбце 1; закройте его тегом {{/items}}]\n");
}

static void test_error_stray_close(void)
{
	CHECK_ERRORS("text {{/x}} more", NULL,
		     "t.mustache:1:6: закрывающий тег «x» без открывающего "
		     "[удалите его или откройте секцию тегом {{#x}}]\n");
}

static void test_error_unclosed_tag(void)
{
	CHECK_ERRORS(
		"<p>\nПриказ {{name</p>\n", NULL,
		"t.mustache:2:8: тег не закрыт: нет «}}» [закройте тег, например {{title}}]\n");
	CHECK_ERRORS("a {{{html}} b", NULL,
		     "t.mustache:1:3: тег не закрыт: нет «}}}» "
		     "[закройте тег, например {{{html}}}]\n");
	CHECK_ERRORS(
		"{{=<% %>=}}\n  <%name", NULL,
		"t.mustache:2:3: тег не закрыт: нет «%>» [закройте тег, например {{title}}]\n");
}

static void test_error_bad_delimiters(void)
{
	const char *want = "[пишите {{=<% %>=}}: два разделителя через пробел, "
			   "без пробелов и «=» внутри]\n";
	char *full = nv_xasprintf("t.mustache:1:3: неверный тег смены разделителей %s"
				  "t.mustache:2:1: неверный тег смены разделителей %s"
				  "t.mustache:3:1: неверный тег смены разделителей %s",
				  want, want, want);

	CHECK_ERRORS("x {{=<% %>}}\n{{=<%=}}\n{{= a=b c =}}\n{{x}}", NULL, full);
	free(full);
}

static void test_error_empty_and_bad_names(void)
{
	CHECK_ERRORS("{{}} {{ }} {{#}}{{/}} {{>}}", NULL,
		     "t.mustache:1:1: пустое имя в теге [укажите имя, например {{title}}]\n"
		     "t.mustache:1:6: пустое имя в теге [укажите имя, например {{title}}]\n"
		     "t.mustache:1:12: пустое имя в теге [укажите имя, например {{title}}]\n"
		     "t.mustache:1:17: пустое имя в теге [укажите имя, например {{title}}]\n"
		     "t.mustache:1:23: пустое имя в теге [укажите имя, например {{title}}]\n");
	CHECK_ERRORS("{{a b}}{{a..b}}{{.a}}{{&a.}}", NULL,
		     "t.mustache:1:1: в имени «a b» есть пробелы "
		     "[имя — поле или путь через точку, например {{page.title}}]\n"
		     "t.mustache:1:8: неверное имя «a..b» "
		     "[имя — поле или путь через точку, например {{page.title}}]\n"
		     "t.mustache:1:16: неверное имя «.a» "
		     "[имя — поле или путь через точку, например {{page.title}}]\n"
		     "t.mustache:1:22: неверное имя «a.» "
		     "[имя — поле или путь через точку, например {{page.title}}]\n");
}

static void test_errors_collected_in_one_pass(void)
{
	CHECK_ERRORS("{{/a}}\n{{#b}}{{/c}}\n{{}}\n{{#d}}\n", NULL,
		     "t.mustache:1:1: закрывающий тег «a» без открывающего "
		     "[удалите его или откройте секцию тегом {{#a}}]\n"
		     "t.mustache:2:7: закрывающий тег «c» не соответствует открытому «b» "
		     "[«b» открыт в строке 2, столбце 1; закройте его тегом {{/b}}]\n"
		     "t.mustache:3:1: пустое имя в теге [укажите имя, например {{title}}]\n"
		     "t.mustache:4:1: секция «d» не закрыта [добавьте {{/d}} в конце]\n");
}

static void test_error_columns_count_characters(void)
{
	CHECK_ERRORS("«Наставничество» — {{#x}}", NULL,
		     "t.mustache:1:20: секция «x» не закрыта [добавьте {{/x}} в конце]\n");
}

static void test_error_missing_partial_and_parent(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	const char *tpl = "<p>\n  {{>footer}}\n{{<base}}{{/base}} {{>footer}}";
	char *proj = nv_xasprintf("%s/none-proj", nv_test_tmpdir());
	char *theme = nv_xasprintf("%s/none-theme", nv_test_tmpdir());
	char *msg, *want;

	nv_tpl_set_add_dir(set, proj);
	nv_tpl_set_add_dir(set, theme);
	CHECK(!nv_tpl_compile(set, "page.mustache", tpl, strlen(tpl), &d));
	msg = diag_text(&d);
	want = nv_xasprintf("page.mustache:2:3: частичный шаблон «footer» не найден "
			    "[искали: %s/footer.mustache, %s/footer.mustache]\n"
			    "page.mustache:3:1: родительский шаблон «base» не найден "
			    "[искали: %s/base.mustache, %s/base.mustache]\n"
			    "page.mustache:3:20: частичный шаблон «footer» не найден "
			    "[искали: %s/footer.mustache, %s/footer.mustache]\n",
			    proj, theme, proj, theme, proj, theme);
	CHECK_STR(msg, want);
	free(msg);
	free(want);
	free(proj);
	free(theme);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_lenient_missing_partial_is_empty(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	char *s = render_with(NV_TPL_LENIENT, "[{{>nope}}][{{<base}}{{/base}}][{{>*dyn}}]",
			      "dyn: nope2", NULL, &d);

	CHECK_STR(s, "[][][]");
	CHECK_INT(d.nr, 0);
	free(s);
}

static void test_deep_nesting_is_a_clean_error(void)
{
	struct nv_buf tpl = NV_BUF_INIT;
	char *msg;
	int i;

	for (i = 0; i < 10000; i++)
		nv_buf_adds(&tpl, "{{#a}}");
	nv_buf_adds(&tpl, "x");
	for (i = 0; i < 10000; i++)
		nv_buf_adds(&tpl, "{{/a}}");
	msg = errors_of(tpl.ptr, NULL);
	/* the 65th tag starts at byte 64 * 6 */
	CHECK_STR(msg, "t.mustache:1:385: секции вложены глубже 64 уровней "
		       "[упростите шаблон или вынесите часть в частичный шаблон]\n");
	free(msg);
	nv_buf_release(&tpl);
}

static void test_nesting_up_to_the_limit_works(void)
{
	struct nv_buf tpl = NV_BUF_INIT;
	int i;

	for (i = 0; i < 64; i++)
		nv_buf_adds(&tpl, "{{#a}}");
	nv_buf_adds(&tpl, "{{b}}");
	for (i = 0; i < 64; i++)
		nv_buf_adds(&tpl, "{{/a}}");
	CHECK_RENDER(tpl.ptr, "{a: {b: deep}}", "deep");
	nv_buf_release(&tpl);
}

/* ---- limits while rendering ------------------------------------------ */

static void test_loop_of_100000_items(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *items = nv_value_new(NV_LIST, 0, 0);
	struct nv_buf out = NV_BUF_INIT;
	const char *tpl = "{{#items}}{{n}},{{/items}}";
	const struct nv_template *t;
	size_t i;

	for (i = 0; i < 100000; i++) {
		struct nv_value *item = nv_value_new(NV_MAP, 0, 0);
		nv_map_add(item, "n", 0, 0, nv_value_new_number((double)i));
		nv_list_push(items, item);
	}
	nv_map_add(ctx, "items", 0, 0, items);
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	CHECK(!strncmp(out.ptr, "0,1,2,", 6));
	CHECK(nv_slice_ends_with(nv_slice_make(out.ptr, out.len), ",99998,99999,"));
	/* 10 one-digit, 90 two-digit, … numbers, each with a comma */
	CHECK_INT(out.len, 10 * 2 + 90 * 3 + 900 * 4 + 9000 * 5 + 90000 * 6);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_recursive_partial_stops_by_data(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *partials[] = { "node", "{{name}}{{#kids}}({{>node}}){{/kids}}", NULL };
	char *s = render_with(
		0, "{{>node}}",
		"name: a\nkids:\n  - name: b\n    kids: [{name: c, kids: [{name: d, kids: []}]}]\n"
		"  - name: e\n    kids: []\n",
		partials, &d);

	CHECK_STR(s, "a(b(c(d)))(e)");
	CHECK_INT(d.nr, 0);
	free(s);
}

static void test_endless_recursion_is_an_error(void)
{
	const char *partials[] = { "loop", "x{{>loop}}", NULL };

	CHECK_ERRORS("{{>loop}}", partials,
		     "loop.mustache:1:2: частичные шаблоны вложены глубже 64 уровней "
		     "[вероятно, «loop» включает сам себя без условия остановки]\n");
}

static void test_exponential_recursion_stops_at_once(void)
{
	/* each level includes itself twice: the first error must stop everything */
	const char *partials[] = { "p", "{{>p}}{{>p}}", NULL };

	CHECK_ERRORS("{{>p}}", partials,
		     "p.mustache:1:1: частичные шаблоны вложены глубже 64 уровней "
		     "[вероятно, «p» включает сам себя без условия остановки]\n");
}

static void test_block_recursion_is_bounded(void)
{
	const char *partials[] = { "base", "{{$a}}{{/a}}", NULL };
	char *msg = errors_of("{{<base}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/base}}", partials);

	CHECK(strstr(msg, "t.mustache:1:17: вложенность при выводе шаблона глубже 1024 уровней"));
	free(msg);
}

static void test_step_limit(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_tpl_limits lim = { NV_TPL_MAX_DEPTH, 1000, 0 };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = yaml("l: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
	struct nv_buf out = NV_BUF_INIT;
	const char *tpl = "{{#l}}{{#l}}{{#l}}{{#l}}{{.}}{{/l}}{{/l}}{{/l}}{{/l}}";
	const struct nv_template *t;
	char *msg;

	nv_tpl_set_limits(set, &lim);
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), -1);
	msg = diag_text(&d);
	CHECK_STR(msg, "t.mustache:1:25: вывод шаблона превысил предел в 1000 шагов "
		       "[проверьте вложенные циклы и рекурсивные частичные шаблоны]\n");
	free(msg);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_output_limit(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_tpl_limits lim = { NV_TPL_MAX_DEPTH, 0, 100 };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = yaml("l: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
	struct nv_buf out = NV_BUF_INIT;
	const char *tpl = "{{#l}}\n{{#l}}0123456789{{/l}}\n{{/l}}";
	const struct nv_template *t;
	char *msg;

	nv_tpl_set_limits(set, &lim);
	nv_buf_adds(&out, "earlier output does not count|");
	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), -1);
	msg = diag_text(&d);
	CHECK_STR(msg, "t.mustache:2:1: результат шаблона больше 100 байт "
		       "[проверьте вложенные циклы и рекурсивные частичные шаблоны]\n");
	free(msg);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void test_dynamic_partial_missing_at_render(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *partials[] = { "text", "<p>{{content}}</p>", NULL };
	char *s = render_with(0, "{{#items}}\n{{>*kind}}\n{{/items}}",
			      "items: [{kind: text, content: a}, {kind: image}, {kind: image},"
			      " {kind: ../x}]",
			      partials, &d);
	char *msg = diag_text(&d);

	CHECK(!s);
	/* reported once per render, not once per item */
	CHECK_STR(msg, "t.mustache:2:1: частичный шаблон «image» не найден "
		       "[каталоги шаблонов не заданы]\n"
		       "t.mustache:2:1: недопустимое имя шаблона «../x» "
		       "[имя шаблона — путь внутри каталога темы, без «..» и без «/» в начале]\n");
	free(msg);
	nv_diags_release(&d);
}

static void test_dynamic_partial_with_errors(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *partials[] = { "bad", "{{#x}}", NULL };
	char *s = render_with(0, "[{{>*p}}]", "p: bad", partials, &d);
	char *msg = diag_text(&d);

	CHECK(!s);
	CHECK_STR(msg, "bad.mustache:1:1: секция «x» не закрыта [добавьте {{/x}} в конце]\n"
		       "t.mustache:1:2: шаблон «bad» не выведен: есть ошибки в bad.mustache\n");
	free(msg);
	nv_diags_release(&d);
}

/* ---- the loader ------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = nv_xasprintf("%s/%s", dir, name);

	nv_mkdir_p(dir);
	nv_test_write(path, text);
	free(path);
}

static void test_project_folder_overrides_theme(void)
{
	char *proj = nv_xasprintf("%s/ov/project", nv_test_tmpdir());
	char *theme = nv_xasprintf("%s/ov/theme", nv_test_tmpdir());
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *ctx = yaml("title: T");
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_template *t;

	write_file(theme, "page.mustache",
		   "{{<layout}}{{$body}}<h1>{{title}}</h1>{{/body}}"
		   "{{/layout}}");
	write_file(theme, "layout.mustache", "<theme>{{>header}}{{$body}}{{/body}}</theme>");
	write_file(theme, "header.mustache", "theme-header|");
	write_file(proj, "header.mustache", "project-header|");
	nv_tpl_set_add_dir(set, proj);
	nv_tpl_set_add_dir(set, theme);
	t = nv_tpl_get(set, "page", &d);
	CHECK(t);
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	CHECK_STR(out.ptr, "<theme>project-header|<h1>T</h1></theme>");
	CHECK_INT(d.nr, 0);
	{
		char *want = nv_xasprintf("%s/page.mustache", theme);
		CHECK_STR(nv_tpl_file(t), want);
		free(want);
	}
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
	free(proj);
	free(theme);
}

/*
 * A template that is a symbolic link (to /etc/passwd) is never read; the
 * link in the first folder stops the search, so the theme's own template
 * does not silently replace it.
 */
static void test_linked_template_is_refused(void)
{
	char *proj = nv_xasprintf("%s/ln/project", nv_test_tmpdir());
	char *theme = nv_xasprintf("%s/ln/theme", nv_test_tmpdir());
	char *link = nv_xasprintf("%s/page.mustache", proj);
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	char *msg, *want;

	write_file(theme, "page.mustache", "theme page");
	write_file(proj, "x.mustache", "x");
	CHECK_INT(symlink("/etc/passwd", link), 0);
	nv_tpl_set_add_dir(set, proj);
	nv_tpl_set_add_dir(set, theme);
	CHECK(!nv_tpl_get(set, "page", &d));
	msg = diag_text(&d);
	want = nv_xasprintf("-:0:0: не удалось прочитать «%s»: это символическая ссылка, а "
			    "ссылки не допускаются\n",
			    link);
	CHECK_STR(msg, want);
	free(msg);
	free(want);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
	free(proj);
	free(theme);
	free(link);
}

static void test_templates_are_compiled_once(void)
{
	char *dir = nv_xasprintf("%s/once", nv_test_tmpdir());
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_template *a, *b;

	write_file(dir, "p.mustache", "first");
	nv_tpl_set_add_dir(set, dir);
	a = nv_tpl_get(set, "p", &d);
	CHECK(a);
	write_file(dir, "p.mustache", "second");
	b = nv_tpl_get(set, "p", &d);
	CHECK(a == b);
	CHECK_INT(nv_tpl_render(set, b, NULL, &out, &d), 0);
	CHECK_STR(out.ptr, "first");
	nv_buf_release(&out);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
	free(dir);
}

static void test_get_errors(void)
{
	char *dir = nv_xasprintf("%s/errs", nv_test_tmpdir());
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	char *msg, *want;

	write_file(dir, "page.mustache", "<p>{{>broken}}</p>");
	write_file(dir, "broken.mustache", "{{#a}}\n{{/b}}\n");
	nv_tpl_set_add_dir(set, dir);
	CHECK(!nv_tpl_get(set, "nope", &d));
	CHECK(!nv_tpl_get(set, "../page", &d));
	CHECK(!nv_tpl_get(set, "page", &d));
	CHECK(!nv_tpl_get(set, "page", &d)); /* again: still one new error */
	CHECK(!nv_tpl_compile(set, "t.mustache", "{{>broken}}", 11, &d));
	msg = diag_text(&d);
	want = nv_xasprintf(
		"-:0:0: шаблон «nope» не найден [искали: %s/nope.mustache]\n"
		"-:0:0: недопустимое имя шаблона «../page» "
		"[имя шаблона — путь внутри каталога темы, без «..» и без «/» в начале]\n"
		"%s/broken.mustache:2:1: закрывающий тег «b» не соответствует открытому «a» "
		"[«a» открыт в строке 1, столбце 1; закройте его тегом {{/a}}]\n"
		"%s/page.mustache:0:0: шаблон «page» не может быть использован: есть ошибки в "
		"%s/broken.mustache\n"
		"t.mustache:0:0: шаблон не может быть использован: есть ошибки в "
		"%s/broken.mustache\n",
		dir, dir, dir, dir, dir);
	CHECK_STR(msg, want);
	free(msg);
	free(want);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
	free(dir);
}

static void test_set_delimiters_and_comments(void)
{
	CHECK_RENDER("{{! скрыто }}{{=<% %>=}}<% a %> {{a}} <%={{ }}=%>{{a}}", "a: 1", "1 {{a}} 1");
	CHECK_RENDER("a\n  {{! standalone }}\nb\n", "{}", "a\nb\n");
}

/*
 * Names are found whether a map's key is the shared copy of a known key
 * (nv_key_shared()) or a copy of its own, as a map made by hand may
 * hold; unknown keys and numbers too; and in a context made in a value
 * scope.
 */
static void test_lookup_keys_shared_or_not(void)
{
	struct nv_tpl_set *set = nv_tpl_set_new(0);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_value *ctx, *doc, *list;
	const struct nv_template *t;
	const char *tpl = "{{title}}|{{doc.title}}|{{doc.no_such_known_key}}|{{total}}|{{-5}}"
			  "{{#doc}}{{title}}:{{titlex}}{{/doc}}{{#list}}[{{.}}{{title}}]{{/list}}";

	t = nv_tpl_compile(set, "t.mustache", tpl, strlen(tpl), &d);
	CHECK(t);
	nv_value_scope_begin();
	ctx = nv_value_new(NV_MAP, 0, 0);
	doc = nv_value_new(NV_MAP, 0, 0);
	nv_map_add(doc, "titlex", 0, 0, nv_value_new_str("x"));
	nv_map_add(doc, "title", 0, 0, nv_value_new_str("shared"));
	nv_map_add(doc, "no_such_known_key", 0, 0, nv_value_new_str("own"));
	nv_map_add(ctx, "title", 0, 0, nv_value_new_str("mine"));
	nv_map_add(ctx, "total", 0, 0, nv_value_new_number(12));
	nv_map_add(ctx, "-5", 0, 0, nv_value_new_number(-5));
	nv_map_add(ctx, "doc", 0, 0, doc);
	list = nv_value_new(NV_LIST, 0, 0);
	nv_list_push(list, nv_value_new_str("a"));
	nv_list_push(list, nv_value_new(NV_MAP, 0, 0));
	nv_map_add(ctx, "list", 0, 0, list);
	/* as if made by hand: the bytes of a known key, not its shared copy */
	ctx->members[0].key = (char *)"title";
	CHECK(doc->members[1].key == nv_key_shared("title", 5));
	CHECK_INT(nv_tpl_render(set, t, ctx, &out, &d), 0);
	/* a string or an empty map in the stack: the name is found below it */
	CHECK_STR(out.ptr, "mine|shared|own|12|-5shared:x[amine][mine]");
	nv_value_scope_end();
	nv_buf_release(&out);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

void nv_tests(void)
{
	NV_RUN(test_escapes_all_five);
	NV_RUN(test_triple_and_ampersand_do_not_escape);
	NV_RUN(test_scalars);
	NV_RUN(test_truthiness);
	NV_RUN(test_context_stack_and_dotted_names);
	NV_RUN(test_render_twice_same_result);
	NV_RUN(test_standalone_partial_indentation);
	NV_RUN(test_inheritance_layout);
	NV_RUN(test_partial_memo_follows_values);
	NV_RUN(test_partial_memo_indentation);
	NV_RUN(test_partial_memo_step_limit);
	NV_RUN(test_partial_memo_stable_value);
	NV_RUN(test_error_unclosed_section);
	NV_RUN(test_error_unclosed_block_and_parent);
	NV_RUN(test_error_mismatched_close);
	NV_RUN(test_error_stray_close);
	NV_RUN(test_error_unclosed_tag);
	NV_RUN(test_error_bad_delimiters);
	NV_RUN(test_error_empty_and_bad_names);
	NV_RUN(test_errors_collected_in_one_pass);
	NV_RUN(test_error_columns_count_characters);
	NV_RUN(test_error_missing_partial_and_parent);
	NV_RUN(test_lenient_missing_partial_is_empty);
	NV_RUN(test_deep_nesting_is_a_clean_error);
	NV_RUN(test_nesting_up_to_the_limit_works);
	NV_RUN(test_loop_of_100000_items);
	NV_RUN(test_recursive_partial_stops_by_data);
	NV_RUN(test_endless_recursion_is_an_error);
	NV_RUN(test_exponential_recursion_stops_at_once);
	NV_RUN(test_block_recursion_is_bounded);
	NV_RUN(test_step_limit);
	NV_RUN(test_output_limit);
	NV_RUN(test_dynamic_partial_missing_at_render);
	NV_RUN(test_dynamic_partial_with_errors);
	NV_RUN(test_project_folder_overrides_theme);
	NV_RUN(test_linked_template_is_refused);
	NV_RUN(test_templates_are_compiled_once);
	NV_RUN(test_get_errors);
	NV_RUN(test_set_delimiters_and_comments);
	NV_RUN(test_lookup_keys_shared_or_not);
}
