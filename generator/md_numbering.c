/*
 * md_numbering.c: the numbering of a body's sections («# 3. Права и
 * обязанности») and clauses («3.1.», «3.1.2.»), followed as the body is
 * parsed: markdown.c hands over the start of each heading, paragraph and
 * line of a paragraph. What breaks it is kept in md->nums, for the
 * model to warn of in the documents numbered so (положения, программы:
 * model_text.c): a number skipped or given twice, a number lower than
 * the one before, a clause numbered for another section, and a clause
 * run into the paragraph before it (no blank line between: Markdown
 * joins the lines into one paragraph); and, in any document, an item of
 * an ordered list typed out of turn (markdown.c finds it).
 */
#include "common.h"

#include "alloc.h"
#include "md_numbering.h"

/* Where the breaks go: md->nums and md->nr_nums. */
struct nums {
	struct nv_md_num **v;
	size_t *n;
};

/* The most breaks a body keeps: a document numbered another way has many. */
#define MAX_NUMS 8

/* True if s starts with a capital letter, Russian or Latin (s has two bytes). */
static bool capital(const char *s)
{
	unsigned char c = (unsigned char)s[0], d = (unsigned char)s[1];

	return (c >= 'A' && c <= 'Z') || (c == 0xD0 && (d == 0x81 || (d >= 0x90 && d <= 0xAF)));
}

/*
 * The numbers «N.», «N.M.», «N.M.K.» (each of one to three digits) at
 * the start of the n bytes at s, followed by a space, a no-break space or
 * the end, into v; the last dot may be left out before a capital
 * («1.1 Текст») when bare.
 * Returns how many there are, 0 for none.
 */
static int numbers_at(const char *s, size_t n, int v[3], bool bare)
{
	size_t i = 0, d;
	int levels = 0;
	bool dot = false;

	while (levels < 3) {
		for (d = 0, v[levels] = 0; i < n && d < 3 && s[i] >= '0' && s[i] <= '9'; i++, d++)
			v[levels] = v[levels] * 10 + (s[i] - '0');
		if (!d || (i < n && s[i] >= '0' && s[i] <= '9'))
			return 0;
		levels++;
		dot = i < n && s[i] == '.';
		if (!dot)
			break;
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			break;
	}
	/* «1.1 Настоящее …», not «1.5 млн»: a bare number is followed by a capital */
	if (!dot && !(bare && levels > 1 && i + 2 < n && s[i] == ' ' && capital(s + i + 1)))
		return 0;
	if (i < n && s[i] != ' ' && !(i + 1 < n && s[i] == '\xC2' && s[i + 1] == '\xA0'))
		return 0;
	return v[0] ? levels : 0;
}

/* The number v (levels of it) as it is written: «3.4». */
static void put_number(char *out, size_t size, const int *v, int levels)
{
	if (levels == 1)
		snprintf(out, size, "%d", v[0]);
	else if (levels == 2)
		snprintf(out, size, "%d.%d", v[0], v[1]);
	else
		snprintf(out, size, "%d.%d.%d", v[0], v[1], v[2]);
}

/* Keep a break of kind at line:col: got as written, want or prev as the pass knows them. */
static struct nv_md_num *add(struct nums *out, enum nv_md_num_kind kind, bool heading, int line,
			     int col, const int *got, int levels)
{
	struct nv_md_num *x;

	if (*out->n >= MAX_NUMS)
		return NULL;
	if (!*out->v)
		*out->v = nv_xcalloc(MAX_NUMS, sizeof(**out->v));
	x = &(*out->v)[(*out->n)++];
	x->kind = kind;
	x->heading = heading;
	x->line = line;
	x->col = col;
	put_number(x->got, sizeof(x->got), got, levels);
	return x;
}

/*
 * Number `got` (levels of it) after `last` (0: none before it), whose
 * line is last_line: a break if it is not the next one. `v` is got with
 * its last level replaced, for the numbers want and prev.
 */
static void follow(struct nums *out, bool heading, int line, int col, const int *got, int levels,
		   int last, int last_line)
{
	int n = got[levels - 1], v[3] = { 0, 0, 0 };
	struct nv_md_num *x = NULL;

	memcpy(v, got, (size_t)levels * sizeof(*v));
	if (last && n == last) {
		if ((x = add(out, NV_MD_NUM_REPEAT, heading, line, col, got, levels)))
			x->prev_line = last_line;
	} else if (n > last + 1) {
		if ((x = add(out, NV_MD_NUM_GAP, heading, line, col, got, levels))) {
			v[levels - 1] = last + 1;
			put_number(x->want, sizeof(x->want), v, levels);
			v[levels - 1] = last;
			if (last)
				put_number(x->prev, sizeof(x->prev), v, levels);
		}
	} else if (n < last) {
		if ((x = add(out, NV_MD_NUM_BACK, heading, line, col, got, levels))) {
			v[levels - 1] = last;
			put_number(x->prev, sizeof(x->prev), v, levels);
		}
	}
}

/* A section's heading numbered h. */
static void section(struct nv_md_numbering *st, struct nums *out, int h, int line, int col)
{
	follow(out, true, line, col, &h, 1, st->heading, st->heading_line);
	st->alt = h > st->heading + 1 ? st->heading + 1 : 0;
	st->heading = h;
	st->heading_line = line;
	st->sec = h;
	st->sec_heading = true;
	st->m = st->k = 0;
}

/* A clause numbered v: «3.2.» (two levels) or «3.2.1.» (three). */
static void clause(struct nv_md_numbering *st, struct nums *out, const int *v, int levels, int line,
		   int col)
{
	struct nv_md_num *x;
	int sec[1];
	bool gap;

	if (levels == 3) {
		if (v[0] == st->sec && v[1] == st->m) {
			follow(out, false, line, col, v, 3, st->k, st->k_line);
			st->k = v[2];
			st->k_line = line;
		}
		return;
	}
	if (st->sec && v[0] != st->sec && v[0] == st->alt) {
		/* the heading skipped a number its clauses keep: they go on by it */
		st->sec = st->heading = st->alt;
		st->alt = 0;
	}
	if (st->sec_heading && v[0] == st->sec + 1 && v[1] == 1) {
		/* a section with no heading (or one cmark does not take for one: «З.») */
		if ((x = add(out, NV_MD_NUM_NOHEAD, false, line, col, v, 2))) {
			sec[0] = v[0];
			put_number(x->want, sizeof(x->want), sec, 1);
		}
		st->sec = st->heading = v[0];
		st->heading_line = line;
		st->m = 0;
	}
	if (st->sec && v[0] != st->sec) {
		if (st->sec_heading) {
			if ((x = add(out, NV_MD_NUM_SECTION, false, line, col, v, 2))) {
				sec[0] = st->sec;
				put_number(x->want, sizeof(x->want), sec, 1);
			}
			/* «3.3.» for «4.3.» in its place: the clauses after it are in order */
			if (v[1] == st->m + 1) {
				st->m = v[1];
				st->m_line = line;
				st->k = 0;
			}
			return;
		}
		if (v[0] < st->sec) {
			if ((x = add(out, NV_MD_NUM_BACK, false, line, col, v, 2)))
				snprintf(x->prev, sizeof(x->prev), "%d.%d", st->sec, st->m);
			return;
		}
		gap = v[0] > st->sec + 1;
		if (gap && (x = add(out, NV_MD_NUM_GAP, false, line, col, v, 2))) {
			snprintf(x->want, sizeof(x->want), "%d.1", st->sec + 1);
			snprintf(x->prev, sizeof(x->prev), "%d.%d", st->sec, st->m);
		}
		/* the clauses' own sections, with no headings: the next one starts */
		st->sec = v[0];
		st->m = 0;
		if (gap) {
			st->m = v[1];
			st->m_line = line;
			st->k = 0;
			return;
		}
	}
	if (!st->sec) {
		st->sec = v[0];
		st->sec_heading = false;
	}
	follow(out, false, line, col, v, 2, st->m, st->m_line);
	st->m = v[1];
	st->m_line = line;
	st->k = 0;
}

void nv_md_numbering_feed(struct nv_md_numbering *st, struct nv_md_num **nums, size_t *nr,
			  const char *s, size_t n, enum nv_md_feed where, int line, int col)
{
	struct nums out = { nums, nr };
	int v[3] = { 0, 0, 0 }, levels = numbers_at(s, n, v, where != NV_MD_FEED_LINE);

	if (where != NV_MD_FEED_LINE && !levels && n >= strlen("Приложение") &&
	    (!memcmp(s, "Приложение", strlen("Приложение")) ||
	     !memcmp(s, "ПРИЛОЖЕНИЕ", strlen("ПРИЛОЖЕНИЕ")))) {
		/* an appendix in the body: what follows is numbered anew */
		memset(st, 0, sizeof(*st));
		return;
	}
	if (where == NV_MD_FEED_HEADING && levels == 1) {
		section(st, &out, v[0], line, col);
		return;
	}
	if (levels < 2)
		return;
	if (where == NV_MD_FEED_LINE)
		add(&out, NV_MD_NUM_JOINED, false, line, col, v, levels);
	clause(st, &out, v, levels, line, col);
}

void nv_md_numbering_break(struct nv_md_num **nums, size_t *nr, enum nv_md_num_kind kind, int line,
			   int col, int got, int want)
{
	struct nums out = { nums, nr };
	struct nv_md_num *x = add(&out, kind, false, line, col, &got, 1);

	if (x)
		put_number(x->want, sizeof(x->want), &want, 1);
}
