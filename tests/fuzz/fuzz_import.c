/*
 * fuzz_import.c: libFuzzer harness for `nastavnik import` (import.h): the
 * three readers and the recogniser over whatever they read.
 *
 * The first byte chooses the reader (0: .docx, 1: .odt, 0x10–0x13: all
 * the text of a .docx, .odt, .xlsx or .ods as the guard of attachments
 * reads it, nv_import_all_text(), 0x14: all the text of a ZIP archive,
 * nv_import_attachment_text() of «f.zip», 0x15: a text file in the encoding it was saved
 * in, nv_import_decode_text(), 0x16: an RTF file, nv_import_rtf_text(),
 * 0x17: the text of a binary file, nv_import_binary_text(), else text);
 * the rest is the file.
 * Beyond "no crash, no leak", it checks the contracts:
 *  - a reader that fails adds an error and leaves no paragraph behind it
 *    that the recogniser would see half-read (it is not called);
 *  - a table of pairs, an appendix's, among an order's items or made of
 *    lines «Наставник — наставляемые», comes out as entries of pairs.yml
 *    with ids (check_pairs());
 *  - a recognised document starts with its front matter, has an id made
 *    of [a-z0-9-], and its text is valid UTF-8 with no control character
 *    but the line feed; each picture it shows is named «<id>-risunok-N»
 *    in its order, a PNG's or a JPEG's by its bytes, and its address is
 *    in the text;
 *  - all the text of an office file or an archive is read, or an error
 *    says why not;
 *  - a text file, an RTF file, a binary file's runs and an archive's
 *    names and texts come out as UTF-8.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "import.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(const struct nv_imp_result *r)
{
	const char *p;
	size_t k;

	if (strncmp(r->text.ptr, "---\ntitle: ", 11) || !r->id || !r->id[0])
		abort();
	for (p = r->id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			abort();
	for (k = 0; k < r->nfiles; k++) {
		const struct nv_imp_picture *pic = r->files[k].pic;
		char *want = nv_xasprintf("%s-risunok-%zu.%s", r->id, k + 1, pic->ext);
		char *addr = nv_xasprintf("](../files/%s)\n", want);
		bool png = pic->data.len >= 8 && !memcmp(pic->data.ptr, "\x89PNG\r\n\x1a\n", 8);

		if (strcmp(r->files[k].name, want) || !strstr(r->text.ptr, addr) ||
		    png != !strcmp(pic->ext, "png"))
			abort();
		free(want);
		free(addr);
	}
	if (!nv_utf8_valid(r->text.ptr, r->text.len, NULL))
		abort();
	for (p = r->text.ptr; p < r->text.ptr + r->text.len; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7F)
			abort();
}

/* An id of [a-z0-9-], not empty. */
static bool good_id(const char *id, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		      id[i] == '-'))
			return false;
	return n > 0;
}

/*
 * A table of pairs in doc, read as `import` reads an order's appendix:
 * entries of «- mentor: id» with ids of [a-z0-9-] (their mentees too),
 * as many as it says, valid UTF-8 with no control character but the line
 * feed; the new people with such ids; none of it when it finds no pair.
 */
static void check_pairs_of(const struct nv_imp_doc *doc, const struct nv_imp_table *t,
			   const struct nv_imp_opts *o)
{
	struct nv_imp_result r;
	const char *p, *e;
	size_t n = 0, k;
	int rc;

	nv_imp_result_init(&r);
	rc = nv_import_pairs(doc, t, o, "o-par", 2025, &r);
	if ((rc == 0) != (r.npairs > 0) || (rc < 0 && r.pairs.len) ||
	    !nv_utf8_valid(r.pairs.ptr, r.pairs.len, NULL))
		abort();
	for (p = r.pairs.ptr; p < r.pairs.ptr + r.pairs.len; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n') || *p == 0x7F)
			abort();
	for (p = r.pairs.ptr; (p = strstr(p, "- mentor: ")); p = e) {
		p += strlen("- mentor: ");
		e = p + strcspn(p, "\n");
		if (!good_id(p, (size_t)(e - p)) || strncmp(e, "\n  mentees: [", 13))
			abort();
		for (p = e + 13; *p != ']'; p += *p == ',' ? 2 : 0) {
			k = strcspn(p, ",]");
			if (!good_id(p, k))
				abort();
			p += k;
		}
		n++;
	}
	if (n != r.npairs)
		abort();
	for (k = 0; k < r.nnewp; k++)
		if (!good_id(r.newp[k].id, strlen(r.newp[k].id)))
			abort();
	nv_imp_result_release(&r);
}

/*
 * The tables of pairs of doc: an appendix's (its first table), and each
 * among an order's items, read alone as `import` reads them; the order a
 * file of the table alone names: a number of UTF-8 and a date, or none.
 */
static void check_pairs(const struct nv_imp_doc *doc, const struct nv_imp_opts *o)
{
	const struct nv_imp_table *t = nv_import_pairs_table(doc);
	struct nv_imp_doc one;
	char date[11], *number;
	size_t i, end;

	if (nv_import_pairs_stamp(doc, &number, date) &&
	    (!nv_utf8_valid(number, strlen(number), NULL) || strlen(date) != 10))
		abort();
	free(number);
	if (t)
		check_pairs_of(doc, t, o);
	if (nv_import_pairs_lines(doc, &one)) {
		if (!(t = nv_import_pairs_table(&one)) || !t->lines)
			abort();
		check_pairs_of(&one, t, o);
		nv_imp_doc_release(&one);
	}
	for (i = 0; i < doc->n; i++)
		if (doc->v[i].table && nv_import_pairs_header(doc->v[i].table)) {
			end = i + 1;
			nv_imp_doc_part(doc, &i, &end, 1, false, &one);
			check_pairs_of(&one, doc->v[i].table, o);
			nv_imp_doc_release(&one);
		}
}

/*
 * An order's appendices read with it, as `import` splits them: each
 * range within the doc and after its stamp, in order; each appendix and
 * the order without them recognised as parts of the doc.
 */
static void check_appendices(const struct nv_imp_doc *doc, const struct nv_imp_result *r,
			     const struct nv_imp_opts *o)
{
	struct nv_imp_opts ao = *o;
	struct nv_imp_doc part;
	struct nv_imp_result pr;
	size_t k, from[65], to[65], prev = 0;
	const char *ids[64];
	bool web[64];

	if (r->napps > 64)
		return;
	ao.appendix = true;
	from[0] = 0;
	for (k = 0; k < r->napps; k++) {
		const struct nv_imp_app *a = &r->apps[k];

		if (a->stamp < prev || a->first <= a->stamp || a->end <= a->first ||
		    a->end > doc->n || a->src > a->last_src || !a->stamp_text)
			abort();
		prev = a->end;
		nv_imp_doc_part(doc, &a->first, &a->end, 1, false, &part);
		nv_imp_result_init(&pr);
		if (part.n != a->end - a->first)
			abort();
		if (nv_import_recognise(&part, &ao, &pr) == 0)
			check_result(&pr);
		check_pairs(&part, &ao);
		nv_imp_result_release(&pr);
		nv_imp_doc_release(&part);
		to[k] = a->stamp;
		from[k + 1] = a->end;
		ids[k] = "prilozhenie";
		web[k] = k % 2;
	}
	to[r->napps] = doc->n;
	nv_imp_doc_part(doc, from, to, r->napps + 1, true, &part);
	ao = *o;
	ao.appendices = ids;
	ao.appendix_web = web;
	ao.nappendices = r->napps;
	nv_imp_result_init(&pr);
	if (nv_import_recognise(&part, &ao, &pr) == 0) {
		check_result(&pr);
		if (r->napps &&
		    (pr.napps || !strstr(pr.text.ptr, "\nappendices: [{id: prilozhenie, ")))
			abort();
	}
	nv_imp_result_release(&pr);
	nv_imp_doc_release(&part);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct nv_imp_person people[] = { { "petrova-an", "Петрова", "Анна", NULL } };
	static const char *const forms[] = { "учитель – учитель", "ученик – ученик", NULL };
	static const char *const kinds[] = { "традиционное", "групповое", NULL };
	struct nv_imp_opts o = { NULL, people, 1, NULL, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_imp_doc doc;
	struct nv_imp_result r;
	const char *s = (const char *)data + 1;
	int rc;

	if (size < 1 || size > (1u << 20))
		return 0;
	if (data[0] >= 0x10 && data[0] <= 0x13) {
		struct nv_buf out = NV_BUF_INIT;

		if (nv_import_all_text("f", s, size - 1, (enum nv_imp_kind)(data[0] - 0x10), &out,
				       &d) < 0 &&
		    !d.errors)
			abort();
		nv_buf_release(&out);
		nv_diags_release(&d);
		return 0;
	}
	if (data[0] >= 0x14 && data[0] <= 0x17) {
		struct nv_buf out = NV_BUF_INIT;
		const char *encoding;

		if (data[0] == 0x15)
			nv_import_decode_text(s, size - 1, &out);
		else if (data[0] == 0x16)
			nv_import_rtf_text(s, size - 1, &out);
		else if (data[0] == 0x17)
			nv_import_binary_text(s, size - 1, &out);
		else if (nv_import_attachment_text("f.zip", s, size - 1, &out, &encoding, &d) < 0 &&
			 !d.errors)
			abort();
		if (out.len && !nv_utf8_valid(out.ptr, out.len, NULL))
			abort();
		nv_buf_release(&out);
		nv_diags_release(&d);
		return 0;
	}
	nv_imp_doc_init(&doc);
	nv_imp_result_init(&r);
	if (data[0] == 0)
		rc = nv_import_docx("f.docx", s, size - 1, &doc, &d);
	else if (data[0] == 1)
		rc = nv_import_odt("f.odt", s, size - 1, &doc, &d);
	else
		rc = nv_import_text("f.txt", s, size - 1, &doc, &d);
	if (rc < 0 && !d.errors)
		abort();
	o.forms = forms;
	o.kinds = kinds;
	if (rc == 0 && nv_import_recognise(&doc, &o, &r) == 0) {
		check_result(&r);
		check_appendices(&doc, &r, &o);
	}
	if (rc == 0)
		check_pairs(&doc, &o);
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
	return 0;
}
