/*
 * Unit tests for project.c: a regress project (tests/regress/cases/
 * news-feed, read from the repository root, where the unit tests run)
 * loaded with and without drafts, on one and on four threads, again
 * from a kept load with and without a list of changed files, and a
 * missing folder.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "markdown.h"
#include "model.h"
#include "project.h"
#include "strlist.h"

#define NEWS_FEED "tests/regress/cases/news-feed/content"
#define DRAFT_ID  "2026-03-01-chernovik"

/* The model dump of a loaded project; the caller frees it. */
static char *dump(const struct nv_project *p)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_model_dump(&b, &p->model);
	return nv_buf_detach(&b, NULL);
}

static void test_drafts_left_out_or_counted(void)
{
	struct nv_project_opts o = { NEWS_FEED, false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK(p.loaded);
	CHECK_INT(p.content.ndocs, 4);
	CHECK_INT(p.model.nentries, 3);
	CHECK_INT(p.model.ndrafts, 1);
	CHECK(nv_model_entry(&p.model, DRAFT_ID) == NULL);
	CHECK(nv_model_entry(&p.model, "2025-09-01-start") != NULL);
	CHECK_STR(p.model.site.short_name, "МБОУ «СОШ № 3»");
	CHECK_INT(p.model.npeople, 2);
	nv_project_release(&p);
	CHECK(!p.loaded);
	CHECK_INT(p.content.ndocs, 0);

	o.drafts = true;
	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK_INT(p.model.nentries, 4);
	CHECK_INT(p.model.ndrafts, 0);
	CHECK(nv_model_entry(&p.model, DRAFT_ID) != NULL);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/* The number of threads changes nothing: the same model, byte for byte. */
static void test_jobs_give_the_same_model(void)
{
	struct nv_project_opts o = { NEWS_FEED, false, 1, NULL, NULL };
	struct nv_project p1, p4;
	struct nv_diags d = NV_DIAGS_INIT;
	char *a, *b;

	CHECK_INT(nv_project_load(&p1, &o, &d), 0);
	o.jobs = 4;
	CHECK_INT(nv_project_load(&p4, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK_INT(p1.model.nentries, p4.model.nentries);
	CHECK_INT(p1.model.ndrafts, p4.model.ndrafts);
	a = dump(&p1);
	b = dump(&p4);
	CHECK(strstr(a, "documents: 3 (drafts left out: 1)\n") != NULL);
	CHECK_STR(a, b);
	free(a);
	free(b);
	nv_project_release(&p1);
	nv_project_release(&p4);
	/* jobs 0: one thread per processor, still the same. */
	o.jobs = 0;
	CHECK_INT(nv_project_load(&p1, &o, &d), 0);
	CHECK_INT(p1.model.nentries, 3);
	nv_project_release(&p1);
	nv_diags_release(&d);
}

static void test_missing_folder(void)
{
	struct nv_project_opts o = { "tests/regress/cases/no-such-case/content", false, 1, NULL,
				     NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_project_load(&p, &o, &d), -1);
	CHECK(!p.loaded);
	CHECK_INT(d.nr, 1);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.v[0].severity, NV_ERROR);
	CHECK_INT(p.model.nentries, 0);
	/* Nothing to free, but release accepts it, twice. */
	nv_project_release(&p);
	nv_project_release(&p);
	CHECK(!p.loaded);
	nv_diags_release(&d);
}

/*
 * A kept load is the next load's prev: the documents are taken over,
 * not read again, and the model is the same.
 */
static void test_keep_and_reload(void)
{
	struct nv_project_opts o = { NEWS_FEED, false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_content keep;
	struct nv_diags d = NV_DIAGS_INIT;
	const struct nv_doc *first, *taken;
	char *before, *after;
	size_t ndocs;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	before = dump(&p);
	ndocs = p.content.ndocs;
	nv_project_keep(&p, &keep);
	/* p is zeroed; keep has the content. */
	CHECK(!p.loaded);
	CHECK_INT(p.content.ndocs, 0);
	CHECK(p.content.docs == NULL);
	CHECK_INT(p.model.nentries, 0);
	CHECK(p.model.entries == NULL);
	CHECK_INT(keep.ndocs, ndocs);
	CHECK(keep.ndocs > 0);
	first = keep.docs[0];

	o.prev = &keep;
	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	/* prev is emptied by the load: nothing left to release. */
	CHECK_INT(keep.ndocs, 0);
	CHECK_INT(p.content.ndocs, ndocs);
	CHECK_INT(p.model.nentries, 3);
	/* The unchanged document was taken, not parsed again. */
	CHECK(p.content.docs[0] == first);
	after = dump(&p);
	CHECK_STR(after, before);
	free(after);

	/*
	 * Once more, told that one news item changed: that one is read
	 * again, the others are taken.
	 */
	{
		struct nv_strlist changed = NV_STRLIST_INIT;

		CHECK_STR(p.content.docs[1]->id, "2025-11-20-seminar");
		taken = p.content.docs[0];
		first = p.content.docs[1];
		nv_project_keep(&p, &keep);
		nv_strlist_addf(&changed, "%s/news/2025-11-20-seminar.md", NEWS_FEED);
		o.changed = &changed;
		CHECK_INT(nv_project_load(&p, &o, &d), 0);
		nv_strlist_release(&changed);
	}
	CHECK_INT(d.nr, 0);
	CHECK_INT(keep.ndocs, 0);
	CHECK_INT(p.content.ndocs, ndocs);
	CHECK_STR(p.content.docs[1]->id, "2025-11-20-seminar");
	CHECK(p.content.docs[1] != first);
	CHECK(p.content.docs[0] == taken);
	CHECK_INT(p.model.nentries, 3);
	after = dump(&p);
	CHECK_STR(after, before);
	free(after);
	free(before);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * A load for once gives the same model, and frees the documents' texts
 * when it is built: no entry shows one any more.
 */
static void test_once_drops_texts(void)
{
	struct nv_project_opts o = { NEWS_FEED, false, 2, NULL, NULL, false };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	char *before, *after;
	size_t i;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	before = dump(&p);
	CHECK(p.model.entries[0]->text != NULL);
	nv_project_release(&p);
	o.once = true;
	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	CHECK_INT(d.nr, 0);
	after = dump(&p);
	CHECK_STR(after, before);
	CHECK_INT(p.model.nentries, 3);
	for (i = 0; i < p.model.nentries; i++) {
		CHECK(p.model.entries[i]->text == NULL);
		CHECK_INT(p.model.entries[i]->text_len, 0);
	}
	for (i = 0; i < p.content.ndocs; i++)
		CHECK(p.content.docs[i]->text == NULL);
	free(before);
	free(after);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * A load that defers the bodies parses none and runs none of the model's
 * steps that read them: the caller does, entry by entry, with the same
 * model and messages as a load that parses all. The demo content has
 * every step's matter: items not for the website, links with anchors
 * to other documents, mentions. Bodies dropped after their steps keep
 * what the model dump shows (headings, links, the count of private
 * items), their trees, texts and front matters' trees freed.
 */
static void test_deferred_bodies(void)
{
	struct nv_project_opts o = { "content", false, 2, NULL, NULL, true };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT, dd = NV_DIAGS_INIT;
	char *all, *kept, *dropped;
	size_t i, nprivate = 0;

	CHECK_INT(nv_project_load(&p, &o, &d), 0);
	all = dump(&p);
	for (i = 0; i < p.model.nentries; i++)
		nprivate += p.model.entries[i]->nprivate_items;
	CHECK(nprivate > 0);
	nv_project_release(&p);

	o.defer = true;
	CHECK_INT(nv_project_load(&p, &o, &dd), 0);
	CHECK(p.model.later != NULL);
	for (i = 0; i < p.content.ndocs; i++)
		CHECK(p.content.docs[i]->md == NULL);
	nv_project_read_bodies(&p, 2, true, &dd);
	CHECK(p.model.later == NULL);
	for (i = 0; i < p.model.nentries; i++)
		CHECK(!p.model.entries[i]->doc || p.model.entries[i]->md->root);
	kept = dump(&p);
	CHECK_STR(kept, all);
	for (i = 0; i < p.model.nentries; i++)
		nv_project_body_drop(&p, i);
	dropped = dump(&p);
	CHECK_STR(dropped, all);
	for (i = 0; i < p.model.nentries; i++) {
		const struct nv_entry *e = p.model.entries[i];
		CHECK(!e->doc || (!e->doc->md->root && !e->doc->text && !e->doc->meta));
		CHECK(e->private_items == NULL);
	}
	nv_diags_sort(&d);
	nv_diags_sort(&dd);
	CHECK_INT(dd.nr, d.nr);
	for (i = 0; i < d.nr && i < dd.nr; i++)
		CHECK_STR(dd.v[i].msg, d.v[i].msg);
	free(all);
	free(kept);
	free(dropped);
	nv_project_release(&p);
	nv_diags_release(&d);
	nv_diags_release(&dd);
}

/* Keeping a project that failed to load gives an empty content. */
static void test_keep_after_failed_load(void)
{
	struct nv_project_opts o = { "tests/regress/cases/no-such-case/content", false, 1, NULL,
				     NULL };
	struct nv_project p;
	struct nv_content keep;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_project_load(&p, &o, &d), -1);
	nv_project_keep(&p, &keep);
	CHECK_INT(keep.ndocs, 0);
	CHECK_INT(d.errors, 1);
	nv_content_release(&keep);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_drafts_left_out_or_counted);
	NV_RUN(test_jobs_give_the_same_model);
	NV_RUN(test_missing_folder);
	NV_RUN(test_keep_and_reload);
	NV_RUN(test_keep_after_failed_load);
	NV_RUN(test_once_drops_texts);
	NV_RUN(test_deferred_bodies);
}
