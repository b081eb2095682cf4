/*
 * md_mem.h: the memory of the Markdown trees, cmark's allocator.
 *
 * Every node of every tree goes through nv_md_cmark_mem, as cmark frees
 * a tree's nodes through its root's allocator: a node put in a tree must
 * have it, and what cmark makes of a tree (cmark_render_*()) is freed
 * with its free. It allocates through the project's allocator (alloc.h),
 * so out of memory is handled once.
 *
 * A tree dropped soon after it is read (NV_MD_BRIEF, markdown.h) has an
 * arena: the pieces asked for while it is parsed are cut from blocks the
 * arena owns and freed with it, not malloc'd and freed one by one (a
 * realistic body is ~60 pieces a KB). A piece freed there stays until
 * the arena goes: its blocks hold ~5 bytes a byte of text, the tree ~2.
 * Each piece has its arena and size before it, so cmark grows and frees
 * it whatever tree is being parsed then. A piece asked for outside such
 * a parse (a literal set later, another tree) is malloc'd.
 */
#ifndef NV_MD_MEM_H
#define NV_MD_MEM_H

#include "common.h"

#include <cmark.h>

extern cmark_mem nv_md_cmark_mem;

struct nv_md_arena;

/*
 * A new arena for the tree of len bytes of Markdown; NULL when built
 * with AddressSanitizer, which watches pieces malloc'd one by one.
 */
struct nv_md_arena *nv_md_arena_new(size_t len);

/* Free a's blocks and a, when the tree is freed. Accepts NULL. */
void nv_md_arena_free(struct nv_md_arena *a);

/*
 * The arena the pieces the calling thread asks for from now on are cut
 * from (NULL: malloc'd); returns the one it replaces, to be put back.
 */
struct nv_md_arena *nv_md_arena_use(struct nv_md_arena *a);

#endif
