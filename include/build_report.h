/*
 * build_report.h: the regional report, an .xlsx workbook
 * (`nastavnik report --xlsx FILE`), written with libxlsxwriter.
 *
 * At a school (any organisation but a department) it is the personal
 * register of mentoring: the mentors, the mentees and the pairs and
 * groups with full names, whatever people.yml allows the website to show
 * — paper audience, never published, and its first sheet says so — and
 * the monitoring figures (model_monitoring.h). At a department it is the
 * roll-up by organisation: one struct nv_rollup_row per member.
 *
 * One sheet per table: a bold header row, frozen, with an autofilter;
 * column widths from the longest value; dates are Excel dates, numbers
 * numbers. The file is written to a temporary file beside FILE and
 * renamed into place, so a failure leaves nothing half-written.
 */
#ifndef NV_BUILD_REPORT_H
#define NV_BUILD_REPORT_H

#include "common.h"

#include "date.h"
#include "model.h"
#include "model_monitoring.h"

struct nv_diags;

/*
 * One organisation of a department's roll-up. Strings are not owned and
 * must live until nv_report_xlsx() returns. Fill it from a member's
 * export, or from a model with nv_rollup_row_from_monitoring().
 */
struct nv_rollup_row {
	const char *name; /* the organisation's short name, else its name */
	const char *kind; /* organization.kind as site.yml writes it ("school"), or NULL */
	const char *note; /* shown in the last column («выгрузка устарела»), or NULL */
	/* Pairs and groups by form; the sheet has one column per form any row names. */
	const struct nv_form_count *forms;
	size_t nforms;
	size_t pairs, pairs_active;
	size_t mentors, mentees;
	/* Coverage: involved * 100 / total, as the monitoring page shows (0 when total is 0). */
	size_t teachers, teachers_involved, students, students_involved;
};

/*
 * Fill r with the figures of mon for the organisation s (its short name,
 * kind and counts); r->note is NULL. r points into s and mon, which must
 * outlive it.
 */
void nv_rollup_row_from_monitoring(struct nv_rollup_row *r, const struct nv_site *s,
				   const struct nv_monitoring *mon);

struct nv_org_members;

/*
 * The rows of a department's members that were loaded (build_members.h),
 * in their order, into *rows (allocated; the strings point into ms, which
 * must outlive them); the note says when a member's data are stale or
 * from the cache. Returns the number of rows. Free with
 * nv_rollup_rows_release().
 */
size_t nv_rollup_rows_from_members(struct nv_rollup_row **rows, const struct nv_org_members *ms);
void nv_rollup_rows_release(struct nv_rollup_row *rows, size_t n);

struct nv_report_opts {
	const char *path;    /* the .xlsx to write */
	const char *display; /* the path as messages name it (as the user wrote it); NULL: path */
	bool force;	     /* replace an existing file (else an existing file is an error) */
	struct nv_date date; /* «по состоянию на» on the first sheet */
	/*
	 * The creation time of the workbook's properties (SOURCE_DATE_EPOCH
	 * for byte-identical files); 0: now.
	 */
	long long created;
	/*
	 * A department's members, one row each, in the order to show. With
	 * none, the roll-up shows the department's own figures and a note
	 * that the members' data is not there yet. Ignored at a school.
	 */
	const struct nv_rollup_row *members;
	size_t nmembers;
};

/*
 * Write the report of model m to o->path. Returns 0, or -1 with an error
 * in d (the file exists and o->force is false, its folder cannot be
 * written, libxlsxwriter failed); on failure o->path is left as it was.
 */
int nv_report_xlsx(const struct nv_model *m, const struct nv_report_opts *o, struct nv_diags *d);

#endif
