/*
 * model_git.h: the revision history of the content as the back ends read
 * it: for each file, the commits that changed it (build_git.h reads them
 * from Git; the website shows them as «Редакции», the sitemap's lastmod
 * and the feed's updated).
 */
#ifndef NV_MODEL_GIT_H
#define NV_MODEL_GIT_H

#include "common.h"
#include "date.h"
#include "strmap.h"

/* One commit that changed a file. */
struct nv_git_rev {
	struct nv_date date; /* the author date, in the author's time zone */
	char *msg;	     /* the first line of the message; NULL when the guard dropped it */
	char id[13];	     /* the abbreviated commit id, for messages */
};

/* The commits that changed one file, newest first. */
struct nv_git_revs {
	char *path; /* the key of the map, owned */
	struct nv_git_rev *v;
	size_t nr, alloc;
};

struct nv_git_history {
	struct nv_strmap *files; /* path as the model names it ("content/orders/x.md") → revs */
	char head[41];		 /* HEAD's commit id, "" without a history */
};

/* The commits that changed path, or NULL (h may be NULL). */
static inline const struct nv_git_revs *nv_git_revs_of(const struct nv_git_history *h,
						       const char *path)
{
	return h && path ? (const struct nv_git_revs *)nv_strmap_get(h->files, path) : NULL;
}

#endif
