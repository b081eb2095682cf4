/*
 * print_cache.c: the texts an engine has set, kept for the next time the
 * same text is set with the same style and width (the approval blocks,
 * the headings and table rows every order has, the page numbers).
 *
 * An entry keeps the Pango layouts nv_pl_set_text() made, in their order,
 * with the x offset of each line layout; a hit takes a reference to each
 * and places their lines by the same arithmetic as the first time, so the
 * pages are the same as if the text were shaped again. The cache is
 * direct-mapped with a fixed number of entries (256: more keep more
 * memory for little gain): a new text takes the slot
 * of an old one, and the memory stays bounded however many documents an
 * engine prints. The narrowest and widest each table cell can be
 * (print_table.c) are kept the same way.
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

#define SLOTS 256

struct entry {
	char *key;
	size_t klen;
	PangoLayout **l;
	double *off; /* per layout: the x offset of its lines; NAN: it has none shown */
	size_t n;
};

/* The narrowest and widest a table cell can be (print_table.c). */
struct extent {
	char *key;
	size_t klen;
	double min, max;
};

struct nv_pl_cache {
	struct entry slot[SLOTS];
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

static void entry_clear(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		g_object_unref(e->l[i]);
	free(e->key);
	free(e->l);
	free(e->off);
	memset(e, 0, sizeof(*e));
}

void nv_pl_cache_free(struct nv_pl_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < SLOTS; i++) {
		entry_clear(&c->slot[i]);
		free(c->ext[i].key);
	}
	free(c);
}

void nv_pl_cache_key(struct nv_buf *key, const char *markup, const struct nv_pl_style *st, double w)
{
	nv_buf_addf(key, "%a %d %d %a %d %a|", st->size, st->bold, (int)st->align, st->indent,
		    st->hyphenate, w);
	nv_buf_adds(key, markup);
}

static struct entry *slot(struct nv_pl_engine *en, const struct nv_buf *key)
{
	if (!en->cache)
		en->cache = nv_xcalloc(1, sizeof(*en->cache));
	return &en->cache->slot[hash(key->ptr, key->len) % SLOTS];
}

bool nv_pl_cache_get(struct measure *ms, const struct nv_buf *key, double x0, double y0,
		     struct mline **lines, size_t *n, size_t *alloc, double *height)
{
	struct entry *e = slot(ms->en, key);
	double h = 0;
	size_t i;

	if (!e->key || e->klen != key->len || memcmp(e->key, key->ptr, key->len))
		return false;
	for (i = 0; i < e->n; i++) {
		PangoLayoutIter *it;
		g_object_ref(e->l[i]);
		nv_pl_keep_layout(ms->out, e->l[i]);
		if (isnan(e->off[i]))
			continue;
		it = pango_layout_get_iter(e->l[i]);
		h += nv_pl_add_lines(it, x0 + e->off[i], y0 + h, lines, n, alloc);
		pango_layout_iter_free(it);
	}
	*height = h;
	return true;
}

void nv_pl_cache_put(struct measure *ms, const struct nv_buf *key, size_t first, bool broken)
{
	struct entry *e = slot(ms->en, key);
	size_t i, k = ms->out->nlayouts - first;

	if (k == 0 || (broken && ms->noffs + 1 != k))
		return;
	entry_clear(e);
	e->key = nv_xmalloc(key->len + 1);
	memcpy(e->key, key->ptr, key->len + 1);
	e->klen = key->len;
	e->l = nv_xcalloc(k, sizeof(*e->l));
	e->off = nv_xcalloc(k, sizeof(*e->off));
	e->n = k;
	for (i = 0; i < k; i++) {
		e->l[i] = g_object_ref(ms->out->layouts[first + i]);
		e->off[i] = !broken ? 0 : i == 0 ? NAN : ms->offs[i - 1];
	}
}

static struct extent *ext_slot(struct nv_pl_engine *en, const struct nv_buf *key)
{
	if (!en->cache)
		en->cache = nv_xcalloc(1, sizeof(*en->cache));
	return &en->cache->ext[hash(key->ptr, key->len) % SLOTS];
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
 * common sizes made again, which are the same fonts.
 */

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
