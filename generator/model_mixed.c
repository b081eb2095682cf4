/*
 * model_mixed.c: the secretary's warnings for words whose letters look
 * right on screen but are not (guard_mixed.c): a Russian word typed
 * partly in Latin letters, «CОШ», a «й» or «ё» of two characters, in a
 * document's text (model_text.c) and its front matter's fields (here):
 * the site's search misses such a word, a screen reader reads it wrong.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "guard.h"
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
			written_at(e->doc, v, v->str + w->start, w->end - w->start, &line, &col);
			mdl_mixed_warn(b->d, e->doc->path, line, col, v->str, w, key);
		}
	}
}

void mdl_check_mixed_meta(struct builder *b, const struct nv_entry *e)
{
	struct nv_guard_word w = { .latin = NV_BUF_INIT };

	if (e->doc && e->doc->meta_mixed && e->doc->meta)
		meta_value(b, e, e->doc->meta, NULL, &w);
	nv_guard_word_release(&w);
}
