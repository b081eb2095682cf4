/*
 * model_pairs.c: pairs against the orders that assign them, run once
 * every file is read: a pair's period starts no earlier than its order
 * and stays within the order's academic year; an order whose appendix
 * is the table of pairs («appendices: [pairs]») has pairs to list; a
 * mentee is not in two pairs of one form at the same time.
 */
#include "common.h"

#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "value.h"

/* The item «pairs» of the order e's appendices, or the list when it is not found. */
static const struct nv_value *pairs_node(const struct nv_entry *e)
{
	const struct nv_value *list = nv_map_get(e->doc->meta, "appendices"), *it, *id;
	size_t i;

	for (i = 0; list && list->type == NV_LIST && i < list->nr; i++) {
		it = list->items[i];
		id = it->type == NV_MAP ? nv_map_get(it, "id") : it;
		if (id && id->str && !strcmp(id->str, "pairs"))
			return id;
	}
	return list;
}

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
		node = pairs_node(e);
		nv_diag_hint(nv_error(b->d, e->doc->path, node ? node->line : 0, node ? node->col : 0,
				      "приложение «pairs» — состав пар, но ни одна пара в "
				      "content/pairs.yml не указывает этот приказ: приложение "
				      "вышло бы пустой таблицей"),
			     "у пар, которые закрепляет приказ, напишите «order: %s» или уберите "
			     "«pairs» из «appendices»",
			     e->id);
	}
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
		if (!p->order || !p->period.parsed)
			continue;
		pv = nv_map_get(data->value->items[p->number - 1], "period");
		nv_buf_reset(&y);
		if (p->order->date.year && nv_date_cmp(p->period.from, p->order->date) < 0) {
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
			nv_diag_hint(nv_warning(b->d, data->path, pv->line, pv->col,
						"срок пары № %d выходит за %s учебный год приказа «%s»",
						p->number, y.ptr, p->order->id),
				     "исправьте срок пары или укажите приказ другого учебного года");
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
