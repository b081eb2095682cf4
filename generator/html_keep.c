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

/*
 * The first two bytes a requisite can start with: first[b] when one can
 * start with byte b, and then second[b], if not 0, the only byte that
 * can follow it. A space in a name matches a space or a no-break space,
 * so a name starting with one, or whose second character is one, allows
 * any second byte. kept_at() is 0 at any place these exclude.
 */
struct starts {
	bool first[256];
	unsigned char second[256];
};

static void add_start(struct starts *st, unsigned char b0, unsigned char b1)
{
	if (!st->first[b0]) {
		st->first[b0] = true;
		st->second[b0] = b1;
	} else if (st->second[b0] != b1) {
		st->second[b0] = 0;
	}
}

static void find_starts(struct starts *st, const char *const *names, size_t n)
{
	const unsigned char *u;
	size_t i;

	memset(st, 0, sizeof *st);
	add_start(st, (unsigned char)NUMERO[0], (unsigned char)NUMERO[1]);
	for (i = 0; i < n; i++) {
		if (!names[i] || !*names[i])
			continue;
		u = (const unsigned char *)names[i];
		if (space_at(names[i])) {
			add_start(st, ' ', 0);
			add_start(st, (unsigned char)NBSP[0], 0);
		} else {
			add_start(st, u[0], space_at(names[i] + 1) ? 0 : u[1]);
		}
	}
}

void nv_html_add_keep(struct nv_buf *out, const char *s, const char *const *names, size_t n,
		      nv_html_esc_fn *esc)
{
	const char *run = s, *p = s;
	struct starts st;
	unsigned char c;
	size_t len;

	if (!s)
		return;
	find_starts(&st, names, n);
	while (*p) {
		/* Requisites start with a letter or «№» (0xE2), never inside a UTF-8 sequence. */
		c = (unsigned char)*p;
		if (!st.first[c] || (st.second[c] && st.second[c] != (unsigned char)p[1]) ||
		    (c & 0xC0) == 0x80 || !(len = kept_at(p, names, n))) {
			/* a two-byte character (Cyrillic) at once: its second byte starts nothing
			 */
			p += (c & 0xE0) == 0xC0 && ((unsigned char)p[1] & 0xC0) == 0x80 ? 2 : 1;
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
