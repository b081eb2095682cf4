/*
 * hyphenate.c: soft hyphens in Russian words; see hyphenate.h.
 *
 * The patterns of hyphen-ru are in KOI8-R, so each word is converted to
 * lower-case KOI8-R (one byte per letter), hyphenated by libhyphen and the
 * break points are mapped back to the UTF-8 letters. The breaks libhyphen
 * gives are then held to the Russian rules (hyphenate.h), and words that
 * name someone or something are left whole.
 */
#include "common.h"

#include <hyphen.h>

#include "alloc.h"
#include "buf.h"
#include "hyphenate.h"
#include "utf8.h"

/*
 * libhyphen's compiled patterns of NV_HYPHEN_RU, made at build time by
 * scripts/hyphen-tables.c: each string is an offset in hyph_pool, each
 * transition list one in hyph_trans (-1 for NULL).
 */
struct hyph_state {
	int match, repl;
	signed char replindex, replcut;
	int fallback_state, num_trans, trans;
};

struct hyph_level {
	char lhmin, rhmin, clhmin, crhmin;
	int nohyphen, nohyphenl, num_states, utf8;
	char cset[MAX_NAME];
	int first; /* its first state in hyph_states */
};

#include "hyphen_tables.h"

#define MIN_WORD	5
#define MAX_WORD	64
#define MIN_BEFORE	2 /* letters before a break */
#define MIN_AFTER	3 /* letters after it */
#define NAME_MIN_PREFIX 3 /* letters a case form shares with a kept word, at least */
#define NAME_MAX_ENDING 3 /* letters a case form may change at the end of a kept word */

/* A word never hyphenated, in lower case, as code points. */
struct kept {
	uint32_t *cp;
	size_t n;
};

struct nv_hyphen {
	HyphenDict *dict;
	bool built_in; /* dict is made of hyphen_tables.h: one block, freed with free() */
	struct kept *kept;
	size_t nkept, alloc;
};

/* KOI8-R of the lower-case letters а…я. */
static const unsigned char koi8[32] = { 0xC1, 0xC2, 0xD7, 0xC7, 0xC4, 0xC5, 0xD6, 0xDA,
					0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF, 0xD0,
					0xD2, 0xD3, 0xD4, 0xD5, 0xC6, 0xC8, 0xC3, 0xDE,
					0xDB, 0xDD, 0xDF, 0xD9, 0xD8, 0xDC, 0xC0, 0xD1 };

/* The KOI8-R byte of a Russian letter in either case, or 0. */
static unsigned char to_koi8(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return koi8[cp - 0x410];
	if (cp >= 0x430 && cp <= 0x44F)
		return koi8[cp - 0x430];
	if (cp == 0x401 || cp == 0x451)
		return 0xC5; /* ё hyphenates as е */
	return 0;
}

static bool is_letter(uint32_t cp)
{
	return to_koi8(cp) || (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) ||
	       (cp >= 0xC0 && cp < 0x250);
}

static bool is_upper(uint32_t cp)
{
	return (cp >= 0x410 && cp <= 0x42F) || cp == 0x401 || (cp >= 'A' && cp <= 'Z');
}

/* Lower case, «ё» as «е»: how words are compared. */
static uint32_t fold(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp == 0x401 || cp == 0x451)
		return 0x435;
	if (cp >= 'A' && cp <= 'Z')
		return cp | 0x20;
	return cp;
}

/* а е ё и о у ы э ю я, in KOI8-R. */
static bool koi8_vowel(char c)
{
	return c && strchr("\xC1\xC5\xC9\xCF\xD5\xD9\xDC\xC0\xD1", c) != NULL;
}

/* ь ъ й: never the first letter after a break. */
static bool koi8_sign(char c)
{
	return c == '\xD8' || c == '\xDF' || c == '\xCA';
}

/* Whether the file at path is byte for byte the one hyphen_tables.h was made from. */
static bool same_file(const char *path)
{
	FILE *f = HYPH_FILE_LEN < 0 ? NULL : fopen(path, "rb");
	uint64_t hash = 14695981039346656037ULL; /* FNV-1a, as scripts/hyphen-tables.c */
	unsigned char chunk[8192];
	long len = 0;
	size_t n, i;

	if (!f)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && len <= HYPH_FILE_LEN) {
		for (i = 0; i < n; i++)
			hash = (hash ^ chunk[i]) * 1099511628211ULL;
		len += (long)n;
	}
	fclose(f);
	return len == HYPH_FILE_LEN && hash == HYPH_FILE_HASH;
}

#ifdef HYPH_NONE
static HyphenDict *built_in_dict(void)
{
	return NULL;
}
#else
static char *pool_at(int off)
{
	return off < 0 ? NULL : (char *)hyph_pool + off;
}

/*
 * The dictionary of hyphen_tables.h as libhyphen's loader makes it: its
 * levels and states in one block, the strings and transitions in the
 * tables (libhyphen only reads them).
 */
static HyphenDict *built_in_dict(void)
{
	const size_t nlev = NV_ARRAY_SIZE(hyph_levels), nst = NV_ARRAY_SIZE(hyph_states);
	HyphenDict *d = nv_xcalloc(1, nlev * sizeof(*d) + nst * sizeof(HyphenState));
	HyphenState *st = (HyphenState *)(d + nlev);
	size_t i;

	for (i = 0; i < nst; i++) {
		const struct hyph_state *s = &hyph_states[i];

		st[i].match = pool_at(s->match);
		st[i].repl = pool_at(s->repl);
		st[i].replindex = s->replindex;
		st[i].replcut = s->replcut;
		st[i].fallback_state = s->fallback_state;
		st[i].num_trans = s->num_trans;
		st[i].trans = s->trans < 0 ? NULL : (HyphenTrans *)&hyph_trans[s->trans];
	}
	for (i = 0; i < nlev; i++) {
		const struct hyph_level *l = &hyph_levels[i];

		d[i].lhmin = l->lhmin;
		d[i].rhmin = l->rhmin;
		d[i].clhmin = l->clhmin;
		d[i].crhmin = l->crhmin;
		d[i].nohyphen = pool_at(l->nohyphen);
		d[i].nohyphenl = l->nohyphenl;
		d[i].num_states = l->num_states;
		memcpy(d[i].cset, l->cset, sizeof(d[i].cset));
		d[i].utf8 = l->utf8;
		d[i].states = st + l->first;
		d[i].nextlevel = i + 1 < nlev ? &d[i + 1] : NULL;
	}
	return d;
}
#endif

struct nv_hyphen *nv_hyphen_load(const char *path)
{
	struct nv_hyphen *h;
	HyphenDict *dict = NULL;
	bool built_in = same_file(path) && (dict = built_in_dict()) != NULL;

	if (!built_in)
		dict = hnj_hyphen_load(path);
	if (!dict)
		return NULL;
	h = nv_xcalloc(1, sizeof(*h));
	h->dict = dict;
	h->built_in = built_in;
	return h;
}

bool nv_hyphen_built_in(const struct nv_hyphen *h)
{
	return h && h->built_in;
}

const void *nv_hyphen_dict(const struct nv_hyphen *h)
{
	return h ? h->dict : NULL;
}

void nv_hyphen_free(struct nv_hyphen *h)
{
	size_t i;

	if (!h)
		return;
	if (h->built_in)
		free(h->dict);
	else
		hnj_hyphen_free(h->dict);
	for (i = 0; i < h->nkept; i++)
		free(h->kept[i].cp);
	free(h->kept);
	free(h);
}

void nv_hyphen_keep(struct nv_hyphen *h, const char *text, bool names_only)
{
	size_t i = 0, len, l, k, nth = 0;
	uint32_t cp = 0, w[MAX_WORD];
	bool upper;

	if (!h || !text)
		return;
	len = strlen(text);
	while (i < len) {
		k = 0;
		upper = false;
		while (i < len && (l = nv_utf8_decode(text + i, len - i, &cp)) && is_letter(cp)) {
			upper = upper || (!k && is_upper(cp));
			if (k < MAX_WORD)
				w[k++] = fold(cp);
			i += l;
		}
		if (k >= NAME_MIN_PREFIX && (!names_only || (upper && nth))) {
			NV_GROW(h->kept, h->nkept + 1, h->alloc);
			h->kept[h->nkept].cp = nv_xcalloc(k, sizeof(uint32_t));
			memcpy(h->kept[h->nkept].cp, w, k * sizeof(uint32_t));
			h->kept[h->nkept++].n = k;
		}
		nth += k > 0;
		if (i < len && !k)
			i += (l = nv_utf8_decode(text + i, len - i, &cp)) ? l : 1;
	}
}

/*
 * Whether the n letters w are a case form of a kept word: they share its
 * beginning, all but its last NAME_MAX_ENDING letters at most, and are
 * at most NAME_MAX_ENDING letters longer («Лебедева»: «Лебедеву»,
 * «Лебедевой»; «Верхнеозёрский»: «Верхнеозёрского»).
 */
static bool is_kept(const struct nv_hyphen *h, const uint32_t *w, size_t n)
{
	size_t i, p, need;

	for (i = 0; i < h->nkept; i++) {
		const struct kept *kw = &h->kept[i];
		if (kw->cp[0] != w[0] || n > kw->n + NAME_MAX_ENDING)
			continue;
		need = kw->n > NAME_MIN_PREFIX + NAME_MAX_ENDING ? kw->n - NAME_MAX_ENDING
								 : NAME_MIN_PREFIX;
		for (p = 0; p < n && p < kw->n && w[p] == kw->cp[p]; p++)
			;
		if (p >= need)
			return true;
	}
	return false;
}

/*
 * Hold the breaks libhyphen marked (odd hyph[i]: a break after letter i)
 * in the k letters of word to the Russian rules: no break before «ь»,
 * «ъ», «й»; a part between two breaks without a vowel goes with the part
 * before it («пе-р-со-на» is «пер-со-на»); at least MIN_BEFORE letters
 * and a vowel before a break, MIN_AFTER letters and a vowel after it.
 */
static void rules(const char *word, size_t k, char *hyph)
{
	size_t i, j, prev = 0;
	bool any = false, vowel;

	for (i = 0; i + 1 < k; i++)
		if (koi8_sign(word[i + 1]))
			hyph[i] = 0;
	for (i = 0; i + 1 < k; i++) {
		if (!(hyph[i] & 1))
			continue;
		for (j = any ? prev + 1 : 0, vowel = false; j <= i; j++)
			vowel = vowel || koi8_vowel(word[j]);
		if (!vowel && any)
			hyph[prev] = 0; /* this part joins the one before */
		else if (!vowel)
			hyph[i] = 0; /* no vowel yet: no break */
		if (vowel || any) {
			prev = i;
			any = true;
		}
	}
	for (i = 0; i < k; i++) {
		if (!(hyph[i] & 1))
			continue;
		for (j = i + 1, vowel = false; j < k; j++)
			vowel = vowel || koi8_vowel(word[j]);
		if (i + 1 < MIN_BEFORE || k - i - 1 < MIN_AFTER || !vowel)
			hyph[i] = 0;
	}
}

/* The first code point of w (len bytes). */
static uint32_t w_first(const char *w, size_t len)
{
	uint32_t cp = 0;

	nv_utf8_decode(w, len, &cp);
	return cp;
}

/* Append one word (only Russian letters; n letters) with its soft hyphens. */
static void add_word(const struct nv_hyphen *h, struct nv_buf *out, const char *w, size_t len,
		     size_t n, bool sentence_start)
{
	char word[MAX_WORD + 1], hyph[MAX_WORD + 5];
	size_t offs[MAX_WORD + 1], i = 0, k = 0, l, caps = 0;
	bool whole;
	uint32_t cp, folded[MAX_WORD];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	if (n < MIN_WORD || n > MAX_WORD) {
		nv_buf_add(out, w, len);
		return;
	}
	while (i < len) {
		l = nv_utf8_decode(w + i, len - i, &cp);
		offs[k] = i;
		caps += is_upper(cp);
		folded[k] = fold(cp);
		word[k++] = (char)to_koi8(cp);
		i += l;
	}
	offs[k] = len;
	word[k] = '\0';
	/*
	 * A name stays whole: a capital not at the start of a sentence, a
	 * kept word in any case form (names begin with a capital: a word in
	 * lower case is never one); so does an abbreviation (two capitals or
	 * more: «МАОУ», also «ПРИКАЗЫВАЮ»).
	 */
	whole = caps >= 2 || (caps == 1 && (!is_upper(w_first(w, len)) || !sentence_start ||
					    is_kept(h, folded, k)));
	if (whole) {
		nv_buf_add(out, w, len);
		return;
	}
	memset(hyph, 0, sizeof(hyph));
	if (hnj_hyphen_hyphenate3(h->dict, word, (int)k, hyph, NULL, &rep, &pos, &cut, 2, 2, 2,
				  2) ||
	    rep) {
		/* Non-standard hyphenation does not occur in Russian: leave the word. */
		nv_buf_add(out, w, len);
		goto out;
	}
	rules(word, k, hyph);
	for (i = 0; i < k; i++) {
		nv_buf_add(out, w + offs[i], offs[i + 1] - offs[i]);
		if (hyph[i] & 1)
			nv_buf_adds(out, "\xC2\xAD");
	}
out:
	if (rep) {
		for (i = 0; i < k; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
}

/*
 * Whether the period after the word w (len bytes, n letters) is that of
 * an abbreviation or an initial («г. Верхнеозёрск», «И.В. Соколова»), so
 * that the sentence goes on after it.
 */
static bool abbreviation(const char *w, size_t len, size_t n)
{
	static const char *const abbr[] = { "гг",  "ул",  "им",	   "обл", "пос", "стр",	 "см",
					    "пр",  "др",  "руб",   "тыс", "ст",	 "корп", "каб",
					    "тел", "ред", "просп", "вып", "пер", "мкр" };
	size_t i;

	if (n == 1)
		return true;
	for (i = 0; i < NV_ARRAY_SIZE(abbr); i++)
		if (strlen(abbr[i]) == len && !memcmp(w, abbr[i], len))
			return true;
	return false;
}

/*
 * Whether the character cp ends a sentence; word (wlen bytes, wn
 * letters): the word just before it, or NULL.
 */
static bool ends_sentence(uint32_t cp, const char *word, size_t wlen, size_t wn)
{
	if (cp == '!' || cp == '?' || cp == 0x2026)
		return true;
	if (cp != '.')
		return false;
	return !word || !abbreviation(word, wlen, wn);
}

void nv_hyphen_add(const struct nv_hyphen *h, struct nv_buf *out, const char *text, size_t len,
		   bool markup)
{
	size_t i = 0, start, letters, l, wn = 0, wend = (size_t)-1;
	const char *word = NULL;
	uint32_t cp;
	bool russian, sentence = true;

	if (!h) {
		nv_buf_add(out, text, len);
		return;
	}
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (markup && (c == '<' || c == '&')) {
			const char *end = memchr(text + i, c == '<' ? '>' : ';', len - i);
			l = end ? (size_t)(end - (text + i)) + 1 : len - i;
			if (c == '&' && l == 8 && !memcmp(text + i, "&hellip;", 8))
				sentence = true;
			nv_buf_add(out, text + i, l);
			i += l;
			continue;
		}
		l = nv_utf8_decode(text + i, len - i, &cp);
		if (!l || !is_letter(cp)) {
			bool after = l && wend == i; /* right after a word */
			/* a period between digits is a date's or a number's («21.12.2021») */
			bool digits = cp == '.' && i + 1 < len && text[i + 1] >= '0' &&
				      text[i + 1] <= '9';
			if (l && !digits &&
			    ends_sentence(cp, after ? word : NULL,
					  after ? wend - (size_t)(word - text) : 0, wn))
				sentence = true;
			l = l ? l : 1;
			nv_buf_add(out, text + i, l);
			i += l;
			continue;
		}
		/* A run of letters: hyphenate it when all of them are Russian. */
		start = i;
		letters = 0;
		russian = true;
		while (i < len && (l = nv_utf8_decode(text + i, len - i, &cp)) && is_letter(cp)) {
			russian = russian && to_koi8(cp);
			letters++;
			i += l;
		}
		/* A word glued to digits («5-й», «1А») stays whole. */
		if (i < len && text[i] >= '0' && text[i] <= '9')
			russian = false;
		if (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9')
			russian = false;
		if (russian)
			add_word(h, out, text + start, i - start, letters, sentence);
		else
			nv_buf_add(out, text + start, i - start);
		sentence = false;
		word = text + start;
		wend = i;
		wn = letters;
	}
}
