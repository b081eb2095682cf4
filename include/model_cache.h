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
 *
 * The cache also keeps the whole model of the last build (handed over by
 * the build driver, nv_check_cache_keep_model()), which the next build
 * takes over when nothing but bodies of plain documents changed: the same
 * key as above without the texts, and every document read again with the
 * same front matter (its first version is kept alive: the model's strings
 * point into it). Then only the steps that read bodies run again.
 *
 * A one-shot build keeps the results per document (never the model) in
 * a file of its output folder, NV_CHECKS_FILE, beside site/ and print/
 * (model_cache_disk.c): the next build reads it into a cache and checks
 * only the documents whose keys differ. The file names the program that
 * wrote it; one of another program, or not whole, is ignored.
 */
#ifndef NV_MODEL_CACHE_H
#define NV_MODEL_CACHE_H

#include "common.h"

struct nv_check_cache;
struct nv_content;
struct nv_model;
struct nv_strlist;

/* The file of an output folder that holds the results of its last build's checks. */
#define NV_CHECKS_FILE ".nastavnik-checks"

/* An empty cache; free with nv_check_cache_free(). */
struct nv_check_cache *nv_check_cache_new(void);

/* Free x and every result it holds; accepts NULL. */
void nv_check_cache_free(struct nv_check_cache *x);

/*
 * A cache holding the results that nv_check_cache_encode() of this very
 * program (its version and its file: a program built again ignores the
 * file) made, written to path. A file that is missing, cut short, changed
 * in any byte, of another format or of another program gives an empty
 * cache, as does one that cannot be read: a build with it then checks
 * everything, as without it. Never NULL; free with nv_check_cache_free().
 */
struct nv_check_cache *nv_check_cache_read(const char *path);

/*
 * The bytes of a file of the results of x (those of its last build, and
 * any others whose documents it still has), appended to file; the model
 * kept for the next build is not among them. The build writes them
 * atomically, readable by its owner alone (diagnostics name people),
 * under the lock of the output folder. Returns 0, or -1 with errno (the
 * program's own file cannot be read to key them).
 */
struct nv_buf;
int nv_check_cache_encode(const struct nv_check_cache *x, struct nv_buf *file);

/*
 * How many results (one per document and check) the last build took
 * from x instead of checking; for tests.
 */
size_t nv_check_cache_hits(const struct nv_check_cache *x);

/* True if the last build with x took over the model kept from the one before; for tests. */
bool nv_check_cache_took_model(const struct nv_check_cache *x);

/*
 * The model of a build that used x, handed over by the build driver when
 * it is done with it (m is zeroed): the next build takes it over when
 * nothing but bodies of plain documents changed, and runs again only the
 * steps that read bodies (the marks «не для сайта», the links and their
 * anchors, the mentions of people, the texts' checks, the items of
 * orders); the other steps' diagnostics are added again as they were.
 * Anything else (people.yml, site.yml, pairs.yml or any data file, any
 * front matter, the set of documents or attachments, a form, the drafts
 * option) builds the whole model again. Released by x, or at once when x
 * has no record of the build that made it.
 */
void nv_check_cache_keep_model(struct nv_check_cache *x, struct nv_model *m);

/*
 * Before a load takes over prev with the files `changed` read again
 * (nv_content_update, content.h): each document of prev among them that
 * the kept model reads is replaced in prev by a stand-in with its names
 * and kept alive by x, since the model's strings point into it. Nothing
 * without a kept model, x or changed.
 */
void nv_check_cache_retire(struct nv_check_cache *x, struct nv_content *prev,
			   const struct nv_strlist *changed);

/*
 * The load reads the folder again, and documents the kept model points to
 * may go: release the model first (while prev still holds them). Accepts
 * NULL.
 */
void nv_check_cache_forget(struct nv_check_cache *x);

#endif
