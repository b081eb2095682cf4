/*
 * import_plan.c: a roadmap's plan table into sections and items, for
 * `nastavnik import` (import_body.c finds the table).
 *
 * Each column is known by its heading: number, stage (a section),
 * event (an item's title), due, responsible, result, status. A column
 * of a kind already taken (a second «Содержание …» beside «Мероприятия»)
 * or of no kind is kept as an extra column under its own heading, so no
 * cell is lost. Rows are read as schools lay them out:
 *   - a row with a stage, or with one cell only, starts a section; the
 *     stage cell's paragraphs «Цель: …», «Задачи: …», «Результат: …» are
 *     the section's goal, tasks and result, and a row of one such cell
 *     gives them to the section above;
 *   - a row with an event's title is an item (in the section it may also
 *     have started);
 *   - a row with cells but no title continues the item above (cells
 *     merged down in the source: more dates, more of the contents).
 * The sections are written when the table is read whole.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "import.h"
#include "import_int.h"

enum col {
	COL_NONE,
	COL_NUM,
	COL_STAGE,
	COL_TITLE,
	COL_DUE,
	COL_RESP,
	COL_RESULT,
	COL_STATUS,
	COL_EXTRA,
	COL_KINDS
};

#define MAX_COLS 32

struct item {
	char *f[COL_KINDS];    /* the cells by kind (COL_EXTRA unused), owned */
	char *extra[MAX_COLS]; /* the extra columns' cells, owned */
};

struct section {
	char *title, *goal, *tasks, *result;
	struct item *items;
	size_t n, alloc;
};

struct plan {
	enum col cols[MAX_COLS];
	size_t ncols, nextra;
	bool has_stage; /* a stage column: sections are its cells */
	char *extra_names[MAX_COLS];
	size_t extra_of[MAX_COLS]; /* a column's place among the extra ones */
	struct section *secs;
	size_t nsecs, secs_alloc;
	size_t merged; /* rows that continued the item above */
};

static enum col col_of(const char *h)
{
	struct nv_buf b = NV_BUF_INIT;
	enum col r = COL_NONE;

	nv_imp_lower(&b, h, strlen(h));
	if (strstr(b.ptr, "срок"))
		r = COL_DUE;
	else if (strstr(b.ptr, "ответствен") || strstr(b.ptr, "исполнител"))
		r = COL_RESP;
	else if (strstr(b.ptr, "этап") || strstr(b.ptr, "раздел"))
		r = COL_STAGE;
	else if (strstr(b.ptr, "мероприят") || strstr(b.ptr, "наименован") ||
		 strstr(b.ptr, "содержан") || strstr(b.ptr, "действи"))
		r = COL_TITLE;
	else if (strstr(b.ptr, "результат") || strstr(b.ptr, "форм") || strstr(b.ptr, "итог") ||
		 strstr(b.ptr, "документ") || strstr(b.ptr, "продукт"))
		r = COL_RESULT;
	else if (strstr(b.ptr, "статус") || strstr(b.ptr, "отметк") || strstr(b.ptr, "выполн"))
		r = COL_STATUS;
	else if (strstr(b.ptr, "№") || strstr(b.ptr, "п/п"))
		r = COL_NUM;
	nv_buf_release(&b);
	return r;
}

/* The kinds of the header's columns; false unless it has a due and a title column. */
static bool read_header(struct plan *p, const struct nv_imp_row *h)
{
	bool seen[COL_KINDS] = { false };
	size_t j, k;

	for (j = 0; j < h->n && p->ncols < MAX_COLS; j++) {
		struct nv_buf t = NV_BUF_INIT;
		enum col c;

		nv_imp_cell_text(&t, &h->cells[j]);
		c = col_of(t.ptr);
		if (c != COL_NUM && (c == COL_NONE ? t.len > 0 : seen[c])) {
			p->extra_names[p->nextra++] = nv_buf_detach(&t, NULL);
			c = COL_EXTRA;
		}
		seen[c] = true;
		for (k = 0; k < (size_t)h->cells[j].colspan && p->ncols < MAX_COLS; k++) {
			p->extra_of[p->ncols] = p->nextra - (c == COL_EXTRA);
			p->cols[p->ncols++] = c;
		}
		nv_buf_release(&t);
	}
	p->has_stage = seen[COL_STAGE];
	return seen[COL_DUE] && seen[COL_TITLE];
}

static bool numbers_row(const struct nv_imp_row *r)
{
	size_t j;
	struct nv_buf t = NV_BUF_INIT;
	bool ok = r->n > 1;

	for (j = 0; j < r->n && ok; j++) {
		nv_buf_reset(&t);
		nv_imp_cell_text(&t, &r->cells[j]);
		ok = atoi(t.ptr) == (int)j + 1 && strspn(t.ptr, "0123456789.") == t.len;
	}
	nv_buf_release(&t);
	return ok;
}

/* A section row's title without «1.», «Раздел 1.», «Этап 1:». */
static const char *section_title(const char *s)
{
	const char *p = s;

	if (nv_imp_starts_word(p, "РАЗДЕЛ") || nv_imp_starts_word(p, "ЭТАП"))
		while (*p && *p != ' ')
			p++;
	while (*p == ' ')
		p++;
	if (*p >= '0' && *p <= '9') {
		while ((*p >= '0' && *p <= '9') || *p == '.' || *p == ':' || *p == ')')
			p++;
		while (*p == ' ' || *p == '.')
			p++;
	}
	return *p ? p : s;
}

/* Append s to *to (owned), a space between. */
static void join(char **to, const char *s)
{
	char *j;

	if (!s || !*s)
		return;
	if (!*to) {
		*to = nv_xstrdup(s);
		return;
	}
	j = nv_xasprintf("%s %s", *to, s);
	free(*to);
	*to = j;
}

/*
 * Which field of a section a paragraph «Цель: …», «Задачи: …»,
 * «Результат: …» fills (LABEL_GOAL …), with *rest after its label;
 * LABEL_NONE for any other paragraph.
 */
enum label {
	LABEL_NONE = -1,
	LABEL_GOAL,
	LABEL_TASKS,
	LABEL_RESULT
};

static enum label label_of(const char *text, const char **rest)
{
	static const char *const words[] = { "ЦЕЛЬ", "ЗАДАЧИ", "ЗАДАЧА", "РЕЗУЛЬТАТ" };
	static const enum label labels[] = { LABEL_GOAL, LABEL_TASKS, LABEL_TASKS, LABEL_RESULT };
	size_t i;
	const char *p;

	for (i = 0; text && i < NV_ARRAY_SIZE(words); i++) {
		if (!nv_imp_starts_word(text, words[i]))
			continue;
		p = text + strcspn(text, " :");
		/* The label's spaces (no-break ones too), colon or dash. */
		while (*p == ' ' || *p == ':' || *p == '-' || !strncmp(p, "\xC2\xA0", 2) ||
		       !strncmp(p, "—", 3) || !strncmp(p, "–", 3))
			p += (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p == 0xC2 ? 2 : 3;
		*rest = p;
		return labels[i];
	}
	return LABEL_NONE;
}

static char **section_field(struct section *s, enum label l)
{
	return l == LABEL_GOAL ? &s->goal : l == LABEL_TASKS ? &s->tasks : &s->result;
}

static struct section *add_section(struct plan *p, const char *title)
{
	struct section *s;

	NV_GROW(p->secs, p->nsecs + 1, p->secs_alloc);
	s = &p->secs[p->nsecs++];
	memset(s, 0, sizeof(*s));
	s->title = nv_xstrdup(section_title(title));
	return s;
}

/*
 * A stage cell: a new section, its title the paragraphs before the first
 * labelled one, its goal, tasks and result the labelled ones.
 */
static void stage(struct plan *p, const struct nv_imp_cell *cell)
{
	struct section *s;
	char *title = NULL;
	const char *rest;
	enum label l = LABEL_NONE;
	size_t k;

	for (k = 0; k < cell->n && label_of(cell->paras[k].text, &rest) == LABEL_NONE; k++)
		join(&title, cell->paras[k].text);
	s = add_section(p, title ? title : "");
	free(title);
	for (; k < cell->n; k++) {
		enum label m = label_of(cell->paras[k].text, &rest);

		if (m != LABEL_NONE)
			l = m;
		join(section_field(s, l), m != LABEL_NONE ? rest : cell->paras[k].text);
	}
}

/* Row r's cells by kind into it (texts owned by it); the stage cell in *stage_cell. */
static size_t row_cells(const struct plan *p, const struct nv_imp_row *r, struct item *it,
			const struct nv_imp_cell **stage_cell)
{
	size_t j, g = 0, filled = 0;

	*stage_cell = NULL;
	for (j = 0; j < r->n; g += (size_t)r->cells[j].colspan, j++) {
		struct nv_buf t = NV_BUF_INIT;
		enum col c = g < p->ncols ? p->cols[g] : COL_NONE;

		if (r->cells[j].covered)
			continue;
		nv_imp_cell_text(&t, &r->cells[j]);
		if (t.len)
			filled++;
		if (c == COL_STAGE && t.len && !*stage_cell)
			*stage_cell = &r->cells[j];
		else if (c == COL_EXTRA && !it->extra[p->extra_of[g]])
			it->extra[p->extra_of[g]] = nv_buf_detach(&t, NULL);
		else if (c != COL_EXTRA && !it->f[c])
			it->f[c] = nv_buf_detach(&t, NULL);
		nv_buf_release(&t);
	}
	return filled;
}

static void item_release(struct item *it)
{
	size_t k;

	for (k = 0; k < COL_KINDS; k++)
		free(it->f[k]);
	for (k = 0; k < MAX_COLS; k++)
		free(it->extra[k]);
}

/* The first non-empty cell of it, or NULL. */
static const char *only_text(const struct item *it)
{
	size_t k;

	for (k = COL_NUM; k < COL_KINDS; k++)
		if (it->f[k] && it->f[k][0])
			return it->f[k];
	for (k = 0; k < MAX_COLS; k++)
		if (it->extra[k] && it->extra[k][0])
			return it->extra[k];
	return NULL;
}

/* Row r (number nr) of the table: a section, an item, or more of the item above. */
static void plan_row(struct nv_imp_ctx *c, struct plan *p, const struct nv_imp_row *r, size_t nr)
{
	struct item it;
	const struct nv_imp_cell *sc;
	struct section *s = p->nsecs ? &p->secs[p->nsecs - 1] : NULL;
	const char *one, *rest;
	enum label l;
	size_t filled, k;

	memset(&it, 0, sizeof(it));
	filled = row_cells(p, r, &it, &sc);
	one = filled == 1 || r->n == 1 ? only_text(&it) : NULL;
	if (!sc && one && (l = label_of(one, &rest)) != LABEL_NONE) {
		if (s)
			join(section_field(s, l), rest); /* a row «Задачи: …» under its section's */
		else
			nv_imp_todo(c,
				    "строка %zu таблицы «%s» — цель, задачи или результат без "
				    "раздела над ними: перенесите строку в раздел или в текст",
				    nr, one);
	} else if (!sc && one && (!p->has_stage || r->n == 1)) {
		add_section(p, one); /* a row of one cell; with stages, one across the table */
	} else if (it.f[COL_TITLE] && it.f[COL_TITLE][0]) {
		if (sc)
			stage(p, sc);
		else if (!p->nsecs)
			nv_imp_todo(c, "мероприятия до первого раздела собраны в раздел "
				       "«Мероприятия»: переименуйте его");
		s = p->nsecs ? &p->secs[p->nsecs - 1] : add_section(p, "Мероприятия");
		NV_GROW(s->items, s->n + 1, s->alloc);
		s->items[s->n++] = it;
		return;
	} else if (sc) {
		stage(p, sc);
	} else if (filled && s && s->n) {
		struct item *prev = &s->items[s->n - 1];

		for (k = COL_DUE; k < COL_EXTRA; k++)
			join(&prev->f[k], it.f[k]);
		for (k = 0; k < p->nextra; k++)
			join(&prev->extra[k], it.extra[k]);
		p->merged++;
	}
	item_release(&it);
}

static void write_item(struct nv_imp_ctx *c, const struct plan *p, const struct item *it)
{
	const char *st = it->f[COL_STATUS];
	size_t k;

	nv_buf_adds(&c->fm, "      - ");
	nv_imp_yaml(&c->fm, 0, "title", it->f[COL_TITLE]);
	nv_imp_yaml(&c->fm, 8, "due", it->f[COL_DUE] && it->f[COL_DUE][0] ? it->f[COL_DUE] : "?");
	nv_imp_yaml(&c->fm, 8, "responsible",
		    it->f[COL_RESP] && it->f[COL_RESP][0] ? it->f[COL_RESP] : "?");
	if (it->f[COL_RESULT] && it->f[COL_RESULT][0])
		nv_imp_yaml(&c->fm, 8, "result", it->f[COL_RESULT]);
	if (st && (strstr(st, "ыполнен") || strstr(st, "done")))
		nv_imp_yaml(&c->fm, 8, "status", "done");
	else if (st && strstr(st, "еренес"))
		nv_imp_yaml(&c->fm, 8, "status", "moved");
	if (p->nextra) {
		nv_buf_adds(&c->fm, "        extra:\n");
		for (k = 0; k < p->nextra; k++)
			nv_imp_yaml_item(&c->fm, 10, it->extra[k] ? it->extra[k] : "");
	}
	if (!it->f[COL_DUE] || !it->f[COL_DUE][0] || !it->f[COL_RESP] || !it->f[COL_RESP][0])
		nv_imp_todo(c,
			    "мероприятие «%s»: нет срока или ответственного — впишите due и "
			    "responsible вместо «?»",
			    it->f[COL_TITLE]);
}

/* The sections read, as front matter; a section without items gets a note to fill it. */
static void write_plan(struct nv_imp_ctx *c, struct plan *p)
{
	size_t i, k, nitems = 0;

	if (p->nextra) {
		nv_buf_adds(&c->fm, "extra_columns:\n");
		for (k = 0; k < p->nextra; k++)
			nv_imp_yaml_item(&c->fm, 2, p->extra_names[k]);
	}
	if (p->nsecs)
		nv_buf_adds(&c->fm, "sections:\n");
	for (i = 0; i < p->nsecs; i++) {
		struct section *s = &p->secs[i];

		nv_buf_adds(&c->fm, "  - ");
		nv_imp_yaml(&c->fm, 0, "title", s->title[0] ? s->title : "?");
		if (!s->title[0])
			nv_imp_todo(c, "у раздела %zu нет названия: впишите title вместо «?»",
				    i + 1);
		if (s->goal)
			nv_imp_yaml(&c->fm, 4, "goal", s->goal);
		if (s->tasks)
			nv_imp_yaml(&c->fm, 4, "tasks", s->tasks);
		if (s->result)
			nv_imp_yaml(&c->fm, 4, "result", s->result);
		nv_buf_adds(&c->fm, "    items:\n");
		if (!s->n)
			nv_imp_todo(c, "в разделе «%s» нет мероприятий: впишите их в items",
				    s->title);
		for (k = 0; k < s->n; k++) {
			write_item(c, p, &s->items[k]);
			item_release(&s->items[k]);
		}
		nitems += s->n;
		free(s->items);
		free(s->title);
		free(s->goal);
		free(s->tasks);
		free(s->result);
	}
	nv_imp_found(c, "разделы: %zu, мероприятия: %zu", p->nsecs, nitems);
	if (p->merged)
		nv_imp_found(c,
			     "строк без названия мероприятия, добавленных к мероприятию выше: %zu",
			     p->merged);
	for (k = 0; k < p->nextra; k++)
		free(p->extra_names[k]);
	free(p->secs);
}

bool nv_imp_plan_table(struct nv_imp_ctx *c, const struct nv_imp_table *t, int src)
{
	struct plan p;
	size_t i;

	memset(&p, 0, sizeof(p));
	if (!t->n || !read_header(&p, &t->rows[0])) {
		for (i = 0; i < p.nextra; i++)
			free(p.extra_names[i]);
		return false;
	}
	nv_imp_found(c, "таблица мероприятий: абзац %d, %zu столбцов", src, p.ncols);
	for (i = 1; i < t->n; i++) {
		if (numbers_row(&t->rows[i]))
			nv_imp_found(c, "строка %zu таблицы — номера столбцов, пропущена", i + 1);
		else
			plan_row(c, &p, &t->rows[i], i + 1);
	}
	write_plan(c, &p);
	return true;
}
