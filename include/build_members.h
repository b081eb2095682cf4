/*
 * build_members.h: loading a department's member organisations — each
 * entry of `members:` in site.yml gives the member's public data export
 * (data.json, "nastavnik-data/1"):
 *  - a folder: a member project (its content/ inside, or the content
 *    folder itself; a Git submodule is such a folder), opened as every
 *    command opens a project and exported in-process;
 *  - a file NAME.json: a saved export;
 *  - an http://, https:// or file:// URL of a published data.json,
 *    fetched with libcurl and kept in the project's cache
 *    (.nastavnik-cache/members/); when it cannot be fetched, the cached
 *    copy is used with a notice, so a build works offline.
 * Paths are relative to the department's project (the current folder).
 * Each export is checked (model_members.h); a member that cannot be read
 * or whose export is broken is a warning naming the member and the
 * field, and is left out: the others are built.
 */
#ifndef NV_BUILD_MEMBERS_H
#define NV_BUILD_MEMBERS_H

#include "common.h"

#include "model_members.h"

struct nv_diags;
struct nv_model;

/* Where fetched exports are cached, relative to the project. */
#define NV_MEMBERS_CACHE ".nastavnik-cache/members"

/*
 * Load every member m->site.members lists into ms (zeroed here), in
 * site.yml's order; jobs is the threads each member project loads with.
 * Diagnostics (warnings and notes only: a member never fails the build)
 * go to d, located at the member's line of site.yml. Returns the number
 * of members loaded (ok). Release with nv_members_release().
 *
 * The regional report and the municipal pages read ms->v[i] where
 * ms->v[i].ok: name, short_name, kind, by_form (pairs of each form),
 * pairs, mentors, mentees, teachers_share and students_share (coverage),
 * exported (the date of the data).
 */
size_t nv_members_load(struct nv_org_members *ms, const struct nv_model *m, int jobs,
		       struct nv_diags *d);

/* Free what ms holds; ms is zeroed. Accepts NULL. */
void nv_members_release(struct nv_org_members *ms);

/*
 * Whether the project's site.yml (in content) lists members, judged from
 * its text alone (before the project is loaded): a department build is
 * then always whole, since its members' data are outside its files.
 */
bool nv_members_declared(const char *content);

#endif
