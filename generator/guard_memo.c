/*
 * guard_memo.c: the windows of text a thread found a published person's
 * mention in, kept for the guard it read them with; see guard_int.h.
 *
 * A site's pages repeat what names their published people: the
 * curator in every page's footer, the same lines of a calendar or of a
 * data file. What nv_guard_find() finds in a window is a function of the
 * window's bytes alone (it folds from the window's start on, nothing
 * before it; the characters it reads look at most a few bytes past what
 * they take), of the guard and of whether the text is markup. So a
 * window whose bytes, and MEMO_AHEAD bytes after them, are all the same
 * as one kept gives the same mention. Without markup the bytes are only
 * those the mention depends on (nv_guard_memo_end()): a data file's
 * item names the same person with other words after it. A kept window
 * is taken only when every byte is the same, never by its hash alone;
 * where the text ended within the bytes kept, the text must end at the
 * same place. A hash has MEMO_WAYS places, for windows that start alike.
 */
#include "common.h"

#include "alloc.h"
#include "guard.h"
#include "guard_int.h"

#define MEMO_SLOTS 256
#define MEMO_WAYS  4	/* places a window may take: its hash's and the next ones */
#define MEMO_MAX   1024 /* bytes of text kept: longer windows are read each time */
#define MEMO_AHEAD 16	/* bytes past a window its characters may look at (a reference) */
#define MEMO_HASH  32 /* bytes at the start of a window of markup, or a run, that give its place */
/* Without markup: a data file's windows start alike («наставников (этап 1)"…»). */
#define MEMO_HEAD 64

struct memo_window {
	uint64_t serial;     /* the guard's (g->serial); 0: empty */
	uint32_t len;	     /* the bytes kept, the window's and MEMO_AHEAD more */
	uint32_t start, end; /* the mention, from the window's start */
	bool markup;
	bool ends; /* the text ended there */
	const struct nv_person *p;
	unsigned char text[MEMO_MAX];
};

static _Thread_local struct memo_window *memo; /* MEMO_SLOTS, nv_thread_block() */
static _Thread_local unsigned memo_next;       /* the way a window goes to where all are full */

/* A hash of the first bytes at s (n to the text's end). */
static uint64_t head_hash(const char *s, size_t n, bool markup)
{
	uint64_t h = (uint64_t)markup * UINT64_C(0x9E3779B97F4A7C15), w;
	size_t i, k = markup ? MEMO_HASH : MEMO_HEAD;

	k = n < k ? n : k;

	for (i = 0; i < k; i += 8) {
		w = nv_guard_load8((const unsigned char *)s + i, k - i);
		h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
		h ^= h >> 29;
	}
	return h;
}

/* The first of the MEMO_WAYS places of the window at s[0] (n bytes to the text's end). */
static struct memo_window *memo_slot(const char *s, size_t n, bool markup)
{
	struct memo_window *v = nv_thread_block((void **)&memo, MEMO_SLOTS * sizeof(*memo));

	return &v[head_hash(s, n, markup) % MEMO_SLOTS / MEMO_WAYS * MEMO_WAYS];
}

/* Was m kept for g, markup and the bytes at text[i] (n in all)? */
static bool memo_same(const struct memo_window *m, const struct nv_guard *g, const char *text,
		      size_t n, size_t i, bool markup)
{
	return m->serial == g->serial && m->markup == markup &&
	       (m->ends ? n - i == m->len : n - i >= m->len) && !memcmp(m->text, text + i, m->len);
}

bool nv_guard_memo_get(const struct nv_guard *g, const char *text, size_t n, size_t i, bool markup,
		       struct nv_guard_hit *hit)
{
	const struct memo_window *m = memo_slot(text + i, n - i, markup);
	unsigned k;

	for (k = 0; k < MEMO_WAYS && !memo_same(&m[k], g, text, n, i, markup); k++)
		;
	if (k == MEMO_WAYS)
		return false;
	m += k;
	hit->p = m->p;
	hit->start = i + m->start;
	hit->end = i + m->end;
	hit->leak = false;
	return true;
}

void nv_guard_memo_put(const struct nv_guard *g, const char *text, size_t n, size_t i, size_t end,
		       bool markup, const struct nv_guard_hit *hit)
{
	struct memo_window *m;
	size_t len;
	unsigned k;

	end = n - end > MEMO_AHEAD ? end + MEMO_AHEAD : n;
	len = end - i;
	if (hit->leak || len > MEMO_MAX || hit->start < i || hit->end > end)
		return;
	/* An empty place of the window's, else each in turn. */
	m = memo_slot(text + i, n - i, markup);
	for (k = 0; k < MEMO_WAYS && m[k].serial; k++)
		;
	m += k < MEMO_WAYS ? k : memo_next++ % MEMO_WAYS;
	m->serial = g->serial;
	m->len = (uint32_t)len;
	m->start = (uint32_t)(hit->start - i);
	m->end = (uint32_t)(hit->end - i);
	m->markup = markup;
	m->ends = end == n;
	m->p = hit->p;
	memcpy(m->text, text + i, len);
}

/*
 * What a window gives depends on its folded bytes up to the last one the
 * scan read (hi; SIZE_MAX where it read the window's end) and up to its
 * cut (which fixes where the cut falls), and on the length of the window
 * only where the scan read its end. Without markup those bytes come, in
 * order, from the text before the offset of the next one (each
 * character's look-ahead is within MEMO_AHEAD); with markup attribute
 * values come later than the text after them, so it is the window's
 * whole text, to `end`.
 */
size_t nv_guard_memo_end(const struct nv_guard_folded *fd, size_t hi, size_t cut, size_t end,
			 bool markup)
{
	hi = hi > cut ? hi : cut;
	return !markup && hi < fd->len ? fd->base + fd->o[hi] : end;
}

/*
 * The runs of markup, from a tag outside a word to another (longer than
 * RUN_MIN bytes; not the plain tags, «<p>», «</li>», that a block of the
 * pass goes through at once), that the skipping pass of a thread went
 * through with no word a key may start, for the guard it read them with:
 * the pages of a site repeat their theme's header, menus and footer.
 * Going through a run depends on its bytes alone (outside a word at its
 * start, the pass reads nothing before it; MEMO_AHEAD bytes after it are
 * compared too), so the same bytes are gone through again at once, with
 * the word starts and tags the pass keeps (the last few:
 * nv_guard_skip()'s place to fold from). A run that was taken again
 * stays (`uses`) until others have come to its place as often. A run's
 * bytes are copied the second time it is gone through (its hash and
 * length kept the first): most runs of a page's body are gone through
 * once, and copying them cost more than the theme's runs saved.
 */
#define RUN_SLOTS NV_GUARD_RUN_SLOTS

struct memo_run {
	uint64_t serial; /* the guard's (g->serial); 0: empty */
	uint32_t hash;	 /* nv_guard_run_hash() of its first bytes */
	uint32_t len;
	uint32_t uses;
	bool copied; /* text holds the run, else only its hash and length are kept */
	uint32_t safe[NV_GUARD_RUN_SAFE];
	unsigned nsafe;
	unsigned char text[NV_GUARD_RUN_MAX + MEMO_AHEAD];
};

/* This thread's runs, and the hash of the run at each place (nv_guard_run_tags). */
struct run_memo {
	uint32_t tags[RUN_SLOTS];
	struct memo_run runs[RUN_SLOTS];
};

static _Thread_local struct run_memo *thread_runs; /* nv_thread_block() */
_Thread_local const uint32_t *nv_guard_run_tags;

/* The place for the run of hash h, this thread's runs made on first use. */
static struct memo_run *run_place(uint32_t h)
{
	if (!thread_runs) {
		nv_thread_block((void **)&thread_runs, sizeof(*thread_runs));
		nv_guard_run_tags = thread_runs->tags;
	}
	return &thread_runs->runs[h % RUN_SLOTS];
}

size_t nv_guard_run_get(const struct nv_guard *g, const char *text, size_t n, size_t i, uint32_t h,
			uint32_t *safe, unsigned *nsafe)
{
	struct memo_run *m;

	if (n - i < NV_GUARD_RUN_MIN + MEMO_AHEAD)
		return 0;
	m = run_place(h);
	if (m->hash != h || m->serial != g->serial || !m->copied || n - i < m->len + MEMO_AHEAD ||
	    memcmp(m->text, text + i, m->len + MEMO_AHEAD))
		return 0;
	m->uses += m->uses < 8;
	memcpy(safe, m->safe, m->nsafe * sizeof(*safe));
	*nsafe = m->nsafe;
	return m->len;
}

void nv_guard_run_put(const struct nv_guard *g, const char *text, size_t n, size_t i, size_t e,
		      const uint32_t *safe, unsigned nsafe)
{
	struct memo_run *m;
	uint32_t h;

	if (e - i < NV_GUARD_RUN_MIN || e - i > NV_GUARD_RUN_MAX || n - e < MEMO_AHEAD ||
	    nsafe > NV_GUARD_RUN_SAFE)
		return;
	h = nv_guard_run_hash(text + i);
	m = run_place(h);
	if (m->serial == g->serial && m->uses) {
		m->uses--;
		return;
	}
	/* Seen once: its hash and length, to be copied when it comes again. */
	if (m->serial != g->serial || m->copied || m->hash != h || m->len != e - i) {
		m->serial = g->serial;
		m->hash = h;
		m->len = (uint32_t)(e - i);
		m->uses = 0;
		m->copied = false;
		thread_runs->tags[h % RUN_SLOTS] = 0;
		return;
	}
	m->copied = true;
	thread_runs->tags[h % RUN_SLOTS] = h;
	memcpy(m->safe, safe, nsafe * sizeof(*safe));
	m->nsafe = nsafe;
	memcpy(m->text, text + i, e - i + MEMO_AHEAD);
}
