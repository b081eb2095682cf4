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
 * Where a requisite may start: «№», or a name's first word (up to its
 * first space, which may be written as a no-break space). kept_at() is 0
 * anywhere else. A name starting with a space has no such word: then
 * every character is a candidate.
 */
struct starts {
	const char *word[8];
	size_t len[8];
	size_t n;
	bool any;
};

static void find_starts(struct starts *st, const char *const *names, size_t n)
{
	size_t i, l;

	st->word[0] = NUMERO;
	st->len[0] = strlen(NUMERO);
	st->n = 1;
	st->any = false;
	for (i = 0; i < n; i++) {
		if (!names[i] || !*names[i])
			continue;
		for (l = 0; names[i][l] && !space_at(names[i] + l); l++)
			;
		if (!l || st->n == sizeof st->word / sizeof *st->word) {
			st->any = true;
			return;
		}
		st->word[st->n] = names[i];
		st->len[st->n++] = l;
	}
}

/*
 * The first place in [p, end) where a requisite may start, else end; at[i]
 * is the first place of word i at or after the last p (end: none; NULL:
 * not looked for), found again only once p has passed it.
 */
static const char *next_start(const struct starts *st, const char **at, const char *p,
			      const char *end)
{
	const char *best = end, *q;
	size_t i;

	if (st->any)
		return p;
	for (i = 0; i < st->n; i++) {
		if (!at[i] || at[i] < p) {
			q = nv_mem_find(p, (size_t)(end - p), st->word[i], st->len[i]);
			at[i] = q ? q : end;
		}
		/* As memmem() over [p, best): a word reaching past best is not taken. */
		if (at[i] < best && (size_t)(best - at[i]) >= st->len[i])
			best = at[i];
	}
	return best;
}

void nv_html_add_keep(struct nv_buf *out, const char *s, const char *const *names, size_t n,
		      nv_html_esc_fn *esc)
{
	const char *run = s, *p = s, *end, *at[8];
	struct starts st;
	unsigned char c;
	size_t len;

	if (!s)
		return;
	end = s + strlen(s);
	find_starts(&st, names, n);
	memset(at, 0, sizeof(at)); /* NULL: not looked for yet */
	while ((p = next_start(&st, at, p, end)) < end) {
		/* Requisites start with a letter or «№», never inside a UTF-8 sequence. */
		c = (unsigned char)*p;
		if ((c & 0xC0) == 0x80 || !(len = kept_at(p, names, n))) {
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
	esc(out, run, (size_t)(end - run));
}
