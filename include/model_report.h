/*
 * model_report.h: the аналитическая справка по итогам мониторинга — the
 * figures of the monitoring (site.yml `totals:`, pairs.yml, people.yml,
 * the roadmaps) as indicators, and the conclusions written from them in
 * Russian, with every number agreeing with its noun. Both back ends set
 * out the same report: the monitoring page (html) and its PDF (print).
 */
#ifndef NV_MODEL_REPORT_H
#define NV_MODEL_REPORT_H

#include "common.h"

struct nv_model;

/* The file name of the printed справка, which the build puts in the site's root. */
#define NV_REPORT_PDF "spravka-po-itogam-monitoringa.pdf"

/* One indicator: n of total (the share in whole per cent). */
struct nv_report_row {
	const char *title; /* «Педагогические работники, участвующие в наставничестве» */
	const char *label; /* for a chart: «Педагоги» */
	size_t n, total;
	unsigned share;	     /* n * 100 / total, rounded half up; 0 when total is 0 */
	char share_text[16]; /* the share as printed: «18», «0,2» below 1 %, «0» */
	bool declared;	     /* total is declared in site.yml (else counted in people.yml) */
};

struct nv_report {
	int acyear;		      /* the program's academic year, 0 when none */
	struct nv_report_row rows[3]; /* teachers, young specialists, students */
	size_t pairs, status[3];      /* pairs and groups, by enum nv_pair_status */
	size_t items, items_done;     /* roadmap items, and those done */
	char *intro;		      /* the first paragraph (plain UTF-8, owned) */
	char **conclusions;	      /* the numbered conclusions (owned) */
	size_t nconclusions;
};

/*
 * Compute the report of model m into r (zeroed first). Young specialists
 * in mentoring are the teachers who are mentees of a pair whose
 * role_model names them so (the part after the dash contains «молод»).
 * Release with nv_report_release().
 */
void nv_report_build(struct nv_report *r, const struct nv_model *m);
void nv_report_release(struct nv_report *r);

#endif
