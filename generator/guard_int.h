/*
 * guard_int.h: what the files of the guard share; private to guard.c,
 * guard_read.c, guard_skip.c and their unit tests.
 *
 * guard.c builds the keys from people.yml and finds the mentions in
 * folded text; guard_read.c reads the text (plain, or HTML/XML) into
 * folded bytes, one per character, each with the offset of the character
 * it came from; guard_skip.c skips what no key can start. See the top of
 * guard.c.
 */
#ifndef NV_GUARD_INT_H
#define NV_GUARD_INT_H

#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
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
	unsigned char cls7[128]; /* the class of a character by its 7 bits (NV_GUARD_CYR_CODE) */
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

#define NV_GUARD_RUN_MIN  128  /* bytes of a run of markup kept (guard_memo.c), at least */
#define NV_GUARD_RUN_MAX  1024 /* and at most */
#define NV_GUARD_RUN_SAFE 4    /* its last word starts and tags kept */

/*
 * A run of markup from the tag at text[i] (n bytes in all) that this
 * thread's skipping pass went through for g with no word a key may
 * start, outside a word at its start and end: its length, and the
 * offsets from i of its last word starts and tags (up to
 * NV_GUARD_RUN_SAFE, the oldest first) in safe and *nsafe; 0 if none.
 */
size_t nv_guard_run_get(const struct nv_guard *g, const char *text, size_t n, size_t i,
			uint32_t *safe, unsigned *nsafe);

/* Keep the run text[i, e) for nv_guard_run_get(), with its last word starts and tags. */
void nv_guard_run_put(const struct nv_guard *g, const char *text, size_t n, size_t i, size_t e,
		      const uint32_t *safe, unsigned nsafe);

#endif
