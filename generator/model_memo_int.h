/*
 * model_memo_int.h: the strings a thread of the check of unmarked
 * mentions (model_pd.c) found no name in, for its guard; private to the
 * model (generator/model*.c and their unit tests). See model_memo.c.
 */
#ifndef NV_MODEL_MEMO_INT_H
#define NV_MODEL_MEMO_INT_H

#include "common.h"

struct nv_guard;
struct nv_guard_hit;

struct mdl_memo_slot;

/*
 * One thread's strings in which nv_guard_find() found nothing; all zero
 * (or mdl_memo_init()) is an empty memo. Not shared between threads.
 */
struct mdl_memo {
	const struct nv_guard *g; /* the guard its strings were read with */
	struct mdl_memo_slot *slot;
	size_t nslot, used; /* a power of two (or 0), and the slots taken */
	char **chunk;	    /* the kept bytes */
	size_t nchunk, chunk_alloc;
	char *at; /* room left in the last chunk: left bytes from at */
	size_t left;
	size_t bytes;	/* copied in all, at most MEMO_BYTES (model_memo.c) */
	uint32_t *seen; /* hashes of strings not kept, seen once (model_memo.c) */
	size_t hits;	/* strings taken from the memo, for tests */
};

void mdl_memo_init(struct mdl_memo *m);

/* Free what m keeps; m is empty after. */
void mdl_memo_release(struct mdl_memo *m);

/*
 * nv_guard_find(g, s, len, 0, false, hit): the first mention in the plain
 * text s (len bytes), in *hit, or false if there is none. A string of
 * the same bytes found with no mention before, with the same g, is not
 * read again (nor a string no letter is in); a string with a mention is
 * always read. A memo used with another guard forgets what it kept.
 * lasting: s stays, unchanged, as long as m (until mdl_memo_release()),
 * and is kept where it is; else it is copied.
 */
bool mdl_memo_find(struct mdl_memo *m, const struct nv_guard *g, const char *s, size_t len,
		   bool lasting, struct nv_guard_hit *hit);

#endif
