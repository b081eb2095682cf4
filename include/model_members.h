/*
 * model_members.h: the member organisations of a department — what
 * site.yml lists under `members:` and what each one's public data export
 * (data.json, "nastavnik-data/1", man/nastavnik.5) says, read and checked.
 *
 * build_members.h gets each export (a member project built in-process, a
 * saved data.json, or a URL fetched with a cache) and hands the value
 * tree to nv_org_member_read(), which checks its schema version and required
 * fields. The website back end (html_municipal.c) and the regional report
 * read struct nv_org_member only.
 */
#ifndef NV_MODEL_MEMBERS_H
#define NV_MODEL_MEMBERS_H

#include "common.h"

#include "date.h"

struct nv_diags;
struct nv_value;

/* The version of data.json this program writes and reads. */
#define NV_DATA_SCHEMA "nastavnik-data/1"
/* An export older than this (in days) gets the warning «данные устарели». */
#define NV_MEMBER_STALE_DAYS 180

/* A count by name: pairs of one form or one kind. */
struct nv_member_count {
	const char *name;
	size_t count;
};

/* A published case of a member; url absolute, or NULL when the member has no address. */
struct nv_member_case {
	const char *title, *form, *kind, *year, *url;
};

/*
 * One member. source, line and col are site.yml's entry; when ok, the
 * fields below hold the export's figures, their strings pointing into
 * data (owned). Strings the export leaves null are NULL.
 */
struct nv_org_member {
	const char *source; /* as site.yml writes it: a path or a URL */
	int line, col;
	bool ok;	 /* an export was read and is valid */
	bool built;	 /* a project built now (path), not a saved or fetched export */
	bool from_cache; /* a URL that could not be fetched: its cached copy */
	bool stale;	 /* exported more than NV_MEMBER_STALE_DAYS days ago */
	struct nv_value *data;
	const char *name, *short_name, *kind, *place, *address, *phone, *website;
	const char *section_url, *section_title;
	const char *curator_name, *curator_position, *curator_phone, *curator_email;
	struct nv_date exported;
	size_t pairs, pairs_active, pairs_finished, pairs_ended_early;
	size_t mentors, mentees;
	/* coverage: people in mentoring over all, whole per cent (monitoring of data.json) */
	size_t teachers, teachers_involved, teachers_share;
	size_t students, students_involved, students_share;
	struct nv_member_count *by_form, *by_kind;
	size_t nforms, nkinds;
	struct nv_member_case *cases;
	size_t ncases;
};

/* Every member of site.yml, in its order, loaded or not (ok). */
struct nv_org_members {
	struct nv_org_member *v;
	size_t nr;
};

/*
 * Check the export data (taken over: freed on failure, else kept in mb)
 * of member mb and fill mb's figures. who names the member in messages
 * («sosh-3/»); each problem is a warning at site_yml:mb->line:mb->col
 * naming the member and the field. today is the date staleness is
 * measured from (warning «данные устарели» unless mb->built). Returns 0
 * (mb->ok set) or -1.
 */
int nv_org_member_read(struct nv_org_member *mb, struct nv_value *data, const char *site_yml,
		       struct nv_date today, struct nv_diags *d);

/* Free what mb owns (the export and the arrays); mb's site.yml fields stay. */
void nv_org_member_release(struct nv_org_member *mb);

#endif
