/*
 * build_cache.h: what changed since the last build — the keys of a
 * build's inputs, the manifest that records them in the output folder,
 * and the decisions taken from them. Keys in, decisions out: nothing
 * here renders or writes an output.
 *
 * Three levels, cheapest first:
 *  - the fingerprint: every file of the theme, the overrides and content/
 *    by name and stamp (fs.h), read from the file system alone; when it
 *    equals the last build's, nothing changed and nothing is read;
 *  - the global key: program, options, theme, data files, attachments
 *    and every document's name and front matter; every output depends
 *    on it;
 *  - one key per document: the global key, its text and its appendices'
 *    texts; a document's own outputs (page, calendar, PDFs) depend on it.
 *
 * Each output tree holds the manifest of what is in it, written into the
 * staging folder before the swap, so it is swapped in with the outputs
 * it describes: OUT/site/.nastavnik-manifest (the records "site/…") and,
 * when PDFs are made, OUT/print/.nastavnik-manifest (the records
 * "print/…"). Each is a text file:
 *
 *   nastavnik-manifest 5
 *   fingerprint HEX      (empty when it proves nothing)
 *   global HEX           (the global key)
 *   warnings N           (of the build that wrote it)
 *   tree ID              (the folder it is in: nv_outdir_id())
 *   title TEXT           (the section title, for the message)
 *   HEX PATH             (one line per output of a document: its key)
 *
 * Every other output (lists, home page, feed, assets …) depends on the
 * global key alone. Version 5 trees are sealed after their commit
 * (nv_outdir_seal()): a build takes one as its start only while nothing
 * in it changed since (nv_outdir_touched()).
 */
#ifndef NV_BUILD_CACHE_H
#define NV_BUILD_CACHE_H

#include "common.h"

#include "buf.h"
#include "fs.h"

#define NV_MANIFEST ".nastavnik-manifest"

struct nv_content;
struct nv_entry;
struct nv_model;
struct nv_strlist;

struct nv_manifest_record {
	char *path; /* relative to the output folder: "site/orders/o-vnedrenii.html" */
	char key[33];
};

struct nv_manifest {
	char fingerprint[33], global[33]; /* hex, or "" when it proves nothing */
	char *title;
	size_t warnings;		   /* of the build that wrote it */
	char tree[NV_OUTDIR_ID_MAX];	   /* the folder of the site's manifest (fs.h) */
	char print_tree[NV_OUTDIR_ID_MAX]; /* and of the print folder's, read with PDFs */
	struct nv_manifest_record *v;	   /* sorted by path once read or updated */
	size_t nr, alloc;
};

/* The options of a build that its outputs depend on. */
struct nv_cache_opts {
	const char *base_url;
	bool drafts, fragment, pdf;
};

/* What a build has to do. */
enum nv_cache_plan {
	NV_PLAN_WHOLE,	   /* build everything in staging folders and swap them in */
	NV_PLAN_SOME,	   /* render only the documents marked in render[] */
	NV_PLAN_UNCHANGED, /* nothing to render */
};

/*
 * The key of what every output depends on besides the content: the
 * program, the options o and the theme (theme, and the project's
 * overrides in ./theme). Returns -1 when it proves nothing: the theme
 * cannot be read or a file of it changed within the last second.
 */
int nv_cache_setup_key(const struct nv_cache_opts *o, const char *theme, struct nv_hash *h);

/*
 * The fingerprint of a build's inputs (setup: nv_cache_setup_key()'s, or
 * NULL when it proved nothing) and the content folder, from the file
 * system alone, into out as hex; "" when it proves nothing.
 */
void nv_cache_fingerprint(const char *content, const struct nv_hash *setup, char out[33]);

/*
 * The same fingerprint, of the content folder c was just loaded from:
 * from the walk the load made and the stamps its reads of the documents
 * took (as they were read, so a document changed since is a change to
 * the next build), with only the other files stat'ed. For a build with
 * no last build to compare with, which has no use for it before.
 */
void nv_cache_fingerprint_loaded(const struct nv_content *c, const struct nv_hash *setup,
				 char out[33]);

/*
 * The global key from setup (NULL: proves nothing) and the loaded
 * content c: data files, attachments by their stamps, every document's
 * name and front matter. Returns -1 when it proves nothing.
 */
int nv_cache_global_key(const struct nv_hash *setup, const struct nv_content *c, struct nv_hash *h);

/* A document's key: the global key g, its text, and its appendices' texts (printed in it). */
struct nv_hash nv_cache_entry_key(struct nv_hash g, const struct nv_entry *e);

/*
 * Append to out the files a document's outputs are, relative to the
 * output folder: its page, its calendar (roadmaps), and, when PDFs are
 * made (pdf), its public PDF beside the page (public_pdf) and its
 * printed PDF.
 */
void nv_cache_entry_outputs(bool pdf, const struct nv_entry *e, bool public_pdf,
			    struct nv_strlist *out);

/*
 * Nothing changed since the last build (old, or NULL when there is
 * none): the fingerprint fp is not empty and equals the old one, and the
 * outputs are in place (in_place).
 */
bool nv_cache_unchanged(const struct nv_manifest *old, const char *fp, bool in_place);

/*
 * Decide a build after the model is built: with the last build's
 * manifest (old, or NULL), this build's global key (hex, "" when it
 * proves nothing), whether the last outputs are in place, and one key
 * per document of m. render[i] (m->nentries of them) is set for the
 * documents to render again and *nchanged to their count (both only for
 * NV_PLAN_SOME; cleared otherwise).
 */
enum nv_cache_plan nv_cache_plan(const struct nv_manifest *old, const char *global, bool in_place,
				 const struct nv_model *m, const struct nv_hash *keys, bool *render,
				 size_t *nchanged);

/*
 * The manifest of the outputs in out: OUT/site's and, with pdf,
 * OUT/print's together, sorted by path; false (m zeroed) if one is
 * missing or unreadable. Where the two disagree on the fingerprint or
 * the global key (the trees come from two builds), that key is empty.
 */
bool nv_manifest_read(const char *out, bool pdf, struct nv_manifest *m);

/*
 * Write the manifest m into dir (a staging tree, before it is swapped
 * in), with the records whose path starts with prefix ("site/",
 * "print/"). Returns -1 with errno on failure.
 */
int nv_manifest_write(const char *dir, const char *prefix, const struct nv_manifest *m);

/* Remove OUT/.nastavnik-manifest, where versions before 3 kept the manifest. */
void nv_manifest_remove_legacy(const char *out);

/* Add a record (path is copied). */
void nv_manifest_add(struct nv_manifest *m, const char *key, const char *path);

/* The key recorded for path, or NULL; m must be sorted. */
const char *nv_manifest_key(const struct nv_manifest *m, const char *path);

/*
 * The new manifest (pdf: PDFs are made): the outputs of the documents rendered now (render[i],
 * or all without render) with their keys, and the old manifest's records
 * of the others. pub (npub of them) are the documents whose PDF is
 * public. Outputs a rendered document had and has no more (a PDF no
 * longer public) go to gone, relative to the output folder.
 */
void nv_manifest_update(bool pdf, const struct nv_model *m, const struct nv_entry *const *pub,
			size_t npub, const bool *render, const struct nv_hash *keys,
			const struct nv_manifest *old, struct nv_manifest *new,
			struct nv_strlist *gone);

/* Free what m holds; m is zeroed. */
void nv_manifest_release(struct nv_manifest *m);

#endif
