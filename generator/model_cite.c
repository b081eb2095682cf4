/*
 * model_cite.c: the project's orders by registration number (folded,
 * nv_utf8_fold(): «112-ОД» and «112 – од» are «112-од»). Two orders of
 * one calendar year with one number are an error: the register gives
 * each order its own, and numbers them as they are issued: an order
 * numbered lower than one issued before it in the year, in one register
 * («-од», «-лс»), is a warning (mdl_check_order_numbers()). Citations of the
 * project's own orders in documents' text
 * («утверждённым приказом от 29.08.2025 № 118-од», «Об отмене приказа
 * № 131-од от 30.09.2025»), found by nv_md_next_cite() (markdown.h), are
 * compared with the orders, as a secretary reads a draft:
 *  - the number is an order's of that year (or of another year, issued
 *    on the same day and month: a slip of the year) but the date is not
 *    that order's: a preamble copied from last year, a date mistyped;
 *  - an order cites an order issued after it.
 * A number no order of the project has is
 * another order of the school's register: nothing to compare. Both are
 * warnings: the text may mean another order on purpose.
 * A day the calendar has not («31.09.2025») in a title or a preamble
 * is a warning too, at the date.
 */
#define _GNU_SOURCE /* memmem() */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "utf8.h"
#include "value.h"

/* An order by its folded number. */
struct numbered {
	char *key;
	const struct nv_entry *e;
};

struct mdl_orders {
	struct numbered *v; /* by key, then date */
	size_t n;
};

/* By number, then by date and file: the earliest order first. */
static int cmp_numbered(const void *pa, const void *pb)
{
	const struct numbered *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (!c)
		c = nv_date_cmp(a->e->date, b->e->date);
	return c ? c : strcmp(a->e->doc->path, b->e->doc->path);
}

static char *fold(const char *s, size_t n)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_utf8_fold(&b, s, n);
	return nv_buf_detach(&b, NULL);
}

struct mdl_orders *mdl_orders_new(const struct nv_model *m)
{
	struct mdl_orders *o = nv_xcalloc(1, sizeof(*o));
	const struct nv_entry *e;
	size_t i;

	o->v = nv_xcalloc(m->nentries + 1, sizeof(*o->v));
	for (i = 0; i < m->nentries; i++) {
		e = m->entries[i];
		if (e->kind != NV_KIND_ORDER || !e->number || !*e->number || !e->date.year)
			continue;
		o->v[o->n].key = fold(e->number, strlen(e->number));
		o->v[o->n++].e = e;
	}
	qsort(o->v, o->n, sizeof(*o->v), cmp_numbered);
	return o;
}

void mdl_orders_free(struct mdl_orders *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->n; i++)
		free(o->v[i].key);
	free(o->v);
	free(o);
}

/* The first order numbered key, and in *n how many are. */
static const struct numbered *find_number(const struct mdl_orders *o, const char *key, size_t *n)
{
	size_t lo = 0, hi = o->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(o->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (*n = 0; lo + *n < o->n && !strcmp(o->v[lo + *n].key, key);)
		(*n)++;
	return o->v + lo;
}

/* An order in its register: the folded number's digits, and what follows them («-од»). */
struct registered {
	long num;
	const char *key, *suffix;
	const struct nv_entry *e;
};

/* Whether another order of e's year has e's number (key): an error of its own. */
static bool numbered_twice(const struct mdl_orders *o, const char *key, const struct nv_entry *e)
{
	const struct numbered *v = NULL;
	size_t n = 0, i;

	v = find_number(o, key, &n);
	for (i = 0; i < n; i++)
		if (v[i].e != e && v[i].e->date.year == e->date.year)
			return true;
	return false;
}

/* By year, register, date, number. */
static int cmp_registered(const void *pa, const void *pb)
{
	const struct registered *a = pa, *b = pb;
	int c = (a->e->date.year > b->e->date.year) - (a->e->date.year < b->e->date.year);

	if (!c)
		c = strcmp(a->suffix, b->suffix);
	if (!c)
		c = nv_date_cmp(a->e->date, b->e->date);
	if (!c)
		c = (a->num > b->num) - (a->num < b->num);
	return c;
}

/*
 * An order numbered lower than an order of its register issued before it
 * in the year: the register numbers orders as they are issued, so one of
 * the two has another order's number or date (last year's, copied). A
 * warning at the later one's number.
 */
static void check_sequence(struct builder *b, const struct mdl_orders *o)
{
	struct registered *r = nv_xcalloc(o->n + 1, sizeof(*r));
	struct nv_buf when = NV_BUF_INIT;
	const struct nv_value *node;
	size_t i, n = 0, top = 0;
	char *end;

	for (i = 0; i < o->n; i++)
		if (o->v[i].key[0] >= '0' && o->v[i].key[0] <= '9') {
			r[n].num = strtol(o->v[i].key, &end, 10);
			r[n].key = o->v[i].key;
			r[n].suffix = end;
			r[n++].e = o->v[i].e;
		}
	qsort(r, n, sizeof(*r), cmp_registered);
	for (i = 1; i < n; i++) {
		if (r[i].e->date.year != r[top].e->date.year ||
		    strcmp(r[i].suffix, r[top].suffix)) {
			top = i;
			continue;
		}
		if (r[i].num > r[top].num) {
			top = i;
			continue;
		}
		if (r[i].num == r[top].num || !nv_date_cmp(r[i].e->date, r[top].e->date) ||
		    numbered_twice(o, r[i].key, r[i].e))
			continue;
		node = nv_map_get(r[i].e->doc->meta, "number");
		nv_buf_reset(&when);
		nv_date_add(&when, r[top].e->date, NV_DATE_NUMERIC);
		nv_diag_hint(
			nv_warning(b->d, r[i].e->doc->path, node ? node->line : 0,
				   node ? node->col : 0,
				   "номер «%s» меньше, чем у приказа № %s от %s «%s», изданного "
				   "раньше",
				   r[i].e->number, r[top].e->number, when.ptr,
				   r[top].e->title ? r[top].e->title : ""),
			"в журнале регистрации номера растут с датой: проверьте номер или дату "
			"этого приказа");
	}
	nv_buf_release(&when);
	free(r);
}

/*
 * Every order but the earliest (by date, then file) of those with one
 * number in one calendar year is told which order has the number; an
 * order numbered lower than one issued before it is told which
 * (check_sequence()).
 */
void mdl_check_order_numbers(struct builder *b)
{
	struct mdl_orders *o = b->orders = mdl_orders_new(b->m);
	struct nv_buf when = NV_BUF_INIT;
	const struct nv_entry *e, *first = NULL;
	const struct nv_value *node;
	size_t i;

	for (i = 0; i < o->n; i++) {
		e = o->v[i].e;
		if (!i || strcmp(o->v[i].key, o->v[i - 1].key) ||
		    e->date.year != first->date.year) {
			first = e;
			continue;
		}
		node = nv_map_get(e->doc->meta, "number");
		nv_buf_reset(&when);
		nv_date_add(&when, first->date, NV_DATE_NUMERIC);
		nv_diag_hint(nv_error(b->d, e->doc->path, node ? node->line : 0,
				      node ? node->col : 0,
				      "номер «%s» в %d году уже у приказа от %s «%s» (%s)",
				      e->number, e->date.year, when.ptr,
				      first->title ? first->title : "", first->doc->path),
			     "у каждого приказа свой регистрационный номер: впишите номер этого "
			     "приказа из журнала регистрации приказов");
	}
	nv_buf_release(&when);
	check_sequence(b, o);
}

/*
 * The order the citation c names: the one of that number issued on its
 * date (*same true), else the one of its year, else the one of its day
 * and month (*same false); NULL when the project has none.
 */
static const struct nv_entry *cited_order(const struct mdl_orders *o, const struct nv_md_cite *c,
					  bool *same)
{
	char *key = fold(c->number, c->number_len);
	const struct numbered *v;
	const struct nv_entry *year = NULL, *day = NULL;
	size_t n, i;

	v = find_number(o, key, &n);
	free(key);
	*same = false;
	for (i = 0; i < n; i++) {
		if (!nv_date_cmp(v[i].e->date, c->date)) {
			*same = true;
			return v[i].e;
		}
		if (!year && v[i].e->date.year == c->date.year)
			year = v[i].e;
		if (!day && v[i].e->date.month == c->date.month && v[i].e->date.day == c->date.day)
			day = v[i].e;
	}
	return year ? year : day;
}

/*
 * The order the citation c in e's text names when a warning is due: its
 * date is not that order's (*same false), or e is an order issued
 * before it (*same true); else NULL.
 */
static const struct nv_entry *wrong_cite(const struct builder *b, const struct nv_entry *e,
					 const struct nv_md_cite *c, bool *same)
{
	const struct nv_entry *o;

	if (!b->orders || !(o = cited_order(b->orders, c, same)) || o == e)
		return NULL;
	if (!*same)
		return o;
	return e->kind == NV_KIND_ORDER && e->date.year && nv_date_cmp(o->date, e->date) > 0 ? o
											     : NULL;
}

/* The warning of wrong_cite() o, same for the citation at line:col of e's file. */
static void warn_cite(struct builder *b, const struct nv_entry *e, const struct nv_md_cite *c,
		      const struct nv_entry *o, bool same, int line, int col)
{
	struct nv_buf issued = NV_BUF_INIT, other = NV_BUF_INIT;

	nv_date_add(&issued, o->date, NV_DATE_NUMERIC);
	nv_date_add(&other, same ? e->date : c->date, NV_DATE_NUMERIC);
	if (!same)
		nv_diag_hint(nv_warning(b->d, e->doc->path, line, col,
					"приказ № %s издан %s («%s», %s), а в ссылке — от %s",
					o->number, issued.ptr, o->title ? o->title : "",
					o->doc->path, other.ptr),
			     "исправьте дату в ссылке на приказ; если это другой приказ, "
			     "проверьте его номер");
	else
		nv_diag_hint(nv_warning(b->d, e->doc->path, line, col,
					"приказ от %s № %s издан позже этого приказа от %s",
					issued.ptr, o->number, other.ptr),
			     "приказ ссылается только на изданные раньше него: проверьте "
			     "дату и номер в ссылке и дату этого приказа");
	nv_buf_release(&issued);
	nv_buf_release(&other);
}

const char *mdl_meta_line(const struct nv_doc *doc, const char *text, int line)
{
	const char *p = text + doc->split.meta_off, *end = p + doc->split.meta_len;
	int l = doc->split.meta_line;

	for (; p && l < line; l++)
		if ((p = memchr(p, '\n', (size_t)(end - p))) != NULL)
			p++;
	return p;
}

/*
 * Where a date (in the value of node) is written in e's front matter:
 * its first occurrence from the value's line on, as a folded block
 * («preamble: >-») spreads a value over lines of its own; the value's
 * start when the text cannot be read again.
 */
static void locate_date(const struct nv_entry *e, const struct nv_value *node, const char *date,
			int *line, int *col)
{
	const char *text, *p, *end;
	size_t n = 0, off;

	*line = node ? node->line : 0;
	*col = node ? node->col : 0;
	while ((date[n] >= '0' && date[n] <= '9') || date[n] == '.')
		n++;
	if (!node || !(text = nv_content_doc_text(e->doc, NULL)))
		return;
	end = text + e->doc->split.meta_off + e->doc->split.meta_len;
	if ((p = mdl_meta_line(e->doc, text, node->line)) &&
	    (p = memmem(p, (size_t)(end - p), date, n)) != NULL) {
		off = (size_t)(p - text);
		nv_utf8_position(text, off, line, col);
	}
	nv_content_doc_text_done(e->doc);
}

void mdl_warn_impossible_date(struct builder *b, const struct nv_entry *e, int line, int col,
			      const char *date, size_t len, const char *why)
{
	nv_diag_hint(nv_warning(b->d, e->doc->path, line, col, "даты %.*s нет: %s", (int)len, date,
				why ? why : ""),
		     "исправьте число или месяц");
}

/* The days the calendar has not in the value s (n bytes) of node («31.09.2025»). */
static void check_field_dates(struct builder *b, const struct nv_entry *e,
			      const struct nv_value *node, const char *s, size_t n)
{
	struct nv_buf why = NV_BUF_INIT;
	size_t i, k;
	int line, col;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] != ' ' && s[i - 1] != '('))
			continue;
		nv_buf_reset(&why);
		if (!(k = nv_date_impossible_at(s + i, n - i, &why)))
			continue;
		locate_date(e, node, s + i, &line, &col);
		mdl_warn_impossible_date(b, e, line, col, s + i, k, why.ptr);
		i += k;
	}
	nv_buf_release(&why);
}

/* The citations and the impossible days in the front matter's field key of e (its value s). */
static void check_field(struct builder *b, const struct nv_entry *e, const char *key, const char *s)
{
	const struct nv_value *node = nv_map_get(e->doc->meta, key);
	const struct nv_entry *o;
	struct nv_md_cite c;
	size_t at = 0, n = s ? strlen(s) : 0;
	int line, col;
	bool same;

	while (nv_md_next_cite(s, n, &at, &c))
		if ((o = wrong_cite(b, e, &c, &same)) != NULL) {
			locate_date(e, node, s + c.date_at, &line, &col);
			warn_cite(b, e, &c, o, same, line, col);
		}
	check_field_dates(b, e, node, s, n);
}

void mdl_check_meta_cites(struct builder *b, const struct nv_entry *e)
{
	if (!e->doc || !e->doc->meta)
		return;
	check_field(b, e, "title", e->title);
	check_field(b, e, "preamble", e->preamble);
}

void mdl_check_body_cites(struct builder *b, const struct nv_entry *e, const char *body, size_t n,
			  int line)
{
	const struct nv_entry *o;
	struct nv_md_cite c;
	size_t at = 0, from = 0;
	const char *nl;
	bool same;

	while (nv_md_next_cite(body, n, &at, &c)) {
		if (!(o = wrong_cite(b, e, &c, &same)))
			continue;
		/* lines counted on from the last warning's */
		while ((nl = memchr(body + from, '\n', c.date_at - from)) != NULL) {
			line++;
			from = (size_t)(nl - body) + 1;
		}
		warn_cite(b, e, &c, o, same, line,
			  (int)nv_utf8_count(body + from, c.date_at - from) + 1);
	}
}
