/*
 * test_build_report.c: the regional report's roll-up fed with member
 * rows (struct nv_rollup_row), as a department's build hands them over,
 * read back with openpyxl; the shares as the monitoring page shows them.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "build_report.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "model.h"
#include "model_monitoring.h"

/* The cells of a sheet, a row per line, cells separated by «|» (None empty). */
static void read_sheet(struct nv_buf *out, const char *path, const char *sheet)
{
	char *cmd = nv_xasprintf(
		"/usr/bin/python3 -c 'import sys, openpyxl\n"
		"ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\n"
		"for r in ws.iter_rows(values_only=True):\n"
		"    print(\"|\".join(\"\" if v is None else str(v) for v in r).rstrip(\"|\"))\n"
		"print(\"bold\", all(c.font.b for c in ws[1]), ws.freeze_panes, "
		"ws.auto_filter.ref)' "
		"'%s' '%s'",
		path, sheet);
	FILE *f = popen(cmd, "r");
	char line[4096];

	while (f && fgets(line, sizeof(line), f))
		nv_buf_adds(out, line);
	if (f)
		pclose(f);
	free(cmd);
}

static void test_rollup_members(void)
{
	static const struct nv_form_count a_forms[] = { { "учитель – учитель", 2, 2 },
							{ "ученик – ученик", 1, 0 } };
	static const struct nv_form_count b_forms[] = { { "ученик – ученик", 3, 3 },
							{ "наставник – родитель", 1, 1 } };
	const struct nv_rollup_row rows[] = {
		{ "МАОУ «СОШ № 14»", "school", NULL, a_forms, 2, 3, 2, 3, 4, 58, 3, 640, 1 },
		{ "МБДОУ «Детский сад № 5»", "kindergarten", NULL, b_forms, 2, 4, 4, 2, 5, 20, 2, 0,
		  0 },
		{ "МБОУ «ООШ № 2»", "school", "выгрузка от 01.09.2025 устарела", NULL, 0, 0, 0, 0,
		  0, 0, 0, 0, 0 },
	};
	const char *forms[] = { NULL };
	struct nv_model m;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_report_opts o = { NULL };
	struct nv_buf got = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/rollup.xlsx", nv_test_tmpdir());

	memset(&m, 0, sizeof(m));
	m.site.kind = NV_ORG_DEPARTMENT;
	m.site.name = "Управление образования администрации района";
	m.site.short_name = "Управление образования";
	m.forms = forms;
	o.path = path;
	o.force = true;
	o.date = (struct nv_date){ 2025, 12, 1 };
	o.created = 1764547200;
	o.members = rows;
	o.nmembers = NV_ARRAY_SIZE(rows);
	CHECK_INT(nv_report_xlsx(&m, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	read_sheet(&got, path, "Свод по организациям");
	CHECK_STR(got.ptr,
		  "№|Организация|Вид|Пар и групп|Работают|учитель – учитель|ученик – ученик|"
		  "наставник – родитель|Наставников|Наставляемых|Педагогов|Педагогов "
		  "участвуют|Охват педагогов, %|Обучающихся|Обучающихся вовлечены|Охват "
		  "обучающихся, %|Примечание\n"
		  "1|МАОУ «СОШ № 14»|школа|3|2|2|1|0|3|4|58|3|5|640|1|0\n"
		  "2|МБДОУ «Детский сад № 5»|детский сад|4|4|0|3|1|2|5|20|2|10|0|0|0\n"
		  "3|МБОУ «ООШ № 2»|школа|0|0|0|0|0|0|0|0|0|0|0|0|0|выгрузка от 01.09.2025 "
		  "устарела\n"
		  "|Итого||7|6|2|4|1|5|9|78|5|6|640|1|0\n"
		  "bold True A2 A1:Q4\n");
	nv_buf_release(&got);
	nv_diags_release(&d);
	free(path);
}

/* The report refuses an existing file without force, and leaves it as it was. */
static void test_exists(void)
{
	const char *forms[] = { NULL };
	struct nv_model m;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_report_opts o = { NULL };
	struct nv_buf text = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/taken.xlsx", nv_test_tmpdir());

	memset(&m, 0, sizeof(m));
	m.site.name = "Школа";
	m.forms = forms;
	nv_test_write(path, "мой файл");
	o.path = path;
	o.display = "taken.xlsx";
	CHECK_INT(nv_report_xlsx(&m, &o, &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK_STR(d.v[0].file, "taken.xlsx");
	CHECK_STR(d.v[0].msg, "файл уже существует — не перезаписываю");
	CHECK_INT(nv_read_file(path, 1000, &text), 0);
	CHECK_STR(text.ptr, "мой файл");
	nv_buf_release(&text);
	nv_diags_release(&d);
	free(path);
}

static void test_share(void)
{
	CHECK_INT(nv_monitoring_share(2, 58), 3);
	CHECK_INT(nv_monitoring_share(1, 640), 0);
	CHECK_INT(nv_monitoring_share(2, 3), 67); /* half up, as the справка rounds */
	CHECK_INT(nv_monitoring_share(1, 8), 13);
	CHECK_INT(nv_monitoring_share(5, 0), 0);
	CHECK(nv_monitoring_percent(1, 640) == 0.1); /* not «0 %» */
	CHECK(nv_monitoring_percent(3, 640) == 0.4);
	CHECK(nv_monitoring_percent(0, 640) == 0);
	CHECK(nv_monitoring_percent(5, 0) == 0);
}

void nv_tests(void)
{
	NV_RUN(test_rollup_members);
	NV_RUN(test_exists);
	NV_RUN(test_share);
}
