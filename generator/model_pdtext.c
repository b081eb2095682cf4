/*
 * model_pdtext.c: personal data typed as text into what the website
 * publishes — a birth date next to its marker, a number of СНИЛС
 * (md_pd.c finds them). DOMAIN.md: «Mentees' difficulties, contacts,
 * birth dates never go on the website». A list of mentees copied from a
 * spreadsheet into a case or an order («Иванова Мария, 12.03.2011 г. р.»)
 * would go out as typed: the guard of the output looks for the names of
 * people.yml, not for dates. It is an error, located, in a body and in
 * the front matter of every document the website shows, but for the
 * items marked «<!-- не для сайта -->» (printed, not published) and the
 * appendices with `web: false`.
 */
#include "common.h"

#include <cmark.h>

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "utf8.h"
#include "value.h"

/* «дата рождения» or «номер СНИЛС» for the message and its hint, and the verb that agrees. */
static const char *what(const struct nv_md_pd *h, int form)
{
	static const char *const words[2][4] = {
		{ "дата рождения", "даты рождения", "дату рождения", "попала" },
		{ "номер СНИЛС", "номера СНИЛС", "номер СНИЛС", "попал" },
	};

	return words[h->snils][form];
}

/* The error of h, found in the text at s, at line and col of file; the quote on one line. */
static struct nv_diag *pd_error(struct builder *b, const char *file, int line, int col,
				const char *s, const struct nv_md_pd *h)
{
	struct nv_buf q = NV_BUF_INIT;
	struct nv_diag *dg;
	size_t i;

	for (i = h->start; i < h->start + h->len; i++)
		if (s[i] != '\n' && s[i] != '\r' &&
		    (s[i] != ' ' || (q.len && q.ptr[q.len - 1] != ' ')))
			nv_buf_addch(&q, s[i] == '\t' ? ' ' : s[i]);
		else if (q.len && q.ptr[q.len - 1] != ' ')
			nv_buf_addch(&q, ' ');
	dg = nv_error(b->d, file, line, col, "на сайт %s бы %s: «%s»", what(h, 3), what(h, 0),
		      q.ptr ? q.ptr : "");
	nv_buf_release(&q);
	return dg;
}

/* Is file line `line` inside one of e's items not for the website? */
static bool in_private_item(const struct nv_entry *e, int line)
{
	size_t i;
	int first = e->md ? e->md->first_line - 1 : 0;

	for (i = 0; i < e->nprivate_items; i++)
		if (line >= cmark_node_get_start_line(e->private_items[i]) + first &&
		    line <= cmark_node_get_end_line(e->private_items[i]) + first)
			return true;
	return false;
}

/* The end of the line at s[i] (n bytes): its newline, or n. */
static size_t eol(const char *s, size_t n, size_t i)
{
	const char *nl = memchr(s + i, '\n', n - i);

	return nl ? (size_t)(nl - s) : n;
}

/*
 * Cell k of the table row s (n bytes, no newline; the leading '|' is no
 * cell's start): its offset, its length in *len; n when the row has fewer.
 */
static size_t cell(const char *s, size_t n, size_t k, size_t *len)
{
	size_t i = 0, c = 0, start;

	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '|')
		i++;
	for (start = i; i <= n; i++) {
		if (i < n && (s[i] != '|' || s[i - 1] == '\\'))
			continue;
		if (c++ == k) {
			*len = i - start;
			return start;
		}
		start = i + 1;
	}
	return n;
}

/* Is the line s (n bytes) a table's delimiter row: «|---|:---:|»? */
static bool delimiter_row(const char *s, size_t n)
{
	size_t i;
	bool dash = false, pipe = false;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = true;
		else if (s[i] == '|')
			pipe = true;
		else if (s[i] != ' ' && s[i] != ':' && s[i] != '\r')
			return false;
	}
	return dash && pipe;
}

/*
 * The marker of h (a column's name) at `line` of the file, the line at
 * s[bol]: when it heads a column of a pipe table, the values of personal
 * data in that column's cells are one error, at the first.
 */
static void pd_column(struct builder *b, const struct nv_entry *e, const char *s, size_t n,
		      size_t bol, int line, const struct nv_md_pd *h)
{
	size_t end = eol(s, n, bol), next = end + 1, k = 0, i, off, len, at, vlen, count = 0;
	size_t first = 0, first_len = 0, first_bol = 0;
	int first_line = 0;

	if (next >= n || !memchr(s + bol, '|', end - bol) ||
	    !delimiter_row(s + next, eol(s, n, next) - next))
		return;
	/* the column's index: the unescaped '|' before the marker, but a leading one */
	for (i = bol; i < h->start; i++)
		if (s[i] == '|' && (i == bol || s[i - 1] != '\\'))
			k++;
	for (i = bol; i < h->start && s[i] == ' '; i++)
		;
	if (k && s[i] == '|')
		k--;
	for (line++, bol = eol(s, n, next) + 1; bol < n; bol = end + 1) {
		end = eol(s, n, bol);
		line++;
		if (!memchr(s + bol, '|', end - bol))
			break;
		if ((off = cell(s + bol, end - bol, k, &len)) == end - bol)
			continue;
		at = nv_md_pd_value(s + bol + off, len, h->snils, &vlen);
		if (at == len || count++)
			continue;
		first = bol + off + at;
		first_len = vlen;
		first_bol = bol;
		first_line = line;
	}
	if (!count)
		return;
	nv_diag_hint(nv_error(b->d, e->doc->path, first_line,
			      (int)nv_utf8_count(s + first_bol, first - first_bol) + 1,
			      "на сайт попали бы %s: «%.*s»%s (столбец «%.*s»)",
			      h->snils ? "номера СНИЛС" : "даты рождения", (int)first_len,
			      s + first, count > 1 ? " и другие" : "", (int)h->len, s + h->start),
		     "уберите столбец «%.*s» из таблицы: на сайте %s не публикуют (152-ФЗ)",
		     (int)h->len, s + h->start, what(h, 1));
}

void mdl_check_pd_body(struct builder *b, const struct nv_entry *e, const char *s, size_t n,
		       int first_line)
{
	struct nv_md_pd h;
	size_t at = 0, from = 0, bol = 0;
	int line = first_line;

	if (e->web_hidden)
		return;
	while (nv_md_next_pd(s, n, &at, &h)) {
		for (; from < h.start; from++)
			if (s[from] == '\n') {
				line++;
				bol = from + 1;
			}
		if (in_private_item(e, line))
			continue;
		if (h.column)
			pd_column(b, e, s, n, bol, line, &h);
		else
			nv_diag_hint(
				pd_error(b, e->doc->path, line,
					 (int)nv_utf8_count(s + bol, h.start - bol) + 1, s, &h),
				"уберите %s: на сайте их не публикуют (152-ФЗ); пункт, где это "
				"нужно на бумаге, отметьте «<!-- не для сайта -->» (man 5 "
				"nastavnik)",
				what(&h, 2));
	}
}

/*
 * Where the nth personal data (from 0) after the start of the line of the
 * scalar v is in the front matter as written: the file's *line and *col,
 * v's own when the text cannot be read again. A folded scalar's text is
 * on the lines below its key.
 */
static void written_at(const struct nv_entry *e, const struct nv_value *v, size_t nth, int *line,
		       int *col)
{
	struct nv_doc *doc = e->doc;
	const char *t = nv_content_doc_text(doc, NULL), *s = t ? t + doc->split.meta_off : NULL, *p;
	struct nv_md_pd h;
	size_t at;

	*line = v->line;
	*col = v->col;
	if (!t)
		return;
	for (at = (p = mdl_meta_line(doc, t, v->line)) ? (size_t)(p - s) : doc->split.meta_len;
	     nv_md_next_pd(s, doc->split.meta_len, &at, &h);)
		if (!h.column && !nth--) {
			nv_utf8_position(t, doc->split.meta_off + h.start, line, col);
			break;
		}
	nv_content_doc_text_done(doc);
}

/* The scalars under v, the key of the innermost map member in key. */
static void pd_value(struct builder *b, const struct nv_entry *e, const struct nv_value *v,
		     const char *key)
{
	struct nv_md_pd h;
	size_t i, at = 0, nth = 0;
	int line, col;

	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			pd_value(b, e, v->items[i], key);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			pd_value(b, e, v->members[i].value, v->members[i].key);
	} else if (v->str) {
		while (nv_md_next_pd(v->str, v->len, &at, &h)) {
			if (h.column)
				continue;
			written_at(e, v, nth++, &line, &col);
			nv_diag_hint(pd_error(b, e->doc->path, line, col, v->str, &h),
				     "уберите %s из поля «%s»: на сайте %s не публикуют (152-ФЗ)",
				     what(&h, 2), key ? key : "", what(&h, 1));
		}
	}
}

void mdl_check_pd_meta(struct builder *b, const struct nv_entry *e)
{
	if (e->doc && e->doc->meta_pd && e->doc->meta && !e->web_hidden)
		pd_value(b, e, e->doc->meta, NULL);
}
