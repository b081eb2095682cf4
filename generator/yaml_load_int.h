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
 * The block of the texts that nv_yaml_scalar() added to texts for v's
 * scalars (NULL when there are none), each scalar then pointed into it.
 */
char *nv_yaml_pack(struct nv_value *v, struct nv_buf *texts);

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
