/*
 * cmd_deploy.c: `nastavnik deploy [--dry-run]` — publish the built site
 * (OUT/site) to site.yml's `deploy:` target, sending only what changed.
 *
 * The work is done by nv_deploy() (deploy.h); this file finds the target
 * and the site, shows progress on a terminal and prints the summary.
 */
#include "common.h"

#include <stdlib.h>
#include <unistd.h>

#include "alloc.h"
#include "cmd.h"
#include "deploy.h"
#include "diag.h"
#include "fs.h"
#include "project.h"

static void usage(void)
{
	puts("Использование: nastavnik deploy [-C КАТАЛОГ] [-o ПАПКА] [--dry-run]\n"
	     "\n"
	     "Публикует собранный раздел (ПАПКА/site, по умолчанию output/site) на сайт\n"
	     "школы по адресу из поля deploy в content/site.yml: sftp://, ftp://, ftps://,\n"
	     "http(s):// (WebDAV) или file:// (общая папка). Отправляет только изменённые\n"
	     "файлы и удаляет с сервера те, которых больше нет; прерванную публикацию\n"
	     "продолжает следующий запуск.\n"
	     "\n"
	     "  -o ПАПКА    где лежит собранный сайт (по умолчанию output)\n"
	     "  --dry-run   только показать, что будет отправлено и удалено\n"
	     "\n"
	     "Имя и пароль — только из окружения (NASTAVNIK_DEPLOY_USER,\n"
	     "NASTAVNIK_DEPLOY_PASSWORD, для SFTP ключ NASTAVNIK_DEPLOY_KEY) или ~/.netrc.");
}

/* n bytes as Russian text: «512 байт», «12,3 КБ», «4,1 МБ». */
static void format_size(uint64_t n, char *out, size_t size)
{
	char *dot;

	if (n < 1024)
		snprintf(out, size, "%llu %s", (unsigned long long)n,
			 nv_plural(n, "байт", "байта", "байт"));
	else if (n < 1024 * 1024)
		snprintf(out, size, "%.1f КБ", (double)n / 1024);
	else
		snprintf(out, size, "%.1f МБ", (double)n / (1024 * 1024));
	dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

static void show_progress(void *ctx, size_t done, size_t total, const char *path)
{
	(void)ctx;
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", done + 1, total, path);
	fflush(stderr);
}

static void print_plan(const struct nv_deploy_plan *p)
{
	size_t i;

	for (i = 0; i < p->send.nr; i++)
		printf("отправить: %s\n", p->send.v[i].path);
	for (i = 0; i < p->remove.nr; i++)
		printf("удалить: %s\n", p->remove.v[i].path);
}

static const char *files(size_t n)
{
	return nv_plural(n, "файл", "файла", "файлов");
}

static void print_summary(const struct nv_deploy_result *r, const char *shown, bool dry)
{
	char size[32], secs[32], *dot;

	format_size(dry ? r->plan.bytes : r->bytes, size, sizeof(size));
	snprintf(secs, sizeof(secs), "%.1f", r->seconds);
	dot = strchr(secs, '.');
	if (dot)
		*dot = ',';
	if (dry)
		printf("nastavnik: %s: будет отправлено %zu %s (%s), удалено %zu, без изменений "
		       "%zu\n",
		       shown, r->plan.send.nr, files(r->plan.send.nr), size, r->plan.remove.nr,
		       r->plan.unchanged);
	else if (!r->sent && !r->removed)
		printf("nastavnik: на %s уже всё как в собранном сайте: без изменений %zu %s\n",
		       shown, r->plan.unchanged, files(r->plan.unchanged));
	else
		printf("nastavnik: опубликовано на %s: отправлено %zu %s (%s), удалено %zu, без "
		       "изменений %zu, за %s с\n",
		       shown, r->sent, files(r->sent), size, r->removed, r->plan.unchanged, secs);
}

/* The target from site.yml, or NULL after printing why there is none. */
static const char *target(struct nv_project *p, struct nv_diags *d)
{
	char *folder;
	bool in;

	if (d->errors) {
		nv_diags_sort(d);
		nv_diags_print(d, stderr);
		fprintf(stderr, "nastavnik: в документах есть ошибки — исправьте их и соберите "
				"сайт заново (nastavnik build)\n");
		return NULL;
	}
	if (!p->model.site.deploy) {
		nv_diag_hint(
			nv_error(d, p->model.site_yml, 0, 0, "не указано, куда публиковать сайт"),
			"добавьте в site.yml строку вида «deploy: sftp://school14.example/"
			"var/www/nastavnik/» (см. man 5 nastavnik)");
		nv_diags_print(d, stderr);
		return NULL;
	}
	folder = nv_deploy_folder(p->model.site.deploy);
	in = folder && nv_cmd_in_content(folder, p->content.root ? p->content.root : "content");
	free(folder);
	if (in) {
		/* the next build would take the published site for attachments */
		nv_diag_hint(
			nv_error(d, p->model.site_yml, 0, 0,
				 "поле «deploy»: папка публикации внутри content/, и следующая "
				 "сборка приняла бы опубликованные страницы за вложения"),
			"укажите папку вне проекта, например deploy: file:///srv/www/nastavnik/");
		nv_diags_print(d, stderr);
		return NULL;
	}
	return p->model.site.deploy;
}

int cmd_deploy(int argc, char **argv, struct nv_global *g)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;
	struct nv_deploy_result r;
	struct nv_deploy_opts o = { NULL, NULL, false, NULL, NULL, NULL };
	const char *out = "output";
	char *site = NULL, *shown = NULL, *dir = NULL;
	int rc;
	const struct nv_option opts[] = {
		{ "--dry-run", NULL, NV_OPT_SET, &o.dry_run, NULL, NULL, NULL },
		{ "-o", NULL, NV_OPT_VALUE, &out, NULL, NULL, NULL },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "deploy", opts, usage, NULL, 0, NULL };

	memset(&r, 0, sizeof(r));
	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	switch (nv_project_open(&p, g, false, 0, &d)) {
	case -2:
		return NV_EXIT_USAGE;
	case -1:
		nv_diags_print(&d, stderr);
		rc = NV_EXIT_USAGE;
		goto out;
	}
	o.url = target(&p, &d);
	if (!o.url) {
		rc = NV_EXIT_CONTENT;
		goto out;
	}
	dir = nv_cmd_user_path(out);
	site = nv_xasprintf("%s/site", dir);
	if (!nv_is_dir(site)) {
		fprintf(stderr,
			"nastavnik: сайт ещё не собран: нет папки %s\n"
			"  подсказка: сначала соберите его: nastavnik build\n",
			site);
		rc = NV_EXIT_USAGE;
		goto out;
	}
	o.site = site;
	o.guard = nv_deploy_guard_new(&p.model, dir, site);
	if (isatty(STDERR_FILENO) && !o.dry_run)
		o.progress = show_progress;
	shown = nv_deploy_url_shown(o.url);
	rc = nv_deploy(&o, &r, &d) < 0 ? (r.refused ? NV_EXIT_CONTENT : NV_EXIT_USAGE) : NV_EXIT_OK;
	if (o.progress && r.plan.send.nr + r.plan.remove.nr)
		fputs("\r\033[K", stderr);
	nv_diags_print(&d, stderr);
	if (rc == NV_EXIT_OK && o.dry_run)
		print_plan(&r.plan);
	if (rc == NV_EXIT_OK)
		print_summary(&r, shown, o.dry_run);
	else if (r.refused)
		fprintf(stderr, "nastavnik: найдено %zu %s; ничего не отправлено\n", d.errors,
			nv_plural(d.errors, "ошибка", "ошибки", "ошибок"));
	else if (r.plan.send.nr + r.plan.remove.nr)
		fprintf(stderr,
			"nastavnik: публикация прервана: отправлено %zu из %zu, удалено %zu "
			"из %zu; на сервере отмечено только то, что дошло\n",
			r.sent, r.plan.send.nr, r.removed, r.plan.remove.nr);
out:
	nv_deploy_guard_free(o.guard);
	nv_project_release(&p);
	nv_deploy_result_release(&r);
	free(dir);
	free(site);
	free(shown);
	nv_diags_release(&d);
	return rc;
}
