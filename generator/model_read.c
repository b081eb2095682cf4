/*
 * model_read.c: reading and validating the fields of each file of the
 * content: people.yml, site.yml, pairs.yml and every document by kind
 * (approval blocks, roadmap sections, orders, cases, pages' document
 * links). Every field goes through schema.h; references resolve through
 * model_refs.c. The periods of roadmap items and pairs are parsed through
 * a memo (struct term_memo), so a term repeated thousands of times is
 * parsed once per academic year.
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
 * Roadmaps and pairs.yml repeat a few terms («В течение года», «Сентябрь
 * 2025») thousands of times, so each distinct text is parsed once per
 * academic year. nv_term_parse() depends on nothing but the text and the
 * academic year, so a remembered result, the reason for a failure
 * included, is exactly what parsing again would give.
 */
struct term_memo {
	struct term_memo *next; /* the same text with another academic year */
	int acyear;
	bool parsed;
	struct nv_date from, to;
	char *why; /* the reason nv_term_parse() gave, "" if none */
};

/*
 * As nv_term_parse(t, text, acyear, why), but each (text, acyear) is
 * parsed once per build. text must outlive the build (it is the key);
 * why must not be NULL.
 */
static int parse_term(struct builder *b, struct nv_term *t, const char *text, int acyear,
		      struct nv_buf *why)
{
	struct term_memo *first = nv_strmap_get(b->terms, text), *tm;
	size_t len = why->len;

	for (tm = first; tm; tm = tm->next) {
		if (tm->acyear != acyear)
			continue;
		nv_term_release(t);
		t->text = nv_xstrdup(text);
		t->parsed = tm->parsed;
		t->from = tm->from;
		t->to = tm->to;
		nv_buf_adds(why, tm->why);
		return t->parsed ? 0 : -1;
	}
	tm = nv_xcalloc(1, sizeof(*tm));
	tm->acyear = acyear;
	tm->parsed = !nv_term_parse(t, text, acyear, why);
	tm->from = t->from;
	tm->to = t->to;
	tm->why = nv_xstrdup(why->ptr + len);
	if (first) {
		tm->next = first->next;
		first->next = tm;
	} else {
		nv_strmap_put(b->terms, text, tm);
	}
	return tm->parsed ? 0 : -1;
}

/* Free one chain of remembered terms (a value of builder.terms). */
static void term_memo_free(void *val)
{
	struct term_memo *tm, *next;

	for (tm = val; tm; tm = next) {
		next = tm->next;
		free(tm->why);
		free(tm);
	}
}

void mdl_terms_free(struct nv_strmap *x)
{
	nv_strmap_free(x, term_memo_free);
}

/* A list of strings (a single scalar counts as one). */
static size_t str_list(struct nv_fields *f, const struct nv_value *list, const char *key,
		       const char ***out)
{
	size_t i, n = 0;

	*out = NULL;
	if (!list)
		return 0;
	if (list->type != NV_LIST) {
		*out = nv_xcalloc(1, sizeof(**out));
		(*out)[n++] = list->str;
		return n;
	}
	*out = nv_xcalloc(list->nr + 1, sizeof(**out));
	for (i = 0; i < list->nr; i++) {
		if (!nv_value_is_scalar(list->items[i]))
			nv_field_error(f, list->items[i],
				       "в списке «%s» ожидается текст, а здесь %s", key,
				       nv_type_name(list->items[i]->type));
		else
			(*out)[n++] = list->items[i]->str;
	}
	return n;
}

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
	if (pass) /* never echo the password */
		nv_diag_hint(
			nv_field_error(top, nv_map_get(top->map, "deploy"),
				       "поле «deploy»: в адресе записан пароль"),
			"уберите «:пароль»: site.yml попадает в Git; пароль передайте в "
			"NASTAVNIK_DEPLOY_PASSWORD или ~/.netrc (man nastavnik, команда deploy)");
	else if (why)
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
	nv_fields_finish(&top);
}

static enum nv_gender gender_of(const char *title, enum nv_kind kind)
{
	static const struct {
		const char *word;
		enum nv_gender g;
	} words[] = {
		{ "Положение", NV_NEUTER },	 { "Программа", NV_FEMININE },
		{ "Дорожная", NV_FEMININE },	 { "План", NV_MASCULINE },
		{ "Календарный", NV_MASCULINE }, { "Порядок", NV_MASCULINE },
		{ "Состав", NV_MASCULINE },	 { "Регламент", NV_MASCULINE },
		{ "Список", NV_MASCULINE },	 { "Кодекс", NV_MASCULINE },
		{ "Инструкция", NV_FEMININE },	 { "Методика", NV_FEMININE },
	};
	size_t i, n;

	for (i = 0; title && i < NV_ARRAY_SIZE(words); i++) {
		n = strlen(words[i].word);
		if (!strncmp(title, words[i].word, n) && (title[n] == ' ' || title[n] == '\0'))
			return words[i].g;
	}
	return kind == NV_KIND_POSITION ? NV_NEUTER
	       : kind == NV_KIND_PAGE	? NV_MASCULINE
					: NV_FEMININE;
}

static void read_approvals(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "approval", NV_OPTIONAL, NULL, false);
	const struct nv_value *item, *proto;
	struct nv_fields af, pf;
	struct nv_approval *a;
	int side;
	size_t i;

	if (!list)
		return;
	e->approvals = nv_xcalloc(list->nr + 1, sizeof(*e->approvals));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&af, f->file, item, "в блоке согласования", item->line,
				    item->col, b->d))
			continue;
		a = &e->approvals[e->napprovals];
		a->label = (enum nv_label)nv_field_enum(&af, "label", NV_REQUIRED, nv_label_names,
							NV_LABEL_ACCEPTED);
		side = nv_field_enum(&af, "side", NV_OPTIONAL, mdl_side_names, -1);
		a->right = side < 0
				   ? (a->label == NV_LABEL_APPROVED || a->label == NV_LABEL_APPROVE)
				   : side == 1;
		a->body = nv_field_str(&af, "body", NV_OPTIONAL, NULL);
		proto = nv_field_map(&af, "protocol", NV_OPTIONAL, NULL);
		if (proto && nv_fields_init(&pf, f->file, proto, "в протоколе", proto->line,
					    proto->col, b->d)) {
			a->protocol_number =
				nv_field_str(&pf, "number", NV_REQUIRED, "номер протокола");
			a->has_protocol_date = nv_field_date(&pf, "date", NV_REQUIRED,
							     "дата протокола", &a->protocol_date);
			nv_fields_finish(&pf);
		}
		a->person = mdl_ref_person(b, &af,
					   nv_field(&af, "person", a->label == NV_LABEL_APPROVE,
						    "кто утверждает: id директора из people.yml"),
					   "person");
		a->has_date = nv_field_date(&af, "date", NV_OPTIONAL, NULL, &a->date);
		a->line = item->line;
		a->col = item->col;
		if (a->label != NV_LABEL_APPROVE && a->label != NV_LABEL_APPROVED && !a->body &&
		    !a->person && !proto)
			nv_diag_hint(nv_field_error(&af, item,
						    "в блоке «%s» не сказано, кем принят документ",
						    nv_label_names[a->label]),
				     "добавьте «body: педагогическим советом» и «protocol: { "
				     "number: 1, date: … }»");
		nv_fields_finish(&af);
		e->napprovals++;
	}
}

static void read_sections(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list =
		nv_field_list(f, "sections", NV_REQUIRED,
			      "разделы дорожной карты со списками мероприятий", false);
	const struct nv_value *sv, *items, *iv;
	struct nv_fields sf, itf;
	struct nv_section *sec;
	struct nv_item *it;
	struct nv_buf why = NV_BUF_INIT, what = NV_BUF_INIT;
	const char *due;
	size_t i, j;

	if (!list)
		return;
	e->sections = nv_xcalloc(list->nr + 1, sizeof(*e->sections));
	for (i = 0; i < list->nr; i++) {
		sv = list->items[i];
		nv_buf_reset(&what);
		nv_buf_addf(&what, "в разделе %zu", i + 1);
		if (!nv_fields_init(&sf, f->file, sv, what.ptr, sv->line, sv->col, b->d))
			continue;
		sec = &e->sections[e->nsections++];
		sec->title = nv_field_str(&sf, "title", NV_REQUIRED, "название раздела");
		items = nv_field_list(&sf, "items", NV_REQUIRED, "мероприятия раздела", false);
		if (items && !items->nr)
			nv_field_error(&sf, items, "в разделе %zu нет ни одного мероприятия",
				       i + 1);
		nv_fields_finish(&sf);
		if (!items)
			continue;
		sec->items = nv_xcalloc(items->nr + 1, sizeof(*sec->items));
		for (j = 0; j < items->nr; j++) {
			iv = items->items[j];
			nv_buf_reset(&what);
			nv_buf_addf(&what, "в мероприятии %zu.%zu.", i + 1, j + 1);
			if (!nv_fields_init(&itf, f->file, iv, what.ptr, iv->line, iv->col, b->d))
				continue;
			it = &sec->items[sec->nitems++];
			it->line = iv->line;
			it->col = iv->col;
			it->title =
				nv_field_str(&itf, "title", NV_REQUIRED, "название мероприятия");
			due = nv_field_str(&itf, "due", NV_REQUIRED,
					   "срок, например «Сентябрь 2025»");
			mdl_read_responsible(b, &itf, it);
			it->result = nv_field_str(&itf, "result", NV_OPTIONAL, NULL);
			it->status = (enum nv_item_status)nv_field_enum(&itf, "status", NV_OPTIONAL,
									mdl_item_status_names,
									NV_ITEM_PLANNED);
			nv_term_init(&it->due);
			nv_buf_reset(&why);
			if (due && parse_term(b, &it->due, due, e->acyear, &why) < 0) {
				const struct nv_value *dv = nv_map_get(iv, "due");
				nv_diag_hint(
					nv_warning(b->d, f->file, dv->line, dv->col,
						   "срок «%s» не удалось понять как период: %s",
						   due, why.len ? why.ptr : "неизвестный формат"),
					"срок сохранится как написан; чтобы он попал в календарь, "
					"пишите, например, «Сентябрь 2025», «до 15.09.2025», "
					"«II квартал 2026 г.»");
			}
			nv_fields_finish(&itf);
		}
	}
	nv_buf_release(&why);
	nv_buf_release(&what);
}

static void read_order(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v;
	const struct nv_site *s = &b->m->site;

	e->number = nv_field_str(f, "number", NV_REQUIRED, "номер приказа, например «112-од»");
	nv_field_date(f, "date", NV_REQUIRED, "дата приказа, например «29.08.2025»", &e->date);
	e->place = nv_field_str(f, "place", NV_OPTIONAL, NULL);
	if (!e->place)
		e->place = s->place;
	e->preamble = nv_field_str(f, "preamble", NV_OPTIONAL, NULL);
	v = nv_field(f, "signatory", NV_OPTIONAL, NULL);
	e->signatory = v ? mdl_ref_person(b, f, v, "signatory") : s->director;
	if (!nv_field_acyear(f, "academic_year", NV_OPTIONAL, NULL, &e->acyear) && e->date.year)
		e->acyear = e->date.month >= 8 ? e->date.year : e->date.year - 1;
	mdl_read_appendices(b, e, f);
	e->nacquaint = mdl_ref_people(b, f, nv_field_list(f, "acquaint", NV_OPTIONAL, NULL, true),
				      "acquaint", &e->acquaint);
	if (e->title) {
		v = nv_map_get(f->map, "title");
		if (strncmp(e->title, "О ", strlen("О ")) &&
		    strncmp(e->title, "Об ", strlen("Об ")) &&
		    strncmp(e->title, "Об\xC2\xA0", strlen("Об\xC2\xA0")) &&
		    strncmp(e->title, "О\xC2\xA0", strlen("О\xC2\xA0")))
			nv_diag_hint(
				nv_warning(b->d, f->file, v->line, v->col,
					   "заголовок приказа обычно начинается с «О» или «Об»"),
				"например «О внедрении целевой модели наставничества»");
		if (e->title[strlen(e->title) - 1] == '.')
			nv_diag_hint(nv_warning(b->d, f->file, v->line, v->col,
						"в конце заголовка приказа точка не ставится"),
				     "уберите точку в конце заголовка (ГОСТ Р 7.0.97)");
	}
}

/* True if the Markdown body has an ordered list: the items of an order. */
static bool has_ordered_list(const struct nv_doc *doc)
{
	cmark_iter *it;
	cmark_event_type ev;
	cmark_node *node;
	bool found = false;

	if (!doc->md)
		return false;
	it = cmark_iter_new(doc->md->root);
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_LIST &&
		    cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
			found = true;
	}
	cmark_iter_free(it);
	return found;
}

static void read_reflinks(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "documents", NV_OPTIONAL, NULL, false);
	const struct nv_value *item;
	struct nv_fields rf;
	struct nv_reflink *r;
	size_t i, k, given;

	if (!list)
		return;
	e->reflinks = nv_xcalloc(list->nr + 1, sizeof(*e->reflinks));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&rf, f->file, item, "в ссылке на документ", item->line,
				    item->col, b->d))
			continue;
		r = &e->reflinks[e->nreflinks++];
		r->level = (enum nv_doc_level)nv_field_enum(&rf, "level", NV_REQUIRED,
							    mdl_level_names, NV_LEVEL_SCHOOL);
		r->title =
			nv_field_str(&rf, "title", NV_REQUIRED, "название документа с реквизитами");
		r->url = nv_field_url(&rf, "url", NV_OPTIONAL, NULL, NV_URL_LINK);
		r->file = nv_field_str(&rf, "file", NV_OPTIONAL, NULL);
		r->doc = mdl_ref_entry(b, &rf, nv_field(&rf, "doc", NV_OPTIONAL, NULL), "doc",
				       NV_KIND_COUNT);
		given = (nv_map_get(item, "url") != NULL) + (nv_map_get(item, "file") != NULL) +
			(nv_map_get(item, "doc") != NULL);
		if (given != 1)
			nv_diag_hint(
				nv_field_error(&rf, item,
					       "у ссылки на документ должно быть ровно "
					       "одно из полей url, doc, file"),
				"url — адрес в интернете, doc — id документа раздела, file — файл "
				"из content/files/");
		if (r->file) {
			bool found = false;
			for (k = 0; k < b->c->assets.nr; k++)
				if (!strncmp(b->c->assets.v[k], "files/", 6) &&
				    !strcmp(b->c->assets.v[k] + 6, r->file))
					found = true;
			if (!found)
				nv_diag_hint(nv_field_error(&rf, nv_map_get(item, "file"),
							    "файл «%s» не найден в content/files/",
							    r->file),
					     "положите файл в content/files/ или исправьте имя");
		}
		nv_fields_finish(&rf);
	}
}

/* The fields of a program (type: program). */
static void read_program(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v;

	nv_field_acyear(f, "academic_year", NV_REQUIRED, "учебный год, например «2025–2026»",
			&e->acyear);
	v = nv_field_list(f, "forms", NV_OPTIONAL, NULL, true);
	if (v) {
		size_t i, n = v->type == NV_LIST ? v->nr : 1;
		e->forms = nv_xcalloc(n + 1, sizeof(*e->forms));
		for (i = 0; i < n; i++) {
			const char *form = mdl_loose_enum_value(
				f, v->type == NV_LIST ? v->items[i] : v, "forms", &b->forms,
				"неизвестная форма наставничества");
			if (form)
				e->forms[e->nforms++] = form;
		}
	}
	e->nauthors = mdl_ref_people(b, f, nv_field_list(f, "authors", NV_OPTIONAL, NULL, true),
				     "authors", &e->authors);
	e->title_page = nv_field_bool(f, "title_page", false);
	read_approvals(b, e, f);
}

/* The fields of a best practice (type: case). */
static void read_case(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	e->form = mdl_loose_enum(f, "form", NV_REQUIRED, &b->forms,
				 "неизвестная форма наставничества");
	e->mkind = mdl_loose_enum_value(f, nv_field(f, "kind", NV_OPTIONAL, NULL), "kind",
					&b->kinds, "неизвестный вид наставничества");
	nv_field_acyear(f, "year", NV_REQUIRED, "учебный год, например «2025–2026»", &e->acyear);
	e->nauthors = mdl_ref_people(b, f, nv_field_list(f, "authors", NV_OPTIONAL, NULL, true),
				     "authors", &e->authors);
	e->problem = nv_field_str(f, "problem", NV_OPTIONAL, NULL);
	e->goal = nv_field_str(f, "goal", NV_OPTIONAL, NULL);
	e->nresults = str_list(f, nv_field_list(f, "results", NV_OPTIONAL, NULL, true), "results",
			       &e->results);
	e->ntags = str_list(f, nv_field_list(f, "tags", NV_OPTIONAL, NULL, true), "tags", &e->tags);
	e->program = mdl_ref_entry(b, f, nv_field(f, "program", NV_OPTIONAL, NULL), "program",
				   NV_KIND_PROGRAM);
}

/* Phase 3: the fields of one entry. */
void mdl_read_entry(struct builder *b, struct nv_entry *e)
{
	struct nv_fields f;

	nv_check_text(e->doc->path, e->doc->meta, b->d);
	nv_fields_init(&f, e->doc->path, e->doc->meta, mdl_kind_where[e->kind], 1, 1, b->d);
	nv_fields_allow(&f, "type");
	nv_fields_allow(&f, "draft");
	e->draft = nv_map_get(e->doc->meta, "draft") && nv_map_get(e->doc->meta, "draft")->boolean;
	e->title = nv_field_str(&f, "title", NV_REQUIRED, "заголовок документа");
	e->summary = nv_field_str(&f, "summary", NV_OPTIONAL, NULL);
	e->weight = nv_field_number(&f, "weight", -1e9, 1e9, 0);
	e->gender = gender_of(e->title, e->kind);

	switch (e->kind) {
	case NV_KIND_PAGE:
		read_reflinks(b, e, &f);
		e->list_files = nv_field_bool(&f, "files", false);
		break;
	case NV_KIND_POSITION:
		e->audience = mdl_audience_names[nv_field_enum(&f, "audience", NV_OPTIONAL,
							       mdl_audience_names, 0)];
		if (!nv_map_get(e->doc->meta, "audience"))
			e->audience = NULL;
		read_approvals(b, e, &f);
		break;
	case NV_KIND_PROGRAM:
		read_program(b, e, &f);
		break;
	case NV_KIND_ROADMAP:
		nv_field_acyear(&f, "academic_year", NV_REQUIRED,
				"учебный год, например «2025–2026»", &e->acyear);
		read_approvals(b, e, &f);
		read_sections(b, e, &f);
		break;
	case NV_KIND_ORDER:
		read_order(b, e, &f);
		if (!has_ordered_list(e->doc))
			nv_diag_hint(nv_error(b->d, e->doc->path, e->doc->split.body_line, 1,
					      "в тексте приказа нет нумерованных пунктов"),
				     "после полей напишите пункты приказа нумерованным списком: "
				     "«1. Утвердить …», «2. Назначить …»");
		break;
	case NV_KIND_CASE:
		read_case(b, e, &f);
		break;
	case NV_KIND_NEWS:
		nv_field_date(&f, "date", NV_REQUIRED, "дата новости, например «02.03.2026»",
			      &e->date);
		break;
	case NV_KIND_COUNT:
		break;
	}
	nv_fields_finish(&f);
}

void mdl_read_pairs(struct builder *b)
{
	const struct nv_data *data = nv_content_data(b->c, "pairs");
	const struct nv_value *list, *item, *mentees, *kv;
	struct nv_fields f;
	struct nv_pair *p;
	struct nv_buf what = NV_BUF_INIT, why = NV_BUF_INIT;
	const char *period;
	size_t i, k;

	if (!data)
		return; /* a school may not have formed pairs yet */
	list = data->value;
	nv_check_text(data->path, list, b->d);
	if (list->type == NV_NULL)
		return;
	if (list->type != NV_LIST) {
		nv_diag_hint(nv_error(b->d, data->path, list->line, list->col,
				      "content/pairs.yml должен быть списком пар, а здесь %s",
				      nv_type_name(list->type)),
			     "каждая пара начинается строкой «- mentor: …»");
		return;
	}
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		nv_buf_reset(&what);
		nv_buf_addf(&what, "у пары № %zu", i + 1);
		if (!nv_fields_init(&f, data->path, item, what.ptr, item->line, item->col, b->d))
			continue;
		p = nv_xcalloc(1, sizeof(*p));
		p->number = (int)i + 1;
		p->line = item->line;
		p->col = item->col;
		p->mentor = mdl_ref_person(
			b, &f, nv_field(&f, "mentor", NV_REQUIRED, "id наставника"), "mentor");
		mentees = nv_field_list(&f, "mentees", NV_OPTIONAL, NULL, true);
		if (!mentees)
			mentees = nv_field(&f, "mentee", NV_OPTIONAL, NULL);
		if (!mentees && !nv_map_get(item, "mentees"))
			nv_diag_hint(
				nv_field_error(&f, NULL, "%s не указаны наставляемые", what.ptr),
				"добавьте «mentees: [id, …]» или «mentee: id»");
		p->nmentees = mdl_ref_people(b, &f, mentees, "mentees", &p->mentees);
		p->form = mdl_loose_enum(&f, "form", NV_REQUIRED, &b->forms,
					 "неизвестная форма наставничества");
		kv = nv_field(&f, "kind", NV_OPTIONAL, NULL);
		p->kind = kv ? mdl_loose_enum_value(&f, kv, "kind", &b->kinds,
						    "неизвестный вид наставничества")
			     : nv_mentoring_kinds[p->nmentees > 1 ? 1 : 0];
		p->role_model = nv_field_str(&f, "role_model", NV_OPTIONAL, NULL);
		p->program = mdl_ref_entry(b, &f, nv_field(&f, "program", NV_OPTIONAL, NULL),
					   "program", NV_KIND_PROGRAM);
		p->order = mdl_ref_entry(b, &f, nv_field(&f, "order", NV_OPTIONAL, NULL), "order",
					 NV_KIND_ORDER);
		/* «В течение года» means the academic year of the pair's order. */
		period = nv_field_str(&f, "period", NV_REQUIRED,
				      "срок работы пары, например "
				      "«01.09.2025 – 31.05.2026»");
		nv_term_init(&p->period);
		nv_buf_reset(&why);
		if (period &&
		    parse_term(b, &p->period, period, p->order ? p->order->acyear : 0, &why) < 0)
			nv_diag_hint(nv_field_error(&f, nv_map_get(item, "period"),
						    "срок пары «%s» не удалось понять: %s", period,
						    why.len ? why.ptr : "неизвестный формат"),
				     "пишите срок как «01.09.2025 – 31.05.2026»");
		p->status = (enum nv_pair_status)nv_field_enum(
			&f, "status", NV_OPTIONAL, mdl_pair_status_names, NV_PAIR_ACTIVE);
		p->result = nv_field_str(&f, "result", NV_OPTIONAL, NULL);
		nv_fields_finish(&f);
		if (p->mentor)
			p->mentor->mentor = true;
		for (k = 0; k < p->nmentees; k++)
			p->mentees[k]->mentee = true;
		NV_GROW(b->m->pairs, b->m->npairs + 1, b->pairs_alloc);
		b->m->pairs[b->m->npairs++] = p;
	}
	nv_buf_release(&what);
	nv_buf_release(&why);
}
