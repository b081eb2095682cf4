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
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "person.h"
#include "schema.h"
#include "strmap.h"
#include "typo.h"
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
	if (id)
		nv_buf_addf(what, "у участника «%s»", id);
	else
		nv_buf_addf(what, "у участника № %zu", i + 1);
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
}

/* The defaults of site.yml: what the model holds when the file or a key is missing. */
static void site_defaults(struct nv_site *s)
{
	s->section_title = "Наставничество";
	s->print = nv_print_defaults;
	s->publish_default = NV_PUBLISH_NONE;
}

static void read_organization(struct builder *b, struct nv_fields *top, struct nv_site *s)
{
	struct nv_fields org;
	const struct nv_value *v = nv_field_map(top, "organization", NV_REQUIRED,
						"полное и краткое название, город, директор");

	if (!v ||
	    !nv_fields_init(&org, top->file, v, "в разделе organization", v->line, v->col, b->d))
		return;
	s->name = nv_field_str(&org, "name", NV_REQUIRED, "полное название организации");
	s->short_name = nv_field_str(&org, "short_name", NV_REQUIRED,
				     "краткое название, например «МАОУ «СОШ № 14»»");
	s->founder = nv_field_str(&org, "founder", NV_OPTIONAL, NULL);
	s->place = nv_field_str(&org, "place", NV_REQUIRED,
				"место издания приказов, например «г. Верхнеозёрск»");
	s->director = mdl_ref_person(
		b, &org, nv_field(&org, "director", NV_REQUIRED, "id директора из people.yml"),
		"director");
	s->address = nv_field_str(&org, "address", NV_OPTIONAL, NULL);
	s->phone = nv_field_str(&org, "phone", NV_OPTIONAL, NULL);
	s->website = nv_field_url(&org, "website", NV_OPTIONAL, NULL, NV_URL_ABSOLUTE);
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
	s->curator_phone = nv_field_str(&cur, "phone", NV_REQUIRED, "рабочий телефон куратора");
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
	if (nv_map_get(pr.map, "font"))
		s->print.font = nv_field_str(&pr, "font", NV_OPTIONAL, NULL);
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
	mdl_read_site_lists(b, &top); /* `forms`, `totals`: model_refs.c */
	nv_fields_finish(&top);
}
