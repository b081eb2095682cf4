/* Unit tests for schema.c: typed field readers and their messages. */
#include "common.h"

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "harness.h"
#include "schema.h"
#include "value.h"
#include "yaml_load.h"

static struct nv_diags d;
static struct nv_value *map;

/* Load YAML text as the map under test (line 1 is the first line). */
static struct nv_value *yaml(const char *text)
{
	nv_value_free(map);
	nv_diags_release(&d);
	map = nv_yaml_load("x.md", text, strlen(text), 1, NULL, &d);
	return map;
}

/* Every diagnostic as «LINE:COL: MSG | HINT» lines, in a static buffer. */
static const char *diags(void)
{
	static char out[4096];
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < d.nr; i++) {
		const struct nv_diag *x = &d.v[i];

		nv_buf_addf(&b, "%s%d:%d: %s | %s", i ? "\n" : "", x->line, x->col, x->msg,
			    x->hint ? x->hint : "-");
	}
	snprintf(out, sizeof(out), "%s", b.len ? b.ptr : "");
	nv_buf_release(&b);
	return out;
}

static void test_init(void)
{
	struct nv_fields f;

	CHECK(yaml("title: Т\n"));
	CHECK(nv_fields_init(&f, "x.md", map, "в приказе", 9, 9, &d));
	CHECK(f.map == map);
	CHECK_INT(f.line, 1);
	/* no map at all: nothing to read, no error, position from the caller */
	CHECK(nv_fields_init(&f, "x.md", NULL, "в приказе", 9, 4, &d));
	CHECK(!f.map);
	CHECK_INT(f.line, 9);
	CHECK_INT(f.col, 4);
	CHECK(!nv_field_str(&f, "title", NV_OPTIONAL, NULL));
	CHECK_INT(d.nr, 0);
	/* a list where a map should be */
	CHECK(yaml("- a\n- b\n"));
	CHECK(!nv_fields_init(&f, "x.md", map, "у участника «x»", 9, 9, &d));
	CHECK_INT(f.errors, 1);
	CHECK_STR(diags(), "1:1: у участника «x» ожидаются поля «ключ: значение», а здесь список | "
			   "запишите каждое поле на своей строке: «ключ: значение»");
}

static void test_required_and_strings(void)
{
	struct nv_fields f;

	CHECK(yaml("title: Положение\nnumber: 41\nempty: \"\"\nnothing:\nlist: [a]\n"));
	nv_fields_init(&f, "x.md", map, "в приказе", 0, 0, &d);
	CHECK_STR(nv_field_str(&f, "title", NV_REQUIRED, NULL), "Положение");
	/* numbers keep their spelling */
	CHECK_STR(nv_field_str(&f, "number", NV_REQUIRED, NULL), "41");
	/* an empty string is fine when optional */
	CHECK_STR(nv_field_str(&f, "empty", NV_OPTIONAL, NULL), "");
	CHECK_INT(d.nr, 0);
	CHECK(!nv_field_str(&f, "empty", NV_REQUIRED, NULL));
	CHECK(!nv_field_str(&f, "nothing", NV_REQUIRED, "номер приказа, например 41"));
	CHECK(!nv_field_str(&f, "date", NV_REQUIRED, NULL));
	CHECK(!nv_field_str(&f, "list", NV_OPTIONAL, "одна строка"));
	CHECK_INT(f.errors, 4);
	CHECK_STR(diags(),
		  "3:8: поле «empty» пустое | -\n"
		  "1:1: в приказе нет обязательного поля «nothing» | добавьте строку «nothing: "
		  "…» — номер приказа, например 41\n"
		  "1:1: в приказе нет обязательного поля «date» | -\n"
		  "5:7: поле «list» должно быть текстом, а здесь список | одна строка");
}

static void test_dates_and_years(void)
{
	struct nv_fields f;
	struct nv_date dt = { 0, 0, 0 };
	int y = 0;

	CHECK(yaml("date: 25 сентября 2025 г.\nbad: 29.02.2025\nyear: 2025-2026\n"
		   "ybad: 2025-2027\n"));
	nv_fields_init(&f, "x.md", map, "в приказе", 0, 0, &d);
	CHECK(nv_field_date(&f, "date", NV_REQUIRED, NULL, &dt));
	CHECK(dt.year == 2025 && dt.month == 9 && dt.day == 25);
	CHECK(nv_field_acyear(&f, "year", NV_REQUIRED, NULL, &y));
	CHECK_INT(y, 2025);
	CHECK(!nv_field_date(&f, "bad", NV_REQUIRED, NULL, &dt));
	CHECK(!nv_field_acyear(&f, "ybad", NV_REQUIRED, NULL, &y));
	CHECK(!nv_field_date(&f, "none", NV_OPTIONAL, NULL, &dt));
	CHECK_INT(y, 2025);
	CHECK_STR(diags(), "2:6: поле «bad»: «29.02.2025» — не дата: в феврале 2025 года 28 дней | "
			   "пишите дату как ДД.ММ.ГГГГ, например 29.08.2025\n"
			   "4:7: поле «ybad»: «2025-2027» — не учебный год: второй год учебного "
			   "года должен быть на единицу больше первого: 2025–2026 | учебный год "
			   "пишется как 2025–2026");
}

static void test_enum_bool_number(void)
{
	static const char *const kinds[] = { "teacher", "student", "external", NULL };
	struct nv_fields f;

	CHECK(yaml("a: student\nb: studnet\nc: true\nd: да\ne: 5\nf: 500\n"));
	nv_fields_init(&f, "x.md", map, "у участника", 0, 0, &d);
	CHECK_INT(nv_field_enum(&f, "a", NV_REQUIRED, kinds, -1), 1);
	CHECK_INT(nv_field_enum(&f, "b", NV_REQUIRED, kinds, -1), -1);
	CHECK_INT(nv_field_enum(&f, "z", NV_OPTIONAL, kinds, 2), 2);
	CHECK(nv_field_bool(&f, "c", false));
	CHECK(nv_field_bool(&f, "d", true));
	CHECK(!nv_field_bool(&f, "zz", false));
	CHECK(nv_field_number(&f, "e", 0, 10, 1) == 5);
	CHECK(nv_field_number(&f, "f", 0, 10, 1) == 1);
	CHECK_INT(f.errors, 3);
	CHECK_STR(diags(), "2:4: поле «b»: неизвестное значение «studnet» | возможно, «student»; "
			   "допустимые значения: teacher, student, external\n"
			   "4:4: поле «d» должно быть true или false, а здесь «да» | напишите «d: "
			   "true» (да) или «d: false» (нет)\n"
			   "6:4: поле «f» должно быть числом от 0 до 10, а здесь «500» | -");
}

/* A value written in Russian: the one it stands for, in the hint; none for a word that is no value.
 */
static void test_enum_russian_words(void)
{
	static const char *const publish[] = { "none", "initials", "full", NULL };
	static const char *const gender[] = { "female", "male", NULL };
	struct nv_fields f;

	CHECK(yaml("a: Полностью\nb: инициалы\nc: ж\nd: жк\ne: завхоз\nf: Фамилия и инициалы\n"));
	nv_fields_init(&f, "x.md", map, "у участника", 0, 0, &d);
	CHECK_INT(nv_field_enum(&f, "a", NV_REQUIRED, publish, -1), -1);
	CHECK_INT(nv_field_enum(&f, "b", NV_REQUIRED, publish, -1), -1);
	CHECK_INT(nv_field_enum(&f, "c", NV_REQUIRED, gender, -1), -1);
	CHECK_INT(nv_field_enum(&f, "d", NV_REQUIRED, gender, -1), -1);
	CHECK_INT(nv_field_enum(&f, "e", NV_REQUIRED, publish, -1), -1);
	CHECK_INT(nv_field_enum(&f, "f", NV_REQUIRED, publish, -1), -1);
	CHECK_STR(diags(),
		  "1:4: поле «a»: неизвестное значение «Полностью» | возможно, «full»; "
		  "допустимые значения: none, initials, full\n"
		  "2:4: поле «b»: неизвестное значение «инициалы» | возможно, «initials»; "
		  "допустимые значения: none, initials, full\n"
		  "3:4: поле «c»: неизвестное значение «ж» | возможно, «female»; допустимые "
		  "значения: female, male\n"
		  "4:4: поле «d»: неизвестное значение «жк» | допустимые значения: female, male\n"
		  "5:4: поле «e»: неизвестное значение «завхоз» | допустимые значения: none, "
		  "initials, full\n"
		  "6:4: поле «f»: неизвестное значение «Фамилия и инициалы» | возможно, "
		  "«initials»; допустимые значения: none, initials, full");
}

static void test_lists_and_maps(void)
{
	struct nv_fields f;
	const struct nv_value *v;

	CHECK(yaml("l: [a, b]\ns: one\nm:\n  k: v\nbad: x\n"));
	nv_fields_init(&f, "x.md", map, "в приказе", 0, 0, &d);
	v = nv_field_list(&f, "l", NV_REQUIRED, NULL, false);
	CHECK(v && v->type == NV_LIST && v->nr == 2);
	v = nv_field_list(&f, "s", NV_REQUIRED, NULL, true);
	CHECK(v && v->type == NV_STRING);
	CHECK(!nv_field_list(&f, "m", NV_REQUIRED, NULL, true));
	v = nv_field_map(&f, "m", NV_REQUIRED, NULL);
	CHECK(v && v->type == NV_MAP);
	CHECK(!nv_field_map(&f, "bad", NV_REQUIRED, NULL));
	CHECK_STR(diags(), "4:3: поле «m» должно быть списком, а здесь набор полей | список "
			   "пишется как [a, b] или строками «- a» под ключом\n"
			   "5:6: поле «bad» должно быть набором полей, а здесь строка | вложенные "
			   "поля пишутся под ключом с отступом в два пробела");
}

static void test_unknown_keys(void)
{
	struct nv_fields f;

	CHECK(yaml("title: Т\ntitel: Т\nother: 1\nskip: 2\n"));
	nv_fields_init(&f, "x.md", map, "в приказе", 0, 0, &d);
	nv_field_str(&f, "title", NV_OPTIONAL, NULL);
	nv_field_str(&f, "number", NV_OPTIONAL, NULL);
	nv_fields_allow(&f, "skip");
	nv_fields_finish(&f);
	CHECK_INT(f.errors, 2);
	CHECK_STR(diags(), "2:1: в приказе неизвестное поле «titel» | возможно, имелось в виду "
			   "«title»; допустимые поля: title, number, skip\n"
			   "3:1: в приказе неизвестное поле «other» | допустимые поля: title, "
			   "number, skip");
}

static void test_suggest_and_join(void)
{
	static const char *const c[] = { "appendix", NULL, "acquaint", "date" };
	static const char *const v[] = { "a", "b", "c", NULL };
	char *s;

	CHECK_STR(nv_suggest("appendices", c, 4), "appendix");
	CHECK_STR(nv_suggest("acquiant", c, 4), "acquaint");
	CHECK_STR(nv_suggest("dat", c, 4), "date");
	CHECK(!nv_suggest("signatory", c, 4));
	CHECK(!nv_suggest("date", c, 0));
	s = nv_join(v, " | ");
	CHECK_STR(s, "a | b | c");
	free(s);
	s = nv_join(v + 3, ", ");
	CHECK_STR(s, "");
	free(s);
}

/* nv_url_problem(): NULL for an accepted URL. */
static bool url_ok(const char *u, enum nv_url_kind kind)
{
	return !nv_url_problem(u, strlen(u), kind);
}

static void test_url_problem(void)
{
	static const char *const links[] = { "https://publication.pravo.gov.ru/Document/View/1",
					     "HTTP://x.ru",
					     "HtTpS://x.ru",
					     "mailto:nastavnik@school14.example",
					     "MAILTO:a@b.ru",
					     "tel:+73456721408",
					     "../files/plan.pdf",
					     "files/plan.pdf",
					     "/doc.html",
					     "#anchor",
					     "?q=1",
					     "docs/a:b.html",
					     "//cdn.example/x",
					     "https://x.ru/a b",
					     NULL };
	static const char *const refused[] = { "javascript:alert(1)",
					       "JaVaScRiPt:alert(1)",
					       " JaVa\tscript:alert(1)",
					       "java\tscript:alert(1)",
					       "java\nscript:x",
					       "\x01javascript:x",
					       "data:text/html;base64,PHNjcmlwdD4=",
					       "vbscript:msgbox(1)",
					       "file:///etc/passwd",
					       "ftp://x.ru/",
					       "a b:c",
					       " https://x.ru",
					       "https://x.ru ",
					       "https://x.ru\r",
					       "",
					       NULL };
	size_t i;

	for (i = 0; links[i]; i++)
		if (!url_ok(links[i], NV_URL_LINK))
			CHECK_STR(links[i], "(accepted as a link)");
	for (i = 0; refused[i]; i++)
		if (url_ok(refused[i], NV_URL_LINK))
			CHECK_STR(refused[i], "(refused as a link)");
	/* A NUL inside the value is a control character too, not the end. */
	CHECK(nv_url_problem("https://x.ru\0javascript:", 24, NV_URL_LINK));
	CHECK(url_ok("https://school14.example", NV_URL_ABSOLUTE));
	CHECK(url_ok("HTTP://school14.example/razdel/", NV_URL_ABSOLUTE));
	CHECK(!url_ok("/razdel/", NV_URL_ABSOLUTE));
	CHECK(!url_ok("mailto:a@b.ru", NV_URL_ABSOLUTE));
	CHECK(!url_ok("https:school14.example", NV_URL_ABSOLUTE));
	CHECK(!url_ok("https:///x", NV_URL_ABSOLUTE));
	CHECK(!url_ok("https://", NV_URL_ABSOLUTE));
	CHECK(!url_ok("https://a b.ru", NV_URL_ABSOLUTE));
	CHECK(!url_ok("javascript://x.ru", NV_URL_ABSOLUTE));
	CHECK_STR(nv_url_problem("javascript:x", 12, NV_URL_LINK), "такой вид адреса не разрешён");
}

static void test_field_url(void)
{
	struct nv_fields f;

	CHECK(yaml("a: https://x.ru\nb: javascript:alert(1)\nc: \" JaVa\\tscript:x\"\n"
		   "d: /razdel/\n"));
	nv_fields_init(&f, "x.md", map, "в ссылке", 0, 0, &d);
	CHECK_STR(nv_field_url(&f, "a", NV_REQUIRED, NULL, NV_URL_ABSOLUTE), "https://x.ru");
	CHECK(!nv_field_url(&f, "b", NV_OPTIONAL, NULL, NV_URL_LINK));
	CHECK(!nv_field_url(&f, "c", NV_OPTIONAL, NULL, NV_URL_LINK));
	CHECK(!nv_field_url(&f, "d", NV_OPTIONAL, NULL, NV_URL_ABSOLUTE));
	CHECK(!nv_field_url(&f, "none", NV_OPTIONAL, NULL, NV_URL_LINK));
	CHECK_INT(f.errors, 3);
	CHECK_STR(diags(), "2:4: поле «b»: адрес «javascript:alert(1)» не подходит: такой вид "
			   "адреса не разрешён | " NV_URL_HINT_LINK "\n"
			   "3:4: поле «c»: адрес « JaVa\\x09script:x» не подходит: в адресе есть "
			   "управляющий символ | " NV_URL_HINT_LINK "\n"
			   "4:4: поле «d»: адрес «/razdel/» не подходит: нужен полный адрес, "
			   "начинающийся с http:// или https:// | " NV_URL_HINT_ABSOLUTE);
}

static void test_check_text(void)
{
	CHECK(yaml("ok: \"tab\\tand\\nnewline, «ёлка» \\u0085\"\nlist: [a, \"b\\rc\"]\n"
		   "m:\n  k: \"\\0\"\n  n: \"x\\uFFFF\"\n  e: \"\\e\"\nnum: 5\n"));
	CHECK_INT(nv_check_text("x.md", map, &d), 4);
	CHECK_STR(diags(), "2:11: поле «list»: недопустимый символ \\x0D | " NV_TEXT_HINT "\n"
			   "4:6: поле «k»: недопустимый символ \\x00 | " NV_TEXT_HINT "\n"
			   "5:6: поле «n»: недопустимый символ U+FFFF | " NV_TEXT_HINT "\n"
			   "6:6: поле «e»: недопустимый символ \\x1B | " NV_TEXT_HINT);
	CHECK(yaml("\"\\x7F\"\n"));
	CHECK_INT(nv_check_text("x.md", map, &d), 1);
	CHECK_STR(diags(), "1:1: недопустимый символ \\x7F | " NV_TEXT_HINT);
	CHECK_INT(nv_check_text("x.md", NULL, &d), 0);
}

/*
 * A forbidden character at every offset of a long text, among allowed
 * bytes that look like it (tab, newline, U+FFFD, Cyrillic), as the word
 * at a time scan meets it: at a word's start, inside, across two words.
 */
static void test_check_text_offsets(void)
{
	static const char *const bad[] = { "\x01", "\x0D",	   "\x1F",
					   "\x7F", "\xEF\xBF\xBE", "\xEF\xBF\xBF" };
	static const char *const code[] = {
		"\\x01", "\\x0D", "\\x1F", "\\x7F", "U+FFFE", "U+FFFF"
	};
	const char *fill = "\t\n\xEF\xBF\xBDйё x\x7E\x20\xEF\xBF";
	struct nv_buf b = NV_BUF_INIT, want = NV_BUF_INIT;
	struct nv_value *v;
	size_t i, at, n = strlen(fill);

	for (i = 0; i < NV_ARRAY_SIZE(bad); i++)
		for (at = 0; at <= 2 * n; at++) {
			nv_buf_reset(&b);
			nv_buf_add(&b, fill, n);
			nv_buf_add(&b, fill, n);
			nv_buf_truncate(&b, at);
			nv_buf_adds(&b, bad[i]);
			nv_buf_add(&b, fill, n);
			v = nv_value_new_string(b.ptr, b.len);
			nv_diags_release(&d);
			CHECK_INT(nv_check_text("x.md", v, &d), 1);
			nv_buf_reset(&want);
			nv_buf_addf(&want, "0:0: недопустимый символ %s | " NV_TEXT_HINT, code[i]);
			CHECK_STR(diags(), want.ptr);
			nv_value_free(v);
		}
	/* The allowed bytes alone, at every length. */
	for (at = 0; at <= n; at++) {
		v = nv_value_new_string(fill, at);
		CHECK_INT(nv_check_text("x.md", v, &d), 0);
		nv_value_free(v);
	}
	nv_buf_release(&b);
	nv_buf_release(&want);
}

void nv_tests(void)
{
	NV_RUN(test_init);
	NV_RUN(test_required_and_strings);
	NV_RUN(test_dates_and_years);
	NV_RUN(test_enum_bool_number);
	NV_RUN(test_enum_russian_words);
	NV_RUN(test_lists_and_maps);
	NV_RUN(test_unknown_keys);
	NV_RUN(test_suggest_and_join);
	NV_RUN(test_url_problem);
	NV_RUN(test_field_url);
	NV_RUN(test_check_text);
	NV_RUN(test_check_text_offsets);
	nv_value_free(map);
	nv_diags_release(&d);
}
