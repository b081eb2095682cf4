/*
 * guard_int.h: what the files of the guard share; private to them
 * (guard*.c) and their unit tests.
 *
 * guard.c builds the keys from people.yml and finds the mentions in
 * folded text; guard_read.c reads the text (plain, or HTML/XML) into
 * folded bytes, one per character, each with the offset of the character
 * it came from; guard_skip.c skips what no key can start, by the tables
 * guard_tables.c makes of the keys. See the top of guard.c.
 */
#ifndef NV_GUARD_INT_H
#define NV_GUARD_INT_H

#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The guard's functions for AVX2 (common.h): nv_guard_skip() takes them where g->avx2. */
#ifdef NV_TARGET_AVX2
#define NV_GUARD_AVX2 NV_TARGET_AVX2
#include <immintrin.h>
#endif

struct nv_buf;

/* Folded bytes that are no characters of the text. */
#define NV_GUARD_BREAK '\n' /* a block tag, or the edge of an attribute value */
#define NV_GUARD_OTHER 0x7F /* any character without a folded form; b | 0x20 == b */
#define NV_GUARD_SKIP  (-1) /* nv_guard_fold_cp(): the character leaves nothing */

/*
 * The folded byte of code point cp, or NV_GUARD_SKIP (soft hyphens, zero-width
 * characters, combining accents). Control characters are spaces.
 */
int nv_guard_fold_cp(uint32_t cp);

/*
 * The character at s[i] (i < n; a character reference with `refs`) as a
 * code point in *cp; returns its length in bytes (an invalid byte is
 * U+FFFD of one byte).
 */
size_t nv_guard_char_at(const char *s, size_t n, size_t i, bool refs, uint32_t *cp);

static inline bool nv_guard_is_cyr(unsigned char b)
{
	return b >= 0xC0;
}

static inline bool nv_guard_is_lat(unsigned char b)
{
	return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

static inline bool nv_guard_is_let(unsigned char b)
{
	return nv_guard_is_cyr(b) || nv_guard_is_lat(b);
}

/* The length of the Russian letter at s[i] (i < n) in UTF-8, 0 for any other character. */
static inline size_t nv_guard_cyr_len(const char *s, size_t n, size_t i)
{
	return ((unsigned char)s[i] & 0xFE) == 0xD0 && i + 1 < n &&
			       ((unsigned char)s[i + 1] & 0xC0) == 0x80
		       ? 2
		       : 0;
}

/* Whether the two bytes at u are a small Russian letter: а–п, р–я, ё. */
static inline bool nv_guard_is_small_ru(const unsigned char *u)
{
	return (u[0] == 0xD0 && u[1] >= 0xB0 && u[1] <= 0xBF) ||
	       (u[0] == 0xD1 && (u[1] <= 0x8F || u[1] == 0x91));
}

/* The folded byte in lower case: letters lowered, the rest as it is. */
static inline unsigned char nv_guard_lc(unsigned char b)
{
	return nv_guard_is_let(b) ? b | 0x20 : b;
}

#define NV_GUARD_PENDING 16 /* attribute values of inline tags kept for the next break */

struct nv_guard_reader {
	const char *s;
	size_t n, i; /* the text, and where reading goes on */
	bool markup;
	int npend;
	size_t pend[NV_GUARD_PENDING][2];
};

/*
 * The folded text: f[k] came from the character of the text at base +
 * o[k]. A window spans less than 2 GiB of text (nv_guard_fold() ends it
 * there), so that an offset fits in 32 bits: half the bytes to write.
 */
struct nv_guard_folded {
	unsigned char *f;
	uint32_t *o;
	size_t base, len, cap;
	bool borrowed; /* f (cap + 8 bytes) and o are the caller's: grown into new arrays */
};

/*
 * Fold the text from r->i on into fd (appending) until fd holds `want`
 * bytes — with `cut`, until a place where a window may end after that
 * (a space after a word in lower case, nothing pending) — or the text
 * ends; at its end, or at the end of a window, the attribute values
 * still pending are folded too.
 * r->i is where reading goes on; fd's arrays are the caller's to free
 * (unless still borrowed).
 */
void nv_guard_fold(struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t want, bool cut);

/*
 * The length of the tag, comment or CDATA opening at s[i] (which is
 * '<'), and in *inl whether it is an inline tag (one that does not end a
 * word); 0 when '<' is a plain character.
 */
size_t nv_guard_tag_len(const char *s, size_t n, size_t i, bool *inl);

/* The length of the opening of a comment or a CDATA section at s[i] ('<'), else 0. */
static inline size_t nv_guard_open_len(const char *s, size_t n, size_t i)
{
	if (i + 1 >= n || s[i + 1] != '!')
		return 0;
	if (n - i >= 4 && !memcmp(s + i, "<!--", 4))
		return 4;
	if (n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9))
		return 9;
	return 0;
}

/* A character of a tag's name after its first: a Latin letter, a digit, '-' or ':'. */
static inline bool nv_guard_is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= ':') || (c >= 'A' && c <= 'Z') ||
	       c == '-';
}

/*
 * The end of the name of the tag at s[i] ('<', '</', '<!', '<?'), or 0
 * when '<' starts no tag there.
 */
static inline size_t nv_guard_tag_name_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j < n && (s[j] == '/' || s[j] == '!' || s[j] == '?'))
		j++;
	if (j >= n || !nv_guard_is_lat((unsigned char)s[j]))
		return 0;
	while (j < n && nv_guard_is_name_char((unsigned char)s[j]))
		j++;
	return j;
}

/*
 * The offset of the '>' that ends the tag whose name ends at s[i] (n if
 * none): a quoted attribute value may hold a '>'.
 */
size_t nv_guard_tag_close(const char *s, size_t n, size_t i);

/* Is `name` (len bytes, any case) an inline tag's, one that a word reads through? */
bool nv_guard_is_inline_tag(const char *name, size_t len);

#ifdef __SSE2__

/* The bytes of x in [lo, hi], as 0xFF. */
static inline __m128i nv_guard_in_range(__m128i x, unsigned char lo, unsigned char hi)
{
	__m128i t = _mm_sub_epi8(x, _mm_set1_epi8((char)lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(hi - lo))), t);
}

static inline __m128i nv_guard_eq8(__m128i x, unsigned char b)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)b));
}

#endif

/* ---- 32 bytes at once, for nv_guard_skip() (guard_skip.c) ---- */

/* The characters the blocks leave to be read alone besides those that may leave nothing. */
enum {
	NV_GUARD_MARK_NONE,
	NV_GUARD_MARK_TAGS /* '<' and '&' */,
	NV_GUARD_MARK_REFS /* '&' */
};

#ifdef __SSE2__
/*
 * The 16 bytes at s (17 may be read) as bits, bit j for s[j]: in *let the
 * bytes of plain letters (plain_letter(); bit 16 for the second byte of a
 * Russian letter starting at s[15]), in *begin their first bytes, in
 * *lead the bytes 0xC2–0xEF but 0xD0 and 0xD1 (where nv_guard_odd16() may find
 * something). Returns the bits of '<' and '&' with NV_GUARD_MARK_TAGS, '&' with
 * NV_GUARD_MARK_REFS (an attribute value): nv_guard_skip() reads them one at a
 * time (skip_step()), with what nv_guard_odd16() finds. Any other byte is a
 * separator: an ASCII one, or a byte of a character that folds to no
 * letter (a no-break space, «», a dash, №, letters of other alphabets,
 * bytes that are no UTF-8, read as U+FFFD one at a time), so a word
 * surely ends there.
 */
static inline unsigned nv_guard_classify16(const unsigned char *s, int marks, unsigned *let,
					   unsigned *begin, unsigned *lead)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s);
	__m128i w = _mm_loadu_si128((const __m128i *)(s + 1));
	__m128i lat = nv_guard_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
	__m128i d0 = nv_guard_eq8(v, 0xD0), d1 = nv_guard_eq8(v, 0xD1);
	__m128i c0 = _mm_and_si128(
		d0, _mm_or_si128(nv_guard_in_range(w, 0x90, 0xBF), nv_guard_eq8(w, 0x81)));
	__m128i c1 = _mm_and_si128(
		d1, _mm_or_si128(nv_guard_in_range(w, 0x80, 0x8F), nv_guard_eq8(w, 0x91)));
	__m128i mark = _mm_setzero_si128();
	unsigned l = (unsigned)_mm_movemask_epi8(lat);
	unsigned c = (unsigned)_mm_movemask_epi8(_mm_or_si128(c0, c1));

	/* The first bytes of what may leave nothing are among 0xC2–0xEF but 0xD0, 0xD1. */
	*lead = (unsigned)_mm_movemask_epi8(
		_mm_andnot_si128(_mm_or_si128(d0, d1), nv_guard_in_range(v, 0xC2, 0xEF)));
	if (marks == NV_GUARD_MARK_TAGS)
		mark = _mm_or_si128(nv_guard_eq8(v, '<'), nv_guard_eq8(v, '&'));
	else if (marks == NV_GUARD_MARK_REFS)
		mark = nv_guard_eq8(v, '&');
	*let = l | c | c << 1;
	*begin = l | c;
	return (unsigned)_mm_movemask_epi8(mark);
}

/*
 * The bits of the first bytes of the characters among the 16 at s (18
 * may be read) that may leave nothing when folded: a soft hyphen, a zero
 * width, a combining accent (U+00AD, U+0300–U+036F, U+200B–U+200D,
 * U+2060, U+FEFF), and anything else starting with 0xCC, 0xCD, 0xE2 0x81
 * or 0xEF. nv_guard_skip() reads them one at a time.
 */
static inline unsigned nv_guard_odd16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s);
	__m128i w = _mm_loadu_si128((const __m128i *)(s + 1));
	__m128i x = _mm_loadu_si128((const __m128i *)(s + 2));
	__m128i e2 = _mm_and_si128(nv_guard_eq8(v, 0xE2),
				   _mm_or_si128(nv_guard_eq8(w, 0x81),
						_mm_and_si128(nv_guard_eq8(w, 0x80),
							      nv_guard_in_range(x, 0x8B, 0x8D))));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_or_si128(e2, _mm_and_si128(nv_guard_eq8(v, 0xC2), nv_guard_eq8(w, 0xAD))),
		_mm_or_si128(nv_guard_in_range(v, 0xCC, 0xCD), nv_guard_eq8(v, 0xEF))));
}

/* nv_guard_classify16() over 32 bytes at s (34 may be read), *let up to bit 32. */
static inline uint64_t nv_guard_classify32(const unsigned char *s, int marks, uint64_t *let,
					   uint64_t *begin)
{
	unsigned l0, b0, l1, b1, lead0, lead1;
	uint64_t o0 = nv_guard_classify16(s, marks, &l0, &b0, &lead0),
		 o1 = nv_guard_classify16(s + 16, marks, &l1, &b1, &lead1);

	*let = (uint64_t)l0 | (uint64_t)l1 << 16;
	*begin = (uint64_t)b0 | (uint64_t)b1 << 16;
	if (lead0 | lead1) {
		o0 |= nv_guard_odd16(s);
		o1 |= nv_guard_odd16(s + 16);
	}
	return o0 | o1 << 16;
}

#ifdef NV_GUARD_AVX2

/* The bytes nv_guard_classify32_avx2() compares with, each 32 times (nv_guard_k32[]). */
enum {
	NV_GUARD_K_X20,
	NV_GUARD_K_A,
	NV_GUARD_K_A_Z,
	NV_GUARD_K_D0,
	NV_GUARD_K_D1,
	NV_GUARD_K_90,
	NV_GUARD_K_90_BF,
	NV_GUARD_K_81,
	NV_GUARD_K_80,
	NV_GUARD_K_80_8F,
	NV_GUARD_K_91,
	NV_GUARD_K_LT,
	NV_GUARD_K_AMP,
	NV_GUARD_K_C2,
	NV_GUARD_K_C2_EF,
	NV_GUARD_K_E2,
	NV_GUARD_K_8B,
	NV_GUARD_K_8B_8D,
	NV_GUARD_K_AD,
	NV_GUARD_K_CC,
	NV_GUARD_K_CC_CD,
	NV_GUARD_K_EF,
	NV_GUARD_K_NR
};

#define NV_GUARD_REP32(b)                                         \
	{                                                         \
		(long long)(0x0101010101010101ULL * (b)),         \
			(long long)(0x0101010101010101ULL * (b)), \
			(long long)(0x0101010101010101ULL * (b)), \
			(long long)(0x0101010101010101ULL * (b))  \
	}

static const __m256i nv_guard_k32[NV_GUARD_K_NR] = {
	[NV_GUARD_K_X20] = NV_GUARD_REP32(0x20),
	[NV_GUARD_K_A] = NV_GUARD_REP32('a'),
	[NV_GUARD_K_A_Z] = NV_GUARD_REP32('z' - 'a'),
	[NV_GUARD_K_D0] = NV_GUARD_REP32(0xD0),
	[NV_GUARD_K_D1] = NV_GUARD_REP32(0xD1),
	[NV_GUARD_K_90] = NV_GUARD_REP32(0x90),
	[NV_GUARD_K_90_BF] = NV_GUARD_REP32(0xBF - 0x90),
	[NV_GUARD_K_81] = NV_GUARD_REP32(0x81),
	[NV_GUARD_K_80] = NV_GUARD_REP32(0x80),
	[NV_GUARD_K_80_8F] = NV_GUARD_REP32(0x8F - 0x80),
	[NV_GUARD_K_91] = NV_GUARD_REP32(0x91),
	[NV_GUARD_K_LT] = NV_GUARD_REP32('<'),
	[NV_GUARD_K_AMP] = NV_GUARD_REP32('&'),
	[NV_GUARD_K_C2] = NV_GUARD_REP32(0xC2),
	[NV_GUARD_K_C2_EF] = NV_GUARD_REP32(0xEF - 0xC2),
	[NV_GUARD_K_E2] = NV_GUARD_REP32(0xE2),
	[NV_GUARD_K_8B] = NV_GUARD_REP32(0x8B),
	[NV_GUARD_K_8B_8D] = NV_GUARD_REP32(0x8D - 0x8B),
	[NV_GUARD_K_AD] = NV_GUARD_REP32(0xAD),
	[NV_GUARD_K_CC] = NV_GUARD_REP32(0xCC),
	[NV_GUARD_K_CC_CD] = NV_GUARD_REP32(0xCD - 0xCC),
	[NV_GUARD_K_EF] = NV_GUARD_REP32(0xEF),
};

/* nv_guard_in_range() on 32 bytes: lo and hi - lo as constants. */
NV_GUARD_AVX2 static inline __m256i nv_guard_in_range32(__m256i x, __m256i lo, __m256i span)
{
	__m256i t = _mm256_sub_epi8(x, lo);

	return _mm256_cmpeq_epi8(_mm256_min_epu8(t, span), t);
}

/* The bits of the bytes of 32 that nv_guard_classify32() reads: unsigned, bit 31 not spread up. */
NV_GUARD_AVX2 static inline uint64_t nv_guard_bits32(__m256i x)
{
	return (uint32_t)_mm256_movemask_epi8(x);
}

/* nv_guard_classify32() in one vector of 32 bytes (34 may be read), with AVX2: the same bits. */
NV_GUARD_AVX2 static inline uint64_t nv_guard_classify32_avx2(const unsigned char *s, int marks,
							      uint64_t *let, uint64_t *begin)
{
	const __m256i *k = nv_guard_k32;
	__m256i v, w, d0, d1, c0, c1, x, e2, mark = _mm256_setzero_si256();
	uint64_t l, c, other;

	/*
	 * The constants read from nv_guard_k32[] as operands of the instructions: the
	 * compiler, not seeing them, cannot make each of them again in each
	 * block from a byte (three instructions; the upper halves of the
	 * vector registers are cleared between blocks).
	 */
	__asm__("" : "+r"(k));
	v = _mm256_loadu_si256((const __m256i *)s);
	w = _mm256_loadu_si256((const __m256i *)(s + 1));
	d0 = _mm256_cmpeq_epi8(v, k[NV_GUARD_K_D0]);
	d1 = _mm256_cmpeq_epi8(v, k[NV_GUARD_K_D1]);
	c0 = _mm256_and_si256(
		d0, _mm256_or_si256(nv_guard_in_range32(w, k[NV_GUARD_K_90], k[NV_GUARD_K_90_BF]),
				    _mm256_cmpeq_epi8(w, k[NV_GUARD_K_81])));
	c1 = _mm256_and_si256(
		d1, _mm256_or_si256(nv_guard_in_range32(w, k[NV_GUARD_K_80], k[NV_GUARD_K_80_8F]),
				    _mm256_cmpeq_epi8(w, k[NV_GUARD_K_91])));
	l = nv_guard_bits32(nv_guard_in_range32(_mm256_or_si256(v, k[NV_GUARD_K_X20]),
						k[NV_GUARD_K_A], k[NV_GUARD_K_A_Z]));
	c = nv_guard_bits32(_mm256_or_si256(c0, c1));

	if (marks == NV_GUARD_MARK_TAGS)
		mark = _mm256_or_si256(_mm256_cmpeq_epi8(v, k[NV_GUARD_K_LT]),
				       _mm256_cmpeq_epi8(v, k[NV_GUARD_K_AMP]));
	else if (marks == NV_GUARD_MARK_REFS)
		mark = _mm256_cmpeq_epi8(v, k[NV_GUARD_K_AMP]);
	*let = l | c | c << 1;
	*begin = l | c;
	other = nv_guard_bits32(mark);
	/* What nv_guard_odd16() finds, where nv_guard_classify16() sees a lead byte. */
	if (nv_guard_bits32(_mm256_andnot_si256(
		    _mm256_or_si256(d0, d1),
		    nv_guard_in_range32(v, k[NV_GUARD_K_C2], k[NV_GUARD_K_C2_EF])))) {
		x = _mm256_loadu_si256((const __m256i *)(s + 2));
		e2 = _mm256_and_si256(
			_mm256_cmpeq_epi8(v, k[NV_GUARD_K_E2]),
			_mm256_or_si256(
				_mm256_cmpeq_epi8(w, k[NV_GUARD_K_81]),
				_mm256_and_si256(_mm256_cmpeq_epi8(w, k[NV_GUARD_K_80]),
						 nv_guard_in_range32(x, k[NV_GUARD_K_8B],
								     k[NV_GUARD_K_8B_8D]))));
		other |= nv_guard_bits32(_mm256_or_si256(
			_mm256_or_si256(e2,
					_mm256_and_si256(_mm256_cmpeq_epi8(v, k[NV_GUARD_K_C2]),
							 _mm256_cmpeq_epi8(w, k[NV_GUARD_K_AD]))),
			_mm256_or_si256(
				nv_guard_in_range32(v, k[NV_GUARD_K_CC], k[NV_GUARD_K_CC_CD]),
				_mm256_cmpeq_epi8(v, k[NV_GUARD_K_EF]))));
	}
	return other;
}
#endif
#endif

/* ---- The people, as keys on the folded text (built in guard.c) ---- */

enum nv_guard_key_kind {
	NV_KEY_SURNAME,
	NV_KEY_LATIN,
	NV_KEY_NAME
};

struct nv_guard_target {
	const struct nv_person *p;
	bool hide;	      /* publish none, or a student: every mention is a leak */
	bool initials;	      /* publish initials: a form with the given name is a leak */
	unsigned char ni, pi; /* folded initials of the name and patronymic, or 0 */
	char *surname, *stem, *name, *patr; /* folded, lower case; name and patr stems or NULL */
	size_t surname_len, stem_len, name_len, patr_len;
	int grade; /* a student's class: «10 «А»» → 10 and 'а'; 0 for none */
	unsigned char letter;
};

struct nv_guard_key {
	const struct nv_guard_target *t;
	char *stem; /* folded, lower case */
	size_t len;
	uint64_t head, mask; /* the stem's first 8 bytes, see nv_guard_load8() */
	enum nv_guard_key_kind kind;
	int tail;	      /* letters the word may have after the stem */
	bool cap;	      /* the word must start with a capital (short stems) */
	unsigned char b0, b1; /* the first two bytes */
};

/* The letters a key starts with: 'a'–'z' are 0–25, а–я (folded, lower case) 26–57. */
#define NV_GUARD_CLASSES 58

static inline int nv_guard_cls(unsigned char lc)
{
	return lc >= 0xE0 ? lc - 0xE0 + 26 : lc - 'a';
}

/*
 * A node of the trie of the keys' first eight bytes (see nv_guard_skip()):
 * its children, one for each letter class with a bit in `kids`, lie in
 * class order from `base` on.
 */
struct nv_guard_node {
	uint64_t kids;
	uint32_t base;
	unsigned char minlen; /* the length of the shortest key through this node */
	bool end;	      /* a key ends here */
};

/* The number of bits set in x (without the popcnt instruction, which -O2 does not assume). */
static inline size_t nv_guard_pop64(uint64_t x)
{
	x -= (x >> 1) & UINT64_C(0x5555555555555555);
	x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
	return (size_t)((x * UINT64_C(0x0101010101010101)) >> 56);
}

struct nv_guard {
	struct nv_guard_target *t;
	struct nv_guard_key *k;
	size_t nt, nk, k_alloc;
	uint64_t serial; /* this guard's number in the process, from 1 (see guard_skip.c) */
	/*
	 * The first eight bytes (or all, if fewer) of the keys that are
	 * letters in lower case, as a trie from node[0]; the others starting
	 * with a letter are in odd (a byte no letter: «юн-ким» goes on past
	 * a word that ends).
	 */
	struct nv_guard_node *node;
	uint32_t root[256]; /* the child of node[0] for a letter (folded, lower case), or 0 */
	const struct nv_guard_key **odd;
	size_t nnode, nodd;
	size_t first[257]; /* the keys starting with byte b: k[first[b], first[b + 1]) */
	/*
	 * Bit (c & 63) of second[b] is set when a key starting with b has
	 * the byte c second (all bits for a key of one byte): a word whose
	 * second byte has no bit starts with none of them.
	 */
	uint64_t second[256];
	/*
	 * Plain letters (see guard_skip.c) as folded bytes in lower case, or
	 * 0: letter[0] by ASCII byte, letter[1] and letter[2] by the byte
	 * after 0xD0 and after 0xD1.
	 */
	unsigned char letter[3][256];
	/* The trie's node for two letters (classes c1, c2) at pair[c1 * 64 + c2], or 0. */
	uint32_t *pair;
	/*
	 * The class of a plain letter, NV_GUARD_NONE for any other character:
	 * cls[b] for an ASCII byte b, cls[256 + b] and cls[512 + b] for the
	 * byte b after 0xD0 and after 0xD1; row[c] is where to look for a
	 * character whose first byte is c (768, a row of NV_GUARD_NONE, for
	 * any other).
	 */
	unsigned char cls[1024];
	uint16_t row[256];
	/*
	 * Bit (c1 * NV_GUARD_TRI + c2) * NV_GUARD_TRI + c3 is set when a key
	 * may start a word whose first three characters are of classes c1,
	 * c2, c3 (c2, c3 maybe NV_GUARD_NONE or NV_GUARD_END) by the trie's
	 * first three levels.
	 */
	uint64_t *tri;
	/*
	 * Bit c1 * NV_GUARD_TRI + c2 is set when some bit of g->tri for c1, c2
	 * is: most words stop at their first two characters, in these 440
	 * bytes, not in the 27 KB of g->tri.
	 */
	uint64_t duo[(NV_GUARD_CLASSES * (NV_GUARD_CLASSES + 2) + 63) / 64];
	/*
	 * g->duo for a word whose first two characters are both 0xD0 or 0xD1
	 * and a byte 0x80–0xBF (a Russian letter or another one of no
	 * class): bit nv_guard_cyr2(the word's first four bytes) of these
	 * 2 KB, with one load of the text, not a class at a time.
	 */
	uint64_t cyr2[1 << 14 >> 6];
	/*
	 * g->tri for a word whose first three characters are such (most
	 * words of three letters or more): bit cyr3k[0][x1] + cyr3k[1][x2] +
	 * cyr3k[2][x3] of the codes of its characters (nv_guard_cyr3()), the
	 * codes numbered by their classes (at most NV_GUARD_TRI of them:
	 * about 35 for Russian, a few KB). One bit where g->cyr2 and g->tri
	 * take two (and the branch after g->cyr2 goes either way about as
	 * often), from a table small enough to stay in the first-level cache:
	 * one indexed by the codes themselves (2^21 bits, 256 KB) missed it at
	 * every other word.
	 */
	uint64_t *cyr3;
	uint32_t cyr3k[3][128];
	unsigned char cls7[128]; /* the class of a character by its 7 bits (NV_GUARD_CYR_CODE) */
	bool avx2; /* nv_guard_skip() reads 32 bytes in one vector (the CPU has AVX2; tests may
		      clear it) */
};

/*
 * Each character 0xD0/0xD1 and 0x80–0xBF as 7 bits: its first byte's low
 * bit, then its second's low 6 bits above it. NV_GUARD_CYR2 of the first
 * four bytes u (in memory order, little-endian) is the first's code
 * times 128 plus the second's: the low bits of u's bytes (mask) times 129
 * put the first code at bits 7–13 and the second at 23–29 (the copies
 * overlap at bits 15–20 only, whose carry ends at bit 21).
 */
#define NV_GUARD_CYR_CODE(lead, cont) (((unsigned)(lead)&1) | ((unsigned)(cont)&63) << 1)
static inline unsigned nv_guard_cyr2(uint32_t u)
{
	uint32_t p = (u & UINT32_C(0x3F013F01)) * 129;

	return (p & 0x3F80) | (p >> 23 & 0x7F);
}
/* Are the four bytes u two such characters? */
#define NV_GUARD_IS_CYR2(u) (((u)&UINT32_C(0xC0FEC0FE)) == UINT32_C(0x80D080D0))

/*
 * The bit of g->cyr3 for three such characters in the first six bytes of
 * w (in memory order): their codes as nv_guard_cyr2() makes them (the
 * copies overlap at bits 15–20 and 31–36 only, whose carries end at
 * bits 21 and 37), each giving its part of the bit's number.
 */
static inline unsigned nv_guard_cyr3(const uint32_t (*k)[128], uint64_t w)
{
	uint64_t p = (w & UINT64_C(0x3F013F013F01)) * 129;

	return (unsigned)k[0][p >> 7 & 0x7F] + k[1][p >> 23 & 0x7F] + k[2][p >> 39 & 0x7F];
}
/* Are the six bytes of w from its first three such characters? */
#define NV_GUARD_IS_CYR3(w) (((w)&UINT64_C(0xC0FEC0FEC0FE)) == UINT64_C(0x80D080D080D0))

#define NV_GUARD_NONE NV_GUARD_CLASSES	     /* no plain letter: the word may go on */
#define NV_GUARD_END  (NV_GUARD_CLASSES + 1) /* in g->tri: the word surely ends */
#define NV_GUARD_TRI  (NV_GUARD_CLASSES + 2)

/*
 * The first n bytes of s (at most 8, the rest zero) as one integer. The
 * key's head holds its bytes in lower case, its mask 0xFF for each byte
 * that `| 0x20` leaves alone when folded text is lowered: so
 * ((nv_guard_load8(text) | 0x2020…) & mask) == head holds whenever the text starts
 * with the key in any letter case.
 */
static inline uint64_t nv_guard_load8(const unsigned char *s, size_t n)
{
	uint64_t w = 0;

	memcpy(&w, s, n < 8 ? n : 8);
	return w;
}

#define NV_GUARD_LOWER8 UINT64_C(0x2020202020202020)

/*
 * The tables of the first pass from g's keys, sorted (guard_tables.c):
 * g->node, root, pair, letter, cls, row, cls7, duo, tri, cyr2, cyr3 and
 * cyr3k; the guard frees them.
 */
void nv_guard_build_tables(struct nv_guard *g);

/*
 * The place to fold from for the first word at or after i in text (n
 * bytes) that a key of g may start, or n if there is none; see
 * guard_skip.c.
 */
size_t nv_guard_skip(const struct nv_guard *g, const char *text, size_t n, size_t i, bool markup);

/* nv_guard_skip() a character or a tag at a time: what the fast way must match (for tests). */
size_t nv_guard_skip_steps(const struct nv_guard *g, const char *text, size_t n, size_t i,
			   bool markup);

/*
 * The mention the window of text at text[i] (n bytes in all) gives, if
 * this thread kept one for g, markup and the same bytes (guard_memo.c):
 * true with it in *hit.
 */
bool nv_guard_memo_get(const struct nv_guard *g, const char *text, size_t n, size_t i, bool markup,
		       struct nv_guard_hit *hit);

/*
 * Keep the mention *hit of a published person (not a leak) that the
 * window text[i, end) gave, for nv_guard_memo_get().
 */
void nv_guard_memo_put(const struct nv_guard *g, const char *text, size_t n, size_t i, size_t end,
		       bool markup, const struct nv_guard_hit *hit);

/*
 * The end of the text that the mention of a window from fd's start
 * depends on: the folded bytes up to hi (past the last one the scan
 * read; SIZE_MAX: its end) and up to its cut, or `end` (where folding
 * the window stopped) with markup.
 */
size_t nv_guard_memo_end(const struct nv_guard_folded *fd, size_t hi, size_t cut, size_t end,
			 bool markup);

#define NV_GUARD_RUN_MIN  128  /* bytes of a run of markup kept (guard_memo.c), at least */
#define NV_GUARD_RUN_MAX  1024 /* and at most */
#define NV_GUARD_RUN_SAFE 4    /* its last word starts and tags kept */

#define NV_GUARD_RUN_SLOTS 256

/* A hash of the 32 bytes at s: the place of a run of markup starting there. */
static inline uint32_t nv_guard_run_hash(const char *s)
{
	uint64_t w[4];

	memcpy(w, s, sizeof(w));
	return (uint32_t)(((w[0] * UINT64_C(0x9E3779B97F4A7C15)) ^
			   (w[1] * UINT64_C(0xC2B2AE3D27D4EB4F)) ^
			   (w[2] * UINT64_C(0x165667B19E3779F9)) ^
			   (w[3] * UINT64_C(0x27D4EB2F165667C5))) >>
			  32);
}

/*
 * The hash of the run kept at each of this thread's NV_GUARD_RUN_SLOTS
 * places, 0 for none; NULL until the thread keeps one. Most tags start no
 * run kept, and are told so here.
 */
extern _Thread_local const uint32_t *nv_guard_run_tags;

/*
 * A run of markup from the tag at text[i] (n bytes in all, at least
 * NV_GUARD_RUN_MIN from i; h its nv_guard_run_hash()) that this thread's
 * skipping pass went through for g with no word a key may start, outside
 * a word at its start and end: its length, and the offsets from i of its
 * last word starts and tags (up to NV_GUARD_RUN_SAFE, the oldest first)
 * in safe and *nsafe; 0 if none.
 */
size_t nv_guard_run_get(const struct nv_guard *g, const char *text, size_t n, size_t i, uint32_t h,
			uint32_t *safe, unsigned *nsafe);

/* Keep the run text[i, e) for nv_guard_run_get(), with its last word starts and tags. */
void nv_guard_run_put(const struct nv_guard *g, const char *text, size_t n, size_t i, size_t e,
		      const uint32_t *safe, unsigned nsafe);

#endif
