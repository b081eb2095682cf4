/*
 * import_table.c: a table of a document's body (not a roadmap, not
 * approvals) as a ```table block (man nastavnik.5, «Таблицы»): the
 * caption from the paragraph above it, header rows, the column-number
 * row, relative widths, merged cells, and each cell as Markdown with its
 * paragraphs and lists; people of people.yml named in a cell become
 * mentions.
 */
#include "common.h"

#include <string.h>

#include "alloc.h"
#include "import_int.h"

bool nv_imp_is_caption(const struct nv_imp_ln *l)
{
	const char *s = l->p ? l->p->style : NULL;

	if (l->t || !l->text[0])
		return false;
	if (s && (strstr(s, "aption") || strstr(s, "Название") || !strcmp(s, "Table") ||
		  !strcmp(s, "Таблица")))
		return true;
	return nv_imp_starts_word(l->text, "ТАБЛИЦА");
}

/* The columns of the widest row. */
static size_t columns(const struct nv_imp_table *t)
{
	size_t i, j, n, cols = 0;

	for (i = 0; i < t->n; i++) {
		for (j = 0, n = 0; j < t->rows[i].n; j++)
			n += (size_t)t->rows[i].cells[j].colspan;
		cols = n > cols ? n : cols;
	}
	return cols;
}

/* Is row r «1 2 3 …», one number a column? */
static bool number_row(const struct nv_imp_row *r, size_t cols)
{
	size_t j;
	bool ok = r->n == cols && cols > 1;

	for (j = 0; ok && j < r->n; j++) {
		struct nv_buf t = NV_BUF_INIT;

		nv_imp_cell_text(&t, &r->cells[j]);
		ok = r->cells[j].colspan == 1 && !r->cells[j].covered &&
		     (size_t)atoi(t.ptr) == j + 1 && strspn(t.ptr, "0123456789.") == t.len;
		nv_buf_release(&t);
	}
	return ok;
}

/* Is all the text of row r bold (and there is some)? */
static bool bold_row(const struct nv_imp_row *r)
{
	size_t j, k, n = 0;

	for (j = 0; j < r->n; j++)
		for (k = 0; !r->cells[j].covered && k < r->cells[j].n; k++) {
			if (!r->cells[j].paras[k].text[0])
				continue;
			if (!r->cells[j].paras[k].bold)
				return false;
			n++;
		}
	return n > 0;
}

/* Names of people.yml in md («Лебедева А. С.», «А. С. Лебедева») as mentions. */
static void mentions(const struct nv_imp_ctx *c, struct nv_buf *md)
{
	size_t i;

	for (i = 0; i < c->o->npeople; i++) {
		const struct nv_imp_person *p = &c->o->people[i];
		char ini[24], *forms[2], *at = NULL, *s;
		int k, ln = (unsigned char)p->name[0] < 0x80 ? 1 : 2;

		if (!p->surname || !p->name || !p->patronymic)
			continue;
		snprintf(ini, sizeof(ini), "%.*s. %.*s.", ln, p->name,
			 (unsigned char)p->patronymic[0] < 0x80 ? 1 : 2, p->patronymic);
		forms[0] = nv_xasprintf("%s %s", p->surname, ini);
		forms[1] = nv_xasprintf("%s %s", ini, p->surname);
		for (k = 0; k < 2 && !at; k++)
			if ((at = strstr(md->ptr, forms[k])) && at > md->ptr && at[-1] == '[')
				at = NULL;
		if (at) {
			size_t off = (size_t)(at - md->ptr), len = strlen(forms[k - 1]);

			s = nv_xasprintf("%.*s[%.*s](@%s)%s", (int)off, md->ptr, (int)len, at,
					 p->id, at + len);
			nv_buf_reset(md);
			nv_buf_adds(md, s);
			free(s);
		}
		free(forms[0]);
		free(forms[1]);
	}
}

/*
 * A cell as Markdown: paragraphs apart, list items of one list together,
 * a nested item under its parent's text; ind[L] is where level L starts.
 */
static void cell_md(const struct nv_imp_ctx *c, struct nv_buf *out, const struct nv_imp_cell *cell)
{
	size_t i, ind[9] = { 0 };
	bool item = false;

	for (i = 0; i < cell->n; i++) {
		const struct nv_imp_para *p = &cell->paras[i];
		bool li = p->number || p->bullet;
		size_t lvl = li && p->level > 0 ? (p->level < 8 ? (size_t)p->level : 7) : 0, pad;

		if (!p->text[0])
			continue;
		if (out->len && (!li || !item))
			nv_buf_addch(out, '\n');
		item = li;
		pad = li ? ind[lvl] : 0;
		nv_buf_addf(out, "%*s", (int)pad, "");
		if (li) {
			const char *m = p->number && !p->bullet ? p->number : "-";

			nv_buf_addf(out, "%s ", m);
			ind[lvl + 1] = pad + strlen(m) + 1;
		}
		if (p->md)
			nv_buf_adds(out, p->md);
		else
			nv_imp_md_text(out, p->text);
		nv_buf_addch(out, '\n');
	}
	while (out->len && out->ptr[out->len - 1] == '\n')
		out->ptr[--out->len] = '\0';
	mentions(c, out);
}

/* A YAML scalar: double-quoted on one line, a | block (at indent) on several. */
static void scalar(struct nv_buf *out, const char *s, int indent)
{
	const char *p;

	if (strchr(s, '\n')) {
		nv_buf_adds(out, "|\n");
		for (p = s; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
			size_t n = strcspn(p, "\n");

			if (n)
				nv_buf_addf(out, "%*s%.*s", indent, "", (int)n, p);
			nv_buf_addch(out, '\n');
		}
		return;
	}
	nv_buf_addch(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			nv_buf_addch(out, '\\');
		nv_buf_addch(out, *p == '\t' ? ' ' : *p);
	}
	nv_buf_adds(out, "\"\n");
}

/* One row as a YAML list of cells, at indent (its «- » there). */
static void row_yaml(const struct nv_imp_ctx *c, struct nv_buf *out, const struct nv_imp_row *r,
		     int indent)
{
	size_t j, n = 0;

	for (j = 0; j < r->n; j++) {
		const struct nv_imp_cell *cell = &r->cells[j];
		struct nv_buf md = NV_BUF_INIT;

		if (cell->covered)
			continue;
		cell_md(c, &md, cell);
		nv_buf_addf(out, "%*s%s", n ? indent + 2 : 0, "", n ? "- " : "- - ");
		n++;
		if (cell->colspan > 1 || cell->rowspan > 1) {
			nv_buf_adds(out, "text: ");
			scalar(out, md.ptr, indent + 8);
			if (cell->colspan > 1)
				nv_buf_addf(out, "%*scolspan: %d\n", indent + 4, "", cell->colspan);
			if (cell->rowspan > 1)
				nv_buf_addf(out, "%*srowspan: %d\n", indent + 4, "", cell->rowspan);
		} else {
			scalar(out, md.ptr, indent + 6);
		}
		nv_buf_release(&md);
	}
	if (!n)
		nv_buf_adds(out, "- []\n");
}

/*
 * Widths as small integers («[1, 3]» for 2268 and 6803 twips): the
 * narrowest column taken as k = 1…4 parts, the first k that gives every
 * column a whole number of parts within 2 %; none for equal columns.
 */
static void widths(struct nv_buf *out, const struct nv_imp_table *t, size_t cols)
{
	long min = 0, v[32];
	size_t j;
	int k;
	bool ok = false, equal = true;

	if (t->nwidths != cols || cols < 2)
		return;
	for (j = 0; j < cols; j++) {
		if (t->widths[j] <= 0)
			return;
		if (!min || t->widths[j] < min)
			min = t->widths[j];
	}
	for (k = 1; k <= 4 && !ok; k++)
		for (j = 0, ok = true, equal = true; j < cols && ok; j++) {
			double exact = (double)t->widths[j] * k / (double)min;

			v[j] = (long)(exact + 0.5);
			ok = v[j] > 0 && (exact - (double)v[j]) * 50 < exact &&
			     ((double)v[j] - exact) * 50 < exact;
			equal = equal && v[j] == v[0];
		}
	if (!ok || equal)
		return;
	nv_buf_adds(out, "widths: [");
	for (j = 0; j < cols; j++)
		nv_buf_addf(out, "%s%ld", j ? ", " : "", v[j]);
	nv_buf_adds(out, "]\n");
}

void nv_imp_table_block(struct nv_imp_ctx *c, const struct nv_imp_table *t, const char *caption)
{
	size_t cols = columns(t), head = 0, i, body;
	bool numbers = false;

	for (i = 1; i < t->n && i <= 3 && !numbers; i++)
		if (number_row(&t->rows[i], cols))
			numbers = true, head = i;
	if (!numbers)
		while (head + 1 < t->n && t->rows[head].header)
			head++;
	if (!numbers && !head && t->n > 1 && bold_row(&t->rows[0]) && !bold_row(&t->rows[1]))
		head = 1;
	nv_buf_adds(&c->body, "```table\n");
	if (caption) {
		nv_buf_adds(&c->body, "caption: ");
		scalar(&c->body, caption, 2);
	}
	widths(&c->body, t, cols);
	if (head) {
		nv_buf_adds(&c->body, "header:\n");
		for (i = 0; i < head; i++) {
			nv_buf_adds(&c->body, "  ");
			row_yaml(c, &c->body, &t->rows[i], 2);
		}
	}
	if (numbers)
		nv_buf_adds(&c->body, "numbers: true\n");
	nv_buf_adds(&c->body, "rows:\n");
	body = t->n - head - (numbers ? 1 : 0);
	for (i = head + (numbers ? 1 : 0); i < t->n; i++) {
		nv_buf_adds(&c->body, "  ");
		row_yaml(c, &c->body, &t->rows[i], 2);
	}
	nv_buf_adds(&c->body, "```\n");
	nv_imp_found(c, "таблица: %zu %s (абзац %d)%s%s", body,
		     body % 10 == 1 && body % 100 != 11 ? "строка"
		     : body % 10 >= 2 && body % 10 <= 4 && (body % 100 < 12 || body % 100 > 14)
			     ? "строки"
			     : "строк",
		     t->src, caption ? ", подпись: " : "", caption ? caption : "");
}
