/*
 * html_typo.c: the typographed title and summary of every document,
 * made once per build (see html_int.h). A title is shown on its page
 * four times (the heading, the title kept on one line, the page's
 * <title>, its search record) and again on every list page that links
 * to it; typography is the same each time, so it is done once, on the
 * rendering threads, before the pages.
 *
 * The memo is keyed by the string's address, not its bytes: a string of
 * the model is never changed while the site is rendered, and a lookup is
 * a hash of one pointer. Anything else falls back to nv_typo_str().
 */
#include "common.h"

#include "alloc.h"
#include "html_int.h"
#include "model.h"
#include "threads.h"
#include "typo.h"

struct nv_html_typo {
	const char **key; /* an entry's title or summary; NULL: a free slot */
	char **val;	  /* its typographed form */
	size_t mask;	  /* slots - 1, a power of two minus one */
};

/* The slot of key, or of the free slot where it goes. */
static size_t slot_of(const struct nv_html_typo *t, const char *key)
{
	size_t h = (size_t)(((uintptr_t)key >> 3) * UINT64_C(0x9E3779B97F4A7C15) >> 20);

	for (h &= t->mask; t->key[h] && t->key[h] != key; h = (h + 1) & t->mask)
		;
	return h;
}

/* What one thread typesets: slots todo[i] for the indices of its share. */
struct typo_job {
	struct nv_html_typo *t;
	const size_t *todo; /* slots to fill */
	struct nv_share share;
};

static void *typo_thread(void *arg)
{
	struct typo_job *j = arg;
	size_t i;

	while (nv_share_next(&j->share, &i))
		j->t->val[j->todo[i]] = nv_typo_str(j->t->key[j->todo[i]]);
	return NULL;
}

/* Take key (when set and new) and record its slot in todo. */
static void add_key(struct nv_html_typo *t, const char *key, size_t *todo, size_t *n)
{
	size_t h;

	if (!key || !*key || t->key[(h = slot_of(t, key))])
		return;
	t->key[h] = key;
	todo[(*n)++] = h;
}

struct nv_html_typo *nv_html_typo_new(const struct nv_model *m, int jobs)
{
	struct nv_html_typo *t = nv_xcalloc(1, sizeof(*t));
	struct typo_job *job;
	size_t slots = 64, *todo, n = 0, i, nthreads;
	struct nv_work work = NV_WORK_INIT(0);

	while (slots < 4 * m->nentries)
		slots *= 2;
	t->mask = slots - 1;
	t->key = nv_xcalloc(slots, sizeof(*t->key));
	t->val = nv_xcalloc(slots, sizeof(*t->val));
	todo = nv_xcalloc(2 * m->nentries + 1, sizeof(*todo));
	for (i = 0; i < m->nentries; i++) {
		add_key(t, m->entries[i]->title, todo, &n);
		add_key(t, m->entries[i]->summary, todo, &n);
	}
	nthreads = nv_thread_count(jobs, n);
	job = nv_xcalloc(nthreads, sizeof(*job));
	work.n = n;
	for (i = 0; i < nthreads; i++)
		job[i] = (struct typo_job){ t, todo, { &work, 0, 0 } };
	nv_run_threads(typo_thread, job, nthreads, sizeof(*job));
	free(job);
	free(todo);
	return t;
}

void nv_html_typo_free(struct nv_html_typo *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i <= t->mask; i++)
		free(t->val[i]);
	free(t->key);
	free(t->val);
	free(t);
}

const char *nv_html_typo_get(const struct nv_html_typo *t, const char *v)
{
	size_t h;

	if (!t || !v)
		return NULL;
	h = slot_of(t, v);
	return t->key[h] ? t->val[h] : NULL;
}

char *nv_html_typo_str(const struct nv_html_state *s, const char *v)
{
	const char *memo = nv_html_typo_get(s ? s->typo : NULL, v);

	return memo ? nv_xstrdup(memo) : nv_typo_str(v);
}

void nv_html_set_tt(const struct nv_html_state *s, struct nv_value *m, const char *k, const char *v)
{
	const char *memo = nv_html_typo_get(s ? s->typo : NULL, v);

	if (!memo) {
		nv_html_set_t(m, k, v);
		return;
	}
	set(m, k, nv_value_new_str(memo));
}
