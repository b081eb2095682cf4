/* Unit tests for hyphenate.c: soft hyphens in Russian words. */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"

#define SHY "\xC2\xAD"

static struct nv_hyphen *dict;

/* s with soft hyphens added (shown as '|' for readable checks), in a static buffer. */
static const char *hy(const char *s, bool markup)
{
	static char out[512];
	struct nv_buf b = NV_BUF_INIT;
	size_t i, o = 0;

	nv_hyphen_add(dict, &b, s, strlen(s), markup);
	for (i = 0; i < b.len && o + 1 < sizeof(out); i++) {
		if (i + 1 < b.len && !memcmp(b.ptr + i, SHY, 2)) {
			out[o++] = '|';
			i++;
		} else {
			out[o++] = b.ptr[i];
		}
	}
	out[o] = '\0';
	nv_buf_release(&b);
	return out;
}

static void test_load(void)
{
	CHECK(!nv_hyphen_load("/nonexistent/hyph_ru_RU.dic"));
	nv_hyphen_free(NULL);
	dict = nv_hyphen_load(NV_HYPHEN_RU);
	CHECK(dict != NULL);
}

static void test_words(void)
{
	CHECK(dict);
	CHECK_STR(hy("наставничество", false), "на|став|ни|че|ство");
	/* upper case and «ё» are hyphenated like lower case and «е» */
	CHECK_STR(hy("ПРИКАЗЫВАЮ:", false), "ПРИ|КА|ЗЫ|ВАЮ:");
	CHECK_STR(hy("ёлочка учитель-наставник", false), "ёлоч|ка учи|тель-на|став|ник");
}

static void test_two_letters_each_side(void)
{
	CHECK(dict);
	/* «Обра-зо-ва-ние», never «О-бразование» or «…ни-е» */
	CHECK_STR(hy("Образование", false), "Обра|зо|ва|ние");
}

static void test_left_whole(void)
{
	CHECK(dict);
	/* fewer than five letters */
	CHECK_STR(hy("мама папа дочь", false), "мама папа дочь");
	/* glued to digits */
	CHECK_STR(hy("10классники наставники5", false), "10классники наставники5");
	/* mixed with Latin letters, or Latin only */
	CHECK_STR(hy("наставникi mentoring", false), "наставникi mentoring");
	/* longer than 64 letters: not hyphenated at all */
	CHECK_STR(hy("превысокомногорассмотрительствующийпревысокомногорассмотрительств", false),
		  "превысокомногорассмотрительствующийпревысокомногорассмотрительств");
}

static void test_markup(void)
{
	CHECK(dict);
	CHECK_STR(hy("<span font=\"наставничество\">наставничество</span> &laquo;", true),
		  "<span font=\"наставничество\">на|став|ни|че|ство</span> &laquo;");
	/* without markup the attribute is text like any other */
	CHECK_STR(hy("<b x=\"наставничество\">", false), "<b x=\"на|став|ни|че|ство\">");
	/* an unterminated tag runs to the end */
	CHECK_STR(hy("<b наставничество", true), "<b наставничество");
}

static void test_bytes_kept(void)
{
	struct nv_buf b = NV_BUF_INIT;
	const char text[] = "a\xff наставничество\0b";

	CHECK(dict);
	/* bad bytes and NULs are copied, the rest still hyphenated */
	nv_hyphen_add(dict, &b, text, sizeof(text) - 1, false);
	CHECK_INT(b.len, sizeof(text) - 1 + 4 * 2);
	CHECK(!memcmp(b.ptr, "a\xff на" SHY "став", 13));
	CHECK(!memcmp(b.ptr + b.len - 2, "\0b", 2));
	nv_buf_reset(&b);
	/* without a dictionary, a plain copy */
	nv_hyphen_add(NULL, &b, "наставничество", strlen("наставничество"), false);
	CHECK_STR(b.ptr, "наставничество");
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_load);
	NV_RUN(test_words);
	NV_RUN(test_two_letters_each_side);
	NV_RUN(test_left_whole);
	NV_RUN(test_markup);
	NV_RUN(test_bytes_kept);
	nv_hyphen_free(dict);
}
