/*
 * guard.c: finding every mention of a person of people.yml; see guard.h.
 *
 * The text is read into a folded copy, one byte per character: ASCII as
 * it is, the Russian letters in the layout of code page 1251 with «Ё» as
 * «Е» (А–Я 0xC0–0xDF, а–я 0xE0–0xFF), so that `b | 0x20` lower-cases any
 * letter; every kind of space is ' ', quotes '"', dashes '-', any other
 * character NV_GUARD_OTHER. Soft hyphens, zero-width characters and
 * combining accents leave nothing. In markup, character references are
 * decoded, inline tags vanish (a word split by <em> reads whole), block
 * tags are an NV_GUARD_BREAK, and the values of attributes are read as
 * text of their own: a block tag's right there, an inline tag's at the
 * next break, so that they do not split the word the tag sits in. Each
 * folded byte keeps the offset of the character it came from: a mention
 * is given back in the bytes of the original text.
 *
 * On the folded text the people are keys: a surname stem (female endings
 * dropped: «Петрова» → «петров»), its Latin transliterations and, for the
 * forms without a surname, a given name stem. At every word start the
 * keys of its first letter are tried; the mention found around the key
 * (initials before or after, given name, patronymic, a student's class)
 * is weighed, and the word goes to the person it fits best.
 *
 * Most words are not names, and every page repeats them, so the text is
 * not folded at all where no key can start a word: a first pass over the
 * raw bytes (nv_guard_skip() in guard_skip.c) finds the word starts 63
 * bytes at a time, classified 32 at once with SSE2 (in one vector with
 * AVX2 where the CPU has it): plain letters, and separators (ASCII
 * ones, and any character that folds to no letter: a no-break space,
 * «», a dash, №) by their bits; the characters that may leave nothing or make
 * a letter (a soft hyphen, an accent, a reference) and the tags are read
 * one at a time in their turn, and the block goes on after them (the
 * text of a tag after its name that a thread found no name in is not
 * read again: a site's pages repeat their theme's attributes). The first
 * two letters of each word are looked up in a small bitmap, three in a
 * bigger one, of the trie of the keys' first eight bytes (most words
 * stop there), and the rest walks down the trie. At a word that may
 * start a key, a small window is folded from a few words back (initials
 * before a surname), a little past its end (a mention starting in it is
 * read whole: the window is folded further only when the look read to
 * its end), and the mentions in it are looked for; a caller asks again
 * from the end of each mention. Two Russian letters are looked up by
 * one load of their four bytes (g->cyr2), three by one load of their six
 * and a bit of a table of their classes (g->cyr3). A window a thread found a
 * published person in is kept (guard_memo.c): the same bytes at a later
 * window start, for the same guard, give the same mention unread; so do
 * the runs of markup the skipping pass went through (a theme's menus).
 */
#include "common.h"

#include <ctype.h>

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "guard_int.h"
#include "model.h"
#include "person.h"
#include "typo.h"
#include "utf8.h"

/* ---- The people, as keys on the folded text ---- */

/* s folded (nv_guard_fold_cp()) and in lower case; its length in *len; the caller frees. */
static char *fold_str(const char *s, size_t *len)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i = 0, n = strlen(s);
	uint32_t cp;
	int c;

	while (i < n) {
		i += nv_guard_char_at(s, n, i, false, &cp);
		if ((c = nv_guard_fold_cp(cp)) != NV_GUARD_SKIP)
			nv_buf_addch(&b, nv_guard_lc((unsigned char)c));
	}
	return nv_buf_detach(&b, len);
}

static bool ends_with_byte(const char *s, size_t len, const char *set)
{
	return len && strchr(set, s[len - 1]);
}

static void add_key(struct nv_guard *g, const struct nv_guard_target *t, const char *stem,
		    size_t len, enum nv_guard_key_kind kind, int tail)
{
	struct nv_guard_key *k;
	unsigned char m[8] = { 0 };
	size_t i;

	/* A key is at most 255 bytes (see may_start_key()); a longer stem is cut. */
	len = len < 255 ? len : 255;
	if (!len)
		return;
	/* A target's keys are added one after another: only they can be the same. */
	for (i = g->nk; i-- > 0 && g->k[i].t == t;)
		if (g->k[i].len == len && !memcmp(g->k[i].stem, stem, len))
			return;
	NV_GROW(g->k, g->nk + 1, g->k_alloc);
	k = &g->k[g->nk++];
	memset(k, 0, sizeof(*k));
	k->t = t;
	k->stem = nv_xmemdupz(stem, len);
	k->len = len;
	k->kind = kind;
	k->tail = tail;
	k->cap = kind == NV_KEY_SURNAME && len < 4;
	k->b0 = (unsigned char)stem[0];
	k->b1 = len > 1 ? (unsigned char)stem[1] : 0;
	for (i = 0; i < len && i < 8; i++)
		m[i] = ((unsigned char)stem[i] | 0x20) == (unsigned char)stem[i] ? 0xFF : 0;
	k->mask = nv_guard_load8(m, 8);
	k->head = nv_guard_load8((const unsigned char *)stem, len) & k->mask;
}

/* Latin letters for а…я (folded 0xE0…0xFF): the slugs' (typo.c) with ё as е, passports', informal.
 */
static const char *const slug_e[32] = {
	"a", "b", "v", "g", "d", "e",  "zh", "z",  "i",	 "y",	 "k", "l", "m", "n", "o",  "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",	"e", "yu", "ya",
};
static const char *const icao[32] = {
	"a", "b", "v", "g", "d", "e",  "zh", "z",  "i",	 "i",	 "k",  "l", "m", "n", "o",  "p",
	"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "",	 "e", "iu", "ia",
};
static const char *const informal[32] = {
	"a", "b", "v", "g", "d", "e", "zh", "z",  "i",	"j",   "k", "l", "m", "n", "o",	 "p",
	"r", "s", "t", "u", "f", "h", "c",  "ch", "sh", "sch", "",  "y", "",  "e", "ju", "ja",
};

static void add_latin(struct nv_guard *g, const struct nv_guard_target *t, const char *lat,
		      size_t len)
{
	/* Two letters are too short for a word of their own in Latin text («li»). */
	if (len >= 3)
		add_key(g, t, lat, len, NV_KEY_LATIN, len > 3 ? 3 : 1);
}

/*
 * The Latin keys of t: its surname stem transliterated as the slugs of
 * headings are (nv_slug(): «Гусев» → gusev, ё → yo), as in passports
 * (й → i, ц → ts: ZAITSEVA) and informally (й → j, х → h, ц → c).
 */
static void add_latin_keys(struct nv_guard *g, const struct nv_guard_target *t, const char *surname)
{
	const char *const *scheme[3] = { slug_e, icao, informal };
	struct nv_buf b = NV_BUF_INIT;
	size_t i, chars = 0, k;
	unsigned char c;
	char *pre, *slug;
	uint32_t cp;

	/* The stem's characters (one folded byte each) in the original spelling: ё → yo. */
	for (i = 0, k = 0, chars = t->stem_len; i < strlen(surname) && k < chars; k++)
		i += nv_guard_char_at(surname, strlen(surname), i, false, &cp);
	pre = nv_xmemdupz(surname, i);
	slug = nv_slug(pre);
	if (strcmp(slug, "section"))
		add_latin(g, t, slug, strlen(slug));
	for (k = 0; k < 3; k++) {
		nv_buf_reset(&b);
		for (i = 0; i < t->stem_len; i++) {
			c = (unsigned char)t->stem[i];
			if (c >= 0xE0)
				nv_buf_adds(&b, scheme[k][c - 0xE0]);
			else if (c >= 'a' && c <= 'z')
				nv_buf_addch(&b, c);
		}
		add_latin(g, t, b.ptr ? b.ptr : "", b.len);
	}
	nv_buf_release(&b);
	free(pre);
	free(slug);
}

/*
 * The stems of a person's names, folded: the surname without a female
 * ending («петрова» → «петров», «толстая» → «толст»), the given name
 * without its last vowel, «й» or «ь» («дмитрий» → «дмитри», «павел» →
 * «пав»), the patronymic without a female «а» («николаевна» →
 * «николаевн»). Each may be followed by up to three letters of a case
 * ending.
 */
static void set_stems(struct nv_guard_target *t, const struct nv_person *p)
{
	size_t n;

	t->surname = fold_str(p->surname, &t->surname_len);
	n = t->surname_len;
	if (n > 4 && !memcmp(t->surname + n - 2, "\xE0\xFF", 2))
		n -= 2;
	else if (n > 4 && ends_with_byte(t->surname, n, "\xE0\xFF"))
		n--;
	t->stem = nv_xmemdupz(t->surname, n);
	t->stem_len = n;
	if (p->name && *p->name) {
		t->name = fold_str(p->name, &n);
		t->ni = (unsigned char)t->name[0];
		if (n >= 4 && !memcmp(t->name + n - 2, "\xE5\xEB", 2))
			n -= 2;
		else if (n >= 3 &&
			 ends_with_byte(t->name, n, "\xE0\xFF\xEE\xE5\xE8\xE9\xFC\xFB\xF3\xFE"))
			n--;
		t->name_len = n;
	}
	if (p->patronymic && *p->patronymic) {
		t->patr = fold_str(p->patronymic, &n);
		t->pi = (unsigned char)t->patr[0];
		if (n >= 4 && ends_with_byte(t->patr, n, "\xE0"))
			n--;
		t->patr_len = n;
	}
}

/* A student's class «10 «А»» as 10 and 'а' (folded); grade 0 when there is none. */
static void set_class(struct nv_guard_target *t, const struct nv_person *p)
{
	size_t n, i = 0;
	char *c;

	if (p->category != NV_CAT_STUDENT || !p->class_name)
		return;
	c = fold_str(p->class_name, &n);
	while (i < n && !isdigit((unsigned char)c[i]))
		i++;
	for (; i < n && isdigit((unsigned char)c[i]) && t->grade < 100; i++)
		t->grade = t->grade * 10 + (c[i] - '0');
	while (i < n && !nv_guard_is_let((unsigned char)c[i]))
		i++;
	t->letter = i < n ? (unsigned char)c[i] : 0;
	if (!t->letter)
		t->grade = 0;
	free(c);
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct nv_guard_key *a = pa, *b = pb;
	int c = strcmp(a->stem, b->stem);

	if (a->b0 != b->b0)
		return a->b0 < b->b0 ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return c ? c : strcmp(a->t->p->id, b->t->p->id);
}

static void index_keys(struct nv_guard *g)
{
	size_t i, b;
	const struct nv_guard_key *k;

	if (g->nk > 1)
		qsort(g->k, g->nk, sizeof(*g->k), cmp_key);
	for (b = 0, i = 0; b <= 256; b++) {
		while (i < g->nk && g->k[i].b0 < b)
			i++;
		g->first[b] = i;
	}
	for (i = 0; i < g->nk; i++) {
		k = &g->k[i];
		g->second[k->b0] |= k->len < 2 ? UINT64_MAX : UINT64_C(1) << (k->b1 & 63);
	}
	nv_guard_build_tables(g);
}

struct nv_guard *nv_guard_new(const struct nv_model *m)
{
	static uint64_t serials;
	struct nv_guard *g = nv_xcalloc(1, sizeof(*g));
	const struct nv_person *p;
	struct nv_guard_target *t;
	size_t i;

	/*
	 * Published people are keys too: a mention is given to the person it
	 * fits best, so «Лебедева А. С.» (published) is not mistaken for a
	 * hidden «Лебедев». Students are hidden whatever `publish` says.
	 */
	g->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
	g->t = nv_xcalloc(m->npeople + 1, sizeof(*g->t));
	for (i = 0; i < m->npeople; i++) {
		p = m->people[i];
		if (!p->surname || nv_utf8_count(p->surname, strlen(p->surname)) < 2)
			continue;
		t = &g->t[g->nt++];
		t->p = p;
		t->hide = nv_person_web_hidden(p);
		t->initials = p->publish == NV_PUBLISH_INITIALS;
		set_stems(t, p);
		set_class(t, p);
	}
	for (i = 0; i < g->nt; i++) {
		t = &g->t[i];
		add_key(g, t, t->stem, t->stem_len, NV_KEY_SURNAME, 3);
		add_latin_keys(g, t, t->p->surname);
		if (t->name_len >= 2 && (t->patr || t->grade))
			add_key(g, t, t->name, t->name_len, NV_KEY_NAME, 3);
	}
	index_keys(g);
#ifdef NV_GUARD_AVX2
	g->avx2 = nv_avx2();
#endif
	return g;
}

void nv_guard_free(struct nv_guard *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nt; i++) {
		free(g->t[i].surname);
		free(g->t[i].stem);
		free(g->t[i].name);
		free(g->t[i].patr);
	}
	for (i = 0; i < g->nk; i++)
		free(g->k[i].stem);
	free(g->t);
	free(g->k);
	free(g->node);
	free(g->pair);
	free(g->tri);
	free(g->cyr3);
	free(g->odd);
	free(g);
}

/* ---- Finding mentions in the folded text ---- */

struct scan {
	const struct nv_guard *g;
	const unsigned char *f;
	size_t len; /* folded bytes; a window starts at 0, which nothing looks back past */
	size_t *hi; /* past the last byte read (fb(), in()); SIZE_MAX: the end was */
};

/* The folded byte at i (< sc->len), as read: what the window gives depends on it. */
static inline unsigned char fb(const struct scan *sc, size_t i)
{
	*sc->hi = i >= *sc->hi ? i + 1 : *sc->hi;
	return sc->f[i];
}

/* Is there a folded byte at i? If not, what the window gives depends on its end. */
static inline bool in(const struct scan *sc, size_t i)
{
	*sc->hi = i >= sc->len ? SIZE_MAX : i >= *sc->hi ? i + 1 : *sc->hi;
	return i < sc->len;
}

/* A mention in folded bytes [fs, fe), weighed (see best_at()). */
struct cand {
	const struct nv_guard_target *t;
	size_t fs, fe;
	int score;
	bool full; /* the form has the given name */
};

static size_t skip_sp(const struct scan *sc, size_t i)
{
	while (in(sc, i) && fb(sc, i) == ' ')
		i++;
	return i;
}

static size_t back_sp(const struct scan *sc, size_t i)
{
	while (i > 0 && fb(sc, i - 1) == ' ')
		i--;
	return i;
}

/*
 * A word at i: `stem` (sl bytes, lower case) in any letter case and at
 * most `tail` more letters of the stem's script; its end, or 0.
 */
static size_t word_end(const struct scan *sc, size_t i, const char *stem, size_t sl, int tail)
{
	bool cyr = nv_guard_is_cyr((unsigned char)stem[0]); /* «Хo» with a Latin «o» takes «у» */
	size_t j;

	if (sl && !in(sc, i + sl - 1))
		return 0;
	for (j = 0; j < sl; j++)
		if (nv_guard_lc(fb(sc, i + j)) != (unsigned char)stem[j])
			return 0;
	for (i += sl; in(sc, i) && nv_guard_is_let(fb(sc, i)); i++)
		if (nv_guard_is_cyr(fb(sc, i)) != cyr || --tail < 0)
			return 0;
	return i;
}

/* An initial «Д.» at i (a capital and a full stop): its end, or 0. */
static size_t initial_at(const struct scan *sc, size_t i)
{
	if (!in(sc, i + 1) || fb(sc, i) < 0xC0 || fb(sc, i) > 0xDF || fb(sc, i + 1) != '.')
		return 0;
	return i + 2;
}

/* «Д. В.», «Д.В.» or «Д.» at i: the end, or 0; the letters (lower case) in l, their number in *nl.
 */
static size_t initials_at(const struct scan *sc, size_t i, unsigned char l[2], int *nl)
{
	size_t e = initial_at(sc, i), e2;

	*nl = 0;
	if (!e)
		return 0;
	l[(*nl)++] = fb(sc, i) | 0x20;
	e2 = initial_at(sc, skip_sp(sc, e));
	if (!e2)
		return e;
	l[(*nl)++] = fb(sc, e2 - 2) | 0x20;
	return e2;
}

/*
 * Initials right before the word at i («Д. В. Гусев», «Д.В.\u00A0Гусеву»):
 * where they start, or i when there are none; letters as initials_at().
 */
static size_t initials_before(const struct scan *sc, size_t i, unsigned char l[2], int *nl)
{
	size_t j = back_sp(sc, i), start = i;
	unsigned char r[2];
	int k = 0;

	/* An initial starts a word: «Д.», not the end of «ул.». */
	while (k < 2 && j >= 2 && fb(sc, j - 1) == '.' && fb(sc, j - 2) >= 0xC0 &&
	       fb(sc, j - 2) <= 0xDF && !(j >= 3 && nv_guard_is_let(fb(sc, j - 3)))) {
		r[k++] = fb(sc, j - 2) | 0x20;
		start = j - 2;
		j = back_sp(sc, start);
	}
	*nl = k;
	l[0] = k ? r[k - 1] : 0;
	l[1] = k > 1 ? r[0] : 0;
	return start;
}

static bool initials_fit(const struct nv_guard_target *t, const unsigned char l[2], int nl)
{
	return nl >= 1 && l[0] == t->ni && (nl < 2 || l[1] == t->pi);
}

/* The person's given name as the word right before i: where it starts, or i. */
static size_t name_before(const struct scan *sc, const struct nv_guard_target *t, size_t i)
{
	size_t j = back_sp(sc, i), w = j;

	if (j == i || !t->name_len)
		return i;
	while (w > 0 && nv_guard_is_let(fb(sc, w - 1)))
		w--;
	return w < j && word_end(sc, w, t->name, t->name_len, 3) == j ? w : i;
}

/*
 * The surname of t at [i, e): initials after or before it that fit, the
 * given name and patronymic after, the given name before. Initials that
 * do not fit are not taken, but they do not rule the person out either:
 * they may be another word's («Соколова И. Гусев»), and a namesake
 * reported is safer than a name let through. A Latin surname is taken
 * as it is.
 */
static bool match_surname(const struct scan *sc, const struct nv_guard_key *k, size_t i, size_t e,
			  struct cand *c)
{
	const struct nv_guard_target *t = k->t;
	unsigned char l[2];
	size_t j = skip_sp(sc, e), e2, b;
	int nl;

	*c = (struct cand){ t, i, e, 1, false };
	if (k->kind == NV_KEY_LATIN)
		return true;
	if (e - i == t->surname_len && word_end(sc, i, t->surname, t->surname_len, 0) == e)
		c->score = 2;
	if ((e2 = initials_at(sc, j, l, &nl)) && initials_fit(t, l, nl)) {
		c->score = 3;
		c->fe = e2;
	} else if ((b = initials_before(sc, i, l, &nl)) < i && initials_fit(t, l, nl)) {
		c->score = 3;
		c->fs = b;
	} else if (t->name_len && j > e && (e2 = word_end(sc, j, t->name, t->name_len, 3))) {
		c->full = true;
		c->score = 3;
		c->fe = e2;
		j = skip_sp(sc, e2);
		if (t->patr_len && j > e2 && (e2 = word_end(sc, j, t->patr, t->patr_len, 3)))
			c->fe = e2;
	} else if ((b = name_before(sc, t, i)) < i) {
		c->full = true;
		c->score = 3;
		c->fs = b;
	}
	return true;
}

/*
 * A student's class after a given name ending at e: a short gap of spaces,
 * punctuation, block tags (the next cell of a table) and at most one
 * word of up to four letters («Дарья из 10 «А» класса», «Дарья К., 10
 * А»), the number, then the letter in any quotes («10А», «10-А», «10
 * "А"»). Its end, or 0.
 */
static size_t class_after(const struct scan *sc, const struct nv_guard_target *t, size_t e)
{
	size_t j = e, w;
	int words = 0, grade = 0, digits = 0;

	while (in(sc, j) && j - e < 16 && !isdigit(fb(sc, j))) {
		for (w = j; in(sc, w) && nv_guard_is_let(fb(sc, w)); w++)
			;
		if (w > j && (words++ || w - j > 4))
			return 0;
		if (w == j && !strchr(" ,.;:()-\"\n", fb(sc, j)))
			return 0;
		j = w > j ? w : j + 1;
	}
	for (; in(sc, j) && isdigit(fb(sc, j)) && digits < 3; j++, digits++)
		grade = grade * 10 + (fb(sc, j) - '0');
	if (grade != t->grade || (in(sc, j) && isdigit(fb(sc, j))))
		return 0;
	for (w = j;
	     in(sc, j) && j - w < 4 && (fb(sc, j) == ' ' || fb(sc, j) == '-' || fb(sc, j) == '"');
	     j++)
		;
	if (!in(sc, j) || nv_guard_lc(fb(sc, j)) != t->letter ||
	    (in(sc, j + 1) && nv_guard_is_let(fb(sc, j + 1))))
		return 0;
	return in(sc, j + 1) && fb(sc, j + 1) == '"' ? j + 2 : j + 1;
}

/*
 * The given name of t at [i, e), without the surname: with the patronymic
 * («Дмитрию Валерьевичу», and the surname after it if there is one) or,
 * for a student, with the class.
 */
static bool match_name(const struct scan *sc, const struct nv_guard_target *t, size_t i, size_t e,
		       struct cand *c)
{
	size_t j = skip_sp(sc, e), e2, e3;

	*c = (struct cand){ t, i, e, 3, true };
	if (t->patr_len && j > e && (e2 = word_end(sc, j, t->patr, t->patr_len, 3))) {
		c->fe = e2;
		j = skip_sp(sc, e2);
		if (j > e2 && (e3 = word_end(sc, j, t->stem, t->stem_len, 3))) {
			c->fe = e3;
			c->score = 4;
		}
		return true;
	}
	if (t->grade && (e2 = class_after(sc, t, e))) {
		c->fe = e2;
		return true;
	}
	return false;
}

static bool is_capital(unsigned char b)
{
	return (b >= 0xC0 && b <= 0xDF) || (b >= 'A' && b <= 'Z');
}

/*
 * The best mention at the word start i: initials or a name that fit (3)
 * beat a bare surname written exactly as in people.yml (2), which beats a
 * bare case form or a Latin one (1); a given name with patronymic and
 * surname is 4. On a tie a hidden person wins: fail closed.
 */
static bool best_at(const struct scan *sc, size_t i, struct cand *best)
{
	const struct nv_guard *g = sc->g;
	const unsigned char *f = sc->f;
	unsigned char b0 = nv_guard_lc(fb(sc, i));
	size_t a = g->first[b0], z = g->first[b0 + 1], e;
	const struct nv_guard_key *k;
	struct cand c = { NULL, 0, 0, 0, false };
	uint64_t head;

	best->t = NULL;
	if (a == z ||
	    (in(sc, i + 1) && !((g->second[b0] >> (nv_guard_lc(fb(sc, i + 1)) & 63)) & 1)))
		return false;
	(void)in(sc, i + 7); /* the 8 bytes loaded, or fewer to the end */
	head = nv_guard_load8(f + i, sc->len - i) | NV_GUARD_LOWER8;
	for (; a < z; a++) {
		k = &g->k[a];
		if ((head & k->mask) != k->head || (k->cap && !is_capital(fb(sc, i))))
			continue;
		if (!(e = word_end(sc, i, k->stem, k->len, k->tail)))
			continue;
		if (!(k->kind == NV_KEY_NAME ? match_name(sc, k->t, i, e, &c)
					     : match_surname(sc, k, i, e, &c)))
			continue;
		if (!best->t || c.score > best->score ||
		    (c.score == best->score && c.t->hide && !best->t->hide))
			*best = c;
	}
	return best->t != NULL;
}

static bool cand_leak(const struct cand *c)
{
	return c->t->hide || (c->full && c->t->initials);
}

/*
 * The mention of the window [0, end) (the folded bytes go on past end)
 * that starts first in the text: attribute values of inline tags come
 * after the text they sit in, but before it in the text. One such value
 * may lie inside a mention («Лебе<span title="Гусев">дева»): a leak
 * there goes first, or the caller, going on after the mention, would
 * never see it. The words of a mention are not read again (the
 * «Сергеевна» of «Лебедева Анна Сергеевна» is no case form of another
 * person's «Сергеев»).
 */
static bool scan_window(const struct scan *sc, const uint32_t *o, size_t end, struct cand *hit)
{
	size_t i = 0;
	struct cand c = { NULL, 0, 0, 0, false }, leak = c;

	hit->t = NULL;
	while (i < end) {
		if (!nv_guard_is_let(fb(sc, i))) {
			i++;
			continue;
		}
		if ((!hit->t || o[i] < o[hit->fe - 1]) && best_at(sc, i, &c)) {
			if (!hit->t || o[c.fs] < o[hit->fs])
				*hit = c;
			if (cand_leak(&c) && (!leak.t || o[c.fs] < o[leak.fs]))
				leak = c;
			i = c.fe;
			continue;
		}
		while (in(sc, i) && nv_guard_is_let(fb(sc, i)))
			i++;
	}
	if (hit->t && !cand_leak(hit) && leak.t && o[leak.fs] < o[hit->fe - 1])
		*hit = leak;
	return hit->t != NULL;
}

#define MARGIN	 128  /* folded bytes read past a window: the longest mention */
#define NEAR	 32   /* folded first: a mention is most often read whole by then */
#define FOLD_BUF 1016 /* folded bytes a window holds on the stack (no malloc for most) */

bool nv_guard_find(const struct nv_guard *g, const char *text, size_t len, size_t from, bool markup,
		   struct nv_guard_hit *hit)
{
	struct nv_guard_reader r = { text, len, from, markup, 0, { { 0, 0 } } }, next;
	unsigned char fbuf[FOLD_BUF + 8];
	uint32_t obuf[FOLD_BUF];
	struct nv_guard_folded fd = { fbuf, obuf, 0, 0, FOLD_BUF, true };
	size_t want = 64, cut, start, hi, folded;
	struct scan sc = { g, NULL, 0, &hi };
	/*
	 * Pages repeat their footer, data files their lines (nv_guard_memo_end()).
	 * Offsets in a window are absolute below WINDOW_END (guard_read.c):
	 * kept windows fit.
	 */
	bool memo = len < ((size_t)1 << 30);
	struct cand c = { NULL, 0, 0, 0, false };
	bool found = false, got;
	uint32_t cp;

	while (g && !found && (r.i = nv_guard_skip(g, text, len, r.i, markup)) < len) {
		if (memo && nv_guard_memo_get(g, text, len, r.i, markup, hit))
			return true;
		start = r.i;
		r.npend = 0;
		fd.len = 0;
		nv_guard_fold(&r, &fd, want, true);
		cut = fd.len;
		next = r;
		/*
		 * What the window gives depends on its bytes up to hi only (the
		 * memo's rule): past NEAR more only when the look read to its end.
		 */
		nv_guard_fold(&r, &fd, cut + NEAR, false);
		for (;;) {
			sc.f = fd.f;
			sc.len = fd.len;
			hi = 0;
			got = fd.len && scan_window(&sc, fd.o, cut, &c);
			if (hi != SIZE_MAX || fd.len >= cut + MARGIN)
				break;
			folded = fd.len;
			nv_guard_fold(&r, &fd, cut + MARGIN, false);
			if (fd.len == folded) /* the text's end, or the window's */
				break;
		}
		if (got) {
			found = true;
			hit->p = c.t->p;
			hit->start = fd.base + fd.o[c.fs];
			hit->end = fd.base + fd.o[c.fe - 1];
			hit->end += nv_guard_char_at(text, len, hit->end, markup, &cp);
			/* Never before its start: a caller goes on from the end. */
			if (hit->end <= hit->start)
				hit->end = hit->start +
					   nv_guard_char_at(text, len, hit->start, markup, &cp);
			hit->leak = cand_leak(&c);
			if (memo)
				nv_guard_memo_put(g, text, len, start,
						  nv_guard_memo_end(&fd, hi, cut, r.i, markup),
						  markup, hit);
		}
		r = next;
	}
	if (!fd.borrowed) {
		free(fd.f);
		free(fd.o);
	}
	return found;
}

bool nv_guard_first_leak(const struct nv_guard *g, const char *text, size_t len, bool markup,
			 struct nv_guard_hit *h)
{
	size_t from = 0;

	while (nv_guard_find(g, text, len, from, markup, h)) {
		if (h->leak)
			return true;
		from = h->end;
	}
	return false;
}
