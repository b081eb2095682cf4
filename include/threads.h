/*
 * threads.h: work shared among threads, for every stage.
 *
 * Loading documents, reading their fields and rendering pages split an
 * array of independent jobs among -j threads. The result never depends
 * on the number of threads: each job writes only its own structure.
 */
#ifndef NV_THREADS_H
#define NV_THREADS_H

#include "common.h"

#include <pthread.h>

/* The number of processors online, at least 1. */
int nv_cpu_count(void);

/*
 * How many threads to share `items` among with -j `jobs`: one below 64
 * items (starting threads would cost more than it saves), else jobs but
 * no more than items.
 */
size_t nv_thread_count(int jobs, size_t items);

/*
 * Run fn on each of the n structures at jobs (each `size` bytes), the
 * first in the caller's thread and the others on threads of their own;
 * a structure whose thread cannot start is run in the caller's thread
 * after the first. Returns when every one is done.
 */
void nv_run_threads(void *(*fn)(void *), void *jobs, size_t n, size_t size);

/*
 * The indices 0 … n - 1 of an array of independent jobs, handed out to
 * the threads a few at a time as each asks for more: a thread slowed by
 * longer documents or by the system takes fewer, and none waits idle at
 * the end for another's fixed share. Each index goes to exactly one
 * thread; which one never shows in the result (see above).
 */
struct nv_work {
	size_t next, n;
};

#define NV_WORK_INIT(count) \
	{                   \
		0, (count)  \
	}

/* A thread's cursor on shared work: the run [i, end) it took last. */
struct nv_share {
	struct nv_work *w;
	size_t i, end;
};

/*
 * fn(ctx, i) for each i in 0 … n - 1, shared among threads as above
 * (nv_thread_count(jobs, n) of them): for work whose every index is
 * independent and leaves nothing per thread to merge.
 */
void nv_run_each(size_t n, int jobs, void (*fn)(void *ctx, size_t i), void *ctx);

/*
 * fn(arg) on a thread of its own beside the caller's, from
 * nv_async_start() until nv_async_join() (in the caller's thread then,
 * when no thread could start). Join once for each start.
 */
struct nv_async {
	pthread_t tid;
	void *(*fn)(void *);
	void *arg;
	bool started, running;
};
void nv_async_start(struct nv_async *a, void *(*fn)(void *), void *arg);
/* Wait for the function started by a, if one was started and not yet joined. */
void nv_async_join(struct nv_async *a);

/* Take the next run of s->w into s; false when the work is all taken. */
bool nv_share_take(struct nv_share *s);

/* The next index for the thread of s, in *i; false when there is none. */
static inline bool nv_share_next(struct nv_share *s, size_t *i)
{
	if (s->i >= s->end && !nv_share_take(s))
		return false;
	*i = s->i++;
	return true;
}

/* The next index of w for any thread, one at a time (for long jobs), in *i; false when none. */
static inline bool nv_work_next_one(struct nv_work *w, size_t *i)
{
	*i = __atomic_fetch_add(&w->next, 1, __ATOMIC_RELAXED);
	return *i < w->n;
}

#endif
