/*
 * cmd_build.c: `nastavnik build` — check the content and, if it has no
 * errors, write the website section and the PDFs into OUT/.
 *
 * The work is done by nv_build() (build.h); this file reads the options
 * and prints the diagnostics and the summary.
 */
#include "common.h"

#include "build.h"
#include "cmd.h"
#include "diag.h"

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
	     "  --base-url АДРЕС  адрес раздела на сайте для ленты новостей и sitemap.xml\n"
	     "                    (по умолчанию: website и base_path из site.yml)\n"
	     "  --fragment        только содержимое страниц, без оформления — для вставки\n"
	     "                    в конструктор сайта\n"
	     "  --no-pdf          не печатать документы в PDF (ПАПКА/print)\n"
	     "  -j N              писать файлы в N потоков (по умолчанию — по числу процессоров)\n"
	     "  --force           собрать заново, даже если ничего не изменилось");
}

int cmd_build(int argc, char **argv, struct nv_global *g)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_build_opts o = { "content", "output", NULL, false, false, true, false, 0 };
	char *title = NULL;
	size_t updated = 0;
	int i, r, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage();
			return NV_EXIT_OK;
		} else if (!strcmp(a, "--drafts")) {
			o.drafts = true;
		} else if (!strcmp(a, "--fragment")) {
			o.fragment = true;
		} else if (!strcmp(a, "--no-pdf")) {
			o.pdf = false;
		} else if (!strcmp(a, "--force")) {
			o.force = true;
		} else if (!strncmp(a, "-j", 2)) {
			if (nv_opt_jobs("build", argc, argv, &i, &o.jobs) < 0)
				return NV_EXIT_USAGE;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--base-url")) {
			if (i + 1 >= argc)
				return nv_usage_error("build: после %s нужно указать значение", a);
			if (!strcmp(a, "-o"))
				o.out = argv[++i];
			else
				o.base_url = argv[++i];
		} else if (!strncmp(a, "--base-url=", 11)) {
			o.base_url = a + 11;
		} else {
			r = nv_opt_directory(argc, argv, &i, g);
			if (r < 0)
				return NV_EXIT_USAGE;
			if (r == 0)
				return nv_usage_error("build: неизвестный параметр «%s»", a);
		}
	}
	if (nv_open_project(g, &o.content) < 0)
		return NV_EXIT_USAGE;
	switch (nv_build(&o, &d, &title, &updated)) {
	case NV_BUILD_OK:
		rc = NV_EXIT_OK;
		break;
	case NV_BUILD_UNCHANGED:
		printf("nastavnik: с прошлой сборки ничего не изменилось — раздел «%s» в %s/site\n",
		       title, o.out);
		free(title);
		nv_diags_release(&d);
		return NV_EXIT_OK;
	case NV_BUILD_CONTENT_ERRORS:
		rc = NV_EXIT_CONTENT;
		break;
	default:
		rc = NV_EXIT_USAGE;
	}
	nv_diags_sort(&d);
	nv_diags_print(&d, stderr);
	if (rc == NV_EXIT_OK && updated)
		printf("nastavnik: раздел «%s» обновлён в %s/site: заново выведены только "
		       "документы с изменённым текстом (%zu)\n",
		       title, o.out, updated);
	else if (rc == NV_EXIT_OK)
		printf("nastavnik: раздел «%s» собран в %s/site%s%s%s\n", title, o.out,
		       o.pdf ? ", документы для печати — в " : "", o.pdf ? o.out : "",
		       o.pdf ? "/print" : "");
	if (d.warnings && rc == NV_EXIT_OK)
		printf("nastavnik: %zu %s — см. выше\n", d.warnings,
		       nv_plural(d.warnings, "предупреждение", "предупреждения", "предупреждений"));
	else if (d.errors)
		fprintf(stderr, "nastavnik: найдено %zu %s; ничего не записано\n", d.errors,
			nv_plural(d.errors, "ошибка", "ошибки", "ошибок"));
	free(title);
	nv_diags_release(&d);
	return rc;
}
