/*
 * markdown.c: Markdown bodies through cmark; see markdown.h.
 *
 * Design: cmark parses, allocating through the project's allocator, and
 * one walk in the order of cmark's iterator (nv_md_step(), which
 * allocates nothing) then does every pass in document order:
 * typography rewrites TEXT literals in place, with a struct nv_typo_state
 * reset at each paragraph and heading so that quotes may open and close
 * in different text nodes of one block; a heading's plain text is
 * gathered on the way in and given an id on the way out; links are
 * classified on the way in. Ids are made unique through a small hash
 * index that remembers the next free suffix of each id, so a page of
 * thousands of equal headings stays linear; the walk then leaves only
 * the headings sorted by id, for nv_md_find_heading(), and no spare
 * room in its arrays: a content folder keeps thousands of them.
 *
 * Positions: cmark reports 1-based byte columns. For an inline node on
 * the second or a later line of a paragraph it counts from the
 * paragraph's first column rather than from where that line's text
 * really starts, which is wrong for lazy or differently indented lines;
 * such columns are recomputed from the source line (skipping the
 * indentation and '>' markers cmark stripped) before bytes are turned
 * into characters.
 *
 * HTML is written by the website back end (html_md.h), which reads the
 * tree, the heading ids (nv_md_heading_id) and the links made here.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "fs.h"
#include "markdown.h"
#include "md_mem.h"
#include "md_table.h"
#include "strmap.h"
#include "typo.h"
#include "utf8.h"

/*
 * What the index of heading ids (walk.ids, strmap.h: keys borrowed from
 * the headings) maps an id to: its heading, and the next suffix to try
 * when the id is wanted again.
 */
struct id_entry {
	size_t heading;
	unsigned next;
};

/* Offsets of the lines of the source text. */
struct lines {
	const char *text;
	size_t len;
	size_t *start; /* start[i] is the offset of line i + 1 */
	size_t nr, alloc;
};

struct walk {
	struct nv_md *md;
	struct nv_strmap *ids; /* the heading ids so far (struct id_entry) */
	struct lines lines;
	struct nv_typo_state st;
	struct nv_buf tmp;	       /* typeset text of one TEXT node */
	struct nv_buf heading;	       /* plain text of the heading being walked */
	cmark_node *block;	       /* the paragraph or heading being walked */
	cmark_node *verbatim;	       /* the autolink being walked: its text stays */
	cmark_node *mention;	       /* the mention being walked: its text is gathered */
	struct nv_buf mention_text;    /* plain text of that mention */
	const struct nv_md_cell *cell; /* the table cell being walked */
	struct nv_md_numbering num;    /* of sections and clauses (md_numbering.c) */
	bool feeding;		       /* the next text starts a paragraph or a line */
	enum nv_md_feed feed;	       /* which, when feeding */
	int label; /* the paragraph starts with a label (nv_md_line_label()); -1: not yet known */
	cmark_node *star; /* the paragraph's first unpaired «**» that opens (nv_md_stars()) */
	size_t star_off;  /* its place in star's literal */
	int stars;	  /* the paragraph's unpaired «**» so far */
};

static void ids_add(struct nv_strmap *ids, const char *key, size_t heading)
{
	struct id_entry *x = nv_xmalloc(sizeof(*x));

	x->heading = heading;
	x->next = 2;
	nv_strmap_put(ids, key, x);
}

/*
 * A unique id made from base (which this function takes over): base
 * itself when it is free, else base-2, base-3, … Returns a string the
 * caller owns; it is not added to the index yet.
 */
static char *unique_id(struct nv_strmap *ids, char *base)
{
	struct id_entry *x = nv_strmap_get(ids, base);
	unsigned k;
	char *id;

	if (!x)
		return base;
	for (k = x->next;; k++) {
		id = nv_xasprintf("%s-%u", base, k);
		if (!nv_strmap_get(ids, id))
			break;
		free(id);
	}
	x->next = k + 1;
	free(base);
	return id;
}

static void lines_index(struct lines *l, const char *text, size_t len)
{
	const char *p;
	size_t i;

	l->text = text;
	l->len = len;
	l->start = NULL;
	l->nr = l->alloc = 0;
	/* room for lines of 64 bytes (bodies average twice that): one allocation, seldom grown */
	NV_GROW(l->start, len / 64 + 8, l->alloc);
	l->start[l->nr++] = 0;
	if (len && !memchr(text, '\r', len)) {
		/* the usual case: only '\n' ends lines, and memchr finds it fast */
		for (p = memchr(text, '\n', len); p;
		     p = memchr(p, '\n', len - (size_t)(p - text))) {
			p++;
			NV_GROW(l->start, l->nr + 1, l->alloc);
			l->start[l->nr++] = (size_t)(p - text);
		}
		return;
	}
	for (i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (text[i] == '\n' || text[i] == '\r') {
			NV_GROW(l->start, l->nr + 1, l->alloc);
			l->start[l->nr++] = i + 1;
		}
	}
}

/*
 * Length in bytes of line idx + 1, without its line ending: the next
 * line's start less the "\n", "\r\n" or "\r" that lines_index() ended it
 * at (no line holds another "\r" or "\n").
 */
static size_t line_len(const struct lines *l, size_t idx)
{
	size_t s = l->start[idx], e = idx + 1 < l->nr ? l->start[idx + 1] : l->len;

	if (e > s && l->text[e - 1] == '\n')
		e--;
	if (e > s && l->text[e - 1] == '\r')
		e--;
	return e - s;
}

/*
 * Bytes before a table cell's text on body line nl (whose text is
 * s[0, len)): cmark counted the cell's columns from 1 (md_table.h).
 */
static size_t cell_indent(const struct nv_md_cell *c, const char *s, size_t len, int nl)
{
	size_t p = 0;

	if (!c->block && nl == c->body_line)
		return (size_t)c->col0;
	while (p < len && s[p] == ' ')
		p++;
	return p;
}

/*
 * Store the file position of `node` in *line and *col. `block` is the
 * paragraph or heading holding an inline node, NULL for a block node.
 */
static void node_pos(const struct walk *w, cmark_node *node, cmark_node *block, int *line, int *col)
{
	const struct lines *l = &w->lines;
	int nl = cmark_node_get_start_line(node), nc = cmark_node_get_start_column(node);
	/* A table cell was parsed on its own: its lines count from its first one. */
	int shift = w->cell ? w->cell->body_line - 1 : 0;
	size_t idx, off, len, p, start;
	long rel;

	if (nl < 1 && block) {
		nl = cmark_node_get_start_line(block);
		nc = cmark_node_get_start_column(block);
	}
	if (nl < 1)
		nl = 1;
	if (nc < 1)
		nc = 1;
	nl += shift;
	*line = nl + w->md->first_line - 1;
	*col = nc;
	if ((size_t)nl > l->nr)
		return;
	idx = (size_t)nl - 1;
	start = l->start[idx];
	len = line_len(l, idx);
	off = (size_t)nc - 1;
	if (block && nl - shift != cmark_node_get_start_line(block)) {
		/* cmark counted from the block's first column: find where the line's text starts */
		rel = (long)nc - cmark_node_get_start_column(block);
		for (p = start; p < start + len; p++) {
			if (l->text[p] != ' ' && l->text[p] != '\t' && l->text[p] != '>')
				break;
		}
		off = p - start + (rel > 0 ? (size_t)rel : 0);
	} else if (w->cell) {
		off += cell_indent(w->cell, l->text + start, len, nl);
	}
	if (off > len)
		off = len;
	*col = (int)nv_utf8_count(l->text + start, off) + 1;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True if url starts with a scheme ("https:", "mailto:", "C:"). */
static bool has_scheme(const char *url)
{
	size_t i = 1;

	if (!is_alpha(url[0]))
		return false;
	while (is_alpha(url[i]) || (url[i] >= '0' && url[i] <= '9') || url[i] == '+' ||
	       url[i] == '-' || url[i] == '.')
		i++;
	return url[i] == ':';
}

/* True if the first n bytes of url name a .md file (any case of the extension). */
static bool names_md(const char *url, size_t n)
{
	return n >= 4 && url[n - 4] != '/' && url[n - 3] == '.' &&
	       (url[n - 2] == 'm' || url[n - 2] == 'M') && (url[n - 1] == 'd' || url[n - 1] == 'D');
}

static void add_heading_text(struct walk *w, const char *s)
{
	if (s && w->block && cmark_node_get_type(w->block) == CMARK_NODE_HEADING)
		nv_buf_adds(&w->heading, s);
}

int nv_md_url_unsafe(const char *url)
{
	static const char *const images[] = { "png", "gif", "jpeg", "webp" };
	size_t i;

	if (!url)
		return 0;
	if (!strncasecmp(url, "data:image/", 11))
		for (i = 0; i < NV_ARRAY_SIZE(images); i++)
			if (!strncasecmp(url + 11, images[i], strlen(images[i])))
				return 0;
	if (!strncasecmp(url, "javascript:", 11) || !strncasecmp(url, "vbscript:", 9) ||
	    !strncasecmp(url, "data:", 5))
		return 1;
	return !strncasecmp(url, "file:", 5) || (is_alpha(url[0]) && url[1] == ':' &&
						 (url[2] == '\\' || url[2] == '/'))
		       ? 2
		       : 0;
}

/* A link or an image (only one naming a file, unsafe or of another site) into md->links. */
static void add_link(struct walk *w, cmark_node *node, bool image)
{
	struct nv_md *md = w->md;
	const char *url = cmark_node_get_url(node), *hash;
	enum nv_md_link_kind kind;
	struct nv_md_link *l;
	size_t plen = 0;

	if (!url || !*url)
		return;
	if (url[0] == '#') {
		if (!url[1])
			return;
		kind = NV_MD_LINK_ANCHOR;
	} else if (url[0] == '@') {
		kind = NV_MD_LINK_PERSON;
	} else if (nv_md_url_unsafe(url)) {
		kind = NV_MD_LINK_UNSAFE;
	} else if (image && (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8) ||
			     !strncmp(url, "//", 2))) {
		kind = NV_MD_LINK_REMOTE;
	} else {
		/* absolute URLs and site-absolute paths are not documents of ours */
		if (has_scheme(url) || url[0] == '/')
			return;
		plen = strcspn(url, "?#");
		if (names_md(url, plen))
			kind = NV_MD_LINK_DOC;
		else if (nv_file_publishable(url, plen))
			kind = NV_MD_LINK_FILE;
		else
			return;
	}
	if (image && kind != NV_MD_LINK_FILE && kind != NV_MD_LINK_UNSAFE &&
	    kind != NV_MD_LINK_REMOTE)
		return;
	hash = strchr(url, '#');
	NV_GROW(md->links, md->nr_links + 1, md->alloc_links);
	l = &md->links[md->nr_links++];
	l->kind = kind;
	l->image = image;
	l->alone = image && nv_md_image_alone(node);
	l->node = node;
	l->url = nv_xstrdup(url);
	l->path = kind == NV_MD_LINK_DOC || kind == NV_MD_LINK_FILE ? nv_xmemdupz(url, plen) : NULL;
	l->anchor = hash && hash[1] && kind != NV_MD_LINK_PERSON ? nv_xstrdup(hash + 1) : NULL;
	l->text = NULL;
	l->title = NULL;
	node_pos(w, node, w->block, &l->line, &l->col);
	if (kind != NV_MD_LINK_PERSON)
		return;
	l->path = nv_xstrdup(url + 1);
	if (cmark_node_get_title(node) && *cmark_node_get_title(node))
		l->title = nv_xstrdup(cmark_node_get_title(node));
	/*
	 * The name as written stays out of the heading's id, and so does the
	 * id (a transliterated surname): only the public form, the title.
	 */
	if (l->title)
		add_heading_text(w, l->title);
	w->mention = node;
	nv_buf_reset(&w->mention_text);
}

/* Leaving a mention: its gathered text becomes the link's text. */
static void end_mention(struct walk *w)
{
	struct nv_md *md = w->md;

	if (md->nr_links && md->links[md->nr_links - 1].node == w->mention)
		md->links[md->nr_links - 1].text = nv_xmemdupz(
			w->mention_text.ptr ? w->mention_text.ptr : "", w->mention_text.len);
	w->mention = NULL;
}

/* True if node is an autolink (<https://…>, <x@y.ru>): its text is its URL. */
static bool is_autolink(cmark_node *node)
{
	cmark_node *child = cmark_node_first_child(node);
	const char *url = cmark_node_get_url(node), *text;

	if (!url || !child || child != cmark_node_last_child(node) ||
	    cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return false;
	text = cmark_node_get_literal(child);
	if (!text)
		return false;
	return !strcmp(text, url) || (!strncmp(url, "mailto:", 7) && !strcmp(text, url + 7));
}

static void add_heading(struct walk *w, cmark_node *node)
{
	struct nv_md *md = w->md;
	struct nv_md_heading *h;
	char *id;

	id = unique_id(w->ids, nv_slug(w->heading.ptr));
	NV_GROW(md->headings, md->nr_headings + 1, md->alloc_headings);
	h = &md->headings[md->nr_headings];
	h->node = node;
	h->id = id;
	h->text = nv_xmemdupz(w->heading.ptr, w->heading.len);
	h->level = cmark_node_get_heading_level(node);
	node_pos(w, node, NULL, &h->line, &h->col);
	ids_add(w->ids, id, md->nr_headings);
	md->nr_headings++;
	cmark_node_set_user_data(node, id);
}

/* Text of an inline: a mention's text is gathered apart from the heading's. */
static void add_inline_text(struct walk *w, const char *s)
{
	if (w->mention) {
		if (s)
			nv_buf_adds(&w->mention_text, s);
	} else {
		add_heading_text(w, s);
	}
}

/*
 * The inline node just before node in reading order: its previous sibling,
 * or that of the emphasis or link that node opens. NULL if there is none.
 */
static cmark_node *inline_before(cmark_node *node)
{
	cmark_node *prev;
	cmark_node_type type;

	while (!(prev = cmark_node_previous(node))) {
		node = cmark_node_parent(node);
		if (!node)
			return NULL;
		type = cmark_node_get_type(node);
		if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG && type != CMARK_NODE_LINK)
			return NULL;
	}
	return prev;
}

/*
 * A text node starting with a sentence dash ("— это", "-- это") must not
 * start a line, but the space before it lies outside the node, where
 * nv_typo() cannot reach: a line break of the source or the last space of
 * the text before an emphasis. Make that space a no-break one.
 */
static void glue_dash(struct walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	cmark_node *prev, *nbsp;
	size_t n;

	/* a dash starts with '-' or the lead byte of «—»: most texts end here */
	if (!lit || (lit[0] != '-' && (unsigned char)lit[0] != 0xE2) ||
	    !nv_typo_starts_dash(lit, strlen(lit)) || !(prev = inline_before(node)))
		return;
	switch (cmark_node_get_type(prev)) {
	case CMARK_NODE_SOFTBREAK:
		nbsp = cmark_node_new_with_mem(CMARK_NODE_TEXT, &nv_md_cmark_mem);
		cmark_node_set_literal(nbsp, "\xC2\xA0");
		if (!cmark_node_replace(prev, nbsp)) {
			cmark_node_free(nbsp);
			return;
		}
		/* the walk is past prev and keeps no pointer to it */
		cmark_node_free(prev);
		break;
	case CMARK_NODE_TEXT:
		lit = cmark_node_get_literal(prev);
		n = lit ? strlen(lit) : 0;
		if (!n || lit[n - 1] != ' ')
			return;
		nv_buf_reset(&w->tmp);
		nv_buf_add(&w->tmp, lit, n - 1);
		nv_buf_adds(&w->tmp, "\xC2\xA0");
		cmark_node_set_literal(prev, w->tmp.ptr);
		break;
	default:
		return;
	}
	if (w->heading.len && w->heading.ptr[w->heading.len - 1] == ' ') {
		nv_buf_truncate(&w->heading, w->heading.len - 1);
		nv_buf_adds(&w->heading, "\xC2\xA0");
	}
}

static void typeset(struct walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	size_t n;

	if (!lit)
		return;
	n = strlen(lit);
	nv_buf_reset(&w->tmp);
	nv_typo(&w->tmp, lit, n, &w->st);
	if (w->tmp.len != n || memcmp(w->tmp.ptr, lit, n))
		cmark_node_set_literal(node, w->tmp.ptr);
}

/* True if s starts with «П» (0xD0 0x9F), as «Приложение» does. */
static bool starts_pe(const char *s)
{
	return (unsigned char)s[0] == 0xD0 && (unsigned char)s[1] == 0x9F;
}

/* The number item of an ordered list is typed with in the source («4.»), or -1. */
static long typed_number(const struct walk *w, cmark_node *item)
{
	const struct lines *l = &w->lines;
	int nl = cmark_node_get_start_line(item), nc = cmark_node_get_start_column(item);
	size_t start, len, i;
	long v = 0;

	if (nl < 1 || nc < 1 || (size_t)nl > l->nr)
		return -1;
	start = l->start[nl - 1];
	len = line_len(l, (size_t)nl - 1);
	for (i = (size_t)nc - 1; i < len && i < (size_t)nc + 8 && l->text[start + i] >= '0' &&
				 l->text[start + i] <= '9';
	     i++)
		v = v * 10 + (l->text[start + i] - '0');
	return i > (size_t)nc - 1 ? v : -1;
}

/*
 * An ordered list whose items are typed with numbers out of turn («1.»,
 * «2.», «4.»): Markdown numbers them in turn from the first, so the site
 * and the paper show another number than the text has; its first such
 * item is a break (NV_MD_NUM_ITEM). A list typed «1.» all through is
 * numbered so on purpose.
 */
static void follow_list(struct walk *w, cmark_node *list)
{
	cmark_node *item, *first = NULL;
	long want = cmark_node_get_list_start(list), n, got = 0, shown = 0, same = -2;

	/* same: the number every item is typed with so far, -1 when they differ */
	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item), want++) {
		n = typed_number(w, item);
		same = same == -2 || same == n ? n : -1;
		if (n >= 0 && n != want && !first) {
			first = item;
			got = n;
			shown = want;
		}
	}
	if (first && same == -1) {
		int line, col;

		node_pos(w, first, NULL, &line, &col);
		nv_md_numbering_break(&w->md->nums, &w->md->nr_nums, NV_MD_NUM_ITEM, line, col,
				      (int)(got > 999999 ? 999999 : got), (int)shown);
	}
}

/*
 * A list item whose marker stands right of the marker of the item above
 * it but left of that item's text («1. Пункт» / «  - подпункт»):
 * Markdown nests a list only from the text's column on, so the site and
 * the paper show it as an item of the same level or a list of its own,
 * not a sub-item. The first such item of list is a break
 * (NV_MD_NUM_NEST). The item above is the one before in list, or the
 * last of a list right before it.
 */
static void follow_nesting(struct walk *w, cmark_node *list)
{
	cmark_node *above = cmark_node_previous(list), *item, *text;
	int m, am, ac, line, col;

	if (above && cmark_node_get_type(above) != CMARK_NODE_LIST)
		above = NULL;
	above = above ? cmark_node_last_child(above) : NULL;
	for (item = cmark_node_first_child(list); item;
	     above = item, item = cmark_node_next(item)) {
		if (!above || !(text = cmark_node_first_child(above)))
			continue;
		m = cmark_node_get_start_column(item);
		am = cmark_node_get_start_column(above);
		ac = cmark_node_get_start_column(text);
		if (am < m && m < ac &&
		    cmark_node_get_start_line(text) == cmark_node_get_start_line(above)) {
			node_pos(w, item, NULL, &line, &col);
			nv_md_numbering_break(&w->md->nums, &w->md->nr_nums, NV_MD_NUM_NEST, line,
					      col, m - am, ac - am);
			return;
		}
	}
}

/*
 * Lines of a paragraph that each start with a label («Адрес: …» /
 * «Телефон: …»), typed to stand one under another: Markdown joins the
 * lines of a paragraph, so the site and the paper show them as one. The
 * first such line after the paragraph's first is a break
 * (NV_MD_NUM_LINES); node is a soft break.
 */
static void follow_lines(struct walk *w, cmark_node *node)
{
	cmark_node *next = cmark_node_next(node);
	int line, col;

	if (!w->label || w->cell || !w->block || !next ||
	    cmark_node_get_type(next) != CMARK_NODE_TEXT ||
	    !nv_md_line_label(cmark_node_get_literal(next)))
		return;
	/* the paragraph's first line, looked at once a line of it has a label */
	if (w->label < 0)
		w->label =
			nv_md_line_label(cmark_node_get_literal(cmark_node_first_child(w->block)));
	if (!w->label)
		return;
	w->label = 0;
	node_pos(w, next, w->block, &line, &col);
	nv_md_numbering_break(&w->md->nums, &w->md->nr_nums, NV_MD_NUM_LINES, line, col, 0, 0);
}

/*
 * Hand the numbering (md_numbering.c) the start of each heading,
 * paragraph and line of a paragraph, outside tables' cells: the text
 * as written, before it is typeset.
 */
static void follow_numbering(struct walk *w, cmark_node *node, cmark_node_type type, bool enter)
{
	const char *lit;
	int line, col;

	if (w->cell)
		return;
	switch (type) {
	case CMARK_NODE_PARAGRAPH:
		w->feeding = enter;
		w->feed = NV_MD_FEED_PARA;
		w->label = -1;
		if (!enter && w->stars >= 2 && w->star) {
			node_pos(w, w->star, node, &line, &col);
			col += (int)nv_utf8_count(cmark_node_get_literal(w->star), w->star_off);
			nv_md_numbering_break(&w->md->nums, &w->md->nr_nums, NV_MD_NUM_STARS, line,
					      col, 0, 0);
		}
		w->star = NULL;
		w->stars = 0;
		break;
	case CMARK_NODE_HEADING:
		if (enter)
			break;
		node_pos(w, node, NULL, &line, &col);
		nv_md_numbering_feed(&w->num, &w->md->nums, &w->md->nr_nums,
				     w->heading.ptr ? w->heading.ptr : "", w->heading.len,
				     NV_MD_FEED_HEADING, line, col);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		if (type == CMARK_NODE_SOFTBREAK)
			follow_lines(w, node);
		w->feeding = w->block && cmark_node_get_type(w->block) == CMARK_NODE_PARAGRAPH;
		w->feed = type == CMARK_NODE_SOFTBREAK ? NV_MD_FEED_LINE : NV_MD_FEED_PARA;
		break;
	case CMARK_NODE_LIST:
		w->feeding = false;
		if (enter && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
			follow_list(w, node);
		if (enter)
			follow_nesting(w, node);
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		break;
	case CMARK_NODE_TEXT:
		if (!w->feeding)
			break;
		w->feeding = false;
		/* only a number or «Приложение» at the start counts: the rest is not read */
		lit = cmark_node_get_literal(node);
		if (!lit || ((lit[0] < '0' || lit[0] > '9') && !starts_pe(lit)))
			break;
		node_pos(w, node, w->block, &line, &col);
		nv_md_numbering_feed(&w->num, &w->md->nums, &w->md->nr_nums, lit, strnlen(lit, 24),
				     w->feed, line, col);
		break;
	default:
		w->feeding = false;
	}
}

static void walk(struct walk *w)
{
	cmark_node *root = w->md->root, *node;
	bool typo = !(w->md->flags & NV_MD_NO_TYPO), enter = true;
	cmark_node_type type = CMARK_NODE_NONE;

	/* glue_dash() changes the tree only before node: the walk may go on */
	for (node = root; node; node = nv_md_step(root, node, type, &enter)) {
		type = cmark_node_get_type(node);
		follow_numbering(w, node, type, enter);
		switch (type) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (enter) {
				w->block = node;
				nv_typo_init(&w->st);
				nv_buf_reset(&w->heading);
			} else {
				if (type == CMARK_NODE_HEADING)
					add_heading(w, node);
				w->block = NULL;
			}
			break;
		case CMARK_NODE_CUSTOM_BLOCK:
			if (nv_md_text_of(node))
				w->cell = enter ? nv_md_text_of(node) : NULL;
			break;
		case CMARK_NODE_TEXT:
			if (w->md->text_facts & NV_MD_TEXT_STARS && !w->cell)
				nv_md_stars(node, &w->stars, &w->star, &w->star_off);
			if (typo && !w->verbatim) {
				glue_dash(w, node);
				typeset(w, node);
			}
			add_inline_text(w, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_CODE:
			nv_typo_feed(&w->st, NV_TYPO_OPAQUE);
			add_inline_text(w, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_HTML_INLINE:
			/*
			 * Tags are transparent for quote direction: in
			 * «слово <b>"x"</b>» the quote opens after the space.
			 */
			w->md->raw_html = true;
			break;
		case CMARK_NODE_HTML_BLOCK:
			w->md->raw_html = true;
			break;
		case CMARK_NODE_LIST:
			if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
				w->md->ordered_list = true;
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			nv_typo_feed(&w->st, ' ');
			add_inline_text(w, " ");
			break;
		case CMARK_NODE_IMAGE:
			if (enter)
				add_link(w, node, true);
			break;
		case CMARK_NODE_LINK:
			if (enter) {
				add_link(w, node, false);
				if (!w->verbatim && is_autolink(node))
					w->verbatim = node;
			} else {
				if (node == w->mention)
					end_mention(w);
				if (node != w->verbatim)
					break;
				w->verbatim = NULL;
				nv_typo_feed(&w->st, NV_TYPO_OPAQUE);
			}
			break;
		default:
			break;
		}
	}
}

struct nv_md *nv_md_parse(const char *text, size_t len, int first_line, unsigned flags)
{
	return nv_md_parse_file(text, len, first_line, flags, NULL, NULL);
}

static int cmp_heading_id(const void *a, const void *b)
{
	return strcmp((*(const struct nv_md_heading *const *)a)->id,
		      (*(const struct nv_md_heading *const *)b)->id);
}

/* The arrays of md without spare room, and its headings sorted by id. */
static void settle(struct nv_md *md)
{
	if (md->alloc_headings > md->nr_headings) {
		md->headings = nv_xrealloc(md->headings, md->nr_headings * sizeof(*md->headings));
		md->alloc_headings = md->nr_headings;
	}
	if (md->alloc_links > md->nr_links) {
		md->links = nv_xrealloc(md->links, md->nr_links * sizeof(*md->links));
		md->alloc_links = md->nr_links;
	}
	nv_md_index_headings(md);
}

void nv_md_index_headings(struct nv_md *md)
{
	size_t i;

	if (!md->nr_headings)
		return;
	md->by_id = nv_xcalloc(md->nr_headings, sizeof(*md->by_id));
	for (i = 0; i < md->nr_headings; i++)
		md->by_id[i] = &md->headings[i];
	qsort(md->by_id, md->nr_headings, sizeof(*md->by_id), cmp_heading_id);
}

struct nv_md *nv_md_parse_file(const char *text, size_t len, int first_line, unsigned flags,
			       const char *file, struct nv_diags *d)
{
	struct nv_md *md = nv_xcalloc(1, sizeof(*md));
	struct nv_md_arena *parsing;
	struct walk w = { 0 };
	cmark_parser *parser;
	bool valid;

	md->flags = flags & ~NV_MD_BRIEF; /* how the tree is kept, not what it is */
	md->first_line = first_line < 1 ? 1 : first_line;
	/*
	 * cmark's own check of UTF-8 is slow and changes nothing in valid text
	 * with no NUL (it replaces NULs even without it): check ours, faster.
	 */
	valid = !len || (flags & NV_MD_CHECKED) ||
		(nv_utf8_valid(text, len, NULL) && !memchr(text, '\0', len));
	if (flags & NV_MD_BRIEF)
		md->arena = nv_md_arena_new(len);
	parsing = nv_md_arena_use(md->arena);
	parser = cmark_parser_new_with_mem(
		CMARK_OPT_DEFAULT | (valid ? 0 : CMARK_OPT_VALIDATE_UTF8), &nv_md_cmark_mem);
	if (len)
		cmark_parser_feed(parser, text, len);
	md->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	md->nr_tables = nv_md_tables(md->root, md->first_line, text, len, file, d, &md->tables);
	md->text_facts = nv_md_text_facts(text, len);

	w.md = md;
	w.ids = nv_strmap_new();
	nv_typo_init(&w.st);
	nv_buf_init(&w.tmp);
	/*
	 * room for the typeset text of most nodes at once, not grown by doubling
	 * from 32 bytes (the whole body would raise the peak of memory)
	 */
	nv_buf_grow(&w.tmp, len < 960 ? len + 64 : 1023);
	nv_buf_init(&w.heading);
	nv_buf_init(&w.mention_text);
	lines_index(&w.lines, text, len);
	walk(&w);
	md->text_facts &= ~(unsigned)NV_MD_TEXT_STARS;
	if (md->nr_nums)
		md->text_facts |= NV_MD_TEXT_NUMBERING;
	nv_strmap_free(w.ids, free);
	settle(md);
	free(w.lines.start);
	nv_buf_release(&w.tmp);
	nv_buf_release(&w.heading);
	nv_buf_release(&w.mention_text);
	nv_md_arena_use(parsing);
	return md;
}

void nv_md_free(struct nv_md *md)
{
	size_t i;

	if (!md)
		return;
	for (i = 0; i < md->nr_headings; i++) {
		free(md->headings[i].id);
		free(md->headings[i].text);
	}
	for (i = 0; i < md->nr_links; i++) {
		free(md->links[i].url);
		free(md->links[i].path);
		free(md->links[i].anchor);
		free(md->links[i].text);
		free(md->links[i].title);
	}
	free(md->nums);
	free(md->headings);
	free(md->links);
	free(md->by_id);
	nv_md_tables_free(md->tables, md->nr_tables);
	if (md->root)
		cmark_node_free(md->root);
	nv_md_arena_free(md->arena);
	free(md);
}

void nv_md_drop_tree(struct nv_md *md)
{
	size_t i;

	if (!md || !md->root)
		return;
	for (i = 0; i < md->nr_headings; i++)
		md->headings[i].node = NULL;
	for (i = 0; i < md->nr_links; i++)
		md->links[i].node = NULL;
	free(md->nums);
	md->nums = NULL;
	md->nr_nums = 0;
	nv_md_tables_free(md->tables, md->nr_tables);
	md->tables = NULL;
	md->nr_tables = 0;
	cmark_node_free(md->root);
	md->root = NULL;
	nv_md_arena_free(md->arena);
	md->arena = NULL;
}

const char *nv_md_heading_id(cmark_node *node)
{
	if (!node || cmark_node_get_type(node) != CMARK_NODE_HEADING)
		return NULL;
	return cmark_node_get_user_data(node);
}

const struct nv_md_heading *nv_md_find_heading(const struct nv_md *md, const char *id)
{
	struct nv_md_heading key = { .id = (char *)id }, *kp = &key;
	const struct nv_md_heading **hit;

	if (!md || !id || !md->nr_headings)
		return NULL;
	hit = bsearch(&kp, md->by_id, md->nr_headings, sizeof(*md->by_id), cmp_heading_id);
	return hit ? *hit : NULL;
}
