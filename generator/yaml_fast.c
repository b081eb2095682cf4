/*
 * yaml_fast.c: the YAML people write in front matter, loaded without
 * libyaml; see yaml_load_int.h.
 *
 * Front matter is block maps and lists of one-line scalars, plain or
 * quoted, small one-line flow lists and maps, folded or literal block
 * scalars of evenly indented lines ("summary: >-"), and comments. This
 * loader reads that subset a line at a time into the tree libyaml's path
 * builds from it: the same nodes, texts, types, positions and key order,
 * node counts and depth. Everything else it declines, leaving no trace,
 * and nv_yaml_load() hands the text to libyaml: anchors, aliases and
 * tags, plain and quoted scalars and flow collections over several
 * lines, block scalars with an indentation indicator, "+", empty lines
 * or lines indented more than the first, keys that are quoted, explicit
 * or not plain, directives and document markers, tabs, characters
 * libyaml refuses or reads as a BOM or a line break, duplicate keys,
 * texts over the limits, and anything libyaml would call an error, so
 * that every message is still libyaml's.
 *
 * Positions are libyaml's: a node starts at its first character (a flow
 * collection at its bracket, a block map at its first key, a block list
 * at its first '-', a block scalar at its '|' or '>'), an empty value
 * just after its ':' or '-', and columns count characters, not bytes.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "value.h"
#include "yaml_load_int.h"

/* Bytes from a key to its ':'; libyaml looks 1024 characters ahead for it. */
#define KEY_MAX 1000

enum {
	FLOW_FIRST,
	FLOW_ITEM,
	FLOW_NEXT
}; /* in a flow collection: what comes next */

struct frame {
	size_t node; /* its index in the tree */
	size_t kids; /* where its children start on the tree's stack */
	enum nv_type type;
	int indent;	 /* of a block collection: its 0-based column; -1 for a flow one */
	bool indentless; /* a block list whose '-' stand in the column of its map */
	int state;	 /* a flow collection's FLOW_* */
	const char *key; /* a map's key waiting for its value (in the text), or NULL */
	size_t keylen;
	int key_line, key_col;
};

struct fast {
	const char *end;     /* of the text */
	const char *next;    /* the line after the current one */
	const char *ls, *le; /* the current line: its start, its end before "\n" or "\r\n" */
	const char *cpos;    /* a position on the line, at 0-based column ccol */
	int ccol;
	int line; /* of the current line, in the user's file */
	size_t max_depth, max_nodes, nodes;
	struct frame *stack; /* the open collections */
	size_t depth, alloc;
	struct nv_yaml_tree tree;
	bool root;
	bool pending;		 /* a line ended in "key:" or "-": its value is still to come */
	int pend_line, pend_col; /* where libyaml puts that value if it is empty */
	const char *why;	 /* the first reason to decline */
	struct nv_buf tmp;	 /* a quoted or block scalar's text */
};

static bool decline(struct fast *f, const char *why)
{
	if (!f->why)
		f->why = why;
	return false;
}

/* The length of the UTF-8 character at s[0] (of n bytes) libyaml reads as itself, or 0. */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	uint32_t cp;

	if (s[0] < 0xC2 || s[0] > 0xF4 || n < 2 || (s[1] & 0xC0) != 0x80)
		return 0;
	if (s[0] < 0xE0) /* not C1 controls, NEL included */
		return s[0] > 0xC2 || s[1] >= 0xA0 ? 2 : 0;
	if (n < 3 || (s[2] & 0xC0) != 0x80)
		return 0;
	if (s[0] < 0xF0) {
		cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		/* not overlong, a surrogate, LS or PS (line breaks), the BOM, U+FFFE or U+FFFF */
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 ||
		    cp == 0xFEFF || cp >= 0xFFFE)
			return 0;
		return 3;
	}
	if (n < 4 || (s[3] & 0xC0) != 0x80)
		return 0;
	cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	     (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	return cp >= 0x10000 && cp <= 0x10FFFF ? 4 : 0;
}

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * How many of the 16 bytes at s are, for certain, characters libyaml
 * reads as themselves: 16, or 15 when the last is the lead of a pair,
 * when they are printable ASCII, line feeds and two-byte characters from
 * U+00C0 (Cyrillic among them); else 0, and the caller looks closer.
 */
static inline size_t block_ok(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	unsigned high = (unsigned)_mm_movemask_epi8(v), low, lead, cont, odd;

	low = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20))) & ~high;
	low &= ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
	odd = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
	if (low || odd)
		return 0;
	if (!high)
		return 16;
	cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
	lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), _mm_set1_epi8((char)0xC0)));
	/* C0 and C1 are never valid, C2 may lead a C1 control (NEL among them) */
	odd = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_and_si128(v, _mm_set1_epi8((char)0xFE)), _mm_set1_epi8((char)0xC0)));
	odd |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
	if (high != (cont | lead) || cont != ((lead << 1) & 0xFFFFu) || odd)
		return 0;
	return lead & 0x8000u ? 15 : 16;
}
#else
static inline size_t block_ok(const unsigned char *s)
{
	(void)s;
	return 0;
}
#endif

/* The first a or b in [p, e), or e: sixteen bytes at a time where SSE2 is. */
static inline const char *find2(const char *p, const char *e, char a, char b)
{
#ifdef __SSE2__
	__m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), v;
	unsigned m;

	for (; e - p >= 16; p += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)p);
		m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
		if (m)
			return p + __builtin_ctz(m);
	}
#endif
	while (p < e && *p != a && *p != b)
		p++;
	return p;
}

/*
 * True if libyaml reads every character of the text as itself: printable
 * ASCII, line feeds, CR only before LF, valid UTF-8 of what it allows; no
 * tab (it may not indent, and is a blank where a space is not).
 */
static bool text_ok(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k, end;

	while (i < n) {
		if (i + 16 <= n && (k = block_ok(s + i))) {
			i += k;
			continue;
		}
		/* else a character at a time to the end of those sixteen bytes */
		for (end = n - i > 16 ? i + 16 : n; i < end; i += k) {
			if ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n')
				k = 1;
			else if (s[i] == '\r')
				k = i + 1 < n && s[i + 1] == '\n' ? 2 : 0;
			else
				k = utf8_ok(s + i, n - i);
			if (!k)
				return false;
		}
	}
	return true;
}

static const char *skip_spaces(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return p;
}

/*
 * Move to the next line that holds more than spaces and a comment; *first
 * is its first other character. False at the end of the text.
 */
static bool next_line(struct fast *f, const char **first)
{
	while (f->next < f->end) {
		const char *s = f->next, *nl = memchr(s, '\n', (size_t)(f->end - s)), *e, *p;

		e = nl ? nl : f->end;
		f->next = nl ? nl + 1 : f->end;
		f->line++;
		if (e > s && e[-1] == '\r')
			e--;
		p = skip_spaces(s, e);
		if (p == e || *p == '#')
			continue;
		f->ls = s;
		f->le = e;
		f->cpos = p;
		f->ccol = (int)(p - s);
		*first = p;
		return true;
	}
	return false;
}

/* The 0-based column of p on the current line, in characters, as libyaml counts. */
static int col_at(struct fast *f, const char *p)
{
	const char *q = f->cpos;
	int c = f->ccol;

	if (p < q) {
		q = f->ls;
		c = 0;
	}
	for (; q < p; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	f->cpos = p;
	f->ccol = c;
	return c;
}

/* One more node, as libyaml's path counts them (keys too), within the limit. */
static bool count(struct fast *f)
{
	if (f->nodes >= f->max_nodes)
		return decline(f, "too many nodes");
	f->nodes++;
	return true;
}

/* Give the node to the open collection, or make it the root (node 0). */
static bool attach(struct fast *f, size_t node)
{
	struct frame *t;

	if (!f->depth) {
		f->root = true;
		return true;
	}
	t = &f->stack[f->depth - 1];
	if (t->type == NV_LIST) {
		nv_yaml_tree_kid(&f->tree, node, NULL, 0, 0, 0);
		return true;
	}
	if (!t->key || nv_yaml_tree_has_key(&f->tree, t->kids, t->key, t->keylen))
		return decline(f, "duplicate key");
	nv_yaml_tree_kid(&f->tree, node, t->key, t->keylen, t->key_line, t->key_col);
	t->key = NULL;
	return true;
}

/* Open a collection at p: a block one in p's column, or a flow one at its bracket. */
static bool push(struct fast *f, enum nv_type type, const char *p, bool flow, bool indentless)
{
	struct frame *t;
	int col;

	if (!count(f))
		return false;
	if (f->depth >= f->max_depth)
		return decline(f, "too deep");
	col = col_at(f, p);
	NV_GROW(f->stack, f->depth + 1, f->alloc);
	t = &f->stack[f->depth++];
	t->node = nv_yaml_tree_node(&f->tree, type, f->line, col + 1);
	t->kids = f->tree.nkids;
	t->type = type;
	t->indent = flow ? -1 : col;
	t->indentless = indentless;
	t->state = FLOW_FIRST;
	t->key = NULL;
	return true;
}

/* Close the innermost collection. */
static bool pop(struct fast *f)
{
	const struct frame *t = &f->stack[--f->depth];

	nv_yaml_tree_close(&f->tree, t->node, t->kids);
	return attach(f, t->node);
}

/* The scalar s (n bytes) that stands at p on the current line. */
static bool scalar(struct fast *f, const char *s, size_t n, bool plain, const char *p)
{
	if (!count(f))
		return false;
	return attach(f, nv_yaml_tree_scalar(&f->tree, s, n, plain, f->line, col_at(f, p) + 1));
}

/* The key [p, e) of the map on top, before its value. */
static bool set_key(struct fast *f, const char *p, const char *e)
{
	struct frame *t = &f->stack[f->depth - 1];

	if (nv_yaml_plain_type(p, (size_t)(e - p)) == NV_NULL)
		return decline(f, "null key");
	if (!count(f))
		return false;
	t->key = p;
	t->keylen = (size_t)(e - p);
	t->key_line = f->line;
	t->key_col = col_at(f, p) + 1;
	return true;
}

/* A line ended in "key:" or "-" (at mark): the value comes on the lines below, or is empty. */
static bool wait_value(struct fast *f, const char *mark)
{
	f->pending = true;
	f->pend_line = f->line;
	f->pend_col = col_at(f, mark) + 2;
	return true;
}

/* The value waited for is empty: a null, just after its ':' or '-'. */
static bool empty_value(struct fast *f)
{
	f->pending = false;
	if (!count(f))
		return false;
	return attach(f, nv_yaml_tree_scalar(&f->tree, "", 0, true, f->pend_line, f->pend_col));
}

/* True if p starts a block list's entry: '-' before a space or the end of the line. */
static bool is_entry(const struct fast *f, const char *p)
{
	return *p == '-' && (p + 1 == f->le || p[1] == ' ');
}

/*
 * True if a plain scalar may start at p, in a flow collection or not; the
 * starts libyaml reads as something else, or may, are refused.
 */
static bool plain_first(const struct fast *f, const char *p, bool flow)
{
	switch (*p) {
	case '-':
		if (p + 1 == f->le || p[1] == ' ')
			return false;
		return !flow || !strchr(",[]{}#:?", p[1]);
	case '?':
	case ':':
	case ',':
	case '[':
	case ']':
	case '{':
	case '}':
	case '#':
	case '&':
	case '*':
	case '!':
	case '|':
	case '>':
	case '\'':
	case '"':
	case '%':
	case '@':
	case '`':
		return false;
	default:
		return true;
	}
}

/*
 * If the line from p reads "key: …" or "key:" with a plain key, its ':'
 * (the first one before a space or the end of the line, where libyaml's
 * plain scalar stops), unless a comment starts before; else NULL.
 */
static const char *key_colon(const struct fast *f, const char *p)
{
	const char *q;

	if (*p == '-' || !plain_first(f, p, false))
		return NULL;
	for (q = p;; q++) {
		q = find2(q, f->le, ':', '#');
		if (q == f->le || (*q == '#' && q[-1] == ' '))
			return NULL;
		if (*q == ':' && (q + 1 == f->le || q[1] == ' '))
			return q;
	}
}

/* Only spaces and maybe a comment after e, the end of a value. */
static bool line_done(struct fast *f, const char *e)
{
	const char *s = skip_spaces(e, f->le);

	if (s == f->le || (*s == '#' && s > e))
		return true;
	return decline(f, "text after a value");
}

/* Append the code point of the n hex digits at *s (before e) as UTF-8. */
static bool hex_escape(struct fast *f, const char **s, const char *e, int n)
{
	uint32_t cp = 0;
	char u[4];
	int i;

	if (e - *s < n)
		return decline(f, "escape");
	for (i = 0; i < n; i++) {
		char c = (*s)[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return decline(f, "escape");
		cp = cp << 4 | (uint32_t)d;
	}
	*s += n;
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return decline(f, "escape");
	if (cp <= 0x7F) {
		nv_buf_addch(&f->tmp, (int)cp);
		return true;
	}
	if (cp <= 0x7FF) {
		u[0] = (char)(0xC0 | cp >> 6);
		n = 2;
	} else if (cp <= 0xFFFF) {
		u[0] = (char)(0xE0 | cp >> 12);
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		n = 4;
	}
	for (i = 1; i < n; i++)
		u[i] = (char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
	nv_buf_add(&f->tmp, u, (size_t)n);
	return true;
}

/* The byte a one-letter escape \c stands for in libyaml, or -1. */
static int simple_escape(char c)
{
	static const char from[] = "0abtnvfre \"/\\", to[] = "\0\a\b\t\n\v\f\r\033 \"/\\";
	const char *hit = c ? strchr(from, c) : NULL;

	return hit ? (unsigned char)to[hit - from] : -1;
}

/* The text of the double-quoted scalar [s, e) into f->tmp, escapes resolved as libyaml does. */
static bool unescape(struct fast *f, const char *s, const char *e)
{
	const char *b;
	int c;

	nv_buf_reset(&f->tmp);
	while (s < e) {
		for (b = s; s < e && *s != '\\'; s++)
			;
		nv_buf_add(&f->tmp, b, (size_t)(s - b));
		if (s++ == e)
			break;
		c = simple_escape(*s++);
		if (c >= 0) {
			nv_buf_addch(&f->tmp, c);
			continue;
		}
		switch (s[-1]) {
		case 'N': /* NEL, no-break space, LS, PS */
			nv_buf_add(&f->tmp, "\xC2\x85", 2);
			break;
		case '_':
			nv_buf_add(&f->tmp, "\xC2\xA0", 2);
			break;
		case 'L':
			nv_buf_add(&f->tmp, "\xE2\x80\xA8", 3);
			break;
		case 'P':
			nv_buf_add(&f->tmp, "\xE2\x80\xA9", 3);
			break;
		case 'x':
		case 'u':
		case 'U':
			if (!hex_escape(f, &s, e, s[-1] == 'x' ? 2 : s[-1] == 'u' ? 4 : 8))
				return false;
			break;
		default:
			return decline(f, "escape");
		}
	}
	return true;
}

/* A quoted scalar at q that closes on its line; *end is after its closing quote. */
static bool quoted(struct fast *f, const char *q, const char **end)
{
	const char *s = q + 1, *r;
	bool raw = true;

	if (*q == '\'') {
		/* the closing quote is one not doubled */
		for (r = s;; r += 2) {
			r = find2(r, f->le, '\'', '\'');
			if (r == f->le)
				return decline(f, "quoted scalar over lines");
			if (r + 1 == f->le || r[1] != '\'')
				break;
			raw = false;
		}
	} else {
		/* the closing quote is one not escaped */
		for (r = s;; r += 2) {
			r = find2(r, f->le, '"', '\\');
			if (r == f->le || (*r == '\\' && r + 1 == f->le))
				return decline(f, "quoted scalar over lines");
			if (*r == '"')
				break;
			raw = false;
		}
	}
	*end = r + 1;
	if (raw)
		return scalar(f, s, (size_t)(r - s), false, q);
	if (*q == '"') {
		if (!unescape(f, s, r))
			return false;
	} else {
		nv_buf_reset(&f->tmp);
		/* every quote inside is the first of a pair that stands for one */
		for (; s < r; s++) {
			nv_buf_addch(&f->tmp, *s);
			s += *s == '\'';
		}
	}
	return scalar(f, f->tmp.ptr, f->tmp.len, false, q);
}

/* A plain scalar at q that ends the line, but for a comment. */
static bool plain(struct fast *f, const char *q)
{
	const char *r, *e;

	if (!plain_first(f, q, false))
		return decline(f, *q == '|' || *q == '>'   ? "block scalar"
				  : *q == '&' || *q == '*' ? "anchor or alias"
				  : *q == '!'		   ? "tag"
							   : "indicator");
	for (r = q;; r++) {
		r = find2(r, f->le, ':', '#');
		if (r == f->le || (*r == '#' && r[-1] == ' '))
			break;
		if (*r == ':' && (r + 1 == f->le || r[1] == ' '))
			return decline(f, "':' in a value");
	}
	for (e = r; e[-1] == ' '; e--)
		;
	return scalar(f, q, (size_t)(e - q), true, q);
}

/*
 * Append the next line to a block scalar whose lines are indented *n
 * (-1 before the first), unless it ends the scalar; false if it is a
 * line libyaml reads in a way the fast path does not: more indented than
 * the others, after an empty line, or of spaces beyond the indentation.
 */
static bool block_line_add(struct fast *f, bool literal, int parent, int *n, bool *blank,
			   bool *more)
{
	const char *s = f->next, *nl = memchr(s, '\n', (size_t)(f->end - s)), *e, *p;
	int col;

	e = nl ? nl : f->end;
	if (e > s && e[-1] == '\r')
		e--;
	p = skip_spaces(s, e);
	col = (int)(p - s);
	*more = false;
	if (p == e) {
		if (*n < 0 || col > *n)
			return decline(f, "block scalar: spaces");
		*blank = true;
	} else if (*n < 0 && col <= parent) {
		return decline(f, "block scalar: empty");
	} else if (*n >= 0 && col < *n) {
		return true; /* the end of the scalar: the line is read as usual */
	} else if ((*n >= 0 && col > *n) || *blank) {
		return decline(f, "block scalar: indentation or empty line");
	} else {
		if (*n >= 0)
			nv_buf_addch(&f->tmp, literal ? '\n' : ' ');
		nv_buf_add(&f->tmp, p, (size_t)(e - p));
		*n = col;
	}
	f->next = nl ? nl + 1 : f->end;
	f->line++;
	*more = f->next < f->end;
	return true;
}

/*
 * A block scalar at q, "|" or ">" with "-" or not, whose lines all have
 * the same indentation and no empty line between them: libyaml folds
 * them with spaces or keeps them as lines, and ends them with a line
 * break unless "-" strips it. Its lines are read here, past the current.
 */
static bool block_scalar(struct fast *f, const char *q)
{
	bool literal = *q == '|', strip = q + 1 < f->le && q[1] == '-', blank = false,
	     more = f->next < f->end;
	int line = f->line, col = col_at(f, q) + 1, n = -1;

	if (!line_done(f, q + 1 + strip))
		return false;
	nv_buf_reset(&f->tmp);
	while (more)
		if (!block_line_add(f, literal, f->stack[f->depth - 1].indent, &n, &blank, &more))
			return false;
	if (n < 0)
		return decline(f, "block scalar: empty");
	if (!strip)
		nv_buf_addch(&f->tmp, '\n');
	if (!count(f))
		return false;
	return attach(f, nv_yaml_tree_scalar(&f->tree, f->tmp.ptr, f->tmp.len, false, line, col));
}

static bool flow(struct fast *f, const char *q, const char **end);

/* A value at q, after "key: " or "- ", that ends the line: a scalar or a flow collection. */
static bool value(struct fast *f, const char *q)
{
	const char *e;

	if (*q == '|' || *q == '>')
		return block_scalar(f, q);
	if (*q == '[' || *q == '{') {
		if (!flow(f, q, &e))
			return false;
	} else if (*q == '"' || *q == '\'') {
		if (!quoted(f, q, &e))
			return false;
	} else {
		return plain(f, q);
	}
	return line_done(f, e);
}

/* The rest of a line "key: …" of the map on top: p is the key, colon its ':'. */
static bool key_rest(struct fast *f, const char *p, const char *colon)
{
	const char *e = colon, *q;

	if (colon - p > KEY_MAX)
		return decline(f, "long key");
	while (e[-1] == ' ')
		e--;
	if (!set_key(f, p, e))
		return false;
	q = skip_spaces(colon + 1, f->le);
	if (q == f->le || *q == '#')
		return wait_value(f, colon);
	return value(f, q);
}

/* The rest of a line "- …" of the list on top; p is the '-'. "- - …" opens a list in a list. */
static bool item(struct fast *f, const char *p)
{
	const char *q, *colon;

	for (;;) {
		q = skip_spaces(p + 1, f->le);
		if (q == f->le || *q == '#')
			return wait_value(f, p);
		if (!is_entry(f, q))
			break;
		if (!push(f, NV_LIST, q, false, false))
			return false;
		p = q;
	}
	colon = key_colon(f, q);
	if (colon)
		return push(f, NV_MAP, q, false, false) && key_rest(f, q, colon);
	return value(f, q);
}

/* A block collection that starts at p, the first of its line. */
static bool nested(struct fast *f, const char *p, bool entry)
{
	const char *colon;

	f->pending = false;
	if (entry)
		return push(f, NV_LIST, p, false, false) && item(f, p);
	colon = key_colon(f, p);
	if (!colon)
		return decline(f, "a scalar on its own line");
	return push(f, NV_MAP, p, false, false) && key_rest(f, p, colon);
}

/*
 * A line whose first character (not a space) is p: a value waited for
 * starts here or was empty, the collections it is left of close, and it
 * is an entry or a key of the one it stands in.
 */
static bool block_line(struct fast *f, const char *p)
{
	int col = (int)(p - f->ls);
	bool entry = is_entry(f, p);
	struct frame *t = f->depth ? &f->stack[f->depth - 1] : NULL;
	const char *colon;

	if (col == 0 && (p + 3 == f->le || (p + 3 < f->le && p[3] == ' ')) &&
	    (!memcmp(p, "---", 3) || !memcmp(p, "...", 3)))
		return decline(f, "document marker");
	if (f->pending) {
		if (col > t->indent)
			return nested(f, p, entry);
		if (entry && t->type == NV_MAP && t->indent == col) {
			f->pending = false;
			return push(f, NV_LIST, p, false, true) && item(f, p);
		}
		if (!empty_value(f))
			return false;
	}
	while (f->depth && (f->stack[f->depth - 1].indent > col ||
			    (f->stack[f->depth - 1].indentless && !entry)))
		if (!pop(f))
			return false;
	if (!f->depth)
		return f->root ? decline(f, "text after the root") : nested(f, p, entry);
	t = &f->stack[f->depth - 1];
	if (t->indent != col)
		return decline(f, "indentation");
	if (t->type == NV_LIST)
		return entry ? item(f, p) : decline(f, "a key in a list");
	colon = entry ? NULL : key_colon(f, p);
	return colon ? key_rest(f, p, colon) : decline(f, "not a key");
}

/* In a flow map, the plain key at *pp, its ':' and the spaces after. */
static bool flow_key(struct fast *f, const char **pp)
{
	const char *p = *pp, *r, *e;

	if (*p == '-' || !plain_first(f, p, true))
		return decline(f, "flow key");
	for (r = p; r < f->le && *r != ':'; r++)
		if (*r == ',' || *r == '[' || *r == ']' || *r == '{' || *r == '}' || *r == '#' ||
		    *r == '?')
			return decline(f, "flow key");
	if (r == f->le || r + 1 == f->le || r[1] != ' ' || r - p > KEY_MAX)
		return decline(f, "flow key");
	for (e = r; e[-1] == ' '; e--)
		;
	if (!set_key(f, p, e))
		return false;
	p = skip_spaces(r + 1, f->le);
	if (p == f->le || strchr(",]}", *p))
		return decline(f, "empty flow value");
	*pp = p;
	return true;
}

/* In a flow collection, the scalar at *pp; *pp moves after it. */
static bool flow_scalar(struct fast *f, const char **pp)
{
	const char *p = *pp, *r, *e;

	if (*p == '"' || *p == '\'')
		return quoted(f, p, pp);
	if (!plain_first(f, p, true))
		return decline(f, "indicator");
	for (r = p; r < f->le && *r != ',' && *r != ']' && *r != '}'; r++)
		if (*r == '[' || *r == '{' || *r == '#' || *r == ':' || *r == '?')
			return decline(f, "indicator in a flow scalar");
	if (r == f->le)
		return decline(f, "flow collection over lines");
	for (e = r; e[-1] == ' '; e--)
		;
	*pp = r;
	return scalar(f, p, (size_t)(e - p), true, p);
}

/* A flow collection at q that closes on its line; *end is after its bracket. */
static bool flow(struct fast *f, const char *q, const char **end)
{
	size_t base = f->depth;
	const char *p = q + 1;

	if (!push(f, *q == '[' ? NV_LIST : NV_MAP, q, true, false))
		return false;
	while (f->depth > base) {
		struct frame *t = &f->stack[f->depth - 1];
		char close = t->type == NV_MAP ? '}' : ']';

		p = skip_spaces(p, f->le);
		if (p == f->le)
			return decline(f, "flow collection over lines");
		if (*p == close && t->state != FLOW_ITEM) {
			p++;
			if (!pop(f))
				return false;
			continue;
		}
		if (t->state == FLOW_NEXT) {
			if (*p != ',')
				return decline(f, "flow separator");
			t->state = FLOW_ITEM;
			p++;
			continue;
		}
		t->state = FLOW_NEXT;
		if (t->type == NV_MAP && !flow_key(f, &p))
			return false;
		if (*p == '[' || *p == '{') {
			if (!push(f, *p == '[' ? NV_LIST : NV_MAP, p, true, false))
				return false;
			p++;
		} else if (!flow_scalar(f, &p)) {
			return false;
		}
	}
	*end = p;
	return true;
}

struct nv_value *nv_yaml_fast(const char *text, size_t len, int first_line,
			      const struct nv_yaml_limits *limits, const char **why, char **strings)
{
	struct fast f;
	struct nv_buf texts = NV_BUF_INIT;
	struct nv_value *result = NULL;
	const char *p;
	bool ok = true;

	if (why)
		*why = "character";
	if (strings)
		*strings = NULL;
	if (!text_ok(text, len))
		return NULL;
	memset(&f, 0, sizeof(f));
	f.next = text;
	f.end = text + len;
	f.line = first_line - 1;
	f.max_depth = limits ? limits->max_depth : NV_YAML_MAX_DEPTH;
	f.max_nodes = limits ? limits->max_nodes : NV_YAML_MAX_NODES;
	nv_buf_init(&f.tmp);
	f.tree.texts = strings ? &texts : NULL;
	if (strings) /* the texts are no longer than the YAML, as a rule */
		nv_buf_grow(&texts, len);
	/* room for a node in every 32 bytes, twice what front matter takes */
	NV_GROW(f.tree.nodes, len / 32 + 8, f.tree.anodes);
	NV_GROW(f.tree.edges, len / 32 + 8, f.tree.aedges);
	NV_GROW(f.tree.kids, 32, f.tree.akids);
	while (ok && next_line(&f, &p))
		ok = block_line(&f, p);
	if (ok && f.pending)
		ok = empty_value(&f);
	while (ok && f.depth)
		ok = pop(&f);
	if (ok)
		result = f.root ? nv_yaml_tree_finish(&f.tree, strings)
				: nv_value_new(NV_NULL, first_line, 1);
	nv_yaml_tree_release(&f.tree);
	free(f.stack);
	nv_buf_release(&f.tmp);
	nv_buf_release(&texts);
	if (why)
		*why = result ? NULL : f.why;
	return result;
}
