/*
 * guard_bench.c: how fast the personal-data redactor runs over real pages.
 *
 *   guard_bench CONTENT SITE [ROUNDS]
 *
 * Builds the model and the redactor from the content folder CONTENT (the
 * one with people.yml), reads every .html file below SITE (a built site)
 * as markup and every .md file below CONTENT as plain text (the sources
 * still carry the hidden names), and runs nv_redact() over all of them
 * ROUNDS times (default 5). Prints the best time of a round for each set,
 * the number of replacements and a hash of the output, so two versions
 * of the redactor can be compared for speed and for identical output.
 * No timed assertion: the numbers are for reading.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "guard.h"

struct files {
	struct nv_buf *v;
	size_t nr, bytes;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* Read every file below dir whose name ends with suffix into f. */
static int load(struct files *f, const char *dir, const char *suffix)
{
	struct nv_strlist l = NV_STRLIST_INIT;
	size_t i;
	char *path;
	int rc = -1;

	if (nv_walk(dir, &l) < 0)
		goto out;
	f->v = nv_xcalloc(l.nr + 1, sizeof(*f->v));
	for (i = 0; i < l.nr; i++) {
		if (!ends_with(l.v[i], suffix))
			continue;
		path = nv_xasprintf("%s/%s", dir, l.v[i]);
		nv_buf_init(&f->v[f->nr]);
		if (nv_read_file(path, SIZE_MAX, &f->v[f->nr]) < 0) {
			free(path);
			goto out;
		}
		f->bytes += f->v[f->nr++].len;
		free(path);
	}
	rc = 0;
out:
	nv_strlist_release(&l);
	return rc;
}

static void files_release(struct files *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		nv_buf_release(&f->v[i]);
	free(f->v);
}

/* FNV-1a over the output, to compare two builds of the redactor. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static void run(const char *what, const struct nv_guard *r, const struct files *f, bool markup,
		int rounds)
{
	struct nv_buf out = NV_BUF_INIT;
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i, count = 0;
	double t, best = 0;
	int k;

	for (k = 0; k < rounds; k++) {
		t = now_ms();
		for (i = 0; i < f->nr; i++) {
			nv_buf_reset(&out);
			count += nv_redact(r, &out, f->v[i].ptr, f->v[i].len, markup);
			if (!k)
				h = fnv(h, out.ptr, out.len);
		}
		t = now_ms() - t;
		if (!k || t < best)
			best = t;
	}
	printf("redact %s: %zu files, %.1f MB in %.1f ms (%.0f MB/s), %zu replacements, "
	       "output %016llx\n",
	       what, f->nr, f->bytes / 1e6, best, f->bytes / 1e3 / best, count / (size_t)rounds,
	       (unsigned long long)h);
	nv_buf_release(&out);
}

int main(int argc, char **argv)
{
	struct nv_content c;
	struct nv_model m;
	struct nv_diags d;
	struct nv_guard *r = NULL;
	struct files html = { NULL, 0, 0 }, md = { NULL, 0, 0 };
	int rounds = argc > 3 ? atoi(argv[3]) : 5, rc = 1;
	bool model_built = false;

	if (argc < 3 || rounds < 1) {
		fprintf(stderr, "usage: guard_bench CONTENT SITE [ROUNDS]\n");
		return 2;
	}
	memset(&c, 0, sizeof(c));
	nv_diags_init(&d);
	if (nv_content_load(&c, argv[1], &d) < 0)
		goto out;
	nv_model_build(&m, &c, false, &d);
	model_built = true;
	if (d.errors) {
		nv_diags_print(&d, stderr);
		goto out;
	}
	if (load(&html, argv[2], ".html") < 0 || load(&md, argv[1], ".md") < 0) {
		fprintf(stderr, "guard_bench: cannot read %s or %s\n", argv[2], argv[1]);
		goto out;
	}
	r = nv_guard_new(&m);
	run("html", r, &html, true, rounds);
	run("md", r, &md, false, rounds);
	rc = 0;
out:
	nv_guard_free(r);
	files_release(&html);
	files_release(&md);
	if (model_built)
		nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);
	return rc;
}
