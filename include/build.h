/*
 * build.h: one whole build — content → model → website and PDFs — as the
 * `build` command runs it and as a preview server can rerun it.
 *
 * Nothing is written unless the content has no errors; the site and the
 * print folder are each built in a staging folder and swapped in whole.
 *
 * A fingerprint of every input (the names, sizes and change times of the
 * content and theme files, the options, the program file itself) is kept
 * in OUT/.nastavnik-manifest after a successful build; when it has not changed and the output is in place,
 * the next build does nothing. Any change rebuilds everything: the
 * result is always the same as a clean build.
 */
#ifndef NV_BUILD_H
#define NV_BUILD_H

#include "common.h"

struct nv_diags;

struct nv_build_opts {
	const char *content;  /* the content folder: "content" */
	const char *out;      /* the output folder: "output" (site/ and print/ go in it) */
	const char *base_url; /* for the feed and sitemap, or NULL */
	bool drafts, fragment, pdf;
	bool force; /* build even when nothing changed */
	int jobs; /* threads for writing (-j); 0: one per processor */
};

enum nv_build_status {
	NV_BUILD_OK,
	NV_BUILD_CONTENT_ERRORS, /* the content has errors: nothing was written */
	NV_BUILD_FAILED,	 /* environment: a folder, the theme, a font */
	NV_BUILD_UNCHANGED,	 /* nothing changed since the last build: nothing done */
};

/*
 * Build as described above; every problem is added to d. The section
 * title is stored in *title (points into static or content memory only
 * until the call returns, so it is copied: the caller frees it) when
 * title is not NULL and the build succeeded.
 */
enum nv_build_status nv_build(const struct nv_build_opts *o, struct nv_diags *d, char **title);

#endif
