/*
 * model_mixed.c: Russian words typed partly in Latin letters that look
 * the same («Петрoв» with a Latin «o», «CОШ» with a Latin «C»: a keyboard
 * left in the English layout, text copied from a scan), for the check of
 * mentions (model_pd.c). The guard reads a Latin letter as Latin, so a
 * hidden person's name typed so would get past it onto the website: in a
 * text with such words the check reads instead a copy whose words that
 * mix the two alphabets have their Latin look-alikes made Russian, and
 * gives each mention at the place it has in the text. A word all in
 * Latin letters stays Latin (the guard has its own keys for a surname
 * transliterated).
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "model_int.h"

/* The Russian letter a Latin one looks like (UTF-8), by its ASCII code; NULL for none. */
static const char *const look_alike[128] = {
	['A'] = "А", ['B'] = "В", ['C'] = "С", ['E'] = "Е", ['H'] = "Н", ['K'] = "К", ['M'] = "М",
	['O'] = "О", ['P'] = "Р", ['T'] = "Т", ['X'] = "Х", ['Y'] = "У", ['a'] = "а", ['c'] = "с",
	['e'] = "е", ['k'] = "к", ['o'] = "о", ['p'] = "р", ['x'] = "х", ['y'] = "у",
};

static bool is_lat(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The length of the Cyrillic letter at s[i] (0xD0 or 0xD1, then 0x80–0xBF), else 0. */
static size_t cyr_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return (c & 0xFE) == 0xD0 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
}

#ifdef __SSE2__
/* The bytes of x that are Latin letters, as 0xFF. */
static inline __m128i lat16(__m128i x)
{
	__m128i t = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8('z' - 'a')), t);
}

/* Whether a Latin letter stands before 0xD0 or 0xD1 or after 0x80–0xBF in the 17 bytes at u. */
static inline bool mix16(const unsigned char *u)
{
	__m128i v = _mm_loadu_si128((const __m128i *)u), w, lv, lw;

	lv = lat16(v);
	w = _mm_loadu_si128((const __m128i *)(u + 1));
	lw = lat16(w);
	/* Russian text has few Latin letters: most blocks end here. */
	if (!_mm_movemask_epi8(_mm_or_si128(lv, lw)))
		return false;
	return _mm_movemask_epi8(_mm_or_si128(
		_mm_and_si128(lv, _mm_cmpeq_epi8(_mm_and_si128(w, _mm_set1_epi8((char)0xFE)),
						 _mm_set1_epi8((char)0xD0))),
		_mm_and_si128(lw, _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
						 _mm_set1_epi8((char)0x80)))));
}
#endif

/*
 * Whether a Latin letter stands right before a byte 0xD0 or 0xD1 or right
 * after a byte 0x80–0xBF somewhere in s: no word mixes the alphabets
 * where none does. Sixteen places at a time with SSE2, the last ones in a
 * copy padded with zeros.
 */
bool mdl_mixed_may(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

#ifdef __SSE2__
	unsigned char pad[32] = { 0 };

	for (; n - i >= 17; i += 16)
		if (mix16(u + i))
			return true;
	if (i < n) {
		memcpy(pad, u + i, n - i);
		return mix16(pad);
	}
	return false;
#else
	for (; i + 1 < n; i++)
		if ((is_lat(u[i]) && (u[i + 1] & 0xFE) == 0xD0) ||
		    ((u[i] & 0xC0) == 0x80 && is_lat(u[i + 1])))
			return true;
	return false;
#endif
}

/* The end of the word of letters (Russian or Latin) at s[i], and in *lat, *cyr which it has. */
static size_t word_end(const char *s, size_t n, size_t i, bool *lat, bool *cyr)
{
	size_t k;

	*lat = *cyr = false;
	for (;;) {
		if (i < n && is_lat((unsigned char)s[i])) {
			*lat = true;
			i++;
		} else if (i < n && (k = cyr_at(s, n, i))) {
			*cyr = true;
			i += k;
		} else {
			return i;
		}
	}
}

/*
 * The copy of s (n bytes) in m->text, its mixed words' Latin look-alikes
 * made Russian, the copy's offsets of those letters in m->at (each one
 * byte longer than the Latin letter); returns how many, 0 when no word
 * mixes the alphabets.
 */
static size_t fold(struct mdl_mixed *m, const char *s, size_t n)
{
	size_t i = 0, done = 0, e, j;
	unsigned char c;
	bool lat, cyr;

	m->n = 0;
	nv_buf_reset(&m->text);
	if (!mdl_mixed_may(s, n))
		return 0;
	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr);
		if (e == i) {
			i++;
			continue;
		}
		for (j = i; lat && cyr && j < e; j++) {
			c = (unsigned char)s[j];
			if (c >= 0x80 || !look_alike[c])
				continue;
			nv_buf_add(&m->text, s + done, j - done);
			NV_GROW(m->at, m->n + 1, m->alloc);
			m->at[m->n++] = m->text.len;
			nv_buf_adds(&m->text, look_alike[c]);
			done = j + 1;
		}
		i = e;
	}
	nv_buf_add(&m->text, s + done, n - done);
	return m->n;
}

/* The number of letters made Russian before offset off of the copy. */
static size_t before(const struct mdl_mixed *m, size_t off)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->at[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool mdl_mixed_start(struct mdl_mixed *m, const char *text, size_t len)
{
	return (m->copy = fold(m, text, len) > 0);
}

bool mdl_mixed_next(struct mdl_mixed *m, const struct nv_guard *g, const char *text, size_t len,
		    size_t *at, struct nv_guard_hit *h)
{
	if (!m->copy) {
		if (!nv_guard_find(g, text, len, *at, false, h))
			return false;
		*at = h->end > h->start ? h->end : h->start + 1;
		return true;
	}
	if (!nv_guard_find(g, m->text.ptr, m->text.len, *at, false, h))
		return false;
	*at = h->end > h->start ? h->end : h->start + 1;
	h->start -= before(m, h->start);
	h->end -= before(m, h->end);
	return true;
}

void mdl_mixed_hint(struct nv_buf *out, const char *s, size_t n)
{
	struct nv_buf l = NV_BUF_INIT;
	size_t i = 0, e, j, nl = 0;
	char seen[128] = { 0 };
	bool lat, cyr;

	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr);
		for (j = i; lat && cyr && j < e; j++)
			if ((unsigned char)s[j] < 0x80 && !seen[(unsigned char)s[j]]) {
				nv_buf_addf(&l, "%s«%c»", nl++ ? ", " : "", s[j]);
				seen[(unsigned char)s[j]] = 1;
			}
		i = e > i ? e : i + 1;
	}
	if (nl == 1)
		nv_buf_addf(out,
			    "; буква %s в этом имени латинская, а не русская: наберите его "
			    "заново в русской раскладке",
			    l.ptr);
	else if (nl)
		nv_buf_addf(out,
			    "; буквы %s в этом имени латинские, а не русские: наберите его "
			    "заново в русской раскладке",
			    l.ptr);
	nv_buf_release(&l);
}

void mdl_mixed_init(struct mdl_mixed *m)
{
	memset(m, 0, sizeof(*m));
	nv_buf_init(&m->text);
}

void mdl_mixed_release(struct mdl_mixed *m)
{
	nv_buf_release(&m->text);
	free(m->at);
	mdl_mixed_init(m);
}
