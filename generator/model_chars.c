/*
 * model_chars.c: the secretary's warnings for characters that will not
 * show as the author saw them: Word's list bullets at the start of a line
 * («·», «▪», «□»), which Markdown does not take for a list; a sign of
 * Word's symbol fonts (Symbol, Wingdings: the private use area, U+F0FC
 * for «✓»), which no other font draws, so the website and the PDF show
 * an empty box; «�», which a program put for a letter it could not read;
 * an emoji («👍», «✅») in a document that is printed, which the PDF's
 * fonts lack and official papers do not carry; a character that shows
 * nothing and is no space (a zero width space, a mark of the direction
 * of writing); a link or an image whose address has a space, which
 * Markdown leaves as typed, brackets and all, and an image with no text,
 * which a screen reader cannot tell. In a body's lines (model_text.c,
 * the bodies with NV_MD_TEXT_GLYPH, NV_MD_TEXT_BULLET or NV_MD_TEXT_LINK)
 * and, all but the bullets and the links, in the front matter's fields
 * (the ones whose bytes may have such a character, nv_md_glyphs()) and
 * the data files' (people.yml, pairs.yml, site.yml).
 */
#include "common.h"

#include "content.h"
#include "diag.h"
#include "markdown.h"
#include "model_int.h"
#include "utf8.h"
#include "value.h"

/* Word's bullets at the start of line l, at its indent ind. */
static void check_bullets(const struct mdl_line *l, size_t ind)
{
	static const char *const bullets[] = { "\u00B7", "\u25AA", "\u25A1",
					       "\u2022", "\u25A0", "\uF0B7" };
	unsigned char c = ind < l->n ? (unsigned char)l->s[ind] : 0;
	size_t i;

	/* each bullet starts with one of these bytes */
	if (c != 0xC2 && c != 0xE2 && c != 0xEF)
		return;
	for (i = 0; i < NV_ARRAY_SIZE(bullets); i++)
		if (mdl_starts(l->s + ind, l->n - ind, bullets[i])) {
			nv_diag_hint(
				mdl_warn_at(l, ind,
					    "строка начинается со знака «·», «▪» или «□» — маркера "
					    "списка из Word: Markdown не считает его списком"),
				"начните пункт списка с «- » (дефис и пробел), каждый пункт с "
				"новой строки");
			return;
		}
}

/* What a character is to these checks. */
enum glyph {
	GLYPH_NONE,
	GLYPH_SYMBOL,	 /* a sign of Word's symbol fonts: U+E000–U+F8FF */
	GLYPH_LOST,	 /* U+FFFD */
	GLYPH_EMOJI,	 /* a pictograph, in a printed document */
	GLYPH_INVISIBLE, /* nv_utf8_invisible() */
};

/* The characters said in a line or a field: each once. */
struct said {
	uint32_t cp[8];
	size_t n;
};

/*
 * Whether cp, of kind g, is to be said: not said in s yet (a few a line,
 * then no more), an emoji when no other was (their hint is one).
 */
static bool first_time(struct said *s, enum glyph g, uint32_t cp)
{
	size_t i;

	if (g == GLYPH_EMOJI)
		cp = 0x110000; /* past every character */
	for (i = 0; i < s->n; i++)
		if (s->cp[i] == cp)
			return false;
	if (s->n == NV_ARRAY_SIZE(s->cp))
		return false;
	s->cp[s->n++] = cp;
	return true;
}

/* What cp is, in a document printed (print) or not: nv_utf8_undrawn() by kind, or invisible. */
static enum glyph glyph_of(uint32_t cp, bool print)
{
	if (nv_utf8_invisible(cp))
		return GLYPH_INVISIBLE;
	if (!nv_utf8_undrawn(cp))
		return GLYPH_NONE;
	if (cp == 0xFFFD)
		return GLYPH_LOST;
	if (cp >= 0xE000 && cp <= 0xF8FF)
		return GLYPH_SYMBOL;
	return print ? GLYPH_EMOJI : GLYPH_NONE;
}

/* The warning of an invisible character cp (nv_utf8_invisible()) at line, col of path. */
static void invisible_warn(struct nv_diags *d, const char *path, int line, int col, uint32_t cp)
{
	bool width = cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064);
	struct nv_diag *w = nv_warning(d, path, line, col, "невидимый знак U+%04X %s", (unsigned)cp,
				       cp == 0xFEFF ? "(метка порядка байтов, BOM)"
				       : width	    ? "нулевой ширины"
						    : "направления письма");

	if (width || cp == 0xFEFF)
		nv_diag_hint(
			w,
			"его не видно ни в редакторе, ни на сайте, ни в PDF, но поиск по сайту не "
			"найдёт слово с ним, а слова по обе стороны читаются слитно: удалите "
			"его, а если он стоит между словами, поставьте вместо него пробел");
	else
		nv_diag_hint(w, "он меняет порядок, в котором показаны буквы и слова: на сайте "
				"строка может выглядеть не так, как написана; удалите его");
}

/* The warning of a character of kind g, cp, written as the n bytes at s, at line, col of path. */
static void glyph_warn(struct nv_diags *d, const char *path, int line, int col, enum glyph g,
		       uint32_t cp, const char *s, size_t n)
{
	struct nv_diag *w;
	const char *sign;
	bool bullet = false;

	if (g == GLYPH_LOST) {
		nv_diag_hint(nv_warning(d, path, line, col,
					"знак «�» (U+FFFD): так программы заменяют букву, которую "
					"не смогли прочитать, — здесь потерян знак"),
			     "наберите слово заново; если таких знаков много, перенесите "
			     "документ из исходного файла ещё раз (nastavnik import)");
		return;
	}
	if (g == GLYPH_INVISIBLE) {
		invisible_warn(d, path, line, col, cp);
		return;
	}
	if (g == GLYPH_EMOJI) {
		nv_diag_hint(nv_warning(d, path, line, col, "эмодзи «%.*s» в документе для печати",
					(int)n, s),
			     "в приказах, положениях, программах и дорожных картах эмодзи не "
			     "ставят, а в шрифтах PDF их обычно нет — на бумаге выйдет пустой "
			     "квадрат; уберите знак или замените его словом");
		return;
	}
	w = nv_warning(d, path, line, col,
		       "знак U+%04X из шрифта Word (Symbol или Wingdings): в других шрифтах его "
		       "нет, на сайте и в PDF будет пустой квадрат",
		       (unsigned)cp);
	if (!(sign = nv_word_symbol(cp, NULL, &bullet)))
		nv_diag_hint(w, "замените знак обычным символом или словом, а если он не нужен, "
				"удалите его");
	else if (bullet)
		nv_diag_hint(w, "в Word это маркер списка: начните пункт с «- » (дефис и пробел), "
				"каждый пункт с новой строки");
	else
		nv_diag_hint(w, "в Word это, скорее всего, знак «%s»: поставьте его вместо этого",
			     sign);
}

bool mdl_printed(const struct nv_entry *e)
{
	return e->kind == NV_KIND_ORDER || e->kind == NV_KIND_POSITION ||
	       e->kind == NV_KIND_PROGRAM || e->kind == NV_KIND_ROADMAP ||
	       e->kind == NV_KIND_FORM || e->approved_by;
}

/*
 * The next character of s (n bytes) from *at on that glyph_of() names,
 * its place in *at, its length in *k and code in *cp; GLYPH_NONE at the end.
 */
static enum glyph next_glyph(const char *s, size_t n, size_t *at, size_t *k, uint32_t *cp,
			     bool print)
{
	enum glyph g;
	size_t i;

	for (i = *at; i < n; i += *k ? *k : 1) {
		*k = 1;
		/* U+2000 on: a pictograph from U+231A, the others from U+E000 */
		if ((unsigned char)s[i] < 0xE2)
			continue;
		if ((*k = nv_utf8_decode(s + i, n - i, cp)) && (g = glyph_of(*cp, print))) {
			*at = i;
			return g;
		}
	}
	*at = n;
	return GLYPH_NONE;
}

/* The characters of line l that glyph_of() names, each once (a bullet at ind: check_bullets()). */
static void check_glyphs(const struct mdl_line *l, size_t ind)
{
	bool print = mdl_printed(l->e);
	struct said said = { .n = 0 };
	enum glyph g;
	size_t at = 0, k;
	uint32_t cp;

	for (; (g = next_glyph(l->s, l->n, &at, &k, &cp, print)); at += k) {
		/* a bullet at the line's start is check_bullets()'s */
		if ((cp == 0xF0B7 && at == ind) || !first_time(&said, g, cp))
			continue;
		glyph_warn(l->b->d, l->e->doc->path, l->no, (int)nv_utf8_count(l->s, at) + 1, g, cp,
			   l->s + at, k);
	}
}

/* Whether s[off] is inside a code span of the line l: after an odd number of «`». */
static bool in_code(const struct mdl_line *l, size_t off)
{
	size_t i, ticks = 0;

	for (i = 0; i < off; i++)
		ticks += l->s[i] == '`';
	return ticks & 1;
}

/*
 * Where the text of the link or the image whose «]» is at l->s[at]
 * starts: its «[», or its «![» (*image); SIZE_MAX when there is no «[»
 * before it on the line or it is in code.
 */
static size_t link_open(const struct mdl_line *l, size_t at, bool *image)
{
	size_t open = at;

	while (open > 0 && l->s[open] != '[')
		open--;
	if (l->s[open] != '[' || in_code(l, at))
		return SIZE_MAX;
	*image = open > 0 && l->s[open - 1] == '!';
	return open - *image;
}

/*
 * A link or an image whose address has a space (nv_md_spaced_address()),
 * the «]» of whose text is at l->s[at]: the page would show it as typed,
 * brackets and all. An error at its «[» or «![».
 */
static void spaced_address(const struct mdl_line *l, size_t at)
{
	size_t n = nv_md_spaced_address(l->s + at, l->n - at), open, k, t;
	const char *a = l->s + at + 2;
	bool image;

	if (!n || (open = link_open(l, at, &image)) == SIZE_MAX)
		return;
	for (k = 0; k < n && a[k] == ' ';)
		k++;
	/* The address ends at t: a title after it («a b.pdf "План"») stays after the «>». */
	t = n;
	if (n - k >= 3 && (a[n - 1] == '"' || a[n - 1] == '\''))
		for (t = n - 2; t > k && !(a[t] == a[n - 1] && a[t - 1] == ' ');)
			t--;
	t = t > k && t < n ? t - 1 : n;
	nv_diag_hint(nv_error(l->b->d, l->e->doc->path, l->no, (int)nv_utf8_count(l->s, open) + 1,
			      "в адресе «%.*s» пробел: Markdown не читает это как %s, и будет "
			      "виден сам текст со скобками",
			      (int)(t - k), a + k, image ? "изображение" : "ссылку"),
		     "возьмите адрес в угловые скобки: %.*s(<%.*s>%.*s) — или переименуйте файл "
		     "без пробелов",
		     (int)(at + 1 - open), l->s + open, (int)(t - k), a + k, (int)(n - t), a + t);
}

/*
 * A link typed with a space between its text and its address (at the
 * «]» at l->s[at], nv_md_split_link()): a warning at its «[» or «![».
 */
static void split_link(const struct mdl_line *l, size_t at)
{
	size_t n = nv_md_split_link(l->s + at, l->n - at), open, sp;
	bool image;

	if (!n || (open = link_open(l, at, &image)) == SIZE_MAX)
		return;
	for (sp = at + 1; l->s[sp] == ' ';)
		sp++;
	nv_diag_hint(nv_warning(l->b->d, l->e->doc->path, l->no, (int)nv_utf8_count(l->s, open) + 1,
				"между «]» и «(» пробел: Markdown не читает это как %s, и будет "
				"виден сам текст со скобками",
				image ? "изображение" : "ссылку"),
		     "уберите пробел: %.*s%.*s", (int)(at + 1 - open), l->s + open,
		     (int)(at + n - sp), l->s + sp);
}

/*
 * Images with no text («![](files/foto.jpg)»): the website's alt is
 * empty; links and images whose address has a space.
 */
static void check_links(const struct mdl_line *l)
{
	const char *p = l->s, *end = l->s + l->n;

	while ((p = memchr(p, '!', (size_t)(end - p))) != NULL) {
		if (nv_md_image_without_text(p, (size_t)(end - p)))
			nv_diag_hint(
				mdl_warn_at(l, (size_t)(p - l->s), "у изображения нет описания"),
				"напишите в квадратных скобках, что на нём: «![Наставник и "
				"наставляемый на уроке](../files/urok.jpg)»; описание прочитает "
				"экранный диктор, его видно, если картинка не загрузилась "
				"(ГОСТ Р 52872-2019)");
		p++;
	}
	for (p = l->s; (p = memchr(p, ']', (size_t)(end - p))) != NULL; p++) {
		spaced_address(l, (size_t)(p - l->s));
		split_link(l, (size_t)(p - l->s));
	}
}

void mdl_check_chars(const struct mdl_line *l, size_t ind)
{
	const struct nv_md *md = l->e->doc->md;

	check_bullets(l, ind);
	if (md && md->text_facts & NV_MD_TEXT_GLYPH)
		check_glyphs(l, ind);
	if (md && md->text_facts & NV_MD_TEXT_LINK)
		check_links(l);
}

/*
 * The characters of the scalars under v, each once a scalar, of the file
 * at path: a document's front matter (doc), placed where they are
 * written, or a data file's (doc NULL: the loader keeps no text of it),
 * at its scalar's start.
 */
static void value_glyphs(struct builder *b, const char *path, struct nv_doc *doc,
			 const struct nv_value *v, bool print)
{
	struct said said = { .n = 0 };
	enum glyph g;
	size_t i, at = 0, k;
	uint32_t cp;
	int line = v->line, col = v->col;

	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			value_glyphs(b, path, doc, v->items[i], print);
	} else if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			value_glyphs(b, path, doc, v->members[i].value, print);
	} else if (v->str) {
		for (; (g = next_glyph(v->str, v->len, &at, &k, &cp, print)); at += k) {
			if (!first_time(&said, g, cp))
				continue;
			if (doc)
				mdl_meta_written_at(doc, v, v->str + at, k, &line, &col);
			glyph_warn(b->d, path, line, col, g, cp, v->str + at, k);
		}
	}
}

void mdl_check_glyphs_meta(struct builder *b, const struct nv_entry *e)
{
	if (e->doc && e->doc->meta_glyph && e->doc->meta)
		value_glyphs(b, e->doc->path, e->doc, e->doc->meta, mdl_printed(e));
}

void mdl_check_data_chars(struct builder *b)
{
	size_t i;

	/* names, positions and pairs are printed in orders and their appendices */
	for (i = 0; i < b->c->ndata; i++)
		if (b->c->data[i].value)
			value_glyphs(b, b->c->data[i].path, NULL, b->c->data[i].value, true);
}
