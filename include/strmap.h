/*
 * strmap.h: an index from strings to pointers.
 *
 * Open addressing over a power-of-two table, so looking up a key costs
 * the same for 10 or 10,000 of them. The map neither copies nor frees
 * its keys: each key string must stay valid and unchanged while it is in
 * the map. Values are opaque pointers, owned by the caller.
 */
#ifndef NV_STRMAP_H
#define NV_STRMAP_H

#include "common.h"

struct nv_strmap;

/* A new, empty map; free it with nv_strmap_free(). Never returns NULL. */
struct nv_strmap *nv_strmap_new(void);

/*
 * Add key → val. The key must not be in the map yet; the key string is
 * not copied (it must outlive the map) and val may be NULL only if the
 * caller never needs to tell it from a missing key.
 */
void nv_strmap_put(struct nv_strmap *x, const char *key, void *val);

/*
 * Make room for n keys in all, so that adding them grows the table at
 * most once, now, not a doubling at a time.
 */
void nv_strmap_reserve(struct nv_strmap *x, size_t n);

/* The value of key, or NULL if the key is not in the map. x may be NULL (an empty map). */
void *nv_strmap_get(const struct nv_strmap *x, const char *key);

/* The number of keys in the map (0 for NULL). */
size_t nv_strmap_count(const struct nv_strmap *x);

/*
 * Free the map. If free_val is not NULL it is called once for every
 * value, in no particular order. The keys are left alone. x may be NULL.
 */
void nv_strmap_free(struct nv_strmap *x, void (*free_val)(void *val));

#endif
