/*
 * Unit tests for deploy.c: the classes of files and the order of
 * sending (assets, pages, index pages); the diff of the local files
 * against the remote manifest (sent, removed, unchanged, bytes); the
 * manifest's text, read back, and refused when cut short or unsafe; the
 * URL shown without a password; and a whole deploy to a file:// folder
 * that is continued after a manifest cut short.
 */
#include "common.h"

#include <stdlib.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "deploy.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"

static void test_class(void)
{
	CHECK_INT(nv_deploy_class("assets/style.css"), NV_DEPLOY_ASSET);
	CHECK_INT(nv_deploy_class("files/anketa.txt"), NV_DEPLOY_ASSET);
	CHECK_INT(nv_deploy_class("roadmaps/plan.ics"), NV_DEPLOY_ASSET);
	CHECK_INT(nv_deploy_class("orders/o-vnedrenii.pdf"), NV_DEPLOY_ASSET);
	CHECK_INT(nv_deploy_class("orders/o-vnedrenii.html"), NV_DEPLOY_PAGE);
	CHECK_INT(nv_deploy_class("mentors.html"), NV_DEPLOY_PAGE);
	CHECK_INT(nv_deploy_class("index.html"), NV_DEPLOY_INDEX);
	CHECK_INT(nv_deploy_class("orders/index.html"), NV_DEPLOY_INDEX);
	CHECK_INT(nv_deploy_class("sitemap.xml"), NV_DEPLOY_INDEX);
	CHECK_INT(nv_deploy_class("news/atom.xml"), NV_DEPLOY_INDEX);
	CHECK_INT(nv_deploy_class("search-index.json"), NV_DEPLOY_INDEX);
	/* A name that only contains "index" is a page. */
	CHECK_INT(nv_deploy_class("pages/index-of-terms.html"), NV_DEPLOY_PAGE);
}

#define H1 "11111111111111111111111111111111"
#define H2 "22222222222222222222222222222222"
#define H3 "33333333333333333333333333333333"

static void test_diff_order(void)
{
	struct nv_deploy_list local = { NULL, 0, 0 }, remote = { NULL, 0, 0 };
	struct nv_deploy_plan p;

	nv_deploy_list_add(&local, "index.html", H1, 10);
	nv_deploy_list_add(&local, "orders/index.html", H1, 11);
	nv_deploy_list_add(&local, "orders/a.html", H1, 12);
	nv_deploy_list_add(&local, "assets/style.css", H2, 13);
	nv_deploy_list_add(&local, "mentors.html", H1, 14);
	nv_deploy_list_add(&local, "files/b.txt", H1, 15);
	nv_deploy_list_add(&local, "sitemap.xml", H3, 16);
	nv_deploy_list_sort(&local);
	/* The server has: the style unchanged, mentors.html changed, old.html gone. */
	nv_deploy_list_add(&remote, "assets/style.css", H2, 13);
	nv_deploy_list_add(&remote, "mentors.html", H2, 14);
	nv_deploy_list_add(&remote, "old.html", H1, 5);
	nv_deploy_list_add(&remote, "sitemap.xml", H3, 99); /* same hash, other size */
	nv_deploy_list_sort(&remote);
	nv_deploy_diff(&local, &remote, &p);
	CHECK_INT(p.unchanged, 1);
	CHECK_INT(p.send.nr, 6);
	/* Assets first, then pages, then index pages; by path within each. */
	CHECK_STR(p.send.v[0].path, "files/b.txt");
	CHECK_STR(p.send.v[1].path, "mentors.html");
	CHECK_STR(p.send.v[2].path, "orders/a.html");
	CHECK_STR(p.send.v[3].path, "index.html");
	CHECK_STR(p.send.v[4].path, "orders/index.html");
	CHECK_STR(p.send.v[5].path, "sitemap.xml");
	CHECK_INT(p.bytes, 15 + 14 + 12 + 10 + 11 + 16);
	CHECK_INT(p.remove.nr, 1);
	CHECK_STR(p.remove.v[0].path, "old.html");
	nv_deploy_plan_release(&p);

	/* No manifest on the server: everything is sent, nothing removed. */
	nv_deploy_list_release(&remote);
	nv_deploy_diff(&local, &remote, &p);
	CHECK_INT(p.send.nr, 7);
	CHECK_INT(p.remove.nr, 0);
	CHECK_INT(p.unchanged, 0);
	nv_deploy_plan_release(&p);
	nv_deploy_list_release(&local);
}

static int parse_str(const char *text, struct nv_deploy_list *out)
{
	return nv_deploy_manifest_parse(text, strlen(text), out);
}

static void test_manifest_text(void)
{
	struct nv_deploy_list l = { NULL, 0, 0 }, back;
	struct nv_buf text = NV_BUF_INIT;

	nv_deploy_list_add(&l, "b c.html", H1, 7);
	nv_deploy_list_add(&l, "a/файл.txt", H2, 123456789012ULL);
	nv_deploy_list_sort(&l);
	nv_deploy_manifest_format(&l, &text);
	CHECK_STR(text.ptr,
		  "nastavnik-deploy 1\n" H2 " 123456789012 a/файл.txt\n" H1 " 7 b c.html\nend\n");
	CHECK_INT(nv_deploy_manifest_parse(text.ptr, text.len, &back), 0);
	CHECK_INT(back.nr, 2);
	CHECK_STR(back.v[1].path, "b c.html");
	CHECK_STR(back.v[1].hash, H1);
	CHECK_INT(back.v[0].size, 123456789012ULL);
	nv_deploy_list_release(&back);
	/* Cut short anywhere: not a manifest (everything will be sent again). */
	CHECK_INT(nv_deploy_manifest_parse(text.ptr, text.len - 4, &back), -1);
	CHECK_INT(nv_deploy_manifest_parse(text.ptr, text.len - 1, &back), -1);
	CHECK_INT(nv_deploy_manifest_parse(text.ptr, 30, &back), -1);
	CHECK_INT(back.nr, 0);
	nv_buf_release(&text);
	nv_deploy_list_release(&l);
	/* Empty, and unsafe paths. */
	CHECK_INT(parse_str("nastavnik-deploy 1\nend\n", &back), 0);
	CHECK_INT(back.nr, 0);
	CHECK_INT(parse_str("nastavnik-deploy 1\n" H1 " 1 ../x\nend\n", &back), -1);
	CHECK_INT(parse_str("nastavnik-deploy 1\n" H1 " 1 /etc/x\nend\n", &back), -1);
	CHECK_INT(parse_str("nastavnik-deploy 1\n" H1 " 1 a\n" H1 " 1 a\nend\n", &back), -1);
	CHECK_INT(parse_str("nastavnik-deploy 2\nend\n", &back), -1);
}

static void test_url_shown(void)
{
	char *s;

	s = nv_deploy_url_shown("ftp://mentor:secret@school14.example/www/");
	CHECK_STR(s, "ftp://mentor@school14.example/www/");
	free(s);
	s = nv_deploy_url_shown("sftp://deploy@school14.example/www/");
	CHECK_STR(s, "sftp://deploy@school14.example/www/");
	free(s);
	s = nv_deploy_url_shown("https://school14.example:8443/dav/");
	CHECK_STR(s, "https://school14.example:8443/dav/");
	free(s);
}

/* A whole deploy to a folder; a manifest cut short means send all again. */
static void test_deploy_file(void)
{
	char dir[] = "/tmp/nv-test-deploy-XXXXXX";
	char *site, *dest, *url, *path;
	struct nv_deploy_opts o = { NULL, NULL, false, NULL, NULL, NULL };
	struct nv_deploy_result r;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf text = NV_BUF_INIT;

	CHECK(mkdtemp(dir) != NULL);
	site = nv_xasprintf("%s/site", dir);
	dest = nv_xasprintf("%s/dest", dir);
	url = nv_xasprintf("file://%s/", dest);
	path = nv_xasprintf("%s/site/orders", dir);
	CHECK_INT(nv_mkdir_p(path), 0);
	CHECK_INT(nv_mkdir_p(dest), 0);
	free(path);
	path = nv_xasprintf("%s/site/orders/a.html", dir);
	nv_test_write(path, "<p>a</p>");
	free(path);
	path = nv_xasprintf("%s/site/index.html", dir);
	nv_test_write(path, "<p>index</p>");
	o.site = site;
	o.url = url;
	CHECK_INT(nv_deploy(&o, &r, &d), 0);
	CHECK_INT(r.sent, 2);
	CHECK_INT(r.bytes, 8 + 12);
	nv_deploy_result_release(&r);
	free(path);
	path = nv_xasprintf("%s/orders/a.html", dest);
	CHECK_INT(nv_read_file(path, 100, &text), 0);
	CHECK_STR(text.ptr, "<p>a</p>");
	/* The manifest cut short: everything is sent again, and nothing removed. */
	free(path);
	path = nv_xasprintf("%s/" NV_DEPLOY_MANIFEST, dest);
	CHECK_INT(nv_read_file(path, 1000, &text), 0);
	nv_test_write(path, "nastavnik-deploy 1\n");
	CHECK_INT(nv_deploy(&o, &r, &d), 0);
	CHECK_INT(r.sent, 2);
	CHECK_INT(r.removed, 0);
	nv_deploy_result_release(&r);
	CHECK_INT(nv_deploy(&o, &r, &d), 0);
	CHECK_INT(r.sent, 0);
	CHECK_INT(r.plan.unchanged, 2);
	nv_deploy_result_release(&r);
	CHECK_INT(d.errors, 0);
	nv_rm_rf(dir);
	nv_buf_release(&text);
	nv_diags_release(&d);
	free(path);
	free(url);
	free(dest);
	free(site);
}

void nv_tests(void)
{
	NV_RUN(test_class);
	NV_RUN(test_diff_order);
	NV_RUN(test_manifest_text);
	NV_RUN(test_url_shown);
	NV_RUN(test_deploy_file);
}
