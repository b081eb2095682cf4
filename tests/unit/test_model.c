/* Unit tests for schema.c and model.c, on the project in tests/bad/_base. */
#include "common.h"

#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "harness.h"
#include "model.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"
#include "yaml_load.h"

static struct nv_content content;
static struct nv_model model;
static struct nv_diags diags = NV_DIAGS_INIT;

/* Load tests/bad/_base once (the tests run from the repository root). */
static bool load_base(void)
{
	static bool loaded;

	if (!loaded) {
		memset(&content, 0, sizeof(content));
		nv_content_load(&content, "tests/bad/_base/content", &diags);
		nv_model_build(&model, &content, false, &diags);
		loaded = true;
	}
	return diags.errors == 0 && model.npeople == 4;
}

static void test_base_project_is_clean(void)
{
	CHECK(load_base());
	CHECK_INT(diags.warnings, 0);
	CHECK_INT(model.nentries, 8);
	CHECK_INT(model.npairs, 1);
}

static void test_public_names_follow_publish_levels(void)
{
	struct nv_buf b = NV_BUF_INIT;

	CHECK(load_base());
	nv_person_public_name(&b, nv_model_person(&model, "petrova-an"));
	CHECK_STR(b.ptr, "Петрова Анна Николаевна");
	nv_buf_reset(&b);
	nv_person_public_name(&b, nv_model_person(&model, "ivanova-mp"));
	CHECK_STR(b.ptr, "Иванова\xC2\xA0М.\xC2\xA0П.");
	nv_buf_reset(&b);
	/* A mentee with no publish level: never the name, nor the subject taught. */
	nv_person_public_name(&b, nv_model_person(&model, "sergeev-ko"));
	CHECK_STR(b.ptr, "наставляемый, педагог");
	nv_buf_reset(&b);
	/* A student: only the grade, not the letter of the class. */
	nv_person_public_name(&b, nv_model_person(&model, "belova-da"));
	CHECK_STR(b.ptr, "участник, 8 класс");
	nv_buf_reset(&b);
	nv_person_signature_name(&b, nv_model_person(&model, "petrova-an"));
	CHECK_STR(b.ptr, "А.Н.\xC2\xA0Петрова");
	nv_buf_release(&b);
}

static void test_derived_approvals_agree_in_gender(void)
{
	const struct nv_entry *e;

	CHECK(load_base());
	e = nv_model_entry(&model, "polozhenie");
	CHECK(e != NULL);
	CHECK_INT(e->napprovals, 2);
	CHECK(e->approvals[1].order == nv_model_entry(&model, "o-vnedrenii"));
	CHECK(e->approvals[1].right);
	CHECK_STR(nv_approved_word(e->gender), "УТВЕРЖДЕНО");
	CHECK_STR(nv_approved_word(nv_model_entry(&model, "programma")->gender), "УТВЕРЖДЕНА");
	CHECK_STR(nv_approved_word(nv_model_entry(&model, "plan")->gender), "УТВЕРЖДЕН");
	CHECK_INT(nv_model_entry(&model, "plan")->appendix_number, 3);
}

static void test_order_defaults(void)
{
	const struct nv_entry *o;

	CHECK(load_base());
	o = nv_model_entry(&model, "o-zakreplenii");
	CHECK(o != NULL);
	CHECK_STR(o->place, "с. Заречное");	    /* from site.yml */
	CHECK(o->signatory == model.site.director); /* the director by default */
	CHECK_INT(o->acyear, 2025);
	CHECK_INT(o->nappendices, 1);
	CHECK(o->appendices[0].doc == NULL); /* the pairs table */
}

static void test_pair_defaults(void)
{
	const struct nv_pair *p;

	CHECK(load_base());
	p = model.pairs[0];
	CHECK_STR(p->kind, "традиционное");
	CHECK_INT(p->status, NV_PAIR_ACTIVE);
	CHECK(p->period.parsed);
	CHECK_INT(p->period.to.month, 5);
	CHECK(nv_model_person(&model, "sergeev-ko")->mentee);
	CHECK(nv_model_person(&model, "ivanova-mp")->mentor);
}

static void test_suggest(void)
{
	const char *keys[] = { "title", "number", "date", "appendices", NULL };

	CHECK_STR(nv_suggest("titel", keys, 4), "title");
	CHECK_STR(nv_suggest("appendix", keys, 4), "appendices");
	CHECK(nv_suggest("signatory", keys, 4) == NULL);
	CHECK(nv_suggest("x", keys, 4) == NULL);
}

static void test_fold_matches_user_spelling(void)
{
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *u = "  Социальный  ПАРТНЕР—педагог ", *c = "социальный партнёр – педагог";

	nv_utf8_fold(&a, u, strlen(u));
	nv_utf8_fold(&b, c, strlen(c));
	CHECK_STR(a.ptr, b.ptr);
	CHECK_STR(a.ptr, "социальный партнер-педагог");
	nv_buf_release(&a);
	nv_buf_release(&b);
}

static void test_fields_reader(void)
{
	const char *y = "title: x\ncount: 5\nflag: true\nlist: [a, b]\nttle: y\n";
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *v = nv_yaml_load("f.yml", y, strlen(y), 1, NULL, &d);
	struct nv_fields f;

	CHECK(v != NULL);
	CHECK(nv_fields_init(&f, "f.yml", v, "в тесте", 1, 1, &d));
	CHECK_STR(nv_field_str(&f, "title", NV_REQUIRED, NULL), "x");
	CHECK(nv_field_number(&f, "count", 0, 10, -1) == 5);
	CHECK(nv_field_bool(&f, "flag", false));
	CHECK(nv_field_list(&f, "list", NV_OPTIONAL, NULL, false) != NULL);
	CHECK(nv_field_str(&f, "missing", NV_REQUIRED, "пример") == NULL);
	nv_fields_finish(&f);
	CHECK_INT(d.errors, 2);
	CHECK_STR(d.v[0].msg, "в тесте нет обязательного поля «missing»");
	CHECK_STR(d.v[0].hint, "добавьте строку «missing: …» — пример");
	CHECK_STR(d.v[1].msg, "в тесте неизвестное поле «ttle»");
	CHECK_INT(d.v[1].line, 5);
	nv_value_free(v);
	nv_diags_release(&d);
}

static void cleanup(void)
{
	nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&diags);
}

void nv_tests(void)
{
	NV_RUN(test_base_project_is_clean);
	NV_RUN(test_public_names_follow_publish_levels);
	NV_RUN(test_derived_approvals_agree_in_gender);
	NV_RUN(test_order_defaults);
	NV_RUN(test_pair_defaults);
	NV_RUN(test_suggest);
	NV_RUN(test_fold_matches_user_spelling);
	NV_RUN(test_fields_reader);
	cleanup();
}
