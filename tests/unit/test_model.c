/* Unit tests for schema.c and model.c, on the project in tests/bad/_base. */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "guard.h"
#include "harness.h"
#include "model.h"
#include "person.h"
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
	CHECK_STR(b.ptr, "участница, 8 класс");
	nv_buf_reset(&b);
	nv_person_signature_name(&b, nv_model_person(&model, "petrova-an"));
	CHECK_STR(b.ptr, "А.Н.\xC2\xA0Петрова");
	nv_buf_release(&b);
}

/* The model owns the guard of its people, for every back end to share. */
static void test_model_guard(void)
{
	static const char text[] = "Белова Дарья пришла";
	struct nv_guard_hit hit;

	CHECK(load_base());
	CHECK(model.guard != NULL);
	CHECK(nv_guard_find(model.guard, text, strlen(text), 0, false, &hit));
	CHECK(hit.p == nv_model_person(&model, "belova-da"));
	CHECK(hit.leak); /* a student */
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
	/* a reused reader forgets the keys of its last use */
	CHECK(nv_fields_init(&f, "f.yml", v, "в тесте", 1, 1, &d));
	nv_fields_allow(&f, "title");
	nv_fields_allow(&f, "count");
	nv_fields_allow(&f, "flag");
	nv_fields_allow(&f, "lis");
	nv_fields_finish(&f);
	CHECK_INT(d.errors, 4);
	CHECK_STR(d.v[2].msg, "в тесте неизвестное поле «list»");
	CHECK_STR(d.v[3].msg, "в тесте неизвестное поле «ttle»");
	CHECK_INT(f.errors, 2);
	nv_value_free(v);
	nv_diags_release(&d);
}

/*
 * A build parses each distinct term once (parse_term() in model_read.c): equal
 * texts still get the range of their own academic year, and every cell
 * that fails gets its own warning at its own place.
 */
static void test_repeated_terms(void)
{
	static const char *const roadmap =
		"---\ntitle: План\nacademic_year: %d–%d\nsections:\n  - title: Раздел\n"
		"    items:\n"
		"      - { title: a, due: В течение года, responsible: x }\n"
		"      - { title: b, due: по итогам, responsible: x }\n"
		"      - { title: c, due: по итогам, responsible: x }\n"
		"      - { title: d, due: 'сентябрь, январь, май', responsible: x }\n"
		"      - { title: e, due: 'сентябрь, январь, май', responsible: x }\n---\n";
	char *root = nv_xasprintf("%s/terms", nv_test_tmpdir());
	char *dir = nv_xasprintf("%s/roadmaps", root), *text, *path;
	struct nv_content c;
	struct nv_model m;
	struct nv_diags d = NV_DIAGS_INIT;
	const struct nv_item *a, *b;
	const struct nv_diag *w[4];
	size_t i, nw = 0;
	int year;

	CHECK(mkdir(root, 0777) == 0 && mkdir(dir, 0777) == 0);
	for (year = 2025; year <= 2026; year++) {
		text = nv_xasprintf(roadmap, year, year + 1);
		path = nv_xasprintf("%s/plan-%d.md", dir, year);
		nv_test_write(path, text);
		free(text);
		free(path);
	}
	memset(&c, 0, sizeof(c));
	nv_content_load(&c, root, &d);
	nv_model_build(&m, &c, false, &d);
	CHECK(nv_model_entry(&m, "plan-2025") && nv_model_entry(&m, "plan-2026"));
	a = nv_model_entry(&m, "plan-2025")->sections[0].items;
	b = nv_model_entry(&m, "plan-2026")->sections[0].items;
	CHECK(a[0].due.parsed && b[0].due.parsed);
	CHECK_INT(a[0].due.from.year, 2025);
	CHECK_INT(b[0].due.from.year, 2026);
	CHECK(a[0].due.text != b[0].due.text);
	CHECK(!a[2].due.parsed && !a[2].due.from.year);
	CHECK_STR(a[2].due.text, "по итогам");
	/* the ranges of each date, the second time from the memo: a copy of its own */
	CHECK_INT(a[0].due.acyear, 2025);
	CHECK_INT((int)a[0].due.nranges, 1);
	CHECK(a[0].due.ranges == NULL);
	CHECK_INT((int)a[2].due.nranges, 0);
	for (i = 3; i <= 4; i++) {
		CHECK_INT(a[i].due.acyear, 2025);
		CHECK_INT((int)a[i].due.nranges, 3);
		CHECK(a[i].due.ranges != NULL);
		if (!a[i].due.ranges)
			continue;
		CHECK_INT(a[i].due.ranges[0].month, 9);
		CHECK_INT(a[i].due.ranges[0].year, 2025);
		CHECK_INT(a[i].due.ranges[3].month, 1);
		CHECK_INT(a[i].due.ranges[3].year, 2026);
		CHECK_INT(a[i].due.ranges[5].day, 31);
		CHECK_INT(a[i].due.ranges[5].month, 5);
	}
	CHECK(a[3].due.ranges != a[4].due.ranges);
	CHECK_INT(b[4].due.ranges ? b[4].due.ranges[0].year : 0, 2026);
	for (i = 0; i < d.nr; i++)
		if (strstr(d.v[i].msg, "«по итогам»") && nw < 4)
			w[nw++] = &d.v[i];
	CHECK_INT(nw, 4);
	for (i = 0; i < 4; i++) {
		CHECK_STR(w[i]->msg, w[0]->msg);
		CHECK_INT(w[i]->line, 8 + i % 2);
		CHECK(strstr(w[i]->file, i < 2 ? "plan-2025" : "plan-2026"));
	}
	nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);
	free(root);
	free(dir);
}

static void test_content_reload(void)
{
	char *root = nv_xasprintf("%s/reload", nv_test_tmpdir());
	char *news = nv_xasprintf("%s/news", root), *a = nv_xasprintf("%s/a.md", news);
	char *b = nv_xasprintf("%s/b.md", news), *people = nv_xasprintf("%s/people.yml", root);
	struct nv_content c1, c2, c3;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_doc *olda, *oldb;
	const struct nv_value *oldp;

	CHECK(mkdir(root, 0777) == 0 && mkdir(news, 0777) == 0);
	nv_test_write(a, "---\ntitle: А\n---\nПервая.\n");
	nv_test_write(b, "---\ntitle: Б\n---\nВторая.\n");
	nv_test_write(people, "- id: ivanova-mp\n  name: Иванова Мария Петровна\n");
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	memset(&c3, 0, sizeof(c3));
	CHECK_INT(nv_content_load(&c1, root, &d), 0);
	CHECK_INT(c1.ndocs, 2);
	CHECK_INT(c1.ndata, 1);
	/* Just written, so not reusable by their times; pretend they are old. */
	CHECK(!c1.docs[0]->reusable && !c1.data[0].reusable);
	c1.docs[0]->reusable = c1.docs[1]->reusable = c1.data[0].reusable = true;
	olda = c1.docs[0];
	oldb = c1.docs[1];
	oldp = c1.data[0].value;
	nv_test_write(b, "---\ntitle: Б\n---\nВторая, исправленная.\n");
	CHECK_INT(nv_content_reload(&c2, root, 1, &c1, &d), 0);
	CHECK_INT(c2.ndocs, 2);
	/* The unchanged document and data file are taken over, the edited one read again. */
	CHECK(c2.docs[0] == olda);
	CHECK(c2.docs[1] != oldb);
	CHECK(strstr(c2.docs[1]->text, "исправленная") != NULL);
	CHECK(!nv_hash_eq(c2.docs[1]->hash, oldb->hash));
	CHECK(nv_hash_eq(c2.docs[1]->meta_hash, oldb->meta_hash));
	CHECK(c2.data[0].value == oldp);
	CHECK(c1.docs[0] == NULL || c1.docs[1] == NULL);
	nv_content_release(&c1);
	/* Not reusable (as when changed within the last second): read again. */
	c2.docs[0]->reusable = false;
	CHECK_INT(nv_content_reload(&c3, root, 1, &c2, &d), 0);
	CHECK(c3.docs[0] != olda);
	CHECK_STR(c3.docs[0]->text, "---\ntitle: А\n---\nПервая.\n");
	CHECK_INT(d.nr, 0);
	nv_content_release(&c2);
	/* Told which files changed: only those are read. */
	{
		struct nv_strlist changed = NV_STRLIST_INIT;
		struct nv_content c4, c5;
		struct nv_doc *keep = c3.docs[0];

		memset(&c4, 0, sizeof(c4));
		memset(&c5, 0, sizeof(c5));
		nv_test_write(b, "---\ntitle: Б\n---\nВторая, снова исправленная.\n");
		nv_strlist_add(&changed, b);
		CHECK_INT(nv_content_update(&c4, &c3, &changed), 1);
		CHECK(c4.docs[0] == keep);
		CHECK(strstr(c4.docs[1]->text, "снова") != NULL);
		CHECK(c4.ndata == 1 && c3.ndocs == 0);
		/* A data file, or a document that now has a mistake: reload instead. */
		nv_strlist_release(&changed);
		nv_strlist_add(&changed, people);
		CHECK_INT(nv_content_update(&c5, &c4, &changed), 0);
		CHECK(c5.ndocs == 0 && c4.docs[0] == keep);
		nv_test_write(b, "---\ntitle: Б\ntitle: В\n---\n");
		nv_strlist_release(&changed);
		nv_strlist_add(&changed, b);
		CHECK_INT(nv_content_update(&c5, &c4, &changed), 0);
		CHECK(c5.ndocs == 0 && c4.ndocs == 2);
		CHECK(strstr(c4.docs[1]->text, "снова") != NULL);
		nv_strlist_release(&changed);
		nv_content_release(&c4);
	}
	nv_content_release(&c3);
	nv_diags_release(&d);
	free(root);
	free(news);
	free(a);
	free(b);
	free(people);
}

static void cleanup(void)
{
	nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&diags);
}

/* The vocabulary of approval blocks, and the print profile site.yml may leave out. */
static void test_labels_agree_in_gender(void)
{
	CHECK_STR(nv_approved_word(NV_NEUTER), "УТВЕРЖДЕНО");
	CHECK_STR(nv_approved_word(NV_FEMININE), "УТВЕРЖДЕНА");
	CHECK_STR(nv_approved_word(NV_MASCULINE), "УТВЕРЖДЕН");
	CHECK_STR(nv_label_title(NV_LABEL_APPROVED, NV_FEMININE), "УТВЕРЖДЕНА");
	CHECK_STR(nv_label_title(NV_LABEL_APPROVED, NV_MASCULINE), "УТВЕРЖДЕН");
	CHECK_STR(nv_label_title(NV_LABEL_ACCEPTED, NV_FEMININE), "ПРИНЯТО");
	CHECK_STR(nv_label_title(NV_LABEL_AGREED, NV_MASCULINE), "СОГЛАСОВАНО");
	CHECK_STR(nv_label_title(NV_LABEL_OPINION, NV_NEUTER), "С УЧЁТОМ МНЕНИЯ");
	CHECK_STR(nv_label_title(NV_LABEL_APPROVE, NV_FEMININE), "УТВЕРЖДАЮ");
	CHECK_STR(nv_label_names[NV_LABEL_APPROVED], "УТВЕРЖДЕНО");
	CHECK(nv_label_names[NV_LABEL_APPROVE + 1] == NULL);
}

static void test_print_defaults(void)
{
	const struct nv_print_profile *d = &nv_print_defaults;

	CHECK_STR(d->font, "Liberation Serif");
	CHECK_INT(d->size, 14);
	CHECK_INT(d->table_size, 12);
	CHECK_INT(d->margin_top, 20);
	CHECK_INT(d->margin_right, 10);
	CHECK_INT(d->margin_bottom, 20);
	CHECK_INT(d->margin_left, 30);
	CHECK(!d->gost2025);
}

void nv_tests(void)
{
	NV_RUN(test_labels_agree_in_gender);
	NV_RUN(test_print_defaults);
	NV_RUN(test_base_project_is_clean);
	NV_RUN(test_public_names_follow_publish_levels);
	NV_RUN(test_model_guard);
	NV_RUN(test_derived_approvals_agree_in_gender);
	NV_RUN(test_order_defaults);
	NV_RUN(test_pair_defaults);
	NV_RUN(test_suggest);
	NV_RUN(test_fold_matches_user_spelling);
	NV_RUN(test_fields_reader);
	NV_RUN(test_repeated_terms);
	NV_RUN(test_content_reload);
	cleanup();
}
