/*
 * deploy_guard.c: the lock at the door; see deploy.h.
 *
 * The build's last lock read every file it wrote, with the people as
 * they were then. Between the build and the deploy, a consent may be
 * withdrawn (people.yml now says publish: none) or a file put into
 * output/site or changed there by hand; either would go to the website
 * unread. So deploy reads the folder again with the people of now,
 * before anything is sent, as the build read each file: the name, and
 * the text nv_html_copy_text() gives (markup as markup, plain text as
 * an editor shows it, an attachment's or a theme asset's text as the
 * model's check reads it). The build's own PDFs are the paper copy with
 * full names, judged by the build from the text the print engine set,
 * which is not at hand here: any other PDF must be one the build put
 * there (in the site's manifest, or the справка) and have the bytes of
 * its printed copy. Any other file is none the build writes (a photo put
 * into news/ by hand, the paper copy of an order) and is refused.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "build_cache.h"
#include "deploy.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "html.h"
#include "model.h"
#include "model_report.h"

struct nv_deploy_guard {
	const struct nv_model *m;
	const struct nv_guard *g;
	struct nv_guard *own;
	struct nv_manifest manifest; /* OUT/site's: the documents' outputs */
	char *out;		     /* the output folder: "output" */
	const char *shown;	     /* the site folder as the user knows it */
};

struct nv_deploy_guard *nv_deploy_guard_new(const struct nv_model *m, const char *out,
					    const char *shown)
{
	struct nv_deploy_guard *dg = nv_xcalloc(1, sizeof(*dg));

	dg->m = m;
	dg->own = m->guard ? NULL : nv_guard_new(m);
	dg->g = m->guard ? m->guard : dg->own;
	dg->out = nv_xstrdup(out);
	dg->shown = shown;
	nv_manifest_read(out, false, &dg->manifest); /* none: no PDF is the build's */
	return dg;
}

void nv_deploy_guard_free(struct nv_deploy_guard *dg)
{
	if (!dg)
		return;
	nv_guard_free(dg->own);
	nv_manifest_release(&dg->manifest);
	free(dg->out);
	free(dg);
}

/* The error at the file rel of the site folder. */
static struct nv_diag *file_error(const struct nv_deploy_guard *dg, const char *rel,
				  struct nv_diags *d, const char *msg)
{
	char *path = nv_xasprintf("%s/%s", dg->shown, rel);
	struct nv_diag *e = nv_error(d, path, 0, 0, "%s", msg);

	free(path);
	return e;
}

/*
 * A leak in text (of rel's name when name), read with Latin look-alikes
 * when mixed (a copied file, as nv_html_guard() reads it): an error
 * naming the form and the person.
 */
static bool leaks(const struct nv_deploy_guard *dg, const char *rel, const char *text, size_t len,
		  bool markup, bool mixed, bool name, struct nv_diags *d)
{
	struct nv_guard_hit hit;
	struct nv_buf form = NV_BUF_INIT, msg = NV_BUF_INIT;

	if (!nv_html_find_leak(dg->g, text, len, markup, mixed, NULL, &hit))
		return false;
	nv_guard_form(text, &hit, markup, &form);
	nv_buf_addf(&msg, "%s имя человека, которого сайт не называет: «%s» (%s)",
		    name ? "в имени файла" : "в файле", form.ptr, hit.p->id);
	nv_diag_hint(file_error(dg, rel, d, msg.ptr),
		     "сайт собран раньше, чем это стало так, или файл положили или изменили "
		     "после сборки: соберите сайт заново (nastavnik build) и опубликуйте снова");
	nv_buf_release(&form);
	nv_buf_release(&msg);
	return true;
}

/* Whether rel is where the build copies an attachment of content/ (files/…, news/foto.jpg). */
static bool attachment(const struct nv_model *m, const char *rel)
{
	size_t i;

	for (i = 0; i < m->nattachments; i++)
		if (!strcmp(m->attachments[i].rel, rel))
			return true;
	return false;
}

/* Not a file the build writes there: an error. */
static bool not_built(const struct nv_deploy_guard *dg, const char *rel, struct nv_diags *d)
{
	nv_diag_hint(file_error(dg, rel, d, "файл не из сборки nastavnik"),
		     "nastavnik публикует только то, что собрал и проверил сам: соберите сайт "
		     "заново (nastavnik build), и сборка уберёт файл из папки; файлы для сайта "
		     "кладут в content/files/");
	return false;
}

/* The document whose PDF rel («positions/x.pdf») is, or NULL. */
static const struct nv_entry *entry_of(const struct nv_model *m, const char *rel)
{
	const char *base = strrchr(rel, '/');
	char *id = nv_xstrdup(base ? base + 1 : rel);
	const struct nv_entry *e;

	id[strlen(id) - 4] = '\0';
	e = nv_model_entry(m, id);
	free(id);
	return e;
}

/*
 * A PDF that is no attachment: one the build published (its manifest, or the
 * справка in the site's root) with the bytes of its printed copy, of a
 * document whose fields name nobody the website hides now; else an
 * error.
 */
static bool built_pdf(const struct nv_deploy_guard *dg, const char *rel, const struct nv_buf *data,
		      struct nv_diags *d)
{
	const char *base = strrchr(rel, '/');
	const struct nv_entry *e = entry_of(dg->m, rel);
	enum nv_pdf_off why = e ? nv_entry_pdf_off(e) : NV_PDF_ON;
	struct nv_buf copy = NV_BUF_INIT;
	char *site_rel = nv_xasprintf("site/%s", rel), *printed;
	bool listed = nv_manifest_key(&dg->manifest, site_rel) || !strcmp(rel, NV_REPORT_PDF), same;

	printed = nv_xasprintf("%s/print/%s", dg->out, base ? base + 1 : rel);
	same = listed && nv_read_file(printed, (size_t)256 << 20, &copy) == 0 &&
	       copy.len == data->len && !memcmp(copy.ptr, data->ptr, data->len);
	nv_buf_release(&copy);
	free(printed);
	free(site_rel);
	if (!same)
		return not_built(dg, rel, d);
	if (why == NV_PDF_ON)
		return true;
	nv_diag_hint(file_error(dg, rel, d, "этот PDF больше нельзя публиковать на сайте"),
		     "%s; соберите сайт заново (nastavnik build) и опубликуйте снова",
		     nv_pdf_off_why(why));
	return false;
}

bool nv_deploy_guard_file(struct nv_deploy_guard *dg, const char *rel, const struct nv_buf *data,
			  struct nv_diags *d)
{
	struct nv_buf buf = NV_BUF_INIT;
	struct nv_slice text;
	size_t n = strlen(rel);
	/* An attachment or an asset, copied as it is: read as the build's guard reads such. */
	bool copied = attachment(dg->m, rel) || !strncmp(rel, "assets/", 7), bad;
	int how;

	if (leaks(dg, rel, rel, n, false, copied, true, d))
		return false;
	/* No text format, attachment or asset: the build's only as a document's PDF. */
	if (!nv_html_text_format(rel) && !copied)
		return nv_ends_with_nocase(rel, n, ".pdf") ? built_pdf(dg, rel, data, d)
							   : not_built(dg, rel, d);
	how = nv_html_copy_text(rel, rel, data, &buf, &text);
	bad = how && leaks(dg, rel, text.ptr, text.len, how == 2, copied, false, d);
	nv_buf_release(&buf);
	return !bad;
}
