/*
 * fs.h: the file system, the way a build needs it.
 *
 *  - reading a whole file with a size limit;
 *  - a sorted, recursive directory walk (builds are deterministic);
 *  - mkdir -p, recursive removal;
 *  - atomic file writes (temporary file + rename);
 *  - an output tree built in a temporary sibling directory that replaces
 *    the old tree only when the build succeeded, so a failed or
 *    interrupted build never leaves a half-written output folder.
 *
 * Functions return 0 on success and -1 on failure with errno set; they
 * never print. Callers turn failures into diagnostics.
 */
#ifndef NV_FS_H
#define NV_FS_H

#include "common.h"

#include <sys/stat.h>

#include "buf.h"
#include "strlist.h"

struct nv_buf;

/*
 * Read the file at path into out (replacing its contents). Fails with
 * EFBIG when the file is larger than max bytes.
 */
int nv_read_file(const char *path, size_t max, struct nv_buf *out);

/*
 * List the regular files below dir recursively, as paths relative to dir
 * ("orders/o-vnedrenii.md"), sorted bytewise within each directory and
 * directories visited in sorted order, so the list is the same on every
 * machine. Names starting with "." are skipped; symbolic links to
 * directories are not followed. Appends to out.
 */
int nv_walk(const char *dir, struct nv_strlist *out);

/* Create path and its missing parents (mode 0777 & ~umask). */
int nv_mkdir_p(const char *path);

/* Remove path and everything below it; a missing path is not an error. */
int nv_rm_rf(const char *path);

/* True if path exists (any type). */
bool nv_exists(const char *path);

/*
 * What tells an unchanged file without reading it: size, modification
 * and change times, inode and device. A write changes the change time,
 * which no editor or copy tool can set back. But a file changed twice
 * within one tick of the file system clock keeps its times, so a file
 * changed in the last second (*recent) must be read to be sure.
 */
struct nv_hash nv_file_stamp(const struct stat *st, bool *recent);
/* True if path is a directory. */
bool nv_is_dir(const char *path);

/*
 * Write len bytes to path atomically: into a temporary file in the same
 * directory, then rename over path. Readers see the old or the new file,
 * never a part. Missing parent directories are created.
 */
int nv_write_file(const char *path, const void *data, size_t len);

/*
 * Write a file inside a staging tree (struct nv_outdir), where atomicity
 * comes from swapping the whole tree: the file is written in place, with
 * no temporary file and rename, and missing parent folders are created.
 */
int nv_write_new_file(const char *path, const void *data, size_t len);

/*
 * An output tree under construction. nv_outdir_begin() creates an empty
 * staging directory beside `final` (same file system, so the swap is a
 * rename); the build writes into staging; nv_outdir_commit() swaps it in
 * place of final, nv_outdir_abort() throws it away.
 *
 * To never destroy a user's files, an existing `final` is replaced only if
 * it is empty or carries the marker file NV_OUTDIR_MARKER written by a
 * previous build; otherwise begin fails with EEXIST.
 */
#define NV_OUTDIR_MARKER ".nastavnik-output"

struct nv_outdir {
	char *final;
	char *staging;
};

int nv_outdir_begin(struct nv_outdir *o, const char *final);
/*
 * For a rebuild of a few files: move every file of staging into final
 * (each rename replaces one file atomically), then remove staging.
 */
int nv_outdir_merge(struct nv_outdir *o);
int nv_outdir_commit(struct nv_outdir *o);
void nv_outdir_abort(struct nv_outdir *o);

#endif
