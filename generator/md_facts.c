/*
 * md_facts.c: what the secretary's checks of a body's text (model_text.c)
 * look for in any document, found in its bytes as it is parsed
 * (markdown.h, NV_MD_TEXT_*). A load for once drops each text once
 * parsed, and those checks read it again: only for an order, a document
 * with appendices, or a body that has something they look for. Each
 * fact is looser than its check (anywhere in the body, fenced code too),
 * never tighter: a body without it gives the check nothing.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "markdown.h"

/*
 * The places among the 16 bytes at s (bit j for s[j]) where a Word
 * bullet or a superscript digit may start: 0xC2 or 0xE2 (| 0x20 is 0xE2
 * for these two only), or 0xEF.
 */
#ifdef __SSE2__
static unsigned leads16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)0xE2)),
		_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
}
#endif

/* The fact of the character at s[0] (n > 0 bytes), if it is a bullet or a superscript digit. */
static unsigned mark_at(const unsigned char *s, size_t n)
{
	unsigned b1 = n > 1 ? s[1] : 0, b2 = n > 2 ? s[2] : 0;

	if (s[0] == 0xC2)
		return b1 == 0xB7				? NV_MD_TEXT_BULLET
		       : b1 == 0xB9 || b1 == 0xB2 || b1 == 0xB3 ? NV_MD_TEXT_SUP
								: 0;
	if (s[0] == 0xE2 && b1 == 0x96)
		return b2 == 0xAA || b2 == 0xA1 || b2 == 0xA0 ? NV_MD_TEXT_BULLET : 0;
	if (s[0] == 0xE2 && b1 == 0x80)
		return b2 == 0xA2 ? NV_MD_TEXT_BULLET : 0;
	if (s[0] == 0xE2 && b1 == 0x81)
		return b2 == 0xB0 || (b2 >= 0xB4 && b2 <= 0xB9) ? NV_MD_TEXT_SUP : 0;
	return s[0] == 0xEF && b1 == 0x82 && b2 == 0xB7 ? NV_MD_TEXT_BULLET : 0;
}

/*
 * The bullets («·», «▪», «□», «•», «■», U+F0B7) and superscript digits
 * («¹», «²», «³», U+2070, U+2074–U+2079) of the n bytes at s.
 */
static unsigned marks_of(const unsigned char *s, size_t n)
{
	unsigned f = 0;
	size_t i = 0;

#ifdef __SSE2__
	for (; n - i >= 16; i += 16) {
		unsigned m;
		for (m = leads16(s + i); m; m &= m - 1)
			f |= mark_at(s + i + (unsigned)__builtin_ctz(m),
				     n - i - (unsigned)__builtin_ctz(m));
	}
#endif
	for (; i < n; i++)
		f |= mark_at(s + i, n - i);
	return f;
}

/*
 * True if the line at s (n bytes, no newline) is a heading, at most three
 * spaces in, whose text starts with «З» or ends with a full stop.
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
	while (i < n && (s[i] == '#' || s[i] == ' '))
		i++;
	while (end > i && (s[end - 1] == ' ' || s[end - 1] == '#'))
		end--;
	return end > i && (s[end - 1] == '.' || (end - i >= 2 && (unsigned char)s[i] == 0xD0 &&
						 (unsigned char)s[i + 1] == 0x97));
}

unsigned nv_md_text_facts(const char *text, size_t len)
{
	unsigned f;
	const char *p = text, *end = text + len, *line;

	if (!len) /* text may be NULL then */
		return 0;
	f = marks_of((const unsigned char *)text, len);

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
