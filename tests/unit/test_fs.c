/* Unit tests for fs.c. */
#include "common.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
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

/* nv_read_file_at reads below an open folder, follows no link there and leaves the folder open. */
static void test_read_file_at_keeps_folder(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *root = tmp("at"), *p;
	int dir;

	p = tmp("at/sub/a.md");
	CHECK_INT(nv_write_file(p, "abc", 3), 0);
	free(p);
	p = tmp("at/link");
	CHECK_INT(symlink("sub", p), 0);
	free(p);
	dir = open(root, O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	CHECK_INT(nv_read_file_at(dir, "sub/a.md", 100, &b), 0);
	CHECK_STR(b.ptr, "abc");
	CHECK_INT(nv_read_file_at(dir, "link/a.md", 100, &b), -1);
	CHECK(errno == ELOOP || errno == ENOTDIR);
	CHECK_INT(b.len, 0);
	/* Still open: a second read through it works. */
	CHECK_INT(nv_read_file_at(dir, "sub/a.md", 100, &b), 0);
	CHECK_INT(fcntl(dir, F_GETFD) >= 0, 1);
	close(dir);
	CHECK_INT(nv_rm_rf(root), 0);
	free(root);
	nv_buf_release(&b);
}

/*
 * nv_read_file_stat() gives what fstat() said of the file read;
 * nv_reread_at() reads a file of exactly the size given, then fstat()s
 * it, and refuses any other size, a folder, a link or a missing file.
 */
static void test_read_stat_and_reread(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *root = tmp("re"), *p;
	struct stat st;
	int dir;

	p = tmp("re/sub/a.md");
	CHECK_INT(nv_write_file(p, "abcdef", 6), 0);
	free(p);
	p = tmp("re/link");
	CHECK_INT(symlink("sub", p), 0);
	free(p);
	dir = open(root, O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	memset(&st, 0, sizeof(st));
	CHECK_INT(nv_read_file_stat(dir, "sub/a.md", 100, &b, &st), 0);
	CHECK_STR(b.ptr, "abcdef");
	CHECK(S_ISREG(st.st_mode));
	CHECK_INT(st.st_size, 6);
	memset(&st, 0, sizeof(st));
	CHECK_INT(nv_reread_at(dir, "sub/a.md", 6, &b, &st), 0);
	CHECK_STR(b.ptr, "abcdef");
	CHECK_INT(b.len, 6);
	CHECK(S_ISREG(st.st_mode));
	CHECK_INT(st.st_size, 6);
	CHECK_INT(nv_reread_at(dir, "sub/a.md", 5, &b, &st), -1); /* longer than said */
	CHECK_INT(nv_reread_at(dir, "sub/a.md", 7, &b, &st), -1); /* shorter */
	CHECK_INT(nv_reread_at(dir, "sub", 6, &b, &st), -1);
	CHECK_INT(nv_reread_at(dir, "link/a.md", 6, &b, &st), -1);
	CHECK_INT(nv_reread_at(dir, "sub/none.md", 6, &b, &st), -1);
	close(dir);
	CHECK_INT(nv_rm_rf(root), 0);
	nv_buf_release(&b);
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
	/* A staging folder cut off before its marker: empty, so removed too. */
	f = tmp("left/site.new-Ab3xYz");
	CHECK_INT(nv_mkdir_p(f), 0);
	free(f);
	/* A tree of ours that a build was removing when it died. */
	f = tmp("left/site.old-q1w2e3/page.html");
	CHECK_INT(nv_write_file(f, "x", 1), 0);
	free(f);
	f = tmp("left/site.old-q1w2e3/.nastavnik-output");
	CHECK_INT(nv_write_file(f, "nastavnik\n", 10), 0);
	free(f);
	nv_outdir_clean(final);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	f = tmp("left");
	CHECK(!nv_exists(crashed.staging));
	CHECK_INT(nv_walk(f, &l), 0);
	CHECK_INT(l.nr, 1);
	CHECK_STR(l.v[0], "site.new-mine00/keep.txt");
	free(f);
	/* A manifest write cut short in the tree itself leaves its temporary file. */
	f = tmp("left/site/.nastavnik-manifest.tmp-Zx81Qa");
	nv_test_write(f, "half");
	nv_outdir_clean(final);
	CHECK(!nv_exists(f));
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

/*
 * A rebuild of some files: staging starts as hard links to the published
 * tree; a file written again replaces its link and never changes the
 * published one; the commit swaps the whole tree in. exchange: through
 * renameat2 RENAME_EXCHANGE, else through the fallback of two renames.
 */
static void outdir_link_and_swap(bool exchange)
{
	char *final = tmp("link"), *a = tmp("link/a.html"), *b = tmp("link/b.html");
	char *c = tmp("link/news/c.html"), *f;
	struct nv_buf buf = NV_BUF_INIT;
	struct nv_strlist l = NV_STRLIST_INIT;
	struct nv_outdir o;
	struct stat before, after;

	if (!exchange)
		setenv("NV_TEST_NO_EXCHANGE", "1", 1);
	nv_rm_rf(final);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	CHECK_INT(nv_write_file(a, "old a", 5), 0);
	CHECK_INT(nv_write_file(b, "old b", 5), 0);
	CHECK_INT(nv_write_file(c, "old c", 5), 0);
	CHECK_INT(stat(a, &before), 0);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_link(&o), 0);
	f = nv_xasprintf("%s/b.html", o.staging);
	CHECK_INT(nv_write_new_file(f, "new b", 5), 0);
	free(f);
	f = nv_xasprintf("%s/news/c.html", o.staging);
	CHECK_INT(unlink(f), 0); /* an output gone */
	free(f);
	/* Nothing published changed before the commit. */
	CHECK_INT(nv_read_file(b, 100, &buf), 0);
	CHECK_STR(buf.ptr, "old b");
	CHECK(nv_exists(c));
	CHECK_INT(nv_outdir_commit(&o), 0);
	CHECK_INT(stat(a, &after), 0);
	CHECK(before.st_ino == after.st_ino); /* linked, not copied */
	CHECK_INT(nv_read_file(b, 100, &buf), 0);
	CHECK_STR(buf.ptr, "new b");
	CHECK(!nv_exists(c));
	CHECK(o.staging == NULL);
	f = tmp("");
	CHECK_INT(nv_walk(f, &l), 0); /* no staging or old tree left */
	free(f);
	for (size_t i = 0; i < l.nr; i++)
		CHECK(strncmp(l.v[i], "link.", 5) != 0);
	unsetenv("NV_TEST_NO_EXCHANGE");
	nv_strlist_release(&l);
	nv_buf_release(&buf);
	free(final);
	free(a);
	free(b);
	free(c);
}

static void test_outdir_link_and_exchange(void)
{
	outdir_link_and_swap(true);
}

static void test_outdir_link_and_fallback_swap(void)
{
	outdir_link_and_swap(false);
}

/* Write path in a staging tree, as a build does. */
static void stage_write(const struct nv_outdir *o, const char *rel, const char *data)
{
	char *f = nv_xasprintf("%s/%s", o->staging, rel);

	CHECK_INT(nv_write_new_file(f, data, strlen(data)), 0);
	free(f);
}

/* Write (or remove, data NULL) the file rel of the temporary folder. */
static void put(const char *rel, const char *data)
{
	char *f = tmp(rel);

	if (data)
		CHECK_INT(nv_write_file(f, data, strlen(data)), 0);
	else
		CHECK_INT(nv_rm_rf(f), 0);
	free(f);
}

/* True if rel is one file (the same inode) in the folders a and b. */
static bool same_file(const char *a, const char *b, const char *rel)
{
	char *fa = nv_xasprintf("%s/%s", a, rel), *fb = nv_xasprintf("%s/%s", b, rel);
	struct stat sa, sb;
	bool same = stat(fa, &sa) == 0 && stat(fb, &sb) == 0 && sa.st_ino == sb.st_ino;

	free(fa);
	free(fb);
	return same;
}

/* The files below dir, hidden ones included, one per line. */
static char *files_of(const char *dir)
{
	char *cmd = nv_xasprintf("cd '%s' && find . | sort", dir);
	struct nv_buf out = NV_BUF_INIT;
	FILE *p = popen(cmd, "r");
	char chunk[4096];
	size_t k;

	while (p && (k = fread(chunk, 1, sizeof(chunk), p)) > 0)
		nv_buf_add(&out, chunk, k);
	if (p)
		pclose(p);
	free(cmd);
	return nv_buf_detach(&out, NULL);
}

/*
 * A commit keeps the tree it replaced as .NAME.prev, and the next build
 * that renders some files starts from it: made equal to final (same
 * inodes where it holds the same file), whatever it held besides.
 */
static void test_outdir_takes_the_last_tree(void)
{
	char *final = tmp("take/site"), *prev = tmp("take/.site.prev"), *got, *want;
	struct nv_outdir o;

	put("take", NULL);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	stage_write(&o, "a.html", "a");
	stage_write(&o, "b.html", "old b");
	stage_write(&o, "news/c.html", "c");
	stage_write(&o, "d/x.html", "x");
	CHECK_INT(nv_outdir_commit(&o), 0);
	CHECK(!nv_exists(prev)); /* nothing was replaced */
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_link(&o), 0);
	stage_write(&o, "b.html", "new b");
	stage_write(&o, "news/e.html", "e");
	CHECK_INT(nv_outdir_commit(&o), 0);
	/* The tree replaced, kept whole. */
	got = files_of(prev);
	CHECK_STR(got, ".\n./.nastavnik-output\n./a.html\n./b.html\n./d\n./d/x.html\n./news\n"
		       "./news/c.html\n");
	free(got);
	/* What the next start must drop: a file and a folder final lacks, a hidden file, a folder
	 * where final has a file. */
	put("take/.site.prev/stale.html", "s");
	put("take/.site.prev/gone/y.html", "y");
	put("take/.site.prev/.hidden", "h");
	put("take/.site.prev/a.html", NULL);
	put("take/.site.prev/a.html/z", "z");
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_link(&o), 0);
	CHECK(!nv_exists(prev)); /* taken */
	got = files_of(o.staging);
	want = files_of(final);
	CHECK_STR(got, want);
	CHECK(same_file(o.staging, final, "a.html"));
	CHECK(same_file(o.staging, final, "b.html"));
	CHECK(same_file(o.staging, final, "d/x.html"));
	free(got);
	free(want);
	CHECK_INT(nv_outdir_commit(&o), 0);
	CHECK(nv_exists(prev));
	/* A .site.prev that is not ours is neither taken nor removed. */
	put("take/.site.prev", NULL);
	put("take/.site.prev/mine.txt", "user's");
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_link(&o), 0);
	stage_write(&o, "b.html", "newer b");
	CHECK_INT(nv_outdir_commit(&o), 0);
	got = files_of(prev);
	CHECK_STR(got, ".\n./mine.txt\n");
	free(got);
	free(final);
	free(prev);
}

/*
 * What nv_outdir_touched() finds in final, sealed as the folder of id
 * (final's own when NULL): "files | folders", or "unsealed".
 */
static char *touched(const char *final, const char *of)
{
	struct nv_strlist files = NV_STRLIST_INIT, dirs = NV_STRLIST_INIT;
	struct nv_buf b = NV_BUF_INIT;
	char id[NV_OUTDIR_ID_MAX];
	size_t i;

	nv_outdir_id(of ? of : final, id);
	if (!nv_outdir_touched(final, id, &files, &dirs))
		nv_buf_adds(&b, "unsealed");
	for (i = 0; i < files.nr; i++)
		nv_buf_addf(&b, "%s ", files.v[i]);
	nv_buf_adds(&b, "|");
	for (i = 0; i < dirs.nr; i++)
		nv_buf_addf(&b, " [%s]", dirs.v[i]);
	nv_strlist_release(&files);
	nv_strlist_release(&dirs);
	return nv_buf_detach(&b, NULL);
}

#define CHECK_TOUCHED(final, want)                 \
	do {                                       \
		char *got_ = touched(final, NULL); \
		CHECK_STR(got_, want);             \
		free(got_);                        \
	} while (0)

/*
 * A sealed tree tells what was put in, edited or removed since, by
 * ctime; not a hidden file; nothing while it is flagged unsealed, or
 * once copied elsewhere.
 */
/* nv_outdir_seal(), then a wait: file times move by the clock's ticks, a few ms. */
static void seal_and_wait(const char *final)
{
	CHECK_INT(nv_outdir_seal(final), 0);
	usleep(30000);
}

static void test_outdir_seal(void)
{
	char *final = tmp("seal/site"), *copy = tmp("seal/copy"), *cmd, *got;
	struct nv_outdir o;

	put("seal", NULL);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	stage_write(&o, "a.html", "a");
	stage_write(&o, "news/b.html", "b");
	stage_write(&o, "news/c.html", "c");
	CHECK_INT(nv_outdir_commit(&o), 0);
	CHECK_TOUCHED(final, "unsealed|"); /* never sealed */
	seal_and_wait(final);
	CHECK_TOUCHED(final, "|");
	put("seal/site/.htaccess", "x");
	put("seal/site/news/hand.html", "Петров");
	put("seal/site/a.html", "edited");
	CHECK_TOUCHED(final, "a.html news/hand.html | [] [news]");
	seal_and_wait(final);
	put("seal/site/news/c.html", NULL);
	CHECK_TOUCHED(final, "| [news]");
	seal_and_wait(final);
	CHECK_INT(nv_outdir_unseal(final), 0);
	CHECK_TOUCHED(final, "unsealed|");
	seal_and_wait(final);
	CHECK_TOUCHED(final, "|");
	/* A copy is another folder (cp -r: its marker as if sealed when copied). */
	cmd = nv_xasprintf("cp -r '%s' '%s'", final, copy);
	CHECK_INT(system(cmd), 0);
	got = touched(copy, final);
	CHECK_STR(got, "unsealed|");
	free(got);
	free(cmd);
	free(final);
	free(copy);
}

struct poller {
	const char *path;
	atomic_bool stop;
	atomic_long looks, misses;
};

/* Reads p->path until told to stop; a miss is any text but the marker's. */
static void *poll_marker(void *arg)
{
	struct poller *p = arg;
	char buf[64];
	ssize_t k;
	int fd;

	while (!atomic_load(&p->stop)) {
		atomic_fetch_add(&p->looks, 1);
		fd = open(p->path, O_RDONLY | O_CLOEXEC);
		k = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
		if (fd >= 0)
			close(fd);
		if (k != (ssize_t)strlen(NV_OUTDIR_MARKER_TEXT) ||
		    memcmp(buf, NV_OUTDIR_MARKER_TEXT, (size_t)k))
			atomic_fetch_add(&p->misses, 1);
	}
	return NULL;
}

/*
 * Sealing writes the marker again over its own bytes: a reader (or a
 * build killed in the middle) never finds it empty, as it did when it
 * was truncated first; a longer marker is cut to the text.
 */
static void test_outdir_seal_keeps_marker(void)
{
	char *final = tmp("sealmark/site"), *marker;
	struct poller p = { .looks = 0, .misses = 0 };
	struct nv_outdir o;
	struct nv_buf b = NV_BUF_INIT;
	pthread_t t;
	int i;

	put("sealmark", NULL);
	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	marker = nv_xasprintf("%s/%s", final, NV_OUTDIR_MARKER);
	p.path = marker;
	atomic_store(&p.stop, false);
	CHECK_INT(pthread_create(&t, NULL, poll_marker, &p), 0);
	for (i = 0; i < 3000 || atomic_load(&p.looks) < 1000; i++)
		CHECK_INT(nv_outdir_seal(final), 0);
	atomic_store(&p.stop, true);
	pthread_join(t, NULL);
	CHECK_INT(atomic_load(&p.misses), 0);
	put("sealmark/site/" NV_OUTDIR_MARKER, NV_OUTDIR_MARKER_TEXT "and more\n");
	CHECK_INT(nv_outdir_seal(final), 0);
	CHECK_INT(nv_read_file(marker, 1024, &b), 0);
	CHECK_STR(b.ptr, NV_OUTDIR_MARKER_TEXT);
	nv_buf_release(&b);
	free(marker);
	free(final);
}

static void *poll_final(void *arg)
{
	struct poller *p = arg;
	struct stat st;

	while (!atomic_load(&p->stop)) {
		atomic_fetch_add(&p->looks, 1);
		if (stat(p->path, &st) < 0)
			atomic_fetch_add(&p->misses, 1);
	}
	return NULL;
}

/* Count in *misses the looks of a reader that found no final during n commits. */
static void misses_during_commits(const char *final, int n, long *misses)
{
	struct poller p = { final, false, 0, 0 };
	struct nv_outdir o;
	pthread_t t;
	char *f;
	int i;

	CHECK_INT(pthread_create(&t, NULL, poll_final, &p), 0);
	for (i = 0; i < n; i++) {
		CHECK_INT(nv_outdir_begin(&o, final), 0);
		f = nv_xasprintf("%s/index.html", o.staging);
		CHECK_INT(nv_write_new_file(f, "x", 1), 0);
		free(f);
		CHECK_INT(nv_outdir_commit(&o), 0);
	}
	atomic_store(&p.stop, true);
	pthread_join(t, NULL);
	CHECK(atomic_load(&p.looks) > 0);
	*misses = atomic_load(&p.misses);
}

/*
 * A reader never finds the output folder missing: the swap is one
 * exchange. (The fallback of two renames, NV_TEST_NO_EXCHANGE, shows a
 * reader thousands of misses in the same loop.)
 */
static void test_outdir_swap_leaves_no_gap(void)
{
	char *final = tmp("gap/site"), *f = tmp("gap/site/index.html");
	struct nv_outdir o;
	long misses = -1;

	CHECK_INT(nv_outdir_begin(&o, final), 0);
	CHECK_INT(nv_outdir_commit(&o), 0);
	nv_test_write(f, "x");
	misses_during_commits(final, 300, &misses);
	CHECK_INT(misses, 0);
	free(final);
	free(f);
}

static void test_outdir_lock(void)
{
	char *dir = tmp("locked");
	int fd, again;

	CHECK_INT(nv_mkdir_p(dir), 0);
	fd = nv_outdir_lock(dir, 0);
	CHECK(fd >= 0);
	/* Another open of the folder is another build: it waits, then fails. */
	again = nv_outdir_lock(dir, 100);
	CHECK_INT(again, -1);
	CHECK_INT(errno, EWOULDBLOCK);
	nv_outdir_unlock(fd);
	again = nv_outdir_lock(dir, 0);
	CHECK(again >= 0);
	nv_outdir_unlock(again);
	free(dir);
	dir = tmp("no-such-folder");
	CHECK_INT(nv_outdir_lock(dir, 0), -1);
	free(dir);
}

void nv_tests(void)
{
	NV_RUN(test_mkdir_p_and_write);
	NV_RUN(test_write_leaves_no_temp_files);
	NV_RUN(test_read_file_limits);
	NV_RUN(test_walk_is_sorted_and_skips_hidden);
	NV_RUN(test_walk_all_lists_links_and_failures);
	NV_RUN(test_read_file_in_follows_no_link);
	NV_RUN(test_read_file_at_keeps_folder);
	NV_RUN(test_read_stat_and_reread);
	NV_RUN(test_outdir_swaps_on_commit);
	NV_RUN(test_outdir_refuses_foreign_directory);
	NV_RUN(test_outdir_removes_leftovers_of_interrupted_builds);
	NV_RUN(test_file_stamp);
	NV_RUN(test_outdir_link_and_exchange);
	NV_RUN(test_outdir_link_and_fallback_swap);
	NV_RUN(test_outdir_takes_the_last_tree);
	NV_RUN(test_outdir_seal);
	NV_RUN(test_outdir_seal_keeps_marker);
	NV_RUN(test_outdir_lock);
	NV_RUN(test_outdir_swap_leaves_no_gap);
}
