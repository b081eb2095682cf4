/*
 * wording.c: the fixed Russian wording of requisites; see wording.h.
 *
 * Every function appends plain UTF-8 to a buffer or returns a static
 * string; none escapes. The phrases follow ГОСТ Р 7.0.97: a numeric date
 * «ДД.ММ.ГГГГ», «№» with a no-break space before the number.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "model.h"
#include "person.h"
#include "typo.h"
#include "utf8.h"
#include "wording.h"

#define NBSP NV_WORDING_NBSP

void nv_wording_number(struct nv_buf *b, const char *number)
{
	nv_buf_adds(b, "№" NBSP);
	if (number)
		nv_buf_adds(b, number);
}

void nv_wording_order_ref(struct nv_buf *b, struct nv_date date, const char *number)
{
	nv_buf_adds(b, "от ");
	nv_date_add(b, date, NV_DATE_NUMERIC);
	nv_buf_adds(b, " ");
	nv_wording_number(b, number);
}

void nv_wording_protocol(struct nv_buf *b, bool has_date, struct nv_date date, const char *number)
{
	nv_buf_adds(b, "протокол");
	if (has_date) {
		nv_buf_adds(b, " от ");
		nv_date_add(b, date, NV_DATE_NUMERIC);
	}
	if (number) {
		nv_buf_adds(b, " ");
		nv_wording_number(b, number);
	}
}

void nv_wording_appendix(struct nv_buf *b, int number, size_t count)
{
	nv_buf_adds(b, "Приложение");
	if (count != 1)
		nv_buf_addf(b, " №" NBSP "%d", number);
}

void nv_wording_to_order(struct nv_buf *b, const char *org)
{
	nv_buf_adds(b, "к приказу ");
	if (org)
		nv_buf_adds(b, org);
}

void nv_wording_by_order(struct nv_buf *b, const char *org)
{
	nv_buf_adds(b, "приказом ");
	if (org)
		nv_buf_adds(b, org);
}

void nv_wording_acquainted(struct nv_buf *b, size_t n, enum nv_gender g)
{
	nv_buf_adds(b, "С приказом ");
	nv_buf_adds(b, n == 1 ? nv_role_word(NV_ROLE_ACQUAINTED, g) : "ознакомлены");
	nv_buf_adds(b, ":");
}

void nv_wording_acquaint_sheet(struct nv_buf *b, struct nv_date date, const char *number)
{
	nv_buf_adds(b, "Лист ознакомления с приказом ");
	nv_wording_order_ref(b, date, number);
}

/*
 * The position of the person of block a: capitalised (the block's own
 * `position`, else the head's title for the head, nv_site_position()),
 * with the person's organisation, or
 * for the approver (УТВЕРЖДАЮ, УТВЕРЖДЕНО) of a person without one,
 * o->name: ГОСТ Р 7.0.97 names the approver's position with the
 * organisation («Директор МАОУ «СОШ № 14»»).
 */
static char *position_line(const struct nv_approval *a, const struct nv_wording_org *o)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *title = a->position	   ? a->position
			    : o && o->site ? nv_site_position(o->site, a->person)
					   : a->person->position;
	char *pos = nv_utf8_capitalize(title);
	const char *where = a->person->organization;

	nv_buf_adds(&b, pos);
	free(pos);
	if (!where && (a->label == NV_LABEL_APPROVE || a->label == NV_LABEL_APPROVED) && o)
		where = o->name;
	if (where && *where) {
		nv_buf_addch(&b, ' ');
		nv_buf_adds(&b, where);
	}
	return nv_buf_detach(&b, NULL);
}

/* The lines of a block that is not derived from an order. */
static void own_lines(struct nv_approval_text *t, const struct nv_approval *a,
		      const struct nv_wording_org *o, bool web)
{
	struct nv_buf b = NV_BUF_INIT;

	if (a->cites.given) {
		nv_wording_by_order(&b, a->cites.issuer ? a->cites.issuer : o ? o->genitive : NULL);
		t->by_order = nv_buf_detach(&b, NULL);
		nv_wording_order_ref(&b, a->cites.date, a->cites.number);
		t->order_ref = nv_buf_detach(&b, NULL);
	}
	if (a->person && (a->position || a->person->position ||
			  (o && o->site && a->person == o->site->director)))
		t->position = position_line(a, o);
	if (a->body)
		t->body = nv_typo_str(a->body);
	if (a->protocol_number || a->has_protocol_date) {
		nv_wording_protocol(&b, a->has_protocol_date, a->protocol_date, a->protocol_number);
		t->protocol = nv_buf_detach(&b, NULL);
	}
	if (a->person) {
		if (!web)
			nv_person_signature_name(&b, a->person);
		if (!web || nv_person_web_signature(&b, a->person))
			t->signature = nv_buf_detach(&b, NULL);
	}
	if (a->has_date) {
		nv_date_add(&b, a->date, NV_DATE_LONG);
		t->date = nv_buf_detach(&b, NULL);
	}
	nv_buf_release(&b);
}

void nv_approval_text_init(struct nv_approval_text *t, const struct nv_entry *e,
			   const struct nv_approval *a, const struct nv_wording_org *o, bool web)
{
	struct nv_buf b = NV_BUF_INIT;

	memset(t, 0, sizeof(*t));
	t->label = nv_label_title(a->order ? NV_LABEL_APPROVED : a->label, e->gender);
	if (!a->order) {
		own_lines(t, a, o, web);
		return;
	}
	nv_wording_by_order(&b, o ? o->genitive : NULL);
	t->by_order = nv_buf_detach(&b, NULL);
	nv_wording_order_ref(&b, a->order->date, a->order->number);
	t->order_ref = nv_buf_detach(&b, NULL);
	nv_buf_release(&b);
}

void nv_wording_outside_stamp(struct nv_buf *b, const struct nv_outside_order *ref,
			      const char *genitive)
{
	nv_wording_appendix(b, ref->appendix, ref->appendix ? 2 : 1);
	nv_buf_addch(b, '\n');
	nv_wording_to_order(b, ref->issuer ? ref->issuer : genitive);
	nv_buf_addch(b, '\n');
	nv_wording_order_ref(b, ref->date, ref->number);
}

void nv_approval_text_release(struct nv_approval_text *t)
{
	free(t->by_order);
	free(t->order_ref);
	free(t->position);
	free(t->body);
	free(t->protocol);
	free(t->signature);
	free(t->date);
	memset(t, 0, sizeof(*t));
}

/* Upper-case a Russian or ASCII letter given as a code point. */
static uint32_t upper(uint32_t c)
{
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c == 0x451)
		return 0x401;
	if (c >= 'a' && c <= 'z')
		return c - 0x20;
	return c;
}

char *nv_wording_upper(const char *s)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i = 0, n, len = strlen(s);
	uint32_t cp;

	while (i < len) {
		n = nv_utf8_decode(s + i, len - i, &cp);
		if (n) {
			nv_buf_addcp(&b, upper(cp));
		} else {
			/* An invalid byte is copied as it is. */
			nv_buf_addch(&b, s[i]);
			n = 1;
		}
		i += n;
	}
	return nv_buf_detach(&b, NULL);
}
