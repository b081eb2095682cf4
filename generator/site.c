/*
 * site.c: the website back end; see site.h.
 *
 * For each page a context (a value tree, the same type as front matter)
 * is built from the model and rendered with a template of the theme;
 * the result passes through the redactor and is written under opts->out.
 * Every page gets the common part of the context: site, root (the
 * relative way back to the section's root: "" or "../"), nav and page.
 * The context of each template is documented in man/nastavnik-theme.7.
 */
#include "common.h"

#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "markdown.h"
#include "model.h"
#include "person.h"
#include "redact.h"
#include "site.h"
#include "template.h"
#include "threads.h"
#include "typo.h"
#include "utf8.h"
#include "value.h"
#include "writer.h"

/*
 * A page, for the sitemap and the search index; line is its record in
 * the index, already redacted, or NULL when the page has none.
 */
struct page_ref {
	char *url, *title, *kind, *line;
};

/*
 * What one rendering thread owns: a template set (sets are not
 * thread-safe), its diagnostics, and where the page reference of the
 * page it renders goes (a slot kept in document order, or NULL: append).
 */
struct worker {
	struct nv_tpl_set *tpl;
	struct nv_diags *d;
	bool failed;
	struct page_ref *slot;
};

struct nv_site_state {
	struct nv_site_opts opts;
	const struct nv_model *m;
	struct nv_diags *d;
	struct nv_tpl_set *tpl;
	struct worker main; /* the calling thread */
	struct nv_redactor *red;
	struct nv_writer *writer;
	struct nv_value *site;	 /* the `site` part of every context */
	struct nv_value *navdef; /* [{title, url, section}] */
	struct page_ref *pages;	 /* for sitemap and search */
	size_t npages, pages_alloc;
	char *base_url;		      /* ends with '/', or NULL */
	const struct nv_entry **pdfs; /* documents whose PDF goes on the site */
	size_t npdfs, pdfs_alloc;
	int failed;
};

/* Russian titles of the kinds' list pages and of one document of a kind. */
static const char *const list_titles[] = { "Страницы",	     "Положения", "Программы",
					   "Дорожные карты", "Приказы",	  "Лучшие практики",
					   "Новости" };
static const char *const kind_titles[] = { "Страница",	     "Положение", "Программа",
					   "Дорожная карта", "Приказ",	  "Лучшая практика",
					   "Новость" };
static const char *const level_titles[] = { "Федеральный уровень", "Региональный уровень",
					    "Муниципальный уровень",
					    "Уровень образовательной организации" };
static const char *const status_titles[] = { "запланировано", "выполнено", "перенесено" };
static const char *const pair_status_titles[] = { "работает", "завершила работу",
						  "прекращена досрочно" };

/* --- value builders -------------------------------------------------------- */

static struct nv_value *obj(void)
{
	return nv_value_new(NV_MAP, 0, 0);
}

static struct nv_value *arr(void)
{
	return nv_value_new(NV_LIST, 0, 0);
}

static void set(struct nv_value *m, const char *k, struct nv_value *v)
{
	nv_map_add(m, k, 0, 0, v);
}

static void set_s(struct nv_value *m, const char *k, const char *v)
{
	if (v && *v)
		set(m, k, nv_value_new_str(v));
}

/* A string with the Russian typography applied (titles, preambles). */
static void set_t(struct nv_value *m, const char *k, const char *v)
{
	char *t;

	if (!v || !*v)
		return;
	t = nv_typo_str(v);
	set(m, k, nv_value_new_str(t));
	free(t);
}

static void set_b(struct nv_value *m, const char *k, bool v)
{
	if (v)
		set(m, k, nv_value_new_bool(true));
}

static void set_n(struct nv_value *m, const char *k, double v)
{
	set(m, k, nv_value_new_number(v));
}

static void set_date(struct nv_value *m, const char *k, const struct nv_date *d)
{
	struct nv_buf b = NV_BUF_INIT;
	char *key;

	if (!d->year)
		return;
	nv_date_add(&b, *d, NV_DATE_NUMERIC);
	set_s(m, k, b.ptr);
	nv_buf_reset(&b);
	nv_date_add(&b, *d, NV_DATE_ISO);
	key = nv_xasprintf("%s_iso", k);
	set_s(m, key, b.ptr);
	free(key);
	nv_buf_reset(&b);
	nv_date_add(&b, *d, NV_DATE_LONG);
	key = nv_xasprintf("%s_long", k);
	set_s(m, key, b.ptr);
	free(key);
	nv_buf_release(&b);
}

static void push(struct nv_value *list, struct nv_value *v)
{
	nv_list_push(list, v);
}

/*
 * A list that is left out when empty, so {{#list}} and {{^list}} work;
 * a non-empty list also sets has_<k> for markup around the whole list.
 */
static void set_list(struct nv_value *m, const char *k, struct nv_value *list)
{
	char *has;

	if (!list->nr) {
		nv_value_free(list);
		return;
	}
	set(m, k, list);
	has = nv_xasprintf("has_%s", k);
	set(m, has, nv_value_new_bool(true));
	free(has);
}

static void set_person(struct nv_value *m, const char *k, const struct nv_person *p)
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

static const char *entry_url(const struct nv_entry *e, struct nv_buf *b)
{
	nv_buf_reset(b);
	nv_buf_addf(b, "%s/%s.html", nv_kind_dirs[e->kind], e->id);
	return b->ptr;
}

/* {title, url} of a document, the url relative to the section root. */
static struct nv_value *doc_link(const struct nv_entry *e)
{
	struct nv_value *v = obj();
	struct nv_buf b = NV_BUF_INIT;

	set_t(v, "title", e->title);
	set_s(v, "url", entry_url(e, &b));
	set_s(v, "kind", nv_kind_names[e->kind]);
	set_date(v, "date", &e->date);
	set_t(v, "summary", e->summary);
	if (e->kind == NV_KIND_ORDER)
		set_s(v, "number", e->number);
	nv_buf_release(&b);
	return v;
}

/* --- Markdown bodies ---------------------------------------------------------- */

/*
 * Render a document's body for the web: links to other .md documents
 * point to their pages, and headings go one level down, since the page
 * title is the only <h1>.
 */
static char *body_html(const struct nv_entry *e)
{
	const struct nv_md *md = e->md;
	struct nv_buf out = NV_BUF_INIT;
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *node;
	size_t i;

	if (!md)
		return nv_xstrdup("");
	for (i = 0; e->link_urls && i < md->nr_links; i++)
		if (e->link_urls[i])
			cmark_node_set_url(md->links[i].node, e->link_urls[i]);
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(node) < 6)
			cmark_node_set_heading_level(node, cmark_node_get_heading_level(node) + 1);
	}
	cmark_iter_free(it);
	nv_md_render_html(md, &out);
	/* Put the levels back: the model may be rendered again (PDF, rebuilds). */
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(node) > 1)
			cmark_node_set_heading_level(node, cmark_node_get_heading_level(node) - 1);
	}
	cmark_iter_free(it);
	return nv_buf_detach(&out, NULL);
}

/* Plain text of HTML for the search index: tags dropped, spaces collapsed. */
static char *plain_text(const char *html, size_t max)
{
	struct nv_buf b = NV_BUF_INIT;
	bool tag = false, space = false;
	const char *p;

	for (p = html; *p && b.len < max; p++) {
		if (*p == '<') {
			tag = true;
			space = true;
			continue;
		}
		if (tag) {
			tag = *p != '>';
			continue;
		}
		if (*p == '\n' || *p == ' ' || *p == '\t') {
			space = true;
			continue;
		}
		if (space && b.len)
			nv_buf_addch(&b, ' ');
		space = false;
		if (*p == '&') {
			static const struct {
				const char *ent, *ch;
			} ents[] = { { "&amp;", "&" },
				     { "&lt;", "<" },
				     { "&gt;", ">" },
				     { "&quot;", "\"" },
				     { "&#39;", "'" } };
			size_t k;
			bool done = false;
			for (k = 0; k < NV_ARRAY_SIZE(ents) && !done; k++) {
				size_t n = strlen(ents[k].ent);
				if (!strncmp(p, ents[k].ent, n)) {
					nv_buf_adds(&b, ents[k].ch);
					p += n - 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		nv_buf_addch(&b, *p);
	}
	/* Do not cut a UTF-8 sequence in half. */
	while (b.len && ((unsigned char)b.ptr[b.len - 1] & 0xC0) == 0x80)
		nv_buf_truncate(&b, b.len - 1);
	if (b.len && (unsigned char)b.ptr[b.len - 1] >= 0xC0)
		nv_buf_truncate(&b, b.len - 1);
	return nv_buf_detach(&b, NULL);
}

/* --- feeds, indexes, calendars ----------------------------------------------------- */

static void add_json_string(struct nv_buf *b, const char *s)
{
	const unsigned char *p;

	nv_buf_addch(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			nv_buf_addf(b, "\\%c", *p);
		else if (*p < 0x20)
			nv_buf_addf(b, "\\u%04x", *p);
		else if (*p == '<')
			nv_buf_adds(b, "\\u003c"); /* never close a <script> */
		else
			nv_buf_addch(b, (char)*p);
	}
	nv_buf_addch(b, '"');
}

/* --- writing --------------------------------------------------------------------- */

/*
 * Hand a file to the writer threads: the staging tree is swapped whole, so
 * files are written in place. Failures are reported when the writer
 * finishes.
 */
static void write_out(struct nv_site_state *s, const char *rel, const char *data, size_t len)
{
	nv_writer_add(s->writer, nv_xasprintf("%s/%s", s->opts.out, rel), nv_xmemdupz(data, len),
		      len);
}

/* Write text through the redactor. */
static void write_redacted(struct nv_site_state *s, const char *rel, const char *text, size_t len,
			   bool markup)
{
	struct nv_buf out = NV_BUF_INIT;
	size_t n;
	char *data;

	nv_redact(s->red, &out, text, len, markup);
	data = nv_buf_detach(&out, &n);
	nv_writer_add(s->writer, nv_xasprintf("%s/%s", s->opts.out, rel), data, n);
}

/*
 * The page's search record (the section's home page has one even without
 * text, so a search finds the section by its title), redacted on its own:
 * a rebuild replaces single records of the last build's index.
 */
static void fill_page_ref(const struct nv_site_state *s, struct page_ref *p, const char *url,
			  const char *title, const char *kind, const char *text)
{
	struct nv_buf b = NV_BUF_INIT, red = NV_BUF_INIT;

	p->url = nv_xstrdup(url);
	p->title = nv_typo_str(title);
	p->kind = nv_xstrdup(kind ? kind : "");
	p->line = NULL;
	if ((!text || !*text) && strcmp(p->kind, "index"))
		return;
	nv_buf_adds(&b, "{\"t\":");
	add_json_string(&b, p->title);
	nv_buf_adds(&b, ",\"u\":");
	add_json_string(&b, p->url);
	nv_buf_adds(&b, ",\"x\":");
	add_json_string(&b, text ? text : "");
	nv_buf_adds(&b, "}");
	nv_redact(s->red, &red, b.ptr, b.len, false);
	p->line = nv_buf_detach(&red, NULL);
	nv_buf_release(&b);
}

static void add_page_ref(struct nv_site_state *s, const char *url, const char *title,
			 const char *kind, const char *text)
{
	NV_GROW(s->pages, s->npages + 1, s->pages_alloc);
	fill_page_ref(s, &s->pages[s->npages++], url, title, kind, text);
}

static struct nv_value *nav_for(const struct nv_site_state *s, const char *url)
{
	struct nv_value *nav = arr(), *item;
	const struct nv_value *def;
	const char *section, *slash = strchr(url, '/');
	size_t i, dir = slash ? (size_t)(slash - url) : 0;

	for (i = 0; i < s->navdef->nr; i++) {
		def = s->navdef->items[i];
		item = nv_value_copy(def);
		section = nv_map_get_str(def, "section");
		if (!strcmp(nv_map_get_str(def, "url"), url))
			set_b(item, "current", true);
		else if (section && dir && strlen(section) == dir && !strncmp(section, url, dir))
			set_b(item, "active", true);
		push(nav, item);
	}
	return nav;
}

/*
 * Render template `tpl` with ctx (taken over) into url, adding the common
 * context, and remember the page for the sitemap and the search index.
 */
static void emit(struct nv_site_state *s, struct worker *w, const char *url, const char *tpl,
		 struct nv_value *ctx, const char *title, const char *kind, const char *search_text)
{
	struct nv_buf root = NV_BUF_INIT, html = NV_BUF_INIT;
	const struct nv_template *t;
	struct nv_value *page = obj();
	const char *p;

	for (p = url; *p; p++)
		if (*p == '/')
			nv_buf_adds(&root, "../");
	set_t(page, "title", title);
	set_s(page, "url", url);
	set_s(page, "kind", kind);
	set(ctx, "page", page);
	set(ctx, "site", nv_value_copy(s->site));
	set(ctx, "nav", nav_for(s, url));
	set(ctx, "root", nv_value_new_str(root.ptr));
	set_s(ctx, "generator", "nastavnik " NV_VERSION);
	t = nv_tpl_get(w->tpl, tpl, w->d);
	if (!t || nv_tpl_render(w->tpl, t, ctx, &html, w->d) < 0) {
		w->failed = true;
	} else {
		write_redacted(s, url, html.ptr, html.len, true);
		if (w->slot)
			fill_page_ref(s, w->slot, url, title, kind, search_text);
		else
			add_page_ref(s, url, title, kind, search_text);
	}
	nv_value_free(ctx);
	nv_buf_release(&root);
	nv_buf_release(&html);
}

/* --- documents ----------------------------------------------------------------- */

static struct nv_value *approval_block(const struct nv_entry *e, const struct nv_approval *a,
				       const struct nv_model *m)
{
	struct nv_value *v = obj(), *lines = arr();
	struct nv_buf b = NV_BUF_INIT;

	if (a->order) {
		set_s(v, "label", nv_approved_word(e->gender));
		nv_buf_addf(&b, "приказом %s", m->site.short_name ? m->site.short_name : "");
		push(lines, nv_value_new_str(b.ptr));
		nv_buf_reset(&b);
		nv_buf_adds(&b, "от ");
		nv_date_add(&b, a->order->date, NV_DATE_NUMERIC);
		nv_buf_addf(&b, " №\xC2\xA0%s", a->order->number ? a->order->number : "");
		push(lines, nv_value_new_str(b.ptr));
		nv_buf_reset(&b);
		set_s(v, "url", entry_url(a->order, &b));
	} else {
		set_s(v, "label", nv_label_title(a->label, e->gender));
		if (a->person) {
			if (a->person->position) {
				/* «директор» starts the line with a capital letter. */
				char *pos = nv_utf8_capitalize(a->person->position);
				push(lines, nv_value_new_str(pos));
				free(pos);
			}
			nv_person_signature_name(&b, a->person);
			set_s(v, "signature", b.ptr);
			nv_buf_reset(&b);
		}
		if (a->body) {
			char *t = nv_typo_str(a->body);
			push(lines, nv_value_new_str(t));
			free(t);
		}
		if (a->protocol_number || a->has_protocol_date) {
			nv_buf_adds(&b, "протокол");
			if (a->has_protocol_date) {
				nv_buf_adds(&b, " от ");
				nv_date_add(&b, a->protocol_date, NV_DATE_NUMERIC);
			}
			if (a->protocol_number)
				nv_buf_addf(&b, " №\xC2\xA0%s", a->protocol_number);
			push(lines, nv_value_new_str(b.ptr));
			nv_buf_reset(&b);
		}
		if (a->has_date) {
			nv_date_add(&b, a->date, NV_DATE_LONG);
			push(lines, nv_value_new_str(b.ptr));
		}
	}
	set_list(v, "lines", lines);
	nv_buf_release(&b);
	return v;
}

static void add_approvals(struct nv_value *ctx, const struct nv_entry *e, const struct nv_model *m)
{
	struct nv_value *left = arr(), *right = arr();
	size_t i;

	for (i = 0; i < e->napprovals; i++)
		push(e->approvals[i].right ? right : left, approval_block(e, &e->approvals[i], m));
	if (left->nr || right->nr)
		set_b(ctx, "approvals", true);
	set_list(ctx, "approvals_left", left);
	set_list(ctx, "approvals_right", right);
}

static struct nv_value *people_names(struct nv_person *const *v, size_t n)
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

static struct nv_value *pairs_rows(const struct nv_model *m, const struct nv_entry *order)
{
	struct nv_value *rows = arr(), *row;
	struct nv_buf b = NV_BUF_INIT;
	size_t i, k;

	for (i = 0; i < m->npairs; i++) {
		const struct nv_pair *p = m->pairs[i];
		if (order && p->order != order)
			continue;
		row = obj();
		set_n(row, "number", (double)rows->nr + 1);
		set_person(row, "mentor", p->mentor);
		nv_buf_reset(&b);
		for (k = 0; k < p->nmentees; k++) {
			if (k)
				nv_buf_adds(&b, "; ");
			nv_person_public_name(&b, p->mentees[k]);
		}
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

/*
 * A PDF is not redacted, so it goes on the website only for documents
 * that carry no personal data of people hidden from the web: положения,
 * programs and roadmaps whose text names none of them.
 */
static bool pdf_is_public(const struct nv_site_state *s, const struct nv_entry *e)
{
	if (e->kind != NV_KIND_POSITION && e->kind != NV_KIND_PROGRAM && e->kind != NV_KIND_ROADMAP)
		return false;
	return !nv_redact_finds(s->red, e->text, e->text_len, false);
}

size_t nv_site_public_pdfs(const struct nv_site_state *s, const struct nv_entry *const **out)
{
	*out = s->pdfs;
	return s->npdfs;
}

/* `files` is the list of attachments, for pages that list them. */
static void emit_entry(struct nv_site_state *s, struct worker *w, const struct nv_entry *e,
		       const struct nv_value *files, bool pdf)
{
	const struct nv_model *m = s->m;
	struct nv_value *ctx = obj(), *doc = obj(), *list;
	struct nv_buf url = NV_BUF_INIT, b = NV_BUF_INIT;
	char *html = body_html(e), *text;
	size_t i, k;
	const char *tpl = "document";

	set_s(doc, "id", e->id);
	set_t(doc, "title", e->title);
	set_s(doc, "kind", nv_kind_names[e->kind]);
	set_s(doc, "kind_title", kind_titles[e->kind]);
	set_t(doc, "summary", e->summary);
	set(doc, "body", nv_value_new_str(html));
	set_date(doc, "date", &e->date);
	if (e->acyear) {
		nv_acyear_add(&b, e->acyear);
		set_s(doc, "academic_year", b.ptr);
		nv_buf_reset(&b);
	}
	add_approvals(doc, e, m);
	if (e->approved_by) {
		struct nv_value *ab = obj();
		nv_buf_adds(&b, "от ");
		nv_date_add(&b, e->approved_by->date, NV_DATE_NUMERIC);
		nv_buf_addf(&b, " №\xC2\xA0%s",
			    e->approved_by->number ? e->approved_by->number : "");
		set_s(ab, "text", b.ptr);
		set_s(ab, "word", nv_approved_word(e->gender));
		set_n(ab, "appendix", e->appendix_number);
		set_s(ab, "url", entry_url(e->approved_by, &url));
		set(doc, "approved_by", ab);
		nv_buf_reset(&b);
	}
	if (pdf) {
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%s.pdf", e->id);
		set_s(doc, "pdf", b.ptr);
		nv_buf_reset(&b);
	}
	switch (e->kind) {
	case NV_KIND_ORDER:
		tpl = "order";
		set_s(doc, "number", e->number);
		set_s(doc, "place", e->place);
		set_t(doc, "preamble", e->preamble);
		if (e->signatory) {
			struct nv_value *sig = obj();
			char *pos = nv_utf8_capitalize(
				e->signatory->position ? e->signatory->position : "");
			set_s(sig, "position", pos);
			free(pos);
			nv_person_signature_name(&b, e->signatory);
			set_s(sig, "name", b.ptr);
			nv_buf_reset(&b);
			set(doc, "signatory", sig);
		}
		list = arr();
		for (i = 0; i < e->nappendices; i++) {
			struct nv_value *a = obj();
			set_n(a, "number", e->appendices[i].number);
			if (e->appendices[i].doc) {
				set_t(a, "title", e->appendices[i].doc->title);
				set_s(a, "url", entry_url(e->appendices[i].doc, &url));
			} else {
				set_s(a, "title", "Состав наставнических пар и групп");
				set_b(a, "table", true);
				set_list(a, "pairs", pairs_rows(m, e));
			}
			push(list, a);
		}
		set_list(doc, "appendices", list);
		break;
	case NV_KIND_ROADMAP:
		tpl = "roadmap";
		list = arr();
		for (i = 0; i < e->nsections; i++) {
			struct nv_value *sec = obj(), *items = arr();
			set_n(sec, "number", (double)i + 1);
			set_t(sec, "title", e->sections[i].title);
			for (k = 0; k < e->sections[i].nitems; k++) {
				const struct nv_item *it = &e->sections[i].items[k];
				struct nv_value *iv = obj();
				nv_buf_reset(&b);
				nv_buf_addf(&b, "%zu.%zu.", i + 1, k + 1);
				set_s(iv, "number", b.ptr);
				set_t(iv, "title", it->title);
				set_t(iv, "due", it->due.text);
				set_t(iv, "responsible", it->responsible);
				set_t(iv, "result", it->result);
				set_s(iv, "status", status_titles[it->status]);
				set_s(iv, "status_id",
				      it->status == NV_ITEM_DONE    ? "done"
				      : it->status == NV_ITEM_MOVED ? "moved"
								    : "planned");
				push(items, iv);
			}
			set_list(sec, "items", items);
			push(list, sec);
		}
		set_list(doc, "sections", list);
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%s.ics", e->id);
		set_s(doc, "ics", b.ptr);
		break;
	case NV_KIND_CASE:
		tpl = "case";
		set_s(doc, "form", e->form);
		set_s(doc, "mentoring_kind", e->mkind);
		set_t(doc, "problem", e->problem);
		set_t(doc, "goal", e->goal);
		list = arr();
		for (i = 0; i < e->nresults; i++) {
			char *t = nv_typo_str(e->results[i]);
			push(list, nv_value_new_str(t));
			free(t);
		}
		set_list(doc, "results", list);
		list = arr();
		for (i = 0; i < e->ntags; i++)
			push(list, nv_value_new_str(e->tags[i]));
		set_list(doc, "tags", list);
		set_list(doc, "authors", people_names(e->authors, e->nauthors));
		if (e->program)
			set(doc, "program", doc_link(e->program));
		break;
	case NV_KIND_PROGRAM:
		list = arr();
		for (i = 0; i < e->nforms; i++)
			push(list, nv_value_new_str(e->forms[i]));
		set_list(doc, "forms", list);
		set_list(doc, "authors", people_names(e->authors, e->nauthors));
		break;
	case NV_KIND_PAGE:
		list = arr();
		for (k = 0; k < 4; k++) {
			struct nv_value *lv = obj(), *docs = arr();
			for (i = 0; i < e->nreflinks; i++) {
				const struct nv_reflink *r = &e->reflinks[i];
				struct nv_value *rv;
				if ((size_t)r->level != k)
					continue;
				rv = obj();
				set_t(rv, "title", r->title);
				if (r->doc)
					set_s(rv, "url", entry_url(r->doc, &url));
				else if (r->file) {
					nv_buf_reset(&url);
					nv_buf_addf(&url, "files/%s", r->file);
					set_s(rv, "url", url.ptr);
				} else {
					set_s(rv, "href", r->url);
				}
				push(docs, rv);
			}
			set_s(lv, "title", level_titles[k]);
			if (docs->nr) {
				set_list(lv, "documents", docs);
				push(list, lv);
			} else {
				nv_value_free(docs);
				nv_value_free(lv);
			}
		}
		set_list(doc, "levels", list);
		if (e->list_files && files->nr)
			set_list(doc, "files", nv_value_copy(files));
		break;
	default:
		break;
	}
	set(ctx, "doc", doc);
	text = plain_text(html, 4000);
	emit(s, w, entry_url(e, &url), tpl, ctx, e->title, nv_kind_names[e->kind], text);
	free(text);
	free(html);
	nv_buf_release(&url);
	nv_buf_release(&b);
}

/* --- lists ------------------------------------------------------------------------ */

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
static size_t entries_of(const struct nv_model *m, enum nv_kind kind, struct nv_entry ***out)
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

/* The list page of a kind; none when the kind has no documents. */
static void emit_list(struct nv_site_state *s, enum nv_kind kind)
{
	struct nv_entry **v;
	size_t i, n = entries_of(s->m, kind, &v);
	struct nv_value *ctx, *items;
	struct nv_buf url = NV_BUF_INIT;

	if (!n) {
		free(v);
		return;
	}
	ctx = obj();
	items = arr();

	for (i = 0; i < n; i++)
		push(items, doc_link(v[i]));
	set_list(ctx, "items", items);
	set_s(ctx, "kind", nv_kind_names[kind]);
	if (kind == NV_KIND_NEWS)
		set_b(ctx, "feed", true);
	nv_buf_addf(&url, "%s/index.html", nv_kind_dirs[kind]);
	emit(s, &s->main, url.ptr, "list", ctx, list_titles[kind], "list", NULL);
	nv_buf_release(&url);
	free(v);
}

/* Slugs for the static filter pages of the case bank. */
static char *filter_url(const char *what, const char *value)
{
	char *slug = nv_slug(value), *url = nv_xasprintf("cases/%s-%s.html", what, slug);

	free(slug);
	return url;
}

static struct nv_value *case_card(const struct nv_entry *e)
{
	struct nv_value *v = doc_link(e);
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

/* One group of filter values: [{title, id, url, count, current}]. */
static struct nv_value *facet(const char *what, const char *const *values, size_t n,
			      struct nv_entry **cases, size_t ncases, const char *current_url)
{
	struct nv_value *list = arr(), *v;
	size_t i, k, count;
	char *url, *slug;
	struct nv_buf yb = NV_BUF_INIT;

	for (i = 0; i < n; i++) {
		count = 0;
		for (k = 0; k < ncases; k++) {
			const char *cv = NULL;
			nv_buf_reset(&yb);
			if (!strcmp(what, "form"))
				cv = cases[k]->form;
			else if (!strcmp(what, "kind"))
				cv = cases[k]->mkind;
			else {
				nv_acyear_add(&yb, cases[k]->acyear);
				cv = yb.ptr;
			}
			if (cv && !strcmp(cv, values[i]))
				count++;
		}
		if (!count)
			continue;
		v = obj();
		set_s(v, "title", values[i]);
		slug = nv_slug(values[i]);
		set_s(v, "id", slug);
		free(slug);
		url = filter_url(what, values[i]);
		set_s(v, "url", url);
		set_b(v, "current", current_url && !strcmp(url, current_url));
		free(url);
		set_n(v, "count", (double)count);
		push(list, v);
	}
	nv_buf_release(&yb);
	return list;
}

/* The case bank: the full list and one static page per filter value. */
static void emit_cases(struct nv_site_state *s)
{
	struct nv_entry **v;
	size_t n = entries_of(s->m, NV_KIND_CASE, &v), i, k, nyears = 0, p;
	const char **years = nv_xcalloc(n + 1, sizeof(*years));
	struct nv_buf b = NV_BUF_INIT;
	char **year_store = nv_xcalloc(n + 1, sizeof(*year_store));
	const char *what[] = { "form", "kind", "year" };

	for (i = 0; i < n; i++) {
		bool seen = false;
		nv_buf_reset(&b);
		nv_acyear_add(&b, v[i]->acyear);
		for (k = 0; k < nyears; k++)
			seen = seen || !strcmp(years[k], b.ptr);
		if (!seen) {
			year_store[nyears] = nv_xstrdup(b.ptr);
			years[nyears] = year_store[nyears];
			nyears++;
		}
	}
	/* The page of all cases (p = 0), then one per value of each facet. */
	for (p = 0; p < 4; p++) {
		const char *const *values = p == 1 ? nv_forms : p == 2 ? nv_mentoring_kinds : years;
		size_t nv = 0;

		if (p)
			while (values[nv])
				nv++;
		for (k = 0; k < (p ? nv : 1); k++) {
			struct nv_value *ctx = obj(), *items = arr(), *facets = obj();
			char *url = p ? filter_url(what[p - 1], values[k])
				      : nv_xstrdup("cases/index.html");
			size_t shown = 0;

			for (i = 0; i < n; i++) {
				const char *cv;
				nv_buf_reset(&b);
				nv_acyear_add(&b, v[i]->acyear);
				cv = p == 1 ? v[i]->form : p == 2 ? v[i]->mkind : b.ptr;
				if (p && (!cv || strcmp(cv, values[k])))
					continue;
				push(items, case_card(v[i]));
				shown++;
			}
			if (p && !shown) {
				nv_value_free(items);
				nv_value_free(facets);
				nv_value_free(ctx);
				free(url);
				continue;
			}
			set_list(facets, "forms", facet("form", nv_forms, 9, v, n, url));
			set_list(facets, "kinds", facet("kind", nv_mentoring_kinds, 7, v, n, url));
			set_list(facets, "years", facet("year", years, nyears, v, n, url));
			set(ctx, "facets", facets);
			set_list(ctx, "items", items);
			set_n(ctx, "total", (double)n);
			if (p) {
				set_s(ctx, "filter", values[k]);
				set_b(ctx, "filtered", true);
			}
			nv_buf_reset(&b);
			if (p)
				nv_buf_addf(&b, "Лучшие практики: %s", values[k]);
			else
				nv_buf_adds(&b, "Лучшие практики");
			emit(s, &s->main, url, "cases", ctx, b.ptr, "list", NULL);
			free(url);
		}
	}
	for (i = 0; i < nyears; i++)
		free(year_store[i]);
	free(year_store);
	free(years);
	free(v);
	nv_buf_release(&b);
}

/* --- attachments ----------------------------------------------------------------- */

static const char *file_type(const char *name)
{
	static const struct {
		const char *ext, *title;
	} types[] = {
		{ ".pdf", "PDF" },
		{ ".doc", "Word" },
		{ ".docx", "Word" },
		{ ".odt", "OpenDocument" },
		{ ".xls", "Excel" },
		{ ".xlsx", "Excel" },
		{ ".ods", "OpenDocument" },
		{ ".csv", "таблица CSV" },
		{ ".txt", "текст" },
		{ ".rtf", "RTF" },
		{ ".jpg", "изображение JPEG" },
		{ ".jpeg", "изображение JPEG" },
		{ ".png", "изображение PNG" },
		{ ".zip", "архив ZIP" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < NV_ARRAY_SIZE(types); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].title;
	return "файл";
}

static void human_size(struct nv_buf *b, long long size)
{
	if (size < 1024)
		nv_buf_addf(b, "%lld Б", size);
	else if (size < 1024 * 1024)
		nv_buf_addf(b, "%lld,%lld КБ", size / 1024, (size % 1024) * 10 / 1024);
	else
		nv_buf_addf(b, "%lld,%lld МБ", size >> 20, ((size >> 10) % 1024) * 10 / 1024);
}

/* Copy content/files/ and list it: [{name, url, size, type}]. */
static struct nv_value *copy_files(struct nv_site_state *s)
{
	const struct nv_model *m = s->m;
	struct nv_value *list = arr(), *v;
	struct nv_buf data = NV_BUF_INIT, b = NV_BUF_INIT;
	struct stat st;
	size_t i;

	for (i = 0; i < m->nattachments; i++) {
		const char *rel = m->attachments[i].rel;
		const char *src = m->attachments[i].path;
		long long size;
		/* A rebuild of some documents leaves the files: it needs only their sizes. */
		if (s->opts.render ? stat(src, &st) < 0
				   : nv_read_file(src, (size_t)64 << 20, &data) < 0) {
			nv_error(s->d, src, 0, 0, "не удалось прочитать вложение: %s",
				 nv_strerror(errno));
			s->failed = 1;
			continue;
		}
		size = s->opts.render ? (long long)st.st_size : (long long)data.len;
		if (!s->opts.render)
			write_out(s, rel, data.ptr, data.len);
		if (strncmp(rel, "files/", 6))
			continue;
		v = obj();
		set_s(v, "name", rel + 6);
		set_s(v, "url", rel);
		nv_buf_reset(&b);
		human_size(&b, size);
		set_s(v, "size", b.ptr);
		set_s(v, "type", file_type(rel));
		push(list, v);
	}
	nv_buf_release(&data);
	nv_buf_release(&b);
	return list;
}

/* Copy the theme's assets/ folder. */
static void copy_assets(struct nv_site_state *s)
{
	struct nv_strlist files = NV_STRLIST_INIT;
	struct nv_buf data = NV_BUF_INIT;
	char *dir = nv_xasprintf("%s/assets", s->opts.theme_dir), *src, *dst;
	size_t i;

	if (nv_walk(dir, &files) < 0) {
		nv_error(s->d, dir, 0, 0, "не удалось прочитать папку темы: %s",
			 nv_strerror(errno));
		s->failed = 1;
	}
	for (i = 0; i < files.nr; i++) {
		src = nv_xasprintf("%s/%s", dir, files.v[i]);
		dst = nv_xasprintf("assets/%s", files.v[i]);
		if (nv_read_file(src, (size_t)16 << 20, &data) == 0)
			write_out(s, dst, data.ptr, data.len);
		free(src);
		free(dst);
	}
	nv_strlist_release(&files);
	nv_buf_release(&data);
	free(dir);
}

/* --- section pages -------------------------------------------------------------- */

static void emit_index(struct nv_site_state *s)
{
	struct nv_value *ctx = obj(), *news = arr(), *sections = arr(), *v;
	struct nv_entry **items;
	size_t i, n = entries_of(s->m, NV_KIND_NEWS, &items);

	for (i = 0; i < n && i < 3; i++)
		push(news, doc_link(items[i]));
	set_list(ctx, "news", news);
	free(items);
	for (i = 0; i < s->navdef->nr; i++) {
		const char *desc = nv_map_get_str(s->navdef->items[i], "description");
		if (!desc)
			continue;
		v = nv_value_copy(s->navdef->items[i]);
		push(sections, v);
	}
	set_list(ctx, "sections", sections);
	emit(s, &s->main, "index.html", "index", ctx, s->m->site.section_title, "index", NULL);
}

static void emit_mentors(struct nv_site_state *s)
{
	const struct nv_model *m = s->m;
	struct nv_value *ctx = obj(), *list = arr(), *forms = arr(), *v, *fl;
	struct nv_buf b = NV_BUF_INIT;
	size_t i, k, hidden = 0, nmentees, f;

	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		if (!p->mentor)
			continue;
		if (p->publish == NV_PUBLISH_NONE) {
			hidden++;
			continue;
		}
		v = obj();
		nv_buf_reset(&b);
		nv_person_public_name(&b, p);
		set_s(v, "name", b.ptr);
		set_s(v, "position", p->category == NV_CAT_STUDENT ? NULL : p->position);
		set_s(v, "organization", p->organization);
		fl = arr();
		nmentees = 0;
		for (k = 0; k < m->npairs; k++) {
			const struct nv_pair *pr = m->pairs[k];
			size_t j;
			bool dup = false;
			if (pr->mentor != p)
				continue;
			nmentees += pr->nmentees;
			for (j = 0; j < fl->nr; j++)
				dup = dup || !strcmp(fl->items[j]->str, pr->form ? pr->form : "");
			if (!dup && pr->form)
				push(fl, nv_value_new_str(pr->form));
		}
		set_list(v, "forms", fl);
		set_n(v, "mentees", (double)nmentees);
		push(list, v);
	}
	for (f = 0; nv_forms[f]; f++) {
		size_t count = 0, active = 0;
		for (k = 0; k < m->npairs; k++)
			if (m->pairs[k]->form == nv_forms[f]) {
				count++;
				active += m->pairs[k]->status == NV_PAIR_ACTIVE;
			}
		if (!count)
			continue;
		v = obj();
		set_s(v, "form", nv_forms[f]);
		set_n(v, "count", (double)count);
		set_n(v, "active", (double)active);
		push(forms, v);
	}
	set_list(ctx, "mentors", list);
	set_list(ctx, "forms", forms);
	if (hidden)
		set_n(ctx, "hidden", (double)hidden);
	set_n(ctx, "pairs", (double)m->npairs);
	emit(s, &s->main, "mentors.html", "mentors", ctx, "Наставники", "mentors", NULL);
	nv_buf_release(&b);
}

/* A horizontal bar chart of pairs by form, as accessible inline SVG. */
static char *bar_chart(const struct nv_value *rows, size_t max)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i, h = rows->nr * 34 + 10;

	nv_buf_addf(
		&b,
		"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 %zu\" "
		"role=\"img\" aria-labelledby=\"chart-title\">"
		"<title id=\"chart-title\">Наставнические пары и группы по формам "
		"наставничества</title>",
		h);
	for (i = 0; i < rows->nr; i++) {
		const char *form = nv_map_get_str(rows->items[i], "form");
		double count = nv_map_get(rows->items[i], "count")->number;
		double w = max ? 300.0 * count / (double)max : 0;
		size_t y = i * 34 + 6;

		nv_buf_adds(&b, "<g><text x=\"0\" y=\"");
		nv_buf_addf(&b, "%zu\" class=\"chart-label\">", y + 18);
		nv_buf_add_html(&b, form, strlen(form));
		nv_buf_addf(&b,
			    "</text><rect x=\"280\" y=\"%zu\" width=\"%.0f\" height=\"24\" "
			    "class=\"chart-bar\"/>"
			    "<text x=\"%.0f\" y=\"%zu\" class=\"chart-value\">%.0f</text></g>",
			    y, w, 288 + w, y + 18, count);
	}
	nv_buf_adds(&b, "</svg>");
	return nv_buf_detach(&b, NULL);
}

static void emit_monitoring(struct nv_site_state *s)
{
	const struct nv_model *m = s->m;
	struct nv_value *ctx = obj(), *forms = arr(), *v, *roadmap = obj();
	size_t i, k, f, max = 0, teachers = 0, students = 0, t_in = 0, s_in = 0;
	size_t status[3] = { 0, 0, 0 }, pstatus[3] = { 0, 0, 0 };
	char *svg;
	struct nv_buf b = NV_BUF_INIT;

	for (f = 0; nv_forms[f]; f++) {
		size_t count = 0;
		for (k = 0; k < m->npairs; k++)
			count += m->pairs[k]->form == nv_forms[f];
		if (!count)
			continue;
		v = obj();
		set_s(v, "form", nv_forms[f]);
		set_n(v, "count", (double)count);
		push(forms, v);
		if (count > max)
			max = count;
	}
	for (k = 0; k < m->npairs; k++)
		pstatus[m->pairs[k]->status]++;
	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		bool in = p->mentor || p->mentee;
		if (p->category == NV_CAT_TEACHER) {
			teachers++;
			t_in += in;
		} else if (p->category == NV_CAT_STUDENT) {
			students++;
			s_in += in;
		}
	}
	for (i = 0; i < m->nentries; i++)
		for (k = 0; k < m->entries[i]->nsections; k++) {
			size_t j;
			for (j = 0; j < m->entries[i]->sections[k].nitems; j++)
				status[m->entries[i]->sections[k].items[j].status]++;
		}
	svg = bar_chart(forms, max);
	set(ctx, "chart", nv_value_new_str(svg));
	free(svg);
	set_list(ctx, "forms", forms);
	set_n(ctx, "pairs", (double)m->npairs);
	set_n(ctx, "pairs_active", (double)pstatus[NV_PAIR_ACTIVE]);
	set_n(ctx, "pairs_finished", (double)pstatus[NV_PAIR_FINISHED]);
	set_n(ctx, "pairs_ended_early", (double)pstatus[NV_PAIR_ENDED_EARLY]);
	set_n(ctx, "teachers", (double)teachers);
	set_n(ctx, "teachers_involved", (double)t_in);
	set_n(ctx, "teachers_share", teachers ? (double)(t_in * 100 / teachers) : 0);
	set_n(ctx, "students", (double)students);
	set_n(ctx, "students_involved", (double)s_in);
	set_n(ctx, "students_share", students ? (double)(s_in * 100 / students) : 0);
	set_n(roadmap, "done", (double)status[NV_ITEM_DONE]);
	set_n(roadmap, "planned", (double)status[NV_ITEM_PLANNED]);
	set_n(roadmap, "moved", (double)status[NV_ITEM_MOVED]);
	set_n(roadmap, "total", (double)(status[0] + status[1] + status[2]));
	set(ctx, "roadmap", roadmap);
	emit(s, &s->main, "monitoring.html", "monitoring", ctx, "Мониторинг", "monitoring", NULL);
	nv_buf_release(&b);
}

/*
 * The search index, twice: search-index.json for other tools, and the
 * same array as search-index.js, a script, because a page opened from
 * file:// may load scripts but not fetch JSON.
 */
static void write_search(struct nv_site_state *s, const char *const *lines, size_t n)
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

static void emit_search(struct nv_site_state *s)
{
	const char **lines = nv_xcalloc(s->npages + 1, sizeof(*lines));
	size_t i, n = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i].line)
			lines[n++] = s->pages[i].line;
	write_search(s, lines, n);
	free(lines);
	emit(s, &s->main, "search.html", "search", obj(), "Поиск", "search", NULL);
}

static int cmp_page_url(const void *a, const void *b)
{
	return strcmp((*(struct page_ref *const *)a)->url, (*(struct page_ref *const *)b)->url);
}

/*
 * For a rebuild of some documents: the last build's index with the
 * records of the pages rendered now in place of theirs. -1 when that
 * cannot be: the old index is unreadable, or a page rendered now has a
 * record and had none (its place is unknown).
 */
static int merge_search(struct nv_site_state *s)
{
	struct nv_buf old = NV_BUF_INIT;
	struct page_ref **now = nv_xcalloc(s->npages + 1, sizeof(*now)), key, *kp = &key, **hit;
	bool *used = nv_xcalloc(s->npages + 1, sizeof(*used));
	const char **lines = NULL;
	size_t i, n = 0, alloc = 0;
	char *p, *end, *u;
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
			if ((*hit)->line)
				lines[n++] = (*hit)->line;
		}
	}
	if (strcmp(p, "]\n"))
		goto out;
	for (i = 0; i < s->npages; i++)
		if (now[i]->line && !used[i])
			goto out;
	write_search(s, lines, n);
	rc = 0;
out:
	nv_buf_release(&old);
	free(now);
	free(used);
	free(lines);
	return rc;
}

static void emit_atom(struct nv_site_state *s)
{
	struct nv_entry **v;
	size_t i, n = entries_of(s->m, NV_KIND_NEWS, &v);
	struct nv_buf b = NV_BUF_INIT, url = NV_BUF_INIT;
	const char *base = s->base_url ? s->base_url : "";
	char *t;

	nv_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>");
	t = nv_xasprintf("%s — новости наставничества",
			 s->m->site.short_name ? s->m->site.short_name : "");
	nv_buf_add_html(&b, t, strlen(t));
	free(t);
	nv_buf_addf(&b, "</title>\n  <id>%snews/</id>\n", base);
	nv_buf_addf(&b, "  <link rel=\"self\" href=\"%snews/atom.xml\"/>\n", base);
	nv_buf_addf(&b, "  <link rel=\"alternate\" href=\"%snews/index.html\"/>\n", base);
	nv_buf_adds(&b, "  <updated>");
	if (n)
		nv_date_add(&b, v[0]->date, NV_DATE_ISO);
	else
		nv_buf_adds(&b, "2000-01-01");
	nv_buf_adds(&b, "T00:00:00Z</updated>\n  <author><name>");
	nv_buf_add_html(&b, s->m->site.name ? s->m->site.name : "",
			strlen(s->m->site.name ? s->m->site.name : ""));
	nv_buf_adds(&b, "</name></author>\n");
	for (i = 0; i < n; i++) {
		entry_url(v[i], &url);
		nv_buf_addf(&b, "  <entry>\n    <id>%s%s</id>\n    <title>", base, url.ptr);
		t = nv_typo_str(v[i]->title ? v[i]->title : "");
		nv_buf_add_html(&b, t, strlen(t));
		free(t);
		nv_buf_addf(&b, "</title>\n    <link href=\"%s%s\"/>\n    <updated>", base,
			    url.ptr);
		nv_date_add(&b, v[i]->date, NV_DATE_ISO);
		nv_buf_adds(&b, "T00:00:00Z</updated>\n");
		if (v[i]->summary) {
			t = nv_typo_str(v[i]->summary);
			nv_buf_adds(&b, "    <summary>");
			nv_buf_add_html(&b, t, strlen(t));
			nv_buf_adds(&b, "</summary>\n");
			free(t);
		}
		nv_buf_adds(&b, "  </entry>\n");
	}
	nv_buf_adds(&b, "</feed>\n");
	write_redacted(s, "news/atom.xml", b.ptr, b.len, true);
	nv_buf_release(&b);
	nv_buf_release(&url);
	free(v);
}

static void emit_sitemap(struct nv_site_state *s)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	if (!s->base_url)
		return;
	nv_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < s->npages; i++) {
		nv_buf_adds(&b, "  <url><loc>");
		nv_buf_add_html(&b, s->base_url, strlen(s->base_url));
		nv_buf_add_html(&b, s->pages[i].url, strlen(s->pages[i].url));
		nv_buf_adds(&b, "</loc></url>\n");
	}
	nv_buf_adds(&b, "</urlset>\n");
	write_out(s, "sitemap.xml", b.ptr, b.len);
	nv_buf_release(&b);
}

/* iCalendar text: escape \ ; , and newlines (RFC 5545, 3.3.11). */
static void ics_text(struct nv_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			nv_buf_addch(b, '\\');
		if (*s == '\n') {
			nv_buf_adds(b, "\\n");
			continue;
		}
		nv_buf_addch(b, *s);
	}
}

/* Fold a content line at 75 octets without splitting a UTF-8 character. */
static void ics_line(struct nv_buf *out, const char *line)
{
	size_t n = strlen(line), i = 0, take;

	while (n - i > 75) {
		take = 75 - (i ? 1 : 0);
		while (take && ((unsigned char)line[i + take] & 0xC0) == 0x80)
			take--;
		nv_buf_add(out, line + i, take);
		nv_buf_adds(out, "\r\n ");
		i += take;
	}
	nv_buf_add(out, line + i, n - i);
	nv_buf_adds(out, "\r\n");
}

/* An iCalendar text field, redacted before it is escaped and folded. */
static void ics_field(struct nv_site_state *s, struct nv_buf *line, const char *text)
{
	struct nv_buf r = NV_BUF_INIT;

	if (!text)
		return;
	nv_redact(s->red, &r, text, strlen(text), false);
	ics_text(line, r.ptr);
	nv_buf_release(&r);
}

static void emit_ics(struct nv_site_state *s, const struct nv_entry *e)
{
	struct nv_buf out = NV_BUF_INIT, line = NV_BUF_INIT, rel = NV_BUF_INIT;
	size_t i, k;

	ics_line(&out, "BEGIN:VCALENDAR");
	ics_line(&out, "VERSION:2.0");
	ics_line(&out, "PRODID:-//nastavnik//" NV_VERSION "//RU");
	ics_line(&out, "CALSCALE:GREGORIAN");
	nv_buf_adds(&line, "X-WR-CALNAME:");
	ics_field(s, &line, e->title);
	ics_line(&out, line.ptr);
	for (i = 0; i < e->nsections; i++) {
		for (k = 0; k < e->sections[i].nitems; k++) {
			const struct nv_item *it = &e->sections[i].items[k];
			struct nv_date end;
			if (!it->due.parsed)
				continue;
			ics_line(&out, "BEGIN:VEVENT");
			nv_buf_reset(&line);
			nv_buf_addf(&line, "UID:%s-%zu-%zu@nastavnik", e->id, i + 1, k + 1);
			ics_line(&out, line.ptr);
			/* Stable, so rebuilds are byte-identical: the start of the academic year.
			 */
			nv_buf_reset(&line);
			nv_buf_addf(&line, "DTSTAMP:%04d0901T000000Z",
				    e->acyear ? e->acyear : 2000);
			ics_line(&out, line.ptr);
			nv_buf_reset(&line);
			nv_buf_addf(&line, "DTSTART;VALUE=DATE:%04d%02d%02d", it->due.from.year,
				    it->due.from.month, it->due.from.day);
			ics_line(&out, line.ptr);
			end = nv_date_from_days(nv_date_to_days(it->due.to) +
						1); /* DTEND is exclusive */
			nv_buf_reset(&line);
			nv_buf_addf(&line, "DTEND;VALUE=DATE:%04d%02d%02d", end.year, end.month,
				    end.day);
			ics_line(&out, line.ptr);
			nv_buf_reset(&line);
			nv_buf_addf(&line, "SUMMARY:%zu.%zu. ", i + 1, k + 1);
			ics_field(s, &line, it->title);
			ics_line(&out, line.ptr);
			nv_buf_reset(&line);
			nv_buf_adds(&line, "DESCRIPTION:Срок: ");
			ics_field(s, &line, it->due.text);
			nv_buf_adds(&line, "\\nОтветственный: ");
			ics_field(s, &line, it->responsible);
			if (it->result) {
				nv_buf_adds(&line, "\\nРезультат: ");
				ics_field(s, &line, it->result);
			}
			ics_line(&out, line.ptr);
			ics_line(&out, "END:VEVENT");
		}
	}
	ics_line(&out, "END:VCALENDAR");
	nv_buf_addf(&rel, "roadmaps/%s.ics", e->id);
	/* Redacted field by field above: a name must not hide across a folded line. */
	write_out(s, rel.ptr, out.ptr, out.len);
	nv_buf_release(&out);
	nv_buf_release(&line);
	nv_buf_release(&rel);
}

/* A template set for the theme (one per rendering thread). */
static struct nv_tpl_set *tpl_set_new(const struct nv_site_opts *opts)
{
	struct nv_tpl_set *t = nv_tpl_set_new(0);

	/* A fragment is the page's content block alone, without the layout. */
	if (opts->fragment)
		nv_tpl_set_add_source(t, "layout", "{{$content}}{{/content}}", 24);
	if (opts->override_dir)
		nv_tpl_set_add_dir(t, opts->override_dir);
	nv_tpl_set_add_dir(t, opts->theme_dir);
	return t;
}

struct entry_job {
	struct nv_site_state *s;
	struct worker w;
	const struct nv_value *files;
	const bool *pdf;
	struct page_ref *slots;
	size_t first, step;
};

/* One thread's share: every step-th document from first. */
static void *entry_thread(void *arg)
{
	struct entry_job *j = arg;
	const struct nv_model *m = j->s->m;
	size_t i;

	for (i = j->first; i < m->nentries; i += j->step) {
		if (j->s->opts.render && !j->s->opts.render[i])
			continue;
		j->w.slot = &j->slots[i];
		emit_entry(j->s, &j->w, m->entries[i], j->files, j->pdf[i]);
		if (m->entries[i]->kind == NV_KIND_ROADMAP)
			emit_ics(j->s, m->entries[i]);
	}
	return NULL;
}

/*
 * The document pages, the bulk of a build, rendered by opts.jobs threads,
 * each with its own template set and diagnostics. Shared state is read
 * only (the model, the redactor, the site context); each document's
 * Markdown tree is touched by one thread only. Page references go to
 * slots in document order, so the search index and the sitemap do not
 * depend on the threads.
 */
static void emit_entries(struct nv_site_state *s, const struct nv_value *files)
{
	const struct nv_model *m = s->m;
	size_t i, n = m->nentries, nthreads = nv_thread_count(s->opts.jobs, n), t;
	bool *pdf = nv_xcalloc(n + 1, sizeof(*pdf));
	struct page_ref *slots = nv_xcalloc(n + 1, sizeof(*slots));
	struct entry_job *jobs = nv_xcalloc(nthreads, sizeof(*jobs));
	struct nv_diags *dl = nv_xcalloc(nthreads, sizeof(*dl));

	for (i = 0; i < n; i++) {
		if (s->opts.render && !s->opts.render[i])
			continue;
		pdf[i] = s->opts.pdf && pdf_is_public(s, m->entries[i]);
		if (pdf[i]) {
			NV_GROW(s->pdfs, s->npdfs + 1, s->pdfs_alloc);
			s->pdfs[s->npdfs++] = m->entries[i];
		}
	}
	for (t = 0; t < nthreads; t++) {
		jobs[t].s = s;
		jobs[t].files = files;
		jobs[t].pdf = pdf;
		jobs[t].slots = slots;
		jobs[t].first = t;
		jobs[t].step = nthreads;
		jobs[t].w.d = t ? &dl[t] : s->d;
		jobs[t].w.tpl = t ? tpl_set_new(&s->opts) : s->tpl;
	}
	nv_run_threads(entry_thread, jobs, nthreads, sizeof(*jobs));
	for (t = 0; t < nthreads; t++) {
		if (jobs[t].w.failed)
			s->failed = 1;
		if (t) {
			nv_diags_merge(s->d, &dl[t]);
			nv_tpl_set_free(jobs[t].w.tpl);
		}
	}
	for (i = 0; i < n; i++) {
		if (!slots[i].url)
			continue; /* the page failed: its error is reported */
		NV_GROW(s->pages, s->npages + 1, s->pages_alloc);
		s->pages[s->npages++] = slots[i];
	}
	free(slots);
	free(pdf);
	free(jobs);
	free(dl);
}

/* --- the driver ------------------------------------------------------------------ */

static void nav_add(struct nv_value *nav, const char *title, const char *url, const char *section,
		    const char *description)
{
	struct nv_value *v = obj();

	set_t(v, "title", title);
	set_s(v, "url", url);
	set_s(v, "section", section);
	set_t(v, "description", description);
	push(nav, v);
}

static struct nv_value *make_nav(const struct nv_model *m)
{
	struct nv_value *nav = arr();
	struct nv_entry **v;
	struct nv_buf url = NV_BUF_INIT;
	size_t i, n;

	nav_add(nav, "Главная", "index.html", NULL, NULL);
	n = entries_of(m, NV_KIND_PAGE, &v);
	for (i = 0; i < n; i++)
		nav_add(nav, v[i]->title, entry_url(v[i], &url), NULL,
			v[i]->summary ? v[i]->summary : v[i]->title);
	free(v);
	if ((n = entries_of(m, NV_KIND_ORDER, &v)))
		nav_add(nav, "Приказы", "orders/index.html", "orders",
			"Приказы директора о внедрении и работе системы наставничества");
	free(v);
	if ((n = entries_of(m, NV_KIND_POSITION, &v)))
		nav_add(nav, "Положения", "positions/index.html", "positions",
			"Положения о наставничестве педагогов и обучающихся");
	free(v);
	if ((n = entries_of(m, NV_KIND_ROADMAP, &v)))
		nav_add(nav, "Дорожная карта",
			n == 1 ? entry_url(v[0], &url) : "roadmaps/index.html", "roadmaps",
			"План мероприятий на учебный год со сроками и ответственными");
	free(v);
	if ((n = entries_of(m, NV_KIND_PROGRAM, &v)))
		nav_add(nav, "Программы", "programs/index.html", "programs",
			"Программы наставничества: цели, формы, этапы, результаты");
	free(v);
	nav_add(nav, "Наставники", "mentors.html", NULL, "Наставники школы и формы наставничества");
	if ((n = entries_of(m, NV_KIND_CASE, &v)))
		nav_add(nav, "Лучшие практики", "cases/index.html", "cases",
			"Банк лучших практик наставничества с отбором по форме, виду и году");
	free(v);
	if ((n = entries_of(m, NV_KIND_NEWS, &v)))
		nav_add(nav, "Новости", "news/index.html", "news", "События и мероприятия");
	free(v);
	nav_add(nav, "Мониторинг", "monitoring.html", NULL,
		"Показатели: пары по формам, охват педагогов и обучающихся, выполнение плана");
	nav_add(nav, "Поиск", "search.html", NULL, NULL);
	nv_buf_release(&url);
	return nav;
}

static struct nv_value *make_site(const struct nv_model *m, const char *base_url)
{
	const struct nv_site *st = &m->site;
	struct nv_value *v = obj(), *cur = obj();
	struct nv_buf b = NV_BUF_INIT;

	set_t(v, "title", st->section_title);
	set_t(v, "org_name", st->name);
	set_t(v, "org_short", st->short_name);
	set_t(v, "founder", st->founder);
	set_t(v, "place", st->place);
	set_t(v, "address", st->address);
	set_s(v, "phone", st->phone);
	set_s(v, "website", st->website);
	set_t(v, "intro", st->intro);
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
	set(v, "curator", cur);
	nv_buf_release(&b);
	return v;
}

/*
 * The absolute URL of the section, ending in '/': --base-url, or the
 * school's website plus the section's base_path; NULL when neither is set.
 */
static char *base_url_of(const struct nv_site_opts *o, const struct nv_model *m)
{
	const char *site = o->base_url && *o->base_url ? o->base_url : m->site.website;
	const char *path = o->base_url && *o->base_url ? "/" : m->site.base_path;
	size_t n;

	if (!site || !*site)
		return NULL;
	n = strlen(site);
	while (n && site[n - 1] == '/')
		n--;
	if (!path || !*path)
		path = "/";
	return nv_xasprintf("%.*s%s%s", (int)n, site, path[0] == '/' ? "" : "/", path);
}

struct nv_site_state *nv_site_new(const struct nv_site_opts *opts)
{
	struct nv_site_state *s = nv_xcalloc(1, sizeof(*s));

	s->opts = *opts;
	s->tpl = tpl_set_new(opts);
	s->main.tpl = s->tpl;
	return s;
}

int nv_site_render(struct nv_site_state *s, const struct nv_model *m, struct nv_diags *d)
{
	struct nv_value *files;
	size_t i;

	s->m = m;
	s->d = d;
	s->main.d = d;
	s->red = nv_redactor_new(m);
	s->writer = nv_writer_new(s->opts.jobs);
	s->base_url = base_url_of(&s->opts, m);
	s->site = make_site(m, s->base_url);
	s->navdef = make_nav(m);

	if (s->opts.render) {
		/* A rebuild of some documents: their pages and the search index. */
		files = copy_files(s);
		emit_entries(s, files);
		nv_value_free(files);
		if (!s->failed && merge_search(s) < 0) {
			nv_writer_finish(s->writer, d);
			s->writer = NULL;
			return -2;
		}
		goto finish;
	}
	copy_assets(s);
	files = copy_files(s);
	emit_index(s);
	emit_entries(s, files);
	nv_value_free(files);
	/* Pages have no list of their own; cases have the bank (emit_cases). */
	for (i = 0; i < NV_KIND_COUNT; i++)
		if (i != NV_KIND_PAGE && i != NV_KIND_CASE)
			emit_list(s, (enum nv_kind)i);
	emit_cases(s);
	emit_mentors(s);
	emit_monitoring(s);
	emit_atom(s);
	emit_search(s);
	emit_sitemap(s);
finish:
	if (s->main.failed)
		s->failed = 1;
	if (nv_writer_finish(s->writer, d) < 0)
		s->failed = 1;
	s->writer = NULL;
	return s->failed ? -1 : 0;
}

void nv_site_free(struct nv_site_state *s)
{
	size_t i;

	if (!s)
		return;
	nv_tpl_set_free(s->tpl);
	nv_redactor_free(s->red);
	nv_value_free(s->site);
	nv_value_free(s->navdef);
	for (i = 0; i < s->npages; i++) {
		free(s->pages[i].url);
		free(s->pages[i].title);
		free(s->pages[i].kind);
		free(s->pages[i].line);
	}
	free(s->pages);
	free(s->pdfs);
	free(s->base_url);
	free(s);
}
