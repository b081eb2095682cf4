/*
 * diag.h: diagnostics, the messages a user reads when content is wrong.
 *
 * Library code never prints: it appends diagnostics to a struct nv_diags
 * and returns. A command prints the whole list once a stage is done, so a
 * user sees every mistake of the stage in one run. Each diagnostic has a
 * position (file, 1-based line, 1-based column counted in characters;
 * line 0 means "the whole file"), a severity, a message and an optional
 * hint that says how to fix it. Messages and hints are Russian.
 */
#ifndef NV_DIAG_H
#define NV_DIAG_H

#include "common.h"

enum nv_severity {
	NV_ERROR,
	NV_WARNING,
	NV_NOTE,
};

struct nv_diag {
	char *file; /* owned; NULL for messages not tied to a file */
	int line;
	int col;
	enum nv_severity severity;
	char *msg;   /* owned */
	char *hint;  /* owned, may be NULL */
	size_t seq;  /* insertion order, keeps sorting stable */
	bool secret; /* the source line holds a secret (a password): print no excerpt */
};

struct nv_diags {
	struct nv_diag *v;
	size_t nr, alloc;
	size_t errors, warnings;
};

#define NV_DIAGS_INIT            \
	{                        \
		NULL, 0, 0, 0, 0 \
	}

void nv_diags_init(struct nv_diags *d);
/* Free every diagnostic; d is empty and reusable afterwards. */
void nv_diags_release(struct nv_diags *d);
/* Free the diagnostics from the n-th on: d keeps its first n (all when it has fewer). */
void nv_diags_truncate(struct nv_diags *d, size_t n);
/*
 * Keep in d, in their order, the diagnostics keep(g, arg) is true of; the
 * others are freed. Returns how many errors went, and in *warnings (unless
 * NULL) how many warnings.
 */
size_t nv_diags_keep(struct nv_diags *d, bool (*keep)(const struct nv_diag *g, void *arg),
		     void *arg, size_t *warnings);

/*
 * Append a diagnostic and return it (valid until the next append), so the
 * caller can attach a hint with nv_diag_hint(). `file` is copied.
 */
struct nv_diag *nv_diag_add(struct nv_diags *d, enum nv_severity sev, const char *file, int line,
			    int col, const char *fmt, ...) NV_PRINTF(6, 7);
#define nv_error(d, file, line, col, ...) \
	nv_diag_add((d), NV_ERROR, (file), (line), (col), __VA_ARGS__)
#define nv_warning(d, file, line, col, ...) \
	nv_diag_add((d), NV_WARNING, (file), (line), (col), __VA_ARGS__)

/* Set (replace) the hint of a diagnostic. */
void nv_diag_hint(struct nv_diag *diag, const char *fmt, ...) NV_PRINTF(2, 3);

/* Move all diagnostics of src to the end of dst; src is left empty. */
void nv_diags_merge(struct nv_diags *dst, struct nv_diags *src);

/*
 * Name the files of the diagnostics from the from-th on that lie in the
 * folder `under` (and the folder itself) as files of `shown` instead: a
 * staging tree's files by the folder it was to become, since the staging
 * tree is removed.
 */
void nv_diags_rename(struct nv_diags *d, size_t from, const char *under, const char *shown);

/* Sort by file, line and column; equal positions keep their order. */
void nv_diags_sort(struct nv_diags *d);

/*
 * Print every diagnostic to `out` as
 *   nastavnik: FILE:LINE:COL: ошибка: MESSAGE
 *       LINE | source line
 *            |    ^
 *     подсказка: HINT
 * The source line is read from FILE (relative to the current directory);
 * if it cannot be read, the excerpt is left out.
 */
void nv_diags_print(const struct nv_diags *d, FILE *out);

/* A Russian description of an errno value, for messages. */
const char *nv_strerror(int err);

/* Format a size in megabytes the Russian way ("4,2 МБ") into buf. */
const char *nv_megabytes(char *buf, size_t size, size_t bytes);

/* The Russian noun form for n: nv_plural(5, "ошибка", "ошибки", "ошибок"). */
const char *nv_plural(size_t n, const char *one, const char *few, const char *many);

#endif
