/*
 * Unit tests for model_memo.c: a string found with no name is kept at its
 * second reading (the first only marks it seen) and taken again only for
 * the same bytes and the same guard; a string with a name is read, and
 * its mention found, every time.
 */
#include "common.h"

#include "alloc.h"
#include "guard.h"
#include "harness.h"
#include "model.h"
#include "../../generator/model_memo_int.h"

static struct nv_person zaitseva = { .id = "zaitseva-ov",
				     .surname = "Зайцева",
				     .name = "Ольга",
				     .patronymic = "Викторовна",
				     .category = NV_CAT_TEACHER,
				     .publish = NV_PUBLISH_NONE };
static struct nv_person orlov = { .id = "orlov-pa",
				  .surname = "Орлов",
				  .name = "Павел",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_FULL };

static struct nv_guard *guard_of(struct nv_person *p)
{
	static struct nv_person *people[1];
	static struct nv_model m;

	people[0] = p;
	m.people = people;
	m.npeople = 1;
	return nv_guard_new(&m);
}

static bool find(struct mdl_memo *m, const struct nv_guard *g, const char *s,
		 struct nv_guard_hit *h)
{
	return mdl_memo_find(m, g, s, strlen(s), false, h);
}

static void test_string_without_name_read_once(void)
{
	struct nv_guard *g = guard_of(&zaitseva);
	struct mdl_memo m;
	struct nv_guard_hit h;

	mdl_memo_init(&m);
	CHECK(!find(&m, g, "форма наставничества: ученик – ученик", &h));
	CHECK_INT(m.used, 0);
	CHECK(!find(&m, g, "форма наставничества: ученик – ученик", &h));
	CHECK_INT(m.hits, 0);
	CHECK_INT(m.used, 1);
	CHECK(!find(&m, g, "форма наставничества: ученик – ученик", &h));
	CHECK_INT(m.hits, 1);
	/* the same length, another byte: read, not taken */
	CHECK(!find(&m, g, "форма наставничества: ученик – учЕник", &h));
	CHECK_INT(m.hits, 1);
	/* a prefix of a kept string is another string */
	CHECK(!find(&m, g, "форма наставничества", &h));
	CHECK_INT(m.hits, 1);
	mdl_memo_release(&m);
	nv_guard_free(g);
}

static void test_string_with_name_read_every_time(void)
{
	static const char text[] = "Открытый урок дала Зайцевой Ольге Викторовне комиссия";
	struct nv_guard *g = guard_of(&zaitseva);
	struct mdl_memo m;
	struct nv_guard_hit h;
	int i;

	mdl_memo_init(&m);
	for (i = 0; i < 3; i++) {
		memset(&h, 0, sizeof(h));
		CHECK(find(&m, g, text, &h));
		CHECK(h.p == &zaitseva);
		CHECK(h.leak);
		CHECK_INT(h.start, strlen("Открытый урок дала "));
		CHECK_INT(h.end, strlen(text) - strlen(" комиссия"));
	}
	CHECK_INT(m.hits, 0);
	mdl_memo_release(&m);
	nv_guard_free(g);
}

/* A string kept for one guard is read again with another, which may find a name in it. */
static void test_other_guard_reads_again(void)
{
	static const char text[] = "отчёт подготовил Орлов";
	struct nv_guard *g1 = guard_of(&zaitseva), *g2 = guard_of(&orlov);
	struct mdl_memo m;
	struct nv_guard_hit h;

	mdl_memo_init(&m);
	CHECK(!find(&m, g1, text, &h));
	CHECK(!find(&m, g1, text, &h));
	CHECK(!find(&m, g1, text, &h));
	CHECK_INT(m.hits, 1);
	CHECK(find(&m, g2, text, &h));
	CHECK(h.p == &orlov);
	CHECK(!h.leak);
	CHECK_INT(m.hits, 0);
	CHECK(!find(&m, g1, text, &h));
	CHECK_INT(m.hits, 0);
	mdl_memo_release(&m);
	nv_guard_free(g1);
	nv_guard_free(g2);
}

/* No letter, no name: not read, not kept. */
static void test_no_letter(void)
{
	struct nv_guard *g = guard_of(&zaitseva);
	struct mdl_memo m;
	struct nv_guard_hit h;

	mdl_memo_init(&m);
	CHECK(!find(&m, g, "2025-09-01", &h));
	CHECK(!find(&m, g, "2025-09-01", &h));
	CHECK(!find(&m, g, "", &h));
	CHECK_INT(m.hits, 0);
	CHECK_INT(m.used, 0);
	CHECK(find(&m, g, "2025-09-01 Zaitseva", &h));
	CHECK(h.p == &zaitseva);
	mdl_memo_release(&m);
	nv_guard_free(g);
}

/*
 * Many strings: the table grows and every kept one is still found, and
 * only it. The marks of strings seen once are a table of their own whose
 * slots two strings may share (the later mark wins): most are kept at
 * their second reading, not all.
 */
static void test_many_strings(void)
{
	struct nv_guard *g = guard_of(&zaitseva);
	struct mdl_memo m;
	struct nv_guard_hit h;
	char s[128];
	int i, pass;
	size_t kept;

	mdl_memo_init(&m);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < 5000; i++) {
			snprintf(s, sizeof(s), "В школе работают %d педагогов и учатся %d человек.",
				 i, i * 7);
			CHECK(!find(&m, g, s, &h));
			if (!pass && i == 4999)
				CHECK_INT(m.used, 0);
		}
	CHECK_INT(m.hits, 0);
	CHECK(m.used > 4000 && m.used <= 5000);
	kept = m.used;
	for (i = 4999; i >= 0; i--) {
		snprintf(s, sizeof(s), "В школе работают %d педагогов и учатся %d человек.", i,
			 i * 7);
		CHECK(!find(&m, g, s, &h));
	}
	CHECK_INT(m.hits, kept);
	mdl_memo_release(&m);
	nv_guard_free(g);
}

/*
 * A lasting string is kept where it is; another is copied at its second
 * reading, up to a limit, past which it is read.
 */
static void test_lasting_and_copied(void)
{
	static const char kept[] = "Положение о наставничестве";
	struct nv_guard *g = guard_of(&zaitseva);
	struct mdl_memo m;
	struct nv_guard_hit h;
	char *big = nv_xmalloc(40000);
	size_t i, n;

	mdl_memo_init(&m);
	CHECK(!mdl_memo_find(&m, g, kept, strlen(kept), true, &h));
	CHECK(!mdl_memo_find(&m, g, kept, strlen(kept), true, &h));
	CHECK_INT(m.bytes, 0);
	CHECK_INT(m.hits, 1);
	/* 40 000 bytes: kept up to 1 MiB copied, that is 26 strings of the 30, read twice */
	for (n = 0; n < 60; n++) {
		for (i = 0; i < 40000; i++)
			big[i] = (char)('a' + i % 7);
		big[20000] = (char)('a' + n % 30); /* all alike but one byte in the middle */
		CHECK(!mdl_memo_find(&m, g, big, 40000, false, &h));
		if (n == 29)
			CHECK_INT(m.bytes, 0);
	}
	CHECK_INT(m.bytes, 26 * 40000);
	for (n = 0; n < 30; n++) {
		for (i = 0; i < 40000; i++)
			big[i] = (char)('a' + i % 7);
		big[20000] = (char)('a' + n); /* all alike but one byte in the middle */
		CHECK(!mdl_memo_find(&m, g, big, 40000, false, &h));
	}
	CHECK_INT(m.hits, 1 + 26);
	free(big);
	mdl_memo_release(&m);
	nv_guard_free(g);
}

void nv_tests(void)
{
	NV_RUN(test_string_without_name_read_once);
	NV_RUN(test_string_with_name_read_every_time);
	NV_RUN(test_other_guard_reads_again);
	NV_RUN(test_no_letter);
	NV_RUN(test_many_strings);
	NV_RUN(test_lasting_and_copied);
}
