/* Unit tests for md_facts.c: citations of orders (nv_md_next_cite()), the facts of a body. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "markdown.h"

/* The citations of text as «DD.MM.YYYY NUMBER @START:DATE_AT», one per line. */
static char *cites(const char *text)
{
	static char out[1024];
	struct nv_md_cite c;
	size_t at = 0, len = 0, n = strlen(text);

	out[0] = '\0';
	while (nv_md_next_cite(text, n, &at, &c))
		len += (size_t)snprintf(
			out + len, sizeof(out) - len, "%02d.%02d.%04d %.*s @%zu:%zu\n", c.date.day,
			c.date.month, c.date.year, (int)c.number_len, c.number, c.start, c.date_at);
	return out;
}

static void test_cite_forms(void)
{
	/* «приказом » takes 17 bytes, «от » 5 */
	CHECK_STR(cites("приказом от 29.08.2025 № 118-од"), "29.08.2025 118-од @0:22\n");
	/* the number first, «г.» after the date, a sentence's full stop */
	CHECK_STR(cites("Отменить приказ № 131-од от 30.09.2025 г."), "30.09.2025 131-од @17:48\n");
	CHECK_STR(cites("приказ № 5 от 1.09.2025."), "01.09.2025 5 @0:24\n");
	/* capital letter, «г.» and «года» before «№», no space after «№» */
	CHECK_STR(cites("Приказом от 29.08.2025 г. №118-од"), "29.08.2025 118-од @0:22\n");
	CHECK_STR(cites("приказа от 29.08.2025 года № 118/2"), "29.08.2025 118/2 @0:20\n");
	/* line breaks, indentation and no-break spaces between the words */
	CHECK_STR(cites("утверждённым приказом\n  от 29.08.2025\u00A0№\u00A0118-од, и"),
		  "29.08.2025 118-од @25:49\n");
	/* «директора» between, an en dash in the number */
	CHECK_STR(cites("приказом директора от 29.08.2025 № 118–од"), "29.08.2025 118–од @0:41\n");
	/* two in one text */
	CHECK_STR(cites("приказ от 01.09.2025 № 16-од и приказ № 17-од от 02.09.2025"),
		  "01.09.2025 16-од @0:18\n02.09.2025 17-од @44:74\n");
}

static void test_not_cites(void)
{
	/* another issuer's order, a protocol, a law */
	CHECK_STR(cites("приказом Минпросвещения России от 25.12.2019 № Р-145"), "");
	CHECK_STR(cites("протокол от 28.08.2025 № 1"), "");
	CHECK_STR(cites("Федеральным законом от 29.12.2012 № 273-ФЗ"), "");
	/* no number, no date, a date that is none */
	CHECK_STR(cites("приказом от 29.08.2025 №"), "");
	CHECK_STR(cites("приказом от 29.08.2025 № од"), "");
	CHECK_STR(cites("приказом № 118-од"), "");
	CHECK_STR(cites("приказом от 31.02.2025 № 118-од"), "");
	/* «приказ» inside another word, or after a Latin letter */
	CHECK_STR(cites("поприказом от 29.08.2025 № 118-од"), "");
	CHECK_STR(cites("xприказом от 29.08.2025 № 118-од"), "");
	/* «№» of a school's name, at the very start and end */
	CHECK_STR(cites("№ 14"), "");
	CHECK_STR(cites("МАОУ «СОШ №"), "");
}

/* No text (a document with no preamble): no citation, and no pointer made from NULL. */
static void test_no_text(void)
{
	struct nv_md_cite c;
	size_t at = 0;

	CHECK(!nv_md_next_cite(NULL, 0, &at, &c));
	CHECK_INT(at, 0);
}

static void test_cite_fact(void)
{
	const char *yes = "Утверждено приказом от 29.08.2025 № 118-од.";
	const char *no = "МАОУ «СОШ № 14», протокол от 28.08.2025 № 1";

	CHECK_INT(nv_md_text_facts(yes, strlen(yes)), NV_MD_TEXT_CITE);
	/* a «№» alone is no fact */
	CHECK_INT(nv_md_text_facts(no, strlen(no)), 0);
}

/*
 * An image with no text, «![](…)» or «![ ][ref]», and a link or an image
 * whose address has a space; one with text, an exclamation, a link with
 * a title or its address in «<…>» are none.
 */
static void test_link_fact(void)
{
	static const char *const read[] = {
		"](a.png)",
		"](<a b.png>)",
		"](a.pdf \"План\")",
		"](a.pdf 'План')",
		"](a.pdf (План))",
		"]( a.png )",
		"](a\n b)",
		"]( )",
		"](",
	};
	const char *yes = "Фото с урока: ![](files/urok.jpg)";
	const char *no = "Урок! ![Урок](files/urok.jpg) и [ссылка](o.md \"План\") и [1] (с. 5)";
	const char *spaced = "См. [план](files/План семинара.docx).";
	size_t i;

	CHECK_INT(nv_md_image_without_text("![](a.png)", 10), 4);
	CHECK_INT(nv_md_image_without_text("![  ][ref]", 10), 6);
	CHECK_INT(nv_md_image_without_text("![]", 3), 0);
	CHECK_INT(nv_md_image_without_text("![a](a.png)", 11), 0);
	CHECK_INT(nv_md_text_facts(yes, strlen(yes)), NV_MD_TEXT_LINK);
	CHECK_INT(nv_md_text_facts(no, strlen(no)), 0);
	CHECK_INT(nv_md_text_facts(spaced, strlen(spaced)), NV_MD_TEXT_LINK);
	/* «**», for the parse only; one «*» is none */
	CHECK_INT(nv_md_text_facts("a ** b", 6), NV_MD_TEXT_STARS);
	CHECK_INT(nv_md_text_facts("a * b*", 6), 0);
	/* the address to its «)» or the line's end, less the spaces after it */
	CHECK_INT(nv_md_spaced_address("](a b.png)", 10), 7);
	CHECK_INT(nv_md_spaced_address("](a  b) и", 11), 4);
	CHECK_INT(nv_md_spaced_address("](a b \r\nc)", 11), 3);
	CHECK_INT(nv_md_spaced_address("](a.pdf План\")", 18), 15);
	for (i = 0; i < NV_ARRAY_SIZE(read); i++)
		if (nv_md_spaced_address(read[i], strlen(read[i])))
			(void)nv_test_failed(__FILE__, __LINE__, "«%s»: spaced", read[i]);
	/* «] (…)»: an address of a site, a file, a document, a person; no reference */
	CHECK_INT(nv_md_split_link("] (../a.pdf).", 13), 12);
	CHECK_INT(nv_md_split_link("]  (polozhenie.md)", 18), 18);
	CHECK_INT(nv_md_split_link("] (plan.PDF)", 12), 12);
	CHECK_INT(nv_md_split_link("] (@ivanova-mp)", 15), 15);
	CHECK_INT(nv_md_split_link("] (с. 5)", strlen("] (с. 5)")), 0);
	CHECK_INT(nv_md_split_link("] (2025)", 8), 0);
	CHECK_INT(nv_md_split_link("](a.pdf)", 8), 0);
	CHECK_INT(nv_md_split_link("] (a.pdf", 8), 0);
	CHECK_INT(nv_md_split_link("] ()", 4), 0);
}

/* A heading typed without the space after its «#»: a capital or a digit after them. */
static void test_unspaced_heading(void)
{
	const char *yes = "Текст.\n\n#Итоги семинара\n";

	CHECK_INT(nv_md_heading_unspaced("#Итоги", strlen("#Итоги")), 1);
	CHECK_INT(nv_md_heading_unspaced("##2. Цели", 9), 2);
	CHECK_INT(nv_md_heading_unspaced("###Ёлка", strlen("###Ёлка")), 3);
	CHECK_INT(nv_md_heading_unspaced("#Plan", 5), 1);
	CHECK_INT(nv_md_heading_unspaced("# Итоги", strlen("# Итоги")), 0);
	CHECK_INT(nv_md_heading_unspaced("#итоги", strlen("#итоги")), 0);
	CHECK_INT(nv_md_heading_unspaced("#######Итоги", strlen("#######Итоги")), 0);
	CHECK_INT(nv_md_heading_unspaced("#", 1), 0);
	CHECK_INT(nv_md_text_facts(yes, strlen(yes)), NV_MD_TEXT_HEADING);
	CHECK_INT(nv_md_text_facts("#наставничество", strlen("#наставничество")), 0);
}

/*
 * Each fact found wherever its text falls among the blocks the scans
 * read (16 or 32 bytes, the last ones a byte at a time or from a padded
 * copy), by AVX2 and by SSE2: at every offset from 0 to 80 in Russian
 * text, at the text's end or followed by more, and none in the text
 * around it.
 */
static void test_facts_at_every_offset(void)
{
	static const struct {
		const char *text;
		unsigned fact;
	} cases[] = {
		{ "\xC2\xB7 пункт", NV_MD_TEXT_BULLET },
		{ "\xEF\x82\xB7 пункт", NV_MD_TEXT_BULLET | NV_MD_TEXT_GLYPH },
		{ "сноска\xC2\xB9", NV_MD_TEXT_SUP },
		{ "![](a.png)", NV_MD_TEXT_LINK },
		{ "[план](План семинара.docx)", NV_MD_TEXT_LINK },
		{ "[план] (../files/plan.pdf)", NV_MD_TEXT_LINK },
		{ "** важно **", NV_MD_TEXT_STARS },
		{ "приказом от 29.08.2025 № 118-од", NV_MD_TEXT_CITE },
		{ "дата рождения 12.03.1990", NV_MD_TEXT_PD },
		{ "СНИЛС 112-233-445 95", NV_MD_TEXT_PD },
		{ "Петрoв", NV_MD_TEXT_MIXED },
		{ "&#111;", NV_MD_TEXT_MIXED },
		{ "педагог-\n", NV_MD_TEXT_MIXED },
		{ "\n## Задачи\n", NV_MD_TEXT_HEADING },
		{ "\nTIoJIoXeHHe o HacTaBHHYecTBe nearorHyecKHX pa6oTHHKOB\n", NV_MD_TEXT_MISREAD },
		{ "(далее — Положение»)", NV_MD_TEXT_QUOTES },
		{ "отметка \xEF\x83\xBC", NV_MD_TEXT_GLYPH },
		{ "знак \xEE\x80\x80", NV_MD_TEXT_GLYPH },
		{ "мо\xEF\xBF\xBDно", NV_MD_TEXT_GLYPH },
		{ "смайлик \xF0\x9F\x91\x8D", NV_MD_TEXT_GLYPH },
		{ "сделано \xE2\x9C\x85", NV_MD_TEXT_GLYPH },
	};
	char buf[256];
	size_t i, off, n;
	int tail, avx2;

	for (avx2 = 0; avx2 < 2; avx2++)
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			for (off = 0; off <= 80; off++)
				for (tail = 0; tail < 2; tail++) {
					/* «ж» two bytes a letter, then spaces: each fact starts a
					 * word */
					for (n = 0; n + 3 <= off; n += 2)
						memcpy(buf + n, "\xD0\xB6", 2);
					while (n < off)
						buf[n++] = ' ';
					n += (size_t)snprintf(
						buf + n, sizeof(buf) - n, "%s%s", cases[i].text,
						tail ? " и ещё немного текста после" : "");
					nv_avx2_enable(avx2);
					CHECK_INT(nv_md_text_facts(buf, n), cases[i].fact);
					CHECK_INT(nv_md_text_facts(buf, off), 0);
				}
	nv_avx2_enable(true);
}

/* A text and whether it has the fact a test looks at. */
struct fact_case {
	const char *text;
	bool fact;
};

/* Each of the n cases has the fact, or has not, as it says. */
static void check_fact_cases(const struct fact_case *c, size_t n, unsigned fact)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(nv_md_text_facts(c[i].text, strlen(c[i].text)) & fact) != !c[i].fact)
			(void)nv_test_failed(__FILE__, __LINE__, "«%s»: %s", c[i].text,
					     c[i].fact ? "no fact" : "a fact");
}

/*
 * «» that do not pair by number, more of one kind than the straight
 * quotes make up for (typography turns those into either).
 */
static void test_quotes_fact(void)
{
	static const struct fact_case cases[] = {
		{ "МАОУ «СОШ № 14», «Шаг навстречу»", false },
		{ "(далее — Положение»), в разделе «Сведения»", true },
		{ "конкурс «Наставник года", true },
		{ "приказ \"О наставничестве» и «план»", false },
		{ "«3. Пункт.\n\n4. Пункт.»", false },
		{ "«раз «два \"три", true },
		{ "», \"", false },
		{ "\xC2", false },
	};

	check_fact_cases(cases, NV_ARRAY_SIZE(cases), NV_MD_TEXT_QUOTES);
}

/*
 * A first line that may be a head the layouts print: a label or the
 * kind's word in capitals, or a title's first word in a short line; a
 * sentence starting so, an abbreviation, a section are not.
 */
static void test_head_fact(void)
{
	static const struct fact_case cases[] = {
		{ "\n\n**УТВЕРЖДЕНО**\nприказом", true },
		{ "## ПОЛОЖЕНИЕ\n", true },
		{ "П Р И К А З\n", true },
		{ "# О внедрении целевой модели наставничества\n\n1. Внедрить.", true },
		{ "Дорожная карта внедрения на 2025–2026 учебный год", true },
		{ "# 1. Общие положения\n", false },
		{ "МАОУ «СОШ № 14» реализует программу", false },
		{ "Оценка результатов", false },
		{ "", false },
	};
	static const char sentence[] =
		"Дорожная карта определяет сроки, ответственных и результаты мероприятий по "
		"внедрению целевой модели наставничества в 2025–2026 учебном году.\n";

	check_fact_cases(cases, NV_ARRAY_SIZE(cases), NV_MD_TEXT_HEAD);
	/* 280 bytes: a paragraph, not a title */
	CHECK(!(nv_md_text_facts(sentence, strlen(sentence)) & NV_MD_TEXT_HEAD));
}

/*
 * A sign of Word's symbol fonts (U+E000–U+F8FF), «�» and pictographs
 * are; signs the print fonts have, a letter of mathematics, a BOM and
 * a broken sequence are not.
 */
static void test_glyph_fact(void)
{
	static const struct fact_case cases[] = {
		{ "\xEF\xA3\xBF", true },  /* U+F8FF */
		{ "\xEF\xA4\x80", false }, /* U+F900 */
		{ "\xED\x9F\xBF", false }, /* U+D7FF */
		{ "⭐ ⌚", true },
		{ "🙂", true },
		{ "✓ ☑ ≥ ≤ — € ♥ ✔", false },
		{ "\xF0\x9D\x91\xA5", false },	   /* U+1D465, «𝑥» */
		{ "\xF0\x9F\xAB\xBF", true },	   /* U+1FAFF */
		{ "\xF0\x9F\xAC\x80", false },	   /* U+1FB00 */
		{ "\xEF\xBB\xBFтекст", true },	   /* a BOM inside the text */
		{ "и\xE2\x80\x8Bобучение", true }, /* a zero width space */
		{ "\xE2\x80\xAEтекст", true },	   /* a right-to-left override */
		{ "👨\xE2\x80\x8D🏫", true },	   /* a pictograph; its joiner is none */
		{ "а\xE2\x80\x8Dб \xE2\x80\x91 \xC2\xAD", false }, /* a joiner, hyphens */
		{ "\xEF\xBC\x8C", false },			   /* «，» */
		{ "\xF0\x9F\x91", false },
		{ "\xEF\x82", false },
	};

	static const char *const signs[] = { "\xEF\x83\xBC", "\xEF\xBF\xBD", "👍", "✅",
					     "\xE2\x80\x8B", "\xE2\x81\xA0" };
	char buf[128];
	size_t i, off, n;
	int avx2;

	check_fact_cases(cases, NV_ARRAY_SIZE(cases), NV_MD_TEXT_GLYPH);
	/* a front matter's: at every offset, in blocks and in the tail; a tick, a dash are none */
	for (avx2 = 0; avx2 < 2; avx2++)
		for (i = 0, nv_avx2_enable(avx2); i < NV_ARRAY_SIZE(signs); i++)
			for (off = 0; off <= 72; off++) {
				memset(buf, 'a', off);
				n = off + (size_t)snprintf(buf + off, sizeof(buf) - off,
							   "%s — итоги", signs[i]);
				if (!nv_md_glyphs(buf, n))
					(void)nv_test_failed(__FILE__, __LINE__,
							     "«%s» at %zu: none", signs[i], off);
				memcpy(buf + off, "✓", 3);
				if (nv_md_glyphs(buf, off + 3))
					(void)nv_test_failed(__FILE__, __LINE__,
							     "«✓» at %zu: a sign", off);
			}
	nv_avx2_enable(true);
	CHECK(!nv_md_glyphs("title: Итоги — 2026 № 1 «…» ✓ ≥",
			    strlen("title: Итоги — 2026 № 1 «…» ✓ ≥")));
}

static bool is_lat(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* nv_md_may_mix() a byte at a time, as markdown.h says it. */
static bool may_mix_bytes(const unsigned char *u, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if ((is_lat(u[i]) && (u[i + 1] & 0xFE) == 0xD0) ||
		    ((u[i] & 0xC0) == 0x80 && is_lat(u[i + 1])) ||
		    (u[i] == 0xCC && (u[i + 1] | 0x0E) == 0x8E) ||
		    (u[i] == '-' && i && (u[i - 1] & 0xC0) == 0x80 &&
		     (u[i + 1] == ' ' || (u[i + 1] | 0x07) == 0x0F)))
			return true;
	return false;
}

/*
 * Random texts of Russian and Latin letters, hyphens, spaces and
 * combining marks, mostly Russian, of up to 300 bytes: nv_md_may_mix()
 * by AVX2 (passing 32 bytes without a Latin letter, 0xCC or '-' at once)
 * and by SSE2 alone says what a byte at a time says, for the whole text
 * and for every length of it.
 */
static void test_may_mix_blocks(void)
{
	static const char *const pieces[] = { "\xD0\xB6", "\xD1\x8F", "\xD0\xB6", "\xD1\x8F",
					      " ",	  " ",	      "o",	  "N",
					      "-",	  "\n",	      "\xCC\x86", "\xCC\x81",
					      "1",	  "\xC2\xAB", "z",	  "A" };
	unsigned char t[320];
	char *copy;
	uint32_t seed = 9;
	size_t k, n, len;
	bool ok = true, want;
	int avx2;

	for (k = 0; ok && k < 3000; k++) {
		for (len = 0; len < 300;) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly Russian letters: long runs the blocks pass at once. */
			n = (seed >> 16) % 8 ? (seed >> 20) % 2
					     : (seed >> 8) % NV_ARRAY_SIZE(pieces);
			memcpy(t + len, pieces[n], strlen(pieces[n]));
			len += strlen(pieces[n]);
		}
		for (n = k % 7; ok && n <= len; n += 1 + k % 7) {
			/* A copy of its own: under ASan no byte past the text is read. */
			copy = nv_xmalloc(n ? n : 1);
			memcpy(copy, t, n);
			want = may_mix_bytes(t, n);
			for (avx2 = 0; ok && avx2 < 2; avx2++) {
				nv_avx2_enable(avx2);
				if (nv_md_may_mix(copy, n) != want) {
					nv_test_failed(__FILE__, __LINE__,
						       "text %zu, %zu bytes, avx2 %d: not %d", k, n,
						       avx2, want);
					ok = false;
				}
			}
			free(copy);
		}
	}
	nv_avx2_enable(true);
	CHECK(ok);
}

/*
 * A scan read as Latin is told from English, addresses, short Latin
 * and Russian text with Latin words (the rule of markdown.h, one part
 * at a time).
 */
static void test_misread(void)
{
	static const struct {
		const char *text;
		bool misread;
	} cases[] = {
		{ "TIoJIoXeHHe o HacTaBHHYecTBe nearorHyecKHX pa6oTHHKOB MAOY", true },
		{ "MEKLY OBYHaIOUUIMIICA, © MPHKa30M MUHHCTCPCTBa OGPa30BaHHA", true },
		/* one odd word only */
		{ "TIoJIoXeHHe o HACTABHHYECTBE NEAROGHYECKHX PABOTHHKOB MAOY", false },
		/* English, its capitals after a space or a digit */
		{ "Mentoring in Schools: A Handbook for Teachers, 2019 edition", false },
		/* the odd words are in addresses */
		{ "See https://example.org/mentoringHandBook2019 or www.eduPortal.ru/a0b "
		  "and ask info@schoolMail.ru today please",
		  false },
		/* 19 Latin letters */
		{ "aBaBaBaBaB aBaBaBaBa", false },
		{ "aBaBaBaBaB aBaBaBaBaB", true },
		/* Russian letters: 20 Latin is not over four times 5 */
		{ "aBaBaBaBaB aBaBaBaBaB жжжжж", false },
		{ "aBaBaBaBaB aBaBaBaBaBa жжжжж", true },
		{ "Платформы для встреч: YouTube, WhatsApp, LinkedIn и PowerPoint.", false },
		{ "", false },
	};
	struct nv_buf b = NV_BUF_INIT;
	size_t i, cyr;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++)
		if (nv_md_misread(cases[i].text, strlen(cases[i].text)) != cases[i].misread)
			nv_test_failed(__FILE__, __LINE__, "case %zu: not %d", i, cases[i].misread);
	/*
	 * A line of 9 KB, counted 16 bytes at a time in counts of a byte,
	 * summed every 4,080 bytes: 4 × 1,100 Latin letters is not over four
	 * times 1,100 Russian ones, one more is.
	 */
	for (i = 0; i < 1100; i++)
		nv_buf_add(&b, "\xD0\xB6", 2);
	for (i = 0; i < 2200; i++)
		nv_buf_adds(&b, " aB");
	CHECK(!nv_md_misread(b.ptr, b.len));
	nv_buf_adds(&b, " a");
	CHECK(nv_md_misread(b.ptr, b.len));
	/* The same as the fact of a body, by AVX2 and by SSE2, its line after Russian ones. */
	for (cyr = 0; cyr < 2; cyr++) {
		nv_avx2_enable(cyr);
		nv_buf_reset(&b);
		for (i = 0; i < 300; i++)
			nv_buf_adds(&b, i % 20 == 19 ? "\n" : "жж ");
		nv_buf_adds(&b, "e-mail: a@b.ru\nMEKLY OBYHaIOUUIMIICA MPHKa30M MUHHCTCPCTBa\nжж");
		CHECK(nv_md_text_facts(b.ptr, b.len) & NV_MD_TEXT_MISREAD);
		/* the line with one odd word less: «MPHKA30M» */
		strstr(b.ptr, "MPHKa")[4] = 'A';
		CHECK(!(nv_md_text_facts(b.ptr, b.len) & NV_MD_TEXT_MISREAD));
	}
	nv_avx2_enable(true);
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_facts_at_every_offset);
	NV_RUN(test_may_mix_blocks);
	NV_RUN(test_misread);
	NV_RUN(test_quotes_fact);
	NV_RUN(test_head_fact);
	NV_RUN(test_glyph_fact);
	NV_RUN(test_link_fact);
	NV_RUN(test_unspaced_heading);
	NV_RUN(test_cite_forms);
	NV_RUN(test_not_cites);
	NV_RUN(test_no_text);
	NV_RUN(test_cite_fact);
}
