/*
 * model_appx.c: an order's references to its appendices in its text, as
 * a secretary checks them against the list of appendices (`appendices`,
 * numbered in its order, a single one printed without a number):
 *  - «(приложение № 1)» when the only appendix is unnumbered;
 *  - «согласно приложению» with no number among several;
 *  - «приложение № 3» with two appendices, or with none (a new order
 *    whose `appendices` were forgotten);
 *  - «программу … (приложение № 1)» when appendix 1 is the roadmap and
 *    the program is appendix 2: the list or the numbers were swapped.
 * An appendix of another document («приложение № 2 к приказу
 * Минпросвещения …») is not this order's. All are warnings, at the word.
 */
#include "common.h"

#include "alloc.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "value.h"

/*
 * The number after the word at off when a «№» follows it (after its
 * letters and spaces): the greatest of «№ 1», «№ 1, 2», «№ 1–3», with
 * *single false for more than one; 0 for a «№» without digits, -1 for
 * no «№». *after is the offset after the numbers.
 */
static int numbered_after(const char *s, size_t n, size_t off, bool *single, size_t *after)
{
	int num = -1, k;

	while (off < n && ((unsigned char)s[off] >= 0xD0 && (unsigned char)s[off] <= 0xD1))
		off += 2; /* Cyrillic letters */
	while (off < n && (s[off] == ' ' || mdl_starts(s + off, n - off, "\xC2\xA0")))
		off += s[off] == ' ' ? 1 : 2;
	*single = true;
	*after = off;
	if (!mdl_starts(s + off, n - off, "№"))
		return -1;
	for (off += strlen("№"), num = 0;;) {
		while (off < n && (s[off] == ' ' || s[off] == ',' || s[off] == '-' ||
				   mdl_starts(s + off, n - off, "\xC2\xA0") ||
				   mdl_starts(s + off, n - off, "–")))
			off += (unsigned char)s[off] < 0x80 ? 1 : s[off] == '\xC2' ? 2 : 3;
		if (off >= n || s[off] < '0' || s[off] > '9')
			break;
		if (num)
			*single = false;
		for (k = 0; off < n && s[off] >= '0' && s[off] <= '9' && k < 1000; off++)
			k = k * 10 + (s[off] - '0');
		num = k > num ? k : num;
		*after = off;
		if (mdl_starts(s + off, n - off, " и ") && off + strlen(" и ") < n &&
		    s[off + strlen(" и ")] >= '0' && s[off + strlen(" и ")] <= '9')
			off += strlen(" и ");
	}
	return num;
}

/*
 * True if the appendix named before off is another document's («приложение
 * № 2 к приказу Минпросвещения …»), not this order's («… к настоящему
 * приказу»).
 */
static bool appendix_of_other(const char *s, size_t n, size_t off)
{
	static const char *const own[] = { "настоящему", "данному", "этому" };
	size_t i;

	while (off < n && s[off] == ' ')
		off++;
	if (!mdl_starts(s + off, n - off, "к ") && !mdl_starts(s + off, n - off, "к\xC2\xA0"))
		return false;
	off += s[off + 1] == ' ' ? 2 : 3;
	for (i = 0; i < NV_ARRAY_SIZE(own); i++)
		if (mdl_starts(s + off, n - off, own[i]))
			return false;
	return true;
}

/*
 * The kind of document the first word of kind in the n bytes at s
 * names («Положение о …», «программу», «дорожную карту», «состав
 * наставнических пар»): a kind, NV_KIND_COUNT for the table of pairs,
 * -1 for none.
 */
static int kind_named(const char *s, size_t n)
{
	static const struct {
		const char *stem;
		int kind;
	} kinds[] = { { "оложени", NV_KIND_POSITION },
		      { "рограмм", NV_KIND_PROGRAM },
		      { "орожн", NV_KIND_ROADMAP },
		      { "наставнических пар", NV_KIND_COUNT } };
	const char *hit, *first = NULL;
	int kind = -1;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(kinds); i++)
		if ((hit = mdl_find(s, first ? (size_t)(first - s) : n, kinds[i].stem)) != NULL) {
			first = hit;
			kind = kinds[i].kind;
		}
	return kind;
}

/* What a kind of appendix is called in a message, in the nominative. */
static const char *kind_word(int kind)
{
	return kind == NV_KIND_POSITION	 ? "положение"
	       : kind == NV_KIND_PROGRAM ? "программа"
	       : kind == NV_KIND_ROADMAP ? "дорожная карта"
					 : "состав пар";
}

/* The kind of appendix a (NV_KIND_COUNT for the table of pairs). */
static int appendix_kind(const struct nv_appendix *a)
{
	return a->doc ? (int)a->doc->kind : NV_KIND_COUNT;
}

/*
 * A numbered reference «(приложение № num)» whose clause (the bytes at
 * s, up to the reference) names another kind of document than appendix
 * num is, while another appendix is of that kind: the appendices'
 * order or the numbers in the text were swapped.
 */
static void check_appendix_kind(const struct mdl_line *l, size_t at, const char *clause, size_t len,
				int num)
{
	const struct nv_entry *e = l->e;
	const struct nv_appendix *a = NULL, *other = NULL;
	int kind = kind_named(clause, len);
	size_t k;
	char *msg;

	if (kind < 0)
		return;
	for (k = 0; k < e->nappendices; k++) {
		if (e->appendices[k].number == num)
			a = &e->appendices[k];
		else if (!other && appendix_kind(&e->appendices[k]) == kind)
			other = &e->appendices[k];
	}
	if (!a || !other || appendix_kind(a) == kind || (a->doc && a->doc->kind == NV_KIND_PAGE))
		return;
	msg = nv_xasprintf(
		"в тексте приложение № %d — %s, а по списку «appendices» приложение № %d — "
		"%s%s%s%s; %s там — приложение № %d",
		num, kind_word(kind), num, kind_word(appendix_kind(a)), a->doc ? " «" : "",
		a->doc ? a->doc->title : "", a->doc ? "»" : "", kind_word(kind), other->number);
	nv_diag_hint(mdl_warn_at(l, at, msg),
		     "приложения нумеруются по порядку списка «appendices»: исправьте номер в "
		     "тексте или порядок в списке");
	free(msg);
}

/*
 * True if a line of the n bytes at s starts with «Приложение» (after
 * spaces and Markdown's marks): an appendix written in the body itself.
 */
static bool has_appendix_line(const char *s, size_t n)
{
	static const char *const words[] = { "Приложение", "ПРИЛОЖЕНИЕ" };
	const char *p, *end = s + n;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(words); i++)
		for (p = s; (p = mdl_find(p, (size_t)(end - p), words[i])) != NULL; p++) {
			const char *q = p;

			while (q > s &&
			       (q[-1] == ' ' || q[-1] == '#' || q[-1] == '*' || q[-1] == '_'))
				q--;
			if (q == s || q[-1] == '\n')
				return true;
		}
	return false;
}

/* Whether body holds its appendix itself, looked for once. */
static bool holds_appendix(struct mdl_body *body)
{
	if (body->inline_appendix < 0)
		body->inline_appendix = has_appendix_line(body->s, body->n);
	return body->inline_appendix;
}

/*
 * Whether e's list `appendices` has an item that names no document (an
 * error of its own): the numbers of those after it are not known, and
 * «приложений нет» would be wrong.
 */
static bool listed_unfound(const struct nv_entry *e)
{
	return e->nappendices_listed != e->nappendices;
}

/*
 * References to appendices that do not match their numbering: a number
 * with a single, unnumbered appendix; «согласно приложению» with no
 * number among several; a number the order has no appendix of; a
 * number whose appendix is another kind of document than the text
 * names. An appendix of another document («… к приказу от …») is left
 * alone, and so is an order with no appendices whose body holds its
 * appendix itself (a line starting «Приложение»).
 */
void mdl_check_appendix_refs(const struct mdl_line *l, struct mdl_body *body)
{
	const char *p = l->s, *end = l->s + l->n, *hit, *clause = l->s, *semi;
	size_t napp = l->e->nappendices, off, after;
	bool single;
	int num;
	char *msg;

	if ((!napp && l->e->kind != NV_KIND_ORDER) || listed_unfound(l->e))
		return;
	while ((hit = mdl_find(p, (size_t)(end - p), "риложени")) != NULL) {
		off = (size_t)(hit - l->s) + strlen("риложени");
		p = hit + strlen("риложени");
		num = numbered_after(l->s, l->n, off, &single, &after);
		if (num > 0 && appendix_of_other(l->s, l->n, after)) {
			clause = l->s + after;
			continue;
		}
		if (num >= 0 && napp == 1) {
			nv_diag_hint(
				mdl_warn_at(
					l, (size_t)(hit - l->s) - 1,
					"ссылка на приложение с номером, а приложение у приказа "
					"одно и печатается без номера"),
				"уберите номер: единственное приложение печатается как "
				"«Приложение», без «№»");
		} else if (num > (int)napp && (napp || !holds_appendix(body))) {
			msg = napp ? nv_xasprintf("ссылка на приложение № %d, а приложений у "
						  "приказа %zu",
						  num, napp)
				   : nv_xasprintf("ссылка на приложение № %d, а приложений у "
						  "приказа нет",
						  num);
			nv_diag_hint(mdl_warn_at(l, (size_t)(hit - l->s) - 1, msg),
				     napp ? "приложения нумеруются по порядку списка «appendices»: "
					    "проверьте номер или добавьте приложение в список"
					  : "перечислите приложения в поле «appendices» (id "
					    "документов по порядку) или уберите ссылку");
			free(msg);
		} else if (num > 0 && single) {
			while ((semi = memchr(clause, ';', (size_t)(hit - clause))) != NULL)
				clause = semi + 1;
			check_appendix_kind(l, (size_t)(hit - l->s) - 1, clause,
					    (size_t)(hit - clause), num);
		} else if (num < 0 && napp > 1 && hit - l->s >= (ptrdiff_t)strlen("огласно п") &&
			   !memcmp(hit - strlen("огласно п"), "огласно п", strlen("огласно п"))) {
			msg = nv_xasprintf(
				"ссылка «согласно приложению» без номера, а приложений у "
				"приказа %zu",
				napp);
			nv_diag_hint(mdl_warn_at(l, (size_t)(hit - l->s) - 1, msg),
				     "укажите номер: «согласно приложению № 1»");
			free(msg);
		}
		clause = l->s + after;
	}
}
