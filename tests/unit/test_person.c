/* Unit tests for person.c: the names of a person for each audience. */
#include "common.h"

#include "buf.h"
#include "harness.h"
#include "model.h"
#include "person.h"

static struct nv_person teacher(enum nv_publish publish)
{
	struct nv_person p = { 0 };

	p.id = "orlova-tn";
	p.surname = "Орлова";
	p.name = "Татьяна";
	p.patronymic = "Николаевна";
	p.position = "учитель русского языка и литературы";
	p.category = NV_CAT_TEACHER;
	p.publish = publish;
	return p;
}

static void test_full_name(void)
{
	struct nv_person p = teacher(NV_PUBLISH_NONE);
	struct nv_buf b = NV_BUF_INIT;

	nv_person_full_name(&b, &p);
	CHECK_STR(b.ptr, "Орлова Татьяна Николаевна");
	nv_buf_reset(&b);
	p.patronymic = NULL;
	nv_person_full_name(&b, &p);
	CHECK_STR(b.ptr, "Орлова Татьяна");
	nv_buf_release(&b);
}

/* Signatures always carry the real name, whatever the publish level. */
static void test_signature_name(void)
{
	struct nv_person p = teacher(NV_PUBLISH_NONE);
	struct nv_buf b = NV_BUF_INIT;

	nv_person_signature_name(&b, &p);
	CHECK_STR(b.ptr, "Т.Н.\xC2\xA0Орлова");
	nv_buf_reset(&b);
	p.patronymic = NULL;
	nv_person_signature_name(&b, &p);
	CHECK_STR(b.ptr, "Т.\xC2\xA0Орлова");
	nv_buf_release(&b);
}

static void test_public_name_full_and_initials(void)
{
	struct nv_person p = teacher(NV_PUBLISH_FULL);
	struct nv_buf b = NV_BUF_INIT;

	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "Орлова Татьяна Николаевна");
	nv_buf_reset(&b);
	p.publish = NV_PUBLISH_INITIALS;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "Орлова\xC2\xA0Т.\xC2\xA0Н.");
	nv_buf_reset(&b);
	p.patronymic = NULL;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "Орлова\xC2\xA0Т.");
	nv_buf_release(&b);
}

/* publish: none gives the role, never the name, the position or the class letter. */
static void test_public_name_none_describes_the_role(void)
{
	struct nv_person p = teacher(NV_PUBLISH_NONE);
	struct nv_buf b = NV_BUF_INIT;

	p.mentor = true;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставник, педагог");
	nv_buf_reset(&b);

	p.surname = "Лапина";
	p.name = "Ульяна";
	p.patronymic = "Дмитриевна";
	p.category = NV_CAT_STUDENT;
	p.class_name = "9 «А»";
	p.mentor = false;
	p.mentee = true;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставляемый, 9 класс");
	nv_buf_reset(&b);

	p.class_name = "«А»";
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставляемый, обучающийся");
	nv_buf_reset(&b);

	p.class_name = NULL;
	p.mentee = false;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "участник, обучающийся");
	nv_buf_reset(&b);

	p.category = NV_CAT_EXTERNAL;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "участник, внешний участник");
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_full_name);
	NV_RUN(test_signature_name);
	NV_RUN(test_public_name_full_and_initials);
	NV_RUN(test_public_name_none_describes_the_role);
}
