/*
 * md_pd_int.h: the bytes where md_pd.c looks for personal data, 16 at a
 * time, shared with the one pass over a body's text in md_facts.c.
 */
#ifndef NV_MD_PD_INT_H
#define NV_MD_PD_INT_H

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * The candidates among the 16 bytes at s (bit j for s[j]): «жд», «г.»,
 * «д.» or «ЛС», told by their second bytes; s[16] and s[17] must be
 * readable.
 */
static inline unsigned nv_md_pd_cands16(const unsigned char *s)
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

#endif
