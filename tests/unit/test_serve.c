/*
 * Unit tests for the pure URL functions of serve.c (serve_int.h): the %XX
 * decoder libmicrohttpd calls on every request path, the path check and
 * the Location of a folder redirect. tests/fuzz/fuzz_serve_url.c checks
 * the same contracts on generated paths; tests/serve/run.sh sends them
 * through a running server.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "harness.h"
#include "../../generator/serve_int.h"

/* Decode a copy of in; the caller frees the result. */
static char *unescaped(const char *in, size_t *len)
{
	char *s = nv_xstrdup(in);

	*len = nv_serve_unescape(s);
	return s;
}

static void test_unescape(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "/a%20b", "/a b" },
		{ "/%D0%BD%D0%BE%D0%B2", "/нов" },
		{ "/%2e%2E/x", "/../x" },
		{ "/a.html%00.css", "/a.html%00.css" }, /* a NUL never cuts the path */
		{ "/%zz%4%", "/%zz%4%" },		/* malformed: kept */
		{ "/%2500", "/%00" },			/* decoded once, not twice */
		{ "%", "%" },
		{ "", "" },
	};
	size_t i, len;
	char *s;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		s = unescaped(cases[i].in, &len);
		CHECK_STR(s, cases[i].out);
		CHECK_INT((int)len, (int)strlen(cases[i].out));
		free(s);
	}
}

static void test_check_path(void)
{
	static const struct {
		const char *url;
		unsigned int status;
	} cases[] = {
		{ "/", 0 },
		{ "/orders/prikaz.html", 0 },
		{ "//orders//", 0 },
		{ "/a..b/c.d", 0 },
		{ "/..", 403 },
		{ "/orders/../../etc/passwd", 403 },
		{ "//..//x", 403 },
		{ "/.nastavnik-output", 404 },
		{ "/orders/./x", 404 },
		{ "/.", 404 },
		{ "orders", 400 },
		{ "", 400 },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++)
		if (nv_serve_check_path(cases[i].url) != cases[i].status)
			nv_test_failed(__FILE__, __LINE__, "«%s»: %u, ожидался %u", cases[i].url,
				       nv_serve_check_path(cases[i].url), cases[i].status);
}

static void test_location(void)
{
	static const struct {
		const char *url, *loc;
	} cases[] = {
		{ "/orders", "/orders/" },
		{ "//orders", "/orders/" }, /* "//orders/" would name a server */
		{ "///evil.example//x", "/evil.example/x/" },
		{ "/новости", "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/" },
		{ "/a b\\c\"<>%", "/a%20b%5Cc%22%3C%3E%25/" },
		{ "/a-._~!$&'()*+,;=:@", "/a-._~!$&'()*+,;=:@/" },
	};
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		nv_buf_reset(&b);
		nv_serve_location(&b, cases[i].url);
		CHECK_STR(b.ptr, cases[i].loc);
	}
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_unescape);
	NV_RUN(test_check_path);
	NV_RUN(test_location);
}
