/*
 * import_sheet.c: the text of a spreadsheet (.xlsx, .ods), a string a
 * line, for the guard that reads attachments before they go onto the
 * website (html_out.c). Import reads documents, not tables; this shares
 * its ZIP and XML reading within limits (import.c).
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "import_int.h"

#define NS_XLSX "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

/* Append the text of every element ns:local in n and after it, a line each. */
static void texts(const xmlNode *n, const char *ns, const char *local, struct nv_buf *out)
{
	xmlChar *c;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!nv_imp_is(n, ns, local)) {
			texts(n->children, ns, local, out);
		} else if ((c = xmlNodeGetContent(n))) {
			nv_buf_adds(out, (const char *)c);
			nv_buf_addch(out, '\n');
			xmlFree(c);
		}
	}
}

/* The texts of the part entry of z into out: 1, 0 when there is no such part, -1 after an error. */
static int part(zip_t *z, const char *name, const char *entry, const char *ns, const char *local,
		struct nv_buf *out, struct nv_diags *d)
{
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *doc;
	int r = nv_imp_zip_read(z, name, entry, &xml, d);

	if (r > 0 && !(doc = nv_imp_xml_parse(name, entry, &xml, d)))
		r = -1;
	else if (r > 0) {
		texts(xmlDocGetRootElement(doc), ns, local, out);
		xmlFreeDoc(doc);
	}
	nv_buf_release(&xml);
	return r;
}

int nv_import_sheet_text(const char *name, const char *data, size_t len, bool ods,
			 struct nv_buf *out, struct nv_diags *d)
{
	zip_t *z = nv_imp_zip_open(name, data, len,
				   ods ? "таблица LibreOffice (.ods)" : "таблица Excel (.xlsx)", d);
	char entry[64];
	int i, r;

	if (!z)
		return -1;
	if (ods) {
		r = part(z, name, "content.xml", NS_TEXT, "p", out, d);
	} else {
		/* The strings of the cells, then those written in the sheets themselves. */
		r = part(z, name, "xl/sharedStrings.xml", NS_XLSX, "t", out, d);
		for (i = 1; r >= 0 && i <= NV_IMP_MAX_ENTRIES; i++) {
			snprintf(entry, sizeof(entry), "xl/worksheets/sheet%d.xml", i);
			if ((r = part(z, name, entry, NS_XLSX, "t", out, d)) == 0)
				break;
		}
	}
	zip_discard(z);
	return r < 0 ? -1 : 0;
}
