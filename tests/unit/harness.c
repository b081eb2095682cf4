/* harness.c: the unit-test runner; see harness.h. */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "utf8.h"

static int passed, failed;
static bool current_failed;
static const char *current_name;
static const char *program;
static char tmpdir[256];

bool nv_test_failed(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: %s: FAIL: ", file, line, current_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	current_failed = true;
	return false;
}

void nv_test_run(const char *name, void (*fn)(void))
{
	current_name = name;
	current_failed = false;
	fn();
	if (current_failed)
		failed++;
	else
		passed++;
}

const char *nv_test_tmpdir(void)
{
	const char *base;

	if (!tmpdir[0]) {
		base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof(tmpdir), "%s/nv-%s-XXXXXX", base ? base : "/tmp", program);
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(2);
		}
	}
	return tmpdir;
}

void nv_test_write(const char *path, const char *text)
{
	char full[1024];
	FILE *f;

	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", nv_test_tmpdir(), path);
	f = fopen(full, "wb");
	if (!f) {
		perror(full);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* s as a PDF string of UTF-16BE: «<FEFF…>». */
static void pdf_utf16(struct nv_buf *b, const char *s)
{
	uint32_t cp;
	size_t k;

	nv_buf_adds(b, "<FEFF");
	while (*s && (k = nv_utf8_decode(s, strlen(s), &cp))) {
		nv_buf_addf(b, "%04X", (unsigned)cp);
		s += k;
	}
	nv_buf_addch(b, '>');
}

void nv_test_pdf(struct nv_buf *b, const char *title, const char *author)
{
	struct nv_buf info = NV_BUF_INIT;
	const char *objs[4] = { "<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", NULL };
	size_t off[4], i, xref;

	nv_buf_adds(&info, "<< /Title ");
	pdf_utf16(&info, title);
	nv_buf_adds(&info, " /Author ");
	pdf_utf16(&info, author);
	nv_buf_adds(&info, " >>");
	objs[3] = info.ptr;
	nv_buf_adds(b, "%PDF-1.4\n");
	for (i = 0; i < 4; i++) {
		off[i] = b->len;
		nv_buf_addf(b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	xref = b->len;
	nv_buf_adds(b, "xref\n0 5\n0000000000 65535 f \n");
	for (i = 0; i < 4; i++)
		nv_buf_addf(b, "%010zu 00000 n \n", off[i]);
	nv_buf_addf(b, "trailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
		    xref);
	nv_buf_release(&info);
}

static void remove_tmpdir(void)
{
	char cmd[512];

	if (tmpdir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

int main(int argc, char **argv)
{
	const char *slash;

	(void)argc;
	program = argv[0];
	slash = strrchr(program, '/');
	if (slash)
		program = slash + 1;
	nv_tests();
	remove_tmpdir();
	printf("%s: %d passed, %d failed\n", program, passed, failed);
	return failed ? 1 : 0;
}

char *nv_test_diags_text(struct nv_diags *d)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	nv_diags_sort(d);
	for (i = 0; i < d->nr; i++)
		nv_buf_addf(&b, "%s:%d:%d: %d: %s | %s\n", d->v[i].file ? d->v[i].file : "-",
			    d->v[i].line, d->v[i].col, (int)d->v[i].severity, d->v[i].msg,
			    d->v[i].hint ? d->v[i].hint : "-");
	return nv_buf_detach(&b, NULL);
}
