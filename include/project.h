/*
 * project.h: opening a project — the content folder loaded and its model
 * built — the one way every command does it (check, print, build, serve).
 *
 * The policies are the caller's, stated in struct nv_project_opts: whether
 * drafts count, how many threads parse, and, for a process that builds
 * again and again, which documents of its last load may be taken over.
 */
#ifndef NV_PROJECT_H
#define NV_PROJECT_H

#include "common.h"

#include "content.h"
#include "model.h"

struct nv_diags;

struct nv_project_opts {
	const char *content; /* the content folder: "content" */
	bool drafts;	     /* documents with draft: true count */
	int jobs;	     /* threads; 0: one per processor */
	/*
	 * A process that loads again and again (the preview server): its
	 * last load, taken over where files did not change and emptied
	 * (see nv_content_reload); and, when known, the files changed since
	 * (see nv_content_update). NULL: a fresh load.
	 */
	struct nv_content *prev;
	const struct nv_strlist *changed;
	/*
	 * A process that loads once (without prev) and never takes its
	 * content over: the documents' texts, which only the model's checks
	 * read, are dropped as each is parsed (entries' text is NULL) and
	 * read again by a check that needs one (nv_content_doc_text).
	 */
	bool once;
	/* The per-document checks' results kept between loads (model_cache.h), or NULL. */
	struct nv_check_cache *checks;
	/*
	 * A load for once only: the file of the bodies' summaries the last
	 * build kept (md_summary.h), or NULL. An unchanged body is then a stub
	 * without its tree: the caller parses the trees it renders
	 * (nv_content_trees()).
	 */
	const char *bodies;
	/*
	 * The same for the front matters' trees (nv_content_load_bodies()),
	 * and the file the load writes them into once the model is built (not
	 * again when they are the ones it holds), or NULL.
	 */
	const char *fronts, *fronts_file;
	/*
	 * A load for once only: each body the summaries do not keep is left
	 * unparsed, and the steps of the model that read bodies are the
	 * caller's, entry by entry (nv_project_body_read()), so that the
	 * trees of a large folder are never all in memory at once.
	 */
	bool defer;
};

struct nv_project {
	struct nv_content content;
	struct nv_model model;
	bool loaded; /* the folder could be walked: content and model are valid */
};

/*
 * Load o->content and build its model into p (zeroed here). Returns 0
 * when the folder could be walked, even if files have errors (they are
 * in d, and the model holds what was valid); -1 when it could not (the
 * error is in d; nothing to release but p itself). Release with
 * nv_project_release() in both cases.
 */
int nv_project_load(struct nv_project *p, const struct nv_project_opts *o, struct nv_diags *d);

/*
 * Free the model and move the content into keep (the next load's prev),
 * or free it too when keep is NULL; p is zeroed.
 */
void nv_project_keep(struct nv_project *p, struct nv_content *keep);

/*
 * The summaries of p's bodies for the next build (md_summary.h),
 * appended to out; nothing when p is not loaded. They read only what
 * the load parsed: they may be made while the back ends run.
 */
void nv_project_bodies(const struct nv_project *p, struct nv_buf *out);

/*
 * One thread's reading of the bodies of a project loaded with defer:
 * nv_project_body_read() parses entry i's body and runs the model's
 * steps that read it (model.h), false when it could not be read (the
 * error is the state's). nv_project_body_free() merges the state's
 * diagnostics into d, from one thread at a time. After every entry's,
 * call nv_model_bodies_end(). A state of a project loaded without defer,
 * or whose steps ended, is NULL and reads nothing.
 */
struct nv_project_body;
struct nv_project_body *nv_project_body_new(struct nv_project *p);
bool nv_project_body_read(struct nv_project_body *s, size_t i);
void nv_project_body_free(struct nv_project_body *s, struct nv_diags *d);

/*
 * Free entry i's tree, its text and its front matter's tree once nothing
 * reads them (the back ends made its page and PDF): its body is a stub
 * then (md_summary.h). Nothing in a project loaded without defer.
 */
void nv_project_body_drop(struct nv_project *p, size_t i);

/*
 * Read every entry's body on `jobs` threads, and drop it unless keep
 * (the trees for a back end that needs them all), then end the model's
 * steps (nv_model_bodies_end()). Nothing when they ended, or without
 * defer.
 */
void nv_project_read_bodies(struct nv_project *p, int jobs, bool keep, struct nv_diags *d);

/* Free what p holds; p is zeroed. Accepts a project that failed to load. */
void nv_project_release(struct nv_project *p);

#endif
