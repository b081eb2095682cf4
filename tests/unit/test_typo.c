/* Unit tests for typo.c: Russian typography and slugs. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "typo.h"
#include "utf8.h"

/* U+00A0 NO-BREAK SPACE; a literal of its own so hex digits after it stay text. */
#define NB "\xC2\xA0"

/*
 * Check that typesetting `in` as one block gives `want`, and that
 * typesetting the result again changes nothing.
 */
static bool typo_is(const char *file, int line, const char *in, const char *want)
{
	char *got = nv_typo_str(in), *again = nv_typo_str(got);
	bool ok = true;

	if (strcmp(got, want))
		ok = nv_test_failed(file, line, "typo «%s»:\n  got:  «%s»\n  want: «%s»", in, got,
				    want);
	else if (strcmp(again, got))
		ok = nv_test_failed(file, line, "not idempotent: «%s» → «%s»", got, again);
	free(got);
	free(again);
	return ok;
}

#define TYPO(in, want)                                          \
	do {                                                    \
		if (!typo_is(__FILE__, __LINE__, (in), (want))) \
			return;                                 \
	} while (0)

/* Typeset the pieces as consecutive text nodes of one block. */
static char *typo_pieces(const char *const *pieces, size_t nr)
{
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st;
	size_t i;

	nv_typo_init(&st);
	for (i = 0; i < nr; i++)
		nv_typo(&out, pieces[i], strlen(pieces[i]), &st);
	return nv_buf_detach(&out, NULL);
}

static void test_quotes_outer(void)
{
	TYPO("\"Школа\"", "«Школа»");
	TYPO("приказ \"О внедрении\".", "приказ «О" NB "внедрении».");
	TYPO("(\"а\") [\"б\"] {\"в\"}", "(«а») [«б»] {«в»}");
	TYPO("слово — \"цитата\"", "слово" NB "— «цитата»");
}

static void test_quotes_nested(void)
{
	TYPO("\"Школа \"Радуга\"\"", "«Школа „Радуга“»");
	TYPO("МБОУ \"СОШ \"Гимназия \"Лицей\"\"\"", "МБОУ «СОШ „Гимназия „Лицей““»");
	TYPO("\"\"Радуга\" школа\"", "«„Радуга“ школа»");
}

static void test_quotes_existing_count_for_nesting(void)
{
	TYPO("«Школа \"Радуга\"»", "«Школа „Радуга“»");
	TYPO("«Школа „Радуга\"\"", "«Школа „Радуга“»");
	TYPO("«готово» и \"ещё\"", "«готово» и" NB "«ещё»");
	/* English quotes are Russian ones; a «“» closing „…“ stays */
	TYPO("“x” \"y\"", "«x» «y»");
	TYPO("«Школа “Радуга”»", "«Школа „Радуга“»");
	TYPO("„немецкие“ и “английские”", "„немецкие“ и" NB "«английские»");
}

static void test_quotes_unmatched(void)
{
	TYPO("конец\"", "конец»");
	TYPO("\"начало", "«начало");
	TYPO("a \" b", "a « b");
}

static void test_quotes_across_pieces(void)
{
	const char *const p1[] = { "\"Школа ", "\"Радуга\"", "\"" };
	const char *const p2[] = { "\"x", "\" и \"y\"" };
	char *s;

	s = typo_pieces(p1, NV_ARRAY_SIZE(p1));
	CHECK_STR(s, "«Школа „Радуга“»");
	free(s);
	s = typo_pieces(p2, NV_ARRAY_SIZE(p2));
	CHECK_STR(s, "«x» и" NB "«y»");
	free(s);
}

static void test_quotes_after_opaque(void)
{
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st = NV_TYPO_STATE_INIT;

	/* "`code`" : the code span in between is a non-space character */
	nv_typo(&out, "\"", 1, &st);
	nv_typo_feed(&st, NV_TYPO_OPAQUE);
	nv_typo(&out, "\" и ", 5, &st);
	nv_typo_feed(&st, ' ');
	nv_typo(&out, "\"x\"", 3, &st);
	CHECK_STR(out.ptr, "«» и" NB "«x»");
	nv_buf_release(&out);
}

static void test_state_reset(void)
{
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st;

	nv_typo_init(&st);
	nv_typo(&out, "\"a \"b", 5, &st);
	CHECK_INT(st.depth, 2);
	nv_typo_init(&st);
	CHECK_INT(st.depth, 0);
	CHECK_INT(st.prev, 0);
	nv_buf_reset(&out);
	nv_typo(&out, "\"c\"", 3, &st);
	CHECK_STR(out.ptr, "«c»");
	nv_buf_release(&out);
}

static void test_dash_between_spaces(void)
{
	TYPO("Наставник - это педагог", "Наставник" NB "— это педагог");
	TYPO("Наставник -- это педагог", "Наставник" NB "— это педагог");
	TYPO("Наставник — это педагог", "Наставник" NB "— это педагог");
	TYPO("Наставник --- это педагог", "Наставник" NB "— это педагог");
	TYPO("Наставник" NB "— это педагог", "Наставник" NB "— это педагог");
	TYPO("2025 - 2026", "2025–2026");
	TYPO("а\t- б", "а" NB "— б");
}

static void test_dash_without_spaces(void)
{
	TYPO("во-первых, кто-то, из-за", "во-первых, кто-то, из-за");
	TYPO("слово--слово", "слово—слово");
	TYPO("слово---слово", "слово—слово");
	TYPO("а ---- б", "а" NB "---- б");
	TYPO("а -б, а- б", "а" NB "-б, а- б");
	TYPO("от -5 до -10 °C", "от" NB "-5 до" NB "-10" NB "°C");
	TYPO("a --> b <-- c", "a --> b <-- c");
	TYPO("итого -", "итого -");
}

static void test_dash_at_block_start(void)
{
	TYPO("— Здравствуйте!", "— Здравствуйте!");
	TYPO("-- Здравствуйте!", "— Здравствуйте!");
	TYPO("- Здравствуйте!", "— Здравствуйте!");
	TYPO("-", "-");
	TYPO("-5", "-5");
}

static void test_dash_across_pieces(void)
{
	const char *const p1[] = { "Срок", " - до 1 мая" };
	const char *const p2[] = { "Срок ", "— до 1 мая" };
	char *s;

	s = typo_pieces(p1, NV_ARRAY_SIZE(p1));
	CHECK_STR(s, "Срок" NB "— до" NB "1" NB "мая");
	free(s);
	/* the space is in the other piece: it cannot change, the dash still may not start */
	s = typo_pieces(p2, NV_ARRAY_SIZE(p2));
	CHECK_STR(s, "Срок — до" NB "1" NB "мая");
	free(s);
}

static void test_starts_dash(void)
{
	CHECK(nv_typo_starts_dash("- это", 6));
	CHECK(nv_typo_starts_dash("-- это", 7));
	CHECK(nv_typo_starts_dash("--- это", 8));
	CHECK(nv_typo_starts_dash("— это", strlen("— это")));
	CHECK(nv_typo_starts_dash("—" NB "это", strlen("—" NB "это")));
	CHECK(!nv_typo_starts_dash("---- это", 9));
	CHECK(!nv_typo_starts_dash("-это", 7));
	CHECK(nv_typo_starts_dash("–  это", strlen("–  это")));
	CHECK(!nv_typo_starts_dash("–это", strlen("–это")));
	CHECK(!nv_typo_starts_dash("-", 1));
	CHECK(!nv_typo_starts_dash("", 0));
}

static void test_number_ranges(void)
{
	TYPO("2025-2026 учебный год", "2025–2026" NB "учебный год");
	TYPO("1-4 классы", "1–4" NB "классы");
	TYPO("для 5-9 классов, в 1-4-х классах", "для 5–9" NB "классов, в" NB "1–4-х классах");
	TYPO("с 9:00-10:30", "с" NB "9:00–10:30");
	TYPO("(2025-2026)", "(2025–2026)");
}

static void test_number_codes_keep_hyphens(void)
{
	TYPO("07-01-05-503", "07-01-05-503");
	TYPO("2025-09-01", "2025-09-01");
	TYPO("8-800-555-35-35", "8-800-555-35-35");
	TYPO("п. 1.1-1.3", "п. 1.1-1.3");
	TYPO("Р-145, АЗ-1128/08, 41-од", "Р-145, АЗ-1128/08, 41-од");
	TYPO("+7-912", "+7-912");
	TYPO("1,5-2", "1,5-2");
	TYPO("A1-2", "A1-2");
}

static void test_number_ranges_across_pieces(void)
{
	const char *const p[] = { "2025", "-2026" };
	char *s = typo_pieces(p, NV_ARRAY_SIZE(p));

	CHECK_STR(s, "2025–2026");
	free(s);
}

static void test_numero(void)
{
	TYPO("№ 12", "№" NB "12");
	TYPO("№12", "№" NB "12");
	TYPO("№№ 1-5", "№№" NB "1-5");
	TYPO("№   7", "№" NB "7");
	TYPO("№ п/п", "№" NB "п/п");
	TYPO("приказ № 07-01-05-503 от", "приказ №" NB "07-01-05-503 от");
	TYPO("№ 5-1 и 2-3", "№" NB "5-1 и" NB "2–3");
	TYPO("№", "№");
}

static void test_initials_before_surname(void)
{
	TYPO("И. О. Фамилия", "И." NB "О." NB "Фамилия");
	TYPO("И.О. Фамилия", "И." NB "О." NB "Фамилия");
	TYPO("директор И.И. Петрова-Водкина", "директор И." NB "И." NB "Петрова-Водкина");
	TYPO("J. R. Tolkien", "J." NB "R." NB "Tolkien");
}

static void test_initials_after_surname(void)
{
	TYPO("Фамилия И. О.", "Фамилия" NB "И." NB "О.");
	TYPO("Фамилия И.О.", "Фамилия" NB "И." NB "О.");
	TYPO("Иванов И.И., Петров П. П.", "Иванов" NB "И." NB "И., Петров" NB "П." NB "П.");
	TYPO("(Ёлкина Е.Е.)", "(Ёлкина" NB "Е." NB "Е.)");
	TYPO("Петрова-Водкина А.А.", "Петрова-Водкина" NB "А." NB "А.");
}

static void test_initials_belong_to_next_name(void)
{
	TYPO("Директор И.О. Фамилия", "Директор И." NB "О." NB "Фамилия");
	TYPO("Приказ подписал Директор И. О. Фамилия",
	     "Приказ подписал Директор И." NB "О." NB "Фамилия");
}

static void test_not_initials(void)
{
	TYPO("И.о. директора", "И.о. директора");
	TYPO("и. о. директора", "и. о. директора");
	TYPO("ИО. Петров", "ИО. Петров");
	TYPO("А. Пушкин", "А. Пушкин");
	TYPO("Иванов и др.", "Иванов и" NB "др.");
	TYPO("И.О.Фамилия", "И.О.Фамилия");
	TYPO("в пункте А. Б. в", "в" NB "пункте А. Б. в");
}

static void test_year_abbreviation(void)
{
	TYPO("2025 г.", "2025" NB "г.");
	TYPO("2025г.", "2025" NB "г.");
	TYPO("25 сентября 2023 г. в", "25" NB "сентября 2023" NB "г. в");
	TYPO("2025-2026 гг.", "2025–2026" NB "гг.");
	TYPO("25.09.2023 г.", "25.09.2023" NB "г.");
	TYPO("2025 года", "2025" NB "года");
	TYPO("2025 г", "2025" NB "г");
	TYPO("150 г. муки", "150" NB "г. муки");
}

static void test_year_across_pieces(void)
{
	const char *const p[] = { "2025", " г." };
	char *s = typo_pieces(p, NV_ARRAY_SIZE(p));

	CHECK_STR(s, "2025" NB "г.");
	free(s);
}

static void test_short_words_glue(void)
{
	TYPO("в школе и дома", "в" NB "школе и" NB "дома");
	TYPO("А также С другой К тому О чём У нас Я сам",
	     "А" NB "также С" NB "другой К" NB "тому О" NB "чём У" NB "нас Я" NB "сам");
	TYPO("на уроке по плану за год из них от нас до мая не все но и ни один",
	     "на" NB "уроке по" NB "плану за" NB "год из" NB "них от" NB "нас до" NB "мая не" NB
	     "все но" NB "и" NB "ни" NB "один");
	TYPO("во дворе со школой об этом ко мне",
	     "во" NB "дворе со" NB "школой об" NB "этом ко" NB "мне");
	TYPO("НА ОСНОВЕ О НАСТАВНИЧЕСТВЕ", "НА" NB "ОСНОВЕ О" NB "НАСТАВНИЧЕСТВЕ");
	TYPO("в  два пробела", "в" NB "два пробела");
	TYPO("(в школе) «и дома»", "(в" NB "школе) «и" NB "дома»");
	/* particles that go with the word before, other short words: no change */
	TYPO("он же ли бы то да мы", "он же ли бы то да мы");
	/* at a line's end, before a dash, with no blank, a letter b (Latin) */
	TYPO("в\nшколе", "в\nшколе");
	TYPO("а - б", "а" NB "— б");
	TYPO("в.", "в.");
	TYPO("b c", "b c");
	TYPO("из-за", "из-за");
	/* long words are read eight letters at a time: their ends are found all the same */
	TYPO("преподавательница в школе, наставничество и дополнительное образование с детьми",
	     "преподавательница в" NB "школе, наставничество и" NB "дополнительное образование "
	     "с" NB "детьми");
	TYPO("высокопрофессиональные - слова", "высокопрофессиональные" NB "— слова");
}

static void test_short_words_across_pieces(void)
{
	const char *const p[] = { "в ", "школе" };
	char *s = typo_pieces(p, NV_ARRAY_SIZE(p));

	CHECK_STR(s, "в" NB "школе");
	free(s);
}

static void test_number_and_unit(void)
{
	TYPO("10 %", "10" NB "%");
	TYPO("36 часов, 5 человек", "36" NB "часов, 5" NB "человек");
	TYPO("25 сентября 2025 г.", "25" NB "сентября 2025" NB "г.");
	TYPO("до 10.03.2026 разместить", "до" NB "10.03.2026 разместить");
	/* a short word after a number, a capital, a sign: no change */
	TYPO("5 и 6", "5 и" NB "6");
	TYPO("пункт 5 Положения", "пункт 5 Положения");
	TYPO("школа 2025 Итоги", "школа 2025 Итоги");
}

static void test_spaced_ranges(void)
{
	TYPO("2025 - 2026", "2025–2026");
	TYPO("2025 – 2026 учебный год", "2025–2026" NB "учебный год");
	TYPO("9:00 - 10:30", "9:00–10:30");
	TYPO("01.09.2025 - 31.05.2026", "01.09.2025–31.05.2026");
	TYPO("01.10.2025 – 15.10.2025", "01.10.2025–15.10.2025");
	TYPO("п. 1.2 - 5 пунктов", "п. 1.2" NB "— 5" NB "пунктов");
}

static void test_month_ranges(void)
{
	TYPO("Октябрь-ноябрь, ежегодно", "Октябрь–ноябрь, ежегодно");
	TYPO("Сентябрь - октябрь", "Сентябрь–октябрь");
	TYPO("сентябрь – октябрь", "сентябрь–октябрь");
	TYPO("с мая по август, май-июнь", "с" NB "мая по" NB "август, май–июнь");
	TYPO("Сентябрь-Октябрь", "Сентябрь–Октябрь");
	/* not months: hyphens and dashes as before */
	TYPO("Марта-Мария, сентябрь - время", "Марта-Мария, сентябрь" NB "— время");
	TYPO("мартовский-апрельский", "мартовский-апрельский");
}

static void test_en_dash_between_words(void)
{
	TYPO("сказал – ученик", "сказал" NB "— ученик");
	/* a form's name keeps its en dash (DOMAIN.md), written with a hyphen too */
	TYPO("ученик – ученик", "ученик" NB "– ученик");
	TYPO("«работодатель - студент»", "«работодатель" NB "– студент»");
	TYPO("один наставник – группа", "один наставник" NB "— группа");
	TYPO("учителя – ученик", "учителя" NB "— ученик");
	TYPO("– реплика", "— реплика");
	TYPO("слово–слово", "слово–слово");
}

static void test_spaces_collapse(void)
{
	TYPO("два  пробела,   три\t\tи", "два пробела, три и");
	TYPO("слово " NB " слово", "слово" NB "слово");
	TYPO("один пробел", "один пробел");
	TYPO("слово \n слово", "слово \n слово");
}

static void test_ellipsis(void)
{
	TYPO("Итак...", "Итак…");
	TYPO("...и так далее", "…и" NB "так далее");
	TYPO("....", "….");
	TYPO("..", "..");
	TYPO("1.2.3", "1.2.3");
}

static void test_urls_in_text_unchanged(void)
{
	TYPO("см. https://school.ru/a--b/x...y - там",
	     "см. https://school.ru/a--b/x...y" NB "— там");
	TYPO("www.a-b.ru/2025-2026/", "www.a-b.ru/2025-2026/");
	TYPO("\"http://x.ru/--\"", "«http://x.ru/--»");
	TYPO("hello http:", "hello http:");
}

static void test_nothing_else_changes(void)
{
	const char *plain = "Цели: (1) обучение; [2] развитие! 50% & <b> 'x' a/b п/п "
			    "1.1. 12:30 << >> e-mail";

	TYPO(plain, plain);
	TYPO("", "");
}

static void test_idempotent_document(void)
{
	TYPO("Приказ № 5 от 25.09.2023 г. \"О внедрении модели \"Наставник\"\" - "
	     "утвердить на 2025-2026 уч. год... Директор И.О. Петров",
	     "Приказ №" NB "5 от" NB "25.09.2023" NB "г. «О" NB "внедрении модели „Наставник“»" NB
	     "— утвердить на" NB "2025–2026" NB "уч. год… Директор И." NB "О." NB "Петров");
}

static void test_invalid_utf8_passes_through(void)
{
	const char in[] = "a\xFF - \xD0 \"x\xFE\"";
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st = NV_TYPO_STATE_INIT;

	nv_typo(&out, in, sizeof(in) - 1, &st);
	CHECK_STR(out.ptr, "a\xFF" NB "— \xD0 «x\xFE»");
	nv_buf_release(&out);
}

static void test_embedded_nul(void)
{
	const char in[] = "a\0\"b\"";
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st = NV_TYPO_STATE_INIT;

	nv_typo(&out, in, sizeof(in) - 1, &st);
	CHECK_INT(out.len, 1 + 1 + 2 + 1 + 2);
	CHECK(!memcmp(out.ptr, "a\0»b»", out.len));
	nv_buf_release(&out);
}

/*
 * Long hyphenated chains and runs of names must stay linear: a quadratic
 * rescan makes this test take minutes instead of milliseconds.
 */
static void test_long_inputs_stay_linear(void)
{
	static const char *const units[] = { "Аа-", "Аа ", "И. ", "Иванов И.", "№", "2025-" };
	struct nv_buf in = NV_BUF_INIT, out = NV_BUF_INIT;
	struct nv_typo_state st;
	size_t u;
	int i;

	for (u = 0; u < NV_ARRAY_SIZE(units); u++) {
		nv_buf_reset(&in);
		nv_buf_reset(&out);
		for (i = 0; i < 50000; i++)
			nv_buf_adds(&in, units[u]);
		nv_typo_init(&st);
		nv_typo(&out, in.ptr, in.len, &st);
		CHECK(out.len >= in.len);
	}
	nv_buf_release(&in);
	nv_buf_release(&out);
}

/*
 * Plain text is copied in runs, without the rules: each rule still fires
 * right after a long run, inside a word, and at the end of the input.
 */
static void test_rules_after_plain_runs(void)
{
	static const char *const cases[][2] = {
		{ "слово - слово", "слово" NB "— слово" },
		{ "слово -- слово", "слово" NB "— слово" },
		{ "слово — слово", "слово" NB "— слово" },
		{ "годы 2019-2020", "годы 2019–2020" },
		{ "код 07-01-05", "код 07-01-05" },
		{ "приказ № 12", "приказ №" NB "12" },
		{ "приказ №12 от", "приказ №" NB "12 от" },
		{ "подписал И. О. Петров", "подписал И." NB "О." NB "Петров" },
		{ "подписала Петрова И.О.", "подписала Петрова" NB "И." NB "О." },
		{ "в 2025 г.", "в" NB "2025" NB "г." },
		{ "в 2025г.", "в" NB "2025" NB "г." },
		{ "в 150 г. муки", "в" NB "150" NB "г. муки" },
		{ "и так далее...", "и" NB "так далее…" },
		{ "слова \"в кавычках\" и", "слова «в" NB "кавычках» и" },
		{ "сайт www.a-b.ru/1-2 там", "сайт www.a-b.ru/1-2 там" },
		{ "слово hello world", "слово hello world" },
		{ "Школа-интернат, Петрова-Водкина", "Школа-интернат, Петрова-Водкина" },
		{ "ПОЛОЖЕНИЕ о наставничестве", "ПОЛОЖЕНИЕ о" NB "наставничестве" },
		{ "ёлка ѣ Ґ", "ёлка ѣ Ґ" },
		{ "ВНЕДРЕНИЕ ПРОГРАММЫ - итог", "ВНЕДРЕНИЕ ПРОГРАММЫ" NB "— итог" },
		{ "сверхдлинноеслово2025 г.", "сверхдлинноеслово2025" NB "г." },
		{ "абвгдежзийк-Иванов И. И.", "абвгдежзийк-Иванов И. И." },
		{ "одиннадцать \"двенадцать\"", "одиннадцать «двенадцать»" },
	};
	static const char *const runs[] = { "", "в тексте приказа, утверждённого вчера, сказано: ",
					    "text in Latin, 1 2 3; ", "длинное-предлинное слово " };
	struct nv_buf in = NV_BUF_INIT, want = NV_BUF_INIT;
	size_t i, r;
	char *got;

	for (r = 0; r < NV_ARRAY_SIZE(runs); r++) {
		for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
			nv_buf_reset(&in);
			nv_buf_reset(&want);
			nv_buf_adds(&in, runs[r]);
			nv_buf_adds(&in, cases[i][0]);
			got = nv_typo_str(runs[r]);
			nv_buf_adds(&want, got);
			free(got);
			nv_buf_adds(&want, cases[i][1]);
			if (!typo_is(__FILE__, __LINE__, in.ptr, want.ptr))
				goto out;
		}
	}
out:
	nv_buf_release(&in);
	nv_buf_release(&want);
}

/* After a run the state is what a character at a time would leave. */
static void test_state_after_plain_runs(void)
{
	struct nv_typo_state st = NV_TYPO_STATE_INIT;
	struct nv_buf out = NV_BUF_INIT;

	nv_typo(&out, "слово", strlen("слово"), &st);
	CHECK_INT(st.prev, 0x43E); /* о */
	CHECK_INT(st.digits, 0);
	nv_typo(&out, " в 20", strlen(" в 20"), &st);
	CHECK_INT(st.prev, '0');
	CHECK_INT(st.digits, 2);
	CHECK_INT(st.before, 0xA0);
	nv_typo(&out, "25", 2, &st); /* the digits go on across pieces */
	CHECK_INT(st.digits, 4);
	CHECK_INT(st.before, 0xA0);
	nv_typo(&out, " г.", strlen(" г."), &st);
	CHECK_STR(out.ptr, "слово в" NB "2025" NB "г.");
	nv_typo(&out, " Ж7", strlen(" Ж7"), &st);
	CHECK_INT(st.digits, 1);
	CHECK_INT(st.before, 0x416); /* Ж */
	CHECK(!st.numero);
	CHECK_INT(st.depth, 0);
	nv_buf_release(&out);
}

/* Random text from typographically interesting pieces: valid UTF-8 and idempotent. */
static void test_random_valid_and_idempotent(void)
{
	static const char *const parts[] = {
		"\"", "-",	"--",	" ", NB,  "№", "г.",	  "гг.", "И.",
		"О.", "Иванов", "2025", "7", "«", "»", "„",	  "“",	 "...",
		".",  "a",	"Ж",	"—", "–", "(", "http://", "\t",	 "\n",
	};
	struct nv_buf in = NV_BUF_INIT, out = NV_BUF_INIT, again = NV_BUF_INIT;
	struct nv_typo_state st;
	uint32_t seed = 12345;
	int round, j, len;

	for (round = 0; round < 3000; round++) {
		nv_buf_reset(&in);
		seed = seed * 1103515245u + 12345u;
		len = (int)(seed >> 16) % 24;
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			nv_buf_adds(&in, parts[(seed >> 16) % NV_ARRAY_SIZE(parts)]);
		}
		nv_buf_reset(&out);
		nv_typo_init(&st);
		nv_typo(&out, in.ptr, in.len, &st);
		nv_buf_reset(&again);
		nv_typo_init(&st);
		nv_typo(&again, out.ptr, out.len, &st);
		if (!nv_utf8_valid(out.ptr, out.len, NULL) || strcmp(out.ptr, again.ptr)) {
			nv_test_failed(__FILE__, __LINE__, "«%s» → «%s» → «%s»", in.ptr, out.ptr,
				       again.ptr);
			break;
		}
	}
	nv_buf_release(&in);
	nv_buf_release(&out);
	nv_buf_release(&again);
}

static void test_slug_russian(void)
{
	char *s = nv_slug("Раздел 1. Общие положения");

	CHECK_STR(s, "razdel-1-obshchie-polozheniya");
	free(s);
	s = nv_slug("Ёжик и щука: ЦЕЛИ, задачи");
	CHECK_STR(s, "yozhik-i-shchuka-tseli-zadachi");
	free(s);
	s = nv_slug("Объявление, подъезд, мальчик");
	CHECK_STR(s, "obyavlenie-podezd-malchik");
	free(s);
	s = nv_slug("Хочу чаю. Юля, Яна, Эмма, Жора, Йошкар-Ола, Быть");
	CHECK_STR(s, "khochu-chayu-yulya-yana-emma-zhora-yoshkar-ola-byt");
	free(s);
}

static void test_slug_ascii_and_edges(void)
{
	char *s = nv_slug("  --Hello, World 2025!--  ");

	CHECK_STR(s, "hello-world-2025");
	free(s);
	s = nv_slug("");
	CHECK_STR(s, "section");
	free(s);
	s = nv_slug("«» — №");
	CHECK_STR(s, "section");
	free(s);
	s = nv_slug("ъ");
	CHECK_STR(s, "section");
	free(s);
	s = nv_slug("Школа «Радуга»" NB "— 2025–2026");
	CHECK_STR(s, "shkola-raduga-2025-2026");
	free(s);
	s = nv_slug("Café \xFF ok");
	CHECK_STR(s, "caf-ok");
	free(s);
}

/*
 * Long texts, whose slug nv_slug() makes in a buffer grown for it, and
 * shorter ones, made on its stack: the same slug, the longest letters
 * («щ» → «shch», with a dash) at every length around the edge.
 */
static void test_slug_long(void)
{
	struct nv_buf in = NV_BUF_INIT, want = NV_BUF_INIT;
	char *s;
	size_t k;

	for (k = 0; k < 120; k++) {
		nv_buf_adds(&in, k % 2 ? " " : "Щ");
		nv_buf_reset(&want);
		nv_slug_add(&want, in.ptr, in.len);
		s = nv_slug(in.ptr);
		CHECK_STR(s, want.ptr);
		CHECK_INT(strlen(s), (k / 2 + 1) * 5 - 1);
		free(s);
	}
	nv_buf_release(&in);
	nv_buf_release(&want);
}

static void test_slug_add_appends(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_adds(&b, "x-");
	nv_slug_add(&b, "- Цели -", strlen("- Цели -"));
	CHECK_STR(b.ptr, "x-tseli");
	nv_slug_add(&b, "", 0);
	CHECK_STR(b.ptr, "x-tselisection");
	nv_buf_release(&b);
}

/*
 * The fast path (typo_run.c) against the rules: a short word glued before a
 * digit, a quote or a «, or in a sentence's capital; not before a line's
 * end, a dash or a second blank; a capital that starts a name with
 * initials; words after punctuation; a word told no month by its letters.
 */
static void test_fast_path_cases(void)
{
	TYPO("в 2025 году и в «Школе»", "в" NB "2025" NB "году и" NB "в" NB "«Школе»");
	TYPO("Работа с \"Проектом\" и с ним", "Работа с" NB "«Проектом» и" NB "с" NB "ним");
	TYPO("В И. О. Петрове и На Е. Е. Иванову",
	     "В" NB "И." NB "О." NB "Петрове и" NB "На" NB "Е." NB "Е." NB "Иванову");
	TYPO("Отчёт Иванова И. И., письмо Петрову А.А. и В. Сидорову",
	     "Отчёт Иванова" NB "И." NB "И., письмо Петрову" NB "А." NB "А. и" NB "В. Сидорову");
	TYPO("дети, которые в школе; учителя: на уроке) по плану. в итоге",
	     "дети, которые в" NB "школе; учителя: на" NB "уроке) по" NB "плану. в" NB "итоге");
	TYPO("слово и\n", "слово и\n");
	TYPO("и — да, а - нет, в -- нет", "и" NB "— да, а" NB "— нет, в" NB "— нет");
	TYPO("Сентябрь - октябрь, май-июнь, Март - это",
	     "Сентябрь–октябрь, май–июнь, Март" NB "— это");
	TYPO("ФЗ и РФ: Закон РФ об образовании", "ФЗ и" NB "РФ: Закон РФ об" NB "образовании");
	TYPO("к" NB "школе и  к\tдому", "к" NB "школе и" NB "к" NB "дому");
}

void nv_tests(void)
{
	NV_RUN(test_quotes_outer);
	NV_RUN(test_quotes_nested);
	NV_RUN(test_quotes_existing_count_for_nesting);
	NV_RUN(test_quotes_unmatched);
	NV_RUN(test_quotes_across_pieces);
	NV_RUN(test_quotes_after_opaque);
	NV_RUN(test_state_reset);
	NV_RUN(test_dash_between_spaces);
	NV_RUN(test_dash_without_spaces);
	NV_RUN(test_dash_at_block_start);
	NV_RUN(test_dash_across_pieces);
	NV_RUN(test_starts_dash);
	NV_RUN(test_number_ranges);
	NV_RUN(test_number_codes_keep_hyphens);
	NV_RUN(test_number_ranges_across_pieces);
	NV_RUN(test_numero);
	NV_RUN(test_initials_before_surname);
	NV_RUN(test_initials_after_surname);
	NV_RUN(test_initials_belong_to_next_name);
	NV_RUN(test_not_initials);
	NV_RUN(test_year_abbreviation);
	NV_RUN(test_year_across_pieces);
	NV_RUN(test_short_words_glue);
	NV_RUN(test_short_words_across_pieces);
	NV_RUN(test_number_and_unit);
	NV_RUN(test_spaced_ranges);
	NV_RUN(test_month_ranges);
	NV_RUN(test_en_dash_between_words);
	NV_RUN(test_spaces_collapse);
	NV_RUN(test_ellipsis);
	NV_RUN(test_urls_in_text_unchanged);
	NV_RUN(test_nothing_else_changes);
	NV_RUN(test_idempotent_document);
	NV_RUN(test_invalid_utf8_passes_through);
	NV_RUN(test_embedded_nul);
	NV_RUN(test_long_inputs_stay_linear);
	NV_RUN(test_rules_after_plain_runs);
	NV_RUN(test_state_after_plain_runs);
	NV_RUN(test_random_valid_and_idempotent);
	NV_RUN(test_slug_russian);
	NV_RUN(test_slug_ascii_and_edges);
	NV_RUN(test_slug_long);
	NV_RUN(test_slug_add_appends);
	NV_RUN(test_fast_path_cases);
}
