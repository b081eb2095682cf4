/*
 * model_read.c: reading and validating the fields of each document by
 * kind (approval blocks, orders, programs, cases, pages' document links;
 * roadmaps in model_roadmap.c) and of pairs.yml; people.yml and site.yml
 * are model_site.c. Every field goes through schema.h; references
 * resolve through model_refs.c.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "import.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "person.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"
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

/*
 * A date of an act (an order, a protocol, an approval, a revision, a
 * news item) as nv_field_date(): one after b->act_limit, a year ahead of
 * today, warns: a slip of the year («2052»).
 */
static bool act_date(const struct builder *b, struct nv_fields *f, const char *key, int req,
		     const char *hint, struct nv_date *d)
{
	const struct nv_value *v;
	struct nv_buf when = NV_BUF_INIT;

	if (!nv_field_date(f, key, req, hint, d))
		return false;
	if (nv_date_cmp(*d, b->act_limit) > 0 && (v = nv_map_get(f->map, key)) != NULL) {
		nv_date_add(&when, *d, NV_DATE_NUMERIC);
		nv_diag_hint(nv_warning(f->d, f->file, v->line, v->col,
					"дата %s — больше чем через год от сегодняшнего дня",
					when.ptr),
			     "документ датируют днём, когда его подписали или приняли: "
			     "проверьте год");
		nv_buf_release(&when);
	}
	return true;
}

/* The first date ДД.ММ.ГГГГ in s, not part of a longer run of digits and dots, or NULL. */
static const char *date_in(const char *s)
{
	const char *p, *q;
	size_t a, b;

	for (p = s; *p; p++) {
		if (p > s && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.'))
			continue;
		a = strspn(p, "0123456789");
		q = p + a;
		if (a < 1 || a > 2 || *q != '.')
			continue;
		b = strspn(q + 1, "0123456789");
		q += 1 + b;
		if (b >= 1 && b <= 2 && *q == '.' && strspn(q + 1, "0123456789") == 4 &&
		    !(q[5] >= '0' && q[5] <= '9'))
			return p;
	}
	return NULL;
}

/*
 * The number of an act (an order, a protocol) in f, which the layouts
 * print after their own «№»: one written with the sign, «№ 1-од» (or a
 * Latin «N», «No» before a digit), is an error at it, not «№ № 1-од» on
 * paper and the site; so is one with the date, «5-од от 01.09.2025».
 */
static const char *act_number(struct nv_fields *f, const char *hint)
{
	const char *s = nv_field_str(f, "number", NV_REQUIRED, hint), *rest = s, *date;
	const struct nv_value *v;
	struct nv_diag *diag;
	bool sign;
	int n;

	if (!s)
		return NULL;
	if ((date = date_in(s)) != NULL && (v = nv_map_get(f->map, "number"))) {
		/* the number alone: what stands before the date and its «от» */
		for (n = (int)(date - s); n && strchr(" ,", s[n - 1]);)
			n--;
		if (n >= (int)strlen("от") && !strncmp(s + n - strlen("от"), "от", strlen("от")) &&
		    (n == (int)strlen("от") || s[n - strlen("от") - 1] == ' '))
			for (n -= (int)strlen("от"); n && s[n - 1] == ' ';)
				n--;
		diag = nv_error(f->d, f->file, v->line, v->col,
				"в номере «%s» стоит дата, а дату бланк берёт из поля date", s);
		if (n > 0)
			nv_diag_hint(diag, "напишите только номер: number: %.*s", n, s);
		else
			nv_diag_hint(diag, "%s", hint);
		return s;
	}
	sign = !strncmp(s, "№", strlen("№"));
	if (sign)
		rest = s + strlen("№");
	else if (s[0] == 'N')
		rest = s + 1 + (s[1] == 'o');
	rest += strspn(rest, " .");
	/* A Latin «N» or «No» only apart from a digit: «N5», «Nord-1» may be numbers. */
	if (!(sign || (rest > s + 1 && *rest >= '0' && *rest <= '9')) ||
	    !(v = nv_map_get(f->map, "number")))
		return s;
	diag = nv_error(f->d, f->file, v->line, v->col,
			"номер «%s» начинается со знака номера, а его ставит сам бланк: вышло бы "
			"«№ %s»",
			s, s);
	if (*rest)
		nv_diag_hint(diag, "напишите только номер: number: %s", rest);
	else
		nv_diag_hint(diag, "%s", hint);
	return s;
}

/*
 * An order outside the project cited at key `key` of f: a map with
 * number, date and optionally issuer (in the genitive) and, when
 * `appendix`, the appendix number. Returns true when given.
 */
static bool read_outside_order(struct builder *b, struct nv_fields *f, const char *key,
			       bool appendix, struct nv_outside_order *o)
{
	const struct nv_value *v = nv_field_map(f, key, NV_OPTIONAL, NULL);
	struct nv_fields of;

	memset(o, 0, sizeof(*o));
	if (!v || !nv_fields_init(&of, f->file, v, "в ссылке на приказ", v->line, v->col, b->d))
		return false;
	o->given = true;
	o->line = v->line;
	o->col = v->col;
	o->number = act_number(&of, "номер приказа, например «187»");
	act_date(b, &of, "date", NV_REQUIRED, "дата приказа, например «14.04.2021»", &o->date);
	o->issuer = nv_field_str(&of, "issuer", NV_OPTIONAL, NULL);
	if (appendix)
		o->appendix = (int)nv_field_number(&of, "appendix", 1, 999, 0);
	nv_fields_finish(&of);
	return true;
}

/*
 * p, named at v as the head who signs an order or approves a document
 * («УТВЕРЖДАЮ»: `what`), is a person of the organisation, never a
 * student. A teacher's and an external's position, printed beside the
 * name, is required in people.yml and reported there.
 */
static void check_head(struct nv_fields *f, const struct nv_value *v, const struct nv_person *p,
		       const char *what)
{
	if (p && p->category == NV_CAT_STUDENT)
		nv_diag_hint(nv_field_error(f, v,
					    "%s руководитель организации, а «%s» — %s (category: "
					    "student)",
					    what, p->id, nv_role_word(NV_ROLE_STUDENT, p->gender)),
			     "укажите директора или исполняющего его обязанности: id из "
			     "content/people.yml");
}

/*
 * True if position is a head's or an acting head's («директор»,
 * «заведующий», «и. о. директора»): a signature that needs no other.
 */
static bool head_position(const char *position)
{
	static const char *const heads[] = { "директор", "заведующ", "начальник", "руководител",
					     "ректор",	 "и.о.",     "и. о.",	  "исполняющ",
					     "врио",	 "временно" };
	struct nv_buf b = NV_BUF_INIT;
	size_t i;
	bool yes = false;

	nv_utf8_fold(&b, position, strlen(position));
	for (i = 0; i < NV_ARRAY_SIZE(heads) && !yes; i++)
		yes = !strncmp(b.ptr, heads[i], strlen(heads[i]));
	nv_buf_release(&b);
	return yes;
}

/*
 * The head v names, the signatory of an order or the approver of a block
 * УТВЕРЖДАЮ (`what`): one other than the director of site.yml signs for
 * the director, and the signature says so (its position given at `key`),
 * or it would print the person's own position («Заместитель директора
 * …»); else_fix ends the hint. A person whose own position is a head's
 * (a former director) needs none.
 */
static void check_signer(struct nv_fields *f, const struct nv_value *v, const struct nv_site *s,
			 const struct nv_person *p, const char *what, const char *key,
			 const char *given, const char *else_fix)
{
	check_head(f, v, p, what);
	if (!p || !s->director || p == s->director || p->category == NV_CAT_STUDENT || given ||
	    (p->position && head_position(p->position)))
		return;
	nv_diag_hint(nv_warning(f->d, f->file, v->line, v->col,
				"%s не директор, а «%s»%s%s: в подписи будет эта должность", what,
				p->id, p->position ? " — " : "", p->position ? p->position : ""),
		     "если «%s» исполняет обязанности директора, добавьте строку «%s: И. о. "
		     "директора»; %s",
		     p->id, key, else_fix);
}

/* The fields of one approval block besides the label and the side. */
static void read_approval_fields(struct builder *b, struct nv_fields *af, struct nv_approval *a)
{
	const struct nv_value *proto, *v;
	struct nv_fields pf;

	a->body = nv_field_str(af, "body", NV_OPTIONAL, NULL);
	read_outside_order(b, af, "order", false, &a->cites);
	proto = nv_field_map(af, "protocol", NV_OPTIONAL, NULL);
	if (proto &&
	    nv_fields_init(&pf, af->file, proto, "в протоколе", proto->line, proto->col, b->d)) {
		a->protocol_number = act_number(&pf, "номер протокола");
		a->has_protocol_date =
			act_date(b, &pf, "date", NV_REQUIRED, "дата протокола", &a->protocol_date);
		nv_fields_finish(&pf);
	}
	v = nv_field(af, "person", a->label == NV_LABEL_APPROVE,
		     "кто утверждает: id директора из people.yml");
	a->person = mdl_ref_person(b, af, v, "person");
	a->position = nv_field_str(af, "position", NV_OPTIONAL, NULL);
	if (a->label == NV_LABEL_APPROVE)
		check_signer(af, v, &b->m->site, a->person, "документ утверждает", "position",
			     a->position, "если утверждает директор, впишите в «person» его id");
	a->has_date = act_date(b, af, "date", NV_OPTIONAL, NULL, &a->date);
}

static void read_approvals(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "approval", NV_OPTIONAL, NULL, false);
	const struct nv_value *item;
	struct nv_fields af;
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
		read_approval_fields(b, &af, a);
		a->line = item->line;
		a->col = item->col;
		if (a->label != NV_LABEL_APPROVE && a->label != NV_LABEL_APPROVED && !a->body &&
		    !a->person && !a->protocol_number && !a->has_protocol_date && !a->cites.given)
			nv_diag_hint(nv_field_error(&af, item,
						    "в блоке «%s» не сказано, кем принят документ",
						    nv_label_names[a->label]),
				     "добавьте «body: педагогическим советом» и «protocol: { "
				     "number: 1, date: … }»");
		nv_fields_finish(&af);
		e->napprovals++;
	}
}

/*
 * A student on an order's acquaintance sheet (`acquaint`): its signatures
 * are employees', and a child's name on it is printed for nothing. One
 * warning, at the first.
 */
static void check_acquaint_staff(struct builder *b, struct nv_fields *f,
				 const struct nv_value *list, const struct nv_entry *e)
{
	size_t i, k;

	for (i = 0; i < e->nacquaint; i++) {
		if (e->acquaint[i]->category != NV_CAT_STUDENT)
			continue;
		for (k = 0; k < list->nr && (!list->items[k]->str ||
					     strcmp(list->items[k]->str, e->acquaint[i]->id));
		     k++)
			;
		nv_diag_hint(nv_warning(b->d, f->file,
					k < list->nr ? list->items[k]->line : list->line,
					k < list->nr ? list->items[k]->col : list->col,
					"«%s» — обучающийся, а в листе ознакомления с приказом "
					"расписываются работники",
					e->acquaint[i]->id),
			     "уберите обучающегося из «acquaint»; обучающихся знакомят с приказом "
			     "пунктом приказа (на классном часе, родительском собрании)");
		return;
	}
}

static void read_order(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v, *list;
	const struct nv_site *s = &b->m->site;

	e->number = act_number(f, "номер приказа, например «112-од»");
	act_date(b, f, "date", NV_REQUIRED, "дата приказа, например «29.08.2025»", &e->date);
	e->place = nv_field_str(f, "place", NV_OPTIONAL, NULL);
	if (!e->place)
		e->place = s->place;
	e->preamble = nv_field_str(f, "preamble", NV_OPTIONAL, NULL);
	/* Without a head in site.yml (a department may have none), the order names its signatory.
	 */
	v = nv_field(f, "signatory",
		     s->director || (s->kind != NV_ORG_DEPARTMENT && s->kind != NV_ORG_CENTER)
			     ? NV_OPTIONAL
			     : NV_REQUIRED,
		     "кто подписывает приказ: id из people.yml (в site.yml нет director)");
	e->signatory = v ? mdl_ref_person(b, f, v, "signatory") : s->director;
	e->signatory_position = nv_field_str(f, "signatory_position", NV_OPTIONAL, NULL);
	if (v)
		check_signer(f, v, s, e->signatory, "приказ подписывает", "signatory_position",
			     e->signatory_position,
			     "если подписывает директор, уберите «signatory»");
	if (!e->signatory_position)
		e->signatory_position = nv_site_position(s, e->signatory);
	if (!nv_field_acyear(f, "academic_year", NV_OPTIONAL, NULL, &e->acyear) && e->date.year)
		e->acyear = nv_acyear_for_new(e->date);
	mdl_read_appendices(b, e, f);
	list = nv_field_list(f, "acquaint", NV_OPTIONAL, NULL, true);
	e->nacquaint = mdl_ref_people(b, f, list, "acquaint", &e->acquaint);
	check_acquaint_staff(b, f, list, e);
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

/*
 * True if the Markdown body has an ordered list: the items of an order.
 * The parse tells (markdown.h), also for a body without its tree (md_summary.h).
 */
static bool has_ordered_list(const struct nv_doc *doc)
{
	return doc->md && doc->md->ordered_list;
}

/* An order's body holds its items: the one rule of the fields' readers that reads a body. */
void mdl_check_order_items(struct builder *b, const struct nv_entry *e)
{
	if (e->kind == NV_KIND_ORDER && !has_ordered_list(e->doc))
		nv_diag_hint(nv_error(b->d, e->doc->path, e->doc->split.body_line, 1,
				      "в тексте приказа нет нумерованных пунктов"),
			     "после полей напишите пункты приказа нумерованным списком: "
			     "«1. Утвердить …», «2. Назначить …»");
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

/* A copy of the n bytes at s without spaces around; the caller frees. */
static char *trimmed(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return nv_xmemdupz(s, n);
}

/* The n bytes at s as a calendar year «2021», or 0. */
static int year_of(const char *s, size_t n)
{
	int y = 0;
	size_t i;

	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (n != 4)
		return 0;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return y;
}

/*
 * `period` of a program or roadmap: «2021–2024» (whole calendar years) or
 * «01.05.2022 – 31.10.2022»; any dash. Returns 0 and fills e, -2 when it
 * ends before it begins, -1 when it is not a period.
 */
static int parse_period(const char *s, struct nv_entry *e)
{
	static const char *const dashes[] = { "\xE2\x80\x93", "\xE2\x80\x94", "-" };
	const char *d = NULL;
	size_t i, dl = 0;
	char *a, *z;
	int y1, y2, r = -1;

	for (i = 0; i < NV_ARRAY_SIZE(dashes) && !d; i++) {
		/* The dash between the ends: not inside a date like «2022-05-01». */
		const char *p = strstr(s, dashes[i]);
		if (p) {
			d = p;
			dl = strlen(dashes[i]);
		}
	}
	if (!d)
		return -1;
	y1 = year_of(s, (size_t)(d - s));
	y2 = year_of(d + dl, strlen(d + dl));
	if (y1 && y2 && y1 > y2)
		return -2;
	if (y1 && y2) {
		e->period_from = (struct nv_date){ y1, 1, 1 };
		e->period_to = (struct nv_date){ y2, 12, 31 };
		return 0;
	}
	a = trimmed(s, (size_t)(d - s));
	z = trimmed(d + dl, strlen(d + dl));
	if (!nv_date_parse(a, &e->period_from) && !nv_date_parse(z, &e->period_to))
		r = nv_date_cmp(e->period_from, e->period_to) <= 0 ? 0 : -2;
	free(a);
	free(z);
	return r;
}

/*
 * The period of a program or roadmap: `academic_year` or `period`, one
 * of them required. With a period, e->acyear stays 0 and terms resolve
 * within the period (mdl_term_in_period()).
 */
static void read_period(struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *pv = nv_map_get(f->map, "period");
	int r;

	if (!pv || nv_map_get(f->map, "academic_year")) {
		nv_field_acyear(f, "academic_year", NV_REQUIRED,
				"учебный год «2025–2026» или «period: 2021–2024»", &e->acyear);
		nv_fields_allow(f, "period");
		if (pv)
			nv_diag_hint(nv_field_error(f, pv, "указаны и academic_year, и period"),
				     "оставьте одно: учебный год или период");
		if (e->acyear) {
			e->period_from = nv_acyear_first(e->acyear);
			e->period_to = nv_acyear_last(e->acyear);
			e->has_period = true;
		}
		return;
	}
	e->period_text = nv_field_str(f, "period", NV_REQUIRED, NULL);
	r = e->period_text ? parse_period(e->period_text, e) : -1;
	if (r == 0) {
		e->has_period = true;
		return;
	}
	if (r == -2)
		nv_diag_hint(nv_field_error(f, pv, "период «%s» кончается раньше, чем начинается",
					    e->period_text),
			     "сначала начало, потом конец: «period: 01.05.2022 – 31.10.2022»");
	else if (e->period_text)
		nv_diag_hint(nv_field_error(f, pv, "«%s» — не период", e->period_text),
			     "пишите годы «period: 2021–2024» или даты «period: 01.05.2022 – "
			     "31.10.2022»");
	e->period_text = NULL;
}

int mdl_term_acyear(const struct nv_entry *e)
{
	if (e->acyear || !e->has_period)
		return e->acyear;
	return e->period_from.month >= 9 ? e->period_from.year : e->period_from.year - 1;
}

/* True if the term's text has no digit: no year or date of its own. */
static bool undated(const char *text)
{
	for (; *text; text++)
		if (*text >= '0' && *text <= '9')
			return false;
	return true;
}

void mdl_term_in_period(const struct nv_entry *e, struct nv_term *t)
{
	int ac = mdl_term_acyear(e), shift;

	if (e->acyear || !e->has_period || !t->parsed || !t->text || !undated(t->text))
		return;
	/* «В течение года»: the whole academic year is the whole period. */
	if (!nv_date_cmp(t->from, nv_acyear_first(ac)) && !nv_date_cmp(t->to, nv_acyear_last(ac))) {
		t->from = e->period_from;
		t->to = e->period_to;
		return;
	}
	/* «Октябрь»: the first such month (or range) within the period. */
	for (shift = -1; shift <= e->period_to.year - e->period_from.year + 1; shift++) {
		struct nv_date from = t->from, to = t->to;
		from.year += shift;
		to.year += shift;
		if (nv_date_valid(from) && nv_date_valid(to) &&
		    nv_date_cmp(from, e->period_from) >= 0 && nv_date_cmp(to, e->period_to) <= 0) {
			t->from = from;
			t->to = to;
			return;
		}
	}
}

/* The fields of a program (type: program). */
static void read_program(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *v;

	read_period(e, f);
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

/*
 * `revision:` of a normative document: the list of its revisions,
 * { date, text }, newest first as written; it replaces the Git history
 * on the website.
 */
static void read_revisions(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list = nv_field_list(f, "revision", NV_OPTIONAL, NULL, false);
	const struct nv_value *item;
	struct nv_revision *r;
	struct nv_fields rf;
	size_t i;

	if (!list)
		return;
	e->revisions = nv_xcalloc(list->nr + 1, sizeof(*e->revisions));
	for (i = 0; i < list->nr; i++) {
		item = list->items[i];
		if (!nv_fields_init(&rf, f->file, item, "в редакции", item->line, item->col, b->d))
			continue;
		r = &e->revisions[e->nrevisions];
		if (act_date(b, &rf, "date", NV_REQUIRED, "дата редакции, например «01.09.2025»",
			     &r->date))
			e->nrevisions++;
		r->text = nv_field_str(&rf, "text", NV_OPTIONAL, NULL);
		nv_fields_finish(&rf);
	}
}

/*
 * A title typed in capitals («ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ»), as Word
 * documents often have it: the site's heading, its lists and its feeds
 * would shout it, and a screen reader may spell its short words letter by
 * letter. A warning with it as a sentence (abbreviations kept: «МАОУ»,
 * «СОШ»), when more than its first word changes; paper prints the kind of
 * a document in capitals itself.
 */
static void check_title_caps(struct builder *b, struct nv_fields *f, const struct nv_entry *e)
{
	const struct nv_value *v = nv_map_get(f->map, "title");
	size_t first;
	char *s;

	if (!e->title || !v || !strchr(e->title, ' ') || !nv_imp_is_upper(e->title))
		return;
	s = nv_imp_sentence(e->title);
	/* past its first word, which may be an abbreviation («МАОУ «СОШ № 14»») */
	first = strcspn(e->title, " ");
	if (strlen(s) == strlen(e->title) && strcmp(s + first, e->title + first))
		nv_diag_hint(nv_warning(b->d, f->file, v->line, v->col,
					"заголовок набран прописными буквами: на сайте такой текст "
					"трудно читать, а экранный диктор может произносить его "
					"слова по буквам"),
			     "напишите его как предложение: «%s»%s", s,
			     e->kind == NV_KIND_POSITION || e->kind == NV_KIND_PROGRAM ||
					     e->kind == NV_KIND_ROADMAP || e->kind == NV_KIND_ORDER
				     ? "; вид документа прописными бланк напечатает сам"
				     : "");
	free(s);
}

/* Phase 3: the fields of one entry (the characters of its front matter are checked before). */
void mdl_read_entry(struct builder *b, struct nv_entry *e)
{
	struct nv_fields f;

	nv_fields_init(&f, e->doc->path, e->doc->meta, mdl_kind_where[e->kind], 1, 1, b->d);
	nv_fields_allow(&f, "type");
	nv_fields_allow(&f, "draft");
	e->draft = nv_map_get(e->doc->meta, "draft") && nv_map_get(e->doc->meta, "draft")->boolean;
	e->title = nv_field_str(&f, "title", NV_REQUIRED, "заголовок документа");
	check_title_caps(b, &f, e);
	e->summary = nv_field_str(&f, "summary", NV_OPTIONAL, NULL);
	e->weight = nv_field_number(&f, "weight", -1e9, 1e9, 0);
	e->gender = gender_of(e->title, e->kind);

	if (e->kind == NV_KIND_POSITION || e->kind == NV_KIND_PROGRAM || e->kind == NV_KIND_ROADMAP)
		read_outside_order(b, &f, "appendix_of", true, &e->appendix_of);
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
		read_period(e, &f);
		read_approvals(b, e, &f);
		mdl_read_sections(b, e, &f);
		break;
	case NV_KIND_ORDER:
		read_order(b, e, &f); /* its body: mdl_check_order_items() */
		break;
	case NV_KIND_CASE:
		read_case(b, e, &f);
		break;
	case NV_KIND_NEWS:
		act_date(b, &f, "date", NV_REQUIRED, "дата новости, например «02.03.2026»",
			 &e->date);
		break;
	case NV_KIND_FORM:
		mdl_read_form(b, e, &f);
		break;
	case NV_KIND_COUNT:
		break;
	}
	if (e->kind == NV_KIND_POSITION || e->kind == NV_KIND_PROGRAM ||
	    e->kind == NV_KIND_ROADMAP || e->kind == NV_KIND_ORDER)
		read_revisions(b, e, &f);
	nv_fields_finish(&f);
}
