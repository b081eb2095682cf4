/*
 * build_int.h: the steps of a build that handle its PDFs (build_print.c)
 * and the bodies it reads as it renders (build_bodies.c), called by the
 * driver (build.c).
 */
#ifndef NV_BUILD_INT_H
#define NV_BUILD_INT_H

#include "common.h"

struct nv_diags;
struct nv_html_bodies;
struct nv_html_state;
struct nv_model;
struct nv_print_state;
struct nv_project;

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

/*
 * Parse the trees of the bodies a build renders (render[i], or all when
 * render is NULL) or prints (with pdf, every form's), with the
 * appendices an order prints: a load for once took the others from
 * their summaries, without a tree. Returns 0, or -1 with the error in d.
 */
int bld_parse_trees(const struct nv_model *m, const bool *render, bool pdf, int jobs,
		    struct nv_diags *d);

/*
 * The bodies of p's deferred load (project.h) read as the site renders,
 * by its jobs threads (build_bodies.c): bld_bodies_hook() is the render's
 * (html.h). bld_bodies_end(), once it returned, ends the steps
 * (nv_model_bodies_end()), frees x and adds to d the steps' diagnostics
 * and the render's (from `rendered`, emptied); false when the steps found
 * an error: then d keeps only its first `loaded` diagnostics (those of
 * the load and the model) before the steps', as a build that read the
 * bodies before anything else would have stopped there.
 */
struct bld_bodies;
struct bld_bodies *bld_bodies_new(struct nv_project *p, int jobs);
const struct nv_html_bodies *bld_bodies_hook(struct bld_bodies *x);
bool bld_bodies_end(struct bld_bodies *x, struct nv_diags *rendered, struct nv_diags *d,
		    size_t loaded);

#endif
