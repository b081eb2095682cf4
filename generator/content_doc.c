/*
 * content_doc.c: a document after the load (content.h): its text read
 * again for a check, its tree parsed for a stub or a body the load
 * deferred, and what a load for once frees once nothing reads it.
 */
#include "common.h"

#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "content_int.h"
#include "diag.h"
#include "fs.h"
#include "markdown.h"
#include "md_summary.h"
#include "threads.h"
#include "value.h"

const char *nv_content_doc_text(struct nv_doc *doc, struct nv_diags *d)
{
	return nv_content_doc_text_at(doc, NULL, d);
}

/*
 * Read doc's file again into buf, which must hold the text loaded (its
 * size and hash); else -1, said in d (nothing when d is NULL) and
 * remembered (doc->lost) when said.
 */
static int reread(struct nv_doc *doc, int *top, struct nv_buf *buf, struct nv_diags *d)
{
	struct nv_diags quiet = NV_DIAGS_INIT;
	const char *rel = doc->path + doc->root_len + 1;
	struct stat st;
	bool fresh;
	char *root;

	if (top && *top < 0) {
		root = nv_xmemdupz(doc->path, doc->root_len);
		*top = open(root, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
		free(root);
	}
	/*
	 * The same size, and the same times and inode as when it was read
	 * (then already older than a second, so a change since would show in
	 * them, nv_file_stamp()): the same text, not hashed again.
	 */
	if (top && *top >= 0 && doc->read_old && nv_reread_at(*top, rel, doc->len, buf, &st) == 0) {
		if (nv_hash_eq(nv_file_stamp(&st, &fresh), doc->read_stamp))
			return 0;
	} else if (nv_content_read_source(doc->path, rel, top ? *top : -1, buf, NULL,
					  d ? d : &quiet) < 0) {
		/* Said once: a document that cannot be read again is not tried again. */
		nv_diags_release(&quiet);
		doc->lost = d != NULL;
		return -1;
	}
	/* The hash tells an edit made while the build runs from the text parsed. */
	if (buf->len != doc->len ||
	    !nv_hash_eq(nv_content_hash_text(doc, buf->ptr, NULL), doc->hash)) {
		if (d)
			nv_diag_hint(nv_error(d, doc->path, 0, 0, "файл изменился во время сборки"),
				     "дождитесь, пока файл будет сохранён, и запустите "
				     "сборку ещё раз");
		doc->lost = d != NULL;
		nv_buf_release(buf);
		return -1;
	}
	return 0;
}

const char *nv_content_doc_text_at(struct nv_doc *doc, int *top, struct nv_diags *d)
{
	struct nv_buf buf = NV_BUF_INIT;

	if (doc->text || !doc->once || doc->lost)
		return doc->text;
	if (reread(doc, top, &buf, d) < 0)
		return NULL;
	doc->text = nv_buf_detach(&buf, NULL);
	return doc->text;
}

int nv_content_doc_tree(struct nv_doc *doc, int *top, struct nv_diags *d)
{
	struct nv_diags local = NV_DIAGS_INIT;
	struct nv_buf buf = NV_BUF_INIT;
	const char *text = doc->text;
	struct nv_md *fresh;
	bool clean;

	if (!doc->md || doc->md->root)
		return 0;
	if (!text) {
		if (doc->lost || reread(doc, top, &buf, d) < 0)
			return -1;
		text = buf.ptr;
	}
	fresh = nv_md_parse_file(text + doc->split.body_off, doc->split.body_len,
				 doc->split.body_line, NV_MD_CHECKED, doc->path, &local);
	nv_buf_release(&buf);
	clean = !local.nr;
	nv_diags_merge(d, &local);
	if (clean && nv_md_adopt_tree(doc->md, fresh) == 0)
		return 0;
	nv_md_free(fresh);
	nv_diag_hint(nv_error(d, doc->path, doc->split.body_line, 1,
			      "разбор текста документа не совпал с сохранённым при прошлой сборке"),
		     "удалите файл .nastavnik-bodies в папке сборки и запустите сборку ещё раз");
	return -1;
}

int nv_content_doc_body(struct nv_doc *doc, int *top, struct nv_buf *buf, struct nv_diags *d)
{
	if (doc->md)
		return nv_content_doc_tree(doc, top, d);
	nv_buf_reset(buf);
	if (doc->lost || reread(doc, top, buf, d) < 0)
		return -1;
	/* Rendered and dropped (nv_content_doc_drop()) before the next is read. */
	nv_content_parse_body(doc, buf->ptr, NV_MD_BRIEF, d);
	doc->text = buf->ptr;
	doc->held = true;
	return 0;
}

void nv_content_doc_body_done(struct nv_doc *doc)
{
	if (!doc->held)
		return;
	doc->text = NULL;
	doc->held = false;
}

struct tree_job {
	struct nv_doc *const *docs;
	struct nv_share share;
	bool failed;
	struct nv_diags d;
};

static void *tree_thread(void *arg)
{
	struct tree_job *j = arg;
	int top = -1; /* the content folder, opened at the first read */
	size_t i;

	while (nv_share_next(&j->share, &i))
		if (nv_content_doc_tree(j->docs[i], &top, &j->d) < 0)
			j->failed = true;
	if (top >= 0)
		close(top);
	return NULL;
}

int nv_content_trees(struct nv_doc *const *docs, size_t n, int jobs, struct nv_diags *d)
{
	size_t t, nthreads = nv_thread_count(jobs, n);
	struct tree_job *j = nv_xcalloc(nthreads + 1, sizeof(*j));
	struct nv_work work = NV_WORK_INIT(n);
	int rc = 0;

	for (t = 0; t < nthreads; t++) {
		j[t].docs = docs;
		j[t].share.w = &work;
		j[t].d = (struct nv_diags)NV_DIAGS_INIT;
	}
	nv_run_threads(tree_thread, j, nthreads, sizeof(*j));
	for (t = 0; t < nthreads; t++) {
		nv_diags_merge(d, &j[t].d);
		if (j[t].failed)
			rc = -1;
	}
	free(j);
	return rc;
}

void nv_content_doc_text_done(struct nv_doc *doc)
{
	if (!doc->once || doc->held)
		return;
	free(doc->text);
	doc->text = NULL;
}

/* Free the tree of doc's front matter: the model's strings point into it, its texts stay. */
static void drop_front_of(struct nv_doc *doc)
{
	size_t alloc = 0;

	nv_value_strip(doc->meta, &doc->kept, &doc->nkept, &alloc);
	doc->meta = NULL;
	if (alloc > doc->nkept)
		doc->kept = nv_xrealloc(doc->kept, doc->nkept * sizeof(*doc->kept));
}

/* Free doc's text and its front matter's tree. */
static void drop_text_of(struct nv_doc *doc)
{
	if (!doc->held)
		free(doc->text);
	doc->text = NULL;
	doc->held = false;
	doc->once = false;
	doc->reusable = false;
	drop_front_of(doc);
}

/* nv_content_drop_texts() for the document at i, on one of the threads. */
static void drop_text(void *arg, size_t i)
{
	drop_text_of(((struct nv_content *)arg)->docs[i]);
}

/* nv_content_drop_fronts() for the document at i, on one of the threads. */
static void drop_front(void *arg, size_t i)
{
	drop_front_of(((struct nv_content *)arg)->docs[i]);
}

void nv_content_doc_drop(struct nv_doc *doc)
{
	nv_md_drop_tree(doc->md);
	drop_text_of(doc);
}

void nv_content_drop_texts(struct nv_content *c, int jobs)
{
	nv_run_each(c->ndocs, jobs, drop_text, c);
}

void nv_content_drop_fronts(struct nv_content *c, int jobs)
{
	nv_run_each(c->ndocs, jobs, drop_front, c);
}
