/*
 * build.c: one whole build; see build.h.
 */
#include "common.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "build.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "html.h"
#include "model.h"
#include "print.h"
#include "threads.h"

#ifndef NV_DATADIR
#define NV_DATADIR "/usr/local/share/nastavnik"
#endif

/*
 * The theme: the project's own copy first, then the one beside the
 * program (a build in the source tree: build/nastavnik → themes/default;
 * an installation: PREFIX/bin → PREFIX/share/nastavnik), then the one of
 * the configured prefix. The caller frees the result.
 */
static char *theme_dir(void)
{
	char exe[4096], *slash, *dir;
	ssize_t n;

	if (nv_is_dir("themes/default"))
		return nv_xstrdup("themes/default");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			/* build/nastavnik, build/asan/nastavnik */
			dir = nv_xasprintf("%s/../themes/default", exe);
			if (nv_is_dir(dir))
				return dir;
			free(dir);
			dir = nv_xasprintf("%s/../../themes/default", exe);
			if (nv_is_dir(dir))
				return dir;
			free(dir);
			/* an installation under any prefix: PREFIX/bin/nastavnik */
			dir = nv_xasprintf("%s/../share/nastavnik/themes/default", exe);
			if (nv_is_dir(dir))
				return dir;
			free(dir);
		}
	}
	return nv_xstrdup(NV_DATADIR "/themes/default");
}

/* Start a staging folder for final; a diagnostic says why it cannot be. */
static int begin_out(struct nv_outdir *o, const char *final, struct nv_diags *d)
{
	if (nv_outdir_begin(o, final) == 0)
		return 0;
	if (errno == EEXIST)
		nv_diag_hint(
			nv_error(d, final, 0, 0,
				 "папка уже существует и создана не nastavnik — не перезаписываю"),
			"укажите другую папку: nastavnik build -o ПАПКА, или удалите эту");
	else
		nv_error(d, final, 0, 0, "не удалось создать папку: %s", nv_strerror(errno));
	return -1;
}

static bool printable(const struct nv_entry *e)
{
	return e->kind == NV_KIND_ORDER || e->kind == NV_KIND_POSITION ||
	       e->kind == NV_KIND_PROGRAM || e->kind == NV_KIND_ROADMAP;
}

/* Print the documents i ≡ first (mod step) that are printed this time. */
static int print_share(struct nv_print_state *ps, const struct nv_model *m, const bool *render,
		       const char *dir, size_t first, size_t step)
{
	size_t i;
	char *path;
	int rc = 0;

	for (i = first; i < m->nentries; i += step) {
		const struct nv_entry *e = m->entries[i];
		if (!printable(e) || (render && !render[i]))
			continue;
		path = nv_xasprintf("%s/%s.pdf", dir, e->id);
		if (nv_print_document(ps, e, path, NULL) < 0)
			rc = -1;
		free(path);
	}
	return rc;
}

/* Read a child's report: lines "FILE\tMESSAGE", its errors. */
static void read_report(int fd, struct nv_diags *d)
{
	struct nv_buf b = NV_BUF_INIT;
	char chunk[4096], *p, *eol, *tab;
	ssize_t k;

	while ((k = read(fd, chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
		if (k > 0)
			nv_buf_add(&b, chunk, (size_t)k);
	for (p = b.ptr; (eol = strchr(p, '\n')); p = eol + 1) {
		*eol = '\0';
		if ((tab = strchr(p, '\t'))) {
			*tab = '\0';
			nv_error(d, *p ? p : NULL, 0, 0, "%s", tab + 1);
		}
	}
	nv_buf_release(&b);
}

/*
 * Print every order, положение, program and roadmap (with render: only
 * the entries i with render[i]) into print_dir, and copy the ones the
 * site may publish next to their pages in site_dir.
 *
 * With jobs > 1, child processes print shares of the documents. Not
 * threads: Pango and Cairo share caches between threads, and documents
 * laid out at the same time get glyph offsets a hair apart, so the bytes
 * would depend on the threads. A child is a copy of this process after
 * the model and the site are done (no other thread runs then); it prints
 * its share as this process would and reports its errors on a pipe.
 */
static int print_all(struct nv_print_state *ps, const struct nv_model *m, const bool *render,
		     int jobs, const struct nv_html_state *site, const char *print_dir,
		     const char *site_dir, struct nv_diags *d)
{
	const struct nv_entry *const *pub;
	struct nv_buf data = NV_BUF_INIT;
	size_t i, n = 0, t, nproc = 1;
	pid_t *pid;
	int *fd, fds[2], st, rc = 0;
	char *path, *dst;

	for (i = 0; i < m->nentries; i++)
		n += printable(m->entries[i]) && (!render || render[i]);
	if (jobs > 1 && n >= 8)
		nproc = (size_t)jobs;
	pid = nv_xcalloc(nproc, sizeof(*pid));
	fd = nv_xcalloc(nproc, sizeof(*fd));
	fflush(NULL); /* nothing buffered may be written twice */
	for (t = 1; t < nproc; t++) {
		pid[t] = -1;
		if (pipe(fds) < 0)
			continue;
		pid[t] = fork();
		if (pid[t] == 0) {
			size_t mark = d->nr;
			FILE *f;
			close(fds[0]);
			st = print_share(ps, m, render, print_dir, t, nproc);
			f = fdopen(fds[1], "w");
			for (i = mark; f && i < d->nr; i++)
				if (d->v[i].severity == NV_ERROR)
					fprintf(f, "%s\t%s\n", d->v[i].file ? d->v[i].file : "",
						d->v[i].msg);
			if (f)
				fclose(f);
			_exit(st < 0 ? 1 : 0);
		}
		close(fds[1]);
		fd[t] = fds[0];
		if (pid[t] < 0)
			close(fd[t]);
	}
	if (print_share(ps, m, render, print_dir, 0, nproc) < 0)
		rc = -1;
	for (t = 1; t < nproc; t++) {
		if (pid[t] < 0) {
			/* No pipe or no process: its share is printed here. */
			if (print_share(ps, m, render, print_dir, t, nproc) < 0)
				rc = -1;
			continue;
		}
		read_report(fd[t], d);
		close(fd[t]);
		while (waitpid(pid[t], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			rc = -1;
			if (!d->errors)
				nv_error(d, print_dir, 0, 0,
					 "печать прервана: процесс печати завершился аварийно");
		}
	}
	free(pid);
	free(fd);
	n = nv_html_public_pdfs(site, &pub);
	for (i = 0; i < n && rc == 0; i++) {
		path = nv_xasprintf("%s/%s.pdf", print_dir, pub[i]->id);
		dst = nv_xasprintf("%s/%s/%s.pdf", site_dir, nv_kind_dirs[pub[i]->kind],
				   pub[i]->id);
		if (nv_read_file(path, (size_t)256 << 20, &data) < 0 ||
		    nv_write_new_file(dst, data.ptr, data.len) < 0) {
			nv_error(d, dst, 0, 0, "не удалось записать файл: %s", nv_strerror(errno));
			rc = -1;
		}
		free(path);
		free(dst);
	}
	nv_buf_release(&data);
	return rc;
}

/* --- what changed ------------------------------------------------------------- */

static void hash_stat(struct nv_hash *h, const struct stat *st, bool *racy)
{
	bool recent;

	nv_hash_hash(h, nv_file_stamp(st, &recent));
	if (recent)
		*racy = true;
}

/*
 * Every file below dir, by path and stamp (fs.h), read from the file
 * system only. *racy is set when a file changed within the last second:
 * then its stamp does not prove it unchanged.
 */
static int hash_tree(struct nv_hash *h, const char *dir, bool *racy)
{
	struct nv_strlist files = NV_STRLIST_INIT;
	struct nv_buf path = NV_BUF_INIT;
	struct stat st;
	size_t i;
	int rc = 0;

	nv_hash_str(h, dir);
	if (!nv_is_dir(dir))
		return 0;
	if (nv_walk(dir, &files) < 0)
		return -1;
	for (i = 0; i < files.nr && rc == 0; i++) {
		nv_buf_reset(&path);
		nv_buf_addf(&path, "%s/%s", dir, files.v[i]);
		nv_hash_str(h, files.v[i]);
		if (stat(path.ptr, &st) < 0)
			rc = -1;
		else
			hash_stat(h, &st, racy);
	}
	nv_strlist_release(&files);
	nv_buf_release(&path);
	return rc;
}

/*
 * What every output depends on: the program, its options and the theme.
 * -1 when the theme cannot be read or changed just now.
 */
static int setup_key(const struct nv_build_opts *o, const char *theme, struct nv_hash *h)
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

/*
 * The fingerprint of a build's inputs from the file system alone (setup:
 * setup_key's, or NULL when it proves nothing), or "" when it proves
 * nothing (a file is unreadable or changed just now).
 */
static void fingerprint(const struct nv_build_opts *o, const struct nv_hash *setup, char out[33])
{
	struct nv_hash h;
	bool racy = false;

	out[0] = '\0';
	if (!setup)
		return;
	h = *setup;
	if (hash_tree(&h, o->content, &racy) == 0 && !racy)
		nv_hash_hex(h, out);
}

/*
 * The global key: everything but the documents' texts — setup_key's
 * (program, options, theme), data files, attachments, and every
 * document's name and front matter. Every output depends on it; a
 * document's own outputs depend on its text too (entry_key). Attachments
 * count by their stamps. -1 when it proves nothing.
 */
static int global_key(const struct nv_hash *setup, const struct nv_model *m, struct nv_hash *h)
{
	const struct nv_content *c = m->content;
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

/* A document's outputs depend on G, its text, and its appendices' (printed in it). */
static struct nv_hash entry_key(struct nv_hash g, const struct nv_entry *e)
{
	struct nv_hash h = g;
	size_t i;

	nv_hash_hash(&h, e->doc->hash);
	for (i = 0; i < e->nappendices; i++)
		if (e->appendices[i].doc)
			nv_hash_hash(&h, e->appendices[i].doc->doc->hash);
	return h;
}

/* The files a document's outputs are, relative to the output folder. */
static void entry_outputs(const struct nv_build_opts *o, const struct nv_entry *e, bool public_pdf,
			  struct nv_strlist *out)
{
	const char *dir = nv_kind_dirs[e->kind];

	nv_strlist_addf(out, "site/%s/%s.html", dir, e->id);
	if (e->kind == NV_KIND_ROADMAP)
		nv_strlist_addf(out, "site/%s/%s.ics", dir, e->id);
	if (o->pdf && public_pdf)
		nv_strlist_addf(out, "site/%s/%s.pdf", dir, e->id);
	if (o->pdf && printable(e))
		nv_strlist_addf(out, "print/%s.pdf", e->id);
}

/* --- the manifest ------------------------------------------------------------- */

/*
 * OUT/.nastavnik-manifest, a text file:
 *
 *   nastavnik-manifest 2
 *   fingerprint HEX      (empty when it proves nothing)
 *   global HEX           (the global key)
 *   title TEXT           (the section title, for the message)
 *   HEX PATH             (one line per output of a document: its key)
 *
 * Every other output (lists, home page, feed, assets …) depends on the
 * global key alone.
 */
struct record {
	char *path;
	char key[33];
};

struct manifest {
	char fingerprint[33], global[33];
	char *title;
	struct record *v;
	size_t nr, alloc;
};

static void manifest_release(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->nr; i++)
		free(m->v[i].path);
	free(m->v);
	free(m->title);
	memset(m, 0, sizeof(*m));
}

static void manifest_add(struct manifest *m, const char *key, const char *path)
{
	NV_GROW(m->v, m->nr + 1, m->alloc);
	m->v[m->nr].path = nv_xstrdup(path);
	memcpy(m->v[m->nr].key, key, 33);
	m->nr++;
}

static int cmp_record(const void *a, const void *b)
{
	return strcmp(((const struct record *)a)->path, ((const struct record *)b)->path);
}

static const char *manifest_key(const struct manifest *m, const char *path)
{
	struct record k, *hit;

	k.path = (char *)path;
	hit = bsearch(&k, m->v, m->nr, sizeof(*m->v), cmp_record);
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

/* The manifest of the last build, sorted by path; false if there is none. */
static bool manifest_read(const char *out, struct manifest *m)
{
	struct nv_buf b = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/.nastavnik-manifest", out), *p, *eol;
	bool ok = false;

	memset(m, 0, sizeof(*m));
	if (nv_read_file(path, (size_t)256 << 20, &b) < 0)
		goto out;
	p = b.ptr;
	if (strncmp(p, "nastavnik-manifest 2\n", 21))
		goto out;
	p += 21;
	if (!read_field(&p, "fingerprint", m->fingerprint) ||
	    !read_field(&p, "global", m->global) || strncmp(p, "title ", 6) ||
	    !(eol = strchr(p, '\n')))
		goto out;
	m->title = nv_xmemdupz(p + 6, (size_t)(eol - p - 6));
	for (p = eol + 1; *p; p = eol + 1) {
		if (!(eol = strchr(p, '\n')) || eol - p < 34 || p[32] != ' ')
			goto out;
		*eol = '\0';
		p[32] = '\0';
		manifest_add(m, p, p + 33);
	}
	qsort(m->v, m->nr, sizeof(*m->v), cmp_record);
	ok = true;
out:
	if (!ok)
		manifest_release(m);
	nv_buf_release(&b);
	free(path);
	return ok;
}

static void manifest_write(const char *out, const struct manifest *m)
{
	struct nv_buf b = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/.nastavnik-manifest", out);
	size_t i;

	nv_buf_addf(&b, "nastavnik-manifest 2\nfingerprint %s\nglobal %s\ntitle %s\n",
		    m->fingerprint, m->global, m->title ? m->title : "");
	for (i = 0; i < m->nr; i++)
		nv_buf_addf(&b, "%s %s\n", m->v[i].key, m->v[i].path);
	/* Without a manifest the next build is simply a full one. */
	if (nv_write_file(path, b.ptr, b.len) < 0)
		unlink(path);
	nv_buf_release(&b);
	free(path);
}

/* --- the build ---------------------------------------------------------------- */

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
static void manifest_update(const struct nv_build_opts *o, const struct nv_model *m,
			    const struct nv_html_state *site, const bool *render,
			    const struct nv_hash *keys, const struct manifest *old,
			    struct manifest *new, struct nv_strlist *gone)
{
	const struct nv_entry *const *pub;
	const struct nv_entry **sorted;
	struct nv_strlist all = NV_STRLIST_INIT, now = NV_STRLIST_INIT;
	size_t i, k, npub = nv_html_public_pdfs(site, &pub);
	bool *drop = render ? nv_xcalloc(old->nr + 1, sizeof(*drop)) : NULL;
	struct record key, *hit;
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
		entry_outputs(o, e, bsearch(&e, sorted, npub, sizeof(*sorted), cmp_ptr) != NULL,
			      &now);
		nv_hash_hex(keys[i], hex);
		for (k = 0; k < now.nr; k++)
			manifest_add(new, hex, now.v[k]);
		if (!render)
			continue;
		/* What it had last time is replaced, or gone. */
		nv_strlist_release(&all);
		entry_outputs(o, e, true, &all);
		for (k = 0; k < all.nr; k++) {
			key.path = all.v[k];
			hit = bsearch(&key, old->v, old->nr, sizeof(*old->v), cmp_record);
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
			manifest_add(new, old->v[i].key, old->v[i].path);
	qsort(new->v, new->nr, sizeof(*new->v), cmp_record);
	nv_strlist_release(&all);
	nv_strlist_release(&now);
	free(sorted);
	free(drop);
}

static bool outputs_in_place(const struct nv_build_opts *o)
{
	char *site = nv_xasprintf("%s/site/search-index.json", o->out);
	char *print = nv_xasprintf("%s/print", o->out);
	bool ok = nv_exists(site) && (!o->pdf || nv_is_dir(print));

	free(site);
	free(print);
	return ok;
}

/* Remove the files of gone (relative to out); a missing one is fine. */
static void remove_gone(const char *out, const struct nv_strlist *gone)
{
	size_t i;

	for (i = 0; i < gone->nr; i++) {
		char *path = nv_xasprintf("%s/%s", out, gone->v[i]);
		unlink(path);
		free(path);
	}
}

/*
 * Which documents to render again: those whose key differs from the last
 * build's key of their page. Returns how many.
 */
static size_t changed_entries(const struct nv_model *m, const struct nv_hash *keys,
			      const struct manifest *old, bool *render)
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
		was = manifest_key(old, path.ptr);
		nv_hash_hex(keys[i], key);
		render[i] = !was || strcmp(was, key);
		n += render[i];
	}
	nv_buf_release(&path);
	return n;
}

enum nv_build_status nv_build(const struct nv_build_opts *o, struct nv_diags *d, char **title,
			      size_t *updated)
{
	struct nv_content content, prev;
	struct nv_model model;
	struct nv_html_opts opts;
	struct nv_html_state *site = NULL;
	struct nv_outdir out = { NULL, NULL }, print_out = { NULL, NULL };
	struct nv_print_state *ps = NULL;
	struct manifest old, new;
	struct nv_strlist gone = NV_STRLIST_INIT;
	struct nv_hash setup, g = NV_HASH_INIT, *keys = NULL;
	char *final = NULL, *print_final = NULL, *theme = NULL, *search = NULL;
	char fp[33], global[33] = "";
	bool model_built = false, have_old, partial = false, setup_ok, *render = NULL;
	int jobs = o->jobs > 0 ? o->jobs : nv_cpu_count(), r;
	size_t i, nchanged = 0;
	enum nv_build_status rc = NV_BUILD_FAILED;

	memset(&content, 0, sizeof(content));
	memset(&new, 0, sizeof(new));
	theme = theme_dir();
	setup_ok = setup_key(o, theme, &setup) == 0;
	fp[0] = '\0';
	/* A preview server builds when a file changed: no need to look for one. */
	if (!o->keep)
		fingerprint(o, setup_ok ? &setup : NULL, fp);
	have_old = !o->force && manifest_read(o->out, &old);
	if (have_old && *fp && !strcmp(fp, old.fingerprint) && outputs_in_place(o)) {
		if (title)
			*title = nv_xstrdup(old.title);
		rc = NV_BUILD_UNCHANGED;
		goto out;
	}
	if (o->keep) {
		/* The preview server: documents not changed since are taken, not parsed. */
		prev = *o->keep;
		memset(o->keep, 0, sizeof(*o->keep));
		r = 0;
		if (!o->changed || !nv_content_update(&content, &prev, o->changed))
			r = nv_content_reload(&content, o->content, jobs, &prev, d);
		nv_content_release(&prev);
	} else {
		r = nv_content_load_jobs(&content, o->content, jobs, d);
	}
	if (r < 0)
		goto out;
	nv_model_build_jobs(&model, &content, o->drafts, jobs, d);
	model_built = true;
	if (d->errors) {
		rc = NV_BUILD_CONTENT_ERRORS;
		goto out;
	}
	if (!nv_is_dir(theme)) {
		nv_diag_hint(
			nv_error(d, theme, 0, 0, "не найдена тема оформления"),
			"запустите сборку в каталоге проекта nastavnik или установите программу "
			"(make install)");
		goto out;
	}

	/* What changed since the last build: a global key, and one per document. */
	keys = nv_xcalloc(model.nentries + 1, sizeof(*keys));
	render = nv_xcalloc(model.nentries + 1, sizeof(*render));
	if (global_key(setup_ok ? &setup : NULL, &model, &g) == 0)
		nv_hash_hex(g, global);
	for (i = 0; i < model.nentries; i++)
		keys[i] = entry_key(g, model.entries[i]);
	partial = have_old && *global && !strcmp(global, old.global) && outputs_in_place(o);
	nchanged = partial ? changed_entries(&model, keys, &old, render) : 0;
	if (partial && nchanged == 0) {
		/* Only times changed (a file saved as it was): remember the new fingerprint. */
		memcpy(old.fingerprint, fp, sizeof(fp));
		manifest_write(o->out, &old);
		if (title)
			*title = nv_xstrdup(model.site.section_title);
		rc = NV_BUILD_UNCHANGED;
		goto out;
	}

	if (o->pdf && !(ps = nv_print_new(&model, d)))
		goto out; /* the font is missing: the error says which */
	final = nv_xasprintf("%s/site", o->out);
	print_final = nv_xasprintf("%s/print", o->out);
	search = nv_xasprintf("%s/search-index.json", final);
again:
	if (begin_out(&out, final, d) < 0 || (o->pdf && begin_out(&print_out, print_final, d) < 0))
		goto abort;
	memset(&opts, 0, sizeof(opts));
	opts.out = out.staging;
	opts.theme_dir = theme;
	opts.override_dir = "theme";
	opts.base_url = o->base_url;
	opts.fragment = o->fragment;
	opts.pdf = o->pdf;
	opts.jobs = jobs;
	opts.render = partial ? render : NULL;
	opts.prev_search = search;
	site = nv_html_new(&opts);
	r = nv_html_render(site, &model, d);
	if (r == -2) {
		/* The last search index cannot be patched: build everything. */
		nv_outdir_abort(&out);
		nv_outdir_abort(&print_out);
		nv_html_free(site);
		site = NULL;
		partial = false;
		goto again;
	}
	if (r < 0 || (o->pdf && print_all(ps, &model, opts.render, jobs, site, print_out.staging,
					  out.staging, d) < 0))
		goto abort;
	manifest_update(o, &model, site, opts.render, keys, have_old ? &old : NULL, &new, &gone);
	if (partial) {
		/* Files replaced one by one: no manifest until all are in place. */
		char *path = nv_xasprintf("%s/.nastavnik-manifest", o->out);
		unlink(path);
		free(path);
		if (nv_outdir_merge(&out) < 0 || (o->pdf && nv_outdir_merge(&print_out) < 0)) {
			nv_error(d, final, 0, 0, "не удалось обновить папку: %s",
				 nv_strerror(errno));
			goto abort;
		}
		remove_gone(o->out, &gone);
	} else {
		if (nv_outdir_commit(&out) < 0) {
			nv_error(d, final, 0, 0, "не удалось заменить папку: %s",
				 nv_strerror(errno));
			goto abort;
		}
		if (o->pdf && nv_outdir_commit(&print_out) < 0) {
			nv_error(d, print_final, 0, 0, "не удалось заменить папку: %s",
				 nv_strerror(errno));
			goto out;
		}
	}
	if (title)
		*title = nv_xstrdup(model.site.section_title);
	memcpy(new.fingerprint, fp, sizeof(fp));
	memcpy(new.global, global, sizeof(global));
	new.title = nv_xstrdup(model.site.section_title);
	manifest_write(o->out, &new);
	if (updated)
		*updated = partial ? nchanged : 0;
	rc = NV_BUILD_OK;
	goto out;
abort:
	nv_outdir_abort(&out);
	nv_outdir_abort(&print_out);
out:
	nv_html_free(site);
	nv_print_free(ps);
	if (model_built)
		nv_model_release(&model);
	if (o->keep)
		*o->keep = content;
	else
		nv_content_release(&content);
	if (have_old)
		manifest_release(&old);
	manifest_release(&new);
	nv_strlist_release(&gone);
	free(keys);
	free(render);
	free(final);
	free(print_final);
	free(search);
	free(theme);
	return rc;
}
