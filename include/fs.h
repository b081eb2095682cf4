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

#include <sys/types.h>

#include <sys/stat.h>

#include "buf.h"
#include "strlist.h"

struct nv_buf;

/*
 * Read the file at path into out (replacing its contents). Fails with
 * EFBIG when the file is larger than max bytes, EISDIR for a folder and
 * EINVAL for anything else that is not a regular file.
 */
int nv_read_file(const char *path, size_t max, struct nv_buf *out);

/*
 * Open top/rel with open(2) flags, following no symbolic link below top:
 * each folder of rel and the file itself are opened one by one with
 * O_NOFOLLOW, so a link anywhere below top fails with ELOOP (or ENOTDIR),
 * also one put there after the caller looked. top itself may be a link.
 * rel is a relative path without "." or ".." components. Returns the
 * descriptor (close-on-exec), or -1 with errno set.
 */
int nv_open_in(const char *top, const char *rel, int flags);

/*
 * nv_read_file() of top/rel through nv_open_in(): the file is read only if
 * it is a regular file reached without following a link below top. This is
 * how a project's own files are read, so that nothing outside the project
 * is read through a link, whatever is changed while a build runs.
 */
int nv_read_file_in(const char *top, const char *rel, size_t max, struct nv_buf *out);

/* The folder part of path («.» when there is none, «/» at the root); the caller frees. */
char *nv_dir_of(const char *path);

/* Write all of data to fd, retrying after interruptions; 0 or -1 (errno). */
int nv_write_all(int fd, const char *p, size_t len);

/* nv_read_file_in() below the open folder top (kept open: one open for many files). */
int nv_read_file_at(int top, const char *rel, size_t max, struct nv_buf *out);
/* nv_read_file_at(), and what fstat() said of the file before it was read into *st. */
int nv_read_file_stat(int top, const char *rel, size_t max, struct nv_buf *out, struct stat *st);
/*
 * Read top/rel again, opened as nv_read_file_at() does, when it holds
 * exactly len bytes: one read, then fstat() into *st, which then tells
 * whether it changed since it was read before (nv_file_stamp()). 0, or -1
 * for any other case (not read, another size, not a regular file): read it
 * with nv_read_file_at() then, which says why.
 */
int nv_reread_at(int top, const char *rel, size_t len, struct nv_buf *out, struct stat *st);

/*
 * What a recursive walk of a folder found, paths relative to the folder
 * ("orders/o-vnedrenii.md"), sorted bytewise within each directory and
 * directories visited in sorted order, so the lists are the same on every
 * machine. Names starting with "." are skipped, and so are FIFOs, sockets
 * and devices.
 */
struct nv_walk_failure {
	char *rel; /* the folder or entry that could not be read; "" is the top */
	int err;   /* its errno */
};

struct nv_walk {
	struct nv_strlist files; /* regular files */
	struct nv_strlist links; /* symbolic links to anything: never followed */
	struct nv_walk_failure *failed;
	size_t nfailed, failed_alloc;
};

#define NV_WALK_INIT                                         \
	{                                                    \
		NV_STRLIST_INIT, NV_STRLIST_INIT, NULL, 0, 0 \
	}

/*
 * Walk dir into w (appending; zeroed or NV_WALK_INIT at first). Folders are
 * opened without following links (dir itself may be one). A folder that
 * cannot be read is noted in w->failed and the walk goes on; returns -1
 * with errno of the first such failure if there was one, else 0.
 */
int nv_walk_all(const char *dir, struct nv_walk *w);

/* Free what w holds; w is zeroed. */
void nv_walk_release(struct nv_walk *w);

/*
 * The regular files below dir (see struct nv_walk), appended to out.
 * Symbolic links are neither followed nor listed. Fails (-1, errno set,
 * nothing appended) when any folder cannot be read.
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
/*
 * True if the first n bytes of name (a path, a link's destination) end in
 * the extension of a type of file a school publishes (.pdf, .docx, .jpg,
 * … compared without case), after a name: the attachments the model
 * accepts, and the files a link of a text may name.
 */
bool nv_file_publishable(const char *name, size_t n);
/* True if path is a directory. */
bool nv_is_dir(const char *path);
/* True if path is root or below it, both written alike (resolved by realpath()). */
bool nv_path_inside(const char *path, const char *root);

/*
 * Write len bytes to path atomically: into a temporary file in the same
 * directory, then rename over path. Readers see the old or the new file,
 * never a part. Missing parent directories are created.
 */
int nv_write_file(const char *path, const void *data, size_t len);

/*
 * nv_write_file() making a file of the given mode: 0600 for the build's
 * own records beside the site (the checks' warnings, the texts' trees),
 * which name people and are nobody else's to read.
 */
int nv_write_file_mode(const char *path, const void *data, size_t len, mode_t mode);

/* Remove what a write of file cut short left beside it (FILE.tmp-XXXXXX). */
void nv_remove_temps(const char *file);

/*
 * Write a file inside a staging tree (struct nv_outdir), where atomicity
 * comes from swapping the whole tree: no temporary file and rename, and
 * missing parent folders are created. A file already at path is unlinked
 * and a new one created, never written through: it may be a hard link to
 * a published file (nv_outdir_link).
 */
int nv_write_new_file(const char *path, const void *data, size_t len);

/*
 * The folder a thread wrote its last file in, kept open: the next file
 * in the same folder is created relative to it, not looked up by its
 * whole path again (a site writes thousands of files in a few folders).
 */
struct nv_dir_cache {
	char *dir; /* len bytes of the paths written, or NULL */
	size_t len;
	int fd;
};
#define NV_DIR_CACHE_INIT   \
	{                   \
		NULL, 0, -1 \
	}
/*
 * A new file at path open for writing (its descriptor, or -1), made as
 * nv_write_new_file() makes it, in the folder kept in dirs (made the one
 * of path).
 */
int nv_open_new_file_in(struct nv_dir_cache *dirs, const char *path);
/* nv_write_new_file(), in the folder kept in dirs (made the one of path). */
int nv_write_new_file_in(struct nv_dir_cache *dirs, const char *path, const void *data, size_t len);
/* Close the folder kept; dirs is as new. */
void nv_dir_cache_release(struct nv_dir_cache *dirs);

/*
 * An output tree under construction. nv_outdir_begin() creates a staging
 * directory FINAL.new-XXXXXX beside `final` (same file system, so the
 * swap is a rename) holding only the marker; the build writes into
 * staging; nv_outdir_commit() swaps it in place of final,
 * nv_outdir_abort() throws it away.
 *
 * To never destroy a user's files, an existing `final` is replaced only if
 * it is empty or carries the marker file NV_OUTDIR_MARKER written by a
 * previous build; otherwise begin fails with EEXIST.
 *
 * Two builds must not work on one output folder at once: the caller
 * holds nv_outdir_lock() on the folder that holds final while it begins,
 * commits and cleans.
 */
#define NV_OUTDIR_MARKER      ".nastavnik-output"
#define NV_OUTDIR_MARKER_TEXT "nastavnik\n"

struct nv_outdir {
	char *final;
	char *staging;
};

int nv_outdir_begin(struct nv_outdir *o, const char *final);

/*
 * Fill staging with every file of final (names starting with "." aside),
 * as hard links, or copies where the file system has none: the start of
 * a build that renders only some files again. Those are then written
 * with nv_write_new_file() or nv_write_file(), which replace a link and
 * never write through it, so the published tree does not change.
 */
int nv_outdir_link(struct nv_outdir *o);

/*
 * Put staging in place of final, then remove the old tree; o is released
 * either way. Where final exists, the two are exchanged in one step
 * (renameat2 RENAME_EXCHANGE): a reader sees the old tree or the new one,
 * never none. Where the file system lacks it (EINVAL, ENOSYS, ENOTSUP), the old
 * tree is renamed to FINAL.old-XXXXXX and staging to final, and for that
 * moment final does not exist. On failure final is the old tree.
 */
int nv_outdir_commit(struct nv_outdir *o);

/* Remove staging (when not committed) and release o; accepts a released o. */
void nv_outdir_abort(struct nv_outdir *o);

/*
 * Seal final, just committed, or left as it was by a build given up:
 * its marker is written again in place, its mtime and ctime now, equal,
 * and later than anything the build did to the files (a link made or
 * removed changes a file's ctime). Returns 0 or -1.
 */
int nv_outdir_seal(const char *final);

/*
 * Flag final, when it is ours, as changed by nastavnik outside a build
 * (nv_outdir_link(), `print` writing a PDF into it): its marker's mtime
 * is set apart from its ctime, and until the next seal the times of its
 * files prove nothing (nv_outdir_touched()). Returns 0 or -1.
 */
int nv_outdir_unseal(const char *final);

/*
 * What in final was changed by hand since nv_outdir_seal(): files (and
 * links) whose ctime is later than the seal, added or edited, into
 * *files, and folders whose ctime is, where a file was added or removed,
 * into *dirs (the top one as ""), each sorted, paths relative to final.
 * Names starting with "." are not looked at: a rebuild never carries
 * them. False, with nothing found, when final is not sealed (never, or
 * flagged since: nv_outdir_unseal()) or is not the folder id names
 * (nv_outdir_id(), as the last build recorded it): a copy.
 */
bool nv_outdir_touched(const char *final, const char *id, struct nv_strlist *files,
		       struct nv_strlist *dirs);

/*
 * Which folder dir is, for nv_outdir_touched(): its device and inode as
 * text ("" when it cannot be told), the same after a rename, not in a
 * copy.
 */
#define NV_OUTDIR_ID_MAX 48
void nv_outdir_id(const char *dir, char id[NV_OUTDIR_ID_MAX]);

/*
 * Remove what builds cut short left beside final: folders named
 * FINAL.new-XXXXXX or FINAL.old-XXXXXX that carry the marker (or are
 * empty), and in final (when it is ours) the temporary files of hidden
 * files nv_write_file() was writing there (".NAME.tmp-XXXXXX"). Only with
 * the lock held: then no build is using them.
 */
void nv_outdir_clean(const char *final);

/*
 * Lock the output folder out (it must exist) against other builds:
 * flock on the folder itself, so nothing is created and a build killed
 * releases it with its last process. Waits up to wait_ms milliseconds
 * for a build running there. Returns the descriptor that holds the lock
 * (for nv_outdir_unlock), or -1 with errno (EWOULDBLOCK: still locked).
 */
int nv_outdir_lock(const char *out, int wait_ms);
void nv_outdir_unlock(int fd);

#endif
