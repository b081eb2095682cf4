/*
 * md_mem.c: the memory of the Markdown trees; see md_mem.h.
 */
#include "common.h"

#include "alloc.h"
#include "md_mem.h"

struct md_block {
	struct md_block *next;
	size_t used, cap;
	max_align_t data[];
};

struct nv_md_arena {
	struct md_block *head; /* the block pieces are cut from; older ones after it */
	size_t next_cap;       /* the room of the next block */
};

struct md_piece {
	struct nv_md_arena *arena; /* NULL: malloc'd */
	size_t size;
};

#define MD_BLOCK_MAX ((size_t)1 << 20)

/* AddressSanitizer watches pieces malloc'd one by one, not pieces of a block. */
#ifdef NV_ASAN
#define MD_ARENAS false
#else
#define MD_ARENAS true
#endif

/* The arena of the tree this thread parses, NULL outside a parse (nv_md_arena_use()). */
static _Thread_local struct nv_md_arena *tree_parsing;

/* Pieces' sizes with the piece before them, rounded to keep data aligned. */
static size_t piece_room(size_t size)
{
	size_t a = _Alignof(max_align_t);

	return (nv_st_add(size, sizeof(struct md_piece) + a - 1)) & ~(a - 1);
}

/* A piece of size bytes of a (not zeroed). */
static void *arena_cut(struct nv_md_arena *a, size_t size)
{
	size_t need = piece_room(size), cap;
	struct md_block *b = a->head;
	struct md_piece *p;

	if (!b || b->cap - b->used < need) {
		cap = need > a->next_cap ? need : a->next_cap;
		b = nv_xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		/* A piece larger than a block gets its own, behind the one in use. */
		if (need > a->next_cap && a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
			if (a->next_cap < MD_BLOCK_MAX)
				a->next_cap *= 2;
		}
	}
	p = (struct md_piece *)(void *)((char *)b->data + b->used);
	b->used += need;
	p->arena = a;
	p->size = size;
	return p + 1;
}

/* A piece of size bytes for the tree being parsed, else malloc'd. */
static void *piece_new(size_t size)
{
	struct md_piece *p;

	if (tree_parsing)
		return arena_cut(tree_parsing, size);
	p = nv_xmalloc(nv_st_add(size, sizeof(*p)));
	p->arena = NULL;
	p->size = size;
	return p + 1;
}

static void *piece_calloc(size_t nr, size_t size)
{
	size_t n = nv_st_mult(nr, size);

	return memset(piece_new(n), 0, n);
}

static void *piece_realloc(void *ptr, size_t size)
{
	struct md_piece *p, *q;
	struct md_block *b;
	size_t had, want;

	if (!ptr)
		return piece_new(size);
	p = (struct md_piece *)ptr - 1;
	if (!p->arena) {
		p = nv_xrealloc(p, nv_st_add(size, sizeof(*p)));
		p->size = size;
		return p + 1;
	}
	if (size <= p->size)
		return ptr;
	/* The last piece of the block in use grows where it is, when there is room. */
	b = p->arena->head;
	had = piece_room(p->size);
	want = piece_room(size);
	if ((char *)p + had == (char *)b->data + b->used && want - had <= b->cap - b->used) {
		b->used += want - had;
		p->size = size;
		return ptr;
	}
	q = (struct md_piece *)arena_cut(p->arena, size) - 1;
	memcpy(q + 1, ptr, p->size);
	return q + 1;
}

static void piece_free(void *ptr)
{
	if (ptr && !((struct md_piece *)ptr - 1)->arena)
		free((struct md_piece *)ptr - 1);
}

cmark_mem nv_md_cmark_mem = { piece_calloc, piece_realloc, piece_free };

struct nv_md_arena *nv_md_arena_new(size_t len)
{
	struct nv_md_arena *a;

	if (!MD_ARENAS)
		return NULL;
	a = nv_xcalloc(1, sizeof(*a));
	/* a first block about the size of what the parse asks for */
	a->next_cap = len < MD_BLOCK_MAX / 8 ? 2048 + 8 * len : MD_BLOCK_MAX;
	return a;
}

struct nv_md_arena *nv_md_arena_use(struct nv_md_arena *a)
{
	struct nv_md_arena *was = tree_parsing;

	tree_parsing = a;
	return was;
}

void nv_md_arena_free(struct nv_md_arena *a)
{
	struct md_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}
