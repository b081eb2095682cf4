/*
 * model_attach.c: the text of the attachments, read for names the
 * website may not show.
 *
 * The files of content/ that are no document go onto the website as they
 * are: a list of mentees saved from Excel, a plan from Word. The guard of
 * the build reads each one it copies (html_out.c) and refuses a name
 * there; this finds the same names first, each at its place, so that
 * `check`, and the hook before each commit, says what the build would
 * refuse, and the build says it before it renders anything: a .txt or
 * .csv in the encoding an editor saved it in (nv_import_decode_text():
 * Excel's CSV is Windows-1251), all the text of a .docx, .odt, .xlsx or
 * .ods with its properties (nv_import_all_text()), of a PDF, its pages
 * and properties (nv_import_pdf_text()), of a ZIP archive, its files'
 * names and texts (nv_import_zip_text()); names typed with Latin
 * look-alikes too (guard_mixed.c). The build's guard reads the same
 * files but PDFs and archives as it copies them (html_out.c). Other
 * files (images, .doc, .xls, .rtf) are read for their names only
 * (model_pd.c).
 */
#include "common.h"

#include <pthread.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "import.h"
#include "lazylib.h"
#include "model_int.h"
#include "person.h"
#include "utf8.h"

/* The names reported in one file; the rest are counted. */
#define MAX_NAMES 10

enum how {
	BINARY,
	TEXT,
	OFFICE,
	PDF,
	ZIP
};

/* How the guard reads a file named rel, and for an office file its kind. */
static enum how how_read(const char *rel, enum nv_imp_kind *kind)
{
	static const char *const office[] = { [NV_IMP_DOCX] = ".docx",
					      [NV_IMP_ODT] = ".odt",
					      [NV_IMP_XLSX] = ".xlsx",
					      [NV_IMP_ODS] = ".ods" };
	const char *dot = strrchr(rel, '.');
	size_t k;

	if (!dot)
		return BINARY;
	if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".csv"))
		return TEXT;
	if (!strcasecmp(dot, ".pdf"))
		return PDF;
	if (!strcasecmp(dot, ".zip"))
		return ZIP;
	for (k = 0; k < NV_ARRAY_SIZE(office); k++)
		if (!strcasecmp(dot, office[k])) {
			*kind = (enum nv_imp_kind)k;
			return OFFICE;
		}
	return BINARY;
}

/*
 * The texts of office files, PDFs and archives this process read, by the
 * hash of their bytes: the preview server builds again after each edit,
 * and Poppler takes a millisecond a page. Each build keeps those it read
 * (serial), the ones of older builds go.
 */
struct kept_text {
	struct nv_hash key;
	char *text;
	size_t len;
	unsigned serial;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_text *kept;
static size_t nkept, kept_alloc;
static unsigned kept_serial;

/* The text kept for key into text, marked as read by this build; false if none. */
static bool kept_take(struct nv_hash key, struct nv_buf *text)
{
	size_t i;
	bool found = false;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < nkept && !found; i++)
		if (nv_hash_eq(kept[i].key, key)) {
			nv_buf_add(text, kept[i].text, kept[i].len);
			kept[i].serial = kept_serial;
			found = true;
		}
	pthread_mutex_unlock(&kept_lock);
	return found;
}

static void kept_add(struct nv_hash key, const struct nv_buf *text)
{
	pthread_mutex_lock(&kept_lock);
	NV_GROW(kept, nkept + 1, kept_alloc);
	kept[nkept++] = (struct kept_text){ key, nv_xmemdupz(text->ptr ? text->ptr : "", text->len),
					    text->len, kept_serial };
	pthread_mutex_unlock(&kept_lock);
}

/* A build starts: what it reads is marked with a new serial. */
static void kept_begin(void)
{
	pthread_mutex_lock(&kept_lock);
	kept_serial++;
	pthread_mutex_unlock(&kept_lock);
}

/* A build ends: the texts it did not read go. */
static void kept_end(void)
{
	size_t i, n = 0;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < nkept; i++) {
		if (kept[i].serial == kept_serial)
			kept[n++] = kept[i];
		else
			free(kept[i].text);
	}
	nkept = n;
	pthread_mutex_unlock(&kept_lock);
}

/*
 * The text of the office file, PDF or archive at path (data) into text;
 * false, with a warning that it was not checked, when it cannot be read.
 */
static bool file_text(struct builder *b, const char *path, const struct nv_buf *data, enum how how,
		      enum nv_imp_kind kind, struct nv_buf *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_hash key = NV_HASH_INIT;
	int r;
	bool ok;

	nv_hash_add(&key, data->ptr, data->len);
	nv_hash_add(&key, &how, sizeof(how));
	if (kept_take(key, text))
		return true;
	/* Without the readers' libraries: an error of nv_lib_load(), and nothing is published. */
	if (how != PDF && (nv_lib_load(NV_LIB_ZIP, b->d) < 0 || nv_lib_load(NV_LIB_XML2, b->d) < 0))
		return false;
	if (how == PDF)
		r = nv_import_pdf_text(path, data->ptr, data->len, text, &d);
	else if (how == ZIP)
		r = nv_import_zip_text(path, data->ptr, data->len, text, &d);
	else
		r = nv_import_all_text(path, data->ptr, data->len, kind, text, &d);
	if (r == -2) { /* Poppler was not loaded: its error */
		nv_diags_merge(b->d, &d);
		nv_diags_release(&d);
		return false;
	}
	ok = r == 0;
	if (ok)
		kept_add(key, text);
	else
		nv_diag_hint(
			nv_warning(b->d, path, 0, 0, "вложение не проверено на имена людей: %s",
				   d.nr ? d.v[0].msg : "его не удалось прочитать"),
			"%s; имена людей, которых нельзя называть на сайте, в нём никто не "
			"проверит",
			how == PDF ? "сохраните PDF заново (без пароля) в программе, где его "
				     "сделали, или просмотрите его сами"
			: how == ZIP ? "упакуйте файлы в архив заново (без пароля) или "
				       "просмотрите их сами"
				     : "откройте файл в Word, Excel или LibreOffice и сохраните "
				       "заново");
	nv_diags_release(&d);
	return ok;
}

/*
 * A person reported in a file without lines, and where: a PDF's page
 * (past the last: its properties), a file of an archive.
 */
struct seen {
	const struct nv_person *p;
	size_t page;
};

/* The pages of a PDF's text: each ends in a form feed (nv_import_pdf_text()). */
static size_t count_pages(const char *text, size_t len)
{
	const char *f = text, *end = text + len;
	size_t n = 0;

	while ((f = memchr(f, '\f', (size_t)(end - f)))) {
		f++;
		n++;
	}
	return n;
}

/* Whether p was reported at page already (a file without lines), and if not, note it. */
static bool seen_before(struct seen **v, size_t *n, size_t *alloc, const struct nv_person *p,
			size_t page)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].p == p && (*v)[i].page == page)
			return true;
	NV_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct seen){ p, page };
	return false;
}

/*
 * Each name the website may not show in text, the text of the attachment
 * at path read `how`: an error at its place. A text file's are at their
 * line and column, shown with the line when the file is UTF-8 (excerpt);
 * an office file's and a PDF's, which have no lines, once for each person
 * (a PDF's for each page, named).
 */
static void report_names(struct builder *b, const char *path, const char *text, size_t len,
			 enum how how, bool excerpt)
{
	struct nv_guard_mixed m;
	struct nv_guard_hit hit;
	struct nv_buf form = NV_BUF_INIT, hint = NV_BUF_INIT, place = NV_BUF_INIT;
	struct nv_diag *dg;
	struct seen *seen = NULL;
	size_t from = 0, found = 0, nseen = 0, seen_alloc = 0, page = 1, read = 0, file = 0;
	size_t pages = how == PDF ? count_pages(text, len) : 0;
	const char *name = NULL; /* of the archive's file read */
	int name_len = 0, line = 0, col = 0;
	bool in_name;
	char *who;

	nv_guard_mixed_init(&m);
	nv_guard_mixed_start(&m, text, len);
	while (from < len && nv_guard_mixed_next(&m, b->m->guard, text, len, &from, false, &hit)) {
		for (; read < hit.start; read++) { /* hits come in order */
			page += text[read] == '\f';
			if (text[read] == NV_IMP_ZIP_FILE) {
				file++;
				name = text + read + 1;
				name_len = (int)strcspn(name, "\n");
			}
		}
		if (!hit.leak ||
		    (how != TEXT &&
		     seen_before(&seen, &nseen, &seen_alloc, hit.p, how == ZIP ? file : page)) ||
		    ++found > MAX_NAMES + 1)
			continue;
		if (how == TEXT)
			nv_utf8_position(text, hit.start, &line, &col);
		if (found > MAX_NAMES)
			continue; /* where the ones not reported start */
		nv_buf_reset(&form);
		nv_guard_form(text, &hit, false, &form);
		in_name = how == ZIP && name && text + hit.start < name + name_len;
		nv_buf_reset(&place);
		if (how == PDF && page <= pages)
			nv_buf_addf(&place, ", на странице %zu,", page);
		else if (how == PDF)
			nv_buf_adds(&place, ", в свойствах файла (название, автор, тема),");
		else if (in_name)
			nv_buf_addf(&place, ", в имени файла «%.*s» архива,", name_len, name);
		else if (how == ZIP && name)
			nv_buf_addf(&place, ", в файле архива «%.*s»,", name_len, name);
		nv_buf_reset(&hint);
		nv_buf_adds(&hint, "вложение копируется на сайт как есть: ");
		if (in_name)
			nv_buf_adds(&hint,
				    "переименуйте этот файл в архиве или уберите его оттуда");
		else if (hit.p->publish == NV_PUBLISH_INITIALS &&
			 hit.p->category != NV_CAT_STUDENT) {
			nv_buf_adds(&hint, "напишите в нём фамилию с инициалами, «");
			nv_person_short_name(&hint, hit.p);
			nv_buf_adds(&hint, "», или уберите файл из content/");
		} else {
			nv_buf_adds(&hint, "уберите из него имя или уберите файл из content/");
		}
		nv_guard_mixed_hint(&hint, text + hit.start, hit.end - hit.start, false);
		who = nv_person_who(hit.p);
		dg = nv_error(b->d, path, line, col,
			      "во вложении%s имя человека, которого %s: «%s» (%s)",
			      place.len ? place.ptr : "", nv_person_web_rule(hit.p), form.ptr, who);
		dg->secret = !excerpt; /* a line of Windows-1251 or UTF-16 would show as «????» */
		nv_diag_hint(dg, "%s", hint.ptr);
		free(who);
	}
	if (found > MAX_NAMES)
		nv_error(b->d, path, line, col,
			 "во вложении ещё %zu %s людей, которых нельзя называть на сайте%s",
			 found - MAX_NAMES,
			 nv_plural(found - MAX_NAMES, "упоминание", "упоминания", "упоминаний"),
			 how == TEXT ? ", первое здесь" : "")
			->secret = !excerpt;
	nv_guard_mixed_release(&m);
	nv_buf_release(&form);
	nv_buf_release(&hint);
	nv_buf_release(&place);
	free(seen);
}

void mdl_check_attachments(struct builder *b)
{
	struct nv_buf data = NV_BUF_INIT, text = NV_BUF_INIT;
	const struct nv_attachment *a;
	enum nv_imp_kind kind = NV_IMP_DOCX;
	enum how how;
	const char *encoding = NULL;
	char *root;
	size_t i;
	int r;

	kept_begin();
	for (i = 0; i < b->m->nattachments && b->m->guard; i++) {
		a = &b->m->attachments[i];
		if ((how = how_read(a->rel, &kind)) == BINARY)
			continue;
		/* A file that cannot be read is the build's error, where it copies it. */
		root = nv_xmemdupz(a->path, strlen(a->path) - strlen(a->rel) - 1);
		r = nv_read_file_in(root, a->rel, (size_t)64 << 20, &data);
		free(root);
		if (r < 0)
			continue;
		nv_buf_reset(&text);
		if (how == TEXT)
			encoding = nv_import_decode_text(data.ptr, data.len, &text);
		else if (!file_text(b, a->path, &data, how, kind, &text))
			continue;
		report_names(b, a->path, text.ptr ? text.ptr : "", text.len, how,
			     how == TEXT && !strcmp(encoding, "UTF-8"));
	}
	kept_end();
	nv_buf_release(&data);
	nv_buf_release(&text);
}
