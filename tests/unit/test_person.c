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

/* The description of a hidden person agrees with the gender; unknown reads as masculine. */
static void test_public_name_none_agrees_in_gender(void)
{
	struct nv_person p = teacher(NV_PUBLISH_NONE);
	struct nv_buf b = NV_BUF_INIT;

	p.gender = NV_FEMININE;
	p.mentee = true;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставляемая, педагог");
	nv_buf_reset(&b);

	p.mentee = false;
	p.mentor = true;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставник, педагог");
	nv_buf_reset(&b);

	p.mentor = false;
	p.category = NV_CAT_STUDENT;
	p.class_name = "9 «Б»";
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "участница, 9 класс");
	nv_buf_reset(&b);

	p.mentee = true;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставляемая, 9 класс");
	nv_buf_reset(&b);

	p.class_name = NULL;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "наставляемая, обучающаяся");
	nv_buf_reset(&b);

	p.mentee = false;
	p.category = NV_CAT_EXTERNAL;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "участница, внешняя участница");
	nv_buf_reset(&b);

	p.gender = NV_MASCULINE;
	nv_person_public_name(&b, &p);
	CHECK_STR(b.ptr, "участник, внешний участник");
	nv_buf_release(&b);
}

/* Every role word in both genders; an unknown gender takes the masculine form. */
static void test_role_words(void)
{
	CHECK_STR(nv_role_word(NV_ROLE_MENTOR, NV_FEMININE), "наставник");
	CHECK_STR(nv_role_word(NV_ROLE_MENTOR, NV_MASCULINE), "наставник");
	CHECK_STR(nv_role_word(NV_ROLE_MENTEE, NV_FEMININE), "наставляемая");
	CHECK_STR(nv_role_word(NV_ROLE_MENTEE, NV_MASCULINE), "наставляемый");
	CHECK_STR(nv_role_word(NV_ROLE_PARTICIPANT, NV_FEMININE), "участница");
	CHECK_STR(nv_role_word(NV_ROLE_PARTICIPANT, NV_MASCULINE), "участник");
	CHECK_STR(nv_role_word(NV_ROLE_EXTERNAL, NV_FEMININE), "внешняя участница");
	CHECK_STR(nv_role_word(NV_ROLE_EXTERNAL, NV_MASCULINE), "внешний участник");
	CHECK_STR(nv_role_word(NV_ROLE_TEACHER, NV_FEMININE), "педагог");
	CHECK_STR(nv_role_word(NV_ROLE_TEACHER, NV_MASCULINE), "педагог");
	CHECK_STR(nv_role_word(NV_ROLE_STUDENT, NV_FEMININE), "обучающаяся");
	CHECK_STR(nv_role_word(NV_ROLE_STUDENT, NV_MASCULINE), "обучающийся");
	CHECK_STR(nv_role_word(NV_ROLE_ACQUAINTED, NV_FEMININE), "ознакомлена");
	CHECK_STR(nv_role_word(NV_ROLE_ACQUAINTED, NV_MASCULINE), "ознакомлен");
	CHECK_STR(nv_role_word(NV_ROLE_STUDENT, NV_NEUTER), "обучающийся");
}

static void test_gender_from_patronymic(void)
{
	CHECK(nv_gender_from_patronymic("Николаевна") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("Ильинична") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("Фоминишна") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("Алиевна кызы") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("Гасан кызы") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("ИВАНОВНА") == NV_FEMININE);
	CHECK(nv_gender_from_patronymic("Петрович") == NV_MASCULINE);
	CHECK(nv_gender_from_patronymic("Ильич") == NV_MASCULINE);
	CHECK(nv_gender_from_patronymic("Кузьмич ") == NV_MASCULINE);
	CHECK(nv_gender_from_patronymic("Рашид оглы") == NV_MASCULINE);
	CHECK(nv_gender_from_patronymic("ПЕТРОВИЧ") == NV_MASCULINE);
	CHECK(nv_gender_from_patronymic(NULL) == NV_NEUTER);
	CHECK(nv_gender_from_patronymic("") == NV_NEUTER);
	CHECK(nv_gender_from_patronymic("Smith") == NV_NEUTER);
	CHECK(nv_gender_from_patronymic("Ивановская") == NV_NEUTER);
}

/* A list on the web: hidden people alike are counted, not described again and again. */
static void test_public_list_groups_hidden_people(void)
{
	struct nv_person t1 = teacher(NV_PUBLISH_NONE), t2 = teacher(NV_PUBLISH_NONE),
			 t3 = teacher(NV_PUBLISH_NONE), pub = teacher(NV_PUBLISH_INITIALS);
	struct nv_person s1 = { 0 }, s2 = { 0 }, s3 = { 0 };
	struct nv_person *v[] = { &t1, &pub, &t2, &s1, &t3, &s2, &s3 };
	struct nv_buf b = NV_BUF_INIT;

	t1.mentee = t2.mentee = t3.mentee = true;
	s1.category = s2.category = s3.category = NV_CAT_STUDENT;
	s1.class_name = "7 «А»";
	s2.class_name = "7 «Б»"; /* the letter is never shown, so 7 «А» and 7 «Б» are alike */
	s3.class_name = "8 «А»";
	s3.mentee = true;
	s3.gender = NV_FEMININE;
	nv_people_public_list(&b, v, NV_ARRAY_SIZE(v));
	CHECK_STR(b.ptr, "3\xC2\xA0педагога; Орлова\xC2\xA0Т.\xC2\xA0Н.; 2\xC2\xA0обучающихся "
			 "7\xC2\xA0класса; наставляемая, 8 класс");
	nv_buf_reset(&b);
	nv_people_public_list(&b, v, 1);
	CHECK_STR(b.ptr, "наставляемый, педагог");
	nv_buf_release(&b);
}

void nv_tests(void)
{
	NV_RUN(test_full_name);
	NV_RUN(test_signature_name);
	NV_RUN(test_public_name_full_and_initials);
	NV_RUN(test_public_name_none_describes_the_role);
	NV_RUN(test_public_name_none_agrees_in_gender);
	NV_RUN(test_role_words);
	NV_RUN(test_gender_from_patronymic);
	NV_RUN(test_public_list_groups_hidden_people);
}
