/*
 * print_docs.c: the document printers and the print back end's entry
 * points; see print.h.
 *
 * A printer turns one model entry into engine blocks (print.h) the way
 * ГОСТ Р 7.0.97 and school practice set the document out (see
 * ../shared/DOMAIN.md, «How a printed order looks»); it never draws.
 * The pieces printers share are in print_blocks.c (approval blocks,
 * corner stamps, titles, tables) and print_body.c (Markdown bodies).
 *
 * The printers also name the structure of the tagged PDF: the title is
 * H1, Markdown headings H2 and below, list items LI with their nesting,
 * everything else a paragraph (P); the lines of one approval block or
 * corner stamp are one P.
 *
 * Printed documents are internal paper: people appear with their full
 * names, whatever their publish level on the website.
 */
#include "common.h"

#include <cmark.h>
#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "hyphenate.h"
#include "lazylib.h"
#include "markdown.h"
#include "model.h"
#include "person.h"
#include "print.h"
#include "print_docs_int.h"
#include "threads.h"
#include "typo.h"
#include "wording.h"

/* --- printers -------------------------------------------------------------------------- */

static void print_entry(struct printer *p, const struct nv_entry *e, int appendix);

/*
 * The organisation's header, the first requisites of every document it
 * issues (ГОСТ Р 7.0.97, 5.2–5.3): the founder, the organisation's full
 * name in bold and its short name in brackets, centred.
 */
void nv_pr_org_header(struct printer *p)
{
	const struct nv_model *m = p->s->m;
	struct nv_pl_style st;
	struct nv_buf t = NV_BUF_INIT;

	if (m->site.founder) {
		st = style(NV_PL_CENTER);
		st.role = "founder";
		st.after = p->s->o.size / 2;
		st.keep_next = true;
		esc_typo(&t, m->site.founder);
		nv_pr_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.keep_next = true;
	st.role = "organisation";
	esc_typo(&t, m->site.name);
	nv_pr_para(p, t.ptr, st);
	nv_buf_reset(&t);
	if (m->site.short_name) {
		st.bold = false;
		st.role = "short-name";
		nv_buf_adds(&t, "(");
		esc_typo(&t, m->site.short_name);
		nv_buf_adds(&t, ")");
		nv_pr_para(p, t.ptr, st);
	}
	nv_buf_release(&t);
}

/* The head of an order: the organisation's header, the word «ПРИКАЗ». */
static void order_head(struct printer *p)
{
	struct nv_pl_style st;

	/* Requisites: founder, organisation, document kind, date and number, place. */
	nv_pr_org_header(p);
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.size = p->s->o.size + 2;
	st.before = p->s->o.size * 1.5;
	st.after = p->s->o.size * 1.5;
	st.role = "kind";
	nv_pr_para(p, "<span letter_spacing=\"4096\">ПРИКАЗ</span>", st);
}

/*
 * The year at the foot of a title page: of the approving order (of the
 * project or outside it), else of the academic year or the period.
 */
static int title_year(const struct nv_entry *e)
{
	if (e->approved_by && e->approved_by->date.year)
		return e->approved_by->date.year;
	if (e->appendix_of.given && e->appendix_of.date.year)
		return e->appendix_of.date.year;
	if (!e->acyear && e->has_period)
		return e->period_from.year;
	return e->acyear;
}

/* «Автор-составитель:» (or «Авторы-составители:») and the authors, in the right half. */
static void title_page_authors(struct printer *p, const struct nv_entry *e)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	size_t i;

	st.before = CM(3.0);
	st.role = "authors";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	col = nv_pl_column(b, p->cw / 2, p->cw / 2);
	st = style(NV_PL_LEFT);
	nv_pl_column_para(col, e->nauthors > 1 ? "Авторы-составители:" : "Автор-составитель:", &st);
	for (i = 0; i < e->nauthors; i++) {
		nv_buf_reset(&t);
		nv_pr_full_name(&t, e->authors[i]);
		if (e->authors[i]->position) {
			nv_buf_adds(&t, ", ");
			nv_pr_person_place(&t, e->authors[i]);
		}
		nv_pl_column_para(col, t.ptr, &st);
	}
	nv_buf_release(&t);
}

/*
 * The title page of a program: organisation, approval blocks, the title
 * with the academic year, the authors, place and year at the foot; the
 * text begins on the next page.
 */
static void add_title_page(struct printer *p, const struct nv_entry *e, int appendix)
{
	const struct nv_model *m = p->s->m;
	struct nv_pl_style st;
	struct nv_buf t = NV_BUF_INIT;

	nv_pr_appendix_mark(p, e, appendix);
	nv_pr_org_header(p);
	nv_pr_space(p, p->s->o.size);
	nv_pr_approvals(p, e, 0);
	nv_pr_space(p, CM(4.0));
	st = style(NV_PL_CENTER);
	st.bold = true;
	st.size = p->s->o.size + 4;
	st.role = "title";
	st.tag = "H1";
	st.after = p->s->o.size;
	esc_typo(&t, e->title);
	nv_pr_para(p, t.ptr, st);
	nv_buf_reset(&t);
	if (e->acyear) {
		st = style(NV_PL_CENTER);
		st.role = "academic-year";
		nv_buf_adds(&t, "Срок реализации: ");
		nv_acyear_add(&t, e->acyear);
		nv_buf_adds(&t, " учебный год");
		nv_pr_para(p, t.ptr, st);
		nv_buf_reset(&t);
	} else if (e->period_text) {
		st = style(NV_PL_CENTER);
		st.role = "academic-year";
		nv_buf_adds(&t, "Срок реализации: ");
		esc_typo(&t, e->period_text);
		nv_pr_para(p, t.ptr, st);
		nv_buf_reset(&t);
	}
	if (e->nauthors)
		title_page_authors(p, e);
	st = style(NV_PL_CENTER);
	st.at_bottom = true;
	st.role = "place-year";
	nv_buf_reset(&t);
	if (m->site.place)
		esc(&t, m->site.place);
	if (title_year(e)) {
		if (t.len)
			nv_buf_adds(&t, "\xE2\x80\xA8");
		nv_buf_addf(&t, "%d", title_year(e));
	}
	nv_pr_para(p, t.ptr, st);
	nv_buf_release(&t);
	nv_pr_new_page(p, false, NULL);
}

/*
 * The head of a local act: the appendix mark when it is printed with its
 * order, the organisation's header, the approval blocks.
 */
static void local_act_head(struct printer *p, const struct nv_entry *e, int appendix)
{
	nv_pr_appendix_mark(p, e, appendix);
	nv_pr_org_header(p);
	nv_pr_space(p, p->s->o.size);
	nv_pr_approvals(p, e, 0);
}

/* A position, a program or any other document: head, title, body. */
static void print_local_act(struct printer *p, const struct nv_entry *e, int appendix)
{
	if (e->kind == NV_KIND_PROGRAM && e->title_page) {
		add_title_page(p, e, appendix);
	} else {
		local_act_head(p, e, appendix);
		nv_pr_title(p, e->title, e->kind == NV_KIND_POSITION);
	}
	nv_pr_body(p, e);
}

/*
 * A roadmap: its head, title and prose (goals, expected results) on
 * portrait pages, and its table, which needs the width, on landscape
 * pages of the same document; without prose, all of it on landscape
 * pages (roadmap_all_landscape()).
 */
static void print_roadmap(struct printer *p, const struct nv_entry *e, int appendix)
{
	local_act_head(p, e, appendix);
	nv_pr_title(p, e->title, false);
	nv_pr_body(p, e);
	if (!p->landscape)
		nv_pr_new_page(p, true, NULL);
	nv_pr_roadmap_table(p, e);
}

/*
 * Whether roadmap e is set on landscape pages from its first page: when
 * it has no prose, its title stays with the table.
 */
static bool roadmap_all_landscape(const struct nv_entry *e)
{
	return e->kind == NV_KIND_ROADMAP && (!e->md || !cmark_node_first_child(e->md->root));
}

/* The date left and «№ N» right on one line, then the place. */
static void order_date_number(struct printer *p, const struct nv_entry *e)
{
	const struct nv_model *m = p->s->m;
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;

	st.role = "date-number";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	b->align_last = true;
	col = nv_pl_column(b, 0, p->cw / 2);
	nv_date_add(&t, e->date, NV_DATE_NUMERIC);
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_reset(&t);
	col = nv_pl_column(b, p->cw / 2, p->cw / 2);
	nv_wording_number(&t, NULL);
	esc(&t, e->number);
	st.align = NV_PL_RIGHT;
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_reset(&t);
	if (e->place || m->site.place) {
		st = style(NV_PL_CENTER);
		st.role = "place";
		esc_typo(&t, e->place ? e->place : m->site.place);
		nv_pr_para(p, t.ptr, st);
	}
	nv_buf_release(&t);
}

/* The preamble, «ПРИКАЗЫВАЮ:» and the numbered items of the body. */
static void order_text(struct printer *p, const struct nv_entry *e)
{
	struct nv_pl_style st;
	struct nv_buf t = NV_BUF_INIT;

	if (e->preamble) {
		st = body_style();
		st.role = "preamble";
		esc_typo(&t, e->preamble);
		nv_pr_para(p, t.ptr, st);
	}
	st = style(NV_PL_LEFT);
	st.role = "prikazyvayu";
	st.keep_next = true;
	st.before = p->s->o.size / 2;
	st.after = p->s->o.size / 2;
	nv_pr_para(p, "ПРИКАЗЫВАЮ:", st);
	nv_pr_body(p, e);
	nv_buf_release(&t);
}

/* Signature: position left, name right on its last line's baseline (plain texts). */
void nv_pr_signature(struct printer *p, const char *position, const char *name)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;

	st.role = "signature";
	st.before = p->s->o.size * 2.5;
	st.keep_prev = true;
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	b->align_last = true;
	col = nv_pl_column(b, 0, p->cw * 0.6);
	nv_pr_esc_cap(&t, position ? position : "");
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_reset(&t);
	col = nv_pl_column(b, p->cw * 0.6, p->cw * 0.4);
	esc(&t, name);
	st.align = NV_PL_RIGHT;
	nv_pl_column_para(col, t.ptr, &st);
	nv_buf_release(&t);
}

/*
 * Each appendix of order e on a new page, bookmarked «Приложение № N.
 * <title>»: an approved document printed whole, or the pairs table under
 * its corner stamp.
 */
static void order_appendices(struct printer *p, const struct nv_entry *e)
{
	struct nv_buf t = NV_BUF_INIT;
	size_t i;

	p->appendices = e->nappendices;
	for (i = 0; i < e->nappendices; i++) {
		const struct nv_appendix *a = &e->appendices[i];
		nv_buf_reset(&t);
		nv_wording_appendix(&t, a->number, e->nappendices);
		nv_buf_adds(&t, ". ");
		if (a->doc) {
			char *title = nv_typo_str(a->doc->title ? a->doc->title : "");
			nv_buf_adds(&t, title);
			free(title);
			nv_pr_new_page(p, roadmap_all_landscape(a->doc), t.ptr);
			if (a->doc->kind == NV_KIND_PROGRAM && a->doc->title_page)
				p->doc->v[p->doc->nr - 1].unnumbered = true;
			print_entry(p, a->doc, a->number);
		} else {
			nv_buf_adds(&t, "Состав наставнических пар и групп");
			/* Seven columns: the pairs table is set on a landscape page. */
			nv_pr_new_page(p, true, t.ptr);
			nv_pr_corner(p, e, a->number);
			nv_pr_title(p, "Состав наставнических пар и групп", false);
			nv_pr_pairs_table(p, e);
		}
	}
	nv_buf_release(&t);
}

/*
 * An order: its requisites, title, text and signature, the acquaintance
 * sheet, then each appendix on a new page.
 */
static void print_order(struct printer *p, const struct nv_entry *e)
{
	order_head(p);
	order_date_number(p, e);
	nv_pr_space(p, p->s->o.size * 1.5);
	nv_pr_title(p, e->title, false);
	order_text(p, e);
	if (e->signatory) {
		struct nv_buf n = NV_BUF_INIT;
		nv_person_signature_name(&n, e->signatory);
		nv_pr_signature(p, e->signatory_position, n.ptr);
		nv_buf_release(&n);
	}
	nv_pr_acquaint(p, e);
	order_appendices(p, e);
}

/*
 * A form (бланк): the organisation's header unless the form is a
 * person's application (`letterhead: false`, which begins with its
 * addressee), the title, the text with its lines to fill in.
 */
static void print_form(struct printer *p, const struct nv_entry *e)
{
	cmark_node *first = e->md ? cmark_node_first_child(e->md->root) : NULL;

	if (e->letterhead) {
		nv_pr_org_header(p);
		nv_pr_space(p, p->s->o.size);
	}
	/* An application's addressee (a quote first) comes before its title. */
	if (!e->letterhead && first && cmark_node_get_type(first) == CMARK_NODE_BLOCK_QUOTE)
		p->pending_title = e->title;
	else
		nv_pr_title(p, e->title, false);
	nv_pr_body(p, e);
}

static void print_entry(struct printer *p, const struct nv_entry *e, int appendix)
{
	switch (e->kind) {
	case NV_KIND_FORM:
		print_form(p, e);
		break;
	case NV_KIND_ORDER:
		print_order(p, e);
		break;
	case NV_KIND_ROADMAP:
		print_roadmap(p, e, appendix);
		break;
	default:
		print_local_act(p, e, appendix);
		break;
	}
}

/* --- the back end ------------------------------------------------------------------ */

/*
 * Names are never hyphenated: the capitals of a name tell most of them
 * (hyphenate.h); people's names, the place and the proper names in the
 * organisation's names are also kept at the start of a sentence.
 */
static void keep_names(struct nv_pl_engine *en, const struct nv_model *m)
{
	size_t i;

	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		nv_pl_engine_keep_words(en, p->surname, false);
		nv_pl_engine_keep_words(en, p->name, false);
		nv_pl_engine_keep_words(en, p->patronymic, false);
	}
	nv_pl_engine_keep_words(en, m->site.place, false);
	nv_pl_engine_keep_words(en, m->site.name, true);
	nv_pl_engine_keep_words(en, m->site.short_name, true);
	nv_pl_engine_keep_words(en, m->site.founder, true);
}

/* How to install font on Debian, naming a package that holds it. */
static const char *font_package_hint(const char *font)
{
	if (!strcasecmp(font, "Times New Roman"))
		return "Times New Roman ставит пакет ttf-mscorefonts-installer (Debian, раздел "
		       "contrib); без него PDF наберёт Liberation Serif из пакета "
		       "fonts-liberation2";
	if (!strncasecmp(font, "Liberation ", 11) || nv_pl_font_substitute(font))
		return "установите пакет fonts-liberation2 (Debian) или укажите в print.font "
		       "установленный шрифт (список: fc-list : family)";
	return "установите этот шрифт или укажите в print.font установленный, например "
	       "«Liberation Serif» из пакета fonts-liberation2 (список: fc-list : family)";
}

/*
 * The font of the PDFs is missing and has no substitute: an error at the
 * line of site.yml that names it (the whole file when none does).
 */
static void font_missing(struct nv_print_state *s, const struct nv_print_profile *pp,
			 const char *why)
{
	const char *hint = font_package_hint(s->o.font);

	nv_diag_hint(nv_error(s->d, s->site_yml, pp->font_line, pp->font_col,
			      "печать: %s; PDF не собраны", why),
		     "%s", hint);
}

struct nv_pl_warm *nv_print_warm_start(void)
{
	return nv_pl_warm_start(NV_HYPHEN_RU, true);
}

void nv_print_warm_free(struct nv_pl_warm *w)
{
	nv_pl_warm_free(w);
}

struct nv_print_state *nv_print_new(const struct nv_model *m, struct nv_diags *d)
{
	return nv_print_new_warm(m, d, NULL);
}

struct nv_print_state *nv_print_new_warm(const struct nv_model *m, struct nv_diags *d,
					 struct nv_pl_warm *w)
{
	struct nv_print_state *s;
	const struct nv_print_profile *pp = &m->site.print, *df = &nv_print_defaults;
	struct nv_buf why = NV_BUF_INIT;

	/* Pango and the libraries under it are loaded now (lazylib.h), or w's thread loads them. */
	if (nv_lib_load_print(d) < 0) {
		nv_pl_warm_free(w);
		return NULL;
	}
	s = nv_xcalloc(1, sizeof(*s));
	s->m = m;
	s->d = d;
	s->site_yml = nv_xstrdup(m->site_yml ? m->site_yml : "content/site.yml");
	s->o.font = pp->font && *pp->font ? pp->font : df->font;
	s->o.size = pp->size > 0 ? pp->size : df->size;
	s->o.table_size = pp->table_size > 0 ? pp->table_size : df->table_size;
	s->o.margin_top = pp->margin_top > 0 ? pp->margin_top : df->margin_top;
	s->o.margin_right = pp->margin_right > 0 ? pp->margin_right : df->margin_right;
	s->o.margin_bottom = pp->margin_bottom > 0 ? pp->margin_bottom : df->margin_bottom;
	s->o.margin_left = pp->margin_left > 0 ? pp->margin_left : df->margin_left;
	s->o.gost2025 = pp->gost2025;
	s->two = w && nv_cpu_count() > 1;
	s->en = nv_pl_engine_new_warm(&s->o, w ? w : nv_pl_warm_start(NV_HYPHEN_RU, false), &why);
	if (!s->en) {
		font_missing(s, pp, why.ptr);
		nv_print_free(s);
		s = NULL;
		goto out;
	}
	if (strcmp(nv_pl_engine_font(s->en), s->o.font)) {
		nv_diag_hint(
			nv_diag_add(d, NV_NOTE, s->site_yml, pp->font_line, pp->font_col,
				    "печать: шрифт «%s» не установлен — документы набраны "
				    "метрически совместимым «%s»",
				    s->o.font, nv_pl_engine_font(s->en)),
			"чтобы печатать шрифтом «%s», установите его%s", s->o.font,
			strcasecmp(s->o.font, "Times New Roman")
				? ""
				: " (Debian: пакет ttf-mscorefonts-installer, раздел contrib)");
		s->o.font = nv_pl_engine_font(s->en);
	}
	keep_names(s->en, m);
	if (!nv_pl_engine_hyphenates(s->en))
		nv_diag_hint(
			nv_warning(d, NULL, 0, 0,
				   "печать: нет словаря переносов %s — текст будет без переносов",
				   NV_HYPHEN_RU),
			"установите пакет hyphen-ru");
out:
	nv_buf_release(&why);
	return s;
}

void nv_print_forget(struct nv_print_state *s)
{
	if (s)
		nv_pl_engine_forget(s->en);
}

void nv_print_free(struct nv_print_state *s)
{
	if (!s)
		return;
	nv_pl_engine_free(s->twin); /* first: it borrows the patterns of s->en */
	nv_pl_engine_free(s->en);
	free(s->site_yml);
	free(s);
}

/* Build the blocks of entry e. The caller frees the result. */
static struct nv_pl_doc *build(struct nv_print_state *s, const struct nv_entry *e, bool warn)
{
	struct printer p;
	struct nv_buf t = NV_BUF_INIT;
	char *title = nv_typo_str(e->title ? e->title : "");

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.doc = nv_pl_doc_new();
	p.landscape = roadmap_all_landscape(e);
	p.cw = nv_pl_content_width(s->en, p.landscape);
	p.doc->landscape = p.landscape;
	p.form = e->kind == NV_KIND_FORM;
	p.warn = warn;
	if (e->kind == NV_KIND_ORDER) {
		nv_buf_adds(&t, "Приказ ");
		nv_wording_order_ref(&t, e->date, e->number);
		nv_buf_addf(&t, " «%s»", title);
	} else {
		nv_buf_adds(&t, title);
	}
	p.doc->title = nv_buf_detach(&t, NULL);
	p.doc->outline = nv_xstrdup(p.doc->title);
	p.doc->author = nv_xstrdup(s->m->site.name ? s->m->site.name : "");
	free(title);
	print_entry(&p, e, 0);
	return p.doc;
}

/*
 * Whether e and the appendices it prints have their bodies' trees: a
 * body without one (md_summary.h) here is a bug, said, never a blank page.
 */
static bool parsed(struct nv_print_state *s, const struct nv_entry *e)
{
	size_t i;

	if (e->md && !e->md->root) {
		nv_diag_hint(nv_error(s->d, e->path, 0, 0,
				      "внутренняя ошибка: текст документа не разобран"),
			     "удалите файл .nastavnik-bodies в папке сборки, запустите сборку ещё "
			     "раз и сообщите об ошибке разработчикам");
		return false;
	}
	for (i = 0; i < e->nappendices; i++)
		if (e->appendices[i].doc && !parsed(s, e->appendices[i].doc))
			return false;
	return true;
}

/*
 * A character no font of the PDF has, cp, in the document at file: a
 * warning (the checks of the text say the usual ones at their place,
 * model_chars.c; this is any other).
 */
static void missing_glyph(struct nv_print_state *s, const char *file, uint32_t cp)
{
	struct nv_buf c = NV_BUF_INIT;

	nv_buf_addcp(&c, cp);
	nv_diag_hint(nv_warning(s->d, file, 0, 0,
				"печать: в шрифтах PDF нет знака «%s» (U+%04X) — на бумаге на "
				"его месте пустой квадрат",
				c.ptr, (unsigned)cp),
		     "найдите знак в тексте и замените его словом или обычным символом; шрифт "
		     "документов задаёт print.font в site.yml");
	nv_buf_release(&c);
}

/* An image Cairo could not read past its header, im: a warning at it. */
static void image_failed(struct nv_print_state *s, const char *file, const struct nv_pl_image *im)
{
	nv_diag_hint(nv_warning(s->d, file, im->line, im->col,
				"печать: изображение «%s» не прочитано — на бумаге на его месте "
				"пусто",
				im->name),
		     "файл повреждён: откройте его в графическом редакторе и сохраните заново как "
		     "PNG или JPEG");
}

int nv_print_document(struct nv_print_state *s, const struct nv_entry *e, const char *pdf_path,
		      struct nv_buf *layout_dump)
{
	struct nv_pl_doc *doc;
	struct nv_pl_pages *pages;
	struct nv_buf pdf = NV_BUF_INIT, why = NV_BUF_INIT;
	const char *file = e->path;
	int rc = -1;

	if (!parsed(s, e))
		return -1;
	doc = build(s, e, true);
	pages = s->two ? nv_pl_layout_two(s->en, &s->twin, doc) : nv_pl_layout(s->en, doc);
	if (layout_dump)
		nv_pl_dump(pages, layout_dump);
	if (nv_pl_paint(s->en, pages, &pdf, &why) < 0) {
		nv_error(s->d, file, 0, 0, "печать: %s", why.ptr);
		goto out;
	}
	if (nv_pl_missing(s->en))
		missing_glyph(s, file, nv_pl_missing(s->en));
	if (nv_pl_image_failed(s->en))
		image_failed(s, file, nv_pl_image_failed(s->en));
	if (pdf_path && nv_write_file(pdf_path, pdf.ptr, pdf.len) < 0) {
		nv_error(s->d, pdf_path, 0, 0, "не удалось записать PDF: %s", nv_strerror(errno));
		goto out;
	}
	rc = 0;
out:
	nv_pl_pages_free(pages);
	nv_pl_doc_free(doc);
	nv_buf_release(&pdf);
	nv_buf_release(&why);
	nv_pl_engine_rest(s->en);
	return rc;
}

int nv_print_text(struct nv_print_state *s, const struct nv_entry *e, bool laid_out,
		  struct nv_buf *out)
{
	struct nv_pl_doc *doc;
	struct nv_pl_pages *pages;

	if (!parsed(s, e))
		return -1;
	doc = build(s, e, false);

	if (laid_out) {
		pages = nv_pl_layout(s->en, doc);
		nv_pl_text(pages, out);
		nv_pl_pages_free(pages);
	} else {
		nv_pl_doc_text(doc, out);
	}
	nv_pl_doc_free(doc);
	return 0;
}
