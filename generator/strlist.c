/*
 * strlist.c: a growable list of owned strings; see strlist.h.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "strlist.h"

void nv_strlist_add(struct nv_strlist *l, const char *s)
{
	NV_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr++] = nv_xstrdup(s);
}

void nv_strlist_addf(struct nv_strlist *l, const char *fmt, ...)
{
	struct nv_buf b = NV_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	NV_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr++] = nv_buf_detach(&b, NULL);
}

bool nv_strlist_has(const struct nv_strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

int nv_strcmp_ptrs(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void nv_strlist_sort(struct nv_strlist *l)
{
	if (l->nr > 1)
		qsort(l->v, l->nr, sizeof(*l->v), nv_strcmp_ptrs);
}

void nv_strlist_release(struct nv_strlist *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->nr = l->alloc = 0;
}
