/* Unit tests for hyphenate.c: soft hyphens in Russian words. */
#include "common.h"

#include <hyphen.h>

#include "alloc.h"
#include "buf.h"
#include "fs.h"
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

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The strings of a nohyphen list: nohyphenl + 1 of them. */
static bool same_nohyphen(const HyphenDict *a, const HyphenDict *b)
{
	const char *p = a->nohyphen, *q = b->nohyphen;
	int i;

	if (!p || !q)
		return p == q;
	for (i = 0; i <= a->nohyphenl; i++, p += strlen(p) + 1, q += strlen(q) + 1)
		if (strcmp(p, q))
			return false;
	return true;
}

/* Every level, state, transition and string of a as of b. */
static bool same_dict(const HyphenDict *a, const HyphenDict *b)
{
	int i, k;

	for (; a && b; a = a->nextlevel, b = b->nextlevel) {
		if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
		    a->crhmin != b->crhmin || a->nohyphenl != b->nohyphenl ||
		    a->num_states != b->num_states || a->utf8 != b->utf8 ||
		    memcmp(a->cset, b->cset, sizeof(a->cset)) || !same_nohyphen(a, b))
			return false;
		for (i = 0; i < a->num_states; i++) {
			const HyphenState *s = &a->states[i], *t = &b->states[i];

			/* (replindex and replcut are read only with repl: the loader leaves them
			 * unset) */
			if (!same_str(s->match, t->match) || !same_str(s->repl, t->repl) ||
			    (s->repl &&
			     (s->replindex != t->replindex || s->replcut != t->replcut)) ||
			    s->fallback_state != t->fallback_state ||
			    s->num_trans != t->num_trans || !s->trans != !t->trans)
				return false;
			for (k = 0; s->trans && k < s->num_trans; k++)
				if (s->trans[k].ch != t->trans[k].ch ||
				    s->trans[k].new_state != t->trans[k].new_state)
					return false;
		}
	}
	return !a && !b;
}

/*
 * The patterns compiled in at build time are those libhyphen makes of
 * the file, and are used only for that very file: one byte changed, and
 * libhyphen's loader reads it.
 */
static void test_built_in(void)
{
	HyphenDict *ref = hnj_hyphen_load(NV_HYPHEN_RU);
	struct nv_hyphen *other;
	struct nv_buf text = NV_BUF_INIT;
	char *path;

	CHECK(ref != NULL);
	CHECK(nv_hyphen_built_in(dict));
	CHECK(same_dict(nv_hyphen_dict(dict), ref));
	CHECK(nv_read_file(NV_HYPHEN_RU, 1 << 20, &text) == 0);
	path = nv_xasprintf("%s/hyph.dic", nv_test_tmpdir());
	CHECK(nv_write_file(path, text.ptr, text.len) == 0);
	other = nv_hyphen_load(path);
	CHECK(nv_hyphen_built_in(other));
	nv_hyphen_free(other);
	nv_buf_addch(&text, '\n');
	CHECK(nv_write_file(path, text.ptr, text.len) == 0);
	other = nv_hyphen_load(path);
	CHECK(other && !nv_hyphen_built_in(other));
	hnj_hyphen_free(ref);
	ref = hnj_hyphen_load(path);
	CHECK(same_dict(nv_hyphen_dict(other), ref));
	nv_hyphen_free(other);
	hnj_hyphen_free(ref);
	nv_buf_release(&text);
	free(path);
}

static void test_words(void)
{
	CHECK(dict);
	CHECK_STR(hy("наставничество", false), "на|став|ни|че|ство");
	/* a capital at the start of a sentence and «ё» are hyphenated like lower case and «е» */
	CHECK_STR(hy("Наставничество. Ёлочка учитель-наставник", false),
		  "На|став|ни|че|ство. Ёлочка учи|тель-на|став|ник");
}

static void test_two_letters_each_side(void)
{
	CHECK(dict);
	/* «Обра-зо-ва-ние», never «О-бразование» or «…ни-е» */
	CHECK_STR(hy("Образование", false), "Обра|зо|ва|ние");
}

static void test_russian_rules(void)
{
	CHECK(dict);
	/* three letters after a break: never «коллекти-ве», «шко-лу», «устанавливают-ся» */
	CHECK_STR(hy("коллективе школу устанавливаются", false),
		  "кол|лек|тиве школу устанав|ливаются");
	/* a part without a vowel goes with the one before: never «пе-рсонализированных» */
	CHECK_STR(hy("персонализированных", false), "пер|со|на|ли|зи|ро|ван|ных");
	/* no break before «ь», «ъ», «й» */
	CHECK_STR(hy("подъезд объявление", false), "подъезд объяв|ле|ние");
}

/* Names, places and abbreviations stay whole; a capital at the start of a sentence does not. */
static void test_names_whole(void)
{
	CHECK(dict);
	CHECK_STR(hy("назначить Лебедеву Анну Сергеевну в Верхнеозёрском округе", false),
		  "на|зна|чить Лебедеву Анну Сергеевну в Верхнеозёрском округе");
	/* two capitals or more: abbreviations, words in capitals */
	CHECK_STR(hy("МАОУ МБДОУ ПРИКАЗЫВАЮ: СОШ-И наставникИ", false),
		  "МАОУ МБДОУ ПРИКАЗЫВАЮ: СОШ-И наставникИ");
	/* a sentence begins after «.», «!», «?», «…», not after an initial or «г.» */
	CHECK_STR(hy("Работа. Работа! Работа? Работа… Работа", false),
		  "Ра|бота. Ра|бота! Ра|бота? Ра|бота… Ра|бота");
	CHECK_STR(hy("Работа в г. Верхнеозёрск, И.В. Соколова, ул. Садовая", false),
		  "Ра|бота в г. Верхнеозёрск, И.В. Соколова, ул. Садовая");
	/* nor after the periods of a date or a number */
	CHECK_STR(hy("приказом от 20.08.2025 Управления, пункт 3.1 Положения", false),
		  "при|ка|зом от 20.08.2025 Управления, пункт 3.1 Положения");
	/* in markup: tags and entities between do not begin a sentence */
	CHECK_STR(hy("учителю <b>Лебедевой</b> &laquo;Работа&raquo;&hellip; Работа", true),
		  "учи|телю <b>Лебедевой</b> &laquo;Работа&raquo;&hellip; Ра|бота");
}

/* Kept words stay whole in their case forms, also at the start of a sentence. */
static void test_kept_words(void)
{
	struct nv_hyphen *h = nv_hyphen_load(NV_HYPHEN_RU);
	struct nv_hyphen *was = dict;

	CHECK(h);
	nv_hyphen_keep(h, "Лебедева", false);
	nv_hyphen_keep(h, "Анна Сергеевна", false);
	nv_hyphen_keep(h, "Управление образования администрации Верхнеозёрского округа", true);
	nv_hyphen_keep(NULL, "Лебедева", false);
	dict = h;
	CHECK_STR(hy("Лебедевой. Лебедеву. Лебедевыми. Сергеевной. Верхнеозёрский. Верхнеозёрском",
		     false),
		  "Лебедевой. Лебедеву. Лебедевыми. Сергеевной. Верхнеозёрский. Верхнеозёрском");
	/* another word, a word in lower case and the first word of a names_only text are not kept
	 */
	CHECK_STR(hy("Лебяжий. лебедевой. Управление", false),
		  "Ле|бя|жий. ле|бе|де|вой. Управ|ле|ние");
	dict = was;
	nv_hyphen_free(h);
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
	NV_RUN(test_built_in);
	NV_RUN(test_words);
	NV_RUN(test_two_letters_each_side);
	NV_RUN(test_russian_rules);
	NV_RUN(test_names_whole);
	NV_RUN(test_kept_words);
	NV_RUN(test_left_whole);
	NV_RUN(test_markup);
	NV_RUN(test_bytes_kept);
	nv_hyphen_free(dict);
}
