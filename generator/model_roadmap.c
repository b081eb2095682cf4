/*
 * model_roadmap.c: roadmaps in the model — the sections and items of a
 * roadmap's front matter, the terms of its items (and of pairs) parsed
 * through a memo, and each item's `responsible`: text or a list of texts
 * and ids of people, resolved into the string paper prints («Лебедева А.
 * С., куратор») and the one the website shows, by publish level
 * (person.h).
 */
#include "common.h"

#include <ctype.h>

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
#include "utf8.h"
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
	bool parsed, undated;
	enum nv_term_recur recur;
	struct nv_date from, to;
	size_t nranges;		/* the dated items' ranges, as the term keeps them */
	struct nv_date *ranges; /* owned; NULL when nranges <= 1 */
	char *why;		/* the reason nv_term_parse() gave, "" if none */
};

/* A copy of the n from/to pairs at v (NULL when there are none). */
static struct nv_date *ranges_dup(const struct nv_date *v, size_t n)
{
	struct nv_date *c;

	if (!v)
		return NULL;
	c = nv_xcalloc(2 * n, sizeof(*c));
	memcpy(c, v, 2 * n * sizeof(*c));
	return c;
}

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
		if (t->text || t->note || t->ranges) /* every field is set below */
			nv_term_release(t);
		t->text = nv_xstrdup(text);
		t->note = nv_term_note(text);
		t->parsed = tm->parsed;
		t->undated = tm->undated;
		t->recur = tm->recur;
		t->from = tm->from;
		t->to = tm->to;
		t->acyear = acyear;
		t->nranges = tm->nranges;
		t->ranges = ranges_dup(tm->ranges, tm->nranges);
		nv_buf_adds(why, tm->why);
		return t->parsed ? 0 : -1;
	}
	tm = nv_xcalloc(1, sizeof(*tm));
	tm->acyear = acyear;
	tm->parsed = !nv_term_parse(t, text, acyear, why);
	tm->undated = t->undated;
	tm->recur = t->recur;
	tm->from = t->from;
	tm->to = t->to;
	tm->nranges = t->nranges;
	tm->ranges = ranges_dup(t->ranges, t->nranges);
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
		free(tm->ranges);
		free(tm->why);
		free(tm);
	}
}

void mdl_terms_free(struct nv_strmap *x)
{
	nv_strmap_free(x, term_memo_free);
}

/* Words of terms, for «возможно, имелось в виду …» on a term not understood. */
static const char *const term_words[] = {
	"январь",	  "января",	   "январе",	   "февраль",	  "февраля",
	"феврале",	  "март",	   "марта",	   "марте",	  "апрель",
	"апреля",	  "апреле",	   "май",	   "мая",	  "мае",
	"июнь",		  "июня",	   "июне",	   "июль",	  "июля",
	"июле",		  "август",	   "августа",	   "августе",	  "сентябрь",
	"сентября",	  "сентябре",	   "октябрь",	   "октября",	  "октябре",
	"ноябрь",	  "ноября",	   "ноябре",	   "декабрь",	  "декабря",
	"декабре",	  "течение",	   "года",	   "учебного",	  "квартал",
	"квартала",	  "полугодие",	   "полугодия",	   "четверть",	  "четверти",
	"ежегодно",	  "ежеквартально", "ежемесячно",   "еженедельно", "постоянно",
	"систематически", "регулярно",	   "позднее",	   "конца",	  "необходимости",
	"плану",	  "графику",	   "согласованию", "отдельному",  "соответствии",
};

/* Decode up to max code points of s (n bytes) into cp; their count. */
static size_t decode(const char *s, size_t n, uint32_t *cp, size_t max)
{
	size_t k = 0, off = 0, len;

	while (off < n && k < max) {
		len = nv_utf8_decode(s + off, n - off, &cp[k++]);
		off += len ? len : 1;
	}
	return k;
}

/* Edit distance between two words of at most 32 code points. */
static size_t word_distance(const char *a, const char *b)
{
	uint32_t x[32], y[32];
	size_t row[33], n = decode(a, strlen(a), x, 32), m = decode(b, strlen(b), y, 32);
	size_t i, j, diag, up;

	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= m; j++) {
			up = row[j];
			row[j] = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[m];
}

/*
 * A known term word one letter away from `word` (two for long words),
 * or NULL; words shorter than six letters are not guessed at.
 */
static const char *near_term_word(const char *word)
{
	size_t i, d, len = nv_utf8_count(word, strlen(word)), limit = len >= 9 ? 2 : 1;

	if (len < 6)
		return NULL;
	for (i = 0; i < NV_ARRAY_SIZE(term_words); i++) {
		d = word_distance(word, term_words[i]);
		if (d == 0)
			return NULL;
		if (d <= limit)
			return term_words[i];
	}
	return NULL;
}

/*
 * The first word of a term not understood that looks like a misspelt
 * term word: appends «возможно, имелось в виду «течение» вместо «течние»;
 * » to hint and returns true, or returns false.
 */
static bool term_suggest(struct nv_buf *hint, const char *due)
{
	struct nv_buf fold = NV_BUF_INIT, word = NV_BUF_INIT;
	const char *p, *near = NULL;
	size_t n;

	nv_utf8_fold(&fold, due, strlen(due));
	for (p = fold.ptr; *p && !near; p += n) {
		for (n = 0; p[n] && ((unsigned char)p[n] >= 0x80 || isalpha((unsigned char)p[n]));)
			n++;
		if (!n) {
			n = 1;
			continue;
		}
		nv_buf_reset(&word);
		nv_buf_add(&word, p, n);
		near = near_term_word(word.ptr);
	}
	if (near)
		nv_buf_addf(hint, "возможно, имелось в виду «%s» вместо «%s»; ", near, word.ptr);
	nv_buf_release(&fold);
	nv_buf_release(&word);
	return near != NULL;
}

/*
 * True if term t lies wholly outside academic year y and the August
 * before it (preparation: «Август 2025» in a 2025–2026 roadmap).
 */
static bool outside_acyear(const struct nv_term *t, int y)
{
	struct nv_date first = { y, 8, 1 };

	return nv_date_cmp(t->to, first) < 0 || nv_date_cmp(t->from, nv_acyear_last(y)) > 0;
}

/*
 * Parse the term of item it (cell text due, the value at dv) and warn
 * when it is not understood (undated terms such as «По плану» are
 * fine) or lies wholly outside the document's academic year.
 */
static void read_due(struct builder *b, struct nv_entry *e, const char *file,
		     const struct nv_value *dv, const char *due, struct nv_item *it)
{
	struct nv_buf why = NV_BUF_INIT, hint = NV_BUF_INIT, y = NV_BUF_INIT;

	nv_term_init(&it->due);
	if (!due)
		return;
	if (mdl_parse_term(b, &it->due, due, mdl_term_acyear(e), &why) < 0 && !it->due.undated) {
		term_suggest(&hint, due);
		nv_diag_hint(nv_warning(b->d, file, dv->line, dv->col,
					"срок «%s» не удалось понять как период: %s", due,
					why.len ? why.ptr : "неизвестный формат"),
			     "%sсрок сохранится как написан; чтобы он попал в календарь, "
			     "пишите, например, «Сентябрь 2025», «до 15.09.2025», «II квартал "
			     "2026 г.»; без даты: «По плану»",
			     hint.ptr ? hint.ptr : "");
	} else if (it->due.parsed && e->acyear && outside_acyear(&it->due, e->acyear)) {
		nv_acyear_add(&y, e->acyear);
		nv_diag_hint(nv_warning(b->d, file, dv->line, dv->col,
					"срок «%s» выходит за %s учебный год документа", due,
					y.ptr),
			     "исправьте год в сроке или поле «academic_year» документа");
	} else if (!e->acyear && it->due.parsed && e->has_period) {
		mdl_term_in_period(e, &it->due);
		if (nv_date_cmp(it->due.to, e->period_from) < 0 ||
		    nv_date_cmp(it->due.from, e->period_to) > 0)
			nv_diag_hint(nv_warning(b->d, file, dv->line, dv->col,
						"срок «%s» выходит за период документа «%s»", due,
						e->period_text ? e->period_text : ""),
				     "исправьте год в сроке или поле «period» документа");
	}
	nv_buf_release(&why);
	nv_buf_release(&hint);
	nv_buf_release(&y);
}

/* An item's `extra`: one value per heading of `extra_columns`, in order. */
static void read_extra(struct builder *b, struct nv_entry *e, struct nv_fields *f,
		       struct nv_item *it)
{
	const struct nv_value *list = nv_field_list(f, "extra", NV_OPTIONAL, NULL, true);
	size_t i, n;

	(void)b;
	if (!list)
		return;
	n = list->type == NV_LIST ? list->nr : 1;
	if (n > e->nextra) {
		nv_diag_hint(nv_field_error(f, list,
					    "в «extra» %zu %s, а столбцов в «extra_columns» — %zu",
					    n, nv_plural(n, "значение", "значения", "значений"),
					    e->nextra),
			     "объявите столбцы в «extra_columns: [Отметка о выполнении]» и дайте "
			     "по одному значению на столбец");
		return;
	}
	it->extra = nv_xcalloc(e->nextra + 1, sizeof(*it->extra));
	for (i = 0; i < n; i++) {
		const struct nv_value *v = list->type == NV_LIST ? list->items[i] : list;
		if (!nv_value_is_scalar(v)) {
			nv_field_error(f, v, "в «extra» ожидается текст, а здесь %s",
				       nv_type_name(v->type));
			continue;
		}
		it->extra[i] = v->str && *v->str ? v->str : NULL;
	}
}

/*
 * `columns: {due: Срок реализации, …}` (headings of the four columns,
 * defaults for those not given) and `extra_columns: [Отметка о
 * выполнении]`.
 */
static void read_columns(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	static const char *const keys[4] = { "title", "due", "responsible", "result" };
	static const char *const dflt[4] = { "Мероприятие", "Срок", "Ответственный",
					     "Результат / вид документа" };
	const struct nv_value *cv = nv_field_map(f, "columns", NV_OPTIONAL, NULL);
	const struct nv_value *xv = nv_field_list(f, "extra_columns", NV_OPTIONAL, NULL, true);
	struct nv_fields cf;
	const char *s;
	size_t i;

	for (i = 0; i < 4; i++)
		e->columns[i] = dflt[i];
	if (cv && nv_fields_init(&cf, f->file, cv, "в «columns»", cv->line, cv->col, b->d)) {
		for (i = 0; i < 4; i++)
			if ((s = nv_field_str(&cf, keys[i], NV_OPTIONAL, NULL)) != NULL)
				e->columns[i] = s;
		nv_fields_finish(&cf);
	}
	if (!xv)
		return;
	e->nextra = xv->type == NV_LIST ? xv->nr : 1;
	e->extra_columns = nv_xcalloc(e->nextra + 1, sizeof(*e->extra_columns));
	for (i = 0; i < e->nextra; i++) {
		const struct nv_value *v = xv->type == NV_LIST ? xv->items[i] : xv;
		e->extra_columns[i] = nv_value_is_scalar(v) && v->str ? v->str : "";
	}
}

static bool read_item(struct builder *b, struct nv_entry *e, const char *file,
		      const struct nv_value *iv, const char *what, struct nv_item *it, bool sub);

/*
 * An item's `rows`: sub-rows with their own term, responsible and
 * result (a title of their own is optional: without one, the row goes
 * on under the item's title).
 */
static void read_rows(struct builder *b, struct nv_entry *e, const char *file,
		      const struct nv_value *rows, const char *what, struct nv_item *it)
{
	struct nv_buf w = NV_BUF_INIT;
	size_t j;

	it->rows = nv_xcalloc(rows->nr + 1, sizeof(*it->rows));
	for (j = 0; j < rows->nr; j++) {
		nv_buf_reset(&w);
		nv_buf_adds(&w, "в строке ");
		nv_buf_addnum(&w, (long long)(j + 1), 0);
		nv_buf_adds(&w, " мероприятия ");
		nv_buf_adds(&w, what + (strncmp(what, "в мероприятии ", strlen("в мероприятии "))
						? 0
						: strlen("в мероприятии ")));
		if (read_item(b, e, file, rows->items[j], w.ptr, &it->rows[it->nrows], true))
			it->nrows++;
	}
	nv_buf_release(&w);
}

/*
 * Read item iv of a roadmap into it (a sub-row when `sub`); `what` names
 * it for messages. An item with `rows` needs no term or responsible of
 * its own; a sub-row needs no title. False if iv is not a map.
 */
static bool read_item(struct builder *b, struct nv_entry *e, const char *file,
		      const struct nv_value *iv, const char *what, struct nv_item *it, bool sub)
{
	struct nv_fields itf;
	const struct nv_value *rows = NULL;
	const char *due;
	bool loose;

	if (!nv_fields_init(&itf, file, iv, what, iv->line, iv->col, b->d))
		return false;
	it->line = iv->line;
	it->col = iv->col;
	if (!sub)
		rows = nv_field_list(&itf, "rows", NV_OPTIONAL, NULL, false);
	loose = rows && rows->nr;
	it->title = nv_field_str(&itf, "title", sub ? NV_OPTIONAL : NV_REQUIRED,
				 "название мероприятия");
	due = nv_field_str(&itf, "due", loose ? NV_OPTIONAL : NV_REQUIRED,
			   "срок, например «Сентябрь 2025»");
	if (!(loose || sub) || nv_map_get(iv, "responsible"))
		mdl_read_responsible(b, &itf, it);
	it->result = nv_field_str(&itf, "result", NV_OPTIONAL, NULL);
	it->status = (enum nv_item_status)nv_field_enum(&itf, "status", NV_OPTIONAL,
							mdl_item_status_names, NV_ITEM_PLANNED);
	it->has_status = nv_map_get(iv, "status") != NULL;
	read_due(b, e, file, nv_map_get(iv, "due"), due, it);
	read_extra(b, e, &itf, it);
	nv_fields_finish(&itf);
	if (loose)
		read_rows(b, e, file, rows, what, it);
	return true;
}

/* Read the items of list `items` into sec; prefix numbers them («2.» or ""). */
static void read_items(struct builder *b, struct nv_entry *e, const char *file,
		       const struct nv_value *items, const char *prefix, struct nv_section *sec)
{
	struct nv_buf what = NV_BUF_INIT;
	size_t j;

	sec->items = nv_xcalloc(items->nr + 1, sizeof(*sec->items));
	for (j = 0; j < items->nr; j++) {
		nv_buf_reset(&what);
		nv_buf_adds(&what, "в мероприятии ");
		nv_buf_adds(&what, prefix);
		nv_buf_addnum(&what, (long long)(j + 1), 0);
		nv_buf_addch(&what, '.');
		if (read_item(b, e, file, items->items[j], what.ptr, &sec->items[sec->nitems],
			      false))
			sec->nitems++;
	}
	nv_buf_release(&what);
}

/* Mark the optional columns item (or sub-row) it has something in. */
static void note_columns(struct nv_entry *e, const struct nv_item *it)
{
	size_t j;

	e->show_result = e->show_result || it->result;
	e->show_status = e->show_status || it->has_status;
	for (j = 0; it->extra && j < e->nextra; j++)
		e->show_extra[j] = e->show_extra[j] || it->extra[j];
}

/* Which optional columns of roadmap e have something in them. */
static void find_columns(struct nv_entry *e)
{
	const struct nv_item *it;
	size_t i, k, j;

	e->show_extra = nv_xcalloc(e->nextra + 1, sizeof(*e->show_extra));
	for (i = 0; i < e->nsections; i++)
		for (k = 0; k < e->sections[i].nitems; k++) {
			it = &e->sections[i].items[k];
			note_columns(e, it);
			for (j = 0; j < it->nrows; j++)
				note_columns(e, &it->rows[j]);
		}
}

/* Whether the build's day lies in e's academic year or period. */
static bool current(const struct builder *b, const struct nv_entry *e)
{
	if (e->acyear)
		return nv_date_cmp(b->today, nv_acyear_first(e->acyear)) >= 0 &&
		       nv_date_cmp(b->today, nv_acyear_last(e->acyear)) <= 0;
	return e->has_period && nv_date_cmp(b->today, e->period_from) >= 0 &&
	       nv_date_cmp(b->today, e->period_to) <= 0;
}

/*
 * The items of the current roadmap e that are still planned though
 * their term is over, when e keeps the items' statuses: the website
 * shows them as planned. One warning, at the first, listing a few.
 */
static void check_overdue(struct builder *b, struct nv_entry *e, const char *file)
{
	const struct nv_item *it, *first = NULL;
	struct nv_buf list = NV_BUF_INIT;
	size_t i, k, n = 0;

	if (!e->show_status || !current(b, e))
		return;
	for (i = 0; i < e->nsections; i++)
		for (k = 0; k < e->sections[i].nitems; k++) {
			it = &e->sections[i].items[k];
			if (it->status != NV_ITEM_PLANNED || !it->due.parsed ||
			    nv_date_cmp(it->due.to, b->today) >= 0)
				continue;
			first = first ? first : it;
			if (n++ >= 5)
				continue;
			if (list.len)
				nv_buf_adds(&list, ", ");
			if (e->sections[i].title)
				nv_buf_addf(&list, "%zu.", i + 1);
			nv_buf_addf(&list, "%zu (%s)", k + 1, it->due.text);
		}
	if (n > 5)
		nv_buf_addf(&list, " и ещё %zu", n - 5);
	if (first && n == 1)
		nv_diag_hint(nv_warning(b->d, file, first->line, first->col,
					"мероприятие со сроком в прошлом всё ещё отмечено как "
					"запланированное: %s",
					list.ptr),
			     "на сайте оно показано как запланированное: отметьте выполненное "
			     "«status: done», перенесённое — «status: moved» и новым сроком");
	else if (first)
		nv_diag_hint(nv_warning(b->d, file, first->line, first->col,
					"%zu %s со сроком в прошлом всё ещё отмечены как "
					"запланированные: %s",
					n,
					nv_plural(n, "мероприятие", "мероприятия", "мероприятий"),
					list.ptr),
			     "на сайте они показаны как запланированные: отметьте выполненные "
			     "«status: done», перенесённые — «status: moved» и новым сроком");
	nv_buf_release(&list);
}

/*
 * A roadmap's items: `sections:` (each with a title and items), or
 * `items:` alone — one section without a title, numbered 1., 2., …
 */
void mdl_read_sections(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list, *flat = nv_map_get(f->map, "items");
	const struct nv_value *sv, *items;
	struct nv_fields sf;
	struct nv_section *sec;
	struct nv_buf what = NV_BUF_INIT;
	size_t i;

	read_columns(b, e, f);
	if (flat) {
		items = nv_field_list(f, "items", NV_REQUIRED, "мероприятия дорожной карты", false);
		if (!items)
			return;
		e->sections = nv_xcalloc(2, sizeof(*e->sections));
		e->nsections = 1;
		read_items(b, e, f->file, items, "", &e->sections[0]);
		find_columns(e);
		check_overdue(b, e, f->file);
		return;
	}
	list = nv_field_list(f, "sections", NV_REQUIRED,
			     "разделы дорожной карты со списками мероприятий (или «items:» — "
			     "мероприятия без разделов)",
			     false);
	if (!list)
		return;
	e->sections = nv_xcalloc(list->nr + 1, sizeof(*e->sections));
	for (i = 0; i < list->nr; i++) {
		sv = list->items[i];
		nv_buf_reset(&what);
		nv_buf_adds(&what, "в разделе ");
		nv_buf_addnum(&what, (long long)(i + 1), 0);
		if (!nv_fields_init(&sf, f->file, sv, what.ptr, sv->line, sv->col, b->d))
			continue;
		sec = &e->sections[e->nsections++];
		sec->title = nv_field_str(&sf, "title", NV_REQUIRED, "название раздела");
		sec->goal = nv_field_str(&sf, "goal", NV_OPTIONAL, NULL);
		sec->tasks = nv_field_str(&sf, "tasks", NV_OPTIONAL, NULL);
		sec->result = nv_field_str(&sf, "result", NV_OPTIONAL, NULL);
		items = nv_field_list(&sf, "items", NV_REQUIRED, "мероприятия раздела", false);
		if (items && !items->nr)
			nv_field_error(&sf, items, "в разделе %zu нет ни одного мероприятия",
				       i + 1);
		nv_fields_finish(&sf);
		if (!items)
			continue;
		nv_buf_reset(&what);
		nv_buf_addnum(&what, (long long)(i + 1), 0);
		nv_buf_addch(&what, '.');
		read_items(b, e, f->file, items, what.ptr, sec);
	}
	find_columns(e);
	check_overdue(b, e, f->file);
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

/*
 * The parts of a `responsible` for one audience, joined by «, », or by
 * «; » when a part has a comma of its own («наставник, педагог»). On
 * the website a description repeated for several hidden people is
 * written once. Made in the caller's buffer `out`, and copied.
 */
static char *join_responsible(const struct nv_item *it, bool web, struct nv_buf *out)
{
	size_t stack[16], *at = stack; /* where each part kept starts in out, and its length */
	size_t i, k, n = 0, start, p, len;
	bool comma = false, seen;

	if (it->nresp > NV_ARRAY_SIZE(stack) / 2)
		at = nv_xcalloc(2 * it->nresp, sizeof(*at));
	nv_buf_reset(out);
	/* Each part written after «, », which becomes «; » at the end if a part has a comma. */
	for (i = 0; i < it->nresp; i++) {
		start = out->len;
		if (n)
			nv_buf_add(out, ", ", 2);
		p = out->len;
		if (it->resp[i].text)
			nv_buf_adds(out, it->resp[i].text);
		else if (web)
			nv_person_public_name(out, it->resp[i].person);
		else
			nv_person_short_name(out, it->resp[i].person);
		len = out->len - p;
		for (seen = false, k = 0; web && !seen && k < n; k++)
			seen = at[2 * k + 1] == len &&
			       !memcmp(out->ptr + at[2 * k], out->ptr + p, len);
		if (seen) {
			nv_buf_truncate(out, start);
			continue;
		}
		comma = comma || memchr(out->ptr + p, ',', len);
		at[2 * n] = p;
		at[2 * n + 1] = len;
		n++;
	}
	for (k = 1; comma && k < n; k++)
		out->ptr[at[2 * k] - 2] = ';';
	if (at != stack)
		free(at);
	return nv_xmemdupz(out->ptr, out->len);
}

/* The joined `responsible` of every item of the entries of one job. */
static void *responsible_thread(void *arg)
{
	struct mdl_entry_job *job = arg;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_entry *e;
	struct nv_item *it;
	size_t i, k, j, r;

	while (nv_share_next(&job->share, &i)) {
		e = job->b.m->entries[i];
		for (k = 0; k < e->nsections; k++) {
			for (j = 0; j < e->sections[k].nitems; j++) {
				it = &e->sections[k].items[j];
				it->responsible_paper = join_responsible(it, false, &out);
				it->responsible_web = join_responsible(it, true, &out);
				for (r = 0; r < it->nrows; r++) {
					it->rows[r].responsible_paper =
						join_responsible(&it->rows[r], false, &out);
					it->rows[r].responsible_web =
						join_responsible(&it->rows[r], true, &out);
				}
			}
		}
	}
	nv_buf_release(&out);
	return NULL;
}

/* On b->jobs threads: an entry's items are its own, people are only read. */
void mdl_resolve_responsible(struct builder *b)
{
	mdl_per_entry(b, responsible_thread);
}
