/*
 * html_data.c: the public data export of a build, output/site/data.json
 * ("nastavnik-data/1", man/nastavnik.5, section DATA.JSON) — the
 * organisation, its programs and roadmap items, pairs by form and by
 * kind, mentors and mentees, the monitoring figures and the cases with
 * their links. The figures are the model's (model_monitoring.h), the
 * same the monitoring page and the regional report show.
 *
 * The export is a value tree (nv_html_data(), also what a department
 * build reads of a member given by its path, build_members.c) written
 * as indented JSON in a fixed key order: the same content gives the
 * same bytes. It is written through the guard like every page: it
 * holds what the website shows and nothing more.
 */
#include "common.h"

#include <stdlib.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "html_int.h"
#include "model.h"
#include "model_git.h"
#include "model_members.h"
#include "model_monitoring.h"
#include "person.h"
#include "value.h"

/* The pairs of one kind of mentoring. */
static size_t pairs_of_kind(const struct nv_model *m, const char *kind)
{
	size_t k, n = 0;

	for (k = 0; k < m->npairs; k++)
		n += m->pairs[k]->kind && !strcmp(m->pairs[k]->kind, kind);
	return n;
}

/* --- the export ------------------------------------------------------------------ */

/* A string, null when NULL: every documented key is always present. */
static void put_s(struct nv_value *m, const char *k, const char *v)
{
	set(m, k, v ? nv_value_new_str(v) : nv_value_new_null());
}

/* A document's URL: absolute under base (ends with '/'), else relative to the section. */
static void put_url(struct nv_value *m, const struct nv_entry *e, const char *base)
{
	struct nv_buf b = NV_BUF_INIT, u = NV_BUF_INIT;

	nv_buf_adds(&u, base ? base : "");
	nv_buf_adds(&u, nv_html_entry_url(e, &b));
	put_s(m, "url", u.ptr);
	nv_buf_release(&b);
	nv_buf_release(&u);
}

/*
 * The date the data is current as of: SOURCE_DATE_EPOCH when set, else
 * the newest commit of a document or data file (h) or the newest date
 * of an order or news item, else today. Never the clock when the content
 * tells it: the same content gives the same export.
 */
static struct nv_date dated(const struct nv_model *m, const struct nv_git_history *h)
{
	struct nv_date best = nv_source_date();
	const struct nv_git_revs *r;
	size_t i;

	if (best.year)
		return best;
	r = nv_git_revs_of(h, m->site_yml);
	if (r && r->nr)
		best = r->v[0].date;
	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		r = nv_git_revs_of(h, e->path);
		if (r && r->nr && nv_date_cmp(r->v[0].date, best) > 0)
			best = r->v[0].date;
		if ((e->kind == NV_KIND_ORDER || e->kind == NV_KIND_NEWS) && e->date.year &&
		    nv_date_cmp(e->date, best) > 0)
			best = e->date;
	}
	return best;
}

static struct nv_date as_of(const struct nv_model *m, const struct nv_git_history *h)
{
	struct nv_date best = dated(m, h);

	return best.year ? best : nv_date_today();
}

static struct nv_value *organization(const struct nv_model *m, const char *base)
{
	const struct nv_site *st = &m->site;
	struct nv_value *o = obj(), *c = obj();
	struct nv_buf b = NV_BUF_INIT;

	put_s(o, "name", st->name);
	put_s(o, "short_name", st->short_name);
	put_s(o, "kind", nv_org_kind_names[st->kind]);
	put_s(o, "place", st->place);
	put_s(o, "address", st->address);
	put_s(o, "phone", st->phone);
	put_s(o, "website", st->website);
	put_s(o, "section_url", base);
	put_s(o, "section_title", st->section_title);
	/* The curator as the website names them (publish level), or null. */
	if (st->curator && st->curator->publish != NV_PUBLISH_NONE)
		nv_person_public_name(&b, st->curator);
	put_s(c, "name", b.len ? b.ptr : NULL);
	put_s(c, "position", st->curator && b.len ? st->curator->position : NULL);
	put_s(c, "phone", st->curator_phone);
	put_s(c, "email", st->curator_email);
	set(o, "curator", c);
	nv_buf_release(&b);
	return o;
}

static struct nv_value *year_value(int acyear)
{
	struct nv_buf b = NV_BUF_INIT;
	struct nv_value *v;

	if (!acyear)
		return nv_value_new_null();
	nv_acyear_add(&b, acyear);
	v = nv_value_new_str(b.ptr);
	nv_buf_release(&b);
	return v;
}

/*
 * data.json is put to its file in pieces (nv_html_stream): once its
 * buffer holds s->data_piece bytes (NV_HTML_DATA_PIECE), at the end of an
 * item (where no word is cut), they are guarded and written, and the
 * items of the last DATA_SEAM bytes or more stay at its start, to be
 * guarded again with the next piece (a mention across the seam is read
 * whole: a key is at most 255 bytes). At 10,000 documents the file is
 * 17 MB, a buffer of fresh pages the kernel cleared, where a piece fills
 * the room of the thread's last page again.
 */
#define DATA_SEAM ((size_t)4 << 10)

struct data_out {
	struct nv_html_stream st;
	struct nv_buf *b;
	size_t written; /* b's first bytes, written with the last piece */
	size_t near;	/* the end of an item in b… */
	size_t far;	/* …and one at least DATA_SEAM before it (0: b's start) */
};

/* Put b to the file: from its start to its end, the bytes not yet written. */
static void data_put(struct data_out *o)
{
	nv_html_stream_put(&o->st, o->b->ptr, o->b->len, o->written);
	o->written = o->b->len;
}

/*
 * An item (or a member of the root) ends at b->len: when b holds a piece,
 * it is put and the seam from o->far kept.
 */
static void data_item_end(struct data_out *o)
{
	size_t e = o->b->len;

	if (e - o->near >= DATA_SEAM) {
		o->far = o->near;
		o->near = e;
	}
	if (e < o->st.s->data_piece || !o->far)
		return;
	data_put(o);
	memmove(o->b->ptr, o->b->ptr + o->far, e - o->far);
	o->b->len = o->written = o->near = e - o->far;
	o->b->ptr[o->b->len] = '\0';
	o->far = 0;
}

/*
 * Where the items of one array of the export go: into list, or, when
 * list is NULL, written at once as JSON into b (an array at depth 1 of
 * the root, as nv_html_json() writes it) and freed, so that a build
 * never holds the export's tree of every roadmap item; the file is put
 * in pieces between the items (out).
 */
struct sink {
	struct nv_value *list;
	struct nv_buf *b;
	size_t n;
	struct data_out *out;
};

static void indent(struct nv_buf *b, int depth);

static void sink_put(struct sink *k, struct nv_value *v)
{
	if (k->list) {
		push(k->list, v);
		return;
	}
	if (k->n++)
		nv_buf_addch(k->b, ',');
	indent(k->b, 2);
	nv_html_json(k->b, v, 2);
	nv_value_free(v);
	data_item_end(k->out);
}

/*
 * An object of n strings (NULL: null) into k: written as JSON at once
 * when k streams, the bytes nv_html_json() writes of its tree, with no
 * tree.
 */
static void sink_strings(struct sink *k, const char *const *keys, const char *const *vals, size_t n)
{
	struct nv_value *v;
	size_t i;

	if (k->list) {
		v = obj();
		for (i = 0; i < n; i++)
			put_s(v, keys[i], vals[i]);
		sink_put(k, v);
		return;
	}
	if (k->n++)
		nv_buf_addch(k->b, ',');
	nv_buf_adds(k->b, "\n    {");
	for (i = 0; i < n; i++) {
		nv_buf_adds(k->b, i ? ",\n      " : "\n      ");
		nv_html_json_string(k->b, keys[i]);
		nv_buf_adds(k->b, ": ");
		if (vals[i])
			nv_html_json_string(k->b, vals[i]);
		else
			nv_buf_adds(k->b, "null");
	}
	nv_buf_adds(k->b, "\n    }");
	data_item_end(k->out);
}

static void programs(struct sink *k, const struct nv_model *m, const char *base)
{
	struct nv_value *v, *forms;
	size_t i, f;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (e->kind != NV_KIND_PROGRAM)
			continue;
		v = obj();
		put_s(v, "title", e->title);
		forms = arr();
		for (f = 0; f < e->nforms; f++)
			push(forms, nv_value_new_str(e->forms[f]));
		set(v, "forms", forms);
		set(v, "year", year_value(e->acyear));
		put_url(v, e, base);
		sink_put(k, v);
	}
}

/* Cases: strings only, streamed without a tree (sink_strings()). */
static void cases(struct sink *k, const struct nv_model *m, const char *base)
{
	static const char *const keys[] = { "title", "form", "kind", "year", "url" };
	struct nv_buf year = NV_BUF_INIT, url = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *vals[NV_ARRAY_SIZE(keys)];
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (e->kind != NV_KIND_CASE)
			continue;
		nv_buf_reset(&year);
		if (e->acyear)
			nv_acyear_add(&year, e->acyear);
		nv_buf_reset(&url);
		nv_buf_adds(&url, base ? base : "");
		nv_buf_adds(&url, nv_html_entry_url(e, &b));
		vals[0] = e->title;
		vals[1] = e->form;
		vals[2] = e->mkind;
		vals[3] = e->acyear ? year.ptr : NULL;
		vals[4] = url.ptr;
		sink_strings(k, keys, vals, NV_ARRAY_SIZE(keys));
	}
	nv_buf_release(&year);
	nv_buf_release(&url);
	nv_buf_release(&b);
}

#define ROADMAP_FIELDS 6

/* s as a JSON string, or null when NULL. */
static void put_json(struct nv_buf *b, const char *s)
{
	if (s)
		nv_html_json_string(b, s);
	else
		nv_buf_add(b, "null", 4);
}

static const char *const item_status[] = { "planned", "done", "moved" };

/*
 * The roadmap items written at once (k streams): the bytes of
 * sink_strings(), with what repeats escaped once — the keys, a roadmap's
 * title and its section's.
 */
static void roadmap_stream(struct sink *k, const struct nv_model *m)
{
	static const char head[] = "\n    {\n      \"roadmap\": ";
	struct nv_buf road = NV_BUF_INIT, sec = NV_BUF_INIT;
	struct nv_buf *b = k->b;
	size_t i, s, j;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		nv_buf_reset(&road);
		put_json(&road, e->title);
		nv_buf_adds(&road, ",\n      \"section\": ");
		for (s = 0; s < e->nsections; s++) {
			nv_buf_reset(&sec);
			put_json(&sec, e->sections[s].title);
			nv_buf_adds(&sec, ",\n      \"term\": ");
			for (j = 0; j < e->sections[s].nitems; j++) {
				const struct nv_item *it = &e->sections[s].items[j];
				if (k->n++)
					nv_buf_addch(b, ',');
				nv_buf_add(b, head, sizeof(head) - 1);
				nv_buf_add(b, road.ptr, road.len);
				nv_buf_add(b, sec.ptr, sec.len);
				put_json(b, it->due.text);
				nv_buf_adds(b, ",\n      \"text\": ");
				put_json(b, it->title);
				nv_buf_adds(b, ",\n      \"responsible\": ");
				put_json(b, it->responsible_web);
				nv_buf_adds(b, ",\n      \"status\": \"");
				nv_buf_adds(b, item_status[it->status]);
				nv_buf_adds(b, "\"\n    }");
				data_item_end(k->out);
			}
		}
	}
	nv_buf_release(&road);
	nv_buf_release(&sec);
}

static void roadmap_items(struct sink *k, const struct nv_model *m)
{
	static const char *const keys[ROADMAP_FIELDS] = { "roadmap", "section",	    "term",
							  "text",    "responsible", "status" };
	size_t i, s, j;

	if (!k->list) {
		roadmap_stream(k, m);
		return;
	}
	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		for (s = 0; s < e->nsections; s++)
			for (j = 0; j < e->sections[s].nitems; j++) {
				const struct nv_item *it = &e->sections[s].items[j];
				const char *vals[ROADMAP_FIELDS] = {
					e->title,  e->sections[s].title, it->due.text,
					it->title, it->responsible_web,	 item_status[it->status]
				};
				sink_strings(k, keys, vals, ROADMAP_FIELDS);
			}
	}
}

/* The export's arrays, last in its root, in this order. */
static const char *const doc_keys[] = { "programs", "roadmap", "cases" };

/* Fill array number which of the export (doc_keys) into k. */
static void documents(struct sink *k, int which, const struct nv_model *m, const char *base)
{
	if (which == 0)
		programs(k, m, base);
	else if (which == 1)
		roadmap_items(k, m);
	else
		cases(k, m, base);
}

/* pairs: the total, by status, by form (the model's order) and by kind. */
static struct nv_value *pairs(const struct nv_model *m, const struct nv_monitoring *f)
{
	struct nv_value *p = obj(), *forms = arr(), *kinds = arr(), *v;
	size_t i, n;

	set_n(p, "total", (double)f->pairs);
	set_n(p, "active", (double)f->pairs_by_status[NV_PAIR_ACTIVE]);
	set_n(p, "finished", (double)f->pairs_by_status[NV_PAIR_FINISHED]);
	set_n(p, "ended_early", (double)f->pairs_by_status[NV_PAIR_ENDED_EARLY]);
	for (i = 0; i < f->nforms; i++) {
		v = obj();
		put_s(v, "form", f->forms[i].form);
		set_n(v, "count", (double)f->forms[i].pairs);
		push(forms, v);
	}
	for (i = 0; nv_mentoring_kinds[i]; i++)
		if ((n = pairs_of_kind(m, nv_mentoring_kinds[i]))) {
			v = obj();
			put_s(v, "kind", nv_mentoring_kinds[i]);
			set_n(v, "count", (double)n);
			push(kinds, v);
		}
	set(p, "by_form", forms);
	set(p, "by_kind", kinds);
	return p;
}

static struct nv_value *monitoring(const struct nv_monitoring *f)
{
	struct nv_value *v = obj(), *r = obj();

	set_n(v, "teachers", (double)f->teachers);
	set_n(v, "teachers_involved", (double)f->teachers_involved);
	set_n(v, "teachers_share", (double)f->teachers_share);
	set_n(v, "students", (double)f->students);
	set_n(v, "students_involved", (double)f->students_involved);
	set_n(v, "students_share", (double)f->students_share);
	set(v, "students_declared", nv_value_new_bool(f->students_declared));
	set_n(r, "total", (double)f->items);
	set_n(r, "done", (double)f->items_by_status[NV_ITEM_DONE]);
	set_n(r, "planned", (double)f->items_by_status[NV_ITEM_PLANNED]);
	set_n(r, "moved", (double)f->items_by_status[NV_ITEM_MOVED]);
	set(v, "roadmap", r);
	return v;
}

/* The export without its arrays of documents (doc_keys). */
static struct nv_value *data_head(const struct nv_model *m, const char *base_url,
				  const struct nv_git_history *h)
{
	struct nv_value *root = obj();
	struct nv_monitoring f;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_date d = as_of(m, h);

	nv_monitoring_count(&f, m);
	put_s(root, "schema", NV_DATA_SCHEMA);
	nv_buf_addf(&b, "%04d-%02d-%02d", d.year, d.month, d.day);
	put_s(root, "exported", b.ptr);
	set(root, "organization", organization(m, base_url));
	set(root, "pairs", pairs(m, &f));
	set_n(root, "mentors", (double)f.mentors);
	set_n(root, "mentees", (double)f.mentees);
	set(root, "monitoring", monitoring(&f));
	nv_monitoring_release(&f);
	nv_buf_release(&b);
	return root;
}

struct nv_value *nv_html_data(const struct nv_model *m, const char *base_url,
			      const struct nv_git_history *h)
{
	struct nv_value *root = data_head(m, base_url, h);
	struct sink k = { NULL, NULL, 0, NULL };
	int i;

	for (i = 0; i < (int)NV_ARRAY_SIZE(doc_keys); i++) {
		k.list = arr();
		documents(&k, i, m, base_url);
		set(root, doc_keys[i], k.list);
	}
	return root;
}

/* --- JSON text ---------------------------------------------------------------------- */

static void indent(struct nv_buf *b, int depth)
{
	nv_buf_addch(b, '\n');
	while (depth-- > 0)
		nv_buf_adds(b, "  ");
}

void nv_html_json(struct nv_buf *b, const struct nv_value *v, int depth)
{
	size_t i;

	switch (v->type) {
	case NV_MAP:
	case NV_LIST:
		if (!v->nr) {
			nv_buf_adds(b, v->type == NV_MAP ? "{}" : "[]");
			break;
		}
		nv_buf_addch(b, v->type == NV_MAP ? '{' : '[');
		for (i = 0; i < v->nr; i++) {
			if (i)
				nv_buf_addch(b, ',');
			indent(b, depth + 1);
			if (v->type == NV_MAP) {
				nv_html_json_string(b, v->members[i].key);
				nv_buf_adds(b, ": ");
			}
			nv_html_json(b, v->type == NV_MAP ? v->members[i].value : v->items[i],
				     depth + 1);
		}
		indent(b, depth);
		nv_buf_addch(b, v->type == NV_MAP ? '}' : ']');
		break;
	case NV_STRING:
		nv_html_json_string(b, v->str);
		break;
	case NV_NUMBER:
		nv_buf_addf(b, "%.15g", v->number);
		break;
	case NV_BOOL:
		nv_buf_adds(b, v->boolean ? "true" : "false");
		break;
	case NV_NULL:
		nv_buf_adds(b, "null");
		break;
	}
}

bool nv_html_data_kept(const struct nv_html_state *s)
{
	return s->opts.render && dated(s->m, s->opts.history).year;
}

/*
 * data.json: the same bytes as nv_html_json() of nv_html_data() and a
 * newline, with the arrays of documents written item by item (sink), put
 * to the file in pieces (data_out) from the room of the thread's pages.
 */
void nv_html_emit_data(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_value *head = data_head(s->m, s->base_url, s->opts.history);
	struct nv_buf *b = &w->page;
	struct data_out o = { .b = b };
	struct sink k = { NULL, b, 0, &o };
	size_t i;

	nv_html_stream_open(&o.st, s, w, "data.json");
	nv_buf_reset(b);
	nv_buf_addch(b, '{');
	for (i = 0; i < head->nr; i++) {
		if (i)
			nv_buf_addch(b, ',');
		indent(b, 1);
		nv_html_json_string(b, head->members[i].key);
		nv_buf_adds(b, ": ");
		nv_html_json(b, head->members[i].value, 1);
		data_item_end(&o);
	}
	nv_value_free(head);
	for (i = 0; i < NV_ARRAY_SIZE(doc_keys); i++) {
		nv_buf_addch(b, ',');
		indent(b, 1);
		nv_html_json_string(b, doc_keys[i]);
		nv_buf_adds(b, ": [");
		k.n = 0;
		documents(&k, (int)i, s->m, s->base_url);
		if (k.n)
			indent(b, 1);
		nv_buf_addch(b, ']');
	}
	indent(b, 0);
	nv_buf_adds(b, "}\n");
	data_put(&o);
	nv_html_stream_close(&o.st);
}
