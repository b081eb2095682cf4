/*
 * Unit tests for model_cache.c: a copy of tests/bad/_base (read from the
 * repository root, where the unit tests run) whose page names
 * «Кузнецова», loaded again and again as the preview server does, with
 * a check cache. After every change of people.yml the diagnostics are
 * those of a load without a cache, and the unchanged page is judged
 * anew; an unchanged project takes every result from the cache, and a
 * document removed and put back is checked again.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "model.h"
#include "model_cache.h"
#include "project.h"
#include "strlist.h"

#define PAGE "pages/o-nastavnichestve.md"

static char content[512];

/* The project's diagnostics loaded afresh, with no cache and nothing kept; the caller frees. */
static char *fresh(void)
{
	struct nv_project_opts o = { content, false, 2, NULL, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;
	char *t;

	nv_project_load(&p, &o, &d);
	nv_project_release(&p);
	t = nv_test_diags_text(&d);
	nv_diags_release(&d);
	return t;
}

/* people.yml of the base with Кузнецова at publish level `publish` (NULL: without her). */
static void people(const char *publish)
{
	struct nv_buf b = NV_BUF_INIT, path = NV_BUF_INIT;

	nv_buf_addf(&path, "%s/people.yml", content);
	nv_read_file("tests/bad/_base/content/people.yml", 1 << 20, &b);
	if (publish)
		nv_buf_addf(&b,
			    "- id: kuznecova-ov\n  surname: Кузнецова\n  name: Ольга\n"
			    "  patronymic: Викторовна\n  category: teacher\n"
			    "  position: педагог-психолог\n  publish: %s\n  consent: 25.08.2025\n",
			    publish);
	nv_test_write(path.ptr, b.ptr);
	nv_buf_release(&b);
	nv_buf_release(&path);
}

static void test_people_change_judges_unchanged_page_anew(void)
{
	static const char *const levels[] = { NULL, "none", "full", "none", NULL, NULL };
	struct nv_project_opts o = { content, false, 2, NULL, NULL, NULL };
	struct nv_check_cache *x = nv_check_cache_new();
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf cmd = NV_BUF_INIT, want = NV_BUF_INIT;
	struct nv_content keep;
	struct nv_project p;
	char *got, *base;
	size_t i, n;

	snprintf(content, sizeof(content), "%s/content", nv_test_tmpdir());
	nv_buf_addf(&cmd,
		    "cp -R tests/bad/_base/content %s && printf '\\nВстречу провела "
		    "Кузнецова.\\n\\n- первое;\\n- <!-- не для сайта -->\\n  Телефон "
		    "наставника 8 900 000 00 00.\\n' >>%s/" PAGE,
		    nv_test_tmpdir(), content);
	CHECK_INT(system(cmd.ptr), 0);
	o.checks = x;
	o.prev = &keep;
	memset(&keep, 0, sizeof(keep));
	for (i = 0; i < NV_ARRAY_SIZE(levels); i++) {
		people(levels[i]);
		CHECK_INT(nv_project_load(&p, &o, &d), 0);
		n = p.model.nentries;
		/* The item kept off the website is found at every load: nodes are not cached. */
		CHECK_INT(nv_model_entry(&p.model, "o-nastavnichestve")->nprivate_items, 1);
		nv_project_keep(&p, &keep);
		got = nv_test_diags_text(&d);
		nv_diags_release(&d);
		base = fresh();
		CHECK_STR(got, base);
		nv_buf_reset(&want);
		nv_buf_addf(&want, "%s/" PAGE ":6:17: %d: «Кузнецова» — ", content,
			    levels[i] && !strcmp(levels[i], "none") ? NV_ERROR : NV_WARNING);
		if (!levels[i])
			CHECK(!strstr(got, "Кузнецова»"));
		else if (!strcmp(levels[i], "none"))
			CHECK(strstr(got, want.ptr) &&
			      strstr(got, "«Кузнецова» — имя человека, которого нельзя называть на "
					  "сайте (kuznecova-ov, publish: none)"));
		else
			CHECK(strstr(got, want.ptr) &&
			      strstr(got, "«Кузнецова» — имя участника без отметки упоминания "
					  "(kuznecova-ov, publish: full)"));
		free(got);
		free(base);
		/*
		 * The first load checks all; a change of people.yml keeps only
		 * the results that read a document alone (its front matter's
		 * characters, that it has no mark «не для сайта»: the page has
		 * one, so it is looked for again); the last load, unchanged, all
		 * six but the page's marks.
		 */
		if (i == 0)
			CHECK_INT(nv_check_cache_hits(x), 0);
		else if (i < NV_ARRAY_SIZE(levels) - 1)
			CHECK_INT(nv_check_cache_hits(x), 2 * n - 1);
		else
			CHECK_INT(nv_check_cache_hits(x), 6 * n - 1);
	}
	/* A document gone, then back: its result is dropped, then made again. */
	for (i = 0; i < 2; i++) {
		nv_buf_reset(&cmd);
		nv_buf_addf(&cmd, i ? "mv %s/../start.md %s/news/" : "mv %s/news/start.md %s/..",
			    content, content);
		CHECK_INT(system(cmd.ptr), 0);
		CHECK_INT(nv_project_load(&p, &o, &d), 0);
		n = p.model.nentries;
		nv_project_keep(&p, &keep);
		got = nv_test_diags_text(&d);
		nv_diags_release(&d);
		base = fresh();
		CHECK_STR(got, base);
		free(got);
		free(base);
		/* The set of documents changed: only the results of a document alone are kept. */
		CHECK_INT(nv_check_cache_hits(x), i ? 2 * (n - 1) - 1 : 2 * n - 1);
	}
	nv_content_release(&keep);
	nv_check_cache_free(x);
	nv_buf_release(&cmd);
	nv_buf_release(&want);
}

/* The model dump of the project loaded afresh, with no cache; the caller frees. */
static char *fresh_dump(void)
{
	struct nv_project_opts o = { content, false, 2, NULL, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_project p;

	nv_project_load(&p, &o, &d);
	nv_model_dump(&b, &p.model);
	nv_project_release(&p);
	nv_diags_release(&d);
	return nv_buf_detach(&b, NULL);
}

/*
 * One save as the preview server sees it: `cmd` run in the content
 * folder changes the file `rel`; the load is told so. took: the model
 * kept from the last load is taken over; want: a diagnostic with this
 * text is there (NULL: none looked for).
 */
static const struct save {
	const char *cmd, *rel;
	bool took;
	const char *want;
} saves[] = {
	{ "printf '\nСм. [раздел](../positions/polozhenie.md#net-takogo).\n' >>" PAGE, PAGE, true,
	  "в документе «polozhenie» нет заголовка с якорем «#net-takogo» | "
	  "якоря заголовков этого документа: #1-obshchie-polozheniya" },
	/* The page did not change, the heading its link wants came: the error goes. */
	{ "printf '\n# Нет такого\n\nТекст.\n' >>positions/polozhenie.md",
	  "positions/polozhenie.md", true, NULL },
	{ "printf '\n- первое;\n- <!-- не для сайта -->\n  Телефон 8 900 000 00 00.\n' >>" PAGE,
	  PAGE, true, NULL },
	{ "sed -i 's/^[12]\\. //' orders/o-vnedrenii.md", "orders/o-vnedrenii.md", true,
	  "orders/o-vnedrenii.md:8:1: 0: в тексте приказа нет нумерованных пунктов | после полей "
	  "напишите пункты приказа нумерованным списком: «1. Утвердить …», «2. Назначить …»" },
	{ "printf '\nВстречу провела Иванова, а [кто-то](@nikto) помог.\n' >>" PAGE, PAGE, true,
	  "нет участника «nikto» в people.yml | добавьте участника с «id: nikto» в "
	  "content/people.yml или исправьте id после «@»" },
	/* A front matter changed: everything is read again. */
	{ "sed -i 's/^title: О наставничестве$/title: О наставничестве в школе/' " PAGE, PAGE,
	  false, NULL },
	/* people.yml: Иванова hidden; the unchanged page that names her is refused. */
	{ "sed -i 's/publish: initials/publish: none/' people.yml", "people.yml", false,
	  "«Иванова» — имя человека, которого нельзя называть на сайте (ivanova-mp, publish: "
	  "none)" },
	{ "printf '\nЕщё строка.\n' >>news/start.md", "news/start.md", true,
	  "«Иванова» — имя человека, которого нельзя называть на сайте (ivanova-mp, publish: "
	  "none)" },
	/* site.yml, a new document: everything is read again. */
	{ "sed -i 's/place: с. Заречное/place: с. Заречное-2/' site.yml", "site.yml", false, NULL },
	{ "printf -- '---\ntitle: Новая\ndate: 01.09.2025\n---\nТекст.\n' >news/nova.md",
	  "news/nova.md", false, NULL },
	{ "printf '\nЕщё строка.\n' >>news/nova.md", "news/nova.md", true, NULL },
	/* A form's body is filled from site.yml, not taken as written: never taken over. */
	{ "printf '\nПриписка.\n' >>forms/otchet-pary.md", "forms/otchet-pary.md", false, NULL },
	{ "printf '\nЕщё строка.\n' >>news/start.md", "news/start.md", true, NULL },
};

/*
 * Saves of bodies take over the model of the last load; whatever is
 * taken over or not, the diagnostics and the model are those of a load
 * from nothing.
 */
static void test_body_edits_take_the_model_over(void)
{
	struct nv_project_opts o = { content, false, 2, NULL, NULL, NULL };
	struct nv_check_cache *x = nv_check_cache_new();
	struct nv_strlist changed = NV_STRLIST_INIT;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf cmd = NV_BUF_INIT, dump = NV_BUF_INIT;
	struct nv_content keep;
	struct nv_project p;
	char *got, *base;
	size_t i;

	snprintf(content, sizeof(content), "%s/keep/content", nv_test_tmpdir());
	nv_buf_addf(&cmd,
		    "mkdir -p %s/keep && cp -R tests/bad/_base/content %s && mkdir %s/forms && cp "
		    "forms/otchet-pary.md %s/forms/",
		    nv_test_tmpdir(), content, content, content);
	CHECK_INT(system(cmd.ptr), 0);
	memset(&keep, 0, sizeof(keep));
	o.checks = x;
	o.prev = &keep;
	for (i = 0; i <= NV_ARRAY_SIZE(saves); i++) {
		nv_strlist_release(&changed);
		o.changed = NULL;
		if (i) {
			nv_buf_reset(&cmd);
			nv_buf_addf(&cmd, "cd %s && %s", content, saves[i - 1].cmd);
			CHECK_INT(system(cmd.ptr), 0);
			nv_strlist_addf(&changed, "%s/%s", content, saves[i - 1].rel);
			o.changed = &changed;
		}
		CHECK_INT(nv_project_load(&p, &o, &d), 0);
		CHECK_INT(nv_check_cache_took_model(x), i ? saves[i - 1].took : false);
		nv_buf_reset(&dump);
		nv_model_dump(&dump, &p.model);
		nv_check_cache_keep_model(x, &p.model);
		nv_project_keep(&p, &keep);
		got = nv_test_diags_text(&d);
		nv_diags_release(&d);
		base = fresh();
		CHECK_STR(got, base);
		if (i && saves[i - 1].want && !strstr(got, saves[i - 1].want))
			nv_test_failed(__FILE__, __LINE__, "нет «%s» в\n%s", saves[i - 1].want,
				       got);
		free(got);
		free(base);
		base = fresh_dump();
		CHECK_STR(dump.ptr, base);
		free(base);
	}
	CHECK(strstr(dump.ptr, "items not for the website: 1") != NULL);
	nv_check_cache_free(x); /* before the documents its model points to */
	nv_content_release(&keep);
	nv_strlist_release(&changed);
	nv_buf_release(&cmd);
	nv_buf_release(&dump);
}

void nv_tests(void)
{
	NV_RUN(test_people_change_judges_unchanged_page_anew);
	NV_RUN(test_body_edits_take_the_model_over);
}
