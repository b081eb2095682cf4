/*
 * fuzz_project.c: libFuzzer harness for a whole project: the content walk,
 * front matter, YAML, Markdown, every reader of the model, id resolution
 * and the model dump (nv_project_load, nv_model_dump), as `nastavnik
 * check --dump` runs them.
 *
 * The input is split into files at each "\n@@@@ " and at a leading
 * "@@@@ ": each piece starts with its path under content/ up to the end of
 * its line ("site.yml", "orders/prikaz.md"), and the rest is the file.
 * A path must be short, of [a-z0-9._-] segments, none hidden, at most
 * three deep; pieces with other paths are dropped, so nothing is ever
 * written outside the folder. Seeds are the regress projects, joined the
 * same way (tests/fuzz/corpus/fuzz_project).
 *
 * The files go into one temporary folder ($TMPDIR, else /dev/shm, else
 * /tmp), made on the first run and emptied at the start of every run,
 * removed at exit (not after a crash: libFuzzer stops at once). Beyond "no crash,
 * no leak", it checks that a load that fails says why, and that a project
 * whose load reported no error dumps a model.
 */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "project.h"

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
	tmp = nv_xasprintf("%s/nv-fuzz-project-XXXXXX", dir);
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_project_opts o = { NULL, false, 1, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf dump = NV_BUF_INIT;
	struct nv_project p;
	int rc;

	if (!tmp)
		setup();
	nv_rm_rf(content);
	if (nv_mkdir_p(content) < 0)
		abort();
	write_files((const char *)data, size);
	o.content = content;
	o.drafts = size % 2; /* drafts counted or not, by the input's length */
	rc = nv_project_load(&p, &o, &d);
	if (rc < 0 && !d.errors)
		abort(); /* a failure must say why */
	if (rc == 0 && p.loaded) {
		nv_model_dump(&dump, &p.model);
		if (!d.errors && !dump.len)
			abort();
	}
	nv_project_release(&p);
	nv_buf_release(&dump);
	nv_diags_release(&d);
	return 0;
}
