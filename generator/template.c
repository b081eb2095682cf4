/*
 * template.c: the Mustache compiler and renderer; see template.h.
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
 * A statically named partial or parent is read when its tag is built and
 * compiled later from the set's queue, so long chains of partials do not
 * recurse and a recursive partial finds its own (pending) cache entry.
 *
 * Indentation. A line start emits the current indentation, which a
 * standalone partial or parent tag extends by the white space before it
 * (the spec's "prepend to each line of the partial"); a partial used
 * inline starts from no indentation. A block whose opening tag is
 * standalone takes the indentation of its first content line, strips it
 * from its lines when compiled and adds the indentation of the site it is
 * rendered at; overriding content is thus re-indented to its expansion
 * site. Empty lines get no indentation, so output has no trailing blanks.
 *
 * Rendering recurses over sections, partials, parents and blocks. The
 * depth is bounded: containers per template by limits.max_depth (checked
 * when compiling), partials and parents by limits.max_depth and all
 * nesting by RENDER_MAX_NEST (checked when rendering).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "template.h"
#include "utf8.h"
#include "value.h"

#define RENDER_MAX_NEST 1024
#define NONE		SIZE_MAX

/* ---- data ------------------------------------------------------------ */

enum node_type {
	N_TEXT,
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,
	N_BLOCK,
};

#define NF_LS	      0x01 /* emit the indentation before this node */
#define NF_ESCAPE     0x02 /* N_VAR: escape HTML */
#define NF_DYNAMIC    0x04 /* N_PARTIAL, N_PARENT: the name is looked up in the context */
#define NF_STANDALONE 0x08 /* partial, parent, block: the tag stood alone on its line */

struct tnode {
	unsigned char type;
	unsigned char flags;
	int line, col;
	size_t end;		    /* index just past the last descendant */
	struct nv_slice text;	    /* N_TEXT: the text; otherwise the name */
	size_t part0, nparts;	    /* the name split at dots; nparts is 0 for "." */
	struct nv_slice indent;	    /* partial, parent, block: see the design note */
	struct nv_template *target; /* static partial or parent */
};

enum tpl_state {
	TS_PENDING, /* source read, not compiled yet */
	TS_OK,
	TS_BROKEN,  /* compile errors, or the file could not be read */
	TS_MISSING, /* no such template */
};

struct nv_template {
	char *name; /* NULL for anonymous templates */
	size_t name_len;
	char *file;
	char *src;
	size_t len;
	enum tpl_state state;
	bool invalid_name;
	char *searched; /* TS_MISSING: where we looked, for the hint */
	struct tnode *nodes;
	size_t nr, alloc;
	struct nv_slice *parts;
	size_t nparts, aparts;
	unsigned mark;
	int closure; /* 0 unknown, 1 this and everything it includes compiled, -1 not */
	const struct nv_template *broken; /* closure -1: a template with errors */
};

struct mem_source {
	char *name;
	char *text;
	size_t len;
};

struct nv_tpl_set {
	unsigned flags;
	struct nv_tpl_limits limits;
	char **dirs;
	size_t ndirs, adirs;
	struct mem_source *srcs;
	size_t nsrcs, asrcs;
	struct nv_template **tpls;
	size_t ntpls, atpls;
	struct nv_template **queue;
	size_t nqueue, aqueue;
	unsigned mark;
};

/* ---- the set and the loader ------------------------------------------ */

struct nv_tpl_set *nv_tpl_set_new(unsigned flags)
{
	struct nv_tpl_set *set = nv_xcalloc(1, sizeof(*set));

	set->flags = flags;
	set->limits.max_depth = NV_TPL_MAX_DEPTH;
	set->limits.max_steps = NV_TPL_MAX_STEPS;
	set->limits.max_output = NV_TPL_MAX_OUTPUT;
	return set;
}

static void template_free(struct nv_template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->file);
	free(t->src);
	free(t->searched);
	free(t->nodes);
	free(t->parts);
	free(t);
}

void nv_tpl_set_free(struct nv_tpl_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->ndirs; i++)
		free(set->dirs[i]);
	for (i = 0; i < set->nsrcs; i++) {
		free(set->srcs[i].name);
		free(set->srcs[i].text);
	}
	for (i = 0; i < set->ntpls; i++)
		template_free(set->tpls[i]);
	free(set->dirs);
	free(set->srcs);
	free(set->tpls);
	free(set->queue);
	free(set);
}

void nv_tpl_set_add_dir(struct nv_tpl_set *set, const char *dir)
{
	NV_GROW(set->dirs, set->ndirs + 1, set->adirs);
	set->dirs[set->ndirs++] = nv_xstrdup(dir);
}

void nv_tpl_set_add_source(struct nv_tpl_set *set, const char *name, const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < set->nsrcs; i++) {
		if (!strcmp(set->srcs[i].name, name)) {
			free(set->srcs[i].text);
			set->srcs[i].text = nv_xmemdupz(text, len);
			set->srcs[i].len = len;
			return;
		}
	}
	NV_GROW(set->srcs, set->nsrcs + 1, set->asrcs);
	set->srcs[set->nsrcs].name = nv_xstrdup(name);
	set->srcs[set->nsrcs].text = nv_xmemdupz(text, len);
	set->srcs[set->nsrcs].len = len;
	set->nsrcs++;
}

void nv_tpl_set_limits(struct nv_tpl_set *set, const struct nv_tpl_limits *limits)
{
	set->limits = *limits;
	if (!set->limits.max_depth)
		set->limits.max_depth = 1;
}

const char *nv_tpl_file(const struct nv_template *t)
{
	return t->file;
}

static struct nv_template *template_add(struct nv_tpl_set *set, const char *name, size_t len)
{
	struct nv_template *t = nv_xcalloc(1, sizeof(*t));

	if (name) {
		t->name = nv_xmemdupz(name, len);
		t->name_len = len;
	}
	NV_GROW(set->tpls, set->ntpls + 1, set->atpls);
	set->tpls[set->ntpls++] = t;
	return t;
}

static void queue_add(struct nv_tpl_set *set, struct nv_template *t)
{
	NV_GROW(set->queue, set->nqueue + 1, set->aqueue);
	set->queue[set->nqueue++] = t;
}

/*
 * A template name becomes a path below a search directory: it must not be
 * empty, absolute, contain control characters or "." / ".." components.
 */
static bool valid_name(const char *name, size_t len)
{
	size_t i, start = 0;

	if (!len || name[0] == '/')
		return false;
	for (i = 0; i <= len; i++) {
		if (i < len && ((unsigned char)name[i] < 0x20 || name[i] == '\\'))
			return false;
		if (i == len || name[i] == '/') {
			size_t n = i - start;
			if (n == 0 || (n == 1 && name[start] == '.') ||
			    (n == 2 && name[start] == '.' && name[start + 1] == '.'))
				return false;
			start = i + 1;
		}
	}
	return true;
}

/*
 * Find template `name` in the cache or load its source (memory first, then
 * the search directories). Always returns a cache entry: a missing or
 * invalid name is cached as TS_MISSING so it is looked for only once. A
 * file that exists but cannot be read is an error at the referring
 * position (file, line, col) and leaves the entry TS_BROKEN. Found sources
 * are queued for compilation.
 */
static struct nv_template *load(struct nv_tpl_set *set, const char *name, size_t len,
				struct nv_diags *d, const char *file, int line, int col)
{
	struct nv_template *t;
	struct nv_buf searched = NV_BUF_INIT;
	struct nv_buf text = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < set->ntpls; i++) {
		t = set->tpls[i];
		if (t->name && t->name_len == len && !memcmp(t->name, name, len))
			return t;
	}
	t = template_add(set, name, len);
	t->state = TS_MISSING;
	if (!valid_name(name, len)) {
		t->invalid_name = true;
		goto out;
	}
	for (i = 0; i < set->nsrcs; i++) {
		if (!strcmp(set->srcs[i].name, t->name)) {
			t->file = nv_xasprintf("%s.mustache", t->name);
			t->src = nv_xmemdupz(set->srcs[i].text, set->srcs[i].len);
			t->len = set->srcs[i].len;
			t->state = TS_PENDING;
			queue_add(set, t);
			goto out;
		}
	}
	for (i = 0; i < set->ndirs; i++) {
		char *path = nv_xasprintf("%s/%s.mustache", set->dirs[i], t->name);

		if (!nv_read_file(path, NV_TPL_MAX_FILE, &text)) {
			t->file = path;
			t->len = text.len;
			t->src = nv_buf_detach(&text, NULL);
			t->state = TS_PENDING;
			queue_add(set, t);
			goto out;
		}
		if (errno != ENOENT && errno != ENOTDIR) {
			nv_error(d, file, line, col, "не удалось прочитать «%s»: %s", path,
				 strerror(errno));
			t->file = path;
			t->state = TS_BROKEN;
			goto out;
		}
		if (searched.len)
			nv_buf_adds(&searched, ", ");
		nv_buf_adds(&searched, path);
		free(path);
	}
	t->searched = nv_buf_detach(&searched, NULL);
out:
	nv_buf_release(&searched);
	nv_buf_release(&text);
	if (!t->file)
		t->file = nv_xasprintf("%s.mustache", t->name);
	return t;
}

static void hint_searched(struct nv_diag *diag, const struct nv_template *t)
{
	if (t->invalid_name)
		nv_diag_hint(diag, "имя шаблона — путь внутри каталога темы, без «..» и без «/» "
				   "в начале");
	else if (t->searched && t->searched[0])
		nv_diag_hint(diag, "искали: %s", t->searched);
	else
		nv_diag_hint(diag, "каталоги шаблонов не заданы");
}

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

/*
 * Pass 1. An unclosed tag ends scanning: the tokens before it are kept
 * and the error is left in c->unclosed* to be reported after them.
 */
static void scan(struct compiler *c)
{
	const char *s = c->t->src;
	size_t n = c->t->len, pos = 0;
	struct nv_slice open = nv_slice_str("{{"), close = nv_slice_str("}}");
	unsigned char *kinds = NULL; /* open container kinds, to tell parent closes */
	size_t nkinds = 0, akinds = 0;

	while (pos < n) {
		size_t q = find(s, n, pos, open), p, r, end;
		struct tok *tk;
		struct nv_slice body;
		enum tok_kind kind;
		int line, col;

		add_text(c, pos, q == NONE ? n : q);
		if (q == NONE)
			break;
		where(c, q, &line, &col);
		p = q + open.len;
		kind = TK_VAR;
		if (p < n) {
			switch (s[p]) {
			case '{':
				kind = TK_RAW;
				break;
			case '&':
				kind = TK_RAW;
				break;
			case '#':
				kind = TK_SECTION;
				break;
			case '^':
				kind = TK_INVERTED;
				break;
			case '/':
				kind = TK_CLOSE;
				break;
			case '>':
				kind = TK_PARTIAL;
				break;
			case '<':
				kind = TK_PARENT;
				break;
			case '$':
				kind = TK_BLOCK;
				break;
			case '!':
				kind = TK_COMMENT;
				break;
			case '=':
				kind = TK_DELIM;
				break;
			}
		}
		if (kind == TK_RAW && s[p] == '{') {
			r = p + 1 < n ? find(s, n, p + 2, close) : NONE;
			while (r != NONE && s[r - 1] != '}')
				r = find(s, n, r + 1, close);
			if (r == NONE) {
				c->unclosed_raw = true;
				goto unclosed;
			}
			body = nv_slice_make(s + p + 1, r - 1 - (p + 1));
		} else {
			size_t from = kind == TK_VAR ? p : p + 1;

			r = from <= n ? find(s, n, from, close) : NONE;
			if (r == NONE)
				goto unclosed;
			body = nv_slice_make(s + from, r - from);
		}
		end = r + close.len;
		tk = tok_add(c, kind);
		tk->line = line;
		tk->col = col;
		if (kind == TK_DELIM) {
			struct nv_slice o, cl;

			if (body.len && body.ptr[body.len - 1] == '=' &&
			    parse_delims(nv_slice_make(body.ptr, body.len - 1), &o, &cl)) {
				open = o;
				close = cl;
			} else {
				tk->bad_delims = true;
			}
		} else if (kind != TK_COMMENT) {
			tk->text = nv_slice_trim(body);
			if ((kind == TK_PARTIAL || kind == TK_PARENT) && tk->text.len &&
			    tk->text.ptr[0] == '*') {
				tk->dynamic = true;
				tk->text = nv_slice_trim(
					nv_slice_make(tk->text.ptr + 1, tk->text.len - 1));
			}
		}
		if (kind == TK_SECTION || kind == TK_INVERTED || kind == TK_PARENT ||
		    kind == TK_BLOCK) {
			NV_GROW(kinds, nkinds + 1, akinds);
			kinds[nkinds++] = (unsigned char)kind;
		} else if (kind == TK_CLOSE && nkinds) {
			tk->closes_parent = kinds[--nkinds] == TK_PARENT;
		}
		pos = end;
		continue;
	unclosed:
		c->unclosed = true;
		c->unclosed_line = line;
		c->unclosed_col = col;
		c->unclosed_close = close;
		break;
	}
	free(kinds);
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
				t->parts[t->nparts++] =
					nv_slice_make(n->text.ptr + start, i - start);
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

	target = load(c->set, n->text.ptr, n->text.len, c->d, c->t->file, n->line, n->col);
	n->target = target;
	if (target->state == TS_MISSING &&
	    (target->invalid_name || !(c->set->flags & NV_TPL_LENIENT))) {
		struct nv_diag *diag;

		if (target->invalid_name)
			diag = cerror(c, n->line, n->col, "недопустимое имя шаблона «%s»", name);
		else
			diag = cerror(c, n->line, n->col, "%s шаблон «%s» не найден",
				      parent ? "родительский" : "частичный", name);
		hint_searched(diag, target);
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

static void build(struct compiler *c)
{
	struct nv_template *t = c->t;
	struct open *stack = NULL;
	size_t nstack = 0, astack = 0, k;
	struct nv_slice abs = nv_slice_make("", 0);
	bool aborted = false;

	for (k = 0; k < c->ntoks; k++) {
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
				n->text = strip_indent(tk->text, abs);
			break;
		case TK_COMMENT:
		case TK_DELIM:
			if (tk->bad_delims)
				nv_diag_hint(cerror(c, tk->line, tk->col,
						    "неверный тег смены разделителей"),
					     "пишите {{=<%% %%>=}}: два разделителя через пробел, "
					     "без пробелов и «=» внутри");
			if (tk->ls) {
				n = node_add(c, N_TEXT, tk);
				n->text = nv_slice_make(tk->text.ptr, 0);
			}
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
			name_template(c, n, tk, abs, false);
			break;
		case TK_SECTION:
		case TK_INVERTED:
		case TK_PARENT:
		case TK_BLOCK:
			if (nstack >= c->set->limits.max_depth) {
				nv_diag_hint(
					cerror(c, tk->line, tk->col,
					       "секции вложены глубже %zu уровней",
					       c->set->limits.max_depth),
					"упростите шаблон или вынесите часть в частичный шаблон");
				aborted = true;
				goto out;
			}
			n = node_add(c,
				     tk->kind == TK_SECTION    ? N_SECTION
				     : tk->kind == TK_INVERTED ? N_INVERTED
				     : tk->kind == TK_PARENT   ? N_PARENT
							       : N_BLOCK,
				     tk);
			NV_GROW(stack, nstack + 1, astack);
			stack[nstack].node = t->nr - 1;
			stack[nstack].tok = k;
			stack[nstack].abs = abs;
			nstack++;
			if (tk->kind == TK_SECTION || tk->kind == TK_INVERTED) {
				split_name(c, n);
			} else if (tk->kind == TK_PARENT) {
				name_template(c, n, tk, abs, true);
			} else if (tk->standalone) {
				n->flags |= NF_STANDALONE;
				if (tk->next_ws.len >= abs.len &&
				    !memcmp(tk->next_ws.ptr, abs.ptr, abs.len)) {
					n->indent = nv_slice_make(tk->next_ws.ptr + abs.len,
								  tk->next_ws.len - abs.len);
					abs = tk->next_ws;
				}
			} else {
				n->indent = strip_indent(tk->lead, abs);
			}
			break;
		case TK_CLOSE:
			if (!nstack) {
				nv_diag_hint(cerror(c, tk->line, tk->col,
						    "закрывающий тег «%.*s» без открывающего",
						    (int)tk->text.len, tk->text.ptr),
					     "удалите его или откройте секцию тегом {{#%.*s}}",
					     (int)tk->text.len, tk->text.ptr);
			} else {
				struct open *o = &stack[--nstack];
				struct tok *ot = &c->toks[o->tok];

				if (ot->text.len != tk->text.len ||
				    memcmp(ot->text.ptr, tk->text.ptr, tk->text.len)) {
					nv_diag_hint(
						cerror(c, tk->line, tk->col,
						       "закрывающий тег «%.*s» не соответствует "
						       "открытому «%.*s»",
						       (int)tk->text.len, tk->text.ptr,
						       (int)ot->text.len, ot->text.ptr),
						"«%.*s» открыт в строке %d, столбце %d; закройте "
						"его тегом {{/%.*s}}",
						(int)ot->text.len, ot->text.ptr, ot->line, ot->col,
						(int)ot->text.len, ot->text.ptr);
				}
				t->nodes[o->node].end = t->nr;
				abs = o->abs;
			}
			if (tk->ls) {
				n = node_add(c, N_TEXT, tk);
				n->text = nv_slice_make(tk->text.ptr, 0);
			}
			break;
		}
	}
out:
	for (k = 0; k < nstack; k++) {
		struct tok *ot = &c->toks[stack[k].tok];

		t->nodes[stack[k].node].end = t->nr;
		if (!aborted && !c->unclosed)
			nv_diag_hint(cerror(c, ot->line, ot->col,
					    container_word(t->nodes[stack[k].node].type),
					    (int)ot->text.len, ot->text.ptr),
				     "добавьте {{/%.*s}} в конце", (int)ot->text.len, ot->text.ptr);
	}
	free(stack);
}

/* Compile a TS_PENDING template; its state becomes TS_OK or TS_BROKEN. */
static void compile(struct nv_tpl_set *set, struct nv_template *t, struct nv_diags *d)
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

/* Compile everything queued, including what those templates queue. */
static void drain(struct nv_tpl_set *set, struct nv_diags *d)
{
	size_t i;

	for (i = 0; i < set->nqueue; i++)
		if (set->queue[i]->state == TS_PENDING)
			compile(set, set->queue[i], d);
	set->nqueue = 0;
}

/*
 * True if root and every template it names statically compiled cleanly;
 * otherwise root->broken is one that did not. A missing template does not
 * count: in a strict set the tag naming it was already an error of the
 * includer. Walks with an explicit stack; the answer is cached, as the
 * templates reached are final once the queue is drained.
 */
static bool closure_ok(struct nv_tpl_set *set, struct nv_template *root)
{
	struct nv_template **stack = NULL;
	size_t nstack = 0, astack = 0, i;
	bool ok = true;

	if (root->closure)
		return root->closure > 0;
	set->mark++;
	root->mark = set->mark;
	NV_GROW(stack, 1, astack);
	stack[nstack++] = root;
	while (nstack) {
		struct nv_template *t = stack[--nstack];

		if (t->state == TS_BROKEN || t->state == TS_PENDING) {
			root->broken = t;
			ok = false;
			break;
		}
		for (i = 0; i < t->nr; i++) {
			struct nv_template *x = t->nodes[i].target;
			if (x && x->mark != set->mark) {
				x->mark = set->mark;
				NV_GROW(stack, nstack + 1, astack);
				stack[nstack++] = x;
			}
		}
	}
	free(stack);
	root->closure = ok ? 1 : -1;
	return ok;
}

const struct nv_template *nv_tpl_get(struct nv_tpl_set *set, const char *name, struct nv_diags *d)
{
	size_t errors = d->errors;
	struct nv_template *t = load(set, name, strlen(name), d, NULL, 0, 0);
	const struct nv_template *ret = NULL;

	if (t->state == TS_MISSING) {
		struct nv_diag *diag;

		if (t->invalid_name)
			diag = nv_error(d, NULL, 0, 0, "недопустимое имя шаблона «%s»", name);
		else
			diag = nv_error(d, NULL, 0, 0, "шаблон «%s» не найден", name);
		hint_searched(diag, t);
		goto out;
	}
	drain(set, d);
	if (!closure_ok(set, t)) {
		if (d->errors == errors)
			nv_error(d, t->file, 0, 0,
				 "шаблон «%s» не может быть использован: есть ошибки в %s", name,
				 t->broken->file);
		goto out;
	}
	ret = t;
out:
	return ret;
}

const struct nv_template *nv_tpl_compile(struct nv_tpl_set *set, const char *file, const char *text,
					 size_t len, struct nv_diags *d)
{
	struct nv_template *t = template_add(set, NULL, 0);
	const struct nv_template *ret = NULL;
	size_t errors = d->errors;

	t->file = nv_xstrdup(file);
	t->src = nv_xmemdupz(text, len);
	t->len = len;
	t->state = TS_PENDING;
	compile(set, t, d);
	drain(set, d);
	if (closure_ok(set, t))
		ret = t;
	else if (d->errors == errors)
		nv_error(d, t->file, 0, 0, "шаблон не может быть использован: есть ошибки в %s",
			 t->broken->file);
	return ret;
}

/* ---- rendering ------------------------------------------------------- */

struct frame {
	const struct nv_template *t;
	size_t node; /* a N_PARENT whose blocks override */
};

struct render {
	struct nv_tpl_set *set;
	struct nv_buf *out;
	struct nv_diags *d;
	const struct nv_value **ctx;
	size_t nctx, actx;
	struct frame *frames;
	size_t nframes, aframes;
	struct nv_buf ind; /* indentation; the current one starts at ind_base */
	size_t ind_base;
	size_t depth; /* partials and parents */
	size_t nest;  /* all nesting */
	size_t steps;
	size_t out_max; /* the output limit: out->len may reach it */
	bool stop;
	int rc;
	const struct nv_template **reported; /* missing or broken, reported once */
	size_t nreported, areported;
};

static void render_range(struct render *st, const struct nv_template *t, size_t b, size_t e,
			 bool skip_ls);

static struct nv_diag *rerror(struct render *st, const struct nv_template *t, const struct tnode *n,
			      const char *fmt, ...) NV_PRINTF(4, 5);

static struct nv_diag *rerror(struct render *st, const struct nv_template *t, const struct tnode *n,
			      const char *fmt, ...)
{
	struct nv_buf msg = NV_BUF_INIT;
	struct nv_diag *diag;
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag = nv_error(st->d, t->file, n->line, n->col, "%s", msg.ptr);
	nv_buf_release(&msg);
	st->rc = -1;
	return diag;
}

/* True the first time a template is reported in this render. */
static bool first_report(struct render *st, const struct nv_template *x)
{
	size_t i;

	for (i = 0; i < st->nreported; i++)
		if (st->reported[i] == x)
			return false;
	NV_GROW(st->reported, st->nreported + 1, st->areported);
	st->reported[st->nreported++] = x;
	return true;
}

static void ctx_push(struct render *st, const struct nv_value *v)
{
	NV_GROW(st->ctx, st->nctx + 1, st->actx);
	st->ctx[st->nctx++] = v;
}

/* Resolve the (dotted) name of node n against the context stack. */
static const struct nv_value *lookup(const struct render *st, const struct nv_template *t,
				     const struct tnode *n)
{
	const struct nv_slice *parts;
	const struct nv_value *v = NULL;
	struct nv_member *m = NULL;
	size_t k, i;

	if (!n->nparts)
		return st->nctx ? st->ctx[st->nctx - 1] : NULL;
	parts = t->parts + n->part0;
	for (k = st->nctx; k-- > 0;) {
		m = nv_map_member(st->ctx[k], parts[0].ptr, parts[0].len);
		if (m)
			break;
	}
	if (!m)
		return NULL;
	v = m->value;
	for (i = 1; i < n->nparts && v; i++) {
		m = nv_map_member(v, parts[i].ptr, parts[i].len);
		v = m ? m->value : NULL;
	}
	return v;
}

static bool truthy(const struct nv_value *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case NV_NULL:
		return false;
	case NV_BOOL:
		return v->boolean;
	case NV_LIST:
		return v->nr > 0;
	case NV_STRING:
		return v->len > 0;
	default:
		return true;
	}
}

/* The text of a scalar as interpolation shows it; false for the rest. */
static bool scalar_text(const struct nv_value *v, char *tmp, size_t tmpsize, struct nv_slice *s)
{
	switch (v->type) {
	case NV_STRING:
		*s = nv_slice_make(v->str, v->len);
		return true;
	case NV_NUMBER:
		snprintf(tmp, tmpsize, "%.15g", v->number);
		*s = nv_slice_str(tmp);
		return true;
	case NV_BOOL:
		*s = nv_slice_str(v->boolean ? "true" : "false");
		return true;
	default:
		return false;
	}
}

static void emit_indent(struct render *st)
{
	if (st->ind.len > st->ind_base)
		nv_buf_add(st->out, st->ind.ptr + st->ind_base, st->ind.len - st->ind_base);
}

static void render_children(struct render *st, const struct nv_template *t, size_t b, size_t e,
			    bool skip_ls, const struct tnode *at)
{
	if (st->nest >= RENDER_MAX_NEST) {
		nv_diag_hint(rerror(st, t, at, "вложенность при выводе шаблона глубже %d уровней",
				    RENDER_MAX_NEST),
			     "проверьте рекурсивные частичные шаблоны и блоки");
		st->stop = true;
		return;
	}
	st->nest++;
	render_range(st, t, b, e, skip_ls);
	st->nest--;
}

/*
 * The template a partial or parent tag names: its static target or, for a
 * dynamic name, the template the context names (loaded and compiled now).
 * NULL renders nothing.
 */
static const struct nv_template *resolve(struct render *st, const struct nv_template *t,
					 const struct tnode *n, bool parent)
{
	const struct nv_value *v;
	struct nv_template *x;
	struct nv_slice name;
	char tmp[64];
	size_t errors = st->d->errors;

	if (!(n->flags & NF_DYNAMIC))
		return n->target && n->target->state == TS_OK ? n->target : NULL;
	v = lookup(st, t, n);
	if (!v || !scalar_text(v, tmp, sizeof(tmp), &name))
		return NULL;
	x = load(st->set, name.ptr, name.len, st->d, t->file, n->line, n->col);
	if (st->d->errors != errors)
		st->rc = -1;
	if (x->state == TS_MISSING) {
		if ((x->invalid_name || !(st->set->flags & NV_TPL_LENIENT)) && first_report(st, x))
			hint_searched(rerror(st, t, n,
					     x->invalid_name ? "недопустимое имя шаблона «%.*s»"
					     : parent ? "родительский шаблон «%.*s» не найден"
						      : "частичный шаблон «%.*s» не найден",
					     (int)name.len, name.ptr),
				      x);
		return NULL;
	}
	drain(st->set, st->d);
	if (st->d->errors != errors)
		st->rc = -1;
	if (!closure_ok(st->set, x)) {
		if (first_report(st, x))
			rerror(st, t, n, "шаблон «%.*s» не выведен: есть ошибки в %s",
			       (int)name.len, name.ptr, x->broken->file);
		return NULL;
	}
	return x;
}

/* Render partial or parent node n at index i of t. */
static void render_include(struct render *st, const struct nv_template *t, size_t i)
{
	const struct tnode *n = &t->nodes[i];
	bool parent = n->type == N_PARENT;
	const struct nv_template *x = resolve(st, t, n, parent);
	size_t ind_len = st->ind.len, ind_base = st->ind_base;

	if (!x)
		return;
	if (st->depth >= st->set->limits.max_depth) {
		nv_diag_hint(rerror(st, t, n, "частичные шаблоны вложены глубже %zu уровней",
				    st->set->limits.max_depth),
			     "вероятно, «%s» включает сам себя без условия остановки",
			     x->name ? x->name : x->file);
		st->stop = true;
		return;
	}
	if (n->flags & NF_STANDALONE)
		nv_buf_addslice(&st->ind, n->indent);
	else
		st->ind_base = st->ind.len;
	if (parent) {
		NV_GROW(st->frames, st->nframes + 1, st->aframes);
		st->frames[st->nframes].t = t;
		st->frames[st->nframes].node = i;
		st->nframes++;
	}
	st->depth++;
	render_children(st, x, 0, x->nr, false, n);
	st->depth--;
	if (parent)
		st->nframes--;
	nv_buf_truncate(&st->ind, ind_len);
	st->ind_base = ind_base;
}

/*
 * Render block node n at index i of t: the overriding block of the
 * outermost parent tag that has one, otherwise the block's own content.
 */
static void render_block(struct render *st, const struct nv_template *t, size_t i)
{
	const struct tnode *n = &t->nodes[i];
	size_t f, j, ind_len = st->ind.len;
	bool standalone = (n->flags & NF_STANDALONE) != 0;

	for (f = 0; f < st->nframes; f++) {
		const struct nv_template *ft = st->frames[f].t;
		size_t p = st->frames[f].node;

		for (j = p + 1; j < ft->nodes[p].end; j = ft->nodes[j].end) {
			const struct tnode *b = &ft->nodes[j];
			if (b->type == N_BLOCK && b->text.len == n->text.len &&
			    !memcmp(b->text.ptr, n->text.ptr, n->text.len)) {
				nv_buf_addslice(&st->ind, n->indent);
				render_children(st, ft, j + 1, b->end, !standalone, n);
				nv_buf_truncate(&st->ind, ind_len);
				return;
			}
		}
	}
	if (standalone)
		nv_buf_addslice(&st->ind, n->indent);
	render_children(st, t, i + 1, n->end, false, n);
	nv_buf_truncate(&st->ind, ind_len);
}

static void render_range(struct render *st, const struct nv_template *t, size_t b, size_t e,
			 bool skip_ls)
{
	size_t i, k, max_steps = st->set->limits.max_steps;
	const struct nv_value *v;
	struct nv_slice s;
	char tmp[64];

	for (i = b; i < e && !st->stop; i = t->nodes[i].end) {
		const struct tnode *n = &t->nodes[i];

		if ((max_steps && ++st->steps > max_steps) || st->out->len > st->out_max) {
			if (st->out->len > st->out_max)
				nv_diag_hint(rerror(st, t, n, "результат шаблона больше %zu байт",
						    st->set->limits.max_output),
					     "проверьте вложенные циклы и рекурсивные частичные "
					     "шаблоны");
			else
				nv_diag_hint(rerror(st, t, n,
						    "вывод шаблона превысил предел в %zu шагов",
						    max_steps),
					     "проверьте вложенные циклы и рекурсивные частичные "
					     "шаблоны");
			st->stop = true;
			break;
		}
		if ((n->flags & NF_LS) && !(skip_ls && i == b))
			emit_indent(st);
		switch (n->type) {
		case N_TEXT:
			nv_buf_add(st->out, n->text.ptr, n->text.len);
			break;
		case N_VAR:
			v = lookup(st, t, n);
			if (v && scalar_text(v, tmp, sizeof(tmp), &s)) {
				if ((n->flags & NF_ESCAPE) && v->type == NV_STRING)
					nv_buf_add_html(st->out, s.ptr, s.len);
				else
					nv_buf_addslice(st->out, s);
			}
			break;
		case N_SECTION:
			v = lookup(st, t, n);
			if (!truthy(v))
				break;
			if (v->type == NV_LIST) {
				for (k = 0; k < v->nr && !st->stop; k++) {
					ctx_push(st, v->items[k]);
					render_children(st, t, i + 1, n->end, false, n);
					st->nctx--;
				}
			} else {
				ctx_push(st, v);
				render_children(st, t, i + 1, n->end, false, n);
				st->nctx--;
			}
			break;
		case N_INVERTED:
			if (!truthy(lookup(st, t, n)))
				render_children(st, t, i + 1, n->end, false, n);
			break;
		case N_PARTIAL:
		case N_PARENT:
			render_include(st, t, i);
			break;
		case N_BLOCK:
			render_block(st, t, i);
			break;
		}
	}
}

int nv_tpl_render(struct nv_tpl_set *set, const struct nv_template *t, const struct nv_value *ctx,
		  struct nv_buf *out, struct nv_diags *d)
{
	struct render st;

	memset(&st, 0, sizeof(st));
	st.set = set;
	st.out = out;
	st.d = d;
	st.out_max = SIZE_MAX;
	if (set->limits.max_output && set->limits.max_output < SIZE_MAX - out->len)
		st.out_max = out->len + set->limits.max_output;
	nv_buf_init(&st.ind);
	if (ctx)
		ctx_push(&st, ctx);
	if (t->state == TS_OK) {
		render_range(&st, t, 0, t->nr, false);
	} else {
		nv_error(d, t->file, 0, 0, "шаблон с ошибками нельзя вывести");
		st.rc = -1;
	}
	free(st.ctx);
	free(st.frames);
	free(st.reported);
	nv_buf_release(&st.ind);
	return st.rc;
}
