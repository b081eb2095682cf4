/*
 * import_sheet.c: all the text of an office file (.docx, .odt, .xlsx,
 * .ods), a paragraph or a cell's string a line, for the guard that reads
 * attachments before they go onto the website (html_out.c). Not only the
 * body the importer reads (import_docx.c, import_odt.c) but the headers
 * and footers, footnotes, comments, text boxes and deleted text still in
 * the file, the authors of its comments and changes, a spreadsheet's
 * sheet names and comments, and the file's properties (author, title,
 * company: Word fills them from its user's name): whoever downloads it
 * can see them. It shares the importer's ZIP and XML reading within
 * limits (import.c).
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "import_int.h"

#define NS_W	 "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_XLSX	 "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_TEXT	 "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_DC	 "http://purl.org/dc/elements/1.1/"

/* What to read of a kind of file: its parts, and the elements whose text is one line each. */
struct kind {
	const char *what;     /* for the messages: «документ Word (.docx)» */
	const char *parts[6]; /* the parts, "%d" for those numbered from 1 */
	const char *ns;	      /* the elements' namespace */
	const char *local[2]; /* the elements: a paragraph (runs joined), a string */
	/* Parts of properties and comments: every text and attribute's value a line. */
	const char *all[5];
};

static const struct kind kinds[] = {
	{ "документ Word (.docx)",
	  { "word/document.xml", "word/header%d.xml", "word/footer%d.xml", "word/footnotes.xml",
	    "word/endnotes.xml", "word/comments.xml" },
	  NS_W,
	  { "p", NULL },
	  { "docProps/core.xml", "docProps/app.xml", "word/people.xml" } },
	{ "документ LibreOffice (.odt)",
	  { "content.xml", "styles.xml" },
	  NS_TEXT,
	  { "p", "h" },
	  { "meta.xml" } },
	{ "таблица Excel (.xlsx)",
	  { "xl/sharedStrings.xml", "xl/worksheets/sheet%d.xml" },
	  NS_XLSX,
	  { "si", "is" },
	  { "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml", "xl/comments%d.xml",
	    "xl/comments/comment%d.xml" } },
	{ "таблица LibreOffice (.ods)",
	  { "content.xml", "styles.xml" },
	  NS_TEXT,
	  { "p", "h" },
	  { "meta.xml" } },
	{ "презентация LibreOffice (.odp)",
	  { "content.xml", "styles.xml" },
	  NS_TEXT,
	  { "p", "h" },
	  { "meta.xml" } },
};

static void add_line(struct nv_buf *out, const xmlChar *s)
{
	if (s && *s) {
		nv_buf_adds(out, (const char *)s);
		nv_buf_addch(out, '\n');
	}
}

/* The value of attribute a (its text), or NULL. */
static const xmlChar *attr_value(const xmlAttr *a)
{
	return a->children && a->children->type == XML_TEXT_NODE ? a->children->content : NULL;
}

/*
 * Append the text of every element of k under n and after it, a line
 * each; and who wrote a comment or made a change (a .docx's w:author, an
 * .odt's dc:creator), and a sheet's name.
 */
static void texts(const xmlNode *n, const struct kind *k, struct nv_buf *out)
{
	const xmlAttr *a;
	xmlChar *c;

	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a; a = a->next)
			if (!strcmp((const char *)a->name, "author") ||
			    (!strcmp((const char *)a->name, "name") &&
			     nv_imp_is(n, NS_TABLE, "table")))
				add_line(out, attr_value(a));
		if (!nv_imp_is(n, k->ns, k->local[0]) &&
		    (!k->local[1] || !nv_imp_is(n, k->ns, k->local[1])) &&
		    !nv_imp_is(n, NS_DC, "creator")) {
			texts(n->children, k, out);
		} else if ((c = xmlNodeGetContent(n))) {
			add_line(out, c);
			xmlFree(c);
		}
	}
}

/* Append every text and attribute's value under n and after it, a line each. */
static void all_texts(const xmlNode *n, struct nv_buf *out)
{
	const xmlAttr *a;

	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			add_line(out, n->content);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a; a = a->next)
			add_line(out, attr_value(a));
		all_texts(n->children, out);
	}
}

/*
 * The texts of the part entry of z into out (all: every text, else k's
 * elements'): 1, 0 when there is no such part, -1 after an error.
 */
static int part(zip_t *z, const char *name, const char *entry, const struct kind *k, bool all,
		struct nv_buf *out, struct nv_diags *d)
{
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *doc;
	int r = nv_imp_zip_read(z, name, entry, &xml, d);

	if (r > 0 && !(doc = nv_imp_xml_parse(name, entry, &xml, d)))
		r = -1;
	else if (r > 0) {
		if (all)
			all_texts(xmlDocGetRootElement(doc), out);
		else
			texts(xmlDocGetRootElement(doc), k, out);
		xmlFreeDoc(doc);
	}
	nv_buf_release(&xml);
	return r;
}

/* The parts named in v (n of them, NULL-ended), read by part(): 0, or -1 after an error. */
static int parts(zip_t *z, const char *name, const char *const *v, size_t n, const struct kind *k,
		 bool all, struct nv_buf *out, struct nv_diags *d)
{
	char entry[64];
	size_t p;
	int i, r = 0;

	for (p = 0; r >= 0 && p < n && v[p]; p++) {
		if (!strstr(v[p], "%d")) {
			r = part(z, name, v[p], k, all, out, d);
			continue;
		}
		for (i = 1; i <= NV_IMP_MAX_ENTRIES; i++) {
			snprintf(entry, sizeof(entry), v[p], i);
			if ((r = part(z, name, entry, k, all, out, d)) <= 0)
				break;
		}
	}
	return r < 0 ? -1 : 0;
}

int nv_import_all_text(const char *name, const char *data, size_t len, enum nv_imp_kind kind,
		       struct nv_buf *out, struct nv_diags *d)
{
	const struct kind *k = &kinds[kind];
	zip_t *z = nv_imp_zip_open(name, data, len, k->what, d);
	int r;

	if (!z)
		return -1;
	r = parts(z, name, k->parts, NV_ARRAY_SIZE(k->parts), k, false, out, d);
	if (r == 0)
		r = parts(z, name, k->all, NV_ARRAY_SIZE(k->all), k, true, out, d);
	zip_discard(z);
	return r;
}
