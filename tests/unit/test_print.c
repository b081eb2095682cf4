/*
 * Unit tests for the print engine (print_layout.c, print_paint.c,
 * hyphenate.c) and the printers (print_docs.c) on the demo school.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "hyphenate.h"
#include "model.h"
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

static void test_hyphenation(void)
{
	struct nv_hyphen *h = nv_hyphen_load(NV_HYPHEN_RU);
	struct nv_buf b = NV_BUF_INIT;

	CHECK(h != NULL);
	nv_hyphen_add(h, &b, "наставничества", strlen("наставничества"), false);
	CHECK(strstr(b.ptr, "\xC2\xAD") != NULL);
	nv_buf_reset(&b);
	/* Short words, words with digits and markup stay whole. */
	nv_hyphen_add(h, &b, "<b>мама</b> 5-й 10А &amp;", strlen("<b>мама</b> 5-й 10А &amp;"),
		      true);
	CHECK_STR(b.ptr, "<b>мама</b> 5-й 10А &amp;");
	nv_buf_reset(&b);
	/* Two letters at least on each side: «об-ра-зо-ва-ние», never «о-бразование». */
	nv_hyphen_add(h, &b, "Образование", strlen("Образование"), false);
	CHECK(strncmp(b.ptr, "О\xC2\xAD", 4) != 0);
	CHECK(!strstr(b.ptr, "\xC2\xAD"
			     "е"));
	nv_buf_release(&b);
	nv_hyphen_free(h);
}

static void test_missing_font_is_an_error(void)
{
	struct nv_print_opts o = opts;
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_engine *en;

	o.font = "Шрифт Которого Нет";
	en = nv_pl_engine_new(&o, NULL, &why);
	CHECK(en == NULL);
	CHECK(strstr(why.ptr, "Шрифт Которого Нет") != NULL);
	nv_buf_release(&why);
	CHECK(engine() != NULL);
}

/* Lorem-like Russian text of n words. */
static void words(struct nv_buf *b, int n)
{
	static const char *const w[] = { "наставник",	   "и",	   "наставляемый", "составляют",
					 "индивидуальный", "план", "развития",	   "школы" };
	int i;

	for (i = 0; i < n; i++)
		nv_buf_addf(b, "%s%s", i ? " " : "", w[i % 8]);
}

/* Count the LINE items that follow each BOX of `role`; report the smallest fragment. */
static size_t min_fragment(const struct nv_pl_pages *p, const char *role, size_t *nfrag)
{
	size_t i, k, min = SIZE_MAX, cur = 0;
	bool in = false;

	*nfrag = 0;
	for (i = 0; i < p->nr; i++) {
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BOX) {
				if (in && cur < min)
					min = cur;
				in = !strcmp(it->role, role);
				if (in)
					(*nfrag)++;
				cur = 0;
			} else if (it->kind == NV_PL_ITEM_LINE && in) {
				cur++;
			}
		}
		if (in && cur < min)
			min = cur;
		in = false;
		cur = 0;
	}
	return min;
}

/* --- the structure of laid-out pages ------------------------------------------------ */

struct elem {
	const char *tag;
	size_t parent; /* index + 1, 0: none */
	size_t lines;  /* LINE items directly inside */
	size_t kids;   /* elements directly inside */
	bool number;   /* open when a page number was set */
};

struct structure {
	struct elem *v;
	size_t n, alloc;
	size_t min_span; /* fewest lines in a Span (a piece of a broken paragraph) */
	size_t spans;
};

static bool is_leaf(const char *tag)
{
	static const char *const leaves[] = { "P",  "H1", "H2", "H3",	 "H4",	"H5",
					      "H6", "TD", "TH", "LBody", "Span" };
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(leaves); i++)
		if (!strcmp(tag, leaves[i]))
			return true;
	return false;
}

/*
 * Walk the structure items of the pages into st (the caller frees st->v).
 * Returns NULL when the structure is sound: properly nested, every line
 * of text inside an element that holds text (a repeated table header
 * aside), no element holding both text and elements (Cairo would not
 * mark its text), page numbers outside every element that holds text.
 * Otherwise a message (static).
 */
/* A PNG of the regress case of images: a scheme of 480 × 240 pixels. */
#define SHEMA "tests/regress/cases/images/content/files/shema.png"

static const char *walk_structure(const struct nv_pl_pages *p, struct structure *st)
{
	static char why[200];
	size_t stack[64], depth = 0, i, k, top;
	const char *role = "";

	memset(st, 0, sizeof(*st));
	st->min_span = SIZE_MAX;
	for (i = 0; i < p->nr; i++) {
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			top = depth ? stack[depth - 1] : 0;
			switch (it->kind) {
			case NV_PL_ITEM_BOX:
				role = it->role;
				break;
			case NV_PL_ITEM_BEGIN:
				if (depth == NV_ARRAY_SIZE(stack))
					return "structure nested too deep";
				NV_GROW(st->v, st->n + 1, st->alloc);
				memset(&st->v[st->n], 0, sizeof(st->v[0]));
				st->v[st->n].tag = it->tag;
				st->v[st->n].parent = depth ? top + 1 : 0;
				if (depth)
					st->v[top].kids++;
				stack[depth++] = st->n++;
				break;
			case NV_PL_ITEM_END:
				if (!depth || strcmp(st->v[top].tag, it->tag)) {
					snprintf(why, sizeof(why), "page %zu: </%s> closes <%s>",
						 i + 1, it->tag,
						 depth ? st->v[top].tag : "nothing");
					return why;
				}
				if (!strcmp(it->tag, "Span")) {
					st->spans++;
					if (st->v[top].lines < st->min_span)
						st->min_span = st->v[top].lines;
				}
				depth--;
				break;
			case NV_PL_ITEM_LINE:
				if (!strcmp(role, "number")) {
					if (depth)
						st->v[top].number = true;
					break;
				}
				if (depth && !strcmp(st->v[top].tag, "Table") &&
				    !strcmp(role, "header-row"))
					break;
				if (!depth || !is_leaf(st->v[top].tag)) {
					snprintf(why, sizeof(why), "page %zu: text in <%s>", i + 1,
						 depth ? st->v[top].tag : "no element");
					return why;
				}
				st->v[top].lines++;
				break;
			case NV_PL_ITEM_IMAGE:
				/* A picture is content, as a line is: in a Figure of its own. */
				if (!depth || strcmp(st->v[top].tag, "Figure")) {
					snprintf(why, sizeof(why), "page %zu: picture in <%s>",
						 i + 1, depth ? st->v[top].tag : "no element");
					return why;
				}
				st->v[top].lines++;
				break;
			case NV_PL_ITEM_RECT:
			case NV_PL_ITEM_FILL:
				break;
			}
		}
	}
	if (depth)
		return "structure left open at the end";
	for (i = 0; i < st->n; i++) {
		snprintf(why, sizeof(why), "<%s> %s", st->v[i].tag,
			 st->v[i].lines && st->v[i].kids ? "holds text and elements"
							 : "holds text and a page number");
		if (st->v[i].lines && (st->v[i].kids || st->v[i].number))
			return why;
	}
	return NULL;
}

/* True if the bytes of b contain s. */
static bool contains(const struct nv_buf *b, const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i + n <= b->len; i++)
		if (!memcmp(b->ptr + i, s, n))
			return true;
	return false;
}

static size_t count_tag(const struct structure *st, const char *tag, const char *parent)
{
	size_t i, n = 0;

	for (i = 0; i < st->n; i++)
		if (!strcmp(st->v[i].tag, tag) &&
		    (!parent ||
		     (st->v[i].parent && !strcmp(st->v[st->v[i].parent - 1].tag, parent))))
			n++;
	return n;
}

/* The role of the last box on page i. */
static const char *last_box(const struct nv_pl_page *pg)
{
	size_t k;

	for (k = pg->nitems; k-- > 0;)
		if (pg->items[k].kind == NV_PL_ITEM_BOX)
			return pg->items[k].role;
	return "";
}

static const char *first_box(const struct nv_pl_page *pg)
{
	size_t k;

	for (k = 0; k < pg->nitems; k++)
		if (pg->items[k].kind == NV_PL_ITEM_BOX && strcmp(pg->items[k].role, "number"))
			return pg->items[k].role;
	return "";
}

static void test_keep_rules(void)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style body, head, sig;
	struct nv_pl_block *b;
	struct nv_pl_pages *p;
	struct nv_buf t = NV_BUF_INIT;
	struct structure st;
	size_t i, nfrag;
	int n;

	CHECK(engine() != NULL);
	memset(&body, 0, sizeof(body));
	body.align = NV_PL_JUSTIFY;
	body.indent = 35.4;
	body.hyphenate = true;
	body.role = "para";
	head = body;
	head.align = NV_PL_CENTER;
	head.indent = 0;
	head.bold = true;
	head.keep_next = true;
	head.before = 12;
	head.role = "heading";
	/* Paragraphs of 1 to 9 lines and headings, many pages of them. */
	for (n = 0; n < 60; n++) {
		nv_buf_reset(&t);
		if (n % 5 == 0) {
			nv_buf_addf(&t, "%d. Раздел", n / 5 + 1);
			nv_pl_para(doc, t.ptr, &head);
			nv_buf_reset(&t);
		}
		words(&t, 8 + (n * 37) % 90);
		nv_pl_para(doc, t.ptr, &body);
	}
	memset(&sig, 0, sizeof(sig));
	sig.keep_prev = true;
	sig.before = 35;
	sig.role = "signature";
	b = nv_pl_add(doc, NV_PL_COLUMNS, &sig);
	b->align_last = true;
	nv_pl_column_para(nv_pl_column(b, 0, 280), "Директор", &sig);
	sig.align = NV_PL_RIGHT;
	nv_pl_column_para(nv_pl_column(b, 280, 200), "И.В.\xC2\xA0Соколова", &sig);

	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr >= 5);
	/* No page ends with a heading, none starts with the signature. */
	for (i = 0; i < p->nr; i++) {
		CHECK(strcmp(last_box(&p->v[i]), "heading") != 0);
		CHECK(strcmp(first_box(&p->v[i]), "signature") != 0);
		CHECK_INT(p->v[i].number, i == 0 ? 0 : (int)i + 1);
	}
	/* Every piece of a broken paragraph (a Span) has two lines at least. */
	CHECK(min_fragment(p, "para", &nfrag) >= 1);
	CHECK(walk_structure(p, &st) == NULL);
	CHECK(st.spans >= 2);
	CHECK(st.min_span >= 2);
	/*
	 * Page numbers from page 2, in the middle of the top margin: centred
	 * over the text, at least 10 mm below the edge of the sheet.
	 */
	for (i = 1; i < p->nr; i++) {
		const struct nv_pl_item *num = &p->v[i].items[0];
		double mid = 30 * NV_PT_PER_MM + nv_pl_content_width(engine(), false) / 2;
		CHECK(num->kind == NV_PL_ITEM_BOX && !strcmp(num->role, "number"));
		CHECK(num->x + num->w / 2 > mid - 0.1 && num->x + num->w / 2 < mid + 0.1);
		CHECK(num->y >= 10 * NV_PT_PER_MM - 0.01 && num->y + num->h <= 20 * NV_PT_PER_MM);
	}
	free(st.v);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&t);
}

/* The widow and orphan rule checked through the dump: a 6-line paragraph near the foot of a page.
 */
static void test_widows_and_orphans(void)
{
	struct nv_pl_style body, sp;
	struct nv_buf t = NV_BUF_INIT;
	int pad;

	CHECK(engine() != NULL);
	memset(&body, 0, sizeof(body));
	body.align = NV_PL_JUSTIFY;
	body.role = "para";
	memset(&sp, 0, sizeof(sp));
	for (pad = 600; pad < 760; pad += 5) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_pages *p;
		size_t first = 0, second = 0, k;

		sp.before = pad;
		nv_pl_para(doc, "Начало.", &body);
		nv_pl_add(doc, NV_PL_SPACE, &sp);
		nv_buf_reset(&t);
		words(&t, 60);
		nv_pl_para(doc, t.ptr, &body);
		p = nv_pl_layout(engine(), doc);
		for (k = 0; k < p->v[0].nitems; k++)
			first += p->v[0].items[k].kind == NV_PL_ITEM_LINE;
		if (p->nr > 1)
			for (k = 0; k < p->v[1].nitems; k++)
				second += p->v[1].items[k].kind == NV_PL_ITEM_LINE &&
					  p->v[1].items[k].y > 60;
		first -= 1; /* «Начало.» */
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		/* All six lines together, or at least two on each page. */
		CHECK(first + second >= 6);
		CHECK(first == 0 || first >= 2);
		CHECK(second == 0 || second >= 2);
	}
	nv_buf_release(&t);
}

/* Body, heading and signature styles as the order printer sets them. */
static void styles(struct nv_pl_style *body, struct nv_pl_style *head, struct nv_pl_style *sig)
{
	memset(body, 0, sizeof(*body));
	body->align = NV_PL_JUSTIFY;
	body->indent = 35.4;
	body->hyphenate = true;
	body->role = "para";
	*head = *body;
	head->align = NV_PL_CENTER;
	head->indent = 0;
	head->bold = true;
	head->keep_next = true;
	head->before = 12;
	head->after = 6;
	head->role = "heading";
	head->tag = "H2";
	memset(sig, 0, sizeof(*sig));
	sig->keep_prev = true;
	sig->before = 35;
	sig->role = "signature";
}

static void add_signature(struct nv_pl_doc *doc, struct nv_pl_style sig)
{
	struct nv_pl_block *b = nv_pl_add(doc, NV_PL_COLUMNS, &sig);

	b->align_last = true;
	nv_pl_column_para(nv_pl_column(b, 0, 280), "Директор", &sig);
	sig.align = NV_PL_RIGHT;
	nv_pl_column_para(nv_pl_column(b, 280, 200), "И.В.\xC2\xA0Соколова", &sig);
}

/*
 * The end of an order slid down the page point by point: a heading (or
 * not), a paragraph of 1 to 10 lines, the signature. Wherever the page
 * breaks, no page ends with the heading, the signature never starts a
 * page (it takes the end of the paragraph along, and the heading with a
 * short paragraph), and a broken paragraph keeps two lines on each side.
 */
static void test_page_end_rules(void)
{
	static const int sizes[] = { 6, 20, 26, 34, 50, 80 };
	struct nv_pl_style body, head, sig, sp;
	struct nv_buf t = NV_BUF_INIT;
	struct structure st;
	size_t k, i;
	int pad, h;

	CHECK(engine() != NULL);
	styles(&body, &head, &sig);
	memset(&sp, 0, sizeof(sp));
	for (h = 0; h < 2; h++) {
		for (k = 0; k < NV_ARRAY_SIZE(sizes); k++) {
			for (pad = 520; pad < 780; pad += 3) {
				struct nv_pl_doc *doc = nv_pl_doc_new();
				struct nv_pl_pages *p;
				const char *why;

				nv_pl_para(doc, "Начало.", &body);
				sp.before = pad;
				nv_pl_add(doc, NV_PL_SPACE, &sp);
				if (h)
					nv_pl_para(doc, "7. Заключительные положения", &head);
				nv_buf_reset(&t);
				words(&t, sizes[k]);
				nv_pl_para(doc, t.ptr, &body);
				add_signature(doc, sig);
				p = nv_pl_layout(engine(), doc);
				why = walk_structure(p, &st);
				free(st.v);
				for (i = 0; i < p->nr; i++) {
					if (!strcmp(last_box(&p->v[i]), "heading"))
						why = "a page ends with the heading";
					if (!strcmp(first_box(&p->v[i]), "signature"))
						why = "the signature is alone on a page";
				}
				if (st.spans && st.min_span < 2)
					why = "a widow or an orphan";
				nv_pl_pages_free(p);
				nv_pl_doc_free(doc);
				if (why) {
					char msg[160];
					snprintf(msg, sizeof(msg),
						 "%s (heading %d, %d words, %d pt down)", why, h,
						 sizes[k], pad);
					nv_buf_release(&t);
					CHECK_STR(msg, "");
				}
			}
		}
	}
	nv_buf_release(&t);
}

/* Lines inside each <TD> of column `col` (0-based), in order; -1 ends the list. */
static void column_pieces(const struct nv_pl_pages *p, size_t col, int *out, size_t max)
{
	size_t i, k, n = 0, td = 0;
	int cur = -1;

	for (i = 0; i < p->nr; i++) {
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BEGIN && !strcmp(it->tag, "TR"))
				td = 0;
			else if (it->kind == NV_PL_ITEM_BEGIN && !strcmp(it->tag, "TD") &&
				 td++ == col)
				cur = 0;
			else if (it->kind == NV_PL_ITEM_LINE && cur >= 0)
				cur++;
			else if (it->kind == NV_PL_ITEM_END && !strcmp(it->tag, "TD") && cur >= 0) {
				if (n + 1 < max)
					out[n++] = cur;
				cur = -1;
			}
		}
	}
	out[n] = -1;
}

/*
 * Rows of two and of twelve lines in the middle column, slid down the page:
 * no piece of a cell has one line alone (rows that fit on a page move
 * whole), nothing is lost and nothing is set below the bottom margin; the
 * header is on each page.
 */
static void test_table_cells_break(void)
{
	static const double w[] = { 60, 250, 171.9 };
	static const char *const head[] = { "№", "Мероприятие", "Срок" };
	struct nv_buf cell = NV_BUF_INIT;
	int pieces[512], pad, total = -1, sum;
	size_t i, k;

	CHECK(engine() != NULL);
	for (pad = 0; pad < 700; pad += 7) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
		struct nv_pl_style sp;
		struct nv_pl_block *b;
		struct nv_pl_pages *p;
		struct structure st;
		const char *cells[3], *why = NULL;
		int r;

		memset(&sp, 0, sizeof(sp));
		sp.before = pad;
		nv_pl_para(doc, "Начало.", &sp);
		nv_pl_add(doc, NV_PL_SPACE, &sp);
		nv_pl_row(t, head, 3, NV_PL_CENTER, true);
		t->nheader = 1;
		for (r = 0; r < 12; r++) {
			nv_buf_reset(&cell);
			words(&cell, r % 3 ? 12 : 60);
			cells[0] = "1.1.";
			cells[1] = cell.ptr;
			cells[2] = "до 01.09.2025";
			nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
		}
		b = nv_pl_add(doc, NV_PL_TABLE, NULL);
		b->table = t;
		p = nv_pl_layout(engine(), doc);
		if (walk_structure(p, &st))
			why = "structure";
		free(st.v);
		column_pieces(p, 1, pieces, NV_ARRAY_SIZE(pieces));
		for (i = 0, sum = 0; pieces[i] >= 0; i++) {
			sum += pieces[i];
			/* Every cell of the column has two lines or more. */
			if (pieces[i] == 1)
				why = "one line of a cell alone";
		}
		if (total < 0)
			total = sum;
		if (sum != total)
			why = "lines lost";
		for (i = 0; i < p->nr; i++) {
			size_t headers = 0, rows = 0;
			for (k = 0; k < p->v[i].nitems; k++) {
				const struct nv_pl_item *it = &p->v[i].items[k];
				headers += it->kind == NV_PL_ITEM_BOX &&
					   !strcmp(it->role, "header-row");
				rows += it->kind == NV_PL_ITEM_BOX && !strncmp(it->role, "row", 3);
				if (it->y + (it->kind == NV_PL_ITEM_RECT ? it->h : 0) >
				    p->v[i].h - 20 * NV_PT_PER_MM + 0.5)
					why = "below the bottom margin";
			}
			/* The header on every page with rows of the table, and only there. */
			if (headers != (rows > 0))
				why = "no header";
		}
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		if (why) {
			char msg[120];
			snprintf(msg, sizeof(msg), "%s (%d pt down)", why, pad);
			nv_buf_release(&cell);
			CHECK_STR(msg, "");
		}
	}
	CHECK(total > 40);
	nv_buf_release(&cell);
}

/*
 * A pair with three mentees: its cells are merged over three rows (no
 * border between them) and the three rows stay on one page.
 */
static void test_merged_cells(void)
{
	static const double w[] = { 30, 150, 150, 151.9 };
	static const char *const head[] = { "№", "Наставник", "Наставляемый", "Форма" };
	static const char *const first[] = { "1", "Кузнецова Елена Владимировна", "Гусев Дмитрий",
					     "педагог – педагог" };
	static const char *const more[] = { "", "", "Егорова Ксения", "" };
	int pad;
	size_t i, k;

	CHECK(engine() != NULL);
	for (pad = 560; pad < 760; pad += 5) {
		struct nv_pl_doc *doc = nv_pl_doc_new();
		struct nv_pl_table *t = nv_pl_table_new(w, 4, 12);
		struct nv_pl_style sp;
		struct nv_pl_pages *p;
		struct nv_pl_row *r;
		size_t top = 0, bottom = 0, c;
		bool ok = true;
		int g;

		memset(&sp, 0, sizeof(sp));
		sp.before = pad;
		nv_pl_para(doc, "Начало.", &sp);
		nv_pl_add(doc, NV_PL_SPACE, &sp);
		nv_pl_row(t, head, 4, NV_PL_CENTER, true);
		t->nheader = 1;
		for (g = 0; g < 3; g++) {
			nv_pl_row(t, first, 4, NV_PL_LEFT, false);
			for (k = 0; k < 2; k++) {
				r = nv_pl_row(t, more, 4, NV_PL_LEFT, false);
				for (c = 0; c < 4; c++)
					r->cells[c].joined = c != 2;
			}
		}
		nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
		p = nv_pl_layout(engine(), doc);
		for (i = 0; i < p->nr; i++) {
			for (k = 0; k < p->v[i].nitems; k++) {
				const struct nv_pl_item *it = &p->v[i].items[k];
				if (it->kind != NV_PL_ITEM_RECT)
					continue;
				top += (it->open & NV_PL_OPEN_TOP) != 0;
				bottom += (it->open & NV_PL_OPEN_BOTTOM) != 0;
				/* Only the mentee column keeps its borders. */
				if (it->open && it->w > 150.5 && it->w < 151.5 && it->x < 300)
					ok = false;
			}
		}
		nv_pl_pages_free(p);
		nv_pl_doc_free(doc);
		/* 3 groups × 2 merged rows × 3 merged cells, all on their leader's page. */
		CHECK_INT(top, 18);
		CHECK_INT(bottom, 18);
		CHECK(ok);
	}
}

/*
 * The structure of a document with headings, nested lists, long
 * paragraphs, side-by-side columns, pictures and a long table: sound on
 * every page (walk_structure()), items as L > LI > LBody with nested
 * lists inside their item, a picture a Figure of the section or of the
 * item it follows, the table's header tagged once, and Cairo accepts it:
 * the PDF has a structure tree, is marked and holds the picture.
 */
static void test_structure(void)
{
	static const double w[] = { 60, 250, 171.9 };
	static const char *const head[] = { "№", "Мероприятие", "Срок" };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style body, headst, sig, li, cont;
	struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
	struct nv_pl_block *b;
	struct nv_pl_pages *p;
	struct nv_buf text = NV_BUF_INIT, pdf = NV_BUF_INIT, why = NV_BUF_INIT;
	struct structure st;
	const char *cells[3], *bad;
	int n;

	CHECK(engine() != NULL);
	styles(&body, &headst, &sig);
	li = body;
	li.role = "item";
	li.tag = "LI";
	li.list = 1;
	cont = body;
	cont.role = "item";
	cont.list = 1;
	doc->title = nv_xstrdup("Положение");
	doc->author = nv_xstrdup("Школа");
	b = nv_pl_add(doc, NV_PL_COLUMNS, &sig);
	sig.tag = "P";
	nv_pl_column_para(nv_pl_column(b, 0, 200), "ПРИНЯТО", &sig);
	sig.tag = NULL;
	nv_pl_column_para(&b->cols[0], "педагогическим советом", &sig);
	sig.tag = "P";
	nv_pl_column_para(nv_pl_column(b, 280, 200), "УТВЕРЖДЕНО", &sig);
	for (n = 0; n < 12; n++) {
		nv_buf_reset(&text);
		nv_buf_addf(&text, "%d. Раздел", n + 1);
		nv_pl_para(doc, text.ptr, &headst);
		nv_buf_reset(&text);
		words(&text, 40 + n * 13);
		nv_pl_para(doc, text.ptr, &body);
		li.list = 1;
		nv_pl_para(doc, text.ptr, &li);
		li.list = 2;
		nv_pl_para(doc, "вложенный пункт", &li);
		nv_pl_para(doc, text.ptr, &cont);
		li.list = 1;
		nv_pl_para(doc, "ещё пункт", &li);
		if (n == 2) {
			nv_pl_image(doc, nv_pl_image_read(SHEMA, "shema.png", 1, 1, &why), &cont);
			nv_pl_image(doc, nv_pl_image_read(SHEMA, "shema.png", 1, 1, &why), &body);
		}
	}
	nv_pl_row(t, head, 3, NV_PL_CENTER, true);
	t->nheader = 1;
	for (n = 0; n < 80; n++) {
		nv_buf_reset(&text);
		words(&text, 3 + n % 30);
		cells[0] = "1.";
		cells[1] = text.ptr;
		cells[2] = "май";
		if (n % 10 == 0)
			nv_pl_row(t, cells + 1, 1, NV_PL_CENTER, true);
		nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
	}
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;

	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr > 6);
	bad = walk_structure(p, &st);
	CHECK_STR(bad ? bad : "sound", "sound");
	CHECK_INT(count_tag(&st, "Document", NULL), 1);
	CHECK_INT(count_tag(&st, "Sect", "Document"), 1);
	CHECK_INT(count_tag(&st, "H2", "Sect"), 12);
	CHECK_INT(count_tag(&st, "L", "Sect"), 12);
	CHECK_INT(count_tag(&st, "L", "LI"), 12); /* the nested lists */
	CHECK_INT(count_tag(&st, "LBody", "LI"), 36);
	CHECK_INT(count_tag(&st, "P", "LI"), 12); /* an item's second paragraph */
	CHECK_INT(count_tag(&st, "P", NULL), 12 + 12 + 2);
	CHECK_INT(count_tag(&st, "Table", "Sect"), 1);
	CHECK_INT(count_tag(&st, "Figure", "Sect"), 1);
	CHECK_INT(count_tag(&st, "Figure", "LI"), 1);
	CHECK_INT(count_tag(&st, "TH", "TR"), 3);
	CHECK(count_tag(&st, "TR", "Table") >= 88);
	CHECK(st.spans > 0 && st.min_span >= 2);
	CHECK(nv_pl_paint(engine(), p, &pdf, &why) == 0);
	CHECK(contains(&pdf, "/StructTreeRoot"));
	CHECK(contains(&pdf, "/Marked true"));
	CHECK(contains(&pdf, "/S /LBody"));
	CHECK(contains(&pdf, "/S /Figure"));
	CHECK(contains(&pdf, "/Subtype /Image"));
	free(st.v);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&text);
	nv_buf_release(&pdf);
	nv_buf_release(&why);
}

static void test_table_header_repeats(void)
{
	static const double w[] = { 60, 200, 221.9 };
	static const char *const head[] = { "№", "Мероприятие", "Срок" };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
	struct nv_pl_block *b;
	struct nv_pl_pages *p;
	struct nv_buf cell = NV_BUF_INIT;
	const char *cells[3];
	size_t i, k, headers;
	int r;

	CHECK(engine() != NULL);
	nv_pl_row(t, head, 3, NV_PL_CENTER, true);
	t->nheader = 1;
	for (r = 0; r < 120; r++) {
		nv_buf_reset(&cell);
		words(&cell, 3 + r % 40);
		cells[0] = "1.1.";
		cells[1] = cell.ptr;
		cells[2] = "сентябрь";
		if (r % 10 == 0) {
			cells[0] = "Раздел";
			nv_pl_row(t, cells, 1, NV_PL_CENTER, true);
		}
		nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
	}
	b = nv_pl_add(doc, NV_PL_TABLE, NULL);
	b->table = t;
	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr > 3);
	for (i = 0; i < p->nr; i++) {
		const char *last = "";
		headers = 0;
		for (k = 0; k < p->v[i].nitems; k++) {
			const struct nv_pl_item *it = &p->v[i].items[k];
			if (it->kind == NV_PL_ITEM_BOX && !strcmp(it->role, "header-row"))
				headers++;
			if (it->kind == NV_PL_ITEM_BOX)
				last = it->role;
			/* Nothing below the bottom margin. */
			CHECK(it->y + (it->kind == NV_PL_ITEM_RECT ? it->h : 0) <=
			      p->v[i].h - 20 * NV_PT_PER_MM + 0.5);
		}
		CHECK_INT(headers, 1);
		CHECK(strcmp(last, "section-row") != 0);
	}
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&cell);
}

/*
 * A chart's bar: a cell with bar = 0.5 gets one FILL item inside its
 * border, half its inner width (less the padding), as tall as the row
 * less the padding; a cell with no bar gets none; the dump names it.
 */
static void test_table_bar(void)
{
	static const double w[] = { 100, 300, 81.9 };
	static const char *const cells[] = { "Педагоги", "", "50 %" };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(w, 3, 12);
	struct nv_pl_row *row;
	struct nv_pl_pages *p;
	struct nv_buf dump = NV_BUF_INIT;
	size_t k, fills = 0;
	double cell_x = 0, cell_h = 0;

	CHECK(engine() != NULL);
	row = nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
	row->cells[1].bar = 0.5;
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	p = nv_pl_layout(engine(), doc);
	CHECK_INT(p->nr, 1);
	for (k = 0; k < p->v[0].nitems; k++) {
		const struct nv_pl_item *it = &p->v[0].items[k];
		if (it->kind == NV_PL_ITEM_RECT && it->w > 299 && it->w < 301) {
			cell_x = it->x;
			cell_h = it->h;
		}
		if (it->kind != NV_PL_ITEM_FILL)
			continue;
		fills++;
		CHECK(it->x > cell_x && it->x < cell_x + 10);
		CHECK(it->w > 140 && it->w < 150);
		CHECK(it->h > 0 && it->h < cell_h);
	}
	CHECK_INT(fills, 1);
	nv_pl_dump(p, &dump);
	CHECK(strstr(dump.ptr, "    bar y=") != NULL);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&dump);
}

/*
 * A header taller than a page and a cell longer than one: the layout
 * ends, and the header is not repeated on every page.
 */
static void test_table_taller_than_a_page(void)
{
	static const double w[] = { 40, 441.9 };
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_table *t = nv_pl_table_new(w, 2, 12);
	struct nv_pl_pages *p;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *cells[2];

	CHECK(engine() != NULL);
	words(&a, 400);
	words(&b, 2000);
	cells[0] = a.ptr;
	cells[1] = "Заголовок";
	nv_pl_row(t, cells, 2, NV_PL_CENTER, true);
	t->nheader = 1;
	cells[0] = "1.";
	cells[1] = b.ptr;
	nv_pl_row(t, cells, 2, NV_PL_LEFT, false);
	nv_pl_add(doc, NV_PL_TABLE, NULL)->table = t;
	p = nv_pl_layout(engine(), doc);
	CHECK(p->nr > 1 && p->nr < 30);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&a);
	nv_buf_release(&b);
}

static void test_line_text_in_dump(void)
{
	struct nv_pl_doc *doc = nv_pl_doc_new();
	struct nv_pl_style st;
	struct nv_pl_pages *p;
	struct nv_buf out = NV_BUF_INIT;

	CHECK(engine() != NULL);
	memset(&st, 0, sizeof(st));
	nv_pl_para(doc,
		   "<b>№\xC2\xA0"
		   "112-од</b> от 2025\xC2\xA0"
		   "г. &amp; п/п",
		   &st);
	p = nv_pl_layout(engine(), doc);
	nv_pl_dump(p, &out);
	CHECK(strstr(out.ptr, "page 1 595.3x841.9 portrait\n") != NULL);
	CHECK(strstr(out.ptr, "№~112-од от 2025~г. & п/п") != NULL);
	nv_pl_pages_free(p);
	nv_pl_doc_free(doc);
	nv_buf_release(&out);
}

/* The demo school, printed: requisites, appendices, landscape roadmap, same bytes twice. */
static void test_demo_documents(void)
{
	static struct nv_content content;
	struct nv_model model;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_print_state *s, *s25;
	struct nv_buf dump = NV_BUF_INIT, a = NV_BUF_INIT, b = NV_BUF_INIT;
	char *pdf1 = NULL, *pdf2 = NULL;

	memset(&content, 0, sizeof(content));
	CHECK(nv_content_load(&content, "content", &d) == 0);
	nv_model_build(&model, &content, false, &d);
	s = nv_print_new(&model, &d);
	CHECK(s != NULL);

	CHECK(nv_print_document(s, nv_model_entry(&model, "o-zakreplenii-par"), NULL, &dump) == 0);
	CHECK(strstr(dump.ptr, "ПРИКАЗЫВАЮ:") != NULL);
	/* The only appendix is «Приложение», without a number. */
	CHECK(strstr(dump.ptr, "outline «Приложение. Состав") != NULL);
	CHECK(strstr(dump.ptr, "    y=69.2 x=600.9 w=75.1 Приложение\n") != NULL);

	CHECK(strstr(dump.ptr, "landscape") != NULL);	    /* the pairs table */
	CHECK(strstr(dump.ptr, "Кузнецова Елена") != NULL); /* full names on paper */
	CHECK(strstr(dump.ptr, "  signature ") != NULL);

	/*
	 * Several appendices are numbered, the mark above the approval blocks,
	 * which begin on one line; the acquaintance sheet that begins a page
	 * names its order.
	 */
	nv_buf_reset(&dump);
	CHECK(nv_print_document(s, nv_model_entry(&model, "ob-utverzhdenii-polozheniya"), NULL,
				&dump) == 0);
	CHECK(strstr(dump.ptr, "    y=69.2 x=354.3 w=102.5 Приложение №~2\n") != NULL);
	CHECK(strstr(dump.ptr, "    y=181.7 x=85.0 w=65.9 ПРИНЯТО\n") != NULL);
	CHECK(strstr(dump.ptr, "    y=181.7 x=354.3 w=94.5 УТВЕРЖДЕНО\n") != NULL);
	CHECK(strstr(dump.ptr, "    y=69.2 x=85.0 w=436.1 Лист ознакомления с приказом от "
			       "29.08.2025 №~118-од «Об~утверждении\n") != NULL);
	CHECK(strstr(dump.ptr, "С приказом ознакомлены:") == NULL);

	nv_buf_reset(&dump);
	CHECK(nv_print_document(s, nv_model_entry(&model, "dorozhnaya-karta-2025-2026"), NULL,
				&dump) == 0);
	/* The prose on a portrait page, the table on landscape ones. */
	CHECK(strncmp(strstr(dump.ptr, "page 1 "), "page 1 595.3x841.9 portrait", 27) == 0);
	CHECK(strstr(dump.ptr, "  organisation ") != NULL);
	CHECK(strstr(strstr(dump.ptr, "page 2 "), "page 2 841.9x595.3 landscape") != NULL);
	CHECK(strstr(strstr(dump.ptr, "page 2 "), "  roadmap ") != NULL);
	CHECK(strstr(dump.ptr, "  header-row ") != NULL);
	CHECK(strstr(dump.ptr, "  section-row ") != NULL);

	/* The corner column: 7.5 cm under ГОСТ Р 7.0.97-2016, 8 cm under the 2025 edition. */
	nv_buf_reset(&dump);
	CHECK(nv_print_document(s, nv_model_entry(&model, "polozhenie-pedagogi"), NULL, &dump) ==
	      0);
	CHECK(strstr(dump.ptr, "x=354.3 w=94.5 УТВЕРЖДЕНО\n") != NULL); /* 85 + 481.9 − 212.6 */
	CHECK(strstr(dump.ptr, "  <H1>\n  title ") != NULL);
	/* The organisation's header above the approval blocks, as on an order. */
	CHECK(strstr(dump.ptr, "  founder ") != NULL && strstr(dump.ptr, "  short-name ") != NULL);
	CHECK(strstr(dump.ptr, "  founder ") < strstr(dump.ptr, "  approvals "));
	model.site.print.gost2025 = true;
	s25 = nv_print_new(&model, &d);
	CHECK(s25 != NULL);
	nv_buf_reset(&dump);
	CHECK(nv_print_document(s25, nv_model_entry(&model, "polozhenie-pedagogi"), NULL, &dump) ==
	      0);
	CHECK(strstr(dump.ptr, "x=340.2 w=94.5 УТВЕРЖДЕНО\n") != NULL); /* 85 + 481.9 − 226.8 */
	nv_print_free(s25);
	model.site.print.gost2025 = false;

	setenv("SOURCE_DATE_EPOCH", "1756425600", 1);
	pdf1 = nv_xasprintf("%s/1.pdf", nv_test_tmpdir());
	pdf2 = nv_xasprintf("%s/2.pdf", nv_test_tmpdir());
	CHECK(nv_print_document(s, nv_model_entry(&model, "o-vnedrenii"), pdf1, NULL) == 0);
	CHECK(nv_print_document(s, nv_model_entry(&model, "o-vnedrenii"), pdf2, NULL) == 0);
	CHECK(nv_read_file(pdf1, 1 << 24, &a) == 0);
	CHECK(nv_read_file(pdf2, 1 << 24, &b) == 0);
	CHECK(a.len > 1000 && !memcmp(a.ptr, "%PDF-", 5));
	CHECK(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
	CHECK(d.errors == 0);

	free(pdf1);
	free(pdf2);
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_buf_release(&dump);
	nv_print_free(s);
	nv_model_release(&model);
	nv_content_release(&content);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_hyphenation);
	NV_RUN(test_missing_font_is_an_error);
	NV_RUN(test_keep_rules);
	NV_RUN(test_widows_and_orphans);
	NV_RUN(test_page_end_rules);
	NV_RUN(test_table_header_repeats);
	NV_RUN(test_table_bar);
	NV_RUN(test_table_cells_break);
	NV_RUN(test_merged_cells);
	NV_RUN(test_structure);
	NV_RUN(test_table_taller_than_a_page);
	NV_RUN(test_line_text_in_dump);
	NV_RUN(test_demo_documents);
	nv_pl_engine_free(engine());
}
