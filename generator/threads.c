/*
 * threads.c: the work shared among threads; see threads.h.
 *
 * No pool: each call starts its threads and joins them, since the work
 * it shares (loading, reading fields, rendering) runs once per build and
 * dwarfs the cost of a pthread_create.
 */
#include "common.h"

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

/* One thread's part of nv_run_each(). */
struct each_job {
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	struct nv_share share;
};

static void *each_thread(void *arg)
{
	struct each_job *j = arg;
	size_t i;

	while (nv_share_next(&j->share, &i))
		j->fn(j->ctx, i);
	return NULL;
}

void nv_run_each(size_t n, int jobs, void (*fn)(void *ctx, size_t i), void *ctx)
{
	size_t t, nt = nv_thread_count(jobs, n);
	struct nv_work work = NV_WORK_INIT(n);
	struct each_job *j = nv_xcalloc(nt, sizeof(*j));

	for (t = 0; t < nt; t++)
		j[t] = (struct each_job){ fn, ctx, { &work, 0, 0 } };
	nv_run_threads(each_thread, j, nt, sizeof(*j));
	free(j);
}

void nv_async_start(struct nv_async *a, void *(*fn)(void *), void *arg)
{
	a->fn = fn;
	a->arg = arg;
	a->started = true;
	a->running = pthread_create(&a->tid, NULL, fn, arg) == 0;
}

void nv_async_join(struct nv_async *a)
{
	if (!a->started)
		return;
	if (a->running)
		pthread_join(a->tid, NULL);
	else
		a->fn(a->arg);
	a->started = a->running = false;
}
