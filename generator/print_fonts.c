/*
 * print_fonts.c: the print engine's fonts and hyphenation (struct
 * nv_pl_engine); see print.h.
 *
 * The engine holds a Pango font map and context at 72 dpi with unhinted
 * metrics, the family it sets (checked to be installed: Pango falls back
 * silently) and the hyphenation patterns.
 *
 * Setting up is slow next to printing one document: Fontconfig reads its
 * configuration and caches (FcInit, in a thread of Pango's), libhyphen
 * compiles the Russian patterns. nv_pl_warm_start() does both on a
 * thread of its own while the caller loads the project, and
 * nv_pl_engine_new() takes what it made.
 *
 * Every justified line whose spaces shrink is set with a font of a size
 * of its own (print_break.c), so the font map makes thousands of sizes.
 * Pango keeps each font pattern it makes in a hash table keyed by
 * FcPatternHash(), which takes the integer part of a size only: all sizes
 * between 13 and 14 pt land in one bucket, and finding a pattern there
 * compares it with every pattern made before (a quarter of the time of a
 * build of 1,000 documents). A substitute hook (run by Pango on each new
 * pattern, after Fontconfig's own substitutions) adds the exact pixel
 * size as a string of its own, which FcPatternHash() hashes whole and
 * which no font matching looks at: the same fonts are found, in the same
 * order, and the table stays a hash table.
 */
#include "common.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "alloc.h"
#include "buf.h"
#include "hyphenate.h"
#include "print.h"
#include "print_int.h"

/* What nv_pl_warm_start() makes: a font map and context, the patterns. */
struct nv_pl_warm {
	pthread_t tid;
	bool threaded;
	char *hyphen_path;
	PangoFontMap *fm;
	PangoContext *ctx;
	struct nv_hyphen *hy;
};

/* --- the size of a pattern, hashed whole ------------------------------------- */

/*
 * Fontconfig and Pango's Fontconfig font map are not linked by name (they
 * come with pangocairo): the three functions the hook needs are looked up
 * once. Without them the hook is not set, and the engine's rests
 * (nv_pl_engine_rest()) keep the table short instead.
 */
static struct {
	pthread_once_t once;
	__typeof__(&FcPatternGetDouble) get_double;
	__typeof__(&FcPatternAddString) add_string;
	__typeof__(&pango_fc_font_map_set_default_substitute) set_substitute;
} fc = { PTHREAD_ONCE_INIT, NULL, NULL, NULL };

static void fc_resolve(void)
{
	*(void **)&fc.get_double = dlsym(RTLD_DEFAULT, "FcPatternGetDouble");
	*(void **)&fc.add_string = dlsym(RTLD_DEFAULT, "FcPatternAddString");
	*(void **)&fc.set_substitute =
		dlsym(RTLD_DEFAULT, "pango_fc_font_map_set_default_substitute");
}

/* The pattern's pixel size, exactly, as the string element "nastavnik-size". */
static void hash_size(FcPattern *p, gpointer data)
{
	double px;
	char s[40];

	(void)data;
	if (fc.get_double(p, FC_PIXEL_SIZE, 0, &px) != FcResultMatch)
		return;
	snprintf(s, sizeof(s), "%a", px);
	fc.add_string(p, "nastavnik-size", (const FcChar8 *)s);
}

static void set_size_hash(PangoFontMap *fm)
{
	pthread_once(&fc.once, fc_resolve);
	if (fc.get_double && fc.add_string && fc.set_substitute)
		fc.set_substitute((PangoFcFontMap *)fm, hash_size, NULL, NULL);
}

/* --- the engine ---------------------------------------------------------------- */

void nv_pl_new_context(struct nv_pl_engine *en)
{
	cairo_font_options_t *fo;

	en->fm = pango_cairo_font_map_new();
	set_size_hash(en->fm);
	en->ctx = pango_font_map_create_context(en->fm);
	/* Points are PDF units; glyph positions unhinted, as on paper. */
	pango_cairo_context_set_resolution(en->ctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(en->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(en->ctx, FALSE);
	pango_context_set_language(en->ctx, pango_language_from_string("ru"));
}

/*
 * The family Pango resolves for name at size pt ("" when none), into
 * out (may be NULL); true when it is name itself. Pango falls back
 * silently, so the family it found is compared.
 */
static bool font_installed(PangoFontMap *fm, PangoContext *ctx, const char *name, double pt,
			   struct nv_buf *out)
{
	PangoFontDescription *want = pango_font_description_new(), *got = NULL;
	PangoFont *font;
	const char *family = NULL;
	bool ok;

	pango_font_description_set_family(want, name);
	pango_font_description_set_size(want, (int)(pt * PANGO_SCALE));
	font = pango_font_map_load_font(fm, ctx, want);
	if (font) {
		got = pango_font_describe(font);
		family = pango_font_description_get_family(got);
	}
	if (out) {
		nv_buf_reset(out);
		nv_buf_adds(out, family ? family : "");
	}
	ok = family && !g_ascii_strcasecmp(family, name);
	if (got)
		pango_font_description_free(got);
	if (font)
		g_object_unref(font);
	pango_font_description_free(want);
	return ok;
}

/* The metric-compatible Liberation font that replaces name, or NULL. */
const char *nv_pl_font_substitute(const char *name)
{
	static const char *const pairs[][2] = {
		{ "Times New Roman", "Liberation Serif" },
		{ "Arial", "Liberation Sans" },
		{ "Courier New", "Liberation Mono" },
	};
	size_t i;

	for (i = 0; name && i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (!g_ascii_strcasecmp(name, pairs[i][0]))
			return pairs[i][1];
	return NULL;
}

const char *nv_pl_engine_font(const struct nv_pl_engine *en)
{
	return en->o.font;
}

/*
 * The set-up that needs no print profile: the font map (whose first font
 * waits for Fontconfig's set-up) and the patterns.
 */
static void *warm_run(void *arg)
{
	struct nv_pl_warm *w = arg;
	struct nv_pl_engine tmp;

	memset(&tmp, 0, sizeof(tmp));
	nv_pl_new_context(&tmp);
	w->fm = tmp.fm;
	w->ctx = tmp.ctx;
	if (w->hyphen_path)
		w->hy = nv_hyphen_load(w->hyphen_path);
	font_installed(w->fm, w->ctx, NV_PL_DEFAULT_FONT, 14, NULL);
	return NULL;
}

struct nv_pl_warm *nv_pl_warm_start(const char *hyphen_path, bool threaded)
{
	struct nv_pl_warm *w = nv_xcalloc(1, sizeof(*w));

	w->hyphen_path = hyphen_path ? nv_xstrdup(hyphen_path) : NULL;
	w->threaded = threaded && pthread_create(&w->tid, NULL, warm_run, w) == 0;
	if (!w->threaded)
		warm_run(w);
	return w;
}

/* Wait for w's thread; w's font map, context and patterns are the caller's now. */
static void warm_join(struct nv_pl_warm *w)
{
	if (w->threaded)
		pthread_join(w->tid, NULL);
	w->threaded = false;
	free(w->hyphen_path);
	w->hyphen_path = NULL;
}

void nv_pl_warm_free(struct nv_pl_warm *w)
{
	if (!w)
		return;
	warm_join(w);
	if (w->ctx)
		g_object_unref(w->ctx);
	if (w->fm)
		g_object_unref(w->fm);
	nv_hyphen_free(w->hy);
	free(w);
}

struct nv_pl_engine *nv_pl_engine_new_warm(const struct nv_print_opts *o, struct nv_pl_warm *w,
					   struct nv_buf *why)
{
	struct nv_pl_engine *en = nv_xcalloc(1, sizeof(*en));
	struct nv_buf found = NV_BUF_INIT;
	const char *sub;

	warm_join(w);
	en->fm = w->fm;
	en->ctx = w->ctx;
	en->hy = w->hy;
	free(w);
	en->o = *o;
	if (!en->o.font || !*en->o.font)
		en->o.font = NV_PL_DEFAULT_FONT;
	if (en->o.size <= 0)
		en->o.size = 14;
	if (en->o.table_size <= 0)
		en->o.table_size = 12;

	/* A font that is missing may have a metric-compatible substitute. */
	if (!font_installed(en->fm, en->ctx, en->o.font, en->o.size, &found)) {
		sub = nv_pl_font_substitute(en->o.font);
		if (sub && font_installed(en->fm, en->ctx, sub, en->o.size, NULL)) {
			en->o.font = sub;
		} else {
			nv_buf_addf(why, "шрифт «%s» не установлен (вместо него нашёлся «%s»)",
				    en->o.font, found.len ? found.ptr : "никакой");
			nv_pl_engine_free(en);
			en = NULL;
		}
	}
	nv_buf_release(&found);
	return en;
}

struct nv_pl_engine *nv_pl_engine_new(const struct nv_print_opts *o, const char *hyphen_path,
				      struct nv_buf *why)
{
	return nv_pl_engine_new_warm(o, nv_pl_warm_start(hyphen_path, false), why);
}

void nv_pl_engine_free(struct nv_pl_engine *en)
{
	if (!en)
		return;
	if (en->ctx)
		g_object_unref(en->ctx);
	if (en->fm)
		g_object_unref(en->fm);
	nv_hyphen_free(en->hy);
	nv_pl_cache_free(en->cache);
	free(en);
}

bool nv_pl_engine_hyphenates(const struct nv_pl_engine *en)
{
	return en->hy != NULL;
}

void nv_pl_engine_keep_words(struct nv_pl_engine *en, const char *text, bool names_only)
{
	nv_hyphen_keep(en->hy, text, names_only);
}

const struct nv_print_opts *nv_pl_engine_opts(const struct nv_pl_engine *en)
{
	return &en->o;
}
