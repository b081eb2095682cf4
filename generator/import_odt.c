/*
 * import_odt.c: the .odt reader of `nastavnik import`.
 *
 * An .odt is a ZIP whose first entry, "mimetype", names the kind of
 * document; the text is office:body/office:text in content.xml. Paragraph
 * styles (for alignment and display names) sit in content.xml's automatic
 * styles and in styles.xml; list styles say whether a level is numbered
 * and how («1.», «1.1.», «а)»), and we count the items as LibreOffice
 * shows them. A frame's picture of the archive (draw:image) goes to
 * import_pictures.c; embedded objects are counted and skipped.
 */
#include "common.h"

#include "alloc.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"
#include "markdown.h"

#define NS_TEXT	  "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_STYLE  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO	  "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_DRAW	  "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_XLINK  "http://www.w3.org/1999/xlink"

enum {
	MAX_LVL = 10
};

struct pstyle {
	char *name, *display, *parent;
	enum nv_imp_align align;
	bool has_align;
};

struct lstyle {
	char *name;
	bool numbered[MAX_LVL];
	char *format[MAX_LVL], *suffix[MAX_LVL], *prefix[MAX_LVL];
	int display[MAX_LVL];
};

struct reader {
	const char *name;
	struct nv_imp_doc *doc;
	struct nv_strlist bold;	  /* text styles that make a span bold */
	struct nv_strlist italic; /* and italic */
	struct pstyle *ps;
	size_t nps;
	struct lstyle *ls;
	size_t nls;
	int count[MAX_LVL];
	zip_t *z;
	bool in_cell; /* reading a table's cell */
};

static char *attr(const xmlNode *n, const char *ns, const char *local)
{
	return nv_imp_attr(n, ns, local);
}

static void read_pstyle(struct reader *r, xmlNode *s)
{
	struct pstyle *p;
	xmlNode *pp = nv_imp_child(s, NS_STYLE, "paragraph-properties");
	char *a = pp ? attr(pp, NS_FO, "text-align") : NULL;

	r->ps = nv_xrealloc(r->ps, nv_st_mult(r->nps + 1, sizeof(*r->ps)));
	p = &r->ps[r->nps++];
	memset(p, 0, sizeof(*p));
	p->name = attr(s, NS_STYLE, "name");
	p->display = attr(s, NS_STYLE, "display-name");
	p->parent = attr(s, NS_STYLE, "parent-style-name");
	if (a) {
		p->has_align = true;
		p->align = !strcmp(a, "center")			      ? NV_IMP_CENTER
			   : !strcmp(a, "end") || !strcmp(a, "right") ? NV_IMP_RIGHT
			   : !strcmp(a, "justify")		      ? NV_IMP_BOTH
								      : NV_IMP_LEFT;
		free(a);
	}
}

static void read_lstyle(struct reader *r, xmlNode *s)
{
	struct lstyle *l;
	xmlNode *c;
	char *v;
	int i;

	r->ls = nv_xrealloc(r->ls, nv_st_mult(r->nls + 1, sizeof(*r->ls)));
	l = &r->ls[r->nls++];
	memset(l, 0, sizeof(*l));
	l->name = attr(s, NS_STYLE, "name");
	for (c = s->children; c; c = c->next) {
		bool num = nv_imp_is(c, NS_TEXT, "list-level-style-number");

		if (!num && !nv_imp_is(c, NS_TEXT, "list-level-style-bullet"))
			continue;
		v = attr(c, NS_TEXT, "level");
		i = v ? atoi(v) - 1 : -1;
		free(v);
		if (i < 0 || i >= MAX_LVL || l->format[i])
			continue;
		l->numbered[i] = num;
		l->format[i] = num ? attr(c, NS_STYLE, "num-format") : NULL;
		if (num && (!l->format[i] || !l->format[i][0])) {
			free(l->format[i]);
			l->format[i] = NULL;
			l->numbered[i] = false;
		}
		l->suffix[i] = attr(c, NS_STYLE, "num-suffix");
		l->prefix[i] = attr(c, NS_STYLE, "num-prefix");
		v = attr(c, NS_TEXT, "display-levels");
		l->display[i] = v ? atoi(v) : 1;
		free(v);
	}
}

/* A text style: remember it when it makes text bold or italic. */
static void read_tstyle(struct reader *r, xmlNode *s)
{
	xmlNode *tp = nv_imp_child(s, NS_STYLE, "text-properties");
	char *w = tp ? attr(tp, NS_FO, "font-weight") : NULL, *name = attr(s, NS_STYLE, "name");
	char *it = tp ? attr(tp, NS_FO, "font-style") : NULL;

	if (w && name && (!strcmp(w, "bold") || atoi(w) >= 600))
		nv_strlist_add(&r->bold, name);
	if (it && name && (!strcmp(it, "italic") || !strcmp(it, "oblique")))
		nv_strlist_add(&r->italic, name);
	free(it);
	free(w);
	free(name);
}

/*
 * The picture of a frame: its draw:image's file in the archive
 * («Pictures/….png»); of several (LibreOffice keeps an SVG with a PNG to
 * show where SVG is not read), the first named .png or .jpg. A linked
 * file (an address outside it) or a frame of no image is counted as
 * skipped.
 */
static void frame_picture(struct reader *r, xmlNode *frame)
{
	xmlNode *c;
	char *href = NULL, *h;
	const char *part;

	for (c = frame->children; c; c = c->next) {
		if (!nv_imp_is(c, NS_DRAW, "image") || !(h = attr(c, NS_XLINK, "href")))
			continue;
		if (!href || (!nv_md_image_printable(href) && nv_md_image_printable(h))) {
			free(href);
			href = h;
		} else {
			free(h);
		}
	}
	part = href;
	if (part && !strncmp(part, "./", 2))
		part += 2;
	if (part && (strchr(part, ':') || part[0] == '/' || !strncmp(part, "../", 3)))
		part = NULL;
	nv_imp_add_picture(r->doc, r->z, part, r->in_cell);
	free(href);
}

/* The styles of one part: office:styles and office:automatic-styles. */
static void read_styles(struct reader *r, xmlNode *root)
{
	xmlNode *sec, *s;

	for (sec = root->children; sec; sec = sec->next) {
		if (!nv_imp_is(sec, NS_OFFICE, "styles") &&
		    !nv_imp_is(sec, NS_OFFICE, "automatic-styles"))
			continue;
		for (s = sec->children; s; s = s->next) {
			if (nv_imp_is(s, NS_STYLE, "style")) {
				char *fam = attr(s, NS_STYLE, "family");

				if (fam && !strcmp(fam, "paragraph"))
					read_pstyle(r, s);
				else if (fam && !strcmp(fam, "text"))
					read_tstyle(r, s);
				free(fam);
			} else if (nv_imp_is(s, NS_TEXT, "list-style")) {
				read_lstyle(r, s);
			}
		}
	}
}

static struct pstyle *find_ps(const struct reader *r, const char *name)
{
	size_t i;

	for (i = 0; name && i < r->nps; i++)
		if (r->ps[i].name && !strcmp(r->ps[i].name, name))
			return &r->ps[i];
	return NULL;
}

static struct lstyle *find_ls(const struct reader *r, const char *name)
{
	size_t i;

	for (i = 0; name && i < r->nls; i++)
		if (r->ls[i].name && !strcmp(r->ls[i].name, name))
			return &r->ls[i];
	return NULL;
}

static void para_text(struct reader *r, xmlNode *n, struct nv_buf *out, struct nv_imp_inline *in,
		      unsigned bold)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			nv_imp_emit(out, in, (const char *)c->content, bold);
		} else if (nv_imp_is(c, NS_TEXT, "s")) {
			char *v = attr(c, NS_TEXT, "c");
			int k = v ? atoi(v) : 1;

			free(v);
			/* A run of spaces in a real document is short; a huge count is an attack.
			 */
			if (k > 64)
				k = 64;
			while (k-- > 0)
				nv_imp_emit(out, in, " ", bold);
		} else if (nv_imp_is(c, NS_TEXT, "tab")) {
			nv_imp_emit(out, in, "\t", bold);
		} else if (nv_imp_is(c, NS_TEXT, "line-break")) {
			nv_imp_emit(out, in, "\n", bold);
		} else if (nv_imp_is(c, NS_DRAW, "frame")) {
			if (nv_imp_child(c, NS_DRAW, "object") ||
			    nv_imp_child(c, NS_DRAW, "object-ole"))
				r->doc->objects++;
			else
				frame_picture(r, c);
		} else if (nv_imp_is(c, NS_TEXT, "span")) {
			char *st = attr(c, NS_TEXT, "style-name");

			para_text(
				r, c, out, in,
				bold | (st && nv_strlist_has(&r->bold, st) ? NV_IMP_BOLD : 0) |
					(st && nv_strlist_has(&r->italic, st) ? NV_IMP_ITALIC : 0));
			free(st);
		} else if (nv_imp_is(c, NS_TEXT, "a") || nv_imp_is(c, NS_TEXT, "meta") ||
			   nv_imp_is(c, NS_TEXT, "ruby-base")) {
			para_text(r, c, out, in, bold);
		}
		/* text:note, text:number, office:annotation, bookmarks: not text of the paragraph
		 */
	}
}

/* The number of a list item at level lvl in list style l, as shown. */
static char *list_number(struct reader *r, const struct lstyle *l, int lvl)
{
	struct nv_buf out = NV_BUF_INIT;
	int i, from;

	from = lvl - (l->display[lvl] > 0 ? l->display[lvl] : 1) + 1;
	if (from < 0)
		from = 0;
	if (l->prefix[lvl])
		nv_buf_adds(&out, l->prefix[lvl]);
	for (i = from; i <= lvl; i++) {
		const char *f = l->format[i] ? l->format[i] : "1";
		int n = r->count[i] > 0 ? r->count[i] : 1;

		if (!strcmp(f, "а") || !strcmp(f, "А"))
			nv_buf_adds(&out,
				    (const char *[]){ "а", "б", "в", "г", "д", "е", "ж", "з", "и",
						      "к", "л", "м", "н", "о", "п" }[(n - 1) % 15]);
		else if (!strcmp(f, "a") || !strcmp(f, "A"))
			nv_buf_addch(&out, f[0] + (n - 1) % 26);
		else
			nv_buf_addf(&out, "%d", n);
		if (i < lvl)
			nv_buf_addch(&out, '.');
	}
	if (l->suffix[lvl])
		nv_buf_adds(&out, l->suffix[lvl]);
	return nv_buf_detach(&out, NULL);
}

/*
 * A text:p or text:h into the body or a cell; line breaks split it. lst
 * and lvl: the list it is an item of (NULL, -1 outside lists).
 */
static void read_para(struct reader *r, xmlNode *p, struct nv_imp_cell *cell,
		      const struct lstyle *lst, int lvl, bool first_of_item)
{
	struct nv_buf text = NV_BUF_INIT;
	struct nv_imp_inline in;
	struct nv_imp_para *para = NULL;
	struct pstyle *st;
	char *sname = attr(p, NS_TEXT, "style-name"), *s, *nl, *ol, *md;
	int depth;
	bool bold;

	memset(&in, 0, sizeof(in));
	r->in_cell = cell != NULL;
	para_text(r, p, &text, &in, 0);
	md = nv_imp_inline_finish(&in, &bold);
	for (s = text.ptr; s; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		para = nv_imp_add_para(r->doc, cell, s, nl ? (size_t)(nl - s) : strlen(s));
		para->bold = bold;
		if (s != text.ptr)
			para->src = --r->doc->next_src;
		else
			para->md = md;
		for (st = find_ps(r, sname), depth = 0; st && depth < 16;
		     st = find_ps(r, st->parent), depth++)
			if (st->has_align) {
				para->align = st->align;
				break;
			}
		st = find_ps(r, sname);
		if (st && (st->display || st->name))
			para->style = nv_xstrdup(st->display ? st->display : st->name);
		if (s != text.ptr)
			continue;
		if (nv_imp_is(p, NS_TEXT, "h") && (ol = attr(p, NS_TEXT, "outline-level"))) {
			para->level = atoi(ol) - 1;
			free(ol);
		}
		if (lst && lvl >= 0 && first_of_item) {
			para->level = lvl;
			if (lst->numbered[lvl])
				para->number = list_number(r, lst, lvl);
			else
				para->bullet = true;
		}
	}
	free(sname);
	nv_buf_release(&text);
}

static void read_text(struct reader *r, xmlNode *parent, struct nv_imp_cell *cell,
		      const struct lstyle *lst, int lvl);

static void read_list(struct reader *r, xmlNode *list, struct nv_imp_cell *cell,
		      const struct lstyle *outer, int lvl)
{
	char *sname = attr(list, NS_TEXT, "style-name"),
	     *cont = attr(list, NS_TEXT, "continue-numbering");
	char *cont2 = attr(list, NS_TEXT, "continue-list");
	const struct lstyle *l = sname ? find_ls(r, sname) : outer;
	xmlNode *item, *c;
	int i;

	if (lvl >= MAX_LVL - 1)
		lvl = MAX_LVL - 2;
	lvl++;
	if (lvl == 0 && !(cont && !strcmp(cont, "true")) && !cont2)
		for (i = 0; i < MAX_LVL; i++)
			r->count[i] = 0;
	for (item = list->children; item; item = item->next) {
		bool first = true, header = nv_imp_is(item, NS_TEXT, "list-header");

		if (!header && !nv_imp_is(item, NS_TEXT, "list-item"))
			continue;
		if (!header) {
			r->count[lvl]++;
			for (i = lvl + 1; i < MAX_LVL; i++)
				r->count[i] = 0;
		}
		for (c = item->children; c; c = c->next) {
			if (nv_imp_is(c, NS_TEXT, "p") || nv_imp_is(c, NS_TEXT, "h")) {
				read_para(r, c, cell, l, header ? -1 : lvl, first);
				first = false;
			} else if (nv_imp_is(c, NS_TEXT, "list")) {
				read_list(r, c, cell, l, lvl);
			}
		}
	}
	free(sname);
	free(cont);
	free(cont2);
}

static void read_table(struct reader *r, xmlNode *tbl, struct nv_imp_cell *into);

static void read_rows(struct reader *r, xmlNode *parent, struct nv_imp_table *t,
		      struct nv_imp_cell *into, bool header)
{
	xmlNode *tr, *tc;

	for (tr = parent->children; tr; tr = tr->next) {
		struct nv_imp_row *row = NULL;
		int skip = 0;

		if (nv_imp_is(tr, NS_TABLE, "table-header-rows") ||
		    nv_imp_is(tr, NS_TABLE, "table-rows")) {
			read_rows(r, tr, t, into, nv_imp_is(tr, NS_TABLE, "table-header-rows"));
			continue;
		}
		if (!nv_imp_is(tr, NS_TABLE, "table-row"))
			continue;
		if (!into) {
			row = nv_imp_add_row(t);
			row->header = header;
		}
		for (tc = tr->children; tc; tc = tc->next) {
			bool covered = nv_imp_is(tc, NS_TABLE, "covered-table-cell");
			char *cs, *rs;
			struct nv_imp_cell *cell;

			if (!covered && !nv_imp_is(tc, NS_TABLE, "table-cell"))
				continue;
			if (covered && skip > 0) { /* under a cell spanning columns */
				skip--;
				continue;
			}
			cs = attr(tc, NS_TABLE, "number-columns-spanned");
			rs = attr(tc, NS_TABLE, "number-rows-spanned");
			cell = into ? into
				    : nv_imp_add_cell(row, cs ? atoi(cs) : 1, rs ? atoi(rs) : 1,
						      covered);
			skip = cs && atoi(cs) > 1 ? atoi(cs) - 1 : 0;
			free(cs);
			free(rs);
			read_text(r, tc, cell, NULL, -1);
		}
	}
}

/* The relative width («3000*») of the automatic column style `name` of doc, or 0. */
static long column_width(xmlNode *tbl, const char *name)
{
	xmlNode *s = nv_imp_child(xmlDocGetRootElement(tbl->doc), NS_OFFICE, "automatic-styles");
	long w = 0;

	for (s = s ? s->children : NULL; s && name && !w; s = s->next) {
		char *n = nv_imp_is(s, NS_STYLE, "style") ? attr(s, NS_STYLE, "name") : NULL;
		char *v = NULL;

		if (n && !strcmp(n, name))
			v = attr(nv_imp_child(s, NS_STYLE, "table-column-properties"), NS_STYLE,
				 "rel-column-width");
		w = v ? atol(v) : 0;
		free(n);
		free(v);
	}
	return w;
}

/* The columns' relative widths of tbl into t (none when a column has none). */
static void read_widths(xmlNode *tbl, struct nv_imp_table *t)
{
	xmlNode *c;

	for (c = tbl->children; c; c = c->next) {
		char *st, *rep;
		long w, k;

		if (!nv_imp_is(c, NS_TABLE, "table-column"))
			continue;
		st = attr(c, NS_TABLE, "style-name");
		rep = attr(c, NS_TABLE, "number-columns-repeated");
		w = column_width(tbl, st);
		for (k = rep ? atol(rep) : 1; k > 0 && t->nwidths < NV_ARRAY_SIZE(t->widths); k--)
			t->widths[t->nwidths++] = w;
		free(st);
		free(rep);
		if (!w) {
			t->nwidths = 0;
			return;
		}
	}
}

/* A table; one inside a cell (into) gives its paragraphs to that cell. */
static void read_table(struct reader *r, xmlNode *tbl, struct nv_imp_cell *into)
{
	struct nv_imp_table *t = into ? NULL : nv_imp_add_table(r->doc);

	if (t)
		read_widths(tbl, t);
	read_rows(r, tbl, t, into, false);
}

static void read_text(struct reader *r, xmlNode *parent, struct nv_imp_cell *cell,
		      const struct lstyle *lst, int lvl)
{
	xmlNode *c;

	for (c = parent->children; c && r->doc->n < NV_IMP_MAX_BLOCKS; c = c->next) {
		if (nv_imp_is(c, NS_TEXT, "p") || nv_imp_is(c, NS_TEXT, "h"))
			read_para(r, c, cell, NULL, -1, false);
		else if (nv_imp_is(c, NS_TEXT, "list"))
			read_list(r, c, cell, lst, lvl);
		else if (nv_imp_is(c, NS_TABLE, "table"))
			read_table(r, c, cell);
		else if (nv_imp_is(c, NS_TEXT, "section") || nv_imp_is(c, NS_TEXT, "index-body") ||
			 nv_imp_is(c, NS_TEXT, "table-of-content"))
			read_text(r, c, cell, lst, lvl);
	}
}

static void reader_release(struct reader *r)
{
	size_t i;
	int l;

	for (i = 0; i < r->nps; i++) {
		free(r->ps[i].name);
		free(r->ps[i].display);
		free(r->ps[i].parent);
	}
	for (i = 0; i < r->nls; i++) {
		free(r->ls[i].name);
		for (l = 0; l < MAX_LVL; l++) {
			free(r->ls[i].format[l]);
			free(r->ls[i].suffix[l]);
			free(r->ls[i].prefix[l]);
		}
	}
	free(r->ps);
	free(r->ls);
	nv_strlist_release(&r->bold);
	nv_strlist_release(&r->italic);
}

/* Check the mimetype entry: 0 for a text document, -1 after an error. */
static int check_mimetype(zip_t *z, const char *name, struct nv_buf *buf, struct nv_diags *d)
{
	int got = nv_imp_zip_read(z, name, "mimetype", buf, d);

	if (got < 0)
		return -1;
	if (got > 0 && !strcmp(buf->ptr, "application/vnd.oasis.opendocument.text"))
		return 0;
	if (got == 0 && zip_name_locate(z, "word/document.xml", 0) >= 0)
		nv_diag_hint(nv_error(d, name, 0, 0, "это документ Word, а не LibreOffice (.odt)"),
			     "дайте файлу расширение .docx");
	else
		nv_diag_hint(
			nv_error(d, name, 0, 0, "это не текстовый документ LibreOffice (.odt): %s",
				 got ? buf->ptr : "в архиве нет mimetype"),
			"импортируются текстовые документы; таблицу (.ods) сохраните как .odt");
	return -1;
}

int nv_import_odt(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		  struct nv_diags *d)
{
	static const char *const parts[] = { "styles.xml", "content.xml" };
	struct reader r = { name, doc,	NV_STRLIST_INIT, NV_STRLIST_INIT, NULL, 0, NULL, 0, { 0 },
			    NULL, false };
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *x = NULL;
	xmlNode *body, *text;
	zip_t *z;
	int i, got, rc = -1;

	doc->format = "odt";
	z = nv_imp_zip_open(name, data, len, "документ LibreOffice (.odt)", d);
	if (!z)
		return -1;
	r.z = z;
	if (check_mimetype(z, name, &xml, d) < 0)
		goto out;
	for (i = 0; i < 2; i++) {
		got = nv_imp_zip_read(z, name, parts[i], &xml, d);
		if (got < 0 || (!got && i == 1)) {
			if (!got)
				nv_error(d, name, 0, 0,
					 "в архиве нет content.xml: документ повреждён");
			goto out;
		}
		if (!got)
			continue;
		if (x)
			xmlFreeDoc(x);
		x = nv_imp_xml_parse(name, parts[i], &xml, d);
		if (!x)
			goto out;
		read_styles(&r, xmlDocGetRootElement(x));
	}
	body = nv_imp_child(xmlDocGetRootElement(x), NS_OFFICE, "body");
	text = nv_imp_child(body, NS_OFFICE, "text");
	if (!text) {
		nv_error(d, name, 0, 0, "в content.xml нет текста документа (office:text)");
		goto out;
	}
	read_text(&r, text, NULL, NULL, -1);
	rc = 0;
out:
	if (x)
		xmlFreeDoc(x);
	zip_discard(z);
	nv_buf_release(&xml);
	reader_release(&r);
	return rc;
}
