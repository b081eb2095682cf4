/*
 * template_memo.c: the memos of partials (template.c, "memos of
 * partials"): a value encoded whole, compared with an encoding in
 * place, and the set's memos made and freed.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "template_int.h"
#include "value.h"

/* v's type and contents all the way down, onto b (until b holds more than max bytes). */
void nv_tpl_encode(struct nv_buf *b, const struct nv_value *v, size_t max)
{
	size_t i;

	nv_buf_addch(b, v ? 'a' + (int)v->type : '-');
	if (!v || b->len > max)
		return;
	if (v->type == NV_BOOL)
		nv_buf_addch(b, v->boolean);
	else if (v->type == NV_NUMBER)
		nv_buf_add(b, &v->number, sizeof(v->number));
	else if (v->type == NV_STRING) {
		nv_buf_add(b, &v->len, sizeof(v->len));
		nv_buf_add(b, v->str, v->len);
	} else if (v->type == NV_LIST || v->type == NV_MAP)
		nv_buf_add(b, &v->nr, sizeof(v->nr));
	for (i = 0; v->type == NV_LIST && i < v->nr && b->len <= max; i++)
		nv_tpl_encode(b, v->items[i], max);
	for (i = 0; v->type == NV_MAP && i < v->nr && b->len <= max; i++) {
		nv_buf_add(b, &v->members[i].keylen, sizeof(v->members[i].keylen));
		nv_buf_add(b, v->members[i].key, v->members[i].keylen);
		nv_tpl_encode(b, v->members[i].value, max);
	}
}

/* Whether the n bytes at *p, before end, are those at x; *p moves past them. */
static inline bool same_bytes(const char **p, const char *end, const void *x, size_t n)
{
	if ((size_t)(end - *p) < n || (n && memcmp(*p, x, n)))
		return false;
	*p += n;
	return true;
}

/* Whether the size nv_tpl_encode() wrote at *p, before end, is n; *p moves past it. */
static inline bool same_size(const char **p, const char *end, size_t n)
{
	size_t x;

	if ((size_t)(end - *p) < sizeof(x))
		return false;
	memcpy(&x, *p, sizeof(x));
	*p += sizeof(x);
	return x == n;
}

/* Whether v is what nv_tpl_encode() wrote at *p, before end; *p moves past it. */
bool nv_tpl_same(const struct nv_value *v, const char **p, const char *end)
{
	char type = (char)(v ? 'a' + (int)v->type : '-');
	size_t i;

	if (*p >= end || **p != type)
		return false;
	++*p;
	if (!v)
		return true;
	if (v->type == NV_BOOL) {
		if (*p >= end || **p != (char)v->boolean)
			return false;
		++*p;
		return true;
	}
	if (v->type == NV_NUMBER)
		return same_bytes(p, end, &v->number, sizeof(v->number));
	if (v->type == NV_STRING)
		return same_size(p, end, v->len) && same_bytes(p, end, v->str, v->len);
	if ((v->type == NV_LIST || v->type == NV_MAP) && !same_size(p, end, v->nr))
		return false;
	for (i = 0; v->type == NV_LIST && i < v->nr; i++)
		if (!nv_tpl_same(v->items[i], p, end))
			return false;
	for (i = 0; v->type == NV_MAP && i < v->nr; i++)
		if (!same_size(p, end, v->members[i].keylen) ||
		    !same_bytes(p, end, v->members[i].key, v->members[i].keylen) ||
		    !nv_tpl_same(v->members[i].value, p, end))
			return false;
	return true;
}

/* The memo of partial x in the set, made the first time. */
struct tpl_memo *nv_tpl_memo_of(struct nv_tpl_set *set, const struct nv_template *x)
{
	struct tpl_memo *m;
	size_t i;

	for (i = 0; i < set->nmemos; i++)
		if (set->memos[i]->t == x)
			return set->memos[i];
	m = nv_xcalloc(1, sizeof(*m));
	m->t = x;
	nv_buf_init(&m->out);
	nv_buf_init(&m->ind);
	nv_buf_init(&m->vals);
	for (i = 0; i < x->nr; i++)
		if (x->nodes[i].type == N_PARTIAL || x->nodes[i].type == N_PARENT ||
		    x->nodes[i].type == N_BLOCK)
			m->off = true;
	NV_GROW(set->memos, set->nmemos + 1, set->amemos);
	set->memos[set->nmemos++] = m;
	return m;
}

void nv_tpl_set_stable(struct nv_tpl_set *set, const struct nv_value *v)
{
	if (!v || nv_tpl_is_stable(set, v))
		return;
	NV_GROW(set->stable, set->nstable + 1, set->astable);
	set->stable[set->nstable++] = v;
}

bool nv_tpl_is_stable(const struct nv_tpl_set *set, const struct nv_value *v)
{
	size_t i;

	for (i = 0; v && i < set->nstable; i++)
		if (set->stable[i] == v)
			return true;
	return false;
}

void nv_tpl_memos_free(struct nv_tpl_set *set)
{
	size_t i;

	for (i = 0; i < set->nmemos; i++) {
		nv_buf_release(&set->memos[i]->out);
		nv_buf_release(&set->memos[i]->ind);
		nv_buf_release(&set->memos[i]->vals);
		free(set->memos[i]->looks);
		free(set->memos[i]);
	}
	free(set->memos);
	set->memos = NULL;
	set->nmemos = set->amemos = 0;
	free(set->stable);
	set->stable = NULL;
	set->nstable = set->astable = 0;
}
