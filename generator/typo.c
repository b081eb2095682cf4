/*
 * typo.c: Russian typography on plain UTF-8 text; see typo.h (slugs: typo_slug.c).
 *
 * Design: one forward pass, code point by code point. Each rule fires on
 * the character under the cursor and may look ahead inside the input (and
 * back at a month's name in it) but never reads what was written: what it
 * needs of the past (the previous character, the digit run before it, the
 * quote depth, a «№» followed) is in struct nv_typo_state, all that carries
 * over from one piece of a block to the next. Nothing written is rewritten,
 * so the output is whole code points, valid UTF-8. A space that must become
 * a no-break one before a dash is caught looking ahead from it. Every rule
 * maps its own output to itself: the pass is idempotent (unit-tested).
 *
 * Speed: plain_end() finds runs that no rule touches on the bytes, copied
 * with one memcpy; only where a rule may fire does the pass go a code point
 * at a time (step()), with the same output byte for byte.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alloc.h"
#include "buf.h"
#include "typo.h"
#include "utf8.h"

#define NBSP	0x00A0u
#define EN_DASH 0x2013u
#define EM_DASH 0x2014u
#define LAQUO	0x00ABu /* « */
#define RAQUO	0x00BBu /* » */
#define BDQUO	0x201Eu /* „ */
#define LDQUO	0x201Cu /* “ */
#define HELLIP	0x2026u
#define NUMERO	0x2116u
#define CYR_GE	0x0433u /* г */

struct typo {
	struct nv_buf *out;
	struct nv_typo_state *st;
	const char *s;
	size_t n;
};

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0x0400 && c <= 0x042F) ||
	       (c >= 0x00C0 && c <= 0x00DE && c != 0x00D7);
}

static bool is_lower(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0x0430 && c <= 0x045F) ||
	       (c >= 0x00DF && c <= 0x00FF && c != 0x00F7);
}

static bool is_letter(uint32_t c)
{
	return is_upper(c) || is_lower(c) || (c >= 0x0100 && c <= 0x024F) ||
	       (c >= 0x0370 && c <= 0x03FF) || (c >= 0x0460 && c <= 0x052F);
}

/* A quote after a space opens; a dash between two spaces is a sentence dash. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == NBSP || c == 0x2007 || c == 0x2009 || c == 0x202F;
}

/* Spaces inside a line, which a rule may turn into one no-break space. */
static bool is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == NBSP;
}

/* Characters after which a straight quote opens rather than closes. */
static bool opens_quote(uint32_t c)
{
	return c == 0 || is_space(c) || c == '(' || c == '[' || c == '{' || c == LAQUO ||
	       c == BDQUO || c == EM_DASH || c == EN_DASH;
}

/*
 * The code point at s[i] (n bytes in all), its length stored in *k when k
 * is not NULL: 0 with length 0 at the end, U+FFFD with length 1 for a
 * byte that does not start valid UTF-8.
 */
static inline uint32_t peek(const char *s, size_t n, size_t i, size_t *k)
{
	uint32_t cp = 0;
	size_t len = 0;

	if (i < n) {
		len = nv_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			cp = 0xFFFD;
			len = 1;
		}
	}
	if (k)
		*k = len;
	return cp;
}

static size_t skip_blank(const char *s, size_t n, size_t i)
{
	size_t k;

	while (is_blank(peek(s, n, i, &k)))
		i += k;
	return i;
}

void nv_typo_init(struct nv_typo_state *st)
{
	struct nv_typo_state blank = NV_TYPO_STATE_INIT;

	*st = blank;
}

void nv_typo_feed(struct nv_typo_state *st, uint32_t cp)
{
	if (is_digit(cp)) {
		if (!st->digits)
			st->before = st->prev;
		if (st->digits < UINT_MAX)
			st->digits++;
	} else {
		st->digits = 0;
	}
	if (cp == NUMERO)
		st->numero = true;
	else if (is_blank(cp))
		st->numero = st->numero && !is_digit(st->prev);
	else if (!is_digit(cp))
		st->numero = false;
	st->prev = cp;
}

static void put(struct typo *t, uint32_t cp)
{
	nv_buf_addcp(t->out, cp);
	nv_typo_feed(t->st, cp);
}

/* Copy s[from, to) as it is (bad bytes included), keeping the state current. */
static void copy(struct typo *t, size_t from, size_t to)
{
	uint32_t cp;
	size_t k;

	while (from < to) {
		cp = peek(t->s, to, from, &k);
		nv_buf_add(t->out, t->s + from, k);
		/* a NUL byte must not look like the start of a block */
		nv_typo_feed(t->st, cp ? cp : NV_TYPO_OPAQUE);
		from += k;
	}
}

/* The end of a dash written as 1-3 hyphens, «–» or «—» at s[i], or 0. */
static size_t dash_end(const char *s, size_t n, size_t i)
{
	size_t j = i, k;
	uint32_t c;

	while (j < n && s[j] == '-' && j - i < 4)
		j++;
	if (j > i)
		return j - i <= 3 ? j : 0;
	c = peek(s, n, i, &k);
	return c == EM_DASH || c == EN_DASH ? i + k : 0;
}

/* Whether the hyphen before s[j] joins two numbers of a range (2025-2026, 1-4); numbers of codes,
 * dates and phones (more than two parts, or a «№» before them) keep their hyphens. */
static bool is_range(const struct typo *t, size_t j)
{
	const struct nv_typo_state *st = t->st;
	uint32_t b = st->before;
	size_t e = j;
	char c;

	if (!st->digits || st->numero)
		return false;
	if (b == '-' || b == '.' || b == ',' || b == '/' || b == '+' || b == '_' || b == EN_DASH ||
	    is_letter(b))
		return false;
	while (e < t->n && is_digit((unsigned char)t->s[e]))
		e++;
	if (e == j)
		return false;
	if (e + 1 < t->n && is_digit((unsigned char)t->s[e + 1])) {
		c = t->s[e];
		if (c == '-' || c == '.' || c == ',' || c == '/')
			return false;
	}
	return true;
}

/* Whether a date (…05.2026) ends at st and another starts at s[j]. */
static bool date_range(const struct typo *t, size_t j)
{
	size_t e = j;

	while (e < t->n && is_digit((unsigned char)t->s[e]))
		e++;
	return t->st->before == '.' && e > j && e + 1 < t->n && t->s[e] == '.' &&
	       is_digit((unsigned char)t->s[e + 1]);
}

/* True if s[i..] is «г.» or «гг.» (год, годы). */
static bool year_abbr(const char *s, size_t n, size_t i)
{
	if (n - i >= 3 && !memcmp(s + i, "г.", 3))
		return true;
	return n - i >= 5 && !memcmp(s + i, "гг.", 5);
}

/* The end of an initial («И.») at s[i], or 0. */
static size_t initial_end(const char *s, size_t n, size_t i)
{
	size_t k;

	if (!is_upper(peek(s, n, i, &k)) || i + k >= n || s[i + k] != '.')
		return 0;
	return i + k + 1;
}

/* Two initials «И. О.» or «И.О.» at s[i]: their end (0 if none), the end of the first in *e1
 * and the start of the second in *w1. */
static size_t initials_end(const char *s, size_t n, size_t i, size_t *e1, size_t *w1)
{
	size_t e2;

	*e1 = initial_end(s, n, i);
	if (!*e1)
		return 0;
	*w1 = skip_blank(s, n, *e1);
	e2 = initial_end(s, n, *w1);
	if (!e2 || is_letter(peek(s, n, e2, NULL)))
		return 0;
	return e2;
}

/* The end of a capitalised word (Иванов, Римский-Корсаков) at s[i], or 0. */
static size_t word_end(const char *s, size_t n, size_t i)
{
	size_t j, k;
	uint32_t c;

	if (!is_upper(peek(s, n, i, &k)))
		return 0;
	j = i + k;
	if (!is_lower(peek(s, n, j, NULL)))
		return 0;
	for (;;) {
		/* letters of Cyrillic (U+0400..U+047F) and ASCII, on the bytes */
		if (j + 1 < n && (s[j] & 0xFE) == 0xD0 && (s[j + 1] & 0xC0) == 0x80) {
			j += 2;
			continue;
		}
		if (j < n && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') {
			j++;
			continue;
		}
		c = peek(s, n, j, &k);
		if (is_letter(c))
			j += k;
		else if (c == '-' && is_letter(peek(s, n, j + 1, NULL)))
			j++;
		else
			return j;
	}
}

static void put_initials(struct typo *t, size_t i, size_t e1, size_t w1, size_t e2)
{
	/* ГОСТ Р 7.0.97: «И. О.», so «И.О.» gets its space too */
	copy(t, i, e1);
	put(t, NBSP);
	copy(t, w1, e2);
}

/*
 * A name with initials starting at s[i] (at the start of a word): writes
 * it with no-break spaces and returns where to go on, or returns 0 and
 * writes nothing.
 */
static size_t initials(struct typo *t, size_t i)
{
	const char *s = t->s;
	size_t n = t->n, e, w, e1, w1, e2, w2;

	e = word_end(s, n, i);
	if (e) {
		/* Фамилия И. О., unless the initials belong to a name after them */
		w = skip_blank(s, n, e);
		if (w == e || !(e2 = initials_end(s, n, w, &e1, &w1)))
			return 0;
		w2 = skip_blank(s, n, e2);
		if (w2 > e2 && word_end(s, n, w2))
			return 0;
		copy(t, i, e);
		put(t, NBSP);
		put_initials(t, w, e1, w1, e2);
		return e2;
	}
	/* И. О. Фамилия */
	e2 = initials_end(s, n, i, &e1, &w1);
	if (!e2)
		return 0;
	w2 = skip_blank(s, n, e2);
	if (w2 == e2 || !word_end(s, n, w2))
		return 0;
	put_initials(t, i, e1, w1, e2);
	put(t, NBSP);
	return w2;
}

/* Write the two bytes of UTF-8 of c (U+0080..U+07FF) to w; returns 2. */
static size_t put2(uint32_t c, char *w)
{
	return w[0] = (char)(0xC0 | (c >> 6)), w[1] = (char)(0x80 | (c & 0x3F)), 2;
}

/* Russian capitals in small letters; anything else as it is. */
static uint32_t ru_lower(uint32_t c)
{
	if (c >= 0x0410 && c <= 0x042F)
		return c + 0x20;
	return c == 0x0401 ? 0x0451 : c;
}

/*
 * The end of a short word at s[i] that must not end a line, or 0: a word of one letter (а в и
 * к о с у я) or a two-letter preposition, conjunction or particle that goes with the next word
 * (not же, ли, бы), in any case, with a blank after it (anything but a letter if not `blank`).
 */
static size_t short_word_slow(const char *s, size_t n, size_t i, bool blank)
{
	/* Bit (c - U+0430) of each small letter c: «а в и к о с у я» */
	static const uint32_t one = 0x800a4505;
	/* two[c1 - U+0430]: the seconds c2 of «во до за из ко на не ни но об от по со» */
	static const uint32_t two[32] = {
		0, 0,	   0x4000, 0, 0x4000, 0,       0,      0x1, 0x80,
		0, 0x4000, 0,	   0, 0x4121, 0x40002, 0x4000, 0,   0x4000
	};
	uint32_t c1, c2;
	size_t k1, k2;

	c1 = ru_lower(peek(s, n, i, &k1));
	if (c1 < 0x0430 || c1 > 0x044F)
		return 0;
	c2 = peek(s, n, i + k1, &k2);
	if (blank ? is_blank(c2) : !is_letter(c2))
		return (one >> (c1 - 0x430)) & 1 ? i + k1 : 0;
	c2 = ru_lower(c2);
	if (c2 < 0x0430 || c2 > 0x044F || !((two[c1 - 0x430] >> (c2 - 0x430)) & 1))
		return 0;
	c1 = peek(s, n, i + k1 + k2, NULL);
	if (blank ? !is_blank(c1) : is_letter(c1))
		return 0;
	return i + k1 + k2;
}

/* short_word_slow(), inline for most words: three Cyrillic letters from s[i] on, no blank. */
static inline size_t short_word_end(const char *s, size_t n, size_t i, bool blank)
{
	const unsigned char *u = (const unsigned char *)s;

	if (blank && n - i >= 6 && (u[i + 2] & 0xFE) == 0xD0 && (u[i + 3] & 0xC0) == 0x80 &&
	    (u[i + 4] & 0xFE) == 0xD0 && (u[i + 5] & 0xC0) == 0x80)
		return 0;
	return short_word_slow(s, n, i, blank);
}

/* Whether the word s[from, to) names a month (сентябрь, сентября, Май). */
static bool is_month(const char *s, size_t from, size_t to)
{
	static const char *const stems[] = { "январ",  "феврал",  "март",   "апрел", "июн",   "июл",
					     "август", "сентябр", "октябр", "ноябр", "декабр" };
	char w[32];
	size_t i, m, k;

	if (to - from < 6 || to - from > sizeof(w) - 2)
		return false;
	k = put2(ru_lower(peek(s, to, from, &i)), w);
	memcpy(w + k, s + from + i, to - from - i);
	w[k + to - from - i] = 0;
	if (!strcmp(w, "май") || !strcmp(w, "мая"))
		return true;
	for (i = 0; i < NV_ARRAY_SIZE(stems); i++) {
		m = strlen(stems[i]);
		/* the stem and an ending of up to three letters */
		if (!strncmp(w, stems[i], m) && strlen(w) <= m + 6)
			return true;
	}
	return false;
}

/* Whether a month's name ends just before s[i]. */
static bool month_before(const char *s, size_t i)
{
	size_t j = i;

	while (j >= 2 && ((unsigned char)s[j - 2] & 0xFE) == 0xD0 &&
	       ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j -= 2;
	return j < i && (!j || !is_letter((unsigned char)s[j - 1])) && is_month(s, j, i);
}

/* Whether a month's name starts at s[i]. */
static bool month_at(const char *s, size_t n, size_t i)
{
	size_t j = i;

	while (j + 1 < n && ((unsigned char)s[j] & 0xFE) == 0xD0 &&
	       ((unsigned char)s[j + 1] & 0xC0) == 0x80)
		j += 2;
	return j > i && !is_letter(peek(s, n, j, NULL)) && is_month(s, i, j);
}

/*
 * A short word at s[i] (a word's start) and a no-break space for the
 * blanks after it, unless a dash or a line's end follows: see initials().
 */
static size_t glue_short(struct typo *t, size_t i)
{
	size_t e = short_word_end(t->s, t->n, i, true), w, d;
	uint32_t c;

	if (!e)
		return 0;
	w = skip_blank(t->s, t->n, e);
	c = peek(t->s, t->n, w, NULL);
	d = dash_end(t->s, t->n, w);
	if (c == '\n' || c == '\r' || (d && (d == t->n || is_space(peek(t->s, t->n, d, NULL)))))
		return 0;
	copy(t, i, e);
	put(t, NBSP);
	return w;
}

/* What may follow a number and a no-break space: a small letter or a unit sign. */
static bool is_unit_start(uint32_t c)
{
	return (c >= 0x0430 && c <= 0x045F) || c == '%' || c == 0x2030 || c == 0x00B0 ||
	       c == 0x20BD;
}

/* The end of a URL written as text at s[i] (http://…, www.…), or 0. */
static size_t url_end(const char *s, size_t n, size_t i)
{
	static const char *const starts[] = { "http://", "https://", "ftp://", "www." };
	size_t j, m, k;
	uint32_t c;

	for (j = 0; j < NV_ARRAY_SIZE(starts); j++) {
		m = strlen(starts[j]);
		if (n - i > m && !memcmp(s + i, starts[j], m))
			break;
	}
	if (j == NV_ARRAY_SIZE(starts))
		return 0;
	for (j = i; j < n; j += k) {
		c = peek(s, n, j, &k);
		if (!c || is_space(c) || c == '"' || c == '<' || c == '>' || c == LAQUO ||
		    c == RAQUO)
			break;
	}
	return j;
}

static void put_quote(struct typo *t)
{
	struct nv_typo_state *st = t->st;
	uint32_t q;

	if (opens_quote(st->prev)) {
		q = st->depth ? BDQUO : LAQUO;
		if (st->depth < INT_MAX)
			st->depth++;
	} else if (st->depth > 0) {
		st->depth--;
		q = st->depth ? LDQUO : RAQUO;
	} else {
		/* a closing quote without an opening one still must not stay straight */
		q = RAQUO;
	}
	put(t, q);
}

/*
 * The rules below each handle the character at s[i] (k bytes long): they return where to go
 * on after writing their output, or 0 when it is copied as it is (after what goes before it).
 */

/*
 * Blanks: before a dash (a sentence dash, or a range of numbers, dates or
 * months written with spaces), after a number before its unit or «г.»;
 * any other run of blanks becomes one.
 */
static inline size_t at_blank(struct typo *t, size_t i, size_t k)
{
	const struct nv_typo_state *st = t->st;
	const char *in = t->s;
	size_t len = t->n, e, d, w;

	e = skip_blank(in, len, i);
	d = dash_end(in, len, e);
	if (d && is_space(peek(in, len, d, NULL))) {
		w = skip_blank(in, len, d);
		if ((st->digits && (is_range(t, w) || date_range(t, w))) ||
		    (is_letter(st->prev) && month_before(in, i) && month_at(in, len, w))) {
			put(t, EN_DASH);
			return w;
		}
		put(t, NBSP);
		put(t, EM_DASH);
		return d;
	}
	if ((st->digits == 4 && year_abbr(in, len, e)) ||
	    (st->digits && st->before != '.' && is_unit_start(peek(in, len, e, NULL)) &&
	     !short_word_end(in, len, e, false))) {
		put(t, NBSP);
		return e;
	}
	if (e - i == k)
		return 0;
	put(t, memchr(in + i, 0xC2, e - i) ? NBSP : ' ');
	return e;
}

/* A run of hyphens: a dash, a range or hyphens kept as they are. */
static inline size_t at_hyphens(struct typo *t, size_t i)
{
	const struct nv_typo_state *st = t->st;
	const char *in = t->s;
	size_t len = t->n, e;
	uint32_t cp;

	for (e = i; e < len && in[e] == '-'; e++)
		;
	cp = peek(in, len, e, NULL);
	if (e - i <= 3 && (!st->prev || is_space(st->prev)) && is_space(cp)) {
		put(t, EM_DASH);
		return e;
	}
	if ((e - i == 2 || e - i == 3) && st->prev != '<' && cp != '>') {
		put(t, EM_DASH);
		return e;
	}
	if (e - i == 1 && (is_range(t, e) ||
			   (is_letter(st->prev) && month_before(in, i) && month_at(in, len, e)))) {
		put(t, EN_DASH);
		return e;
	}
	copy(t, i, e);
	return e;
}

/* «№» or «№№», then a no-break space before the number. */
static inline size_t at_numero(struct typo *t, size_t i, size_t k)
{
	const char *in = t->s;
	size_t len = t->n, e;

	put(t, NUMERO);
	i += k;
	while (peek(in, len, i, &k) == NUMERO) {
		put(t, NUMERO);
		i += k;
	}
	e = skip_blank(in, len, i);
	if (e > i || is_digit(peek(in, len, i, NULL)))
		put(t, NBSP);
	return e;
}

/* Any other character: the start of a name with initials or of a URL. */
static inline size_t at_other(struct typo *t, size_t i, uint32_t cp)
{
	uint32_t prev = t->st->prev;
	size_t e;
	bool word_start;

	/*
	 * After a hyphen we are inside a word (Петрова-Водкина):
	 * starting over there would rescan long hyphenated
	 * chains again and again.
	 */
	word_start = !is_letter(prev) && !is_digit(prev) && prev != '-';
	if (word_start && is_upper(cp) && (e = initials(t, i)))
		return e;
	if (word_start && (e = glue_short(t, i)))
		return e;
	if (word_start && (cp == 'h' || cp == 'f' || cp == 'w') && (e = url_end(t->s, t->n, i))) {
		copy(t, i, e);
		/* digits at a URL's end are no number with a unit after it */
		nv_typo_feed(t->st, NV_TYPO_OPAQUE);
		return e;
	}
	return 0;
}

/* The character at s[i] through the rules (one step of the slow path). */
static size_t step(struct typo *t, size_t i)
{
	struct nv_typo_state *st = t->st;
	const char *in = t->s;
	size_t len = t->n, k, e = 0;
	uint32_t cp = peek(in, len, i, &k);

	switch (cp) {
	case ' ':
	case '\t':
	case NBSP:
		e = at_blank(t, i, k);
		break;
	case '-':
		e = at_hyphens(t, i);
		break;
	case '"':
		put_quote(t);
		e = i + k;
		break;
	case LAQUO:
	case BDQUO:
		if (st->depth < INT_MAX)
			st->depth++;
		break;
	case RAQUO:
	case LDQUO:
		if (st->depth > 0)
			st->depth--;
		break;
	case '.':
		if (i + 2 < len && in[i + 1] == '.' && in[i + 2] == '.') {
			put(t, HELLIP);
			e = i + 3;
		}
		break;
	case NUMERO:
		e = at_numero(t, i, k);
		break;
	case EN_DASH:
		/* a spaced en dash between words is a sentence dash */
		if ((!st->prev || is_space(st->prev)) && is_space(peek(in, len, i + k, NULL))) {
			put(t, EM_DASH);
			e = i + k;
		}
		break;
	case CYR_GE:
		if (st->digits == 4 && year_abbr(in, len, i))
			put(t, NBSP);
		break;
	default:
		e = at_other(t, i, cp);
		break;
	}
	if (!e) {
		copy(t, i, i + k);
		e = i + k;
	}
	return e;
}

/*
 * The fast path. Most text is letters, digits, spaces and punctuation no rule touches;
 * plain_end() finds how far such a run goes on the bytes, and the run is copied whole. It
 * stops, leaving the character to step(), wherever a rule might fire or at anything but ASCII
 * or a two-byte Cyrillic letter (U+0400..U+047F): so step() would copy every character of a
 * run unchanged, and feed_run() brings the state to where step() would have left it.
 */
enum {
	B_STOP,
	B_LOW,
	B_WORD,
	B_DIGIT,
	B_BLANK,
	B_DOT,
	B_PUNCT,
	B_D0,
	B_D1
};

/*
 * The class of each byte as the first byte of a character: 1 a-z but h f
 * w, 2 A-Z h f w (capitals may start «И. О.», h f w a URL), 3 digits,
 * 4 space and tab, 5 '.', 6 other ASCII, 7 and 8 the lead bytes D0 and D1
 * of Cyrillic; 0 (NUL, '-', '"' and any other byte) leaves it to step().
 */
static const unsigned char byte_class[256] = {
	0, 6, 6, 6, 6, 6, 6, 6, 6, 4, 6, 6, 6, 6, 6, 6, /* 0_ */
	6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, /* 1_ */
	4, 6, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 5, 6, /* 2_ */
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6, 6, 6, 6, 6, 6, /* 3_ */
	6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 4_ */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 6, 6, 6, 6, /* 5_ */
	6, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, /* 6_ */
	1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 6, 6, 6, 6, 6, /* 7_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 8_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 9_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* A_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* B_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* C_ */
	7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* D_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* E_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* F_ */
};

/*
 * The end of the Cyrillic words at s[i], just after a Cyrillic letter:
 * more letters, and a space with a small letter after it (nothing to do
 * for a space that no dash follows, nor for a word that no capital starts).
 */
static size_t cyr_words_end(const unsigned char *s, size_t n, size_t i)
{
	for (;;) {
#ifdef __SSE2__
		/* eight letters (lead D0/D1, continuation) at a time, to the first other byte */
		for (unsigned bad; n - i >= 16; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
			v = _mm_and_si128(v, _mm_set1_epi16((short)0xC0FE));
			v = _mm_cmpeq_epi8(v, _mm_set1_epi16((short)0x80D0));
			if ((bad = ~(unsigned)_mm_movemask_epi8(v) & 0xFFFF)) {
				i += (unsigned)__builtin_ctz(bad) & ~1u;
				break;
			}
		}
#endif
		if (i + 1 < n && (s[i] & 0xFE) == 0xD0 && (s[i + 1] & 0xC0) == 0x80)
			i += 2;
		else if (i + 2 < n && s[i] == ' ' &&
			 ((s[i + 1] == 0xD0 && s[i + 2] >= 0xB0 && s[i + 2] <= 0xBF) ||
			  (s[i + 1] == 0xD1 && (s[i + 2] & 0xC0) == 0x80)) &&
			 !short_word_end((const char *)s, n, i + 1, true))
			i += 3;
		else
			return i;
	}
}

/*
 * The end of the run of plain characters at s[i]: `word` says whether the
 * character before s[i] is a letter, a digit or '-' (no word starts at
 * s[i]), `digits` how many ASCII digits end there (5 stands for more).
 */
static size_t plain_end(const char *str, size_t n, size_t i, bool word, unsigned digits)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;

	while (i < n) {
		/* Cyrillic letters inside a word, the bulk of a text: no rule there */
		if (word && digits != 4 && i + 1 < n && (s[i] & 0xFE) == 0xD0 &&
		    (s[i + 1] & 0xC0) == 0x80) {
			i = cyr_words_end(s, n, i + 2);
			digits = 0;
			if (i >= n)
				break;
		}
		c = s[i];
		switch (byte_class[c]) {
		case B_WORD:
			if (!word)
				return i;
			/* fall through */
		case B_LOW:
			word = true;
			digits = 0;
			i++;
			break;
		case B_DIGIT:
			word = true;
			digits += digits < 5;
			i++;
			break;
		case B_BLANK:
			/* a dash, a unit after a number, a year or more blanks may follow */
			if (digits ||
			    (i + 1 < n && (s[i + 1] == '-' || s[i + 1] == 0xE2 || s[i + 1] == ' ' ||
					   s[i + 1] == '\t' || s[i + 1] == 0xC2 ||
					   (s[i + 1] >= '0' && s[i + 1] <= '9'))))
				return i;
			/* fall through */
		case B_PUNCT:
			word = false;
			digits = 0;
			i++;
			break;
		case B_DOT:
			if (i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.')
				return i;
			word = false;
			digits = 0;
			i++;
			break;
		case B_D0:
			/* D0 80..AF are capitals (U+0400..U+042F), D0 B3 is «г» */
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 1] < 0xB0 && !word) ||
			    (s[i + 1] == 0xB3 && digits == 4) ||
			    (!word && short_word_end(str, n, i, true)))
				return i;
			word = true;
			digits = 0;
			i += 2;
			break;
		case B_D1:
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (!word && short_word_end(str, n, i, true)))
				return i;
			word = true;
			digits = 0;
			i += 2;
			break;
		default:
			return i;
		}
	}
	return i;
}

/* The code point that ends at s[e] inside a run of plain characters. */
static uint32_t run_last(const unsigned char *s, size_t e)
{
	if (s[e - 1] < 0x80)
		return s[e - 1];
	return ((uint32_t)(s[e - 2] & 0x1F) << 6) | (s[e - 1] & 0x3Fu);
}

/* nv_typo_feed() for every character of the plain run s[from, to). */
static void feed_run(struct nv_typo_state *st, const char *str, size_t from, size_t to)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t e = to, d;

	while (e > from && s[e - 1] >= '0' && s[e - 1] <= '9')
		e--;
	d = to - e;
	if (e == from) {
		if (!st->digits)
			st->before = st->prev;
		d += st->digits;
	} else if (d) {
		st->before = run_last(s, e);
	}
	st->digits = d < UINT_MAX ? (unsigned)d : UINT_MAX;
	st->prev = run_last(s, to);
	/* st->numero was false and nothing in a run sets it */
}

void nv_typo(struct nv_buf *out, const char *in, size_t len, struct nv_typo_state *st)
{
	struct typo t = { out, st, in, len };
	size_t i = 0, e;
	uint32_t p;

	nv_buf_grow(out, len);
	while (i < len) {
		if (!st->numero) {
			p = st->prev;
			e = plain_end(in, len, i, is_letter(p) || is_digit(p) || p == '-',
				      st->digits < 5 ? st->digits : 5);
			if (e > i) {
				nv_buf_add(out, in + i, e - i);
				feed_run(st, in, i, e);
				i = e;
				if (i == len)
					break;
			}
		}
		i = step(&t, i);
	}
}

bool nv_typo_starts_dash(const char *s, size_t len)
{
	size_t e = dash_end(s, len, 0);

	return e && is_space(peek(s, len, e, NULL));
}

char *nv_typo_str(const char *s)
{
	struct nv_buf out = NV_BUF_INIT;
	struct nv_typo_state st = NV_TYPO_STATE_INIT;

	nv_typo(&out, s, strlen(s), &st);
	return nv_buf_detach(&out, NULL);
}
