/*
 * html_feeds.c: the files of the section that are not pages: the search
 * index (JSON and a script, merged with the last build's on a rebuild of
 * some documents), the Atom feed of news and sitemap.xml (a roadmap's
 * iCalendar file: html_ics.c). Each is guarded (html_guard.c) as a page
 * is: the index record by record as pages are rendered, the XML files
 * whole.
 */
#include "common.h"

#include <pthread.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "html_int.h"
#include "model.h"
#include "model_git.h"
#include "guard.h"
#include "typo.h"
#include "strmap.h"
#include "writer.h"
/*
 * The search index, twice: search-index.json for other tools, and the
 * same array as search-index.js, a script, because a page opened from
 * file:// may load scripts but not fetch JSON. Both are written from the
 * same pieces of SEARCH_PIECE bytes.
 *
 * A whole build writes the records as the documents' threads make them
 * (nv_html_search_start(), nv_html_search_done()), each freed once
 * written: held to the end, the 6 MB of records of a 10,000-document
 * site were part of the build's peak of memory. They go in the order of
 * the pages, as they would all at once: the pages made before the
 * documents', the documents' in their order (a record waits for the
 * documents before it), then the others.
 */
#define SEARCH_PIECE ((size_t)256 << 10)

struct nv_html_search {
	struct nv_dir_cache dirs;
	struct nv_writer_file json, js;
	char *pjson, *pjs;
	struct nv_buf b; /* the piece being made */
	size_t n;	 /* records added */
	/* A whole build's: */
	pthread_mutex_t lock;
	bool *done;  /* by document: its page made (or given up) */
	size_t next; /* the first document whose record is not added */
};

static struct nv_html_search *search_open(struct nv_html_state *s)
{
	static const char prefix[] = "window.NV_SEARCH_INDEX = ";
	struct nv_html_search *o = nv_xcalloc(1, sizeof(*o));

	o->dirs = (struct nv_dir_cache)NV_DIR_CACHE_INIT;
	o->pjson = nv_xasprintf("%s/search-index.json", s->opts.out);
	o->pjs = nv_xasprintf("%s/search-index.js", s->opts.out);
	nv_writer_open(&o->json, s->writer, &o->dirs, o->pjson);
	nv_writer_open(&o->js, s->writer, &o->dirs, o->pjs);
	nv_writer_append(&o->js, prefix, sizeof(prefix) - 1);
	nv_buf_adds(&o->b, "[\n");
	return o;
}

static void search_flush(struct nv_html_search *o)
{
	nv_writer_append(&o->json, o->b.ptr, o->b.len);
	nv_writer_append(&o->js, o->b.ptr, o->b.len);
	nv_buf_reset(&o->b);
}

/* One record; a comma and a line's end before each but the first. */
static void search_add(struct nv_html_search *o, const char *line)
{
	if (o->n++)
		nv_buf_add(&o->b, ",\n", 2);
	nv_buf_adds(&o->b, line);
	if (o->b.len >= SEARCH_PIECE)
		search_flush(o);
}

/* The records of pages not yet added, in their order, each freed. */
static void search_add_pages(struct nv_html_search *o, struct nv_html_page *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].url && v[i].line) {
			search_add(o, v[i].line);
			free(v[i].line);
			v[i].line = NULL;
		}
}

/* The array ended and the files kept, or (!keep) removed as they are; o freed. */
static void search_close(struct nv_html_search *o, bool keep)
{
	if (keep) {
		if (o->n)
			nv_buf_add(&o->b, "\n", 1);
		nv_buf_adds(&o->b, "]\n");
		search_flush(o);
	}
	nv_writer_close(&o->json, keep);
	nv_writer_close(&o->js, keep);
	nv_dir_cache_release(&o->dirs);
	nv_buf_release(&o->b);
	if (o->done)
		pthread_mutex_destroy(&o->lock);
	free(o->done);
	free(o->pjson);
	free(o->pjs);
	free(o);
}

static void write_search(struct nv_html_state *s, const char *const *lines, size_t n)
{
	struct nv_html_search *o = search_open(s);
	size_t i;

	for (i = 0; i < n; i++)
		search_add(o, lines[i]);
	search_close(o, true);
}

void nv_html_search_start(struct nv_html_state *s)
{
	struct nv_html_search *o;

	if (s->opts.fragment)
		return;
	o = s->search = search_open(s);
	pthread_mutex_init(&o->lock, NULL);
	o->done = nv_xcalloc(s->m->nentries + 1, sizeof(*o->done));
	search_add_pages(o, s->pages, s->npages);
}

void nv_html_search_done(struct nv_html_state *s, struct nv_html_page *slots, size_t i)
{
	struct nv_html_search *o = s->search;

	if (!o)
		return;
	pthread_mutex_lock(&o->lock);
	o->done[i] = true;
	while (o->next < s->m->nentries && o->done[o->next]) {
		search_add_pages(o, &slots[o->next], 1);
		o->next++;
	}
	pthread_mutex_unlock(&o->lock);
}

void nv_html_search_abandon(struct nv_html_state *s)
{
	if (s->search)
		search_close(s->search, false);
	s->search = NULL;
}

/* Append to b the plain text of the headings h2–h6 of html not already in b. */
static void add_headings(struct nv_buf *b, const char *html, size_t max)
{
	const char *p = html, *last = html + strlen(html), *q, *end;
	char *inner, *text;
	size_t start = b->len;

	/* each after « · »; nv_mem_find(), not strstr(), which glibc does a
	 * byte at a time for a needle of two */
	while ((p = nv_mem_find(p, (size_t)(last - p), "<h", 2)) != NULL && b->len - start < max) {
		p += 2;
		if (*p < '2' || *p > '6' || (p[1] != '>' && p[1] != ' '))
			continue;
		if (!(q = strchr(p, '>')) || !(end = nv_mem_find(q, (size_t)(last - q), "</h", 3)))
			break;
		inner = nv_xmemdupz(q + 1, (size_t)(end - q - 1));
		text = nv_html_plain_text(inner, 200);
		if (*text && !strstr(b->ptr, text)) {
			nv_buf_adds(b, " · ");
			nv_buf_adds(b, text);
		}
		free(text);
		free(inner);
		p = end;
	}
}

/* The length of the space or no-break space that ends s[0, k), else 0. */
static size_t space_before(const char *s, size_t k)
{
	if (k && s[k - 1] == ' ')
		return 1;
	return k >= 2 && !memcmp(s + k - 2, "\xC2\xA0", 2) ? 2 : 0;
}

/* The end of s[0, k) before the spaces and no-break spaces that end it. */
static size_t spaces_back(const char *s, size_t k)
{
	size_t l;

	while ((l = space_before(s, k)))
		k -= l;
	return k;
}

/*
 * The end of lead[0, k) without the number of a section or clause that
 * ends it alone («… · 8.», «…Положения. 2.3.»): digits and dots ending in
 * a dot, after « · » or a sentence's end; k when there is none (a year at
 * a sentence's end, «в 2025.», stays) or nothing before.
 */
static size_t before_number(const char *lead, size_t k)
{
	size_t j, e;

	if (!k || lead[k - 1] != '.')
		return k;
	/* back over «2.» and «2.3.»: digits before each dot */
	for (j = k - 1;; j--) {
		for (e = j; j > 0 && lead[j - 1] >= '0' && lead[j - 1] <= '9'; j--)
			;
		if (j == e)
			return k;
		if (j < 2 || lead[j - 1] != '.' || lead[j - 2] < '0' || lead[j - 2] > '9')
			break;
	}
	if (!space_before(lead, j))
		return k;
	e = spaces_back(lead, j);
	if (e && (strchr(".!?:", lead[e - 1]) || (e >= 2 && !memcmp(lead + e - 2, "·", 2)) ||
		  (e >= 3 && !memcmp(lead + e - 3, "…", 3))))
		return e;
	return k;
}

/* The end of lead[0, k) without a « · » between headings there, k when nothing is before. */
static size_t before_dot(const char *lead, size_t k)
{
	size_t e;

	if (k < 2 || memcmp(lead + k - 2, "·", 2))
		return k;
	e = spaces_back(lead, k - 2);
	return e ? e : k;
}

/*
 * The opening lead[0, k) cut after a word, ended as a cut quotation is
 * in Russian: «…» in place of a «.», «,», «;», «:» or dash there (and of
 * the space before the dash), «?..» and «!..» after «?» and «!», and
 * nothing more after «…» («с куратором.» reads «с куратором…»). A
 * section's number left alone at the end goes (before_number()), and
 * a « · » (before_dot()).
 */
static void add_cut(struct nv_buf *b, const char *lead, size_t k)
{
	static const char *const drops[] = { ".", ",", ";", ":", "—", "–" };
	size_t i, l;

	k = before_dot(lead, before_number(lead, k));
	if (k >= 3 && !memcmp(lead + k - 3, "…", 3)) {
		nv_buf_add(b, lead, k);
		return;
	}
	if (k && (lead[k - 1] == '?' || lead[k - 1] == '!')) {
		nv_buf_add(b, lead, k);
		nv_buf_adds(b, "..");
		return;
	}
	for (i = 0; i < NV_ARRAY_SIZE(drops); i++)
		if (k > (l = strlen(drops[i])) && !memcmp(lead + k - l, drops[i], l)) {
			k -= l;
			break;
		}
	/* the space before a dash, maybe a no-break one; never the lead's first byte */
	while ((l = space_before(lead, k)) && k > l)
		k -= l;
	nv_buf_add(b, lead, k);
	nv_buf_adds(b, "…");
}

/*
 * What the search index holds of a page: the opening of its text, at most
 * NV_SEARCH_LEAD bytes cut after a word (add_cut()), and its section
 * headings, at most NV_SEARCH_HEADS bytes — not the whole text, which
 * would make the index as big as the site.
 */
char *nv_html_search_text(const char *html)
{
	struct nv_buf b = NV_BUF_INIT;
	char *lead = nv_html_plain_text(html, NV_SEARCH_LEAD + 64);
	size_t n = strlen(lead);

	if (n > NV_SEARCH_LEAD) {
		/* cut: back to the end of the last whole word, if there is one */
		size_t k = NV_SEARCH_LEAD;
		while (k > 0 && lead[k] != ' ')
			k--;
		while (k > 0 && lead[k - 1] == ' ')
			k--;
		add_cut(&b, lead, k ? k : n);
	} else {
		nv_buf_add(&b, lead, n);
	}
	free(lead);
	add_headings(&b, html, NV_SEARCH_HEADS);
	return nv_buf_take(&b, NULL);
}

void nv_html_emit_search_page(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_value *ctx = obj();

	nv_html_set_updated(ctx, nv_html_site_changed(s));
	nv_html_emit(s, w, "search.html", "search", ctx, "Поиск", "search", NULL);
}

void nv_html_emit_search(struct nv_html_state *s)
{
	if (!s->search)
		return;
	/* The documents' records are in: the rest, the pages after them. */
	search_add_pages(s->search, s->pages, s->npages);
	search_close(s->search, true);
	s->search = NULL;
}

static int cmp_page_url(const void *a, const void *b)
{
	return strcmp((*(struct nv_html_page *const *)a)->url,
		      (*(struct nv_html_page *const *)b)->url);
}

/*
 * For a rebuild of some documents: the last build's index with the
 * records of the pages rendered now in place of theirs; when each of
 * them is as it was (a change past a page's opening), the files are
 * left as they are. -1 when that cannot be: the old index is
 * unreadable, or a page rendered now has a record and had none (its
 * place is unknown).
 */
int nv_html_merge_search(struct nv_html_state *s)
{
	struct nv_buf old = NV_BUF_INIT;
	struct nv_html_page **now = nv_xcalloc(s->npages + 1, sizeof(*now)), key, *kp = &key, **hit;
	bool *used = nv_xcalloc(s->npages + 1, sizeof(*used));
	const char **lines = NULL;
	size_t i, n = 0, alloc = 0;
	char *p, *end, *u;
	bool same = true;
	int rc = -1;

	for (i = 0; i < s->npages; i++)
		now[i] = &s->pages[i];
	qsort(now, s->npages, sizeof(*now), cmp_page_url);
	if (nv_read_file(s->opts.prev_search, (size_t)1 << 30, &old) < 0 ||
	    strncmp(old.ptr, "[\n", 2))
		goto out;
	/* One record a line: {"t":…,"u":"URL","x":…} and a comma but the last. */
	for (p = old.ptr + 2; *p == '{'; p = end + 1) {
		end = strchr(p, '\n');
		u = strstr(p, ",\"u\":\"");
		if (!end || !u || u > end)
			goto out;
		*end = '\0';
		if (end[-1] == ',')
			end[-1] = '\0';
		u += 6;
		key.url = nv_xmemdupz(u, strcspn(u, "\""));
		hit = bsearch(&kp, now, s->npages, sizeof(*now), cmp_page_url);
		free(key.url);
		NV_GROW(lines, n + 1, alloc);
		if (!hit) {
			lines[n++] = p;
		} else {
			used[hit - now] = true;
			same = same && (*hit)->line && !strcmp((*hit)->line, p);
			if ((*hit)->line)
				lines[n++] = (*hit)->line;
		}
	}
	if (strcmp(p, "]\n"))
		goto out;
	for (i = 0; i < s->npages; i++)
		if (now[i]->line && !used[i])
			goto out;
	/* Records as they were (a change past a page's opening): both indexes stay. */
	if (!same)
		write_search(s, lines, n);
	rc = 0;
out:
	nv_buf_release(&old);
	free(now);
	free(used);
	free(lines);
	return rc;
}

/* A string that is set even when empty, so a list item never shows its parent's. */
static void set_str(struct nv_value *m, const char *k, const char *v)
{
	set(m, k, nv_value_new_str(v ? v : ""));
}

/* An ISO date and midnight UTC, as Atom wants it. */
static void set_updated(struct nv_value *m, const struct nv_date *d)
{
	struct nv_buf b = NV_BUF_INIT;

	if (d)
		nv_date_add(&b, *d, NV_DATE_ISO);
	else
		nv_buf_adds(&b, "2000-01-01");
	nv_buf_adds(&b, "T00:00:00Z");
	set_str(m, "updated", b.ptr);
	nv_buf_release(&b);
}

/*
 * Where the first byte nv_html_xml_bad() drops is in the n bytes at s, or n:
 * sixteen bytes at a time past those that cannot start one (not a
 * control, DEL nor 0xEF).
 */
static size_t xml_first_bad(const unsigned char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i bias = _mm_set1_epi8((char)0x80), lim = _mm_set1_epi8((char)(0x20 ^ 0x80));
	unsigned m;

	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* c < 0x20 unsigned, as a signed compare of c ^ 0x80 */
		__m128i x =
			_mm_or_si128(_mm_cmplt_epi8(_mm_xor_si128(v, bias), lim),
				     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
						  _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
		if (!(m = (unsigned)_mm_movemask_epi8(x))) {
			i += 16;
			continue;
		}
		i += (unsigned)__builtin_ctz(m);
		if (nv_html_xml_bad(s + i, n - i))
			return i;
		i++;
	}
#endif
	for (; i < n; i++)
		if (nv_html_xml_bad(s + i, n - i))
			return i;
	return n;
}

/*
 * Drop what XML cannot hold from every string of a context, in place.
 * The model refuses such characters in YAML text (nv_check_text()), so
 * this changes nothing for content that passed the check; it is the last
 * guard for text that came another way (a theme's data, a future field).
 */
static void xml_clean(struct nv_value *v)
{
	size_t i, j, bad;

	if (!v)
		return;
	for (i = 0; v->type == NV_LIST && i < v->nr; i++)
		xml_clean(v->items[i]);
	for (i = 0; v->type == NV_MAP && i < v->nr; i++)
		xml_clean(v->members[i].value);
	if (!v->str || (i = xml_first_bad((const unsigned char *)v->str, v->len)) == v->len)
		return;
	for (j = i; i < v->len; i += bad ? bad : 1) {
		bad = nv_html_xml_bad((const unsigned char *)v->str + i, v->len - i);
		if (!bad)
			v->str[j++] = v->str[i];
	}
	v->str[j] = '\0';
	v->len = j;
}

/*
 * The day of the last commit that changed e's file (opts.history), or
 * fallback when Git has none.
 */
static const struct nv_date *last_commit(const struct nv_html_state *s, const struct nv_entry *e,
					 const struct nv_date *fallback)
{
	const struct nv_git_revs *r = nv_git_revs_of(s->opts.history, e->path);

	return r && r->nr ? &r->v[0].date : fallback;
}

/* When a news item was updated: its last commit, never before its date. */
static const struct nv_date *news_updated(const struct nv_html_state *s, const struct nv_entry *e)
{
	const struct nv_date *d = last_commit(s, e, &e->date);

	return nv_date_cmp(*d, e->date) > 0 ? d : &e->date;
}

/* The news feed, news/atom.xml, from the theme's atom.mustache. */
void nv_html_emit_atom(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_entry **v;
	size_t i, n = nv_html_entries_of(s->m, NV_KIND_NEWS, &v);
	struct nv_value *ctx = obj(), *entries = arr(), *ev;
	struct nv_buf url = NV_BUF_INIT;
	const struct nv_date *newest = NULL;
	char *t;

	set(ctx, "site", nv_value_copy(s->site));
	t = nv_xasprintf("%s — новости наставничества",
			 s->m->site.short_name ? s->m->site.short_name : "");
	set_str(ctx, "title", t);
	free(t);
	set_str(ctx, "base", s->base_url);
	/* The feed was updated when its newest entry was. */
	for (i = 0; i < n; i++)
		if (!newest || nv_date_cmp(*news_updated(s, v[i]), *newest) > 0)
			newest = news_updated(s, v[i]);
	set_updated(ctx, newest);
	set_str(ctx, "author", s->m->site.name);
	for (i = 0; i < n; i++) {
		ev = obj();
		set_str(ev, "url", nv_html_entry_url(v[i], &url));
		t = nv_typo_str(v[i]->title ? v[i]->title : "");
		set_str(ev, "title", t);
		free(t);
		set_updated(ev, news_updated(s, v[i]));
		if (v[i]->summary) {
			t = nv_typo_str(v[i]->summary);
			set_str(ev, "summary", t);
			set(ev, "has_summary", nv_value_new_bool(true));
			free(t);
		}
		push(entries, ev);
	}
	set(ctx, "entries", entries);
	xml_clean(ctx);
	nv_html_emit_file(s, w, "news/atom.xml", "atom", ctx);
	nv_buf_release(&url);
	free(v);
}

/* sitemap.xml from the theme's sitemap.mustache; only with an absolute base URL. */
void nv_html_emit_sitemap(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_value *ctx, *pages, *pv;
	struct nv_strmap *last = nv_strmap_new();
	struct nv_buf url = NV_BUF_INIT, *iso;
	const struct nv_date *d;
	size_t i;

	if (!s->base_url) {
		nv_strmap_free(last, NULL);
		return;
	}
	/* A context of one node a page, made in an arena and dropped whole. */
	nv_value_scope_begin();
	ctx = obj();
	pages = arr();
	set(ctx, "site", nv_value_copy(s->site));
	set_str(ctx, "base", s->base_url);
	/* lastmod: the day of the last commit that changed a document's file. */
	iso = nv_xcalloc(s->m->nentries + 1, sizeof(*iso));
	for (i = 0; i < s->m->nentries; i++) {
		if (!(d = last_commit(s, s->m->entries[i], NULL)))
			continue;
		nv_html_entry_url(s->m->entries[i], &url);
		if (nv_strmap_get(last, url.ptr))
			continue;
		nv_buf_adds(&iso[i], url.ptr);
		nv_buf_addch(&iso[i], '\0');
		nv_date_add(&iso[i], *d, NV_DATE_ISO);
		nv_strmap_put(last, iso[i].ptr, iso[i].ptr + strlen(iso[i].ptr) + 1);
	}
	for (i = 0; i < s->npages; i++) {
		pv = obj();
		set_str(pv, "url", s->pages[i].url);
		set_str(pv, "lastmod", nv_strmap_get(last, s->pages[i].url));
		push(pages, pv);
	}
	set(ctx, "pages", pages);
	xml_clean(ctx);
	nv_html_emit_file(s, w, "sitemap.xml", "sitemap", ctx);
	nv_value_scope_end();
	nv_strmap_free(last, NULL);
	for (i = 0; i < s->m->nentries; i++)
		nv_buf_release(&iso[i]);
	free(iso);
	nv_buf_release(&url);
}
