/*
 * html_guard.c: the last lock on personal data. Every file the website
 * back end hands to the writer is read by the guard (guard.h) before it
 * goes: its name, and its bytes as a reader gets them. A mention of a
 * person in a form the website may not show (anybody with publish none,
 * every student, the full name of a person published with initials) is
 * a leak: the file is not written, and the build fails with an error
 * that names the output file, where the name came from and the form
 * found. Nothing is rewritten: the text of the site is made right where
 * it is built (mentions resolved by the model, items kept off the web),
 * and this only proves it.
 *
 * Rendering threads record their leaks in their own worker; the build
 * reports them at its end, sorted, so the messages do not depend on the
 * threads. One message is enough for one source and one person: a name
 * in site.yml leaks into every page. The templates, on every page too,
 * are read and compiled before any page, each name and mistake an error
 * at its place (nv_html_check_theme(), which `check` runs as well).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "html_int.h"
#include "model.h"
#include "person.h"
#include "strlist.h"
#include "template.h"
#include "utf8.h"
#include "value.h"

bool nv_html_find_leak(const struct nv_guard *g, const char *text, size_t len, bool markup,
		       bool mixed, const struct nv_person *p, struct nv_guard_hit *hit)
{
	struct nv_guard_mixed m;
	size_t from = 0;
	bool found = false;

	nv_guard_mixed_init(&m);
	if (mixed)
		nv_guard_mixed_start(&m, text, len);
	while (!found && from < len && nv_guard_mixed_next(&m, g, text, len, &from, markup, hit))
		found = hit->leak && (!p || hit->p == p);
	nv_guard_mixed_release(&m);
	return found;
}

/*
 * The form found, for the message: text[start, end) with tags dropped
 * (markup) and every run of spaces (no-break ones too) one space, at
 * most about 80 bytes.
 */
static char *leak_form(const char *text, const struct nv_guard_hit *hit, bool markup)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;
	bool space = false;

	for (i = hit->start; i < hit->end && b.len < 80; i++) {
		unsigned char c = (unsigned char)text[i];
		if (markup && c == '<') {
			while (i < hit->end && text[i] != '>')
				i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = b.len > 0;
			continue;
		}
		/* No-break spaces (U+00A0, U+202F) the typography put between initials. */
		if ((c == 0xC2 && i + 1 < hit->end && (unsigned char)text[i + 1] == 0xA0) ||
		    (c == 0xE2 && i + 2 < hit->end && (unsigned char)text[i + 1] == 0x80 &&
		     (unsigned char)text[i + 2] == 0xAF)) {
			i += c == 0xC2 ? 1 : 2;
			space = b.len > 0;
			continue;
		}
		if (space)
			nv_buf_addch(&b, ' ');
		space = false;
		nv_buf_addch(&b, (char)c);
	}
	while (i < hit->end && ((unsigned char)text[i] & 0xC0) == 0x80)
		nv_buf_addch(&b, text[i++]); /* never half a character */
	return nv_buf_detach(&b, NULL);
}

static void add_leak(struct nv_html_worker *w, const char *rel, const char *text,
		     const struct nv_guard_hit *hit, bool markup, enum nv_html_leak_where where)
{
	struct nv_html_leak *l;

	NV_GROW(w->leaks, w->nleaks + 1, w->leaks_alloc);
	l = &w->leaks[w->nleaks++];
	l->rel = nv_xstrdup(rel);
	l->form = leak_form(text, hit, markup);
	l->p = hit->p;
	l->e = w->entry;
	l->where = where;
	l->src = NULL;
	l->copied_from = w->copied_from ? nv_xstrdup(w->copied_from) : NULL;
}

bool nv_html_guard(const struct nv_html_state *s, struct nv_html_worker *w, const char *rel,
		   const char *text, size_t len, bool markup, bool page)
{
	struct nv_guard_hit hit;
	/* A file copied as it is was read by no check of the sources. */
	bool mixed = w->copied_from != NULL;

	if (nv_html_find_leak(s->guard, rel, strlen(rel), false, mixed, NULL, &hit)) {
		add_leak(w, rel, rel, &hit, false, NV_LEAK_NAME);
		return false;
	}
	if (text && nv_html_find_leak(s->guard, text, len, markup, mixed, NULL, &hit)) {
		add_leak(w, rel, text, &hit, markup, page ? NV_LEAK_PAGE : NV_LEAK_FILE);
		return false;
	}
	return true;
}

void nv_html_take_leaks(struct nv_html_worker *to, struct nv_html_worker *from)
{
	size_t i;

	for (i = 0; i < from->nleaks; i++) {
		NV_GROW(to->leaks, to->nleaks + 1, to->leaks_alloc);
		to->leaks[to->nleaks++] = from->leaks[i];
	}
	free(from->leaks);
	from->leaks = NULL;
	from->nleaks = from->leaks_alloc = 0;
}

/* --- where a name came from ------------------------------------------------------ */

/* Whether a string of the value tree v shows p in a form the website may not. */
static bool value_leaks(const struct nv_guard *g, const struct nv_value *v,
			const struct nv_person *p)
{
	struct nv_guard_hit hit;
	size_t i;

	if (!v)
		return false;
	for (i = 0; v->type == NV_LIST && i < v->nr; i++)
		if (value_leaks(g, v->items[i], p))
			return true;
	for (i = 0; v->type == NV_MAP && i < v->nr; i++)
		if (value_leaks(g, v->members[i].value, p))
			return true;
	return v->str && nv_html_find_leak(g, v->str, v->len, false, false, p, &hit);
}

/* The next template (NAME.mustache) of dir's files from *i on, read into data; NULL at the end. */
static const char *next_template(const char *dir, const struct nv_walk *files, size_t *i,
				 struct nv_buf *data)
{
	const char *f;
	size_t n;

	while (*i < files->files.nr) {
		f = files->files.v[(*i)++];
		n = strlen(f);
		if (n >= 9 && !strcmp(f + n - 9, ".mustache") &&
		    nv_read_file_in(dir, f, (size_t)16 << 20, data) == 0)
			return f;
	}
	return NULL;
}

/* A document whose title or summary (what list pages show of it) names p. */
static const struct nv_entry *entry_naming(const struct nv_html_state *s, const struct nv_person *p)
{
	struct nv_guard_hit hit;
	const struct nv_entry *e;
	size_t i;

	for (i = 0; i < s->m->nentries; i++) {
		e = s->m->entries[i];
		if ((e->title && nv_html_find_leak(s->guard, e->title, strlen(e->title), false,
						   false, p, &hit)) ||
		    (e->summary && nv_html_find_leak(s->guard, e->summary, strlen(e->summary),
						     false, false, p, &hit)))
			return e;
	}
	return NULL;
}

/*
 * Where the names of p came from when it is not the document a file was
 * made from: the text of site.yml every page shows (the templates were
 * read before any page: nv_html_guard_theme()). NULL when not; the
 * caller frees it.
 */
static char *common_source(const struct nv_html_state *s, const struct nv_person *p,
			   enum nv_html_source *kind)
{
	*kind = NV_SRC_SITE;
	if (value_leaks(s->guard, s->site, p) || value_leaks(s->guard, s->navdef, p))
		return nv_xstrdup(s->m->site_yml ? s->m->site_yml : "content/site.yml");
	return NULL;
}

/*
 * Set the source of every leak of p (leaks v[0, n), all of p): the file
 * copied, else the common one, else the document the file was made from, else a document
 * a list page shows (its title or summary), else unknown.
 */
static void set_sources(const struct nv_html_state *s, struct nv_html_leak *v, size_t n)
{
	enum nv_html_source kind;
	char *common = common_source(s, v[0].p, &kind);
	const struct nv_entry *listed = NULL;
	bool looked = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].copied_from) {
			v[i].kind = NV_SRC_COPY;
			v[i].src = nv_xstrdup(v[i].copied_from);
			continue;
		}
		v[i].kind = kind;
		if (common) {
			v[i].src = nv_xstrdup(common);
			continue;
		}
		if (!v[i].e && !looked) {
			listed = entry_naming(s, v[i].p);
			looked = true;
		}
		v[i].kind = v[i].e || listed ? NV_SRC_DOC : NV_SRC_UNKNOWN;
		v[i].src = nv_xstrdup(v[i].e   ? v[i].e->path
				      : listed ? listed->path
					       : "шаблон темы или site.yml");
	}
	free(common);
}

/* --- the report ------------------------------------------------------------------ */

static int cmp_person(const void *pa, const void *pb)
{
	const struct nv_html_leak *a = pa, *b = pb;
	int c = strcmp(a->p->id, b->p->id);

	return c ? c : strcmp(a->rel, b->rel);
}

static int cmp_source(const void *pa, const void *pb)
{
	const struct nv_html_leak *a = pa, *b = pb;
	int c = strcmp(a->src, b->src);

	return c ? c : cmp_person(pa, pb);
}

static void add_error(struct nv_html_state *s, const struct nv_html_leak *l, size_t more)
{
	static const char *const where[] = { "на странице", "в файле сайта", "в имени файла" };
	const struct nv_person *p = l->p;
	const char *out = s->opts.shown_out ? s->opts.shown_out : s->opts.out;
	char *file = nv_xasprintf("%s/%s", out, l->rel);
	char *who = nv_person_who(p);
	char *also = more ? nv_xasprintf("; то же имя ещё в %zu %s сайта", more,
					 more % 10 == 1 && more % 100 != 11 ? "файле" : "файлах")
			  : nv_xstrdup("");
	struct nv_buf mix = NV_BUF_INIT;
	struct nv_diag *dg =
		nv_error(s->d, file, 0, 0,
			 "%s оказалось имя человека, которого %s: «%s» (%s); источник: %s%s",
			 where[l->where], nv_person_web_rule(p), l->form, who, l->src, also);

	/* «в этом имени «e» латинская: …» where the name is typed so */
	nv_guard_mixed_hint(&mix, l->form, strlen(l->form), false);
	if (l->kind == NV_SRC_COPY)
		nv_diag_hint(dg,
			     "файл копируется на сайт как есть: уберите из него имя "
			     "или уберите сам файл%s",
			     mix.ptr);
	else if (l->kind == NV_SRC_SITE)
		nv_diag_hint(dg,
			     "уберите имя из текста site.yml; куратора и директора "
			     "указывайте их id из people.yml (curator.person, "
			     "organization.director)%s",
			     mix.ptr);
	else if (l->kind == NV_SRC_DOC)
		nv_diag_hint(dg,
			     "упомяните человека ссылкой, а не именем: [%s](@%s \"…\") — на сайте "
			     "будет заголовок упоминания (см. man nastavnik.5, «Упоминания людей в "
			     "тексте»)%s",
			     l->form, p->id, mix.ptr);
	else
		nv_diag_hint(dg,
			     "найдите, откуда имя попало в файл: шаблоны темы (theme/), "
			     "site.yml, заголовки документов; людей упоминайте ссылкой "
			     "[имя](@id \"…\")%s",
			     mix.ptr);
	nv_buf_release(&mix);
	free(file);
	free(who);
	free(also);
}

/*
 * Report the leaks of s->main (the threads' are moved there): one error
 * for each source and person, naming the first of its files. Fails the
 * build when there is any.
 */
void nv_html_report_leaks(struct nv_html_state *s)
{
	struct nv_html_worker *w = &s->main;
	struct nv_html_leak *v = w->leaks;
	size_t i, j, n = w->nleaks;

	if (!n)
		return;
	s->failed = 1;
	qsort(v, n, sizeof(*v), cmp_person);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].p == v[i].p; j++)
			;
		set_sources(s, v + i, j - i);
	}
	qsort(v, n, sizeof(*v), cmp_source);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].p == v[i].p && !strcmp(v[j].src, v[i].src); j++)
			;
		add_error(s, &v[i], j - i - 1);
	}
	for (i = 0; i < n; i++) {
		free(v[i].rel);
		free(v[i].form);
		free(v[i].src);
		free(v[i].copied_from);
	}
	free(v);
	w->leaks = NULL;
	w->nleaks = w->leaks_alloc = 0;
}

/*
 * Each name in the templates of dir (NULL: none) that the website may
 * not show: an error at its place. Typed plain or with Latin look-alikes
 * of Russian letters (guard_mixed.c), which the guard of the pages,
 * reading them as written, would let through.
 */
static bool theme_names(const struct nv_guard *g, const char *dir, struct nv_diags *d)
{
	struct nv_walk files = NV_WALK_INIT;
	struct nv_buf data = NV_BUF_INIT, mix = NV_BUF_INIT;
	struct nv_guard_mixed m;
	struct nv_guard_hit hit;
	const char *f;
	char *form, *path, *who;
	size_t i = 0, from;
	int line, col;
	bool ok = true;

	nv_guard_mixed_init(&m);
	if (dir && nv_walk_all(dir, &files) == 0)
		while ((f = next_template(dir, &files, &i, &data))) {
			nv_guard_mixed_start(&m, data.ptr, data.len);
			for (from = 0;
			     from < data.len &&
			     nv_guard_mixed_next(&m, g, data.ptr, data.len, &from, true, &hit);) {
				if (!hit.leak)
					continue;
				form = leak_form(data.ptr, &hit, true);
				nv_buf_reset(&mix);
				nv_guard_mixed_hint(&mix, form, strlen(form), false);
				path = nv_xasprintf("%s/%s", dir, f);
				who = nv_person_who(hit.p);
				nv_utf8_position(data.ptr, hit.start, &line, &col);
				nv_diag_hint(
					nv_error(d, path, line, col,
						 "в шаблоне темы имя человека, которого %s: «%s» "
						 "(%s)",
						 nv_person_web_rule(hit.p), form, who),
					"уберите имя из шаблона: шаблоны темы не называют людей, "
					"имена приходят на страницы только из content/%s",
					mix.ptr);
				ok = false;
				free(path);
				free(who);
				free(form);
			}
		}
	nv_guard_mixed_release(&m);
	nv_walk_release(&files);
	nv_buf_release(&data);
	nv_buf_release(&mix);
	return ok;
}

/* Compile every template in dir (NULL: none) into set: false when one has a mistake (in d). */
static bool compile_dir(struct nv_tpl_set *set, const char *dir, struct nv_diags *d)
{
	struct nv_walk files = NV_WALK_INIT;
	char *name;
	size_t i, n;
	bool ok = true;

	if (dir && nv_walk_all(dir, &files) == 0)
		for (i = 0; i < files.files.nr; i++) {
			n = strlen(files.files.v[i]);
			if (n < 9 || strcmp(files.files.v[i] + n - 9, ".mustache"))
				continue;
			name = nv_xmemdupz(files.files.v[i], n - 9);
			ok = nv_tpl_get(set, name, d) && ok;
			free(name);
		}
	nv_walk_release(&files);
	return ok;
}

/*
 * The names in the templates of the project's theme/ and of the theme,
 * and every template compiled into set: the project's first, and alone
 * when one of them has a mistake (each of the theme's that includes it
 * would only say that it cannot be used), then the theme's. A name or a
 * mistake is an error at its place, said once, before any page.
 */
static bool check_theme(const struct nv_guard *g, struct nv_tpl_set *set, const char *override_dir,
			const char *theme_dir, struct nv_diags *d)
{
	bool ok = theme_names(g, override_dir, d);

	ok = theme_names(g, theme_dir, d) && ok;
	return compile_dir(set, override_dir, d) && compile_dir(set, theme_dir, d) && ok;
}

bool nv_html_check_theme(const struct nv_guard *g, const char *override_dir, const char *theme_dir,
			 struct nv_diags *d)
{
	struct nv_html_opts o = { .theme_dir = theme_dir, .override_dir = override_dir };
	struct nv_tpl_set *set = nv_html_tpl_set_new(&o);
	bool ok = check_theme(g, set, override_dir, theme_dir, d);

	nv_tpl_set_free(set);
	return ok;
}

bool nv_html_guard_theme(struct nv_html_state *s)
{
	/* Into the main set, whose thread renders with it: the others compile lazily. */
	return check_theme(s->guard, s->tpl, s->opts.override_dir, s->opts.theme_dir, s->d);
}
