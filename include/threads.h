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
