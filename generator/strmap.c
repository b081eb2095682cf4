/*
 * strmap.c: a string → pointer index; see strmap.h.
 *
 * Linear probing over a power-of-two table that is never more than half
 * full, with the FNV-1a hash of the key. Keys are never removed, so a
 * probe ends at the first empty slot.
 */
#include "common.h"

#include "alloc.h"
#include "strmap.h"

struct nv_strmap {
	const char **key;
	void **val;
	size_t cap, nr;
};

static size_t strmap_hash(const char *s)
{
	size_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

struct nv_strmap *nv_strmap_new(void)
{
	return nv_xcalloc(1, sizeof(struct nv_strmap));
}

void *nv_strmap_get(const struct nv_strmap *x, const char *key)
{
	size_t i;

	if (!x || !x->cap)
		return NULL;
	for (i = strmap_hash(key) & (x->cap - 1); x->key[i]; i = (i + 1) & (x->cap - 1))
		if (!strcmp(x->key[i], key))
			return x->val[i];
	return NULL;
}

/* Move x's keys into a table of cap slots (a power of two, more than twice their number). */
static void rehash(struct nv_strmap *x, size_t cap)
{
	struct nv_strmap old = *x;
	size_t i;

	x->cap = cap;
	x->key = nv_xcalloc(x->cap, sizeof(*x->key));
	x->val = nv_xcalloc(x->cap, sizeof(*x->val));
	x->nr = 0;
	for (i = 0; i < old.cap; i++)
		if (old.key[i])
			nv_strmap_put(x, old.key[i], old.val[i]);
	free(old.key);
	free(old.val);
}

void nv_strmap_reserve(struct nv_strmap *x, size_t n)
{
	size_t cap = x->cap ? x->cap : 64;

	while (n * 2 > cap)
		cap *= 2;
	if (cap > x->cap)
		rehash(x, cap);
}

void nv_strmap_put(struct nv_strmap *x, const char *key, void *val)
{
	size_t i;

	if ((x->nr + 1) * 2 > x->cap)
		rehash(x, x->cap ? x->cap * 2 : 64);
	for (i = strmap_hash(key) & (x->cap - 1); x->key[i]; i = (i + 1) & (x->cap - 1))
		;
	x->key[i] = key;
	x->val[i] = val;
	x->nr++;
}

size_t nv_strmap_count(const struct nv_strmap *x)
{
	return x ? x->nr : 0;
}

void nv_strmap_free(struct nv_strmap *x, void (*free_val)(void *val))
{
	size_t i;

	if (!x)
		return;
	for (i = 0; free_val && i < x->cap; i++)
		if (x->key[i])
			free_val(x->val[i]);
	free(x->key);
	free(x->val);
	free(x);
}
