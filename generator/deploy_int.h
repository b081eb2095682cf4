/*
 * deploy_int.h: the remote side of a deploy (deploy_remote.c) for the
 * driver (deploy.c): one connection to the target, reused for every
 * transfer, with the same four operations on every protocol. Paths are
 * relative to the target folder; each operation is tried a few times
 * when the connection breaks, and a failure adds one Russian error to d
 * naming the URL without a password.
 */
#ifndef NV_DEPLOY_INT_H
#define NV_DEPLOY_INT_H

#include "common.h"

struct nv_buf;
struct nv_diags;
struct dpl_remote;

/* Connect nothing yet: check the URL and take the credentials from the environment. */
struct dpl_remote *dpl_remote_open(const char *url, struct nv_diags *d);
/* Read rel into out: 0, 1 when it is not there, -1 on error. */
int dpl_remote_get(struct dpl_remote *r, const char *rel, struct nv_buf *out, struct nv_diags *d);
/* Write data (len bytes) as rel, creating its folders: 0 or -1. */
int dpl_remote_put(struct dpl_remote *r, const char *rel, const void *data, size_t len,
		   struct nv_diags *d);
/* Remove rel; a file that is not there is removed already: 0 or -1. */
int dpl_remote_delete(struct dpl_remote *r, const char *rel, struct nv_diags *d);
/*
 * Remove the folder rel ("files/big") if it is empty; one that is not
 * (it holds files of someone else) stays. A WebDAV server cannot remove
 * only an empty folder, so there folders stay: 0 or -1.
 */
int dpl_remote_rmdir(struct dpl_remote *r, const char *rel, struct nv_diags *d);
/* Close the connection; accepts NULL. */
void dpl_remote_close(struct dpl_remote *r);

#endif
