/* Unit tests for buf.c, alloc.c, utf8.c and diag.c. */
#include "common.h"

#include <malloc.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "utf8.h"

static void test_buf_empty_is_printable(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *s;
	size_t n = 99;

	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	s = nv_buf_detach(&b, &n);
	CHECK_STR(s, "");
	CHECK_INT(n, 0);
	free(s);
	nv_buf_release(&b);
}

/* nv_mem_find finds the first place, across UTF-8 and at both ends. */
static void test_mem_find(void)
{
	const char *s = "по списку и по списку";
	size_t n = strlen(s);

	CHECK_INT(nv_mem_find(s, n, "списку", strlen("списку")) - s, 5);
	CHECK_INT(nv_mem_find(s + 6, n - 6, "списку", strlen("списку")) - s, 26);
	CHECK_INT(nv_mem_find(s, n, "по", 4) - s, 0);
	CHECK_INT(nv_mem_find(s, n, "у", 2) - s, 15);
	CHECK_INT(nv_mem_find(s, n, " ", 1) - s, 4);
	CHECK_INT(nv_mem_find(s, n, "", 0) - s, 0);
	CHECK(nv_mem_find(s, n - 1, "списку", strlen("списку")) - s == 5);
	CHECK(nv_mem_find(s + 6, n - 7, "списку", strlen("списку")) == NULL);
	CHECK(nv_mem_find(s, n, "списка", strlen("списка")) == NULL);
	CHECK(nv_mem_find("ab", 2, "abc", 3) == NULL);
	CHECK(nv_mem_find("xab", 3, "ab", 2) != NULL);
}

/*
 * In long texts nv_mem_find compares 32 places at a time (AVX2) or 16
 * (SSE2): every place of a word in a block, across two blocks and in the
 * tail is found, and the first and last bytes alone are not enough.
 */
static void test_mem_find_long(void)
{
	char s[100];
	size_t at, n;

	for (at = 0; at + 5 <= sizeof s; at++) {
		memset(s, 'a', sizeof s);
		memcpy(at < 20 ? s + 90 : s + 10, "axyza", 5); /* a near miss */
		memcpy(s + at, "abcda", 5);
		CHECK_INT(nv_mem_find(s, sizeof s, "abcda", 5) - s, (long)at);
		CHECK_INT(nv_mem_find(s, sizeof s, "a", 1) - s, 0);
	}
	/* every length, so that the last block overlaps the one before by 0 to 15 places */
	for (n = 20; n <= sizeof s; n++)
		for (at = 0; at + 5 <= n; at++) {
			memset(s, 'a', sizeof s);
			memcpy(s + at, "abcdb", 5);
			if (at > 6)
				memcpy(s + at - 6, "abcda", 5); /* a near miss before it */
			CHECK_INT(nv_mem_find(s, n, "abcdb", 5) - s, (long)at);
			CHECK(!nv_mem_find(s, n, "abcdc", 5));
			CHECK(!nv_mem_find(s, at + 4, "abcdb", 5));
		}
	memset(s, 'a', sizeof s);
	CHECK(nv_mem_find(s, sizeof s, "ab", 2) == NULL);
	CHECK_INT(nv_mem_find(s, sizeof s, "aaaa", 4) - s, 0);
	s[99] = 'b';
	CHECK_INT(nv_mem_find(s, sizeof s, "ab", 2) - s, 98);
	CHECK_INT(nv_mem_find(s + 1, sizeof s - 1, "aab", 3) - s, 97);
}

/*
 * Valgrind is seen by the preload it puts in the environment (the CLI then
 * frees its memory before the exit); outside valgrind and ASan, not.
 */
static void test_leak_checked_by_valgrind_preload(void)
{
	const char *pre = getenv("LD_PRELOAD");
	char *old = pre ? nv_xstrdup(pre) : NULL;

	if (nv_leak_checked()) { /* run under valgrind, or built with ASan */
		free(old);
		return;
	}
	setenv("LD_PRELOAD", "/usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so", 1);
	CHECK(nv_leak_checked());
	setenv("LD_PRELOAD", "/usr/lib/libfaketime.so.1", 1);
	CHECK(!nv_leak_checked());
	if (old)
		setenv("LD_PRELOAD", old, 1);
	else
		unsetenv("LD_PRELOAD");
	free(old);
}

static void test_buf_append_and_detach(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char *s;
	int i;

	nv_buf_adds(&b, "Приказ");
	nv_buf_addch(&b, ' ');
	nv_buf_addf(&b, "№ %d-%s", 41, "од");
	CHECK_STR(b.ptr, "Приказ № 41-од");
	for (i = 0; i < 1000; i++)
		nv_buf_addch(&b, 'x');
	CHECK_INT(b.len, strlen("Приказ № 41-од") + 1000);
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_truncate(&b, 12);
	CHECK_STR(b.ptr, "Приказ");
	s = nv_buf_detach(&b, NULL);
	CHECK_STR(s, "Приказ");
	CHECK_STR(b.ptr, "");
	free(s);
}

/*
 * nv_buf_take() hands the bytes over with their room; nv_buf_detach()
 * makes a string with much spare room no bigger than it is.
 */
static void test_buf_take_keeps_room(void)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t n = 99;
	char *s;
	int i;

	s = nv_buf_take(&b, &n);
	CHECK_STR(s, "");
	CHECK_INT(n, 0);
	free(s);
	for (i = 0; i < 2; i++) {
		nv_buf_adds(&b, "Приказ");
		nv_buf_grow(&b, 1000);
		s = i ? nv_buf_detach(&b, &n) : nv_buf_take(&b, &n);
		CHECK_STR(s, "Приказ");
		CHECK_INT(n, strlen("Приказ"));
		CHECK_STR(b.ptr, "");
		CHECK_INT(b.cap, 0);
		if (i)
			CHECK(malloc_usable_size(s) < 64);
		else
			CHECK(malloc_usable_size(s) > 1000);
		free(s);
	}
}

static void test_buf_html_escape(void)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *in = "<a href=\"x\">Tom & 'Jerry'</a>";

	nv_buf_add_html(&b, in, strlen(in));
	CHECK_STR(b.ptr, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
	nv_buf_release(&b);
}

/* The four cmark escapes leave ' alone; runs between escapes are copied whole. */
static void test_buf_html4_escape(void)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *in = "Школа «Радуга» & 'дети' <b>\"5\"</b>";

	nv_buf_add_html4(&b, in, strlen(in));
	CHECK_STR(b.ptr, "Школа «Радуга» &amp; 'дети' &lt;b&gt;&quot;5&quot;&lt;/b&gt;");
	nv_buf_reset(&b);
	nv_buf_add_html(&b, "", 0);
	nv_buf_add_html4(&b, "&&", 2);
	CHECK_STR(b.ptr, "&amp;&amp;");
	nv_buf_release(&b);
	nv_buf_add_html(&b, "", 0);
	CHECK_INT(b.cap, 0); /* nothing to add, nothing allocated */
}

/*
 * Every escape at every place of texts of every length up to 100, by
 * AVX2 (32 bytes a block, where the CPU has it) and by SSE2 (16): the
 * last bytes are one more block overlapping the one before, and what it
 * finds before where the search goes on must not count.
 */
static void test_buf_html_escape_every_place(void)
{
	static const char specials[] = "&<>\"'";
	struct nv_buf b = NV_BUF_INIT, want = NV_BUF_INIT;
	char s[101];
	size_t n, at, at2, k, avx2;

	for (avx2 = 0; avx2 < 2; avx2++) {
		nv_avx2_enable(avx2);
		for (n = 1; n <= 100; n++)
			for (at = 0; at < n; at++)
				for (k = 0; k < 5; k++) {
					at2 = (at * 7 + 3) % n; /* a second one, before or after */
					memset(s, 'x', n);
					s[at2] = '<';
					s[at] = specials[k];
					nv_buf_reset(&b);
					nv_buf_add_html(&b, s, n);
					nv_buf_reset(&want);
					for (size_t i = 0; i < n; i++)
						nv_buf_adds(&want, s[i] == '&'	 ? "&amp;"
								   : s[i] == '<' ? "&lt;"
								   : s[i] == '>' ? "&gt;"
								   : s[i] == '"' ? "&quot;"
								   : s[i] == '\''
									   ? "&#39;"
									   : (char[]){ s[i], 0 });
					CHECK_STR(b.ptr, want.ptr);
					nv_buf_reset(&b);
					nv_buf_add_html4(&b, s, n); /* the same, ' left alone */
					CHECK_INT(b.len, want.len - (s[at] == '\'' ? 4 : 0));
				}
	}
	nv_avx2_enable(true);
	nv_buf_release(&b);
	nv_buf_release(&want);
}

/* The inline appends grow exactly at the edge: the terminator always fits. */
static void test_buf_append_at_capacity(void)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t cap;

	nv_buf_addch(&b, 'a');
	cap = b.cap;
	CHECK(cap >= 2);
	while (b.len + 2 <= cap)
		nv_buf_addch(&b, 'b');
	CHECK_INT(b.cap, cap); /* full: len + 1 == cap */
	CHECK_INT(b.len + 1, cap);
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_addch(&b, 'c');
	CHECK(b.cap > cap);
	CHECK_INT(b.ptr[b.len - 1], 'c');
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_release(&b);
	nv_buf_add(&b, "xy", 2);
	cap = b.cap;
	nv_buf_add(&b, "0123456789abcdefghijklmnopqrstuvwxyz", cap - b.len - 1);
	CHECK_INT(b.cap, cap);
	CHECK_INT(b.len + 1, cap);
	nv_buf_add(&b, "z", 1);
	CHECK(b.cap > cap);
	CHECK_INT(b.ptr[b.len - 1], 'z');
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_add(&b, NULL, 0); /* nothing to copy is fine */
	nv_buf_release(&b);
}

/* Numbers in decimal, zero-padded, as "%0*lld" writes them, appended at any place of the room. */
static void test_buf_addnum(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char want[64];
	size_t i;

	nv_buf_addnum(&b, 0, 0);
	nv_buf_addch(&b, ' ');
	nv_buf_addnum(&b, 7, 3);
	nv_buf_addch(&b, ' ');
	nv_buf_addnum(&b, 12345, 2);
	nv_buf_addch(&b, ' ');
	nv_buf_addnum(&b, -42, 5);
	CHECK_STR(b.ptr, "0 007 12345 -0042");
	/* Every length up to the capacity and past it: one growth, the terminator kept. */
	for (i = 0; i < 40; i++) {
		nv_buf_reset(&b);
		while (b.len < i)
			nv_buf_addch(&b, 'x');
		nv_buf_addnum(&b, 9876543210LL, 12);
		snprintf(want, sizeof(want), "%.*s%012lld", (int)i,
			 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 9876543210LL);
		CHECK_STR(b.ptr, want);
		CHECK_INT(b.len, strlen(want));
	}
	nv_buf_release(&b);
}

static void test_buf_codepoints(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_addcp(&b, 'A');
	nv_buf_addcp(&b, 0xAB);	   /* « */
	nv_buf_addcp(&b, 0x2014);  /* — */
	nv_buf_addcp(&b, 0x1F600); /* emoji */
	CHECK_STR(b.ptr, "A«—\xF0\x9F\x98\x80");
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_reset(&b);
	nv_buf_addcp(&b, 0x7F);
	nv_buf_addcp(&b, 0x80);
	nv_buf_addcp(&b, 0x7FF);
	nv_buf_addcp(&b, 0x800);
	nv_buf_addcp(&b, 0xFFFF);
	nv_buf_addcp(&b, 0x10000);
	nv_buf_addcp(&b, 0x10FFFF);
	CHECK_STR(b.ptr,
		  "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
	nv_buf_release(&b);
}

static void test_slices(void)
{
	struct nv_slice s = nv_slice_str("  \tпункт 1.1. \n");
	char *d;

	s = nv_slice_trim(s);
	CHECK(nv_slice_starts_with(s, "пункт"));
	CHECK(nv_slice_ends_with(s, "1.1."));
	CHECK(!nv_slice_ends_with(s, "1.1. "));
	d = nv_slice_dup(s);
	CHECK_STR(d, "пункт 1.1.");
	free(d);
	CHECK(nv_slice_eq(nv_slice_make("abc", 2), "ab"));
	CHECK(!nv_slice_eq(nv_slice_make("abc", 2), "abc"));
	CHECK(nv_ends_with_nocase("files/PLAN.Pdf", 14, ".pdf"));
	CHECK(nv_ends_with_nocase("plan.pdf?x", 8, ".pdf")); /* the first n bytes only */
	CHECK(!nv_ends_with_nocase("plan.pdfx", 9, ".pdf"));
	CHECK(!nv_ends_with_nocase("pdf", 3, ".pdf"));
}

static void test_utf8(void)
{
	size_t bad = 0;
	int line, col;
	const char *text = "а: б\nдата: 31.02\n";

	CHECK(nv_utf8_valid("Наставничество", strlen("Наставничество"), NULL));
	CHECK(!nv_utf8_valid("ok\xC0\xAF", 4, &bad)); /* overlong '/' */
	CHECK_INT(bad, 2);
	CHECK(!nv_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	CHECK(!nv_utf8_valid("\xD0", 1, &bad));		/* truncated */
	CHECK_INT(nv_utf8_count("Приказ", strlen("Приказ")), 6);
	nv_utf8_position(text, (size_t)(strstr(text, "31") - text), &line, &col);
	CHECK_INT(line, 2);
	CHECK_INT(col, 7);
}

/* nv_buf_addf formats in place when it fits and again when it does not. */
static void test_buf_addf_long_and_short(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char big[300];

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	nv_buf_addf(&b, "%s", "");
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	nv_buf_addf(&b, "%d/%s", 12, "a");
	CHECK_STR(b.ptr, "12/a");
	nv_buf_addf(&b, "[%s]", big);
	CHECK_INT(b.len, 4 + 2 + 299);
	CHECK_INT(b.ptr[4], '[');
	CHECK_INT(b.ptr[b.len - 1], ']');
	CHECK_INT(b.ptr[b.len], 0);
	nv_buf_addf(&b, "%c", 'e');
	CHECK_INT(b.ptr[b.len - 1], 'e');
	CHECK_INT(b.len, 306);
	nv_buf_release(&b);
}

static void test_xasprintf_and_grow(void)
{
	char *s = nv_xasprintf("%s-%03d", "id", 7);
	int *v = NULL;
	size_t nr = 0, alloc = 0, i;

	CHECK_STR(s, "id-007");
	free(s);
	for (i = 0; i < 100; i++) {
		NV_GROW(v, nr + 1, alloc);
		v[nr++] = (int)i;
	}
	CHECK(alloc >= 100);
	CHECK_INT(v[99], 99);
	free(v);
}

static void test_plural(void)
{
	CHECK_STR(nv_plural(1, "ошибка", "ошибки", "ошибок"), "ошибка");
	CHECK_STR(nv_plural(3, "ошибка", "ошибки", "ошибок"), "ошибки");
	CHECK_STR(nv_plural(11, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(21, "ошибка", "ошибки", "ошибок"), "ошибка");
	CHECK_STR(nv_plural(112, "ошибка", "ошибки", "ошибок"), "ошибок");
	CHECK_STR(nv_plural(0, "ошибка", "ошибки", "ошибок"), "ошибок");
}

/* Print diagnostics into a string through a temporary file. */
static char *print_diags(struct nv_diags *d)
{
	char path[512];
	FILE *f;
	struct nv_buf out = NV_BUF_INIT;
	char chunk[512];
	size_t n;

	snprintf(path, sizeof(path), "%s/diag.out", nv_test_tmpdir());
	f = fopen(path, "w+");
	nv_diags_print(d, f);
	rewind(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		nv_buf_add(&out, chunk, n);
	fclose(f);
	return nv_buf_detach(&out, NULL);
}

static void test_diag_print_with_caret(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	char path[512];
	char *out, *want;

	snprintf(path, sizeof(path), "%s/order.md", nv_test_tmpdir());
	nv_test_write(path, "---\nномер: 5\n\tдата: 31.02.2025\n---\n");
	nv_warning(&d, path, 2, 8, "предупреждение о номере");
	nv_diag_hint(nv_error(&d, path, 3, 8, "поле «дата» должно быть датой"), "исправьте дату");
	nv_error(&d, NULL, 0, 0, "общая ошибка");
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	nv_diags_sort(&d);
	out = print_diags(&d);
	want = nv_xasprintf("nastavnik: ошибка: общая ошибка\n"
			    "nastavnik: %s:2:8: предупреждение: предупреждение о номере\n"
			    "    2 | номер: 5\n"
			    "      |        ^\n"
			    "nastavnik: %s:3:8: ошибка: поле «дата» должно быть датой\n"
			    "    3 | \tдата: 31.02.2025\n"
			    "      | \t      ^\n"
			    "  подсказка: исправьте дату\n",
			    path, path);
	CHECK_STR(out, want);
	free(out);
	free(want);
	nv_diags_release(&d);
}

static void test_diag_merge_keeps_counts(void)
{
	struct nv_diags a = NV_DIAGS_INIT, b = NV_DIAGS_INIT;

	nv_error(&a, "a.md", 1, 1, "a");
	nv_error(&b, "b.md", 1, 1, "b");
	nv_warning(&b, "b.md", 2, 1, "c");
	nv_diags_merge(&a, &b);
	CHECK_INT(a.nr, 3);
	CHECK_INT(a.errors, 2);
	CHECK_INT(a.warnings, 1);
	CHECK_INT(b.nr, 0);
	CHECK_STR(a.v[2].msg, "c");
	nv_diags_release(&a);
}

static struct nv_hash hash_of(const char *a, const char *b)
{
	struct nv_hash h = NV_HASH_INIT;

	nv_hash_str(&h, a);
	if (b)
		nv_hash_str(&h, b);
	return h;
}

static void test_hash(void)
{
	struct nv_hash x = NV_HASH_INIT, y = NV_HASH_INIT;
	char hex[33], text[40];
	struct nv_hash seen[18];
	size_t i, k;

	CHECK(nv_hash_eq(hash_of("Приказ № 131-од", NULL), hash_of("Приказ № 131-од", NULL)));
	CHECK(!nv_hash_eq(hash_of("Приказ № 131-од", NULL), hash_of("Приказ № 132-од", NULL)));
	/* Pieces are closed with their lengths. */
	CHECK(!nv_hash_eq(hash_of("ab", "c"), hash_of("a", "bc")));
	CHECK(!nv_hash_eq(hash_of("", NULL), hash_of("", "")));
	nv_hash_str(&x, NULL);
	nv_hash_str(&y, "");
	CHECK(nv_hash_eq(x, y));
	/* Every length up to two words and a bit, and the last byte, count. */
	memset(text, 'a', sizeof(text));
	for (i = 0; i < 18; i++) {
		seen[i] = (struct nv_hash)NV_HASH_INIT;
		nv_hash_add(&seen[i], text, i);
		for (k = 0; k < i; k++)
			CHECK(!nv_hash_eq(seen[i], seen[k]));
	}
	x = (struct nv_hash)NV_HASH_INIT;
	nv_hash_add(&x, text, 17);
	text[16] = 'b';
	y = (struct nv_hash)NV_HASH_INIT;
	nv_hash_add(&y, text, 17);
	CHECK(!nv_hash_eq(x, y));
	nv_hash_hex(x, hex);
	CHECK_INT(strlen(hex), 32);
	CHECK_INT(strspn(hex, "0123456789abcdef"), 32);
}

void nv_tests(void)
{
	NV_RUN(test_buf_empty_is_printable);
	NV_RUN(test_buf_append_and_detach);
	NV_RUN(test_buf_take_keeps_room);
	NV_RUN(test_buf_html_escape);
	NV_RUN(test_buf_html4_escape);
	NV_RUN(test_buf_html_escape_every_place);
	NV_RUN(test_buf_append_at_capacity);
	NV_RUN(test_buf_addnum);
	NV_RUN(test_buf_codepoints);
	NV_RUN(test_slices);
	NV_RUN(test_utf8);
	NV_RUN(test_buf_addf_long_and_short);
	NV_RUN(test_xasprintf_and_grow);
	NV_RUN(test_plural);
	NV_RUN(test_diag_print_with_caret);
	NV_RUN(test_diag_merge_keeps_counts);
	NV_RUN(test_hash);
	NV_RUN(test_mem_find);
	NV_RUN(test_mem_find_long);
	/* Again with 16 places at a time by SSE2 where AVX2 took 32. */
	nv_avx2_enable(false);
	NV_RUN(test_mem_find);
	NV_RUN(test_mem_find_long);
	nv_avx2_enable(true);
	NV_RUN(test_leak_checked_by_valgrind_preload);
}
