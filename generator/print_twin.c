/*
 * print_twin.c: measuring a document on two threads (nv_pl_layout_two();
 * see print.h).
 *
 * `print` sets one document, and measuring its text (Pango shaping and
 * line breaking) was half of the printing thread's work while the other
 * processor idled. The blocks are cut in two at the block that balances
 * the parts best (by the bytes of text each sets, a table's counting
 * twice); the second part is measured on a thread of its own with a
 * twin engine: a Pango font map and context of its own, so that no
 * Pango object is shared between the threads (Pango is not thread-safe;
 * Cairo, Fontconfig and HarfBuzz, which the two maps share, are). The
 * twin's fonts resolve to the same Cairo fonts, so the measures, the
 * pages and the PDF are byte for byte those of one thread
 * (tests/print/run.sh compares them). The twin is made, and loads its
 * fonts, on its thread while the first engine measures: made earlier,
 * on the thread that loaded the project, it competed with the first
 * engine's set-up, which is what that thread waits for (measured: the
 * engine was ready 4–6 ms later and the document no sooner).
 */
#include "common.h"

#include <pthread.h>

#include <pango/pangocairo.h>

#include "alloc.h"
#include "print.h"
#include "print_int.h"

/*
 * What a twin engine (nv_pl_engine_twin()) measures on a thread of its
 * own: the blocks from `from` on, its layouts kept in out.
 */
struct second {
	pthread_t tid;
	const struct nv_pl_engine *en;
	struct nv_pl_engine **twin; /* made on the thread when NULL */
	const struct nv_pl_doc *doc;
	struct mblock *m;
	size_t from;
	struct nv_pl_pages out;
};

static void *second_run(void *arg)
{
	struct second *s = arg;
	struct measure ms = { NULL, &s->out, NULL, 0, 0 };

	if (!*s->twin)
		*s->twin = nv_pl_engine_twin(s->en);
	ms.en = *s->twin;
	nv_pl_measure(&ms, s->doc, s->m, s->from, s->doc->nr);
	free(ms.offs);
	return NULL;
}

/* The bytes of text s, or 0. */
static size_t text_bytes(const char *s)
{
	return s ? strlen(s) : 0;
}

/*
 * What measuring block b costs, roughly, in bytes of a paragraph's text:
 * a table's cost twice their text (each cell is set for its narrowest
 * and widest widths too).
 */
static size_t block_bytes(const struct nv_pl_block *b)
{
	size_t n = text_bytes(b->markup) + text_bytes(b->top_markup);
	size_t i, k;

	for (i = 0; i < b->ncols; i++)
		for (k = 0; k < b->cols[i].nparas; k++)
			n += text_bytes(b->cols[i].paras[k].markup);
	for (i = 0; b->table && i < b->table->nrows; i++)
		for (k = 0; k < b->table->rows[i].ncells; k++)
			n += 2 * text_bytes(b->table->rows[i].cells[k].markup);
	return n;
}

/*
 * The first block the second thread measures: where the longer of the
 * two parts is shortest, each counting NV_PL_TWIN_BYTES more when its
 * engine has its fonts to load (first, second: the engines; second NULL
 * when the thread makes it); doc->nr when sharing saves less than
 * NV_PL_TWIN_MIN.
 */
static size_t split_at(const struct nv_pl_doc *doc, const struct nv_pl_engine *first,
		       const struct nv_pl_engine *second)
{
	size_t lead = first->fonts_loaded ? 0 : NV_PL_TWIN_BYTES;
	size_t extra = second && second->fonts_loaded ? 0 : NV_PL_TWIN_BYTES;
	size_t total = 0, head = 0, best = doc->nr, longest, one, two, i;

	for (i = 0; i < doc->nr; i++)
		total += block_bytes(&doc->v[i]);
	longest = total + lead > NV_PL_TWIN_MIN ? total + lead - NV_PL_TWIN_MIN : 0;
	for (i = 0; i + 1 < doc->nr; i++) {
		head += block_bytes(&doc->v[i]);
		one = lead + head;
		two = total - head + extra;
		if (one < longest && two < longest) {
			longest = one > two ? one : two;
			best = i + 1;
		}
	}
	return best;
}

void nv_pl_measure_two(struct measure *ms, struct nv_pl_engine **twin, const struct nv_pl_doc *doc,
		       struct mblock *m)
{
	struct second s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.en = ms->en;
	s.twin = twin;
	s.doc = doc;
	s.m = m;
	s.from = split_at(doc, ms->en, *twin);
	if (s.from >= doc->nr || pthread_create(&s.tid, NULL, second_run, &s) != 0) {
		nv_pl_measure(ms, doc, m, 0, doc->nr);
		return;
	}
	nv_pl_measure(ms, doc, m, 0, s.from);
	pthread_join(s.tid, NULL);
	ms->en->fonts_loaded = (*twin)->fonts_loaded = true;
	for (i = 0; i < s.out.nlayouts; i++)
		nv_pl_keep_layout(ms->out, s.out.layouts[i]);
	free(s.out.layouts);
}
