/* Unit tests for term.c: roadmap terms read as date ranges. */
#include "common.h"

#include "buf.h"
#include "date.h"
#include "harness.h"
#include "term.h"

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

/* Parse a term with context ctx; «ДД.ММ.ГГГГ..ДД.ММ.ГГГГ» or «ошибка: reason». */
static const char *term_str(const char *s, int ctx)
{
	static char out[512];
	struct nv_buf why = NV_BUF_INIT;
	struct nv_date f = { 0, 0, 0 }, t = { 0, 0, 0 };

	if (nv_term_range(s, strlen(s), ctx, &f, &t, &why))
		snprintf(out, sizeof(out), "ошибка: %s", why.ptr);
	else
		snprintf(out, sizeof(out), "%02d.%02d.%04d..%02d.%02d.%04d", f.day, f.month, f.year,
			 t.day, t.month, t.year);
	nv_buf_release(&why);
	return out;
}

static bool failed(const char *result)
{
	return !strncmp(result, "ошибка: ", strlen("ошибка: "));
}

static struct nv_date mkdate(int y, int m, int d)
{
	struct nv_date x = { y, m, d };
	return x;
}

/* --- terms --------------------------------------------------------------- */

static void test_term_single_date(void)
{
	CHECK_STR(term_str("25.09.2025", 0), "25.09.2025..25.09.2025");
	CHECK_STR(term_str("1.9.2025", 0), "01.09.2025..01.09.2025");
	CHECK_STR(term_str("2025-09-25", 0), "25.09.2025..25.09.2025");
	CHECK_STR(term_str("25 сентября 2025 г.", 0), "25.09.2025..25.09.2025");
	CHECK_STR(term_str("25 сентября 2025" NBSP "года", 2025), "25.09.2025..25.09.2025");
	CHECK_STR(term_str("  20.12.2025 г.  ", 0), "20.12.2025..20.12.2025");
	/* a date without a year takes it from the academic year */
	CHECK_STR(term_str("25 сентября", 2025), "25.09.2025..25.09.2025");
	CHECK_STR(term_str("15.01", 2025), "15.01.2026..15.01.2026");
	CHECK(failed(term_str("15.01", 0)));
}

static void test_term_deadlines(void)
{
	CHECK_STR(term_str("до 15.09.2025", 0), "15.09.2025..15.09.2025");
	CHECK_STR(term_str("до 15.09.2025", 2025), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("Не позднее 15.09.2025", 2025), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("не позднее 15.09.2025 г.", 0), "15.09.2025..15.09.2025");
	CHECK_STR(term_str("к 01.10.2025", 2025), "01.09.2025..01.10.2025");
	CHECK_STR(term_str("до 25 мая", 2025), "01.09.2025..25.05.2026");
	CHECK_STR(term_str("до конца сентября", 2025), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("до конца февраля 2028", 2025), "01.09.2025..29.02.2028");
	CHECK_STR(term_str("до конца I полугодия", 2025), "01.09.2025..31.12.2025");
	CHECK_STR(term_str("до конца учебного года", 2025), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("не позднее мая 2026 г.", 2025), "01.09.2025..31.05.2026");
	/* a deadline before the academic year starts is a single day */
	CHECK_STR(term_str("до 30.08.2025", 2025), "30.08.2025..30.08.2025");
	/* a deadline alone does not set the academic year */
	CHECK(failed(term_str("до 25 мая", 0)));
	CHECK(failed(term_str("до мая", 2025)));
}

static void test_term_explicit_ranges(void)
{
	CHECK_STR(term_str("с 01.09.2025 по 30.09.2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("С 01.09.2025 г. по 30.09.2025 г.", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("01.09.2025 " EN " 30.09.2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("01.09.2025-30.09.2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("01.09.2025" EM "30.09.2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("2025-09-01 - 2025-09-30", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("с 1 по 15 сентября 2025 г.", 0), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("1" EN "15 сентября 2025", 0), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("01.09" EN "15.09.2025", 0), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("25 декабря " EN " 10 января 2026", 0), "25.12.2025..10.01.2026");
	CHECK_STR(term_str("с сентября по декабрь 2025 г.", 0), "01.09.2025..31.12.2025");
	CHECK_STR(term_str("с 01.09.2025 до 01.10.2025", 0), "01.09.2025..01.10.2025");
	CHECK_STR(term_str("с 1 по 15 сентября", 2025), "01.09.2025..15.09.2025");
	/* open start: to the end of the academic year when known */
	CHECK_STR(term_str("с 15.10.2025", 2025), "15.10.2025..31.08.2026");
	CHECK_STR(term_str("с 15.10.2025", 0), "15.10.2025..15.10.2025");
	CHECK_STR(term_str("с октября", 2025), "01.10.2025..31.08.2026");
}

static void test_term_month_with_year(void)
{
	CHECK_STR(term_str("Сентябрь 2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("сентябрь 2025 г.", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("Сентябрь 2024г.", 0), "01.09.2024..30.09.2024");
	CHECK_STR(term_str("Май 2025г", 0), "01.05.2025..31.05.2025");
	CHECK_STR(term_str("февраль 2024 года", 0), "01.02.2024..29.02.2024");
	CHECK_STR(term_str("февраль 2025", 0), "01.02.2025..28.02.2025");
	CHECK_STR(term_str("в сентябре 2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("ДЕКАБРЬ 2025" NBSP "г.", 0), "01.12.2025..31.12.2025");
	/* an explicit year wins over the academic year */
	CHECK_STR(term_str("Август 2024", 2025), "01.08.2024..31.08.2024");
}

static void test_term_month_without_year(void)
{
	CHECK_STR(term_str("Сентябрь", 2025), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("декабрь", 2025), "01.12.2025..31.12.2025");
	CHECK_STR(term_str("январь", 2025), "01.01.2026..31.01.2026");
	CHECK_STR(term_str("август", 2025), "01.08.2026..31.08.2026");
	CHECK_STR(term_str("в течение сентября", 2025), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("В течении февраля", 2027), "01.02.2028..29.02.2028");
	CHECK_STR(term_str("в мае", 2025), "01.05.2026..31.05.2026");
	CHECK_STR(term_str("сентябрь", 0),
		  "ошибка: в сроке не указан год, а учебный год документа неизвестен");
}

static void test_term_month_ranges(void)
{
	CHECK_STR(term_str("Май" EN "июнь 2026", 0), "01.05.2026..30.06.2026");
	CHECK_STR(term_str("сентябрь " EN " октябрь 2025", 0), "01.09.2025..31.10.2025");
	CHECK_STR(term_str("сентябрь-октябрь 2025 г.", 0), "01.09.2025..31.10.2025");
	CHECK_STR(term_str("Октябрь 2025 " EN " январь 2026", 0), "01.10.2025..31.01.2026");
	CHECK_STR(term_str("ноябрь " EM " январь 2026", 0), "01.11.2025..31.01.2026");
	CHECK_STR(term_str("октябрь 2025 - январь", 0), "01.10.2025..31.01.2026");
	CHECK_STR(term_str("сентябрь" EN "май", 2025), "01.09.2025..31.05.2026");
	CHECK_STR(term_str("январь-март", 2025), "01.01.2026..31.03.2026");
	CHECK_STR(term_str("июнь" EN "август", 2025), "01.06.2026..31.08.2026");
	CHECK_STR(term_str("август" EN "сентябрь", 2025), "01.08.2025..30.09.2025");
	CHECK_STR(term_str("декабрь - январь", 2025), "01.12.2025..31.01.2026");
	CHECK_STR(term_str("в течение сентября" EN "октября", 2025), "01.09.2025..31.10.2025");
	CHECK(failed(term_str("сентябрь" EN "май", 0)));
}

static void test_term_quarters(void)
{
	CHECK_STR(term_str("II квартал 2026 г.", 0), "01.04.2026..30.06.2026");
	CHECK_STR(term_str("2 квартал 2026", 0), "01.04.2026..30.06.2026");
	CHECK_STR(term_str("IV квартал 2025", 0), "01.10.2025..31.12.2025");
	CHECK_STR(term_str("I квартал 2026 года", 0), "01.01.2026..31.03.2026");
	CHECK_STR(term_str("1-й квартал 2026", 0), "01.01.2026..31.03.2026");
	CHECK_STR(term_str("III кв. 2026", 0), "01.07.2026..30.09.2026");
	CHECK_STR(term_str("I" EN "II квартал 2026", 0), "01.01.2026..30.06.2026");
	CHECK_STR(term_str("во II квартале 2026 г.", 0), "01.04.2026..30.06.2026");
	/* Cyrillic І typed for the Roman numeral */
	CHECK_STR(term_str("\xd0\x86\xd0\x86 квартал 2026", 0), "01.04.2026..30.06.2026");
	/* without a year: the quarter inside the academic year */
	CHECK_STR(term_str("IV квартал", 2025), "01.10.2025..31.12.2025");
	CHECK_STR(term_str("II квартал", 2025), "01.04.2026..30.06.2026");
	CHECK_STR(term_str("V квартал 2026", 0), "ошибка: номер квартала должен быть от I до IV");
	CHECK_STR(term_str("5 квартал", 2025), "ошибка: номер квартала должен быть от I до IV");
	CHECK(failed(term_str("II" EN "I квартал 2026", 0)));
	CHECK(failed(term_str("II квартал", 0)));
}

static void test_term_half_years(void)
{
	CHECK_STR(term_str("I полугодие 2025" EN "2026 учебного года", 0),
		  "01.09.2025..31.12.2025");
	CHECK_STR(term_str("II полугодие 2025-2026 уч. г.", 0), "01.01.2026..31.05.2026");
	CHECK_STR(term_str("1 полугодие", 2025), "01.09.2025..31.12.2025");
	CHECK_STR(term_str("II полугодие", 2025), "01.01.2026..31.05.2026");
	CHECK_STR(term_str("2-е полугодие учебного года", 2025), "01.01.2026..31.05.2026");
	CHECK_STR(term_str("в течение I полугодия", 2025), "01.09.2025..31.12.2025");
	CHECK_STR(term_str("I" EN "II полугодие", 2025), "01.09.2025..31.05.2026");
	/* with a single calendar year: the halves of that year */
	CHECK_STR(term_str("I полугодие 2026 г.", 0), "01.01.2026..30.06.2026");
	CHECK_STR(term_str("II полугодие 2026 г.", 0), "01.07.2026..31.12.2026");
	CHECK_STR(term_str("III полугодие", 2025), "ошибка: полугодие может быть только I или II");
	CHECK(failed(term_str("I полугодие 2025" EN "2027 учебного года", 0)));
	CHECK(failed(term_str("I полугодие", 0)));
}

static void test_term_school_quarters(void)
{
	CHECK_STR(term_str("I четверть", 2025), "01.09.2025..31.10.2025");
	CHECK_STR(term_str("во II четверти", 2025), "01.11.2025..31.12.2025");
	CHECK_STR(term_str("III четверть", 2025), "01.01.2026..31.03.2026");
	CHECK_STR(term_str("IV четверть 2025" EN "2026 уч. года", 0), "01.04.2026..31.05.2026");
}

static void test_term_whole_year(void)
{
	static const char *const all[] = {
		"В течение года",
		"в течение учебного года",
		"в течение всего учебного года",
		"в течение уч. г.",
		"ежемесячно",
		"Ежеквартально",
		"еженедельно",
		"постоянно",
		"систематически",
		"регулярно",
		"весь учебный год",
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(all); i++) {
		CHECK_STR(term_str(all[i], 2025), "01.09.2025..31.08.2026");
		CHECK(failed(term_str(all[i], 0)));
	}
	CHECK_STR(term_str("2025" EN "2026 учебный год", 0), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("в течение 2025-2026 учебного года", 0), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("2025/2026 уч. г.", 2030), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("в течение 2026 года", 0), "01.01.2026..31.12.2026");
	CHECK_STR(term_str("2025" EN "2027 гг.", 0), "01.01.2025..31.12.2027");
	CHECK(failed(term_str("2025" EN "2027", 0)));
}

static void test_term_lists(void)
{
	CHECK_STR(term_str("сентябрь, январь, май", 2025), "01.09.2025..31.05.2026");
	CHECK_STR(term_str("25.09.2025, 20.12.2025", 0), "25.09.2025..20.12.2025");
	CHECK_STR(term_str("20.12.2025; 25.09.2025", 0), "25.09.2025..20.12.2025");
	CHECK_STR(term_str("октябрь и март", 2025), "01.10.2025..31.03.2026");
	CHECK_STR(term_str("сентябрь 2025, II полугодие", 0), "01.09.2025..31.05.2026");
	/* bare months borrow the academic year of an item with a year */
	CHECK_STR(term_str("сентябрь, январь, май 2026", 0), "01.09.2025..31.05.2026");
	CHECK_STR(term_str("Декабрь 2025, январь", 0), "01.12.2025..31.01.2026");
	/* one bad item spoils the cell */
	CHECK(failed(term_str("сентябрь, по итогам", 2025)));
	CHECK(failed(term_str("25.09.2025, 31.02.2025", 0)));
}

/* Real «Сроки» cells of a school roadmap for 2024–2025 (shared/examples/004). */
static void test_term_real_cells(void)
{
	const char *cell = "Ноябрь 2024г.\n\nДекабрь 2024г.\n\n\n\nВ течение года\nМай 2025г.";

	CHECK_STR(term_str("Август 2024", 2024), "01.08.2024..31.08.2024");
	CHECK_STR(term_str("Сентябрь 2024г.", 2024), "01.09.2024..30.09.2024");
	CHECK_STR(term_str("Октябрь 2024г.", 2024), "01.10.2024..31.10.2024");
	CHECK_STR(term_str("Октябрь 2021г.", 2024), "01.10.2021..31.10.2021");
	CHECK_STR(term_str(cell, 2024), "01.09.2024..31.08.2025");
	/* without the document's academic year: taken from «Ноябрь 2024г.» */
	CHECK_STR(term_str(cell, 0), "01.09.2024..31.08.2025");
	CHECK_STR(term_str("Ноябрь 2024г.\n\nВ течение года\nМай 2025г.", 2024),
		  "01.09.2024..31.08.2025");
	CHECK_STR(term_str("Февраль 2025г.\nМарт 2025г.\n\nАпрель 2025г.", 2024),
		  "01.02.2025..30.04.2025");
	CHECK_STR(term_str("Апрель 2025г.\n\n\nМай 2025г\n\nИюнь 2025г.\n\nАвгуст 2025г.", 0),
		  "01.04.2025..31.08.2025");
	CHECK_STR(term_str("Май 2025г.", 2024), "01.05.2025..31.05.2025");
}

static void test_term_unparseable(void)
{
	static const char *const bad[] = {
		"",	"   ",	    "1 раз в четверть", "ежемесячно, до 25 числа",
		"2025", "15",	    "31.02.2025",	"сентябрь 2025 - по графику",
		"с 1",	"\xff\xfe",
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(bad); i++)
		CHECK(failed(term_str(bad[i], 2025)));
	CHECK_STR(term_str("по итогам", 2025),
		  "ошибка: срок не распознан: ожидается дата (15.09.2025), месяц (сентябрь "
		  "2025), квартал, полугодие или период «с … по …»");
	CHECK_STR(term_str("", 2025), "ошибка: срок не указан");
	CHECK_STR(term_str("до 31.02.2026", 2025), "ошибка: в феврале 2026 года 28 дней");
	CHECK_STR(term_str("29.02", 2025), "ошибка: в феврале 2026 года 28 дней");
	CHECK_STR(term_str("29.02", 2023), "29.02.2024..29.02.2024");
	CHECK_STR(term_str("30.09.2025 " EN " 01.09.2025", 0),
		  "ошибка: начало срока позже его конца");
}

static void test_term_struct(void)
{
	struct nv_term t = NV_TERM_INIT;
	struct nv_buf why = NV_BUF_INIT;

	CHECK(t.text == NULL && !t.parsed);
	CHECK_INT(nv_term_parse(&t, "Май" EN "июнь 2026", 0, NULL), 0);
	CHECK_STR(t.text, "Май" EN "июнь 2026");
	CHECK(t.parsed);
	CHECK_INT(nv_date_cmp(t.from, mkdate(2026, 5, 1)), 0);
	CHECK_INT(nv_date_cmp(t.to, mkdate(2026, 6, 30)), 0);
	/* reparsing replaces the text; a failure keeps it verbatim */
	CHECK_INT(nv_term_parse(&t, "  по согласованию  ", 2025, &why), -1);
	CHECK_STR(t.text, "  по согласованию  ");
	CHECK(!t.parsed);
	CHECK_INT(t.from.year, 0);
	CHECK_INT(t.to.day, 0);
	CHECK(why.len > 0);
	CHECK_INT(nv_term_parse(&t, NULL, 2025, NULL), -1);
	CHECK_STR(t.text, "");
	nv_term_release(&t);
	CHECK(t.text == NULL && !t.parsed);
	nv_term_release(&t);
	nv_term_release(NULL);
	nv_term_init(&t);
	CHECK_INT(nv_term_parse(&t, "ежемесячно", 2025, NULL), 0);
	CHECK_INT(nv_date_cmp(t.to, mkdate(2026, 8, 31)), 0);
	nv_term_release(&t);
	nv_buf_release(&why);
}

static void test_term_case_and_spaces(void)
{
	CHECK_STR(term_str("СЕНТЯБРЬ" EN "ОКТЯБРЬ 2025 Г.", 0), "01.09.2025..31.10.2025");
	CHECK_STR(term_str("сентябрь\xe2\x88\x92октябрь 2025", 0), "01.09.2025..31.10.2025");
	CHECK_STR(term_str("с\t01.09.2025\nпо\r\n30.09.2025", 0), "01.09.2025..30.09.2025");
	CHECK_STR(term_str("Ёжемесячно", 2025), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("в\xc2\xa0течение\xe2\x80\xaf"
			   "года",
			   2025),
		  "01.09.2025..31.08.2026");
}

static void test_term_long_and_strange_input(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *word;
	int i;

	/* many items: linear, covering range */
	for (i = 0; i < 2000; i++)
		nv_buf_adds(&b, i % 2 ? "сентябрь 2025, " : "май 2026; ");
	CHECK_STR(term_str(b.ptr, 0), "01.09.2025..31.05.2026");
	nv_buf_reset(&b);
	/* a very long word matches nothing and does not overflow */
	for (i = 0; i < 500; i++)
		nv_buf_adds(&b, "ы");
	word = b.ptr;
	CHECK(failed(term_str(word, 2025)));
	CHECK(failed(date_str(word)));
	nv_buf_reset(&b);
	nv_buf_adds(&b, "99999999999999999999.09.2025");
	CHECK(failed(term_str(b.ptr, 2025)));
	CHECK(failed(date_str(b.ptr)));
	CHECK(failed(term_str("до", 2025)));
	CHECK(failed(term_str("с", 2025)));
	CHECK(failed(term_str("в течение", 2025)));
	CHECK(failed(term_str("I", 2025)));
	CHECK(failed(term_str("-", 2025)));
	CHECK(failed(term_str("сентябрь -", 2025)));
	CHECK(failed(term_str("01.09.2025 -", 2025)));
	nv_buf_release(&b);
}

/*
 * Phrases («по мере необходимости», «в течение», «и» …) match whole words
 * in any letter case: a word that only starts like a phrase word, or
 * that a phrase word only starts, is not that word.
 */
/* Terms as schools write them: notes, recurrence, any dash, undated phrases. */
static void test_term_as_written(void)
{
	struct nv_term t = NV_TERM_INIT;
	struct nv_buf why = NV_BUF_INIT;

	/* a recurrence word adds no range of its own */
	CHECK_STR(term_str("Октябрь-ноябрь, ежегодно", 2023), "01.10.2023..30.11.2023");
	CHECK_STR(term_str("Сентябрь 2023 (ежегодно)", 0), "01.09.2023..30.09.2023");
	CHECK_STR(term_str("ежегодно", 2023), "01.09.2023..31.08.2024");
	/* ranges with any dash or hyphen */
	CHECK_STR(term_str("Октябрь-ноябрь", 2023), "01.10.2023..30.11.2023");
	CHECK_STR(term_str("Сентябрь - октябрь", 2023), "01.09.2023..31.10.2023");
	CHECK_STR(term_str("Сентябрь " EM " октябрь", 2023), "01.09.2023..31.10.2023");
	CHECK_STR(term_str("Сентябрь" EN "октябрь", 2023), "01.09.2023..31.10.2023");
	/* notes in parentheses */
	CHECK_STR(term_str("В течение года (по отдельному плану)", 2023), "01.09.2023..31.08.2024");
	CHECK_STR(term_str("сентябрь (по решению педсовета)", 2023), "01.09.2023..30.09.2023");
	CHECK_STR(term_str("сентябрь, по плану", 2023), "01.09.2023..30.09.2023");
	/* undated by design */
	CHECK_STR(term_str("По плану", 2023), "ошибка: срок без даты");
	CHECK_STR(term_str("По графику", 2023), "ошибка: срок без даты");
	CHECK_STR(term_str("По мере необходимости", 2023), "ошибка: срок без даты");
	CHECK_STR(term_str("(по согласованию)", 2023), "ошибка: срок без даты");

	CHECK(nv_term_parse(&t, "Сентябрь 2023 (ежегодно)", 0, &why) == 0);
	CHECK_STR(t.note, "ежегодно");
	CHECK(t.recur == NV_RECUR_YEARLY);
	CHECK(!t.undated);
	CHECK(nv_term_parse(&t, "Октябрь-ноябрь, ежеквартально", 2023, &why) == 0);
	CHECK(t.note == NULL);
	CHECK(t.recur == NV_RECUR_QUARTERLY);
	CHECK(nv_term_parse(&t, "ежемесячно (по графику)", 2023, &why) == 0);
	CHECK(t.recur == NV_RECUR_MONTHLY);
	CHECK_STR(t.note, "по графику");
	CHECK(nv_term_parse(&t, "По плану", 2023, &why) == -1);
	CHECK(t.undated);
	CHECK(t.recur == NV_RECUR_NONE);
	CHECK(nv_term_parse(&t, "В течние года", 2023, &why) == -1);
	CHECK(!t.undated);
	nv_term_release(&t);
	CHECK(t.note == NULL && t.text == NULL);
	nv_buf_release(&why);
}

/* Several dates of one term, each on its own. */
static void test_term_ranges(void)
{
	struct nv_date f[4], t[4];

	CHECK_INT((int)nv_term_ranges("сентябрь, январь, май", 2023, f, t, 4), 3);
	CHECK_INT(f[0].month, 9);
	CHECK_INT(f[0].year, 2023);
	CHECK_INT(t[1].month, 1);
	CHECK_INT(t[1].year, 2024);
	CHECK_INT(t[2].day, 31);
	CHECK_INT((int)nv_term_ranges("Октябрь-ноябрь, ежегодно", 2023, f, t, 4), 1);
	CHECK_INT(f[0].month, 10);
	CHECK_INT(t[0].month, 11);
	CHECK_INT((int)nv_term_ranges("01.09.2025, 02.09.2025, 03.09.2025, 04.09.2025, 05.09.2025",
				      0, f, t, 4),
		  4);
	CHECK_INT(f[3].day, 4);
	CHECK_INT((int)nv_term_ranges("По плану", 2023, f, t, 4), 0);
	CHECK_INT((int)nv_term_ranges("когда получится", 2023, f, t, 4), 0);
}

/* A parsed term keeps the ranges of its dates: a calendar needs no second parse. */
static void test_term_keeps_ranges(void)
{
	struct nv_term t = NV_TERM_INIT;
	struct nv_buf days = NV_BUF_INIT;
	int i;

	CHECK_INT(nv_term_parse(&t, "сентябрь, январь, май", 2023, NULL), 0);
	CHECK_INT(t.acyear, 2023);
	CHECK_INT((int)t.nranges, 3);
	CHECK(t.ranges != NULL);
	if (t.ranges) {
		CHECK_INT(nv_date_cmp(t.ranges[0], mkdate(2023, 9, 1)), 0);
		CHECK_INT(nv_date_cmp(t.ranges[1], mkdate(2023, 9, 30)), 0);
		CHECK_INT(nv_date_cmp(t.ranges[2], mkdate(2024, 1, 1)), 0);
		CHECK_INT(nv_date_cmp(t.ranges[5], mkdate(2024, 5, 31)), 0);
	}
	/* one range: from and to say it all */
	CHECK_INT(nv_term_parse(&t, "Октябрь-ноябрь, ежегодно", 2023, NULL), 0);
	CHECK_INT((int)t.nranges, 1);
	CHECK(t.ranges == NULL);
	CHECK_INT(nv_term_parse(&t, "По плану", 2024, NULL), -1);
	CHECK_INT(t.acyear, 2024);
	CHECK_INT((int)t.nranges, 0);
	CHECK(t.ranges == NULL);
	/* fourteen dates: the first NV_TERM_MAX_RANGES kept, as nv_term_ranges() gives them */
	for (i = 1; i <= 14; i++)
		nv_buf_addf(&days, "%s%02d.09.2025", i > 1 ? ", " : "", i);
	CHECK_INT(nv_term_parse(&t, days.ptr, 0, NULL), 0);
	CHECK_INT((int)t.nranges, NV_TERM_MAX_RANGES);
	CHECK(t.ranges != NULL);
	if (t.ranges)
		CHECK_INT(t.ranges[2 * NV_TERM_MAX_RANGES - 1].day, 12);
	nv_term_release(&t);
	CHECK(t.ranges == NULL && t.nranges == 0);
	nv_buf_release(&days);
}

static void test_term_phrase_words(void)
{
	CHECK_STR(term_str("ПО МЕРЕ НЕОБХОДИМОСТИ", 2025), "ошибка: срок без даты");
	CHECK_STR(term_str("Весь учебный год", 2025), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("в течение уч.г.", 2025), "01.09.2025..31.08.2026");
	CHECK_STR(term_str("Не позднее 15.09.2025", 2025), "01.09.2025..15.09.2025");
	CHECK_STR(term_str("сентябрь и октябрь 2025", 0), "01.09.2025..31.10.2025");
	CHECK(failed(term_str("по мере", 2025)));
	CHECK(failed(term_str("весь", 2025)));
	CHECK(failed(term_str("в течениее года", 2025)));
	CHECK(failed(term_str("не поздне 15.09.2025", 2025)));
	CHECK(failed(term_str("сентябрьи октябрь 2025", 0)));
	CHECK(failed(term_str("иван", 2025)));
}

void nv_tests(void)
{
	NV_RUN(test_term_single_date);
	NV_RUN(test_term_deadlines);
	NV_RUN(test_term_explicit_ranges);
	NV_RUN(test_term_month_with_year);
	NV_RUN(test_term_month_without_year);
	NV_RUN(test_term_month_ranges);
	NV_RUN(test_term_quarters);
	NV_RUN(test_term_half_years);
	NV_RUN(test_term_school_quarters);
	NV_RUN(test_term_whole_year);
	NV_RUN(test_term_lists);
	NV_RUN(test_term_real_cells);
	NV_RUN(test_term_unparseable);
	NV_RUN(test_term_struct);
	NV_RUN(test_term_case_and_spaces);
	NV_RUN(test_term_long_and_strange_input);
	NV_RUN(test_term_phrase_words);
	NV_RUN(test_term_as_written);
	NV_RUN(test_term_ranges);
	NV_RUN(test_term_keeps_ranges);
}
