/*
 * model_monitoring.h: the monitoring figures, counted in one place from
 * the model: pairs and groups by status and by form, the mentors and
 * mentees, how many teachers and students take part (as shares of the
 * totals site.yml declares), and the roadmap items of the current
 * academic year by status.
 *
 * The website's monitoring and mentors pages and the regional report
 * (build_report.h) read these numbers, so the page and the report can
 * never disagree.
 */
#ifndef NV_MODEL_MONITORING_H
#define NV_MODEL_MONITORING_H

#include "common.h"

#include "model.h"

/* Pairs and groups of one form of mentoring. */
struct nv_form_count {
	const char *form; /* canonical spelling; not owned */
	size_t pairs;	  /* pairs and groups of the form */
	size_t active;	  /* of them, working now (status active) */
};

struct nv_monitoring {
	size_t pairs;		   /* every pair and group of pairs.yml */
	size_t pairs_by_status[3]; /* indexed by enum nv_pair_status */
	/* The forms that have at least one pair, in the order of m->forms; owned. */
	struct nv_form_count *forms;
	size_t nforms;
	size_t max_form_pairs;	 /* the largest forms[].pairs (the chart's scale); 0 if none */
	size_t mentors, mentees; /* people of people.yml who are a mentor / a mentee in a pair */
	/*
	 * Teachers and students: the denominators are the totals site.yml
	 * declares (`totals:`) when given (*_declared), else the people of
	 * people.yml of that category; *_involved are those of people.yml
	 * who are a mentor or a mentee.
	 */
	size_t teachers, teachers_involved, students, students_involved;
	bool teachers_declared, students_declared;
	/*
	 * Young specialists: teachers who are the mentee of a pair whose
	 * role model names a young one («… – молодой специалист»); the
	 * denominator is `totals: young_specialists`, else those in pairs.
	 */
	size_t young, young_involved;
	bool young_declared;
	unsigned teachers_share, students_share; /* whole percent, see nv_monitoring_share() */
	/*
	 * The academic year the monitoring speaks of (its first year; 0 when
	 * no roadmap or program has one): the latest of the roadmaps', or
	 * without roadmaps of the programs'. Past years' roadmaps, kept for
	 * the record, are not its.
	 */
	int acyear;
	size_t items; /* roadmap items of the roadmaps of acyear (not their sub-rows) */
	size_t items_by_status[3]; /* indexed by enum nv_item_status */
};

/*
 * Count the figures of m into mon (overwritten). Release with
 * nv_monitoring_release().
 */
void nv_monitoring_count(struct nv_monitoring *mon, const struct nv_model *m);

/* Free what mon holds; mon is zeroed. Accepts a zeroed mon. */
void nv_monitoring_release(struct nv_monitoring *mon);

/*
 * A share in whole percent as the monitoring page shows it: part * 100 /
 * whole, rounded half up; 0 when whole is 0.
 */
unsigned nv_monitoring_share(size_t part, size_t whole);

/*
 * The share as the monitoring page and the справка state it: whole
 * percent (nv_monitoring_share()), or in tenths below one percent (0.2),
 * never 0 when part is not 0.
 */
double nv_monitoring_percent(size_t part, size_t whole);

#endif
