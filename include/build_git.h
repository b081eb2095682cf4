/*
 * build_git.h: the revision history of the content, read from Git
 * (libgit2) once per build.
 *
 * One walk of the history from HEAD, newest commit first (by commit
 * time, then as Git orders them), diffs each commit that has at most one
 * parent against its parent, limited to the content folder, and records
 * for every file it changed the commit's author date (in the author's
 * time zone) and the first line of its message. Merge commits are left
 * out: the commits they bring in are walked themselves. A folder outside
 * any repository, a shallow clone (CI) or a repository libgit2 cannot
 * read give one note and an empty history; a build never fails for it.
 * libgit2 is loaded (lazylib.h) only when a folder above content has
 * .git or is a bare repository; a libgit2 that cannot be loaded is one
 * note too.
 * The same repository state gives the same history, so builds stay
 * deterministic.
 */
#ifndef NV_BUILD_GIT_H
#define NV_BUILD_GIT_H

#include "common.h"
#include "buf.h"
#include "model_git.h"

struct nv_diags;
struct nv_model;

/*
 * The environment variable that turns the history off (any value but
 * empty or "1" is ignored): NASTAVNIK_NO_HISTORY=1. No note is given then.
 */
#define NV_GIT_OFF_ENV "NASTAVNIK_NO_HISTORY"

/*
 * Read the history of the files below the folder content (relative to
 * the current directory, as the model's paths are) into h. Never fails:
 * without a history h is empty and d has one note saying why (none when
 * NV_GIT_OFF_ENV turns it off).
 */
void nv_git_history_load(struct nv_git_history *h, const char *content, struct nv_diags *d);

/*
 * HEAD's commit id of the repository holding content, into out ("" when
 * there is none or the history is off): cheap, for the build's
 * fingerprint, so that a new commit is a change.
 */
void nv_git_head(const char *content, char out[41]);

/*
 * Drop every commit message in which the personal-data guard finds a
 * mention the website may not show, with a warning naming the commit and
 * the document: its page shows only the date then.
 */
void nv_git_history_guard(struct nv_git_history *h, const struct nv_model *m, struct nv_diags *d);

/* Add the revisions of the file path to a cache key. */
void nv_git_hash_revs(struct nv_hash *key, const struct nv_git_history *h, const char *path);

/*
 * Add the date of each document's last commit (sitemap, feed) and of
 * site.yml's (data.json is as of the newest) to a cache key.
 */
void nv_git_hash_lastmods(struct nv_hash *key, const struct nv_git_history *h,
			  const struct nv_model *m);

void nv_git_history_release(struct nv_git_history *h);

/*
 * Keep libgit2 set up between builds (hold true) until told otherwise
 * (hold false), for a process that builds again and again (the preview
 * server): each build would otherwise set it up again, reading every
 * certificate of the system. Calls pair like init and shutdown.
 */
void nv_git_hold(bool hold);

#endif
