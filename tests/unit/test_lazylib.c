/*
 * Unit tests for lazylib.c: each library loads and its forwarders reach
 * it (the variadic ones with their arguments, libxml2's xmlFree, a data
 * symbol); a library that is missing, or lacks a function, is one
 * diagnostic, checked in a child process since a library is loaded once.
 */
#include "common.h"

#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>
#include <git2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <microhttpd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "lazylib.h"

static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	(void)ctx;
	return size * n;
}

static void test_curl(void)
{
	CURL *c;
	long code = -1;

	CHECK_INT(nv_lib_load(NV_LIB_CURL, NULL), 0);
	CHECK_STR(nv_lib_why(NV_LIB_CURL), "");
	CHECK_STR(curl_easy_strerror(CURLE_OK), "No error");
	c = curl_easy_init();
	CHECK(c);
	/* One option of each type: long, object, function, curl_off_t. */
	CHECK_INT(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), CURLE_OK);
	CHECK_INT(curl_easy_setopt(c, CURLOPT_URL, "file:///nonexistent"), CURLE_OK);
	CHECK_INT(curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write), CURLE_OK);
	CHECK_INT(curl_easy_setopt(c, CURLOPT_MAX_SEND_SPEED_LARGE, (curl_off_t)1000), CURLE_OK);
	/* An unknown option number is refused, not read as another type. */
	CHECK_INT(curl_easy_setopt(c, (CURLoption)9999, 0L), CURLE_UNKNOWN_OPTION);
	CHECK_INT(curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code), CURLE_OK);
	CHECK_INT(code, 0);
	curl_easy_cleanup(c);
}

static void test_git2(void)
{
	git_repository *repo = NULL;

	CHECK_INT(nv_lib_load(NV_LIB_GIT2, NULL), 0);
	CHECK(git_libgit2_init() >= 1);
	CHECK_INT(git_repository_open_ext(&repo, "/", GIT_REPOSITORY_OPEN_NO_SEARCH, NULL),
		  GIT_ENOTFOUND);
	CHECK(git_error_last() != NULL);
	git_libgit2_shutdown();
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *size, void **con_cls)
{
	(void)cls, (void)c, (void)url, (void)method, (void)version, (void)data, (void)size,
		(void)con_cls;
	return MHD_NO;
}

static void test_mhd(void)
{
	struct MHD_Daemon *daemon;
	const union MHD_DaemonInfo *info;
	struct MHD_Response *r;

	CHECK_INT(nv_lib_load(NV_LIB_MHD, NULL), 0);
	r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	CHECK(r);
	CHECK_INT(MHD_add_response_header(r, "X-Test", "1"), MHD_YES);
	MHD_destroy_response(r);
	/* The options after dh_cls reach the library through the va_list. */
	daemon = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, NULL,
				  MHD_OPTION_CONNECTION_LIMIT, (unsigned int)3, MHD_OPTION_END);
	CHECK(daemon);
	info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	CHECK(info && info->num_connections == 0);
	MHD_stop_daemon(daemon);
	/* An option the library does not know fails the start. */
	daemon = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, NULL,
				  (enum MHD_OPTION)9999, 0, MHD_OPTION_END);
	CHECK(!daemon);
}

static void test_zip_xml(void)
{
	static const char xml[] = "<a b=\"c\">текст</a>";
	zip_error_t err;
	zip_source_t *src;
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	xmlChar *s;

	CHECK_INT(nv_lib_load(NV_LIB_ZIP, NULL), 0);
	zip_error_init(&err);
	src = zip_source_buffer_create("not a zip", 9, 0, &err);
	CHECK(src);
	CHECK(!zip_open_from_source(src, ZIP_RDONLY, &err));
	zip_source_free(src);
	zip_error_fini(&err);

	CHECK_INT(nv_lib_load(NV_LIB_XML2, NULL), 0);
	ctxt = xmlNewParserCtxt();
	CHECK(ctxt);
	doc = xmlCtxtReadMemory(ctxt, xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	CHECK(doc);
	s = xmlNodeGetContent(xmlDocGetRootElement(doc));
	CHECK_STR((const char *)s, "текст");
	CHECK(xmlFree != NULL);
	xmlFree(s);
	s = xmlGetNsProp(xmlDocGetRootElement(doc), (const xmlChar *)"b", NULL);
	CHECK_STR((const char *)s, "c");
	xmlFree(s);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
}

static void test_xlsx(void)
{
	char *path = NULL;
	lxw_workbook *wb;
	lxw_worksheet *ws;

	CHECK_INT(nv_lib_load(NV_LIB_XLSX, NULL), 0);
	CHECK_STR(lxw_strerror(LXW_NO_ERROR), "No error.");
	path = nv_xasprintf("%s/lazy.xlsx", nv_test_tmpdir());
	wb = workbook_new(path);
	CHECK(wb);
	ws = workbook_add_worksheet(wb, "Лист");
	CHECK(ws);
	CHECK_INT(worksheet_write_number(ws, 0, 0, 1.5, NULL), LXW_NO_ERROR);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	CHECK(access(path, F_OK) == 0);
	free(path);
}

static cairo_status_t on_pdf(void *closure, const unsigned char *data, unsigned int len)
{
	nv_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Pango and the libraries under it: loaded in one call, each forwarder
 * reaches its own library (a GObject type check among them), and
 * g_utf8_next_char() reads the program's copy of GLib's table.
 */
static void test_print_libs(void)
{
	static const char text[] = "aё€𝄞";
	PangoFontDescription *desc;
	PangoFontMap *fm;
	cairo_surface_t *surface;
	struct nv_buf pdf = NV_BUF_INIT;
	const char *p = text;
	int n = 0, lib;
	FcConfig *fc;

	CHECK_INT(nv_lib_load_print(NULL), 0);
	for (lib = NV_LIB_GLIB; lib <= NV_LIB_PANGOCAIRO; lib++)
		CHECK_STR(nv_lib_why((enum nv_lib)lib), "");
	CHECK_INT(g_ascii_strcasecmp("Arial", "ARIAL"), 0);
	while (*p) {
		CHECK(g_utf8_next_char(p) - p == n + 1);
		p = g_utf8_next_char(p);
		n++;
	}
	CHECK_INT(g_utf8_pointer_to_offset(text, p), 4);
	CHECK_INT((int)g_utf8_get_char(text + 1), 0x451);
	fc = FcConfigCreate();
	CHECK(fc);
	FcConfigDestroy(fc);
	desc = pango_font_description_new();
	pango_font_description_set_family(desc, "Liberation Serif");
	CHECK_STR(pango_font_description_get_family(desc), "Liberation Serif");
	pango_font_description_free(desc);
	fm = pango_cairo_font_map_new();
	CHECK(PANGO_IS_CAIRO_FONT_MAP(fm));
	g_object_unref(fm);
	surface = cairo_pdf_surface_create_for_stream(on_pdf, &pdf, 100, 100);
	CHECK_INT(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	CHECK(pdf.len > 4 && !memcmp(pdf.ptr, "%PDF", 4));
	CHECK_STR(cairo_status_to_string(CAIRO_STATUS_NO_MEMORY), "out of memory");
	nv_buf_release(&pdf);
}

/*
 * In a child: open lib from file and write the diagnostic to a pipe.
 * The text read back, or NULL if the child failed.
 */
static char *load_in_child(enum nv_lib lib, const char *file, struct nv_buf *out)
{
	int fd[2];
	pid_t pid;
	char chunk[512];
	ssize_t n;
	int status;

	if (pipe(fd) < 0)
		return NULL;
	pid = fork();
	if (pid == 0) {
		struct nv_diags d = NV_DIAGS_INIT;
		FILE *f = fdopen(fd[1], "w");

		close(fd[0]);
		nv_lib_set_file(lib, file);
		if (!f || nv_lib_load(lib, &d) == 0 || nv_lib_load(lib, NULL) == 0)
			_exit(1);
		nv_diags_print(&d, f);
		fprintf(f, "why: %s\n", nv_lib_why(lib));
		fclose(f);
		_exit(0);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0)
		nv_buf_add(out, chunk, (size_t)n);
	close(fd[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return NULL;
	return out->ptr;
}

static void test_missing(void)
{
	struct nv_buf out = NV_BUF_INIT;
	char want[1024];

	snprintf(want, sizeof(want),
		 "nastavnik: ошибка: не удалось загрузить библиотеку libnastavnik-missing.so.0: "
		 "libnastavnik-missing.so.0: cannot open shared object file: No such file or "
		 "directory\n"
		 "  подсказка: установите зависимости: sh scripts/deps.sh (в Debian — пакет, в "
		 "котором есть %s)\n"
		 "why: не удалось загрузить библиотеку libnastavnik-missing.so.0: "
		 "libnastavnik-missing.so.0: cannot open shared object file: No such file or "
		 "directory\n",
		 nv_lib_soname(NV_LIB_CURL));
	CHECK_STR(load_in_child(NV_LIB_CURL, "libnastavnik-missing.so.0", &out), want);
	nv_buf_release(&out);
}

/*
 * Library lib opened from the file of another (file), which lacks func,
 * the first function listed of lib: the exact error and hint.
 */
static void check_missing(enum nv_lib lib, const char *file, const char *func)
{
	struct nv_buf out = NV_BUF_INIT;
	char want[1024];

	snprintf(want, sizeof(want),
		 "nastavnik: ошибка: не удалось загрузить библиотеку %s: в ней нет функции %s\n"
		 "  подсказка: установите зависимости: sh scripts/deps.sh (в Debian — пакет, в "
		 "котором есть %s)\n"
		 "why: не удалось загрузить библиотеку %s: в ней нет функции %s\n",
		 file, func, nv_lib_soname(lib), file, func);
	CHECK_STR(load_in_child(lib, file, &out), want);
	nv_buf_release(&out);
}

/* A library that lacks a function the program calls: another version. */
static void test_missing_function(void)
{
	const char *zip = nv_lib_soname(NV_LIB_ZIP);

	check_missing(NV_LIB_GIT2, zip, "git_libgit2_init");
	/* So for the print engine's. */
	check_missing(NV_LIB_PANGO, zip, "pango_attr_letter_spacing_new");
}

void nv_tests(void)
{
	NV_RUN(test_missing);
	NV_RUN(test_missing_function);
	NV_RUN(test_curl);
	NV_RUN(test_git2);
	NV_RUN(test_mhd);
	NV_RUN(test_zip_xml);
	NV_RUN(test_xlsx);
	NV_RUN(test_print_libs);
}
