/*
 * guard_bench.c: how fast the personal-data guard runs over real pages.
 *
 *   guard_bench CONTENT SITE [ROUNDS [list]]
 *
 * Builds the model and the guard from the content folder CONTENT (the
 * one with people.yml), reads every .html and .xml file below SITE (a
 * built site) as markup, its .json, .js, .ics, .csv and .txt files as
 * plain text, and every .md file below CONTENT as plain text (the sources
 * still carry the names), and finds every mention in them with
 * nv_guard_find() ROUNDS times (default 5). Prints the best CPU time of a
 * round for each set, the number of mentions and of leaks and a hash of
 * their places, so two versions of the guard can be compared for speed
 * and for identical results. With `list`, every mention is printed too
 * (file, byte range, person, leak, the form found), to check by eye that
 * each is a real one. No timed assertion: the numbers are for reading.
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
	char **names;
	size_t nr, bytes;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* Read every file below dir whose name ends with one of the suffixes (a NULL-ended list) into f. */
static int load(struct files *f, const char *dir, const char *const *suffix)
{
	struct nv_strlist l = NV_STRLIST_INIT;
	size_t i, k;
	char *path;
	int rc = -1;

	if (nv_walk(dir, &l) < 0)
		goto out;
	f->v = nv_xcalloc(l.nr + 1, sizeof(*f->v));
	f->names = nv_xcalloc(l.nr + 1, sizeof(*f->names));
	for (i = 0; i < l.nr; i++) {
		for (k = 0; suffix[k] && !ends_with(l.v[i], suffix[k]); k++)
			;
		if (!suffix[k])
			continue;
		path = nv_xasprintf("%s/%s", dir, l.v[i]);
		nv_buf_init(&f->v[f->nr]);
		if (nv_read_file(path, SIZE_MAX, &f->v[f->nr]) < 0) {
			free(path);
			goto out;
		}
		f->names[f->nr] = path;
		f->bytes += f->v[f->nr++].len;
	}
	rc = 0;
out:
	nv_strlist_release(&l);
	return rc;
}

static void files_release(struct files *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++) {
		nv_buf_release(&f->v[i]);
		free(f->names[i]);
	}
	free(f->v);
	free(f->names);
}

/* FNV-1a over the mentions' places, to compare two builds of the guard. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

static void show(const char *name, const char *text, const struct nv_guard_hit *h, bool markup)
{
	struct nv_buf form = NV_BUF_INIT;

	nv_guard_form(text, h, markup, &form);
	printf("%s:%zu-%zu: %s%s «%s»\n", name, h->start, h->end, h->p->id, h->leak ? " LEAK" : "",
	       form.ptr);
	nv_buf_release(&form);
}

static void run(const char *what, const struct nv_guard *g, const struct files *f, bool markup,
		int rounds, bool list)
{
	struct nv_guard_hit h;
	uint64_t hash = 0xcbf29ce484222325ull;
	size_t i, from, count = 0, leaks = 0;
	double t, best = 0;
	int k;

	for (k = 0; k < rounds; k++) {
		t = now_ms();
		for (i = 0; i < f->nr; i++) {
			for (from = 0; nv_guard_find(g, f->v[i].ptr, f->v[i].len, from, markup, &h);
			     from = h.end) {
				count++;
				leaks += h.leak;
				if (k)
					continue;
				hash = fnv(hash, (const char *)&h.start, sizeof(h.start));
				hash = fnv(hash, h.p->id, strlen(h.p->id));
				if (list)
					show(f->names[i], f->v[i].ptr, &h, markup);
			}
		}
		t = now_ms() - t;
		if (!k || t < best)
			best = t;
	}
	printf("guard %s: %zu files, %.2f MB in %.2f ms (%.0f MB/s), %zu mentions, %zu leaks, "
	       "places %016llx\n",
	       what, f->nr, f->bytes / 1e6, best, f->bytes / 1e3 / best, count / (size_t)rounds,
	       leaks / (size_t)rounds, (unsigned long long)hash);
}

int main(int argc, char **argv)
{
	struct nv_content c;
	struct nv_model m;
	struct nv_diags d;
	struct nv_guard *r = NULL;
	struct files html = { NULL, NULL, 0, 0 }, md = { NULL, NULL, 0, 0 },
		     plain = { NULL, NULL, 0, 0 };
	static const char *const html_ext[] = { ".html", ".xml", NULL };
	static const char *const plain_ext[] = { ".json", ".js", ".ics", ".csv", ".txt", NULL };
	static const char *const md_ext[] = { ".md", NULL };
	int rounds = argc > 3 ? atoi(argv[3]) : 5, rc = 1;
	bool list = argc > 4 && !strcmp(argv[4], "list");
	bool model_built = false;

	if (argc < 3 || rounds < 1) {
		fprintf(stderr, "usage: guard_bench CONTENT SITE [ROUNDS [list]]\n");
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
	if (load(&html, argv[2], html_ext) < 0 || load(&plain, argv[2], plain_ext) < 0 ||
	    load(&md, argv[1], md_ext) < 0) {
		fprintf(stderr, "guard_bench: cannot read %s or %s\n", argv[2], argv[1]);
		goto out;
	}
	r = nv_guard_new(&m);
	run("html", r, &html, true, rounds, list);
	run("plain", r, &plain, false, rounds, list);
	run("md", r, &md, false, rounds, list);
	rc = 0;
out:
	nv_guard_free(r);
	files_release(&html);
	files_release(&md);
	files_release(&plain);
	if (model_built)
		nv_model_release(&m);
	nv_content_release(&c);
	nv_diags_release(&d);
	return rc;
}
