/*
 * serve_int.h: private to serve*.c — the pages the preview server makes
 * itself (serve_page.c).
 */
#ifndef NV_SERVE_INT_H
#define NV_SERVE_INT_H

#include "common.h"

#include "build.h"

struct nv_buf;
struct nv_diags;

/*
 * Connections. Every client is on 127.0.0.1, so a limit per address would
 * be the same as the global one; what keeps idle clients (a browser's
 * speculative connections, a script holding sockets open) from locking
 * the browser out is the pair below. A connection that has sent or
 * received nothing for NV_SERVE_IDLE_TIMEOUT_S seconds is closed, so even
 * NV_SERVE_CONN_LIMIT idle sockets hold their places for at most that
 * long; connections beyond the limit wait in the kernel's queue (listen
 * backlog SOMAXCONN) and are taken as places free up. The reload script
 * polls every 300 ms, well inside the timeout, so an open page keeps its
 * connection. The limit leaves room under the usual 1024 descriptors for
 * the files a build opens.
 */
#define NV_SERVE_CONN_LIMIT	256
#define NV_SERVE_IDLE_TIMEOUT_S 2

/* Where a page asks for the version of the site it shows. */
#define VERSION_URL "/__nastavnik/version"

/*
 * Append the script added to every HTML response. It knows the version
 * the page was served with, so a build that ends between the response
 * and the first poll is not missed. While the server is away it keeps polling,
 * slower; a restarted server has another version, so the page reloads.
 */
void nv_serve_reload_script(struct nv_buf *b, const char *version);

/* Copy len bytes of html into out with the reload script before the last </body>. */
void nv_serve_inject(struct nv_buf *out, const char *version, const char *html, size_t len);

/*
 * Make b (reset first) the page shown instead of the site while the last
 * build's status is not NV_BUILD_OK: its diagnostics d, as the terminal
 * shows them, and the reload script.
 */
void nv_serve_error_page(struct nv_buf *b, enum nv_build_status status, const struct nv_diags *d,
			 const char *version);

/* Make b (reset first) the page of a URL the section does not have. */
void nv_serve_not_found_page(struct nv_buf *b, const char *version);

/* ---- URLs (serve.c): pure functions, also for tests/fuzz ------------ */

/*
 * Decode %XX in the NUL-terminated s in place, as libmicrohttpd's own
 * unescaper does, except "%00": a NUL would silently cut the path short
 * ("/a.html%00.png" → "/a.html"), so it stays as it is and names no file.
 * Malformed escapes stay as they are. Returns the new length; s never
 * grows and holds no NUL before it.
 */
size_t nv_serve_unescape(char *s);

/*
 * Check a decoded URL path segment by segment: a path not starting with
 * "/" is a bad request (400); ".." anywhere is an attack (403); "." and
 * hidden names (.nastavnik-output) are not part of the site (404).
 * Returns 0 when the path may be looked up under the site folder.
 */
unsigned int nv_serve_check_path(const char *url);

/*
 * Append to loc the Location of the folder URL url (decoded) with a
 * final slash: encoded again, percent-escaping every byte outside the
 * unreserved and sub-delimiter characters, and with runs of slashes
 * written as one, so that "//host/" never names another server.
 */
void nv_serve_location(struct nv_buf *loc, const char *url);

#endif
