/*
 * content.h: loading a content folder into memory.
 *
 * The loader walks content/ in sorted order and reads every file it
 * understands: Markdown documents (*.md: front matter + body) and YAML
 * data files (site.yml, people.yml, pairs.yml and any other *.yml). Other
 * files (attachments in content/files/, images) are listed, not read.
 * Every problem of every file is added to the diagnostics; a file with
 * errors is left out of the result, the rest is kept, so one run reports
 * all mistakes of the folder.
 *
 * Paths in struct nv_doc and in diagnostics are "content/…" relative to
 * the project directory (the current directory of the process).
 *
 * Nothing is read through a symbolic link: a link anywhere below the
 * content folder, or in the project's theme/ and themes/default/ beside
 * it, is an error naming it (the folders themselves may be links), and
 * files are opened link by link with O_NOFOLLOW (nv_read_file_in, fs.h),
 * so a link put there during a load is refused too. A folder that cannot
 * be read is named in its error.
 */
#ifndef NV_CONTENT_H
#define NV_CONTENT_H

#include "common.h"

#include "buf.h"

#include "frontmatter.h"
#include "fs.h"

struct nv_diags;
struct nv_value;
struct nv_md;
struct nv_md_summaries;

/* One Markdown document. */
struct nv_doc {
	char *path;    /* "content/orders/o-vnedrenii.md" */
	char *id;      /* file name without ".md": "o-vnedrenii" */
	char *section; /* first folder below content/ ("orders"), "" at the top */
	char *text;    /* the whole file, owned; NULL in a load for once (see once) */
	size_t len;
	size_t root_len;	  /* path[0, root_len) is the content folder */
	struct nv_split split;	  /* where the front matter and body are in text */
	struct nv_value *meta;	  /* front matter, always a map (see nv_content_drop_texts) */
	char *strings;		  /* the texts of meta's scalars (nv_value_pack) */
	struct nv_md *md;	  /* the parsed body */
	struct nv_hash hash;	  /* of text */
	struct nv_hash meta_hash; /* of the front matter part of text */
	/*
	 * The file's size, times and inode when it was read, and whether it
	 * may be taken over by the next load without reading it again: it
	 * loaded without a diagnostic and was not changed in the last second
	 * before it was read (nv_file_stamp, fs.h).
	 */
	struct nv_hash stamp;
	bool reusable;
	/*
	 * What fstat() said of the file as it was read (nv_file_stamp), and
	 * whether it was older than a second then: a text read again with the
	 * same stamp is the text loaded (nv_content_doc_text_at).
	 */
	struct nv_hash read_stamp;
	bool read_old;
	bool read_known; /* read_stamp was taken (a regular file, read whole) */
	/*
	 * Loaded by nv_content_load_once(): the text was dropped once parsed,
	 * and nv_content_doc_text() reads it again for a check that needs it.
	 */
	bool once;
	bool lost; /* it could not be read again, which was said */
	bool held; /* text is the bytes read by nv_content_doc_body(), not owned */
	/* The texts of meta, kept when its tree was freed (nv_content_drop_texts). */
	char **kept;
	size_t nkept;
	/*
	 * The body parsed without a diagnostic, or came from a summary
	 * (md_summary.h): its summary may be kept for the next build. A body
	 * taken from a summary is a stub, md->root NULL, until
	 * nv_content_doc_tree() parses it.
	 */
	bool body_clean;
	bool meta_clean; /* loaded without a diagnostic, or taken from the kept ones */
	/* The front matter's bytes have a birth date or a СНИЛС (nv_md_next_pd()). */
	bool meta_pd;
	/* The front matter's bytes may have a word of Russian and Latin letters (nv_md_may_mix()).
	 */
	bool meta_mixed;
	/* The front matter's bytes may have a sign model_chars.c warns of (nv_md_glyphs()). */
	bool meta_glyph;
};

/* One YAML data file. */
struct nv_data {
	char *path; /* "content/people.yml" */
	char *name; /* "people" */
	struct nv_value *value;
	struct nv_hash hash;  /* of the file's text */
	struct nv_hash stamp; /* as struct nv_doc's, taken before it was read */
	bool recent;	      /* the stamp was taken within a second of a change */
	bool reusable;
};

/*
 * A document that is no file of the content folder (a form built into
 * the program): text (len bytes, copied) parsed as a file at `path`, which
 * diagnostics name, in folder `section`. NULL, with diagnostics in d, if
 * its front matter is broken. Free with nv_content_doc_free().
 */
struct nv_doc *nv_content_doc_parse(const char *path, const char *section, const char *text,
				    size_t len, struct nv_diags *d);
/* Free a document of nv_content_doc_parse(). Accepts NULL. */
void nv_content_doc_free(struct nv_doc *doc);

struct nv_content {
	char *root; /* the content folder as given, e.g. "content" */
	struct nv_doc **docs;
	size_t ndocs, docs_alloc;
	struct nv_data *data;
	size_t ndata, data_alloc;
	struct nv_strlist assets; /* other files, relative to root */
	/*
	 * Files that could not be loaded (their errors are reported), relative
	 * to root: later stages keep quiet about references into them.
	 */
	struct nv_strlist broken;
	bool once;  /* private: loaded by nv_content_load_once() */
	bool defer; /* private: bodies left unparsed by the load (nv_content_doc_body()) */
	/* private: the summaries of bodies the load took instead of parsing (owned) */
	struct nv_md_summaries *bodies;
	/* private: the front matters the load took instead of loading them (owned) */
	struct nv_md_summaries *fronts;
	/*
	 * The walk the load made of root (fs.h): every file in its order, and
	 * the links, for the build's fingerprint (build_cache.h).
	 */
	struct nv_walk walk;
};

/*
 * Load every file below root into c (which must be zeroed or fresh). Returns
 * 0 when the folder could be walked, -1 when it could not (missing
 * folder, or any folder below it unreadable): then the errors are in d,
 * one per folder. Links and errors in individual files do not make it
 * fail; check d->errors. Release with nv_content_release().
 */
int nv_content_load(struct nv_content *c, const char *root, struct nv_diags *d);

/*
 * The same, parsing the documents on `jobs` threads (from 64 documents
 * on); the result does not depend on the number of threads.
 */
int nv_content_load_jobs(struct nv_content *c, const char *root, int jobs, struct nv_diags *d);

/*
 * The same, for a process that loads once: each document's text is
 * dropped as soon as it is parsed (doc->text is NULL), so that the texts
 * of a large folder are never all in memory beside the parsed trees; the
 * model's checks that read a text get it from nv_content_doc_text(). Its
 * documents are never taken over by a later load.
 */
int nv_content_load_once(struct nv_content *c, const char *root, int jobs, struct nv_diags *d);

/*
 * nv_content_load_once() that takes each body whose summary the file
 * `bodies` (md_summary.h; NULL: none) keeps for the same text as a stub
 * instead of parsing it: doc->md->root is NULL until nv_content_doc_tree();
 * and each front matter the file `fronts` (NULL: none) keeps for the same
 * bytes as that tree, not loaded again. A missing, foreign or damaged file
 * is ignored. Only for a process that loads once and parses every tree it
 * renders (the build of the command line): the result is otherwise the
 * same as nv_content_load_once()'s. With defer, a body neither summary
 * keeps is not parsed either: doc->md is NULL until nv_content_doc_body().
 */
int nv_content_load_bodies(struct nv_content *c, const char *root, int jobs, const char *bodies,
			   const char *fronts, bool defer, struct nv_diags *d);

/*
 * Give doc's body its tree when it is a stub: its text read again (its
 * hash must still be the one loaded) and parsed. 0 when doc->md has its
 * tree; -1 with an error in d when the file cannot be read again or was
 * changed, or its parse is not what the summary said. top: as in
 * nv_content_doc_text_at(), or NULL. One thread at a time per document.
 */
int nv_content_doc_tree(struct nv_doc *doc, int *top, struct nv_diags *d);

/*
 * Give doc its parsed body, whether the load deferred it (its text read
 * again into buf, a thread's room, and parsed, the parse's diagnostics
 * in d) or took a stub (nv_content_doc_tree()); nothing when it has its
 * tree. 0, or -1 with the error in d.
 */
int nv_content_doc_body(struct nv_doc *doc, int *top, struct nv_buf *buf, struct nv_diags *d);
/*
 * A body read and parsed by nv_content_doc_body() leaves its text in
 * doc->text (buf's bytes, which nv_content_doc_text_done() leaves), for
 * the checks: let go of it before buf is used again.
 */
void nv_content_doc_body_done(struct nv_doc *doc);

/*
 * Done with doc in a load for once: its tree (md a stub, md_summary.h),
 * its text and its front matter's tree freed, as
 * nv_content_drop_texts() does for all.
 */
void nv_content_doc_drop(struct nv_doc *doc);

/* nv_content_doc_tree() for n documents on `jobs` threads; -1 if one failed. */
int nv_content_trees(struct nv_doc *const *docs, size_t n, int jobs, struct nv_diags *d);

/*
 * The summaries of c's bodies (md_summary.h) as a file's bytes into out
 * (emptied): every document whose body is clean (see struct nv_doc).
 */
void nv_content_bodies(const struct nv_content *c, struct nv_buf *out);

/*
 * The front matters of c's documents loaded without a diagnostic (their
 * trees, so before nv_content_drop_texts()), as the bytes of the file
 * `fronts` of nv_content_load_bodies() into out (emptied). Returns false,
 * out left alone, when they are the very records that file held: then it
 * need not be written again. The file's records are let go either way.
 */
bool nv_content_fronts(struct nv_content *c, struct nv_buf *out);

/*
 * The same, taking over from prev (an earlier load of the same folder,
 * or NULL) every document whose file has not changed since, instead of
 * reading and parsing it again. Taken documents are removed from prev;
 * the caller releases prev afterwards. The result is the same as a load
 * without prev.
 */
int nv_content_reload(struct nv_content *c, const char *root, int jobs, struct nv_content *prev,
		      struct nv_diags *d);

/*
 * The quick way for a process told which files changed (changed: paths
 * as in struct nv_doc, "content/…"): when each of them is a document of
 * prev, which loaded without errors, and reads without a diagnostic, c
 * takes everything from prev with those documents read again, and 1 is
 * returned. Otherwise 0, with c and prev as they were: reload.
 */
int nv_content_update(struct nv_content *c, struct nv_content *prev,
		      const struct nv_strlist *changed);

/*
 * The text of doc (doc->len bytes and a NUL): doc->text, or, in a load
 * for once, the file read again and kept in doc->text until
 * nv_content_doc_text_done(). NULL, with an error in d (none when d is
 * NULL), when the file can no longer be read or its size is not the
 * size parsed: it was changed while the build ran. Such a file is not
 * read again: later calls return NULL without a word.
 */
const char *nv_content_doc_text(struct nv_doc *doc, struct nv_diags *d);
/*
 * The same for a loop over many documents of one content folder: *top
 * is the folder, opened at the first read when it is -1 (a failure
 * leaves it -1: each read opens it then); the caller closes it.
 */
const char *nv_content_doc_text_at(struct nv_doc *doc, int *top, struct nv_diags *d);

/* Drop the text nv_content_doc_text() read again (a load for once); else nothing. */
void nv_content_doc_text_done(struct nv_doc *doc);

/*
 * Free the text of every document (doc->text becomes NULL) and the tree
 * of its front matter (doc->meta becomes NULL) once nothing reads them
 * any more: a process that loads once, when its model is built. The
 * strings of the tree stay until the content is released, as the
 * model's strings point into them. Such documents cannot be taken over
 * by a later load, and their texts are not read again. The documents
 * are shared among -j jobs threads (threads.h).
 */
void nv_content_drop_texts(struct nv_content *c, int jobs);

/*
 * Free the trees of the front matters alone, as nv_content_drop_texts()
 * does: a load that deferred the bodies, whose steps read no front
 * matter, when its model is built.
 */
void nv_content_drop_fronts(struct nv_content *c, int jobs);

/* The data file with this name ("people"), or NULL. */
const struct nv_data *nv_content_data(const struct nv_content *c, const char *name);

/* True if the file rel (relative to root, "people.yml") failed to load. */
bool nv_content_broken(const struct nv_content *c, const char *rel);

/* Free everything c holds; c is zeroed afterwards. */
void nv_content_release(struct nv_content *c);

#endif
