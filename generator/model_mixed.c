/*
 * model_mixed.c: Russian words typed partly in Latin letters that look
 * the same («Петрoв» with a Latin «o», «CОШ» with a Latin «C»: a keyboard
 * left in the English layout, text copied from a scan), for the check of
 * mentions (model_pd.c). The guard reads a Latin letter as Latin, so a
 * hidden person's name typed so would get past it onto the website: in a
 * text with such words the check reads instead a copy whose words that
 * mix the two alphabets have their Latin look-alikes made Russian, and
 * gives each mention at the place it has in the text. A word all in
 * Latin letters stays Latin (the guard has its own keys for a surname
 * transliterated).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "guard.h"
#include "markdown.h"
#include "model_int.h"
#include "utf8.h"
#include "value.h"

/* The Russian letter a Latin one looks like (UTF-8), by its ASCII code; NULL for none. */
static const char *const look_alike[128] = {
	['A'] = "А", ['B'] = "В", ['C'] = "С", ['E'] = "Е", ['H'] = "Н", ['K'] = "К", ['M'] = "М",
	['O'] = "О", ['P'] = "Р", ['T'] = "Т", ['X'] = "Х", ['Y'] = "У", ['a'] = "а", ['c'] = "с",
	['e'] = "е", ['k'] = "к", ['o'] = "о", ['p'] = "р", ['x'] = "х", ['y'] = "у",
};

static bool is_lat(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The length of the Cyrillic letter at s[i] (0xD0 or 0xD1, then 0x80–0xBF), else 0. */
static size_t cyr_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return (c & 0xFE) == 0xD0 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
}

/* The end of the word of letters (Russian or Latin) at s[i], and in *lat, *cyr which it has. */
static size_t word_end(const char *s, size_t n, size_t i, bool *lat, bool *cyr)
{
	size_t k;

	*lat = *cyr = false;
	for (;;) {
		if (i < n && is_lat((unsigned char)s[i])) {
			*lat = true;
			i++;
		} else if (i < n && (k = cyr_at(s, n, i))) {
			*cyr = true;
			i += k;
		} else {
			return i;
		}
	}
}

/*
 * The copy of s (n bytes) in m->text, its mixed words' Latin look-alikes
 * made Russian, the copy's offsets of those letters in m->at (each one
 * byte longer than the Latin letter); returns how many, 0 when no word
 * mixes the alphabets.
 */
static size_t fold(struct mdl_mixed *m, const char *s, size_t n)
{
	size_t i = 0, done = 0, e, j;
	unsigned char c;
	bool lat, cyr;

	m->n = 0;
	nv_buf_reset(&m->text);
	if (!nv_md_may_mix(s, n))
		return 0;
	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr);
		if (e == i) {
			i++;
			continue;
		}
		for (j = i; lat && cyr && j < e; j++) {
			c = (unsigned char)s[j];
			if (c >= 0x80 || !look_alike[c])
				continue;
			nv_buf_add(&m->text, s + done, j - done);
			NV_GROW(m->at, m->n + 1, m->alloc);
			m->at[m->n++] = m->text.len;
			nv_buf_adds(&m->text, look_alike[c]);
			done = j + 1;
		}
		i = e;
	}
	nv_buf_add(&m->text, s + done, n - done);
	return m->n;
}

/* The number of letters made Russian before offset off of the copy. */
static size_t before(const struct mdl_mixed *m, size_t off)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->at[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool mdl_mixed_start(struct mdl_mixed *m, const char *text, size_t len)
{
	return (m->copy = fold(m, text, len) > 0);
}

bool mdl_mixed_next(struct mdl_mixed *m, const struct nv_guard *g, const char *text, size_t len,
		    size_t *at, struct nv_guard_hit *h)
{
	if (!m->copy) {
		if (!nv_guard_find(g, text, len, *at, false, h))
			return false;
		*at = h->end > h->start ? h->end : h->start + 1;
		return true;
	}
	if (!nv_guard_find(g, m->text.ptr, m->text.len, *at, false, h))
		return false;
	*at = h->end > h->start ? h->end : h->start + 1;
	h->start -= before(m, h->start);
	h->end -= before(m, h->end);
	return true;
}

size_t mdl_mixed_word(const char *s, size_t n, size_t *at, size_t *start, struct nv_buf *latin)
{
	size_t i = *at, e, j, k = 0;
	char seen[128] = { 0 };
	bool lat, cyr;

	while (i < n) {
		e = word_end(s, n, i, &lat, &cyr);
		if (!lat || !cyr) {
			i = e > i ? e : i + 1;
			continue;
		}
		nv_buf_reset(latin);
		for (j = i; j < e; j++)
			if ((unsigned char)s[j] < 0x80 && !seen[(unsigned char)s[j]]) {
				nv_buf_addf(latin, "%s«%c»", k++ ? ", " : "", s[j]);
				seen[(unsigned char)s[j]] = 1;
			}
		*start = i;
		*at = e;
		return k;
	}
	*at = n;
	return 0;
}

void mdl_mixed_hint(struct nv_buf *out, const char *s, size_t n)
{
	struct nv_buf l = NV_BUF_INIT;
	size_t at = 0, start, k = mdl_mixed_word(s, n, &at, &start, &l);

	if (k)
		nv_buf_addf(out,
			    k > 1 ? "; буквы %s в этом имени латинские, а не русские: наберите его "
				    "заново в русской раскладке"
				  : "; буква %s в этом имени латинская, а не русская: наберите его "
				    "заново в русской раскладке",
			    l.ptr);
	nv_buf_release(&l);
}

void mdl_mixed_init(struct mdl_mixed *m)
{
	memset(m, 0, sizeof(*m));
	nv_buf_init(&m->text);
}

void mdl_mixed_release(struct mdl_mixed *m)
{
	nv_buf_release(&m->text);
	free(m->at);
	mdl_mixed_init(m);
}

struct nv_diag *mdl_mixed_warn(struct nv_diags *d, const char *path, int line, int col,
			       const char *word, size_t n, const char *latin, size_t nlatin,
			       const char *key)
{
	struct nv_buf where = NV_BUF_INIT;
	struct nv_diag *diag;

	if (key)
		nv_buf_addf(&where, " в поле «%s»", key);
	diag = nv_warning(d, path, line, col,
			  "«%.*s»%s — в слове русские и латинские буквы вперемешку: %s %s", (int)n,
			  word, where.ptr ? where.ptr : "", latin,
			  nlatin > 1 ? "латинские" : "латинская");
	nv_diag_hint(diag, "наберите слово заново в русской раскладке: на экране буквы не "
			   "отличить, но поиск по сайту не найдёт это слово, а экранный диктор "
			   "прочтёт его неверно");
	nv_buf_release(&where);
	return diag;
}

/*
 * Where the word (n bytes) of the scalar v is in doc's front matter as
 * written: its first place from v's line on, else v's own place.
 */
static void written_at(struct nv_doc *doc, const struct nv_value *v, const char *word, size_t n,
		       int *line, int *col)
{
	const char *t = nv_content_doc_text(doc, NULL), *p, *end, *w;

	*line = v->line;
	*col = v->col;
	if (!t)
		return;
	end = t + doc->split.meta_off + doc->split.meta_len;
	if ((p = mdl_meta_line(doc, t, v->line)) &&
	    (w = nv_mem_find(p, (size_t)(end - p), word, n)))
		nv_utf8_position(t, (size_t)(w - t), line, col);
	nv_content_doc_text_done(doc);
}

/* The words mixing the alphabets in the scalars under v; key: the innermost member's. */
static void meta_value(struct builder *b, const struct nv_entry *e, const struct nv_value *v,
		       const char *key, struct nv_buf *latin)
{
	size_t i, at = 0, start, k;
	int line, col;

	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			meta_value(b, e, v->items[i], key, latin);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			meta_value(b, e, v->members[i].value, v->members[i].key, latin);
	} else if (v->str) {
		while ((k = mdl_mixed_word(v->str, v->len, &at, &start, latin))) {
			written_at(e->doc, v, v->str + start, at - start, &line, &col);
			mdl_mixed_warn(b->d, e->doc->path, line, col, v->str + start, at - start,
				       latin->ptr, k, key);
		}
	}
}

void mdl_check_mixed_meta(struct builder *b, const struct nv_entry *e)
{
	struct nv_buf latin = NV_BUF_INIT;

	if (e->doc && e->doc->meta_mixed && e->doc->meta)
		meta_value(b, e, e->doc->meta, NULL, &latin);
	nv_buf_release(&latin);
}
