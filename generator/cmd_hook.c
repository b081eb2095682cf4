/*
 * cmd_hook.c: `nastavnik hook install` — a Git pre-commit hook that runs
 * `nastavnik check` on the project, so a commit with a mistake in a
 * document is stopped with the located message. Never replaces a hook it
 * did not write.
 */
#include "common.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "fs.h"

/* The first line after #!: how the hook tells it is ours. */
#define HOOK_MARK "# nastavnik: проверка документов перед фиксацией"

static void usage(void)
{
	puts("Использование: nastavnik [-C КАТАЛОГ] hook install\n"
	     "\n"
	     "Добавляет в репозиторий Git проекта обработчик pre-commit: перед\n"
	     "каждой фиксацией (git commit) он запускает nastavnik check и не даёт\n"
	     "зафиксировать документы с ошибками. Чужой обработчик не заменяется.");
}

/*
 * The repository's hooks folder for the project folder `project`
 * (absolute): the nearest folder upwards with .git, a folder or a
 * worktree's "gitdir:" file. top gets the repository's top folder.
 */
static char *hooks_dir(const char *project, char **top)
{
	char *dir = nv_xstrdup(project), *git, *slash, *hooks = NULL;
	struct nv_buf text = NV_BUF_INIT;
	struct stat st;

	for (;;) {
		git = nv_xasprintf("%s/.git", *dir ? dir : "/");
		if (stat(git, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				hooks = nv_xasprintf("%s/hooks", git);
			} else if (nv_read_file(git, 4096, &text) == 0 &&
				   !strncmp(text.ptr, "gitdir: ", 8)) {
				text.ptr[strcspn(text.ptr, "\r\n")] = '\0';
				hooks = nv_xasprintf("%s/hooks", text.ptr + 8);
			}
			nv_buf_release(&text);
			free(git);
			*top = dir;
			return hooks;
		}
		free(git);
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	*top = NULL;
	return NULL;
}

/* How the hook calls us: "nastavnik" when that is on PATH, else our own path. */
static char *self_command(void)
{
	char self[PATH_MAX], *found;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	const char *path = getenv("PATH");
	char *copy, *p, *tok, *save = NULL;

	if (n <= 0)
		return nv_xstrdup("nastavnik");
	self[n] = '\0';
	copy = nv_xstrdup(path ? path : "");
	for (p = copy; (tok = strtok_r(p, ":", &save)); p = NULL) {
		char *cand = nv_xasprintf("%s/nastavnik", tok);

		found = realpath(cand, NULL);
		free(cand);
		if (found && !strcmp(found, self)) {
			free(found);
			free(copy);
			return nv_xstrdup("nastavnik");
		}
		free(found);
	}
	free(copy);
	return nv_xstrdup(self);
}

static int install(const char *project)
{
	char *top = NULL, *hooks = hooks_dir(project, &top), *path = NULL;
	char *cmd = NULL, *rel;
	struct nv_buf hook = NV_BUF_INIT, text = NV_BUF_INIT;
	int rc = NV_EXIT_USAGE;

	if (!hooks) {
		fprintf(stderr,
			"nastavnik: %s не лежит в репозитории Git\n"
			"  подсказка: создайте его: git init, затем снова nastavnik hook "
			"install\n",
			project);
		goto out;
	}
	path = nv_xasprintf("%s/pre-commit", hooks);
	if (nv_read_file(path, 65536, &text) == 0 && !strstr(text.ptr, HOOK_MARK)) {
		fprintf(stderr,
			"nastavnik: %s уже есть, и он не наш — не заменяю\n"
			"  подсказка: допишите в него строку из «nastavnik hook install "
			"--help» или удалите его\n",
			path);
		goto out;
	}
	cmd = self_command();
	rel = (char *)project + strlen(top);
	nv_buf_addf(&hook,
		    "#!/bin/sh\n" HOOK_MARK "\n# (nastavnik hook install). Пропустить один раз: "
		    "git commit --no-verify\n"
		    "exec '%s' -C \"$(git rev-parse --show-toplevel)%s\" check\n",
		    cmd, rel);
	if (nv_mkdir_p(hooks) < 0 || nv_write_file(path, hook.ptr, hook.len) < 0 ||
	    chmod(path, 0755) < 0) {
		fprintf(stderr, "nastavnik: не удалось записать %s: %s\n", path,
			nv_strerror(errno));
		goto out;
	}
	printf("nastavnik: %s: перед каждой фиксацией запускается nastavnik check\n", path);
	rc = NV_EXIT_OK;
out:
	free(top);
	free(hooks);
	free(path);
	nv_buf_release(&text);
	free(cmd);
	nv_buf_release(&hook);
	return rc;
}

int cmd_hook(int argc, char **argv, struct nv_global *g)
{
	const char *words[1] = { NULL };
	const struct nv_option opts[] = { { NULL, NULL, 0, NULL, NULL, NULL, NULL } };
	const struct nv_cmdline line = {
		"hook", opts, usage, words, 1, "%s: лишний параметр «%s»"
	};
	char *project;
	int rc;

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	if (!words[0] || strcmp(words[0], "install"))
		return nv_usage_error("hook: поддерживается только «nastavnik hook install»");
	project = realpath(g->dir ? g->dir : ".", NULL);
	if (!project) {
		fprintf(stderr, "nastavnik: каталог %s не найден\n", g->dir ? g->dir : ".");
		return NV_EXIT_USAGE;
	}
	rc = install(project);
	free(project);
	return rc;
}
