/*
 * build.c: one whole build; see build.h.
 */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "build.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "print.h"
#include "site.h"
#include "writer.h"

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

/*
 * Print every order, положение, program and roadmap into print_dir, and
 * copy the ones the site may publish next to their pages in site_dir.
 */
static int print_all(struct nv_print_state *ps, const struct nv_model *m,
		     const struct nv_site_state *site, const char *print_dir, const char *site_dir,
		     struct nv_diags *d)
{
	const struct nv_entry *const *pub;
	struct nv_buf data = NV_BUF_INIT;
	size_t i, n;
	char *path, *dst;
	int rc = 0;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (e->kind != NV_KIND_ORDER && e->kind != NV_KIND_POSITION &&
		    e->kind != NV_KIND_PROGRAM && e->kind != NV_KIND_ROADMAP)
			continue;
		path = nv_xasprintf("%s/%s.pdf", print_dir, e->id);
		if (nv_print_document(ps, e, path, NULL) < 0)
			rc = -1;
		free(path);
	}
	n = nv_site_public_pdfs(site, &pub);
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

/* FNV-1a, 64 bits, run twice with different seeds for a 128-bit print. */
struct fingerprint {
	uint64_t a, b;
};

static void fp_add(struct fingerprint *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		f->a = (f->a ^ p[i]) * 1099511628211u;
		f->b = (f->b ^ p[i]) * 1099511628211u;
		f->b ^= f->b >> 29;
	}
	/* A separator, so "ab"+"c" and "a"+"bc" differ. */
	f->a = (f->a ^ 0xFF) * 1099511628211u;
	f->b = (f->b ^ 0xFE) * 1099511628211u;
}

static void fp_stat(struct fingerprint *f, const struct stat *st)
{
	long long v[7] = { (long long)st->st_size,	  (long long)st->st_ino,
			   (long long)st->st_mtim.tv_sec, (long long)st->st_mtim.tv_nsec,
			   (long long)st->st_ctim.tv_sec, (long long)st->st_ctim.tv_nsec,
			   (long long)st->st_dev };

	fp_add(f, v, sizeof(v));
}

static void fp_str(struct fingerprint *f, const char *s)
{
	fp_add(f, s ? s : "", s ? strlen(s) : 0);
}

/*
 * Every file below dir, by path, size, times and inode: a write changes
 * the change time (ctime), which no editor or copy tool can set back, so
 * an edit is never missed, and nothing has to be read.
 */
static int fp_tree(struct fingerprint *f, const char *dir)
{
	struct nv_strlist files = NV_STRLIST_INIT;
	struct stat st;
	size_t i;
	int rc = 0;

	fp_str(f, dir);
	if (!nv_is_dir(dir))
		return 0;
	if (nv_walk(dir, &files) < 0)
		return -1;
	for (i = 0; i < files.nr && rc == 0; i++) {
		char *path = nv_xasprintf("%s/%s", dir, files.v[i]);
		fp_str(f, files.v[i]);
		if (stat(path, &st) < 0)
			rc = -1;
		else
			fp_stat(f, &st);
		free(path);
	}
	nv_strlist_release(&files);
	return rc;
}

/* The fingerprint of a build's inputs as text, or NULL if a file is unreadable. */
static char *fingerprint(const struct nv_build_opts *o, const char *theme)
{
	struct fingerprint f = { 14695981039346656037u, 0x9E3779B97F4A7C15u };
	struct stat self;

	fp_str(&f, "nastavnik " NV_VERSION);
	/* The program itself: a rebuilt nastavnik may render differently. */
	if (stat("/proc/self/exe", &self) == 0)
		fp_stat(&f, &self);
	fp_str(&f, o->base_url);
	fp_add(&f, (const char[]){ (char)o->drafts, (char)o->fragment, (char)o->pdf }, 3);
	if (fp_tree(&f, o->content) < 0 || fp_tree(&f, theme) < 0 || fp_tree(&f, "theme") < 0)
		return NULL;
	return nv_xasprintf("%016llx%016llx", (unsigned long long)f.a, (unsigned long long)f.b);
}

/*
 * The manifest of the last build: its fingerprint and the section title.
 * True when it matches fp and the output folders are there.
 */
static bool unchanged(const struct nv_build_opts *o, const char *fp, char **title)
{
	struct nv_buf m = NV_BUF_INIT, want = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/.nastavnik-manifest", o->out);
	char *site = nv_xasprintf("%s/site", o->out), *print = nv_xasprintf("%s/print", o->out);
	bool same = false;

	nv_buf_addf(&want, "nastavnik-manifest 1\nfingerprint %s\ntitle ", fp);
	if (nv_read_file(path, 65536, &m) == 0 && m.len > want.len &&
	    !memcmp(m.ptr, want.ptr, want.len) && nv_is_dir(site) &&
	    (!o->pdf || nv_is_dir(print))) {
		same = true;
		if (title) {
			char *t = nv_xmemdupz(m.ptr + want.len, m.len - want.len);
			t[strcspn(t, "\n")] = '\0';
			*title = t;
		}
	}
	nv_buf_release(&m);
	nv_buf_release(&want);
	free(path);
	free(site);
	free(print);
	return same;
}

static void write_manifest(const struct nv_build_opts *o, const char *fp, const char *title)
{
	char *path = nv_xasprintf("%s/.nastavnik-manifest", o->out);
	char *text = nv_xasprintf("nastavnik-manifest 1\nfingerprint %s\ntitle %s\n", fp, title);

	/* Without a manifest the next build is simply a full one. */
	if (nv_write_file(path, text, strlen(text)) < 0)
		unlink(path);
	free(text);
	free(path);
}

enum nv_build_status nv_build(const struct nv_build_opts *o, struct nv_diags *d, char **title)
{
	struct nv_content content;
	struct nv_model model;
	struct nv_site_opts opts;
	struct nv_site_state *site = NULL;
	struct nv_outdir out = { NULL, NULL }, print_out = { NULL, NULL };
	struct nv_print_state *ps = NULL;
	char *final = NULL, *print_final = NULL, *theme = NULL, *fp = NULL;
	bool model_built = false;
	enum nv_build_status rc = NV_BUILD_FAILED;

	memset(&content, 0, sizeof(content));
	theme = theme_dir();
	fp = fingerprint(o, theme);
	if (fp && !o->force && unchanged(o, fp, title)) {
		rc = NV_BUILD_UNCHANGED;
		goto out;
	}
	if (nv_content_load_jobs(&content, o->content, o->jobs > 0 ? o->jobs : nv_cpu_count(), d) <
	    0)
		goto out;
	nv_model_build(&model, &content, o->drafts, d);
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
	if (o->pdf && !(ps = nv_print_new(&model, d)))
		goto out; /* the font is missing: the error says which */
	final = nv_xasprintf("%s/site", o->out);
	if (begin_out(&out, final, d) < 0)
		goto out;
	if (o->pdf) {
		print_final = nv_xasprintf("%s/print", o->out);
		if (begin_out(&print_out, print_final, d) < 0)
			goto abort;
	}
	memset(&opts, 0, sizeof(opts));
	opts.out = out.staging;
	opts.theme_dir = theme;
	opts.override_dir = "theme";
	opts.base_url = o->base_url;
	opts.fragment = o->fragment;
	opts.pdf = o->pdf;
	opts.jobs = o->jobs > 0 ? o->jobs : nv_cpu_count();
	site = nv_site_new(&opts);
	if (nv_site_render(site, &model, d) < 0 ||
	    (o->pdf && print_all(ps, &model, site, print_out.staging, out.staging, d) < 0))
		goto abort;
	if (nv_outdir_commit(&out) < 0) {
		nv_error(d, final, 0, 0, "не удалось заменить папку: %s", nv_strerror(errno));
		goto abort;
	}
	if (o->pdf && nv_outdir_commit(&print_out) < 0) {
		nv_error(d, print_final, 0, 0, "не удалось заменить папку: %s", nv_strerror(errno));
		goto out;
	}
	if (title)
		*title = nv_xstrdup(model.site.section_title);
	if (fp)
		write_manifest(o, fp, model.site.section_title);
	rc = NV_BUILD_OK;
	goto out;
abort:
	nv_outdir_abort(&out);
	nv_outdir_abort(&print_out);
out:
	nv_site_free(site);
	nv_print_free(ps);
	if (model_built)
		nv_model_release(&model);
	nv_content_release(&content);
	free(final);
	free(print_final);
	free(theme);
	free(fp);
	return rc;
}
