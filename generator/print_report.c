/*
 * print_report.c: the printed аналитическая справка по итогам мониторинга
 * (model_report.h): the organisation's header, the title, the summary,
 * the indicators as a table, a bar chart of their shares (a table whose
 * middle cells are bars the engine fills), the conclusions numbered, and
 * the curator's signature — position, a line to sign, and the name as
 * the website may show it, since the справка is published.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "model_report.h"
#include "person.h"
#include "print.h"
#include "print_docs_int.h"

/* A heading of the справка's parts, bold and kept with what follows. */
static void heading(struct printer *p, const char *text)
{
	struct nv_pl_style st = style(NV_PL_CENTER);

	st.bold = true;
	st.keep_next = true;
	st.before = p->s->o.size;
	st.after = p->s->o.size / 2;
	st.role = "heading";
	st.tag = "H2";
	nv_pr_para(p, text, st);
}

/* A table (or a chart) caption, left, kept with the table. */
static void caption(struct printer *p, const char *text, bool below)
{
	struct nv_pl_style st = style(below ? NV_PL_CENTER : NV_PL_LEFT);

	st.keep_next = !below;
	st.keep_prev = below;
	st.before = below ? p->s->o.size / 3 : p->s->o.size / 2;
	st.after = p->s->o.size / 2;
	st.role = "caption";
	nv_pr_para(p, text, st);
}

static void indicators(struct printer *p, const struct nv_report *r)
{
	const double mm[] = { 88, 30, 22, 30 };
	const char *head[] = { "Показатель", "Участвуют", "Всего", "Доля, %" };
	double w[4];
	struct nv_pl_table *t;
	struct nv_pl_style st = style(NV_PL_LEFT);
	char n[3][32];
	const char *cells[4];
	struct nv_pl_row *row;
	size_t i, k;

	for (i = 0; i < 4; i++)
		w[i] = mm[i] / 170.0 * p->cw;
	caption(p, "Таблица 1 — Показатели вовлечённости в наставничество", false);
	t = nv_pl_table_new(w, 4, p->s->o.table_size);
	nv_pl_row(t, head, 4, NV_PL_CENTER, true);
	t->nheader = 1;
	for (i = 0; i < NV_ARRAY_SIZE(r->rows); i++) {
		snprintf(n[0], sizeof(n[0]), "%zu", r->rows[i].n);
		snprintf(n[1], sizeof(n[1]), "%zu", r->rows[i].total);
		snprintf(n[2], sizeof(n[2]), "%s", r->rows[i].share_text);
		cells[0] = r->rows[i].title;
		for (k = 0; k < 3; k++)
			cells[k + 1] = n[k];
		row = nv_pl_row(t, cells, 4, NV_PL_CENTER, false);
		row->cells[0].align = NV_PL_LEFT;
	}
	st.role = "table";
	nv_pl_add(p->doc, NV_PL_TABLE, &st)->table = t;
}

/* The bar chart of the shares: label · bar · value, one row per indicator. */
static void chart(struct printer *p, const struct nv_report *r)
{
	const double mm[] = { 45, 105, 20 };
	double w[3];
	struct nv_pl_table *t;
	struct nv_pl_style st = style(NV_PL_LEFT);
	char share[32];
	const char *cells[3];
	struct nv_pl_row *row;
	size_t i;

	for (i = 0; i < 3; i++)
		w[i] = mm[i] / 170.0 * p->cw;
	nv_pr_space(p, p->s->o.size);
	t = nv_pl_table_new(w, 3, p->s->o.table_size);
	for (i = 0; i < NV_ARRAY_SIZE(r->rows); i++) {
		snprintf(share, sizeof(share), "%s" NBSP "%%", r->rows[i].share_text);
		cells[0] = r->rows[i].label;
		cells[1] = "";
		cells[2] = share;
		row = nv_pl_row(t, cells, 3, NV_PL_LEFT, false);
		row->cells[1].bar = r->rows[i].share / 100.0;
		row->cells[2].align = NV_PL_RIGHT;
		row->min_height = p->s->o.table_size * 2;
	}
	st.role = "chart";
	st.keep_together = true;
	nv_pl_add(p->doc, NV_PL_TABLE, &st)->table = t;
	caption(p, "Рисунок 1 — Доли участников наставничества от их общего числа, %", true);
}

/* The curator's position, the signature line and the name as the web may show it. */
static void report_signature(struct printer *p)
{
	const struct nv_person *c = p->s->m->site.curator;
	struct nv_buf t = NV_BUF_INIT, n = NV_BUF_INIT;

	if (c && c->position) {
		nv_buf_adds(&t, c->position);
		nv_buf_adds(&t, ", куратор программы наставничества");
	} else {
		nv_buf_adds(&t, "Куратор программы наставничества");
	}
	nv_buf_adds(&n, "____________ ");
	if (c)
		nv_person_web_signature(&n, c);
	nv_pr_signature(p, t.ptr, n.ptr);
	nv_buf_release(&n);
	nv_buf_release(&t);
}

static void report_body(struct printer *p, const struct nv_report *r)
{
	struct nv_pl_style st = body_style();
	struct nv_buf t = NV_BUF_INIT;
	size_t i;

	nv_pr_org_header(p);
	nv_pr_space(p, p->s->o.size);
	nv_buf_adds(&t,
		    "АНАЛИТИЧЕСКАЯ СПРАВКА\xE2\x80\xA8по итогам мониторинга реализации программы "
		    "наставничества");
	if (r->acyear) {
		nv_buf_adds(&t, " за ");
		nv_acyear_add(&t, r->acyear);
		nv_buf_adds(&t, " учебный год");
	}
	nv_pr_title(p, t.ptr, false);
	nv_buf_reset(&t);
	esc_typo(&t, r->intro);
	nv_pr_para(p, t.ptr, st);
	indicators(p, r);
	chart(p, r);
	heading(p, "Выводы и рекомендации");
	for (i = 0; i < r->nconclusions; i++) {
		nv_buf_reset(&t);
		nv_buf_addf(&t, "%zu. ", i + 1);
		esc_typo(&t, r->conclusions[i]);
		nv_pr_para(p, t.ptr, st);
	}
	report_signature(p);
	nv_buf_release(&t);
}

int nv_print_report(struct nv_print_state *s, struct nv_buf *pdf, struct nv_buf *layout_dump,
		    struct nv_buf *text)
{
	struct printer p;
	struct nv_report r;
	struct nv_pl_pages *pages;
	struct nv_buf why = NV_BUF_INIT;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.doc = nv_pl_doc_new();
	p.cw = nv_pl_content_width(s->en, false);
	p.doc->title = nv_xstrdup("Аналитическая справка по итогам мониторинга");
	p.doc->outline = nv_xstrdup(p.doc->title);
	p.doc->author = nv_xstrdup(s->m->site.name ? s->m->site.name : "");
	nv_report_build(&r, s->m);
	report_body(&p, &r);
	nv_report_release(&r);
	/* nv_pl_text() reads the layouts in the order of one thread. */
	pages = s->two && !text ? nv_pl_layout_two(s->en, &s->twin, p.doc)
				: nv_pl_layout(s->en, p.doc);
	if (layout_dump)
		nv_pl_dump(pages, layout_dump);
	if (text)
		nv_pl_text(pages, text);
	if (pdf && nv_pl_paint(s->en, pages, pdf, &why) < 0) {
		nv_error(s->d, s->m->site_yml, 0, 0, "печать справки: %s", why.ptr);
		rc = -1;
	}
	nv_pl_pages_free(pages);
	nv_pl_doc_free(p.doc);
	nv_buf_release(&why);
	return rc;
}
