/*
 * person.c: the names of a person for each audience; see person.h. The
 * website follows the person's publish level, paper documents always
 * carry the real name. The role words that agree in gender live here too,
 * so the web description of a hidden person and the labels on paper use
 * the same forms.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "model.h"
#include "person.h"
#include "utf8.h"

/* Masculine and feminine form of every enum nv_role_word, in its order. */
static const char *const role_words[][2] = {
	{ "наставник", "наставник" },	 { "наставляемый", "наставляемая" },
	{ "участник", "участница" },	 { "внешний участник", "внешняя участница" },
	{ "педагог", "педагог" },	 { "обучающийся", "обучающаяся" },
	{ "ознакомлен", "ознакомлена" },
};

const char *nv_role_word(enum nv_role_word w, enum nv_gender g)
{
	return role_words[w][g == NV_FEMININE ? 1 : 0];
}

/* Whether the folded patronymic ends with suffix (both UTF-8). */
static bool ends_with(const struct nv_buf *s, const char *suffix)
{
	size_t n = strlen(suffix);

	return s->len >= n && !memcmp(s->ptr + s->len - n, suffix, n);
}

enum nv_gender nv_gender_from_patronymic(const char *patronymic)
{
	static const char *const female[] = { "вна", "чна", "шна", "кызы" };
	static const char *const male[] = { "ич", "оглы" };
	struct nv_buf b = NV_BUF_INIT;
	enum nv_gender g = NV_NEUTER;
	size_t i;

	if (!patronymic)
		return NV_NEUTER;
	nv_utf8_fold(&b, patronymic, strlen(patronymic));
	for (i = 0; i < NV_ARRAY_SIZE(female); i++)
		if (ends_with(&b, female[i]))
			g = NV_FEMININE;
	for (i = 0; i < NV_ARRAY_SIZE(male); i++)
		if (ends_with(&b, male[i]))
			g = NV_MASCULINE;
	nv_buf_release(&b);
	return g;
}

/* The first letter of s (one UTF-8 character), appended with a dot. */
void nv_person_add_initial(struct nv_buf *out, const char *s)
{
	uint32_t cp;
	size_t k = s ? nv_utf8_decode(s, strlen(s), &cp) : 0;

	if (k) {
		nv_buf_add(out, s, k);
		nv_buf_addch(out, '.');
	}
}

void nv_person_full_name(struct nv_buf *out, const struct nv_person *p)
{
	nv_buf_adds(out, p->surname);
	nv_buf_addch(out, ' ');
	nv_buf_adds(out, p->name);
	if (p->patronymic) {
		nv_buf_addch(out, ' ');
		nv_buf_adds(out, p->patronymic);
	}
}

void nv_person_signature_name(struct nv_buf *out, const struct nv_person *p)
{
	nv_person_add_initial(out, p->name);
	if (p->patronymic)
		nv_person_add_initial(out, p->patronymic);
	nv_buf_adds(out, "\xC2\xA0");
	nv_buf_adds(out, p->surname);
}

bool nv_person_web_signature(struct nv_buf *out, const struct nv_person *p)
{
	if (p->publish == NV_PUBLISH_NONE)
		return false;
	nv_person_signature_name(out, p);
	return true;
}

/* p's initials after a surname, each after sep: « Т. Н.». */
static void add_initials(struct nv_buf *out, const struct nv_person *p, const char *sep)
{
	nv_buf_adds(out, sep);
	nv_person_add_initial(out, p->name);
	if (p->patronymic) {
		nv_buf_adds(out, sep);
		nv_person_add_initial(out, p->patronymic);
	}
}

void nv_person_short_name(struct nv_buf *out, const struct nv_person *p)
{
	nv_buf_adds(out, p->surname);
	add_initials(out, p, "\xC2\xA0");
}

bool nv_person_web_hidden(const struct nv_person *p)
{
	return p && (p->publish == NV_PUBLISH_NONE || p->category == NV_CAT_STUDENT);
}

void nv_person_public_name(struct nv_buf *out, const struct nv_person *p)
{
	switch (p->publish) {
	case NV_PUBLISH_FULL:
		nv_person_full_name(out, p);
		return;
	case NV_PUBLISH_INITIALS:
		nv_person_short_name(out, p);
		return;
	case NV_PUBLISH_NONE:
		break;
	}
	nv_buf_adds(out, nv_role_word(p->mentor	  ? NV_ROLE_MENTOR
				      : p->mentee ? NV_ROLE_MENTEE
						  : NV_ROLE_PARTICIPANT,
				      p->gender));
	nv_buf_adds(out, ", ");
	if (p->category == NV_CAT_STUDENT) {
		/* Only the grade: «7 класс», never the letter that narrows it to a few people. */
		size_t n = p->class_name ? strspn(p->class_name, "0123456789") : 0;
		if (n) {
			nv_buf_add(out, p->class_name, n);
			nv_buf_adds(out, " класс");
		} else {
			nv_buf_adds(out, nv_role_word(NV_ROLE_STUDENT, p->gender));
		}
	} else {
		/* Not the position: in a small school it names the person. */
		nv_buf_adds(out, nv_role_word(p->category == NV_CAT_TEACHER ? NV_ROLE_TEACHER
									    : NV_ROLE_EXTERNAL,
					      p->gender));
	}
}

/* The grade of a student («7» of «7 «Б»»), as its length in class_name; 0 if none. */
static size_t grade_len(const struct nv_person *p)
{
	return p->category == NV_CAT_STUDENT && p->class_name ? strspn(p->class_name, "0123456789")
							      : 0;
}

/* True if hidden a and b are described alike on the web (same kind, same grade). */
static bool alike(const struct nv_person *a, const struct nv_person *b)
{
	size_t n = grade_len(a);

	return a->category == b->category && n == grade_len(b) &&
	       !strncmp(a->class_name ? a->class_name : "", b->class_name ? b->class_name : "", n);
}

/* «3 педагога», «2 обучающихся 7 класса», «4 участника»: n (≥ 2) hidden people alike p. */
static void add_group(struct nv_buf *out, const struct nv_person *p, size_t n)
{
	size_t g = grade_len(p);

	nv_buf_addf(out, "%zu\xC2\xA0", n);
	if (p->category == NV_CAT_TEACHER)
		nv_buf_adds(out, nv_plural(n, "педагог", "педагога", "педагогов"));
	else if (p->category == NV_CAT_STUDENT)
		nv_buf_adds(out, "обучающихся");
	else
		nv_buf_adds(out, nv_plural(n, "участник", "участника", "участников"));
	if (g)
		nv_buf_addf(out, " %.*s\xC2\xA0класса", (int)g, p->class_name);
}

void nv_people_public_list(struct nv_buf *out, struct nv_person *const *v, size_t n)
{
	bool *done = nv_xcalloc(n + 1, sizeof(*done));
	size_t i, k, count, items = 0;

	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (count = 1, k = i + 1; v[i]->publish == NV_PUBLISH_NONE && k < n; k++)
			if (!done[k] && v[k]->publish == NV_PUBLISH_NONE && alike(v[i], v[k])) {
				done[k] = true;
				count++;
			}
		if (items++)
			nv_buf_adds(out, "; ");
		if (count > 1)
			add_group(out, v[i], count);
		else
			nv_person_public_name(out, v[i]);
	}
	free(done);
}

char *nv_person_who(const struct nv_person *p)
{
	static const char *const publish_words[] = { "none", "initials", "full" };

	return p->category == NV_CAT_STUDENT
		       ? nv_xasprintf("%s, обучающийся", p->id)
		       : nv_xasprintf("%s, publish: %s", p->id, publish_words[p->publish]);
}

const char *nv_person_web_rule(const struct nv_person *p)
{
	return p->publish == NV_PUBLISH_INITIALS && p->category != NV_CAT_STUDENT
		       ? "на сайте называют только фамилией с инициалами"
		       : "нельзя называть на сайте";
}

/* The first word of form (up to a space, U+00A0 included). */
static size_t first_word(const char *form, size_t n)
{
	size_t i;

	for (i = 0; i < n && form[i] != ' ' && (unsigned char)form[i] != 0xC2; i++)
		;
	return i;
}

/* True if the word w (n bytes) starts like p's surname (a case form of it). */
static bool surname_word(const char *w, size_t n, const struct nv_person *p)
{
	size_t chars = nv_utf8_count(p->surname, strlen(p->surname)), keep, i = 0, k;
	uint32_t cp;

	keep = chars > 3 ? chars - 2 : chars;
	while (keep-- && p->surname[i]) {
		k = nv_utf8_decode(p->surname + i, strlen(p->surname + i), &cp);
		i += k ? k : 1;
	}
	return n >= i && !memcmp(w, p->surname, i);
}

void nv_person_mention_example(struct nv_buf *out, const char *form, size_t n,
			       const struct nv_person *p, bool leak)
{
	size_t w = first_word(form, n);

	nv_buf_addch(out, '[');
	if (p->publish == NV_PUBLISH_INITIALS && (leak || w == n)) {
		if (surname_word(form, w, p))
			nv_buf_add(out, form, w);
		else
			nv_buf_adds(out, p->surname);
		add_initials(out, p, " ");
	} else {
		nv_buf_add(out, form, n);
	}
	nv_buf_addf(out, "](@%s%s)", p->id, p->publish == NV_PUBLISH_NONE ? " \"…\"" : "");
	if (p->publish == NV_PUBLISH_NONE)
		nv_buf_adds(out, "; в кавычках напишите, как назвать человека на сайте вместо "
				 "имени, в том же падеже");
}
