/*
 * cmd_serve.c: `nastavnik serve` — build into a private folder, serve it
 * on 127.0.0.1 and rebuild on every change; open pages reload themselves.
 *
 * The server is serve.c (serve.h); this file reads the options, turns
 * SIGINT, SIGTERM and SIGHUP into a byte on a pipe the server watches,
 * and prints the result of each build.
 */
#include "common.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "alloc.h"
#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "fs.h"
#include "lazylib.h"
#include "serve.h"
#include "strlist.h"

/* The write end of the stop pipe, for the signal handler. */
static volatile sig_atomic_t stop_write_fd = -1;

static void usage(void)
{
	puts("Использование: nastavnik serve [-C КАТАЛОГ] [-p ПОРТ] [--drafts] [--no-pdf]\n"
	     "\n"
	     "Собирает раздел во временную папку и показывает его в браузере по адресу\n"
	     "http://127.0.0.1:ПОРТ/. После каждого изменения в content/ или в теме\n"
	     "оформления раздел пересобирается, а открытая страница обновляется сама.\n"
	     "Если в документах есть ошибки, вместо страниц показывается их список.\n"
	     "Папку output/ команда не трогает. Остановить — Ctrl+C.\n"
	     "\n"
	     "  -p ПОРТ   порт (по умолчанию 8080; 0 — любой свободный)\n"
	     "  --drafts  включить черновики (draft: true)\n"
	     "  --no-pdf  не печатать документы в PDF (быстрее на больших разделах)");
}

static void on_signal(int sig)
{
	int saved = errno;
	char ch = (char)sig;

	if (stop_write_fd >= 0 && write(stop_write_fd, &ch, 1) < 0) {
		/* Nothing to do: the pipe is full, so a stop is already pending. */
	}
	errno = saved;
}

/*
 * Stop on SIGINT, SIGTERM and SIGHUP. SA_RESETHAND: a second Ctrl+C
 * during a long build stops at once, leaving the temporary folder.
 */
static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NV_ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL); /* a browser that hangs up must not kill us */
}

/*
 * The warnings of the last build, each as "FILE\037MESSAGE\037K" (the
 * K-th alike in its file): a warning is said once, at the build that
 * brought it, not again while it stays (lines may move above it). A
 * build has a few warnings, so lists do.
 */
struct said {
	struct nv_strlist warnings;
};

/* Add w's key to now: the file, the message and how many alike came before. */
static const char *add_key(struct nv_strlist *now, const struct nv_diag *w)
{
	size_t k = 1;

	while (true) {
		char *key = nv_xasprintf("%s\037%s\037%zu", w->file ? w->file : "", w->msg, k);

		if (!nv_strlist_has(now, key)) {
			nv_strlist_add(now, key);
			free(key);
			return now->v[now->nr - 1];
		}
		free(key);
		k++;
	}
}

/*
 * Print the build's errors and its warnings not said at the last build;
 * count the rest. The warnings said become this build's.
 */
static void print_new(struct said *said, const struct nv_diags *d)
{
	struct nv_diags out = NV_DIAGS_INIT;
	struct nv_strlist now = NV_STRLIST_INIT;
	const struct nv_diag *w;
	struct nv_diag *c;
	size_t i, kept = 0;

	for (i = 0; i < d->nr; i++) {
		w = &d->v[i];
		if (w->severity == NV_WARNING &&
		    nv_strlist_has(&said->warnings, add_key(&now, w))) {
			kept++;
			continue;
		}
		c = nv_diag_add(&out, w->severity, w->file, w->line, w->col, "%s", w->msg);
		if (w->hint)
			nv_diag_hint(c, "%s", w->hint);
	}
	nv_diags_print(&out, stderr);
	if (kept)
		fprintf(stderr, "nastavnik: ещё %zu %s — как в прошлой сборке, не повторяю\n", kept,
			nv_plural(kept, "предупреждение", "предупреждения", "предупреждений"));
	nv_diags_release(&out);
	nv_strlist_release(&said->warnings);
	said->warnings = now;
}

static void on_build(void *ctx, const struct nv_serve_report *r)
{
	print_new(ctx, r->diags);
	if (r->status == NV_BUILD_OK)
		printf("nastavnik: сборка %lu — готово за %ld мс\n", r->number, r->ms);
	else if (r->status == NV_BUILD_CONTENT_ERRORS)
		fprintf(stderr,
			"nastavnik: сборка %lu — найдено %zu %s; в браузере вместо страниц "
			"показан их список\n",
			r->number, r->diags->errors,
			nv_plural(r->diags->errors, "ошибка", "ошибки", "ошибок"));
	else
		fprintf(stderr, "nastavnik: сборка %lu не удалась; причина — выше и в браузере\n",
			r->number);
	fflush(stdout);
	fflush(stderr);
}

/* Parse PORT: 0…65535. */
static int parse_port(const char *a, void *port)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(a, &end, 10);
	if (!*a || *end || errno || v < 0 || v > 65535)
		return -1;
	*(int *)port = (int)v;
	return 0;
}

int cmd_serve(int argc, char **argv, struct nv_global *g)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_serve_opts o;
	struct nv_serve *s = NULL;
	const char *watch[4];
	size_t nw = 0;
	int pipefd[2] = { -1, -1 }, rc;
	const struct nv_option opts[] = {
		{ "--drafts", NULL, NV_OPT_SET, &o.build.drafts, NULL, NULL, NULL },
		{ "--no-pdf", NULL, NV_OPT_CLEAR, &o.build.pdf, NULL, NULL, NULL },
		{ "--port", "-p", NV_OPT_VALUE, &o.port, "порт", parse_port,
		  "порт — число от 0 до 65535, а не «%s»" },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = { "serve", opts, usage, NULL, 0, NULL };
	struct said said = { NV_STRLIST_INIT };

	memset(&o, 0, sizeof(o));
	o.build.content = "content";
	o.build.pdf = true;
	o.port = 8080;
	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	rc = NV_EXIT_USAGE;
	if (nv_cmd_chdir(g, &o.build.content) < 0)
		return NV_EXIT_USAGE;
	if (!nv_is_dir(o.build.content)) {
		nv_diag_hint(nv_error(&d, o.build.content, 0, 0, "каталог с документами не найден"),
			     "запустите nastavnik в каталоге проекта, где лежит папка content/, "
			     "или укажите его: nastavnik serve -C КАТАЛОГ");
		goto out;
	}
	/* The theme as nv_build() finds it in a project, and the overrides. */
	watch[nw++] = o.build.content;
	if (nv_is_dir("themes/default"))
		watch[nw++] = "themes/default";
	if (nv_is_dir("theme"))
		watch[nw++] = "theme";
	watch[nw] = NULL;
	o.watch = watch;
	o.on_build = on_build;
	o.ctx = &said;

	if (pipe(pipefd) < 0 || fcntl(pipefd[1], F_SETFL, O_NONBLOCK) < 0 ||
	    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC) < 0) {
		nv_error(&d, NULL, 0, 0, "не удалось создать канал: %s", nv_strerror(errno));
		goto out;
	}
	o.stop_fd = pipefd[0];
	stop_write_fd = pipefd[1];
	catch_signals();
	/* Build results and the address must reach a pipe or a log at once. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (nv_lib_load(NV_LIB_MHD, &d) < 0)
		goto out;
	s = nv_serve_new(&o, &d);
	if (!s)
		goto out;
	nv_serve_rebuild(s);
	printf("nastavnik: предпросмотр на http://127.0.0.1:%d/ (Ctrl+C — остановить)\n",
	       nv_serve_port(s));
	if (nv_serve_run(s, &d) < 0)
		goto out;
	rc = NV_EXIT_OK;
out:
	nv_serve_free(s);
	nv_strlist_release(&said.warnings);
	nv_diags_print(&d, stderr);
	if (rc == NV_EXIT_OK)
		puts("nastavnik: предпросмотр остановлен");
	stop_write_fd = -1;
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	nv_diags_release(&d);
	return rc;
}
