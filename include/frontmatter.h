/*
 * frontmatter.h: splitting a Markdown file into YAML front matter and
 * body, and loading the front matter into a value tree.
 *
 *   ---            <- first line (after an optional UTF-8 BOM)
 *   title: …       <- YAML, positions reported in the file's own lines
 *   ---            <- closing line ("..." is accepted too)
 *   Markdown body
 *
 * CRLF line ends are accepted. A file whose first line is not "---" has no
 * front matter: the whole file is the body.
 */
#ifndef NV_FRONTMATTER_H
#define NV_FRONTMATTER_H

#include "common.h"

struct nv_diags;
struct nv_value;

/* Files larger than this are refused before parsing. */
#define NV_MAX_FILE_SIZE ((size_t)4 << 20)
/*
 * Front matter is a few dozen fields; data files (people.yml) may be
 * large and get the YAML loader's default limit instead.
 */
#define NV_FRONTMATTER_MAX_NODES 50000

struct nv_split {
	bool has_meta;
	size_t meta_off, meta_len; /* the YAML between the fences */
	int meta_line;		   /* file line of the YAML's first line */
	size_t body_off, body_len; /* the Markdown after the closing fence */
	int body_line;		   /* file line of the body's first line */
};

/*
 * Find the front matter in text (len bytes, a BOM is skipped). Returns 0,
 * or -1 after adding an error to d when the block is opened but never
 * closed.
 */
int nv_frontmatter_split(const char *file, const char *text, size_t len, struct nv_split *out,
			 struct nv_diags *d);

/*
 * Check that text is valid UTF-8 and not larger than NV_MAX_FILE_SIZE.
 * Returns 0, or -1 after adding an error (with the position of the first
 * bad byte) to d.
 */
int nv_text_check(const char *file, const char *text, size_t len, struct nv_diags *d);

/* Add the error for a file of `size` bytes over NV_MAX_FILE_SIZE. */
void nv_file_too_big(const char *file, size_t size, struct nv_diags *d);

/*
 * The whole pipeline for one .md file: check the text, split it, load the
 * YAML and require a map at the top level. On success returns 0, stores
 * the front matter in *meta (an empty map when the file has none; the
 * caller frees) and the split in *split. On failure returns -1 with every
 * error found added to d, and *meta is NULL.
 */
int nv_frontmatter_load(const char *file, const char *text, size_t len, struct nv_split *split,
			struct nv_value **meta, struct nv_diags *d);
/*
 * nv_frontmatter_load(), the texts of *meta's scalars in one block when it
 * can (nv_yaml_load_packed): *strings, freed by the caller after *meta, or
 * NULL when the texts are the nodes' own.
 */
int nv_frontmatter_load_packed(const char *file, const char *text, size_t len,
			       struct nv_split *split, struct nv_value **meta, char **strings,
			       struct nv_diags *d);

#endif
