/*
 * yaml_load.c: YAML → positioned value tree, on libyaml's event parser.
 *
 * Events are folded into the tree with an explicit stack of open
 * collections, so nesting costs no C stack; the depth and the node count
 * (alias copies included) are checked as events arrive, which stops alias
 * bombs and deeply nested input before they cost memory. libyaml's
 * positions are 0-based and relative to the text given; we add the line
 * offset of the front matter and report 1-based character columns.
 * libyaml's English problems are translated for the user.
 *
 * Most texts never reach libyaml: nv_yaml_load() first tries
 * nv_yaml_fast() (yaml_fast.c), which loads the common shapes of front
 * matter into the same tree and declines everything else, errors
 * included, so that libyaml and the messages below still see those.
 */
#include "common.h"

#include <yaml.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"
#include "value.h"
#include "yaml_load.h"
#include "yaml_load_int.h"

struct frame {
	struct nv_value *v;
	char *anchor; /* owned; registered when the collection is complete */
	char *key;    /* maps: the key waiting for its value */
	int key_line, key_col;
};

struct anchor {
	char *name;
	const struct nv_value *v; /* owned by the tree */
};

struct loader {
	const char *file;
	int first_line;
	struct nv_yaml_limits lim;
	struct nv_diags *d;
	struct frame *stack;
	size_t depth, alloc;
	struct anchor *anchors;
	size_t nanchors, anchors_alloc;
	size_t nodes;
	struct nv_value *root;
	struct nv_value *trash; /* dropped values, freed at the end (see discard) */
	bool failed;		/* a fatal error: stop parsing */
	bool errors;		/* any error, fatal or not */
};

static int line_of(struct loader *l, yaml_mark_t m)
{
	return (int)m.line + l->first_line;
}

static int col_of(yaml_mark_t m)
{
	return (int)m.column + 1;
}

NV_PRINTF(3, 4)
static struct nv_diag *error_at(struct loader *l, yaml_mark_t m, const char *fmt, ...)
{
	struct nv_diag *diag;
	va_list ap;

	l->errors = true;
	diag = nv_error(l->d, l->file, line_of(l, m), col_of(m), "%s", "");
	free(diag->msg);
	va_start(ap, fmt);
	diag->msg = nv_xasprintf_v(fmt, ap);
	va_end(ap);
	return diag;
}

/* A plain scalar's type under the YAML 1.2 core schema. */
enum nv_type nv_yaml_plain_type(const char *s, size_t n)
{
	size_t i = 0;
	bool digits = false, frac = false;

	/* The words of null and bool, by length: most scalars are neither, and cost no compare. */
	switch (n) {
	case 0:
		return NV_NULL;
	case 1:
		if (s[0] == '~')
			return NV_NULL;
		break;
	case 4:
		if (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4))
			return NV_NULL;
		if (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) || !memcmp(s, "TRUE", 4))
			return NV_BOOL;
		break;
	case 5:
		if (!memcmp(s, "false", 5) || !memcmp(s, "False", 5) || !memcmp(s, "FALSE", 5))
			return NV_BOOL;
		break;
	}
	if (s[i] == '-' || s[i] == '+')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		digits = true;
	}
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			i++;
			frac = true;
		}
	}
	if (!digits && !frac)
		return NV_STRING;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t exp_start;
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		exp_start = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == exp_start)
			return NV_STRING;
	}
	return i == n ? NV_NUMBER : NV_STRING;
}

/* v as nv_yaml_scalar() makes it: type, text (packed in texts when not NULL), number, bool. */
static void scalar_set(struct nv_value *v, struct nv_buf *texts, const char *s, size_t n,
		       bool plain)
{
	size_t at = texts ? texts->len : 0;

	v->type = plain ? nv_yaml_plain_type(s, n) : NV_STRING;
	if (texts) {
		/* Packed, str NULL until the tree is finished and its texts in their block. */
		nv_buf_add(texts, s, n);
		nv_buf_addch(texts, '\0');
		v->packed = true;
	} else {
		v->str = nv_xmemdupz(s, n);
	}
	v->len = n;
	if (v->type == NV_BOOL)
		v->boolean = s[0] == 't' || s[0] == 'T';
	else if (v->type == NV_NUMBER)
		v->number = strtod(texts ? texts->ptr + at : v->str, NULL);
}

struct nv_value *nv_yaml_scalar(struct nv_buf *texts, const char *s, size_t n, bool plain, int line,
				int col)
{
	struct nv_value *v = nv_value_new(NV_NULL, line, col);

	scalar_set(v, texts, s, n, plain);
	return v;
}

size_t nv_yaml_tree_node(struct nv_yaml_tree *t, enum nv_type type, int line, int col)
{
	struct nv_value *v;

	NV_GROW(t->nodes, t->nnodes + 1, t->anodes);
	v = &t->nodes[t->nnodes];
	memset(v, 0, sizeof(*v));
	v->type = type;
	v->line = line;
	v->col = col;
	return t->nnodes++;
}

size_t nv_yaml_tree_scalar(struct nv_yaml_tree *t, const char *s, size_t n, bool plain, int line,
			   int col)
{
	size_t i = nv_yaml_tree_node(t, NV_NULL, line, col);

	scalar_set(&t->nodes[i], t->texts, s, n, plain);
	return i;
}

void nv_yaml_tree_kid(struct nv_yaml_tree *t, size_t node, const char *key, size_t keylen, int line,
		      int col)
{
	NV_GROW(t->kids, t->nkids + 1, t->akids);
	t->kids[t->nkids++] = (struct nv_yaml_kid){ node, key, keylen, line, col };
}

bool nv_yaml_tree_has_key(const struct nv_yaml_tree *t, size_t from, const char *key, size_t keylen)
{
	const struct nv_yaml_kid *k;

	for (k = t->kids + from; k < t->kids + t->nkids; k++)
		if (k->keylen == keylen && k->key[0] == key[0] && !memcmp(k->key, key, keylen))
			return true;
	return false;
}

void nv_yaml_tree_close(struct nv_yaml_tree *t, size_t node, size_t from)
{
	struct nv_value *v = &t->nodes[node];
	size_t n = t->nkids - from;

	NV_GROW(t->edges, t->nedges + n, t->aedges);
	if (n)
		memcpy(t->edges + t->nedges, t->kids + from, n * sizeof(*t->kids));
	v->nr = n;
	v->alloc = t->nedges; /* where its children are, until the tree is finished */
	t->nedges += n;
	t->nkids = from;
}

/* The children of the closed collection v in an array of their number. */
static void finish_kids(const struct nv_yaml_tree *t, struct nv_value *block, struct nv_value *v)
{
	const struct nv_yaml_kid *k = t->edges + v->alloc;
	const char *shared;
	size_t i, n = v->nr;

	v->alloc = n;
	if (!n)
		return;
	if (v->type == NV_LIST) {
		v->items = nv_xmalloc(nv_st_mult(n, sizeof(*v->items)));
		for (i = 0; i < n; i++)
			v->items[i] = block + k[i].node;
		return;
	}
	v->members = nv_xmalloc(nv_st_mult(n, sizeof(*v->members)));
	for (i = 0; i < n; i++) {
		shared = nv_key_shared(k[i].key, k[i].keylen);
		v->members[i] =
			(struct nv_member){ shared ? (char *)shared
						   : nv_xmemdupz(k[i].key, k[i].keylen),
					    k[i].keylen, k[i].line, k[i].col, block + k[i].node };
	}
}

struct nv_value *nv_yaml_tree_finish(struct nv_yaml_tree *t, char **strings)
{
	size_t i, at = 0, len = t->texts ? t->texts->len : 0;
	struct nv_value *block, *v;
	char *texts = NULL;

	block = nv_xmalloc(nv_st_mult(t->nnodes, sizeof(*block)));
	memcpy(block, t->nodes, t->nnodes * sizeof(*block));
	/* No more than the texts take, as nv_value_pack() gives: they stay all the build. */
	if (len)
		texts = nv_xrealloc(nv_buf_detach(t->texts, NULL), len);
	if (strings)
		*strings = texts;
	for (i = 0; i < t->nnodes; i++) {
		v = block + i;
		v->block = true;
		if (v->packed) {
			v->str = texts + at;
			at += v->len + 1;
		} else if (v->type == NV_LIST || v->type == NV_MAP) {
			finish_kids(t, block, v);
		}
	}
	t->nnodes = 0;
	return block;
}

void nv_yaml_tree_release(struct nv_yaml_tree *t)
{
	size_t i;

	for (i = 0; i < t->nnodes; i++)
		if (!t->nodes[i].packed)
			free(t->nodes[i].str);
	free(t->nodes);
	free(t->kids);
	free(t->edges);
	memset(t, 0, sizeof(*t));
}

static struct nv_value *make_scalar(struct loader *l, const yaml_event_t *ev)
{
	const char *tag = (const char *)ev->data.scalar.tag;

	return nv_yaml_scalar(NULL, (const char *)ev->data.scalar.value, ev->data.scalar.length,
			      ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				      !(tag && !strcmp(tag, YAML_STR_TAG)),
			      line_of(l, ev->start_mark), col_of(ev->start_mark));
}

static bool count_nodes(struct loader *l, size_t n, yaml_mark_t m)
{
	if (l->nodes + n > l->lim.max_nodes) {
		nv_diag_hint(error_at(l, m,
				      "слишком много значений: после раскрытия ссылок (*имя) "
				      "их больше допустимого"),
			     "не более %zu тыс. значений в одном файле; проверьте, не ссылаются "
			     "ли метки &имя друг на друга многократно",
			     l->lim.max_nodes / 1000);
		l->failed = true;
		return false;
	}
	l->nodes += n;
	return true;
}

static void add_anchor(struct loader *l, const char *name, const struct nv_value *v)
{
	NV_GROW(l->anchors, l->nanchors + 1, l->anchors_alloc);
	l->anchors[l->nanchors].name = nv_xstrdup(name);
	l->anchors[l->nanchors].v = v;
	l->nanchors++;
}

static const struct nv_value *find_anchor(struct loader *l, const char *name)
{
	size_t i = l->nanchors;

	/* The latest definition wins, as YAML allows redefining an anchor. */
	while (i-- > 0)
		if (!strcmp(l->anchors[i].name, name))
			return l->anchors[i].v;
	return NULL;
}

/*
 * Drop a value that will not be in the tree. Anchors inside it may still
 * be referred to by aliases later in the text, so it is kept until the
 * end of the parse rather than freed now.
 */
static void discard(struct loader *l, struct nv_value *v)
{
	if (!l->trash)
		l->trash = nv_value_new(NV_LIST, 0, 0);
	nv_list_push(l->trash, v);
}

/*
 * Attach a finished node to the open collection (or make it the root).
 * Returns v if it is now part of the tree, NULL if it was used as a key
 * or dropped (so it must not be registered as an anchor).
 */
static struct nv_value *attach(struct loader *l, struct nv_value *v, yaml_mark_t m)
{
	struct frame *top;
	struct nv_member *dup;

	if (!l->depth) {
		l->root = v;
		return v;
	}
	top = &l->stack[l->depth - 1];
	if (top->v->type == NV_LIST) {
		nv_list_push(top->v, v);
		return v;
	}
	if (!top->key) {
		if (!nv_value_is_scalar(v) || !v->len) {
			nv_diag_hint(error_at(l, m,
					      v->type == NV_NULL ? "пустой ключ"
								 : "ключ должен быть строкой"),
				     "запишите поле как «ключ: значение»");
			nv_value_free(v);
			top->key = nv_xstrdup("");
			top->key_line = -1; /* swallow the value of the bad key */
			return NULL;
		}
		top->key = v->str;
		top->key_line = v->line;
		top->key_col = v->col;
		v->str = NULL;
		nv_value_free(v);
		return NULL;
	}
	dup = top->key_line < 0 ? NULL : nv_map_member(top->v, top->key, strlen(top->key));
	if (dup) {
		struct nv_diag *diag = nv_error(
			l->d, l->file, top->key_line, top->key_col,
			"поле «%s» указано дважды (первый раз — в строке %d)", top->key, dup->line);
		nv_diag_hint(diag, "оставьте одно из двух значений и удалите другую строку");
		l->errors = true;
		discard(l, v);
		v = NULL;
	} else if (top->key_line < 0) {
		discard(l, v);
		v = NULL;
	} else {
		nv_map_add(top->v, top->key, top->key_line, top->key_col, v);
	}
	free(top->key);
	top->key = NULL;
	return v;
}

static void push(struct loader *l, struct nv_value *v, const char *anchor, yaml_mark_t m)
{
	struct frame *f;

	if (l->depth >= l->lim.max_depth) {
		struct nv_diag *diag =
			error_at(l, m, "слишком глубокая вложенность списков и полей");
		nv_diag_hint(diag, "допускается не больше %zu уровней", l->lim.max_depth);
		nv_value_free(v);
		l->failed = true;
		return;
	}
	NV_GROW(l->stack, l->depth + 1, l->alloc);
	f = &l->stack[l->depth++];
	f->v = v;
	f->anchor = anchor ? nv_xstrdup(anchor) : NULL;
	f->key = NULL;
	f->key_line = f->key_col = 0;
}

/*
 * A finished collection keeps no spare room: a content folder holds tens
 * of thousands of small maps and lists, grown eight entries at a time.
 */
static void shrink(struct nv_value *v)
{
	if (v->nr == v->alloc || !v->nr)
		return;
	if (v->type == NV_LIST)
		v->items = nv_xrealloc(v->items, v->nr * sizeof(*v->items));
	else if (v->type == NV_MAP)
		v->members = nv_xrealloc(v->members, v->nr * sizeof(*v->members));
	else
		return;
	v->alloc = v->nr;
}

static void pop(struct loader *l, yaml_mark_t m)
{
	struct frame f = l->stack[--l->depth];

	shrink(f.v);
	if (f.key) {
		/* A key with no value cannot happen in well-formed events. */
		free(f.key);
	}
	if (attach(l, f.v, m) && f.anchor)
		add_anchor(l, f.anchor, f.v);
	free(f.anchor);
}

static void alias(struct loader *l, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const struct nv_value *target = find_anchor(l, name);
	struct nv_value *copy;

	if (!target) {
		struct nv_diag *diag = error_at(
			l, ev->start_mark, "ссылка *%s ведёт на неизвестную метку &%s", name, name);
		nv_diag_hint(diag, "метка &%s должна быть определена выше ссылки на неё", name);
		l->failed = true;
		return;
	}
	if (!count_nodes(l, nv_value_count(target), ev->start_mark))
		return;
	copy = nv_value_copy(target);
	copy->line = line_of(l, ev->start_mark);
	copy->col = col_of(ev->start_mark);
	attach(l, copy, ev->start_mark);
}

/* libyaml's problem strings, translated, with a hint each. */
static const struct {
	const char *problem;
	const char *msg;
	const char *hint;
} problems[] = {
	{ "mapping values are not allowed in this context", "двоеточие в неожиданном месте",
	  "если двоеточие — часть текста, заключите значение в кавычки: "
	  "title: \"Приказ: о наставничестве\"" },
	{ "did not find expected key", "ожидалось поле «ключ: значение»",
	  "проверьте отступы (пробелы в начале строки) и парность кавычек в строках выше" },
	{ "did not find expected '-' indicator", "ожидался элемент списка «- …»",
	  "все элементы списка должны начинаться с «- » и иметь одинаковый отступ" },
	{ "could not find expected ':'", "не найдено двоеточие после ключа",
	  "запишите поле как «ключ: значение» (после двоеточия — пробел)" },
	{ "found unexpected end of stream", "кавычка или скобка не закрыта",
	  "закройте кавычку (\" или ') или скобку ([ или {), открытую здесь" },
	{ "found character that cannot start any token", "недопустимый символ в начале значения",
	  "символы @ ` % в начале значения запрещены: заключите значение в кавычки" },
	{ "did not find expected node content", "ожидалось значение",
	  "проверьте строку: возможно, лишний символ или незакрытая скобка" },
	{ "did not find expected ',' or ']'", "список в квадратных скобках не закрыт",
	  "элементы разделяются запятыми, список заканчивается «]»" },
	{ "did not find expected ',' or '}'", "набор полей в фигурных скобках не закрыт",
	  "поля разделяются запятыми, набор заканчивается «}»" },
	{ "found unknown escape character",
	  "неизвестная escape-последовательность в строке в кавычках",
	  "в двойных кавычках обратная косая черта \\ начинает escape-последовательность; "
	  "используйте одинарные кавычки или удвойте её: \\\\" },
	{ "block sequence entries are not allowed in this context",
	  "элемент списка «- » в неожиданном месте",
	  "перенесите список на новую строку под ключом с отступом" },
	{ "control characters are not allowed", "управляющий символ в тексте",
	  "удалите невидимый управляющий символ (часто появляется при копировании из Word)" },
};

static void parser_error(struct loader *l, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	const char *problem = p->problem ? p->problem : "";
	struct nv_diag *diag;
	size_t i;

	/*
	 * For an unclosed quote or bracket, the opening one is the useful
	 * position: libyaml notices the problem much later.
	 */
	if (p->context && (!strcmp(problem, "found unexpected end of stream") ||
			   !strncmp(problem, "did not find expected ','", 25)))
		m = p->context_mark;
	for (i = 0; i < NV_ARRAY_SIZE(problems); i++) {
		if (!strcmp(problem, problems[i].problem)) {
			diag = error_at(l, m, "%s", problems[i].msg);
			nv_diag_hint(diag, "%s", problems[i].hint);
			return;
		}
	}
	diag = error_at(l, m, "не удалось разобрать YAML: %s%s%s", problem, p->context ? ", " : "",
			p->context ? p->context : "");
	nv_diag_hint(diag, "проверьте отступы, двоеточия и кавычки в этой строке");
}

/*
 * Tabs may not indent YAML. When libyaml fails on a text with tabs in the
 * indentation, those tabs are the cause users need to see: one error per
 * line, at the tab.
 */
static bool report_indent_tabs(struct loader *l, const char *text, size_t len)
{
	size_t i = 0, col;
	int line = l->first_line;
	bool found = false;

	while (i < len) {
		col = 1;
		while (i < len && (text[i] == ' ' || text[i] == '\t')) {
			if (text[i] == '\t') {
				struct nv_diag *diag = nv_error(l->d, l->file, line, (int)col,
								"табуляция в отступе");
				nv_diag_hint(diag,
					     "в YAML отступы делаются только пробелами: замените "
					     "табуляцию пробелами");
				found = true;
				break;
			}
			i++;
			col++;
		}
		while (i < len && text[i] != '\n')
			i++;
		i++;
		line++;
	}
	if (found)
		l->errors = true;
	return found;
}

/* A sequence or a mapping starts: push it, unless it stands where a key should. */
static void start_collection(struct loader *l, const yaml_event_t *ev)
{
	struct nv_value *v;

	if (!count_nodes(l, 1, ev->start_mark))
		return;
	if (l->depth && l->stack[l->depth - 1].v->type == NV_MAP && !l->stack[l->depth - 1].key) {
		nv_diag_hint(error_at(l, ev->start_mark,
				      "ключ должен быть строкой, а не списком или "
				      "набором полей"),
			     "запишите поле как «ключ: значение»");
		l->failed = true;
		return;
	}
	v = nv_value_new(ev->type == YAML_SEQUENCE_START_EVENT ? NV_LIST : NV_MAP,
			 line_of(l, ev->start_mark), col_of(ev->start_mark));
	push(l, v,
	     (const char *)(ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
								  : ev->data.mapping_start.anchor),
	     ev->start_mark);
}

/* Apply one parser event to the tree being built; true at the end of the stream. */
static bool on_event(struct loader *l, const yaml_event_t *ev)
{
	struct nv_value *v;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return true;
	case YAML_DOCUMENT_END_EVENT:
		/* Only the first document counts; a second is an error. */
		break;
	case YAML_DOCUMENT_START_EVENT:
		if (l->root) {
			error_at(l, ev->start_mark,
				 "в этом блоке больше одного документа YAML (строка «---»)");
			l->failed = true;
		}
		break;
	case YAML_SCALAR_EVENT:
		if (!count_nodes(l, 1, ev->start_mark))
			break;
		v = attach(l, make_scalar(l, ev), ev->start_mark);
		if (v && ev->data.scalar.anchor)
			add_anchor(l, (const char *)ev->data.scalar.anchor, v);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		start_collection(l, ev);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		pop(l, ev->start_mark);
		break;
	case YAML_ALIAS_EVENT:
		alias(l, ev);
		break;
	default:
		break;
	}
	return false;
}

/* Free everything the loader still holds (the result has been taken out). */
static void loader_release(struct loader *l)
{
	size_t i;

	nv_value_free(l->root);
	nv_value_free(l->trash);
	for (i = 0; i < l->depth; i++) {
		free(l->stack[i].anchor);
		free(l->stack[i].key);
		nv_value_free(l->stack[i].v);
	}
	free(l->stack);
	for (i = 0; i < l->nanchors; i++)
		free(l->anchors[i].name);
	free(l->anchors);
}

struct nv_value *nv_yaml_load_libyaml(const char *file, const char *text, size_t len,
				      int first_line, const struct nv_yaml_limits *limits,
				      struct nv_diags *d)
{
	struct loader l;
	yaml_parser_t parser;
	yaml_event_t ev;
	struct nv_value *result = NULL;
	bool done = false;

	memset(&l, 0, sizeof(l));
	l.file = file;
	l.first_line = first_line;
	l.d = d;
	l.lim.max_depth = limits ? limits->max_depth : NV_YAML_MAX_DEPTH;
	l.lim.max_nodes = limits ? limits->max_nodes : NV_YAML_MAX_NODES;

	if (!yaml_parser_initialize(&parser)) {
		nv_error(d, file, 0, 0, "не удалось запустить разбор YAML (недостаточно памяти)");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done && !l.failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (report_indent_tabs(&l, text, len))
				;
			else if (nv_yaml_missing_space(file, first_line, text, len,
						       parser.problem_mark.line, d) ||
				 nv_yaml_misplaced(file, first_line, text, len, parser.problem,
						   parser.problem_mark.line, d))
				l.errors = true;
			else
				parser_error(&l, &parser);
			l.failed = true;
			break;
		}
		done = on_event(&l, &ev);
		yaml_event_delete(&ev);
	}

	if (!l.errors) {
		result = l.root ? l.root : nv_value_new(NV_NULL, first_line, 1);
		l.root = NULL;
	}
	loader_release(&l);
	yaml_parser_delete(&parser);
	return result;
}

struct nv_value *nv_yaml_load(const char *file, const char *text, size_t len, int first_line,
			      const struct nv_yaml_limits *limits, struct nv_diags *d)
{
	return nv_yaml_load_packed(file, text, len, first_line, limits, NULL, d);
}

struct nv_value *nv_yaml_load_packed(const char *file, const char *text, size_t len, int first_line,
				     const struct nv_yaml_limits *limits, char **strings,
				     struct nv_diags *d)
{
	struct nv_value *v = nv_yaml_fast(text, len, first_line, limits, NULL, strings);

	if (v)
		return v;
	if (strings)
		*strings = NULL;
	return nv_yaml_load_libyaml(file, text, len, first_line, limits, d);
}

static void dump_node(struct nv_buf *out, const struct nv_value *v, int depth)
{
	static const char *const types[] = { "null", "bool", "number", "string", "list", "map" };
	size_t i;

	nv_buf_addf(out, "%*s%s %d:%d", depth * 2, "", types[v->type], v->line, v->col);
	if (v->str) {
		nv_buf_addf(out, " len=%zu \"", v->len);
		for (i = 0; i < v->len; i++) {
			unsigned char c = (unsigned char)v->str[i];
			if (c < 0x20 || c == '"' || c == '\\')
				nv_buf_addf(out, "\\x%02X", c);
			else
				nv_buf_addch(out, c);
		}
		nv_buf_addch(out, '"');
	}
	if (v->type == NV_NUMBER)
		nv_buf_addf(out, " %.17g", v->number);
	if (v->type == NV_BOOL)
		nv_buf_adds(out, v->boolean ? " true" : " false");
	if (v->type == NV_LIST || v->type == NV_MAP)
		nv_buf_addf(out, " nr=%zu", v->nr);
	nv_buf_addch(out, '\n');
	for (i = 0; i < v->nr && v->type == NV_LIST; i++)
		dump_node(out, v->items[i], depth + 1);
	for (i = 0; i < v->nr && v->type == NV_MAP; i++) {
		nv_buf_addf(out, "%*skey %d:%d \"%s\" len=%zu\n", depth * 2 + 2, "",
			    v->members[i].line, v->members[i].col, v->members[i].key,
			    v->members[i].keylen);
		dump_node(out, v->members[i].value, depth + 2);
	}
}

void nv_yaml_dump_full(struct nv_buf *out, const struct nv_value *v)
{
	if (v)
		dump_node(out, v, 0);
	else
		nv_buf_adds(out, "(none)\n");
}
