/* Unit tests for fs.c. */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "fs.h"
#include "harness.h"

static char *tmp(const char *rel)
{
	return nv_xasprintf("%s/%s", nv_test_tmpdir(), rel);
}

static void test_mkdir_p_and_write(void)
{
	char *dir = tmp("a/b/c"), *file = tmp("a/b/c/d/file.txt");
	struct nv_buf b = NV_BUF_INIT;

	CHECK_INT(nv_mkdir_p(dir), 0);
	CHECK_INT(nv_mkdir_p(dir), 0); /* exists: fine */
	CHECK(nv_is_dir(dir));
	CHECK_INT(nv_write_file(file, "Приказ\n", strlen("Приказ\n")), 0);
	CHECK_INT(nv_read_file(file, 1024, &b), 0);
	CHECK_STR(b.ptr, "Приказ\n");
	/* Overwrite atomically, leaving no temporary file behind. */
	CHECK_INT(nv_write_file(file, "x", 1), 0);
	CHECK_INT(nv_read_file(file, 1024, &b), 0);
	CHECK_STR(b.ptr, "x");
	free(dir);
	free(file);
	nv_buf_release(&b);
}

static void test_write_leaves_no_temp_files(void)
{
	char *dir = tmp("w"), *file = tmp("w/out.html");
	struct nv_strlist l = NV_STRLIST_INIT;

	CHECK_INT(nv_write_file(file, "1", 1), 0);
	CHECK_INT(nv_write_file(file, "2", 1), 0);
	CHECK_INT(nv_walk(dir, &l), 0);
	CHECK_INT(l.nr, 1);
	CHECK_STR(l.v[0], "out.html");
	nv_strlist_release(&l);
	free(dir);
	free(file);
}

static void test_read_file_limits(void)
{
	char *file = tmp("big.txt"), *missing = tmp("missing.txt");
	struct nv_buf b = NV_BUF_INIT;

	nv_test_write(file, "0123456789");
	CHECK_INT(nv_read_file(file, 9, &b), -1);
	CHECK_INT(errno, EFBIG);
	CHECK_INT(nv_read_file(file, 10, &b), 0);
	CHECK_INT(b.len, 10);
	CHECK_INT(nv_read_file(missing, 10, &b), -1);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(nv_read_file(nv_test_tmpdir(), 10, &b), -1);
	CHECK_INT(errno, EISDIR);
	free(file);
	free(missing);
	nv_buf_release(&b);
}

static void test_walk_is_sorted_and_skips_hidden(void)
{
	const char *files[] = { "c/z.md",	 "c/orders/b.md", "c/orders/a.md", "c/a.yml",
				"c/.git/config", "c/.hidden.md",  "c/pages/я.md",  "c/pages/b.md" };
	struct nv_strlist l = NV_STRLIST_INIT;
	char *p, *root = tmp("c");
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(files); i++) {
		p = tmp(files[i]);
		CHECK_INT(nv_write_file(p, "x", 1), 0);
		free(p);
	}
	p = tmp("c/link.md");
	CHECK_INT(symlink("z.md", p), 0);
	free(p);
	/* A link is not listed: nothing is read through one. */
	CHECK_INT(nv_walk(root, &l), 0);
	CHECK_INT(l.nr, 6);
	CHECK_STR(l.v[0], "a.yml");
	CHECK_STR(l.v[1], "orders/a.md");
	CHECK_STR(l.v[2], "orders/b.md");
	CHECK_STR(l.v[3], "pages/b.md");
	CHECK_STR(l.v[4], "pages/я.md");
	CHECK_STR(l.v[5], "z.md");
	nv_strlist_release(&l);
	CHECK_INT(nv_rm_rf(root), 0);
	CHECK(!nv_exists(root));
	CHECK_INT(nv_rm_rf(root), 0);
	free(root);
}

/*
 * The full walk lists links (to files, folders, outside, nowhere) apart
 * and follows none of them; a folder that cannot be read is named and the
 * walk goes on.
 */
static void test_walk_all_lists_links_and_failures(void)
{
	struct nv_walk w = NV_WALK_INIT;
	char *root = tmp("walk"), *p;

	p = tmp("walk/files/a.txt");
	CHECK_INT(nv_write_file(p, "a", 1), 0);
	free(p);
	p = tmp("walk/sub/b.md");
	CHECK_INT(nv_write_file(p, "b", 1), 0);
	free(p);
	p = tmp("walk/files/passwd.txt");
	CHECK_INT(symlink("/etc/passwd", p), 0);
	free(p);
	p = tmp("walk/etc");
	CHECK_INT(symlink("/etc", p), 0);
	free(p);
	p = tmp("walk/sub/up");
	CHECK_INT(symlink("..", p), 0);
	free(p);
	p = tmp("walk/files/none.pdf");
	CHECK_INT(symlink("none", p), 0);
	free(p);
	CHECK_INT(nv_walk_all(root, &w), 0);
	CHECK_INT(w.files.nr, 2);
	CHECK_STR(w.files.v[0], "files/a.txt");
	CHECK_STR(w.files.v[1], "sub/b.md");
	CHECK_INT(w.links.nr, 4);
	CHECK_STR(w.links.v[0], "etc");
	CHECK_STR(w.links.v[1], "files/none.pdf");
	CHECK_STR(w.links.v[2], "files/passwd.txt");
	CHECK_STR(w.links.v[3], "sub/up");
	CHECK_INT(w.nfailed, 0);
	nv_walk_release(&w);
	/* A missing folder below the top fails, named; the top too. */
	p = tmp("walk/missing");
	CHECK_INT(nv_walk_all(p, &w), -1);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(w.nfailed, 1);
	CHECK_STR(w.failed[0].rel, "");
	CHECK_INT(w.failed[0].err, ENOENT);
	nv_walk_release(&w);
	free(p);
	CHECK_INT(nv_rm_rf(root), 0);
	free(root);
}

/*
 * nv_read_file_in follows no link below its top, wherever it is in the
 * path, and reads nothing but regular files; the top may be a link.
 */
static void test_read_file_in_follows_no_link(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *root = tmp("r"), *p, *top;

	p = tmp("r/files/a.txt");
	CHECK_INT(nv_write_file(p, "abc", 3), 0);
	free(p);
	p = tmp("r/files/passwd.txt");
	CHECK_INT(symlink("/etc/passwd", p), 0);
	free(p);
	p = tmp("r/files/same.txt");
	CHECK_INT(symlink("a.txt", p), 0);
	free(p);
	p = tmp("r/etc");
	CHECK_INT(symlink("/etc", p), 0);
	free(p);
	p = tmp("r/fifo");
	CHECK_INT(mkfifo(p, 0600), 0);
	free(p);
	CHECK_INT(nv_read_file_in(root, "files/a.txt", 100, &b), 0);
	CHECK_STR(b.ptr, "abc");
	CHECK_INT(nv_read_file_in(root, "files/passwd.txt", 100, &b), -1);
	CHECK_INT(errno, ELOOP);
	CHECK_INT(b.len, 0);
	CHECK_INT(nv_read_file_in(root, "files/same.txt", 100, &b), -1);
	CHECK_INT(errno, ELOOP);
	/* A link in the middle of the path: the folder swapped for a link. */
	CHECK_INT(nv_read_file_in(root, "etc/passwd", 100, &b), -1);
	CHECK(errno == ELOOP || errno == ENOTDIR);
	CHECK_INT(b.len, 0);
	/* A FIFO neither blocks nor is read. */
	CHECK_INT(nv_read_file_in(root, "fifo", 100, &b), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(nv_read_file_in(root, "files", 100, &b), -1);
	CHECK_INT(errno, EISDIR);
	CHECK_INT(nv_read_file_in(root, "files/a.txt", 2, &b), -1);
	CHECK_INT(errno, EFBIG);
	/* The top is the caller's to choose: it may be a link. */
	top = tmp("r-link");
	CHECK_INT(symlink("r", top), 0);
	CHECK_INT(nv_read_file_in(top, "files/a.txt", 100, &b), 0);
	CHECK_STR(b.ptr, "abc");
	CHECK_INT(nv_rm_rf(top), 0);
	CHECK_INT(nv_rm_rf(root), 0);
	free(top);
	free(root);
	nv_buf_release(&b);
}

static void test_outdir_swaps_on_commit(void)
{
	char *final = tmp("out/site"), *f;
	struct nv_outdir o;
	struct nv_buf b = NV_BUF_INIT;
	struct nv_strlist l = NV_STRLIST_INIT;

	CHECK_INT(nv_outdir_begin(&o, final), 0);
	f = nv_xasprintf("%s/index.html", o.staging);
	CHECK_INT(nv_write_file(f, "v1", 2), 0);
	free(f);
	CHECK(!nv_exists(final)); /* nothing visible before commit */
	CHECK_INT(nv_outdir_commit(&o), 0);
	f = nv_xasprintf("%s/index.html", final);
	CHECK_INT(nv_read_file(f, 100, &b), 0);
	CHECK_STR(b.ptr, "v1");

	/* A second build that fails leaves the first one untouched. */
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	free(f);
	f = nv_xasprintf("%s/index.html", o.staging);
	CHECK_INT(nv_write_file(f, "half", 4), 0);
	nv_outdir_abort(&o);
	free(f);
	f = nv_xasprintf("%s/index.html", final);
	CHECK_INT(nv_read_file(f, 100, &b), 0);
	CHECK_STR(b.ptr, "v1");

	/* A second build that succeeds replaces the whole tree. */
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	free(f);
	f = nv_xasprintf("%s/new.html", o.staging);
	CHECK_INT(nv_write_file(f, "v2", 2), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	free(f);
	f = tmp("out");
	CHECK_INT(nv_walk(f, &l), 0);
	CHECK_INT(l.nr, 1); /* no staging or old trees left beside it */
	CHECK_STR(l.v[0], "site/new.html");
	free(f);
	free(final);
	nv_strlist_release(&l);
	nv_buf_release(&b);
}

static void test_outdir_removes_leftovers_of_interrupted_builds(void)
{
	char *final = tmp("left/site"), *f;
	struct nv_outdir o, crashed;
	struct nv_strlist l = NV_STRLIST_INIT;

	/* A build that died before commit leaves its staging folder behind. */
	CHECK_INT(nv_outdir_begin(&crashed, final), 0);
	f = nv_xasprintf("%s/page.html", crashed.staging);
	CHECK_INT(nv_write_file(f, "x", 1), 0);
	free(f);
	/* A folder of the user's with a similar name is not ours: it stays. */
	f = tmp("left/site.new-mine00/keep.txt");
	CHECK_INT(nv_write_file(f, "mine", 4), 0);
	free(f);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	f = tmp("left");
	CHECK_INT(nv_walk(f, &l), 0);
	CHECK_INT(l.nr, 1);
	CHECK_STR(l.v[0], "site.new-mine00/keep.txt");
	free(f);
	nv_strlist_release(&l);
	free(crashed.final);
	free(crashed.staging);
	free(final);
}

static void test_outdir_refuses_foreign_directory(void)
{
	char *final = tmp("mine"), *f = tmp("mine/diplom.docx");
	struct nv_outdir o;

	CHECK_INT(nv_mkdir_p(final), 0);
	nv_test_write(f, "important");
	CHECK_INT(nv_outdir_begin(&o, final), -1);
	CHECK_INT(errno, EEXIST);
	CHECK(nv_exists(f));
	free(f);
	f = tmp("file-not-dir");
	nv_test_write(f, "x");
	CHECK_INT(nv_outdir_begin(&o, f), -1);
	CHECK_INT(errno, EEXIST);
	free(f);
	free(final);
}

static void test_file_stamp(void)
{
	char *f = tmp("stamp.md");
	struct nv_hash a, b;
	struct stat st;
	bool recent = false;

	nv_test_write(f, "---\ntitle: a\n---\n");
	CHECK_INT(stat(f, &st), 0);
	a = nv_file_stamp(&st, &recent);
	/* Written just now: its times cannot prove it unchanged. */
	CHECK(recent);
	CHECK_INT(stat(f, &st), 0);
	CHECK(nv_hash_eq(a, nv_file_stamp(&st, &recent)));
	/* The same size, written again: a new file, a new stamp. */
	CHECK_INT(nv_write_file(f, "---\ntitle: b\n---\n", 18), 0);
	CHECK_INT(stat(f, &st), 0);
	b = nv_file_stamp(&st, &recent);
	CHECK(!nv_hash_eq(a, b));
	free(f);
}

static void test_outdir_merge_moves_files_in(void)
{
	char *final = tmp("merge"), *a = tmp("merge/a.html"), *b = tmp("merge/b.html");
	char *c = tmp("merge/news/c.html"), *staging;
	struct nv_buf buf = NV_BUF_INIT;
	struct nv_outdir o;
	struct stat before, after;

	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	nv_test_write(a, "old a");
	nv_test_write(b, "old b");
	CHECK_INT(stat(a, &before), 0);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	staging = nv_xstrdup(o.staging);
	free(c);
	c = nv_xasprintf("%s/b.html", o.staging);
	CHECK_INT(nv_write_new_file(c, "new b", 5), 0);
	free(c);
	c = nv_xasprintf("%s/news/c.html", o.staging);
	CHECK_INT(nv_write_new_file(c, "new c", 5), 0);
	free(c);
	c = tmp("merge/news/c.html");
	CHECK_INT(nv_outdir_merge(&o), 0);
	/* Untouched files stay as they were; the others are replaced or added. */
	CHECK_INT(stat(a, &after), 0);
	CHECK(before.st_ino == after.st_ino);
	CHECK_INT(nv_read_file(b, 100, &buf), 0);
	CHECK_STR(buf.ptr, "new b");
	CHECK_INT(nv_read_file(c, 100, &buf), 0);
	CHECK_STR(buf.ptr, "new c");
	CHECK(!nv_exists(staging));
	CHECK(o.staging == NULL);
	nv_buf_release(&buf);
	free(staging);
	free(final);
	free(a);
	free(b);
	free(c);
}

void nv_tests(void)
{
	NV_RUN(test_mkdir_p_and_write);
	NV_RUN(test_write_leaves_no_temp_files);
	NV_RUN(test_read_file_limits);
	NV_RUN(test_walk_is_sorted_and_skips_hidden);
	NV_RUN(test_walk_all_lists_links_and_failures);
	NV_RUN(test_read_file_in_follows_no_link);
	NV_RUN(test_outdir_swaps_on_commit);
	NV_RUN(test_outdir_refuses_foreign_directory);
	NV_RUN(test_outdir_removes_leftovers_of_interrupted_builds);
	NV_RUN(test_file_stamp);
	NV_RUN(test_outdir_merge_moves_files_in);
}
