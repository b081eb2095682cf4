/*
 * html_municipal.c: a department's municipal pages, made of its members'
 * data exports (opts.members, build_members.h): the organisations with
 * links to their sections and their coordinators' public contacts
 * (municipal/index.html), the roll-up monitoring with an SVG chart
 * (municipal/monitoring.html) and the municipal case bank with one
 * static page per organisation, form and year (municipal/cases/), which
 * filters without JS as the school's bank does. The department's own
 * documents, roadmap and news are the ordinary pages.
 *
 * Only what members published is shown: their data.json holds what
 * their websites show, and every page here goes through the guard.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "html_int.h"
#include "model.h"
#include "model_members.h"
#include "strlist.h"
#include "typo.h"
#include "value.h"

/* What organization.kind says, in words. */
static const char *kind_title(const char *kind)
{
	static const char *const names[] = { "school", "kindergarten", "college",
					     "dod",    "department",   "center" };
	static const char *const titles[] = { "школа",
					      "детский сад",
					      "колледж",
					      "дополнительное образование",
					      "орган управления образованием",
					      "центр" };
	size_t i;

	for (i = 0; kind && i < NV_ARRAY_SIZE(names); i++)
		if (!strcmp(kind, names[i]))
			return titles[i];
	return kind;
}

/* Fill colours of the chart's forms, in turn. */
static const char *const palette[] = { "#2f6f9f", "#d08a2e", "#4f9a5a", "#a9475b",
				       "#6d5aa8", "#3f9a9a", "#8a7a3a", "#777777" };

static bool have_members(const struct nv_html_opts *o)
{
	return o->members && o->members->nr;
}

bool nv_html_municipal_only(const struct nv_html_opts *o, const struct nv_model *m)
{
	return have_members(o) && !m->npairs;
}

/* Drops the entry of url from nav: a school's page a department does not build. */
static void nav_drop(struct nv_value *nav, const char *url)
{
	size_t i;
	const char *u;

	for (i = 0; i < nav->nr; i++) {
		u = nv_map_get_str(nav->items[i], "url");
		if (u && !strcmp(u, url)) {
			nv_value_free(nav->items[i]);
			memmove(nav->items + i, nav->items + i + 1,
				(nav->nr - i - 1) * sizeof(*nav->items));
			nav->nr--;
			return;
		}
	}
}

void nv_html_municipal_nav(struct nv_value *nav, const struct nv_html_opts *o,
			   const struct nv_model *m)
{
	static const char *const entries[][3] = {
		{ "Организации", "municipal/index.html",
		  "Организации муниципалитета, их разделы и координаторы наставничества" },
		{ "Сводный мониторинг", "municipal/monitoring.html",
		  "Пары по формам в каждой организации, охват и итоги по муниципалитету" },
		{ "Банк практик муниципалитета", "municipal/cases/index.html",
		  "Лучшие практики всех организаций с отбором по организации, форме и году" },
	};
	struct nv_value *last;
	size_t i;

	if (!have_members(o))
		return;
	if (nv_html_municipal_only(o, m)) {
		nav_drop(nav, "mentors.html");
		nav_drop(nav, "monitoring.html");
	}
	/* Before «Поиск», the last entry. */
	last = nav->nr ? nav->items[--nav->nr] : NULL;
	for (i = 0; i < NV_ARRAY_SIZE(entries); i++) {
		struct nv_value *v = obj();
		nv_html_set_t(v, "title", entries[i][0]);
		set_s(v, "url", entries[i][1]);
		if (strstr(entries[i][1], "cases/"))
			set_s(v, "section", "municipal/cases");
		nv_html_set_t(v, "description", entries[i][2]);
		push(nav, v);
	}
	if (last)
		push(nav, last);
}

static void set_z(struct nv_value *m, const char *k, size_t n)
{
	set_n(m, k, (double)n);
}

/* The member's date of data as ДД.ММ.ГГГГ. */
static void set_exported(struct nv_value *v, const struct nv_org_member *mb)
{
	nv_html_set_date(v, "exported", &mb->exported);
	set_b(v, "stale", mb->stale);
	set_b(v, "cached", mb->from_cache);
}

/* The organisations and their coordinators. */
static void emit_orgs(struct nv_html_state *s, struct nv_html_worker *w)
{
	const struct nv_org_members *ms = s->opts.members;
	struct nv_value *ctx = obj(), *orgs = arr(), *missing = arr(), *v;
	size_t i;

	for (i = 0; i < ms->nr; i++) {
		const struct nv_org_member *mb = &ms->v[i];
		v = obj();
		if (!mb->ok) {
			set_s(v, "source", mb->source);
			push(missing, v);
			continue;
		}
		nv_html_set_t(v, "name", mb->name);
		nv_html_set_t(v, "short_name", mb->short_name);
		set_s(v, "kind", kind_title(mb->kind));
		nv_html_set_t(v, "place", mb->place);
		nv_html_set_t(v, "address", mb->address);
		set_s(v, "phone", mb->phone);
		set_s(v, "section_url", mb->section_url);
		set_s(v, "website", mb->website);
		nv_html_set_t(v, "curator_name", mb->curator_name);
		nv_html_set_t(v, "curator_position", mb->curator_position);
		set_s(v, "curator_phone", mb->curator_phone);
		set_s(v, "curator_email", mb->curator_email);
		set_z(v, "pairs", mb->pairs);
		set_exported(v, mb);
		push(orgs, v);
	}
	nv_html_set_list(ctx, "organizations", orgs);
	nv_html_set_list(ctx, "missing", missing);
	nv_html_emit(s, w, "municipal/index.html", "municipal", ctx, "Организации муниципалитета",
		     "municipal", NULL);
}

/* The forms any member has pairs of: the department's order first, then as met. */
static size_t union_forms(const struct nv_html_state *s, const char ***out)
{
	const struct nv_org_members *ms = s->opts.members;
	size_t n = 0, alloc = 16, i, k, j;
	const char **v = nv_xcalloc(alloc, sizeof(*v));
	bool seen;

	for (i = 0; s->m->forms[i]; i++)
		for (k = 0; k < ms->nr; k++)
			for (j = 0; j < ms->v[k].nforms; j++)
				if (ms->v[k].ok &&
				    !strcmp(ms->v[k].by_form[j].name, s->m->forms[i])) {
					if (n && v[n - 1] == s->m->forms[i])
						continue;
					NV_GROW(v, n + 2, alloc);
					v[n++] = s->m->forms[i];
				}
	for (k = 0; k < ms->nr; k++)
		for (j = 0; ms->v[k].ok && j < ms->v[k].nforms; j++) {
			for (seen = false, i = 0; i < n && !seen; i++)
				seen = !strcmp(v[i], ms->v[k].by_form[j].name);
			if (!seen) {
				NV_GROW(v, n + 2, alloc);
				v[n++] = ms->v[k].by_form[j].name;
			}
		}
	v[n] = NULL;
	*out = v;
	return n;
}

static size_t count_of(const struct nv_org_member *mb, const char *form)
{
	size_t j;

	for (j = 0; j < mb->nforms; j++)
		if (!strcmp(mb->by_form[j].name, form))
			return mb->by_form[j].count;
	return 0;
}

/*
 * The chart's geometry, in viewBox units: a narrow box (the page scales it
 * to its width, so the text stays readable on a phone), each organisation
 * a label line above its bar, the total after the bar.
 */
enum {
	CHART_W = 400,	  /* viewBox width */
	CHART_BAR = 330,  /* the longest bar */
	CHART_ROW = 52,	  /* one organisation: label, bar, gap */
	CHART_LABEL = 15, /* label baseline below the row's top */
	CHART_BAR_Y = 22, /* bar top below the row's top */
	CHART_BAR_H = 20,
};

/* One bar of the chart: a row of segments, one per form with pairs. */
static struct nv_value *chart_row(const char *label, const size_t *counts, const char *const *forms,
				  size_t nforms, size_t max, size_t y, const char *note)
{
	struct nv_value *row = obj(), *segs = arr(), *seg;
	struct nv_buf tip = NV_BUF_INIT;
	size_t f, x = 0, total = 0, w;

	nv_html_set_t(row, "label", label);
	set_z(row, "y", y);
	set_z(row, "text_y", y + CHART_LABEL);
	set_z(row, "value_y", y + CHART_BAR_Y + CHART_BAR_H - 5);
	for (f = 0; f < nforms; f++) {
		total += counts[f];
		if (!counts[f])
			continue;
		w = max ? counts[f] * CHART_BAR / max : 0;
		seg = obj();
		set_z(seg, "x", x);
		set_z(seg, "y", y + CHART_BAR_Y);
		set_z(seg, "width", w ? w : 1);
		set_s(seg, "color", palette[f % NV_ARRAY_SIZE(palette)]);
		nv_buf_reset(&tip);
		nv_buf_addf(&tip, "%s: %zu", forms[f], counts[f]);
		set_s(seg, "tip", tip.ptr);
		push(segs, seg);
		x += w ? w : 1;
	}
	nv_buf_release(&tip);
	set(row, "segments", segs);
	set_z(row, "value_x", x + 6);
	set_z(row, "total", total);
	set_s(row, "note", note);
	return row;
}

/* The table rows and the chart of the roll-up; totals into sum (nforms + 1 wide). */
static void rollup_rows(struct nv_html_state *s, struct nv_value *rows, struct nv_value *bars,
			const char *const *forms, size_t nforms, size_t *sum, size_t max)
{
	const struct nv_org_members *ms = s->opts.members;
	size_t *c = nv_xcalloc(nforms + 1, sizeof(*c)), i, f, y = 0;
	struct nv_buf note = NV_BUF_INIT;
	struct nv_value *v, *cells;

	for (i = 0; i < ms->nr; i++) {
		const struct nv_org_member *mb = &ms->v[i];
		if (!mb->ok)
			continue;
		v = obj();
		cells = arr();
		for (f = 0; f < nforms; f++) {
			c[f] = count_of(mb, forms[f]);
			sum[f] += c[f];
			push(cells, nv_value_new_number((double)c[f]));
		}
		nv_html_set_t(v, "short_name", mb->short_name);
		set_s(v, "section_url", mb->section_url);
		set(v, "cells", cells);
		set_z(v, "pairs", mb->pairs);
		set_z(v, "mentors", mb->mentors);
		set_z(v, "mentees", mb->mentees);
		set_z(v, "teachers_share", mb->teachers_share);
		set_z(v, "students_share", mb->students_share);
		set_exported(v, mb);
		push(rows, v);
		nv_buf_reset(&note);
		nv_buf_addf(&note, "%zu", mb->pairs);
		push(bars, chart_row(mb->short_name, c, forms, nforms, max, y, note.ptr));
		y += CHART_ROW;
	}
	free(c);
	nv_buf_release(&note);
}

/* Totals of the municipality: sums, and shares over the sums. */
static struct nv_value *rollup_totals(const struct nv_org_members *ms, const size_t *sum,
				      size_t nforms)
{
	struct nv_value *t = obj(), *cells = arr();
	size_t i, f, pairs = 0, mentors = 0, mentees = 0, tc = 0, ti = 0, sc = 0, si = 0, orgs = 0;

	for (i = 0; i < ms->nr; i++) {
		const struct nv_org_member *mb = &ms->v[i];
		if (!mb->ok)
			continue;
		orgs++;
		pairs += mb->pairs;
		mentors += mb->mentors;
		mentees += mb->mentees;
		tc += mb->teachers;
		ti += mb->teachers_involved;
		sc += mb->students;
		si += mb->students_involved;
	}
	for (f = 0; f < nforms; f++)
		push(cells, nv_value_new_number((double)sum[f]));
	set(t, "cells", cells);
	set_z(t, "organizations", orgs);
	set_s(t, "organizations_noun",
	      nv_plural(orgs, "организации", "организациях", "организациях"));
	set_z(t, "pairs", pairs);
	set_z(t, "mentors", mentors);
	set_z(t, "mentees", mentees);
	set_z(t, "teachers", tc);
	set_z(t, "teachers_involved", ti);
	set_z(t, "teachers_share", tc ? ti * 100 / tc : 0);
	set_z(t, "students", sc);
	set_z(t, "students_involved", si);
	set_z(t, "students_share", sc ? si * 100 / sc : 0);
	return t;
}

static void emit_rollup(struct nv_html_state *s, struct nv_html_worker *w)
{
	const struct nv_org_members *ms = s->opts.members;
	const char **forms;
	size_t nforms = union_forms(s, &forms), *sum = nv_xcalloc(nforms + 1, sizeof(*sum));
	struct nv_value *ctx = obj(), *rows = arr(), *bars = arr(), *heads = arr(), *legend = arr();
	struct nv_value *chart = obj(), *v;
	size_t i, f, max = 0;

	for (i = 0; i < ms->nr; i++)
		if (ms->v[i].ok && ms->v[i].pairs > max)
			max = ms->v[i].pairs;
	rollup_rows(s, rows, bars, forms, nforms, sum, max);
	for (f = 0; f < nforms; f++) {
		push(heads, nv_value_new_str(forms[f]));
		v = obj();
		set_s(v, "form", forms[f]);
		set_s(v, "color", palette[f % NV_ARRAY_SIZE(palette)]);
		push(legend, v);
	}
	set_z(chart, "width", CHART_W);
	set_z(chart, "height", bars->nr * CHART_ROW);
	set(chart, "bars", bars);
	set(ctx, "chart", chart);
	nv_html_set_list(ctx, "forms", heads);
	nv_html_set_list(ctx, "legend", legend);
	nv_html_set_list(ctx, "rows", rows);
	set(ctx, "totals", rollup_totals(ms, sum, nforms));
	nv_html_emit(s, w, "municipal/monitoring.html", "municipal-monitoring", ctx,
		     "Сводный мониторинг", "municipal", NULL);
	free(sum);
	free(forms);
}

/* --- the case bank --------------------------------------------------------------- */

/* A case with the member that published it. */
struct mcase {
	const struct nv_org_member *mb;
	const struct nv_member_case *c;
};

enum facet {
	F_ALL,
	F_ORG,
	F_FORM,
	F_YEAR
};
static const char *const facet_names[] = { "", "org", "form", "year" };

/* The value of facet f of a case (NULL: none). */
static const char *value_of(const struct mcase *c, enum facet f)
{
	return f == F_ORG ? c->mb->short_name : f == F_FORM ? c->c->form : c->c->year;
}

static char *facet_url(enum facet f, const char *value)
{
	char *slug, *url;

	if (f == F_ALL)
		return nv_xstrdup("municipal/cases/index.html");
	slug = nv_slug(value);
	url = nv_xasprintf("municipal/cases/%s-%s.html", facet_names[f], slug);
	free(slug);
	return url;
}

/* Add value to the set v (n used) unless there; v has room for one more. */
static void add_value(const char **v, size_t *n, const char *value)
{
	size_t i;

	if (!value)
		return;
	for (i = 0; i < *n; i++)
		if (!strcmp(v[i], value))
			return;
	v[(*n)++] = value;
}

struct bank {
	struct mcase *cases;
	size_t n;
	const char **values[4]; /* per facet: the values met (F_ORG in members' order) */
	size_t nvalues[4];
	size_t *counts[4]; /* the cases of each value */
	char **urls[4];	   /* the filter page of each value */
};

/* [{title, url, count, current}] of facet f's values; counted once, not per page. */
static struct nv_value *facet_list(const struct bank *b, enum facet f, const char *current)
{
	struct nv_value *list = arr(), *v;
	size_t i;

	for (i = 0; i < b->nvalues[f]; i++) {
		v = obj();
		/* Forms and years as the members wrote them («ученик – ученик»). */
		if (f == F_ORG)
			nv_html_set_t(v, "title", b->values[f][i]);
		else
			set_s(v, "title", b->values[f][i]);
		set_s(v, "url", b->urls[f][i]);
		set_b(v, "current", !strcmp(b->urls[f][i], current));
		set_z(v, "count", b->counts[f][i]);
		push(list, v);
	}
	return list;
}

/* The counts and URLs of every facet's values. */
static void bank_index(struct bank *b)
{
	size_t i, k;
	int f;

	for (f = F_ORG; f <= F_YEAR; f++) {
		b->counts[f] = nv_xcalloc(b->nvalues[f] + 1, sizeof(*b->counts[f]));
		b->urls[f] = nv_xcalloc(b->nvalues[f] + 1, sizeof(*b->urls[f]));
		for (i = 0; i < b->nvalues[f]; i++)
			b->urls[f][i] = facet_url((enum facet)f, b->values[f][i]);
		for (k = 0; k < b->n; k++) {
			const char *v = value_of(&b->cases[k], (enum facet)f);
			for (i = 0; v && i < b->nvalues[f]; i++)
				if (!strcmp(v, b->values[f][i])) {
					b->counts[f][i]++;
					break;
				}
		}
	}
}

static struct nv_value *case_card(const struct mcase *c)
{
	struct nv_value *v = obj();

	nv_html_set_t(v, "title", c->c->title);
	set_s(v, "url", c->c->url);
	nv_html_set_t(v, "organization", c->mb->short_name);
	set_s(v, "form", c->c->form);
	set_s(v, "mentoring_kind", c->c->kind);
	set_s(v, "year", c->c->year);
	return v;
}

/* One page of the bank: every case (F_ALL) or those with value of facet f. */
static void bank_page(struct nv_html_state *s, struct nv_html_worker *w, const struct bank *b,
		      enum facet f, const char *value)
{
	struct nv_value *ctx = obj(), *items = arr(), *facets = obj();
	char *url = facet_url(f, value);
	struct nv_buf title = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < b->n; i++)
		if (f == F_ALL ||
		    (value_of(&b->cases[i], f) && !strcmp(value_of(&b->cases[i], f), value)))
			push(items, case_card(&b->cases[i]));
	nv_html_set_list(facets, "organizations", facet_list(b, F_ORG, url));
	nv_html_set_list(facets, "forms", facet_list(b, F_FORM, url));
	nv_html_set_list(facets, "years", facet_list(b, F_YEAR, url));
	set(ctx, "facets", facets);
	nv_html_set_list(ctx, "items", items);
	set_z(ctx, "total", b->n);
	if (f != F_ALL) {
		nv_html_set_t(ctx, "filter", value);
		set_b(ctx, "filtered", true);
	}
	nv_buf_adds(&title, "Банк практик муниципалитета");
	if (f != F_ALL)
		nv_buf_addf(&title, ": %s", value);
	nv_html_emit(s, w, url, "municipal-cases", ctx, title.ptr, "list", NULL);
	free(url);
	nv_buf_release(&title);
}

static void emit_bank(struct nv_html_state *s, struct nv_html_worker *w)
{
	const struct nv_org_members *ms = s->opts.members;
	struct bank b;
	size_t i, k, total = 0;
	int f;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < ms->nr; i++)
		total += ms->v[i].ok ? ms->v[i].ncases : 0;
	b.cases = nv_xcalloc(total + 1, sizeof(*b.cases));
	for (f = F_ORG; f <= F_YEAR; f++)
		b.values[f] = nv_xcalloc(total + 1, sizeof(*b.values[f]));
	for (i = 0; i < ms->nr; i++)
		for (k = 0; ms->v[i].ok && k < ms->v[i].ncases; k++) {
			b.cases[b.n].mb = &ms->v[i];
			b.cases[b.n].c = &ms->v[i].cases[k];
			for (f = F_ORG; f <= F_YEAR; f++)
				add_value(b.values[f], &b.nvalues[f], value_of(&b.cases[b.n], f));
			b.n++;
		}
	qsort(b.values[F_FORM], b.nvalues[F_FORM], sizeof(char *), nv_strcmp_ptrs);
	qsort(b.values[F_YEAR], b.nvalues[F_YEAR], sizeof(char *), nv_strcmp_ptrs);
	bank_index(&b);
	bank_page(s, w, &b, F_ALL, NULL);
	for (f = F_ORG; f <= F_YEAR; f++)
		for (i = 0; i < b.nvalues[f]; i++)
			bank_page(s, w, &b, f, b.values[f][i]);
	for (f = F_ORG; f <= F_YEAR; f++) {
		for (i = 0; i < b.nvalues[f]; i++)
			free(b.urls[f][i]);
		free(b.urls[f]);
		free(b.counts[f]);
		free(b.values[f]);
	}
	free(b.cases);
}

void nv_html_emit_municipal(struct nv_html_state *s, struct nv_html_worker *w)
{
	if (!have_members(&s->opts))
		return;
	emit_orgs(s, w);
	emit_rollup(s, w);
	emit_bank(s, w);
}
