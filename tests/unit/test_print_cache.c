/*
 * Unit tests for the texts an engine keeps (print_cache.c): a text set
 * again is not shaped again (its lines are those of the first time), and
 * its lines are where a fresh engine puts them, to the last bit.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"
#include "../../generator/print_int.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static const char *const para =
	"Назначить куратором внедрения целевой модели наставничества заместителя "
	"директора по учебно-воспитательной работе, утвердить дорожную карту "
	"реализации персонализированных программ наставничества педагогических "
	"работников и обучающихся образовательной организации.";

/* One document: para justified at x left in a box w pt wide, then a heading. */
static struct nv_pl_pages *set(struct nv_pl_engine *en, double left, double w)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_pages *p;
	struct nv_pl_style st;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	st.indent = 12.5 * NV_PT_PER_MM;
	st.hyphenate = true;
	st.left = left;
	st.width = w;
	nv_pl_para(doc, para, &st);
	memset(&st, 0, sizeof(st));
	st.align = NV_PL_CENTER;
	st.bold = true;
	nv_pl_para(doc, "ПРИКАЗ", &st);
	p = nv_pl_layout(en, doc);
	nv_pl_doc_free(doc);
	return p;
}

/* The line items of the first page of p. */
static size_t lines(const struct nv_pl_pages *p, const struct nv_pl_item **v, size_t max)
{
	size_t k, n = 0;

	for (k = 0; p->nr && k < p->v[0].nitems && n < max; k++)
		if (p->v[0].items[k].kind == NV_PL_ITEM_LINE)
			v[n++] = &p->v[0].items[k];
	return n;
}

/* The same text twice: the same lines, at the same places as a fresh engine's. */
static void test_same_text_set_once(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_engine *fresh = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_pages *a, *b, *c;
	const struct nv_pl_item *la[32], *lb[32], *lc[32];
	size_t na, nb, nc, i;

	CHECK(en && fresh);
	a = set(en, 0, 300);
	b = set(en, 0, 300);
	c = set(fresh, 0, 300);
	na = lines(a, la, 32);
	nb = lines(b, lb, 32);
	nc = lines(c, lc, 32);
	CHECK(na > 3 && na == nb && na == nc);
	for (i = 0; i < na && i < nb && i < nc; i++) {
		CHECK(la[i]->line == lb[i]->line); /* not shaped again */
		CHECK(la[i]->line != lc[i]->line);
		CHECK(lb[i]->x == lc[i]->x && lb[i]->y == lc[i]->y);
		CHECK(lb[i]->w == lc[i]->w && lb[i]->h == lc[i]->h);
	}
	CHECK(b->nlayouts == c->nlayouts);
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_pages_free(c);

	/* Elsewhere on the page: the same lines, moved; in another width: others. */
	a = set(en, 20, 300);
	b = set(en, 0, 250);
	c = set(fresh, 20, 300);
	na = lines(a, la, 32);
	nb = lines(b, lb, 32);
	nc = lines(c, lc, 32);
	CHECK(na == nc && nb > 0);
	for (i = 0; i < na && i < nc; i++)
		CHECK(la[i]->x == lc[i]->x && la[i]->y == lc[i]->y);
	CHECK(la[0]->line != lb[0]->line);
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_pages_free(c);
	nv_pl_engine_free(en);
	nv_pl_engine_free(fresh);
	nv_buf_release(&why);
}

/* markup (freed here) justified in a box of width 300, hyphenated or not. */
static struct nv_pl_pages *set_300(struct nv_pl_engine *en, char *markup, bool hyphenate)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_pages *p;
	struct nv_pl_style st;

	memset(&st, 0, sizeof(st));
	st.align = NV_PL_JUSTIFY;
	st.hyphenate = hyphenate;
	st.width = 300;
	nv_pl_para(doc, markup, &st);
	p = nv_pl_layout(en, doc);
	nv_pl_doc_free(doc);
	free(markup);
	return p;
}

/* para with tail after it, hyphenated. */
static struct nv_pl_pages *set_tail(struct nv_pl_engine *en, const char *tail)
{
	return set_300(en, nv_xasprintf("%s %s", para, tail), true);
}

/*
 * Two texts that differ only at their end: the lines they share are set
 * once (the layout of the first text's line is the second's), the others
 * anew, and all stand where a fresh engine puts them.
 */
static void test_same_line_set_once(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_engine *fresh = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_pages *a, *b, *c;
	const struct nv_pl_item *la[32], *lb[32], *lc[32];
	size_t na, nb, nc, i;

	CHECK(en && fresh);
	a = set_tail(en, "Срок: до 1 сентября.");
	b = set_tail(en, "Контроль оставляю за собой.");
	c = set_tail(fresh, "Контроль оставляю за собой.");
	na = lines(a, la, 32);
	nb = lines(b, lb, 32);
	nc = lines(c, lc, 32);
	CHECK(na > 3 && nb > 3 && nb == nc);
	CHECK(la[0]->line == lb[0]->line); /* set once */
	CHECK(la[na - 1]->line != lb[nb - 1]->line);
	for (i = 0; i < nb && i < nc; i++) {
		CHECK(lb[i]->line != lc[i]->line);
		CHECK(lb[i]->x == lc[i]->x && lb[i]->y == lc[i]->y);
		CHECK(lb[i]->w == lc[i]->w && lb[i]->h == lc[i]->h);
		CHECK(lb[i]->line->length == lc[i]->line->length);
		CHECK(!strncmp(
			pango_layout_get_text(lb[i]->line->layout) + lb[i]->line->start_index,
			pango_layout_get_text(lc[i]->line->layout) + lc[i]->line->start_index,
			(size_t)lc[i]->line->length));
	}
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_pages_free(c);
	nv_pl_engine_free(en);
	nv_pl_engine_free(fresh);
	nv_buf_release(&why);
}

/* A text of its own, n: a paragraph of para's words, not hyphenated. */
static struct nv_pl_pages *set_other(struct nv_pl_engine *en, int n)
{
	return set_300(en, nv_xasprintf("%d. %s", n, para), false);
}

/* Whether the first line of p is that of q (the text was kept). */
static bool kept(struct nv_pl_pages *p, struct nv_pl_pages *q)
{
	const struct nv_pl_item *lp[32], *lq[32];
	bool same = lines(p, lp, 32) > 0 && lines(q, lq, 32) > 0 && lp[0]->line == lq[0]->line;

	nv_pl_pages_free(q);
	return same;
}

/*
 * The cache keeps cache_bytes of keys: new texts push out the text used
 * longest ago, not one used lately.
 */
static void test_oldest_text_goes(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_pages *a, *b;
	int k;

	CHECK(en);
	en->cache_bytes = 8 * (strlen(para) + 64); /* eight texts */
	b = set_other(en, 1000);
	a = set_other(en, 2000);
	CHECK(kept(b, set_other(en, 1000)));
	CHECK(kept(a, set_other(en, 2000)));
	for (k = 0; k < 5; k++)
		nv_pl_pages_free(set_other(en, k));
	CHECK(kept(a, set_other(en, 2000))); /* used now: the newest */
	for (k = 5; k < 10; k++)
		nv_pl_pages_free(set_other(en, k));
	CHECK(kept(a, set_other(en, 2000)));
	CHECK(!kept(b, set_other(en, 1000))); /* used longest ago: gone */
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_engine_free(en);
	nv_buf_release(&why);
}

/* An engine that forgot its texts sets them again, the same. */
static void test_forget_sets_again(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_pages *a, *b;
	const struct nv_pl_item *la[32], *lb[32];
	size_t na, nb, i;

	CHECK(en);
	a = set(en, 0, 280);
	nv_pl_engine_forget(en);
	b = set(en, 0, 280);
	na = lines(a, la, 32);
	nb = lines(b, lb, 32);
	CHECK(na > 3 && na == nb);
	for (i = 0; i < na && i < nb; i++) {
		CHECK(la[i]->line != lb[i]->line); /* shaped again */
		CHECK(la[i]->x == lb[i]->x && la[i]->y == lb[i]->y && la[i]->w == lb[i]->w);
	}
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_engine_forget(en); /* nothing kept: fine */
	nv_pl_engine_forget(en);
	nv_pl_engine_free(en);
	nv_buf_release(&why);
}

/* An automatic-width table set by en: the x and w of its cells into v; their count. */
static size_t table_cells(struct nv_pl_engine *en, double *v, size_t max)
{
	static const double given[] = { 150, 150, 150 };
	static const char *const row[] = { "1.1.",
					   ("Изучение нормативных документов о наставничестве, "
					    "анализ опыта школы и подготовка справки"),
					   "Аналитическая справка, протокол" };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(given, 3, 12);
	struct nv_pl_pages *p;
	size_t k, n = 0;

	nv_pl_row(t, row, 3, NV_PL_LEFT, false);
	t->auto_widths = true;
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	p = nv_pl_layout(en, doc);
	for (k = 0; p->nr && k < p->v[0].nitems && n + 2 <= max; k++)
		if (p->v[0].items[k].kind == NV_PL_ITEM_RECT) {
			v[n++] = p->v[0].items[k].x;
			v[n++] = p->v[0].items[k].w;
		}
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	return n;
}

/* Column widths measured once, the same as a fresh engine's. */
static void test_same_table_measured_once(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_engine *fresh = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	double a[16], b[16], c[16];
	size_t na, nb, nc, i;

	CHECK(en && fresh);
	na = table_cells(en, a, 16);
	nb = table_cells(en, b, 16);
	nc = table_cells(fresh, c, 16);
	CHECK(na >= 6 && na == nb && na == nc);
	for (i = 0; i < na && i < nb && i < nc; i++)
		CHECK(a[i] == b[i] && b[i] == c[i]);
	CHECK(a[3] > a[1] && a[1] < 40); /* auto widths: «1.1.» narrow */
	nv_pl_engine_free(en);
	nv_pl_engine_free(fresh);
	nv_buf_release(&why);
}

/* An engine that has rested (a fresh font map) sets text as before. */
static void test_rest_changes_nothing(void)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en = nv_pl_engine_new(&opts, NV_HYPHEN_RU, &why);
	struct nv_pl_pages *a, *b;
	const struct nv_pl_item *la[32], *lb[32];
	size_t na, nb, i;
	int k;

	CHECK(en);
	a = set(en, 0, 280);
	na = lines(a, la, 32);
	for (k = 0; k < NV_PL_REST_EVERY; k++)
		nv_pl_engine_rest(en);
	b = set(en, 0, 280);
	nb = lines(b, lb, 32);
	CHECK(na > 3 && na == nb);
	for (i = 0; i < na && i < nb; i++) {
		CHECK(la[i]->line != lb[i]->line); /* it rested: shaped again */
		CHECK(la[i]->x == lb[i]->x && la[i]->y == lb[i]->y && la[i]->w == lb[i]->w);
	}
	nv_pl_pages_free(a);
	nv_pl_pages_free(b);
	nv_pl_engine_free(en);
	nv_buf_release(&why);
}

void nv_tests(void)
{
	NV_RUN(test_rest_changes_nothing);
	NV_RUN(test_same_text_set_once);
	NV_RUN(test_same_line_set_once);
	NV_RUN(test_oldest_text_goes);
	NV_RUN(test_forget_sets_again);
	NV_RUN(test_same_table_measured_once);
}
