/*
 * html.h: the website back end — the «Наставничество» section as static
 * HTML, rendered from the resolved model with the Mustache theme.
 *
 * Every link is relative, so the folder works under any sub-path of a
 * school site and from file://. Absolute URLs appear only where a format
 * requires them (Atom feed, sitemap.xml), built from --base-url or from
 * site.yml (organization.website + section.base_path), with the host in
 * Punycode («xn--…» for «школа14.рф»). Fragments (opts.fragment), pasted
 * into another site's pages, have only absolute links; without a base
 * URL they are an error. Everything written
 * is read by the personal-data guard (guard.h) first: a person named in a
 * form the website may not show fails the render, and nothing is
 * rewritten.
 *
 * The back end has the three functions every back end has: new, render,
 * free.
 */
#ifndef NV_HTML_H
#define NV_HTML_H

#include "common.h"

struct nv_diags;
struct nv_entry;
struct nv_git_history;
struct nv_guard;
struct nv_org_members;
struct nv_model;
struct nv_value;

struct nv_html_opts {
	const char *out;	  /* folder to write into (a staging folder) */
	const char *theme_dir;	  /* the theme: themes/default */
	const char *override_dir; /* the project's template overrides, may be missing */
	const char *base_url;	  /* absolute URL of the section, or NULL */
	bool fragment;		  /* each page's content alone, absolute links (needs a base) */
	bool pdf;		  /* link NAME.pdf beside public documents' pages */
	int jobs;		  /* threads writing files (writer.h) */
	/*
	 * A rebuild of some documents: when render is not NULL, only the
	 * pages (and calendars) of the model's entries i with render[i] are
	 * written, and the search indexes: the last build's (prev_search,
	 * its search-index.json) with the records of these pages replaced.
	 * Everything else is left as the last build wrote it.
	 */
	const bool *render;
	const char *prev_search;
	/*
	 * With pdf: for each entry i of the model, whether its printed PDF
	 * may go on the website — decided by the build from the PDF's laid
	 * out text (print.h), which this back end cannot see. NULL: none may.
	 */
	const bool *pdf_public;
	/*
	 * With pdf_public: the size in bytes of each entry's PDF, which its
	 * page states beside the link («PDF, 120,4 КБ»); NULL or 0: unknown.
	 */
	const size_t *pdf_sizes;
	/* The folder as messages name it ("output/site"); NULL: out. */
	const char *shown_out;
	/*
	 * The revisions of the content from Git (build_git.h), or NULL: the
	 * «Редакции» of normative documents' pages (unless their front
	 * matter has `revision:`), the sitemap's lastmod and the feed's
	 * updated.
	 */
	const struct nv_git_history *history;
	/*
	 * A department's member organisations (build_members.h), or NULL:
	 * with some, the municipal pages are written (html_municipal.c).
	 */
	const struct nv_org_members *members;
	/*
	 * The size in bytes of the printed аналитическая справка, which the
	 * build writes beside monitoring.html as NV_REPORT_PDF (model_report.h); 0: none
	 * (the page then links no PDF).
	 */
	size_t report_pdf_size;
	/*
	 * A build that reads each body as its page is made, and frees it
	 * after (project.h), or NULL: the trees are all parsed.
	 */
	const struct nv_html_bodies *bodies;
};

/*
 * On the thread t (0 ≤ t < jobs) that makes entry i's page: read(ctx, t,
 * i) before, which may parse its body (false: it could not be read, and
 * no page is made), and drop(ctx, t, i) after; for every entry, a page
 * or none. The pages that list entries read none of their bodies.
 */
struct nv_html_bodies {
	bool (*read)(void *ctx, size_t t, size_t i);
	void (*drop)(void *ctx, size_t t, size_t i);
	void *ctx;
};

struct nv_html_state;
struct nv_buf;
struct nv_guard;
struct nv_guard_hit;
struct nv_person;
struct nv_slice;

/*
 * Why url cannot be the section's address (--base-url), in Russian, or
 * NULL when it can: http or https, a host of letters, digits, '-' and
 * dots (Cyrillic too: «школа14.рф»), an optional port, no user, no '?'
 * nor '#'.
 */
const char *nv_html_base_url_problem(const char *url);

/*
 * Append host (len bytes, UTF-8) as IDNA wants it: every label with a
 * letter outside ASCII lower-cased and written in Punycode after "xn--"
 * (RFC 3492), the others as they are. Returns 0, or -1 for invalid
 * UTF-8 or a label over 64 letters (out holds part of it then).
 */
int nv_html_idna_host(struct nv_buf *out, const char *host, size_t len);

/*
 * Fragments need the section's absolute address (o->base_url, or the
 * website and base_path of m's site.yml): without one, an error with a
 * hint in d and -1; else 0. nv_html_render checks it too; a build checks
 * it first, so that nothing is started.
 */
int nv_html_check_fragment(const struct nv_html_opts *o, const struct nv_model *m,
			   struct nv_diags *d);

/*
 * The templates of the project's theme/ (override_dir) and of the theme
 * (theme_dir), either NULL for none, read for the names guard g finds
 * the website may not show, typed plain or with Latin look-alikes of
 * Russian letters, and compiled (the project's first, alone when one of
 * them has a mistake): each name and mistake an error at its place in
 * d, and false. A template is on every page, so `check` reads them as
 * the build does before any page.
 */
bool nv_html_check_theme(const struct nv_guard *g, const char *override_dir, const char *theme_dir,
			 struct nv_diags *d);

/* Prepare rendering (templates are compiled lazily); the caller frees. */
struct nv_html_state *nv_html_new(const struct nv_html_opts *opts);

/*
 * Write every page, feed, calendar, index and asset of the section into
 * opts->out. Returns 0, or -1 with diagnostics in d (template errors,
 * files that could not be written, a name the guard found in a file),
 * or -2 (nothing in d) when a rebuild
 * of some documents cannot reuse the last build's search index: then
 * the whole site has to be built.
 */
int nv_html_render(struct nv_html_state *s, const struct nv_model *m, struct nv_diags *d);

/*
 * The documents whose printed PDF may go on the website (after
 * nv_html_render with opts->pdf): положения, programs and roadmaps that
 * opts->pdf_public allows. Orders never: their paper copy
 * carries full names and an acquaintance sheet. Their pages link
 * NAME.pdf in the same folder; the caller writes the file there, at
 * nv_kind_dirs[kind]/id.pdf. Returns the count and the array (owned by s).
 */
size_t nv_html_public_pdfs(const struct nv_html_state *s, const struct nv_entry *const **out);

/*
 * The public data export of m (data.json, man/nastavnik.5) as a value
 * tree: links absolute under base_url (the section's address, ending in
 * '/'; NULL: relative to the section), the export's date from h (may be
 * NULL). The caller frees it.
 */
struct nv_value *nv_html_data(const struct nv_model *m, const char *base_url,
			      const struct nv_git_history *h);

/*
 * The section's absolute address as links use it (host in Punycode,
 * ending in '/'): base_url, else organization.website and
 * section.base_path of m; NULL when neither is set. The caller frees it.
 */
char *nv_html_section_url(const struct nv_model *m, const char *base_url);

/*
 * The formats the guard reads by content, by the file name's extension
 * (without case): the text ones among the attachments a school may
 * publish (model.c) and among a theme's assets; 1 is plain text, 2
 * markup, 0 any other. The text of the others (office files, PDFs,
 * archives, photos) is what the model's check reads
 * (nv_model_attachment_text()); a font's, none.
 */
int nv_html_text_format(const char *name);

/*
 * What the guard reads of a file copied onto the website (rel; its bytes
 * in data; src the file it came from, for the texts the model's check
 * kept), in *text: 2, markup, data itself; 1, plain text, in buf — a
 * text format's as an editor shows it (a CSV of Excel is in
 * Windows-1251), any other's as the model's check of attachments read it
 * (office files, PDFs, archives, old formats, photos' metadata:
 * nv_model_attachment_text()); 0, nothing but its name (a font: text
 * NULL).
 */
int nv_html_copy_text(const char *rel, const char *src, const struct nv_buf *data,
		      struct nv_buf *buf, struct nv_slice *text);

/*
 * The first mention in text that the website may not show (guard.h), of
 * p when p is set; with mixed, a name typed with a Latin look-alike
 * («Сергeев») or a «й» of two characters too (guard_mixed.c), as the
 * guard reads a file copied onto the website and model_pd.c the sources.
 */
bool nv_html_find_leak(const struct nv_guard *g, const char *text, size_t len, bool markup,
		       bool mixed, const struct nv_person *p, struct nv_guard_hit *hit);

/* Free the state and everything it owns; s may be NULL. */
void nv_html_free(struct nv_html_state *s);

#endif
