/*
 * model_members.c: `members:` of a department's site.yml (a list of
 * paths and URLs, checked here; loaded by build_members.c) and the
 * checks of a member's data export (model_members.h).
 *
 * A member's broken export is a warning, never an error: the
 * department cannot fix a school's data, and an error would stop the
 * whole municipal site over one school. The member is left out of the
 * roll-up, the warning says which member and which field, and the rest
 * is built.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "model_members.h"
#include "schema.h"
#include "value.h"

const struct nv_value *mdl_read_members(struct builder *b, struct nv_fields *top)
{
	const struct nv_value *v = nv_field_list(top, "members", NV_OPTIONAL,
						 "пути к проектам или адреса data.json", false);
	size_t i, k;

	if (!v)
		return NULL;
	if (b->m->site.kind != NV_ORG_DEPARTMENT && b->m->site.kind != NV_ORG_CENTER) {
		nv_diag_hint(nv_field_error(top, v,
					    "список members бывает только у управления "
					    "(отдела) образования или центра"),
			     "укажите в organization «kind: department» или уберите members");
		return NULL;
	}
	for (i = 0; i < v->nr; i++) {
		const struct nv_value *it = v->items[i];
		if (it->type != NV_STRING || !it->len) {
			nv_diag_hint(nv_field_error(top, it, "участник № %zu в members — не строка",
						    i + 1),
				     "напишите путь к проекту организации («schools/sosh-3») или "
				     "адрес её data.json («https://…/data.json»)");
			return NULL;
		}
		for (k = 0; k < i; k++)
			if (!strcmp(v->items[k]->str, it->str)) {
				nv_diag_hint(nv_field_error(top, it,
							    "участник «%s» указан в members дважды "
							    "(строка %d)",
							    it->str, v->items[k]->line),
					     "оставьте одну строку");
				return NULL;
			}
	}
	return v;
}

/* --- an export ------------------------------------------------------------------- */

struct reader {
	struct nv_org_member *mb;
	const char *file;
	struct nv_diags *d;
	int bad;
	char prefix[64]; /* where the value read is, for messages: "pairs.by_form[2]." */
};

/* The value at a dotted path ("organization.name"), or NULL. */
static const struct nv_value *at(const struct nv_value *v, const char *path)
{
	char key[64];
	size_t n;

	while (v && *path) {
		n = strcspn(path, ".");
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = nv_map_get(v, key);
		path += n + (path[n] == '.');
	}
	return v;
}

static void problem(struct reader *r, const char *path, const char *what)
{
	if (r->bad++)
		return; /* one message per member: the first problem */
	nv_diag_hint(nv_warning(r->d, r->file, r->mb->line, r->mb->col,
				"участник «%s»: в выгрузке data.json поле «%s%s» %s; организация "
				"пропущена",
				r->mb->source, r->prefix, path, what),
		     "пересоберите сайт организации актуальной версией nastavnik или "
		     "уберите её из members");
}

/* A string (required: present, not null), or NULL. */
static const char *str(struct reader *r, const struct nv_value *v, const char *path, bool req)
{
	const struct nv_value *x = at(v, path);

	if ((!x || x->type == NV_NULL) && !req)
		return NULL;
	if (!x)
		problem(r, path, "отсутствует");
	else if (x->type != NV_STRING)
		problem(r, path, "должно быть строкой");
	return x && x->type == NV_STRING ? x->str : NULL;
}

/* A whole number ≥ 0, required. */
static size_t num(struct reader *r, const struct nv_value *v, const char *path)
{
	const struct nv_value *x = at(v, path);

	if (!x)
		problem(r, path, "отсутствует");
	else if (x->type != NV_NUMBER || x->number < 0 || x->number != (double)(size_t)x->number)
		problem(r, path, "должно быть целым неотрицательным числом");
	return x && x->type == NV_NUMBER && x->number >= 0 ? (size_t)x->number : 0;
}

static const struct nv_value *list(struct reader *r, const struct nv_value *v, const char *path)
{
	const struct nv_value *x = at(v, path);

	if (!x)
		problem(r, path, "отсутствует");
	else if (x->type != NV_LIST)
		problem(r, path, "должно быть списком");
	return x && x->type == NV_LIST ? x : NULL;
}

/* pairs.by_form or pairs.by_kind: [{form|kind, count}]. */
static struct nv_member_count *counts(struct reader *r, const struct nv_value *v, const char *path,
				      const char *key, size_t *n)
{
	const struct nv_value *l = list(r, v, path);
	struct nv_member_count *c;
	size_t i;

	*n = l ? l->nr : 0;
	c = nv_xcalloc(*n + 1, sizeof(*c));
	for (i = 0; i < *n && !r->bad; i++) {
		snprintf(r->prefix, sizeof(r->prefix), "%s[%zu].", path, i);
		c[i].name = str(r, l->items[i], key, true);
		c[i].count = num(r, l->items[i], "count");
	}
	r->prefix[0] = '\0';
	return c;
}

static void read_cases(struct reader *r, const struct nv_value *v)
{
	const struct nv_value *l = list(r, v, "cases");
	struct nv_org_member *mb = r->mb;
	size_t i;

	mb->ncases = l ? l->nr : 0;
	mb->cases = nv_xcalloc(mb->ncases + 1, sizeof(*mb->cases));
	for (i = 0; i < mb->ncases && !r->bad; i++) {
		const struct nv_value *c = l->items[i];
		snprintf(r->prefix, sizeof(r->prefix), "cases[%zu].", i);
		mb->cases[i].title = str(r, c, "title", true);
		mb->cases[i].form = str(r, c, "form", false);
		mb->cases[i].kind = str(r, c, "kind", false);
		mb->cases[i].year = str(r, c, "year", false);
		mb->cases[i].url = str(r, c, "url", false);
		/* A relative link means the member has no address: it cannot be followed from here.
		 */
		if (mb->cases[i].url && !strstr(mb->cases[i].url, "://"))
			mb->cases[i].url = NULL;
	}
	r->prefix[0] = '\0';
}

static void read_fields(struct reader *r, const struct nv_value *v)
{
	struct nv_org_member *mb = r->mb;

	mb->name = str(r, v, "organization.name", true);
	mb->short_name = str(r, v, "organization.short_name", true);
	mb->kind = str(r, v, "organization.kind", true);
	mb->place = str(r, v, "organization.place", false);
	mb->address = str(r, v, "organization.address", false);
	mb->phone = str(r, v, "organization.phone", false);
	mb->website = str(r, v, "organization.website", false);
	mb->section_url = str(r, v, "organization.section_url", false);
	mb->section_title = str(r, v, "organization.section_title", false);
	mb->curator_name = str(r, v, "organization.curator.name", false);
	mb->curator_position = str(r, v, "organization.curator.position", false);
	mb->curator_phone = str(r, v, "organization.curator.phone", false);
	mb->curator_email = str(r, v, "organization.curator.email", false);
	mb->pairs = num(r, v, "pairs.total");
	mb->pairs_active = num(r, v, "pairs.active");
	mb->pairs_finished = num(r, v, "pairs.finished");
	mb->pairs_ended_early = num(r, v, "pairs.ended_early");
	mb->by_form = counts(r, v, "pairs.by_form", "form", &mb->nforms);
	mb->by_kind = counts(r, v, "pairs.by_kind", "kind", &mb->nkinds);
	mb->mentors = num(r, v, "mentors");
	mb->mentees = num(r, v, "mentees");
	mb->teachers = num(r, v, "monitoring.teachers");
	mb->teachers_involved = num(r, v, "monitoring.teachers_involved");
	mb->teachers_share = num(r, v, "monitoring.teachers_share");
	mb->students = num(r, v, "monitoring.students");
	mb->students_involved = num(r, v, "monitoring.students_involved");
	mb->students_share = num(r, v, "monitoring.students_share");
	read_cases(r, v);
}

int nv_org_member_read(struct nv_org_member *mb, struct nv_value *data, const char *site_yml,
		       struct nv_date today, struct nv_diags *d)
{
	struct reader r = { mb, site_yml, d, 0, "" };
	const char *schema, *exported;
	long age;

	mb->data = data;
	schema = str(&r, data, "schema", true);
	if (schema && strcmp(schema, NV_DATA_SCHEMA)) {
		r.bad = 1;
		nv_diag_hint(
			nv_warning(d, site_yml, mb->line, mb->col,
				   "участник «%s»: выгрузка data.json версии «%s», а эта версия "
				   "nastavnik читает «%s»; организация пропущена",
				   mb->source, schema, NV_DATA_SCHEMA),
			"соберите сайт организации и сайт управления одной версией nastavnik");
	}
	exported = r.bad ? NULL : str(&r, data, "exported", true);
	if (exported && (strlen(exported) != 10 ||
			 sscanf(exported, "%4d-%2d-%2d", &mb->exported.year, &mb->exported.month,
				&mb->exported.day) != 3 ||
			 !nv_date_valid(mb->exported)))
		problem(&r, "exported", "должно быть датой ГГГГ-ММ-ДД");
	if (!r.bad)
		read_fields(&r, data);
	if (r.bad) {
		nv_org_member_release(mb);
		return -1;
	}
	mb->ok = true;
	age = nv_date_to_days(today) - nv_date_to_days(mb->exported);
	if (!mb->built && age > NV_MEMBER_STALE_DAYS) {
		mb->stale = true;
		nv_diag_hint(
			nv_warning(d, site_yml, mb->line, mb->col,
				   "участник «%s»: данные устарели — выгрузка от %02d.%02d.%04d, "
				   "%ld дн. назад",
				   mb->source, mb->exported.day, mb->exported.month,
				   mb->exported.year, age),
			"попросите организацию пересобрать свой сайт (nastavnik build); "
			"в сводке её данные помечены как устаревшие");
	}
	return 0;
}

void nv_org_member_release(struct nv_org_member *mb)
{
	nv_value_free(mb->data);
	mb->data = NULL;
	free(mb->by_form);
	free(mb->by_kind);
	free(mb->cases);
	mb->by_form = mb->by_kind = NULL;
	mb->cases = NULL;
	mb->nforms = mb->nkinds = mb->ncases = 0;
	mb->ok = false;
}
