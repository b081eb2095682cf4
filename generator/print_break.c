/*
 * print_break.c: justified text broken into lines as TeX breaks it, by
 * the total-fit algorithm of Knuth and Plass («Breaking paragraphs into
 * lines», 1981), over Pango's measurements; see print_int.h.
 *
 * The text, with the soft hyphens of hyphenate.c, is shaped once, in one
 * unwrapped layout: the x of every cluster gives the width of any line
 * between two breaks. Boxes are the words as Pango shaped them (fonts,
 * bold and italic runs kept); glue is each word space (U+0020, and the
 * no-break space, which stretches but never breaks) with a stretch of
 * half its width and a shrink of 0.3 of it (Pango's justification only
 * stretches: a line that must shrink gets its spaces scaled down by an
 * attribute, then justified to the exact width); penalties
 * are the breaks Pango allows inside words: a soft hyphen (HYPHEN_PEN,
 * and the width of the hyphen it shows) and an explicit hyphen or dash.
 * A break after a one-letter word is not one. Demerits are the paper's:
 * (LINE_PEN + badness)² + penalty², more for two hyphenated lines in a
 * row, for a hyphen in the last line but one, for neighbouring lines
 * whose fitness classes are more than one apart, for a line stretched
 * past 1.5 times its spaces (loose) and for a last line shorter than one
 * and a half paragraph indents (the Russian rule). Badness is not capped
 * at TeX's 10000, so one line is not stretched without bound to spare the
 * others. The last line, and each line that ends at a hard break, is
 * ragged. Active nodes die when their next line would be overfull, so the
 * work is about the number of breaks times the breaks of one line.
 *
 * Each line is then set in a layout of its own, justified by Pango to the
 * width of the line (a ragged one at its natural width), so its text is
 * in order with its spaces in the PDF; a soft hyphen ending a line becomes
 * a hyphen. A line of the same text, attributes and width set before is
 * taken again (print_cache.c). The unwrapped layout is kept for the text of the document
 * (nv_pl_text()); the layouts of lines are marked so that it skips them.
 * When no breaking fits (a word wider than the line), the caller falls
 * back on Pango's own lines.
 */
#include "common.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "print.h"
#include "print_int.h"

#define LINE_PEN       10
#define HYPHEN_PEN     50
#define EXHYPHEN_PEN   50
#define DOUBLE_HYPHEN  10000
#define TRIPLE_HYPHEN  10000000 /* three hyphenated lines in a row: only when nothing else fits */
#define FINAL_HYPHEN   5000
#define ADJ_DEMERITS   10000
#define LOOSE_DEMERITS 100000
#define SHORT_LAST     1000000 /* a last line shorter than LAST_MIN paragraph indents */
#define LAST_MIN       1.5
#define INDENT	       (12.5 * NV_PT_PER_MM) /* the indent of GOST R 7.0.97, where there is none */
#define NO_STRETCH     100.0		     /* the r of a short line without spaces */
#define STRETCH	       0.5		     /* of a word space's natural width */
#define SHRINK	       0.3		     /* of a word space's natural width */
#define FIT_EPS	       (0.05 * PANGO_SCALE)  /* a line this much narrower than its box fits */

/* A place to break. */
struct brk {
	int pos;	     /* byte where the next line begins */
	int end;	     /* byte where a line ending here ends */
	double x_end, s_end; /* x at end (with a hyphen), word spaces' width before end */
	int pen;
	bool flagged; /* a hyphen ends the line */
	bool shy;     /* the soft hyphen at [end, end + 2) shows as "-" */
};

struct node {
	int brk, line, fit, prev;
	int hyphens; /* hyphenated lines in a row that end at it */
	double total;
};

/*
 * A line chosen: its breaks, its width (-1: ragged) and offset, and the
 * scale of its word spaces (below 1 when they shrink).
 */
struct cut {
	struct brk a, b;
	int w;
	double off, scale, sp;	/* sp: its word spaces' natural width */
	PangoFont *const *font; /* per byte from a.pos: the font of a word space */
	const char *fd;		/* the font of the text, as a string (line_key()) */
};

/* One hard line of the text: from its start or a hard break to the next. */
struct para {
	const char *text;
	double *x, *s, *hy; /* per byte: x of the cluster there, spaces before it, hyphen width */
	PangoFont **font;   /* per byte: the font of the word space there (NULL: none) */
	struct brk *b;
	size_t nb, ab;
	struct node *nodes;
	size_t nn, an;
	size_t *active;
	size_t na, aa;
	double w1, w2;	 /* the first line's width and the others', Pango units */
	double last_min; /* the shortest a last line should be, Pango units */
};

static bool is_space(const char *c)
{
	return *c == ' ' || !strncmp(c, "\xC2\xA0", 2);
}

/* The width of "-" in the font of item, cached per font. */
static double hyphen_width(PangoItem *item, PangoFont **font, double *w)
{
	PangoGlyphString *gs;

	if (*font == item->analysis.font)
		return *w;
	gs = pango_glyph_string_new();
	pango_shape("-", 1, &item->analysis, gs);
	*w = pango_glyph_string_get_width(gs);
	*font = item->analysis.font;
	pango_glyph_string_free(gs);
	return *w;
}

/* Per byte of the text: x of its cluster in its hard line, spaces' width before it. */
static void measure_clusters(PangoLayout *whole, struct para *p, size_t len)
{
	GSList *ll, *r;
	PangoFont *font = NULL;
	double hw = 0;
	size_t i;
	int g;

	for (i = 0; i <= len; i++)
		p->x[i] = -1;
	for (ll = pango_layout_get_lines_readonly(whole); ll; ll = ll->next) {
		PangoLayoutLine *line = ll->data;
		double x = 0, s = 0;
		/* A line after a line separator (U+2028) starts where the one before ended. */
		p->x[line->start_index] = -1;
		for (r = line->runs; r; r = r->next) {
			PangoGlyphItem *run = r->data;
			PangoGlyphString *gs = run->glyphs;
			for (g = 0; g < gs->num_glyphs; g++) {
				size_t at = (size_t)(run->item->offset + gs->log_clusters[g]);
				double gw = gs->glyphs[g].geometry.width;
				if (p->x[at] < 0) {
					p->x[at] = x;
					p->s[at] = s;
				}
				if (!strncmp(p->text + at, "\xC2\xAD", 2))
					p->hy[at] = hyphen_width(run->item, &font, &hw);
				x += gw;
				if (is_space(p->text + at)) {
					s += gw;
					p->font[at] = run->item->analysis.font;
				}
			}
		}
		i = (size_t)(line->start_index + line->length);
		p->x[i] = x;
		p->s[i] = s;
	}
	for (i = 0; i <= len; i++)
		if (p->x[i] < 0) {
			p->x[i] = i ? p->x[i - 1] : 0;
			p->s[i] = i ? p->s[i - 1] : 0;
		}
}

static void add_brk(struct para *p, int pos, int end, int pen, bool flagged, bool shy)
{
	struct brk *b;

	NV_GROW(p->b, p->nb + 1, p->ab);
	b = &p->b[p->nb++];
	b->pos = pos;
	b->end = end;
	b->x_end = p->x[end] + (shy ? p->hy[end] : 0);
	b->s_end = p->s[end];
	b->pen = pen;
	b->flagged = flagged;
	b->shy = shy;
}

/* Whether the word that ends at byte end (of a line from byte start) is one letter. */
static bool one_letter(const char *text, int start, int end)
{
	const char *e = text + end, *c = g_utf8_find_prev_char(text + start, e);

	if (!c || !g_unichar_isalpha(g_utf8_get_char(c)))
		return false;
	if (c == text + start)
		return true;
	c = g_utf8_find_prev_char(text + start, c);
	return c && (is_space(c) || *c == '(' || !strncmp(c, "\xC2\xAB", 2));
}

/* The breaks of hard line [ls, le), whose first character is character ci of the text. */
static void find_breaks(struct para *p, const PangoLogAttr *la, int ls, int le, long ci)
{
	const char *t = p->text, *c = t + ls;
	int end;

	p->nb = 0;
	add_brk(p, ls, ls, 0, false, false);
	while (c < t + le) {
		const char *prev = c;
		c = g_utf8_next_char(c);
		ci++;
		if (c >= t + le || !la[ci].is_line_break || la[ci].is_mandatory_break)
			continue;
		if (*prev == ' ') {
			for (end = (int)(prev - t); end > ls && t[end - 1] == ' '; end--)
				;
			if (!one_letter(t, ls, end))
				add_brk(p, (int)(c - t), end, 0, false, false);
		} else if (!strncmp(prev, "\xC2\xAD", 2)) {
			add_brk(p, (int)(c - t), (int)(prev - t), HYPHEN_PEN, true, true);
		} else {
			bool hyphen = *prev == '-';
			add_brk(p, (int)(c - t), (int)(c - t), hyphen ? EXHYPHEN_PEN : 0, hyphen,
				false);
		}
	}
	/* The end: without the hard break and the spaces before it. */
	for (end = le; end > ls; end--) {
		const char *q = g_utf8_find_prev_char(t + ls, t + end);
		if (*q != ' ' && *q != '\n' && *q != '\r' && strncmp(q, "\xE2\x80\xA8", 3) &&
		    strncmp(q, "\xE2\x80\xA9", 3))
			break;
		end = (int)(q - t) + 1;
	}
	add_brk(p, le, end, 0, false, false);
}

static void add_node(struct para *p, int brk, int line, int fit, double total, int prev)
{
	struct node *n;

	NV_GROW(p->nodes, p->nn + 1, p->an);
	n = &p->nodes[p->nn];
	n->brk = brk;
	n->line = line;
	n->fit = fit;
	n->total = total;
	n->prev = prev;
	n->hyphens = p->b[brk].flagged && prev >= 0 ? p->nodes[prev].hyphens + 1 : 0;
	NV_GROW(p->active, p->na + 1, p->aa);
	p->active[p->na++] = p->nn++;
}

/*
 * The demerits of a line from the break of node a to break i (INFINITY:
 * it does not fit, or not at all from a on: *dead), its fitness class into *fit.
 */
static double demerits(const struct para *p, const struct node *a, size_t i, int *fit, bool *dead)
{
	const struct brk *from = &p->b[a->brk], *to = &p->b[i];
	bool last = i + 1 == p->nb;
	double W = (a->line ? p->w2 : p->w1) - FIT_EPS, L = to->x_end - p->x[from->pos];
	double sp = to->s_end - p->s[from->pos], bad = 0, r = 0, d;

	/* The last line is ragged: its spaces keep their width. */
	*dead = L - (last ? 0 : SHRINK * sp) > W && L > 0;
	if (*dead)
		return INFINITY;
	*fit = 2;
	if (L > W)
		r = (W - L) / (SHRINK * sp);
	else if (!last)
		r = sp > 0 ? (W - L) / (STRETCH * sp) : NO_STRETCH;
	/*
	 * Not capped at TeX's 10000: a line stretched to twice its spaces and
	 * one stretched to a hundred times must not cost the same.
	 */
	bad = 100 * fabs(r * r * r);
	*fit = r > 1 ? 0 : r > 0.5 ? 1 : r >= -0.5 ? 2 : 3;
	d = (LINE_PEN + bad) * (LINE_PEN + bad) + (double)to->pen * to->pen;
	if (to->flagged && from->flagged)
		d += a->hyphens >= 2 ? TRIPLE_HYPHEN : DOUBLE_HYPHEN;
	if (last && from->flagged)
		d += FINAL_HYPHEN;
	if (last && L < p->last_min)
		d += SHORT_LAST;
	if (abs(*fit - a->fit) > 1)
		d += ADJ_DEMERITS;
	if (r > 1)
		d += LOOSE_DEMERITS;
	return a->total + d;
}

/* Knuth and Plass over the breaks of p: the node of the best last line, or -1. */
static int total_fit(struct para *p)
{
	size_t i, k;
	int c, fit, best_node = -1;

	p->nn = p->na = 0;
	add_node(p, 0, 0, 2, 0, -1);
	for (i = 1; i < p->nb && p->na; i++) {
		double best[4] = { INFINITY, INFINITY, INFINITY, INFINITY }, least = INFINITY;
		size_t from[4] = { 0, 0, 0, 0 };
		for (k = 0; k < p->na;) {
			bool dead;
			double d = demerits(p, &p->nodes[p->active[k]], i, &fit, &dead);
			if (dead) {
				p->active[k] = p->active[--p->na];
				continue;
			}
			if (d < best[fit]) {
				best[fit] = d;
				from[fit] = p->active[k];
			}
			least = fmin(least, d);
			k++;
		}
		for (c = 0; c < 4; c++)
			if (isfinite(best[c]) && best[c] <= least + ADJ_DEMERITS)
				add_node(p, (int)i, p->nodes[from[c]].line + 1, c, best[c],
					 (int)from[c]);
	}
	for (k = 0; k < p->nn; k++)
		if (p->nodes[k].brk + 1 == (int)p->nb &&
		    (best_node < 0 || p->nodes[k].total < p->nodes[best_node].total))
			best_node = (int)k;
	return p->nb > 1 ? best_node : -1;
}

/*
 * Shrink the word spaces of t (len bytes), line c of whole, to scale in
 * attribute list al: by letter spacing (print_space.c; *spaced set), else
 * by scaling their font.
 */
static void shrink_spaces(PangoAttrList *al, PangoLayout *whole, const struct cut *c, const char *t,
			  int len, double scale, bool *spaced)
{
	const char *family =
		pango_font_description_get_family(pango_layout_get_font_description(whole));
	int i, k;

	*spaced = nv_pl_shrink_spaces(al, t, len, scale, c->font, family);
	for (i = 0; !*spaced && i < len; i += k) {
		PangoAttribute *at;
		k = t[i] == ' ' ? 1 : i + 1 < len && !strncmp(t + i, "\xC2\xA0", 2) ? 2 : 0;
		if (!k) {
			k = 1;
			continue;
		}
		at = pango_attr_scale_new(scale);
		at->start_index = (guint)i;
		at->end_index = (guint)(i + k);
		pango_attr_list_change(al, at);
	}
}

/* The attributes of line c of whole (text t, len bytes) with its spaces scaled. */
static PangoAttrList *line_attrs(PangoLayout *whole, const struct cut *c, const char *t, int len,
				 double scale, bool *spaced)
{
	PangoAttrList *al = pango_layout_get_attributes(whole);
	PangoAttrList *cp = al ? pango_attr_list_copy(al) : pango_attr_list_new();

	pango_attr_list_update(cp, 0, c->a.pos, 0);
	if (c->b.shy)
		pango_attr_list_update(cp, len, 2, 1);
	*spaced = false;
	if (scale < 1)
		shrink_spaces(cp, whole, c, t, len, scale, spaced);
	return cp;
}

/*
 * Give l, line c of whole (text t, len bytes), its attributes (first
 * cp, spaced as line_attrs() made them), and its width when it is
 * justified. As Pango shapes the line it may come out a little wider than
 * measured and wrap: its spaces then shrink a little more, a few times,
 * before it is left at its natural width. The layout is computed once
 * when it fits at once, as it nearly always does.
 */
static void fit_line(PangoLayout *l, PangoLayout *whole, const struct cut *c, const char *t,
		     int len, PangoAttrList *cp, bool spaced)
{
	double scale = c->scale;
	int tries;

	pango_attr_list_ref(cp);
	for (tries = 0;; tries++) {
		if (tries)
			cp = line_attrs(whole, c, t, len, scale, &spaced);
		g_object_set_data(G_OBJECT(l), "nv-spaced", GINT_TO_POINTER(spaced));
		pango_layout_set_attributes(l, cp);
		pango_attr_list_unref(cp);
		if (c->w <= 0)
			return;
		pango_layout_set_width(l, c->w);
		pango_layout_set_justify(l, true);
		pango_layout_set_justify_last_line(l, true);
		if (pango_layout_get_line_count(l) == 1)
			return;
		if (c->sp <= 0 || tries == 4)
			break;
		scale -= (FIT_EPS + PANGO_SCALE / 4) / c->sp;
	}
	pango_layout_set_width(l, -1);
}

/*
 * The key of line c (text t, len bytes, attributes cp): what
 * its layout is made of, so that a line set before is taken again.
 */
static void line_key(struct nv_buf *key, const struct cut *c, const char *t, int len,
		     PangoAttrList *cp)
{
	char *at = pango_attr_list_to_string(cp);

	nv_buf_addf(key, "%s|%d %d %a %a|%s|", c->fd, c->w, c->b.shy, c->scale, c->sp, at);
	nv_buf_add(key, t, (size_t)len);
	g_free(at);
}

/*
 * Set line c of whole (text t, len bytes; t[len] is a hyphen) at x, y
 * and append it to *lines: as it was set before with the same text,
 * attributes and width when it was (an order's lines come again in the
 * next order), else anew. Returns its layout (the caller's reference);
 * its height into *h.
 */
static PangoLayout *line_layout(struct nv_pl_engine *en, PangoLayout *whole, const struct cut *c,
				const char *t, int len, double x, double y, struct mline **lines,
				size_t *n, size_t *alloc, double *h)
{
	struct nv_buf key = NV_BUF_INIT;
	bool spaced;
	PangoAttrList *cp = line_attrs(whole, c, t, len, c->scale, &spaced);
	PangoLayoutIter *it;
	PangoLayout *l;

	line_key(&key, c, t, len, cp);
	if (!(l = nv_pl_cache_get_line(en, &key, x, y, lines, n, alloc, h))) {
		l = pango_layout_new(en->ctx);
		pango_layout_set_font_description(l, pango_layout_get_font_description(whole));
		pango_layout_set_text(l, t, len + (c->b.shy ? 1 : 0));
		fit_line(l, whole, c, t, len, cp, spaced);
		g_object_set_data(G_OBJECT(l), "nv-line", GINT_TO_POINTER(1));
		nv_pl_cache_put_line(en, &key, l);
		it = pango_layout_get_iter(l);
		*h = nv_pl_add_lines(it, x, y, lines, n, alloc);
		pango_layout_iter_free(it);
	}
	pango_attr_list_unref(cp);
	nv_buf_release(&key);
	return l;
}

/*
 * Set text [a.pos, b.end) of whole, a hyphen added when b.shy, as a line
 * c->w Pango units wide (justified) or at its natural width (c->w < 0),
 * at x0 + c->off, y; append it to *lines. Returns its height.
 */
static double set_line(struct measure *ms, PangoLayout *whole, const struct cut *c, double x0,
		       double y, struct mline **lines, size_t *n, size_t *alloc)
{
	const char *text = pango_layout_get_text(whole);
	int len = c->b.end - c->a.pos;
	char *t = nv_xmalloc((size_t)len + 2);
	double h;

	memcpy(t, text + c->a.pos, (size_t)len);
	t[len] = '-';
	nv_pl_keep_layout(ms->out, line_layout(ms->en, whole, c, t, len, x0 + c->off, y, lines, n,
					       alloc, &h));
	free(t);
	NV_GROW(ms->offs, ms->noffs + 1, ms->aoffs);
	ms->offs[ms->noffs++] = c->off;
	return h;
}

/*
 * Append the lines of the best breaking of p (last: its last node) to
 * *cuts; off: the offsets of the first line and of the others, pt.
 */
static void add_cuts(const struct para *p, int last, const double *off, struct cut **cuts,
		     size_t *nc, size_t *ac)
{
	size_t k = 0, first = *nc;
	double L;
	int m;

	for (m = last; p->nodes[m].prev >= 0; m = p->nodes[m].prev)
		k++;
	NV_GROW(*cuts, *nc + k, *ac);
	*nc += k;
	for (m = last; p->nodes[m].prev >= 0; m = p->nodes[m].prev) {
		const struct node *b = &p->nodes[m], *a = &p->nodes[b->prev];
		struct cut *c = &(*cuts)[first + --k];
		c->a = p->b[a->brk];
		c->b = p->b[b->brk];
		c->w = b->brk + 1 == (int)p->nb ? -1 : (int)(a->line ? p->w2 : p->w1);
		c->off = off[a->line ? 1 : 0];
		c->font = p->font + c->a.pos;
		c->scale = 1;
		L = c->b.x_end - p->x[c->a.pos];
		c->sp = c->b.s_end - p->s[c->a.pos];
		if (c->w > 0 && L > c->w - FIT_EPS && c->sp > 0)
			c->scale = 1 - (L - (c->w - FIT_EPS)) / c->sp;
	}
}

/* Break every hard line of whole into *cuts; -1 when one has no breaking that fits. */
static int break_all(PangoLayout *whole, struct para *p, const struct nv_pl_style *st, double w,
		     struct cut **cuts, size_t *nc, size_t *ac)
{
	const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(whole, &(int){ 0 });
	double ind = st->indent, off[2];
	GSList *ll;
	int best;

	for (ll = pango_layout_get_lines_readonly(whole); ll; ll = ll->next) {
		PangoLayoutLine *line = ll->data;
		long ci = g_utf8_pointer_to_offset(p->text, p->text + line->start_index);
		find_breaks(p, la, line->start_index, line->start_index + line->length, ci);
		p->w2 = (w - fmax(-ind, 0)) * PANGO_SCALE;
		p->w1 = line->is_paragraph_start ? (w - fmax(ind, 0)) * PANGO_SCALE : p->w2;
		off[0] = line->is_paragraph_start ? fmax(ind, 0) : fmax(-ind, 0);
		off[1] = fmax(-ind, 0);
		p->last_min = LAST_MIN * (ind > 0 ? ind : INDENT) * PANGO_SCALE;
		if ((best = total_fit(p)) < 0)
			return -1;
		add_cuts(p, best, off, cuts, nc, ac);
	}
	return 0;
}

int nv_pl_break_text(struct measure *ms, const char *markup, const struct nv_pl_style *st, double w,
		     double x0, double y0, struct mline **lines, size_t *n, size_t *alloc,
		     double *height)
{
	PangoLayout *whole = nv_pl_layout_text(ms->en, markup, st, -1, PANGO_WRAP_WORD_CHAR);
	struct para p;
	struct cut *cuts = NULL;
	size_t len, k, nc = 0, ac = 0;
	double h = 0;
	int rc;

	memset(&p, 0, sizeof(p));
	p.text = pango_layout_get_text(whole);
	len = strlen(p.text);
	p.x = nv_xcalloc(len + 1, sizeof(double));
	p.s = nv_xcalloc(len + 1, sizeof(double));
	p.hy = nv_xcalloc(len + 1, sizeof(double));
	p.font = nv_xcalloc(len + 1, sizeof(*p.font));
	measure_clusters(whole, &p, len);
	/* Spaces already spaced by markup keep their spacing: they are scaled. */
	if (nv_pl_has_spacing(whole))
		memset(p.font, 0, (len + 1) * sizeof(*p.font));
	rc = break_all(whole, &p, st, w, &cuts, &nc, &ac);
	if (rc == 0) {
		char *fd =
			pango_font_description_to_string(pango_layout_get_font_description(whole));
		nv_pl_keep_layout(ms->out, whole);
		for (k = 0; k < nc; k++) {
			cuts[k].fd = fd;
			h += set_line(ms, whole, &cuts[k], x0, y0 + h, lines, n, alloc);
		}
		g_free(fd);
		*height = h;
		/*
		 * Only its text is needed from now on (nv_pl_text()): a width
		 * set drops its shaped line, which would be kept with the pages
		 * and the texts set before, to no use.
		 */
		pango_layout_set_width(whole, PANGO_SCALE);
	} else {
		g_object_unref(whole);
	}
	free(cuts);
	free(p.x);
	free(p.s);
	free(p.hy);
	free(p.font);
	free(p.b);
	free(p.nodes);
	free(p.active);
	return rc;
}
