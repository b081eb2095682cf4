/*
 * cmd_build.c: `nastavnik build` — check the content and, if it has no
 * errors, write the website section into OUT/site.
 *
 * The site is written into a staging folder beside OUT/site and swapped in
 * only when everything was written: a failed build leaves the previous
 * output as it was, and content errors write nothing at all.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "cmd.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "site.h"

#ifndef NV_DATADIR
#define NV_DATADIR "/usr/local/share/nastavnik"
#endif

static void usage(void)
{
	puts("Использование: nastavnik build [-C КАТАЛОГ] [-o ПАПКА] [--drafts] [--base-url "
	     "АДРЕС]\n"
	     "                       [--fragment]\n"
	     "\n"
	     "Проверяет документы и собирает раздел сайта в ПАПКА/site (по умолчанию\n"
	     "output/site). При ошибках в документах ничего не записывает.\n"
	     "\n"
	     "  -o ПАПКА          куда писать (по умолчанию output)\n"
	     "  --drafts          включить черновики (draft: true)\n"
	     "  --base-url АДРЕС  адрес раздела на сайте для ленты новостей и sitemap.xml\n"
	     "                    (по умолчанию: website и base_path из site.yml)\n"
	     "  --fragment        только содержимое страниц, без оформления — для вставки\n"
	     "                    в конструктор сайта");
}

/*
 * The theme: the project's own copy first, then the one beside the
 * program (a build in the source tree: build/nastavnik → themes/default),
 * then the installed one. The caller frees the result.
 */
static char *theme_dir(void)
{
	char exe[4096], *slash, *dir;
	ssize_t n;

	if (nv_is_dir("themes/default"))
		return nv_xstrdup("themes/default");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			dir = nv_xasprintf("%s/../themes/default", exe);
			if (nv_is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return nv_xstrdup(NV_DATADIR "/themes/default");
}

int cmd_build(int argc, char **argv, struct nv_global *g)
{
	struct nv_content content;
	struct nv_model model;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_site_opts opts;
	struct nv_site_state *site = NULL;
	struct nv_outdir out = { NULL, NULL };
	const char *root, *outdir = "output", *base_url = NULL;
	char *final = NULL, *theme = NULL;
	bool drafts = false, fragment = false, model_built = false;
	int i, r, rc = NV_EXIT_USAGE;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage();
			return NV_EXIT_OK;
		} else if (!strcmp(a, "--drafts")) {
			drafts = true;
		} else if (!strcmp(a, "--fragment")) {
			fragment = true;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--base-url")) {
			if (i + 1 >= argc)
				return nv_usage_error("build: после %s нужно указать значение", a);
			if (!strcmp(a, "-o"))
				outdir = argv[++i];
			else
				base_url = argv[++i];
		} else if (!strncmp(a, "--base-url=", 11)) {
			base_url = a + 11;
		} else {
			r = nv_opt_directory(argc, argv, &i, g);
			if (r < 0)
				return NV_EXIT_USAGE;
			if (r == 0)
				return nv_usage_error("build: неизвестный параметр «%s»", a);
		}
	}
	if (nv_open_project(g, &root) < 0)
		return NV_EXIT_USAGE;

	memset(&content, 0, sizeof(content));
	if (nv_content_load(&content, root, &d) < 0)
		goto print;
	nv_model_build(&model, &content, drafts, &d);
	model_built = true;
	if (d.errors) {
		rc = NV_EXIT_CONTENT;
		goto print;
	}
	theme = theme_dir();
	if (!nv_is_dir(theme)) {
		nv_diag_hint(
			nv_error(&d, theme, 0, 0, "не найдена тема оформления"),
			"запустите сборку в каталоге проекта nastavnik или установите программу "
			"(make install)");
		goto print;
	}
	final = nv_xasprintf("%s/site", outdir);
	if (nv_outdir_begin(&out, final) < 0) {
		if (errno == EEXIST)
			nv_diag_hint(
				nv_error(&d, final, 0, 0,
					 "папка уже существует и создана не nastavnik — не "
					 "перезаписываю"),
				"укажите другую папку: nastavnik build -o ПАПКА, или удалите эту");
		else
			nv_error(&d, final, 0, 0, "не удалось создать папку: %s",
				 nv_strerror(errno));
		goto print;
	}
	memset(&opts, 0, sizeof(opts));
	opts.out = out.staging;
	opts.theme_dir = theme;
	opts.override_dir = "theme";
	opts.base_url = base_url;
	opts.fragment = fragment;
	site = nv_site_new(&opts);
	if (nv_site_render(site, &model, &d) < 0) {
		nv_outdir_abort(&out);
		rc = d.errors ? NV_EXIT_CONTENT : NV_EXIT_USAGE;
		goto print;
	}
	if (nv_outdir_commit(&out) < 0) {
		nv_error(&d, final, 0, 0, "не удалось заменить папку: %s", nv_strerror(errno));
		goto print;
	}
	rc = NV_EXIT_OK;
print:
	nv_diags_sort(&d);
	nv_diags_print(&d, stderr);
	if (rc == NV_EXIT_OK)
		printf("nastavnik: раздел «%s» собран в %s%s\n", model.site.section_title, final,
		       d.warnings ? " (есть предупреждения)" : "");
	else if (d.errors)
		fprintf(stderr, "nastavnik: найдено %zu %s; ничего не записано\n", d.errors,
			nv_plural(d.errors, "ошибка", "ошибки", "ошибок"));
	nv_site_free(site);
	if (model_built)
		nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&d);
	free(final);
	free(theme);
	return rc;
}
