/*
 * import_binary.c: the Russian text a file in a binary or an old format
 * shows its reader, for the guard of attachments.
 *
 * A Word 97–2003 document (.doc) and an Excel 97–2003 workbook (.xls)
 * keep Russian text as UTF-16; a photo keeps its author and title as
 * UTF-16 (EXIF's XPAuthor, which Windows' «Авторы» writes) or UTF-8 (XMP,
 * PNG's text chunks). Their structure is not read, but that a photo's
 * image data is left out (a JPEG's from its start of scan on, a PNG's
 * IDAT chunks): every run of text with at least MIN_LETTERS Russian
 * letters in it is taken, a line each, which is all a name can be in.
 * Compressed data does not make such runs by chance (a Russian letter in
 * UTF-16 is one pair of bytes in 1,024).
 * An RTF file is text: its «\'e8» escapes of Windows-1251 and «\u1080?»
 * ones of Unicode are read, its paragraphs, rows and cells become lines
 * and tabs, and its tables of fonts, styles and properties, and its
 * other control words, are dropped: `nastavnik import` reads the result
 * as text.
 */
#include "common.h"

#include "buf.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

/* The Russian letters a run needs to be taken: no name is shorter. */
#define MIN_LETTERS 3

static bool is_russian(uint32_t c)
{
	return c >= 0x0400 && c <= 0x04FF;
}

/* A character a run of text may have: printable ASCII, Cyrillic, no-break space, «», dashes, №. */
static bool is_texty(uint32_t c)
{
	return (c >= 0x20 && c <= 0x7E) || is_russian(c) || c == 0xA0 || c == 0xAB || c == 0xBB ||
	       (c >= 0x2010 && c <= 0x2026) || c == 0x2116;
}

/* A run of text being gathered. */
struct run {
	uint32_t v[512];
	size_t n;
};

/* The characters a run too long for struct run gives the next one as well: a name's worth. */
#define OVERLAP 64

/* The run r into out as a line, when it has enough Russian letters. */
static void emit(const struct run *r, struct nv_buf *out)
{
	size_t i, letters = 0;

	for (i = 0; i < r->n; i++)
		letters += is_russian(r->v[i]);
	if (letters < MIN_LETTERS)
		return;
	for (i = 0; i < r->n; i++)
		nv_buf_addcp(out, r->v[i]);
	nv_buf_addch(out, '\n');
}

/*
 * Add c to r, or end the run when c is no text. A run too long for r
 * goes out whole and its last OVERLAP characters start the next, so that
 * a name at the cut is whole in one of the two lines.
 */
static void add(struct run *r, uint32_t c, struct nv_buf *out)
{
	if (!is_texty(c)) {
		emit(r, out);
		r->n = 0;
		return;
	}
	if (r->n == NV_ARRAY_SIZE(r->v)) {
		emit(r, out);
		memmove(r->v, r->v + r->n - OVERLAP, OVERLAP * sizeof(*r->v));
		r->n = OVERLAP;
	}
	r->v[r->n++] = c;
}

/* The runs of UTF-16 little-endian text starting at byte `from` (0 or 1) of data. */
static void utf16_runs(const unsigned char *u, size_t len, size_t from, struct nv_buf *out)
{
	struct run r = { .n = 0 };
	size_t i;

	for (i = from; i + 1 < len; i += 2)
		add(&r, u[i] | (uint32_t)u[i + 1] << 8, out);
	emit(&r, out);
}

/* The runs of UTF-8 text in data. */
static void utf8_runs(const char *s, size_t len, struct nv_buf *out)
{
	struct run r = { .n = 0 };
	uint32_t c;
	size_t i = 0, k;

	while (i < len) {
		k = nv_utf8_decode(s + i, len - i, &c);
		add(&r, k ? c : 0, out);
		i += k ? k : 1;
	}
	emit(&r, out);
}

/* A JPEG's bytes before its image data (the first start of scan), where its metadata is. */
static size_t jpeg_head(const unsigned char *u, size_t len)
{
	size_t i = 2;

	if (len < 4 || u[0] != 0xFF || u[1] != 0xD8)
		return len;
	while (i + 4 <= len && u[i] == 0xFF) {
		if (u[i + 1] == 0xDA)
			return i;
		i += 2 + ((size_t)u[i + 2] << 8 | u[i + 3]);
	}
	return len;
}

/* The runs of one piece of a file. */
static void runs(const char *data, size_t len, struct nv_buf *out)
{
	utf16_runs((const unsigned char *)data, len, 0, out);
	utf16_runs((const unsigned char *)data, len, 1, out);
	utf8_runs(data, len, out);
}

void nv_import_binary_text(const char *data, size_t len, struct nv_buf *out)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t i, n;

	/* A PNG's chunks but its image data (IDAT). */
	if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8)) {
		for (i = 8; i + 12 <= len; i += 12 + n) {
			n = (size_t)u[i] << 24 | (size_t)u[i + 1] << 16 | (size_t)u[i + 2] << 8 |
			    u[i + 3];
			if (n > len - i - 12)
				n = len - i - 12;
			if (memcmp(data + i + 4, "IDAT", 4))
				runs(data + i + 8, n, out);
		}
		return;
	}
	runs(data, jpeg_head(u, len), out);
}

/*
 * Groups of an RTF file that hold no text of the document: tables of
 * fonts, colours and styles, the file's properties, pictures, field
 * instructions, and any «{\*\…}» one a reader skips.
 */
static bool skipped_group(const char *w, size_t n)
{
	static const char *const words[] = { "fonttbl",	  "colortbl",	  "stylesheet",
					     "info",	  "listtable",	  "listoverridetable",
					     "rsidtbl",	  "generator",	  "pict",
					     "object",	  "fldinst",	  "themedata",
					     "xmlnstbl",  "latentstyles", "colorschememapping",
					     "datastore", "pgdsctbl",	  "revtbl" };
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && !strncmp(w, words[i], n))
			return true;
	return false;
}

/* What a control word n bytes at w writes: a line's or a cell's end, a dash, a quote; NULL:
 * nothing. */
static const char *word_text(const char *w, size_t n)
{
	static const struct {
		const char *word, *text;
	} v[] = {
		{ "par", "\n" },      { "line", "\n" },	    { "row", "\n" },   { "cell", "\t" },
		{ "emdash", "—" },    { "endash", "–" },    { "lquote", "‘" }, { "rquote", "’" },
		{ "ldblquote", "“" }, { "rdblquote", "”" }, { "bullet", "•" },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(v); i++)
		if (strlen(v[i].word) == n && !strncmp(w, v[i].word, n))
			return v[i].text;
	return NULL;
}

/* Past the group that starts at s ('{'), or to end. */
static const char *group_end(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		else if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s + 1;
	}
	return end;
}

/*
 * «\u1044?» at s (at the «u»): the character into out; past it and the
 * one shown where Unicode is not read («?» or an escape «\'3f»). The
 * text is not NUL-terminated: the digits are read within it.
 */
static const char *unicode_escape(const char *s, const char *end, struct nv_buf *out)
{
	const char *w = s + 1 + (s[1] == '-');
	long v;

	for (v = 0; w < end && *w >= '0' && *w <= '9' && v < 0x200000; w++)
		v = v * 10 + (*w - '0');
	v = s[1] == '-' ? 65536 - v : v;
	nv_buf_addcp(out,
		     v <= 0 || (v >= 0xD800 && v < 0xE000) || v > 0x10FFFF ? 0xFFFD : (uint32_t)v);
	if (w < end && *w == ' ')
		w++;
	if (end - w >= 4 && w[0] == '\\' && w[1] == '\'')
		return w + 4;
	return w < end && *w != '\\' && *w != '{' && *w != '}' ? w + 1 : w;
}

/*
 * The control word at s (after its backslash) into out, as what it
 * writes (a line's or a cell's end, a dash, a quote; in a list's number,
 * in_list, a tab is a space); past it, its number and a space after.
 */
static const char *control_word(const char *s, const char *end, bool in_list, struct nv_buf *out)
{
	const char *w, *t;
	size_t n = 0;

	for (w = s; w < end && ((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z')); w++)
		n++;
	/* A tab in a paragraph aligns, as the spaces of a text file do */
	if (n == 3 && !strncmp(s, "tab", 3))
		nv_buf_adds(out, in_list ? " " : "      ");
	else if ((t = word_text(s, n)))
		nv_buf_adds(out, t);
	if (!n) /* a control symbol: «\~» a no-break space, «\-» a soft hyphen */
		nv_buf_adds(out, *w++ == '~' ? "\u00A0" : "");
	while (w < end && (*w == '-' || (*w >= '0' && *w <= '9')))
		w++;
	return w < end && *w == ' ' ? w + 1 : w;
}

void nv_import_rtf_text(const char *data, size_t len, struct nv_buf *out)
{
	const char *s = data, *end = data + len, *w, *list_end = data;
	uint32_t c;
	size_t n;
	char one[2] = { 0, 0 };

	while (s < end) {
		if (*s == '{') {
			/* «{\*\…}» and the groups of tables and properties hold no text */
			for (w = s + 2, n = 0; w + n < end && w[n] >= 'a' && w[n] <= 'z'; n++)
				;
			if (s + 1 < end && s[1] == '\\' &&
			    ((s + 2 < end && s[2] == '*') || skipped_group(w, n))) {
				s = group_end(s, end);
				continue;
			}
			/* The number automatic numbering shows, «1.\tab»: a space after it */
			if (n == 8 && !strncmp(w, "listtext", 8))
				list_end = group_end(s, end);
			s++;
		} else if (*s == '}' || *s == '\r' || *s == '\n') {
			s++;
		} else if (*s != '\\') {
			/*
			 * RTF is 7-bit: a byte over 127 is of the file's code page,
			 * Windows-1251, unless the bytes make UTF-8, as some tools write
			 */
			n = (unsigned char)*s >= 0x80 ? nv_utf8_decode(s, (size_t)(end - s), &c)
						      : 0;
			n = n > 1 ? n : 1;
			nv_import_decode_text(s, n, out);
			s += n;
		} else if (++s >= end) {
			break;
		} else if (*s == '\\' || *s == '{' || *s == '}') { /* an escaped character */
			nv_buf_addch(out, *s++);
		} else if (*s == '\'' && end - s >= 3 && nv_hex_value(s[1]) >= 0 &&
			   nv_hex_value(s[2]) >= 0) {
			/* A byte of Windows-1251, which the text decoder reads so when it is no
			 * UTF-8 */
			one[0] = (char)(nv_hex_value(s[1]) << 4 | nv_hex_value(s[2]));
			if (one[0])
				nv_import_decode_text(one, 1, out);
			s += 3;
		} else if (*s == 'u' && s + 1 < end &&
			   (s[1] == '-' || (s[1] >= '0' && s[1] <= '9'))) {
			s = unicode_escape(s, end, out);
		} else {
			s = control_word(s, end, s < list_end, out);
		}
	}
}
