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

/* Read the open file fd (a regular file, or fails with EINVAL) into out; closes fd. */
static int read_fd(int fd, size_t max, struct nv_buf *out)
{
	int rc = -1, saved;
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) < 0)
		goto out;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto out;
	}
	if (st.st_size > 0 && (uint64_t)st.st_size > max) {
		errno = EFBIG;
		goto out;
	}
	/*
	 * Room for the whole file plus one byte, so the read that finds the
	 * end needs no more memory: a content folder keeps thousands of these
	 * buffers alive, and 64 KiB chunks would cost 64 KiB per document.
	 */
	nv_buf_grow(out, st.st_size > 0 ? (size_t)st.st_size + 1 : 4096);
	for (;;) {
		if (out->cap - out->len - 1 == 0)
			nv_buf_grow(out, 65536);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
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
	return read_fd(fd, max, out);
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
	int fd;

	nv_buf_reset(out);
	fd = open_at_dir(top, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	return read_fd(fd, max, out);
}

int nv_read_file_in(const char *top, const char *rel, size_t max, struct nv_buf *out)
{
	int fd;

	nv_buf_reset(out);
	/* O_NONBLOCK: a FIFO put in the folder must not hang the build. */
	fd = nv_open_in(top, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	return read_fd(fd, max, out);
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
		nv_buf_reset(&sub);
		nv_buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", name);
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

/* Write all of data to fd, retrying after interruptions. */
static int write_all(int fd, const char *p, size_t len)
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
static char *dir_of(const char *path)
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
	char *dir = dir_of(path), *tmp = nv_xasprintf("%s.tmp-XXXXXX", path);
	int fd = -1, rc = -1, saved;

	if (nv_mkdir_p(dir) < 0)
		goto out;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto out;
	if (write_all(fd, data, len) < 0)
		goto out;
	/* mkstemp makes 0600 files; outputs are ordinary readable files. */
	if (fchmod(fd, 0644) < 0)
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

int nv_write_new_file(const char *path, const void *data, size_t len)
{
	char *dir = dir_of(path);
	int fd = -1, rc = -1, saved;

	/*
	 * A new file, never one opened for writing: a staging tree may hold
	 * hard links to the published files (nv_outdir_link), which must not
	 * change, so a file already there is unlinked first.
	 */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST && unlink(path) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && nv_mkdir_p(dir) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		goto out;
	if (write_all(fd, data, len) < 0)
		goto out;
	rc = close(fd);
	fd = -1;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	free(dir);
	errno = saved;
	return rc;
}

/* --- output trees ------------------------------------------------------------ */

/* True if dir is empty or was written by us (it holds the marker). */
static bool replaceable(const char *dir)
{
	struct nv_buf marker = NV_BUF_INIT;
	DIR *dp;
	struct dirent *de;
	bool ok;

	nv_buf_addf(&marker, "%s/%s", dir, NV_OUTDIR_MARKER);
	ok = nv_exists(marker.ptr);
	nv_buf_release(&marker);
	if (ok)
		return true;
	dp = opendir(dir);
	if (!dp)
		return false;
	ok = true;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, ".gitkeep"))
			ok = false;
	closedir(dp);
	return ok;
}

/* The type of entry name of the folder dirfd, from readdir's type when it knows it. */
static unsigned char type_at(int dirfd, const char *name, unsigned char type)
{
	struct stat st;

	if (type != DT_UNKNOWN)
		return type;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
}

/*
 * Remove entry name (of type, as readdir says) of the folder dirfd and
 * everything below it. Like nv_rm_rf(), but without a stat per file: an
 * old output tree has as many files as the site.
 */
static void rm_at(int dirfd, const char *name, unsigned char type)
{
	struct dirent *de;
	DIR *dp;
	int fd;

	if (type_at(dirfd, name, type) != DT_DIR) {
		unlinkat(dirfd, name, 0);
		return;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	dp = fdopendir(fd);
	if (!dp) {
		close(fd);
		return;
	}
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			rm_at(fd, de->d_name, de->d_type);
	closedir(dp);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

/*
 * Remove a tree of ours: everything but the marker first, the marker
 * last, so a removal cut short leaves a tree still known as ours.
 */
static void remove_ours(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct dirent *de;
	DIR *dp = fd < 0 ? NULL : fdopendir(fd);

	if (!dp && fd >= 0)
		close(fd);
	if (dp) {
		while ((de = readdir(dp)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
			    strcmp(de->d_name, NV_OUTDIR_MARKER))
				rm_at(fd, de->d_name, de->d_type);
		unlinkat(fd, NV_OUTDIR_MARKER, 0);
		closedir(dp);
	}
	rmdir(dir);
}

/* True for "NAME.new-XXXXXX" and "NAME.old-XXXXXX", the names mkdtemp gives. */
static bool leftover_name(const char *name, const char *base)
{
	size_t n = strlen(base), i;

	if (strncmp(name, base, n) ||
	    (strncmp(name + n, ".new-", 5) && strncmp(name + n, ".old-", 5)))
		return false;
	for (i = n + 5; name[i]; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return false;
	return i == n + 11;
}

/* True for "NAME.tmp-XXXXXX", the temporary file of nv_write_file(). */
static bool temp_name(const char *name)
{
	const char *t = strstr(name, ".tmp-");
	size_t i;

	if (!t || strlen(t + 5) != 6)
		return false;
	for (i = 5; t[i]; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
		      (t[i] >= '0' && t[i] <= '9')))
			return false;
	return true;
}

/* Remove the temporary files of hidden files (a manifest) written into final itself. */
static void clean_temps(const char *final)
{
	int fd = open(final, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dp = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *de;

	if (!dp && fd >= 0)
		close(fd);
	while (dp && (de = readdir(dp)) != NULL)
		if (de->d_name[0] == '.' && temp_name(de->d_name) &&
		    type_at(fd, de->d_name, de->d_type) == DT_REG)
			unlinkat(fd, de->d_name, 0);
	if (dp)
		closedir(dp);
}

void nv_outdir_clean(const char *final)
{
	const char *base = strrchr(final, '/');
	char *parent = dir_of(final);
	struct nv_buf path = NV_BUF_INIT;
	struct stat st;
	DIR *dp;
	struct dirent *de;

	base = base ? base + 1 : final;
	dp = opendir(parent);
	while (dp && (de = readdir(dp)) != NULL) {
		if (!leftover_name(de->d_name, base))
			continue;
		nv_buf_reset(&path);
		nv_buf_addf(&path, "%s/%s", parent, de->d_name);
		if (lstat(path.ptr, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		nv_buf_addf(&path, "/%s", NV_OUTDIR_MARKER);
		if (nv_exists(path.ptr)) {
			path.ptr[path.len - strlen(NV_OUTDIR_MARKER) - 1] = '\0';
			remove_ours(path.ptr);
		} else {
			/* A staging folder cut off before its marker: empty, or not ours. */
			path.ptr[path.len - strlen(NV_OUTDIR_MARKER) - 1] = '\0';
			rmdir(path.ptr);
		}
	}
	if (dp)
		closedir(dp);
	nv_buf_release(&path);
	free(parent);
	if (nv_exists(final) && replaceable(final))
		clean_temps(final);
}

int nv_outdir_lock(const char *out, int wait_ms)
{
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC), waited = 0, saved;

	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= wait_ms) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000 * 1000 }, NULL);
		waited += 50;
	}
	return fd;
}

void nv_outdir_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* the lock goes with the last descriptor of it */
}

int nv_outdir_begin(struct nv_outdir *o, const char *final)
{
	char *parent, *marker;
	size_t len = strlen(final);
	int rc = -1;

	o->final = nv_xstrdup(final);
	while (len > 1 && o->final[len - 1] == '/')
		o->final[--len] = '\0';
	o->staging = NULL;
	if (nv_exists(o->final) && (!nv_is_dir(o->final) || !replaceable(o->final))) {
		errno = EEXIST;
		goto out;
	}
	parent = dir_of(o->final);
	rc = nv_mkdir_p(parent);
	free(parent);
	if (rc < 0)
		goto out;
	rc = -1;
	o->staging = nv_xasprintf("%s.new-XXXXXX", o->final);
	if (!mkdtemp(o->staging))
		goto out;
	if (chmod(o->staging, 0755) < 0)
		goto out;
	/* Written in place: a build cut short in the write still leaves a marker. */
	marker = nv_xasprintf("%s/%s", o->staging, NV_OUTDIR_MARKER);
	rc = nv_write_new_file(marker, "nastavnik\n", 10);
	free(marker);
out:
	if (rc < 0) {
		int saved = errno;
		nv_outdir_abort(o);
		errno = saved;
	}
	return rc;
}

/* Copy the file name of the folder from into the folder to (where it cannot be linked). */
static int copy_at(int from, int to, const char *name)
{
	struct nv_buf data = NV_BUF_INIT;
	char chunk[65536];
	ssize_t k;
	int in, out = -1, rc = -1;

	in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -1;
	while ((k = read(in, chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
		if (k > 0)
			nv_buf_add(&data, chunk, (size_t)k);
	if (k == 0)
		out = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out >= 0 && write_all(out, data.ptr, data.len) == 0)
		rc = 0;
	if (out >= 0 && close(out) < 0)
		rc = -1;
	close(in);
	nv_buf_release(&data);
	return rc;
}

/*
 * Link every file below the folder from into the folder to, creating
 * folders; names starting with "." are left out, as nv_walk() does.
 * *can_link goes false on a file system without hard links: copies then.
 */
static int link_tree(int from, int to, bool *can_link)
{
	struct dirent *de;
	int fd = dup(from), sub_from, sub_to, rc = 0;
	DIR *dp = fd < 0 ? NULL : fdopendir(fd);
	unsigned char type;

	if (!dp) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		type = type_at(from, de->d_name, de->d_type);
		if (type == DT_DIR) {
			rc = -1;
			if (mkdirat(to, de->d_name, 0777) < 0 && errno != EEXIST)
				continue;
			sub_from = openat(from, de->d_name,
					  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			sub_to = openat(to, de->d_name,
					O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub_from >= 0 && sub_to >= 0)
				rc = link_tree(sub_from, sub_to, can_link);
			if (sub_from >= 0)
				close(sub_from);
			if (sub_to >= 0)
				close(sub_to);
		} else if (type == DT_REG) {
			if (*can_link && linkat(from, de->d_name, to, de->d_name, 0) == 0)
				continue;
			if (*can_link && (errno == EPERM || errno == EXDEV || errno == ENOTSUP))
				*can_link = false;
			if (!*can_link || errno == EMLINK)
				rc = copy_at(from, to, de->d_name);
			else
				rc = -1;
		}
	}
	closedir(dp);
	return rc;
}

int nv_outdir_link(struct nv_outdir *o)
{
	int from = open(o->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int to = open(o->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool can_link = true;
	int rc = -1, saved;

	if (from >= 0 && to >= 0)
		rc = link_tree(from, to, &can_link);
	saved = errno;
	if (from >= 0)
		close(from);
	if (to >= 0)
		close(to);
	errno = saved;
	return rc;
}

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/*
 * Exchange the names a and b in one step (renameat2 RENAME_EXCHANGE),
 * through the system call itself: older C libraries lack the wrapper.
 * NV_TEST_NO_EXCHANGE in the environment makes it fail with EINVAL, as
 * on a file system without it, so tests reach the fallback.
 */
static int exchange(const char *a, const char *b)
{
	const char *no = getenv("NV_TEST_NO_EXCHANGE");

	if (no && *no) {
		errno = EINVAL;
		return -1;
	}
#ifdef SYS_renameat2
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * The fallback swap: move final aside, rename staging in. Between the two
 * renames final does not exist. *old is set to the name of the old tree.
 */
static int swap_by_two_renames(struct nv_outdir *o, char **old)
{
	int saved;

	*old = nv_xasprintf("%s.old-XXXXXX", o->final);
	/* Move the old tree aside first: rename cannot replace a non-empty directory. */
	if (!mkdtemp(*old) || rmdir(*old) < 0 || rename(o->final, *old) < 0)
		return -1;
	if (rename(o->staging, o->final) < 0) {
		saved = errno;
		/* Put the old tree back; if even that fails, it stays in `old`. */
		if (rename(*old, o->final) == 0)
			errno = saved;
		return -1;
	}
	return 0;
}

int nv_outdir_commit(struct nv_outdir *o)
{
	char *old = NULL;
	int rc = -1, saved;

	if (!nv_exists(o->final)) {
		if (rename(o->staging, o->final) < 0)
			goto out;
	} else if (exchange(o->staging, o->final) == 0) {
		/* The old tree now has the staging folder's name. */
		remove_ours(o->staging);
	} else if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		goto out;
	} else if (swap_by_two_renames(o, &old) < 0) {
		goto out;
	} else {
		remove_ours(old);
	}
	free(o->staging);
	o->staging = NULL;
	rc = 0;
out:
	saved = errno;
	free(old);
	nv_outdir_abort(o);
	errno = saved;
	return rc;
}

void nv_outdir_abort(struct nv_outdir *o)
{
	if (o->staging) {
		remove_ours(o->staging);
		free(o->staging);
	}
	free(o->final);
	o->staging = NULL;
	o->final = NULL;
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
