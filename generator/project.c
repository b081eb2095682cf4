/*
 * project.c: load → model, once for every command; see project.h.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "model_cache.h"
#include "project.h"
#include "threads.h"

/* Free the text of the content's documents, which the model's entries no longer show. */
static void drop_texts(struct nv_project *p, int jobs)
{
	size_t i;

	nv_content_drop_texts(&p->content, jobs);
	for (i = 0; i < p->model.nentries; i++) {
		struct nv_entry *e = p->model.entries[i];
		if (e->doc && !e->doc->text) {
			e->text = NULL;
			e->text_len = 0;
		}
	}
}

/*
 * The front matters' trees into file when they are not the ones it holds
 * (a failed write costs only time).
 */
static void save_fronts(struct nv_project *p, const char *file)
{
	struct nv_buf out = NV_BUF_INIT;

	if (nv_content_fronts(&p->content, &out)) {
		nv_remove_temps(file);
		nv_write_file_mode(file, out.ptr, out.len, 0600);
	}
	nv_buf_release(&out);
}

int nv_project_load(struct nv_project *p, const struct nv_project_opts *o, struct nv_diags *d)
{
	struct nv_content prev;
	int jobs = o->jobs > 0 ? o->jobs : nv_cpu_count(), r = 0;

	memset(p, 0, sizeof(*p));
	if (o->prev) {
		/* Documents not changed since the last load are taken, not parsed. */
		prev = *o->prev;
		memset(o->prev, 0, sizeof(*o->prev));
		/* The documents read again outlive the model kept from the last load. */
		nv_check_cache_retire(o->checks, &prev, o->changed);
		if (!o->changed || !nv_content_update(&p->content, &prev, o->changed)) {
			nv_check_cache_forget(o->checks);
			r = nv_content_reload(&p->content, o->content, jobs, &prev, d);
		}
		nv_content_release(&prev);
	} else {
		nv_check_cache_forget(o->checks);
		r = o->once ? nv_content_load_bodies(&p->content, o->content, jobs, o->bodies,
						     o->fronts, o->defer, d)
			    : nv_content_load_jobs(&p->content, o->content, jobs, d);
	}
	if (r < 0)
		return -1;
	nv_model_build_cached(&p->model, &p->content, o->drafts, jobs, o->checks, d);
	/*
	 * The front matters' trees for the next build, before they are freed:
	 * each record holds for its own bytes whatever becomes of this build.
	 */
	if (o->once && !o->prev && o->fronts_file)
		save_fronts(p, o->fronts_file);
	/*
	 * The back ends read the parsed trees, never the texts; a body
	 * deferred is dropped with its text once read (nv_project_body_drop()).
	 */
	if (o->once && !o->prev && !p->model.later)
		drop_texts(p, jobs);
	else if (p->model.later)
		nv_content_drop_fronts(&p->content, jobs);
	p->loaded = true;
	return 0;
}

struct nv_project_body {
	struct nv_project *p;
	struct nv_model_body *steps;
	struct nv_diags d; /* the parses' */
	struct nv_buf text;
	int top; /* the content folder, opened at the first read */
};

struct nv_project_body *nv_project_body_new(struct nv_project *p)
{
	struct nv_project_body *s;

	if (!p->model.later)
		return NULL;
	s = nv_xcalloc(1, sizeof(*s));
	s->p = p;
	s->steps = nv_model_body_new(&p->model);
	s->d = (struct nv_diags)NV_DIAGS_INIT;
	nv_buf_init(&s->text);
	s->top = -1;
	return s;
}

bool nv_project_body_read(struct nv_project_body *s, size_t i)
{
	struct nv_entry *e;

	if (!s)
		return true;
	e = s->p->model.entries[i];
	if (!e->doc) {
		nv_model_body_steps(s->steps, i);
		return true;
	}
	if (nv_content_doc_body(e->doc, &s->top, &s->text, &s->d) < 0)
		return false;
	/* A form filled in by the model has its own body (model_forms.c). */
	if (!e->md)
		e->md = e->doc->md;
	/* The checks read the text just read, as in a load that keeps them. */
	e->text = e->doc->text;
	nv_model_body_steps(s->steps, i);
	nv_content_doc_body_done(e->doc);
	e->text = NULL;
	return true;
}

void nv_project_body_drop(struct nv_project *p, size_t i)
{
	struct nv_entry *e;

	if (!p->content.defer)
		return;
	e = p->model.entries[i];
	/* Nodes of the tree: the count stays (model.h). */
	free(e->private_items);
	e->private_items = NULL;
	if (e->doc)
		nv_content_doc_drop(e->doc);
}

void nv_project_body_free(struct nv_project_body *s, struct nv_diags *d)
{
	if (!s)
		return;
	nv_model_body_free(s->steps, d);
	nv_diags_merge(d, &s->d);
	nv_buf_release(&s->text);
	if (s->top >= 0)
		close(s->top);
	free(s);
}

struct body_job {
	struct nv_project_body *s;
	struct nv_share share;
	bool keep;
};

static void *body_thread(void *arg)
{
	struct body_job *j = arg;
	size_t i;

	while (nv_share_next(&j->share, &i))
		if (nv_project_body_read(j->s, i) && !j->keep)
			nv_project_body_drop(j->s->p, i);
	return NULL;
}

void nv_project_read_bodies(struct nv_project *p, int jobs, bool keep, struct nv_diags *d)
{
	size_t t, n;
	struct body_job *j;
	struct nv_work work = NV_WORK_INIT(p->model.nentries);

	if (!p->model.later)
		return;
	n = nv_thread_count(jobs, p->model.nentries);
	j = nv_xcalloc(n + 1, sizeof(*j));
	for (t = 0; t < n; t++) {
		j[t].s = nv_project_body_new(p);
		j[t].share.w = &work;
		j[t].keep = keep;
	}
	nv_run_threads(body_thread, j, n, sizeof(*j));
	for (t = 0; t < n; t++)
		nv_project_body_free(j[t].s, d);
	free(j);
	nv_model_bodies_end(&p->model, d);
}

void nv_project_bodies(const struct nv_project *p, struct nv_buf *out)
{
	if (p->loaded)
		nv_content_bodies(&p->content, out);
}

void nv_project_keep(struct nv_project *p, struct nv_content *keep)
{
	if (p->loaded)
		nv_model_release(&p->model);
	if (keep)
		*keep = p->content;
	else
		nv_content_release(&p->content);
	memset(p, 0, sizeof(*p));
}

void nv_project_release(struct nv_project *p)
{
	nv_project_keep(p, NULL);
}
