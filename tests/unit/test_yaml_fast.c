/*
 * Unit tests for yaml_fast.c: every text the fast path takes must load to
 * the tree libyaml's path gives (types, texts, positions, key order, no
 * error), and what it cannot load the same way it must decline.
 *
 * Besides the cases below, the test loads both ways every front matter
 * and YAML file of content/ and tests/ and the fuzz corpus, and the
 * folders listed in NV_YAML_FAST_DIRS (colon-separated), and prints how
 * many the fast path took and why it declined the others.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "harness.h"
#include "strlist.h"
#include "value.h"
#include "../../generator/yaml_load_int.h"

enum {
	DECLINED,
	SAME,
	DIFFERENT
};

/*
 * Load text both ways. DECLINED (and *why) when the fast path declines,
 * SAME when its tree is libyaml's, with its texts packed in one block as
 * without (nv_yaml_pack), else DIFFERENT with both dumps in report (when
 * not NULL).
 */
static int compare(const char *text, size_t len, int first_line, const struct nv_yaml_limits *lim,
		   const char **why, struct nv_buf *report)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT, c = NV_BUF_INIT;
	struct nv_value *fast = nv_yaml_fast(text, len, first_line, lim, why, NULL), *slow, *packed;
	char *strings = NULL;
	size_t i;
	int rc = DECLINED;

	if (!fast)
		return rc;
	slow = nv_yaml_load_libyaml("t.yml", text, len, first_line, lim, &d);
	packed = nv_yaml_fast(text, len, first_line, lim, NULL, &strings);
	nv_yaml_dump_full(&a, fast);
	nv_yaml_dump_full(&b, slow);
	nv_yaml_dump_full(&c, packed);
	for (i = 0; i < d.nr; i++)
		nv_buf_addf(&b, "ERR %d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	rc = strcmp(a.ptr, b.ptr) || strcmp(a.ptr, c.ptr) ? DIFFERENT : SAME;
	if (rc == DIFFERENT && report)
		nv_buf_addf(report, "text «%.*s»\nfast:\n%slibyaml:\n%spacked:\n%s", (int)len, text,
			    a.ptr, b.ptr, c.ptr);
	nv_value_free(fast);
	nv_value_free(slow);
	nv_value_free(packed);
	free(strings);
	nv_diags_release(&d);
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_buf_release(&c);
	return rc;
}

/* The fast path takes yaml, and its tree is libyaml's. */
#define SAME_AS_LIBYAML(yaml)                                                  \
	do {                                                                   \
		struct nv_buf r_ = NV_BUF_INIT;                                \
		const char *why_ = NULL;                                       \
		int rc_ = compare((yaml), strlen(yaml), 2, NULL, &why_, &r_);  \
		if (rc_ != SAME)                                               \
			nv_test_failed(__FILE__, __LINE__, "«%s»: %s", (yaml), \
				       rc_ == DECLINED ? why_ : r_.ptr);       \
		nv_buf_release(&r_);                                           \
		if (rc_ != SAME)                                               \
			return;                                                \
	} while (0)

/* The fast path declines yaml. */
#define DECLINED_AS(yaml, reason)                                                               \
	do {                                                                                    \
		const char *why_ = NULL;                                                        \
		struct nv_value *v_ = nv_yaml_fast((yaml), strlen(yaml), 1, NULL, &why_, NULL); \
		bool ok_ = !v_ && why_ && !strcmp(why_, (reason));                              \
		if (!ok_)                                                                       \
			nv_test_failed(__FILE__, __LINE__, "«%s»: not declined as «%s» (%s)",   \
				       (yaml), (reason),                                        \
				       v_     ? "taken"                                         \
				       : why_ ? why_                                            \
					      : "no reason");                                   \
		nv_value_free(v_);                                                              \
		if (!ok_)                                                                       \
			return;                                                                 \
	} while (0)

static void test_shapes_of_front_matter(void)
{
	SAME_AS_LIBYAML("title: Приказ\nnumber: 41-од\ndate: 01.09.2025\n");
	SAME_AS_LIBYAML("approval:\n  - label: ПРИНЯТО\n    body: педсоветом\n"
			"    protocol: { number: 1, date: 28.08.2025 }\n  - label: x\n");
	SAME_AS_LIBYAML(
		"sections:\n  - title: A\n    items:\n      - title: \"Мероприятие 1.1: x\"\n"
		"        responsible: [lebedeva-as, куратор]\n        status: done\n");
	SAME_AS_LIBYAML("tags: [адаптация, методика]\nauthors: [orlova-tn]\n");
	SAME_AS_LIBYAML("- id: a\n  name: Анна\n\n- id: b\n  mentees: [c, d]\n");
	SAME_AS_LIBYAML("");
	SAME_AS_LIBYAML("\n\n# only a comment\n   \n");
	SAME_AS_LIBYAML("  a: 1\n  b: 2\n");
}

static void test_quoted_scalars(void)
{
	SAME_AS_LIBYAML("a: \"say \\\"hi\\\" \\\\ there\\n\\u0451\"\n");
	SAME_AS_LIBYAML("a: \"\\x41\\U0001F600\\L\\P\\N\\_\\e\\0\\a\\b\\t\\v\\f\\r\\ \\/\"\n");
	SAME_AS_LIBYAML("a: 'it''s ''quoted'''\nb: ''''\nc: ''\nd: \"\"\n");
	SAME_AS_LIBYAML("a: 'back\\slash \"double\"'\nb: \"single ' and # inside\"\n");
	SAME_AS_LIBYAML("a: \"  spaces kept  \"  # comment\n");
	DECLINED_AS("a: \"\\q\"\n", "escape");
	DECLINED_AS("a: \"\\'\"\n", "escape");
	DECLINED_AS("a: \"\\uD800\"\n", "escape");
	DECLINED_AS("a: \"\\x4\"\n", "escape");
	DECLINED_AS("a: \"\\U00110000\"\n", "escape");
	DECLINED_AS("a: \"open\n  more\"\n", "quoted scalar over lines");
	DECLINED_AS("a: 'open\n", "quoted scalar over lines");
	DECLINED_AS("a: \"x\" y\n", "text after a value");
	DECLINED_AS("a: \"x\"# c\n", "text after a value");
	DECLINED_AS("\"a\": x\n", "a scalar on its own line");
	DECLINED_AS("- \"a\": x\n", "text after a value");
}

static void test_plain_scalars(void)
{
	SAME_AS_LIBYAML("key: value # comment\nk2: v2#not a comment\nk3: C# и F#\n");
	SAME_AS_LIBYAML("time: 10:30\nurl: https://school14.example/a?b=c\n");
	SAME_AS_LIBYAML("a: trailing   \nb:    lead and  inner  spaces   \n");
	SAME_AS_LIBYAML("a: 1\nb: -2.50\nc: true\nd: ~\ne:\nf: 07\ng: 1e3\nh: FALSE\ni: null\n"
			"j: 1.2.3\nk: +5\nl: .5\nm: -x\nn: 25.09.2025\no: True\n");
	SAME_AS_LIBYAML("a: x [y] {z}, w\nb: --- not a marker\nc: ...\nd: x'y\"z\ne: 50%\n");
	SAME_AS_LIBYAML("ключ: значение\nзаголовок документа: «Кавычки» — тире\n");
	SAME_AS_LIBYAML("a: b:c\nb: x :y\n1: number key\ntrue: bool key\n");
	SAME_AS_LIBYAML("key  : spaced key\na#b: hash in a key\na\"b: quote in a key\n+1: x\n");
	SAME_AS_LIBYAML("a: \xC2\xA0"
			"nbsp is not a space\xC2\xA0\n\xC2\xA0"
			"b: c\n");
	DECLINED_AS("a: b: c\n", "':' in a value");
	DECLINED_AS("a: b:\n", "':' in a value");
	DECLINED_AS("a: one\n  two\n", "indentation");
	DECLINED_AS("- one\n  two\n", "indentation");
	DECLINED_AS("a: one\n\n  two\n", "indentation");
	DECLINED_AS("a: &x 1\nb: *x\n", "anchor or alias");
	DECLINED_AS("a: 1\nb: *x\n", "anchor or alias");
	DECLINED_AS("a: !!str 1\n", "tag");
	DECLINED_AS("a: @x\n", "indicator");
	DECLINED_AS("a: - x\n", "indicator");
	DECLINED_AS("a: :x\n", "indicator");
	DECLINED_AS("null: x\n", "null key");
	DECLINED_AS("~: x\n", "null key");
}

static void test_block_scalars(void)
{
	SAME_AS_LIBYAML(
		"a: >-\n  one two  \n  three\nb: |\n  x\n  y  \n\nc: >\n    deep\n    more\n"
		"# c\nd: |-\n  z\ne: > # comment\n  w\n");
	SAME_AS_LIBYAML("- >-\n  a\n  b\n- |\n  c\n");
	SAME_AS_LIBYAML("k:\n- >\n  x\n  \n\nz: 1\n");
	SAME_AS_LIBYAML("a: >-\n  # not a comment\n  text: with a colon, [brackets] #\n  # c\n");
	SAME_AS_LIBYAML("a: >-\r\n  Текст\r\n  ещё\r\nb: |\r\n  x\r\n");
	SAME_AS_LIBYAML(
		"x:\n  y:\n    - t: |-\n        one\n        two\n      u: v\n  z: >\n   w\n");
	SAME_AS_LIBYAML("a: >-\n  last line without a line break");
	DECLINED_AS("a: >+\n  x\n", "text after a value");
	DECLINED_AS("a: >2\n  x\n", "text after a value");
	DECLINED_AS("a: |-2\n  x\n", "text after a value");
	DECLINED_AS("a: >#c\n  x\n", "text after a value");
	DECLINED_AS("a: >\n\n  x\n", "block scalar: spaces");
	DECLINED_AS("a: >\n  x\n\n  y\n", "block scalar: indentation or empty line");
	DECLINED_AS("a: >\n  x\n    y\n", "block scalar: indentation or empty line");
	DECLINED_AS("a: >\n  x\n   \n", "block scalar: spaces");
	DECLINED_AS("a: >\n", "block scalar: empty");
	DECLINED_AS("a: |\nb: 1\n", "block scalar: empty");
	DECLINED_AS("a:\n  b: |\n  c: 1\n", "block scalar: empty");
	DECLINED_AS("a: >\n  x\n y\n", "indentation");
}

static void test_empty_values_and_items(void)
{
	SAME_AS_LIBYAML("key:\nk2:   \nk3: # c\nl:\n- \n-\n- a: 1\n  b:\nz: x");
	SAME_AS_LIBYAML("a:\n  b:\n    c:\n");
	SAME_AS_LIBYAML("list:\n-\n  a: 1\n- - x\n  - y\n-   deep: 1\n    more: 2\n");
	SAME_AS_LIBYAML("a:\n  - x\n  -\n  - y:\n    - z\n    w: 1\nb: 2\n");
	SAME_AS_LIBYAML("a:\n# between\n  # indented comment\n  b: 1\n# after\n");
	SAME_AS_LIBYAML("a:\n- 1\n- 2\nb:\n  - 3\n");
	SAME_AS_LIBYAML("- - - a\n    - b\n  - c\n- d\n");
	SAME_AS_LIBYAML("- \n");
	SAME_AS_LIBYAML("-");
	DECLINED_AS("a:\n- x\n  - y\n", "indentation");
	DECLINED_AS("a:\n  value on its own line\n", "a scalar on its own line");
	DECLINED_AS("a: 1\n- x\n", "not a key");
	DECLINED_AS("- x\nb: 1\n", "a key in a list");
	DECLINED_AS("a:\n    b: 1\n  c: 2\n", "indentation");
	DECLINED_AS("a: 1\n  b: 2\n", "indentation");
	DECLINED_AS("  a: 1\nb: 2\n", "text after the root");
	DECLINED_AS("? a\n: b\n", "a scalar on its own line");
	DECLINED_AS("key\n", "a scalar on its own line");
}

static void test_flow_collections(void)
{
	SAME_AS_LIBYAML("a: []\nb: {}\nc: [ ]\nd: { }\n");
	SAME_AS_LIBYAML("a: [x, [y, z], {k: v, l: [1, 2]}, \"q\", 'r']\n");
	SAME_AS_LIBYAML("a: [ spaced , items ]\nb: {k:   v , m: n}\nc: [a b,c]\n");
	SAME_AS_LIBYAML("- [a, b]\n- {x: 1}\n- - [c]\n");
	SAME_AS_LIBYAML("a: [-1, -x, +2, true, null, ~]\nb: [it's, a\"b]\n");
	DECLINED_AS("a: [x,\n  y]\n", "flow collection over lines");
	DECLINED_AS("a: [x, ]\n", "indicator");
	DECLINED_AS("a: [x, , y]\n", "indicator");
	DECLINED_AS("a: [x: y]\n", "indicator in a flow scalar");
	DECLINED_AS("a: [10:30]\n", "indicator in a flow scalar");
	DECLINED_AS("a: {k:v}\n", "flow key");
	DECLINED_AS("a: {k: }\n", "empty flow value");
	DECLINED_AS("a: {k}\n", "flow key");
	DECLINED_AS("a: {\"k\": v}\n", "flow key");
	DECLINED_AS("a: [x] y\n", "text after a value");
	DECLINED_AS("a: [x}\n", "flow separator");
	DECLINED_AS("a: [x # c]\n", "indicator in a flow scalar");
	DECLINED_AS("a: {k: v, k: w}\n", "duplicate key");
	DECLINED_AS("[a]: b\n", "a scalar on its own line");
}

static void test_line_ends_and_characters(void)
{
	SAME_AS_LIBYAML("a: 1\r\nb: \"x\"\r\nc:\r\n  - d\r\n");
	SAME_AS_LIBYAML("a: 1\nb: 2");
	SAME_AS_LIBYAML("a: ё\xC2\xA0nbsp\nb: \xF0\x9F\x98\x80 emoji\n");
	DECLINED_AS("\xEF\xBB\xBF"
		    "a: 1\n",
		    "character");
	DECLINED_AS("a: \xEF\xBB\xBF"
		    "1\n",
		    "character");
	DECLINED_AS("a: 1\rb: 2\n", "character");
	DECLINED_AS("a:\t1\n", "character");
	DECLINED_AS("\ta: 1\n", "character");
	DECLINED_AS("a: \x01\n", "character");
	DECLINED_AS("a: \x7F\n", "character");
	DECLINED_AS("a: \xC2\x85\n", "character");
	DECLINED_AS("a: \xE2\x80\xA8\n", "character");
	DECLINED_AS("a: \xD0\n", "character");
	DECLINED_AS("a: \xC0\xAF\n", "character");
	DECLINED_AS("a: \xED\xA0\x80\n", "character");
	DECLINED_AS("a: \xEF\xBF\xBE\n", "character");
	DECLINED_AS("a: \xF4\x90\x80\x80\n", "character");
	DECLINED_AS("---\na: 1\n", "document marker");
	DECLINED_AS("a: 1\n...\n", "document marker");
	DECLINED_AS("%YAML 1.2\na: 1\n", "a scalar on its own line");
}

/* A character libyaml refuses is found wherever it stands in the words read eight bytes at a time.
 */
static void test_characters_at_every_offset(void)
{
	static const char *const bad[] = { "\x01",     "\x1F", "\x7F",	       "\t",  "\r",
					   "\xC2\x80", "\xFF", "\xE2\x80\xA9", "\xD1" };
	static const char *const good[] = {
		"~", " ", "\xC2\xA0", "\xD1\x91", "\xE2\x80\x94", "\xF0\x9F\x98\x80"
	};
	char text[64];
	const char *why;
	struct nv_value *v;
	size_t pad, i;

	for (pad = 0; pad < 17; pad++) {
		for (i = 0; i < NV_ARRAY_SIZE(bad); i++) {
			snprintf(text, sizeof(text), "a: %.*s%sxyzxyzxyz\n", (int)pad,
				 "bbbbbbbbbbbbbbbbbbbb", bad[i]);
			v = nv_yaml_fast(text, strlen(text), 1, NULL, &why, NULL);
			if (v)
				nv_test_failed(__FILE__, __LINE__, "taken: «%s»", text);
			nv_value_free(v);
		}
		for (i = 0; i < NV_ARRAY_SIZE(good); i++) {
			snprintf(text, sizeof(text), "a: %.*sx%sxyzxyzxyz\n", (int)pad,
				 "bbbbbbbbbbbbbbbbbbbb", good[i]);
			SAME_AS_LIBYAML(text);
		}
	}
}

static void test_duplicates_and_limits(void)
{
	static const struct nv_yaml_limits two = { 2, 100 }, five_nodes = { 10, 5 };
	struct nv_buf big = NV_BUF_INIT;
	const char *why = NULL;
	struct nv_value *v;
	int i;

	DECLINED_AS("a: 1\nb: 2\na: 3\n", "duplicate key");
	DECLINED_AS("x:\n  k: 1\n  k: [2]\n", "duplicate key");
	v = nv_yaml_fast("a:\n  b: 1\n", 10, 1, &two, &why, NULL);
	CHECK(v != NULL);
	nv_value_free(v);
	v = nv_yaml_fast("a:\n  b: [1]\n", 12, 1, &two, &why, NULL);
	CHECK(v == NULL);
	CHECK_STR(why, "too deep");
	/* a map, two keys, two values: five nodes as libyaml's path counts them */
	v = nv_yaml_fast("a: 1\nb: 2\n", 10, 1, &five_nodes, &why, NULL);
	CHECK(v != NULL);
	nv_value_free(v);
	v = nv_yaml_fast("a: 1\nb: 2\nc:\n", 13, 1, &five_nodes, &why, NULL);
	CHECK(v == NULL);
	CHECK_STR(why, "too many nodes");
	for (i = 0; i < 1001; i++)
		nv_buf_addch(&big, 'k');
	nv_buf_adds(&big, ": v\n");
	v = nv_yaml_fast(big.ptr, big.len, 1, NULL, &why, NULL);
	CHECK(v == NULL);
	CHECK_STR(why, "long key");
	nv_buf_release(&big);
}

/*
 * The nodes of the tree lie in one block that goes with its root, and
 * nv_value_strip() hands over only the texts it owns (a key not among the
 * schema's, the scalars' texts unless packed).
 */
static void test_one_block(void)
{
	static const char yaml[] = "title: T\nzz_own_key: [1, x]\n";
	struct nv_value *v = nv_yaml_fast(yaml, strlen(yaml), 2, NULL, NULL, NULL);
	char **kept = NULL, *strings = NULL;
	size_t n = 0, alloc = 0, i;

	CHECK(v && v->block && v->nr == 2 && v->alloc == 2);
	CHECK(v->members[1].value->block && v->members[1].value->alloc == 2);
	CHECK_STR(v->members[1].value->items[1]->str, "x");
	nv_value_strip(v, &kept, &n, &alloc);
	CHECK_INT(n, 4);
	CHECK_STR(n == 4 ? kept[0] : "", "T");
	CHECK_STR(n == 4 ? kept[1] : "", "zz_own_key");
	CHECK_STR(n == 4 ? kept[3] : "", "x");
	for (i = 0; i < n; i++)
		free(kept[i]);
	n = 0;
	v = nv_yaml_fast(yaml, strlen(yaml), 2, NULL, NULL, &strings);
	CHECK(v && strings &&
	      !memcmp(strings,
		      "T\0"
		      "1\0x",
		      6));
	nv_value_strip(v, &kept, &n, &alloc);
	CHECK_INT(n, 1);
	CHECK_STR(n == 1 ? kept[0] : "", "zz_own_key");
	free(n == 1 ? kept[0] : NULL);
	free(kept);
	free(strings);
}

/*
 * Every text one edit away from a few front matters — a character of
 * YAML's syntax inserted, replaced or deleted at each position — is
 * either declined or loaded as libyaml loads it.
 */
static void test_one_edit_away(void)
{
	static const char *const seeds[] = {
		"title: \"Кейс № 11: x\"\ntags: [a, b]\nn: 5\n",
		"approval:\n  - label: L\n    protocol: { number: 1, date: 2 }\n  -\nz: 'q'' '\n",
		"k:\n- a\n- b: c\n  d: # c\n- - e\n",
		"a:\r\n  - {x: [1, 'y'], z: \"\\u0451\\\"\"}\r\n  # c\r\nb  : x:y #z\r\n",
		"- a:\n  - b\n  c:\n    d: e\n-\n- [f]\n",
		"a: >-\n  x y\n  z\nb:\n  - |\n    l1\n    l2\n\nc: 1\n",
	};
	static const char *const bits[] = { ":", " ", "-",  "#", "\"", "'",  "[", "]", "{",
					    "}", ",", "\n", "a", "1",  "\\", "ё", "?", "\r\n" };
	struct nv_buf t = NV_BUF_INIT, report = NV_BUF_INIT;
	size_t s, i, b, op, len, taken = 0, all = 0;

	for (s = 0; s < NV_ARRAY_SIZE(seeds); s++) {
		len = strlen(seeds[s]);
		for (i = 0; i <= len; i++) {
			for (b = 0; b < NV_ARRAY_SIZE(bits); b++) {
				for (op = 0; op < 3; op++) {
					if (op > 0 && i == len)
						continue;
					nv_buf_reset(&t);
					nv_buf_add(&t, seeds[s], i);
					if (op < 2)
						nv_buf_adds(&t, bits[b]);
					nv_buf_adds(&t, seeds[s] + i + (op > 0));
					all++;
					switch (compare(t.ptr, t.len, 1, NULL, NULL, &report)) {
					case DIFFERENT:
						nv_test_failed(__FILE__, __LINE__, "%s",
							       report.ptr);
						goto out;
					case SAME:
						taken++;
						break;
					}
				}
			}
		}
	}
	printf("one edit away: %zu texts, %zu taken by the fast path\n", all, taken);
	CHECK(taken > all / 4);
out:
	nv_buf_release(&t);
	nv_buf_release(&report);
}

struct tally {
	size_t files, texts, taken;
	struct {
		const char *why; /* a static string of the fast path */
		size_t n;
	} why[64];
	size_t nwhy;
	struct nv_buf report; /* the first difference */
	size_t different;
};

static void tally_why(struct tally *t, const char *why)
{
	size_t i;

	for (i = 0; i < t->nwhy && strcmp(t->why[i].why, why); i++)
		;
	if (i == NV_ARRAY_SIZE(t->why))
		return;
	if (i == t->nwhy)
		t->why[t->nwhy++].why = why;
	t->why[i].n++;
}

/* Compare one file: a .md's front matter, a .yml's whole text; as .md when as_md. */
static void compare_file(struct tally *t, const char *path, bool as_md)
{
	static const struct nv_yaml_limits fm = { NV_YAML_MAX_DEPTH, NV_FRONTMATTER_MAX_NODES };
	struct nv_buf text = NV_BUF_INIT;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_split split;
	const char *why = NULL;
	size_t n = strlen(path);
	bool md = as_md || (n > 3 && !strcmp(path + n - 3, ".md"));
	bool yml = n > 4 && (!strcmp(path + n - 4, ".yml") || !strcmp(path + n - 5, ".yaml") ||
			     !strcmp(path + n - 5, ".json"));
	int rc;

	if ((!md && !yml) || nv_read_file(path, 64 << 20, &text) < 0)
		goto out;
	t->files++;
	if (md &&
	    (nv_frontmatter_split(path, text.ptr, text.len, &split, &d) < 0 || !split.has_meta))
		goto out;
	t->texts++;
	if (md)
		rc = compare(text.ptr + split.meta_off, split.meta_len, split.meta_line, &fm, &why,
			     &t->report);
	else
		rc = compare(text.ptr, text.len, 1, NULL, &why, &t->report);
	if (rc == SAME) {
		t->taken++;
	} else if (rc == DECLINED) {
		tally_why(t, why);
		if (getenv("NV_YAML_FAST_VERBOSE"))
			printf("declined: %s: %s\n", path, why);
	} else if (!t->different++) {
		nv_buf_addf(&t->report, "(in %s)\n", path);
	}
out:
	nv_buf_release(&text);
	nv_diags_release(&d);
}

static void compare_dir(struct tally *t, const char *dir, bool as_md)
{
	struct nv_strlist files = NV_STRLIST_INIT;
	char path[4096];
	size_t i;

	if (nv_walk(dir, &files) < 0)
		return;
	for (i = 0; i < files.nr; i++) {
		if (!strcmp(dir, "tests") && !strncmp(files.v[i], "fuzz/corpus/", 12))
			continue; /* read below, every file as a .md */
		snprintf(path, sizeof(path), "%s/%s", dir, files.v[i]);
		compare_file(t, path, as_md);
	}
	nv_strlist_release(&files);
}

static void print_tally(const char *what, struct tally *t)
{
	size_t i;

	printf("%s: %zu files, %zu texts, %zu taken by the fast path, %zu declined", what, t->files,
	       t->texts, t->taken, t->texts - t->taken - t->different);
	for (i = 0; i < t->nwhy; i++)
		printf("%s %s ×%zu", i ? "," : ":", t->why[i].why, t->why[i].n);
	printf("\n");
}

/* The corpora of the repository, and those NV_YAML_FAST_DIRS names, load the same both ways. */
static void test_corpora(void)
{
	struct tally t = { 0 };
	const char *extra = getenv("NV_YAML_FAST_DIRS");
	char *dirs, *dir, *save = NULL;

	compare_dir(&t, "content", false);
	compare_dir(&t, "tests", false);
	compare_dir(&t, "tests/fuzz/corpus/fuzz_frontmatter", true);
	if (extra) {
		dirs = nv_xstrdup(extra);
		for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
			compare_dir(&t, dir, false);
		free(dirs);
	}
	print_tally("corpora", &t);
	if (t.different)
		nv_test_failed(__FILE__, __LINE__, "%zu differ; the first:\n%s", t.different,
			       t.report.ptr);
	CHECK(t.texts > 100);
	nv_buf_release(&t.report);
}

void nv_tests(void)
{
	NV_RUN(test_shapes_of_front_matter);
	NV_RUN(test_quoted_scalars);
	NV_RUN(test_plain_scalars);
	NV_RUN(test_block_scalars);
	NV_RUN(test_empty_values_and_items);
	NV_RUN(test_flow_collections);
	NV_RUN(test_line_ends_and_characters);
	NV_RUN(test_characters_at_every_offset);
	NV_RUN(test_duplicates_and_limits);
	NV_RUN(test_one_block);
	NV_RUN(test_one_edit_away);
	NV_RUN(test_corpora);
}
