/*
 * import_people.c: the people a document names who are not in
 * people.yml — the signatory of an order, the approver of a block
 * УТВЕРЖДАЮ. From a signature «Директор<TAB>И. В. Соколова» we take the
 * position, the surname and the initials; the document then uses the new
 * person's id, and `nastavnik import` appends the entry to people.yml
 * (import_merge.c), with the initials as name and patronymic until the
 * author writes them in full.
 */
#include "common.h"

#include "alloc.h"
#include "import.h"
#include "import_int.h"
#include "typo.h"

/* True if the word (len bytes) is initials: «И.», «И.В.» (capital Russian letters with dots). */
static bool is_initials(const char *w, size_t len)
{
	size_t i;

	if (!len || len % 3)
		return false;
	for (i = 0; i < len; i += 3)
		if (!((unsigned char)w[i] == 0xD0 && (unsigned char)w[i + 1] >= 0x81 &&
		      (unsigned char)w[i + 1] <= 0xAF && w[i + 2] == '.'))
			return false;
	return true;
}

/*
 * Split a signature into position, initials and surname: the name is the
 * last words («А. Н. Петрова», «Петрова А.Н.»), the position what comes
 * before them. ini gets the letters of the initials in their order («АН»).
 * Returns false when there is no such name.
 */
static bool split_signature(const char *t, struct nv_buf *pos, struct nv_buf *ini,
			    struct nv_buf *sur)
{
	const char *end = t + strlen(t), *w, *name = end;
	struct nv_buf front = NV_BUF_INIT;
	size_t k;

	while (name > t) {
		for (w = name; w > t && !strchr(" \t_", w[-1]); w--)
			;
		if (w == name) { /* a separator */
			name--;
			continue;
		}
		if (is_initials(w, (size_t)(name - w)) && ini->len < 4) {
			/* Walking backwards: these initials come before those found. */
			nv_buf_reset(&front);
			for (k = 0; k < (size_t)(name - w); k += 3)
				nv_buf_add(&front, w + k, 2);
			nv_buf_add(&front, ini->ptr, ini->len);
			nv_buf_reset(ini);
			nv_buf_add(ini, front.ptr, front.len);
		} else if (!sur->len && !memchr(w, '.', (size_t)(name - w)) &&
			   (unsigned char)*w == 0xD0) {
			nv_buf_add(sur, w, (size_t)(name - w));
		} else {
			break;
		}
		name = w;
		if (sur->len && ini->len >= 4)
			break;
	}
	nv_buf_release(&front);
	if (!sur->len || !ini->len)
		return false;
	nv_buf_add(pos, t, (size_t)(name - t));
	while (pos->len && strchr(" \t_", pos->ptr[pos->len - 1]))
		pos->ptr[--pos->len] = '\0';
	return true;
}

/* True if id is taken by a person of people.yml or one already added. */
static bool id_taken(const struct nv_imp_ctx *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->o->npeople; i++)
		if (c->o->people[i].id && !strcmp(c->o->people[i].id, id))
			return true;
	for (i = 0; i < c->r->nnewp; i++)
		if (!strcmp(c->r->newp[i].id, id))
			return true;
	return false;
}

/* The new person's id: the slug of «Соколова И. В.», with -2, -3 … when taken. */
static char *new_id(const struct nv_imp_ctx *c, const char *sur, const char *ini)
{
	struct nv_buf b = NV_BUF_INIT;
	char *base, *id;
	int n = 2;

	nv_buf_addf(&b, "%s %s", sur, ini);
	base = nv_slug(b.ptr);
	nv_buf_release(&b);
	id = nv_xstrdup(base);
	while (id_taken(c, id)) {
		free(id);
		id = nv_xasprintf("%s-%d", base, n++);
	}
	free(base);
	return id;
}

/*
 * «Директор» → «директор», as people.yml writes positions (an abbreviation
 * stays); «Директор МБОУ «ООШ № 2»» → «директор» when that is site.yml's
 * organisation: the printed blocks add it themselves.
 */
static char *position_of(const struct nv_imp_ctx *c, const char *pos)
{
	const char *org[] = { c->o->org_short, c->o->org_name };
	struct nv_buf b = NV_BUF_INIT;
	size_t cap = strlen(pos) >= 2 && (unsigned char)pos[0] == 0xD0 ? 2 : 0, len = strlen(pos);
	size_t k, ol;

	if (!*pos)
		return NULL;
	for (k = 0; k < 2; k++) {
		ol = org[k] ? strlen(org[k]) : 0;
		if (ol && len > ol + 1 && !strcmp(pos + len - ol, org[k]) &&
		    pos[len - ol - 1] == ' ') {
			len -= ol + 1;
			break;
		}
	}
	if (nv_imp_is_upper(pos))
		return nv_xmemdupz(pos, len);
	nv_imp_lower(&b, pos, cap);
	nv_buf_add(&b, pos + cap, len - cap);
	return nv_buf_detach(&b, NULL);
}

struct nv_imp_newperson *nv_imp_add_person(struct nv_imp_ctx *c, const char *surname,
					   const char *name, const char *patronymic,
					   const char *position)
{
	struct nv_imp_newperson *p;
	char ini[8], *id;

	snprintf(ini, sizeof(ini), "%.2s%.2s", name, patronymic);
	id = new_id(c, surname, ini);
	c->r->newp = nv_xrealloc(c->r->newp, (c->r->nnewp + 1) * sizeof(*c->r->newp));
	p = &c->r->newp[c->r->nnewp++];
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->surname = nv_xstrdup(surname);
	p->name = nv_xstrdup(name);
	if (*patronymic)
		p->patronymic = nv_xstrdup(patronymic);
	p->position = position_of(c, position ? position : "");
	return p;
}

const char *nv_imp_new_person(struct nv_imp_ctx *c, const char *t, const char *position)
{
	struct nv_buf pos = NV_BUF_INIT, ini = NV_BUF_INIT, sur = NV_BUF_INIT;
	struct nv_imp_newperson *p = NULL;
	char name[4], patr[4] = "";

	if (split_signature(t, &pos, &ini, &sur)) {
		snprintf(name, sizeof(name), "%.2s.", ini.ptr);
		if (ini.len >= 4)
			snprintf(patr, sizeof(patr), "%.2s.", ini.ptr + 2);
		p = nv_imp_add_person(c, sur.ptr, name, patr,
				      pos.len	 ? pos.ptr
				      : position ? position
						 : "");
	}
	nv_buf_release(&pos);
	nv_buf_release(&ini);
	nv_buf_release(&sur);
	return p ? p->id : NULL;
}
