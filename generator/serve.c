/*
 * serve.c: the preview server; see serve.h.
 *
 * One thread does everything. libmicrohttpd runs in its external mode on
 * an epoll descriptor, and one poll() waits for it, for the inotify
 * descriptor and for the stop descriptor. When a change has been seen
 * and the folders have been quiet long enough, the loop builds; requests
 * wait meanwhile (the kernel queues the connections), so no request ever
 * sees the site folder half swapped.
 *
 * Watches: instead of keeping a map from watch descriptors to paths and
 * patching it on every created, moved or deleted folder, every build first
 * rescans the watched trees and adds a watch to each folder;
 * inotify_add_watch() on a folder already watched is a no-op. An event in
 * a new folder that comes before its watch is harmless: the build that
 * the folder's own creation triggered reads it anyway.
 */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "alloc.h"
#include "buf.h"
#include "build.h"
#include "build_git.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "model_cache.h"
#include "serve.h"
#include "serve_int.h"
#include "utf8.h"

#define WATCH_MASK                                                                          \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | \
	 IN_DELETE_SELF | IN_MOVE_SELF)
#define WATCH_DEPTH	64		   /* folders nested deeper are not watched */
#define MAX_HTML	((size_t)64 << 20) /* an HTML page larger than this is not served */
#define RESERVED_PREFIX "/__nastavnik/"

struct nv_serve {
	struct nv_serve_opts o;
	struct nv_build_opts build;    /* o.build with out = tmp */
	struct nv_content keep;	       /* the documents of the last build */
	struct nv_check_cache *checks; /* their checks' results (model_cache.h) */
	bool git_held;		       /* libgit2 kept set up between builds (build_git.h) */
	char *tmp;		       /* the private output folder */
	char *site;		       /* tmp/site: what is served */
	int port;
	int listen_fd;
	struct MHD_Daemon *mhd;
	int mhd_fd; /* libmicrohttpd's epoll descriptor */
	int inotify_fd;
	bool watch_warned; /* a watch failed once: do not repeat the warning */
	bool rewatch;	   /* folders may have appeared: add watches before building */
	char **wd_dirs;	   /* the folder of each watch descriptor */
	size_t wd_alloc;
	/*
	 * The files changed since the last build, as inotify named them, for
	 * the build to read only those; changed_known is false when some
	 * event did not name its file (a folder, a lost event).
	 */
	struct nv_strlist changed;
	bool changed_known;

	unsigned long number;	     /* builds done */
	unsigned long instance;	     /* tells this server from a restarted one */
	char version[64];	     /* what /__nastavnik/version answers */
	enum nv_build_status status; /* of the last build */
	struct nv_buf error_page;    /* the page shown while status is not OK */

	bool pending;			   /* a change waits for a build */
	int64_t first_change, last_change; /* ms, CLOCK_MONOTONIC */
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- watching --------------------------------------------------------- */

/* Add a watch to dir and, below depth WATCH_DEPTH, to every subfolder. */
static void watch_tree(struct nv_serve *s, const char *dir, int depth, struct nv_diags *d)
{
	uint32_t mask = WATCH_MASK | IN_ONLYDIR | (depth ? IN_DONT_FOLLOW : 0);
	struct dirent *de;
	struct stat st;
	DIR *dp;
	char *sub;

	int wd = inotify_add_watch(s->inotify_fd, dir, mask);

	if (wd >= 0) {
		size_t had = s->wd_alloc;
		NV_GROW(s->wd_dirs, (size_t)wd + 1, s->wd_alloc);
		memset(s->wd_dirs + had, 0, (s->wd_alloc - had) * sizeof(*s->wd_dirs));
		free(s->wd_dirs[wd]);
		s->wd_dirs[wd] = nv_xstrdup(dir);
	}
	if (wd < 0) {
		/* A folder that vanished meanwhile is no news: the build sees it. */
		if (errno != ENOENT && errno != ENOTDIR && !s->watch_warned) {
			s->watch_warned = true;
			nv_diag_hint(
				nv_warning(d, dir, 0, 0,
					   "не удалось следить за папкой: %s — изменения в ней "
					   "не пересоберут сайт",
					   nv_strerror(errno)),
				errno == ENOSPC ? "увеличьте fs.inotify.max_user_watches "
						  "(sysctl) и перезапустите nastavnik serve"
						: "перезапустите nastavnik serve");
		}
		return;
	}
	if (depth >= WATCH_DEPTH || !(dp = opendir(dir)))
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* hidden, like the content walk: also "." and ".." */
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		sub = nv_xasprintf("%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR || (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)))
			watch_tree(s, sub, depth + 1, d);
		free(sub);
	}
	closedir(dp);
}

/*
 * Remember which file an event changed. Only a file written or replaced
 * in place is named; a file created, deleted or moved away, a folder, or
 * a lost event makes the list unknown, and the build looks at everything.
 */
static void note_change(struct nv_serve *s, const struct inotify_event *ev)
{
	const uint32_t written = IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB;

	if (!ev->len || (ev->mask & IN_ISDIR) || !(ev->mask & written) ||
	    (ev->mask & ~(written | IN_ISDIR)) || ev->wd < 0 || (size_t)ev->wd >= s->wd_alloc ||
	    !s->wd_dirs[ev->wd]) {
		s->changed_known = false;
		return;
	}
	nv_strlist_addf(&s->changed, "%s/%s", s->wd_dirs[ev->wd], ev->name);
}

/*
 * Read every pending inotify event. True if one of them may change the
 * build: hidden names (editor swap files, ".#" locks) do not.
 */
static bool read_events(struct nv_serve *s)
{
	union {
		struct inotify_event ev;
		char bytes[16384];
	} buf;
	const struct inotify_event *ev;
	bool changed = false;
	ssize_t n, off;

	while ((n = read(s->inotify_fd, buf.bytes, sizeof(buf.bytes))) > 0) {
		for (off = 0; off + (ssize_t)sizeof(*ev) <= n; off += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)(buf.bytes + off);
			if (ev->mask & IN_IGNORED)
				continue;
			if (ev->len && ev->name[0] == '.')
				continue;
			changed = true; /* IN_Q_OVERFLOW too: something changed */
			note_change(s, ev);
			if ((ev->mask & IN_Q_OVERFLOW) ||
			    ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))))
				s->rewatch = true; /* a new folder, or events were lost */
		}
	}
	return changed;
}

/* ---- building --------------------------------------------------------- */

/*
 * When the pending build starts: after a quiet time, or at the latest
 * MAX_WAIT. The quiet time is short when every change named a file
 * written in place: a save from an editor, nothing like a checkout of
 * many files, where a folder, a new or a moved file shows up.
 */
static int64_t build_due(const struct nv_serve *s)
{
	int64_t due = s->last_change + (s->changed_known && s->changed.nr ? NV_SERVE_QUICK_MS
									  : NV_SERVE_DEBOUNCE_MS);

	if (due > s->first_change + NV_SERVE_MAX_WAIT_MS)
		due = s->first_change + NV_SERVE_MAX_WAIT_MS;
	return due;
}

void nv_serve_rebuild(struct nv_serve *s)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_serve_report r;
	const char *const *w;
	int64_t t0;

	/* Folders are walked again only when one may have appeared. */
	for (w = s->o.watch; s->rewatch && w && *w; w++)
		watch_tree(s, *w, 0, &d);
	s->rewatch = false;
	t0 = now_ms();
	s->build.changed = s->changed_known ? &s->changed : NULL;
	s->status = nv_build(&s->build, &d, NULL);
	nv_strlist_release(&s->changed);
	s->changed_known = true;
	if (s->status == NV_BUILD_UNCHANGED) /* a file saved as it was */
		s->status = NV_BUILD_OK;
	nv_diags_sort(&d);
	s->number++;
	snprintf(s->version, sizeof(s->version), "%lx-%lu", s->instance, s->number);
	if (s->status == NV_BUILD_OK)
		nv_buf_release(&s->error_page);
	else
		nv_serve_error_page(&s->error_page, s->status, &d, s->version);
	r.number = s->number;
	r.status = s->status;
	r.diags = &d;
	r.ms = (long)(now_ms() - t0);
	if (s->o.on_build)
		s->o.on_build(s->o.ctx, &r);
	nv_diags_release(&d);
}

/* ---- answering requests ----------------------------------------------- */

static const struct {
	const char *ext, *type;
} types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "htm", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "xml", "application/xml" },
	{ "atom", "application/atom+xml" },
	{ "svg", "image/svg+xml" },
	{ "ics", "text/calendar; charset=utf-8" },
	{ "pdf", "application/pdf" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "md", "text/plain; charset=utf-8" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "ico", "image/x-icon" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "otf", "font/otf" },
	{ "doc", "application/msword" },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ "xls", "application/vnd.ms-excel" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "odt", "application/vnd.oasis.opendocument.text" },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ "zip", "application/zip" },
};

/* The Content-Type for a file name; unknown kinds are plain bytes. */
static const char *content_type(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t i;

	if (dot && (!slash || dot > slash))
		for (i = 0; i < NV_ARRAY_SIZE(types); i++)
			if (!strcasecmp(dot + 1, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

static bool is_html_type(const char *type)
{
	return !strncmp(type, "text/html", 9);
}

/*
 * Queue a response with the headers every answer carries. Takes the
 * response (it is destroyed here). `type` may be NULL for no body.
 */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned int status,
			     struct MHD_Response *resp, const char *type)
{
	enum MHD_Result rc;

	if (!resp)
		return MHD_NO; /* out of memory: libmicrohttpd drops the connection */
	if (type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	rc = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* Send the bytes of b (taken: b is left empty). */
static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned int status, struct nv_buf *b,
				const char *type)
{
	size_t len;
	char *p = nv_buf_detach(b, &len);

	return reply(c, status, MHD_create_response_from_buffer(len, p, MHD_RESPMEM_MUST_FREE),
		     type);
}

/* A short plain-text answer for refused requests. */
static enum MHD_Result send_text(struct MHD_Connection *c, unsigned int status, const char *text)
{
	struct nv_buf b = NV_BUF_INIT;
	struct MHD_Response *resp;
	size_t len;
	char *p;

	nv_buf_addf(&b, "%u %s\n", status, text);
	p = nv_buf_detach(&b, &len);
	resp = MHD_create_response_from_buffer(len, p, MHD_RESPMEM_MUST_FREE);
	if (resp && status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	return reply(c, status, resp, "text/plain; charset=utf-8");
}

/* A page while the last build failed; 500, see serve.h. */
static enum MHD_Result send_error_page(struct nv_serve *s, struct MHD_Connection *c)
{
	return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		     MHD_create_response_from_buffer(s->error_page.len, s->error_page.ptr,
						     MHD_RESPMEM_MUST_COPY),
		     "text/html; charset=utf-8");
}

static enum MHD_Result send_not_found(struct nv_serve *s, struct MHD_Connection *c)
{
	struct nv_buf b = NV_BUF_INIT;

	if (s->status != NV_BUILD_OK)
		return send_error_page(s, c);
	nv_serve_not_found_page(&b, s->version);
	return send_buf(c, MHD_HTTP_NOT_FOUND, &b, "text/html; charset=utf-8");
}

void nv_serve_location(struct nv_buf *loc, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)url; *p; p++) {
		if (*p == '/' && p[1] == '/')
			continue;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~!$&'()*+,;=:@", *p)) {
			nv_buf_addch(loc, *p);
		} else {
			nv_buf_addch(loc, '%');
			nv_buf_addch(loc, hex[*p >> 4]);
			nv_buf_addch(loc, hex[*p & 15]);
		}
	}
	nv_buf_addch(loc, '/');
}

/* Redirect a folder URL to the same URL with a final slash. */
static enum MHD_Result send_slash_redirect(struct MHD_Connection *c, const char *url)
{
	struct nv_buf loc = NV_BUF_INIT;
	struct MHD_Response *resp;

	nv_serve_location(&loc, url);
	resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (resp)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, loc.ptr);
	nv_buf_release(&loc);
	return reply(c, MHD_HTTP_FOUND, resp, NULL);
}

unsigned int nv_serve_check_path(const char *url)
{
	const char *p = url, *end;
	size_t n;

	if (*url != '/')
		return MHD_HTTP_BAD_REQUEST;
	while (*p) {
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return MHD_HTTP_FORBIDDEN;
		if (n && p[0] == '.')
			return MHD_HTTP_NOT_FOUND;
		p += n;
	}
	return 0;
}

/*
 * Resolve want inside root: the real path goes to *real (the caller
 * frees). Returns 0, or an HTTP status: 404 for a missing file, 403 for a
 * path that leaves the site folder or cannot be read.
 */
static unsigned int resolve(const char *root, const char *want, char **real)
{
	unsigned int status = 0;

	*real = realpath(want, NULL);
	if (!*real)
		status = errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG
				 ? MHD_HTTP_NOT_FOUND
				 : MHD_HTTP_FORBIDDEN;
	else if (!nv_path_inside(*real, root))
		status = MHD_HTTP_FORBIDDEN;
	if (status) {
		free(*real);
		*real = NULL;
	}
	return status;
}

/* A refusal as plain text: 400 or 403. */
static enum MHD_Result send_refusal(struct MHD_Connection *c, unsigned int status)
{
	return send_text(c, status,
			 status == MHD_HTTP_BAD_REQUEST ? "неверный запрос" : "доступ запрещён");
}

/* Serve a file of the site; status codes as described in serve.h. */
static enum MHD_Result serve_file(struct nv_serve *s, struct MHD_Connection *c, const char *url)
{
	char *root = NULL, *want = NULL, *real = NULL, *index;
	struct nv_buf html = NV_BUF_INIT, out = NV_BUF_INIT;
	struct MHD_Response *resp;
	const char *type;
	struct stat st;
	unsigned int status;
	enum MHD_Result rc;
	int fd = -1;

	status = nv_serve_check_path(url);
	if (status) {
		rc = status == MHD_HTTP_NOT_FOUND ? send_not_found(s, c) : send_refusal(c, status);
		goto out;
	}
	root = realpath(s->site, NULL);
	if (!root) {
		rc = send_not_found(s, c); /* the first build failed: nothing to serve yet */
		goto out;
	}
	want = nv_xasprintf("%s%s", root, url);
	status = resolve(root, want, &real);
	if (!status && stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (url[strlen(url) - 1] != '/') {
			rc = send_slash_redirect(c, url);
			goto out;
		}
		/* index.html may be a link out of the site too: resolve it again. */
		index = nv_xasprintf("%s/index.html", real);
		free(real);
		status = resolve(root, index, &real);
		free(index);
	}
	if (status == MHD_HTTP_NOT_FOUND) {
		rc = send_not_found(s, c);
		goto out;
	}
	if (status) {
		rc = send_refusal(c, status);
		goto out;
	}
	type = content_type(real);
	if (is_html_type(type) && s->status != NV_BUILD_OK) {
		rc = send_error_page(s, c);
		goto out;
	}
	fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		rc = fd < 0 && errno == ENOENT
			     ? send_not_found(s, c)
			     : send_text(c, MHD_HTTP_FORBIDDEN, "доступ запрещён");
		goto out;
	}
	if (is_html_type(type)) {
		if (nv_read_file(real, MAX_HTML, &html) < 0) {
			rc = send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
				       "не удалось прочитать файл");
			goto out;
		}
		nv_serve_inject(&out, s->version, html.ptr, html.len);
		rc = send_buf(c, MHD_HTTP_OK, &out, type);
		goto out;
	}
	resp = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
	if (resp)
		fd = -1; /* libmicrohttpd closes it with the response */
	rc = reply(c, MHD_HTTP_OK, resp, type);
out:
	if (fd >= 0)
		close(fd);
	nv_buf_release(&html);
	nv_buf_release(&out);
	free(root);
	free(want);
	free(real);
	return rc;
}

/* Accept Host headers that name the loopback only (DNS rebinding). */
static bool host_ok(struct MHD_Connection *c)
{
	static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	size_t i, n;

	if (!host)
		return true; /* HTTP/1.0 */
	for (i = 0; i < NV_ARRAY_SIZE(names); i++) {
		n = strlen(names[i]);
		if (!strncasecmp(host, names[i], n) && (host[n] == '\0' || host[n] == ':'))
			return true;
	}
	return false;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct nv_serve *s = cls;
	struct nv_buf b = NV_BUF_INIT;
	enum MHD_Result rc;
	const char *len;

	(void)version;
	(void)upload_data;
	/*
	 * The first call comes once the headers are in. A refusal queued now,
	 * before any body is read, makes libmicrohttpd close the connection
	 * without reading the body. A request we answer is answered on the
	 * second call, after the (empty) body: an answer queued early would
	 * close the connection too, and the reload script's polls keep theirs
	 * alive.
	 */
	if (!*con_cls) {
		len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						  MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD)) {
			rc = send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
				       "разрешены только GET и HEAD");
		} else if ((len && strcmp(len, "0")) ||
			   MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
			rc = send_text(c, MHD_HTTP_CONTENT_TOO_LARGE,
				       "запрос с телом не принимается");
		} else {
			*con_cls = s; /* any non-NULL pointer: "headers checked" */
			rc = MHD_YES;
		}
	} else if (*upload_data_size) {
		*upload_data_size = 0; /* cannot happen: no length, no chunks */
		rc = MHD_YES;
	} else if (!host_ok(c)) {
		rc = send_text(c, MHD_HTTP_FORBIDDEN,
			       "разрешены только адреса 127.0.0.1 и localhost");
	} else if (!strcmp(url, VERSION_URL)) {
		nv_buf_adds(&b, s->version);
		rc = send_buf(c, MHD_HTTP_OK, &b, "text/plain; charset=utf-8");
	} else if (!strncmp(url, RESERVED_PREFIX, strlen(RESERVED_PREFIX))) {
		rc = send_not_found(s, c);
	} else {
		rc = serve_file(s, c, url);
	}
	return rc;
}

size_t nv_serve_unescape(char *s)
{
	return nv_percent_decode(s);
}

/* libmicrohttpd's unescape callback: nv_serve_unescape(). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return nv_serve_unescape(s);
}

/* ---- the server ------------------------------------------------------- */

/* A listening socket on 127.0.0.1:port; the port in use goes to *bound. */
static int listen_loopback(int port, int *bound)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int fd, one = 1, saved;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, SOMAXCONN) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

struct nv_serve *nv_serve_new(const struct nv_serve_opts *o, struct nv_diags *d)
{
	struct nv_serve *s = nv_xcalloc(1, sizeof(*s)), *rc = NULL;
	const union MHD_DaemonInfo *info;
	const char *tmpdir = o->tmpdir;
	struct timespec ts;

	s->o = *o;
	s->listen_fd = -1;
	s->mhd_fd = -1;
	s->inotify_fd = -1;
	nv_buf_init(&s->error_page);
	clock_gettime(CLOCK_REALTIME, &ts);
	s->instance = ((unsigned long)ts.tv_sec << 16) ^ (unsigned long)ts.tv_nsec ^
		      (unsigned long)getpid();
	snprintf(s->version, sizeof(s->version), "%lx-0", s->instance);

	s->listen_fd = listen_loopback(o->port, &s->port);
	if (s->listen_fd < 0) {
		if (errno == EADDRINUSE)
			nv_diag_hint(nv_error(d, NULL, 0, 0, "порт %d уже занят", o->port),
				     "укажите другой: nastavnik serve -p 8081, или -p 0 — "
				     "любой свободный");
		else
			nv_error(d, NULL, 0, 0, "не удалось открыть порт %d: %s", o->port,
				 nv_strerror(errno));
		goto out;
	}
	s->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->inotify_fd < 0) {
		nv_error(d, NULL, 0, 0, "не удалось следить за изменениями файлов (inotify): %s",
			 nv_strerror(errno));
		goto out;
	}
	if (!tmpdir || !*tmpdir)
		tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	s->tmp = nv_xasprintf("%s/nastavnik-serve-XXXXXX", tmpdir);
	if (!mkdtemp(s->tmp)) {
		nv_error(d, s->tmp, 0, 0, "не удалось создать временную папку: %s",
			 nv_strerror(errno));
		free(s->tmp);
		s->tmp = NULL;
		goto out;
	}
	s->site = nv_xasprintf("%s/site", s->tmp);
	s->build = o->build;
	s->build.out = s->tmp;
	/* Documents stay loaded between builds: a change parses only its file. */
	s->build.keep = &s->keep;
	s->checks = nv_check_cache_new();
	s->build.checks = s->checks;
	nv_git_hold(true);
	s->git_held = true;
	s->rewatch = true;
	s->changed_known = false; /* the first build reads everything */

	s->mhd = MHD_start_daemon(MHD_USE_EPOLL, 0, NULL, NULL, on_request, s,
				  MHD_OPTION_LISTEN_SOCKET, (MHD_socket)s->listen_fd,
				  MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)NV_SERVE_MEMORY_LIMIT,
				  MHD_OPTION_CONNECTION_LIMIT, (unsigned int)NV_SERVE_CONN_LIMIT,
				  MHD_OPTION_CONNECTION_TIMEOUT,
				  (unsigned int)NV_SERVE_IDLE_TIMEOUT_S,
				  MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (!s->mhd) {
		nv_error(d, NULL, 0, 0, "не удалось запустить HTTP-сервер (libmicrohttpd)");
		goto out;
	}
	s->listen_fd = -1; /* the daemon closes it */
	info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	if (!info) {
		nv_error(d, NULL, 0, 0, "не удалось запустить HTTP-сервер (epoll)");
		goto out;
	}
	s->mhd_fd = info->epoll_fd;
	rc = s;
	s = NULL;
out:
	nv_serve_free(s);
	return rc;
}

int nv_serve_port(const struct nv_serve *s)
{
	return s->port;
}

static unsigned int connections(struct nv_serve *s)
{
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);

	return info ? info->num_connections : 0;
}

/*
 * Let libmicrohttpd do its work. At its connection limit (or when accept()
 * ran out of descriptors) it takes the listening socket out of its epoll
 * set, and it puts it back only at the start of a later run. If this run
 * closed connections (timed out or done), run once more: otherwise the
 * connections waiting in the kernel's queue would wake nobody, and
 * MHD_get_timeout(), with no connection left, would let poll() sleep for
 * ever. The second run does not block.
 */
static void run_mhd(struct nv_serve *s)
{
	unsigned int before = connections(s);

	MHD_run(s->mhd);
	if (connections(s) < before)
		MHD_run(s->mhd);
}

int nv_serve_run(struct nv_serve *s, struct nv_diags *d)
{
	MHD_UNSIGNED_LONG_LONG mt;
	struct pollfd pfd[3];
	int64_t now;
	int timeout, rc = -1;

	for (;;) {
		timeout = -1;
		if (MHD_get_timeout(s->mhd, &mt) == MHD_YES)
			timeout = mt > INT_MAX ? INT_MAX : (int)mt;
		if (s->pending) {
			now = build_due(s) - now_ms();
			if (now < 0)
				now = 0;
			if (timeout < 0 || now < timeout)
				timeout = (int)now;
		}
		pfd[0].fd = s->mhd_fd;
		pfd[1].fd = s->inotify_fd;
		pfd[2].fd = s->o.stop_fd;
		pfd[0].events = pfd[1].events = pfd[2].events = POLLIN;
		pfd[0].revents = pfd[1].revents = pfd[2].revents = 0;
		if (poll(pfd, 3, timeout) < 0 && errno != EINTR) {
			nv_error(d, NULL, 0, 0, "ожидание запросов прервано: %s",
				 nv_strerror(errno));
			goto out;
		}
		if (pfd[2].revents)
			break;
		if (pfd[1].revents && read_events(s)) {
			now = now_ms();
			if (!s->pending)
				s->first_change = now;
			s->pending = true;
			s->last_change = now;
		}
		run_mhd(s);
		if (s->pending && now_ms() >= build_due(s)) {
			s->pending = false;
			nv_serve_rebuild(s);
		}
	}
	rc = 0;
out:
	return rc;
}

void nv_serve_free(struct nv_serve *s)
{
	size_t i;

	if (!s)
		return;
	if (s->mhd)
		MHD_stop_daemon(s->mhd);
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	if (s->inotify_fd >= 0)
		close(s->inotify_fd);
	/* The kept model points into the kept documents: it goes first. */
	nv_check_cache_free(s->checks);
	nv_content_release(&s->keep);
	if (s->git_held)
		nv_git_hold(false);
	nv_strlist_release(&s->changed);
	for (i = 0; i < s->wd_alloc; i++)
		free(s->wd_dirs[i]);
	free(s->wd_dirs);
	if (s->tmp)
		nv_rm_rf(s->tmp);
	free(s->tmp);
	free(s->site);
	nv_buf_release(&s->error_page);
	free(s);
}
