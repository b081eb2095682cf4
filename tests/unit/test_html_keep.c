/* Unit tests for html_keep.c: requisites kept on one line on the web. */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "html_keep.h"

#define NB    "\xC2\xA0"
#define OPEN  "<span class=\"nobr\">"
#define CLOSE "</span>"
#define RANGE "<span class=\"nowrap\">"
#define EN    "\xE2\x80\x93"

/* s with requisites kept, the names given, escaped as templates escape. */
static char *keep(const char *s, const char *const *names, size_t n)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_html_add_keep(&b, s, names, n, nv_buf_add_html);
	return nv_buf_detach(&b, NULL);
}

#define KEEP(s, names, n, want)                                                                 \
	do {                                                                                    \
		const char *s_ = (s);                                                           \
		char *got_ = keep(s_, (names), (n));                                            \
		bool ok_ = !strcmp(got_, (want));                                               \
		if (!ok_)                                                                       \
			nv_test_failed(__FILE__, __LINE__, "«%s»:\n  got:  «%s»\n  want: «%s»", \
				       s_ ? s_ : "(null)", got_, (want));                       \
		free(got_);                                                                     \
		if (!ok_)                                                                       \
			return;                                                                 \
	} while (0)

static void test_number_with_hyphen(void)
{
	KEEP("от 29.08.2025 №" NB "212-ад", NULL, 0, "от 29.08.2025 " OPEN "№" NB "212-ад" CLOSE);
	KEEP("№ 212-ад, № Р-145; №" NB "1-пс.", NULL, 0,
	     OPEN "№ 212-ад" CLOSE ", " OPEN "№ Р-145" CLOSE "; " OPEN "№" NB "1-пс" CLOSE ".");
	/* The number ends at a closing quote or bracket. */
	KEEP("(«СОШ №" NB "3»)", NULL, 0, "(«СОШ " OPEN "№" NB "3" CLOSE "»)");
}

static void test_sign_alone(void)
{
	KEEP("№", NULL, 0, "№");
	KEEP("№ п/п", NULL, 0, "№ п/п"); /* a column's name: no number after the sign */
	KEEP("№ 7а", NULL, 0, OPEN "№ 7а" CLOSE);
	KEEP("№ ", NULL, 0, "№ ");
	KEEP("№12", NULL, 0, "№12");
	KEEP(NULL, NULL, 0, "");
}

static void test_names(void)
{
	const char *const names[] = { NULL, "", "МБДОУ «ДС» № 35" };

	/* A space of the name matches a no-break space of the text. */
	KEEP("приказом МБДОУ «ДС» №" NB "35 от 29.08.2025 № 212-ад", names, 3,
	     "приказом " OPEN "МБДОУ «ДС» №" NB "35" CLOSE " от 29.08.2025 " OPEN "№ 212-ад" CLOSE);
	KEEP("Заведующий МБДОУ «ДС» № 35", names, 3, "Заведующий " OPEN "МБДОУ «ДС» № 35" CLOSE);
	/* Only the whole name: a shorter one is a number alone. */
	KEEP("МБДОУ «ДС» № 3", names, 3, "МБДОУ «ДС» " OPEN "№ 3" CLOSE);
}

/* Long texts are searched 16 places at a time: matches in the blocks and in the tail. */
static void test_long_text(void)
{
	const char *const names[] = { "ДС «Радуга»", "Z корпус" };

	KEEP("в тексте длиннее шестнадцати байт: ДС «Радуга», Z корпус и №" NB
	     "5; конец ДС «Радуга»",
	     names, 2,
	     "в тексте длиннее шестнадцати байт: " OPEN "ДС «Радуга»" CLOSE ", " OPEN
	     "Z корпус" CLOSE " и " OPEN "№" NB "5" CLOSE "; конец " OPEN "ДС «Радуга»" CLOSE);
	KEEP("Z Z Z Z Z Z Z Z Z Z Z Z Z Z корпус ДС ДС «Радуга", names, 2,
	     "Z Z Z Z Z Z Z Z Z Z Z Z Z " OPEN "Z корпус" CLOSE " ДС ДС «Радуга");
}

static void test_escaping(void)
{
	const char *const names[] = { "ООО \"Р&К\"" };

	KEEP("<b> & ООО \"Р&К\" № 1<2", names, 1,
	     "&lt;b&gt; &amp; " OPEN "ООО &quot;Р&amp;К&quot;" CLOSE " " OPEN "№ 1" CLOSE "&lt;2");
}

/* A range of numbers is kept whole with its digits; a dash between words or spaced is not. */
static void test_ranges(void)
{
	const char *const names[] = { "СОШ № 14" };

	KEEP("на 2025" EN "2026 учебный год", NULL, 0,
	     "на " RANGE "2025" EN "2026" CLOSE " учебный год");
	KEEP("5" EN "11 классов, пп. 3.1" EN "3.4", NULL, 0,
	     RANGE "5" EN "11" CLOSE " классов, пп. 3." RANGE "1" EN "3" CLOSE ".4");
	KEEP("ученик " EN " ученик, сентябрь" EN "октябрь, 5 " EN " 7, " EN "3, 4" EN, NULL, 0,
	     "ученик " EN " ученик, сентябрь" EN "октябрь, 5 " EN " 7, " EN "3, 4" EN);
	/* Beside a number kept, and inside one: «№ 5–7» is the number's. */
	KEEP("№ 12" EN "14 и 1" EN "2", NULL, 0,
	     OPEN "№ 12" EN "14" CLOSE " и " RANGE "1" EN "2" CLOSE);
	KEEP("в СОШ № 14" EN "15 годы 2024" EN "2025 в длинном тексте", names, 1,
	     "в " OPEN "СОШ № 14" CLOSE EN "15 годы " RANGE "2024" EN "2025" CLOSE
	     " в длинном тексте");
}

/* A number ends at each of the characters after which no number goes on, and only there. */
static void test_number_ends(void)
{
	KEEP("№ 5 а", NULL, 0, OPEN "№ 5" CLOSE " а");
	KEEP("№ 5\tа", NULL, 0, OPEN "№ 5" CLOSE "\tа");
	KEEP("№ 5\nа", NULL, 0, OPEN "№ 5" CLOSE "\nа");
	KEEP("№ 5\rа", NULL, 0, OPEN "№ 5" CLOSE "\rа");
	KEEP("№ 5, а; № 6: б (№ 7)", NULL, 0,
	     OPEN "№ 5" CLOSE ", а; " OPEN "№ 6" CLOSE ": б (" OPEN "№ 7" CLOSE ")");
	KEEP("«№ 5» и „№ 6“ и №" NB "7" NB "от", NULL, 0,
	     "«" OPEN "№ 5" CLOSE "» и „" OPEN "№ 6" CLOSE "“ и " OPEN "№" NB "7" CLOSE NB "от");
	KEEP("\"№ 5\" №" NB "7&", NULL, 0,
	     "&quot;" OPEN "№ 5" CLOSE "&quot; " OPEN "№" NB "7" CLOSE "&amp;");
	KEEP("№ 5<b>", NULL, 0, OPEN "№ 5" CLOSE "&lt;b&gt;");
	/* Not at other characters of the same first bytes: «№ 5·6», «№ 5…» go on. */
	KEEP("№ 5\xC2\xB7"
	     "6 №" NB "5\xE2\x80\xA6",
	     NULL, 0,
	     OPEN "№ 5\xC2\xB7"
		  "6" CLOSE " " OPEN "№" NB "5\xE2\x80\xA6" CLOSE);
}

void nv_tests(void)
{
	NV_RUN(test_number_with_hyphen);
	NV_RUN(test_number_ends);
	NV_RUN(test_sign_alone);
	NV_RUN(test_names);
	NV_RUN(test_long_text);
	NV_RUN(test_escaping);
	NV_RUN(test_ranges);
}
