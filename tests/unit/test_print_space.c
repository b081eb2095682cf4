/*
 * Unit tests for shrunk word spaces (print_space.c): a line whose spaces
 * are shrunk by letter spacing in one small font has its glyphs where the
 * spaces' fonts scaled to the same scale put them, to the Pango unit, and
 * its spaces as wide; spaces of a fallback font are left to the caller.
 */
#include "common.h"

#include <pango/pangocairo.h>

#include "buf.h"
#include "harness.h"
#include "hyphenate.h"
#include "print.h"
#include "../../generator/print_int.h"

static struct nv_print_opts opts = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };

static PangoContext *context(void)
{
	static struct nv_pl_engine *en;
	struct nv_buf why = NV_BUF_INIT;

	if (!en)
		en = nv_pl_engine_new(&opts, NULL, &why);
	nv_buf_release(&why);
	return en->ctx;
}

/* A layout of text (markup) in family at 14 pt, w Pango units wide and justified (w > 0). */
static PangoLayout *layout(const char *markup, int w)
{
	PangoLayout *l = pango_layout_new(context());
	PangoFontDescription *fd = pango_font_description_from_string("Liberation Serif 14");

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_markup(l, markup, -1);
	if (w > 0) {
		pango_layout_set_width(l, w);
		pango_layout_set_justify(l, true);
		pango_layout_set_justify_last_line(l, true);
	}
	return l;
}

/* Per byte of l's text: the font of each word space (NULL elsewhere); the caller frees. */
static PangoFont **space_fonts(PangoLayout *l)
{
	const char *t = pango_layout_get_text(l);
	PangoFont **f = calloc(strlen(t) + 1, sizeof(*f));
	GSList *r;
	int g;

	for (r = pango_layout_get_line_readonly(l, 0)->runs; r; r = r->next) {
		PangoGlyphItem *run = r->data;
		for (g = 0; g < run->glyphs->num_glyphs; g++) {
			int at = run->item->offset + run->glyphs->log_clusters[g];
			if (t[at] == ' ' || !strncmp(t + at, "\xC2\xA0", 2))
				f[at] = run->item->analysis.font;
		}
	}
	return f;
}

/*
 * The x of each glyph of l's first line (pen + offset; spaces: their
 * width instead, their offset is theirs), then the line's logical x and
 * width; their count.
 */
static size_t glyph_xs(PangoLayout *l, int *xs, size_t max)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	const char *t = pango_layout_get_text(l);
	PangoRectangle log;
	size_t n = 0;
	GSList *r;
	int g, pen = 0;

	for (r = line->runs; r; r = r->next) {
		PangoGlyphItem *run = r->data;
		for (g = 0; g < run->glyphs->num_glyphs && n < max; g++) {
			PangoGlyphGeometry *geo = &run->glyphs->glyphs[g].geometry;
			const char *c = t + run->item->offset + run->glyphs->log_clusters[g];
			bool space = *c == ' ' || !strncmp(c, "\xC2\xA0", 2);
			xs[n++] = space ? geo->width : pen + geo->x_offset;
			pen += geo->width;
		}
	}
	pango_layout_line_get_extents(line, NULL, &log);
	if (n + 2 <= max) {
		xs[n++] = log.x;
		xs[n++] = log.width;
	}
	return n;
}

/* A copy of l's attributes (an empty list when it has none). */
static PangoAttrList *attrs(PangoLayout *l)
{
	PangoAttrList *al = pango_layout_get_attributes(l);

	return al ? pango_attr_list_copy(al) : pango_attr_list_new();
}

/* Spaces shrunk by scale: as scaled fonts set them, at any scale and width. */
static void test_same_as_scaled_fonts(void)
{
	static const char *const text[] = {
		"Назначить куратором внедрения целевой модели наставничества",
		"Настоящее <b>положение разработано</b> в\xC2\xA0соответствии с распоряжением",
	};
	PangoLayout *nat, *a, *b;
	PangoAttrList *la, *lb;
	PangoFont **f;
	int xa[256], xb[256], W, k, spaced = 0, same = 0, tries = 0;
	size_t i, na, nb;
	double scale;

	for (k = 0; k < 2; k++) {
		nat = layout(text[k], -1);
		f = space_fonts(nat);
		pango_layout_get_size(nat, &W, NULL);
		for (scale = 0.7; scale < 1; scale += 0.013) {
			const char *t = pango_layout_get_text(nat);
			int len = (int)strlen(t), w = (int)(W * (0.9 + 0.1 * scale));
			a = layout(text[k], w);
			b = layout(text[k], w);
			la = attrs(a);
			lb = attrs(b);
			spaced += nv_pl_shrink_spaces(la, t, len, scale, f, "Liberation Serif");
			for (i = 0; i < (size_t)len; i++) {
				PangoAttribute *at;
				if (t[i] != ' ' && strncmp(t + i, "\xC2\xA0", 2))
					continue;
				at = pango_attr_scale_new(scale);
				at->start_index = (guint)i;
				at->end_index = (guint)(i + (t[i] == ' ' ? 1 : 2));
				pango_attr_list_change(lb, at);
			}
			pango_layout_set_attributes(a, la);
			pango_layout_set_attributes(b, lb);
			na = glyph_xs(a, xa, 256);
			nb = glyph_xs(b, xb, 256);
			same += na == nb && !memcmp(xa, xb, na * sizeof(int)) &&
				pango_layout_get_line_count(a) == pango_layout_get_line_count(b);
			tries++;
			pango_attr_list_unref(la);
			pango_attr_list_unref(lb);
			g_object_unref(a);
			g_object_unref(b);
		}
		free(f);
		g_object_unref(nat);
	}
	CHECK(spaced == tries);
	CHECK(same == tries);
}

/* A space in another family (or of unknown font) is not shrunk here: nothing is added. */
static void test_other_family_left(void)
{
	PangoLayout *nat = layout("один два три", -1);
	PangoFont **f = space_fonts(nat);
	PangoAttrList *al = pango_attr_list_new(), *none = pango_attr_list_new();
	const char *t = pango_layout_get_text(nat);
	int len = (int)strlen(t);

	CHECK(!nv_pl_shrink_spaces(al, t, len, 0.9, f, "DejaVu Sans"));
	CHECK(!nv_pl_shrink_spaces(al, t, len, 0.9, NULL, "Liberation Serif"));
	CHECK(pango_attr_list_equal(al, none));
	CHECK(nv_pl_shrink_spaces(al, t, len, 0.9, f, "Liberation Serif"));
	CHECK(!pango_attr_list_equal(al, none));
	pango_attr_list_unref(al);
	pango_attr_list_unref(none);
	free(f);
	g_object_unref(nat);
}

void nv_tests(void)
{
	NV_RUN(test_same_as_scaled_fonts);
	NV_RUN(test_other_family_left);
}
