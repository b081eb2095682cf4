/*
 * fs_outdir.c: output trees, built beside the last one and swapped in
 * whole; see fs.h.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "fs.h"

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
	char *parent = nv_dir_of(final);
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
	parent = nv_dir_of(o->final);
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
	rc = nv_write_new_file(marker, NV_OUTDIR_MARKER_TEXT, strlen(NV_OUTDIR_MARKER_TEXT));
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
	if (out >= 0 && nv_write_all(out, data.ptr, data.len) == 0)
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

/* The kept last tree of final: PARENT/.BASE.prev; the caller frees. */
static char *prev_name(const char *final)
{
	const char *base = strrchr(final, '/');
	char *parent = nv_dir_of(final), *p;

	p = nv_xasprintf("%s/.%s.prev", parent, base ? base + 1 : final);
	free(parent);
	return p;
}

/* True if dir is a folder (not a link to one) that holds the marker. */
static bool ours(const char *dir)
{
	struct stat st;
	char *marker;
	bool ok;

	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	marker = nv_xasprintf("%s/%s", dir, NV_OUTDIR_MARKER);
	ok = nv_exists(marker);
	free(marker);
	return ok;
}

struct dent {
	char *name;
	ino_t ino;
	unsigned char type;
};

static int dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name, ((const struct dent *)b)->name);
}

/* The entries of the folder fd but "." and "..", sorted by name; *n their count. */
static struct dent *list_at(int fd, size_t *n)
{
	int dup_fd = dup(fd);
	DIR *dp = dup_fd < 0 ? NULL : fdopendir(dup_fd);
	struct dirent *de;
	struct dent *v = NULL;
	size_t alloc = 0;

	*n = 0;
	if (!dp) {
		if (dup_fd >= 0)
			close(dup_fd);
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		NV_GROW(v, *n + 1, alloc);
		v[*n].name = nv_xstrdup(de->d_name);
		v[*n].ino = de->d_ino;
		v[*n].type = type_at(fd, de->d_name, de->d_type);
		(*n)++;
	}
	closedir(dp);
	if (*n)
		qsort(v, *n, sizeof(*v), dent_cmp);
	return v;
}

static void dents_free(struct dent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int sync_tree(int from, int to, bool top, bool *can_link);

/* Bring entry f of the folder from into the folder to, where t (or nothing) is. */
static int sync_entry(int from, int to, const struct dent *f, const struct dent *t, bool *can_link)
{
	int sub_from, sub_to, rc = -1;

	if (f->type == DT_REG) {
		/* The same file (both names alive on one file system): nothing to do. */
		if (t && t->type == DT_REG && t->ino == f->ino && *can_link)
			return 0;
		if (t)
			rm_at(to, t->name, t->type);
		if (*can_link && linkat(from, f->name, to, f->name, 0) == 0)
			return 0;
		if (*can_link && (errno == EPERM || errno == EXDEV || errno == ENOTSUP))
			*can_link = false;
		return !*can_link || errno == EMLINK ? copy_at(from, to, f->name) : -1;
	}
	if (t && t->type != DT_DIR)
		rm_at(to, t->name, t->type);
	if (!(t && t->type == DT_DIR) && mkdirat(to, f->name, 0777) < 0)
		return -1;
	sub_from = openat(from, f->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	sub_to = openat(to, f->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub_from >= 0 && sub_to >= 0)
		rc = sync_tree(sub_from, sub_to, false, can_link);
	if (sub_from >= 0)
		close(sub_from);
	if (sub_to >= 0)
		close(sub_to);
	return rc;
}

/*
 * Make the folder to hold what link_tree() would have put into an empty
 * one: every file and folder of from (names starting with "." aside), a
 * file there already the same (same inode) kept, anything else replaced
 * or removed; in the top folder the marker stays.
 */
static int sync_tree(int from, int to, bool top, bool *can_link)
{
	size_t nf, nt, i = 0, k = 0;
	struct dent *f = list_at(from, &nf), *t = list_at(to, &nt);
	int c, rc = 0;

	while (rc == 0 && (i < nf || k < nt)) {
		c = i >= nf ? 1 : k >= nt ? -1 : strcmp(f[i].name, t[k].name);
		if (c > 0) {
			/* Only in to, or hidden: not what a link of from makes. */
			if (!(top && !strcmp(t[k].name, NV_OUTDIR_MARKER)))
				rm_at(to, t[k].name, t[k].type);
			k++;
			continue;
		}
		if (f[i].name[0] != '.' && (f[i].type == DT_REG || f[i].type == DT_DIR))
			rc = sync_entry(from, to, &f[i], c == 0 ? &t[k] : NULL, can_link);
		else if (c == 0 && !(top && !strcmp(t[k].name, NV_OUTDIR_MARKER)))
			rm_at(to, t[k].name, t[k].type);
		if (c == 0)
			k++;
		i++;
	}
	dents_free(f, nf);
	dents_free(t, nt);
	return rc;
}

/*
 * Take the tree kept by the last commit (prev_name()) as staging, in
 * place of the empty one begin made. Returns false when there is none
 * of ours or it cannot be taken; staging is then as begin left it.
 */
static bool take_prev(struct nv_outdir *o)
{
	char *prev = prev_name(o->final), *marker;
	bool ok = false;

	if (ours(prev)) {
		marker = nv_xasprintf("%s/%s", o->staging, NV_OUTDIR_MARKER);
		ok = unlink(marker) == 0 && rmdir(o->staging) == 0 && rename(prev, o->staging) == 0;
		/* Cut short: begin's empty staging again, so abort and commit work as ever. */
		if (!ok && (mkdir(o->staging, 0755) == 0 || errno == EEXIST))
			nv_write_new_file(marker, NV_OUTDIR_MARKER_TEXT,
					  strlen(NV_OUTDIR_MARKER_TEXT));
		free(marker);
	}
	free(prev);
	return ok;
}

int nv_outdir_unseal(const char *final)
{
	static const struct timespec epoch[2] = { { 0, 0 }, { 0, 0 } };
	char *marker = nv_xasprintf("%s/%s", final, NV_OUTDIR_MARKER);
	/* mtime 1970, ctime now: not equal (sealed_at()) */
	int rc = ours(final) ? utimensat(AT_FDCWD, marker, epoch, AT_SYMLINK_NOFOLLOW) : -1;

	free(marker);
	return rc;
}

int nv_outdir_link(struct nv_outdir *o)
{
	int from = open(o->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC), to;
	bool can_link = true, taken = take_prev(o);
	int rc = -1, saved;

	to = open(o->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* The links change the files' ctime: until the seal, they prove nothing (fs.h). */
	if (from >= 0 && to >= 0 && nv_outdir_unseal(o->final) == 0)
		rc = taken ? sync_tree(from, to, true, &can_link) : link_tree(from, to, &can_link);
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

/*
 * Keep the tree old, just replaced by final, as the next build's start
 * (nv_outdir_link): in place of the one kept before, or removed when it
 * cannot be kept.
 */
static void keep_prev(const char *final, const char *old)
{
	char *prev = prev_name(final);
	struct stat st;

	if (ours(prev))
		remove_ours(prev);
	if (lstat(prev, &st) == 0 || rename(old, prev) < 0)
		remove_ours(old);
	free(prev);
}

int nv_outdir_commit(struct nv_outdir *o)
{
	char *old = NULL;
	int rc = -1, saved;

	/* Final from now on, and not sealed until the caller seals it (a kill comes first). */
	if (nv_outdir_unseal(o->staging) < 0)
		goto out;

	if (!nv_exists(o->final)) {
		if (rename(o->staging, o->final) < 0)
			goto out;
	} else if (exchange(o->staging, o->final) == 0) {
		/* The old tree now has the staging folder's name. */
		keep_prev(o->final, o->staging);
	} else if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		goto out;
	} else if (swap_by_two_renames(o, &old) < 0) {
		goto out;
	} else {
		keep_prev(o->final, old);
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

int nv_outdir_seal(const char *final)
{
	char *marker = nv_xasprintf("%s/%s", final, NV_OUTDIR_MARKER);
	size_t len = strlen(NV_OUTDIR_MARKER_TEXT);
	int fd = open(marker, O_WRONLY | O_NOFOLLOW | O_CLOEXEC), rc = -1;
	struct stat st;

	/*
	 * Written again in place (the marker is never linked): mtime and ctime
	 * now, equal. Over its own bytes, not truncated first: a build killed
	 * here leaves the marker as it was, never empty.
	 */
	if (fd >= 0) {
		rc = pwrite(fd, NV_OUTDIR_MARKER_TEXT, len, 0) == (ssize_t)len ? 0 : -1;
		if (rc == 0 && fstat(fd, &st) == 0 && st.st_size > (off_t)len &&
		    ftruncate(fd, (off_t)len) < 0)
			rc = -1;
		if (close(fd) < 0)
			rc = -1;
	}
	free(marker);
	return rc;
}

static void id_of(const struct stat *st, char id[NV_OUTDIR_ID_MAX])
{
	snprintf(id, NV_OUTDIR_ID_MAX, "%ju.%ju", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

void nv_outdir_id(const char *dir, char id[NV_OUTDIR_ID_MAX])
{
	struct stat st;

	*id = '\0';
	if (stat(dir, &st) == 0)
		id_of(&st, id);
}

/*
 * The time of the seal of final (open as fd, whose stat is top) into
 * *seal: false when it has none, its marker's mtime not its ctime (never
 * sealed; flagged by nv_outdir_unseal()), or final is not the folder id
 * names.
 */
static bool sealed_at(int fd, const struct stat *top, const char *id, struct timespec *seal)
{
	char mine[NV_OUTDIR_ID_MAX];
	struct stat st;

	id_of(top, mine);
	if (strcmp(mine, id) || fstatat(fd, NV_OUTDIR_MARKER, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    st.st_mtim.tv_sec != st.st_ctim.tv_sec || st.st_mtim.tv_nsec != st.st_ctim.tv_nsec)
		return false;
	*seal = st.st_mtim;
	return true;
}

static bool later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* nv_outdir_touched() below the folder fd, whose path relative to final is in path. */
static void touched_at(int fd, const struct timespec *seal, struct nv_buf *path,
		       struct nv_strlist *files, struct nv_strlist *dirs)
{
	int dup_fd = dup(fd), sub;
	DIR *dp = dup_fd < 0 ? NULL : fdopendir(dup_fd);
	struct dirent *de;
	struct stat st;
	size_t len = path->len;

	if (!dp) {
		if (dup_fd >= 0)
			close(dup_fd);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		nv_buf_truncate(path, len);
		nv_buf_addf(path, "%s%s", len ? "/" : "", de->d_name);
		if (!S_ISDIR(st.st_mode)) {
			if (later(&st.st_ctim, seal))
				nv_strlist_add(files, path->ptr);
			continue;
		}
		if (later(&st.st_ctim, seal))
			nv_strlist_add(dirs, path->ptr);
		sub = openat(fd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0) {
			touched_at(sub, seal, path, files, dirs);
			close(sub);
		}
	}
	nv_buf_truncate(path, len);
	closedir(dp);
}

bool nv_outdir_touched(const char *final, const char *id, struct nv_strlist *files,
		       struct nv_strlist *dirs)
{
	int fd = open(final, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct nv_buf path = NV_BUF_INIT;
	struct timespec seal;
	struct stat top;
	bool ok = fd >= 0 && fstat(fd, &top) == 0 && sealed_at(fd, &top, id, &seal);

	if (ok && later(&top.st_ctim, &seal))
		nv_strlist_add(dirs, "");
	if (ok)
		touched_at(fd, &seal, &path, files, dirs);
	nv_buf_release(&path);
	if (fd >= 0)
		close(fd);
	nv_strlist_sort(files);
	nv_strlist_sort(dirs);
	return ok;
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
