/*
 * serve_page.c: what the preview server adds to the site it serves — the
 * reload script in every page and the page of diagnostics shown while
 * the content has errors; see serve_int.h.
 */
#include "common.h"

#include <strings.h>

#include "buf.h"
#include "build.h"
#include "diag.h"
#include "serve_int.h"

#define MAX_SHOWN_DIAGS 200 /* the error page lists at most this many */

void nv_serve_reload_script(struct nv_buf *b, const char *version)
{
	nv_buf_addf(
		b,
		"<script>/* nastavnik serve: reload after a rebuild */\n"
		"(function () {\n"
		"\tvar v = \"%s\";\n"
		"\tfunction poll(ms) {\n"
		"\t\tsetTimeout(function () {\n"
		"\t\t\tfetch(\"" VERSION_URL "\", { cache: \"no-store\" })\n"
		"\t\t\t\t.then(function (r) { if (!r.ok) throw r; return r.text(); })\n"
		"\t\t\t\t.then(function (t) { if (t !== v) location.reload(); else poll(300); },\n"
		"\t\t\t\t      function () { poll(1000); });\n"
		"\t\t}, ms);\n"
		"\t}\n"
		"\tpoll(300);\n"
		"})();\n"
		"</script>\n",
		version);
}

/* Find the last "</body" (any case) in html, or return len. */
static size_t body_end(const char *html, size_t len)
{
	size_t i;

	for (i = len; i >= 6; i--)
		if (html[i - 6] == '<' && !strncasecmp(html + i - 6, "</body", 6))
			return i - 6;
	return len;
}

void nv_serve_inject(struct nv_buf *out, const char *version, const char *html, size_t len)
{
	size_t at = body_end(html, len);

	nv_buf_grow(out, len + 1024);
	nv_buf_add(out, html, at);
	nv_serve_reload_script(out, version);
	nv_buf_add(out, html + at, len - at);
}

static void page_head(struct nv_buf *b, const char *title)
{
	nv_buf_adds(b, "<!doctype html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>");
	nv_buf_add_html(b, title, strlen(title));
	nv_buf_adds(b,
		    " — nastavnik</title>\n<style>\n"
		    "body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;"
		    "max-width:64rem;margin:2rem auto;padding:0 1rem}\n"
		    "h1{font-size:1.6rem;color:#9b0000}\n"
		    "pre{font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;"
		    "overflow-wrap:anywhere;background:#fff3f3;border-left:4px solid #9b0000;"
		    "padding:.75rem 1rem;tab-size:4}\n"
		    "pre.other{background:#fffae6;border-color:#8a6100}\n"
		    "</style>\n</head>\n<body>\n<main>\n");
}

/*
 * Render the diagnostics as the terminal shows them, one <pre> each, so
 * the page and the terminal never disagree: nv_diags_print() into a
 * memory stream, then escaped.
 */
static void add_diag(struct nv_buf *b, const struct nv_diag *diag)
{
	struct nv_diags one = NV_DIAGS_INIT;
	char *text = NULL;
	size_t len = 0, skip = 0;
	FILE *f;

	one.v = (struct nv_diag *)diag;
	one.nr = 1;
	f = open_memstream(&text, &len);
	if (!f)
		return;
	nv_diags_print(&one, f);
	if (fclose(f) != 0 || !text) {
		free(text);
		return;
	}
	if (!strncmp(text, "nastavnik: ", 11))
		skip = 11;
	while (len > skip && text[len - 1] == '\n')
		len--;
	nv_buf_addf(b, "<pre class=\"%s\">", diag->severity == NV_ERROR ? "error" : "other");
	nv_buf_add_html(b, text + skip, len - skip);
	nv_buf_adds(b, "</pre>\n");
	free(text);
}

void nv_serve_error_page(struct nv_buf *b, enum nv_build_status status, const struct nv_diags *d,
			 const char *version)
{
	size_t i;
	char title[128];

	nv_buf_reset(b);
	if (status == NV_BUILD_CONTENT_ERRORS)
		snprintf(title, sizeof(title), "В документах %zu %s", d->errors,
			 nv_plural(d->errors, "ошибка", "ошибки", "ошибок"));
	else
		snprintf(title, sizeof(title), "Сборка не удалась");
	page_head(b, title);
	nv_buf_adds(b, "<h1>");
	nv_buf_add_html(b, title, strlen(title));
	nv_buf_adds(b, "</h1>\n<p>Сайт не пересобран. Исправьте ошибки и сохраните файл в "
		       "content/ — страница обновится сама.</p>\n");
	for (i = 0; i < d->nr && i < MAX_SHOWN_DIAGS; i++)
		add_diag(b, &d->v[i]);
	if (i < d->nr)
		nv_buf_addf(b, "<p>…и ещё %zu — полный список в терминале.</p>\n", d->nr - i);
	nv_buf_adds(b, "</main>\n");
	nv_serve_reload_script(b, version);
	nv_buf_adds(b, "</body>\n</html>\n");
}

void nv_serve_not_found_page(struct nv_buf *b, const char *version)
{
	nv_buf_reset(b);
	page_head(b, "Страница не найдена");
	nv_buf_adds(b, "<h1>Страница не найдена</h1>\n<p>Такой страницы в разделе нет. "
		       "<a href=\"/\">На главную раздела</a></p>\n</main>\n");
	nv_serve_reload_script(b, version);
	nv_buf_adds(b, "</body>\n</html>\n");
}
