/*
 * person.c: the names of a person for each audience; see person.h. The
 * website follows the person's publish level, paper documents always
 * carry the real name.
 */
#include "common.h"

#include "buf.h"
#include "model.h"
#include "person.h"
#include "utf8.h"

/* The first letter of s (one UTF-8 character), appended with a dot. */
static void add_initial(struct nv_buf *out, const char *s)
{
	uint32_t cp;
	size_t k = nv_utf8_decode(s, strlen(s), &cp);

	if (k) {
		nv_buf_add(out, s, k);
		nv_buf_addch(out, '.');
	}
}

void nv_person_full_name(struct nv_buf *out, const struct nv_person *p)
{
	nv_buf_addf(out, "%s %s%s%s", p->surname, p->name, p->patronymic ? " " : "",
		    p->patronymic ? p->patronymic : "");
}

void nv_person_signature_name(struct nv_buf *out, const struct nv_person *p)
{
	add_initial(out, p->name);
	if (p->patronymic)
		add_initial(out, p->patronymic);
	nv_buf_adds(out, "\xC2\xA0");
	nv_buf_adds(out, p->surname);
}

void nv_person_public_name(struct nv_buf *out, const struct nv_person *p)
{
	switch (p->publish) {
	case NV_PUBLISH_FULL:
		nv_person_full_name(out, p);
		return;
	case NV_PUBLISH_INITIALS:
		nv_buf_adds(out, p->surname);
		nv_buf_adds(out, "\xC2\xA0");
		add_initial(out, p->name);
		if (p->patronymic) {
			nv_buf_adds(out, "\xC2\xA0");
			add_initial(out, p->patronymic);
		}
		return;
	case NV_PUBLISH_NONE:
		break;
	}
	nv_buf_adds(out, p->mentor ? "наставник" : p->mentee ? "наставляемый" : "участник");
	if (p->category == NV_CAT_STUDENT && p->class_name) {
		/* Only the grade: «7 класс», never the letter that narrows it to a few people. */
		size_t n = strspn(p->class_name, "0123456789");
		if (n)
			nv_buf_addf(out, ", %.*s класс", (int)n, p->class_name);
		else
			nv_buf_adds(out, ", обучающийся");
	} else if (p->category == NV_CAT_STUDENT) {
		nv_buf_adds(out, ", обучающийся");
	} else {
		/* Not the position: in a small school it names the person. */
		nv_buf_adds(out,
			    p->category == NV_CAT_TEACHER ? ", педагог" : ", внешний участник");
	}
}
