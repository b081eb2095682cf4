/*
 * cmd_import_int.h: what cmd_import.c and cmd_import_pairs.c share — a
 * job of `nastavnik import` (a file, or an appendix read with its order)
 * and the tables of pairs among them.
 */
#ifndef NV_CMD_IMPORT_INT_H
#define NV_CMD_IMPORT_INT_H

#include "common.h"

#include "buf.h"
#include "import.h"
#include "strlist.h"

struct nv_diags;

enum {
	MAX_FILES = 64,
	MAX_JOBS = 256, /* the files and the appendices read with their orders */
	NDATA = 3	/* the data files the import adds to: people.yml, site.yml, pairs.yml */
};

struct nv_imp_job {
	const char *arg; /* as given */
	char *abs;	 /* absolute, read after the chdir into the project */
	struct nv_imp_doc doc;
	struct nv_imp_doc part; /* an order with its appendices: the order's part of doc */
	int appendix;		/* an appendix of the job before: its number, and its paragraphs */
	int from, to;
	const struct nv_imp_table *pairs; /* an appendix that is the table of pairs, in doc */
	struct nv_imp_result res;
	char *path;		 /* content/<dir>/<id>.md; NULL for a table of pairs */
	char **pic_paths;	 /* content/files/<name> of each of res.files */
	struct nv_buf people;	 /* what it appends to people.yml */
	struct nv_buf pairs_add; /* what it appends to pairs.yml */
	struct nv_strlist site;	 /* the lines it inserts into site.yml */
};

/* The paragraphs of the appendix job a: «абзацы 25–120», «абзац 8» (in w). */
const char *nv_cmd_import_where(const struct nv_imp_job *a, struct nv_buf *w);

/* Does the id name pairs («spisok-nastavnicheskikh-par», «…-pary-…»)? */
bool nv_cmd_import_pairs_list(const char *id);

/*
 * The appendix job a, when it is a table of pairs (a->pairs): its pairs
 * for the order `order` (its id) dated date («30.09.2025», or ""). 0, or
 * -1 after adding the error to d.
 */
int nv_cmd_import_pairs_job(struct nv_imp_job *a, const struct nv_imp_opts *ao, const char *order,
			    const char *date, struct nv_diags *d);

/*
 * A file, jobs[at], that is an order's table of pairs alone, saved apart
 * from the order with its stamp «Приложение к приказу от … № …» at the
 * top: its pairs for that order, of the project or imported before it in
 * this run (o->orders); an order of this run gets «pairs» in its
 * appendices. 1 when it is one (jobs[at] made a table of pairs), 0 when
 * not, -1 after an error in d.
 */
int nv_cmd_import_pairs_file(struct nv_imp_job *jobs, size_t at, const struct nv_imp_opts *o,
			     struct nv_diags *d);

/*
 * The tables of pairs among the items of the order of job j (its text,
 * j->part when its appendices were split off): their pairs into
 * j->res.pairs for this order, which then cites «appendices: [pairs]»,
 * the paragraph no more «не распознан», and the report asks to make the
 * item cite the appendix.
 */
void nv_cmd_import_pairs_body(struct nv_imp_job *j, const struct nv_imp_opts *o);

#endif
