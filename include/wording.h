/*
 * wording.h: the fixed Russian wording of document requisites, shared by
 * the website (html) and paper (print) back ends.
 *
 * ГОСТ Р 7.0.97 fixes how an approval block, a date-and-number reference
 * and an appendix mark read: «УТВЕРЖДЕНО приказом МАОУ «СОШ № 14» от
 * 29.08.2025 № 118-од», «Приложение № 2 к приказу …». Each phrase is
 * written here once, as plain UTF-8; every back end escapes it its own way
 * (HTML through its templates, Pango markup in print). Nothing here adds
 * typography to text the caller passes in, except the free text of an
 * approval block, which both back ends show typeset.
 *
 * The sign «№» is always followed by a no-break space (U+00A0), so a
 * number never starts a line on its own.
 *
 * The module sits above the model and below both back ends: it knows the
 * model's types (approval blocks, genders). The role words that agree
 * with a person's gender («обучающаяся», «ознакомлена») are the model's
 * too (person.h: the model describes hidden people with them); the
 * phrases built from them are here. The words users also write
 * in front matter — the labels of approval blocks and УТВЕРЖДЕНО agreeing
 * in gender (nv_label_names, nv_label_title) — and the print profile's
 * defaults (nv_print_defaults) are the model's vocabulary, in model.h,
 * since the model reads and checks them; the phrases built from them are
 * here.
 */
#ifndef NV_WORDING_H
#define NV_WORDING_H

#include "common.h"

#include "date.h"
#include "model.h"

struct nv_buf;

/* The no-break space after «№» and inside «20___ г.», UTF-8. */
#define NV_WORDING_NBSP "\xC2\xA0"

/* Append «№ N» with a no-break space; a NULL number appends «№ » alone. */
void nv_wording_number(struct nv_buf *b, const char *number);

/*
 * Append the date-and-number reference of a document: «от 29.08.2025 №
 * 118-од» (numeric date, no-break space after «№»). A NULL number is
 * left out, the «№ » stays.
 */
void nv_wording_order_ref(struct nv_buf *b, struct nv_date date, const char *number);

/*
 * Append the protocol line of an approval block: «протокол», then « от
 * ДД.ММ.ГГГГ» when has_date, then « № N» when number is not NULL.
 */
void nv_wording_protocol(struct nv_buf *b, bool has_date, struct nv_date date, const char *number);

/*
 * Append the mark of appendix `number` of a document that has `count`
 * appendices: «Приложение № N» (no-break space after «№»), or
 * «Приложение» alone when it is the only one — the text then refers to it
 * as «согласно приложению», without a number (ГОСТ Р 7.0.97, 5.23).
 */
void nv_wording_appendix(struct nv_buf *b, int number, size_t count);

/* Append «к приказу <org>», the second line of an appendix mark; org may be NULL. */
void nv_wording_to_order(struct nv_buf *b, const char *org);

/* Append «приказом <org>», the second line of a derived approval block; org may be NULL. */
void nv_wording_by_order(struct nv_buf *b, const char *org);

/*
 * Append the heading of an acquaintance sheet: «С приказом ознакомлены:»
 * for n people, and for one person the form agreeing with g, that
 * person's gender: «С приказом ознакомлен:», «С приказом ознакомлена:».
 */
void nv_wording_acquainted(struct nv_buf *b, size_t n, enum nv_gender g);

/*
 * Append the heading of an acquaintance sheet that begins a page, where
 * the order above is not in sight: «Лист ознакомления с приказом от
 * 30.09.2025 № 131-од».
 */
void nv_wording_acquaint_sheet(struct nv_buf *b, struct nv_date date, const char *number);

/* The blank for a date to be written by hand under «УТВЕРЖДАЮ»: «____» ______________ 20___ г. */
#define NV_WORDING_DATE_BLANK "«____» ______________ 20___" NV_WORDING_NBSP "г."

/*
 * The organisation as approval blocks name it: `name` after an
 * approver's position («Директор МАОУ «СОШ № 14»»), `genitive` after
 * «приказом» and «к приказу» (struct nv_site's genitive), `site` for the
 * head's title (nv_site_position()). Any may be NULL; the caller decides
 * whether the names are typeset.
 */
struct nv_wording_org {
	const char *name, *genitive;
	const struct nv_site *site;
};

/*
 * The lines of one approval block as plain UTF-8. A derived block
 * (a->order set) has label, by_order and order_ref; any other block has
 * label and, when known, by_order and order_ref (the outside order it
 * cites, `order:`), body, protocol, position, signature and date. The
 * back ends print them in the order ГОСТ Р 7.0.97 gives: label, by_order,
 * order_ref, body, protocol, position, signature, date. Fields that do
 * not apply are NULL. label is static; the other strings belong to the
 * struct and are freed by nv_approval_text_release().
 */
struct nv_approval_text {
	const char *label; /* «ПРИНЯТО», «УТВЕРЖДЕНА», … */
	char *by_order;	   /* «приказом <org in the genitive>» */
	char *order_ref;   /* «от 29.08.2025 № 118-од» */
	char *body;	   /* the block's free text, with typography */
	char *protocol;	   /* «протокол от … № …» */
	char *position;	   /* the person's position, capitalised, with the organisation */
	char *signature;   /* «И.О. Фамилия» of the person */
	char *date;	   /* «25 сентября 2025 г.» */
};

/*
 * Fill t with the lines of approval block a of entry e (whose gender
 * the label agrees with). o names the organisation (struct
 * nv_wording_org): o->genitive in «приказом <org>» unless the block
 * cites an issuer of its own, o->name after the position of an approver
 * (УТВЕРЖДАЮ, УТВЕРЖДЕНО) who has no organisation of their own (a
 * person's own organisation follows the position otherwise). For the
 * website (`web`), the signature of a person hidden from it is left out
 * (nv_person_web_signature()). Release with nv_approval_text_release().
 */
void nv_approval_text_init(struct nv_approval_text *t, const struct nv_entry *e,
			   const struct nv_approval *a, const struct nv_wording_org *o, bool web);

/*
 * Append the stamp of a document that is an appendix of an order outside
 * the project, three lines joined by '\n': «Приложение № 2» (or
 * «Приложение» when ref has no appendix number), «к приказу <issuer, else
 * genitive>», «от 14.04.2021 № 187».
 */
void nv_wording_outside_stamp(struct nv_buf *b, const struct nv_outside_order *ref,
			      const char *genitive);

/* Free the strings of t and clear it; t may be all NULL. */
void nv_approval_text_release(struct nv_approval_text *t);

/*
 * A copy of s with every ASCII and Russian letter (ё too) in upper case:
 * «Положение» → «ПОЛОЖЕНИЕ». Other characters are copied unchanged. The
 * caller frees.
 */
char *nv_wording_upper(const char *s);

#endif
