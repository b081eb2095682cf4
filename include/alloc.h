/*
 * alloc.h: allocation wrappers that never return NULL.
 *
 * On failure they call the out-of-memory hook (by default: print a message
 * in Russian and abort). Every allocation of the project goes through here
 * so that an arena or a counting allocator can be put in later.
 */
#ifndef NV_ALLOC_H
#define NV_ALLOC_H

#include "common.h"

/* NV_ASAN: built with AddressSanitizer, which an arena would hide pieces from. */
#if defined(__SANITIZE_ADDRESS__)
#define NV_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NV_ASAN 1
#endif
#endif

/* Allocate n bytes; the caller frees with free(). Never returns NULL. */
void *nv_xmalloc(size_t n);
/* Allocate nr * size zeroed bytes, checking the product for overflow. */
void *nv_xcalloc(size_t nr, size_t size);
/* Resize p to n bytes (p may be NULL). Never returns NULL. */
void *nv_xrealloc(void *p, size_t n);
/* Copy a NUL-terminated string; the caller frees. */
char *nv_xstrdup(const char *s);
/* Copy n bytes of s and terminate them; the caller frees. */
char *nv_xmemdupz(const void *s, size_t n);
/* Format into a newly allocated string; the caller frees. */
char *nv_xasprintf(const char *fmt, ...) NV_PRINTF(1, 2);
/* The va_list form of nv_xasprintf(). */
char *nv_xasprintf_v(const char *fmt, va_list ap) NV_PRINTF(1, 0);

/*
 * Replace the out-of-memory hook; NULL restores the default. The hook is
 * called with the size that could not be allocated and must not return.
 */
void nv_set_oom_hook(void (*hook)(size_t size));

/*
 * Grow array `x` (with `nr` used and `alloc` allocated elements) so that it
 * holds at least `want` elements. Amortised doubling, as git's ALLOC_GROW.
 */
#define NV_GROW(x, want, alloc)                                                       \
	do {                                                                          \
		if ((size_t)(want) > (alloc)) {                                       \
			size_t nv_grow_n_ = (alloc) < 8 ? 8 : (alloc)*2;              \
			if (nv_grow_n_ < (size_t)(want))                              \
				nv_grow_n_ = (size_t)(want);                          \
			(x) = nv_xrealloc((x), nv_st_mult(nv_grow_n_, sizeof(*(x)))); \
			(alloc) = nv_grow_n_;                                         \
		}                                                                     \
	} while (0)

/*
 * A zeroed block of `size` bytes of the calling thread's own, made the
 * first time the thread asks (through *slot, a _Thread_local pointer)
 * and freed when the thread ends. Large per-thread tables go here, not
 * in _Thread_local arrays: those are zeroed for every thread started,
 * Pango's many included, whether it uses them or not.
 */
static inline void *nv_thread_block(void **slot, size_t size);
/* The block's making, out of line: nv_thread_block() is a load where it exists. */
void *nv_thread_block_make(void **slot, size_t size);

static inline void *nv_thread_block(void **slot, size_t size)
{
	return *slot ? *slot : nv_thread_block_make(slot, size);
}

/*
 * Whether a leak checker watches the process (built with AddressSanitizer,
 * or run under valgrind): a command that would leave its memory to the
 * exit, to save the time of freeing it, frees it all then, so that the
 * checker sees no leak.
 */
bool nv_leak_checked(void);

/* Multiply two sizes, aborting through the OOM hook on overflow. */
size_t nv_st_mult(size_t a, size_t b);
/* Add two sizes, aborting through the OOM hook on overflow. */
size_t nv_st_add(size_t a, size_t b);

#endif
