/*
 * yaml_load_int.h: the two ways yaml_load.c loads a text, for the loader
 * itself and for the tests and the fuzzer that compare them.
 *
 * nv_yaml_load() first tries nv_yaml_fast(), which reads the shapes front
 * matter is written in without libyaml, and runs libyaml
 * (nv_yaml_load_libyaml()) on whatever it declines. Both build the same
 * tree from a text the fast path takes.
 */
#ifndef NV_YAML_LOAD_INT_H
#define NV_YAML_LOAD_INT_H

#include "common.h"

#include "value.h"
#include "yaml_load.h"

struct nv_buf;

/*
 * The fast path (yaml_fast.c): the tree of text, or NULL when the text is
 * outside the subset it reads, or is one libyaml reports an error in, or
 * exceeds the limits (NULL for the defaults). Declining has no side
 * effect; *why (when why is not NULL) then names the first reason, a
 * static English string, for tests and statistics. The caller frees the
 * tree. With strings not NULL, the scalars' texts are in one block,
 * *strings (NULL when there are none; freed by the caller after the
 * tree), packed as nv_value_pack() leaves them (value.h).
 */
struct nv_value *nv_yaml_fast(const char *text, size_t len, int first_line,
			      const struct nv_yaml_limits *limits, const char **why,
			      char **strings);

/*
 * A tree the fast path builds, then makes with its nodes in one block
 * (value.h: v->block) once it is whole: its nodes in the order they are
 * made (reading order, a collection before what it holds), children by
 * their index; the children of the open collections on a stack (kids),
 * each collection's moved to edges when it closes, and given an array of
 * their number when the tree is finished. Nothing is allocated per node,
 * nor grown; a tree declined costs no free() per node.
 */
struct nv_yaml_kid {
	size_t node;	 /* the child's index */
	const char *key; /* in a map: its key (keylen bytes, in the text) and position */
	size_t keylen;
	int line, col;
};

struct nv_yaml_tree {
	struct nv_value *nodes; /* a closed collection: nr children from edges[alloc] */
	size_t nnodes, anodes;
	struct nv_yaml_kid *kids, *edges;
	size_t nkids, akids, nedges, aedges;
	struct nv_buf *texts; /* packing: the scalars' texts, in the order of their nodes */
};

/* A new node (a collection or a null) at the 1-based line and col: its index. */
size_t nv_yaml_tree_node(struct nv_yaml_tree *t, enum nv_type type, int line, int col);

/* A new scalar as nv_yaml_scalar() makes it: its index. */
size_t nv_yaml_tree_scalar(struct nv_yaml_tree *t, const char *s, size_t n, bool plain, int line,
			   int col);

/* Node as the next child of the innermost open collection; key NULL in a list. */
void nv_yaml_tree_kid(struct nv_yaml_tree *t, size_t node, const char *key, size_t keylen, int line,
		      int col);

/* Whether the open map whose children start at kids[from] has key already. */
bool nv_yaml_tree_has_key(const struct nv_yaml_tree *t, size_t from, const char *key,
			  size_t keylen);

/* Close the collection node, whose children are kids[from] and after. */
void nv_yaml_tree_close(struct nv_yaml_tree *t, size_t node, size_t from);

/*
 * The tree whose root is node 0, in one block the caller frees with
 * nv_value_free(); with t->texts, the texts in one block put in
 * *strings (NULL when there are none), freed by the caller after it.
 */
struct nv_value *nv_yaml_tree_finish(struct nv_yaml_tree *t, char **strings);

/* Free what t holds (the texts of a tree not finished too). */
void nv_yaml_tree_release(struct nv_yaml_tree *t);

/* nv_yaml_load() without its fast path: libyaml for every text. */
struct nv_value *nv_yaml_load_libyaml(const char *file, const char *text, size_t len,
				      int first_line, const struct nv_yaml_limits *limits,
				      struct nv_diags *d);

/* A plain scalar's type under the YAML 1.2 core schema: null, bool, number or string. */
enum nv_type nv_yaml_plain_type(const char *s, size_t n);

/*
 * A scalar as both paths make it: a plain one typed by the core schema
 * (null, bool, number or string), a quoted one a string; the node holds a
 * copy of s (n bytes) and is at the 1-based line and col given. With
 * texts not NULL, the copy is added there, for nv_yaml_pack().
 */
struct nv_value *nv_yaml_scalar(struct nv_buf *texts, const char *s, size_t n, bool plain, int line,
				int col);

/*
 * Append everything of v a loader sets, one node a line: type, position,
 * text (escaped), number, boolean, and each key with its position, in
 * order. Two trees are the same load if their dumps are equal.
 */
void nv_yaml_dump_full(struct nv_buf *out, const struct nv_value *v);

#endif
