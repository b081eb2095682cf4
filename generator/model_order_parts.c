/*
 * model_order_parts.c: the parts of a document the layouts make, typed
 * in its text as a document copied from Word has them: at its top the
 * title, an approval block («УТВЕРЖДЕНО …») or the kind's word
 * («ПОЛОЖЕНИЕ», «П Р И К А З»); in an order «ПРИКАЗЫВАЮ:» (put after the
 * preamble), the signature («Директор ______ И. В. Соколова», made from
 * signatory) and «С приказом ознакомлены:» (the sheet made from
 * acquaint). On the site and on paper the document would have each
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
 * A signature's line (not an item: the caller tells): the head's title
 * or the signatory's surname, a run of «___», then a name with an
 * initial or that surname («Директор ______ И. В. Соколова»); not
 * «классным руководителям: класс ____».
 */
static bool signature_line(const struct mdl_line *l, const char *folded)
{
	static const char *const heads[] = { "директор",    "заведующ", "начальник",
					     "руководител", "и.о.",	"и. о." };
	const struct nv_person *p = l->e->signatory;
	struct nv_buf surname = NV_BUF_INIT;
	const char *first = mdl_find(l->s, l->n, "___"), *after;
	bool head = false, name;
	size_t i;

	if (!first)
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

/*
 * Line l at the top of the text (before its first line of its own): the
 * title or a head typed again, as message and hint; else *started.
 */
static const char *top_part(const struct mdl_line *l, bool *started, const char **hint)
{
	struct nv_buf line = NV_BUF_INIT, title = NV_BUF_INIT;
	const char *msg = NULL;

	plain_folded(&line, l->s, l->n);
	if (l->e->title)
		plain_folded(&title, l->e->title, strlen(l->e->title));
	if (title.len && !strcmp(line.ptr, title.ptr)) {
		msg = "заголовок в тексте: бланк печатает его из поля title, и вышло бы два";
		*hint = "уберите эту строку из текста";
	} else if ((msg = typed_head(l, line.ptr)) != NULL) {
		*hint = "уберите эти строки из текста: текст документа начинается с первого "
			"раздела или пункта";
	} else {
		*started = line.len > 0;
	}
	nv_buf_release(&title);
	nv_buf_release(&line);
	return msg;
}

/*
 * Line l of an order, not an item: «ПРИКАЗЫВАЮ:» (*at where it is), a
 * signature, «С приказом ознакомлены», as message and hint; else NULL.
 */
static const char *order_part(const struct mdl_line *l, const char **at, const char **hint)
{
	static const char *const verbs[] = { "ПРИКАЗЫВАЮ", "П Р И К А З Ы В А Ю" };
	/* «ПРИКАЗЫВАЮ:» ends its line; a signature, «С приказом ознакомлены» are short */
	size_t i, tail = l->n > 64 ? l->n - 64 : 0;
	struct nv_buf folded = NV_BUF_INIT;
	const char *msg = NULL;

	for (i = 0; i < NV_ARRAY_SIZE(verbs) && !*at; i++)
		*at = mdl_find(l->s + tail, l->n - tail, verbs[i]);
	if (*at) {
		*hint = "уберите его: текст приказа начинается с первого пункта, а вводную часть "
			"(«В соответствии с … в целях …») пишите в поле preamble";
		return "«ПРИКАЗЫВАЮ:» в тексте приказа: его ставит сам бланк после преамбулы, и "
		       "вышло бы два";
	}
	if (l->n > 200 || !(memchr(l->s, '_', l->n) || mdl_find(l->s, l->n, "знакомлен") ||
			    mdl_find(l->s, l->n, "ЗНАКОМЛЕН")))
		return NULL;
	nv_utf8_fold(&folded, l->s, l->n);
	if (strstr(folded.ptr, "с приказом ознакомлен")) {
		msg = "«С приказом ознакомлены» в тексте приказа: лист ознакомления бланк делает "
		      "сам, и вышло бы два";
		*hint = "уберите эти строки, а кого знакомят с приказом, перечислите в поле "
			"acquaint: «acquaint: [lebedeva-as, orlova-tn]»";
	} else if (signature_line(l, folded.ptr)) {
		msg = "подпись в тексте приказа: её ставит сам бланк, и вышло бы две";
		*hint = "уберите строку: подписывает директор из site.yml, а другой человек — из "
			"поля signatory (и signatory_position)";
	}
	nv_buf_release(&folded);
	return msg;
}

void mdl_check_made_parts(const struct mdl_line *l, bool *started)
{
	const char *s = l->s, *end = l->s + l->n, *at = NULL, *msg = NULL, *hint = NULL;

	while (s < end && *s == ' ')
		s++;
	if (!*started && l->n)
		msg = top_part(l, started, &hint);
	/* an order's items, most of its lines, are none of its parts */
	if (!msg && l->e->kind == NV_KIND_ORDER && s < end && !(*s >= '0' && *s <= '9') &&
	    !(strchr("-*+", *s) && s + 1 < end && s[1] == ' '))
		msg = order_part(l, &at, &hint);
	if (msg)
		nv_diag_hint(nv_error(l->b->d, l->e->doc->path, l->no,
				      (int)nv_utf8_count(l->s, (size_t)((at ? at : s) - l->s)) + 1,
				      "%s", msg),
			     "%s", hint);
}
