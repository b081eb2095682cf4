/*
 * model_cache.c: the results of the per-document checks kept between
 * builds; see model_cache.h.
 *
 * The cache maps a document's path to a record: for each check, the key
 * it was made under and the diagnostics it made. Once per build, the
 * main thread finds (or makes) every entry's record; before each check
 * it computes what every result of that check depends on (the content
 * and the people as they are then). The thread that checks an entry
 * then makes the entry's key, and either replays the record's
 * diagnostics or runs the check and stores what it made, touching only
 * the records of its own entries. After the last check, the records of
 * documents that are gone are dropped.
 *
 * The marks «не для сайта» (model_resolve.c) are a result of nodes of a
 * tree that is parsed again when its file changes: only «none, and no
 * error» is stored, so a body with a mark is always walked.
 *
 * Fail closed: an entry whose text or body is not its file's (a form
 * filled from site.yml), or whose path another entry of the same build
 * shares, is never taken from the cache.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "model_cache.h"
#include "model_cache_int.h"
#include "model_int.h"
#include "strmap.h"

/* Bump when what a check reads changes, so no old result survives. */
#define CACHE_SALT "nastavnik check cache 1"

/* A document read again since the kept model was built: its entry, and its place in the content. */
struct change {
	size_t entry, doc;
};

/* The model of the last build and what taking it over needs (model_int.h). */
struct kept {
	/* Made by the last build that ran every phase (mdl_keep_done()). */
	bool record;
	struct nv_hash content; /* its content key */
	bool drafts;
	struct builder b;		       /* its builder at the end, without what that owned */
	char **draft_ids;		       /* copies: a draft's document may be read again */
	struct nv_diags diags[MDL_MAX_PHASES]; /* what each phase of the first sort reported */
	struct nv_hash g[MDL_CHECK_COUNT];     /* what the checks' results depended on */
	struct nv_doc **orig;		       /* per entry, the document it was read from */
	size_t norig;
	/* Handed over by the build driver (nv_check_cache_keep_model()). */
	bool have_model;
	struct nv_model model;
	/*
	 * The documents read again since (nv_check_cache_retire()): the first
	 * versions, whose front matters the entries' strings point into, live
	 * as long as the model; later ones until the next build.
	 */
	struct nv_doc **retained, **transient;
	size_t nretained, retained_alloc, ntransient, transient_alloc;
	struct change *changes;
	size_t nchanges, changes_alloc;
	bool adopted; /* the build in progress took the model over */
	bool took;    /* the last build did */
};

struct nv_check_cache {
	struct nv_strmap *recs; /* path → struct mdl_record (one of v) */
	struct mdl_record **v;
	size_t nr, alloc;
	unsigned long build;
	size_t nseen;			   /* records this build has */
	struct nv_hash content;		   /* content_key() of this build */
	unsigned begun;			   /* bit k: check k began in this build */
	struct nv_hash g[MDL_CHECK_COUNT]; /* what every result of check k depends on, this build */
	/* Per entry of this build, its record (NULL: never cached), found by the first check. */
	struct mdl_record **of;
	size_t nof;
	unsigned long of_build;
	unsigned char *hit; /* per entry, bit k: check k took its result from the cache */
	size_t hits;	    /* of the last build */
	struct kept kept;
};

struct nv_check_cache *nv_check_cache_new(void)
{
	struct nv_check_cache *x = nv_xcalloc(1, sizeof(*x));

	x->recs = nv_strmap_new();
	return x;
}

static void record_free(void *p)
{
	struct mdl_record *r = p;
	int k;

	for (k = 0; k < MDL_CHECK_COUNT; k++)
		nv_diags_release(&r->diags[k]);
	free(r->path);
	free(r);
}

static void free_docs(struct nv_doc **v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		nv_content_doc_free(v[i]);
	*n = 0;
}

/*
 * Drop the kept model and its record. The documents its entries point
 * to must still be alive: those of the content it was taken over with,
 * and the retired ones, freed here after it.
 */
static void keep_release(struct nv_check_cache *x)
{
	struct kept *k = &x->kept;
	size_t i;

	if (k->have_model)
		nv_model_release(&k->model);
	k->have_model = false;
	free_docs(k->retained, &k->nretained);
	free_docs(k->transient, &k->ntransient);
	k->nchanges = 0;
	k->record = false;
	for (i = 0; i < k->b.ndraft_ids; i++)
		free(k->draft_ids[i]);
	free(k->draft_ids);
	k->draft_ids = NULL;
	k->b.ndraft_ids = 0;
	for (i = 0; i < MDL_MAX_PHASES; i++)
		nv_diags_release(&k->diags[i]);
	free(k->orig);
	k->orig = NULL;
	k->norig = 0;
}

void nv_check_cache_free(struct nv_check_cache *x)
{
	size_t i;

	if (!x)
		return;
	keep_release(x);
	free(x->kept.retained);
	free(x->kept.transient);
	free(x->kept.changes);
	for (i = 0; i < x->nr; i++)
		record_free(x->v[i]);
	free(x->v);
	nv_strmap_free(x->recs, NULL);
	free(x->of);
	free(x->hit);
	free(x);
}

/* Every field of every person, as the model holds it now. */
static void hash_people(struct nv_hash *h, const struct nv_model *m)
{
	const struct nv_person *p;
	size_t i;
	int v[12];

	nv_hash_add(h, &m->npeople, sizeof(m->npeople));
	for (i = 0; i < m->npeople; i++) {
		p = m->people[i];
		nv_hash_str(h, p->id);
		nv_hash_str(h, p->surname);
		nv_hash_str(h, p->name);
		nv_hash_str(h, p->patronymic);
		nv_hash_str(h, p->position);
		nv_hash_str(h, p->class_name);
		nv_hash_str(h, p->organization);
		v[0] = (int)p->category;
		v[1] = (int)p->publish;
		v[2] = p->has_consent;
		v[3] = p->consent.year;
		v[4] = p->consent.month;
		v[5] = p->consent.day;
		v[6] = p->mentor;
		v[7] = p->mentee;
		v[8] = (int)p->gender;
		v[9] = p->line;
		v[10] = p->col;
		v[11] = p->surname != NULL;
		nv_hash_add(h, v, sizeof(v));
	}
}

/*
 * What every document's result depends on besides its own file and the
 * people: the data files, the names of the attachments and of the files
 * that failed to load, every document's path and front matter.
 */
static struct nv_hash content_key(const struct builder *b)
{
	const struct nv_content *c = b->c;
	struct nv_hash h = NV_HASH_INIT;
	size_t i;
	int drafts = b->drafts;

	nv_hash_str(&h, CACHE_SALT);
	nv_hash_add(&h, &drafts, sizeof(drafts));
	nv_hash_str(&h, c->root);
	for (i = 0; i < c->ndata; i++) {
		nv_hash_str(&h, c->data[i].path);
		nv_hash_hash(&h, c->data[i].hash);
	}
	nv_hash_add(&h, &c->assets.nr, sizeof(c->assets.nr));
	for (i = 0; i < c->assets.nr; i++)
		nv_hash_str(&h, c->assets.v[i]);
	nv_hash_add(&h, &c->broken.nr, sizeof(c->broken.nr));
	for (i = 0; i < c->broken.nr; i++)
		nv_hash_str(&h, c->broken.v[i]);
	nv_hash_add(&h, &c->ndocs, sizeof(c->ndocs));
	for (i = 0; i < c->ndocs; i++) {
		/* 10k documents apart in memory: their loads overlap (a third of the time). */
		if (i + 8 < c->ndocs) {
			__builtin_prefetch(c->docs[i + 8]);
			__builtin_prefetch(&c->docs[i + 8]->meta_hash);
		}
		if (i + 4 < c->ndocs)
			__builtin_prefetch(c->docs[i + 4]->path);
		nv_hash_str(&h, c->docs[i]->path);
		nv_hash_hash(&h, c->docs[i]->meta_hash);
	}
	return h;
}

/* True if e is read from its file alone, so its file's hash stands for it. */
static bool cacheable(const struct nv_entry *e)
{
	return e->doc && e->path == e->doc->path && e->text == e->doc->text &&
	       e->text_len == e->doc->len && e->md == e->doc->md;
}

/* A new record for path, which has none. */
static struct mdl_record *add_record(struct nv_check_cache *x, const char *path)
{
	struct mdl_record *r;

	r = nv_xcalloc(1, sizeof(*r));
	r->path = nv_xstrdup(path);
	nv_strmap_put(x->recs, r->path, r);
	NV_GROW(x->v, x->nr + 1, x->alloc);
	x->v[x->nr++] = r;
	return r;
}

struct mdl_record *mdl_cache_add(struct nv_check_cache *x, const char *path)
{
	return nv_strmap_get(x->recs, path) ? NULL : add_record(x, path);
}

struct mdl_record *const *mdl_cache_records(const struct nv_check_cache *x, size_t *n)
{
	*n = x->nr;
	return x->v;
}

/* The record of e, made if new; NULL if another entry of this build has it. */
static struct mdl_record *record_of(struct nv_check_cache *x, const struct nv_entry *e)
{
	struct mdl_record *r = nv_strmap_get(x->recs, e->path);

	if (!r) {
		r = add_record(x, e->path);
	} else if (r->seen == x->build) {
		return NULL; /* two entries of one file: check both, every time */
	}
	r->seen = x->build;
	x->nseen++;
	return r;
}

/* Find the record of every entry, once per build: the entries stay the same between checks. */
static void find_records(struct nv_check_cache *x, const struct nv_model *m)
{
	size_t i;

	if (x->of && x->of_build == x->build && x->nof == m->nentries)
		return;
	free(x->hit);
	x->hit = NULL;
	if (x->kept.adopted && x->of && x->nof == m->nentries) {
		/* The entries of the last build, whose records it found (and kept: it saw them). */
		x->hit = nv_xcalloc(m->nentries + 1, sizeof(*x->hit));
		x->of_build = x->build;
		for (i = 0; i < x->nof; i++)
			if (x->of[i]) {
				x->of[i]->seen = x->build;
				x->nseen++;
			}
		return;
	}
	free(x->of);
	x->of = nv_xcalloc(m->nentries + 1, sizeof(*x->of));
	x->hit = nv_xcalloc(m->nentries + 1, sizeof(*x->hit));
	x->nof = m->nentries;
	x->of_build = x->build;
	nv_strmap_reserve(x->recs, x->nr + m->nentries);
	for (i = 0; i < m->nentries; i++)
		if (cacheable(m->entries[i]))
			x->of[i] = record_of(x, m->entries[i]);
}

void mdl_cache_begin(struct builder *b, enum mdl_check k)
{
	struct nv_check_cache *x = b->cache;
	struct nv_hash g = NV_HASH_INIT;
	int v = (int)k;

	if (!x)
		return;
	x->begun |= 1u << k;
	find_records(x, b->m);
	if (x->kept.adopted) {
		/* The same content key: the people are as they were when the last build checked. */
		x->g[k] = x->kept.g[k];
		return;
	}
	if (k != MDL_CHECK_META && k != MDL_CHECK_MARKS) {
		/* The people as check k sees them: publish levels are settled between the checks.
		 */
		g = x->content;
		nv_hash_add(&g, &b->m->nentries, sizeof(b->m->nentries));
		hash_people(&g, b->m);
	}
	nv_hash_str(&g, CACHE_SALT);
	nv_hash_add(&g, &v, sizeof(v));
	x->g[k] = g;
}

/*
 * The record of entry i for check k, with the key of its result in *h;
 * NULL when entry i is not cached. Called by the thread that checks
 * entry i (it reads only that entry and its record): the entry's form
 * body may have been filled since the records were found.
 */
static struct mdl_record *slot(const struct builder *b, enum mdl_check k, size_t i,
			       struct nv_hash *h)
{
	const struct nv_check_cache *x = b->cache;
	const struct nv_entry *e;
	struct mdl_record *r;
	bool front;

	if (!x || !(x->begun >> k & 1) || i >= x->nof || !(r = x->of[i]))
		return NULL;
	e = b->m->entries[i];
	if (!cacheable(e))
		return NULL;
	/* The path is the record's; id and kind follow from it and the front matters. */
	*h = x->g[k];
	/*
	 * The checks of the front matter read its characters alone (with
	 * what g holds: every document's front matter but for the marks);
	 * the others the document's whole text.
	 */
	front = k == MDL_CHECK_META || k == MDL_CHECK_FRONT_TEXT || k == MDL_CHECK_FRONT_MENTIONS;
	nv_hash_hash(h, front ? e->doc->meta_hash : e->doc->hash);
	return r;
}

void mdl_cache_copy_diags(struct nv_diags *dst, const struct nv_diags *src, size_t from)
{
	const struct nv_diag *v;
	struct nv_diag *c;
	size_t j;

	for (j = from; j < src->nr; j++) {
		v = &src->v[j];
		c = nv_diag_add(dst, v->severity, v->file, v->line, v->col, "%s", v->msg);
		if (v->hint)
			nv_diag_hint(c, "%s", v->hint);
		c->secret = v->secret;
	}
}

bool mdl_cache_replay(const struct builder *b, enum mdl_check k, size_t i)
{
	struct mdl_record *r;
	struct nv_hash h;

	if (!(r = slot(b, k, i, &h)))
		return false;
	if (!r->have[k] || !nv_hash_eq(r->key[k], h)) {
		/* Checked now: mdl_cache_store() records the result under this key. */
		r->have[k] = false;
		r->key[k] = h;
		return false;
	}
	mdl_cache_copy_diags(b->d, &r->diags[k], 0);
	b->cache->hit[i] |= (unsigned char)(1u << k);
	return true;
}

void mdl_cache_store(const struct builder *b, enum mdl_check k, size_t i, size_t mark)
{
	struct mdl_record *r;
	struct nv_hash h;

	if (!(r = slot(b, k, i, &h)) || r->have[k] || !nv_hash_eq(r->key[k], h))
		return;
	nv_diags_release(&r->diags[k]);
	mdl_cache_copy_diags(&r->diags[k], b->d, mark);
	r->have[k] = true;
}

/* Drop the record of every document the last build did not have. */
static void drop_gone(struct nv_check_cache *x)
{
	size_t i, n = 0;

	if (x->nseen == x->nr)
		return; /* every document is still there: the index stays */
	nv_strmap_free(x->recs, NULL);
	x->recs = nv_strmap_new();
	for (i = 0; i < x->nr; i++) {
		if (x->v[i]->seen != x->build) {
			record_free(x->v[i]);
			continue;
		}
		x->v[n++] = x->v[i];
		nv_strmap_put(x->recs, x->v[i]->path, x->v[i]);
	}
	x->nr = n;
}

bool nv_check_cache_took_model(const struct nv_check_cache *x)
{
	return x && x->kept.took;
}

size_t nv_check_cache_hits(const struct nv_check_cache *x)
{
	return x ? x->hits : 0;
}

void mdl_cache_start(struct builder *b)
{
	if (!b->cache)
		return;
	b->cache->build++;
	b->cache->begun = 0;
	b->cache->nseen = 0;
	b->cache->content = content_key(b);
}

void mdl_cache_end(struct builder *b)
{
	struct nv_check_cache *x = b->cache;
	size_t i;
	int k;

	if (!x)
		return;
	x->hits = 0;
	for (i = 0; x->hit && i < x->nof; i++)
		for (k = 0; k < MDL_CHECK_COUNT; k++)
			x->hits += (x->hit[i] >> k) & 1;
	drop_gone(x);
	free(x->hit);
	x->hit = NULL;
	/* x->of stays for a next build that takes the model over (find_records()). */
}

/* ---- the whole model kept between builds (model_int.h) ------------------------ */

/* True if the kept model can be taken over by the build b opens. */
static bool can_adopt(const struct builder *b)
{
	const struct kept *k = &b->cache->kept;
	const struct nv_entry *e;
	const struct nv_doc *od, *nd;
	size_t i;

	if (!k->record || !k->have_model || k->drafts != b->drafts ||
	    !nv_hash_eq(k->content, b->cache->content) || k->norig != k->model.nentries)
		return false;
	for (i = 0; i < k->nchanges; i++) {
		if (k->changes[i].entry >= k->model.nentries || k->changes[i].doc >= b->c->ndocs)
			return false;
		e = k->model.entries[k->changes[i].entry];
		od = e->doc;
		nd = b->c->docs[k->changes[i].doc];
		/* A plain document: its body and text its file's (not a form filled in). */
		if (e->kind == NV_KIND_FORM || e->builtin || e->md != od->md ||
		    e->text != od->text || e->path != od->path)
			return false;
		/* The same file with the same front matter: the entry's fields stand. */
		if (strcmp(nd->path, od->path) || !nv_hash_eq(nd->meta_hash, od->meta_hash) ||
		    nd->split.body_line != od->split.body_line)
			return false;
	}
	return true;
}

/* The builder of the last whole build, for the body steps of b (which owns nothing of it). */
static void restore_builder(struct builder *b, const struct kept *k)
{
	size_t i;

	b->people_file = k->b.people_file;
	b->site_file = k->b.site_file;
	b->people_broken = k->b.people_broken;
	b->people_alloc = k->b.people_alloc;
	b->pairs_alloc = k->b.pairs_alloc;
	b->entries_alloc = k->b.entries_alloc;
	b->forms = k->b.forms;
	b->kinds = k->b.kinds;
	b->forms.folded = b->kinds.folded = NULL;
	b->ndraft_ids = b->draft_alloc = k->b.ndraft_ids;
	b->draft_ids = nv_xcalloc(b->ndraft_ids + 1, sizeof(*b->draft_ids));
	for (i = 0; i < b->ndraft_ids; i++)
		b->draft_ids[i] = k->draft_ids[i];
}

bool mdl_keep_adopt(struct builder *b)
{
	struct nv_check_cache *x = b->cache;
	struct kept *k;
	struct nv_entry *e;
	struct nv_doc *doc;
	size_t i;

	if (!x)
		return false;
	k = &x->kept;
	k->adopted = false;
	if (!can_adopt(b)) {
		keep_release(x);
		return false;
	}
	/* Cleared while the old bodies they were made of are still there. */
	for (i = 0; i < k->model.nentries; i++)
		mdl_entry_release_body(k->model.entries[i]);
	for (i = 0; i < k->nchanges; i++) {
		e = k->model.entries[k->changes[i].entry];
		doc = b->c->docs[k->changes[i].doc];
		e->doc = doc;
		e->path = doc->path;
		e->md = doc->md;
		e->text = doc->text;
		e->text_len = doc->len;
	}
	*b->m = k->model;
	memset(&k->model, 0, sizeof(k->model));
	k->have_model = false;
	b->m->content = b->c;
	restore_builder(b, k);
	k->adopted = true;
	return true;
}

void mdl_keep_record(struct builder *b, size_t phase, size_t mark)
{
	struct nv_check_cache *x = b->cache;

	if (!x || phase >= MDL_MAX_PHASES)
		return;
	nv_diags_release(&x->kept.diags[phase]);
	mdl_cache_copy_diags(&x->kept.diags[phase], b->d, mark);
}

void mdl_keep_replay(struct builder *b, size_t phase)
{
	const struct nv_diags *v = &b->cache->kept.diags[phase];

	mdl_cache_copy_diags(b->d, v, 0);
}

void mdl_keep_done(struct builder *b, bool adopted)
{
	struct nv_check_cache *x = b->cache;
	struct kept *k;
	size_t i;

	if (!x)
		return;
	k = &x->kept;
	/* No entry points to a later version any more: it was the current one. */
	free_docs(k->transient, &k->ntransient);
	k->nchanges = 0;
	k->adopted = false;
	k->took = adopted;
	if (adopted)
		return;
	k->record = true;
	k->content = x->content;
	k->drafts = b->drafts;
	k->b = *b;
	k->b.terms = NULL;
	k->b.forms.folded = k->b.kinds.folded = NULL;
	k->b.draft_ids = NULL;
	k->draft_ids = nv_xcalloc(b->ndraft_ids + 1, sizeof(*k->draft_ids));
	for (i = 0; i < b->ndraft_ids; i++)
		k->draft_ids[i] = nv_xstrdup(b->draft_ids[i]);
	memcpy(k->g, x->g, sizeof(k->g));
	k->norig = b->m->nentries;
	k->orig = nv_xcalloc(k->norig + 1, sizeof(*k->orig));
	for (i = 0; i < k->norig; i++)
		k->orig[i] = b->m->entries[i]->doc;
}

void nv_check_cache_keep_model(struct nv_check_cache *x, struct nv_model *m)
{
	if (!x->kept.record || x->kept.have_model) {
		nv_model_release(m);
		return;
	}
	x->kept.model = *m;
	x->kept.have_model = true;
	memset(m, 0, sizeof(*m));
}

/* A stand-in for doc in the content: the same names, nothing read (doc itself is kept). */
static struct nv_doc *stand_in(const struct nv_doc *doc)
{
	struct nv_doc *s = nv_xcalloc(1, sizeof(*s));

	s->path = nv_xstrdup(doc->path);
	s->id = nv_xstrdup(doc->id);
	s->section = nv_xstrdup(doc->section);
	return s;
}

void nv_check_cache_retire(struct nv_check_cache *x, struct nv_content *prev,
			   const struct nv_strlist *changed)
{
	struct kept *k = x ? &x->kept : NULL;
	struct nv_doc *doc;
	size_t i, d, e;

	if (!k || !k->have_model || !changed)
		return;
	for (i = 0; i < changed->nr; i++) {
		for (d = 0; d < prev->ndocs && strcmp(prev->docs[d]->path, changed->v[i]); d++)
			;
		if (d == prev->ndocs)
			continue;
		doc = prev->docs[d];
		for (e = 0; e < k->model.nentries && k->model.entries[e]->doc != doc; e++)
			;
		if (e == k->model.nentries || e >= k->norig)
			continue; /* a draft, or no document of the model: nothing points to it */
		prev->docs[d] = stand_in(doc);
		if (doc == k->orig[e]) {
			NV_GROW(k->retained, k->nretained + 1, k->retained_alloc);
			k->retained[k->nretained++] = doc;
		} else {
			NV_GROW(k->transient, k->ntransient + 1, k->transient_alloc);
			k->transient[k->ntransient++] = doc;
		}
		NV_GROW(k->changes, k->nchanges + 1, k->changes_alloc);
		k->changes[k->nchanges].entry = e;
		k->changes[k->nchanges++].doc = d;
	}
}

void nv_check_cache_forget(struct nv_check_cache *x)
{
	if (x)
		keep_release(x);
}
