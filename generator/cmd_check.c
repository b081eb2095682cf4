/*
 * cmd_check.c: `nastavnik check` — load the content folder and print every
 * diagnostic, writing nothing.
 */
#include "common.h"

#include "buf.h"
#include "cmd.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "threads.h"

static void print_summary(const struct nv_content *c, const struct nv_diags *d)
{
	if (d->errors)
		fprintf(stderr, "nastavnik: найдено %zu %s", d->errors,
			nv_plural(d->errors, "ошибка", "ошибки", "ошибок"));
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

int cmd_check(int argc, char **argv, struct nv_global *g)
{
	struct nv_content content;
	struct nv_model model;
	struct nv_diags d = NV_DIAGS_INIT;
	bool drafts = false, dump = false;
	int jobs = 0;
	const char *root;
	int i, r, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
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
			return NV_EXIT_OK;
		}
		if (!strcmp(argv[i], "--drafts")) {
			drafts = true;
			continue;
		}
		if (!strcmp(argv[i], "--dump")) {
			dump = true;
			continue;
		}
		if (!strncmp(argv[i], "-j", 2)) {
			if (nv_opt_jobs("check", argc, argv, &i, &jobs) < 0)
				return NV_EXIT_USAGE;
			continue;
		}
		r = nv_opt_directory(argc, argv, &i, g);
		if (r < 0)
			return NV_EXIT_USAGE;
		if (r == 0)
			return nv_usage_error("check: неизвестный параметр «%s»", argv[i]);
	}
	if (nv_open_project(g, &root) < 0)
		return NV_EXIT_USAGE;

	memset(&content, 0, sizeof(content));
	if (jobs <= 0)
		jobs = nv_cpu_count();
	if (nv_content_load_jobs(&content, root, jobs, &d) < 0) {
		nv_diags_print(&d, stderr);
		rc = NV_EXIT_USAGE;
		goto out;
	}
	nv_model_build_jobs(&model, &content, drafts, jobs, &d);
	if (dump) {
		struct nv_buf out = NV_BUF_INIT;
		nv_model_dump(&out, &model);
		fwrite(out.ptr, 1, out.len, stdout);
		nv_buf_release(&out);
	}
	nv_model_release(&model);
	nv_diags_sort(&d);
	fflush(stdout);
	nv_diags_print(&d, stderr);
	print_summary(&content, &d);
	rc = d.errors ? NV_EXIT_CONTENT : NV_EXIT_OK;
out:
	nv_content_release(&content);
	nv_diags_release(&d);
	return rc;
}
