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

#define PAGE "pages/o-nastavnichestve.md"

static char content[512];

/* The diagnostics of d, sorted, one «FILE:LINE:COL: S: MSG | HINT» a line; the caller frees. */
static char *text_of(struct nv_diags *d)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	nv_diags_sort(d);
	for (i = 0; i < d->nr; i++)
		nv_buf_addf(&b, "%s:%d:%d: %d: %s | %s\n", d->v[i].file ? d->v[i].file : "-",
			    d->v[i].line, d->v[i].col, (int)d->v[i].severity, d->v[i].msg,
			    d->v[i].hint ? d->v[i].hint : "-");
	return nv_buf_detach(&b, NULL);
}

/* The project's diagnostics loaded afresh, with no cache and nothing kept; the caller frees. */
static char *fresh(void)
{
	struct nv_project_opts o = { content, false, 2, NULL, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;
	char *t;

	nv_project_load(&p, &o, &d);
	nv_project_release(&p);
	t = text_of(&d);
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
		got = text_of(&d);
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
		 * four but the page's marks.
		 */
		if (i == 0)
			CHECK_INT(nv_check_cache_hits(x), 0);
		else if (i < NV_ARRAY_SIZE(levels) - 1)
			CHECK_INT(nv_check_cache_hits(x), 2 * n - 1);
		else
			CHECK_INT(nv_check_cache_hits(x), 4 * n - 1);
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
		got = text_of(&d);
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

void nv_tests(void)
{
	NV_RUN(test_people_change_judges_unchanged_page_anew);
}
