/*
 * cmd_import.c: `nastavnik import [--kind KIND] [--dry-run] FILE...` —
 * a school's .docx, .odt and text documents become documents of
 * content/ with their front matter filled, and a report says what was
 * recognised, what could not be placed and what the author must add.
 *
 * Nothing is written unless every file imports: a file that cannot be
 * read, or whose document would take an existing file or id, stops the
 * whole run. The people a document names who are not in people.yml are
 * appended to it, and the organisation's keys site.yml lacks are inserted
 * (import_merge.c). Every file is written to a temporary file first and
 * put in place only when all are written and people.yml and site.yml are
 * as they were read; a failure undoes what was put in place. After
 * writing, the project is checked as `check` does.
 */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "cmd_import_int.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "import.h"
#include "model.h"
#include "project.h"

/* A data file the import adds to: its bytes as read, and as they will be. */
struct data_file {
	char *path;
	bool exists;
	struct nv_buf was, now;
};

/* One file to put in place: written to tmp first, then linked or renamed. */
struct commit {
	const char *path;
	const struct nv_buf *bytes;
	char *tmp;
	bool replace;		      /* rename over path (people.yml, site.yml) */
	const struct data_file *orig; /* its bytes before, for a rollback; NULL for a new file */
	bool done;
};

static void usage(void)
{
	puts("Использование: nastavnik import [--kind ВИД] [--dry-run] ФАЙЛ...\n"
	     "\n"
	     "Переносит документы школы (.docx, .odt, .txt, .md в UTF-8 или Windows-1251)\n"
	     "в content/ПАПКА/ИМЯ.md: узнаёт вид документа и его реквизиты, пишет поля и\n"
	     "текст в Markdown и показывает отчёт — что найдено, какие абзацы не\n"
	     "размещены и что нужно дописать. Подписавшего, которого нет в people.yml,\n"
	     "дописывает в его конец; организацию и учредителя, которых нет в site.yml,\n"
	     "вставляет в раздел organization; таблицу наставнических пар из приложения\n"
	     "приказа дописывает в pairs.yml. Существующие документы не\n"
	     "перезаписываются: если файл или имя документа уже есть, не пишется ничего.\n"
	     "\n"
	     "  --kind ВИД     вид документа: page, position, program, roadmap, order,\n"
	     "                 case, news или по-русски (по умолчанию узнаётся по тексту)\n"
	     "  --dry-run, -n  показать, что было бы записано, ничего не записывая");
}

/* Russian names of the kinds, as `nastavnik new` takes them, in the order of nv_import_kinds. */
static const char *const kinds_ru[] = { "страница", "положение", "программа", "дорожная-карта",
					"приказ",   "кейс",	 "новость" };

static int parse_kind(const char *v, void *dest)
{
	size_t i;

	for (i = 0; nv_import_kinds[i]; i++)
		if (!strcmp(v, nv_import_kinds[i]) || !strcmp(v, kinds_ru[i])) {
			*(const char **)dest = nv_import_kinds[i];
			return 0;
		}
	return -1;
}

static const char *kind_dir(const char *kind)
{
	size_t i;

	for (i = 0; nv_kind_names[i]; i++)
		if (!strcmp(nv_kind_names[i], kind))
			return nv_kind_dirs[i];
	return "pages";
}

static void print_list(const char *head, const struct nv_strlist *l)
{
	size_t i;

	if (!l->nr)
		return;
	if (head)
		printf("  %s\n", head);
	for (i = 0; i < l->nr; i++)
		printf("  %s%s\n", head ? "  " : "", l->v[i]);
}

/* See cmd_import_int.h. */
const char *nv_cmd_import_where(const struct nv_imp_job *a, struct nv_buf *w)
{
	nv_buf_reset(w);
	if (a->from < a->to)
		nv_buf_addf(w, "абзацы %d–%d", a->from, a->to);
	else
		nv_buf_addf(w, "абзац %d", a->from);
	return w->ptr;
}

static void report(const struct nv_imp_job *j, bool dry, const char *people_path,
		   const char *site_path, const char *pairs_path)
{
	struct nv_buf w = NV_BUF_INIT;
	size_t i;

	if (j->appendix) {
		printf("nastavnik: %s, приложение № %d (%s)\n", j->arg, j->appendix,
		       nv_cmd_import_where(j, &w));
		nv_buf_release(&w);
	} else
		printf("nastavnik: %s (%s%s%s)\n", j->arg, j->doc.format,
		       j->doc.encoding ? ", кодировка " : "",
		       j->doc.encoding ? j->doc.encoding : "");
	print_list(NULL, &j->res.found);
	print_list("не размещено:", &j->res.unplaced);
	print_list("нужно дописать:", &j->res.todo);
	print_list("не внесено (проверьте сами):", &j->res.propose);
	if (j->people.len) {
		printf("  %s в конец %s:\n", dry ? "будет дописано" : "дописано", people_path);
		fwrite(j->people.ptr, 1, j->people.len, stdout);
	}
	if (j->pairs_add.len) {
		printf("  %s в конец %s:\n", dry ? "будет дописано" : "дописано", pairs_path);
		fwrite(j->pairs_add.ptr, 1, j->pairs_add.len, stdout);
	}
	if (j->site.nr) {
		printf("  %s в %s, раздел organization:\n", dry ? "будет вставлено" : "вставлено",
		       site_path);
		for (i = 0; i < j->site.nr; i++)
			printf("%s\n", j->site.v[i]);
	}
	if (j->path)
		printf("  %s %s\n", dry ? "будет записан" : "записан", j->path);
	if (dry && j->path)
		fwrite(j->res.text.ptr, 1, j->res.text.len, stdout);
}

/*
 * The checks of a document recognised into j->res before it is written:
 * its file and id free, its pictures' files free, its id not taken by an
 * earlier job of jobs[0, done). 0, or -1 after adding the error to d.
 */
static int claim(struct nv_imp_job *j, const char *root, const struct nv_model *m,
		 const struct nv_imp_job *jobs, size_t done, struct nv_diags *d)
{
	const struct nv_entry *e = NULL;
	size_t k;

	j->path = nv_xasprintf("%s/%s/%s.md", root, kind_dir(j->res.kind), j->res.id);
	if (nv_exists(j->path) || (e = nv_model_entry(m, j->res.id))) {
		nv_diag_hint(nv_error(d, j->arg, 0, 0, "документ «%s» уже есть: %s", j->res.id,
				      e ? e->path : j->path),
			     "файлы не перезаписываются: переименуйте или удалите существующий "
			     "документ");
		return -1;
	}
	if (j->res.nfiles)
		j->pic_paths = nv_xcalloc(j->res.nfiles, sizeof(*j->pic_paths));
	for (k = 0; k < j->res.nfiles; k++) {
		j->pic_paths[k] = nv_xasprintf("%s/files/%s", root, j->res.files[k].name);
		if (nv_exists(j->pic_paths[k])) {
			nv_diag_hint(
				nv_error(d, j->arg, 0, 0, "рисунок «%s» уже есть", j->pic_paths[k]),
				"файлы не перезаписываются: переименуйте или удалите "
				"существующий файл");
			return -1;
		}
	}
	for (k = 0; k < done; k++)
		if (jobs[k].res.id && !strcmp(jobs[k].res.id, j->res.id)) {
			nv_error(d, j->arg, 0, 0, "документ «%s» уже получен из %s", j->res.id,
				 jobs[k].arg);
			return -1;
		}
	return 0;
}

/*
 * The job a for the appendix app of the order of job j: its part of j's
 * doc recognised as a document of its own, *web whether it is for the
 * site. 0, or -1 after adding the error to d.
 */
static int appendix_job(struct nv_imp_job *a, const struct nv_imp_job *j,
			const struct nv_imp_app *app, const struct nv_imp_opts *ao,
			const struct nv_guard *g, bool *web, struct nv_diags *d)
{
	struct nv_buf w = NV_BUF_INIT;
	struct nv_imp_doc lines;

	a->arg = j->arg;
	a->appendix = app->number;
	a->from = app->src;
	a->to = app->last_src;
	nv_imp_doc_part(&j->doc, &app->first, &app->end, 1, false, &a->doc);
	nv_imp_result_init(&a->res);
	/* A table (or list) of pairs goes to pairs.yml once the order's id is known (split()). */
	*web = true;
	if (nv_import_pairs_lines(&a->doc, &lines)) {
		nv_imp_doc_release(&a->doc);
		a->doc = lines;
	}
	if ((a->pairs = nv_import_pairs_table(&a->doc)))
		return 0;
	if (nv_import_recognise(&a->doc, ao, &a->res) < 0) {
		nv_diag_hint(nv_error(d, j->arg, 0, 0, "приложение № %d (%s): не найден заголовок",
				      a->appendix, nv_cmd_import_where(a, &w)),
			     "впишите заголовок приложения строкой под его штампом («Состав "
			     "рабочей группы») или сохраните приложение отдельным файлом; "
			     "таблицу наставнических пар импорт переносит в pairs.yml сам, если "
			     "в её шапке есть столбцы «Наставник» и «Наставляемый»");
		nv_buf_release(&w);
		return -1;
	}
	nv_cmd_import_mentions(&a->res, g);
	/* A list (pairs, a working group, a bonus) names people: not for the site. */
	*web = strcmp(a->res.kind, "page") != 0;
	if (!*web)
		nv_strlist_addf(
			&a->res.found,
			"не для сайта: в приказе — {id: %s, web: false}, потому что в таком "
			"приложении обычно имена (состав группы, пары, премии); если "
			"персональных данных в нём нет, оставьте в appendices приказа только id",
			a->res.id);
	return 0;
}

/*
 * The report of the order of jobs[at], split into it and its appendices
 * r->apps (web[k]: for the site): a line for each appendix, and in the
 * report of one that lists pairs, where pairs belong.
 */
static void split_report(struct nv_imp_job *jobs, size_t at, const struct nv_imp_result *r,
			 const bool *web)
{
	const struct nv_imp_job *a;
	struct nv_buf w = NV_BUF_INIT;
	size_t k;

	for (k = 0; k < r->napps; k++) {
		a = &jobs[at + 1 + k];
		nv_strlist_addf(&jobs[at].res.found, "приложение № %d: «%s» (абзац %d) → %s (%s)%s",
				r->apps[k].number, r->apps[k].stamp_text, r->apps[k].stamp_src,
				a->pairs ? "таблица пар, appendices: [pairs]" : a->res.id,
				nv_cmd_import_where(a, &w),
				web[k] ? "" : ", не для сайта (web: false)");
		if (!web[k] && nv_cmd_import_pairs_list(a->res.id))
			nv_strlist_addf(
				&jobs[at + 1 + k].res.found,
				"похоже на список наставнических пар: пары вносятся в "
				"content/pairs.yml (order: %s), и приказ ссылается на их "
				"таблицу — appendices: [pairs]; эта страница тогда не нужна "
				"(таблицу со столбцами «Наставник» и «Наставляемый» или строки "
				"«Орлова Т. Н. — Зайцева М. А.» импорт переносит в pairs.yml сам)",
				jobs[at].res.id);
	}
	nv_buf_release(&w);
}

/*
 * The order of jobs[at], read with its appendices' text after it
 * (res.apps): each appendix becomes a job of its own after it, a document
 * of the kind its text tells (a list, a page, not for the site), and the
 * order is recognised again without them, listing them in `appendices`.
 * *n grows by their number. 0, or -1 after adding the error to d.
 */
static int split(struct nv_imp_job *jobs, size_t *n, size_t at, const struct nv_imp_opts *o,
		 const struct nv_guard *g, struct nv_diags *d)
{
	struct nv_imp_job *j = &jobs[at];
	struct nv_imp_result r = j->res; /* the whole file's: its apps; j->res is the order's */
	size_t napps = r.napps, k, *from, *to;
	struct nv_imp_opts ao = *o, oo = *o;
	struct nv_imp_order *orders;
	const char **ids;
	bool *web;
	int rc = 0;

	if (*n + napps > MAX_JOBS) {
		nv_error(d, j->arg, 0, 0,
			 "слишком много приложений: за раз импортируется не больше %d документов",
			 MAX_JOBS);
		return -1;
	}
	nv_imp_result_init(&j->res);
	memmove(&jobs[at + 1 + napps], &jobs[at + 1], (*n - at - 1) * sizeof(*jobs));
	memset(&jobs[at + 1], 0, napps * sizeof(*jobs));
	*n += napps;
	from = nv_xcalloc(napps + 1, sizeof(*from));
	to = nv_xcalloc(napps + 1, sizeof(*to));
	ids = nv_xcalloc(napps, sizeof(*ids));
	web = nv_xcalloc(napps, sizeof(*web));
	ao.kind = NULL;
	ao.appendix = true;
	/* The order itself: an appendix's «УТВЕРЖДЕНО приказом …» cites it. */
	orders = nv_xcalloc(o->norders + 1, sizeof(*orders));
	if (o->norders)
		memcpy(orders, o->orders, o->norders * sizeof(*orders));
	orders[o->norders].number = r.number;
	memcpy(orders[o->norders].date, r.date, sizeof(r.date));
	ao.orders = orders;
	ao.norders = o->norders + (r.number && r.date[0]);
	for (k = 0; k < napps && !rc; k++) {
		rc = appendix_job(&jobs[at + 1 + k], j, &r.apps[k], &ao, g, &web[k], d);
		ids[k] = jobs[at + 1 + k].pairs ? "pairs" : jobs[at + 1 + k].res.id;
		from[k + 1] = r.apps[k].end;
		to[k] = r.apps[k].stamp;
	}
	if (!rc) {
		to[napps] = j->doc.n;
		nv_imp_doc_part(&j->doc, from, to, napps + 1, true, &j->part);
		oo.appendices = ids;
		oo.appendix_web = web;
		oo.nappendices = napps;
		if (nv_import_recognise(&j->part, &oo, &j->res) < 0) {
			nv_error(d, j->arg, 0, 0, "не найден заголовок приказа");
			rc = -1;
		}
		for (k = 0; k < napps && !rc; k++)
			rc = nv_cmd_import_pairs_job(&jobs[at + 1 + k], &ao, j->res.id, j->res.date,
						     d);
		if (!rc) {
			split_report(jobs, at, &r, web);
			nv_cmd_import_mentions(&j->res, g);
		}
	}
	nv_imp_result_release(&r);
	free(orders);
	free(from);
	free(to);
	free(ids);
	free(web);
	return rc;
}

/* The part of path after its last slash. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/*
 * Read and recognise one file, jobs[at], with the appendices of an order
 * after it (split(): *n grows by them). 0, or -1 after adding the error
 * to d (-2: a library its reader needs is missing).
 */
static int import_one(struct nv_imp_job *jobs, size_t *n, size_t at, const char *root,
		      const struct nv_imp_opts *o, const struct nv_model *m,
		      const struct nv_guard *g, struct nv_diags *d)
{
	struct nv_imp_job *j = &jobs[at];
	size_t k;
	int rc;

	nv_imp_doc_init(&j->doc);
	nv_imp_result_init(&j->res);
	if ((rc = nv_import_read(j->abs, j->arg, &j->doc, d)) < 0)
		return rc;
	if (!j->doc.n) {
		nv_diag_hint(nv_error(d, j->arg, 0, 0, "в файле нет текста"),
			     "проверьте, тот ли это файл");
		return -1;
	}
	if (nv_import_recognise(&j->doc, o, &j->res) < 0) {
		nv_diag_hint(nv_error(d, j->arg, 0, 0, "не найден заголовок документа"),
			     "проверьте, что это документ школы, и укажите вид: --kind");
		return -1;
	}
	if (j->res.napps) {
		if (split(jobs, n, at, o, g, d) < 0)
			return -1;
		nv_cmd_import_pairs_body(j, o);
	} else if ((rc = nv_cmd_import_pairs_file(jobs, at, o, d)) < 0) {
		return -1;
	} else if (!rc) {
		nv_cmd_import_pairs_body(j, o);
		nv_cmd_import_mentions(&j->res, g);
	}
	for (k = at; k < *n && (k == at || jobs[k].appendix); k++)
		if (!jobs[k].pairs && claim(&jobs[k], root, m, jobs, k, d) < 0)
			return -1;
	return 0;
}

/* The orders of the model, for the blocks that cite one; the caller frees. */
static struct nv_imp_order *orders(const struct nv_model *m, size_t *n)
{
	/* Room for the orders imported in the run too (run()). */
	struct nv_imp_order *v = nv_xcalloc(m->nentries + MAX_FILES + 1, sizeof(*v));
	struct nv_buf date = NV_BUF_INIT;
	const struct nv_entry *e;
	size_t i;

	for (*n = i = 0; i < m->nentries; i++) {
		e = m->entries[i];
		if (e->kind != NV_KIND_ORDER || !e->number || !e->date.year || !e->path)
			continue;
		nv_buf_reset(&date);
		nv_date_add(&date, e->date, NV_DATE_NUMERIC);
		snprintf(v[*n].date, sizeof(v[*n].date), "%s", date.ptr);
		v[*n].number = e->number;
		v[(*n)++].path = e->path;
	}
	nv_buf_release(&date);
	return v;
}

/* The programs of the model, for the pairs of a table; the caller frees. */
static struct nv_imp_program *programs(const struct nv_model *m, size_t *n)
{
	struct nv_imp_program *v = nv_xcalloc(m->nentries + 1, sizeof(*v));
	size_t i;

	for (*n = i = 0; i < m->nentries; i++)
		if (m->entries[i]->kind == NV_KIND_PROGRAM) {
			v[*n].id = m->entries[i]->id;
			v[*n].acyear = m->entries[i]->acyear;
			v[*n].forms = (const char *const *)m->entries[i]->forms;
			v[(*n)++].nforms = m->entries[i]->nforms;
		}
	return v;
}

/* The people of the model, for matching signatures; the caller frees. */
static struct nv_imp_person *people(const struct nv_model *m)
{
	struct nv_imp_person *v = nv_xcalloc(m->npeople + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < m->npeople; i++) {
		v[i].id = m->people[i]->id;
		v[i].surname = m->people[i]->surname;
		v[i].name = m->people[i]->name;
		v[i].patronymic = m->people[i]->patronymic;
	}
	return v;
}

/* Read a data file of the project (absent is no error); -1 after an error in d. */
static int data_read(struct data_file *f, const char *root, const char *name, struct nv_diags *d)
{
	f->path = nv_xasprintf("%s/%s", root, name);
	f->exists = nv_exists(f->path);
	if (f->exists && nv_read_file(f->path, 16 << 20, &f->was) < 0) {
		nv_diag_hint(nv_error(d, f->path, 0, 0, "не удалось прочитать файл: %s",
				      nv_strerror(errno)),
			     "проверьте права на файл");
		return -1;
	}
	nv_buf_add(&f->now, f->was.ptr, f->was.len);
	return 0;
}

static void data_release(struct data_file *f)
{
	free(f->path);
	nv_buf_release(&f->was);
	nv_buf_release(&f->now);
}

/*
 * The new people of every job appended to people.yml (each once, and
 * none that is there already), and the organisation's keys site.yml
 * lacks inserted; what cannot be merged goes to the job's report.
 */
static void merge(struct nv_imp_job *jobs, size_t n, const struct nv_model *m,
		  struct data_file *ppl, struct data_file *site, struct data_file *prs)
{
	const char *have[NV_IMP_ORG_KEYS] = { m->site.name, m->site.short_name, m->site.founder };
	struct nv_strlist ids = NV_STRLIST_INIT;
	struct nv_buf out = NV_BUF_INIT;
	size_t i, k;

	for (i = 0; i < m->npeople; i++)
		if (m->people[i]->id)
			nv_strlist_add(&ids, m->people[i]->id);
	for (i = 0; i < n; i++) {
		struct nv_imp_job *j = &jobs[i];
		const char *const *found = (const char *const *)j->res.org;

		nv_import_people_add(&j->people, &j->res, base_name(j->arg),
				     ppl->now.len ? ppl->now.ptr[ppl->now.len - 1] : 0, &ids);
		nv_buf_add(&ppl->now, j->people.ptr, j->people.len);
		if (j->res.pairs.len) {
			if (prs->now.len)
				nv_buf_adds(&j->pairs_add,
					    prs->now.ptr[prs->now.len - 1] == '\n' ? "\n" : "\n\n");
			nv_buf_addf(&j->pairs_add, "# добавлено nastavnik import из %s",
				    base_name(j->arg));
			if (j->appendix)
				nv_buf_addf(&j->pairs_add, " (приложение № %d)", j->appendix);
			nv_buf_adds(&j->pairs_add, " — проверьте формы, сроки и программу пар\n");
			nv_buf_add(&j->pairs_add, j->res.pairs.ptr, j->res.pairs.len);
			nv_buf_add(&prs->now, j->pairs_add.ptr, j->pairs_add.len);
		}
		if (!site->exists) {
			if (found[0] || found[1] || found[2])
				nv_strlist_addf(&j->res.propose,
						"%s нет — организация из документа не внесена "
						"(файл не создаётся)",
						site->path);
			continue;
		}
		nv_import_site_merge(site->now.ptr, site->now.len, found, have, &out, &j->site,
				     &j->res.propose);
		nv_buf_reset(&site->now);
		nv_buf_add(&site->now, out.ptr, out.len);
		for (k = 0; k < NV_IMP_ORG_KEYS; k++)
			if (found[k] && !have[k])
				have[k] = found[k];
	}
	nv_buf_release(&out);
	nv_strlist_release(&ids);
}

/* Write data into a temporary file beside path; its name (the caller frees) or NULL. */
static char *write_temp(const char *path, const struct nv_buf *data)
{
	char *tmp = nv_xasprintf("%s.import-XXXXXX", path), *slash = strrchr(tmp, '/');
	int fd, saved;

	if (slash) {
		*slash = '\0';
		if (nv_mkdir_p(tmp) < 0)
			goto fail;
		*slash = '/';
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	if (write(fd, data->ptr, data->len) != (ssize_t)data->len || fchmod(fd, 0644) < 0 ||
	    close(fd) < 0) {
		saved = errno ? errno : EIO;
		close(fd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	return tmp;
fail:
	free(tmp);
	return NULL;
}

/* True if the data file is still as it was read. */
static bool unchanged(const struct data_file *f)
{
	struct nv_buf b = NV_BUF_INIT;
	bool same;

	if (!f->exists)
		return !nv_exists(f->path);
	same = nv_read_file(f->path, 16 << 20, &b) == 0 && b.len == f->was.len &&
	       (!b.len || !memcmp(b.ptr, f->was.ptr, b.len));
	nv_buf_release(&b);
	return same;
}

/* Put one file in place: a new one never replaces a file (link), a data file is renamed over. */
static int put(struct commit *c)
{
	if (c->replace && c->orig && c->orig->exists) {
		if (rename(c->tmp, c->path) < 0)
			return -1;
	} else {
		if (link(c->tmp, c->path) < 0)
			return -1;
		unlink(c->tmp);
	}
	c->done = true;
	return 0;
}

/* Undo what was put in place, and remove the temporary files. */
static void undo(struct commit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i].done && v[i].orig && v[i].orig->exists)
			nv_write_file(v[i].path, v[i].orig->was.ptr, v[i].orig->was.len);
		else if (v[i].done)
			unlink(v[i].path);
		else if (v[i].tmp)
			unlink(v[i].tmp);
	}
}

/*
 * Write every document and the changed data files, all or nothing: first
 * into temporary files, then, if people.yml and site.yml are still as
 * they were read, each put in place; a failure undoes the rest. 0 or -1
 * (after printing why).
 */
static int write_all(struct nv_imp_job *jobs, size_t n, struct data_file *const data[NDATA])
{
	struct commit *v;
	size_t nv = 0, i, k, all = NDATA;
	int rc = 0;

	for (i = 0; i < n; i++)
		all += 1 + jobs[i].res.nfiles;
	v = nv_xcalloc(all, sizeof(*v));
	for (i = 0; i < n; i++) {
		if (!jobs[i].path)
			continue; /* a table of pairs: into pairs.yml */
		v[nv].path = jobs[i].path;
		v[nv++].bytes = &jobs[i].res.text;
		for (k = 0; k < jobs[i].res.nfiles; k++) {
			v[nv].path = jobs[i].pic_paths[k];
			v[nv++].bytes = &jobs[i].res.files[k].pic->data;
		}
	}
	for (i = 0; i < NDATA; i++)
		if (data[i]->now.len != data[i]->was.len ||
		    (data[i]->now.len &&
		     memcmp(data[i]->now.ptr, data[i]->was.ptr, data[i]->now.len))) {
			v[nv].path = data[i]->path;
			v[nv].bytes = &data[i]->now;
			v[nv].replace = true;
			v[nv++].orig = data[i];
		}
	for (i = 0; i < nv && !rc; i++) {
		v[i].tmp = write_temp(v[i].path, v[i].bytes);
		if (!v[i].tmp) {
			fprintf(stderr, "nastavnik: не удалось записать %s: %s\n", v[i].path,
				nv_strerror(errno));
			rc = -1;
		}
	}
	for (i = 0; i < NDATA && !rc; i++)
		if (!unchanged(data[i])) {
			fprintf(stderr,
				"nastavnik: %s изменился во время импорта — запустите импорт ещё "
				"раз\n",
				data[i]->path);
			rc = -1;
		}
	for (i = 0; i < nv && !rc; i++)
		if (put(&v[i]) < 0) {
			fprintf(stderr, "nastavnik: не удалось записать %s: %s\n", v[i].path,
				nv_strerror(errno));
			rc = -1;
		}
	if (rc < 0) {
		undo(v, nv);
		fprintf(stderr, "nastavnik: ничего не записано\n");
	}
	for (i = 0; i < nv; i++)
		free(v[i].tmp);
	free(v);
	return rc;
}

/* After writing: the project checked as `check` does; the exit code. */
static int recheck(const struct nv_global *g2)
{
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	int rc = NV_EXIT_OK;

	if (nv_project_open(&p, g2, false, 1, &d) == -2)
		return NV_EXIT_USAGE;
	nv_diags_sort(&d);
	fflush(stdout);
	nv_diags_print(&d, stderr);
	if (d.errors) {
		fprintf(stderr, "nastavnik: после импорта проверка находит ошибки — допишите то, "
				"что перечислено в отчёте, и запустите nastavnik check\n");
		rc = NV_EXIT_CONTENT;
	}
	nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
}

/* Import the files of jobs[0, *n), and the appendices read with them (*n grows by those). */
static int run(struct nv_imp_job *jobs, size_t *n, const struct nv_global *g, const char *kind,
	       bool dry)
{
	struct nv_global g2 = *g;
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_imp_opts o = { kind, NULL, 0, NULL, NULL, NULL, NULL, 0 };
	const char *root;
	struct nv_guard *guard = NULL;
	struct data_file ppl, site, prs, *const data[NDATA] = { &ppl, &site, &prs };
	struct nv_imp_order *ov;
	size_t i;
	int rc = NV_EXIT_CONTENT, k = 0;

	memset(&ppl, 0, sizeof(ppl));
	memset(&site, 0, sizeof(site));
	memset(&prs, 0, sizeof(prs));

	if (nv_cmd_chdir(g, &root) < 0)
		return NV_EXIT_USAGE;
	if (!strcmp(root, "content"))
		g2.dir = NULL; /* we are in the project now */
	if (nv_project_open(&p, &g2, false, 1, &d) == -2)
		return NV_EXIT_USAGE;
	nv_diags_release(&d); /* the project's own mistakes are check's business */
	o.people = people(&p.model);
	o.npeople = p.model.npeople;
	o.org_name = p.model.site.name;
	o.org_short = p.model.site.short_name;
	o.founder = p.model.site.founder;
	o.orders = ov = orders(&p.model, &o.norders);
	o.programs = programs(&p.model, &o.nprograms);
	o.forms = nv_forms;
	o.school_forms = nv_school_forms;
	o.kinds = nv_mentoring_kinds;
	guard = nv_guard_new(&p.model);
	/* A missing library is the installation's fault, not the file's: exit 2, as other commands.
	 */
	for (i = 0; i < *n; i++) {
		if (jobs[i].appendix ||
		    (k = import_one(jobs, n, i, root, &o, &p.model, guard, &d)) < 0) {
			rc = k == -2 ? NV_EXIT_USAGE : rc;
			continue;
		}
		/* An order imported is one the files after it may cite (an appendix saved apart).
		 */
		if (!strcmp(jobs[i].res.kind, "order") && jobs[i].res.number &&
		    jobs[i].res.date[0]) {
			ov[o.norders].number = jobs[i].res.number;
			memcpy(ov[o.norders].date, jobs[i].res.date, sizeof(ov->date));
			ov[o.norders++].path = jobs[i].path;
		}
	}
	if (!d.errors && data_read(&ppl, root, "people.yml", &d) == 0 &&
	    data_read(&site, root, "site.yml", &d) == 0)
		data_read(&prs, root, "pairs.yml", &d);
	if (d.errors) {
		nv_diags_print(&d, stderr);
		fprintf(stderr, "nastavnik: ничего не записано\n");
		goto out;
	}
	merge(jobs, *n, &p.model, &ppl, &site, &prs);
	for (i = 0; i < *n; i++)
		report(&jobs[i], dry, ppl.path, site.path, prs.path);
	rc = NV_EXIT_OK;
	if (!dry && write_all(jobs, *n, data) < 0)
		rc = NV_EXIT_USAGE;
	if (!dry && rc == NV_EXIT_OK)
		rc = recheck(&g2);
out:
	nv_guard_free(guard);
	data_release(&ppl);
	data_release(&site);
	data_release(&prs);
	free((void *)o.people);
	free((void *)o.orders);
	free((void *)o.programs);
	nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
}

int cmd_import(int argc, char **argv, struct nv_global *g)
{
	const char *kind = NULL, *files[MAX_FILES + 1] = { NULL };
	struct nv_imp_job *jobs;
	bool dry = false;
	size_t n, i, k;
	int rc;
	const struct nv_option opts[] = {
		{ "--kind", NULL, NV_OPT_VALUE, &kind, "вид документа", parse_kind,
		  "неизвестный вид документа «%s»; допустимые: page, position, program, roadmap, "
		  "order, case, news" },
		{ "--dry-run", "-n", NV_OPT_SET, &dry, NULL, NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = {
		"import", opts,	     usage,
		files,	  MAX_FILES, "import: слишком много файлов (лишний — «%s»)"
	};

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	for (n = 0; files[n]; n++)
		;
	if (!n)
		return nv_usage_error(
			"import: укажите файлы, например «nastavnik import prikaz.docx»");
	jobs = nv_xcalloc(MAX_JOBS, sizeof(*jobs));
	for (i = 0; i < n; i++) {
		jobs[i].arg = files[i];
		jobs[i].abs = realpath(files[i], NULL);
		if (!jobs[i].abs) {
			fprintf(stderr, "nastavnik: %s: не удалось открыть файл: %s\n", files[i],
				nv_strerror(errno));
			rc = NV_EXIT_USAGE;
		}
	}
	if (!rc)
		rc = run(jobs, &n, g, kind, dry);
	for (i = 0; i < n; i++) {
		free(jobs[i].abs);
		free(jobs[i].path);
		for (k = 0; k < jobs[i].res.nfiles && jobs[i].pic_paths; k++)
			free(jobs[i].pic_paths[k]);
		free(jobs[i].pic_paths);
		nv_buf_release(&jobs[i].people);
		nv_buf_release(&jobs[i].pairs_add);
		nv_strlist_release(&jobs[i].site);
		nv_imp_doc_release(&jobs[i].doc);
		nv_imp_doc_release(&jobs[i].part);
		nv_imp_result_release(&jobs[i].res);
	}
	free(jobs);
	return rc;
}
