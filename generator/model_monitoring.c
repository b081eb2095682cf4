/*
 * model_monitoring.c: the monitoring figures of a model (see
 * model_monitoring.h), counted once for the website and the report.
 */
#include "common.h"

#include "alloc.h"
#include "model.h"
#include "model_monitoring.h"

unsigned nv_monitoring_share(size_t part, size_t whole)
{
	return whole ? (unsigned)(part * 100 / whole) : 0;
}

/* The forms that have pairs, in the model's order of forms. */
static void count_forms(struct nv_monitoring *mon, const struct nv_model *m)
{
	size_t f, k;

	for (f = 0; m->forms[f]; f++) {
		struct nv_form_count fc = { m->forms[f], 0, 0 };
		for (k = 0; k < m->npairs; k++)
			if (m->pairs[k]->form && !strcmp(m->pairs[k]->form, m->forms[f])) {
				fc.pairs++;
				fc.active += m->pairs[k]->status == NV_PAIR_ACTIVE;
			}
		if (!fc.pairs)
			continue;
		mon->forms = nv_xrealloc(mon->forms, (mon->nforms + 1) * sizeof(*mon->forms));
		mon->forms[mon->nforms++] = fc;
		if (fc.pairs > mon->max_form_pairs)
			mon->max_form_pairs = fc.pairs;
	}
}

static void count_people(struct nv_monitoring *mon, const struct nv_model *m)
{
	size_t i, teachers = 0, students = 0;

	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		bool in = p->mentor || p->mentee;

		mon->mentors += p->mentor;
		mon->mentees += p->mentee;
		if (p->category == NV_CAT_TEACHER) {
			teachers++;
			mon->teachers_involved += in;
		} else if (p->category == NV_CAT_STUDENT) {
			students++;
			mon->students_involved += in;
		}
	}
	mon->teachers_declared = m->totals.teachers > 0;
	mon->students_declared = m->totals.students > 0;
	mon->teachers = mon->teachers_declared ? (size_t)m->totals.teachers : teachers;
	mon->students = mon->students_declared ? (size_t)m->totals.students : students;
	mon->teachers_share = nv_monitoring_share(mon->teachers_involved, mon->teachers);
	mon->students_share = nv_monitoring_share(mon->students_involved, mon->students);
}

void nv_monitoring_count(struct nv_monitoring *mon, const struct nv_model *m)
{
	size_t i, k, j;

	memset(mon, 0, sizeof(*mon));
	mon->pairs = m->npairs;
	for (k = 0; k < m->npairs; k++)
		mon->pairs_by_status[m->pairs[k]->status]++;
	count_forms(mon, m);
	count_people(mon, m);
	for (i = 0; i < m->nentries; i++)
		for (k = 0; k < m->entries[i]->nsections; k++)
			for (j = 0; j < m->entries[i]->sections[k].nitems; j++) {
				mon->items_by_status[m->entries[i]->sections[k].items[j].status]++;
				mon->items++;
			}
}

void nv_monitoring_release(struct nv_monitoring *mon)
{
	free(mon->forms);
	memset(mon, 0, sizeof(*mon));
}
