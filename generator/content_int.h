/*
 * content_int.h: what the load (content.c) shares with the handling of a
 * document after it (content_doc.c); private to generator/content*.c.
 */
#ifndef NV_CONTENT_INT_H
#define NV_CONTENT_INT_H

#include "common.h"

#include <sys/stat.h>

#include "buf.h"

struct nv_diags;
struct nv_doc;

/*
 * Read path (root/rel) into buf, following no link below root (rootfd if
 * it is open, else -1); on failure add a diagnostic and return -1. With
 * rootfd open and `read` not NULL, what fstat() said of the file before
 * it was read goes there.
 */
int nv_content_read_source(const char *path, const char *rel, int rootfd, struct nv_buf *buf,
			   struct stat *read, struct nv_diags *d);

/*
 * The hash of text (doc's, or the same file read again) in one pass: of
 * the bytes before the body (the front matter's), then of the body added.
 */
struct nv_hash nv_content_hash_text(const struct nv_doc *doc, const char *text,
				    struct nv_hash *meta);

/*
 * doc->md: the body of text (doc's whole text, or the same read again)
 * parsed with flags (NV_MD_*) and NV_MD_CHECKED, its mistakes added to d;
 * body_clean when there were none.
 */
void nv_content_parse_body(struct nv_doc *doc, const char *text, unsigned flags,
			   struct nv_diags *d);

#endif
