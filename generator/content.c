/*
 * content.c: loading the content folder; see content.h.
 *
 * Files are independent, so each one is read, checked and parsed on its
 * own; a broken file produces diagnostics and is dropped, never stopping
 * the others.
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
#include "yaml_load.h"

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* See content_int.h. */
int nv_content_read_source(const char *path, const char *rel, int rootfd, struct nv_buf *buf,
			   struct stat *read, struct nv_diags *d)
{
	char *root;
	struct stat st;
	int rc;

	if (rootfd >= 0) {
		rc = nv_read_file_stat(rootfd, rel, NV_MAX_FILE_SIZE, buf, read);
	} else {
		root = nv_xmemdupz(path, strlen(path) - strlen(rel) - 1);
		rc = nv_read_file_in(root, rel, NV_MAX_FILE_SIZE, buf);
		free(root);
	}
	if (rc == 0)
		return 0;
	if (errno == EFBIG && lstat(path, &st) == 0)
		nv_file_too_big(path, (size_t)st.st_size, d);
	else
		nv_error(d, path, 0, 0, "не удалось прочитать файл: %s", nv_strerror(errno));
	return -1;
}

static void doc_free(struct nv_doc *doc)
{
	size_t i;

	if (!doc)
		return;
	free(doc->path);
	free(doc->id);
	free(doc->section);
	free(doc->text);
	nv_value_free(doc->meta);
	free(doc->strings);
	for (i = 0; i < doc->nkept; i++)
		free(doc->kept[i]);
	free(doc->kept);
	nv_md_free(doc->md);
	free(doc);
}

/* What a summary of doc's body is keyed by (md_summary.h). */
static struct nv_md_summary_key key_of(const struct nv_doc *doc)
{
	return (struct nv_md_summary_key){
		doc->path,	     doc->hash,		  doc->len,
		doc->split.body_off, doc->split.body_len, doc->split.body_line
	};
}

/*
 * What a kept front matter is keyed by: the bytes before the body (a
 * summary of them without headings or links, md_summary.h), so that an
 * edit of the body keeps it.
 */
static struct nv_md_summary_key front_key_of(const struct nv_doc *doc)
{
	return (struct nv_md_summary_key){
		doc->path, doc->meta_hash,	doc->split.body_off, doc->split.body_off,
		0,	   doc->split.body_line
	};
}

/* See content_int.h. */
struct nv_hash nv_content_hash_text(const struct nv_doc *doc, const char *text,
				    struct nv_hash *meta)
{
	struct nv_hash h = NV_HASH_INIT;

	nv_hash_add(&h, text, doc->split.body_off);
	if (meta)
		*meta = h;
	nv_hash_add(&h, text + doc->split.body_off, doc->len - doc->split.body_off);
	return h;
}

/* doc's hashes: of its text (hash), and of its front matter's part (meta_hash). */
static void hash_meta(struct nv_doc *doc)
{
	doc->hash = nv_content_hash_text(doc, doc->text, &doc->meta_hash);
}

/*
 * The front matter of doc: the tree kept for these very bytes when
 * `fronts` has it (then the text is not checked again when `bodies`
 * summarise this very text, checked when it was kept), else loaded.
 */
static int load_meta(struct nv_doc *doc, const struct nv_md_summaries *bodies,
		     const struct nv_md_summaries *fronts, struct nv_diags *d)
{
	struct nv_diags quiet = NV_DIAGS_INIT;
	struct nv_md_summary_key k;
	size_t mark = d->nr;
	bool split;

	split = fronts &&
		nv_frontmatter_split(doc->path, doc->text, doc->len, &doc->split, &quiet) == 0;
	nv_diags_release(&quiet);
	if (split) {
		hash_meta(doc);
		k = front_key_of(doc);
		if ((doc->meta = nv_md_summaries_meta_packed(fronts, &k, &doc->strings))) {
			/* A new body: the text was checked only when it is the one summarised. */
			k = key_of(doc);
			if (!nv_md_summaries_has(bodies, &k) &&
			    nv_text_check(doc->path, doc->text, doc->len, d) < 0) {
				nv_value_free(doc->meta);
				doc->meta = NULL;
				free(doc->strings);
				doc->strings = NULL;
				return -1;
			}
			doc->meta_clean = true;
			return 0;
		}
	}
	if (nv_frontmatter_load_packed(doc->path, doc->text, doc->len, &doc->split, &doc->meta,
				       &doc->strings, d) < 0)
		return -1;
	if (!split) /* else hashed above, with the same split */
		hash_meta(doc);
	doc->meta_clean = d->nr == mark;
	return 0;
}

/*
 * The body of doc: a stub from the summaries when they keep this very
 * text (md_summary.h), else parsed, or left for nv_content_doc_body()
 * when defer.
 */
static void parse_body(struct nv_doc *doc, const struct nv_md_summaries *bodies, bool defer,
		       struct nv_diags *d)
{
	const struct nv_md_summary_key k = key_of(doc);

	if (bodies && (doc->md = nv_md_summaries_stub(bodies, &k))) {
		doc->body_clean = true;
		return;
	}
	if (!defer)
		nv_content_parse_body(doc, doc->text, 0, d);
}

/* See content_int.h. */
void nv_content_parse_body(struct nv_doc *doc, const char *text, unsigned flags, struct nv_diags *d)
{
	size_t mark = d->nr;

	doc->md = nv_md_parse_file(text + doc->split.body_off, doc->split.body_len,
				   doc->split.body_line, flags | NV_MD_CHECKED, doc->path, d);
	doc->body_clean = d->nr == mark;
}

/*
 * Read and parse one document; NULL (with diagnostics in d) if it is
 * broken. With `scratch` (a load for once), the text is read there and
 * dropped once parsed: the checks that read it again get it from
 * nv_content_doc_text(). With `bodies`, a body they summarise is a stub;
 * with `fronts`, a front matter they keep is theirs; with defer, any
 * other body is not parsed (doc->md NULL).
 */
static struct nv_doc *parse_doc(const char *rel, const char *path, const struct stat *st,
				int rootfd, struct nv_buf *scratch,
				const struct nv_md_summaries *bodies,
				const struct nv_md_summaries *fronts, bool defer,
				struct nv_diags *d)
{
	struct nv_buf own = NV_BUF_INIT, *buf = scratch ? scratch : &own;
	struct nv_doc *doc = nv_xcalloc(1, sizeof(*doc));
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	const char *first = strchr(rel, '/');
	size_t diags = d->nr;
	bool recent = true, fresh;
	struct stat read;

	if (st)
		doc->stamp = nv_file_stamp(st, &recent);
	doc->path = nv_xstrdup(path);
	doc->id = nv_xmemdupz(base, strlen(base) - 3);
	doc->section = first ? nv_xmemdupz(rel, (size_t)(first - rel)) : nv_xstrdup("");
	doc->root_len = strlen(path) - strlen(rel) - 1;
	nv_buf_reset(buf);
	read.st_mode = 0;
	if (nv_content_read_source(path, rel, rootfd, buf, &read, d) < 0)
		goto fail;
	if (S_ISREG(read.st_mode)) {
		doc->read_stamp = nv_file_stamp(&read, &fresh);
		doc->read_old = !fresh;
		doc->read_known = true;
	}
	doc->len = buf->len;
	doc->text = scratch ? scratch->ptr : nv_buf_detach(buf, NULL);
	doc->once = scratch != NULL;
	if (load_meta(doc, bodies, fronts, d) < 0)
		goto fail;
	doc->meta_pd = nv_md_has_pd(doc->text + doc->split.meta_off, doc->split.meta_len);
	doc->meta_mixed = nv_md_may_mix(doc->text + doc->split.meta_off, doc->split.meta_len);
	doc->meta_glyph = nv_md_glyphs(doc->text + doc->split.meta_off, doc->split.meta_len);
	/* A tree the fast loader made has its texts packed already. */
	if (!doc->strings)
		doc->strings = nv_value_pack(doc->meta);
	parse_body(doc, bodies, defer, d);
	doc->reusable = !recent && d->nr == diags && !doc->once;
	if (doc->once)
		doc->text = NULL;
	return doc;
fail:
	if (doc->once)
		doc->text = NULL;
	nv_buf_release(&own);
	doc_free(doc);
	return NULL;
}

struct nv_doc *nv_content_doc_parse(const char *path, const char *section, const char *text,
				    size_t len, struct nv_diags *d)
{
	struct nv_doc *doc = nv_xcalloc(1, sizeof(*doc));
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;

	doc->path = nv_xstrdup(path);
	doc->id = nv_xmemdupz(base, strlen(base) > 3 ? strlen(base) - 3 : strlen(base));
	doc->section = nv_xstrdup(section);
	doc->text = nv_xmemdupz(text, len);
	doc->len = len;
	if (nv_frontmatter_load(path, doc->text, doc->len, &doc->split, &doc->meta, d) < 0) {
		doc_free(doc);
		return NULL;
	}
	doc->md = nv_md_parse_file(doc->text + doc->split.body_off, doc->split.body_len,
				   doc->split.body_line, NV_MD_CHECKED, path, d);
	hash_meta(doc);
	return doc;
}

void nv_content_doc_free(struct nv_doc *doc)
{
	doc_free(doc);
}

void nv_content_bodies(const struct nv_content *c, struct nv_buf *out)
{
	struct nv_md_summary_key k;
	const struct nv_doc *doc;
	size_t i;

	nv_md_summary_begin(out, c->bodies);
	for (i = 0; i < c->ndocs; i++) {
		doc = c->docs[i];
		if (!doc || !doc->md || !doc->body_clean)
			continue;
		k = key_of(doc);
		/* A body taken from the summaries: its record as read. */
		if (!nv_md_summary_copy(out, c->bodies, &k))
			nv_md_summary_add(out, &k, doc->md, NULL);
	}
	nv_md_summary_end(out);
}

/* Whether the front matters kept for c's documents are the records of c->fronts, all of them. */
static bool fronts_same(const struct nv_content *c)
{
	struct nv_md_summary_key k;
	size_t i, n = 0;

	for (i = 0; c->fronts && i < c->ndocs; i++) {
		if (!c->docs[i] || !c->docs[i]->meta_clean)
			continue;
		k = front_key_of(c->docs[i]);
		if (!nv_md_summaries_has(c->fronts, &k))
			return false;
		n++;
	}
	return c->fronts && n == nv_md_summaries_count(c->fronts);
}

bool nv_content_fronts(struct nv_content *c, struct nv_buf *out)
{
	static const struct nv_md none;
	struct nv_buf meta = NV_BUF_INIT;
	struct nv_md_summary_key k;
	const struct nv_doc *doc;
	size_t i;
	bool changed = !fronts_same(c);

	if (changed)
		nv_md_summary_begin(out, c->fronts);
	for (i = 0; changed && i < c->ndocs; i++) {
		doc = c->docs[i];
		if (!doc || !doc->meta_clean || !doc->meta)
			continue;
		k = front_key_of(doc);
		if (!nv_md_summary_copy(out, c->fronts, &k)) {
			nv_md_summary_meta(&meta, doc->meta);
			nv_md_summary_add(out, &k, &none, &meta);
		}
	}
	if (changed)
		nv_md_summary_end(out);
	nv_buf_release(&meta);
	/* Its records are in out now, or were the same: no need to hold the file. */
	nv_md_summaries_free(c->fronts);
	c->fronts = NULL;
	return changed;
}

struct doc_job {
	const char *root;
	const char **rel;      /* the .md files, in walk order */
	struct nv_doc **slots; /* their documents, NULL for broken ones */
	struct nv_doc **prev;  /* the same path's document of the last load, or NULL */
	struct nv_share share;
	bool once;  /* texts dropped once parsed */
	bool defer; /* bodies parsed later (nv_content_doc_body()) */
	const struct nv_md_summaries *bodies, *fronts;
	struct nv_diags d;
};

static void *doc_thread(void *arg)
{
	struct doc_job *j = arg;
	struct nv_buf path = NV_BUF_INIT, scratch = NV_BUF_INIT;
	struct stat st;
	size_t i;
	bool recent;

	/*
	 * The folder opened once for all the thread's files. A load for once
	 * keeps no document for a later load: no stamp, so no stat either.
	 */
	int rootfd = open(j->root, O_RDONLY | O_CLOEXEC | O_DIRECTORY);

	while (nv_share_next(&j->share, &i)) {
		struct nv_doc **prev = j->prev ? &j->prev[i] : NULL;
		nv_buf_reset(&path);
		nv_buf_add_path(&path, j->root, j->rel[i]);
		if (j->once || stat(path.ptr, &st) < 0) {
			j->slots[i] = parse_doc(j->rel[i], path.ptr, NULL, rootfd,
						j->once ? &scratch : NULL, j->bodies, j->fronts,
						j->defer, &j->d);
		} else if (prev && *prev && (*prev)->reusable &&
			   nv_hash_eq((*prev)->stamp, nv_file_stamp(&st, &recent))) {
			j->slots[i] = *prev;
			*prev = NULL;
		} else {
			j->slots[i] = parse_doc(j->rel[i], path.ptr, &st, rootfd, NULL, NULL, NULL,
						false, &j->d);
		}
	}
	if (rootfd >= 0)
		close(rootfd);
	nv_buf_release(&path);
	nv_buf_release(&scratch);
	return NULL;
}

static int cmp_doc_path(const void *a, const void *b)
{
	return strcmp((*(struct nv_doc *const *)a)->path, (*(struct nv_doc *const *)b)->path);
}

/* A path relative to the content folder against a document (root/rel). */
static int cmp_rel_doc(const void *key, const void *elem)
{
	const char *const *k = key;
	const struct nv_doc *doc = *(struct nv_doc *const *)elem;
	size_t root = strlen(k[0]);
	int c = strncmp(k[0], doc->path, root);

	if (c)
		return c;
	if (doc->path[root] != '/')
		return '/' - (unsigned char)doc->path[root];
	return strcmp(k[1], doc->path + root + 1);
}

/*
 * Parse the documents on `jobs` threads: each file is independent, and the
 * results go to slots in walk order, so the content is the same whatever
 * the number of threads. Diagnostics are merged (and later sorted).
 */
static void load_docs(struct nv_content *c, const char **rel, size_t n, int jobs,
		      struct nv_content *prev, struct nv_diags *d)
{
	struct nv_doc **slots = nv_xcalloc(n + 1, sizeof(*slots));
	struct nv_doc **old = prev ? nv_xcalloc(n + 1, sizeof(*old)) : NULL;
	struct nv_doc ***taken = NULL; /* for each of prev's documents, its old[] slot */
	size_t t, nthreads = nv_thread_count(jobs, n), i, k;
	struct doc_job *j = nv_xcalloc(nthreads, sizeof(*j));
	struct nv_work work = NV_WORK_INIT(n);

	for (t = 0; t < nthreads; t++) {
		j[t].root = c->root;
		j[t].rel = rel;
		j[t].slots = slots;
		j[t].share.w = &work;
		j[t].prev = old;
		j[t].once = c->once;
		j[t].defer = c->defer;
		j[t].bodies = c->bodies;
		j[t].fronts = c->fronts;
	}
	/* The last load's document of each path, found by binary search. */
	if (prev && prev->ndocs) {
		taken = nv_xcalloc(prev->ndocs + 1, sizeof(*taken));
		qsort(prev->docs, prev->ndocs, sizeof(*prev->docs), cmp_doc_path);
		for (i = 0; i < n; i++) {
			const char *key[2] = { c->root, rel[i] };
			struct nv_doc **hit = bsearch(key, prev->docs, prev->ndocs,
						      sizeof(*prev->docs), cmp_rel_doc);
			if (hit) {
				old[i] = *hit;
				taken[hit - prev->docs] = &old[i];
			}
		}
	}
	nv_run_threads(doc_thread, j, nthreads, sizeof(*j));
	for (t = 0; t < nthreads; t++)
		nv_diags_merge(d, &j[t].d);
	for (i = 0; i < n; i++) {
		if (slots[i]) {
			NV_GROW(c->docs, c->ndocs + 1, c->docs_alloc);
			c->docs[c->ndocs++] = slots[i];
		} else {
			nv_strlist_add(&c->broken, rel[i]);
		}
	}
	/* A document a thread took (its old[] slot emptied) now belongs to c. */
	for (k = 0; taken && k < prev->ndocs; k++)
		if (taken[k] && !*taken[k])
			prev->docs[k] = NULL;
	free(taken);
	free(old);
	free(slots);
	free(j);
}

/* Load a data file, or take prev's copy of it if the file did not change. */
static void load_data(struct nv_content *c, const char *rel, const char *path,
		      struct nv_content *prev, struct nv_diags *d)
{
	struct nv_buf buf = NV_BUF_INIT;
	struct nv_value *v;
	struct nv_data *data, *old = NULL;
	struct nv_hash stamp = NV_HASH_INIT;
	struct stat st;
	size_t i, len = strlen(rel) - (has_suffix(rel, ".yaml") ? 5 : 4), diags = d->nr;
	bool recent = true;

	if (stat(path, &st) == 0)
		stamp = nv_file_stamp(&st, &recent);
	for (i = 0; prev && i < prev->ndata && !old; i++)
		if (prev->data[i].path && !strcmp(prev->data[i].path, path))
			old = &prev->data[i];
	NV_GROW(c->data, c->ndata + 1, c->data_alloc);
	if (old && old->reusable && nv_hash_eq(old->stamp, stamp)) {
		c->data[c->ndata++] = *old;
		memset(old, 0, sizeof(*old));
		return;
	}
	if (nv_content_read_source(path, rel, -1, &buf, NULL, d) < 0 ||
	    nv_text_check(path, buf.ptr, buf.len, d) < 0)
		goto fail;
	v = nv_yaml_load(path, buf.ptr, buf.len, 1, NULL, d);
	if (!v)
		goto fail;
	data = &c->data[c->ndata++];
	data->path = nv_xstrdup(path);
	data->name = nv_xmemdupz(rel, len);
	data->value = v;
	data->hash = (struct nv_hash)NV_HASH_INIT;
	nv_hash_add(&data->hash, buf.ptr, buf.len);
	data->stamp = stamp;
	data->recent = recent;
	data->reusable = !recent && d->nr == diags;
	nv_buf_release(&buf);
	return;
fail:
	nv_strlist_add(&c->broken, rel);
	nv_buf_release(&buf);
}

int nv_content_load(struct nv_content *c, const char *root, struct nv_diags *d)
{
	return nv_content_load_jobs(c, root, 1, d);
}

int nv_content_load_jobs(struct nv_content *c, const char *root, int jobs, struct nv_diags *d)
{
	return nv_content_reload(c, root, jobs, NULL, d);
}

int nv_content_load_once(struct nv_content *c, const char *root, int jobs, struct nv_diags *d)
{
	c->once = true;
	return nv_content_reload(c, root, jobs, NULL, d);
}

/* The summaries in file (md_summary.h), or NULL when there are none to trust. */
static struct nv_md_summaries *read_summaries(const char *file)
{
	return file ? nv_md_summaries_read(file, nv_md_summary_identity()) : NULL;
}

int nv_content_load_bodies(struct nv_content *c, const char *root, int jobs, const char *bodies,
			   const char *fronts, bool defer, struct nv_diags *d)
{
	c->once = true;
	c->defer = defer;
	/* Kept: nv_content_bodies() and nv_content_fronts() copy the records taken. */
	c->bodies = read_summaries(bodies);
	c->fronts = read_summaries(fronts);
	return nv_content_reload(c, root, jobs, NULL, d);
}

/*
 * Report what the walk of folder `dir` (shown as `shown`, "" for the
 * current folder) found wrong: folders that could not be read, and
 * symbolic links, which nastavnik never follows (a link could lead out of
 * the project). Links are added to broken when it is given.
 */
static void report_walk(const char *shown, const struct nv_walk *w, struct nv_strlist *broken,
			struct nv_diags *d)
{
	struct nv_buf path = NV_BUF_INIT;
	char target[4096];
	ssize_t n;
	size_t i;

	for (i = 0; i < w->nfailed; i++) {
		nv_buf_reset(&path);
		nv_buf_addf(&path, "%s%s%s", shown, *w->failed[i].rel ? "/" : "", w->failed[i].rel);
		nv_error(d, path.ptr, 0, 0, "не удалось прочитать каталог: %s",
			 nv_strerror(w->failed[i].err));
	}
	for (i = 0; i < w->links.nr; i++) {
		nv_buf_reset(&path);
		nv_buf_addf(&path, "%s/%s", shown, w->links.v[i]);
		n = readlink(path.ptr, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		nv_diag_hint(
			nv_error(d, path.ptr, 0, 0,
				 "символическая ссылка на «%s»: ссылки в content/ и в темах не "
				 "допускаются",
				 target),
			"положите сюда сам файл или папку, а не ссылку на них: nastavnik не "
			"читает и не публикует ничего за пределами проекта");
		if (broken)
			nv_strlist_add(broken, w->links.v[i]);
	}
	nv_buf_release(&path);
}

/*
 * The project's template overrides (theme/ beside the content folder) and
 * its own copy of the theme (themes/default/, which builds then use) are
 * read by builds: report their links with the content's, so that `check`
 * shows them too.
 */
static void check_themes(const char *root, struct nv_diags *d)
{
	static const char *const names[] = { "theme", "themes/default" };
	const char *slash = strrchr(root, '/');
	struct nv_walk w = NV_WALK_INIT;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(names); i++) {
		char *dir = slash ? nv_xasprintf("%.*s/%s", (int)(slash - root), root, names[i])
				  : nv_xstrdup(names[i]);
		if (nv_is_dir(dir)) {
			nv_walk_all(dir, &w);
			report_walk(dir, &w, NULL, d);
		}
		nv_walk_release(&w);
		free(dir);
	}
}

int nv_content_reload(struct nv_content *c, const char *root, int jobs, struct nv_content *prev,
		      struct nv_diags *d)
{
	struct nv_walk w = NV_WALK_INIT;
	struct nv_buf path = NV_BUF_INIT;
	const char **md;
	size_t i, nmd = 0;
	int rc = -1;

	c->root = nv_xstrdup(root);
	if (!nv_is_dir(root)) {
		nv_diag_hint(
			nv_error(d, root, 0, 0, "каталог с документами не найден"),
			"запустите nastavnik в каталоге проекта, где лежит папка content/ "
			"(или в любой его папке), или укажите его: nastavnik check -C КАТАЛОГ");
		goto out;
	}
	/* Every folder that cannot be read is named; then nothing is loaded. */
	if (nv_walk_all(root, &w) < 0) {
		report_walk(root, &w, NULL, d);
		goto out;
	}
	report_walk(root, &w, &c->broken, d);
	check_themes(root, d);
	md = nv_xcalloc(w.files.nr + 1, sizeof(*md));
	for (i = 0; i < w.files.nr; i++) {
		const char *rel = w.files.v[i];

		if (!strncmp(rel, "files/", 6)) {
			nv_strlist_add(&c->assets, rel);
		} else if (has_suffix(rel, ".md")) {
			md[nmd++] = rel;
		} else if (has_suffix(rel, ".yml") || has_suffix(rel, ".yaml")) {
			nv_buf_reset(&path);
			nv_buf_add_path(&path, root, rel);
			load_data(c, rel, path.ptr, prev, d);
		} else {
			nv_strlist_add(&c->assets, rel);
		}
	}
	load_docs(c, md, nmd, jobs, prev, d);
	free(md);
	rc = 0;
	/* Kept for the build's fingerprint: what it would walk again. */
	c->walk = w;
	w = (struct nv_walk)NV_WALK_INIT;
out:
	nv_walk_release(&w);
	nv_buf_release(&path);
	return rc;
}

int nv_content_update(struct nv_content *c, struct nv_content *prev,
		      const struct nv_strlist *changed)
{
	struct nv_diags local = NV_DIAGS_INIT;
	struct nv_doc **fresh = nv_xcalloc(changed->nr + 1, sizeof(*fresh));
	size_t *at = nv_xcalloc(changed->nr + 1, sizeof(*at));
	size_t i, k, root = strlen(prev->root ? prev->root : "");
	struct stat st;
	int rc = 0;

	/* A load for once (its texts dropped) is never taken over. */
	if (!prev->root || prev->broken.nr || prev->once)
		goto out;
	for (i = 0; i < changed->nr; i++) {
		for (k = 0; k < prev->ndocs && strcmp(prev->docs[k]->path, changed->v[i]); k++)
			;
		if (k == prev->ndocs || stat(changed->v[i], &st) < 0)
			goto out;
		at[i] = k;
		fresh[i] = parse_doc(changed->v[i] + root + 1, changed->v[i], &st, -1, NULL, NULL,
				     NULL, false, &local);
		if (!fresh[i] || local.nr)
			goto out;
	}
	*c = *prev;
	memset(prev, 0, sizeof(*prev));
	for (i = 0; i < changed->nr; i++) {
		doc_free(c->docs[at[i]]); /* or the fresh copy of a file named twice */
		c->docs[at[i]] = fresh[i];
		fresh[i] = NULL;
	}
	rc = 1;
out:
	for (i = 0; i < changed->nr; i++)
		doc_free(fresh[i]);
	free(fresh);
	free(at);
	nv_diags_release(&local);
	return rc;
}

const struct nv_data *nv_content_data(const struct nv_content *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ndata; i++)
		if (!strcmp(c->data[i].name, name))
			return &c->data[i];
	return NULL;
}

bool nv_content_broken(const struct nv_content *c, const char *rel)
{
	return nv_strlist_has(&c->broken, rel);
}

void nv_content_release(struct nv_content *c)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		doc_free(c->docs[i]); /* NULL when taken by a later load */
	free(c->docs);
	for (i = 0; i < c->ndata; i++) {
		free(c->data[i].path);
		free(c->data[i].name);
		nv_value_free(c->data[i].value);
	}
	free(c->data);
	nv_strlist_release(&c->assets);
	nv_strlist_release(&c->broken);
	nv_walk_release(&c->walk);
	nv_md_summaries_free(c->bodies);
	nv_md_summaries_free(c->fronts);
	free(c->root);
	memset(c, 0, sizeof(*c));
}
