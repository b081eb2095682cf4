/*
 * import.c: the intermediate form of `nastavnik import` and what its
 * readers share — choosing a reader, opening a ZIP container within
 * limits, parsing XML safely.
 *
 * Office files are ZIP archives of XML parts, and both layers can be
 * hostile: an archive of a million entries, a part that unpacks to
 * gigabytes from a few kilobytes, XML whose entities expand without end.
 * So the archive is opened from memory with a consistency check and an
 * entry limit, each part is read only up to a size limit and a
 * compression ratio, and libxml2 parses with no network, no entity
 * substitution and no DTD (a part with a DOCTYPE is refused outright).
 */
#include "common.h"

#include <libxml/parser.h>

#include "alloc.h"
#include "diag.h"
#include "fs.h"
#include "lazylib.h"
#include "import.h"
#include "import_int.h"

void nv_imp_doc_init(struct nv_imp_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
}

static void para_release(struct nv_imp_para *p)
{
	free(p->text);
	free(p->md);
	free(p->style);
	free(p->number);
}

static void table_free(struct nv_imp_table *t)
{
	size_t i, j, k;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++) {
			struct nv_imp_cell *c = &t->rows[i].cells[j];

			for (k = 0; k < c->n; k++)
				para_release(&c->paras[k]);
			free(c->paras);
		}
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t);
}

void nv_imp_doc_release(struct nv_imp_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n && !doc->shared; i++) {
		if (doc->v[i].table)
			table_free(doc->v[i].table);
		else
			para_release(&doc->v[i].para);
	}
	free(doc->v);
	for (i = 0; i < doc->npics && !doc->shared; i++)
		nv_buf_release(&doc->pics[i].data);
	free(doc->pics);
	nv_imp_doc_init(doc);
}

/* The source paragraph block i of doc starts at; INT_MAX past the end. */
static int block_src(const struct nv_imp_doc *doc, size_t i)
{
	if (i >= doc->n)
		return INT_MAX;
	return doc->v[i].table ? doc->v[i].table->src : doc->v[i].para.src;
}

void nv_imp_doc_part(const struct nv_imp_doc *doc, const size_t *from, const size_t *to, size_t n,
		     bool counts, struct nv_imp_doc *part)
{
	size_t k, i;
	int lo, hi;

	nv_imp_doc_init(part);
	part->shared = true;
	part->format = doc->format;
	part->encoding = doc->encoding;
	if (counts) {
		part->images = doc->images;
		part->objects = doc->objects;
	}
	for (k = 0; k < n; k++) {
		for (i = from[k]; i < to[k] && i < doc->n; i++) {
			NV_GROW(part->v, part->n + 1, part->alloc);
			part->v[part->n++] = doc->v[i];
		}
		/* A picture stands in the paragraph being read when it was found. */
		lo = from[k] ? block_src(doc, from[k]) : INT_MIN;
		hi = block_src(doc, to[k]);
		for (i = 0; i < doc->npics; i++)
			if (doc->pics[i].src >= lo && doc->pics[i].src < hi) {
				NV_GROW(part->pics, part->npics + 1, part->alloc_pics);
				part->pics[part->npics++] = doc->pics[i];
			}
	}
}

static struct nv_imp_block *add_block(struct nv_imp_doc *doc)
{
	if (doc->n == doc->alloc) {
		doc->alloc = doc->alloc ? 2 * doc->alloc : 64;
		doc->v = nv_xrealloc(doc->v, nv_st_mult(doc->alloc, sizeof(*doc->v)));
	}
	memset(&doc->v[doc->n], 0, sizeof(doc->v[0]));
	return &doc->v[doc->n++];
}

/*
 * Control characters (C0 but the tab, DEL, C1) become spaces: a document
 * may hold them, content/ may not, and nothing a reader sees is lost.
 */
static void sanitize(char *s)
{
	unsigned char *p = (unsigned char *)s;

	for (; *p; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
			*p = ' ';
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			p[0] = ' ', p[1] = ' ';
	}
}

struct nv_imp_para *nv_imp_add_para(struct nv_imp_doc *doc, struct nv_imp_cell *cell,
				    const char *text, size_t len)
{
	struct nv_imp_para *p;

	if (cell) {
		if (cell->n == cell->alloc) {
			cell->alloc = cell->alloc ? 2 * cell->alloc : 2;
			cell->paras = nv_xrealloc(cell->paras,
						  nv_st_mult(cell->alloc, sizeof(*cell->paras)));
		}
		p = &cell->paras[cell->n++];
		memset(p, 0, sizeof(*p));
	} else {
		p = &add_block(doc)->para;
	}
	p->text = nv_xmemdupz(text, len);
	sanitize(p->text);
	p->level = -1;
	p->src = ++doc->next_src;
	return p;
}

void nv_imp_para_append(struct nv_imp_para *p, const char *text, size_t len)
{
	char *joined = nv_xasprintf("%s %.*s", p->text, (int)len, text);

	free(p->text);
	p->text = joined;
	sanitize(p->text);
}

struct nv_imp_table *nv_imp_add_table(struct nv_imp_doc *doc)
{
	struct nv_imp_block *b = add_block(doc);

	b->table = nv_xcalloc(1, sizeof(*b->table));
	b->table->src = doc->next_src + 1;
	return b->table;
}

struct nv_imp_row *nv_imp_add_row(struct nv_imp_table *t)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 8;
		t->rows = nv_xrealloc(t->rows, nv_st_mult(t->alloc, sizeof(*t->rows)));
	}
	memset(&t->rows[t->n], 0, sizeof(t->rows[0]));
	return &t->rows[t->n++];
}

struct nv_imp_cell *nv_imp_add_cell(struct nv_imp_row *r, int colspan, int rowspan, bool covered)
{
	struct nv_imp_cell *c;

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 8;
		r->cells = nv_xrealloc(r->cells, nv_st_mult(r->alloc, sizeof(*r->cells)));
	}
	c = &r->cells[r->n++];
	memset(c, 0, sizeof(*c));
	c->colspan = colspan > 0 ? colspan : 1;
	c->rowspan = rowspan > 0 ? rowspan : 1;
	c->covered = covered;
	return c;
}

void nv_imp_cell_text(struct nv_buf *out, const struct nv_imp_cell *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (!c->paras[i].text[0])
			continue;
		if (out->len && out->ptr[out->len - 1] != ' ')
			nv_buf_addch(out, ' ');
		if (c->paras[i].number) {
			nv_buf_adds(out, c->paras[i].number);
			nv_buf_addch(out, ' ');
		}
		nv_buf_adds(out, c->paras[i].text);
	}
}

/*
 * Close the open runs (italic inside bold), keeping the spaces before
 * them outside («**a** b», not «**a **b»).
 */
static void inline_close(struct nv_imp_inline *in)
{
	size_t sp = 0;

	while (sp < in->md.len && in->md.ptr[in->md.len - 1 - sp] == ' ')
		sp++;
	nv_buf_truncate(&in->md, in->md.len - sp);
	if (in->open & NV_IMP_ITALIC)
		nv_buf_addch(&in->md, '*');
	if (in->open & NV_IMP_BOLD)
		nv_buf_adds(&in->md, "**");
	while (sp--)
		nv_buf_addch(&in->md, ' ');
	in->open = 0;
}

void nv_imp_emit(struct nv_buf *plain, struct nv_imp_inline *in, const char *s, unsigned look)
{
	nv_buf_adds(plain, s);
	nv_imp_inline_add(in, s, strlen(s), look);
}

void nv_imp_inline_add(struct nv_imp_inline *in, const char *s, size_t len, unsigned look)
{
	size_t i = 0;

	look &= NV_IMP_BOLD | NV_IMP_ITALIC;
	if (in->open && look != in->open)
		inline_close(in);
	if (look && !in->open) {
		for (; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
			nv_buf_addch(&in->md, ' ');
		if (i == len)
			return;
		if (look & NV_IMP_BOLD)
			nv_buf_adds(&in->md, "**");
		if (look & NV_IMP_ITALIC)
			nv_buf_addch(&in->md, '*');
		in->open = look;
	}
	for (; i < len; i++) {
		if (strchr("\\*_`<[]", s[i]) && s[i])
			nv_buf_addch(&in->md, '\\');
		nv_buf_addch(&in->md, s[i] == '\t' ? ' ' : s[i]);
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			*(look & NV_IMP_BOLD ? &in->bold : look ? &in->italic : &in->plain) += 1;
	}
}

char *nv_imp_inline_finish(struct nv_imp_inline *in, bool *all_bold)
{
	char *md = NULL;

	if (all_bold)
		*all_bold = in->bold && !in->plain && !in->italic;
	if (in->open)
		inline_close(in);
	if ((in->bold || in->italic) && (in->plain || (in->italic && in->bold)) &&
	    !memchr(in->md.ptr, '\n', in->md.len)) {
		md = nv_buf_detach(&in->md, NULL);
		sanitize(md);
	}
	nv_buf_release(&in->md);
	memset(in, 0, sizeof(*in));
	return md;
}

/* The extension of name after its last dot, lower-cased ASCII, or "". */
static const char *extension(const char *name, char out[8])
{
	const char *dot = strrchr(name, '.');
	size_t i;

	out[0] = '\0';
	if (!dot || strchr(dot, '/') || strlen(dot + 1) >= 8)
		return out;
	for (i = 0; dot[1 + i]; i++)
		out[i] = (char)((dot[1 + i] >= 'A' && dot[1 + i] <= 'Z') ? dot[1 + i] + 32
									 : dot[1 + i]);
	out[i] = '\0';
	return out;
}

/* An RTF file (WordPad's, «Сохранить как RTF») read as the text it shows (import_binary.c). */
static int import_rtf(const char *name, const struct nv_buf *data, struct nv_imp_doc *doc,
		      struct nv_diags *d)
{
	struct nv_buf text = NV_BUF_INIT;
	int rc;

	if (data->len < 5 || memcmp(data->ptr, "{\\rtf", 5)) {
		nv_diag_hint(
			nv_error(d, name, 0, 0, "это не документ RTF: он начинается не с «{\\rtf»"),
			"откройте файл в редакторе и сохраните его как .docx или .rtf");
		return -1;
	}
	nv_import_rtf_text(data->ptr, data->len, &text);
	rc = nv_import_text(name, text.ptr ? text.ptr : "", text.len, doc, d);
	doc->format = "RTF";
	doc->encoding = NULL;
	nv_buf_release(&text);
	return rc;
}

int nv_import_read(const char *path, const char *name, struct nv_imp_doc *doc, struct nv_diags *d)
{
	struct nv_buf data = NV_BUF_INIT;
	char ext[8];
	int rc = -1;

	extension(name, ext);
	if (nv_read_file(path, NV_IMP_MAX_INPUT, &data) < 0) {
		if (errno == EFBIG)
			nv_diag_hint(nv_error(d, name, 0, 0, "файл больше %d МБ",
					      NV_IMP_MAX_INPUT >> 20),
				     "разделите документ на части");
		else
			nv_error(d, name, 0, 0, "не удалось прочитать файл: %s",
				 nv_strerror(errno));
		goto out;
	}
	/* .docx and .odt are ZIP archives of XML. */
	if ((!strcmp(ext, "docx") || !strcmp(ext, "odt")) &&
	    (nv_lib_load(NV_LIB_ZIP, d) < 0 || nv_lib_load(NV_LIB_XML2, d) < 0)) {
		rc = -2;
		goto out;
	}
	if (!strcmp(ext, "docx"))
		rc = nv_import_docx(name, data.ptr, data.len, doc, d);
	else if (!strcmp(ext, "odt"))
		rc = nv_import_odt(name, data.ptr, data.len, doc, d);
	else if (!strcmp(ext, "txt") || !strcmp(ext, "md") || !strcmp(ext, "text"))
		rc = nv_import_text(name, data.ptr, data.len, doc, d);
	else if (!strcmp(ext, "rtf"))
		rc = import_rtf(name, &data, doc, d);
	else
		nv_diag_hint(nv_error(d, name, 0, 0, "неизвестный вид файла «.%s»", ext),
			     "импортируются документы .docx, .odt, .rtf, .txt и .md; документ .doc "
			     "сохраните в редакторе как .docx");
out:
	nv_buf_release(&data);
	return rc;
}

/* The magic of OLE compound files: old .doc and password-protected .docx. */
static const char ole_magic[8] = { '\xD0', '\xCF', '\x11', '\xE0', '\xA1', '\xB1', '\x1A', '\xE1' };

zip_t *nv_imp_zip_open(const char *name, const char *data, size_t len, const char *what,
		       struct nv_diags *d)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t n;

	if (len >= 8 && !memcmp(data, ole_magic, 8)) {
		nv_diag_hint(
			nv_error(d, name, 0, 0,
				 "документ защищён паролем или сохранён в старом формате .doc"),
			"снимите пароль (в Word: Файл → Сведения → Защита документа) и "
			"сохраните документ как «Документ Word (.docx)»");
		return NULL;
	}
	if (len < 4 || memcmp(data, "PK\3\4", 4)) {
		nv_diag_hint(
			nv_error(d, name, 0, 0, "это не %s: файл не является архивом ZIP", what),
			"откройте файл в редакторе и сохраните его как .docx или .odt; "
			"текст можно импортировать из файла .txt");
		return NULL;
	}
	zip_error_init(&err);
	src = zip_source_buffer_create(data, len, 0, &err);
	z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
	if (!z) {
		if (src)
			zip_source_free(src);
		nv_diag_hint(nv_error(d, name, 0, 0, "архив ZIP повреждён: %s не читается", what),
			     "откройте файл в Word или LibreOffice (они умеют восстанавливать "
			     "документы) и сохраните его заново");
		zip_error_fini(&err);
		return NULL;
	}
	zip_error_fini(&err);
	n = zip_get_num_entries(z, 0);
	if (n > NV_IMP_MAX_ENTRIES) {
		nv_diag_hint(nv_error(d, name, 0, 0, "в архиве %lld %s, больше %d: это не %s",
				      (long long)n, nv_plural((size_t)n, "файл", "файла", "файлов"),
				      NV_IMP_MAX_ENTRIES, what),
			     "файл похож на «zip-бомбу»; откройте документ в редакторе и "
			     "сохраните его заново");
		zip_discard(z);
		return NULL;
	}
	return z;
}

/* Check the stat of an entry against the limits; 0 or -1 after an error. */
static int entry_limits(const zip_stat_t *st, const char *name, const char *entry,
			struct nv_diags *d)
{
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
		nv_diag_hint(nv_error(d, name, 0, 0, "часть %s архива зашифрована", entry),
			     "снимите пароль с документа и сохраните его заново");
		return -1;
	}
	if (st->size > NV_IMP_MAX_PART) {
		nv_diag_hint(nv_error(d, name, 0, 0,
				      "часть %s распаковывается в %llu байт, больше предела %d МБ",
				      entry, (unsigned long long)st->size, NV_IMP_MAX_PART >> 20),
			     "файл похож на «zip-бомбу»; откройте документ в редакторе и "
			     "сохраните его заново");
		return -1;
	}
	if (st->size > (1u << 20) &&
	    st->size / (st->comp_size ? st->comp_size : 1) > NV_IMP_MAX_RATIO) {
		nv_diag_hint(nv_error(d, name, 0, 0,
				      "часть %s сжата в %llu раз, больше предела %d: это не похоже "
				      "на документ",
				      entry,
				      (unsigned long long)(st->size /
							   (st->comp_size ? st->comp_size : 1)),
				      NV_IMP_MAX_RATIO),
			     "файл похож на «zip-бомбу»; откройте документ в редакторе и "
			     "сохраните его заново");
		return -1;
	}
	return 0;
}

int nv_imp_zip_read(zip_t *z, const char *name, const char *entry, struct nv_buf *out,
		    struct nv_diags *d)
{
	zip_int64_t i = zip_name_locate(z, entry, 0);

	return i < 0 ? 0 : nv_imp_zip_read_index(z, name, (zip_uint64_t)i, entry, out, d);
}

int nv_imp_zip_read_index(zip_t *z, const char *name, zip_uint64_t i, const char *entry,
			  struct nv_buf *out, struct nv_diags *d)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got;
	char chunk[16384];

	zip_stat_init(&st);
	if (zip_stat_index(z, i, 0, &st) < 0)
		return 0;
	if (entry_limits(&st, name, entry, d) < 0)
		return -1;
	f = zip_fopen_index(z, i, 0);
	if (!f)
		goto corrupt;
	nv_buf_reset(out);
	/* The declared size may lie: stop at the limit whatever it says. */
	while ((got = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)got > NV_IMP_MAX_PART) {
			zip_fclose(f);
			nv_error(d, name, 0, 0, "часть %s распаковывается больше чем в %d МБ",
				 entry, NV_IMP_MAX_PART >> 20);
			return -1;
		}
		nv_buf_add(out, chunk, (size_t)got);
	}
	zip_fclose(f);
	if (got < 0)
		goto corrupt;
	return 1;
corrupt:
	nv_diag_hint(
		nv_error(d, name, 0, 0, "архив ZIP повреждён: часть %s не распаковывается", entry),
		"откройте файл в Word или LibreOffice и сохраните его заново");
	return -1;
}

static void xml_silent(void *ctx, const xmlError *e)
{
	(void)ctx;
	(void)e;
}

/* Does the XML declare a DTD or an entity («<!DOCTYPE», «<!ENTITY»)? */
static bool has_decl(const struct nv_buf *xml)
{
	const char *p = xml->ptr, *end = xml->ptr + xml->len;

	while ((p = memchr(p, '<', (size_t)(end - p))) && end - p >= 9) {
		if (!memcmp(p, "<!DOCTYPE", 9) || !memcmp(p, "<!ENTITY", 8))
			return true;
		p++;
	}
	return false;
}

xmlDoc *nv_imp_xml_parse(const char *name, const char *entry, const struct nv_buf *xml,
			 struct nv_diags *d)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	const xmlError *e;

	if (xml->len > INT_MAX)
		return NULL;
	/* No office part declares a DTD: refuse it before libxml2 reads it. */
	if (has_decl(xml)) {
		nv_diag_hint(
			nv_error(d, name, 0, 0,
				 "часть %s содержит объявление DOCTYPE: в документах Word и "
				 "LibreOffice его не бывает",
				 entry),
			"файл изготовлен не редактором (так устроены «бомбы» из XML-сущностей); "
			"откройте документ в редакторе и сохраните заново");
		return NULL;
	}
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)xml_silent);
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		nv_xmalloc(SIZE_MAX); /* out of memory: the hook aborts */
	doc = xmlCtxtReadMemory(ctxt, xml->ptr, (int)xml->len, entry, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!doc) {
		e = xmlCtxtGetLastError(ctxt);
		nv_diag_hint(nv_error(d, name, 0, 0, "часть %s, строка %d: ошибка XML: %s", entry,
				      e ? e->line : 0, "текст не разбирается"),
			     "документ повреждён; откройте его в редакторе и сохраните заново");
	} else if (doc->intSubset || doc->extSubset) {
		nv_diag_hint(
			nv_error(d, name, 0, 0,
				 "часть %s содержит объявление DOCTYPE: в документах Word и "
				 "LibreOffice его не бывает",
				 entry),
			"файл изготовлен не редактором (так устроены «бомбы» из XML-сущностей); "
			"откройте документ в редакторе и сохраните заново");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

bool nv_imp_is(const xmlNode *n, const char *ns, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       !strcmp((const char *)n->ns->href, ns) && !strcmp((const char *)n->name, local);
}

char *nv_imp_attr(const xmlNode *n, const char *ns, const char *local)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)local, (const xmlChar *)ns);
	char *s;

	if (!v)
		return NULL;
	s = nv_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

xmlNode *nv_imp_child(const xmlNode *n, const char *ns, const char *local)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (nv_imp_is(c, ns, local))
			return c;
	return NULL;
}

bool nv_imp_has_stem(const char *t, const char *const *stems, size_t n)
{
	struct nv_buf low = NV_BUF_INIT;
	bool yes = false;
	size_t k;

	nv_imp_lower(&low, t, strlen(t));
	for (k = 0; k < n && !yes; k++)
		yes = low.len && strstr(low.ptr, stems[k]);
	nv_buf_release(&low);
	return yes;
}

void nv_imp_lower(struct nv_buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z') {
			nv_buf_addch(out, c + 32);
			i++;
		} else if (c == 0xD0 && i + 1 < len) {
			unsigned char c2 = (unsigned char)s[i + 1];

			/* А–П (D0 90–9F) → а–п (D0 B0–BF); Р–Я (D0 A0–AF) → р–я (D1 80–8F); Ё → ё
			 */
			if (c2 >= 0x90 && c2 <= 0x9F)
				nv_buf_add(out, (char[]){ (char)0xD0, (char)(c2 + 0x20) }, 2);
			else if (c2 >= 0xA0 && c2 <= 0xAF)
				nv_buf_add(out, (char[]){ (char)0xD1, (char)(c2 - 0x20) }, 2);
			else if (c2 == 0x81)
				nv_buf_add(out, "\xD1\x91", 2);
			else
				nv_buf_add(out, s + i, 2);
			i += 2;
		} else {
			nv_buf_addch(out, (char)c);
			i++;
		}
	}
}

bool nv_imp_is_acting(const char *t)
{
	return !strncmp(t, "И.о.", strlen("И.о.")) || !strncmp(t, "И. о.", strlen("И. о.")) ||
	       !strncmp(t, "Исполняющ", strlen("Исполняющ"));
}

bool nv_imp_is_upper(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool letters = false;

	for (; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			return false;
		if (*p >= 'A' && *p <= 'Z')
			letters = true;
		if (*p == 0xD0 && p[1]) {
			if (p[1] >= 0xB0 && p[1] <= 0xBF)
				return false;
			if (nv_imp_cyr_capital(p))
				letters = true;
			p++;
		} else if (*p == 0xD1 && p[1]) {
			if ((p[1] >= 0x80 && p[1] <= 0x8F) || p[1] == 0x91)
				return false;
			p++;
		}
	}
	return letters;
}
