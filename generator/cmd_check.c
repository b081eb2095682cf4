/*
 * cmd_check.c: `nastavnik check` — load the content folder and print every
 * diagnostic, writing nothing.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "build.h"
#include "cmd.h"
#include "content.h"
#include "diag.h"
#include "html.h"
#include "model.h"
#include "project.h"

/* «проверено 8 документов, 3 файла данных и 2 вложения: ошибок нет», or the errors found. */
static void print_summary(const struct nv_content *c, const struct nv_model *m,
			  const struct nv_diags *d)
{
	if (d->errors)
		fprintf(stderr, "nastavnik: найдено %zu %s", d->errors,
			nv_plural(d->errors, "ошибка", "ошибки", "ошибок"));
	else if (m->nattachments)
		printf("nastavnik: проверено %zu %s, %zu %s данных и %zu %s: ошибок нет", c->ndocs,
		       nv_plural(c->ndocs, "документ", "документа", "документов"), c->ndata,
		       nv_plural(c->ndata, "файл", "файла", "файлов"), m->nattachments,
		       nv_plural(m->nattachments, "вложение", "вложения", "вложений"));
	else
		printf("nastavnik: проверено %zu %s и %zu %s данных: ошибок нет", c->ndocs,
		       nv_plural(c->ndocs, "документ", "документа", "документов"), c->ndata,
		       nv_plural(c->ndata, "файл", "файла", "файлов"));
	if (d->warnings)
		fprintf(d->errors ? stderr : stdout, ", %zu %s", d->warnings,
			nv_plural(d->warnings, "предупреждение", "предупреждения",
				  "предупреждений"));
	fputc('\n', d->errors ? stderr : stdout);
}

/* How many files check may be named at once. */
#define NAMED_MAX 64

/* «в указанных файлах ошибок нет», or their errors, and those of the rest. */
static void print_named_summary(const struct nv_diags *d, size_t others)
{
	FILE *out = d->errors || others ? stderr : stdout;

	if (d->errors)
		fprintf(out, "nastavnik: в указанных файлах %zu %s", d->errors,
			nv_plural(d->errors, "ошибка", "ошибки", "ошибок"));
	else
		fputs("nastavnik: в указанных файлах ошибок нет", out);
	if (d->warnings)
		fprintf(out, ", %zu %s", d->warnings,
			nv_plural(d->warnings, "предупреждение", "предупреждения",
				  "предупреждений"));
	if (others)
		fprintf(out, "; в других файлах проекта ещё %zu %s — покажет nastavnik check",
			others, nv_plural(others, "ошибка", "ошибки", "ошибок"));
	fputc('\n', out);
}

static void usage(void)
{
	puts("Использование: nastavnik check [-C КАТАЛОГ] [--drafts] [--dump] [-j "
	     "N] [ФАЙЛ...]\n"
	     "\n"
	     "Проверяет все документы и файлы данных в content/ и выводит все\n"
	     "найденные ошибки с файлом, строкой и столбцом. Ничего не "
	     "записывает.\n"
	     "С именами файлов (content/orders/o-vnedrenii.md, people.yml) или\n"
	     "документов (o-vnedrenii) выводит только их ошибки, а об ошибках\n"
	     "в остальных файлах сообщает числом.\n"
	     "\n"
	     "  --drafts  проверять и черновики (draft: true)\n"
	     "  --dump    вывести разобранную модель (для отладки и тестов)\n"
	     "  -j N      разбирать файлы в N потоков (по умолчанию — по числу "
	     "процессоров)");
}

/* Whether path («content/orders/o-vnedrenii.md», «orders/x.md») is the document id's file. */
static bool id_file(const char *path, const char *id)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(id);

	base = base ? base + 1 : path;
	return !strncmp(base, id, n) && !strcmp(base + n, ".md");
}

/* The real path of the document id, loaded or not for its errors; NULL when none. */
static char *id_path(const struct nv_content *c, const char *id)
{
	char *path, *real;
	size_t i;

	for (i = 0; i < c->ndocs; i++)
		if (id_file(c->docs[i]->path, id))
			return realpath(c->docs[i]->path, NULL);
	for (i = 0; i < c->broken.nr; i++)
		if (id_file(c->broken.v[i], id)) {
			path = nv_xasprintf("%s/%s", c->root, c->broken.v[i]);
			real = realpath(path, NULL);
			free(path);
			return real;
		}
	return NULL;
}

/*
 * The real paths of the files named (as the user typed them) or of the
 * documents with those ids, into real; an error in d for one that is
 * neither. Returns how many it found.
 */
static size_t named_files(const struct nv_project *p, const char *const *names, size_t n,
			  char **real, struct nv_diags *d)
{
	char *path;
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		/* as typed; in the content folder («people.yml»); a document's id */
		path = nv_cmd_user_path(names[i]);
		if (!(real[k] = realpath(path, NULL))) {
			free(path);
			path = nv_xasprintf("%s/%s", p->content.root, names[i]);
			real[k] = realpath(path, NULL);
		}
		if (!real[k])
			real[k] = id_path(&p->content, names[i]);
		if (real[k])
			k++;
		else
			nv_cmd_doc_hint(
				nv_error(d, NULL, 0, 0, "нет файла или документа «%s»", names[i]),
				&p->model, names[i]);
		free(path);
	}
	return k;
}

/* The real paths of the files named, for of_files(). */
struct named {
	char *const *real;
	size_t n;
};

/* Whether g is a message of one of the files named (struct named), or of none. */
static bool of_files(const struct nv_diag *g, void *arg)
{
	const struct named *f = arg;
	char *path;
	size_t i;
	bool of = !g->file;

	if (!of && (path = realpath(g->file, NULL))) {
		for (i = 0; i < f->n && !of; i++)
			of = !strcmp(path, f->real[i]);
		free(path);
	}
	return of;
}

/*
 * The messages of the files named only (none: all), and the line that
 * sums them up; the process's exit code.
 */
static int report(const struct nv_project *p, const char *const *names, size_t n,
		  struct nv_diags *d)
{
	struct nv_diags missing = NV_DIAGS_INIT;
	char *real[NAMED_MAX];
	size_t i, found = 0, others = 0;

	if (n) {
		found = named_files(p, names, n, real, &missing);
		if (found < n) {
			nv_diags_print(&missing, stderr);
			nv_diags_release(&missing);
			for (i = 0; i < found; i++)
				free(real[i]);
			return NV_EXIT_USAGE;
		}
		others = nv_diags_keep(d, of_files, &(struct named){ real, found }, NULL);
		for (i = 0; i < found; i++)
			free(real[i]);
	}
	nv_diags_sort(d);
	fflush(stdout);
	nv_diags_print(d, stderr);
	if (!n)
		print_summary(&p->content, &p->model, d);
	else
		print_named_summary(d, others);
	return d->errors ? NV_EXIT_CONTENT : NV_EXIT_OK;
}

int cmd_check(int argc, char **argv, struct nv_global *g)
{
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	bool drafts = false, dump = false;
	int jobs = 0, rc;
	const struct nv_option opts[] = {
		{ "--drafts", NULL, NV_OPT_SET, &drafts, NULL, NULL, NULL },
		{ "--dump", NULL, NV_OPT_SET, &dump, NULL, NULL, NULL },
		{ "-j", NULL, NV_OPT_JOBS, &jobs, NULL, NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const char *names[NAMED_MAX] = { NULL };
	const struct nv_cmdline line = {
		"check", opts,	    usage,
		names,	 NAMED_MAX, "%s: не больше 64 файлов за раз, а «%s» — уже 65-й"
	};
	size_t n;

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	switch (nv_project_open(&p, g, drafts, jobs, &d)) {
	case -2:
		return NV_EXIT_USAGE;
	case -1:
		nv_diags_print(&d, stderr);
		rc = NV_EXIT_USAGE;
		goto out;
	}
	/* The templates are on every page: what the build would refuse in them (html.h). */
	if (p.model.guard) {
		char *theme = nv_build_theme_dir();
		nv_html_check_theme(p.model.guard, "theme", theme, &d);
		free(theme);
	}
	if (dump) {
		struct nv_buf out = NV_BUF_INIT;
		nv_model_dump(&out, &p.model);
		fwrite(out.ptr, 1, out.len, stdout);
		nv_buf_release(&out);
	}
	for (n = 0; n < NAMED_MAX && names[n];)
		n++;
	rc = report(&p, names, n, &d);
	/* The process exits at once: freeing the content and the model block
	 * by block would only cost, unless a leak checker watches. */
	if (nv_leak_checked())
		nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
out:
	nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
}
