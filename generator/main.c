/*
 * main.c: global options and the command table.
 *
 * Each command lives in its own generator/cmd_*.c (as git's builtins);
 * this file only finds it and handles the options that come before it.
 */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

#include "cmd.h"
#include "diag.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct nv_global *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "build", cmd_build, "проверить документы и собрать раздел сайта в output/site" },
	{ "check", cmd_check, "проверить документы в content/ и показать все ошибки" },
	{ "new", cmd_new, "создать заготовку документа: nastavnik new order o-vnedrenii" },
	{ "print", cmd_print, "напечатать документ в PDF по ГОСТ Р 7.0.97" },
	{ "serve", cmd_serve, "показать раздел в браузере и пересобирать при изменениях" },
};

static void print_help(FILE *out)
{
	size_t i;

	fputs("Использование: nastavnik [-C КАТАЛОГ] КОМАНДА [ПАРАМЕТРЫ]\n"
	      "\n"
	      "nastavnik собирает раздел «Наставничество» школьного сайта и документы\n"
	      "для печати (приказы, положения, программы, дорожные карты) из текстов\n"
	      "в формате Markdown, которые лежат в папке content/.\n"
	      "\n"
	      "Команды:\n",
	      out);
	for (i = 0; i < NV_ARRAY_SIZE(commands); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Общие параметры:\n"
	      "  -C КАТАЛОГ     работать в КАТАЛОГЕ проекта (в нём лежит content/)\n"
	      "  -h, --help     показать эту справку\n"
	      "  -V, --version  показать версию\n"
	      "\n"
	      "Коды выхода: 0 — успешно, 1 — ошибки в документах, 2 — ошибка запуска.\n"
	      "Подробнее: man nastavnik, man 5 nastavnik.\n",
	      out);
}

int nv_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("nastavnik: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nСписок команд и параметров: nastavnik --help\n", stderr);
	return NV_EXIT_USAGE;
}

int nv_opt_directory(int argc, char **argv, int *i, struct nv_global *g)
{
	const char *a = argv[*i];

	if (!strcmp(a, "-C") || !strcmp(a, "--directory")) {
		if (*i + 1 >= argc) {
			nv_usage_error("после %s нужно указать каталог", a);
			return -1;
		}
		g->dir = argv[++*i];
		return 1;
	}
	if (!strncmp(a, "-C", 2)) {
		g->dir = a + 2;
		return 1;
	}
	if (!strncmp(a, "--directory=", 12)) {
		g->dir = a + 12;
		return 1;
	}
	return 0;
}

int nv_opt_jobs(const char *cmd, int argc, char **argv, int *i, int *jobs)
{
	const char *a = argv[*i], *n = a[2] ? a + 2 : *i + 1 < argc ? argv[++*i] : "";
	char *end;
	long v = strtol(n, &end, 10);

	if (!*n || *end || v < 1 || v > 256) {
		nv_usage_error("%s: после -j нужно число потоков от 1 до 256, а не «%s»", cmd, n);
		return -1;
	}
	*jobs = (int)v;
	return 0;
}

int nv_open_project(const struct nv_global *g, const char **root)
{
	struct stat st;
	char *content;
	bool project;

	*root = "content";
	if (!g->dir)
		return 0;
	if (stat(g->dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "nastavnik: не удалось перейти в каталог «%s»: %s\n", g->dir,
			stat(g->dir, &st) < 0 ? nv_strerror(errno) : "это не каталог");
		return -1;
	}
	content = nv_xasprintf("%s/content", g->dir);
	project = stat(content, &st) == 0 && S_ISDIR(st.st_mode);
	free(content);
	if (!project) {
		*root = g->dir; /* DIR is the content folder itself */
		return 0;
	}
	if (chdir(g->dir) < 0) {
		fprintf(stderr, "nastavnik: не удалось перейти в каталог «%s»: %s\n", g->dir,
			nv_strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nv_global g = { NULL };
	int i, r;
	size_t k;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(stdout);
			return NV_EXIT_OK;
		}
		if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("nastavnik %s\n", NV_VERSION);
			return NV_EXIT_OK;
		}
		r = nv_opt_directory(argc, argv, &i, &g);
		if (r < 0)
			return NV_EXIT_USAGE;
		if (r == 0)
			return nv_usage_error("неизвестный параметр «%s»", a);
	}
	if (i >= argc) {
		print_help(stderr);
		return NV_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		print_help(stdout);
		return NV_EXIT_OK;
	}
	for (k = 0; k < NV_ARRAY_SIZE(commands); k++)
		if (!strcmp(argv[i], commands[k].name))
			return commands[k].fn(argc - i, argv + i, &g);
	return nv_usage_error("неизвестная команда «%s»", argv[i]);
}
