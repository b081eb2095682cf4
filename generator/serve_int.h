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

#endif
