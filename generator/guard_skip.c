/*
 * guard_skip.c: the guard's first pass, skipping the text in which no key
 * can start a word; see guard_int.h and the top of guard.c.
 */
#include "common.h"

#include "alloc.h"
#include "guard.h"
#include "guard_int.h"

/*
 * The folded byte, in lower case, of the plain letter at s[i] (ASCII, or
 * Russian in two bytes), its length in *k; 0 for any other character.
 */
static inline unsigned char plain_letter(const struct nv_guard *g, const unsigned char *s, size_t n,
					 size_t i, size_t *k)
{
	unsigned char c = s[i];

	*k = 1;
	if (c < 0x80)
		return g->letter[0][c];
	*k = 2;
	if ((c & 0xFE) != 0xD0 || i + 1 >= n)
		return 0;
	return g->letter[1 + (c & 1)][s[i + 1]];
}

/*
 * The second bytes of the Russian letters after 0xD0 and after 0xD1, as
 * bits (b & 63): Ё А–Я а–п are 0xD0 0x81, 0x90–0xBF; р–я ё 0xD1 0x80–0x8F,
 * 0x91.
 */
static const uint64_t cyr_second[2] = { UINT64_C(0xFFFFFFFFFFFF0002),
					UINT64_C(0x000000000002FFFF) };

/*
 * How many of the 8 bytes w (in memory order) are, from the first on,
 * Russian letters but «Ё» and «ё» (0xD0 0x90–0xBF, 0xD1 0x80–0x8F; an
 * even number) or Latin letters (nv_guard_is_lat()). A part of the
 * letters the byte loop of skip_letters() takes, never more.
 */
static inline size_t letters8(uint64_t w)
{
	const uint64_t h = UINT64_C(0x8080808080808080);
	uint64_t lo = w & ~h, x = lo | UINT64_C(0x2020202020202020), bad, hi;
	size_t lat, cyr;

	/* Latin: a byte without its high bit whose | 0x20 is in 0x61–0x7A. */
	bad = ~((x + UINT64_C(0x1F1F1F1F1F1F1F1F)) & ~(x + UINT64_C(0x0505050505050505)) & ~w) & h;
	lat = bad ? (size_t)__builtin_ctzll(bad) >> 3 : 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * Russian: in each 16-bit lane the low byte is the first of a letter;
	 * 0xD0 takes a second byte with bits 0x30 set, 0xD1 one without.
	 */
	hi = (((w >> 8) & UINT64_C(0x0030003000300030)) + UINT64_C(0x0030003000300030)) &
	     UINT64_C(0x0040004000400040);
	bad = ((w & UINT64_C(0xC0FEC0FEC0FEC0FE)) ^ UINT64_C(0x80D080D080D080D0)) |
	      (hi ^ ((w & UINT64_C(0x0001000100010001)) << 6) ^ UINT64_C(0x0040004000400040));
	cyr = bad ? ((size_t)__builtin_ctzll(bad) >> 4) * 2 : 8;
#else
	(void)hi;
	cyr = 0; /* the letters are then left to the loop of one at a time */
#endif
	return lat > cyr ? lat : cyr;
}

/*
 * The end of the plain letters from s[i] (see plain_letter()): up to 8
 * bytes at a time, a letter at a time where letters8() stops short.
 */
static inline size_t skip_letters(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c, d;
	uint64_t w;
	size_t k;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			i += (k = letters8(w));
			if (k == 8)
				continue;
		}
		c = s[i];
		if (c < 0x80) {
			if (!nv_guard_is_lat(c))
				break;
			i++;
			continue;
		}
		d = i + 1 < n ? s[i + 1] : 0;
		if ((c & 0xFE) != 0xD0 || (d & 0xC0) != 0x80 ||
		    !((cyr_second[c & 1] >> (d & 63)) & 1))
			break;
		i += 2;
	}
	return i;
}

/*
 * Does a word surely end at s[i] (after plain letters)? At the end, at
 * an ASCII character but a tag or reference, at a no-break space, a
 * quote or a dash; not at what might be skipped (a soft hyphen, a zero
 * width, a combining accent) or read through.
 */
static bool word_ends(const unsigned char *s, size_t n, size_t i, bool markup)
{
	if (i >= n)
		return true;
	if (s[i] < 0x80)
		return !markup || (s[i] != '<' && s[i] != '&');
	if (i + 1 >= n)
		return false;
	if (s[i] == 0xC2)
		return s[i + 1] != 0xAD;
	return s[i] == 0xE2 && s[i + 1] == 0x80 && i + 2 < n && s[i + 2] >= 0x90 &&
	       s[i + 2] <= 0xAF && s[i + 2] != 0xAD && s[i + 2] != 0xAE;
}

/*
 * Could one of the odd keys (guard_int.h) start the word at s[i]? Its
 * first plain letters (up to 8) are compared with the keys' first bytes,
 * all but those that stand for any letter; the word may go on past them
 * (through a tag, a reference, a soft hyphen), so only those are.
 */
static bool odd_may_start(const struct nv_guard *g, const unsigned char *s, size_t n, size_t i,
			  bool markup)
{
	unsigned char w[8] = { 0 }, m[8] = { 0 }, b;
	const struct nv_guard_key *key;
	size_t k, j, l = 0;
	uint64_t head, known;
	uint32_t cp;
	int after = -2; /* the folded byte the word ends at (none past the end) */
	bool whole;

	/* No key is longer than 255 bytes: a longer word is not read to its end here. */
	while (i < n && l < 256 && (b = plain_letter(g, s, n, i, &k))) {
		if (l < 8) {
			w[l] = b | 0x20;
			m[l] = 0xFF;
		}
		l++;
		i += k;
	}
	/* As the keys in the trie, a word must have a second letter some key of its first has. */
	if (l > 1 && !((g->second[w[0]] >> (w[1] & 63)) & 1))
		return false;
	head = nv_guard_load8(w, 8);
	known = nv_guard_load8(m, 8);
	whole = l < 256 && word_ends(s, n, i, markup);
	if (whole && i < n) {
		nv_guard_char_at((const char *)s, n, i, markup, &cp);
		after = nv_guard_fold_cp(cp);
	}
	for (j = 0; j < g->nodd; j++) {
		key = g->odd[j];
		/* A word that ends may start a key that goes on as the text («юн-ким»). */
		if (key->b0 == w[0] && (head & key->mask & known) == (key->head & known) &&
		    (!whole || key->len <= l || (unsigned char)key->stem[l] == after))
			return true;
	}
	return false;
}

/*
 * Could a key start the word at s[i]? Its first plain letters (up to 8)
 * are walked down the trie of the keys' first bytes (guard_int.h): a key
 * may start the word if its first bytes are the word's first letters, or
 * the word's letters are its first bytes and the word may go on (through
 * a tag, a reference, a soft hyphen) or is no shorter than the key. *end
 * (unless end is NULL) is where the plain letters end.
 */
static bool may_start_key(const struct nv_guard *g, const unsigned char *s, size_t n, size_t i,
			  bool markup, size_t *end)
{
	const struct nv_guard_node *nd;
	size_t start = i, k, l = 1;
	unsigned char b;
	uint64_t bit;
	uint32_t r;

	/* The caller has seen a letter at s[i]; most words stop at the first or second. */
	if (!(r = g->root[plain_letter(g, s, n, i, &k)]))
		goto miss;
	nd = &g->node[r];
	i += k;
	if (nd->end)
		return true;
	while (l < 8 && i < n && (b = plain_letter(g, s, n, i, &k))) {
		bit = UINT64_C(1) << nv_guard_cls(b | 0x20);
		if (!(nd->kids & bit))
			goto miss;
		nd = &g->node[nd->base + nv_guard_pop64(nd->kids & (bit - 1))];
		l++;
		i += k;
		if (nd->end)
			return true;
	}
	/* No key is longer than 255 bytes: a longer word is not read to its end here. */
	while (l >= 8 && l < 256 && i < n && plain_letter(g, s, n, i, &k)) {
		l++;
		i += k;
	}
	if (nd->minlen <= l || !(l < 256 && word_ends(s, n, i, markup)))
		return true;
miss:
	if (g->nodd && odd_may_start(g, s, n, start, markup))
		return true;
	if (end)
		*end = skip_letters(s, n, i);
	return false;
}

/*
 * The cheap part of may_start_key() for the word at s[*i], whose first
 * letter b is k bytes long: true when no key can start it by its first
 * three letters (and there are no odd keys), with *i past the letters
 * looked at; false when may_start_key() has to tell.
 */
static inline bool quick_reject(const struct nv_guard *g, const unsigned char *s, size_t n,
				size_t *pi, unsigned char b, size_t k)
{
	size_t i = *pi;
	uint32_t r;
	unsigned char c;

	if (g->nodd)
		return false;
	/* The trie's first two levels in root and pair, the third in the node's kids. */
	if ((r = g->root[b])) {
		i += k;
		if (g->node[r].end || i >= n || !(c = plain_letter(g, s, n, i, &k)))
			return false;
		if ((r = g->pair[nv_guard_cls(b) * 64 + nv_guard_cls(c)])) {
			i += k;
			if (g->node[r].end || i >= n || !(c = plain_letter(g, s, n, i, &k)) ||
			    ((g->node[r].kids >> nv_guard_cls(c)) & 1))
				return false;
		}
	}
	*pi = i;
	return true;
}

/* quick_reject(), with *end where the word's plain letters end. */
static inline bool quick_miss(const struct nv_guard *g, const unsigned char *s, size_t n, size_t i,
			      unsigned char b, size_t k, size_t *end)
{
	if (!quick_reject(g, s, n, &i, b, k))
		return false;
	*end = skip_letters(s, n, i);
	return true;
}

/* Could a key start a word in s[i, end), text without tags? As nv_guard_skip(). */
static bool value_may_name(const struct nv_guard *g, const char *text, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)text;
	bool word = false;
	unsigned char b;
	size_t k, e;
	uint32_t cp;
	int f;

	while (i < end) {
		if (s[i] < 0x80 && !nv_guard_is_lat(s[i]) && s[i] != '&') {
			word = false;
			i++;
			continue;
		}
		if ((b = plain_letter(g, s, end, i, &k))) {
			if (!word && !quick_miss(g, s, end, i, b, k, &e) &&
			    may_start_key(g, s, end, i, true, &e))
				return true;
			i = word ? i + k : e;
			word = true;
			continue;
		}
		k = nv_guard_char_at(text, end, i, true, &cp);
		f = nv_guard_fold_cp(cp);
		if (f != NV_GUARD_SKIP && nv_guard_is_let((unsigned char)f) && !word)
			return true;
		word = f == NV_GUARD_SKIP ? word : nv_guard_is_let((unsigned char)f);
		i += k;
	}
	return false;
}

#ifdef __SSE2__
static bool value_blocks(const struct nv_guard *g, const char *text, size_t i, size_t end);
#else
#define value_blocks value_may_name
#endif

/*
 * The texts of tags after their names (attribute values) found to hold
 * no word a key may start, kept by each thread for the guard they were
 * read for (g->serial): the pages of a site repeat the attributes of
 * their theme (97 % of them on a realistic site), and the same bytes
 * give the same answer. One place for each hash; a text is taken from
 * there only when all its bytes are the same.
 */
#define SEEN_SLOTS 1024
#define SEEN_MAX   64 /* longer texts are read each time */

struct seen_value {
	uint64_t serial; /* 0: empty */
	size_t len;
	unsigned char text[SEEN_MAX];
};

static _Thread_local struct seen_value *seen_values; /* SEEN_SLOTS, nv_thread_block() */

/* The place of s[0, n) (n <= SEEN_MAX) in seen_values. */
static struct seen_value *seen_slot(const char *s, size_t n)
{
	uint64_t h = n * UINT64_C(0x9E3779B97F4A7C15), w = 0;
	size_t i, k;

	for (i = 0; i < n; i += 8) {
		/* The last 8 bytes again for what is left of a long text. */
		if (n - i >= 8 || n >= 8)
			memcpy(&w, s + (n - i >= 8 ? i : n - 8), 8);
		else
			for (k = 0; k < n; k++)
				w |= (uint64_t)(unsigned char)s[k] << (8 * k);
		h = (h ^ w) * UINT64_C(0x9E3779B97F4A7C15);
		h ^= h >> 29;
	}
	return (struct seen_value *)nv_thread_block((void **)&seen_values,
						    SEEN_SLOTS * sizeof(*seen_values)) +
	       h % SEEN_SLOTS;
}

/*
 * Could a key start a word in s[j, end), the text of a tag after its
 * name? value_blocks(), unless the text is one this thread found none in.
 */
static bool value_may_name_seen(const struct nv_guard *g, const char *s, size_t j, size_t end)
{
	struct seen_value *v;
	size_t n = end - j;

	if (n > SEEN_MAX)
		return value_blocks(g, s, j, end);
	v = seen_slot(s + j, n);
	if (v->serial == g->serial && v->len == n && !memcmp(v->text, s + j, n))
		return false;
	if (value_blocks(g, s, j, end))
		return true;
	v->serial = g->serial;
	v->len = n;
	memcpy(v->text, s + j, n);
	return false;
}

/*
 * The tag, comment or CDATA section at s[i] == '<' for nv_guard_skip():
 * its length as nv_guard_tag_len(), 0 when '<' is a plain character; in
 * *name whether a key may start a word in it after its name (read as
 * text: read_tag()), in *inl whether it is an inline tag, which is only
 * looked up `in_word` (elsewhere it makes no difference).
 */
static size_t skip_tag(const struct nv_guard *g, const char *s, size_t n, size_t i, bool in_word,
		       bool fast, bool *inl, bool *name)
{
	size_t j, gt, end, nm;

	*inl = *name = false;
	if ((j = nv_guard_open_len(s, n, i)))
		return j;
	if (!(j = nv_guard_tag_name_end(s, n, i)))
		return 0;
	nm = s[i + 1] == '/' ? i + 2 : i + 1;
	*inl = in_word && s[i + 1] != '!' && s[i + 1] != '?' &&
	       nv_guard_is_inline_tag(s + nm, j - nm);
	if (j < n && s[j] == '>')
		return j + 1 - i;
	/* The text after the name, to the '>' (or the end: without a '>' there). */
	gt = nv_guard_tag_close(s, n, j);
	end = gt < n ? gt : n - (j < n && s[n - 1] == '>');
	*name = j < end &&
		(fast ? value_may_name_seen(g, s, j, end) : value_may_name(g, s, j, end));
	return (gt < n ? gt + 1 : n) - i;
}

#define SAFE 4 /* places kept to fold from: a word start a few words back */
_Static_assert(SAFE == NV_GUARD_RUN_SAFE, "a run kept holds the places kept");

/* What nv_guard_skip() carries from one character to the next. */
struct skip_state {
	size_t safe[SAFE]; /* the last word starts and tags, the newest at (ns - 1) % SAFE */
	unsigned ns;
	bool word;   /* in a word: after a letter (and maybe a soft hyphen or an inline tag) */
	bool fast;   /* attribute values by value_may_name_seen(), runs by run_memo() */
	bool marked; /* a run (run_memo()) started at the tag at mark, safe[mark_ns] on */
	size_t mark;
	unsigned mark_ns;
};

/* The state at i, the start of a pass: every place to fold from is i. */
static void skip_state_init(struct skip_state *st, size_t i, bool fast)
{
	size_t k;

	for (k = 0; k < SAFE; k++)
		st->safe[k] = i;
	st->ns = 0;
	st->word = false;
	st->fast = fast;
	st->marked = false;
}

/*
 * At the tag at s[i], outside a word (st->fast): the run since the last
 * such tag (st->mark) is kept when it is long enough (guard_memo.c), and
 * a run kept from here is gone through at once: its length, with its
 * word starts and tags in st->safe as the pass keeps them; else 0, a run
 * starting here.
 */
static size_t run_memo(const struct nv_guard *g, const char *text, size_t n, size_t i,
		       struct skip_state *st)
{
	uint32_t rel[NV_GUARD_RUN_SAFE], h;
	unsigned k, m;
	size_t len;

	if (st->marked && i - st->mark >= NV_GUARD_RUN_MIN) {
		m = st->ns - st->mark_ns < SAFE ? st->ns - st->mark_ns : SAFE;
		for (k = 0; k < m; k++)
			rel[k] = (uint32_t)(st->safe[(st->ns - m + k) % SAFE] - st->mark);
		nv_guard_run_put(g, text, n, st->mark, i, rel, m);
		st->marked = false;
	}
	if (!st->marked) {
		st->marked = true;
		st->mark = i;
		st->mark_ns = st->ns;
	}
	/* Most tags start no run kept: told by one word of this thread's. */
	if (n - i < NV_GUARD_RUN_MIN)
		return 0;
	h = nv_guard_run_hash(text + i);
	if (!nv_guard_run_tags || nv_guard_run_tags[h % NV_GUARD_RUN_SLOTS] != h ||
	    !(len = nv_guard_run_get(g, text, n, i, h, rel, &m)))
		return 0;
	for (k = 0; k < m; k++)
		st->safe[st->ns++ % SAFE] = i + rel[k];
	st->mark = i + len;
	st->mark_ns = st->ns;
	return len;
}

/* The class of the character at s[0] (g->cls), its length in *k; s[1] may be read. */
static inline unsigned letter_cls(const struct nv_guard *g, const unsigned char *s, size_t *k)
{
	unsigned c = s[0];

	*k = 1 + (c >= 0x80);
	return g->cls[g->row[c] + (c < 0x80 ? c : s[1])];
}

/*
 * The class of the character at s[j] after a word's letters in g->tri:
 * a letter's, NV_GUARD_END where the word surely ends (word_ends()),
 * NV_GUARD_NONE where it may go on.
 */
static inline unsigned next_cls(const struct nv_guard *g, const unsigned char *s, size_t n,
				size_t j, bool markup, size_t *k)
{
	unsigned c = letter_cls(g, s + j, k);

	return c != NV_GUARD_NONE || !word_ends(s, n, j, markup) ? c : NV_GUARD_END;
}

/*
 * The classes of the first two characters at s (4 bytes read) when both
 * are 0xD0 or 0xD1 and a byte 0x80–0xBF (Russian letters, or letters of
 * no class) and the first has a class: the first's, the second's in *c;
 * NV_GUARD_END when g->duo has no bit for them (no key starts the word);
 * NV_GUARD_TRI for any other characters. One load of the text and of
 * g->cyr2, not a class at a time.
 */
static inline unsigned cyr_pair(const struct nv_guard *g, const unsigned char *s, unsigned *c)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t u;
	unsigned x, c1;

	memcpy(&u, s, 4);
	if (!NV_GUARD_IS_CYR2(u))
		return NV_GUARD_TRI;
	x = nv_guard_cyr2(u);
	if (!((g->cyr2[x / 64] >> (x % 64)) & 1))
		return NV_GUARD_END;
	c1 = g->cls7[x >> 7];
	*c = g->cls7[x & 127];
	return c1 == NV_GUARD_NONE ? NV_GUARD_TRI : c1;
#else
	(void)g, (void)s, (void)c;
	return NV_GUARD_TRI;
#endif
}

/*
 * Could a key start the word whose first letter is at s[i]? Where 6
 * bytes can be read, its first two characters are looked up in g->duo
 * (two Russian letters in g->cyr2, cyr_pair()), three in g->tri (a word
 * of one or two letters that surely ends is told there), the rest by
 * may_start_key(); three Russian letters at once in g->cyr3 where the
 * caller knows (`far`) there are no odd keys and 8 bytes to read.
 */
static inline __attribute__((always_inline)) bool word_may_start(const struct nv_guard *g,
								 const unsigned char *s, size_t n,
								 size_t i, bool markup, bool far)
{
	size_t k = 2, j = i + 2, bit;
	unsigned c = 0, c1;
	unsigned char b;
	uint64_t w;

	if (far || (!g->nodd && n - i >= 6)) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* 8 bytes read only where the caller knows them to be there. */
		if (far && (memcpy(&w, s + i, 8), NV_GUARD_IS_CYR3(w))) {
			bit = nv_guard_cyr3(g->cyr3k, w);
			return ((g->cyr3[bit / 64] >> (bit % 64)) & 1) &&
			       may_start_key(g, s, n, i, markup, NULL);
		}
#else
		(void)w;
#endif
		if ((c1 = cyr_pair(g, s + i, &c)) == NV_GUARD_END)
			return false;
		if (c1 == NV_GUARD_TRI) {
			c1 = letter_cls(g, s + i, &k);
			c = next_cls(g, s, n, j = i + k, markup, &k);
			bit = c1 * NV_GUARD_TRI + c;
			if (!((g->duo[bit / 64] >> (bit % 64)) & 1))
				return false;
		}
		bit = ((size_t)c1 * NV_GUARD_TRI + c) * NV_GUARD_TRI +
		      (c < NV_GUARD_CLASSES ? next_cls(g, s, n, j + k, markup, &k) : NV_GUARD_END);
		if (!((g->tri[bit / 64] >> (bit % 64)) & 1))
			return false;
		return may_start_key(g, s, n, i, markup, NULL);
	}
	j = i;
	b = plain_letter(g, s, n, i, &k);
	return !quick_reject(g, s, n, &j, b, k) && may_start_key(g, s, n, i, markup, NULL);
}

#define SKIP_FOUND SIZE_MAX

/*
 * One step of nv_guard_skip() at s[i]: returns the offset to go on from,
 * or SKIP_FOUND with the place to fold from in *at.
 */
static size_t skip_step(const struct nv_guard *g, const char *text, size_t n, size_t i, bool markup,
			struct skip_state *st, size_t *at)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned char b;
	size_t k, e;
	uint32_t cp;
	bool inl, name;
	int f;

	if (s[i] < 0x80 && !nv_guard_is_lat(s[i]) && !(markup && (s[i] == '<' || s[i] == '&'))) {
		st->word = false;
		return i + 1;
	}
	if ((b = plain_letter(g, s, n, i, &k))) {
		if (st->word)
			return i + k;
		st->safe[st->ns++ % SAFE] = i;
		if (!quick_miss(g, s, n, i, b, k, &e) && may_start_key(g, s, n, i, markup, &e)) {
			*at = st->safe[st->ns % SAFE];
			return SKIP_FOUND;
		}
		st->word = true;
		return e;
	}
	if (markup && s[i] == '<' && st->fast && !st->word && (k = run_memo(g, text, n, i, st)))
		return i + k;
	if (markup && s[i] == '<' &&
	    (k = skip_tag(g, text, n, i, st->word, st->fast, &inl, &name))) {
		if (name) {
			*at = i;
			return SKIP_FOUND;
		}
		st->safe[st->ns++ % SAFE] = i;
		st->word = st->word && inl;
		return i + k;
	}
	k = nv_guard_char_at(text, n, i, markup, &cp);
	f = nv_guard_fold_cp(cp);
	if (f != NV_GUARD_SKIP && nv_guard_is_let((unsigned char)f) && !st->word) {
		st->safe[st->ns++ % SAFE] = i;
		*at = st->safe[st->ns % SAFE];
		return SKIP_FOUND;
	}
	if (f != NV_GUARD_SKIP)
		st->word = nv_guard_is_let((unsigned char)f);
	return i + k;
}

#ifdef __SSE2__
/*
 * The bytes a block of nv_guard_skip() goes through: 63 of the 64 it
 * classifies at once; the 64th only tells whether a Russian letter at
 * the 63rd goes on into it.
 */
#define BLOCK 63

/*
 * The word starts in the bytes [pos, lim) of the block at i (bits of let
 * and begin, no character skip_step() reads among them; st->word tells
 * whether s[i + pos] is in a word): true at one a key may start, with
 * the place to fold from in *at.
 */
static inline __attribute__((always_inline)) bool
block_words(const struct nv_guard *g, const unsigned char *s, size_t n, bool markup,
	    struct skip_state *st, size_t i, uint64_t let, uint64_t begin, unsigned pos,
	    unsigned lim, size_t *at)
{
	uint64_t in = (UINT64_C(1) << lim) - (UINT64_C(1) << pos);
	/* In a word after a letter; at pos by st->word (after a block, a tag, a character). */
	uint64_t prev = (let << 1 & ~(UINT64_C(1) << pos)) | (uint64_t)st->word << pos;
	uint64_t starts = begin & ~prev & in;
	/* No odd keys, 8 bytes after any word start of the block: the usual case, told once. */
	bool far = !g->nodd && n - i >= BLOCK + 8;
	size_t p;

	for (; starts; starts &= starts - 1) {
		p = i + (unsigned)__builtin_ctzll(starts);
		st->safe[st->ns++ % SAFE] = p;
		if (word_may_start(g, s, n, p, markup, far)) {
			*at = st->safe[st->ns % SAFE];
			return true;
		}
	}
	if (lim > pos)
		st->word = (let >> (lim - 1)) & 1;
	return false;
}

/*
 * The character of an attribute value at s[i] that value_blocks() reads
 * alone (as value_may_name()): the offset after it, or SKIP_FOUND at a
 * letter (spelled by a reference) that starts a word.
 */
static size_t value_step(const char *text, size_t end, size_t i, struct skip_state *st)
{
	uint32_t cp;
	size_t k = nv_guard_char_at(text, end, i, true, &cp);
	int f = nv_guard_fold_cp(cp);

	if (f == NV_GUARD_SKIP)
		return i + k;
	if (nv_guard_is_let((unsigned char)f) && !st->word)
		return SKIP_FOUND;
	st->word = nv_guard_is_let((unsigned char)f);
	return i + k;
}

/*
 * The end of the tag at s[i] ('<') when it is one a block goes through
 * at once: an opening or closing tag whose name is small Latin letters
 * and digits, without attributes («<p>», «</li>», «<h3>»), half the tags
 * of a page; else 0. skip_step() goes as far (its runs, run_memo(), then
 * start and end at the other tags only).
 */
static inline size_t plain_tag_end(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i + 1 < n && s[i + 1] == '/' ? i + 2 : i + 1, k = j;

	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (k > j && s[k] >= '0' && s[k] <= '9')))
		k++;
	return k > j && k < n && s[k] == '>' ? k + 1 : 0;
}

/* nv_guard_classify32() at b, by AVX2 where the guard found it. */
static inline __attribute__((always_inline)) uint64_t
classify32(const unsigned char *b, int marks, uint64_t *let, uint64_t *begin, bool avx2)
{
#ifdef NV_GUARD_AVX2
	if (avx2)
		return nv_guard_classify32_avx2(b, marks, let, begin);
#endif
	(void)avx2;
	return nv_guard_classify32(b, marks, let, begin);
}

/*
 * The bits of nv_guard_classify32() for the 64 bytes at b (66 may be
 * read), two blocks of 32 in one: *let has no bit for the 65th byte.
 * The second half only when it has text (`two`), not only the zeros of
 * the padding, which have no bits.
 */
static inline __attribute__((always_inline)) uint64_t
classify64(const unsigned char *b, int marks, uint64_t *let, uint64_t *begin, bool avx2, bool two)
{
	uint64_t l, g, o = 0;
	unsigned h;

	*let = *begin = 0;
	/*
	 * One call in the loop: the compiler puts the AVX2 code in place once.
	 * The first half's bit 32 (a letter from its last byte on) is the
	 * second's byte 0.
	 */
	for (h = 0; h < 64 && (!h || two); h += 32) {
		o |= classify32(b + h, marks, &l, &g, avx2) << h;
		*let |= l << h;
		*begin |= g << h;
	}
	return o;
}

/*
 * nv_guard_skip() BLOCK bytes at a time from i (the last block copied
 * with zeros after it, which are separators): the plain letters and the
 * separators by their bits (classify64()), the characters between them
 * that skip_step() reads in their turn (value_step() in an attribute
 * value, marks NV_GUARD_MARK_REFS), and the block goes on after them. Returns n,
 * or SKIP_FOUND with the place to fold from in *at.
 */
static inline __attribute__((always_inline)) size_t
skip_blocks_with(const struct nv_guard *g, const char *text, size_t n, int marks,
		 struct skip_state *st, size_t i, size_t *at, bool avx2)
{
	const unsigned char *s = (const unsigned char *)text, *b;
	bool markup = marks != NV_GUARD_MARK_NONE;
	unsigned char pad[96];
	uint64_t let, begin, other;
	unsigned pos, lim;
	size_t q, k;

	while (i < n) {
		b = s + i;
		if (n - i < 66) {
			memset(pad, 0, sizeof(pad));
			memcpy(pad, b, n - i);
			b = pad;
		}
		other = classify64(b, marks, &let, &begin, avx2, n - i > 32);
		for (pos = 0;; pos = (unsigned)(q - i)) {
			/* No more than BLOCK: other has no bit past the 64th byte. */
			lim = other >> pos ? pos + (unsigned)__builtin_ctzll(other >> pos) : BLOCK;
			if (block_words(g, s, n, markup, st, i, let, begin, pos, lim, at))
				return SKIP_FOUND;
			if (lim == BLOCK)
				break;
			if (marks == NV_GUARD_MARK_TAGS && s[i + lim] == '<' &&
			    (q = plain_tag_end(s, n, i + lim))) {
				st->safe[st->ns++ % SAFE] = i + lim;
				/* A word goes on through an inline tag: «Зай<em>цева». */
				k = i + lim + 1 + (s[i + lim + 1] == '/');
				st->word = st->word && nv_guard_is_inline_tag(text + k, q - 1 - k);
			} else
				q = marks == NV_GUARD_MARK_REFS
					    ? value_step(text, n, i + lim, st)
					    : skip_step(g, text, n, i + lim, markup, st, at);
			if (q == SKIP_FOUND)
				return SKIP_FOUND;
			if (q >= i + BLOCK)
				break;
		}
		/* A Russian letter across the edge: its second byte is read too. */
		i = lim == BLOCK ? i + BLOCK + ((let & ~begin) >> BLOCK & 1) : q;
	}
	return n;
}

#ifdef NV_GUARD_AVX2
NV_GUARD_AVX2 static size_t skip_blocks_avx2(const struct nv_guard *g, const char *text, size_t n,
					     int marks, struct skip_state *st, size_t i, size_t *at)
{
	return skip_blocks_with(g, text, n, marks, st, i, at, true);
}
#endif

static size_t skip_blocks_sse2(const struct nv_guard *g, const char *text, size_t n, int marks,
			       struct skip_state *st, size_t i, size_t *at)
{
	return skip_blocks_with(g, text, n, marks, st, i, at, false);
}

/* skip_blocks_with() by AVX2 where the guard found it (g->avx2), else by SSE2. */
static size_t skip_blocks(const struct nv_guard *g, const char *text, size_t n, int marks,
			  struct skip_state *st, size_t i, size_t *at)
{
#ifdef NV_GUARD_AVX2
	if (g->avx2)
		return skip_blocks_avx2(g, text, n, marks, st, i, at);
#endif
	return skip_blocks_sse2(g, text, n, marks, st, i, at);
}

/* value_may_name() by skip_blocks(). */
static bool value_blocks(const struct nv_guard *g, const char *text, size_t i, size_t end)
{
	struct skip_state st;
	size_t at;

	skip_state_init(&st, i, true);
	return skip_blocks(g, text, end, NV_GUARD_MARK_REFS, &st, i, &at) == SKIP_FOUND;
}
#endif

/*
 * The place to fold from, for the first word at or after i that a key
 * may start (may_start_key()), or a letter spelled by a reference; n if
 * there is none. The place is a few word starts back (for initials or a
 * given name before a surname), and the start of the tag for a word in
 * one of its attribute values. Conservative: anything the folding reads
 * as a word start is a word start here too. The text goes 63 bytes at a
 * time (skip_blocks()), or without SSE2 a character or a tag at a time
 * (skip_step()), which nv_guard_skip_steps() always does.
 */
size_t nv_guard_skip(const struct nv_guard *g, const char *text, size_t n, size_t i, bool markup)
{
#ifdef __SSE2__
	struct skip_state st;
	size_t at = n;

	skip_state_init(&st, i, true);
	return skip_blocks(g, text, n, markup ? NV_GUARD_MARK_TAGS : NV_GUARD_MARK_NONE, &st, i,
			   &at) == SKIP_FOUND
		       ? at
		       : n;
#else
	return nv_guard_skip_steps(g, text, n, i, markup);
#endif
}

size_t nv_guard_skip_steps(const struct nv_guard *g, const char *text, size_t n, size_t i,
			   bool markup)
{
	struct skip_state st;
	size_t at = n;

	skip_state_init(&st, i, false);
	while (i < n)
		if ((i = skip_step(g, text, n, i, markup, &st, &at)) == SKIP_FOUND)
			return at;
	return n;
}
