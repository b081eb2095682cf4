/*
 * template.c: the Mustache template set, loader and renderer; see template.h.
 *
 * The engine is one algorithm in two files that share the private
 * template_int.h (the compiled form: a flat array of nodes per template):
 *  - template_compile.c compiles one template's source into nodes in three
 *    passes (scan, standalone lines, build); its design comment describes
 *    the passes and how indentation is compiled;
 *  - this file holds the set (search directories, in-memory sources, the
 *    cache of templates by name), the loader, the compile queue and the
 *    check that everything a template includes compiled, and renders
 *    compiled templates against a value tree.
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
#include "template_int.h"
#include "utf8.h"
#include "value.h"

#define RENDER_MAX_NEST 1024

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
	nv_tpl_memos_free(set);
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

struct nv_template *nv_tpl_load(struct nv_tpl_set *set, const char *name, size_t len,
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
		char *rel = path + strlen(set->dirs[i]) + 1;

		/* No link below the theme's folder is followed (fs.h, nv_open_in). */
		if (!nv_read_file_in(set->dirs[i], rel, NV_TPL_MAX_FILE, &text)) {
			t->file = path;
			t->len = text.len;
			t->src = nv_buf_detach(&text, NULL);
			t->state = TS_PENDING;
			queue_add(set, t);
			goto out;
		}
		if (errno != ENOENT && errno != ENOTDIR) {
			nv_error(d, file, line, col, "не удалось прочитать «%s»: %s", path,
				 nv_strerror(errno));
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

void nv_tpl_hint_searched(struct nv_diag *diag, const struct nv_template *t)
{
	if (t->invalid_name)
		nv_diag_hint(diag, "имя шаблона — путь внутри каталога темы, без «..» и без «/» "
				   "в начале");
	else if (t->searched && t->searched[0])
		nv_diag_hint(diag, "искали: %s", t->searched);
	else
		nv_diag_hint(diag, "каталоги шаблонов не заданы");
}

/* Compile everything queued, including what those templates queue. */
static void drain(struct nv_tpl_set *set, struct nv_diags *d)
{
	size_t i;

	for (i = 0; i < set->nqueue; i++)
		if (set->queue[i]->state == TS_PENDING)
			nv_tpl_compile_pending(set, set->queue[i], d);
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
	struct nv_template *t = nv_tpl_load(set, name, strlen(name), d, NULL, 0, 0);
	const struct nv_template *ret = NULL;

	if (t->state == TS_MISSING) {
		struct nv_diag *diag;

		if (t->invalid_name)
			diag = nv_error(d, NULL, 0, 0, "недопустимое имя шаблона «%s»", name);
		else
			diag = nv_error(d, NULL, 0, 0, "шаблон «%s» не найден", name);
		nv_tpl_hint_searched(diag, t);
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
	nv_tpl_compile_pending(set, t, d);
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
	uint64_t *keys; /* keys[k]: the key bits of ctx[k] (key_bit()), 0 for what is not a map */
	size_t nctx, actx, akeys;
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
	struct tpl_memo *rec; /* the memo being recorded, or NULL */
	size_t rec_base;      /* the context levels below this are outside its partial */
	size_t rec_nest;      /* nest when it started */
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
	uint64_t bits = 0;
	size_t i;

	NV_GROW(st->ctx, st->nctx + 1, st->actx);
	NV_GROW(st->keys, st->nctx + 1, st->akeys);
	if (v && v->type == NV_MAP)
		for (i = 0; i < v->nr; i++)
			bits |= (uint64_t)1 << key_bit(v->members[i].key, v->members[i].keylen);
	st->keys[st->nctx] = bits;
	st->ctx[st->nctx++] = v;
}

/*
 * The member named p of map, or NULL: a key shared with the template's
 * name is the same address (nv_key_shared()), other keys are compared
 * by their length, first byte and bytes.
 */
static inline const struct nv_member *scan(const struct nv_value *map, const struct tpart *p)
{
	const struct nv_member *m;
	const char *name = p->name.ptr;
	size_t len = p->name.len, i;

	for (i = 0; i < map->nr; i++) {
		m = &map->members[i];
		if (m->key == p->shared ||
		    (m->keylen == len && m->key[0] == name[0] && !memcmp(m->key, name, len)))
			return m;
	}
	return NULL;
}

/* The member named p of map (NULL: none, or not a map). */
static inline const struct nv_member *member(const struct nv_value *map, const struct tpart *p)
{
	return map && map->type == NV_MAP ? scan(map, p) : NULL;
}

/*
 * Resolve the (dotted) name of node n against the context stack; *level
 * is the level of the context it was found in, SIZE_MAX when none.
 */
static const struct nv_value *lookup(const struct render *st, const struct nv_template *t,
				     const struct tnode *n, size_t *level)
{
	const struct tpart *parts;
	const struct nv_value *v = NULL;
	const struct nv_member *m = NULL;
	size_t k, i;

	*level = st->nctx ? st->nctx - 1 : SIZE_MAX;
	if (!n->nparts)
		return st->nctx ? st->ctx[st->nctx - 1] : NULL;
	*level = SIZE_MAX;
	parts = t->parts + n->part0;
	for (k = st->nctx; k-- > 0;) {
		/* A map without the name's bit has not the name: not scanned. */
		if (!(st->keys[k] >> parts[0].bit & 1))
			continue;
		m = scan(st->ctx[k], &parts[0]);
		if (m)
			break;
	}
	if (!m)
		return NULL;
	*level = k;
	v = m->value;
	for (i = 1; i < n->nparts && v; i++) {
		m = member(v, &parts[i]);
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
static bool scalar_text(const struct nv_value *v, char tmp[NV_NUMBER_TEXT], struct nv_slice *s)
{
	switch (v->type) {
	case NV_STRING:
		*s = nv_slice_make(v->str, v->len);
		return true;
	case NV_NUMBER:
		*s = nv_slice_make(tmp, nv_number_text(tmp, v->number));
		return true;
	case NV_BOOL:
		*s = nv_slice_str(v->boolean ? "true" : "false");
		return true;
	default:
		return false;
	}
}

/* ---- memos of partials -------------------------------------------------- */

/*
 * A page's header, navigation and footer are partials that come out the
 * same on page after page. A partial that includes nothing (no partial,
 * parent nor block inside) keeps its last render in the set (struct
 * tpl_memo): what it wrote, and the value each name outside it found,
 * encoded whole (not by address: a page's values are freed, and the
 * next page's may lie at the same addresses), or by its address when
 * the caller promised it stays (nv_tpl_set_stable()). When the names find the
 * same values again, so does every name inside it (it pushes only what
 * they hold), and the memo's output is written as it is; its steps and
 * nesting count as they would have, so limits trip as they did.
 */

/* Node n's name resolved, and its value kept when a memo is recorded and it lies outside. */
static inline const struct nv_value *look(struct render *st, const struct nv_template *t,
					  const struct tnode *n)
{
	size_t level, i;
	const struct nv_value *v = lookup(st, t, n, &level);
	struct tpl_memo *m = st->rec;

	if (m && (level == SIZE_MAX || level < st->rec_base)) {
		/* The levels outside do not change while it renders: a name is kept once. */
		for (i = m->nlooks; i-- > 0;)
			if (m->looks[i].n == n && m->looks[i].t == t)
				return v;
		NV_GROW(m->looks, m->nlooks + 1, m->alooks);
		m->looks[m->nlooks].stable = nv_tpl_is_stable(st->set, v) ? v : NULL;
		if (!m->looks[m->nlooks].stable)
			nv_tpl_encode(&m->vals, v, NV_TPL_MEMO_MAX);
		m->looks[m->nlooks].t = t;
		m->looks[m->nlooks].n = n;
		m->looks[m->nlooks++].end = m->vals.len;
	}
	return v;
}

/* Whether memo m holds this render of its partial: then it is written. */
static bool memo_replay(struct render *st, struct tpl_memo *m)
{
	size_t i, level, max_steps = st->set->limits.max_steps;
	const char *p = m->vals.ptr;
	const struct nv_value *v;

	if (!m->ok || m->ind.len != st->ind.len - st->ind_base ||
	    memcmp(m->ind.ptr, st->ind.ptr + st->ind_base, m->ind.len) ||
	    (max_steps && (!m->counted || st->steps + m->steps > max_steps)) ||
	    st->nest + m->nest >= RENDER_MAX_NEST || st->out->len + m->out.len > st->out_max)
		return false;
	for (i = 0; i < m->nlooks; i++) {
		v = lookup(st, m->looks[i].t, m->looks[i].n, &level);
		if (m->looks[i].stable ? v != m->looks[i].stable
				       : !nv_tpl_same(v, &p, m->vals.ptr + m->looks[i].end) ||
						 p != m->vals.ptr + m->looks[i].end)
			return false;
	}
	nv_buf_add(st->out, m->out.ptr, m->out.len);
	st->steps += m->steps;
	return true;
}

static void render_children(struct render *st, const struct nv_template *t, size_t b, size_t e,
			    bool skip_ls, const struct tnode *at);

/* Render partial x (from node n of t) into its memo m, which keeps it unless it stopped. */
static void memo_record(struct render *st, struct tpl_memo *m, const struct nv_template *x,
			const struct tnode *n)
{
	size_t out0 = st->out->len, steps0 = st->steps;
	int rc = st->rc;

	m->ok = false;
	m->nlooks = 0;
	m->nest = 0;
	nv_buf_reset(&m->vals);
	nv_buf_reset(&m->ind);
	nv_buf_add(&m->ind, st->ind.ptr + st->ind_base, st->ind.len - st->ind_base);
	st->rec = m;
	st->rec_base = st->nctx;
	st->rec_nest = st->nest;
	render_children(st, x, 0, x->nr, false, n);
	st->rec = NULL;
	if (m->vals.len > NV_TPL_MEMO_MAX) {
		m->off = true;
		return;
	}
	if (st->stop || st->rc != rc)
		return;
	nv_buf_reset(&m->out);
	nv_buf_add(&m->out, st->out->ptr + out0, st->out->len - out0);
	m->steps = st->steps - steps0;
	m->counted = st->set->limits.max_steps != 0; /* steps count only under a limit */
	m->ok = true;
}

static void emit_indent(struct render *st)
{
	if (st->ind.len > st->ind_base)
		nv_buf_add(st->out, st->ind.ptr + st->ind_base, st->ind.len - st->ind_base);
}

static void render_children(struct render *st, const struct nv_template *t, size_t b, size_t e,
			    bool skip_ls, const struct tnode *at)
{
	if (st->rec && st->nest - st->rec_nest > st->rec->nest)
		st->rec->nest = st->nest - st->rec_nest;
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
	char tmp[NV_NUMBER_TEXT];
	size_t errors = st->d->errors;

	if (!(n->flags & NF_DYNAMIC))
		return n->target && n->target->state == TS_OK ? n->target : NULL;
	v = look(st, t, n);
	if (!v || !scalar_text(v, tmp, &name))
		return NULL;
	x = nv_tpl_load(st->set, name.ptr, name.len, st->d, t->file, n->line, n->col);
	if (st->d->errors != errors)
		st->rc = -1;
	if (x->state == TS_MISSING) {
		if ((x->invalid_name || !(st->set->flags & NV_TPL_LENIENT)) && first_report(st, x))
			nv_tpl_hint_searched(
				rerror(st, t, n,
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
	struct tpl_memo *memo;

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
	memo = parent || st->rec ? NULL : nv_tpl_memo_of(st->set, x);
	if (!memo || memo->off)
		render_children(st, x, 0, x->nr, false, n);
	else if (!memo_replay(st, memo))
		memo_record(st, memo, x, n);
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
	char tmp[NV_NUMBER_TEXT];

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
			v = look(st, t, n);
			if (v && scalar_text(v, tmp, &s)) {
				if ((n->flags & NF_ESCAPE) && v->type == NV_STRING)
					nv_buf_add_html(st->out, s.ptr, s.len);
				else
					nv_buf_addslice(st->out, s);
			}
			break;
		case N_SECTION:
			v = look(st, t, n);
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
			if (!truthy(look(st, t, n)))
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
	free(st.keys);
	free(st.frames);
	free(st.reported);
	nv_buf_release(&st.ind);
	return st.rc;
}
