/*
 * date.c: dates, academic years and roadmap terms; see date.h.
 *
 * Design. All three parsers share one small lexer that reads UTF-8 text
 * on demand from a byte offset: numbers, words (lower-cased, with Ё
 * folded to Е and Cyrillic І read as Latin i, so Roman numerals typed
 * either way match), dashes (hyphen, en, em, minus …) and single
 * symbols. White space includes the non-breaking spaces that office
 * suites put before «г.». Parsing is recursive descent with backtracking
 * by resetting the offset, so nothing is allocated; the parser keeps the
 * last token it read, since alternatives are tried one after another at
 * the same offset.
 *
 * A term is parsed in two passes over the same text. Each item («май
 * 2026», «II квартал», «до 15.09.2025») becomes a span of two points
 * whose year may still be unknown. The first pass only finds the academic
 * year of the first item with an explicit year, used when the caller does
 * not know the academic year; the second resolves missing years and
 * takes the covering range. Missing years are filled from the other end
 * of a range (so that the range does not run backwards) or from the
 * academic year (September–December: first year, January–August: second;
 * for a range, the end is placed in the academic year and the start just
 * before it).
 *
 * Reasons for failures go to an optional struct nv_buf; only the first
 * reason is kept, since later ones are consequences.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "utf8.h"

#define EN_DASH "\xe2\x80\x93"
#define NBSP	"\xc2\xa0"

static const char *const month_names[3][12] = {
	{ "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
	  "октябрь", "ноябрь", "декабрь" },
	{ "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
	  "октября", "ноября", "декабря" },
	{ "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
	  "октябре", "ноябре", "декабре" },
};

/* --- calendar ------------------------------------------------------------ */

bool nv_date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int nv_date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && nv_date_is_leap(year))
		return 29;
	return days[month - 1];
}

bool nv_date_valid(struct nv_date d)
{
	return d.year >= NV_DATE_MIN_YEAR && d.year <= NV_DATE_MAX_YEAR && d.month >= 1 &&
	       d.month <= 12 && d.day >= 1 && d.day <= nv_date_days_in_month(d.year, d.month);
}

int nv_date_cmp(struct nv_date a, struct nv_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Howard Hinnant's days_from_civil / civil_from_days, in signed arithmetic. */
long nv_date_to_days(struct nv_date d)
{
	long y = (long)d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = d.month > 2 ? d.month - 3 : d.month + 9;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct nv_date nv_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;
	struct nv_date d;

	d.year = (int)(yoe + era * 400 + (m <= 2));
	d.month = (int)m;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	return d;
}

int nv_date_weekday(struct nv_date d)
{
	long r = (nv_date_to_days(d) + 3) % 7; /* 01.01.1970 was a Thursday */

	if (r < 0)
		r += 7;
	return (int)r + 1;
}

int nv_date_acyear(struct nv_date d)
{
	return d.month >= 9 ? d.year : d.year - 1;
}

const char *nv_date_month_name(int month, enum nv_month_form form)
{
	if (month < 1 || month > 12 || (int)form < 0 || (int)form > 2)
		return NULL;
	return month_names[form][month - 1];
}

struct nv_date nv_acyear_first(int start)
{
	struct nv_date d = { start, 9, 1 };
	return d;
}

struct nv_date nv_acyear_last(int start)
{
	struct nv_date d = { start + 1, 8, 31 };
	return d;
}

/* --- printing ------------------------------------------------------------ */

void nv_date_add(struct nv_buf *b, struct nv_date d, enum nv_date_style style)
{
	if (style == NV_DATE_ISO) {
		nv_buf_addf(b, "%04d-%02d-%02d", d.year, d.month, d.day);
	} else if (style == NV_DATE_LONG && d.month >= 1 && d.month <= 12) {
		nv_buf_addf(b, "%02d %s %d" NBSP "г.", d.day, month_names[1][d.month - 1], d.year);
	} else {
		nv_buf_addf(b, "%02d.%02d.%04d", d.day, d.month, d.year);
	}
}

void nv_acyear_add(struct nv_buf *b, int start)
{
	nv_buf_addf(b, "%d" EN_DASH "%d", start, start + 1);
}

/* --- lexer --------------------------------------------------------------- */

enum tok_kind {
	T_END,
	T_NUM,
	T_WORD,
	T_DASH,
	T_SYM,
};

#define WORD_MAX 64

struct tok {
	enum tok_kind kind;
	size_t start, end; /* byte range in the source */
	bool space_before; /* white space between the previous token and this one */
	long num;	   /* T_NUM: value (capped), */
	int ndigits;	   /* and number of digits */
	bool hyphen;	   /* T_DASH: the ASCII hyphen-minus */
	uint32_t cp;	   /* T_SYM: the code point */
	bool too_long;	   /* T_WORD: longer than the buffer; matches nothing */
	size_t wlen;	   /* T_WORD: bytes in word */
	char word[WORD_MAX];
};

static bool is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0xFEFF;
}

static bool is_dash_cp(uint32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static bool is_letter_cp(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF);
}

/* Lower-case folding for matching: ASCII, Russian А–Я and Ё (to е), І (to Latin i). */
static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c == 0x406 || c == 0x456)
		return 'i';
	if (c >= 0x410 && c <= 0x42F)
		c += 0x20;
	else if (c >= 0x400 && c <= 0x40F)
		c += 0x50;
	if (c == 0x451)
		c = 0x435;
	return c;
}

/* Decode at s[pos]; an invalid byte reads as U+FFFD of length 1. */
static size_t decode_at(const char *s, size_t n, size_t pos, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s + pos;
	size_t k;

	/* ASCII and two-byte characters (Cyrillic) without a call */
	if (pos < n && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n - pos >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
		return 2;
	}
	k = nv_utf8_decode(s + pos, n - pos, cp);
	if (!k) {
		*cp = 0xFFFD;
		k = 1;
	}
	return k;
}

/* Read the token that starts at or after byte `pos` of s (n bytes). */
static void lex(const char *s, size_t n, size_t pos, struct tok *t)
{
	size_t start = pos, k, wl = 0;
	uint32_t c;

	memset(t, 0, offsetof(struct tok, word));
	t->word[0] = '\0';
	while (pos < n) {
		k = decode_at(s, n, pos, &c);
		if (!is_space_cp(c))
			break;
		pos += k;
	}
	t->space_before = pos > start;
	t->start = t->end = pos;
	if (pos >= n) {
		t->kind = T_END;
		return;
	}
	if (s[pos] >= '0' && s[pos] <= '9') {
		t->kind = T_NUM;
		while (pos < n && s[pos] >= '0' && s[pos] <= '9') {
			if (t->num < 100000000)
				t->num = t->num * 10 + (s[pos] - '0');
			if (t->ndigits < 99)
				t->ndigits++;
			pos++;
		}
		t->end = pos;
		return;
	}
	k = decode_at(s, n, pos, &c);
	if (is_dash_cp(c)) {
		t->kind = T_DASH;
		t->hyphen = c == '-';
		t->end = pos + k;
		return;
	}
	if (!is_letter_cp(c)) {
		t->kind = T_SYM;
		t->cp = c;
		t->end = pos + k;
		return;
	}
	t->kind = T_WORD;
	while (pos < n) {
		k = decode_at(s, n, pos, &c);
		if (!is_letter_cp(c))
			break;
		pos += k;
		c = fold_cp(c);
		if (wl + 3 > sizeof(t->word)) {
			t->too_long = true;
		} else if (c < 0x80) {
			t->word[wl++] = (char)c;
		} else {
			/* every letter is below U+0500 here: two bytes */
			t->word[wl++] = (char)(0xC0 | (c >> 6));
			t->word[wl++] = (char)(0x80 | (c & 0x3F));
		}
	}
	t->word[wl] = '\0';
	t->wlen = wl;
	t->end = pos;
}

/* --- parser helpers ------------------------------------------------------ */

struct parser {
	const char *s;
	size_t n;
	size_t pos;
	struct nv_buf *why; /* may be NULL */
	bool have_why;
	/*
	 * The token last read from s, at byte `last_pos`: alternatives are
	 * tried one after another at the same position, so most reads repeat
	 * the one before.
	 */
	struct tok last;
	size_t last_pos;
	bool have_last;
};

static void parser_init(struct parser *p, const char *s, size_t n, struct nv_buf *why)
{
	p->s = s;
	p->n = n;
	p->pos = 0;
	p->why = why;
	p->have_why = false;
	p->have_last = false;
}

/*
 * The token of the input at or after byte pos (see lex()); it stays valid
 * until the next call.
 */
static const struct tok *lex_at(struct parser *p, size_t pos)
{
	if (!p->have_last || p->last_pos != pos) {
		lex(p->s, p->n, pos, &p->last);
		p->last_pos = pos;
		p->have_last = true;
	}
	return &p->last;
}

static void fail(struct parser *p, const char *fmt, ...) NV_PRINTF(2, 3);

static void fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->have_why)
		return;
	p->have_why = true;
	if (!p->why)
		return;
	va_start(ap, fmt);
	nv_buf_vaddf(p->why, fmt, ap);
	va_end(ap);
}

static void peek(struct parser *p, struct tok *t)
{
	*t = *lex_at(p, p->pos);
}

static bool is_word(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && !t->too_long && !strcmp(t->word, w);
}

static bool word_starts(const struct tok *t, const char *prefix)
{
	return t->kind == T_WORD && !t->too_long && !strncmp(t->word, prefix, strlen(prefix));
}

static bool at_end(struct parser *p)
{
	struct tok t;

	peek(p, &t);
	return t.kind == T_END;
}

static bool accept_sym(struct parser *p, uint32_t cp)
{
	struct tok t;

	peek(p, &t);
	if (t.kind != T_SYM || t.cp != cp)
		return false;
	p->pos = t.end;
	return true;
}

static bool accept_dash(struct parser *p)
{
	struct tok t;

	peek(p, &t);
	if (t.kind != T_DASH)
		return false;
	p->pos = t.end;
	return true;
}

static bool same_tok(const struct tok *a, const struct tok *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case T_WORD:
		return !a->too_long && !b->too_long && !strcmp(a->word, b->word);
	case T_SYM:
		return a->cp == b->cp;
	case T_NUM:
		return a->num == b->num && a->ndigits == b->ndigits;
	default:
		return true;
	}
}

/* True if s starts with the n bytes at w (none of them NUL). */
static bool starts_with(const char *s, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != w[i])
			return false;
	return true;
}

/*
 * Consume the tokens of `phrase` (lexed the same way, so «уч. г» also
 * matches «уч.г» and «Уч. Г») if the input continues with them. Phrases
 * are written the way the lexer folds words (lower case, «е» for «ё»),
 * so a phrase that starts with a letter can only match a word that it
 * starts with: most phrases are turned down without being lexed.
 */
static bool accept_phrase(struct parser *p, const char *phrase)
{
	size_t plen, ppos = 0, spos = p->pos;
	const struct tok *st = lex_at(p, spos);
	struct tok pt;
	uint32_t c;

	if (st->kind == T_WORD && (st->too_long || !starts_with(phrase, st->word, st->wlen)))
		return false;
	plen = strlen(phrase);
	decode_at(phrase, plen, 0, &c);
	if (st->kind != T_WORD && is_letter_cp(c))
		return false;
	for (;;) {
		lex(phrase, plen, ppos, &pt);
		if (pt.kind == T_END)
			break;
		st = lex_at(p, spos);
		if (!same_tok(&pt, st))
			return false;
		ppos = pt.end;
		spos = st->end;
	}
	p->pos = spos;
	return true;
}

/* Try each phrase of a NULL-terminated list; longer phrases must come first. */
static bool accept_any(struct parser *p, const char *const *list)
{
	for (; *list; list++)
		if (accept_phrase(p, *list))
			return true;
	return false;
}

/* Month number of a word in any of the three forms, and the form; 0 if none. */
static int month_of_word(const struct tok *t, int *form)
{
	int f, m;

	if (t->kind != T_WORD || t->too_long)
		return 0;
	for (f = 0; f < 3; f++)
		for (m = 0; m < 12; m++)
			if (!strcmp(t->word, month_names[f][m])) {
				if (form)
					*form = f;
				return m + 1;
			}
	return 0;
}

static const char *const year_words[] = { "года", "году", "год", "гг", "г", NULL };

static const char *const acyear_words[] = {
	"учебный год", "учебного года", "учебном году", "уч. год", "уч. года", "уч. году", "уч. г",
	"уч.г",	       "года",		"году",		"год",	   "гг",       "г",	   NULL,
};

/* Skip «г.», «года» … after a year; the dot is optional. */
static void skip_year_word(struct parser *p)
{
	if (accept_any(p, year_words))
		accept_sym(p, '.');
}

static void skip_acyear_words(struct parser *p)
{
	if (accept_any(p, acyear_words))
		accept_sym(p, '.');
}

/*
 * Check a day, month and year (0 = not known yet) and explain the first
 * problem. Returns 0 or -1.
 */
static int check_date(struct parser *p, int y, int m, int d)
{
	int dim;

	if (y && (y < NV_DATE_MIN_YEAR || y > NV_DATE_MAX_YEAR)) {
		fail(p, "год должен быть от %d до %d", NV_DATE_MIN_YEAR, NV_DATE_MAX_YEAR);
		return -1;
	}
	if (m < 1 || m > 12) {
		fail(p, "месяц должен быть от 1 до 12");
		return -1;
	}
	dim = nv_date_days_in_month(y ? y : 2000, m);
	if (d < 1) {
		fail(p, "день месяца должен быть от 1 до %d", dim);
		return -1;
	}
	if (d > dim) {
		if (m == 2 && y)
			fail(p, "в феврале %d года %d дней", y, dim);
		else if (m == 2)
			fail(p, "в феврале не больше 29 дней");
		else
			fail(p, "в %s %d %s", month_names[2][m - 1], dim,
			     dim == 31 ? "день" : "дней");
		return -1;
	}
	return 0;
}

/* --- points -------------------------------------------------------------- */

/*
 * A point in a term: y = 0 when the year is not written, m = 0 for a bare
 * day number («1» in «1–15 сентября»), d = 0 when the point is a whole
 * month (its first day as a start, its last day as an end).
 */
struct pt {
	int y, m, d;
};

enum {
	PT_NO_YEAR = 1,	 /* the year may be missing */
	PT_BARE_DAY = 2, /* a day number alone is a point */
	PT_MONTH = 4,	 /* a month name with an optional year is a point */
};

static bool next_adjacent(struct parser *p, size_t pos, struct tok *t)
{
	*t = *lex_at(p, pos);
	return !t->space_before;
}

/* Read a four-digit year with its optional «г.»; 1 if found, -1 if out of range. */
static int parse_year(struct parser *p, int *y)
{
	struct tok t;

	peek(p, &t);
	if (t.kind != T_NUM || t.ndigits != 4)
		return 0;
	p->pos = t.end;
	if (check_date(p, (int)t.num, 1, 1))
		return -1;
	*y = (int)t.num;
	skip_year_word(p);
	return 1;
}

/* ISO 8601 after the four-digit year t: no spaces, hyphens only. */
static int parse_iso(struct parser *p, const struct tok *t, struct pt *out)
{
	struct tok u, v, w;

	if (next_adjacent(p, t->end, &u) && u.kind == T_DASH && u.hyphen &&
	    next_adjacent(p, u.end, &v) && v.kind == T_NUM && v.ndigits <= 2 &&
	    next_adjacent(p, v.end, &w) && w.kind == T_DASH && w.hyphen &&
	    next_adjacent(p, w.end, &u) && u.kind == T_NUM && u.ndigits <= 2) {
		p->pos = u.end;
		out->y = (int)t->num;
		out->m = (int)v.num;
		out->d = (int)u.num;
		return check_date(p, out->y, out->m, out->d) ? -1 : 1;
	}
	return 0;
}

/*
 * A point starting with the day number t (up to two digits): ДД.ММ[.ГГГГ],
 * «25 сентября [2025 [г.]]» or, with PT_BARE_DAY, the day alone. save is
 * the position to go back to when this is not a point.
 */
static int parse_day_first(struct parser *p, const struct tok *t, struct pt *out, int flags,
			   size_t save)
{
	struct tok u, v, w;
	int form = 0, m, y = 0;

	p->pos = t->end;
	out->d = (int)t->num;
	if (next_adjacent(p, t->end, &u) && u.kind == T_SYM && u.cp == '.' &&
	    next_adjacent(p, u.end, &v) && v.kind == T_NUM && v.ndigits <= 2) {
		/* ДД.ММ[.ГГГГ] */
		p->pos = v.end;
		out->m = (int)v.num;
		if (next_adjacent(p, v.end, &w) && w.kind == T_SYM && w.cp == '.' &&
		    next_adjacent(p, w.end, &u) && u.kind == T_NUM) {
			if (u.ndigits != 4) {
				fail(p, "год должен быть записан четырьмя цифрами");
				return -1;
			}
			p->pos = u.end;
			y = (int)u.num;
			skip_year_word(p);
		}
	} else if ((m = month_of_word(&u, &form))) {
		/* 25 сентября [2025 [г.]] */
		if (form != NV_MONTH_GENITIVE) {
			fail(p, "в дате месяц пишется в родительном падеже: «%s»",
			     month_names[1][m - 1]);
			return -1;
		}
		p->pos = u.end;
		out->m = m;
		if (parse_year(p, &y) < 0)
			return -1;
	} else if (u.kind == T_WORD && !flags) {
		fail(p, "неизвестный месяц «%s»", u.too_long ? "…" : u.word);
		return -1;
	} else if (flags & PT_BARE_DAY) {
		out->y = out->m = 0;
		if (out->d < 1 || out->d > 31) {
			fail(p, "день месяца должен быть от 1 до 31");
			return -1;
		}
		return 1;
	} else {
		p->pos = save;
		return 0;
	}
	if (!y && !(flags & PT_NO_YEAR)) {
		fail(p, "не указан год");
		return -1;
	}
	out->y = y;
	return check_date(p, y, out->m, out->d) ? -1 : 1;
}

/*
 * Parse a date or a partial date at the current position. Returns 1 and
 * fills *out, 0 when the text here is not a point (position unchanged),
 * or -1 when it is one but wrong (reason given).
 */
static int parse_point(struct parser *p, struct pt *out, int flags)
{
	size_t save = p->pos;
	struct tok t;
	int m, y = 0;

	peek(p, &t);
	if (t.kind == T_NUM && t.ndigits == 4)
		return parse_iso(p, &t, out);
	if (t.kind == T_NUM && t.ndigits <= 2)
		return parse_day_first(p, &t, out, flags, save);
	if ((flags & PT_MONTH) && (m = month_of_word(&t, NULL))) {
		p->pos = t.end;
		if (parse_year(p, &y) < 0)
			return -1;
		out->y = y;
		out->m = m;
		out->d = 0;
		return 1;
	}
	return 0;
}

/* --- dates --------------------------------------------------------------- */

#define DATE_FORMS "ожидается дата в виде ДД.ММ.ГГГГ (например, 25.09.2025)"

int nv_date_parse_mem(const char *s, size_t n, struct nv_date *out, struct nv_buf *why)
{
	struct parser p;
	struct pt pt = { 0, 0, 0 };
	int r;

	parser_init(&p, s, n, why);
	if (at_end(&p)) {
		fail(&p, "дата не указана; " DATE_FORMS);
		return -1;
	}
	r = parse_point(&p, &pt, 0);
	if (r == 0)
		fail(&p, DATE_FORMS);
	if (r <= 0)
		return -1;
	if (!at_end(&p)) {
		fail(&p, "лишний текст после даты; " DATE_FORMS);
		return -1;
	}
	out->year = pt.y;
	out->month = pt.m;
	out->day = pt.d;
	return 0;
}

int nv_date_parse(const char *s, struct nv_date *out)
{
	return nv_date_parse_mem(s, strlen(s), out, NULL);
}

/* --- academic years ------------------------------------------------------ */

/*
 * Parse «2025–2026» (any dash or a slash; the second year may be two
 * digits) at the current position. Returns 1 with both years (the second
 * in full), 0 if the text is not a pair of years, -1 if the first year is
 * out of range. The caller checks the second.
 */
static int parse_year_pair(struct parser *p, int *y1, int *y2)
{
	size_t save = p->pos;
	struct tok t, u, v, w;

	peek(p, &t);
	if (t.kind != T_NUM || t.ndigits != 4)
		return 0;
	u = *lex_at(p, t.end);
	if (u.kind != T_DASH && !(u.kind == T_SYM && u.cp == '/'))
		return 0;
	v = *lex_at(p, u.end);
	if (v.kind != T_NUM || (v.ndigits != 4 && v.ndigits != 2))
		return 0;
	/* «2009-10-01» is an ISO date, not the academic year 2009–10 */
	w = *lex_at(p, v.end);
	if (v.ndigits == 2 && w.kind == T_DASH && !w.space_before)
		return 0;
	p->pos = v.end;
	*y1 = (int)t.num;
	*y2 = (int)v.num;
	if (v.ndigits == 2)
		*y2 += *y1 / 100 * 100 + (*y2 < *y1 % 100 ? 100 : 0);
	if (check_date(p, *y1, 1, 1)) {
		p->pos = save;
		return -1;
	}
	return 1;
}

/* The years of an academic year must follow each other. Returns 0 or -1. */
static int check_acyear_pair(struct parser *p, int y1, int y2)
{
	if (y2 != y1 + 1) {
		fail(p,
		     "второй год учебного года должен быть на единицу больше первого: %d" EN_DASH
		     "%d",
		     y1, y1 + 1);
		return -1;
	}
	return check_date(p, y2, 1, 1);
}

#define ACYEAR_FORM "ожидается учебный год в виде 2025" EN_DASH "2026"

int nv_acyear_parse_mem(const char *s, size_t n, int *start, struct nv_buf *why)
{
	struct parser p;
	int y1 = 0, y2 = 0, r;

	parser_init(&p, s, n, why);
	r = parse_year_pair(&p, &y1, &y2);
	if (r == 0)
		fail(&p, ACYEAR_FORM);
	if (r <= 0 || check_acyear_pair(&p, y1, y2))
		return -1;
	skip_acyear_words(&p);
	if (!at_end(&p)) {
		fail(&p, "лишний текст после учебного года; " ACYEAR_FORM);
		return -1;
	}
	*start = y1;
	return 0;
}

int nv_acyear_parse(const char *s, int *start)
{
	return nv_acyear_parse_mem(s, strlen(s), start, NULL);
}

/* --- terms --------------------------------------------------------------- */

enum span_kind {
	SPAN_RANGE,    /* a..b */
	SPAN_DEADLINE, /* до b: from the start of the academic year */
	SPAN_OPEN,     /* с a: to the end of the academic year */
};

struct span {
	enum span_kind kind;
	struct pt a, b;
};

/* The calendar year of month m in the academic year that starts in `start`. */
static int acyear_month_year(int start, int m)
{
	return m >= 9 ? start : start + 1;
}

/* The academic year that month m of calendar year y falls in. */
static int acyear_of(int y, int m)
{
	return m >= 9 ? y : y - 1;
}

static void span_months(struct span *sp, int y1, int m1, int y2, int m2)
{
	sp->kind = SPAN_RANGE;
	sp->a.y = y1;
	sp->a.m = m1;
	sp->a.d = 0;
	sp->b.y = y2;
	sp->b.m = m2;
	sp->b.d = 0;
}

/* The whole academic year; years filled in when start is known. */
static void span_acyear(struct span *sp, int start)
{
	span_months(sp, start, 9, start ? start + 1 : 0, 8);
}

/*
 * «I» … «VI», or a digit 1..9 with an optional «-й» / «-е»; 0 if none. The
 * caller checks the range, so that «V квартал» gets a clear reason.
 */
static int parse_numeral(struct parser *p)
{
	static const char *const roman[] = { "i", "ii", "iii", "iv", "v", "vi" };
	static const char *const suffix[] = { "й", "ый", "ой", "е", "ое", "го", "м", NULL };
	struct tok t, u, v;
	size_t i;

	peek(p, &t);
	if (t.kind == T_WORD) {
		for (i = 0; i < NV_ARRAY_SIZE(roman); i++)
			if (is_word(&t, roman[i])) {
				p->pos = t.end;
				return (int)i + 1;
			}
		return 0;
	}
	if (t.kind != T_NUM || t.ndigits != 1 || t.num < 1)
		return 0;
	p->pos = t.end;
	if (next_adjacent(p, t.end, &u) && u.kind == T_DASH && next_adjacent(p, u.end, &v) &&
	    v.kind == T_WORD) {
		for (i = 0; suffix[i]; i++)
			if (is_word(&v, suffix[i])) {
				p->pos = v.end;
				break;
			}
	}
	return (int)t.num;
}

enum unit {
	U_QUARTER,
	U_HALF,
	U_SCHOOL_QUARTER,
};

/* Months of a part of the academic year: half-years and school quarters. */
static void acyear_part_months(enum unit u, int n, int *m1, int *m2)
{
	static const int half[2][2] = { { 9, 12 }, { 1, 5 } };
	static const int school[4][2] = { { 9, 10 }, { 11, 12 }, { 1, 3 }, { 4, 5 } };

	if (u == U_HALF) {
		*m1 = half[n - 1][0];
		*m2 = half[n - 1][1];
	} else {
		*m1 = school[n - 1][0];
		*m2 = school[n - 1][1];
	}
}

/*
 * «II квартал 2026 г.», «I–II полугодие 2025–2026 учебного года», «в III
 * четверти». Returns 1, 0 (position unchanged) or -1.
 */
static int parse_numbered_period(struct parser *p, struct span *sp)
{
	size_t save = p->pos, before_dash;
	struct tok t;
	enum unit u;
	int n1, n2, max, y1 = 0, y2 = 0, r, m1, m2, e1, e2, start = 0, year = 0;

	n1 = parse_numeral(p);
	if (!n1)
		return 0;
	n2 = n1;
	before_dash = p->pos;
	if (accept_dash(p)) {
		n2 = parse_numeral(p);
		if (!n2) {
			n2 = n1;
			p->pos = before_dash;
		}
	}
	peek(p, &t);
	if (word_starts(&t, "квартал") || is_word(&t, "кв")) {
		u = U_QUARTER;
		max = 4;
	} else if (word_starts(&t, "полугоди")) {
		u = U_HALF;
		max = 2;
	} else if (word_starts(&t, "четверт")) {
		u = U_SCHOOL_QUARTER;
		max = 4;
	} else {
		p->pos = save;
		return 0;
	}
	p->pos = t.end;
	accept_sym(p, '.');
	if (n1 > max || n2 > max || n1 > n2) {
		fail(p, "%s",
		     u == U_QUARTER ? "номер квартала должен быть от I до IV"
		     : u == U_HALF ? "полугодие может быть только I или II"
				   : "номер четверти должен быть от I до IV");
		return -1;
	}
	r = parse_year_pair(p, &y1, &y2);
	if (r < 0)
		return -1;
	if (r > 0) {
		if (check_acyear_pair(p, y1, y2))
			return -1;
		start = y1;
		skip_acyear_words(p);
	} else {
		r = parse_year(p, &year);
		if (r < 0)
			return -1;
		if (!r)
			skip_acyear_words(p); /* «учебного года»: the context's */
	}
	if (u == U_QUARTER) {
		m1 = 3 * n1 - 2;
		m2 = 3 * n2;
	} else if (u == U_HALF && year) {
		/* a calendar year: its halves */
		m1 = n1 == 1 ? 1 : 7;
		m2 = n2 == 1 ? 6 : 12;
	} else {
		acyear_part_months(u, n1, &m1, &e1);
		acyear_part_months(u, n2, &e2, &m2);
	}
	if (year)
		span_months(sp, year, m1, year, m2);
	else if (start)
		span_months(sp, acyear_month_year(start, m1), m1, acyear_month_year(start, m2), m2);
	else
		span_months(sp, 0, m1, 0, m2);
	return 1;
}

/*
 * «2025–2026 учебный год» (or «2025–2027 гг.»: calendar years) and «2025
 * год». Returns 1, 0 (position unchanged) or -1.
 */
static int parse_year_period(struct parser *p, struct span *sp)
{
	size_t save = p->pos;
	struct tok t;
	int y1 = 0, y2 = 0, r;

	r = parse_year_pair(p, &y1, &y2);
	if (r < 0)
		return -1;
	if (r > 0) {
		if (y2 == y1 + 1) {
			if (check_date(p, y2, 1, 1))
				return -1;
			skip_acyear_words(p);
			span_acyear(sp, y1);
			return 1;
		}
		if (y2 > y1 && accept_any(p, (const char *const[]){ "гг", "годы", NULL })) {
			accept_sym(p, '.');
			if (check_date(p, y2, 1, 1))
				return -1;
			span_months(sp, y1, 1, y2, 12);
			return 1;
		}
		return check_acyear_pair(p, y1, y2);
	}
	peek(p, &t);
	if (t.kind != T_NUM || t.ndigits != 4)
		return 0;
	p->pos = t.end;
	if (!accept_any(p, year_words)) {
		p->pos = save;
		return 0;
	}
	accept_sym(p, '.');
	if (check_date(p, (int)t.num, 1, 1))
		return -1;
	span_months(sp, (int)t.num, 1, (int)t.num, 12);
	return 1;
}

/* Fill a bare day («1» in «1–15 сентября») from the end of the range. */
static int fill_bare_day(struct span *sp)
{
	if (sp->a.m)
		return 1;
	if (!sp->b.d)
		return 0;
	sp->a.m = sp->b.m;
	sp->a.y = sp->b.y;
	return 1;
}

/*
 * A period or a point, or a range of points joined by a dash: «II
 * квартал», «Май–июнь 2026», «01.09.2025 – 30.09.2025».
 */
static int parse_range(struct parser *p, struct span *sp)
{
	const int flags = PT_NO_YEAR | PT_BARE_DAY | PT_MONTH;
	struct tok t;
	int r;

	sp->kind = SPAN_RANGE;
	peek(p, &t);
	if (t.kind == T_NUM && t.ndigits == 4) {
		/* an ISO date, else «2025–2026 учебный год» or «2025 г.» */
		r = parse_point(p, &sp->a, flags);
		if (r == 0)
			return parse_year_period(p, sp);
	} else {
		/* before points: «2 квартал» is not the 2nd day of something */
		r = parse_numbered_period(p, sp);
		if (r != 0)
			return r;
		r = parse_point(p, &sp->a, flags);
	}
	if (r <= 0)
		return r;
	if (!accept_dash(p)) {
		sp->b = sp->a;
		return sp->a.m ? 1 : 0;
	}
	r = parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
	if (r <= 0)
		return r;
	return fill_bare_day(sp);
}

/* Words that mean "all year round". */
static const char *const whole_year[] = {
	"ежемесячно",	    "ежеквартально",	 "еженедельно",
	"ежедневно",	    "ежегодно",		 "постоянно",
	"систематически",   "регулярно",	 "круглогодично",
	"весь учебный год", "весь год",		 "по мере необходимости",
	"по необходимости", "при необходимости", NULL,
};

static const char *const during[] = {
	"в течение",
	"в течении",
	"на протяжении",
	NULL,
};

static const char *const the_year[] = {
	"учебного года", "уч. года", "уч. г", "уч.г", "года", NULL,
};

/* Parse one item of a term into *sp. Returns 1, 0 (not understood) or -1. */
static int parse_item(struct parser *p, struct span *sp)
{
	int r;

	memset(sp, 0, sizeof(*sp));
	if (accept_any(p, whole_year)) {
		span_acyear(sp, 0);
		return 1;
	}
	if (accept_any(p, during)) {
		accept_phrase(p, "всего");
		if (accept_any(p, the_year)) {
			accept_sym(p, '.');
			span_acyear(sp, 0);
			return 1;
		}
		return parse_range(p, sp);
	}
	if (accept_any(p, (const char *const[]){ "до конца", "не позднее конца", "не позже конца",
						 "к концу", NULL })) {
		if (accept_any(p, the_year)) {
			accept_sym(p, '.');
			span_acyear(sp, 0);
		} else {
			r = parse_range(p, sp);
			if (r <= 0)
				return r;
		}
		sp->kind = SPAN_DEADLINE;
		return 1;
	}
	if (accept_any(p, (const char *const[]){ "не позднее", "не позже", NULL })) {
		sp->kind = SPAN_DEADLINE;
		return parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
	}
	if (accept_any(p, (const char *const[]){ "до", "к", NULL })) {
		/* «до мая» is ambiguous (before May or through May): only dates */
		sp->kind = SPAN_DEADLINE;
		return parse_point(p, &sp->b, PT_NO_YEAR);
	}
	if (accept_any(p, (const char *const[]){ "с", "со", NULL })) {
		r = parse_point(p, &sp->a, PT_NO_YEAR | PT_BARE_DAY | PT_MONTH);
		if (r <= 0)
			return r;
		if (accept_any(p, (const char *const[]){ "по", "до", NULL }) || accept_dash(p)) {
			sp->kind = SPAN_RANGE;
			r = parse_point(p, &sp->b, PT_NO_YEAR | PT_MONTH);
			if (r <= 0)
				return r;
			return fill_bare_day(sp);
		}
		if (!sp->a.m)
			return 0;
		sp->kind = SPAN_OPEN;
		sp->b = sp->a;
		return 1;
	}
	accept_any(p, (const char *const[]){ "в", "во", "на", NULL });
	return parse_range(p, sp);
}

/* Skip commas, semicolons, stray dots, slashes and «и» between items. */
static void skip_separators(struct parser *p)
{
	for (;;) {
		if (accept_sym(p, ',') || accept_sym(p, ';') || accept_sym(p, '.') ||
		    accept_sym(p, '/') || accept_phrase(p, "и"))
			continue;
		break;
	}
}

static int start_key(struct pt a)
{
	return a.m * 100 + (a.d ? a.d : 1);
}

static int end_key(struct pt b)
{
	return b.m * 100 + (b.d ? b.d : 31);
}

static struct nv_date pt_first(struct pt a)
{
	struct nv_date d = { a.y, a.m, a.d ? a.d : 1 };
	return d;
}

static struct nv_date pt_last(struct pt b)
{
	struct nv_date d = { b.y, b.m, b.d ? b.d : nv_date_days_in_month(b.y, b.m) };
	return d;
}

static int check(struct parser *p, struct nv_date d)
{
	return check_date(p, d.year, d.month, d.day);
}

static int need_acyear(struct parser *p)
{
	fail(p, "в сроке не указан год, а учебный год документа неизвестен");
	return -1;
}

/* Resolve missing years of a span and compute its dates. Returns 0 or -1. */
static int resolve(struct parser *p, const struct span *sp, int ctx, struct nv_date *from,
		   struct nv_date *to)
{
	struct pt a = sp->a, b = sp->b;

	switch (sp->kind) {
	case SPAN_DEADLINE:
		if (!b.y) {
			if (!ctx)
				return need_acyear(p);
			b.y = acyear_month_year(ctx, b.m);
		}
		*to = pt_last(b);
		if (check(p, *to))
			return -1;
		*from = *to;
		if (ctx && nv_date_cmp(nv_acyear_first(ctx), *to) <= 0)
			*from = nv_acyear_first(ctx);
		return 0;
	case SPAN_OPEN:
		if (!a.y) {
			if (!ctx)
				return need_acyear(p);
			a.y = acyear_month_year(ctx, a.m);
		}
		*from = pt_first(a);
		*to = pt_last(a);
		if (check(p, *from) || check(p, *to))
			return -1;
		if (ctx && nv_date_cmp(nv_acyear_last(ctx), *from) >= 0)
			*to = nv_acyear_last(ctx);
		return 0;
	case SPAN_RANGE:
		break;
	}
	if (!a.y && !b.y) {
		/*
		 * The end falls in the academic year and the start before it:
		 * «сентябрь–май» is 09.Y–05.Y+1, and «август–сентябрь» is the
		 * preparation just before the year, not August of Y+1.
		 */
		if (!ctx)
			return need_acyear(p);
		b.y = acyear_month_year(ctx, b.m);
	}
	if (!a.y)
		a.y = start_key(a) <= end_key(b) ? b.y : b.y - 1;
	if (!b.y)
		b.y = end_key(b) >= start_key(a) ? a.y : a.y + 1;
	*from = pt_first(a);
	*to = pt_last(b);
	if (check(p, *from) || check(p, *to))
		return -1;
	if (nv_date_cmp(*from, *to) > 0) {
		fail(p, "начало срока позже его конца");
		return -1;
	}
	return 0;
}

/*
 * One pass over the items of a term. With `ctx` < 0, only parse and
 * return in *found the academic year of the first item with an explicit
 * year (0 if none); otherwise resolve with academic year ctx (0 =
 * unknown) and take the covering range.
 */
static int term_pass(struct parser *p, int ctx, int *found, struct nv_date *from,
		     struct nv_date *to)
{
	struct span sp;
	struct nv_date f, t;
	bool any = false;
	int r;

	p->pos = 0;
	for (;;) {
		skip_separators(p);
		if (at_end(p))
			break;
		r = parse_item(p, &sp);
		if (r == 0)
			fail(p, "срок не распознан: ожидается дата (15.09.2025), месяц (сентябрь "
				"2025), квартал, полугодие или период «с … по …»");
		if (r <= 0)
			return -1;
		if (ctx < 0) {
			if (!*found && sp.kind == SPAN_RANGE && (sp.a.y || sp.b.y))
				*found = sp.a.y ? acyear_of(sp.a.y, sp.a.m)
						: acyear_of(sp.b.y, sp.b.m);
			any = true;
			continue;
		}
		if (resolve(p, &sp, ctx, &f, &t))
			return -1;
		if (!any || nv_date_cmp(f, *from) < 0)
			*from = f;
		if (!any || nv_date_cmp(t, *to) > 0)
			*to = t;
		any = true;
	}
	if (!any) {
		fail(p, "срок не указан");
		return -1;
	}
	return 0;
}

int nv_term_range(const char *s, size_t n, int acyear, struct nv_date *from, struct nv_date *to,
		  struct nv_buf *why)
{
	struct parser p;
	struct nv_date f = { 0, 0, 0 }, t = { 0, 0, 0 };
	int found = 0;

	parser_init(&p, s, n, why);
	if (acyear < NV_DATE_MIN_YEAR || acyear >= NV_DATE_MAX_YEAR)
		acyear = 0;
	if (term_pass(&p, -1, &found, &f, &t))
		return -1;
	if (!acyear)
		acyear = found;
	if (term_pass(&p, acyear, &found, &f, &t))
		return -1;
	*from = f;
	*to = t;
	return 0;
}

void nv_term_init(struct nv_term *t)
{
	struct nv_term blank = NV_TERM_INIT;

	*t = blank;
}

void nv_term_release(struct nv_term *t)
{
	if (!t)
		return;
	free(t->text);
	nv_term_init(t);
}

int nv_term_parse(struct nv_term *t, const char *text, int acyear, struct nv_buf *why)
{
	struct nv_date zero = { 0, 0, 0 };

	nv_term_release(t);
	t->text = nv_xstrdup(text ? text : "");
	t->parsed = !nv_term_range(t->text, strlen(t->text), acyear, &t->from, &t->to, why);
	if (!t->parsed) {
		t->from = zero;
		t->to = zero;
	}
	return t->parsed ? 0 : -1;
}
