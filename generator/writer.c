/*
 * writer.c: a small pool of threads writing files; see writer.h.
 *
 * A bounded ring of jobs under one mutex with two condition variables:
 * the producer waits while the ring is full, the workers while it holds
 * fewer than BATCH jobs (until the end), so that a worker wakes for a
 * run of files rather than for each one: a wake-up costs two context
 * switches, more than writing a small file to tmpfs; and it takes up to
 * BATCH jobs under one lock (at 10,000 files: 1,600 futex calls, not
 * 36,000). Bytes count too: a worker is woken as soon as WAKE_BYTES are
 * queued (a big file such as data.json is not kept waiting for fifteen
 * more), and the producer waits while MAX_BYTES are, so the queue never
 * holds much of the site in memory.
 * Failures are recorded (path and errno) and reported by the thread that
 * calls nv_writer_finish(), since diagnostics are not thread-safe.
 */
#include "common.h"

#include <pthread.h>
#include <unistd.h>

#include "alloc.h"
#include "diag.h"
#include "fs.h"
#include "writer.h"

#define QUEUE	   256
#define BATCH	   16		      /* jobs waiting before an idle worker is woken */
#define WAKE_BYTES ((size_t)1 << 20)  /* or bytes */
#define MAX_BYTES  ((size_t)32 << 20) /* bytes queued before the producer waits */

struct job {
	char *path, *data;
	size_t len;
};

struct failure {
	char *path;
	int err;
};

struct nv_writer {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct job ring[QUEUE];
	size_t head, count, bytes;
	int idle, full_waits; /* workers waiting for jobs, producers for room */
	bool done;
	pthread_t *threads;
	int nthreads;
	struct failure *failed;
	size_t nfailed, failed_alloc;
};

/* Remember that path (taken over) could not be written, for nv_writer_finish(). */
static void failed(struct nv_writer *w, char *path, int err)
{
	pthread_mutex_lock(&w->lock);
	NV_GROW(w->failed, w->nfailed + 1, w->failed_alloc);
	w->failed[w->nfailed].path = path;
	w->failed[w->nfailed].err = err;
	w->nfailed++;
	pthread_mutex_unlock(&w->lock);
}

/* Write j, in the folder kept in dirs (a worker's own), or looked up anew when NULL. */
static void run_job(struct nv_writer *w, struct nv_dir_cache *dirs, struct job *j)
{
	if ((dirs ? nv_write_new_file_in(dirs, j->path, j->data, j->len)
		  : nv_write_new_file(j->path, j->data, j->len)) < 0) {
		failed(w, j->path, errno);
		j->path = NULL;
	}
	free(j->path);
	free(j->data);
}

void nv_writer_write(struct nv_writer *w, struct nv_dir_cache *dirs, const char *path,
		     const void *data, size_t len)
{
	int err;

	if (nv_write_new_file_in(dirs, path, data, len) < 0) {
		err = errno;
		failed(w, nv_xstrdup(path), err);
	}
}

void nv_writer_open(struct nv_writer_file *f, struct nv_writer *w, struct nv_dir_cache *dirs,
		    const char *path)
{
	int err;

	f->w = w;
	f->path = path;
	if ((f->fd = nv_open_new_file_in(dirs, path)) < 0) {
		err = errno; /* before the copy, which may set it */
		failed(w, nv_xstrdup(path), err);
	}
}

/* The file, closed, could not be written: recorded once and removed. */
static void file_failed(struct nv_writer_file *f, int err)
{
	failed(f->w, nv_xstrdup(f->path), err);
	unlink(f->path);
	f->fd = -1;
}

void nv_writer_append(struct nv_writer_file *f, const void *data, size_t len)
{
	int err;

	if (f->fd >= 0 && nv_write_all(f->fd, data, len) < 0) {
		err = errno;
		close(f->fd);
		file_failed(f, err);
	}
}

void nv_writer_close(struct nv_writer_file *f, bool keep)
{
	if (f->fd < 0)
		return;
	if (close(f->fd) < 0 && keep)
		file_failed(f, errno);
	else if (!keep)
		unlink(f->path);
	f->fd = -1;
}

/* Each wake-up takes up to BATCH jobs at once: one lock, not one per file. */
static void *worker(void *arg)
{
	struct nv_writer *w = arg;
	struct nv_dir_cache dirs = NV_DIR_CACHE_INIT;
	struct job j[BATCH];
	size_t n, i;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		while (w->count < BATCH && w->bytes < WAKE_BYTES && !w->done) {
			w->idle++;
			pthread_cond_wait(&w->not_empty, &w->lock);
			w->idle--;
		}
		if (!w->count) {
			pthread_mutex_unlock(&w->lock);
			nv_dir_cache_release(&dirs);
			return NULL;
		}
		for (n = 0; n < BATCH && w->count; n++) {
			j[n] = w->ring[w->head];
			w->head = (w->head + 1) % QUEUE;
			w->count--;
			w->bytes -= j[n].len;
		}
		if (w->full_waits)
			pthread_cond_broadcast(&w->not_full);
		pthread_mutex_unlock(&w->lock);
		for (i = 0; i < n; i++)
			run_job(w, &dirs, &j[i]);
	}
}

struct nv_writer *nv_writer_new(int jobs)
{
	struct nv_writer *w = nv_xcalloc(1, sizeof(*w));
	int i;

	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->not_empty, NULL);
	pthread_cond_init(&w->not_full, NULL);
	if (jobs > 1) {
		w->threads = nv_xcalloc((size_t)jobs, sizeof(*w->threads));
		for (i = 0; i < jobs; i++)
			if (pthread_create(&w->threads[w->nthreads], NULL, worker, w) == 0)
				w->nthreads++;
	}
	return w;
}

void nv_writer_add(struct nv_writer *w, char *path, char *data, size_t len)
{
	struct job j = { path, data, len };

	/* Without workers the callers write, several at once maybe: no folder kept. */
	if (!w->nthreads) {
		run_job(w, NULL, &j);
		return;
	}
	pthread_mutex_lock(&w->lock);
	while (w->count == QUEUE || w->bytes >= MAX_BYTES) {
		w->full_waits++;
		pthread_cond_wait(&w->not_full, &w->lock);
		w->full_waits--;
	}
	w->ring[(w->head + w->count) % QUEUE] = j;
	w->count++;
	w->bytes += len;
	if ((w->count >= BATCH || w->bytes >= WAKE_BYTES) && w->idle)
		pthread_cond_signal(&w->not_empty);
	pthread_mutex_unlock(&w->lock);
}

static int cmp_failure(const void *a, const void *b)
{
	return strcmp(((const struct failure *)a)->path, ((const struct failure *)b)->path);
}

int nv_writer_finish(struct nv_writer *w, struct nv_diags *d)
{
	size_t i;
	int i2, rc;

	pthread_mutex_lock(&w->lock);
	w->done = true;
	pthread_cond_broadcast(&w->not_empty);
	pthread_mutex_unlock(&w->lock);
	for (i2 = 0; i2 < w->nthreads; i2++)
		pthread_join(w->threads[i2], NULL);
	/* Sorted, so the report does not depend on which thread failed first. */
	if (w->nfailed > 1)
		qsort(w->failed, w->nfailed, sizeof(*w->failed), cmp_failure);
	for (i = 0; i < w->nfailed; i++) {
		nv_error(d, w->failed[i].path, 0, 0, "не удалось записать файл: %s",
			 nv_strerror(w->failed[i].err));
		free(w->failed[i].path);
	}
	rc = w->nfailed ? -1 : 0;
	free(w->failed);
	free(w->threads);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->not_empty);
	pthread_cond_destroy(&w->not_full);
	free(w);
	return rc;
}
