/* Unit tests for html_values.c: the builders of template contexts. */
#include "common.h"

#include "alloc.h"
#include "harness.h"
#include "model.h"
#include "value.h"

#include "../../generator/html_int.h"

#define NEW_FORM "наставник – выпускник"

/* The model's forms and one more, as a table that a new release might have. */
static const char *const forms_plus_one[] = {
	"ученик – ученик",
	"учитель – учитель",
	"студент – ученик",
	"работодатель – ученик",
	"работодатель – студент",
	"педагог – педагог",
	"руководитель – педагог",
	"социальный партнёр – педагог",
	"воспитатель – воспитатель",
	NEW_FORM,
	NULL,
};

static void test_facet_shows_a_form_added_to_the_table(void)
{
	struct nv_entry a = { 0 }, b = { 0 }, c = { 0 };
	struct nv_entry *cases[] = { &a, &b, &c };
	struct nv_value *list;
	char *url;

	a.form = "ученик – ученик";
	b.form = NEW_FORM;
	c.form = NEW_FORM;
	url = nv_html_filter_url("form", NEW_FORM);
	list = nv_html_facet("form", forms_plus_one, cases, 3, url);
	CHECK_INT(list->nr, 2);
	CHECK_STR(nv_map_get_str(list->items[0], "title"), "ученик – ученик");
	CHECK_INT(nv_map_get(list->items[0], "count")->number, 1);
	CHECK(nv_map_get(list->items[0], "current") == NULL);
	CHECK_STR(nv_map_get_str(list->items[1], "title"), NEW_FORM);
	CHECK_INT(nv_map_get(list->items[1], "count")->number, 2);
	CHECK_STR(nv_map_get_str(list->items[1], "url"), url);
	CHECK(nv_map_get(list->items[1], "current") != NULL);
	nv_value_free(list);
	free(url);
}

/* Every entry of the model's tables shows, however many there are. */
static void test_facet_counts_the_whole_table(void)
{
	struct nv_entry e[32] = { 0 };
	struct nv_entry *cases[32];
	struct nv_value *list;
	size_t n;

	for (n = 0; nv_forms[n]; n++) {
		e[n].form = nv_forms[n];
		cases[n] = &e[n];
	}
	list = nv_html_facet("form", nv_forms, cases, n, NULL);
	CHECK_INT(list->nr, n);
	CHECK_STR(nv_map_get_str(list->items[n - 1], "title"), nv_forms[n - 1]);
	nv_value_free(list);
	for (n = 0; nv_mentoring_kinds[n]; n++) {
		e[n].mkind = nv_mentoring_kinds[n];
		cases[n] = &e[n];
	}
	list = nv_html_facet("kind", nv_mentoring_kinds, cases, n, NULL);
	CHECK_INT(list->nr, n);
	CHECK_STR(nv_map_get_str(list->items[n - 1], "title"), nv_mentoring_kinds[n - 1]);
	nv_value_free(list);
}

static void test_facet_of_years(void)
{
	struct nv_entry a = { 0 }, b = { 0 };
	struct nv_entry *cases[] = { &a, &b };
	/* Academic years as nv_acyear_add writes them, with an en dash. */
	const char *years[] = { "2024\xE2\x80\x93"
				"2025",
				"2025\xE2\x80\x93"
				"2026",
				NULL };
	struct nv_value *list;

	a.acyear = 2025;
	b.acyear = 2025;
	list = nv_html_facet("year", years, cases, 2, NULL);
	CHECK_INT(list->nr, 1);
	CHECK_INT(nv_map_get(list->items[0], "count")->number, 2);
	nv_value_free(list);
}

void nv_tests(void)
{
	NV_RUN(test_facet_shows_a_form_added_to_the_table);
	NV_RUN(test_facet_counts_the_whole_table);
	NV_RUN(test_facet_of_years);
}
