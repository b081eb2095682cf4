/*
 * build_bodies.c: the trees of the bodies a build renders.
 *
 * A whole build of the command line loads the bodies unparsed
 * (project.h, defer) and reads each as the site renders it, so that the
 * trees of a large folder are never all in memory at once: the render
 * thread that makes an entry's page parses its body and runs the model's
 * steps on it just before, and frees the tree after (bld_bodies_*). The
 * steps' messages are kept apart from the render's: when the steps find
 * an error, the build has content errors, and the messages a build that
 * read the bodies first would not have reached go.
 *
 * A rebuild of some documents took the others' bodies from the last
 * build's summaries, without trees: it parses the trees of those it
 * renders or prints (bld_parse_trees()).
 */
#include "common.h"

#include "alloc.h"
#include "build_int.h"
#include "content.h"
#include "diag.h"
#include "html.h"
#include "markdown.h"
#include "model.h"
#include "project.h"

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (void *const *)a, y = (uintptr_t) * (void *const *)b;

	return x < y ? -1 : x > y;
}

/* Add e's document to v when its body is a stub (md_summary.h). */
static void add_stub(struct nv_doc **v, size_t *n, const struct nv_entry *e)
{
	if (e && e->doc && e->doc->md && !e->doc->md->root)
		v[(*n)++] = e->doc;
}

int bld_parse_trees(const struct nv_model *m, const bool *render, bool pdf, int jobs,
		    struct nv_diags *d)
{
	struct nv_doc **v;
	size_t i, k, n = 0, all = 0, u = 0;
	int rc;

	for (i = 0; i < m->nentries; i++)
		all += 1 + m->entries[i]->nappendices;
	v = nv_xcalloc(all + 1, sizeof(*v));
	for (i = 0; i < m->nentries; i++) {
		const struct nv_entry *e = m->entries[i];
		if (render && !render[i] && !(pdf && e->kind == NV_KIND_FORM))
			continue;
		add_stub(v, &n, e);
		for (k = 0; k < e->nappendices; k++)
			add_stub(v, &n, e->appendices[k].doc);
	}
	/* One thread per document: each once. */
	qsort(v, n, sizeof(*v), cmp_ptr);
	for (i = 0; i < n; i++)
		if (!u || v[u - 1] != v[i])
			v[u++] = v[i];
	rc = nv_content_trees(v, u, jobs, d);
	free(v);
	return rc;
}

struct bld_bodies {
	struct nv_project *p;
	struct nv_project_body **s; /* per render thread, made at its first entry */
	size_t n;
	struct nv_html_bodies hook;
};

static bool read_body(void *ctx, size_t t, size_t i)
{
	struct bld_bodies *x = ctx;

	if (!x->s[t])
		x->s[t] = nv_project_body_new(x->p);
	return nv_project_body_read(x->s[t], i);
}

static void drop_body(void *ctx, size_t t, size_t i)
{
	struct bld_bodies *x = ctx;

	(void)t;
	nv_project_body_drop(x->p, i);
}

struct bld_bodies *bld_bodies_new(struct nv_project *p, int jobs)
{
	struct bld_bodies *x = nv_xcalloc(1, sizeof(*x));

	x->p = p;
	x->n = jobs > 1 ? (size_t)jobs : 1;
	x->s = nv_xcalloc(x->n, sizeof(*x->s));
	x->hook = (struct nv_html_bodies){ read_body, drop_body, x };
	return x;
}

const struct nv_html_bodies *bld_bodies_hook(struct bld_bodies *x)
{
	return &x->hook;
}

bool bld_bodies_end(struct bld_bodies *x, struct nv_diags *rendered, struct nv_diags *d,
		    size_t loaded)
{
	struct nv_diags steps = NV_DIAGS_INIT;
	size_t t;
	bool clean;

	for (t = 0; t < x->n; t++)
		nv_project_body_free(x->s[t], &steps);
	nv_model_bodies_end(&x->p->model, &steps);
	clean = !steps.errors;
	if (clean) {
		nv_diags_merge(d, rendered);
	} else {
		nv_diags_truncate(d, loaded);
		nv_diags_release(rendered);
	}
	nv_diags_merge(d, &steps);
	free(x->s);
	free(x);
	return clean;
}
