/*
 * html_forms.c: the forms (бланки) on the website: each form's page with
 * its PDF and the PDF's size, and the list of all forms on the page that
 * lists the files (`files: true`). The sizes come from the build, which
 * prints the PDFs before the pages are written (opts.pdf_sizes).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "html.h"
#include "html_int.h"
#include "model.h"
#include "value.h"

/* The index of e in the model, or the number of entries. */
static size_t entry_index(const struct nv_model *m, const struct nv_entry *e)
{
	size_t i;

	for (i = 0; i < m->nentries && m->entries[i] != e; i++)
		;
	return i;
}

/* «PDF, 85,3 КБ» of e's public PDF into b; false when its PDF is not published. */
static bool pdf_size(const struct nv_html_state *s, const struct nv_entry *e, struct nv_buf *b)
{
	size_t i = entry_index(s->m, e);

	if (!s->opts.pdf || !s->opts.pdf_public || i == s->m->nentries || !s->opts.pdf_public[i])
		return false;
	nv_buf_adds(b, "PDF");
	if (s->opts.pdf_sizes && s->opts.pdf_sizes[i] > 0) {
		nv_buf_adds(b, ", ");
		nv_html_human_size(b, s->opts.pdf_sizes[i]);
	}
	return true;
}

void nv_html_forms_list(const struct nv_html_state *s, struct nv_value *doc)
{
	struct nv_entry **v;
	size_t i, n = nv_html_entries_of(s->m, NV_KIND_FORM, &v);
	struct nv_value *list = arr(), *f;
	struct nv_buf b = NV_BUF_INIT;

	for (i = 0; i < n; i++) {
		f = obj();
		nv_html_set_t(f, "title", v[i]->title);
		nv_html_set_t(f, "summary", v[i]->summary);
		set_s(f, "url", nv_html_entry_url(v[i], &b));
		nv_buf_reset(&b);
		if (pdf_size(s, v[i], &b)) {
			set_s(f, "pdf_size", b.ptr);
			nv_buf_reset(&b);
			nv_buf_addf(&b, "forms/%s.pdf", v[i]->id);
			set_s(f, "pdf", b.ptr);
		}
		nv_buf_reset(&b);
		push(list, f);
	}
	nv_html_set_list(doc, "blanks", list);
	nv_buf_release(&b);
	free(v);
}
