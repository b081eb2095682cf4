/*
 * threads.c: the work shared among threads; see threads.h.
 *
 * No pool: each call starts its threads and joins them, since the work
 * it shares (loading, reading fields, rendering) runs once per build and
 * dwarfs the cost of a pthread_create.
 */
#include "common.h"

#include <pthread.h>
#include <unistd.h>

#include "alloc.h"
#include "threads.h"

int nv_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

size_t nv_thread_count(int jobs, size_t items)
{
	if (jobs <= 1 || items < 64)
		return 1;
	return (size_t)jobs < items ? (size_t)jobs : items;
}

void nv_run_threads(void *(*fn)(void *), void *jobs, size_t n, size_t size)
{
	pthread_t *tid = nv_xcalloc(n + 1, sizeof(*tid));
	bool *started = nv_xcalloc(n + 1, sizeof(*started));
	char *job = jobs;
	size_t t;

	for (t = 1; t < n; t++)
		started[t] = pthread_create(&tid[t], NULL, fn, job + t * size) == 0;
	if (n)
		fn(job);
	for (t = 1; t < n; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			fn(job + t * size);
	}
	free(tid);
	free(started);
}

/* Indices a thread takes at once: few, so the last runs even out the threads. */
#define NV_WORK_RUN 4

bool nv_share_take(struct nv_share *s)
{
	size_t i = __atomic_fetch_add(&s->w->next, NV_WORK_RUN, __ATOMIC_RELAXED);

	if (i >= s->w->n) {
		s->i = s->end = 0;
		return false;
	}
	s->i = i;
	s->end = s->w->n - i < NV_WORK_RUN ? s->w->n : i + NV_WORK_RUN;
	return true;
}
