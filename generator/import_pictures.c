/*
 * import_pictures.c: the pictures of an imported .docx or .odt — a scheme
 * of a program, a photo of a case — put into content/files/ and shown
 * where they stood, each on a line of its own, so that the website shows
 * them and paper prints them with no hand work.
 *
 * The readers take a PNG or a JPEG of the body's text with the number of
 * the paragraph it stands in (nv_imp_add_picture()); any other picture
 * (EMF, WMF, GIF…, or one in a table) is counted as skipped, as before.
 * The body then places each before the first line after it
 * (nv_imp_body_pictures()); one in a paragraph the recogniser took as a
 * requisite (the school's logo above an order's header) is skipped and
 * said apart from the others (head_picture()). A
 * paragraph right under a picture that starts «Рисунок N» is its caption
 * and becomes its text; without one, so is a paragraph right above it
 * (some schools put it there). The files are named after the document
 * («<id>-risunok-1.png»), which is known only when its title is; until
 * then the body holds a mark, NUL-free bytes no text has ("\x01N\x01").
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"

#define MARK '\x01'

void nv_imp_add_picture(struct nv_imp_doc *doc, zip_t *z, const char *entry, bool in_cell)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_imp_picture *p;
	struct nv_buf b = NV_BUF_INIT;
	const unsigned char *u;
	const char *ext = NULL;

	/*
	 * A picture that cannot be read is skipped as one that is no PNG or
	 * JPEG; so are all after NV_IMP_MAX_PICTURES (a part named by many
	 * drawings is read for each).
	 */
	if (!in_cell && entry && doc->pics_bytes < NV_IMP_MAX_PICTURES &&
	    nv_imp_zip_read(z, "", entry, &b, &d) > 0 && b.len >= 8) {
		u = (const unsigned char *)b.ptr;
		if (!memcmp(u, "\x89PNG\r\n\x1a\n", 8))
			ext = "png";
		else if (u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
			ext = "jpg";
	}
	nv_diags_release(&d);
	if (!ext) {
		doc->images++;
		nv_buf_release(&b);
		return;
	}
	NV_GROW(doc->pics, doc->npics + 1, doc->alloc_pics);
	p = &doc->pics[doc->npics++];
	p->data = b;
	p->ext = ext;
	doc->pics_bytes += b.len;
	/* The paragraph being read gets the next number. */
	p->src = doc->next_src + 1;
}

/* Whether line l is a picture's caption: «Рисунок 1 — …», «Рис. 2. …». */
static bool caption(const struct nv_imp_ln *l)
{
	const char *s = l->text;

	if (l->t)
		return false;
	if (!strncmp(s, "Рисунок", strlen("Рисунок")))
		s += strlen("Рисунок");
	else if (!strncmp(s, "Рис.", strlen("Рис.")))
		s += strlen("Рис.");
	else
		return false;
	while (*s == ' ' || !strncmp(s, "\xC2\xA0", 2))
		s += *s == ' ' ? 1 : 2;
	return *s >= '1' && *s <= '9';
}

/* The picture pic of the source as a paragraph of the body, with its text. */
static void place(struct nv_imp_ctx *c, const struct nv_imp_picture *pic, const char *text)
{
	struct nv_imp_file *f;

	if (c->body.len)
		nv_buf_addch(&c->body, '\n');
	c->last = NV_IMP_BLOCK_PICTURE;
	NV_GROW(c->r->files, c->r->nfiles + 1, c->r->alloc_files);
	f = &c->r->files[c->r->nfiles++];
	f->name = NULL;
	f->pic = pic;
	nv_buf_adds(&c->body, "![");
	if (text)
		nv_imp_md_text(&c->body, text);
	else
		nv_buf_addf(&c->body, "Рисунок %zu", c->r->nfiles);
	nv_buf_addf(&c->body, "](%c%zu%c)\n", MARK, c->r->nfiles, MARK);
	if (!text && !c->uncaptioned++)
		c->first_uncaptioned = (int)c->r->nfiles;
}

/*
 * place() the picture pic; with no text, the first after line prev takes
 * prev's when prev is a caption and the body's last paragraph, which is
 * taken back (a caption above its picture).
 */
static void place_after(struct nv_imp_ctx *c, const struct nv_imp_picture *pic,
			const struct nv_imp_ln *prev, bool *first, const char *text)
{
	if (!text && *first && prev && prev == c->last_line && caption(prev)) {
		nv_buf_truncate(&c->body, c->last_off);
		text = prev->text;
	}
	*first = false;
	place(c, pic, text);
}

#define HEAD_PICS                                                                                                                                             \
	"герб, логотип, подпись и печать не переносятся — шапку и подпись документа nastavnik " \
	"печатает сам"

/* A picture among the requisites (a coat of arms, a logo, a signature, a seal): not taken. */
static void head_picture(struct nv_imp_ctx *c, const struct nv_imp_picture *pic)
{
	if (!c->head_pics++)
		c->first_head_pic = pic->src;
}

bool nv_imp_body_pictures(struct nv_imp_ctx *c, const struct nv_imp_ln *l)
{
	const struct nv_imp_ln *prev = NULL;
	const struct nv_imp_picture *pic, *last = NULL;
	bool first = true;

	/* The line before l; at the end (no l), the last line. */
	if (l && l > c->ln)
		prev = l - 1;
	else if (!l && c->n)
		prev = &c->ln[c->n - 1];

	for (; c->next_pic < c->doc->npics; c->next_pic++) {
		pic = &c->doc->pics[c->next_pic];
		/* One in the paragraph of l goes after it, but above its caption. */
		if (l && (pic->src > l->src || (pic->src == l->src && !caption(l))))
			break;
		/* In a requisite's paragraph (a line not of the body), or before it. */
		if (prev && (pic->src < prev->src || (pic->src == prev->src && !prev->body))) {
			head_picture(c, pic);
			continue;
		}
		if (last)
			place_after(c, last, prev, &first, NULL);
		last = pic;
	}
	if (!last)
		return false;
	if (l && caption(l)) {
		place_after(c, last, prev, &first, l->text);
		return true;
	}
	place_after(c, last, prev, &first, NULL);
	return false;
}

void nv_imp_pictures_finish(struct nv_imp_ctx *c)
{
	struct nv_imp_result *r = c->r;
	struct nv_buf names = NV_BUF_INIT, out = NV_BUF_INIT;
	const char *s, *e;
	char *end;
	size_t i, k;
	int skipped;

	/*
	 * After the last line, when it is the body's; else those among an
	 * order's requisites, before its items or after them.
	 */
	if (c->n && c->ln[c->n - 1].body)
		nv_imp_body_pictures(c, NULL);
	else
		for (; c->next_pic < c->doc->npics; c->next_pic++)
			if (c->doc->pics[c->next_pic].src < c->text_from ||
			    c->doc->pics[c->next_pic].src >= c->text_to)
				head_picture(c, &c->doc->pics[c->next_pic]);
	skipped = c->doc->images + (int)(c->doc->npics - r->nfiles) - c->head_pics;
	for (i = 0; i < r->nfiles && r->id; i++) {
		r->files[i].name =
			nv_xasprintf("%s-risunok-%zu.%s", r->id, i + 1, r->files[i].pic->ext);
		nv_buf_addf(&names, "%s%s", i ? ", " : "", r->files[i].name);
	}
	/* The marks become the addresses (the text has no control character of its own). */
	for (s = c->body.ptr; r->nfiles && r->id && (e = strchr(s, MARK));) {
		k = strtoul(e + 1, &end, 10);
		nv_buf_add(&out, s, (size_t)(e - s));
		if (*end == MARK && k >= 1 && k <= r->nfiles) {
			nv_buf_addf(&out, "../files/%s", r->files[k - 1].name);
			s = end + 1;
		} else {
			nv_buf_addch(&out, ' ');
			s = e + 1;
		}
	}
	if (out.len) {
		nv_buf_adds(&out, s);
		nv_buf_release(&c->body);
		c->body = out;
		nv_buf_init(&out);
	}
	if (r->nfiles && r->id)
		nv_imp_found(c, "рисунки: %zu — в content/files/: %s", r->nfiles, names.ptr);
	if (c->uncaptioned == 1)
		nv_imp_todo(c,
			    "у рисунка %d нет подписи «Рисунок %d — …» под ним: впишите её в "
			    "квадратные скобки его строки, ![Рисунок %d — Название](…) — это и "
			    "подпись в PDF, и текст для незрячих на сайте",
			    c->first_uncaptioned, c->first_uncaptioned, c->first_uncaptioned);
	else if (c->uncaptioned)
		nv_imp_todo(c,
			    "у %d рисунков нет подписи «Рисунок N — …» под ними, первый — рисунок "
			    "%d: впишите каждую в квадратные скобки его строки, ![Рисунок %d — "
			    "Название](…) — это и подпись в PDF, и текст для незрячих на сайте",
			    c->uncaptioned, c->first_uncaptioned, c->first_uncaptioned);
	if (c->head_pics == 1)
		nv_imp_found(c, "пропущен рисунок в шапке или подписи (абзац %d): %s",
			     c->first_head_pic, HEAD_PICS);
	else if (c->head_pics)
		nv_imp_found(c,
			     "пропущено рисунков в шапке и подписи: %d, первый — в абзаце %d: %s",
			     c->head_pics, c->first_head_pic, HEAD_PICS);
	if (skipped || c->doc->objects)
		nv_imp_found(c,
			     "пропущено: рисунков — %d, встроенных объектов — %d; сохраните "
			     "рисунки в content/files/ как PNG или JPEG (в Word — «Сохранить "
			     "как рисунок…» в меню рисунка, схему из фигур — снимком экрана) и "
			     "вставьте каждый отдельной строкой на его место: ![Рисунок 1 — "
			     "Название](../files/risunok-1.png)",
			     skipped, c->doc->objects);
	nv_buf_release(&names);
	nv_buf_release(&out);
}
