/*
 * typo_run.c: the fast path of typography (see the top of typo.c): the runs
 * of plain text no rule touches, found on the bytes, and the scans of words
 * that the rules and the runs share.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "typo_int.h"

size_t nv_typo_short_word_slow(const char *s, size_t n, size_t i, bool blank)
{
	/* Bit (c - U+0430) of each small letter c: «а в и к о с у я» */
	static const uint32_t one = 0x800a4505;
	/* two[c1 - U+0430]: the seconds c2 of «во до за из ко на не ни но об от по со» */
	static const uint32_t two[32] = {
		0, 0,	   0x4000, 0, 0x4000, 0,       0,      0x1, 0x80,
		0, 0x4000, 0,	   0, 0x4121, 0x40002, 0x4000, 0,   0x4000
	};
	uint32_t c1, c2;
	size_t k1, k2;

	c1 = ru_lower(peek(s, n, i, &k1));
	if (c1 < 0x0430 || c1 > 0x044F)
		return 0;
	c2 = peek(s, n, i + k1, &k2);
	if (blank ? is_blank(c2) : !is_letter(c2))
		return (one >> (c1 - 0x430)) & 1 ? i + k1 : 0;
	c2 = ru_lower(c2);
	if (c2 < 0x0430 || c2 > 0x044F || !((two[c1 - 0x430] >> (c2 - 0x430)) & 1))
		return 0;
	c1 = peek(s, n, i + k1 + k2, NULL);
	if (blank ? !is_blank(c1) : is_letter(c1))
		return 0;
	return i + k1 + k2;
}

/* short_word_end() with a blank after the word, on the bytes. */
size_t nv_typo_short_word(const char *str, size_t n, size_t i)
{
	/* Bit c of one: «а в и к о с у я»; bit c2 of two[c1]: «во до за из ко на не ни но об
	 * от по со» (c, c1, c2: ru_index()) */
	static const uint32_t one = 0x800a4505;
	static const uint32_t two[32] = {
		0, 0,	   0x4000, 0, 0x4000, 0,       0,      0x1, 0x80,
		0, 0x4000, 0,	   0, 0x4121, 0x40002, 0x4000, 0,   0x4000
	};
	const unsigned char *s = (const unsigned char *)str;
	int c1, c2;

	if ((c1 = ru_index(s, n, i)) < 0)
		return 0;
	if (blank_at(s, n, i + 2))
		return (one >> c1) & 1 ? i + 2 : 0;
	if ((c2 = ru_index(s, n, i + 2)) < 0 || !((two[c1] >> c2) & 1))
		return 0;
	return blank_at(s, n, i + 4) ? i + 4 : 0;
}

/* The end of the run of two-byte Cyrillic letters (U+0400..U+047F) at s[i]. */
static inline size_t cyr_run(const unsigned char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	/* eight letters (lead D0/D1, continuation) at a time, to the first other byte */
	for (unsigned bad; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		v = _mm_and_si128(v, _mm_set1_epi16((short)0xC0FE));
		v = _mm_cmpeq_epi8(v, _mm_set1_epi16((short)0x80D0));
		if ((bad = ~(unsigned)_mm_movemask_epi8(v) & 0xFFFF))
			return i + ((unsigned)__builtin_ctz(bad) & ~1u);
	}
#endif
	while (i + 1 < n && (s[i] & 0xFE) == 0xD0 && (s[i + 1] & 0xC0) == 0x80)
		i += 2;
	return i;
}

size_t nv_typo_word_end(const char *s, size_t n, size_t i)
{
	size_t j, k;
	uint32_t c;

	if (!is_upper(peek(s, n, i, &k)))
		return 0;
	j = i + k;
	if (!is_lower(peek(s, n, j, NULL)))
		return 0;
	for (;;) {
		/* letters of Cyrillic (U+0400..U+047F) and ASCII, on the bytes */
		j = cyr_run((const unsigned char *)s, n, j);
		if (j < n && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') {
			j++;
			continue;
		}
		c = peek(s, n, j, &k);
		if (is_letter(c))
			j += k;
		else if (c == '-' && is_letter(peek(s, n, j + 1, NULL)))
			j++;
		else
			return j;
	}
}

size_t nv_typo_initial_end(const char *s, size_t n, size_t i)
{
	size_t k;

	if (!is_upper(peek(s, n, i, &k)) || i + k >= n || s[i + k] != '.')
		return 0;
	return i + k + 1;
}

bool nv_typo_initials_may(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t e, w;

	/*
	 * The usual word, on the bytes: small Cyrillic letters after the
	 * capital, then ASCII that neither goes on with the word nor is a
	 * blank, or a space and a small letter: nv_typo_word_end() ends there
	 * and no initial follows.
	 */
	/* a small letter U+0430..U+045F after the capital */
	if (i + 3 < n && ((u[i + 2] == 0xD0 && u[i + 3] >= 0xB0 && u[i + 3] <= 0xBF) ||
			  (u[i + 2] == 0xD1 && u[i + 3] >= 0x80 && u[i + 3] <= 0x9F))) {
		e = cyr_run(u, n, i + 2);
		if (e == n || (u[e] < 0x80 && (unsigned)((u[e] | 0x20) - 'a') > 'z' - 'a' &&
			       u[e] != '-' && u[e] != ' ' && u[e] != '\t'))
			return false;
		if (e + 2 < n && u[e] == ' ' &&
		    ((u[e + 1] == 0xD0 && u[e + 2] >= 0xB0 && u[e + 2] <= 0xBF) ||
		     (u[e + 1] == 0xD1 && (u[e + 2] & 0xC0) == 0x80)))
			return false;
		/* a space and ASCII other than a capital or a blank */
		if (u[e] == ' ' &&
		    (e + 1 == n || (u[e + 1] < 0x80 && (u[e + 1] < 'A' || u[e + 1] > 'Z') &&
				    u[e + 1] != ' ' && u[e + 1] != '\t')))
			return false;
	}
	e = nv_typo_word_end(s, n, i);

	if (!e)
		return nv_typo_initial_end(s, n, i) != 0;
	w = skip_blank(s, n, e);
	return w > e && nv_typo_initial_end(s, n, w) != 0;
}

/*
 * The fast path. Most text is letters, digits, spaces and punctuation no rule touches;
 * plain_end() finds how far such a run goes on the bytes, and the run is copied whole. It
 * stops, leaving the character to step(), wherever a rule might fire or at anything but ASCII
 * or a two-byte Cyrillic letter (U+0400..U+047F): so step() would copy every character of a
 * run unchanged, and feed_run() brings the state to where step() would have left it.
 */
enum {
	B_STOP,
	B_LOW,
	B_WORD,
	B_DIGIT,
	B_BLANK,
	B_DOT,
	B_PUNCT,
	B_D0,
	B_D1
};

/*
 * The class of each byte as the first byte of a character: 1 a-z but h f
 * w, 2 A-Z h f w (capitals may start «И. О.», h f w a URL), 3 digits,
 * 4 space and tab, 5 '.', 6 other ASCII, 7 and 8 the lead bytes D0 and D1
 * of Cyrillic; 0 (NUL, '-', '"' and any other byte) leaves it to step().
 */
static const unsigned char byte_class[256] = {
	0, 6, 6, 6, 6, 6, 6, 6, 6, 4, 6, 6, 6, 6, 6, 6, /* 0_ */
	6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, /* 1_ */
	4, 6, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 5, 6, /* 2_ */
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6, 6, 6, 6, 6, 6, /* 3_ */
	6, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 4_ */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 6, 6, 6, 6, 6, /* 5_ */
	6, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, /* 6_ */
	1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 6, 6, 6, 6, 6, /* 7_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 8_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 9_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* A_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* B_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* C_ */
	7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* D_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* E_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* F_ */
};

/*
 * The end of the Cyrillic words at s[i], just after a Cyrillic letter:
 * more letters, and a space with a small letter after it (nothing to do
 * for a space that no dash follows, nor for a word that no capital starts).
 */
static size_t cyr_words_end(const unsigned char *s, size_t n, size_t i, size_t *sw)
{
	size_t e;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x;
#endif

	for (;;) {
		i = cyr_run(s, n, i);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/*
		 * The usual case in one load: a space and three Cyrillic letters
		 * (lead D0/D1, continuation), the first a small one: no short word
		 */
		if (n - i >= 8) {
			memcpy(&x, s + i, 8);
			if ((x & 0x00C0FEC0FEC0FEFFu) == 0x0080D080D080D020u &&
			    (s[i + 1] == 0xD1 || s[i + 2] >= 0xB0)) {
				i += 7;
				continue;
			}
		}
#endif
		if (!(i + 2 < n && s[i] == ' ' &&
		      ((s[i + 1] == 0xD0 && s[i + 2] >= 0xB0 && s[i + 2] <= 0xBF) ||
		       (s[i + 1] == 0xD1 && (s[i + 2] & 0xC0) == 0x80))))
			return i;
		if ((e = short_word_end((const char *)s, n, i + 1, true))) {
			/* the space is plain, the short word after it starts a word */
			*sw = e;
			return i + 1;
		}
		i += 3;
	}
}

/*
 * The end of the run of plain characters at s[i]: `word` says whether the
 * character before s[i] is a letter, a digit or '-' (no word starts at
 * s[i]), `digits` how many ASCII digits end there (5 stands for more).
 */
static size_t plain_end(const char *str, size_t n, size_t i, bool word, unsigned digits, size_t *sw)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;

	*sw = 0;
	while (i < n) {
		/* Cyrillic letters inside a word, the bulk of a text: no rule there */
		if (word && digits != 4 && i + 1 < n && (s[i] & 0xFE) == 0xD0 &&
		    (s[i + 1] & 0xC0) == 0x80) {
			i = cyr_words_end(s, n, i + 2, sw);
			digits = 0;
			if (i >= n || *sw)
				break;
		}
		c = s[i];
		switch (byte_class[c]) {
		case B_WORD:
			if (!word)
				return i;
			/* fall through */
		case B_LOW:
			word = true;
			digits = 0;
			i++;
			break;
		case B_DIGIT:
			word = true;
			digits += digits < 5;
			i++;
			break;
		case B_BLANK:
			/* a dash, a unit after a number, a year or more blanks may follow */
			if (digits ||
			    (i + 1 < n && (s[i + 1] == '-' || s[i + 1] == 0xE2 || s[i + 1] == ' ' ||
					   s[i + 1] == '\t' || s[i + 1] == 0xC2 ||
					   (s[i + 1] >= '0' && s[i + 1] <= '9'))))
				return i;
			/* fall through */
		case B_PUNCT:
			word = false;
			digits = 0;
			i++;
			break;
		case B_DOT:
			if (i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.')
				return i;
			word = false;
			digits = 0;
			i++;
			break;
		case B_D0:
			/*
			 * D0 80..AF are capitals (U+0400..U+042F), D0 B3 is «г»; a word's
			 * first capital is plain unless it starts a name with initials
			 */
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 1] == 0xB3 && digits == 4) ||
			    (!word && ((*sw = short_word_end(str, n, i, true)) ||
				       (s[i + 1] < 0xB0 && nv_typo_initials_may(str, n, i)))))
				return i;
			word = true;
			digits = 0;
			i += 2;
			break;
		case B_D1:
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (!word && (*sw = short_word_end(str, n, i, true))))
				return i;
			word = true;
			digits = 0;
			i += 2;
			break;
		default:
			return i;
		}
	}
	return i;
}

/*
 * Whether step() would glue the short word s[i, e) to the word after it
 * as glue_short() does, in the usual case: one space and no other blank,
 * dash nor line's end after it (the bytes of those are not at s[e + 1]:
 * ' ', '\t', '\n', '\r', '-', E2 of «—» and C2 A0 of a no-break space),
 * and no capital that may start a name with initials.
 */
static bool glue_plain(const char *str, size_t n, size_t i, size_t e)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;

	if (s[e] != ' ' || e + 1 >= n)
		return false;
	c = s[e + 1];
	return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == 0xE2 ||
		 (c == 0xC2 && e + 2 < n && s[e + 2] == 0xA0) ||
		 (s[i] == 0xD0 && s[i + 1] < 0xB0 && nv_typo_initials_may(str, n, i)));
}

size_t nv_typo_plain_run(struct nv_buf *out, const char *str, size_t n, size_t i, bool word,
			 unsigned digits, size_t *seg)
{
	size_t from = i, e, sw;

	*seg = i;
	for (;;) {
		e = plain_end(str, n, i, word, digits, &sw);
		if (!sw || !glue_plain(str, n, e, sw))
			break;
		/* the short word and a no-break space for the space after it */
		nv_buf_add(out, str + from, sw - from);
		nv_buf_add(out, "\xC2\xA0", 2);
		from = i = *seg = sw + 1;
		word = false;
		digits = 0;
	}
	nv_buf_add(out, str + from, e - from);
	return e;
}

/* The code point that ends at s[e] inside a run of plain characters. */
static uint32_t run_last(const unsigned char *s, size_t e)
{
	if (s[e - 1] < 0x80)
		return s[e - 1];
	return ((uint32_t)(s[e - 2] & 0x1F) << 6) | (s[e - 1] & 0x3Fu);
}

void nv_typo_feed_run(struct nv_typo_state *st, const char *str, size_t from, size_t to)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t e = to, d;

	while (e > from && s[e - 1] >= '0' && s[e - 1] <= '9')
		e--;
	d = to - e;
	if (e == from) {
		if (!st->digits)
			st->before = st->prev;
		d += st->digits;
	} else if (d) {
		st->before = run_last(s, e);
	}
	st->digits = d < UINT_MAX ? (unsigned)d : UINT_MAX;
	st->prev = run_last(s, to);
	/* st->numero was false and nothing in a run sets it */
}
