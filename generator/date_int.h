/*
 * date_int.h: the lexer and parser helpers of date.c that term.c shares,
 * private to those two files. Prefix nv_dp_: date parser.
 *
 * The lexer reads one token at a time from a byte offset, on demand;
 * parsers back off by resetting p->pos. Functions that fail give their
 * reason with nv_dp_fail(), which keeps only the first one.
 */
#ifndef NV_DATE_INT_H
#define NV_DATE_INT_H

#include "common.h"

#include "buf.h"
#include "date.h"

/* --- tokens -------------------------------------------------------------- */

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

/* --- the parser ---------------------------------------------------------- */

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

/* Set p up to parse the n bytes at s; reasons go to why (may be NULL). */
void nv_dp_parser_init(struct parser *p, const char *s, size_t n, struct nv_buf *why);

/* Give the reason of a failure (printf-style); only the first one is kept. */
void nv_dp_fail(struct parser *p, const char *fmt, ...) NV_PRINTF(2, 3);

/* Copy the token at the current position to *t without consuming it. */
void nv_dp_peek(struct parser *p, struct tok *t);

/* True if t is the (folded) word w. */
bool nv_dp_is_word(const struct tok *t, const char *w);

/* True if t is a (folded) word that starts with prefix. */
bool nv_dp_word_starts(const struct tok *t, const char *prefix);

/* True if nothing but white space is left. */
bool nv_dp_at_end(struct parser *p);

/* Consume the symbol cp if it comes next; false (nothing consumed) if not. */
bool nv_dp_accept_sym(struct parser *p, uint32_t cp);

/* Consume a dash of any kind if it comes next; false (nothing consumed) if not. */
bool nv_dp_accept_dash(struct parser *p);

/*
 * Consume the tokens of `phrase` (lexed the same way, so «уч. г» also
 * matches «уч.г» and «Уч. Г») if the input continues with them. Phrases
 * are written the way the lexer folds words (lower case, «е» for «ё»).
 */
bool nv_dp_accept_phrase(struct parser *p, const char *phrase);

/* Try each phrase of a NULL-terminated list; longer phrases must come first. */
bool nv_dp_accept_any(struct parser *p, const char *const *list);

/* «года», «г» and the other words that may follow a year, longest first; NULL-terminated. */
extern const char *const nv_dp_year_words[];

/* Skip «учебного года», «г.» and the like after an academic year. */
void nv_dp_skip_acyear_words(struct parser *p);

/*
 * Check a day, month and year (0 = not known yet) and explain the first
 * problem. Returns 0 or -1.
 */
int nv_dp_check_date(struct parser *p, int y, int m, int d);

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

/*
 * Store in *t the token at byte pos and tell whether it follows the
 * previous one with no white space between them.
 */
bool nv_dp_next_adjacent(struct parser *p, size_t pos, struct tok *t);

/* Read a four-digit year with its optional «г.»; 1 if found, 0 if not, -1 if out of range. */
int nv_dp_parse_year(struct parser *p, int *y);

/*
 * Parse a date or a partial date at the current position (flags: PT_*).
 * Returns 1 and fills *out, 0 when the text here is not a point (position
 * unchanged), or -1 when it is one but wrong (reason given).
 */
int nv_dp_parse_point(struct parser *p, struct pt *out, int flags);

/*
 * Parse «2025–2026» (any dash or a slash; the second year may be two
 * digits) at the current position. Returns 1 with both years (the second
 * in full), 0 if the text is not a pair of years, -1 if the first year is
 * out of range. The caller checks the second with nv_dp_check_acyear_pair().
 */
int nv_dp_parse_year_pair(struct parser *p, int *y1, int *y2);

/* The years of an academic year must follow each other. Returns 0 or -1. */
int nv_dp_check_acyear_pair(struct parser *p, int y1, int y2);

#endif
