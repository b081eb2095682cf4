/*
 * model_order_parts.c: the parts of an order the layouts make, typed in
 * its text as an order copied from Word has them: «ПРИКАЗЫВАЮ:» (put
 * after the preamble), the signature («Директор ______ И. В. Соколова»,
 * made from signatory) and «С приказом ознакомлены:» (the sheet made
 * from acquaint). On the site and on paper the order would have each
 * twice: an error at it, as the number typed with its «№» is
 * (model_read.c).
 */
#include "common.h"

#include "buf.h"
#include "content.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "utf8.h"

/* Whether s, n bytes, has an initial: a capital Russian letter and a dot («И.»). */
static bool has_initial(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i + 2 < n; i++)
		if (u[i] == 0xD0 && ((u[i + 1] >= 0x90 && u[i + 1] <= 0xAF) || u[i + 1] == 0x81) &&
		    u[i + 2] == '.')
			return true;
	return false;
}

/*
 * A signature's line, not an item: the head's title or the signatory's
 * surname, a run of «___», then a name with an initial or that surname
 * («Директор ______ И. В. Соколова»); not «классным руководителям: класс
 * ____».
 */
static bool signature_line(const struct mdl_line *l, const char *folded)
{
	static const char *const heads[] = { "директор",    "заведующ", "начальник",
					     "руководител", "и.о.",	"и. о." };
	const struct nv_person *p = l->e->signatory;
	struct nv_buf surname = NV_BUF_INIT;
	const char *first = mdl_find(l->s, l->n, "___"), *after, *s = l->s;
	bool head = false, name;
	size_t i;

	while (s < l->s + l->n && *s == ' ')
		s++;
	if (!first || (*s >= '0' && *s <= '9') || *s == '-' || *s == '*' || *s == '+')
		return false;
	for (after = l->s + l->n; after > first && after[-1] != '_';)
		after--;
	if (p && p->surname)
		nv_utf8_fold(&surname, p->surname, strlen(p->surname));
	for (i = 0; i < NV_ARRAY_SIZE(heads) && !head; i++)
		head = strstr(folded, heads[i]) != NULL;
	name = has_initial(after, (size_t)(l->s + l->n - after)) ||
	       (surname.len && strstr(folded, surname.ptr));
	head = head || (surname.len && strstr(folded, surname.ptr));
	nv_buf_release(&surname);
	return head && name;
}

/* The line's text without Markdown's marks around it («# …», «**…**»), folded, into out. */
static void plain_folded(struct nv_buf *out, const char *s, size_t n)
{
	while (n && strchr(" #*_", *s))
		s++, n--;
	while (n && strchr(" *_.:", s[n - 1]))
		n--;
	nv_utf8_fold(out, s, n);
}

/*
 * The head of a document with approvals typed in its text (plain: the
 * line folded, without Markdown's marks): a line that starts with a
 * block's label in capitals (УТВЕРЖДЕНО, ПРИНЯТО…) or is the kind's word
 * alone (ПОЛОЖЕНИЕ); an order's «ПРИКАЗ». The message, or NULL.
 */
static const char *typed_head(const struct mdl_line *l, const char *plain)
{
	static const char *const labels[] = { "УТВЕРЖДЕНО", "УТВЕРЖДЕНА", "УТВЕРЖДАЮ",
					      "ПРИНЯТО",    "ПРИНЯТА",	  "СОГЛАСОВАНО" };
	static const char *const words[] = { "положение", "программа", "дорожная карта",
					     "план мероприятий" };
	const char *s = l->s + strspn(l->s, " #*_");
	size_t i, k, n = l->n - (size_t)(s - l->s);

	if (l->e->kind == NV_KIND_ORDER)
		return !strcmp(plain, "приказ") || !strcmp(plain, "п р и к а з")
			       ? "«ПРИКАЗ» в тексте: его печатает бланк, и вышло бы два"
			       : NULL;
	if (l->e->kind != NV_KIND_POSITION && l->e->kind != NV_KIND_PROGRAM &&
	    l->e->kind != NV_KIND_ROADMAP)
		return NULL;
	for (i = 0; i < NV_ARRAY_SIZE(labels); i++) {
		k = strlen(labels[i]);
		if (n >= k && !strncmp(s, labels[i], k) && (n == k || strchr(" :.*", s[k])))
			return "блок согласования в тексте: бланк ставит его по полю approval "
			       "(«УТВЕРЖДЕНО» — и по приказу, в appendices которого документ), и "
			       "вышло бы два";
	}
	for (i = 0; i < NV_ARRAY_SIZE(words); i++)
		if (!strcmp(plain, words[i]))
			return "вид документа в тексте: бланк печатает заголовок из поля title, и "
			       "вышло бы два";
	return NULL;
}

void mdl_check_made_parts(const struct mdl_line *l, bool *started)
{
	static const char *const verbs[] = { "ПРИКАЗЫВАЮ", "П Р И К А З Ы В А Ю" };
	struct nv_buf folded = NV_BUF_INIT, title = NV_BUF_INIT;
	const char *at = NULL, *msg = NULL, *hint = NULL;
	size_t i, tail;

	/* the first lines of the text: the head the layouts print, typed again */
	if (!*started && l->n) {
		plain_folded(&folded, l->s, l->n);
		if (l->e->title)
			plain_folded(&title, l->e->title, strlen(l->e->title));
		if (title.len && !strcmp(folded.ptr, title.ptr)) {
			msg = "заголовок в тексте: бланк печатает его из поля title, и вышло бы "
			      "два";
			hint = "уберите эту строку из текста";
		} else if ((msg = typed_head(l, folded.ptr)) != NULL) {
			hint = "уберите эти строки из текста: текст документа начинается с первого "
			       "раздела или пункта";
		} else {
			*started = folded.len > 0;
		}
		nv_buf_release(&title);
		nv_buf_reset(&folded);
	}
	/* an order's items, most of its lines, are none of these */
	for (at = l->s; at < l->s + l->n && *at == ' ';)
		at++;
	if (!msg && l->e->kind == NV_KIND_ORDER && at < l->s + l->n &&
	    !(*at >= '0' && *at <= '9') &&
	    !(strchr("-*+", *at) && at + 1 < l->s + l->n && at[1] == ' ')) {
		/* «ПРИКАЗЫВАЮ:» ends its line; a signature, «С приказом ознакомлены», short */
		tail = l->n > 64 ? l->n - 64 : 0;
		at = NULL;
		for (i = 0; i < NV_ARRAY_SIZE(verbs) && !at; i++)
			at = mdl_find(l->s + tail, l->n - tail, verbs[i]);
		if (at) {
			msg = "«ПРИКАЗЫВАЮ:» в тексте приказа: его ставит сам бланк после "
			      "преамбулы, и "
			      "вышло бы два";
			hint = "уберите его: текст приказа начинается с первого пункта, а вводную "
			       "часть («В соответствии с … в целях …») пишите в поле preamble";
		} else if (l->n <= 200 &&
			   (memchr(l->s, '_', l->n) || mdl_find(l->s, l->n, "знакомлен") ||
			    mdl_find(l->s, l->n, "ЗНАКОМЛЕН"))) {
			/* the rarer two: the line folded only when it may be one */
			nv_utf8_fold(&folded, l->s, l->n);
			if (strstr(folded.ptr, "с приказом ознакомлен")) {
				msg = "«С приказом ознакомлены» в тексте приказа: лист "
				      "ознакомления "
				      "бланк делает сам, и вышло бы два";
				hint = "уберите эти строки, а кого знакомят с приказом, "
				       "перечислите в "
				       "поле acquaint: «acquaint: [lebedeva-as, orlova-tn]»";
			} else if (signature_line(l, folded.ptr)) {
				msg = "подпись в тексте приказа: её ставит сам бланк, и вышло бы "
				      "две";
				hint = "уберите строку: подписывает директор из site.yml, а другой "
				       "человек — из поля signatory (и signatory_position)";
			}
		}
	}
	nv_buf_release(&folded);
	if (!msg)
		return;
	if (!at)
		for (at = l->s; at < l->s + l->n && *at == ' ';)
			at++;
	nv_diag_hint(nv_error(l->b->d, l->e->doc->path, l->no,
			      (int)nv_utf8_count(l->s, (size_t)(at - l->s)) + 1, "%s", msg),
		     "%s", hint);
}
