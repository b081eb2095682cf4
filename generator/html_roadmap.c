/*
 * html_roadmap.c: the part of a roadmap's page context that is its own
 * (html_pages.c builds the rest): the columns, the rows of its items and
 * sub-rows as paper prints them, typographed, and the name of its
 * calendar.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "html_int.h"
#include "model.h"
#include "typo.h"
#include "value.h"

static const char *const status_titles[] = { "запланировано", "выполнено", "перенесено" };

/*
 * Set k to text, typographed, without trailing line breaks (a YAML «|»
 * block keeps one). A cell's text goes through the thread's memo
 * (nv_html_set_typo()): a roadmap repeats its terms («В течение года»)
 * and people row after row; a title, which differs, does not.
 */
static void set_trimmed(struct nv_value *m, const char *k, const char *text, bool memo)
{
	struct nv_typo_state st = NV_TYPO_STATE_INIT;
	struct nv_buf b = NV_BUF_INIT;
	size_t n = text ? strlen(text) : 0;

	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	if (!n)
		return; /* as nv_html_set_t(): nothing for an empty text */
	if (memo) {
		nv_html_set_typo(m, k, text, n);
		return;
	}
	nv_typo(&b, text, n, &st);
	set(m, k, nv_value_take_str(nv_buf_take(&b, NULL)));
}

/* A text cell of a roadmap row. */
static void roadmap_cell(struct nv_value *cells, const char *text)
{
	struct nv_value *c = obj();

	set_trimmed(c, "text", text, true);
	push(cells, c);
}

/* The headings of the columns a roadmap prints (empty columns left out). */
static void roadmap_columns(struct nv_value *doc, const struct nv_entry *e)
{
	struct nv_value *cols = arr();
	size_t j;

	roadmap_cell(cols, "№\xC2\xA0п/п");
	for (j = 0; j < 3; j++)
		roadmap_cell(cols, e->columns[j]);
	if (e->show_result)
		roadmap_cell(cols, e->columns[3]);
	for (j = 0; j < e->nextra; j++)
		if (e->show_extra[j])
			roadmap_cell(cols, e->extra_columns[j]);
	if (e->show_status)
		roadmap_cell(cols, "Статус");
	set_n(doc, "ncolumns", (double)cols->nr);
	nv_html_set_list(doc, "columns", cols);
}

/*
 * One row of a roadmap: the cells of `it` after the title; with a lead
 * (number and title, spanning `span` rows) unless it goes on under the
 * row above.
 */
static struct nv_value *roadmap_row(const struct nv_entry *e, const struct nv_item *it,
				    const char *number, const char *title, size_t span)
{
	struct nv_value *iv = obj(), *cells = arr(), *c, *lead;
	size_t j;

	if (number) {
		lead = obj();
		set_s(lead, "number", number);
		set_trimmed(lead, "title", title, false);
		if (span > 1)
			set_n(lead, "rowspan", (double)span);
		set(iv, "lead", lead);
	}
	roadmap_cell(cells, it->due.text);
	roadmap_cell(cells, it->responsible_web);
	if (e->show_result)
		roadmap_cell(cells, it->result);
	for (j = 0; j < e->nextra; j++)
		if (e->show_extra[j])
			roadmap_cell(cells, it->extra ? it->extra[j] : NULL);
	if (e->show_status) {
		c = obj();
		set_s(c, "status", status_titles[it->status]);
		push(cells, c);
	}
	nv_html_set_list(iv, "cells", cells);
	set_s(iv, "status_id",
	      it->status == NV_ITEM_DONE    ? "done"
	      : it->status == NV_ITEM_MOVED ? "moved"
					    : "planned");
	return iv;
}

/* 1 + the sub-rows without a title of their own from index r on. */
static size_t roadmap_span(const struct nv_item *it, size_t r)
{
	size_t n = 1;

	while (r < it->nrows && !it->rows[r].title) {
		n++;
		r++;
	}
	return n;
}

/* An item and its sub-rows, as paper prints them (print_blocks.c). */
static void roadmap_item(struct nv_value *rows, const struct nv_entry *e, const struct nv_item *it,
			 const char *num)
{
	struct nv_buf sub = NV_BUF_INIT;
	size_t r = 0;

	if (it->nrows && !it->due.text && !it->rows[0].title) {
		push(rows, roadmap_row(e, &it->rows[0], num, it->title, roadmap_span(it, 1)));
		r = 1;
	} else {
		push(rows, roadmap_row(e, it, num, it->title, roadmap_span(it, 0)));
	}
	for (; r < it->nrows; r++) {
		nv_buf_reset(&sub);
		nv_buf_adds(&sub, num);
		nv_buf_addnum(&sub, (long long)r + 1, 1);
		nv_buf_addch(&sub, '.');
		push(rows, roadmap_row(e, &it->rows[r], it->rows[r].title ? sub.ptr : NULL,
				       it->rows[r].title, roadmap_span(it, r + 1)));
	}
	nv_buf_release(&sub);
}

/*
 * A roadmap: items, in numbered sections or flat, with the columns that
 * have something in them, and its calendar.
 */
void nv_html_roadmap_doc(struct nv_value *doc, const struct nv_entry *e)
{
	struct nv_value *list = arr();
	struct nv_buf b = NV_BUF_INIT;
	size_t i, k;

	roadmap_columns(doc, e);
	for (i = 0; i < e->nsections; i++) {
		struct nv_value *sec = obj(), *items = arr();
		set_n(sec, "number", (double)i + 1);
		nv_html_set_t(sec, "title", e->sections[i].title);
		nv_html_set_t(sec, "goal", e->sections[i].goal);
		nv_html_set_t(sec, "tasks", e->sections[i].tasks);
		nv_html_set_t(sec, "stage_result", e->sections[i].result);
		for (k = 0; k < e->sections[i].nitems; k++) {
			nv_buf_reset(&b);
			if (e->sections[i].title) {
				nv_buf_addnum(&b, (long long)i + 1, 1);
				nv_buf_addch(&b, '.');
			}
			nv_buf_addnum(&b, (long long)k + 1, 1);
			nv_buf_addch(&b, '.');
			roadmap_item(items, e, &e->sections[i].items[k], b.ptr);
		}
		nv_html_set_list(sec, "items", items);
		push(list, sec);
	}
	nv_html_set_list(doc, "sections", list);
	nv_buf_reset(&b);
	nv_buf_adds(&b, e->id);
	nv_buf_adds(&b, ".ics");
	set_s(doc, "ics", b.ptr);
	nv_buf_release(&b);
}
