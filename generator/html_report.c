/*
 * html_report.c: the аналитическая справка по итогам мониторинга on the
 * monitoring page: the report of model_report.h as a template context,
 * its chart of shares drawn as inline SVG, and the curator's signature as
 * the website may show it.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "html_int.h"
#include "model_report.h"
#include "person.h"
#include "utf8.h"

/* A number as a template string. */
static void set_z(struct nv_value *v, const char *k, size_t n)
{
	char t[32];

	snprintf(t, sizeof(t), "%zu", n);
	set_s(v, k, t);
}

/* The indicators, with the geometry of their bars (300 px for 100 %). */
static struct nv_value *report_rows(const struct nv_report *r)
{
	struct nv_value *rows = arr(), *v;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(r->rows); i++) {
		v = obj();
		set_s(v, "title", r->rows[i].title);
		set_s(v, "label", r->rows[i].label);
		set_z(v, "n", r->rows[i].n);
		set_z(v, "total", r->rows[i].total);
		set_s(v, "share", r->rows[i].share_text);
		set_z(v, "y", i * 40 + 6);
		set_z(v, "text_y", i * 40 + 24);
		set_z(v, "width", r->rows[i].share * 3);
		/* the bar starts at x = 220 */
		set_z(v, "value_x", 228 + r->rows[i].share * 3);
		push(rows, v);
	}
	return rows;
}

/* The curator's signature: position, and «А.С. Лебедева» when published. */
static struct nv_value *signature(const struct nv_model *m)
{
	struct nv_value *v = obj();
	struct nv_buf b = NV_BUF_INIT;
	char *cap;

	if (m->site.curator && m->site.curator->position) {
		cap = nv_utf8_capitalize(m->site.curator->position);
		set_s(v, "position", cap);
		free(cap);
	}
	if (m->site.curator && nv_person_web_signature(&b, m->site.curator))
		set_s(v, "name", b.ptr);
	nv_buf_release(&b);
	return v;
}

struct nv_value *nv_html_report(const struct nv_html_state *s, const struct nv_report *rp)
{
	struct nv_value *v = obj(), *list = arr();
	const struct nv_report r = *rp;
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	if (r.acyear) {
		nv_acyear_add(&b, r.acyear);
		set_s(v, "academic_year", b.ptr);
	}
	nv_html_set_t(v, "intro", r.intro);
	set(v, "rows", report_rows(&r));
	for (i = 0; i < r.nconclusions; i++) {
		struct nv_value *c = obj();
		nv_html_set_t(c, "text", r.conclusions[i]);
		push(list, c);
	}
	set(v, "conclusions", list);
	set(v, "signature", signature(s->m));
	if (s->opts.report_pdf_size) {
		nv_buf_reset(&b);
		nv_html_human_size(&b, (long long)s->opts.report_pdf_size);
		set_s(v, "pdf_size", b.ptr);
		set_s(v, "pdf", NV_REPORT_PDF);
	}
	nv_buf_release(&b);
	return v;
}

/*
 * The shares of teachers and students in mentoring, as the справка
 * counts them (model_report.h): of the totals site.yml declares
 * (`totals:`), else of the people listed in people.yml; students_declared
 * tells the template which. A share is «18», or «0,2» below one per cent.
 */
void nv_html_report_shares(struct nv_value *ctx, const struct nv_report *r)
{
	if (r->rows[2].declared)
		set_n(ctx, "students_declared", 1);
	set_n(ctx, "teachers", (double)r->rows[0].total);
	set_n(ctx, "teachers_involved", (double)r->rows[0].n);
	set_s(ctx, "teachers_share", r->rows[0].share_text);
	set_n(ctx, "students", (double)r->rows[2].total);
	set_n(ctx, "students_involved", (double)r->rows[2].n);
	set_s(ctx, "students_share", r->rows[2].share_text);
}
