/* Unit tests for build_cache.c: keys in, decisions out. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "build_cache.h"
#include "content.h"
#include "fs.h"
#include "harness.h"
#include "model.h"

/* A model of three documents: an order a, a положение b, a news item c. */
struct fixture {
	struct nv_doc docs[3];
	struct nv_entry e[3], *ep[3];
	struct nv_model m;
	struct nv_hash keys[3];
	char hex[3][33];
};

static void fixture_init(struct fixture *f)
{
	static const char *const ids[] = { "a", "b", "c" };
	static const enum nv_kind kinds[] = { NV_KIND_ORDER, NV_KIND_POSITION, NV_KIND_NEWS };
	size_t i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < 3; i++) {
		f->docs[i].hash = (struct nv_hash)NV_HASH_INIT;
		nv_hash_str(&f->docs[i].hash, ids[i]);
		f->e[i].doc = &f->docs[i];
		f->e[i].id = ids[i];
		f->e[i].kind = kinds[i];
		f->ep[i] = &f->e[i];
		f->keys[i] = nv_cache_entry_key((struct nv_hash)NV_HASH_INIT, &f->e[i]);
		nv_hash_hex(f->keys[i], f->hex[i]);
	}
	f->m.entries = f->ep;
	f->m.nentries = 3;
}

static void test_entry_key_follows_text_and_appendices(void)
{
	struct fixture f;
	struct nv_appendix app = { NULL, 1 };
	struct nv_hash before;

	fixture_init(&f);
	CHECK(!nv_hash_eq(f.keys[0], f.keys[1]));
	/* The order prints its appendix: the appendix's text is part of its key. */
	app.doc = &f.e[1];
	f.e[0].appendices = &app;
	f.e[0].nappendices = 1;
	before = nv_cache_entry_key((struct nv_hash)NV_HASH_INIT, &f.e[0]);
	CHECK(!nv_hash_eq(before, f.keys[0]));
	nv_hash_str(&f.docs[1].hash, "edited");
	CHECK(!nv_hash_eq(nv_cache_entry_key((struct nv_hash)NV_HASH_INIT, &f.e[0]), before));
}

static void test_unchanged_needs_fingerprint_and_outputs(void)
{
	struct nv_manifest old;

	memset(&old, 0, sizeof(old));
	memcpy(old.fingerprint, "0123456789abcdef0123456789abcdef", 33);
	CHECK(nv_cache_unchanged(&old, "0123456789abcdef0123456789abcdef", true));
	CHECK(!nv_cache_unchanged(&old, "0123456789abcdef0123456789abcdef", false));
	CHECK(!nv_cache_unchanged(&old, "ffffffffffffffffffffffffffffffff", true));
	CHECK(!nv_cache_unchanged(&old, "", true)); /* a racy fingerprint proves nothing */
	CHECK(!nv_cache_unchanged(NULL, "0123456789abcdef0123456789abcdef", true));
}

static void test_plan(void)
{
	struct fixture f;
	struct nv_manifest old;
	const char *g = "00000000000000000000000000000001";
	bool render[3];
	size_t n = 99;

	fixture_init(&f);
	memset(&old, 0, sizeof(old));
	memcpy(old.global, g, 33);
	/* Records sorted by path, as nv_manifest_read() leaves them. */
	nv_manifest_add(&old, f.hex[2], "site/news/c.html");
	nv_manifest_add(&old, f.hex[0], "site/orders/a.html");
	nv_manifest_add(&old, f.hex[1], "site/positions/b.html");

	/* Everything as last time. */
	CHECK_INT(nv_cache_plan(&old, g, true, &f.m, f.keys, render, &n), NV_PLAN_UNCHANGED);
	CHECK_INT(n, 0);
	/* Anything that proves nothing, or another global key: a whole build. */
	CHECK_INT(nv_cache_plan(NULL, g, true, &f.m, f.keys, render, &n), NV_PLAN_WHOLE);
	CHECK_INT(nv_cache_plan(&old, "", true, &f.m, f.keys, render, &n), NV_PLAN_WHOLE);
	CHECK_INT(nv_cache_plan(&old, "00000000000000000000000000000002", true, &f.m, f.keys,
				render, &n),
		  NV_PLAN_WHOLE);
	CHECK_INT(nv_cache_plan(&old, g, false, &f.m, f.keys, render, &n), NV_PLAN_WHOLE);
	CHECK(!render[0] && !render[1] && !render[2]);
	/* Two keys that both proved nothing are not equal. */
	old.global[0] = '\0';
	CHECK_INT(nv_cache_plan(&old, "", true, &f.m, f.keys, render, &n), NV_PLAN_WHOLE);
	memcpy(old.global, g, 33);

	/* b's text changed: only b. */
	memcpy(old.v[2].key, "ffffffffffffffffffffffffffffffff", 33);
	CHECK_INT(nv_cache_plan(&old, g, true, &f.m, f.keys, render, &n), NV_PLAN_SOME);
	CHECK_INT(n, 1);
	CHECK(!render[0] && render[1] && !render[2]);
	/* c has no page yet (a new document): it is rendered too. */
	free(old.v[0].path);
	old.v[0].path = nv_xstrdup("site/news/a.html");
	CHECK_INT(nv_cache_plan(&old, g, true, &f.m, f.keys, render, &n), NV_PLAN_SOME);
	CHECK_INT(n, 2);
	CHECK(!render[0] && render[1] && render[2]);
	nv_manifest_release(&old);
}

static void test_manifest_round_trip(void)
{
	struct nv_manifest m, back;
	const char *dir = nv_test_tmpdir();
	char *site = nv_xasprintf("%s/site", dir), *print = nv_xasprintf("%s/print", dir);
	char *path = nv_xasprintf("%s/print/.nastavnik-manifest", dir);

	memset(&m, 0, sizeof(m));
	memcpy(m.fingerprint, "0123456789abcdef0123456789abcdef", 33);
	memcpy(m.global, "fedcba9876543210fedcba9876543210", 33);
	m.title = nv_xstrdup("Наставничество");
	m.warnings = 3;
	nv_manifest_add(&m, "11111111111111111111111111111111", "site/orders/b.html");
	nv_manifest_add(&m, "22222222222222222222222222222222", "print/a.pdf");
	/* Each tree holds the records of its own files. */
	CHECK_INT(nv_manifest_write(site, "site/", &m), 0);
	CHECK(!nv_manifest_read(dir, true, &back)); /* no print manifest yet */
	CHECK_INT(nv_manifest_write(print, "print/", &m), 0);
	CHECK(nv_manifest_read(dir, false, &back));
	CHECK_INT(back.nr, 1);
	nv_manifest_release(&back);
	CHECK(nv_manifest_read(dir, true, &back));
	CHECK_STR(back.fingerprint, m.fingerprint);
	CHECK_STR(back.global, m.global);
	CHECK_STR(back.title, "Наставничество");
	CHECK_INT(back.warnings, 3); /* the next build, with nothing to do, says so */
	CHECK_INT(back.nr, 2);
	CHECK_STR(back.v[0].path, "print/a.pdf"); /* sorted by path */
	CHECK_STR(nv_manifest_key(&back, "site/orders/b.html"), "11111111111111111111111111111111");
	CHECK(nv_manifest_key(&back, "site/orders/c.html") == NULL);
	nv_manifest_release(&back);

	/* Trees of two builds (a crash between the swaps): their keys prove nothing. */
	memcpy(m.global, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 33);
	memcpy(m.fingerprint, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 33);
	CHECK_INT(nv_manifest_write(print, "print/", &m), 0);
	CHECK(nv_manifest_read(dir, true, &back));
	CHECK_STR(back.global, "");
	CHECK_STR(back.fingerprint, "");
	CHECK_INT(back.nr, 2);
	nv_manifest_release(&back);

	/* A damaged manifest is no manifest: the next build is a whole one. */
	nv_test_write(path, "nastavnik-manifest 5\nfingerprint xyz\n");
	CHECK(!nv_manifest_read(dir, true, &back));
	CHECK_INT(back.nr, 0);
	nv_test_write(path, "nastavnik-manifest 5\nfingerprint \nglobal \nwarnings x\ntitle x\n");
	CHECK(!nv_manifest_read(dir, true, &back));
	/* The manifest of a version before 4, in the output folder, is not read. */
	nv_test_write(path, "nastavnik-manifest 3\nfingerprint \nglobal \ntitle x\n");
	CHECK(!nv_manifest_read(dir, true, &back));
	/* Nor one of 4, whose trees were never sealed (nv_outdir_seal()). */
	nv_test_write(path, "nastavnik-manifest 4\nfingerprint \nglobal \nwarnings 0\ntitle x\n");
	CHECK(!nv_manifest_read(dir, true, &back));
	nv_manifest_release(&m);
	free(path);
	free(site);
	free(print);
}

/*
 * A printed PDF whose recorded key differs from its page's (the print
 * tree is of another build: a crash between the two swaps) is printed
 * again, even when the page is as last time.
 */
static void test_plan_checks_print_records(void)
{
	struct fixture f;
	struct nv_manifest old;
	const char *g = "00000000000000000000000000000001";
	bool render[3];
	size_t n;

	fixture_init(&f);
	memset(&old, 0, sizeof(old));
	memcpy(old.global, g, 33);
	/* Sorted by path, as nv_manifest_read() leaves them. */
	nv_manifest_add(&old, f.hex[0], "print/a.pdf");
	nv_manifest_add(&old, "ffffffffffffffffffffffffffffffff", "print/b.pdf");
	nv_manifest_add(&old, f.hex[2], "site/news/c.html");
	nv_manifest_add(&old, f.hex[0], "site/orders/a.html");
	nv_manifest_add(&old, f.hex[1], "site/positions/b.html");
	CHECK_INT(nv_cache_plan(&old, g, true, &f.m, f.keys, render, &n), NV_PLAN_SOME);
	CHECK_INT(n, 1);
	CHECK(!render[0] && render[1] && !render[2]);
	nv_manifest_release(&old);
}

static void test_update_keeps_others_and_finds_gone(void)
{
	struct fixture f;
	struct nv_manifest old, new;
	struct nv_strlist gone = NV_STRLIST_INIT;
	bool render[3] = { false, true, false };
	size_t i;

	fixture_init(&f);
	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	nv_manifest_add(&old, "33333333333333333333333333333333", "print/a.pdf");
	nv_manifest_add(&old, "44444444444444444444444444444444", "print/b.pdf");
	nv_manifest_add(&old, "55555555555555555555555555555555", "site/news/c.html");
	nv_manifest_add(&old, "33333333333333333333333333333333", "site/orders/a.html");
	nv_manifest_add(&old, "44444444444444444444444444444444", "site/positions/b.html");
	nv_manifest_add(&old, "44444444444444444444444444444444", "site/positions/b.pdf");
	/* b is rendered again and its PDF is no longer public (no public PDFs). */
	nv_manifest_update(true, &f.m, NULL, 0, render, f.keys, &old, &new, &gone);
	CHECK_INT(gone.nr, 1);
	CHECK_STR(gone.v[0], "site/positions/b.pdf");
	/* b's page and printed PDF get its new key; a's and c's records stay. */
	CHECK_INT(new.nr, 5);
	CHECK_STR(nv_manifest_key(&new, "site/positions/b.html"), f.hex[1]);
	CHECK_STR(nv_manifest_key(&new, "print/b.pdf"), f.hex[1]);
	CHECK(nv_manifest_key(&new, "site/positions/b.pdf") == NULL);
	CHECK_STR(nv_manifest_key(&new, "site/orders/a.html"), "33333333333333333333333333333333");
	CHECK_STR(nv_manifest_key(&new, "site/news/c.html"), "55555555555555555555555555555555");
	for (i = 1; i < new.nr; i++)
		CHECK(strcmp(new.v[i - 1].path, new.v[i].path) < 0);
	nv_manifest_release(&new);
	nv_strlist_release(&gone);

	/* A whole build: every output with its key, nothing gone. */
	nv_manifest_update(true, &f.m, NULL, 0, NULL, f.keys, NULL, &new, &gone);
	CHECK_INT(new.nr, 5);
	CHECK_INT(gone.nr, 0);
	CHECK_STR(nv_manifest_key(&new, "site/orders/a.html"), f.hex[0]);
	nv_manifest_release(&old);
	nv_manifest_release(&new);
	nv_strlist_release(&gone);
}

void nv_tests(void)
{
	NV_RUN(test_entry_key_follows_text_and_appendices);
	NV_RUN(test_unchanged_needs_fingerprint_and_outputs);
	NV_RUN(test_plan);
	NV_RUN(test_manifest_round_trip);
	NV_RUN(test_plan_checks_print_records);
	NV_RUN(test_update_keeps_others_and_finds_gone);
}
