/*
 * import_pairs.c: an order's appendix that is the table of its pairs
 * («Состав наставнических пар»: a column of mentors, one of mentees)
 * into entries of content/pairs.yml, for `nastavnik import`
 * (cmd_import.c finds such an appendix; the order then cites
 * `appendices: [pairs]`, and the table is printed from pairs.yml).
 *
 * Each column is known by its heading: the mentor, the mentee (a name
 * and what follows it: a position, a class), their positions or classes
 * apart, the form, the kind, the role model, the period, the number. A
 * header of two rows («Наставник» over «ФИО» and «Должность») is read
 * too. Rows are read as schools lay them out:
 *   - a row of one cell across the table names the form of the rows
 *     under it («Форма «учитель – учитель»»);
 *   - a mentor's cell merged down over several rows is one group: the
 *     mentees of those rows are its mentees;
 *   - a mentees' cell may name several people, a paragraph, a «;» or a
 *     «,» before each name.
 * A name is «Кузнецова Елена Владимировна», «Кузнецова Е. В.» or
 * «Е. В. Кузнецова»; a person of people.yml with that surname and those
 * names or initials is taken, anyone else becomes a new person, not
 * published (publish: none), a student when a class is named or the
 * form's side is students. A row without a mentor's or a mentee's name
 * is said, never guessed. A pair gets the program of the order's
 * academic year that runs its form, when one program alone does.
 */
#include "common.h"

#include <ctype.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

enum col {
	COL_NONE,
	COL_NUM,
	COL_MENTOR,
	COL_MENTOR_POS,
	COL_MENTEE,
	COL_MENTEE_POS,
	COL_FORM,
	COL_KIND,
	COL_ROLE,
	COL_PERIOD,
	COL_POS, /* «Должность», «Класс» of no side: the side of the names left of it */
	COL_KINDS
};

#define MAX_COLS    32
#define MAX_MENTEES 64

struct pair {
	const char *mentor;
	const char *mentees[MAX_MENTEES];
	size_t n;
	char *form, *kind, *role, *period; /* owned, or NULL */
};

struct table {
	enum col cols[MAX_COLS];
	size_t ncols, first; /* the columns' kinds; the first row of data */
	bool seen[COL_KINDS];
};

static enum col col_of(const char *h)
{
	struct nv_buf b = NV_BUF_INIT;
	enum col r = COL_NONE;
	bool pos;

	nv_imp_lower(&b, h, strlen(h));
	pos = (strstr(b.ptr, "должност") || strstr(b.ptr, "класс") ||
	       strstr(b.ptr, "место работы")) &&
	      !strstr(b.ptr, "фио") && !strstr(b.ptr, "ф.и.о") && !strstr(b.ptr, "фамили");
	if (strstr(b.ptr, "наставляем") || strstr(b.ptr, "подопечн") || strstr(b.ptr, "молод"))
		r = pos ? COL_MENTEE_POS : COL_MENTEE;
	else if (strstr(b.ptr, "наставник"))
		r = pos ? COL_MENTOR_POS : COL_MENTOR;
	else if (pos)
		r = COL_POS;
	else if (strstr(b.ptr, "форм"))
		r = COL_FORM;
	else if (strstr(b.ptr, "вид"))
		r = COL_KIND;
	else if (strstr(b.ptr, "ролев") || strstr(b.ptr, "модел"))
		r = COL_ROLE;
	else if (strstr(b.ptr, "срок") || strstr(b.ptr, "период"))
		r = COL_PERIOD;
	else if (strstr(b.ptr, "№") || strstr(b.ptr, "п/п"))
		r = COL_NUM;
	nv_buf_release(&b);
	return r;
}

/* The text of cell c (NULL: none), lowered when low. */
static void cell_text(struct nv_buf *out, const struct nv_imp_cell *c, bool low)
{
	struct nv_buf t = NV_BUF_INIT;

	nv_buf_reset(out);
	if (!c)
		return;
	nv_imp_cell_text(&t, c);
	if (low)
		nv_imp_lower(out, t.ptr, t.len);
	else
		nv_buf_add(out, t.ptr, t.len);
	nv_buf_release(&t);
}

/* The cells of row r not covered by a cell merged into them (ODF writes those too). */
static size_t own_cells(const struct nv_imp_row *r)
{
	size_t j, n = 0;

	for (j = 0; j < r->n; j++)
		n += !r->cells[j].covered;
	return n;
}

/*
 * The kinds of t's columns from its header (one row, or two when a
 * mentor's or a mentee's heading spans the names and positions under
 * it); false unless it has a mentor's and a mentee's column.
 */
static bool read_header(struct table *p, const struct nv_imp_table *t)
{
	struct nv_buf s = NV_BUF_INIT;
	size_t j, k, col, span, h = 0;
	bool two = false;
	enum col c, sub;

	/* A title in the table's first row («Состав наставнических пар»), one cell across it. */
	while (h + 1 < t->n && h < 2 && own_cells(&t->rows[h]) == 1 &&
	       own_cells(&t->rows[h + 1]) > 1)
		h++;
	if (h >= t->n)
		return false;
	for (j = 0; j < t->rows[h].n && p->ncols < MAX_COLS; j++) {
		cell_text(&s, &t->rows[h].cells[j], false);
		c = col_of(s.ptr);
		span = (size_t)t->rows[h].cells[j].colspan;
		two = two || ((c == COL_MENTOR || c == COL_MENTEE) && span > 1);
		for (k = 0; k < span && p->ncols < MAX_COLS; k++)
			p->cols[p->ncols++] = c;
	}
	p->first = h + 1;
	if (two && t->n > h + 1) {
		/* «Наставник» over «ФИО» | «Должность»: the second row says which is which. */
		for (j = col = 0; j < t->rows[h + 1].n && col < p->ncols; j++) {
			cell_text(&s, &t->rows[h + 1].cells[j], true);
			sub = strstr(s.ptr, "должност") || strstr(s.ptr, "класс") ? COL_MENTOR_POS
										  : COL_MENTOR;
			if (p->cols[col] == COL_MENTOR || p->cols[col] == COL_MENTOR_POS)
				p->cols[col] = sub;
			else if (p->cols[col] == COL_MENTEE || p->cols[col] == COL_MENTEE_POS)
				p->cols[col] = sub == COL_MENTOR ? COL_MENTEE : COL_MENTEE_POS;
			col += (size_t)t->rows[h + 1].cells[j].colspan;
		}
		p->first = h + 2;
	}
	nv_buf_release(&s);
	for (c = COL_NONE, j = 0; j < p->ncols; j++) {
		if (p->cols[j] == COL_MENTOR || p->cols[j] == COL_MENTEE)
			c = p->cols[j];
		else if (p->cols[j] == COL_POS)
			p->cols[j] = c == COL_MENTOR   ? COL_MENTOR_POS
				     : c == COL_MENTEE ? COL_MENTEE_POS
						       : COL_NONE;
		p->seen[p->cols[j]] = true;
	}
	return p->seen[COL_MENTOR] && p->seen[COL_MENTEE];
}

bool nv_import_pairs_header(const struct nv_imp_table *t)
{
	struct table p;

	memset(&p, 0, sizeof(p));
	return read_header(&p, t);
}

const struct nv_imp_table *nv_import_pairs_table(const struct nv_imp_doc *doc)
{
	size_t i, k, before = 0, after = 0;

	for (i = 0; i < doc->n && !doc->v[i].table; i++)
		before += doc->v[i].para.text[0] != '\0';
	for (k = i + 1; k < doc->n; k++)
		after += doc->v[k].table || doc->v[k].para.text[0];
	/* A stamp and a title above it, a note under it: the table is the appendix. */
	if (i < doc->n && before <= 4 && after <= 4 && nv_import_pairs_header(doc->v[i].table))
		return doc->v[i].table;
	return NULL;
}

/* Does nm name the person of this surname, name and patronymic (the names or their initials)? */
static bool fits(const char *sur, const char *name, const char *patr, const struct nv_imp_name *nm)
{
	return sur && nv_imp_same_word(sur, nm->sur, 0) && nv_imp_same_part(name, nm->name) &&
	       nv_imp_same_part(patr, nm->patr);
}

/* The words of a name that are there, a space between: «Кузнецова Е. В.». */
static void add_name(struct nv_buf *b, const char *sur, const char *name, const char *patr)
{
	const char *const w[] = { sur, name, patr };
	size_t i;

	for (i = 0; i < 3; i++)
		if (w[i] && *w[i])
			nv_buf_addf(b, "%s%s", b->len ? " " : "", w[i]);
}

/*
 * The id of the person of people.yml, or of one added already, named nm;
 * NULL when none. Two of people.yml the name fits («Кузнецова Е. В.»:
 * Елена Владимировна and Екатерина Васильевна): the first, and the
 * report says which two, at `at`.
 */
static const char *find_person(struct nv_imp_ctx *c, const struct nv_imp_name *nm, const char *at)
{
	const struct nv_imp_person *first = NULL, *p;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT, d = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < c->o->npeople; i++) {
		p = &c->o->people[i];
		if (!p->id || !fits(p->surname, p->name, p->patronymic, nm))
			continue;
		if (!first) {
			first = p;
			continue;
		}
		add_name(&a, nm->sur, nm->name, nm->patr);
		add_name(&b, first->surname, first->name, first->patronymic);
		add_name(&d, p->surname, p->name, p->patronymic);
		nv_imp_todo(c,
			    "%s: «%s» в content/people.yml подходит и %s (%s), и %s (%s) — в "
			    "content/pairs.yml записан %s; если это %s, замените id",
			    at, a.ptr, first->id, b.ptr, p->id, d.ptr, first->id, p->id);
		nv_buf_release(&a);
		nv_buf_release(&b);
		nv_buf_release(&d);
		break;
	}
	if (first)
		return first->id;
	for (i = 0; i < c->r->nnewp; i++) {
		const struct nv_imp_newperson *q = &c->r->newp[i];

		if (fits(q->surname, q->name, q->patronymic, nm))
			return q->id;
	}
	return NULL;
}

/*
 * The person named nm, `what` (a position, a class) after the name: the
 * id of people.yml, or of a new person (a student when a class or a
 * student is said, or when `student`). Notes in r what to add.
 */
static const char *person(struct nv_imp_ctx *c, const struct nv_imp_name *nm, const char *what,
			  bool student, const char *at)
{
	struct nv_buf cls = NV_BUF_INIT;
	struct nv_imp_newperson *p;
	const char *id = find_person(c, nm, at);
	bool has_class;

	if (id)
		return id;
	has_class = nv_imp_find_class(what, &cls);
	student = student || nv_imp_says_student(what) || (has_class && !nv_imp_says_staff(what));
	p = nv_imp_add_person(c, nm->sur, nm->name, nm->patr, student ? "" : what);
	if (student) {
		p->student = true;
		if (has_class)
			p->class_name = nv_buf_detach(&cls, NULL);
		else
			nv_imp_todo(
				c,
				"%s: у обучающегося %s (новый участник "
				"%s) не найден класс — допишите его в people.yml: «class: 7 «А»»",
				at, nm->sur, p->id);
	} else if (!p->position) {
		nv_imp_todo(c,
			    "%s: у %s (новый участник %s) не указана "
			    "должность — допишите её в people.yml: «position: учитель математики»",
			    at, nm->sur, p->id);
	}
	nv_buf_release(&cls);
	return p->id;
}

/* ---- rows ---- */

struct reader {
	struct nv_imp_ctx *c;
	struct table p;
	struct pair *v;
	size_t n, alloc;
	const char *form; /* the form the last row across the table named */
	int src;	  /* the table's paragraph */
	bool open;	  /* the last row made a pair: a row merged to it adds its mentees */
	bool lines;	  /* a list of lines read as a table (nv_import_pairs_lines()) */
	struct nv_buf at; /* the row being read, as the report names it */
};

/* The canonical form of mentoring s names («Учитель-учитель», «форма «ученик – ученик»»), or NULL.
 */
static const char *known_form(const struct reader *rd, const char *s)
{
	const char *const *lists[] = { rd->c->o->forms, rd->c->o->school_forms };
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	const char *found = NULL;
	size_t k, i;

	nv_utf8_fold(&a, s, strlen(s));
	for (k = 0; k < 2 && !found; k++)
		for (i = 0; lists[k] && lists[k][i] && !found; i++) {
			nv_buf_reset(&b);
			nv_utf8_fold(&b, lists[k][i], strlen(lists[k][i]));
			if (strstr(a.ptr, b.ptr))
				found = lists[k][i];
		}
	nv_buf_release(&a);
	nv_buf_release(&b);
	return found;
}

/* The canonical kind s names («Традиционное»), or NULL. */
static const char *known_kind(const char *const *kinds, const char *s)
{
	struct nv_buf a = NV_BUF_INIT;
	const char *found = NULL;
	size_t i;

	nv_utf8_fold(&a, s, strlen(s));
	for (i = 0; kinds && kinds[i] && !found; i++)
		if (strstr(a.ptr, kinds[i]))
			found = kinds[i];
	nv_buf_release(&a);
	return found;
}

/* Where, in s, the text after a name ends: before «, » or «; » and the next name. */
static const char *what_end(const char *s)
{
	struct nv_imp_name nm;
	const char *p;

	for (p = s; *p; p++)
		if ((*p == ',' || *p == ';') && nv_imp_take_name(p + 1, &nm))
			return p;
	return p;
}

/*
 * The people of a mentees' cell (or, with one, its first) into ids, up
 * to max: a name, what follows it, a name… `pos`: the cell of their
 * positions apart, or NULL. Returns how many.
 */
static size_t people_of(struct reader *rd, const struct nv_imp_cell *cell,
			const struct nv_imp_cell *pos, bool student, const char **ids, size_t max)
{
	struct nv_buf what = NV_BUF_INIT, apart = NV_BUF_INIT;
	const char *s, *e;
	struct nv_imp_name nm;
	size_t i, n = 0;

	cell_text(&apart, pos, false);
	for (i = 0; i < cell->n && n < max; i++)
		for (s = cell->paras[i].text; s && *s && n < max; s = *e ? e + 1 : e) {
			if (!(e = nv_imp_take_name(s, &nm)))
				break;
			s = e;
			e = what_end(s);
			nv_imp_trim(&what, s, (size_t)(e - s));
			if (!what.len && apart.len)
				nv_buf_adds(&what, apart.ptr);
			ids[n++] = person(rd->c, &nm, what.ptr, student, rd->at.ptr);
		}
	nv_buf_release(&what);
	nv_buf_release(&apart);
	return n;
}

/* How many people cell c names (as people_of() reads them). */
static size_t names(const struct nv_imp_cell *c)
{
	struct nv_imp_name nm;
	const char *s, *e;
	size_t i, n = 0;

	for (i = 0; i < c->n; i++)
		for (s = c->paras[i].text; *s && (e = nv_imp_take_name(s, &nm)); n++) {
			e = what_end(e);
			s = *e ? e + 1 : e;
		}
	return n;
}

/* Period text as pairs.yml writes it: «01.10.2025 – 31.05.2026» of two dates, else as it is. */
static char *period_of(const char *s)
{
	char a[11], b[11];
	const char *p = nv_imp_find_date(s, a);
	struct nv_buf t = NV_BUF_INIT;

	if (p && nv_imp_find_date(p + 10, b))
		return nv_xasprintf("%s – %s", a, b);
	nv_imp_trim(&t, s, strlen(s));
	if (!t.len) {
		nv_buf_release(&t);
		return NULL;
	}
	return nv_buf_detach(&t, NULL);
}

/* A row of one filled cell across the table: the form of the rows under it. */
static bool section_row(struct reader *rd, const struct nv_imp_row *row)
{
	struct nv_buf t = NV_BUF_INIT;
	const struct nv_imp_cell *only = NULL;
	size_t j, filled = 0;

	for (j = 0; j < row->n; j++) {
		nv_buf_reset(&t);
		nv_imp_cell_text(&t, &row->cells[j]);
		if (t.len && !row->cells[j].covered) {
			filled++;
			only = &row->cells[j];
		}
	}
	if (filled != 1 || (row->n > 1 && only->colspan < 2)) {
		nv_buf_release(&t);
		return false;
	}
	nv_buf_reset(&t);
	nv_imp_cell_text(&t, only);
	rd->form = known_form(rd, t.ptr);
	nv_buf_release(&t);
	return true;
}

/* The side of form f (canonical) at `right` or not is students: «ученик – ученик». */
static bool student_side(const char *f, bool right)
{
	const char *dash = f ? strstr(f, " – ") : NULL;

	if (!dash)
		return false;
	return right ? !strcmp(dash + strlen(" – "), "ученик")
		     : !strncmp(f, "ученик ", strlen("ученик "));
}

/* The text of a row as the report quotes it: its cells with text, «|» between them. */
static void row_text(struct nv_buf *t, const struct nv_imp_row *row)
{
	size_t j, at, m;

	nv_buf_reset(t);
	for (j = 0; j < row->n; j++) {
		at = t->len;
		if (t->len)
			nv_buf_adds(t, " | ");
		m = t->len;
		nv_imp_cell_text(t, &row->cells[j]);
		if (t->len == m) /* an empty cell */
			t->ptr[t->len = at] = '\0';
	}
}

static void read_row(struct reader *rd, const struct nv_imp_row *row, int rowno)
{
	const struct nv_imp_cell *cell[COL_KINDS] = { NULL };
	struct nv_buf t = NV_BUF_INIT;
	const char *form, *kind, *mentor[1];
	struct pair *pr;
	size_t j, col = 0, mentors;

	if (section_row(rd, row))
		return;
	nv_buf_reset(&rd->at);
	if (rd->lines && row->n && row->cells[0].n)
		nv_buf_addf(&rd->at, "абзац %d", row->cells[0].paras[0].src);
	else
		nv_buf_addf(&rd->at, "абзац %d, строка %d таблицы", rd->src, rowno);
	for (j = 0; j < row->n; j++) {
		enum col k = col < rd->p.ncols ? rd->p.cols[col] : COL_NONE;

		if (!cell[k])
			cell[k] = &row->cells[j];
		col += (size_t)row->cells[j].colspan;
	}
	for (j = 0; j < row->n; j++)
		nv_imp_cell_text(&t, &row->cells[j]);
	if (!t.len || strspn(t.ptr, "0123456789. ") == t.len) { /* empty, or «1 2 3 4» */
		nv_buf_release(&t);
		return;
	}
	cell_text(&t, cell[COL_FORM], false);
	form = t.len ? known_form(rd, t.ptr) : rd->form;
	if (cell[COL_MENTOR] && cell[COL_MENTOR]->covered && cell[COL_MENTEE] && rd->open) {
		/* The mentor's cell merged down: the mentees of a group. */
		pr = &rd->v[rd->n - 1];
		pr->n += people_of(rd, cell[COL_MENTEE], cell[COL_MENTEE_POS],
				   student_side(form, true), pr->mentees + pr->n,
				   MAX_MENTEES - pr->n);
		nv_buf_release(&t);
		return;
	}
	NV_GROW(rd->v, rd->n + 1, rd->alloc);
	pr = &rd->v[rd->n];
	memset(pr, 0, sizeof(*pr));
	/* Both sides named before anyone is added to people.yml. */
	mentors = cell[COL_MENTOR] ? names(cell[COL_MENTOR]) : 0;
	if (!mentors || !cell[COL_MENTEE] || !names(cell[COL_MENTEE]) ||
	    !people_of(rd, cell[COL_MENTOR], cell[COL_MENTOR_POS], student_side(form, false),
		       mentor, 1) ||
	    !(pr->n = people_of(rd, cell[COL_MENTEE], cell[COL_MENTEE_POS],
				student_side(form, true), pr->mentees, MAX_MENTEES))) {
		row_text(&t, row);
		nv_strlist_addf(&rd->c->r->unplaced,
				"%s: «%s» — не найдено имя наставника или "
				"наставляемого («Кузнецова Елена Владимировна» или «Кузнецова Е. "
				"В.»): впишите эту пару в content/pairs.yml сами",
				rd->at.ptr, t.ptr);
		nv_buf_release(&t);
		rd->open = false;
		return;
	}
	pr->mentor = mentor[0];
	if (mentors > 1)
		nv_strlist_addf(&rd->c->r->unplaced,
				"%s: у пары несколько наставников — "
				"перенесён первый (%s): в паре один наставник, у второго — своя "
				"пара с теми же наставляемыми, впишите её в content/pairs.yml сами",
				rd->at.ptr, mentor[0]);
	pr->form = form ? nv_xstrdup(form) : t.len ? nv_buf_detach(&t, NULL) : NULL;
	cell_text(&t, cell[COL_KIND], false);
	kind = t.len ? known_kind(rd->c->o->kinds, t.ptr) : NULL;
	pr->kind = t.len ? nv_xstrdup(kind ? kind : t.ptr) : NULL;
	cell_text(&t, cell[COL_ROLE], false);
	pr->role = t.len ? nv_buf_detach(&t, NULL) : NULL;
	cell_text(&t, cell[COL_PERIOD], false);
	pr->period = t.len ? period_of(t.ptr) : NULL;
	rd->n++;
	rd->open = true;
	nv_buf_release(&t);
}

/* The program of o->programs of academic year acyear that runs form, when one alone does. */
static const char *program_of(const struct nv_imp_opts *o, const char *form, int acyear)
{
	const char *found = NULL;
	size_t i, k;

	for (i = 0; i < o->nprograms && acyear && form; i++) {
		const struct nv_imp_program *g = &o->programs[i];

		for (k = 0; k < g->nforms && strcmp(g->forms[k], form); k++)
			;
		if (g->acyear != acyear || (g->nforms && k == g->nforms))
			continue;
		if (found)
			return NULL;
		found = g->id;
	}
	return found;
}

/* The pairs read as entries of pairs.yml for `order`, into r->pairs. */
static void write_pairs(struct reader *rd, const char *order, int acyear)
{
	const char *program;
	size_t programs = 0, noperiod = 0;
	struct nv_buf *out = &rd->c->r->pairs;
	const struct pair *pr;
	size_t i, k, noform = 0;

	for (i = 0; i < rd->n; i++) {
		pr = &rd->v[i];
		nv_buf_addf(out, "- mentor: %s\n  mentees: [", pr->mentor);
		for (k = 0; k < pr->n; k++)
			nv_buf_addf(out, "%s%s", k ? ", " : "", pr->mentees[k]);
		nv_buf_adds(out, "]\n");
		if (pr->form)
			nv_imp_yaml(out, 2, "form", pr->form);
		else
			noform++;
		if (pr->kind)
			nv_imp_yaml(out, 2, "kind", pr->kind);
		if (pr->role)
			nv_imp_yaml(out, 2, "role_model", pr->role);
		nv_imp_yaml(out, 2, "period", pr->period ? pr->period : "в течение учебного года");
		noperiod += !pr->period;
		if ((program = program_of(rd->c->o, pr->form, acyear))) {
			nv_imp_yaml(out, 2, "program", program);
			programs++;
		}
		nv_imp_yaml(out, 2, "order", order);
	}
	if (noperiod)
		nv_imp_todo(rd->c,
			    "у %zu из %zu %s %s нет срока — записано «в течение учебного "
			    "года»: впишите срок каждой в content/pairs.yml, «period: 01.10.2025 – "
			    "31.05.2026» (пара работает со дня приказа или позже)",
			    noperiod, rd->n, nv_plural(rd->n, "пары", "пар", "пар"),
			    rd->lines ? "списка" : "таблицы");
	if (programs)
		nv_imp_found(rd->c,
			     "программа: у %zu из %zu %s — единственная программа %d–%d учебного "
			     "года с их формой",
			     programs, rd->n, nv_plural(rd->n, "пары", "пар", "пар"), acyear,
			     acyear + 1);
	rd->c->r->npairs = rd->n;
	if (noform)
		nv_imp_todo(rd->c,
			    "у %zu из %zu %s %s не указана форма наставничества — допишите "
			    "её каждой в content/pairs.yml: «form: учитель – учитель»",
			    noform, rd->n, nv_plural(rd->n, "пары", "пар", "пар"),
			    rd->lines ? "списка" : "таблицы");
}

int nv_import_pairs(const struct nv_imp_doc *doc, const struct nv_imp_table *t,
		    const struct nv_imp_opts *o, const char *order, int acyear,
		    struct nv_imp_result *r)
{
	struct nv_imp_ctx c;
	struct reader rd;
	size_t i;
	bool after = false;

	memset(&c, 0, sizeof(c));
	memset(&rd, 0, sizeof(rd));
	c.doc = doc;
	c.o = o;
	c.r = r;
	rd.c = &c;
	rd.src = t->src;
	rd.lines = t->lines;
	r->kind = "pairs";
	read_header(&rd.p, t);
	for (i = rd.p.first; i < t->n; i++)
		read_row(&rd, &t->rows[i], (int)i + 1);
	for (i = 0; i < doc->n; i++) {
		if (doc->v[i].table == t)
			after = true;
		else if (doc->v[i].table || (after && doc->v[i].para.text[0]))
			nv_strlist_addf(&r->unplaced,
					"абзац %d: «%s» — не перенесён: приложение — таблица пар, "
					"её печатает приказ по content/pairs.yml",
					doc->v[i].table ? doc->v[i].table->src : doc->v[i].para.src,
					doc->v[i].table ? "таблица" : doc->v[i].para.text);
		else if (doc->v[i].para.text[0])
			nv_imp_found(&c, "%s: «%s» (абзац %d) — его печатает приказ сам",
				     nv_imp_starts_word(doc->v[i].para.text, "ПРИЛОЖЕНИЕ")
					     ? "штамп"
					     : "заголовок",
				     doc->v[i].para.text, doc->v[i].para.src);
	}
	nv_imp_found(&c, "%s наставнических пар (абзац %d): %zu %s → content/pairs.yml",
		     t->lines ? "список" : "таблица", t->src, rd.n,
		     nv_plural(rd.n, "пара", "пары", "пар"));
	if (rd.n)
		write_pairs(&rd, order, acyear);
	for (i = 0; i < rd.n; i++) {
		free(rd.v[i].form);
		free(rd.v[i].kind);
		free(rd.v[i].role);
		free(rd.v[i].period);
	}
	free(rd.v);
	nv_buf_release(&rd.at);
	return rd.n ? 0 : -1;
}

bool nv_import_pairs_stamp(const struct nv_imp_doc *doc, char **number, char date[11])
{
	struct nv_buf text = NV_BUF_INIT, low = NV_BUF_INIT;
	const char *at, *of;
	size_t i;

	*number = NULL;
	for (i = 0; i < doc->n && !doc->v[i].table && i < 8; i++) {
		nv_buf_adds(&text, doc->v[i].para.text);
		nv_buf_addch(&text, ' ');
	}
	nv_imp_lower(&low, text.ptr, text.len);
	/* «Приложение № 1 к приказу …»: the order follows «приказ». */
	if ((at = strstr(low.ptr, "приложение")) && (of = strstr(at, "приказ")))
		*number = nv_imp_order_cited(text.ptr + (of - low.ptr), date);
	nv_buf_release(&text);
	nv_buf_release(&low);
	return *number != NULL;
}

/*
 * Where a line «Орлова Т. Н., учитель — Зайцева М. А.» divides a mentor
 * from the mentees: the first dash between spaces with a name after it;
 * NULL when the line starts with no name or has no such dash.
 */
static const char *pair_dash(const char *s)
{
	struct nv_imp_name nm;
	const char *p;

	if (!nv_imp_take_name(s, &nm))
		return NULL;
	for (p = s; (p = strchr(p + 1, ' ')) && p[1];)
		if ((!strncmp(p, " \xE2\x80\x94 ", 5) || !strncmp(p, " \xE2\x80\x93 ", 5) ||
		     !strncmp(p, " - ", 3)) &&
		    nv_imp_take_name(p + (p[1] == '-' ? 3 : 5), &nm))
			return p;
	return NULL;
}

bool nv_import_pairs_lines(const struct nv_imp_doc *doc, struct nv_imp_doc *out)
{
	struct nv_imp_table *t = NULL;
	struct nv_imp_row *row;
	struct nv_imp_para *p;
	static const char *const title[] = { "наставни", "пар" };
	const char *text, *dash;
	size_t i, head = 0, lines = 0, others = 0;
	bool titled = false;

	/* A table, or more than four lines before the pairs (a text): no list of pairs. */
	for (i = 0; i < doc->n && !doc->v[i].table && head <= 4; i++) {
		text = doc->v[i].para.text;
		if (!text[0])
			continue;
		if (pair_dash(text)) {
			lines++;
		} else if (lines) {
			others++; /* said as a row that names no pair */
		} else if (++head <= 4) {
			titled = titled || nv_imp_has_stem(text, title, NV_ARRAY_SIZE(title));
		}
	}
	if (i < doc->n)
		return false;
	/* Its title says it lists pairs: «Список наставнических пар», «Пары наставник –
	 * наставляемый». */
	if (!lines || others > lines || !titled)
		return false;
	/* The same, its lines of pairs a table of two columns: what the rest reads. */
	nv_imp_doc_init(out);
	out->format = doc->format;
	out->encoding = doc->encoding;
	for (i = 0; i < doc->n; i++) {
		text = doc->v[i].para.text;
		if (!text[0])
			continue;
		dash = pair_dash(text);
		if (!dash && !t) {
			p = nv_imp_add_para(out, NULL, text, strlen(text));
			p->src = doc->v[i].para.src;
			continue;
		}
		if (!t) {
			t = nv_imp_add_table(out);
			t->src = doc->v[i].para.src;
			t->lines = true;
			row = nv_imp_add_row(t);
			nv_imp_add_para(out, nv_imp_add_cell(row, 1, 1, false), "Наставник",
					strlen("Наставник"));
			nv_imp_add_para(out, nv_imp_add_cell(row, 1, 1, false), "Наставляемые",
					strlen("Наставляемые"));
		}
		/* A line that names no pair is a row of its text alone: the reader says it. */
		row = nv_imp_add_row(t);
		p = nv_imp_add_para(out, nv_imp_add_cell(row, 1, 1, false), text,
				    dash ? (size_t)(dash - text) : strlen(text));
		p->src = doc->v[i].para.src;
		if (dash)
			dash += dash[1] == '-' ? 3 : 5;
		nv_imp_add_para(out, nv_imp_add_cell(row, 1, 1, false), dash ? dash : "",
				dash ? strlen(dash) : 0);
	}
	return true;
}
