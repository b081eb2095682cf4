/* Unit tests for date.c: dates and academic years (terms: test_term.c). */
#include "common.h"

#include "buf.h"
#include "date.h"
#include "harness.h"

#define NBSP "\xc2\xa0"
#define EN   "\xe2\x80\x93"
#define EM   "\xe2\x80\x94"

/* Parse a date; the result as «ДД.ММ.ГГГГ», or «ошибка: reason». Static buffer. */
static const char *date_str(const char *s)
{
	static char out[256];
	struct nv_buf why = NV_BUF_INIT;
	struct nv_date d = { 0, 0, 0 };

	if (nv_date_parse_mem(s, strlen(s), &d, &why))
		snprintf(out, sizeof(out), "ошибка: %s", why.ptr);
	else
		snprintf(out, sizeof(out), "%02d.%02d.%04d", d.day, d.month, d.year);
	nv_buf_release(&why);
	return out;
}

static bool failed(const char *result)
{
	return !strncmp(result, "ошибка: ", strlen("ошибка: "));
}

static const char *acyear_str(const char *s)
{
	static char out[256];
	struct nv_buf why = NV_BUF_INIT;
	int start = -1;

	if (nv_acyear_parse_mem(s, strlen(s), &start, &why))
		snprintf(out, sizeof(out), "ошибка: %s", why.ptr);
	else
		snprintf(out, sizeof(out), "%d", start);
	nv_buf_release(&why);
	return out;
}

static struct nv_date mkdate(int y, int m, int d)
{
	struct nv_date x = { y, m, d };
	return x;
}

/* --- calendar ------------------------------------------------------------ */

static void test_leap_years_and_month_lengths(void)
{
	CHECK(nv_date_is_leap(2024));
	CHECK(!nv_date_is_leap(2025));
	CHECK(!nv_date_is_leap(1900));
	CHECK(nv_date_is_leap(2000));
	CHECK(!nv_date_is_leap(2100));
	CHECK_INT(nv_date_days_in_month(2025, 2), 28);
	CHECK_INT(nv_date_days_in_month(2024, 2), 29);
	CHECK_INT(nv_date_days_in_month(2025, 4), 30);
	CHECK_INT(nv_date_days_in_month(2025, 8), 31);
	CHECK_INT(nv_date_days_in_month(2025, 12), 31);
	CHECK_INT(nv_date_days_in_month(2025, 0), 0);
	CHECK_INT(nv_date_days_in_month(2025, 13), 0);
	CHECK(nv_date_valid(mkdate(2024, 2, 29)));
	CHECK(!nv_date_valid(mkdate(2025, 2, 29)));
	CHECK(!nv_date_valid(mkdate(1899, 12, 31)));
	CHECK(!nv_date_valid(mkdate(2101, 1, 1)));
	CHECK(!nv_date_valid(mkdate(2025, 9, 0)));
}

static void test_day_numbers_and_weekdays(void)
{
	struct nv_date d, back;
	long n, prev = 0;
	int y, m, day;

	CHECK_INT(nv_date_to_days(mkdate(1970, 1, 1)), 0);
	CHECK_INT(nv_date_to_days(mkdate(1969, 12, 31)), -1);
	CHECK_INT(nv_date_to_days(mkdate(2000, 3, 1)), 11017);
	CHECK_INT(nv_date_to_days(mkdate(2026, 8, 31)) - nv_date_to_days(mkdate(2025, 9, 1)) + 1,
		  365);
	CHECK_INT(nv_date_weekday(mkdate(1970, 1, 1)), 4);  /* Thursday */
	CHECK_INT(nv_date_weekday(mkdate(2025, 9, 1)), 1);  /* Monday */
	CHECK_INT(nv_date_weekday(mkdate(2025, 9, 28)), 7); /* Sunday */
	CHECK_INT(nv_date_weekday(mkdate(1900, 1, 1)), 1);
	/* every day of the supported range, both ways */
	for (y = NV_DATE_MIN_YEAR; y <= NV_DATE_MAX_YEAR; y++)
		for (m = 1; m <= 12; m++)
			for (day = 1; day <= nv_date_days_in_month(y, m); day++) {
				d = mkdate(y, m, day);
				n = nv_date_to_days(d);
				if (y != NV_DATE_MIN_YEAR || m != 1 || day != 1)
					CHECK_INT(n, prev + 1);
				back = nv_date_from_days(n);
				CHECK_INT(nv_date_cmp(back, d), 0);
				prev = n;
			}
}

static void test_compare(void)
{
	CHECK(nv_date_cmp(mkdate(2025, 9, 25), mkdate(2025, 9, 25)) == 0);
	CHECK(nv_date_cmp(mkdate(2025, 9, 24), mkdate(2025, 9, 25)) < 0);
	CHECK(nv_date_cmp(mkdate(2025, 10, 1), mkdate(2025, 9, 30)) > 0);
	CHECK(nv_date_cmp(mkdate(2024, 12, 31), mkdate(2025, 1, 1)) < 0);
	CHECK(nv_date_cmp(mkdate(2026, 1, 1), mkdate(2025, 12, 31)) > 0);
}

static void test_month_names(void)
{
	CHECK_STR(nv_date_month_name(9, NV_MONTH_NOMINATIVE), "сентябрь");
	CHECK_STR(nv_date_month_name(9, NV_MONTH_GENITIVE), "сентября");
	CHECK_STR(nv_date_month_name(5, NV_MONTH_PREPOSITIONAL), "мае");
	CHECK_STR(nv_date_month_name(1, NV_MONTH_GENITIVE), "января");
	CHECK(nv_date_month_name(0, NV_MONTH_GENITIVE) == NULL);
	CHECK(nv_date_month_name(13, NV_MONTH_NOMINATIVE) == NULL);
}

/* --- parsing dates ------------------------------------------------------- */

/* Found by tests/fuzz/fuzz_date.c: an ISO year 0 was taken as «no year» and the date accepted. */
static void test_iso_year_zero(void)
{
	CHECK_STR(date_str("0000-02-02"), "ошибка: год должен быть от 1900 до 2100");
	CHECK_STR(date_str("2025-02-02"), "02.02.2025");
}

static void test_parse_numeric(void)
{
	struct nv_date d = { 0, 0, 0 };

	CHECK_INT(nv_date_parse("25.09.2025", &d), 0);
	CHECK_INT(d.year, 2025);
	CHECK_INT(d.month, 9);
	CHECK_INT(d.day, 25);
	CHECK_STR(date_str("1.9.2025"), "01.09.2025");
	CHECK_STR(date_str("01.9.2025"), "01.09.2025");
	CHECK_STR(date_str("  30.08.2025\n"), "30.08.2025");
	CHECK_STR(date_str(NBSP "31.12.2099" NBSP), "31.12.2099");
	CHECK_STR(date_str("25.09.2025 г."), "25.09.2025");
	CHECK_STR(date_str("01.01.1900"), "01.01.1900");
	CHECK_STR(date_str("31.12.2100"), "31.12.2100");
}

static void test_parse_iso(void)
{
	CHECK_STR(date_str("2025-09-25"), "25.09.2025");
	CHECK_STR(date_str(" 2024-02-29 "), "29.02.2024");
	CHECK_STR(date_str("2025-9-1"), "01.09.2025");
	CHECK(failed(date_str("2025-02-29")));
	CHECK(failed(date_str("2025 - 09 - 25")));
	CHECK(failed(date_str("2025" EN "09" EN "25")));
}

static void test_parse_long(void)
{
	CHECK_STR(date_str("25 сентября 2025 г."), "25.09.2025");
	CHECK_STR(date_str("25 сентября 2025" NBSP "г."), "25.09.2025");
	CHECK_STR(date_str("25 сентября 2025г."), "25.09.2025");
	CHECK_STR(date_str("25 сентября 2025 года"), "25.09.2025");
	CHECK_STR(date_str("25 сентября 2025"), "25.09.2025");
	CHECK_STR(date_str("25 Сентября 2025 г."), "25.09.2025");
	CHECK_STR(date_str("1 ЯНВАРЯ 2026 Г."), "01.01.2026");
	CHECK_STR(date_str("05 мая 2025 г"), "05.05.2025");
	CHECK_STR(date_str("2 марта 2026 г."), "02.03.2026");
	CHECK_STR(date_str("31 декабря 2025 г."), "31.12.2025");
}

static void test_parse_invalid_calendar(void)
{
	CHECK_STR(date_str("31.02.2025"), "ошибка: в феврале 2025 года 28 дней");
	CHECK_STR(date_str("29.02.2025"), "ошибка: в феврале 2025 года 28 дней");
	CHECK_STR(date_str("30.02.2024"), "ошибка: в феврале 2024 года 29 дней");
	CHECK_STR(date_str("29.02.2024"), "29.02.2024");
	CHECK_STR(date_str("29.02.2000"), "29.02.2000");
	CHECK(failed(date_str("29.02.1900")));
	CHECK_STR(date_str("31.04.2025"), "ошибка: в апреле 30 дней");
	CHECK_STR(date_str("32.01.2025"), "ошибка: в январе 31 день");
	CHECK_STR(date_str("31 сентября 2025 г."), "ошибка: в сентябре 30 дней");
	CHECK_STR(date_str("00.09.2025"), "ошибка: день месяца должен быть от 1 до 30");
}

static void test_parse_bad_month_and_year(void)
{
	CHECK_STR(date_str("01.13.2025"), "ошибка: месяц должен быть от 1 до 12");
	CHECK_STR(date_str("01.00.2025"), "ошибка: месяц должен быть от 1 до 12");
	CHECK_STR(date_str("2025-13-01"), "ошибка: месяц должен быть от 1 до 12");
	CHECK_STR(date_str("01.09.1899"), "ошибка: год должен быть от 1900 до 2100");
	CHECK_STR(date_str("01.09.2101"), "ошибка: год должен быть от 1900 до 2100");
	CHECK_STR(date_str("01.09.25"), "ошибка: год должен быть записан четырьмя цифрами");
	CHECK_STR(date_str("1.9"), "ошибка: не указан год");
	CHECK_STR(date_str("25 сентября"), "ошибка: не указан год");
}

static void test_parse_garbage(void)
{
	struct nv_date d = { 1, 2, 3 };

	CHECK_INT(nv_date_parse("", &d), -1);
	CHECK_INT(nv_date_parse("   ", &d), -1);
	CHECK_INT(nv_date_parse("завтра", &d), -1);
	CHECK_INT(nv_date_parse("25.09.2025 abc", &d), -1);
	CHECK_INT(nv_date_parse("25.09.2025.", &d), -1);
	CHECK_INT(nv_date_parse("25.09.2025 25.09.2025", &d), -1);
	CHECK_INT(nv_date_parse("25/09/2025", &d), -1);
	CHECK_INT(nv_date_parse("2025", &d), -1);
	CHECK_INT(nv_date_parse("сентябрь 2025", &d), -1);
	CHECK_INT(nv_date_parse("25 . 09 . 2025", &d), -1);
	CHECK_INT(nv_date_parse("125.09.2025", &d), -1);
	CHECK_INT(nv_date_parse("\xff"
				"25.09.2025",
				&d),
		  -1);
	/* *out is untouched on failure */
	CHECK_INT(d.year, 1);
	CHECK_INT(d.month, 2);
	CHECK_INT(d.day, 3);
	CHECK_STR(date_str("завтра"),
		  "ошибка: ожидается дата в виде ДД.ММ.ГГГГ (например, 25.09.2025)");
	CHECK_STR(date_str(""),
		  "ошибка: дата не указана; ожидается дата в виде ДД.ММ.ГГГГ (например, "
		  "25.09.2025)");
	CHECK_STR(date_str("25.09.2025 abc"),
		  "ошибка: лишний текст после даты; ожидается дата в виде ДД.ММ.ГГГГ (например, "
		  "25.09.2025)");
	CHECK_STR(date_str("25 сентебря 2025"), "ошибка: неизвестный месяц «сентебря»");
	CHECK_STR(date_str("25 сентябрь 2025"),
		  "ошибка: в дате месяц пишется в родительном падеже: «сентября»");
	/* a length-limited view: the bytes after n are not looked at */
	CHECK_INT(nv_date_parse_mem("25.09.2025xyz", 10, &d, NULL), 0);
	CHECK_INT(d.day, 25);
}

/* --- printing ------------------------------------------------------------ */

static void test_print_styles(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_date_add(&b, mkdate(2025, 9, 25), NV_DATE_NUMERIC);
	CHECK_STR(b.ptr, "25.09.2025");
	nv_buf_reset(&b);
	nv_date_add(&b, mkdate(2025, 9, 5), NV_DATE_ISO);
	CHECK_STR(b.ptr, "2025-09-05");
	nv_buf_reset(&b);
	nv_date_add(&b, mkdate(2025, 9, 25), NV_DATE_LONG);
	CHECK_STR(b.ptr, "25 сентября 2025" NBSP "г.");
	nv_buf_reset(&b);
	nv_date_add(&b, mkdate(2026, 3, 2), NV_DATE_LONG);
	CHECK_STR(b.ptr, "02 марта 2026" NBSP "г.");
	nv_buf_reset(&b);
	/* appends, does not replace */
	nv_buf_adds(&b, "от ");
	nv_date_add(&b, mkdate(2025, 1, 1), NV_DATE_NUMERIC);
	CHECK_STR(b.ptr, "от 01.01.2025");
	nv_buf_reset(&b);
	/* nonsense month: numeric, no crash */
	nv_date_add(&b, mkdate(2025, 13, 1), NV_DATE_LONG);
	CHECK_STR(b.ptr, "01.13.2025");
	nv_buf_release(&b);
}

static void test_print_parse_round_trip(void)
{
	struct nv_buf b = NV_BUF_INIT;
	struct nv_date d, back;
	int style, m;

	for (style = NV_DATE_NUMERIC; style <= NV_DATE_LONG; style++)
		for (m = 1; m <= 12; m++) {
			d = mkdate(2024, m, nv_date_days_in_month(2024, m));
			nv_buf_reset(&b);
			nv_date_add(&b, d, (enum nv_date_style)style);
			CHECK_INT(nv_date_parse(b.ptr, &back), 0);
			CHECK_INT(nv_date_cmp(back, d), 0);
		}
	nv_buf_release(&b);
}

/* --- academic years ------------------------------------------------------ */

static void test_acyear_parse_forms(void)
{
	int y = 0;

	CHECK_INT(nv_acyear_parse("2025" EN "2026", &y), 0);
	CHECK_INT(y, 2025);
	CHECK_STR(acyear_str("2025-2026"), "2025");
	CHECK_STR(acyear_str("2025/2026"), "2025");
	CHECK_STR(acyear_str("2025" EM "2026"), "2025");
	CHECK_STR(acyear_str("2025 " EN " 2026"), "2025");
	CHECK_STR(acyear_str("2025" EN "2026 учебный год"), "2025");
	CHECK_STR(acyear_str("2025-2026 Учебный год"), "2025");
	CHECK_STR(acyear_str("2025-2026 уч. г."), "2025");
	CHECK_STR(acyear_str("2025-2026 уч.г."), "2025");
	CHECK_STR(acyear_str("2025-2026 г."), "2025");
	CHECK_STR(acyear_str("2025" EN "2026" NBSP "гг."), "2025");
	CHECK_STR(acyear_str("2025-26"), "2025");
	CHECK_STR(acyear_str("2099-00"), "2099");
	CHECK_STR(acyear_str(" 2024/2025 "), "2024");
}

static void test_acyear_errors(void)
{
	CHECK_STR(acyear_str("2025" EN "2027"),
		  "ошибка: второй год учебного года должен быть на единицу больше первого: "
		  "2025" EN "2026");
	CHECK(failed(acyear_str("2025-2025")));
	CHECK(failed(acyear_str("2026-2025")));
	CHECK(failed(acyear_str("2025-24")));
	CHECK_STR(acyear_str("2025"), "ошибка: ожидается учебный год в виде 2025" EN "2026");
	CHECK_STR(acyear_str(""), "ошибка: ожидается учебный год в виде 2025" EN "2026");
	CHECK_STR(acyear_str("2025-2026 что-то"),
		  "ошибка: лишний текст после учебного года; ожидается учебный год в виде "
		  "2025" EN "2026");
	CHECK_STR(acyear_str("1899-1900"), "ошибка: год должен быть от 1900 до 2100");
	CHECK_STR(acyear_str("2100-2101"), "ошибка: год должен быть от 1900 до 2100");
	CHECK(failed(acyear_str("2009-10-01")));
}

static void test_acyear_print_and_bounds(void)
{
	struct nv_buf b = NV_BUF_INIT;
	struct nv_date d;

	nv_acyear_add(&b, 2025);
	CHECK_STR(b.ptr, "2025" EN "2026");
	nv_buf_release(&b);
	d = nv_acyear_first(2025);
	CHECK(d.year == 2025 && d.month == 9 && d.day == 1);
	d = nv_acyear_last(2025);
	CHECK(d.year == 2026 && d.month == 8 && d.day == 31);
	CHECK_INT(nv_date_acyear(mkdate(2025, 9, 1)), 2025);
	CHECK_INT(nv_date_acyear(mkdate(2025, 12, 31)), 2025);
	CHECK_INT(nv_date_acyear(mkdate(2026, 1, 1)), 2025);
	CHECK_INT(nv_date_acyear(mkdate(2026, 8, 31)), 2025);
	CHECK_INT(nv_date_acyear(mkdate(2025, 8, 31)), 2024);
}

/* SOURCE_DATE_EPOCH: its day; unset, empty or not a number is no date. */
static void test_source_date(void)
{
	long long t = -1;

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1); /* 01.01.2026 00:00 UTC */
	CHECK(nv_source_date_epoch(&t));
	CHECK(t == 1767225600LL);
	CHECK_INT(nv_source_date().year, 2026);
	CHECK_INT(nv_source_date().month, 1);
	CHECK_INT(nv_source_date().day, 1);
	setenv("SOURCE_DATE_EPOCH", "12x", 1);
	CHECK(!nv_source_date_epoch(&t));
	CHECK_INT(nv_source_date().year, 0);
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	CHECK(!nv_source_date_epoch(&t));
	unsetenv("SOURCE_DATE_EPOCH");
	CHECK(!nv_source_date_epoch(&t));
	CHECK_INT(nv_source_date().year, 0);
}

/* A date of the calendar at the start of a text, a sentence's full stop after it. */
static void test_numeric_at(void)
{
	struct nv_date d = { 0, 0, 0 };

	CHECK_INT(nv_date_numeric_at("29.08.2025. Далее", 17, &d), 10);
	CHECK_INT(d.day, 29);
	CHECK_INT(d.month, 8);
	CHECK_INT(d.year, 2025);
	CHECK_INT(nv_date_numeric_at("1.9.2025 г.", 11, &d), 8);
	CHECK_INT(nv_date_numeric_at("31.09.2025", 10, &d), 0);
	CHECK_INT(nv_date_numeric_at("29.08.25", 8, &d), 0);
	CHECK_INT(nv_date_numeric_at("29.08.20251", 11, &d), 0);
}

/* A date shaped «ДД.ММ.ГГГГ» that no calendar has, and what is not one. */
static void test_impossible_at(void)
{
	struct nv_buf why = NV_BUF_INIT;

	CHECK_INT(nv_date_impossible_at("31.09.2025 г.", 13, &why), 10);
	CHECK_STR(why.ptr, "в сентябре 30 дней");
	nv_buf_reset(&why);
	CHECK_INT(nv_date_impossible_at("29.02.2025", 10, &why), 10);
	CHECK_STR(why.ptr, "в феврале 2025 года 28 дней");
	CHECK_INT(nv_date_impossible_at("1.13.2025", 9, NULL), 9);
	/* a real day, other shapes and numbers */
	CHECK_INT(nv_date_impossible_at("29.02.2024", 10, NULL), 0);
	CHECK_INT(nv_date_impossible_at("31.09.20255", 11, NULL), 0);
	CHECK_INT(nv_date_impossible_at("31.09.25", 8, NULL), 0);
	CHECK_INT(nv_date_impossible_at("131.09.2025", 11, NULL), 0);
	CHECK_INT(nv_date_impossible_at("3.1.", 4, NULL), 0);
	nv_buf_release(&why);
}

void nv_tests(void)
{
	NV_RUN(test_iso_year_zero);
	NV_RUN(test_leap_years_and_month_lengths);
	NV_RUN(test_day_numbers_and_weekdays);
	NV_RUN(test_compare);
	NV_RUN(test_month_names);
	NV_RUN(test_parse_numeric);
	NV_RUN(test_parse_iso);
	NV_RUN(test_parse_long);
	NV_RUN(test_parse_invalid_calendar);
	NV_RUN(test_parse_bad_month_and_year);
	NV_RUN(test_parse_garbage);
	NV_RUN(test_print_styles);
	NV_RUN(test_print_parse_round_trip);
	NV_RUN(test_acyear_parse_forms);
	NV_RUN(test_acyear_errors);
	NV_RUN(test_acyear_print_and_bounds);
	NV_RUN(test_source_date);
	NV_RUN(test_numeric_at);
	NV_RUN(test_impossible_at);
}
