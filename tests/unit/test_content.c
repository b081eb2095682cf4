/*
 * Unit tests for content.c: a content folder written into a scratch
 * directory is loaded, and the tests look at what the loader kept —
 * documents in sorted order with their ids and sections, data files by
 * name, other files listed as assets, broken files reported and listed,
 * hidden files skipped — and at the same result from several threads.
 */
#include "common.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "markdown.h"
#include "value.h"

static const char *const doc_text = "---\ntitle: Документ\n---\nТекст.\n";

/* Create the folder root/rel (one level) or fail the whole program. */
static void mkdir_in(const char *root, const char *rel)
{
	char *p = nv_xasprintf("%s/%s", root, rel);

	if (mkdir(p, 0777) < 0 && errno != EEXIST) {
		perror(p);
		exit(2);
	}
	free(p);
}

static void write_in(const char *root, const char *rel, const char *text)
{
	char *p = nv_xasprintf("%s/%s", root, rel);

	nv_test_write(p, text);
	free(p);
}

/* A small project folder: three documents out of order, two data files, attachments. */
static char *make_folder(const char *name)
{
	char *root = nv_xasprintf("%s/%s", nv_test_tmpdir(), name);

	mkdir_in(nv_test_tmpdir(), name);
	mkdir_in(root, "orders");
	mkdir_in(root, "news");
	mkdir_in(root, "files");
	mkdir_in(root, ".git");
	write_in(root, "site.yml", "organization:\n  short_name: МБОУ «СОШ № 3»\n");
	write_in(root, "people.yml", "- id: ivanova-mp\n  surname: Иванова\n");
	write_in(root, "orders/o-zakreplenii.md", doc_text);
	write_in(root, "orders/o-vnedrenii.md", doc_text);
	write_in(root, "news/2025-09-01-start.md", "---\ntitle: Старт\ndate: 01.09.2025\n---\n");
	write_in(root, "index.md", doc_text);
	write_in(root, "files/anketa.txt", "Анкета\n");
	write_in(root, "files/plan.md", "# не документ: вложение\n");
	write_in(root, "logo.png", "PNG");
	write_in(root, ".hidden.md", "не файл проекта");
	write_in(root, ".git/config", "[core]\n");
	return root;
}

/*
 * Load root in a child process that cannot read files/ and return what
 * the load said: its result, then each diagnostic as "FILE: MESSAGE".
 * root runs this test too, and chmod 000 does not stop root: the child
 * then drops to the user nobody first. NULL if the child failed.
 */
static char *load_unreadable(const char *root)
{
	char *files = nv_xasprintf("%s/files", root), buf[4096];
	struct nv_buf got = NV_BUF_INIT;
	int fd[2], st;
	ssize_t n;
	pid_t pid;

	if (chmod(files, 0) < 0 || chmod(nv_test_tmpdir(), 0755) < 0 || pipe(fd) < 0) {
		free(files);
		return NULL;
	}
	pid = fork();
	if (pid == 0) {
		struct nv_content c;
		struct nv_diags d = NV_DIAGS_INIT;
		FILE *f = fdopen(fd[1], "w");
		size_t i;
		int r;

		close(fd[0]);
		if (geteuid() == 0 &&
		    (setgroups(0, NULL) < 0 || setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		memset(&c, 0, sizeof(c));
		r = nv_content_load(&c, root, &d);
		fprintf(f, "%d\n", r);
		for (i = 0; i < d.nr; i++)
			fprintf(f, "%s: %s\n", d.v[i].file, d.v[i].msg);
		fclose(f);
		/* Released, so that the child is as clean under valgrind as the parent. */
		nv_content_release(&c);
		nv_diags_release(&d);
		free(files);
		_exit(0);
	}
	close(fd[1]);
	while ((n = read(fd[0], buf, sizeof(buf))) > 0)
		nv_buf_add(&got, buf, (size_t)n);
	close(fd[0]);
	waitpid(pid, &st, 0);
	chmod(files, 0755);
	free(files);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		nv_buf_release(&got);
		return NULL;
	}
	return nv_buf_detach(&got, NULL);
}

/* A folder that cannot be read is named, not the content folder. */
static void test_unreadable_folder_is_named(void)
{
	char *root = make_folder("unreadable"), *got = load_unreadable(root), *want;

	want = nv_xasprintf("-1\n%s/files: не удалось прочитать каталог: нет прав доступа\n", root);
	free(root);
	CHECK_STR(got, want);
	free(want);
	free(got);
}

static void test_documents_sorted(void)
{
	char *root = make_folder("sorted");
	struct nv_content c;
	struct nv_diags d = NV_DIAGS_INIT;
	char *want;

	memset(&c, 0, sizeof(c));
	CHECK_INT(nv_content_load(&c, root, &d), 0);
	CHECK_INT(d.nr, 0);
	CHECK_INT(c.ndocs, 4);
	CHECK_STR(c.docs[0]->id, "index");
	CHECK_STR(c.docs[0]->section, "");
	CHECK_STR(c.docs[1]->id, "2025-09-01-start");
	CHECK_STR(c.docs[1]->section, "news");
	CHECK_STR(c.docs[2]->id, "o-vnedrenii");
	CHECK_STR(c.docs[3]->id, "o-zakreplenii");
	CHECK_STR(c.docs[3]->section, "orders");
	want = nv_xasprintf("%s/orders/o-zakreplenii.md", root);
	CHECK_STR(c.docs[3]->path, want);
	free(want);
	/* The text is kept whole, the front matter parsed, the body found. */
	CHECK_INT(c.docs[2]->len, strlen(doc_text));
	CHECK_STR(c.docs[2]->text, doc_text);
	CHECK_STR(nv_map_get_str(c.docs[2]->meta, "title"), "Документ");
	CHECK_STR(c.docs[2]->text + c.docs[2]->split.body_off, "Текст.\n");
	/* The same text gives the same hash, another text another. */
	CHECK(nv_hash_eq(c.docs[2]->hash, c.docs[3]->hash));
	CHECK(!nv_hash_eq(c.docs[1]->hash, c.docs[2]->hash));
	CHECK_INT(c.broken.nr, 0);
	nv_content_release(&c);
	CHECK(!c.docs && !c.ndocs && !c.root);
	nv_diags_release(&d);
	free(root);
}

static void test_data_and_assets(void)
{
	char *root = make_folder("data");
	struct nv_content c;
	struct nv_diags d = NV_DIAGS_INIT;
	const struct nv_data *people, *site;
	const struct nv_value *org;

	memset(&c, 0, sizeof(c));
	CHECK_INT(nv_content_load(&c, root, &d), 0);
	CHECK_INT(c.ndata, 2);
	people = nv_content_data(&c, "people");
	site = nv_content_data(&c, "site");
	CHECK(people && site);
	CHECK(!nv_content_data(&c, "pairs"));
	CHECK(!nv_content_data(&c, "people.yml"));
	CHECK_STR(people->name, "people");
	CHECK(strstr(people->path, "/data/people.yml") != NULL);
	CHECK_INT(people->value->type, NV_LIST);
	org = nv_map_get(site->value, "organization");
	CHECK_STR(nv_map_get_str(org, "short_name"), "МБОУ «СОШ № 3»");
	/* Everything else is an asset, a .md under files/ too; hidden files are skipped. */
	CHECK_INT(c.assets.nr, 3);
	CHECK_STR(c.assets.v[0], "files/anketa.txt");
	CHECK_STR(c.assets.v[1], "files/plan.md");
	CHECK_STR(c.assets.v[2], "logo.png");
	nv_content_release(&c);
	nv_diags_release(&d);
	free(root);
}

static void test_broken_files(void)
{
	char *root = make_folder("broken");
	struct nv_content c;
	struct nv_diags d = NV_DIAGS_INIT;
	size_t i, bad_md = 0, bad_yml = 0;

	write_in(root, "orders/o-dubl.md", "---\ntitle: a\ntitle: b\n---\n1. Пункт.\n");
	write_in(root, "pairs.yml", "- mentor: [ivanova-mp\n");
	memset(&c, 0, sizeof(c));
	CHECK_INT(nv_content_load(&c, root, &d), 0);
	CHECK(d.errors >= 2);
	for (i = 0; i < d.nr; i++) {
		CHECK(d.v[i].file != NULL);
		if (strstr(d.v[i].file, "orders/o-dubl.md"))
			bad_md++;
		if (strstr(d.v[i].file, "pairs.yml"))
			bad_yml++;
	}
	CHECK(bad_md >= 1 && bad_yml >= 1);
	/* The broken files are left out, the rest is kept. */
	CHECK_INT(c.ndocs, 4);
	for (i = 0; i < c.ndocs; i++)
		CHECK(strcmp(c.docs[i]->id, "o-dubl"));
	CHECK_INT(c.ndata, 2);
	CHECK(!nv_content_data(&c, "pairs"));
	CHECK_INT(c.broken.nr, 2);
	CHECK(nv_content_broken(&c, "pairs.yml"));
	CHECK(nv_content_broken(&c, "orders/o-dubl.md"));
	CHECK(!nv_content_broken(&c, "orders/o-vnedrenii.md"));
	CHECK(!nv_content_broken(&c, "people.yml"));
	nv_content_release(&c);
	nv_diags_release(&d);
	free(root);
}

static void test_missing_folder(void)
{
	char *root = nv_xasprintf("%s/no-such-folder", nv_test_tmpdir());
	struct nv_content c;
	struct nv_diags d = NV_DIAGS_INIT;

	memset(&c, 0, sizeof(c));
	CHECK_INT(nv_content_load(&c, root, &d), -1);
	CHECK_INT(d.errors, 1);
	CHECK_STR(d.v[0].file, root);
	CHECK_STR(d.v[0].msg, "каталог с документами не найден");
	CHECK(d.v[0].hint && strstr(d.v[0].hint, "nastavnik check -C КАТАЛОГ"));
	CHECK_INT(c.ndocs, 0);
	nv_content_release(&c);
	nv_diags_release(&d);
	free(root);
}

/* Enough documents for several threads: the same documents, in the same order. */
static void test_threads_same_result(void)
{
	char *root = make_folder("threads");
	struct nv_content c1, c4;
	struct nv_diags d1 = NV_DIAGS_INIT, d4 = NV_DIAGS_INIT;
	char rel[64], text[128];
	size_t i;

	for (i = 0; i < 100; i++) {
		snprintf(rel, sizeof(rel), "news/n-%03zu.md", (i * 37) % 100);
		snprintf(text, sizeof(text), "---\ntitle: Новость %zu\ndate: 01.09.2025\n---\n", i);
		write_in(root, rel, text);
	}
	write_in(root, "news/n-050.md", "---\ntitle: [\n---\n");
	memset(&c1, 0, sizeof(c1));
	memset(&c4, 0, sizeof(c4));
	CHECK_INT(nv_content_load_jobs(&c1, root, 1, &d1), 0);
	CHECK_INT(nv_content_load_jobs(&c4, root, 4, &d4), 0);
	CHECK_INT(c1.ndocs, 103);
	CHECK_INT(c4.ndocs, c1.ndocs);
	for (i = 0; i < c1.ndocs; i++) {
		CHECK_STR(c4.docs[i]->path, c1.docs[i]->path);
		CHECK(nv_hash_eq(c4.docs[i]->hash, c1.docs[i]->hash));
		CHECK(i == 0 || strcmp(c1.docs[i - 1]->path, c1.docs[i]->path) < 0);
	}
	CHECK_INT(d1.errors, d4.errors);
	CHECK(d1.errors >= 1);
	CHECK_INT(c4.broken.nr, 1);
	CHECK_STR(c4.broken.v[0], "news/n-050.md");
	nv_content_release(&c1);
	nv_content_release(&c4);
	nv_diags_release(&d1);
	nv_diags_release(&d4);
	free(root);
}

/*
 * A load for once drops each text once parsed: the same trees and
 * hashes as a plain load, and the text read again on demand, the same
 * bytes, until it is dropped again; a file changed since is an error,
 * even when its size is the same.
 */
static void test_load_once_and_drop_texts(void)
{
	char *root = make_folder("once");
	struct nv_content c1, c2;
	struct nv_diags d1 = NV_DIAGS_INIT, d2 = NV_DIAGS_INIT;
	char rel[64], text[256];
	size_t i;
	int top = -1;

	for (i = 0; i < 80; i++) {
		snprintf(rel, sizeof(rel), "news/n-%03zu.md", i);
		snprintf(text, sizeof(text), "---\ntitle: Новость %zu\ndate: 01.09.2025\n---\n%s\n",
			 i, i % 2 ? "Текст новости." : "");
		write_in(root, rel, text);
	}
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	CHECK_INT(nv_content_load_jobs(&c1, root, 2, &d1), 0);
	CHECK_INT(nv_content_load_once(&c2, root, 2, &d2), 0);
	CHECK(c2.ndocs >= 80);
	CHECK_INT(c2.ndocs, c1.ndocs);
	for (i = 0; i < c2.ndocs; i++) {
		/* a document's strings are packed in one block */
		CHECK(c2.docs[i]->meta->members[0].value->packed);
		CHECK(c2.docs[i]->meta->members[0].value->str == c2.docs[i]->strings);
		CHECK(c2.docs[i]->once);
		CHECK(!c2.docs[i]->reusable);
		CHECK(!c1.docs[i]->once);
		CHECK(c2.docs[i]->text == NULL);
		CHECK_INT(c2.docs[i]->len, c1.docs[i]->len);
		CHECK(nv_hash_eq(c2.docs[i]->hash, c1.docs[i]->hash));
		CHECK_STR(nv_content_doc_text(c2.docs[i], &d2), c1.docs[i]->text);
		CHECK(c2.docs[i]->text != NULL);
		CHECK(c2.docs[i]->md != NULL);
		nv_content_doc_text_done(c2.docs[i]);
		CHECK(c2.docs[i]->text == NULL);
		nv_content_doc_text_done(c1.docs[i]); /* a plain load keeps its texts */
		CHECK(c1.docs[i]->text != NULL);
	}
	CHECK_INT(d2.nr, 0);
	/* A loop opens the folder once for all its reads. */
	for (i = 0; i < c2.ndocs; i++) {
		CHECK_STR(nv_content_doc_text_at(c2.docs[i], &top, &d2), c1.docs[i]->text);
		CHECK(top >= 0);
		nv_content_doc_text_done(c2.docs[i]);
	}
	close(top);
	CHECK_INT(d2.nr, 0);
	for (i = 0; i < c2.ndocs && !strstr(c2.docs[i]->path, "news/n-000.md"); i++)
		;
	CHECK(i < c2.ndocs);
	write_in(root, "news/n-000.md", "---\ntitle: Другая\n---\n");
	CHECK(nv_content_doc_text(c2.docs[i], &d2) == NULL);
	CHECK_INT(d2.nr, 1);
	CHECK_STR(d2.v[0].msg, "файл изменился во время сборки");
	CHECK(nv_content_doc_text(c2.docs[i], &d2) == NULL); /* said once */
	CHECK_INT(d2.nr, 1);
	/* An edit that keeps the size is told too. */
	for (i = 0; i < c2.ndocs && !strstr(c2.docs[i]->path, "news/n-001.md"); i++)
		;
	CHECK(i < c2.ndocs);
	write_in(root, "news/n-001.md",
		 "---\ntitle: Новость 7\ndate: 01.09.2025\n---\nТекст новости.\n");
	CHECK(nv_content_doc_text(c2.docs[i], &d2) == NULL);
	CHECK_INT(d2.nr, 2);
	CHECK_STR(d2.v[1].msg, "файл изменился во время сборки");
	nv_content_drop_texts(&c2, 2);
	for (i = 0; i < c2.ndocs; i++) {
		CHECK(c2.docs[i]->text == NULL);
		CHECK(c2.docs[i]->meta == NULL); /* its strings are kept */
		/* the values are in the packed block, the keys (title, date) the schema's */
		CHECK_INT(c2.docs[i]->nkept, 0);
		CHECK(c2.docs[i]->strings != NULL);
		CHECK(!c2.docs[i]->reusable);
		CHECK(nv_hash_eq(c2.docs[i]->hash, c1.docs[i]->hash));
	}
	CHECK_INT(d1.nr, 0);
	nv_content_release(&c1);
	nv_content_release(&c2);
	nv_diags_release(&d1);
	nv_diags_release(&d2);
	free(root);
}

/*
 * A load with the bodies' summaries of an earlier load (md_summary.h):
 * an unchanged body is a stub with the same links and headings and no
 * tree, a changed one is parsed; nv_content_doc_tree() and
 * nv_content_trees() parse a stub's text again; a file changed since
 * its load is an error; a body with a diagnostic is never summarised.
 */
static void test_load_bodies(void)
{
	char *root = make_folder("bodies"),
	     *file = nv_xasprintf("%s/bodies-file", nv_test_tmpdir());
	struct nv_content c1, c2;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	struct nv_doc *a = NULL, *b = NULL, *t = NULL;
	size_t i;

	mkdir_in(root, "pages");
	write_in(root, "pages/a.md", "---\ntitle: А\n---\n# Цели\n\nСм. [б](b.md#zadachi).\n");
	write_in(root, "pages/b.md", "---\ntitle: Б\n---\n## Задачи\n\n1. Пункт.\n");
	write_in(root, "pages/t.md", "---\ntitle: Т\n---\n```table\n[\n```\n");
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	CHECK_INT(nv_content_load_bodies(&c1, root, 1, file, NULL, false, &d), 0); /* no file yet */
	for (i = 0; i < c1.ndocs; i++)
		CHECK(c1.docs[i]->md->root != NULL);
	nv_content_bodies(&c1, &out);
	CHECK_INT(nv_write_file(file, out.ptr, out.len), 0);
	write_in(root, "pages/b.md", "---\ntitle: Б\n---\n## Задачи и цели\n\n1. Пункт.\n");
	nv_diags_release(&d);
	CHECK_INT(nv_content_load_bodies(&c2, root, 1, file, NULL, false, &d), 0);
	for (i = 0; i < c2.ndocs; i++) {
		if (strstr(c2.docs[i]->path, "pages/a.md"))
			a = c2.docs[i];
		if (strstr(c2.docs[i]->path, "pages/b.md"))
			b = c2.docs[i];
		if (strstr(c2.docs[i]->path, "pages/t.md"))
			t = c2.docs[i];
	}
	CHECK(a && b && t);
	CHECK(a->md->root == NULL && a->body_clean);
	CHECK_INT(a->md->nr_links, 1);
	CHECK_STR(a->md->links[0].anchor, "zadachi");
	CHECK_STR(a->md->headings[0].id, "tseli");
	CHECK(b->md->root != NULL);
	CHECK_STR(b->md->headings[0].id, "zadachi-i-tseli");
	CHECK(t->md->root != NULL && !t->body_clean); /* its table has an error */
	CHECK_INT(nv_content_doc_tree(a, NULL, &d), 0);
	CHECK(a->md->root != NULL);
	CHECK(a->md->links[0].node != NULL);
	CHECK_INT(nv_content_doc_tree(a, NULL, &d), 0); /* once is enough */
	nv_content_release(&c2);
	/* Changed after the load: an error, and the stub stays a stub. */
	memset(&c2, 0, sizeof(c2));
	nv_diags_release(&d);
	write_in(root, "pages/b.md", "---\ntitle: Б\n---\n## Задачи\n\n1. Пункт.\n");
	CHECK_INT(nv_content_load_bodies(&c2, root, 1, file, NULL, false, &d), 0);
	for (i = 0; i < c2.ndocs && !strstr(c2.docs[i]->path, "pages/a.md"); i++)
		;
	CHECK(i < c2.ndocs && c2.docs[i]->md->root == NULL);
	a = c2.docs[i];
	CHECK(nv_content_trees(c2.docs, c2.ndocs, 2, &d) == 0);
	CHECK(a->md->root != NULL);
	nv_content_release(&c2);
	memset(&c2, 0, sizeof(c2));
	nv_diags_release(&d);
	CHECK_INT(nv_content_load_bodies(&c2, root, 1, file, NULL, false, &d), 0);
	for (i = 0; i < c2.ndocs && !strstr(c2.docs[i]->path, "pages/a.md"); i++)
		;
	a = c2.docs[i];
	CHECK(a->md->root == NULL);
	write_in(root, "pages/a.md", "---\ntitle: А\n---\n# Цели\n\nСм. [б](b.md#zadachi)!\n");
	nv_diags_release(&d);
	CHECK_INT(nv_content_doc_tree(a, NULL, &d), -1);
	CHECK(a->md->root == NULL);
	CHECK_INT(d.nr, 1);
	CHECK_STR(d.v[0].msg, "файл изменился во время сборки");
	nv_content_release(&c2);
	nv_content_release(&c1);
	nv_diags_release(&d);
	nv_buf_release(&out);
	free(file);
	free(root);
}

/*
 * Files older than a second when read: read again with the same stamp,
 * their texts are not hashed again, yet an edit since is told, even one
 * that keeps the size and the modification time.
 */
static void test_reread_old_files(void)
{
	char *root = make_folder("old"), *p;
	const struct timespec wait = { 1, 100000000 };
	struct nv_content c;
	struct nv_diags d = NV_DIAGS_INIT;
	struct timespec times[2];
	struct stat st;
	size_t i;
	int top = -1;

	nanosleep(&wait, NULL);
	memset(&c, 0, sizeof(c));
	CHECK_INT(nv_content_load_once(&c, root, 1, &d), 0);
	CHECK_INT(d.nr, 0);
	for (i = 0; i < c.ndocs; i++) {
		CHECK(c.docs[i]->read_old);
		CHECK(c.docs[i]->text == NULL);
		CHECK_STR(nv_content_doc_text_at(c.docs[i], &top, &d), doc_text);
		nv_content_doc_text_done(c.docs[i]);
		if (strstr(c.docs[i]->path, "index.md"))
			break;
	}
	CHECK(i < c.ndocs);
	CHECK_INT(d.nr, 0);
	p = nv_xasprintf("%s/index.md", root);
	CHECK_INT(stat(p, &st), 0);
	write_in(root, "index.md", "---\ntitle: Документ\n---\nТекст!\n");
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	CHECK_INT(utimensat(AT_FDCWD, p, times, 0), 0);
	CHECK(nv_content_doc_text_at(c.docs[i], &top, &d) == NULL);
	CHECK_INT(d.nr, 1);
	CHECK_STR(d.v[0].msg, "файл изменился во время сборки");
	close(top);
	nv_content_release(&c);
	nv_diags_release(&d);
	free(p);
	free(root);
}

void nv_tests(void)
{
	NV_RUN(test_documents_sorted);
	NV_RUN(test_data_and_assets);
	NV_RUN(test_broken_files);
	NV_RUN(test_missing_folder);
	NV_RUN(test_unreadable_folder_is_named);
	NV_RUN(test_threads_same_result);
	NV_RUN(test_load_once_and_drop_texts);
	NV_RUN(test_load_bodies);
	NV_RUN(test_reread_old_files);
}
