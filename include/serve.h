/*
 * serve.h: the preview server behind `nastavnik serve`.
 *
 * The server builds the project with nv_build() into a private temporary
 * folder (never the project's output/), serves its site/ over HTTP on the
 * loopback interface and rebuilds whenever something changes in the
 * watched folders (content/ and the theme, with inotify: every subfolder,
 * new ones included). Changes are debounced: a build starts once the
 * folders have been quiet for NV_SERVE_DEBOUNCE_MS, or only
 * NV_SERVE_QUICK_MS when every change was a file saved in place (an
 * editor's save: the build then reads that file alone, and a change
 * that follows is built next).
 *
 * Reloading: every HTML response (not the files on disk) gets a small
 * script before </body> that carries the version it was served with and
 * polls GET /__nastavnik/version; when the answer differs (a build has
 * finished, or the server was restarted) the page reloads itself.
 *
 * A failed build (content errors, or an environment error such as a
 * missing font) keeps the last good site on disk, but every page request
 * (HTML files, folders, missing paths) is answered with an error page in
 * Russian that lists the diagnostics with file:line:col, the source line
 * and the hint. Its status is 500, so that tools and `curl -f` see the
 * failure; the reload script polls a separate URL, so the page still
 * turns back into the site as soon as a build succeeds. Assets (CSS,
 * scripts, PDFs) are still served from the last good build.
 *
 * Requests: GET and HEAD only (405 with Allow otherwise); no request
 * bodies (413); request line and headers limited to NV_SERVE_MEMORY_LIMIT
 * bytes (libmicrohttpd answers 414 or 431); a Host other than the
 * loopback names is refused (403: DNS rebinding); ".." segments are
 * refused (403), names starting with "." are hidden (404), and every path
 * is resolved with realpath() and must stay inside the site folder
 * (symbolic links pointing out: 403). A folder URL without its final
 * slash is redirected (302) so relative links work; a folder serves its
 * index.html.
 *
 * Everything runs on the caller's thread: requests are answered between
 * builds, never during one, so the state needs no locking and a request
 * that comes in during a build waits for the new site.
 *
 * Library code: nothing here prints. Build results go to a callback; the
 * command prints them.
 */
#ifndef NV_SERVE_H
#define NV_SERVE_H

#include "common.h"

#include "build.h"

struct nv_diags;
struct nv_serve;

#define NV_SERVE_DEBOUNCE_MS  150   /* quiet time after the last change */
#define NV_SERVE_QUICK_MS     20    /* … when every change named a file written in place */
#define NV_SERVE_MAX_WAIT_MS  2000  /* build at the latest this long after the first */
#define NV_SERVE_MEMORY_LIMIT 65536 /* bytes per connection: request line + headers */

/* What one build did; valid only during the callback. */
struct nv_serve_report {
	unsigned long number; /* 1 for the first build, then 2, 3, … */
	enum nv_build_status status;
	const struct nv_diags *diags; /* sorted: the build's diagnostics and the watcher's */
	long ms;		      /* wall time of the build */
};

struct nv_serve_opts {
	/*
	 * What to build: content folder, drafts, pdf… The output folder is
	 * ignored (the server uses its own temporary folder).
	 */
	struct nv_build_opts build;
	int port;		  /* TCP port on 127.0.0.1; 0 picks a free one */
	const char *const *watch; /* folders to watch recursively, NULL-terminated */
	int stop_fd;		  /* readable (a signal handler wrote to its pipe) → stop */
	const char *tmpdir;	  /* where to make the private folder; NULL: $TMPDIR or /tmp */
	void (*on_build)(void *ctx, const struct nv_serve_report *r);
	void *ctx;
};

/*
 * Create the private output folder, bind 127.0.0.1:port, set up the
 * watches. Nothing is built yet (see nv_serve_rebuild()). Returns NULL
 * after adding an error to d (the port is taken, inotify is missing…),
 * with nothing left behind. The strings in o are borrowed and must live
 * as long as the server; free the server with nv_serve_free().
 */
struct nv_serve *nv_serve_new(const struct nv_serve_opts *o, struct nv_diags *d);

/* The port the server listens on (the one picked when o->port was 0). */
int nv_serve_port(const struct nv_serve *s);

/*
 * Rescan the watched folders, build now and report the result through
 * o->on_build. Pages opened before the build reload themselves.
 */
void nv_serve_rebuild(struct nv_serve *s);

/*
 * Answer requests and rebuild on changes until stop_fd becomes readable.
 * Returns 0 then, or -1 with an error added to d if waiting failed.
 */
int nv_serve_run(struct nv_serve *s, struct nv_diags *d);

/* Stop listening, remove the private folder and free s. NULL is fine. */
void nv_serve_free(struct nv_serve *s);

#endif
