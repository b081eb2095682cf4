/*
 * model_pairs.c: pairs.yml, read (its people, forms, periods, programs
 * and orders; full names where a pair needs them), and checked against
 * the orders that assign them once every file is read: a pair's period
 * starts no earlier than its order and stays within the order's
 * academic year and its program's period; an order whose appendix is the table of pairs
 * («appendices: [pairs]») has pairs to list; a mentee is not in two
 * pairs of one form at the same time; the people of a pair are of the
 * categories its form names («ученик – ученик»: two students); its form
 * is one its program runs.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "person.h"
#include "schema.h"
#include "strmap.h"
#include "value.h"

/*
 * An order with the table of pairs as an appendix that no pair of
 * pairs.yml names (`order:`) would print the table empty: an error at
 * the appendix.
 */
static void check_pair_tables(struct builder *b)
{
	const struct nv_entry *e;
	const struct nv_value *node;
	size_t i, k;

	for (i = 0; i < b->m->nentries; i++) {
		e = b->m->entries[i];
		for (k = 0; k < e->nappendices && e->appendices[k].doc; k++)
			;
		if (e->kind != NV_KIND_ORDER || k == e->nappendices || !e->doc)
			continue;
		for (k = 0; k < b->m->npairs && b->m->pairs[k]->order != e; k++)
			;
		if (k < b->m->npairs)
			continue;
		node = mdl_appendix_node(e, "pairs");
		nv_diag_hint(nv_error(b->d, e->doc->path, node ? node->line : 0,
				      node ? node->col : 0,
				      "приложение «pairs» — состав пар, но ни одна пара в "
				      "content/pairs.yml не указывает этот приказ: приложение "
				      "вышло бы пустой таблицей"),
			     "у пар, которые закрепляет приказ, напишите «order: %s» или уберите "
			     "«pairs» из «appendices»",
			     e->id);
	}
}

/* A pair's period beyond its program's (its academic year or `period:`). */
static void check_program_period(struct builder *b, const struct nv_data *data,
				 const struct nv_pair *p, const struct nv_value *pv)
{
	const struct nv_entry *g = p->program;
	struct nv_buf y = NV_BUF_INIT;

	if (!g || !g->has_period ||
	    (nv_date_cmp(p->period.from, g->period_from) >= 0 &&
	     nv_date_cmp(p->period.to, g->period_to) <= 0))
		return;
	if (g->period_text)
		nv_buf_adds(&y, g->period_text);
	else
		nv_acyear_add(&y, g->acyear);
	nv_diag_hint(nv_warning(b->d, data->path, pv->line, pv->col,
				"срок пары № %d выходит за срок программы «%s» (%s)", p->number,
				g->id, y.ptr),
		     "исправьте срок пары или укажите программу, по которой пара работает в "
		     "эти сроки");
	nv_buf_release(&y);
}

void mdl_check_pairs(struct builder *b)
{
	struct nv_pair *p;
	const struct nv_data *data = nv_content_data(b->c, "pairs");
	const struct nv_value *pv;
	struct nv_buf y = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < b->m->npairs; i++) {
		p = b->m->pairs[i];
		if (!p->period.parsed)
			continue;
		pv = nv_map_get(data->value->items[p->number - 1], "period");
		nv_buf_reset(&y);
		/* One warning a pair: its order's first, then its program's. */
		if (!p->order)
			check_program_period(b, data, p, pv);
		else if (p->order->date.year && nv_date_cmp(p->period.from, p->order->date) < 0) {
			nv_date_add(&y, p->order->date, NV_DATE_NUMERIC);
			nv_diag_hint(nv_warning(b->d, data->path, pv->line, pv->col,
						"пара № %d начинает работу раньше приказа «%s» от "
						"%s, который её закрепляет",
						p->number, p->order->id, y.ptr),
				     "пара работает со дня приказа о закреплении или позже: "
				     "исправьте начало срока пары или дату приказа");
		} else if (p->order->acyear &&
			   (nv_date_cmp(p->period.from, nv_acyear_first(p->order->acyear)) < 0 ||
			    nv_date_cmp(p->period.to, nv_acyear_last(p->order->acyear)) > 0)) {
			nv_acyear_add(&y, p->order->acyear);
			nv_diag_hint(
				nv_warning(b->d, data->path, pv->line, pv->col,
					   "срок пары № %d выходит за %s учебный год приказа «%s»",
					   p->number, y.ptr, p->order->id),
				"исправьте срок пары или укажите приказ другого учебного года");
		} else {
			check_program_period(b, data, p, pv);
		}
	}
	nv_buf_release(&y);
	check_pair_tables(b);
}

/*
 * True if pairs p and q of the same form work at the same time: both
 * active, periods overlapping or unknown. (A mentee may have a mentor
 * and take part in a group of another form as well.)
 */
static bool pairs_overlap(const struct nv_pair *p, const struct nv_pair *q)
{
	if (p->status != NV_PAIR_ACTIVE || q->status != NV_PAIR_ACTIVE)
		return false;
	if (!p->form || !q->form || strcmp(p->form, q->form))
		return false;
	if (!p->period.parsed || !q->period.parsed)
		return true;
	return nv_date_cmp(p->period.from, q->period.to) <= 0 &&
	       nv_date_cmp(q->period.from, p->period.to) <= 0;
}

/* Warn, at pair q's mentees, that mentee x is in pair p too. */
static void warn_two_pairs(struct builder *b, const struct nv_data *data, const struct nv_pair *p,
			   const struct nv_pair *q, const struct nv_person *x)
{
	const struct nv_value *item = data->value->items[q->number - 1];
	const struct nv_value *v = nv_map_get(item, "mentees");

	if (!v)
		v = nv_map_get(item, "mentee");
	if (!v)
		v = item;
	nv_diag_hint(
		nv_warning(b->d, data->path, v->line, v->col,
			   "наставляемый «%s» одновременно в двух парах формы «%s»: № %d и № %d",
			   x->id, q->form, p->number, q->number),
		"завершите одну из пар («status: finished») или разведите их сроки");
}

void mdl_check_mentees(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "pairs");
	const struct nv_pair *p, *q;
	size_t i, j, k, l;

	if (!data || !data->value || data->value->type != NV_LIST)
		return;
	for (i = 0; i < b->m->npairs; i++)
		for (j = i + 1; j < b->m->npairs; j++) {
			p = b->m->pairs[i];
			q = b->m->pairs[j];
			if (!pairs_overlap(p, q))
				continue;
			for (k = 0; k < q->nmentees; k++)
				for (l = 0; l < p->nmentees; l++)
					if (q->mentees[k] == p->mentees[l])
						warn_two_pairs(b, data, p, q, q->mentees[k]);
		}
}

/* True if a name is only an initial: «Т.», «Т» — one letter, a full stop or nothing. */
static bool is_initial(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n && s[n - 1] == '.')
		n--;
	return n == 1 || (n == 2 && ((unsigned char)s[0] == 0xD0 || (unsigned char)s[0] == 0xD1));
}

/* A person of a pair printed in the pairs appendix of the pair's order, once per person. */
static void need_full_name(struct builder *b, const struct nv_pair *pr, const struct nv_person *x,
			   struct nv_strmap *seen)
{
	if (!x || (!is_initial(x->name) && !is_initial(x->patronymic)) ||
	    nv_strmap_get(seen, x->id))
		return;
	nv_strmap_put(seen, x->id, (void *)x);
	nv_diag_hint(
		nv_warning(b->d, b->people_file, x->line, x->col,
			   "у участника «%s» имя или отчество дано инициалом, а приложение "
			   "«Состав наставнических пар и групп» к приказу «%s» печатает полные "
			   "фамилию, имя и отчество",
			   x->id, pr->order->id),
		"напишите имя и отчество полностью: «name: Татьяна», «patronymic: Петровна»");
}

/*
 * Names given by initials (`name: Т.`, `patronymic: П.`) serve every
 * requisite («Т.П. Гришина»), but the pairs appendix of an order lists
 * full names: warn for each person of a pair whose order has one.
 */
static void check_full_names(struct builder *b)
{
	struct nv_strmap *seen = nv_strmap_new();
	size_t i, k;
	bool table;

	for (i = 0; i < b->m->npairs; i++) {
		const struct nv_pair *pr = b->m->pairs[i];
		if (!pr->order)
			continue;
		for (table = false, k = 0; k < pr->order->nappendices; k++)
			table = table || !pr->order->appendices[k].doc;
		if (!table)
			continue;
		need_full_name(b, pr, pr->mentor, seen);
		for (k = 0; k < pr->nmentees; k++)
			need_full_name(b, pr, pr->mentees[k], seen);
	}
	nv_strmap_free(seen, NULL);
}

/*
 * The pair's mentor among its mentees, or a mentee named twice: the
 * table of pairs would print them so, and the monitoring would count
 * them twice. Both are errors, and leave p->mentees.
 */
static void check_pair_people(struct nv_fields *f, struct nv_pair *p,
			      const struct nv_value *mentees)
{
	const struct nv_value *v, *w;
	size_t i, k, j, n = mentees ? (mentees->type == NV_LIST ? mentees->nr : 1) : 0;
	bool drop;

	for (i = 0; i < n; i++) {
		v = mentees->type == NV_LIST ? mentees->items[i] : mentees;
		if (!v->str)
			continue;
		if (p->mentor && !strcmp(v->str, p->mentor->id)) {
			nv_diag_hint(nv_field_error(f, v,
						    "«%s» — наставник этой пары и не может быть "
						    "в ней наставляемым",
						    v->str),
				     "наставник пары — в mentor, наставляемые — в mentees: "
				     "проверьте id");
			continue;
		}
		for (k = 0; k < i; k++) {
			w = mentees->items[k];
			if (w->str && !strcmp(w->str, v->str)) {
				nv_diag_hint(nv_field_error(f, v,
							    "«%s» уже указан в mentees этой пары",
							    v->str),
					     "оставьте каждого наставляемого в паре один раз");
				break;
			}
		}
	}
	/* Counted once, not at all as the mentor's own mentee: the errors say why. */
	for (i = k = 0; i < p->nmentees; i++) {
		drop = p->mentees[i] == p->mentor;
		for (j = 0; j < k && !drop; j++)
			drop = p->mentees[j] == p->mentees[i];
		if (!drop)
			p->mentees[k++] = p->mentees[i];
	}
	p->nmentees = k;
}

/*
 * The categories (people.yml) the mentor and the mentees of each form of
 * mentoring may be of, as bits: a teacher of another school mentors
 * teachers too (external); the school is the employer of a student on
 * practice (teacher); a college's students are students of a college.
 */
#define CAT_T (1u << NV_CAT_TEACHER)
#define CAT_S (1u << NV_CAT_STUDENT)
#define CAT_X (1u << NV_CAT_EXTERNAL)
static const struct {
	const char *form;
	unsigned mentor, mentee;
} form_sides[] = {
	{ "ученик – ученик", CAT_S, CAT_S },
	{ "учитель – учитель", CAT_T | CAT_X, CAT_T },
	{ "студент – ученик", CAT_S | CAT_X, CAT_S },
	{ "работодатель – ученик", CAT_T | CAT_X, CAT_S },
	{ "работодатель – студент", CAT_T | CAT_X, CAT_S | CAT_X },
	{ "педагог – педагог", CAT_T | CAT_X, CAT_T },
	{ "руководитель – педагог", CAT_T | CAT_X, CAT_T },
	{ "социальный партнёр – педагог", CAT_X, CAT_T },
	{ "воспитатель – воспитатель", CAT_T | CAT_X, CAT_T },
	{ "учитель – ученик", CAT_T | CAT_X, CAT_S },
	{ "педагог – ученик", CAT_T | CAT_X, CAT_S },
	{ "педагог – молодой специалист", CAT_T | CAT_X, CAT_T },
};

/* Who a person of category c is, for a message. */
static const char *category_said(enum nv_category c)
{
	return c == NV_CAT_TEACHER   ? "работник (category: teacher)"
	       : c == NV_CAT_STUDENT ? "обучающийся (category: student)"
				     : "внешний участник (category: external)";
}

/*
 * A pair whose mentor or a mentee is of a category its form does not
 * take: the table of pairs and the monitoring's counts by form would say
 * what the pair is not. One warning, at the form.
 */
static void check_form_sides(struct nv_fields *f, const struct nv_pair *p)
{
	const struct nv_person *who = NULL;
	const struct nv_value *v;
	const char *role = "наставник";
	size_t i, k;

	for (i = 0; i < NV_ARRAY_SIZE(form_sides) && p->form; i++) {
		if (strcmp(p->form, form_sides[i].form))
			continue;
		if (p->mentor && !(form_sides[i].mentor & (1u << p->mentor->category)))
			who = p->mentor;
		for (k = 0; !who && k < p->nmentees; k++)
			if (!(form_sides[i].mentee & (1u << p->mentees[k]->category))) {
				who = p->mentees[k];
				role = "наставляемый";
			}
		break;
	}
	v = nv_map_get(f->map, "form");
	if (who && v)
		nv_diag_hint(nv_warning(f->d, f->file, v->line, v->col,
					"форма пары «%s», а %s «%s» — %s", p->form, role, who->id,
					category_said(who->category)),
			     "исправьте форму пары или категорию участника в "
			     "content/people.yml");
}

/*
 * A pair whose form is not among the forms its program runs (`forms`):
 * the program was not brought up to date with its pairs.
 */
static void check_program_form(struct builder *b, struct nv_fields *f, const struct nv_pair *p)
{
	const struct nv_entry *g = p->program;
	const struct nv_value *v;
	size_t i;

	if (!g || !g->nforms || !p->form)
		return;
	for (i = 0; i < g->nforms; i++)
		if (!strcmp(g->forms[i], p->form))
			return;
	/* a form of no list is a warning of its own (read before the forms in use join the list) */
	for (i = 0; b->forms.canon[i] && strcmp(b->forms.canon[i], p->form); i++)
		;
	if (!b->forms.canon[i])
		return;
	v = nv_map_get(f->map, "form");
	nv_diag_hint(nv_warning(b->d, f->file, v ? v->line : p->line, v ? v->col : p->col,
				"форма пары № %d «%s» не входит в формы программы «%s»", p->number,
				p->form, g->id),
		     "добавьте форму в «forms» программы (%s) или укажите программу, по которой "
		     "работает пара",
		     g->path);
}

/* The pair's mentor and its mentees (`mentees: [id, …]` or `mentee: id`). */
static void read_pair_people(struct builder *b, struct nv_fields *f, const struct nv_value *item,
			     const char *what, struct nv_pair *p)
{
	const struct nv_value *mentees;

	p->mentor =
		mdl_ref_person(b, f, nv_field(f, "mentor", NV_REQUIRED, "id наставника"), "mentor");
	mentees = nv_field_list(f, "mentees", NV_OPTIONAL, NULL, true);
	if (!mentees)
		mentees = nv_field(f, "mentee", NV_OPTIONAL, NULL);
	if (!mentees && !nv_map_get(item, "mentees"))
		nv_diag_hint(nv_field_error(f, NULL, "%s не указаны наставляемые", what),
			     "добавьте «mentees: [id, …]» или «mentee: id»");
	p->nmentees = mdl_ref_people(b, f, mentees, "mentees", &p->mentees);
	check_pair_people(f, p, mentees);
}

void mdl_read_pairs(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "pairs");
	const struct nv_value *list, *item, *kv;
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
		nv_buf_adds(&what, "у пары № ");
		nv_buf_addnum(&what, (long long)(i + 1), 0);
		if (!nv_fields_init(&f, data->path, item, what.ptr, item->line, item->col, b->d))
			continue;
		p = nv_xcalloc(1, sizeof(*p));
		p->number = (int)i + 1;
		p->line = item->line;
		p->col = item->col;
		read_pair_people(b, &f, item, what.ptr, p);
		p->form = mdl_loose_enum(&f, "form", NV_REQUIRED, &b->forms,
					 "неизвестная форма наставничества");
		check_form_sides(&f, p);
		kv = nv_field(&f, "kind", NV_OPTIONAL, NULL);
		p->kind = kv ? mdl_loose_enum_value(&f, kv, "kind", &b->kinds,
						    "неизвестный вид наставничества")
			     : nv_mentoring_kinds[p->nmentees > 1 ? 1 : 0];
		p->role_model = nv_field_str(&f, "role_model", NV_OPTIONAL, NULL);
		p->program = mdl_ref_entry(b, &f, nv_field(&f, "program", NV_OPTIONAL, NULL),
					   "program", NV_KIND_PROGRAM);
		p->order = mdl_ref_entry(b, &f, nv_field(&f, "order", NV_OPTIONAL, NULL), "order",
					 NV_KIND_ORDER);
		check_program_form(b, &f, p);
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
	check_full_names(b);
}
