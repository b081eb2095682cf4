/*
 * Unit tests for serve_page.c: the reload script injected into every
 * page the preview server sends (before the last </body>, every other
 * byte kept), the page of diagnostics shown while a build fails, and
 * the page of an unknown URL.
 */
#include "common.h"

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "harness.h"

#include "../../generator/serve_int.h"

#define VERSION "v-1234-abcd"

/* The script for VERSION, as nv_serve_reload_script writes it; the caller frees it. */
static char *script(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_serve_reload_script(&b, VERSION);
	return nv_buf_detach(&b, NULL);
}

static void test_script_knows_the_version(void)
{
	char *s = script();

	CHECK(!strncmp(s, "<script>", 8));
	CHECK(strstr(s, "var v = \"" VERSION "\";") != NULL);
	CHECK(strstr(s, "fetch(\"" VERSION_URL "\"") != NULL);
	CHECK(strstr(s, "location.reload()") != NULL);
	CHECK(strlen(s) > 9 && !strcmp(s + strlen(s) - 10, "</script>\n"));
	free(s);
}

/*
 * Inject into html (len bytes) and check the result is html[0, at),
 * the script, html[at, len): nothing else added, nothing lost.
 */
static bool injected_at(const char *file, int line, const char *html, size_t len, size_t at)
{
	struct nv_buf out = NV_BUF_INIT;
	char *s = script();
	size_t n = strlen(s);
	bool ok;

	nv_buf_adds(&out, "kept:");
	nv_serve_inject(&out, VERSION, html, len);
	ok = out.len == 5 + len + n && !memcmp(out.ptr, "kept:", 5) &&
	     !memcmp(out.ptr + 5, html, at) && !memcmp(out.ptr + 5 + at, s, n) &&
	     !memcmp(out.ptr + 5 + at + n, html + at, len - at);
	if (!ok)
		nv_test_failed(file, line, "script not at %zu of «%.*s»:\n«%s»", at, (int)len, html,
			       out.ptr);
	nv_buf_release(&out);
	free(s);
	return ok;
}

#define CHECK_INJECT(html, at) CHECK(injected_at(__FILE__, __LINE__, html, sizeof(html) - 1, at))

static void test_inject_before_the_last_body(void)
{
	static const char page[] = "<html><body><p>x</p>\n</body>\n</html>\n";
	static const char two[] = "<body><pre>&lt;/body&gt; </body></pre>\n</body></html>";
	static const char upper[] = "<HTML><BODY>Текст</BODY></HTML>";
	static const char mixed[] = "<p>ё</p></BoDy >";

	CHECK_INJECT(page, strstr(page, "</body>") - page);
	/* The last one, not the first. */
	CHECK_INJECT(two, strstr(two, "\n</body>") + 1 - two);
	CHECK_INJECT(upper, strstr(upper, "</BODY>") - upper);
	CHECK_INJECT(mixed, strstr(mixed, "</BoDy") - mixed);
}

static void test_inject_at_the_end_without_body(void)
{
	static const char none[] = "<p>фрагмент</p>";
	/* An opening tag, a cut-off closing one, the word alone: no </body>. */
	static const char open[] = "<html><body><p>x</p>";
	static const char cut[] = "<body>x</bod";
	static const char word[] = "body /body <body";

	CHECK_INJECT(none, sizeof(none) - 1);
	CHECK_INJECT(open, sizeof(open) - 1);
	CHECK_INJECT(cut, sizeof(cut) - 1);
	CHECK_INJECT(word, sizeof(word) - 1);
	CHECK_INJECT("", 0);
	CHECK_INJECT("</body", 0);
	CHECK_INJECT("x", 1);
}

/* A NUL byte and bytes that are not UTF-8 pass through as they are. */
static void test_inject_keeps_every_byte(void)
{
	static const char bin[] = "a\0b\xff\xfe</body>\0z";

	CHECK_INJECT(bin, 5);
}

/* How many times needle occurs in hay. */
static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

static void test_error_page_lists_diagnostics(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_diag *e;

	e = nv_error(&d, "content/no-such-dir/orders/a.md", 3, 7, "поле <title> & «ещё»: %d", 1);
	nv_diag_hint(e, "напишите <b>заголовок</b>");
	nv_error(&d, "content/no-such-dir/people.yml", 12, 1, "второе");
	nv_warning(&d, NULL, 0, 0, "предупреждение \"в кавычках\"");
	nv_buf_adds(&b, "старое содержимое");
	nv_serve_error_page(&b, NV_BUILD_CONTENT_ERRORS, &d, VERSION);
	CHECK(!strncmp(b.ptr, "<!doctype html>\n", 16));
	CHECK(strstr(b.ptr, "старое") == NULL);
	CHECK(strstr(b.ptr, "<title>В документах 2 ошибки — nastavnik</title>") != NULL);
	CHECK(strstr(b.ptr, "<h1>В документах 2 ошибки</h1>") != NULL);
	/* Each diagnostic in a <pre> of its own, escaped, as the terminal shows it. */
	CHECK_INT(count(b.ptr, "<pre class=\"error\">"), 2);
	CHECK_INT(count(b.ptr, "<pre class=\"other\">"), 1);
	CHECK(strstr(b.ptr, "<pre class=\"error\">content/no-such-dir/orders/a.md:3:7: ошибка: "
			    "поле &lt;title&gt; &amp; «ещё»: 1\n") != NULL);
	CHECK(strstr(b.ptr, "подсказка: напишите &lt;b&gt;заголовок&lt;/b&gt;") != NULL);
	CHECK(strstr(b.ptr, "content/no-such-dir/people.yml:12:1: ошибка: второе</pre>\n") != NULL);
	CHECK(strstr(b.ptr, "предупреждение &quot;в кавычках&quot;</pre>") != NULL);
	CHECK(strstr(b.ptr, "<title>") != NULL && strstr(b.ptr, "<b>") == NULL);
	/* In the order given, then the script, then the end of the page. */
	CHECK(strstr(b.ptr, "orders/a.md") < strstr(b.ptr, "people.yml"));
	CHECK(strstr(b.ptr, "people.yml") < strstr(b.ptr, "предупреждение"));
	CHECK(strstr(b.ptr, "var v = \"" VERSION "\";") > strstr(b.ptr, "предупреждение"));
	CHECK_INT(count(b.ptr, "<script>"), 1);
	CHECK(strlen(b.ptr) > 16 && !strcmp(b.ptr + strlen(b.ptr) - 16, "</body>\n</html>\n"));
	nv_buf_release(&b);
	nv_diags_release(&d);
}

static void test_error_page_titles(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	nv_error(&d, NULL, 0, 0, "одна");
	nv_serve_error_page(&b, NV_BUILD_CONTENT_ERRORS, &d, VERSION);
	CHECK(strstr(b.ptr, "<h1>В документах 1 ошибка</h1>") != NULL);
	for (i = 0; i < 4; i++)
		nv_error(&d, NULL, 0, 0, "ещё");
	nv_serve_error_page(&b, NV_BUILD_CONTENT_ERRORS, &d, VERSION);
	CHECK(strstr(b.ptr, "<h1>В документах 5 ошибок</h1>") != NULL);
	/* Any other status: the build itself failed. */
	nv_serve_error_page(&b, NV_BUILD_FAILED, &d, VERSION);
	CHECK(strstr(b.ptr, "<title>Сборка не удалась — nastavnik</title>") != NULL);
	CHECK(strstr(b.ptr, "<h1>Сборка не удалась</h1>") != NULL);
	CHECK(strstr(b.ptr, "В документах") == NULL);
	CHECK_INT(count(b.ptr, "<pre class=\"error\">"), 5);
	nv_buf_release(&b);
	nv_diags_release(&d);
}

/* At most 200 shown; the rest counted. */
static void test_error_page_limits_the_list(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < 203; i++)
		nv_error(&d, NULL, 0, 0, "ошибка %zu", i);
	nv_serve_error_page(&b, NV_BUILD_CONTENT_ERRORS, &d, VERSION);
	CHECK(strstr(b.ptr, "<h1>В документах 203 ошибки</h1>") != NULL);
	CHECK_INT(count(b.ptr, "<pre class=\"error\">"), 200);
	CHECK(strstr(b.ptr, "ошибка 199</pre>") != NULL);
	CHECK(strstr(b.ptr, "ошибка 200</pre>") == NULL);
	CHECK(strstr(b.ptr, "<p>…и ещё 3 — полный список в терминале.</p>") != NULL);
	nv_buf_release(&b);
	nv_diags_release(&d);
}

static void test_not_found_page(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_adds(&b, "старое");
	nv_serve_not_found_page(&b, VERSION);
	CHECK(!strncmp(b.ptr, "<!doctype html>\n", 16));
	CHECK(strstr(b.ptr, "старое") == NULL);
	CHECK(strstr(b.ptr, "<title>Страница не найдена — nastavnik</title>") != NULL);
	CHECK(strstr(b.ptr, "<h1>Страница не найдена</h1>") != NULL);
	CHECK(strstr(b.ptr, "<a href=\"/\">На главную раздела</a>") != NULL);
	CHECK(strstr(b.ptr, "var v = \"" VERSION "\";") != NULL);
	CHECK(strlen(b.ptr) > 16 && !strcmp(b.ptr + strlen(b.ptr) - 16, "</body>\n</html>\n"));
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_script_knows_the_version);
	NV_RUN(test_inject_before_the_last_body);
	NV_RUN(test_inject_at_the_end_without_body);
	NV_RUN(test_inject_keeps_every_byte);
	NV_RUN(test_error_page_lists_diagnostics);
	NV_RUN(test_error_page_titles);
	NV_RUN(test_error_page_limits_the_list);
	NV_RUN(test_not_found_page);
}
