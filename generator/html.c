/*
 * html.c: the website back end; see html.h.
 *
 * For each page a context (a value tree, the same type as front matter)
 * is built from the model and rendered with a template of the theme;
 * the guard (html_guard.c) reads the result, which is written under
 * opts->out exactly as rendered, or, when it names somebody the website
 * may not show, not at all: the render fails.
 * Every page gets the common part of the context: site, root (the
 * relative way back to the section's root: "" or "../"), nav and page.
 * The context of each template is documented in man/nastavnik-theme.7.
 *
 * The back end is split by what each part does: html_pages.c builds one
 * context per page kind, html_feeds.c writes the feeds, calendars,
 * sitemap and search index, html_values.c holds the context builders
 * they share, html_out.c renders and writes, html_guard.c guards what is
 * written, html_md.c renders Markdown.
 * All of them only read the model. This file holds the state and the
 * order in which a build writes things.
 */
#include "common.h"

#include "alloc.h"
#include "html.h"
#include "html_int.h"
#include "model.h"
#include "guard.h"
#include "template.h"
#include "value.h"
#include "writer.h"
size_t nv_html_public_pdfs(const struct nv_html_state *s, const struct nv_entry *const **out)
{
	*out = s->pdfs;
	return s->npdfs;
}

/*
 * The absolute URL of the section, ending in '/': --base-url, or the
 * school's website plus the section's base_path; NULL when neither is set.
 */
static char *base_url_of(const struct nv_html_opts *o, const struct nv_model *m)
{
	const char *web = o->base_url && *o->base_url ? o->base_url : m->site.website;
	const char *path = o->base_url && *o->base_url ? "/" : m->site.base_path;
	size_t n;

	if (!web || !*web)
		return NULL;
	n = strlen(web);
	while (n && web[n - 1] == '/')
		n--;
	if (!path || !*path)
		path = "/";
	return nv_xasprintf("%.*s%s%s", (int)n, web, path[0] == '/' ? "" : "/", path);
}

struct nv_html_state *nv_html_new(const struct nv_html_opts *opts)
{
	struct nv_html_state *s = nv_xcalloc(1, sizeof(*s));

	s->opts = *opts;
	s->tpl = nv_html_tpl_set_new(opts);
	s->main.tpl = s->tpl;
	return s;
}

int nv_html_render(struct nv_html_state *s, const struct nv_model *m, struct nv_diags *d)
{
	struct nv_value *files;
	char *custom;
	size_t i;

	s->m = m;
	s->d = d;
	s->main.d = d;
	s->guard = nv_guard_new(m);
	s->writer = nv_writer_new(s->opts.jobs);
	s->base_url = base_url_of(&s->opts, m);
	s->site = nv_html_make_site(m, s->base_url);
	s->navdef = nv_html_make_nav(m);
	custom = nv_html_custom_css(&s->opts);
	s->custom_css = custom != NULL;
	free(custom);

	if (s->opts.render) {
		/* A rebuild of some documents: their pages and the search index. */
		files = nv_html_copy_files(s);
		nv_html_emit_entries(s, files);
		nv_value_free(files);
		if (!s->failed && !s->main.nleaks && nv_html_merge_search(s) < 0) {
			nv_writer_finish(s->writer, d);
			s->writer = NULL;
			return -2;
		}
		goto finish;
	}
	nv_html_copy_assets(s);
	files = nv_html_copy_files(s);
	nv_html_emit_index(s);
	nv_html_emit_entries(s, files);
	nv_value_free(files);
	/* Pages have no list of their own; cases have the bank (nv_html_emit_cases). */
	for (i = 0; i < NV_KIND_COUNT; i++)
		if (i != NV_KIND_PAGE && i != NV_KIND_CASE)
			nv_html_emit_list(s, (enum nv_kind)i);
	nv_html_emit_cases(s);
	nv_html_emit_mentors(s);
	nv_html_emit_monitoring(s);
	nv_html_emit_atom(s);
	nv_html_emit_search(s);
	nv_html_emit_sitemap(s);
finish:
	nv_html_report_leaks(s);
	if (s->main.failed)
		s->failed = 1;
	if (nv_writer_finish(s->writer, d) < 0)
		s->failed = 1;
	s->writer = NULL;
	return s->failed ? -1 : 0;
}

void nv_html_free(struct nv_html_state *s)
{
	size_t i;

	if (!s)
		return;
	nv_tpl_set_free(s->tpl);
	nv_guard_free(s->guard);
	nv_value_free(s->site);
	nv_value_free(s->navdef);
	for (i = 0; i < s->npages; i++) {
		free(s->pages[i].url);
		free(s->pages[i].title);
		free(s->pages[i].kind);
		free(s->pages[i].line);
	}
	free(s->pages);
	for (i = 0; i < s->main.nleaks; i++) {
		free(s->main.leaks[i].rel);
		free(s->main.leaks[i].form);
		free(s->main.leaks[i].src);
		free(s->main.leaks[i].copied_from);
	}
	free(s->main.leaks);
	free(s->pdfs);
	free(s->base_url);
	free(s);
}
