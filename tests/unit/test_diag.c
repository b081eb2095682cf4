/*
 * Unit tests for diag.c: the exact text a user reads for a diagnostic
 * (position, severity, the source line with its caret, the hint), the
 * counts of errors and warnings, merging and sorting, and the Russian
 * helpers for numbers and sizes.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"

/* Everything nv_diags_print writes for d, as one string; the caller frees. */
static char *printed(const struct nv_diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f) {
		perror("open_memstream");
		exit(2);
	}
	nv_diags_print(d, f);
	fclose(f);
	return text;
}

static char *scratch(const char *name, const char *text)
{
	char *path = nv_xasprintf("%s/%s", nv_test_tmpdir(), name);

	nv_test_write(path, text);
	return path;
}

static void test_error_with_excerpt_and_hint(void)
{
	char *path = scratch("dup.md", "---\ntitle: a\ntitle: b\n---\n");
	struct nv_diags d = NV_DIAGS_INIT;
	char *out, *want;

	nv_diag_hint(nv_error(&d, path, 3, 1, "ключ «%s» повторяется", "title"),
		     "оставьте один ключ «title»");
	out = printed(&d);
	want = nv_xasprintf("nastavnik: %s:3:1: ошибка: ключ «title» повторяется\n"
			    "    3 | title: b\n"
			    "      | ^\n"
			    "  подсказка: оставьте один ключ «title»\n",
			    path);
	CHECK_STR(out, want);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 0);
	free(out);
	free(want);
	nv_diags_release(&d);
	free(path);
}

/* Lines found in any order in one file: later, the same, then an earlier one. */
static void test_excerpts_in_any_line_order(void)
{
	char *path = scratch("order.yml", "a: 1\nb: 2\nc: 3\n");
	struct nv_diags d = NV_DIAGS_INIT;
	char *out, *want;

	nv_warning(&d, path, 2, 1, "два");
	nv_warning(&d, path, 3, 1, "три");
	nv_warning(&d, path, 3, 4, "три ещё");
	nv_warning(&d, path, 1, 1, "один");
	nv_warning(&d, path, 9, 1, "нет такой строки");
	nv_warning(&d, path, 2, 4, "снова два");
	out = printed(&d);
	want = nv_xasprintf(
		"nastavnik: %s:2:1: предупреждение: два\n    2 | b: 2\n      | ^\n"
		"nastavnik: %s:3:1: предупреждение: три\n    3 | c: 3\n      | ^\n"
		"nastavnik: %s:3:4: предупреждение: три ещё\n    3 | c: 3\n      |    ^\n"
		"nastavnik: %s:1:1: предупреждение: один\n    1 | a: 1\n      | ^\n"
		"nastavnik: %s:9:1: предупреждение: нет такой строки\n"
		"nastavnik: %s:2:4: предупреждение: снова два\n    2 | b: 2\n      |    ^\n",
		path, path, path, path, path, path);
	CHECK_STR(out, want);
	free(out);
	free(want);
	nv_diags_release(&d);
	free(path);
}

/* The caret is placed by characters, not bytes; tabs are kept so it lines up. */
static void test_caret_counts_characters(void)
{
	char *path = scratch("ru.yml", "- id: x\n  фамилия: Иванова\n\tdate: 31.02.2025\n");
	struct nv_diags d = NV_DIAGS_INIT;
	char *out, *want;

	nv_error(&d, path, 2, 12, "неизвестный ключ «фамилия»");
	nv_warning(&d, path, 3, 8, "такой даты нет");
	out = printed(&d);
	want = nv_xasprintf("nastavnik: %s:2:12: ошибка: неизвестный ключ «фамилия»\n"
			    "    2 |   фамилия: Иванова\n"
			    "      |            ^\n"
			    "nastavnik: %s:3:8: предупреждение: такой даты нет\n"
			    "    3 | \tdate: 31.02.2025\n"
			    "      | \t      ^\n",
			    path, path);
	CHECK_STR(out, want);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 1);
	free(out);
	free(want);
	nv_diags_release(&d);
	free(path);
}

/* A BOM and CRLF line ends are not shown; a wide line number widens the gutter. */
static void test_bom_crlf_and_wide_numbers(void)
{
	struct nv_buf text = NV_BUF_INIT;
	char *path, *out, *want;
	struct nv_diags d = NV_DIAGS_INIT;
	int i;

	nv_buf_adds(&text, "\xEF\xBB\xBFtitle: Приказ\r\n");
	for (i = 2; i <= 12; i++)
		nv_buf_addf(&text, "строка %d\r\n", i);
	path = scratch("crlf.md", text.ptr);
	nv_error(&d, path, 1, 1, "первая");
	nv_error(&d, path, 12, 8, "двенадцатая");
	out = printed(&d);
	want = nv_xasprintf("nastavnik: %s:1:1: ошибка: первая\n"
			    "    1 | title: Приказ\n"
			    "      | ^\n"
			    "nastavnik: %s:12:8: ошибка: двенадцатая\n"
			    "    12 | строка 12\n"
			    "       |        ^\n",
			    path, path);
	CHECK_STR(out, want);
	free(out);
	free(want);
	nv_diags_release(&d);
	nv_buf_release(&text);
	free(path);
}

/*
 * Line 0 is the whole file, no file is the whole run, column 0 prints as 1;
 * a file that cannot be read gives no excerpt.
 */
static void test_positions_without_excerpt(void)
{
	char *missing = nv_xasprintf("%s/missing.yml", nv_test_tmpdir());
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_diag *n;
	char *out, *want;

	nv_error(&d, "content/people.yml", 0, 0, "файл пуст");
	nv_warning(&d, NULL, 0, 0, "нет ни одного документа");
	nv_error(&d, missing, 4, 0, "строки не прочитать");
	n = nv_diag_add(&d, NV_NOTE, "content/no-such-file.yml", 2, 3, "здесь");
	nv_diag_hint(n, "первая подсказка");
	nv_diag_hint(n, "вторая подсказка");
	out = printed(&d);
	want = nv_xasprintf("nastavnik: content/people.yml: ошибка: файл пуст\n"
			    "nastavnik: предупреждение: нет ни одного документа\n"
			    "nastavnik: %s:4:1: ошибка: строки не прочитать\n"
			    "nastavnik: content/no-such-file.yml:2:3: примечание: здесь\n"
			    "  подсказка: вторая подсказка\n",
			    missing);
	CHECK_STR(out, want);
	/* A note is neither an error nor a warning. */
	CHECK_INT(d.nr, 4);
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	free(out);
	free(want);
	nv_diags_release(&d);
	CHECK_INT(d.nr, 0);
	CHECK_INT(d.errors, 0);
	free(missing);
}

/*
 * Control characters of the input never reach the terminal raw: in the
 * message, the hint, the file name and the excerpt they show as \x1b
 * (C1 as \u009b), the caret moves past the escape's width, and a tab of
 * the excerpt stays a tab so the caret lines up.
 */
static void test_control_characters_are_escaped(void)
{
	char *path = scratch("esc.md", "---\n\ttitle: \x1b[2J\x7f\xc2\x9b\x01x: y\n---\n");
	char *ctl = scratch("a\x1b"
			    "b.md",
			    "");
	struct nv_diags d = NV_DIAGS_INIT;
	char *out, *want, *shown;

	nv_diag_hint(nv_error(&d, path, 2, 14, "неизвестный ключ «%s»", "\x1b[2J\x7f\x01x"),
		     "уберите «\r» и «\xc2\x9b»");
	nv_error(&d, ctl, 0, 0, "файл с\tтабуляцией");
	out = printed(&d);
	shown = nv_xasprintf("%.*s\\x1bb.md", (int)(strlen(ctl) - 5), ctl);
	want = nv_xasprintf("nastavnik: %s:2:14: ошибка: неизвестный ключ "
			    "«\\x1b[2J\\x7f\\x01x»\n"
			    "    2 | \ttitle: \\x1b[2J\\x7f\\u009b\\x01x: y\n"
			    "      | \t                  ^\n"
			    "  подсказка: уберите «\\x0d» и «\\u009b»\n"
			    "nastavnik: %s: ошибка: файл с\\x09табуляцией\n",
			    path, shown);
	CHECK_STR(out, want);
	free(out);
	free(want);
	free(shown);
	nv_diags_release(&d);
	free(path);
	free(ctl);
}

static void test_merge_and_sort(void)
{
	struct nv_diags a = NV_DIAGS_INIT, b = NV_DIAGS_INIT;

	nv_error(&a, "content/b.md", 5, 2, "b5");
	nv_warning(&a, NULL, 0, 0, "общее");
	nv_error(&b, "content/a.md", 9, 1, "a9");
	nv_warning(&b, "content/b.md", 5, 2, "b5 снова");
	nv_error(&b, "content/b.md", 1, 7, "b1");
	nv_error(&b, "content/a.md", 9, 1, "a9 снова");
	nv_diags_merge(&a, &b);
	CHECK_INT(b.nr, 0);
	CHECK_INT(b.errors + b.warnings, 0);
	CHECK_INT(a.nr, 6);
	CHECK_INT(a.errors, 4);
	CHECK_INT(a.warnings, 2);
	nv_diags_sort(&a);
	/* No file first, then by file, line, column; equal positions in the order added. */
	CHECK_STR(a.v[0].msg, "общее");
	CHECK_STR(a.v[1].msg, "a9");
	CHECK_STR(a.v[2].msg, "a9 снова");
	CHECK_STR(a.v[3].msg, "b1");
	CHECK_STR(a.v[4].msg, "b5");
	CHECK_STR(a.v[5].msg, "b5 снова");
	nv_diags_release(&a);
}

/* A list cut back keeps its first messages and counts only them. */
static void test_truncate(void)
{
	struct nv_diags d = NV_DIAGS_INIT;

	nv_error(&d, "content/a.md", 1, 1, "a");
	nv_warning(&d, "content/a.md", 2, 1, "b");
	nv_error(&d, "content/b.md", 1, 1, "c");
	nv_diag_hint(nv_warning(&d, NULL, 0, 0, "d"), "подсказка");
	nv_diag_add(&d, NV_NOTE, NULL, 0, 0, "e");
	nv_diags_truncate(&d, 9);
	CHECK_INT(d.nr, 5);
	nv_diags_truncate(&d, 2);
	CHECK_INT(d.nr, 2);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.warnings, 1);
	CHECK_STR(d.v[1].msg, "b");
	nv_error(&d, NULL, 0, 0, "f");
	CHECK_INT(d.errors, 2);
	CHECK_STR(d.v[2].msg, "f");
	nv_diags_truncate(&d, 0);
	CHECK_INT(d.nr + d.errors + d.warnings, 0);
	nv_diags_release(&d);
}

/*
 * Files of a staging tree are named in the folder it was to become: from
 * the given diagnostic on, the folder and the files inside it (not a
 * sibling whose name starts alike), the rest as they were.
 */
static void test_rename_staged(void)
{
	struct nv_diags d = NV_DIAGS_INIT;

	nv_error(&d, "out/site.new-ab/a.html", 0, 0, "раньше");
	nv_error(&d, "out/site.new-ab/news/b.html", 0, 0, "x");
	nv_error(&d, "out/site.new-abc/c.html", 0, 0, "x");
	nv_error(&d, "out/site.new-ab", 0, 0, "x");
	nv_error(&d, NULL, 0, 0, "x");
	nv_diags_rename(&d, 1, "out/site.new-ab", "out/site");
	CHECK_STR(d.v[0].file, "out/site.new-ab/a.html");
	CHECK_STR(d.v[1].file, "out/site/news/b.html");
	CHECK_STR(d.v[2].file, "out/site.new-abc/c.html");
	CHECK_STR(d.v[3].file, "out/site");
	CHECK(d.v[4].file == NULL);
	CHECK_INT(d.errors, 5);
	nv_diags_release(&d);
}

static void test_russian_helpers(void)
{
	char buf[32];

	CHECK_STR(nv_plural(1, "ошибка", "ошибки", "ошибок"), "ошибка");
	CHECK_STR(nv_plural(3, "ошибка", "ошибки", "ошибок"), "ошибки");
	CHECK_STR(nv_plural(5, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(11, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(14, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(21, "ошибка", "ошибки", "ошибок"), "ошибка");
	CHECK_STR(nv_plural(0, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(102, "ошибка", "ошибки", "ошибок"), "ошибки");
	CHECK_STR(nv_megabytes(buf, sizeof(buf), 4u << 20), "4,0 МБ");
	CHECK_STR(nv_megabytes(buf, sizeof(buf), (size_t)(4.25 * (1 << 20))), "4,3 МБ");
	CHECK_STR(nv_megabytes(buf, sizeof(buf), 0), "0,0 МБ");
	CHECK_STR(nv_strerror(ENOENT), "файл или каталог не найден");
	CHECK_STR(nv_strerror(ENOSPC), "на диске нет места");
}

void nv_tests(void)
{
	NV_RUN(test_error_with_excerpt_and_hint);
	NV_RUN(test_caret_counts_characters);
	NV_RUN(test_bom_crlf_and_wide_numbers);
	NV_RUN(test_positions_without_excerpt);
	NV_RUN(test_control_characters_are_escaped);
	NV_RUN(test_merge_and_sort);
	NV_RUN(test_excerpts_in_any_line_order);
	NV_RUN(test_russian_helpers);
	NV_RUN(test_rename_staged);
	NV_RUN(test_truncate);
}
