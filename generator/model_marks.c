/*
 * model_marks.c: raw HTML in the bodies. A comment «<!-- не для сайта -->»
 * marks a list item the website leaves out (paper keeps it); a comment
 * that speaks of the website but is no such mark is an error. Any other
 * HTML («<br>», «<iframe …>», a pasted «<table>») neither the website
 * nor paper shows, so each is said at its place with what to write
 * instead: a block of it, whose text would vanish, is an error.
 */
#include "common.h"

#include <ctype.h>

#include "alloc.h"
#include "content.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "utf8.h"

/* «<!-- не для сайта -->» (spaces around the words are free), as cmark keeps a comment. */
static bool private_mark(cmark_node *node)
{
	static const char words[] = "не для сайта";
	const char *s = cmark_node_get_literal(node);
	size_t n;

	if (!s)
		return false;
	s += strspn(s, " \t\r\n");
	if (strncmp(s, "<!--", 4))
		return false;
	s += 4;
	s += strspn(s, " \t\r\n");
	n = strlen(words);
	if (strncmp(s, words, n))
		return false;
	s += n;
	s += strspn(s, " \t\r\n");
	if (strncmp(s, "-->", 3))
		return false;
	s += 3;
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* A list item marked private: the mark is a block of it or inline in one of its paragraphs. */
static bool private_item(cmark_node *item)
{
	cmark_node *c, *in;

	for (c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK && private_mark(c))
			return true;
		if (cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
			continue;
		for (in = cmark_node_first_child(c); in; in = cmark_node_next(in))
			if (cmark_node_get_type(in) == CMARK_NODE_HTML_INLINE && private_mark(in))
				return true;
	}
	return false;
}

/*
 * The file position of raw HTML node: the first `needle` (n bytes) from
 * the start of its line on (an inline node has no position: its
 * paragraph's first line is taken), counted in characters; its line
 * and column 1 when it is not found.
 */
static void html_pos(const struct nv_entry *e, cmark_node *node, const char *needle, size_t n,
		     int *line, int *col)
{
	/* A load for once dropped the text: it is read again for the place. */
	const char *text = e->text || !e->doc ? e->text : nv_content_doc_text(e->doc, NULL);
	const char *p = text, *end = text ? text + e->text_len : NULL, *q, *at;
	int nl = cmark_node_get_start_line(node), k;

	if (nl < 1)
		nl = cmark_node_get_start_line(cmark_node_parent(node));
	*line = (nl < 1 ? 1 : nl) + e->md->first_line - 1;
	*col = 1;
	for (k = 1; p && p < end && k < *line; p++)
		if (*p == '\n')
			k++;
	for (q = p; q && n && q + n <= end; q++)
		if (!memcmp(q, needle, n)) {
			for (at = p; (at = memchr(at, '\n', (size_t)(q - at))); p = ++at)
				++*line;
			*col = (int)nv_utf8_count(p, (size_t)(q - p)) + 1;
			break;
		}
	if (!e->text && e->doc)
		nv_content_doc_text_done(e->doc);
}

/* A comment in the place of a mark: directly in an item, or inline in an item's paragraph. */
static bool mark_placed(cmark_node *node)
{
	cmark_node *parent = cmark_node_parent(node);

	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
		return cmark_node_get_type(parent) == CMARK_NODE_ITEM;
	return cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH &&
	       cmark_node_get_type(cmark_node_parent(parent)) == CMARK_NODE_ITEM;
}

/*
 * A comment that speaks of the website but hides nothing is an error: a
 * mark misspelt, with the item's text after it on its line (cmark makes
 * the whole line the comment: the text would vanish from paper too), or
 * outside a list item.
 */
static void check_mark(struct builder *b, const struct nv_entry *e, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node), *close, *msg, *hint;
	int line, col;

	if (!s || !strstr(s, "для сайта"))
		return;
	close = strstr(s, "-->");
	if (!private_mark(node) && cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK && close &&
	    close[3 + strspn(close + 3, " \t")] != '\n' && close[3 + strspn(close + 3, " \t")]) {
		msg = "текст после «<!-- не для сайта -->» на той же строке "
		      "не выйдет ни на сайте, ни на бумаге";
		hint = "перенесите текст пункта на следующую строку с отступом, как у "
		       "текста пункта";
	} else if (!private_mark(node)) {
		msg = "метка «не для сайта» не распознана: текст будет "
		      "опубликован на сайте";
		hint = "пишите ровно <!-- не для сайта -->";
	} else if (!mark_placed(node)) {
		msg = "метка «не для сайта» действует только в пункте списка: "
		      "этот текст будет опубликован на сайте";
		hint = "поставьте её в пункт списка («1. …», «- …») отдельной строкой "
		       "в начале пункта или в конце его текста; документ целиком "
		       "скрывает {id: …, web: false} в appendices приказа";
	} else
		return;
	/* Only a mark in error is placed: a load for once reads the file again for it. */
	html_pos(e, node, "<!--", 4, &line, &col);
	nv_diag_hint(nv_error(b->d, e->path, line, col, "%s", msg), "%s", hint);
}

/* What to write instead of a tag (by its name, in lower case); the last is any other's. */
static const struct {
	const char *tag, *hint;
} instead[] = {
	{ "br", "новая строка того же абзаца — обратная косая черта «\\» в конце строки, "
		"новый абзац — пустая строка" },
	{ "b", "жирный шрифт — **текст**" },
	{ "strong", "жирный шрифт — **текст**" },
	{ "i", "курсив — *текст*" },
	{ "em", "курсив — *текст*" },
	{ "u", "подчёркивание в документах не принято: выделите **жирным**" },
	{ "a", "ссылку запишите как [текст](адрес)" },
	{ "img", "изображение вставьте как ![подпись](../files/имя.jpg)" },
	{ "table", "таблицу запишите строками «| … | … |» со строкой «|---|---|» под шапкой или "
		   "блоком ```table (man nastavnik.5)" },
	{ "iframe", "видео или карту дайте ссылкой: [Запись семинара](https://…)" },
	{ "video", "видео дайте ссылкой: [Запись семинара](https://…)" },
	{ "script", "скрипты на сайт не попадают: уберите его" },
	{ "style", "оформление задаёт тема сайта, а на бумаге ГОСТ: уберите его" },
	{ NULL, "запишите текст без тегов: оформление задаёт тема сайта, а на бумаге ГОСТ; "
		"заметку для себя — комментарием <!-- … -->" },
};

/*
 * Raw HTML that is no comment: neither the website nor paper shows it.
 * A block of it is an error at its place, for the text in it would
 * vanish unsaid; a tag inside a paragraph, whose text stays, a warning,
 * once for a tag and its end (the opening one).
 */
static void check_html(struct builder *b, const struct nv_entry *e, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node), *name;
	char tag[16];
	size_t n = 0, i, shown, end;
	struct nv_diag *dg;
	int line, col;

	if (!s)
		return;
	s += strspn(s, " \t\r\n");
	if (!strncmp(s, "<!--", 4) || !strncmp(s, "</", 2) || *s != '<')
		return;
	for (name = s + 1; n + 1 < sizeof(tag) && isalnum((unsigned char)name[n]); n++)
		tag[n] = (char)tolower((unsigned char)name[n]);
	tag[n] = '\0';
	for (i = 0; instead[i].tag && strcmp(instead[i].tag, tag); i++)
		;
	/* The tag as written, up to its end on its line or about 60 bytes. */
	end = strcspn(s, ">\n");
	end = s[end] == '>' ? end + 1 : end;
	shown = nv_utf8_cut(s, end, 60);
	html_pos(e, node, s, strcspn(s, "\n"), &line, &col);
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
		dg = nv_error(b->d, e->path, line, col,
			      "HTML-разметка «%.*s%s» не выводится ни на сайте, ни на бумаге: "
			      "текст в ней пропадёт",
			      (int)shown, s, shown < end ? "…" : "");
	else
		dg = nv_warning(b->d, e->path, line, col,
				"HTML-разметка «%.*s%s» не выводится ни на сайте, ни на бумаге",
				(int)shown, s, shown < end ? "…" : "");
	nv_diag_hint(dg, "%s", instead[i].hint);
}

/*
 * The marks of entry i: its items are its own. A body that had neither a
 * mark nor an error in the last build and has not changed is not walked
 * again (model_cache.h).
 */
void mdl_find_private_items(struct builder *b, size_t i)
{
	struct nv_entry *e = b->m->entries[i];
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *node;
	size_t alloc = 0, mark;

	if (!e->md || mdl_cache_replay(b, MDL_CHECK_MARKS, i))
		return;
	mark = b->d->nr;
	/* Marks are raw HTML: a body without any has none, tree or not (markdown.h). */
	if (!e->md->raw_html) {
		mdl_cache_store(b, MDL_CHECK_MARKS, i, mark);
		return;
	}
	/* A body taken from its summary (md_summary.h) is parsed now. */
	if (!e->md->root &&
	    (!e->doc || e->md != e->doc->md || nv_content_doc_tree(e->doc, NULL, b->d) < 0))
		return;
	it = cmark_iter_new(e->md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK ||
		     cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE)) {
			check_mark(b, e, node);
			check_html(b, e, node);
		}
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_ITEM ||
		    !private_item(node))
			continue;
		NV_GROW(e->private_items, e->nprivate_items + 1, alloc);
		e->private_items[e->nprivate_items++] = node;
	}
	cmark_iter_free(it);
	/* Nodes cannot be kept between builds: only «nothing here» is. */
	if (!e->nprivate_items && b->d->nr == mark)
		mdl_cache_store(b, MDL_CHECK_MARKS, i, mark);
}
