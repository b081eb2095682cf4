/*
 * print_cache.c: the texts an engine has set, kept for the next time the
 * same text is set with the same style and width (the approval blocks,
 * the headings and table rows every order has, the page numbers).
 *
 * An entry keeps the Pango layouts nv_pl_set_text() made, in their order,
 * with the x offset of each line layout; a hit takes a reference to each
 * and places their lines by the same arithmetic as the first time, so the
 * pages are the same as if the text were shaped again (the lines' extents
 * are asked of Pango once, when the entry is first used again, and kept
 * with it). The cache holds
 * at most NV_PL_CACHE_BYTES of keys (print_int.h; its layouts take some
 * 30 times that): a new text pushes out the texts used longest ago, so
 * the memory stays bounded however many documents an engine prints. On
 * the realistic 1k corpus 45 % of the text set (by bytes) is found set
 * before (the former 256 direct-mapped slots, emptied every 64
 * documents: 23 %); twice the keys would find 52 %, but the memory of a
 * printing process would then pass that of the site's render at 10k.
 *
 * The lines of justified text (print_break.c) are kept the same way, one
 * layout per key of at most NV_PL_LINE_BYTES: a text not found whole
 * mostly shares its lines with one set before (an order differs from the
 * last in a name or a date, and the lines before it come out the same).
 * On the realistic 1k corpus 25,000 lines are set, of 4,500 different
 * ones: setting each once saves some 10 % of the CPU of the PDFs, and
 * the layouts shared take less memory than those made again. The narrowest
 * and widest each table cell can be (print_table.c) are kept in SLOTS
 * direct-mapped slots.
 */
#include "common.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "print.h"
#include "print_int.h"

/* Buckets of the table of texts (a power of two) and the extents' slots. */
#define BUCKETS 4096
#define SLOTS	4096

struct entry {
	char *key;
	size_t klen;
	uint64_t hash;
	PangoLayout **l;
	double *off; /* per layout: the x offset of its lines; NAN: it has none shown */
	size_t n;
	/* Once used again: the lines of each layout placed at 0, 0 (nrel per layout). */
	struct mline *rel;
	size_t *nrel, arel;
	struct entry *next;	     /* in its bucket */
	struct entry *older, *newer; /* in the order of use */
};

/* The narrowest and widest a table cell can be (print_table.c). */
struct extent {
	char *key;
	size_t klen;
	double min, max;
};

/* Entries by key, in the order of use. */
struct table {
	struct entry *bucket[BUCKETS];
	struct entry *oldest, *newest;
	size_t bytes; /* of the keys kept */
};

struct nv_pl_cache {
	struct table texts, lines;
	struct extent ext[SLOTS];
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void entry_free(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		g_object_unref(e->l[i]);
	free(e->key);
	free(e->l);
	free(e->off);
	free(e->rel);
	free(e->nrel);
	free(e);
}

/* Take e out of the order of use. */
static void unlink_use(struct table *c, struct entry *e)
{
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	e->older = e->newer = NULL;
}

/* Make e the newest used. */
static void touch(struct table *c, struct entry *e)
{
	if (c->newest == e)
		return;
	if (e->older || e->newer || c->oldest == e)
		unlink_use(c, e);
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* Drop e from the cache. */
static void drop(struct table *c, struct entry *e)
{
	struct entry **p = &c->bucket[e->hash % BUCKETS];

	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	unlink_use(c, e);
	c->bytes -= e->klen;
	entry_free(e);
}

void nv_pl_cache_free(struct nv_pl_cache *c)
{
	size_t i;

	if (!c)
		return;
	while (c->texts.oldest)
		drop(&c->texts, c->texts.oldest);
	while (c->lines.oldest)
		drop(&c->lines, c->lines.oldest);
	for (i = 0; i < SLOTS; i++)
		free(c->ext[i].key);
	free(c);
}

void nv_pl_cache_key(struct nv_buf *key, const char *markup, const struct nv_pl_style *st, double w)
{
	nv_buf_addf(key, "%a %d %d %a %d %a|", st->size, st->bold, (int)st->align, st->indent,
		    st->hyphenate, w);
	nv_buf_adds(key, markup);
}

static struct nv_pl_cache *cache(struct nv_pl_engine *en)
{
	if (!en->cache)
		en->cache = nv_xcalloc(1, sizeof(*en->cache));
	return en->cache;
}

static struct entry *find(struct table *c, const struct nv_buf *key, uint64_t h)
{
	struct entry *e;

	for (e = c->bucket[h % BUCKETS]; e; e = e->next)
		if (e->hash == h && e->klen == key->len && !memcmp(e->key, key->ptr, key->len))
			return e;
	return NULL;
}

/*
 * The lines of the layouts of e, placed at 0, 0 by nv_pl_add_lines() the
 * first time e is used again, then kept: a text used again places its
 * lines without asking Pango for their extents.
 */
static void rel_lines(struct entry *e)
{
	size_t i, n = 0;

	if (e->nrel)
		return;
	e->nrel = nv_xcalloc(e->n, sizeof(*e->nrel));
	for (i = 0; i < e->n; i++) {
		PangoLayoutIter *it;
		if (!isnan(e->off[i])) {
			it = pango_layout_get_iter(e->l[i]);
			nv_pl_add_lines(it, 0, 0, &e->rel, &n, &e->arel);
			pango_layout_iter_free(it);
		}
		e->nrel[i] = n; /* the lines of layouts [0, i] */
	}
}

/*
 * Append lines r[s, k) at x0, y0 to *lines as nv_pl_add_lines() placed
 * them (the same sums, so the same positions to the last bit); returns
 * their height.
 */
static double place(const struct mline *r, size_t s, size_t k, double x0, double y0,
		    struct mline **lines, size_t *n, size_t *alloc)
{
	double bottom = 0;
	size_t i;

	for (i = s; i < k; i++) {
		struct mline *ml;
		NV_GROW(*lines, *n + 1, *alloc);
		ml = &(*lines)[(*n)++];
		*ml = r[i];
		ml->x = x0 + r[i].x;
		ml->top = y0 + r[i].top;
		ml->base = y0 + r[i].base;
		bottom = ml->top + ml->h - y0;
	}
	return bottom;
}

bool nv_pl_cache_get(struct measure *ms, const struct nv_buf *key, double x0, double y0,
		     struct mline **lines, size_t *n, size_t *alloc, double *height)
{
	struct table *c = &cache(ms->en)->texts;
	struct entry *e = find(c, key, hash(key->ptr, key->len));
	double h = 0;
	size_t i;

	if (!e)
		return false;
	touch(c, e);
	rel_lines(e);
	for (i = 0; i < e->n; i++) {
		g_object_ref(e->l[i]);
		nv_pl_keep_layout(ms->out, e->l[i]);
		if (isnan(e->off[i]))
			continue;
		h += place(e->rel, i ? e->nrel[i - 1] : 0, e->nrel[i], x0 + e->off[i], y0 + h,
			   lines, n, alloc);
	}
	*height = h;
	return true;
}

/*
 * A new entry of c for key with k layouts (their references taken by the
 * caller), the entries used longest ago dropped to keep c within budget.
 */
static struct entry *add(struct table *c, const struct nv_buf *key, uint64_t h, size_t k,
			 size_t budget)
{
	struct entry *e;

	if ((e = find(c, key, h)))
		drop(c, e);
	while (c->oldest && c->bytes + key->len > budget)
		drop(c, c->oldest);
	e = nv_xcalloc(1, sizeof(*e));
	e->key = nv_xmalloc(key->len + 1);
	memcpy(e->key, key->ptr, key->len + 1);
	e->klen = key->len;
	e->hash = h;
	e->l = nv_xcalloc(k, sizeof(*e->l));
	e->off = nv_xcalloc(k, sizeof(*e->off));
	e->n = k;
	e->next = c->bucket[h % BUCKETS];
	c->bucket[h % BUCKETS] = e;
	c->bytes += e->klen;
	touch(c, e);
	return e;
}

void nv_pl_cache_put(struct measure *ms, const struct nv_buf *key, size_t first, bool broken)
{
	size_t budget = ms->en->cache_bytes ? ms->en->cache_bytes : NV_PL_CACHE_BYTES;
	size_t i, k = ms->out->nlayouts - first;
	struct entry *e;

	if (k == 0 || (broken && ms->noffs + 1 != k) || key->len > budget / 4)
		return;
	e = add(&cache(ms->en)->texts, key, hash(key->ptr, key->len), k, budget);
	for (i = 0; i < k; i++) {
		e->l[i] = g_object_ref(ms->out->layouts[first + i]);
		e->off[i] = !broken ? 0 : i == 0 ? NAN : ms->offs[i - 1];
	}
}

PangoLayout *nv_pl_cache_get_line(struct nv_pl_engine *en, const struct nv_buf *key, double x0,
				  double y0, struct mline **lines, size_t *n, size_t *alloc,
				  double *height)
{
	struct table *c = &cache(en)->lines;
	struct entry *e = find(c, key, hash(key->ptr, key->len));

	if (!e)
		return NULL;
	touch(c, e);
	rel_lines(e);
	*height = place(e->rel, 0, e->nrel[0], x0, y0, lines, n, alloc);
	return g_object_ref(e->l[0]);
}

void nv_pl_cache_put_line(struct nv_pl_engine *en, const struct nv_buf *key, PangoLayout *l)
{
	size_t budget = en->cache_bytes ? en->cache_bytes / 2 : NV_PL_LINE_BYTES;

	if (key->len > budget / 4)
		return;
	add(&cache(en)->lines, key, hash(key->ptr, key->len), 1, budget)->l[0] = g_object_ref(l);
}

static struct extent *ext_slot(struct nv_pl_engine *en, const struct nv_buf *key)
{
	return &cache(en)->ext[hash(key->ptr, key->len) % SLOTS];
}

bool nv_pl_cache_get_extent(struct nv_pl_engine *en, const struct nv_buf *key, double *min,
			    double *max)
{
	struct extent *x = ext_slot(en, key);

	if (!x->key || x->klen != key->len || memcmp(x->key, key->ptr, key->len))
		return false;
	*min = x->min;
	*max = x->max;
	return true;
}

void nv_pl_cache_put_extent(struct nv_pl_engine *en, const struct nv_buf *key, double min,
			    double max)
{
	struct extent *x = ext_slot(en, key);

	free(x->key);
	x->key = nv_xmalloc(key->len + 1);
	memcpy(x->key, key->ptr, key->len + 1);
	x->klen = key->len;
	x->min = min;
	x->max = max;
}

/*
 * Every NV_PL_REST_EVERY documents (print_int.h), a fresh font map (and
 * the texts kept with the old one dropped). Pango keeps every font pattern
 * it has made, for good, in a table whose hash (FcPatternHash()) sees only
 * the integer part of a size: a font map that made many sizes finds a new
 * one slowly. Shrunk word spaces no longer make sizes of their own
 * (print_space.c), but text may still; a rest costs the fonts of the
 * common sizes made again, which are the same fonts, and the texts and
 * lines kept, so it comes seldom: every 1024 documents, not 256, since
 * the lines are kept (a 10k build: some 10 % less CPU, the same peak
 * memory).
 */

void nv_pl_engine_forget(struct nv_pl_engine *en)
{
	nv_pl_cache_free(en->cache);
	en->cache = NULL;
}

void nv_pl_engine_rest(struct nv_pl_engine *en)
{
	if (++en->docs % NV_PL_REST_EVERY)
		return;
	nv_pl_cache_free(en->cache);
	en->cache = NULL;
	g_object_unref(en->ctx);
	g_object_unref(en->fm);
	nv_pl_new_context(en);
}
