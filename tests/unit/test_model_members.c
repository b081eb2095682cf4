/*
 * Unit tests for model_members.c (a member's data export checked, with
 * the exact warnings) and html_data.c (the demo's export, written as
 * JSON and read back through the YAML loader as a department does, is
 * a valid export with the demo's figures).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "html.h"
#include "model.h"
#include "model_members.h"
#include "model_monitoring.h"
#include "project.h"
#include "value.h"
#include "yaml_load.h"

#include "../../generator/html_int.h"

static const char export_ok[] =
	"{\"schema\": \"nastavnik-data/1\", \"exported\": \"2025-12-20\",\n"
	" \"organization\": {\"name\": \"Школа\", \"short_name\": \"СОШ\", \"kind\": \"school\",\n"
	"   \"section_url\": \"https://s.example/n/\", \"curator\": {\"name\": null}},\n"
	" \"pairs\": {\"total\": 3, \"active\": 3, \"finished\": 0, \"ended_early\": 0,\n"
	"   \"by_form\": [{\"form\": \"учитель – учитель\", \"count\": 3}], \"by_kind\": []},\n"
	" \"mentors\": 3, \"mentees\": 4,\n"
	" \"monitoring\": {\"teachers\": 30, \"teachers_involved\": 7, \"teachers_share\": 23,\n"
	"   \"students\": 0, \"students_involved\": 0, \"students_share\": 0},\n"
	" \"cases\": [{\"title\": \"Практика\", \"form\": null, \"year\": \"2025–2026\",\n"
	"   \"url\": \"cases/p.html\"}]}\n";

static struct nv_value *parse(const char *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *v = nv_yaml_load("data.json", text, strlen(text), 1, NULL, &d);

	nv_diags_release(&d);
	return v;
}

/* Read text as member «m.json» at site.yml:7:5 on 01.01.2026; the first message into msg. */
static int read_export(const char *text, struct nv_org_member *mb, struct nv_buf *msg)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_date today = { 2026, 1, 1 };
	int rc;

	memset(mb, 0, sizeof(*mb));
	mb->source = "m.json";
	mb->line = 7;
	mb->col = 5;
	rc = nv_org_member_read(mb, parse(text), "content/site.yml", today, &d);
	nv_buf_reset(msg);
	if (d.nr)
		nv_buf_addf(msg, "%s:%d:%d: %s", d.v[0].file, d.v[0].line, d.v[0].col, d.v[0].msg);
	nv_diags_release(&d);
	return rc;
}

static void test_a_valid_export(void)
{
	struct nv_org_member mb;
	struct nv_buf msg = NV_BUF_INIT;

	CHECK_INT(read_export(export_ok, &mb, &msg), 0);
	CHECK_STR(msg.ptr, "");
	CHECK(mb.ok && !mb.stale);
	CHECK_STR(mb.short_name, "СОШ");
	CHECK(!mb.curator_name);
	CHECK_INT(mb.pairs, 3);
	CHECK_INT(mb.nforms, 1);
	CHECK_STR(mb.by_form[0].name, "учитель – учитель");
	CHECK_INT(mb.teachers_share, 23);
	CHECK_INT(mb.ncases, 1);
	CHECK(!mb.cases[0].url); /* relative: the member has no address to follow */
	CHECK_INT(mb.exported.day, 20);
	nv_org_member_release(&mb);
	nv_buf_release(&msg);
}

/* export_ok with from replaced by to. */
static char *with(const char *from, const char *to)
{
	const char *p = strstr(export_ok, from);
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_add(&b, export_ok, (size_t)(p - export_ok));
	nv_buf_adds(&b, to);
	nv_buf_adds(&b, p + strlen(from));
	return nv_buf_detach(&b, NULL);
}

static void test_broken_exports_name_the_member_and_the_field(void)
{
	static const char *const cases[][3] = {
		{ "\"name\": \"Школа\", ", "",
		  "content/site.yml:7:5: участник «m.json»: в выгрузке data.json поле "
		  "«organization.name» отсутствует; организация пропущена" },
		{ "\"mentees\": 4", "\"mentees\": \"четыре\"",
		  "content/site.yml:7:5: участник «m.json»: в выгрузке data.json поле «mentees» "
		  "должно быть целым неотрицательным числом; организация пропущена" },
		{ "nastavnik-data/1", "nastavnik-data/2",
		  "content/site.yml:7:5: участник «m.json»: выгрузка data.json версии "
		  "«nastavnik-data/2», а эта версия nastavnik читает «nastavnik-data/1»; "
		  "организация пропущена" },
		{ "2025-12-20", "20.12.2025",
		  "content/site.yml:7:5: участник «m.json»: в выгрузке data.json поле «exported» "
		  "должно быть датой ГГГГ-ММ-ДД; организация пропущена" },
		{ "\"count\": 3", "\"count\": 2.5",
		  "content/site.yml:7:5: участник «m.json»: в выгрузке data.json поле "
		  "«pairs.by_form[0].count» должно быть целым неотрицательным числом; организация "
		  "пропущена" },
		{ "\"cases\": [", "\"cases\": {\"x\": [",
		  "content/site.yml:7:5: участник «m.json»: в выгрузке data.json поле «cases» "
		  "должно быть списком; организация пропущена" },
	};
	struct nv_org_member mb;
	struct nv_buf msg = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		char *text = with(cases[i][0], cases[i][1]);
		/* The last case needs its brace closed to stay JSON. */
		if (i == 5) {
			char *t2 = nv_xasprintf("%.*s}}\n", (int)(strlen(text) - 2), text);
			free(text);
			text = t2;
		}
		CHECK_INT(read_export(text, &mb, &msg), -1);
		CHECK_STR(msg.ptr, cases[i][2]);
		CHECK(!mb.ok && !mb.data);
		free(text);
	}
	nv_buf_release(&msg);
}

static void test_an_old_export_is_stale(void)
{
	struct nv_org_member mb;
	struct nv_buf msg = NV_BUF_INIT;
	char *text = with("2025-12-20", "2025-01-20");

	CHECK_INT(read_export(text, &mb, &msg), 0);
	CHECK(mb.ok && mb.stale);
	CHECK_STR(msg.ptr, "content/site.yml:7:5: участник «m.json»: данные устарели — выгрузка "
			   "от 20.01.2025, 346 дн. назад");
	nv_org_member_release(&mb);
	free(text);
	nv_buf_release(&msg);
}

/* The demo's own export, written and read back, passes the checks with its figures. */
static void test_the_demo_export_reads_back(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;
	struct nv_monitoring f;
	struct nv_org_member mb = { 0 };
	struct nv_buf json = NV_BUF_INIT;
	struct nv_value *v;
	struct nv_date today = { 2026, 1, 1 };

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	v = nv_html_data(&p.model, "https://s.example/n/", NULL);
	nv_html_json(&json, v, 0);
	nv_value_free(v);
	mb.source = "demo";
	mb.built = true;
	CHECK_INT(nv_org_member_read(&mb, parse(json.ptr), "site.yml", today, &d), 0);
	nv_monitoring_count(&f, &p.model);
	CHECK_INT(mb.pairs, p.model.npairs);
	CHECK_INT(mb.mentors, f.mentors);
	CHECK_INT(mb.teachers_share, f.teachers_share);
	CHECK_INT(mb.students_share, f.students_share);
	CHECK_STR(mb.short_name, p.model.site.short_name);
	CHECK(mb.ncases > 0);
	CHECK(!strncmp(mb.cases[0].url, "https://s.example/n/cases/", 26));
	CHECK(!strstr(json.ptr, "\\/")); /* what the YAML loader cannot read */
	nv_monitoring_release(&f);
	nv_org_member_release(&mb);
	nv_project_release(&p);
	nv_diags_release(&d);
	nv_buf_release(&json);
}

void nv_tests(void)
{
	NV_RUN(test_a_valid_export);
	NV_RUN(test_broken_exports_name_the_member_and_the_field);
	NV_RUN(test_an_old_export_is_stale);
	NV_RUN(test_the_demo_export_reads_back);
}
