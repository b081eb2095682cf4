/*
 * model_quotes.c: the secretary's warning for the «ёлочки» of a
 * document's text that do not pair: a closing one with none open before
 * it («(далее — Положение»)», as in a real положение), or one left open
 * at the end. They pair over the whole text, as a quoted passage of
 * several paragraphs has them; one with a space on both sides is a
 * separator («Сведения » Наставничество»). Only a text with more of one
 * kind than of the other and the straight quotes can make up for is
 * read (NV_MD_TEXT_QUOTES, md_facts.c): «"Положение»» may be meant, as
 * typography makes «"» a «.
 */
#include "common.h"

#include "content.h"
#include "diag.h"
#include "model_int.h"
#include "utf8.h"

/* Whether the byte at p (none outside [s, end)) is a space. */
static bool space_at(const char *s, const char *end, const char *p)
{
	return p < s || p >= end || *p == ' ' || *p == '\t';
}

/*
 * The words around the quote at s[at] (2 bytes) of the line s, n bytes,
 * into out (size bytes): up to three words before it and the rest of its
 * own, or, after, its own and up to three after it; «…» where the line
 * goes on.
 */
static void around(char *out, size_t size, const char *s, size_t n, size_t at, bool after)
{
	size_t from = at, to = at + 2, spaces = 0;

	if (after)
		while (to < n && to - at < 80 && !(s[to] == ' ' && ++spaces == 4))
			to++;
	else
		while (from && at - from < 80 && !(s[from - 1] == ' ' && ++spaces == 4))
			from--;
	while (!after && to < n && to - at < 24 && s[to] != ' ')
		to++;
	/* not in the middle of a character */
	while (from < at && ((unsigned char)s[from] & 0xC0) == 0x80)
		from++;
	while (to < n && ((unsigned char)s[to] & 0xC0) == 0x80)
		to++;
	snprintf(out, size, "%s%.*s%s", from ? "…" : "", (int)(to - from), s + from,
		 to < n ? "…" : "");
}

void mdl_check_quotes(const struct mdl_line *l, struct mdl_quotes *q)
{
	const char *s = l->s, *end = s + l->n, *p = s;
	char words[200];
	size_t at;

	while ((p = memchr(p, 0xC2, (size_t)(end - p))) != NULL && end - p >= 2) {
		p += 2;
		at = (size_t)(p - 2 - s);
		if (((unsigned char)p[-1] != 0xAB && (unsigned char)p[-1] != 0xBB) ||
		    (space_at(s, end, p - 3) && space_at(s, end, p)))
			continue; /* not «», or a separator */
		if ((unsigned char)p[-1] == 0xAB) {
			if (!q->depth++) {
				q->line = l->no;
				q->col = (int)nv_utf8_count(s, at) + 1;
				around(q->words, sizeof(q->words), s, l->n, at, true);
			}
		} else if (q->depth) {
			q->depth--;
		} else {
			around(words, sizeof(words), s, l->n, at, false);
			nv_diag_hint(nv_warning(l->b->d, l->e->doc->path, l->no,
						(int)nv_utf8_count(s, at) + 1,
						"закрывающая кавычка без открывающей: %s", words),
				     "поставьте открывающую кавычку перед закавыченными словами "
				     "или уберите лишнюю: на сайте и в печати кавычки выйдут как "
				     "есть");
		}
	}
}

void mdl_check_quotes_end(struct builder *b, const struct nv_entry *e, const struct mdl_quotes *q)
{
	if (q->depth)
		nv_diag_hint(nv_warning(b->d, e->doc->path, q->line, q->col,
					"кавычка открыта и не закрыта до конца текста: %s",
					q->words),
			     "поставьте закрывающую кавычку после закавыченных слов или уберите "
			     "лишнюю: на сайте и в печати кавычки выйдут как есть");
}
