/* buf.c: growable string buffer and slices; invariants in buf.h. */
#include "common.h"

#include "alloc.h"
#include "buf.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#ifdef NV_TARGET_AVX2
#include <immintrin.h>
#endif

char nv_buf_empty[1];
bool nv_avx2_off;

void nv_buf_init(struct nv_buf *b)
{
	b->ptr = nv_buf_empty;
	b->len = 0;
	b->cap = 0;
}

void nv_buf_release(struct nv_buf *b)
{
	if (b->cap)
		free(b->ptr);
	nv_buf_init(b);
}

void nv_buf_grow(struct nv_buf *b, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX - b->len - 1)
		nv_st_mult(SIZE_MAX, 2); /* overflow: report as OOM */
	want = b->len + extra + 1;
	if (want <= b->cap)
		return;
	if (!b->cap) {
		b->ptr = NULL;
	}
	if (want < b->cap * 2)
		want = b->cap * 2;
	if (want < 32)
		want = 32;
	b->ptr = nv_xrealloc(b->ptr, want);
	if (!b->cap)
		b->ptr[0] = '\0';
	b->cap = want;
}

void nv_buf_reset(struct nv_buf *b)
{
	nv_buf_truncate(b, 0);
}

void nv_buf_truncate(struct nv_buf *b, size_t len)
{
	if (len > b->len)
		len = b->len;
	b->len = len;
	if (b->cap)
		b->ptr[len] = '\0';
}

char *nv_buf_take(struct nv_buf *b, size_t *len)
{
	char *p = b->cap ? b->ptr : nv_xstrdup("");

	if (len)
		*len = b->len;
	nv_buf_init(b);
	return p;
}

char *nv_buf_detach(struct nv_buf *b, size_t *len)
{
	/* bytes kept past the call (a page's search record, a slug): no doubling's spare room */
	if (b->cap && b->cap - b->len > b->len / 4 + 16)
		b->ptr = nv_xrealloc(b->ptr, b->len + 1);
	return nv_buf_take(b, len);
}

void nv_buf_vaddf(struct nv_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room;
	int n;

	/* Format once into the room there is; only a longer result formats twice. */
	if (b->cap - b->len < 64)
		nv_buf_grow(b, 64);
	room = b->cap - b->len;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, room, fmt, cp);
	va_end(cp);
	if (n <= 0) {
		b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		nv_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void nv_buf_addf(struct nv_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void nv_buf_addnum(struct nv_buf *b, long long n, int width)
{
	char d[24];
	int k = 0;

	if (n < 0) {
		nv_buf_addf(b, "%0*lld", width, n);
		return;
	}
	do {
		d[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (k < width && k < (int)sizeof(d))
		d[k++] = '0';
	/* Room once, then the digits in their order. */
	if (b->len + (size_t)k + 1 > b->cap)
		nv_buf_grow(b, (size_t)k);
	while (k)
		b->ptr[b->len++] = d[--k];
	b->ptr[b->len] = '\0';
}

void nv_buf_addcp(struct nv_buf *b, uint32_t cp)
{
	char *u;

	if (cp < 0x80) {
		nv_buf_addch(b, (int)cp);
		return;
	}
	if (b->len + 5 > b->cap)
		nv_buf_grow(b, 4);
	u = b->ptr + b->len;
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		b->len += 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		b->len += 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		b->len += 4;
	}
	b->ptr[b->len] = '\0';
}

/*
 * For each byte, its escape in HTML (the index into html_rep), or 0 when
 * it stays as it is. ' is last, so the four cmark escapes are 1..4.
 */
static const unsigned char html_esc[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};
static const struct {
	const char *s;
	size_t n;
} html_rep[] = { { "", 0 },	{ "&amp;", 5 },	 { "&lt;", 4 },
		 { "&gt;", 4 }, { "&quot;", 6 }, { "&#39;", 5 } };

#ifdef __SSE2__
/* The bits of the 16 bytes at p that add_html() escapes. */
static inline unsigned html_block(const unsigned char *p, unsigned max)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p), m;

	m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
				      _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
			 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('>')),
				      _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
	if (max == 5)
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/*
 * The first byte at or after s[i] (n bytes in all) that add_html() escapes,
 * or n: sixteen bytes at a time with SSE2.
 */
static inline size_t html_plain_end(const unsigned char *s, size_t i, size_t n, unsigned max)
{
#ifdef __SSE2__
	unsigned mask;

	for (; i + 16 <= n; i += 16)
		if ((mask = html_block(s + i, max)))
			return i + (size_t)__builtin_ctz(mask);
	/* The last bytes as one more block, overlapping: its bytes before i are done. */
	if (i < n && n >= 16) {
		mask = html_block(s + n - 16, max) >> (16 - (n - i));
		return mask ? i + (size_t)__builtin_ctz(mask) : n;
	}
#endif
	while (i < n && (!html_esc[s[i]] || html_esc[s[i]] > max))
		i++;
	return i;
}

#ifdef NV_TARGET_AVX2
/* html_plain_end() 32 bytes at a time by AVX2, the last ones as it does. */
NV_TARGET_AVX2 static size_t html_plain_end_avx2(const unsigned char *s, size_t i, size_t n,
						 unsigned max)
{
	__m256i v, m;
	unsigned mask;

	for (; i + 32 <= n; i += 32) {
		v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		m = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')),
						    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('<'))),
				    _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('>')),
						    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'))));
		if (max == 5)
			m = _mm256_or_si256(m, _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\'')));
		if ((mask = (unsigned)_mm256_movemask_epi8(m)))
			return i + (size_t)__builtin_ctz(mask);
	}
	return html_plain_end(s, i, n, max);
}
#endif

/* html_plain_end(), by AVX2 where nv_avx2(). */
static inline size_t plain_end(const unsigned char *s, size_t i, size_t n, unsigned max, bool avx2)
{
#ifdef NV_TARGET_AVX2
	if (avx2)
		return html_plain_end_avx2(s, i, n, max);
#endif
	(void)avx2;
	return html_plain_end(s, i, n, max);
}

/* Escape & < > " and, when apos, ' too: runs of plain bytes go in one copy. */
static inline void add_html(struct nv_buf *b, const char *s, size_t n, bool apos)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned max = apos ? 5 : 4, e;
	size_t i, start = 0;
	bool avx2 = n >= 32 && nv_avx2();

	if (n && n >= b->cap - b->len)
		nv_buf_grow(b, n);
	for (i = plain_end(u, 0, n, max, avx2); i < n; i = plain_end(u, i, n, max, avx2)) {
		e = html_esc[u[i]];
		nv_buf_add(b, s + start, i - start);
		nv_buf_add(b, html_rep[e].s, html_rep[e].n);
		start = ++i;
	}
	nv_buf_add(b, s + start, n - start);
}

void nv_buf_add_html(struct nv_buf *b, const char *s, size_t n)
{
	add_html(b, s, n, true);
}

void nv_buf_add_html4(struct nv_buf *b, const char *s, size_t n)
{
	add_html(b, s, n, false);
}

bool nv_slice_eq(struct nv_slice a, const char *s)
{
	size_t n = strlen(s);
	return a.len == n && (n == 0 || memcmp(a.ptr, s, n) == 0);
}

bool nv_slice_starts_with(struct nv_slice a, const char *prefix)
{
	size_t n = strlen(prefix);
	return a.len >= n && memcmp(a.ptr, prefix, n) == 0;
}

bool nv_slice_ends_with(struct nv_slice a, const char *suffix)
{
	size_t n = strlen(suffix);
	return a.len >= n && memcmp(a.ptr + a.len - n, suffix, n) == 0;
}

bool nv_ends_with_nocase(const char *s, size_t n, const char *end)
{
	size_t k = strlen(end);
	return n >= k && !strncasecmp(s + n - k, end, k);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct nv_slice nv_slice_trim(struct nv_slice a)
{
	while (a.len && is_space(a.ptr[0])) {
		a.ptr++;
		a.len--;
	}
	while (a.len && is_space(a.ptr[a.len - 1]))
		a.len--;
	return a;
}

char *nv_slice_dup(struct nv_slice a)
{
	return nv_xmemdupz(a.ptr, a.len);
}

/* --- hash ------------------------------------------------------------------ */

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* One word of 8 bytes at p into a lane x: multiplied by k, turned by r. */
static inline uint64_t hash_lane(uint64_t x, const unsigned char *p, uint64_t k, int r)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return rotl((x ^ w) * k, r);
}

/* One word of 8 bytes at p into the hash's state: both lanes, b after a. */
static inline void hash_word(uint64_t *a, uint64_t *b, const unsigned char *p)
{
	*a = hash_lane(*a, p, UINT64_C(0x9E3779B97F4A7C15), 31);
	*b = hash_lane(*b, p, UINT64_C(0xC2B2AE3D27D4EB4F), 29) + *a;
}

/*
 * Eight bytes a step, fast enough to hash every source each build: 32
 * bytes a turn in four lanes that do not wait for each other (one lane
 * waits for its multiplication at each step), then the rest in two.
 */
void nv_hash_add(struct nv_hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a = h->a, b = h->b, c, d, w;
	size_t i = 0;

	if (n >= 32) {
		c = a ^ UINT64_C(0x165667B19E3779F9);
		d = b ^ UINT64_C(0x27D4EB2F165667C5);
		for (; i + 32 <= n; i += 32) {
			a = hash_lane(a, p + i, UINT64_C(0x9E3779B97F4A7C15), 31);
			b = hash_lane(b, p + i + 8, UINT64_C(0xC2B2AE3D27D4EB4F), 29);
			c = hash_lane(c, p + i + 16, UINT64_C(0x165667B19E3779F9), 27);
			d = hash_lane(d, p + i + 24, UINT64_C(0x27D4EB2F165667C5), 33);
		}
		a = rotl(a ^ c * UINT64_C(0xC2B2AE3D27D4EB4F), 31) * UINT64_C(0x9E3779B97F4A7C15);
		b = rotl(b ^ d * UINT64_C(0x9E3779B97F4A7C15), 29) * UINT64_C(0xC2B2AE3D27D4EB4F) +
		    a;
	}
	for (; i + 8 <= n; i += 8)
		hash_word(&a, &b, p + i);
	w = 0;
	if (n > i)
		memcpy(&w, p + i, n - i);
	a = rotl((a ^ w ^ n) * 0x9E3779B97F4A7C15u, 31);
	b = rotl((b ^ w ^ ~(uint64_t)n) * 0xC2B2AE3D27D4EB4Fu, 29) + a;
	/* Avalanche, so near inputs end far apart. */
	a ^= a >> 33;
	a *= 0xFF51AFD7ED558CCDu;
	a ^= a >> 33;
	b ^= b >> 29;
	b *= 0xC4CEB9FE1A85EC53u;
	b ^= b >> 32;
	h->a = a;
	h->b = b;
}

void nv_hash_str(struct nv_hash *h, const char *s)
{
	nv_hash_add(h, s ? s : "", s ? strlen(s) : 0);
}

void nv_hash_hash(struct nv_hash *h, struct nv_hash v)
{
	uint64_t w[2] = { v.a, v.b };

	nv_hash_add(h, w, sizeof(w));
}

void nv_hash_hex(struct nv_hash h, char out[33])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	/* By hand: a build formats one for every document. */
	for (i = 0; i < 16; i++) {
		out[i] = digits[(h.a >> (60 - 4 * i)) & 15];
		out[16 + i] = digits[(h.b >> (60 - 4 * i)) & 15];
	}
	out[32] = '\0';
}

#ifdef NV_TARGET_AVX2
/* The places of the 32 at s where w (k bytes) has its first and last bytes, by AVX2. */
NV_TARGET_AVX2 static inline unsigned ends32(const char *s, size_t k, __m256i first, __m256i last)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)s);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + k - 1));

	return (unsigned)_mm256_movemask_epi8(
		_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, last)));
}

/*
 * nv_mem_find()'s blocks 32 places at a time by AVX2 while one and w's
 * last byte after it fit: the place of w, else NULL and *ps the first
 * place not looked at.
 */
NV_TARGET_AVX2 static const char *find_avx2(const char **ps, const char *end, const char *w,
					    size_t k)
{
	const char *s = *ps;
	__m256i first = _mm256_set1_epi8(w[0]), last = _mm256_set1_epi8(w[k - 1]);
	size_t mid = k > 2 ? k - 2 : 0;
	unsigned bits;

	for (; (size_t)(end - s) >= k + 31; s += 32)
		for (bits = ends32(s, k, first, last); bits; bits &= bits - 1)
			if (!memcmp(s + __builtin_ctz(bits) + 1, w + 1, mid))
				return s + __builtin_ctz(bits);
	*ps = s;
	return NULL;
}
#endif

/*
 * Compares w's first and last bytes with 16 places at a time (SSE2; 32
 * by AVX2 first, where the CPU has it) and checks the rest where both
 * fit: for a Cyrillic word the first byte (0xD0 or 0xD1) is in every
 * other place of Russian text, the pair of both rarely. No set-up per
 * call: the callers look for several words in short texts. The last
 * places are one more block, overlapping the one before, not a byte at
 * a time; only texts shorter than a block are.
 */
const char *nv_mem_find(const char *s, size_t n, const char *w, size_t k)
{
	const char *end = s + n;
	size_t mid = k > 2 ? k - 2 : 0;
#ifdef __SSE2__
	__m128i first, last;
	unsigned bits, skip = 0xFFFFu;
#endif

	if (k > n)
		return NULL;
	if (!k)
		return s;
#ifdef NV_TARGET_AVX2
	/* The blocks by AVX2 first, where the CPU has it: what is left as below. */
	if (n >= k + 31 && nv_avx2()) {
		const char *at = find_avx2(&s, end, w, k);

		if (at)
			return at;
		n = (size_t)(end - s);
	}
#endif
#ifdef __SSE2__
	first = _mm_set1_epi8(w[0]);
	last = _mm_set1_epi8(w[k - 1]);
	if (n >= k + 15) {
		const char *tail = end - (k + 15); /* the last block, which overlaps */

		for (;;) {
			bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)s), first),
				_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + k - 1)),
					       last)));
			if (s == tail)
				bits &= skip; /* its places before the previous block's end are done
					       */
			for (; bits; bits &= bits - 1)
				if (!memcmp(s + __builtin_ctz(bits) + 1, w + 1, mid))
					return s + __builtin_ctz(bits);
			if (s == tail)
				return NULL;
			s += 16;
			if (s > tail) {
				skip = 0xFFFFu << (s - tail);
				s = tail;
			}
		}
	}
#endif
	for (; (size_t)(end - s) >= k; s++)
		if (*s == w[0] && s[k - 1] == w[k - 1] && !memcmp(s + 1, w + 1, mid))
			return s;
	return NULL;
}
