/*
 * model_verb.c: «ПРИКАЗЫВАЮ:» typed in an order's text, as an order
 * copied from Word has it. The layouts put it themselves, after the
 * preamble, on the site and on paper: the order would say it twice. An
 * error at it, as the number typed with its «№» is (model_read.c).
 */
#include "common.h"

#include "content.h"
#include "diag.h"
#include "model_int.h"
#include "utf8.h"

void mdl_check_verb(const struct mdl_line *l)
{
	static const char *const verbs[] = { "ПРИКАЗЫВАЮ", "П Р И К А З Ы В А Ю" };
	const char *at = NULL;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(verbs) && !at; i++)
		at = mdl_find(l->s, l->n, verbs[i]);
	if (!at)
		return;
	nv_diag_hint(nv_error(l->b->d, l->e->doc->path, l->no,
			      (int)nv_utf8_count(l->s, (size_t)(at - l->s)) + 1,
			      "«ПРИКАЗЫВАЮ:» в тексте приказа: его ставит сам бланк после "
			      "преамбулы, и вышло бы два"),
		     "уберите его: текст приказа начинается с первого пункта, а вводную часть "
		     "(«В соответствии с … в целях …») пишите в поле preamble");
}
