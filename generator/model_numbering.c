/*
 * model_numbering.c: the warnings of the breaks in the numbering of a
 * положение's or a программа's sections and clauses, which
 * md_numbering.c found as the body was parsed (struct nv_md_num): a
 * clause skipped or given twice goes to the director so; and, in any
 * document, an ordered list's item typed out of turn, which the site and
 * the paper number otherwise, a list item typed as a sub-item but not far
 * enough right to be one, lines Markdown joins and bold it does not pair.
 */
#include "common.h"

#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"

/*
 * The warning of a break n that is no clause's, in any document (an
 * item typed out of turn, one not nested, a line joined, bold not
 * paired), in e: true; false for the breaks of clauses.
 */
static bool list_break(struct builder *b, const struct nv_entry *e, const struct nv_md_num *n)
{
	long sp = strtol(n->got, NULL, 10);

	switch (n->kind) {
	case NV_MD_NUM_ITEM:
		nv_diag_hint(nv_warning(b->d, e->path, n->line, n->col,
					"пункт списка набран номером %s, а по порядку он %s-й: "
					"на сайте и в печати он выйдет под номером %s",
					n->got, n->want, n->want),
			     "Markdown нумерует пункты списка подряд от первого: исправьте "
			     "номера (или у всех пунктов пишите «1.»), а после — ссылки на "
			     "пункты в тексте");
		return true;
	case NV_MD_NUM_NEST:
		nv_diag_hint(nv_warning(b->d, e->path, n->line, n->col,
					"подпункт не вложен в пункт выше: он сдвинут от него "
					"вправо на %s %s, а нужно на %s — на сайте и в печати он "
					"выйдет не подпунктом, а пунктом",
					n->got,
					nv_plural((size_t)sp, "пробел", "пробела", "пробелов"),
					n->want),
			     "сдвиньте его и следующие за ним подпункты вправо, под начало "
			     "текста пункта выше");
		return true;
	case NV_MD_NUM_LINES:
		nv_diag_hint(
			nv_warning(b->d, e->path, n->line, n->col,
				   "строка сольётся с предыдущей: строки одного абзаца Markdown "
				   "выводит подряд, и на сайте и в печати они выйдут одной "
				   "строкой"),
			"поставьте «\\» в конце предыдущей строки, чтобы перенести эту, "
			"или отделите строки пустой строкой");
		return true;
	case NV_MD_NUM_STARS:
		nv_diag_hint(
			nv_warning(b->d, e->path, n->line, n->col,
				   "звёздочки «**» не выделили текст жирным: Markdown не нашёл "
				   "им пары, и на сайте и в печати они будут видны"),
			"пишите «**текст**»: без пробелов сразу после открывающих звёздочек "
			"и перед закрывающими; если перед закрывающими стоит знак "
			"препинания («**Внимание:**»), после них нужен пробел");
		return true;
	default:
		return false;
	}
}

void mdl_check_numbering(struct builder *b, const struct nv_entry *e, const struct nv_md *md)
{
	const char *one, *of;
	struct nv_diag *x;
	size_t i;

	for (i = 0; i < md->nr_nums; i++) {
		const struct nv_md_num *n = &md->nums[i];

		if (list_break(b, e, n))
			continue;
		/* the clauses of the documents numbered so */
		if (e->kind != NV_KIND_POSITION && e->kind != NV_KIND_PROGRAM)
			continue;

		one = n->heading ? "раздел" : "пункт";
		of = n->heading ? "раздела" : "пункта";
		switch (n->kind) {
		case NV_MD_NUM_GAP:
			x = n->prev[0] ? nv_warning(b->d, e->path, n->line, n->col,
						    "после %s %s идёт %s %s: %s %s нет", of,
						    n->prev, one, n->got, of, n->want)
				       : nv_warning(b->d, e->path, n->line, n->col,
						    "%s %s — первый: %s %s нет", one, n->got, of,
						    n->want);
			break;
		case NV_MD_NUM_REPEAT:
			x = nv_warning(b->d, e->path, n->line, n->col,
				       "%s %s уже есть — в строке %d", one, n->got, n->prev_line);
			break;
		case NV_MD_NUM_BACK:
			x = nv_warning(b->d, e->path, n->line, n->col, "%s %s после %s %s", one,
				       n->got, of, n->prev);
			break;
		case NV_MD_NUM_SECTION:
			nv_diag_hint(nv_warning(b->d, e->path, n->line, n->col,
						"пункт %s в разделе %s", n->got, n->want),
				     "номер пункта начинается с номера раздела: «%s.…»", n->want);
			continue;
		case NV_MD_NUM_NOHEAD:
			nv_diag_hint(
				nv_warning(b->d, e->path, n->line, n->col,
					   "пункт %s начинает раздел %s, а заголовка раздела %s "
					   "нет",
					   n->got, n->want, n->want),
				"начните раздел строкой «# %s. Название раздела»: строка без "
				"«#» или с буквой «З» вместо цифры «3» заголовком не становится",
				n->want);
			continue;
		default:
			nv_diag_hint(nv_warning(b->d, e->path, n->line, n->col,
						"пункт %s слит с абзацем выше: строки без пустой "
						"строки между ними Markdown соединяет в один абзац",
						n->got),
				     "оставьте пустую строку перед пунктом: каждый пункт — "
				     "отдельный абзац");
			continue;
		}
		nv_diag_hint(x, "%s нумеруются подряд: исправьте номер, а после — ссылки на %s",
			     n->heading ? "разделы" : "пункты", n->heading ? "разделы" : "пункты");
	}
}
