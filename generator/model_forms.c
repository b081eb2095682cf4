/*
 * model_forms.c: the organisation's requisites (ИНН, ОГРН) and the forms
 * (бланки) of a project; see model_int.h.
 *
 * Requisites are checked as the tax service defines them: the length of
 * the number and its control digits (ИНН: weighted sums modulo 11; ОГРН:
 * the first twelve digits modulo 11, ОГРНИП: the first fourteen modulo
 * 13). A wrong number is an error at the digit that is wrong, so that the
 * school compares that digit with its выписка из ЕГРЮЛ.
 *
 * Forms are documents of the kind `form` (content/forms/NAME.md). The
 * program carries its own set of forms (the .md files of forms/ in the source tree,
 * compiled in as forms_text.h); `blanks:` of site.yml switches them on,
 * and a file of the same name in content/forms/ replaces one. In the
 * body of any form, {{organization.name}} and the like are replaced by
 * the requisites of site.yml, escaped for Markdown, and {{blank}} or
 * {{blank N}} by a line to fill in by hand; the body is then parsed
 * again, so the website and paper both show the filled text.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "schema.h"
#include "strmap.h"
#include "utf8.h"
#include "value.h"

#include "forms_text.h"

/* --- ИНН and ОГРН -------------------------------------------------------------------- */

/* The control digit of the first n digits of d with weights w (ИНН). */
static int inn_digit(const char *d, const int *w, size_t n)
{
	int sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (d[i] - '0') * w[i];
	return sum % 11 % 10;
}

/* The control digit of the first n digits of d read as a number, modulo m (ОГРН). */
static int ogrn_digit(const char *d, size_t n, int m)
{
	int r = 0;
	size_t i;

	for (i = 0; i < n; i++)
		r = (r * 10 + (d[i] - '0')) % m;
	return r % 10;
}

/*
 * The column of the k-th character (0-based) of scalar v: a number as
 * YAML reads it is written bare, anything else here was quoted.
 */
static int digit_col(const struct nv_value *v, size_t k)
{
	return v->col + (int)k + (v->type == NV_NUMBER ? 0 : 1);
}

static const char *const checksum_hint =
	"сверьте номер с выпиской из ЕГРЮЛ или с разделом «Основные сведения» сайта "
	"школы: обычно неверна одна цифра или переставлены две соседние";

/* Only digits: else an error at the first other character. */
static bool all_digits(struct nv_fields *f, const struct nv_value *v, const char *what)
{
	size_t i, k = 0;
	uint32_t cp;

	for (i = 0; i < v->len; k++) {
		size_t n = nv_utf8_decode(v->str + i, v->len - i, &cp);
		if (cp < '0' || cp > '9') {
			/* The value's start: whether it was quoted is not known here. */
			nv_diag_hint(nv_error(f->d, f->file, v->line, v->col,
					      "%s «%s»: %zu-й знак «%.*s» — не цифра", what, v->str,
					      k + 1, (int)(n ? n : 1), v->str + i),
				     "%s пишется одними цифрами, без пробелов и других знаков",
				     what);
			f->errors++;
			return false;
		}
		i += n ? n : 1;
	}
	return true;
}

/* An error at digit k (0-based) of v: it should be `want`. */
static void wrong_digit(struct nv_fields *f, const struct nv_value *v, const char *what, size_t k,
			int want)
{
	nv_diag_hint(nv_error(f->d, f->file, v->line, digit_col(v, k),
			      "%s «%s»: контрольная цифра (%zu-я) должна быть %d, а не %c — в "
			      "номере ошибка",
			      what, v->str, k + 1, want, v->str[k]),
		     "%s", checksum_hint);
	f->errors++;
}

/* `inn`: 10 digits for an organisation, 12 for an individual entrepreneur. */
static const char *read_inn(struct nv_fields *f)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	const char *s = nv_field_str(f, "inn", NV_OPTIONAL, NULL);
	const struct nv_value *v = nv_map_get(f->map, "inn");
	int c;

	if (!s || !all_digits(f, v, "ИНН"))
		return NULL;
	if (v->len != 10 && v->len != 12) {
		nv_diag_hint(nv_field_error(f, v,
					    "ИНН «%s» — %zu цифр, а ИНН организации состоит "
					    "из 10 цифр (индивидуального предпринимателя — из 12)",
					    s, v->len),
			     "%s", checksum_hint);
		return NULL;
	}
	if (v->len == 10 && (c = inn_digit(s, w10, 9)) != s[9] - '0') {
		wrong_digit(f, v, "ИНН", 9, c);
		return NULL;
	}
	if (v->len == 12 && (c = inn_digit(s, w11, 10)) != s[10] - '0') {
		wrong_digit(f, v, "ИНН", 10, c);
		return NULL;
	}
	if (v->len == 12 && (c = inn_digit(s, w12, 11)) != s[11] - '0') {
		wrong_digit(f, v, "ИНН", 11, c);
		return NULL;
	}
	return s;
}

/* `ogrn`: ОГРН of 13 digits (begins with 1 or 5) or ОГРНИП of 15 (begins with 3). */
static const char *read_ogrn(struct nv_fields *f)
{
	const char *s = nv_field_str(f, "ogrn", NV_OPTIONAL, NULL);
	const struct nv_value *v = nv_map_get(f->map, "ogrn");
	int c;

	if (!s || !all_digits(f, v, "ОГРН"))
		return NULL;
	if (v->len != 13 && v->len != 15) {
		nv_diag_hint(nv_field_error(f, v,
					    "ОГРН «%s» — %zu цифр, а ОГРН состоит из 13 цифр "
					    "(ОГРНИП индивидуального предпринимателя — из 15)",
					    s, v->len),
			     "%s", checksum_hint);
		return NULL;
	}
	if ((v->len == 13 && s[0] != '1' && s[0] != '5') || (v->len == 15 && s[0] != '3')) {
		nv_diag_hint(nv_error(f->d, f->file, v->line, digit_col(v, 0),
				      "%s «%s» не может начинаться с цифры %c",
				      v->len == 13 ? "ОГРН" : "ОГРНИП", s, s[0]),
			     "ОГРН организации начинается с 1 или 5, ОГРНИП — с 3; %s",
			     checksum_hint);
		f->errors++;
		return NULL;
	}
	c = v->len == 13 ? ogrn_digit(s, 12, 11) : ogrn_digit(s, 14, 13);
	if (c != s[v->len - 1] - '0') {
		wrong_digit(f, v, v->len == 13 ? "ОГРН" : "ОГРНИП", v->len - 1, c);
		return NULL;
	}
	return s;
}

void mdl_read_requisites(struct nv_fields *org, struct nv_site *s)
{
	s->inn = read_inn(org);
	s->ogrn = read_ogrn(org);
}

/* --- built-in forms ------------------------------------------------------------------- */

/* Set by nv_model_builtin_forms(): the forms are not parsed. */
static bool builtin_off;

void nv_model_builtin_forms(bool on)
{
	builtin_off = !on;
}

/* The index of the built-in form `id` in forms_text, or -1. */
static int builtin_index(const char *id)
{
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(forms_text); i++)
		if (!strcmp(forms_text[i].id, id))
			return (int)i;
	return -1;
}

bool nv_model_is_builtin_form(const char *id)
{
	return builtin_index(id) >= 0;
}

/* The ids of the built-in forms, NULL-terminated (for suggestions). */
static const char **builtin_ids(void)
{
	static const char *ids[NV_ARRAY_SIZE(forms_text) + 1];
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(forms_text); i++)
		ids[i] = forms_text[i].id;
	return ids;
}

/*
 * The consent to dissemination names the operator by name, address, ИНН
 * and ОГРН (приказ Роскомнадзора от 24.02.2021 № 18): a warning at
 * `blanks:` (v) for each of them site.yml does not give.
 */
static void requisites_missing(struct builder *b, struct nv_fields *top, const struct nv_value *v)
{
	const struct nv_value *org = nv_map_get(top->map, "organization");
	const char *keys[] = { "address", "inn", "ogrn" };
	size_t i;

	for (i = 0; org && org->type == NV_MAP && i < NV_ARRAY_SIZE(keys); i++)
		if (!nv_map_get(org, keys[i]))
			nv_diag_hint(
				nv_warning(b->d, top->file, v->line, v->col,
					   "в бланках согласий не будет %s организации: в "
					   "organization нет поля «%s»",
					   i == 0   ? "адреса"
					   : i == 1 ? "ИНН"
						    : "ОГРН",
					   keys[i]),
				"согласие на распространение персональных данных должно "
				"называть адрес, ИНН и ОГРН оператора (приказ Роскомнадзора от "
				"24.02.2021 № 18): добавьте «%s: …» в organization",
				keys[i]);
}

void mdl_read_blanks(struct builder *b, struct nv_fields *top)
{
	struct nv_site *s = &b->m->site;
	const struct nv_value *v = nv_map_get(top->map, "blanks"), *it;
	const char *near;
	size_t i, n = 0;

	nv_fields_allow(top, "blanks");
	if (!v)
		return;
	s->blanks_line = v->line;
	s->blanks_col = v->col;
	if (v->type == NV_BOOL) {
		s->blanks_all = v->boolean;
		if (s->blanks_all)
			requisites_missing(b, top, v);
		return;
	}
	if (v->type != NV_LIST) {
		nv_diag_hint(nv_field_error(top, v,
					    "поле «blanks» должно быть true или списком "
					    "бланков"),
			     "«blanks: true» — все бланки программы, или список: «blanks: "
			     "[soglasie-na-obrabotku, anketa-nastavnika]»");
		return;
	}
	s->blanks = nv_xcalloc(v->nr + 1, sizeof(*s->blanks));
	for (i = 0; i < v->nr; i++) {
		it = v->items[i];
		if (it->type == NV_STRING && builtin_index(it->str) >= 0) {
			s->blanks[n++] = it->str;
			continue;
		}
		near = it->str ? nv_suggest(it->str, builtin_ids(), NV_ARRAY_SIZE(forms_text))
			       : NULL;
		if (near)
			nv_diag_hint(nv_field_error(top, it, "бланка «%s» нет", it->str),
				     "возможно, имелось в виду «%s»", near);
		else
			nv_diag_hint(
				nv_field_error(top, it, "бланка «%s» нет", it->str ? it->str : ""),
				"бланки программы: %s, …; все — «blanks: true»", forms_text[0].id);
	}
}

/* Whether site.yml switches the built-in form i on. */
static bool blank_on(const struct nv_site *s, size_t i)
{
	size_t k;

	if (s->blanks_all)
		return true;
	for (k = 0; s->blanks && s->blanks[k]; k++)
		if (!strcmp(s->blanks[k], forms_text[i].id))
			return true;
	return false;
}

void mdl_builtin_forms(struct builder *b, void (*add)(struct builder *, struct nv_doc *))
{
	struct nv_model *m = b->m;
	struct nv_entry *dup;
	struct nv_doc *doc;
	size_t i;
	char *path;

	for (i = 0; i < NV_ARRAY_SIZE(forms_text); i++) {
		if (!blank_on(&m->site, i))
			continue;
		/* The project's own content/forms/ID.md replaces the built-in one. */
		if ((dup = nv_model_entry(m, forms_text[i].id))) {
			if (dup->kind != NV_KIND_FORM)
				nv_diag_hint(
					nv_warning(b->d, b->site_file, m->site.blanks_line,
						   m->site.blanks_col,
						   "бланк «%s» не добавлен: документ с таким id "
						   "уже есть: %s",
						   forms_text[i].id, dup->path),
					"переименуйте документ или уберите бланк из blanks");
			continue;
		}
		if (builtin_off)
			continue;
		path = nv_xasprintf("forms/%s.md", forms_text[i].id);
		doc = nv_content_doc_parse(path, "forms", forms_text[i].text,
					   strlen(forms_text[i].text), b->d);
		free(path);
		if (!doc)
			continue;
		NV_GROW(m->form_docs, m->nform_docs + 1, m->form_docs_alloc);
		m->form_docs[m->nform_docs++] = doc;
		add(b, doc);
		if (nv_model_entry(m, doc->id) && nv_model_entry(m, doc->id)->doc == doc)
			nv_model_entry(m, doc->id)->builtin = true;
	}
}

/* --- filling in a form ---------------------------------------------------------------- */

/* The title of the project's program when there is exactly one, else NULL. */
static const char *program_title(const struct nv_model *m)
{
	const char *title = NULL;
	const struct nv_value *t;
	size_t i, n = 0;

	/* Entries are read on threads: take the title from the front matter, which none changes. */
	for (i = 0; i < m->nentries; i++) {
		if (m->entries[i]->kind != NV_KIND_PROGRAM)
			continue;
		t = nv_map_get(m->entries[i]->doc->meta, "title");
		if (t && t->str)
			title = t->str;
		n++;
	}
	return n == 1 ? title : NULL;
}

/* The section's web address: the website with base_path, or NULL. */
static void section_url(struct nv_buf *out, const struct nv_site *s)
{
	size_t n;

	if (!s->website)
		return;
	n = strlen(s->website);
	while (n && s->website[n - 1] == '/')
		n--;
	nv_buf_add(out, s->website, n);
	nv_buf_adds(out, s->base_path ? s->base_path : "/");
}

/*
 * The head's title in the dative with a capital, as an application is
 * addressed: «Директору», «Заведующему», «Начальнику»; a title of several
 * words («и. о. начальника») is kept as written.
 */
static void head_dative(struct nv_buf *out, const char *t)
{
	char *cap;
	size_t n;

	if (!t || !*t)
		return;
	if (strchr(t, ' ')) {
		nv_buf_adds(out, t);
		return;
	}
	cap = nv_utf8_capitalize(t);
	n = strlen(cap);
	if (n >= 4 && !strcmp(cap + n - 4, "ий")) {
		nv_buf_add(out, cap, n - 4);
		nv_buf_adds(out, "ему");
	} else {
		nv_buf_adds(out, cap);
		nv_buf_adds(out, "у");
	}
	free(cap);
}

/*
 * The value of placeholder key into out (unescaped); returns 1 when set,
 * 0 when site.yml does not give it, -1 for a key no form knows.
 */
static int value_of(const struct nv_model *m, const char *key, struct nv_buf *out)
{
	const struct nv_site *s = &m->site;
	const struct {
		const char *key, *value;
	} plain[] = {
		{ "organization.name", s->name },
		{ "organization.short_name", s->short_name },
		{ "organization.address", s->address },
		{ "organization.inn", s->inn },
		{ "organization.ogrn", s->ogrn },
		{ "organization.phone", s->phone },
		{ "organization.website", s->website },
		{ "organization.place", s->place },
		{ "organization.head_title", s->head_title },
		{ "section.title", s->section_title },
		{ "curator.phone", s->curator_phone },
		{ "curator.email", s->curator_email },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(plain); i++)
		if (!strcmp(key, plain[i].key)) {
			nv_buf_adds(out, plain[i].value ? plain[i].value : "");
			return plain[i].value != NULL;
		}
	if (!strcmp(key, "organization.head_dative")) {
		head_dative(out, s->head_title);
		return out->len > 0;
	}
	if (!strcmp(key, "section.url")) {
		section_url(out, s);
		return out->len > 0;
	}
	if (!strcmp(key, "program")) {
		nv_buf_adds(out, program_title(m) ? program_title(m) : "");
		return out->len > 0;
	}
	return -1;
}

/*
 * Append s to out with the marks that would start Markdown markup inside
 * a line escaped (emphasis, links, code, HTML, entities). Other marks stay
 * as they are, so a value also fits in a double-quoted cell of a
 * ```table block, where YAML allows no other escapes.
 */
static void add_md_escaped(struct nv_buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] && strchr("\\`*_[]<>&", s[i]))
			nv_buf_addch(out, '\\');
		nv_buf_addch(out, s[i]);
	}
}

/* A line to fill in by hand: n underscores, escaped («{{blank N}}», 30 by default). */
static void add_blank(struct nv_buf *out, const char *arg)
{
	long n = *arg ? strtol(arg, NULL, 10) : 30;
	long i;

	if (n < 1 || n > 80)
		n = 30;
	for (i = 0; i < n; i++)
		nv_buf_adds(out, "\\_");
}

/* Trim spaces around key[0..n) into out. */
static void trimmed(struct nv_buf *out, const char *key, size_t n)
{
	while (n && *key == ' ')
		key++, n--;
	while (n && key[n - 1] == ' ')
		n--;
	nv_buf_add(out, key, n);
}

/* One placeholder at body offset off, key k: its text into out. */
static void fill_one(struct builder *b, const struct nv_entry *e, const char *body, size_t off,
		     const char *k, struct nv_buf *out)
{
	struct nv_buf v = NV_BUF_INIT;
	int line, col, r;

	if (!strncmp(k, "blank", 5) && (!k[5] || k[5] == ' ')) {
		add_blank(out, k[5] ? k + 6 : "");
		return;
	}
	r = value_of(b->m, k, &v);
	nv_utf8_position(body, off, &line, &col);
	line += e->doc->split.body_line - 1;
	if (r < 0)
		nv_diag_hint(
			nv_error(b->d, e->path, line, col, "в бланке неизвестное поле «{{%s}}»", k),
			"поля бланков: {{organization.name}}, {{organization.address}}, "
			"{{organization.inn}}, {{organization.ogrn}}, {{section.url}}, "
			"{{program}}, {{curator.phone}}, {{blank}} (см. man 5 nastavnik, "
			"раздел БЛАНКИ)");
	else if (r == 0 && !e->builtin)
		nv_diag_hint(
			nv_warning(b->d, e->path, line, col,
				   "поле «{{%s}}» не указано в site.yml — в бланке будет пустая "
				   "строка",
				   k),
			"добавьте его в content/site.yml (см. man 5 nastavnik, раздел "
			"БЛАНКИ)");
	if (r > 0)
		add_md_escaped(out, v.ptr, v.len);
	else
		add_blank(out, "");
	nv_buf_release(&v);
}

/* The first "xx" of two bytes in [p, end), or NULL. */
static const char *find2(const char *p, const char *end, const char *xx)
{
	for (; p + 1 < end; p++)
		if (p[0] == xx[0] && p[1] == xx[1])
			return p;
	return NULL;
}

void mdl_read_form(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const char *text = nv_content_doc_text(e->doc, b->d), *body, *p, *q, *end;
	size_t len = e->doc->split.body_len;
	struct nv_buf out = NV_BUF_INIT, key = NV_BUF_INIT;
	bool any = false;

	e->letterhead = nv_field_bool(f, "letterhead", true);
	if (!text)
		return;
	body = text + e->doc->split.body_off;
	for (p = body, end = body + len; p < end;) {
		const char *open = find2(p, end, "{{"), *nl;
		if (!open)
			break;
		q = find2(open + 2, end, "}}");
		nl = memchr(open, '\n', (size_t)(end - open));
		if (!q || (nl && nl < q)) {
			nv_buf_add(&out, p, (size_t)(open + 2 - p));
			p = open + 2;
			continue;
		}
		nv_buf_add(&out, p, (size_t)(open - p));
		nv_buf_reset(&key);
		trimmed(&key, open + 2, (size_t)(q - open - 2));
		fill_one(b, e, body, (size_t)(open - body), key.ptr, &out);
		any = true;
		p = q + 2;
	}
	if (any) {
		nv_buf_add(&out, p, (size_t)(end - p));
		e->form_md = nv_md_parse_file(out.ptr, out.len, e->doc->split.body_line, 0, e->path,
					      b->d);
		if (e->form_md)
			e->md = e->form_md;
	}
	nv_buf_release(&out);
	nv_buf_release(&key);
	nv_content_doc_text_done(e->doc); /* read again by a load for once */
}
