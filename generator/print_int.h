/*
 * print_int.h: private to the print engine (print_layout.c,
 * print_paginate.c, print_table.c, print_image.c); printers and the rest
 * of the program use print.h.
 *
 * Measure (print_layout.c) turns blocks into struct mblock: lines with
 * positions relative to their block, or rows of cells for a table.
 * Pagination (print_paginate.c, with print_table.c for tables) moves a
 * struct pager over them and writes pages of items.
 */
#ifndef NV_PRINT_INT_H
#define NV_PRINT_INT_H

#include "common.h"

#include <pango/pangocairo.h>

#include "print.h"

#define A4_W	  (210.0 * NV_PT_PER_MM)
#define A4_H	  (297.0 * NV_PT_PER_MM)
#define CELL_HPAD 4.0 /* pt, left and right inside a table cell */
#define CELL_VPAD 2.0 /* pt, above and below */
#define RULE_W	  0.5

/* The family the engine sets when the profile names none. */
#define NV_PL_DEFAULT_FONT "Liberation Serif"

struct nv_pl_engine {
	struct nv_print_opts o;
	PangoFontMap *fm;
	PangoContext *ctx;
	struct nv_hyphen *hy;
	bool hy_borrowed;  /* a twin's (nv_pl_engine_twin()): not freed with it */
	bool fonts_loaded; /* its default fonts are loaded (warm_fonts(), or a document set) */
	struct nv_pl_cache *cache; /* the texts set (print_cache.c); NULL until the first */
	size_t cache_bytes; /* the keys it may keep; 0: NV_PL_CACHE_BYTES (tests keep less) */
	unsigned docs;	    /* printed: see nv_pl_engine_rest() */
	uint32_t missing;   /* of the last PDF painted: nv_pl_missing() */
	const struct nv_pl_image *image_failed; /* of the last PDF painted */
};

/* A line with its position relative to its block (or table cell). */
struct mline {
	PangoLayoutLine *pl;
	double x, top, base, h;
	const char *tag; /* COLUMNS: the structure element that begins at this line */
};

struct mcell {
	struct mline *lines;
	size_t n;
	double x, w, h; /* h: of the lines, without padding */
};

struct mrow {
	const struct nv_pl_row *r;
	struct mcell *cells;
	size_t n;
	double h; /* with padding and min_height */
};

struct mblock {
	const struct nv_pl_block *b;
	bool landscape;
	double h;
	struct mline *lines; /* PARA, COLUMNS */
	size_t n, alloc;
	struct mline *top; /* PARA with top_markup: its lines at the top of a page */
	size_t ntop, atop;
	double htop;
	struct mrow *rows; /* TABLE */
	size_t nrows;
	double room; /* TABLE: the height of a page below the repeated header rows */
	double w;    /* IMAGE: the width it is set at (h: its height) */
};

struct measure {
	struct nv_pl_engine *en;
	struct nv_pl_pages *out; /* owns the layouts */
	double *offs;		 /* the x offsets of the line layouts of the text being set */
	size_t noffs, aoffs;
};

/*
 * Measure blocks [from, to) of doc into m (doc->nr + 1 of them), in the
 * orientation the breaks before from leave (print_layout.c).
 */
void nv_pl_measure(struct measure *ms, const struct nv_pl_doc *doc, struct mblock *m, size_t from,
		   size_t to);
/*
 * Measure all of doc into m: the first blocks with ms's engine, the
 * others at the same time on a second thread with *twin (made there when
 * NULL), or all here when the text is too short to share or no thread
 * can be made (print_twin.c). The twin's layouts join ms->out's.
 */
void nv_pl_measure_two(struct measure *ms, struct nv_pl_engine **twin, const struct nv_pl_doc *doc,
		       struct mblock *m);

struct pager {
	struct nv_pl_engine *en;
	const struct nv_pl_doc *doc;
	struct nv_pl_pages *out;
	struct measure *ms;
	struct nv_pl_page *page; /* NULL until the first item */
	bool landscape;
	char *outline;	 /* for the next page */
	bool unnumbered; /* the next page shows no number */
	double y, H;	 /* cursor and height of the content area */
	double left, top;
	/* The structure: what is open. */
	bool doc_open, sect_open;
	int lists;	  /* L elements open, each with an LI open in it */
	const char *leaf; /* the element of the paragraph being placed */
	/* Per block: whether it began a page (for top_markup); NULL: not recorded. */
	bool *at_top;
	const struct mblock *m0; /* the first block, for the index of a block */
	/* The last table row placed on this page, for merged cells: its BOX item. */
	size_t row_page; /* page number (1-based), 0: none */
	size_t row_box;
};

/* --- measure (print_layout.c) ------------------------------------------------- */

/* The width and height of an A4 page, pt. */
double nv_pl_page_w(bool landscape);
double nv_pl_page_h(bool landscape);
/* The height of the text of a page (between the top and bottom margins), pt. */
double nv_pl_content_height(const struct nv_pl_engine *en, bool landscape);

/*
 * Lay out markup in a box of width w and append its lines to *lines with
 * the given offsets. Returns the height of the text. The layout is kept
 * by ms->out; *lines is grown with NV_GROW and freed by the caller.
 */
double nv_pl_set_text(struct measure *ms, const char *markup, const struct nv_pl_style *st,
		      double w, double x0, double y0, struct mline **lines, size_t *n,
		      size_t *alloc);

/*
 * Append the lines of a layout from iterator it (at its first line) to
 * *lines, offset by x0, y0; returns the height of the text.
 */
double nv_pl_add_lines(PangoLayoutIter *it, double x0, double y0, struct mline **lines, size_t *n,
		       size_t *alloc);

/* Keep layout l until the pages p are freed (its lines are shown on them). */
void nv_pl_keep_layout(struct nv_pl_pages *p, PangoLayout *l);

/*
 * A new layout of markup in style st, w pt wide (w < 0: one line per
 * paragraph) and wrapped by wrap; the caller unrefs it.
 */
PangoLayout *nv_pl_layout_text(struct nv_pl_engine *en, const char *markup,
			       const struct nv_pl_style *st, double w, PangoWrapMode wrap);

/* --- justified text (print_break.c) ------------------------------------------ */

/*
 * Break justified markup into lines of width w by total fit (Knuth and
 * Plass) and append them to *lines like nv_pl_set_text(), their height
 * into *height. Returns -1, appending nothing, when no breaking fits (a
 * word wider than the line): the caller lets Pango break it.
 */
int nv_pl_break_text(struct measure *ms, const char *markup, const struct nv_pl_style *st, double w,
		     double x0, double y0, struct mline **lines, size_t *n, size_t *alloc,
		     double *height);

/* --- shrunk word spaces (print_space.c) ------------------------------------------ */

/*
 * Shrink the word spaces (U+0020, U+00A0) of line text t (len bytes) in
 * al to the width they have in their font scaled to scale, by letter
 * spacing; font[i] is the font of the space at t[i] (font may be NULL).
 * Returns false, adding nothing, when a space's font is unknown, is not of
 * family or lacks the space's glyph: the caller scales the font instead.
 */
bool nv_pl_shrink_spaces(PangoAttrList *al, const char *t, int len, double scale,
			 PangoFont *const *font, const char *family);
/* Whether layout l's attributes space letters (markup letter_spacing). */
bool nv_pl_has_spacing(PangoLayout *l);
/*
 * The letter spacing nv_pl_shrink_spaces() gave the run of item in line
 * (a layout marked "nv-spaced"), 0 for any other.
 */
int nv_pl_space_spacing(const PangoLayoutLine *line, const PangoItem *item);

/* --- the pager (print_paginate.c) ---------------------------------------------- */

/* Append an item to page pg and return it; the pointer is valid until the next one. */
struct nv_pl_item *nv_pl_add_item(struct nv_pl_page *pg, enum nv_pl_item_kind kind, double x,
				  double y, double w, double h);
/* Open (close) the structure element tag at the end of the current page. */
void nv_pl_tag_open(struct pager *pg, const char *tag);
void nv_pl_tag_close(struct pager *pg, const char *tag);
/* Close lists until `level` of them are open. */
void nv_pl_close_lists(struct pager *pg, int level);
/*
 * Open the Document and the section of the current bookmark when they
 * are not open: just before their first content, so that they begin on
 * the page of that content, after its page number.
 */
void nv_pl_struct_ready(struct pager *pg);
/* Start a new page: closes the section at a bookmark, sets the margins, adds the number. */
void nv_pl_new_page(struct pager *pg);
/* Whether line l ends inside a word: at a hyphen a break added, or after one in the word. */
bool nv_pl_line_ends_in_word(const struct mline *l);
/* Height of lines [s, e) of a block. */
double nv_pl_lines_h(const struct mline *l, size_t s, size_t e);
/* Add the BOX item of block mb at the cursor, x and w relative to the content area. */
void nv_pl_place_box(struct pager *pg, const struct mblock *mb, double x, double w, double h);
/*
 * Stack the n measured blocks m on pages (the keep rules of
 * print_layout.c) into pg->out, with the document's structure.
 */
void nv_pl_paginate(struct pager *pg, const struct mblock *m, size_t n);

/* --- images (print_image.c) -------------------------------------------------------- */

/* Measure image block mb for a text cw pt wide: its w and h. */
void nv_pl_measure_image(const struct nv_pl_engine *en, struct mblock *mb, double cw);
/* Place image block mb, centred, at the cursor (in a Figure) and move the cursor below it. */
void nv_pl_place_image(struct pager *pg, const struct mblock *mb);
/* Paint the picture of IMAGE item it; false, painting nothing, when Cairo cannot read it. */
bool nv_pl_paint_image(cairo_t *cr, const struct nv_pl_item *it);

/* --- texts set before (print_cache.c) ------------------------------------------ */

/* The key of markup set in style st, w pt wide. */
void nv_pl_cache_key(struct nv_buf *key, const char *markup, const struct nv_pl_style *st,
		     double w);
/*
 * When the text of key was set before, keep its layouts in ms->out, append
 * its lines at x0, y0 to *lines, set *height; false when it was not.
 */
bool nv_pl_cache_get(struct measure *ms, const struct nv_buf *key, double x0, double y0,
		     struct mline **lines, size_t *n, size_t *alloc, double *height);
/*
 * Keep the text of key: the layouts of ms->out from first on; broken: by
 * print_break.c (the first layout shows no lines, the others are lines
 * at the offsets ms->offs).
 */
void nv_pl_cache_put(struct measure *ms, const struct nv_buf *key, size_t first, bool broken);
/*
 * The layout of a line of justified text set before (print_break.c) with
 * key, a new reference, its lines appended at x0, y0 to *lines and their
 * height into *height; NULL when there is none.
 */
PangoLayout *nv_pl_cache_get_line(struct nv_pl_engine *en, const struct nv_buf *key, double x0,
				  double y0, struct mline **lines, size_t *n, size_t *alloc,
				  double *height);
/* Keep line layout l for key (a reference of its own). */
void nv_pl_cache_put_line(struct nv_pl_engine *en, const struct nv_buf *key, PangoLayout *l);
/* The extent of a table cell measured before (key: its size, weight and markup). */
bool nv_pl_cache_get_extent(struct nv_pl_engine *en, const struct nv_buf *key, double *min,
			    double *max);
void nv_pl_cache_put_extent(struct nv_pl_engine *en, const struct nv_buf *key, double min,
			    double max);
void nv_pl_cache_free(struct nv_pl_cache *c);
/* Documents between two rests of an engine (nv_pl_engine_rest()). */
#define NV_PL_REST_EVERY 1024
/* The texts kept (print_cache.c): at most this many bytes of keys (their layouts: ~30×). */
#define NV_PL_CACHE_BYTES (512 * 1024)
/*
 * nv_pl_layout_two(): loading the default fonts costs an engine that has
 * not loaded them (fonts_loaded) about as much as measuring
 * NV_PL_TWIN_BYTES of text; a document is shared between the two threads
 * only when that saves NV_PL_TWIN_MIN bytes or more.
 */
#define NV_PL_TWIN_BYTES 900
#define NV_PL_TWIN_MIN	 1000
/* The lines kept (print_cache.c): at most this many bytes of keys. */
#define NV_PL_LINE_BYTES (1024 * 1024)

/* A font map and a context of its own for en (print_fonts.c). */
void nv_pl_new_context(struct nv_pl_engine *en);

/* Drop the pages of out and the layouts past the first kept. */
void nv_pl_drop_pages(struct nv_pl_pages *out, size_t kept);

/* --- tables (print_table.c) ---------------------------------------------------- */

/*
 * The widths of the columns of t, pt, into w (t->ncols of them): t->widths,
 * or with t->auto_widths measured from the cells.
 */
void nv_pl_table_widths(struct nv_pl_engine *en, const struct nv_pl_table *t, double *w);
/* The first part of a table that must share a page: its header and first row. */
double nv_pl_table_lead(const struct mblock *mb);
/*
 * Place table block m[i] at the cursor, gap below what is above it on
 * the page; it breaks over pages by the rules of print_table.c.
 */
void nv_pl_place_table(struct pager *pg, const struct mblock *m, size_t i, double gap);

/* --- cairo's numbers (print_printf.c) ------------------------------------------ */

/* Room nv_printf_fast() may write. */
#define NV_PRINTF_FAST_MAX 160
/*
 * format, one conversion alone, with ap, into out as glibc would write it
 * (no '\0'); its length, or -1 when the format or the number is left to
 * glibc.
 */
int nv_printf_fast(char *out, const char *format, va_list ap);

#endif
