/*
 * strlist.h: a growable list of owned strings (file names, paths), in the
 * order they were added.
 */
#ifndef NV_STRLIST_H
#define NV_STRLIST_H

#include "common.h"

struct nv_strlist {
	char **v;
	size_t nr, alloc;
};

#define NV_STRLIST_INIT    \
	{                  \
		NULL, 0, 0 \
	}
/* Append a copy of s. */
void nv_strlist_add(struct nv_strlist *l, const char *s);
/* Add a string made as printf() makes it. */
void nv_strlist_addf(struct nv_strlist *l, const char *fmt, ...) NV_PRINTF(2, 3);
/* True if l holds the string s. */
bool nv_strlist_has(const struct nv_strlist *l, const char *s);
/* qsort()'s comparison of two strings of an array of them (char *), bytewise. */
int nv_strcmp_ptrs(const void *a, const void *b);
/* Sort l bytewise. */
void nv_strlist_sort(struct nv_strlist *l);
/* Free the strings and the array; l is empty afterwards. */
void nv_strlist_release(struct nv_strlist *l);

#endif
