/*
 * main.c: global options and the command table.
 *
 * Each command lives in its own generator/cmd_*.c (as git's builtins);
 * what they share is in cmd.c. This file only finds the command and
 * handles the options that come before it.
 */
#include "common.h"

#include "cmd.h"

/*
 * jemalloc's options, read when it starts (an unused symbol under another
 * malloc; MALLOC_CONF in the environment still wins). A cold build
 * touches some 200 MB of fresh memory: in 4 KB pages that is 60,000 page
 * faults, an eighth of its CPU; in transparent huge pages, 2 MB each, it
 * is 6,500 (10,000-document build: wall 0.66 -> 0.56 s, CPU 1.23 ->
 * 1.04 s; `print` of one order 37 -> 34 ms). One arena a core, not
 * four: each arena's last huge page is partly used (with four a core the
 * peak was 213 MB, not 201), and the threads of a core share one. With
 * one arena for all, the threads waited for it: on 2 cores an arena
 * each takes 2 % less CPU and wall time, with the same peak (190 MB).
 */
const char *malloc_conf = "thp:always,percpu_arena:percpu";

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct nv_global *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "build", cmd_build, "проверить документы и собрать раздел сайта в output/site" },
	{ "check", cmd_check, "проверить документы в content/ и показать все ошибки" },
	{ "deploy", cmd_deploy, "опубликовать собранный раздел на сайте школы (поле deploy)" },
	{ "hook", cmd_hook, "проверять документы перед каждой фиксацией: nastavnik hook install" },
	{ "import", cmd_import,
	  "перенести документы .docx, .odt, .txt в content/ с полями и отчётом" },
	{ "init", cmd_init, "создать проект: настройки, люди, примеры документов, CI" },
	{ "new", cmd_new, "создать заготовку документа: nastavnik new order o-vnedrenii" },
	{ "print", cmd_print, "напечатать документ в PDF по ГОСТ Р 7.0.97" },
	{ "report", cmd_report, "отчёт для региона в .xlsx: nastavnik report --xlsx отчёт.xlsx" },
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

int main(int argc, char **argv)
{
	struct nv_global g = { NULL };
	const char *names[NV_ARRAY_SIZE(commands)], *near, *why;
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
	for (k = 0; k < NV_ARRAY_SIZE(commands); k++) {
		if (!strcmp(argv[i], commands[k].name))
			return commands[k].fn(argc - i, argv + i, &g);
		names[k] = commands[k].name;
	}
	if ((near = nv_cmd_suggest(argv[i], names, NV_ARRAY_SIZE(commands), &why)))
		return nv_usage_error("неизвестная команда «%s» — возможно, «%s»%s", argv[i], near,
				      why);
	return nv_usage_error("неизвестная команда «%s»", argv[i]);
}
