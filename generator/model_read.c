/*
 * model_read.c: reading and validating the fields of each document by
 * kind (approval blocks, orders, programs, cases, pages' document links;
 * roadmaps in model_roadmap.c) and of pairs.yml; people.yml and site.yml
 * are model_site.c. Every field goes through schema.h; references
 * resolve through model_refs.c.
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
/* A list of strings (a single scalar counts as one). */
static size_t str_list(struct nv_fields *f, const struct nv_value *list, const char *key,
		       const char ***out)
{
	size_t i, n = 0;

	*out = NULL;
	if (!list)
		return 0;
	if (list->type != NV_LIST) {
		*out = nv_xcalloc(1, sizeof(**out));
		(*out)[n++] = list->str;
		return n;
	}
	*out = nv_xcalloc(list->nr + 1, sizeof(**out));
	for (i = 0; i < list->nr; i++) {
		if (!nv_value_is_scalar(list->items[i]))
			nv_field_error(f, list->items[i],
				       "в списке «%s» ожидается текст, а здесь %s", key,
				       nv_type_name(list->items[i]->type));
		else
			(*out)[n++] = list->items[i]->str;
	}
	return n;
}

static enum nv_gender gender_of(const char *title, enum nv_kind kind)
{
	static const struct {
		const char *word;
		enum nv_gender g;
	} words[] = {
		{ "Положение", NV_NEUTER },	 { "Программа", NV_FEMININE },
		{ "Дорожная", NV_FEMININE },	 { "План", NV_MASCULINE },
		{ "Календарный", NV_MASCULINE }, { "Порядок", NV_MASCULINE },
		{ "Состав", NV_MASCULINE },	 { "Регламент", NV_MASCULINE },
		{ "Список", NV_MASCULINE },	 { "Кодекс", NV_MASCULINE },
		{ "Инструкция", NV_FEMININE },	 { "Методика", NV_FEMININE },
	};
	size_t i, n;

	for (i = 0; title && i < NV_ARRAY_SIZE(words); i++) {
		n = strlen(words[i].word);
		if (!strncmp(title, words[i].word, n) && (title[n] == ' ' || title[n] == '\0'))
			return words[i].g;
	}
	return kind == NV_KIND_POSITION ? NV_NEUTER
	       : kind == NV_KIND_PAGE	? NV_MASCULINE
					: NV_FEMININE;
}

static void read_approvals(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "approval", NV_OPTIONAL, NULL, false);
	const struct nv_value *item, *proto;
	struct nv_fields af, pf;
	struct nv_approval *a;
	int side;
	size_t i;

	if (!list)
		return;
	e->approvals = nv_xcalloc(list->nr + 1, sizeof(*e->approvals));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&af, f->file, item, "в блоке согласования", item->line,
				    item->col, b->d))
			continue;
		a = &e->approvals[e->napprovals];
		a->label = (enum nv_label)nv_field_enum(&af, "label", NV_REQUIRED, nv_label_names,
							NV_LABEL_ACCEPTED);
		side = nv_field_enum(&af, "side", NV_OPTIONAL, mdl_side_names, -1);
		a->right = side < 0
				   ? (a->label == NV_LABEL_APPROVED || a->label == NV_LABEL_APPROVE)
				   : side == 1;
		a->body = nv_field_str(&af, "body", NV_OPTIONAL, NULL);
		proto = nv_field_map(&af, "protocol", NV_OPTIONAL, NULL);
		if (proto && nv_fields_init(&pf, f->file, proto, "в протоколе", proto->line,
					    proto->col, b->d)) {
			a->protocol_number =
				nv_field_str(&pf, "number", NV_REQUIRED, "номер протокола");
			a->has_protocol_date = nv_field_date(&pf, "date", NV_REQUIRED,
							     "дата протокола", &a->protocol_date);
			nv_fields_finish(&pf);
		}
		a->person = mdl_ref_person(b, &af,
					   nv_field(&af, "person", a->label == NV_LABEL_APPROVE,
						    "кто утверждает: id директора из people.yml"),
					   "person");
		a->has_date = nv_field_date(&af, "date", NV_OPTIONAL, NULL, &a->date);
		a->line = item->line;
		a->col = item->col;
		if (a->label != NV_LABEL_APPROVE && a->label != NV_LABEL_APPROVED && !a->body &&
		    !a->person && !proto)
			nv_diag_hint(nv_field_error(&af, item,
						    "в блоке «%s» не сказано, кем принят документ",
						    nv_label_names[a->label]),
				     "добавьте «body: педагогическим советом» и «protocol: { "
				     "number: 1, date: … }»");
		nv_fields_finish(&af);
		e->napprovals++;
	}
}

static void read_order(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v;
	const struct nv_site *s = &b->m->site;

	e->number = nv_field_str(f, "number", NV_REQUIRED, "номер приказа, например «112-од»");
	nv_field_date(f, "date", NV_REQUIRED, "дата приказа, например «29.08.2025»", &e->date);
	e->place = nv_field_str(f, "place", NV_OPTIONAL, NULL);
	if (!e->place)
		e->place = s->place;
	e->preamble = nv_field_str(f, "preamble", NV_OPTIONAL, NULL);
	v = nv_field(f, "signatory", NV_OPTIONAL, NULL);
	e->signatory = v ? mdl_ref_person(b, f, v, "signatory") : s->director;
	if (!nv_field_acyear(f, "academic_year", NV_OPTIONAL, NULL, &e->acyear) && e->date.year)
		e->acyear = e->date.month >= 8 ? e->date.year : e->date.year - 1;
	mdl_read_appendices(b, e, f);
	e->nacquaint = mdl_ref_people(b, f, nv_field_list(f, "acquaint", NV_OPTIONAL, NULL, true),
				      "acquaint", &e->acquaint);
	if (e->title) {
		v = nv_map_get(f->map, "title");
		if (strncmp(e->title, "О ", strlen("О ")) &&
		    strncmp(e->title, "Об ", strlen("Об ")) &&
		    strncmp(e->title, "Об\xC2\xA0", strlen("Об\xC2\xA0")) &&
		    strncmp(e->title, "О\xC2\xA0", strlen("О\xC2\xA0")))
			nv_diag_hint(
				nv_warning(b->d, f->file, v->line, v->col,
					   "заголовок приказа обычно начинается с «О» или «Об»"),
				"например «О внедрении целевой модели наставничества»");
		if (e->title[strlen(e->title) - 1] == '.')
			nv_diag_hint(nv_warning(b->d, f->file, v->line, v->col,
						"в конце заголовка приказа точка не ставится"),
				     "уберите точку в конце заголовка (ГОСТ Р 7.0.97)");
	}
}

/* True if the Markdown body has an ordered list: the items of an order. */
static bool has_ordered_list(const struct nv_doc *doc)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *node;
	bool found = false;

	if (!doc->md)
		return false;
	it = cmark_iter_new(doc->md->root);
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_LIST &&
		    cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
			found = true;
	}
	cmark_iter_free(it);
	return found;
}

static void read_reflinks(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "documents", NV_OPTIONAL, NULL, false);
	const struct nv_value *item;
	struct nv_fields rf;
	struct nv_reflink *r;
	size_t i, k, given;

	if (!list)
		return;
	e->reflinks = nv_xcalloc(list->nr + 1, sizeof(*e->reflinks));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&rf, f->file, item, "в ссылке на документ", item->line,
				    item->col, b->d))
			continue;
		r = &e->reflinks[e->nreflinks++];
		r->level = (enum nv_doc_level)nv_field_enum(&rf, "level", NV_REQUIRED,
							    mdl_level_names, NV_LEVEL_SCHOOL);
		r->title =
			nv_field_str(&rf, "title", NV_REQUIRED, "название документа с реквизитами");
		r->url = nv_field_url(&rf, "url", NV_OPTIONAL, NULL, NV_URL_LINK);
		r->file = nv_field_str(&rf, "file", NV_OPTIONAL, NULL);
		r->doc = mdl_ref_entry(b, &rf, nv_field(&rf, "doc", NV_OPTIONAL, NULL), "doc",
				       NV_KIND_COUNT);
		given = (nv_map_get(item, "url") != NULL) + (nv_map_get(item, "file") != NULL) +
			(nv_map_get(item, "doc") != NULL);
		if (given != 1)
			nv_diag_hint(
				nv_field_error(&rf, item,
					       "у ссылки на документ должно быть ровно "
					       "одно из полей url, doc, file"),
				"url — адрес в интернете, doc — id документа раздела, file — файл "
				"из content/files/");
		if (r->file) {
			bool found = false;
			for (k = 0; k < b->c->assets.nr; k++)
				if (!strncmp(b->c->assets.v[k], "files/", 6) &&
				    !strcmp(b->c->assets.v[k] + 6, r->file))
					found = true;
			if (!found)
				nv_diag_hint(nv_field_error(&rf, nv_map_get(item, "file"),
							    "файл «%s» не найден в content/files/",
							    r->file),
					     "положите файл в content/files/ или исправьте имя");
		}
		nv_fields_finish(&rf);
	}
}

/* The fields of a program (type: program). */
static void read_program(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v;

	nv_field_acyear(f, "academic_year", NV_REQUIRED, "учебный год, например «2025–2026»",
			&e->acyear);
	v = nv_field_list(f, "forms", NV_OPTIONAL, NULL, true);
	if (v) {
		size_t i, n = v->type == NV_LIST ? v->nr : 1;
		e->forms = nv_xcalloc(n + 1, sizeof(*e->forms));
		for (i = 0; i < n; i++) {
			const char *form = mdl_loose_enum_value(
				f, v->type == NV_LIST ? v->items[i] : v, "forms", &b->forms,
				"неизвестная форма наставничества");
			if (form)
				e->forms[e->nforms++] = form;
		}
	}
	e->nauthors = mdl_ref_people(b, f, nv_field_list(f, "authors", NV_OPTIONAL, NULL, true),
				     "authors", &e->authors);
	e->title_page = nv_field_bool(f, "title_page", false);
	read_approvals(b, e, f);
}

/* The fields of a best practice (type: case). */
static void read_case(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	e->form = mdl_loose_enum(f, "form", NV_REQUIRED, &b->forms,
				 "неизвестная форма наставничества");
	e->mkind = mdl_loose_enum_value(f, nv_field(f, "kind", NV_OPTIONAL, NULL), "kind",
					&b->kinds, "неизвестный вид наставничества");
	nv_field_acyear(f, "year", NV_REQUIRED, "учебный год, например «2025–2026»", &e->acyear);
	e->nauthors = mdl_ref_people(b, f, nv_field_list(f, "authors", NV_OPTIONAL, NULL, true),
				     "authors", &e->authors);
	e->problem = nv_field_str(f, "problem", NV_OPTIONAL, NULL);
	e->goal = nv_field_str(f, "goal", NV_OPTIONAL, NULL);
	e->nresults = str_list(f, nv_field_list(f, "results", NV_OPTIONAL, NULL, true), "results",
			       &e->results);
	e->ntags = str_list(f, nv_field_list(f, "tags", NV_OPTIONAL, NULL, true), "tags", &e->tags);
	e->program = mdl_ref_entry(b, f, nv_field(f, "program", NV_OPTIONAL, NULL), "program",
				   NV_KIND_PROGRAM);
}

/*
 * `revision:` of a normative document: the list of its revisions,
 * { date, text }, newest first as written; it replaces the Git history
 * on the website.
 */
static void read_revisions(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "revision", NV_OPTIONAL, NULL, false);
	const struct nv_value *item;
	struct nv_revision *r;
	struct nv_fields rf;
	size_t i;

	if (!list)
		return;
	e->revisions = nv_xcalloc(list->nr + 1, sizeof(*e->revisions));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&rf, f->file, item, "в редакции", item->line, item->col, b->d))
			continue;
		r = &e->revisions[e->nrevisions];
		if (nv_field_date(&rf, "date", NV_REQUIRED, "дата редакции, например «01.09.2025»",
				  &r->date))
			e->nrevisions++;
		r->text = nv_field_str(&rf, "text", NV_OPTIONAL, NULL);
		nv_fields_finish(&rf);
	}
}

/* Phase 3: the fields of one entry. */
void mdl_read_entry(struct builder *b, struct nv_entry *e)
{
	struct nv_fields f;

	nv_check_text(e->doc->path, e->doc->meta, b->d);
	nv_fields_init(&f, e->doc->path, e->doc->meta, mdl_kind_where[e->kind], 1, 1, b->d);
	nv_fields_allow(&f, "type");
	nv_fields_allow(&f, "draft");
	e->draft = nv_map_get(e->doc->meta, "draft") && nv_map_get(e->doc->meta, "draft")->boolean;
	e->title = nv_field_str(&f, "title", NV_REQUIRED, "заголовок документа");
	e->summary = nv_field_str(&f, "summary", NV_OPTIONAL, NULL);
	e->weight = nv_field_number(&f, "weight", -1e9, 1e9, 0);
	e->gender = gender_of(e->title, e->kind);

	switch (e->kind) {
	case NV_KIND_PAGE:
		read_reflinks(b, e, &f);
		e->list_files = nv_field_bool(&f, "files", false);
		break;
	case NV_KIND_POSITION:
		e->audience = mdl_audience_names[nv_field_enum(&f, "audience", NV_OPTIONAL,
							       mdl_audience_names, 0)];
		if (!nv_map_get(e->doc->meta, "audience"))
			e->audience = NULL;
		read_approvals(b, e, &f);
		break;
	case NV_KIND_PROGRAM:
		read_program(b, e, &f);
		break;
	case NV_KIND_ROADMAP:
		nv_field_acyear(&f, "academic_year", NV_REQUIRED,
				"учебный год, например «2025–2026»", &e->acyear);
		read_approvals(b, e, &f);
		mdl_read_sections(b, e, &f);
		break;
	case NV_KIND_ORDER:
		read_order(b, e, &f);
		if (!has_ordered_list(e->doc))
			nv_diag_hint(nv_error(b->d, e->doc->path, e->doc->split.body_line, 1,
					      "в тексте приказа нет нумерованных пунктов"),
				     "после полей напишите пункты приказа нумерованным списком: "
				     "«1. Утвердить …», «2. Назначить …»");
		break;
	case NV_KIND_CASE:
		read_case(b, e, &f);
		break;
	case NV_KIND_NEWS:
		nv_field_date(&f, "date", NV_REQUIRED, "дата новости, например «02.03.2026»",
			      &e->date);
		break;
	case NV_KIND_COUNT:
		break;
	}
	if (e->kind == NV_KIND_POSITION || e->kind == NV_KIND_PROGRAM ||
	    e->kind == NV_KIND_ROADMAP || e->kind == NV_KIND_ORDER)
		read_revisions(b, e, &f);
	nv_fields_finish(&f);
}

void mdl_read_pairs(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "pairs");
	const struct nv_value *list, *item, *mentees, *kv;
	struct nv_fields f;
	struct nv_pair *p;
	struct nv_buf what = NV_BUF_INIT, why = NV_BUF_INIT;
	const char *period;
	size_t i, k;

	if (!data)
		return; /* a school may not have formed pairs yet */
	list = data->value;
	nv_check_text(data->path, list, b->d);
	if (list->type == NV_NULL)
		return;
	if (list->type != NV_LIST) {
		nv_diag_hint(nv_error(b->d, data->path, list->line, list->col,
				      "content/pairs.yml должен быть списком пар, а здесь %s",
				      nv_type_name(list->type)),
			     "каждая пара начинается строкой «- mentor: …»");
		return;
	}
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		nv_buf_reset(&what);
		nv_buf_addf(&what, "у пары № %zu", i + 1);
		if (!nv_fields_init(&f, data->path, item, what.ptr, item->line, item->col, b->d))
			continue;
		p = nv_xcalloc(1, sizeof(*p));
		p->number = (int)i + 1;
		p->line = item->line;
		p->col = item->col;
		p->mentor = mdl_ref_person(
			b, &f, nv_field(&f, "mentor", NV_REQUIRED, "id наставника"), "mentor");
		mentees = nv_field_list(&f, "mentees", NV_OPTIONAL, NULL, true);
		if (!mentees)
			mentees = nv_field(&f, "mentee", NV_OPTIONAL, NULL);
		if (!mentees && !nv_map_get(item, "mentees"))
			nv_diag_hint(
				nv_field_error(&f, NULL, "%s не указаны наставляемые", what.ptr),
				"добавьте «mentees: [id, …]» или «mentee: id»");
		p->nmentees = mdl_ref_people(b, &f, mentees, "mentees", &p->mentees);
		p->form = mdl_loose_enum(&f, "form", NV_REQUIRED, &b->forms,
					 "неизвестная форма наставничества");
		kv = nv_field(&f, "kind", NV_OPTIONAL, NULL);
		p->kind = kv ? mdl_loose_enum_value(&f, kv, "kind", &b->kinds,
						    "неизвестный вид наставничества")
			     : nv_mentoring_kinds[p->nmentees > 1 ? 1 : 0];
		p->role_model = nv_field_str(&f, "role_model", NV_OPTIONAL, NULL);
		p->program = mdl_ref_entry(b, &f, nv_field(&f, "program", NV_OPTIONAL, NULL),
					   "program", NV_KIND_PROGRAM);
		p->order = mdl_ref_entry(b, &f, nv_field(&f, "order", NV_OPTIONAL, NULL), "order",
					 NV_KIND_ORDER);
		/* «В течение года» means the academic year of the pair's order. */
		period = nv_field_str(&f, "period", NV_REQUIRED,
				      "срок работы пары, например "
				      "«01.09.2025 – 31.05.2026»");
		nv_term_init(&p->period);
		nv_buf_reset(&why);
		if (period && mdl_parse_term(b, &p->period, period, p->order ? p->order->acyear : 0,
					     &why) < 0)
			nv_diag_hint(nv_field_error(&f, nv_map_get(item, "period"),
						    "срок пары «%s» не удалось понять: %s", period,
						    why.len ? why.ptr : "неизвестный формат"),
				     "пишите срок как «01.09.2025 – 31.05.2026»");
		p->status = (enum nv_pair_status)nv_field_enum(
			&f, "status", NV_OPTIONAL, mdl_pair_status_names, NV_PAIR_ACTIVE);
		p->result = nv_field_str(&f, "result", NV_OPTIONAL, NULL);
		nv_fields_finish(&f);
		if (p->mentor)
			p->mentor->mentor = true;
		for (k = 0; k < p->nmentees; k++)
			p->mentees[k]->mentee = true;
		NV_GROW(b->m->pairs, b->m->npairs + 1, b->pairs_alloc);
		b->m->pairs[b->m->npairs++] = p;
	}
	nv_buf_release(&what);
	nv_buf_release(&why);
}
