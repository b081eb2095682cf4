/*
 * date.h: calendar dates, academic years and roadmap terms, written the way
 * Russian methodologists write them.
 *
 * A date is a plain (year, month, day) triple with no time zone. Accepted
 * input: «25.09.2025» (also «1.9.2025»), ISO «2025-09-25», and the long
 * form «25 сентября 2025 г.» / «… 2025 года» / «… 2025». Years run from
 * NV_DATE_MIN_YEAR to NV_DATE_MAX_YEAR.
 *
 * An academic year is stored as its first calendar year: 2025 stands for
 * «2025–2026», which runs from 01.09.2025 to 31.08.2026.
 *
 * A term («срок» in a roadmap) is free text kept verbatim, plus the date
 * range it means when it could be understood: «до 15.09.2025», «Май–июнь
 * 2026», «II квартал 2026 г.», «В течение года»…
 *
 * Functions that explain a failure append a short Russian reason to a
 * struct nv_buf (e.g. «в феврале 2025 года 28 дней»), fit to be put after
 * a colon in a diagnostic. Nothing here prints.
 */
#ifndef NV_DATE_H
#define NV_DATE_H

#include "common.h"

#include "buf.h"

#define NV_DATE_MIN_YEAR 1900
#define NV_DATE_MAX_YEAR 2100

struct nv_date {
	int year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

enum nv_date_style {
	NV_DATE_NUMERIC, /* 25.09.2025 */
	NV_DATE_ISO,	 /* 2025-09-25 */
	NV_DATE_LONG,	 /* 25 сентября 2025 г. (non-breaking space before «г.») */
};

enum nv_month_form {
	NV_MONTH_NOMINATIVE,	/* сентябрь */
	NV_MONTH_GENITIVE,	/* сентября */
	NV_MONTH_PREPOSITIONAL, /* (в) сентябре */
};

/* --- calendar ------------------------------------------------------------ */

/* True if `year` is a leap year of the Gregorian calendar. */
bool nv_date_is_leap(int year);

/*
 * Number of days in `month` (1..12) of `year`, taking leap years into
 * account. Returns 0 when month is out of range.
 */
int nv_date_days_in_month(int year, int month);

/*
 * True if d is a real calendar day with a year between NV_DATE_MIN_YEAR
 * and NV_DATE_MAX_YEAR.
 */
bool nv_date_valid(struct nv_date d);

/* Compare two dates: negative if a is earlier than b, 0 if equal, positive if later. */
int nv_date_cmp(struct nv_date a, struct nv_date b);

/*
 * Day number of d: days since 01.01.1970 (negative before). Consecutive
 * days have consecutive numbers, so the length of a range from..to is
 * to_days(to) - to_days(from) + 1. d should be valid; any month 1..12 and
 * year in range give a well-defined (if meaningless) number.
 */
long nv_date_to_days(struct nv_date d);

/* The date with day number `days` (inverse of nv_date_to_days()). */
struct nv_date nv_date_from_days(long days);

/* Day of the week of a valid date: 1 = Monday … 7 = Sunday (ISO 8601). */
int nv_date_weekday(struct nv_date d);

/*
 * Academic year that d falls in, as its first year: 01.09.2025 and
 * 31.08.2026 both give 2025.
 */
int nv_date_acyear(struct nv_date d);

/*
 * Name of `month` (1..12) in the given grammatical form, lower case
 * («сентябрь», «сентября», «сентябре»). Returns a static string, or NULL
 * when month is out of range.
 */
const char *nv_date_month_name(int month, enum nv_month_form form);

/* --- dates --------------------------------------------------------------- */

/*
 * Parse the whole NUL-terminated string s as a date; white space (also
 * non-breaking) around it is allowed, anything else is not. Accepts
 * «ДД.ММ.ГГГГ» with one- or two-digit day and month, «ГГГГ-ММ-ДД», and
 * «25 сентября 2025», optionally followed by «г.», «года» or «год» (the
 * month in the genitive, any letter case). Validates the calendar.
 * Returns 0 and fills *out, or -1 leaving *out untouched.
 */
int nv_date_parse(const char *s, struct nv_date *out);

/*
 * As nv_date_parse() for the n bytes at s (not necessarily terminated).
 * On failure, when why is not NULL, appends a short Russian reason such
 * as «в феврале 2025 года 28 дней», «месяц должен быть от 1 до 12» or
 * «ожидается дата в виде ДД.ММ.ГГГГ…».
 */
int nv_date_parse_mem(const char *s, size_t n, struct nv_date *out, struct nv_buf *why);

/*
 * Append d to b in the given style. NV_DATE_LONG follows ГОСТ Р 7.0.97:
 * two-digit day, genitive month, and a non-breaking space (U+00A0)
 * between the year and «г.»: «05 сентября 2025 г.». A date with a month
 * out of range is always written numerically.
 */
void nv_date_add(struct nv_buf *b, struct nv_date d, enum nv_date_style style);

/* --- academic years ------------------------------------------------------ */

/*
 * Parse the whole string s as an academic year: «2025–2026», «2025-2026»,
 * «2025/2026», «2025—2026» or the short «2025-26», optionally followed by
 * «учебный год», «уч. г.», «г.» and similar. The second year must follow
 * the first. Stores the first year in *start and returns 0, or returns -1.
 */
int nv_acyear_parse(const char *s, int *start);

/*
 * As nv_acyear_parse() for n bytes at s; on failure appends a Russian
 * reason to why when it is not NULL.
 */
int nv_acyear_parse_mem(const char *s, size_t n, int *start, struct nv_buf *why);

/* Append «2025–2026» (with an en dash) for start = 2025. */
void nv_acyear_add(struct nv_buf *b, int start);

/* First day of academic year `start`: 01.09.start. */
struct nv_date nv_acyear_first(int start);

/* Last day of academic year `start`: 31.08.(start + 1). */
struct nv_date nv_acyear_last(int start);

/* --- roadmap terms ------------------------------------------------------- */

/*
 * A «срок» cell. text is the verbatim cell text, owned by the term (NULL
 * after init). When parsed is true, from..to (inclusive) is the range the
 * text means; when false, from and to are zero.
 */
struct nv_term {
	char *text;
	bool parsed;
	struct nv_date from, to;
};

/* clang-format off */
#define NV_TERM_INIT { NULL, false, { 0, 0, 0 }, { 0, 0, 0 } }
/* clang-format on */

/* Set t up empty (text NULL, not parsed). */
void nv_term_init(struct nv_term *t);

/* Free t's text and leave it as after nv_term_init(). Accepts NULL. */
void nv_term_release(struct nv_term *t);

/*
 * Store a copy of `text` in t (freeing any previous text; NULL counts as
 * "") and parse it into a range with nv_term_range(). `acyear` is the
 * first year of the document's academic year, or 0 when unknown. Returns
 * 0 when parsed, -1 otherwise; in both cases t->text holds the copy. On
 * failure, appends a Russian reason to why when it is not NULL.
 */
int nv_term_parse(struct nv_term *t, const char *text, int acyear, struct nv_buf *why);

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
 *  - «В течение года», «в течение учебного года», «ежемесячно»,
 *    «ежеквартально», «еженедельно», «постоянно», «систематически»,
 *    «регулярно», «по мере необходимости» and similar: the whole
 *    academic year;
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

#endif
