/*
 * Unit tests for guard_mixed.c: a name typed with Latin look-alikes of
 * Russian letters is found where it stands in the text as written, a
 * word all in Latin letters stays Latin, and the hint names the letters.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "harness.h"
#include "markdown.h"
#include "model.h"

static struct nv_person zaitseva = { .id = "zaitseva-ov",
				     .surname = "Зайцева",
				     .name = "Ольга",
				     .patronymic = "Викторовна",
				     .category = NV_CAT_TEACHER,
				     .publish = NV_PUBLISH_NONE };

static struct nv_guard *guard(void)
{
	static struct nv_person *people[1] = { &zaitseva };
	static struct nv_model m;

	m.people = people;
	m.npeople = 1;
	return nv_guard_new(&m);
}

/* The mentions of text as «start-end» pairs, the way nv_guard_mixed_next() gives them. */
static char *hits_in(struct nv_guard_mixed *m, const struct nv_guard *g, const char *text,
		     bool markup)
{
	struct nv_buf b = NV_BUF_INIT;
	struct nv_guard_hit h;
	size_t at = 0, len = strlen(text);

	nv_guard_mixed_start(m, text, len);
	while (nv_guard_mixed_next(m, g, text, len, &at, markup, &h))
		nv_buf_addf(&b, "%s%zu-%zu", b.len ? " " : "", h.start, h.end);
	return b.ptr ? nv_buf_detach(&b, NULL) : nv_xstrdup("");
}

static char *hits(struct nv_guard_mixed *m, const struct nv_guard *g, const char *text)
{
	return hits_in(m, g, text, false);
}

#define HITS(text, want)                                                                        \
	do {                                                                                    \
		char *got_ = hits(&m, g, (text));                                               \
		bool ok_ = !strcmp(got_, (want));                                               \
		if (!ok_)                                                                       \
			nv_test_failed(__FILE__, __LINE__, "«%s»: got «%s», want «%s»", (text), \
				       got_, (want));                                           \
		free(got_);                                                                     \
	} while (0)

static void test_names_with_latin_letters(void)
{
	struct nv_guard *g = guard();
	struct nv_guard_mixed m;

	nv_guard_mixed_init(&m);
	/* «Зайцевa»: a Latin «a» at its end (13 bytes: 6 letters of 2, then 1), 21 with the
	 * initials. */
	HITS("Зайцевa О. В. пришла", "0-21");
	CHECK(m.copy);
	/* After a Latin letter the offsets are the text's, not the copy's: «Cмирнов» is 13 bytes.
	 */
	HITS("Cмирнов и Зайцевoй О. В.", "17-40");
	/* «Зайцевой» with a «й» of two characters: 4 bytes for 2, the offsets still the text's. */
	HITS("и Зайцевои\u0306 О. В. тоже", "3-29");
	CHECK(m.copy);
	/* «Зайце-» / «вой» broken at the end of a line: the hyphen, the break and the indent go. */
	HITS("и Зайце-\n  вой О. В. тоже", "3-31");
	/* Broken so and with a Latin «a» or a «й» of two characters before the hyphen. */
	HITS("и Зaйце-\n  вой О. В. тоже", "3-30");
	HITS("и Заи\u0306це-\n  вой О. В. тоже", "3-33");
	/* Words all in one alphabet are read as they are: no copy. */
	HITS("Зайцева О. В., Zaitseva, Orlov", "0-22 24-32");
	CHECK(!m.copy);
	HITS("Cat и кот", "");
	CHECK(!m.copy);
	nv_guard_mixed_release(&m);
	nv_guard_free(g);
}

/* In HTML (a template of the theme): tags stay Latin, the name in the text is found. */
static void test_markup(void)
{
	struct nv_guard *g = guard();
	struct nv_guard_mixed m;
	char *got;

	nv_guard_mixed_init(&m);
	/* «<p class="x">» is 13 bytes, «Зaйцевa <em>О.</em> В.» 29 */
	got = hits_in(&m, g, "<p class=\"x\">Зaйцевa <em>О.</em> В.</p>", true);
	CHECK_STR(got, "13-42");
	CHECK(m.copy);
	free(got);
	got = hits_in(&m, g, "<p class=\"x\">Зайцева</p><a href=\"list.html\">x</a>", true);
	CHECK_STR(got, "13-27");
	CHECK(!m.copy);
	free(got);
	nv_guard_mixed_release(&m);
	nv_guard_free(g);
}

/* The quick test sees a pair of alphabets across the 16-byte blocks and at the end. */
static void test_may_mix(void)
{
	char s[64];
	size_t i;

	CHECK(!nv_md_may_mix("Зайцева Ольга Викторовна, Orlov P., школа", 0));
	CHECK(!nv_md_may_mix("Зайцева Ольга Викторовна, Orlov P., «школа»", 50));
	for (i = 0; i + 3 <= 40; i++) {
		memset(s, ' ', sizeof(s));
		memcpy(s + i, "o\xD0\xB0", 3); /* a Latin «o», then «а» */
		CHECK(nv_md_may_mix(s, 40));
		memcpy(s + i, "\xD0\xB0o", 3); /* «а», then a Latin «o» */
		CHECK(nv_md_may_mix(s, 40));
		memcpy(s + i, " \xD0\xB0", 3);
		CHECK(!nv_md_may_mix(s, 40));
	}
}

static void test_hint(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_guard_mixed_hint(&b, "Зайцева О. В.", strlen("Зайцева О. В."), true);
	CHECK(!b.len);
	nv_guard_mixed_hint(&b, "Зaйцевa O. В.", strlen("Зaйцевa O. В."), true);
	CHECK_STR(b.ptr, "; в этом имени «a» латинская: наберите его заново в русской раскладке");
	nv_buf_reset(&b);
	nv_guard_mixed_hint(&b, "ЗAЙЦEBA", strlen("ЗAЙЦEBA"), true);
	CHECK_STR(b.ptr, "; в этом имени «A», «E», «B» латинские: наберите его заново в русской "
			 "раскладке");
	nv_buf_reset(&b);
	nv_guard_mixed_hint(&b, "Зуи\u0306кова", strlen("Зуи\u0306кова"), true);
	CHECK_STR(b.ptr, "; в этом имени «й» из двух знаков, буквы «и» и надстрочного знака: "
			 "наберите его заново в русской раскладке");
	nv_buf_release(&b);
}

/* The words with wrong letters, one by one, with what is wrong in each. */
static void test_words(void)
{
	const char *s = "МАОУ «CОШ» и Сергeев, Petrov, IT-куб, ПETPOBOЙ, Зуи\u0306кова, Алёна, "
			"Але\u0308на";
	struct nv_guard_word w = { .latin = NV_BUF_INIT };
	size_t at = 0, n = strlen(s);

	CHECK(nv_guard_mixed_word(s, n, &at, &w));
	CHECK_INT((int)w.start, (int)strlen("МАОУ «"));
	CHECK_INT((int)(w.end - w.start), (int)strlen("CОШ"));
	CHECK_INT((int)at, (int)w.end);
	CHECK_STR(w.latin.ptr, "«C»");
	CHECK_INT((int)w.nlatin, 1);
	CHECK(nv_guard_mixed_word(s, n, &at, &w));
	CHECK_STR(w.latin.ptr, "«e»");
	CHECK(nv_guard_mixed_word(s, n, &at, &w));
	CHECK_INT((int)(w.end - w.start), (int)strlen("ПETPOBOЙ"));
	CHECK_STR(w.latin.ptr, "«E», «T», «P», «O», «B»");
	CHECK_INT((int)w.nlatin, 5);
	CHECK(!w.split);
	/* «й» and «ё» of two characters: the word whole, no Latin letter. */
	CHECK(nv_guard_mixed_word(s, n, &at, &w));
	CHECK_INT((int)(w.end - w.start), (int)strlen("Зуи\u0306кова"));
	CHECK_INT((int)w.nlatin, 0);
	CHECK_STR(w.split, "й");
	CHECK(nv_guard_mixed_word(s, n, &at, &w));
	CHECK_STR(w.split, "ё");
	CHECK_INT((int)w.start, (int)(n - strlen("Але\u0308на")));
	CHECK(!nv_guard_mixed_word(s, n, &at, &w));
	CHECK_INT((int)at, (int)n);
	CHECK(nv_md_text_facts(s, n) & NV_MD_TEXT_MIXED);
	CHECK(!(nv_md_text_facts("Petrov, IT-куб", strlen("Petrov, IT-куб")) & NV_MD_TEXT_MIXED));
	CHECK(nv_md_may_mix("Зуи\u0306кова", strlen("Зуи\u0306кова")));
	nv_guard_word_release(&w);
}

void nv_tests(void)
{
	NV_RUN(test_names_with_latin_letters);
	NV_RUN(test_markup);
	NV_RUN(test_may_mix);
	NV_RUN(test_hint);
	NV_RUN(test_words);
}
