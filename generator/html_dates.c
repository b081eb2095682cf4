/*
 * html_dates.c: «Дата обновления» of every page. A document's page
 * changed when its file last did: its last commit (opts.history, from
 * Git), else the newest `revision:` of its front matter, else its own
 * date (orders, news), else the date of its approval (the order that
 * approved it, the dates of its approval blocks). A list page changed when the newest of its items
 * did; the section's own pages (home, mentors, monitoring, search) when
 * anything of the content did, data files (site.yml, people.yml,
 * pairs.yml) included. Where nothing tells, the day of SOURCE_DATE_EPOCH;
 * without it the page states no date: the wall clock is never read, so
 * the same content gives the same pages.
 */
#include "common.h"

#include "alloc.h"
#include "date.h"
#include "html_int.h"
#include "model_git.h"

/* d becomes c when c is later (or d unset). */
static void take_newer(struct nv_date *d, const struct nv_date *c)
{
	if (c->year && (!d->year || nv_date_cmp(*c, *d) > 0))
		*d = *c;
}

/* The newest commit that changed path, into d. */
static void take_git(const struct nv_html_state *s, struct nv_date *d, const char *path)
{
	const struct nv_git_revs *g = nv_git_revs_of(s->opts.history, path);

	if (g && g->nr)
		take_newer(d, &g->v[0].date);
}

struct nv_date nv_html_entry_changed(const struct nv_html_state *s, const struct nv_entry *e)
{
	struct nv_date d = { 0, 0, 0 };
	size_t i;

	take_git(s, &d, e->path);
	if (d.year)
		return d;
	for (i = 0; i < e->nrevisions; i++)
		take_newer(&d, &e->revisions[i].date);
	if (!d.year)
		d = e->date;
	/* a document approved is as new as its approval */
	if (!d.year && e->approved_by)
		d = e->approved_by->date;
	for (i = 0; !e->approved_by && i < e->napprovals; i++)
		if (e->approvals[i].has_date)
			take_newer(&d, &e->approvals[i].date);
	return d;
}

struct nv_date nv_html_site_changed(const struct nv_html_state *s)
{
	static const char *const data[] = { "site.yml", "people.yml", "pairs.yml" };
	struct nv_date d = { 0, 0, 0 }, c;
	char *path;
	size_t i;

	for (i = 0; i < s->m->nentries; i++) {
		c = nv_html_entry_changed(s, s->m->entries[i]);
		take_newer(&d, &c);
	}
	for (i = 0; i < NV_ARRAY_SIZE(data); i++) {
		/* the data files sit beside site.yml, which the model names */
		const char *slash = strrchr(s->m->site_yml ? s->m->site_yml : "", '/');
		int dir = slash ? (int)(slash - s->m->site_yml) : 0;
		path = slash ? nv_xasprintf("%.*s/%s", dir, s->m->site_yml, data[i])
			     : nv_xstrdup(data[i]);
		take_git(s, &d, path);
		free(path);
	}
	return d;
}

void nv_html_set_updated(struct nv_value *ctx, struct nv_date d)
{
	if (!d.year)
		d = nv_source_date();
	nv_html_set_date(ctx, "updated", &d);
}
