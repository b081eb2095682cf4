/*
 * model_mixed.c: the secretary's warnings for words whose letters look
 * right on screen but are not (guard_mixed.c): a Russian word typed
 * partly in Latin letters, «CОШ», a «й» or «ё» of two characters, in a
 * document's text (model_text.c) and its front matter's fields (here):
 * the site's search misses such a word, a screen reader reads it wrong.
 * And a word broken by a hyphen at the end of a line, in either, as
 * copied from a PDF: the site and the printout show «настав- никами».
 * And a paragraph of a scan recognised as Latin instead of Russian, in
 * the text.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "guard.h"
#include "guard_int.h"
#include "markdown.h"
#include "model_int.h"
#include "utf8.h"
#include "value.h"

struct nv_diag *mdl_mixed_warn(struct nv_diags *d, const char *path, int line, int col,
			       const char *s, const struct nv_guard_word *w, const char *key)
{
	struct nv_buf msg = NV_BUF_INIT;
	struct nv_diag *diag;

	nv_buf_addf(&msg, "«%.*s»", (int)(w->end - w->start), s + w->start);
	if (key)
		nv_buf_addf(&msg, " в поле «%s»", key);
	nv_buf_adds(&msg, " — в слове ");
	if (w->nlatin)
		nv_buf_adds(&msg, "русские и латинские буквы вперемешку: ");
	nv_guard_mixed_describe(&msg, w);
	diag = nv_warning(d, path, line, col, "%s", msg.ptr);
	nv_diag_hint(diag, "наберите слово заново в русской раскладке: на экране буквы не "
			   "отличить, но поиск по сайту не найдёт это слово, а экранный диктор "
			   "прочтёт его неверно");
	nv_buf_release(&msg);
	return diag;
}

void mdl_meta_written_at(struct nv_doc *doc, const struct nv_value *v, const char *word, size_t n,
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

/* The words with wrong letters in the scalars under v; key: the innermost member's. */
static void meta_value(struct builder *b, const struct nv_entry *e, const struct nv_value *v,
		       const char *key, struct nv_guard_word *w)
{
	size_t i, at = 0;
	int line, col;

	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			meta_value(b, e, v->items[i], key, w);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			meta_value(b, e, v->members[i].value, v->members[i].key, w);
	} else if (v->str) {
		while (nv_guard_mixed_word(v->str, v->len, &at, w)) {
			mdl_meta_written_at(e->doc, v, v->str + w->start, w->end - w->start, &line,
					    &col);
			mdl_mixed_warn(b->d, e->doc->path, line, col, v->str, w, key);
		}
	}
}

/*
 * The words broken at the end of a line of e's front matter as written: a
 * value going on in the next line is joined with a space, as in the text.
 * Comments are nobody's text.
 */
static void broken_meta(struct builder *b, const struct nv_entry *e)
{
	struct nv_doc *doc = e->doc;
	const char *t = nv_content_doc_text(doc, NULL), *p, *end, *nl;
	struct mdl_line l = { b, e, NULL, 0, 0 };
	int col;

	if (!t)
		return;
	p = t + doc->split.meta_off;
	end = p + doc->split.meta_len;
	nv_utf8_position(t, doc->split.meta_off, &l.no, &col);
	for (; p < end; p = nl + 1, l.no++) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		l.s = p;
		l.n = (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
		while (p < nl && *p == ' ')
			p++;
		if (p < nl && *p != '#')
			mdl_check_broken(&l, end);
	}
	nv_content_doc_text_done(doc);
}

void mdl_check_mixed_meta(struct builder *b, const struct nv_entry *e)
{
	struct nv_guard_word w = { .latin = NV_BUF_INIT };

	if (e->doc && e->doc->meta_mixed && e->doc->meta) {
		meta_value(b, e, e->doc->meta, NULL, &w);
		broken_meta(b, e);
	}
	nv_guard_word_release(&w);
}

/* Whether s[0, end) ends in a word of letters, Russian or Latin: its start in *start. */
static bool word_before(const char *s, size_t end, size_t *start)
{
	size_t i = end;

	for (;;) {
		if (i >= 2 && nv_guard_cyr_len(s, end, i - 2))
			i -= 2;
		else if (i >= 1 && nv_guard_is_lat((unsigned char)s[i - 1]))
			i--;
		else
			break;
	}
	*start = i;
	return i < end;
}

void mdl_check_broken(const struct mdl_line *l, const char *end)
{
	const char *s = l->s, *next = l->s + l->n;
	size_t start, k = 0, n;
	struct nv_buf msg = NV_BUF_INIT;

	/* a Russian letter before the hyphen, as NV_MD_TEXT_MIXED, which lets this run, has it */
	if (l->n < 3 || s[l->n - 1] != '-' || !nv_guard_cyr_len(s, l->n, l->n - 3) ||
	    !word_before(s, l->n - 1, &start))
		return;
	/* the next line, its indent skipped: a small Russian letter (а–я, ё) starts it */
	if (next < end && *next == '\r')
		next++;
	if (next < end && *next == '\n')
		next++;
	while (next < end && (*next == ' ' || *next == '\t'))
		next++;
	n = (size_t)(end - next);
	if (n < 2 || !nv_guard_is_small_ru((const unsigned char *)next))
		return;
	while (k < n && nv_guard_cyr_len(next, n, k))
		k += 2;
	nv_buf_addf(&msg,
		    "«%.*s» / «%.*s» — слово разорвано переносом в конце строки: на сайте и в "
		    "печати выйдет «%.*s %.*s»",
		    (int)(l->n - start), s + start, (int)k, next, (int)(l->n - start), s + start,
		    (int)k, next);
	nv_diag_hint(mdl_warn_at(l, start, msg.ptr),
		     "напишите слово в одной строке и без дефиса переноса: «%.*s%.*s»; если "
		     "дефис в слове нужен («кое-как»), разорвите строку в другом месте",
		     (int)(l->n - 1 - start), s + start, (int)k, next);
	nv_buf_release(&msg);
}

void mdl_check_misread(const struct mdl_line *l, size_t ind, bool *said)
{
	/* The website and the PDF would show it as it is. */
	if (*said || !nv_md_misread(l->s + ind, l->n - ind))
		return;
	*said = true;
	nv_diag_hint(mdl_warn_at(l, ind,
				 "абзац набран латиницей вместо русских букв: похоже на скан, "
				 "распознанный не на том языке"),
		     "сверьте абзац с бумажным оригиналом и наберите его заново или удалите: "
		     "на сайте и в печати он выйдет как есть");
}
