/*
 * model_attach.c: the text of the attachments, read for names the
 * website may not show.
 *
 * The files of content/ that are no document go onto the website as they
 * are: a list of mentees saved from Excel, a plan from Word, the order
 * on pairs as printed for signing, a photo whose author is a student.
 * Whoever downloads one sees all of it, so all of it is read
 * (nv_import_attachment_text(), import.h): a .txt or .csv in the
 * encoding an editor saved it in (Excel's CSV is Windows-1251), all the
 * text of an office file with its properties and comments' authors, a
 * PDF's pages and properties, a ZIP archive's names and files, an RTF
 * file, the Russian text of a .doc, an .xls and a photo's metadata;
 * names typed with Latin look-alikes too (guard_mixed.c). Each name is
 * an error at its place, so that `check`, and the hook before each
 * commit, says what must not go, and the build says it before it renders
 * anything. The build's guard reads each attachment again as it copies
 * it (html_out.c), its text taken from what this check kept
 * (nv_model_attachment_text()); the names of all are read by model_pd.c.
 */
#include "common.h"

#include <ctype.h>
#include <pthread.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "import.h"
#include "model_int.h"
#include "person.h"
#include "strlist.h"
#include "utf8.h"

/* The names reported in one file; the rest are counted. */
#define MAX_NAMES 10

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
	/*
	 * The file it was read from and its stamp then (fs.h): a file with
	 * the same stamp is not read again at all (a school's scans run to
	 * hundreds of megabytes).
	 */
	char *path;
	struct nv_hash stamp;
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept_text *kept;
static size_t nkept, kept_alloc;
static unsigned kept_serial;

/*
 * The text kept for key into text, marked as read by this build; false
 * if none. With stamp, the file at path it was read from has that stamp
 * now: the text is kept for them too (another file of the same bytes
 * gets an entry of its own).
 */
static bool kept_take(struct nv_hash key, struct nv_buf *text, const char *path,
		      const struct nv_hash *stamp)
{
	struct kept_text *k = NULL, copy;
	size_t i;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < nkept; i++)
		if (nv_hash_eq(kept[i].key, key) &&
		    (!k || (kept[i].path && path && !strcmp(kept[i].path, path))))
			k = &kept[i];
	if (k) {
		nv_buf_add(text, k->text, k->len);
		k->serial = kept_serial;
		if (stamp && k->path && strcmp(k->path, path)) {
			copy = (struct kept_text){ key,
						   nv_xmemdupz(k->text, k->len),
						   k->len,
						   kept_serial,
						   nv_xstrdup(path),
						   *stamp };
			NV_GROW(kept, nkept + 1, kept_alloc);
			kept[nkept++] = copy;
		} else if (stamp) {
			if (!k->path)
				k->path = nv_xstrdup(path);
			k->stamp = *stamp;
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return k != NULL;
}

/* The text kept for the file at path with that stamp (how it is read in key's place) into text. */
static bool kept_take_file(const char *path, struct nv_hash stamp, struct nv_buf *text)
{
	size_t i;
	bool found = false;

	pthread_mutex_lock(&kept_lock);
	for (i = 0; i < nkept && !found; i++)
		if (kept[i].path && nv_hash_eq(kept[i].stamp, stamp) &&
		    !strcmp(kept[i].path, path)) {
			nv_buf_add(text, kept[i].text, kept[i].len);
			kept[i].serial = kept_serial;
			found = true;
		}
	pthread_mutex_unlock(&kept_lock);
	return found;
}

/* Keep text for key, and for path with stamp when path is set (a file not changed of late). */
static void kept_add(struct nv_hash key, const struct nv_buf *text, const char *path,
		     struct nv_hash stamp)
{
	pthread_mutex_lock(&kept_lock);
	NV_GROW(kept, nkept + 1, kept_alloc);
	kept[nkept++] = (struct kept_text){ key,
					    nv_xmemdupz(text->ptr ? text->ptr : "", text->len),
					    text->len,
					    kept_serial,
					    path ? nv_xstrdup(path) : NULL,
					    stamp };
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
		if (kept[i].serial == kept_serial) {
			kept[n++] = kept[i];
		} else {
			free(kept[i].text);
			free(kept[i].path);
		}
	}
	nkept = n;
	pthread_mutex_unlock(&kept_lock);
}

/*
 * The text of the attachment at path (data), read `how`, into text
 * (*encoding: a text file's), from the texts kept when it is not plain
 * text: nv_import_attachment_text()'s result.
 */
static int read_text(const char *path, const struct nv_buf *data, enum nv_imp_read how,
		     const struct nv_hash *stamp, struct nv_buf *text, const char **encoding,
		     struct nv_diags *d)
{
	struct nv_hash key = NV_HASH_INIT;
	int r;

	*encoding = NULL;
	nv_hash_add(&key, data->ptr, data->len);
	nv_hash_add(&key, &how, sizeof(how));
	if (how != NV_READ_TEXT && kept_take(key, text, path, stamp))
		return 0;
	r = nv_import_attachment_text(path, data->ptr ? data->ptr : "", data->len, text, encoding,
				      d);
	if (r == 0 && how != NV_READ_TEXT)
		kept_add(key, text, stamp ? path : NULL, stamp ? *stamp : key);
	return r;
}

int nv_model_attachment_text(const char *path, const struct nv_buf *data, struct nv_buf *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	enum nv_imp_kind kind;
	enum nv_imp_read how = nv_import_read_how(path, &kind);
	const char *encoding;
	int r = how == NV_READ_NAME ? -1 : read_text(path, data, how, NULL, text, &encoding, &d);

	nv_diags_release(&d);
	return r == 0 ? 0 : -1;
}

/*
 * read_text(), and when the text cannot be read, a warning that it was
 * not checked (or the error of the library not loaded); false then.
 */
static bool file_text(struct builder *b, const char *path, const struct nv_buf *data,
		      enum nv_imp_read how, const struct nv_hash *stamp, struct nv_buf *text,
		      const char **encoding)
{
	struct nv_diags d = NV_DIAGS_INIT;
	int r = read_text(path, data, how, stamp, text, encoding, &d);

	if (r == -2) /* a library not loaded: its error, and nothing is published */
		nv_diags_merge(b->d, &d);
	else if (r < 0)
		nv_diag_hint(
			nv_warning(b->d, path, 0, 0, "вложение не проверено на имена людей: %s",
				   d.nr ? d.v[0].msg : "его не удалось прочитать"),
			"%s; имена людей, которых нельзя называть на сайте, в нём никто не "
			"проверит",
			how == NV_READ_PDF ? "сохраните PDF заново (без пароля) в программе, где "
					     "его сделали, или просмотрите его сами"
			: how == NV_READ_ZIP ? "упакуйте файлы в архив заново (без пароля) или "
					       "просмотрите их сами"
					     : "откройте файл в Word, Excel или LibreOffice и "
					       "сохраните заново");
	nv_diags_release(&d);
	return r == 0;
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

/* Whether a file read for its bytes' text is a photo (not a .doc or .xls). */
static bool is_photo(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && strcasecmp(dot, ".doc") && strcasecmp(dot, ".xls");
}

/* Where in an attachment's text a hit is: a PDF's page, an archive's file. */
struct where {
	enum nv_imp_read how;
	bool photo;	    /* a photo's text is its metadata: what it shows cannot be read */
	size_t read;	    /* the text is read up to here */
	size_t page, pages; /* a PDF's: past the last, its properties */
	size_t file;	    /* an archive's file, from 1 */
	const char *name;   /* and its name */
	int name_len;
};

/* Follow the text up to the hit at `at`: pages and files are ended and started by marks. */
static void go_to(struct where *w, const char *text, size_t at)
{
	for (; w->read < at; w->read++) {
		w->page += text[w->read] == '\f';
		if (text[w->read] == NV_IMP_ZIP_FILE) {
			w->file++;
			w->name = text + w->read + 1;
			w->name_len = (int)strcspn(w->name, "\n");
		}
	}
}

/* The error for hit in text, the attachment at path's, at line:col (0: none). */
static void name_error(struct builder *b, const char *path, const char *text,
		       const struct nv_guard_hit *hit, const struct where *w, int line, int col,
		       bool excerpt)
{
	struct nv_buf form = NV_BUF_INIT, hint = NV_BUF_INIT, place = NV_BUF_INIT;
	bool in_name =
		w->how == NV_READ_ZIP && w->name && text + hit->start < w->name + w->name_len;
	struct nv_diag *dg;
	char *who = nv_person_who(hit->p);

	nv_guard_form(text, hit, false, &form);
	if (w->how == NV_READ_PDF && w->page <= w->pages)
		nv_buf_addf(&place, ", на странице %zu,", w->page);
	else if (w->how == NV_READ_PDF)
		nv_buf_adds(&place, ", в свойствах файла (название, автор, тема),");
	else if (in_name)
		nv_buf_addf(&place, ", в имени файла «%.*s» архива,", w->name_len, w->name);
	else if (w->how == NV_READ_ZIP && w->name)
		nv_buf_addf(&place, ", в файле архива «%.*s»,", w->name_len, w->name);
	else if (w->photo)
		nv_buf_adds(&place, ", в свойствах снимка (автор, описание),");
	nv_buf_adds(&hint, "вложение копируется на сайт как есть: ");
	if (w->photo)
		nv_buf_adds(&hint, "удалите свойства снимка (в Windows: «Свойства» → «Подробно» → "
				   "«Удаление свойств и личной информации») или уберите файл из "
				   "content/");
	else if (in_name)
		nv_buf_adds(&hint, "переименуйте этот файл в архиве или уберите его оттуда");
	else if (hit->p->publish == NV_PUBLISH_INITIALS && hit->p->category != NV_CAT_STUDENT) {
		nv_buf_adds(&hint, "напишите в нём фамилию с инициалами, «");
		nv_person_short_name(&hint, hit->p);
		nv_buf_adds(&hint, "», или уберите файл из content/");
	} else {
		nv_buf_adds(&hint, "уберите из него имя или уберите файл из content/");
	}
	nv_guard_mixed_hint(&hint, text + hit->start, hit->end - hit->start, false);
	dg = nv_error(b->d, path, line, col, "во вложении%s имя человека, которого %s: «%s» (%s)",
		      place.len ? place.ptr : "", nv_person_web_rule(hit->p), form.ptr, who);
	dg->secret = !excerpt; /* a line of Windows-1251 or UTF-16 would show as «????» */
	nv_diag_hint(dg, "%s", hint.ptr);
	free(who);
	nv_buf_release(&form);
	nv_buf_release(&hint);
	nv_buf_release(&place);
}

/*
 * Each name the website may not show in text, the text of the attachment
 * at path read `how`: an error at its place. A text file's are at their
 * line and column, shown with the line when the file is UTF-8 (excerpt);
 * those of a file without lines, once for each person (a PDF's for each
 * page, an archive's for each of its files, named).
 */
static void report_names(struct builder *b, const char *path, const char *text, size_t len,
			 enum nv_imp_read how, bool excerpt)
{
	struct where w = { how, how == NV_READ_BYTES && is_photo(path), 0, 1, 0, 0, NULL, 0 };
	struct nv_guard_mixed m;
	struct nv_guard_hit hit;
	struct seen *seen = NULL;
	size_t from = 0, found = 0, nseen = 0, seen_alloc = 0;
	int line = 0, col = 0;

	if (how == NV_READ_PDF)
		w.pages = count_pages(text, len);
	nv_guard_mixed_init(&m);
	nv_guard_mixed_start(&m, text, len);
	while (from < len && nv_guard_mixed_next(&m, b->m->guard, text, len, &from, false, &hit)) {
		go_to(&w, text, hit.start); /* hits come in order */
		if (!hit.leak ||
		    (how != NV_READ_TEXT && seen_before(&seen, &nseen, &seen_alloc, hit.p,
							how == NV_READ_ZIP ? w.file : w.page)) ||
		    ++found > MAX_NAMES + 1)
			continue;
		if (how == NV_READ_TEXT)
			nv_utf8_position(text, hit.start, &line, &col);
		if (found <= MAX_NAMES) /* the next one only places the count below */
			name_error(b, path, text, &hit, &w, line, col, excerpt);
	}
	if (found > MAX_NAMES)
		nv_error(b->d, path, line, col,
			 "во вложении ещё %zu %s людей, которых нельзя называть на сайте%s",
			 found - MAX_NAMES,
			 nv_plural(found - MAX_NAMES, "упоминание", "упоминания", "упоминаний"),
			 how == NV_READ_TEXT ? ", первое здесь" : "")
			->secret = !excerpt;
	nv_guard_mixed_release(&m);
	free(seen);
}

/* Whether a PDF's pages (its text up to the last form feed) have no letter or digit: a scan. */
static bool no_text(const char *text, size_t len)
{
	size_t i;

	while (len && text[len - 1] != '\f')
		len--;
	for (i = 0; i < len; i++)
		if (isalnum((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)
			return false;
	return true;
}

/* One note for the scans among the attachments: what they show no check reads. */
static void note_scans(struct builder *b, const struct nv_strlist *scans)
{
	struct nv_buf list = NV_BUF_INIT;
	size_t i;

	if (!scans->nr)
		return;
	for (i = 0; i < scans->nr && i < 3; i++)
		nv_buf_addf(&list, "%s%s", i ? ", " : "", scans->v[i]);
	if (scans->nr > 3)
		nv_buf_addf(&list, " и ещё %zu", scans->nr - 3);
	nv_diag_hint(nv_diag_add(b->d, NV_NOTE, NULL, 0, 0,
				 "в PDF без текста (сканах) имена никто не проверит: %s", list.ptr),
		     "просмотрите %s перед публикацией: имена людей, которых нельзя называть "
		     "на сайте, в скане видны так же, как в тексте",
		     scans->nr > 1 ? "их" : "его");
	nv_buf_release(&list);
}

/* An image file larger than this goes to the website with a warning. */
#define BIG_IMAGE (1 << 20)

/*
 * An image of content/ larger than BIG_IMAGE (a phone's photo is 3–8 MB):
 * every visitor downloads it whole, and a page with it opens slowly on a
 * phone; 1600–2000 points on the long side are enough for the site and
 * for paper. A warning at the file, with its size.
 */
static void big_image(struct builder *b, const struct nv_attachment *a, const struct stat *st)
{
	static const char *const images[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp" };
	size_t i, n = strlen(a->rel);
	/* Tenths of a megabyte, rounded. */
	long long t = ((long long)st->st_size * 10 + (1 << 19)) >> 20;

	for (i = 0; i < NV_ARRAY_SIZE(images); i++)
		if (nv_ends_with_nocase(a->rel, n, images[i]))
			break;
	if (i == NV_ARRAY_SIZE(images) || st->st_size <= BIG_IMAGE)
		return;
	nv_diag_hint(nv_warning(b->d, a->path, 0, 0,
				"изображение весит %lld,%lld МБ: страница, которая его показывает, "
				"будет открываться медленно, особенно с телефона, — посетитель "
				"скачивает его целиком",
				t / 10, t % 10),
		     "уменьшите его: 1600–2000 точек по длинной стороне хватит и сайту, и "
		     "печати (в Windows — приложение «Фотографии», «Изменить размер»); "
		     "фотографию сохраните как JPEG");
}

void mdl_check_attachments(struct builder *b)
{
	struct nv_buf data = NV_BUF_INIT, text = NV_BUF_INIT;
	struct nv_strlist scans = NV_STRLIST_INIT;
	const struct nv_attachment *a;
	enum nv_imp_kind kind;
	enum nv_imp_read how;
	const char *encoding;
	struct nv_hash stamp = NV_HASH_INIT;
	struct stat st;
	char *root;
	size_t i;
	int r;
	bool stamped, recent = true;

	kept_begin();
	for (i = 0; i < b->m->nattachments; i++) {
		a = &b->m->attachments[i];
		stamped = lstat(a->path, &st) == 0 && S_ISREG(st.st_mode);
		if (stamped)
			big_image(b, a, &st);
		if (!b->m->guard || (how = nv_import_read_how(a->rel, &kind)) == NV_READ_NAME)
			continue;
		nv_buf_reset(&text);
		encoding = NULL;
		/* Not read again when its stamp says it is as it was: its text is kept. */
		if (stamped)
			stamp = nv_file_stamp(&st, &recent);
		if (!stamped || recent || how == NV_READ_TEXT ||
		    !kept_take_file(a->path, stamp, &text)) {
			/* A file that cannot be read is the build's error, where it copies it. */
			root = nv_xmemdupz(a->path, strlen(a->path) - strlen(a->rel) - 1);
			r = nv_read_file_in(root, a->rel, (size_t)64 << 20, &data);
			free(root);
			if (r < 0 ||
			    !file_text(b, a->path, &data, how, stamped && !recent ? &stamp : NULL,
				       &text, &encoding))
				continue;
		}
		report_names(b, a->path, text.ptr ? text.ptr : "", text.len, how,
			     encoding && !strcmp(encoding, "UTF-8"));
		if (how == NV_READ_PDF && no_text(text.ptr ? text.ptr : "", text.len))
			nv_strlist_add(&scans, a->path);
	}
	kept_end();
	note_scans(b, &scans);
	nv_strlist_release(&scans);
	nv_buf_release(&data);
	nv_buf_release(&text);
}
