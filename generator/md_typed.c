/*
 * md_typed.c: Markdown typed so that it does not read as the author
 * meant, which the facts of a body (md_facts.c, NV_MD_TEXT_LINK and
 * NV_MD_TEXT_HEADING), its parse (markdown.c) and the secretary's checks
 * of its lines (model_chars.c, model_text.c) look for: an image with no text, a link
 * or an image whose address has a space or is typed a space after its
 * text, a heading with no space after its «#», the label a line starts
 * with («Телефон: »), which Markdown joins to the line above, «**» it could
 * not pair into bold; and an image paper can show only as its text.
 */
#include "common.h"

#include "buf.h"
#include "fs.h"
#include "markdown.h"
#include "md_table.h"

#include <cmark.h>

/* Whether the n bytes at u start with a capital letter, Latin or Russian (Ё, А–Я). */
static bool capital_at(const unsigned char *u, size_t n)
{
	return n && ((u[0] >= 'A' && u[0] <= 'Z') ||
		     (n > 1 && u[0] == 0xD0 && (u[1] == 0x81 || (u[1] >= 0x90 && u[1] <= 0xAF))));
}

/* Whether bold may open after the byte c: a space, a no-break one («\xC2\xA0»), «(», «««. */
static bool opens_after_byte(unsigned char c)
{
	return c == ' ' || c == '(' || c == 0xA0 || c == 0xAB;
}

/* The length of an image with no text at s («![](», «![ ][»), or 0. */
size_t nv_md_image_without_text(const char *s, size_t n)
{
	size_t i = 2;

	if (n < 4 || s[0] != '!' || s[1] != '[')
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i + 1 < n && s[i] == ']' && (s[i + 1] == '(' || s[i + 1] == '[') ? i + 2 : 0;
}

size_t nv_md_spaced_address(const char *s, size_t n)
{
	size_t i = 2, k;

	if (n < 4 || s[0] != ']' || s[1] != '(')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i == n || s[i] == '<')
		return 0;
	while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ')' && s[i] != '\n')
		i++;
	for (k = i; k < n && (s[k] == ' ' || s[k] == '\t');)
		k++;
	/* a title after the address, the end of the link or of the line: read */
	if (k == i || k == n || strchr("\"'()\r\n", s[k]))
		return 0;
	while (k < n && s[k] != ')' && s[k] != '\n')
		k++;
	while (k > 2 && (s[k - 1] == ' ' || s[k - 1] == '\r'))
		k--;
	return k - 2;
}

size_t nv_md_split_link(const char *s, size_t n)
{
	size_t i = 1, a, e;

	while (i < n && s[i] == ' ')
		i++;
	if (i == 1 || i + 1 >= n || s[i] != '(')
		return 0;
	for (a = e = i + 1; e < n && s[e] != ')' && s[e] != ' ' && s[e] != '\n';)
		e++;
	if (e == n || s[e] != ')' || e == a)
		return 0;
	/* an address: of a site, a file, a document, a person («@id») */
	if (memchr(s + a, '/', e - a) || s[a] == '@' || nv_ends_with_nocase(s + a, e - a, ".md") ||
	    nv_file_publishable(s + a, e - a))
		return e + 1;
	return 0;
}

size_t nv_md_heading_unspaced(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n && i < 7 && s[i] == '#')
		i++;
	if (!i || i > 6 || i == n)
		return 0;
	return (u[i] >= '0' && u[i] <= '9') || capital_at(u + i, n - i) ? i : 0;
}

bool nv_md_line_label(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *colon;
	size_t i, words = 1;

	if (!s || !capital_at(u, strnlen(s, 2)))
		return false;
	/* most lines have no colon near their start */
	if (!(colon = memchr(s, ':', strnlen(s, 40))))
		return false;
	for (i = 1; s + i < colon; i++) {
		if (u[i] == ' ' && ++words > 3)
			return false;
		if (u[i] < 0x80 && u[i] != ' ' && u[i] != '-' && u[i] != '.' &&
		    !((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z') &&
		    !(u[i] >= '0' && u[i] <= '9'))
			return false;
	}
	return !colon[1] || colon[1] == ' ' || (colon[1] == '\xC2' && colon[2] == '\xA0');
}

/* Whether bold may open after node, a paragraph's inline before it (NULL: none). */
static bool opens_after(cmark_node *node)
{
	const char *lit;
	size_t n;

	if (!node)
		return true;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return true;
	case CMARK_NODE_TEXT:
		lit = cmark_node_get_literal(node);
		n = lit ? strlen(lit) : 0;
		return !n || opens_after_byte((unsigned char)lit[n - 1]);
	default:
		return false;
	}
}

void nv_md_stars(cmark_node *node, int *count, cmark_node **first, size_t *off)
{
	const char *lit = cmark_node_get_literal(node), *p;

	for (p = lit; p && (p = strchr(p, '*')); p += strspn(p, "*")) {
		if (p[1] != '*')
			continue;
		++*count;
		if (!*first && (p > lit ? opens_after_byte((unsigned char)p[-1])
					: opens_after(cmark_node_previous(node)))) {
			*first = node;
			*off = (size_t)(p - lit);
		}
	}
}

bool nv_md_image_alone(cmark_node *image)
{
	cmark_node *para = cmark_node_parent(image), *n;
	const char *t;

	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return false;
	for (n = cmark_node_first_child(para); n; n = cmark_node_next(n))
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		case CMARK_NODE_TEXT:
			for (t = cmark_node_get_literal(n); t && *t; t++)
				if (*t != ' ' && *t != '\t')
					return false;
			break;
		default:
			return false;
		}
	n = cmark_node_parent(para);
	if (n && cmark_node_get_type(n) == CMARK_NODE_ITEM && cmark_node_first_child(n) == para)
		return false;
	for (; n; n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_CUSTOM_BLOCK &&
		    nv_md_part(n) != NV_MD_PART_NONE)
			return false;
	return true;
}

bool nv_md_image_printable(const char *path)
{
	size_t n = strlen(path);

	return nv_ends_with_nocase(path, n, ".png") || nv_ends_with_nocase(path, n, ".jpg") ||
	       nv_ends_with_nocase(path, n, ".jpeg");
}
