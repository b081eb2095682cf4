/* harness.c: the unit-test runner; see harness.h. */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "harness.h"

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
