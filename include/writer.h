/*
 * writer.h: writing many output files with several threads.
 *
 * Rendering produces a file's bytes; creating and writing the file costs
 * system calls that wait on the disk. A writer takes finished files and
 * writes them with `jobs` threads, so the disk waits overlap with each
 * other and with rendering. The files are the same whatever the number
 * of threads; only the moment each is written differs.
 *
 * The other work shared among threads (loading documents, reading their
 * fields, rendering pages) goes through nv_run_threads() below.
 */
#ifndef NV_WRITER_H
#define NV_WRITER_H

#include "common.h"

struct nv_diags;
struct nv_writer;

/*
 * Start a writer with `jobs` threads (1 writes in the caller's thread, at
 * once). Files are written with nv_write_new_file (fs.h).
 */
struct nv_writer *nv_writer_new(int jobs);

/*
 * Queue a file: path and data are taken over (the writer frees them).
 * Blocks while the queue is full.
 */
void nv_writer_add(struct nv_writer *w, char *path, char *data, size_t len);

/*
 * Wait for every queued file, stop the threads and free the writer. Files
 * that could not be written are reported in d. Returns 0, or -1 when any
 * file failed.
 */
int nv_writer_finish(struct nv_writer *w, struct nv_diags *d);

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

#endif
