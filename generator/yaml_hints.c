/*
 * yaml_hints.c: the mistakes of typing YAML by hand that libyaml fails on
 * a line or more later, at a place that is right, said at the line that
 * has them: a field without the space after its colon, a field indented
 * more than the one above it, a field without its colon. See yaml_load.h.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "utf8.h"
#include "yaml_load.h"

/*
 * Whether text breaks lines only as this file's lines count them, at
 * «\n» («\r\n» too), not at a «\r» alone or Unicode's breaks (NEL, LS,
 * PS), which libyaml's line numbers count too.
 */
static bool plain_breaks(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while ((p = memchr(p, '\r', (size_t)(end - p))) != NULL)
		if (++p == end || *p != '\n')
			return false;
	return !nv_mem_find(text, len, "\xC2\x85", 2) &&
	       !nv_mem_find(text, len, "\xE2\x80\xA8", 3) &&
	       !nv_mem_find(text, len, "\xE2\x80\xA9", 3);
}

/*
 * A field typed without the space after its colon, «title:О внедрении»,
 * makes its line a plain text, and libyaml fails a line or more later,
 * at a colon that is right («двоеточие в неожиданном месте»): see
 * yaml_load.h.
 */
bool nv_yaml_missing_space(const char *file, int first_line, const char *text, size_t len,
			   size_t upto, struct nv_diags *d)
{
	const char *s = text, *end = text + len, *nl, *e, *k, *c;
	size_t line = 0, chars;
	int shown, cut;
	bool found = false;

	if (!plain_breaks(text, len))
		return false;
	for (; s < end && line <= upto; s = nl < end ? nl + 1 : end, line++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		e = nl > s && nl[-1] == '\r' ? nl - 1 : nl;
		for (k = s; k < e && *k == ' ';)
			k++;
		if (e - k > 2 && k[0] == '-' && k[1] == ' ')
			k += 2;
		c = k;
		while (c < e && ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				 *c == '_' || (c > k && ((*c >= '0' && *c <= '9') || *c == '-'))))
			c++;
		if (c == k || c + 1 >= e || *c != ':' || strchr(" \t/", c[1]))
			continue;
		/* the value's first 40 characters, to a word's end where it goes on */
		for (shown = 0, chars = 0; c + 1 + shown < e; shown++)
			if (((unsigned char)c[1 + shown] & 0xC0) != 0x80 && chars++ == 40)
				break;
		for (cut = shown; c + 1 + shown < e && cut > 0 && c[cut] != ' ';)
			cut--;
		if (c + 1 + shown < e && cut > 1)
			shown = cut - 1;
		nv_diag_hint(nv_error(d, file, first_line + (int)line,
				      (int)nv_utf8_count(s, (size_t)(c + 1 - s)) + 1,
				      "после двоеточия нужен пробел"),
			     "без пробела строка читается как текст, а не как поле: «%.*s: %.*s%s»",
			     (int)(c - k), k, shown, c + 1, c + 1 + shown < e ? "…" : "");
		found = true;
	}
	return found;
}

/* Line no (from 0) of text (len bytes): its start *s and end *e (no CR); false past the end. */
static bool line_at(const char *text, size_t len, size_t no, const char **s, const char **e)
{
	const char *p = text, *end = text + len, *nl;

	for (; no; no--) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return false;
		p = nl + 1;
	}
	if (!(nl = memchr(p, '\n', (size_t)(end - p))))
		nl = end;
	*s = p;
	*e = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
	return true;
}

/*
 * The key a line of YAML, s to e, starts with, past its indent and a
 * «- »: from *k to the end returned, a letter and then letters, digits,
 * '_' and '-' (the fields' keys); NULL when it starts with none.
 */
static const char *key_of(const char *s, const char *e, const char **k)
{
	const char *c;

	while (s < e && *s == ' ')
		s++;
	if (e - s > 2 && s[0] == '-' && s[1] == ' ')
		s += 2;
	*k = c = s;
	while (c < e && ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			 (c > s && ((*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))))
		c++;
	return c > s ? c : NULL;
}

/* Whether the line s to e has nothing to read: blank or a comment. */
static bool empty_line(const char *s, const char *e)
{
	while (s < e && *s == ' ')
		s++;
	return s == e || *s == '#';
}

/* Whether c (before e) is a key's colon: one a space or the line's end follows. */
static bool colon_at(const char *c, const char *e)
{
	return c < e && *c == ':' && (c + 1 == e || c[1] == ' ');
}

/* «пробел» after n, in its case. */
static const char *spaces_word(size_t n)
{
	if (n % 10 == 1 && n % 100 != 11)
		return "пробел";
	return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "пробела"
									    : "пробелов";
}

/*
 * «двоеточие в неожиданном месте» at a field, line p, indented more than
 * the field with a value above it: that value goes on into it.
 */
static bool indented_more(const char *file, int first_line, const char *text, size_t len, size_t p,
			  struct nv_diags *d)
{
	const char *s, *e, *k, *c, *qs, *qe, *qk, *qc, *v;
	size_t q = p, more;

	if (!line_at(text, len, p, &s, &e) || !(c = key_of(s, e, &k)) || !colon_at(c, e))
		return false;
	do {
		if (!q--)
			return false;
		if (!line_at(text, len, q, &qs, &qe))
			return false;
	} while (empty_line(qs, qe));
	if (!(qc = key_of(qs, qe, &qk)) || !colon_at(qc, qe) || k - s <= qk - qs)
		return false;
	for (v = qc + 1; v < qe && *v == ' ';)
		v++;
	/* a value on the line, plain: a block («|», «>»), quotes or brackets end otherwise */
	if (v == qe || strchr("|>\"'[{&*#", *v))
		return false;
	more = (size_t)((k - s) - (qk - qs));
	nv_diag_hint(
		nv_error(d, file, first_line + (int)p, (int)nv_utf8_count(s, (size_t)(k - s)) + 1,
			 "поле «%.*s» сдвинуто вправо: отступ больше, чем у поля «%.*s» над ним",
			 (int)(c - k), k, (int)(qc - qk), qk),
		"у полей одного уровня отступ одинаковый: уберите %zu %s в начале строки, иначе "
		"она читается как продолжение значения «%.*s»",
		more, spaces_word(more), (int)(qc - qk), qk);
	return true;
}

/*
 * «ожидался элемент списка» or «ожидалось поле» at a field, line p,
 * indented less than the field above it and more than any the two are
 * under: a sibling of the one above, slipped left.
 */
static bool indented_less(const char *file, int first_line, const char *text, size_t len, size_t p,
			  struct nv_diags *d)
{
	const char *s, *e, *k, *c, *qs, *qe, *qk, *qc = NULL, *as, *ae, *ak;
	size_t q = p, col, under, less;

	/* a field, not a list's item («- title:») */
	if (!line_at(text, len, p, &s, &e) || !(c = key_of(s, e, &k)) || !colon_at(c, e) ||
	    (k - s >= 2 && k[-2] == '-'))
		return false;
	while (q-- && line_at(text, len, q, &qs, &qe) && empty_line(qs, qe))
		;
	if (q == SIZE_MAX || !(qc = key_of(qs, qe, &qk)) || !colon_at(qc, qe) ||
	    (col = (size_t)(k - s)) >= (size_t)(qk - qs))
		return false;
	/* the fields above at less indent than the one above: p must be none of theirs */
	for (under = (size_t)(qk - qs); q-- && under > col;) {
		if (!line_at(text, len, q, &as, &ae))
			return false;
		if (empty_line(as, ae) || !key_of(as, ae, &ak))
			continue;
		if ((size_t)(ak - as) < under)
			under = (size_t)(ak - as);
		/* a list item's «- » stands at its own indent */
		if (ak - as >= 2 && ak[-2] == '-' && (size_t)(ak - as - 2) < under)
			under = (size_t)(ak - as - 2);
		if (under == col)
			return false;
	}
	less = (size_t)(qk - qs) - col;
	nv_diag_hint(
		nv_error(d, file, first_line + (int)p, (int)nv_utf8_count(s, col) + 1,
			 "поле «%.*s» сдвинуто влево: отступ меньше, чем у поля «%.*s» над ним",
			 (int)(c - k), k, (int)(qc - qk), qk),
		"у полей одного уровня отступ одинаковый: добавьте %zu %s в начале строки", less,
		spaces_word(less));
	return true;
}

/*
 * «не найдено двоеточие после ключа» at line p: the field above it, after
 * the last with its colon, typed without one («name Дмитрий»).
 */
static bool colon_missing(const char *file, int first_line, const char *text, size_t len, size_t p,
			  struct nv_diags *d)
{
	const char *s, *e, *k, *c;
	size_t q = p;

	while (q--) {
		if (!line_at(text, len, q, &s, &e))
			return false;
		if (empty_line(s, e))
			continue;
		if (!(c = key_of(s, e, &k)) || colon_at(c, e))
			return false;
		if (c < e && *c != ' ')
			return false;
		nv_diag_hint(nv_error(d, file, first_line + (int)q,
				      (int)nv_utf8_count(s, (size_t)(c - s)) + 1,
				      "после «%.*s» нет двоеточия", (int)(c - k), k),
			     "запишите поле как «ключ: значение»: «%.*s:%.*s»", (int)(c - k), k,
			     (int)(e - c), c);
		return true;
	}
	return false;
}

bool nv_yaml_misplaced(const char *file, int first_line, const char *text, size_t len,
		       const char *problem, size_t line, struct nv_diags *d)
{
	if (!problem || !plain_breaks(text, len))
		return false;
	if (!strcmp(problem, "mapping values are not allowed in this context"))
		return indented_more(file, first_line, text, len, line, d);
	if (!strcmp(problem, "could not find expected ':'"))
		return colon_missing(file, first_line, text, len, line, d);
	if (!strcmp(problem, "did not find expected '-' indicator") ||
	    !strcmp(problem, "did not find expected key"))
		return indented_less(file, first_line, text, len, line, d);
	return false;
}
