/*
 * fs.c: file-system helpers for builds; see fs.h.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#ifdef SYS_openat2
#include <linux/openat2.h>
#endif
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "fs.h"

/*
 * Read the open file fd (a regular file, or fails with EINVAL) into out;
 * closes fd. What fstat() said of it before the read goes to *stp when
 * stp is not NULL.
 */
static int read_fd(int fd, size_t max, struct nv_buf *out, struct stat *stp)
{
	int rc = -1, saved;
	struct stat own, *st = stp ? stp : &own;
	size_t want;
	ssize_t n;

	if (fstat(fd, st) < 0)
		goto out;
	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		errno = EINVAL;
		goto out;
	}
	if (st->st_size > 0 && (uint64_t)st->st_size > max) {
		errno = EFBIG;
		goto out;
	}
	/*
	 * Room for the whole file plus one byte, so the read that finds the
	 * end needs no more memory: a content folder keeps thousands of these
	 * buffers alive, and 64 KiB chunks would cost 64 KiB per document.
	 */
	nv_buf_grow(out, st->st_size > 0 ? (size_t)st->st_size + 1 : 4096);
	for (;;) {
		if (out->cap - out->len - 1 == 0)
			nv_buf_grow(out, 65536);
		want = out->cap - out->len - 1;
		n = read(fd, out->ptr + out->len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max) {
			errno = EFBIG;
			goto out;
		}
		/*
		 * A regular file's read stops short only at its end: one that
		 * ends at the size fstat() gave needs no read to find it.
		 */
		if ((size_t)n < want && st->st_size > 0 && out->len == (size_t)st->st_size)
			break;
	}
	rc = 0;
out:
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int nv_read_file(const char *path, size_t max, struct nv_buf *out)
{
	int fd;

	nv_buf_reset(out);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* A FIFO opened without O_NONBLOCK has waited for a writer: read it as before. */
	return read_fd(fd, max, out, NULL);
}

/*
 * openat2() with RESOLVE_NO_SYMLINKS: rel in one call, no component of it
 * followed if it is a link; -1 with errno ENOSYS where the kernel (before
 * 5.6) or a sandbox lacks it.
 */
static int open_no_links(int dir, const char *rel, int flags)
{
#ifdef SYS_openat2
	struct open_how how;

	memset(&how, 0, sizeof how);
	how.flags = (uint64_t)(flags | O_CLOEXEC | O_NOFOLLOW);
	how.resolve = RESOLVE_NO_SYMLINKS;
	return (int)syscall(SYS_openat2, dir, rel, &how, sizeof how);
#else
	(void)dir;
	(void)rel;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}

/* nv_open_in() below the open folder top, which stays open. */
static int open_at_dir(int top, const char *rel, int flags)
{
	const char *p = rel, *slash;
	char *name;
	int dir = top, fd, saved;

	if (strchr(rel, '/')) {
		fd = open_no_links(top, rel, flags);
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
	}
	/* One component at a time, none of them followed if it is a link. */
	while (dir >= 0 && (slash = strchr(p, '/')) != NULL) {
		name = nv_xmemdupz(p, (size_t)(slash - p));
		fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
		saved = errno;
		free(name);
		if (dir != top)
			close(dir);
		errno = saved;
		dir = fd;
		p = slash + 1;
	}
	if (dir < 0)
		return -1;
	fd = openat(dir, p, flags | O_CLOEXEC | O_NOFOLLOW);
	saved = errno;
	if (dir != top)
		close(dir);
	errno = saved;
	return fd;
}

int nv_open_in(const char *top, const char *rel, int flags)
{
	int dir = open(top, O_RDONLY | O_CLOEXEC | O_DIRECTORY), fd, saved;

	if (dir < 0)
		return -1;
	fd = open_at_dir(dir, rel, flags);
	saved = errno;
	close(dir);
	errno = saved;
	return fd;
}

int nv_read_file_at(int top, const char *rel, size_t max, struct nv_buf *out)
{
	return nv_read_file_stat(top, rel, max, out, NULL);
}

int nv_read_file_stat(int top, const char *rel, size_t max, struct nv_buf *out, struct stat *st)
{
	int fd;

	nv_buf_reset(out);
	/* O_NONBLOCK: a FIFO put in the folder must not hang the build. */
	fd = open_at_dir(top, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	return read_fd(fd, max, out, st);
}

int nv_reread_at(int top, const char *rel, size_t len, struct nv_buf *out, struct stat *st)
{
	int fd, rc = -1;
	ssize_t n;

	nv_buf_reset(out);
	fd = open_at_dir(top, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	nv_buf_grow(out, len + 1);
	/* One byte more than expected: a read that gets it finds a longer file. */
	do
		n = read(fd, out->ptr, len + 1);
	while (n < 0 && errno == EINTR);
	/* fstat() after the read: a change made during it shows in the times. */
	if (n == (ssize_t)len && fstat(fd, st) == 0 && S_ISREG(st->st_mode)) {
		out->len = len;
		out->ptr[len] = '\0';
		rc = 0;
	}
	close(fd);
	return rc;
}

int nv_read_file_in(const char *top, const char *rel, size_t max, struct nv_buf *out)
{
	int dir = open(top, O_RDONLY | O_CLOEXEC | O_DIRECTORY), rc, saved;

	if (dir < 0) {
		nv_buf_reset(out);
		return -1;
	}
	rc = nv_read_file_at(dir, rel, max, out);
	saved = errno;
	close(dir);
	errno = saved;
	return rc;
}

/* Names with their type byte in front (walk): sorted by the name alone. */
static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* Note that the folder (or entry) rel could not be read, with errno. */
static void walk_failed(struct nv_walk *w, const char *rel)
{
	NV_GROW(w->failed, w->nfailed + 1, w->failed_alloc);
	w->failed[w->nfailed].rel = nv_xstrdup(rel);
	w->failed[w->nfailed].err = errno;
	w->nfailed++;
}

/* Open dir/rel as a folder, never through a link (rel is "" at the top). */
static DIR *open_folder(const char *path, const char *rel)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_DIRECTORY | (*rel ? O_NOFOLLOW : 0));
	DIR *dp;

	if (fd < 0)
		return NULL;
	dp = fdopendir(fd);
	if (!dp)
		close(fd);
	return dp;
}

/* Walk dir/rel; rel is "" at the top. */
static void walk(const char *dir, const char *rel, struct nv_walk *w)
{
	struct nv_strlist names = NV_STRLIST_INIT;
	struct nv_buf path = NV_BUF_INIT, sub = NV_BUF_INIT;
	DIR *dp;
	struct dirent *de;
	struct stat st;
	size_t i;

	nv_buf_addf(&path, "%s%s%s", dir, *rel ? "/" : "", rel);
	dp = open_folder(path.ptr, rel);
	if (!dp) {
		walk_failed(w, rel);
		goto out;
	}
	/*
	 * Each name is kept with its type from the directory entry in front
	 * (one byte: 'f' file, 'd' folder, 'l' link, '?' ask lstat), so a
	 * folder of ten thousand documents costs no system call per file.
	 */
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		nv_buf_reset(&sub);
		nv_buf_addch(&sub, de->d_type == DT_REG	  ? 'f'
				   : de->d_type == DT_DIR ? 'd'
				   : de->d_type == DT_LNK ? 'l'
							  : '?');
		nv_buf_adds(&sub, de->d_name);
		nv_strlist_add(&names, sub.ptr);
	}
	closedir(dp);
	if (names.nr > 1)
		qsort(names.v, names.nr, sizeof(*names.v), cmp_name);

	for (i = 0; i < names.nr; i++) {
		char type = names.v[i][0];
		const char *name = names.v[i] + 1;
		memset(&st, 0, sizeof(st));
		st.st_mode = type == 'f' ? S_IFREG : type == 'l' ? S_IFLNK : S_IFDIR;
		/* Not a format: ten thousand names. */
		nv_buf_reset(&sub);
		nv_buf_add_path(&sub, rel, name);
		if (type == '?') {
			char *full = nv_xasprintf("%s/%s", path.ptr, name);
			int r = lstat(full, &st);
			free(full);
			if (r < 0) {
				walk_failed(w, sub.ptr);
				continue;
			}
		}
		/* Other kinds of entry (FIFOs, sockets, devices) are no content. */
		if (S_ISDIR(st.st_mode))
			walk(dir, sub.ptr, w);
		else if (S_ISREG(st.st_mode))
			nv_strlist_add(&w->files, sub.ptr);
		else if (S_ISLNK(st.st_mode))
			nv_strlist_add(&w->links, sub.ptr);
	}
out:
	nv_strlist_release(&names);
	nv_buf_release(&path);
	nv_buf_release(&sub);
}

int nv_walk_all(const char *dir, struct nv_walk *w)
{
	size_t failed = w->nfailed;

	walk(dir, "", w);
	if (w->nfailed == failed)
		return 0;
	errno = w->failed[failed].err;
	return -1;
}

void nv_walk_release(struct nv_walk *w)
{
	size_t i;

	nv_strlist_release(&w->files);
	nv_strlist_release(&w->links);
	for (i = 0; i < w->nfailed; i++)
		free(w->failed[i].rel);
	free(w->failed);
	memset(w, 0, sizeof(*w));
}

int nv_walk(const char *dir, struct nv_strlist *out)
{
	struct nv_walk w = NV_WALK_INIT;
	int rc = nv_walk_all(dir, &w), saved = errno;
	size_t i;

	for (i = 0; rc == 0 && i < w.files.nr; i++)
		nv_strlist_add(out, w.files.v[i]);
	nv_walk_release(&w);
	errno = saved;
	return rc;
}

int nv_mkdir_p(const char *path)
{
	char *parent;
	const char *slash;
	int rc;

	/* Most calls find the folder there already: one system call. */
	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST) {
		if (nv_is_dir(path))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	slash = strrchr(path, '/');
	if (!slash || slash == path)
		return -1;
	parent = nv_xmemdupz(path, (size_t)(slash - path));
	rc = nv_mkdir_p(parent);
	free(parent);
	if (rc < 0)
		return -1;
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int nv_rm_rf(const char *path)
{
	struct stat st;
	DIR *dp;
	struct dirent *de;
	struct nv_buf sub = NV_BUF_INIT;
	int rc = -1;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	dp = opendir(path);
	if (!dp)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		nv_buf_reset(&sub);
		nv_buf_addf(&sub, "%s/%s", path, de->d_name);
		if (nv_rm_rf(sub.ptr) < 0)
			goto out;
	}
	rc = rmdir(path);
out:
	closedir(dp);
	nv_buf_release(&sub);
	return rc;
}

bool nv_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool nv_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool nv_path_inside(const char *path, const char *root)
{
	size_t n = strlen(root);

	return !strncmp(path, root, n) && (path[n] == '/' || path[n] == '\0');
}

/* Write all of data to fd, retrying after interruptions. */
int nv_write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory part of path ("." when there is none); the caller frees. */
char *nv_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return nv_xstrdup(".");
	if (slash == path)
		return nv_xstrdup("/");
	return nv_xmemdupz(path, (size_t)(slash - path));
}

int nv_write_file(const char *path, const void *data, size_t len)
{
	return nv_write_file_mode(path, data, len, 0644);
}

int nv_write_file_mode(const char *path, const void *data, size_t len, mode_t mode)
{
	char *dir = nv_dir_of(path), *tmp = nv_xasprintf("%s.tmp-XXXXXX", path);
	int fd = -1, rc = -1, saved;

	if (nv_mkdir_p(dir) < 0)
		goto out;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto out;
	if (nv_write_all(fd, data, len) < 0)
		goto out;
	/* mkstemp makes 0600 files; outputs are ordinary readable files. */
	if (fchmod(fd, mode) < 0)
		goto out;
	if (close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto out;
	rc = 0;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	free(dir);
	errno = saved;
	return rc;
}

void nv_remove_temps(const char *file)
{
	char *dir = nv_dir_of(file), *path;
	const char *base = strrchr(file, '/');
	size_t n;
	struct dirent *de;
	DIR *dp;

	base = base ? base + 1 : file;
	n = strlen(base);
	dp = opendir(dir);
	while (dp && (de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, base, n) || strncmp(de->d_name + n, ".tmp-", 5))
			continue;
		path = nv_xasprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	if (dp)
		closedir(dp);
	free(dir);
}

int nv_write_new_file(const char *path, const void *data, size_t len)
{
	struct nv_dir_cache dirs = NV_DIR_CACHE_INIT;
	int rc = nv_write_new_file_in(&dirs, path, data, len);

	nv_dir_cache_release(&dirs);
	return rc;
}

void nv_dir_cache_release(struct nv_dir_cache *c)
{
	if (c->fd >= 0) {
		int saved = errno;
		close(c->fd);
		errno = saved;
	}
	free(c->dir);
	*c = (struct nv_dir_cache)NV_DIR_CACHE_INIT;
}

/*
 * The descriptor of the folder of path (its first len bytes) kept in c,
 * created when missing; -1 if it cannot be.
 */
static int dir_open(struct nv_dir_cache *c, const char *path, size_t len)
{
	char *dir;

	if (c->fd >= 0 && c->len == len && !memcmp(c->dir, path, len))
		return c->fd;
	nv_dir_cache_release(c);
	dir = len ? nv_xmemdupz(path, len) : nv_xstrdup(".");
	c->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->fd < 0 && errno == ENOENT && nv_mkdir_p(dir) == 0)
		c->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (c->fd < 0) {
		free(dir);
		return -1;
	}
	c->dir = dir;
	c->len = len;
	return c->fd;
}

int nv_open_new_file_in(struct nv_dir_cache *dirs, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	int dfd = dir_open(dirs, path, slash ? (size_t)(slash - path) : 0), fd;

	if (dfd < 0)
		return -1;
	/*
	 * A new file, never one opened for writing: a staging tree may hold
	 * hard links to the published files (nv_outdir_link), which must not
	 * change, so a file already there is unlinked first.
	 */
	fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST && unlinkat(dfd, base, 0) == 0)
		fd = openat(dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	return fd;
}

int nv_write_new_file_in(struct nv_dir_cache *dirs, const char *path, const void *data, size_t len)
{
	int fd = nv_open_new_file_in(dirs, path), saved;

	if (fd < 0)
		return -1;
	if (nv_write_all(fd, data, len) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

struct nv_hash nv_file_stamp(const struct stat *st, bool *recent)
{
	struct nv_hash h = NV_HASH_INIT;
	long long v[7] = { (long long)st->st_size,	  (long long)st->st_ino,
			   (long long)st->st_mtim.tv_sec, (long long)st->st_mtim.tv_nsec,
			   (long long)st->st_ctim.tv_sec, (long long)st->st_ctim.tv_nsec,
			   (long long)st->st_dev };
	struct timespec now;

	nv_hash_add(&h, v, sizeof(v));
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_sec -= 1;
	*recent = st->st_mtim.tv_sec > now.tv_sec ||
		  (st->st_mtim.tv_sec == now.tv_sec && st->st_mtim.tv_nsec >= now.tv_nsec) ||
		  st->st_ctim.tv_sec > now.tv_sec ||
		  (st->st_ctim.tv_sec == now.tv_sec && st->st_ctim.tv_nsec >= now.tv_nsec);
	return h;
}

bool nv_file_publishable(const char *name, size_t n)
{
	/* Anything else is refused: a browser would run an .html, .svg or .js file as a page. */
	static const char *const exts[] = {
		".pdf", ".doc", ".docx", ".odt", ".ods",  ".odp", ".rtf",  ".xls", ".xlsx",
		".csv", ".txt", ".png",	 ".jpg", ".jpeg", ".gif", ".webp", ".zip",
	};
	size_t i, k;

	for (i = 0; i < NV_ARRAY_SIZE(exts); i++) {
		k = strlen(exts[i]);
		if (n > k && name[n - k - 1] != '/' && nv_ends_with_nocase(name, n, exts[i]))
			return true;
	}
	return false;
}
