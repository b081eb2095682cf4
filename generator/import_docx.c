/*
 * import_docx.c: the .docx reader of `nastavnik import`.
 *
 * A .docx is a ZIP of WordprocessingML parts. We read three of them:
 * word/document.xml (the body: w:p paragraphs and w:tbl tables),
 * word/styles.xml (style names, and the numbering and outline level a
 * style carries) and word/numbering.xml (list definitions), and count
 * the numbers of automatic lists as Word does, so «2.1.» comes out as
 * Word shows it. A picture (a w:drawing holding one, or VML's w:pict)
 * found by its relationship (word/_rels/document.xml.rels) goes to
 * import_pictures.c; charts, shapes and embedded objects are counted and
 * skipped.
 */
#include "common.h"

#include "alloc.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

#define W	 "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define A	 "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC	 "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define REL	 "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define VML	 "urn:schemas-microsoft-com:vml"
#define PKG_RELS "http://schemas.openxmlformats.org/package/2006/relationships"

enum {
	MAX_LVL = 9
};

struct style {
	char *id, *name, *based;
	int num_id, ilvl, outline;
	enum nv_imp_align align;
	bool has_align;
};

struct lvl {
	int start;
	char *fmt, *text;
};

struct abstract {
	int id;
	struct lvl lvl[MAX_LVL];
};

struct num {
	int id, abstract;
	int start[MAX_LVL]; /* startOverride, or -1 */
	int count[MAX_LVL];
	bool used[MAX_LVL];
};

struct reader {
	const char *name;
	struct nv_imp_doc *doc;
	struct style *styles;
	size_t nstyles;
	struct abstract *abs;
	size_t nabs;
	struct num *nums;
	size_t nnums;
	zip_t *z;
	struct nv_strlist rels; /* the document's relationships: id, then its part, in pairs */
	bool in_cell;		/* reading a table's cell */
};

static int attr_int(const xmlNode *n, const char *local, int dflt)
{
	char *v = n ? nv_imp_attr(n, W, local) : NULL;
	int r = dflt;

	if (v) {
		r = atoi(v);
		free(v);
	}
	return r;
}

/* The w:val of the child element ns:local of n as an int, or dflt. */
static int child_val(const xmlNode *n, const char *local, int dflt)
{
	return attr_int(nv_imp_child(n, W, local), "val", dflt);
}

static enum nv_imp_align align_of(const char *v)
{
	if (!strcmp(v, "center"))
		return NV_IMP_CENTER;
	if (!strcmp(v, "right") || !strcmp(v, "end"))
		return NV_IMP_RIGHT;
	if (!strcmp(v, "both") || !strcmp(v, "distribute"))
		return NV_IMP_BOTH;
	return NV_IMP_LEFT;
}

static void read_style(struct reader *r, xmlNode *s)
{
	struct style *st;
	xmlNode *ppr = nv_imp_child(s, W, "pPr"), *numpr = nv_imp_child(ppr, W, "numPr");
	xmlNode *jc = nv_imp_child(ppr, W, "jc"), *name = nv_imp_child(s, W, "name");
	xmlNode *based = nv_imp_child(s, W, "basedOn");
	char *v;

	r->styles = nv_xrealloc(r->styles, nv_st_mult(r->nstyles + 1, sizeof(*r->styles)));
	st = &r->styles[r->nstyles++];
	memset(st, 0, sizeof(*st));
	st->id = nv_imp_attr(s, W, "styleId");
	st->name = name ? nv_imp_attr(name, W, "val") : NULL;
	st->based = based ? nv_imp_attr(based, W, "val") : NULL;
	st->num_id = numpr ? child_val(numpr, "numId", -1) : -1;
	st->ilvl = numpr ? child_val(numpr, "ilvl", 0) : 0;
	st->outline = ppr ? child_val(ppr, "outlineLvl", -1) : -1;
	if (jc && (v = nv_imp_attr(jc, W, "val"))) {
		st->align = align_of(v);
		st->has_align = true;
		free(v);
	}
}

static struct style *find_style(const struct reader *r, const char *id)
{
	size_t i;

	for (i = 0; id && i < r->nstyles; i++)
		if (r->styles[i].id && !strcmp(r->styles[i].id, id))
			return &r->styles[i];
	return NULL;
}

static void read_abstract(struct reader *r, xmlNode *a)
{
	struct abstract *ab;
	xmlNode *l;
	int i;

	r->abs = nv_xrealloc(r->abs, nv_st_mult(r->nabs + 1, sizeof(*r->abs)));
	ab = &r->abs[r->nabs++];
	memset(ab, 0, sizeof(*ab));
	ab->id = attr_int(a, "abstractNumId", -1);
	for (l = a->children; l; l = l->next) {
		xmlNode *f, *t;

		if (!nv_imp_is(l, W, "lvl"))
			continue;
		i = attr_int(l, "ilvl", -1);
		if (i < 0 || i >= MAX_LVL || ab->lvl[i].fmt)
			continue;
		f = nv_imp_child(l, W, "numFmt");
		t = nv_imp_child(l, W, "lvlText");
		ab->lvl[i].start = child_val(l, "start", 1);
		ab->lvl[i].fmt = f ? nv_imp_attr(f, W, "val") : NULL;
		ab->lvl[i].text = t ? nv_imp_attr(t, W, "val") : NULL;
		if (!ab->lvl[i].fmt)
			ab->lvl[i].fmt = nv_xstrdup("decimal");
	}
}

static void read_num(struct reader *r, xmlNode *n)
{
	struct num *nm;
	xmlNode *o;
	int i;

	r->nums = nv_xrealloc(r->nums, nv_st_mult(r->nnums + 1, sizeof(*r->nums)));
	nm = &r->nums[r->nnums++];
	memset(nm, 0, sizeof(*nm));
	nm->id = attr_int(n, "numId", -1);
	nm->abstract = child_val(n, "abstractNumId", -1);
	for (i = 0; i < MAX_LVL; i++)
		nm->start[i] = -1;
	for (o = n->children; o; o = o->next) {
		if (!nv_imp_is(o, W, "lvlOverride"))
			continue;
		i = attr_int(o, "ilvl", -1);
		if (i >= 0 && i < MAX_LVL)
			nm->start[i] = child_val(o, "startOverride", -1);
	}
}

/* Read styles.xml and numbering.xml when they are there. */
static int read_defs(struct reader *r, zip_t *z, struct nv_diags *d)
{
	static const char *const parts[] = { "word/styles.xml", "word/numbering.xml" };
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *x;
	xmlNode *n;
	int i, got, rc = -1;

	for (i = 0; i < 2; i++) {
		got = nv_imp_zip_read(z, r->name, parts[i], &xml, d);
		if (got < 0)
			goto out;
		if (!got)
			continue;
		x = nv_imp_xml_parse(r->name, parts[i], &xml, d);
		if (!x)
			goto out;
		for (n = xmlDocGetRootElement(x)->children; n; n = n->next) {
			if (nv_imp_is(n, W, "style"))
				read_style(r, n);
			else if (nv_imp_is(n, W, "abstractNum"))
				read_abstract(r, n);
			else if (nv_imp_is(n, W, "num"))
				read_num(r, n);
		}
		xmlFreeDoc(x);
	}
	rc = 0;
out:
	nv_buf_release(&xml);
	return rc;
}

static const char *const ru_letters[] = { "а", "б", "в", "г", "д", "е", "ж", "з", "и", "к",
					  "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф",
					  "х", "ц", "ч", "ш", "щ", "э", "ю", "я" };

static void add_roman(struct nv_buf *out, int n, bool upper)
{
	static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	static const char *const sym[] = { "m",	 "cm", "d",  "cd", "c",	 "xc", "l",
					   "xl", "x",  "ix", "v",  "iv", "i" };
	size_t i;
	const char *s;

	for (i = 0; i < NV_ARRAY_SIZE(val) && n > 0 && n < 4000; i++)
		for (; n >= val[i]; n -= val[i])
			for (s = sym[i]; *s; s++)
				nv_buf_addch(out, upper ? *s - 32 : *s);
}

/* One counter in the format of its level. */
static void add_counter(struct nv_buf *out, const char *fmt, int n)
{
	if (!strcmp(fmt, "lowerLetter") || !strcmp(fmt, "upperLetter"))
		nv_buf_addch(out, (fmt[0] == 'l' ? 'a' : 'A') + (n - 1) % 26);
	else if (!strcmp(fmt, "russianLower") || !strcmp(fmt, "russianUpper"))
		nv_buf_adds(out, ru_letters[(n - 1) % NV_ARRAY_SIZE(ru_letters)]);
	else if (!strcmp(fmt, "lowerRoman") || !strcmp(fmt, "upperRoman"))
		add_roman(out, n, fmt[0] == 'u');
	else
		nv_buf_addf(out, "%d", n);
}

static struct num *find_num(struct reader *r, int id)
{
	size_t i;

	for (i = 0; i < r->nnums; i++)
		if (r->nums[i].id == id)
			return &r->nums[i];
	return NULL;
}

static struct abstract *find_abstract(struct reader *r, int id)
{
	size_t i;

	for (i = 0; i < r->nabs; i++)
		if (r->abs[i].id == id)
			return &r->abs[i];
	return NULL;
}

/* Count the item and set p->number (or p->bullet) as Word shows it. */
static void number_para(struct reader *r, struct nv_imp_para *p, int num_id, int ilvl)
{
	struct num *nm = find_num(r, num_id);
	struct abstract *ab = nm ? find_abstract(r, nm->abstract) : NULL;
	struct nv_buf out = NV_BUF_INIT;
	const char *t;
	int i;

	if (!ab || ilvl < 0 || ilvl >= MAX_LVL || !ab->lvl[ilvl].fmt)
		return;
	p->level = ilvl;
	for (i = 0; i <= ilvl; i++)
		if (!nm->used[i]) {
			nm->count[i] =
				(nm->start[i] >= 0 ? nm->start[i] : ab->lvl[i].start) - (i == ilvl);
			nm->used[i] = true;
		}
	nm->count[ilvl]++;
	for (i = ilvl + 1; i < MAX_LVL; i++)
		nm->used[i] = false;
	if (!strcmp(ab->lvl[ilvl].fmt, "bullet") || !strcmp(ab->lvl[ilvl].fmt, "none")) {
		p->bullet = true;
		return;
	}
	for (t = ab->lvl[ilvl].text ? ab->lvl[ilvl].text : "%1."; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9' && t[1] - '1' <= ilvl) {
			i = t[1] - '1';
			add_counter(&out, ab->lvl[i].fmt ? ab->lvl[i].fmt : "decimal",
				    nm->count[i]);
			t++;
		} else {
			nv_buf_addch(&out, *t);
		}
	}
	p->number = nv_buf_detach(&out, NULL);
}

/* Is the property w:rPr/w:`local` of run on (there, not w:val="0" or "false")? */
static bool run_prop(const xmlNode *run, const char *local)
{
	xmlNode *b = nv_imp_child(nv_imp_child(run, W, "rPr"), W, local);
	char *v;
	bool on;

	if (!b)
		return false;
	v = nv_imp_attr(b, W, "val");
	on = !v || (strcmp(v, "0") && strcmp(v, "false"));
	free(v);
	return on;
}

/* The run's look: NV_IMP_BOLD (w:b), NV_IMP_ITALIC (w:i). */
static unsigned run_look(const xmlNode *run)
{
	return (run_prop(run, "b") ? NV_IMP_BOLD : 0) | (run_prop(run, "i") ? NV_IMP_ITALIC : 0);
}

/*
 * A sign of a symbol font (w:sym, which Word's dialog «Символ» puts):
 * the sign it stands for, or one not known as the font's code in the
 * private use area (U+F020–U+F0FF), which `check` names at its place.
 */
static void sym_text(const xmlNode *c, struct nv_buf *out, struct nv_imp_inline *in, unsigned bold)
{
	char *font = nv_imp_attr(c, W, "font"), *code = nv_imp_attr(c, W, "char"), *end = NULL;
	unsigned long cp = code ? strtoul(code, &end, 16) : 0;
	const char *sign;
	struct nv_buf pua = NV_BUF_INIT;

	if (end && !*end && end != code) {
		if (cp >= 0x20 && cp <= 0xFF)
			cp += 0xF000; /* «B3» for «F0B3» */
		if (cp >= 0xF020 && cp <= 0xF0FF) {
			if (!(sign = nv_word_symbol((uint32_t)cp, font, NULL))) {
				nv_buf_addcp(&pua, (uint32_t)cp);
				sign = pua.ptr;
			}
			nv_imp_emit(out, in, sign, bold);
		}
	}
	nv_buf_release(&pua);
	free(font);
	free(code);
}

/*
 * The relationships of word/document.xml to the parts of the archive (a
 * picture's «rId5» → word/media/image1.png); one to a file outside it
 * (TargetMode="External", a linked picture) is left out.
 */
static int read_rels(struct reader *r, struct nv_diags *d)
{
	static const char part[] = "word/_rels/document.xml.rels";
	struct nv_buf xml = NV_BUF_INIT;
	xmlDoc *x = NULL;
	xmlNode *n;
	int got = nv_imp_zip_read(r->z, r->name, part, &xml, d);

	if (got > 0 && !(x = nv_imp_xml_parse(r->name, part, &xml, d)))
		got = -1;
	for (n = x ? xmlDocGetRootElement(x)->children : NULL; n; n = n->next) {
		char *id = nv_imp_attr(n, NULL, "Id"), *to = nv_imp_attr(n, NULL, "Target"),
		     *mode = nv_imp_attr(n, NULL, "TargetMode");

		if (nv_imp_is(n, PKG_RELS, "Relationship") && id && to &&
		    !(mode && !strcmp(mode, "External"))) {
			nv_strlist_add(&r->rels, id);
			if (to[0] == '/')
				nv_strlist_add(&r->rels, to + 1);
			else
				nv_strlist_addf(&r->rels, "word/%s", to);
		}
		free(id);
		free(to);
		free(mode);
	}
	if (x)
		xmlFreeDoc(x);
	nv_buf_release(&xml);
	return got < 0 ? -1 : 0;
}

/* The first element under n (n too) named ns:local, depth first. */
static xmlNode *descendant(xmlNode *n, const char *ns, const char *local)
{
	xmlNode *c, *f;

	if (nv_imp_is(n, ns, local))
		return n;
	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (f = descendant(c, ns, local)))
			return f;
	return NULL;
}

/*
 * The part of the archive the picture of a w:drawing or w:pict is, or
 * NULL: a drawing that is a chart, a shape or a group, not a picture
 * (a:graphicData of PIC), or a picture linked, not embedded.
 */
static const char *picture_part(const struct reader *r, xmlNode *n)
{
	xmlNode *g = descendant(n, A, "graphicData"), *at = NULL;
	char *uri = g ? nv_imp_attr(g, NULL, "uri") : NULL;
	char *id = NULL;
	const char *part = NULL;
	size_t i;

	if (nv_imp_is(n, W, "pict"))
		at = descendant(n, VML, "imagedata");
	else if (uri && !strcmp(uri, PIC))
		at = descendant(g, A, "blip");
	free(uri);
	if (at)
		id = nv_imp_attr(at, REL, nv_imp_is(at, A, "blip") ? "embed" : "id");
	for (i = 0; id && i + 1 < r->rels.nr && !part; i += 2)
		if (!strcmp(r->rels.v[i], id))
			part = r->rels.v[i + 1];
	free(id);
	return part;
}

/* The text of a paragraph or run container, recursively, into out (and in, as Markdown). */
static void run_text(struct reader *r, xmlNode *n, struct nv_buf *out, struct nv_imp_inline *in,
		     unsigned bold)
{
	xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !c->ns || strcmp((const char *)c->ns->href, W)) {
			if (c->type == XML_ELEMENT_NODE &&
			    !strcmp((const char *)c->name, "AlternateContent"))
				r->doc->images++;
			continue;
		}
		if (nv_imp_is(c, W, "t")) {
			xmlChar *s = xmlNodeGetContent(c);

			nv_imp_emit(out, in, (const char *)s, bold);
			xmlFree(s);
		} else if (nv_imp_is(c, W, "tab")) {
			nv_imp_emit(out, in, "\t", bold);
		} else if (nv_imp_is(c, W, "br") || nv_imp_is(c, W, "cr")) {
			nv_imp_emit(out, in, "\n", bold);
		} else if (nv_imp_is(c, W, "sym")) {
			sym_text(c, out, in, bold);
		} else if (nv_imp_is(c, W, "noBreakHyphen")) {
			nv_imp_emit(out, in, "-", bold);
		} else if (nv_imp_is(c, W, "drawing") || nv_imp_is(c, W, "pict")) {
			nv_imp_add_picture(r->doc, r->z, picture_part(r, c), r->in_cell);
		} else if (nv_imp_is(c, W, "object")) {
			r->doc->objects++;
		} else if (nv_imp_is(c, W, "del") || nv_imp_is(c, W, "instrText") ||
			   nv_imp_is(c, W, "pPr") || nv_imp_is(c, W, "rPr") ||
			   nv_imp_is(c, W, "delText") || nv_imp_is(c, W, "footnoteReference")) {
			continue;
		} else if (nv_imp_is(c, W, "r")) {
			run_text(r, c, out, in, run_look(c));
		} else {
			run_text(r, c, out, in, bold); /* w:hyperlink, w:ins, w:smartTag, w:sdt… */
		}
	}
}

/* The paragraph properties: style, numbering, alignment, outline level. */
static void para_props(struct reader *r, xmlNode *p, struct nv_imp_para *out)
{
	xmlNode *ppr = nv_imp_child(p, W, "pPr"), *ps = nv_imp_child(ppr, W, "pStyle");
	xmlNode *numpr = nv_imp_child(ppr, W, "numPr"), *jc = nv_imp_child(ppr, W, "jc");
	char *id = ps ? nv_imp_attr(ps, W, "val") : NULL, *v;
	struct style *st = find_style(r, id), *s;
	int num_id = -1, ilvl = 0, outline = -1, depth;

	out->style = st && st->name ? nv_xstrdup(st->name) : id ? nv_xstrdup(id) : NULL;
	for (s = st, depth = 0; s && depth < 16; s = find_style(r, s->based), depth++) {
		if (num_id < 0 && s->num_id >= 0) {
			num_id = s->num_id;
			ilvl = s->ilvl;
		}
		if (outline < 0)
			outline = s->outline;
		if (!jc && s->has_align && out->align == NV_IMP_LEFT)
			out->align = s->align;
	}
	if (numpr) {
		num_id = child_val(numpr, "numId", num_id);
		ilvl = child_val(numpr, "ilvl", ilvl);
	}
	if (jc && (v = nv_imp_attr(jc, W, "val"))) {
		out->align = align_of(v);
		free(v);
	}
	outline = ppr ? child_val(ppr, "outlineLvl", outline) : outline;
	if (num_id > 0)
		number_para(r, out, num_id, ilvl);
	else if (outline >= 0 && outline < MAX_LVL)
		out->level = outline;
	free(id);
}

/* A w:p into the body or a cell; line breaks split it into paragraphs. */
static void read_para(struct reader *r, xmlNode *p, struct nv_imp_cell *cell)
{
	struct nv_buf text = NV_BUF_INIT;
	struct nv_imp_inline in;
	struct nv_imp_para *first;
	char *s, *nl;
	bool bold;

	memset(&in, 0, sizeof(in));
	r->in_cell = cell != NULL;
	run_text(r, p, &text, &in, 0);
	nl = strchr(text.ptr, '\n');
	first = nv_imp_add_para(r->doc, cell, text.ptr, nl ? (size_t)(nl - text.ptr) : text.len);
	first->md = nv_imp_inline_finish(&in, &bold);
	first->bold = bold;
	para_props(r, p, first);
	for (s = nl; s; s = nl) {
		struct nv_imp_para *more;
		enum nv_imp_align align = first->align;
		char *style = first->style ? nv_xstrdup(first->style) : NULL;

		s++;
		nl = strchr(s, '\n');
		more = nv_imp_add_para(r->doc, cell, s, nl ? (size_t)(nl - s) : strlen(s));
		more->align = align;
		more->style = style;
		r->doc->next_src--; /* the same source paragraph */
		more->src = r->doc->next_src;
	}
	nv_buf_release(&text);
}

static void read_cell_content(struct reader *r, xmlNode *tc, struct nv_imp_cell *cell);

static void read_cell_content(struct reader *r, xmlNode *tc, struct nv_imp_cell *cell)
{
	xmlNode *c, *row, *cc;

	for (c = tc->children; c; c = c->next) {
		if (nv_imp_is(c, W, "p")) {
			read_para(r, c, cell);
		} else if (nv_imp_is(c, W, "tbl")) {
			/* A table in a cell: its cells' paragraphs join this cell. */
			for (row = c->children; row; row = row->next)
				for (cc = nv_imp_is(row, W, "tr") ? row->children : NULL; cc;
				     cc = cc->next)
					if (nv_imp_is(cc, W, "tc"))
						read_cell_content(r, cc, cell);
		} else if (nv_imp_is(c, W, "sdt")) {
			xmlNode *content = nv_imp_child(c, W, "sdtContent");

			if (content)
				read_cell_content(r, content, cell);
		}
	}
}

/* Turn vMerge continuations into rowspans of the cells they continue. */
static void fix_rowspans(struct nv_imp_table *t)
{
	size_t i, j, k, m;
	int col, col2;

	for (i = 0; i < t->n; i++)
		for (j = 0, col = 0; j < t->rows[i].n; col += t->rows[i].cells[j].colspan, j++) {
			struct nv_imp_cell *c = &t->rows[i].cells[j];

			if (c->covered)
				continue;
			for (k = i + 1; k < t->n; k++) {
				bool cont = false;

				for (m = 0, col2 = 0; m < t->rows[k].n;
				     col2 += t->rows[k].cells[m].colspan, m++)
					if (col2 == col)
						cont = t->rows[k].cells[m].covered;
				if (!cont)
					break;
				c->rowspan++;
			}
		}
}

static void read_table(struct reader *r, xmlNode *tbl)
{
	struct nv_imp_table *t = nv_imp_add_table(r->doc);
	xmlNode *tr, *tc;

	for (tc = nv_imp_child(nv_imp_child(tbl, W, "tblGrid"), W, "gridCol");
	     tc && t->nwidths < NV_ARRAY_SIZE(t->widths); tc = tc->next)
		if (nv_imp_is(tc, W, "gridCol"))
			t->widths[t->nwidths++] = attr_int(tc, "w", 0);
	for (tr = tbl->children; tr; tr = tr->next) {
		struct nv_imp_row *row;

		if (!nv_imp_is(tr, W, "tr"))
			continue;
		row = nv_imp_add_row(t);
		row->header = nv_imp_child(nv_imp_child(tr, W, "trPr"), W, "tblHeader") != NULL;
		for (tc = tr->children; tc; tc = tc->next) {
			xmlNode *pr = nv_imp_child(tc, W, "tcPr"),
				*vm = nv_imp_child(pr, W, "vMerge");
			char *v = vm ? nv_imp_attr(vm, W, "val") : NULL;
			bool covered = vm && (!v || strcmp(v, "restart"));

			free(v);
			if (!nv_imp_is(tc, W, "tc"))
				continue;
			read_cell_content(
				r, tc,
				nv_imp_add_cell(row, child_val(pr, "gridSpan", 1), 1, covered));
		}
	}
	fix_rowspans(t);
}

static void read_body(struct reader *r, xmlNode *body)
{
	xmlNode *c;

	for (c = body->children; c && r->doc->n < NV_IMP_MAX_BLOCKS; c = c->next) {
		if (nv_imp_is(c, W, "p"))
			read_para(r, c, NULL);
		else if (nv_imp_is(c, W, "tbl"))
			read_table(r, c);
		else if (nv_imp_is(c, W, "sdt") && nv_imp_child(c, W, "sdtContent"))
			read_body(r, nv_imp_child(c, W, "sdtContent"));
	}
}

static void reader_release(struct reader *r)
{
	size_t i;
	int l;

	for (i = 0; i < r->nstyles; i++) {
		free(r->styles[i].id);
		free(r->styles[i].name);
		free(r->styles[i].based);
	}
	for (i = 0; i < r->nabs; i++)
		for (l = 0; l < MAX_LVL; l++) {
			free(r->abs[i].lvl[l].fmt);
			free(r->abs[i].lvl[l].text);
		}
	free(r->styles);
	free(r->abs);
	free(r->nums);
	nv_strlist_release(&r->rels);
}

int nv_import_docx(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		   struct nv_diags *d)
{
	struct reader r = { name, doc, NULL, 0, NULL, 0, NULL, 0, NULL, NV_STRLIST_INIT, false };
	struct nv_buf xml = NV_BUF_INIT;
	zip_t *z;
	xmlDoc *x = NULL;
	xmlNode *body;
	int got, rc = -1;

	doc->format = "docx";
	z = nv_imp_zip_open(name, data, len, "документ Word (.docx)", d);
	if (!z)
		return -1;
	got = nv_imp_zip_read(z, name, "word/document.xml", &xml, d);
	if (got == 0)
		nv_diag_hint(
			nv_error(d, name, 0, 0,
				 "в архиве нет word/document.xml: это не документ Word (.docx)"),
			zip_name_locate(z, "content.xml", 0) >= 0
				? "это документ LibreOffice: дайте ему расширение .odt"
				: "откройте файл в редакторе и сохраните его как .docx");
	r.z = z;
	if (got <= 0 || read_defs(&r, z, d) < 0 || read_rels(&r, d) < 0)
		goto out;
	x = nv_imp_xml_parse(name, "word/document.xml", &xml, d);
	if (!x)
		goto out;
	body = nv_imp_child(xmlDocGetRootElement(x), W, "body");
	if (!body) {
		nv_error(d, name, 0, 0, "в word/document.xml нет тела документа (w:body)");
		goto out;
	}
	read_body(&r, body);
	rc = 0;
out:
	if (x)
		xmlFreeDoc(x);
	zip_discard(z);
	nv_buf_release(&xml);
	reader_release(&r);
	return rc;
}
