/*
 * import_text.c: the plain-text reader of `nastavnik import`.
 *
 * Text gives only what it can. The encoding is UTF-16 when the text
 * starts with its byte order mark (Word's and Notepad's «Юникод»), UTF-8
 * when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1251,
 * the encoding of Russian Windows, a line at a time; all are converted
 * here (nv_import_decode_text(), which the guard of attachments reads
 * through too), and doc->encoding says which. Every
 * non-empty line is a paragraph, except that a line starting with a
 * lower-case letter continues the one before in text wrapped by hand
 * (hand_wrapped(): few lines are long).
 * Lines with tabs, with «|» as Markdown tables have, or with three columns
 * aligned by runs of spaces are table rows:
 * consecutive rows make one table, one cell per column. A table copied
 * out of a document often has each cell on lines of its own instead, the
 * first after a tab (cell_lines()).
 *
 * Text saved from a document with pictures (Word's and Google Docs'
 * «plain text», pandoc) has «[image: caption]» where each picture was:
 * the marks are taken out and counted as pictures, so the report says
 * that pictures were left behind, as for .docx and .odt.
 */
#define _GNU_SOURCE /* memmem() */
#include "common.h"

#include "alloc.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

/* Windows-1251 0x80…0xBF as Unicode code points (0xC0…0xFF are А…я). */
static const uint16_t cp1251_high[64] = {
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
	0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
	0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
	0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
	0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
};

static void from_cp1251(struct nv_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			nv_buf_addch(out, (char)c);
		else if (c >= 0xC0)
			nv_buf_addcp(out, 0x0410 + (c - 0xC0));
		else
			nv_buf_addcp(out, cp1251_high[c - 0x80]);
	}
}

/* UTF-16 after its byte order mark (n bytes at s, little-endian when le) as UTF-8. */
static void from_utf16(struct nv_buf *out, const unsigned char *s, size_t n, bool le)
{
	uint32_t u, lo;
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		u = le ? s[i] | (uint32_t)s[i + 1] << 8 : (uint32_t)s[i] << 8 | s[i + 1];
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			lo = le ? s[i + 2] | (uint32_t)s[i + 3] << 8
				: (uint32_t)s[i + 2] << 8 | s[i + 3];
			if (lo >= 0xDC00 && lo < 0xE000) {
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		nv_buf_addcp(out, u >= 0xD800 && u < 0xE000 ? 0xFFFD : u);
	}
}

const char *nv_import_decode_text(const char *data, size_t len, struct nv_buf *out)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *line, *end = data + len, *nl;
	bool converted = false;

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		from_utf16(out, u + 2, len - 2, u[0] == 0xFF);
		return "UTF-16";
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3;
	if (nv_utf8_valid(data, (size_t)(end - data), NULL)) {
		nv_buf_add(out, data, (size_t)(end - data));
		return "UTF-8";
	}
	/* A line at a time: a file put together from two keeps each one's letters. */
	for (line = data; line < end; line = nl) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl ? nl + 1 : end;
		if (nv_utf8_valid(line, (size_t)(nl - line), NULL)) {
			nv_buf_add(out, line, (size_t)(nl - line));
		} else {
			from_cp1251(out, line, (size_t)(nl - line));
			converted = true;
		}
	}
	return converted ? "Windows-1251" : "UTF-8";
}

#define IMAGE_MARK     "[image:"
#define IMAGE_MARK_MAX 300 /* the longest caption taken for a mark, in bytes */

/*
 * Take every «[image: …]» (on one line, caption up to IMAGE_MARK_MAX
 * bytes) out of b, and one of the spaces around it if there are two;
 * returns how many there were.
 */
static int drop_image_marks(struct nv_buf *b)
{
	char *s = b->ptr, *end = b->ptr + b->len, *at, *close;
	size_t out = 0, n;
	int images = 0;

	while ((at = memmem(s, (size_t)(end - s), IMAGE_MARK, strlen(IMAGE_MARK)))) {
		n = (size_t)(end - at) < IMAGE_MARK_MAX ? (size_t)(end - at) : IMAGE_MARK_MAX;
		close = memchr(at, ']', n);
		if (!close || memchr(at, '\n', (size_t)(close - at))) {
			n = (size_t)(at - s) + 1;
			memmove(b->ptr + out, s, n);
			out += n;
			s = at + 1;
			continue;
		}
		n = (size_t)(at - s);
		memmove(b->ptr + out, s, n);
		out += n;
		s = close + 1;
		if (out && b->ptr[out - 1] == ' ' && s < end && *s == ' ')
			s++;
		images++;
	}
	n = (size_t)(end - s);
	memmove(b->ptr + out, s, n);
	b->len = out + n;
	b->ptr[b->len] = '\0';
	return images;
}

/* How many runs of two or more spaces split the text of the line (columns aligned by spaces). */
static int space_gaps(const char *s, size_t len)
{
	size_t i = 0, run;
	int gaps = 0;

	while (i < len && s[i] == ' ')
		i++;
	while (i < len) {
		for (run = 0; i < len && s[i] == ' '; i++)
			run++;
		if (run >= 2 && i < len)
			gaps++;
		while (i < len && s[i] != ' ')
			i++;
	}
	return gaps;
}

/*
 * True if the line (len bytes) is a table row: a tab, «|» at the start,
 * or three columns aligned by spaces (two or more between them).
 */
static bool is_row(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '|')
		return true;
	return memchr(s, '\t', len) != NULL || space_gaps(s, len) >= 2;
}

/* A Markdown separator row «|---|:--:|». */
static bool is_separator(const char *s, size_t len)
{
	size_t i;
	bool dash = false;

	for (i = 0; i < len; i++) {
		if (s[i] == '-')
			dash = true;
		else if (!strchr("|: \t", s[i]))
			return false;
	}
	return dash;
}

/* The start of the next run of two or more spaces in [s, end), or NULL. */
static const char *strstr_gap(const char *s, const char *end)
{
	for (; s + 2 <= end; s++)
		if (s[0] == ' ' && s[1] == ' ')
			return s;
	return NULL;
}

static void add_row(struct nv_imp_doc *doc, struct nv_imp_table *t, const char *s, size_t len)
{
	struct nv_imp_row *row = nv_imp_add_row(t);
	const char *end = s + len, *p;
	char sep = memchr(s, '\t', len) ? '\t' : '|';
	bool spaces = sep == '|' && !memchr(s, '|', len);

	while (s < end && *s == ' ')
		s++;
	if (sep == '|' && s < end && *s == '|')
		s++;
	while (end > s && (end[-1] == ' ' || (sep == '|' && end[-1] == '|' && !spaces)))
		end--;
	while (s <= end) {
		struct nv_slice cell;

		p = spaces ? strstr_gap(s, end) : memchr(s, sep, (size_t)(end - s));
		if (!p)
			p = end;
		cell = nv_slice_trim(nv_slice_make(s, (size_t)(p - s)));
		nv_imp_add_para(doc, nv_imp_add_cell(row, 1, 1, false), cell.ptr, cell.len);
		doc->next_src--; /* cells share their line's number */
		s = p + 1;
		while (spaces && s < end && *s == ' ')
			s++;
	}
	doc->next_src++;
}

/* «а) …»: a lettered item, not a continuation. */
static bool is_marker(const char *s)
{
	size_t k = (unsigned char)s[0] < 0x80 ? 1 : 2;

	return s[k] == ')';
}

/* A paragraph of one line; a Markdown heading «## …» gives its level. */
static struct nv_imp_para *add_line(struct nv_imp_doc *doc, struct nv_slice l)
{
	size_t k = 0;
	struct nv_imp_para *p;

	while (k < l.len && k < 6 && l.ptr[k] == '#')
		k++;
	if (!k || k >= l.len || l.ptr[k] != ' ')
		return nv_imp_add_para(doc, NULL, l.ptr, l.len);
	p = nv_imp_add_para(doc, NULL, l.ptr + k + 1, l.len - k - 1);
	p->level = (int)k - 1;
	return p;
}

/* True if the line is one tab and a cell's text: a cell on lines of its own. */
static bool is_cell_line(struct nv_slice l)
{
	return l.len && l.ptr[0] == '\t' && !memchr(l.ptr + 1, '\t', l.len - 1);
}

/*
 * A table whose cells are on lines of their own, each cell's first line
 * after a tab: the first run of such lines, to a blank line, is the
 * header and tells how many cells a row has; then each row is that many
 * cells, a line without a tab continues the cell before it (a cell of
 * several paragraphs) and blank lines are skipped, until a line that is
 * neither, after a blank line, at the end of a row, or a line with tabs
 * between cells.
 */
struct cell_lines {
	struct nv_imp_table *t; /* NULL outside such a table */
	size_t ncols;		/* the header's cells, 0 while it is read */
	bool blank;		/* a blank line since the last line of the table */
};

/* Take line l into the table of x; false if it is not part of it (the table ended). */
static bool cell_lines(struct nv_imp_doc *doc, struct cell_lines *x, struct nv_slice l, int line)
{
	struct nv_imp_row *row = x->t && x->t->n ? &x->t->rows[x->t->n - 1] : NULL;
	struct nv_slice text = nv_slice_trim(l);

	if (is_cell_line(l)) {
		if (!x->t) {
			x->t = nv_imp_add_table(doc);
			x->ncols = 0;
		}
		if (!x->ncols && row && x->blank)
			x->ncols = row->n;
		if (!row || (x->ncols && row->n >= x->ncols))
			row = nv_imp_add_row(x->t);
		doc->next_src = line - 1;
		nv_imp_add_para(doc, nv_imp_add_cell(row, 1, 1, false), text.ptr, text.len);
		x->blank = false;
		return true;
	}
	if (!x->t)
		return false;
	if (memchr(l.ptr, '\t', l.len)) {
		x->t = NULL; /* a row of cells between tabs: a table of the other kind */
		return false;
	}
	if (!text.len) {
		x->blank = true;
		return true;
	}
	if (!x->blank || (x->ncols && row->n < x->ncols)) {
		doc->next_src = line - 1;
		nv_imp_add_para(doc, &row->cells[row->n - 1], text.ptr, text.len);
		return true;
	}
	x->t = NULL;
	return false;
}

/* A line longer than any text wrapped by hand has (characters). */
#define WRAP_MAX 130

/*
 * Whether the text was wrapped by hand: at most one line in ten is longer
 * than WRAP_MAX. A text saved from Word has a paragraph a line, most of
 * them long; a line there starting with a lower-case letter continues
 * the one before only when that one stops short of a sentence's or a
 * clause's end (a title's line break: «ПОЛОЖЕНИЕ» / «о наставничестве»),
 * not after «:» or «;» («…наставничества;» / «наставник — …»).
 */
static bool hand_wrapped(const char *text, size_t len)
{
	const char *s = text, *end = text + len, *nl;
	size_t lines = 0, wide = 0, chars, i;

	for (; s < end; s = nl < end ? nl + 1 : end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		for (chars = 0, i = 0; s + i < nl; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		lines += nv_slice_trim(nv_slice_make(s, (size_t)(nl - s))).len > 0;
		wide += chars > WRAP_MAX;
	}
	return wide * 10 <= lines;
}

static void split_lines(struct nv_imp_doc *doc, const char *text, size_t len)
{
	struct nv_imp_table *table = NULL;
	struct nv_imp_para *last = NULL;
	struct cell_lines cells = { NULL, 0, false };
	const char *s = text, *end = text + len, *nl;
	int line = 0;
	bool wrapped = hand_wrapped(text, len);
	char end_of_last = 0; /* the last character of the line before */

	for (; s < end && doc->n < NV_IMP_MAX_BLOCKS; s = nl + 1) {
		struct nv_slice l;

		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		line++;
		l = nv_slice_make(s, (size_t)(nl - s));
		if (l.len && l.ptr[l.len - 1] == '\r')
			l.len--;
		if (cell_lines(doc, &cells, l, line)) {
			last = NULL;
			table = NULL;
			continue;
		}
		if (is_row(l.ptr, l.len)) {
			last = NULL;
			if (!table)
				table = nv_imp_add_table(doc);
			doc->next_src = line - 1;
			if (!is_separator(l.ptr, l.len))
				add_row(doc, table, l.ptr, l.len);
			else if (table->n == 1) /* Markdown's: the row above is the header */
				table->rows[0].header = true;
			continue;
		}
		table = NULL;
		l = nv_slice_trim(l);
		if (!l.len) {
			last = NULL;
			continue;
		}
		if (last && nv_imp_starts_lower(l.ptr) && !is_marker(l.ptr) &&
		    (wrapped || !strchr(".:;!?", end_of_last))) {
			nv_imp_para_append(last, l.ptr, l.len);
			end_of_last = l.ptr[l.len - 1];
			continue;
		}
		doc->next_src = line - 1;
		last = add_line(doc, l);
		end_of_last = l.ptr[l.len - 1];
	}
}

int nv_import_text(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		   struct nv_diags *d)
{
	struct nv_buf utf8 = NV_BUF_INIT;

	doc->format = "text";
	doc->encoding = nv_import_decode_text(data, len, &utf8);
	if (utf8.len && memchr(utf8.ptr, '\0', utf8.len)) {
		nv_diag_hint(
			nv_error(d, name, 0, 0, "в файле нулевой байт: это не текстовый файл"),
			"документ Word дайте с расширением .docx, документ LibreOffice — .odt");
		nv_buf_release(&utf8);
		return -1;
	}
	doc->images += drop_image_marks(&utf8);
	split_lines(doc, utf8.ptr, utf8.len);
	nv_buf_release(&utf8);
	return 0;
}
