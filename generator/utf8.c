/* utf8.c: UTF-8 decoding and validation; see utf8.h. */
#include "common.h"

#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "utf8.h"

size_t nv_utf8_decode_long(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Without SSE2, 8 bytes at a time in a 64-bit word (unused otherwise: clang warns). */
#if !defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101u
#define HIGH 0x8080808080808080u

/* The high bit of every byte of x that is zero; exact (no carries between bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
	return ~(((x & ~HIGH) + ~HIGH) | x) & HIGH;
}

/*
 * How many of the 8 bytes at s, starting at a character, are whole
 * characters of ASCII and two-byte sequences (all of Russian): 8, 7 when
 * the last byte is the lead of a character that goes on, or 0 when some
 * byte is anything else. A continuation byte counts only right after a
 * lead C2..DF in the word.
 */
static inline size_t word_valid(const unsigned char *s)
{
	uint64_t w, cont, lead, overlong;

	memcpy(&w, s, 8);
	if (!(w & HIGH))
		return 8;
	cont = zero_bytes((w & (0xC0 * ONES)) ^ HIGH);
	lead = zero_bytes((w & (0xE0 * ONES)) ^ (0xC0 * ONES));
	overlong = zero_bytes((w & (0xFE * ONES)) ^ (0xC0 * ONES));
	if ((w & HIGH) != (cont | lead) || cont != lead << 8 || overlong)
		return 0;
	return lead >> 63 ? 7 : 8;
}
#elif !defined(__SSE2__)
static inline size_t word_valid(const unsigned char *s)
{
	(void)s;
	return 0;
}
#endif

#ifdef __SSE2__
#include <emmintrin.h>

/* word_valid() for 16 bytes (16, 15 or 0), with SSE2 (every x86-64 has it). */
static inline size_t block_valid(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	unsigned high = (unsigned)_mm_movemask_epi8(v), cont, lead, overlong;

	if (!high)
		return 16;
	cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
	lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), _mm_set1_epi8((char)0xC0)));
	overlong = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0)));
	if (high != (cont | lead) || cont != ((lead << 1) & 0xFFFFu) || overlong)
		return 0;
	return lead & 0x8000u ? 15 : 16;
}

/*
 * 32 bytes as bits, bit j for byte j: the bytes with the high bit, the
 * continuations 80..BF, the leads of two bytes C2..DF and those of three
 * E1..EC, EE, EF (never overlong or a surrogate: E0 and ED, as four
 * bytes, are left to the slow way).
 */
struct bits32 {
	uint32_t high, cont, two, three;
};

/*
 * Are the 32 bytes of m ASCII and sequences of two and three bytes that
 * end in them or go on into the next block, after a block whose last
 * sequence goes on into these by *carry (the bits of the continuation
 * bytes it wants here)? Then *carry is what the next block owes and
 * *back how far before the block's end its last sequence began (0 when
 * none goes on). False where the slow way has to tell, *carry and *back
 * as they were. The blocks go 32 bytes apart whatever they hold: the
 * next block's address does not wait for this one's bits.
 */
static inline bool bits32_valid(struct bits32 m, uint64_t *carry, unsigned *back)
{
	uint64_t want =
		(uint64_t)m.two << 1 | (uint64_t)m.three << 1 | (uint64_t)m.three << 2 | *carry;

	if ((m.cont | m.two | m.three) != m.high || m.cont != (uint32_t)want)
		return false;
	*carry = want >> 32;
	*back = m.three >> 30 & 1 ? 2 : *carry ? 1 : 0;
	return true;
}

/* The bytes of x strictly between lo and hi, signed. */
static inline __m128i between16(__m128i x, char lo, char hi)
{
	return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(lo)),
			     _mm_cmplt_epi8(x, _mm_set1_epi8(hi)));
}

/* The bits of 16 bytes at s (as struct bits32, in the low half). */
static inline struct bits32 bits16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	struct bits32 m = { 0, 0, 0, 0 };

	m.high = (uint32_t)_mm_movemask_epi8(v);
	if (!m.high)
		return m;
	/* Signed: 80..BF are below C0, C2..DF between C1 and E0, E1..EF between E0 and F0. */
	m.cont = (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
	m.two = (uint32_t)_mm_movemask_epi8(between16(v, (char)0xC1, (char)0xE0));
	m.three = (uint32_t)_mm_movemask_epi8(
		_mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
				 between16(v, (char)0xE0, (char)0xF0)));
	return m;
}

/* The bits of 32 bytes at s, by SSE2. */
static inline struct bits32 bits32_sse2(const unsigned char *s)
{
	struct bits32 m = bits16(s), h = bits16(s + 16);

	m.high |= h.high << 16;
	m.cont |= h.cont << 16;
	m.two |= h.two << 16;
	m.three |= h.three << 16;
	return m;
}

#ifdef NV_TARGET_AVX2
/* 32 bytes in one vector where the CPU has AVX2. */
#include <immintrin.h>

NV_TARGET_AVX2 static inline __m256i between32(__m256i x, char lo, char hi)
{
	return _mm256_and_si256(_mm256_cmpgt_epi8(x, _mm256_set1_epi8(lo)),
				_mm256_cmpgt_epi8(_mm256_set1_epi8(hi), x));
}

/* The bits of 32 bytes at s, by AVX2: bits16()'s in one vector. */
NV_TARGET_AVX2 static inline struct bits32 bits32_avx2(const unsigned char *s)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)s);
	struct bits32 m = { 0, 0, 0, 0 };

	m.high = (uint32_t)_mm256_movemask_epi8(v);
	if (!m.high)
		return m;
	m.cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xC0), v));
	m.two = (uint32_t)_mm256_movemask_epi8(between32(v, (char)0xC1, (char)0xE0));
	m.three = (uint32_t)_mm256_movemask_epi8(
		_mm256_andnot_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xED)),
				    between32(v, (char)0xE0, (char)0xF0)));
	return m;
}
#endif

/*
 * The first offset from i that the blocks of 32 bytes do not take (a
 * sequence's start), their bits by AVX2 or by SSE2.
 */
static inline __attribute__((always_inline)) size_t blocks_with(const unsigned char *s, size_t n,
								size_t i, bool avx2)
{
	struct bits32 m;
	uint64_t carry = 0;
	unsigned back = 0;

	for (; n - i >= 32; i += 32) {
#ifdef NV_TARGET_AVX2
		m = avx2 ? bits32_avx2(s + i) : bits32_sse2(s + i);
#else
		m = bits32_sse2(s + i);
#endif
		if (!(m.high | carry))
			back = 0;
		else if (!bits32_valid(m, &carry, &back))
			break;
	}
	(void)avx2;
	return i - back;
}

#ifdef NV_TARGET_AVX2
NV_TARGET_AVX2 static size_t blocks_avx2(const unsigned char *s, size_t n, size_t i)
{
	return blocks_with(s, n, i, true);
}
#endif

static size_t valid_blocks(const unsigned char *s, size_t n, size_t i)
{
#ifdef NV_TARGET_AVX2
	if (nv_avx2())
		return blocks_avx2(s, n, i);
#endif
	return blocks_with(s, n, i, false);
}
#else
static inline size_t block_valid(const unsigned char *s)
{
	size_t k = word_valid(s);

	return k == 8 ? 8 + word_valid(s + 8) : k;
}
#endif

bool nv_utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, end;
	uint32_t cp;

	while (i < n) {
#ifdef __SSE2__
		/* 32 bytes at a time, back to the start of a sequence cut by the last. */
		if (n - i >= 32 && (k = valid_blocks(s, n, i)) != i) {
			i = k;
			continue;
		}
#endif
		/* Else sixteen at a time while they are ASCII and two-byte sequences. */
		if (i + 16 <= n && (k = block_valid(s + i))) {
			i += k;
			continue;
		}
		/* Else a character at a time to the end of those sixteen bytes. */
		end = n - i > 16 ? i + 16 : n;
		while (i < end) {
			if (s[i] < 0x80) {
				i++;
				continue;
			}
			if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n &&
			    (s[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
			k = nv_utf8_decode_long(str + i, n - i, &cp);
			if (!k) {
				if (bad)
					*bad = i;
				return false;
			}
			i += k;
		}
	}
	return true;
}

size_t nv_utf8_count(const char *s, size_t bytes)
{
	size_t i = 0, count = 0, k;
	uint32_t cp;

	while (i < bytes) {
		k = nv_utf8_decode(s + i, bytes - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
}

void nv_utf8_position(const char *text, size_t off, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1;

	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*col = (int)nv_utf8_count(text + start, off - start) + 1;
}

static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c == 0x401 || c == 0x451)
		return 0x435; /* Ё, ё → е */
	if (c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212)
		return '-';
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F)
		return ' ';
	return c;
}

void nv_utf8_fold(struct nv_buf *out, const char *s, size_t n)
{
	size_t i = 0, k, start = out->len;
	uint32_t cp;

	while (i < n) {
		k = nv_utf8_decode(s + i, n - i, &cp);
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		cp = fold_cp(cp);
		if (cp == ' ') {
			/* Drop leading spaces, repeated spaces and spaces after '-'. */
			if (out->len == start || out->ptr[out->len - 1] == ' ' ||
			    out->ptr[out->len - 1] == '-')
				continue;
		} else if (cp == '-' && out->len > start && out->ptr[out->len - 1] == ' ') {
			nv_buf_truncate(out, out->len - 1);
		}
		nv_buf_addcp(out, cp);
	}
	if (out->len > start && out->ptr[out->len - 1] == ' ')
		nv_buf_truncate(out, out->len - 1);
}

char *nv_utf8_capitalize(const char *s)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t n = strlen(s), k;
	uint32_t cp;

	k = nv_utf8_decode(s, n, &cp);
	if (!k)
		return nv_xstrdup(s);
	if (cp >= 'a' && cp <= 'z')
		cp -= 32;
	else if (cp >= 0x430 && cp <= 0x44F)
		cp -= 0x20;
	else if (cp == 0x451)
		cp = 0x401;
	nv_buf_addcp(&b, cp);
	nv_buf_add(&b, s + k, n - k);
	return nv_buf_detach(&b, NULL);
}

size_t nv_space_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r'))
		return 1;
	if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
		return 2;
	return i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0xAF ? 3 : 0;
}

size_t nv_space_skip(const char *s, size_t n, size_t i)
{
	size_t k;

	while ((k = nv_space_at(s, n, i)))
		i += k;
	return i;
}

size_t nv_space_back(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	for (;;) {
		if (i >= 1 &&
		    (u[i - 1] == ' ' || u[i - 1] == '\t' || u[i - 1] == '\n' || u[i - 1] == '\r'))
			i--;
		else if (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0xA0)
			i -= 2;
		else if (i >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80 && u[i - 1] == 0xAF)
			i -= 3;
		else
			return i;
	}
}

int nv_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t nv_percent_decode(char *s)
{
	char *r = s, *w = s;
	int hi, lo;

	while (*r) {
		if (r[0] == '%' && (hi = nv_hex_value(r[1])) >= 0 &&
		    (lo = nv_hex_value(r[2])) >= 0 && (hi | lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

bool nv_utf8_pictograph(uint32_t cp)
{
	/* Emoji_Presentation in the BMP (emoji-data.txt), as ranges */
	static const uint16_t bmp[][2] = {
		{ 0x231A, 0x231B }, { 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
		{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x267F, 0x267F },
		{ 0x2693, 0x2693 }, { 0x26A1, 0x26A1 }, { 0x26AA, 0x26AB }, { 0x26BD, 0x26BE },
		{ 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
		{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD },
		{ 0x2705, 0x2705 }, { 0x270A, 0x270B }, { 0x2728, 0x2728 }, { 0x274C, 0x274C },
		{ 0x274E, 0x274E }, { 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
		{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 },
		{ 0x2B55, 0x2B55 },
	};
	size_t i;

	if (cp >= 0x1F000)
		return cp <= 0x1FAFF;
	if (cp < 0x231A || cp > 0x2B55)
		return false;
	for (i = 0; i < NV_ARRAY_SIZE(bmp); i++)
		if (cp >= bmp[i][0] && cp <= bmp[i][1])
			return true;
	return false;
}

const char *nv_word_symbol(uint32_t cp, const char *font, bool *bullet)
{
	/* Wingdings' bullets and ticks (its letters draw pictures), Symbol's bullet and signs */
	static const struct {
		uint8_t code;
		bool wingdings, bullet;
		const char *sign;
	} signs[] = {
		{ 0x76, true, true, "❖" },   { 0xA7, true, true, "▪" },
		{ 0xD8, true, true, "➢" },   { 0x6E, true, false, "■" },
		{ 0x6F, true, false, "□" },  { 0xA8, true, false, "□" },
		{ 0xFB, true, false, "✗" },  { 0xFC, true, false, "✓" },
		{ 0xFD, true, false, "☒" },  { 0xFE, true, false, "☑" },
		{ 0xB7, false, true, "•" },  { 0x2D, false, false, "−" },
		{ 0xA3, false, false, "≤" }, { 0xB3, false, false, "≥" },
		{ 0xB1, false, false, "±" }, { 0xB4, false, false, "×" },
		{ 0xB8, false, false, "÷" }, { 0xB0, false, false, "°" },
		{ 0xB9, false, false, "≠" }, { 0xBB, false, false, "≈" },
		{ 0xA5, false, false, "∞" }, { 0xAE, false, false, "→" },
		{ 0xAC, false, false, "←" }, { 0xAD, false, false, "↑" },
		{ 0xAF, false, false, "↓" }, { 0xD6, false, false, "√" },
		{ 0xE5, false, false, "∑" }, { 0x61, false, false, "α" },
		{ 0x62, false, false, "β" }, { 0x67, false, false, "γ" },
		{ 0x64, false, false, "δ" }, { 0x44, false, false, "Δ" },
		{ 0x70, false, false, "π" }, { 0x6D, false, false, "μ" },
		{ 0x53, false, false, "Σ" }, { 0x57, false, false, "Ω" },
	};
	bool wingdings = font && !strcasecmp(font, "Wingdings");
	size_t i;

	if (cp >= 0xF000)
		cp -= 0xF000;
	if (cp < 0x20 || cp > 0xFF || (font && !wingdings && strcasecmp(font, "Symbol")))
		return NULL;
	for (i = 0; i < NV_ARRAY_SIZE(signs); i++)
		if (signs[i].code == cp && (font ? signs[i].wingdings == wingdings : true)) {
			if (bullet)
				*bullet = signs[i].bullet;
			return signs[i].sign;
		}
	return NULL;
}
