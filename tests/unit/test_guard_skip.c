/*
 * Unit tests for the guard's skipping pass (guard_skip.c): the blocks of
 * 63 bytes it reads at once must stop where the pass that reads a
 * character or a tag at a time (nv_guard_skip_steps()) stops, from every
 * place of texts built of the characters it treats apart, and a name
 * hidden right after one of them, or across the edge of a block, is
 * still found. An attribute a thread has found no name in for one guard
 * is read again for another. The blocks read by AVX2 give the bits
 * SSE2 gives, and stop where SSE2 stops. Two Russian letters looked up at once
 * (g->cyr2), and three (g->cyr3), stop where the classes one at a time stop. A window a thread
 * kept a mention of (guard_memo.c) is taken again only for the same
 * guard, the same bytes, the same end of the text and the same markup;
 * a run of markup the pass went through (guard_memo.c), for the same
 * guard and bytes.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "../../generator/guard_int.h"
#include "harness.h"
#include "model.h"

static struct nv_person gusev = { .id = "gusev-dv",
				  .surname = "Гусев",
				  .name = "Дмитрий",
				  .patronymic = "Валерьевич",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_NONE };
static struct nv_person li = { .id = "li-ms",
			       .surname = "Ли",
			       .name = "Мария",
			       .category = NV_CAT_TEACHER,
			       .publish = NV_PUBLISH_NONE };
static struct nv_person yolkin = { .id = "yolkin-e",
				   .surname = "Ёлкин",
				   .name = "Егор",
				   .category = NV_CAT_STUDENT,
				   .class_name = "9 «Б»",
				   .publish = NV_PUBLISH_NONE };
static struct nv_person konst = { .id = "konstantinopolskaya-ea",
				  .surname = "Константинопольская",
				  .name = "Елена",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_NONE };
static struct nv_person sokolova = { .id = "sokolova-iv",
				     .surname = "Соколова",
				     .name = "Ирина",
				     .category = NV_CAT_TEACHER,
				     .publish = NV_PUBLISH_FULL };
/* Last: keys with a byte no letter, which the pass compares apart (g->odd). */
static struct nv_person korsakova = { .id = "voskresenskaya-korsakova-a",
				      .surname = "Воскресенская-Корсакова",
				      .name = "Анна",
				      .category = NV_CAT_TEACHER,
				      .publish = NV_PUBLISH_NONE };
static struct nv_person yunkim = { .id = "yun-kim-s",
				   .surname = "Юн-Ким",
				   .name = "Сергей",
				   .category = NV_CAT_TEACHER,
				   .publish = NV_PUBLISH_NONE };

static struct nv_guard *guard(bool odd)
{
	static struct nv_person *people[] = { &gusev,	 &li,	     &yolkin, &konst,
					      &sokolova, &korsakova, &yunkim };
	static struct nv_model m;

	memset(&m, 0, sizeof(m));
	m.people = people;
	m.npeople = NV_ARRAY_SIZE(people) - 2 * !odd;
	return nv_guard_new(&m);
}

/*
 * Pieces of text: letters of names and not, every kind of character the
 * blocks read as a separator or leave to be read alone, tags with and
 * without attributes, references, bytes that are no UTF-8.
 */
static const char *const pieces[] = {
	"Гусев",
	"гусеву",
	"Гу",
	"сев",
	"Ли",
	"ли",
	"Ёлкину",
	"ёлкин",
	"Константинопольской",
	"Юн-Ким",
	"yun",
	"gusev",
	"Соколова",
	"переподготовка",
	"и",
	"на",
	"по",
	"Д. В. ",
	" ",
	"  ",
	"\n",
	".",
	",",
	"-",
	"\"",
	"\xC2\xA0",	/* no-break space */
	"\xE2\x80\xAF", /* narrow no-break space */
	"\xC2\xAB",	/* « */
	"\xC2\xBB",	/* » */
	"\xE2\x80\x94", /* — */
	"\xE2\x80\x93", /* – */
	"\xE2\x84\x96", /* № */
	"\xE2\x80\x9C", /* “ */
	"\xE2\x80\xA6", /* … */
	"\xC2\xAD",	/* soft hyphen */
	"\xE2\x80\x8B", /* zero width space */
	"\xE2\x80\x8D", /* zero width joiner */
	"\xE2\x81\xA0", /* word joiner */
	"\xEF\xBB\xBF", /* zero width no-break space */
	"\xCC\x81",	/* combining acute accent */
	"\xCD\xB0",	/* Ͱ: after 0xCD, no accent */
	"\xD1\x96",	/* і: a letter, not a Russian one */
	"\xD0\x80",	/* Ѐ */
	"\xC3\xA9",	/* é */
	"\xD0",		/* no UTF-8 */
	"\xE2\x80",	/* cut short */
	"\x80",		/* a lone continuation byte */
	"<em>",
	"</em>",
	"<b>",
	"</p>",
	"<p>",
	"<h3>",
	"</li>",
	"<P>",
	"<br />",
	"<a href=\"../gusev.html\">",
	"<i title=\"Гусев\">",
	"<span class=\"nobr\">",
	"<td data-x=\"&amp; Ли\">",
	"<!-- Гусев -->",
	"<",
	"a < b",
	"&nbsp;",
	"&shy;",
	"&#1043;",
	"&amp;",
	"&",
};

/*
 * The tags a word goes on through, and no other: every name of one to
 * three letters, each of these in capitals, and longer names that are
 * not one (one letter changed, block tags).
 */
static void test_inline_tags(void)
{
	static const char *const inl[] = {
		"a",	"abbr",	  "b",	 "bdi", "bdo",	"cite", "code", "data", "del",	"dfn",
		"em",	"font",	  "i",	 "ins", "kbd",	"mark", "q",	"s",	"samp", "small",
		"span", "strong", "sub", "sup", "time", "u",	"var",	"wbr"
	};
	static const char *const other[] = { "abbx",  "spam",	"smalm", "strons",
					     "table", "header", "li",	 "td",
					     "h3",    "div",	"p",	 "blockquote" };
	char name[8];
	size_t i, k, len;
	bool want, ok = true;

	for (len = 1; len <= 3; len++)
		for (k = 0; k < (len == 1 ? 26u : len == 2 ? 676u : 17576u); k++) {
			for (i = 0; i < len; i++)
				name[i] = (char)('a' + (k / (i == 0 ? 1 : i == 1 ? 26 : 676)) % 26);
			name[len] = '\0';
			for (want = false, i = 0; i < NV_ARRAY_SIZE(inl); i++)
				want = want || !strcmp(name, inl[i]);
			if (nv_guard_is_inline_tag(name, len) != want) {
				nv_test_failed(__FILE__, __LINE__, "«%s»: not %d", name, want);
				ok = false;
			}
		}
	for (i = 0; i < NV_ARRAY_SIZE(inl); i++) {
		len = strlen(inl[i]);
		for (k = 0; k < len; k++)
			name[k] = (char)(inl[i][k] - 0x20);
		ok = ok && nv_guard_is_inline_tag(inl[i], len) && nv_guard_is_inline_tag(name, len);
	}
	for (i = 0; i < NV_ARRAY_SIZE(other); i++)
		ok = ok && !nv_guard_is_inline_tag(other[i], strlen(other[i]));
	CHECK(ok);
}

/* A text of n pieces picked by the generator *seed (a fixed sequence). */
static void random_text(struct nv_buf *b, uint32_t *seed, size_t n)
{
	size_t k;

	nv_buf_reset(b);
	for (k = 0; k < n; k++) {
		*seed = *seed * 1103515245u + 12345u;
		nv_buf_adds(b, pieces[(*seed >> 16) % NV_ARRAY_SIZE(pieces)]);
	}
}

/* nv_guard_skip() and nv_guard_skip_steps() from every place of `text` (a copy without its NUL). */
static bool same_skips(const struct nv_guard *g, const struct nv_buf *in, bool markup)
{
	char *text = nv_xmalloc(in->len ? in->len : 1);
	size_t i, fast, slow;
	bool ok = true;

	memcpy(text, in->ptr, in->len);
	for (i = 0; ok && i <= in->len; i++) {
		fast = nv_guard_skip(g, text, in->len, i, markup);
		slow = nv_guard_skip_steps(g, text, in->len, i, markup);
		if (fast != slow) {
			nv_test_failed(__FILE__, __LINE__,
				       "%s, from %zu of «%s»: %zu, one at a time %zu",
				       markup ? "markup" : "plain", i, in->ptr, fast, slow);
			ok = false;
		}
	}
	free(text);
	return ok;
}

/*
 * The vector widths nv_guard_skip() can read blocks with on this CPU:
 * 1, SSE2 (g->avx2 cleared), or 2 with AVX2.
 */
static int widths(void)
{
#ifdef NV_GUARD_AVX2
	return __builtin_cpu_supports("avx2") ? 2 : 1;
#else
	return 1;
#endif
}

/*
 * The blocks stop where one character at a time stops, with and without
 * odd keys, read by SSE2 and by AVX2 (where the CPU has it).
 */
static void test_blocks_as_steps(void)
{
	struct nv_guard *g[2] = { guard(false), guard(true) };
	struct nv_buf b = NV_BUF_INIT;
	uint32_t seed = 7;
	size_t t, k;
	bool ok = true;

	for (t = 0; ok && t < 1400; t++) {
		random_text(&b, &seed, 4 + t % 40);
		g[0]->avx2 = g[1]->avx2 = (t & 1) && widths() == 2;
		for (k = 0; ok && k < 4; k++)
			ok = same_skips(g[k & 1], &b, k >> 1);
	}
	nv_buf_release(&b);
	nv_guard_free(g[0]);
	nv_guard_free(g[1]);
	CHECK(ok);
}

/* Every mention in `in` (markup or not), as «id[!] raw» a line. */
static char *mentions(const char *in, bool markup)
{
	struct nv_guard *g = guard(true);
	struct nv_buf out = NV_BUF_INIT;
	struct nv_guard_hit h;
	size_t len = strlen(in), from = 0;
	char *text = nv_xmalloc(len ? len : 1);

	memcpy(text, in, len);
	while (nv_guard_find(g, text, len, from, markup, &h)) {
		nv_buf_addf(&out, "%s%s%s ", out.len ? "\n" : "", h.p->id, h.leak ? "!" : "");
		nv_buf_add(&out, text + h.start, h.end - h.start);
		from = h.end;
	}
	free(text);
	nv_guard_free(g);
	return nv_buf_detach(&out, NULL);
}

/*
 * A name right after a character the blocks read as a separator or
 * leave to be read alone, split by a tag, after a tag, in an attribute:
 * found with the text before it of every length from 0 to 131 bytes, so
 * that it falls on each place of a block (63 bytes) and across its edge.
 */
static void test_names_at_block_edges(void)
{
	static const struct {
		const char *text, *want;
		bool markup;
	} c[] = {
		{ "\xC2\xA0Гусеву", "gusev-dv! Гусеву", false },
		{ "\xE2\x80\xAFГусеву", "gusev-dv! Гусеву", false },
		{ "\xC2\xABГусев\xC2\xBB", "gusev-dv! Гусев", false },
		{ "\xE2\x80\x94Гусев", "gusev-dv! Гусев", false },
		{ "\xE2\x80\x93Гусев", "gusev-dv! Гусев", false },
		{ "\xE2\x84\x96Гусев", "gusev-dv! Гусев", false },
		{ "\xC3\xA9Гусев", "gusev-dv! Гусев", false },
		{ "слово\xD1\x96гусев", "gusev-dv! гусев", false },
		{ "\x80Гусев", "gusev-dv! Гусев", false },
		{ "Гу\xC2\xADсев", "gusev-dv! Гу\xC2\xADсев", false },
		{ "Гу\xCC\x81сев", "gusev-dv! Гу\xCC\x81сев", false },
		{ "Гусе\xE2\x80\x8Dв", "gusev-dv! Гусе\xE2\x80\x8Dв", false },
		{ "Ёлкину", "yolkin-e! Ёлкину", false },
		{ "Д.\xC2\xA0В.\xC2\xA0Гусев", "gusev-dv! Д.\xC2\xA0В.\xC2\xA0Гусев", false },
		{ "<em>Гу</em>сев", "gusev-dv! Гу</em>сев", true },
		{ "<em>Гу<b>се</b>в</em>", "gusev-dv! Гу<b>се</b>в", true },
		{ "<p>Гусев</p>", "gusev-dv! Гусев", true },
		{ "<span class=\"nobr\">Гусев</span>", "gusev-dv! Гусев", true },
		{ "&nbsp;Гусев", "gusev-dv! Гусев", true },
		{ "&laquo;Гусев&raquo;", "gusev-dv! Гусев", true },
		{ "Гу&shy;сев", "gusev-dv! Гу&shy;сев", true },
		{ "&#1043;усев", "gusev-dv! &#1043;усев", true },
		{ "<i title=\"\xC2\xA0Гусев\">x</i>", "gusev-dv! Гусев", true },
		{ "<a href=\"x\" title=\"&laquo;Гусев\">x</a>", "gusev-dv! Гусев", true },
		{ "<td data-x=\"Ли\">", "li-ms! Ли", true },
		{ "\xC2\xA0Константинопольской", "konstantinopolskaya-ea! Константинопольской",
		  false },
		{ "\xC2\xA0Юн-Киму", "yun-kim-s! Юн-Киму", false },
		{ "юн-\xC2\xADким", "yun-kim-s! юн-\xC2\xADким", false },
		{ "Воскресенская-Корсаковой",
		  "voskresenskaya-korsakova-a! Воскресенская-Корсаковой", false },
		{ "Воскресенская\xE2\x80\x94Корсакова",
		  "voskresenskaya-korsakova-a! Воскресенская\xE2\x80\x94Корсакова", false },
	};
	struct nv_buf in = NV_BUF_INIT;
	size_t k, pad, tail;
	char *got;
	bool ok = true;

	for (k = 0; ok && k < NV_ARRAY_SIZE(c); k++) {
		for (pad = 0; ok && pad < 132; pad++) {
			for (tail = 0; ok && tail < 3; tail++) {
				nv_buf_reset(&in);
				/* ASCII, Russian letters, or no-break spaces before the name. */
				if (tail == 2)
					while (in.len < pad)
						nv_buf_adds(&in, "ы\xC2\xA0");
				else
					nv_buf_addf(&in, "%.*s%s ", (int)(pad % 66),
						    "abcdefghijklmnopqrstuvwxyz"
						    "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
						    pad < 66 ? "" : "ы");
				nv_buf_adds(&in, c[k].text);
				nv_buf_adds(&in, tail == 1 ? " и другие слова текста" : "");
				got = mentions(in.ptr, c[k].markup);
				ok = !strcmp(got, c[k].want);
				if (!ok)
					nv_test_failed(__FILE__, __LINE__,
						       "in «%s»: got «%s», want «%s»", in.ptr, got,
						       c[k].want);
				free(got);
			}
		}
	}
	nv_buf_release(&in);
}

/* The same attribute read for one guard and then for another that has its name. */
static void test_seen_values(void)
{
	static struct nv_person *only_li[] = { &li };
	static const char *t = "<p><i title=\"Гусеву\">x</i></p>";
	static struct nv_model m;
	struct nv_guard *g;
	struct nv_guard_hit h;
	bool before[2], after;
	int k;

	memset(&m, 0, sizeof(m));
	m.people = only_li;
	m.npeople = 1;
	/* Freed and made again: the new guard may well be at the same address. */
	for (k = 0; k < 2; k++) {
		g = nv_guard_new(&m);
		before[k] = nv_guard_find(g, t, strlen(t), 0, true, &h);
		nv_guard_free(g);
	}
	g = guard(true);
	after = nv_guard_find(g, t, strlen(t), 0, true, &h);
	nv_guard_free(g);
	CHECK(!before[0] && !before[1] && after);
	CHECK_STR(h.p->id, "gusev-dv");
}

/* Whether the blocks stop in b where one character at a time stops; said (at line) if not. */
static bool blocks_as_steps(const struct nv_guard *g, const struct nv_buf *b, bool markup, int line)
{
	size_t fast = nv_guard_skip(g, b->ptr, b->len, 0, markup),
	       steps = nv_guard_skip_steps(g, b->ptr, b->len, 0, markup);

	if (fast != steps)
		nv_test_failed(__FILE__, line, "«%s»: blocks %zu, steps %zu", b->ptr, fast, steps);
	return fast == steps;
}

/*
 * Every pair of characters 0xD0/0xD1 and 0x80–0xBF starting a word
 * (g->cyr2, without odd keys), before a letter, a space, a soft hyphen
 * or a tag: the blocks stop where one character at a time stops.
 */
static void test_cyr_pairs(void)
{
	static const char *const third[] = { "ов", " и", "\xC2\xADв", "<b>в</b>" };
	struct nv_guard *g = guard(false);
	struct nv_buf b = NV_BUF_INIT;
	size_t x, t;
	bool ok = true, markup;

	for (x = 0; ok && x < 128 * 128 * 8 * (size_t)widths(); x++) {
		t = x / (128 * 128) % 8;
		markup = t & 1;
		g->avx2 = x >= 128 * 128 * 8;
		nv_buf_reset(&b);
		nv_buf_addf(&b, "x %c%c%c%c%s", 0xD0 | (int)(x >> 13 & 1),
			    0x80 | (int)(x >> 7 & 63), 0xD0 | (int)(x >> 6 & 1),
			    0x80 | (int)(x & 63), third[t >> 1]);
		ok = blocks_as_steps(g, &b, markup, __LINE__);
	}
	nv_buf_release(&b);
	nv_guard_free(g);
	CHECK(ok);
}

#ifdef NV_GUARD_AVX2
/*
 * The bits of 32 bytes (and 2 after them) by AVX2 are those by SSE2:
 * random bytes, most of them ones the blocks look at (letters, the bytes
 * of Russian letters, of dashes and spaces, of accents, '<', '&').
 */
static void test_avx2_bits(void)
{
	static const unsigned char some[] = { 'a',  'Z',  ' ',	'<',  '&',  0xD0, 0xD1, 0x80,
					      0x81, 0x8F, 0x90, 0x91, 0xBF, 0xC0, 0xC2, 0xAD,
					      0xCC, 0xCD, 0xE2, 0x8B, 0x8D, 0xEF, 0xBB, 0x00 };
	unsigned char s[34];
	uint64_t let[2], begin[2], other[2];
	uint32_t seed = 11;
	size_t t, j;
	int marks;
	bool ok = true;

	if (widths() < 2)
		return;
	for (t = 0; ok && t < 30000; t++) {
		for (j = 0; j < sizeof(s); j++) {
			seed = seed * 1103515245u + 12345u;
			s[j] = (seed >> 16) % 4 ? some[(seed >> 8) % sizeof(some)]
						: (unsigned char)(seed >> 20);
		}
		marks = (int)(t % 3);
		other[0] = nv_guard_classify32(s, marks, &let[0], &begin[0]);
		other[1] = nv_guard_classify32_avx2(s, marks, &let[1], &begin[1]);
		if (other[0] != other[1] || let[0] != let[1] || begin[0] != begin[1]) {
			nv_test_failed(
				__FILE__, __LINE__,
				"block %zu, marks %d: SSE2 %llx %llx %llx, AVX2 %llx %llx %llx", t,
				marks, (unsigned long long)let[0], (unsigned long long)begin[0],
				(unsigned long long)other[0], (unsigned long long)let[1],
				(unsigned long long)begin[1], (unsigned long long)other[1]);
			ok = false;
		}
	}
	CHECK(ok);
}
#endif

/*
 * Three characters 0xD0/0xD1 and 0x80–0xBF starting a word, picked at
 * random, with the text going on for a block (g->cyr3 is read only
 * there): the blocks stop where one character at a time stops.
 */
static void test_cyr_triples(void)
{
	struct nv_guard *g = guard(false);
	struct nv_buf b = NV_BUF_INIT;
	size_t t;
	uint32_t seed = 5, x;
	bool ok = true, markup;

	for (t = 0; ok && t < 200000; t++) {
		seed = seed * 1103515245u + 12345u;
		x = seed >> 8;
		markup = x >> 21 & 1;
		g->avx2 = (x >> 22 & 1) && widths() == 2;
		nv_buf_reset(&b);
		nv_buf_addf(&b, "x %c%c%c%c%c%c%s", 0xD0 | (int)(x >> 20 & 1),
			    0x80 | (int)(x >> 14 & 63), 0xD0 | (int)(x >> 13 & 1),
			    0x80 | (int)(x >> 7 & 63), 0xD0 | (int)(x >> 6 & 1),
			    0x80 | (int)(x & 63),
			    t % 3 ? " и другие слова, и ещё одно слово текста"
				  : "ов и так далее, и ещё");
		ok = blocks_as_steps(g, &b, markup, __LINE__);
	}
	nv_buf_release(&b);
	nv_guard_free(g);
	CHECK(ok);
}

/* The first mention in text by g, as «id[!] start-end», or «-». */
static char *first(const struct nv_guard *g, const char *text, bool markup)
{
	struct nv_guard_hit h;

	if (!nv_guard_find(g, text, strlen(text), 0, markup, &h))
		return nv_xstrdup("-");
	return nv_xasprintf("%s%s %zu-%zu", h.p->id, h.leak ? "!" : "", h.start, h.end);
}

#define PREFIX "Отчёт за первое полугодие подготовила "
/* Past the window: the text does not end in the bytes kept. */
#define TAIL                                                                                                                                                  \
	" отчёт о работе наставников с молодыми специалистами школы за первое полугодие, " \
	"планы на второе полугодие и предложения методического совета школы"

/*
 * A window kept for a published person's mention (Соколова) is taken
 * again for the same bytes, and for no other: one byte after the name,
 * the text ending after the name or going on, markup or not, another
 * guard (made at the same address maybe) that does not publish her or
 * does not know her.
 */
static void test_memo(void)
{
	static struct nv_person hidden, *only_li[] = { &li }, *only_hidden[] = { &hidden };
	static const struct {
		const char *text, *want;
		bool markup;
	} c[] = {
		{ PREFIX "Соколова Ирина сдала" TAIL, "sokolova-iv 71-98", true },
		{ PREFIX "Соколова Ирина сдала" TAIL, "sokolova-iv 71-98", true },
		{ PREFIX "Соколова Ирэна сдала" TAIL, "sokolova-iv 71-87", true },
		{ PREFIX "Соколова Ирина", "sokolova-iv 71-98", true },
		{ PREFIX "Соколова Иринаx", "sokolova-iv 71-87", true },
		{ PREFIX "Соколова Ирина", "sokolova-iv 71-98", true },
		{ PREFIX "Соко<b>лова</b> Ирина", "sokolova-iv 71-105", true },
		{ PREFIX "Соко<b>лова</b> Ирина", "-", false },
		{ PREFIX "Соко<b>лова</b> Ирина", "sokolova-iv 71-105", true },
	};
	static struct nv_model m;
	struct nv_guard *g = guard(true);
	size_t k;
	char *got;

	for (k = 0; k < NV_ARRAY_SIZE(c); k++) {
		got = first(g, c[k].text, c[k].markup);
		if (strcmp(got, c[k].want))
			nv_test_failed(__FILE__, __LINE__, "case %zu «%s»: got «%s», want «%s»", k,
				       c[k].text, got, c[k].want);
		free(got);
	}
	/* Kept last: the window of the first text. */
	got = first(g, c[0].text, true);
	CHECK_STR(got, c[0].want);
	free(got);
	nv_guard_free(g);
	/* The same text for guards that do not publish her or do not know her. */
	hidden = sokolova;
	hidden.publish = NV_PUBLISH_NONE;
	memset(&m, 0, sizeof(m));
	m.people = only_li;
	m.npeople = 1;
	g = nv_guard_new(&m);
	got = first(g, c[0].text, true);
	CHECK_STR(got, "-");
	free(got);
	nv_guard_free(g);
	m.people = only_hidden;
	g = nv_guard_new(&m);
	got = first(g, c[0].text, true);
	CHECK_STR(got, "sokolova-iv! 71-98");
	free(got);
	nv_guard_free(g);
}

/* A site's menu, as every page repeats it: runs of markup the pass keeps (guard_memo.c). */
#define MENU(word)                                                                                                           \
	"<nav class=\"site-nav\"><ul class=\"menu\"><li><a href=\"../index.html\">Главная "                           \
	"страница раздела</a></li><li><a href=\"../news/index.html\">Новости и объявления " \
	"школы</a></li><li><a href=\"../orders/index.html\">Приказы и положения о "                   \
	"наставничестве</a></li><li><a href=\"../roadmaps/index.html\">Дорожные карты "           \
	"программ на учебный год</a></li><li><a href=\"../cases/index.html\">Кейсы "                \
	"наставников и " word " молодых специалистов</a></li><li><a "                                     \
	"href=\"../search.html\">Поиск по разделу</a></li></ul></nav>\n<p>Текст страницы.</p>\n"

/*
 * A run of markup kept for one guard is gone through again only for the
 * same guard and the same bytes: the menu with a name deep inside it
 * stops the pass after the menu without it was kept, and after a guard
 * that does not know the name went through it; from every place of
 * texts that repeat the menu, the blocks stop where the steps stop.
 */
static void test_runs(void)
{
	static struct nv_person *only_li[] = { &li };
	static const char *a = MENU("опыт"), *b = MENU("Гусева");
	static struct nv_model m;
	struct nv_guard *g = guard(false), *other;
	struct nv_buf t = NV_BUF_INIT;
	size_t k, la = strlen(a), lb = strlen(b), want = nv_guard_skip_steps(g, b, lb, 0, true);
	bool ok = true;

	memset(&m, 0, sizeof(m));
	m.people = only_li;
	m.npeople = 1;
	other = nv_guard_new(&m);
	CHECK(want < lb);
	for (k = 0; k < 3; k++)
		CHECK_INT(nv_guard_skip(g, a, la, 0, true), la);
	CHECK_INT(nv_guard_skip(g, b, lb, 0, true), want);
	for (k = 0; k < 3; k++)
		CHECK_INT(nv_guard_skip(other, b, lb, 0, true), lb);
	CHECK_INT(nv_guard_skip(g, b, lb, 0, true), want);
	/* A name a few places after a run: the place to fold from is among the run's. */
	nv_buf_adds(&t, "<p>Текст страницы о работе наставников с молодыми специалистами "
			"школы в этом учебном году <br>................ Гусев");
	for (k = 0; k < 3; k++)
		CHECK_INT(nv_guard_skip(g, t.ptr, t.len, 0, true),
			  nv_guard_skip_steps(g, t.ptr, t.len, 0, true));
	nv_buf_reset(&t);
	for (k = 0; k < 3; k++)
		nv_buf_adds(&t, k == 1 ? b : a);
	nv_buf_adds(&t, "<p>Гусев</p>");
	nv_buf_adds(&t, a);
	for (k = 0; ok && k < t.len; k++) {
		if (nv_guard_skip(g, t.ptr, t.len, k, true) !=
		    nv_guard_skip_steps(g, t.ptr, t.len, k, true)) {
			nv_test_failed(__FILE__, __LINE__, "from %zu: blocks %zu, steps %zu", k,
				       nv_guard_skip(g, t.ptr, t.len, k, true),
				       nv_guard_skip_steps(g, t.ptr, t.len, k, true));
			ok = false;
		}
	}
	CHECK(ok);
	nv_buf_release(&t);
	nv_guard_free(other);
	nv_guard_free(g);
}

/*
 * Lines of data files as the site writes them (JSON, iCalendar folded
 * and not): a published person's mention repeated with other words
 * around it, hidden people, names split across lines, initials on the
 * line before, lines ending in the middle of a word.
 */
static const char *const data_lines[] = {
	/* Items: a text (0–2), who is responsible (3–13), a status (14, 15), the end (16). */
	"      \"text\": \"Мероприятие 1.3: семинары для наставников (этап 1)\",\n",
	"      \"text\": \"Мероприятие 1.3: семинары для наставников (этап 2)\",\n",
	"      \"text\": \"Мероприятие 2: семинары (этап 3)\",\n",
	"      \"responsible\": \"Соколова Ирина, куратор\",\n",
	"      \"responsible\": \"Соколова И. В., куратор\",\n",
	"      \"responsible\": \"Лебедева Анна Сергеевна, куратор\",\n",
	"      \"responsible\": \"Лебедева Анна Семёновна, куратор\",\n",
	"      \"responsible\": \"Лебедева А. С., куратор\",\n",
	"      \"responsible\": \"Гусев Д. В.\",\n",
	"      \"responsible\": \"Лебедева Анна\"",
	/* The window's cut (64 folded bytes on) right after «Анна»: its end read past it. */
	"профессиональной профессиональной профессиональной Лебедева Анна Сергеевна\n",
	"профессиональной профессиональной профессиональной Лебедева Анна Семёновна\n",
	"профессиональной профессиональной профессиональной Лебедева Анна\n",
	/* No patronymic (more than 3 letters after the stem): 16 bytes or more past the cut. */
	"профессиональной профессиональной профессиональной Лебедева Анна Сергеевнаааа\n",
	"      \"status\": \"done\"\n",
	"      \"status\": \"planned\"\n",
	"    },\n    {\n",
	/* Any lines. */
	"DESCRIPTION:Срок: Октябрь 2025\\nОтветственный: Со\n коло",
	"ва Ирина\\, куратор\\nРезультат: справка\n",
	"DESCRIPTION:Ответственный: Лебедева Анна\n Сергеевна\n",
	"Д. В.\n",
	"Гусеву\n",
	"Соколова\n",
	"Ирина Викторовна\n",
	"Иринаx\n",
	"Ёлкину 9 Б\n",
	"Соколова Ири",
	"\xC2\xAD\n",
	"\n",
};

/* Every mention in text (n bytes), as «id[!] start-end;» a mention; g fresh for each if !g. */
static char *plain_mentions(const struct nv_guard *g, const struct nv_model *m, const char *text,
			    size_t n)
{
	struct nv_buf out = NV_BUF_INIT;
	struct nv_guard_hit h;
	struct nv_guard *own;
	size_t from = 0;
	bool found;

	for (;;) {
		/* A guard made for one call keeps nothing from before: the memo is not read. */
		own = g ? NULL : nv_guard_new(m);
		found = nv_guard_find(g ? g : own, text, n, from, false, &h);
		nv_guard_free(own);
		if (!found)
			break;
		nv_buf_addf(&out, "%s%s %zu-%zu;", h.p->id, h.leak ? "!" : "", h.start, h.end);
		from = h.end;
	}
	return nv_buf_detach(&out, NULL);
}

/*
 * Windows of text without markup a thread kept a published person's
 * mention of (guard_memo.c: the bytes up to the last one the scan read)
 * give what reading them gives: texts of items of lines, as a data file
 * repeats them, read twice by guards that keep windows (one publishing
 * Лебедева in full and Соколова, one publishing Лебедева with initials
 * and hiding Соколова, in turn on the same texts) and by guards made for
 * each call, which keep none. A window whose mention the scan read past
 * its cut, and past MEMO_AHEAD bytes after it, is among them.
 */
static void test_plain_memo(void)
{
	static struct nv_person lebedeva = { .id = "lebedeva-as",
					     .surname = "Лебедева",
					     .name = "Анна",
					     .patronymic = "Сергеевна",
					     .category = NV_CAT_TEACHER,
					     .publish = NV_PUBLISH_FULL };
	static struct nv_person hidden, initials, *a[] = { &gusev, &yolkin, &sokolova, &lebedeva },
						  *b[] = { &gusev, &hidden, &initials };
	struct nv_model m[2];
	struct nv_guard *g[2];
	struct nv_buf t = NV_BUF_INIT;
	uint32_t seed = 3;
	size_t k, j;
	char *warm, *cold;
	bool ok = true;

	hidden = sokolova;
	hidden.publish = NV_PUBLISH_NONE;
	initials = lebedeva;
	initials.publish = NV_PUBLISH_INITIALS;
	memset(m, 0, sizeof(m));
	m[0].people = a;
	m[0].npeople = NV_ARRAY_SIZE(a);
	m[1].people = b;
	m[1].npeople = NV_ARRAY_SIZE(b);
	g[0] = nv_guard_new(&m[0]);
	g[1] = nv_guard_new(&m[1]);
	for (k = 0; ok && k < 120; k++) {
		nv_buf_reset(&t);
		for (j = 0; j < 4 + k % 12; j++) {
			/* Items as a data file has them, and now and then any line. */
			seed = seed * 1103515245u + 12345u;
			nv_buf_adds(&t, data_lines[(seed >> 8) % 3]);
			nv_buf_adds(&t, data_lines[3 + (seed >> 10) % 11]);
			nv_buf_adds(&t, data_lines[14 + (seed >> 13) % 2]);
			nv_buf_adds(&t, data_lines[16]);
			if ((seed >> 14) % 4 == 0)
				nv_buf_adds(&t,
					    data_lines[(seed >> 16) % NV_ARRAY_SIZE(data_lines)]);
		}
		/* Read, then kept: the second time from the windows of the first. */
		cold = plain_mentions(NULL, &m[k & 1], t.ptr, t.len);
		for (j = 0; ok && j < 2; j++) {
			warm = plain_mentions(g[k & 1], NULL, t.ptr, t.len);
			if (strcmp(warm, cold)) {
				nv_test_failed(__FILE__, __LINE__, "«%s»: kept %s, read %s", t.ptr,
					       warm, cold);
				ok = false;
			}
			free(warm);
		}
		free(cold);
	}
	CHECK(ok);
	nv_buf_release(&t);
	nv_guard_free(g[0]);
	nv_guard_free(g[1]);
}

void nv_tests(void)
{
	NV_RUN(test_inline_tags);
	NV_RUN(test_blocks_as_steps);
	NV_RUN(test_names_at_block_edges);
	NV_RUN(test_seen_values);
	NV_RUN(test_cyr_pairs);
	NV_RUN(test_cyr_triples);
#ifdef NV_GUARD_AVX2
	NV_RUN(test_avx2_bits);
#endif
	NV_RUN(test_memo);
	NV_RUN(test_runs);
	NV_RUN(test_plain_memo);
}
