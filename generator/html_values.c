/*
 * html_values.c: the small builders of template contexts — typed
 * setters over value trees, links to documents, approval blocks, public
 * names, the pairs table, the case bank's filters, the navigation and
 * the `site` part of every context. They read the model and build new
 * values; nothing here writes a file.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "html_int.h"
#include "model.h"
#include "person.h"
#include "typo.h"
#include "utf8.h"
#include "value.h"
#include "wording.h"
#include "html_keep.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The status of a pair as the pairs table shows it. */
static const char *const pair_status_titles[] = { "работает", "завершила работу",
						  "прекращена досрочно" };

/* --- value builders -------------------------------------------------------- */

/* A string with the Russian typography applied (titles, preambles). */
void nv_html_set_t(struct nv_value *m, const char *k, const char *v)
{
	if (!v || !*v)
		return;
	set(m, k, nv_value_take_str(nv_typo_str(v)));
}

/*
 * The texts nv_html_set_typo() typeset on this thread: open addressing
 * by a hash of their bytes, at most half full; each entry holds the
 * text (n bytes and a NUL) and then its typography (len bytes and a NUL).
 */
#define TYPO_MEMO_MAX ((size_t)1 << 16) /* texts a thread keeps at most */

struct typo_memo_entry {
	uint64_t hash;
	size_t n, len;
	char *text; /* NULL: a free slot */
};

static _Thread_local struct {
	struct typo_memo_entry *v;
	size_t nr, cap; /* cap: 0 or a power of two */
} typo_memo;

static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * UINT64_C(0xFF51AFD7ED558CCD);
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * UINT64_C(0xC4CEB9FE1A85EC53);
	return h ^ (h >> 29);
}

/* The slot of hash h with text s (n bytes), or the free one where it would go. */
static struct typo_memo_entry *memo_slot(uint64_t h, const char *s, size_t n)
{
	size_t i = (size_t)h & (typo_memo.cap - 1);
	struct typo_memo_entry *e;

	for (; (e = &typo_memo.v[i])->text; i = (i + 1) & (typo_memo.cap - 1))
		if (e->hash == h && e->n == n && !memcmp(e->text, s, n))
			break;
	return e;
}

static void memo_grow(void)
{
	struct typo_memo_entry *old = typo_memo.v;
	size_t i, cap = typo_memo.cap;

	typo_memo.cap = cap ? cap * 2 : 256;
	typo_memo.v = nv_xcalloc(typo_memo.cap, sizeof(*typo_memo.v));
	for (i = 0; i < cap; i++)
		if (old[i].text)
			*memo_slot(old[i].hash, old[i].text, old[i].n) = old[i];
	free(old);
}

/* The typography of text, kept on this thread; NULL when it keeps too many texts. */
static const char *memo_typo(const char *text, size_t n, size_t *len)
{
	struct nv_typo_state st = NV_TYPO_STATE_INIT;
	struct nv_buf b = NV_BUF_INIT;
	uint64_t h = text_hash(text, n);
	struct typo_memo_entry *e = typo_memo.cap ? memo_slot(h, text, n) : NULL;

	if (e && e->text) {
		*len = e->len;
		return e->text + e->n + 1;
	}
	if (typo_memo.nr >= TYPO_MEMO_MAX)
		return NULL;
	if (2 * (typo_memo.nr + 1) > typo_memo.cap) {
		memo_grow();
		e = memo_slot(h, text, n);
	}
	nv_typo(&b, text, n, &st);
	e->hash = h;
	e->n = n;
	e->len = b.len;
	e->text = nv_xmalloc(n + b.len + 2);
	memcpy(e->text, text, n);
	e->text[n] = '\0';
	memcpy(e->text + n + 1, b.ptr, b.len + 1);
	typo_memo.nr++;
	nv_buf_release(&b);
	*len = e->len;
	return e->text + n + 1;
}

void nv_html_set_typo(struct nv_value *m, const char *k, const char *text, size_t n)
{
	struct nv_typo_state st = NV_TYPO_STATE_INIT;
	struct nv_buf b = NV_BUF_INIT;
	size_t len;
	const char *t = memo_typo(text, n, &len);

	if (!t) { /* the thread keeps too many texts: this one is typeset here */
		nv_typo(&b, text, n, &st);
		t = b.ptr;
		len = b.len;
	}
	set(m, k, nv_value_new_string(t, len));
	nv_buf_release(&b);
}

void nv_html_typo_memo_release(void)
{
	size_t i;

	for (i = 0; i < typo_memo.cap; i++)
		free(typo_memo.v[i].text);
	free(typo_memo.v);
	memset(&typo_memo, 0, sizeof(typo_memo));
}

/*
 * The three texts of a day (numeric, ISO, long), made by nv_date_add()
 * once per thread for a day its pages show again and again (the day a
 * page was updated, a document's date on every list). A slot holds one
 * day; a text too long for it is not kept.
 */
#define DATE_SLOTS 256 /* a power of two */

struct date_texts {
	struct nv_date d; /* year 0: empty */
	char text[3][48];
};

static _Thread_local struct date_texts *date_slots; /* DATE_SLOTS, nv_thread_block() */

static const enum nv_date_style date_styles[] = { NV_DATE_NUMERIC, NV_DATE_ISO, NV_DATE_LONG };

static const struct date_texts *date_texts(const struct nv_date *d)
{
	unsigned h = (unsigned)d->year * 416u + (unsigned)d->month * 32u + (unsigned)d->day;
	struct date_texts *t = (struct date_texts *)nv_thread_block(
				       (void **)&date_slots, DATE_SLOTS * sizeof(*date_slots)) +
			       (h & (DATE_SLOTS - 1));
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	if (t->d.year == d->year && t->d.month == d->month && t->d.day == d->day)
		return t;
	t->d.year = 0;
	for (i = 0; i < 3; i++) {
		nv_buf_reset(&b);
		nv_date_add(&b, *d, date_styles[i]);
		if (b.len >= sizeof(t->text[i])) {
			nv_buf_release(&b);
			return NULL;
		}
		memcpy(t->text[i], b.ptr, b.len + 1);
	}
	nv_buf_release(&b);
	t->d = *d;
	return t;
}

void nv_html_set_date(struct nv_value *m, const char *k, const struct nv_date *d)
{
	static const char *const suffix[] = { "", "_iso", "_long" };
	const struct date_texts *t;
	struct nv_buf b = NV_BUF_INIT;
	size_t i, n = strlen(k);
	char small[64], *key;

	if (!d->year)
		return;
	t = date_texts(d);
	key = n + 6 <= sizeof(small) ? small : nv_xmalloc(n + 6);
	memcpy(key, k, n);
	for (i = 0; i < 3; i++) {
		memcpy(key + n, suffix[i], strlen(suffix[i]) + 1);
		if (!t) {
			nv_buf_reset(&b);
			nv_date_add(&b, *d, date_styles[i]);
		}
		set_s(m, key, t ? t->text[i] : b.ptr);
	}
	if (key != small)
		free(key);
	nv_buf_release(&b);
}

/*
 * A list that is left out when empty, so {{#list}} and {{^list}} work;
 * a non-empty list also sets has_<k> for markup around the whole list.
 */
void nv_html_set_list(struct nv_value *m, const char *k, struct nv_value *list)
{
	char has[64], *key;
	size_t n;

	if (!list->nr) {
		nv_value_free(list);
		return;
	}
	set(m, k, list);
	/* has_<k> without printf: every list of every page asks */
	n = strlen(k);
	key = n + 5 <= sizeof(has) ? has : nv_xmalloc(n + 5);
	memcpy(key, "has_", 4);
	memcpy(key + 4, k, n + 1);
	set(m, key, nv_value_new_bool(true));
	if (key != has)
		free(key);
}

void nv_html_set_person(struct nv_value *m, const char *k, const struct nv_person *p)
{
	struct nv_value *v;
	struct nv_buf b = NV_BUF_INIT;

	if (!p)
		return;
	v = obj();
	nv_person_public_name(&b, p);
	set_s(v, "name", b.ptr);
	if (p->publish != NV_PUBLISH_NONE) {
		set_s(v, "position", p->position);
		set_s(v, "organization", p->organization);
	}
	set(m, k, v);
	nv_buf_release(&b);
}

const char *nv_html_entry_url(const struct nv_entry *e, struct nv_buf *b)
{
	/* Not through printf: every page and every link to it asks. */
	nv_buf_reset(b);
	nv_buf_adds(b, nv_kind_dirs[e->kind]);
	nv_buf_addch(b, '/');
	nv_buf_adds(b, e->id);
	nv_buf_adds(b, ".html");
	return b->ptr;
}

/* {title, url} of a document, the url relative to the section root. */
struct nv_value *nv_html_doc_link(const struct nv_html_state *s, const struct nv_entry *e)
{
	struct nv_value *v = obj();
	struct nv_buf b = NV_BUF_INIT;

	nv_html_set_tt(s, v, "title", e->title);
	nv_html_set_keep(s, v, "title_html", e->title);
	set_s(v, "url", nv_html_entry_url(e, &b));
	set_s(v, "kind", nv_kind_names[e->kind]);
	nv_html_set_date(v, "date", &e->date);
	if (!e->web_hidden) /* an appendix not for the website: its summary neither */
		nv_html_set_tt(s, v, "summary", e->summary);
	if (e->kind == NV_KIND_ORDER)
		set_s(v, "number", e->number);
	nv_buf_release(&b);
	return v;
}

/*
 * For nv_html_plain_text(): 0 for a byte copied as it is, 1 for one that
 * ends a run of such bytes (NUL, '<', '&'), 2 for white space.
 */
static const unsigned char plain_class[256] = {
	['\0'] = 1, ['<'] = 1, ['&'] = 1, ['\n'] = 2, [' '] = 2, ['\t'] = 2,
};

/*
 * The end of the run of bytes copied as they are that starts at p[0] (a
 * byte of class 0): single spaces between two such bytes belong to it.
 * end is the string's terminating NUL; sixteen bytes at a time with SSE2.
 */
static const char *plain_run(const char *p, const char *end)
{
	const unsigned char *q = (const unsigned char *)p + 1;
#ifdef __SSE2__
	__m128i v, stop, space;
	unsigned bad, ws, sp;

#define EQ(c) _mm_cmpeq_epi8(v, _mm_set1_epi8(c))
	/* q[16] must exist too: the byte after a space decides about it */
	while (q + 16 <= (const unsigned char *)end) {
		v = _mm_loadu_si128((const __m128i *)(const void *)q);
		stop = _mm_or_si128(_mm_or_si128(EQ('\0'), EQ('<')),
				    _mm_or_si128(EQ('&'), _mm_or_si128(EQ('\n'), EQ('\t'))));
		space = EQ(' ');
		bad = (unsigned)_mm_movemask_epi8(stop);
		sp = (unsigned)_mm_movemask_epi8(space);
		ws = ((bad | sp) >> 1) | (plain_class[q[16]] ? 0x8000u : 0);
		bad |= sp & ws;
		if (bad)
			return (const char *)q + __builtin_ctz(bad);
		q += 16;
	}
#undef EQ
#else
	(void)end;
#endif
	for (;;) {
		if (!plain_class[q[0]])
			q++;
		else if (q[0] == ' ' && !plain_class[q[1]])
			q += 2;
		else
			return (const char *)q;
	}
}

/* An entity at p that the plain text shows as one character, or NULL. */
static const char *plain_entity(const char *p, size_t *len)
{
	static const struct {
		const char *ent, *ch;
		size_t n;
	} ents[] = { { "&amp;", "&", 5 },
		     { "&lt;", "<", 4 },
		     { "&gt;", ">", 4 },
		     { "&quot;", "\"", 6 },
		     { "&#39;", "'", 5 } };
	size_t k;

	for (k = 0; k < NV_ARRAY_SIZE(ents); k++) {
		if (!strncmp(p, ents[k].ent, ents[k].n)) {
			*len = ents[k].n;
			return ents[k].ch;
		}
	}
	return NULL;
}

/*
 * Plain text of HTML for the search index: tags dropped, spaces collapsed,
 * cut once it reaches max bytes. Runs of text are copied whole.
 */
char *nv_html_plain_text(const char *html, size_t max)
{
	struct nv_buf b = NV_BUF_INIT;
	bool space = false;
	const char *p = html, *q, *ch, *end = html + strlen(html);
	size_t n;

	nv_buf_grow(&b, max + 8); /* once: the text stops a byte or two past max */
	while (*p && b.len < max) {
		if (*p == '<') {
			/* A span (a requisite kept on one line) is inside a word. */
			space = space || (strncmp(p, "<span", 5) && strncmp(p, "</span", 6));
			q = strchr(p + 1, '>');
			p = q ? q + 1 : end;
			continue;
		}
		if (plain_class[(unsigned char)*p] == 2) {
			space = true;
			p++;
			continue;
		}
		if (space && b.len)
			nv_buf_addch(&b, ' ');
		space = false;
		if (*p == '&' && (ch = plain_entity(p, &n))) {
			nv_buf_addch(&b, *ch);
			p += n;
			continue;
		}
		/* the first byte goes in whatever the length, then up to max */
		q = *p == '&' ? p + 1 : plain_run(p, end);
		n = (size_t)(q - p) - 1;
		if (n > max - b.len - 1 && b.len + 1 < max) {
			n = max - b.len - 1;
			n += p[n] == ' '; /* a space goes in with the byte after it */
		} else if (b.len + 1 >= max) {
			n = 0;
		}
		nv_buf_add(&b, p, n + 1);
		p = q;
		if (b.len >= max)
			break;
	}
	/* Do not cut a UTF-8 sequence in half: a last one left incomplete goes. */
	if (b.len) {
		size_t k = b.len - 1;
		unsigned char c;
		while (k > 0 && ((unsigned char)b.ptr[k] & 0xC0) == 0x80)
			k--;
		c = (unsigned char)b.ptr[k];
		if (b.len - k < (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : c >= 0xC0 ? 2u : 1u))
			nv_buf_truncate(&b, k);
	}
	return nv_buf_take(&b, NULL);
}

/* --- documents: approvals, people, pairs -------------------------------------- */

void nv_html_set_keep(const struct nv_html_state *s, struct nv_value *m, const char *k,
		      const char *v)
{
	const char *const keep[] = { s->m->site.short_name, s->m->site.genitive };
	struct nv_buf b = NV_BUF_INIT;
	char *t;

	if (!v || !*v)
		return;
	t = nv_html_typo_str(s, v);
	nv_html_add_keep(&b, t, keep, 2, nv_buf_add_html);
	set(m, k, nv_value_new_str(b.ptr));
	nv_buf_release(&b);
	free(t);
}

/* push s onto list when it is not NULL. */
static void push_line(struct nv_value *list, const char *s)
{
	if (s)
		push(list, nv_value_new_str(s));
}

/*
 * lines_html: each of the block's lines as HTML, the organisation's name
 * and «№ N» kept on one line (html_keep.h).
 */
static void set_lines_html(struct nv_value *v, const struct nv_value *lines,
			   const struct nv_model *m)
{
	const char *const keep[] = { m->site.short_name, m->site.genitive };
	struct nv_value *html = arr();
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < lines->nr; i++) {
		nv_buf_reset(&b);
		nv_html_add_keep(&b, lines->items[i]->str, keep, 2, nv_buf_add_html);
		push(html, nv_value_new_str(b.ptr));
	}
	nv_html_set_list(v, "lines_html", html);
	nv_buf_release(&b);
}

/*
 * An approval block's context: its label, its lines in the order of ГОСТ
 * Р 7.0.97 (wording.h), the signature, the date after it and a link.
 */
static struct nv_value *approval_block(const struct nv_entry *e, const struct nv_approval *a,
				       const struct nv_model *m)
{
	struct nv_value *v = obj(), *lines = arr();
	struct nv_approval_text t;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_wording_org o = { m->site.short_name, m->site.genitive, &m->site };

	nv_approval_text_init(&t, e, a, &o, true);
	set_s(v, "label", t.label);
	push_line(lines, t.by_order);
	push_line(lines, t.order_ref);
	push_line(lines, t.body);
	push_line(lines, t.protocol);
	push_line(lines, t.position);
	if (t.signature)
		set_s(v, "signature", t.signature);
	if (t.date)
		set_s(v, "date", t.date);
	if (a->order)
		set_s(v, "url", nv_html_entry_url(a->order, &b));
	set_lines_html(v, lines, m);
	nv_html_set_list(v, "lines", lines);
	nv_approval_text_release(&t);
	nv_buf_release(&b);
	return v;
}

/* The stamp of a document that is an appendix of an outside order, as a block of the right side. */
static struct nv_value *outside_stamp(const struct nv_entry *e, const struct nv_model *m)
{
	struct nv_value *v = obj(), *lines = arr();
	struct nv_buf b = NV_BUF_INIT;
	char *line, *nl;
	bool first = true;

	nv_wording_outside_stamp(&b, &e->appendix_of, m->site.genitive);
	for (line = b.ptr; line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (first)
			set_s(v, "label", line);
		else
			push_line(lines, line);
		first = false;
	}
	set_lines_html(v, lines, m);
	nv_html_set_list(v, "lines", lines);
	set_b(v, "stamp", true);
	nv_buf_release(&b);
	return v;
}

void nv_html_add_approvals(struct nv_value *ctx, const struct nv_entry *e, const struct nv_model *m)
{
	struct nv_value *left = arr(), *right = arr();
	size_t i;

	if (e->appendix_of.given && !e->approved_by)
		push(right, outside_stamp(e, m));
	for (i = 0; i < e->napprovals; i++)
		push(e->approvals[i].right ? right : left, approval_block(e, &e->approvals[i], m));
	if (left->nr || right->nr)
		set_b(ctx, "approvals", true);
	nv_html_set_list(ctx, "approvals_left", left);
	nv_html_set_list(ctx, "approvals_right", right);
}

struct nv_value *nv_html_people_names(struct nv_person *const *v, size_t n)
{
	struct nv_value *list = arr();
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		nv_buf_reset(&b);
		nv_person_public_name(&b, v[i]);
		push(list, nv_value_new_str(b.ptr));
	}
	nv_buf_release(&b);
	return list;
}

struct nv_value *nv_html_pairs_rows(const struct nv_model *m, const struct nv_entry *order)
{
	struct nv_value *rows = arr(), *row;
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < m->npairs; i++) {
		const struct nv_pair *p = m->pairs[i];
		if (order && p->order != order)
			continue;
		row = obj();
		set_n(row, "number", (double)rows->nr + 1);
		nv_html_set_person(row, "mentor", p->mentor);
		nv_buf_reset(&b);
		nv_people_public_list(&b, p->mentees, p->nmentees);
		set_s(row, "mentees", b.ptr);
		set_s(row, "form", p->form);
		set_s(row, "kind", p->kind);
		set_s(row, "period", p->period.text);
		set_s(row, "status", pair_status_titles[p->status]);
		push(rows, row);
	}
	nv_buf_release(&b);
	return rows;
}

/* --- lists and the case bank's filters ----------------------------------------- */

static int cmp_news(const void *pa, const void *pb)
{
	const struct nv_entry *a = *(struct nv_entry *const *)pa,
			      *b = *(struct nv_entry *const *)pb;
	int c = nv_date_cmp(b->date, a->date); /* newest first */

	return c ? c : strcmp(a->id, b->id);
}

static int cmp_weight(const void *pa, const void *pb)
{
	const struct nv_entry *a = *(struct nv_entry *const *)pa,
			      *b = *(struct nv_entry *const *)pb;

	if (a->weight != b->weight)
		return a->weight < b->weight ? -1 : 1;
	if (a->kind == NV_KIND_ORDER && b->kind == NV_KIND_ORDER && nv_date_cmp(a->date, b->date))
		return nv_date_cmp(a->date, b->date);
	return strcmp(a->title ? a->title : "", b->title ? b->title : "");
}

/* The entries of one kind, sorted for their list page; the caller frees the array. */
size_t nv_html_entries_of(const struct nv_model *m, enum nv_kind kind, struct nv_entry ***out)
{
	size_t i, n = 0;

	*out = nv_xcalloc(m->nentries + 1, sizeof(**out));
	for (i = 0; i < m->nentries; i++)
		if (m->entries[i]->kind == kind)
			(*out)[n++] = m->entries[i];
	if (n > 1)
		qsort(*out, n, sizeof(**out), kind == NV_KIND_NEWS ? cmp_news : cmp_weight);
	return n;
}

/* Slugs for the static filter pages of the case bank. */
char *nv_html_filter_url(const char *what, const char *value)
{
	char *slug = nv_slug(value), *url = nv_xasprintf("cases/%s-%s.html", what, slug);

	free(slug);
	return url;
}

struct nv_value *nv_html_case_card(const struct nv_html_state *s, const struct nv_entry *e)
{
	struct nv_value *v = nv_html_doc_link(s, e);
	struct nv_buf b = NV_BUF_INIT;
	char *slug;

	set_s(v, "form", e->form);
	set_s(v, "mentoring_kind", e->mkind);
	nv_acyear_add(&b, e->acyear);
	set_s(v, "year", b.ptr);
	slug = nv_slug(e->form ? e->form : "");
	set_s(v, "form_id", slug);
	free(slug);
	slug = nv_slug(e->mkind ? e->mkind : "");
	set_s(v, "kind_id", slug);
	free(slug);
	slug = nv_slug(b.ptr);
	set_s(v, "year_id", slug);
	free(slug);
	nv_buf_release(&b);
	return v;
}

/* A case's form, kind or academic year, the one mapping the filter pages and the counts use. */
const char *nv_html_case_value(const struct nv_entry *e, const char *what, struct nv_buf *yb)
{
	if (!strcmp(what, "form"))
		return e->form;
	if (!strcmp(what, "kind"))
		return e->mkind;
	nv_buf_reset(yb);
	nv_acyear_add(yb, e->acyear);
	return yb->ptr;
}

/*
 * The counts of a group of filter values; the group itself is
 * nv_html_facet(): [{title, id, url, count, current}]. The table is
 * NULL-terminated, so a form added to the model's table shows.
 */
size_t *nv_html_facet_counts(const char *what, const char *const *values,
			     struct nv_entry *const *cases, size_t ncases)
{
	struct nv_buf yb = NV_BUF_INIT;
	size_t i, k, nv = 0, *counts;
	const char *cv;

	while (values[nv])
		nv++;
	counts = nv_xcalloc(nv + 1, sizeof(*counts));
	for (k = 0; k < ncases; k++) {
		cv = nv_html_case_value(cases[k], what, &yb);
		for (i = 0; cv && i < nv; i++)
			if (!strcmp(cv, values[i])) {
				counts[i]++;
				break;
			}
	}
	nv_buf_release(&yb);
	return counts;
}

struct nv_value *nv_html_facet(const char *what, const char *const *values, const size_t *counts,
			       const char *current_url)
{
	struct nv_value *list = arr(), *v;
	size_t i;
	char *url, *slug;

	for (i = 0; values[i]; i++) {
		if (!counts[i])
			continue;
		v = obj();
		set_s(v, "title", values[i]);
		slug = nv_slug(values[i]);
		set_s(v, "id", slug);
		free(slug);
		url = nv_html_filter_url(what, values[i]);
		set_s(v, "url", url);
		set_b(v, "current", current_url && !strcmp(url, current_url));
		free(url);
		set_n(v, "count", (double)counts[i]);
		push(list, v);
	}
	return list;
}

/* --- navigation and the site --------------------------------------------------- */

static void nav_add(struct nv_value *nav, const char *title, const char *url, const char *section,
		    const char *description)
{
	struct nv_value *v = obj();

	nv_html_set_t(v, "title", title);
	set_s(v, "url", url);
	set_s(v, "section", section);
	nv_html_set_t(v, "description", description);
	push(nav, v);
}

struct nv_value *nv_html_make_nav(const struct nv_model *m)
{
	struct nv_value *nav = arr();
	struct nv_entry **v;
	struct nv_buf url = NV_BUF_INIT;
	bool over = m->site.kind == NV_ORG_DEPARTMENT || m->site.kind == NV_ORG_CENTER;
	size_t i, n;

	nav_add(nav, "Главная", "index.html", NULL, NULL);
	n = nv_html_entries_of(m, NV_KIND_PAGE, &v);
	for (i = 0; i < n; i++)
		nav_add(nav, v[i]->title, nv_html_entry_url(v[i], &url), NULL,
			v[i]->summary ? v[i]->summary : v[i]->title);
	free(v);
	if ((n = nv_html_entries_of(m, NV_KIND_ORDER, &v)))
		nav_add(nav, "Приказы", "orders/index.html", "orders",
			over ? "Приказы о системе наставничества в организациях"
			     : "Приказы директора о внедрении и работе системы наставничества");
	free(v);
	if ((n = nv_html_entries_of(m, NV_KIND_POSITION, &v)))
		nav_add(nav, "Положения", "positions/index.html", "positions",
			over ? "Положения о системе наставничества в организациях"
			     : "Положения о наставничестве педагогов и обучающихся");
	free(v);
	if ((n = nv_html_entries_of(m, NV_KIND_ROADMAP, &v)))
		nav_add(nav, "Дорожная карта",
			n == 1 ? nv_html_entry_url(v[0], &url) : "roadmaps/index.html", "roadmaps",
			"План мероприятий на учебный год со сроками и ответственными");
	free(v);
	if ((n = nv_html_entries_of(m, NV_KIND_PROGRAM, &v)))
		nav_add(nav, "Программы", "programs/index.html", "programs",
			"Программы наставничества: цели, формы, этапы, результаты");
	free(v);
	nav_add(nav, "Наставники", "mentors.html", NULL, "Наставники школы и формы наставничества");
	if ((n = nv_html_entries_of(m, NV_KIND_CASE, &v)))
		nav_add(nav, "Лучшие практики", "cases/index.html", "cases",
			"Банк лучших практик наставничества с отбором по форме, виду и году");
	free(v);
	if ((n = nv_html_entries_of(m, NV_KIND_NEWS, &v)))
		nav_add(nav, "Новости", "news/index.html", "news", "События и мероприятия");
	free(v);
	nav_add(nav, "Мониторинг", "monitoring.html", NULL,
		"Показатели: пары по формам, охват педагогов и обучающихся, выполнение плана");
	nav_add(nav, "Поиск", "search.html", NULL, NULL);
	nv_buf_release(&url);
	return nav;
}

struct nv_value *nv_html_make_site(const struct nv_model *m, const char *base_url)
{
	const struct nv_site *st = &m->site;
	struct nv_value *v = obj(), *cur = obj();
	struct nv_buf b = NV_BUF_INIT;

	nv_html_set_t(v, "title", st->section_title);
	nv_html_set_t(v, "org_name", st->name);
	nv_html_set_t(v, "org_short", st->short_name);
	nv_html_set_t(v, "founder", st->founder);
	nv_html_set_t(v, "place", st->place);
	nv_html_set_t(v, "address", st->address);
	set_s(v, "phone", st->phone);
	set_s(v, "website", st->website);
	nv_html_set_t(v, "intro", st->intro);
	set_s(v, "base_url", base_url);
	if (st->curator) {
		nv_person_public_name(&b, st->curator);
		set_s(cur, "name", b.ptr);
		set_s(cur, "position", st->curator->position);
	}
	set_s(cur, "phone", st->curator_phone);
	if (st->curator_phone) {
		/* tel: URIs take digits only: «+7 (34567) 2-14-08» → «+73456721408». */
		const char *p;
		nv_buf_reset(&b);
		for (p = st->curator_phone; *p; p++)
			if ((*p >= '0' && *p <= '9') || (*p == '+' && !b.len))
				nv_buf_addch(&b, *p);
		set_s(cur, "phone_uri", b.ptr);
	}
	set_s(cur, "email", st->curator_email);
	if (st->curator_email && strrchr(st->curator_email, '@')) {
		/* Split for the themes, which let a narrow column break the address after «@». */
		const char *at = strrchr(st->curator_email, '@');
		nv_buf_reset(&b);
		nv_buf_add(&b, st->curator_email, (size_t)(at - st->curator_email));
		set_s(cur, "email_user", b.ptr);
		set_s(cur, "email_domain", at + 1);
	}
	/* A department's or a centre's curator coordinates its organisations. */
	set_s(cur, "title",
	      st->kind == NV_ORG_DEPARTMENT ? "Муниципальный координатор наставничества"
	      : st->kind == NV_ORG_CENTER ? "Координатор наставничества"
					  : "Куратор наставничества");
	set(v, "curator", cur);
	nv_buf_release(&b);
	return v;
}

/* Whether nav entry def is the page at url (1), the section holding it (2), or neither (0). */
static int nav_state(const struct nv_value *def, const char *url)
{
	/* Its members found with their lengths known: this runs for every page. */
	const struct nv_member *sm = nv_map_member(def, "section", 7);
	const struct nv_member *um = nv_map_member(def, "url", 3);
	const char *section = sm && nv_value_is_scalar(sm->value) ? sm->value->str : NULL;
	size_t n = section ? strlen(section) : 0;

	/* An entry is active on the pages under its section's folder («cases/…»). */
	if (um && nv_value_is_scalar(um->value) && !strcmp(um->value->str, url))
		return 1;
	return n && !strncmp(section, url, n) && url[n] == '/' ? 2 : 0;
}

/* navdef with entry `active` (navdef->nr: none) active, url's entry (when set) current. */
static struct nv_value *nav_with(const struct nv_html_state *s, size_t active, const char *url)
{
	struct nv_value *nav = arr(), *item;
	size_t i;
	int st;

	for (i = 0; i < s->navdef->nr; i++) {
		item = nv_value_copy(s->navdef->items[i]);
		st = url ? nav_state(s->navdef->items[i], url) : i == active ? 2 : 0;
		if (st)
			set_b(item, st == 1 ? "current" : "active", true);
		push(nav, item);
	}
	return nav;
}

struct nv_value *nv_html_nav_for(const struct nv_html_state *s, const char *url)
{
	return nav_with(s, 0, url);
}

void nv_html_navs_make(struct nv_html_state *s)
{
	size_t i;

	s->navs = nv_xcalloc(s->navdef->nr + 1, sizeof(*s->navs));
	for (i = 0; i <= s->navdef->nr; i++)
		s->navs[i] = nav_with(s, i, NULL);
}

const struct nv_value *nv_html_nav_shared(const struct nv_html_state *s, const char *url)
{
	size_t i, active = s->navdef->nr;
	int st;

	if (!s->navs)
		return NULL;
	for (i = 0; i < s->navdef->nr; i++) {
		if (!(st = nav_state(s->navdef->items[i], url)))
			continue;
		if (st == 1 || active < s->navdef->nr)
			return NULL; /* a section's own page, or two sections: made for the page */
		active = i;
	}
	return s->navs[active];
}
