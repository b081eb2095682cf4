/*
 * template_int.h: the compiled form of Mustache templates, shared by the
 * compiler (template_compile.c) and the set, loader and renderer
 * (template.c). Private to those two files; everyone else uses template.h.
 */
#ifndef NV_TEMPLATE_INT_H
#define NV_TEMPLATE_INT_H

#include "common.h"

#include "buf.h"
#include "diag.h"
#include "template.h"

/* ---- the compiled form ---------------------------------------------- */

enum node_type {
	N_TEXT,
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK,
};

#define NF_LS	      0x01 /* emit the indentation before this node */
#define NF_ESCAPE     0x02 /* N_VAR: escape HTML */
#define NF_DYNAMIC    0x04 /* N_PARTIAL, N_PARENT: the name is looked up in the context */
#define NF_STANDALONE 0x08 /* partial, parent, block: the tag stood alone on its line */

/*
 * A part of a dotted name, its shared copy when it is a known key
 * (nv_key_shared()) and its bit among a map's key bits (key_bit()).
 */
struct tpart {
	struct nv_slice name;
	const char *shared;
	unsigned bit;
};

/*
 * One of 64 bits for a key of len bytes: a map in the context stack
 * has the bits of its keys, and a name whose bit it lacks is not
 * looked for in it. Made of the length and the first and last bytes.
 */
static inline unsigned key_bit(const char *key, size_t len)
{
	return len ? ((unsigned)len * 7u + (unsigned char)key[0] * 3u +
		      (unsigned char)key[len - 1]) &
			       63u
		   : 0;
}

struct tnode {
	unsigned char type;
	unsigned char flags;
	int line, col;
	size_t end;		    /* index just past the last descendant */
	struct nv_slice text;	    /* N_TEXT: the text; otherwise the name */
	size_t part0, nparts;	    /* the name split at dots; nparts is 0 for "." */
	struct nv_slice indent;	    /* partial, parent, block: see the design note */
	struct nv_template *target; /* static partial or parent */
};

enum tpl_state {
	TS_PENDING, /* source read, not compiled yet */
	TS_OK,
	TS_BROKEN,  /* compile errors, or the file could not be read */
	TS_MISSING, /* no such template */
};

struct nv_template {
	char *name; /* NULL for anonymous templates */
	size_t name_len;
	char *file;
	char *src;
	size_t len;
	enum tpl_state state;
	bool invalid_name;
	char *searched; /* TS_MISSING: where we looked, for the hint */
	struct tnode *nodes;
	size_t nr, alloc;
	struct tpart *parts;
	size_t nparts, aparts;
	unsigned mark;
	int closure; /* 0 unknown, 1 this and everything it includes compiled, -1 not */
	const struct nv_template *broken; /* closure -1: a template with errors */
};

/*
 * The last render of a partial that includes nothing (template.c, memos):
 * its output, the indentation it had, and the values its names found
 * outside it, encoded; a render of the partial whose names find the
 * same values writes the same.
 */
struct memo_look {
	const struct nv_template *t;
	const struct tnode *n;
	size_t end;		       /* where its value's encoding ends in vals */
	const struct nv_value *stable; /* the value, when it is one of the set's stable ones */
};

struct tpl_memo {
	const struct nv_template *t;
	bool off; /* includes something, or its values are big: not kept */
	bool ok;  /* out, ind and looks hold a render */
	struct nv_buf out, ind, vals;
	struct memo_look *looks;
	size_t nlooks, alooks;
	size_t steps; /* nodes the render visited, when counted (under a limit of steps) */
	bool counted;
	size_t nest; /* its deepest nesting, from its start */
};

#define NV_TPL_MEMO_MAX 16384 /* bytes of encoded values a memo keeps at most */

/* v's type and contents all the way down, onto b (until b holds more than max bytes). */
void nv_tpl_encode(struct nv_buf *b, const struct nv_value *v, size_t max);
/* Whether v is what nv_tpl_encode() wrote at *p, before end; *p moves past it. */
bool nv_tpl_same(const struct nv_value *v, const char **p, const char *end);

struct mem_source {
	char *name;
	char *text;
	size_t len;
};

struct nv_tpl_set {
	unsigned flags;
	struct nv_tpl_limits limits;
	char **dirs;
	size_t ndirs, adirs;
	struct mem_source *srcs;
	size_t nsrcs, asrcs;
	struct nv_template **tpls;
	size_t ntpls, atpls;
	struct nv_template **queue;
	size_t nqueue, aqueue;
	unsigned mark;
	struct tpl_memo **memos;
	size_t nmemos, amemos;
	const struct nv_value **stable; /* nv_tpl_set_stable() */
	size_t nstable, astable;
};

/*
 * Find template `name` in the cache or load its source (memory first, then
 * the search directories). Always returns a cache entry: a missing or
 * invalid name is cached as TS_MISSING so it is looked for only once. A
 * file that exists but cannot be read is an error at the referring
 * position (file, line, col) and leaves the entry TS_BROKEN. Found sources
 * are queued for compilation. The entry belongs to the set.
 */
struct nv_template *nv_tpl_load(struct nv_tpl_set *set, const char *name, size_t len,
				struct nv_diags *d, const char *file, int line, int col);

/* Add to diag the hint of why the TS_MISSING template t was not found. */
void nv_tpl_hint_searched(struct nv_diag *diag, const struct nv_template *t);

/*
 * Compile the TS_PENDING template t of set, reporting errors to d; its
 * state becomes TS_OK or TS_BROKEN. Statically named partials and parents
 * are loaded and queued on set, not compiled.
 */
void nv_tpl_compile_pending(struct nv_tpl_set *set, struct nv_template *t, struct nv_diags *d);

/*
 * The memo of partial x in set, made the first time (off when x
 * includes a partial, a parent or a block).
 */
struct tpl_memo *nv_tpl_memo_of(struct nv_tpl_set *set, const struct nv_template *x);
/* Whether v was promised stable (nv_tpl_set_stable()). */
bool nv_tpl_is_stable(const struct nv_tpl_set *set, const struct nv_value *v);
/* Free the memos and the stable values' list. */
void nv_tpl_memos_free(struct nv_tpl_set *set);

#endif
