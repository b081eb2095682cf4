/*
 * import_merge.c: what `nastavnik import` adds to people.yml and
 * site.yml, as text merged into the files' own bytes.
 *
 * people.yml gets its new people appended at the end, after a comment
 * that names the source; site.yml gets the organisation's keys it lacks
 * inserted under `organization:`, at the indentation of its other keys.
 * Nothing that is there is changed, and a value there that differs from
 * the document's is only reported. The command writes the files.
 */
#include "common.h"

#include "alloc.h"
#include "import.h"
#include "import_int.h"

const char *const nv_import_org_keys[NV_IMP_ORG_KEYS] = { "name", "short_name", "founder" };

void nv_import_people_add(struct nv_buf *out, const struct nv_imp_result *r, const char *from,
			  int tail, struct nv_strlist *have)
{
	bool head = false;
	size_t i;

	for (i = 0; i < r->nnewp; i++) {
		const struct nv_imp_newperson *p = &r->newp[i];

		if (nv_strlist_has(have, p->id))
			continue;
		nv_strlist_add(have, p->id);
		if (!head) {
			if (tail && tail != '\n')
				nv_buf_addch(out, '\n');
			if (tail)
				nv_buf_addch(out, '\n');
			nv_buf_addf(
				out,
				"# добавлено nastavnik import из %s — проверьте имя, отчество и "
				"publish\n",
				from);
			head = true;
		}
		nv_buf_addf(out, "- id: %s\n", p->id);
		nv_imp_yaml(out, 2, "surname", p->surname);
		nv_imp_yaml(out, 2, "name", p->name);
		if (p->patronymic)
			nv_imp_yaml(out, 2, "patronymic", p->patronymic);
		nv_buf_addf(out, "  category: %s\n", p->student ? "student" : "teacher");
		if (p->position)
			nv_imp_yaml(out, 2, "position", p->position);
		if (p->class_name)
			nv_imp_yaml(out, 2, "class", p->class_name);
		nv_buf_adds(out, "  publish: none\n");
	}
}

/* The lines of s: starts[i] is where line i starts; returns the count. */
static size_t split_lines(const char *s, size_t len, size_t **starts)
{
	size_t n = 0, alloc = 16, i;

	*starts = nv_xcalloc(alloc, sizeof(**starts));
	for (i = 0; i < len; i++)
		if (i == 0 || s[i - 1] == '\n') {
			if (n == alloc) {
				alloc *= 2;
				*starts = nv_xrealloc(*starts, alloc * sizeof(**starts));
			}
			(*starts)[n++] = i;
		}
	return n;
}

/* The section `organization:` of site.yml, as lines of the text. */
struct org_block {
	size_t at;   /* the line `organization:` */
	size_t last; /* its last indented line (at when it has none) */
	int indent;  /* the indentation of its keys (2 when it has none) */
	bool flow;   /* `organization: { … }`: nothing can be inserted */
	bool has[NV_IMP_ORG_KEYS];
};

/* True if line l (n bytes, no newline) is blank or only a comment. */
static bool blank(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	return i == n || l[i] == '#' || l[i] == '\r';
}

/* Note which keys line l (n bytes) at the block's indentation sets. */
static void note_key(struct org_block *b, const char *l, size_t n)
{
	size_t k, kl;

	for (k = 0; k < NV_IMP_ORG_KEYS; k++) {
		kl = strlen(nv_import_org_keys[k]);
		if (n > (size_t)b->indent + kl &&
		    !memcmp(l + b->indent, nv_import_org_keys[k], kl) && l[b->indent + kl] == ':')
			b->has[k] = true;
	}
}

/* Find `organization:` in the lines of s; false when there is none. */
static bool find_org(const char *s, size_t len, const size_t *st, size_t n, struct org_block *b)
{
	static const char key[] = "organization:";
	size_t i, e, w;
	const char *v;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < n; i++)
		if (!strncmp(s + st[i], key, sizeof(key) - 1))
			break;
	if (i == n)
		return false;
	b->at = b->last = i;
	b->indent = -1;
	e = i + 1 < n ? st[i + 1] : len;
	for (v = s + st[i] + sizeof(key) - 1; v < s + e && (*v == ' ' || *v == '\t'); v++)
		;
	b->flow = v < s + e && *v != '\n' && *v != '#' && *v != '\r';
	for (i++; i < n && !b->flow; i++) {
		e = i + 1 < n ? st[i + 1] : len;
		if (blank(s + st[i], e - st[i]))
			continue;
		if (s[st[i]] != ' ')
			break;
		for (w = 0; s[st[i] + w] == ' '; w++)
			;
		if (b->indent < 0)
			b->indent = (int)w;
		if ((int)w == b->indent)
			note_key(b, s + st[i], e - st[i]);
		b->last = i;
	}
	if (b->indent < 0)
		b->indent = 2;
	return true;
}

/* The lines to insert for the keys found that the block lacks; differing values in notes. */
static void new_keys(const struct org_block *b, const char *const found[NV_IMP_ORG_KEYS],
		     const char *const have[NV_IMP_ORG_KEYS], struct nv_buf *ins,
		     struct nv_strlist *added, struct nv_strlist *notes)
{
	struct nv_buf one = NV_BUF_INIT;
	size_t k;

	for (k = 0; k < NV_IMP_ORG_KEYS; k++) {
		if (!found[k])
			continue;
		if (b->has[k]) {
			if (!have[k] || strcmp(have[k], found[k]))
				nv_strlist_addf(notes,
						"site.yml, organization.%s: в документе «%s», в "
						"site.yml «%s» — не изменено; проверьте, что верно",
						nv_import_org_keys[k], found[k],
						have[k] ? have[k] : "");
			continue;
		}
		nv_buf_reset(&one);
		nv_imp_yaml(&one, b->indent, nv_import_org_keys[k], found[k]);
		nv_buf_add(ins, one.ptr, one.len);
		one.ptr[one.len - 1] = '\0';
		nv_strlist_add(added, one.ptr);
	}
	nv_buf_release(&one);
}

int nv_import_site_merge(const char *s, size_t len, const char *const found[NV_IMP_ORG_KEYS],
			 const char *const have[NV_IMP_ORG_KEYS], struct nv_buf *out,
			 struct nv_strlist *added, struct nv_strlist *notes)
{
	struct nv_buf ins = NV_BUF_INIT;
	struct org_block b;
	size_t *st, n = split_lines(s, len, &st), cut;
	int lines = (int)added->nr;

	nv_buf_reset(out);
	if (!find_org(s, len, st, n, &b)) {
		if (found[0] || found[1] || found[2])
			nv_strlist_add(notes, "site.yml: нет раздела organization — организация из "
					      "документа не внесена; добавьте её сами");
		nv_buf_add(out, s, len);
	} else if (b.flow) {
		nv_strlist_add(notes, "site.yml: organization записана в одну строку { … } — "
				      "организация из документа не внесена; добавьте её сами");
		nv_buf_add(out, s, len);
	} else {
		new_keys(&b, found, have, &ins, added, notes);
		cut = b.last + 1 < n ? st[b.last + 1] : len;
		nv_buf_add(out, s, cut);
		if (ins.len && cut && s[cut - 1] != '\n')
			nv_buf_addch(out, '\n');
		nv_buf_add(out, ins.ptr, ins.len);
		nv_buf_add(out, s + cut, len - cut);
	}
	free(st);
	nv_buf_release(&ins);
	return (int)added->nr - lines;
}
