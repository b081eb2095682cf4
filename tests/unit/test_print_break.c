/*
 * Unit tests for justified text broken by total fit (print_break.c): the
 * lines of a paragraph Pango's greedy breaking set loosely, no line ending
 * in a one-letter word, bold runs kept, the text of the document read once,
 * no short last line, and a word wider than the line left to Pango.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static struct nv_pl_engine *engine(void)
{
	static struct nv_pl_engine *en;
	struct nv_buf why = NV_BUF_INIT;

	if (!en)
		en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	nv_buf_release(&why);
	return en;
}

/*
 * Lay out markup justified (indent: the first line's, pt) in a box w pt
 * wide (0: the text area); the dump into *dump when not NULL, the lines'
 * text, one a line, into *out. The caller frees the pages returned.
 */
static struct nv_pl_pages *set(const char *markup, double w, double indent, struct nv_buf *out,
			       struct nv_buf *dump)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_pages *p;
	struct nv_pl_style st;
	size_t i, k;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	st.hyphenate = true;
	st.width = w;
	st.indent = indent;
	nv_pl_para(doc, markup, &st);
	p = nv_pl_layout(engine(), doc);
	nv_buf_reset(out);
	for (i = 0; i < p->nr; i++)
		for (k = 0; k < p->v[i].nitems; k++)
			if (p->v[i].items[k].kind == NV_PL_ITEM_LINE) {
				nv_pl_line_text(p->v[i].items[k].line, out);
				nv_buf_addch(out, '\n');
			}
	if (dump) {
		nv_buf_reset(dump);
		nv_pl_dump(p, dump);
	}
	nv_pl_doc_free(doc);
	return p;
}

/* The largest ws= of a dump (1: none). */
static double max_ws(const char *d)
{
	double m = 1;

	while ((d = strstr(d, " ws=")) != NULL) {
		double v = strtod(d + 4, NULL);
		if (v > m)
			m = v;
		d++;
	}
	return m;
}

/*
 * The preamble of the demo's order on pairs: Pango broke it greedily into
 * lines whose spaces were stretched to 3.8 and 4.4 times their width («В
 * соответствии со статьёй 351.8 Трудового кодекса Российской» /
 * «Федерации, положением о наставничестве педагогических работников»);
 * total fit spreads the looseness (none over 3) as TeX would.
 */
static void test_total_fit(void)
{
	struct nv_buf t = NV_BUF_INIT, d = NV_BUF_INIT;
	struct nv_pl_pages *p;

	CHECK(engine());
	p = set("В\xC2\xA0соответствии со\xC2\xA0статьёй 351.8 Трудового кодекса Российской "
		"Федерации, положением о\xC2\xA0наставничестве педагогических работников "
		"и\xC2\xA0положением о\xC2\xA0наставничестве обучающихся МАОУ «СОШ "
		"№\xC2\xA0"
		"14», утверждёнными приказом от\xC2\xA0"
		"29.08.2025 №\xC2\xA0"
		"118-од, программой "
		"наставничества «Шаг навстречу» на\xC2\xA0"
		"2025–2026\xC2\xA0учебный год, на\xC2\xA0основании "
		"письменных согласий наставников, заявлений наставляемых и\xC2\xA0согласий "
		"родителей (законных представителей) несовершеннолетних обучающихся",
		0, 12.5 * NV_PT_PER_MM, &t, &d);
	CHECK_STR(t.ptr,
		  "В~соответствии со~статьёй 351.8 Трудового кодекса Российской Федерации,\n"
		  "положением о~наставничестве педагогических работников и~положением о~на-\n"
		  "ставничестве обучающихся МАОУ «СОШ №~14», утверждёнными прика-\n"
		  "зом от~29.08.2025 №~118-од, программой наставничества «Шаг навстречу»\n"
		  "на~2025–2026~учебный год, на~основании письменных согласий наставников,\n"
		  "заявлений наставляемых и~согласий родителей (законных представителей) не-\n"
		  "совершеннолетних обучающихся\n");
	CHECK(max_ws(d.ptr) < 3);
	nv_pl_pages_free(p);
	nv_buf_release(&t);
	nv_buf_release(&d);
}

/* Whether a line of t (one a line) ends in a one-letter word. */
static bool one_letter_end(const char *t)
{
	const char *nl;

	for (; (nl = strchr(t, '\n')) != NULL; t = nl + 1) {
		const char *sp = nl;
		while (sp > t && sp[-1] != ' ')
			sp--;
		/* a Cyrillic letter is two bytes */
		if (sp > t && nl - sp <= 2 && (unsigned char)*sp >= 0xD0)
			return true;
	}
	return false;
}

/*
 * Without the no-break spaces of the typography pass, a line never ends
 * in a one-letter word («в», «с», «и», «к»), at any width; nothing is
 * past the box and only the last line is ragged.
 */
static void test_no_one_letter_end(void)
{
	static const char text[] =
		"Наставник и наставляемый в течение года встречаются с куратором, к концу "
		"четверти готовят отчёт о работе и в мае представляют его у директора, а "
		"в сентябре с новыми силами и к новым целям идут в школу о которой мечтали";
	struct nv_buf t = NV_BUF_INIT;
	double w;

	CHECK(engine());
	for (w = 150; w <= 480; w += 7) {
		struct nv_pl_pages *p = set(text, w, 0, &t, NULL);
		size_t k;
		if (one_letter_end(t.ptr))
			nv_test_failed(__FILE__, __LINE__, "ширина %.0f:\n%s", w, t.ptr);
		CHECK(!one_letter_end(t.ptr));
		for (k = 0; k < p->v[0].nitems; k++) {
			const struct nv_pl_item *it = &p->v[0].items[k];
			if (it->kind == NV_PL_ITEM_LINE)
				CHECK(it->x + it->w <= 30 * NV_PT_PER_MM + w + 0.01);
		}
		nv_pl_pages_free(p);
	}
	nv_buf_release(&t);
}

/*
 * Bold runs keep their font on the lines they are set on, a break inside
 * one too; every line but the last spans the box.
 */
static void test_bold_runs(void)
{
	struct nv_buf t = NV_BUF_INIT;
	struct nv_pl_pages *p = set("– <b>персонализированная программа наставничества</b> "
				    "(индивидуальный план развития)~— план совместной работы "
				    "наставника и наставляемого",
				    200, 0, &t, NULL);
	size_t k, bold = 0, lines = 0;

	for (k = 0; k < p->v[0].nitems; k++) {
		const struct nv_pl_item *it = &p->v[0].items[k];
		GSList *r;
		if (it->kind != NV_PL_ITEM_LINE)
			continue;
		lines++;
		for (r = ((PangoLayoutLine *)it->line)->runs; r; r = r->next) {
			PangoGlyphItem *run = r->data;
			PangoFontDescription *fd = pango_font_describe(run->item->analysis.font);
			bold += pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
			pango_font_description_free(fd);
		}
	}
	CHECK(lines >= 4);
	/* The bold words span the first lines: a bold run on each. */
	CHECK(bold >= 2);
	CHECK(strncmp(t.ptr, "– персонализированная", strlen("– персонализированная")) == 0);
	nv_pl_pages_free(p);
	nv_buf_release(&t);
}

/*
 * The text of the document (what the personal-data guard reads) holds a
 * justified paragraph once and its hyphenated words whole: the layouts
 * of its single lines are not read.
 */
static void test_text_once(void)
{
	struct nv_buf t = NV_BUF_INIT, text = NV_BUF_INIT;
	struct nv_pl_pages *p =
		set("Классным руководителям в сентябре ознакомить обучающихся и их родителей "
		    "с положением о наставничестве под подпись",
		    180, 0, &t, NULL);

	CHECK(strchr(t.ptr, '-') != NULL); /* something is hyphenated at 180 pt */
	nv_pl_text(p, &text);
	CHECK_STR(text.ptr, "Классным руководителям в сентябре ознакомить обучающихся и их "
			    "родителей с положением о наставничестве под подпись\n");
	nv_pl_pages_free(p);
	nv_buf_release(&t);
	nv_buf_release(&text);
}

/*
 * The last line of a paragraph is not shorter than one and a half
 * paragraph indents when another breaking allows it: «…в разделе настав-
 * ничества», not «…в разделе наставниче-» / «ства».
 */
static void test_short_last_line(void)
{
	struct nv_buf t = NV_BUF_INIT;
	struct nv_pl_pages *p =
		set("Куратор проводит мониторинг два раза в\xC2\xA0год: в\xC2\xA0декабре "
		    "и\xC2\xA0в\xC2\xA0мае; его результаты обсуждаются на\xC2\xA0педагогическом "
		    "совете и\xC2\xA0публикуются на\xC2\xA0сайте школы в\xC2\xA0разделе "
		    "наставничества",
		    276, 12.5 * NV_PT_PER_MM, &t, NULL);
	const char *last = t.ptr + t.len - 1;

	while (last > t.ptr && last[-1] != '\n')
		last--;
	CHECK_STR(last, "ничества\n");
	nv_pl_pages_free(p);
	nv_buf_release(&t);
}

/* Whether three lines in a row of t (one a line) end in a hyphen. */
static bool three_hyphens(const char *t)
{
	const char *nl;
	int run = 0;

	for (; (nl = strchr(t, '\n')) != NULL; t = nl + 1) {
		run = nl > t && nl[-1] == '-' ? run + 1 : 0;
		if (run == 3)
			return true;
	}
	return false;
}

/*
 * Three hyphenated lines in a row cost more than a loose line: at these
 * widths total fit with only TeX's double-hyphen demerits sets three
 * («направ-» / «необхо-» / «организа-»), with the rule it sets two at
 * most. (Much narrower, or with a very loose line as the only other way,
 * three may remain.)
 */
static void test_no_three_hyphens(void)
{
	static const double widths[] = { 310, 320, 335, 340, 420, 425, 430, 455 };
	static const char text[] =
		"Наставничество\xC2\xA0— форма обеспечения профессионального становления, "
		"развития и\xC2\xA0адаптации педагогического работника к\xC2\xA0исполнению "
		"должностных обязанностей, основанная на\xC2\xA0совместной деятельности "
		"наставника и\xC2\xA0наставляемого, направленная на\xC2\xA0освоение "
		"профессиональных компетенций, необходимых для самостоятельной работы "
		"в\xC2\xA0образовательной организации";
	struct nv_buf t = NV_BUF_INIT;
	size_t k;

	CHECK(engine());
	for (k = 0; k < NV_ARRAY_SIZE(widths); k++) {
		struct nv_pl_pages *p = set(text, widths[k], 12.5 * NV_PT_PER_MM, &t, NULL);
		bool three = three_hyphens(t.ptr);
		nv_pl_pages_free(p);
		if (three)
			nv_test_failed(__FILE__, __LINE__, "ширина %.0f:\n%s", widths[k], t.ptr);
		CHECK(!three);
	}
	nv_buf_release(&t);
}

/* A word wider than the line: no breaking fits, Pango's own lines break it. */
static void test_word_wider_than_line(void)
{
	struct nv_buf t = NV_BUF_INIT;
	struct nv_pl_pages *p =
		set("см. ПЕРСОНАЛИЗИРОВАННЫХПРОГРАММНАСТАВНИЧЕСТВА далее", 120, 0, &t, NULL);
	size_t k;

	CHECK(strstr(t.ptr, "далее") != NULL);
	for (k = 0; k < p->v[0].nitems; k++) {
		const struct nv_pl_item *it = &p->v[0].items[k];
		if (it->kind == NV_PL_ITEM_LINE)
			CHECK(it->x + it->w <= 30 * NV_PT_PER_MM + 120 + 0.01);
	}
	nv_pl_pages_free(p);
	nv_buf_release(&t);
}

/*
 * Lines after a hard break (U+2028, Markdown's backslash at a line end)
 * are broken to the width like the first: they were measured from where
 * the line before ended and ran past the margin.
 */
static void test_hard_breaks(void)
{
	struct nv_buf t = NV_BUF_INIT;
	struct nv_pl_pages *p = set(
		"<b>Оператор персональных данных:</b>\u2028Муниципальное автономное "
		"общеобразовательное учреждение «Средняя общеобразовательная школа №\u00a014» "
		"(МАОУ «СОШ №\u00a014»);\u2028адрес, указанный в\u00a0Едином "
		"государственном реестре юридических лиц: 624140, Озёрный край, г. Верхнеозёрск, "
		"ул. Школьная, д. 3;\u2028ИНН 9901400145; ОГРН 1029900140016.",
		0, 35, &t, NULL);
	size_t k, lines = 0;

	for (k = 0; k < p->v[0].nitems; k++) {
		const struct nv_pl_item *it = &p->v[0].items[k];
		if (it->kind != NV_PL_ITEM_LINE)
			continue;
		lines++;
		CHECK(it->x + it->w <= 30 * NV_PT_PER_MM + 481.9 + 0.01);
	}
	CHECK(lines >= 6);
	CHECK(strstr(t.ptr, "ОГРН 1029900140016.") != NULL);
	nv_pl_pages_free(p);
	nv_buf_release(&t);
}

void nv_tests(void)
{
	NV_RUN(test_total_fit);
	NV_RUN(test_no_one_letter_end);
	NV_RUN(test_bold_runs);
	NV_RUN(test_text_once);
	NV_RUN(test_short_last_line);
	NV_RUN(test_no_three_hyphens);
	NV_RUN(test_word_wider_than_line);
	NV_RUN(test_hard_breaks);
	nv_pl_engine_free(engine());
}
