/*
 * md_numbering.h: the numbering of a body's sections («# 3. Права и
 * обязанности») and clauses («3.1.», «3.1.2.»), followed as markdown.c
 * parses the body (md_numbering.c); its breaks are kept in the parsed
 * body (struct nv_md, markdown.h) for the model's checks.
 */
#ifndef NV_MD_NUMBERING_H
#define NV_MD_NUMBERING_H

#include "common.h"

/*
 * A break in the numbering of a body's sections («# 3. …») and clauses
 * («3.1.», «3.1.2.»), found as it is parsed (md_numbering.c); numbers
 * are as written, «3.4».
 */
enum nv_md_num_kind {
	NV_MD_NUM_GAP,	   /* got, but want comes first (after prev, if any) */
	NV_MD_NUM_REPEAT,  /* got a second time: the first at prev_line */
	NV_MD_NUM_BACK,	   /* got after prev, a higher number */
	NV_MD_NUM_SECTION, /* a clause got in section want */
	NV_MD_NUM_NOHEAD,  /* a clause got starts section want, which has no heading */
	NV_MD_NUM_JOINED,  /* a clause got on a line of the paragraph before */
	NV_MD_NUM_ITEM,	   /* an item of an ordered list typed got, shown as want */
	NV_MD_NUM_NEST,	   /* a list item got spaces right of the item above, which nests at want */
	NV_MD_NUM_LINES, /* a line with a label («Телефон: …») joined to the one above */
	NV_MD_NUM_STARS, /* «**» of bold Markdown could not pair (nv_md_stars()) */
};

struct nv_md_num {
	enum nv_md_num_kind kind;
	bool heading; /* of a section's heading, not of a clause */
	int line, col, prev_line;
	char got[16], want[16], prev[16];
};

/* Where the text handed over starts. */
enum nv_md_feed {
	NV_MD_FEED_HEADING, /* a heading's text */
	NV_MD_FEED_PARA,    /* a paragraph, or a line after a hard line break */
	NV_MD_FEED_LINE,    /* a line of a paragraph after its first (a soft break) */
};

/* The numbering so far; all zero before the body's first block. */
struct nv_md_numbering {
	int sec;	  /* the section clauses are numbered in, 0 before any */
	bool sec_heading; /* sec is a numbered heading's («# 3.»), not the clauses' own */
	int heading, heading_line; /* the last numbered heading, 0 before any */
	int alt;       /* the number that heading skipped («# 4.» after «# 2.»: 3), if it did */
	int m, m_line; /* the last clause of sec («3.2.»: 2), 0 before any */
	int k, k_line; /* the last subclause of clause m («3.2.1.»: 1) */
};

/*
 * The text at s (n bytes, from the start of a heading, a paragraph or a
 * line) at line:col of the body's file: its number, if it starts with
 * one, follows st; a break is added to *nums (*nr of them, at most 8).
 */
void nv_md_numbering_feed(struct nv_md_numbering *st, struct nv_md_num **nums, size_t *nr,
			  const char *s, size_t n, enum nv_md_feed where, int line, int col);

/*
 * A break found as the body is parsed that is no clause's: an ordered
 * list's item typed out of turn (NV_MD_NUM_ITEM), a list item not nested
 * (NV_MD_NUM_NEST), a line joined to the one above (NV_MD_NUM_LINES),
 * bold not paired (NV_MD_NUM_STARS), at line:col, with the numbers got
 * and want its kind has (0 for none), added to *nums (*nr of them, at
 * most 8).
 */
void nv_md_numbering_break(struct nv_md_num **nums, size_t *nr, enum nv_md_num_kind kind, int line,
			   int col, int got, int want);

#endif
