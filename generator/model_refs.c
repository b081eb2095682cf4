/*
 * model_refs.c: the names and ids of the model. The names of each enum
 * as written in the content, the canonical forms and kinds of mentoring
 * and their loose matching, the entries of the documents with their
 * unique ids (phase 2 of the build), and references by id to people and
 * documents, each unknown id reported with the nearest known one.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "person.h"
#include "schema.h"
#include "strmap.h"
#include "typo.h"
#include "threads.h"
#include "utf8.h"
#include "value.h"

const char *const nv_kind_names[] = { "page", "position", "program", "roadmap", "order",
				      "case", "news",	  "form",    NULL };
const char *const nv_kind_dirs[] = { "pages", "positions", "programs", "roadmaps", "orders",
				     "cases", "news",	   "forms",    NULL };

bool nv_kind_web_pdf(enum nv_kind k)
{
	return k == NV_KIND_POSITION || k == NV_KIND_PROGRAM || k == NV_KIND_ROADMAP ||
	       k == NV_KIND_FORM;
}

bool nv_kind_printed(enum nv_kind k)
{
	return k == NV_KIND_ORDER || nv_kind_web_pdf(k);
}

enum nv_pdf_off nv_entry_pdf_off(const struct nv_entry *e)
{
	size_t i;

	if (!nv_kind_web_pdf(e->kind))
		return NV_PDF_KIND;
	if (e->web_hidden)
		return NV_PDF_WEB_FALSE;
	if (e->nprivate_items)
		return NV_PDF_PRIVATE;
	/* A program's title page: «Авторы-составители:». */
	for (i = 0; e->title_page && i < e->nauthors; i++)
		if (nv_person_web_hidden(e->authors[i]))
			return NV_PDF_AUTHORS;
	for (i = 0; i < e->napprovals; i++)
		if (nv_person_web_hidden(e->approvals[i].person))
			return NV_PDF_APPROVAL;
	return NV_PDF_ON;
}

const char *nv_pdf_off_why(enum nv_pdf_off why)
{
	switch (why) {
	case NV_PDF_ON:
		break;
	case NV_PDF_KIND:
		return "PDF на сайте есть у положений, программ, дорожных карт и бланков";
	case NV_PDF_WEB_FALSE:
		return "документ — приложение к приказу с «web: false»: сайт показывает вместо "
		       "него примечание, без текста и PDF";
	case NV_PDF_PRIVATE:
		return "в документе есть пункты «не для сайта», а на бумаге они напечатаны, "
		       "поэтому PDF на сайт не выкладывается";
	case NV_PDF_AUTHORS:
		return "на титульном листе PDF стоит имя автора, которого сайт не называет "
		       "(publish: none или обучающийся), поэтому PDF на сайт не выкладывается";
	case NV_PDF_APPROVAL:
		return "в грифе утверждения PDF стоит имя человека, которого сайт не называет "
		       "(publish: none или обучающийся), поэтому PDF на сайт не выкладывается";
	}
	return "";
}

/* Prepositional phrases for messages: "в приказе нет поля …". */
const char *const mdl_kind_where[] = { "на странице",	   "в положении", "в программе",
				       "в дорожной карте", "в приказе",	  "в кейсе",
				       "в новости",	   "в бланке" };
const char *const nv_forms[] = {
	"ученик – ученик",	     "учитель – учитель",
	"студент – ученик",	     "работодатель – ученик",
	"работодатель – студент",    "педагог – педагог",
	"руководитель – педагог",    "социальный партнёр – педагог",
	"воспитатель – воспитатель", NULL,
};
const char *const nv_school_forms[] = {
	"учитель – ученик",
	"педагог – ученик",
	"педагог – молодой специалист",
	NULL,
};
const char *const nv_mentoring_kinds[] = {
	"традиционное", "групповое",  "краткосрочное", "реверсивное",
	"ситуационное", "скоростное", "виртуальное",   NULL,
};
const char *const mdl_publish_names[] = { "none", "initials", "full", NULL };
const char *const mdl_category_names[] = { "teacher", "student", "external", NULL };
const char *const mdl_gender_names[] = { "female", "male", NULL };
const char *const mdl_pair_status_names[] = { "active", "finished", "ended_early", NULL };
const char *const mdl_item_status_names[] = { "planned", "done", "moved", NULL };
const char *const nv_label_names[] = { "ПРИНЯТО",    "СОГЛАСОВАНО", "С УЧЁТОМ МНЕНИЯ",
				       "УТВЕРЖДЕНО", "УТВЕРЖДАЮ",   NULL };
const char *const mdl_side_names[] = { "left", "right", NULL };
const char *const mdl_level_names[] = { "federal", "regional", "municipal", "school", NULL };
const char *const mdl_audience_names[] = { "teachers", "students", NULL };
const char *const mdl_profile_names[] = { "gost2016", "gost2025", NULL };

const struct nv_print_profile nv_print_defaults = {
	.gost2025 = false,
	.margin_top = 20,
	.margin_right = 10,
	.margin_bottom = 20,
	.margin_left = 30,
	.font = "Liberation Serif",
	.size = 14,
	.table_size = 12,
};

const char *nv_label_title(enum nv_label label, enum nv_gender g)
{
	return label == NV_LABEL_APPROVED ? nv_approved_word(g) : nv_label_names[label];
}

const char *nv_approved_word(enum nv_gender g)
{
	return g == NV_NEUTER ? "УТВЕРЖДЕНО" : g == NV_FEMININE ? "УТВЕРЖДЕНА" : "УТВЕРЖДЕН";
}

bool mdl_valid_id(const char *s)
{
	/* Bit c - '-' of the characters an id may hold: - 0…9 _ a…z (from '-' to 'z'). */
	static const uint64_t ok[2] = { 0xFFF4000000001FF9u, 0x3FFFu };
	unsigned c;

	if (!*s)
		return false;
	for (; *s; s++) {
		c = (unsigned)(unsigned char)*s - '-';
		if (c > 'z' - '-' || !(ok[c >> 6] >> (c & 63) & 1))
			return false;
	}
	return true;
}

bool mdl_is_draft(const struct builder *b, const char *id)
{
	size_t i;

	for (i = 0; i < b->ndraft_ids; i++)
		if (!strcmp(b->draft_ids[i], id))
			return true;
	return false;
}

/* True if a document with this id failed to load (its errors are reported). */
bool mdl_broken_doc(const struct builder *b, const char *id)
{
	const struct nv_strlist *l = &b->c->broken;
	const char *slash;
	size_t i, n = strlen(id);

	for (i = 0; i < l->nr; i++) {
		slash = strrchr(l->v[i], '/');
		slash = slash ? slash + 1 : l->v[i];
		if (!strncmp(slash, id, n) && !strcmp(slash + n, ".md"))
			return true;
	}
	return false;
}

/*
 * s folded (nv_utf8_fold()) with its dots as spaces, and one space
 * between words: «И.В.  Соколова» and «и. в. соколова» give the same.
 */
static void name_words(struct nv_buf *out, const char *s)
{
	struct nv_buf f = NV_BUF_INIT;
	size_t i;

	nv_utf8_fold(&f, s, strlen(s));
	for (i = 0; i < f.len; i++) {
		char c = f.ptr[i] == '.' ? ' ' : f.ptr[i];

		if (c != ' ' || (out->len && out->ptr[out->len - 1] != ' '))
			nv_buf_addch(out, c);
	}
	if (out->len && out->ptr[out->len - 1] == ' ')
		nv_buf_truncate(out, out->len - 1);
	nv_buf_release(&f);
}

/*
 * Does `words` (name_words()) name p, as a name is typed where its id
 * belongs: «Соколова Ирина Викторовна», «Соколова И. В.», «И.В. Соколова»,
 * «Соколова»?
 */
static bool names_person(const char *words, const struct nv_person *p)
{
	void (*const forms[])(struct nv_buf *, const struct nv_person *) = {
		nv_person_full_name, nv_person_short_name, nv_person_signature_name
	};
	struct nv_buf name = NV_BUF_INIT, w = NV_BUF_INIT;
	size_t i;
	bool hit;

	if (!p->surname || !*p->surname)
		return false;
	/* the surname alone too: named_person() takes it only when one has it */
	name_words(&w, p->surname);
	hit = !strcmp(words, w.ptr);
	for (i = 0; i < NV_ARRAY_SIZE(forms) && !hit; i++) {
		nv_buf_reset(&name);
		nv_buf_reset(&w);
		forms[i](&name, p);
		name_words(&w, name.ptr);
		hit = !strcmp(words, w.ptr);
	}
	nv_buf_release(&name);
	nv_buf_release(&w);
	return hit;
}

/* The one person whose name `text` is (names_person()); NULL for none or several. */
static const struct nv_person *named_person(const struct builder *b, const char *text)
{
	struct nv_buf words = NV_BUF_INIT;
	const struct nv_person *found = NULL;
	size_t i, n = 0;

	name_words(&words, text);
	for (i = 0; words.len && i < b->m->npeople; i++)
		if (names_person(words.ptr, b->m->people[i])) {
			found = b->m->people[i];
			n++;
		}
	nv_buf_release(&words);
	return n == 1 ? found : NULL;
}

/* A reference to a person by id at value v; NULL (with an error) if unknown. */
struct nv_person *mdl_ref_person(struct builder *b, struct nv_fields *f, const struct nv_value *v,
				 const char *key)
{
	const struct nv_person *named;
	const char **ids;
	struct nv_person *p;
	struct nv_diag *diag;
	const char *near;
	size_t i;

	if (!v)
		return NULL;
	if (!nv_value_is_scalar(v)) {
		nv_diag_hint(nv_field_error(f, v, "в поле «%s» ожидается id участника, а здесь %s",
					    key, nv_type_name(v->type)),
			     "укажите id из content/people.yml, например «%s: ivanova-mp»", key);
		return NULL;
	}
	p = nv_model_person(b->m, v->str);
	if (p || b->people_broken)
		return p;
	if ((named = named_person(b, v->str))) {
		nv_diag_hint(nv_field_error(f, v, "«%s» — имя, а в поле «%s» нужен id участника",
					    v->str, key),
			     "вместо имени укажите id этого человека из content/people.yml: «%s»",
			     named->id);
		return NULL;
	}
	diag = nv_field_error(f, v, "участник «%s» не найден в content/people.yml", v->str);
	ids = nv_xcalloc(b->m->npeople + 1, sizeof(*ids));
	for (i = 0; i < b->m->npeople; i++)
		ids[i] = b->m->people[i]->id;
	near = nv_suggest(v->str, ids, b->m->npeople);
	if (near) {
		nv_diag_hint(diag, "возможно, имелся в виду «%s»", near);
	} else if (mdl_valid_id(v->str)) {
		nv_diag_hint(diag,
			     "добавьте участника с «id: %s» в content/people.yml или исправьте id",
			     v->str);
	} else {
		/* A name, or an id in Russian letters: an id is Latin («sokolova-iv»). */
		char *slug = nv_slug(v->str);

		nv_diag_hint(diag,
			     "здесь нужен id участника латиницей: добавьте человека в "
			     "content/people.yml, например с «id: %s», и укажите этот id",
			     slug);
		free(slug);
	}
	free(ids);
	return NULL;
}

/*
 * A reference to a document by id; `want` limits the kind (NV_KIND_COUNT
 * for any). NULL (with an error) if unknown or of another kind.
 */
struct nv_entry *mdl_ref_entry(struct builder *b, struct nv_fields *f, const struct nv_value *v,
			       const char *key, enum nv_kind want)
{
	const struct nv_entry *titled;
	struct nv_entry *e;
	struct nv_diag *diag;
	const char **ids;
	const char *near;
	size_t i;

	if (!v)
		return NULL;
	if (!nv_value_is_scalar(v)) {
		nv_field_error(f, v, "в поле «%s» ожидается id документа, а здесь %s", key,
			       nv_type_name(v->type));
		return NULL;
	}
	e = nv_model_entry(b->m, v->str);
	if (e && (want == NV_KIND_COUNT || e->kind == want))
		return e;
	if (e) {
		nv_diag_hint(nv_field_error(f, v, "«%s» — не %s, а документ вида %s (%s)", v->str,
					    want == NV_KIND_PROGRAM ? "программа" : "приказ",
					    nv_kind_names[e->kind], e->doc->path),
			     "укажите id документа из content/%s/", nv_kind_dirs[want]);
		return NULL;
	}
	if (mdl_broken_doc(b, v->str))
		return NULL; /* its own errors are reported */
	if (mdl_is_draft(b, v->str)) {
		nv_diag_hint(nv_field_error(f, v, "документ «%s» — черновик (draft: true)", v->str),
			     "уберите «draft: true» из документа или ссылку на него");
		return NULL;
	}
	if ((titled = nv_model_titled(b->m, v->str, want))) {
		nv_diag_hint(nv_field_error(f, v, "в поле «%s» нужен id документа, а «%s» — не id",
					    key, v->str),
			     "похоже на заголовок %s: укажите id этого документа — имя файла без "
			     ".md: «%s»",
			     titled->path, titled->id);
		return NULL;
	}
	diag = nv_field_error(f, v, "документ «%s» не найден", v->str);
	ids = nv_xcalloc(b->m->nentries + 1, sizeof(*ids));
	for (i = 0; i < b->m->nentries; i++)
		if (want == NV_KIND_COUNT || b->m->entries[i]->kind == want)
			ids[i] = b->m->entries[i]->id;
	near = nv_suggest(v->str, ids, b->m->nentries);
	if (near)
		nv_diag_hint(diag, "возможно, имелся в виду «%s»", near);
	else
		nv_diag_hint(diag, "id документа — имя его файла без .md%s%s%s",
			     want == NV_KIND_COUNT ? "" : " в папке content/",
			     want == NV_KIND_COUNT ? "" : nv_kind_dirs[want],
			     want == NV_KIND_COUNT ? "" : "/");
	free(ids);
	return NULL;
}

/* A list of person ids; fills *out (caller frees the array). */
size_t mdl_ref_people(struct builder *b, struct nv_fields *f, const struct nv_value *list,
		      const char *key, struct nv_person ***out)
{
	struct nv_person *p;
	size_t i, n = 0;

	*out = NULL;
	if (!list)
		return 0;
	if (list->type != NV_LIST) {
		*out = nv_xcalloc(1, sizeof(**out));
		p = mdl_ref_person(b, f, list, key);
		if (p)
			(*out)[n++] = p;
		return n;
	}
	*out = nv_xcalloc(list->nr + 1, sizeof(**out));
	for (i = 0; i < list->nr; i++) {
		p = mdl_ref_person(b, f, list->items[i], key);
		if (p)
			(*out)[n++] = p;
	}
	return n;
}

/*
 * Match a form or kind the way users type it; returns the canonical
 * string, or NULL. The canonical strings are folded once per build.
 */
static const char *match_loose(struct loose_set *set, const char *s)
{
	struct nv_buf a = NV_BUF_INIT;
	const char *found = NULL;
	size_t i, n;

	/* The canonical names fold apart: one written as it is matches itself alone. */
	for (i = 0; set->canon[i]; i++)
		if (!strcmp(s, set->canon[i]))
			return set->canon[i];
	if (!set->folded) {
		for (n = 0; set->canon[n]; n++)
			;
		set->folded = nv_xcalloc(n + 1, sizeof(*set->folded));
		for (i = 0; i < n; i++) {
			nv_utf8_fold(&a, set->canon[i], strlen(set->canon[i]));
			set->folded[i] = nv_buf_detach(&a, NULL);
		}
	}
	nv_utf8_fold(&a, s, strlen(s));
	for (i = 0; set->canon[i] && !found; i++)
		if (!strcmp(a.ptr, set->folded[i]))
			found = set->canon[i];
	nv_buf_release(&a);
	return found;
}

void mdl_loose_set_release(struct loose_set *set)
{
	size_t i;

	for (i = 0; set->folded && set->folded[i]; i++)
		free(set->folded[i]);
	free(set->folded);
	set->folded = NULL;
}

const char *mdl_loose_enum_value(struct nv_fields *f, const struct nv_value *v, const char *key,
				 struct loose_set *set, const char *what)
{
	const char *found;
	char *all;

	if (!v)
		return NULL;
	if (!nv_value_is_scalar(v)) {
		nv_field_error(f, v, "поле «%s» должно быть текстом, а здесь %s", key,
			       nv_type_name(v->type));
		return NULL;
	}
	found = match_loose(set, v->str);
	if (found)
		return found;
	all = nv_join(set->canon, "; ");
	if (set->open) {
		nv_diag_hint(nv_warning(f->d, f->file, v->line, v->col,
					"«%s» — форма наставничества вне федерального перечня",
					v->str),
			     "если это форма вашей школы, объявите её в site.yml: «forms: [%s]»; "
			     "известные формы: %s",
			     v->str, all);
		free(all);
		return v->str;
	}
	nv_diag_hint(nv_field_error(f, v, "«%s» — %s", v->str, what), "допустимые значения: %s",
		     all);
	free(all);
	return NULL;
}

const char *mdl_loose_enum(struct nv_fields *f, const char *key, int req, struct loose_set *set,
			   const char *what)
{
	return mdl_loose_enum_value(
		f, nv_field(f, key, req, req ? "например «учитель – учитель»" : NULL), key, set,
		what);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct nv_entry *a = *(struct nv_entry *const *)pa,
			      *b = *(struct nv_entry *const *)pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* What decide() found of a document: a draft, or an entry of a kind, or nothing (-1). */
#define DOC_DRAFT (-2)

/*
 * Whether doc is a draft left out, an entry of a kind (returned), or
 * nothing, said in d: of no kind, or an id that is no address.
 */
static int decide(const struct builder *b, struct nv_doc *doc, struct nv_diags *d)
{
	const struct nv_value *t;
	struct nv_fields f;
	int kind;
	size_t k;

	nv_fields_init(&f, doc->path, doc->meta, "в документе", 1, 1, d);
	if (nv_field_bool(&f, "draft", false) && !b->drafts)
		return DOC_DRAFT;
	kind = -1;
	for (k = 0; nv_kind_dirs[k]; k++)
		if (!strcmp(doc->section, nv_kind_dirs[k]))
			kind = (int)k;
	t = nv_map_get(doc->meta, "type");
	if (t) /* a wrong type is reported; the folder's kind is kept to go on checking */
		kind = nv_field_enum(&f, "type", NV_OPTIONAL, nv_kind_names, kind);
	if (kind < 0) {
		if (!t || !f.errors)
			nv_diag_hint(
				nv_error(d, doc->path, 1, 1, "не удалось определить вид документа"),
				"положите файл в одну из папок content/pages, positions, "
				"programs, roadmaps, orders, cases, news, forms или укажите "
				"вид: «type: page»");
		return -1;
	}
	if (!mdl_valid_id(doc->id)) {
		char *slug = nv_slug(doc->id);
		nv_diag_hint(nv_error(d, doc->path, 0, 0,
				      "имя файла «%s.md» может содержать только строчные "
				      "латинские "
				      "буквы, цифры и дефисы: оно становится адресом страницы",
				      doc->id),
			     "переименуйте файл, например в «%s.md»", slug);
		free(slug);
		return -1;
	}
	return kind;
}

/* Add doc as decide() found it (kind), unless its id is taken. */
static void add_decided(struct builder *b, struct nv_doc *doc, int kind)
{
	struct nv_entry *e, *dup;

	if (kind == DOC_DRAFT) {
		NV_GROW(b->draft_ids, b->ndraft_ids + 1, b->draft_alloc);
		b->draft_ids[b->ndraft_ids++] = doc->id;
		b->m->ndrafts++;
		return;
	}
	if (kind < 0)
		return;
	dup = nv_model_entry(b->m, doc->id);
	if (dup) {
		nv_diag_hint(nv_error(b->d, doc->path, 0, 0, "документ с id «%s» уже есть: %s",
				      doc->id, dup->doc->path),
			     "id документа — имя файла; переименуйте один из файлов");
		return;
	}
	e = nv_xcalloc(1, sizeof(*e));
	e->doc = doc;
	e->path = doc->path;
	e->md = doc->md;
	e->text = doc->text;
	e->text_len = doc->len;
	e->kind = (enum nv_kind)kind;
	e->id = doc->id;
	NV_GROW(b->m->entries, b->m->nentries + 1, b->entries_alloc);
	b->m->entries[b->m->nentries++] = e;
	nv_strmap_put(b->m->entries_index, e->id, e);
}

/* One entry for doc, unless it is a draft, of no kind, or its id is bad or taken. */
static void add_doc(struct builder *b, struct nv_doc *doc)
{
	add_decided(b, doc, decide(b, doc, b->d));
}

/* decide() for the documents of a thread's share, each into kinds[i]. */
struct decide_job {
	const struct builder *b;
	int *kinds;
	struct nv_diags d;
	struct nv_share share;
};

static void *decide_thread(void *arg)
{
	struct decide_job *j = arg;
	size_t i;

	while (nv_share_next(&j->share, &i))
		j->kinds[i] = decide(j->b, j->b->c->docs[i], &j->d);
	return NULL;
}

/*
 * Phase 2: an entry per document, with its kind and a unique, valid id.
 * What each document is, is read on threads (its fields are read for the
 * first time here); the entries are added in the walk's order.
 */
void mdl_create_entries(struct builder *b)
{
	size_t i, t, n = nv_thread_count(b->jobs, b->c->ndocs);
	int *kinds = nv_xcalloc(b->c->ndocs + 1, sizeof(*kinds));
	struct decide_job *j = nv_xcalloc(n, sizeof(*j));
	struct nv_work work = NV_WORK_INIT(b->c->ndocs);

	for (t = 0; t < n; t++) {
		j[t].b = b;
		j[t].kinds = kinds;
		nv_diags_init(&j[t].d);
		j[t].share.w = &work;
	}
	nv_run_threads(decide_thread, j, n, sizeof(*j));
	for (t = 0; t < n; t++)
		nv_diags_merge(b->d, &j[t].d);
	nv_strmap_reserve(b->m->entries_index, b->c->ndocs);
	for (i = 0; i < b->c->ndocs; i++)
		add_decided(b, b->c->docs[i], kinds[i]);
	free(kinds);
	free(j);
	mdl_builtin_forms(b, add_doc);
	if (b->m->nentries > 1)
		qsort(b->m->entries, b->m->nentries, sizeof(*b->m->entries), cmp_entry);
}

/* --- forms of mentoring and totals (site.yml) -------------------------------- */

/* Append form to m->forms unless a form folded alike is there. */
static void add_form(struct builder *b, const char *form)
{
	struct nv_model *m = b->m;
	struct nv_buf x = NV_BUF_INIT, y = NV_BUF_INIT;
	bool seen = false;
	size_t i;

	/* The same spelling folds alike: most forms are one of the list's own. */
	for (i = 0; i < m->nforms; i++)
		if (!strcmp(form, m->forms[i]))
			return;
	nv_utf8_fold(&x, form, strlen(form));
	for (i = 0; i < m->nforms && !seen; i++) {
		nv_buf_reset(&y);
		nv_utf8_fold(&y, m->forms[i], strlen(m->forms[i]));
		seen = !strcmp(x.ptr, y.ptr);
	}
	nv_buf_release(&x);
	nv_buf_release(&y);
	if (seen)
		return;
	if (m->nforms + 1 >= m->forms_alloc) {
		m->forms_alloc = m->forms_alloc ? 2 * m->forms_alloc : 16;
		m->forms = nv_xrealloc(m->forms, m->forms_alloc * sizeof(*m->forms));
	}
	m->forms[m->nforms++] = form;
	m->forms[m->nforms] = NULL;
}

void mdl_forms_default(struct builder *b)
{
	size_t i;

	if (b->m->forms)
		return;
	for (i = 0; nv_forms[i]; i++)
		add_form(b, nv_forms[i]);
	for (i = 0; nv_school_forms[i]; i++)
		add_form(b, nv_school_forms[i]);
	b->forms.canon = b->m->forms;
	b->forms.open = true;
}

void mdl_read_site_lists(struct builder *b, struct nv_fields *top)
{
	const struct nv_value *fl = nv_field_list(top, "forms", NV_OPTIONAL, NULL, true);
	const struct nv_value *tv = nv_field_map(top, "totals", NV_OPTIONAL, NULL);
	const struct nv_value *v;
	struct nv_fields tf;
	size_t i, n = fl ? (fl->type == NV_LIST ? fl->nr : 1) : 0;

	mdl_forms_default(b);
	for (i = 0; i < n; i++) {
		v = fl->type == NV_LIST ? fl->items[i] : fl;
		if (nv_value_is_scalar(v) && v->str && *v->str)
			add_form(b, v->str);
		else
			nv_diag_hint(nv_field_error(top, v, "в «forms» ожидается название формы"),
				     "например «forms: [учитель – ученик, педагог – родитель]»");
	}
	b->forms.canon = b->m->forms;
	if (tv && nv_fields_init(&tf, top->file, tv, "в «totals»", tv->line, tv->col, b->d)) {
		b->m->totals.teachers = nv_field_number(&tf, "teachers", 1, 1e6, 0);
		b->m->totals.students = nv_field_number(&tf, "students", 1, 1e6, 0);
		b->m->totals.young = nv_field_number(&tf, "young_specialists", 1, 1e6, 0);
		nv_fields_finish(&tf);
	}
}

void mdl_collect_forms(struct builder *b)
{
	const struct nv_entry *e;
	size_t i, k;

	for (i = 0; i < b->m->npairs; i++)
		if (b->m->pairs[i]->form)
			add_form(b, b->m->pairs[i]->form);
	for (i = 0; i < b->m->nentries; i++) {
		e = b->m->entries[i];
		if (e->form)
			add_form(b, e->form);
		for (k = 0; k < e->nforms; k++)
			add_form(b, e->forms[k]);
	}
	b->forms.canon = b->m->forms;
}
