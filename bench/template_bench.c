/*
 * template_bench.c: how fast a compiled page template renders.
 *
 * Writes a small theme into a temporary directory — a page that fills a
 * layout parent and uses three partials (header, metadata, table row) —
 * builds a realistic context (an order with a title, metadata and a
 * 30-row list of mentoring pairs), compiles once and renders 10,000 times.
 * Prints "template: 10000 renders in X ms (Y µs per render)" and the size
 * of one page; exit status 1 if anything fails. No timed assertion: the
 * numbers are for reading.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "template.h"
#include "value.h"

#define RENDERS 10000
#define ROWS	30

static const char *const files[][2] = {
	{ "layout", "<!DOCTYPE html>\n"
		    "<html lang=\"ru\">\n"
		    "<head>\n"
		    "  <meta charset=\"utf-8\">\n"
		    "  <title>{{$title}}{{site.title}}{{/title}} — {{site.org}}</title>\n"
		    "  <link rel=\"stylesheet\" href=\"{{root}}style.css\">\n"
		    "</head>\n"
		    "<body>\n"
		    "  {{>header}}\n"
		    "  <main id=\"content\">\n"
		    "    {{$content}}\n"
		    "    <p>Нет содержимого.</p>\n"
		    "    {{/content}}\n"
		    "  </main>\n"
		    "  <footer>{{site.org}}, {{site.place}}</footer>\n"
		    "</body>\n"
		    "</html>\n" },
	{ "header", "<header>\n"
		    "  <a href=\"{{root}}index.html\">{{site.title}}</a>\n"
		    "  <nav>\n"
		    "    {{#site.menu}}\n"
		    "    <a href=\"{{root}}{{url}}\"{{#current}} "
		    "aria-current=\"page\"{{/current}}>{{title}}</a>\n"
		    "    {{/site.menu}}\n"
		    "  </nav>\n"
		    "</header>\n" },
	{ "meta", "<dl class=\"meta\">\n"
		  "  <dt>Номер</dt><dd>№ {{number}}</dd>\n"
		  "  <dt>Дата</dt><dd>{{date}}</dd>\n"
		  "  {{#place}}<dt>Место</dt><dd>{{place}}</dd>{{/place}}\n"
		  "  {{#signatory}}<dt>Подписал</dt><dd>{{position}} {{name}}</dd>{{/signatory}}\n"
		  "  {{^draft}}<dt>Статус</dt><dd>действует</dd>{{/draft}}\n"
		  "</dl>\n" },
	{ "row", "<tr>\n"
		 "  <td>{{n}}</td>\n"
		 "  <td>{{mentor}}</td>\n"
		 "  <td>{{mentee}}{{#class}}, {{class}}{{/class}}</td>\n"
		 "  <td>{{form}}</td>\n"
		 "  <td>{{period}}</td>\n"
		 "  <td>{{#done}}завершено{{/done}}{{^done}}в работе{{/done}}</td>\n"
		 "</tr>\n" },
	{ "page",
	  "{{<layout}}\n"
	  "{{$title}}{{doc.title}}{{/title}}\n"
	  "{{$content}}\n"
	  "<article>\n"
	  "  <h1>{{doc.title}}</h1>\n"
	  "  {{#doc}}\n"
	  "  {{>meta}}\n"
	  "  {{/doc}}\n"
	  "  <p>{{doc.preamble}}</p>\n"
	  "  <table>\n"
	  "    <thead><tr><th>№</th><th>Наставник</th><th>Наставляемый</th>"
	  "<th>Форма</th><th>Срок</th><th>Статус</th></tr></thead>\n"
	  "    <tbody>\n"
	  "      {{#doc.pairs}}\n"
	  "      {{>row}}\n"
	  "      {{/doc.pairs}}\n"
	  "    </tbody>\n"
	  "  </table>\n"
	  "  {{#doc.pdf}}<p><a href=\"{{root}}{{doc.pdf}}\">Скачать PDF</a></p>{{/doc.pdf}}\n"
	  "</article>\n"
	  "{{/content}}\n"
	  "{{/layout}}\n" },
};

static void add_str(struct nv_value *map, const char *key, const char *s)
{
	nv_map_add(map, key, 0, 0, nv_value_new_str(s));
}

static struct nv_value *make_context(void)
{
	static const char *const forms[] = { "учитель — учитель", "учитель — ученик",
					     "ученик — ученик" };
	struct nv_value *root = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *site = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *menu = nv_value_new(NV_LIST, 0, 0);
	struct nv_value *doc = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *sig = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *pairs = nv_value_new(NV_LIST, 0, 0);
	char buf[128];
	int i;

	add_str(site, "title", "Наставничество");
	add_str(site, "org", "МБОУ «Средняя общеобразовательная школа № 1»");
	add_str(site, "place", "г. Энск");
	for (i = 0; i < 6; i++) {
		struct nv_value *item = nv_value_new(NV_MAP, 0, 0);
		snprintf(buf, sizeof(buf), "Раздел %d", i + 1);
		add_str(item, "title", buf);
		snprintf(buf, sizeof(buf), "section-%d/index.html", i + 1);
		add_str(item, "url", buf);
		nv_map_add(item, "current", 0, 0, nv_value_new_bool(i == 2));
		nv_list_push(menu, item);
	}
	nv_map_add(site, "menu", 0, 0, menu);

	add_str(doc, "title", "О закреплении наставнических пар на 2025/2026 учебный год");
	add_str(doc, "number", "41-од");
	add_str(doc, "date", "01.09.2025");
	add_str(doc, "place", "г. Энск");
	add_str(doc, "preamble",
		"В целях реализации целевой модели наставничества & "
		"в соответствии с «Положением о наставничестве»");
	add_str(sig, "position", "Директор");
	add_str(sig, "name", "И. И. Иванова");
	nv_map_add(doc, "signatory", 0, 0, sig);
	nv_map_add(doc, "draft", 0, 0, nv_value_new_bool(false));
	add_str(doc, "pdf", "orders/o-zakreplenii.pdf");
	for (i = 0; i < ROWS; i++) {
		struct nv_value *row = nv_value_new(NV_MAP, 0, 0);
		nv_map_add(row, "n", 0, 0, nv_value_new_number(i + 1));
		snprintf(buf, sizeof(buf), "Петрова А. Б. (%d)", i / 3 + 1);
		add_str(row, "mentor", buf);
		snprintf(buf, sizeof(buf), "Сидоров Б. В. (%d)", i + 1);
		add_str(row, "mentee", buf);
		if (i % 3)
			add_str(row, "class", "7 «Б»");
		add_str(row, "form", forms[i % 3]);
		add_str(row, "period", "01.09.2025 – 31.05.2026");
		nv_map_add(row, "done", 0, 0, nv_value_new_bool(i % 4 == 0));
		nv_list_push(pairs, row);
	}
	nv_map_add(doc, "pairs", 0, 0, pairs);

	nv_map_add(root, "site", 0, 0, site);
	nv_map_add(root, "doc", 0, 0, doc);
	add_str(root, "root", "../");
	return root;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(void)
{
	char dir[] = "/tmp/nv-template-bench-XXXXXX";
	struct nv_tpl_set *set = NULL;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_value *ctx = NULL;
	const struct nv_template *page;
	size_t i, page_len = 0;
	double t0, t1;
	int rc = 1;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	for (i = 0; i < NV_ARRAY_SIZE(files); i++) {
		char *path = nv_xasprintf("%s/%s.mustache", dir, files[i][0]);
		int err = nv_write_file(path, files[i][1], strlen(files[i][1]));

		if (err)
			fprintf(stderr, "template_bench: %s: %s\n", path, strerror(errno));
		free(path);
		if (err)
			goto out;
	}
	set = nv_tpl_set_new(0);
	nv_tpl_set_add_dir(set, dir);
	ctx = make_context();
	page = nv_tpl_get(set, "page", &d);
	if (!page)
		goto out;
	t0 = now_ms();
	for (i = 0; i < RENDERS; i++) {
		nv_buf_reset(&out);
		if (nv_tpl_render(set, page, ctx, &out, &d))
			goto out;
	}
	t1 = now_ms();
	page_len = out.len;
	printf("template: %d renders in %.0f ms (%.1f µs per render)\n", RENDERS, t1 - t0,
	       (t1 - t0) * 1e3 / RENDERS);
	printf("template: one page is %zu bytes\n", page_len);
	if (getenv("TEMPLATE_BENCH_SHOW"))
		fwrite(out.ptr, 1, out.len, stdout);
	rc = 0;
out:
	nv_diags_print(&d, stderr);
	nv_diags_release(&d);
	nv_buf_release(&out);
	nv_value_free(ctx);
	nv_tpl_set_free(set);
	nv_rm_rf(dir);
	return rc;
}
