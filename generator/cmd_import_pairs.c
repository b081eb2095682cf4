/*
 * cmd_import_pairs.c: `nastavnik import` and the tables of pairs — an
 * order's appendix, or a file of one saved apart, read into pairs.yml
 * (import_pairs.c) for its order; see cmd_import_int.h.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "cmd_import_int.h"
#include "date.h"
#include "diag.h"
#include "import.h"

/* See cmd_import_int.h. */
bool nv_cmd_import_pairs_list(const char *id)
{
	static const char *const words[] = { "par", "pary", "parakh" };
	const char *s, *e;
	size_t k;

	for (s = id; *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "-");
		for (k = 0; k < NV_ARRAY_SIZE(words); k++)
			if ((size_t)(e - s) == strlen(words[k]) &&
			    !strncmp(s, words[k], strlen(words[k])))
				return true;
	}
	return false;
}

/* The error of a table of pairs with no pair: at its appendix (a->appendix) or its file. */
static int no_pairs(const struct nv_imp_job *a, struct nv_diags *d)
{
	struct nv_buf w = NV_BUF_INIT, at = NV_BUF_INIT;

	if (a->appendix)
		nv_buf_addf(&at, "приложение № %d (%s): ", a->appendix, nv_cmd_import_where(a, &w));
	nv_diag_hint(nv_error(d, a->arg, 0, 0,
			      "%sв таблице наставнических пар нет ни одной пары с именами "
			      "наставника и наставляемого",
			      at.ptr),
		     "имена пишутся «Кузнецова Елена Владимировна» или «Кузнецова Е. В.»; "
		     "исправьте таблицу или внесите пары в content/pairs.yml сами (order — id "
		     "приказа)");
	nv_buf_release(&w);
	nv_buf_release(&at);
	return -1;
}

/* The academic year of an order dated date («30.09.2025»: 2025), as the model reads it; 0. */
static int acyear_of(const char *date)
{
	struct nv_date d;

	return nv_date_parse(date, &d) == 0 ? nv_acyear_for_new(d) : 0;
}

/* See cmd_import_int.h. */
int nv_cmd_import_pairs_job(struct nv_imp_job *a, const struct nv_imp_opts *ao, const char *order,
			    const char *date, struct nv_diags *d)
{
	if (!a->pairs ||
	    nv_import_pairs(&a->doc, a->pairs, ao, order, acyear_of(date), &a->res) == 0)
		return 0;
	return no_pairs(a, d);
}

/* «pairs» added to the appendices in an order's front matter (its text), once. */
static void cite_pairs(struct nv_buf *text)
{
	const char *end = strstr(text->ptr + 3, "\n---\n"), *list, *has;
	struct nv_buf b = NV_BUF_INIT;
	size_t at;

	if (!end)
		return;
	list = strstr(text->ptr, "\nappendices: [");
	if (list && list > end)
		list = NULL;
	has = list ? strstr(list, "pairs") : NULL;
	if (has && has < strchr(list + 1, '\n'))
		return;
	at = list ? (size_t)(list - text->ptr) + strlen("\nappendices: [")
		  : (size_t)(end - text->ptr) + 1;
	nv_buf_add(&b, text->ptr, at);
	nv_buf_adds(&b, list ? "pairs, " : "appendices: [pairs]\n");
	nv_buf_add(&b, text->ptr + at, text->len - at);
	nv_buf_reset(text);
	nv_buf_add(text, b.ptr, b.len);
	nv_buf_release(&b);
}

/* See cmd_import_int.h. */
int nv_cmd_import_pairs_file(struct nv_imp_job *jobs, size_t at, const struct nv_imp_opts *o,
			     struct nv_diags *d)
{
	struct nv_imp_job *j = &jobs[at];
	const struct nv_imp_table *t = nv_import_pairs_table(&j->doc);
	const struct nv_imp_order *ord;
	struct nv_imp_doc lines;
	bool list = !t && nv_import_pairs_lines(&j->doc, &lines);
	char date[11], *number, *id;
	size_t k;

	number = NULL;
	ord = (t || list) && strcmp(j->res.kind, "order") &&
			      nv_import_pairs_stamp(&j->doc, &number, date)
		      ? nv_import_find_order(o, number, date)
		      : NULL;
	free(number);
	if (!ord || !ord->path) { /* a page, whose report says the project has no such order */
		if (list)
			nv_imp_doc_release(&lines);
		return 0;
	}
	id = nv_cmd_doc_id(ord->path);
	/* The page read first goes (its pictures are the doc's): the file is its pairs. */
	nv_imp_result_release(&j->res);
	nv_imp_result_init(&j->res);
	if (list) {
		nv_imp_doc_release(&j->doc);
		j->doc = lines;
		t = nv_import_pairs_table(&j->doc);
	}
	j->pairs = t;
	k = (size_t)nv_import_pairs(&j->doc, t, o, id, acyear_of(ord->date), &j->res);
	free(id);
	if (k)
		return no_pairs(j, d);
	for (k = 0; k < at && !(jobs[k].path && !strcmp(jobs[k].path, ord->path)); k++)
		;
	if (k < at) {
		cite_pairs(&jobs[k].res.text);
		nv_strlist_addf(&jobs[k].res.found,
				"таблица пар — %s: в appendices приказа добавлено pairs", j->arg);
	} else {
		nv_strlist_addf(&j->res.todo,
				"если в appendices приказа %s ещё нет pairs, добавьте: appendices: "
				"[pairs] — таблицу пар приказ печатает из pairs.yml",
				ord->path);
	}
	return 1;
}

/* Move the lines of from to the end of to (from emptied). */
static void move_lines(struct nv_strlist *to, struct nv_strlist *from)
{
	size_t i;

	for (i = 0; i < from->nr; i++)
		nv_strlist_add(to, from->v[i]);
	nv_strlist_release(from);
}

/* See cmd_import_int.h. */
void nv_cmd_import_pairs_body(struct nv_imp_job *j, const struct nv_imp_opts *o)
{
	const struct nv_imp_doc *doc = j->part.n ? &j->part : &j->doc;
	struct nv_imp_result r;
	struct nv_imp_doc one;
	char at[32];
	size_t i, k, end;

	if (strcmp(j->res.kind, "order"))
		return;
	for (i = 0; i < doc->n; i++) {
		if (!doc->v[i].table || !nv_import_pairs_header(doc->v[i].table))
			continue;
		end = i + 1;
		nv_imp_doc_part(doc, &i, &end, 1, false, &one);
		nv_imp_result_init(&r);
		if (nv_import_pairs(&one, doc->v[i].table, o, j->res.id, acyear_of(j->res.date),
				    &r) == 0) {
			/* The table was «не распознан» in the order: now it has its place. */
			snprintf(at, sizeof(at), "абзац %d: ", doc->v[i].table->src);
			for (k = 0; k < j->res.unplaced.nr; k++)
				if (!strncmp(j->res.unplaced.v[k], at, strlen(at))) {
					free(j->res.unplaced.v[k]);
					memmove(&j->res.unplaced.v[k], &j->res.unplaced.v[k + 1],
						(j->res.unplaced.nr - k - 1) * sizeof(char *));
					j->res.unplaced.nr--;
					break;
				}
			nv_buf_add(&j->res.pairs, r.pairs.ptr, r.pairs.len);
			j->res.npairs += r.npairs;
			j->res.newp = nv_xrealloc(j->res.newp,
						  (j->res.nnewp + r.nnewp) * sizeof(*j->res.newp));
			memcpy(j->res.newp + j->res.nnewp, r.newp, r.nnewp * sizeof(*r.newp));
			j->res.nnewp += r.nnewp;
			r.nnewp = 0;
			move_lines(&j->res.found, &r.found);
			move_lines(&j->res.unplaced, &r.unplaced);
			move_lines(&j->res.todo, &r.todo);
			cite_pairs(&j->res.text);
			nv_strlist_addf(&j->res.todo,
					"абзац %d: таблица пар перенесена в content/pairs.yml и "
					"печатается приложением к приказу (appendices: [pairs]) — "
					"поправьте пункт перед ней: «… согласно приложению»",
					doc->v[i].table->src);
		}
		nv_imp_result_release(&r);
		nv_imp_doc_release(&one);
	}
}
