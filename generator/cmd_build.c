/*
 * cmd_build.c: `nastavnik build` — check the content and, if it has no
 * errors, write the website section and the PDFs into OUT/.
 *
 * The work is done by nv_build() (build.h); this file reads the options
 * and prints the diagnostics and the summary.
 */
#include "common.h"

#include "alloc.h"
#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "html.h"
#include "schema.h"

static void usage(void)
{
	puts("Использование: nastavnik build [-C КАТАЛОГ] [-o ПАПКА] [--drafts]\n"
	     "                       [--base-url АДРЕС] [--fragment] [--no-pdf] [-j N]\n"
	     "                       [--force]\n"
	     "\n"
	     "Проверяет документы и собирает раздел сайта в ПАПКА/site и документы для\n"
	     "печати в ПАПКА/print (по умолчанию ПАПКА — output). При ошибках в документах\n"
	     "ничего не записывает.\n"
	     "\n"
	     "  -o ПАПКА          куда писать (по умолчанию output)\n"
	     "  --drafts          включить черновики (draft: true)\n"
	     "  --base-url АДРЕС  адрес раздела на сайте для ленты новостей, sitemap.xml и\n"
	     "                    фрагментов (по умолчанию: website и base_path из site.yml)\n"
	     "  --fragment        только содержимое страниц, без оформления и поиска, с полными\n"
	     "                    ссылками — для вставки в конструктор сайта; нужен адрес раздела\n"
	     "  --no-pdf          не печатать документы в PDF (ПАПКА/print)\n"
	     "  -j N              писать файлы в N потоков (по умолчанию — по числу процессоров)\n"
	     "  --force           собрать заново, даже если ничего не изменилось");
}

static const char *warnings_word(size_t n)
{
	return nv_plural(n, "предупреждение", "предупреждения", "предупреждений");
}

/* The line that says what the build st did. */
static void say_built(enum nv_build_status st, const struct nv_build_opts *o,
		      const struct nv_build_result *r)
{
	if (st == NV_BUILD_UNCHANGED)
		printf("nastavnik: с прошлой сборки ничего не изменилось — раздел «%s» в %s/site\n",
		       r->title, o->out);
	else if (st == NV_BUILD_NO_PRINT) /* the error says which font the PDFs lack */
		printf("nastavnik: раздел «%s» собран в %s/site; документы для печати не "
		       "собраны — см. ошибку выше\n",
		       r->title, o->out);
	else if (st == NV_BUILD_OK && r->updated)
		printf("nastavnik: раздел «%s» обновлён в %s/site: заново выведены только "
		       "документы с изменённым текстом (%zu)\n",
		       r->title, o->out, r->updated);
	else if (st == NV_BUILD_OK)
		printf("nastavnik: раздел «%s» собран в %s/site%s%s%s\n", r->title, o->out,
		       o->pdf ? ", документы для печати — в " : "", o->pdf ? o->out : "",
		       o->pdf ? "/print" : "");
}

int cmd_build(int argc, char **argv, struct nv_global *g)
{
	struct nv_diags d = NV_DIAGS_INIT;
	static const char def_out[] = "output";
	struct nv_build_opts o = { "content", def_out, NULL, false, false, true, false, 0 };
	char *out = NULL;
	const char *why;
	struct nv_build_result r = { NULL, 0, 0 };
	enum nv_build_status st;
	int rc;
	const struct nv_option opts[] = {
		{ "--drafts", NULL, NV_OPT_SET, &o.drafts, NULL, NULL, NULL },
		{ "--fragment", NULL, NV_OPT_SET, &o.fragment, NULL, NULL, NULL },
		{ "--no-pdf", NULL, NV_OPT_CLEAR, &o.pdf, NULL, NULL, NULL },
		{ "--force", NULL, NV_OPT_SET, &o.force, NULL, NULL, NULL },
		{ "-j", NULL, NV_OPT_JOBS, &o.jobs, NULL, NULL, NULL },
		{ "-o", NULL, NV_OPT_VALUE, &o.out, NULL, NULL, NULL },
		{ "--base-url", NULL, NV_OPT_VALUE, &o.base_url, "адрес", NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "build", opts, usage, NULL, 0, NULL };

	o.exit_after = !nv_leak_checked(); /* the process ends after the build */
	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	/* --base-url: http(s), a host (Cyrillic too), no user, no query. */
	why = o.base_url ? nv_html_base_url_problem(o.base_url) : NULL;
	if (why)
		return nv_usage_error("build: адрес --base-url «%s» не подходит: %s\n"
				      "Пример: --base-url https://школа14.рф/nastavnichestvo/",
				      o.base_url, why);
	if (nv_cmd_chdir(g, &o.content) < 0)
		return NV_EXIT_USAGE;
	if (o.out != def_out)
		o.out = out = nv_cmd_user_path(o.out);
	if (nv_cmd_in_content(o.out, o.content)) {
		nv_diag_hint(
			nv_error(&d, o.out, 0, 0,
				 "сборку нельзя класть в папку content/: всё из неё публикуется "
				 "на сайте, и следующая сборка приняла бы страницы и PDF за "
				 "вложения"),
			"укажите папку вне content/, например: nastavnik build -o output");
		st = NV_BUILD_FAILED;
	} else
		st = nv_build(&o, &d, &r);
	rc = st == NV_BUILD_OK || st == NV_BUILD_UNCHANGED ? NV_EXIT_OK
	     : st == NV_BUILD_CONTENT_ERRORS		   ? NV_EXIT_CONTENT
							   : NV_EXIT_USAGE;
	/* After NV_BUILD_UNCHANGED, d has a check's words when only times changed. */
	nv_diags_sort(&d);
	nv_diags_print(&d, stderr);
	say_built(st, &o, &r);
	if (d.warnings && rc == NV_EXIT_OK)
		printf("nastavnik: %zu %s — см. выше\n", d.warnings, warnings_word(d.warnings));
	else if (st == NV_BUILD_UNCHANGED && r.warnings)
		printf("nastavnik: в прошлой сборке было %zu %s — их покажет nastavnik check\n",
		       r.warnings, warnings_word(r.warnings));
	else if (d.errors && st != NV_BUILD_NO_PRINT)
		fprintf(stderr, "nastavnik: найдено %zu %s; ничего не записано\n", d.errors,
			nv_plural(d.errors, "ошибка", "ошибки", "ошибок"));
	free(r.title);
	free(out);
	nv_diags_release(&d);
	return rc;
}
