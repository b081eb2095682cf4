/*
 * build_print.c: a build's PDFs: printed in child processes, judged
 * public or not by the guard, copied beside their pages and measured;
 * see build_int.h.
 */
#include "common.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "build_cache.h"
#include "build_int.h"
#include "diag.h"
#include "fs.h"
#include "guard.h"
#include "html.h"
#include "model.h"
#include "print.h"

/*
 * Print the documents that are printed this time, taking each next one
 * from the counter *next that all printing processes share (a long
 * положение and a one-page order cost ten times apart: shares fixed in
 * advance left one process idle for a third of the time). A document's
 * bytes do not depend on the process nor on what it printed before.
 */
static int print_share(struct nv_print_state *ps, const struct nv_model *m, const bool *render,
		       const char *dir, size_t *next)
{
	size_t i;
	char *path;
	int rc = 0;

	while ((i = __atomic_fetch_add(next, 1, __ATOMIC_RELAXED)) < m->nentries) {
		const struct nv_entry *e = m->entries[i];
		if (!nv_kind_printed(e->kind) || (render && !render[i]))
			continue;
		path = nv_xasprintf("%s/%s.pdf", dir, e->id);
		if (nv_print_document(ps, e, path, NULL) < 0)
			rc = -1;
		free(path);
		bld_test_pause("printed-one");
	}
	return rc;
}

/* Read a child's report: lines "FILE\tMESSAGE", its errors. */
static void read_report(int fd, struct nv_diags *d)
{
	struct nv_buf b = NV_BUF_INIT;
	char chunk[4096], *p, *eol, *tab;
	ssize_t k;

	while ((k = read(fd, chunk, sizeof(chunk))) > 0 || (k < 0 && errno == EINTR))
		if (k > 0)
			nv_buf_add(&b, chunk, (size_t)k);
	for (p = b.ptr; (eol = strchr(p, '\n')); p = eol + 1) {
		*eol = '\0';
		if ((tab = strchr(p, '\t'))) {
			*tab = '\0';
			nv_error(d, *p ? p : NULL, 0, 0, "%s", tab + 1);
		}
	}
	nv_buf_release(&b);
}

/*
 * A PDF worker (a child process): print documents from the shared
 * counter next into print_dir, report the errors on the pipe fd, exit.
 */
NV_NORETURN static void worker(struct nv_print_state *ps, const struct nv_model *m,
			       const bool *render, const char *print_dir, size_t *next,
			       pid_t parent, int fd, struct nv_diags *d)
{
	size_t i, mark = d->nr;
	FILE *f;
	int st;

	/*
	 * A worker dies with the build: killed, it must not go on writing
	 * into a staging folder nobody will remove. If the parent died before
	 * prctl, it is already orphaned and goes at once.
	 */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(1);
	st = print_share(ps, m, render, print_dir, next);
	f = fdopen(fd, "w");
	for (i = mark; f && i < d->nr; i++)
		if (d->v[i].severity == NV_ERROR)
			fprintf(f, "%s\t%s\n", d->v[i].file ? d->v[i].file : "", d->v[i].msg);
	if (f)
		fclose(f);
	_exit(st < 0 ? 1 : 0);
}

/*
 * Print every order, положение, program and roadmap (with render: only
 * the entries i with render[i]) into print_dir, before the site is
 * rendered: the pages state the size of the PDFs they link.
 *
 * With jobs > 1, child processes print shares of the documents. Not
 * threads: Pango and Cairo share caches between threads, and documents
 * laid out at the same time get glyph offsets a hair apart, so the bytes
 * would depend on the threads. A child is a copy of this process after
 * the model is done and before the site is rendered (no other thread runs then); it prints
 * its share as this process would and reports its errors on a pipe.
 */
#define MANY_DOCS 8 /* printed by several processes, and kept texts forgotten after */

int bld_print_all(struct nv_print_state *ps, const struct nv_model *m, const bool *render, int jobs,
		  const char *print_dir, struct nv_diags *d)
{
	size_t i, n = 0, t, nproc = 1, *next, one = 0;
	pid_t *pid, parent;
	int *fd, fds[2], st, rc = 0;

	for (i = 0; i < m->nentries; i++)
		n += nv_kind_printed(m->entries[i]->kind) && (!render || render[i]);
	if (jobs > 1 && n >= MANY_DOCS)
		nproc = (size_t)jobs;
	/* The counter of the next document, in memory the children share. */
	next = nproc > 1 ? mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0)
			 : MAP_FAILED;
	if (next == MAP_FAILED) {
		next = &one;
		nproc = 1;
	}
	*next = 0;
	pid = nv_xcalloc(nproc, sizeof(*pid));
	fd = nv_xcalloc(nproc, sizeof(*fd));
	fflush(NULL); /* nothing buffered may be written twice */
	parent = getpid();
	for (t = 1; t < nproc; t++) {
		pid[t] = -1;
		if (pipe(fds) < 0)
			continue;
		pid[t] = fork();
		if (pid[t] == 0) {
			close(fds[0]);
			free(pid); /* the worker's copy: it exits without returning here */
			free(fd);
			worker(ps, m, render, print_dir, next, parent, fds[1], d);
		}
		close(fds[1]);
		fd[t] = fds[0];
		if (pid[t] < 0)
			close(fd[t]);
	}
	/* What a process that failed to start would have printed is printed here. */
	if (print_share(ps, m, render, print_dir, next) < 0)
		rc = -1;
	for (t = 1; t < nproc; t++) {
		if (pid[t] < 0)
			continue;
		read_report(fd[t], d);
		close(fd[t]);
		while (waitpid(pid[t], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			rc = -1;
			if (!d->errors)
				nv_error(d, print_dir, 0, 0,
					 "печать прервана: процесс печати завершился аварийно");
		}
	}
	if (next != &one)
		munmap(next, sizeof(*next));
	/* The texts this process kept would add to the peak of the site's render. */
	if (n >= MANY_DOCS)
		nv_print_forget(ps);
	free(pid);
	free(fd);
	return rc;
}

/* Copy the PDFs the site may publish from print_dir next to their pages in site_dir. */
int bld_copy_public(const struct nv_html_state *html, const char *print_dir, const char *site_dir,
		    struct nv_diags *d)
{
	const struct nv_entry *const *pub;
	struct nv_buf data = NV_BUF_INIT;
	size_t i, n = nv_html_public_pdfs(html, &pub);
	char *path, *dst;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		path = nv_xasprintf("%s/%s.pdf", print_dir, pub[i]->id);
		dst = nv_xasprintf("%s/%s/%s.pdf", site_dir, nv_kind_dirs[pub[i]->kind],
				   pub[i]->id);
		if (nv_read_file(path, (size_t)256 << 20, &data) < 0 ||
		    nv_write_new_file(dst, data.ptr, data.len) < 0) {
			nv_error(d, dst, 0, 0, "не удалось записать файл: %s", nv_strerror(errno));
			rc = -1;
		}
		free(path);
		free(dst);
	}
	nv_buf_release(&data);
	return rc;
}

/* --- which printed PDFs the website may publish -------------------------------- */

/* A warning at each body's link to the PDF of one of the n documents in off. */
static void warn_links(const struct nv_model *m, const struct nv_entry *const *off, size_t n,
		       struct nv_diags *d)
{
	const struct nv_pdf_link *l;
	size_t i, k, t;

	for (i = 0; i < m->nentries; i++)
		for (k = 0; k < m->entries[i]->npdf_links; k++) {
			l = &m->entries[i]->pdf_links[k];
			for (t = 0; t < n && off[t] != l->to; t++)
				;
			if (t < n)
				nv_diag_hint(nv_warning(d, m->entries[i]->path, l->line, l->col,
							"ссылка на PDF «%s», которого на сайте не "
							"будет: в нём имя человека, которого сайт "
							"не называет",
							l->path),
					     "сошлитесь на страницу документа: [документ](%.*s.md)",
					     (int)(strlen(l->path) - 4), l->path);
		}
}

/*
 * Decide, for the entries i being rendered (render NULL: all of them),
 * whether the printed PDF of a положение, program or roadmap may go on
 * the website: the PDF is the paper copy with full names, so it is judged
 * by the text the print engine would set (print.h, nv_print_text()),
 * never by its source.
 * It may not when a field the printer shows names somebody hidden (an
 * author, an approval's person), or when the guard (guard.h) finds in
 * its text any mention the website may not show: a hidden person's
 * name, or the full name of one published with initials only — in any
 * case form, in any letter case, with «ё» or «е», whatever markup,
 * entities or escapes spelled it. Each PDF the guard keeps off gets a
 * note in d with the form it found, and each body's link to it a
 * warning: the link is broken on the website. The caller frees the
 * array (nentries + 1 flags).
 */
bool *bld_public_pdfs(struct nv_print_state *ps, const struct nv_model *m, const bool *render,
		      struct nv_diags *d)
{
	bool *pub = nv_xcalloc(m->nentries + 1, sizeof(*pub));
	struct nv_guard *own = m->guard ? NULL : nv_guard_new(m);
	const struct nv_guard *g = m->guard ? m->guard : own;
	struct nv_buf text = NV_BUF_INIT, form = NV_BUF_INIT;
	const struct nv_entry **off = NULL;
	struct nv_guard_hit hit;
	size_t i, noff = 0;

	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		/* Forms are listed with their PDFs by the forms page: always decided. */
		/* The model noted those off for a name in their fields (model_resolve.c). */
		if ((render && !render[i] && e->kind != NV_KIND_FORM) || nv_entry_pdf_off(e))
			continue;
		nv_buf_truncate(&text, 0);
		if (nv_print_text(ps, e, false, &text) < 0 ||
		    (pub[i] = !nv_guard_first_leak(g, text.ptr, text.len, false, &hit)))
			continue;
		nv_buf_truncate(&form, 0);
		nv_guard_form(text.ptr, &hit, false, &form);
		nv_diag_hint(nv_diag_add(d, NV_NOTE, e->path, 0, 0,
					 "PDF документа не выложен на сайт: в нём напечатано «%s» "
					 "(%s), а сайт так этого человека не называет",
					 form.ptr, hit.p->id),
			     "на бумаге документ печатается как написан; чтобы PDF был и на "
			     "сайте, назовите человека в тексте без имени (должность, роль)");
		off = nv_xrealloc(off, nv_st_mult(noff + 1, sizeof(*off)));
		off[noff++] = e;
	}
	if (noff)
		warn_links(m, off, noff, d);
	free(off);
	nv_buf_release(&form);
	nv_buf_release(&text);
	nv_guard_free(own);
	return pub;
}

/* The size of each public PDF printed into print_dir, per entry (0: none); the caller frees. */
size_t *bld_pdf_sizes(const struct nv_model *m, const bool *pub, const char *print_dir)
{
	size_t *v = nv_xcalloc(m->nentries + 1, sizeof(*v)), i;
	struct stat st;
	char *path;

	for (i = 0; pub && i < m->nentries; i++) {
		if (!pub[i])
			continue;
		path = nv_xasprintf("%s/%s.pdf", print_dir, m->entries[i]->id);
		if (stat(path, &st) == 0)
			v[i] = (size_t)st.st_size;
		free(path);
	}
	return v;
}
