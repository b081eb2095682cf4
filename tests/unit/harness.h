/*
 * harness.h: a minimal unit-test harness.
 *
 * A test file defines `static void test_x(void)` functions and a
 * `void nv_tests(void)` that calls NV_RUN(test_x) for each. A failed
 * check prints file:line and the expression and ends that test. The
 * program ends with the line "NAME: N passed, M failed" and exits 1 when
 * M > 0.
 */
#ifndef NV_HARNESS_H
#define NV_HARNESS_H

#include "common.h"

void nv_tests(void);
void nv_test_run(const char *name, void (*fn)(void));
bool nv_test_failed(const char *file, int line, const char *fmt, ...) NV_PRINTF(3, 4);
/* A scratch directory unique to this test program, created on demand. */
const char *nv_test_tmpdir(void);
/* Write `text` to `path` (relative paths are inside nv_test_tmpdir()). */
void nv_test_write(const char *path, const char *text);

struct nv_buf;
/*
 * A PDF of one empty page, as a writer makes it, whose properties give
 * `title` and `author` (UTF-8, written as PDF's UTF-16 strings), into b.
 */
void nv_test_pdf(struct nv_buf *b, const char *title, const char *author);

struct nv_diags;
/*
 * d sorted and dumped one diagnostic a line («file:line:col: severity:
 * message | hint»), to compare whole runs' diagnostics; the caller frees.
 */
char *nv_test_diags_text(struct nv_diags *d);

#define NV_RUN(fn) nv_test_run(#fn, fn)

#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond)) {                                           \
			nv_test_failed(__FILE__, __LINE__, "%s", #cond); \
			return;                                          \
		}                                                        \
	} while (0)

#define CHECK_INT(a, b)                                                                      \
	do {                                                                                 \
		long long nv_a_ = (long long)(a), nv_b_ = (long long)(b);                    \
		if (nv_a_ != nv_b_) {                                                        \
			nv_test_failed(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, \
				       nv_a_, nv_b_);                                        \
			return;                                                              \
		}                                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                                     \
	do {                                                                                \
		const char *nv_a_ = (a), *nv_b_ = (b);                                      \
		if (!nv_a_ || !nv_b_ || strcmp(nv_a_, nv_b_)) {                             \
			nv_test_failed(__FILE__, __LINE__,                                  \
				       "%s == %s:\n  got:  «%s»\n  want: «%s»", #a, #b,     \
				       nv_a_ ? nv_a_ : "(null)", nv_b_ ? nv_b_ : "(null)"); \
			return;                                                             \
		}                                                                           \
	} while (0)

#endif
