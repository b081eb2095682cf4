/* Unit tests for md_pd.c: birth dates and СНИЛС written as text (nv_md_next_pd()). */
#include "common.h"
#include "harness.h"
#include "markdown.h"

/* What text has, as «B|S|C:quote» lines (birth date, СНИЛС, column), one per hit. */
static char *hits(const char *text)
{
	static char out[1024];
	struct nv_md_pd h;
	size_t at = 0, len = 0, n = strlen(text);

	out[0] = '\0';
	while (nv_md_next_pd(text, n, &at, &h))
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%c:%.*s\n",
					h.column  ? 'C'
					: h.snils ? 'S'
						  : 'B',
					(int)h.len, text + h.start);
	return out;
}

static void test_birth_dates(void)
{
	/* a date or a year before «г. р.», with or without spaces */
	CHECK_STR(hits("Мария, 12.03.2011 г. р., 7 класс"), "B:12.03.2011 г. р.\n");
	CHECK_STR(hits("Пётр (2010г.р.)"), "B:2010г.р.\n");
	CHECK_STR(hits("родилась 5 мая 2012 г.\u00A0р."), "B:5 мая 2012 г.\u00A0р.\n");
	/* «года рождения» after the year, «дата рождения» before the date */
	CHECK_STR(hits("ученица 2011 года рождения"), "B:2011 года рождения\n");
	CHECK_STR(hits("Дата рождения: 05.06.2010"), "B:Дата рождения: 05.06.2010\n");
	CHECK_STR(hits("год рождения – 2010."), "B:год рождения – 2010\n");
	CHECK_STR(hits("с датой рождения\n12 марта 2011 года"),
		  "B:датой рождения\n12 марта 2011\n");
	/* «д. р.» and the date after it */
	CHECK_STR(hits("Иванов (д. р. 01.02.1985)"), "B:д. р. 01.02.1985\n");
	/* two in one text, the bytes of a 16-byte block and of the tail */
	CHECK_STR(hits("Аня, 2012 г.р., и Оля, 2013 г.р."), "B:2012 г.р.\nB:2013 г.р.\n");
}

static void test_not_birth_dates(void)
{
	/* a school's and a club's «день рождения», an anniversary */
	CHECK_STR(hits("День рождения школы — 1 сентября 1965 года."), "");
	CHECK_STR(hits("Со дня рождения К. Д. Ушинского (1824) прошло 200 лет."), "");
	/* «г.» of a year, a word that starts with «р» after it */
	CHECK_STR(hits("В 2025 г. рост составил 40 %; 2025 г. р-н"), "");
	CHECK_STR(hits("к 2026 г., раньше срока"), "");
	/* «рождения» inside another word, a year that is none */
	CHECK_STR(hits("дата зарождения: 2011"), "");
	CHECK_STR(hits("год рождения: 1815"), "C:год рождения\n");
	/* «д.» ending another word, a number that is no year */
	CHECK_STR(hits("под. р. 12.03.2011"), "");
	CHECK_STR(hits("2011 г.р"), "B:2011 г.р\n");
	CHECK_STR(hits("12011 г. р."), "");
}

static void test_snils_and_columns(void)
{
	CHECK_STR(hits("СНИЛС № 123-456-789 01."), "S:СНИЛС № 123-456-789 01\n");
	CHECK_STR(hits("СНИЛС: 12345678901"), "S:СНИЛС: 12345678901\n");
	/* a marker without its value: a column or a form's field */
	CHECK_STR(hits("| ФИО | Дата рождения | СНИЛС |"), "C:Дата рождения\nC:СНИЛС\n");
	CHECK_STR(hits("копия СНИЛС (1 экз.)"), "C:СНИЛС\n");
	CHECK_STR(hits("СНИЛСЫ 123-456-789 01"), "");
}

static void test_values(void)
{
	size_t len = 0;

	CHECK_INT(nv_md_pd_value(" 12.03.2011 ", 12, false, &len), 1);
	CHECK_INT(len, 10);
	CHECK_INT(nv_md_pd_value(" 2011 ", 6, false, &len), 1);
	CHECK_INT(nv_md_pd_value(" 7 ", 3, false, &len), 3);
	CHECK_INT(nv_md_pd_value(" 123-456-789 01 ", 16, true, &len), 1);
	CHECK_INT(len, 14);
	CHECK_INT(nv_md_pd_value(" 123-45 ", 8, true, &len), 8);
}

static void test_fact(void)
{
	const char *yes = "Участник клуба — Мария, 12.03.2011 г. р.";
	const char *no = "Приказ от 29.08.2025 г. День рождения школы.";
	const char *column = "| ФИО | Дата рождения |";

	CHECK_INT(nv_md_text_facts(yes, strlen(yes)), NV_MD_TEXT_PD);
	CHECK_INT(nv_md_text_facts(no, strlen(no)), 0);
	/* a column is looked at by the check: a fact too */
	CHECK_INT(nv_md_text_facts(column, strlen(column)), NV_MD_TEXT_PD);
	CHECK_STR(hits(""), "");
}

void nv_tests(void)
{
	NV_RUN(test_birth_dates);
	NV_RUN(test_not_birth_dates);
	NV_RUN(test_snils_and_columns);
	NV_RUN(test_values);
	NV_RUN(test_fact);
}
