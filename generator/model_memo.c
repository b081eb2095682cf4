/*
 * model_memo.c: the strings a thread of the check of unmarked mentions
 * found no name in; see model_memo_int.h.
 *
 * Documents repeat their strings: the same form, status, kind, year and
 * responsible in every front matter, the same headings, clauses and
 * paragraphs of boilerplate in many bodies. What nv_guard_find() finds
 * in plain text from its start is a function of the guard and of the
 * text's bytes alone (with markup = false it keeps nothing between
 * calls), so a string of the same bytes as one it found nothing in, for
 * the same guard, has nothing to find. Only those strings are kept, and
 * whole: a string is taken as known when every byte is the same, never
 * by its hash alone. A string with a mention is read every time, so
 * every hit is found, located and reported as it would be without the
 * memo.
 *
 * A string that outlasts the memo unchanged (a front matter's, a text
 * node's literal: the model and the trees live past the check) is kept
 * where it is: copying every paragraph would cost a thread tens of
 * megabytes of fresh pages, their faults dearer than the reading saved.
 * The others (the text of a paragraph joined from several nodes, any
 * text of a tree freed once its page is made) are copied, MEMO_BYTES at
 * most for a thread, and only at their second sighting: the first only
 * marks their hash in a table of SEEN slots, so that the bytes go to
 * the strings that repeat (boilerplate clauses), not to the first
 * megabyte of text. Past that, they are read as they come.
 */
#include "common.h"

#include "alloc.h"
#include "guard.h"
#include "model_memo_int.h"

#define MEMO_BYTES   ((size_t)1 << 20)	/* bytes copied for a thread, at most */
#define MEMO_LONGEST ((size_t)64 << 10) /* a longer string is not kept */
#define MEMO_CHUNK   ((size_t)256 << 10)
#define SEEN	     ((size_t)1 << 15) /* hashes of strings seen once, 128 KB a thread */

/* 16 bytes: the table is read at random, a cache miss a string. */
struct mdl_memo_slot {
	uint32_t tag;  /* the hash's high half: its low bits give the place */
	uint32_t len;  /* at most MEMO_LONGEST */
	const char *s; /* NULL: an empty slot */
};

void mdl_memo_init(struct mdl_memo *m)
{
	memset(m, 0, sizeof(*m));
}

void mdl_memo_release(struct mdl_memo *m)
{
	size_t i;

	for (i = 0; i < m->nchunk; i++)
		free(m->chunk[i]);
	free(m->chunk);
	free(m->slot);
	free(m->seen);
	mdl_memo_init(m);
}

static inline uint64_t rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

/*
 * A hash of the len bytes at s, all of them (paragraphs made from one
 * model differ in a figure anywhere: «работают 41 педагог»), 16 at a
 * time in two lanes.
 */
static uint64_t memo_hash(const char *s, size_t len)
{
	const uint64_t k1 = UINT64_C(0x9E3779B97F4A7C15), k2 = UINT64_C(0xC2B2AE3D27D4EB4F);
	uint64_t a = (uint64_t)len * k1, b = ~(uint64_t)len, w0, w1;
	size_t i;

	for (i = 0; i + 16 <= len; i += 16) {
		memcpy(&w0, s + i, 8);
		memcpy(&w1, s + i + 8, 8);
		a = rotl64((a ^ w0) * k1, 29);
		b = rotl64((b ^ w1) * k2, 31);
	}
	if (len >= 16) { /* the last 16 bytes, some of them read again */
		memcpy(&w0, s + len - 16, 8);
		memcpy(&w1, s + len - 8, 8);
	} else {
		for (w0 = w1 = 0; i < len; i++)
			if (i < 8)
				w0 |= (uint64_t)(unsigned char)s[i] << (8 * i);
			else
				w1 |= (uint64_t)(unsigned char)s[i] << (8 * (i - 8));
	}
	a = rotl64((a ^ w0) * k1, 29);
	b = rotl64((b ^ w1) * k2, 31);
	a ^= b * k1;
	a ^= a >> 32;
	return a * k2;
}

/*
 * True if a letter may be in the len bytes at s: an ASCII letter or any
 * byte past ASCII. A mention starts with a letter (every key of the guard
 * does, guard.c), so there is none in a string of digits, spaces and
 * ASCII signs («2025-09-01», «10:00», «№ 5» is past ASCII).
 */
static bool may_hold_letter(const char *s, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

/*
 * The slot of the string (tag: its hash's high half) if kept, else the
 * empty slot it would take; the place is the tag's low bits, so that
 * the table grows without reading the strings again.
 */
static struct mdl_memo_slot *memo_slot(const struct mdl_memo *m, uint32_t tag, const char *s,
				       size_t len)
{
	size_t i = tag & (m->nslot - 1);
	struct mdl_memo_slot *v;

	for (;; i = (i + 1) & (m->nslot - 1)) {
		v = &m->slot[i];
		if (!v->s || (v->tag == tag && v->len == len && !memcmp(v->s, s, len)))
			return v;
	}
}

/* Twice the slots (at first 1024), the kept strings placed anew. */
static void memo_grow(struct mdl_memo *m)
{
	struct mdl_memo_slot *old = m->slot;
	size_t n = m->nslot, i, k;

	m->nslot = n ? 2 * n : 1024;
	m->slot = nv_xcalloc(m->nslot, sizeof(*m->slot));
	/* The kept strings are all different: each goes to the first empty slot from its place. */
	for (i = 0; i < n; i++)
		if (old[i].s) {
			for (k = old[i].tag & (m->nslot - 1); m->slot[k].s;
			     k = (k + 1) & (m->nslot - 1))
				;
			m->slot[k] = old[i];
		}
	free(old);
}

/* A copy of the len bytes at s, kept until m is released. */
static const char *memo_copy(struct mdl_memo *m, const char *s, size_t len)
{
	const char *p;

	if (m->left < len) {
		NV_GROW(m->chunk, m->nchunk + 1, m->chunk_alloc);
		m->left = len > MEMO_CHUNK ? len : MEMO_CHUNK;
		m->at = m->chunk[m->nchunk++] = nv_xmalloc(m->left);
	}
	memcpy(m->at, s, len);
	p = m->at;
	m->at += len;
	m->left -= len;
	m->bytes += len;
	return p;
}

bool mdl_memo_find(struct mdl_memo *m, const struct nv_guard *g, const char *s, size_t len,
		   bool lasting, struct nv_guard_hit *hit)
{
	struct mdl_memo_slot *v = NULL;
	uint64_t h = 0;
	uint32_t tag = 0, *seen;

	if (!may_hold_letter(s, len))
		return false;
	if (m->g != g) {
		mdl_memo_release(m);
		m->g = g;
	}
	if (len && len <= MEMO_LONGEST) {
		h = memo_hash(s, len);
		tag = (uint32_t)(h >> 32);
		if (m->nslot && (v = memo_slot(m, tag, s, len))->s) {
			m->hits++;
			return false;
		}
	}
	if (nv_guard_find(g, s, len, 0, false, hit))
		return true;
	if (!len || len > MEMO_LONGEST || (!lasting && m->bytes + len > MEMO_BYTES))
		return false;
	if (!lasting) {
		if (!m->seen)
			m->seen = nv_xcalloc(SEEN, sizeof(*m->seen));
		seen = &m->seen[h & (SEEN - 1)];
		if (*seen != tag) {
			*seen = tag; /* a first sighting: copied if it comes again */
			return false;
		}
	}
	if (4 * (m->used + 1) > 3 * m->nslot) {
		memo_grow(m);
		v = memo_slot(m, tag, s, len);
	}
	v->tag = tag;
	v->len = (uint32_t)len;
	v->s = lasting ? s : memo_copy(m, s, len);
	m->used++;
	return false;
}
