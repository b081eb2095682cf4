/*
 * value.h: the value tree — maps, lists, strings, numbers, booleans and
 * null — that keeps the source position of every node.
 *
 * It is the model of YAML front matter and of site.yml / people.yml /
 * pairs.yml, and later the context that templates are rendered against.
 * Every node owns its children; nv_value_free() frees a whole subtree.
 * Maps keep their keys in source order and remember each key's position,
 * so a diagnostic can point at the key or at the value.
 *
 * Scalars keep their text: for a string it is the value itself, for a
 * number or a boolean it is the text as written in the source (so «41»
 * given as an order number can still be used as text).
 */
#ifndef NV_VALUE_H
#define NV_VALUE_H

#include "common.h"

struct nv_buf;

enum nv_type {
	NV_NULL,
	NV_BOOL,
	NV_NUMBER,
	NV_STRING,
	NV_LIST,
	NV_MAP,
};

struct nv_value;

struct nv_member {
	char *key;		/* owned, or one of the schema's keys, shared: never change it */
	size_t keylen;		/* strlen(key), compared before the bytes */
	int line, col;		/* position of the key */
	struct nv_value *value; /* owned */
};

struct nv_value {
	enum nv_type type;
	int line, col; /* 1-based position in the source; 0 when built in code */
	bool boolean;
	bool packed; /* str lies in a block of nv_value_pack(), which v does not own */
	bool scoped; /* v, its arrays, key copies and str lie in a scope's arena (below) */
	/*
	 * v lies in one allocation with the nodes of its tree as it was
	 * loaded (the YAML loader's), which starts with the root: the tree is
	 * freed from its root only; arrays, texts, keys and nodes added later
	 * are owned as usual
	 */
	bool block;
	double number;
	char *str;	  /* owned text of a scalar (NUL-terminated), NULL otherwise */
	size_t len;	  /* length of str in bytes */
	size_t nr, alloc; /* used and allocated entries of items or members */
	union {		  /* one or the other, by type: 64 bytes a node, not 72 */
		struct nv_value **items;   /* NV_LIST */
		struct nv_member *members; /* NV_MAP */
	};
};

/* A new node of the given type with no content; the caller frees. */
struct nv_value *nv_value_new(enum nv_type type, int line, int col);
struct nv_value *nv_value_new_null(void);
struct nv_value *nv_value_new_bool(bool b);
struct nv_value *nv_value_new_number(double d);
/* A string node holding a copy of s (n bytes). */
struct nv_value *nv_value_new_string(const char *s, size_t n);
struct nv_value *nv_value_new_str(const char *s);
/* A string node that takes over s (NUL-terminated, from malloc): no copy. */
struct nv_value *nv_value_take_str(char *s);

/*
 * Free v and everything below it. Accepts NULL; does nothing to a scoped
 * value. A tree in one block (v->block) is freed from its root only.
 */
void nv_value_free(struct nv_value *v);

/*
 * A value scope: between nv_value_scope_begin() and nv_value_scope_end(),
 * every value the calling thread makes (nodes, their arrays, copies of
 * keys and texts, copies of trees) is allocated in an arena of that
 * thread and marked scoped; nv_value_free() leaves scoped values alone,
 * and nv_value_scope_end() frees them all at once, with the strings
 * nv_value_take_str() took meanwhile. A scope is for a tree made and
 * thrown away as a whole, such as a page's template context: no value
 * made in it may outlive it, and a value made before it must not take a
 * scoped one as its child. A scoped tree may hold unscoped values (lent,
 * not owned: the scope frees none of them). Scopes do not nest. Nothing
 * in a scope may take a scalar's str or a key for its own (to free it),
 * as the YAML loader does; nv_value_strip() and nv_value_pack() leave
 * scoped values alone.
 */
void nv_value_scope_begin(void);
void nv_value_scope_end(void);

/*
 * Free v and everything below it but the texts (scalars' str, maps'
 * keys), which something may still point to: each is appended to
 * *texts (*n used, *alloc allocated) for the caller to free later, but
 * for the keys the tree does not own (the schema's, shared).
 */
void nv_value_strip(struct nv_value *v, char ***texts, size_t *n, size_t *alloc);

/*
 * Move the texts of the scalars under v into one block of their exact
 * size, which the caller owns and frees after v; the nodes keep pointing
 * at their texts but no longer own them. A loaded tree's strings thus
 * stay together, away from its nodes, which nv_value_strip() can free
 * whole. NULL when v holds no text.
 */
char *nv_value_pack(struct nv_value *v);

/* A deep copy of v (positions included); the caller frees. */
struct nv_value *nv_value_copy(const struct nv_value *v);

/* Number of nodes in the subtree rooted at v (v included). */
size_t nv_value_count(const struct nv_value *v);

/* Append item to a list; the list takes ownership. */
void nv_list_push(struct nv_value *list, struct nv_value *item);

/*
 * Append key → value to a map without looking for an existing key; the
 * map takes ownership of value and copies key. Use nv_map_set() to replace.
 */
void nv_map_add(struct nv_value *map, const char *key, int line, int col, struct nv_value *value);
/* Set key to value, freeing any previous value of that key. */
void nv_map_set(struct nv_value *map, const char *key, struct nv_value *value);

/*
 * The copy of key (keylen bytes) that maps share when it is one of the
 * keys of the schema, the data files and the templates, or NULL. A map
 * made by nv_map_add() points its member's key to that copy, so the
 * member of such a key is found by comparing addresses: a member whose
 * key is another shared copy has another key.
 */
const char *nv_key_shared(const char *key, size_t keylen);

/* The member with this key, or NULL. map may be NULL or not a map. */
struct nv_member *nv_map_member(const struct nv_value *map, const char *key, size_t keylen);
/* The value of key (NUL-terminated), or NULL when absent. */
struct nv_value *nv_map_get(const struct nv_value *map, const char *key);
/* The string value of key, or NULL when absent or not a scalar. */
const char *nv_map_get_str(const struct nv_value *map, const char *key);

/*
 * d as printf's "%.15g" writes it, into buf (NV_NUMBER_TEXT bytes):
 * whole numbers of up to 15 digits without printf. Returns the length.
 */
#define NV_NUMBER_TEXT 32
size_t nv_number_text(char *buf, double d);

/* True for strings, numbers and booleans. */
bool nv_value_is_scalar(const struct nv_value *v);

/*
 * The Russian name of a type for messages, in the nominative case:
 * "строка", "число", "список", "набор полей", …
 */
const char *nv_type_name(enum nv_type type);

/*
 * Append a compact, deterministic JSON rendering of v to out (for tests
 * and debugging). Keys keep their order.
 */
void nv_value_dump(struct nv_buf *out, const struct nv_value *v);

#endif
