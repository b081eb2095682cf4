/*
 * html_keep.c: requisites kept on one line on the web; see html_keep.h.
 */
#include "common.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "html_keep.h"

#define NUMERO	"\xE2\x84\x96" /* «№» */
#define NBSP	"\xC2\xA0"
#define EN_DASH "\xE2\x80\x93"

#define KEEP_OPEN  "<span class=\"nobr\">"
#define KEEP_CLOSE "</span>"
#define RANGE_OPEN "<span class=\"nowrap\">"

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

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Whether the number after «№ » ends at p: at the end, a space, a
 * no-break space, «,;:)"<&», a closing «»» or “.
 */
static bool number_ends(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	switch (u[0]) {
	case '\0':
	case ' ':
	case '\t':
	case '\n':
	case '\r':
	case ',':
	case ';':
	case ':':
	case ')':
	case '"':
	case '<':
	case '&':
		return true;
	case 0xC2:
		return u[1] == 0xBB || u[1] == 0xA0;
	case 0xE2:
		return u[1] == 0x80 && u[2] == 0x9C;
	default:
		return false;
	}
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
		digit |= is_digit(*end);
	while (end > s && end[-1] == '.')
		end--;
	/* «№ Р-145» is a number, «№ п/п» a column's name */
	return end > s && digit ? (size_t)(end - p) : 0;
}

/*
 * The range of numbers whose dash is at p («2025–2026», «5–11»), its
 * digits back to from (not before *from) and on: the start in *from and
 * the length, else 0.
 */
static size_t range_at(const char *p, const char **from)
{
	const char *a = p, *e = p + strlen(EN_DASH);

	if (strncmp(p, EN_DASH, strlen(EN_DASH)) || a == *from || !is_digit(a[-1]) || !is_digit(*e))
		return 0;
	while (a > *from && is_digit(a[-1]))
		a--;
	while (is_digit(*e))
		e++;
	*from = a;
	return (size_t)(e - a);
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
 * Where a requisite may start: «№», an en dash (of a range), or a name's
 * first word (up to its first space, which may be written as a no-break
 * space). kept_at() and range_at() are 0 anywhere else. A name starting
 * with a space has no such word: then every character is a candidate. A
 * word two names share is looked for once (a short name that keeps its
 * form in the genitive is both).
 */
struct starts {
	const char *word[8];
	size_t len[8];
	size_t n;
	size_t maxlen;
	bool any;
#ifdef __SSE2__
	__m128i first[8], last[8]; /* each word's first and last bytes, 16 times */
#endif
};

static void find_starts(struct starts *st, const char *const *names, size_t n)
{
	size_t i, l, k;

	st->word[0] = NUMERO;
	st->len[0] = strlen(NUMERO);
	st->word[1] = EN_DASH;
	st->len[1] = strlen(EN_DASH);
	st->n = 2;
	st->maxlen = st->len[0];
	st->any = false;
	for (i = 0; i < n; i++) {
		if (!names[i] || !*names[i])
			continue;
		for (l = 0; names[i][l] && !space_at(names[i] + l); l++)
			;
		for (k = 0; k < st->n; k++)
			if (st->len[k] == l && !memcmp(st->word[k], names[i], l))
				break;
		if (k < st->n)
			continue; /* the same word as a name before */
		if (!l || st->n == sizeof st->word / sizeof *st->word) {
			st->any = true;
			return;
		}
		st->word[st->n] = names[i];
		st->len[st->n++] = l;
		if (l > st->maxlen)
			st->maxlen = l;
	}
#ifdef __SSE2__
	for (i = 0; i < st->n; i++) {
		st->first[i] = _mm_set1_epi8(st->word[i][0]);
		st->last[i] = _mm_set1_epi8(st->word[i][st->len[i] - 1]);
	}
#endif
}

/* Whether one of the words is whole at p, with `left` bytes from p on. */
static bool word_at(const struct starts *st, const char *p, size_t left)
{
	size_t i, k;

	for (i = 0; i < st->n; i++) {
		k = st->len[i];
		if (k <= left && p[0] == st->word[i][0] && p[k - 1] == st->word[i][k - 1] &&
		    !memcmp(p, st->word[i], k))
			return true;
	}
	return false;
}

#ifdef __SSE2__
/* The places of the 16 at p (v: their bytes) where word i has its first and last bytes. */
static inline __m128i pair_bits(const struct starts *st, size_t i, __m128i v, const char *p)
{
	__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p + st->len[i] - 1));

	return _mm_and_si128(_mm_cmpeq_epi8(v, st->first[i]), _mm_cmpeq_epi8(w, st->last[i]));
}
#endif

/*
 * The first place in [p, end) where one of the words is, whole, else
 * end: one pass for all of them, sixteen places at a time with SSE2,
 * each word's first and last bytes compared (as nv_mem_find() does for
 * one word) and the places where both are checked whole.
 */
#ifdef __SSE2__
/*
 * The places of the 16 at p (v: their bytes) where one of the first n
 * words has its first and last bytes; n is a constant where it is
 * inlined, so the loop over the words unrolls.
 */
static inline __attribute__((always_inline)) unsigned block_bits(const struct starts *st,
								 const char *p, size_t n)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = pair_bits(st, 0, v, p);
	size_t i;

	for (i = 1; i < n; i++)
		m = _mm_or_si128(m, pair_bits(st, i, v, p));
	return (unsigned)_mm_movemask_epi8(m);
}

/*
 * The first place of the blocks from *pp on where every word fits at
 * each of the 16 places that has one of the n words whole, else NULL
 * and *pp the first place not looked at.
 */
static inline __attribute__((always_inline)) const char *
blocks(const struct starts *st, const char **pp, const char *end, size_t n)
{
	const char *p = *pp;
	unsigned bits;
	size_t i;

	for (; (size_t)(end - p) >= st->maxlen + 15; p += 16)
		for (bits = block_bits(st, p, n); bits; bits &= bits - 1) {
			i = (size_t)__builtin_ctz(bits);
			if (word_at(st, p + i, (size_t)(end - p) - i))
				return p + i;
		}
	*pp = p;
	return NULL;
}

/*
 * The last places (most texts of a body are shorter than a block) in
 * blocks too, over a copy padded with NULs, which no word has.
 */
static const char *last_places(const struct starts *st, const char *p, const char *end)
{
	char pad[96] = { 0 };
	size_t r = (size_t)(end - p), b, i;
	unsigned bits;

	memcpy(pad, p, r);
	for (b = 0; b < r; b += 16)
		for (bits = block_bits(st, pad + b, st->n); bits; bits &= bits - 1) {
			i = b + (size_t)__builtin_ctz(bits);
			if (i < r && word_at(st, p + i, r - i))
				return p + i;
		}
	return end;
}
#endif

static const char *next_start(const struct starts *st, const char *p, const char *end)
{
#ifdef __SSE2__
	const char *q;
#endif

	if (st->any)
		return p;
#ifdef __SSE2__
	q = st->n == 3 ? blocks(st, &p, end, 3) : blocks(st, &p, end, st->n);
	if (q)
		return q;
	if (p < end && st->maxlen <= 32)
		return last_places(st, p, end);
#endif
	for (; p < end; p++)
		if (word_at(st, p, (size_t)(end - p)))
			return p;
	return end;
}

void nv_html_add_keep(struct nv_buf *out, const char *s, const char *const *names, size_t n,
		      nv_html_esc_fn *esc)
{
	const char *run = s, *p = s, *end, *from;
	struct starts st;
	unsigned char c;
	size_t len;

	if (!s)
		return;
	end = s + strlen(s);
	/* Room for the text and a span or two at once, not grown again and again. */
	if ((size_t)(end - s) + 64 >= out->cap - out->len)
		nv_buf_grow(out, (size_t)(end - s) + 64);
	find_starts(&st, names, n);
	while ((p = next_start(&st, p, end)) < end) {
		/* Requisites start with a letter or «№», never inside a UTF-8 sequence. */
		c = (unsigned char)*p;
		from = run;
		if ((len = range_at(p, &from))) {
			esc(out, run, (size_t)(from - run));
			nv_buf_adds(out, RANGE_OPEN);
			esc(out, from, len);
			nv_buf_adds(out, KEEP_CLOSE);
			p = run = from + len;
			continue;
		}
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
