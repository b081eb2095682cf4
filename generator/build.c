/*
 * build.c: one whole build; see build.h.
 */
#include "common.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "build.h"
#include "build_cache.h"
#include "build_git.h"
#include "build_int.h"
#include "build_members.h"
#include "diag.h"
#include "fs.h"
#include "html.h"
#include "markdown.h"
#include "model.h"
#include "model_cache.h"
#include "model_report.h"
#include "print.h"
#include "project.h"
#include "guard.h"
#include "threads.h"

#ifndef NV_DATADIR
#define NV_DATADIR "/usr/local/share/nastavnik"
#endif

char *nv_build_theme_dir(void)
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

void bld_test_pause(const char *point)
{
	const char *v = getenv("NV_TEST_PAUSE"), *at;
	long ms;

	if (!v || !*v)
		return;
	ms = strtol(v, NULL, 10);
	at = strchr(v, ':');
	if (ms <= 0 || (at && strcmp(at + 1, point)))
		return;
	nanosleep(&(struct timespec){ ms / 1000, (ms % 1000) * 1000000L }, NULL);
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

/* --- the build ---------------------------------------------------------------- */

/* The state of one build, shared by its steps. */
struct build {
	const struct nv_build_opts *o;
	struct nv_diags *d;
	int jobs;
	char *theme, *final, *print_final, *search;
	struct nv_hash setup;
	bool setup_ok;
	char fp[33], global[33];
	struct nv_manifest old, new;
	bool have_old;
	struct nv_project p;
	struct nv_hash *keys;
	bool *render;
	size_t nchanged;
	enum nv_cache_plan plan;
	struct nv_outdir out, print_out;
	/*
	 * Where this build writes: the staging trees, or, for the preview
	 * server's rebuild of some documents (in_place), its own private
	 * folders themselves. Nobody publishes those, and the server answers
	 * no request while it builds, so the swap of a whole new tree would
	 * only cost time: linking and removing every file of a large site.
	 */
	const char *site_dir, *print_dir;
	bool in_place;
	size_t hand_warnings; /* of warn_touched() */
	bool linked;	      /* the last outputs' files linked into staging (nv_outdir_link()) */
	bool pdf;	      /* PDFs are made: o->pdf, unless the font is missing */
	bool no_print;	      /* o->pdf, but the font is missing: the site alone */
	struct nv_html_state *html;
	struct nv_print_state *ps;
	bool *pdf_public;     /* bld_public_pdfs() of the render in progress */
	size_t *pdf_sizes;    /* bld_pdf_sizes() of the render in progress */
	struct nv_buf report; /* the printed справка (NV_REPORT_PDF), empty without PDFs */
	struct nv_strlist gone;
	struct nv_git_history hist; /* the revisions of the content (build_git.h) */
	/* A department's members (build_members.h): their data are not in its files. */
	bool dept;
	struct nv_org_members members;
	int lock; /* the descriptor that holds the lock of o->out, or -1 */
	/* The steps of the bodies read as the site rendered (build_bodies.c) found errors. */
	bool body_errors;
	size_t loaded; /* the diagnostics of the load and the model */
	bool made_out; /* o->out did not exist before this build */
	/* A one-shot build's checks' results, read from o->out and written back (model_cache.h). */
	struct nv_check_cache *checks;
	char *checks_file;
	char *bodies; /* the bodies' summaries kept between builds (md_summary.h), or NULL */
	char *fronts; /* the same for the front matters' trees */
	/* The fingerprint's setup and git head; the fingerprint is taken after the load. */
	struct nv_hash fp_setup;
	bool fp_later;
	/* What of checks and bodies the next build reads, made beside the render: keep(). */
	struct nv_async keeping;
	bool kept, checks_ok;
	struct nv_buf checks_out, bodies_out;
};

/*
 * Make what this build leaves for the next one (the checks' results and
 * the bodies' summaries) into b->checks_out and b->bodies_out. It reads
 * only the model's results and the parsed bodies, which stay as they are
 * once the trees to render are parsed: it runs on a thread of its own
 * while the site renders (keep_start()).
 */
static void *keep(void *arg)
{
	struct build *b = arg;

	if (b->checks)
		b->checks_ok = nv_check_cache_encode(b->checks, &b->checks_out) == 0;
	if (b->bodies)
		nv_project_bodies(&b->p, &b->bodies_out);
	return NULL;
}

/* Start keep() beside the render, once per build. */
static void keep_start(struct build *b)
{
	if (!b->kept && !b->o->keep) {
		b->kept = true;
		nv_async_start(&b->keeping, keep, b);
	}
}

/* keep()'s results, made now when it did not run beside the render. */
static void keep_done(struct build *b)
{
	if (!b->kept) {
		b->kept = true;
		keep(b);
	}
	nv_async_join(&b->keeping);
}

/*
 * Lock the output folder against another build (creating it first when
 * create), then remove what builds cut short left there. Returns 0, or
 * -1 with a diagnostic.
 */
static int lock_out(struct build *b, bool create)
{
	const char *w = getenv("NV_TEST_LOCK_WAIT");
	char *path;
	int rc = -1;

	if (b->lock >= 0)
		return 0;
	if (create && nv_mkdir_p(b->o->out) < 0) {
		nv_error(b->d, b->o->out, 0, 0, "не удалось создать папку: %s", nv_strerror(errno));
		return -1;
	}
	b->lock = nv_outdir_lock(b->o->out, w && *w ? atoi(w) : NV_BUILD_LOCK_WAIT_MS);
	if (b->lock < 0 && errno == EWOULDBLOCK) {
		nv_diag_hint(nv_error(b->d, b->o->out, 0, 0,
				      "в эту папку уже идёт другая сборка nastavnik"),
			     "дождитесь её окончания (или остановите её) и запустите сборку снова");
	} else if (b->lock < 0) {
		nv_error(b->d, b->o->out, 0, 0, "не удалось открыть папку: %s", nv_strerror(errno));
	} else {
		path = nv_xasprintf("%s/site", b->o->out);
		nv_outdir_clean(path);
		free(path);
		path = nv_xasprintf("%s/print", b->o->out);
		nv_outdir_clean(path);
		free(path);
		rc = 0;
	}
	return rc;
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

/*
 * Remove the files of gone ("site/…", "print/…") from the trees being
 * written, site and print (NULL without PDFs); a missing one is fine.
 */
static void remove_gone(const char *site, const char *print, const struct nv_strlist *gone)
{
	size_t i;
	char *path;

	for (i = 0; i < gone->nr; i++) {
		if (!strncmp(gone->v[i], "site/", 5))
			path = nv_xasprintf("%s/%s", site, gone->v[i] + 5);
		else if (print && !strncmp(gone->v[i], "print/", 6))
			path = nv_xasprintf("%s/%s", print, gone->v[i] + 6);
		else
			continue;
		unlink(path);
		free(path);
	}
}

/*
 * What was changed by hand in the trees the last build left (OUT/site,
 * and OUT/print with PDFs) since it sealed them (fs.h): a file put in or
 * edited, one removed. A rebuild of some documents would carry that into
 * the new trees, and a build with nothing to do would leave it there.
 */
struct touched {
	const char *dir[2], *id[2]; /* id: as the last build recorded it */
	struct nv_strlist files[2], dirs[2];
	size_t n;
	bool unsealed; /* a tree not sealed (fs.h): its times prove nothing */
};

/* On a thread, beside the fingerprint of content/, which stats as many files. */
static void *find_touched(void *arg)
{
	struct touched *t = arg;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!nv_outdir_touched(t->dir[i], t->id[i], &t->files[i], &t->dirs[i]))
			t->unsealed = true;
	return NULL;
}

/*
 * A warning for each tree of t changed by hand; whether the trees are no
 * start for this build: one was changed, or is not sealed (a build cut
 * off after linking its files, a PDF printed into it, a copy).
 */
static bool warn_touched(struct build *b, struct touched *t)
{
	struct nv_diag *w;
	size_t i, more;
	char *path, *others;

	for (i = 0; i < t->n; i++) {
		w = NULL;
		if (t->files[i].nr) {
			more = t->files[i].nr - 1;
			path = nv_xasprintf("%s/%s", t->dir[i], t->files[i].v[0]);
			others = more ? nv_xasprintf(" (и ещё %zu %s)", more,
						     nv_plural(more, "файл", "файла", "файлов"))
				      : nv_xstrdup("");
			w = nv_warning(b->d, path, 0, 0,
				       "файл положен или изменён в папке сборки вручную, после "
				       "прошлой сборки%s",
				       others);
			free(others);
			free(path);
		} else if (t->dirs[i].nr) {
			path = *t->dirs[i].v[0] ? nv_xasprintf("%s/%s", t->dir[i], t->dirs[i].v[0])
						: nv_xstrdup(t->dir[i]);
			w = nv_warning(
				b->d, path, 0, 0,
				"в папке сборки вручную удалены или переименованы файлы, после "
				"прошлой сборки");
			free(path);
		}
		if (w) {
			b->hand_warnings++;
			nv_diag_hint(w, "сборка делает папку заново, и ручные правки в неё не "
					"попадут; то, что должно быть на сайте, кладите в content/ "
					"(файлы — в content/files/): тогда сборка проверит и "
					"опубликует это сама");
		}
		nv_strlist_release(&t->files[i]);
		nv_strlist_release(&t->dirs[i]);
	}
	return b->hand_warnings > 0 || t->unsealed;
}

/* Nothing changed since the last build, judged by the file system alone. */
static bool unchanged_on_disk(struct build *b)
{
	const struct nv_build_opts *o = b->o;

	struct nv_cache_opts co = { o->base_url, o->drafts, o->fragment, o->pdf };
	struct touched t;
	struct nv_async look;
	char head[41];

	b->theme = nv_build_theme_dir();
	b->setup_ok = nv_cache_setup_key(&co, b->theme, &b->setup) == 0;
	b->have_old = !o->force && nv_manifest_read(o->out, o->pdf, &b->old);
	memset(&t, 0, sizeof(t));
	/* The preview server's own folder is no one else's to change. */
	if (b->have_old && !o->keep) {
		t.dir[t.n] = b->final;
		t.id[t.n++] = b->old.tree;
		if (o->pdf) {
			t.dir[t.n] = b->print_final;
			t.id[t.n++] = b->old.print_tree;
		}
		nv_async_start(&look, find_touched, &t);
	}
	/* A preview server builds when a file changed: no need to look for one. */
	if (!o->keep) {
		/* A new commit is a change too: it adds a revision. */
		nv_git_head(o->content, head);
		b->fp_setup = b->setup;
		nv_hash_str(&b->fp_setup, head);
		/*
		 * With no last build to compare with, it is taken after the load,
		 * from its walk and its reads (nv_cache_fingerprint_loaded()).
		 */
		b->fp_later = !b->have_old;
		if (!b->fp_later)
			nv_cache_fingerprint(o->content, b->setup_ok ? &b->fp_setup : NULL, b->fp);
	}
	if (t.n) {
		nv_async_join(&look);
		/* Then the trees are built whole, as if there were no last build. */
		if (warn_touched(b, &t)) {
			nv_manifest_release(&b->old);
			b->have_old = false;
			b->fp_later = true;
		}
	}
	return nv_cache_unchanged(b->have_old ? &b->old : NULL, b->fp, outputs_in_place(o));
}

/* The keys of this build and what it has to render. */
static void plan(struct build *b)
{
	const struct nv_model *m = &b->p.model;
	struct nv_hash g = NV_HASH_INIT;
	size_t i;

	b->keys = nv_xcalloc(m->nentries + 1, sizeof(*b->keys));
	b->render = nv_xcalloc(m->nentries + 1, sizeof(*b->render));
	/*
	 * The sitemap and the feed show each document's last commit date;
	 * each page, its own revisions.
	 */
	if (nv_cache_global_key(b->setup_ok ? &b->setup : NULL, &b->p.content, &g) == 0) {
		nv_git_hash_lastmods(&g, &b->hist, m);
		nv_hash_hex(g, b->global);
	}
	for (i = 0; i < m->nentries; i++) {
		b->keys[i] = nv_cache_entry_key(g, m->entries[i]);
		nv_git_hash_revs(&b->keys[i], &b->hist, m->entries[i]->path);
	}
	b->plan = nv_cache_plan(b->have_old ? &b->old : NULL, b->global, outputs_in_place(b->o), m,
				b->keys, b->render, &b->nchanged);
}

/*
 * The render of the site by the html back end, which reads the bodies of
 * a deferred load as it goes (build_bodies.c): their errors drop the
 * messages a build that read them first would not have reached.
 */
static int render_html(struct build *b, struct nv_html_opts *opts)
{
	struct nv_diags rendered = NV_DIAGS_INIT;
	struct bld_bodies *bodies = NULL;
	int r;

	if (b->p.model.later) {
		bodies = bld_bodies_new(&b->p, b->jobs);
		opts->bodies = bld_bodies_hook(bodies);
	}
	b->html = nv_html_new(opts);
	r = nv_html_render(b->html, &b->p.model, bodies ? &rendered : b->d);
	if (!bodies)
		return r;
	b->body_errors = !bld_bodies_end(bodies, &rendered, b->d, b->loaded);
	if (b->body_errors)
		return -1;
	keep_start(b);
	return r;
}

/*
 * Render the site into a staging folder (and start the print one). A
 * rebuild of some documents whose last search index cannot be patched
 * becomes a whole build. Returns 0, or -1 with the staging folders
 * abandoned.
 */
static int render_site(struct build *b)
{
	const struct nv_build_opts *o = b->o;
	struct nv_html_opts opts;
	int r;

	for (;;) {
		/* The bodies' summaries are made from the trees bld_parse_trees() may parse. */
		nv_async_join(&b->keeping);
		if (!b->p.content.defer &&
		    bld_parse_trees(&b->p.model, b->plan == NV_PLAN_SOME ? b->render : NULL, b->pdf,
				    b->jobs, b->d) < 0)
			return -1;
		/* Bodies read as they render are summarised after. */
		if (!b->p.model.later)
			keep_start(b);
		b->in_place = b->plan == NV_PLAN_SOME && o->keep;
		if (b->in_place) {
			b->site_dir = b->final;
			b->print_dir = b->print_final;
		} else if (begin_out(&b->out, b->final, b->d) < 0 ||
			   (b->pdf && begin_out(&b->print_out, b->print_final, b->d) < 0)) {
			return -1;
		} else {
			b->site_dir = b->out.staging;
			b->print_dir = b->print_out.staging;
		}
		/* A rebuild of some documents starts from a copy of the last outputs. */
		if (b->plan == NV_PLAN_SOME && !b->in_place) {
			b->linked = true;
			if (nv_outdir_link(&b->out) < 0 ||
			    (b->pdf && nv_outdir_link(&b->print_out) < 0)) {
				nv_error(b->d, b->final, 0, 0, "не удалось подготовить папку: %s",
					 nv_strerror(errno));
				return -1;
			}
		}
		bld_test_pause("staged");
		memset(&opts, 0, sizeof(opts));
		opts.out = b->site_dir;
		opts.theme_dir = b->theme;
		opts.override_dir = "theme";
		opts.base_url = o->base_url;
		opts.fragment = o->fragment;
		opts.pdf = b->pdf;
		opts.jobs = b->jobs;
		opts.render = b->plan == NV_PLAN_SOME ? b->render : NULL;
		opts.prev_search = b->search;
		opts.shown_out = b->final;
		opts.history = &b->hist;
		opts.members = &b->members;
		opts.report_pdf_size = b->report.len;
		free(b->pdf_public);
		b->pdf_public =
			b->pdf ? bld_public_pdfs(b->ps, &b->p.model, opts.render, b->d) : NULL;
		opts.pdf_public = b->pdf_public;
		if (b->pdf &&
		    bld_print_all(b->ps, &b->p.model, opts.render, b->jobs, b->print_dir, b->d) < 0)
			return -1;
		free(b->pdf_sizes);
		b->pdf_sizes =
			b->pdf ? bld_pdf_sizes(&b->p.model, b->pdf_public, b->print_dir) : NULL;
		opts.pdf_sizes = b->pdf_sizes;
		r = render_html(b, &opts);
		if (r != -2)
			return r;
		nv_outdir_abort(&b->out);
		nv_outdir_abort(&b->print_out);
		nv_html_free(b->html);
		b->html = NULL;
		b->plan = NV_PLAN_WHOLE;
	}
}

/*
 * Seal the trees in place (fs.h), the next build's proof that nobody
 * changed them after this one: after a commit (the print folder again
 * after the site's swap, which removes an older site that may share PDFs
 * with it), a new manifest, or a rebuild given up that had linked their
 * files (which changes their ctime).
 */
static void seal(struct build *b)
{
	nv_outdir_seal(b->final);
	if (b->pdf)
		nv_outdir_seal(b->print_final);
}

/*
 * Put the staged trees in place, each with its manifest: the print
 * folder, then the site. Each swap is atomic (fs.h); between the two
 * the trees come from two builds, which each tree's own manifest tells
 * the next build. A build in place has only its manifests to write.
 * Returns 0 or -1.
 */
static int commit(struct build *b)
{
	const struct nv_build_opts *o = b->o;

	if (nv_manifest_write(b->site_dir, "site/", &b->new) < 0 ||
	    (b->pdf && nv_manifest_write(b->print_dir, "print/", &b->new) < 0)) {
		nv_error(b->d, b->final, 0, 0, "не удалось записать файл: %s", nv_strerror(errno));
		return -1;
	}
	if (b->in_place)
		return 0;
	bld_test_pause("manifest");
	if (b->pdf && nv_outdir_commit(&b->print_out) < 0) {
		nv_error(b->d, b->print_final, 0, 0, "не удалось заменить папку: %s",
			 nv_strerror(errno));
		return -1;
	}
	/* A build killed between the two swaps leaves the new print folder sealed. */
	if (b->pdf)
		nv_outdir_seal(b->print_final);
	bld_test_pause("between");
	if (nv_outdir_commit(&b->out) < 0) {
		nv_error(b->d, b->final, 0, 0, "не удалось заменить папку: %s", nv_strerror(errno));
		return -1;
	}
	seal(b);
	nv_manifest_remove_legacy(o->out);
	return 0;
}

/*
 * Print the справка into b->report, kept only when the guard finds in its
 * text nobody the website may not name (it shows the curator as the
 * website does, so it never should): else it is neither linked nor
 * published.
 */
static int print_report(struct build *b)
{
	const struct nv_model *m = &b->p.model;
	struct nv_guard *own = m->guard ? NULL : nv_guard_new(m);
	struct nv_buf text = NV_BUF_INIT;
	int rc = nv_print_report(b->ps, &b->report, NULL, &text);

	if (rc == 0 && nv_guard_leaks(m->guard ? m->guard : own, text.ptr, text.len, false))
		nv_buf_truncate(&b->report, 0);
	nv_buf_release(&text);
	nv_guard_free(own);
	return rc;
}

/* The printed справка into the print folder and beside monitoring.html. */
static int write_report(struct build *b)
{
	char *path = nv_xasprintf("%s/%s", b->print_dir, NV_REPORT_PDF);
	char *dst = nv_xasprintf("%s/%s", b->site_dir, NV_REPORT_PDF);
	int rc = 0;

	if (nv_write_file(path, b->report.ptr, b->report.len) < 0 ||
	    nv_write_file(dst, b->report.ptr, b->report.len) < 0) {
		nv_error(b->d, dst, 0, 0, "не удалось записать файл: %s", nv_strerror(errno));
		rc = -1;
	}
	free(path);
	free(dst);
	return rc;
}

/* Render, print and put in place what plan() decided; returns the status. */
static enum nv_build_status write_outputs(struct build *b)
{
	const struct nv_model *m = &b->p.model;
	const struct nv_entry *const *pub;
	const bool *render;
	size_t npub, mark = b->d->nr;

	if (b->pdf && !(b->ps = nv_print_new(m, b->d))) {
		/*
		 * The font is missing (the error says which): a font never
		 * blocks the website. It is built whole without PDFs, and its
		 * manifest proves nothing, so that the next build builds all.
		 */
		b->pdf = false;
		b->no_print = true;
		b->plan = NV_PLAN_WHOLE;
		b->fp[0] = b->global[0] = '\0';
	}
	b->made_out = !nv_exists(b->o->out);
	if (lock_out(b, true) < 0)
		return NV_BUILD_FAILED;
	b->search = nv_xasprintf("%s/search-index.json", b->final);
	/* printed first: the monitoring page states its size */
	if (b->pdf && print_report(b) < 0)
		goto abort;
	if (render_site(b) < 0)
		goto abort;
	render = b->plan == NV_PLAN_SOME ? b->render : NULL;
	if (b->pdf && bld_copy_public(b->html, b->print_dir, b->site_dir, b->d) < 0)
		goto abort;
	if (b->report.len && write_report(b) < 0)
		goto abort;
	bld_test_pause("rendered");
	npub = nv_html_public_pdfs(b->html, &pub);
	nv_manifest_update(b->pdf, m, pub, npub, render, b->keys, b->have_old ? &b->old : NULL,
			   &b->new, &b->gone);
	remove_gone(b->site_dir, b->pdf ? b->print_dir : NULL, &b->gone);
	memcpy(b->new.fingerprint, b->fp, sizeof(b->fp));
	memcpy(b->new.global, b->global, sizeof(b->global));
	b->new.title = nv_xstrdup(m->site.section_title);
	/* Not the documents': `check` would not show them (nor do they come back). */
	b->new.warnings = b->d->warnings - b->hand_warnings;
	if (commit(b) < 0)
		goto abort;
	return b->no_print ? NV_BUILD_NO_PRINT : NV_BUILD_OK;
abort:
	/* A file that could not be written is named in the folder the user knows. */
	if (b->out.staging)
		nv_diags_rename(b->d, mark, b->out.staging, b->final);
	if (b->print_out.staging)
		nv_diags_rename(b->d, mark, b->print_out.staging, b->print_final);
	nv_outdir_abort(&b->out);
	nv_outdir_abort(&b->print_out);
	/* Untouched when this build began, as the links to them are gone again. */
	if (b->linked)
		seal(b);
	if (!b->body_errors)
		return NV_BUILD_FAILED;
	/* The content's errors, found as it rendered: no output folder, as without. */
	if (b->made_out)
		rmdir(b->o->out);
	return NV_BUILD_CONTENT_ERRORS;
}

/*
 * Only times changed: record the new fingerprint in each tree's manifest,
 * each written atomically (the outputs they describe stay as they are).
 */
static void update_fingerprint(struct build *b)
{
	char *dir = nv_xasprintf("%s/site", b->o->out);

	b->old.warnings = b->d->warnings;
	nv_manifest_write(dir, "site/", &b->old);
	free(dir);
	if (b->o->pdf) {
		dir = nv_xasprintf("%s/print", b->o->out);
		nv_manifest_write(dir, "print/", &b->old);
		free(dir);
	}
	seal(b);
}

/*
 * A file for the next build, written atomically, readable by its owner
 * alone (diagnostics and headings name people); a failed write costs the
 * next build only time.
 */
static void write_kept(const char *file, const struct nv_buf *bytes)
{
	nv_remove_temps(file);
	nv_write_file_mode(file, bytes->ptr, bytes->len, 0600);
}

/* What the next build takes from this one, once its outputs are in place (keep()). */
static void write_kept_all(struct build *b, enum nv_build_status rc)
{
	/*
	 * From a build without errors. A file that cannot be written is no
	 * error: the last one stays, and each of its results holds for the
	 * key it names.
	 */
	if (b->checks && rc != NV_BUILD_FAILED && !b->d->errors) {
		keep_done(b);
		if (b->checks_ok)
			write_kept(b->checks_file, &b->checks_out);
	}
	/* What this build parsed, the next one need not. */
	if (b->bodies && b->p.loaded && (rc == NV_BUILD_OK || rc == NV_BUILD_UNCHANGED)) {
		keep_done(b);
		write_kept(b->bodies, &b->bodies_out);
	}
}

/* After the load: check, plan, then render and print what changed; returns the status. */
static enum nv_build_status write_site(struct build *b)
{
	const struct nv_build_opts *o = b->o;
	enum nv_build_status rc;

	if (b->fp_later)
		nv_cache_fingerprint_loaded(&b->p.content, b->setup_ok ? &b->fp_setup : NULL,
					    b->fp);
	/* The printer reads the trees of orders' appendices too: they are all read first. */
	if (o->pdf)
		nv_project_read_bodies(&b->p, b->jobs, true, b->d);
	b->loaded = b->d->nr;
	if (b->d->errors)
		return NV_BUILD_CONTENT_ERRORS;
	if (nv_html_check_fragment(
		    &(struct nv_html_opts){ .base_url = o->base_url, .fragment = o->fragment },
		    &b->p.model, b->d) < 0)
		return NV_BUILD_FAILED;
	if (!nv_is_dir(b->theme)) {
		nv_diag_hint(
			nv_error(b->d, b->theme, 0, 0, "не найдена тема оформления"),
			"запустите сборку в каталоге проекта nastavnik или установите программу "
			"(make install)");
		return NV_BUILD_FAILED;
	}
	nv_git_history_load(&b->hist, o->content, b->d);
	nv_git_history_guard(&b->hist, &b->p.model, b->d);
	nv_members_load(&b->members, &b->p.model, b->jobs, b->d);
	plan(b);
	if (b->dept || b->p.model.site.members)
		b->plan = NV_PLAN_WHOLE; /* the members' data may have changed: build all */
	if (b->plan == NV_PLAN_UNCHANGED) {
		/* Only times changed (a file saved as it was): remember the new fingerprint. */
		memcpy(b->old.fingerprint, b->fp, sizeof(b->fp));
		update_fingerprint(b);
		rc = NV_BUILD_UNCHANGED;
	} else {
		rc = write_outputs(b);
	}
	return rc;
}

static enum nv_build_status run(struct build *b, struct nv_build_result *r)
{
	const struct nv_build_opts *o = b->o;
	struct nv_project_opts po = { o->content, o->drafts, b->jobs, o->keep,
				      o->changed, !o->keep,  NULL };
	enum nv_build_status rc;

	po.checks = o->keep ? o->checks : NULL;
	b->final = nv_xasprintf("%s/site", o->out);
	b->print_final = nv_xasprintf("%s/print", o->out);
	/*
	 * The bodies and front matters kept by the last build (md_summary.h):
	 * not with --force, which parses all.
	 */
	if (!o->keep) {
		b->bodies = nv_xasprintf("%s/.nastavnik-bodies", o->out);
		b->fronts = nv_xasprintf("%s/.nastavnik-fronts", o->out);
	}
	po.bodies = o->force ? NULL : b->bodies;
	po.fronts = o->force ? NULL : b->fronts;
	/* An output folder that exists is locked before its manifest is read. */
	if (nv_is_dir(o->out) && lock_out(b, false) < 0)
		return NV_BUILD_FAILED;
	b->dept = nv_members_declared(o->content);
	if (unchanged_on_disk(b) && !b->dept) {
		if (r) {
			r->title = nv_xstrdup(b->old.title);
			r->warnings = b->old.warnings;
		}
		return NV_BUILD_UNCHANGED;
	}
	if (!o->keep) {
		/* The preview server keeps its own, in memory (o->checks). */
		b->checks_file = nv_xasprintf("%s/%s", o->out, NV_CHECKS_FILE);
		b->checks = o->force ? nv_check_cache_new() : nv_check_cache_read(b->checks_file);
		po.checks = b->checks;
	}
	/*
	 * The load writes the front matters' trees into the output folder
	 * before this build has written anything: only into a folder locked
	 * and known as ours by the last build's manifest.
	 */
	po.fronts_file = b->have_old && b->lock >= 0 ? b->fronts : NULL;
	/*
	 * A whole build reads each body as it renders it (build_bodies.c); a
	 * rebuild of some parses only the trees it renders (bld_parse_trees()).
	 */
	po.defer = !o->keep && (!b->have_old || o->force);
	if (nv_project_load(&b->p, &po, b->d) < 0)
		return NV_BUILD_FAILED;
	rc = write_site(b);
	/* A build that stopped before it rendered reads the bodies for their messages. */
	nv_project_read_bodies(&b->p, b->jobs, false, b->d);
	write_kept_all(b, rc);
	if (r && rc != NV_BUILD_FAILED)
		r->title = nv_xstrdup(b->p.model.site.section_title);
	return rc;
}

enum nv_build_status nv_build(const struct nv_build_opts *o, struct nv_diags *d,
			      struct nv_build_result *r)
{
	struct build b;
	enum nv_build_status rc;

	memset(&b, 0, sizeof(b));
	b.report = b.checks_out = b.bodies_out = (struct nv_buf)NV_BUF_INIT;
	b.o = o;
	b.d = d;
	b.jobs = o->jobs > 0 ? o->jobs : nv_cpu_count();
	b.lock = -1;
	b.pdf = o->pdf;
	rc = run(&b, r);
	nv_async_join(&b.keeping);
	nv_buf_release(&b.checks_out);
	nv_buf_release(&b.bodies_out);
	if (r && rc == NV_BUILD_OK)
		r->updated = b.plan == NV_PLAN_SOME ? b.nchanged : 0;
	nv_print_free(b.ps);
	nv_buf_release(&b.report);
	if (!o->exit_after || o->keep) {
		nv_html_free(b.html);
		/* The next build may take the model over (model_cache.h). */
		if (o->keep && o->checks && b.p.loaded)
			nv_check_cache_keep_model(o->checks, &b.p.model);
		nv_project_keep(&b.p, o->keep);
		if (b.have_old)
			nv_manifest_release(&b.old);
		nv_manifest_release(&b.new);
	}
	nv_strlist_release(&b.gone);
	nv_members_release(&b.members);
	if (b.hist.files)
		nv_git_history_release(&b.hist);
	free(b.keys);
	free(b.render);
	free(b.pdf_public);
	free(b.pdf_sizes);
	free(b.final);
	free(b.print_final);
	free(b.search);
	free(b.theme);
	free(b.checks_file);
	if (!o->exit_after)
		nv_check_cache_free(b.checks);
	free(b.bodies);
	free(b.fronts);
	nv_outdir_unlock(b.lock);
	return rc;
}
