/*
 * html_feeds.c: the files of the section that are not pages: the search
 * index (JSON and a script, merged with the last build's on a rebuild of
 * some documents), the Atom feed of news, sitemap.xml and one iCalendar
 * file per roadmap. Each is guarded (html_guard.c) as a page is: the
 * index record by record as pages are rendered, the XML files whole,
 * a calendar as its reader gets it, folds undone and escapes read.
 */
#include "common.h"

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
 * file:// may load scripts but not fetch JSON.
 */
static void write_search(struct nv_html_state *s, const char *const *lines, size_t n)
{
	static const char prefix[] = "window.NV_SEARCH_INDEX = ";
	struct nv_buf js = NV_BUF_INIT;
	size_t i, size = sizeof(prefix) + 4;
	char *json;

	/* Megabytes on a large site: sized once, copied once. */
	for (i = 0; i < n; i++)
		size += strlen(lines[i]) + 2;
	nv_buf_grow(&js, size);
	nv_buf_adds(&js, prefix);
	nv_buf_adds(&js, "[\n");
	for (i = 0; i < n; i++) {
		nv_buf_adds(&js, lines[i]);
		nv_buf_adds(&js, i + 1 < n ? ",\n" : "\n");
	}
	nv_buf_adds(&js, "]\n");
	/* The JSON is the script without its first words: written from the same bytes. */
	json = nv_xasprintf("%s/search-index.json", s->opts.out);
	if (nv_write_new_file(json, js.ptr + strlen(prefix), js.len - strlen(prefix)) < 0) {
		nv_error(s->d, json, 0, 0, "не удалось записать файл: %s", nv_strerror(errno));
		s->failed = 1;
	}
	free(json);
	json = nv_buf_detach(&js, &size);
	nv_writer_add(s->writer, nv_xasprintf("%s/search-index.js", s->opts.out), json, size);
}

/* Append to b the plain text of the headings h2–h6 of html not already in b. */
static void add_headings(struct nv_buf *b, const char *html, size_t max)
{
	const char *p = html, *q, *end;
	char *inner, *text;
	size_t start = b->len;

	/* each after « · » */
	while ((p = strstr(p, "<h")) != NULL && b->len - start < max) {
		p += 2;
		if (*p < '2' || *p > '6' || (p[1] != '>' && p[1] != ' '))
			continue;
		if (!(q = strchr(p, '>')) || !(end = strstr(q, "</h")))
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

/*
 * What the search index holds of a page: the opening of its text, at most
 * NV_SEARCH_LEAD bytes cut after a word, and its section headings, at
 * most NV_SEARCH_HEADS bytes — not the whole text, which would make the
 * index as big as the site.
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
		nv_buf_add(&b, lead, k ? k : n);
		nv_buf_adds(&b, "…");
	} else {
		nv_buf_add(&b, lead, n);
	}
	free(lead);
	add_headings(&b, html, NV_SEARCH_HEADS);
	return nv_buf_detach(&b, NULL);
}

void nv_html_emit_search(struct nv_html_state *s)
{
	const char **lines = nv_xcalloc(s->npages + 1, sizeof(*lines));
	struct nv_value *ctx = obj();
	size_t i, n = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i].line)
			lines[n++] = s->pages[i].line;
	write_search(s, lines, n);
	free(lines);
	nv_html_set_updated(ctx, nv_html_site_changed(s));
	nv_html_emit(s, &s->main, "search.html", "search", ctx, "Поиск", "search", NULL);
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
 * Whether the bytes at s (n left) start a character XML 1.0 cannot hold:
 * a C0 control other than tab and newline (CR too: a parser would turn
 * it into a newline), DEL, U+FFFE or U+FFFF. Returns its length, or 0.
 */
static size_t xml_bad(const unsigned char *s, size_t n)
{
	if ((*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7F)
		return 1;
	if (*s == 0xEF && n >= 3 && s[1] == 0xBF && (s[2] & 0xFE) == 0xBE)
		return 3;
	return 0;
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
	if (!v->str)
		return;
	for (i = j = 0; i < v->len; i += bad ? bad : 1) {
		bad = xml_bad((const unsigned char *)v->str + i, v->len - i);
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
void nv_html_emit_atom(struct nv_html_state *s)
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
	nv_html_emit_file(s, "news/atom.xml", "atom", ctx);
	nv_buf_release(&url);
	free(v);
}

/* sitemap.xml from the theme's sitemap.mustache; only with an absolute base URL. */
void nv_html_emit_sitemap(struct nv_html_state *s)
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
	ctx = obj();
	pages = arr();
	set(ctx, "site", nv_value_copy(s->site));
	set_str(ctx, "base", s->base_url);
	/* lastmod: the day of the last commit that changed a document's file. */
	iso = nv_xcalloc(s->m->nentries + 1, sizeof(*iso));
	for (i = 0; i < s->m->nentries; i++) {
		d = last_commit(s, s->m->entries[i], NULL);
		nv_html_entry_url(s->m->entries[i], &url);
		if (!d || nv_strmap_get(last, url.ptr))
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
	nv_html_emit_file(s, "sitemap.xml", "sitemap", ctx);
	nv_strmap_free(last, NULL);
	for (i = 0; i < s->m->nentries; i++)
		nv_buf_release(&iso[i]);
	free(iso);
	nv_buf_release(&url);
}

/*
 * iCalendar text (RFC 5545, 3.3.11): escape \\ ; , and newlines as \\n;
 * drop the controls TEXT cannot hold (CR included, tab kept) and U+FFFE,
 * U+FFFF. The model refuses those in YAML already; this is the last guard.
 */
static void ics_text(struct nv_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0, i, bad;

	for (i = 0; i < n; i += bad ? bad : 1) {
		size_t run = i;
		/* a run of bytes copied as they are: no escape, no control, no 0xEF */
		while (run < n && u[run] >= 0x20 && u[run] != 0x7F && u[run] != 0xEF &&
		       u[run] != '\\' && u[run] != ';' && u[run] != ',')
			run++;
		if (run > i) {
			nv_buf_add(b, s + i, run - i);
			i = run;
			bad = 0;
			if (i == n)
				break;
		}
		bad = xml_bad(u + i, n - i);
		if (bad)
			continue;
		if (u[i] == '\\' || u[i] == ';' || u[i] == ',')
			nv_buf_addch(b, '\\');
		if (u[i] == '\n')
			nv_buf_adds(b, "\\n");
		else
			nv_buf_addch(b, (char)u[i]);
	}
}

/*
 * Fold a content line (RFC 5545, 3.1): no line longer than 75 octets
 * without its CRLF, a continuation line's leading space counted, and no
 * UTF-8 character split across lines.
 */
static void ics_line(struct nv_buf *out, const char *line)
{
	size_t n = strlen(line), i = 0, take;

	while (n - i > (i ? 74u : 75u)) {
		take = i ? 74 : 75;
		while (take && ((unsigned char)line[i + take] & 0xC0) == 0x80)
			take--;
		if (!take) /* not UTF-8: no character starts here, cut anywhere */
			take = i ? 74 : 75;
		nv_buf_add(out, line + i, take);
		nv_buf_adds(out, "\r\n ");
		i += take;
	}
	nv_buf_add(out, line + i, n - i);
	nv_buf_adds(out, "\r\n");
}

/*
 * The text of a calendar as its reader gets it (RFC 5545, 3.1 and
 * 3.3.11): folds undone, \n a newline, \X the character X; so that a
 * name split by a fold or an escape comes back whole for the guard.
 */
static void ics_read(struct nv_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t run = i;
		while (run < n && s[run] != '\r' && s[run] != '\\')
			run++;
		if (run > i) {
			nv_buf_add(out, s + i, run - i);
			if ((i = run) == n)
				break;
		}
		if (s[i] == '\r' && i + 2 < n && s[i + 1] == '\n' && s[i + 2] == ' ') {
			i += 2;
		} else if (s[i] == '\\' && i + 1 < n) {
			i++;
			nv_buf_addch(out, s[i] == 'n' || s[i] == 'N' ? '\n' : s[i]);
		} else {
			nv_buf_addch(out, s[i]);
		}
	}
}

/*
 * An iCalendar text field, escaped (NULL: nothing). Not guarded here:
 * the whole calendar is, as its reader gets it (ics_read()).
 */
static void ics_field(const struct nv_html_state *s, struct nv_buf *line, const char *text)
{
	(void)s;
	ics_text(line, text);
}

/*
 * «RRULE:…» for a term that repeats («Октябрь–ноябрь, ежегодно») and is
 * shorter than its period, else nothing: a whole-year «ежемесячно» is
 * one event, not twelve overlapping ones.
 */
static void ics_rrule(struct nv_buf *out, const struct nv_term *t, struct nv_date from,
		      struct nv_date to)
{
	static const struct {
		enum nv_term_recur recur;
		int days; /* the shortest period */
		const char *rule;
	} rules[] = {
		{ NV_RECUR_YEARLY, 365, "RRULE:FREQ=YEARLY" },
		{ NV_RECUR_QUARTERLY, 89, "RRULE:FREQ=MONTHLY;INTERVAL=3" },
		{ NV_RECUR_MONTHLY, 28, "RRULE:FREQ=MONTHLY" },
		{ NV_RECUR_WEEKLY, 7, "RRULE:FREQ=WEEKLY" },
	};
	long len = nv_date_to_days(to) - nv_date_to_days(from) + 1;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(rules); i++)
		if (rules[i].recur == t->recur && len < rules[i].days)
			ics_line(out, rules[i].rule);
}

/*
 * n in decimal, zero-padded to `width` digits: the bytes of "%0*lld"
 * without printf (a calendar formats some ten numbers per event).
 */
static void add_num(struct nv_buf *b, long long n, int width)
{
	char d[24];
	int k = 0;

	if (n < 0) {
		nv_buf_addf(b, "%0*lld", width, n);
		return;
	}
	do {
		d[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (k < width)
		d[k++] = '0';
	while (k)
		nv_buf_addch(b, d[--k]);
}

/* A date as ICS writes it: YYYYMMDD. */
static void add_ics_date(struct nv_buf *b, struct nv_date d)
{
	add_num(b, d.year, 4);
	add_num(b, d.month, 2);
	add_num(b, d.day, 2);
}

/*
 * One event from..to of item (or sub-row) it, numbered num («1.2.» or
 * «3.1.»), titled `title`, with UID «ID-uid@nastavnik».
 */
static void ics_event(struct nv_buf *out, const struct nv_html_state *s, const struct nv_entry *e,
		      const struct nv_item *it, struct nv_date from, struct nv_date to,
		      const char *num, const char *title, const char *uid)
{
	struct nv_buf line = NV_BUF_INIT;
	struct nv_date end;

	ics_line(out, "BEGIN:VEVENT");
	nv_buf_adds(&line, "UID:");
	ics_text(&line, e->id);
	nv_buf_addch(&line, '-');
	nv_buf_adds(&line, uid);
	nv_buf_adds(&line, "@nastavnik");
	ics_line(out, line.ptr);
	/* Stable, so rebuilds are byte-identical: the start of the academic year. */
	nv_buf_reset(&line);
	nv_buf_adds(&line, "DTSTAMP:");
	add_num(&line, e->acyear ? e->acyear : 2000, 4);
	nv_buf_adds(&line, "0901T000000Z");
	ics_line(out, line.ptr);
	nv_buf_reset(&line);
	nv_buf_adds(&line, "DTSTART;VALUE=DATE:");
	add_ics_date(&line, from);
	ics_line(out, line.ptr);
	end = nv_date_from_days(nv_date_to_days(to) + 1); /* DTEND is exclusive */
	nv_buf_reset(&line);
	nv_buf_adds(&line, "DTEND;VALUE=DATE:");
	add_ics_date(&line, end);
	ics_line(out, line.ptr);
	ics_rrule(out, &it->due, from, to);
	nv_buf_reset(&line);
	nv_buf_adds(&line, "SUMMARY:");
	nv_buf_adds(&line, num);
	nv_buf_addch(&line, ' ');
	ics_field(s, &line, title);
	ics_line(out, line.ptr);
	nv_buf_reset(&line);
	nv_buf_adds(&line, "DESCRIPTION:Срок: ");
	ics_field(s, &line, it->due.text);
	nv_buf_adds(&line, "\\nОтветственный: ");
	ics_field(s, &line, it->responsible_web);
	if (it->result) {
		nv_buf_adds(&line, "\\nРезультат: ");
		ics_field(s, &line, it->result);
	}
	ics_line(out, line.ptr);
	ics_line(out, "END:VEVENT");
	nv_buf_release(&line);
}

/* The most events one term gives: «сентябрь, январь, май» is three. */
#define ICS_MAX_DATES 12

/*
 * The events of a term: one for its range, or one for each of its dates
 * («сентябрь, январь, май»: three events, UIDs «…-d1», «…-d2», …).
 */
static void ics_events(struct nv_buf *out, const struct nv_html_state *s, const struct nv_entry *e,
		       const struct nv_item *it, const char *num, const char *title,
		       const char *uid)
{
	struct nv_date from[ICS_MAX_DATES], to[ICS_MAX_DATES];
	struct nv_buf u = NV_BUF_INIT;
	size_t n = nv_term_ranges(it->due.text, e->acyear, from, to, ICS_MAX_DATES), i;

	if (n <= 1) {
		ics_event(out, s, e, it, it->due.from, it->due.to, num, title, uid);
		return;
	}
	for (i = 0; i < n; i++) {
		nv_buf_reset(&u);
		nv_buf_adds(&u, uid);
		nv_buf_adds(&u, "-d");
		add_num(&u, (long long)i + 1, 1);
		ics_event(out, s, e, it, from[i], to[i], num, title, u.ptr);
	}
	nv_buf_release(&u);
}

/* The events of item it of section i (0-based), numbered num, and of its sub-rows. */
static void ics_item(struct nv_buf *out, const struct nv_html_state *s, const struct nv_entry *e,
		     const struct nv_item *it, size_t i, size_t k, const char *num)
{
	struct nv_buf uid = NV_BUF_INIT, sub = NV_BUF_INIT, title = NV_BUF_INIT;
	size_t r;

	add_num(&uid, (long long)i + 1, 1);
	nv_buf_addch(&uid, '-');
	add_num(&uid, (long long)k + 1, 1);
	if (it->due.parsed)
		ics_events(out, s, e, it, num, it->title, uid.ptr);
	for (r = 0; r < it->nrows; r++) {
		if (!it->rows[r].due.parsed)
			continue;
		nv_buf_reset(&uid);
		add_num(&uid, (long long)i + 1, 1);
		nv_buf_addch(&uid, '-');
		add_num(&uid, (long long)k + 1, 1);
		nv_buf_addch(&uid, '-');
		add_num(&uid, (long long)r + 1, 1);
		nv_buf_reset(&sub);
		nv_buf_reset(&title);
		nv_buf_adds(&title, it->title);
		if (it->rows[r].title) {
			nv_buf_adds(&sub, num);
			add_num(&sub, (long long)r + 1, 1);
			nv_buf_addch(&sub, '.');
			nv_buf_adds(&title, ": ");
			nv_buf_adds(&title, it->rows[r].title);
		}
		ics_events(out, s, e, &it->rows[r], sub.len ? sub.ptr : num, title.ptr, uid.ptr);
	}
	nv_buf_release(&uid);
	nv_buf_release(&sub);
	nv_buf_release(&title);
}

void nv_html_emit_ics(struct nv_html_state *s, struct nv_html_worker *w, const struct nv_entry *e)
{
	struct nv_buf out = NV_BUF_INIT, line = NV_BUF_INIT, rel = NV_BUF_INIT, read = NV_BUF_INIT;
	size_t i, k;

	ics_line(&out, "BEGIN:VCALENDAR");
	ics_line(&out, "VERSION:2.0");
	ics_line(&out, "PRODID:-//nastavnik//" NV_VERSION "//RU");
	ics_line(&out, "CALSCALE:GREGORIAN");
	nv_buf_adds(&line, "X-WR-CALNAME:");
	ics_field(s, &line, e->title);
	ics_line(&out, line.ptr);
	/* An appendix not for the website (web: false): a calendar without events. */
	for (i = 0; !e->web_hidden && i < e->nsections; i++) {
		for (k = 0; k < e->sections[i].nitems; k++) {
			nv_buf_reset(&line);
			if (e->sections[i].title) {
				add_num(&line, (long long)i + 1, 1);
				nv_buf_addch(&line, '.');
			}
			add_num(&line, (long long)k + 1, 1);
			nv_buf_addch(&line, '.');
			ics_item(&out, s, e, &e->sections[i].items[k], i, k, line.ptr);
		}
	}
	ics_line(&out, "END:VCALENDAR");
	nv_buf_addf(&rel, "roadmaps/%s.ics", e->id);
	ics_read(&read, out.ptr, out.len);
	if (nv_html_guard(s, w, rel.ptr, read.ptr, read.len, false, false))
		nv_html_write_out(s, rel.ptr, out.ptr, out.len);
	nv_buf_release(&read);
	nv_buf_release(&out);
	nv_buf_release(&line);
	nv_buf_release(&rel);
}

/* The escaper and folder of iCalendar text, for tests/fuzz; see html_int.h. */
void nv_html_ics_text(struct nv_buf *b, const char *s)
{
	ics_text(b, s);
}

void nv_html_ics_line(struct nv_buf *out, const char *line)
{
	ics_line(out, line);
}
