/*
 * html_keep.c: requisites kept on one line on the web; see html_keep.h.
 */
#include "common.h"

#include <string.h>

#include "buf.h"
#include "html_keep.h"

#define NUMERO "\xE2\x84\x96" /* «№» */
#define NBSP   "\xC2\xA0"

#define KEEP_OPEN  "<span class=\"nobr\">"
#define KEEP_CLOSE "</span>"

/* The length of a space or a no-break space at p, else 0. */
static size_t space_at(const char *p)
{
	if (*p == ' ')
		return 1;
	return !strncmp(p, NBSP, 2) ? 2 : 0;
}

/* The length of name matched at p (a space matching a no-break space), else 0. */
static size_t name_at(const char *p, const char *name)
{
	const char *s = p;
	size_t a, b;

	while (*name) {
		a = space_at(name);
		b = space_at(s);
		if (a && b) {
			name += a;
			s += b;
		} else if (!a && *name == *s) {
			name++;
			s++;
		} else {
			return 0;
		}
	}
	return (size_t)(s - p);
}

/* Whether the number after «№ » ends at p. */
static bool number_ends(const char *p)
{
	static const char *const stops[] = { "\xC2\xBB" /* » */, "\xE2\x80\x9C" /* “ */, NBSP };
	size_t i;

	if (!*p || strchr(" \t\n\r,;:)\"<&", *p))
		return true;
	for (i = 0; i < sizeof stops / sizeof *stops; i++)
		if (!strncmp(p, stops[i], strlen(stops[i])))
			return true;
	return false;
}

/* The length of «№», a space and the number at p (with a digit), else 0 (no number). */
static size_t number_at(const char *p)
{
	const char *s = p + strlen(NUMERO), *end;
	bool digit = false;
	size_t sp;

	if (strncmp(p, NUMERO, strlen(NUMERO)) || !(sp = space_at(s)))
		return 0;
	s += sp;
	for (end = s; !number_ends(end); end++)
		digit |= *end >= '0' && *end <= '9';
	while (end > s && end[-1] == '.')
		end--;
	/* «№ Р-145» is a number, «№ п/п» a column's name */
	return end > s && digit ? (size_t)(end - p) : 0;
}

/* The length of the requisite kept whole at p, else 0. */
static size_t kept_at(const char *p, const char *const *names, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++)
		if (names[i] && *names[i] && (len = name_at(p, names[i])))
			return len;
	return number_at(p);
}

void nv_html_add_keep(struct nv_buf *out, const char *s, const char *const *names, size_t n,
		      nv_html_esc_fn *esc)
{
	const char *run = s, *p = s;
	size_t len;

	if (!s)
		return;
	while (*p) {
		/* Requisites start with a letter or «№» (0xE2), never inside a UTF-8 sequence. */
		if (((unsigned char)*p & 0xC0) == 0x80 || !(len = kept_at(p, names, n))) {
			p++;
			continue;
		}
		esc(out, run, (size_t)(p - run));
		nv_buf_adds(out, KEEP_OPEN);
		esc(out, p, len);
		nv_buf_adds(out, KEEP_CLOSE);
		p += len;
		run = p;
	}
	esc(out, run, (size_t)(p - run));
}
