/*
 * Unit tests for wording.c: the exact bytes of every fixed phrase of a
 * requisite, as both back ends receive them before escaping.
 */
#include "common.h"

#include "buf.h"
#include "date.h"
#include "harness.h"
#include "model.h"
#include "wording.h"

#define NBSP "\xC2\xA0"

static const struct nv_date d290825 = { 2025, 8, 29 };
static const struct nv_date d250925 = { 2025, 9, 25 };

static void test_numbers_and_references(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_wording_number(&b, "118-од");
	CHECK_STR(b.ptr, "№" NBSP "118-од");
	nv_buf_reset(&b);
	nv_wording_order_ref(&b, d290825, "118-од");
	CHECK_STR(b.ptr, "от 29.08.2025 №" NBSP "118-од");
	nv_buf_reset(&b);
	nv_wording_order_ref(&b, d290825, NULL);
	CHECK_STR(b.ptr, "от 29.08.2025 №" NBSP);
	nv_buf_reset(&b);
	nv_wording_appendix(&b, 2, 2);
	CHECK_STR(b.ptr, "Приложение №" NBSP "2");
	nv_buf_reset(&b);
	/* The only appendix has no number: «согласно приложению». */
	nv_wording_appendix(&b, 1, 1);
	CHECK_STR(b.ptr, "Приложение");
	nv_buf_reset(&b);
	nv_wording_to_order(&b, "МАОУ «СОШ №" NBSP "14»");
	CHECK_STR(b.ptr, "к приказу МАОУ «СОШ №" NBSP "14»");
	nv_buf_reset(&b);
	nv_wording_by_order(&b, NULL);
	CHECK_STR(b.ptr, "приказом ");
	nv_buf_release(&b);
}

static void test_protocol_lines(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_wording_protocol(&b, true, d290825, "1");
	CHECK_STR(b.ptr, "протокол от 29.08.2025 №" NBSP "1");
	nv_buf_reset(&b);
	nv_wording_protocol(&b, false, d290825, "1");
	CHECK_STR(b.ptr, "протокол №" NBSP "1");
	nv_buf_reset(&b);
	nv_wording_protocol(&b, true, d290825, NULL);
	CHECK_STR(b.ptr, "протокол от 29.08.2025");
	nv_buf_release(&b);
}

static void test_derived_block(void)
{
	struct nv_entry e, order;
	struct nv_approval a;
	struct nv_approval_text t;

	memset(&e, 0, sizeof(e));
	memset(&order, 0, sizeof(order));
	memset(&a, 0, sizeof(a));
	e.gender = NV_FEMININE;
	order.date = d290825;
	order.number = "118-од";
	a.label = NV_LABEL_ACCEPTED; /* a derived block is УТВЕРЖДЕНО whatever it says */
	a.order = &order;
	nv_approval_text_init(&t, &e, &a, &(struct nv_wording_org){ "МАОУ СОШ", "МАОУ СОШ", NULL },
			      false);
	CHECK_STR(t.label, "УТВЕРЖДЕНА");
	CHECK_STR(t.by_order, "приказом МАОУ СОШ");
	CHECK_STR(t.order_ref, "от 29.08.2025 №" NBSP "118-од");
	CHECK(!t.position && !t.body && !t.protocol && !t.signature && !t.date);
	nv_approval_text_release(&t);
	CHECK(!t.by_order);
}

static void test_own_block(void)
{
	struct nv_entry e;
	struct nv_person p;
	struct nv_approval a;
	struct nv_approval_text t;

	memset(&e, 0, sizeof(e));
	memset(&p, 0, sizeof(p));
	memset(&a, 0, sizeof(a));
	e.gender = NV_NEUTER;
	p.surname = "Петрова";
	p.name = "Анна";
	p.patronymic = "Николаевна";
	p.position = "директор";
	a.label = NV_LABEL_ACCEPTED;
	a.body = "на педагогическом совете";
	a.protocol_number = "1";
	a.has_protocol_date = true;
	a.protocol_date = d290825;
	a.person = &p;
	a.has_date = true;
	a.date = d250925;
	nv_approval_text_init(&t, &e, &a, &(struct nv_wording_org){ "не нужна", "не нужна", NULL },
			      false);
	CHECK_STR(t.label, "ПРИНЯТО");
	CHECK(!t.by_order && !t.order_ref);
	CHECK_STR(t.position, "Директор");
	CHECK_STR(t.body, "на" NBSP "педагогическом совете");
	CHECK_STR(t.protocol, "протокол от 29.08.2025 №" NBSP "1");
	CHECK_STR(t.signature, "А.Н." NBSP "Петрова");
	CHECK_STR(t.date, "25 сентября 2025" NBSP "г.");
	nv_approval_text_release(&t);

	/*
	 * On the website the signature follows the publish level: initials
	 * keep it, none leaves it out (the position and date stay).
	 */
	p.publish = NV_PUBLISH_INITIALS;
	nv_approval_text_init(&t, &e, &a, NULL, true);
	CHECK_STR(t.signature, "А.Н." NBSP "Петрова");
	nv_approval_text_release(&t);
	p.publish = NV_PUBLISH_NONE;
	nv_approval_text_init(&t, &e, &a, NULL, true);
	CHECK(!t.signature);
	CHECK_STR(t.position, "Директор");
	CHECK_STR(t.date, "25 сентября 2025" NBSP "г.");
	nv_approval_text_release(&t);
	nv_approval_text_init(&t, &e, &a, NULL, false);
	CHECK_STR(t.signature, "А.Н." NBSP "Петрова");
	nv_approval_text_release(&t);

	/* The approver's position names the organisation: its own, or the school. */
	struct nv_wording_org school = { "МАОУ «СОШ №" NBSP "14»", "МАОУ «СОШ №" NBSP "14»", NULL };
	a.label = NV_LABEL_APPROVE;
	nv_approval_text_init(&t, &e, &a, &school, false);
	CHECK_STR(t.position, "Директор МАОУ «СОШ №" NBSP "14»");
	nv_approval_text_release(&t);
	p.organization = "МАУ ДО «ЦДТ»";
	nv_approval_text_init(&t, &e, &a, &school, false);
	CHECK_STR(t.position, "Директор МАУ ДО «ЦДТ»");
	nv_approval_text_release(&t);
	p.organization = NULL;

	/* Without protocol, person or date: only the label and the text. */
	memset(&a, 0, sizeof(a));
	a.label = NV_LABEL_APPROVED;
	a.body = "Совет";
	e.gender = NV_MASCULINE;
	nv_approval_text_init(&t, &e, &a, NULL, false);
	CHECK_STR(t.label, "УТВЕРЖДЕН");
	CHECK_STR(t.body, "Совет");
	CHECK(!t.position && !t.protocol && !t.signature && !t.date);
	nv_approval_text_release(&t);
	CHECK_STR(NV_WORDING_DATE_BLANK, "«____» ______________ 20___" NBSP "г.");
}

/*
 * A block that cites an outside order reads in the order of ГОСТ Р
 * 7.0.97: «приказом <issuer> от … № …» first, then the position (the
 * head's title for the head, with the organisation), signature, date.
 */
static void test_outside_order(void)
{
	struct nv_entry e;
	struct nv_person p;
	struct nv_approval a;
	struct nv_approval_text t;
	struct nv_site site;
	struct nv_wording_org o = { "МБДОУ «Детский сад №" NBSP "5»",
				    "МБДОУ «Детский сад №" NBSP "5»", &site };
	struct nv_buf b = NV_BUF_INIT;

	memset(&e, 0, sizeof(e));
	memset(&p, 0, sizeof(p));
	memset(&a, 0, sizeof(a));
	memset(&site, 0, sizeof(site));
	e.gender = NV_NEUTER;
	p.surname = "Гришина";
	p.name = "Т.";
	p.patronymic = "П.";
	p.position = "воспитатель";
	site.director = &p;
	site.head_title = "заведующий";
	a.label = NV_LABEL_APPROVED;
	a.cites.given = true;
	a.cites.number = "45";
	a.cites.date = d290825;
	a.person = &p;
	a.has_date = true;
	a.date = d290825;
	nv_approval_text_init(&t, &e, &a, &o, false);
	CHECK_STR(t.label, "УТВЕРЖДЕНО");
	CHECK_STR(t.by_order, "приказом МБДОУ «Детский сад №" NBSP "5»");
	CHECK_STR(t.order_ref, "от 29.08.2025 №" NBSP "45");
	CHECK_STR(t.position, "Заведующий МБДОУ «Детский сад №" NBSP "5»");
	CHECK_STR(t.signature, "Т.П." NBSP "Гришина");
	CHECK_STR(t.date, "29 августа 2025" NBSP "г.");
	nv_approval_text_release(&t);
	a.cites.issuer = "Отдела образования";
	nv_approval_text_init(&t, &e, &a, &o, false);
	CHECK_STR(t.by_order, "приказом Отдела образования");
	nv_approval_text_release(&t);

	/* The stamp of an appendix of an outside order, with and without its number. */
	a.cites.appendix = 2;
	nv_wording_outside_stamp(&b, &a.cites, "не нужна");
	CHECK_STR(b.ptr,
		  "Приложение №" NBSP "2\nк приказу Отдела образования\nот 29.08.2025 №" NBSP "45");
	nv_buf_reset(&b);
	a.cites.appendix = 0;
	a.cites.issuer = NULL;
	nv_wording_outside_stamp(&b, &a.cites, "Управления образования");
	CHECK_STR(b.ptr, "Приложение\nк приказу Управления образования\nот 29.08.2025 №" NBSP "45");
	nv_buf_release(&b);
}

/* An acquaintance sheet at the top of a page names its order. */
static void test_acquaint_sheet(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_wording_acquaint_sheet(&b, d290825, "131-од");
	CHECK_STR(b.ptr, "Лист ознакомления с приказом от 29.08.2025 №" NBSP "131-од");
	nv_buf_release(&b);
}

/* The acquaintance heading: plural for a list, agreeing with a single person. */
static void test_acquainted(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_wording_acquainted(&b, 3, NV_FEMININE);
	CHECK_STR(b.ptr, "С приказом ознакомлены:");
	nv_buf_reset(&b);
	nv_wording_acquainted(&b, 1, NV_FEMININE);
	CHECK_STR(b.ptr, "С приказом ознакомлена:");
	nv_buf_reset(&b);
	nv_wording_acquainted(&b, 1, NV_MASCULINE);
	CHECK_STR(b.ptr, "С приказом ознакомлен:");
	nv_buf_reset(&b);
	nv_wording_acquainted(&b, 1, NV_NEUTER);
	CHECK_STR(b.ptr, "С приказом ознакомлен:");
	nv_buf_release(&b);
}

static void test_upper_case(void)
{
	char *s = nv_wording_upper("Положение ёлки «abc» 1");

	CHECK_STR(s, "ПОЛОЖЕНИЕ ЁЛКИ «ABC» 1");
	free(s);
}

void nv_tests(void)
{
	NV_RUN(test_numbers_and_references);
	NV_RUN(test_protocol_lines);
	NV_RUN(test_derived_block);
	NV_RUN(test_own_block);
	NV_RUN(test_outside_order);
	NV_RUN(test_acquainted);
	NV_RUN(test_acquaint_sheet);
	NV_RUN(test_upper_case);
}
