/*
 * print_fonts.c: the print engine's fonts and hyphenation (struct
 * nv_pl_engine); see print.h.
 *
 * The engine holds a Pango font map and context at 72 dpi with unhinted
 * metrics, the family it sets (checked to be installed: Pango falls back
 * silently) and the hyphenation patterns.
 *
 * Setting up is slow next to printing one document: the dynamic loader
 * loads Pango and the libraries under it (lazylib.h), Fontconfig reads
 * its configuration and caches (fc_set_up()), libhyphen compiles the
 * Russian patterns. nv_pl_warm_start() does all three on a thread of its
 * own while the caller loads the project, and nv_pl_engine_new() takes
 * what it made.
 */
#include "common.h"

#include <pthread.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "hyphenate.h"
#include "lazylib.h"
#include "model.h"
#include "print.h"
#include "print_int.h"

/* What nv_pl_warm_start() makes: a font map and context, the patterns. */
struct nv_pl_warm {
	pthread_t tid;
	bool threaded;
	bool fonts; /* warm_fonts() too: on a thread of its own, for print */
	char *hyphen_path;
	PangoFontMap *fm;
	PangoContext *ctx;
	struct nv_hyphen *hy;
};

/* --- the engine ---------------------------------------------------------------- */

/*
 * Fontconfig's configuration, made current, as FcInit() makes it (the
 * configuration file and what it includes, then the fonts of its
 * directories) less one pass: FcInit() also reads every file of the
 * configurations not enabled (conf.avail) for their descriptions only,
 * which nothing here asks for, and that pass is two fifths of its
 * work. When the file cannot be read or names no cache directory,
 * nothing is made current, and FcInit() sets up as it always does
 * (with its fallback and warnings).
 */
static void fc_set_up(void)
{
	FcConfig *c = FcConfigCreate();
	FcStrList *caches;
	bool ok;

	if (!c)
		return;
	ok = FcConfigParseAndLoad(c, NULL, FcTrue);
	if (ok) {
		caches = FcConfigGetCacheDirs(c);
		ok = caches && FcStrListNext(caches);
		if (caches)
			FcStrListDone(caches);
	}
	if (ok && FcConfigBuildFonts(c))
		FcConfigSetCurrent(c); /* takes its own reference */
	FcConfigDestroy(c);
}

static pthread_once_t fc_once = PTHREAD_ONCE_INIT;

/*
 * A font map for en. The first one sets Fontconfig up (fc_set_up());
 * Pango's own set-up (FcInit, on a thread of its own) then finds it done.
 */
static void new_map(struct nv_pl_engine *en)
{
	pthread_once(&fc_once, fc_set_up);
	en->fm = pango_cairo_font_map_new();
}

/* en's context on its font map (setting the map's resolution waits for Pango's FcInit). */
static void new_context(struct nv_pl_engine *en)
{
	cairo_font_options_t *fo;

	/*
	 * The map at the context's resolution. Pango measures a font's
	 * metrics in a context of its own, at the map's resolution (96 dpi
	 * by default): its Fontconfig pattern then differs from the
	 * layout's in size only, and costs a second match and sort (two
	 * threads), a second font and its glyphs, for each font used. At
	 * 72 dpi both are the same pattern and font; layouts do not change
	 * (the context below sets its own resolution).
	 */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(en->fm), 72.0);
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

void nv_pl_new_context(struct nv_pl_engine *en)
{
	new_map(en);
	new_context(en);
}

/* Stops pango_fontset_foreach() at the fontset's second font. */
static gboolean second_font(PangoFontset *fs, PangoFont *font, gpointer data)
{
	int *n = data;

	(void)fs;
	(void)font;
	return ++*n >= 2;
}

/*
 * Wait until Pango has sorted the fonts for want. Pango matches and
 * sorts the fonts of a new pattern on two threads of its own, and
 * loading a font waits for the match only; `build` forks its print
 * workers once the engine is made, and a worker that inherits a sort
 * still running waits for it forever. The fontset's second font is
 * taken from the sort.
 */
static void wait_sorted(PangoFontMap *fm, PangoContext *ctx, const PangoFontDescription *want)
{
	PangoFontset *fs =
		pango_font_map_load_fontset(fm, ctx, want, pango_context_get_language(ctx));
	int n = 0;

	if (!fs)
		return;
	pango_fontset_foreach(fs, second_font, &n);
	g_object_unref(fs);
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
	wait_sorted(fm, ctx, want);
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
 * Set a line of the letters, digits and common signs of Russian text in
 * the default font at the default sizes, regular and bold (the text, the
 * tables, the bold headings at size + 2), as documents will: Pango loads
 * those fonts and their metrics, HarfBuzz makes its shaping plans, Cairo
 * reads the glyphs, each kept in its caches for the documents (the same
 * values as when the first document asks; 8 M instructions off the
 * printing thread for one order, 10 M more on this one). A wider sample
 * (Latin letters, rarer signs) costs this thread twice as much for 1 M
 * less on the printing one.
 */
static void warm_fonts(PangoContext *ctx)
{
	static const char sample[] = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЖЗИКЛМНОПРСТУФХЧШЭЮЯ "
				     "0123456789 .,:;()«»—№";
	const struct {
		double size;
		bool bold;
	} faces[] = {
		{ nv_print_defaults.size, false },	 { nv_print_defaults.size, true },
		{ nv_print_defaults.table_size, false }, { nv_print_defaults.table_size, true },
		{ nv_print_defaults.size + 2, true },
	};
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(faces); i++) {
		PangoLayout *l = pango_layout_new(ctx);
		PangoFontDescription *fd = pango_font_description_new();
		PangoLayoutIter *it;
		PangoRectangle ink, logical;

		pango_font_description_set_family(fd, NV_PL_DEFAULT_FONT);
		pango_font_description_set_size(fd, (int)(faces[i].size * PANGO_SCALE + 0.5));
		if (faces[i].bold)
			pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
		pango_layout_set_font_description(l, fd);
		pango_font_description_free(fd);
		pango_layout_set_text(l, sample, -1);
		it = pango_layout_get_iter(l);
		pango_layout_iter_get_line_extents(it, &ink, &logical); /* the glyphs' ink too */
		pango_layout_iter_free(it);
		g_object_unref(l);
	}
}

/*
 * The set-up that needs no print profile: the libraries, the font map
 * (whose first font waits for Fontconfig's set-up) and the patterns.
 * Nothing when the libraries cannot be loaded.
 */
static void *warm_run(void *arg)
{
	struct nv_pl_warm *w = arg;
	struct nv_pl_engine tmp;

	if (nv_lib_load_print(NULL) < 0)
		return NULL;
	memset(&tmp, 0, sizeof(tmp));
	new_map(&tmp);
	if (w->hyphen_path)
		w->hy = nv_hyphen_load(w->hyphen_path);
	new_context(&tmp);
	w->fm = tmp.fm;
	w->ctx = tmp.ctx;
	font_installed(w->fm, w->ctx, NV_PL_DEFAULT_FONT, 14, NULL);
	if (w->fonts)
		warm_fonts(w->ctx);
	return NULL;
}

struct nv_pl_warm *nv_pl_warm_start(const char *hyphen_path, bool threaded)
{
	struct nv_pl_warm *w = nv_xcalloc(1, sizeof(*w));

	w->hyphen_path = hyphen_path ? nv_xstrdup(hyphen_path) : NULL;
	w->fonts = threaded;
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
	int lib;

	warm_join(w);
	if (!w->fm) {
		/* nv_lib_load_print() failed: the first library that failed says why */
		for (lib = NV_LIB_GLIB; lib <= NV_LIB_PANGOCAIRO && !why->len; lib++)
			nv_buf_adds(why, nv_lib_why((enum nv_lib)lib));
		nv_pl_warm_free(w);
		free(en);
		return NULL;
	}
	en->fm = w->fm;
	en->ctx = w->ctx;
	en->hy = w->hy;
	en->fonts_loaded = w->fonts;
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

struct nv_pl_engine *nv_pl_engine_twin(const struct nv_pl_engine *en)
{
	struct nv_pl_engine *t = nv_xcalloc(1, sizeof(*t));

	new_map(t);
	new_context(t);
	t->o = en->o;
	t->hy = en->hy;
	t->hy_borrowed = true;
	t->cache_bytes = en->cache_bytes;
	return t;
}

void nv_pl_engine_free(struct nv_pl_engine *en)
{
	if (!en)
		return;
	if (en->ctx)
		g_object_unref(en->ctx);
	if (en->fm)
		g_object_unref(en->fm);
	if (!en->hy_borrowed)
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
