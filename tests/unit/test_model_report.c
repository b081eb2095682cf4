/*
 * Unit tests for model_report.c: the figures of the аналитическая
 * справка and its sentences, with every number agreeing with its noun
 * and verb (1, 2, 5), a share below one per cent written «0,2», the
 * young specialists told by the mentee's part of the role model.
 */
#include "common.h"

#include "harness.h"
#include "model.h"
#include "model_report.h"
#include "typo.h"

#define NBSP "\xC2\xA0"

/* A tiny school: people and pairs given, nothing else. */
struct school {
	struct nv_model m;
	struct nv_person p[8], *pp[8];
	struct nv_pair pair[3], *pairs[3];
	struct nv_person *mentees[3][2];
};

/* got is the plain sentence want as the typography pass sets it (no-break spaces). */
#define CHECK_SET(got, want)                    \
	do {                                    \
		char *set_ = nv_typo_str(want); \
		CHECK_STR(got, set_);           \
		free(set_);                     \
	} while (0)

static void person(struct school *s, size_t i, enum nv_category c, bool mentor, bool mentee)
{
	s->p[i].category = c;
	s->p[i].mentor = mentor;
	s->p[i].mentee = mentee;
	s->pp[i] = &s->p[i];
}

static void pair(struct school *s, size_t i, size_t mentor, size_t mentee, const char *role,
		 enum nv_pair_status st)
{
	s->mentees[i][0] = &s->p[mentee];
	s->pair[i].mentor = &s->p[mentor];
	s->pair[i].mentees = s->mentees[i];
	s->pair[i].nmentees = 1;
	s->pair[i].role_model = role;
	s->pair[i].status = st;
	s->pairs[i] = &s->pair[i];
}

/* One pair: a mentor, a young specialist; one student; totals declared. */
static void test_one_of_each(void)
{
	static struct school s;
	struct nv_report r;

	memset(&s, 0, sizeof(s));
	person(&s, 0, NV_CAT_TEACHER, true, false);
	person(&s, 1, NV_CAT_TEACHER, false, true);
	person(&s, 2, NV_CAT_STUDENT, false, true);
	pair(&s, 0, 0, 1, "опытный педагог – молодой специалист", NV_PAIR_ACTIVE);
	s.m.people = s.pp;
	s.m.npeople = 3;
	s.m.pairs = s.pairs;
	s.m.npairs = 1;
	s.m.site.short_name = "МБОУ «ООШ № 2»";
	s.m.totals.teachers = 21;
	s.m.totals.young = 1;
	s.m.totals.students = 640;
	nv_report_build(&r, &s.m);
	CHECK_INT(r.rows[0].n, 2);
	CHECK_STR(r.rows[0].share_text, "10");
	CHECK_INT(r.rows[1].n, 1);
	CHECK_STR(r.rows[1].share_text, "100");
	CHECK_STR(r.rows[2].share_text, "0,1");
	CHECK_SET(r.intro, "Мониторинг проведён по данным реестра наставнических пар и групп. "
			   "В МБОУ «ООШ № 2» сформирована 1 наставническая пара или группа: "
			   "работает 1.");
	CHECK_INT(r.nconclusions, 4);
	CHECK_SET(r.conclusions[0], "В наставничестве участвуют 2 педагогических работника (10" NBSP
				    "% от 21), в том числе 1 молодой специалист из 1.");
	CHECK_SET(r.conclusions[1], "Наставники закреплены за всеми молодыми специалистами.");
	CHECK_SET(r.conclusions[2], "В наставничество вовлечён 1 обучающийся (0,1" NBSP
				    "% от 640); рекомендуется расширить участие обучающихся в "
				    "наставничестве.");
	CHECK_SET(r.conclusions[3], "Досрочно прекращённых наставнических пар и групп нет.");
	nv_report_release(&r);
}

/* Reverse mentoring is not a young specialist's pair; two pairs ended early. */
static void test_reverse_and_ended(void)
{
	static struct school s;
	struct nv_report r;

	memset(&s, 0, sizeof(s));
	person(&s, 0, NV_CAT_TEACHER, true, true);
	person(&s, 1, NV_CAT_TEACHER, true, true);
	pair(&s, 0, 0, 1, "молодой педагог – опытный педагог", NV_PAIR_ENDED_EARLY);
	pair(&s, 1, 1, 0, "опытный педагог – педагог", NV_PAIR_ENDED_EARLY);
	s.m.people = s.pp;
	s.m.npeople = 2;
	s.m.pairs = s.pairs;
	s.m.npairs = 2;
	s.m.totals.young = 5;
	nv_report_build(&r, &s.m);
	CHECK_INT(r.rows[1].n, 0);
	CHECK_SET(r.intro, "Мониторинг проведён по данным реестра наставнических пар и групп. "
			   "В организации сформированы 2 наставнические пары или группы: "
			   "прекращены досрочно 2.");
	CHECK_SET(r.conclusions[1], "Наставники не закреплены за 5 молодыми специалистами: "
				    "рекомендуется закрепить их до конца учебного года.");
	CHECK_SET(r.conclusions[3], "Работа 2 пар (групп) прекращена досрочно: рекомендуется "
				    "проанализировать причины на заседании методического совета.");
	nv_report_release(&r);
}

void nv_tests(void)
{
	NV_RUN(test_one_of_each);
	NV_RUN(test_reverse_and_ended);
}
