/*
 * build_report_register.c: the sheets of a school's register in the
 * regional report — mentors, mentees, pairs and groups with full names
 * (paper audience: people.yml's publish levels do not apply), and the
 * monitoring figures as the monitoring page shows them.
 */
#include "common.h"

#include "buf.h"
#include "build_report_int.h"
#include "person.h"
#include "wording.h"

static const char *const pair_status_titles[] = { "работает", "завершена", "прекращена досрочно" };

static const char *category_title(const struct nv_person *p)
{
	switch (p->category) {
	case NV_CAT_TEACHER:
		return nv_role_word(NV_ROLE_TEACHER, p->gender);
	case NV_CAT_STUDENT:
		return nv_role_word(NV_ROLE_STUDENT, p->gender);
	default:
		return nv_role_word(NV_ROLE_EXTERNAL, p->gender);
	}
}

/* The cells every list of people starts with: number, full name, category, position or class,
 * organisation. */
static void person_cells(struct rp_sheet *s, size_t n, const struct nv_person *p, struct nv_buf *b)
{
	rp_num(s, 0, (double)n);
	nv_buf_reset(b);
	nv_person_full_name(b, p);
	rp_str(s, 1, b->ptr);
	rp_str(s, 2, category_title(p));
	if (p->category == NV_CAT_STUDENT && p->class_name) {
		nv_buf_reset(b);
		nv_buf_addf(b, "%s класс", p->class_name);
		rp_str(s, 3, b->ptr);
	} else {
		rp_str(s, 3, p->position);
	}
	rp_str(s, 4, p->organization);
}

/* Append s to a «; »-separated list unless it is there already. */
static void add_unique(struct nv_buf *list, const char *s)
{
	const char *at;
	size_t n = strlen(s);

	if (!n)
		return;
	for (at = list->ptr; (at = strstr(at, s)); at += n)
		if ((at == list->ptr || at[-1] == ' ') && (at[n] == ';' || !at[n]))
			return;
	nv_buf_addf(list, "%s%s", list->len ? "; " : "", s);
}

static bool is_mentee(const struct nv_pair *pr, const struct nv_person *p)
{
	size_t k;

	for (k = 0; k < pr->nmentees; k++)
		if (pr->mentees[k] == p)
			return true;
	return false;
}

void rp_sheet_mentors(struct rp_book *b, const struct nv_model *m)
{
	static const char *const head[] = { "№",	   "ФИО",
					    "Категория",   "Должность, класс",
					    "Организация", "Формы наставничества",
					    "Пар и групп", "Наставляемых" };
	struct nv_buf name = NV_BUF_INIT, forms = NV_BUF_INIT;
	struct rp_sheet s;
	size_t i, k, n = 0, pairs, mentees;

	rp_sheet_begin(&s, b, "Наставники");
	rp_header(&s, head, NV_ARRAY_SIZE(head));
	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		if (!p->mentor)
			continue;
		nv_buf_reset(&forms);
		for (k = 0, pairs = 0, mentees = 0; k < m->npairs; k++) {
			if (m->pairs[k]->mentor != p)
				continue;
			pairs++;
			mentees += m->pairs[k]->nmentees;
			add_unique(&forms, m->pairs[k]->form ? m->pairs[k]->form : "");
		}
		person_cells(&s, ++n, p, &name);
		rp_str(&s, 5, forms.ptr);
		rp_num(&s, 6, (double)pairs);
		rp_num(&s, 7, (double)mentees);
		s.row++;
	}
	rp_table_end(&s);
	rp_sheet_end(&s);
	nv_buf_release(&name);
	nv_buf_release(&forms);
}

void rp_sheet_mentees(struct rp_book *b, const struct nv_model *m)
{
	static const char *const head[] = {
		"№",	       "ФИО",	     "Категория",	    "Должность, класс",
		"Организация", "Наставники", "Формы наставничества"
	};
	struct nv_buf name = NV_BUF_INIT, mentors = NV_BUF_INIT, forms = NV_BUF_INIT;
	struct rp_sheet s;
	size_t i, k, n = 0;

	rp_sheet_begin(&s, b, "Наставляемые");
	rp_header(&s, head, NV_ARRAY_SIZE(head));
	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		if (!p->mentee)
			continue;
		nv_buf_reset(&mentors);
		nv_buf_reset(&forms);
		for (k = 0; k < m->npairs; k++) {
			const struct nv_pair *pr = m->pairs[k];
			if (!is_mentee(pr, p) || !pr->mentor)
				continue;
			nv_buf_reset(&name);
			nv_person_full_name(&name, pr->mentor);
			add_unique(&mentors, name.ptr);
			add_unique(&forms, pr->form ? pr->form : "");
		}
		person_cells(&s, ++n, p, &name);
		rp_str(&s, 5, mentors.ptr);
		rp_str(&s, 6, forms.ptr);
		s.row++;
	}
	rp_table_end(&s);
	rp_sheet_end(&s);
	nv_buf_release(&name);
	nv_buf_release(&mentors);
	nv_buf_release(&forms);
}

/* The pair's term: its dates when understood, else the text as written in the first cell. */
static void pair_period(struct rp_sheet *s, const struct nv_pair *pr)
{
	if (pr->period.parsed) {
		rp_date(s, 7, pr->period.from);
		rp_date(s, 8, pr->period.to);
	} else {
		rp_str(s, 7, pr->period.text);
	}
}

static void pair_row(struct rp_sheet *s, const struct nv_pair *pr, struct nv_buf *b)
{
	size_t k;

	rp_num(s, 0, (double)pr->number);
	rp_str(s, 1, pr->form);
	rp_str(s, 2, pr->kind);
	rp_str(s, 3, pr->role_model);
	nv_buf_reset(b);
	if (pr->mentor)
		nv_person_full_name(b, pr->mentor);
	rp_str(s, 4, b->ptr);
	nv_buf_reset(b);
	for (k = 0; k < pr->nmentees; k++) {
		if (k)
			nv_buf_adds(b, "; ");
		nv_person_full_name(b, pr->mentees[k]);
	}
	rp_str(s, 5, b->ptr);
	rp_num(s, 6, (double)pr->nmentees);
	pair_period(s, pr);
	rp_str(s, 9, pair_status_titles[pr->status]);
	rp_str(s, 10, pr->program ? pr->program->title : NULL);
	if (pr->order) {
		nv_buf_reset(b);
		nv_wording_order_ref(b, pr->order->date, pr->order->number);
		rp_str(s, 11, b->ptr);
	}
	rp_str(s, 12, pr->result);
}

void rp_sheet_pairs(struct rp_book *b, const struct nv_model *m)
{
	static const char *const head[] = {
		"№",	     "Форма",	     "Вид",	     "Ролевая модель",
		"Наставник", "Наставляемые", "Наставляемых", "Начало",
		"Окончание", "Статус",	     "Программа",    "Приказ",
		"Результат"
	};
	struct nv_buf buf = NV_BUF_INIT;
	struct rp_sheet s;
	size_t k;

	rp_sheet_begin(&s, b, "Пары и группы");
	rp_header(&s, head, NV_ARRAY_SIZE(head));
	for (k = 0; k < m->npairs; k++, s.row++)
		pair_row(&s, m->pairs[k], &buf);
	rp_table_end(&s);
	rp_sheet_end(&s);
	nv_buf_release(&buf);
}

/* A line of the monitoring sheet: a figure, and, for a share, its denominator and percent. */
static void figure(struct rp_sheet *s, const char *what, size_t n, size_t of, bool share,
		   const char *note)
{
	rp_str(s, 0, what);
	rp_num(s, 1, (double)n);
	if (share) {
		rp_num(s, 2, (double)of);
		rp_num(s, 3, nv_monitoring_percent(n, of));
	}
	rp_str(s, 4, note);
	s->row++;
}

void rp_sheet_monitoring(struct rp_book *b, const struct nv_monitoring *mon)
{
	static const char *const head[] = { "Показатель", "Значение", "Из", "Доля, %",
					    "Примечание" };
	struct rp_sheet s;

	rp_sheet_begin(&s, b, "Мониторинг");
	rp_header(&s, head, NV_ARRAY_SIZE(head));
	figure(&s, "Наставнических пар и групп", mon->pairs, 0, false, NULL);
	figure(&s, "из них работают", mon->pairs_by_status[NV_PAIR_ACTIVE], 0, false, NULL);
	figure(&s, "завершили работу", mon->pairs_by_status[NV_PAIR_FINISHED], 0, false, NULL);
	figure(&s, "прекращены досрочно", mon->pairs_by_status[NV_PAIR_ENDED_EARLY], 0, false,
	       NULL);
	figure(&s, "Наставников", mon->mentors, 0, false, NULL);
	figure(&s, "Наставляемых", mon->mentees, 0, false, NULL);
	figure(&s, "Педагогов участвуют в наставничестве", mon->teachers_involved, mon->teachers,
	       true,
	       mon->teachers_declared ? "из числа педагогов в site.yml (totals)"
				      : "из числа педагогов в people.yml");
	figure(&s, "Обучающихся вовлечены в пары и группы", mon->students_involved, mon->students,
	       true,
	       mon->students_declared ? "из числа обучающихся в site.yml (totals)"
				      : "из числа обучающихся в people.yml");
	figure(&s, "Мероприятий дорожной карты", mon->items, 0, false, NULL);
	figure(&s, "выполнено", mon->items_by_status[NV_ITEM_DONE], 0, false, NULL);
	figure(&s, "запланировано", mon->items_by_status[NV_ITEM_PLANNED], 0, false, NULL);
	figure(&s, "перенесено", mon->items_by_status[NV_ITEM_MOVED], 0, false, NULL);
	rp_table_end(&s);
	rp_sheet_end(&s);
}

void rp_sheet_forms(struct rp_book *b, const struct nv_monitoring *mon)
{
	static const char *const head[] = { "Форма наставничества", "Пар и групп", "Работают" };
	struct rp_sheet s;
	size_t f;

	rp_sheet_begin(&s, b, "По формам");
	rp_header(&s, head, NV_ARRAY_SIZE(head));
	for (f = 0; f < mon->nforms; f++, s.row++) {
		rp_str(&s, 0, mon->forms[f].form);
		rp_num(&s, 1, (double)mon->forms[f].pairs);
		rp_num(&s, 2, (double)mon->forms[f].active);
	}
	rp_table_end(&s);
	rp_sheet_end(&s);
}
