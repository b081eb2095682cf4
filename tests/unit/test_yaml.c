/* Unit tests for value.c, yaml_load.c and frontmatter.c. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "harness.h"
#include "value.h"
#include "yaml_load.h"

/* Load YAML and return its JSON dump, or "ERR file:line:col: msg" lines. */
static char *load(const char *yaml, int first_line, const struct nv_yaml_limits *lim)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_value *v = nv_yaml_load("t.yml", yaml, strlen(yaml), first_line, lim, &d);
	size_t i;

	if (v)
		nv_value_dump(&out, v);
	for (i = 0; i < d.nr; i++)
		nv_buf_addf(&out, "%sERR %d:%d: %s", out.len ? "\n" : "", d.v[i].line, d.v[i].col,
			    d.v[i].msg);
	nv_value_free(v);
	nv_diags_release(&d);
	return nv_buf_detach(&out, NULL);
}

#define CHECK_LOAD(yaml, want)                                                                   \
	do {                                                                                     \
		char *got_ = load((yaml), 1, NULL);                                              \
		bool ok_ = !strcmp(got_, (want));                                                \
		if (!ok_)                                                                        \
			nv_test_failed(__FILE__, __LINE__, "got «%s», want «%s»", got_, (want)); \
		free(got_);                                                                      \
		if (!ok_)                                                                        \
			return;                                                                  \
	} while (0)

static void test_value_tree_basics(void)
{
	struct nv_value *m = nv_value_new(NV_MAP, 3, 1), *l = nv_value_new(NV_LIST, 4, 3), *c;
	struct nv_buf out = NV_BUF_INIT;

	nv_list_push(l, nv_value_new_str("Иванова"));
	nv_list_push(l, nv_value_new_number(7));
	nv_map_add(m, "mentees", 4, 1, l);
	nv_map_set(m, "draft", nv_value_new_bool(true));
	nv_map_set(m, "draft", nv_value_new_bool(false));
	CHECK_INT(m->nr, 2);
	CHECK_STR(nv_map_get_str(m, "draft"), "false");
	CHECK(nv_map_get(m, "nothing") == NULL);
	CHECK(nv_map_member(m, "mentees-x", 7) != NULL);
	/* a prefix or an extension of a key is a different key */
	CHECK(nv_map_member(m, "mentees", 6) == NULL);
	CHECK(nv_map_member(m, "draftx", 6) == NULL);
	CHECK(nv_map_get(m, "dra") == NULL);
	CHECK(nv_map_get(m, "") == NULL);
	CHECK_INT(nv_value_count(m), 5);
	c = nv_value_copy(m);
	nv_value_dump(&out, c);
	CHECK_STR(out.ptr, "{\"mentees\":[\"Иванова\",7],\"draft\":false}");
	CHECK_INT(nv_map_get(c, "mentees")->line, 4);
	nv_value_free(c);
	nv_value_free(m);
	nv_value_free(NULL);
	nv_buf_release(&out);
}

static void test_scalar_types(void)
{
	CHECK_LOAD("a: 1\nb: -2.50\nc: true\nd: ~\ne:\nf: \"12\"\ng: 25.09.2025\nh: 07\ni: 1e3\n"
		   "j: FALSE\nk: 'null'\nl: 1.2.3\n",
		   "{\"a\":1,\"b\":-2.5,\"c\":true,\"d\":null,\"e\":null,\"f\":\"12\","
		   "\"g\":\"25.09.2025\",\"h\":7,\"i\":1000,\"j\":false,\"k\":\"null\",\"l\":\"1.2."
		   "3\"}");
	/* Every spelling of null and bool, and words that only start like them. */
	CHECK_LOAD("a: Null\nb: NULL\nc: null\nd: True\ne: TRUE\nf: False\ng: false\nh: nulls\n"
		   "i: truer\nj: tru\nk: ~~\nl: FALSe\n",
		   "{\"a\":null,\"b\":null,\"c\":null,\"d\":true,\"e\":true,\"f\":false,"
		   "\"g\":false,\"h\":\"nulls\",\"i\":\"truer\",\"j\":\"tru\",\"k\":\"~~\","
		   "\"l\":\"FALSe\"}");
}

static void test_scalar_keeps_source_text(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *y = "number: 007\nflag: True\n";
	struct nv_value *v = nv_yaml_load("t.yml", y, strlen(y), 1, NULL, &d);

	CHECK(v != NULL);
	CHECK_STR(nv_map_get(v, "number")->str, "007");
	CHECK_INT(nv_map_get(v, "number")->type, NV_NUMBER);
	CHECK_STR(nv_map_get(v, "flag")->str, "True");
	CHECK(nv_map_get(v, "flag")->boolean);
	nv_value_free(v);
	nv_diags_release(&d);
}

static void test_positions_with_offset(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *y = "title: Приказ\nappendices:\n  - polozhenie\n  - dorozhnaya-karta\n";
	struct nv_value *v = nv_yaml_load("t.md", y, strlen(y), 2, NULL, &d);
	struct nv_value *list;

	CHECK(v != NULL);
	CHECK_INT(v->members[0].line, 2);
	CHECK_INT(v->members[0].col, 1);
	CHECK_INT(nv_map_get(v, "title")->col, 8);
	list = nv_map_get(v, "appendices");
	CHECK_INT(list->type, NV_LIST);
	CHECK_INT(list->items[1]->line, 5);
	CHECK_INT(list->items[1]->col, 5);
	nv_value_free(v);
	nv_diags_release(&d);
}

static void test_columns_count_characters(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *y = "заголовок: значение\n";
	struct nv_value *v = nv_yaml_load("t.yml", y, strlen(y), 1, NULL, &d);

	CHECK(v != NULL);
	CHECK_INT(nv_map_get(v, "заголовок")->col, 12);
	nv_value_free(v);
	nv_diags_release(&d);
}

static void test_duplicate_keys_all_reported(void)
{
	CHECK_LOAD("title: a\ndate: 1\ntitle: b\nx:\n  k: 1\n  k: 2\n",
		   "ERR 3:1: поле «title» указано дважды (первый раз — в строке 1)\n"
		   "ERR 6:3: поле «k» указано дважды (первый раз — в строке 5)");
}

static void test_tabs_in_indentation(void)
{
	CHECK_LOAD("people:\n\t- ivanova\n\t- petrova\n",
		   "ERR 2:1: табуляция в отступе\nERR 3:1: табуляция в отступе");
	/* A tab after the colon is ordinary white space. */
	CHECK_LOAD("a:\tb\n", "{\"a\":\"b\"}");
}

/*
 * A field without the space after its colon is said at its line, not at
 * the right colon where libyaml fails; in a list item too; an address or
 * a time in a value, and a colon ending the text, are not such a field.
 */
static void test_missing_space_after_colon(void)
{
	CHECK_LOAD("title:Приказ\nnumber: 5\n", "ERR 1:7: после двоеточия нужен пробел");
	CHECK_LOAD("title:Приказ\r\nnumber: 5\r\n", "ERR 1:7: после двоеточия нужен пробел");
	CHECK_LOAD("people:\n  - id:ivanova\n    name: Мария\n",
		   "ERR 2:8: после двоеточия нужен пробел");
	CHECK_LOAD("a: 1\nb:2\nc:3\nd: 4\n",
		   "ERR 2:3: после двоеточия нужен пробел\nERR 3:3: после двоеточия нужен пробел");
	CHECK_LOAD("site: https://x.ru\ntime: 10:30\n",
		   "{\"site\":\"https://x.ru\",\"time\":\"10:30\"}");
	/* no such field before libyaml's error: its own message */
	CHECK_LOAD("https://x.ru\nb: 1\n", "ERR 2:2: двоеточие в неожиданном месте");
	CHECK_LOAD("a:\n", "{\"a\":null}");
	CHECK_LOAD("a:b", "\"a:b\"");
}

/*
 * A field indented more or less than its siblings, a field without its
 * colon: said at its own line. Not when the line has Russian words before
 * its colon (a value going on), nor when the text breaks lines with a CR
 * alone (libyaml counts lines so, the diagnoses do not).
 */
static void test_misplaced_fields(void)
{
	CHECK_LOAD(
		"title: Приказ\n  date: 01.10.2025\n",
		"ERR 2:3: поле «date» сдвинуто вправо: отступ больше, чем у поля «title» над ним");
	CHECK_LOAD(
		"org:\n  name: Школа\n short: МАОУ\n",
		"ERR 3:2: поле «short» сдвинуто влево: отступ меньше, чем у поля «name» над ним");
	CHECK_LOAD("- id: a\n  name: Ия\n - id: b\n",
		   "ERR 3:2: ожидался элемент списка «- …»");
	CHECK_LOAD("org:\n  name: Школа\nshort: МАОУ\n",
		   "{\"org\":{\"name\":\"Школа\"},\"short\":\"МАОУ\"}");
	CHECK_LOAD("title: Приказ\ndate 01.10.2025\nb: 1\n", "ERR 2:5: после «date» нет двоеточия");
	CHECK_LOAD("a: 1\n# комментарий\nb\n", "ERR 3:2: после «b» нет двоеточия");
	CHECK_LOAD("title: Приказ\n  о наставничестве: итоги\n",
		   "ERR 2:19: двоеточие в неожиданном месте");
	CHECK_LOAD("title: Приказ\r  date: 01.10.2025\r", "ERR 2:7: двоеточие в неожиданном месте");
	CHECK_LOAD("a: 1\rtitle:Приказ\rnumber: 5\r", "ERR 3:1: не найдено двоеточие после ключа");
}

static void test_malformed_yaml_translated(void)
{
	CHECK_LOAD("title: Приказ: о наставничестве\n", "ERR 1:14: двоеточие в неожиданном месте");
	CHECK_LOAD("a: 1\ntitle: \"Приказ\n", "ERR 2:8: кавычка или скобка не закрыта");
	CHECK_LOAD("list: [a, b\n", "ERR 1:7: список в квадратных скобках не закрыт");
}

static void test_depth_limit(void)
{
	struct nv_yaml_limits lim = { 4, 1000 };
	char *got = load("a: [[[[1]]]]\n", 1, &lim);

	CHECK_STR(got, "ERR 1:7: слишком глубокая вложенность списков и полей");
	free(got);
	got = load("a: [[[1]]]\n", 1, &lim);
	CHECK_STR(got, "{\"a\":[[[1]]]}");
	free(got);
}

static void test_deep_nesting_default_limit(void)
{
	struct nv_buf y = NV_BUF_INIT;
	char *got;
	int i;

	for (i = 0; i < 100000; i++)
		nv_buf_addch(&y, '[');
	got = load(y.ptr, 1, NULL);
	CHECK_STR(got, "ERR 1:65: слишком глубокая вложенность списков и полей");
	free(got);
	nv_buf_release(&y);
}

static void test_alias_bomb_is_stopped(void)
{
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
	char *got = load(bomb, 1, NULL);

	CHECK(strstr(got, "ERR 6:") == got);
	CHECK(strstr(got, "слишком много значений") != NULL);
	free(got);
}

static void test_aliases_are_copies(void)
{
	CHECK_LOAD("base: &p {form: ученик – ученик}\npair: *p\n",
		   "{\"base\":{\"form\":\"ученик – ученик\"},\"pair\":{\"form\":\"ученик – "
		   "ученик\"}}");
	CHECK_LOAD("a: *nope\n", "ERR 1:4: ссылка *nope ведёт на неизвестную метку &nope");
	/* A key cannot be an anchor target: no dangling pointer to a freed key. */
	CHECK_LOAD("&k key: 1\nother: *k\n", "ERR 2:8: ссылка *k ведёт на неизвестную метку &k");
}

static void test_alias_into_dropped_duplicate(void)
{
	/* Found by the fuzzer: the duplicate is dropped, its anchors are not. */
	CHECK_LOAD("a: [1]\na: [&x 2]\nb: *x\n",
		   "ERR 2:1: поле «a» указано дважды (первый раз — в строке 1)");
}

static void test_bad_keys(void)
{
	CHECK_LOAD("? [a, b]\n: 1\n",
		   "ERR 1:3: ключ должен быть строкой, а не списком или набором полей");
	CHECK_LOAD("? \n: x\n", "ERR 1:2: пустой ключ");
	CHECK_LOAD(": x\n", "ERR 1:1: ожидалось поле «ключ: значение»");
}

static void test_empty_document_is_null(void)
{
	CHECK_LOAD("", "null");
	CHECK_LOAD("# только комментарий\n", "null");
}

/* --- front matter ------------------------------------------------------- */

static char *fm(const char *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_split sp;
	struct nv_value *meta;
	size_t i;

	if (nv_frontmatter_load("doc.md", text, strlen(text), &sp, &meta, &d) == 0) {
		nv_value_dump(&out, meta);
		nv_buf_addf(&out, " body@%d=", sp.body_line);
		nv_buf_add(&out, text + sp.body_off, sp.body_len);
	}
	for (i = 0; i < d.nr; i++)
		nv_buf_addf(&out, "%sERR %d:%d: %s", out.len ? "\n" : "", d.v[i].line, d.v[i].col,
			    d.v[i].msg);
	nv_value_free(meta);
	nv_diags_release(&d);
	return nv_buf_detach(&out, NULL);
}

#define CHECK_FM(text, want)                                                                     \
	do {                                                                                     \
		char *got_ = fm(text);                                                           \
		bool ok_ = !strcmp(got_, (want));                                                \
		if (!ok_)                                                                        \
			nv_test_failed(__FILE__, __LINE__, "got «%s», want «%s»", got_, (want)); \
		free(got_);                                                                      \
		if (!ok_)                                                                        \
			return;                                                                  \
	} while (0)

static void test_fm_split(void)
{
	CHECK_FM("---\ntitle: Положение\n---\n# Текст\n",
		 "{\"title\":\"Положение\"} body@4=# Текст\n");
	CHECK_FM("# Без полей\n", "{} body@1=# Без полей\n");
	CHECK_FM("---\n---\nТекст", "{} body@3=Текст");
	CHECK_FM("---\ntitle: x\n...\nТекст", "{\"title\":\"x\"} body@4=Текст");
	CHECK_FM("---\ntitle: x\n---", "{\"title\":\"x\"} body@4=");
}

static void test_fm_crlf_and_bom(void)
{
	CHECK_FM("\xEF\xBB\xBF---\r\ntitle: Приказ\r\ndate: 01.09.2025\r\n---\r\nТекст\r\n",
		 "{\"title\":\"Приказ\",\"date\":\"01.09.2025\"} body@5=Текст\r\n");
}

static void test_fm_errors_in_file_lines(void)
{
	CHECK_FM("---\ntitle: a\ntitle: b\n---\n",
		 "ERR 3:1: поле «title» указано дважды (первый раз — в строке 2)");
	CHECK_FM("---\ntitle: Приказ\n\nТекст без закрывающей черты\n",
		 "ERR 1:1: блок полей в начале файла открыт строкой «---», но не закрыт");
}

static void test_fm_top_level_must_be_map(void)
{
	CHECK_FM("---\n- a\n- b\n---\n",
		 "ERR 2:1: в начале файла ожидаются поля «ключ: значение», а здесь список");
	CHECK_FM("---\nпросто текст\n---\n",
		 "ERR 2:1: в начале файла ожидаются поля «ключ: значение», а здесь строка");
	/* one field without the space after its colon is one text */
	CHECK_FM("---\ntitle:Тест\n---\n", "ERR 2:7: после двоеточия нужен пробел");
}

static void test_fm_invalid_utf8(void)
{
	CHECK_FM("---\ntitle: \xcf\xf0\xe8\xea\xe0\xe7\n---\n",
		 "ERR 2:8: файл не в кодировке UTF-8: недопустимый байт 0xCF");
}

static void test_fm_size_limit(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	size_t n = NV_MAX_FILE_SIZE + 1;
	char *big = nv_xmalloc(n);

	memset(big, 'a', n);
	CHECK_INT(nv_text_check("big.md", big, n, &d), -1);
	CHECK_INT(d.nr, 1);
	CHECK_STR(d.v[0].msg, "файл слишком большой: 4,0 МБ");
	CHECK_INT(nv_text_check("big.md", big, n - 1, &d), 0);
	free(big);
	nv_diags_release(&d);
}

/* Finished maps and lists keep no spare room. */
static void test_collections_shrunk(void)
{
	const char *yaml = "a: 1\nb: [x, y, z]\nc: {d: 2}\ne: []\n";
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *v = nv_yaml_load("t.yml", yaml, strlen(yaml), 1, NULL, &d);

	CHECK(v != NULL);
	CHECK_INT(v->nr, 4);
	CHECK_INT(v->alloc, 4);
	CHECK_INT(nv_map_get(v, "b")->nr, 3);
	CHECK_INT(nv_map_get(v, "b")->alloc, 3);
	CHECK_INT(nv_map_get(v, "c")->alloc, 1);
	CHECK_INT(nv_map_get(v, "e")->alloc, 0);
	/* and grow again when a caller adds to them */
	nv_map_set(v, "f", nv_value_new_str("g"));
	CHECK_STR(nv_map_get_str(v, "f"), "g");
	CHECK_INT(v->nr, 5);
	nv_value_free(v);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_value_tree_basics);
	NV_RUN(test_scalar_types);
	NV_RUN(test_scalar_keeps_source_text);
	NV_RUN(test_positions_with_offset);
	NV_RUN(test_columns_count_characters);
	NV_RUN(test_duplicate_keys_all_reported);
	NV_RUN(test_tabs_in_indentation);
	NV_RUN(test_missing_space_after_colon);
	NV_RUN(test_misplaced_fields);
	NV_RUN(test_malformed_yaml_translated);
	NV_RUN(test_depth_limit);
	NV_RUN(test_deep_nesting_default_limit);
	NV_RUN(test_alias_bomb_is_stopped);
	NV_RUN(test_aliases_are_copies);
	NV_RUN(test_bad_keys);
	NV_RUN(test_alias_into_dropped_duplicate);
	NV_RUN(test_empty_document_is_null);
	NV_RUN(test_fm_split);
	NV_RUN(test_fm_crlf_and_bom);
	NV_RUN(test_fm_errors_in_file_lines);
	NV_RUN(test_fm_top_level_must_be_map);
	NV_RUN(test_fm_invalid_utf8);
	NV_RUN(test_fm_size_limit);
	NV_RUN(test_collections_shrunk);
}
