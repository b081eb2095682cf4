/*
 * template_compile.c: the Mustache compiler, from a template's source to
 * the flat node array of template_int.h; the set, the loader and the
 * renderer are in template.c.
 *
 * Compiling runs three passes over a template's source:
 *  1. scan: split the source into text pieces (a piece ends at a newline
 *     at the latest) and tags, switching delimiters as {{=<% %>=}} tags
 *     come;
 *  2. lines: find "standalone" lines — white space plus tags that print
 *     nothing (sections, comments, partials…) — whose white space and
 *     newline are dropped, and mark the first piece of every other line as
 *     a line start;
 *  3. build: turn the pieces into a flat array of nodes in document order.
 *     A container (section, inverted section, parent, block) stores the
 *     index just past its last descendant, so rendering walks an index
 *     range and jumps over subtrees. Nesting is an explicit stack: nothing
 *     recurses while compiling.
 *
 * Every pass is a loop over the source or the tokens that hands each tag
 * to a small step function (tag_kind, tag_close, tag_fill; build_open,
 * build_close…) working on the pass's state struct. Errors are collected,
 * not fatal: a template with errors is TS_BROKEN and never rendered. The
 * indentation rules (see template.c) are compiled here: line starts are
 * flagged NF_LS, and blocks strip the indentation of their standalone
 * opening line from their lines.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "template.h"
#include "template_int.h"
#include "utf8.h"
#include "value.h"

#define NONE SIZE_MAX

/* ---- pass 1: scanning ------------------------------------------------ */

enum tok_kind {
	TK_TEXT,
	TK_VAR,
	TK_RAW,
	TK_SECTION,
	TK_INVERTED,
	TK_CLOSE,
	TK_PARTIAL,
	TK_PARENT,
	TK_BLOCK,
	TK_COMMENT,
	TK_DELIM,
};

struct tok {
	enum tok_kind kind;
	struct nv_slice text; /* TK_TEXT: the text; tags: the name, trimmed */
	int line, col;
	bool nl;		 /* TK_TEXT ends with a newline */
	bool dynamic;		 /* partial or parent named by "*name" */
	bool closes_parent;	 /* TK_CLOSE matching a TK_PARENT */
	bool drop;		 /* white space of a standalone line */
	bool ls;		 /* first piece of a line that is kept */
	bool standalone;	 /* a tag on a standalone line */
	bool bad_delims;	 /* TK_DELIM that is not two delimiters */
	struct nv_slice lead;	 /* white space before the tag if only that precedes it */
	struct nv_slice next_ws; /* standalone tags: white space starting the next line */
};

struct compiler {
	struct nv_tpl_set *set;
	struct nv_template *t;
	struct nv_diags *d;
	struct tok *toks;
	size_t ntoks, atoks;
	size_t errors;
	/* an unclosed tag ends scanning; it is reported after the rest */
	bool unclosed, unclosed_raw;
	int unclosed_line, unclosed_col;
	struct nv_slice unclosed_close;
	/* position tracking, moving forward only */
	size_t cur, line_start, col_off, col_n;
	int line;
};

static struct nv_diag *cerror(struct compiler *c, int line, int col, const char *fmt, ...)
	NV_PRINTF(4, 5);

static struct nv_diag *cerror(struct compiler *c, int line, int col, const char *fmt, ...)
{
	struct nv_buf msg = NV_BUF_INIT;
	struct nv_diag *diag;
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag = nv_error(c->d, c->t->file, line, col, "%s", msg.ptr);
	nv_buf_release(&msg);
	c->errors++;
	return diag;
}

/* Line and character column of offset pos; pos never goes backwards. */
static void where(struct compiler *c, size_t pos, int *line, int *col)
{
	const char *s = c->t->src;

	while (c->cur < pos) {
		const char *nl = memchr(s + c->cur, '\n', pos - c->cur);
		if (!nl) {
			c->cur = pos;
			break;
		}
		c->line++;
		c->cur = (size_t)(nl - s) + 1;
		c->line_start = c->col_off = c->cur;
		c->col_n = 0;
	}
	c->col_n += nv_utf8_count(s + c->col_off, pos - c->col_off);
	c->col_off = pos;
	*line = c->line;
	*col = (int)c->col_n + 1;
}

/* Offset of pat in s[from, n), or NONE. */
static size_t find(const char *s, size_t n, size_t from, struct nv_slice pat)
{
	while (from < n && n - from >= pat.len) {
		const char *p = memchr(s + from, pat.ptr[0], n - from - pat.len + 1);
		if (!p)
			break;
		if (!memcmp(p, pat.ptr, pat.len))
			return (size_t)(p - s);
		from = (size_t)(p - s) + 1;
	}
	return NONE;
}

static struct tok *tok_add(struct compiler *c, enum tok_kind kind)
{
	struct tok *tk;

	NV_GROW(c->toks, c->ntoks + 1, c->atoks);
	tk = &c->toks[c->ntoks++];
	memset(tk, 0, sizeof(*tk));
	tk->kind = kind;
	return tk;
}

/* Add the text s[a, b) as pieces that end at a newline at the latest. */
static void add_text(struct compiler *c, size_t a, size_t b)
{
	const char *s = c->t->src;

	while (a < b) {
		const char *nl = memchr(s + a, '\n', b - a);
		size_t e = nl ? (size_t)(nl - s) + 1 : b;
		struct tok *tk = tok_add(c, TK_TEXT);

		tk->text = nv_slice_make(s + a, e - a);
		tk->nl = nl != NULL;
		a = e;
	}
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static bool has_space(struct nv_slice s)
{
	size_t i;

	for (i = 0; i < s.len; i++)
		if (is_space(s.ptr[i]))
			return true;
	return false;
}

/* "." or parts separated by single dots, none empty. */
static bool valid_dotted(struct nv_slice s)
{
	size_t i;

	if (s.len == 1 && s.ptr[0] == '.')
		return true;
	if (s.ptr[0] == '.' || s.ptr[s.len - 1] == '.')
		return false;
	for (i = 1; i < s.len; i++)
		if (s.ptr[i] == '.' && s.ptr[i - 1] == '.')
			return false;
	return true;
}

static void check_name(struct compiler *c, struct tok *tk)
{
	const char *hint = "имя — поле или путь через точку, например {{page.title}}";
	bool dotted = tk->kind == TK_VAR || tk->kind == TK_RAW || tk->kind == TK_SECTION ||
		      tk->kind == TK_INVERTED || tk->dynamic;

	if (!tk->text.len) {
		nv_diag_hint(cerror(c, tk->line, tk->col, "пустое имя в теге"),
			     "укажите имя, например {{title}}");
	} else if (has_space(tk->text)) {
		nv_diag_hint(cerror(c, tk->line, tk->col, "в имени «%.*s» есть пробелы",
				    (int)tk->text.len, tk->text.ptr),
			     "%s", hint);
	} else if (dotted && !valid_dotted(tk->text)) {
		nv_diag_hint(cerror(c, tk->line, tk->col, "неверное имя «%.*s»", (int)tk->text.len,
				    tk->text.ptr),
			     "%s", hint);
	}
}

/* Parse the inside of {{=a b=}}; false if it is not two delimiters. */
static bool parse_delims(struct nv_slice in, struct nv_slice *open, struct nv_slice *close)
{
	size_t i = 0, j;

	in = nv_slice_trim(in);
	while (i < in.len && !is_space(in.ptr[i]))
		i++;
	j = i;
	while (j < in.len && is_space(in.ptr[j]))
		j++;
	*open = nv_slice_make(in.ptr, i);
	*close = nv_slice_make(in.ptr + j, in.len - j);
	if (!open->len || !close->len || has_space(*close))
		return false;
	return !memchr(open->ptr, '=', open->len) && !memchr(close->ptr, '=', close->len);
}

/* The state of pass 1 besides the compiler: delimiters and open containers. */
struct scanner {
	const char *s;
	size_t n;
	struct nv_slice open, close;
	unsigned char *kinds; /* open container kinds, to tell parent closes */
	size_t nkinds, akinds;
};

/* The kind of tag whose sigil (the character after the opening delimiter) is ch. */
static inline enum tok_kind tag_kind(char ch)
{
	switch (ch) {
	case '{':
		return TK_RAW;
	case '&':
		return TK_RAW;
	case '#':
		return TK_SECTION;
	case '^':
		return TK_INVERTED;
	case '/':
		return TK_CLOSE;
	case '>':
		return TK_PARTIAL;
	case '<':
		return TK_PARENT;
	case '$':
		return TK_BLOCK;
	case '!':
		return TK_COMMENT;
	case '=':
		return TK_DELIM;
	default:
		return TK_VAR;
	}
}

/*
 * The offset of the closing delimiter of the tag of this kind whose body
 * starts at or after s[p] (p just past the opening delimiter), with the
 * body stored in *body; NONE if the tag is not closed (then *raw tells
 * whether a triple mustache was missing its "}").
 */
static inline size_t tag_close(const struct scanner *sc, enum tok_kind kind, size_t p,
			       struct nv_slice *body, bool *raw)
{
	const char *s = sc->s;
	size_t n = sc->n, r, from;

	if (kind == TK_RAW && s[p] == '{') {
		r = p + 1 < n ? find(s, n, p + 2, sc->close) : NONE;
		while (r != NONE && s[r - 1] != '}')
			r = find(s, n, r + 1, sc->close);
		if (r == NONE) {
			*raw = true;
			return NONE;
		}
		*body = nv_slice_make(s + p + 1, r - 1 - (p + 1));
		return r;
	}
	from = kind == TK_VAR ? p : p + 1;
	r = from <= n ? find(s, n, from, sc->close) : NONE;
	if (r != NONE)
		*body = nv_slice_make(s + from, r - from);
	return r;
}

/*
 * Fill the token of a closed tag from its body: new delimiters for a
 * delimiter tag, otherwise the trimmed name; and track open containers.
 */
static inline void tag_fill(struct scanner *sc, struct tok *tk, struct nv_slice body)
{
	enum tok_kind kind = tk->kind;

	if (kind == TK_DELIM) {
		struct nv_slice o, cl;

		if (body.len && body.ptr[body.len - 1] == '=' &&
		    parse_delims(nv_slice_make(body.ptr, body.len - 1), &o, &cl)) {
			sc->open = o;
			sc->close = cl;
		} else {
			tk->bad_delims = true;
		}
	} else if (kind != TK_COMMENT) {
		tk->text = nv_slice_trim(body);
		if ((kind == TK_PARTIAL || kind == TK_PARENT) && tk->text.len &&
		    tk->text.ptr[0] == '*') {
			tk->dynamic = true;
			tk->text = nv_slice_trim(nv_slice_make(tk->text.ptr + 1, tk->text.len - 1));
		}
	}
	if (kind == TK_SECTION || kind == TK_INVERTED || kind == TK_PARENT || kind == TK_BLOCK) {
		NV_GROW(sc->kinds, sc->nkinds + 1, sc->akinds);
		sc->kinds[sc->nkinds++] = (unsigned char)kind;
	} else if (kind == TK_CLOSE && sc->nkinds) {
		tk->closes_parent = sc->kinds[--sc->nkinds] == TK_PARENT;
	}
}

/*
 * Pass 1. An unclosed tag ends scanning: the tokens before it are kept
 * and the error is left in c->unclosed* to be reported after them.
 */
static void scan(struct compiler *c)
{
	struct scanner sc = { c->t->src, c->t->len, nv_slice_str("{{"), nv_slice_str("}}"), NULL,
			      0,	 0 };
	size_t n = sc.n, pos = 0;

	while (pos < n) {
		size_t q = find(sc.s, n, pos, sc.open), p, r;
		struct tok *tk;
		struct nv_slice body;
		enum tok_kind kind;
		int line, col;

		add_text(c, pos, q == NONE ? n : q);
		if (q == NONE)
			break;
		where(c, q, &line, &col);
		p = q + sc.open.len;
		kind = p < n ? tag_kind(sc.s[p]) : TK_VAR;
		r = tag_close(&sc, kind, p, &body, &c->unclosed_raw);
		if (r == NONE) {
			c->unclosed = true;
			c->unclosed_line = line;
			c->unclosed_col = col;
			c->unclosed_close = sc.close;
			break;
		}
		/* before tag_fill(): a delimiter tag ends with the old delimiter */
		pos = r + sc.close.len;
		tk = tok_add(c, kind);
		tk->line = line;
		tk->col = col;
		tag_fill(&sc, tk, body);
	}
	free(sc.kinds);
}

/* ---- pass 2: standalone lines ---------------------------------------- */

/* Spaces and tabs only, plus the final "\n" or "\r\n" of a piece that has it. */
static bool blank_piece(const struct tok *tk)
{
	size_t i, n = tk->text.len;

	if (tk->nl) {
		n--;
		if (n && tk->text.ptr[n - 1] == '\r')
			n--;
	}
	for (i = 0; i < n; i++)
		if (tk->text.ptr[i] != ' ' && tk->text.ptr[i] != '\t')
			return false;
	return true;
}

/*
 * Tokens [a, b) form one line. The line is standalone when it holds only
 * white space and tags that print nothing, and at most one tag other than
 * parent tags: a parent's opening and closing tags are invisible here, so
 * "{{<parent}}{{$block}}" and "  {{<parent}}{{/parent}}" stand alone.
 */
static void mark_line(struct compiler *c, size_t a, size_t b)
{
	struct tok *t = c->toks;
	struct nv_slice lead = nv_slice_make("", 0);
	size_t k, ntags = 0, other = 0;
	bool ok = true, only_ws = true;

	for (k = a; k < b; k++) {
		if (t[k].kind == TK_TEXT) {
			if (!blank_piece(&t[k])) {
				ok = false;
				only_ws = false;
			} else if (k == a && !t[k].nl) {
				lead = t[k].text;
			}
			continue;
		}
		t[k].lead = only_ws ? lead : nv_slice_make("", 0);
		if (t[k].kind == TK_VAR || t[k].kind == TK_RAW) {
			ok = false;
			only_ws = false;
			continue;
		}
		ntags++;
		if (t[k].kind != TK_PARENT && !(t[k].kind == TK_CLOSE && t[k].closes_parent))
			other++;
	}
	if (ok && ntags && other <= 1) {
		struct nv_slice next = nv_slice_make(c->t->src + c->t->len, 0);

		if (t[b - 1].kind == TK_TEXT && t[b - 1].nl) {
			const char *p = t[b - 1].text.ptr + t[b - 1].text.len;
			const char *e = c->t->src + c->t->len;
			next = nv_slice_make(p, 0);
			while (p + next.len < e && (p[next.len] == ' ' || p[next.len] == '\t'))
				next.len++;
		}
		for (k = a; k < b; k++) {
			if (t[k].kind == TK_TEXT) {
				t[k].drop = true;
			} else {
				t[k].standalone = true;
				t[k].next_ws = next;
			}
		}
	} else if (!(t[a].kind == TK_TEXT && t[a].nl && blank_piece(&t[a]))) {
		/* an empty line gets no indentation */
		t[a].ls = true;
	}
}

static void mark_lines(struct compiler *c)
{
	size_t a = 0, b;

	while (a < c->ntoks) {
		for (b = a; b < c->ntoks; b++) {
			if (c->toks[b].kind == TK_TEXT && c->toks[b].nl) {
				b++;
				break;
			}
		}
		mark_line(c, a, b);
		a = b;
	}
}

/* ---- pass 3: building the tree --------------------------------------- */

struct open {
	size_t node, tok;
	struct nv_slice abs; /* strip indentation outside this container */
};

static struct tnode *node_add(struct compiler *c, enum node_type type, const struct tok *tk)
{
	struct nv_template *t = c->t;
	struct tnode *n;

	NV_GROW(t->nodes, t->nr + 1, t->alloc);
	n = &t->nodes[t->nr];
	memset(n, 0, sizeof(*n));
	n->type = (unsigned char)type;
	n->line = tk->line;
	n->col = tk->col;
	n->text = tk->text;
	if (tk->ls)
		n->flags |= NF_LS;
	t->nr++;
	n->end = t->nr;
	return n;
}

/* Split the node's name at dots into t->parts. */
static void split_name(struct compiler *c, struct tnode *n)
{
	struct nv_template *t = c->t;
	size_t i, start = 0;

	n->part0 = t->nparts;
	if (n->text.len == 1 && n->text.ptr[0] == '.')
		return;
	for (i = 0; i <= n->text.len; i++) {
		if (i == n->text.len || n->text.ptr[i] == '.') {
			if (i > start) {
				NV_GROW(t->parts, t->nparts + 1, t->aparts);
				t->parts[t->nparts].name =
					nv_slice_make(n->text.ptr + start, i - start);
				t->parts[t->nparts].shared =
					nv_key_shared(n->text.ptr + start, i - start);
				t->parts[t->nparts++].bit = key_bit(n->text.ptr + start, i - start);
				n->nparts++;
			}
			start = i + 1;
		}
	}
}

/* s without its longest common prefix with the white space `abs`. */
static struct nv_slice strip_indent(struct nv_slice s, struct nv_slice abs)
{
	size_t i = 0;

	while (i < s.len && i < abs.len && s.ptr[i] == abs.ptr[i])
		i++;
	return i ? nv_slice_make(s.ptr + i, s.len - i) : s;
}

static void link_static(struct compiler *c, struct tnode *n, bool parent)
{
	struct nv_template *target;
	char *name = nv_slice_dup(n->text);

	target = nv_tpl_load(c->set, n->text.ptr, n->text.len, c->d, c->t->file, n->line, n->col);
	n->target = target;
	if (target->state == TS_MISSING &&
	    (target->invalid_name || !(c->set->flags & NV_TPL_LENIENT))) {
		struct nv_diag *diag;

		if (target->invalid_name)
			diag = cerror(c, n->line, n->col, "недопустимое имя шаблона «%s»", name);
		else
			diag = cerror(c, n->line, n->col, "%s шаблон «%s» не найден",
				      parent ? "родительский" : "частичный", name);
		nv_tpl_hint_searched(diag, target);
	}
	free(name);
}

/*
 * The template a partial or parent tag names: standalone indentation, then
 * the name, looked up now when static or at render time when dynamic.
 */
static void name_template(struct compiler *c, struct tnode *n, const struct tok *tk,
			  struct nv_slice abs, bool parent)
{
	if (tk->standalone) {
		n->flags |= NF_STANDALONE;
		n->indent = strip_indent(tk->lead, abs);
	}
	if (tk->dynamic) {
		n->flags |= NF_DYNAMIC;
		split_name(c, n);
	} else if (tk->text.len) {
		link_static(c, n, parent);
	}
}

static const char *container_word(unsigned char type)
{
	switch (type) {
	case N_BLOCK:
		return "блок «%.*s» не закрыт";
	case N_PARENT:
		return "тег родительского шаблона «%.*s» не закрыт";
	default:
		return "секция «%.*s» не закрыта";
	}
}

/* The state of pass 3 besides the compiler: the open containers. */
struct builder {
	struct open *stack;
	size_t nstack, astack;
	struct nv_slice abs; /* indentation stripped from the current lines */
	bool aborted;	     /* nesting too deep: building stopped */
};

/* A comment or a delimiter tag: prints nothing, but may start a line. */
static inline void build_quiet(struct compiler *c, const struct tok *tk)
{
	struct tnode *n;

	if (tk->bad_delims)
		nv_diag_hint(cerror(c, tk->line, tk->col, "неверный тег смены разделителей"),
			     "пишите {{=<%% %%>=}}: два разделителя через пробел, "
			     "без пробелов и «=» внутри");
	if (tk->ls) {
		n = node_add(c, N_TEXT, tk);
		n->text = nv_slice_make(tk->text.ptr, 0);
	}
}

/* An opening tag of a container, token k; nesting too deep aborts building. */
static inline void build_open(struct compiler *c, struct builder *b, size_t k)
{
	const struct tok *tk = &c->toks[k];
	struct tnode *n;

	if (b->nstack >= c->set->limits.max_depth) {
		nv_diag_hint(cerror(c, tk->line, tk->col, "секции вложены глубже %zu уровней",
				    c->set->limits.max_depth),
			     "упростите шаблон или вынесите часть в частичный шаблон");
		b->aborted = true;
		return;
	}
	n = node_add(c,
		     tk->kind == TK_SECTION    ? N_SECTION
		     : tk->kind == TK_INVERTED ? N_INVERTED
		     : tk->kind == TK_PARENT   ? N_PARENT
					       : N_BLOCK,
		     tk);
	NV_GROW(b->stack, b->nstack + 1, b->astack);
	b->stack[b->nstack].node = c->t->nr - 1;
	b->stack[b->nstack].tok = k;
	b->stack[b->nstack].abs = b->abs;
	b->nstack++;
	if (tk->kind == TK_SECTION || tk->kind == TK_INVERTED) {
		split_name(c, n);
	} else if (tk->kind == TK_PARENT) {
		name_template(c, n, tk, b->abs, true);
	} else if (tk->standalone) {
		n->flags |= NF_STANDALONE;
		if (tk->next_ws.len >= b->abs.len &&
		    !memcmp(tk->next_ws.ptr, b->abs.ptr, b->abs.len)) {
			n->indent = nv_slice_make(tk->next_ws.ptr + b->abs.len,
						  tk->next_ws.len - b->abs.len);
			b->abs = tk->next_ws;
		}
	} else {
		n->indent = strip_indent(tk->lead, b->abs);
	}
}

/* A closing tag: ends the innermost container, which it must name. */
static inline void build_close(struct compiler *c, struct builder *b, const struct tok *tk)
{
	struct tnode *n;

	if (!b->nstack) {
		nv_diag_hint(cerror(c, tk->line, tk->col, "закрывающий тег «%.*s» без открывающего",
				    (int)tk->text.len, tk->text.ptr),
			     "удалите его или откройте секцию тегом {{#%.*s}}", (int)tk->text.len,
			     tk->text.ptr);
	} else {
		struct open *o = &b->stack[--b->nstack];
		struct tok *ot = &c->toks[o->tok];

		if (ot->text.len != tk->text.len ||
		    memcmp(ot->text.ptr, tk->text.ptr, tk->text.len)) {
			nv_diag_hint(cerror(c, tk->line, tk->col,
					    "закрывающий тег «%.*s» не соответствует "
					    "открытому «%.*s»",
					    (int)tk->text.len, tk->text.ptr, (int)ot->text.len,
					    ot->text.ptr),
				     "«%.*s» открыт в строке %d, столбце %d; закройте "
				     "его тегом {{/%.*s}}",
				     (int)ot->text.len, ot->text.ptr, ot->line, ot->col,
				     (int)ot->text.len, ot->text.ptr);
		}
		c->t->nodes[o->node].end = c->t->nr;
		b->abs = o->abs;
	}
	if (tk->ls) {
		n = node_add(c, N_TEXT, tk);
		n->text = nv_slice_make(tk->text.ptr, 0);
	}
}

/* Close what is still open at the end, reporting it unless already reported. */
static void build_finish(struct compiler *c, struct builder *b)
{
	struct nv_template *t = c->t;
	size_t k;

	for (k = 0; k < b->nstack; k++) {
		struct tok *ot = &c->toks[b->stack[k].tok];

		t->nodes[b->stack[k].node].end = t->nr;
		if (!b->aborted && !c->unclosed)
			nv_diag_hint(cerror(c, ot->line, ot->col,
					    container_word(t->nodes[b->stack[k].node].type),
					    (int)ot->text.len, ot->text.ptr),
				     "добавьте {{/%.*s}} в конце", (int)ot->text.len, ot->text.ptr);
	}
	free(b->stack);
}

/* Pass 3: the kept tokens become nodes; containers nest on b.stack. */
static void build(struct compiler *c)
{
	struct builder b = { NULL, 0, 0, nv_slice_make("", 0), false };
	size_t k;

	for (k = 0; k < c->ntoks && !b.aborted; k++) {
		struct tok *tk = &c->toks[k];
		struct tnode *n;

		if (tk->drop)
			continue;
		if (tk->kind != TK_TEXT && tk->kind != TK_COMMENT && tk->kind != TK_DELIM)
			check_name(c, tk);
		switch (tk->kind) {
		case TK_TEXT:
			n = node_add(c, N_TEXT, tk);
			if (tk->ls)
				n->text = strip_indent(tk->text, b.abs);
			break;
		case TK_COMMENT:
		case TK_DELIM:
			build_quiet(c, tk);
			break;
		case TK_VAR:
		case TK_RAW:
			n = node_add(c, N_VAR, tk);
			if (tk->kind == TK_VAR)
				n->flags |= NF_ESCAPE;
			split_name(c, n);
			break;
		case TK_PARTIAL:
			n = node_add(c, N_PARTIAL, tk);
			name_template(c, n, tk, b.abs, false);
			break;
		case TK_SECTION:
		case TK_INVERTED:
		case TK_PARENT:
		case TK_BLOCK:
			build_open(c, &b, k);
			break;
		case TK_CLOSE:
			build_close(c, &b, tk);
			break;
		}
	}
	build_finish(c, &b);
}

void nv_tpl_compile_pending(struct nv_tpl_set *set, struct nv_template *t, struct nv_diags *d)
{
	struct compiler c;

	memset(&c, 0, sizeof(c));
	c.set = set;
	c.t = t;
	c.d = d;
	c.line = 1;
	scan(&c);
	mark_lines(&c);
	build(&c);
	if (c.unclosed)
		nv_diag_hint(cerror(&c, c.unclosed_line, c.unclosed_col,
				    "тег не закрыт: нет «%s%.*s»", c.unclosed_raw ? "}" : "",
				    (int)c.unclosed_close.len, c.unclosed_close.ptr),
			     c.unclosed_raw ? "закройте тег, например {{{html}}}"
					    : "закройте тег, например {{title}}");
	free(c.toks);
	t->state = c.errors ? TS_BROKEN : TS_OK;
}
