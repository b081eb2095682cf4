/*
 * html_int.h: what the files of the website back end (html*.c) share;
 * private to them (and to their unit tests).
 *
 * html.c drives a build; html_pages.c builds the context of each page
 * kind; html_feeds.c writes the Atom feed, sitemap and search index,
 * html_ics.c the calendars; html_values.c holds the small builders of
 * template contexts; html_out.c renders and writes files; html_dates.c
 * tells the day each page last changed; html_guard.c checks every file
 * written for personal data; html_md.c turns a document's Markdown tree
 * into HTML without changing it.
 */
#ifndef NV_HTML_INT_H
#define NV_HTML_INT_H

#include "common.h"

#include "buf.h"
#include "html.h"
#include "model.h"
#include "value.h"
#include "writer.h"

struct nv_tpl_set;
struct nv_guard;
struct nv_writer;

/*
 * A page, for the sitemap and the search index; line is its record in
 * the index, already guarded, or NULL when the page has none (or the
 * guard refused it).
 */
struct nv_html_page {
	char *url, *title, *kind, *line;
};

/* Where the guard found a name: a page, another file of the site, a file's name. */
enum nv_html_leak_where {
	NV_LEAK_PAGE,
	NV_LEAK_FILE,
	NV_LEAK_NAME
};

/* Where the name came from, as the report tells it (html_guard.c). */
enum nv_html_source {
	NV_SRC_COPY,
	NV_SRC_SITE,
	NV_SRC_DOC,
	NV_SRC_UNKNOWN
};

/*
 * A name the website may not show, found in a file about to be written:
 * rel (relative to the section), the form found, the person, the
 * document the file was made from (NULL: a page made of no document),
 * the file it is a copy of (an attachment, an asset; NULL: none); src
 * and kind are set by the report.
 */
struct nv_html_leak {
	char *rel, *form, *src, *copied_from;
	const struct nv_person *p;
	const struct nv_entry *e;
	enum nv_html_leak_where where;
	enum nv_html_source kind;
};

/*
 * What one rendering thread owns: a template set (sets are not
 * thread-safe), its diagnostics, where the page reference of the page it
 * renders goes (a slot kept in document order, or NULL: append), the
 * document it renders (NULL: a page made of no document), the file it
 * copies (NULL: none) and the leaks the guard found in its files.
 */
/* References to pages, in the order the pages were made. */
struct nv_html_pages {
	struct nv_html_page *v;
	size_t n, alloc;
};

struct nv_dir_cache;

struct nv_html_worker {
	struct nv_tpl_set *tpl;
	struct nv_diags *d;
	bool failed;
	struct nv_html_page *slot;
	struct nv_html_pages *pages; /* a page without a slot goes here; NULL: to s->pages */
	const struct nv_entry *entry;
	const char *copied_from;
	struct nv_html_leak *leaks;
	size_t nleaks, leaks_alloc;
	struct nv_buf page;	   /* the last page's bytes: their room is the next one's */
	struct nv_dir_cache *dirs; /* the folder of its last file written (fs.h), or NULL */
};

struct nv_html_state {
	struct nv_html_opts opts;
	const struct nv_model *m;
	struct nv_diags *d;
	struct nv_tpl_set *tpl;
	struct nv_html_worker main;   /* the calling thread */
	const struct nv_guard *guard; /* read by every thread, never changed: the model's… */
	struct nv_guard *own_guard;   /* …or this one, made when the model has none */
	struct nv_writer *writer;
	size_t data_piece; /* data.json is put in pieces of this many bytes or more (html_data.c) */
	struct nv_value *site;	    /* the `site` part of every context */
	struct nv_value *navdef;    /* [{title, url, section}] */
	struct nv_value **navs;	    /* navdef->nr + 1 navigations (nv_html_navs_make()), or NULL */
	struct nv_html_page *pages; /* for sitemap and search */
	size_t npages, pages_alloc;
	char *base_url;		      /* ends with '/', or NULL */
	const struct nv_entry **pdfs; /* documents whose PDF goes on the site */
	size_t npdfs, pdfs_alloc;
	bool custom_css; /* the project has theme/assets/custom.css */
	int failed;
	struct nv_html_typo *typo;     /* the entries' titles and summaries typeset, or NULL */
	struct nv_html_search *search; /* a whole build's search index being written, or NULL */
};

/* The size of a file as links state it: «512 Б», «12,3 КБ», «4,1 МБ» (html_out.c). */
void nv_html_human_size(struct nv_buf *b, long long size);

struct nv_report;

/*
 * The shares of teachers and students in mentoring the справка counts,
 * into the monitoring page's context ctx (html_report.c).
 */
void nv_html_report_shares(struct nv_value *ctx, const struct nv_report *r);

/*
 * The аналитическая справка of the monitoring page (html_report.c):
 * {academic_year, intro, rows: [{title, n, total, share, y, text_y,
 * width, value_x}], conclusions: [{text}], signature: {position, name},
 * pdf, pdf_size} of report r (model_report.h). The caller owns it.
 */
struct nv_value *nv_html_report(const struct nv_html_state *s, const struct nv_report *r);

/* --- «Дата обновления» (html_dates.c) ----------------------------------------- */

/*
 * The day document e last changed: its last commit, else its newest
 * `revision:`, else its date; year 0 when none tells.
 */
struct nv_date nv_html_entry_changed(const struct nv_html_state *s, const struct nv_entry *e);
/* The newest day any document or data file (site.yml, people.yml, pairs.yml) changed. */
struct nv_date nv_html_site_changed(const struct nv_html_state *s);
/*
 * Set ctx's updated, updated_iso, updated_long (nv_html_set_date()) to d,
 * or to the day of SOURCE_DATE_EPOCH when d's year is 0; nothing when
 * neither is known.
 */
void nv_html_set_updated(struct nv_value *ctx, struct nv_date d);

/* --- value builders (html_values.c) ------------------------------------------ */

/* An empty map, an empty list: the caller owns them. */
static inline struct nv_value *obj(void)
{
	return nv_value_new(NV_MAP, 0, 0);
}

static inline struct nv_value *arr(void)
{
	return nv_value_new(NV_LIST, 0, 0);
}

/* Add v (taken over) to map m under k. */
static inline void set(struct nv_value *m, const char *k, struct nv_value *v)
{
	nv_map_add(m, k, 0, 0, v);
}

/* A string, left out when NULL or empty. */
static inline void set_s(struct nv_value *m, const char *k, const char *v)
{
	if (v && *v)
		set(m, k, nv_value_new_str(v));
}

/* A boolean, left out when false (so {{^k}} works). */
static inline void set_b(struct nv_value *m, const char *k, bool v)
{
	if (v)
		set(m, k, nv_value_new_bool(true));
}

static inline void set_n(struct nv_value *m, const char *k, double v)
{
	set(m, k, nv_value_new_number(v));
}

/* Append v (taken over) to list. */
static inline void push(struct nv_value *list, struct nv_value *v)
{
	nv_list_push(list, v);
}

/* A string with the Russian typography applied (titles, preambles); left out when empty. */
void nv_html_set_t(struct nv_value *m, const char *k, const char *v);
/* The same as HTML, the organisation's short name and «№ N» kept on one line (html_keep.h). */
void nv_html_set_keep(const struct nv_html_state *s, struct nv_value *m, const char *k,
		      const char *v);

/*
 * The typographed title and summary of every entry of m, made once on
 * `jobs` threads for the pages that show them again and again
 * (html_typo.c); free it with nv_html_typo_free() (NULL accepted).
 */
struct nv_html_typo *nv_html_typo_new(const struct nv_model *m, int jobs);
void nv_html_typo_free(struct nv_html_typo *t);
/* The typographed v when v is the address of an entry's title or summary, else NULL. */
const char *nv_html_typo_get(const struct nv_html_typo *t, const char *v);
/* nv_typo_str() of v, from s->typo when it has v (s may be NULL); the caller frees it. */
char *nv_html_typo_str(const struct nv_html_state *s, const char *v);
/* nv_html_set_t(), from s->typo when it has v (s may be NULL). */
void nv_html_set_tt(const struct nv_html_state *s, struct nv_value *m, const char *k,
		    const char *v);

/*
 * Set k to nv_typo() of the n bytes at text (from a fresh state), even
 * when empty. The calling thread keeps what it typeset for the next time
 * the same text comes (a roadmap repeats its terms and people row after
 * row) until nv_html_typo_memo_release() (html_values.c).
 */
void nv_html_set_typo(struct nv_value *m, const char *k, const char *text, size_t n);
/* Free the texts the calling thread keeps for nv_html_set_typo(). */
void nv_html_typo_memo_release(void);

/* A date as k (ДД.ММ.ГГГГ), k_iso and k_long; left out when d is not set. */
void nv_html_set_date(struct nv_value *m, const char *k, const struct nv_date *d);

/*
 * A list (taken over) that is left out when empty, so {{#list}} and
 * {{^list}} work; a non-empty list also sets has_<k>.
 */
void nv_html_set_list(struct nv_value *m, const char *k, struct nv_value *list);

/* {name, position, organization} of p under publish levels; nothing when p is NULL. */
void nv_html_set_person(struct nv_value *m, const char *k, const struct nv_person *p);

/* The page of e relative to the section root ("orders/id.html"), written into b. */
const char *nv_html_entry_url(const struct nv_entry *e, struct nv_buf *b);

/* {title, url, kind, date…, summary, number} of a document; the caller owns it. */
struct nv_value *nv_html_doc_link(const struct nv_html_state *s, const struct nv_entry *e);

/* approvals, approvals_left and approvals_right of e's approval blocks, into ctx. */
void nv_html_add_approvals(struct nv_value *ctx, const struct nv_entry *e,
			   const struct nv_model *m);

/* The public names of n people, as a list of strings; the caller owns it. */
struct nv_value *nv_html_people_names(struct nv_person *const *v, size_t n);

/* The rows of the pairs table: every pair, or those of one order when order is set. */
struct nv_value *nv_html_pairs_rows(const struct nv_model *m, const struct nv_entry *order);

/*
 * The entries of one kind, sorted for their list page (news newest
 * first, others by weight); returns the count, *out is NULL-terminated
 * and the caller frees the array.
 */
size_t nv_html_entries_of(const struct nv_model *m, enum nv_kind kind, struct nv_entry ***out);

/* "cases/WHAT-SLUG.html", the static filter page of one value; the caller frees it. */
char *nv_html_filter_url(const char *what, const char *value);

/* A case in the bank: its doc_link plus form, kind, year and their slugs. */
struct nv_value *nv_html_case_card(const struct nv_html_state *s, const struct nv_entry *e);

/* --- forms (html_forms.c) ------------------------------------------------------ */

/*
 * blanks: the forms of the project for a page with `files: true`, each
 * {title, summary, url, pdf, pdf_size}; left out when there is none.
 */
void nv_html_forms_list(const struct nv_html_state *s, struct nv_value *doc);

/*
 * The value of case e for the filter of the case bank what ("form",
 * "kind" or "year": its academic year, written into yb), or NULL.
 */
const char *nv_html_case_value(const struct nv_entry *e, const char *what, struct nv_buf *yb);

/*
 * For each value of the NULL-terminated table `values` of a filter of
 * the case bank, how many of the ncases cases have it: what is "form",
 * "kind" or "year" (the field of the case compared). The caller frees
 * the counts.
 */
size_t *nv_html_facet_counts(const char *what, const char *const *values,
			     struct nv_entry *const *cases, size_t ncases);

/*
 * One group of filter values of the case bank: [{title, id, url, count,
 * current}], one item per value of `values` whose count (counts[i], as
 * nv_html_facet_counts() gives them) is not 0; what names the filter in
 * its url, current_url marks the page being built. The caller owns the
 * list.
 */
struct nv_value *nv_html_facet(const char *what, const char *const *values, const size_t *counts,
			       const char *current_url);

/* The navigation of a page at url: navdef with current/active set; the caller owns it. */
struct nv_value *nv_html_nav_for(const struct nv_html_state *s, const char *url);
/*
 * s->navs: the navigation with each entry of navdef active in turn and
 * with none, made once for the pages to share (freed by nv_html_free()).
 */
void nv_html_navs_make(struct nv_html_state *s);
/*
 * The one of s->navs that is nv_html_nav_for(s, url), lent (never
 * changed nor freed by the caller); NULL when url needs its own: it is a
 * section's page (current) or s->navs is not made.
 */
const struct nv_value *nv_html_nav_shared(const struct nv_html_state *s, const char *url);

/* The section's navigation [{title, url, section, description}]; the caller owns it. */
struct nv_value *nv_html_make_nav(const struct nv_model *m);

/* The `site` part of every context (site.yml and the curator); the caller owns it. */
struct nv_value *nv_html_make_site(const struct nv_model *m, const char *base_url);

/*
 * Plain text of HTML for the search index: tags dropped, spaces
 * collapsed, at most about max bytes, never half a UTF-8 character.
 * The caller frees it.
 */
char *nv_html_plain_text(const char *html, size_t max);

/*
 * The text of a page in the search index (html_feeds.c): the opening of
 * its plain text cut after a word and its section headings; the caller
 * frees it.
 */
#define NV_SEARCH_LEAD	400
#define NV_SEARCH_HEADS 400
char *nv_html_search_text(const char *html);

/* --- writing (html_out.c) ---------------------------------------------------- */

/*
 * Hand len bytes of data (copied) to the writer as opts.out/rel, as they
 * are: for files the caller has guarded (nv_html_guard()).
 */
void nv_html_write_out(struct nv_html_state *s, const char *rel, const char *data, size_t len);

/*
 * Guard the file rel with its text (markup: HTML or XML) and write it at
 * once, in the calling thread, in the folder w keeps (writer.h): the text
 * stays the caller's, not copied. A file the guard refuses is not
 * written. page says it is a page (for the message).
 */
void nv_html_write_guarded(struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
			   const char *text, size_t len, bool markup, bool page);

/* The pieces of data.json: a few hundred KB, the room of a thread's pages, not 17 MB. */
#define NV_HTML_DATA_PIECE ((size_t)512 << 10)

/*
 * A file of plain text written in pieces (data.json), each guarded as it
 * is put, never the whole file in memory: nv_html_stream_put() guards
 * text[0, len) and writes text[from, len), the bytes before `from` being
 * the end of the last piece, guarded again with the new ones (a mention
 * across the seam is read whole). The caller cuts the text where no
 * word can be cut (between the items of a JSON array) and puts again at
 * least as many bytes as a mention can span. The file is made at the
 * first piece; a piece the guard refuses removes it, and the pieces
 * after it are neither guarded nor written.
 */
struct nv_html_stream {
	struct nv_html_state *s;
	struct nv_html_worker *w;
	const char *rel;
	char *path; /* NULL until the first piece */
	struct nv_writer_file f;
	bool refused;
};
void nv_html_stream_open(struct nv_html_stream *o, struct nv_html_state *s,
			 struct nv_html_worker *w, const char *rel);
void nv_html_stream_put(struct nv_html_stream *o, const char *text, size_t len, size_t from);
void nv_html_stream_close(struct nv_html_stream *o);

/* Free what w keeps between files (its page's room, its folder), not its leaks. */
void nv_html_worker_release(struct nv_html_worker *w);

/*
 * Render template `tpl` with ctx (taken over) into url, adding the common
 * context, and remember the page for the sitemap and the search index.
 */
void nv_html_emit(struct nv_html_state *s, struct nv_html_worker *w, const char *url,
		  const char *tpl, struct nv_value *ctx, const char *title, const char *kind,
		  const char *search_text);

/*
 * Render template `tpl` with ctx (taken over, nothing added to it) into
 * the file rel, an XML file (the feeds), guarded as every file.
 */
void nv_html_emit_file(struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
		       const char *tpl, struct nv_value *ctx);

/*
 * The project's stylesheet, theme/assets/custom.css under
 * opts.override_dir, or NULL when there is none; the caller frees it.
 */
char *nv_html_custom_css(const struct nv_html_opts *opts);

/* Copy content/files/ and list it: [{name, url, size, type}]; the caller owns the list. */
struct nv_value *nv_html_copy_files(struct nv_html_state *s);

/* Copy the theme's assets/ folder, and the project's custom.css after it. */
void nv_html_copy_assets(struct nv_html_state *s);

/* A template set for the theme (one per rendering thread); the caller frees it. */
struct nv_tpl_set *nv_html_tpl_set_new(const struct nv_html_opts *opts);

/*
 * Pages other than the documents', made by the threads of
 * nv_html_emit_entries() before the documents, so that the many short
 * documents fill in after them and no thread waits for another at the
 * end: task i of n by run(s, w, i, ctx), each taken by one thread, one
 * at a time, the longest first.
 */
struct nv_html_tasks {
	size_t n;
	void (*run)(struct nv_html_state *s, struct nv_html_worker *w, size_t task, void *ctx);
	void *ctx;
};

/* Every document page (and roadmap calendar), on opts.jobs threads; first, tasks (or NULL). */
void nv_html_emit_entries(struct nv_html_state *s, const struct nv_value *files,
			  const struct nv_html_tasks *tasks);

/* --- the guard (html_guard.c) ------------------------------------------------ */

/*
 * Whether the file rel with text (len bytes; NULL: its name only) may go
 * on the website: the guard (guard.h) finds no person named in a form
 * the website may not show, neither in rel nor in the text read as
 * markup (HTML, XML) or plain (JSON, iCalendar, CSV, text). On the first
 * such name, a leak is added to w (w->entry is its document) and false
 * returned. Threads may call it at once, each with its own w.
 */
bool nv_html_guard(const struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
		   const char *text, size_t len, bool markup, bool page);

/* Move the leaks of from to the end of to. */
void nv_html_take_leaks(struct nv_html_worker *to, struct nv_html_worker *from);

/*
 * One error for each source and person among the leaks of s->main, each
 * naming the first of its files, where the name came from and the form
 * found; fails the build when there is any.
 */
void nv_html_report_leaks(struct nv_html_state *s);

/*
 * nv_html_check_theme() (html.h) of s's theme and the project's, before
 * any page, compiling them into s->tpl, the set of the main thread.
 */
bool nv_html_guard_theme(struct nv_html_state *s);

/* --- pages (html_pages.c) ---------------------------------------------------- */

/*
 * The page of one document; files lists the attachments, pdf links
 * id.pdf, stating pdf_size (bytes; 0: unknown) beside the link.
 */
void nv_html_emit_entry(struct nv_html_state *s, struct nv_html_worker *w, const struct nv_entry *e,
			const struct nv_value *files, bool pdf, size_t pdf_size);

/* The list page of a kind; none when the kind has no documents. */
void nv_html_emit_list(struct nv_html_state *s, struct nv_html_worker *w, enum nv_kind kind);

/* The case bank: the full list and one static page per filter value. */
void nv_html_emit_cases(struct nv_html_state *s, struct nv_html_worker *w);

/* The section's home page, the mentors page and the monitoring page. */
void nv_html_emit_index(struct nv_html_state *s, struct nv_html_worker *w);
void nv_html_emit_mentors(struct nv_html_state *s, struct nv_html_worker *w);
void nv_html_emit_monitoring(struct nv_html_state *s, struct nv_html_worker *w);

/* --- feeds (html_feeds.c, html_ics.c) ---------------------------------------- */

/* search.html, the page of the search. */
void nv_html_emit_search_page(struct nv_html_state *s, struct nv_html_worker *w);
/*
 * The end of a whole build's search-index.json and search-index.js
 * (nv_html_search_start()): the records of the pages made after the
 * documents', then the array closed.
 */
void nv_html_emit_search(struct nv_html_state *s);

/*
 * A whole build's search index, written as the pages are made
 * (html_feeds.c): opened with the records of the pages made so far
 * (none for fragments); then each document's record once the document
 * i is done (slots: the documents' page references, by index) and every
 * document before it is; the rest by nv_html_emit_search(). Abandoned
 * (its files removed) by a build that stops before.
 */
void nv_html_search_start(struct nv_html_state *s);
void nv_html_search_done(struct nv_html_state *s, struct nv_html_page *slots, size_t i);
void nv_html_search_abandon(struct nv_html_state *s);

/*
 * For a rebuild of some documents: the last build's index with the
 * records of the pages rendered now in place of theirs. Returns 0, or -1
 * when that cannot be: the old index is unreadable, or a page rendered
 * now has a record and had none (its place is unknown).
 */
int nv_html_merge_search(struct nv_html_state *s);

/*
 * Fill doc, a roadmap e's page context, with what is a roadmap's own
 * (html_roadmap.c): ncolumns, columns, sections of rows, ics.
 */
void nv_html_roadmap_doc(struct nv_value *doc, const struct nv_entry *e);

/* news/atom.xml, sitemap.xml (only with a base URL); roadmaps/ID.ics (html_ics.c). */
void nv_html_emit_atom(struct nv_html_state *s, struct nv_html_worker *w);
void nv_html_emit_sitemap(struct nv_html_state *s, struct nv_html_worker *w);
void nv_html_emit_ics(struct nv_html_state *s, struct nv_html_worker *w, const struct nv_entry *e);

/*
 * The text writers behind the feeds (and data.json's strings), exposed
 * for tests/fuzz/fuzz_feeds.c.
 * nv_html_ics_text appends s (NULL: nothing) as iCalendar TEXT (RFC 5545,
 * 3.3.11): \ ; , escaped, newlines as \n. nv_html_ics_line appends line
 * as a content line folded at 75 octets (3.1), never inside a UTF-8
 * character, with its CRLF. nv_html_json_string (html_out.c) appends s
 * as a JSON string that is also safe inside a <script>.
 */
void nv_html_ics_text(struct nv_buf *b, const char *s);
void nv_html_ics_line(struct nv_buf *out, const char *line);
/*
 * For tests: nv_html_ics appends e's calendar to out and the text the
 * guard reads of it to read; nv_html_ics_read appends the n bytes of a
 * calendar at s as its reader gets them (folds undone, escapes read),
 * which read must equal.
 */
void nv_html_ics(struct nv_buf *out, struct nv_buf *read, const struct nv_entry *e);
void nv_html_ics_read(struct nv_buf *out, const char *s, size_t n);
void nv_html_json_string(struct nv_buf *b, const char *s);

/*
 * Whether the bytes at s (n left) start a character XML 1.0 cannot hold:
 * a C0 control other than tab and newline (CR too: a parser would turn
 * it into a newline), DEL, U+FFFE or U+FFFF. Returns its length, or 0.
 */
static inline size_t nv_html_xml_bad(const unsigned char *s, size_t n)
{
	if ((*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7F)
		return 1;
	if (*s == 0xEF && n >= 3 && s[1] == 0xBF && (s[2] & 0xFE) == 0xBE)
		return 3;
	return 0;
}

/* --- the data export (html_data.c) and the municipal section (html_municipal.c) --- */

/* Append v as indented JSON (two spaces a level, keys in their order). */
void nv_html_json(struct nv_buf *b, const struct nv_value *v, int depth);

/* data.json, guarded like every file, through worker w. */
void nv_html_emit_data(struct nv_html_state *s, struct nv_html_worker *w);
/*
 * True when data.json needs no writing: in a rebuild of some documents
 * (opts.render), which the global key (build_cache.h) allows only when
 * no data file, no front matter and no last commit date of a document or
 * site.yml changed, data.json — made of those alone, never of a body —
 * is the last build's, unless its date is today's (no SOURCE_DATE_EPOCH,
 * commit, or dated order or news item).
 */
bool nv_html_data_kept(const struct nv_html_state *s);

/*
 * A department's municipal pages from opts.members (nothing without
 * members): the organisations and contacts, the roll-up monitoring with
 * its chart, and the municipal case bank with its static filter pages.
 */
void nv_html_emit_municipal(struct nv_html_state *s, struct nv_html_worker *w);

/*
 * The navigation entries of the municipal pages, appended to nav (none
 * without members); a department with members and no pairs of its own
 * loses «Наставники» and «Мониторинг» (nv_html_municipal_only).
 */
void nv_html_municipal_nav(struct nv_value *nav, const struct nv_html_opts *o,
			   const struct nv_model *m);

/* A department with members and no pairs of its own: its pages «Наставники»
 * and «Мониторинг» would only say «0 пар»; the municipal pages replace them. */
bool nv_html_municipal_only(const struct nv_html_opts *o, const struct nv_model *m);

#endif
