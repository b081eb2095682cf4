/*
 * model_site.c: reading people.yml (each person: name, category, gender,
 * publish level and consent) and site.yml (organisation, section,
 * curator, print profile, publish default) into the model, through
 * schema.h.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "guard.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "model_monitoring.h"
#include "person.h"
#include "schema.h"
#include "strmap.h"
#include "typo.h"
#include "utf8.h"
#include "value.h"

/*
 * The person's gender, which the role words agree with: «gender» when
 * given, else told by the patronymic; a warning when neither tells it
 * (none when «gender» has a wrong value: that is an error already).
 */
static void read_gender(struct nv_fields *f, const struct nv_value *item, struct nv_person *p)
{
	int g = nv_field_enum(f, "gender", NV_OPTIONAL, mdl_gender_names, -1);

	if (g >= 0)
		p->gender = g == 0 ? NV_FEMININE : NV_MASCULINE;
	else if (!nv_map_get(item, "gender"))
		p->gender = nv_gender_from_patronymic(p->patronymic);
}

/*
 * A name of people.yml with Latin letters that look Russian in a word
 * («Сергeев» with a Latin «e») or a «й» of two characters is an error:
 * the guard's keys are made from it, so the name typed right in a text
 * would not be found, and a hidden person's would go onto the website.
 * what: «в фамилии», how: «фамилию».
 */
static void check_name_letters(struct nv_fields *f, const struct nv_value *item, const char *key,
			       const char *what, const char *how)
{
	const struct nv_value *v = nv_map_get(item, key);
	struct nv_guard_word w = { .latin = NV_BUF_INIT };
	struct nv_buf msg = NV_BUF_INIT;
	size_t at = 0;

	if (v && v->str && nv_guard_mixed_word(v->str, v->len, &at, &w)) {
		nv_guard_mixed_describe(&msg, &w);
		nv_diag_hint(
			nv_field_error(f, v, "«%s» — %s %s%s", v->str, what,
				       w.nlatin ? "русские и латинские буквы вперемешку: " : "",
				       msg.ptr),
			"наберите %s заново в русской раскладке: по этому полю проверка "
			"узнаёт человека в текстах, а так не узнала бы его имя, набранное "
			"в тексте верно, и оно ушло бы на сайт",
			how);
	}
	nv_guard_word_release(&w);
	nv_buf_release(&msg);
}

/* Why a surname or a given name holds more than itself (name_extra()). */
enum name_extra {
	EXTRA_NONE,
	EXTRA_TWICE,
	EXTRA_INITIAL,
	EXTRA_PATRONYMIC
};

/* Whether the word [w, e) is the whole of the name part other. */
static bool same_word(const char *w, const char *e, const char *other)
{
	return other && strlen(other) == (size_t)(e - w) && !strncmp(w, other, (size_t)(e - w));
}

/*
 * What the name part s of p, its surname (name false) or its given name,
 * holds past its first word: another of p's parts (the full name typed
 * into it), an initial («Лебедева А. С.»), a patronymic in the given name
 * when p has none; EXTRA_NONE for nothing of the kind.
 */
static enum name_extra name_extra(const char *s, bool name, const struct nv_person *p)
{
	const char *w, *e;
	uint32_t cp;
	size_t n;

	for (w = s + strcspn(s, " "); *(w += strspn(w, " ")); w = e) {
		e = w + strcspn(w, " ");
		n = nv_utf8_decode(w, (size_t)(e - w), &cp);
		if (n && w + n + 1 == e && e[-1] == '.')
			return EXTRA_INITIAL;
		if (same_word(w, e, name ? p->surname : p->name) || same_word(w, e, p->patronymic))
			return EXTRA_TWICE;
		if (name && !p->patronymic && !*e && nv_gender_from_patronymic(w) != NV_NEUTER)
			return EXTRA_PATRONYMIC;
	}
	return EXTRA_NONE;
}

/*
 * A surname or a given name typed with more than itself: the full name
 * («surname: Лебедева Анна Сергеевна», «name: Анна Сергеевна»), initials
 * («Лебедева А. С.»), a patronymic in «name» when «patronymic» is empty.
 * Documents would print the name with parts twice or cut, and the guard
 * would look for a name nobody types: an error at the field. A
 * patronymic of two words («Гусейн оглы») is right.
 */
static void check_name_parts(struct nv_fields *f, const struct nv_value *item,
			     const struct nv_person *p)
{
	static const char *const keys[] = { "surname", "name" };
	const char *vals[2] = { p->surname, p->name };
	struct nv_buf full = NV_BUF_INIT;
	const struct nv_value *v;
	enum name_extra why;
	struct nv_diag *dg;
	int k;

	for (k = 0; k < 2; k++) {
		if (!p->surname || !p->name || !(v = nv_map_get(item, keys[k])) ||
		    !(why = name_extra(vals[k], k, p)))
			continue;
		nv_buf_reset(&full);
		if (why == EXTRA_PATRONYMIC) {
			nv_buf_addf(&full, "%s ", p->surname);
			nv_person_add_initial(&full, p->name);
			dg = nv_field_error(
				f, v,
				"в поле «name» — «%s», с отчеством, а поле «patronymic» "
				"пусто: с инициалами имя выйдет «%s», без отчества",
				p->name, full.ptr);
		} else {
			nv_person_full_name(&full, p);
			dg = nv_field_error(f, v,
					    "в поле «%s» — «%s», %s: в документах имя выйдет «%s»",
					    keys[k], vals[k],
					    why == EXTRA_INITIAL ? "с инициалами"
					    : k			 ? "не только имя"
						: "не только фамилия",
					    full.ptr);
		}
		nv_diag_hint(dg, "оставьте в нём только %s: «%s: %.*s»; %s — в %s, полностью",
			     k ? "имя" : "фамилию", keys[k], (int)strcspn(vals[k], " "), vals[k],
			     k ? "отчество" : "имя и отчество",
			     k ? "поле patronymic" : "полях name и patronymic");
	}
	nv_buf_release(&full);
}

/* The fields of one person of people.yml (f reads the person's map). */
static void read_person_fields(struct nv_fields *f, const struct nv_value *item,
			       struct nv_person *p)
{
	int cat;

	p->id = nv_field_str(f, "id", NV_REQUIRED,
			     "строчные латинские буквы, например «id: orlova-tn»");
	if (p->id && !mdl_valid_id(p->id)) {
		char *slug = nv_slug(p->id);
		nv_diag_hint(nv_field_error(f, nv_map_get(item, "id"),
					    "id «%s» может содержать только строчные латинские "
					    "буквы, цифры и дефисы",
					    p->id),
			     "например «id: %s»", slug);
		free(slug);
		p->id = NULL;
	}
	p->surname = nv_field_str(f, "surname", NV_REQUIRED, "фамилия");
	p->name = nv_field_str(f, "name", NV_REQUIRED, "имя");
	p->patronymic = nv_field_str(f, "patronymic", NV_OPTIONAL, NULL);
	check_name_letters(f, item, "surname", "в фамилии", "фамилию");
	check_name_letters(f, item, "name", "в имени", "имя");
	check_name_letters(f, item, "patronymic", "в отчестве", "отчество");
	check_name_parts(f, item, p);
	/* With no valid category, the keys that depend on it are not required. */
	cat = nv_field_enum(f, "category", NV_REQUIRED, mdl_category_names, -1);
	p->category = cat < 0 ? NV_CAT_TEACHER : (enum nv_category)cat;
	p->position = nv_field_str(f, "position", cat >= 0 && cat != NV_CAT_STUDENT,
				   "должность, например «учитель математики»");
	p->class_name = nv_field_str(f, "class", cat == NV_CAT_STUDENT,
				     "класс обучающегося, например «class: 7 «А»»");
	p->organization = nv_field_str(f, "organization", cat == NV_CAT_EXTERNAL,
				       "организация внешнего участника");
	/* -1 marks "not given": the default depends on pairs (mentees). */
	p->publish =
		(enum nv_publish)nv_field_enum(f, "publish", NV_OPTIONAL, mdl_publish_names, -1);
	p->has_consent = nv_field_date(f, "consent", NV_OPTIONAL, NULL, &p->consent);
	mdl_check_publish(f, item, p, cat == NV_CAT_STUDENT);
	read_gender(f, item, p);
}

/*
 * The i-th entry of people.yml, added to the model unless it has no valid
 * id or repeats one. `what` is scratch space for the messages' subject.
 */
static void read_person(struct builder *b, const char *file, const struct nv_value *item, size_t i,
			struct nv_buf *what)
{
	const char *id = nv_map_get_str(item, "id");
	struct nv_fields f;
	struct nv_person *p, *dup;

	nv_buf_reset(what);
	if (id) {
		nv_buf_adds(what, "у участника «");
		nv_buf_adds(what, id);
		nv_buf_adds(what, "»");
	} else {
		nv_buf_adds(what, "у участника № ");
		nv_buf_addnum(what, (long long)(i + 1), 0);
	}
	if (!nv_fields_init(&f, file, item, what->ptr, item->line, item->col, b->d))
		return;
	p = nv_xcalloc(1, sizeof(*p));
	p->line = item->line;
	p->col = item->col;
	read_person_fields(&f, item, p);
	nv_fields_finish(&f);
	if (!p->id) {
		free(p);
		return;
	}
	/* Keep a person with missing names, so references to the id resolve. */
	if (!p->surname)
		p->surname = "";
	if (!p->name)
		p->name = "";
	dup = nv_model_person(b->m, p->id);
	if (dup) {
		nv_diag_hint(
			nv_field_error(&f, nv_map_get(item, "id"),
				       "участник с id «%s» уже есть (строка %d)", p->id, dup->line),
			"у каждого участника свой id; для тёзок добавьте цифру: «%s-2»", p->id);
		free(p);
		return;
	}
	if (p->gender == NV_NEUTER && !nv_map_get(item, "gender"))
		nv_diag_hint(nv_warning(b->d, file, item->line, item->col,
					"у участника «%s» не указан пол, и по отчеству его не "
					"определить",
					p->id),
			     "добавьте «gender: female» или «gender: male»: с ним согласуются "
			     "слова «обучающийся/обучающаяся», «наставляемый/наставляемая»");
	NV_GROW(b->m->people, b->m->npeople + 1, b->people_alloc);
	b->m->people[b->m->npeople++] = p;
	nv_strmap_put(b->m->people_index, p->id, p);
}

/* A person and the key of their full name and category, folded. */
struct named {
	char *key;
	const struct nv_person *p;
};

static int cmp_named(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : a->p->line - b->p->line;
}

/*
 * Two people of one category with the same surname, name and patronymic
 * (folded): most often one person entered twice under two ids, whose
 * pairs and mentions then split between them. A warning at each entry
 * after the first.
 */
static void check_namesakes(struct builder *b, const char *file)
{
	struct named *v = nv_xcalloc(b->m->npeople + 1, sizeof(*v));
	struct nv_buf key = NV_BUF_INIT, full = NV_BUF_INIT;
	const struct nv_person *p;
	size_t i, n = 0;

	for (i = 0; i < b->m->npeople; i++) {
		p = b->m->people[i];
		if (!p->surname || !p->name || !p->patronymic)
			continue;
		nv_buf_reset(&full);
		nv_buf_addf(&full, "%s\x1F%s\x1F%s\x1F%d", p->surname, p->name, p->patronymic,
			    (int)p->category);
		nv_buf_reset(&key);
		nv_utf8_fold(&key, full.ptr, full.len);
		v[n].key = nv_xstrdup(key.ptr);
		v[n++].p = p;
	}
	qsort(v, n, sizeof(*v), cmp_named);
	for (i = 1; i < n; i++)
		if (!strcmp(v[i].key, v[i - 1].key))
			nv_diag_hint(nv_warning(b->d, file, v[i].p->line, v[i].p->col,
						"у «%s» те же фамилия, имя и отчество, что у «%s» "
						"(строка %d): %s %s %s",
						v[i].p->id, v[i - 1].p->id, v[i - 1].p->line,
						v[i].p->surname, v[i].p->name, v[i].p->patronymic),
				     "если это один человек, оставьте одну запись и впишите её id "
				     "вместо «%s» в документах и pairs.yml",
				     v[i].p->id);
	for (i = 0; i < n; i++)
		free(v[i].key);
	free(v);
	nv_buf_release(&key);
	nv_buf_release(&full);
}

void mdl_read_people(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "people");
	const struct nv_value *list;
	struct nv_buf what = NV_BUF_INIT;
	size_t i;

	if (!data && nv_content_broken(b->c, "people.yml")) {
		b->people_broken = true;
		return;
	}
	if (!data) {
		nv_diag_hint(
			nv_error(b->d, "content/people.yml", 0, 0, "нет файла участников"),
			"создайте content/people.yml со списком участников (см. man 5 nastavnik)");
		return;
	}
	b->people_file = data->path;
	list = data->value;
	nv_check_text(data->path, list, b->d);
	if (list->type != NV_LIST) {
		nv_diag_hint(
			nv_error(b->d, data->path, list->line ? list->line : 1,
				 list->col ? list->col : 1,
				 "content/people.yml должен быть списком участников, а здесь %s",
				 nv_type_name(list->type)),
			"каждый участник начинается строкой «- id: …»");
		return;
	}
	for (i = 0; i < list->nr; i++)
		read_person(b, data->path, list->items[i], i, &what);
	nv_buf_release(&what);
	check_namesakes(b, data->path);
}

/* The defaults of site.yml: what the model holds when the file or a key is missing. */
static void site_defaults(struct nv_site *s)
{
	s->section_title = "Наставничество";
	s->print = nv_print_defaults;
	s->publish_default = NV_PUBLISH_NONE;
}

const char *const nv_org_kind_names[] = { "school",	"kindergarten", "college", "dod",
					  "department", "center",	NULL };

/* The head's title when site.yml and the head's entry say nothing, by kind. */
static const char *const default_head_titles[] = { "директор", "заведующий", "директор",
						   "директор", "начальник",  "директор" };

/* True for a kind whose head need not be a person of people.yml (a department, a centre). */
static bool kind_is_body(enum nv_org_kind k)
{
	return k == NV_ORG_DEPARTMENT || k == NV_ORG_CENTER;
}

const char *nv_site_position(const struct nv_site *s, const struct nv_person *p)
{
	if (p && p == s->director && s->head_title)
		return s->head_title;
	return p ? p->position : NULL;
}

/*
 * True if a short name keeps its form in the genitive: it begins with an
 * abbreviation («МАОУ «СОШ № 14»», «ГАУ ДПО …») or a quoted name. A name
 * that begins with a word in lower case after the first letter
 * («Управление образования») declines and is not guessed.
 */
static bool name_is_fixed(const char *name)
{
	size_t i, letters = 0;

	if (!strncmp(name, "«", strlen("«")) || name[0] == '"')
		return true;
	for (i = 0; name[i] && name[i] != ' '; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 'a' && c <= 'z')
			return false;
		/* Russian lower case: а–п D0 B0–BF, р–я D1 80–8F, ё D1 91. */
		if ((c == 0xD0 && (unsigned char)name[i + 1] >= 0xB0) ||
		    (c == 0xD1 && (unsigned char)name[i + 1] >= 0x80 &&
		     (unsigned char)name[i + 1] <= 0x9F))
			return false;
		if (c < 0x80 || c == 0xD0 || c == 0xD1)
			letters++;
	}
	return letters >= 2;
}

/* The genitive of the short name suggested in a hint: the first noun, when it is a known one. */
static void suggest_genitive(struct nv_buf *b, const char *name)
{
	static const char *const from[] = { "Управление ",  "Отдел ",	     "Комитет ",
					    "Департамент ", "Министерство ", "Центр " };
	static const char *const to[] = { "Управления ",   "Отдела ",	    "Комитета ",
					  "Департамента ", "Министерства ", "Центра " };
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(from); i++)
		if (!strncmp(name, from[i], strlen(from[i]))) {
			nv_buf_addf(b, "%s%s", to[i], name + strlen(from[i]));
			return;
		}
	nv_buf_adds(b, "<название в родительном падеже>");
}

/* The names in the genitive: read, and required where the short name declines. */
static void read_genitive(struct nv_fields *org, struct nv_site *s)
{
	struct nv_buf b = NV_BUF_INIT;

	s->name_genitive = nv_field_str(org, "name_genitive", NV_OPTIONAL, NULL);
	s->short_name_genitive = nv_field_str(org, "short_name_genitive", NV_OPTIONAL, NULL);
	if (s->short_name_genitive)
		s->genitive = s->short_name_genitive;
	else if (s->short_name && name_is_fixed(s->short_name))
		s->genitive = s->short_name;
	if (s->genitive || !s->short_name)
		return;
	suggest_genitive(&b, s->short_name);
	nv_diag_hint(nv_field_error(org, nv_map_get(org->map, "short_name"),
				    "краткое название «%s» склоняется, а реквизиты («УТВЕРЖДЕНО "
				    "приказом …», «Приложение к приказу …») требуют родительного "
				    "падежа",
				    s->short_name),
		     "добавьте в organization «short_name_genitive: %s»", b.ptr);
	nv_buf_release(&b);
}

static void read_organization(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields org;
	const struct nv_value *v = nv_field_map(top, "organization", NV_REQUIRED,
						"полное и краткое название, город, директор");

	if (!v ||
	    !nv_fields_init(&org, top->file, v, "в разделе organization", v->line, v->col, b->d))
		return;
	s->kind = (enum nv_org_kind)nv_field_enum(&org, "kind", NV_OPTIONAL, nv_org_kind_names,
						  NV_ORG_SCHOOL);
	s->name = nv_field_str(&org, "name", NV_REQUIRED, "полное название организации");
	s->short_name = nv_field_str(&org, "short_name", NV_REQUIRED,
				     "краткое название, например «МАОУ «СОШ № 14»»");
	read_genitive(&org, s);
	s->founder = nv_field_str(&org, "founder", NV_OPTIONAL, NULL);
	s->place = nv_field_str(&org, "place", NV_OPTIONAL, NULL);
	s->director = mdl_ref_person(
		b, &org,
		nv_field(&org, "director", !kind_is_body(s->kind), "id руководителя из people.yml"),
		"director");
	s->head_title = nv_field_str(&org, "head_title", NV_OPTIONAL, NULL);
	if (!s->head_title)
		s->head_title = s->director && s->director->position ? s->director->position
								     : default_head_titles[s->kind];
	s->address = nv_field_str(&org, "address", NV_OPTIONAL, NULL);
	s->phone = nv_field_str(&org, "phone", NV_OPTIONAL, NULL);
	s->website = nv_field_url(&org, "website", NV_OPTIONAL, NULL, NV_URL_ABSOLUTE);
	mdl_read_requisites(&org, s);
	nv_fields_finish(&org);
}

static void read_section(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields sec;
	const struct nv_value *v = nv_field_map(top, "section", NV_OPTIONAL, NULL);
	const char *t;

	if (!v || !nv_fields_init(&sec, top->file, v, "в разделе section", v->line, v->col, b->d))
		return;
	t = nv_field_str(&sec, "title", NV_OPTIONAL, NULL);
	if (t)
		s->section_title = t;
	s->base_path = nv_field_str(&sec, "base_path", NV_OPTIONAL, NULL);
	if (s->base_path &&
	    (s->base_path[0] != '/' || s->base_path[strlen(s->base_path) - 1] != '/'))
		nv_diag_hint(nv_field_error(&sec, nv_map_get(v, "base_path"),
					    "base_path должен начинаться и заканчиваться на «/»"),
			     "например «base_path: /pedagogam/nastavnichestvo/»");
	s->intro = nv_field_str(&sec, "intro", NV_OPTIONAL, NULL);
	nv_fields_finish(&sec);
}

/* A phone without a digit («-», «нет») is not a phone: it would print «тел. -». */
static bool has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

static void read_curator(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields cur;
	const struct nv_value *v =
		nv_field_map(top, "curator", NV_REQUIRED, "куратор наставничества: person, phone");
	const char *email;

	if (!v || !nv_fields_init(&cur, top->file, v, "в разделе curator", v->line, v->col, b->d))
		return;
	s->curator = mdl_ref_person(
		b, &cur, nv_field(&cur, "person", NV_REQUIRED, "id куратора из people.yml"),
		"person");
	s->curator_phone =
		nv_field_str(&cur, "phone", !kind_is_body(s->kind), "рабочий телефон куратора");
	if (s->curator_phone && !has_digit(s->curator_phone)) {
		nv_diag_hint(nv_field_error(&cur, nv_map_get(v, "phone"),
					    "«%s» — не номер телефона", s->curator_phone),
			     kind_is_body(s->kind)
				     ? "напишите номер, например «phone: +7 (34567) 2-14-08», или "
				       "уберите поле phone"
				     : "напишите номер, например «phone: +7 (34567) 2-14-08»");
		s->curator_phone = NULL;
	}
	email = nv_field_str(&cur, "email", NV_OPTIONAL, NULL);
	if (email && (!strchr(email, '@') || !strchr(strchr(email, '@'), '.')))
		nv_diag_hint(nv_field_error(&cur, nv_map_get(v, "email"),
					    "«%s» — не адрес электронной почты", email),
			     "например «email: nastavnik@school14.ru»");
	else
		s->curator_email = email;
	nv_fields_finish(&cur);
}

/* The margins of print (pr reads the print section), warning below ГОСТ Р 7.0.97. */
static void read_margins(struct builder *b, struct nv_fields *pr, struct nv_print_profile *print)
{
	static const struct {
		const char *key;
		double min;
	} gost[] = { { "top", 20 }, { "right", 10 }, { "bottom", 20 }, { "left", 20 } };
	double *dst[] = { &print->margin_top, &print->margin_right, &print->margin_bottom,
			  &print->margin_left };
	const struct nv_value *v = nv_field_map(pr, "margins", NV_OPTIONAL, NULL);
	struct nv_fields mg;
	size_t i;

	if (!v || !nv_fields_init(&mg, pr->file, v, "в полях margins", v->line, v->col, b->d))
		return;
	for (i = 0; i < 4; i++) {
		*dst[i] = nv_field_number(&mg, gost[i].key, 0, 60, *dst[i]);
		if (*dst[i] < gost[i].min)
			nv_diag_hint(nv_warning(b->d, pr->file, nv_map_get(v, gost[i].key)->line,
						nv_map_get(v, gost[i].key)->col,
						"поле %s %g мм меньше, чем требует "
						"ГОСТ Р 7.0.97 (%g мм)",
						gost[i].key, *dst[i], gost[i].min),
				     "увеличьте поле или оставьте так, если это "
				     "осознанно");
	}
	nv_fields_finish(&mg);
}

static void read_print(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields pr;
	const struct nv_value *v = nv_field_map(top, "print", NV_OPTIONAL, NULL);

	if (!v || !nv_fields_init(&pr, top->file, v, "в разделе print", v->line, v->col, b->d))
		return;
	s->print.gost2025 = nv_field_enum(&pr, "profile", NV_OPTIONAL, mdl_profile_names, 0) == 1;
	read_margins(b, &pr, &s->print);
	if (nv_map_get(pr.map, "font")) {
		s->print.font = nv_field_str(&pr, "font", NV_OPTIONAL, NULL);
		s->print.font_line = nv_map_get(pr.map, "font")->line;
		s->print.font_col = nv_map_get(pr.map, "font")->col;
	}
	nv_fields_allow(&pr, "font");
	if (!s->print.font)
		s->print.font = nv_print_defaults.font;
	s->print.size = nv_field_number(&pr, "size", 10, 16, s->print.size);
	s->print.table_size = nv_field_number(&pr, "table_size", 8, 14, s->print.table_size);
	nv_fields_finish(&pr);
}

static void read_publish(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields pub;
	const struct nv_value *v = nv_field_map(top, "publish", NV_OPTIONAL, NULL);

	if (!v || !nv_fields_init(&pub, top->file, v, "в разделе publish", v->line, v->col, b->d))
		return;
	s->publish_default = (enum nv_publish)nv_field_enum(&pub, "default", NV_OPTIONAL,
							    mdl_publish_names, NV_PUBLISH_NONE);
	nv_fields_finish(&pub);
}

/* deploy: where `nastavnik deploy` publishes; a password never stays in site.yml. */
static const char *read_deploy(struct nv_fields *top)
{
	static const char *const schemes[] = { "sftp://", "ftp://",   "ftps://",
					       "http://", "https://", "file://" };
	const char *s = nv_field_str(top, "deploy", NV_OPTIONAL, NULL), *host, *end, *at,
		   *why = NULL;
	size_t i, n = 0;
	bool pass;

	for (i = 0; s && i < NV_ARRAY_SIZE(schemes) && !n; i++)
		n = strncasecmp(s, schemes[i], strlen(schemes[i])) ? 0 : strlen(schemes[i]);
	if (!s)
		return NULL;
	host = s + n;
	end = host + strcspn(host, "/");
	at = memchr(host, '@', (size_t)(end - host));
	pass = at && memchr(host, ':', (size_t)(at - host));
	if (pass)
		why = "";
	else if (!n)
		why = "нужен адрес sftp://, ftp://, ftps://, http(s):// или file://";
	else if (strpbrk(s, " \t\n"))
		why = "в адресе есть пробел";
	else if (host == end && strncasecmp(s, "file", 4))
		why = "после «://» нужно имя сервера";
	else if (!*end)
		why = "после имени сервера нужен путь к папке сайта, хотя бы «/»";
	if (pass) { /* never echo the password, nor the line that holds it */
		struct nv_diag *e = nv_field_error(top, nv_map_get(top->map, "deploy"),
						   "поле «deploy»: в адресе записан пароль");
		e->secret = true;
		nv_diag_hint(
			e,
			"уберите «:пароль»: site.yml попадает в Git; пароль передайте в "
			"NASTAVNIK_DEPLOY_PASSWORD или ~/.netrc (man nastavnik, команда deploy)");
	} else if (why)
		nv_diag_hint(nv_field_error(top, nv_map_get(top->map, "deploy"),
					    "поле «deploy»: адрес «%s» не подходит: %s", s, why),
			     "например «deploy: sftp://school14.example/var/www/nastavnik/»");
	return why ? NULL : s;
}

void mdl_read_site(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "site");
	struct nv_site *s = &b->m->site;
	struct nv_fields top;

	site_defaults(s);
	if (!data && nv_content_broken(b->c, "site.yml"))
		return;
	if (!data) {
		nv_diag_hint(nv_error(b->d, "content/site.yml", 0, 0,
				      "нет файла с описанием организации"),
			     "создайте content/site.yml (см. man 5 nastavnik, раздел SITE.YML)");
		return;
	}
	b->site_file = data->path;
	nv_check_text(data->path, data->value, b->d);
	if (!nv_fields_init(&top, data->path, data->value, "в site.yml", 1, 1, b->d))
		return;
	read_organization(b, &top, s);
	read_section(b, &top, s);
	read_curator(b, &top, s);
	read_print(b, &top, s);
	read_publish(b, &top, s);
	s->deploy = read_deploy(&top);
	mdl_read_site_lists(b, &top);		/* `forms`, `totals`: model_refs.c */
	s->members = mdl_read_members(b, &top); /* model_members.c */
	mdl_read_blanks(b, &top);		/* model_forms.c */
	nv_fields_finish(&top);
}

/*
 * One of site.yml's `totals` that is less than the people of the pairs
 * it counts: the monitoring page and the аналитическая справка would
 * print a share over 100 % («367 % педагогов (11 из 3)»).
 */
static void check_total(struct builder *b, const struct nv_data *site, const char *key,
			const char *who, size_t involved, size_t total)
{
	const struct nv_value *v = nv_map_get(nv_map_get(site->value, "totals"), key);

	if (!v || involved <= total)
		return;
	nv_diag_hint(nv_error(b->d, site->path, v->line, v->col,
			      "totals.%s: %zu, а %s в парах и группах %zu: доля вышла бы %u %%",
			      key, total, who, involved, nv_monitoring_share(involved, total)),
		     "в totals — сколько их всего в школе, не меньше, чем участвует в "
		     "наставничестве: исправьте число или уберите его, чтобы считать по "
		     "people.yml");
}

void mdl_check_totals(struct builder *b)
{
	const struct nv_data *site = nv_content_data(b->c, "site");
	struct nv_monitoring mon;

	if (!site || !site->value)
		return;
	nv_monitoring_count(&mon, b->m);
	if (mon.teachers_declared)
		check_total(b, site, "teachers", "педагогов", mon.teachers_involved, mon.teachers);
	if (mon.students_declared)
		check_total(b, site, "students", "обучающихся", mon.students_involved,
			    mon.students);
	if (mon.young_declared)
		check_total(b, site, "young_specialists", "молодых специалистов",
			    mon.young_involved, mon.young);
	nv_monitoring_release(&mon);
}
