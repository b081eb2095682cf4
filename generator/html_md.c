/*
 * html_md.c: Markdown bodies as HTML; see html_md.h.
 *
 * Modelled on cmark's own renderer (src/html.c, S_render_node): one walk
 * in the order of cmark's iterator (nv_md_step), one switch on the node type, ENTER and EXIT
 * events. It writes what cmark_render_html writes without
 * CMARK_OPT_SOURCEPOS, so the escaping below is cmark's (houdini):
 * text escapes & < > " and hrefs are percent-encoded outside a safe set.
 * What the website needs on top — the model's link targets, heading ids
 * and headings one level down; tables (md_table.h) in a scroll region;
 * class="paren" on lists numbered «1)», which keep that delimiter; for a fragment (build
 * --fragment), absolute links and the numbers of ordered items written as text; requisites in text
 * kept on one line (html_keep.h) — is applied on output: the tree belongs to the model and may be
 * rendered again (PDF, rebuilds, other threads never share a tree, but nothing here relies on
 * that).
 */
#include "common.h"

#include <cmark.h>

#include "alloc.h"
#include "buf.h"
#include "html_keep.h"
#include "html_md.h"
#include "markdown.h"
#include "md_table.h"

#define MD_MAX_NEST 16

/* One open list, for numbers written as text: its kind and last number. */
struct md_level {
	bool ordered;
	bool paren; /* numbered «1)» as written */
	int n;
};

struct render {
	struct nv_buf *out;
	size_t start; /* where this body starts in out */
	const struct nv_md *md;
	char *const *link_urls;
	char *const *link_texts;
	size_t next_link; /* the next entry of md->links, in document order */
	int shift;
	bool unsafe;
	cmark_node *plain; /* inside an image: its alt text is written plain */
	cmark_node *skip;  /* a mention: its text (the name as written) is left out */
	struct cmark_node *const *hidden; /* items shown as NV_HTML_MD_PRIVATE_ITEM */
	size_t nhidden;
	/* Fragment mode (nv_html_md_opts): absolute links, numbers as text. */
	const char *base, *page;
	bool text_numbers;
	const char *const *keep; /* names kept on one line (html_keep.h) */
	size_t nkeep;
	int depth;			     /* lists open (text_numbers) */
	struct md_level levels[MD_MAX_NEST]; /* the innermost lists' kinds and counts */
	bool fresh; /* the next paragraph begins an item of an ordered list */
	/*
	 * A paragraph of one image that paper prints as a picture
	 * (nv_md_image_alone()): a <figure>, its alt text its caption too.
	 */
	bool figure;
	size_t alt; /* where the alt text of the image being written starts in out */
};

/* Text as cmark escapes it (houdini_escape_html0, not secure: ' stays). */
static void esc_html(struct nv_buf *b, const char *s)
{
	if (s)
		nv_buf_add_html4(b, s, strlen(s));
}

/* A URL as cmark writes it in an attribute (houdini_escape_href). */
static void esc_href(struct nv_buf *b, const char *s)
{
	static const char safe[] = "-_.+!*(),%#@?=;:/$~";
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(safe, *p))
			nv_buf_addch(b, (char)*p);
		else if (*p == '&')
			nv_buf_adds(b, "&amp;");
		else if (*p == '\'')
			nv_buf_adds(b, "&#x27;");
		else {
			nv_buf_addch(b, '%');
			nv_buf_addch(b, hex[*p >> 4]);
			nv_buf_addch(b, hex[*p & 0xF]);
		}
	}
}

/* A new line unless the output (of this body) is empty or already at one. */
static void cr(struct render *r)
{
	if (r->out->len > r->start && r->out->ptr[r->out->len - 1] != '\n')
		nv_buf_addch(r->out, '\n');
}

/* Raw HTML: omitted in safe mode, else copied without data-sourcepos attributes. */
static void raw_html(struct render *r, const char *s)
{
	static const char attr[] = " data-sourcepos=\"";
	const char *q, *end;

	if (!r->unsafe) {
		nv_buf_adds(r->out, "<!-- raw HTML omitted -->");
		return;
	}
	while (s && (q = strstr(s, attr)) && (end = strchr(q + sizeof(attr) - 1, '"'))) {
		nv_buf_add(r->out, s, (size_t)(q - s));
		s = end + 1;
	}
	if (s)
		nv_buf_adds(r->out, s);
}

/* The href of a link or the src of an image: the model's target if it has one. */
static void target(struct render *r, cmark_node *node)
{
	const char *url = cmark_node_get_url(node);
	const struct nv_md *md = r->md;

	/* The model's list holds links, and images that name a file or are unsafe. */
	if (r->next_link < md->nr_links && md->links[r->next_link].node == node) {
		if (r->link_urls && r->link_urls[r->next_link])
			url = r->link_urls[r->next_link];
		r->next_link++;
	}
	if (!r->unsafe && nv_md_url_unsafe(url))
		return;
	if (r->base && url) {
		struct nv_buf abs = NV_BUF_INIT;
		nv_html_abs_url(&abs, r->base, r->page, url);
		esc_href(r->out, abs.ptr);
		nv_buf_release(&abs);
		return;
	}
	esc_href(r->out, url);
}

/* The title attribute of a link or an image, when it has one. */
static void title_attr(struct render *r, cmark_node *node)
{
	const char *title = cmark_node_get_title(node);

	if (title && *title) {
		nv_buf_adds(r->out, "\" title=\"");
		esc_html(r->out, title);
	}
}

static void heading(struct render *r, cmark_node *node, bool entering)
{
	int level = cmark_node_get_heading_level(node) + r->shift;
	const char *id = nv_md_heading_id(node);

	if (level > 6)
		level = 6;
	if (!entering) {
		nv_buf_adds(r->out, "</h");
		nv_buf_addnum(r->out, level, 0);
		nv_buf_adds(r->out, ">\n");
		return;
	}
	cr(r);
	nv_buf_adds(r->out, "<h");
	nv_buf_addnum(r->out, level, 0);
	if (id) {
		nv_buf_adds(r->out, " id=\"");
		nv_buf_add_html(r->out, id, strlen(id));
		nv_buf_addch(r->out, '"');
	}
	nv_buf_addch(r->out, '>');
}

static void code_block(struct render *r, cmark_node *node)
{
	const char *info = cmark_node_get_fence_info(node);

	cr(r);
	if (!info || !*info) {
		nv_buf_adds(r->out, "<pre><code>");
	} else {
		/* The first word of the info string, cut where cmark cuts it. */
		size_t n = strcspn(info, " \t\n\v\f\r");
		nv_buf_adds(r->out, "<pre><code class=\"language-");
		nv_buf_add_html4(r->out, info, n);
		nv_buf_adds(r->out, "\">");
	}
	esc_html(r->out, cmark_node_get_literal(node));
	nv_buf_adds(r->out, "</code></pre>\n");
}

/* Wrap: the opening tag on entering, the closing one on leaving. */
static void wrap(struct render *r, bool entering, const char *open, const char *close)
{
	nv_buf_adds(r->out, entering ? open : close);
}

/* The innermost open list, or NULL when none is tracked (numbers as text). */
static struct md_level *innermost(struct render *r)
{
	return r->depth > 0 && r->depth <= MD_MAX_NEST ? &r->levels[r->depth - 1] : NULL;
}

/* Whether node's parent is an ordered list whose numbers are written as text. */
static bool text_item(const struct render *r, cmark_node *node)
{
	cmark_node *parent = cmark_node_parent(node);

	return r->text_numbers && parent && cmark_node_get_type(parent) == CMARK_NODE_LIST &&
	       cmark_node_get_list_type(parent) == CMARK_ORDERED_LIST;
}

/* The number of the current item as text, as the printed copy has it: «3.1. ». */
static void item_number(struct render *r)
{
	int i, top = r->depth < MD_MAX_NEST ? r->depth : MD_MAX_NEST;

	/* «1)» as written: its own number only; «1.» carries its parents' («2.1.»). */
	if (top && r->levels[top - 1].paren) {
		nv_buf_addnum(r->out, r->levels[top - 1].n, 0);
		nv_buf_adds(r->out, ") ");
		return;
	}
	for (i = 0; i < top; i++)
		if (r->levels[i].ordered && !r->levels[i].paren) {
			nv_buf_addnum(r->out, r->levels[i].n, 0);
			nv_buf_addch(r->out, '.');
		}
	nv_buf_addch(r->out, ' ');
}

/*
 * A list. With numbers as text an ordered list is a <div> of paragraphs
 * that carry their numbers, so that no stylesheet can renumber them.
 */
static void list(struct render *r, cmark_node *node, bool entering)
{
	bool bullet = cmark_node_get_list_type(node) == CMARK_BULLET_LIST;
	bool paren = !bullet && cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM;
	int start = cmark_node_get_list_start(node);

	if (r->text_numbers && !entering)
		r->depth--;
	if (!entering) {
		nv_buf_adds(r->out, bullet ? "</ul>\n" : r->text_numbers ? "</div>\n" : "</ol>\n");
		return;
	}
	cr(r);
	if (r->text_numbers) {
		if (r->depth < MD_MAX_NEST)
			r->levels[r->depth] =
				(struct md_level){ !bullet, paren, start > 0 ? start - 1 : 0 };
		r->depth++;
	}
	if (bullet)
		nv_buf_adds(r->out, "<ul>\n");
	else if (r->text_numbers)
		nv_buf_adds(r->out, "<div>\n");
	else if (start == 1)
		nv_buf_adds(r->out, paren ? "<ol class=\"paren\">\n" : "<ol>\n");
	else {
		nv_buf_adds(r->out, paren ? "<ol class=\"paren\" start=\"" : "<ol start=\"");
		nv_buf_addnum(r->out, start, 0);
		nv_buf_adds(r->out, "\">\n");
	}
}

/*
 * An item. With numbers as text, an item of an ordered list counts, and
 * its first paragraph carries the number (or a paragraph of its own
 * does, when the item begins with something else).
 */
static void item(struct render *r, cmark_node *node, bool entering)
{
	struct md_level *l = innermost(r);
	cmark_node *first = cmark_node_first_child(node);

	if (!text_item(r, node)) {
		if (entering)
			cr(r);
		wrap(r, entering, "<li>", "</li>\n");
		return;
	}
	if (!entering)
		return;
	if (l)
		l->n++;
	if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
		r->fresh = true;
		return;
	}
	cr(r);
	nv_buf_adds(r->out, "<p>");
	item_number(r);
	nv_buf_adds(r->out, "</p>\n");
}

/*
 * Whether paragraph node is images only, each with a text, that paper
 * prints as pictures, each with its text under it (nv_md_image_alone()):
 * each is then a <figure> with that text as its caption.
 */
static bool figure_para(cmark_node *node)
{
	cmark_node *img = cmark_node_first_child(node), *n;

	/* Such a paragraph starts with an image: any other is left at once. */
	if (cmark_node_get_type(img) != CMARK_NODE_IMAGE || !nv_md_image_alone(img))
		return false;
	for (n = img; n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE && !cmark_node_first_child(n))
			return false;
	return true;
}

/*
 * A paragraph of a tight list has no <p>, but one that carries a number as
 * text has; one of pictures is their <figure>s (figure_para(), image()).
 */
static void paragraph(struct render *r, cmark_node *node, bool entering)
{
	cmark_node *parent = cmark_node_parent(node);
	cmark_node *grandparent = cmark_node_parent(parent);

	if (grandparent && cmark_node_get_type(grandparent) == CMARK_NODE_LIST &&
	    cmark_node_get_list_tight(grandparent) && !text_item(r, parent))
		return;
	/* The one paragraph of a table cell or a caption is its text, with no <p>. */
	if (nv_md_part(parent) != NV_MD_PART_NONE && cmark_node_first_child(parent) == node &&
	    !cmark_node_next(node))
		return;
	if (entering) {
		cr(r);
		r->figure = figure_para(node);
		if (!r->figure)
			nv_buf_adds(r->out, "<p>");
		if (r->fresh && cmark_node_first_child(parent) == node)
			item_number(r);
		r->fresh = false;
	} else {
		nv_buf_adds(r->out, r->figure ? "\n" : "</p>\n");
		r->figure = false;
	}
}

/* Inside an image the alt text is written plain: text only, breaks as spaces. */
static void plain(struct render *r, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		esc_html(r->out, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_SOFTBREAK:
		nv_buf_addch(r->out, ' ');
		break;
	default:
		break;
	}
}

/* Custom nodes carry their own markup; blocks stand on lines of their own. */
static void custom(struct render *r, cmark_node *node, bool entering, bool block)
{
	const char *s = entering ? cmark_node_get_on_enter(node) : cmark_node_get_on_exit(node);

	if (block)
		cr(r);
	if (s)
		nv_buf_adds(r->out, s);
	if (block)
		cr(r);
}

/*
 * A mention of a person: the model's web text, or the title when the model
 * has none, or nothing — plain text, never a link, never the text as
 * written. False if node is not a mention.
 */
static bool mention(struct render *r, cmark_node *node)
{
	const struct nv_md *md = r->md;
	const char *url = cmark_node_get_url(node), *text = NULL, *title;
	bool ours;

	if (cmark_node_get_type(node) != CMARK_NODE_LINK || !url || url[0] != '@')
		return false;
	/* Any "@…" link is a mention, even one the model's list does not hold. */
	ours = r->next_link < md->nr_links && md->links[r->next_link].node == node;
	if (ours && r->link_texts)
		text = r->link_texts[r->next_link];
	title = cmark_node_get_title(node);
	if (!text && title && *title)
		text = title;
	esc_html(r->out, text);
	if (ours)
		r->next_link++;
	r->skip = node;
	return true;
}

static void link(struct render *r, cmark_node *node, bool entering)
{
	if (!entering) {
		nv_buf_adds(r->out, "</a>");
		return;
	}
	nv_buf_adds(r->out, "<a href=\"");
	target(r, node);
	title_attr(r, node);
	nv_buf_adds(r->out, "\">");
}

/* The alt text is the image's content, written plain until the image is left. */
static void image(struct render *r, cmark_node *node, bool entering)
{
	size_t end;
	char *caption;

	if (entering) {
		if (r->figure)
			nv_buf_adds(r->out, "<figure class=\"picture\">");
		nv_buf_adds(r->out, "<img src=\"");
		target(r, node);
		nv_buf_adds(r->out, "\" alt=\"");
		r->plain = node;
		r->alt = r->out->len;
		return;
	}
	end = r->out->len;
	title_attr(r, node);
	nv_buf_adds(r->out, "\" />");
	if (!r->figure)
		return;
	/* The alt text as written, escaped as text is (a copy: out may move as it grows). */
	caption = nv_xmemdupz(r->out->ptr + r->alt, end - r->alt);
	nv_buf_adds(r->out, "<figcaption>");
	nv_buf_adds(r->out, caption);
	nv_buf_adds(r->out, "</figcaption></figure>");
	free(caption);
}

/* Nodes written apart from the switch: a mention's, and those in an alt text. */
static bool apart(struct render *r, cmark_node *node, cmark_node_type type, bool entering)
{
	if (r->skip) {
		if (r->skip == node && !entering)
			r->skip = NULL;
		return true;
	}
	if (entering && type == CMARK_NODE_LINK && mention(r, node))
		return true;
	if (r->plain == node)
		r->plain = NULL;
	if (!r->plain)
		return false;
	/* A link in an alt text is text, but keeps the count of the model's links. */
	if (entering && r->next_link < r->md->nr_links && r->md->links[r->next_link].node == node)
		r->next_link++;
	plain(r, node);
	return true;
}

/* --- tables (md_table.h) ------------------------------------------------------ */

/* The caption's plain text for aria-label: mentions give their web text or nothing. */
static void caption_label(struct render *r, cmark_node *cap)
{
	cmark_iter *it = cmark_iter_new(cap);
	cmark_event_type ev;
	cmark_node *node, *skip = NULL;
	size_t k = r->next_link;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (skip) {
			if (node == skip && ev == CMARK_EVENT_EXIT)
				skip = NULL;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (k < r->md->nr_links && r->md->links[k].node == node) {
			if (r->md->links[k].kind == NV_MD_LINK_PERSON) {
				if (r->link_texts && r->link_texts[k])
					nv_buf_add_html4(r->out, r->link_texts[k],
							 strlen(r->link_texts[k]));
				skip = node;
			}
			k++;
			continue;
		}
		if (cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(node) == CMARK_NODE_LINEBREAK)
			nv_buf_addch(r->out, ' ');
		else if (cmark_node_get_type(node) == CMARK_NODE_TEXT ||
			 cmark_node_get_type(node) == CMARK_NODE_CODE)
			esc_html(r->out, cmark_node_get_literal(node));
	}
	cmark_iter_free(it);
}

/* A table opens: the scroll region, its label, the column widths. */
static void table_cols(struct render *r, const struct nv_md_table *t);

static void table_open(struct render *r, const struct nv_md_table *t)
{
	cr(r);
	nv_buf_adds(r->out,
		    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	if (t->caption_node)
		caption_label(r, t->caption_node);
	else
		nv_buf_adds(r->out, "Таблица");
	nv_buf_adds(r->out, "\">\n<table class=\"md-table\">\n");
	if (!t->caption_node)
		table_cols(r, t);
}

/* The column widths, after the caption (which must come first). */
static void table_cols(struct render *r, const struct nv_md_table *t)
{
	double total = 0;
	int c;

	for (c = 0; c < t->ncols; c++)
		total += t->widths[c];
	nv_buf_adds(r->out, "<colgroup>");
	for (c = 0; c < t->ncols; c++)
		nv_buf_addf(r->out, "<col style=\"width: %.1f%%\" />", t->widths[c] / total * 100);
	nv_buf_adds(r->out, "</colgroup>\n");
}

/* The row of column numbers under the header: 1, 2, 3… */
static void table_numbers(struct render *r, const struct nv_md_table *t)
{
	int c;

	nv_buf_adds(r->out, "<tr class=\"col-numbers\">");
	for (c = 0; c < t->ncols; c++)
		nv_buf_addf(r->out, "<td>%d</td>", c + 1);
	nv_buf_adds(r->out, "</tr>\n");
}

/* A body cell that heads its row: the first column's, unless it spans the table. */
static bool row_head(const struct nv_md_cell *c, const struct nv_md_table *t)
{
	return !c->header && c->col == 0 && t->ncols > 1 && c->colspan < t->ncols;
}

/* A cell opens: the row and the table's parts it begins first. */
static void cell_open(struct render *r, const struct nv_md_cell *c, const struct nv_md_table *t)
{
	bool head = c->header;

	if (c->row_first) {
		if (c->row == 0 && head)
			nv_buf_adds(r->out, "<thead>\n");
		if (c->row == t->nheader) {
			if (t->nheader && t->numbers)
				table_numbers(r, t);
			nv_buf_adds(r->out, t->nheader ? "</thead>\n<tbody>\n" : "<tbody>\n");
		}
		nv_buf_adds(r->out, "<tr>");
	}
	nv_buf_adds(r->out, head	     ? "<th scope=\"col\""
			    : row_head(c, t) ? "<th scope=\"row\""
					     : "<td");
	if (c->colspan > 1)
		nv_buf_addf(r->out, " colspan=\"%d\"", c->colspan);
	if (c->rowspan > 1)
		nv_buf_addf(r->out, " rowspan=\"%d\"", c->rowspan);
	nv_buf_adds(r->out, ">");
}

/* A part of a table (md_table.h) opens or closes. */
static void table_part(struct render *r, cmark_node *node, bool entering)
{
	const struct nv_md_cell *c = nv_md_cell_of(node);
	const struct nv_md_table *t;

	switch (nv_md_part(node)) {
	case NV_MD_PART_TABLE:
		if (entering)
			table_open(r, nv_md_table_of(node));
		else
			nv_buf_adds(r->out, "</tbody>\n</table>\n</div>\n");
		break;
	case NV_MD_PART_CAPTION:
		nv_buf_adds(r->out, entering ? "<caption>" : "</caption>\n");
		if (!entering)
			table_cols(r, nv_md_table_of(cmark_node_parent(node)));
		break;
	case NV_MD_PART_CELL:
		t = nv_md_table_of(cmark_node_parent(node));
		if (entering) {
			cell_open(r, c, t);
			break;
		}
		if (r->out->len > r->start && r->out->ptr[r->out->len - 1] == '\n')
			nv_buf_truncate(r->out, r->out->len - 1);
		nv_buf_adds(r->out, c->header || row_head(c, t) ? "</th>" : "</td>");
		if (c->row_last)
			nv_buf_adds(r->out, "</tr>\n");
		break;
	default:
		break;
	}
}

static void render_node(struct render *r, cmark_node *node, cmark_node_type type, bool entering)
{
	if (apart(r, node, type, entering))
		return;
	switch (type) {
	case CMARK_NODE_BLOCK_QUOTE:
		cr(r);
		wrap(r, entering, "<blockquote>\n", "</blockquote>\n");
		break;
	case CMARK_NODE_LIST:
		list(r, node, entering);
		break;
	case CMARK_NODE_ITEM:
		item(r, node, entering);
		break;
	case CMARK_NODE_HEADING:
		heading(r, node, entering);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(r, node);
		break;
	case CMARK_NODE_HTML_BLOCK:
		cr(r);
		raw_html(r, cmark_node_get_literal(node));
		cr(r);
		break;
	case CMARK_NODE_CUSTOM_BLOCK:
		if (nv_md_part(node) != NV_MD_PART_NONE) {
			table_part(r, node, entering);
			break;
		}
		/* fall through */
	case CMARK_NODE_CUSTOM_INLINE:
		custom(r, node, entering, type == CMARK_NODE_CUSTOM_BLOCK);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		cr(r);
		nv_buf_adds(r->out, "<hr />\n");
		break;
	case CMARK_NODE_PARAGRAPH:
		paragraph(r, node, entering);
		break;
	case CMARK_NODE_TEXT:
		nv_html_add_keep(r->out, cmark_node_get_literal(node), r->keep, r->nkeep,
				 nv_buf_add_html4);
		break;
	case CMARK_NODE_LINEBREAK:
		nv_buf_adds(r->out, "<br />\n");
		break;
	case CMARK_NODE_SOFTBREAK:
		nv_buf_addch(r->out, '\n');
		break;
	case CMARK_NODE_CODE:
		nv_buf_adds(r->out, "<code>");
		esc_html(r->out, cmark_node_get_literal(node));
		nv_buf_adds(r->out, "</code>");
		break;
	case CMARK_NODE_HTML_INLINE:
		raw_html(r, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_STRONG:
		wrap(r, entering, "<strong>", "</strong>");
		break;
	case CMARK_NODE_EMPH:
		wrap(r, entering, "<em>", "</em>");
		break;
	case CMARK_NODE_LINK:
		link(r, node, entering);
		break;
	case CMARK_NODE_IMAGE:
		image(r, node, entering);
		break;
	default: /* the document */
		break;
	}
}

/* Whether node is one of the items kept off the website. */
static bool hidden_item(const struct render *r, cmark_node *node)
{
	size_t i;

	for (i = 0; i < r->nhidden; i++)
		if (r->hidden[i] == node)
			return true;
	return false;
}

/*
 * A hidden item: the note in its place, and the links inside it counted
 * as passed, so that the model's targets of the later links stay theirs.
 */
static void hidden(struct render *r, cmark_node *it_node)
{
	cmark_iter *it = cmark_iter_new(it_node);
	struct md_level *l = innermost(r);
	cmark_event_type ev;
	cmark_node *node;

	cr(r);
	if (text_item(r, it_node)) {
		if (l)
			l->n++;
		nv_buf_adds(r->out, "<p class=\"private\">");
		item_number(r);
		nv_buf_adds(r->out, NV_HTML_MD_PRIVATE_ITEM "</p>\n");
	} else {
		nv_buf_adds(r->out, "<li class=\"private\">" NV_HTML_MD_PRIVATE_ITEM "</li>\n");
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && r->next_link < r->md->nr_links &&
		    r->md->links[r->next_link].node == node)
			r->next_link++;
	}
	cmark_iter_free(it);
}

void nv_html_md_render(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
		       char *const *link_texts, int shift)
{
	nv_html_md_render_public(out, md, link_urls, link_texts, shift, NULL, 0);
}

void nv_html_md_render_public(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
			      char *const *link_texts, int shift, struct cmark_node *const *hide,
			      size_t nhide)
{
	const struct nv_html_md_opts o = { shift, hide, nhide, NULL, NULL, false };

	nv_html_md_render_opts(out, md, link_urls, link_texts, &o);
}

void nv_html_md_render_opts(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
			    char *const *link_texts, const struct nv_html_md_opts *o)
{
	struct render r = { 0 };
	cmark_node_type type = CMARK_NODE_NONE;
	cmark_node *node;
	bool entering = true;

	if (!md || !md->root)
		return;
	r.out = out;
	r.start = out->len;
	r.md = md;
	r.link_urls = link_urls;
	r.link_texts = link_texts;
	r.shift = o->shift;
	r.unsafe = (md->flags & NV_MD_UNSAFE) != 0;
	r.hidden = o->hide;
	r.nhidden = o->hide ? o->nhide : 0;
	r.base = o->base;
	r.page = o->page ? o->page : "";
	r.text_numbers = o->text_numbers;
	r.keep = o->keep;
	r.nkeep = o->keep ? o->nkeep : 0;
	for (node = md->root; node; node = nv_md_step(md->root, node, type, &entering)) {
		type = cmark_node_get_type(node);
		if (entering && type == CMARK_NODE_ITEM && hidden_item(&r, node)) {
			hidden(&r, node);
			entering = false; /* its children are skipped */
		} else {
			render_node(&r, node, type, entering);
		}
	}
}

/* --- absolute links ------------------------------------------------------------ */

/* The length of url's scheme with its ':' ("https:" is 6), or 0 when it has none. */
static size_t scheme_len(const char *url)
{
	size_t n = strcspn(url, ":/?#");

	if (!n || url[n] != ':' || !((url[0] | 0x20) >= 'a' && (url[0] | 0x20) <= 'z'))
		return 0;
	return n + 1;
}

/*
 * Append path (no query nor fragment) to out with its "." and ".."
 * segments removed (RFC 3986, 5.2.4); ".." never climbs above the start.
 */
static void add_clean_path(struct nv_buf *out, const char *path, size_t len)
{
	size_t start = out->len, i = 0, n;

	while (i < len) {
		n = i;
		while (n < len && path[n] != '/')
			n++;
		if (n - i == 2 && !strncmp(path + i, "..", 2)) {
			size_t k = out->len > start ? out->len - 1 : start; /* before its '/' */
			while (k > start && out->ptr[k - 1] != '/')
				k--;
			nv_buf_truncate(out, k);
		} else if (!(n - i == 1 && path[i] == '.')) {
			nv_buf_add(out, path + i, n - i);
			if (n < len)
				nv_buf_addch(out, '/');
		}
		i = n < len ? n + 1 : n;
	}
}

void nv_html_abs_url(struct nv_buf *out, const char *base, const char *page, const char *url)
{
	struct nv_buf rel = NV_BUF_INIT;
	const char *slash = strrchr(page, '/'), *host, *tail;
	size_t n;

	if (url[0] == '#' || scheme_len(url) || (url[0] == '/' && url[1] == '/')) {
		nv_buf_adds(out, url);
		return;
	}
	if (url[0] == '/') {
		/* From the site's root: the base's scheme and host. */
		host = strstr(base, "://");
		host = host ? host + 3 : base;
		nv_buf_add(out, base, (size_t)(host - base) + strcspn(host, "/"));
		nv_buf_adds(out, url);
		return;
	}
	nv_buf_add(&rel, page, slash ? (size_t)(slash - page) + 1 : 0);
	nv_buf_adds(&rel, url);
	n = strcspn(rel.ptr, "?#");
	tail = rel.ptr + n;
	nv_buf_adds(out, base);
	add_clean_path(out, rel.ptr, n);
	nv_buf_adds(out, tail);
	nv_buf_release(&rel);
}
