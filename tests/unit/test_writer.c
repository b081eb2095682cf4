/*
 * Unit tests for writer.c: many files queued (more than the queue holds)
 * are all written, with their exact bytes, by one thread or several; a
 * file that cannot be written is reported once, by path, and the others
 * are written all the same; without workers, several threads adding at
 * once each write their own; a file written at once by its caller is on
 * disk when the call returns, its failure reported with the others.
 */
#include "common.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "threads.h"
#include "writer.h"

#define NFILES 600

/* The content of file i: different lengths, so a mix-up shows. */
static char *body(size_t i, size_t *len)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t k;

	nv_buf_addf(&b, "<p>Страница %zu</p>\n", i);
	for (k = 0; k < i % 7; k++)
		nv_buf_adds(&b, "наставничество\n");
	return nv_buf_detach(&b, len);
}

static char *file_path(const char *root, size_t i)
{
	return nv_xasprintf("%s/%s/d%zu/page-%03zu.html", root, i % 2 ? "news" : "cases", i % 5, i);
}

/* Write NFILES files with `jobs` threads, then read every one back. */
static void write_and_read_back(int jobs)
{
	char *root = nv_xasprintf("%s/out-j%d", nv_test_tmpdir(), jobs);
	struct nv_writer *w = nv_writer_new(jobs);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_strlist files = NV_STRLIST_INIT;
	struct nv_buf got = NV_BUF_INIT;
	char *data, *path;
	size_t i, len;

	for (i = 0; i < NFILES; i++) {
		data = body(i, &len);
		nv_writer_add(w, file_path(root, i), data, len);
	}
	nv_writer_add(w, nv_xasprintf("%s/empty.txt", root), nv_xstrdup(""), 0);
	CHECK_INT(nv_writer_finish(w, &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK_INT(nv_walk(root, &files), 0);
	CHECK_INT(files.nr, NFILES + 1);
	for (i = 0; i < NFILES; i++) {
		path = file_path(root, i);
		data = body(i, &len);
		CHECK_INT(nv_read_file(path, 1 << 20, &got), 0);
		CHECK_INT(got.len, len);
		CHECK(!memcmp(got.ptr, data, len));
		free(data);
		free(path);
	}
	path = nv_xasprintf("%s/empty.txt", root);
	CHECK_INT(nv_read_file(path, 1 << 20, &got), 0);
	CHECK_INT(got.len, 0);
	free(path);
	nv_buf_release(&got);
	nv_strlist_release(&files);
	nv_diags_release(&d);
	free(root);
}

static void test_one_thread(void)
{
	write_and_read_back(1);
}

static void test_four_threads(void)
{
	write_and_read_back(4);
}

/* One of several threads adding files to a writer without workers of its own. */
struct adder {
	struct nv_writer *w;
	const char *root;
	size_t first; /* it adds files first, first + 3, first + 6 … */
};

static void *add_files(void *arg)
{
	struct adder *a = arg;
	size_t i, len;
	char *data;

	for (i = a->first; i < NFILES; i += 3) {
		data = body(i, &len);
		nv_writer_add(a->w, file_path(a->root, i), data, len);
	}
	return NULL;
}

/*
 * -j 1 has no workers: the threads that add write, and with several at
 * once in and out of the same folders, each file still has its bytes.
 */
static void test_callers_write_at_once(void)
{
	char *root = nv_xasprintf("%s/out-callers", nv_test_tmpdir());
	struct nv_writer *w = nv_writer_new(1);
	struct adder a[3] = { { w, root, 0 }, { w, root, 1 }, { w, root, 2 } };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf got = NV_BUF_INIT;
	char *data, *path;
	size_t i, len;
	bool same = true;

	nv_run_threads(add_files, a, 3, sizeof(a[0]));
	CHECK_INT(nv_writer_finish(w, &d), 0);
	CHECK_INT(d.nr, 0);
	for (i = 0; i < NFILES; i++) {
		path = file_path(root, i);
		data = body(i, &len);
		same = same && nv_read_file(path, 1 << 20, &got) == 0 && got.len == len &&
		       !memcmp(got.ptr, data, len);
		free(data);
		free(path);
	}
	CHECK(same);
	nv_buf_release(&got);
	nv_diags_release(&d);
	free(root);
}

/* A path through a regular file cannot be written: reported, sorted by path. */
static void test_failure_reported(void)
{
	char *root = nv_xasprintf("%s/fail", nv_test_tmpdir());
	char *blocker = nv_xasprintf("%s/fail/blocker", nv_test_tmpdir());
	char *ok = nv_xasprintf("%s/ok.html", root);
	struct nv_writer *w;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf got = NV_BUF_INIT;
	char *want_b, *want_c;
	size_t i;

	CHECK_INT(nv_mkdir_p(root), 0);
	nv_test_write(blocker, "не каталог");
	w = nv_writer_new(3);
	nv_writer_add(w, nv_xasprintf("%s/c/page.html", blocker), nv_xstrdup("c"), 1);
	for (i = 0; i < 50; i++)
		nv_writer_add(w, nv_xasprintf("%s/more/%zu.html", root, i), nv_xstrdup("x"), 1);
	nv_writer_add(w, nv_xasprintf("%s/b.html", blocker), nv_xstrdup("b"), 1);
	nv_writer_add(w, nv_xstrdup(ok), nv_xstrdup("готово"), strlen("готово"));
	CHECK_INT(nv_writer_finish(w, &d), -1);
	CHECK_INT(d.nr, 2);
	CHECK_INT(d.errors, 2);
	want_b = nv_xasprintf("%s/b.html", blocker);
	want_c = nv_xasprintf("%s/c/page.html", blocker);
	CHECK_STR(d.v[0].file, want_b);
	CHECK_STR(d.v[1].file, want_c);
	CHECK_INT(d.v[0].line, 0);
	CHECK_STR(d.v[0].msg, "не удалось записать файл: часть пути — не каталог");
	/* The other files are written all the same. */
	CHECK_INT(nv_read_file(ok, 1024, &got), 0);
	CHECK_STR(got.ptr, "готово");
	CHECK(nv_is_dir(root) && !nv_is_dir(blocker));
	free(want_b);
	free(want_c);
	nv_buf_release(&got);
	nv_diags_release(&d);
	free(ok);
	free(blocker);
	free(root);
}

/*
 * Files written at once by the caller, from one buffer filled again for
 * each, in folders it keeps: each is on disk when the call returns, with
 * its own bytes; one that cannot be written is reported at the finish
 * with the queued ones, sorted, and the caller's path and bytes stay its.
 */
static void test_written_at_once(void)
{
	char *root = nv_xasprintf("%s/now", nv_test_tmpdir());
	char *blocker = nv_xasprintf("%s/now/blocker", nv_test_tmpdir());
	struct nv_dir_cache dirs = NV_DIR_CACHE_INIT;
	struct nv_writer *w = nv_writer_new(2);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf page = NV_BUF_INIT, got = NV_BUF_INIT;
	char *path, *data, *want;
	size_t i, len;
	bool same = true;

	CHECK_INT(nv_mkdir_p(root), 0);
	nv_test_write(blocker, "не каталог");
	for (i = 0; i < 40; i++) {
		data = body(i, &len);
		nv_buf_reset(&page);
		nv_buf_add(&page, data, len);
		path = file_path(root, i);
		nv_writer_write(w, &dirs, path, page.ptr, page.len);
		same = same && nv_read_file(path, 1 << 20, &got) == 0 && got.len == len &&
		       !memcmp(got.ptr, data, len);
		free(path);
		free(data);
	}
	CHECK(same);
	path = nv_xasprintf("%s/z/page.html", blocker);
	nv_writer_write(w, &dirs, path, "z", 1);
	CHECK_STR(path + strlen(blocker), "/z/page.html");
	nv_writer_add(w, nv_xasprintf("%s/a.html", blocker), nv_xstrdup("a"), 1);
	CHECK_INT(nv_writer_finish(w, &d), -1);
	CHECK_INT(d.nr, 2);
	want = nv_xasprintf("%s/a.html", blocker);
	CHECK_STR(d.v[0].file, want);
	CHECK_STR(d.v[1].file, path);
	CHECK_STR(d.v[1].msg, "не удалось записать файл: часть пути — не каталог");
	nv_dir_cache_release(&dirs);
	nv_buf_release(&page);
	nv_buf_release(&got);
	nv_diags_release(&d);
	free(want);
	free(path);
	free(blocker);
	free(root);
}

/*
 * A file written in pieces: kept, or removed when dropped; one that cannot
 * be made, or grows past the size a process may write, is reported at the
 * finish and left nowhere.
 */
static void test_written_in_pieces(void)
{
	char *root = nv_xasprintf("%s/pieces", nv_test_tmpdir());
	char *kept = nv_xasprintf("%s/kept.json", root),
	     *dropped = nv_xasprintf("%s/dropped.json", root);
	char *big = nv_xasprintf("%s/big.json", root), *blocker = nv_xasprintf("%s/blocker", root);
	char *lost = nv_xasprintf("%s/blocker/z.json", root), piece[4096];
	struct nv_dir_cache dirs = NV_DIR_CACHE_INIT;
	struct nv_writer *w = nv_writer_new(2);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf got = NV_BUF_INIT;
	struct nv_writer_file f;
	struct rlimit was, small;
	void (*was_xfsz)(int);
	int i;

	CHECK_INT(nv_mkdir_p(root), 0);
	nv_test_write(blocker, "не каталог");
	nv_writer_open(&f, w, &dirs, kept);
	nv_writer_append(&f, "{\"a\":", 5);
	nv_writer_append(&f, "", 0);
	nv_writer_append(&f, " 1}\n", 4);
	nv_writer_close(&f, true);
	CHECK_INT(nv_read_file(kept, 1 << 20, &got), 0);
	CHECK_STR(got.ptr, "{\"a\": 1}\n");
	nv_writer_open(&f, w, &dirs, dropped);
	nv_writer_append(&f, "[", 1);
	nv_writer_close(&f, false);
	CHECK(!nv_exists(dropped));
	/* Cannot be made: the calls after the open do nothing. */
	nv_writer_open(&f, w, &dirs, lost);
	nv_writer_append(&f, "x", 1);
	nv_writer_close(&f, true);
	/* Past 8 KB a write fails (EFBIG, the signal ignored): the file is removed. */
	CHECK_INT(getrlimit(RLIMIT_FSIZE, &was), 0);
	small = was;
	small.rlim_cur = 8192;
	was_xfsz = signal(SIGXFSZ, SIG_IGN);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
	memset(piece, 'x', sizeof(piece));
	nv_writer_open(&f, w, &dirs, big);
	for (i = 0; i < 4; i++)
		nv_writer_append(&f, piece, sizeof(piece));
	nv_writer_close(&f, true);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &was), 0);
	signal(SIGXFSZ, was_xfsz);
	CHECK(!nv_exists(big));
	CHECK_INT(nv_writer_finish(w, &d), -1);
	CHECK_INT(d.nr, 2);
	CHECK_STR(d.v[0].file, big);
	CHECK_STR(d.v[0].msg, "не удалось записать файл: файл слишком большой");
	CHECK_STR(d.v[1].file, lost);
	CHECK_STR(d.v[1].msg, "не удалось записать файл: часть пути — не каталог");
	nv_dir_cache_release(&dirs);
	nv_buf_release(&got);
	nv_diags_release(&d);
	free(root);
	free(kept);
	free(dropped);
	free(big);
	free(blocker);
	free(lost);
}

/* A big file alone in the queue is written before the end, not kept waiting for others. */
static void test_big_file_written_at_once(void)
{
	char *path = nv_xasprintf("%s/big.json", nv_test_tmpdir());
	size_t len = (size_t)2 << 20, i;
	char *data = nv_xmalloc(len);
	struct nv_writer *w = nv_writer_new(2);
	struct nv_diags d = NV_DIAGS_INIT;
	struct stat st;

	memset(data, 'x', len);
	nv_writer_add(w, nv_xstrdup(path), data, len);
	for (i = 0; i < 500 && !(stat(path, &st) == 0 && (size_t)st.st_size == len); i++)
		usleep(10000);
	CHECK(stat(path, &st) == 0 && (size_t)st.st_size == len);
	CHECK_INT(nv_writer_finish(w, &d), 0);
	nv_diags_release(&d);
	free(path);
}

/* More bytes than the queue holds, in a few big files: all written, none lost. */
static void test_many_big_files(void)
{
	size_t len = (size_t)3 << 19, i;
	struct nv_writer *w = nv_writer_new(2);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf got = NV_BUF_INIT;
	char *path, *data;

	for (i = 0; i < 30; i++) {
		data = nv_xmalloc(len);
		memset(data, 'a' + (int)i % 26, len);
		nv_writer_add(w, nv_xasprintf("%s/big-%zu.txt", nv_test_tmpdir(), i), data, len);
	}
	CHECK_INT(nv_writer_finish(w, &d), 0);
	for (i = 0; i < 30; i++) {
		path = nv_xasprintf("%s/big-%zu.txt", nv_test_tmpdir(), i);
		CHECK_INT(nv_read_file(path, len, &got), 0);
		CHECK_INT(got.len, len);
		CHECK(got.ptr[0] == 'a' + (int)i % 26 && got.ptr[len - 1] == got.ptr[0]);
		nv_buf_reset(&got);
		free(path);
	}
	nv_buf_release(&got);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_one_thread);
	NV_RUN(test_four_threads);
	NV_RUN(test_callers_write_at_once);
	NV_RUN(test_failure_reported);
	NV_RUN(test_written_at_once);
	NV_RUN(test_written_in_pieces);
	NV_RUN(test_big_file_written_at_once);
	NV_RUN(test_many_big_files);
}
