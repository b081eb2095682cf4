/*
 * build_git.c: the revision history of the content from Git (build_git.h).
 *
 * One revwalk per build: each commit with at most one parent is diffed
 * against its parent (the empty tree for the first commit) with a
 * pathspec of the content folder, so that Git skips every unchanged
 * subtree by its id; the files of each diff get the commit appended.
 * The walk is newest first, so each file's list is too.
 */
#include "build_git.h"

#include <git2.h>
#include <limits.h>

#include "alloc.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "lazylib.h"
#include "model.h"
#include "strmap.h"
#include "utf8.h"

static void free_revs(void *p);

/* Whether the user turned the history off (NASTAVNIK_NO_HISTORY=1). */
static bool history_off(void)
{
	const char *v = getenv(NV_GIT_OFF_ENV);

	return v && !strcmp(v, "1");
}

/* The libgit2 message of the last error, for a note. */
static const char *git_why(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "неизвестная ошибка";
}

static void note(struct nv_diags *d, const char *hint, const char *fmt, const char *arg)
{
	struct nv_diag *n = nv_diag_add(d, NV_NOTE, NULL, 0, 0, fmt, arg);

	if (hint)
		nv_diag_hint(n, "%s", hint);
}

/* The author date of c as a calendar day in the author's time zone. */
static struct nv_date author_day(const git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	int64_t t = (int64_t)a->when.time + (int64_t)a->when.offset * 60;
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	return nv_date_from_days((long)days);
}

/* The first line of c's message, trimmed; NULL when empty or not UTF-8. */
static char *first_line(const git_commit *c)
{
	const char *m = git_commit_message(c);
	size_t n, bad;
	char *line;

	if (!m)
		return NULL;
	while (*m == ' ' || *m == '\t' || *m == '\n' || *m == '\r')
		m++;
	n = strcspn(m, "\r\n");
	while (n && (m[n - 1] == ' ' || m[n - 1] == '\t'))
		n--;
	if (!n || !nv_utf8_valid(m, n, &bad))
		return NULL;
	/* No control character reaches a page (a tab reads as a space). */
	for (bad = 0; bad < n; bad++)
		if (((unsigned char)m[bad] < 0x20 && m[bad] != '\t') || m[bad] == 0x7F)
			return NULL;
	line = nv_xmemdupz(m, n);
	for (bad = 0; bad < n; bad++)
		if (line[bad] == '\t')
			line[bad] = ' ';
	return line;
}

struct walk {
	struct nv_git_history *h;
	const char *shown; /* the model's name of the content folder, "content" */
	size_t prefix_len; /* the length of its path in the repository, with '/' */
};

static void record(struct walk *w, const char *repo_path, const git_commit *c)
{
	struct nv_git_revs *r;
	struct nv_git_rev *v;
	char *path = nv_xasprintf("%s/%s", w->shown, repo_path + w->prefix_len);

	r = nv_strmap_get(w->h->files, path);
	if (!r) {
		r = nv_xcalloc(1, sizeof(*r));
		r->path = path;
		nv_strmap_put(w->h->files, r->path, r);
	} else {
		free(path);
	}
	NV_GROW(r->v, r->nr + 1, r->alloc);
	v = &r->v[r->nr++];
	v->date = author_day(c);
	v->msg = first_line(c);
	git_oid_tostr(v->id, sizeof(v->id), git_commit_id(c));
}

/* Diff one commit against its parent and record the files it changed. */
static int walk_commit(struct walk *w, git_repository *repo, const git_diff_options *opts,
		       const git_oid *id)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	const git_diff_delta *dl;
	size_t i;
	int rc = -1;

	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	if (git_commit_parentcount(c) > 1) {
		rc = 0; /* a merge: its changes are the commits it brings in */
		goto out;
	}
	if (git_commit_tree(&tree, c) < 0 ||
	    (git_commit_parentcount(c) == 1 &&
	     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) ||
	    git_diff_tree_to_tree(&diff, repo, ptree, tree, opts) < 0)
		goto out;
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		dl = git_diff_get_delta(diff, i);
		if (dl->status == GIT_DELTA_DELETED)
			continue;
		if (strlen(dl->new_file.path) > w->prefix_len)
			record(w, dl->new_file.path, c);
	}
	rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

/* The walk itself; returns 0 or -1 with libgit2's error. */
static int walk_all(struct walk *w, git_repository *repo, const char *prefix)
{
	git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
	git_revwalk *rw = NULL;
	git_oid id;
	char *spec = (char *)prefix;
	int rc = -1, r;

	opts.pathspec.strings = &spec;
	opts.pathspec.count = *prefix ? 1 : 0;
	opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	if (git_revwalk_new(&rw, repo) < 0 || git_revwalk_sorting(rw, GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(rw) < 0)
		goto out;
	while ((r = git_revwalk_next(&id, rw)) == 0)
		if (walk_commit(w, repo, &opts, &id) < 0)
			goto out;
	rc = r == GIT_ITEROVER ? 0 : -1;
out:
	git_revwalk_free(rw);
	return rc;
}

/*
 * The path of the folder content inside the work tree of repo, with a
 * trailing '/' ("content/", "site/content/"), or NULL outside it.
 */
static char *repo_prefix(git_repository *repo, const char *content)
{
	const char *wd = git_repository_workdir(repo);
	char *abs_wd, *abs_c, *p = NULL;
	size_t n;

	if (!wd)
		return NULL;
	abs_wd = realpath(wd, NULL);
	abs_c = realpath(content, NULL);
	if (abs_wd && abs_c) {
		n = strlen(abs_wd);
		if (!strncmp(abs_c, abs_wd, n) && abs_c[n] == '/')
			p = nv_xasprintf("%s/", abs_c + n + 1);
		else if (!strcmp(abs_c, abs_wd))
			p = nv_xstrdup("");
	}
	free(abs_wd);
	free(abs_c);
	return p;
}

/* Whether dir/name exists; b is scratch. */
static bool has(struct nv_buf *b, const char *dir, const char *name)
{
	nv_buf_reset(b);
	nv_buf_addf(b, "%s/%s", strcmp(dir, "/") ? dir : "", name);
	return nv_exists(b->ptr);
}

/*
 * Whether content may be in a Git repository: some folder from it up to
 * the root has .git, or is a bare repository (HEAD, objects, refs), as
 * libgit2 looks. Without one, libgit2 is not loaded at all.
 */
static bool maybe_repo(const char *content)
{
	char *dir = realpath(content, NULL), *slash;
	struct nv_buf b = NV_BUF_INIT;
	bool yes = false;

	while (dir && !yes) {
		yes = has(&b, dir, ".git") ||
		      (has(&b, dir, "HEAD") && has(&b, dir, "objects") && has(&b, dir, "refs"));
		slash = strrchr(dir, '/');
		if (!slash || !strcmp(dir, "/"))
			break;
		slash[slash == dir] = '\0'; /* "/a" becomes "/" */
	}
	free(dir);
	nv_buf_release(&b);
	return yes;
}

/*
 * Open the repository of content: 0, 1 when there is none, 2 when it
 * belongs to another user (Git refuses it: CI containers), -1 on another
 * error.
 */
static int open_repo(git_repository **repo, const char *content)
{
	int r = git_repository_open_ext(repo, content, 0, NULL);

	if (r == GIT_ENOTFOUND)
		return 1;
	if (r == GIT_EOWNER)
		return 2;
	return r < 0 ? -1 : 0;
}

static void load(struct nv_git_history *h, git_repository *repo, const char *content,
		 struct nv_diags *d)
{
	struct walk w = { h, content, 0 };
	git_oid head;
	char *prefix;

	if (git_repository_is_shallow(repo) == 1) {
		note(d,
		     "в CI скачайте всю историю: «git fetch --unshallow» или «fetch-depth: 0» "
		     "(GitHub, Forgejo), «GIT_DEPTH: 0» (GitLab)",
		     "история редакций не показана: неполная копия репозитория (%s)",
		     "shallow clone");
		return;
	}
	if (git_reference_name_to_id(&head, repo, "HEAD") < 0)
		return; /* no commit yet: nothing to show, nothing to say */
	prefix = repo_prefix(repo, content);
	if (!prefix) {
		note(d, NULL, "история редакций не показана: папка %s вне рабочей копии Git",
		     content);
		return;
	}
	w.prefix_len = strlen(prefix);
	if (walk_all(&w, repo, prefix) < 0) {
		note(d, NULL, "история редакций не показана: не удалось прочитать историю Git: %s",
		     git_why());
		nv_strmap_free(h->files, free_revs);
		h->files = nv_strmap_new();
	} else {
		git_oid_tostr(h->head, sizeof(h->head), &head);
	}
	free(prefix);
}

void nv_git_history_load(struct nv_git_history *h, const char *content, struct nv_diags *d)
{
	git_repository *repo = NULL;
	bool inited = false;
	int r;

	memset(h, 0, sizeof(*h));
	h->files = nv_strmap_new();
	if (history_off())
		return;
	if (!maybe_repo(content))
		r = 1;
	else if (nv_lib_load(NV_LIB_GIT2, NULL) < 0)
		r = 3;
	else {
		git_libgit2_init();
		inited = true;
		r = open_repo(&repo, content);
	}
	if (r == 1)
		note(d, "чтобы страницы показывали редакции, храните проект в репозитории Git",
		     "история редакций не показана: папка %s не в репозитории Git", content);
	else if (r == 2)
		note(d,
		     "разрешите его: git config --global --add safe.directory ПАПКА_РЕПОЗИТОРИЯ "
		     "(или соберите от имени владельца)",
		     "история редакций не показана: репозиторий папки %s принадлежит другому "
		     "пользователю",
		     content);
	else if (r == 3)
		note(d, "установите зависимости: sh scripts/deps.sh",
		     "история редакций не показана: %s", nv_lib_why(NV_LIB_GIT2));
	else if (r < 0)
		note(d, NULL,
		     "история редакций не показана: не удалось открыть репозиторий Git: %s",
		     git_why());
	else
		load(h, repo, content, d);
	if (inited) {
		git_repository_free(repo);
		git_libgit2_shutdown();
	}
}

void nv_git_hold(bool hold)
{
	if (hold)
		git_libgit2_init();
	else
		git_libgit2_shutdown();
}

void nv_git_head(const char *content, char out[41])
{
	git_repository *repo = NULL;
	git_oid id;

	out[0] = '\0';
	if (history_off() || !maybe_repo(content) || nv_lib_load(NV_LIB_GIT2, NULL) < 0)
		return;
	git_libgit2_init();
	if (open_repo(&repo, content) == 0 && git_repository_is_shallow(repo) != 1 &&
	    git_reference_name_to_id(&id, repo, "HEAD") == 0)
		git_oid_tostr(out, 41, &id);
	git_repository_free(repo);
	git_libgit2_shutdown();
}

void nv_git_history_guard(struct nv_git_history *h, const struct nv_model *m, struct nv_diags *d)
{
	struct nv_guard *g;
	struct nv_git_revs *r;
	size_t i, k;

	if (!nv_strmap_count(h->files))
		return;
	g = nv_guard_new(m);
	for (i = 0; i < m->nentries; i++) {
		r = nv_strmap_get(h->files, m->entries[i]->path);
		for (k = 0; r && k < r->nr; k++) {
			if (!r->v[k].msg ||
			    !nv_guard_leaks(g, r->v[k].msg, strlen(r->v[k].msg), false))
				continue;
			nv_diag_hint(
				nv_warning(d, r->path, 0, 0,
					   "сообщение коммита %s называет человека, которого "
					   "сайт не показывает: в редакциях показана только дата",
					   r->v[k].id),
				"чтобы показать текст, напишите редакции в поле «revision:» "
				"документа; история Git не меняется");
			free(r->v[k].msg);
			r->v[k].msg = NULL;
		}
	}
	nv_guard_free(g);
}

void nv_git_hash_revs(struct nv_hash *key, const struct nv_git_history *h, const char *path)
{
	const struct nv_git_revs *r = nv_git_revs_of(h, path);
	size_t i;

	for (i = 0; r && i < r->nr; i++) {
		nv_hash_add(key, &r->v[i].date, sizeof(r->v[i].date));
		nv_hash_str(key, r->v[i].msg);
	}
}

void nv_git_hash_lastmods(struct nv_hash *key, const struct nv_git_history *h,
			  const struct nv_model *m)
{
	const struct nv_git_revs *r;
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		r = nv_git_revs_of(h, m->entries[i]->path);
		if (r && r->nr)
			nv_hash_add(key, &r->v[0].date, sizeof(r->v[0].date));
		else
			nv_hash_str(key, "");
	}
	/* data.json is as of the newest commit, site.yml's too (nothing without Git). */
	r = m->site_yml ? nv_git_revs_of(h, m->site_yml) : NULL;
	if (r && r->nr)
		nv_hash_add(key, &r->v[0].date, sizeof(r->v[0].date));
}

static void free_revs(void *p)
{
	struct nv_git_revs *r = p;
	size_t i;

	for (i = 0; i < r->nr; i++)
		free(r->v[i].msg);
	free(r->v);
	free(r->path);
	free(r);
}

void nv_git_history_release(struct nv_git_history *h)
{
	nv_strmap_free(h->files, free_revs);
	memset(h, 0, sizeof(*h));
}
