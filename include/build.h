/*
 * build.h: one whole build — content → model → website and PDFs — as the
 * `build` command runs it and as a preview server can rerun it.
 *
 * Nothing is written unless the content has no errors. Each output tree
 * (OUT/site, OUT/print) holds the manifest of what it was made from
 * (build_cache.h), swapped in with it:
 *  - a fingerprint of the files' names, sizes and times: when it has not
 *    changed, the build stops at once, without reading a file;
 *  - a global key (program, options, theme, data files, attachments, the
 *    front matter of every document): when it changed, the site and the
 *    print folder are built whole in staging folders;
 *  - one key per output of a document (the global key, its text and its
 *    appendices' texts): when only texts changed, the staging folders
 *    start as hard links to the published files, and only the outputs of
 *    those documents and the search index are written into them again;
 *    outputs they no longer have are removed. The result is byte for
 *    byte that of a whole build.
 * Either way each staging folder, complete with its manifest, is then
 * swapped in atomically (fs.h: nv_outdir_commit), the print folder
 * first, then the site: a build killed at any moment leaves each tree
 * as the last build or as this one left it, never a mix of the two.
 *
 * A build holds a lock on OUT (flock) from before it reads the manifest
 * to the end, removes the staging folders builds cut short left there,
 * and kills its PDF workers with it (PR_SET_PDEATHSIG).
 */
#ifndef NV_BUILD_H
#define NV_BUILD_H

#include "common.h"

struct nv_diags;
struct nv_check_cache;
struct nv_content;
struct nv_strlist;

struct nv_build_opts {
	const char *content;  /* the content folder: "content" */
	const char *out;      /* the output folder: "output" (site/ and print/ go in it) */
	const char *base_url; /* for the feed and sitemap, or NULL */
	bool drafts, fragment, pdf;
	bool force; /* build even when nothing changed */
	int jobs;   /* threads (-j): parsing, rendering, writing; 0: one per processor */
	/*
	 * A process that builds again and again (the preview server): the
	 * documents of its last build, taken over by the next one where their
	 * files did not change, and left here for the one after. NULL: none.
	 */
	struct nv_content *keep;
	/*
	 * With keep: the files changed since the last build ("content/…",
	 * as the server's file watch reported them), or NULL when not known.
	 * When every one of them is a document of the last build, only those
	 * are read; the others are taken without even a look at their times.
	 */
	const struct nv_strlist *changed;
	/*
	 * With keep: the results of the per-document checks of the last
	 * builds, taken over where nothing they depend on changed
	 * (model_cache.h), or NULL.
	 */
	struct nv_check_cache *checks;
	/*
	 * The process exits right after the build (the CLI, unless a leak
	 * checker watches it: nv_leak_checked()): the content, the model, the
	 * website's state and the manifests are left to the exit, not freed
	 * one block at a time (7 % of a cold build). Ignored with keep.
	 */
	bool exit_after;
};

/* How long a build waits for another one on the same output folder. */
#define NV_BUILD_LOCK_WAIT_MS 10000

enum nv_build_status {
	NV_BUILD_OK,
	NV_BUILD_CONTENT_ERRORS, /* the content has errors: nothing was written */
	NV_BUILD_FAILED,	 /* environment: a folder, the theme, a font */
	NV_BUILD_UNCHANGED,	 /* nothing changed since the last build: nothing done */
	NV_BUILD_NO_PRINT,	 /* the site was written, the PDFs not: their font is missing */
};

/* What a build tells its command besides its diagnostics. */
struct nv_build_result {
	char *title;	 /* the section's title when the build succeeded (the caller frees it) */
	size_t updated;	 /* documents rendered again by a rebuild of some of them; 0: whole */
	size_t warnings; /* NV_BUILD_UNCHANGED: the warnings of the build that wrote the outputs */
};

/*
 * The theme a build renders with: the project's own copy
 * (themes/default), else the one beside the program (a build in the
 * source tree: build/nastavnik → themes/default; an installation:
 * PREFIX/bin → PREFIX/share/nastavnik), else the one of the configured
 * prefix. The caller frees it.
 */
char *nv_build_theme_dir(void);

/*
 * Build as described above; every problem is added to d, and, when r is
 * not NULL, what the command says of the build is stored in *r.
 */
enum nv_build_status nv_build(const struct nv_build_opts *o, struct nv_diags *d,
			      struct nv_build_result *r);

#endif
