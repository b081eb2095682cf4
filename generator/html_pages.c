/*
 * html_pages.c: one builder per page kind — a document page (with the
 * parts of orders, roadmaps, cases, programs and free pages), the list
 * of a kind, the case bank with its static filter pages, the section's
 * home page, mentors and monitoring. Each builds the page's context
 * from the model and hands it to nv_html_emit (html_out.c).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "html_int.h"
#include "html_md.h"
#include "markdown.h"
#include "model.h"
#include "model_git.h"
#include "model_monitoring.h"
#include "model_report.h"
#include "person.h"
#include "typo.h"
#include "utf8.h"
#include "value.h"
#include "wording.h"

/* Russian titles of the kinds' list pages and of one document of a kind. */
static const char *const list_titles[] = { "Страницы",	     "Положения", "Программы",
					   "Дорожные карты", "Приказы",	  "Лучшие практики",
					   "Новости",	     "Бланки" };
static const char *const kind_titles[] = { "Страница",	     "Положение", "Программа",
					   "Дорожная карта", "Приказ",	  "Лучшая практика",
					   "Новость",	     "Бланк" };
static const char *const level_titles[] = { "Федеральный уровень", "Региональный уровень",
					    "Муниципальный уровень",
					    "Уровень образовательной организации" };
/* The model's forms of mentoring, as lists of names are passed. */
static const char *const *forms_of(const struct nv_model *m)
{
	return (const char *const *)m->forms;
}

/* --- Markdown bodies ---------------------------------------------------------- */

/* The most bytes a body's HTML took on this thread (body_html()). */
static _Thread_local size_t body_room = 4096;

/*
 * Render a document's body for the web: links to other .md documents
 * point to their pages, and headings go one level down, since the page
 * title is the only <h1>. Items marked «не для сайта» become a note; an
 * appendix listed with `web: false` is only the note. The model's tree
 * is only read.
 */
static char *body_html(const struct nv_html_state *s, const struct nv_entry *e, const char *url)
{
	struct nv_buf out = NV_BUF_INIT;
	/* A fragment: absolute links, and the numbers of items written as on paper. */
	const char *const keep[] = { s->m->site.short_name, s->m->site.genitive };
	const struct nv_html_md_opts o = {
		.shift = 1,
		.hide = e->private_items,
		.nhide = e->nprivate_items,
		.base = s->opts.fragment ? s->base_url : NULL,
		.page = url,
		.text_numbers = s->opts.fragment,
		.keep = keep,
		.nkeep = 2,
	};

	if (e->web_hidden) {
		nv_buf_adds(&out, "<p class=\"private\">" NV_HTML_MD_PRIVATE_APPENDIX "</p>\n");
	} else if (e->md) {
		/*
		 * The HTML of a body is about its file and a half more, grown
		 * once; the file's text is often let go by now: then as much as
		 * the thread's biggest body so far.
		 */
		size_t guess = e->text_len / 2 * 3 + 256;

		nv_buf_grow(&out, guess > body_room ? guess : body_room);
		nv_html_md_render_opts(&out, e->md, e->link_urls, e->link_texts, &o);
		if (out.len > body_room && out.len < ((size_t)1 << 20))
			body_room = out.len + out.len / 8;
	}
	return nv_buf_take(&out, NULL);
}

/*
 * «Редакции» of a normative document: its front matter's `revision:`,
 * or else the commits that changed its file (opts.history), newest first.
 */
static void add_revisions(const struct nv_html_state *s, struct nv_value *doc,
			  const struct nv_entry *e)
{
	const struct nv_git_revs *g = nv_git_revs_of(s->opts.history, e->path);
	struct nv_value *list, *r;
	size_t i, n = e->nrevisions ? e->nrevisions : g ? g->nr : 0;

	if ((e->kind != NV_KIND_POSITION && e->kind != NV_KIND_PROGRAM &&
	     e->kind != NV_KIND_ROADMAP && e->kind != NV_KIND_ORDER) ||
	    e->web_hidden || !n)
		return;
	list = arr();
	for (i = 0; i < n; i++) {
		r = obj();
		nv_html_set_date(r, "date", e->nrevisions ? &e->revisions[i].date : &g->v[i].date);
		/* Set even when empty, so that an item never shows its parent's. */
		set_s(r, "text", "");
		nv_html_set_t(r, "text", e->nrevisions ? e->revisions[i].text : g->v[i].msg);
		push(list, r);
	}
	set(doc, "revisions", list);
	set(doc, "has_revisions", nv_value_new_bool(true));
}

/* The parts of every document page: id, titles, body (html, taken over), dates, approvals, PDF. */
static struct nv_value *doc_common(const struct nv_html_state *s, const struct nv_entry *e,
				   char *html, bool pdf)
{
	struct nv_value *doc = obj();
	struct nv_buf url = NV_BUF_INIT, b = NV_BUF_INIT;

	set_s(doc, "id", e->id);
	nv_html_set_tt(s, doc, "title", e->title);
	nv_html_set_keep(s, doc, "title_html", e->title);
	set_s(doc, "kind", nv_kind_names[e->kind]);
	set_s(doc, "kind_title", kind_titles[e->kind]);
	if (!e->web_hidden)
		nv_html_set_tt(s, doc, "summary", e->summary);
	set(doc, "body", nv_value_take_str(html));
	nv_html_set_date(doc, "date", &e->date);
	if (e->acyear) {
		nv_acyear_add(&b, e->acyear);
		set_s(doc, "academic_year", b.ptr);
		nv_buf_reset(&b);
	}
	nv_html_add_approvals(doc, e, s->m);
	add_revisions(s, doc, e);
	if (e->approved_by) {
		struct nv_value *ab = obj();
		nv_wording_order_ref(&b, e->approved_by->date, e->approved_by->number);
		set_s(ab, "text", b.ptr);
		set_s(ab, "word", nv_approved_word(e->gender));
		set_n(ab, "appendix", e->appendix_number);
		set_s(ab, "url", nv_html_entry_url(e->approved_by, &url));
		set(doc, "approved_by", ab);
		nv_buf_reset(&b);
	}
	if (pdf && !e->web_hidden && !e->nprivate_items) {
		nv_buf_addf(&b, "%s.pdf", e->id);
		set_s(doc, "pdf", b.ptr);
	}
	nv_buf_release(&url);
	nv_buf_release(&b);
	return doc;
}

/* An order: number, place, preamble, signatory and appendices. */
static void order_doc(const struct nv_html_state *s, struct nv_value *doc, const struct nv_entry *e)
{
	struct nv_value *list = arr();
	struct nv_buf url = NV_BUF_INIT, b = NV_BUF_INIT;
	size_t i;

	set_s(doc, "number", e->number);
	set_s(doc, "place", e->place);
	nv_html_set_t(doc, "preamble", e->preamble);
	if (e->signatory) {
		struct nv_value *sig = obj();
		char *pos = nv_utf8_capitalize(e->signatory_position ? e->signatory_position : "");
		set_s(sig, "position", pos);
		free(pos);
		if (nv_person_web_signature(&b, e->signatory))
			set_s(sig, "name", b.ptr);
		set(doc, "signatory", sig);
	}
	for (i = 0; i < e->nappendices; i++) {
		struct nv_value *a = obj();
		set_n(a, "number", e->appendices[i].number);
		nv_buf_reset(&b);
		nv_wording_appendix(&b, e->appendices[i].number, e->nappendices);
		set_s(a, "mark", b.ptr);
		if (e->appendices[i].web_hidden) {
			nv_html_set_t(a, "title",
				      e->appendices[i].doc ? e->appendices[i].doc->title
							   : "Состав наставнических пар и групп");
			set_b(a, "private", true);
			set_s(a, "note", NV_HTML_MD_PRIVATE_APPENDIX);
		} else if (e->appendices[i].doc) {
			nv_html_set_t(a, "title", e->appendices[i].doc->title);
			set_s(a, "url", nv_html_entry_url(e->appendices[i].doc, &url));
		} else {
			set_s(a, "title", "Состав наставнических пар и групп");
			set_b(a, "table", true);
			nv_html_set_list(a, "pairs", nv_html_pairs_rows(s->m, e));
		}
		push(list, a);
	}
	nv_html_set_list(doc, "appendices", list);
	nv_buf_release(&url);
	nv_buf_release(&b);
}

/* A list of strings, the typography applied when typo is set. */
static struct nv_value *str_list(const char *const *v, size_t n, bool typo)
{
	struct nv_value *list = arr();
	size_t i;

	for (i = 0; i < n; i++) {
		char *t = typo ? nv_typo_str(v[i]) : NULL;
		push(list, nv_value_new_str(t ? t : v[i]));
		free(t);
	}
	return list;
}

/*
 * A list of strings (taken over) under k, and, when it is not empty, its
 * items joined by ", " under k_text: a fragment, read with no
 * stylesheet, cannot put the commas between the items itself.
 */
static void set_list_text(struct nv_value *m, const char *k, struct nv_value *list)
{
	struct nv_buf b = NV_BUF_INIT;
	char *key;
	size_t i;

	for (i = 0; i < list->nr; i++) {
		nv_buf_adds(&b, i ? ", " : "");
		nv_buf_adds(&b, list->items[i]->str);
	}
	if (list->nr) {
		key = nv_xasprintf("%s_text", k);
		set_s(m, key, b.ptr);
		free(key);
	}
	nv_html_set_list(m, k, list);
	nv_buf_release(&b);
}

/* A best practice: form, kind, problem, goal, results, tags, authors, program. */
static void case_doc(const struct nv_html_state *s, struct nv_value *doc, const struct nv_entry *e)
{
	set_s(doc, "form", e->form);
	set_s(doc, "mentoring_kind", e->mkind);
	/* a section the body repeats is the body's alone (model_text.c warns) */
	if (!nv_case_body_repeats(e, "problem"))
		nv_html_set_t(doc, "problem", e->problem);
	if (!nv_case_body_repeats(e, "goal"))
		nv_html_set_t(doc, "goal", e->goal);
	if (!nv_case_body_repeats(e, "results"))
		nv_html_set_list(doc, "results", str_list(e->results, e->nresults, true));
	set_list_text(doc, "tags", str_list(e->tags, e->ntags, false));
	set_list_text(doc, "authors", nv_html_people_names(e->authors, e->nauthors));
	if (e->program)
		set(doc, "program", nv_html_doc_link(s, e->program));
}

/* A free page: its normative documents by level, and the attachments if it lists them. */
static void page_doc(struct nv_value *doc, const struct nv_entry *e, const struct nv_value *files)
{
	struct nv_value *list = arr();
	struct nv_buf url = NV_BUF_INIT;
	size_t i, k;

	for (k = 0; k < 4; k++) {
		struct nv_value *lv = obj(), *docs = arr();
		for (i = 0; i < e->nreflinks; i++) {
			const struct nv_reflink *r = &e->reflinks[i];
			struct nv_value *rv;
			if ((size_t)r->level != k)
				continue;
			rv = obj();
			nv_html_set_t(rv, "title", r->title);
			if (r->doc)
				set_s(rv, "url", nv_html_entry_url(r->doc, &url));
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
			nv_html_set_list(lv, "documents", docs);
			push(list, lv);
		} else {
			nv_value_free(docs);
			nv_value_free(lv);
		}
	}
	nv_html_set_list(doc, "levels", list);
	if (e->list_files && files->nr)
		nv_html_set_list(doc, "files", nv_value_copy(files));
	nv_buf_release(&url);
}

/* `files` is the list of attachments, for pages that list them. */
void nv_html_emit_entry(struct nv_html_state *s, struct nv_html_worker *w, const struct nv_entry *e,
			const struct nv_value *files, bool pdf, size_t pdf_size)
{
	struct nv_value *ctx, *doc;
	struct nv_buf url = NV_BUF_INIT, title = NV_BUF_INIT;
	char *html, *text;
	const char *tpl = "document";

	/* A body without its tree (md_summary.h) here is a bug: no blank page. */
	if (!e->web_hidden && e->md && !e->md->root) {
		nv_diag_hint(nv_error(w->d, e->path, 0, 0,
				      "внутренняя ошибка: текст документа не разобран"),
			     "удалите файл .nastavnik-bodies в папке сборки, запустите сборку ещё "
			     "раз и сообщите об ошибке разработчикам");
		w->failed = true;
		return;
	}
	/* The context is made, rendered and dropped whole: one arena, no free per node. */
	nv_value_scope_begin();
	ctx = obj();
	html = body_html(s, e, nv_html_entry_url(e, &url));

	doc = doc_common(s, e, html, pdf);
	if (pdf_size && nv_map_get(doc, "pdf")) {
		struct nv_buf z = NV_BUF_INIT;
		nv_html_human_size(&z, (long long)pdf_size);
		set_s(doc, "pdf_size", z.ptr);
		nv_buf_release(&z);
	}
	/* An appendix not for the website (web: false) shows its note only. */
	switch (e->web_hidden ? NV_KIND_COUNT : e->kind) {
	case NV_KIND_ORDER:
		tpl = "order";
		order_doc(s, doc, e);
		break;
	case NV_KIND_ROADMAP:
		tpl = "roadmap";
		nv_html_roadmap_doc(doc, e);
		break;
	case NV_KIND_CASE:
		tpl = "case";
		case_doc(s, doc, e);
		break;
	case NV_KIND_PROGRAM:
		set_list_text(doc, "forms", str_list(e->forms, e->nforms, false));
		set_list_text(doc, "authors", nv_html_people_names(e->authors, e->nauthors));
		break;
	case NV_KIND_PAGE:
		page_doc(doc, e, files);
		if (e->list_files)
			nv_html_forms_list(s, doc);
		break;
	case NV_KIND_FORM:
		tpl = "form";
		break;
	default:
		break;
	}
	set(ctx, "doc", doc);
	nv_html_set_updated(ctx, nv_html_entry_changed(s, e));
	text = nv_html_search_text(html); /* the page's body: ctx owns it until it is emitted */
	/* Orders share titles («Об утверждении…»): the tab and the search say which. */
	if (e->kind == NV_KIND_ORDER && !e->web_hidden) {
		nv_buf_addf(&title, "%s — приказ ", e->title);
		nv_wording_order_ref(&title, e->date, e->number);
	}
	nv_html_emit(s, w, nv_html_entry_url(e, &url), tpl, ctx, title.len ? title.ptr : e->title,
		     nv_kind_names[e->kind], text);
	nv_value_scope_end();
	free(text);
	nv_buf_release(&title);
	nv_buf_release(&url);
}

/* The list page of a kind; none when the kind has no documents. */
void nv_html_emit_list(struct nv_html_state *s, struct nv_html_worker *w, enum nv_kind kind)
{
	struct nv_entry **v;
	size_t i, n = nv_html_entries_of(s->m, kind, &v);
	struct nv_value *ctx, *items;
	struct nv_buf url = NV_BUF_INIT;
	struct nv_date newest = { 0, 0, 0 }, c;

	if (!n) {
		free(v);
		return;
	}
	nv_value_scope_begin();
	ctx = obj();
	items = arr();

	for (i = 0; i < n; i++) {
		push(items, nv_html_doc_link(s, v[i]));
		c = nv_html_entry_changed(s, v[i]);
		if (c.year && (!newest.year || nv_date_cmp(c, newest) > 0))
			newest = c;
	}
	nv_html_set_list(ctx, "items", items);
	nv_html_set_updated(ctx, newest);
	set_s(ctx, "kind", nv_kind_names[kind]);
	if (kind == NV_KIND_NEWS)
		set_b(ctx, "feed", true);
	nv_buf_addf(&url, "%s/index.html", nv_kind_dirs[kind]);
	nv_html_emit(s, w, url.ptr, "list", ctx, list_titles[kind], "list", NULL);
	nv_value_scope_end();
	nv_buf_release(&url);
	free(v);
}

/* The academic years of the n cases v, each once, into years (the caller frees them). */
static size_t case_years(struct nv_entry **v, size_t n, char **years)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i, k, nyears = 0;

	for (i = 0; i < n; i++) {
		bool seen = false;
		nv_buf_reset(&b);
		nv_acyear_add(&b, v[i]->acyear);
		for (k = 0; k < nyears; k++)
			seen = seen || !strcmp(years[k], b.ptr);
		if (!seen)
			years[nyears++] = nv_xstrdup(b.ptr);
	}
	nv_buf_release(&b);
	return nyears;
}

/*
 * What the pages of the case bank share: the cases, the card of each,
 * made once (a case shows on the page of all cases and on the page of
 * each of its filters, which lend it), their academic years, and for
 * each facet (form, kind, year) its values and how many cases have each.
 */
struct case_bank {
	struct nv_entry **v;
	size_t n;
	struct nv_value **cards;
	char **years;
	const char *const *values[3];
	size_t *counts[3];
};

static const char *const facet_names[] = { "form", "kind", "year" };

/*
 * One page of the case bank at url: every case (p = 0), or those whose
 * form (p = 1), kind (2) or academic year (3) is `value`; no page for a
 * value no case has. The context, lent the cards, is made in a value
 * scope: one arena, dropped whole.
 */
static void cases_page(struct nv_html_state *s, struct nv_html_worker *w,
		       const struct case_bank *bk, size_t p, const char *value, const char *url)
{
	struct nv_value *ctx, *items, *facets;
	struct nv_buf b = NV_BUF_INIT, yb = NV_BUF_INIT;
	size_t i, f, shown = 0;
	struct nv_date newest = { 0, 0, 0 }, c;
	const char *cv;
	static const char *const lists[] = { "forms", "kinds", "years" };

	nv_value_scope_begin();
	ctx = obj();
	items = arr();
	facets = obj();
	for (i = 0; i < bk->n; i++) {
		if (p && (!(cv = nv_html_case_value(bk->v[i], facet_names[p - 1], &yb)) ||
			  strcmp(cv, value)))
			continue;
		push(items, bk->cards[i]);
		shown++;
		c = nv_html_entry_changed(s, bk->v[i]);
		if (c.year && (!newest.year || nv_date_cmp(c, newest) > 0))
			newest = c;
	}
	if (p && !shown)
		goto out;
	for (f = 0; f < 3; f++)
		nv_html_set_list(facets, lists[f],
				 nv_html_facet(facet_names[f], bk->values[f], bk->counts[f], url));
	set(ctx, "facets", facets);
	nv_html_set_list(ctx, "items", items);
	nv_html_set_updated(ctx, newest);
	set_n(ctx, "total", (double)bk->n);
	if (p) {
		set_s(ctx, "filter", value);
		set_b(ctx, "filtered", true);
		/*
		 * The facet the page selects by: its control shows the value and
		 * leads to the other pages.
		 */
		set_s(ctx, "scope", facet_names[p - 1]);
		nv_buf_addf(&b, "Лучшие практики: %s", value);
	} else {
		nv_buf_adds(&b, "Лучшие практики");
	}
	nv_html_emit(s, w, url, "cases", ctx, b.ptr, "list", NULL);
out:
	nv_value_scope_end();
	nv_buf_release(&b);
	nv_buf_release(&yb);
}

/* The case bank: the full list and one static page per filter value. */
void nv_html_emit_cases(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct case_bank bk;
	size_t i, k, nyears, p;

	bk.n = nv_html_entries_of(s->m, NV_KIND_CASE, &bk.v);
	bk.years = nv_xcalloc(bk.n + 1, sizeof(*bk.years));
	bk.cards = nv_xcalloc(bk.n + 1, sizeof(*bk.cards));
	for (i = 0; i < bk.n; i++)
		bk.cards[i] = nv_html_case_card(s, bk.v[i]);
	nyears = case_years(bk.v, bk.n, bk.years);
	bk.values[0] = forms_of(s->m);
	bk.values[1] = nv_mentoring_kinds;
	bk.values[2] = (const char *const *)bk.years;
	for (p = 0; p < 3; p++)
		bk.counts[p] = nv_html_facet_counts(facet_names[p], bk.values[p], bk.v, bk.n);
	/* The page of all cases (p = 0), then one per value of each facet. */
	for (p = 0; p < 4; p++)
		for (k = 0; p ? bk.values[p - 1][k] != NULL : k < 1; k++) {
			char *url = p ? nv_html_filter_url(facet_names[p - 1], bk.values[p - 1][k])
				      : nv_xstrdup("cases/index.html");
			cases_page(s, w, &bk, p, p ? bk.values[p - 1][k] : NULL, url);
			free(url);
		}
	for (i = 0; i < bk.n; i++)
		nv_value_free(bk.cards[i]);
	for (i = 0; i < nyears; i++)
		free(bk.years[i]);
	for (p = 0; p < 3; p++)
		free(bk.counts[p]);
	free(bk.cards);
	free(bk.years);
	free(bk.v);
}

/* --- section pages -------------------------------------------------------------- */

void nv_html_emit_index(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_value *ctx = obj(), *news = arr(), *sections = arr(), *v;
	struct nv_entry **items;
	size_t i, n = nv_html_entries_of(s->m, NV_KIND_NEWS, &items);

	for (i = 0; i < n && i < 3; i++)
		push(news, nv_html_doc_link(s, items[i]));
	nv_html_set_list(ctx, "news", news);
	free(items);
	for (i = 0; i < s->navdef->nr; i++) {
		const char *desc = nv_map_get_str(s->navdef->items[i], "description");
		if (!desc)
			continue;
		v = nv_value_copy(s->navdef->items[i]);
		push(sections, v);
	}
	nv_html_set_list(ctx, "sections", sections);
	nv_html_set_updated(ctx, nv_html_site_changed(s));
	nv_html_emit(s, w, "index.html", "index", ctx, s->m->site.section_title, "index", NULL);
}

/* --- numbers in words: every number agrees with its noun ------------------ */

/* «наставническая пара или группа» / «…пары или группы» / «…пар и групп» for n. */
static const char *pairs_noun(size_t n)
{
	return nv_plural(n, "наставническая пара или группа", "наставнические пары или группы",
			 "наставнических пар и групп");
}

/* A verb for n: «работает 1», «работают 12». */
static const char *verb(size_t n, const char *one, const char *many)
{
	return nv_plural(n, one, many, many);
}

/*
 * The mentors page's sentence, counting pairs as the monitoring page
 * does: «работает 1 наставническая пара или группа», «работают 10
 * наставнических пар и групп, всего в программе — 12».
 */
static void mentors_sentence(struct nv_buf *b, size_t active, size_t all)
{
	nv_buf_addf(b, "%s %zu %s", verb(active, "работает", "работают"), active,
		    pairs_noun(active));
	if (all != active)
		nv_buf_addf(b, ", всего в программе — %zu", all);
}

/*
 * The monitoring line after the figure `all`: «наставнических пар и
 * групп, из них работают 10, завершила работу 1, прекращены досрочно 2».
 */
static void monitoring_line(struct nv_buf *b, size_t all, const size_t *pstatus)
{
	size_t a = pstatus[NV_PAIR_ACTIVE], f = pstatus[NV_PAIR_FINISHED],
	       e = pstatus[NV_PAIR_ENDED_EARLY];

	nv_buf_addf(b, "%s, из них %s %zu, %s работу %zu, %s досрочно %zu", pairs_noun(all),
		    verb(a, "работает", "работают"), a, verb(f, "завершила", "завершили"), f,
		    verb(e, "прекращена", "прекращены"), e);
}

void nv_html_emit_mentors(struct nv_html_state *s, struct nv_html_worker *w)
{
	const struct nv_model *m = s->m;
	struct nv_value *ctx = obj(), *list = arr(), *forms = arr(), *v, *fl;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_monitoring mon;
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
		set_list_text(v, "forms", fl);
		set_n(v, "mentees", (double)nmentees);
		push(list, v);
	}
	nv_monitoring_count(&mon, m);
	for (f = 0; f < mon.nforms; f++) {
		v = obj();
		set_s(v, "form", mon.forms[f].form);
		set_n(v, "count", (double)mon.forms[f].pairs);
		set_n(v, "active", (double)mon.forms[f].active);
		push(forms, v);
	}
	nv_html_set_list(ctx, "mentors", list);
	nv_html_set_list(ctx, "forms", forms);
	if (hidden)
		set_n(ctx, "hidden", (double)hidden);
	set_n(ctx, "pairs", (double)mon.pairs);
	nv_buf_reset(&b);
	mentors_sentence(&b, mon.pairs_by_status[NV_PAIR_ACTIVE], mon.pairs);
	set_s(ctx, "pairs_sentence", b.ptr);
	nv_monitoring_release(&mon);
	nv_html_set_updated(ctx, nv_html_site_changed(s));
	nv_html_emit(s, w, "mentors.html", "mentors", ctx, "Наставники", "mentors", NULL);
	nv_buf_release(&b);
}

/*
 * The bar chart of pairs by form, drawn by the theme's partials/chart
 * (inline SVG): its height and one bar per form, the geometry computed
 * here, in whole pixels: {height, bars: [{form, count, y, text_y, width,
 * value_x}]}.
 */
static struct nv_value *chart(const struct nv_value *rows, size_t max)
{
	struct nv_value *c = obj(), *bars = arr(), *bar;
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	nv_buf_addf(&b, "%zu", rows->nr * 34 + 10);
	set_s(c, "height", b.ptr);
	for (i = 0; i < rows->nr; i++) {
		double count = nv_map_get(rows->items[i], "count")->number;
		double w = max ? 300.0 * count / (double)max : 0;
		size_t y = i * 34 + 6;

		bar = obj();
		set_s(bar, "form", nv_map_get_str(rows->items[i], "form"));
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%.0f", count);
		set_s(bar, "count", b.ptr);
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%zu", y);
		set_s(bar, "y", b.ptr);
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%zu", y + 18);
		set_s(bar, "text_y", b.ptr);
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%.0f", w);
		set_s(bar, "width", b.ptr);
		nv_buf_reset(&b);
		nv_buf_addf(&b, "%.0f", 288 + w);
		set_s(bar, "value_x", b.ptr);
		push(bars, bar);
	}
	set(c, "bars", bars);
	nv_buf_release(&b);
	return c;
}

void nv_html_emit_monitoring(struct nv_html_state *s, struct nv_html_worker *w)
{
	struct nv_value *ctx = obj(), *forms = arr(), *v, *roadmap = obj();
	struct nv_monitoring mon;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_report r;
	size_t f;

	nv_monitoring_count(&mon, s->m);
	for (f = 0; f < mon.nforms; f++) {
		v = obj();
		set_s(v, "form", mon.forms[f].form);
		set_n(v, "count", (double)mon.forms[f].pairs);
		push(forms, v);
	}
	set(ctx, "chart", chart(forms, mon.max_form_pairs));
	nv_html_set_list(ctx, "forms", forms);
	set_n(ctx, "pairs", (double)mon.pairs);
	set_n(ctx, "pairs_active", (double)mon.pairs_by_status[NV_PAIR_ACTIVE]);
	set_n(ctx, "pairs_finished", (double)mon.pairs_by_status[NV_PAIR_FINISHED]);
	set_n(ctx, "pairs_ended_early", (double)mon.pairs_by_status[NV_PAIR_ENDED_EARLY]);
	nv_buf_reset(&b);
	monitoring_line(&b, mon.pairs, mon.pairs_by_status);
	set_s(ctx, "pairs_line", b.ptr);
	nv_report_build(&r, s->m);
	nv_html_report_shares(ctx, &r);
	set_n(roadmap, "done", (double)mon.items_by_status[NV_ITEM_DONE]);
	set_n(roadmap, "planned", (double)mon.items_by_status[NV_ITEM_PLANNED]);
	set_n(roadmap, "moved", (double)mon.items_by_status[NV_ITEM_MOVED]);
	set_n(roadmap, "total", (double)mon.items);
	set_s(roadmap, "items_noun",
	      nv_plural(mon.items, "мероприятия", "мероприятий", "мероприятий"));
	set(ctx, "roadmap", roadmap);
	nv_monitoring_release(&mon);
	set(ctx, "report", nv_html_report(s, &r));
	nv_report_release(&r);
	nv_html_set_updated(ctx, nv_html_site_changed(s));
	nv_html_emit(s, w, "monitoring.html", "monitoring", ctx, "Мониторинг", "monitoring", NULL);
	nv_buf_release(&b);
}
