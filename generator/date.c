/*
 * date.c: dates and academic years, and the lexer and parser that roadmap
 * terms (term.c) share with them; see date.h.
 *
 * Design. All three parsers (dates, academic years, terms) share one
 * small lexer that reads UTF-8 text on demand from a byte offset:
 * numbers, words (lower-cased, with Ё folded to Е and Cyrillic І read as
 * Latin i, so Roman numerals typed either way match), dashes (hyphen,
 * en, em, minus …) and single symbols. White space includes the
 * non-breaking spaces that office suites put before «г.». Parsing is
 * recursive descent with backtracking by resetting the offset, so
 * nothing is allocated; the parser keeps the last token it read, since
 * alternatives are tried one after another at the same offset. What
 * term.c needs of the lexer and the parser is in the private date_int.h,
 * named nv_dp_* (date parser).
 *
 * Reasons for failures go to an optional struct nv_buf; only the first
 * reason is kept, since later ones are consequences.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "date_int.h"
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
		nv_buf_addnum(b, d.year, 4);
		nv_buf_addch(b, '-');
		nv_buf_addnum(b, d.month, 2);
		nv_buf_addch(b, '-');
		nv_buf_addnum(b, d.day, 2);
	} else if (style == NV_DATE_LONG && d.month >= 1 && d.month <= 12) {
		nv_buf_addnum(b, d.day, 2);
		nv_buf_addch(b, ' ');
		nv_buf_adds(b, month_names[1][d.month - 1]);
		nv_buf_addch(b, ' ');
		nv_buf_addnum(b, d.year, 1);
		nv_buf_adds(b, NBSP "г.");
	} else {
		nv_buf_addnum(b, d.day, 2);
		nv_buf_addch(b, '.');
		nv_buf_addnum(b, d.month, 2);
		nv_buf_addch(b, '.');
		nv_buf_addnum(b, d.year, 4);
	}
}

void nv_acyear_add(struct nv_buf *b, int start)
{
	nv_buf_addnum(b, start, 1);
	nv_buf_adds(b, EN_DASH);
	nv_buf_addnum(b, (long long)start + 1, 1);
}

/* --- lexer --------------------------------------------------------------- */

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

void nv_dp_parser_init(struct parser *p, const char *s, size_t n, struct nv_buf *why)
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

void nv_dp_fail(struct parser *p, const char *fmt, ...)
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

void nv_dp_peek(struct parser *p, struct tok *t)
{
	*t = *lex_at(p, p->pos);
}

bool nv_dp_is_word(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && !t->too_long && !strcmp(t->word, w);
}

bool nv_dp_word_starts(const struct tok *t, const char *prefix)
{
	return t->kind == T_WORD && !t->too_long && !strncmp(t->word, prefix, strlen(prefix));
}

bool nv_dp_at_end(struct parser *p)
{
	struct tok t;

	nv_dp_peek(p, &t);
	return t.kind == T_END;
}

bool nv_dp_accept_sym(struct parser *p, uint32_t cp)
{
	struct tok t;

	nv_dp_peek(p, &t);
	if (t.kind != T_SYM || t.cp != cp)
		return false;
	p->pos = t.end;
	return true;
}

bool nv_dp_accept_dash(struct parser *p)
{
	struct tok t;

	nv_dp_peek(p, &t);
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
bool nv_dp_accept_phrase(struct parser *p, const char *phrase)
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
bool nv_dp_accept_any(struct parser *p, const char *const *list)
{
	for (; *list; list++)
		if (nv_dp_accept_phrase(p, *list))
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

const char *const nv_dp_year_words[] = { "года", "году", "год", "гг", "г", NULL };

static const char *const acyear_words[] = {
	"учебный год", "учебного года", "учебном году", "уч. год", "уч. года", "уч. году", "уч. г",
	"уч.г",	       "года",		"году",		"год",	   "гг",       "г",	   NULL,
};

/* Skip «г.», «года» … after a year; the dot is optional. */
static void skip_year_word(struct parser *p)
{
	if (nv_dp_accept_any(p, nv_dp_year_words))
		nv_dp_accept_sym(p, '.');
}

void nv_dp_skip_acyear_words(struct parser *p)
{
	if (nv_dp_accept_any(p, acyear_words))
		nv_dp_accept_sym(p, '.');
}

/*
 * Check a day, month and year (0 = not known yet) and explain the first
 * problem. Returns 0 or -1.
 */
int nv_dp_check_date(struct parser *p, int y, int m, int d)
{
	int dim;

	if (y && (y < NV_DATE_MIN_YEAR || y > NV_DATE_MAX_YEAR)) {
		nv_dp_fail(p, "год должен быть от %d до %d", NV_DATE_MIN_YEAR, NV_DATE_MAX_YEAR);
		return -1;
	}
	if (m < 1 || m > 12) {
		nv_dp_fail(p, "месяц должен быть от 1 до 12");
		return -1;
	}
	dim = nv_date_days_in_month(y ? y : 2000, m);
	if (d < 1) {
		nv_dp_fail(p, "день месяца должен быть от 1 до %d", dim);
		return -1;
	}
	if (d > dim) {
		if (m == 2 && y)
			nv_dp_fail(p, "в феврале %d года %d дней", y, dim);
		else if (m == 2)
			nv_dp_fail(p, "в феврале не больше 29 дней");
		else
			nv_dp_fail(p, "в %s %d %s", month_names[2][m - 1], dim,
				   dim == 31 ? "день" : "дней");
		return -1;
	}
	return 0;
}

/* --- points -------------------------------------------------------------- */

bool nv_dp_next_adjacent(struct parser *p, size_t pos, struct tok *t)
{
	*t = *lex_at(p, pos);
	return !t->space_before;
}

/* Read a four-digit year with its optional «г.»; 1 if found, -1 if out of range. */
int nv_dp_parse_year(struct parser *p, int *y)
{
	struct tok t;

	nv_dp_peek(p, &t);
	if (t.kind != T_NUM || t.ndigits != 4)
		return 0;
	p->pos = t.end;
	if (nv_dp_check_date(p, (int)t.num, 1, 1))
		return -1;
	*y = (int)t.num;
	skip_year_word(p);
	return 1;
}

/* ISO 8601 after the four-digit year t: no spaces, hyphens only. */
static int parse_iso(struct parser *p, const struct tok *t, struct pt *out)
{
	struct tok u, v, w;

	if (nv_dp_next_adjacent(p, t->end, &u) && u.kind == T_DASH && u.hyphen &&
	    nv_dp_next_adjacent(p, u.end, &v) && v.kind == T_NUM && v.ndigits <= 2 &&
	    nv_dp_next_adjacent(p, v.end, &w) && w.kind == T_DASH && w.hyphen &&
	    nv_dp_next_adjacent(p, w.end, &u) && u.kind == T_NUM && u.ndigits <= 2) {
		p->pos = u.end;
		out->y = (int)t->num;
		out->m = (int)v.num;
		out->d = (int)u.num;
		/* Year 0 is no year here: the check reads 0 as «not known yet». */
		return nv_dp_check_date(p, out->y ? out->y : -1, out->m, out->d) ? -1 : 1;
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
	if (nv_dp_next_adjacent(p, t->end, &u) && u.kind == T_SYM && u.cp == '.' &&
	    nv_dp_next_adjacent(p, u.end, &v) && v.kind == T_NUM && v.ndigits <= 2) {
		/* ДД.ММ[.ГГГГ] */
		p->pos = v.end;
		out->m = (int)v.num;
		if (nv_dp_next_adjacent(p, v.end, &w) && w.kind == T_SYM && w.cp == '.' &&
		    nv_dp_next_adjacent(p, w.end, &u) && u.kind == T_NUM) {
			if (u.ndigits != 4) {
				nv_dp_fail(p, "год должен быть записан четырьмя цифрами");
				return -1;
			}
			p->pos = u.end;
			y = (int)u.num;
			skip_year_word(p);
		}
	} else if ((m = month_of_word(&u, &form))) {
		/* 25 сентября [2025 [г.]] */
		if (form != NV_MONTH_GENITIVE) {
			nv_dp_fail(p, "в дате месяц пишется в родительном падеже: «%s»",
				   month_names[1][m - 1]);
			return -1;
		}
		p->pos = u.end;
		out->m = m;
		if (nv_dp_parse_year(p, &y) < 0)
			return -1;
	} else if (u.kind == T_WORD && !flags) {
		nv_dp_fail(p, "неизвестный месяц «%s»", u.too_long ? "…" : u.word);
		return -1;
	} else if (flags & PT_BARE_DAY) {
		out->y = out->m = 0;
		if (out->d < 1 || out->d > 31) {
			nv_dp_fail(p, "день месяца должен быть от 1 до 31");
			return -1;
		}
		return 1;
	} else {
		p->pos = save;
		return 0;
	}
	if (!y && !(flags & PT_NO_YEAR)) {
		nv_dp_fail(p, "не указан год");
		return -1;
	}
	out->y = y;
	return nv_dp_check_date(p, y, out->m, out->d) ? -1 : 1;
}

/*
 * Parse a date or a partial date at the current position. Returns 1 and
 * fills *out, 0 when the text here is not a point (position unchanged),
 * or -1 when it is one but wrong (reason given).
 */
int nv_dp_parse_point(struct parser *p, struct pt *out, int flags)
{
	size_t save = p->pos;
	struct tok t;
	int m, y = 0;

	nv_dp_peek(p, &t);
	if (t.kind == T_NUM && t.ndigits == 4)
		return parse_iso(p, &t, out);
	if (t.kind == T_NUM && t.ndigits <= 2)
		return parse_day_first(p, &t, out, flags, save);
	if ((flags & PT_MONTH) && (m = month_of_word(&t, NULL))) {
		p->pos = t.end;
		if (nv_dp_parse_year(p, &y) < 0)
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

	nv_dp_parser_init(&p, s, n, why);
	if (nv_dp_at_end(&p)) {
		nv_dp_fail(&p, "дата не указана; " DATE_FORMS);
		return -1;
	}
	r = nv_dp_parse_point(&p, &pt, 0);
	if (r == 0)
		nv_dp_fail(&p, DATE_FORMS);
	if (r <= 0)
		return -1;
	if (!nv_dp_at_end(&p)) {
		nv_dp_fail(&p, "лишний текст после даты; " DATE_FORMS);
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

size_t nv_date_numeric_at(const char *s, size_t n, struct nv_date *d)
{
	size_t k = 0;

	while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.'))
		k++;
	while (k && s[k - 1] == '.') /* the end of a sentence */
		k--;
	if (k < 8 || k > 10)
		return 0;
	return nv_date_parse_mem(s, k, d, NULL) == 0 ? k : 0;
}

size_t nv_date_impossible_at(const char *s, size_t n, struct nv_buf *why)
{
	struct nv_date d;
	size_t k = 0, digits, part;

	for (part = 0; part < 3; part++) {
		for (digits = 0; k < n && s[k] >= '0' && s[k] <= '9' && digits < 5; k++)
			digits++;
		if (part < 2 ? !digits || digits > 2 || k >= n || s[k++] != '.' : digits != 4)
			return 0;
	}
	if (k < n && s[k] >= '0' && s[k] <= '9')
		return 0;
	return nv_date_parse_mem(s, k, &d, why) < 0 ? k : 0;
}

/* --- academic years ------------------------------------------------------ */

/*
 * Parse «2025–2026» (any dash or a slash; the second year may be two
 * digits) at the current position. Returns 1 with both years (the second
 * in full), 0 if the text is not a pair of years, -1 if the first year is
 * out of range. The caller checks the second.
 */
int nv_dp_parse_year_pair(struct parser *p, int *y1, int *y2)
{
	size_t save = p->pos;
	struct tok t, u, v, w;

	nv_dp_peek(p, &t);
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
	if (nv_dp_check_date(p, *y1, 1, 1)) {
		p->pos = save;
		return -1;
	}
	return 1;
}

/* The years of an academic year must follow each other. Returns 0 or -1. */
int nv_dp_check_acyear_pair(struct parser *p, int y1, int y2)
{
	if (y2 != y1 + 1) {
		nv_dp_fail(
			p,
			"второй год учебного года должен быть на единицу больше первого: %d" EN_DASH
			"%d",
			y1, y1 + 1);
		return -1;
	}
	return nv_dp_check_date(p, y2, 1, 1);
}

#define ACYEAR_FORM "ожидается учебный год в виде 2025" EN_DASH "2026"

int nv_acyear_parse_mem(const char *s, size_t n, int *start, struct nv_buf *why)
{
	struct parser p;
	int y1 = 0, y2 = 0, r;

	nv_dp_parser_init(&p, s, n, why);
	r = nv_dp_parse_year_pair(&p, &y1, &y2);
	if (r == 0)
		nv_dp_fail(&p, ACYEAR_FORM);
	if (r <= 0 || nv_dp_check_acyear_pair(&p, y1, y2))
		return -1;
	nv_dp_skip_acyear_words(&p);
	if (!nv_dp_at_end(&p)) {
		nv_dp_fail(&p, "лишний текст после учебного года; " ACYEAR_FORM);
		return -1;
	}
	*start = y1;
	return 0;
}

int nv_acyear_parse(const char *s, int *start)
{
	return nv_acyear_parse_mem(s, strlen(s), start, NULL);
}

bool nv_source_date_epoch(long long *secs)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < 0)
		return false;
	*secs = v;
	return true;
}

struct nv_date nv_source_date(void)
{
	struct nv_date none = { 0, 0, 0 };
	long long t;

	return nv_source_date_epoch(&t) ? nv_date_from_days((long)(t / 86400)) : none;
}

struct nv_date nv_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct nv_date d;

	localtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}

int nv_acyear_for_new(struct nv_date d)
{
	return d.month >= 8 ? d.year : d.year - 1;
}
