/*
 * print_docs_int.h: private to the document printers (print_docs.c,
 * print_blocks.c, print_body.c); see print.h.
 *
 * A printer turns one model entry into engine blocks; the pieces that
 * several printers share (approval blocks, corner stamps, titles,
 * tables, Markdown bodies) are functions here that append blocks to the
 * document being printed. Text given to the engine is Pango markup: the
 * esc helpers escape plain UTF-8 for it.
 */
#ifndef NV_PRINT_DOCS_INT_H
#define NV_PRINT_DOCS_INT_H

#include "common.h"

#include "buf.h"
#include "model.h"
#include "print.h"
#include "typo.h"
#include "wording.h"

#define CM(x)  ((x)*72.0 / 2.54)
#define INDENT CM(1.25)
#define NBSP   NV_WORDING_NBSP

struct nv_md;

struct nv_print_state {
	const struct nv_model *m;
	struct nv_diags *d;
	struct nv_print_opts o;
	struct nv_pl_engine *en;
	/*
	 * For a command that prints one document (nv_print_new_warm() with
	 * a set-up): documents are measured on two threads, the second with
	 * twin (nv_pl_layout_two()).
	 */
	bool two;
	struct nv_pl_engine *twin;
	char *site_yml; /* for diagnostics */
};

/* What one document is being printed into. */
struct printer {
	struct nv_print_state *s;
	struct nv_pl_doc *doc;
	bool landscape;
	bool form; /* a form (бланк): its lines to fill in are set ragged, not justified */
	const char *pending_title; /* a form's title, set after the quote that begins it */
	double cw;		   /* content width of the current pages */
	/*
	 * The number of appendices of the order being printed: one is marked
	 * «Приложение», several «Приложение № N» (nv_wording_appendix()).
	 */
	size_t appendices;
	/* Say what paper will miss (an image it cannot show): nv_print_document(). */
	bool warn;
};

static inline struct nv_pl_style style(enum nv_pl_align a)
{
	struct nv_pl_style st;

	memset(&st, 0, sizeof(st));
	st.align = a;
	return st;
}

/* A justified paragraph with the first-line indent and hyphenation. */
static inline struct nv_pl_style body_style(void)
{
	struct nv_pl_style st = style(NV_PL_JUSTIFY);

	st.indent = INDENT;
	st.hyphenate = true;
	return st;
}

/* Append s escaped for Pango markup. */
static inline void esc(struct nv_buf *b, const char *s)
{
	if (s)
		nv_buf_add_html(b, s, strlen(s));
}

/* Append s with typography applied, escaped. */
static inline void esc_typo(struct nv_buf *b, const char *s)
{
	char *t;

	if (!s)
		return;
	t = nv_typo_str(s);
	esc(b, t);
	free(t);
}

static inline void nv_pr_para(struct printer *p, const char *markup, struct nv_pl_style st)
{
	nv_pl_para(p->doc, markup, &st);
}

/* The organisation's header: founder, full name in bold, short name (print_docs.c). */
void nv_pr_org_header(struct printer *p);

/*
 * A signature: position (plain text, capitalised) on the left, name
 * (plain text) on the right on the baseline of the position's last line
 * (print_docs.c).
 */
void nv_pr_signature(struct printer *p, const char *position, const char *name);

/* --- print_blocks.c --------------------------------------------------------------- */

/* Append s escaped, its first letter upper-cased: «директор» → «Директор». */
void nv_pr_esc_cap(struct nv_buf *b, const char *s);
/* Add vertical space of pt points (dropped at the top of a page). */
void nv_pr_space(struct printer *p, double pt);
/* Start a new page, landscape or not, with a bookmark `outline` (may be NULL). */
void nv_pr_new_page(struct printer *p, bool landscape, const char *outline);
/*
 * The approval blocks of a local act, left and right, side by side and
 * top-aligned; the right column is the corner column. `appendix` (when
 * > 0) puts the appendix mark («Приложение № N») in the corner above
 * them.
 */
void nv_pr_approvals(struct printer *p, const struct nv_entry *e, int appendix);
/*
 * The mark of an approved document printed with its order as appendix
 * `appendix` («Приложение № N», or «Приложение» when it is the only one),
 * at the top of the corner column, above the approval blocks, so that the
 * blocks of both columns begin on one line. When appendix <= 0: the stamp
 * of the outside order e is an appendix of (e->appendix_of), if any.
 */
void nv_pr_appendix_mark(struct printer *p, const struct nv_entry *e, int appendix);
/* «Приложение № N / к приказу МАОУ «СОШ № 14» / от … № …» in the corner column. */
void nv_pr_corner(struct printer *p, const struct nv_entry *order, int number);
/*
 * The title of a document, centred and bold (H1); with kind_word, the
 * first word of «Положение о …» on a line of its own in capitals.
 */
void nv_pr_title(struct printer *p, const char *title, bool kind_word);
/* Append a person's place: position (and organisation) or class, escaped. */
void nv_pr_person_place(struct nv_buf *b, const struct nv_person *x);
/* Append a person's full name, escaped. */
void nv_pr_full_name(struct nv_buf *b, const struct nv_person *x);
/*
 * The pairs of an order as a table; one row per mentee, the pair's cells
 * on its first row and merged down over the rows of its other mentees.
 */
void nv_pr_pairs_table(struct printer *p, const struct nv_entry *order);
/*
 * «С приказом ознакомлены:» and its table, when the order lists people to
 * acquaint; at the top of a page the heading is «Лист ознакомления с
 * приказом от … № … «title»».
 */
void nv_pr_acquaint(struct printer *p, const struct nv_entry *e);
/* The roadmap's table: № п/п · Мероприятие · Срок · Ответственный · Результат. */
void nv_pr_roadmap_table(struct printer *p, const struct nv_entry *e);

/* --- print_body.c ------------------------------------------------------------------- */

/*
 * Append the blocks of the Markdown body of e. Raw HTML is left out;
 * links keep their text; a thematic break is a blank line; an image on
 * a line of its own is a picture with its text under it.
 */
void nv_pr_body(struct printer *p, const struct nv_entry *e);

#endif
