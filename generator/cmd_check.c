/*
 * cmd_check.c: `nastavnik check` — load the content folder and print every
 * diagnostic, writing nothing.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "build.h"
#include "cmd.h"
#include "content.h"
#include "diag.h"
#include "html.h"
#include "model.h"
#include "project.h"

/* «проверено 8 документов, 3 файла данных и 2 вложения: ошибок нет», or the errors found. */
static void print_summary(const struct nv_content *c, const struct nv_model *m,
			  const struct nv_diags *d)
{
	if (d->errors)
		fprintf(stderr, "nastavnik: найдено %zu %s", d->errors,
			nv_plural(d->errors, "ошибка", "ошибки", "ошибок"));
	else if (m->nattachments)
		printf("nastavnik: проверено %zu %s, %zu %s данных и %zu %s: ошибок нет", c->ndocs,
		       nv_plural(c->ndocs, "документ", "документа", "документов"), c->ndata,
		       nv_plural(c->ndata, "файл", "файла", "файлов"), m->nattachments,
		       nv_plural(m->nattachments, "вложение", "вложения", "вложений"));
	else
		printf("nastavnik: проверено %zu %s и %zu %s данных: ошибок нет", c->ndocs,
		       nv_plural(c->ndocs, "документ", "документа", "документов"), c->ndata,
		       nv_plural(c->ndata, "файл", "файла", "файлов"));
	if (d->warnings)
		fprintf(d->errors ? stderr : stdout, ", %zu %s", d->warnings,
			nv_plural(d->warnings, "предупреждение", "предупреждения",
				  "предупреждений"));
	fputc('\n', d->errors ? stderr : stdout);
}

static void usage(void)
{
	puts("Использование: nastavnik check [-C КАТАЛОГ] [--drafts] [--dump] [-j "
	     "N]\n"
	     "\n"
	     "Проверяет все документы и файлы данных в content/ и выводит все\n"
	     "найденные ошибки с файлом, строкой и столбцом. Ничего не "
	     "записывает.\n"
	     "\n"
	     "  --drafts  проверять и черновики (draft: true)\n"
	     "  --dump    вывести разобранную модель (для отладки и тестов)\n"
	     "  -j N      разбирать файлы в N потоков (по умолчанию — по числу "
	     "процессоров)");
}

int cmd_check(int argc, char **argv, struct nv_global *g)
{
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	bool drafts = false, dump = false;
	int jobs = 0, rc;
	const struct nv_option opts[] = {
		{ "--drafts", NULL, NV_OPT_SET, &drafts, NULL, NULL, NULL },
		{ "--dump", NULL, NV_OPT_SET, &dump, NULL, NULL, NULL },
		{ "-j", NULL, NV_OPT_JOBS, &jobs, NULL, NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "check", opts, usage, NULL, 0, NULL };

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	switch (nv_project_open(&p, g, drafts, jobs, &d)) {
	case -2:
		return NV_EXIT_USAGE;
	case -1:
		nv_diags_print(&d, stderr);
		rc = NV_EXIT_USAGE;
		goto out;
	}
	/* The templates are on every page: what the build would refuse in them (html.h). */
	if (p.model.guard) {
		char *theme = nv_build_theme_dir();
		nv_html_check_theme(p.model.guard, "theme", theme, &d);
		free(theme);
	}
	if (dump) {
		struct nv_buf out = NV_BUF_INIT;
		nv_model_dump(&out, &p.model);
		fwrite(out.ptr, 1, out.len, stdout);
		nv_buf_release(&out);
	}
	nv_diags_sort(&d);
	fflush(stdout);
	nv_diags_print(&d, stderr);
	print_summary(&p.content, &p.model, &d);
	rc = d.errors ? NV_EXIT_CONTENT : NV_EXIT_OK;
	/* The process exits at once: freeing the content and the model block
	 * by block would only cost, unless a leak checker watches. */
	if (nv_leak_checked())
		nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
out:
	nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
}
