/*
 * model_attach.c: the text of the attachments, read for names the
 * website may not show.
 *
 * The files of content/ that are no document go onto the website as they
 * are: a list of mentees saved from Excel, a plan from Word. The guard of
 * the build reads each one it copies (html_out.c) and refuses a name
 * there; this finds the same names first, each at its place, so that
 * `check`, and the hook before each commit, says what the build would
 * refuse, and the build says it before it renders anything. Read as the
 * guard reads them: a .txt or .csv in the encoding an editor saved it in
 * (nv_import_decode_text(): Excel's CSV is Windows-1251), all the text of
 * a .docx, .odt, .xlsx or .ods (nv_import_all_text()), names typed with
 * Latin look-alikes too (guard_mixed.c). Other files (PDF, images,
 * archives, .doc, .xls, .rtf) are read for their names only (model_pd.c).
 */
#include "common.h"

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
	OFFICE
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
	for (k = 0; k < NV_ARRAY_SIZE(office); k++)
		if (!strcasecmp(dot, office[k])) {
			*kind = (enum nv_imp_kind)k;
			return OFFICE;
		}
	return BINARY;
}

/*
 * The text of the office file at path (data) into text; false, with a
 * warning that it was not checked, when it cannot be read.
 */
static bool office_text(struct builder *b, const char *path, const struct nv_buf *data,
			enum nv_imp_kind kind, struct nv_buf *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	bool ok;

	/* Without the readers' libraries: an error of nv_lib_load(), and nothing is published. */
	if (nv_lib_load(NV_LIB_ZIP, b->d) < 0 || nv_lib_load(NV_LIB_XML2, b->d) < 0)
		return false;
	ok = nv_import_all_text(path, data->ptr, data->len, kind, text, &d) == 0;
	if (!ok)
		nv_diag_hint(nv_warning(b->d, path, 0, 0,
					"вложение не проверено на имена людей: %s",
					d.nr ? d.v[0].msg : "его не удалось прочитать"),
			     "откройте файл в Word, Excel или LibreOffice и сохраните заново; "
			     "имена людей, которых нельзя называть на сайте, в нём никто не "
			     "проверит");
	nv_diags_release(&d);
	return ok;
}

/*
 * Each name the website may not show in text, the text of the attachment
 * at path: an error at its place (located: a text file's line and
 * column, shown with its line when the file is UTF-8).
 */
static void report_names(struct builder *b, const char *path, const char *text, size_t len,
			 bool located, bool excerpt)
{
	struct nv_guard_mixed m;
	struct nv_guard_hit hit;
	struct nv_buf form = NV_BUF_INIT, hint = NV_BUF_INIT;
	struct nv_diag *dg;
	size_t from = 0, found = 0;
	int line = 0, col = 0;
	char *who;

	nv_guard_mixed_init(&m);
	nv_guard_mixed_start(&m, text, len);
	while (from < len && nv_guard_mixed_next(&m, b->m->guard, text, len, &from, false, &hit)) {
		if (!hit.leak || ++found > MAX_NAMES + 1)
			continue;
		if (located)
			nv_utf8_position(text, hit.start, &line, &col);
		if (found > MAX_NAMES)
			continue; /* where the ones not reported start */
		nv_buf_reset(&form);
		nv_guard_form(text, &hit, false, &form);
		nv_buf_reset(&hint);
		nv_buf_adds(&hint, "вложение копируется на сайт как есть: ");
		if (hit.p->publish == NV_PUBLISH_INITIALS && hit.p->category != NV_CAT_STUDENT) {
			nv_buf_adds(&hint, "напишите в нём фамилию с инициалами, «");
			nv_person_short_name(&hint, hit.p);
			nv_buf_adds(&hint, "», или уберите файл из content/");
		} else {
			nv_buf_adds(&hint, "уберите из него имя или уберите файл из content/");
		}
		nv_guard_mixed_hint(&hint, text + hit.start, hit.end - hit.start, false);
		who = nv_person_who(hit.p);
		dg = nv_error(b->d, path, line, col,
			      "во вложении имя человека, которого %s: «%s» (%s)",
			      nv_person_web_rule(hit.p), form.ptr, who);
		dg->secret = !excerpt; /* a line of Windows-1251 or UTF-16 would show as «????» */
		nv_diag_hint(dg, "%s", hint.ptr);
		free(who);
	}
	if (found > MAX_NAMES)
		nv_error(b->d, path, line, col,
			 "во вложении ещё %zu %s людей, которых нельзя называть на сайте%s",
			 found - MAX_NAMES,
			 nv_plural(found - MAX_NAMES, "упоминание", "упоминания", "упоминаний"),
			 located ? ", первое здесь" : "")
			->secret = !excerpt;
	nv_guard_mixed_release(&m);
	nv_buf_release(&form);
	nv_buf_release(&hint);
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
		else if (!office_text(b, a->path, &data, kind, &text))
			continue;
		report_names(b, a->path, text.ptr ? text.ptr : "", text.len, how == TEXT,
			     how == TEXT && !strcmp(encoding, "UTF-8"));
	}
	nv_buf_release(&data);
	nv_buf_release(&text);
}
