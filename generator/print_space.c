/*
 * print_space.c: word spaces shrunk without fonts of their own; see
 * print_int.h.
 *
 * A justified line that is a little too wide has its word spaces shrunk
 * (print_break.c). Scaling the spaces' font (pango_attr_scale_new()) does
 * it, but gives every such line a font of a size of its own: Pango then
 * asks Fontconfig for it (substitution, matching, sorting: some 0.4 ms a
 * size), makes a HarfBuzz and a Cairo font, and Cairo measures its glyphs
 * again when it paints — a fifth of the time of a build.
 *
 * Every shrunk space is set instead in one font, its own scaled to
 * SPACE_FONT, with letter spacing: the width the space has in its font
 * scaled to `scale` less the width it has at SPACE_FONT. Pango sets the
 * size of a scaled font to scale × size, truncated to a Pango unit, and
 * HarfBuzz (at 72 dpi, a size in Pango units is its scale) gives the
 * space's advance at that size; a HarfBuzz font of the space's face at
 * that scale gives the same number without Fontconfig. The glyphs of the
 * line then stand where they stood, to the Pango unit, and the line
 * breaks, justifies and measures the same. The space keeps a font of its
 * own because Cairo sets the position of the word after a change of font
 * afresh: within one font it places glyph after glyph by the PDF font's
 * widths, rounded, and a line's last words would drift left by up to a
 * third of a point. In the PDF only the size of the invisible spaces
 * changes. The layout dump (print_dump.c) reads a space's natural width
 * as the scaled font's, its SPACE_FONT width plus the spacing
 * (nv_pl_space_spacing()).
 *
 * Only a space in the paragraph's own family is shrunk this way (a space
 * that took a fallback font from the character before it, and one whose
 * glyph the font lacks, are not); the caller scales the other lines'
 * spaces as before.
 */
#include "common.h"

#include <hb.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "print.h"
#include "print_int.h"

/* The one scale of the font of every shrunk space (see above). */
#define SPACE_FONT 0.5

/* Whether f is a face of family (and not a fallback font). */
static bool of_family(PangoFont *f, const char *family)
{
	PangoFontDescription *d = pango_font_describe(f);
	const char *got = pango_font_description_get_family(d);
	bool ok = got && family && !g_ascii_strcasecmp(got, family);

	pango_font_description_free(d);
	return ok;
}

/* The advance of glyph gid of base's face in the font of base scaled to scale. */
static int scaled_advance(hb_font_t *base, hb_codepoint_t gid, double scale)
{
	hb_font_t *scaled = hb_font_create(hb_font_get_face(base));
	int xs, ys, units, adv;

	hb_font_get_scale(base, &xs, &ys);
	units = (int)(scale * xs);
	hb_font_set_scale(scaled, units, units);
	adv = hb_font_get_glyph_h_advance(scaled, gid);
	hb_font_destroy(scaled);
	return adv;
}

/*
 * The letter spacing that makes character cp in font f scaled to
 * SPACE_FONT as wide as in f scaled to scale, into *ls; false when f has
 * no glyph for cp.
 */
static bool space_delta(PangoFont *f, hb_codepoint_t cp, double scale, int *ls)
{
	hb_font_t *base = pango_font_get_hb_font(f);
	hb_codepoint_t gid;

	if (!base || !hb_font_get_nominal_glyph(base, cp, &gid))
		return false;
	*ls = scaled_advance(base, gid, scale) - scaled_advance(base, gid, SPACE_FONT);
	return true;
}

/* The word space at t[i] (len bytes in all): its length in bytes, 0 when none. */
static int space_at(const char *t, int i, int len, hb_codepoint_t *cp)
{
	if (t[i] == ' ') {
		*cp = ' ';
		return 1;
	}
	if (i + 1 < len && !strncmp(t + i, "\xC2\xA0", 2)) {
		*cp = 0xA0;
		return 2;
	}
	return 0;
}

bool nv_pl_shrink_spaces(PangoAttrList *al, const char *t, int len, double scale,
			 PangoFont *const *font, const char *family)
{
	int *ls = nv_xcalloc((size_t)len + 1, sizeof(*ls)), i, k;
	PangoFont *checked = NULL;
	hb_codepoint_t cp;
	bool ok = font != NULL;

	for (i = 0; ok && i < len; i += k ? k : 1) {
		if (!(k = space_at(t, i, len, &cp)))
			continue;
		ok = font[i] && (font[i] == checked || of_family(font[i], family)) &&
		     space_delta(font[i], cp, scale, &ls[i]);
		checked = font[i];
	}
	for (i = 0; ok && i < len; i += k ? k : 1) {
		PangoAttribute *at;
		if (!(k = space_at(t, i, len, &cp)))
			continue;
		at = pango_attr_letter_spacing_new(ls[i]);
		at->start_index = (guint)i;
		at->end_index = (guint)(i + k);
		pango_attr_list_change(al, at);
		at = pango_attr_scale_new(SPACE_FONT);
		at->start_index = (guint)i;
		at->end_index = (guint)(i + k);
		pango_attr_list_change(al, at);
	}
	free(ls);
	return ok;
}

static gboolean is_spacing(PangoAttribute *at, gpointer data)
{
	(void)data;
	return at->klass->type == PANGO_ATTR_LETTER_SPACING;
}

bool nv_pl_has_spacing(PangoLayout *l)
{
	PangoAttrList *al = pango_layout_get_attributes(l), *found;
	bool has;

	if (!al)
		return false;
	found = pango_attr_list_filter(al, is_spacing, NULL);
	has = found != NULL;
	if (found)
		pango_attr_list_unref(found);
	return has;
}

int nv_pl_space_spacing(const PangoLayoutLine *line, const PangoItem *item)
{
	GSList *a;

	if (!g_object_get_data(G_OBJECT(line->layout), "nv-spaced"))
		return 0;
	for (a = item->analysis.extra_attrs; a; a = a->next) {
		PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_LETTER_SPACING)
			return ((PangoAttrInt *)at)->value;
	}
	return 0;
}
