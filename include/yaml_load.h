/*
 * yaml_load.h: YAML text → value tree (libyaml), with positions.
 *
 * Scalars are resolved as in YAML 1.2's core schema: a plain `null`, `~`
 * or empty value is null, plain `true`/`false` are booleans, plain
 * integers and decimals are numbers, everything else — and every quoted
 * scalar — is a string. Anchors and aliases are expanded into copies.
 *
 * Hostile input is bounded: nesting deeper than max_depth, more than
 * max_nodes nodes in total (alias expansion included: that is what stops
 * "billion laughs" alias bombs), tabs used for indentation and duplicate
 * keys in a map are errors, each reported at its exact position.
 */
#ifndef NV_YAML_LOAD_H
#define NV_YAML_LOAD_H

#include "common.h"

struct nv_diags;
struct nv_value;

struct nv_yaml_limits {
	size_t max_depth; /* nesting of lists and maps */
	size_t max_nodes; /* nodes in the tree, copies made by aliases included */
};

#define NV_YAML_MAX_DEPTH 64
#define NV_YAML_MAX_NODES 500000

/*
 * The lines of text up to line upto (from 0) that start with a key and a
 * colon with no space after it, «title:О внедрении» (not «https://»),
 * which YAML reads as a plain text: an error at each, after the colon,
 * with the field as it should be. Returns whether there was one. The
 * loader says these instead of libyaml's error a line or more later, at
 * a colon that is right; the front matter read as one text, too
 * (yaml_hints.c).
 */
bool nv_yaml_missing_space(const char *file, int first_line, const char *text, size_t len,
			   size_t upto, struct nv_diags *d);

/*
 * libyaml's error problem (its English words) at line (from 0) of text,
 * said where the mistake is when it is one of typing by hand: a field
 * indented more than the field with a value above it, which that value
 * goes on into («двоеточие в неожиданном месте» at the field), or a
 * field above without its colon, «name Дмитрий» («не найдено двоеточие»
 * at the next one). Returns whether it said one (yaml_hints.c).
 */
bool nv_yaml_misplaced(const char *file, int first_line, const char *text, size_t len,
		       const char *problem, size_t line, struct nv_diags *d);

/*
 * Parse one YAML document. `file` names the source in diagnostics; line 1
 * of `text` is line `first_line` of that file (front matter starts on line
 * 2 of a .md file), so positions point into the user's file. `limits` may
 * be NULL for the defaults above.
 *
 * Returns the root (the caller frees with nv_value_free(); an empty
 * document gives a null node), or NULL after adding at least one error to
 * d. Several errors may be added (tabs, duplicate keys) before giving up.
 */
struct nv_value *nv_yaml_load(const char *file, const char *text, size_t len, int first_line,
			      const struct nv_yaml_limits *limits, struct nv_diags *d);
/*
 * nv_yaml_load(), the scalars' texts in one block when it can: *strings,
 * to free after the tree (they are packed, value.h), or NULL when the
 * texts are the nodes' own.
 */
struct nv_value *nv_yaml_load_packed(const char *file, const char *text, size_t len, int first_line,
				     const struct nv_yaml_limits *limits, char **strings,
				     struct nv_diags *d);

#endif
