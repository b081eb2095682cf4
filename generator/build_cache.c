/*
 * build_cache.c: keys, the manifest and the decisions of an incremental
 * build; see build_cache.h.
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "build_cache.h"
#include "content.h"
#include "fs.h"
#include "model.h"
#include "threads.h"

static void hash_stat(struct nv_hash *h, const struct stat *st, bool *racy)
{
	bool recent;

	nv_hash_hash(h, nv_file_stamp(st, &recent));
	if (recent)
		*racy = true;
}

/* Stamps of the files of a walk, taken on threads, each the files of its share. */
struct stamp_job {
	int dirfd;
	const struct nv_strlist *files;
	struct nv_hash *stamps;
	bool *recent;
	struct nv_share share;
	bool failed;
};

static void *stamp_thread(void *arg)
{
	struct stamp_job *j = arg;
	struct stat st;
	size_t i;

	while (!j->failed && nv_share_next(&j->share, &i)) {
		if (fstatat(j->dirfd, j->files->v[i], &st, 0) < 0)
			j->failed = true;
		else
			j->stamps[i] = nv_file_stamp(&st, &j->recent[i]);
	}
	return NULL;
}

/*
 * What the fingerprint holds of a folder walked (w): each file's path and
 * stamp in the walk's order, then the links. *racy is set when a file
 * changed within the last second: then its stamp does not prove it
 * unchanged. The same whether the stamps were taken before the load
 * (hash_tree()) or by it (nv_cache_fingerprint_loaded()).
 */
static void hash_walk(struct nv_hash *h, const struct nv_walk *w, const struct nv_hash *stamps,
		      const bool *recent, bool *racy)
{
	size_t i;

	for (i = 0; i < w->files.nr; i++) {
		nv_hash_str(h, w->files.v[i]);
		nv_hash_hash(h, stamps[i]);
		if (recent[i])
			*racy = true;
	}
	/* A link is an error of the load: one added since must not pass as «no change». */
	for (i = 0; i < w->links.nr; i++)
		nv_hash_str(h, w->links.v[i]);
}

/*
 * Every file below dir, by path and stamp (fs.h), read from the file
 * system only; the stamps taken on as many threads as processors, hashed
 * in the walk's order. *racy is set when a file changed within the last
 * second: then its stamp does not prove it unchanged.
 */
static int hash_tree(struct nv_hash *h, const char *dir, bool *racy)
{
	struct nv_walk w = NV_WALK_INIT;
	struct stamp_job *j;
	struct nv_hash *stamps;
	bool *recent;
	size_t t, n;
	struct nv_work work = NV_WORK_INIT(0);
	int rc = 0, dirfd;

	nv_hash_str(h, dir);
	if (!nv_is_dir(dir))
		return 0;
	if (nv_walk_all(dir, &w) < 0)
		rc = -1;
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		rc = -1;
	n = nv_thread_count(nv_cpu_count(), w.files.nr);
	j = nv_xcalloc(n, sizeof(*j));
	stamps = nv_xcalloc(w.files.nr + 1, sizeof(*stamps));
	recent = nv_xcalloc(w.files.nr + 1, sizeof(*recent));
	work.n = w.files.nr;
	for (t = 0; t < n; t++)
		j[t] = (struct stamp_job){
			dirfd, &w.files, stamps, recent, { &work, 0, 0 }, false
		};
	if (rc == 0)
		nv_run_threads(stamp_thread, j, n, sizeof(*j));
	for (t = 0; t < n; t++)
		if (j[t].failed)
			rc = -1;
	if (rc == 0)
		hash_walk(h, &w, stamps, recent, racy);
	if (dirfd >= 0)
		close(dirfd);
	free(j);
	free(stamps);
	free(recent);
	nv_walk_release(&w);
	return rc;
}

int nv_cache_setup_key(const struct nv_cache_opts *o, const char *theme, struct nv_hash *h)
{
	struct stat self;
	bool recent, racy = false;

	*h = (struct nv_hash)NV_HASH_INIT;
	nv_hash_str(h, "nastavnik " NV_VERSION);
	/*
	 * The program itself: a rebuilt nastavnik may render differently. A
	 * new program is a new file (the linker and install write a new
	 * inode), so a recent one proves as much as an old one.
	 */
	if (stat("/proc/self/exe", &self) == 0)
		nv_hash_hash(h, nv_file_stamp(&self, &recent));
	nv_hash_str(h, o->base_url);
	nv_hash_add(h, (const char[]){ (char)o->drafts, (char)o->fragment, (char)o->pdf }, 3);
	if (hash_tree(h, theme, &racy) < 0 || hash_tree(h, "theme", &racy) < 0 || racy)
		return -1;
	return 0;
}

void nv_cache_fingerprint(const char *content, const struct nv_hash *setup, char out[33])
{
	struct nv_hash h;
	bool racy = false;

	out[0] = '\0';
	if (!setup)
		return;
	h = *setup;
	if (hash_tree(&h, content, &racy) == 0 && !racy)
		nv_hash_hex(h, out);
}

/* The data file of c at rel (relative to c->root), or NULL. */
static const struct nv_data *data_at(const struct nv_content *c, const char *rel)
{
	size_t i, n = strlen(c->root);

	for (i = 0; i < c->ndata; i++)
		if (!strncmp(c->data[i].path, c->root, n) && c->data[i].path[n] == '/' &&
		    !strcmp(c->data[i].path + n + 1, rel))
			return &c->data[i];
	return NULL;
}

/*
 * The stamp of the walk's file i (c->walk.files), and whether it is
 * recent: a document's as the load read it, a data file's as the load
 * took it before reading it, any other file's (read later, if at all)
 * from the file system now. *doc is the next of c's documents not yet
 * met: they are in the walk's order. -1 when it cannot be had.
 */
static int loaded_stamp(const struct nv_content *c, int rootfd, size_t i, size_t *doc,
			struct nv_hash *stamp, bool *recent)
{
	const char *rel = c->walk.files.v[i];
	const struct nv_doc *x;
	const struct nv_data *data;
	struct stat st;

	if (*doc < c->ndocs && (x = c->docs[*doc]) && !strcmp(x->path + x->root_len + 1, rel)) {
		(*doc)++;
		if (x->read_known) {
			*stamp = x->read_stamp;
			*recent = !x->read_old;
			return 0;
		}
	}
	if ((data = data_at(c, rel)) != NULL) {
		*stamp = data->stamp;
		*recent = data->recent;
		return 0;
	}
	if (fstatat(rootfd, rel, &st, 0) < 0)
		return -1;
	*stamp = nv_file_stamp(&st, recent);
	return 0;
}

void nv_cache_fingerprint_loaded(const struct nv_content *c, const struct nv_hash *setup,
				 char out[33])
{
	size_t i, doc = 0, n = c->walk.files.nr;
	struct nv_hash h, *stamps = nv_xcalloc(n + 1, sizeof(*stamps));
	bool racy = false, *recent = nv_xcalloc(n + 1, sizeof(*recent));
	int dirfd = setup ? open(c->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	out[0] = '\0';
	for (i = 0; dirfd >= 0 && i < n; i++)
		if (loaded_stamp(c, dirfd, i, &doc, &stamps[i], &recent[i]) < 0)
			break;
	/* As hash_tree() hashes a folder it walks itself. */
	if (dirfd >= 0 && i == n) {
		h = *setup;
		nv_hash_str(&h, c->root);
		hash_walk(&h, &c->walk, stamps, recent, &racy);
		if (!racy)
			nv_hash_hex(h, out);
	}
	if (dirfd >= 0)
		close(dirfd);
	free(stamps);
	free(recent);
}

int nv_cache_global_key(const struct nv_hash *setup, const struct nv_content *c, struct nv_hash *h)
{
	struct nv_buf path = NV_BUF_INIT;
	struct stat st;
	bool racy = false;
	size_t i;
	int rc = 0;

	if (!setup)
		return -1;
	*h = *setup;
	for (i = 0; i < c->ndata; i++) {
		nv_hash_str(h, c->data[i].path);
		nv_hash_hash(h, c->data[i].hash);
	}
	for (i = 0; i < c->assets.nr && rc == 0; i++) {
		nv_buf_reset(&path);
		nv_buf_addf(&path, "%s/%s", c->root, c->assets.v[i]);
		nv_hash_str(h, path.ptr);
		if (stat(path.ptr, &st) < 0)
			rc = -1;
		else
			hash_stat(h, &st, &racy);
	}
	for (i = 0; i < c->ndocs; i++) {
		nv_hash_str(h, c->docs[i]->path);
		nv_hash_hash(h, c->docs[i]->meta_hash);
	}
	nv_buf_release(&path);
	return racy ? -1 : rc;
}

struct nv_hash nv_cache_entry_key(struct nv_hash g, const struct nv_entry *e)
{
	struct nv_hash h = g;
	size_t i;

	nv_hash_hash(&h, e->doc->hash);
	for (i = 0; i < e->nappendices; i++)
		if (e->appendices[i].doc)
			nv_hash_hash(&h, e->appendices[i].doc->doc->hash);
	return h;
}

void nv_cache_entry_outputs(bool pdf, const struct nv_entry *e, bool public_pdf,
			    struct nv_strlist *out)
{
	const char *dir = nv_kind_dirs[e->kind];

	nv_strlist_addf(out, "site/%s/%s.html", dir, e->id);
	if (e->kind == NV_KIND_ROADMAP)
		nv_strlist_addf(out, "site/%s/%s.ics", dir, e->id);
	if (pdf && public_pdf)
		nv_strlist_addf(out, "site/%s/%s.pdf", dir, e->id);
	if (pdf && nv_kind_printed(e->kind))
		nv_strlist_addf(out, "print/%s.pdf", e->id);
}

/*
 * Which documents to render again: those whose key differs from the last
 * build's key of their page or of their printed PDF. Returns how many.
 */
static size_t changed_entries(const struct nv_model *m, const struct nv_hash *keys,
			      const struct nv_manifest *old, bool *render)
{
	struct nv_buf path = NV_BUF_INIT;
	const char *was;
	char key[33];
	size_t i, n = 0;

	for (i = 0; i < m->nentries; i++) {
		nv_buf_reset(&path);
		nv_buf_adds(&path, "site/");
		nv_buf_adds(&path, nv_kind_dirs[m->entries[i]->kind]);
		nv_buf_addch(&path, '/');
		nv_buf_adds(&path, m->entries[i]->id);
		nv_buf_adds(&path, ".html");
		was = nv_manifest_key(old, path.ptr);
		nv_hash_hex(keys[i], key);
		render[i] = !was || strcmp(was, key);
		/* The print folder has its own manifest, maybe of another build. */
		nv_buf_reset(&path);
		nv_buf_addf(&path, "print/%s.pdf", m->entries[i]->id);
		was = nv_manifest_key(old, path.ptr);
		if (was && strcmp(was, key))
			render[i] = true;
		n += render[i];
	}
	nv_buf_release(&path);
	return n;
}

bool nv_cache_unchanged(const struct nv_manifest *old, const char *fp, bool in_place)
{
	return old && *fp && !strcmp(fp, old->fingerprint) && in_place;
}

enum nv_cache_plan nv_cache_plan(const struct nv_manifest *old, const char *global, bool in_place,
				 const struct nv_model *m, const struct nv_hash *keys, bool *render,
				 size_t *nchanged)
{
	memset(render, 0, m->nentries * sizeof(*render));
	*nchanged = 0;
	if (!old || !*global || strcmp(global, old->global) || !in_place)
		return NV_PLAN_WHOLE;
	*nchanged = changed_entries(m, keys, old, render);
	return *nchanged ? NV_PLAN_SOME : NV_PLAN_UNCHANGED;
}

/* --- the manifest ---------------------------------------------------------- */

void nv_manifest_release(struct nv_manifest *m)
{
	size_t i;

	for (i = 0; i < m->nr; i++)
		free(m->v[i].path);
	free(m->v);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

void nv_manifest_add(struct nv_manifest *m, const char *key, const char *path)
{
	NV_GROW(m->v, m->nr + 1, m->alloc);
	m->v[m->nr].path = nv_xstrdup(path);
	memcpy(m->v[m->nr].key, key, 33);
	m->nr++;
}

static int cmp_record(const void *a, const void *b)
{
	return strcmp(((const struct nv_manifest_record *)a)->path,
		      ((const struct nv_manifest_record *)b)->path);
}

const char *nv_manifest_key(const struct nv_manifest *m, const char *path)
{
	struct nv_manifest_record k, *hit;

	k.path = (char *)path;
	hit = m->nr ? bsearch(&k, m->v, m->nr, sizeof(*m->v), cmp_record) : NULL;
	return hit ? hit->key : NULL;
}

/* Read field `name` of line *p into out[33] (hex or empty); advance *p. */
static bool read_field(char **p, const char *name, char out[33])
{
	size_t n = strlen(name), k;
	char *eol;

	if (strncmp(*p, name, n) || (*p)[n] != ' ' || !(eol = strchr(*p, '\n')))
		return false;
	k = (size_t)(eol - (*p + n + 1));
	if (k != 0 && k != 32)
		return false;
	memcpy(out, *p + n + 1, k);
	out[k] = '\0';
	*p = eol + 1;
	return true;
}

/* Read one manifest file at path into m, sorted by path; false (m zeroed) if it is not one. */
static bool read_one(const char *path, struct nv_manifest *m)
{
	struct nv_buf b = NV_BUF_INIT;
	char *p, *eol;
	bool ok = false;

	memset(m, 0, sizeof(*m));
	if (nv_read_file(path, (size_t)256 << 20, &b) < 0)
		goto out;
	p = b.ptr;
	if (strncmp(p, "nastavnik-manifest 5\n", 21))
		goto out;
	p += 21;
	if (!read_field(&p, "fingerprint", m->fingerprint) ||
	    !read_field(&p, "global", m->global) || strncmp(p, "warnings ", 9))
		goto out;
	m->warnings = strtoul(p + 9, &eol, 10);
	if (*eol != '\n' || strncmp(p = eol + 1, "tree ", 5) || !(eol = strchr(p, '\n')) ||
	    eol - p - 5 >= NV_OUTDIR_ID_MAX)
		goto out;
	memcpy(m->tree, p + 5, (size_t)(eol - p - 5));
	m->tree[eol - p - 5] = '\0';
	if (strncmp(p = eol + 1, "title ", 6) || !(eol = strchr(p, '\n')))
		goto out;
	m->title = nv_xmemdupz(p + 6, (size_t)(eol - p - 6));
	for (p = eol + 1; *p; p = eol + 1) {
		if (!(eol = strchr(p, '\n')) || eol - p < 34 || p[32] != ' ')
			goto out;
		*eol = '\0';
		p[32] = '\0';
		nv_manifest_add(m, p, p + 33);
	}
	ok = true;
out:
	if (!ok)
		nv_manifest_release(m);
	nv_buf_release(&b);
	return ok;
}

bool nv_manifest_read(const char *out, bool pdf, struct nv_manifest *m)
{
	struct nv_manifest print;
	char *path = nv_xasprintf("%s/site/%s", out, NV_MANIFEST);
	bool ok = read_one(path, m);
	size_t i;

	free(path);
	if (ok && pdf) {
		path = nv_xasprintf("%s/print/%s", out, NV_MANIFEST);
		ok = read_one(path, &print);
		free(path);
		if (!ok) {
			nv_manifest_release(m);
			return false;
		}
		/*
		 * The trees are swapped in one after the other: after a crash in
		 * between they come from two builds, and their keys prove nothing
		 * that both do not say.
		 */
		if (strcmp(m->fingerprint, print.fingerprint))
			m->fingerprint[0] = '\0';
		if (strcmp(m->global, print.global))
			m->global[0] = '\0';
		memcpy(m->print_tree, print.tree, sizeof(m->print_tree));
		for (i = 0; i < print.nr; i++)
			nv_manifest_add(m, print.v[i].key, print.v[i].path);
		nv_manifest_release(&print);
	}
	if (ok && m->nr)
		qsort(m->v, m->nr, sizeof(*m->v), cmp_record);
	return ok;
}

int nv_manifest_write(const char *dir, const char *prefix, const struct nv_manifest *m)
{
	struct nv_buf b = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/%s", dir, NV_MANIFEST);
	size_t i, n = strlen(prefix);
	char tree[NV_OUTDIR_ID_MAX];
	int rc;

	nv_outdir_id(dir, tree);
	nv_buf_addf(&b,
		    "nastavnik-manifest 5\nfingerprint %s\nglobal %s\nwarnings %zu\ntree %s\n"
		    "title %s\n",
		    m->fingerprint, m->global, m->warnings, tree, m->title ? m->title : "");
	for (i = 0; i < m->nr; i++)
		if (!strncmp(m->v[i].path, prefix, n))
			nv_buf_addf(&b, "%s %s\n", m->v[i].key, m->v[i].path);
	rc = nv_write_file(path, b.ptr, b.len);
	nv_buf_release(&b);
	free(path);
	return rc;
}

static int cmp_ptr(const void *a, const void *b)
{
	const void *const *pa = a, *const *pb = b;
	uintptr_t x = (uintptr_t)*pa, y = (uintptr_t)*pb;

	return x < y ? -1 : x > y;
}

/*
 * The new manifest: the outputs of the documents rendered now (render[i],
 * or all without render) with their keys, and the last build's records
 * of the others. Outputs a rendered document had and has no more (a PDF
 * no longer public) go to gone.
 */

void nv_manifest_update(bool pdf, const struct nv_model *m, const struct nv_entry *const *pub,
			size_t npub, const bool *render, const struct nv_hash *keys,
			const struct nv_manifest *old, struct nv_manifest *new,
			struct nv_strlist *gone)
{
	const struct nv_entry **sorted;
	struct nv_strlist all = NV_STRLIST_INIT, now = NV_STRLIST_INIT;
	size_t i, k;
	bool *drop = render ? nv_xcalloc(old->nr + 1, sizeof(*drop)) : NULL;
	struct nv_manifest_record key, *hit;
	char hex[33];

	sorted = nv_xcalloc(npub + 1, sizeof(*sorted));
	if (npub)
		memcpy(sorted, pub, npub * sizeof(*pub));
	qsort(sorted, npub, sizeof(*sorted), cmp_ptr);
	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (render && !render[i])
			continue;
		nv_strlist_release(&now);
		nv_cache_entry_outputs(
			pdf, e, bsearch(&e, sorted, npub, sizeof(*sorted), cmp_ptr) != NULL, &now);
		nv_hash_hex(keys[i], hex);
		for (k = 0; k < now.nr; k++)
			nv_manifest_add(new, hex, now.v[k]);
		if (!render)
			continue;
		/* What it had last time is replaced, or gone. */
		nv_strlist_release(&all);
		nv_cache_entry_outputs(pdf, e, true, &all);
		for (k = 0; k < all.nr; k++) {
			key.path = all.v[k];
			hit = old->nr ? bsearch(&key, old->v, old->nr, sizeof(*old->v), cmp_record)
				      : NULL;
			if (!hit)
				continue;
			drop[hit - old->v] = true;
			if (!nv_strlist_has(&now, all.v[k]))
				nv_strlist_add(gone, all.v[k]);
		}
	}
	/* The documents not rendered keep their records. */
	for (i = 0; render && i < old->nr; i++)
		if (!drop[i])
			nv_manifest_add(new, old->v[i].key, old->v[i].path);
	if (new->nr) /* qsort() wants an array even for none */
		qsort(new->v, new->nr, sizeof(*new->v), cmp_record);
	nv_strlist_release(&all);
	nv_strlist_release(&now);
	free(sorted);
	free(drop);
}

void nv_manifest_remove_legacy(const char *out)
{
	char *path = nv_xasprintf("%s/.nastavnik-manifest", out);

	unlink(path);
	free(path);
}
