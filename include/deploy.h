/*
 * deploy.h: publishing a built site (OUT/site) to the school's hosting —
 * `nastavnik deploy`. The target is site.yml's `deploy:` URL: sftp://,
 * ftp://, ftps://, http(s):// (WebDAV) or file:// (a mounted share), all
 * with the same behaviour.
 *
 * Only what changed is sent. The server keeps a manifest,
 * TARGET/.nastavnik-deploy-manifest, a text file:
 *
 *   nastavnik-deploy 1
 *   HEX SIZE PATH        (one line per file: its content hash and size)
 *   end                  (a manifest cut short has no "end": it is ignored)
 *
 * A deploy reads it, compares it with the files of OUT/site and sends, in
 * this order, the assets (styles, scripts, images, attachments), the
 * pages, the index pages and feeds that link to them; then removes the
 * files that are gone, and writes the manifest last. The manifest is
 * also written after each of these batches and every few seconds within
 * one, and only ever lists files that arrived: a deploy cut short is
 * continued by the next one, which does not send again what arrived.
 *
 * Credentials come from the environment only (NASTAVNIK_DEPLOY_USER,
 * NASTAVNIK_DEPLOY_PASSWORD, NASTAVNIK_DEPLOY_KEY for SFTP) or ~/.netrc.
 */
#ifndef NV_DEPLOY_H
#define NV_DEPLOY_H

#include "common.h"

#include <stdint.h>

struct nv_buf;
struct nv_deploy_guard;
struct nv_model;
struct nv_diags;

#define NV_DEPLOY_MANIFEST ".nastavnik-deploy-manifest"

/* Where a file goes in the order of a deploy. */
enum nv_deploy_class {
	NV_DEPLOY_ASSET, /* styles, scripts, images, attachments, calendars */
	NV_DEPLOY_PAGE,	 /* an .html page */
	NV_DEPLOY_INDEX, /* index.html of a folder, sitemap.xml, feeds, the search index */
};

struct nv_deploy_file {
	char *path;    /* relative to the site folder: "orders/o-vnedrenii.html" */
	char hash[33]; /* of the content, hex */
	uint64_t size;
};

/* A list of files, sorted by path once read or scanned. */
struct nv_deploy_list {
	struct nv_deploy_file *v;
	size_t nr, alloc;
};

/* What a deploy does: send, in order, then remove; the rest is unchanged. */
struct nv_deploy_plan {
	struct nv_deploy_list send;   /* in the order of sending (assets, pages, index) */
	struct nv_deploy_list remove; /* sorted by path */
	size_t unchanged;
	uint64_t bytes; /* the sizes of send */
};

/* The class of path (relative to the site folder). */
enum nv_deploy_class nv_deploy_class(const char *path);

/* Add a file (path copied). */
void nv_deploy_list_add(struct nv_deploy_list *l, const char *path, const char *hash,
			uint64_t size);
/* Sort by path. */
void nv_deploy_list_sort(struct nv_deploy_list *l);
/* The file at path in a sorted list, or NULL. */
struct nv_deploy_file *nv_deploy_list_find(const struct nv_deploy_list *l, const char *path);
/* Free what l holds; l is zeroed. */
void nv_deploy_list_release(struct nv_deploy_list *l);

/*
 * Read a manifest (text, len bytes) into out, sorted. Returns -1 (out
 * empty) when the text is not a whole manifest: cut short, another
 * format, or a path that leaves the site folder.
 */
int nv_deploy_manifest_parse(const char *text, size_t len, struct nv_deploy_list *out);
/* Write the manifest of l (sorted) to out. */
void nv_deploy_manifest_format(const struct nv_deploy_list *l, struct nv_buf *out);

/*
 * The files of the site folder dir with their hashes and sizes, sorted;
 * names starting with "." are left out. Each is read by guard too when
 * it is not NULL. Returns -1 with errors in d, counting in *refused the
 * files the guard refused (each has its error).
 */
int nv_deploy_scan(const char *dir, struct nv_deploy_guard *guard, struct nv_deploy_list *out,
		   size_t *refused, struct nv_diags *d);

/*
 * The lock at the door (deploy_guard.c): every file of the built site is
 * read again before deploy sends anything, with the people of now — a
 * consent withdrawn since the build, a file put into the folder or
 * changed there after it. Its name, a text format's text and an
 * attachment's text (nv_html_text_format(), nv_model_attachment_text())
 * are read as the build's last lock read them (an attachment of content/
 * and a theme's asset by their text); any other PDF must be one the
 * build published (in OUT/site's manifest, or the справка) with the
 * bytes of its printed copy in OUT/print; any other file is not the
 * build's and is refused.
 * m's people are the ones read; out is the output folder ("output"),
 * shown the site folder as messages name it. Free with
 * nv_deploy_guard_free() (accepts NULL).
 */
struct nv_deploy_guard *nv_deploy_guard_new(const struct nv_model *m, const char *out,
					    const char *shown);
/* Read the file rel of the site (its bytes in data): false with an error in d. */
bool nv_deploy_guard_file(struct nv_deploy_guard *dg, const char *rel, const struct nv_buf *data,
			  struct nv_diags *d);
void nv_deploy_guard_free(struct nv_deploy_guard *dg);

/*
 * Compare the local files with the remote manifest (both sorted): what to
 * send (in the order of sending), what to remove, how many are unchanged.
 * p is filled from zero; release it with nv_deploy_plan_release().
 */
void nv_deploy_diff(const struct nv_deploy_list *local, const struct nv_deploy_list *remote,
		    struct nv_deploy_plan *p);
void nv_deploy_plan_release(struct nv_deploy_plan *p);

/* The URL as it may be shown: without a password, if one was given. Caller frees. */
char *nv_deploy_url_shown(const char *url);

/* The folder on this computer a file:// URL names, decoded; NULL for any other. Caller frees. */
char *nv_deploy_folder(const char *url);

struct nv_deploy_opts {
	const char *site; /* the built site folder: "output/site" */
	const char *url;  /* site.yml's deploy: */
	bool dry_run;	  /* only read the remote manifest and plan */
	/* Reads every file before anything is sent (NULL: none; nv_deploy_guard_new()). */
	struct nv_deploy_guard *guard;
	/* Called before each transfer (may be NULL): done of total, and the path. */
	void (*progress)(void *ctx, size_t done, size_t total, const char *path);
	void *ctx;
};

struct nv_deploy_result {
	struct nv_deploy_plan plan; /* what was to be done */
	size_t refused;		    /* files the guard refused: then nothing was sent */
	size_t sent, removed;	    /* what was done */
	uint64_t bytes;		    /* sent */
	double seconds;
};

/*
 * Publish o->site to o->url (see the top of this file). Fills r (release
 * with nv_deploy_result_release()) even on failure: what was done until
 * then. Returns 0, or -1 with the error in d (the URL shown without a
 * password, a Russian message and a hint).
 */
int nv_deploy(const struct nv_deploy_opts *o, struct nv_deploy_result *r, struct nv_diags *d);
void nv_deploy_result_release(struct nv_deploy_result *r);

#endif
