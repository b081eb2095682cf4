/*
 * term.h: roadmap terms, written the way Russian methodologists write them.
 *
 * A term («срок» in a roadmap) is free text kept verbatim, plus the date
 * range it means when it could be understood: «до 15.09.2025», «Май–июнь
 * 2026», «II квартал 2026 г.», «В течение года»…
 *
 * date.h includes this header, so callers that include date.h need not
 * include it.
 */
#ifndef NV_TERM_H
#define NV_TERM_H

#include "common.h"

#include "buf.h"
#include "date.h"

/* --- roadmap terms ------------------------------------------------------- */

/* How often an item repeats: «ежегодно», «ежеквартально»… */
enum nv_term_recur {
	NV_RECUR_NONE,
	NV_RECUR_YEARLY,
	NV_RECUR_QUARTERLY,
	NV_RECUR_MONTHLY,
	NV_RECUR_WEEKLY,
};

/*
 * A «срок» cell. text is the verbatim cell text, owned by the term (NULL
 * after init). When parsed is true, from..to (inclusive) is the range the
 * text means; when false, from and to are zero. note holds the texts in
 * parentheses («Сентябрь 2023 (ежегодно)» → «ежегодно»), joined by «; »,
 * or NULL; owned. recur is the first recurrence word of the text (in a
 * note too). undated is true when the text names no date by design
 * («По плану», «По мере необходимости»): not parsed, and not a mistake.
 * acyear is the academic year the text was read with. When parsed,
 * nranges is the count of its dated items, at most NV_TERM_MAX_RANGES,
 * as nv_term_ranges() gives them; when there are several, ranges holds
 * each one's from and to (2 × nranges dates, owned), else it is NULL:
 * a calendar reads them without parsing the text again.
 */
struct nv_term {
	char *text;
	char *note;
	bool parsed;
	bool undated;
	enum nv_term_recur recur;
	struct nv_date from, to;
	int acyear;
	size_t nranges;
	struct nv_date *ranges;
};

/* The most dated items a term keeps the ranges of: «сентябрь, январь, май» is three. */
#define NV_TERM_MAX_RANGES 12

/* clang-format off */
#define NV_TERM_INIT { NULL, NULL, false, false, NV_RECUR_NONE, { 0, 0, 0 }, { 0, 0, 0 }, 0, 0, NULL }
/* clang-format on */

/* Set t up empty (text NULL, not parsed). */
void nv_term_init(struct nv_term *t);

/* Free t's text, note and ranges and leave it as after nv_term_init(). Accepts NULL. */
void nv_term_release(struct nv_term *t);

/*
 * Store a copy of `text` in t (freeing any previous text; NULL counts as
 * "") and parse it into a range with nv_term_range(). `acyear` is the
 * first year of the document's academic year, or 0 when unknown. Returns
 * 0 when parsed, -1 otherwise; in both cases t->text holds the copy and
 * t->acyear the academic year, and when parsed t->nranges and t->ranges
 * the dated items' ranges (as nv_term_ranges() gives them). On
 * failure, appends a Russian reason to why when it is not NULL.
 */
int nv_term_parse(struct nv_term *t, const char *text, int acyear, struct nv_buf *why);

/*
 * The texts in parentheses of term text s, joined by «; » (a new string),
 * or NULL when there are none: the note of nv_term_parse().
 */
char *nv_term_note(const char *s);

/*
 * Work out the date range meant by the n bytes of term text at s, without
 * allocating. Letter case does not matter; hyphens, en and em dashes all
 * separate ranges. Understood forms (acyear is the context, 0 if unknown):
 *  - a date in any nv_date_parse() form: from = to = that date;
 *  - «до 15.09.2025», «не позднее 15.09.2025», «к 15.09.2025»: to = the
 *    date, from = 01.09 of the academic year when known (and not later),
 *    otherwise the date itself; «до конца сентября», «до конца I
 *    полугодия», «не позднее мая 2026»: to = end of that period («до
 *    мая» is left unparsed: it may mean before May or through May);
 *  - «с 01.09.2025 по 30.09.2025», «01.09.2025 – 30.09.2025», «с 1 по 15
 *    сентября 2025 г.», «01.09–15.09.2025»; «с 01.09.2025» alone runs to
 *    the end of the academic year when known, else is that one day;
 *  - a month: «Сентябрь 2025», «сентябрь 2025 г.», «в сентябре 2025»,
 *    «в течение сентября» → the whole month; without a year the month
 *    belongs to the academic year (September–December: first year,
 *    January–August: second year);
 *  - month ranges «Май–июнь 2026», «Октябрь 2025 – январь 2026»,
 *    «сентябрь–май» (a missing year is taken from the other end, a range
 *    may cross the new year; with no year at all, the end is placed in
 *    the academic year and the start just before it, so «август–
 *    сентябрь» is August–September of the first year);
 *  - quarters «II квартал 2026 г.», «2 квартал 2026», «I–II квартал»
 *    (calendar quarters);
 *  - half-years: «I полугодие» / «1 полугодие 2025–2026 учебного года» is
 *    September–December, «II полугодие» January–May (the teaching part
 *    of the second half); with a single calendar year, «I полугодие 2026
 *    г.» is January–June and «II полугодие 2026 г.» July–December;
 *  - school quarters «I четверть» (approximated by whole months:
 *    I September–October, II November–December, III January–March,
 *    IV April–May);
 *  - «2025–2026 учебный год», «в течение 2025–2026 учебного года»: that
 *    academic year; «2025 год»: the calendar year;
 *  - «В течение года», «в течение учебного года», «постоянно»,
 *    «систематически», «регулярно» and similar: the whole academic year;
 *  - recurrence words «ежегодно», «ежеквартально», «ежемесячно»,
 *    «еженедельно» add no range of their own («Октябрь–ноябрь,
 *    ежегодно» is October–November); alone they mean the whole
 *    academic year;
 *  - undated phrases «по плану», «по графику», «по мере необходимости»,
 *    «по согласованию» and similar are skipped; a term made only of
 *    them fails with the reason «срок без даты»;
 *  - notes in parentheses: read as items when they are terms
 *    («(ежегодно)»), skipped otherwise («(по решению педсовета)»);
 *  - several of the above separated by commas, semicolons, «и» or line
 *    breaks («сентябрь, январь, май»): the covering range.
 * When acyear is 0, a term without any year («сентябрь», «в течение
 * года») borrows the academic year of the first item with an explicit
 * year in the same text (deadlines and open ranges do not count), and
 * fails when there is none.
 *
 * Returns 0 and fills *from and *to (from <= to), or -1 and appends a
 * Russian reason to why when it is not NULL (from and to untouched).
 */
int nv_term_range(const char *s, size_t n, int acyear, struct nv_date *from, struct nv_date *to,
		  struct nv_buf *why);

/*
 * The range of each dated item of term text s (NUL-terminated) in
 * order, as nv_term_range() reads them: «сентябрь, январь, май» gives
 * three months. Fills up to max pairs from[i]..to[i]; returns their
 * count, or 0 when the term is not understood.
 */
size_t nv_term_ranges(const char *s, int acyear, struct nv_date *from, struct nv_date *to,
		      size_t max);

#endif
