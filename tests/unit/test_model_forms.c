/* Unit tests for model_forms.c: ИНН and ОГРН checksums, forms filled with requisites. */
#include "common.h"

#include <cmark.h>
#include <sys/stat.h>

#include "alloc.h"
#include "content.h"
#include "diag.h"
#include "harness.h"
#include "markdown.h"
#include "md_mem.h"
#include "model.h"

static const char *const people = "- id: petrova-an\n  surname: Петрова\n  name: Анна\n"
				  "  patronymic: Николаевна\n  category: teacher\n"
				  "  position: заведующий\n";

/*
 * Build a project whose site.yml has `organization` lines org (after the
 * name), and the form `form` (NULL: none); return the number of errors.
 * The caller releases m and c.
 */
static int build(const char *name, const char *org, const char *tail, const char *form,
		 struct nv_content *c, struct nv_model *m, struct nv_diags *d)
{
	char *root = nv_xasprintf("%s/%s", nv_test_tmpdir(), name), *p, *t;

	mkdir(root, 0777);
	p = nv_xasprintf("%s/people.yml", root);
	nv_test_write(p, people);
	free(p);
	t = nv_xasprintf(
		"organization:\n  name: Детский сад № 5\n  short_name: МБДОУ «Детский "
		"сад № 5»\n  director: petrova-an\n  website: https://ds5.example/\n%s"
		"section:\n  base_path: /nastavnichestvo/\ncurator:\n  person: petrova-an\n"
		"  phone: 1\n%s",
		org, tail);
	p = nv_xasprintf("%s/site.yml", root);
	nv_test_write(p, t);
	free(p);
	free(t);
	if (form) {
		p = nv_xasprintf("%s/forms", root);
		mkdir(p, 0777);
		free(p);
		p = nv_xasprintf("%s/forms/blank.md", root);
		nv_test_write(p, form);
		free(p);
	}
	memset(c, 0, sizeof(*c));
	nv_content_load(c, root, d);
	nv_model_build(m, c, false, d);
	free(root);
	return (int)d->errors;
}

/* Valid numbers of both lengths pass; each wrong digit is an error at it. */
static void test_checksums(void)
{
	static const struct {
		const char *org;
		int errors, col;
	} cases[] = {
		{ "  inn: 9901400145\n  ogrn: 1029900140016\n", 0, 0 },
		{ "  inn: 990140014566\n  ogrn: 302990014001602\n", 0, 0 },
		{ "  inn: 9901400154\n", 1, 17 },	/* two digits swapped */
		{ "  inn: 990140014576\n", 1, 18 },	/* the 11th digit */
		{ "  inn: \"990140014565\"\n", 1, 20 }, /* quoted: the 12th */
		{ "  ogrn: 1029900140061\n", 1, 21 },
		{ "  ogrn: 302990014001612\n", 1, 23 },
		{ "  ogrn: 5029900140016\n", 1, 0 }, /* 5… is valid start, wrong digit */
		{ "  inn: 99014\n", 1, 8 },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		struct nv_content c;
		struct nv_model m;
		struct nv_diags d = NV_DIAGS_INIT;
		char *name = nv_xasprintf("sum%zu", i);
		int n = build(name, cases[i].org, "", NULL, &c, &m, &d);
		CHECK_INT(n, cases[i].errors);
		if (cases[i].col && d.nr)
			CHECK_INT(d.v[0].col, cases[i].col);
		if (!cases[i].errors)
			CHECK(m.site.inn || m.site.ogrn);
		nv_model_release(&m);
		nv_content_release(&c);
		nv_diags_release(&d);
		free(name);
	}
}

/* A form of content/forms/ is filled in: dative head, section address, escapes, blanks. */
static void test_form_filled(void)
{
	struct nv_content c;
	struct nv_model m;
	struct nv_diags d = NV_DIAGS_INIT;
	const struct nv_entry *e;
	char *text;

	CHECK_INT(build("form", "  inn: 9901400145\n", "",
			"---\ntitle: Бланк\n---\n{{organization.head_dative}} "
			"{{organization.short_name}}, ИНН {{ organization.inn }}: "
			"{{section.url}} {{blank 3}}\n",
			&c, &m, &d),
		  0);
	e = nv_model_entry(&m, "blank");
	CHECK(e && e->kind == NV_KIND_FORM && e->form_md && e->md == e->form_md);
	CHECK(e && !e->builtin && e->letterhead);
	text = e ? cmark_render_commonmark(e->md->root, CMARK_OPT_DEFAULT, 0) : NULL;
	/* Typography has put no-break spaces after «№» and the like: check the words. */
	CHECK(text && strstr(text, "Заведующему МБДОУ «Детский сад"));
	CHECK(text && strstr(text, "9901400145:"));
	CHECK(text && strstr(text, "https://ds5.example/nastavnichestvo/"));
	CHECK(text && strstr(text, "\\_\\_\\_"));
	nv_md_cmark_mem.free(text); /* cmark's render is the tree's memory (md_mem.h) */
	nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);
}

/* `blanks: true` adds the program's forms; a list only those named. */
static void test_builtin_forms(void)
{
	struct nv_content c;
	struct nv_model m;
	struct nv_diags d = NV_DIAGS_INIT;
	size_t i, n = 0;

	CHECK_INT(build("all", "  address: г. Н, д. 1\n  inn: 9901400145\n  ogrn: 1029900140016\n",
			"blanks: true\n", NULL, &c, &m, &d),
		  0);
	CHECK_INT(d.warnings, 0);
	for (i = 0; i < m.nentries; i++)
		n += m.entries[i]->kind == NV_KIND_FORM && m.entries[i]->builtin;
	CHECK_INT(n, 10);
	CHECK(nv_model_entry(&m, "soglasie-na-rasprostranenie"));
	nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);

	d = (struct nv_diags)NV_DIAGS_INIT;
	CHECK_INT(build("list", "", "blanks: [anketa-nastavnika]\n", NULL, &c, &m, &d), 0);
	CHECK(nv_model_entry(&m, "anketa-nastavnika"));
	CHECK(!nv_model_entry(&m, "soglasie-roditelya"));
	nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_checksums);
	NV_RUN(test_form_filled);
	NV_RUN(test_builtin_forms);
}
