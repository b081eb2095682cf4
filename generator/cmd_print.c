/*
 * cmd_print.c: `nastavnik print` — one document as a PDF for signing.
 *
 *   nastavnik print [-C DIR] DOC [-o FILE.pdf] [--force] [--dump-layout]
 *
 * DOC is a document id («o-vnedrenii») or its file
 * («content/orders/o-vnedrenii.md»). Without -o the PDF goes to
 * output/print/DOC.pdf. --dump-layout writes the page layout as text to
 * standard output (for golden tests). DOC «spravka-po-itogam-monitoringa»
 * (when no document has that id) is the аналитическая справка по итогам
 * мониторинга the build puts on the monitoring page.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "print.h"
#include "project.h"

static void usage(void)
{
	puts("Использование: nastavnik print [-C КАТАЛОГ] ДОКУМЕНТ [-o ФАЙЛ.pdf] [--force]\n"
	     "                       [--dump-layout]\n"
	     "\n"
	     "Печатает документ (приказ со всеми приложениями, положение, программу,\n"
	     "дорожную карту) в PDF по ГОСТ Р 7.0.97. ДОКУМЕНТ — имя файла без .md\n"
	     "(o-vnedrenii) или путь к нему; spravka-po-itogam-monitoringa — аналитическая\n"
	     "справка по итогам мониторинга.\n"
	     "\n"
	     "  -o ФАЙЛ.pdf     куда писать (по умолчанию output/print/ДОКУМЕНТ.pdf)\n"
	     "  --force         заменить ФАЙЛ.pdf, даже если его сделал не nastavnik\n"
	     "  --dump-layout   вывести раскладку страниц текстом (для тестов)");
}

#define CREATOR "/Creator (nastavnik)" /* print_paint.c's metadata */

/*
 * Whether the PDF may go to the file the user named (-o, shown as
 * given): a new .pdf outside p's content folder, or a PDF nastavnik made
 * (printed again after a fix: its Creator); any other file is the user's
 * and stays, unless force. An error in d when not.
 */
static bool may_write(const struct nv_project *p, const char *path, const char *shown, bool force,
		      struct nv_diags *d)
{
	struct nv_buf old = NV_BUF_INIT;
	char *dir = nv_dir_of(path);
	bool in = nv_cmd_in_content(dir, p->content.root ? p->content.root : "content"), ours;

	free(dir);
	if (in) {
		/* Where the build would publish it, the full names of paper too. */
		nv_diag_hint(nv_error(d, shown, 0, 0,
				      "PDF нельзя класть в папку content/: всё из неё "
				      "публикуется на сайте"),
			     "укажите файл вне content/, например ~/prikaz.pdf, или не указывайте "
			     "-o: PDF ляжет в output/print");
		return false;
	}
	if (!nv_ends_with_nocase(path, strlen(path), ".pdf")) {
		nv_diag_hint(nv_error(d, shown, 0, 0, "PDF пишется только в файл .pdf"),
			     "укажите имя вида prikaz.pdf");
		return false;
	}
	if (nv_is_dir(path)) {
		nv_diag_hint(nv_error(d, shown, 0, 0, "это папка, а не файл"),
			     "укажите имя файла, например prikaz.pdf");
		return false;
	}
	if (force || !nv_exists(path))
		return true;
	ours = nv_read_file(path, (size_t)256 << 20, &old) == 0 && old.len > 5 &&
	       !memcmp(old.ptr, "%PDF-", 5) &&
	       nv_mem_find(old.ptr, old.len, CREATOR, sizeof(CREATOR) - 1);
	nv_buf_release(&old);
	if (!ours)
		nv_diag_hint(nv_error(d, shown, 0, 0, "файл уже есть, и сделан он не nastavnik"),
			     "nastavnik его не заменит: укажите другое имя или добавьте --force");
	return ours;
}

#define REPORT "spravka-po-itogam-monitoringa"

/*
 * Open the project for printing id. The built-in forms are left out of
 * the model unless id is one of them: nothing else prints them, and
 * parsing their bodies is a fifth of the load. When that load reports
 * anything (a reference to a form, say), the project is loaded again
 * with them, so that print says what it always said. Returns what
 * nv_project_open() does.
 */
static int open_project(struct nv_project *p, const struct nv_global *g, const char *id,
			struct nv_diags *d)
{
	struct nv_project_opts o = { NULL, true, 0, NULL, NULL, true };
	int r;

	nv_model_builtin_forms(nv_model_is_builtin_form(id));
	memset(p, 0, sizeof(*p));
	if (nv_cmd_chdir(g, &o.content) < 0)
		r = -2;
	else if ((r = nv_project_load(p, &o, d)) == 0 && d->nr && !nv_model_is_builtin_form(id)) {
		nv_project_release(p);
		nv_diags_release(d);
		nv_model_builtin_forms(true);
		r = nv_project_load(p, &o, d);
	}
	nv_model_builtin_forms(true);
	return r;
}

/*
 * Where a PDF goes without -o: output/print/NAME.pdf, in the last build's
 * print folder, which is then flagged as changed by nastavnik (fs.h), so
 * that the next build builds it whole and takes the PDF for nobody's
 * hand.
 */
static char *default_path(const char *name)
{
	nv_outdir_unseal("output/print");
	return nv_xasprintf("output/print/%s.pdf", name);
}

/* The справка: its PDF into *path (out, else default_path()); the exit code. */
static int print_report(struct nv_project *p, struct nv_pl_warm *w, const char *out, bool force,
			struct nv_buf *dump, char **path, struct nv_diags *d)
{
	struct nv_print_state *ps = nv_print_new_warm(&p->model, d, w);
	struct nv_buf pdf = NV_BUF_INIT;
	int rc = NV_EXIT_USAGE;

	*path = out ? nv_cmd_user_path(out) : default_path(REPORT);
	if (ps && (!out || may_write(p, *path, out, force, d)) &&
	    nv_print_report(ps, &pdf, dump, NULL) == 0) {
		if (nv_write_file(*path, pdf.ptr, pdf.len) < 0)
			nv_error(d, *path, 0, 0, "не удалось записать PDF: %s", nv_strerror(errno));
		else
			rc = NV_EXIT_OK;
	}
	nv_print_free(ps);
	nv_buf_release(&pdf);
	return rc;
}

/* What prints: the document and its folder of content (struct nv_project's root). */
struct scope {
	const struct nv_entry *e; /* NULL: a document that did not load, by its id */
	const char *id, *root;
};

/*
 * Whether message g is of what prints as s->e: its file, its appendices'
 * or the order's it is an appendix of, a data file (people.yml, site.yml:
 * names, positions, the school) or no file.
 */
static bool of_print(const struct nv_diag *g, const struct scope *s)
{
	const struct nv_entry *e = s->e;
	size_t i, n = g->file ? strlen(g->file) : 0;
	bool of;
	char *id;

	if (!g->file || nv_ends_with_nocase(g->file, n, ".yml") ||
	    nv_ends_with_nocase(g->file, n, ".yaml"))
		return true;
	if (!e) {
		id = nv_cmd_doc_id(g->file);
		of = nv_ends_with_nocase(g->file, n, ".md") && !strcmp(id, s->id);
		free(id);
		return of;
	}
	if (!strcmp(g->file, e->path) || (e->approved_by && !strcmp(g->file, e->approved_by->path)))
		return true;
	for (i = 0; i < e->nappendices; i++)
		if (e->appendices[i].doc && !strcmp(g->file, e->appendices[i].doc->path))
			return true;
	return false;
}

/*
 * Whether message g is shown by print (struct scope): one of what prints,
 * or an error that stops it. Those of news and cases, which print nothing
 * into another document, are only counted: a news item's wrong date does
 * not keep an order from its signature.
 */
static bool shown(const struct nv_diag *g, void *arg)
{
	const struct scope *s = arg;
	size_t n = strlen(s->root);

	if (of_print(g, s))
		return true;
	if (g->severity != NV_ERROR)
		return false;
	return strncmp(g->file, s->root, n) || g->file[n] != '/' ||
	       (strncmp(g->file + n + 1, "news/", 5) && strncmp(g->file + n + 1, "cases/", 6));
}

/* Whether an error of d is of the document id's own file: it did not load. */
static bool broken(const struct nv_diags *d, const char *id)
{
	const struct scope s = { NULL, id, "" };
	size_t i;

	for (i = 0; i < d->nr; i++)
		if (d->v[i].severity == NV_ERROR && d->v[i].file && of_print(&d->v[i], &s) &&
		    nv_ends_with_nocase(d->v[i].file, strlen(d->v[i].file), ".md"))
			return true;
	return false;
}

/*
 * Keep in d the messages print shows of e, the document docarg (as typed;
 * id: its id), counting in others[0] and [1] the errors and warnings it
 * does not. Returns 0, NV_EXIT_USAGE when p has no such document (an
 * error in d instead, with a hint), NV_EXIT_CONTENT when an error stops
 * the print.
 */
static int keep_shown(const struct nv_project *p, const struct nv_entry *e, const char *docarg,
		      const char *id, struct nv_diags *d, size_t *others)
{
	struct scope s = { e, id, p->content.root ? p->content.root : "content" };

	if (!e && !broken(d, id)) {
		nv_diags_release(d);
		nv_cmd_doc_hint(nv_error(d, NULL, 0, 0, "нет документа «%s»", docarg), &p->model,
				docarg);
		return NV_EXIT_USAGE;
	}
	others[0] = nv_diags_keep(d, shown, &s, &others[1]);
	return d->errors ? NV_EXIT_CONTENT : 0;
}

/*
 * The messages of d, the file printed (path, unless NULL) or that nothing
 * was, and the lines on the errors and warnings of other files not shown
 * (others[0] and [1]).
 */
static void say(struct nv_diags *d, int rc, const char *path, const size_t *others)
{
	fflush(stdout);
	nv_diags_sort(d);
	nv_diags_print(d, stderr);
	if (rc == NV_EXIT_OK && path)
		printf("nastavnik: %s\n", path);
	if (rc == NV_EXIT_CONTENT)
		fputs("nastavnik: документ не напечатан: сначала исправьте ошибки выше\n", stderr);
	fflush(stdout);
	if (others[0])
		fprintf(stderr,
			"nastavnik: в новостях и кейсах %zu %s — печати это не мешает, "
			"но сайт с %s не соберётся: покажет nastavnik check\n",
			others[0], nv_plural(others[0], "ошибка", "ошибки", "ошибок"),
			nv_plural(others[0], "ней", "ними", "ними"));
	if (others[1])
		fprintf(stderr,
			"nastavnik: в других файлах проекта %zu %s — покажет nastavnik check\n",
			others[1],
			nv_plural(others[1], "предупреждение", "предупреждения", "предупреждений"));
}

int cmd_print(int argc, char **argv, struct nv_global *g)
{
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_print_state *ps = NULL;
	struct nv_pl_warm *warm = NULL;
	struct nv_buf dump = NV_BUF_INIT;
	const struct nv_entry *e;
	const char *docarg = NULL, *out = NULL;
	char *id = NULL, *path = NULL;
	size_t others[2] = { 0, 0 };
	bool want_dump = false, force = false;
	int rc = NV_EXIT_USAGE;
	const struct nv_option opts[] = {
		{ "--dump-layout", NULL, NV_OPT_SET, &want_dump, NULL, NULL, NULL },
		{ "-o", NULL, NV_OPT_VALUE, &out, "файл", NULL, NULL },
		{ "--force", NULL, NV_OPT_SET, &force, NULL, NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "print", opts, usage, &docarg, 1, NULL };

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	rc = NV_EXIT_USAGE;
	if (!docarg)
		return nv_usage_error(
			"print: укажите документ, например: nastavnik print o-vnedrenii");
	/* Fonts and hyphenation are set up while the project loads. */
	warm = nv_print_warm_start();
	id = nv_cmd_doc_id(docarg);
	/* A draft can be printed: it is read before it is signed. */
	switch (open_project(&p, g, id, &d)) {
	case -2: /* the folder is not there: said already */
	case -1:
		goto print;
	}
	e = nv_model_entry(&p.model, id);
	if (!e && !strcmp(id, REPORT)) {
		/* The справка sums up the whole project: any error stops it. */
		if (d.errors)
			rc = NV_EXIT_CONTENT;
		else
			rc = print_report(&p, warm, out, force, want_dump ? &dump : NULL, &path,
					  &d);
		warm = NULL;
		goto print;
	}
	if ((rc = keep_shown(&p, e, docarg, id, &d, others)))
		goto print;
	rc = NV_EXIT_USAGE;
	ps = nv_print_new_warm(&p.model, &d, warm);
	warm = NULL;
	if (!ps)
		goto print;
	path = out ? nv_cmd_user_path(out) : default_path(id);
	if ((out && !may_write(&p, path, out, force, &d)) ||
	    nv_print_document(ps, e, path, want_dump ? &dump : NULL) < 0)
		goto print;
	rc = NV_EXIT_OK;
print:
	if (want_dump)
		fwrite(dump.ptr, 1, dump.len, stdout);
	say(&d, rc, want_dump ? NULL : path, others);
	/* The process exits at once: freeing the fonts, the content and the
	 * model block by block would only cost (a millisecond of some 40),
	 * unless a leak checker watches. */
	nv_print_warm_free(warm);
	if (nv_leak_checked()) {
		nv_print_free(ps);
		nv_project_release(&p);
	}
	nv_diags_release(&d);
	nv_buf_release(&dump);
	free(id);
	free(path);
	return rc;
}
