/*
 * model_monitoring.c: the monitoring figures of a model (see
 * model_monitoring.h), counted once for the website and the report.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "utf8.h"
#include "model.h"
#include "model_monitoring.h"

unsigned nv_monitoring_share(size_t part, size_t whole)
{
	return whole ? (unsigned)((part * 200 + whole) / (2 * whole)) : 0;
}

double nv_monitoring_percent(size_t part, size_t whole)
{
	unsigned share = nv_monitoring_share(part, whole);
	size_t tenths;

	if (share || !part || !whole)
		return share;
	tenths = part * 1000 / whole; /* one in 640 is not «0 %» */
	return (double)(tenths ? tenths : 1) / 10;
}

/* Whether the mentee's part of a role model («опытный педагог – молодой специалист») names a young
 * one. */
static bool young_role(const char *role)
{
	struct nv_buf f = NV_BUF_INIT;
	const char *dash;
	bool young;

	if (!role)
		return false;
	nv_utf8_fold(&f, role, strlen(role));
	dash = strchr(f.ptr, '-');
	young = strstr(dash ? dash : f.ptr, "молод") != NULL;
	nv_buf_release(&f);
	return young;
}

/* Whether person p is a teacher mentee of a pair with a young specialist's role. */
static bool young_in(const struct nv_model *m, const struct nv_person *p)
{
	size_t i, k;

	for (i = 0; i < m->npairs; i++)
		for (k = 0; k < m->pairs[i]->nmentees; k++)
			if (m->pairs[i]->mentees[k] == p && young_role(m->pairs[i]->role_model))
				return true;
	return false;
}

/* The forms that have pairs, in the model's order of forms. */
static void count_forms(struct nv_monitoring *mon, const struct nv_model *m)
{
	size_t f, k;

	for (f = 0; m->forms && m->forms[f]; f++) {
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
			mon->young_involved += p->mentee && young_in(m, p);
		} else if (p->category == NV_CAT_STUDENT) {
			students++;
			mon->students_involved += in;
		}
	}
	mon->teachers_declared = m->totals.teachers > 0;
	mon->students_declared = m->totals.students > 0;
	mon->teachers = mon->teachers_declared ? (size_t)m->totals.teachers : teachers;
	mon->students = mon->students_declared ? (size_t)m->totals.students : students;
	/* Young specialists are not marked in people.yml: without `totals:`, those in pairs. */
	mon->young_declared = m->totals.young > 0;
	mon->young = mon->young_declared ? (size_t)m->totals.young : mon->young_involved;
	mon->teachers_share = nv_monitoring_share(mon->teachers_involved, mon->teachers);
	mon->students_share = nv_monitoring_share(mon->students_involved, mon->students);
}

/* The latest academic year of m's documents of kind k (its first year), 0 if none has one. */
static int latest_acyear(const struct nv_model *m, enum nv_kind k)
{
	int y = 0;
	size_t i;

	for (i = 0; i < m->nentries; i++)
		if (m->entries[i]->kind == k && m->entries[i]->acyear > y)
			y = m->entries[i]->acyear;
	return y;
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
	mon->acyear = latest_acyear(m, NV_KIND_ROADMAP);
	if (!mon->acyear)
		mon->acyear = latest_acyear(m, NV_KIND_PROGRAM);
	for (i = 0; i < m->nentries; i++) {
		if (mon->acyear && m->entries[i]->acyear != mon->acyear)
			continue;
		for (k = 0; k < m->entries[i]->nsections; k++)
			for (j = 0; j < m->entries[i]->sections[k].nitems; j++) {
				mon->items_by_status[m->entries[i]->sections[k].items[j].status]++;
				mon->items++;
			}
	}
}

void nv_monitoring_release(struct nv_monitoring *mon)
{
	free(mon->forms);
	memset(mon, 0, sizeof(*mon));
}
