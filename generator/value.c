/* value.c: the positioned value tree; see value.h. */
#include "common.h"

#include <pthread.h>

#include "alloc.h"
#include "buf.h"
#include "value.h"

/*
 * The keys of the schema, of the data files and of the website's
 * templates, in one block, sorted: a map's key found here points into
 * it rather than to a copy of its own (a content folder repeats these
 * few words hundreds of thousands of times: «title», «due»,
 * «responsible», and each page's context «url», «date_iso», …).
 */
static const char known_keys[][24] = {
	"academic_year",
	"acquaint",
	"active",
	"address",
	"appendices",
	"appendix",
	"approval",
	"approvals",
	"approvals_left",
	"approvals_right",
	"approved_by",
	"audience",
	"authors",
	"authors_text",
	"base_path",
	"blanks",
	"body",
	"caption",
	"category",
	"cells",
	"class",
	"colspan",
	"columns",
	"consent",
	"count",
	"curator",
	"current",
	"date",
	"date_iso",
	"date_long",
	"default",
	"deploy",
	"description",
	"director",
	"doc",
	"documents",
	"draft",
	"due",
	"email",
	"extra",
	"extra_columns",
	"file",
	"files",
	"font",
	"form",
	"form_id",
	"forms",
	"forms_text",
	"founder",
	"gender",
	"generator",
	"goal",
	"has_appendices",
	"has_approvals_left",
	"has_approvals_right",
	"has_authors",
	"has_cells",
	"has_columns",
	"has_forms",
	"has_items",
	"has_lines",
	"has_lines_html",
	"has_pairs",
	"has_revisions",
	"has_sections",
	"has_summary",
	"has_tags",
	"head_title",
	"header",
	"here",
	"ics",
	"id",
	"inn",
	"intro",
	"issuer",
	"items",
	"kind",
	"kind_id",
	"kind_title",
	"label",
	"lastmod",
	"lead",
	"letterhead",
	"level",
	"lines",
	"lines_html",
	"margins",
	"mark",
	"members",
	"mentee",
	"mentees",
	"mentor",
	"mentoring_kind",
	"name",
	"name_genitive",
	"nav",
	"ncolumns",
	"number",
	"numbers",
	"ogrn",
	"order",
	"organization",
	"page",
	"pairs",
	"patronymic",
	"pdf",
	"period",
	"person",
	"phone",
	"place",
	"position",
	"preamble",
	"print",
	"problem",
	"profile",
	"program",
	"protocol",
	"publish",
	"responsible",
	"result",
	"results",
	"revision",
	"revisions",
	"roadmap",
	"role_model",
	"root",
	"rows",
	"rowspan",
	"section",
	"sections",
	"short_name",
	"short_name_genitive",
	"side",
	"signatory",
	"site",
	"size",
	"status",
	"status_id",
	"students",
	"summary",
	"surname",
	"table",
	"table_size",
	"tags",
	"tags_text",
	"tasks",
	"teachers",
	"term",
	"text",
	"title",
	"title_html",
	"title_page",
	"total",
	"totals",
	"type",
	"updated",
	"updated_iso",
	"updated_long",
	"url",
	"web",
	"website",
	"weight",
	"widths",
	"word",
	"year",
	"year_id",
	"years",
	"young_specialists",
};

/* The 8 bytes at p as an integer that orders as they do (big-endian). */
static inline uint64_t key_word(const char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

#define KEY_SLOTS 512 /* the table of known_keys by hash: a power of two, over twice as many */

/* known_keys by hash of their words (key_hash()): the index + 1 of a key, 0 for none. */
static uint16_t key_slots[KEY_SLOTS];
static pthread_once_t key_slots_once = PTHREAD_ONCE_INIT;

/* The slot of the three big-endian words of a key (row_words()). */
static inline size_t key_hash(const uint64_t w[3])
{
	uint64_t h =
		w[0] * UINT64_C(0x9E3779B97F4A7C15) ^ w[1] * UINT64_C(0xC2B2AE3D27D4EB4F) ^ w[2];

	return (size_t)((h * UINT64_C(0xFF51AFD7ED558CCD)) >> 55) & (KEY_SLOTS - 1);
}

static void row_words(const char *row, uint64_t w[3])
{
	w[0] = key_word(row);
	w[1] = key_word(row + 8);
	w[2] = key_word(row + 16);
}

static void fill_key_slots(void)
{
	uint64_t w[3];
	size_t i, h;

	_Static_assert(NV_ARRAY_SIZE(known_keys) * 2 < KEY_SLOTS, "room in the key slots");
	for (i = 0; i < NV_ARRAY_SIZE(known_keys); i++) {
		row_words(known_keys[i], w);
		for (h = key_hash(w); key_slots[h]; h = (h + 1) & (KEY_SLOTS - 1))
			;
		key_slots[h] = (uint16_t)(i + 1);
	}
}

/*
 * key (keylen bytes) in known_keys, or a copy of it that the map owns.
 * The key is taken as a row of the table holds it (zeros after it), as
 * three big-endian words built byte by byte, and looked up by their hash.
 */
static char *intern_key(const char *key, size_t keylen)
{
	uint64_t k[3] = { 0, 0, 0 }, w[3];
	size_t h, i;

	_Static_assert(sizeof(known_keys[0]) == 24, "a row of known_keys is three words");
	if (keylen >= sizeof(known_keys[0]))
		return nv_xmemdupz(key, keylen);
	for (i = 0; i < keylen; i++)
		k[i / 8] |= (uint64_t)(unsigned char)key[i] << (56 - 8 * (i % 8));
	pthread_once(&key_slots_once, fill_key_slots);
	for (h = key_hash(k); key_slots[h]; h = (h + 1) & (KEY_SLOTS - 1)) {
		row_words(known_keys[key_slots[h] - 1], w);
		if (w[0] == k[0] && w[1] == k[1] && w[2] == k[2])
			return (char *)known_keys[key_slots[h] - 1];
	}
	return nv_xmemdupz(key, keylen);
}

/* True if the map does not own key: it points into known_keys. */
static bool known_key(const char *key)
{
	uintptr_t k = (uintptr_t)key, first = (uintptr_t)known_keys;

	return k >= first && k < first + sizeof(known_keys);
}

struct nv_value *nv_value_new(enum nv_type type, int line, int col)
{
	struct nv_value *v = nv_xcalloc(1, sizeof(*v));

	v->type = type;
	v->line = line;
	v->col = col;
	return v;
}

struct nv_value *nv_value_new_null(void)
{
	return nv_value_new(NV_NULL, 0, 0);
}

struct nv_value *nv_value_new_bool(bool b)
{
	struct nv_value *v = nv_value_new(NV_BOOL, 0, 0);

	v->boolean = b;
	v->str = nv_xstrdup(b ? "true" : "false");
	v->len = strlen(v->str);
	return v;
}

struct nv_value *nv_value_new_number(double d)
{
	struct nv_value *v = nv_value_new(NV_NUMBER, 0, 0);

	v->number = d;
	v->str = nv_xasprintf("%.15g", d);
	v->len = strlen(v->str);
	return v;
}

struct nv_value *nv_value_new_string(const char *s, size_t n)
{
	struct nv_value *v = nv_value_new(NV_STRING, 0, 0);

	v->str = nv_xmemdupz(s, n);
	v->len = n;
	return v;
}

struct nv_value *nv_value_new_str(const char *s)
{
	return nv_value_new_string(s, strlen(s));
}

struct nv_value *nv_value_take_str(char *s)
{
	struct nv_value *v = nv_value_new(NV_STRING, 0, 0);

	v->str = s;
	v->len = strlen(s);
	return v;
}

void nv_value_free(struct nv_value *v)
{
	size_t i;

	if (!v)
		return;
	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			nv_value_free(v->items[i]);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++) {
			if (!known_key(v->members[i].key))
				free(v->members[i].key);
			nv_value_free(v->members[i].value);
		}
	}
	if (v->type == NV_LIST)
		free(v->items);
	else if (v->type == NV_MAP)
		free(v->members);
	if (!v->packed)
		free(v->str);
	free(v);
}

static void keep_text(char *text, char ***texts, size_t *n, size_t *alloc)
{
	if (!text)
		return;
	NV_GROW(*texts, *n + 1, *alloc);
	(*texts)[(*n)++] = text;
}

void nv_value_strip(struct nv_value *v, char ***texts, size_t *n, size_t *alloc)
{
	size_t i;

	if (!v)
		return;
	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			nv_value_strip(v->items[i], texts, n, alloc);
		free(v->items);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++) {
			if (!known_key(v->members[i].key))
				keep_text(v->members[i].key, texts, n, alloc);
			nv_value_strip(v->members[i].value, texts, n, alloc);
		}
		free(v->members);
	}
	if (!v->packed)
		keep_text(v->str, texts, n, alloc);
	free(v);
}

/* The bytes the texts under v that it owns take with their NULs. */
static size_t text_size(const struct nv_value *v)
{
	size_t i, n = v->str && !v->packed ? v->len + 1 : 0;

	if (v->type == NV_LIST)
		for (i = 0; i < v->nr; i++)
			n += text_size(v->items[i]);
	else if (v->type == NV_MAP)
		for (i = 0; i < v->nr; i++)
			n += text_size(v->members[i].value);
	return n;
}

/* Move the texts under v to block + *at. */
static void pack_into(struct nv_value *v, char *block, size_t *at)
{
	size_t i;

	if (v->str && !v->packed) {
		memcpy(block + *at, v->str, v->len + 1);
		free(v->str);
		v->str = block + *at;
		v->packed = true;
		*at += v->len + 1;
	}
	if (v->type == NV_LIST)
		for (i = 0; i < v->nr; i++)
			pack_into(v->items[i], block, at);
	else if (v->type == NV_MAP)
		for (i = 0; i < v->nr; i++)
			pack_into(v->members[i].value, block, at);
}

char *nv_value_pack(struct nv_value *v)
{
	size_t n = v ? text_size(v) : 0, at = 0;
	char *block;

	if (!n)
		return NULL;
	block = nv_xmalloc(n);
	pack_into(v, block, &at);
	return block;
}

struct nv_value *nv_value_copy(const struct nv_value *v)
{
	struct nv_value *c;
	size_t i;

	if (!v)
		return NULL;
	c = nv_value_new(v->type, v->line, v->col);
	c->boolean = v->boolean;
	c->number = v->number;
	if (v->str) {
		c->str = nv_xmemdupz(v->str, v->len);
		c->len = v->len;
	}
	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			nv_list_push(c, nv_value_copy(v->items[i]));
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			nv_map_add(c, v->members[i].key, v->members[i].line, v->members[i].col,
				   nv_value_copy(v->members[i].value));
	}
	return c;
}

size_t nv_value_count(const struct nv_value *v)
{
	size_t i, n = 1;

	if (!v)
		return 0;
	if (v->type == NV_LIST)
		for (i = 0; i < v->nr; i++)
			n += nv_value_count(v->items[i]);
	else if (v->type == NV_MAP)
		for (i = 0; i < v->nr; i++)
			n += nv_value_count(v->members[i].value);
	return n;
}

void nv_list_push(struct nv_value *list, struct nv_value *item)
{
	NV_GROW(list->items, list->nr + 1, list->alloc);
	list->items[list->nr++] = item;
}

void nv_map_add(struct nv_value *map, const char *key, int line, int col, struct nv_value *value)
{
	struct nv_member *m;

	NV_GROW(map->members, map->nr + 1, map->alloc);
	m = &map->members[map->nr++];
	m->keylen = strlen(key);
	m->key = intern_key(key, m->keylen);
	m->line = line;
	m->col = col;
	m->value = value;
}

struct nv_member *nv_map_member(const struct nv_value *map, const char *key, size_t keylen)
{
	size_t i;

	if (!map || map->type != NV_MAP)
		return NULL;
	/* Most keys differ in length or first byte, which reject them without a call. */
	for (i = 0; i < map->nr; i++) {
		const struct nv_member *m = &map->members[i];
		if (m->keylen == keylen && (!keylen || m->key[0] == key[0]) &&
		    !memcmp(m->key, key, keylen))
			return &map->members[i];
	}
	return NULL;
}

void nv_map_set(struct nv_value *map, const char *key, struct nv_value *value)
{
	struct nv_member *m = nv_map_member(map, key, strlen(key));

	if (m) {
		nv_value_free(m->value);
		m->value = value;
	} else {
		nv_map_add(map, key, 0, 0, value);
	}
}

struct nv_value *nv_map_get(const struct nv_value *map, const char *key)
{
	struct nv_member *m = nv_map_member(map, key, strlen(key));

	return m ? m->value : NULL;
}

const char *nv_map_get_str(const struct nv_value *map, const char *key)
{
	struct nv_value *v = nv_map_get(map, key);

	return nv_value_is_scalar(v) ? v->str : NULL;
}

bool nv_value_is_scalar(const struct nv_value *v)
{
	return v && (v->type == NV_STRING || v->type == NV_NUMBER || v->type == NV_BOOL);
}

const char *nv_type_name(enum nv_type type)
{
	switch (type) {
	case NV_NULL:
		return "пустое значение";
	case NV_BOOL:
		return "логическое значение (true/false)";
	case NV_NUMBER:
		return "число";
	case NV_STRING:
		return "строка";
	case NV_LIST:
		return "список";
	case NV_MAP:
		return "набор полей";
	}
	return "значение";
}

static void dump_string(struct nv_buf *out, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	nv_buf_addch(out, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			nv_buf_addch(out, '\\');
			nv_buf_addch(out, c);
		} else if (c == '\n') {
			nv_buf_adds(out, "\\n");
		} else if (c < 0x20) {
			nv_buf_addf(out, "\\u%04x", c);
		} else {
			nv_buf_addch(out, c);
		}
	}
	nv_buf_addch(out, '"');
}

void nv_value_dump(struct nv_buf *out, const struct nv_value *v)
{
	size_t i;

	if (!v) {
		nv_buf_adds(out, "null");
		return;
	}
	switch (v->type) {
	case NV_NULL:
		nv_buf_adds(out, "null");
		break;
	case NV_BOOL:
		nv_buf_adds(out, v->boolean ? "true" : "false");
		break;
	case NV_NUMBER:
		nv_buf_addf(out, "%.15g", v->number);
		break;
	case NV_STRING:
		dump_string(out, v->str, v->len);
		break;
	case NV_LIST:
		nv_buf_addch(out, '[');
		for (i = 0; i < v->nr; i++) {
			if (i)
				nv_buf_addch(out, ',');
			nv_value_dump(out, v->items[i]);
		}
		nv_buf_addch(out, ']');
		break;
	case NV_MAP:
		nv_buf_addch(out, '{');
		for (i = 0; i < v->nr; i++) {
			if (i)
				nv_buf_addch(out, ',');
			dump_string(out, v->members[i].key, strlen(v->members[i].key));
			nv_buf_addch(out, ':');
			nv_value_dump(out, v->members[i].value);
		}
		nv_buf_addch(out, '}');
		break;
	}
}
