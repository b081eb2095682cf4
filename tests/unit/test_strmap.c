/* Unit tests for strmap.c. */
#include "common.h"

#include "alloc.h"
#include "harness.h"
#include "strmap.h"

static void test_strmap_empty(void)
{
	struct nv_strmap *x = nv_strmap_new();

	CHECK(nv_strmap_get(NULL, "a") == NULL);
	CHECK_INT(nv_strmap_count(NULL), 0);
	CHECK(nv_strmap_get(x, "a") == NULL);
	CHECK(nv_strmap_get(x, "") == NULL);
	CHECK_INT(nv_strmap_count(x), 0);
	nv_strmap_free(x, NULL);
	nv_strmap_free(NULL, NULL);
	nv_strmap_free(NULL, free);
}

static void test_strmap_put_get(void)
{
	struct nv_strmap *x = nv_strmap_new();
	int a = 1, b = 2, c = 3;

	nv_strmap_put(x, "orlova-tn", &a);
	nv_strmap_put(x, "ivanova-mp", &b);
	nv_strmap_put(x, "", &c);
	CHECK(nv_strmap_get(x, "orlova-tn") == &a);
	CHECK(nv_strmap_get(x, "ivanova-mp") == &b);
	CHECK(nv_strmap_get(x, "") == &c);
	CHECK(nv_strmap_get(x, "orlova") == NULL);
	CHECK(nv_strmap_get(x, "Орлова") == NULL);
	CHECK_INT(nv_strmap_count(x), 3);
	nv_strmap_free(x, NULL);
}

/* Keys compare by content: a lookup may use another string with the same bytes. */
static void test_strmap_keys_by_content(void)
{
	struct nv_strmap *x = nv_strmap_new();
	char *key = nv_xstrdup("plan");
	char other[] = "plan";
	int v = 7;

	nv_strmap_put(x, key, &v);
	CHECK(nv_strmap_get(x, other) == &v);
	other[0] = 'k';
	CHECK(nv_strmap_get(x, other) == NULL);
	nv_strmap_free(x, NULL);
	free(key);
}

/* Room made beforehand keeps the keys there and takes as many more. */
static void test_strmap_reserve(void)
{
	struct nv_strmap *x = nv_strmap_new();
	char **keys = nv_xcalloc(5000, sizeof(*keys));
	int a = 1;
	size_t i;

	nv_strmap_put(x, "orlova-tn", &a);
	nv_strmap_reserve(x, 5001);
	nv_strmap_reserve(x, 10); /* less than there is: nothing changes */
	CHECK(nv_strmap_get(x, "orlova-tn") == &a);
	for (i = 0; i < 5000; i++) {
		keys[i] = nv_xasprintf("doc-%05zu", i);
		nv_strmap_put(x, keys[i], keys[i]);
	}
	for (i = 0; i < 5000; i++)
		CHECK(nv_strmap_get(x, keys[i]) == keys[i]);
	CHECK(nv_strmap_get(x, "orlova-tn") == &a);
	CHECK(nv_strmap_get(x, "doc-05000") == NULL);
	CHECK_INT(nv_strmap_count(x), 5001);
	nv_strmap_free(x, NULL);
	for (i = 0; i < 5000; i++)
		free(keys[i]);
	free(keys);
}

/* Many keys, so the table grows several times; every key is still found. */
static void test_strmap_grows(void)
{
	struct nv_strmap *x = nv_strmap_new();
	char **keys = nv_xcalloc(10000, sizeof(*keys));
	size_t i;

	for (i = 0; i < 10000; i++) {
		keys[i] = nv_xasprintf("doc-%zu", i);
		nv_strmap_put(x, keys[i], keys[i]);
	}
	CHECK_INT(nv_strmap_count(x), 10000);
	for (i = 0; i < 10000; i++)
		if (nv_strmap_get(x, keys[i]) != keys[i])
			break;
	CHECK_INT(i, 10000);
	CHECK(nv_strmap_get(x, "doc-10000") == NULL);
	/* The values are the keys: free_val frees each one exactly once. */
	nv_strmap_free(x, free);
	free(keys);
}

void nv_tests(void)
{
	NV_RUN(test_strmap_empty);
	NV_RUN(test_strmap_put_get);
	NV_RUN(test_strmap_keys_by_content);
	NV_RUN(test_strmap_reserve);
	NV_RUN(test_strmap_grows);
}
