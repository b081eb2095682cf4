/*
 * md_pd.c: personal data written into a text that nothing names as a
 * person (markdown.h, nv_md_next_pd()): a birth date («12.03.2011 г. р.»,
 * «дата рождения: 12 марта 2011 г.», «2011 года рождения», «д. р.
 * 12.03.2011») and a number of СНИЛС. A mention resolved by the model
 * shows a person as the website may show them; a birth date copied from
 * a list of mentees next to a name goes out as it was typed, and the
 * guard of the output looks for names, not dates. The model refuses it
 * in what the website publishes (model_pdtext.c).
 *
 * Only what says it is a birth date counts: a marker («г. р.», «д. р.»,
 * «рождения» after «дата», «год» or «года») next to a date or a year. A
 * school's «день рождения», an anniversary «со дня рождения» and a
 * plain date are not. The bytes are read 16 at a time (32 with AVX2)
 * for the letters the markers have (the «жд» of «рождения», «г.», «д.»,
 * the «ЛС» of «СНИЛС»); each place found is then read as a marker.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* 32 bytes at a time where the CPU has AVX2 (as guard_int.h's NV_GUARD_AVX2) */
#if defined(__SSE2__) && defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PD_AVX2 __attribute__((target("avx2")))
#include <immintrin.h>
#endif

#include "buf.h"
#include "date.h"
#include "markdown.h"
#include "utf8.h"

/* Is the byte at s[i] the second of a Russian letter (after 0xD0 or 0xD1)? */
static bool cyr_second(const unsigned char *s, size_t i)
{
	return i > 0 && (s[i - 1] == 0xD0 || s[i - 1] == 0xD1) && s[i] >= 0x80 && s[i] <= 0xBF;
}

/* Does a word start at s[i]: is the character before it no letter? */
static bool word_starts(const unsigned char *s, size_t i)
{
	if (i == 0)
		return true;
	if (s[i - 1] < 0x80)
		return !((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z') &&
		       !(s[i - 1] >= '0' && s[i - 1] <= '9');
	return !cyr_second(s, i - 1);
}

/* Does a word end at s[i] (n bytes in all): is the character there no letter? */
static bool word_ends(const unsigned char *s, size_t n, size_t i)
{
	if (i >= n)
		return true;
	if (s[i] < 0x80)
		return !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z');
	return !((s[i] == 0xD0 || s[i] == 0xD1) && i + 1 < n && s[i + 1] >= 0x80 &&
		 s[i + 1] <= 0xBF);
}

/* md_pd.c reads bytes; nv_space_at() and the others (utf8.h) take chars. */
static size_t space_at(const unsigned char *s, size_t n, size_t i)
{
	return nv_space_at((const char *)s, n, i);
}

static size_t skip_spaces(const unsigned char *s, size_t n, size_t i)
{
	return nv_space_skip((const char *)s, n, i);
}

/* Past the spaces and the signs between a marker and its date: «: », « – », « (». */
static size_t skip_signs(const unsigned char *s, size_t n, size_t i)
{
	size_t k;

	for (;;) {
		if ((k = space_at(s, n, i)))
			i += k;
		else if (i < n && (s[i] == ':' || s[i] == '-' || s[i] == '('))
			i++;
		else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
			 (s[i + 2] == 0x93 || s[i + 2] == 0x94)) /* «–», «—» */
			i += 3;
		else
			return i;
	}
}

static size_t back_spaces(const unsigned char *s, size_t i)
{
	return nv_space_back((const char *)s, i);
}

static bool digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The length of a year 1900–2099 at s[i], no digit around it; 0 when none. */
static size_t year_at(const unsigned char *s, size_t n, size_t i)
{
	if (n - i < 4 || (i > 0 && digit(s[i - 1])) || !digit(s[i + 2]) || !digit(s[i + 3]) ||
	    (n - i > 4 && digit(s[i + 4])))
		return 0;
	return (s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0') ? 4 : 0;
}

/* The length of «12 марта 2011» at s[i] (the month in the genitive, lower case); 0 when none. */
static size_t words_date_at(const unsigned char *s, size_t n, size_t i)
{
	size_t k = i, m, len, y;
	const char *name;

	while (k < n && k - i < 2 && digit(s[k]))
		k++;
	if (k == i || (k < n && digit(s[k])) || !space_at(s, n, k))
		return 0;
	k = skip_spaces(s, n, k);
	for (m = 1; m <= 12; m++) {
		name = nv_date_month_name((int)m, NV_MONTH_GENITIVE);
		len = strlen(name);
		if (n - k >= len && !memcmp(s + k, name, len) && space_at(s, n, k + len))
			break;
	}
	if (m > 12)
		return 0;
	k = skip_spaces(s, n, k + len);
	return (y = year_at(s, n, k)) ? k + y - i : 0;
}

/* The length of a date («12.03.2011», «12 марта 2011») or a year at s[i]; 0 when none. */
static size_t when_at(const unsigned char *s, size_t n, size_t i)
{
	struct nv_date d;
	size_t k;

	if (i >= n || !digit(s[i]))
		return 0;
	if ((k = nv_date_numeric_at((const char *)s + i, n - i, &d)) ||
	    (k = words_date_at(s, n, i)))
		return k;
	return year_at(s, n, i);
}

/* The start of a date or a year that ends at i (before spaces); i when there is none. */
static size_t when_back(const unsigned char *s, size_t i)
{
	size_t e = back_spaces(s, i), b = e, k, letters = 0;

	/* «12 марта 2011»: the year, then back over the month and the day */
	while (b > 0 && (digit(s[b - 1]) || s[b - 1] == '.'))
		b--;
	while (b < e && s[b] == '.')
		b++;
	if (b < e && when_at(s, e, b) == e - b) {
		k = back_spaces(s, b);
		while (k >= 2 && cyr_second(s, k - 1) && letters < 9)
			k -= 2, letters++;
		if (letters && k < b) {
			size_t d = back_spaces(s, k);
			while (d > 0 && digit(s[d - 1]) && k - d < 4)
				d--;
			if (d < k && when_at(s, e, d) == e - d)
				return d;
		}
		return b;
	}
	return i;
}

/* The start of the word that ends at e (letters of two bytes), or e. */
static size_t cyr_word_back(const unsigned char *s, size_t e)
{
	while (e >= 2 && cyr_second(s, e - 1))
		e -= 2;
	return e;
}

/* «рождения», 16 bytes, and its «ж»: the second byte of «ж» is at 5 */
#define ROZHDENIYA "\xD1\x80\xD0\xBE\xD0\xB6\xD0\xB4\xD0\xB5\xD0\xBD\xD0\xB8\xD1\x8F"
#define SNILS	   "\xD0\xA1\xD0\x9D\xD0\x98\xD0\x9B\xD0\xA1" /* «СНИЛС»: «Л» at 6 */

/* The words that name a birth date before «рождения»: «дата рождения: …», «год рождения – …». */
static const char *const date_words[] = {
	"\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB0",	    /* дата */
	"\xD0\x94\xD0\xB0\xD1\x82\xD0\xB0",	    /* Дата */
	"\xD0\xB4\xD0\xB0\xD1\x82\xD1\x8B",	    /* даты */
	"\xD0\x94\xD0\xB0\xD1\x82\xD1\x8B",	    /* Даты */
	"\xD0\xB4\xD0\xB0\xD1\x82\xD1\x83",	    /* дату */
	"\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB5",	    /* дате */
	"\xD0\xB4\xD0\xB0\xD1\x82\xD0\xBE\xD0\xB9", /* датой */
	"\xD0\xB3\xD0\xBE\xD0\xB4",		    /* год */
	"\xD0\x93\xD0\xBE\xD0\xB4",		    /* Год */
	"\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0",	    /* года */
};
#define GODA (date_words[NV_ARRAY_SIZE(date_words) - 1]) /* «2011 года рождения» */

/* Does the word at s[w] (ending at e) equal one of words? */
static bool word_in(const unsigned char *s, size_t w, size_t e, const char *const *words, size_t nw)
{
	size_t i;

	for (i = 0; i < nw; i++)
		if (strlen(words[i]) == e - w && !memcmp(s + w, words[i], e - w))
			return true;
	return false;
}

/*
 * «рождения» whose «ж» has its second byte at s[j]: after «года» or «г.»
 * with a date or a year before them («2011 года рождения»), or after
 * «дата», «год» (and their forms) with one after it («дата рождения:
 * 12.03.2011»).
 */
static bool birth_word(const unsigned char *s, size_t n, size_t j, struct nv_md_pd *h)
{
	size_t p, we, w, e, b, k;
	bool g_dot = false;

	if (j < 5 || n - j < 11 || memcmp(s + j - 5, ROZHDENIYA, 16))
		return false;
	p = j - 5;
	we = p + 16;
	if (!word_starts(s, p) || !word_ends(s, n, we) || (e = back_spaces(s, p)) == p)
		return false;
	if (e >= 3 && s[e - 1] == '.' && s[e - 3] == 0xD0 && s[e - 2] == 0xB3 &&
	    word_starts(s, e - 3))
		w = e - 3, g_dot = true; /* «г.» */
	else if ((w = cyr_word_back(s, e)) == e || !word_starts(s, w))
		return false;
	if ((g_dot || word_in(s, w, e, &GODA, 1)) && (b = when_back(s, w)) < w) {
		h->start = b;
		h->len = we - b;
		return true;
	}
	if (!word_in(s, w, e, date_words, NV_ARRAY_SIZE(date_words)))
		return false;
	h->start = w;
	k = skip_signs(s, n, we);
	if (!(e = when_at(s, n, k))) {
		/* a table's column, or a blank form's field */
		h->len = we - w;
		h->column = true;
		return true;
	}
	h->len = k + e - w;
	return true;
}

/*
 * «г. р.» or «д. р.» whose letter has its second byte at s[j], a full
 * stop after it: «2011 г. р.», «12.03.2011 г.р.» (the date before);
 * «д. р. 12.03.2011», «д.р.: 2011» (the date after).
 */
static bool birth_abbr(const unsigned char *s, size_t n, size_t j, struct nv_md_pd *h)
{
	size_t g = j - 1, k, e, b;

	if (j < 1 || s[g] != 0xD0 ||
	    (g > 0 &&
	     (cyr_second(s, g - 1) || ((s[g - 1] | 0x20) >= 'a' && (s[g - 1] | 0x20) <= 'z'))))
		return false;
	k = skip_spaces(s, n, j + 2);
	if (n - k < 2 || s[k] != 0xD1 || s[k + 1] != 0x80 || !word_ends(s, n, k + 2) ||
	    (k + 2 < n && s[k + 2] == '-')) /* «р-н» */
		return false;
	e = k + 2 + (k + 2 < n && s[k + 2] == '.');
	if (s[j] == 0xB3) { /* «г.» */
		if ((b = when_back(s, g)) == g)
			return false;
		h->start = b;
		h->len = e - b;
		return true;
	}
	if (g > 0 && digit(s[g - 1]))
		return false;
	k = skip_signs(s, n, e);
	if (!(b = when_at(s, n, k)))
		return false;
	h->start = g;
	h->len = k + b - g;
	return true;
}

/* The length of a number of nine digits or more at s[i] («123-456-789 01»); 0 when none. */
static size_t number_at(const unsigned char *s, size_t n, size_t i)
{
	size_t k, end = i, digits = 0;

	for (k = i; k < n && k - end < 2 && (digit(s[k]) || s[k] == '-' || s[k] == ' '); k++)
		if (digit(s[k])) {
			digits++;
			end = k + 1;
		}
	return digits >= 9 ? end - i : 0;
}

/* «СНИЛС» whose «Л» has its second byte at s[j], and a number of nine digits or more after it. */
static bool snils(const unsigned char *s, size_t n, size_t j, struct nv_md_pd *h)
{
	size_t p, k, end;

	if (j < 7 || n - j < 3 || memcmp(s + j - 7, SNILS, 10))
		return false;
	p = j - 7;
	if (!word_starts(s, p) || !word_ends(s, n, p + 10))
		return false;
	k = skip_signs(s, n, p + 10);
	if (n - k >= 3 && !memcmp(s + k, "\xE2\x84\x96", 3)) /* «№» */
		k = skip_spaces(s, n, k + 3);
	h->start = p;
	h->snils = true;
	if (!(end = number_at(s, n, k))) {
		h->len = 10; /* a table's column, or a blank form's field */
		h->column = true;
		return true;
	}
	h->len = k + end - p;
	return true;
}

/* Personal data at the candidate s[j] (see cands16()), into *h. */
static bool pd_at(const unsigned char *s, size_t n, size_t j, struct nv_md_pd *h)
{
	h->snils = h->column = false;
	if (j < 1 || s[j - 1] != 0xD0)
		return false;
	switch (s[j]) {
	case 0xB6: /* «ж» */
		return birth_word(s, n, j, h);
	case 0xB3: /* «г» */
	case 0xB4: /* «д» */
		return j + 1 < n && s[j + 1] == '.' && birth_abbr(s, n, j, h);
	case 0x9B: /* «Л» */
		return snils(s, n, j, h);
	}
	return false;
}

/* Is s[j] a candidate: «жд», «г.», «д.» or «ЛС», by their second bytes? */
static bool cand(const unsigned char *s, size_t n, size_t j)
{
	unsigned char c = s[j];

	if (c == 0xB3 || c == 0xB4)
		return j + 1 < n && s[j + 1] == '.';
	return (c == 0xB6 || c == 0x9B) && j + 2 < n && s[j + 2] == (c == 0xB6 ? 0xB4 : 0xA1);
}

#ifdef __SSE2__
/* The candidates among the 16 bytes at s (bit j for s[j]); s[16] and s[17] must be readable. */
static unsigned cands16(const unsigned char *s)
{
	__m128i v0 = _mm_loadu_si128((const __m128i *)s);
	__m128i v1 = _mm_loadu_si128((const __m128i *)(s + 1));
	__m128i v2 = _mm_loadu_si128((const __m128i *)(s + 2));
	__m128i zh = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xB6)),
				   _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0xB4)));
	__m128i el = _mm_and_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0x9B)),
				   _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)0xA1)));
	__m128i gd = _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xB3)),
						_mm_cmpeq_epi8(v0, _mm_set1_epi8((char)0xB4))),
				   _mm_cmpeq_epi8(v1, _mm_set1_epi8('.')));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(zh, el), gd));
}
#endif

#ifdef PD_AVX2
/* cands16() for the 32 bytes at s; s[32] and s[33] must be readable. */
PD_AVX2 static uint32_t cands32(const unsigned char *s)
{
	__m256i v0 = _mm256_loadu_si256((const __m256i *)s);
	__m256i v1 = _mm256_loadu_si256((const __m256i *)(s + 1));
	__m256i v2 = _mm256_loadu_si256((const __m256i *)(s + 2));
	__m256i zh = _mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xB6)),
				      _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0xB4)));
	__m256i el = _mm256_and_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0x9B)),
				      _mm256_cmpeq_epi8(v2, _mm256_set1_epi8((char)0xA1)));
	__m256i gd = _mm256_and_si256(
		_mm256_or_si256(_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xB3)),
				_mm256_cmpeq_epi8(v0, _mm256_set1_epi8((char)0xB4))),
		_mm256_cmpeq_epi8(v1, _mm256_set1_epi8('.')));

	return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(zh, el), gd));
}

/* The first candidate from s[*i] on that is personal data, 32 bytes at a time; false when none. */
PD_AVX2 static bool next32(const unsigned char *s, size_t n, size_t *i, struct nv_md_pd *h)
{
	uint32_t m;

	for (; n >= 34 && *i <= n - 34; *i += 32)
		for (m = cands32(s + *i); m; m &= m - 1)
			if (pd_at(s, n, *i + (unsigned)__builtin_ctz(m), h))
				return true;
	return false;
}
#endif

bool nv_md_next_pd(const char *text, size_t n, size_t *at, struct nv_md_pd *h)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = *at;

#ifdef PD_AVX2
	if (nv_avx2() && next32(s, n, &i, h))
		goto found;
#endif
#ifdef __SSE2__
	for (; n >= 18 && i <= n - 18; i += 16) {
		unsigned m;
		for (m = cands16(s + i); m; m &= m - 1)
			if (pd_at(s, n, i + (unsigned)__builtin_ctz(m), h))
				goto found;
	}
#endif
	for (; i < n; i++)
		if (cand(s, n, i) && pd_at(s, n, i, h))
			goto found;
	*at = n;
	return false;
found:
	*at = h->start + h->len > *at ? h->start + h->len : *at + 1;
	return true;
}

bool nv_md_has_pd(const char *s, size_t n)
{
	struct nv_md_pd h;
	size_t at = 0;

	return nv_md_next_pd(s, n, &at, &h);
}

size_t nv_md_pd_value(const char *text, size_t n, bool snils, size_t *len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i;

	for (i = 0; i < n; i++)
		if (digit(s[i]) && (i == 0 || !digit(s[i - 1])) &&
		    (*len = snils ? number_at(s, n, i) : when_at(s, n, i)))
			return i;
	return n;
}
