/*
 * md_facts.c: what the secretary's checks of a body's text (model_text.c)
 * look for in any document, found in its bytes as it is parsed
 * (markdown.h, NV_MD_TEXT_*), and the citations of orders they compare
 * with the project's orders (nv_md_next_cite()). A load for once drops each text once
 * parsed, and those checks read it again: only for an order, a document
 * with appendices, or a body that has something they look for. Each
 * fact is looser than its check (anywhere in the body, fenced code too),
 * never tighter: a body without it gives the check nothing.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#ifdef NV_TARGET_AVX2
#include <immintrin.h>
#endif

#include "buf.h"
#include "date.h"
#include "markdown.h"
#include "utf8.h"

/* Whether c is a Latin letter. */
static inline bool nv_md_is_lat(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A «№» (mark_at()): where marks_of() looks for a citation (not a fact it gives). */
#define NV_MD_TEXT_NUMERO (NV_MD_TEXT_STARS << 1)

/*
 * The places among the 16 bytes at s (bit j for s[j]) where a Word
 * bullet, a superscript digit or a sign glyph_at() looks for may start:
 * 0xC2, or 0xE2 and above (0xE3–0xED, rare in Russian text, give
 * nothing); or an image or a link: '!', ']'; or bold: '*'.
 */
#ifdef __SSE2__
static unsigned leads16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8((char)0xE2)), v),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))),
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')),
					  _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('*')))));
}
#endif

/*
 * The facts of a character from U+E000 on at s (n bytes): a sign of
 * Word's symbol fonts (the private use area; U+F0B7, the bullet, is
 * one), «�», a byte order mark or a pictograph.
 */
static unsigned glyph_at(const unsigned char *s, size_t n)
{
	uint32_t cp;

	if (!nv_utf8_decode((const char *)s, n, &cp))
		return 0;
	if (cp == 0xF0B7)
		return NV_MD_TEXT_BULLET | NV_MD_TEXT_GLYPH;
	return nv_utf8_undrawn(cp) || cp == 0xFEFF ? NV_MD_TEXT_GLYPH : 0;
}

/*
 * The fact of the character at s[0] (n > 0 bytes), if it is a bullet, a
 * superscript digit, a sign glyph_at() looks for or an image with no text.
 */
static unsigned mark_at(const unsigned char *s, size_t n)
{
	unsigned b1 = n > 1 ? s[1] : 0, b2 = n > 2 ? s[2] : 0;

	if (s[0] == '*')
		return n > 1 && s[1] == '*' ? NV_MD_TEXT_STARS : 0;
	if (s[0] == '!')
		return nv_md_image_without_text((const char *)s, n) ? NV_MD_TEXT_LINK : 0;
	if (s[0] == ']')
		return nv_md_spaced_address((const char *)s, n) ||
				       nv_md_split_link((const char *)s, n)
			       ? NV_MD_TEXT_LINK
			       : 0;
	if (s[0] >= 0xEE)
		return glyph_at(s, n);

	if (s[0] == 0xC2)
		return b1 == 0xB7				? NV_MD_TEXT_BULLET
		       : b1 == 0xB9 || b1 == 0xB2 || b1 == 0xB3 ? NV_MD_TEXT_SUP
								: 0;
	if (s[0] == 0xE2 && b1 == 0x96)
		return b2 == 0xAA || b2 == 0xA1 || b2 == 0xA0 ? NV_MD_TEXT_BULLET : 0;
	if (s[0] == 0xE2 && b1 == 0x80)
		return b2 == 0xA2				  ? NV_MD_TEXT_BULLET
		       : nv_utf8_invisible(0x2000 | (b2 & 0x3Fu)) ? NV_MD_TEXT_GLYPH
								  : 0;
	if (s[0] == 0xE2 && b1 == 0x81)
		return b2 == 0xB0 || (b2 >= 0xB4 && b2 <= 0xB9)	  ? NV_MD_TEXT_SUP
		       : nv_utf8_invisible(0x2040 | (b2 & 0x3Fu)) ? NV_MD_TEXT_GLYPH
								  : 0;
	if (s[0] == 0xE2 && b1 == 0x84)
		return b2 == 0x96 ? NV_MD_TEXT_NUMERO : 0;
	/* U+2000 on: «✅», «⭐» */
	return s[0] == 0xE2 && b1 >= 0x8C &&
			       nv_utf8_pictograph(0x2000 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu))
		       ? NV_MD_TEXT_GLYPH
		       : 0;
}

static const char *cite_at(const char *s, const char *end, size_t k, struct nv_md_cite *c);

/*
 * The fact of the character at s[i] (n bytes in all): its mark, or for
 * a «№» NV_MD_TEXT_CITE when a citation of an order is around it (looked
 * for until one is found: f has the facts so far).
 */
static unsigned fact_at(const unsigned char *s, size_t n, size_t i, unsigned f)
{
	struct nv_md_cite c;
	unsigned m = mark_at(s + i, n - i);

	if (m != NV_MD_TEXT_NUMERO)
		return m;
	return !(f & NV_MD_TEXT_CITE) && cite_at((const char *)s, (const char *)s + n, i, &c)
		       ? NV_MD_TEXT_CITE
		       : 0;
}

#ifdef NV_TARGET_AVX2
/* The places leads16() gives, among the 32 bytes at s, by AVX2. */
NV_TARGET_AVX2 static inline unsigned leads32(const unsigned char *s)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)s);

	return (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		_mm256_or_si256(
			_mm256_cmpeq_epi8(_mm256_max_epu8(v, _mm256_set1_epi8((char)0xE2)), v),
			_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC2))),
		_mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('!')),
						_mm256_cmpeq_epi8(v, _mm256_set1_epi8(']'))),
				_mm256_cmpeq_epi8(v, _mm256_set1_epi8('*')))));
}

/* marks_of() 32 bytes at a time from *pi on, by AVX2: the facts, *pi where the blocks end. */
NV_TARGET_AVX2 static unsigned marks_avx2(const unsigned char *s, size_t n, size_t *pi)
{
	unsigned f = 0, m;
	size_t i = *pi;

	for (; n - i >= 32; i += 32)
		for (m = leads32(s + i); m; m &= m - 1)
			f |= fact_at(s, n, i + (unsigned)__builtin_ctz(m), f);
	*pi = i;
	return f;
}
#endif

/*
 * The bullets («·», «▪», «□», «•», «■», U+F0B7), superscript digits
 * («¹», «²», «³», U+2070, U+2074–U+2079), signs of Word's symbol fonts,
 * «�» and pictographs, and citations of orders at a «№» of the n bytes
 * at s.
 */
static unsigned marks_of(const unsigned char *s, size_t n)
{
	unsigned f = 0;
	size_t i = 0;

#ifdef NV_TARGET_AVX2
	if (nv_avx2())
		f = marks_avx2(s, n, &i);
#endif
#ifdef __SSE2__
	for (; n - i >= 16; i += 16) {
		unsigned m;
		for (m = leads16(s + i); m; m &= m - 1)
			f |= fact_at(s, n, i + (unsigned)__builtin_ctz(m), f);
	}
#endif
	for (; i < n; i++)
		f |= fact_at(s, n, i, f);
	return f;
}

/*
 * True if the line at s (n bytes, no newline) is a heading, at most three
 * spaces in, whose text starts with «З» or ends with a full stop, or one
 * typed without the space after its «#» (nv_md_heading_unspaced()).
 */
static bool heading_flagged(const char *s, size_t n)
{
	size_t i = 0, end = n;

	if (n && s[n - 1] == '\r')
		end = --n;
	while (i < n && i < 4 && s[i] == ' ')
		i++;
	if (i == 4 || i == n || s[i] != '#')
		return false;
	if (nv_md_heading_unspaced(s + i, n - i))
		return true;
	while (i < n && (s[i] == '#' || s[i] == ' '))
		i++;
	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '#'))
		end--;
	return end > i && (s[end - 1] == '.' || (end - i >= 2 && (unsigned char)s[i] == 0xD0 &&
						 (unsigned char)s[i + 1] == 0x97));
}

/* --- citations of orders ---------------------------------------------------- */

#define NUMERO "\xE2\x84\x96" /* «№» */

/* Pointers into the text for nv_space_at() and the others (utf8.h). */
static size_t space_at(const char *s, const char *end)
{
	return nv_space_at(s, (size_t)(end - s), 0);
}

static const char *skip_spaces(const char *p, const char *end)
{
	return p + nv_space_skip(p, (size_t)(end - p), 0);
}

/* Back from p over spaces, not before start. */
static const char *back_spaces(const char *start, const char *p)
{
	return start + nv_space_back(start, (size_t)(p - start));
}

/* True if the two bytes at s are a Cyrillic letter (А–я, Ё, ё). */
static bool cyr_at(const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];

	return (a == 0xD0 && ((b >= 0x90 && b <= 0xBF) || b == 0x81)) ||
	       (a == 0xD1 && ((b >= 0x80 && b <= 0x8F) || b == 0x91));
}

/* The start of the Cyrillic word that ends at p (p itself when none), not before start. */
static const char *word_back(const char *start, const char *p)
{
	while (p - start >= 2 && cyr_at(p - 2))
		p -= 2;
	return p;
}

/* True if the word [w, e) is a form of «приказ» (its first letter in either case). */
static bool order_word(const char *w, const char *e)
{
	static const char rest[] = "\xD1\x80\xD0\xB8\xD0\xBA\xD0\xB0\xD0\xB7"; /* «риказ» */

	return e - w >= 12 && (unsigned char)w[0] == 0xD0 &&
	       ((unsigned char)w[1] == 0xBF || (unsigned char)w[1] == 0x9F) &&
	       !memcmp(w + 2, rest, sizeof(rest) - 1);
}

/*
 * True if the word [w, e) is exactly word, its first letter in either
 * case («от», «От»): a letter а–п, whose capital is 0x20 below it after
 * the same lead byte.
 */
static bool word_is(const char *w, const char *e, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(e - w) == n && w[0] == word[0] &&
	       ((unsigned char)w[1] == (unsigned char)word[1] ||
		(unsigned char)w[1] == (unsigned char)word[1] - 0x20) &&
	       !memcmp(w + 2, word + 2, n - 2);
}

/*
 * The start of «приказ… [директора]» whose last word ends at p, after
 * spaces; NULL when the words before p are not that. A Latin letter or
 * a digit right before the word makes it another word.
 */
static const char *order_back(const char *start, const char *p)
{
	const char *e = back_spaces(start, p), *w = word_back(start, e);

	if (!order_word(w, e) && word_is(w, e,
					 "\xD0\xB4\xD0\xB8\xD1\x80\xD0\xB5\xD0\xBA"
					 "\xD1\x82\xD0\xBE\xD1\x80\xD0\xB0")) /* «директора» */
		w = word_back(start, e = back_spaces(start, w));
	if (!order_word(w, e))
		return NULL;
	return w > start && (nv_md_is_lat(w[-1]) || (w[-1] >= '0' && w[-1] <= '9')) ? NULL : w;
}

/* The date «ДД.ММ.ГГГГ» at p (before end) into *d; the byte after it, or NULL. */
static const char *date_at(const char *p, const char *end, struct nv_date *d)
{
	size_t k = nv_date_numeric_at(p, (size_t)(end - p), d);

	return k ? p + k : NULL;
}

/* The start of the date that ends at p (after «г.» or «года» and spaces), or NULL. */
static const char *date_back(const char *start, const char *p, struct nv_date *d)
{
	const char *e = back_spaces(start, p), *w = word_back(start, e), *s;

	if (w < e &&
	    (word_is(w, e, "\xD0\xB3") || word_is(w, e, "\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0")))
		e = back_spaces(start, w); /* «г» before '.', «года» */
	else if (e > start && e[-1] == '.' && e - start >= 3 && (unsigned char)e[-3] == 0xD0 &&
		 (unsigned char)e[-2] == 0xB3)
		e = back_spaces(start, e - 3); /* «г.» */
	for (s = e; s > start && ((s[-1] >= '0' && s[-1] <= '9') || s[-1] == '.');)
		s--;
	return s < e && date_at(s, e, d) == e ? s : NULL;
}

/* The «от» ending at p after spaces: the byte where it starts, or NULL. */
static const char *ot_back(const char *start, const char *p)
{
	const char *e = back_spaces(start, p), *w = word_back(start, e);

	return e < p && word_is(w, e, "\xD0\xBE\xD1\x82") ? w : NULL; /* «от» */
}

/* The length of a registration number at p: «118-од», «12/3», «5-к»; 0 when none. */
static size_t number_at(const char *p, const char *end)
{
	const char *q = p, *last = p;

	if (p >= end || *p < '0' || *p > '9')
		return 0;
	while (q < end) {
		if ((*q >= '0' && *q <= '9') || nv_md_is_lat(*q))
			last = ++q;
		else if (end - q >= 2 && cyr_at(q))
			last = q += 2;
		else if (*q == '-' || *q == '/')
			q++;
		else if (end - q >= 3 && !memcmp(q, "\xE2\x80\x93", 3)) /* «–» */
			q += 3;
		else
			break;
	}
	return (size_t)(last - p);
}

/* The citation around the «№» at s + k, into *c; its end, or NULL if there is none. */
static const char *cite_at(const char *s, const char *end, size_t k, struct nv_md_cite *c)
{
	const char *num = skip_spaces(s + k + 3, end), *p, *ot, *w, *after;

	c->number = num;
	if (!(c->number_len = number_at(num, end)))
		return NULL;
	after = num + c->number_len;
	/* «приказом от 29.08.2025 № 118-од» */
	if ((p = date_back(s, s + k, &c->date)) && (ot = ot_back(s, p)) &&
	    (w = order_back(s, ot))) {
		c->start = (size_t)(w - s);
		c->date_at = (size_t)(p - s);
		return after;
	}
	/* «приказ № 118-од от 29.08.2025» */
	if (!(w = order_back(s, s + k)))
		return NULL;
	p = skip_spaces(after, end);
	if (end - p < 5 || !word_is(p, p + 4, "\xD0\xBE\xD1\x82") || !space_at(p + 4, end))
		return NULL;
	p = skip_spaces(p + 4, end);
	if (!(after = date_at(p, end, &c->date)))
		return NULL;
	c->start = (size_t)(w - s);
	c->date_at = (size_t)(p - s);
	return after;
}

bool nv_md_next_cite(const char *s, size_t n, size_t *at, struct nv_md_cite *c)
{
	const char *p, *end, *next;

	if (!n) { /* s may be NULL then */
		*at = 0;
		return false;
	}
	end = s + n;

	while (*at < n && (p = nv_mem_find(s + *at, n - *at, NUMERO, 3)) != NULL) {
		*at = (size_t)(p - s) + 3;
		if ((next = cite_at(s, end, (size_t)(p - s), c)) != NULL) {
			*at = (size_t)(next - s);
			return true;
		}
	}
	*at = n;
	return false;
}

#ifdef __SSE2__
/* The bytes of x that are Latin letters, as 0xFF. */
static inline __m128i lat16(__m128i x)
{
	__m128i t = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8('z' - 'a')), t);
}

/*
 * Whether the 16 bytes at p have what nv_md_may_mix() looks for (p[-1]
 * and p[16] are read): each case is told in the block of its Latin
 * letter, combining mark or hyphen, so a block with none, most of Russian
 * text, is done after one test.
 */
static inline bool mix16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p), lv = lat16(v), next, cont, lead;
	__m128i mark = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xCC));
	__m128i hyph = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));

	if (!_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lv, mark), hyph)))
		return false;
	next = _mm_loadu_si128((const __m128i *)(p + 1));
	cont = _mm_cmpeq_epi8(
		_mm_and_si128(_mm_loadu_si128((const __m128i *)(p - 1)), _mm_set1_epi8((char)0xC0)),
		_mm_set1_epi8((char)0x80));
	lead = _mm_cmpeq_epi8(_mm_and_si128(next, _mm_set1_epi8((char)0xFE)),
			      _mm_set1_epi8((char)0xD0));
	/* A combining breve or diaeresis (0xCC 0x86, 0xCC 0x88) may split a «й» or «ё». */
	mark = _mm_and_si128(mark, _mm_cmpeq_epi8(_mm_or_si128(next, _mm_set1_epi8(0x0E)),
						  _mm_set1_epi8((char)0x8E)));
	/* A hyphen after a letter, before a space or a line's end, may break a word. */
	hyph = _mm_and_si128(_mm_and_si128(hyph, cont),
			     _mm_or_si128(_mm_cmpeq_epi8(next, _mm_set1_epi8(' ')),
					  _mm_cmpeq_epi8(_mm_or_si128(next, _mm_set1_epi8(0x07)),
							 _mm_set1_epi8(0x0F))));
	return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(mark, hyph),
					      _mm_and_si128(lv, _mm_or_si128(lead, cont))));
}

#ifdef NV_TARGET_AVX2
/* The bytes of the 32 at p that are Latin letters, as 0xFF. */
NV_TARGET_AVX2 static inline __m256i lat32(const unsigned char *p)
{
	__m256i t = _mm256_sub_epi8(
		_mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)p),
				_mm256_set1_epi8(0x20)),
		_mm256_set1_epi8('a'));

	return _mm256_cmpeq_epi8(_mm256_min_epu8(t, _mm256_set1_epi8('z' - 'a')), t);
}

/*
 * The first place from u[i] on, 32 bytes at a time, of two blocks of
 * mix16() with a Latin letter, 0xCC or '-' in them (u[i + 32] is read),
 * or where two such blocks no longer fit: most of a Russian text is
 * passed in one test of one vector for every 32 bytes.
 */
NV_TARGET_AVX2 static size_t quiet_avx2(const unsigned char *u, size_t n, size_t i)
{
	__m256i v;

	for (; i + 33 <= n; i += 32) {
		v = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
		if (_mm256_movemask_epi8(_mm256_or_si256(
			    lat32(u + i),
			    _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xCC)),
					    _mm256_cmpeq_epi8(v, _mm256_set1_epi8('-'))))))
			break;
	}
	return i;
}
#endif
#endif

/*
 * Sixteen places at a time with SSE2 (where the CPU has AVX2, those
 * without what mix16() looks for 32 at a time: quiet_avx2()); the first
 * and the last in a copy padded with zeros.
 */
bool nv_md_may_mix(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

#ifdef __SSE2__
	unsigned char pad[40] = { 0 };
#ifdef NV_TARGET_AVX2
	bool avx2 = nv_avx2();
#endif

	if (n >= 17) {
		memcpy(pad + 1, u, 17);
		if (mix16(pad + 1))
			return true;
		i = 16;
	}
	for (; i + 17 <= n; i += 16) {
#ifdef NV_TARGET_AVX2
		if (avx2 && (i = quiet_avx2(u, n, i)) + 17 > n)
			break;
#endif
		if (mix16(u + i))
			return true;
	}
	if (i == n)
		return false;
	memset(pad, 0, sizeof(pad));
	pad[0] = i ? u[i - 1] : 0;
	memcpy(pad + 1, u + i, n - i);
	return mix16(pad + 1);
#else
	for (; i + 1 < n; i++)
		if ((nv_md_is_lat(u[i]) && (u[i + 1] & 0xFE) == 0xD0) ||
		    ((u[i] & 0xC0) == 0x80 && nv_md_is_lat(u[i + 1])) ||
		    (u[i] == 0xCC && (u[i + 1] | 0x0E) == 0x8E) ||
		    (u[i] == '-' && i && (u[i - 1] & 0xC0) == 0x80 &&
		     (u[i + 1] == ' ' || (u[i + 1] | 0x07) == 0x0F)))
			return true;
	return false;
#endif
}

#ifdef __SSE2__
/* The sum of the 16 bytes of v. */
static inline size_t sum16(__m128i v)
{
	__m128i s = _mm_sad_epu8(v, _mm_setzero_si128());

	return (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_extract_epi16(s, 4);
}
#endif

/* The Latin letters of the n bytes at s in *lat, the Russian ones (bytes 0xD0, 0xD1) in *cyr. */
static void count_letters(const unsigned char *s, size_t n, size_t *lat, size_t *cyr)
{
	size_t i = 0;

	*lat = *cyr = 0;
#ifdef __SSE2__
	while (n - i >= 16) {
		__m128i l = _mm_setzero_si128(), c = _mm_setzero_si128(), v;
		size_t k;

		/* A count a byte for each place, summed before it can pass 255. */
		for (k = 0; k < 255 && n - i >= 16; k++, i += 16) {
			v = _mm_loadu_si128((const __m128i *)(s + i));
			l = _mm_sub_epi8(l, lat16(v));
			c = _mm_sub_epi8(c,
					 _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)),
							_mm_set1_epi8((char)0xD0)));
		}
		*lat += sum16(l);
		*cyr += sum16(c);
	}
#endif
	for (; i < n; i++) {
		*lat += nv_md_is_lat(s[i]);
		*cyr += (s[i] & 0xFE) == 0xD0;
	}
}

/* Whether the word [w, end) is an address: has «://», «www.» or «@». */
static bool address(const unsigned char *w, const unsigned char *end)
{
	for (; w < end; w++)
		if (*w == '@' || (*w == ':' && end - w >= 3 && w[1] == '/' && w[2] == '/') ||
		    (*w == 'w' && end - w >= 4 && !memcmp(w, "www.", 4)))
			return true;
	return false;
}

/*
 * Whether the n bytes at s have the letters nv_md_misread() asks for,
 * counting those of addresses too: most lines fail on this alone.
 */
static bool letters_may_misread(const unsigned char *s, size_t n, size_t *cyr)
{
	size_t lat;

	count_letters(s, n, &lat, cyr);
	return lat >= 20 && lat > 4 * *cyr;
}

bool nv_md_misread(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *w;
	size_t lat = 0, cyr, odd = 0;
	bool low, bad;

	if (!letters_may_misread(p, n, &cyr))
		return false;
	while (p < end) {
		for (w = p; p < end && *p != ' '; p++)
			;
		if (address(w, p)) {
			p += p < end;
			continue;
		}
		for (low = bad = false; w < p; w++)
			if (nv_md_is_lat(*w)) {
				lat++;
				bad = bad || (low && *w < 'a');
				low = *w >= 'a';
			} else if (*w >= '0' && *w <= '9') {
				bad = bad || (low && w + 1 < p && nv_md_is_lat(w[1]));
			}
		odd += bad;
		p += p < end;
	}
	return lat >= 20 && lat > 4 * cyr && odd >= 2;
}

#ifdef NV_TARGET_AVX2
/* next_latin() by AVX2, to the 64 bytes with a Latin letter or where fewer are left. */
NV_TARGET_AVX2 static size_t latin_avx2(const unsigned char *s, size_t n, size_t i)
{
	/* 64 bytes a test; the letter is then found 16 at a time. */
	for (; n - i >= 64; i += 64)
		if (_mm256_movemask_epi8(_mm256_or_si256(lat32(s + i), lat32(s + i + 32))))
			break;
	return i;
}
#endif

/*
 * The first Latin letter of the n bytes at s from i on, or n: 16 bytes
 * at a time with SSE2, 64 where the CPU has AVX2.
 */
static size_t next_latin(const unsigned char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	unsigned m;

#ifdef NV_TARGET_AVX2
	if (nv_avx2())
		i = latin_avx2(s, n, i);
#endif
	for (; n - i >= 16; i += 16)
		if ((m = (unsigned)_mm_movemask_epi8(
			     lat16(_mm_loadu_si128((const __m128i *)(s + i))))))
			return i + (unsigned)__builtin_ctz(m);
#endif
	while (i < n && !nv_md_is_lat(s[i]))
		i++;
	return i;
}

/*
 * Whether a line of the len bytes at text is nv_md_misread(): only the
 * lines with a Latin letter are read.
 */
static bool has_misread(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	const char *nl;
	size_t i = 0, from, to, cyr;

	while ((i = next_latin(s, len, i)) < len) {
		nl = memchr(text + i, '\n', len - i);
		to = nl ? (size_t)(nl - text) : len;
		/*
		 * The line's Latin letters are all from i on: when those bytes
		 * have too few, with their Russian ones, so has the line.
		 */
		if (letters_may_misread(s + i, to - i, &cyr)) {
			for (from = i; from && s[from - 1] != '\n';)
				from--;
			if (nv_md_misread(text + from, to - from))
				return true;
		}
		i = to;
	}
	return false;
}

/*
 * Whether the «» of the len bytes at text do not pair by number, more of
 * one kind than the straight quotes, which typography turns into either,
 * make up for: NV_MD_TEXT_QUOTES.
 */
static bool quotes_unpaired(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t open = 0, close = 0, straight = 0;

	while ((p = memchr(p, 0xC2, (size_t)(end - p))) != NULL && ++p < end) {
		open += (unsigned char)*p == 0xAB;
		close += (unsigned char)*p == 0xBB;
	}
	if (open == close)
		return false;
	for (p = text; (p = memchr(p, '"', (size_t)(end - p))) != NULL; p++)
		straight++;
	return (open > close ? open - close : close - open) > straight;
}

/*
 * Whether the first line of the len bytes at text with something on it
 * may be a head the layouts print, typed again (NV_MD_TEXT_HEAD,
 * model_order_parts.c): past Markdown's marks, a block's label or the
 * kind's word in capitals («УТВЕРЖДЕНО», «ПОЛОЖЕНИЕ», «П Р И К А З») or
 * a title's first word («О …», «Об …», «Положение …», «Программа …»,
 * «Дорожная карта …», «План …») in a line no longer than a title (a
 * paragraph starting so is a sentence).
 */
static bool typed_head(const char *text, size_t len)
{
	static const char *const firsts[] = {
		"УТВЕРЖД",  "ПРИНЯТ",	 "СОГЛАСОВАН", "ПОЛОЖЕНИЕ",	 "ПРОГРАММА",
		"ДОРОЖНАЯ", "ПЛАН",	 "ПРИКАЗ",     "П Р И К А З",	 "О ",
		"Об ",	    "Положение", "Программа",  "Дорожная карта", "План "
	};
	const char *s = text, *end = text + len, *nl;
	size_t i;

	while (s < end && strchr(" \t\r\n#*_", *s))
		s++;
	/* each starts with «П», «У», «С», «Д» or «О» */
	if (end - s < 3 || (unsigned char)s[0] != 0xD0 || !strchr("\x9F\xA3\xA1\x94\x9E", s[1]))
		return false;
	for (i = 0; i < NV_ARRAY_SIZE(firsts); i++)
		if ((size_t)(end - s) >= strlen(firsts[i]) &&
		    !memcmp(s, firsts[i], strlen(firsts[i]))) {
			/* the words in capitals (9) any line; a title's, a short one */
			nl = end - s > 251 ? s + 251 : end;
			return i < 9 || memchr(s, '\n', (size_t)(nl - s)) || nl == end;
		}
	return false;
}

#ifdef __SSE2__
/*
 * The places among the 16 bytes at s where a sign glyph_at() looks for
 * may start (a byte from 0xEE on), or a pictograph below U+E000 (0xE2
 * before a byte from 0x8C on: not «№»), or a character that shows nothing
 * (0xE2 0x80, 0xE2 0x81, as a dash or «…» are too); s[16] is read.
 */
static unsigned glyph_leads16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s),
		w = _mm_loadu_si128((const __m128i *)(s + 1));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8((char)0xEE)), v),
		_mm_and_si128(
			_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)),
			_mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(w, _mm_set1_epi8((char)0x8C)), w),
				     _mm_cmpeq_epi8(_mm_or_si128(w, _mm_set1_epi8(1)),
						    _mm_set1_epi8((char)0x81))))));
}
#endif

#ifdef NV_TARGET_AVX2
/* The places glyph_leads16() gives, among the 32 bytes at s, by AVX2; s[32] is read. */
NV_TARGET_AVX2 static inline unsigned glyph_leads32(const unsigned char *s)
{
	__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)s),
		w = _mm256_loadu_si256((const __m256i *)(const void *)(s + 1));

	return (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
		_mm256_cmpeq_epi8(_mm256_max_epu8(v, _mm256_set1_epi8((char)0xEE)), v),
		_mm256_and_si256(
			_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xE2)),
			_mm256_or_si256(
				_mm256_cmpeq_epi8(_mm256_max_epu8(w, _mm256_set1_epi8((char)0x8C)),
						  w),
				_mm256_cmpeq_epi8(_mm256_or_si256(w, _mm256_set1_epi8(1)),
						  _mm256_set1_epi8((char)0x81))))));
}

/* nv_md_glyphs() 32 bytes at a time from *pi on: whether a sign is there, *pi where it stopped. */
NV_TARGET_AVX2 static bool glyphs_avx2(const unsigned char *s, size_t n, size_t *pi)
{
	size_t i = *pi;
	unsigned m;

	for (; n - i > 32; i += 32)
		for (m = glyph_leads32(s + i); m; m &= m - 1)
			if (mark_at(s + i + __builtin_ctz(m), n - i - __builtin_ctz(m)) &
			    NV_MD_TEXT_GLYPH)
				return true;
	*pi = i;
	return false;
}
#endif

bool nv_md_glyphs(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

#ifdef NV_TARGET_AVX2
	if (nv_avx2() && glyphs_avx2(s, len, &i))
		return true;
#endif
#ifdef __SSE2__
	for (; len - i > 16; i += 16) {
		unsigned m;
		for (m = glyph_leads16(s + i); m; m &= m - 1)
			if (mark_at(s + i + __builtin_ctz(m), len - i - __builtin_ctz(m)) &
			    NV_MD_TEXT_GLYPH)
				return true;
	}
#endif
	for (; i < len; i++)
		if ((s[i] == 0xE2 || s[i] >= 0xEE) && mark_at(s + i, len - i) & NV_MD_TEXT_GLYPH)
			return true;
	return false;
}

unsigned nv_md_text_facts(const char *text, size_t len)
{
	unsigned f;
	const char *p, *end, *line;

	if (!len) /* text may be NULL then */
		return 0;
	p = text;
	end = text + len;
	f = marks_of((const unsigned char *)text, len);
	if (nv_md_has_pd(text, len))
		f |= NV_MD_TEXT_PD;
	/* A character reference may spell a letter of either alphabet («&#111;»). */
	if (nv_md_may_mix(text, len) || memchr(text, '&', len))
		f |= NV_MD_TEXT_MIXED;
	if (has_misread(text, len))
		f |= NV_MD_TEXT_MISREAD;
	if (quotes_unpaired(text, len))
		f |= NV_MD_TEXT_QUOTES;
	if (typed_head(text, len))
		f |= NV_MD_TEXT_HEAD;

	/* '#' is rare but in headings: each one found, its line looked at */
	while (!(f & NV_MD_TEXT_HEADING) && (p = memchr(p, '#', (size_t)(end - p))) != NULL) {
		for (line = p; line > text && line[-1] != '\n' && p - line < 4;)
			line--;
		if (line == text || line[-1] == '\n') {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (heading_flagged(line, (size_t)((nl ? nl : end) - line)))
				f |= NV_MD_TEXT_HEADING;
		}
		p++;
	}
	return f;
}
