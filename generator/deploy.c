/*
 * deploy.c: the plan and the driver of `nastavnik deploy` (deploy.h):
 * hash the built site, read the remote manifest, decide what to send and
 * remove, and do it in the order that never shows a visitor a page
 * whose styles or images are missing. The transfers themselves are in
 * deploy_remote.c.
 *
 * The manifest written to the server is always the one the server
 * really has: the last manifest read, with the files that arrived since
 * and without the files removed since. So a deploy cut short leaves a
 * manifest that lists nothing that did not arrive.
 */
#include "common.h"

#include <stdlib.h>
#include <time.h>

#include "alloc.h"
#include "buf.h"
#include "deploy.h"
#include "deploy_int.h"
#include "diag.h"
#include "fs.h"
#include "strlist.h"

/* Within a batch, the manifest is written again after this many seconds. */
#define MANIFEST_EVERY 2.0
/* The largest file a site may have (a long PDF is a few megabytes). */
#define FILE_MAX ((size_t)1 << 30)

enum nv_deploy_class nv_deploy_class(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	/* What lists or links to pages: a visitor must meet it after them. */
	if (!strcmp(base, "index.html") || !strcmp(base, "sitemap.xml") ||
	    !strcmp(base, "atom.xml") || !strncmp(base, "search-index.", 13))
		return NV_DEPLOY_INDEX;
	if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm")))
		return NV_DEPLOY_PAGE;
	return NV_DEPLOY_ASSET;
}

/* --- lists ---------------------------------------------------------------- */

void nv_deploy_list_add(struct nv_deploy_list *l, const char *path, const char *hash, uint64_t size)
{
	struct nv_deploy_file *f;

	NV_GROW(l->v, l->nr + 1, l->alloc);
	f = &l->v[l->nr++];
	f->path = nv_xstrdup(path);
	snprintf(f->hash, sizeof(f->hash), "%s", hash);
	f->size = size;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct nv_deploy_file *)a)->path,
		      ((const struct nv_deploy_file *)b)->path);
}

void nv_deploy_list_sort(struct nv_deploy_list *l)
{
	if (l->nr > 1)
		qsort(l->v, l->nr, sizeof(*l->v), by_path);
}

struct nv_deploy_file *nv_deploy_list_find(const struct nv_deploy_list *l, const char *path)
{
	struct nv_deploy_file key;

	if (!l->nr)
		return NULL;
	key.path = (char *)path;
	return bsearch(&key, l->v, l->nr, sizeof(*l->v), by_path);
}

void nv_deploy_list_release(struct nv_deploy_list *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Record f in the sorted list l: replace the record of its path, or insert it in order. */
static void list_set(struct nv_deploy_list *l, const struct nv_deploy_file *f)
{
	struct nv_deploy_file *hit = nv_deploy_list_find(l, f->path);
	size_t at;

	if (hit) {
		memcpy(hit->hash, f->hash, sizeof(hit->hash));
		hit->size = f->size;
		return;
	}
	for (at = l->nr; at > 0 && strcmp(l->v[at - 1].path, f->path) > 0; at--)
		;
	nv_deploy_list_add(l, f->path, f->hash, f->size);
	if (at < l->nr - 1) {
		struct nv_deploy_file added = l->v[l->nr - 1];

		memmove(&l->v[at + 1], &l->v[at], (l->nr - 1 - at) * sizeof(*l->v));
		l->v[at] = added;
	}
}

/* Drop the record of path from the sorted list l. */
static void list_drop(struct nv_deploy_list *l, const char *path)
{
	struct nv_deploy_file *hit = nv_deploy_list_find(l, path);
	size_t at;

	if (!hit)
		return;
	at = (size_t)(hit - l->v);
	free(hit->path);
	memmove(hit, hit + 1, (l->nr - at - 1) * sizeof(*l->v));
	l->nr--;
}

/* --- the manifest ----------------------------------------------------------- */

/* A path the manifest may name: relative, inside the folder, printable. */
static bool path_ok(const char *p)
{
	const char *s;

	if (!*p || *p == '/')
		return false;
	for (s = p; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return false;
	for (s = p; s; s = strchr(s, '/'), s = s ? s + 1 : NULL)
		if (!strncmp(s, "..", 2) && (s[2] == '/' || !s[2]))
			return false;
	return true;
}

int nv_deploy_manifest_parse(const char *text, size_t len, struct nv_deploy_list *out)
{
	char *copy = nv_xmalloc(len + 1), *line, *next, *end;
	unsigned long long size;
	bool ended = false;
	size_t i;

	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(out, 0, sizeof(*out));
	if (strlen(copy) != len || strncmp(copy, "nastavnik-deploy 1\n", 19))
		goto bad;
	for (line = copy + 19; *line && !ended; line = next) {
		next = strchr(line, '\n');
		if (!next)
			goto bad; /* cut short in the middle of a line */
		*next++ = '\0';
		if (!strcmp(line, "end")) {
			ended = !*next;
			if (!ended)
				goto bad;
			continue;
		}
		for (i = 0; i < 32 && strchr("0123456789abcdef", line[i]) && line[i]; i++)
			;
		if (i != 32 || line[32] != ' ' || line[33] < '0' || line[33] > '9')
			goto bad;
		errno = 0;
		size = strtoull(line + 33, &end, 10);
		if (errno || *end != ' ' || !path_ok(end + 1))
			goto bad;
		line[32] = '\0';
		nv_deploy_list_add(out, end + 1, line, size);
	}
	if (!ended)
		goto bad;
	free(copy);
	nv_deploy_list_sort(out);
	for (i = 1; i < out->nr; i++)
		if (!strcmp(out->v[i - 1].path, out->v[i].path)) {
			nv_deploy_list_release(out);
			return -1;
		}
	return 0;
bad:
	free(copy);
	nv_deploy_list_release(out);
	return -1;
}

void nv_deploy_manifest_format(const struct nv_deploy_list *l, struct nv_buf *out)
{
	size_t i;

	nv_buf_addf(out, "nastavnik-deploy 1\n");
	for (i = 0; i < l->nr; i++)
		nv_buf_addf(out, "%s %llu %s\n", l->v[i].hash, (unsigned long long)l->v[i].size,
			    l->v[i].path);
	nv_buf_addf(out, "end\n");
}

/* --- the plan --------------------------------------------------------------- */

static void hash_hex(const void *data, size_t len, char out[33])
{
	struct nv_hash h = NV_HASH_INIT;

	nv_hash_add(&h, data, len);
	nv_hash_hex(h, out);
}

int nv_deploy_scan(const char *dir, struct nv_deploy_guard *guard, struct nv_deploy_list *out,
		   size_t *refused, struct nv_diags *d)
{
	struct nv_strlist files = NV_STRLIST_INIT;
	struct nv_buf text = NV_BUF_INIT;
	char hex[33], *path = NULL;
	int rc = -1;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (nv_walk(dir, &files) < 0) {
		nv_diag_hint(nv_error(d, NULL, 0, 0, "не удалось прочитать папку %s: %s", dir,
				      nv_strerror(errno)),
			     "соберите сайт заново: nastavnik build");
		goto out;
	}
	for (i = 0; i < files.nr; i++) {
		free(path);
		path = nv_xasprintf("%s/%s", dir, files.v[i]);
		if (nv_read_file(path, FILE_MAX, &text) < 0) {
			nv_error(d, NULL, 0, 0, "не удалось прочитать %s: %s", path,
				 nv_strerror(errno));
			goto out;
		}
		if (guard && !nv_deploy_guard_file(guard, files.v[i], &text, d))
			++*refused;
		hash_hex(text.ptr, text.len, hex);
		nv_deploy_list_add(out, files.v[i], hex, text.len);
	}
	nv_deploy_list_sort(out);
	rc = *refused ? -1 : 0;
out:
	if (rc < 0)
		nv_deploy_list_release(out);
	free(path);
	nv_buf_release(&text);
	nv_strlist_release(&files);
	return rc;
}

void nv_deploy_diff(const struct nv_deploy_list *local, const struct nv_deploy_list *remote,
		    struct nv_deploy_plan *p)
{
	const struct nv_deploy_file *f, *was;
	int cls;
	size_t i;

	memset(p, 0, sizeof(*p));
	/* One pass per class keeps the paths sorted within each batch. */
	for (cls = NV_DEPLOY_ASSET; cls <= NV_DEPLOY_INDEX; cls++)
		for (i = 0; i < local->nr; i++) {
			f = &local->v[i];
			if ((int)nv_deploy_class(f->path) != cls)
				continue;
			was = nv_deploy_list_find(remote, f->path);
			if (was && !strcmp(was->hash, f->hash) && was->size == f->size) {
				p->unchanged++;
				continue;
			}
			nv_deploy_list_add(&p->send, f->path, f->hash, f->size);
			p->bytes += f->size;
		}
	for (i = 0; i < remote->nr; i++)
		if (!nv_deploy_list_find(local, remote->v[i].path))
			nv_deploy_list_add(&p->remove, remote->v[i].path, remote->v[i].hash,
					   remote->v[i].size);
}

void nv_deploy_plan_release(struct nv_deploy_plan *p)
{
	nv_deploy_list_release(&p->send);
	nv_deploy_list_release(&p->remove);
	memset(p, 0, sizeof(*p));
}

char *nv_deploy_url_shown(const char *url)
{
	const char *host = strstr(url, "://"), *at, *colon, *end;

	if (!host)
		return nv_xstrdup(url);
	host += 3;
	end = host + strcspn(host, "/");
	at = memchr(host, '@', (size_t)(end - host));
	colon = at ? memchr(host, ':', (size_t)(at - host)) : NULL;
	if (!colon)
		return nv_xstrdup(url);
	return nv_xasprintf("%.*s%s", (int)(colon - url), url, at);
}

/* --- the driver ------------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The state of one deploy. */
struct run {
	const struct nv_deploy_opts *o;
	struct nv_deploy_result *r;
	struct dpl_remote *remote;
	struct nv_deploy_list server; /* what the server has, as far as we know */
	bool dirty;		      /* server differs from the manifest on it */
	double written;		      /* when the manifest was last written */
	size_t done, total;
};

static int write_manifest(struct run *run, struct nv_diags *d)
{
	struct nv_buf text = NV_BUF_INIT;
	int rc;

	nv_deploy_manifest_format(&run->server, &text);
	rc = dpl_remote_put(run->remote, NV_DEPLOY_MANIFEST, text.ptr, text.len, d);
	nv_buf_release(&text);
	if (rc == 0) {
		run->dirty = false;
		run->written = now();
	}
	return rc;
}

static void progress(struct run *run, const char *path)
{
	if (run->o->progress)
		run->o->progress(run->o->ctx, run->done, run->total, path);
	run->done++;
}

/* Send the plan's files, class by class, writing the manifest after each batch. */
static int send_all(struct run *run, struct nv_diags *d)
{
	const struct nv_deploy_list *send = &run->r->plan.send;
	struct nv_buf text = NV_BUF_INIT;
	char *path = NULL, hex[33];
	size_t i;
	int rc = -1;

	for (i = 0; i < send->nr; i++) {
		const struct nv_deploy_file *f = &send->v[i];

		progress(run, f->path);
		free(path);
		path = nv_xasprintf("%s/%s", run->o->site, f->path);
		if (nv_read_file(path, FILE_MAX, &text) < 0) {
			nv_error(d, NULL, 0, 0, "не удалось прочитать %s: %s", path,
				 nv_strerror(errno));
			goto out;
		}
		hash_hex(text.ptr, text.len, hex);
		if (strcmp(hex, f->hash)) {
			nv_diag_hint(
				nv_error(d, NULL, 0, 0, "%s изменился во время публикации", path),
				"дождитесь конца сборки и повторите nastavnik deploy");
			goto out;
		}
		if (dpl_remote_put(run->remote, f->path, text.ptr, text.len, d) < 0)
			goto out;
		list_set(&run->server, f);
		run->dirty = true;
		run->r->sent++;
		run->r->bytes += f->size;
		if ((i + 1 == send->nr ||
		     nv_deploy_class(send->v[i + 1].path) != nv_deploy_class(f->path) ||
		     now() - run->written >= MANIFEST_EVERY) &&
		    write_manifest(run, d) < 0)
			goto out;
	}
	rc = 0;
out:
	free(path);
	nv_buf_release(&text);
	return rc;
}

static int longest_first(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	return lx != ly ? (lx < ly ? 1 : -1) : strcmp(x, y);
}

/*
 * The folders of removed files that hold no file of the site now, deepest
 * first, removed when empty: what a deploy made, it takes away.
 */
static void remove_folders(struct run *run, const struct nv_deploy_list *local)
{
	const struct nv_deploy_list *rm = &run->r->plan.remove;
	struct nv_strlist dirs = NV_STRLIST_INIT;
	struct nv_diags quiet = NV_DIAGS_INIT;
	size_t i, k, n;
	char *dir;

	for (i = 0; i < rm->nr; i++)
		for (n = strlen(rm->v[i].path); n > 0; n--) {
			if (rm->v[i].path[n - 1] != '/')
				continue;
			dir = nv_xasprintf("%.*s", (int)n, rm->v[i].path);
			for (k = 0; k < local->nr && strncmp(local->v[k].path, dir, n); k++)
				;
			if (k == local->nr && !nv_strlist_has(&dirs, dir))
				nv_strlist_add(&dirs, dir);
			free(dir);
		}
	if (dirs.nr > 1)
		qsort(dirs.v, dirs.nr, sizeof(*dirs.v), longest_first);
	/* A folder that stays (someone else's files in it) is not an error. */
	for (i = 0; i < dirs.nr; i++)
		dpl_remote_rmdir(run->remote, dirs.v[i], &quiet);
	nv_diags_release(&quiet);
	nv_strlist_release(&dirs);
}

static int remove_all(struct run *run, struct nv_diags *d)
{
	const struct nv_deploy_list *rm = &run->r->plan.remove;
	size_t i;

	for (i = 0; i < rm->nr; i++) {
		progress(run, rm->v[i].path);
		if (dpl_remote_delete(run->remote, rm->v[i].path, d) < 0)
			return -1;
		list_drop(&run->server, rm->v[i].path);
		run->dirty = true;
		run->r->removed++;
	}
	return 0;
}

int nv_deploy(const struct nv_deploy_opts *o, struct nv_deploy_result *r, struct nv_diags *d)
{
	struct run run = { o, r, NULL, { NULL, 0, 0 }, false, 0, 0, 0 };
	struct nv_deploy_list local = { NULL, 0, 0 };
	struct nv_buf text = NV_BUF_INIT;
	double start = now();
	int rc = -1, got;

	memset(r, 0, sizeof(*r));
	if (nv_deploy_scan(o->site, o->guard, &local, &r->refused, d) < 0)
		goto out;
	run.remote = dpl_remote_open(o->url, d);
	if (!run.remote)
		goto out;
	got = dpl_remote_get(run.remote, NV_DEPLOY_MANIFEST, &text, d);
	if (got < 0)
		goto out;
	/* No manifest, or one cut short: send everything, remove nothing. */
	if (got > 0 || nv_deploy_manifest_parse(text.ptr, text.len, &run.server) < 0)
		memset(&run.server, 0, sizeof(run.server));
	nv_deploy_diff(&local, &run.server, &r->plan);
	if (o->dry_run) {
		rc = 0;
		goto out;
	}
	run.total = r->plan.send.nr + r->plan.remove.nr;
	run.written = now();
	if (send_all(&run, d) < 0 || remove_all(&run, d) < 0)
		goto out;
	remove_folders(&run, &local);
	if (run.dirty && write_manifest(&run, d) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0 && run.dirty) {
		/* Keep what arrived; the connection may be gone, so its error is not news. */
		struct nv_diags quiet = NV_DIAGS_INIT;

		write_manifest(&run, &quiet);
		nv_diags_release(&quiet);
	}
	dpl_remote_close(run.remote);
	nv_deploy_list_release(&run.server);
	nv_deploy_list_release(&local);
	nv_buf_release(&text);
	r->seconds = now() - start;
	return rc;
}

void nv_deploy_result_release(struct nv_deploy_result *r)
{
	nv_deploy_plan_release(&r->plan);
	memset(r, 0, sizeof(*r));
}
