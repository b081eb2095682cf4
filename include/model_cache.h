/*
 * model_cache.h: the results of the checks that read one document each
 * (the secretary's text checks, model_text.c; the unmarked mentions of
 * people, model_pd.c), kept between the builds of a process that builds
 * again and again (the preview server), so that a change to one document
 * checks that document alone.
 *
 * A document's results are taken over only when its key is the same: its
 * path, id, kind and whole text, and everything else a check may read —
 * every data file (people.yml, site.yml, pairs.yml …), the names of the
 * attachments and of the files that failed to load, every document's
 * path and front matter (ids, kinds, appendices and `web: false` come
 * from them), the drafts option, and every field of every person as the
 * model holds it when the check runs. Anything else changed (people.yml
 * gains a hidden person, a front matter is edited) checks every document
 * again. The diagnostics taken over are the very ones the check made, in
 * the same order. A build uses the cache through nv_model_build_cached()
 * (model.h).
 */
#ifndef NV_MODEL_CACHE_H
#define NV_MODEL_CACHE_H

#include "common.h"

struct nv_check_cache;

/* An empty cache; free with nv_check_cache_free(). */
struct nv_check_cache *nv_check_cache_new(void);

/* Free x and every result it holds; accepts NULL. */
void nv_check_cache_free(struct nv_check_cache *x);

/*
 * How many results (one per document and check) the last build took
 * from x instead of checking; for tests.
 */
size_t nv_check_cache_hits(const struct nv_check_cache *x);

#endif
