/*
 * md_table.c: ```table blocks of Markdown bodies; see md_table.h.
 *
 * Design: the block's literal is read with yaml_load.c (positions are
 * those of the .md file), checked for its shape (every row fills the
 * columns, no span leaves the table) and turned into custom nodes. The
 * text of a cell is Markdown parsed by cmark on its own: the lines of its
 * nodes count from the cell's first line, nv_md_cell.body_line of the
 * body, and markdown.c and the checks of names add it (columns: see
 * nv_md_cell.col0 and block).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "md_mem.h"
#include "md_table.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"
#include "yaml_load.h"

#define TABLE_KEYS "caption, widths, header, numbers, rows"
#define SPAN_HINT  "пустая ячейка — \"\"; объединённая — {text: …, colspan: 2} или rowspan"

/* What one table is read with. */
struct reader {
	int first_line;		     /* the body's first line in the file */
	struct nv_md_table **tables; /* the tables read */
	size_t ntables, alloc_tables;
	const char *text; /* the body */
	size_t len;
	const char *file;
	struct nv_diags *d;
	struct nv_md_table *t;
	size_t alloc;
	bool *used;    /* nrows × ncols slots taken */
	size_t *lines; /* offsets of the body's lines, made when first needed */
	size_t nlines, alloc_lines;
	int indent; /* bytes before the fence of the block being read */
	bool bad;
};

static struct nv_diag *err(struct reader *r, const struct nv_value *v, const char *msg)
{
	r->bad = true;
	return nv_error(r->d, r->file, v ? v->line : 0, v ? v->col : 0, "%s", msg);
}

enum nv_md_part_kind nv_md_part(cmark_node *node)
{
	const enum nv_md_part_kind *k;

	if (!node || cmark_node_get_type(node) != CMARK_NODE_CUSTOM_BLOCK)
		return NV_MD_PART_NONE;
	k = cmark_node_get_user_data(node);
	return k ? *k : NV_MD_PART_NONE;
}

const struct nv_md_table *nv_md_table_of(cmark_node *node)
{
	return nv_md_part(node) == NV_MD_PART_TABLE ? cmark_node_get_user_data(node) : NULL;
}

const struct nv_md_cell *nv_md_text_of(cmark_node *node)
{
	enum nv_md_part_kind k = nv_md_part(node);

	return k == NV_MD_PART_CELL || k == NV_MD_PART_CAPTION ? cmark_node_get_user_data(node)
							       : NULL;
}

const struct nv_md_cell *nv_md_cell_of(cmark_node *node)
{
	return nv_md_part(node) == NV_MD_PART_CELL ? cmark_node_get_user_data(node) : NULL;
}

/* The byte offset of 1-based line `line` of the body, or len. */
static size_t body_line_off(struct reader *r, int line)
{
	const char *p, *end = r->text + r->len;

	if (!r->lines) {
		/* indexed once, for the first table of the body */
		NV_GROW(r->lines, 1, r->alloc_lines);
		r->lines[r->nlines++] = 0;
		for (p = r->text; p && p < end && (p = memchr(p, '\n', (size_t)(end - p)));) {
			p++;
			NV_GROW(r->lines, r->nlines + 1, r->alloc_lines);
			r->lines[r->nlines++] = (size_t)(p - r->text);
		}
	}
	return line >= 1 && (size_t)line <= r->nlines ? r->lines[line - 1] : r->len;
}

/* The length of 1-based line `line` of the body without its newline; *off its offset. */
static size_t body_line(struct reader *r, int line, size_t *off)
{
	size_t next;

	*off = body_line_off(r, line);
	next = body_line_off(r, line + 1);
	return next - *off - (next > *off && r->text[next - 1] == '\n');
}

/* The text of a scalar cell value (null: empty), or NULL for other types. */
static const char *scalar_text(const struct nv_value *v)
{
	if (!v || v->type == NV_NULL)
		return "";
	return nv_value_is_scalar(v) ? v->str : NULL;
}

/* A new custom block whose children are the blocks of the n bytes at s parsed as Markdown. */
static cmark_node *text_box(const char *s, size_t n)
{
	cmark_node *box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &nv_md_cmark_mem), *doc,
		   *child;
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &nv_md_cmark_mem);

	cmark_parser_feed(p, s, n);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	while ((child = cmark_node_first_child(doc)))
		cmark_node_append_child(box, child);
	cmark_node_free(doc);
	return box;
}

/*
 * text_box() of `s`, its first line at line v->line of the file; c (may
 * be NULL) learns where the text starts.
 */
static cmark_node *parse_text(struct reader *r, const struct nv_value *v, const char *s,
			      struct nv_md_cell *c)
{
	int line = v->line - r->first_line + 1, i;
	size_t off, at;

	off = body_line_off(r, line < 1 ? 1 : line);
	/* the literal of a block inside a list item lost the item's indent */
	for (at = off, i = 0; i < r->indent && at < r->len && r->text[at] == ' '; i++)
		at++;
	for (i = 1; i < v->col && at < r->len && r->text[at] != '\n'; i++)
		at += nv_utf8_decode(r->text + at, r->len - at, &(uint32_t){ 0 });
	if (at < r->len && (r->text[at] == '|' || r->text[at] == '>') && v->type == NV_STRING) {
		line++; /* a block: the text starts on the next line */
		if (c)
			c->block = true;
	} else if (at < r->len && (r->text[at] == '"' || r->text[at] == '\'')) {
		at++;
	}
	if (c) {
		c->body_line = line < 1 ? 1 : line;
		c->col0 = c->block ? 0 : (int)(at - off);
	}
	return text_box(s, strlen(s));
}

/* A positive whole number of a span, or 0 after an error. */
static int span_of(struct reader *r, const struct nv_value *v, const char *key)
{
	struct nv_diag *dg;

	if (!v)
		return 1;
	if (v->type == NV_NUMBER && v->number >= 1 && v->number <= NV_MD_TABLE_MAX_COLS * 100 &&
	    v->number == (int)v->number)
		return (int)v->number;
	dg = err(r, v, "число объединённых ячеек должно быть целым, от 1");
	nv_diag_hint(dg, "напишите, например, «%s: 2»", key);
	return 0;
}

/* An unknown key of `what` («таблицы», «ячейки»), with the nearest of keys (NULL-ended). */
static void unknown_key(struct reader *r, const struct nv_member *m, const char *what,
			const char *const *keys)
{
	struct nv_diag *dg =
		nv_error(r->d, r->file, m->line, m->col, "неизвестное поле %s «%s»", what, m->key);
	const char *near;
	char *all = nv_join(keys, ", ");
	size_t n = 0;

	while (keys[n])
		n++;
	near = nv_suggest(m->key, keys, n);
	if (near)
		nv_diag_hint(dg, "возможно, имелось в виду «%s»; допустимые поля: %s", near, all);
	else
		nv_diag_hint(dg, "допустимые поля: %s", all);
	free(all);
	r->bad = true;
}

/* Read a cell value: its text and spans. False after an error. */
static bool cell_value(struct reader *r, const struct nv_value *v, const struct nv_value **text,
		       int *colspan, int *rowspan)
{
	static const char *const keys[] = { "text", "colspan", "rowspan", NULL };
	size_t i;

	*text = v;
	*colspan = *rowspan = 1;
	if (v->type != NV_MAP) {
		if (scalar_text(v))
			return true;
		nv_diag_hint(err(r, v, "ячейка таблицы должна быть текстом или набором полей"),
			     "запишите ячейку как \"текст\" или {text: …, colspan: 2}; "
			     "текст в несколько строк — блоком «|»");
		return false;
	}
	for (i = 0; i < v->nr; i++) {
		const char *k = v->members[i].key;
		if (strcmp(k, "text") && strcmp(k, "colspan") && strcmp(k, "rowspan")) {
			unknown_key(r, &v->members[i], "ячейки", keys);
			return false;
		}
	}
	*text = nv_map_get(v, "text");
	if (*text && !scalar_text(*text)) {
		nv_diag_hint(err(r, *text, "текст ячейки должен быть строкой"),
			     "текст в несколько строк пишите блоком «|»");
		return false;
	}
	if (!*text)
		*text = v;
	*colspan = span_of(r, nv_map_get(v, "colspan"), "colspan");
	*rowspan = span_of(r, nv_map_get(v, "rowspan"), "rowspan");
	return *colspan && *rowspan;
}

/* The number of columns row v takes (spans counted), for the first row. */
static int row_width(const struct nv_value *v)
{
	const struct nv_value *cs;
	size_t i;
	int n = 0;

	for (i = 0; v->type == NV_LIST && i < v->nr; i++) {
		cs = v->items[i]->type == NV_MAP ? nv_map_get(v->items[i], "colspan") : NULL;
		n += cs && cs->type == NV_NUMBER && cs->number >= 1 &&
				     cs->number <= NV_MD_TABLE_MAX_COLS
			     ? (int)cs->number
			     : 1;
	}
	return n;
}

/* Add cell (row, col) of spans cs × rs with text v; false if it leaves the table. */
static bool place(struct reader *r, const struct nv_value *cv, const struct nv_value *v, int row,
		  int col, int cs, int rs, bool header)
{
	struct nv_md_table *t = r->t;
	struct nv_md_cell *c;
	struct nv_diag *dg;
	int i, j, last = header ? t->nheader : t->nrows;

	if (t->ncells >= NV_MD_TABLE_MAX_CELLS) {
		nv_diag_hint(err(r, cv, "в таблице слишком много ячеек"),
			     "ячеек может быть не больше %d: разделите таблицу на несколько",
			     NV_MD_TABLE_MAX_CELLS);
		return false;
	}
	if (col + cs > t->ncols) {
		dg = nv_error(r->d, r->file, cv->line, cv->col,
			      "ячейка выходит за правый край таблицы: в таблице %d столбц%s",
			      t->ncols,
			      t->ncols == 1  ? ""
			      : t->ncols < 5 ? "а"
					     : "ов");
		nv_diag_hint(dg, "уберите лишнюю ячейку или уменьшите colspan; %s", SPAN_HINT);
		r->bad = true;
		return false;
	}
	if (row + rs > last) {
		dg = nv_error(r->d, r->file, cv->line, cv->col,
			      "ячейка выходит за нижний край %s: rowspan: %d, а строк до края "
			      "(с этой): %d",
			      header ? "шапки таблицы" : "таблицы", rs, last - row);
		nv_diag_hint(dg, "уменьшите rowspan до %d или добавьте строки", last - row);
		r->bad = true;
		return false;
	}
	for (i = row; i < row + rs; i++)
		for (j = col; j < col + cs; j++)
			r->used[i * t->ncols + j] = true;
	NV_GROW(t->cells, t->ncells + 1, r->alloc);
	c = &t->cells[t->ncells++];
	memset(c, 0, sizeof(*c));
	c->kind = NV_MD_PART_CELL;
	c->row = row;
	c->col = col;
	c->colspan = cs;
	c->rowspan = rs;
	c->header = header;
	c->node = parse_text(r, v, scalar_text(v) ? scalar_text(v) : "", c);
	return true;
}

/* Read row `row` (a list of cells); false after an error. */
static bool read_row(struct reader *r, const struct nv_value *v, int row, bool header)
{
	struct nv_md_table *t = r->t;
	const struct nv_value *text;
	size_t i, first = t->ncells;
	int col = 0, cs, rs, free_slots = 0;

	if (v->type != NV_LIST) {
		nv_diag_hint(err(r, v, "строка таблицы должна быть списком ячеек"),
			     "запишите строку как «- [ячейка, ячейка]»");
		return false;
	}
	for (i = 0; i < v->nr; i++) {
		while (col < t->ncols && r->used[row * t->ncols + col])
			col++;
		if (!cell_value(r, v->items[i], &text, &cs, &rs) ||
		    !place(r, v->items[i], text, row, col, cs, rs, header))
			return false;
		col += cs;
	}
	for (col = 0; col < t->ncols; col++)
		free_slots += !r->used[row * t->ncols + col];
	if (free_slots || t->ncells == first) {
		nv_diag_hint(nv_error(r->d, r->file, v->line, v->col,
				      "в строке таблицы не хватает ячеек: пустых столбцов %d из %d",
				      free_slots, t->ncols),
			     "добавьте ячейки; %s", SPAN_HINT);
		r->bad = true;
		return false;
	}
	t->cells[first].row_first = true;
	t->cells[t->ncells - 1].row_last = true;
	return true;
}

/* The header as rows: one row (a list of cells) or a list of rows; one[] holds a single row. */
static size_t header_rows(const struct nv_value *h, const struct nv_value **one,
			  const struct nv_value *const **rows)
{
	*rows = NULL;
	if (!h || h->type != NV_LIST || !h->nr)
		return 0;
	if (h->items[0]->type == NV_LIST) {
		*rows = (const struct nv_value *const *)h->items;
		return h->nr;
	}
	one[0] = h;
	*rows = one;
	return 1;
}

/* widths: relative widths, one per column; ncols from it. */
static bool read_widths(struct reader *r, const struct nv_value *w)
{
	size_t i;

	if (!w)
		return true;
	if (w->type != NV_LIST || !w->nr || w->nr > NV_MD_TABLE_MAX_COLS) {
		nv_diag_hint(err(r, w, "widths — список относительных ширин столбцов"),
			     "например, «widths: [1, 3]»: второй столбец втрое шире первого");
		return false;
	}
	for (i = 0; i < w->nr; i++) {
		if (w->items[i]->type != NV_NUMBER || !(w->items[i]->number > 0)) {
			nv_diag_hint(err(r, w->items[i], "ширина столбца — положительное число"),
				     "например, «widths: [1, 3]»");
			return false;
		}
		r->t->widths[i] = w->items[i]->number;
	}
	r->t->ncols = (int)w->nr;
	return true;
}

/* The keys of the table's map: known ones only, of the right types. */
static bool read_keys(struct reader *r, const struct nv_value *root)
{
	static const char *const keys[] = {
		"caption", "widths", "header", "numbers", "rows", NULL
	};
	const struct nv_value *v;
	size_t i;

	if (root->type != NV_MAP) {
		nv_diag_hint(err(r, root, "таблица должна быть набором полей: " TABLE_KEYS),
			     "начните с «rows:» и списка строк «- [ячейка, ячейка]»");
		return false;
	}
	for (i = 0; i < root->nr; i++) {
		const char *k = root->members[i].key;
		if (strcmp(k, "caption") && strcmp(k, "widths") && strcmp(k, "header") &&
		    strcmp(k, "numbers") && strcmp(k, "rows")) {
			unknown_key(r, &root->members[i], "таблицы", keys);
			return false;
		}
	}
	v = nv_map_get(root, "numbers");
	if (v && v->type != NV_BOOL) {
		nv_diag_hint(err(r, v, "numbers — true или false"),
			     "«numbers: true» добавляет под шапкой строку с номерами столбцов");
		return false;
	}
	r->t->numbers = v && v->boolean;
	if (r->t->numbers && !nv_map_get(root, "header")) {
		nv_diag_hint(err(r, v,
				 "строка с номерами столбцов (numbers) ставится под шапкой, а "
				 "шапки (header) нет"),
			     "добавьте шапку, например «header: [Уровень, Ответственность]», или "
			     "уберите "
			     "«numbers: true»");
		return false;
	}
	v = nv_map_get(root, "rows");
	if (!v || v->type != NV_LIST || !v->nr) {
		nv_diag_hint(err(r, v ? v : root, "у таблицы нет строк (rows)"),
			     "добавьте «rows:» и список строк «- [ячейка, ячейка]»");
		return false;
	}
	v = nv_map_get(root, "header");
	if (v && (v->type != NV_LIST || !v->nr)) {
		nv_diag_hint(err(r, v, "header — список ячеек шапки или список её строк"),
			     "например, «header: [Уровень, Ответственность]»");
		return false;
	}
	v = nv_map_get(root, "caption");
	if (v && v->type != NV_STRING) {
		nv_diag_hint(err(r, v, "caption — название таблицы, строка"),
			     "например, «caption: Уровни ответственности»");
		return false;
	}
	return read_widths(r, nv_map_get(root, "widths"));
}

/* Read the rows of the header and the body into r->t; false after an error. */
static bool read_rows(struct reader *r, const struct nv_value *root)
{
	struct nv_md_table *t = r->t;
	const struct nv_value *one[1], *const *head, *rows = nv_map_get(root, "rows");
	size_t nh = header_rows(nv_map_get(root, "header"), one, &head), i;
	int w;

	w = row_width(nh ? head[0] : rows->items[0]);
	if (!t->ncols)
		t->ncols = w;
	if (t->ncols > NV_MD_TABLE_MAX_COLS) {
		nv_diag_hint(err(r, root, "в таблице слишком много столбцов"),
			     "столбцов может быть не больше %d", NV_MD_TABLE_MAX_COLS);
		return false;
	}
	t->nheader = (int)nh;
	t->nrows = (int)(nh + rows->nr);
	r->used = nv_xcalloc((size_t)t->nrows * (size_t)t->ncols + 1, sizeof(bool));
	for (i = 0; i < nh; i++)
		if (!read_row(r, head[i], (int)i, true))
			return false;
	for (i = 0; i < rows->nr; i++)
		if (!read_row(r, rows->items[i], (int)(nh + i), false))
			return false;
	for (i = (size_t)(t->ncols); i-- > 0;)
		if (!(t->widths[i] > 0))
			t->widths[i] = 1;
	return true;
}

static void table_free(struct nv_md_table *t)
{
	if (!t)
		return;
	free(t->cells);
	free(t);
}

/* Put the table's nodes, with the caption cap (may be NULL), in the place of the block `code`. */
static void build(struct reader *r, const struct nv_value *cap, cmark_node *code)
{
	struct nv_md_table *t = r->t;
	size_t i;

	t->kind = NV_MD_PART_TABLE;
	t->node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, &nv_md_cmark_mem);
	cmark_node_set_user_data(t->node, t);
	if (cap && cap->len) {
		t->caption.kind = NV_MD_PART_CAPTION;
		t->caption_node = parse_text(r, cap, cap->str, &t->caption);
		t->caption.node = t->caption_node;
		cmark_node_set_user_data(t->caption_node, &t->caption);
		cmark_node_append_child(t->node, t->caption_node);
	}
	for (i = 0; i < t->ncells; i++) {
		cmark_node_set_user_data(t->cells[i].node, &t->cells[i]);
		cmark_node_append_child(t->node, t->cells[i].node);
	}
	cmark_node_replace(code, t->node);
	cmark_node_free(code);
}

/* Keep the table built, r->t. */
static void keep(struct reader *r)
{
	NV_GROW(r->tables, r->ntables + 1, r->alloc_tables);
	r->tables[r->ntables++] = r->t;
}

/* One ```table block; it stays code after a mistake. */
static void one_table(struct reader *r, cmark_node *code)
{
	const char *lit = cmark_node_get_literal(code);
	int line = r->first_line + cmark_node_get_start_line(code);
	struct nv_value *root;
	struct nv_diags local;
	size_t i;

	nv_diags_init(&local);
	r->d = r->d ? r->d : &local;
	r->indent = cmark_node_get_start_column(code) - 1;
	root = nv_yaml_load(r->file ? r->file : "", lit ? lit : "", lit ? strlen(lit) : 0, line,
			    NULL, r->d);
	r->t = nv_xcalloc(1, sizeof(*r->t));
	r->alloc = 0;
	r->used = NULL;
	r->bad = !root;
	if (root && read_keys(r, root) && read_rows(r, root)) {
		build(r, nv_map_get(root, "caption"), code);
		keep(r);
	} else {
		for (i = 0; i < r->t->ncells; i++)
			cmark_node_free(r->t->cells[i].node);
		table_free(r->t);
	}
	if (r->d == &local)
		r->d = NULL;
	nv_diags_release(&local);
	nv_value_free(root);
	free(r->used);
}

/* --- tables typed as rows of «|» -------------------------------------------- */

/*
 * The cells of a row of «|» at s (n bytes, a line without its newline):
 * [from[k], to[k]) of each, less the spaces around it, for the first max;
 * their number. The «|» at the row's ends are none of them, nor a «\|».
 */
static int pipe_cells(const char *s, size_t n, size_t *from, size_t *to, int max)
{
	size_t i = 0, a, e;
	int k = 0;

	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '|')
		i++;
	if (n > i && s[n - 1] == '|' && (n < 2 || s[n - 2] != '\\'))
		n--;
	for (;; i++) {
		for (a = i; i < n && !(s[i] == '|' && (i == 0 || s[i - 1] != '\\'));)
			i++;
		for (e = i; e > a && (s[e - 1] == ' ' || s[e - 1] == '\t');)
			e--;
		while (a < e && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (k < max) {
			from[k] = a;
			to[k] = e;
		}
		k++;
		if (i >= n)
			return k;
	}
}

/* Whether the k cells of a row are those of the line under a header: «---», «:--», «--:». */
static bool pipe_rule(const char *s, const size_t *from, const size_t *to, int k)
{
	size_t i;
	int c;

	for (c = 0; c < k; c++) {
		i = from[c] + (from[c] < to[c] && s[from[c]] == ':');
		if (i >= to[c] || s[i] != '-')
			return false;
		while (i < to[c] && s[i] == '-')
			i++;
		if (i + (i < to[c] && s[i] == ':') != to[c])
			return false;
	}
	return k > 0;
}

/* The cell of a row of «|»: the bytes [a, e) of the body, a «\|» in them a «|». */
static cmark_node *pipe_text(const char *s, size_t a, size_t e)
{
	struct nv_buf b = NV_BUF_INIT;
	cmark_node *box;
	size_t i;

	for (i = a; i < e; i++)
		if (!(s[i] == '\\' && i + 1 < e && s[i + 1] == '|'))
			nv_buf_addch(&b, s[i]);
	box = text_box(b.ptr ? b.ptr : "", b.len);
	nv_buf_release(&b);
	return box;
}

/*
 * The relative width a column of rows of «|» needs for the cell text s
 * (n bytes): its length in characters shown (not «*», «_», «`», «\\»,
 * the brackets and the address of a link), at most 40, and no less than its
 * longest word and two more, nor 3.
 */
static size_t pipe_width(const char *s, size_t n)
{
	size_t i = 0, len = 0, word = 0, longest = 0, k;
	const char *close;

	while (i < n) {
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(' &&
		    (close = memchr(s + i, ')', n - i))) {
			i = (size_t)(close - s) + 1;
			continue;
		}
		if (!strchr("*_`[]\\", s[i])) {
			word = s[i] == ' ' ? 0 : word + 1;
			len++;
			longest = word > longest ? word : longest;
		}
		k = nv_utf8_decode(s + i, n - i, &(uint32_t){ 0 });
		i += k ? k : 1;
	}
	len = len > 40 ? 40 : len;
	len = len < longest + 2 ? longest + 2 : len;
	return len < 3 ? 3 : len;
}

/* A warning at the line (of the body) and byte off of it. */
static struct nv_diag *pipe_warn(struct reader *r, int line, size_t off, const char *msg)
{
	size_t at = body_line_off(r, line);

	return nv_warning(r->d, r->file, r->first_line + line - 1,
			  (int)nv_utf8_count(r->text + at, off) + 1, "%s", msg);
}

/*
 * Row `row` of the table r->t, the line `line` of the body at off (n
 * bytes): its cells, the empty ones it lacks, a warning for those past
 * the header's (Markdown drops them); the widths learn its longest texts.
 */
static void pipe_row(struct reader *r, int row, int line, size_t off, size_t n)
{
	struct nv_md_table *t = r->t;
	size_t from[NV_MD_TABLE_MAX_COLS], to[NV_MD_TABLE_MAX_COLS], w;
	int k = pipe_cells(r->text + off, n, from, to, t->ncols), c;
	struct nv_md_cell *cell;

	if (k > t->ncols && r->d)
		nv_diag_hint(pipe_warn(r, line, 0,
				       "в строке таблицы больше ячеек, чем в шапке: "
				       "лишние не будут видны"),
			     "в шапке %d столбц%s: добавьте столбец в шапку и в строку под ней или "
			     "уберите лишние ячейки",
			     t->ncols,
			     t->ncols == 1  ? ""
			     : t->ncols < 5 ? "а"
					    : "ов");
	for (c = 0; c < t->ncols; c++) {
		NV_GROW(t->cells, t->ncells + 1, r->alloc);
		cell = &t->cells[t->ncells++];
		memset(cell, 0, sizeof(*cell));
		cell->kind = NV_MD_PART_CELL;
		cell->row = row;
		cell->col = c;
		cell->colspan = cell->rowspan = 1;
		cell->header = row == 0;
		cell->row_first = c == 0;
		cell->row_last = c == t->ncols - 1;
		cell->body_line = line;
		cell->col0 = c < k ? (int)from[c] : (int)n;
		cell->node =
			c < k ? pipe_text(r->text, off + from[c], off + to[c]) : text_box("", 0);
		w = c < k ? pipe_width(r->text + off + from[c], to[c] - from[c]) : 3;
		t->widths[c] = (double)w > t->widths[c] ? (double)w : t->widths[c];
	}
}

/*
 * A paragraph whose lines are rows of «|», the second a rule under the
 * header («|---|:--:|»), as GitHub's Markdown writes a table: made a
 * table as a ```table block would be. Rows of «|» without such a rule
 * are said and left.
 */
static void one_pipes(struct reader *r, cmark_node *para)
{
	int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para), line;
	size_t from[NV_MD_TABLE_MAX_COLS], to[NV_MD_TABLE_MAX_COLS], off, n;
	int nh, nr;

	n = body_line(r, first, &off);
	nh = pipe_cells(r->text + off, n, from, to, NV_MD_TABLE_MAX_COLS);
	n = body_line(r, first + 1, &off);
	nr = last > first ? pipe_cells(r->text + off, n, from, to, NV_MD_TABLE_MAX_COLS) : 0;
	if (last == first || !memchr(r->text + off, '|', n) ||
	    !pipe_rule(r->text + off, from, to, nr < nh ? nr : nh)) {
		if (r->d && last > first && r->text[off + strspn(r->text + off, " ")] == '|')
			nv_diag_hint(pipe_warn(r, first, 0,
					       "строки «| … |» — не таблица: под первой нет "
					       "строки-разделителя «|---|---|»"),
				     "добавьте под шапкой строку «|---|---|» (по дефису или больше "
				     "на столбец) или запишите таблицу блоком ```table (man "
				     "nastavnik.5)");
		return;
	}
	if (nr != nh || nh > NV_MD_TABLE_MAX_COLS) {
		if (r->d)
			nv_diag_hint(pipe_warn(r, first + 1, 0,
					       "в строке-разделителе под шапкой таблицы другое "
					       "число столбцов: Markdown не прочтёт таблицу"),
				     "в шапке столбцов %d, а в строке под ней %d: сделайте их "
				     "поровну (не больше %d), по «---» на столбец",
				     nh, nr, NV_MD_TABLE_MAX_COLS);
		return;
	}
	r->t = nv_xcalloc(1, sizeof(*r->t));
	r->alloc = 0;
	r->t->ncols = nh;
	r->t->nheader = 1;
	r->t->nrows = last - first;
	for (line = first; line <= last; line++) {
		if (line == first + 1)
			continue;
		n = body_line(r, line, &off);
		pipe_row(r, line == first ? 0 : line - first - 1, line, off, n);
	}
	build(r, NULL, para);
	keep(r);
}

/*
 * Whether node, a paragraph, is at the body's top level and its first
 * line starts with «|»: maybe a table of rows of «|» (one_pipes()).
 */
static bool is_pipes(cmark_node *node, cmark_node *root)
{
	cmark_node *text;
	const char *lit;

	text = cmark_node_first_child(node);
	lit = text && cmark_node_get_type(text) == CMARK_NODE_TEXT ? cmark_node_get_literal(text)
								   : NULL;
	return lit && lit[0] == '|' && cmark_node_parent(node) == root;
}

/* True if node is a fenced code block whose info string is «table». */
static bool is_table(cmark_node *node)
{
	const char *info;
	size_t n;

	if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
		return false;
	info = cmark_node_get_fence_info(node);
	if (!info)
		return false;
	while (*info == ' ')
		info++;
	n = strcspn(info, " ");
	return n == 5 && !memcmp(info, "table", 5);
}

size_t nv_md_tables(cmark_node *root, int first_line, const char *text, size_t len,
		    const char *file, struct nv_diags *d, struct nv_md_table ***tables)
{
	struct reader r = { 0 };
	cmark_node **found = NULL, *node, *child;
	size_t n = 0, alloc = 0, i;
	cmark_node_type type;

	r.first_line = first_line;
	r.text = text;
	r.len = len;
	r.file = file;
	r.d = d;
	/* Pre-order over the blocks: a table is never inside a paragraph or a heading. */
	for (node = cmark_node_first_child(root); node;) {
		type = cmark_node_get_type(node);
		if (type == CMARK_NODE_PARAGRAPH ? is_pipes(node, root) : is_table(node)) {
			NV_GROW(found, n + 1, alloc);
			found[n++] = node;
		}
		if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING &&
		    (child = cmark_node_first_child(node))) {
			node = child;
			continue;
		}
		while (node != root && !cmark_node_next(node))
			node = cmark_node_parent(node);
		node = node == root ? NULL : cmark_node_next(node);
	}
	for (i = 0; i < n; i++)
		if (cmark_node_get_type(found[i]) == CMARK_NODE_PARAGRAPH)
			one_pipes(&r, found[i]);
		else
			one_table(&r, found[i]);
	free(found);
	free(r.lines);
	*tables = r.tables;
	return r.ntables;
}

void nv_md_tables_free(struct nv_md_table **tables, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		table_free(tables[i]);
	}
	free(tables);
}
