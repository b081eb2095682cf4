/*
 * model.h: the resolved content model — what methodologists write, checked
 * against the schema of each kind and with every reference resolved.
 *
 * nv_model_build() reads the loaded content (content.h): site.yml,
 * people.yml, pairs.yml and every document, validates each field of each
 * kind (see man/nastavnik.5), resolves ids (people, documents, pairs,
 * appendices, links between Markdown documents and their anchors),
 * derives the «УТВЕРЖДЕНО приказом …» blocks and runs the consistency
 * checks. Every problem becomes a diagnostic; the model is still built
 * from what was valid, so all problems are reported in one run.
 *
 * Strings in the model point into the content's value trees and texts:
 * the model must not outlive the struct nv_content it was built from.
 *
 * The implementation: model.c (the phases in order, release, lookups),
 * model_read.c (the fields of each file), model_refs.c (names, ids,
 * references), model_resolve.c (cross-document rules), model_pd.c
 * (personal data: `responsible` per audience, names written without a
 * mention), model_dump.c; the names of people per audience are in
 * person.h.
 */
#ifndef NV_MODEL_H
#define NV_MODEL_H

#include "common.h"

#include "date.h"
#include "term.h"

struct builder; /* the model's own (model_int.h) */
struct nv_buf;
struct nv_check_cache;
struct nv_content;
struct nv_diags;
struct nv_doc;
struct nv_entry;
struct nv_md_link;
struct nv_value;
struct nv_strmap;

enum nv_kind {
	NV_KIND_PAGE,
	NV_KIND_POSITION,
	NV_KIND_PROGRAM,
	NV_KIND_ROADMAP,
	NV_KIND_ORDER,
	NV_KIND_CASE,
	NV_KIND_NEWS,
	NV_KIND_FORM,
	NV_KIND_COUNT
};

/* "page", "position", … as written in `type:` */
extern const char *const nv_kind_names[];
/* The folder of each kind below content/: "pages", "positions", … */
extern const char *const nv_kind_dirs[];
/*
 * Whether the website may give the printed PDF of a document of kind k
 * beside its page: a положение, a program, a roadmap, a form (never an
 * order), when the PDF names nobody the website may not.
 */
bool nv_kind_web_pdf(enum nv_kind k);
/* Whether the build prints documents of kind k: orders and the kinds above. */
bool nv_kind_printed(enum nv_kind k);
/* Why the website gives no PDF of a document (nv_entry_pdf_off()). */
enum nv_pdf_off {
	NV_PDF_ON,	  /* it gives one, unless the build's guard finds a name in its text */
	NV_PDF_KIND,	  /* an order, a case, news, a page */
	NV_PDF_WEB_FALSE, /* an appendix listed with `web: false` */
	NV_PDF_PRIVATE,	  /* items «не для сайта» */
	NV_PDF_AUTHORS,	  /* a title page names an author the website hides */
	NV_PDF_APPROVAL	  /* an approval block names a person the website hides */
};

enum nv_pdf_off nv_entry_pdf_off(const struct nv_entry *e);
/* The reason, as the hint of a message (no final stop). */
const char *nv_pdf_off_why(enum nv_pdf_off why);

enum nv_publish {
	NV_PUBLISH_NONE,
	NV_PUBLISH_INITIALS,
	NV_PUBLISH_FULL
};
enum nv_category {
	NV_CAT_TEACHER,
	NV_CAT_STUDENT,
	NV_CAT_EXTERNAL
};
enum nv_pair_status {
	NV_PAIR_ACTIVE,
	NV_PAIR_FINISHED,
	NV_PAIR_ENDED_EARLY
};
enum nv_item_status {
	NV_ITEM_PLANNED,
	NV_ITEM_DONE,
	NV_ITEM_MOVED
};
enum nv_label {
	NV_LABEL_ACCEPTED, /* ПРИНЯТО */
	NV_LABEL_AGREED,   /* СОГЛАСОВАНО */
	NV_LABEL_OPINION,  /* С УЧЁТОМ МНЕНИЯ */
	NV_LABEL_APPROVED, /* УТВЕРЖДЕНО (-А, -Н) */
	NV_LABEL_APPROVE,  /* УТВЕРЖДАЮ */
};
enum nv_doc_level {
	NV_LEVEL_FEDERAL,
	NV_LEVEL_REGIONAL,
	NV_LEVEL_MUNICIPAL,
	NV_LEVEL_SCHOOL
};
enum nv_gender {
	NV_NEUTER,
	NV_FEMININE,
	NV_MASCULINE
};

/*
 * The labels of approval blocks, indexed by enum nv_label and ending with
 * NULL: what users write (label: ПРИНЯТО) and the heading printed, with
 * «УТВЕРЖДЕНО» in the neuter (nv_label_title() agrees it in gender).
 */
extern const char *const nv_label_names[];

/* The forms of mentoring (Р-145 and the teachers' system), canonical spelling. */
extern const char *const nv_forms[];
/* Forms outside the federal list that schools commonly use: accepted as they are. */
extern const char *const nv_school_forms[];
/* The kinds (виды) of mentoring. */
extern const char *const nv_mentoring_kinds[];

struct nv_person {
	const char *id, *surname, *name, *patronymic;
	const char *position, *class_name, *organization;
	enum nv_category category;
	enum nv_publish publish;
	bool has_consent;
	struct nv_date consent;
	bool mentor, mentee; /* takes part in a pair as … */
	/*
	 * For the role words that agree with it (person.h): «gender» of
	 * people.yml, else told by the patronymic; NV_NEUTER when unknown.
	 */
	enum nv_gender gender;
	int line, col; /* the person's entry in people.yml */
};

struct nv_entry;

struct nv_pair {
	int number; /* 1-based position in pairs.yml */
	struct nv_person *mentor;
	struct nv_person **mentees;
	size_t nmentees;
	const char *form; /* canonical, from nv_forms */
	const char *kind; /* canonical, from nv_mentoring_kinds */
	const char *role_model, *result;
	struct nv_term period; /* owns its text */
	struct nv_entry *program, *order;
	enum nv_pair_status status;
	int line, col;
};

/*
 * A document outside the project cited by a requisite: an order of the
 * founder or of the organisation itself that is not a document of
 * content/. `issuer` is written in the genitive as the requisite prints
 * it («Отдела образования»); NULL means the organisation itself.
 */
struct nv_outside_order {
	bool given;
	const char *issuer, *number;
	struct nv_date date;
	int appendix; /* «Приложение № N»; 0: «Приложение» alone */
	int line, col;
};

struct nv_approval {
	enum nv_label label;
	bool right;
	struct nv_outside_order cites; /* `order:` of the block: «приказом … от … № …» */
	const char *body;
	const char *protocol_number;
	bool has_protocol_date;
	struct nv_date protocol_date;
	struct nv_person *person;
	const char *position; /* `position`: the person's as signed («И. о. директора»), or NULL */
	bool has_date;
	struct nv_date date;
	struct nv_entry *order; /* set on the derived «УТВЕРЖДЕНО приказом» block */
	int line, col;
};

/* A part of a roadmap item's `responsible`: text as written, or a person (text NULL). */
struct nv_responsible {
	const char *text;
	struct nv_person *person;
};

struct nv_item {
	const char *title, *result;
	/*
	 * Who is responsible: `responsible` as read (text, or a list of texts
	 * and ids of people), and as each audience reads it, joined: paper
	 * names a person «Лебедева А. С.», the website as the person's
	 * publish level allows (person.h). The back ends read only the two
	 * strings, which the model owns.
	 */
	struct nv_responsible *resp;
	size_t nresp;
	char *responsible_paper, *responsible_web;
	struct nv_term due;
	enum nv_item_status status;
	bool has_status;      /* `status` written (else status is the default) */
	const char **extra;   /* values of the roadmap's extra columns (NULL: empty) */
	struct nv_item *rows; /* `rows`: sub-rows (their own rows NULL; title may be NULL) */
	size_t nrows;
	int line, col;
};

struct nv_section {
	const char *title;
	const char *goal, *tasks, *result; /* «Цель / Задачи / Результат» of the stage, or NULL */
	struct nv_item *items;
	size_t nitems;
};

struct nv_reflink {
	enum nv_doc_level level;
	const char *title, *url, *file;
	struct nv_entry *doc;
};

struct nv_appendix {
	struct nv_entry *doc; /* NULL for the pairs table */
	int number;	      /* «Приложение № N» */
	bool web_hidden;      /* `{id: …, web: false}`: not on the website, only on paper */
};

/* A link of a body to a document's PDF («../positions/x.pdf»). */
struct nv_pdf_link {
	const struct nv_entry *to;
	const char *path; /* as written: the link's, in the body's tree */
	int line, col;
};

/* A resolved document of any kind; fields of other kinds stay empty. */
/* One revision a document's front matter lists (`revision:`, nastavnik.5). */
struct nv_revision {
	struct nv_date date;
	const char *text; /* the model's, may be NULL */
};

struct nv_entry {
	struct nv_doc *doc; /* the loader's source: for the model and the build driver only */
	/*
	 * The source as the back ends see it (they never look into the
	 * loader): the file's path for messages, its parsed body (NULL when
	 * it has none; read-only: renderers walk it, never change it), its
	 * whole text as written (for the model's checks; NULL once a process
	 * that loads once has built its model, project.h) and, for each
	 * of md->links in order, the web URL of a link to another document
	 * ("../orders/o-vnedrenii.html#p2"), NULL for other links, and the
	 * text the website shows for a mention of a person
	 * (NV_MD_LINK_PERSON), decided by the person's publish level
	 * (mdl_resolve_mentions), NULL for other links. Paper shows a
	 * mention's text as written.
	 */
	const char *path;
	const struct nv_md *md;
	const char *text;
	size_t text_len;
	char **link_urls;  /* owned by the model */
	char **link_texts; /* owned by the model */
	/*
	 * Personal data kept off the website (nastavnik.5): the ITEM nodes of
	 * md marked «<!-- не для сайта -->», in document order (the array is
	 * the model's, the nodes the tree's), and web_hidden when the whole
	 * document is an appendix listed with `web: false`. The website shows
	 * a note in their place and publishes no PDF of the document; paper
	 * prints them as written. Once a build that read the body entry by
	 * entry (nv_model_body_new()) dropped its tree, the count stays and
	 * the array is NULL.
	 */
	struct cmark_node **private_items;
	size_t nprivate_items;
	/*
	 * The body's links to the PDFs of documents that the website gives
	 * unless the build's guard finds a name in them (nv_entry_pdf_off()
	 * is NULL): for the build to tell the links it leaves broken.
	 */
	struct nv_pdf_link *pdf_links;
	size_t npdf_links;
	bool web_hidden;
	enum nv_kind kind;
	const char *id, *title, *summary;
	double weight;
	bool draft;
	enum nv_gender gender; /* for «УТВЕРЖДЕНО/А/Н» */

	/* position, program, roadmap */
	struct nv_approval *approvals;
	size_t napprovals;
	struct nv_entry *approved_by; /* the order listing it as an appendix */
	/* position, program, roadmap, order: `revision:` as the author wrote it */
	struct nv_revision *revisions;
	size_t nrevisions;
	int appendix_number;
	const char *audience; /* position: teachers | students */

	/* `appendix_of:` — the document is an appendix of an order outside the project */
	struct nv_outside_order appendix_of;

	/* program, roadmap, case */
	int acyear; /* first year of the academic year; 0 if none */
	/*
	 * program, roadmap: `period:` instead of an academic year, several
	 * years («2021–2024») or dates («01.05.2022 – 31.10.2022»); undated
	 * terms resolve within it. With `academic_year`, the year's bounds.
	 */
	bool has_period;
	struct nv_date period_from, period_to;
	const char *period_text; /* as written, NULL with academic_year */

	/* program */
	const char **forms;
	size_t nforms;
	struct nv_person **authors; /* program, case */
	size_t nauthors;
	bool title_page;

	/* roadmap */
	struct nv_section *sections; /* one without a title when items are flat */
	size_t nsections;
	/* headings of the columns title, due, responsible, result (defaults filled) */
	const char *columns[4];
	const char **extra_columns; /* `extra_columns`: headings after the result */
	size_t nextra;
	/*
	 * Which optional columns have something to print: results, extra
	 * columns (nextra entries) and the status (only when some item has
	 * one written). Empty columns are not printed.
	 */
	bool show_result, show_status;
	bool *show_extra;

	/* order */
	const char *number, *place, *preamble;
	struct nv_date date; /* order, news */
	struct nv_person *signatory;
	const char *signatory_position; /* the head's title for the head (nv_site_position()) */
	struct nv_appendix *appendices;
	size_t nappendices;
	size_t nappendices_listed; /* items of `appendices`, some of which may name nothing */
	struct nv_person **acquaint;
	size_t nacquaint;

	/* case */
	const char *form, *mkind, *problem, *goal;
	const char **results, **tags;
	size_t nresults, ntags;
	struct nv_entry *program;

	/* page */
	struct nv_reflink *reflinks;
	size_t nreflinks;
	bool list_files; /* `files: true`: the page lists content/files/ and the forms */

	/*
	 * form: the body with the organisation's requisites filled in
	 * (model_forms.c), parsed again; owned by the model. md points to it.
	 * builtin: the form is one of the program's own (`blanks:` of site.yml),
	 * not a file of content/forms/.
	 */
	struct nv_md *form_md;
	bool builtin;
	bool letterhead; /* `letterhead:` (default true): printed under the organisation's header */
};

struct nv_print_profile {
	bool gost2025;
	double margin_top, margin_right, margin_bottom, margin_left; /* mm */
	const char *font;
	int font_line, font_col; /* where site.yml names the font; 0 when it does not */
	double size, table_size; /* pt */
};

/*
 * The print profile where site.yml says nothing: ГОСТ Р 7.0.97-2016,
 * Liberation Serif, 14 pt text, 12 pt tables, margins 20/10/20/30 mm
 * (top, right, bottom, left).
 */
extern const struct nv_print_profile nv_print_defaults;

/* `organization.kind`: who issues the documents; decides required fields and the head's title. */
enum nv_org_kind {
	NV_ORG_SCHOOL,
	NV_ORG_KINDERGARTEN,
	NV_ORG_COLLEGE,
	NV_ORG_DOD,	   /* дополнительное образование */
	NV_ORG_DEPARTMENT, /* управление, отдел, комитет образования */
	NV_ORG_CENTER, /* региональный или муниципальный центр */
	NV_ORG_COUNT
};
/* "school", "kindergarten", … as written in site.yml, ending with NULL. */
extern const char *const nv_org_kind_names[];

struct nv_site {
	enum nv_org_kind kind;
	const char *name, *short_name, *founder, *place, *address, *phone, *website;
	/* `inn`, `ogrn`: checked for length and checksum (model_forms.c); NULL when absent or wrong
	 */
	const char *inn, *ogrn;
	/* `blanks:` of site.yml: the built-in forms switched on (all, or those listed) */
	bool blanks_all;
	const char **blanks; /* NULL-terminated ids, owned by the model; NULL without a list */
	int blanks_line, blanks_col; /* where site.yml switches them on */
	/*
	 * The names in the genitive as written (`name_genitive`,
	 * `short_name_genitive`), and the one requisites print after
	 * «приказом» and «к приказу»: the short name's genitive, else the
	 * short name when it does not decline («МАОУ «СОШ № 14»»).
	 */
	const char *name_genitive, *short_name_genitive, *genitive;
	/* The head's title: `head_title`, else the head's position, else by kind («заведующий»). */
	const char *head_title;
	struct nv_person *director; /* the head; may be NULL for a department or a centre */
	const char *section_title, *base_path, *intro;
	struct nv_person *curator;
	const char *curator_phone, *curator_email;
	struct nv_print_profile print;
	enum nv_publish publish_default;
	const char *deploy; /* where `nastavnik deploy` publishes: "sftp://host/path/", or NULL */
	/*
	 * `members:` of a department: its member organisations, a list of
	 * strings (paths or URLs) checked by model_members.c, loaded by
	 * build_members.h; NULL when there is none. Points into site.yml's tree.
	 */
	const struct nv_value *members;
};

/* A file of content/ that is neither a document nor a data file: copied into the site as it is. */
struct nv_attachment {
	const char *rel; /* relative to the content folder: "files/zayavlenie.docx" */
	char *path;	 /* to read it: "content/files/zayavlenie.docx" */
};

struct nv_model {
	const struct nv_content *content; /* for the build driver; back ends use the fields below */
	const char *site_yml; /* "content/site.yml", for messages about the site's fields */
	struct nv_attachment *attachments; /* sorted by rel */
	size_t nattachments;
	struct nv_site site;
	struct nv_person **people;
	size_t npeople;
	struct nv_pair **pairs;
	size_t npairs;
	struct nv_entry **entries; /* sorted by kind, then id */
	size_t nentries;
	size_t ndrafts;					/* drafts left out */
	struct nv_strmap *people_index, *entries_index; /* private: lookups by id */
	/*
	 * Forms of mentoring in the order lists show them: nv_forms, the
	 * forms schools commonly use (nv_school_forms), those site.yml
	 * declares (`forms:`), then any other form a pair or a document
	 * names (accepted with a warning). NULL-terminated; strings not owned.
	 */
	const char **forms;
	size_t nforms, forms_alloc;
	/*
	 * `totals:` of site.yml: how many teachers, young specialists and
	 * students of the classes the program covers the school has (0: not given)
	 */
	struct {
		double teachers, students, young;
	} totals;
	/* The built-in forms switched on (`blanks:`), parsed by the model, which owns them */
	struct nv_doc **form_docs;
	size_t nform_docs, form_docs_alloc;
	/*
	 * The guard of the people (guard.h), made by the check of mentions
	 * and owned by the model; read-only, shared by every thread and
	 * back end. NULL when that check did not run: make one then.
	 */
	struct nv_guard *guard;
	/* private: the builder kept for the body steps of a deferred load (nv_model_body_new()) */
	struct builder *later;
};

/*
 * Build the model from loaded content. Drafts are left out unless
 * `drafts`. Every problem is added to d. Returns 0; the model is usable
 * (possibly incomplete) even when d has errors. Release with
 * nv_model_release().
 */
int nv_model_build(struct nv_model *m, const struct nv_content *c, bool drafts, struct nv_diags *d);

/* The same, reading the documents' fields on `jobs` threads; the same result. */
int nv_model_build_jobs(struct nv_model *m, const struct nv_content *c, bool drafts, int jobs,
			struct nv_diags *d);
/*
 * The same, taking the results of the per-document checks from `checks`
 * where nothing they depend on changed, and recording the others there
 * (model_cache.h; NULL: none). One build at a time may use a cache.
 */
int nv_model_build_cached(struct nv_model *m, const struct nv_content *c, bool drafts, int jobs,
			  struct nv_check_cache *checks, struct nv_diags *d);

/*
 * A model built on a load that left the bodies unparsed (content.h,
 * nv_content_load_bodies() with defer) has not run the steps that read
 * bodies (an order's items, the marks, the secretary's checks, links,
 * mentions, names in the text): a driver runs them for each entry once
 * its body is parsed (nv_content_doc_body()), on threads, each with a
 * state of its own from nv_model_body_new() whose diagnostics are its
 * own; nv_model_body_free() merges them into d, from one thread at a
 * time. Once every entry's steps ran, nv_model_bodies_end() checks the
 * anchors of links between documents and closes the checks' results
 * (model_cache.h). Without a deferred load these do nothing.
 */
struct nv_model_body;
struct nv_model_body *nv_model_body_new(struct nv_model *m);
void nv_model_body_steps(struct nv_model_body *s, size_t i);
void nv_model_body_free(struct nv_model_body *s, struct nv_diags *d);
void nv_model_bodies_end(struct nv_model *m, struct nv_diags *d);

void nv_model_release(struct nv_model *m);

/*
 * All the text the guard reads of the attachment at path (its bytes in
 * data) into text, as the model's check of attachments read it
 * (model_attach.c: taken from what that check kept when the bytes are
 * the same); 0, or -1 when it has none to read or it cannot be read (its
 * name is all there is to read then; the check said why).
 */
int nv_model_attachment_text(const char *path, const struct nv_buf *data, struct nv_buf *text);

/*
 * Whether the model builds that follow parse the built-in forms (бланки)
 * `blanks:` switches on (the default) or leave them out, keeping only
 * the warning about a document that takes a form's id. Not thread-safe:
 * set it before a build. `nastavnik print` of a document that is not a
 * built-in form leaves them out (their bodies are a fifth of a small
 * project's load) and loads again with them when that load reports
 * anything (cmd_print.c).
 */
void nv_model_builtin_forms(bool on);
/* Whether id names one of the program's built-in forms. */
bool nv_model_is_builtin_form(const char *id);

/* The person with this id, or NULL. */
struct nv_person *nv_model_person(const struct nv_model *m, const char *id);
/* The document with this id, or NULL. */
struct nv_entry *nv_model_entry(const struct nv_model *m, const char *id);
/*
 * The document of kind `want` (NV_KIND_COUNT: any) whose title `text` is,
 * folded (nv_utf8_fold()), as a title is typed where its id belongs: the
 * one with that title, else the one whose title starts with it and goes on
 * after a space («Программа наставничества «Шаг навстречу»» for «… на
 * 2025–2026 учебный год»); NULL for none or several.
 */
const struct nv_entry *nv_model_titled(const struct nv_model *m, const char *text,
				       enum nv_kind want);
/*
 * The attachment a link or an image of e's body names (l->path, from the
 * folder of e's file, «%20» decoded), or NULL when content/ has no such
 * file (the model's checks said so).
 */
const struct nv_attachment *nv_model_linked_file(const struct nv_model *m, const struct nv_entry *e,
						 const struct nv_md_link *l);

/*
 * The position a requisite prints for person p: the head's title
 * (site.head_title) for the head of the organisation, else p's position;
 * NULL when there is none.
 */
const char *nv_site_position(const struct nv_site *s, const struct nv_person *p);

/*
 * A best practice's sections rendered from fields: the field ("problem",
 * "goal", "results") whose section a body heading of case e repeats
 * («Проблема», «Цели», «Результаты», letter case and a final colon or
 * full stop aside), NULL when it repeats none or the field is empty
 * (model_text.c); and whether any heading of e's body repeats field's
 * section (the case page then leaves the field's section out).
 */
const char *nv_case_heading_field(const struct nv_entry *e, const char *heading);
bool nv_case_body_repeats(const struct nv_entry *e, const char *field);

/* «УТВЕРЖДЕНО», «УТВЕРЖДЕНА», «УТВЕРЖДЕН» by the document's gender. */
const char *nv_approved_word(enum nv_gender g);
/* The heading of an approval block: «ПРИНЯТО», … with УТВЕРЖДЕНО agreeing in gender. */
const char *nv_label_title(enum nv_label label, enum nv_gender g);

/*
 * A deterministic text dump of the whole model (for golden tests and
 * `nastavnik check --dump`).
 */
void nv_model_dump(struct nv_buf *out, const struct nv_model *m);

#endif
