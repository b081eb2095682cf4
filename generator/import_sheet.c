/*
 * import_sheet.c: all the text of an office file (.docx, .odt, .xlsx,
 * .ods), a paragraph or a cell's string a line, for the guard that reads
 * attachments before they go onto the website (html_out.c). Not only the
 * body the importer reads (import_docx.c, import_odt.c) but the headers
 * and footers, footnotes, comments, text boxes and deleted text still in
 * the file: whoever downloads it can see them. It shares the importer's
 * ZIP and XML reading within limits (import.c).
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "import_int.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_XLSX "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

/* What to read of a kind of file: its parts, and the elements whose text is one line each. */
struct kind {
	const char *what;     /* for the messages: «документ Word (.docx)» */
	const char *parts[6]; /* the parts, "%d" for those numbered from 1 */
	const char *ns;	      /* the elements' namespace */
	const char *local[2]; /* the elements: a paragraph (runs joined), a string */
};

static const struct kind kinds[] = {
	{ "документ Word (.docx)",
	  { "word/document.xml", "word/header%d.xml", "word/footer%d.xml", "word/footnotes.xml",
	    "word/endnotes.xml", "word/comments.xml" },
	  NS_W,
	  { "p", NULL } },
	{ "документ LibreOffice (.odt)", { "content.xml", "styles.xml" }, NS_TEXT, { "p", "h" } },
	{ "таблица Excel (.xlsx)",
	  { "xl/sharedStrings.xml", "xl/worksheets/sheet%d.xml" },
	  NS_XLSX,
	  { "si", "is" } },
	{ "таблица LibreOffice (.ods)", { "content.xml", "styles.xml" }, NS_TEXT, { "p", "h" } },
};

/* Append the text of every element of k under n and after it, a line each. */
static void texts(const xmlNode *n, const struct kind *k, struct nv_buf *out)
{
	xmlChar *c;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!nv_imp_is(n, k->ns, k->local[0]) &&
		    (!k->local[1] || !nv_imp_is(n, k->ns, k->local[1]))) {
			texts(n->children, k, out);
		} else if ((c = xmlNodeGetContent(n))) {
			nv_buf_adds(out, (const char *)c);
			nv_buf_addch(out, '\n');
			xmlFree(c);
		}
	}
}

/* The texts of the part entry of z into out: 1, 0 when there is no such part, -1 after an error. */
static int part(zip_t *z, const char *name, const char *entry, const struct kind *k,
		struct nv_buf *out, struct nv_diags *d)
{
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *doc;
	int r = nv_imp_zip_read(z, name, entry, &xml, d);

	if (r > 0 && !(doc = nv_imp_xml_parse(name, entry, &xml, d)))
		r = -1;
	else if (r > 0) {
		texts(xmlDocGetRootElement(doc), k, out);
		xmlFreeDoc(doc);
	}
	nv_buf_release(&xml);
	return r;
}

int nv_import_all_text(const char *name, const char *data, size_t len, enum nv_imp_kind kind,
		       struct nv_buf *out, struct nv_diags *d)
{
	const struct kind *k = &kinds[kind];
	zip_t *z = nv_imp_zip_open(name, data, len, k->what, d);
	char entry[64];
	size_t p;
	int i, r = 0;

	if (!z)
		return -1;
	for (p = 0; r >= 0 && p < NV_ARRAY_SIZE(k->parts) && k->parts[p]; p++) {
		if (!strstr(k->parts[p], "%d")) {
			r = part(z, name, k->parts[p], k, out, d);
			continue;
		}
		for (i = 1; i <= NV_IMP_MAX_ENTRIES; i++) {
			snprintf(entry, sizeof(entry), k->parts[p], i);
			if ((r = part(z, name, entry, k, out, d)) <= 0)
				break;
		}
	}
	zip_discard(z);
	return r < 0 ? -1 : 0;
}
