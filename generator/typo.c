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
 * Speed: nv_typo_plain_run() (typo_run.c) finds runs that no rule touches
 * on the bytes, copied with one memcpy, the usual short word before a
 * word glued on the way; only where a rule may fire does the pass go a code
 * point at a time (step()), with the same output byte for byte.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "typo_int.h"

struct typo {
	struct nv_buf *out;
	struct nv_typo_state *st;
	const char *s;
	size_t n;
};

/* Characters after which a straight quote opens rather than closes. */
static bool opens_quote(uint32_t c)
{
	return c == 0 || is_space(c) || c == '(' || c == '[' || c == '{' || c == LAQUO ||
	       c == BDQUO || c == EM_DASH || c == EN_DASH;
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

	nv_buf_add(t->out, t->s + from, to - from);
	while (from < to) {
		cp = peek(t->s, to, from, &k);
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

/* Two initials «И. О.» or «И.О.» at s[i]: their end (0 if none), the end of the first in *e1
 * and the start of the second in *w1. */
static size_t initials_end(const char *s, size_t n, size_t i, size_t *e1, size_t *w1)
{
	size_t e2;

	*e1 = nv_typo_initial_end(s, n, i);
	if (!*e1)
		return 0;
	*w1 = skip_blank(s, n, *e1);
	e2 = nv_typo_initial_end(s, n, *w1);
	if (!e2 || is_letter(peek(s, n, e2, NULL)))
		return 0;
	return e2;
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

	e = nv_typo_word_end(s, n, i);
	if (e) {
		/* Фамилия И. О., unless the initials belong to a name after them */
		w = skip_blank(s, n, e);
		if (w == e || !(e2 = initials_end(s, n, w, &e1, &w1)))
			return 0;
		w2 = skip_blank(s, n, e2);
		if (w2 > e2 && nv_typo_word_end(s, n, w2))
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
	if (w2 == e2 || !nv_typo_word_end(s, n, w2))
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

/* Whether the word s[from, to) names a month (сентябрь, сентября, Май). */
static bool is_month(const char *s, size_t from, size_t to)
{
	static const char *const stems[] = { "январ",  "феврал",  "март",   "апрел", "июн",   "июл",
					     "август", "сентябр", "октябр", "ноябр", "декабр" };
	/* the first letters of the stems, «май» and «мая» */
	static const char firsts[] = "яфмаисонд";
	const char *f;
	char w[32];
	size_t i, m, k, wn;

	if (to - from < 6 || to - from > sizeof(w) - 2)
		return false;
	k = put2(ru_lower(peek(s, to, from, &i)), w);
	for (f = firsts; *f && (f[0] != w[0] || f[1] != w[1]); f += 2)
		;
	if (!*f)
		return false;
	memcpy(w + k, s + from + i, to - from - i);
	wn = k + to - from - i;
	w[wn] = 0;
	/* no NUL in w (a NUL ends what strcmp() compared): the word is letters */
	if (wn == 6 && (!memcmp(w, "май", 6) || !memcmp(w, "мая", 6)))
		return true;
	for (i = 0; i < NV_ARRAY_SIZE(stems); i++) {
		m = strlen(stems[i]);
		/* the stem and an ending of up to three letters */
		if (wn >= m && wn <= m + 6 && !memcmp(w, stems[i], m))
			return true;
	}
	return false;
}

/*
 * The start of the Russian word that ends just before s[i], or i when
 * none does (a letter of another script before it is no word's start).
 */
static size_t word_before(const char *s, size_t i)
{
	size_t j = i;

	while (j >= 2 && ((unsigned char)s[j - 2] & 0xFE) == 0xD0 &&
	       ((unsigned char)s[j - 1] & 0xC0) == 0x80)
		j -= 2;
	return j < i && (!j || !is_letter((unsigned char)s[j - 1])) ? j : i;
}

/* The end of the Russian word that starts at s[i], or i when none does. */
static size_t word_after(const char *s, size_t n, size_t i)
{
	size_t j = i;

	while (j + 1 < n && ((unsigned char)s[j] & 0xFE) == 0xD0 &&
	       ((unsigned char)s[j + 1] & 0xC0) == 0x80)
		j += 2;
	return j > i && !is_letter(peek(s, n, j, NULL)) ? j : i;
}

/* Whether a month's name ends just before s[i]. */
static bool month_before(const char *s, size_t i)
{
	size_t j = word_before(s, i);

	return j < i && is_month(s, j, i);
}

/* Whether a month's name starts at s[i]. */
static bool month_at(const char *s, size_t n, size_t i)
{
	size_t j = word_after(s, n, i);

	return j > i && is_month(s, i, j);
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
 * The roles a form of mentoring pairs («ученик – ученик», «работодатель –
 * студент»: DOMAIN.md writes them with an en dash, as Р-145 does, and so
 * do the forms' names the website and the printed tables show).
 */
static const char *const roles[] = {
	"ученик",	"учитель",     "студент",      "работодатель", "педагог",
	"руководитель", "воспитатель", "партнёр",      "партнер",      "родитель",
	"выпускник",	"наставник",   "наставляемый",
};

/* Whether s[from, to) is one of the roles. */
static bool is_role(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(roles); i++)
		if (strlen(roles[i]) == to - from && !memcmp(s + from, roles[i], to - from))
			return true;
	return false;
}

/* Whether a role ends just before the blanks at s[i], and another starts at s[w]. */
static bool roles_around(const char *s, size_t n, size_t i, size_t w)
{
	size_t j = word_before(s, i), e = word_after(s, n, w);

	return j < i && is_role(s, j, i) && e > w && is_role(s, w, e);
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
	bool role;

	e = skip_blank(in, len, i);
	d = dash_end(in, len, e);
	if (d && is_space(peek(in, len, d, NULL))) {
		w = skip_blank(in, len, d);
		if ((st->digits && (is_range(t, w) || date_range(t, w))) ||
		    (is_letter(st->prev) && month_before(in, i) && month_at(in, len, w))) {
			put(t, EN_DASH);
			return w;
		}
		/* the dash of a form's name stays an en dash: «ученик – ученик» */
		role = is_letter(st->prev) && roles_around(in, len, i, w);
		put(t, NBSP);
		put(t, role ? EN_DASH : EM_DASH);
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
	case LDQUO:
		/* English quotes, “…”, are Russian ones: “ opening as '"' would */
		if (opens_quote(st->prev)) {
			put_quote(t);
			e = i + k;
		} else if (st->depth > 0) {
			st->depth--; /* closing „…“ */
		}
		break;
	case RDQUO:
		put_quote(t);
		e = i + k;
		break;
	case RAQUO:
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

void nv_typo(struct nv_buf *out, const char *in, size_t len, struct nv_typo_state *st)
{
	struct typo t = { out, st, in, len };
	size_t i = 0, e, seg;
	uint32_t p;

	/* No-break spaces, quotes and dashes take a byte or two more than they were. */
	if (out->len + len + len / 8 + 8 > out->cap)
		nv_buf_grow(out, len + len / 8 + 8);
	while (i < len) {
		if (!st->numero) {
			p = st->prev;
			e = nv_typo_plain_run(out, in, len, i,
					      p < 0x80 ? ((p | 0x20) >= 'a' && (p | 0x20) <= 'z') ||
								 is_digit(p) || p == '-'
						       : is_letter(p),
					      st->digits < 5 ? st->digits : 5, &seg);
			if (seg > i) {
				/* as nv_typo_feed() leaves it after a letter and a no-break space
				 */
				st->prev = NBSP;
				st->digits = 0;
			}
			if (e > seg)
				nv_typo_feed_run(st, in, seg, e);
			if (e > i) {
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
