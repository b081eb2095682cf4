/*
 * fuzz_files.h: a fuzzer's input as the files of a project, shared by the
 * harnesses that load one (fuzz_project.c, fuzz_build.c).
 *
 * The input is split into files at each "\n@@@@ " and at a leading
 * "@@@@ ": each piece starts with its path under content/ up to the end of
 * its line ("site.yml", "orders/prikaz.md"), and the rest is the file.
 * A path must be short, of [a-z0-9._-] segments, none hidden, at most
 * three deep; pieces with other paths are dropped, so nothing is ever
 * written outside the folder.
 *
 * The files go into one temporary folder ($TMPDIR, else /dev/shm, else
 * /tmp), made on the first run, its content/ emptied at the start of
 * every run (fuzz_files_write()), removed at exit (not after a crash:
 * libFuzzer stops at once).
 */
#ifndef NV_FUZZ_FILES_H
#define NV_FUZZ_FILES_H

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "fs.h"

#define SEP	     "\n@@@@ "
#define MAX_PATH_LEN 64
#define MAX_FILES    40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *tmp;     /* the folder, made once */
static char *content; /* tmp/content */

static void remove_tmp(void)
{
	if (tmp)
		nv_rm_rf(tmp);
	free(tmp);
	free(content);
}

static void setup(void)
{
	const char *dir = getenv("TMPDIR");
	struct stat st;

	/* Memory is faster than a disk for thousands of small projects a second. */
	if (!dir || !*dir)
		dir = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
	tmp = nv_xasprintf("%s/nv-fuzz-XXXXXX", dir);
	if (!mkdtemp(tmp))
		abort();
	content = nv_xasprintf("%s/content", tmp);
	atexit(remove_tmp);
}

/* True if the n bytes at p name a file the harness may write. */
static bool path_ok(const char *p, size_t n)
{
	size_t i, seg = 0, depth = 1;

	if (!n || n > MAX_PATH_LEN)
		return false;
	for (i = 0; i < n; i++) {
		char ch = p[i];
		if (ch == '/') {
			if (!seg || ++depth > 3)
				return false;
			seg = 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
		      ch == '_' || (ch == '.' && seg)))
			return false; /* a segment never starts with ".": no "..", no hidden */
		seg++;
	}
	return seg > 0;
}

/* Write one piece: its first line is the path, the rest the file. */
static void write_piece(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t plen = nl ? (size_t)(nl - p) : n;
	char *rel, *path, *slash;

	if (!path_ok(p, plen))
		return;
	rel = nv_xmemdupz(p, plen);
	path = nv_xasprintf("%s/%s", content, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	if (nv_mkdir_p(path) == 0) {
		*slash = '/';
		/* A path that is already a folder, or under a file, just fails. */
		(void)nv_write_file(path, nl ? nl + 1 : p + n, nl ? n - plen - 1 : 0);
	}
	free(rel);
	free(path);
}

/* The first "\n@@@@ " in [p, end), or NULL. */
static const char *find_sep(const char *p, const char *end)
{
	size_t n = strlen(SEP);

	for (; (size_t)(end - p) >= n; p++)
		if (*p == '\n' && !memcmp(p, SEP, n))
			return p;
	return NULL;
}

static void write_files(const char *data, size_t size)
{
	const char *p = data, *end = data + size, *next;
	size_t files = 0;

	if (size >= 5 && !memcmp(p, "@@@@ ", 5))
		p += 5;
	else
		return; /* the first piece must name its file too */
	while (p < end && files++ < MAX_FILES) {
		next = find_sep(p, end);
		write_piece(p, next ? (size_t)(next - p) : (size_t)(end - p));
		p = next ? next + strlen(SEP) : end;
	}
}

/* The project of the input in content/ (its folder emptied first). */
static void fuzz_files_write(const uint8_t *data, size_t size)
{
	if (!tmp)
		setup();
	nv_rm_rf(content);
	if (nv_mkdir_p(content) < 0)
		abort();
	write_files((const char *)data, size);
}

#endif
