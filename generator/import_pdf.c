/*
 * import_pdf.c: all the text of a PDF, for the guard of attachments.
 *
 * A PDF in content/files/ goes onto the website as it is: an order
 * exported from Word with the list of pairs, a report with the names of
 * students. Poppler (its GLib interface, loaded when first needed:
 * lazylib.h) gives each page's text as a reader would copy it, a line a
 * line of the page, each page ended by a form feed; the document's
 * title, author, subject and keywords come after the last, for a reader
 * sees them too (Word puts its user's name into the author). A scan has
 * no text: its pages are empty.
 */
#include "common.h"

#include <poppler.h>

#include "buf.h"
#include "diag.h"
#include "import.h"
#include "lazylib.h"

/* Add s (owned by GLib, may be NULL) as a line of out, and free it. */
static void add_line(struct nv_buf *out, gchar *s)
{
	if (!s)
		return;
	if (*s) {
		nv_buf_adds(out, s);
		nv_buf_addch(out, '\n');
	}
	g_free(s);
}

int nv_import_pdf_text(const char *name, const char *data, size_t len, struct nv_buf *out,
		       struct nv_diags *d)
{
	PopplerDocument *doc;
	PopplerPage *page;
	GError *err = NULL;
	GBytes *bytes;
	int i, n;

	if (nv_lib_load(NV_LIB_GLIB, d) < 0 || nv_lib_load(NV_LIB_GOBJECT, d) < 0 ||
	    nv_lib_load(NV_LIB_POPPLER, d) < 0)
		return -2;
	bytes = g_bytes_new_static(data, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		if (err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED)
			nv_error(d, name, 0, 0, "PDF защищён паролем");
		else /* Poppler's message is in English: what is wrong is enough */
			nv_error(d, name, 0, 0, "PDF повреждён и не читается");
		if (err)
			g_error_free(err);
		g_bytes_unref(bytes);
		return -1;
	}
	n = poppler_document_get_n_pages(doc);
	for (i = 0; i < n; i++) {
		if ((page = poppler_document_get_page(doc, i))) {
			add_line(out, poppler_page_get_text(page));
			g_object_unref(page);
		}
		nv_buf_addch(out, '\f');
	}
	add_line(out, poppler_document_get_title(doc));
	add_line(out, poppler_document_get_author(doc));
	add_line(out, poppler_document_get_subject(doc));
	add_line(out, poppler_document_get_keywords(doc));
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return 0;
}
