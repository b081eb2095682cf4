/*
 * deploy_remote.c: the transfers of a deploy (deploy_int.h) over libcurl
 * — SFTP, FTP/FTPS, WebDAV — and for file:// straight on the file
 * system, each with the same operations: get, put, delete.
 *
 * One curl handle serves a whole deploy, so the connection (an SSH
 * handshake, an FTP login) is made once; curl_easy_reset() between
 * requests keeps it. Each request is tried up to ATTEMPTS times when the
 * connection breaks or times out; what the server refused (credentials,
 * rights) is not tried again. Folders are made as needed: by curl for
 * SFTP and FTP, by MKCOL for WebDAV when a PUT meets a missing folder.
 * Deletions go through QUOTE commands for SFTP ("rm") and FTP ("DELE"),
 * from the server's root, and DELETE for WebDAV.
 */
#include "common.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "deploy.h"
#include "deploy_int.h"
#include "diag.h"
#include "fs.h"
#include "lazylib.h"
#include "strlist.h"
#include "utf8.h"

#define ATTEMPTS 3

enum proto {
	P_FILE,
	P_SFTP,
	P_FTP,
	P_HTTP
};

struct dpl_remote {
	enum proto proto;
	char *base;  /* the URL of the target folder, ending in "/" */
	char *root;  /* scheme://authority/, for QUOTE commands */
	char *shown; /* base without a password, for messages */
	char *dir;   /* the folder's path, decoded: file:// on disk, QUOTE paths */
	CURL *curl;
	char err[CURL_ERROR_SIZE];
	const char *user, *password, *key, *known, *limit, *ca;
	char *pub;		/* NASTAVNIK_DEPLOY_KEY + ".pub" when it exists */
	char *home_known;	/* ~/.ssh/known_hosts when it exists and nothing else is set */
	long code;		/* the last response code */
	bool ssh;		/* an FTP request met an SSH server's banner (on_ftp_line()) */
	bool heard;		/* the server said a line in this request */
	char *entry;		/* the FTP or SFTP folder after login, where relative paths start */
	struct nv_strlist made; /* WebDAV folders made or met by this deploy */
};

/* What one request sends, receives and asks for. */
struct req {
	const char *url;
	const char *method; /* "DELETE", "MKCOL", or NULL */
	const char *quote;  /* one QUOTE command, or NULL */
	const void *data;   /* to upload, or NULL */
	size_t len, off;
	struct nv_buf *out; /* what comes back, or NULL to drop it */
	bool nobody;
};

static const char hexdigits[] = "0123456789ABCDEF";

/* rel with every byte but unreserved ones and "/" as %XX. Caller frees. */
static char *escape(const char *rel)
{
	struct nv_buf b = NV_BUF_INIT;
	const unsigned char *s;

	for (s = (const unsigned char *)rel; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s))
			nv_buf_addch(&b, (char)*s);
		else
			nv_buf_addf(&b, "%%%c%c", hexdigits[*s >> 4], hexdigits[*s & 15]);
	return nv_buf_detach(&b, NULL);
}

/* s (n bytes) with %XX decoded. Caller frees. */
static char *unescape(const char *s, size_t n)
{
	char *out = nv_xmalloc(n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && nv_hex_value(s[i + 1]) >= 0 &&
		    nv_hex_value(s[i + 2]) >= 0) {
			*o++ = (char)(nv_hex_value(s[i + 1]) * 16 + nv_hex_value(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* --- messages --------------------------------------------------------------- */

#define HINT_AGAIN "повторите nastavnik deploy: то, что уже дошло, не будет отправлено снова"

static void fail(struct dpl_remote *r, struct nv_diags *d, CURLcode c, const char *rel)
{
	const char *why = *r->err ? r->err : curl_easy_strerror(c);
	long code = r->code;

	if (c == CURLE_LOGIN_DENIED || (r->proto == P_HTTP && code == 401))
		nv_diag_hint(nv_error(d, NULL, 0, 0,
				      "%s: сервер не принял имя пользователя или пароль", r->shown),
			     "задайте их в переменных окружения NASTAVNIK_DEPLOY_USER и "
			     "NASTAVNIK_DEPLOY_PASSWORD (для SFTP — ключ в NASTAVNIK_DEPLOY_KEY) "
			     "или в ~/.netrc");
	else if (c == CURLE_COULDNT_RESOLVE_HOST)
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: сервер не найден", r->shown),
			     "проверьте имя сервера в поле deploy (content/site.yml) и "
			     "подключение к сети");
	else if (c == CURLE_COULDNT_CONNECT || c == CURLE_OPERATION_TIMEDOUT)
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: сервер недоступен", r->shown),
			     "проверьте адрес и порт в поле deploy (content/site.yml) и "
			     "подключение к сети, затем " HINT_AGAIN);
	else if (c == CURLE_REMOTE_ACCESS_DENIED || c == CURLE_UPLOAD_FAILED ||
		 c == CURLE_QUOTE_ERROR || (r->proto == P_HTTP && (code == 403 || code == 405)))
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: нет прав на запись «%s»", r->shown, rel),
			     "попросите администратора сайта дать этому пользователю право "
			     "записывать и удалять файлы в папке");
	else if (c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CACERT_BADFILE)
		nv_diag_hint(
			nv_error(d, NULL, 0, 0, "%s: не удалось подтвердить подлинность сервера",
				 r->shown),
			"для SFTP добавьте ключ сервера в ~/.ssh/known_hosts (ssh-keyscan) "
			"или укажите файл в NASTAVNIK_DEPLOY_KNOWN_HOSTS; для https и ftps "
			"нужен действительный сертификат (свой — файлом в NASTAVNIK_DEPLOY_CA)");
	else if (c == CURLE_FAILED_INIT && r->proto == P_SFTP)
		nv_diag_hint(
			nv_error(d, NULL, 0, 0, "%s: сервер не отвечает как SFTP (SSH)", r->shown),
			"проверьте порт в поле deploy (content/site.yml): SFTP обычно на "
			"порту 22; если у сайта FTP, а не SFTP, начните адрес с ftp:// или "
			"ftps://; затем " HINT_AGAIN);
	else if (r->ssh)
		nv_diag_hint(nv_error(d, NULL, 0, 0,
				      "%s: сервер не отвечает как FTP: на этом порту работает SSH "
				      "(SFTP)",
				      r->shown),
			     "если у сайта SFTP, начните адрес с sftp://; если FTP, проверьте "
			     "порт в поле deploy (content/site.yml): FTP обычно на порту 21; "
			     "затем " HINT_AGAIN);
	else if (c == CURLE_SSL_CONNECT_ERROR)
		nv_diag_hint(nv_error(d, NULL, 0, 0,
				      "%s: не удалось установить защищённое соединение (TLS)",
				      r->shown),
			     "проверьте адрес и порт в поле deploy (content/site.yml): ftps:// "
			     "и https:// ждут на порту шифрования, сервер без него — ftp://, "
			     "сервер SFTP — sftp://; затем " HINT_AGAIN);
	else if (c == CURLE_REMOTE_DISK_FULL || (r->proto == P_HTTP && code == 507))
		nv_diag_hint(
			nv_error(d, NULL, 0, 0, "%s: на сервере нет места для «%s»", r->shown, rel),
			"освободите место на сервере и " HINT_AGAIN);
	else if (c == CURLE_SEND_ERROR || c == CURLE_RECV_ERROR || c == CURLE_PARTIAL_FILE ||
		 c == CURLE_GOT_NOTHING || c == CURLE_SSH)
		nv_diag_hint(nv_error(d, NULL, 0, 0,
				      "%s: связь с сервером прервалась при передаче «%s»", r->shown,
				      rel),
			     HINT_AGAIN);
	else if (c == CURLE_OK)
		nv_diag_hint(
			nv_error(d, NULL, 0, 0, "%s: сервер ответил %ld на «%s»", r->shown, code,
				 rel),
			"проверьте, что по этому адресу — WebDAV с методами PUT, DELETE и MKCOL");
	else
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: не удалось передать «%s»: %s", r->shown,
				      rel, why),
			     HINT_AGAIN);
}

/* --- curl ------------------------------------------------------------------- */

static size_t on_read(char *buf, size_t size, size_t n, void *ctx)
{
	struct req *q = ctx;
	size_t k = size * n;

	if (k > q->len - q->off)
		k = q->len - q->off;
	memcpy(buf, (const char *)q->data + q->off, k);
	q->off += k;
	return k;
}

static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
	struct req *q = ctx;

	if (q->out)
		nv_buf_add(q->out, data, size * n);
	return size * n;
}

/*
 * A line from an FTP server (libcurl hands every one to the header
 * callback before it reads the reply's code): an SSH server's banner,
 * the first line a request hears, stops the request at once, where
 * libcurl would wait for a reply to the end of its time limit and say
 * the server is unreachable. A later line may be any text of a reply.
 */
static size_t on_ftp_line(char *line, size_t size, size_t n, void *ctx)
{
	struct dpl_remote *r = ctx;
	bool first = !r->heard;

	r->heard = true;
	if (first && size * n >= 4 && !memcmp(line, "SSH-", 4)) {
		r->ssh = true;
		return 0;
	}
	return size * n;
}

static void setup_auth(struct dpl_remote *r)
{
	CURL *c = r->curl;

	if (r->user)
		curl_easy_setopt(c, CURLOPT_USERNAME, r->user);
	if (r->password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, r->password);
	curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	if (r->ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, r->ca);
	if (r->proto != P_SFTP)
		return;
	if (r->key) {
		curl_easy_setopt(c, CURLOPT_SSH_PRIVATE_KEYFILE, r->key);
		if (r->pub)
			curl_easy_setopt(c, CURLOPT_SSH_PUBLIC_KEYFILE, r->pub);
	}
	if (r->known)
		curl_easy_setopt(c, CURLOPT_SSH_KNOWNHOSTS, r->known);
	curl_easy_setopt(c, CURLOPT_NEW_FILE_PERMS, 0644L);
	curl_easy_setopt(c, CURLOPT_NEW_DIRECTORY_PERMS, 0755L);
}

/* One try of q. */
static CURLcode perform(struct dpl_remote *r, struct req *q)
{
	CURL *c = r->curl;
	struct curl_slist *quote = NULL;
	CURLcode rc;

	curl_easy_reset(c);
	*r->err = '\0';
	r->code = 0;
	r->ssh = false;
	r->heard = false;
	q->off = 0;
	curl_easy_setopt(c, CURLOPT_URL, q->url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->err);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, q);
	setup_auth(r);
	if (r->limit) {
		/* Small chunks, so that a limit holds within a file too. */
		curl_easy_setopt(c, CURLOPT_MAX_SEND_SPEED_LARGE,
				 (curl_off_t)strtoll(r->limit, NULL, 10));
		curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, 16384L);
	}
	if (q->data) {
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(c, CURLOPT_READDATA, q);
		curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)q->len);
		curl_easy_setopt(c, CURLOPT_FTP_CREATE_MISSING_DIRS,
				 (long)CURLFTP_CREATE_DIR_RETRY);
	}
	/* libcurl 7.88 waits a second before each EPSV data connection; PASV does not (IPv6 keeps
	 * EPSV). */
	if (r->proto == P_FTP) {
		curl_easy_setopt(c, CURLOPT_FTP_USE_EPSV, 0L);
		curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_ftp_line);
		curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	}
	if (q->method)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, q->method);
	if (q->nobody)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (q->quote) {
		quote = curl_slist_append(NULL, q->quote);
		curl_easy_setopt(c, CURLOPT_QUOTE, quote);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->code);
	if (rc == CURLE_OK && !r->entry) {
		char *entry = NULL;

		if (curl_easy_getinfo(c, CURLINFO_FTP_ENTRY_PATH, &entry) == CURLE_OK && entry)
			r->entry = nv_xstrdup(entry);
	}
	curl_easy_setopt(c, CURLOPT_QUOTE, NULL);
	curl_slist_free_all(quote);
	return rc;
}

static bool transient(struct dpl_remote *r, CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_SSH:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	/*
	 * libcurl's answer to an SSH session that did not start: no banner
	 * from a server going away, or what listens there is not SSH.
	 */
	case CURLE_FAILED_INIT:
		return r->proto == P_SFTP;
	case CURLE_OK:
		return r->proto == P_HTTP && r->code >= 500 && r->code != 507;
	default:
		return false;
	}
}

/* q, tried again after a pause while the connection breaks. */
static CURLcode attempt(struct dpl_remote *r, struct req *q)
{
	static const long pause_ms[ATTEMPTS - 1] = { 300, 1000 };
	struct timespec ts;
	CURLcode c;
	int i;

	for (i = 0;; i++) {
		if (q->out)
			nv_buf_reset(q->out);
		c = perform(r, q);
		if (i == ATTEMPTS - 1 || !transient(r, c))
			return c;
		ts.tv_sec = pause_ms[i] / 1000;
		ts.tv_nsec = (pause_ms[i] % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
}

static bool http_ok(const struct dpl_remote *r)
{
	return r->proto != P_HTTP || (r->code >= 200 && r->code < 300);
}

/* The missing-file answers: FTP's CWD into a folder not there is one too. */
static bool not_there(const struct dpl_remote *r, CURLcode c)
{
	if (r->proto == P_HTTP)
		return c == CURLE_OK && (r->code == 404 || r->code == 410);
	return c == CURLE_REMOTE_FILE_NOT_FOUND || c == CURLE_FTP_COULDNT_RETR_FILE ||
	       (r->proto == P_FTP && c == CURLE_REMOTE_ACCESS_DENIED);
}

/*
 * MKCOL every folder from the target's down to rel's that this deploy has
 * not made or met yet; one that is there already answers 405.
 */
static void make_collections(struct dpl_remote *r, const char *rel)
{
	char *e = escape(rel), *full = nv_xasprintf("%s%s", r->base, e), *slash;
	struct req q = { NULL, "MKCOL", NULL, NULL, 0, 0, NULL, false };

	slash = full + strlen(r->root) - 1;
	while ((slash = strchr(slash + 1, '/'))) {
		char keep = slash[1];

		slash[1] = '\0';
		if (!nv_strlist_has(&r->made, full)) {
			q.url = full;
			attempt(r, &q);
			nv_strlist_add(&r->made, full);
		}
		slash[1] = keep;
	}
	free(full);
	free(e);
}

static int curl_put(struct dpl_remote *r, const char *rel, const void *data, size_t len,
		    struct nv_diags *d)
{
	char *e = escape(rel), *url = nv_xasprintf("%s%s", r->base, e);
	struct req q = { url, NULL, NULL, data, len, 0, NULL, false };
	CURLcode c;
	int rc = 0;

	if (r->proto == P_HTTP)
		make_collections(r, rel);
	c = attempt(r, &q);
	if (c == CURLE_OK && r->proto == P_HTTP && (r->code == 409 || r->code == 404)) {
		nv_strlist_release(&r->made);
		make_collections(r, rel);
		c = attempt(r, &q);
	}
	if (c != CURLE_OK || !http_ok(r)) {
		fail(r, d, c, rel);
		rc = -1;
	}
	free(url);
	free(e);
	return rc;
}

static int curl_get(struct dpl_remote *r, const char *rel, struct nv_buf *out, struct nv_diags *d)
{
	char *e = escape(rel), *url = nv_xasprintf("%s%s", r->base, e);
	struct req q = { url, NULL, NULL, NULL, 0, 0, out, false };
	CURLcode c = attempt(r, &q);
	int rc = 0;

	if (not_there(r, c))
		rc = 1;
	else if (c != CURLE_OK || !http_ok(r)) {
		fail(r, d, c, rel);
		rc = -1;
	}
	free(url);
	free(e);
	return rc;
}

/* The QUOTE command "verb path" for rel: SFTP's path quoted, FTP's the rest of the line. */
static char *quote_cmd(struct dpl_remote *r, const char *sftp, const char *ftp, const char *rel)
{
	struct nv_buf path = NV_BUF_INIT;
	char *cmd;
	const char *s;

	/* Absolute, as a reused FTP connection is where its last CWD left it. */
	if (r->dir[0] != '/' && r->entry)
		nv_buf_addf(&path, "%s%s", r->entry,
			    r->entry[strlen(r->entry) - 1] == '/' ? "" : "/");
	nv_buf_addf(&path, "%s%s", r->dir, rel);
	if (r->proto == P_FTP) {
		cmd = nv_xasprintf("%s %s", ftp, path.ptr);
	} else {
		struct nv_buf q = NV_BUF_INIT;

		for (s = path.ptr; *s; s++)
			nv_buf_addf(&q, "%s%c", strchr("\"\\", *s) ? "\\" : "", *s);
		cmd = nv_xasprintf("%s \"%s\"", sftp, q.ptr);
		nv_buf_release(&q);
	}
	nv_buf_release(&path);
	return cmd;
}

static int curl_rmdir(struct dpl_remote *r, const char *rel, struct nv_diags *d)
{
	char *cmd;
	struct req q = { NULL, NULL, NULL, NULL, 0, 0, NULL, true };
	CURLcode c;

	if (r->proto == P_HTTP)
		return 0;
	cmd = quote_cmd(r, "rmdir", "RMD", rel);
	q.url = r->root;
	q.quote = cmd;
	c = attempt(r, &q);
	free(cmd);
	if (c != CURLE_OK)
		fail(r, d, c, rel);
	return c == CURLE_OK ? 0 : -1;
}

static int curl_delete(struct dpl_remote *r, const char *rel, struct nv_diags *d)
{
	char *e = escape(rel), *url = nv_xasprintf("%s%s", r->base, e), *cmd = NULL;
	struct req q = { url, "DELETE", NULL, NULL, 0, 0, NULL, false };
	CURLcode c;
	int rc = 0;

	if (r->proto != P_HTTP) {
		cmd = quote_cmd(r, "rm", "DELE", rel);
		q.url = r->root;
		q.method = NULL;
		q.quote = cmd;
		q.nobody = true;
	}
	c = attempt(r, &q);
	if (c == CURLE_QUOTE_ERROR) {
		/* Refused, or not there: a file that is gone is removed already. */
		struct req look = { url, NULL, NULL, NULL, 0, 0, NULL, false };

		if (not_there(r, attempt(r, &look)))
			c = CURLE_OK;
		else
			c = CURLE_QUOTE_ERROR;
	}
	if (!(c == CURLE_OK && (http_ok(r) || r->code == 404 || r->code == 410))) {
		fail(r, d, c, rel);
		rc = -1;
	}
	free(cmd);
	free(url);
	free(e);
	return rc;
}

/* --- file:// ---------------------------------------------------------------- */

static void file_fail(struct dpl_remote *r, struct nv_diags *d, int err, const char *rel)
{
	if (err == EACCES || err == EPERM || err == EROFS)
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: нет прав на запись «%s»", r->shown, rel),
			     "дайте этому пользователю право записывать и удалять файлы в папке");
	else if (err == ENOSPC || err == EDQUOT)
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: нет места для «%s»", r->shown, rel),
			     "освободите место и " HINT_AGAIN);
	else
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: не удалось записать «%s»: %s", r->shown,
				      rel, nv_strerror(err)),
			     HINT_AGAIN);
}

static int file_put(struct dpl_remote *r, const char *rel, const void *data, size_t len,
		    struct nv_diags *d)
{
	char *path = nv_xasprintf("%s%s", r->dir, rel);
	char *tmp = nv_xasprintf("%s.nastavnik-tmp", path), *slash = strrchr(path, '/');
	int rc = -1;

	*slash = '\0';
	if (nv_mkdir_p(path) < 0)
		goto out;
	*slash = '/';
	/* Written beside and renamed: a visitor never reads half a file. */
	if (nv_write_file(tmp, data, len) < 0 || rename(tmp, path) < 0) {
		int err = errno;

		unlink(tmp);
		errno = err;
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		file_fail(r, d, errno, rel);
	free(tmp);
	free(path);
	return rc;
}

static int file_get(struct dpl_remote *r, const char *rel, struct nv_buf *out, struct nv_diags *d)
{
	char *path = nv_xasprintf("%s%s", r->dir, rel);
	int rc = 0;

	if (nv_read_file(path, (size_t)1 << 30, out) < 0) {
		rc = errno == ENOENT ? 1 : -1;
		if (rc < 0)
			nv_error(d, NULL, 0, 0, "%s: не удалось прочитать «%s»: %s", r->shown, rel,
				 nv_strerror(errno));
	}
	free(path);
	return rc;
}

static int file_delete(struct dpl_remote *r, const char *rel, struct nv_diags *d)
{
	char *path = nv_xasprintf("%s%s", r->dir, rel);
	int rc = 0;

	if (unlink(path) < 0 && errno != ENOENT) {
		file_fail(r, d, errno, rel);
		rc = -1;
	}
	free(path);
	return rc;
}

/* --- the interface ---------------------------------------------------------- */

/* Fill r's URLs and protocol from url; -1 when it cannot be used. */
static int parse_url(struct dpl_remote *r, const char *url)
{
	static const struct {
		const char *scheme;
		enum proto proto;
	} schemes[] = { { "sftp://", P_SFTP }, { "ftp://", P_FTP },    { "ftps://", P_FTP },
			{ "http://", P_HTTP }, { "https://", P_HTTP }, { "file://", P_FILE } };
	const char *host = NULL, *path;
	size_t i, n = strlen(url);

	for (i = 0; i < NV_ARRAY_SIZE(schemes) && !host; i++)
		if (!strncasecmp(url, schemes[i].scheme, strlen(schemes[i].scheme))) {
			host = url + strlen(schemes[i].scheme);
			r->proto = schemes[i].proto;
		}
	if (!host)
		return -1;
	path = host + strcspn(host, "/");
	if (!*path || (r->proto != P_FILE && path == host))
		return -1;
	r->base = nv_xasprintf("%s%s", url, n && url[n - 1] == '/' ? "" : "/");
	r->root = nv_xasprintf("%.*s/", (int)(path - url), url);
	r->shown = nv_deploy_url_shown(r->base);
	r->dir = unescape(path, strlen(path));
	if (r->dir[strlen(r->dir) - 1] != '/') {
		char *d = nv_xasprintf("%s/", r->dir);

		free(r->dir);
		r->dir = d;
	}
	/* QUOTE paths: FTP's are relative to the login folder, SFTP's "/~/" to home. */
	if (r->proto == P_FTP)
		memmove(r->dir, r->dir + 1, strlen(r->dir));
	else if (r->proto == P_SFTP && !strncmp(r->dir, "/~/", 3))
		memmove(r->dir, r->dir + 3, strlen(r->dir) - 2);
	return 0;
}

char *nv_deploy_folder(const char *url)
{
	struct dpl_remote r;
	char *dir;

	memset(&r, 0, sizeof(r));
	if (parse_url(&r, url) < 0 || r.proto != P_FILE) {
		dir = NULL;
		free(r.dir);
	} else {
		dir = r.dir;
	}
	free(r.base);
	free(r.root);
	free(r.shown);
	return dir;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

struct dpl_remote *dpl_remote_open(const char *url, struct nv_diags *d)
{
	static bool inited;
	struct dpl_remote *r = nv_xcalloc(1, sizeof(*r));
	char *known;

	if (parse_url(r, url) < 0) {
		nv_diag_hint(nv_error(d, NULL, 0, 0, "адрес «%s» не подходит для публикации", url),
			     "укажите в поле deploy в content/site.yml адрес вида "
			     "sftp://сервер/папка/ (см. man 5 nastavnik)");
		dpl_remote_close(r);
		return NULL;
	}
	if (r->proto == P_FILE) {
		if (!nv_is_dir(r->dir)) {
			nv_diag_hint(nv_error(d, NULL, 0, 0, "%s: папка %s не найдена", r->shown,
					      r->dir),
				     "подключите общую папку или создайте её");
			dpl_remote_close(r);
			return NULL;
		}
		return r;
	}
	if (nv_lib_load(NV_LIB_CURL, d) < 0) {
		dpl_remote_close(r);
		return NULL;
	}
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = true;
	}
	r->curl = curl_easy_init();
	r->user = env("NASTAVNIK_DEPLOY_USER");
	r->password = env("NASTAVNIK_DEPLOY_PASSWORD");
	r->key = env("NASTAVNIK_DEPLOY_KEY");
	r->limit = env("NASTAVNIK_DEPLOY_LIMIT");
	r->known = env("NASTAVNIK_DEPLOY_KNOWN_HOSTS");
	r->ca = env("NASTAVNIK_DEPLOY_CA");
	if (r->key) {
		r->pub = nv_xasprintf("%s.pub", r->key);
		if (!nv_exists(r->pub)) {
			free(r->pub);
			r->pub = NULL;
		}
	}
	if (!r->known && env("HOME")) {
		known = nv_xasprintf("%s/.ssh/known_hosts", env("HOME"));
		if (nv_exists(known))
			r->known = r->home_known = known;
		else
			free(known);
	}
	return r;
}

int dpl_remote_get(struct dpl_remote *r, const char *rel, struct nv_buf *out, struct nv_diags *d)
{
	return r->proto == P_FILE ? file_get(r, rel, out, d) : curl_get(r, rel, out, d);
}

int dpl_remote_put(struct dpl_remote *r, const char *rel, const void *data, size_t len,
		   struct nv_diags *d)
{
	return r->proto == P_FILE ? file_put(r, rel, data, len, d) : curl_put(r, rel, data, len, d);
}

int dpl_remote_delete(struct dpl_remote *r, const char *rel, struct nv_diags *d)
{
	return r->proto == P_FILE ? file_delete(r, rel, d) : curl_delete(r, rel, d);
}

int dpl_remote_rmdir(struct dpl_remote *r, const char *rel, struct nv_diags *d)
{
	char *path;
	int rc = 0;

	if (r->proto != P_FILE)
		return curl_rmdir(r, rel, d);
	path = nv_xasprintf("%s%s", r->dir, rel);
	if (rmdir(path) < 0 && errno != ENOENT) {
		file_fail(r, d, errno, rel);
		rc = -1;
	}
	free(path);
	return rc;
}

void dpl_remote_close(struct dpl_remote *r)
{
	if (!r)
		return;
	if (r->curl)
		curl_easy_cleanup(r->curl);
	free(r->base);
	free(r->root);
	free(r->shown);
	free(r->dir);
	free(r->pub);
	free(r->home_known);
	free(r->entry);
	nv_strlist_release(&r->made);
	free(r);
}
