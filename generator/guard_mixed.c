/*
 * guard_mixed.c: words whose letters look right on screen but are not:
 * Russian words typed partly in Latin letters that look the same
 * («Петрoв» with a Latin «o», «CОШ» with a Latin «C»: a keyboard left in
 * the English layout, text copied from a scan), and «й» or «ё» made of
 * two characters, «и» or «е» and a combining mark (text copied from a
 * PDF), and words broken by a hyphen at the end of a line. The guard
 * reads a Latin letter as Latin and drops a combining mark, so a hidden
 * person's name typed so would get past it: in a text with such words
 * the caller has it read instead a copy whose words have those letters
 * made plain Russian, and gets each mention at the place it has in the
 * text; so do the check of mentions in the sources (model_pd.c) and the
 * website's guard (html_guard.c) for the theme's templates and the files
 * copied as they are. A word all in
 * Latin letters stays Latin (the guard has its own keys for a surname
 * transliterated). The words themselves, for messages: what is wrong
 * with their letters (the secretary's warnings are model_mixed.c's).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "guard_int.h"
#include "markdown.h"

/* The Russian letter a Latin one looks like (UTF-8), by its ASCII code; NULL for none. */
static const char *const look_alike[128] = {
	['A'] = "А", ['B'] = "В", ['C'] = "С", ['E'] = "Е", ['H'] = "Н", ['K'] = "К", ['M'] = "М",
	['O'] = "О", ['P'] = "Р", ['T'] = "Т", ['X'] = "Х", ['Y'] = "У", ['a'] = "а", ['c'] = "с",
	['e'] = "е", ['k'] = "к", ['o'] = "о", ['p'] = "р", ['x'] = "х", ['y'] = "у",
};

/*
 * The plain Russian letter that «и», «И», «е» or «Е» at s[i] and the
 * combining breve or diaeresis after it make («й», «Й», «ё», «Ё»), else
 * NULL; 4 bytes.
 */
static const char *split_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (n - i < 4 || u[0] != 0xD0 || u[2] != 0xCC)
		return NULL;
	if (u[3] == 0x86 && (u[1] == 0xB8 || u[1] == 0x98))
		return u[1] == 0xB8 ? "й" : "Й";
	if (u[3] == 0x88 && (u[1] == 0xB5 || u[1] == 0x95))
		return u[1] == 0xB5 ? "ё" : "Ё";
	return NULL;
}

/*
 * The end of the word of letters (Russian or Latin, a split «й» or «ё»
 * whole) at s[i], and in *lat, *cyr, *split what it has.
 */
static size_t word_end(const char *s, size_t n, size_t i, bool *lat, bool *cyr, bool *split)
{
	size_t k;

	*lat = *cyr = *split = false;
	for (;;) {
		if (i < n && nv_guard_is_lat((unsigned char)s[i])) {
			*lat = true;
			i++;
		} else if (i < n && split_at(s, n, i)) {
			*cyr = *split = true;
			i += 4;
		} else if (i < n && (k = nv_guard_cyr_len(s, n, i))) {
			*cyr = true;
			i += k;
		} else {
			return i;
		}
	}
}

/*
 * The length of a hyphen at s[i] that breaks a word at the end of a line,
 * with the white space after it, when a small Russian letter follows (a
 * soft break reads as a space); 0 for any other.
 */
static size_t broken_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i + 1;

	if (i >= n || s[i] != '-')
		return 0;
	while (j < n && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r'))
		j++;
	if (j == i + 1 || j + 1 >= n)
		return 0;
	return nv_guard_is_small_ru(u + j) ? j - i : 0;
}

/* Put into the copy the letter plain, standing for the k bytes of s at j; done: past them. */
static void put_plain(struct nv_guard_mixed *m, const char *s, size_t *done, size_t j, size_t k,
		      const char *plain)
{
	nv_buf_add(&m->text, s + *done, j - *done);
	NV_GROW(m->plain, m->n + 1, m->alloc);
	m->plain[m->n].at = m->text.len;
	nv_buf_adds(&m->text, plain);
	m->plain[m->n++].shift = (long)(j + k) - (long)m->text.len;
	*done = j + k;
}

/*
 * The copy of s (n bytes) in m->text, its words' Latin look-alikes (in a
 * word with Russian letters) and split letters made plain Russian;
 * returns how many letters were, 0 when none.
 */
static size_t fold(struct nv_guard_mixed *m, const char *s, size_t n)
{
	size_t i = 0, done = 0, e, j;
	const char *plain;
	unsigned char c;
	bool lat, cyr, split;

	m->n = 0;
	nv_buf_reset(&m->text);
	if (!nv_md_may_mix(s, n))
		return 0;
	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr, &split);
		if (e == i) {
			i++;
			continue;
		}
		for (j = i; (split || (lat && cyr)) && j < e; j++) {
			c = (unsigned char)s[j];
			if (split && (plain = split_at(s, n, j))) {
				put_plain(m, s, &done, j, 4, plain);
				j += 3;
			} else if (lat && cyr && c < 0x80 && look_alike[c]) {
				put_plain(m, s, &done, j, 1, look_alike[c]);
			}
		}
		/*
		 * A word broken at the end of a line, as copied from a PDF: «Зуй-» /
		 * «кова»; after its letters, which come before the hyphen.
		 */
		if (cyr && (j = broken_at(s, n, e)))
			put_plain(m, s, &done, e, j, "");
		i = e;
	}
	nv_buf_add(&m->text, s + done, n - done);
	return m->n;
}

/* The text's offset of offset off of the copy (never inside a letter made plain). */
static size_t text_offset(const struct nv_guard_mixed *m, size_t off)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->plain[mid].at < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? (size_t)((long)off + m->plain[lo - 1].shift) : off;
}

bool nv_guard_mixed_start(struct nv_guard_mixed *m, const char *text, size_t len)
{
	return (m->copy = fold(m, text, len) > 0);
}

bool nv_guard_mixed_next(struct nv_guard_mixed *m, const struct nv_guard *g, const char *text,
			 size_t len, size_t *at, bool markup, struct nv_guard_hit *h)
{
	if (!m->copy) {
		if (!nv_guard_find(g, text, len, *at, markup, h))
			return false;
		*at = h->end > h->start ? h->end : h->start + 1;
		return true;
	}
	if (!nv_guard_find(g, m->text.ptr, m->text.len, *at, markup, h))
		return false;
	*at = h->end > h->start ? h->end : h->start + 1;
	h->start = text_offset(m, h->start);
	h->end = text_offset(m, h->end);
	return true;
}

void nv_guard_word_release(struct nv_guard_word *w)
{
	nv_buf_release(&w->latin);
}

bool nv_guard_mixed_word(const char *s, size_t n, size_t *at, struct nv_guard_word *w)
{
	size_t i = *at, e, j;
	char seen[128] = { 0 };
	bool lat, cyr, split;

	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr, &split);
		if (!split && !(lat && cyr)) {
			i = e > i ? e : i + 1;
			continue;
		}
		nv_buf_reset(&w->latin);
		w->nlatin = 0;
		w->split = NULL;
		for (j = i; j < e; j++)
			if (lat && cyr && (unsigned char)s[j] < 0x80 &&
			    !seen[(unsigned char)s[j]]) {
				nv_buf_addf(&w->latin, "%s«%c»", w->nlatin++ ? ", " : "", s[j]);
				seen[(unsigned char)s[j]] = 1;
			} else if (!w->split && split_at(s, n, j)) {
				w->split = split_at(s, n, j);
			}
		w->start = i;
		*at = w->end = e;
		return true;
	}
	*at = n;
	return false;
}

void nv_guard_mixed_describe(struct nv_buf *out, const struct nv_guard_word *w)
{
	if (w->nlatin)
		nv_buf_addf(out, "%s %s", w->latin.ptr, w->nlatin > 1 ? "латинские" : "латинская");
	if (w->split)
		nv_buf_addf(out, "%s«%s» из двух знаков, буквы «%s» и надстрочного знака",
			    w->nlatin ? ", " : "", w->split,
			    w->split[1] == '\xB9' || w->split[1] == '\x99' ? "и" : "е");
}

void nv_guard_mixed_hint(struct nv_buf *out, const char *s, size_t n, bool fix)
{
	struct nv_guard_word w = { .latin = NV_BUF_INIT };
	size_t at = 0;

	if (nv_guard_mixed_word(s, n, &at, &w)) {
		nv_buf_adds(out, "; в этом имени ");
		nv_guard_mixed_describe(out, &w);
		nv_buf_adds(out, fix ? ": наберите его заново в русской раскладке"
				     : ": на экране не отличить, поиск по файлам его не найдёт");
	}
	nv_guard_word_release(&w);
	for (at = 0; at < n && !broken_at(s, n, at); at++)
		;
	if (at < n)
		nv_buf_adds(out, fix ? "; имя разорвано переносом в конце строки, как в тексте из "
				       "PDF: напишите его слитно"
				     : "; имя разорвано переносом в конце строки");
}

void nv_guard_mixed_init(struct nv_guard_mixed *m)
{
	memset(m, 0, sizeof(*m));
	nv_buf_init(&m->text);
}

void nv_guard_mixed_release(struct nv_guard_mixed *m)
{
	nv_buf_release(&m->text);
	free(m->plain);
	nv_guard_mixed_init(m);
}
