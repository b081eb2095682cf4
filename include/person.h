/*
 * person.h: the name of a person (struct nv_person, model.h) as each
 * audience may see it. The website shows what the publish level allows
 * (a role description for publish: none, so minors never appear by
 * name); signatures and lists on paper use the real name.
 */
#ifndef NV_PERSON_H
#define NV_PERSON_H

#include "common.h"

#include "model.h"

struct nv_buf;

/*
 * The words that name a person's role and agree with the person's gender
 * («обучающийся» / «обучающаяся»). They are the model's vocabulary, like
 * the labels of approval blocks in model.h: the model describes hidden
 * people on the web with them, and the wording module and the print back
 * end label people on paper with the same words (they sit above the
 * model and include this header; the model never includes theirs).
 */
enum nv_role_word {
	NV_ROLE_MENTOR,	     /* «наставник» (the term of Р-145 for both genders) */
	NV_ROLE_MENTEE,	     /* «наставляемый» / «наставляемая» */
	NV_ROLE_PARTICIPANT, /* «участник» / «участница» */
	NV_ROLE_EXTERNAL, /* «внешний участник» / «внешняя участница» */
	NV_ROLE_TEACHER,   /* «педагог» (one word for both genders) */
	NV_ROLE_STUDENT,   /* «обучающийся» / «обучающаяся» */
	NV_ROLE_ACQUAINTED /* «ознакомлен» / «ознакомлена» */
};

/*
 * The word w in the form that agrees with gender g, a static UTF-8
 * string. NV_FEMININE gives the feminine form; NV_MASCULINE and
 * NV_NEUTER (gender not known) give the masculine one, the form Russian
 * documents use for a person of unknown gender.
 */
const char *nv_role_word(enum nv_role_word w, enum nv_gender g);

/*
 * The gender told by a patronymic: «-вна», «-чна», «-шна», «кызы» give
 * NV_FEMININE; «-ич» (so «-вич»), «оглы» give NV_MASCULINE; anything else,
 * NULL included, gives NV_NEUTER (cannot be told). Letter case is ignored.
 */
enum nv_gender nv_gender_from_patronymic(const char *patronymic);

/*
 * Append the person's name as the publish level allows on the website:
 * full «Орлова Татьяна Николаевна», initials «Орлова Т. Н.», none: a
 * description of the role that agrees with the person's gender
 * («наставляемый, 7 класс», «наставляемая, 7 класс»).
 */
void nv_person_public_name(struct nv_buf *out, const struct nv_person *p);
/*
 * Whether the website names p by no name at all: publish: none, and
 * every student, whatever publish says.
 */
bool nv_person_web_hidden(const struct nv_person *p);
/*
 * Append the names of the n people of v as the website shows a list of
 * them, separated by «; »: each published person by name, and people
 * hidden from the site grouped by what describes them, counted — «3
 * педагога», «2 обучающихся 7 класса» — instead of a description
 * repeated for each («наставляемый, педагог; наставляемая, педагог; …»).
 * One hidden person alone keeps the description of
 * nv_person_public_name().
 */
void nv_people_public_list(struct nv_buf *out, struct nv_person *const *v, size_t n);

/* Append the first letter of s with a dot («Т.»); nothing for NULL or "". */
void nv_person_add_initial(struct nv_buf *out, const char *s);

/*
 * The mention to write for form (n bytes, a form of p's name found in a
 * text) in a message's hint: «[Павловой Ольге Константиновне](@pavlova-ok
 * "…")» for a hidden person (the title is what the website shows
 * instead); for one published with initials, the surname as written with
 * the initials, which the website keeps in the author's case (always for
 * a leak: a form beyond p's level); else the form as written.
 */
void nv_person_mention_example(struct nv_buf *out, const char *form, size_t n,
			       const struct nv_person *p, bool leak);

/* «Орлова Т. Н.» (no-break spaces): lists on paper, and the web at publish: initials. */
void nv_person_short_name(struct nv_buf *out, const struct nv_person *p);

/* «Т.Н. Орлова» — for signatures (always the real name: paper only). */
void nv_person_signature_name(struct nv_buf *out, const struct nv_person *p);
/*
 * The signature on the website: «Т.Н. Орлова» when p is published (full
 * or initials: the signature shows no more than initials); nothing for
 * publish: none, and false (the block keeps its position and date).
 */
bool nv_person_web_signature(struct nv_buf *out, const struct nv_person *p);
/* «Орлова Татьяна Николаевна». */
void nv_person_full_name(struct nv_buf *out, const struct nv_person *p);

/*
 * For a message about a name the website may not show: who p is,
 * «sergeev-ko, publish: none» or «belova-da, обучающийся» (the caller
 * frees it), and what the website may not do with the name, after
 * «имя человека, которого»: «нельзя называть на сайте», «на сайте
 * называют только фамилией с инициалами».
 */
char *nv_person_who(const struct nv_person *p);
const char *nv_person_web_rule(const struct nv_person *p);

#endif
