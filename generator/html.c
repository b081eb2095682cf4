/*
 * html.c: the website back end; see html.h.
 *
 * For each page a context (a value tree, the same type as front matter)
 * is built from the model and rendered with a template of the theme;
 * the guard (html_guard.c) reads the result, which is written under
 * opts->out exactly as rendered, or, when it names somebody the website
 * may not show, not at all: the render fails.
 * Every page gets the common part of the context: site, root (the
 * relative way back to the section's root: "" or "../"), nav and page.
 * The context of each template is documented in man/nastavnik-theme.7.
 *
 * The back end is split by what each part does: html_pages.c builds one
 * context per page kind, html_feeds.c writes the feeds, calendars,
 * sitemap and search index, html_values.c holds the context builders
 * they share, html_out.c renders and writes, html_guard.c guards what is
 * written, html_md.c renders Markdown.
 * All of them only read the model. This file holds the state and the
 * order in which a build writes things.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "html.h"
#include "html_int.h"
#include "model.h"
#include "schema.h"
#include "guard.h"
#include "template.h"
#include "threads.h"
#include "utf8.h"
#include "value.h"
#include "writer.h"
size_t nv_html_public_pdfs(const struct nv_html_state *s, const struct nv_entry *const **out)
{
	*out = s->pdfs;
	return s->npdfs;
}

/* --- base URLs ------------------------------------------------------------------ */

/* Punycode (RFC 3492, 6.1): the bias after a code point is written. */
static uint32_t adapt(uint32_t delta, uint32_t points, bool first)
{
	uint32_t k = 0;

	delta = first ? delta / 700 : delta / 2;
	delta += delta / points;
	while (delta > (36 - 1) * 26 / 2) {
		delta /= 36 - 1;
		k += 36;
	}
	return k + (36 - 1 + 1) * delta / (delta + 38);
}

static char digit(uint32_t d)
{
	return (char)(d < 26 ? 'a' + d : '0' + d - 26);
}

/* Append the Punycode of the n code points cp (RFC 3492, 6.3). */
static void punycode(struct nv_buf *out, const uint32_t *cp, size_t n)
{
	uint32_t next = 128, delta = 0, bias = 72, h, b = 0, m, q, k, t;
	size_t i;

	for (i = 0; i < n; i++)
		if (cp[i] < 128) {
			nv_buf_addch(out, (char)cp[i]);
			b++;
		}
	if (b)
		nv_buf_addch(out, '-');
	for (h = b; h < n; delta++, next++) {
		for (m = UINT32_MAX, i = 0; i < n; i++)
			if (cp[i] >= next && cp[i] < m)
				m = cp[i];
		delta += (m - next) * (h + 1);
		next = m;
		for (i = 0; i < n; i++) {
			if (cp[i] < next)
				delta++;
			if (cp[i] != next)
				continue;
			for (q = delta, k = 36;; k += 36) {
				t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
				if (q < t)
					break;
				nv_buf_addch(out, digit(t + (q - t) % (36 - t)));
				q = (q - t) / (36 - t);
			}
			nv_buf_addch(out, digit(q));
			bias = adapt(delta, h + 1, h == b);
			delta = 0;
			h++;
		}
	}
}

/* A letter in lower case: ASCII and Cyrillic (IDNA wants labels lower-cased). */
static uint32_t lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c;
}

int nv_html_idna_host(struct nv_buf *out, const char *host, size_t len)
{
	uint32_t cp[64];
	size_t i = 0, n, end, k;
	bool ascii;

	while (i <= len) {
		for (end = i; end < len && host[end] != '.'; end++)
			;
		for (ascii = true, k = i; k < end; k++)
			ascii = ascii && !((unsigned char)host[k] & 0x80);
		if (ascii) {
			nv_buf_add(out, host + i, end - i);
		} else {
			for (n = 0, k = i; k < end; n++) {
				size_t step = n < NV_ARRAY_SIZE(cp)
						      ? nv_utf8_decode(host + k, end - k, &cp[n])
						      : 0;
				if (!step)
					return -1;
				cp[n] = lower(cp[n]);
				k += step;
			}
			nv_buf_adds(out, "xn--");
			punycode(out, cp, n);
		}
		if (end < len)
			nv_buf_addch(out, '.');
		i = end + 1;
	}
	return 0;
}

#define HOST_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"

/* Whether one label of a host name may be written: letters, digits, '-' inside. */
static const char *label_problem(const char *l, size_t n)
{
	size_t i;

	if (!n)
		return "в имени сайта пустая часть: две точки подряд или точка с краю";
	if (l[0] == '-' || l[n - 1] == '-')
		return "часть имени сайта не может начинаться или кончаться дефисом";
	for (i = 0; i < n; i++)
		if (!((unsigned char)l[i] & 0x80) && !strchr(HOST_CHARS, l[i]))
			return "в имени сайта допустимы только буквы, цифры, дефис и точки";
	if (!nv_utf8_valid(l, n, NULL))
		return "в имени сайта неверная кодировка (нужна UTF-8)";
	return NULL;
}

const char *nv_html_base_url_problem(const char *url)
{
	const char *why = nv_url_problem(url, strlen(url), NV_URL_ABSOLUTE), *host, *p;
	size_t hlen, n;

	if (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))
		return "нужен полный адрес, начинающийся с http:// или https://";
	if (why)
		return why;
	host = strstr(url, "://") + 3;
	hlen = strcspn(host, "/?#");
	if (memchr(host, '@', hlen))
		return "в адресе раздела не должно быть имени пользователя и пароля (до «@»)";
	if (strpbrk(url, "?#"))
		return "в адресе раздела не должно быть «?» и «#»: нужен адрес папки раздела";
	p = memchr(host, ':', hlen);
	if (p) {
		n = (size_t)(host + hlen - p - 1);
		if (!n || n > 5 || strspn(p + 1, "0123456789") < n)
			return "после «:» в имени сайта должен идти номер порта";
		hlen = (size_t)(p - host);
	}
	for (p = host; p <= host + hlen; p += n + 1) {
		n = strcspn(p, ".:/");
		if (p + n > host + hlen)
			n = (size_t)(host + hlen - p);
		why = label_problem(p, n);
		if (why)
			return why;
	}
	return NULL;
}

/* url as XML and href attributes want it: the host in Punycode, other non-ASCII %-encoded. */
static char *ascii_url(const char *url)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *host = strstr(url, "://"), *p;
	size_t hlen;

	host = host ? host + 3 : url;
	hlen = strcspn(host, "/?#:");
	nv_buf_add(&b, url, (size_t)(host - url));
	if (nv_html_idna_host(&b, host, hlen) < 0)
		nv_buf_add(&b, host, hlen);
	for (p = host + hlen; *p; p++)
		if ((unsigned char)*p & 0x80)
			nv_buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			nv_buf_addch(&b, *p);
	return nv_buf_detach(&b, NULL);
}

/*
 * The absolute URL of the section, ending in '/': --base-url, or the
 * school's website plus the section's base_path; NULL when neither is set.
 */
static char *base_url_of(const struct nv_html_opts *o, const struct nv_model *m)
{
	const char *web = o->base_url && *o->base_url ? o->base_url : m->site.website;
	const char *path = o->base_url && *o->base_url ? "/" : m->site.base_path;
	size_t n;

	if (!web || !*web)
		return NULL;
	n = strlen(web);
	while (n && web[n - 1] == '/')
		n--;
	if (!path || !*path)
		path = "/";
	return nv_xasprintf("%.*s%s%s", (int)n, web, path[0] == '/' ? "" : "/", path);
}

char *nv_html_section_url(const struct nv_model *m, const char *base_url)
{
	struct nv_html_opts o = { .base_url = base_url };
	char *shown = base_url_of(&o, m), *url = shown ? ascii_url(shown) : NULL;

	free(shown);
	return url;
}

int nv_html_check_fragment(const struct nv_html_opts *o, const struct nv_model *m,
			   struct nv_diags *d)
{
	char *base = base_url_of(o, m);
	bool have = base != NULL;

	free(base);
	if (!o->fragment || have)
		return 0;
	nv_diag_hint(nv_error(d, NULL, 0, 0,
			      "для --fragment нужен адрес раздела на сайте: ссылки во фрагментах "
			      "должны быть полными, иначе на чужой странице они не откроются"),
		     "укажите его: --base-url https://school14.ru/nastavnichestvo/ — или задайте "
		     "organization.website (и section.base_path) в site.yml");
	return -1;
}

struct nv_html_state *nv_html_new(const struct nv_html_opts *opts)
{
	struct nv_html_state *s = nv_xcalloc(1, sizeof(*s));

	s->opts = *opts;
	s->tpl = nv_html_tpl_set_new(opts);
	s->main.tpl = s->tpl;
	s->data_piece = NV_HTML_DATA_PIECE;
	return s;
}

/*
 * The pages after the documents' own, as tasks the documents' threads
 * take before the documents (nv_html_emit_entries()), the longest first:
 * data.json (at 10,000 documents its 17 MB were a tenth of the build),
 * the case bank, the lists and the rest. Each task keeps the references
 * to its pages apart, and they join s->pages after the documents', in the
 * order of the tasks, not of the threads; then the search page, and the
 * search index (the rest of it: the documents' records were written as
 * they were made) and the sitemap, which list every page, one a thread.
 */
enum tail_task {
	TAIL_DATA,
	TAIL_LISTS, /* one task a kind, from here to TAIL_LISTS + NV_KIND_COUNT - 1 */
	TAIL_CASES = TAIL_LISTS + NV_KIND_COUNT,
	TAIL_PEOPLE,
	TAIL_MUNICIPAL,
	TAIL_ATOM,
	TAIL_TASKS
};

/* Task `task` (struct nv_html_tasks), its pages' references into pages[task]. */
static void tail_task(struct nv_html_state *s, struct nv_html_worker *w, size_t task, void *ctx)
{
	struct nv_html_pages *pages = ctx;
	size_t kind = task - TAIL_LISTS;

	w->pages = &pages[task];
	if (task == TAIL_DATA)
		nv_html_emit_data(s, w);
	/* Pages have no list of their own; cases have the bank. */
	else if (task < TAIL_CASES && kind != NV_KIND_PAGE && kind != NV_KIND_CASE)
		nv_html_emit_list(s, w, (enum nv_kind)kind);
	else if (task == TAIL_CASES)
		nv_html_emit_cases(s, w);
	else if (task == TAIL_PEOPLE && !nv_html_municipal_only(&s->opts, s->m)) {
		nv_html_emit_mentors(s, w);
		nv_html_emit_monitoring(s, w);
	} else if (task == TAIL_MUNICIPAL)
		nv_html_emit_municipal(s, w);
	else if (task == TAIL_ATOM)
		nv_html_emit_atom(s, w);
	w->pages = NULL;
}

/* The search index and the sitemap, which read the pages joined: one a thread. */
struct last_job {
	struct nv_html_state *s;
	struct nv_html_worker *w;
	bool sitemap;
};

static void *last_thread(void *arg)
{
	struct last_job *j = arg;

	if (j->sitemap)
		nv_html_emit_sitemap(j->s, j->w);
	else if (!j->s->opts.fragment)
		nv_html_emit_search(j->s);
	nv_html_typo_memo_release();
	return NULL;
}

/* The documents' pages and the tasks', then the pages that list them all. */
static void emit_pages(struct nv_html_state *s, const struct nv_value *files)
{
	struct nv_html_pages pages[TAIL_TASKS] = { { NULL, 0, 0 } };
	struct nv_html_tasks tasks = { TAIL_TASKS, tail_task, pages };
	struct nv_diags dd = NV_DIAGS_INIT;
	struct nv_html_worker other = { 0 };
	size_t n = s->opts.jobs > 1 ? 2 : 1, t, i;
	struct last_job last[2] = { { s, &s->main, false },
				    { s, n > 1 ? &other : &s->main, true } };

	nv_html_emit_entries(s, files, &tasks);
	for (t = 0; t < TAIL_TASKS; t++) {
		for (i = 0; i < pages[t].n; i++) {
			NV_GROW(s->pages, s->npages + 1, s->pages_alloc);
			s->pages[s->npages++] = pages[t].v[i];
		}
		free(pages[t].v);
	}
	/* The search page first: the sitemap lists it. */
	if (!s->opts.fragment)
		nv_html_emit_search_page(s, &s->main);
	other.d = &dd;
	other.tpl = n > 1 ? nv_html_tpl_set_new(&s->opts) : NULL;
	if (n > 1) {
		nv_run_threads(last_thread, last, 2, sizeof(*last));
	} else {
		last_thread(&last[0]);
		last_thread(&last[1]);
	}
	if (other.failed)
		s->failed = 1;
	nv_html_worker_release(&other);
	nv_html_take_leaks(&s->main, &other);
	nv_diags_merge(s->d, &dd);
	nv_tpl_set_free(other.tpl);
}

int nv_html_render(struct nv_html_state *s, const struct nv_model *m, struct nv_diags *d)
{
	struct nv_value *files;
	char *custom, *shown;

	s->m = m;
	s->d = d;
	s->main.d = d;
	s->guard = m->guard ? m->guard : (s->own_guard = nv_guard_new(m));
	s->writer = nv_writer_new(s->opts.jobs);
	if (nv_html_check_fragment(&s->opts, m, d) < 0) {
		nv_writer_finish(s->writer, d);
		s->writer = NULL;
		return -1;
	}
	shown = base_url_of(&s->opts, m);
	s->base_url = shown ? ascii_url(shown) : NULL;
	s->site = nv_html_make_site(m, shown);
	free(shown);
	s->navdef = nv_html_make_nav(m);
	nv_html_municipal_nav(s->navdef, &s->opts, m);
	nv_html_navs_make(s);
	custom = nv_html_custom_css(&s->opts);
	s->custom_css = custom != NULL;
	free(custom);
	if (!nv_html_guard_theme(s)) {
		nv_writer_finish(s->writer, d);
		s->writer = NULL;
		return -1;
	}

	if (s->opts.render) {
		/* A rebuild of some documents: their pages and the search index. */
		files = nv_html_copy_files(s);
		nv_html_emit_entries(s, files, NULL);
		nv_value_free(files);
		if (!nv_html_data_kept(s))
			nv_html_emit_data(s, &s->main);
		if (!s->failed && !s->main.nleaks && !s->opts.fragment &&
		    nv_html_merge_search(s) < 0) {
			nv_writer_finish(s->writer, d);
			s->writer = NULL;
			return -2;
		}
		goto finish;
	}
	/* Fragments link no stylesheet nor script, and have no search. */
	if (!s->opts.fragment)
		nv_html_copy_assets(s);
	/* Every page: the titles shown on many typeset once (a rebuild of some has no use for it).
	 */
	s->typo = nv_html_typo_new(m, s->opts.jobs);
	files = nv_html_copy_files(s);
	nv_html_emit_index(s, &s->main);
	nv_html_search_start(s);
	emit_pages(s, files);
	nv_value_free(files);
finish:
	nv_html_report_leaks(s);
	nv_html_worker_release(&s->main);
	if (s->main.failed)
		s->failed = 1;
	if (nv_writer_finish(s->writer, d) < 0)
		s->failed = 1;
	s->writer = NULL;
	return s->failed ? -1 : 0;
}

void nv_html_free(struct nv_html_state *s)
{
	size_t i;

	if (!s)
		return;
	nv_html_search_abandon(s);
	nv_tpl_set_free(s->tpl);
	nv_guard_free(s->own_guard);
	nv_html_typo_free(s->typo);
	nv_value_free(s->site);
	for (i = 0; s->navs && s->navdef && i <= s->navdef->nr; i++)
		nv_value_free(s->navs[i]);
	free(s->navs);
	nv_value_free(s->navdef);
	for (i = 0; i < s->npages; i++) {
		free(s->pages[i].url);
		free(s->pages[i].title);
		free(s->pages[i].kind);
		free(s->pages[i].line);
	}
	free(s->pages);
	for (i = 0; i < s->main.nleaks; i++) {
		free(s->main.leaks[i].rel);
		free(s->main.leaks[i].form);
		free(s->main.leaks[i].src);
		free(s->main.leaks[i].copied_from);
	}
	free(s->main.leaks);
	nv_html_worker_release(&s->main);
	free(s->pdfs);
	free(s->base_url);
	free(s);
}
