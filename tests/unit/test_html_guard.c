/*
 * Unit tests for html_guard.c: the guard reads every file of the site,
 * not only the pages. Each test loads the demo school, puts a hidden
 * person's name where only one file shows it (the check of the content
 * would refuse the name in the source, so the test edits the loaded
 * model, as a fault of the model would), gives the project templates
 * that leave that text off the pages, and expects the render to fail
 * with one exact error and without writing the file.
 */
#include "common.h"

#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "../../generator/html_int.h"
#include "html.h"
#include "markdown.h"
#include "model.h"
#include "project.h"

/* The first entry of kind k in the model. */
static struct nv_entry *first_of(struct nv_model *m, enum nv_kind k)
{
	size_t i;

	for (i = 0; i < m->nentries; i++)
		if (m->entries[i]->kind == k)
			return m->entries[i];
	return NULL;
}

/*
 * A mention in the first lines of a document's body, which the search
 * index's excerpt holds (the first 400 bytes of the text).
 */
static struct nv_entry *with_early_mention(struct nv_model *m, size_t *k)
{
	const char *body, *at;
	size_t i, j;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (!e->text || !e->link_texts || !(body = strstr(e->text + 3, "\n---\n")))
			continue;
		at = strstr(body, "](@");
		if (!at || at - body > 300)
			continue;
		for (j = 0; j < e->md->nr_links; j++)
			if (e->link_texts[j]) {
				*k = j;
				return m->entries[i];
			}
	}
	return NULL;
}

/*
 * A folder of templates that override the pages of documents: the title
 * only, so the body, the items of a roadmap and the rest reach no page.
 */
static char *title_only_theme(const char *name)
{
	static const char *const tpls[] = { "document", "order", "roadmap", "case" };
	char *dir = nv_xasprintf("%s/%s", nv_test_tmpdir(), name), *path;
	size_t i;

	mkdir(dir, 0755);
	for (i = 0; i < NV_ARRAY_SIZE(tpls); i++) {
		path = nv_xasprintf("%s/%s/%s.mustache", nv_test_tmpdir(), name, tpls[i]);
		nv_test_write(path, "<h1>{{page.title}}</h1>\n");
		free(path);
	}
	return dir;
}

/*
 * Render the model into TMP/name with the templates of theme, data.json
 * in pieces of piece bytes or more (0: as a build does); returns
 * nv_html_render's status.
 */
static int render_pieces(struct nv_project *p, const char *name, const char *theme, size_t piece,
			 struct nv_diags *d)
{
	struct nv_html_opts ho = { 0 };
	struct nv_html_state *s;
	char *out = nv_xasprintf("%s/%s", nv_test_tmpdir(), name);
	int rc;

	mkdir(out, 0755);
	ho.out = out;
	ho.theme_dir = "themes/default";
	ho.override_dir = theme;
	ho.jobs = 2;
	ho.shown_out = "output/site";
	s = nv_html_new(&ho);
	if (piece)
		s->data_piece = piece;
	rc = nv_html_render(s, &p->model, d);
	nv_html_free(s);
	free(out);
	return rc;
}

static int render(struct nv_project *p, const char *name, const char *theme, struct nv_diags *d)
{
	return render_pieces(p, name, theme, 0, d);
}

/* Whether TMP/dir/rel exists. */
static bool written(const char *dir, const char *rel)
{
	char *path = nv_xasprintf("%s/%s/%s", nv_test_tmpdir(), dir, rel);
	bool r = nv_exists(path);

	free(path);
	return r;
}

/* A roadmap item's result reaches its calendar only: the .ics is refused. */
static void test_calendar_is_guarded(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_entry *road;
	char *theme = title_only_theme("theme-ics"), *msg = NULL, *ics = NULL;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	road = first_of(&p.model, NV_KIND_ROADMAP);
	CHECK(road && road->nsections && road->sections[0].nitems);
	road->sections[0].items[0].result = "Отчёт Гусева Д. В.";
	CHECK_INT(render(&p, "ics", theme, &d), -1);
	CHECK_INT(d.errors, 1);
	ics = nv_xasprintf("output/site/roadmaps/%s.ics", road->id);
	msg = nv_xasprintf("в файле сайта оказалось имя человека, которого нельзя называть на "
			   "сайте: «Гусева Д. В.» (gusev-dv, publish: none); источник: %s",
			   road->path);
	CHECK_STR(d.v[0].file, ics);
	CHECK_STR(d.v[0].msg, msg);
	CHECK(d.v[0].hint && strstr(d.v[0].hint, "[Гусева Д. В.](@gusev-dv \"…\")"));
	CHECK(!written("ics", ics + strlen("output/site/")));
	CHECK(written("ics", "index.html"));
	free(ics);
	free(msg);
	free(theme);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * The web text of a mention gone wrong reaches the search index only
 * (the page shows its title): the index record is refused.
 */
static void test_search_index_is_guarded(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_entry *e;
	struct nv_buf index = NV_BUF_INIT;
	char *theme = title_only_theme("theme-search"), *msg = NULL, *path;
	size_t k = 0;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	e = with_early_mention(&p.model, &k);
	CHECK(e != NULL);
	free(e->link_texts[k]); /* the model owns them */
	e->link_texts[k] = nv_xstrdup("Павловой О. К.");
	CHECK_INT(render(&p, "search", theme, &d), -1);
	CHECK_INT(d.errors, 1);
	msg = nv_xasprintf("в файле сайта оказалось имя человека, которого нельзя называть на "
			   "сайте: «Павловой О. К.» (pavlova-ok, publish: none); источник: %s",
			   e->path);
	CHECK_STR(d.v[0].file, "output/site/search-index.json");
	CHECK_STR(d.v[0].msg, msg);
	/* Whatever else was written, no record names her. */
	path = nv_xasprintf("%s/search/search-index.json", nv_test_tmpdir());
	if (nv_read_file(path, 1 << 24, &index) == 0)
		CHECK(!strstr(index.ptr, "Павловой"));
	free(path);
	free(msg);
	free(theme);
	nv_buf_release(&index);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * The last roadmap item of the export names a hidden person: data.json,
 * put in pieces, is refused at its last one and removed, though the
 * pieces before it were written (the calendar of the item is refused
 * too).
 */
static void test_data_json_is_guarded(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_entry *road = NULL;
	struct nv_section *sec;
	char *theme = title_only_theme("theme-data");
	const char *want = "в файле сайта оказалось имя человека, которого нельзя называть на "
			   "сайте: «Гусев Д. В.» (gusev-dv, publish: none); источник: ";
	size_t i, found = 0;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	for (i = p.model.nentries; i-- > 0 && !road;)
		if (p.model.entries[i]->kind == NV_KIND_ROADMAP && p.model.entries[i]->nsections)
			road = p.model.entries[i];
	CHECK(road != NULL);
	sec = &road->sections[road->nsections - 1];
	CHECK(sec->nitems > 0);
	free(sec->items[sec->nitems - 1].responsible_web); /* the model's */
	sec->items[sec->nitems - 1].responsible_web = nv_xstrdup("Гусев Д. В.");
	CHECK_INT(render_pieces(&p, "data", theme, 1, &d), -1);
	CHECK_INT(d.errors, 2);
	/* The source is the roadmap's file only when its text names him: here the model does. */
	for (i = 0; i < d.nr; i++)
		if (!strcmp(d.v[i].file, "output/site/data.json")) {
			CHECK(!strncmp(d.v[i].msg, want, strlen(want)));
			found++;
		}
	CHECK_INT(found, 1);
	CHECK(!written("data", "data.json"));
	CHECK(written("data", "index.html"));
	free(theme);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/* Text of site.yml that every page shows: one error, site.yml its source. */
static void test_site_yml_is_the_source(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	const char *want = "на странице оказалось имя человека, которого нельзя называть на "
			   "сайте: «Сидоровой М. А.» (sidorova-ma, publish: none); источник: "
			   "content/site.yml; то же имя ещё в ";

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	p.model.site.address = "ул. Мира, 1, кабинет Сидоровой М. А.";
	CHECK_INT(render(&p, "site", NULL, &d), -1);
	CHECK_INT(d.errors, 1);
	/* The first page in the order of names: the first case, whatever it is. */
	CHECK(!strncmp(d.v[0].file, "output/site/cases/", 18));
	CHECK(!strncmp(d.v[0].msg, want, strlen(want)));
	CHECK(strstr(d.v[0].msg, " файлах сайта") != NULL);
	CHECK_STR(d.v[0].hint, "уберите имя из текста site.yml; куратора и директора указывайте "
			       "их id из people.yml (curator.person, organization.director)");
	CHECK(!written("site", "index.html"));
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * A PDF attachment is guarded by its text as it is copied, not by its
 * name only: one whose properties name a person the website may not is
 * refused, even when it changed after the model's check read it.
 */
static void test_attachment_text_is_guarded(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf pdf = NV_BUF_INIT;
	char *dir = nv_xasprintf("%s/att-src", nv_test_tmpdir()), *files, *msg;
	size_t i;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	/* nv_write_file() makes the folders. */
	files = nv_xasprintf("%s/files/anketa.pdf", dir);
	nv_test_pdf(&pdf, "Анкета", "Гусев Дмитрий Валерьевич");
	CHECK_INT(nv_write_file(files, pdf.ptr, pdf.len), 0);
	/* The demo's own attachments (its program's scheme) give way to this one. */
	for (i = 0; i < p.model.nattachments; i++)
		free(p.model.attachments[i].path);
	free(p.model.attachments);
	p.model.attachments = nv_xcalloc(1, sizeof(*p.model.attachments));
	p.model.attachments[0].rel = "files/anketa.pdf";
	p.model.attachments[0].path = files;
	p.model.nattachments = 1;
	CHECK_INT(render(&p, "att", NULL, &d), -1);
	CHECK_INT(d.errors, 1);
	msg = nv_xasprintf("в файле сайта оказалось имя человека, которого нельзя называть на "
			   "сайте: «Гусев Дмитрий Валерьевич» (gusev-dv, publish: none); "
			   "источник: %s",
			   files);
	CHECK_STR(d.v[0].file, "output/site/files/anketa.pdf");
	CHECK_STR(d.v[0].msg, msg);
	CHECK(!written("att", "files/anketa.pdf"));
	free(msg);
	free(dir);
	nv_buf_release(&pdf);
	nv_project_release(&p);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_calendar_is_guarded);
	NV_RUN(test_search_index_is_guarded);
	NV_RUN(test_data_json_is_guarded);
	NV_RUN(test_site_yml_is_the_source);
	NV_RUN(test_attachment_text_is_guarded);
}
