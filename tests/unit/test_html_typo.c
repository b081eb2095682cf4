/* Unit tests for html_typo.c: the entries' titles and summaries typeset once. */
#include "common.h"

#include "harness.h"
#include "../../generator/html_int.h"
#include "model.h"
#include "typo.h"

/* Found by the address of an entry's string, with nv_typo_str()'s bytes; nothing else is. */
static void test_memo(void)
{
	static const char title[] = "Приказ \"О наставничестве\" - проект";
	static const char summary[] = "Кейс № 5 в школе";
	char other[sizeof title];
	struct nv_entry e[70], *v[70];
	struct nv_model m;
	struct nv_html_typo *t;
	char *want = nv_typo_str(title), *want2 = nv_typo_str(summary), *got;
	size_t i;

	memset(&m, 0, sizeof(m));
	memset(e, 0, sizeof(e));
	for (i = 0; i < 70; i++) {
		v[i] = &e[i];
		e[i].title = i % 2 ? title : NULL; /* one string for many entries */
		e[i].summary = i == 69 ? summary : "";
	}
	m.entries = v;
	m.nentries = 70;
	t = nv_html_typo_new(&m, 2); /* 64 strings and more: on two threads */
	CHECK_STR(nv_html_typo_get(t, title), want);
	CHECK_STR(nv_html_typo_get(t, summary), want2);
	memcpy(other, title, sizeof title);
	CHECK(nv_html_typo_get(t, other) == NULL); /* the same bytes elsewhere: not the entry's */
	CHECK(nv_html_typo_get(t, NULL) == NULL);
	CHECK(nv_html_typo_get(NULL, title) == NULL);
	got = nv_html_typo_str(NULL, other);
	CHECK_STR(got, want);
	free(got);
	nv_html_typo_free(t);
	nv_html_typo_free(NULL);
	free(want);
	free(want2);
}

void nv_tests(void)
{
	NV_RUN(test_memo);
}
