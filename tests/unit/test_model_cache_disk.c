/*
 * Unit tests for model_cache_disk.c: the checks' results of a one-shot
 * load (nv_project_opts.once) written to a file and read by the next
 * load. A copy of tests/bad/_base with a page that has a secretary's
 * warning and an unmarked name: the load with the file takes every
 * result it can (as many as a second load with the same cache in
 * memory) and says exactly what a load without it says. A file cut
 * short, with a byte changed, of another format version or of another
 * program gives nothing, and the load is the same as without it.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "model.h"
#include "model_cache.h"
#include "project.h"

#define PAGE "pages/vstrecha.md"

/* x written to file as a build writes it (build.c). */
static int write_cache(const struct nv_check_cache *x, const char *file)
{
	struct nv_buf b = NV_BUF_INIT;
	int rc = nv_check_cache_encode(x, &b);

	if (rc == 0)
		rc = nv_write_file_mode(file, b.ptr, b.len, 0600);
	nv_buf_release(&b);
	return rc;
}

static char content[512], file[512];

/*
 * A one-shot load with cache x (NULL: none): its diagnostics (the caller
 * frees) and, in *hits, the results x gave.
 */
static char *load(struct nv_check_cache *x, size_t *hits)
{
	struct nv_project_opts o = { content, false, 2, NULL, NULL, true, x };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;
	char *t;

	nv_project_load(&p, &o, &d);
	nv_project_release(&p);
	t = nv_test_diags_text(&d);
	nv_diags_release(&d);
	*hits = nv_check_cache_hits(x);
	return t;
}

/* A one-shot load with the cache read from path: its diagnostics and the results it took. */
static char *load_file(const char *path, size_t *hits)
{
	struct nv_check_cache *x = nv_check_cache_read(path);
	char *t = load(x, hits);

	nv_check_cache_free(x);
	return t;
}

/* Run the shell command fmt in the content folder. */
static int sh(const char *fmt, const char *arg)
{
	struct nv_buf cmd = NV_BUF_INIT;
	int rc;

	nv_buf_addf(&cmd, "cd %s && ", content);
	nv_buf_addf(&cmd, fmt, arg);
	rc = system(cmd.ptr);
	nv_buf_release(&cmd);
	return rc;
}

/* The project, a load that writes its results to `file`, and a load that reads them. */
static void test_results_read_back(void)
{
	struct nv_check_cache *x = nv_check_cache_new();
	struct nv_buf cmd = NV_BUF_INIT;
	char *first, *again, *fresh;
	size_t hits, mem;

	snprintf(content, sizeof(content), "%s/content", nv_test_tmpdir());
	snprintf(file, sizeof(file), "%s/" NV_CHECKS_FILE, nv_test_tmpdir());
	nv_buf_addf(&cmd, "cp -R tests/bad/_base/content %s", content);
	CHECK_INT(system(cmd.ptr), 0);
	nv_buf_release(&cmd);
	CHECK_INT(sh("printf -- '---\\ntitle: Встреча\\n---\\n## Итоги встречи.\\n\\nВстречу "
		     "открыла Петрова Анна Николаевна, протокол вёл Сидоров Олег "
		     "Ильич.\\n' >%s",
		     PAGE),
		  0);
	/* No file: nothing taken, and the same as a load without a cache. */
	first = load_file(file, &hits);
	CHECK_INT(hits, 0);
	fresh = load(NULL, &hits);
	CHECK_STR(first, fresh);
	CHECK(strstr(first, "/" PAGE ":4:17: 1: в конце заголовка стоит точка | ") != NULL);
	CHECK(strstr(first, "/" PAGE ":6:17: 1: «Петрова Анна Николаевна» — имя участника без "
			    "отметки упоминания (petrova-an, publish: full) | ") != NULL);
	/* Written, then read: as many results as the same cache in memory gives, and the same
	 * words. */
	free(load(x, &hits));
	CHECK_INT(write_cache(x, file), 0);
	free(load(x, &mem));
	CHECK(mem > 0);
	again = load_file(file, &hits);
	CHECK_INT(hits, mem);
	CHECK_STR(again, fresh);
	free(again);
	/* The page's body edited: its own results are made again, the others read. */
	CHECK_INT(sh("printf '\\nЕщё строка.\\n' >>%s", PAGE), 0);
	again = load_file(file, &hits);
	CHECK_INT(hits, mem - 3); /* the page's text, mentions and marks; its front matter stays */
	CHECK_STR(again, fresh);
	free(again);
	free(first);
	free(fresh);
	nv_check_cache_free(x);
}

/*
 * A hidden person added to people.yml: the unchanged page that names
 * him is refused, as without the file.
 */
static void test_people_change_checks_again(void)
{
	char *got, *fresh;
	size_t hits;

	CHECK_INT(sh("printf -- '- id: sidorov-oi\\n  surname: Сидоров\\n  name: Олег\\n  "
		     "patronymic: Ильич\\n  category: teacher\\n  position: учитель\\n  publish: "
		     "none\\n' >>%s",
		     "people.yml"),
		  0);
	got = load_file(file, &hits);
	fresh = load(NULL, &hits);
	CHECK_STR(got, fresh);
	CHECK(strstr(got, "«Сидоров Олег Ильич» — имя человека, которого нельзя называть на "
			  "сайте (sidorov-oi, publish: none) | ") != NULL);
	free(got);
	free(fresh);
}

/* The file as written, into *b. */
static void read_whole(struct nv_buf *b)
{
	CHECK_INT(nv_read_file(file, 1 << 24, b), 0);
}

/* A load with the bytes b (n of them) as its file takes nothing and says what a fresh load says. */
static bool ignored(const char *b, size_t n, const char *fresh)
{
	char path[600];
	size_t hits = 1;
	char *got;
	bool ok;

	snprintf(path, sizeof(path), "%s.bad", file);
	nv_test_write(path, "");
	if (nv_write_file(path, b, n) < 0)
		return false;
	got = load_file(path, &hits);
	ok = hits == 0 && !strcmp(got, fresh);
	if (!ok)
		nv_test_failed(__FILE__, __LINE__,
			       "%zu результатов из испорченного файла (%zu байт)", hits, n);
	free(got);
	return ok;
}

/*
 * The file in b with its body replaced by the first n bytes of body,
 * flipping bit `flip` (a bit index; none if past them), and its header's
 * length and hash made to fit, into out: damage the hash does not see,
 * which the reader must find in the body itself.
 */
static void reseal(const struct nv_buf *b, size_t n, size_t flip, struct nv_buf *out)
{
	const char *hits = strstr(b->ptr, "\nhits ") + 1, *line = strstr(hits, "\nbody ") + 1;
	const char *body = strchr(line, '\n') + 1;
	struct nv_hash h = NV_HASH_INIT;
	char hex[33];
	size_t at;

	nv_buf_reset(out);
	nv_buf_add(out, b->ptr, (size_t)(line - b->ptr));
	at = out->len;
	nv_buf_add(out, body, n);
	if (flip / 8 < n)
		out->ptr[at + flip / 8] ^= (char)(1u << (flip % 8));
	nv_hash_add(&h, hits, (size_t)(line - hits));
	nv_hash_add(&h, out->ptr + at, n);
	nv_hash_hex(h, hex);
	nv_buf_truncate(out, at);
	nv_buf_addf(out, "body %zu %s\n", n, hex);
	nv_buf_add(out, body, n);
	if (flip / 8 < n)
		out->ptr[out->len - n + flip / 8] ^= (char)(1u << (flip % 8));
}

/* Cut short anywhere, a bit flipped anywhere, another version or program: the file is ignored. */
static void test_damaged_file_is_ignored(void)
{
	struct nv_check_cache *x = nv_check_cache_new();
	struct nv_buf b = NV_BUF_INIT, c = NV_BUF_INIT;
	char *fresh, *got, *p, dir[600];
	size_t i, hits, step, body;

	/* A file of the project as it is now. */
	free(load(x, &hits));
	CHECK_INT(write_cache(x, file), 0);
	nv_check_cache_free(x);
	fresh = load(NULL, &hits);
	read_whole(&b);
	CHECK(b.len > 200);
	/* Whole, it is taken: the cases below fail for their damage alone. */
	free(load_file(file, &hits));
	CHECK(hits > 0);
	step = b.len / 40 + 1;
	for (i = 0; i < b.len; i += i < 120 ? 7 : step)
		if (!ignored(b.ptr, i, fresh))
			goto out;
	for (i = 0; i < b.len; i += i < 120 ? 5 : step) {
		nv_buf_reset(&c);
		nv_buf_add(&c, b.ptr, b.len);
		c.ptr[i] ^= (char)(1u << (i % 8));
		if (!ignored(c.ptr, c.len, fresh))
			goto out;
	}
	/* Bytes after the end. */
	nv_buf_reset(&c);
	nv_buf_add(&c, b.ptr, b.len);
	nv_buf_addch(&c, 0);
	if (!ignored(c.ptr, c.len, fresh))
		goto out;
	/*
	 * The body cut short with a header that fits it: every record is
	 * counted, every length checked, so no cut passes.
	 */
	p = strstr(b.ptr, "\nbody ");
	CHECK(p != NULL);
	body = b.len - (size_t)(strchr(p + 1, '\n') + 1 - b.ptr);
	reseal(&b, body, SIZE_MAX, &c);
	CHECK(c.len == b.len && !memcmp(c.ptr, b.ptr, b.len)); /* reseal() is right */
	for (i = 0; i < body; i += i < 64 ? 1 : step / 2 + 1) {
		reseal(&b, i, SIZE_MAX, &c);
		if (!ignored(c.ptr, c.len, fresh))
			goto out;
	}
	/*
	 * A bit flipped with a header that fits: a length, a count, a
	 * severity is refused; a flip in a key or a text reads as a result
	 * of no document. Either way no crash, and when nothing is taken
	 * the load is a fresh one.
	 */
	for (i = 0; i < body * 8; i += body * 8 / 150 + 1) {
		reseal(&b, body, i, &c);
		nv_test_write("flipped", "");
		snprintf(dir, sizeof(dir), "%s/flipped", nv_test_tmpdir());
		CHECK_INT(nv_write_file(dir, c.ptr, c.len), 0);
		got = load_file(dir, &hits);
		if (!hits && strcmp(got, fresh))
			nv_test_failed(__FILE__, __LINE__, "бит %zu: не то, что без файла", i);
		free(got);
	}
	/* Another version of the format. */
	nv_buf_reset(&c);
	nv_buf_add(&c, b.ptr, b.len);
	p = strstr(c.ptr, "nastavnik-checks 1\n");
	CHECK(p == c.ptr);
	p[strlen("nastavnik-checks ")] = '2';
	if (!ignored(c.ptr, c.len, fresh))
		goto out;
	/* Another program (its file another): another key in the header. */
	nv_buf_reset(&c);
	nv_buf_add(&c, b.ptr, b.len);
	p = strstr(c.ptr, "\nprogram ");
	CHECK(p != NULL);
	p += strlen("\nprogram ");
	*p = *p == '0' ? '1' : '0';
	if (!ignored(c.ptr, c.len, fresh))
		goto out;
	/* A folder in its place. */
	snprintf(dir, sizeof(dir), "%s/folder", nv_test_tmpdir());
	CHECK_INT(nv_mkdir_p(dir), 0);
	got = load_file(dir, &hits);
	CHECK_INT(hits, 0);
	CHECK_STR(got, fresh);
	free(got);
out:
	free(fresh);
	nv_buf_release(&b);
	nv_buf_release(&c);
}

void nv_tests(void)
{
	NV_RUN(test_results_read_back);
	NV_RUN(test_people_change_checks_again);
	NV_RUN(test_damaged_file_is_ignored);
}
