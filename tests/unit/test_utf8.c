/* Unit tests for utf8.c: decoding, validation, columns, folding. */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "utf8.h"

/* The folded form of s, in a static buffer. */
static const char *fold(const char *s)
{
	static char out[256];
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_adds(&b, "[");
	nv_utf8_fold(&b, s, strlen(s));
	nv_buf_adds(&b, "]");
	snprintf(out, sizeof(out), "%s", b.ptr);
	nv_buf_release(&b);
	return out;
}

static void test_decode_lengths(void)
{
	uint32_t cp = 0;

	CHECK_INT(nv_utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(nv_utf8_decode("\xd0\x9f", 2, &cp), 2); /* П */
	CHECK_INT(cp, 0x41F);
	CHECK_INT(nv_utf8_decode("\xe2\x80\x94", 3, &cp), 3); /* — */
	CHECK_INT(cp, 0x2014);
	CHECK_INT(nv_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(nv_utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	CHECK_INT(cp, 0x10FFFF);
}

static void test_decode_rejects(void)
{
	uint32_t cp = 0x1234;

	CHECK_INT(nv_utf8_decode("", 0, &cp), 0);
	CHECK_INT(nv_utf8_decode("\xd0\x9f", 1, &cp), 0);	  /* truncated */
	CHECK_INT(nv_utf8_decode("\xc0\xaf", 2, &cp), 0);	  /* overlong '/' */
	CHECK_INT(nv_utf8_decode("\xe0\x80\xaf", 3, &cp), 0);	  /* overlong, 3 bytes */
	CHECK_INT(nv_utf8_decode("\xf0\x80\x80\xaf", 4, &cp), 0); /* overlong, 4 bytes */
	CHECK_INT(nv_utf8_decode("\xed\xa0\x80", 3, &cp), 0);	  /* surrogate */
	CHECK_INT(nv_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* above U+10FFFF */
	CHECK_INT(nv_utf8_decode("\x80", 1, &cp), 0);		  /* continuation */
	CHECK_INT(nv_utf8_decode("\xd0\x41", 2, &cp), 0);	  /* bad continuation */
	CHECK_INT(nv_utf8_decode("\xff", 1, &cp), 0);
	CHECK_INT(cp, 0x1234); /* untouched on failure */
}

/* The inline fast path and the general decoder agree on every two bytes. */
static void test_decode_inline_matches_long(void)
{
	char s[3] = { 0, 0, 0 };
	uint32_t a, b;
	size_t ka, kb, n;
	int x, y, bad = 0;

	for (x = 0; x < 256; x++) {
		for (y = 0; y < 256; y++) {
			s[0] = (char)x;
			s[1] = (char)y;
			for (n = 1; n <= 2; n++) {
				a = b = 0xDEAD;
				ka = nv_utf8_decode(s, n, &a);
				kb = nv_utf8_decode_long(s, n, &b);
				bad += ka != kb || (ka && a != b);
			}
		}
	}
	CHECK_INT(bad, 0);
}

static void test_valid_reports_first_bad_byte(void)
{
	size_t bad = 99;

	CHECK(nv_utf8_valid("Приказ № 5", strlen("Приказ № 5"), &bad));
	CHECK_INT(bad, 99);
	CHECK(nv_utf8_valid("", 0, NULL));
	CHECK(!nv_utf8_valid("ab\xd0", 3, &bad));
	CHECK_INT(bad, 2);
	CHECK(!nv_utf8_valid("Я\xff\xfe", 4, &bad));
	CHECK_INT(bad, 2);
	CHECK(!nv_utf8_valid("\x80", 1, NULL));
	/* a NUL byte is valid UTF-8 */
	CHECK(nv_utf8_valid("a\0b", 3, NULL));
	/* the two-byte fast path: a bad continuation, an overlong lead, a cut */
	CHECK(!nv_utf8_valid("ЯЯ\xd0\x41", 6, &bad));
	CHECK_INT(bad, 4);
	CHECK(!nv_utf8_valid("Я\xc1\xbf", 4, &bad));
	CHECK_INT(bad, 2);
	CHECK(!nv_utf8_valid("ЯЯЯ\xd0", 7, &bad));
	CHECK_INT(bad, 6);
	CHECK(nv_utf8_valid("Я—Я\xf0\x9f\x98\x80", 11, &bad));
}

/* Eight bytes at a time: sequences across and at the edges of a word. */
static void test_valid_by_words(void)
{
	static const struct {
		const char *s;
		size_t bad; /* 0: valid */
	} cases[] = {
		{ "ЖЖЖЖЖЖЖЖ", 0 },
		{ "aЖЖЖ\xd0\x96"
		  "b",
		  0 }, /* a lead as the 8th byte */
		{ "abcdefg\xd0\x96", 0 },
		{ "abcdefg\xd0", 8 }, /* cut at the end, reported at the lead */
		{ "ЖЖЖ\xc1\x81"
		  "abc",
		  7 }, /* overlong lead */
		{ "ЖЖЖЖ\x80"
		  "abcdefg",
		  9 }, /* a continuation starting a word */
		{ "Ж\xd0\xd0\x96"
		  "abcdefgh",
		  3 }, /* two leads in a row */
		{ "\xe2\x80\x94ЖЖЖЖЖ", 0 },
		{ "ЖЖЖ\xe2\x80\x94ЖЖЖЖ", 0 },
		{ "ЖЖЖ\xdf\xbf\xc2\x80"
		  "abc",
		  0 },
		{ "abcdefgh\xff", 9 },
		/* sixteen at a time */
		{ "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", 0 },
		{ "aЖЖЖЖЖЖЖ\xd0\x96"
		  "b",
		  0 },			       /* a lead as the 16th byte */
		{ "abcdefghijklmno\xd0", 16 }, /* cut at the lead */
		{ "ЖЖЖЖЖЖ\xc0\x80"
		  "abcdefgh",
		  13 }, /* overlong in the block */
		{ "ЖЖЖЖЖЖЖЖ\x80"
		  "abcdefghijklmnop",
		  17 }, /* a continuation starting a block */
		{ "ЖЖЖЖЖЖЖ\xe2\x80\x94ЖЖЖЖЖЖЖЖ", 0 },
		{ "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ\xd0\xd0", 31 },
		/* a character across two blocks: the first takes 15 bytes */
		{ "aЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ", 0 },
		{ "aЖЖЖЖЖЖЖЖ\xff", 18 },
		{ "aЖЖЖЖЖЖЖЖ\xd0"
		  "a",
		  18 },
	};
	size_t i, bad, n;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		n = strlen(cases[i].s);
		bad = 0;
		if (!cases[i].bad) {
			CHECK(nv_utf8_valid(cases[i].s, n, &bad));
		} else {
			CHECK(!nv_utf8_valid(cases[i].s, n, &bad));
			CHECK_INT(bad + 1, cases[i].bad);
		}
	}
}

/* The first byte at which decoding one character at a time fails, or n. */
static size_t first_bad(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n && (k = nv_utf8_decode_long(s + i, n - i, &cp)))
		i += k;
	return i;
}

/*
 * 32 and sixteen bytes at a time against one character at a time: a
 * sequence, good or bad, at every offset of a text of Cyrillic and ASCII
 * cut anywhere, so that it falls at every place of a block and across two.
 */
static void test_valid_by_blocks(void)
{
	static const char *const inserts[] = {
		"",
		"\xff",
		"\x80",
		"\xc0\x80",
		"\xc1\xbf",
		"\xd0",
		"\xd0\xd0",
		"\xe2\x80\x94",
		"\xed\xa0\x80",
		"\xe0\x80\x80",
		"\xf0\x9f\x98\x80",
		"\xc2\x80",
		"\xdf\xbf",
		"\x7f",
		"\xe2\x80",
		"\xe2",
		"\xef\xbf\xbf",
		"\xee\x80\x80",
		"\xed\x9f\xbf",
		"\xe0\xa0\x80",
		"\xe2\x80\x94\xe2\x84\x96",
		"\xe2\x80\x94\x80",
		"\xe2\xc0\x80",
	};
	const char *base = "aЖЖЖЖЖЖЖ bcЖЖЖЖЖЖЖЖЖЖ d ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ efgh";
	struct nv_buf t = NV_BUF_INIT;
	size_t off, cut, i, bad, want;
	bool ok;

	for (cut = 60; cut <= strlen(base); cut += 7)
		for (off = 0; off <= cut; off++)
			for (i = 0; i < NV_ARRAY_SIZE(inserts); i++) {
				nv_buf_reset(&t);
				nv_buf_add(&t, base, off);
				nv_buf_adds(&t, inserts[i]);
				nv_buf_add(&t, base + off, cut - off);
				want = first_bad(t.ptr, t.len);
				bad = t.len;
				ok = nv_utf8_valid(t.ptr, t.len, &bad);
				if (ok != (want == t.len) || bad != want) {
					nv_test_failed(
						__FILE__, __LINE__,
						"insert %zu at %zu of %zu: %d at %zu, want %zu", i,
						off, cut, ok, bad, want);
					nv_buf_release(&t);
					return;
				}
			}
	nv_buf_release(&t);
}

/*
 * Texts of pieces picked at random, valid and not, as a text of real
 * punctuation has them («—», «№», a no-break space): the blocks of 32
 * bytes tell what one character at a time tells, at every offset.
 */
static void test_valid_random(void)
{
	static const char *const pieces[] = {
		"a",
		" ",
		"Ж",
		"я",
		"\xe2\x80\x94",
		"\xe2\x84\x96",
		"\xc2\xa0",
		"\xe2\x80",
		"\xd0",
		"\x80",
		"\xff",
		"\xed\xa0\x80",
		"\xed\x9f\xbf",
		"\xe0\xa0\x80",
		"\xef\xbf\xbf",
		"\xf0\x9f\x98\x80",
		"\xc1\xbf",
		"ЖЖЖЖЖЖЖЖ",
		"abcdefgh",
	};
	struct nv_buf t = NV_BUF_INIT;
	uint32_t seed = 11;
	size_t k, n, bad, want;
	int round;
	bool ok;

	for (round = 0; round < 100000; round++) {
		nv_buf_reset(&t);
		n = 1 + (size_t)round % 40;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly valid pieces, so that the texts often go on past a bad one. */
			nv_buf_adds(
				&t,
				pieces[(seed >> 16) % (seed >> 28 ? 7 : NV_ARRAY_SIZE(pieces))]);
		}
		want = first_bad(t.ptr, t.len);
		bad = t.len;
		ok = nv_utf8_valid(t.ptr, t.len, &bad);
		if (ok != (want == t.len) || bad != want) {
			nv_test_failed(__FILE__, __LINE__, "round %d: %d at %zu, want %zu", round,
				       ok, bad, want);
			break;
		}
	}
	nv_buf_release(&t);
}

static void test_count_and_position(void)
{
	int line = 0, col = 0;
	const char *text = "первая\nвторая строка\n";

	CHECK_INT(nv_utf8_count("Приказ", strlen("Приказ")), 6);
	CHECK_INT(nv_utf8_count("a\xff"
				"b",
				3),
		  3);				  /* a bad byte counts as one */
	CHECK_INT(nv_utf8_count("Приказ", 3), 2); /* a cut character counts as one */
	CHECK_INT(nv_utf8_count("", 0), 0);
	nv_utf8_position(text, 0, &line, &col);
	CHECK(line == 1 && col == 1);
	nv_utf8_position(text, strlen("первая"), &line, &col);
	CHECK(line == 1 && col == 7);
	nv_utf8_position(text, strlen("первая\nвторая "), &line, &col);
	CHECK(line == 2 && col == 8);
}

static void test_fold(void)
{
	CHECK_STR(fold("Ученик — ученик"), "[ученик-ученик]");
	CHECK_STR(fold("ученик-ученик"), "[ученик-ученик]");
	CHECK_STR(fold("  ЁЛКА\t \xc2\xa0 Ёж  "), "[елка еж]");
	CHECK_STR(fold("A  –  B"), "[a-b]");
	CHECK_STR(fold("Учитель\xe2\x88\x92наставник"), "[учитель-наставник]");
	CHECK_STR(fold(""), "[]");
	CHECK_STR(fold("   "), "[]");
	/* a bad byte becomes U+FFFD */
	CHECK_STR(fold("a\xff"), "[a\xef\xbf\xbd]");
}

static void test_fold_appends(void)
{
	struct nv_buf b = NV_BUF_INIT;

	/* the trailing space of what was there before is not this text's */
	nv_buf_adds(&b, "x ");
	nv_utf8_fold(&b, " Да ", strlen(" Да "));
	CHECK_STR(b.ptr, "x да");
	nv_buf_release(&b);
}

static void test_capitalize(void)
{
	char *s;

	s = nv_utf8_capitalize("директор");
	CHECK_STR(s, "Директор");
	free(s);
	s = nv_utf8_capitalize("ёлка");
	CHECK_STR(s, "Ёлка");
	free(s);
	s = nv_utf8_capitalize("school");
	CHECK_STR(s, "School");
	free(s);
	s = nv_utf8_capitalize("Уже");
	CHECK_STR(s, "Уже");
	free(s);
	s = nv_utf8_capitalize("");
	CHECK_STR(s, "");
	free(s);
	s = nv_utf8_capitalize("\xff"
			       "x");
	CHECK_STR(s, "\xff"
		     "x");
	free(s);
}

/* Spaces of every kind, forwards and back; never past either end. */
static void test_spaces(void)
{
	const char *s = "а \t\xC2\xA0\xE2\x80\xAF\nб\xE2\x80\x94";
	size_t n = strlen(s);

	CHECK_INT((int)nv_space_at(s, n, 0), 0);
	CHECK_INT((int)nv_space_at(s, n, 2), 1);
	CHECK_INT((int)nv_space_at(s, n, 4), 2);
	CHECK_INT((int)nv_space_at(s, n, 6), 3);
	CHECK_INT((int)nv_space_skip(s, n, 2), 10);
	CHECK_INT((int)nv_space_back(s, 10), 2);
	CHECK_INT((int)nv_space_at(s, n, 12), 0); /* «—» is no space */
	CHECK_INT((int)nv_space_at(s, 5, 4), 0);  /* half a no-break space at the end */
	CHECK_INT((int)nv_space_at(s, 8, 6), 0);
	CHECK_INT((int)nv_space_back(s + 6, 2), 2); /* not back past the start */
	CHECK_INT((int)nv_space_skip(s, n, n), (int)n);
}

/* A cut at most max bytes long that leaves no character in half. */
static void test_cut(void)
{
	const char *s = "ab\xd0\xbf\xd1\x80\xe2\x80\x94"; /* «abпр—»: 2 + 2 + 2 + 3 bytes */

	CHECK_INT((int)nv_utf8_cut(s, 9, 60), 9); /* shorter than max: all of it */
	CHECK_INT((int)nv_utf8_cut(s, 9, 9), 9);
	CHECK_INT((int)nv_utf8_cut(s, 9, 4), 4);	      /* «abп» ends at 4 */
	CHECK_INT((int)nv_utf8_cut(s, 9, 3), 2);	      /* not half an «п» */
	CHECK_INT((int)nv_utf8_cut(s, 9, 8), 6);	      /* not two thirds of a «—» */
	CHECK_INT((int)nv_utf8_cut("\x80\x80\x80", 3, 2), 0); /* no character starts: none */
}

/* Emoji are; the signs a document's fonts have are not. */
static void test_pictograph(void)
{
	static const uint32_t yes[] = { 0x1F000, 0x1F44D, 0x1F600, 0x1FAFF, 0x231A,
					0x2705,	 0x2B50,  0x2B55,  0x26A1,  0x27BF };
	static const uint32_t no[] = { 0x1EFFF, 0x1FB00, 0x1D465, 0x2319, 0x2713, 0x2611,
				       0x2714,	0x2665,	 0x2B56,  0x2264, 0x2014, 0x0451 };
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(yes); i++)
		if (!nv_utf8_pictograph(yes[i]))
			(void)nv_test_failed(__FILE__, __LINE__, "U+%04X не эмодзи", yes[i]);
	for (i = 0; i < NV_ARRAY_SIZE(no); i++)
		if (nv_utf8_pictograph(no[i]))
			(void)nv_test_failed(__FILE__, __LINE__, "U+%04X — эмодзи", no[i]);
}

/* Characters that show nothing and are no space; not the joiners of an emoji's parts. */
static void test_invisible(void)
{
	static const uint32_t yes[] = { 0x200B, 0x200E, 0x200F, 0x202A, 0x202E,
					0x2060, 0x2064, 0x2066, 0x2069, 0xFEFF };
	static const uint32_t no[] = { 0x200A, 0x200C, 0x200D, 0x2010, 0x2011, 0x2029,
				       0x202F, 0x2065, 0x206A, 0x00AD, 0x00A0, 0xFEFE };
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(yes); i++)
		if (!nv_utf8_invisible(yes[i]))
			(void)nv_test_failed(__FILE__, __LINE__, "U+%04X виден", yes[i]);
	for (i = 0; i < NV_ARRAY_SIZE(no); i++)
		if (nv_utf8_invisible(no[i]))
			(void)nv_test_failed(__FILE__, __LINE__, "U+%04X невидим", no[i]);
}

/* The signs of Word's symbol fonts, by code in the font or in the private use area. */
static void test_word_symbol(void)
{
	bool bullet = false;

	CHECK_STR(nv_word_symbol(0xF0B3, "Symbol", NULL), "≥");
	CHECK_STR(nv_word_symbol(0xB3, "symbol", NULL), "≥");
	CHECK_STR(nv_word_symbol(0xF0FC, "Wingdings", NULL), "✓");
	CHECK(nv_word_symbol(0xF0FC, "Wingdings 2", NULL) == NULL); /* a font of other signs */
	CHECK(nv_word_symbol(0xF0FC, "Symbol", NULL) == NULL);
	CHECK(nv_word_symbol(0xF0B3, "Wingdings", NULL) == NULL);
	CHECK(nv_word_symbol(0xF0B3, "Arial", NULL) == NULL);
	CHECK(nv_word_symbol(0xF04A, "Wingdings", NULL) == NULL);
	CHECK(nv_word_symbol(0xF100, NULL, NULL) == NULL);
	CHECK(nv_word_symbol(0x1F, NULL, NULL) == NULL);
	/* the font not known: Wingdings' bullets and ticks, Symbol's signs */
	CHECK_STR(nv_word_symbol(0xF0A7, NULL, &bullet), "▪");
	CHECK(bullet);
	CHECK(nv_word_symbol(0xF0A7, "Symbol", NULL) == NULL);
	CHECK_STR(nv_word_symbol(0xF0B1, NULL, &bullet), "±");
	CHECK(!bullet);
	CHECK_STR(nv_word_symbol(0xF0B7, NULL, &bullet), "•");
	CHECK(bullet);
}

void nv_tests(void)
{
	NV_RUN(test_pictograph);
	NV_RUN(test_word_symbol);
	NV_RUN(test_invisible);
	NV_RUN(test_decode_lengths);
	NV_RUN(test_decode_rejects);
	NV_RUN(test_decode_inline_matches_long);
	NV_RUN(test_valid_reports_first_bad_byte);
	NV_RUN(test_valid_by_words);
	NV_RUN(test_valid_by_blocks);
	NV_RUN(test_valid_random);
	/* Again with two vectors of SSE2 for each block where AVX2 took one. */
	nv_avx2_enable(false);
	NV_RUN(test_valid_reports_first_bad_byte);
	NV_RUN(test_valid_by_words);
	NV_RUN(test_valid_by_blocks);
	NV_RUN(test_valid_random);
	nv_avx2_enable(true);
	NV_RUN(test_count_and_position);
	NV_RUN(test_fold);
	NV_RUN(test_fold_appends);
	NV_RUN(test_capitalize);
	NV_RUN(test_spaces);
	NV_RUN(test_cut);
}
