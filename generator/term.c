/*
 * term.c: roadmap terms («срок»: «сентябрь — октябрь 2025», «II квартал
 * 2026 г.», «до 15.09.2025») read as date ranges; see term.h.
 *
 * Design. Terms are read with the lexer and parser helpers of date.c
 * (date_int.h), which also give the points a term is made of.
 *
 * A term is parsed in two passes over the same text. Each item («май
 * 2026», «II квартал», «до 15.09.2025») becomes a span of two points
 * whose year may still be unknown. The first pass only finds the academic
 * year of the first item with an explicit year, used when the caller does
 * not know the academic year; the second resolves missing years and
 * takes the covering range. Missing years are filled from the other end
 * of a range (so that the range does not run backwards) or from the
 * academic year (September–December: first year, January–August: second;
 * for a range, the end is placed in the academic year and the start just
 * before it).
 *
 * Reasons for failures go to an optional struct nv_buf; only the first
 * reason is kept, since later ones are consequences.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "date_int.h"
#include "term.h"

/* --- terms --------------------------------------------------------------- */

enum span_kind {
	SPAN_RANGE,    /* a..b */
	SPAN_DEADLINE, /* до b: from the start of the academic year */
	SPAN_OPEN,     /* с a: to the end of the academic year */
	SPAN_RECUR,    /* «ежегодно»: the whole academic year, unless dated items */
	SPAN_UNDATED,  /* «по плану»: no date at all */
};

struct span {
	enum span_kind kind;
	enum nv_term_recur recur; /* SPAN_RECUR */
	struct pt a, b;
};

/* What the first pass learns about a term's items. */
struct term_info {
	int found;		  /* the academic year of the first item with a year */
	size_t ndated;		  /* items with dates */
	size_t nundated;	  /* «по плану» and the like */
	enum nv_term_recur recur; /* the first recurrence word */
	/* the second pass: the range of each dated item, up to max of them */
	struct nv_date *rfrom, *rto;
	size_t nranges, max;
};

/* The calendar year of month m in the academic year that starts in `start`. */
static int acyear_month_year(int start, int m)
{
	return m >= 9 ? start : start + 1;
}

/* The academic year that month m of calendar year y falls in. */
static int acyear_of(int y, int m)
{
	return m >= 9 ? y : y - 1;
}

static void span_months(struct span *sp, int y1, int m1, int y2, int m2)
{
	sp->kind = SPAN_RANGE;
	sp->a.y = y1;
	sp->a.m = m1;
	sp->a.d = 0;
	sp->b.y = y2;
	sp->b.m = m2;
	sp->b.d = 0;
}

/* The whole academic year; years filled in when start is known. */
static void span_acyear(struct span *sp, int start)
{
	span_months(sp, start, 9, start ? start + 1 : 0, 8);
}

/*
 * «I» … «VI», or a digit 1..9 with an optional «-й» / «-е»; 0 if none. The
 * caller checks the range, so that «V квартал» gets a clear reason.
 */
static int parse_numeral(struct parser *p)
{
	static const char *const roman[] = { "i", "ii", "iii", "iv", "v", "vi" };
	static const char *const suffix[] = { "й", "ый", "ой", "е", "ое", "го", "м", NULL };
	struct tok t, u, v;
	size_t i;

	nv_dp_peek(p, &t);
	if (t.kind == T_WORD) {
		for (i = 0; i < NV_ARRAY_SIZE(roman); i++)
			if (nv_dp_is_word(&t, roman[i])) {
				p->pos = t.end;
				return (int)i + 1;
			}
		return 0;
	}
	if (t.kind != T_NUM || t.ndigits != 1 || t.num < 1)
		return 0;
	p->pos = t.end;
	if (nv_dp_next_adjacent(p, t.end, &u) && u.kind == T_DASH &&
	    nv_dp_next_adjacent(p, u.end, &v) && v.kind == T_WORD) {
		for (i = 0; suffix[i]; i++)
			if (nv_dp_is_word(&v, suffix[i])) {
				p->pos = v.end;
				break;
			}
	}
	return (int)t.num;
}

enum unit {
	U_QUARTER,
	U_HALF,
	U_SCHOOL_QUARTER,
};

/* Months of a part of the academic year: half-years and school quarters. */
static void acyear_part_months(enum unit u, int n, int *m1, int *m2)
{
	static const int half[2][2] = { { 9, 12 }, { 1, 5 } };
	static const int school[4][2] = { { 9, 10 }, { 11, 12 }, { 1, 3 }, { 4, 5 } };

	if (u == U_HALF) {
		*m1 = half[n - 1][0];
		*m2 = half[n - 1][1];
	} else {
		*m1 = school[n - 1][0];
		*m2 = school[n - 1][1];
	}
}

/*
 * «II квартал 2026 г.», «I–II полугодие 2025–2026 учебного года», «в III
 * четверти». Returns 1, 0 (position unchanged) or -1.
 */
static int parse_numbered_period(struct parser *p, struct span *sp)
{
	size_t save = p->pos, before_dash;
	struct tok t;
	enum unit u;
	int n1, n2, max, y1 = 0, y2 = 0, r, m1, m2, e1, e2, start = 0, year = 0;

	n1 = parse_numeral(p);
	if (!n1)
		return 0;
	n2 = n1;
	before_dash = p->pos;
	if (nv_dp_accept_dash(p)) {
		n2 = parse_numeral(p);
		if (!n2) {
			n2 = n1;
			p->pos = before_dash;
		}
	}
	nv_dp_peek(p, &t);
	if (nv_dp_word_starts(&t, "квартал") || nv_dp_is_word(&t, "кв")) {
		u = U_QUARTER;
		max = 4;
	} else if (nv_dp_word_starts(&t, "полугоди")) {
		u = U_HALF;
		max = 2;
	} else if (nv_dp_word_starts(&t, "четверт")) {
		u = U_SCHOOL_QUARTER;
		max = 4;
	} else {
		p->pos = save;
		return 0;
	}
	p->pos = t.end;
	nv_dp_accept_sym(p, '.');
	if (n1 > max || n2 > max || n1 > n2) {
		nv_dp_fail(p, "%s",
			   u == U_QUARTER ? "номер квартала должен быть от I до IV"
			   : u == U_HALF ? "полугодие может быть только I или II"
					 : "номер четверти должен быть от I до IV");
		return -1;
	}
	r = nv_dp_parse_year_pair(p, &y1, &y2);
	if (r < 0)
		return -1;
	if (r > 0) {
		if (nv_dp_check_acyear_pair(p, y1, y2))
			return -1;
		start = y1;
		nv_dp_skip_acyear_words(p);
	} else {
		r = nv_dp_parse_year(p, &year);
		if (r < 0)
			return -1;
		if (!r)
			nv_dp_skip_acyear_words(p); /* «учебного года»: the context's */
	}
	if (u == U_QUARTER) {
		m1 = 3 * n1 - 2;
		m2 = 3 * n2;
	} else if (u == U_HALF && year) {
		/* a calendar year: its halves */
		m1 = n1 == 1 ? 1 : 7;
		m2 = n2 == 1 ? 6 : 12;
	} else {
		acyear_part_months(u, n1, &m1, &e1);
		acyear_part_months(u, n2, &e2, &m2);
	}
	if (year)
		span_months(sp, year, m1, year, m2);
	else if (start)
		span_months(sp, acyear_month_year(start, m1), m1, acyear_month_year(start, m2), m2);
	else
		span_months(sp, 0, m1, 0, m2);
	return 1;
}

/*
 * «2025–2026 учебный год» (or «2025–2027 гг.»: calendar years) and «2025
 * год». Returns 1, 0 (position unchanged) or -1.
 */
static int parse_year_period(struct parser *p, struct span *sp)
{
	size_t save = p->pos;
	struct tok t;
	int y1 = 0, y2 = 0, r;

	r = nv_dp_parse_year_pair(p, &y1, &y2);
	if (r < 0)
		return -1;
	if (r > 0) {
		if (y2 == y1 + 1) {
			if (nv_dp_check_date(p, y2, 1, 1))
				return -1;
			nv_dp_skip_acyear_words(p);
			span_acyear(sp, y1);
			return 1;
		}
		if (y2 > y1 && nv_dp_accept_any(p, (const char *const[]){ "гг", "годы", NULL })) {
			nv_dp_accept_sym(p, '.');
			if (nv_dp_check_date(p, y2, 1, 1))
				return -1;
			span_months(sp, y1, 1, y2, 12);
			return 1;
		}
		return nv_dp_check_acyear_pair(p, y1, y2);
	}
	nv_dp_peek(p, &t);
	if (t.kind != T_NUM || t.ndigits != 4)
		return 0;
	p->pos = t.end;
	if (!nv_dp_accept_any(p, nv_dp_year_words)) {
		p->pos = save;
		return 0;
	}
	nv_dp_accept_sym(p, '.');
	if (nv_dp_check_date(p, (int)t.num, 1, 1))
		return -1;
	span_months(sp, (int)t.num, 1, (int)t.num, 12);
	return 1;
}

/* Fill a bare day («1» in «1–15 сентября») from the end of the range. */
static int fill_bare_day(struct span *sp)
{
	if (sp->a.m)
		return 1;
	if (!sp->b.d)
		return 0;
	sp->a.m = sp->b.m;
	sp->a.y = sp->b.y;
	return 1;
}

/*
 * A period or a point, or a range of points joined by a dash: «II
 * квартал», «Май–июнь 2026», «01.09.2025 – 30.09.2025».
 */
static int parse_range(struct parser *p, struct span *sp)
{
	const int flags = PT_NO_YEAR | PT_BARE_DAY | PT_MONTH;
	struct tok t;
	int r;

	sp->kind = SPAN_RANGE;
	nv_dp_peek(p, &t);
	if (t.kind == T_NUM && t.ndigits == 4) {
		/* an ISO date, else «2025–2026 учебный год» or «2025 г.» */
		r = nv_dp_parse_point(p, &sp->a, flags);
		if (r == 0)
			return parse_year_period(p, sp);
	} else {
		/* before points: «2 квартал» is not the 2nd day of something */
		r = parse_numbered_period(p, sp);
		if (r != 0)
			return r;
		r = nv_dp_parse_point(p, &sp->a, flags);
	}
	if (r <= 0)
		return r;
	if (!nv_dp_accept_dash(p)) {
		sp->b = sp->a;
		return sp->a.m ? 1 : 0;
	}
	r = nv_dp_parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
	if (r <= 0)
		return r;
	return fill_bare_day(sp);
}

/* Words that mean "all year round". */
static const char *const whole_year[] = {
	"ежедневно",	 "постоянно",	     "систематически", "регулярно",
	"круглогодично", "весь учебный год", "весь год",       NULL,
};

/* Recurrence words: a rule for the calendar, not a range of their own. */
static const struct {
	const char *word;
	enum nv_term_recur recur;
} recurrences[] = {
	{ "ежегодно", NV_RECUR_YEARLY },
	{ "ежеквартально", NV_RECUR_QUARTERLY },
	{ "ежемесячно", NV_RECUR_MONTHLY },
	{ "еженедельно", NV_RECUR_WEEKLY },
};

/* Terms with no date by design: accepted, kept as text, not in the calendar. */
static const char *const undated[] = {
	"по мере необходимости",
	"по необходимости",
	"при необходимости",
	"по отдельному плану",
	"по отдельному графику",
	"в соответствии с планом",
	"в соответствии с графиком",
	"согласно плану",
	"согласно графику",
	"по плану",
	"по графику",
	"по согласованию",
	"по запросу",
	NULL,
};

static const char *const during[] = {
	"в течение",
	"в течении",
	"на протяжении",
	NULL,
};

static const char *const the_year[] = {
	"учебного года", "уч. года", "уч. г", "уч.г", "года", NULL,
};

/* Parse one item of a term into *sp. Returns 1, 0 (not understood) or -1. */
static int parse_item(struct parser *p, struct span *sp)
{
	int r;

	size_t i;

	memset(sp, 0, sizeof(*sp));
	for (i = 0; i < NV_ARRAY_SIZE(recurrences); i++)
		if (nv_dp_accept_phrase(p, recurrences[i].word)) {
			span_acyear(sp, 0);
			sp->kind = SPAN_RECUR;
			sp->recur = recurrences[i].recur;
			return 1;
		}
	if (nv_dp_accept_any(p, undated)) {
		sp->kind = SPAN_UNDATED;
		return 1;
	}
	if (nv_dp_accept_any(p, whole_year)) {
		span_acyear(sp, 0);
		return 1;
	}
	if (nv_dp_accept_any(p, during)) {
		nv_dp_accept_phrase(p, "всего");
		if (nv_dp_accept_any(p, the_year)) {
			nv_dp_accept_sym(p, '.');
			span_acyear(sp, 0);
			return 1;
		}
		return parse_range(p, sp);
	}
	if (nv_dp_accept_any(p, (const char *const[]){ "до конца", "не позднее конца",
						       "не позже конца", "к концу", NULL })) {
		if (nv_dp_accept_any(p, the_year)) {
			nv_dp_accept_sym(p, '.');
			span_acyear(sp, 0);
		} else {
			r = parse_range(p, sp);
			if (r <= 0)
				return r;
		}
		sp->kind = SPAN_DEADLINE;
		return 1;
	}
	if (nv_dp_accept_any(p, (const char *const[]){ "не позднее", "не позже", NULL })) {
		sp->kind = SPAN_DEADLINE;
		return nv_dp_parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
	}
	if (nv_dp_accept_any(p, (const char *const[]){ "до", "к", NULL })) {
		/* «до мая» is ambiguous (before May or through May): only dates */
		sp->kind = SPAN_DEADLINE;
		return nv_dp_parse_point(p, &sp->b, PT_NO_YEAR);
	}
	if (nv_dp_accept_any(p, (const char *const[]){ "с", "со", NULL })) {
		r = nv_dp_parse_point(p, &sp->a, PT_NO_YEAR | PT_BARE_DAY | PT_MONTH);
		if (r <= 0)
			return r;
		if (nv_dp_accept_any(p, (const char *const[]){ "по", "до", NULL }) ||
		    nv_dp_accept_dash(p)) {
			sp->kind = SPAN_RANGE;
			r = nv_dp_parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
			if (r <= 0)
				return r;
			return fill_bare_day(sp);
		}
		if (!sp->a.m)
			return 0;
		sp->kind = SPAN_OPEN;
		sp->b = sp->a;
		return 1;
	}
	nv_dp_accept_any(p, (const char *const[]){ "в", "во", "на", NULL });
	return parse_range(p, sp);
}

/*
 * Skip commas, semicolons, stray dots, slashes, «и» and parentheses
 * between items; *depth counts open parentheses.
 */
static void skip_separators(struct parser *p, int *depth)
{
	for (;;) {
		if (nv_dp_accept_sym(p, '(')) {
			(*depth)++;
			continue;
		}
		if (nv_dp_accept_sym(p, ')')) {
			if (*depth > 0)
				(*depth)--;
			continue;
		}
		if (nv_dp_accept_sym(p, ',') || nv_dp_accept_sym(p, ';') ||
		    nv_dp_accept_sym(p, '.') || nv_dp_accept_sym(p, '/') ||
		    nv_dp_accept_phrase(p, "и"))
			continue;
		break;
	}
}

/*
 * A note in parentheses that is not a term («(по решению педсовета)»):
 * skip to the closing parenthesis, or to the end.
 */
static void skip_note(struct parser *p, int *depth)
{
	const char *close = memchr(p->s + p->pos, ')', p->n - p->pos);

	p->pos = close ? (size_t)(close - p->s) + 1 : p->n;
	(*depth)--;
}

static int start_key(struct pt a)
{
	return a.m * 100 + (a.d ? a.d : 1);
}

static int end_key(struct pt b)
{
	return b.m * 100 + (b.d ? b.d : 31);
}

static struct nv_date pt_first(struct pt a)
{
	struct nv_date d = { a.y, a.m, a.d ? a.d : 1 };
	return d;
}

static struct nv_date pt_last(struct pt b)
{
	struct nv_date d = { b.y, b.m, b.d ? b.d : nv_date_days_in_month(b.y, b.m) };
	return d;
}

static int check(struct parser *p, struct nv_date d)
{
	return nv_dp_check_date(p, d.year, d.month, d.day);
}

static int need_acyear(struct parser *p)
{
	nv_dp_fail(p, "в сроке не указан год, а учебный год документа неизвестен");
	return -1;
}

/* Resolve missing years of a span and compute its dates. Returns 0 or -1. */
static int resolve(struct parser *p, const struct span *sp, int ctx, struct nv_date *from,
		   struct nv_date *to)
{
	struct pt a = sp->a, b = sp->b;

	switch (sp->kind) {
	case SPAN_DEADLINE:
		if (!b.y) {
			if (!ctx)
				return need_acyear(p);
			b.y = acyear_month_year(ctx, b.m);
		}
		*to = pt_last(b);
		if (check(p, *to))
			return -1;
		*from = *to;
		if (ctx && nv_date_cmp(nv_acyear_first(ctx), *to) <= 0)
			*from = nv_acyear_first(ctx);
		return 0;
	case SPAN_OPEN:
		if (!a.y) {
			if (!ctx)
				return need_acyear(p);
			a.y = acyear_month_year(ctx, a.m);
		}
		*from = pt_first(a);
		*to = pt_last(a);
		if (check(p, *from) || check(p, *to))
			return -1;
		if (ctx && nv_date_cmp(nv_acyear_last(ctx), *from) >= 0)
			*to = nv_acyear_last(ctx);
		return 0;
	case SPAN_RANGE:
	case SPAN_RECUR: /* the whole academic year, as span_acyear() left it */
		break;
	case SPAN_UNDATED:
		return need_acyear(p); /* never resolved: term_pass() skips them */
	}
	if (!a.y && !b.y) {
		/*
		 * The end falls in the academic year and the start before it:
		 * «сентябрь–май» is 09.Y–05.Y+1, and «август–сентябрь» is the
		 * preparation just before the year, not August of Y+1.
		 */
		if (!ctx)
			return need_acyear(p);
		b.y = acyear_month_year(ctx, b.m);
	}
	if (!a.y)
		a.y = start_key(a) <= end_key(b) ? b.y : b.y - 1;
	if (!b.y)
		b.y = end_key(b) >= start_key(a) ? a.y : a.y + 1;
	*from = pt_first(a);
	*to = pt_last(b);
	if (check(p, *from) || check(p, *to))
		return -1;
	if (nv_date_cmp(*from, *to) > 0) {
		nv_dp_fail(p, "начало срока позже его конца");
		return -1;
	}
	return 0;
}

/* Widen from..to to cover f..t (the first time: set it). */
static void cover(bool *any, struct nv_date f, struct nv_date t, struct nv_date *from,
		  struct nv_date *to)
{
	if (!*any || nv_date_cmp(f, *from) < 0)
		*from = f;
	if (!*any || nv_date_cmp(t, *to) > 0)
		*to = t;
	*any = true;
}

/* Learn from span *sp in the first pass. */
static void learn(struct term_info *ti, const struct span *sp)
{
	if (sp->kind == SPAN_UNDATED) {
		ti->nundated++;
		return;
	}
	if (sp->kind == SPAN_RECUR) {
		if (!ti->recur)
			ti->recur = sp->recur;
		return;
	}
	ti->ndated++;
	if (!ti->found && sp->kind == SPAN_RANGE && (sp->a.y || sp->b.y))
		ti->found = sp->a.y ? acyear_of(sp->a.y, sp->a.m) : acyear_of(sp->b.y, sp->b.m);
}

/*
 * One pass over the items of a term. With `ctx` < 0, only parse and fill
 * *ti; otherwise resolve with academic year ctx (0 = unknown) and take
 * the covering range. Undated items are skipped, and recurrence words
 * count as the whole academic year only when no item has a date. A note
 * in parentheses that is not a term is skipped.
 */
static int term_pass(struct parser *p, int ctx, struct term_info *ti, struct nv_date *from,
		     struct nv_date *to)
{
	struct span sp;
	struct nv_date f, t;
	bool any = false;
	int r, depth = 0;

	p->pos = 0;
	for (;;) {
		skip_separators(p, &depth);
		if (nv_dp_at_end(p))
			break;
		r = parse_item(p, &sp);
		if (r == 0 && depth > 0) {
			skip_note(p, &depth);
			continue;
		}
		if (r == 0)
			nv_dp_fail(
				p,
				"срок не распознан: ожидается дата (15.09.2025), месяц (сентябрь "
				"2025), квартал, полугодие или период «с … по …»");
		if (r <= 0)
			return -1;
		if (ctx < 0) {
			learn(ti, &sp);
			continue;
		}
		if (sp.kind == SPAN_UNDATED || (sp.kind == SPAN_RECUR && ti->ndated))
			continue;
		if (resolve(p, &sp, ctx, &f, &t))
			return -1;
		cover(&any, f, t, from, to);
		if (ti->nranges < ti->max) {
			ti->rfrom[ti->nranges] = f;
			ti->rto[ti->nranges] = t;
		}
		ti->nranges++;
	}
	if (!any && ctx >= 0) {
		nv_dp_fail(p, "%s", ti->nundated ? "срок без даты" : "срок не указан");
		return -1;
	}
	return 0;
}

/* As nv_term_range(), and fill *ti (rfrom, rto and max: set by the caller, or zero). */
static int term_read(const char *s, size_t n, int acyear, struct nv_date *from, struct nv_date *to,
		     struct nv_buf *why, struct term_info *ti)
{
	struct parser p;
	struct nv_date f = { 0, 0, 0 }, t = { 0, 0, 0 };

	ti->found = 0;
	ti->ndated = ti->nundated = ti->nranges = 0;
	ti->recur = NV_RECUR_NONE;
	nv_dp_parser_init(&p, s, n, why);
	if (acyear < NV_DATE_MIN_YEAR || acyear >= NV_DATE_MAX_YEAR)
		acyear = 0;
	if (term_pass(&p, -1, ti, &f, &t))
		return -1;
	if (!acyear)
		acyear = ti->found;
	if (term_pass(&p, acyear, ti, &f, &t))
		return -1;
	*from = f;
	*to = t;
	return 0;
}

int nv_term_range(const char *s, size_t n, int acyear, struct nv_date *from, struct nv_date *to,
		  struct nv_buf *why)
{
	struct term_info ti = { 0 };

	return term_read(s, n, acyear, from, to, why, &ti);
}

size_t nv_term_ranges(const char *s, int acyear, struct nv_date *from, struct nv_date *to,
		      size_t max)
{
	struct term_info ti = { 0 };
	struct nv_date f, t;

	ti.rfrom = from;
	ti.rto = to;
	ti.max = max;
	if (term_read(s, strlen(s), acyear, &f, &t, NULL, &ti))
		return 0;
	return ti.nranges < max ? ti.nranges : max;
}

void nv_term_init(struct nv_term *t)
{
	struct nv_term blank = NV_TERM_INIT;

	*t = blank;
}

void nv_term_release(struct nv_term *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->note);
	free(t->ranges);
	nv_term_init(t);
}

char *nv_term_note(const char *s)
{
	struct nv_buf out = NV_BUF_INIT;
	const char *open, *close;

	while ((open = strchr(s, '(')) != NULL) {
		close = strchr(open, ')');
		if (!close)
			close = open + strlen(open);
		if (close > open + 1) {
			nv_buf_adds(&out, out.len ? "; " : "");
			nv_buf_add(&out, open + 1, (size_t)(close - open - 1));
		}
		s = *close ? close + 1 : close;
	}
	return out.len ? nv_buf_detach(&out, NULL) : NULL;
}

/* Keep the n ranges from[i]..to[i] in t (t->ranges NULL): a copy when there are several. */
static void set_ranges(struct nv_term *t, const struct nv_date *from, const struct nv_date *to,
		       size_t n)
{
	size_t i;

	t->nranges = n < NV_TERM_MAX_RANGES ? n : NV_TERM_MAX_RANGES;
	if (t->nranges <= 1)
		return;
	t->ranges = nv_xcalloc(2 * t->nranges, sizeof(*t->ranges));
	for (i = 0; i < t->nranges; i++) {
		t->ranges[2 * i] = from[i];
		t->ranges[2 * i + 1] = to[i];
	}
}

int nv_term_parse(struct nv_term *t, const char *text, int acyear, struct nv_buf *why)
{
	struct nv_date zero = { 0, 0, 0 }, rfrom[NV_TERM_MAX_RANGES], rto[NV_TERM_MAX_RANGES];
	struct term_info ti = { 0 };

	nv_term_release(t);
	t->text = nv_xstrdup(text ? text : "");
	t->note = nv_term_note(t->text);
	t->acyear = acyear;
	ti.rfrom = rfrom;
	ti.rto = rto;
	ti.max = NV_TERM_MAX_RANGES;
	t->parsed = !term_read(t->text, strlen(t->text), acyear, &t->from, &t->to, why, &ti);
	t->recur = ti.recur;
	t->undated = !t->parsed && ti.nundated && !ti.ndated;
	if (!t->parsed) {
		t->from = zero;
		t->to = zero;
	} else {
		set_ranges(t, rfrom, rto, ti.nranges);
	}
	return t->parsed ? 0 : -1;
}
