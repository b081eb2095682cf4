/*
 * fuzz_serve_url.c: libFuzzer harness for the URL handling of the preview
 * server (serve_int.h): the %XX decoder libmicrohttpd calls on every
 * request path, the path check that keeps requests inside the site
 * folder, and the Location of a folder redirect.
 *
 * The input, up to its first NUL (a request line cannot hold one), is a
 * raw request path. Beyond "no crash", it checks:
 *  - decoding never grows the string, never makes a NUL, and leaves
 *    "%00" as it is;
 *  - a path the check lets through starts with "/" and has no ".."
 *    segment and no hidden segment, so joined to the site folder it
 *    stays below it;
 *  - a Location starts with one "/", has no "//" and only safe bytes,
 *    and decodes back to the path with its runs of slashes as one.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "../../generator/serve_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* No segment of p is "..", "." or hidden; p starts with "/". */
static bool path_safe(const char *p)
{
	const char *seg;
	size_t n;

	if (*p != '/')
		return false;
	while (*p) {
		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n && seg[0] == '.')
			return false;
	}
	return true;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void check_location(const char *url)
{
	struct nv_buf loc = NV_BUF_INIT, back = NV_BUF_INIT, want = NV_BUF_INIT;
	const char *p;
	int hi, lo;

	nv_serve_location(&loc, url);
	if (loc.len < 2 || loc.ptr[0] != '/' || strstr(loc.ptr, "//"))
		abort(); /* "//host/" would name another server */
	for (p = loc.ptr; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= 0x20 || ch >= 0x7F || ch == '"' || ch == '<' || ch == '>' || ch == '\\')
			abort();
		if (ch == '%') {
			hi = hexval(p[1]);
			lo = hi < 0 ? -1 : hexval(p[2]);
			if (lo < 0)
				abort();
			nv_buf_addch(&back, hi * 16 + lo);
			p += 2;
		} else {
			nv_buf_addch(&back, ch);
		}
	}
	for (p = url; *p; p++)
		if (!(*p == '/' && p[1] == '/'))
			nv_buf_addch(&want, *p);
	nv_buf_addch(&want, '/');
	if (back.len != want.len || memcmp(back.ptr, want.ptr, back.len))
		abort();
	nv_buf_release(&loc);
	nv_buf_release(&back);
	nv_buf_release(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size, got;
	char *s = nv_xmemdupz(data, n), *orig = nv_xmemdupz(data, n);
	unsigned int status;

	got = nv_serve_unescape(s);
	if (got > n || strlen(s) != got)
		abort();
	if (strstr(orig, "%00") && !strstr(s, "%00"))
		abort(); /* a NUL must never cut the path short */
	status = nv_serve_check_path(s);
	if (status != 0 && status != 400 && status != 403 && status != 404)
		abort();
	if (status == 0 && !path_safe(s))
		abort();
	if (status == 0 && s[got - 1] != '/')
		check_location(s);
	free(s);
	free(orig);
	return 0;
}
