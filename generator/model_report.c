/*
 * model_report.c: the figures and the conclusions of the аналитическая
 * справка по итогам мониторинга; see model_report.h.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "model_report.h"
#include "utf8.h"

#define NBSP "\xc2\xa0"

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

static void row(struct nv_report_row *r, const char *title, const char *label, size_t n,
		size_t counted, double declared)
{
	r->title = title;
	r->label = label;
	r->n = n;
	r->declared = declared > 0;
	r->total = r->declared ? (size_t)declared : counted;
	r->share = r->total ? (unsigned)((n * 200 + r->total) / (2 * r->total)) : 0;
	if (r->share || !n || !r->total)
		snprintf(r->share_text, sizeof(r->share_text), "%u", r->share);
	else /* one in 640 is not «0 %» */
		snprintf(r->share_text, sizeof(r->share_text), "0,%zu",
			 n * 1000 / r->total ? n * 1000 / r->total : 1);
}

static void count(struct nv_report *r, const struct nv_model *m)
{
	size_t i, k, j, t = 0, t_in = 0, s = 0, s_in = 0, y_in = 0;

	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		bool in = p->mentor || p->mentee;
		if (p->category == NV_CAT_TEACHER) {
			t++;
			t_in += in;
			y_in += p->mentee && young_in(m, p);
		} else if (p->category == NV_CAT_STUDENT) {
			s++;
			s_in += in;
		}
	}
	row(&r->rows[0], "Педагогические работники, участвующие в наставничестве", "Педагоги", t_in,
	    t, m->totals.teachers);
	row(&r->rows[1], "Молодые специалисты, за которыми закреплены наставники",
	    "Молодые специалисты", y_in, y_in, m->totals.young);
	row(&r->rows[2], "Обучающиеся, вовлечённые в наставничество", "Обучающиеся", s_in, s,
	    m->totals.students);
	r->pairs = m->npairs;
	for (i = 0; i < m->npairs; i++)
		r->status[m->pairs[i]->status]++;
	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (e->kind == NV_KIND_PROGRAM && e->acyear && !r->acyear)
			r->acyear = e->acyear;
		for (k = 0; k < e->nsections; k++)
			for (j = 0; j < e->sections[k].nitems; j++) {
				r->items++;
				r->items_done += e->sections[k].items[j].status == NV_ITEM_DONE;
			}
	}
}

static void add(struct nv_report *r, struct nv_buf *b)
{
	r->conclusions = nv_xrealloc(r->conclusions, (r->nconclusions + 1) * sizeof(char *));
	r->conclusions[r->nconclusions++] = nv_buf_detach(b, NULL);
}

/* «участвует 1 педагогический работник», «участвуют 11 педагогических работников». */
static void people_phrase(struct nv_buf *b, const struct nv_report_row *r, const char *one,
			  const char *few, const char *many)
{
	nv_buf_addf(b, "%s %zu %s (%s" NBSP "%% от %zu)",
		    nv_plural(r->n, "участвует", "участвуют", "участвуют"), r->n,
		    nv_plural(r->n, one, few, many), r->share_text, r->total);
}

/* «: работают 10, завершила работу 1, прекращена досрочно 1» — the statuses that have pairs. */
static void statuses(struct nv_buf *b, const size_t *st)
{
	size_t a = st[NV_PAIR_ACTIVE], f = st[NV_PAIR_FINISHED], e = st[NV_PAIR_ENDED_EARLY];
	const char *sep = ": ";

	if (a) {
		nv_buf_addf(b, "%s%s %zu", sep, nv_plural(a, "работает", "работают", "работают"),
			    a);
		sep = ", ";
	}
	if (f) {
		nv_buf_addf(b, "%s%s работу %zu", sep,
			    nv_plural(f, "завершила", "завершили", "завершили"), f);
		sep = ", ";
	}
	if (e)
		nv_buf_addf(b, "%s%s досрочно %zu", sep,
			    nv_plural(e, "прекращена", "прекращены", "прекращены"), e);
}

static void write_intro(struct nv_report *r, const struct nv_model *m)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_adds(&b, "Мониторинг проведён по данным реестра наставнических пар и групп");
	if (r->acyear) {
		nv_buf_adds(&b, " за ");
		nv_acyear_add(&b, r->acyear);
		nv_buf_adds(&b, " учебный год");
	}
	nv_buf_addf(&b, ". В %s %s %zu %s", m->site.short_name ? m->site.short_name : "организации",
		    nv_plural(r->pairs, "сформирована", "сформированы", "сформировано"), r->pairs,
		    nv_plural(r->pairs, "наставническая пара или группа",
			      "наставнические пары или группы", "наставнических пар и групп"));
	statuses(&b, r->status);
	nv_buf_adds(&b, ".");
	r->intro = nv_buf_detach(&b, NULL);
}

static void write_conclusions(struct nv_report *r)
{
	struct nv_buf b = NV_BUF_INIT;
	const struct nv_report_row *t = &r->rows[0], *y = &r->rows[1], *s = &r->rows[2];

	nv_buf_adds(&b, "В наставничестве ");
	people_phrase(&b, t, "педагогический работник", "педагогических работника",
		      "педагогических работников");
	if (y->n)
		nv_buf_addf(&b, ", в том числе %zu %s из %zu", y->n,
			    nv_plural(y->n, "молодой специалист", "молодых специалиста",
				      "молодых специалистов"),
			    y->total);
	nv_buf_adds(&b, ".");
	add(r, &b);
	if (y->total && y->n >= y->total)
		nv_buf_adds(&b, "Наставники закреплены за всеми молодыми специалистами.");
	else if (y->total)
		nv_buf_addf(&b,
			    "Наставники не закреплены за %zu %s: рекомендуется закрепить их "
			    "до конца учебного года.",
			    y->total - y->n,
			    nv_plural(y->total - y->n, "молодым специалистом",
				      "молодыми специалистами", "молодыми специалистами"));
	if (b.len)
		add(r, &b);
	nv_buf_addf(&b, "В наставничество %s %zu %s (%s" NBSP "%% от %zu)",
		    nv_plural(s->n, "вовлечён", "вовлечены", "вовлечено"), s->n,
		    nv_plural(s->n, "обучающийся", "обучающихся", "обучающихся"), s->share_text,
		    s->total);
	nv_buf_adds(&b, s->share < 10 ? "; рекомендуется расширить участие обучающихся "
					"в наставничестве."
				      : ".");
	add(r, &b);
	if (r->status[NV_PAIR_ENDED_EARLY])
		nv_buf_addf(&b,
			    "Работа %zu %s прекращена досрочно: рекомендуется проанализировать "
			    "причины на заседании методического совета.",
			    r->status[NV_PAIR_ENDED_EARLY],
			    nv_plural(r->status[NV_PAIR_ENDED_EARLY], "пары (группы)",
				      "пар (групп)", "пар (групп)"));
	else
		nv_buf_adds(&b, "Досрочно прекращённых наставнических пар и групп нет.");
	add(r, &b);
	if (r->items) {
		nv_buf_addf(&b, "Выполнено %zu из %zu %s дорожной карты (%zu" NBSP "%%).",
			    r->items_done, r->items,
			    nv_plural(r->items, "мероприятия", "мероприятий", "мероприятий"),
			    r->items_done * 100 / r->items);
		add(r, &b);
	}
	nv_buf_release(&b);
}

void nv_report_build(struct nv_report *r, const struct nv_model *m)
{
	memset(r, 0, sizeof(*r));
	count(r, m);
	write_intro(r, m);
	write_conclusions(r);
}

void nv_report_release(struct nv_report *r)
{
	size_t i;

	if (!r)
		return;
	free(r->intro);
	for (i = 0; i < r->nconclusions; i++)
		free(r->conclusions[i]);
	free(r->conclusions);
	memset(r, 0, sizeof(*r));
}
