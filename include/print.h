/*
 * print.h: printable documents — PDFs laid out per ГОСТ Р 7.0.97, ready
 * for the director to sign.
 *
 * The print back end has the three functions of every back end (new,
 * document, free) and an engine in three phases underneath:
 *
 *   printers  (print_docs.c, with print_blocks.c and print_body.c)
 *                               model entry → blocks: paragraphs, rows,
 *                               side-by-side columns, tables, breaks;
 *                               printers never draw; the wording of
 *                               requisites comes from wording.h
 *   measure   (print_layout.c)  blocks → lines and table rows (Pango)
 *   paginate  (print_paginate.c, print_table.c)
 *                               lines → pages of placed items: plain
 *                               data, dumped as text for golden tests
 *   paint     (print_paint.c)   pages → Cairo PDF: page numbers from
 *                               page 2, metadata, bookmarks, structure
 *                               tags
 *
 * Units are PostScript points (1/72 in) everywhere; y grows downwards.
 * Pagination keeps two lines of a paragraph on each side of a page break
 * (no widows or orphans), never leaves a heading last on a page, carries
 * the last lines before a signature over with it, repeats the header rows
 * of a table on each page (unless they take more than a third of it),
 * keeps merged rows together and splits table rows between their lines,
 * two lines of a cell at least on each side.
 *
 * The PDF is tagged: pagination puts the structure of the document
 * (Document, a Sect per bookmark, H1…H6, P, L/LI/LBody, Table/TR/TH/TD)
 * into the pages as begin and end items that painting replays with
 * cairo_tag_begin()/cairo_tag_end(). Cairo 1.16 marks content only inside
 * elements without children and has no artifacts, so an element that
 * goes on over a page break holds its text in one Span per page, and page
 * numbers, repeated table headers and cell borders drawn between elements
 * stay outside the structure.
 */
#ifndef NV_PRINT_H
#define NV_PRINT_H

#include "common.h"

struct nv_buf;
struct nv_diags;
struct nv_entry;
struct nv_model;
struct _PangoLayoutLine;

/* The print profile of site.yml (model->site.print) in the engine's units. */
struct nv_print_opts {
	const char *font;	 /* family, "Liberation Serif" */
	double size, table_size; /* pt: body text and table cells */
	double margin_top, margin_right, margin_bottom, margin_left; /* mm */
	/*
	 * The edition of ГОСТ Р 7.0.97: the longest line of a requisite in the
	 * corner (approval blocks, «Приложение № N к приказу …») may be 7.5 cm
	 * under the 2016 edition and 8 cm under the 2025 one; the printers set
	 * the corner column that wide.
	 */
	bool gost2025;
};

struct nv_print_state;

/*
 * Prepare printing for the model: the print profile of site.yml, fonts
 * and hyphenation. Checks that the font family really is installed
 * (Pango falls back to another face silently): a missing font is an error
 * in d and NULL is returned. Missing hyphenation patterns are a warning.
 * The model must outlive the state; free with nv_print_free().
 */
struct nv_print_state *nv_print_new(const struct nv_model *m, struct nv_diags *d);

/*
 * For a command that prints one document: start setting up fonts and
 * hyphenation (nv_pl_warm_start()) before the project is loaded, then
 * hand it to nv_print_new_warm(), which is nv_print_new() with that
 * set-up (it takes w over, also on failure; w may be NULL). Free an
 * unused one with nv_print_warm_free() (accepts NULL).
 */
struct nv_pl_warm *nv_print_warm_start(void);
struct nv_print_state *nv_print_new_warm(const struct nv_model *m, struct nv_diags *d,
					 struct nv_pl_warm *w);
void nv_print_warm_free(struct nv_pl_warm *w);

/*
 * Print entry e as a PDF at pdf_path (written atomically). Every document
 * begins with the organisation's header (founder, full and short name).
 * An order comes with everything that belongs to it: the acquaintance
 * sheet after the signature (headed «Лист ознакомления с приказом от … №
 * …» when it begins a page) and each appendix on a new page — approved
 * documents as their full text under the appendix mark and their
 * «УТВЕРЖДЕНО приказом …» block, the pairs table under «Приложение № N к
 * приказу …»; the only appendix is «Приложение», without a number.
 * Positions and programs get their approval blocks, a program with
 * title_page its title page; a roadmap its prose on portrait pages and
 * its table on landscape ones. When layout_dump is not NULL the page layout is
 * appended to it as text (see nv_pl_dump()). With SOURCE_DATE_EPOCH set
 * in the environment the bytes of the PDF depend on the input only.
 * pdf_path may be NULL: then only the dump is made (and the PDF painted
 * in memory). Returns 0, or -1 with a diagnostic in the state's list.
 */
int nv_print_document(struct nv_print_state *s, const struct nv_entry *e, const char *pdf_path,
		      struct nv_buf *layout_dump);

/*
 * Append to out the text of entry e's PDF as nv_print_document() would
 * paint it, one line per paragraph, table cell, column paragraph, title,
 * author and bookmark, with markup (emphasis, entities) undone as Pango
 * undoes it — so a word split by markup comes back whole — and the
 * characters that do not show dropped (soft hyphens, zero-width spaces
 * and joiners, stress accents; no-break spaces are spaces), so a name
 * reads as one word. With laid_out the document is measured and paginated
 * and the text read from its Pango layouts (nv_pl_text()); without, from
 * its blocks as the engine would set them (nv_pl_doc_text()): the same
 * lines save page numbers, and no measuring. For the build's decision
 * which PDFs the website may publish (the personal-data check reads this
 * text). Returns 0.
 */
int nv_print_text(struct nv_print_state *s, const struct nv_entry *e, bool laid_out,
		  struct nv_buf *out);

/*
 * The аналитическая справка по итогам мониторинга (model_report.h) as a
 * PDF appended to pdf (may be NULL: laid out only), its layout appended
 * to layout_dump and its text (as nv_print_text() reads it) to text when
 * they are not NULL (print_report.c). The curator's name is printed as
 * the website shows it: the справка is published. Returns 0, or -1 with
 * a diagnostic in the state's list.
 */
int nv_print_report(struct nv_print_state *s, struct nv_buf *pdf, struct nv_buf *layout_dump,
		    struct nv_buf *text);

/*
 * Drop the texts the state's engine keeps to set them again at once
 * (print_cache.c): after printing many documents they serve the next
 * print little and would only add to the memory of what follows.
 */
void nv_print_forget(struct nv_print_state *s);

/* Release everything the state holds. Accepts NULL. */
void nv_print_free(struct nv_print_state *s);

/* --- the engine: blocks -------------------------------------------------------- */

#define NV_PT_PER_MM (72.0 / 25.4)

enum nv_pl_align {
	NV_PL_LEFT,
	NV_PL_CENTER,
	NV_PL_RIGHT,
	NV_PL_JUSTIFY,
};

/* How one paragraph is set. Zero is a plain left-aligned paragraph. */
struct nv_pl_style {
	double size; /* pt; 0: the body size */
	bool bold;
	enum nv_pl_align align;
	double indent;	      /* first-line indent, pt */
	double left, width;   /* x from the left margin; width 0: up to the right margin */
	double before, after; /* vertical space, pt (dropped at the top of a page) */
	bool hyphenate;	      /* soft hyphens in Russian words */
	bool keep_together;   /* never split between pages */
	bool keep_next;	      /* never the last block on a page (headings) */
	bool keep_prev;	      /* takes the end of the previous block along (signatures) */
	bool at_bottom;	      /* unbreakable, set at the foot of the page (title pages) */
	const char *role;     /* name in the layout dump: "para", "heading", … */
	/*
	 * The PDF structure element the paragraph is: "P" (NULL means "P"),
	 * "H1"…"H6", or "LI" for the first paragraph of a list item (tagged
	 * L > LI > LBody). A paragraph in a column with tag NULL goes on with
	 * the element of the paragraph above it (the lines of one approval
	 * block are one P); the first paragraph of a column always opens one.
	 */
	const char *tag;
	/*
	 * The list nesting of the paragraph: 0 outside lists. An "LI" at level
	 * n is an item of the n-th list; any other paragraph at level n > 0
	 * goes into the open item of that level (a second paragraph of an item).
	 */
	int list;
};

/* A paragraph inside a column block. markup is Pango markup, owned. */
struct nv_pl_para {
	char *markup;
	struct nv_pl_style st;
};

/* One column of a side-by-side block: approval blocks, corner stamps. */
struct nv_pl_column {
	double x, w; /* from the left margin, pt */
	struct nv_pl_para *paras;
	size_t nparas, alloc;
};

struct nv_pl_cell {
	char *markup; /* owned */
	enum nv_pl_align align;
	bool bold;
	bool hyphenate; /* nv_pl_row() sets it for left-aligned cells */
	/*
	 * The cell goes on from the cell above (a merged cell): no border
	 * between them on one page, and the row stays with the row above.
	 */
	bool joined;
	/*
	 * The cell names its row (№, a person's name): when the row breaks
	 * over pages, the continuation shows it again.
	 */
	bool repeat;
	int span; /* columns the cell takes; 0 counts as 1 (a section row: all) */
	/*
	 * A bar of a chart: the share (0…1) of the cell's inner width filled
	 * from the left, grey, under the cell's text; 0: none.
	 */
	double bar;
};

struct nv_pl_row {
	struct nv_pl_cell *cells; /* ncols cells; a section row has one */
	size_t ncells;
	bool section;	   /* one cell spanning all columns; kept with the next row */
	double min_height; /* pt, e.g. room for a signature */
};

struct nv_pl_table {
	double *widths; /* pt, ncols of them */
	size_t ncols;
	struct nv_pl_row *rows; /* the first nheader are repeated on every page */
	size_t nrows, alloc, nheader;
	double size; /* pt */
	/*
	 * Column widths from the cells' text, as a browser's automatic table
	 * layout sets them, within the sum of `widths` (see print_table.c).
	 */
	bool auto_widths;
};

enum nv_pl_kind {
	NV_PL_PARA,    /* a paragraph (markup, st) */
	NV_PL_COLUMNS, /* side-by-side columns, never split */
	NV_PL_TABLE,   /* a table */
	NV_PL_SPACE,   /* vertical space (st.before), dropped at the top of a page */
	NV_PL_BREAK,   /* a new page: landscape or not, with a bookmark */
	NV_PL_IMAGE,   /* a picture on its own, centred, never split (image) */
};

/*
 * A picture of a body (print_image.c): the bytes of a PNG or a JPEG
 * file, its size in pixels as stored and the turn its EXIF orientation
 * asks for, which a browser makes too (a photo taken with the phone
 * held upright is stored lying). A JPEG goes into the PDF as its own
 * bytes, a PNG decoded by Cairo.
 */
struct nv_pl_image {
	unsigned char *data;
	size_t len;
	bool jpeg;
	int w, h;	 /* pixels, as stored */
	int orientation; /* EXIF's, 1…8: 1 as stored, 3 turned over, 6 and 8 a quarter turn */
	/* For messages: the address as the body writes it and where. */
	char *name;
	int line, col;
};

/*
 * Read the PNG or JPEG image at path (name, line, col: for messages).
 * NULL with the reason, in Russian, in why when it is not one a PDF can
 * show.
 */
struct nv_pl_image *nv_pl_image_read(const char *path, const char *name, int line, int col,
				     struct nv_buf *why);
/*
 * Read the size and orientation of the image in im->data (im->len
 * bytes): 0, or -1 with the reason in why. nv_pl_image_read() calls it.
 */
int nv_pl_image_parse(struct nv_pl_image *im, struct nv_buf *why);
void nv_pl_image_free(struct nv_pl_image *im);
/* The width and height, pixels, of the image as shown: turned as its orientation asks. */
void nv_pl_image_shown(const struct nv_pl_image *im, int *w, int *h);

struct nv_pl_block {
	enum nv_pl_kind kind;
	struct nv_pl_style st; /* PARA: all of it; others: before, after and keep flags */
	char *markup;	       /* PARA */
	/*
	 * PARA: the markup set instead when the paragraph begins a page (a
	 * heading that names what it belongs to there, as «Лист ознакомления
	 * с приказом от … № …»), or NULL. See nv_pl_layout().
	 */
	char *top_markup;
	struct nv_pl_column *cols;
	size_t ncols;
	bool align_last; /* COLUMNS: the last lines of all columns on one baseline */
	struct nv_pl_table *table;
	bool landscape;	 /* BREAK: the orientation from the next page on */
	bool unnumbered; /* BREAK: the next page shows no number (a title page) */
	char *outline;	 /* BREAK: a bookmark to the next page, or NULL */
	/*
	 * IMAGE: owned. Set at its size at 96 dpi (as a browser shows it),
	 * narrowed to the text's width and to 7/10 of a page's height.
	 */
	struct nv_pl_image *image;
};

/*
 * A document as blocks. `landscape` and `outline` are those of the first
 * page; title and author go into the PDF metadata. Everything is owned.
 */
struct nv_pl_doc {
	struct nv_pl_block *v;
	size_t nr, alloc;
	bool landscape;
	char *outline, *title, *author;
	int first_number; /* the first page that shows its number (2) */
};

struct nv_pl_doc *nv_pl_doc_new(void);
void nv_pl_doc_free(struct nv_pl_doc *doc);

/* Append a block of `kind` with style st and return it (valid until the next append). */
struct nv_pl_block *nv_pl_add(struct nv_pl_doc *doc, enum nv_pl_kind kind,
			      const struct nv_pl_style *st);
/* Append an image block; it takes im over. */
struct nv_pl_block *nv_pl_image(struct nv_pl_doc *doc, struct nv_pl_image *im,
				const struct nv_pl_style *st);
/* Append a paragraph; `markup` is copied. */
struct nv_pl_block *nv_pl_para(struct nv_pl_doc *doc, const char *markup,
			       const struct nv_pl_style *st);
/*
 * Append a column at x with width w to a COLUMNS block. The pointer is
 * valid until the next column is added to the block.
 */
struct nv_pl_column *nv_pl_column(struct nv_pl_block *b, double x, double w);
/* Append a paragraph to a column; `markup` is copied. */
void nv_pl_column_para(struct nv_pl_column *c, const char *markup, const struct nv_pl_style *st);
/* A new table with ncols columns of the given widths (pt, copied). */
struct nv_pl_table *nv_pl_table_new(const double *widths, size_t ncols, double size);
/*
 * Append a row of ncells cells (ncols, or 1 for a section row); the
 * markup strings are copied, NULL counts as empty.
 */
struct nv_pl_row *nv_pl_row(struct nv_pl_table *t, const char *const *markup, size_t ncells,
			    enum nv_pl_align align, bool bold);

/* --- the engine: measure, paginate, paint -------------------------------------- */

/* Fonts, the Pango context and hyphenation, shared by all documents. */
struct nv_pl_engine;

/*
 * Set up Pango for o->font at 72 dpi with unhinted metrics. Returns NULL
 * and appends a Russian reason to why when the font family is not
 * installed. `hyphen_path` may be NULL (no hyphenation). Free with
 * nv_pl_engine_free().
 */
struct nv_pl_engine *nv_pl_engine_new(const struct nv_print_opts *o, const char *hyphen_path,
				      struct nv_buf *why);
/*
 * The engine's set-up that needs no print profile — Pango's font map,
 * which waits for Fontconfig to read its configuration, and the
 * hyphenation patterns at hyphen_path (may be NULL) — started on a
 * thread of its own when threaded (done at once when not, or when no
 * thread can be made), so that it runs while the caller loads the
 * project. nv_pl_engine_new_warm() waits for it and takes it over (also
 * when it fails); nv_pl_warm_free() drops it unused (accepts NULL).
 */
struct nv_pl_warm;
struct nv_pl_warm *nv_pl_warm_start(const char *hyphen_path, bool threaded);
struct nv_pl_engine *nv_pl_engine_new_warm(const struct nv_print_opts *o, struct nv_pl_warm *w,
					   struct nv_buf *why);
void nv_pl_warm_free(struct nv_pl_warm *w);
/*
 * A missing font with a metric-compatible substitute installed (Times New
 * Roman → Liberation Serif, Arial → Liberation Sans, Courier New →
 * Liberation Mono) is replaced by it: nv_pl_engine_font() tells the
 * family the engine sets, nv_pl_font_substitute() the substitute of a
 * name (NULL when it has none).
 */
const char *nv_pl_engine_font(const struct nv_pl_engine *en);
const char *nv_pl_font_substitute(const char *name);
void nv_pl_engine_free(struct nv_pl_engine *en);
/*
 * A second engine like en, for another thread: a font map and context
 * of its own, en's options, en's hyphenation patterns and kept words
 * (borrowed: en must outlive it and keep no more words while it sets
 * text). Free with nv_pl_engine_free().
 */
struct nv_pl_engine *nv_pl_engine_twin(const struct nv_pl_engine *en);
/* True if the hyphenation patterns were loaded. */
/* Call after each document: now and then the engine drops its font caches. */
void nv_pl_engine_rest(struct nv_pl_engine *en);
/* Drop the texts the engine keeps (print_cache.c); it sets them again when asked. */
void nv_pl_engine_forget(struct nv_pl_engine *en);
bool nv_pl_engine_hyphenates(const struct nv_pl_engine *en);
/*
 * Never hyphenate these words in any case form (people's names, places):
 * see nv_hyphen_keep(). Call before laying out from several threads.
 */
void nv_pl_engine_keep_words(struct nv_pl_engine *en, const char *text, bool names_only);
/* The content width of a portrait (or landscape) page, pt. */
double nv_pl_content_width(const struct nv_pl_engine *en, bool landscape);
const struct nv_print_opts *nv_pl_engine_opts(const struct nv_pl_engine *en);

enum nv_pl_item_kind {
	NV_PL_ITEM_BOX,	  /* where a block (or a part of it) went: for the dump only */
	NV_PL_ITEM_LINE,  /* a line of text: x, y is the origin on the baseline */
	NV_PL_ITEM_RECT,  /* a table cell's border: x, y, w, h */
	NV_PL_ITEM_BEGIN, /* a structure element (tag) begins: what follows is in it */
	NV_PL_ITEM_END,	  /* the structure element `tag` ends */
	NV_PL_ITEM_FILL,  /* a filled rectangle (a chart's bar): x, y, w, h */
	NV_PL_ITEM_IMAGE, /* a picture (image) in the box x, y, w, h */
};

/* Sides of a cell border that are not drawn (merged cells). */
enum {
	NV_PL_OPEN_TOP = 1,
	NV_PL_OPEN_BOTTOM = 2,
};

struct nv_pl_item {
	enum nv_pl_item_kind kind;
	double x, y, w, h;
	struct _PangoLayoutLine *line;	 /* LINE; belongs to the measured document */
	const char *role;		 /* BOX */
	const char *tag;		 /* BEGIN, END: a static string or the document's */
	int open;			 /* RECT: NV_PL_OPEN_* */
	const struct nv_pl_image *image; /* IMAGE; belongs to the document's block */
};

struct nv_pl_page {
	double w, h;
	bool landscape;
	int number;    /* shown in the top margin when > 0 */
	char *outline; /* a bookmark to this page, or NULL */
	struct nv_pl_item *items;
	size_t nitems, alloc;
};

/* A document laid out: pages of items, and the Pango layouts they show. */
struct nv_pl_pages {
	struct nv_pl_page *v;
	size_t nr, alloc;
	const char *title, *author; /* the document's */
	void **layouts;		    /* PangoLayout *, owned */
	size_t nlayouts, layouts_alloc;
};

/*
 * Measure and paginate doc (phases 1 and 2). The result holds references
 * to doc's strings: free it with nv_pl_pages_free() before doc. Never
 * fails: text that cannot fit is placed anyway. A paragraph with a
 * top_markup that begins a page is set with it: the document is laid
 * out again with that text (what comes before it is unchanged, so it
 * still begins the page).
 */
struct nv_pl_pages *nv_pl_layout(struct nv_pl_engine *en, const struct nv_pl_doc *doc);
/*
 * The same pages, measured on two threads: the first blocks with en,
 * the others with *twin, a second engine (nv_pl_engine_twin(); made on
 * that thread when *twin is NULL, the caller frees it after the pages
 * and may hand it in again). The lines and pages are those of
 * nv_pl_layout(), but not the order of the layouts the pages keep
 * (nv_pl_text() reads it).
 */
struct nv_pl_pages *nv_pl_layout_two(struct nv_pl_engine *en, struct nv_pl_engine **twin,
				     const struct nv_pl_doc *doc);
void nv_pl_pages_free(struct nv_pl_pages *p);

/*
 * Append a text dump of the pages: for each page its number, size and
 * orientation, then its items in order — boxes with their role (a table
 * row that goes on on the next page is «row-split»), lines
 * with y (baseline), x, width, for a line whose word spaces Pango
 * stretched «ws=R» (R: their width over their natural width, two
 * decimals, from 1.01 on) and text (U+00A0 shown as '~', a soft hyphen
 * where the line breaks as '-'), cell borders (with the sides left open), and
 * structure elements as <Tag> and </Tag>. Coordinates in pt, one decimal.
 */
void nv_pl_dump(const struct nv_pl_pages *p, struct nv_buf *out);

/*
 * Append the visible text of the pages (see nv_print_text()): title,
 * author, bookmarks and the whole text of each Pango layout, one a line,
 * without soft hyphens, zero-width characters and stress accents, with
 * no-break spaces as spaces.
 */
void nv_pl_text(const struct nv_pl_pages *p, struct nv_buf *out);
/*
 * The same text read from the blocks of doc, without measuring: each
 * markup (and top_markup) as the engine sets it on a layout (parsed, or as plain text when
 * it does not parse). The lines of nv_pl_text() but for page numbers.
 */
void nv_pl_doc_text(const struct nv_pl_doc *doc, struct nv_buf *out);

/* The text of a laid-out line as the dump shows it (appended to out). */
void nv_pl_line_text(const struct _PangoLayoutLine *line, struct nv_buf *out);

/*
 * Phase 3: paint the pages into a PDF appended to out: every item where
 * pagination put it (page numbers are items too), the structure tags, a
 * bookmark for each page with an outline, title and author, and the
 * creation date from SOURCE_DATE_EPOCH when it is set (Cairo writes the
 * current time otherwise). Returns 0, or -1 with a reason in why.
 */
int nv_pl_paint(struct nv_pl_engine *en, const struct nv_pl_pages *p, struct nv_buf *out,
		struct nv_buf *why);

/*
 * The first character of the last PDF en painted that no font had a
 * glyph for (a box on paper), or 0.
 */
uint32_t nv_pl_missing(const struct nv_pl_engine *en);
/*
 * The first image of the last PDF en painted that Cairo could not read
 * (a PNG whose pixels are broken past its header): blank on paper. NULL
 * when there was none.
 */
const struct nv_pl_image *nv_pl_image_failed(const struct nv_pl_engine *en);

#endif
