/* Unit tests for value.c: the positioned value tree. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "value.h"

/* The JSON dump of v, in a static buffer. */
static const char *dump(const struct nv_value *v)
{
	static char out[1024];
	struct nv_buf b = NV_BUF_INIT;

	nv_value_dump(&b, v);
	snprintf(out, sizeof(out), "%s", b.ptr);
	nv_buf_release(&b);
	return out;
}

static void test_scalars_keep_their_text(void)
{
	struct nv_value *b = nv_value_new_bool(true), *n = nv_value_new_number(41);
	struct nv_value *f = nv_value_new_number(2.5), *s = nv_value_new_string("ab\0c", 4);

	CHECK_INT(b->type, NV_BOOL);
	CHECK(b->boolean);
	CHECK_STR(b->str, "true");
	CHECK_INT(b->len, 4);
	CHECK_INT(n->type, NV_NUMBER);
	CHECK_STR(n->str, "41");
	CHECK_INT(n->len, 2);
	CHECK_STR(f->str, "2.5");
	CHECK_INT(s->type, NV_STRING);
	CHECK_INT(s->len, 4);
	CHECK(!memcmp(s->str, "ab\0c", 5));
	CHECK_INT(b->line, 0);
	CHECK(nv_value_is_scalar(b) && nv_value_is_scalar(n) && nv_value_is_scalar(s));
	nv_value_free(b);
	nv_value_free(n);
	nv_value_free(f);
	nv_value_free(s);
}

static void test_new_has_position_and_no_content(void)
{
	struct nv_value *v = nv_value_new(NV_MAP, 7, 3), *z = nv_value_new_null();

	CHECK_INT(v->type, NV_MAP);
	CHECK_INT(v->line, 7);
	CHECK_INT(v->col, 3);
	CHECK_INT(v->nr, 0);
	CHECK(!v->str);
	CHECK(!nv_value_is_scalar(v));
	CHECK(!nv_value_is_scalar(z));
	CHECK(!nv_value_is_scalar(NULL));
	CHECK_INT(z->type, NV_NULL);
	nv_value_free(v);
	nv_value_free(z);
	nv_value_free(NULL);
}

static void test_map_order_lookup_and_set(void)
{
	struct nv_value *m = nv_value_new(NV_MAP, 1, 1);
	struct nv_member *mem;

	nv_map_add(m, "title", 2, 1, nv_value_new_str("Приказ"));
	nv_map_add(m, "number", 3, 1, nv_value_new_number(41));
	nv_map_add(m, "tags", 4, 1, nv_value_new(NV_LIST, 4, 7));
	CHECK_INT(m->nr, 3);
	CHECK_STR(m->members[0].key, "title");
	CHECK_INT(m->members[0].keylen, 5);
	CHECK_STR(nv_map_get_str(m, "title"), "Приказ");
	CHECK_STR(nv_map_get_str(m, "number"), "41");
	/* a list is not a scalar: no string */
	CHECK(nv_map_get(m, "tags"));
	CHECK(!nv_map_get_str(m, "tags"));
	CHECK(!nv_map_get(m, "titl"));
	CHECK(!nv_map_get(m, "titles"));
	mem = nv_map_member(m, "number", 6);
	CHECK(mem && mem->line == 3 && mem->col == 1);
	/* a prefix of a key is not the key */
	CHECK(!nv_map_member(m, "num", 3));
	/* set replaces in place and keeps the order */
	nv_map_set(m, "title", nv_value_new_str("Положение"));
	CHECK_INT(m->nr, 3);
	CHECK_STR(m->members[0].key, "title");
	CHECK_STR(nv_map_get_str(m, "title"), "Положение");
	/* a new key goes to the end, with no position */
	nv_map_set(m, "place", nv_value_new_str("Тверь"));
	CHECK_INT(m->nr, 4);
	CHECK_STR(m->members[3].key, "place");
	CHECK_INT(m->members[3].line, 0);
	/* lookups in what is not a map */
	CHECK(!nv_map_get(NULL, "title"));
	CHECK(!nv_map_get(nv_map_get(m, "tags"), "title"));
	nv_value_free(m);
}

static void test_copy_is_deep_and_count(void)
{
	struct nv_value *m = nv_value_new(NV_MAP, 1, 1), *l = nv_value_new(NV_LIST, 2, 3), *c;

	nv_list_push(l, nv_value_new_str("a"));
	nv_list_push(l, nv_value_new_bool(false));
	nv_map_add(m, "list", 2, 1, l);
	nv_map_add(m, "n", 5, 2, nv_value_new_number(3));
	CHECK_INT(nv_value_count(m), 5);
	CHECK_INT(nv_value_count(NULL), 0);
	c = nv_value_copy(m);
	CHECK(c != m);
	CHECK_STR(dump(c), dump(m));
	CHECK_INT(c->members[0].line, 2);
	CHECK_INT(c->members[1].col, 2);
	CHECK_INT(nv_map_get(c, "list")->line, 2);
	CHECK_INT(nv_map_get(c, "list")->col, 3);
	/* changing the original leaves the copy alone */
	nv_map_set(m, "n", nv_value_new_str("x"));
	nv_list_push(l, nv_value_new_null());
	CHECK_STR(dump(c), "{\"list\":[\"a\",false],\"n\":3}");
	CHECK_INT(nv_value_count(c), 5);
	CHECK(!nv_value_copy(NULL));
	nv_value_free(m);
	nv_value_free(c);
}

static void test_dump_escapes(void)
{
	struct nv_value *l = nv_value_new(NV_LIST, 0, 0);

	nv_list_push(l, nv_value_new_str("a\"b\\c\nd\te"));
	nv_list_push(l, nv_value_new_null());
	nv_list_push(l, nv_value_new_number(-0.125));
	nv_list_push(l, nv_value_new_str("ёлка"));
	CHECK_STR(dump(l), "[\"a\\\"b\\\\c\\nd\\u0009e\",null,-0.125,\"ёлка\"]");
	CHECK_STR(dump(NULL), "null");
	nv_value_free(l);
}

/*
 * Stripping frees the nodes and hands over the texts the tree owns, in
 * tree order: scalars and keys of its own, not the schema's shared keys.
 */
static void test_strip_keeps_texts(void)
{
	struct nv_value *map = nv_value_new(NV_MAP, 1, 1), *list = nv_value_new(NV_LIST, 2, 1);
	const char *title;
	char **texts = NULL;
	size_t n = 0, alloc = 0, i;

	nv_map_add(map, "title", 1, 1, nv_value_new_str("Приказ"));
	nv_list_push(list, nv_value_new_str("a"));
	nv_list_push(list, nv_value_new_number(2));
	nv_list_push(list, nv_value_new_null());
	nv_map_add(map, "tags", 2, 1, list);
	nv_map_add(map, "своё_поле", 3, 1, nv_value_new_bool(true));
	title = nv_map_get_str(map, "title");
	nv_value_strip(map, &texts, &n, &alloc);
	CHECK_INT(n, 5);
	CHECK(texts[0] == title); /* the same bytes, where they were */
	CHECK_STR(texts[0], "Приказ");
	CHECK_STR(texts[1], "a");
	CHECK_STR(texts[2], "2");
	CHECK_STR(texts[3], "своё_поле");
	CHECK_STR(texts[4], "true");
	nv_value_strip(NULL, &texts, &n, &alloc);
	CHECK_INT(n, 5);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
}

/* Packing moves every scalar's text into one block, in tree order, and frees right. */
static void test_pack(void)
{
	struct nv_value *map = nv_value_new(NV_MAP, 1, 1), *list = nv_value_new(NV_LIST, 2, 1);
	struct nv_value *copy;
	char *block;

	CHECK(nv_value_pack(NULL) == NULL);
	CHECK(nv_value_pack(list) == NULL);
	nv_map_add(map, "title", 1, 1, nv_value_new_str("Приказ"));
	nv_list_push(list, nv_value_new_str(""));
	nv_list_push(list, nv_value_new_number(2));
	nv_map_add(map, "tags", 2, 1, list);
	block = nv_value_pack(map);
	CHECK(block != NULL);
	CHECK(nv_map_get(map, "title")->packed);
	CHECK(nv_map_get_str(map, "title") == block);
	CHECK_STR(block, "Приказ");
	CHECK(list->items[0]->str == block + strlen("Приказ") + 1);
	CHECK_STR(list->items[1]->str, "2");
	CHECK(nv_value_pack(map) == NULL); /* nothing left to move */
	copy = nv_value_copy(map);	   /* a copy owns its texts */
	CHECK(!nv_map_get(copy, "title")->packed);
	CHECK_STR(nv_map_get_str(copy, "title"), "Приказ");
	nv_map_set(map, "title", nv_value_new_str("Другой"));
	CHECK_STR(nv_map_get_str(map, "title"), "Другой");
	nv_value_free(map);
	free(block);
	nv_value_free(copy);
}

/* The schema's keys are shared by every map, other keys copied; either is freed right. */
static void test_known_keys_shared(void)
{
	struct nv_value *a = nv_value_new(NV_MAP, 1, 1), *b = nv_value_new(NV_MAP, 1, 1);
	char key[] = "title", other[] = "заголовок";

	nv_map_add(a, key, 1, 1, nv_value_new_str("x"));
	nv_map_add(b, "title", 1, 1, nv_value_new_str("y"));
	nv_map_add(a, other, 2, 1, nv_value_new_str("z"));
	nv_map_add(a, "young_specialists", 3, 1, nv_value_new_null());
	nv_map_add(a, "academic_year_", 4, 1, nv_value_new_null());
	key[0] = 'T';
	other[0] = 'X';
	CHECK(a->members[0].key == b->members[0].key);
	CHECK_STR(a->members[0].key, "title");
	CHECK_INT(a->members[0].keylen, 5);
	CHECK(a->members[1].key != other);
	CHECK_STR(a->members[1].key, "заголовок");
	CHECK_STR(nv_map_get_str(a, "заголовок"), "z");
	CHECK(nv_map_get(a, "young_specialists") != NULL);
	CHECK_STR(a->members[3].key, "academic_year_");
	nv_value_free(a);
	nv_value_free(b);
}

/* Shared keys are found at both ends of the table and past 8 and 16 bytes; longer ones copied. */
static void test_known_keys_edges(void)
{
	static const char *const keys[] = {
		"academic_year",	  "young_specialists", "id",
		"has_approvals_right",	  "approvals_left",    "year_id",
		"a_key_of_twenty_four_b", "has_approvals_righ"
	};
	struct nv_value *a = nv_value_new(NV_MAP, 1, 1), *b = nv_value_new(NV_MAP, 1, 1);
	char copy[32];
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(keys); i++) {
		memcpy(copy, keys[i], strlen(keys[i]) + 1);
		nv_map_add(a, keys[i], 1, 1, nv_value_new_null());
		nv_map_add(b, copy, 1, 1, nv_value_new_null());
		CHECK_STR(b->members[i].key, keys[i]);
		/* the last two are no keys of the schema: each map has its own copy */
		CHECK((a->members[i].key == b->members[i].key) == (i < 6));
	}
	nv_value_free(a);
	nv_value_free(b);
}

/* A string taken over is the node's own: freed with it, its length measured. */
static void test_take_str(void)
{
	struct nv_value *v = nv_value_take_str(nv_xstrdup("Приказ"));

	CHECK(v->type == NV_STRING);
	CHECK_STR(v->str, "Приказ");
	CHECK_INT(v->len, strlen("Приказ"));
	nv_value_free(v);
}

/* nv_number_text() writes what "%.15g" writes, whole numbers without printf. */
static void test_number_text(void)
{
	static const double v[] = { 0,	   -0.0,   1,	 -1,	       41,    85,
				    1.21,  1.210,  -2.5, 1e14,	       -1e14, 999999999999999.0,
				    1e15,  -1e15,  1e16, 123456789012, 0.1,   1e-5,
				    3e100, 1.0 / 3 };
	char a[NV_NUMBER_TEXT], b[NV_NUMBER_TEXT];
	struct nv_value *c;
	size_t i, n;

	for (i = 0; i < NV_ARRAY_SIZE(v); i++) {
		n = nv_number_text(a, v[i]);
		snprintf(b, sizeof(b), "%.15g", v[i]);
		CHECK_STR(a, b);
		CHECK_INT(n, strlen(b));
	}
	c = nv_value_new_number(-0.0);
	CHECK_STR(c->str, "-0");
	nv_value_free(c);
}

/* Values made in a scope live in its arena: freed all at once at its end. */
static void test_scope(void)
{
	struct nv_value *lent = nv_value_new_str("lent"), *m, *l, *c;
	char long_key[40], *taken = nv_xstrdup("taken"), **texts = NULL;
	size_t i, ntexts = 0, atexts = 0;

	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	nv_value_scope_begin();
	m = nv_value_new(NV_MAP, 0, 0);
	l = nv_value_new(NV_LIST, 0, 0);
	CHECK(m->scoped && l->scoped);
	/* enough to need several blocks and to move the arrays */
	for (i = 0; i < 5000; i++)
		nv_list_push(l, nv_value_new_number((double)i));
	nv_map_add(m, "items", 0, 0, l);
	nv_map_add(m, long_key, 0, 0, nv_value_new_bool(true));
	nv_map_add(m, "lent", 0, 0, lent);
	nv_map_add(m, "taken", 0, 0, nv_value_take_str(taken));
	c = nv_value_copy(m);
	CHECK(c->scoped);
	CHECK_INT(l->nr, 5000);
	CHECK_STR(l->items[4999]->str, "4999");
	CHECK_STR(nv_map_get_str(c, long_key), "true");
	CHECK_STR(nv_map_get_str(c, "taken"), "taken");
	CHECK(nv_map_get(m, "lent") == lent);
	/* nor are its texts packed or stripped: the scope owns them */
	CHECK(!nv_value_pack(c));
	nv_value_strip(c, &texts, &ntexts, &atexts);
	CHECK_INT(ntexts, 0);
	/* a scoped value is not freed alone, nor what it holds: lent stays */
	nv_map_set(m, "items", nv_value_new_null());
	nv_value_free(m);
	nv_value_free(c);
	nv_value_scope_end();
	CHECK(!lent->scoped);
	CHECK_STR(lent->str, "lent");
	m = nv_value_new(NV_MAP, 0, 0);
	CHECK(!m->scoped);
	nv_value_free(m);
	nv_value_free(lent);
	free(texts);
}

/* A known key is shared, and found again by its address. */
static void test_key_shared(void)
{
	struct nv_value *m = nv_value_new(NV_MAP, 0, 0);
	const char *title = nv_key_shared("title", 5);
	char buf[16];

	CHECK(title && !strcmp(title, "title"));
	CHECK(nv_key_shared("titles", 5) == title); /* by length */
	CHECK(!nv_key_shared("no_such_key", 11));
	CHECK(!nv_key_shared("a_key_longer_than_a_row_of_the_table", 36));
	nv_map_add(m, "title", 0, 0, nv_value_new_null());
	CHECK(m->members[0].key == title);
	/* one buffer, several keys: each is its own */
	memcpy(buf, "date", 5);
	nv_map_add(m, buf, 0, 0, nv_value_new_null());
	memcpy(buf, "date_iso", 9);
	nv_map_add(m, buf, 0, 0, nv_value_new_null());
	memcpy(buf, "dat", 4);
	nv_map_add(m, buf, 0, 0, nv_value_new_null());
	memcpy(buf, "date", 5);
	nv_map_add(m, buf, 0, 0, nv_value_new_null());
	CHECK_STR(m->members[1].key, "date");
	CHECK_STR(m->members[2].key, "date_iso");
	CHECK_STR(m->members[3].key, "dat");
	CHECK(m->members[3].key != buf);
	CHECK(m->members[4].key == nv_key_shared("date", 4));
	CHECK(m->members[1].key == m->members[4].key);
	nv_value_free(m);
}

static void test_type_names(void)
{
	CHECK_STR(nv_type_name(NV_NULL), "пустое значение");
	CHECK_STR(nv_type_name(NV_BOOL), "логическое значение (true/false)");
	CHECK_STR(nv_type_name(NV_NUMBER), "число");
	CHECK_STR(nv_type_name(NV_STRING), "строка");
	CHECK_STR(nv_type_name(NV_LIST), "список");
	CHECK_STR(nv_type_name(NV_MAP), "набор полей");
}

void nv_tests(void)
{
	NV_RUN(test_scalars_keep_their_text);
	NV_RUN(test_new_has_position_and_no_content);
	NV_RUN(test_map_order_lookup_and_set);
	NV_RUN(test_copy_is_deep_and_count);
	NV_RUN(test_dump_escapes);
	NV_RUN(test_strip_keeps_texts);
	NV_RUN(test_known_keys_shared);
	NV_RUN(test_known_keys_edges);
	NV_RUN(test_take_str);
	NV_RUN(test_pack);
	NV_RUN(test_type_names);
	NV_RUN(test_number_text);
	NV_RUN(test_scope);
	NV_RUN(test_key_shared);
}
