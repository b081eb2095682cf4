/*
 * print_printf.c: the numbers of the PDFs' drawings formatted without
 * glibc's printf machinery.
 *
 * Cairo writes every number of a page's drawing — each glyph's place,
 * each glyph id, each coordinate — through snprintf(), which its build
 * makes __snprintf_chk(): «%f», «%.18f», «%d», «%0*x» and a few more,
 * about 10,900 calls for a 3-page order, 6 % of all the instructions of
 * `nastavnik print` (callgrind), most of it the parsing of the format
 * and the setting up of a string stream around each number.
 *
 * This program defines __snprintf_chk() itself and exports it (the
 * link's --export-dynamic-symbol, as print_deflate.c does deflateInit_()):
 * the dynamic loader finds it before glibc's, for cairo too when
 * lazylib.c opens it. A format that is one conversion alone — «%[0][W|*]
 * [.P|.*][l]» of d, u, x, X, o, or f without a width — is written here,
 * as glibc writes it: a double is rounded from its exact binary value,
 * half to even (the default rounding mode), with its sign (also «-0.0»),
 * the decimal point the locale's. Anything else (another format, a
 * number too big, NaN, a point that is not «.») goes to glibc's
 * __vsnprintf_chk() unchanged, and so do the fortify checks. The unit
 * tests compare the two on millions of numbers (test_print_printf.c).
 */
#include "common.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>

#include "print_int.h"

int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);
int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...);

/* The parts of a format of one conversion. */
struct conv {
	bool zero;	     /* the flag '0' */
	int width, prec;     /* -1: none; '*' is read from the arguments */
	bool star_w, star_p; /* width, precision given as '*' */
	bool is_long;	     /* 'l' */
	char c;		     /* d, u, x, X, o, f */
};

/* Parse a format of one conversion alone into cv; false for any other. */
static bool parse(const char *f, struct conv *cv)
{
	memset(cv, 0, sizeof(*cv));
	cv->width = cv->prec = -1;
	if (*f++ != '%')
		return false;
	if (*f == '0')
		cv->zero = true, f++;
	if (*f == '*') {
		cv->star_w = true, f++;
	} else if (*f >= '1' && *f <= '9') {
		for (cv->width = 0; *f >= '0' && *f <= '9' && cv->width < 100; f++)
			cv->width = cv->width * 10 + (*f - '0');
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			cv->star_p = true, f++;
		} else {
			for (cv->prec = 0; *f >= '0' && *f <= '9' && cv->prec < 100; f++)
				cv->prec = cv->prec * 10 + (*f - '0');
		}
	}
	if (*f == 'l')
		cv->is_long = true, f++;
	switch (*f) {
	case 'd':
	case 'u':
	case 'x':
	case 'X':
	case 'o':
	case 'f':
		cv->c = *f;
		break;
	default:
		return false;
	}
	if (f[1])
		return false;
	/* A precision of an integer, a width of a double: glibc's. */
	return cv->c == 'f' ? cv->width < 0 && !cv->star_w : cv->prec < 0 && !cv->star_p;
}

/* The digits of v in base (8, 10, 16) into the end of buf; returns where they start. */
static char *digits(char *end, unsigned long long v, unsigned base, bool upper)
{
	const char *d = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	/* Each base apart, for the compiler to divide by a constant. */
	if (base == 10)
		do {
			*--end = (char)('0' + v % 10);
			v /= 10;
		} while (v);
	else if (base == 16)
		do {
			*--end = d[v & 15];
			v >>= 4;
		} while (v);
	else
		do {
			*--end = (char)('0' + (v & 7));
			v >>= 3;
		} while (v);
	return end;
}

/* An integer as cv says into out (room for 64 bytes and more: width < 100 is checked). */
static int integer(char *out, const struct conv *cv, int width, va_list ap)
{
	char buf[32], *end = buf + sizeof(buf), *p;
	unsigned long long u;
	bool neg = false;
	int n, pad, k = 0;

	if (cv->c == 'd') {
		long long v = cv->is_long ? va_arg(ap, long) : va_arg(ap, int);

		neg = v < 0;
		u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	} else {
		u = cv->is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
	}
	p = digits(end, u, cv->c == 'o' ? 8 : cv->c == 'd' || cv->c == 'u' ? 10 : 16, cv->c == 'X');
	n = (int)(end - p) + neg;
	pad = width > n ? width - n : 0;
	if (!cv->zero)
		while (pad-- > 0)
			out[k++] = ' ';
	if (neg)
		out[k++] = '-';
	if (cv->zero)
		while (pad-- > 0)
			out[k++] = '0';
	memcpy(out + k, p, (size_t)(end - p));
	return k + (int)(end - p);
}

/*
 * d with prec digits after the point (0–18) into out, as glibc's «%.Nf»
 * writes it; -1 when it is not for here (NaN, infinite, 2^53 or more).
 */
static int fixed(char *out, double d, int prec)
{
	static const uint64_t pow10[] = { 1ULL,
					  10ULL,
					  100ULL,
					  1000ULL,
					  10000ULL,
					  100000ULL,
					  1000000ULL,
					  10000000ULL,
					  100000000ULL,
					  1000000000ULL,
					  10000000000ULL,
					  100000000000ULL,
					  1000000000000ULL,
					  10000000000000ULL,
					  100000000000000ULL,
					  1000000000000000ULL,
					  10000000000000000ULL,
					  100000000000000000ULL,
					  1000000000000000000ULL };
	unsigned __int128 p, q, r, frac;
	char buf[48], *end = buf + sizeof(buf), *s;
	uint64_t bits, m, ip, fp;
	int e, k = 0, shift;

	memcpy(&bits, &d, sizeof(bits));
	e = (int)((bits >> 52) & 0x7FF);
	m = bits & ((1ULL << 52) - 1);
	if (e == 0x7FF || prec < 0 || prec > 18)
		return -1;
	if (e)
		m |= 1ULL << 52;
	/* d = m × 2^-shift (e 0 is read as 1: subnormal). */
	shift = 1075 - (e ? e : 1);
	if (shift < 0)
		return -1; /* 2^53 or more */
	/* The integer part, then the fraction's bits times 10^prec (< 2^124), rounded. */
	ip = shift >= 64 ? 0 : m >> shift;
	frac = shift >= 64 ? m : m & ((1ULL << shift) - 1);
	if (shift >= 127) {
		q = 0; /* below half of the last digit: m × 10^18 < 2^113 */
	} else {
		p = frac * pow10[prec];
		q = p >> shift;
		r = p & (((unsigned __int128)1 << shift) - 1);
		if (shift &&
		    (r > ((unsigned __int128)1 << (shift - 1)) ||
		     (r == ((unsigned __int128)1 << (shift - 1)) && ((prec ? q : ip + q) & 1))))
			q++;
	}
	if (q >= pow10[prec]) { /* 0.9999995 → 1.000000 */
		ip++;
		q -= pow10[prec];
	}
	fp = (uint64_t)q;
	if (bits >> 63)
		out[k++] = '-';
	s = digits(end, ip, 10, false);
	memcpy(out + k, s, (size_t)(end - s));
	k += (int)(end - s);
	if (prec) {
		out[k++] = '.';
		s = digits(end, fp, 10, false);
		memset(out + k, '0', (size_t)(prec - (end - s)));
		memcpy(out + k + prec - (end - s), s, (size_t)(end - s));
		k += prec;
	}
	return k;
}

int nv_printf_fast(char *out, const char *format, va_list ap)
{
	struct conv cv;
	const struct lconv *lc;
	int width, prec;

	if (!parse(format, &cv))
		return -1;
	width = cv.star_w ? va_arg(ap, int) : cv.width;
	if (cv.star_w && (width < 0 || width > 99))
		return -1; /* a negative width is the flag '-'; a long one glibc's */
	if (cv.c != 'f')
		return integer(out, &cv, width, ap);
	lc = localeconv();
	if (lc->decimal_point[0] != '.' || lc->decimal_point[1])
		return -1;
	prec = cv.star_p ? va_arg(ap, int) : cv.prec < 0 ? 6 : cv.prec;
	return fixed(out, va_arg(ap, double), prec);
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...)
{
	char buf[NV_PRINTF_FAST_MAX];
	va_list ap, copy;
	int n;

	va_start(ap, format);
	va_copy(copy, ap);
	n = slen >= maxlen ? nv_printf_fast(buf, format, copy) : -1;
	va_end(copy);
	if (n < 0) {
		n = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
	} else if (maxlen) {
		memcpy(s, buf, (size_t)n < maxlen ? (size_t)n : maxlen - 1);
		s[(size_t)n < maxlen ? (size_t)n : maxlen - 1] = '\0';
	}
	va_end(ap);
	return n;
}
