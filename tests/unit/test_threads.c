/*
 * Unit tests for threads.c: how many threads a job count gets, and that
 * nv_run_threads runs its function exactly once on each job structure,
 * whatever the number of jobs; nv_run_each once for each index;
 * nv_async runs beside the caller until joined.
 */
#include "common.h"

#include <pthread.h>
#include <sched.h>

#include "harness.h"
#include "threads.h"

static void test_thread_count(void)
{
	/* Below 64 items: one thread, however many jobs. */
	CHECK_INT(nv_thread_count(8, 0), 1);
	CHECK_INT(nv_thread_count(8, 1), 1);
	CHECK_INT(nv_thread_count(8, 63), 1);
	CHECK_INT(nv_thread_count(64, 63), 1);
	/* From 64 items on: jobs threads. */
	CHECK_INT(nv_thread_count(8, 64), 8);
	CHECK_INT(nv_thread_count(2, 1000), 2);
	/* -j 1, -j 0 and negative counts: one thread. */
	CHECK_INT(nv_thread_count(1, 1000), 1);
	CHECK_INT(nv_thread_count(0, 1000), 1);
	CHECK_INT(nv_thread_count(-4, 1000), 1);
	/* Never more threads than items. */
	CHECK_INT(nv_thread_count(100, 64), 64);
	CHECK_INT(nv_thread_count(100, 99), 99);
	CHECK_INT(nv_thread_count(100, 100), 100);
	CHECK_INT(nv_thread_count(100, 101), 100);
}

static void test_cpu_count(void)
{
	CHECK(nv_cpu_count() >= 1);
}

/* One job: its own index, how often it ran, the thread it ran on. */
struct job {
	size_t index;
	int runs;
	pthread_t thread;
	size_t *counter; /* shared, incremented atomically */
	size_t order;	 /* the counter's value when this job ran */
};

static void *run_job(void *arg)
{
	struct job *j = arg;

	__atomic_add_fetch(&j->runs, 1, __ATOMIC_SEQ_CST);
	j->order = __atomic_fetch_add(j->counter, 1, __ATOMIC_SEQ_CST);
	j->thread = pthread_self();
	return NULL;
}

/* Run n jobs and check each ran once, on its own structure. */
static bool run_n(size_t n)
{
	struct job jobs[8];
	bool seen[8] = { false };
	size_t counter = 0, i;
	bool ok = true;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < 8; i++) {
		jobs[i].index = i;
		jobs[i].counter = &counter;
	}
	nv_run_threads(run_job, jobs, n, sizeof(jobs[0]));
	if (counter != n) {
		nv_test_failed(__FILE__, __LINE__, "n = %zu: counter %zu", n, counter);
		return false;
	}
	for (i = 0; i < 8; i++) {
		int want = i < n ? 1 : 0;
		if (jobs[i].index != i || jobs[i].runs != want) {
			nv_test_failed(__FILE__, __LINE__,
				       "n = %zu: job %zu has index %zu, ran %d times", n, i,
				       jobs[i].index, jobs[i].runs);
			ok = false;
		} else if (i < n) {
			/* Each run took its own place in the count. */
			if (jobs[i].order >= n || seen[jobs[i].order]) {
				nv_test_failed(__FILE__, __LINE__, "n = %zu: job %zu order %zu", n,
					       i, jobs[i].order);
				ok = false;
			} else {
				seen[jobs[i].order] = true;
			}
		}
	}
	/* The first job runs in the caller's thread. */
	if (ok && n && !pthread_equal(jobs[0].thread, pthread_self())) {
		nv_test_failed(__FILE__, __LINE__, "n = %zu: job 0 not in the caller's thread", n);
		ok = false;
	}
	return ok;
}

static void test_run_threads(void)
{
	CHECK(run_n(0));
	CHECK(run_n(1));
	CHECK(run_n(2));
	CHECK(run_n(8));
}

/* Jobs bigger than a pointer: each thread gets the structure at index * size. */
struct wide_job {
	char pad[100];
	int value;
	int result;
};

static void *square(void *arg)
{
	struct wide_job *j = arg;

	j->result = j->value * j->value;
	return NULL;
}

static void test_run_threads_uses_size(void)
{
	struct wide_job jobs[5];
	int i;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < 5; i++)
		jobs[i].value = i + 2;
	nv_run_threads(square, jobs, 5, sizeof(jobs[0]));
	for (i = 0; i < 5; i++)
		CHECK_INT(jobs[i].result, (i + 2) * (i + 2));
}

/* Each index of nv_run_each() counted once, on as many threads as asked. */
struct each_ctx {
	int runs[300];
	pthread_t threads[300];
};

static void count_index(void *arg, size_t i)
{
	struct each_ctx *c = arg;

	__atomic_add_fetch(&c->runs[i], 1, __ATOMIC_SEQ_CST);
	c->threads[i] = pthread_self();
}

static void test_run_each(void)
{
	static struct each_ctx c;
	size_t n, i;

	/* shared with a second thread from 64 on: which takes what is not told */
	for (n = 0; n <= 300; n += 150) {
		memset(&c, 0, sizeof(c));
		nv_run_each(n, 2, count_index, &c);
		for (i = 0; i < 300; i++)
			CHECK_INT(c.runs[i], i < n ? 1 : 0);
	}
	/* below 64 indices, or -j 1: all in the caller's thread */
	memset(&c, 0, sizeof(c));
	nv_run_each(63, 2, count_index, &c);
	for (i = 0; i < 63; i++)
		CHECK(c.runs[i] == 1 && pthread_equal(c.threads[i], pthread_self()));
}

/* A job started with nv_async_start(): it waits until the caller lets it finish. */
struct gate {
	int open, done;
	pthread_t thread;
};

static void *wait_gate(void *arg)
{
	struct gate *g = arg;

	while (!__atomic_load_n(&g->open, __ATOMIC_SEQ_CST))
		sched_yield();
	g->thread = pthread_self();
	g->done++;
	return NULL;
}

static void test_async(void)
{
	struct nv_async a = { 0 };
	struct gate g = { 0, 0, pthread_self() };

	/* joining what never started does nothing */
	nv_async_join(&a);
	nv_async_start(&a, wait_gate, &g);
	/* the caller goes on while the job waits for it: it runs on a thread of its own */
	CHECK_INT(g.done, 0);
	__atomic_store_n(&g.open, 1, __ATOMIC_SEQ_CST);
	nv_async_join(&a);
	CHECK_INT(g.done, 1);
	CHECK(!pthread_equal(g.thread, pthread_self()));
	/* joined once: a second join does not run it again */
	nv_async_join(&a);
	CHECK_INT(g.done, 1);
}

void nv_tests(void)
{
	NV_RUN(test_thread_count);
	NV_RUN(test_cpu_count);
	NV_RUN(test_run_threads);
	NV_RUN(test_run_threads_uses_size);
	NV_RUN(test_run_each);
	NV_RUN(test_async);
}
