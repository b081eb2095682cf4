/* value.c: the positioned value tree; see value.h. */
#include "common.h"

#include <math.h>
#include <pthread.h>

#include "alloc.h"
#include "buf.h"
#include "value.h"

/* ---- scopes: one arena per thread ------------------------------------ */

#define SCOPE_BLOCK ((size_t)32 << 10) /* the first block of a scope; the next ones double */

struct scope_block {
	struct scope_block *next;
};

/*
 * The calling thread's scope: the free room [at, end) of its newest
 * block, its blocks (newest first) and the strings taken over in it
 * (their list in the arena too).
 */
struct scope {
	bool on;
	char *at, *end;
	struct scope_block *blocks;
	size_t next_size;
	char **taken;
	size_t ntaken, ataken;
};

static _Thread_local struct scope scope;

void nv_value_scope_begin(void)
{
	scope.on = true;
	scope.at = scope.end = NULL;
	scope.next_size = SCOPE_BLOCK;
}

void nv_value_scope_end(void)
{
	struct scope_block *b, *next;
	size_t i;

	for (i = 0; i < scope.ntaken; i++) /* their list lies in the arena: first */
		free(scope.taken[i]);
	for (b = scope.blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(&scope, 0, sizeof(scope));
}

/* n bytes (8-aligned) of the scope's arena; out of line: a new block. */
static void *scope_alloc_slow(size_t n)
{
	size_t size = scope.next_size;
	struct scope_block *b;

	while (size - sizeof(*b) < n)
		size *= 2;
	b = nv_xmalloc(size);
	b->next = scope.blocks;
	scope.blocks = b;
	scope.at = (char *)(b + 1) + n;
	scope.end = (char *)b + size;
	if (scope.next_size < ((size_t)1 << 20))
		scope.next_size *= 2;
	return b + 1;
}

static inline void *scope_alloc(size_t n)
{
	char *p = scope.at;

	n = (n + 7) & ~(size_t)7;
	if ((size_t)(scope.end - p) < n || !p)
		return scope_alloc_slow(n);
	scope.at = p + n;
	return p;
}

/* A copy of the n bytes at s, NUL-terminated, in the scope when on, else from malloc. */
static char *text_dup(const char *s, size_t n, bool scoped)
{
	char *t;

	if (!scoped)
		return nv_xmemdupz(s, n);
	t = scope_alloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/*
 * Make room for `want` entries of `size` bytes in the array *p of
 * *alloc: a scoped array moves to a bigger piece of the arena.
 */
static void *grow_array(void *p, size_t nr, size_t want, size_t *alloc, size_t size, bool scoped)
{
	size_t n = *alloc < 8 ? 8 : *alloc * 2;
	void *q;

	if (want <= *alloc)
		return p;
	if (n < want)
		n = want;
	if (scoped) {
		q = scope_alloc(nv_st_mult(n, size));
		if (nr)
			memcpy(q, p, nr * size);
	} else {
		q = nv_xrealloc(p, nv_st_mult(n, size));
	}
	*alloc = n;
	return q;
}

/* ---- keys ------------------------------------------------------------ */

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

const char *nv_key_shared(const char *key, size_t keylen)
{
	char row[24] = { 0 };
	uint64_t k[3], w[3];
	size_t h;

	_Static_assert(sizeof(known_keys[0]) == 24, "a row of known_keys is three words");
	if (keylen >= sizeof(known_keys[0]))
		return NULL;
	/* The key as a row of the table holds it (zeros after it), as three big-endian words. */
	memcpy(row, key, keylen);
	row_words(row, k);
	pthread_once(&key_slots_once, fill_key_slots);
	for (h = key_hash(k); key_slots[h]; h = (h + 1) & (KEY_SLOTS - 1)) {
		row_words(known_keys[key_slots[h] - 1], w);
		if (w[0] == k[0] && w[1] == k[1] && w[2] == k[2])
			return known_keys[key_slots[h] - 1];
	}
	return NULL;
}

/*
 * The known keys this thread found last, by the address it was given
 * them at: most keys of the website's contexts come from the same
 * string literals, again and again.
 */
#define KEY_CACHE 64 /* a power of two */

struct key_cached {
	const char *key, *shared;
};

static _Thread_local struct key_cached *key_cache; /* KEY_CACHE, nv_thread_block() */

/* key (keylen bytes, NUL-terminated) in known_keys, or a copy of it that the map owns. */
static char *intern_key(const char *key, size_t keylen, bool scoped)
{
	struct key_cached *c = nv_thread_block((void **)&key_cache, KEY_CACHE * sizeof(*key_cache));
	size_t h = ((uintptr_t)key >> 3) & (KEY_CACHE - 1);
	const char *known;

	/* The address may hold another key by now (a buffer): its bytes are compared, NUL too. */
	if (c[h].key == key && keylen < sizeof(known_keys[0]) &&
	    !memcmp(c[h].shared, key, keylen + 1))
		return (char *)c[h].shared;
	known = nv_key_shared(key, keylen);
	if (!known)
		return text_dup(key, keylen, scoped);
	c[h].key = key;
	c[h].shared = known;
	return (char *)known;
}

/* True if the map does not own key: it points into known_keys. */
static bool known_key(const char *key)
{
	uintptr_t k = (uintptr_t)key, first = (uintptr_t)known_keys;

	return k >= first && k < first + sizeof(known_keys);
}

struct nv_value *nv_value_new(enum nv_type type, int line, int col)
{
	struct nv_value *v;

	if (scope.on) {
		v = scope_alloc(sizeof(*v));
		memset(v, 0, sizeof(*v));
		v->scoped = true;
	} else {
		v = nv_xcalloc(1, sizeof(*v));
	}
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
	v->len = b ? 4 : 5;
	v->str = text_dup(b ? "true" : "false", v->len, v->scoped);
	return v;
}

size_t nv_number_text(char *buf, double d)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u;
	size_t n;

	if (!(d > -1e15 && d < 1e15) || d != (double)(long long)d || (d == 0 && signbit(d)))
		return (size_t)snprintf(buf, 32, "%.15g", d);
	u = d < 0 ? (unsigned long long)-(long long)d : (unsigned long long)d;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (d < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n;
}

struct nv_value *nv_value_new_number(double d)
{
	struct nv_value *v = nv_value_new(NV_NUMBER, 0, 0);
	char buf[32];

	v->number = d;
	v->len = nv_number_text(buf, d);
	v->str = text_dup(buf, v->len, v->scoped);
	return v;
}

struct nv_value *nv_value_new_string(const char *s, size_t n)
{
	struct nv_value *v = nv_value_new(NV_STRING, 0, 0);

	v->str = text_dup(s, n, v->scoped);
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
	if (v->scoped) {
		if (scope.ntaken == scope.ataken)
			scope.taken = grow_array(scope.taken, scope.ntaken, scope.ntaken + 1,
						 &scope.ataken, sizeof(*scope.taken), true);
		scope.taken[scope.ntaken++] = s;
	}
	return v;
}

static void keep_text(char *text, char ***texts, size_t *n, size_t *alloc)
{
	if (!text)
		return;
	NV_GROW(*texts, *n + 1, *alloc);
	(*texts)[(*n)++] = text;
}

/*
 * What the node v of a tree in one block owns, and everything below it:
 * freed when texts is NULL, else freed but for the texts, which are
 * appended to *texts (nv_value_strip()). The nodes in the block stay, for
 * the caller to free with the block.
 */
static void block_parts(struct nv_value *v, char ***texts, size_t *n, size_t *alloc)
{
	struct nv_value *c;
	char *key;
	size_t i;

	if (v->type != NV_LIST && v->type != NV_MAP) {
		if (v->packed)
			return;
		if (texts)
			keep_text(v->str, texts, n, alloc);
		else
			free(v->str);
		return;
	}
	for (i = 0; i < v->nr; i++) {
		key = v->type == NV_MAP ? v->members[i].key : NULL;
		if (key && !known_key(key) && texts)
			keep_text(key, texts, n, alloc);
		else if (key && !known_key(key))
			free(key);
		c = v->type == NV_LIST ? v->items[i] : v->members[i].value;
		if (c && c->block)
			block_parts(c, texts, n, alloc);
		else if (texts)
			nv_value_strip(c, texts, n, alloc);
		else
			nv_value_free(c);
	}
	if (v->type == NV_LIST)
		free(v->items);
	else
		free(v->members);
}

void nv_value_free(struct nv_value *v)
{
	size_t i;

	if (!v || v->scoped)
		return;
	if (v->block) { /* the root: the block starts with it */
		block_parts(v, NULL, NULL, NULL);
		free(v);
		return;
	}
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

void nv_value_strip(struct nv_value *v, char ***texts, size_t *n, size_t *alloc)
{
	size_t i;

	if (!v || v->scoped) /* its scope frees it */
		return;
	if (v->block) {
		block_parts(v, texts, n, alloc);
		free(v);
		return;
	}
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
	size_t i, n = v->str && !v->packed && !v->scoped ? v->len + 1 : 0;

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

	if (v->str && !v->packed && !v->scoped) {
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
		c->str = text_dup(v->str, v->len, c->scoped);
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
	if (list->nr == list->alloc)
		list->items = grow_array(list->items, list->nr, list->nr + 1, &list->alloc,
					 sizeof(*list->items), list->scoped);
	list->items[list->nr++] = item;
}

void nv_map_add(struct nv_value *map, const char *key, int line, int col, struct nv_value *value)
{
	struct nv_member *m;

	if (map->nr == map->alloc)
		map->members = grow_array(map->members, map->nr, map->nr + 1, &map->alloc,
					  sizeof(*map->members), map->scoped);
	m = &map->members[map->nr++];
	m->keylen = strlen(key);
	m->key = intern_key(key, m->keylen, map->scoped);
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
