/*
 * build_report_int.h: what the files of the report share — a workbook
 * with its formats, and a sheet written row by row that remembers the
 * widest value of each column (build_report.c), and the sheets of a
 * school's register (build_report_register.c).
 *
 * Writing functions never fail on their own: libxlsxwriter's first
 * error is kept in the book and reported when the file is closed.
 */
#ifndef NV_BUILD_REPORT_INT_H
#define NV_BUILD_REPORT_INT_H

#include "common.h"

#include <xlsxwriter.h>

#include "build_report.h"
#include "date.h"
#include "model.h"
#include "model_monitoring.h"

#define RP_MAX_COLS 64

struct rp_book {
	lxw_workbook *wb;
	lxw_format *bold, *title, *date, *wrap, *total, *total_num;
	lxw_error err; /* the first error of libxlsxwriter, LXW_NO_ERROR if none */
};

struct rp_sheet {
	struct rp_book *book;
	lxw_worksheet *ws;
	lxw_row_t row;	/* the row being written */
	lxw_row_t head; /* the table's header row */
	lxw_col_t ncols;
	size_t width[RP_MAX_COLS]; /* the widest value of each column, in characters */
	bool wide[RP_MAX_COLS];	   /* a value was wider than the column may be: wrap it */
};

/* Add a sheet named name to the book and start writing it at its first row. */
void rp_sheet_begin(struct rp_sheet *s, struct rp_book *b, const char *name);

/* Write the header row of a table (bold) at the current row and go to the next row. */
void rp_header(struct rp_sheet *s, const char *const *cols, size_t n);

/* Write a cell of the current row: text (NULL: left empty), a number, a date. */
void rp_str(struct rp_sheet *s, lxw_col_t c, const char *text);
void rp_str_fmt(struct rp_sheet *s, lxw_col_t c, const char *text, lxw_format *f);
void rp_num(struct rp_sheet *s, lxw_col_t c, double v);
void rp_num_fmt(struct rp_sheet *s, lxw_col_t c, double v, lxw_format *f);
void rp_date(struct rp_sheet *s, lxw_col_t c, struct nv_date d);

/*
 * End the table whose header rp_header() wrote: freeze the rows down to
 * the header, an autofilter over the header and the rows written so far.
 */
void rp_table_end(struct rp_sheet *s);

/* Set the columns' widths from the widest values; the last call on a sheet. */
void rp_sheet_end(struct rp_sheet *s);

/* The sheets of a school's register (build_report_register.c). */
void rp_sheet_mentors(struct rp_book *b, const struct nv_model *m);
void rp_sheet_mentees(struct rp_book *b, const struct nv_model *m);
void rp_sheet_pairs(struct rp_book *b, const struct nv_model *m);
void rp_sheet_monitoring(struct rp_book *b, const struct nv_monitoring *mon);
void rp_sheet_forms(struct rp_book *b, const struct nv_monitoring *mon);

#endif
