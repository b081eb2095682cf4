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
 * Roadmap terms are in term.h, which this header includes.
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

/* Today's date on this computer (local time), for new documents and projects. */
struct nv_date nv_date_today(void);

/*
 * SOURCE_DATE_EPOCH (reproducible builds): its seconds into *secs and
 * true; false when it is not set or not a non-negative number.
 */
bool nv_source_date_epoch(long long *secs);

/* The day of SOURCE_DATE_EPOCH, or year 0 when it is not set (see above). */
struct nv_date nv_source_date(void);
/*
 * The academic year new documents dated d are written for, as its first
 * year: from August on, the coming one (plans are made in August).
 */
int nv_acyear_for_new(struct nv_date d);

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
 * The length of a date of the calendar written «ДД.ММ.ГГГГ» at the start
 * of the n bytes at s (full stops after it, a sentence's, not counted),
 * into *d; 0 when there is none.
 */
size_t nv_date_numeric_at(const char *s, size_t n, struct nv_date *d);

/*
 * The length of a date written «ДД.ММ.ГГГГ» at the start of the n bytes
 * at s that is no day of the calendar («31.09.2025», «29.02.2025»), with
 * the reason appended to why («в сентябре 30 дней»); 0 for anything else.
 */
size_t nv_date_impossible_at(const char *s, size_t n, struct nv_buf *why);

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

#endif
