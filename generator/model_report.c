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
#include "model_monitoring.h"
#include "model_report.h"
#include "typo.h"
#include "utf8.h"

#define NBSP "\xc2\xa0"

static void row(struct nv_report_row *r, const char *title, const char *label, size_t n,
		size_t total, bool declared)
{
	r->title = title;
	r->label = label;
	r->n = n;
	r->declared = declared;
	r->total = total;
	r->share = nv_monitoring_share(n, r->total);
	if (r->share || !n || !r->total)
		snprintf(r->share_text, sizeof(r->share_text), "%u", r->share);
	else
		snprintf(r->share_text, sizeof(r->share_text), "0,%d",
			 (int)(nv_monitoring_percent(n, r->total) * 10 + 0.5));
}

/* The rows from the monitoring figures (model_monitoring.h): the page, data.json and the report
 * agree. */
static void count(struct nv_report *r, const struct nv_model *m)
{
	struct nv_monitoring mon;

	nv_monitoring_count(&mon, m);
	row(&r->rows[0], "Педагогические работники, участвующие в" NBSP "наставничестве",
	    "Педагоги", mon.teachers_involved, mon.teachers, mon.teachers_declared);
	row(&r->rows[1], "Молодые специалисты, за которыми закреплены наставники",
	    "Молодые специалисты", mon.young_involved, mon.young, mon.young_declared);
	row(&r->rows[2], "Обучающиеся, вовлечённые в" NBSP "наставничество", "Обучающиеся",
	    mon.students_involved, mon.students, mon.students_declared);
	r->pairs = mon.pairs;
	memcpy(r->status, mon.pairs_by_status, sizeof(r->status));
	r->items = mon.items;
	r->items_done = mon.items_by_status[NV_ITEM_DONE];
	r->acyear = mon.acyear;
	nv_monitoring_release(&mon);
}

/* A sentence as the documents' text is set: no-break spaces after short words, dashes. */
static char *typeset(struct nv_buf *b)
{
	char *t = nv_typo_str(b->ptr ? b->ptr : "");

	nv_buf_release(b);
	return t;
}

static void add(struct nv_report *r, struct nv_buf *b)
{
	r->conclusions = nv_xrealloc(r->conclusions, (r->nconclusions + 1) * sizeof(char *));
	r->conclusions[r->nconclusions++] = typeset(b);
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
	r->intro = typeset(&b);
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
