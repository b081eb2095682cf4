/*
 * writer.h: writing many output files with several threads.
 *
 * Rendering produces a file's bytes; creating and writing the file costs
 * system calls that wait on the disk. A writer takes finished files and
 * writes them with `jobs` threads, so the disk waits overlap with each
 * other and with rendering. The files are the same whatever the number
 * of threads; only the moment each is written differs. A file made in a
 * buffer its thread fills again, a page, is written at once by that
 * thread (nv_writer_write()): handed over, each page would need a buffer
 * of its own, fresh memory the kernel clears, and a copy read cold.
 *
 * The other work shared among threads (loading documents, reading their
 * fields, rendering pages) goes through nv_run_threads() (threads.h).
 */
#ifndef NV_WRITER_H
#define NV_WRITER_H

#include "common.h"

struct nv_diags;
struct nv_dir_cache;
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
 * Write a file at once, in the calling thread, in the folder kept in dirs
 * (the caller's own, fs.h): path and data stay the caller's, data to be
 * filled again with the next file. A failure is reported by
 * nv_writer_finish(), as a queued file's is.
 */
void nv_writer_write(struct nv_writer *w, struct nv_dir_cache *dirs, const char *path,
		     const void *data, size_t len);

/*
 * A file written in pieces by one thread at a time, at path (the caller's,
 * kept until the file is closed), in the folder kept in dirs: made by
 * nv_writer_open(), its bytes added by nv_writer_append(), closed by
 * nv_writer_close(), which removes it unless keep is true. A failure is
 * reported by nv_writer_finish(), as a queued file's is, the file
 * removed; the calls after it do nothing.
 */
struct nv_writer_file {
	struct nv_writer *w;
	const char *path;
	int fd; /* -1 once closed or failed */
};
void nv_writer_open(struct nv_writer_file *f, struct nv_writer *w, struct nv_dir_cache *dirs,
		    const char *path);
void nv_writer_append(struct nv_writer_file *f, const void *data, size_t len);
void nv_writer_close(struct nv_writer_file *f, bool keep);

/*
 * Wait for every queued file, stop the threads and free the writer. Files
 * that could not be written are reported in d. Returns 0, or -1 when any
 * file failed.
 */
int nv_writer_finish(struct nv_writer *w, struct nv_diags *d);

#endif
