/*
 * print_blocks.c: the pieces of printed documents that several printers
 * share: approval blocks and corner stamps set in the corner column,
 * titles, and the tables of pairs, of acquaintance and of a roadmap; see
 * print_docs_int.h. The wording of requisites comes from wording.h.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "model.h"
#include "person.h"
#include "print.h"
#include "print_docs_int.h"
#include "typo.h"
#include "utf8.h"
#include "wording.h"

/* Append s escaped, its first letter upper-cased: «директор» → «Директор». */
void nv_pr_esc_cap(struct nv_buf *b, const char *s)
{
	char *t = nv_utf8_capitalize(s);

	esc(b, t);
	free(t);
}

/* Append s escaped, every letter upper-cased: «Положение» → «ПОЛОЖЕНИЕ». */
static void esc_upper(struct nv_buf *b, const char *s)
{
	char *t = nv_wording_upper(s);

	esc(b, t);
	free(t);
}

void nv_pr_space(struct printer *p, double pt)
{
	struct nv_pl_style st = style(NV_PL_LEFT);

	st.before = pt;
	nv_pl_add(p->doc, NV_PL_SPACE, &st);
}

void nv_pr_new_page(struct printer *p, bool landscape, const char *outline)
{
	struct nv_pl_block *b = nv_pl_add(p->doc, NV_PL_BREAK, NULL);

	b->landscape = landscape;
	b->outline = outline ? nv_xstrdup(outline) : NULL;
	p->landscape = landscape;
	p->cw = nv_pl_content_width(p->s->en, landscape);
}

/*
 * The width of the corner column (approval blocks, «Приложение № N к
 * приказу …»): the longest line of a requisite set in the corner is 7.5 cm
 * under ГОСТ Р 7.0.97-2016 and 8 cm under the 2025 edition.
 */
static double corner_w(const struct printer *p)
{
	return p->s->o.gost2025 ? CM(8.0) : CM(7.5);
}

/* Add plain UTF-8 text as a paragraph of a column, escaped for Pango. */
static void column_text(struct nv_pl_column *col, const char *text, const struct nv_pl_style *st)
{
	struct nv_buf b = NV_BUF_INIT;

	esc(&b, text);
	nv_pl_column_para(col, b.ptr, st);
	nv_buf_release(&b);
}

/* The organisation's short name (else its full name), typeset; the caller frees. */
static char *org_short(const struct nv_model *m)
{
	return nv_typo_str(m->site.short_name ? m->site.short_name
			   : m->site.name     ? m->site.name
					      : "");
}

/* The organisation's name in the genitive for «приказом …», «к приказу …», typeset. */
static char *org_genitive(const struct nv_model *m)
{
	return nv_typo_str(m->site.genitive ? m->site.genitive : "");
}

/* --- approval blocks and corner stamps ---------------------------------------------- */

/* The lines of a block derived from the approving order: label, «приказом …», «от … № …». */
static void order_lines(struct nv_pl_column *col, const struct nv_approval_text *t,
			struct nv_pl_style st)
{
	nv_pl_column_para(col, t->label, &st);
	st.before = 0;
	st.tag = NULL;
	column_text(col, t->by_order, &st);
	column_text(col, t->order_ref, &st);
}

/*
 * The lines of any other block in the order of ГОСТ Р 7.0.97: label, the
 * order it cites, text, protocol, position, signature, date.
 */
static void own_lines(struct nv_pl_column *col, const struct nv_approval *a,
		      const struct nv_approval_text *t, struct nv_pl_style st)
{
	const char *lines[] = { t->by_order, t->order_ref, t->body, t->protocol, t->position };
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	nv_pl_column_para(col, t->label, &st);
	st.before = 0;
	st.tag = NULL;
	for (i = 0; i < NV_ARRAY_SIZE(lines); i++)
		if (lines[i])
			column_text(col, lines[i], &st);
	if (t->signature) {
		nv_buf_adds(&b, "____________ ");
		esc(&b, t->signature);
		nv_pl_column_para(col, b.ptr, &st);
	}
	if (t->date)
		column_text(col, t->date, &st);
	else if (a->label == NV_LABEL_APPROVE)
		nv_pl_column_para(col, NV_WORDING_DATE_BLANK, &st);
	nv_buf_release(&b);
}

/* The lines of one approval block, each a paragraph of the column. */
static void approval_lines(struct printer *p, struct nv_pl_column *col, const struct nv_entry *e,
			   const struct nv_approval *a, bool first)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_approval_text t;
	struct nv_wording_org o;
	char *org = org_short(p->s->m), *gen = org_genitive(p->s->m);

	st.before = first ? 0 : p->s->o.size;
	/* The block is one paragraph of the structure. */
	st.tag = "P";
	o.name = org;
	o.genitive = gen;
	o.site = &p->s->m->site;
	nv_approval_text_init(&t, e, a, &o, false);
	if (a->order)
		order_lines(col, &t, st);
	else
		own_lines(col, a, &t, st);
	nv_approval_text_release(&t);
	free(org);
	free(gen);
}

/* «Приложение № 2 / к приказу Отдела образования / от 14.04.2021 № 187»: an outside order's stamp.
 */
static void outside_stamp(struct printer *p, const struct nv_entry *e)
{
	struct nv_pl_style st = style(NV_PL_LEFT), ast = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	char *gen = org_genitive(p->s->m), *issuer = NULL, *line, *nl;

	st.after = p->s->o.size;
	st.keep_next = true;
	st.role = "appendix-mark";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	col = nv_pl_column(b, p->cw - corner_w(p), corner_w(p));
	if (e->appendix_of.issuer) {
		struct nv_outside_order ref = e->appendix_of;
		issuer = nv_typo_str(ref.issuer);
		ref.issuer = issuer;
		nv_wording_outside_stamp(&t, &ref, gen);
	} else {
		nv_wording_outside_stamp(&t, &e->appendix_of, gen);
	}
	ast.tag = "P";
	for (line = t.ptr; line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		column_text(col, line, &ast);
		ast.tag = NULL;
	}
	nv_buf_release(&t);
	free(issuer);
	free(gen);
}

void nv_pr_appendix_mark(struct printer *p, const struct nv_entry *e, int appendix)
{
	struct nv_pl_style st = style(NV_PL_LEFT), ast = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_buf num = NV_BUF_INIT;

	if (appendix <= 0 && e && e->appendix_of.given)
		outside_stamp(p, e);
	if (appendix <= 0)
		return;
	st.after = p->s->o.size;
	st.keep_next = true;
	st.role = "appendix-mark";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	nv_wording_appendix(&num, appendix, p->appendices);
	ast.tag = "P";
	nv_pl_column_para(nv_pl_column(b, p->cw - corner_w(p), corner_w(p)), num.ptr, &ast);
	nv_buf_release(&num);
}

/*
 * The approval blocks of a local act, left and right, side by side; the
 * right column is the corner column (corner_w()). `appendix` (when > 0)
 * puts the appendix mark above them (nv_pr_appendix_mark()).
 */
void nv_pr_approvals(struct printer *p, const struct nv_entry *e, int appendix)
{
	struct nv_pl_style st;
	struct nv_pl_block *b;
	struct nv_pl_column *left, *right;
	size_t i;
	bool lfirst = true, rfirst = true;
	double cw = corner_w(p);

	if (appendix > 0)
		nv_pr_appendix_mark(p, e, appendix);
	if (!e->napprovals)
		return;
	st = style(NV_PL_LEFT);
	st.after = p->s->o.size;
	st.role = "approvals";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	nv_pl_column(b, 0, p->cw - cw - CM(1.0) < cw ? p->cw - cw - CM(1.0) : cw);
	nv_pl_column(b, p->cw - cw, cw);
	/* Both columns exist now: adding one may move the other. */
	left = &b->cols[0];
	right = &b->cols[1];
	for (i = 0; i < e->napprovals; i++) {
		const struct nv_approval *a = &e->approvals[i];
		if (a->right) {
			approval_lines(p, right, e, a, rfirst);
			rfirst = false;
		} else {
			approval_lines(p, left, e, a, lfirst);
			lfirst = false;
		}
	}
}

/* «Приложение № N / к приказу МАОУ «СОШ № 14» / от … № …» in the corner column. */
void nv_pr_corner(struct printer *p, const struct nv_entry *order, int number)
{
	struct nv_pl_style st = style(NV_PL_LEFT), cst = style(NV_PL_LEFT);
	struct nv_pl_block *b;
	struct nv_pl_column *col;
	struct nv_buf t = NV_BUF_INIT;
	char *org = org_genitive(p->s->m);

	st.after = p->s->o.size;
	st.role = "corner";
	b = nv_pl_add(p->doc, NV_PL_COLUMNS, &st);
	col = nv_pl_column(b, p->cw - corner_w(p), corner_w(p));
	nv_wording_appendix(&t, number, order->nappendices);
	column_text(col, t.ptr, &cst);
	nv_buf_reset(&t);
	nv_wording_to_order(&t, org);
	column_text(col, t.ptr, &cst);
	nv_buf_reset(&t);
	nv_wording_order_ref(&t, order->date, order->number);
	column_text(col, t.ptr, &cst);
	nv_buf_release(&t);
	free(org);
}

void nv_pr_title(struct printer *p, const char *title, bool kind_word)
{
	struct nv_pl_style st = style(NV_PL_CENTER);
	struct nv_buf b = NV_BUF_INIT;
	const char *sp;

	st.bold = true;
	st.keep_next = true;
	st.after = p->s->o.size;
	st.role = "title";
	st.tag = "H1";
	/* «Положение о …» → «ПОЛОЖЕНИЕ» on a line of its own, then «о …»: one heading. */
	if (kind_word && title && (sp = strchr(title, ' ')) && sp[1] &&
	    (unsigned char)sp[1] >= 0xD0) {
		char *word = nv_xmemdupz(title, (size_t)(sp - title));
		esc_upper(&b, word);
		free(word);
		nv_buf_adds(&b, "\xE2\x80\xA8"); /* U+2028: a new line, same paragraph */
		title = sp + 1;
	}
	esc_typo(&b, title);
	nv_pr_para(p, b.ptr, st);
	nv_buf_release(&b);
}

/* --- tables -------------------------------------------------------------------------- */

/* Column widths given in mm for a 170 mm wide page, scaled to cw. */
static struct nv_pl_table *table_mm(struct printer *p, const double *mm, size_t n)
{
	double w[16] = { 0 }, total = 0;
	size_t i;

	for (i = 0; i < n; i++)
		total += mm[i];
	for (i = 0; i < n && i < NV_ARRAY_SIZE(w); i++)
		w[i] = mm[i] / total * p->cw;
	return nv_pl_table_new(w, n, p->s->o.table_size);
}

static void add_table(struct printer *p, struct nv_pl_table *t, const char *role)
{
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_pl_block *b;

	st.role = role;
	st.before = p->s->o.size / 2;
	st.after = p->s->o.size;
	b = nv_pl_add(p->doc, NV_PL_TABLE, &st);
	b->table = t;
}

/* A person's place: position (and organisation) or class. */
void nv_pr_person_place(struct nv_buf *b, const struct nv_person *x)
{
	if (x->category == NV_CAT_STUDENT) {
		nv_buf_adds(b, nv_role_word(NV_ROLE_STUDENT, x->gender));
		if (x->class_name) {
			nv_buf_adds(b, " ");
			esc_typo(b, x->class_name);
			nv_buf_adds(b, " класса");
		}
		return;
	}
	esc_typo(b, x->position);
	if (x->organization) {
		nv_buf_adds(b, x->position ? ", " : "");
		esc_typo(b, x->organization);
	}
}

void nv_pr_full_name(struct nv_buf *b, const struct nv_person *x)
{
	struct nv_buf n = NV_BUF_INIT;

	nv_person_full_name(&n, x);
	esc(b, n.ptr);
	nv_buf_release(&n);
}

/*
 * The pairs of an order as a table; one row per mentee, the pair's cells
 * on its first row and merged down over the rows of its other mentees.
 */
void nv_pr_pairs_table(struct printer *p, const struct nv_entry *order)
{
	static const double mm[] = { 11, 42, 44, 42, 42, 38, 38 };
	static const char *const head[] = {
		"№ п/п",	"Наставник",	    "Должность",
		"Наставляемый", "Должность, класс", "Форма наставничества",
		"Срок"
	};
	struct nv_pl_table *t = table_mm(p, mm, NV_ARRAY_SIZE(mm));
	struct nv_pl_row *r;
	struct nv_buf c[7];
	const char *cells[7];
	size_t i, k, j, n = 0;

	for (j = 0; j < 7; j++)
		nv_buf_init(&c[j]);
	nv_pl_row(t, head, 7, NV_PL_CENTER, true);
	t->nheader = 1;
	for (i = 0; i < p->s->m->npairs; i++) {
		const struct nv_pair *pr = p->s->m->pairs[i];
		if (pr->order != order)
			continue;
		n++;
		for (k = 0; k < (pr->nmentees ? pr->nmentees : 1); k++) {
			for (j = 0; j < 7; j++)
				nv_buf_reset(&c[j]);
			if (!k) {
				nv_buf_addf(&c[0], "%zu", n);
				if (pr->mentor) {
					nv_pr_full_name(&c[1], pr->mentor);
					nv_pr_person_place(&c[2], pr->mentor);
				}
				esc(&c[5], pr->form);
				esc_typo(&c[6], pr->period.text);
			}
			if (k < pr->nmentees) {
				nv_pr_full_name(&c[3], pr->mentees[k]);
				nv_pr_person_place(&c[4], pr->mentees[k]);
			}
			for (j = 0; j < 7; j++)
				cells[j] = c[j].ptr;
			r = nv_pl_row(t, cells, 7, NV_PL_LEFT, false);
			r->cells[0].align = NV_PL_CENTER;
			r->cells[1].hyphenate = false;
			r->cells[3].hyphenate = false;
			r->cells[5].hyphenate =
				false; /* «учитель – учитель»: words of a fixed list */
			r->cells[6].align = NV_PL_CENTER;
			/* A row continued on the next page shows its number and names again. */
			r->cells[0].repeat = r->cells[1].repeat = r->cells[3].repeat = true;
			/* Further mentees of a pair: the pair's cells are merged down. */
			if (k)
				for (j = 0; j < 7; j++)
					r->cells[j].joined = j != 3 && j != 4;
		}
	}
	for (j = 0; j < 7; j++)
		nv_buf_release(&c[j]);
	/* Widths from the text, as the roadmap's: a term «01.10.2025–31.05.2026» on one line. */
	t->auto_widths = true;
	add_table(p, t, "pairs");
}

/* «Лист ознакомления с приказом от … № … «title»», escaped. */
static void acquaint_sheet_head(struct nv_buf *b, const struct nv_entry *e)
{
	struct nv_buf t = NV_BUF_INIT;

	nv_wording_acquaint_sheet(&t, e->date, e->number);
	esc(b, t.ptr);
	if (e->title) {
		nv_buf_adds(b, " «");
		esc_typo(b, e->title);
		nv_buf_adds(b, "»");
	}
	nv_buf_release(&t);
}

/*
 * «С приказом ознакомлены:» («ознакомлен/ознакомлена» for one person) —
 * № · ФИО · должность · подпись · дата.
 */
void nv_pr_acquaint(struct printer *p, const struct nv_entry *e)
{
	static const double mm[] = { 10, 62, 54, 22, 22 };
	static const char *const head[] = { "№ п/п", "Фамилия, имя, отчество", "Должность",
					    "Подпись", "Дата" };
	struct nv_pl_table *t;
	struct nv_pl_style st = style(NV_PL_LEFT);
	struct nv_buf num = NV_BUF_INIT, name = NV_BUF_INIT, pos = NV_BUF_INIT,
		      head_line = NV_BUF_INIT;
	const char *cells[5];
	size_t i;

	if (!e->nacquaint)
		return;
	st.before = p->s->o.size * 2;
	st.after = p->s->o.size / 2;
	st.keep_next = true;
	st.role = "acquaint";
	nv_wording_acquainted(&head_line, e->nacquaint, e->acquaint[0]->gender);
	nv_pr_para(p, head_line.ptr, st);
	/* At the top of a page the sheet names its order. */
	nv_buf_reset(&head_line);
	acquaint_sheet_head(&head_line, e);
	p->doc->v[p->doc->nr - 1].top_markup = nv_buf_detach(&head_line, NULL);
	nv_buf_release(&head_line);
	t = table_mm(p, mm, NV_ARRAY_SIZE(mm));
	nv_pl_row(t, head, 5, NV_PL_CENTER, true);
	t->nheader = 1;
	for (i = 0; i < e->nacquaint; i++) {
		nv_buf_reset(&num);
		nv_buf_reset(&name);
		nv_buf_reset(&pos);
		nv_buf_addf(&num, "%zu", i + 1);
		nv_pr_full_name(&name, e->acquaint[i]);
		nv_pr_person_place(&pos, e->acquaint[i]);
		cells[0] = num.ptr;
		cells[1] = name.ptr;
		cells[2] = pos.ptr;
		cells[3] = "";
		cells[4] = "";
		nv_pl_row(t, cells, 5, NV_PL_LEFT, false);
		t->rows[t->nrows - 1].cells[0].align = NV_PL_CENTER;
		t->rows[t->nrows - 1].cells[1].hyphenate = false;
		t->rows[t->nrows - 1].cells[0].repeat = t->rows[t->nrows - 1].cells[1].repeat =
			true;
		t->rows[t->nrows - 1].min_height = p->s->o.table_size * 2.3;
	}
	nv_buf_release(&num);
	nv_buf_release(&name);
	nv_buf_release(&pos);
	add_table(p, t, "acquaint-table");
}

/* The most columns a roadmap table prints (table_mm() takes up to 16). */
#define ROADMAP_MAX_COLS 16

/*
 * The columns a roadmap prints: the headings and widths (mm) of №,
 * title, due, responsible, then the result and extra columns that have
 * something in them. Fills which[] with the column's source (0..3: the
 * four, 4 + j: extra column j). Returns the count.
 */
static size_t roadmap_cols(const struct nv_entry *e, const char **head, double *mm, size_t *which)
{
	static const double width[4] = { 98, 36, 53, 53 };
	size_t n = 0, j;

	head[n] = "№" NBSP "п/п";
	mm[n] = 17;
	which[n++] = SIZE_MAX;
	for (j = 0; j < 4; j++) {
		if (j == 3 && !e->show_result)
			continue;
		head[n] = e->columns[j];
		mm[n] = width[j];
		which[n++] = j;
	}
	for (j = 0; j < e->nextra && n < ROADMAP_MAX_COLS; j++) {
		if (!e->show_extra[j])
			continue;
		head[n] = e->extra_columns[j];
		mm[n] = 40;
		which[n++] = 4 + j;
	}
	return n;
}

/* esc_typo() of s without its trailing line breaks (a YAML «|» block keeps one). */
static void esc_trimmed(struct nv_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *cut;

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	cut = s ? nv_xmemdupz(s, n) : NULL;
	esc_typo(b, cut);
	free(cut);
}

/* The text of column `which` of item it (the title: `title`). */
static const char *roadmap_text(const struct nv_entry *e, const struct nv_item *it,
				const char *title, size_t which)
{
	const char *const four[4] = { title, it->due.text, it->responsible_paper, it->result };

	if (which < 4)
		return four[which];
	return it->extra && which - 4 < e->nextra ? it->extra[which - 4] : NULL;
}

/*
 * One row: number num and title (joined to the cells above when
 * `joined`: a sub-row without a title of its own), the other cells from
 * it.
 */
static void roadmap_row(struct nv_pl_table *t, const struct nv_entry *e, const struct nv_item *it,
			const char *title, const char *num, const size_t *which, size_t n,
			bool joined)
{
	struct nv_buf c[ROADMAP_MAX_COLS];
	const char *cells[ROADMAP_MAX_COLS] = { NULL };
	struct nv_pl_row *r;
	size_t j;

	for (j = 0; j < n; j++) {
		nv_buf_init(&c[j]);
		if (j == 0)
			nv_buf_adds(&c[j], num);
		else
			esc_trimmed(&c[j], roadmap_text(e, it, title, which[j]));
		cells[j] = c[j].ptr ? c[j].ptr : "";
	}
	r = nv_pl_row(t, cells, n, NV_PL_LEFT, false);
	r->cells[0].align = NV_PL_CENTER;
	r->cells[2].align = NV_PL_CENTER;
	/* Terms («Октябрь–ноябрь 2025») and people's names are not hyphenated. */
	r->cells[2].hyphenate = false;
	r->cells[3].hyphenate = false;
	r->cells[0].repeat = true;
	r->cells[0].joined = r->cells[1].joined = joined;
	for (j = 0; j < n; j++)
		nv_buf_release(&c[j]);
}

/*
 * An item and its sub-rows. A sub-row with a title of its own gets a
 * number («3.1.»); one without goes on under the item's number and
 * title (merged cells). An item with no term of its own whose first
 * sub-row has no title shares its row with that sub-row.
 */
static void roadmap_item_rows(struct nv_pl_table *t, const struct nv_entry *e,
			      const struct nv_item *it, const char *num, const size_t *which,
			      size_t n)
{
	struct nv_buf sub = NV_BUF_INIT;
	size_t r = 0;

	if (it->nrows && !it->due.text && !it->rows[0].title) {
		roadmap_row(t, e, &it->rows[0], it->title, num, which, n, false);
		r = 1;
	} else {
		roadmap_row(t, e, it, it->title, num, which, n, false);
	}
	for (; r < it->nrows; r++) {
		nv_buf_reset(&sub);
		if (it->rows[r].title)
			nv_buf_addf(&sub, "%s%zu.", num, r + 1);
		roadmap_row(t, e, &it->rows[r], it->rows[r].title, sub.ptr ? sub.ptr : "", which, n,
			    !it->rows[r].title);
	}
	nv_buf_release(&sub);
}

/*
 * A stage's «Цель: … Задачи: … Результат: …» as a row spanning the
 * table under the section's title, when the section has any of them.
 */
static void roadmap_stage(struct nv_pl_table *t, const struct nv_section *sec)
{
	static const char *const label[3] = { "Цель: ", "Задачи: ", "Результат: " };
	const char *const text[3] = { sec->goal, sec->tasks, sec->result };
	struct nv_buf b = NV_BUF_INIT;
	const char *cells[1];
	struct nv_pl_row *r;
	size_t j;

	for (j = 0; j < 3; j++) {
		if (!text[j])
			continue;
		nv_buf_adds(&b, b.len ? "\n" : "");
		nv_buf_adds(&b, label[j]);
		esc_typo(&b, text[j]);
	}
	if (b.len) {
		cells[0] = b.ptr;
		r = nv_pl_row(t, cells, 1, NV_PL_LEFT, false);
		r->section = true;
	}
	nv_buf_release(&b);
}

/*
 * The heading row of a roadmap's table: the headings as the roadmap
 * names them (extra_columns too), escaped and typeset like its cells.
 */
static void roadmap_head(struct nv_pl_table *t, const char **head, const size_t *which, size_t n)
{
	struct nv_buf b[ROADMAP_MAX_COLS];
	const char *cells[ROADMAP_MAX_COLS];
	size_t k;

	for (k = 0; k < n; k++) {
		nv_buf_init(&b[k]);
		if (which[k] == SIZE_MAX)
			nv_buf_adds(&b[k], head[k]);
		else
			esc_typo(&b[k], head[k]);
		cells[k] = b[k].ptr;
	}
	nv_pl_row(t, cells, n, NV_PL_CENTER, true);
	for (k = 0; k < n; k++)
		nv_buf_release(&b[k]);
}

/*
 * The roadmap's table: № п/п · Мероприятие · Срок · Ответственный ·
 * Результат (when some item has one) · extra columns, under headings
 * the roadmap may rename; sections as spanning rows, or flat items.
 */
void nv_pr_roadmap_table(struct printer *p, const struct nv_entry *e)
{
	static const char *const nums[] = { "1", "2",  "3",  "4",  "5",	 "6",  "7",  "8",
					    "9", "10", "11", "12", "13", "14", "15", "16" };
	const char *head[ROADMAP_MAX_COLS];
	double mm[ROADMAP_MAX_COLS];
	size_t which[ROADMAP_MAX_COLS], n = roadmap_cols(e, head, mm, which), i, k;
	struct nv_pl_table *t = table_mm(p, mm, n);
	struct nv_buf num = NV_BUF_INIT;
	const char *cells[1];

	roadmap_head(t, head, which, n);
	nv_pl_row(t, nums, n, NV_PL_CENTER, false);
	t->nheader = 2;
	for (i = 0; i < e->nsections; i++) {
		const struct nv_section *sec = &e->sections[i];
		if (sec->title) {
			nv_buf_reset(&num);
			nv_buf_addf(&num, "%zu. ", i + 1);
			esc_typo(&num, sec->title);
			cells[0] = num.ptr;
			nv_pl_row(t, cells, 1, NV_PL_CENTER, true);
			roadmap_stage(t, sec);
		}
		for (k = 0; k < sec->nitems; k++) {
			nv_buf_reset(&num);
			if (sec->title)
				nv_buf_addf(&num, "%zu.%zu.", i + 1, k + 1);
			else
				nv_buf_addf(&num, "%zu.", k + 1);
			roadmap_item_rows(t, e, &sec->items[k], num.ptr, which, n);
		}
	}
	nv_buf_release(&num);
	/*
	 * The columns share the width by their text (the longest takes the
	 * most); «№ п/п» is kept on one line.
	 */
	t->auto_widths = true;
	add_table(p, t, "roadmap");
}
