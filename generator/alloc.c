/* alloc.c: allocation wrappers that never return NULL; see alloc.h. */
#include "common.h"

#include <pthread.h>

#include "alloc.h"

#if !defined(NV_ASAN) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define NV_HAVE_VALGRIND_H 1
#endif
#endif

/* The blocks nv_thread_block() gave a thread, freed by the key's destructor when it ends. */
#define THREAD_BLOCKS 8

struct thread_blocks {
	void *v[THREAD_BLOCKS];
	size_t n;
};

static pthread_key_t blocks_key;
static pthread_once_t blocks_once = PTHREAD_ONCE_INIT;
static bool blocks_ok;

static void free_blocks(void *p)
{
	struct thread_blocks *b = p;
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->v[i]);
	free(b);
}

static void make_blocks_key(void)
{
	blocks_ok = pthread_key_create(&blocks_key, free_blocks) == 0;
}

void *nv_thread_block_make(void **slot, size_t size)
{
	struct thread_blocks *b;

	*slot = nv_xcalloc(1, size);
	pthread_once(&blocks_once, make_blocks_key);
	if (!blocks_ok)
		return *slot; /* kept to the exit, as a _Thread_local array would be */
	b = pthread_getspecific(blocks_key);
	if (!b) {
		b = nv_xcalloc(1, sizeof(*b));
		if (pthread_setspecific(blocks_key, b) != 0) {
			free(b);
			return *slot;
		}
	}
	if (b->n < THREAD_BLOCKS)
		b->v[b->n++] = *slot;
	return *slot;
}

NV_NORETURN static void default_oom(size_t size)
{
	fprintf(stderr, "nastavnik: недостаточно памяти (не удалось выделить %zu байт)\n", size);
	abort();
}

static void (*oom_hook)(size_t) = default_oom;

void nv_set_oom_hook(void (*hook)(size_t size))
{
	oom_hook = hook ? hook : default_oom;
}

NV_NORETURN static void oom(size_t size)
{
	oom_hook(size);
	abort(); /* a hook must not return */
}

size_t nv_st_mult(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		oom(SIZE_MAX);
	return a * b;
}

size_t nv_st_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		oom(SIZE_MAX);
	return a + b;
}

void *nv_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *nv_xcalloc(size_t nr, size_t size)
{
	void *p;
	nv_st_mult(nr, size);
	p = calloc(nr ? nr : 1, size ? size : 1);
	if (!p)
		oom(nr * size);
	return p;
}

void *nv_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *nv_xmemdupz(const void *s, size_t n)
{
	char *p;
	if (n == SIZE_MAX)
		oom(n);
	p = nv_xmalloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *nv_xstrdup(const char *s)
{
	return nv_xmemdupz(s, strlen(s));
}

char *nv_xasprintf_v(const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	char *p;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		oom(0);
	p = nv_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *nv_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = nv_xasprintf_v(fmt, ap);
	va_end(ap);
	return p;
}

bool nv_leak_checked(void)
{
#ifdef NV_ASAN
	return true;
#else
	const char *pre = getenv("LD_PRELOAD"); /* valgrind preloads its vgpreload_*.so */

#ifdef NV_HAVE_VALGRIND_H
	if (RUNNING_ON_VALGRIND)
		return true;
#endif
	return pre && strstr(pre, "vgpreload");
#endif
}
