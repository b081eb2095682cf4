/*
 * build_int.h: the steps of a build that handle its PDFs (build_print.c),
 * called by the driver (build.c).
 */
#ifndef NV_BUILD_INT_H
#define NV_BUILD_INT_H

#include "common.h"

struct nv_diags;
struct nv_html_state;
struct nv_model;
struct nv_print_state;

/*
 * A test knob: NV_TEST_PAUSE=MS makes a build sleep MS milliseconds at
 * every named point (and a PDF worker after each document), NV_TEST_PAUSE=
 * MS:POINT at that point only, so tests can kill it there (tests/kill).
 */
void bld_test_pause(const char *point);

/*
 * Print into print_dir the documents to print (render[i], or all when
 * render is NULL), in jobs child processes; 0, or -1 with diagnostics.
 */
int bld_print_all(struct nv_print_state *ps, const struct nv_model *m, const bool *render, int jobs,
		  const char *print_dir, struct nv_diags *d);

/* Copy the PDFs the site may publish from print_dir next to their pages in site_dir. */
int bld_copy_public(const struct nv_html_state *html, const char *print_dir, const char *site_dir,
		    struct nv_diags *d);

/* Per entry, whether the website may publish its PDF (nentries + 1 flags); the caller frees. */
bool *bld_public_pdfs(struct nv_print_state *ps, const struct nv_model *m, const bool *render,
		      struct nv_diags *d);

/* The size of each public PDF printed into print_dir, per entry (0: none); the caller frees. */
size_t *bld_pdf_sizes(const struct nv_model *m, const bool *pub, const char *print_dir);

#endif
