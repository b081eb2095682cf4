/*
 * redact.c: replacing mentions of non-public people; see guard.h.
 *
 * For every person to hide, a surname stem is computed once (female
 * endings dropped: «Петрова» → «Петров»). The text is scanned word by
 * word; at a capitalised word the stems are tried, then initials or a
 * full name next to the surname are taken into the match. Initials written
 * before the surname are already in the output; they are removed from its
 * end when the surname after them matches. Only text after the previous
 * mention counts: initials right after a name are that name's.
 *
 * Most capitalised words are not names («Главная», «Приказы»), and every
 * page repeats them, so two cheap filters come before any comparison: a
 * bitmap per first letter of the stems' second letters rejects most words
 * at once, and the first eight bytes of each stem, kept as one integer,
 * reject the rest of the stems without a call to memcmp.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "model.h"
#include "person.h"
#include "guard.h"
#include "utf8.h"

struct target {
	const struct nv_person *p;
	char *stem;          /* surname stem, UTF-8 */
	char *name_stem;     /* first letters of the name, or NULL */
	char *patr_stem;     /* first letters of the patronymic, or NULL */
	uint32_t name_initial, patr_initial; /* first letters, or 0 */
	char *replacement;   /* what the website shows instead */
	bool hide;           /* publish none: replace every mention */
	bool full;           /* publish full: never touched */
	/* Lengths in bytes, and the stem's first 8 bytes for a quick test (see load8()). */
	size_t stem_len, surname_len;
	uint64_t head, head_mask;
};

/* Targets sorted by the first letter of the stem, with a range per letter. */
#define BUCKETS 34 /* А…Я, Ё, and everything else */

struct nv_guard {
	struct target *t;
	size_t nr;
	size_t bucket[BUCKETS + 1]; /* targets of letter k: [bucket[k], bucket[k + 1]) */
	/*
	 * Bit (b & 63) of second[k] is set when a stem of letter k has the
	 * byte b at offset 3, the last byte of its second letter (all bits
	 * for a stem shorter than that): a word whose byte 3 has no bit
	 * starts with none of them. The lowercase Russian letters differ
	 * there (а–п 0xB0–0xBF, р–я 0x80–0x8F, ё 0x91). For a stem in Latin
	 * letters (in the last bucket) byte 3 is the fourth letter, and the
	 * test holds all the same.
	 */
	uint64_t second[BUCKETS];
	bool latin; /* a stem starts with A–Z: the scan stops at Latin capitals too */
};

static bool is_cyr_upper(uint32_t c)
{
	return (c >= 0x410 && c <= 0x42F) || c == 0x401;
}

static bool is_cyr_lower(uint32_t c)
{
	return (c >= 0x430 && c <= 0x44F) || c == 0x451;
}

static bool is_letter(uint32_t c)
{
	return is_cyr_upper(c) || is_cyr_lower(c) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/*
 * The Russian letter at s[i] (А–я, Ё, ё; both bytes before n) as a code
 * point, or 0. UTF-8 has a single encoding for each, so the bytes tell:
 * 0xD0 0x81, 0xD0 0x90–0xBF, 0xD1 0x80–0x8F, 0xD1 0x91.
 */
static uint32_t cyr_at(const char *s, size_t n, size_t i)
{
	unsigned char a, b;

	if (i + 1 >= n)
		return 0;
	a = (unsigned char)s[i];
	b = (unsigned char)s[i + 1];
	if (a == 0xD0 && (b == 0x81 || (b >= 0x90 && b <= 0xBF)))
		return 0x400 + (b & 0x3F);
	if (a == 0xD1 && (b == 0x91 || (b >= 0x80 && b <= 0x8F)))
		return 0x440 + (b & 0x3F);
	return 0;
}

/* The letter (Latin or Russian) at s[i] as a code point, or 0. */
static uint32_t letter_at(const char *s, size_t n, size_t i)
{
	if (i < n && (unsigned char)s[i] < 0x80)
		return is_letter((unsigned char)s[i]) ? (unsigned char)s[i] : 0;
	return cyr_at(s, n, i);
}

/* Decode at s[i]; invalid bytes read as U+FFFD of length 1. */
static size_t dec(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t k = i < n ? nv_utf8_decode(s + i, n - i, cp) : 0;

	if (!k) {
		*cp = i < n ? 0xFFFD : 0;
		return i < n ? 1 : 0;
	}
	return k;
}

/* The first `chars` characters of s (all of it if shorter); caller frees. */
static char *prefix_chars(const char *s, size_t chars)
{
	size_t i = 0, n = strlen(s), k;
	uint32_t cp;

	while (i < n && chars--) {
		k = dec(s, n, i, &cp);
		i += k;
	}
	return nv_xmemdupz(s, i);
}

static char *surname_stem(const char *s)
{
	size_t n = strlen(s), chars = nv_utf8_count(s, n);

	/* Female forms: «Петрова», «Ильина» → «Петров», «Ильин»; «Толстая» → «Толст». */
	if (chars > 4 && n >= 4 && !strcmp(s + n - 4, "ая"))
		return prefix_chars(s, chars - 2);
	if (chars > 4 && n >= 2 && (!strcmp(s + n - 2, "а") || !strcmp(s + n - 2, "я")))
		return prefix_chars(s, chars - 1);
	return nv_xstrdup(s);
}

static uint32_t first_cp(const char *s)
{
	uint32_t cp = 0;

	return nv_utf8_decode(s, strlen(s), &cp) ? cp : 0;
}

static size_t bucket_of(uint32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return cp - 0x410;
	return cp == 0x401 ? 32 : 33;
}

/*
 * The first n bytes of s (at most 8, the rest zero) as one integer. A stem
 * has no NUL byte, so (load8(text) & head_mask) == head holds exactly when
 * the text starts with the stem's first min(8, stem_len) bytes.
 */
static uint64_t load8(const char *s, size_t n)
{
	uint64_t w = 0;

	memcpy(&w, s, n < 8 ? n : 8);
	return w;
}

static int cmp_target(const void *pa, const void *pb)
{
	const struct target *a = pa, *b = pb;
	size_t ka = bucket_of(first_cp(a->stem)), kb = bucket_of(first_cp(b->stem));

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return strcmp(a->p->id, b->p->id);
}

struct nv_guard *nv_guard_new(const struct nv_model *m)
{
	struct nv_guard *r = nv_xcalloc(1, sizeof(*r));
	struct nv_buf b = NV_BUF_INIT;
	const struct nv_person *p;
	struct target *t;
	size_t i, k;

	/*
	 * Published people are targets too: a mention is given to the person
	 * it fits best, so «Лебедева А. С.» (published) is not mistaken for
	 * a hidden «Лебедев».
	 */
	r->t = nv_xcalloc(m->npeople + 1, sizeof(*r->t));
	for (i = 0; i < m->npeople; i++) {
		p = m->people[i];
		if (!p->surname || nv_utf8_count(p->surname, strlen(p->surname)) < 2)
			continue;
		t = &r->t[r->nr++];
		t->p = p;
		t->hide = p->publish == NV_PUBLISH_NONE;
		t->full = p->publish == NV_PUBLISH_FULL;
		t->stem = surname_stem(p->surname);
		t->stem_len = strlen(t->stem);
		t->surname_len = strlen(p->surname);
		t->head = load8(t->stem, t->stem_len);
		t->head_mask = load8("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", t->stem_len);
		if (t->stem[0] >= 'A' && t->stem[0] <= 'Z')
			r->latin = true;
		r->second[bucket_of(first_cp(t->stem))] |=
			t->stem_len < 4 ? UINT64_MAX
					: UINT64_C(1) << ((unsigned char)t->stem[3] & 63);
		t->name_stem = p->name && *p->name ? prefix_chars(p->name, 3) : NULL;
		t->patr_stem = p->patronymic ? prefix_chars(p->patronymic, 3) : NULL;
		t->name_initial = p->name ? first_cp(p->name) : 0;
		t->patr_initial = p->patronymic ? first_cp(p->patronymic) : 0;
		nv_buf_reset(&b);
		nv_person_public_name(&b, p);
		t->replacement = nv_xstrdup(b.ptr);
	}
	if (r->nr > 1)
		qsort(r->t, r->nr, sizeof(*r->t), cmp_target);
	for (k = 0, i = 0; k <= BUCKETS; k++) {
		while (i < r->nr && bucket_of(first_cp(r->t[i].stem)) < k)
			i++;
		r->bucket[k] = i;
	}
	nv_buf_release(&b);
	return r;
}

void nv_guard_free(struct nv_guard *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++) {
		free(r->t[i].stem);
		free(r->t[i].name_stem);
		free(r->t[i].patr_stem);
		free(r->t[i].replacement);
	}
	free(r->t);
	free(r);
}

/*
 * Skip spaces from i; returns the new position. Between initials and a
 * surname the typography pass writes a no-break space (U+00A0), and it
 * keeps a narrow no-break space (U+202F) that the author's text already
 * has. back_space() steps back over the same spaces.
 */
static size_t skip_space(const char *s, size_t n, size_t i)
{
	for (;;) {
		if (i < n && s[i] == ' ')
			i++;
		else if (n - i >= 2 && !memcmp(s + i, "\xC2\xA0", 2))
			i += 2;
		else if (n - i >= 3 && !memcmp(s + i, "\xE2\x80\xAF", 3))
			i += 3;
		else
			return i;
	}
}

/* An initial «Д.» at i: returns the position after it, or 0. */
static size_t initial_at(const char *s, size_t n, size_t i)
{
	if (!is_cyr_upper(cyr_at(s, n, i)) || i + 2 >= n || s[i + 2] != '.')
		return 0;
	return i + 3;
}

/* «Д. В.» or «Д.» (one or two initials) at i: the end, or 0. */
static size_t initials_at(const char *s, size_t n, size_t i)
{
	size_t e = initial_at(s, n, i), e2;

	if (!e)
		return 0;
	e2 = initial_at(s, n, skip_space(s, n, e));
	return e2 ? e2 : e;
}

/*
 * A word at i starting with `stem` (sl bytes) and ending at a non-letter:
 * its end, or 0.
 */
static size_t word_with_stem(const char *s, size_t n, size_t i, const char *stem, size_t sl,
			     int max_tail)
{
	uint32_t cp;
	int tail = 0;

	if (n - i < sl || memcmp(s + i, stem, sl))
		return 0;
	i += sl;
	while ((cp = letter_at(s, n, i))) {
		if (!is_cyr_lower(cp) || ++tail > max_tail)
			return 0;
		i += 2;
	}
	return i;
}

/* Step back over the spaces of skip_space() ending at i in s; returns the new i. */
static size_t back_space(const char *s, size_t lo, size_t i)
{
	for (;;) {
		if (i > lo && s[i - 1] == ' ')
			i--;
		else if (i >= lo + 2 && !memcmp(s + i - 2, "\xC2\xA0", 2))
			i -= 2;
		else if (i >= lo + 3 && !memcmp(s + i - 3, "\xE2\x80\xAF", 3))
			i -= 3;
		else
			return i;
	}
}

/* True if a letter ends at offset j (Cyrillic letters are two bytes). */
static bool letter_before(const char *s, size_t lo, size_t j)
{
	if (j <= lo)
		return false;
	if ((unsigned char)s[j - 1] < 0x80)
		return is_letter((unsigned char)s[j - 1]);
	return j >= lo + 2 && cyr_at(s, j, j - 2);
}

/*
 * Initials written before a surname at i («Д. В. Гусев», «Д.В. Гусеву»):
 * the offset where they start, or i when there are none.
 */
static size_t initials_before(const char *s, size_t lo, size_t i)
{
	size_t j = back_space(s, lo, i), start = i;
	int groups = 0;

	if (j == i)
		return i; /* initials are followed by a space */
	while (groups < 2 && j >= lo + 3 && s[j - 1] == '.' && is_cyr_upper(cyr_at(s, j, j - 3))) {
		/* The letter must start a word: «Д.», not the end of «ул.». */
		if (letter_before(s, lo, j - 3))
			break;
		j -= 3;
		start = j;
		groups++;
		j = back_space(s, lo, j);
	}
	return start;
}

/* The letters of «Д. В.» between from and to, stored in l[0], l[1]. */
static int initials_in(const char *s, size_t from, size_t to, uint32_t l[2])
{
	size_t i;
	uint32_t cp;
	int n = 0;

	/* Byte by byte: 0xD0 is never the second byte of a character. */
	for (i = from; i < to && n < 2; i++) {
		cp = cyr_at(s, to, i);
		if (is_cyr_upper(cp))
			l[n++] = cp;
	}
	return n;
}

/* Do the initials fit the person? 1 yes, 0 no. */
static bool initials_fit(const struct target *t, const uint32_t l[2], int n)
{
	return n >= 1 && l[0] == t->name_initial && (n < 2 || l[1] == t->patr_initial);
}

struct mention {
	const struct target *t;
	size_t start, end; /* the whole mention, initials before included */
	bool full;         /* with the full name */
};

/*
 * Weigh every person whose surname fits the word at i and keep the best:
 * initials or a name that fit (3) beat a bare surname written exactly as
 * in people.yml (2), which beats a bare case form (1); initials that do
 * not fit rule the person out. On a tie a hidden person wins: hiding a
 * word too many is safe, leaking a name is not.
 */
static bool match(const struct nv_guard *r, const char *s, size_t n, size_t lo, size_t i,
		  struct mention *best)
{
	/* s[i] is A–Z, or 0xD0 and s[i + 1] 0x90–0xAF (А–Я) or 0x81 (Ё): see upper_start(). */
	size_t k = (unsigned char)s[i] < 0x80 ? BUCKETS - 1
					      : bucket_of(0x400 + ((unsigned char)s[i + 1] & 0x3F));
	size_t j, e, e2, e3, before;
	uint32_t l[2];
	int score, best_score = 0, ni;
	const struct target *t;
	uint64_t head = load8(s + i, n - i);
	bool full;

	best->t = NULL;
	if (i + 3 < n && !((r->second[k] >> ((unsigned char)s[i + 3] & 63)) & 1))
		return false;
	before = initials_before(s, lo, i);
	for (j = r->bucket[k]; j < r->bucket[k + 1]; j++) {
		t = &r->t[j];
		if ((head & t->head_mask) != t->head)
			continue;
		e = word_with_stem(s, n, i, t->stem, t->stem_len, 3);
		if (!e)
			continue;
		full = false;
		score = t->surname_len == e - i && !memcmp(s + i, t->p->surname, e - i) ? 2 : 1;
		e2 = initials_at(s, n, skip_space(s, n, e));
		if (e2) {
			/* «Гусев Д. В.» */
			ni = initials_in(s, e, e2, l);
			if (!initials_fit(t, l, ni))
				continue;
			score = 3;
			e = e2;
		} else if (before < i) {
			/* «Д. В. Гусев» */
			ni = initials_in(s, before, i, l);
			if (!initials_fit(t, l, ni))
				continue;
			score = 3;
		} else if (t->name_stem) {
			/* «Гусев Дмитрий Валерьевич» in any case form */
			e2 = word_with_stem(s, n, skip_space(s, n, e), t->name_stem,
					    strlen(t->name_stem), 6);
			if (e2 && e2 > skip_space(s, n, e)) {
				full = true;
				score = 3;
				e3 = t->patr_stem ? word_with_stem(s, n, skip_space(s, n, e2),
								   t->patr_stem,
								   strlen(t->patr_stem), 14)
						  : 0;
				e = e3 ? e3 : e2;
			}
		}
		if (score > best_score || (score == best_score && t->hide && !best->t->hide)) {
			best_score = score;
			best->t = t;
			best->start = t->hide ? before : i;
			best->end = e;
			best->full = full;
		}
	}
	return best_score > 0;
}

/*
 * Can a capitalised word start at s[i]? А–Я, Ё (0xD0 0x90–0xAF, 0xD0
 * 0x81), and with `latin` A–Z: people.yml may hold a surname in Latin
 * letters, but most schools have none, and then there is no need to stop
 * at every «PDF».
 */
static bool upper_start(const char *s, size_t n, size_t i, bool latin)
{
	unsigned char b;

	if (latin && s[i] >= 'A' && s[i] <= 'Z')
		return true;
	if ((unsigned char)s[i] != 0xD0 || i + 1 >= n)
		return false;
	b = (unsigned char)s[i + 1];
	return b == 0x81 || (b >= 0x90 && b <= 0xAF);
}

static size_t redact(const struct nv_guard *r, struct nv_buf *out, const char *s, size_t n,
		     bool markup, bool count_only, size_t from, struct nv_guard_hit *hit)
{
	size_t i = from, j, count = 0, lo = from, copied = 0;
	const struct target *t;
	struct mention mt = { NULL, 0, 0, false };

	/*
	 * Text without mentions is copied in one piece: s[copied, i) has been
	 * read and is still to be copied unchanged. Initials before a surname
	 * are looked for in s[lo, i) only: lo is after the last tag, and after
	 * the last mention, whose initials are its own (and gone from out if
	 * it was replaced). So lo >= copied: initials to take back from out
	 * are always among the bytes of s just copied.
	 */
	while (i < n) {
		if (markup && s[i] == '<') {
			const char *gt = memchr(s + i, '>', n - i);
			i = gt ? (size_t)(gt - s) + 1 : n;
			lo = i;
			continue;
		}
		/* Skip everything up to the next tag or capital letter at once. */
		for (j = i; j < n && !(markup && s[j] == '<') && !upper_start(s, n, j, r->latin);
		     j++)
			;
		if (j > i) {
			i = j;
			continue;
		}
		if (letter_before(s, lo, i) || !match(r, s, n, lo, i, &mt)) {
			i += (unsigned char)s[i] < 0x80 ? 1 : 2;
			continue;
		}
		t = mt.t;
		if (hit) {
			hit->p = t->p;
			hit->start = mt.start;
			hit->end = mt.end;
			hit->leak = t->hide || (mt.full && !t->full);
			return 1;
		}
		if (t->hide || (mt.full && !t->full)) {
			count++;
			if (count_only)
				return count;
			nv_buf_add(out, s + copied, i - copied);
			/* The initials s[mt.start, i) were copied already: take them back. */
			if (mt.start < i)
				nv_buf_truncate(out, out->len - (i - mt.start));
			if (t->hide) {
				if (markup)
					nv_buf_add_html(out, t->replacement,
							strlen(t->replacement));
				else
					nv_buf_adds(out, t->replacement);
			} else {
				/* Published with initials: keep the surname as written, shorten the
				 * rest. */
				size_t e = word_with_stem(s, n, i, t->stem, t->stem_len, 3);
				nv_buf_add(out, s + i, e - i);
				nv_buf_adds(out, t->replacement + t->surname_len);
			}
			copied = mt.end;
		}
		/*
		 * Go on after the whole mention, also one that is kept: the words
		 * of «Лебедева Анна Сергеевна» are hers, «Сергеевна» is not a
		 * case form of another person's «Сергеев».
		 */
		i = lo = mt.end;
	}
	if (out)
		nv_buf_add(out, s + copied, n - copied);
	return count;
}

size_t nv_redact(const struct nv_guard *r, struct nv_buf *out, const char *text, size_t len,
		 bool markup)
{
	return redact(r, out, text, len, markup, false, 0, NULL);
}

bool nv_guard_find(const struct nv_guard *g, const char *text, size_t len, size_t from,
		   bool markup, struct nv_guard_hit *hit)
{
	return from < len && redact(g, NULL, text, len, markup, true, from, hit) > 0;
}

bool nv_redact_finds(const struct nv_guard *r, const char *text, size_t len, bool markup)
{
	return redact(r, NULL, text, len, markup, true, 0, NULL) > 0;
}
