/*
 * Unit tests for md_summary.c: a body's summary written and read back is
 * the parse's links and headings; the reader refuses a file cut short at
 * any length, with any byte changed, of another version or another
 * program or with facts it does not know; a record copied as read is the
 * bytes written; a stub takes its tree back from a parse of
 * the same body and refuses another body's.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "markdown.h"
#include "md_summary.h"
#include "diag.h"
#include "frontmatter.h"
#include "fs.h"
#include "value.h"

/* The header's size: magic, version, count, identity, payload's length and hash. */
#define HEADER_LEN_TEST (8 + 4 + 4 + 16 + 8 + 16)

static const char body[] = "# Цели\n\nТекст¹ со ссылкой на [положение](../positions/p.md#tseli) и "
			   "[Лебедеву А. С.](@lebedeva-as \"куратора\").\n\n"
			   "## Цели\n\n1. Первый пункт.\n2. Второй [раздел](#tseli-2).\n\n"
			   "![Схема](../files/s.png)\n\n![Фото](https://school.ru/f.jpg)\n";

static struct nv_md_summary_key key(const char *path)
{
	struct nv_md_summary_key k = { path, NV_HASH_INIT,     sizeof(body) - 1 + 20,
				       20,   sizeof(body) - 1, 4 };

	nv_hash_add(&k.hash, body, sizeof(body) - 1);
	return k;
}

/* A file of two records: "content/a.md" and "content/b.md", both of body. */
static void make_file(struct nv_buf *out)
{
	struct nv_md *md = nv_md_parse(body, sizeof(body) - 1, 4, NV_MD_CHECKED);
	struct nv_md_summary_key a = key("content/a.md"), b = key("content/b.md");

	nv_md_summary_begin(out, NULL);
	nv_md_summary_add(out, &a, md, NULL);
	nv_md_summary_add(out, &b, md, NULL);
	nv_md_summary_end(out);
	nv_md_free(md);
}

static struct nv_md_summaries *parse_copy(const struct nv_buf *f)
{
	return nv_md_summaries_parse(nv_xmemdupz(f->ptr, f->len), f->len, nv_md_summary_identity());
}

static void test_summary_round_trip(void)
{
	struct nv_buf f = NV_BUF_INIT;
	struct nv_md *md = nv_md_parse(body, sizeof(body) - 1, 4, NV_MD_CHECKED), *stub;
	struct nv_md_summaries *s;
	struct nv_md_summary_key k = key("content/a.md");
	size_t i;

	make_file(&f);
	s = parse_copy(&f);
	CHECK(s != NULL);
	CHECK_INT(nv_md_summaries_count(s), 2);
	stub = nv_md_summaries_stub(s, &k);
	CHECK(stub != NULL);
	CHECK(stub->root == NULL);
	CHECK(stub->ordered_list && md->ordered_list);
	CHECK(!stub->raw_html && !md->raw_html);
	/* the facts the checks of the text look for (md_facts.c) */
	CHECK_INT(md->text_facts, NV_MD_TEXT_SUP);
	CHECK_INT(stub->text_facts, md->text_facts);
	CHECK_INT(stub->first_line, md->first_line);
	CHECK_INT(stub->flags, md->flags);
	CHECK_INT(stub->nr_headings, 2);
	CHECK_INT(stub->nr_links, 5);
	for (i = 0; i < md->nr_headings; i++) {
		CHECK_STR(stub->headings[i].id, md->headings[i].id);
		CHECK_STR(stub->headings[i].text, md->headings[i].text);
		CHECK_INT(stub->headings[i].line, md->headings[i].line);
		CHECK_INT(stub->headings[i].col, md->headings[i].col);
		CHECK_INT(stub->headings[i].level, md->headings[i].level);
	}
	CHECK_STR(stub->headings[1].id, "tseli-2");
	for (i = 0; i < md->nr_links; i++) {
		CHECK_INT(stub->links[i].kind, md->links[i].kind);
		CHECK_INT(stub->links[i].image, md->links[i].image);
		CHECK_INT(stub->links[i].alone, md->links[i].alone);
		CHECK_STR(stub->links[i].url, md->links[i].url);
		CHECK_INT(stub->links[i].line, md->links[i].line);
		CHECK_INT(stub->links[i].col, md->links[i].col);
		CHECK(!stub->links[i].anchor == !md->links[i].anchor);
		CHECK(!stub->links[i].text == !md->links[i].text);
	}
	CHECK_STR(stub->links[1].text, md->links[1].text);
	CHECK_STR(stub->links[1].title, "куратора");
	CHECK_STR(stub->links[0].anchor, "tseli");
	/* An image is told from a link (a page of files leaves it out). */
	CHECK(stub->links[3].image && stub->links[3].alone &&
	      stub->links[3].kind == NV_MD_LINK_FILE && !stub->links[0].image);
	/* So is an image of another website (a rebuild warns of it). */
	CHECK(stub->links[4].image && stub->links[4].kind == NV_MD_LINK_REMOTE &&
	      stub->links[4].path == NULL);
	/* Headings are found by id, as in a parse. */
	CHECK(nv_md_find_heading(stub, "tseli-2") == &stub->headings[1]);
	CHECK(nv_md_find_heading(stub, "net") == NULL);
	nv_md_free(stub);
	/* Another text, length or place of the body: no stub. */
	k.hash.a ^= 1;
	CHECK(nv_md_summaries_stub(s, &k) == NULL);
	k = key("content/a.md");
	k.body_line = 5;
	CHECK(nv_md_summaries_stub(s, &k) == NULL);
	k = key("content/c.md");
	CHECK(nv_md_summaries_stub(s, &k) == NULL);
	nv_md_summaries_free(s);
	nv_md_free(md);
	nv_buf_release(&f);
}

/* Every length short of the whole file is refused, and every byte changed. */
static void test_summary_damaged(void)
{
	struct nv_buf f = NV_BUF_INIT;
	struct nv_md_summaries *s;
	size_t i;
	char *copy;

	make_file(&f);
	for (i = 0; i < f.len; i++) {
		s = nv_md_summaries_parse(nv_xmemdupz(f.ptr, i), i, nv_md_summary_identity());
		if (s)
			break;
	}
	CHECK_INT(i, f.len);
	for (i = 0; i < f.len; i++) {
		copy = nv_xmemdupz(f.ptr, f.len);
		copy[i] ^= 0x20;
		s = nv_md_summaries_parse(copy, f.len, nv_md_summary_identity());
		if (s)
			break;
	}
	CHECK_INT(i, f.len);
	/* A byte more at the end, or nothing at all. */
	nv_buf_addch(&f, 0);
	CHECK(parse_copy(&f) == NULL);
	CHECK(nv_md_summaries_parse(NULL, 0, nv_md_summary_identity()) == NULL);
	nv_buf_release(&f);
}

/* Another version of the format, another program, or facts unknown, are refused. */
static void test_summary_foreign(void)
{
	struct nv_buf f = NV_BUF_INIT;
	struct nv_hash other = nv_md_summary_identity();
	uint32_t version = NV_MD_SUMMARY_VERSION + 1, facts;
	size_t at;
	struct nv_md_summaries *s;

	make_file(&f);
	other.b ^= 1;
	CHECK(nv_md_summaries_parse(nv_xmemdupz(f.ptr, f.len), f.len, other) == NULL);
	memcpy(f.ptr + 8, &version, sizeof(version));
	CHECK(parse_copy(&f) == NULL);
	version = NV_MD_SUMMARY_VERSION;
	memcpy(f.ptr + 8, &version, sizeof(version));
	s = parse_copy(&f);
	CHECK(s != NULL);
	nv_md_summaries_free(s);
	/*
	 * Facts unknown to this version (an ordered list, raw HTML: two bits;
	 * then the text's NV_MD_TEXT_*).
	 */
	at = HEADER_LEN_TEST + 4 + strlen("content/a.md") + 16 + 24 + 8 + 4;
	memcpy(&facts, f.ptr + at, sizeof(facts));
	CHECK_INT(facts, 1 | NV_MD_TEXT_SUP << 2);
	facts = (NV_MD_TEXT_ALL + 1u) << 2;
	memcpy(f.ptr + at, &facts, sizeof(facts));
	nv_md_summary_end(&f);
	CHECK(parse_copy(&f) == NULL);
	facts = 3 | NV_MD_TEXT_ALL << 2;
	memcpy(f.ptr + at, &facts, sizeof(facts));
	nv_md_summary_end(&f);
	s = parse_copy(&f);
	CHECK(s != NULL);
	nv_md_summaries_free(s);
	nv_buf_release(&f);
}

/* A stub takes the tree of the same body: nodes, and ids on the heading nodes. */
static void test_summary_adopt(void)
{
	struct nv_buf f = NV_BUF_INIT;
	struct nv_md_summaries *s;
	struct nv_md_summary_key k = key("content/a.md");
	struct nv_md *stub, *fresh, *other;
	const char *id;

	make_file(&f);
	s = parse_copy(&f);
	CHECK(s != NULL);
	stub = nv_md_summaries_stub(s, &k);
	nv_md_summaries_free(s);
	CHECK(stub != NULL);
	other = nv_md_parse(body, sizeof(body) - 2, 5, NV_MD_CHECKED); /* lines moved */
	CHECK_INT(nv_md_adopt_tree(stub, other), -1);
	CHECK(stub->root == NULL);
	nv_md_free(other);
	fresh = nv_md_parse(body, sizeof(body) - 1, 4, NV_MD_CHECKED);
	CHECK_INT(nv_md_adopt_tree(stub, fresh), 0);
	CHECK(stub->root != NULL);
	CHECK(stub->headings[1].node != NULL);
	id = nv_md_heading_id(stub->headings[1].node);
	CHECK(id == stub->headings[1].id);
	CHECK(stub->links[2].node != NULL);
	CHECK_INT(cmark_node_get_type(stub->links[2].node), CMARK_NODE_LINK);
	nv_md_free(stub);
	nv_buf_release(&f);
}

/* A record copied as read is the bytes written; none for another text. */
static void test_summary_copy(void)
{
	struct nv_buf f = NV_BUF_INIT, g = NV_BUF_INIT;
	struct nv_md_summaries *s;
	struct nv_md_summary_key a = key("content/a.md"), b = key("content/b.md");

	make_file(&f);
	s = parse_copy(&f);
	CHECK(s != NULL);
	nv_md_summary_begin(&g, s);
	CHECK(nv_md_summary_copy(&g, s, &a));
	CHECK(nv_md_summary_copy(&g, s, &b));
	b.hash.b ^= 1;
	CHECK(!nv_md_summary_copy(&g, s, &b));
	CHECK(!nv_md_summary_copy(&g, NULL, &a));
	nv_md_summary_end(&g);
	CHECK_INT(g.len, f.len);
	CHECK(!memcmp(g.ptr, f.ptr, f.len));
	nv_md_summaries_free(s);
	nv_buf_release(&f);
	nv_buf_release(&g);
}

/* Whether a and b are the same tree: types, positions, values, keys in order. */
static bool same_tree(const struct nv_value *a, const struct nv_value *b)
{
	size_t i;

	if (a->type != b->type || a->line != b->line || a->col != b->col || a->nr != b->nr ||
	    a->boolean != b->boolean || memcmp(&a->number, &b->number, sizeof(a->number)) ||
	    !a->str != !b->str || a->len != b->len || (a->str && memcmp(a->str, b->str, a->len)))
		return false;
	switch (a->type) {
	case NV_BOOL:
	case NV_NUMBER:
	case NV_STRING:
		return true;
	case NV_LIST:
		for (i = 0; i < a->nr; i++)
			if (!same_tree(a->items[i], b->items[i]))
				return false;
		return true;
	case NV_MAP:
		for (i = 0; i < a->nr; i++)
			if (strcmp(a->members[i].key, b->members[i].key) ||
			    a->members[i].line != b->members[i].line ||
			    a->members[i].col != b->members[i].col ||
			    !same_tree(a->members[i].value, b->members[i].value))
				return false;
		return true;
	case NV_NULL:
		return true;
	}
	return false;
}

/*
 * A front matter kept in a record comes back as the tree the loader made
 * of the text; a record without one gives none.
 */
static void test_summary_front_matter(void)
{
	static const char text[] =
		"---\ntitle: \"Положение\\tо наставничестве\"\nnumber: 38-од\ndraft: false\n"
		"year: 2026\nshare: 0.25\nempty:\nsections:\n  - title: Сентябрь\n    items:\n"
		"      - {what: Встреча, when: 15.09.2026, done: true}\n      - []\n---\nТекст.\n";
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_split split;
	struct nv_value *meta, *back, *packed;
	struct nv_buf f = NV_BUF_INIT, rec = NV_BUF_INIT;
	char *strings, *expect;
	struct nv_md *md = nv_md_parse(body, sizeof(body) - 1, 4, NV_MD_CHECKED);
	struct nv_md_summary_key a = key("content/a.md"), b = key("content/b.md");
	struct nv_md_summaries *s;

	CHECK_INT(nv_frontmatter_load("a.md", text, sizeof(text) - 1, &split, &meta, &d), 0);
	CHECK_INT(d.nr, 0);
	nv_md_summary_meta(&rec, meta);
	nv_md_summary_begin(&f, NULL);
	nv_md_summary_add(&f, &a, md, &rec);
	nv_md_summary_add(&f, &b, md, NULL);
	nv_md_summary_end(&f);
	s = parse_copy(&f);
	CHECK(s != NULL);
	back = nv_md_summaries_meta(s, &a);
	CHECK(back != NULL);
	CHECK(back && same_tree(meta, back));
	CHECK(nv_md_summaries_meta(s, &b) == NULL);
	nv_value_free(back);
	/* Packed: the same tree, its texts in one block of their exact size. */
	strings = NULL;
	back = nv_md_summaries_meta_packed(s, &a, &strings);
	CHECK(back && same_tree(meta, back));
	CHECK(strings != NULL);
	packed = nv_value_copy(meta);
	expect = nv_value_pack(packed);
	CHECK_INT(nv_map_get(back, "title")->str - strings,
		  nv_map_get(packed, "title")->str - expect);
	CHECK(nv_map_get(back, "title")->packed);
	CHECK(strings && !memcmp(strings, expect, 8));
	nv_value_free(back);
	nv_value_free(packed);
	free(strings);
	free(expect);
	CHECK(nv_md_summaries_meta_packed(s, &b, &strings) == NULL);
	nv_value_free(meta);
	nv_md_summaries_free(s);
	nv_md_free(md);
	nv_buf_release(&f);
	nv_buf_release(&rec);
	nv_diags_release(&d);
}

/* A file mapped gives what its bytes parsed give; a damaged one, a short one or none, nothing. */
static void test_summary_read_file(void)
{
	struct nv_buf f = NV_BUF_INIT;
	struct nv_md_summaries *s;
	struct nv_md_summary_key k = key("content/b.md");
	struct nv_md *stub;
	char *path = nv_xasprintf("%s/summaries", nv_test_tmpdir());

	make_file(&f);
	CHECK(nv_write_file(path, f.ptr, f.len) == 0);
	s = nv_md_summaries_read(path, nv_md_summary_identity());
	CHECK(s != NULL);
	CHECK_INT(nv_md_summaries_count(s), 2);
	stub = s ? nv_md_summaries_stub(s, &k) : NULL;
	CHECK(stub != NULL);
	nv_md_free(stub);
	nv_md_summaries_free(s);
	f.ptr[f.len - 1] ^= 0x20;
	CHECK(nv_write_file(path, f.ptr, f.len) == 0);
	CHECK(nv_md_summaries_read(path, nv_md_summary_identity()) == NULL);
	CHECK(nv_write_file(path, f.ptr, 10) == 0);
	CHECK(nv_md_summaries_read(path, nv_md_summary_identity()) == NULL);
	CHECK(unlink(path) == 0);
	CHECK(nv_md_summaries_read(path, nv_md_summary_identity()) == NULL);
	free(path);
	nv_buf_release(&f);
}

void nv_tests(void)
{
	NV_RUN(test_summary_read_file);
	NV_RUN(test_summary_round_trip);
	NV_RUN(test_summary_damaged);
	NV_RUN(test_summary_foreign);
	NV_RUN(test_summary_adopt);
	NV_RUN(test_summary_copy);
	NV_RUN(test_summary_front_matter);
}
