/*
 * model_cache_int.h: what model_cache.c (the records kept between
 * builds) shares with model_cache_disk.c (the records kept in a file
 * between one-shot builds); private to generator/model_cache*.c.
 */
#ifndef NV_MODEL_CACHE_INT_H
#define NV_MODEL_CACHE_INT_H

#include "common.h"

#include "buf.h"
#include "diag.h"
#include "model_int.h"

/* One document's results: per check, the key it was made under and the diagnostics it made. */
struct mdl_record {
	char *path; /* the key in the cache's index */
	struct nv_hash key[MDL_CHECK_COUNT];
	bool have[MDL_CHECK_COUNT];
	struct nv_diags diags[MDL_CHECK_COUNT];
	unsigned long seen; /* the build that last had this document */
};

/*
 * A new empty record of x for path (copied), or NULL when x has one for
 * it already. Its results are filled in by the caller.
 */
struct mdl_record *mdl_cache_add(struct nv_check_cache *x, const char *path);

/* The records of x: *n of them, in the order they were made; owned by x. */
struct mdl_record *const *mdl_cache_records(const struct nv_check_cache *x, size_t *n);

/* Add to dst a copy of each diagnostic of src from its from-th on. */
void mdl_cache_copy_diags(struct nv_diags *dst, const struct nv_diags *src, size_t from);

#endif
