/*
 * md_table.h: tables in Markdown bodies — a fenced code block with the
 * info string `table` whose body is YAML:
 *
 *   ```table
 *   caption: Уровни ответственности
 *   widths: [1, 3]
 *   header: [Уровень, Ответственность]
 *   numbers: true
 *   rows:
 *     - [Школа, "Директор: …"]
 *     - [{text: Муниципалитет, rowspan: 2}, …]
 *   ```
 *
 * nv_md_parse_file() (markdown.h) replaces each such block with a
 * CUSTOM_BLOCK node (the table) whose children are an optional caption
 * (a CUSTOM_BLOCK holding one paragraph) and the cells in row order
 * (CUSTOM_BLOCKs holding the cell's Markdown blocks). So typography,
 * mentions and the checks of names in public text see a cell's text as
 * any other text of the body; renderers ask nv_md_part() what a custom
 * node is. A table that cannot be read stays a code block, and each
 * mistake is a located error.
 */
#ifndef NV_MD_TABLE_H
#define NV_MD_TABLE_H

#include "common.h"

#include <cmark.h>

struct nv_diags;

#define NV_MD_TABLE_MAX_COLS  32
#define NV_MD_TABLE_MAX_CELLS 20000

enum nv_md_part_kind {
	NV_MD_PART_NONE,
	NV_MD_PART_TABLE,
	NV_MD_PART_CAPTION,
	NV_MD_PART_CELL,
};

/* A cell, or the caption (kind NV_MD_PART_CAPTION: only node and the positions count). */
struct nv_md_cell {
	enum nv_md_part_kind kind; /* NV_MD_PART_CELL: first, see nv_md_part() */
	cmark_node *node;	   /* the CUSTOM_BLOCK holding the cell's blocks */
	int row, col;		   /* the grid slot of its top left corner, from 0 */
	int colspan, rowspan;	   /* 1 or more */
	bool header;		   /* in a header row */
	bool row_first, row_last;  /* the first and last cell of its row */
	/* Where the cell's text starts in the body (private: positions). */
	int body_line; /* 1-based line of the body */
	int col0;      /* bytes before the text on its first line */
	bool block;    /* a «|» or «>» block: every line is indented */
};

struct nv_md_table {
	enum nv_md_part_kind kind;	     /* NV_MD_PART_TABLE */
	cmark_node *node;		     /* the CUSTOM_BLOCK of the table */
	cmark_node *caption_node;	     /* the caption's CUSTOM_BLOCK, or NULL */
	struct nv_md_cell caption;	     /* its user data: kind NV_MD_PART_CAPTION */
	double widths[NV_MD_TABLE_MAX_COLS]; /* relative, > 0; all 1 when not given */
	int ncols, nrows, nheader;	     /* nheader rows of the nrows are the header */
	bool numbers;			     /* a row of column numbers under the header */
	struct nv_md_cell *cells;	     /* in row order: the custom nodes' user data */
	size_t ncells;
};

/*
 * What a node of a body is: a table, its caption or a cell (custom blocks
 * made by this module), or NV_MD_PART_NONE for anything else.
 */
enum nv_md_part_kind nv_md_part(cmark_node *node);
/* The table of a NV_MD_PART_TABLE node, a cell of a NV_MD_PART_CELL one; else NULL. */
const struct nv_md_table *nv_md_table_of(cmark_node *node);
const struct nv_md_cell *nv_md_cell_of(cmark_node *node);
/* The cell or the caption a node of those kinds is (for positions), else NULL. */
const struct nv_md_cell *nv_md_text_of(cmark_node *node);

/*
 * Replace every ```table block of the tree `root` with a table (for
 * markdown.c: it runs before its passes). The body `text`/`len` starts at
 * line first_line of the file `file`, as diagnostics name it; with d NULL
 * mistakes are dropped (the block stays code). Stores the tables read in
 * *tables and returns their number.
 */
size_t nv_md_tables(cmark_node *root, int first_line, const char *text, size_t len,
		    const char *file, struct nv_diags *d, struct nv_md_table ***tables);
/* Free the tables (not their nodes, which belong to the tree). */
void nv_md_tables_free(struct nv_md_table **tables, size_t n);

#endif
