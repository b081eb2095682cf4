/* Unit tests for frontmatter.c: splitting, text checks and loading. */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "harness.h"
#include "value.h"

/* Every diagnostic of d as «LINE:COL: MSG | HINT» lines, in a static buffer. */
static const char *diags(const struct nv_diags *d)
{
	static char out[4096];
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < d->nr; i++) {
		const struct nv_diag *x = &d->v[i];

		nv_buf_addf(&b, "%s%s:%d:%d: %s | %s", i ? "\n" : "", x->file ? x->file : "-",
			    x->line, x->col, x->msg, x->hint ? x->hint : "-");
	}
	snprintf(out, sizeof(out), "%s", b.len ? b.ptr : "");
	nv_buf_release(&b);
	return out;
}

/* The n bytes at text + off as a string, in a static buffer. */
static const char *part(const char *text, size_t off, size_t n)
{
	static char out[256];

	snprintf(out, sizeof(out), "%.*s", (int)n, text + off);
	return out;
}

static void test_split_with_meta(void)
{
	const char *text = "---\ntitle: Т\nn: 1\n---\nТекст\nещё\n";
	struct nv_split s;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_split("a.md", text, strlen(text), &s, &d), 0);
	CHECK(s.has_meta);
	CHECK_STR(part(text, s.meta_off, s.meta_len), "title: Т\nn: 1\n");
	CHECK_INT(s.meta_line, 2);
	CHECK_STR(part(text, s.body_off, s.body_len), "Текст\nещё\n");
	CHECK_INT(s.body_line, 5);
	CHECK_INT(d.nr, 0);
}

static void test_split_bom_crlf_and_dots(void)
{
	const char *text = "\xEF\xBB\xBF---  \r\na: 1\r\n... \r\nbody";
	struct nv_split s;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_split("a.md", text, strlen(text), &s, &d), 0);
	CHECK(s.has_meta);
	CHECK_STR(part(text, s.meta_off, s.meta_len), "a: 1\r\n");
	CHECK_STR(part(text, s.body_off, s.body_len), "body");
	CHECK_INT(s.body_line, 4);
}

static void test_split_without_meta(void)
{
	const char *text = "\xEF\xBB\xBF# Заголовок\n---\n";
	struct nv_split s;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_split("a.md", text, strlen(text), &s, &d), 0);
	CHECK(!s.has_meta);
	CHECK_INT(s.body_off, 3); /* the BOM is skipped */
	CHECK_STR(part(text, s.body_off, s.body_len), "# Заголовок\n---\n");
	CHECK_INT(s.body_line, 1);
	/* a fence at the very end leaves an empty body */
	CHECK_INT(nv_frontmatter_split("a.md", "---\na: 1\n---", strlen("---\na: 1\n---"), &s, &d),
		  0);
	CHECK(s.has_meta);
	CHECK_INT(s.body_len, 0);
	CHECK_INT(s.body_line, 4);
	CHECK_INT(d.nr, 0);
}

/*
 * Not a fence, but what was meant for one: «----», «—» (Word's dash for
 * three hyphens) opening or closing the block, fields with no «---»
 * before them. Each an error at its line, not a body without fields.
 */
static void test_split_near_fences(void)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "----\na: 1\n---\n",
		  "a.md:1:1: 0: файл начинается строкой «----», а блок полей открывает строка "
		  "из трёх дефисов «---» | Word заменяет три дефиса на тире: наберите «---» заново "
		  "(в Блокноте или отключив автозамену)\n" },
		{ "\xE2\x80\x94\r\ntitle: Т\r\n\xE2\x80\x94\r\n",
		  "a.md:1:1: 0: файл начинается строкой «—», а блок полей открывает строка из "
		  "трёх дефисов «---» | Word заменяет три дефиса на тире: наберите «---» заново (в "
		  "Блокноте или отключив автозамену)\n" },
		{ "---\ntitle: Т\n\xE2\x80\x93 -\nТекст\n",
		  "a.md:3:1: 0: блок полей открыт строкой «---», а закрыт строкой «– -»: нужно "
		  "ровно три дефиса | Word заменяет три дефиса на тире: наберите «---» заново (в "
		  "Блокноте или отключив автозамену)\n" },
		{ "title: Т\n\nТекст\n",
		  "a.md:1:1: 0: поля документа без строки «---» перед ними: «title: Т» "
		  "читается как текст документа | добавьте строку «---» перед первым полем и ещё "
		  "одну после последнего, перед текстом документа\n" },
	};
	struct nv_split s;
	struct nv_diags d = NV_DIAGS_INIT;
	char *got;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		CHECK_INT(
			nv_frontmatter_split("a.md", cases[i].text, strlen(cases[i].text), &s, &d),
			-1);
		got = nv_test_diags_text(&d);
		CHECK_STR(got, cases[i].want);
		free(got);
		nv_diags_release(&d);
	}
	/* A body may start with a list, a field-like line in Russian, a rule of «***». */
	CHECK_INT(nv_frontmatter_split("a.md", "- пункт\n", 8, &s, &d), 0);
	CHECK_INT(nv_frontmatter_split("a.md", "Цель: рост\n", strlen("Цель: рост\n"), &s, &d), 0);
	CHECK_INT(nv_frontmatter_split("a.md", "***\n", 4, &s, &d), 0);
	CHECK_INT(d.nr, 0);
}

static void test_split_unclosed(void)
{
	const char *text = "---\ntitle: Т\n\nТекст\n";
	struct nv_split s;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_split("a.md", text, strlen(text), &s, &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK_STR(diags(&d), "a.md:1:1: блок полей в начале файла открыт строкой «---», но не "
			     "закрыт | добавьте строку «---» после последнего поля, перед текстом "
			     "документа");
	nv_diags_release(&d);
}

static void test_text_check(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	const char *cp1251 = "title: \xcf\xf0\xe8\xea\xe0\xe7\n";

	CHECK_INT(nv_text_check("a.md", "Привет\n", strlen("Привет\n"), &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK_INT(nv_text_check("a.md", "а\nбв\xff", strlen("а\nбв\xff"), &d), -1);
	CHECK_STR(diags(&d), "a.md:2:3: файл не в кодировке UTF-8: недопустимый байт 0xFF | "
			     "сохраните файл в кодировке UTF-8 (часто файл сохранён в "
			     "Windows-1251: в редакторе выберите «Сохранить как» → кодировка "
			     "UTF-8)");
	nv_diags_release(&d);
	CHECK_INT(nv_text_check("a.md", cp1251, strlen(cp1251), &d), -1);
	CHECK_INT(d.v[0].line, 1);
	CHECK_INT(d.v[0].col, 8);
	nv_diags_release(&d);
	CHECK_INT(nv_text_check("a.md", "ab\nЯ\0z", 7, &d), -1);
	CHECK_STR(diags(&d), "a.md:2:2: в файле нулевой байт: это не текстовый файл | документы "
			     "пишутся в текстовом формате Markdown (.md); вложения кладите в "
			     "content/files/");
	nv_diags_release(&d);
}

static void test_too_big(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	char mb[32];
	char want[512];
	char *big = calloc(NV_MAX_FILE_SIZE + 1, 1);

	CHECK(big);
	memset(big, 'a', NV_MAX_FILE_SIZE + 1);
	CHECK_INT(nv_text_check("a.md", big, NV_MAX_FILE_SIZE, &d), 0);
	CHECK_INT(nv_text_check("a.md", big, NV_MAX_FILE_SIZE + 1, &d), -1);
	free(big);
	snprintf(want, sizeof(want),
		 "a.md:0:0: файл слишком большой: %s | допускается не больше 4 МБ; разделите "
		 "документ на части или положите большие файлы в content/files/",
		 nv_megabytes(mb, sizeof(mb), NV_MAX_FILE_SIZE + 1));
	CHECK_STR(diags(&d), want);
	nv_diags_release(&d);
}

static void test_load(void)
{
	const char *text = "---\ntitle: Положение\nn: 41\n---\nТекст\n";
	struct nv_split s;
	struct nv_value *meta = NULL;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_load("a.md", text, strlen(text), &s, &meta, &d), 0);
	CHECK(meta && meta->type == NV_MAP);
	CHECK_STR(nv_map_get_str(meta, "title"), "Положение");
	/* positions are the file's own lines */
	CHECK_INT(nv_map_get(meta, "n")->line, 3);
	CHECK_INT(nv_map_get(meta, "n")->col, 4);
	CHECK_INT(s.body_line, 5);
	nv_value_free(meta);
	/* no front matter, or an empty one: an empty map */
	CHECK_INT(nv_frontmatter_load("a.md", "Текст", strlen("Текст"), &s, &meta, &d), 0);
	CHECK(meta && meta->type == NV_MAP && meta->nr == 0);
	nv_value_free(meta);
	CHECK_INT(nv_frontmatter_load("a.md", "---\n---\nТекст", strlen("---\n---\nТекст"), &s,
				      &meta, &d),
		  0);
	CHECK(meta && meta->type == NV_MAP && meta->nr == 0);
	CHECK_INT(meta->line, 2);
	nv_value_free(meta);
	CHECK_INT(d.nr, 0);
}

static void test_load_errors(void)
{
	const char *list = "---\n- a\n- b\n---\n";
	struct nv_split s;
	struct nv_value *meta = NULL;
	struct nv_diags d = NV_DIAGS_INIT;

	CHECK_INT(nv_frontmatter_load("a.md", list, strlen(list), &s, &meta, &d), -1);
	CHECK(!meta);
	CHECK_STR(diags(&d), "a.md:2:1: в начале файла ожидаются поля «ключ: значение», а здесь "
			     "список | каждая строка между «---» имеет вид «ключ: значение», "
			     "например «title: Положение о наставничестве»");
	nv_diags_release(&d);
	/* a YAML error is reported at its line in the file */
	CHECK_INT(nv_frontmatter_load("a.md", "---\na: 1\nb: [\n---\n",
				      strlen("---\na: 1\nb: [\n---\n"), &s, &meta, &d),
		  -1);
	CHECK(!meta);
	CHECK_STR(diags(&d), "a.md:4:1: ожидалось значение | проверьте строку: возможно, лишний "
			     "символ или незакрытая скобка");
	nv_diags_release(&d);
	/* an unclosed block and bad bytes stop before YAML */
	CHECK_INT(nv_frontmatter_load("a.md", "---\na: 1\n", strlen("---\na: 1\n"), &s, &meta, &d),
		  -1);
	CHECK_INT(d.errors, 1);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_split_with_meta);
	NV_RUN(test_split_bom_crlf_and_dots);
	NV_RUN(test_split_without_meta);
	NV_RUN(test_split_near_fences);
	NV_RUN(test_split_unclosed);
	NV_RUN(test_text_check);
	NV_RUN(test_too_big);
	NV_RUN(test_load);
	NV_RUN(test_load_errors);
}
