/*
 * html_ics.c: one iCalendar file per roadmap, roadmaps/ID.ics (RFC
 * 5545): an event for each dated item and sub-row, or one for each date
 * of a term with several. Guarded (html_guard.c) as its reader gets it,
 * folds undone and escapes read (struct ics).
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "date.h"
#include "html_int.h"
#include "model.h"
#include "term.h"
#include "utf8.h"
#include "writer.h"

/*
 * The bytes ics_text() copies as they are (1): not a control, DEL, 0xEF
 * (it may start U+FFFE or U+FFFF), nor \\ ; , which it escapes.
 */
static const unsigned char ics_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 10 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, /* 30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, /* 70 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 90 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* B0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* C0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* D0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, /* E0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* F0 */
};

/* The end of the run of bytes at u[i] that ics_plain lets through (n: the text's end). */
static inline size_t ics_plain_end(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i bias = _mm_set1_epi8((char)0x80), lim = _mm_set1_epi8((char)(0x20 ^ 0x80));
	unsigned m;

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		/* c < 0x20 unsigned, as a signed compare of c ^ 0x80 */
		__m128i x = _mm_or_si128(_mm_cmplt_epi8(_mm_xor_si128(v, bias), lim),
					 _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
		x = _mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		x = _mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8(','))));
		if ((m = (unsigned)_mm_movemask_epi8(x)))
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	while (i < n && ics_plain[u[i]])
		i++;
	return i;
}

/*
 * iCalendar text (RFC 5545, 3.3.11): escape \\ ; , and newlines as \\n;
 * drop the controls TEXT cannot hold (CR included, tab kept) and U+FFFE,
 * U+FFFF. The model refuses those in YAML already; this is the last guard.
 * When plain is not NULL, the text as a reader gets it back (the same
 * characters dropped, none escaped) goes there too.
 */
static void ics_text(struct nv_buf *b, struct nv_buf *plain, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0, i = 0, run, bad;

	while (i < n) {
		/* a run of bytes copied as they are */
		run = ics_plain_end(u, i, n);
		if (run > i) {
			nv_buf_add(b, s + i, run - i);
			if (plain)
				nv_buf_add(plain, s + i, run - i);
			if ((i = run) == n)
				break;
		}
		bad = nv_html_xml_bad(u + i, n - i);
		if (bad) {
			i += bad;
			continue;
		}
		if (u[i] == '\\' || u[i] == ';' || u[i] == ',')
			nv_buf_addch(b, '\\');
		if (u[i] == '\n')
			nv_buf_adds(b, "\\n");
		else
			nv_buf_addch(b, (char)u[i]);
		if (plain)
			nv_buf_addch(plain, (char)u[i]);
		i++;
	}
}

/*
 * Fold a content line of n bytes (RFC 5545, 3.1): no line longer than 75
 * octets without its CRLF, a continuation line's leading space counted,
 * and no UTF-8 character split across lines. Returns true when a fold
 * falls right after a backslash (it may split an escape).
 */
static bool ics_fold(struct nv_buf *out, const char *line, size_t n)
{
	size_t i = 0, take;
	bool split = false;

	while (n - i > (i ? 74u : 75u)) {
		take = nv_utf8_cut(line + i, n - i, i ? 74 : 75);
		if (!take) /* not UTF-8: no character starts here, cut anywhere */
			take = i ? 74 : 75;
		nv_buf_add(out, line + i, take);
		nv_buf_add(out, "\r\n ", 3);
		i += take;
		split |= line[i - 1] == '\\';
	}
	nv_buf_add(out, line + i, n - i);
	nv_buf_add(out, "\r\n", 2);
	return split;
}

static void ics_line(struct nv_buf *out, const char *line)
{
	ics_fold(out, line, strlen(line));
}

/* The end of the run at s[i] with no CR nor backslash (n: the text's end). */
static inline size_t read_plain_end(const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	unsigned m;

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		if (m)
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	while (i < n && s[i] != '\r' && s[i] != '\\')
		i++;
	return i;
}

/*
 * The text of a calendar as its reader gets it (RFC 5545, 3.1 and
 * 3.3.11): folds undone, \n a newline, \X the character X; so that a
 * name split by a fold or an escape comes back whole for the guard.
 */
static void ics_read(struct nv_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t run = read_plain_end(s, i, n);
		if (run > i) {
			nv_buf_add(out, s + i, run - i);
			if ((i = run) == n)
				break;
		}
		if (s[i] == '\r' && i + 2 < n && s[i + 1] == '\n' && s[i + 2] == ' ') {
			i += 2;
		} else if (s[i] == '\\' && i + 1 < n) {
			i++;
			nv_buf_addch(out, s[i] == 'n' || s[i] == 'N' ? '\n' : s[i]);
		} else {
			nv_buf_addch(out, s[i]);
		}
	}
}

/*
 * A calendar being written: out, its bytes; read, the same text as its
 * reader gets it (what ics_read() makes of out), built along with out
 * from the texts before they are escaped, so that the guard reads it
 * without a pass over out. A content line is written into out as it is
 * made, from line_start, and its reading into read from read_start;
 * when it ends, a line too long for one is copied to line and folded
 * back into out. id: the document's id escaped, and id_read as read;
 * stamp: the DTSTAMP line of the calendar's events, as written and
 * read; num, sub, uid, uid_d and title: the item's numbers, UIDs and
 * title, made again for each.
 */
struct ics {
	struct nv_buf out, read, line, id, id_read, stamp, num, sub, uid, uid_d, title;
	size_t line_start, read_start;
};

/* Add the n bytes at s, which have no backslash, to the line: read the same. */
static inline void ics_add(struct ics *c, const char *s, size_t n)
{
	nv_buf_add(&c->out, s, n);
	nv_buf_add(&c->read, s, n);
}

/* The same of a string literal. */
#define ICS_LIT(c, lit) ics_add((c), (lit), sizeof(lit) - 1)

/* Whole lines of a literal with no backslash, none longer than a line may be. */
#define ICS_LINES(c, lit) ICS_LIT((c), lit "\r\n")

/* Start a content line. */
static inline void ics_begin(struct ics *c)
{
	c->line_start = c->out.len;
	c->read_start = c->read.len;
}

static void ics_num(struct ics *c, long long n, int width)
{
	nv_buf_addnum(&c->out, n, width);
	nv_buf_addnum(&c->read, n, width);
}

/* Add text (NULL: nothing) to the line, escaped. */
static void ics_esc(struct ics *c, const char *text)
{
	ics_text(&c->out, &c->read, text);
}

/*
 * End the line: fold it when it is longer than 75 bytes (ics_fold()).
 * Its reading is what it was made of, unless a fold may split an
 * escape: then it is read from the bytes written, as ics_read() reads
 * them (a line ends with CRLF and the next starts with a letter, so each
 * line reads the same alone or in the whole calendar).
 */
static void ics_end(struct ics *c)
{
	size_t at = c->line_start, n = c->out.len - at;

	if (n <= 75) {
		ics_add(c, "\r\n", 2);
		return;
	}
	nv_buf_reset(&c->line);
	nv_buf_add(&c->line, c->out.ptr + at, n);
	nv_buf_truncate(&c->out, at);
	if (ics_fold(&c->out, c->line.ptr, c->line.len)) {
		nv_buf_truncate(&c->read, c->read_start);
		ics_read(&c->read, c->out.ptr + at, c->out.len - at);
	} else {
		nv_buf_add(&c->read, "\r\n", 2);
	}
}

/*
 * «RRULE:…» for a term that repeats («Октябрь–ноябрь, ежегодно») and is
 * shorter than its period, else nothing: a whole-year «ежемесячно» is
 * one event, not twelve overlapping ones.
 */
static void ics_rrule(struct ics *c, const struct nv_term *t, struct nv_date from,
		      struct nv_date to)
{
	static const struct {
		enum nv_term_recur recur;
		int days; /* the shortest period */
		const char *rule;
	} rules[] = {
		{ NV_RECUR_YEARLY, 365, "RRULE:FREQ=YEARLY\r\n" },
		{ NV_RECUR_QUARTERLY, 89, "RRULE:FREQ=MONTHLY;INTERVAL=3\r\n" },
		{ NV_RECUR_MONTHLY, 28, "RRULE:FREQ=MONTHLY\r\n" },
		{ NV_RECUR_WEEKLY, 7, "RRULE:FREQ=WEEKLY\r\n" },
	};
	long len;
	size_t i;

	if (t->recur == NV_RECUR_NONE)
		return;
	len = nv_date_to_days(to) - nv_date_to_days(from) + 1;
	for (i = 0; i < NV_ARRAY_SIZE(rules); i++)
		if (rules[i].recur == t->recur && len < rules[i].days)
			ics_add(c, rules[i].rule, strlen(rules[i].rule));
}

/* A line «NAME:YYYYMMDD» (name: n bytes), a date as ICS writes it; never folded. */
static void ics_date(struct ics *c, const char *name, size_t n, struct nv_date d)
{
	char v[10];

	ics_add(c, name, n);
	if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) {
		ics_num(c, d.year, 4);
		ics_num(c, d.month, 2);
		ics_num(c, d.day, 2);
		ics_add(c, "\r\n", 2);
		return;
	}
	v[0] = (char)('0' + d.year / 1000);
	v[1] = (char)('0' + d.year / 100 % 10);
	v[2] = (char)('0' + d.year / 10 % 10);
	v[3] = (char)('0' + d.year % 10);
	v[4] = (char)('0' + d.month / 10);
	v[5] = (char)('0' + d.month % 10);
	v[6] = (char)('0' + d.day / 10);
	v[7] = (char)('0' + d.day % 10);
	v[8] = '\r';
	v[9] = '\n';
	ics_add(c, v, 10);
}

#define ICS_DATE(c, name, d) ics_date((c), (name), sizeof(name) - 1, (d))

/*
 * One event from..to of item (or sub-row) it, numbered num («1.2.» or
 * «3.1.»), titled `title`, with UID «ID-uid@nastavnik».
 */
static void ics_event(struct ics *c, const struct nv_item *it, struct nv_date from,
		      struct nv_date to, const struct nv_buf *num, const char *title,
		      const struct nv_buf *uid)
{
	ICS_LINES(c, "BEGIN:VEVENT");
	ics_begin(c);
	ICS_LIT(c, "UID:");
	nv_buf_add(&c->out, c->id.ptr, c->id.len);
	nv_buf_add(&c->read, c->id_read.ptr, c->id_read.len);
	ICS_LIT(c, "-");
	ics_add(c, uid->ptr, uid->len);
	ICS_LIT(c, "@nastavnik");
	ics_end(c);
	ics_add(c, c->stamp.ptr, c->stamp.len);
	ICS_DATE(c, "DTSTART;VALUE=DATE:", from);
	/* DTEND is exclusive */
	ICS_DATE(c, "DTEND;VALUE=DATE:", nv_date_from_days(nv_date_to_days(to) + 1));
	ics_rrule(c, &it->due, from, to);
	ics_begin(c);
	ICS_LIT(c, "SUMMARY:");
	ics_add(c, num->ptr, num->len);
	ICS_LIT(c, " ");
	ics_esc(c, title);
	ics_end(c);
	ics_begin(c);
	ICS_LIT(c, "DESCRIPTION:Срок: ");
	ics_esc(c, it->due.text);
	nv_buf_add(&c->out, "\\nОтветственный: ", sizeof("\\nОтветственный: ") - 1);
	nv_buf_add(&c->read, "\nОтветственный: ", sizeof("\nОтветственный: ") - 1);
	ics_esc(c, it->responsible_web);
	if (it->result) {
		nv_buf_add(&c->out, "\\nРезультат: ", sizeof("\\nРезультат: ") - 1);
		nv_buf_add(&c->read, "\nРезультат: ", sizeof("\nРезультат: ") - 1);
		ics_esc(c, it->result);
	}
	ics_end(c);
	ICS_LINES(c, "END:VEVENT");
}

/*
 * The events of a term: one for its range, or one for each of its dates
 * («сентябрь, январь, май»: three events, UIDs «…-d1», «…-d2», …). The
 * model read the term with the document's academic year as a rule; when
 * it took another (a document with a period but no academic year), the
 * text is read again as the calendar always read it.
 */
static void ics_events(struct ics *c, const struct nv_entry *e, const struct nv_item *it,
		       const struct nv_buf *num, const char *title, const struct nv_buf *uid)
{
	struct nv_date from[NV_TERM_MAX_RANGES], to[NV_TERM_MAX_RANGES];
	size_t n, i;

	if (it->due.acyear == e->acyear) {
		n = it->due.nranges;
		for (i = 0; n > 1 && i < n; i++) {
			from[i] = it->due.ranges[2 * i];
			to[i] = it->due.ranges[2 * i + 1];
		}
	} else {
		n = nv_term_ranges(it->due.text, e->acyear, from, to, NV_TERM_MAX_RANGES);
	}
	if (n <= 1) {
		ics_event(c, it, it->due.from, it->due.to, num, title, uid);
		return;
	}
	for (i = 0; i < n; i++) {
		nv_buf_reset(&c->uid_d);
		nv_buf_add(&c->uid_d, uid->ptr, uid->len);
		nv_buf_add(&c->uid_d, "-d", 2);
		nv_buf_addnum(&c->uid_d, (long long)i + 1, 1);
		ics_event(c, it, from[i], to[i], num, title, &c->uid_d);
	}
}

/* The events of item it of section i (0-based), numbered c->num, and of its sub-rows. */
static void ics_item(struct ics *c, const struct nv_entry *e, const struct nv_item *it, size_t i,
		     size_t k)
{
	size_t r, at;

	nv_buf_reset(&c->uid);
	nv_buf_addnum(&c->uid, (long long)i + 1, 1);
	nv_buf_addch(&c->uid, '-');
	nv_buf_addnum(&c->uid, (long long)k + 1, 1);
	if (it->due.parsed)
		ics_events(c, e, it, &c->num, it->title, &c->uid);
	at = c->uid.len;
	for (r = 0; r < it->nrows; r++) {
		if (!it->rows[r].due.parsed)
			continue;
		nv_buf_truncate(&c->uid, at);
		nv_buf_addch(&c->uid, '-');
		nv_buf_addnum(&c->uid, (long long)r + 1, 1);
		nv_buf_reset(&c->sub);
		nv_buf_reset(&c->title);
		nv_buf_adds(&c->title, it->title);
		if (it->rows[r].title) {
			nv_buf_add(&c->sub, c->num.ptr, c->num.len);
			nv_buf_addnum(&c->sub, (long long)r + 1, 1);
			nv_buf_addch(&c->sub, '.');
			nv_buf_adds(&c->title, ": ");
			nv_buf_adds(&c->title, it->rows[r].title);
		}
		ics_events(c, e, &it->rows[r], c->sub.len ? &c->sub : &c->num, c->title.ptr,
			   &c->uid);
	}
}

/* What a calendar's events take, about: to size its buffers once. */
static size_t ics_estimate(const struct nv_entry *e)
{
	size_t i, k, n = 0;

	for (i = 0; !e->web_hidden && i < e->nsections; i++)
		for (k = 0; k < e->sections[i].nitems; k++)
			n += 1 + e->sections[i].items[k].nrows;
	return 512 + n * 640;
}

/*
 * e's calendar into c->out, and as its reader gets it into c->read (the
 * other buffers: empty, for c's use).
 */
static void ics_calendar(struct ics *c, const struct nv_entry *e)
{
	static const char head[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
				   "PRODID:-//nastavnik//" NV_VERSION "//RU\r\n"
				   "CALSCALE:GREGORIAN\r\n";
	size_t i, k, size = ics_estimate(e);

	_Static_assert(sizeof("PRODID:-//nastavnik//" NV_VERSION "//RU") - 1 <= 75,
		       "the PRODID line is not folded");
	nv_buf_grow(&c->out, size);
	nv_buf_grow(&c->read, size);
	ics_text(&c->id, &c->id_read, e->id);
	/* Stable, so rebuilds are byte-identical: the start of the academic year. */
	nv_buf_adds(&c->stamp, "DTSTAMP:");
	nv_buf_addnum(&c->stamp, e->acyear ? e->acyear : 2000, 4);
	nv_buf_adds(&c->stamp, "0901T000000Z\r\n");
	ICS_LIT(c, head);
	ics_begin(c);
	ICS_LIT(c, "X-WR-CALNAME:");
	ics_esc(c, e->title);
	ics_end(c);
	/* An appendix not for the website (web: false): a calendar without events. */
	for (i = 0; !e->web_hidden && i < e->nsections; i++) {
		for (k = 0; k < e->sections[i].nitems; k++) {
			nv_buf_reset(&c->num);
			if (e->sections[i].title) {
				nv_buf_addnum(&c->num, (long long)i + 1, 1);
				nv_buf_addch(&c->num, '.');
			}
			nv_buf_addnum(&c->num, (long long)k + 1, 1);
			nv_buf_addch(&c->num, '.');
			ics_item(c, e, &e->sections[i].items[k], i, k);
		}
	}
	ICS_LINES(c, "END:VCALENDAR");
}

/* Release c's buffers but out and read. */
static void ics_release(struct ics *c)
{
	nv_buf_release(&c->line);
	nv_buf_release(&c->id);
	nv_buf_release(&c->id_read);
	nv_buf_release(&c->stamp);
	nv_buf_release(&c->num);
	nv_buf_release(&c->sub);
	nv_buf_release(&c->uid);
	nv_buf_release(&c->uid_d);
	nv_buf_release(&c->title);
}

static void ics_init(struct ics *c)
{
	static const struct nv_buf empty = NV_BUF_INIT;

	c->out = c->read = c->line = c->id = c->id_read = c->stamp = empty;
	c->num = c->sub = c->uid = c->uid_d = c->title = empty;
	c->line_start = c->read_start = 0;
}

/*
 * roadmaps/ID.ics. The guard reads all of it as its reader gets it
 * (struct ics), before it is written; the bytes go to the writer as
 * they are, not copied.
 */
void nv_html_emit_ics(struct nv_html_state *s, struct nv_html_worker *w, const struct nv_entry *e)
{
	struct ics c;
	struct nv_buf path = NV_BUF_INIT;
	size_t rel, len;
	char *data;

	ics_init(&c);
	ics_calendar(&c, e);
	/* OUT/roadmaps/ID.ics, of which the guard reads roadmaps/ID.ics */
	nv_buf_adds(&path, s->opts.out);
	nv_buf_addch(&path, '/');
	rel = path.len;
	nv_buf_adds(&path, "roadmaps/");
	nv_buf_adds(&path, e->id);
	nv_buf_adds(&path, ".ics");
	if (nv_html_guard(s, w, path.ptr + rel, c.read.ptr, c.read.len, false, false)) {
		data = nv_buf_detach(&c.out, &len);
		nv_writer_add(s->writer, nv_buf_detach(&path, NULL), data, len);
	}
	ics_release(&c);
	nv_buf_release(&c.out);
	nv_buf_release(&c.read);
	nv_buf_release(&path);
}

void nv_html_ics(struct nv_buf *out, struct nv_buf *read, const struct nv_entry *e)
{
	struct ics c;

	ics_init(&c);
	c.out = *out;
	c.read = *read;
	ics_calendar(&c, e);
	ics_release(&c);
	*out = c.out;
	*read = c.read;
}

void nv_html_ics_read(struct nv_buf *out, const char *s, size_t n)
{
	ics_read(out, s, n);
}

/* The escaper and folder of iCalendar text, for tests/fuzz; see html_int.h. */
void nv_html_ics_text(struct nv_buf *b, const char *s)
{
	ics_text(b, NULL, s);
}

void nv_html_ics_line(struct nv_buf *out, const char *line)
{
	ics_line(out, line);
}
