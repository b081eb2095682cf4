/*
 * model_pd.c: personal data in the model, once the publish levels are
 * settled: the check of unmarked mentions runs the guard (guard.h) over every
 * text the website publishes: Markdown bodies as cmark parsed them
 * (entities decoded, typography applied), headings, alt texts, link
 * titles and addresses, code; every string of the front matter but the
 * fields that hold ids; site.yml and pairs.yml; the names of documents
 * and attachments. A mention's own text is paper only and is skipped, as
 * are the items and documents kept off the website (but the title of
 * such an appendix, which its order's page shows). The text of a paragraph or heading
 * is joined before the scan, so a name split by emphasis («Зай*цева*»)
 * is found; each hit is traced back to the file by the text node it
 * starts in. A hidden person (or a form beyond a person's level) is an
 * error, a published one named without a mention a warning. A name typed
 * with Latin letters that look Russian («Петрoв») is found as well
 * (model_mixed.c), and the hint says which letters are Latin.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "guard.h"
#include "markdown.h"
#include "model.h"
#include "md_table.h"
#include "model_int.h"
#include "model_memo_int.h"
#include "person.h"
#include "schema.h"
#include "threads.h"
#include "utf8.h"
#include "value.h"

/* --- unmarked mentions ------------------------------------------------------ */

/* Where a name was found: what the message says and what the hint offers. */
enum place {
	IN_TEXT,
	IN_HEADING,
	IN_LINK_TEXT,
	IN_CODE,
	IN_ALT,
	IN_TITLE,
	IN_MENTION_TITLE,
	IN_URL,
	IN_FIELD,
	IN_RESPONSIBLE,	     /* the whole field is this text */
	IN_RESPONSIBLE_ITEM, /* an element of its list */
	IN_FILE_NAME,
	IN_ADDRESS, /* of mail or a site, written as text: in_address() */
};

static const char *const place_words[] = {
	"",
	" в заголовке",
	" в тексте ссылки",
	" в коде",
	" в подписи к изображению",
	" в подсказке ссылки",
	" в кавычках упоминания",
	" в адресе ссылки",
	" в поле «%s»",
	" в поле «responsible»",
	" в поле «responsible»",
	" в имени файла",
	" в адресе почты или сайта",
};

/* The state of the check over one file. */
struct mdl_pd {
	struct builder *b;
	const struct nv_guard *g; /* the model's */
	const char *file;
	const char *src; /* the file's text, to place a hit; NULL when not at hand */
	size_t srclen;
	/*
	 * The entry's document whose text was dropped (a load for once): it
	 * is read again at the first hit (need_src), and dropped after.
	 */
	struct nv_doc *doc;
	bool reread;
	struct nv_buf msg, hint, tmp, form; /* form: the name found, as read */
	struct mdl_memo memo;		    /* the strings this thread found no name in */
	struct nv_guard_mixed mixed;	    /* the names typed with Latin look-alikes */
	/* The last line looked up in src and where it starts: fields come in order. */
	const char *at_src;
	int at_line;
	size_t at_off;
};

/* The source of the entry being checked, read again at its first hit if it was dropped. */
static void need_src(struct mdl_pd *x)
{
	if (x->src || !x->doc || x->reread)
		return;
	x->reread = true;
	x->src = nv_content_doc_text(x->doc, x->b->d);
	x->srclen = x->src ? x->doc->len : 0;
	x->at_src = NULL;
}

/* The byte offset where line (1-based) of the source starts; srclen past the end. */
static size_t line_offset(struct mdl_pd *x, int line)
{
	size_t off = 0;
	int at = 1;

	if (x->at_src == x->src && x->at_line <= line) {
		at = x->at_line;
		off = x->at_off;
	}
	for (; at < line && off < x->srclen; at++) {
		const char *nl = memchr(x->src + off, '\n', x->srclen - off);
		off = nl ? (size_t)(nl - x->src) + 1 : x->srclen;
	}
	x->at_src = x->src;
	x->at_line = at;
	x->at_off = off;
	return off;
}

/* The offset of the end of the line holding off (before its '\n'). */
static size_t line_end(const struct mdl_pd *x, size_t off)
{
	const char *nl = off < x->srclen ? memchr(x->src + off, '\n', x->srclen - off) : NULL;

	return nl ? (size_t)(nl - x->src) : x->srclen;
}

/* The byte offset of (line, column in characters) of the source. */
static size_t char_offset(struct mdl_pd *x, int line, int col)
{
	size_t off = line_offset(x, line), end = line_end(x, off), k;
	uint32_t cp;

	while (--col > 0 && off < end) {
		k = nv_utf8_decode(x->src + off, end - off, &cp);
		off += k ? k : 1;
	}
	return off;
}

/* The number of times needle (n bytes) occurs in s[0, len). */
static size_t count_in(const char *s, size_t len, const char *needle, size_t n)
{
	size_t i, c = 0;

	for (i = 0; n && i + n <= len; i++)
		if (!memcmp(s + i, needle, n)) {
			c++;
			i += n - 1;
		}
	return c;
}

/*
 * Where in the source the hit at text[k] is: the text was read from the
 * source between the offsets from and to, where the word at text[k] is
 * looked for, as often as it occurs in text before k. False when it is
 * not found there (an escape or an entity changed the letters).
 */
static bool locate(const struct mdl_pd *x, size_t from, size_t to, const char *text, size_t len,
		   size_t k, int *line, int *col)
{
	size_t n = 0, skip, i;

	if (!x->src || from >= to)
		return false;
	while (k + n < len && text[k + n] != ' ' && (unsigned char)text[k + n] != 0xC2 && n < 64)
		n++;
	if (!n)
		return false;
	skip = count_in(text, k, text + k, n);
	for (i = from; i + n <= to && i + n <= x->srclen; i++) {
		if (memcmp(x->src + i, text + k, n))
			continue;
		if (skip--) {
			i += n - 1;
			continue;
		}
		nv_utf8_position(x->src, i, line, col);
		return true;
	}
	return false;
}

/* The hint for a name found at `where` (mention: the mention to write). */
static void add_hint(struct mdl_pd *x, enum place where, const char *key, const char *text,
		     size_t len, const struct nv_guard_hit *h)
{
	const char *form = x->form.ptr; /* report() sets it */
	size_t n = x->form.len;
	struct nv_buf *o = &x->hint;

	nv_buf_reset(o);
	switch (where) {
	case IN_TEXT:
	case IN_HEADING:
		nv_buf_adds(o, "отметьте упоминание: ");
		break;
	case IN_LINK_TEXT:
		nv_buf_adds(o, "внутри ссылки упоминание не пишется: вынесите имя из текста "
			       "ссылки и отметьте упоминание: ");
		break;
	case IN_CODE:
		nv_buf_adds(o, "уберите обратные кавычки вокруг имени и отметьте упоминание: ");
		break;
	case IN_ALT:
		nv_buf_adds(o, "подпись к изображению видна на сайте; отметьте упоминание и в "
			       "ней: ");
		break;
	case IN_TITLE:
		nv_buf_adds(o, "уберите имя из подсказки ссылки (текст в кавычках после "
			       "адреса): она видна на сайте");
		return;
	case IN_MENTION_TITLE:
		nv_buf_adds(o, "в кавычках упоминания пишут, как назвать человека на сайте "
			       "без имени («куратору»): уберите оттуда имя");
		return;
	case IN_URL:
		nv_buf_adds(o, "уберите имя из адреса ссылки (например, переименуйте файл, на "
			       "который она ведёт)");
		return;
	case IN_FILE_NAME:
		nv_buf_adds(o, "переименуйте файл (или его папку): имя видно на сайте в адресе "
			       "ссылки");
		return;
	case IN_ADDRESS:
		nv_buf_adds(o, "уберите этот адрес с сайта: по нему узнают человека, которого "
			       "нельзя называть; дайте вместо него общий адрес школы или куратора");
		return;
	case IN_RESPONSIBLE_ITEM:
		nv_buf_addf(o, "напишите вместо имени id участника из people.yml: %s", h->p->id);
		return;
	case IN_RESPONSIBLE:
		nv_buf_adds(o, "запишите ответственных списком, а участника — его id из "
			       "people.yml: responsible: [");
		if ((!h->start || (h->start >= 2 && !memcmp(text + h->start - 2, ", ", 2))) &&
		    (h->end == len || text[h->end] == ','))
			nv_buf_addf(o, "%.*s%s%.*s", (int)h->start, text, h->p->id,
				    (int)(len - h->end), text + h->end);
		else
			nv_buf_addf(o, "%s, …", h->p->id);
		nv_buf_addch(o, ']');
		return;
	case IN_FIELD:
		nv_buf_addf(o,
			    "уберите имя из поля «%s»: в полях между строками «---» упоминание не "
			    "пишется; назвать человека можно в тексте документа: ",
			    key ? key : "?");
		break;
	}
	nv_person_mention_example(o, form, n, h->p, h->leak);
}

/* Report the hit h in text (len bytes), found at `where`, at line:col of x->file. */
static void report(struct mdl_pd *x, enum place where, const char *key, const char *text,
		   size_t len, const struct nv_guard_hit *h, int line, int col)
{
	const struct nv_person *p = h->p;
	struct nv_diag *diag;

	/* The form as a reader sees it: no soft hyphens or zero-width characters. */
	nv_buf_reset(&x->form);
	nv_guard_form(text, h, false, &x->form);
	nv_buf_reset(&x->msg);
	nv_buf_addf(&x->msg, "«%s»", x->form.ptr);
	nv_buf_addf(&x->msg, place_words[where], key ? key : "?");
	if (h->leak && p->publish == NV_PUBLISH_NONE)
		nv_buf_addf(&x->msg,
			    " — имя человека, которого нельзя называть на сайте (%s, "
			    "publish: none)",
			    p->id);
	else if (h->leak)
		nv_buf_addf(&x->msg,
			    " — полное имя, а на сайте этого человека называют только фамилией "
			    "с инициалами (%s, publish: initials)",
			    p->id);
	else
		nv_buf_addf(&x->msg, " — имя участника без отметки упоминания (%s, publish: %s)",
			    p->id, mdl_publish_names[p->publish]);
	add_hint(x, where, key, text, len, h);
	nv_guard_mixed_hint(&x->hint, text + h->start, h->end - h->start, true); /* as written */
	if (h->leak)
		diag = nv_error(x->b->d, x->file, line, col, "%s", x->msg.ptr);
	else
		diag = nv_warning(x->b->d, x->file, line, col, "%s", x->msg.ptr);
	nv_diag_hint(diag, "%s", x->hint.ptr);
}

/*
 * Whether the hit h of text (len bytes), found at where, is in a word
 * that is an address of mail or a site («kotova.liza@mail.ru»,
 * «https://…», «www.…») written in text or a field, or a link's address
 * of mail: a published person's name there is no mention to mark, only a
 * hidden one's is said.
 */
static bool in_address(enum place where, const char *text, size_t len, const struct nv_guard_hit *h)
{
	size_t a = h->start, b = h->end;

	if (where != IN_TEXT && where != IN_HEADING && where != IN_LINK_TEXT && where != IN_CODE &&
	    where != IN_FIELD && where != IN_URL)
		return false;
	/* an address is of ASCII, up to a space, a bracket or a quote */
	while (a > 0 && (unsigned char)text[a - 1] > ' ' && (unsigned char)text[a - 1] < 0x80 &&
	       !strchr("<>()[]\"'", text[a - 1]))
		a--;
	while (b < len && (unsigned char)text[b] > ' ' && (unsigned char)text[b] < 0x80 &&
	       !strchr("<>()[]\"'", text[b]))
		b++;
	/* a link's own address is one of mail (of a site: its file may be renamed) */
	return memchr(text + a, '@', b - a) ||
	       (where != IN_URL && (nv_mem_find(text + a, b - a, "://", 3) ||
				    (b - a > 4 && !strncasecmp(text + a, "www.", 4))));
}

/*
 * Check a string read from the source between the offsets from and to
 * (when x->src is set); a hit that cannot be traced there is reported at
 * (line, col), where the string starts.
 */
static void scan_string(struct mdl_pd *x, enum place where, const char *key, const char *s,
			size_t len, size_t from, size_t to, int line, int col)
{
	struct nv_guard_hit h;
	size_t at = 0;
	int l, c;
	bool addr;

	nv_guard_mixed_start(&x->mixed, s, len);
	while (nv_guard_mixed_next(&x->mixed, x->g, s, len, &at, false, &h)) {
		addr = in_address(where, s, len, &h);
		if (!h.leak && (addr || nv_schema_address_key(key)))
			continue;
		l = line;
		c = col;
		locate(x, from, to, s, len, h.start, &l, &c);
		report(x, addr ? IN_ADDRESS : where, key, s, len, &h, l, c);
	}
}

/* A scalar of YAML: its text after escapes, traced back from its position. */
static void scan_scalar(struct mdl_pd *x, enum place where, const char *key,
			const struct nv_value *v)
{
	struct nv_guard_hit h;
	size_t from, to;

	/* Most strings name nobody: the source is wanted for a hit only. */
	if (!mdl_memo_find(&x->memo, x->g, v->str, v->len, true, &h) &&
	    !nv_md_may_mix(v->str, v->len))
		return;
	need_src(x);
	from = x->src ? char_offset(x, v->line, v->col) : 0;
	to = from + 4 * v->len + 256;

	scan_string(x, where, key, v->str, v->len, from, to < x->srclen ? to : x->srclen, v->line,
		    v->col);
}

/* `responsible`: text, or a list of texts and ids (ids are skipped). */
static void scan_responsible(struct mdl_pd *x, const struct nv_value *v)
{
	size_t i;

	if (v->type == NV_STRING) {
		/* A person's id alone is read as that person (mdl_read_responsible). */
		if (!nv_model_person(x->b->m, v->str))
			scan_scalar(x, IN_RESPONSIBLE, "responsible", v);
		return;
	}
	for (i = 0; v->type == NV_LIST && i < v->nr; i++)
		if (v->items[i]->type == NV_STRING && !mdl_valid_id(v->items[i]->str))
			scan_scalar(x, IN_RESPONSIBLE_ITEM, "responsible", v->items[i]);
}

/* Every string under v (a front matter or a data file) but those of id keys. */
static void scan_value(struct mdl_pd *x, const struct nv_value *v, const char *key)
{
	size_t i;

	switch (v->type) {
	case NV_MAP:
		for (i = 0; i < v->nr; i++) {
			if (nv_schema_id_key(v->members[i].key))
				continue;
			if (v->members[i].key[0] == 'r' &&
			    !strcmp(v->members[i].key, "responsible"))
				scan_responsible(x, v->members[i].value);
			else
				scan_value(x, v->members[i].value, v->members[i].key);
		}
		break;
	case NV_LIST:
		for (i = 0; i < v->nr; i++)
			scan_value(x, v->items[i], key);
		break;
	case NV_STRING:
		scan_scalar(x, IN_FIELD, key, v);
		break;
	default:
		break;
	}
}

/* A piece of the joined text of a block: from `off`, the literal of node (NULL: a space). */
struct seg {
	size_t off;
	cmark_node *node;
	enum place where;
};

/*
 * The inline text of one paragraph or heading, joined, and where each
 * piece came from. A block of one piece (most are) is read where cmark
 * keeps it (one, one_len), and copied into text only when a second
 * piece comes.
 */
struct block {
	cmark_node *node;
	struct nv_buf text;
	const char *one;
	size_t one_len;
	struct seg *segs;
	size_t nsegs, alloc;
	int in_link, in_image; /* depth of links and images around the inline being read */
};

static void add_seg(struct block *k, cmark_node *node, const char *s, enum place where)
{
	size_t n = s ? strlen(s) : 0;

	NV_GROW(k->segs, k->nsegs + 1, k->alloc);
	if (k->one) {
		nv_buf_add(&k->text, k->one, k->one_len);
		k->one = NULL;
	}
	k->segs[k->nsegs].off = k->text.len;
	k->segs[k->nsegs].node = node;
	k->segs[k->nsegs].where = where;
	if (!k->nsegs++ && !k->text.len) {
		k->one = s ? s : "";
		k->one_len = n;
	} else {
		nv_buf_add(&k->text, s ? s : "", n);
	}
}

/*
 * Lines before the first line of the table cell (or caption) holding
 * node: a cell's text was parsed on its own (md_table.h); 0 elsewhere.
 */
static int cell_shift(cmark_node *node)
{
	const struct nv_md_cell *c;

	for (; node; node = cmark_node_parent(node))
		if (cmark_node_get_type(node) == CMARK_NODE_CUSTOM_BLOCK &&
		    (c = nv_md_text_of(node)))
			return c->body_line - 1;
	return 0;
}

/*
 * The source offset where an inline node starts. cmark counts the columns
 * of a paragraph's later lines from the paragraph's first column, not from
 * where the line's text starts (see markdown.c): those are found on the
 * line, past its indentation and '>' markers.
 */
static size_t node_offset(struct mdl_pd *x, const struct nv_entry *e, cmark_node *node,
			  cmark_node *block)
{
	int nl = cmark_node_get_start_line(node), nc = cmark_node_get_start_column(node);
	int shift = cell_shift(node);
	size_t start, end, p, off;
	long rel;

	if (nl < 1 && block) {
		node = block;
		nl = cmark_node_get_start_line(block);
		nc = cmark_node_get_start_column(block);
	}
	start = line_offset(x, (nl < 1 ? 1 : nl) + shift + e->md->first_line - 1);
	end = line_end(x, start);
	off = start + (size_t)(nc < 1 ? 0 : nc - 1);
	if (block && node != block && nl != cmark_node_get_start_line(block)) {
		rel = (long)nc - cmark_node_get_start_column(block);
		for (p = start; p < end && strchr(" \t>", x->src[p]); p++)
			;
		off = p + (rel > 0 ? (size_t)rel : 0);
	}
	return off < end ? off : end;
}

/* The source offset of the end of the last line of node. */
static size_t node_end(struct mdl_pd *x, const struct nv_entry *e, cmark_node *node, size_t from)
{
	int nl = cmark_node_get_end_line(node);

	if (nl < 1)
		return line_end(x, from);
	return line_end(x, line_offset(x, nl + cell_shift(node) + e->md->first_line - 1));
}

/* Check the joined text of a block; each hit is placed by the text node it starts in. */
static void scan_block(struct mdl_pd *x, const struct nv_entry *e, struct block *k)
{
	struct nv_guard_hit h;
	const struct seg *s;
	const char *lit, *text = k->one ? k->one : k->text.ptr;
	size_t at = 0, i, from, off, len = k->one ? k->one_len : k->text.len;
	int line, col;
	bool found, addr;

	/* A piece in place is the tree's: it lasts (model_memo_int.h) unless dropped (b->later). */
	found = mdl_memo_find(&x->memo, x->g, text, len, k->one && !x->b->later, &h);
	at = !found ? len : h.end > h.start ? h.end : h.start + 1;
	/*
	 * A document's body whose bytes have no such word nor a reference has
	 * none: the text itself is read, not the copy of the last one started.
	 */
	x->mixed.copy = false;
	if ((!e->doc || e->md != e->doc->md || e->md->text_facts & NV_MD_TEXT_MIXED) &&
	    nv_guard_mixed_start(&x->mixed, text, len))
		found = false, at = 0; /* its copy is read instead, from the start */
	for (; found || nv_guard_mixed_next(&x->mixed, x->g, text, len, &at, false, &h);
	     found = false) {
		for (i = 0, s = NULL; i < k->nsegs && k->segs[i].off <= h.start; i++)
			s = &k->segs[i];
		if (!s || !s->node)
			continue;
		if ((addr = in_address(s->where, text, len, &h)) && !h.leak)
			continue;
		need_src(x);
		lit = cmark_node_get_literal(s->node);
		from = node_offset(x, e, s->node, k->node);
		off = h.start - s->off;
		if (!locate(x, from, node_end(x, e, s->node, from), lit, strlen(lit), off, &line,
			    &col)) {
			nv_utf8_position(x->src, from, &line, &col);
			col += (int)nv_utf8_count(lit, off);
		}
		report(x, addr ? IN_ADDRESS : s->where, NULL, text, len, &h, line, col);
	}
	nv_buf_reset(&k->text);
	k->one = NULL;
	k->nsegs = 0;
}

/*
 * A string of a node that is not in the flow of text (an address, a
 * title, code); lasting: s is the node's own (model_memo_int.h).
 */
static void scan_node_string(struct mdl_pd *x, const struct nv_entry *e, cmark_node *node,
			     cmark_node *block, enum place where, const char *s, bool lasting)
{
	struct nv_guard_hit h;
	size_t from, to, i;
	int line, col;

	if (!s || !*s ||
	    (!mdl_memo_find(&x->memo, x->g, s, strlen(s), lasting && !x->b->later, &h) &&
	     !nv_md_may_mix(s, strlen(s))))
		return;
	need_src(x);
	from = node_offset(x, e, node, block);
	to = node_end(x, e, node, from);
	nv_utf8_position(x->src, from, &line, &col);
	/* An address or a title is looked for past the link's text: «](». */
	for (i = from; where != IN_CODE && i + 1 < to; i++)
		if (x->src[i] == ']' && x->src[i + 1] == '(') {
			from = i + 2;
			break;
		}
	scan_string(x, where, NULL, s, strlen(s), from, to, line, col);
}

/* Whether link is an autolink («<x@y.ru>»): its text, read as text, is its address u. */
static bool autolink(cmark_node *link, const char *u)
{
	cmark_node *c = cmark_node_first_child(link);
	const char *t = c && cmark_node_get_type(c) == CMARK_NODE_TEXT && !cmark_node_next(c)
				? cmark_node_get_literal(c)
				: NULL;

	return t && u && (!strcmp(t, u) || (!strncmp(u, "mailto:", 7) && !strcmp(u + 7, t)));
}

/* An address with its %XX escapes decoded, so «%D0%93…» reads as letters. */
static void scan_url(struct mdl_pd *x, const struct nv_entry *e, cmark_node *node,
		     cmark_node *block)
{
	const char *u = cmark_node_get_url(node);
	unsigned hi, lo;

	if (autolink(node, u))
		return;

	nv_buf_reset(&x->tmp);
	for (; u && *u; u++) {
		if (u[0] == '%' && sscanf(u + 1, "%1x%1x", &hi, &lo) == 2) {
			nv_buf_addch(&x->tmp, (int)(hi * 16 + lo));
			u += 2;
		} else {
			nv_buf_addch(&x->tmp, *u);
		}
	}
	scan_node_string(x, e, node, block, IN_URL, x->tmp.ptr, false);
}

/* Where the text of an inline goes on the website, by what holds it. */
static enum place inline_place(const struct block *k)
{
	if (k->in_image)
		return IN_ALT;
	if (k->in_link)
		return IN_LINK_TEXT;
	return k->node && cmark_node_get_type(k->node) == CMARK_NODE_HEADING ? IN_HEADING : IN_TEXT;
}

/*
 * A link or an image. A mention's text is the paper form and is skipped
 * (false: do not descend), its title is what the website shows.
 */
static bool enter_link(struct mdl_pd *x, const struct nv_entry *e, struct block *k,
		       cmark_node *node)
{
	const char *url = cmark_node_get_url(node);

	if (cmark_node_get_type(node) == CMARK_NODE_LINK && url && url[0] == '@') {
		add_seg(k, NULL, " ", IN_TEXT);
		scan_node_string(x, e, node, k->node, IN_MENTION_TITLE, cmark_node_get_title(node),
				 true);
		return false;
	}
	scan_url(x, e, node, k->node);
	scan_node_string(x, e, node, k->node, IN_TITLE, cmark_node_get_title(node), true);
	if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
		add_seg(k, NULL, " ", IN_TEXT);
		k->in_image++;
	} else {
		k->in_link++;
	}
	return true;
}

/* True if node is an item kept off the website. */
static bool private_node(const struct nv_entry *e, cmark_node *node)
{
	size_t i;

	for (i = 0; i < e->nprivate_items; i++)
		if (e->private_items[i] == node)
			return true;
	return false;
}

/* One node of the body walk (see scan_body). False: skip what is below it. */
static bool body_node(struct mdl_pd *x, const struct nv_entry *e, struct block *k, cmark_node *node,
		      bool enter)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_ITEM:
		return !enter || !private_node(e, node);
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		if (enter)
			k->node = node;
		else
			scan_block(x, e, k);
		break;
	case CMARK_NODE_TEXT:
		add_seg(k, node, cmark_node_get_literal(node), inline_place(k));
		break;
	case CMARK_NODE_CODE:
		add_seg(k, node, cmark_node_get_literal(node), IN_CODE);
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		add_seg(k, NULL, " ", IN_TEXT);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (enter)
			return enter_link(x, e, k, node);
		if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
			k->in_image--;
			add_seg(k, NULL, " ", IN_TEXT);
		} else if (cmark_node_get_url(node) && cmark_node_get_url(node)[0] == '@') {
			break; /* a mention: nothing below it was read */
		} else {
			k->in_link--;
		}
		break;
	case CMARK_NODE_CODE_BLOCK:
		scan_node_string(x, e, node, NULL, IN_CODE, cmark_node_get_literal(node), true);
		break;
	default: /* raw HTML never reaches the website (html_md.h) */
		break;
	}
	return true;
}

/* The Markdown body of e, as the website shows it. */
static void scan_body(struct mdl_pd *x, const struct nv_entry *e)
{
	struct block k = { 0 };
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *node;

	nv_buf_init(&k.text);
	it = cmark_iter_new(e->md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (!body_node(x, e, &k, node, ev == CMARK_EVENT_ENTER))
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	nv_buf_release(&k.text);
	free(k.segs);
}

/* A data file of content/ (site.yml, pairs.yml): its strings, placed where they start. */
static void scan_data(struct mdl_pd *x, const char *name)
{
	const struct nv_data *data = nv_content_data(x->b->c, name);

	if (!data || !data->value)
		return;
	x->file = data->path;
	x->src = NULL;
	x->srclen = 0;
	scan_value(x, data->value, NULL);
}

/* The state of one thread's check: its builder (own diagnostics) and the model's guard. */
static void pd_init(struct mdl_pd *x, struct builder *b)
{
	memset(x, 0, sizeof(*x));
	x->b = b;
	x->g = b->m->guard;
	nv_buf_init(&x->msg);
	nv_buf_init(&x->hint);
	nv_buf_init(&x->tmp);
	nv_buf_init(&x->form);
	mdl_memo_init(&x->memo);
	nv_guard_mixed_init(&x->mixed);
}

static void pd_release(struct mdl_pd *x)
{
	nv_buf_release(&x->msg);
	nv_buf_release(&x->hint);
	nv_buf_release(&x->tmp);
	nv_buf_release(&x->form);
	mdl_memo_release(&x->memo);
	nv_guard_mixed_release(&x->mixed);
}

/* Done with the entry's source: a text read again is dropped. */
static void drop_src(struct mdl_pd *x)
{
	if (x->reread)
		nv_content_doc_text_done(x->doc);
	x->doc = NULL;
	x->reread = false;
	x->src = NULL;
	x->srclen = 0;
}

/* x ready for e's source, read again at the first hit when it was dropped. */
static void entry_src(struct mdl_pd *x, const struct nv_entry *e)
{
	x->file = e->path;
	x->src = e->text;
	x->srclen = e->text_len;
	x->doc = e->text ? NULL : e->doc;
	x->reread = false;
	x->at_src = NULL;
}

/* The front matter of e, and its file's name: a hidden one's title alone. */
static void check_front(struct mdl_pd *x, const struct nv_entry *e)
{
	const struct nv_value *title;
	const char *base;

	entry_src(x, e);
	/* Kept off the website, its title still names it on its order's page. */
	if (e->web_hidden) {
		title = nv_map_get(e->doc->meta, "title");
		if (title && title->type == NV_STRING)
			scan_scalar(x, IN_FIELD, "title", title);
		drop_src(x);
		return;
	}
	if (e->doc->meta)
		scan_value(x, e->doc->meta, NULL);
	drop_src(x);
	/* The file's name (a Latin slug) is the page's address. */
	base = strrchr(e->path, '/');
	base = base ? base + 1 : e->path;
	scan_string(x, IN_FILE_NAME, NULL, base, strlen(base), 0, 0, 0, 0);
}

/* The body of e, unless it is kept off the website. */
static void check_body(struct mdl_pd *x, const struct nv_entry *e)
{
	if (e->web_hidden)
		return;
	entry_src(x, e);
	/* A body taken from its summary is parsed now (md_summary.h). */
	if (e->md && !e->md->root && e->md == e->doc->md)
		nv_content_doc_tree(e->doc, NULL, x->b->d);
	if (e->md && e->md->root)
		scan_body(x, e);
	drop_src(x);
}

/* Check k (front or body) of entry i, with the thread's state *x, made at its first entry. */
static void check(struct builder *b, size_t i, struct mdl_pd **x, enum mdl_check k)
{
	size_t mark;

	if (mdl_cache_replay(b, k, i))
		return;
	if (!*x) {
		*x = nv_xmalloc(sizeof(**x));
		pd_init(*x, b);
	}
	mark = b->d->nr;
	if (k == MDL_CHECK_MENTIONS)
		check_body(*x, b->m->entries[i]);
	else
		check_front(*x, b->m->entries[i]);
	mdl_cache_store(b, k, i, mark);
}

void mdl_check_mentions_front(struct builder *b, size_t i, struct mdl_pd **x)
{
	check(b, i, x, MDL_CHECK_FRONT_MENTIONS);
}

void mdl_check_mentions(struct builder *b, size_t i, struct mdl_pd **x)
{
	check(b, i, x, MDL_CHECK_MENTIONS);
}

void mdl_pd_free(struct mdl_pd *x)
{
	if (x)
		pd_release(x);
	free(x);
}

void mdl_check_mentions_begin(struct builder *b)
{
	mdl_cache_begin(b, MDL_CHECK_FRONT_MENTIONS);
	mdl_cache_begin(b, MDL_CHECK_MENTIONS);
	/* Made again for a model kept from the last build: the people may have changed. */
	mdl_guard_release(b->m);
	b->m->guard = nv_guard_new(b->m);
}

void mdl_check_data_mentions(struct builder *b)
{
	struct mdl_pd x;
	const char *rel;
	size_t i;

	pd_init(&x, b);
	scan_data(&x, "site");
	scan_data(&x, "pairs");
	x.src = NULL;
	/* The path below content/, folders too: all of it is in the file's address. */
	for (i = 0; i < b->m->nattachments; i++) {
		x.file = b->m->attachments[i].path;
		rel = b->m->attachments[i].rel;
		scan_string(&x, IN_FILE_NAME, NULL, rel, strlen(rel), 0, 0, 0, 0);
	}
	pd_release(&x);
}

void mdl_guard_release(struct nv_model *m)
{
	nv_guard_free(m->guard);
	m->guard = NULL;
}
