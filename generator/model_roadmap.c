/*
 * model_roadmap.c: roadmaps in the model — the sections and items of a
 * roadmap's front matter, the terms of its items (and of pairs) parsed
 * through a memo, and each item's `responsible`: text or a list of texts
 * and ids of people, resolved into the string paper prints («Лебедева А.
 * С., куратор») and the one the website shows, by publish level
 * (person.h).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "person.h"
#include "schema.h"
#include "strmap.h"
#include "typo.h"
#include "value.h"

/*
 * Roadmaps and pairs.yml repeat a few terms («В течение года», «Сентябрь
 * 2025») thousands of times, so each distinct text is parsed once per
 * academic year. nv_term_parse() depends on nothing but the text and the
 * academic year, so a remembered result, the reason for a failure
 * included, is exactly what parsing again would give.
 */
struct term_memo {
	struct term_memo *next; /* the same text with another academic year */
	int acyear;
	bool parsed;
	struct nv_date from, to;
	char *why; /* the reason nv_term_parse() gave, "" if none */
};

/*
 * As nv_term_parse(t, text, acyear, why), but each (text, acyear) is
 * parsed once per build. text must outlive the build (it is the key);
 * why must not be NULL.
 */
int mdl_parse_term(struct builder *b, struct nv_term *t, const char *text, int acyear,
		   struct nv_buf *why)
{
	struct term_memo *first = nv_strmap_get(b->terms, text), *tm;
	size_t len = why->len;

	for (tm = first; tm; tm = tm->next) {
		if (tm->acyear != acyear)
			continue;
		nv_term_release(t);
		t->text = nv_xstrdup(text);
		t->parsed = tm->parsed;
		t->from = tm->from;
		t->to = tm->to;
		nv_buf_adds(why, tm->why);
		return t->parsed ? 0 : -1;
	}
	tm = nv_xcalloc(1, sizeof(*tm));
	tm->acyear = acyear;
	tm->parsed = !nv_term_parse(t, text, acyear, why);
	tm->from = t->from;
	tm->to = t->to;
	tm->why = nv_xstrdup(why->ptr + len);
	if (first) {
		tm->next = first->next;
		first->next = tm;
	} else {
		nv_strmap_put(b->terms, text, tm);
	}
	return tm->parsed ? 0 : -1;
}

/* Free one chain of remembered terms (a value of builder.terms). */
static void term_memo_free(void *val)
{
	struct term_memo *tm, *next;

	for (tm = val; tm; tm = next) {
		next = tm->next;
		free(tm->why);
		free(tm);
	}
}

void mdl_terms_free(struct nv_strmap *x)
{
	nv_strmap_free(x, term_memo_free);
}

void mdl_read_sections(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list =
		nv_field_list(f, "sections", NV_REQUIRED,
			      "разделы дорожной карты со списками мероприятий", false);
	const struct nv_value *sv, *items, *iv;
	struct nv_fields sf, itf;
	struct nv_section *sec;
	struct nv_item *it;
	struct nv_buf why = NV_BUF_INIT, what = NV_BUF_INIT;
	const char *due;
	size_t i, j;

	if (!list)
		return;
	e->sections = nv_xcalloc(list->nr + 1, sizeof(*e->sections));
	for (i = 0; i < list->nr; i++) {
		sv = list->items[i];
		nv_buf_reset(&what);
		nv_buf_addf(&what, "в разделе %zu", i + 1);
		if (!nv_fields_init(&sf, f->file, sv, what.ptr, sv->line, sv->col, b->d))
			continue;
		sec = &e->sections[e->nsections++];
		sec->title = nv_field_str(&sf, "title", NV_REQUIRED, "название раздела");
		items = nv_field_list(&sf, "items", NV_REQUIRED, "мероприятия раздела", false);
		if (items && !items->nr)
			nv_field_error(&sf, items, "в разделе %zu нет ни одного мероприятия",
				       i + 1);
		nv_fields_finish(&sf);
		if (!items)
			continue;
		sec->items = nv_xcalloc(items->nr + 1, sizeof(*sec->items));
		for (j = 0; j < items->nr; j++) {
			iv = items->items[j];
			nv_buf_reset(&what);
			nv_buf_addf(&what, "в мероприятии %zu.%zu.", i + 1, j + 1);
			if (!nv_fields_init(&itf, f->file, iv, what.ptr, iv->line, iv->col, b->d))
				continue;
			it = &sec->items[sec->nitems++];
			it->line = iv->line;
			it->col = iv->col;
			it->title =
				nv_field_str(&itf, "title", NV_REQUIRED, "название мероприятия");
			due = nv_field_str(&itf, "due", NV_REQUIRED,
					   "срок, например «Сентябрь 2025»");
			mdl_read_responsible(b, &itf, it);
			it->result = nv_field_str(&itf, "result", NV_OPTIONAL, NULL);
			it->status = (enum nv_item_status)nv_field_enum(&itf, "status", NV_OPTIONAL,
									mdl_item_status_names,
									NV_ITEM_PLANNED);
			nv_term_init(&it->due);
			nv_buf_reset(&why);
			if (due && mdl_parse_term(b, &it->due, due, mdl_term_acyear(e), &why) < 0) {
				const struct nv_value *dv = nv_map_get(iv, "due");
				nv_diag_hint(
					nv_warning(b->d, f->file, dv->line, dv->col,
						   "срок «%s» не удалось понять как период: %s",
						   due, why.len ? why.ptr : "неизвестный формат"),
					"срок сохранится как написан; чтобы он попал в календарь, "
					"пишите, например, «Сентябрь 2025», «до 15.09.2025», "
					"«II квартал 2026 г.»");
			}
			mdl_term_in_period(e, &it->due);
			nv_fields_finish(&itf);
		}
	}
	nv_buf_release(&why);
	nv_buf_release(&what);
}

void mdl_read_responsible(struct builder *b, struct nv_fields *f, struct nv_item *it)
{
	const struct nv_value *list, *v;
	struct nv_responsible *r;
	size_t i, n;

	list = nv_field_list(f, "responsible", NV_REQUIRED,
			     "ответственный: текст или список из текста и id людей, например "
			     "«responsible: [lebedeva-as, куратор]»",
			     true);
	if (!list)
		return;
	n = list->type == NV_LIST ? list->nr : 1;
	if (!n)
		nv_diag_hint(nv_field_error(f, list, "список «responsible» пуст"),
			     "например «responsible: [lebedeva-as, куратор]» или «responsible: "
			     "Директор»");
	it->resp = nv_xcalloc(n + 1, sizeof(*it->resp));
	for (i = 0; i < n; i++) {
		v = list->type == NV_LIST ? list->items[i] : list;
		if (!nv_value_is_scalar(v)) {
			nv_diag_hint(nv_field_error(f, v,
						    "в списке «responsible» ожидается текст или id "
						    "участника, а здесь %s",
						    nv_type_name(v->type)),
				     "например «responsible: [lebedeva-as, куратор]»");
			continue;
		}
		r = &it->resp[it->nresp];
		/*
		 * A plain string is text, as it always was, unless it is the id
		 * of a person; in a list an id of nobody is a mistake.
		 */
		if (list->type != NV_LIST && !nv_model_person(b->m, v->str)) {
			r->text = v->str;
		} else if (mdl_valid_id(v->str)) {
			r->person = mdl_ref_person(b, f, v, "responsible");
			if (!r->person)
				continue;
		} else {
			r->text = v->str;
		}
		it->nresp++;
	}
}

/* «Лебедева А. С.»: the surname and initials, as lists on paper name people. */
static void paper_name(struct nv_buf *out, const struct nv_person *p)
{
	nv_buf_adds(out, p->surname);
	nv_buf_adds(out, "\xC2\xA0");
	nv_person_add_initial(out, p->name);
	if (p->patronymic) {
		nv_buf_adds(out, "\xC2\xA0");
		nv_person_add_initial(out, p->patronymic);
	}
}

/*
 * The parts of a `responsible` for one audience, joined by «, », or by
 * «; » when a part has a comma of its own («наставник, педагог»). On
 * the website a description repeated for several hidden people is
 * written once.
 */
static char *join_responsible(const struct nv_item *it, bool web)
{
	struct nv_buf out = NV_BUF_INIT, part = NV_BUF_INIT;
	char **parts = nv_xcalloc(it->nresp + 1, sizeof(*parts));
	bool comma = false, seen;
	size_t i, k, n = 0;

	for (i = 0; i < it->nresp; i++) {
		nv_buf_reset(&part);
		if (it->resp[i].text)
			nv_buf_adds(&part, it->resp[i].text);
		else if (web)
			nv_person_public_name(&part, it->resp[i].person);
		else
			paper_name(&part, it->resp[i].person);
		for (seen = false, k = 0; web && k < n; k++)
			seen = seen || !strcmp(parts[k], part.ptr);
		if (seen)
			continue;
		comma = comma || strchr(part.ptr, ',');
		parts[n++] = nv_xstrdup(part.ptr);
	}
	for (i = 0; i < n; i++) {
		nv_buf_adds(&out, i ? (comma ? "; " : ", ") : "");
		nv_buf_adds(&out, parts[i]);
		free(parts[i]);
	}
	free(parts);
	nv_buf_release(&part);
	return nv_buf_detach(&out, NULL);
}

void mdl_resolve_responsible(struct builder *b)
{
	struct nv_entry *e;
	struct nv_item *it;
	size_t i, k, j;

	for (i = 0; i < b->m->nentries; i++) {
		e = b->m->entries[i];
		for (k = 0; k < e->nsections; k++) {
			for (j = 0; j < e->sections[k].nitems; j++) {
				it = &e->sections[k].items[j];
				it->responsible_paper = join_responsible(it, false);
				it->responsible_web = join_responsible(it, true);
			}
		}
	}
}
