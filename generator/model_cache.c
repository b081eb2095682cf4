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
#include "model_int.h"
#include "strmap.h"

/* Bump when what a check reads changes, so no old result survives (in-process only). */
#define CACHE_SALT "nastavnik check cache 1"

struct record {
	char *path; /* the key in recs */
	struct nv_hash key[MDL_CHECK_COUNT];
	bool have[MDL_CHECK_COUNT];
	struct nv_diags diags[MDL_CHECK_COUNT];
	unsigned long seen; /* the build that last had this document */
};

struct nv_check_cache {
	struct nv_strmap *recs; /* path → struct record (one of v) */
	struct record **v;
	size_t nr, alloc;
	unsigned long build;
	size_t nseen;			   /* records this build has */
	struct nv_hash content;		   /* content_key() of this build */
	enum mdl_check check;		   /* being run */
	struct nv_hash g[MDL_CHECK_COUNT]; /* what every result of check k depends on, this build */
	/* Per entry of this build, its record (NULL: never cached), found by the first check. */
	struct record **of;
	size_t nof;
	unsigned long of_build;
	unsigned char *hit; /* per entry, bit k: check k took its result from the cache */
	size_t hits;	    /* of the last build */
};

struct nv_check_cache *nv_check_cache_new(void)
{
	struct nv_check_cache *x = nv_xcalloc(1, sizeof(*x));

	x->recs = nv_strmap_new();
	return x;
}

static void record_free(void *p)
{
	struct record *r = p;
	int k;

	for (k = 0; k < MDL_CHECK_COUNT; k++)
		nv_diags_release(&r->diags[k]);
	free(r->path);
	free(r);
}

void nv_check_cache_free(struct nv_check_cache *x)
{
	size_t i;

	if (!x)
		return;
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

/* The record of e, made if new; NULL if another entry of this build has it. */
static struct record *record_of(struct nv_check_cache *x, const struct nv_entry *e)
{
	struct record *r = nv_strmap_get(x->recs, e->path);

	if (!r) {
		r = nv_xcalloc(1, sizeof(*r));
		r->path = nv_xstrdup(e->path);
		nv_strmap_put(x->recs, r->path, r);
		NV_GROW(x->v, x->nr + 1, x->alloc);
		x->v[x->nr++] = r;
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
	free(x->of);
	free(x->hit);
	x->of = nv_xcalloc(m->nentries + 1, sizeof(*x->of));
	x->hit = nv_xcalloc(m->nentries + 1, sizeof(*x->hit));
	x->nof = m->nentries;
	x->of_build = x->build;
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
	x->check = k;
	find_records(x, b->m);
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
static struct record *slot(const struct builder *b, enum mdl_check k, size_t i, struct nv_hash *h)
{
	const struct nv_check_cache *x = b->cache;
	const struct nv_entry *e;
	struct record *r;

	if (!x || x->check != k || i >= x->nof || !(r = x->of[i]))
		return NULL;
	e = b->m->entries[i];
	if (!cacheable(e))
		return NULL;
	/* The path is the record's; id and kind follow from it and the front matters. */
	*h = x->g[k];
	/* The front matter's characters, and the marks, are the document's text's alone. */
	nv_hash_hash(h, k == MDL_CHECK_META ? e->doc->meta_hash : e->doc->hash);
	return r;
}

bool mdl_cache_replay(const struct builder *b, enum mdl_check k, size_t i)
{
	struct record *r;
	const struct nv_diag *v;
	struct nv_diag *n;
	struct nv_hash h;
	size_t j;

	if (!(r = slot(b, k, i, &h)))
		return false;
	if (!r->have[k] || !nv_hash_eq(r->key[k], h)) {
		/* Checked now: mdl_cache_store() records the result under this key. */
		r->have[k] = false;
		r->key[k] = h;
		return false;
	}
	for (j = 0; j < r->diags[k].nr; j++) {
		v = &r->diags[k].v[j];
		n = nv_diag_add(b->d, v->severity, v->file, v->line, v->col, "%s", v->msg);
		if (v->hint)
			nv_diag_hint(n, "%s", v->hint);
		n->secret = v->secret;
	}
	b->cache->hit[i] |= (unsigned char)(1u << k);
	return true;
}

void mdl_cache_store(const struct builder *b, enum mdl_check k, size_t i, size_t mark)
{
	struct record *r;
	const struct nv_diag *v;
	struct nv_diag *n;
	struct nv_hash h;
	size_t j;

	if (!(r = slot(b, k, i, &h)) || r->have[k] || !nv_hash_eq(r->key[k], h))
		return;
	nv_diags_release(&r->diags[k]);
	for (j = mark; j < b->d->nr; j++) {
		v = &b->d->v[j];
		n = nv_diag_add(&r->diags[k], v->severity, v->file, v->line, v->col, "%s", v->msg);
		if (v->hint)
			nv_diag_hint(n, "%s", v->hint);
		n->secret = v->secret;
	}
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

size_t nv_check_cache_hits(const struct nv_check_cache *x)
{
	return x ? x->hits : 0;
}

void mdl_cache_start(struct builder *b)
{
	if (!b->cache)
		return;
	b->cache->build++;
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
	for (i = 0; i < x->nof; i++)
		for (k = 0; k < MDL_CHECK_COUNT; k++)
			x->hits += (x->hit[i] >> k) & 1;
	drop_gone(x);
	free(x->hit);
	x->hit = NULL;
	free(x->of);
	x->of = NULL;
	x->nof = 0;
}
