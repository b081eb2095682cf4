/*
 * Unit tests for the numbers of the PDFs written without printf
 * (print_printf.c): each format cairo uses, on hundreds of thousands of
 * numbers — doubles of every magnitude a drawing has and more, exact
 * ties, subnormals, the signs of zero; integers to their limits, with
 * widths — gives glibc's bytes; any other format, and a number that is
 * not for it, is left to glibc; __snprintf_chk() cuts as glibc does.
 */
#include "common.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>

#include "harness.h"
#include "../../generator/print_int.h"

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

static int fast(char *out, const char *format, ...)
{
	va_list ap;
	int n;

	va_start(ap, format);
	n = nv_printf_fast(out, format, ap);
	va_end(ap);
	return n;
}

/* xorshift64*: the same numbers on every run. */
static uint64_t next(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ULL;
}

/* d through the fast path and glibc with «%.Pf» (P = prec; -1: «%f»); false when they differ. */
static bool same_double(double d, int prec)
{
	char got[NV_PRINTF_FAST_MAX + 1], want[512];
	int n = prec < 0 ? fast(got, "%f", d) : fast(got, "%.*f", prec, d);

	if (prec < 0)
		snprintf(want, sizeof(want), "%f", d);
	else
		snprintf(want, sizeof(want), "%.*f", prec, d);
	if (n < 0)
		return fabs(d) >= 9007199254740992.0 || isnan(d); /* left to glibc */
	got[n] = '\0';
	if (strcmp(got, want))
		fprintf(stderr, "  %a, %d: got «%s», want «%s»\n", d, prec, got, want);
	return !strcmp(got, want);
}

static void test_doubles(void)
{
	static const double special[] = { 0.0,
					  -0.0,
					  0.5,
					  1.5,
					  2.5,
					  -2.5,
					  0.125,
					  0.375,
					  0.0625,
					  1e-7,
					  -1e-7,
					  0.1,
					  1e-300,
					  -1e-300,
					  DBL_MIN,
					  4.9e-324,
					  -4.9e-324,
					  999999.9999995,
					  0.999999,
					  0.9999995,
					  9.5,
					  1e15,
					  9007199254740991.0,
					  9007199254740992.0,
					  1e300,
					  NAN,
					  INFINITY };
	uint64_t x = 88172645463325252ULL, bits;
	size_t i, k;
	double d;
	int p;

	for (i = 0; i < NV_ARRAY_SIZE(special); i++)
		for (p = -1; p <= 18; p++)
			CHECK(same_double(special[i], p));
	/* Exact ties at each precision: (2n + 1) / 2^(p + 1) has its half at digit p. */
	for (p = 0; p <= 6; p++)
		for (k = 0; k < 200; k++)
			CHECK(same_double((double)(2 * k + 1) / (double)(1u << (p + 1)), p));
	/* Any sign and mantissa, magnitudes 2^-70 … 2^60; and 2^-1074 … 2^-70. */
	for (i = 0; i < 200000; i++) {
		bits = next(&x);
		bits = (bits & 0x800FFFFFFFFFFFFFULL) |
		       (uint64_t)(i % 8 ? 1023 - 70 + (next(&x) % 131) : next(&x) % (1023 - 70))
			       << 52;
		memcpy(&d, &bits, sizeof(d));
		p = (int)(next(&x) % 21) - 2;
		CHECK(same_double(d, p < -1 ? 6 : p));
	}
	/* Drawing's numbers: points with up to 3 decimals, as cairo's «%f» and «%.18f» take them.
	 */
	for (i = 0; i < 100000; i++) {
		d = (double)((int64_t)(next(&x) % 2000000) - 1000000) / 1000.0;
		CHECK(same_double(d, -1));
		CHECK(same_double(d / 1e4, 18));
	}
}

/* An integer format through both; false when they differ. */
#define SAME_INT(fmt, ...)                                                                \
	do {                                                                              \
		char got_[NV_PRINTF_FAST_MAX + 1], want_[256];                            \
		int n_ = fast(got_, fmt, __VA_ARGS__);                                    \
		snprintf(want_, sizeof(want_), fmt, __VA_ARGS__);                         \
		CHECK(n_ >= 0);                                                           \
		got_[n_] = '\0';                                                          \
		if (strcmp(got_, want_))                                                  \
			fprintf(stderr, "  %s: got «%s», want «%s»\n", fmt, got_, want_); \
		CHECK_STR(got_, want_);                                                   \
	} while (0)

static void test_integers(void)
{
	static const long edge[] = { 0,	  1,   -1,	9,	 10,	   -10,
				     255, 256, INT_MAX, INT_MIN, LONG_MAX, LONG_MIN };
	uint64_t x = 2463534242ULL;
	size_t i;
	int w;

	for (i = 0; i < NV_ARRAY_SIZE(edge); i++) {
		SAME_INT("%ld", edge[i]);
		SAME_INT("%010ld", edge[i]);
		SAME_INT("%lu", (unsigned long)edge[i]);
		SAME_INT("%d", (int)edge[i]);
		SAME_INT("%5d", (int)edge[i]);
		SAME_INT("%u", (unsigned)edge[i]);
		SAME_INT("%04X", (unsigned)edge[i]);
		SAME_INT("%04x", (unsigned)edge[i]);
		SAME_INT("%03o", (unsigned)edge[i]);
		for (w = 0; w <= 20; w++)
			SAME_INT("%0*x", w, (unsigned)edge[i]);
	}
	for (i = 0; i < 100000; i++) {
		long v = (long)next(&x) >> (next(&x) % 64);

		SAME_INT("%ld", v);
		SAME_INT("%010ld", v);
		SAME_INT("%d", (int)v);
		SAME_INT("%0*x", (int)(i % 9), (unsigned)v);
		SAME_INT("%04X", (unsigned)v & 0xFFFF);
		SAME_INT("%03o", (unsigned)v & 0777);
	}
}

static void test_left_to_glibc(void)
{
	char out[NV_PRINTF_FAST_MAX];

	CHECK_INT(fast(out, "%s", "a"), -1);
	CHECK_INT(fast(out, "x%d", 1), -1);
	CHECK_INT(fast(out, "%d%d", 1, 2), -1);
	CHECK_INT(fast(out, "%-5d", 1), -1);
	CHECK_INT(fast(out, "%5.2f", 1.0), -1);
	CHECK_INT(fast(out, "%.3d", 1), -1);
	CHECK_INT(fast(out, "%*d", -5, 1), -1);
	CHECK_INT(fast(out, "%*d", 1000, 1), -1);
	CHECK_INT(fast(out, "%.*f", 19, 1.0), -1);
	CHECK_INT(fast(out, "%f", 1e300), -1);
	CHECK_INT(fast(out, "%lld", 1LL), -1);
}

static void test_snprintf_chk(void)
{
	char buf[8];

	/* Cut to the room, the length it wanted returned, as glibc's. */
	CHECK_INT(__snprintf_chk(buf, 4, 1, sizeof(buf), "%d", 123456), 6);
	CHECK_STR(buf, "123");
	CHECK_INT(__snprintf_chk(buf, sizeof(buf), 1, sizeof(buf), "%f", 2.5), 8);
	CHECK_STR(buf, "2.50000");
	CHECK_INT(__snprintf_chk(buf, sizeof(buf), 1, sizeof(buf), "%s-%d", "a", 7), 3);
	CHECK_STR(buf, "a-7");
	CHECK_INT(__snprintf_chk(buf, 0, 1, sizeof(buf), "%d", 5), 1);
}

void nv_tests(void)
{
	NV_RUN(test_doubles);
	NV_RUN(test_integers);
	NV_RUN(test_left_to_glibc);
	NV_RUN(test_snprintf_chk);
}
