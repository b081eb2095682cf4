/*
 * cmd_report.c: `nastavnik report --xlsx FILE` — the regional report:
 * at a school the personal register of mentoring with full names, at a
 * department the roll-up by organisation (build_report.h).
 *
 *   nastavnik report [-C DIR] --xlsx FILE [--force] [--date DD.MM.YYYY]
 *
 * A relative FILE is taken from the directory the command was started
 * in, not from -C: the register holds personal data and must not land
 * in the project by accident; a FILE inside the content folder, which is
 * published, is refused.
 */
#include "common.h"

#include <limits.h>
#include <unistd.h>

#include "alloc.h"
#include "build_members.h"
#include "build_report.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "lazylib.h"
#include "model.h"
#include "project.h"

static void usage(void)
{
	puts("Использование: nastavnik report [-C КАТАЛОГ] --xlsx ФАЙЛ [--force]\n"
	     "                        [--date ДД.ММ.ГГГГ]\n"
	     "\n"
	     "Пишет отчёт для региона в ФАЙЛ .xlsx. У школы — реестр наставников,\n"
	     "наставляемых и пар с полными именами (персональные данные: файл не для\n"
	     "сайта) и показатели мониторинга; у управления образования — свод по\n"
	     "организациям.\n"
	     "\n"
	     "  --xlsx ФАЙЛ        куда писать отчёт (путь — от текущего каталога)\n"
	     "  --force            заменить ФАЙЛ, если он уже есть\n"
	     "  --date ДД.ММ.ГГГГ  «по состоянию на» (по умолчанию — сегодня)");
}

static int parse_date(const char *value, void *dest)
{
	return nv_date_parse(value, dest);
}

/* FILE made absolute against the directory the command started in; the caller frees. */
static char *absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return nv_xstrdup(path);
	return nv_xasprintf("%s/%s", cwd, path);
}

static int report(struct nv_report_opts *o, struct nv_global *g, struct nv_diags *d)
{
	struct nv_project p;
	struct nv_org_members ms = { NULL, 0 };
	struct nv_rollup_row *rows = NULL;
	const char *root;
	char *dir;
	bool in;
	int rc = NV_EXIT_USAGE;

	if (nv_lib_load(NV_LIB_XLSX, d) < 0)
		return NV_EXIT_USAGE;
	switch (nv_project_open(&p, g, false, 0, d)) {
	case -2:
		return NV_EXIT_USAGE;
	case -1:
		goto out;
	}
	if (d->errors) {
		rc = NV_EXIT_CONTENT;
		goto out;
	}
	root = p.content.root ? p.content.root : "content";
	dir = nv_dir_of(o->path);
	in = nv_cmd_in_content(dir, root);
	free(dir);
	if (in) {
		nv_diag_hint(nv_error(d, o->display, 0, 0,
				      "отчёт нельзя класть в папку content/: всё из неё "
				      "публикуется на сайте"),
			     "укажите файл вне проекта, например ~/отчёт.xlsx");
		goto out;
	}
	/* A department's roll-up: its members' exports, as the build reads them. */
	if (p.model.site.members) {
		nv_members_load(&ms, &p.model, 0, d);
		o->nmembers = nv_rollup_rows_from_members(&rows, &ms);
		o->members = rows;
	}
	if (nv_report_xlsx(&p.model, o, d) == 0)
		rc = NV_EXIT_OK;
out:
	nv_rollup_rows_release(rows, o->nmembers);
	nv_members_release(&ms);
	nv_project_release(&p);
	return rc;
}

int cmd_report(int argc, char **argv, struct nv_global *g)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_report_opts o = { NULL };
	const char *xlsx = NULL;
	bool have_date = false;
	int rc;
	const struct nv_option opts[] = {
		{ "--xlsx", NULL, NV_OPT_VALUE, &xlsx, "файл", NULL, NULL },
		{ "--force", NULL, NV_OPT_SET, &o.force, NULL, NULL, NULL },
		{ "--date", NULL, NV_OPT_VALUE, &o.date, "дату", parse_date,
		  "дата --date должна быть в виде ДД.ММ.ГГГГ, а не «%s»" },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "report", opts, usage, NULL, 0, NULL };

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	if (!xlsx || !*xlsx)
		return nv_usage_error("report: укажите файл отчёта, например: nastavnik report "
				      "--xlsx отчёт.xlsx");
	have_date = o.date.year != 0;
	if (!nv_source_date_epoch(&o.created))
		o.created = 0;
	if (!have_date && o.created) {
		o.date = nv_date_from_days((long)(o.created / 86400));
	} else if (!have_date) {
		o.date = nv_date_today();
	}
	o.path = absolute(xlsx);
	o.display = xlsx;
	rc = report(&o, g, &d);
	nv_diags_sort(&d);
	nv_diags_print(&d, stderr);
	if (rc == NV_EXIT_OK)
		printf("nastavnik: отчёт записан в %s\n", xlsx);
	else if (d.errors && rc == NV_EXIT_CONTENT)
		fprintf(stderr, "nastavnik: найдено %zu %s; отчёт не записан\n", d.errors,
			nv_plural(d.errors, "ошибка", "ошибки", "ошибок"));
	free((char *)o.path);
	nv_diags_release(&d);
	return rc;
}
