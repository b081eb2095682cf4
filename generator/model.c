/*
 * model.c: building the resolved content model; see model.h. This file
 * is the driver: it runs the phases in order, reads the documents on
 * threads and releases the model. Each phase reports every problem it
 * finds:
 *   0. the attachments: files of content/ that are no document, of
 *      the types a school publishes (read_attachments, here);
 *   1. people.yml, then site.yml, which names people (read_people,
 *      read_site, model_read.c);
 *   2. one entry per document: kind (folder or `type:`), unique id
 *      (create_entries, model_refs.c);
 *   3. the fields of every entry, by kind, on threads (read_entry,
 *      model_read.c); references to people and to other documents
 *      resolve now, since all entries exist (model_refs.c);
 *   4. pairs.yml: people, programs, orders (read_pairs, model_pairs.c);
 *   5. cross-document rules (model_resolve.c): appendices and the
 *      derived «УТВЕРЖДЕНО приказом» blocks (resolve_appendices), one
 *      registration number per order in a year (check_order_numbers,
 *      model_cite.c), pairs starting no earlier than their order and
 *      within its academic year (check_pairs), `totals` of site.yml no
 *      less than the people of the pairs they count (check_totals,
 *      model_site.c), publish levels of people (settle_people), roadmap
 *      `responsible` for paper and web (resolve_responsible);
 *   6. the checks of the front matters' text and names, on threads
 *      (read_fronts, here); then the bodies, entry by entry, on threads
 *      (read_bodies, here): the numbered items of orders
 *      (check_order_items), the marks of items
 *      not for the website (model_marks.c), the secretary's checks
 *      (model_text.c), links between Markdown documents and their
 *      anchors (check_links), what the website shows for each mention
 *      (resolve_mentions), names of people written without a mention in
 *      any public text (check_mentions, model_pd.c); after a load that
 *      left the bodies unparsed, the build driver runs these as it
 *      renders (nv_model_body_new());
 *   7. names in the data files and the attachments (model_pd.c,
 *      model_attach.c).
 * Field reading goes through schema.h, so every key is checked for type
 * and unknown keys are reported with a suggestion. Names of enums and
 * reference lookups are in model_refs.c, the text dump in model_dump.c,
 * names of people per audience in person.c. model_int.h holds what
 * these files share (struct builder).
 *
 * The phases are a table (phases[]) that says which of them read
 * documents' bodies: a preview server's build whose only changes are
 * bodies of plain documents takes the last build's model over and runs
 * those alone, the others' diagnostics added again (model_cache.c).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "schema.h"
#include "utf8.h"
#include "strmap.h"
#include "threads.h"

#include <strings.h>
#include <unistd.h>

struct nv_person *nv_model_person(const struct nv_model *m, const char *id)
{
	return nv_strmap_get(m->people_index, id);
}

struct nv_entry *nv_model_entry(const struct nv_model *m, const char *id)
{
	return nv_strmap_get(m->entries_index, id);
}

const struct nv_entry *nv_model_titled(const struct nv_model *m, const char *text,
				       enum nv_kind want)
{
	struct nv_buf t = NV_BUF_INIT, x = NV_BUF_INIT;
	const struct nv_entry *whole = NULL, *start = NULL, *e;
	size_t i, nwhole = 0, nstart = 0;

	nv_utf8_fold(&t, text, strlen(text));
	for (i = 0; t.len && i < m->nentries; i++) {
		e = m->entries[i];
		if (!e->title || (want != NV_KIND_COUNT && e->kind != want))
			continue;
		nv_buf_reset(&x);
		nv_utf8_fold(&x, e->title, strlen(e->title));
		if (!strcmp(t.ptr, x.ptr)) {
			whole = e;
			nwhole++;
		} else if (!strncmp(t.ptr, x.ptr, t.len) && x.ptr[t.len] == ' ') {
			start = e;
			nstart++;
		}
	}
	nv_buf_release(&t);
	nv_buf_release(&x);
	return nwhole ? (nwhole == 1 ? whole : NULL) : nstart == 1 ? start : NULL;
}

/*
 * The types of attachment a school publishes (nv_file_publishable()),
 * as a message lists them.
 */
#define ATTACHMENT_TYPES                                                                                           \
	"PDF (.pdf), Word (.doc, .docx), LibreOffice (.odt, .ods, .odp), RTF (.rtf), "                             \
	"таблицы (.xls, .xlsx, .csv), текст (.txt), изображения (.png, .jpg, .jpeg, .gif, " \
	".webp), архив ZIP (.zip)"

/*
 * How to save a file of type dot (".HEIC") in a type a school publishes,
 * for the types schools have most: the camera of a phone, a scanner,
 * Word and Excel with macros; NULL for another.
 */
static const char *attachment_fix(const char *dot)
{
	static const char phone[] = "это снимок с iPhone: сохраните его как JPEG (на iPhone: "
				    "Настройки → Камера → Форматы → «Наиболее совместимый»)",
			  scan[] = "это скан: сохраните его как PDF или PNG",
			  word[] = "сохраните документ в Word как .docx («Документ Word»)",
			  excel[] = "сохраните таблицу в Excel как .xlsx («Книга Excel»)",
			  slides[] = "сохраните презентацию как PDF";
	static const struct {
		const char *dot, *fix;
	} fixes[] = {
		{ ".heic", phone },
		{ ".heif", phone },
		{ ".tif", scan },
		{ ".tiff", scan },
		{ ".bmp", "сохраните рисунок как PNG" },
		{ ".docm", word },
		{ ".dotx", word },
		{ ".dotm", word },
		{ ".dot", word },
		{ ".xlsm", excel },
		{ ".xltx", excel },
		{ ".xlsb", excel },
		{ ".pptx", slides },
		{ ".ppt", slides },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(fixes); i++)
		if (!strcasecmp(dot, fixes[i].dot))
			return fixes[i].fix;
	return NULL;
}

/*
 * Every file of content/ that is not a document or a data file, when it
 * is of a type a school publishes; each other one is an error.
 */
void mdl_read_attachments(struct builder *b)
{
	const struct nv_content *c = b->c;
	const char *root = c->root ? c->root : "content";
	size_t i, n = 0;

	b->m->site_yml = nv_xasprintf("%s/site.yml", root);
	if (!c->assets.nr)
		return;
	b->m->attachments = nv_xcalloc(c->assets.nr, sizeof(*b->m->attachments));
	for (i = 0; i < c->assets.nr; i++) {
		char *path = nv_xasprintf("%s/%s", root, c->assets.v[i]);
		const char *base = strrchr(path, '/') + 1, *dot = strrchr(base, '.');

		if (!nv_file_publishable(c->assets.v[i], strlen(c->assets.v[i]))) {
			const char *fix = dot && dot != base ? attachment_fix(dot) : NULL;
			struct nv_diag *e =
				dot && dot != base
					? nv_error(b->d, path, 0, 0,
						   "вложения типа «%s» не публикуются", dot)
					: nv_error(
						  b->d, path, 0, 0,
						  "у вложения нет расширения, его тип не известен");
			if (fix)
				nv_diag_hint(e, "%s; допускаются " ATTACHMENT_TYPES, fix);
			else
				nv_diag_hint(e, "допускаются " ATTACHMENT_TYPES "; сохраните файл "
						"в одном из этих форматов или уберите его из "
						"content/");
			free(path);
			continue;
		}
		b->m->attachments[n].rel = c->assets.v[i];
		b->m->attachments[n].path = path;
		n++;
	}
	b->m->nattachments = n;
}

struct entry_job {
	struct builder b; /* a copy: its own diagnostics, term memo, folded sets */
	struct nv_diags d;
	struct nv_share share;
};

static void *entry_thread(void *arg)
{
	struct entry_job *j = arg;
	struct nv_entry *e;
	size_t i, mark;

	while (nv_share_next(&j->share, &i)) {
		e = j->b.m->entries[i];
		if (!mdl_cache_replay(&j->b, MDL_CHECK_META, i)) {
			mark = j->b.d->nr;
			nv_check_text(e->doc->path, e->doc->meta, j->b.d);
			mdl_cache_store(&j->b, MDL_CHECK_META, i, mark);
		}
		mdl_read_entry(&j->b, e);
	}
	return NULL;
}

/*
 * Read every entry's own fields on b->jobs threads (from 64 entries on).
 * An entry is read by one thread, touching only itself; people and other
 * entries are only looked up. Diagnostics are merged and later sorted by
 * place, so they do not depend on the threads.
 */
static void read_entries(struct builder *b)
{
	size_t t, nthreads = nv_thread_count(b->jobs, b->m->nentries);
	struct entry_job *j = nv_xcalloc(nthreads, sizeof(*j));
	struct nv_work work = NV_WORK_INIT(b->m->nentries);

	mdl_cache_begin(b, MDL_CHECK_META);
	for (t = 0; t < nthreads; t++) {
		j[t].b = *b;
		j[t].b.d = &j[t].d;
		j[t].b.terms = nv_strmap_new();
		j[t].b.forms.folded = NULL;
		j[t].b.kinds.folded = NULL;
		j[t].share.w = &work;
	}
	nv_run_threads(entry_thread, j, nthreads, sizeof(*j));
	for (t = 0; t < nthreads; t++) {
		nv_diags_merge(b->d, &j[t].d);
		mdl_terms_free(j[t].b.terms);
		mdl_loose_set_release(&j[t].b.forms);
		mdl_loose_set_release(&j[t].b.kinds);
	}
	free(j);
}

int nv_model_build(struct nv_model *m, const struct nv_content *c, bool drafts, struct nv_diags *d)
{
	return nv_model_build_jobs(m, c, drafts, 1, d);
}

int nv_model_build_jobs(struct nv_model *m, const struct nv_content *c, bool drafts, int jobs,
			struct nv_diags *d)
{
	return nv_model_build_cached(m, c, drafts, jobs, NULL, d);
}

/*
 * The body steps (model_int.h) of one entry, in their order: an order's
 * items, the marks of items not for the website, the secretary's checks,
 * links, mentions, and the names of people the text shows. The state is
 * a thread's: its builder (own diagnostics), the content folder opened
 * for texts read again, a path buffer and the check of names.
 */
struct body_state {
	struct builder *b;
	int top;
	struct nv_buf path;
	struct mdl_pd *pd;
};

static void body_entry(struct body_state *s, size_t i)
{
	struct nv_entry *e = s->b->m->entries[i];

	mdl_check_order_items(s->b, e);
	mdl_find_private_items(s->b, i);
	mdl_check_text(s->b, i, &s->top);
	mdl_check_links(s->b, e, &s->path);
	mdl_resolve_mentions(s->b, e);
	mdl_check_mentions(s->b, i, &s->pd);
}

/* The checks of entry i's front matter, which the body steps leave to them. */
static void front_entry(struct body_state *s, size_t i)
{
	mdl_check_text_front(s->b, i);
	mdl_check_mentions_front(s->b, i, &s->pd);
}

static void body_state_release(struct body_state *s)
{
	if (s->top >= 0)
		close(s->top);
	nv_buf_release(&s->path);
	mdl_pd_free(s->pd);
}

/* A job's entries (mdl_per_entry()) through step, with a state of its own. */
static void each_entry(struct mdl_entry_job *j, void (*step)(struct body_state *, size_t))
{
	struct body_state s = { &j->b, -1, NV_BUF_INIT, NULL };
	size_t i;

	while (nv_share_next(&j->share, &i))
		step(&s, i);
	body_state_release(&s);
}

static void *front_thread(void *arg)
{
	each_entry(arg, front_entry);
	return NULL;
}

static void *body_thread(void *arg)
{
	each_entry(arg, body_entry);
	return NULL;
}

/*
 * The checks of every entry's front matter that read no body, on
 * b->jobs threads (the diagnostics are sorted later), readied in this
 * thread with the body steps': the checks' cache, the orders the texts
 * cite, the guard of names.
 */
static void read_fronts(struct builder *b)
{
	mdl_cache_begin(b, MDL_CHECK_MARKS);
	mdl_check_text_begin(b);
	mdl_check_mentions_begin(b);
	mdl_per_entry(b, front_thread);
}

/*
 * Every entry's body steps on b->jobs threads; after a load that
 * deferred the bodies, the driver runs them (nv_model_body_new()).
 */
static void read_bodies(struct builder *b)
{
	b->later = b->c->defer;
	if (!b->later)
		mdl_per_entry(b, body_thread);
}

struct nv_model_body {
	struct builder b; /* the model's, with diagnostics of its own */
	struct nv_diags d;
	struct body_state s;
};

struct nv_model_body *nv_model_body_new(struct nv_model *m)
{
	struct nv_model_body *s;

	if (!m->later)
		return NULL;
	s = nv_xcalloc(1, sizeof(*s));
	s->b = *m->later;
	s->d = (struct nv_diags)NV_DIAGS_INIT;
	s->b.d = &s->d;
	s->s = (struct body_state){ &s->b, -1, NV_BUF_INIT, NULL };
	return s;
}

void nv_model_body_steps(struct nv_model_body *s, size_t i)
{
	if (s)
		body_entry(&s->s, i);
}

void nv_model_body_free(struct nv_model_body *s, struct nv_diags *d)
{
	if (!s)
		return;
	body_state_release(&s->s);
	nv_diags_merge(d, &s->d);
	free(s);
}

/*
 * The phases in order. body: the phase reads documents' bodies or the
 * attachments' text, so it runs again on a model kept from the last
 * build (model_int.h); the others read front matters and data files only.
 */
static const struct phase {
	void (*run)(struct builder *b);
	bool body;
} phases[] = {
	{ mdl_read_attachments, false },
	{ mdl_read_people, false },
	{ mdl_read_site, false },
	{ mdl_forms_default, false },
	{ mdl_create_entries, false },
	{ read_entries, false },
	{ mdl_read_pairs, false },
	{ mdl_collect_forms, false },
	{ mdl_resolve_appendices, false },
	{ mdl_check_order_numbers, false },
	{ mdl_check_pairs, false },
	{ mdl_check_mentees, false },
	{ mdl_check_totals, false },
	{ mdl_settle_people, false },
	{ mdl_resolve_responsible, false },
	{ mdl_check_data_chars, false },
	{ read_fronts, true },
	{ read_bodies, true },
	{ mdl_check_data_mentions, true },
	{ mdl_check_attachments, true },
};
_Static_assert(NV_ARRAY_SIZE(phases) <= MDL_MAX_PHASES, "mdl_keep_record() keeps MDL_MAX_PHASES");

/* What a builder holds, freed. */
static void builder_release(struct builder *b)
{
	mdl_orders_free(b->orders);
	b->orders = NULL;
	free(b->draft_ids);
	mdl_terms_free(b->terms);
	mdl_loose_set_release(&b->forms);
	mdl_loose_set_release(&b->kinds);
}

/* The end of a build: the builder's state kept for the next (model_cache.h), then freed. */
static void finish(struct builder *b, bool adopted)
{
	mdl_orders_free(b->orders);
	b->orders = NULL;
	mdl_keep_done(b, adopted);
	mdl_cache_end(b);
	builder_release(b);
}

int nv_model_build_cached(struct nv_model *m, const struct nv_content *c, bool drafts, int jobs,
			  struct nv_check_cache *cache, struct nv_diags *d)
{
	struct builder b;
	size_t i, mark;
	bool adopted;

	memset(m, 0, sizeof(*m));
	memset(&b, 0, sizeof(b));
	b.m = m;
	b.c = c;
	b.d = d;
	b.drafts = drafts;
	b.jobs = jobs;
	b.cache = cache;
	b.today = nv_source_date();
	if (!b.today.year)
		b.today = nv_date_today();
	b.act_limit = b.today;
	b.act_limit.year++;
	mdl_cache_start(&b);
	adopted = mdl_keep_adopt(&b);
	if (!adopted) {
		m->content = c;
		m->people_index = nv_strmap_new();
		m->entries_index = nv_strmap_new();
		b.people_file = "content/people.yml";
		b.forms.canon = nv_forms; /* until site.yml is read: mdl_forms_default() */
		b.kinds.canon = nv_mentoring_kinds;
	}
	b.terms = nv_strmap_new();
	for (i = 0; i < NV_ARRAY_SIZE(phases); i++) {
		if (adopted && !phases[i].body) {
			mdl_keep_replay(&b, i);
			continue;
		}
		mark = d->nr;
		phases[i].run(&b);
		if (!adopted && !phases[i].body)
			mdl_keep_record(&b, i, mark);
	}
	if (b.later) {
		/* The body steps are the driver's (nv_model_body_new()). */
		m->later = nv_xmalloc(sizeof(*m->later));
		*m->later = b;
		return 0;
	}
	finish(&b, adopted);
	return 0;
}

void nv_model_bodies_end(struct nv_model *m, struct nv_diags *d)
{
	struct builder *b = m->later;

	if (!b)
		return;
	b->d = d;
	mdl_check_anchors(b);
	finish(b, false);
	free(b);
	m->later = NULL;
}

/* Free what roadmap item it owns, its sub-rows included. */
static void item_free(struct nv_item *it)
{
	size_t r;

	for (r = 0; r < it->nrows; r++)
		item_free(&it->rows[r]);
	free(it->rows);
	nv_term_release(&it->due);
	free(it->resp);
	free(it->responsible_paper);
	free(it->responsible_web);
	free(it->extra);
}

void nv_model_release(struct nv_model *m)
{
	size_t i, k;
	struct nv_entry *e;

	if (m->later) {
		/* A build given up before its bodies were read. */
		builder_release(m->later);
		free(m->later);
	}

	for (i = 0; i < m->npeople; i++)
		free(m->people[i]);
	free(m->people);
	for (i = 0; i < m->npairs; i++) {
		free(m->pairs[i]->mentees);
		nv_term_release(&m->pairs[i]->period);
		free(m->pairs[i]);
	}
	free(m->pairs);
	free(m->forms);
	for (i = 0; i < m->nentries; i++) {
		e = m->entries[i];
		for (k = 0; k < e->nsections; k++) {
			size_t j;
			for (j = 0; j < e->sections[k].nitems; j++) {
				item_free(&e->sections[k].items[j]);
			}
			free(e->sections[k].items);
		}
		free(e->sections);
		free(e->extra_columns);
		free(e->show_extra);
		free(e->approvals);
		free(e->revisions);
		free(e->forms);
		free(e->authors);
		free(e->appendices);
		free(e->acquaint);
		free(e->results);
		free(e->tags);
		free(e->reflinks);
		mdl_entry_release_body(e);
		nv_md_free(e->form_md);
		free(e);
	}
	free(m->entries);
	for (i = 0; i < m->nform_docs; i++)
		nv_content_doc_free(m->form_docs[i]);
	free(m->form_docs);
	free(m->site.blanks);
	for (i = 0; i < m->nattachments; i++)
		free(m->attachments[i].path);
	free(m->attachments);
	free((char *)m->site_yml);
	nv_strmap_free(m->people_index, NULL);
	nv_strmap_free(m->entries_index, NULL);
	mdl_guard_release(m);
	memset(m, 0, sizeof(*m));
}

void mdl_entry_release_body(struct nv_entry *e)
{
	/* The body is looked at only when there is something to free (most have no links). */
	size_t k, n = (e->link_urls || e->link_texts) && e->md ? e->md->nr_links : 0;

	for (k = 0; e->link_urls && k < n; k++)
		free(e->link_urls[k]);
	free(e->link_urls);
	e->link_urls = NULL;
	for (k = 0; e->link_texts && k < n; k++)
		free(e->link_texts[k]);
	free(e->link_texts);
	e->link_texts = NULL;
	free(e->private_items);
	e->private_items = NULL;
	e->nprivate_items = 0;
	free(e->pdf_links);
	e->pdf_links = NULL;
	e->npdf_links = 0;
}

void mdl_per_entry(struct builder *b, void *(*fn)(void *))
{
	size_t t, n = nv_thread_count(b->jobs, b->m->nentries);
	struct mdl_entry_job *j = nv_xcalloc(n, sizeof(*j));
	struct nv_work work = NV_WORK_INIT(b->m->nentries);

	for (t = 0; t < n; t++) {
		j[t].b = *b;
		j[t].b.d = &j[t].d;
		j[t].share.w = &work;
	}
	nv_run_threads(fn, j, n, sizeof(*j));
	for (t = 0; t < n; t++)
		nv_diags_merge(b->d, &j[t].d);
	free(j);
}
