/*
 * md_summary.h: what a one-shot build keeps of each parsed Markdown body
 * between builds, so that the next one parses only the bodies that
 * changed.
 *
 * A summary is what the content model reads of a body (markdown.h)
 * without its tree: the links and headings with their positions, the
 * first line and flags, whether it has raw HTML and an ordered list. It
 * is keyed by the
 * document's path and the hash and length of its whole text, and by
 * where its body is in it, so a summary is found only for the very text
 * it was made of.
 *
 * The file is a header (magic, format version, the record count, the
 * identity of the program that wrote it, the payload's length and hash)
 * and the records. Any doubt makes the reader refuse the whole file:
 * another magic, version or program (a rebuilt nastavnik may parse
 * differently), a size or hash that does not match, a record that runs
 * past the end. A refused file costs a parse of every body, nothing else.
 *
 * A record may keep a front matter's tree too (nv_md_summary_meta()):
 * the build keeps those in a file of their own, keyed by the hash of the
 * bytes before the body, so that a body's edit keeps them.
 *
 * A stub (nv_md_summaries_stub()) is a struct nv_md without a tree
 * (root NULL): its headings and links have no node. Whatever needs the
 * tree parses the text again and gives it to the stub with
 * nv_md_adopt_tree(), which keeps every pointer into the stub valid.
 */
#ifndef NV_MD_SUMMARY_H
#define NV_MD_SUMMARY_H

#include "common.h"

#include "buf.h"

struct nv_md;
struct nv_md_summaries;
struct nv_value;

/* The format's version: bump it when a record's layout or meaning changes. */
#define NV_MD_SUMMARY_VERSION 10u

/* What a summary is keyed by: the document and where its body is. */
struct nv_md_summary_key {
	const char *path;    /* "content/orders/o-vnedrenii.md" */
	struct nv_hash hash; /* of the whole text */
	size_t len, body_off, body_len;
	int body_line;
};

/*
 * The identity of the running program (its version and the stamp of its
 * executable): a file written by another program is refused. Computed
 * once; call it first from one thread.
 */
struct nv_hash nv_md_summary_identity(void);

/*
 * Start a file in out (emptied): its header, to be completed by
 * nv_md_summary_end(), with room for as many bytes as the file of `like`
 * (the summaries read by this build, or NULL).
 */
void nv_md_summary_begin(struct nv_buf *out, const struct nv_md_summaries *like);
/*
 * The bytes that keep a front matter (meta, a tree as nv_frontmatter_load()
 * made it: types, positions, texts, keys in order) in a record, into out
 * (emptied).
 */
void nv_md_summary_meta(struct nv_buf *out, const struct nv_value *meta);
/*
 * Append the summary of a body md (with its tree or a stub) to a file
 * begun in out, with the front matter of the same text, its bytes made
 * by nv_md_summary_meta() (NULL or empty: not kept).
 */
void nv_md_summary_add(struct nv_buf *out, const struct nv_md_summary_key *k,
		       const struct nv_md *md, const struct nv_buf *meta);
/* Complete the header: the record count, the payload's length and hash. */
void nv_md_summary_end(struct nv_buf *out);

/*
 * Read a file's bytes (data, len bytes, owned by the result from now on,
 * freed with it; freed at once when refused). NULL when anything is
 * wrong with it (see above), or when `identity` is not the one in the
 * header.
 */
struct nv_md_summaries *nv_md_summaries_parse(char *data, size_t len, struct nv_hash identity);

/* The summaries in file (mapped, else read), as nv_md_summaries_parse() would give them. */
struct nv_md_summaries *nv_md_summaries_read(const char *file, struct nv_hash identity);

/* The number of records of s (0 for NULL). */
size_t nv_md_summaries_count(const struct nv_md_summaries *s);

/*
 * A stub for the body keyed by k (every field must match the record's),
 * or NULL when s has none.
 * Safe from several threads at once. Free with nv_md_free().
 */
struct nv_md *nv_md_summaries_stub(const struct nv_md_summaries *s,
				   const struct nv_md_summary_key *k);

/*
 * The front matter the record for k keeps, as the tree
 * nv_frontmatter_load() made of that very text (no pack, the texts its
 * own); NULL when s has no such record or it keeps none. Safe from
 * several threads at once. Free with nv_value_free().
 */
struct nv_value *nv_md_summaries_meta(const struct nv_md_summaries *s,
				      const struct nv_md_summary_key *k);

/*
 * The same tree with its texts packed, as after nv_value_pack(): the
 * block they lie in goes to *strings (NULL when there are none), the
 * caller's to free after the tree.
 */
struct nv_value *nv_md_summaries_meta_packed(const struct nv_md_summaries *s,
					     const struct nv_md_summary_key *k, char **strings);

/* Whether s holds a record for k. Safe from several threads at once. */
bool nv_md_summaries_has(const struct nv_md_summaries *s, const struct nv_md_summary_key *k);

/*
 * Append to a file begun in out the record s holds for k, as it is: the
 * bytes nv_md_summary_add() would write for the stub it gave. Returns
 * whether it did.
 */
bool nv_md_summary_copy(struct nv_buf *out, const struct nv_md_summaries *s,
			const struct nv_md_summary_key *k);

/* Free s. Accepts NULL. */
void nv_md_summaries_free(struct nv_md_summaries *s);

/*
 * Give the stub the tree of fresh, a parse of the same body: its nodes
 * go to the stub's headings and links, the heading nodes' ids point to
 * the stub's strings, and fresh is freed. Returns 0; or -1, with stub
 * and fresh as they were, when fresh is not the body the stub
 * summarises (another heading, link, position or count).
 */
int nv_md_adopt_tree(struct nv_md *stub, struct nv_md *fresh);

#endif
