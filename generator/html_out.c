/*
 * html_out.c: how the website back end writes. A page is a template of
 * the theme rendered with its context (plus the common part: site, root,
 * nav, page), read by the personal-data guard (html_guard.c) and handed
 * to the writer threads exactly as rendered. Attachments and theme
 * assets are copied as they are, their names and text formats guarded
 * too; document pages are rendered by several threads, each with its own
 * template set, and each guards what it renders.
 */
#include "common.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "html_int.h"
#include "import.h"
#include "markdown.h"
#include "model.h"
#include "guard.h"
#include "template.h"
#include "threads.h"
#include "typo.h"
#include "value.h"
#include "writer.h"

/* --- search records and writing ------------------------------------------------ */

/* Whether a byte needs an escape in add_json_string(). */
static inline bool json_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c == '<';
}

/* The end of the run of bytes at u[i] that need no escape (n: the string's end). */
static inline size_t json_plain_end(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i bias = _mm_set1_epi8((char)0x80), lim = _mm_set1_epi8((char)(0x20 ^ 0x80));
	unsigned m;

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		/* c < 0x20 unsigned, as a signed compare of c ^ 0x80 */
		__m128i x = _mm_or_si128(_mm_cmplt_epi8(_mm_xor_si128(v, bias), lim),
					 _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
		x = _mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))));
		if ((m = (unsigned)_mm_movemask_epi8(x)))
			return i + (unsigned)__builtin_ctz(m);
	}
#endif
	while (i < n && !json_special(u[i]))
		i++;
	return i;
}

/*
 * s as a JSON string, safe inside a <script>: runs of plain bytes go in
 * one copy, the string is measured once.
 */
static void add_json_string(struct nv_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, start;
	char esc[7] = "\\u00";

	nv_buf_grow(b, n + 2);
	nv_buf_addch(b, '"');
	while (i < n) {
		start = i;
		i = json_plain_end(u, i, n);
		nv_buf_add(b, s + start, i - start);
		if (i == n)
			break;
		if (u[i] == '<') {
			nv_buf_add(b, "\\u003c", 6); /* never close a <script> */
		} else if (u[i] < 0x20) {
			esc[4] = "0123456789abcdef"[u[i] >> 4];
			esc[5] = "0123456789abcdef"[u[i] & 15];
			nv_buf_add(b, esc, 6);
		} else {
			esc[1] = (char)u[i];
			nv_buf_add(b, esc, 2);
			esc[1] = 'u';
		}
		i++;
	}
	nv_buf_addch(b, '"');
}

/* The path of file rel in the output folder, for the writer (which frees it); no printf. */
static char *out_path(const struct nv_html_state *s, const char *rel)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_buf_grow(&b, strlen(s->opts.out) + strlen(rel) + 1);
	nv_buf_add_path(&b, s->opts.out, rel);
	return nv_buf_detach(&b, NULL);
}

/*
 * Hand a file to the writer threads: the staging tree is swapped whole, so
 * files are written in place. Failures are reported when the writer
 * finishes.
 */
void nv_html_write_out(struct nv_html_state *s, const char *rel, const char *data, size_t len)
{
	nv_writer_add(s->writer, out_path(s, rel), nv_xmemdupz(data, len), len);
}

/* The folder w keeps for the files it writes (made at its first). */
static struct nv_dir_cache *worker_dirs(struct nv_html_worker *w)
{
	if (!w->dirs) {
		w->dirs = nv_xmalloc(sizeof(*w->dirs));
		*w->dirs = (struct nv_dir_cache)NV_DIR_CACHE_INIT;
	}
	return w->dirs;
}

void nv_html_write_guarded(struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
			   const char *text, size_t len, bool markup, bool page)
{
	char *path;

	if (!nv_html_guard(s, w, rel, text, len, markup, page))
		return;
	path = out_path(s, rel);
	nv_writer_write(s->writer, worker_dirs(w), path, text, len);
	free(path);
}

void nv_html_stream_open(struct nv_html_stream *o, struct nv_html_state *s,
			 struct nv_html_worker *w, const char *rel)
{
	o->s = s;
	o->w = w;
	o->rel = rel;
	o->path = NULL;
	o->refused = false;
}

void nv_html_stream_put(struct nv_html_stream *o, const char *text, size_t len, size_t from)
{
	if (o->refused)
		return;
	if (!nv_html_guard(o->s, o->w, o->rel, text, len, false, false)) {
		o->refused = true;
		if (o->path)
			nv_writer_close(&o->f, false);
		return;
	}
	if (!o->path) {
		o->path = out_path(o->s, o->rel);
		nv_writer_open(&o->f, o->s->writer, worker_dirs(o->w), o->path);
	}
	nv_writer_append(&o->f, text + from, len - from);
}

void nv_html_stream_close(struct nv_html_stream *o)
{
	if (o->path && !o->refused)
		nv_writer_close(&o->f, true);
	free(o->path);
	o->path = NULL;
}

void nv_html_worker_release(struct nv_html_worker *w)
{
	nv_buf_release(&w->page);
	if (w->dirs)
		nv_dir_cache_release(w->dirs);
	free(w->dirs);
	w->dirs = NULL;
}

/*
 * The page's search record (the section's home page has one even without
 * text, so a search finds the section by its title), guarded on its own
 * by the thread that renders the page: a rebuild replaces single records
 * of the last build's index, and the index adds only its brackets and
 * commas to them. A record the guard refuses is left out.
 */
static void fill_page_ref(const struct nv_html_state *s, struct nv_html_worker *w,
			  struct nv_html_page *p, const char *url, const char *title,
			  const char *kind, const char *text)
{
	struct nv_buf b = NV_BUF_INIT;

	p->url = nv_xstrdup(url);
	p->title = nv_html_typo_str(s, title);
	p->kind = nv_xstrdup(kind ? kind : "");
	p->line = NULL;
	if ((!text || !*text) && strcmp(p->kind, "index"))
		return;
	/* One allocation: the text is most of the record. */
	nv_buf_grow(&b, strlen(p->title) + strlen(p->url) + (text ? strlen(text) : 0) + 32);
	nv_buf_adds(&b, "{\"t\":");
	add_json_string(&b, p->title);
	nv_buf_adds(&b, ",\"u\":");
	add_json_string(&b, p->url);
	nv_buf_adds(&b, ",\"x\":");
	add_json_string(&b, text ? text : "");
	nv_buf_adds(&b, "}");
	if (nv_html_guard(s, w, "search-index.json", b.ptr, b.len, false, false))
		p->line = nv_buf_detach(&b, NULL);
	nv_buf_release(&b);
}

static void add_page_ref(struct nv_html_state *s, struct nv_html_worker *w, const char *url,
			 const char *title, const char *kind, const char *text)
{
	struct nv_html_pages *l = w->pages;

	if (l) {
		NV_GROW(l->v, l->n + 1, l->alloc);
		fill_page_ref(s, w, &l->v[l->n++], url, title, kind, text);
		return;
	}
	NV_GROW(s->pages, s->npages + 1, s->pages_alloc);
	fill_page_ref(s, w, &s->pages[s->npages++], url, title, kind, text);
}

/* Take v, lent to map m, back from it before m is freed. */
static void unlend(struct nv_value *m, const struct nv_value *v)
{
	size_t i;

	for (i = 0; i < m->nr; i++)
		if (m->members[i].value == v)
			m->members[i].value = NULL;
}

#define PAGE_ROOM 16384 /* bytes a page takes beyond its body, at most for most */

/*
 * The most bytes a page of this thread took beyond its context's `body`
 * (a document page has none there, its body is doc.body: for it, the
 * whole page): a page's buffer is grown once to that, not copied again
 * and again as a big table (a roadmap's) outgrows a fixed guess.
 */
static _Thread_local size_t page_room = PAGE_ROOM;

/*
 * Render template `tpl` with ctx (taken over) into url, adding the common
 * context, and remember the page for the sitemap and the search index.
 */
void nv_html_emit(struct nv_html_state *s, struct nv_html_worker *w, const char *url,
		  const char *tpl, struct nv_value *ctx, const char *title, const char *kind,
		  const char *search_text)
{
	struct nv_buf root = NV_BUF_INIT, here = NV_BUF_INIT, html = w->page;
	const struct nv_template *t;
	struct nv_value *page = obj(), *body;
	const struct nv_value *nav;
	const char *p;
	size_t body_len;

	/* A fragment lives on another site: its links start from the base URL. */
	if (s->opts.fragment)
		nv_buf_adds(&root, s->base_url);
	for (p = url; *p && !s->opts.fragment; p++)
		if (*p == '/')
			nv_buf_adds(&root, "../");
	/* The page's folder: "" on the website, its absolute URL in a fragment. */
	if (s->opts.fragment) {
		nv_buf_adds(&here, s->base_url);
		if ((p = strrchr(url, '/')))
			nv_buf_add(&here, url, (size_t)(p - url) + 1);
	}
	nv_html_set_tt(s, page, "title", title);
	set_s(page, "url", url);
	set_s(page, "kind", kind);
	set_b(page, "home", !strcmp(kind, "index"));
	set(ctx, "page", page);
	/* Lent, not copied: every page has the same; taken back below. */
	set(ctx, "site", s->site);
	/* Lent too when the page is in a section or none: the same for many. */
	nav = nv_html_nav_shared(s, url);
	set(ctx, "nav", nav ? (struct nv_value *)nav : nv_html_nav_for(s, url));
	set(ctx, "root", nv_value_new_str(root.ptr));
	set(ctx, "here", nv_value_new_str(here.ptr));
	set_b(ctx, "fragment", s->opts.fragment);
	set_s(ctx, "generator", "nastavnik " NV_VERSION);
	set_b(ctx, "custom_css", s->custom_css);
	/* Both stay as they are until the set is freed (nv_html_free()). */
	nv_tpl_set_stable(w->tpl, s->site);
	nv_tpl_set_stable(w->tpl, nav);
	t = nv_tpl_get(w->tpl, tpl, w->d);
	/*
	 * The page is its body and some 10 KB of the theme's: grown once, not a
	 * dozen times, in the room of the thread's last page.
	 */
	body = nv_map_get(ctx, "body");
	body_len = body && body->type == NV_STRING ? body->len : 0;
	nv_buf_reset(&html);
	nv_buf_grow(&html, body_len + page_room);
	if (!t || nv_tpl_render(w->tpl, t, ctx, &html, w->d) < 0) {
		w->failed = true;
	} else {
		if (html.len > body_len + page_room && html.len - body_len < ((size_t)256 << 10))
			page_room = html.len - body_len + 1024;
		nv_html_write_guarded(s, w, url, html.ptr, html.len, true, true);
		if (w->slot)
			fill_page_ref(s, w, w->slot, url, title, kind, search_text);
		else
			add_page_ref(s, w, url, title, kind, search_text);
	}
	unlend(ctx, s->site);
	if (nav)
		unlend(ctx, nav);
	nv_value_free(ctx);
	nv_buf_release(&root);
	nv_buf_release(&here);
	w->page = html;
}

/*
 * A PDF is the paper copy, so it goes on the website only for положения,
 * programs, roadmaps and forms in whose text, as the print engine sets it, the
 * build's guard found nobody the website may not name (opts.pdf_public).
 * The document's source is not read again here: what the PDF shows is
 * that text, and a name the source holds but the PDF does not show
 * cannot leak through it.
 */
static bool pdf_is_public(const struct nv_html_state *s, size_t i, const struct nv_entry *e)
{
	return nv_kind_web_pdf(e->kind) && s->opts.pdf_public && s->opts.pdf_public[i];
}

/* --- attachments ----------------------------------------------------------------- */

static const char *file_type(const char *name)
{
	static const struct {
		const char *ext, *title;
	} types[] = {
		{ ".pdf", "PDF" },
		{ ".doc", "Word" },
		{ ".docx", "Word" },
		{ ".odt", "OpenDocument" },
		{ ".xls", "Excel" },
		{ ".xlsx", "Excel" },
		{ ".ods", "OpenDocument" },
		{ ".odp", "OpenDocument" },
		{ ".csv", "таблица CSV" },
		{ ".txt", "текст" },
		{ ".rtf", "RTF" },
		{ ".jpg", "изображение JPEG" },
		{ ".jpeg", "изображение JPEG" },
		{ ".png", "изображение PNG" },
		{ ".gif", "изображение GIF" },
		{ ".webp", "изображение WebP" },
		{ ".zip", "архив ZIP" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < NV_ARRAY_SIZE(types); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].title;
	return "файл";
}

void nv_html_human_size(struct nv_buf *b, long long size)
{
	if (size < 1024)
		nv_buf_addf(b, "%lld Б", size);
	else if (size < 1024 * 1024)
		nv_buf_addf(b, "%lld,%lld КБ", size / 1024, (size % 1024) * 10 / 1024);
	else
		nv_buf_addf(b, "%lld,%lld МБ", size >> 20, ((size >> 10) % 1024) * 10 / 1024);
}

int nv_html_text_format(const char *name)
{
	static const struct {
		const char *ext;
		int how;
	} types[] = {
		{ ".txt", 1 }, { ".csv", 1 }, { ".css", 1 }, { ".js", 1 },   { ".json", 1 },
		{ ".md", 1 },  { ".ics", 1 }, { ".svg", 2 }, { ".html", 2 }, { ".xml", 2 },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < NV_ARRAY_SIZE(types); i++)
		if (!strcasecmp(dot, types[i].ext))
			return types[i].how;
	return 0;
}

int nv_html_copy_text(const char *rel, const char *src, const struct nv_buf *data,
		      struct nv_buf *buf, struct nv_slice *text)
{
	int how = nv_html_text_format(rel);

	if (how == 1)
		nv_import_decode_text(data->ptr, data->len, buf);
	else if (!how && nv_model_attachment_text(src, data, buf) == 0)
		how = 1;
	if (how == 2)
		*text = nv_slice_make(data->ptr, data->len);
	else if (how)
		*text = nv_slice_make(buf->ptr ? buf->ptr : "", buf->len);
	else
		*text = nv_slice_make(NULL, 0);
	return how;
}

/* Write a file copied from src with its name and text guarded; src is the source a leak names. */
static void write_copy(struct nv_html_state *s, const char *rel, const char *src,
		       const struct nv_buf *data)
{
	struct nv_buf buf = NV_BUF_INIT;
	struct nv_slice text;
	int how = nv_html_copy_text(rel, src, data, &buf, &text);
	bool ok;

	s->main.copied_from = src;
	ok = nv_html_guard(s, &s->main, rel, text.ptr, text.len, how == 2, false);
	s->main.copied_from = NULL;
	nv_buf_release(&buf);
	if (ok)
		nv_html_write_out(s, rel, data->ptr, data->len);
}

/*
 * Which attachments a document's text shows as an image (a scheme, a
 * photo): pictures of their documents, not files to download.
 */
static bool *shown_images(const struct nv_model *m)
{
	bool *shown = nv_xcalloc(m->nattachments + 1, sizeof(*shown));
	const struct nv_attachment *a;
	size_t i, k;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		for (k = 0; e->md && k < e->md->nr_links; k++)
			if (e->md->links[k].image && e->md->links[k].kind == NV_MD_LINK_FILE &&
			    (a = nv_model_linked_file(m, e, &e->md->links[k])) != NULL)
				shown[a - m->attachments] = true;
	}
	return shown;
}

/*
 * Copy content/files/ and list it, but the images a text shows: [{name,
 * url, size, type}]. Files are read without following links (see
 * nv_read_file_in): the loader refused links already, and one put there
 * since is refused again.
 */
struct nv_value *nv_html_copy_files(struct nv_html_state *s)
{
	const struct nv_model *m = s->m;
	struct nv_value *list = arr(), *v;
	struct nv_buf data = NV_BUF_INIT, b = NV_BUF_INIT;
	bool *shown = shown_images(m);
	struct stat st;
	size_t i;

	for (i = 0; i < m->nattachments; i++) {
		const char *rel = m->attachments[i].rel;
		const char *src = m->attachments[i].path;
		char *root = nv_xmemdupz(src, strlen(src) - strlen(rel) - 1);
		long long size;
		int r;
		/* A rebuild of some documents leaves the files: it needs only their sizes. */
		if (s->opts.render) {
			int fd = nv_open_in(root, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
			r = fd < 0 || fstat(fd, &st) < 0 ? -1 : 0;
			if (fd >= 0)
				close(fd);
		} else {
			r = nv_read_file_in(root, rel, (size_t)64 << 20, &data);
		}
		free(root);
		if (r < 0) {
			nv_error(s->d, src, 0, 0, "не удалось прочитать вложение: %s",
				 nv_strerror(errno));
			s->failed = 1;
			continue;
		}
		size = s->opts.render ? (long long)st.st_size : (long long)data.len;
		if (!s->opts.render)
			write_copy(s, rel, src, &data);
		if (strncmp(rel, "files/", 6) || shown[i])
			continue;
		v = obj();
		set_s(v, "name", rel + 6);
		set_s(v, "url", rel);
		nv_buf_reset(&b);
		nv_html_human_size(&b, size);
		set_s(v, "size", b.ptr);
		set_s(v, "type", file_type(rel));
		push(list, v);
	}
	nv_buf_release(&data);
	nv_buf_release(&b);
	free(shown);
	return list;
}

void nv_html_emit_file(struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
		       const char *tpl, struct nv_value *ctx)
{
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_template *t = nv_tpl_get(w->tpl, tpl, w->d);

	if (!t || nv_tpl_render(w->tpl, t, ctx, &out, w->d) < 0)
		w->failed = true;
	else
		nv_html_write_guarded(s, w, rel, out.ptr, out.len, true, false);
	nv_value_free(ctx);
	nv_buf_release(&out);
}

char *nv_html_custom_css(const struct nv_html_opts *opts)
{
	struct stat st;
	char *path;

	if (!opts->override_dir)
		return NULL;
	path = nv_xasprintf("%s/assets/custom.css", opts->override_dir);
	/* A link is found too, so that reading it fails loudly. */
	if (lstat(path, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
		return path;
	free(path);
	return NULL;
}

/* A file of the theme that cannot be copied: an error of the build. */
static void asset_failed(struct nv_html_state *s, const char *path, int err)
{
	nv_error(s->d, path, 0, 0, "не удалось прочитать файл темы: %s", nv_strerror(err));
	s->failed = 1;
}

/*
 * Copy the theme's assets/ folder; then the project's custom.css, which
 * pages link after the theme's stylesheet so that its rules win. No
 * symbolic link is followed: one in the theme is an error.
 */
void nv_html_copy_assets(struct nv_html_state *s)
{
	struct nv_walk files = NV_WALK_INIT;
	struct nv_buf data = NV_BUF_INIT;
	char *dir = nv_xasprintf("%s/assets", s->opts.theme_dir), *path, *dst;
	char *custom = nv_html_custom_css(&s->opts);
	size_t i;

	if (nv_walk_all(dir, &files) < 0) {
		nv_error(s->d, dir, 0, 0, "не удалось прочитать папку темы: %s",
			 nv_strerror(errno));
		s->failed = 1;
	}
	for (i = 0; i < files.links.nr; i++) {
		path = nv_xasprintf("%s/%s", dir, files.links.v[i]);
		asset_failed(s, path, ELOOP);
		free(path);
	}
	for (i = 0; i < files.files.nr; i++) {
		if (custom && !strcmp(files.files.v[i], "custom.css"))
			continue; /* the project's own replaces the theme's */
		dst = nv_xasprintf("assets/%s", files.files.v[i]);
		path = nv_xasprintf("%s/%s", dir, files.files.v[i]);
		if (nv_read_file_in(dir, files.files.v[i], (size_t)16 << 20, &data) == 0)
			write_copy(s, dst, path, &data);
		else
			asset_failed(s, path, errno);
		free(path);
		free(dst);
	}
	if (custom && nv_read_file_in(s->opts.override_dir, "assets/custom.css", (size_t)16 << 20,
				      &data) == 0)
		write_copy(s, "assets/custom.css", custom, &data);
	else if (custom)
		asset_failed(s, custom, errno);
	nv_walk_release(&files);
	nv_buf_release(&data);
	free(custom);
	free(dir);
}

/* Whether the theme (or the project's overrides) has the template NAME. */
static bool has_template(const struct nv_html_opts *opts, const char *name)
{
	const char *dirs[] = { opts->override_dir, opts->theme_dir };
	struct stat st;
	char *path;
	bool found = false;
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(dirs) && !found; i++) {
		if (!dirs[i])
			continue;
		path = nv_xasprintf("%s/%s.mustache", dirs[i], name);
		found = stat(path, &st) == 0;
		free(path);
	}
	return found;
}

/*
 * A template set for the theme (one per rendering thread). A fragment is
 * the page's content block alone, without the layout; where the theme
 * has fragment/NAME.mustache, the page template NAME is that one, made
 * to read right with no stylesheet.
 */
struct nv_tpl_set *nv_html_tpl_set_new(const struct nv_html_opts *opts)
{
	static const char *const pages[] = { "order", "document", "roadmap", "case",	   "cases",
					     "list",  "index",	  "mentors", "monitoring", "form" };
	struct nv_tpl_set *t = nv_tpl_set_new(0);
	char *name, *text;
	size_t i;

	if (opts->fragment)
		nv_tpl_set_add_source(t, "layout", "{{$content}}{{/content}}", 24);
	for (i = 0; opts->fragment && i < NV_ARRAY_SIZE(pages); i++) {
		name = nv_xasprintf("fragment/%s", pages[i]);
		if (has_template(opts, name)) {
			text = nv_xasprintf("{{> %s}}", name);
			nv_tpl_set_add_source(t, pages[i], text, strlen(text));
			free(text);
		}
		free(name);
	}
	if (opts->override_dir)
		nv_tpl_set_add_dir(t, opts->override_dir);
	nv_tpl_set_add_dir(t, opts->theme_dir);
	return t;
}

struct entry_job {
	struct nv_html_state *s;
	struct nv_html_worker w;
	const struct nv_value *files;
	const bool *pdf;
	struct nv_html_page *slots;
	const struct nv_html_tasks *tasks;
	struct nv_work *task_work;
	struct nv_share share;
	size_t t; /* the thread's number */
};

/* One thread's share of the tasks, then of the documents. */
static void *entry_thread(void *arg)
{
	struct entry_job *j = arg;
	const struct nv_model *m = j->s->m;
	const struct nv_html_bodies *bodies = j->s->opts.bodies;
	size_t i;

	while (j->tasks && nv_work_next_one(j->task_work, &i))
		j->tasks->run(j->s, &j->w, i, j->tasks->ctx);
	while (nv_share_next(&j->share, &i)) {
		if (j->s->opts.render && !j->s->opts.render[i])
			continue;
		if (!bodies || bodies->read(bodies->ctx, j->t, i)) {
			j->w.slot = &j->slots[i];
			j->w.entry = m->entries[i];
			nv_html_emit_entry(j->s, &j->w, m->entries[i], j->files, j->pdf[i],
					   j->s->opts.pdf_sizes ? j->s->opts.pdf_sizes[i] : 0);
			if (m->entries[i]->kind == NV_KIND_ROADMAP)
				nv_html_emit_ics(j->s, &j->w, m->entries[i]);
		}
		if (bodies)
			bodies->drop(bodies->ctx, j->t, i);
		nv_html_search_done(j->s, j->slots, i);
	}
	j->w.entry = NULL;
	nv_html_worker_release(&j->w);
	nv_html_typo_memo_release();
	return NULL;
}

/*
 * The document pages, the bulk of a build, rendered by opts.jobs threads,
 * each with its own template set, diagnostics and leaks found by the
 * guard. Shared state is read only (the model with its Markdown trees,
 * the guard, the site context). Page references go to slots in document
 * order, and leaks are sorted when they are reported, so the search
 * index, the sitemap and the messages do not depend on the threads.
 */
void nv_html_emit_entries(struct nv_html_state *s, const struct nv_value *files,
			  const struct nv_html_tasks *tasks)
{
	const struct nv_model *m = s->m;
	size_t i, n = m->nentries, nthreads = nv_thread_count(s->opts.jobs, n), t;
	bool *pdf = nv_xcalloc(n + 1, sizeof(*pdf));
	struct nv_html_page *slots = nv_xcalloc(n + 1, sizeof(*slots));
	struct entry_job *jobs = nv_xcalloc(nthreads, sizeof(*jobs));
	struct nv_diags *dl = nv_xcalloc(nthreads, sizeof(*dl));
	struct nv_work work = NV_WORK_INIT(n), task_work = NV_WORK_INIT(tasks ? tasks->n : 0);

	if (tasks)
		nthreads = nv_thread_count(s->opts.jobs, n + tasks->n);
	for (i = 0; i < n; i++) {
		if (s->opts.render && !s->opts.render[i])
			continue;
		pdf[i] = s->opts.pdf && pdf_is_public(s, i, m->entries[i]);
		if (pdf[i]) {
			NV_GROW(s->pdfs, s->npdfs + 1, s->pdfs_alloc);
			s->pdfs[s->npdfs++] = m->entries[i];
		}
	}
	for (t = 0; t < nthreads; t++) {
		jobs[t].s = s;
		jobs[t].t = t;
		jobs[t].files = files;
		jobs[t].pdf = pdf;
		jobs[t].slots = slots;
		jobs[t].tasks = tasks;
		jobs[t].task_work = &task_work;
		jobs[t].share.w = &work;
		jobs[t].w.d = t ? &dl[t] : s->d;
		jobs[t].w.tpl = t ? nv_html_tpl_set_new(&s->opts) : s->tpl;
	}
	nv_run_threads(entry_thread, jobs, nthreads, sizeof(*jobs));
	for (t = 0; t < nthreads; t++) {
		if (jobs[t].w.failed)
			s->failed = 1;
		nv_html_take_leaks(&s->main, &jobs[t].w);
		if (t) {
			nv_diags_merge(s->d, &dl[t]);
			nv_tpl_set_free(jobs[t].w.tpl);
		}
	}
	for (i = 0; i < n; i++) {
		if (!slots[i].url)
			continue; /* the page failed: its error is reported */
		NV_GROW(s->pages, s->npages + 1, s->pages_alloc);
		s->pages[s->npages++] = slots[i];
	}
	free(slots);
	free(pdf);
	free(jobs);
	free(dl);
}

/* The JSON string writer of the search index, for tests/fuzz; see html_int.h. */
void nv_html_json_string(struct nv_buf *b, const char *s)
{
	add_json_string(b, s);
}
