/*
 * spec.c: runs the official Mustache specification against template.c.
 *
 * Usage: spec [DIR] (default tests/spec/mustache). Every *.yml file of
 * DIR is read with our own YAML loader, in sorted order; files whose name
 * starts with "~lambdas" are skipped (lambdas are not supported). Each
 * test gets a fresh lenient template set holding its partials in memory;
 * its template is compiled, rendered against its data and compared with
 * the expected text. One line per failure, then the summary line
 * "mustache spec: N passed, M failed"; exit status 1 if M > 0.
 *
 * A missing DIR is not a failure: the suite is reported as skipped.
 */
#include "common.h"

#include <dirent.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "template.h"
#include "value.h"
#include "yaml_load.h"

static int passed, failed;

/* Append s with control characters, quotes and backslashes escaped. */
static void add_escaped(struct nv_buf *b, const char *s, size_t n)
{
	size_t i;

	nv_buf_addch(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '\n': nv_buf_adds(b, "\\n"); break;
		case '\r': nv_buf_adds(b, "\\r"); break;
		case '\t': nv_buf_adds(b, "\\t"); break;
		case '"': nv_buf_adds(b, "\\\""); break;
		case '\\': nv_buf_adds(b, "\\\\"); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				nv_buf_addf(b, "\\x%02x", ch);
			else
				nv_buf_addch(b, (int)ch);
		}
	}
	nv_buf_addch(b, '"');
}

static void add_diags(struct nv_buf *b, const struct nv_diags *d)
{
	size_t i;

	for (i = 0; i < d->nr; i++)
		nv_buf_addf(b, " [%s:%d:%d: %s]", d->v[i].file ? d->v[i].file : "-", d->v[i].line,
			    d->v[i].col, d->v[i].msg);
}

static const char *str_of(const struct nv_value *v)
{
	return v && v->str ? v->str : "";
}

static size_t len_of(const struct nv_value *v)
{
	return v && v->str ? v->len : 0;
}

/* Run one test of `file`; counts it as passed or failed. */
static void run_test(const char *file, const struct nv_value *test)
{
	const struct nv_value *name = nv_map_get(test, "name");
	const struct nv_value *tpl = nv_map_get(test, "template");
	const struct nv_value *want = nv_map_get(test, "expected");
	const struct nv_value *partials = nv_map_get(test, "partials");
	const struct nv_value *data = nv_map_get(test, "data");
	struct nv_tpl_set *set = nv_tpl_set_new(NV_TPL_LENIENT);
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT, line = NV_BUF_INIT;
	const struct nv_template *t;
	size_t i;
	int rc = -1;

	if (partials && partials->type == NV_MAP)
		for (i = 0; i < partials->nr; i++)
			nv_tpl_set_add_source(set, partials->members[i].key,
					      str_of(partials->members[i].value),
					      len_of(partials->members[i].value));
	t = nv_tpl_compile(set, "template", str_of(tpl), len_of(tpl), &d);
	if (t)
		rc = nv_tpl_render(set, t, data, &out, &d);
	if (!rc && !d.nr && out.len == len_of(want) && !memcmp(out.ptr, str_of(want), out.len)) {
		passed++;
	} else {
		failed++;
		nv_buf_addf(&line, "%s: %s: expected ", file, str_of(name));
		add_escaped(&line, str_of(want), len_of(want));
		nv_buf_adds(&line, ", got ");
		add_escaped(&line, out.ptr, out.len);
		add_diags(&line, &d);
		printf("%s\n", line.ptr);
	}
	nv_buf_release(&line);
	nv_buf_release(&out);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
}

static void run_file(const char *dir, const char *base)
{
	char *path = nv_xasprintf("%s/%s", dir, base);
	struct nv_buf text = NV_BUF_INIT, line = NV_BUF_INIT;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_value *root = NULL;
	const struct nv_value *tests;
	size_t i;

	if (nv_read_file(path, 64u << 20, &text)) {
		printf("%s: не удалось прочитать: %s\n", path, strerror(errno));
		failed++;
		goto out;
	}
	root = nv_yaml_load(path, text.ptr, text.len, 1, NULL, &d);
	tests = root ? nv_map_get(root, "tests") : NULL;
	if (!tests || tests->type != NV_LIST) {
		nv_buf_addf(&line, "%s: не удалось разобрать набор тестов", path);
		add_diags(&line, &d);
		printf("%s\n", line.ptr);
		failed++;
		goto out;
	}
	for (i = 0; i < tests->nr; i++)
		run_test(base, tests->items[i]);
out:
	nv_value_free(root);
	nv_diags_release(&d);
	nv_buf_release(&text);
	nv_buf_release(&line);
	free(path);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/spec/mustache";
	char **names = NULL;
	size_t nr = 0, alloc = 0, i;
	struct dirent *de;
	DIR *dh;

	dh = opendir(dir);
	if (!dh) {
		printf("mustache spec: каталог %s не найден — набор пропущен\n", dir);
		printf("mustache spec: 0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	while ((de = readdir(dh))) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".yml") || de->d_name[0] == '.' ||
		    !strncmp(de->d_name, "~lambdas", 8))
			continue;
		NV_GROW(names, nr + 1, alloc);
		names[nr++] = nv_xstrdup(de->d_name);
	}
	closedir(dh);
	qsort(names, nr, sizeof(*names), cmp_names);
	for (i = 0; i < nr; i++) {
		run_file(dir, names[i]);
		free(names[i]);
	}
	free(names);
	printf("mustache spec: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
