/*
 * Unit tests for strlist.c: strings kept in the order added, as copies
 * the list owns; lookups; and a released list that is empty and can be
 * filled again.
 */
#include "common.h"

#include "alloc.h"
#include "harness.h"
#include "strlist.h"

static void test_add_keeps_order(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;

	nv_strlist_add(&l, "content/orders/b.md");
	nv_strlist_add(&l, "content/news/a.md");
	nv_strlist_add(&l, "");
	nv_strlist_add(&l, "content/orders/b.md");
	CHECK_INT(l.nr, 4);
	CHECK(l.alloc >= l.nr);
	CHECK_STR(l.v[0], "content/orders/b.md");
	CHECK_STR(l.v[1], "content/news/a.md");
	CHECK_STR(l.v[2], "");
	CHECK_STR(l.v[3], "content/orders/b.md");
	/* A duplicate is a string of its own, not the same pointer. */
	CHECK(l.v[0] != l.v[3]);
	nv_strlist_release(&l);
}

/* Many strings: the array grows and keeps every one in its place. */
static void test_grows(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;
	char want[32];
	size_t i;

	for (i = 0; i < 1000; i++)
		nv_strlist_addf(&l, "файл-%zu.md", i);
	CHECK_INT(l.nr, 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof(want), "файл-%zu.md", i);
		CHECK_STR(l.v[i], want);
	}
	nv_strlist_release(&l);
}

static void test_addf_formats(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;

	nv_strlist_addf(&l, "%s/%s.html", "orders", "o-zakreplenii");
	nv_strlist_addf(&l, "%d-%03d%%", 7, 42);
	nv_strlist_addf(&l, "просто текст");
	CHECK_INT(l.nr, 3);
	CHECK_STR(l.v[0], "orders/o-zakreplenii.html");
	CHECK_STR(l.v[1], "7-042%");
	CHECK_STR(l.v[2], "просто текст");
	nv_strlist_release(&l);
}

static void test_has(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;

	CHECK(!nv_strlist_has(&l, ""));
	CHECK(!nv_strlist_has(&l, "a"));
	nv_strlist_add(&l, "news/a.md");
	nv_strlist_addf(&l, "news/%s.md", "b");
	CHECK(nv_strlist_has(&l, "news/a.md"));
	CHECK(nv_strlist_has(&l, "news/b.md"));
	/* Whole strings only: no prefix, no suffix, case matters. */
	CHECK(!nv_strlist_has(&l, "news/a"));
	CHECK(!nv_strlist_has(&l, "news/a.md.bak"));
	CHECK(!nv_strlist_has(&l, "NEWS/a.md"));
	CHECK(!nv_strlist_has(&l, ""));
	nv_strlist_release(&l);
}

/* The list keeps copies: changing or freeing the source changes nothing. */
static void test_copies_are_owned(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;
	char src[] = "orders/a.md";
	char *heap = nv_xstrdup("positions/p.md");

	nv_strlist_add(&l, src);
	nv_strlist_addf(&l, "%s", heap);
	CHECK(l.v[0] != src);
	src[0] = 'X';
	heap[0] = 'Y';
	free(heap);
	CHECK_STR(l.v[0], "orders/a.md");
	CHECK_STR(l.v[1], "positions/p.md");
	CHECK(nv_strlist_has(&l, "orders/a.md"));
	CHECK(!nv_strlist_has(&l, "Xrders/a.md"));
	nv_strlist_release(&l);
}

static void test_release_empties_and_list_is_reusable(void)
{
	struct nv_strlist l = NV_STRLIST_INIT;

	/* Releasing an empty list is fine. */
	nv_strlist_release(&l);
	CHECK_INT(l.nr, 0);
	nv_strlist_add(&l, "a");
	nv_strlist_add(&l, "b");
	nv_strlist_release(&l);
	CHECK(l.v == NULL);
	CHECK_INT(l.nr, 0);
	CHECK_INT(l.alloc, 0);
	CHECK(!nv_strlist_has(&l, "a"));
	nv_strlist_add(&l, "c");
	CHECK_INT(l.nr, 1);
	CHECK_STR(l.v[0], "c");
	CHECK(!nv_strlist_has(&l, "a"));
	CHECK(nv_strlist_has(&l, "c"));
	nv_strlist_release(&l);
	CHECK_INT(l.nr, 0);
}

void nv_tests(void)
{
	NV_RUN(test_add_keeps_order);
	NV_RUN(test_grows);
	NV_RUN(test_addf_formats);
	NV_RUN(test_has);
	NV_RUN(test_copies_are_owned);
	NV_RUN(test_release_empties_and_list_is_reusable);
}
