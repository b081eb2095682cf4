/*
 * model_int.h: what the files of the model share, private to
 * generator/model*.c (never include it elsewhere).
 *
 * struct builder is the state of one nv_model_build(): the phases in
 * model.c pass it to the readers (model_read.c), which resolve references
 * through model_refs.c, and to the cross-document rules
 * (model_resolve.c). Shared private functions carry the mdl_ prefix.
 */
#ifndef NV_MODEL_INT_H
#define NV_MODEL_INT_H

#include "common.h"

#include "buf.h"
#include "diag.h"
#include "model.h"
#include "threads.h"

struct nv_check_cache;
struct nv_content;
struct nv_doc;
struct nv_diags;
struct nv_fields;
struct nv_strmap;
struct nv_value;

/* Canonical spellings that users type loosely; see mdl_loose_enum(). */
struct loose_set {
	const char *const *canon; /* NULL-terminated */
	bool open;		  /* a value outside canon is a warning and kept as written */
	char **folded;		  /* canon folded by nv_utf8_fold(), made on first use */
};

/* Everything the phases share. */
struct builder {
	struct nv_model *m;
	const struct nv_content *c;
	struct nv_diags *d;
	bool drafts;
	const char *people_file, *site_file;
	bool people_broken;	/* people.yml has errors: unknown ids are expected */
	const char **draft_ids; /* documents left out as drafts */
	size_t ndraft_ids, draft_alloc;
	size_t people_alloc, pairs_alloc, entries_alloc;
	struct nv_strmap *terms;       /* term text → struct term_memo, see model_read.c */
	struct loose_set forms, kinds; /* nv_forms, nv_mentoring_kinds */
	int jobs;		       /* -j: threads for the checks done per entry */
	struct nv_check_cache *cache;  /* results kept between builds, or NULL (model_cache.h) */
	struct mdl_orders *orders;     /* orders by number (model_cite.c), from their check on */
	struct nv_date today;	       /* today, or the day of SOURCE_DATE_EPOCH */
	struct nv_date act_limit;      /* a year after today */
	/*
	 * The bodies are read by the driver entry by entry, after the model
	 * (nv_model_body_new()): the anchors of links to other documents are
	 * checked once all are read (mdl_check_anchors()).
	 */
	bool later;
};

/* --- model_refs.c: names of enums, ids, references ------------------------- */

/* Prepositional phrases for messages, by kind: "в приказе нет поля …". */
extern const char *const mdl_kind_where[];
/* The names written in the content for each enum of model.h, NULL-terminated. */
extern const char *const mdl_publish_names[];
extern const char *const mdl_category_names[];
/* «gender» of people.yml: female → NV_FEMININE, male → NV_MASCULINE. */
extern const char *const mdl_gender_names[];
extern const char *const mdl_pair_status_names[];
extern const char *const mdl_item_status_names[];
extern const char *const mdl_side_names[];
extern const char *const mdl_level_names[];
extern const char *const mdl_audience_names[];
extern const char *const mdl_profile_names[];

/*
 * Checks that read one entry each, on b->jobs threads: each job takes
 * the entries from `share` (threads.h), with a copy of the builder whose
 * diagnostics are its own (merged into b->d afterwards, sorted later).
 * fn gets a struct mdl_entry_job (model.c).
 */
struct mdl_entry_job {
	struct builder b;
	struct nv_diags d;
	struct nv_share share;
};
void mdl_per_entry(struct builder *b, void *(*fn)(void *));

/*
 * --- model_cache.c: the per-document checks' results kept between builds ---
 *
 * mdl_cache_start() opens a build, mdl_cache_end() drops the records of
 * documents gone. Before the check k runs its threads, mdl_cache_begin()
 * states, in the calling thread, what its results depend on besides each
 * document. Then, per entry i, the thread that checks it calls
 * mdl_cache_replay(): true when entry i's diagnostics were added to b->d
 * from the cache (skip the check); else it runs the check and calls
 * mdl_cache_store() with the count of b->d's diagnostics before it (or
 * not at all, to keep nothing). All do nothing without b->cache.
 */
enum mdl_check {
	MDL_CHECK_META,	 /* nv_check_text() of the front matter (schema.h) */
	MDL_CHECK_MARKS, /* the marks «не для сайта»: stored only when there are none */
	MDL_CHECK_TEXT,	 /* the secretary's checks (model_text.c) */
	MDL_CHECK_MENTIONS, /* names without a mention in the body (model_pd.c) */
	/* the same two of the front matter (and the file's name), before any body */
	MDL_CHECK_FRONT_TEXT,
	MDL_CHECK_FRONT_MENTIONS,
	MDL_CHECK_COUNT,
};
void mdl_cache_start(struct builder *b);
void mdl_cache_begin(struct builder *b, enum mdl_check k);
bool mdl_cache_replay(const struct builder *b, enum mdl_check k, size_t i);
void mdl_cache_store(const struct builder *b, enum mdl_check k, size_t i, size_t mark);
void mdl_cache_end(struct builder *b);

/*
 * --- model_cache.c: the whole model kept between builds --------------------
 *
 * The phases of a build (model.c) are of two sorts: those that read
 * front matters and data files only, and those that read documents'
 * bodies (phases[].body). A build with a cache records what every phase
 * of the first sort reported (mdl_keep_record(), with the count of b->d's
 * diagnostics before the phase), and the state its builder ends with
 * (mdl_keep_done()); the build driver then hands the model to the cache
 * (nv_check_cache_keep_model(), model_cache.h). The next build takes
 * that model over (mdl_keep_adopt()) only when nothing any phase of the
 * first sort reads has changed: the same content key (every data file,
 * every document's path and front matter, the attachments, the files
 * that failed to load, the drafts option) and the documents read again
 * all plain documents that the load took over by nv_content_update()
 * (their old versions kept alive for the strings of their front matter,
 * nv_check_cache_retire()). Then each phase of the first sort only adds
 * again what it reported (mdl_keep_replay()), and each phase of the
 * second sort runs again over every entry, on the results of the body
 * steps cleared by mdl_entry_release_body().
 */
#define MDL_MAX_PHASES 24
bool mdl_keep_adopt(struct builder *b);
void mdl_keep_record(struct builder *b, size_t phase, size_t mark);
void mdl_keep_replay(struct builder *b, size_t phase);
void mdl_keep_done(struct builder *b, bool adopted);
/* Free what the body steps gave e (its links' URLs and texts, its private items). */
void mdl_entry_release_body(struct nv_entry *e);

/* True if s is a valid id: not empty, only a-z, 0-9, '-' and '_'. */
bool mdl_valid_id(const char *s);
/* True if the document with this id was left out as a draft. */
bool mdl_is_draft(const struct builder *b, const char *id);
/* True if a document with this id failed to load (its errors are reported). */
bool mdl_broken_doc(const struct builder *b, const char *id);
/*
 * A reference to a person by id at value v (the field `key` of f); NULL,
 * with an error and a suggestion, if v is not an id of people.yml. NULL
 * without a message if v is NULL.
 */
struct nv_person *mdl_ref_person(struct builder *b, struct nv_fields *f, const struct nv_value *v,
				 const char *key);
/*
 * A reference to a document by id; `want` limits the kind (NV_KIND_COUNT
 * for any). NULL (with an error) if unknown or of another kind; NULL
 * without a message if v is NULL or names a document that failed to load.
 */
struct nv_entry *mdl_ref_entry(struct builder *b, struct nv_fields *f, const struct nv_value *v,
			       const char *key, enum nv_kind want);
/*
 * A list of person ids (a single scalar counts as one): the people found
 * go into *out, a new array the caller frees; returns their number.
 */
size_t mdl_ref_people(struct builder *b, struct nv_fields *f, const struct nv_value *list,
		      const char *key, struct nv_person ***out);
/*
 * The canonical spelling from `set` of the form or kind at v, matched the
 * way users type it; NULL (with an error listing the allowed values,
 * `what` saying what is wrong) if none matches or v is not a scalar.
 */
const char *mdl_loose_enum_value(struct nv_fields *f, const struct nv_value *v, const char *key,
				 struct loose_set *set, const char *what);
/* As mdl_loose_enum_value() for the field `key` of f, required if req. */
const char *mdl_loose_enum(struct nv_fields *f, const char *key, int req, struct loose_set *set,
			   const char *what);
/* Free the folded spellings of set (made on first use); set stays usable. */
void mdl_loose_set_release(struct loose_set *set);
/*
 * `forms:` (the project's own forms of mentoring) and `totals:` (how many
 * teachers and students the school has) of site.yml, read from its top
 * fields; called by mdl_read_site() (model_site.c). Sets up m->forms.
 */
void mdl_read_site_lists(struct builder *b, struct nv_fields *top);
/* `members:` of site.yml (model_members.c): the checked list, or NULL. */
const struct nv_value *mdl_read_members(struct builder *b, struct nv_fields *top);
/* m->forms with no site.yml (mdl_read_site_lists() not called): the default lists. */
void mdl_forms_default(struct builder *b);
/* Add to m->forms the forms outside its lists that pairs and documents name. */
void mdl_collect_forms(struct builder *b);
/* Warn about a mentee in two pairs of one form working at the same time (model_pairs.c). */
void mdl_check_mentees(struct builder *b);
/*
 * Warn about Word bullets, headings and appendix references in entry i's
 * text (model_text.c); *top: the content folder, opened for the texts
 * read again (-1 until then). mdl_check_text_front() the same of its
 * front matter, which the body steps do not read. mdl_check_text_begin()
 * first, once.
 */
void mdl_check_text(struct builder *b, size_t i, int *top);
void mdl_check_text_front(struct builder *b, size_t i);
void mdl_check_text_begin(struct builder *b);

/*
 * --- model_cite.c: citations of the project's orders («приказом от
 * 29.08.2025 № 118-од») compared with the orders, for mdl_check_texts() ---
 * A citation whose number is an order's of the project warns when its
 * date is not that order's, or when an order cites one issued after it.
 */
struct mdl_orders *mdl_orders_new(const struct nv_model *m);
void mdl_orders_free(struct mdl_orders *o);
/*
 * model_numbering.c: the breaks in the numbering of e's sections and
 * clauses (md->nums), warned of when e is a положение or a программа,
 * and an ordered list's item typed out of turn, in any document.
 */
void mdl_check_numbering(struct builder *b, const struct nv_entry *e, const struct nv_md *md);

/* One line of a document's body being checked (model_text.c, model_appx.c). */
struct mdl_line {
	struct builder *b;
	const struct nv_entry *e;
	const char *s; /* the line, n bytes, no newline */
	size_t n;
	int no; /* file line */
};

/* A warning at byte off of line l (model_text.c). */
struct nv_diag *mdl_warn_at(const struct mdl_line *l, size_t off, const char *msg);

/* True if the n bytes at s start with prefix. */
static inline bool mdl_starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && !memcmp(s, prefix, k);
}

/* The first occurrence of word in the n bytes at s, or NULL. */
static inline const char *mdl_find(const char *s, size_t n, const char *word)
{
	return nv_mem_find(s, n, word, strlen(word));
}

/* A body being checked, n bytes at s; whether it holds an appendix itself (-1: not known yet). */
struct mdl_body {
	const char *s;
	size_t n;
	int inline_appendix;
};

/*
 * model_appx.c: the references to appendices in line l of the body of an
 * entry, against its appendices; an order with none is checked unless
 * its body holds its appendix itself (a line starting «Приложение»:
 * body->inline_appendix, found when first needed).
 */
void mdl_check_appendix_refs(const struct mdl_line *l, struct mdl_body *body);
/* The warning of a day the calendar has not («31.09.2025»: len bytes at date), why as date.h says.
 */
void mdl_warn_impossible_date(struct builder *b, const struct nv_entry *e, int line, int col,
			      const char *date, size_t len, const char *why);
/*
 * Birth dates and СНИЛС (md_pd.c) in the n bytes of e's body at s, whose
 * first line is first_line of the file; in the scalars of its front
 * matter (model_pdtext.c). Errors: the website must not show them.
 */
void mdl_check_pd_body(struct builder *b, const struct nv_entry *e, const char *s, size_t n,
		       int first_line);
void mdl_check_pd_meta(struct builder *b, const struct nv_entry *e);
/*
 * The start of file line `line` in doc's front matter as written (text:
 * the file's, nv_content_doc_text()), or NULL when the front matter ends
 * before it (model_cite.c).
 */
const char *mdl_meta_line(const struct nv_doc *doc, const char *text, int line);
/* The citations and the impossible days in e's title and preamble. */
void mdl_check_meta_cites(struct builder *b, const struct nv_entry *e);
/* The citations in e's body, the n bytes at body (file line `line` first). */
void mdl_check_body_cites(struct builder *b, const struct nv_entry *e, const char *body, size_t n,
			  int line);
/*
 * Phase 2: an entry per document, with its kind (folder or `type:`) and a
 * unique, valid id, indexed by id; sorted by kind, then id. Drafts are
 * left out (and remembered) unless b->drafts.
 */
void mdl_create_entries(struct builder *b);

/* --- model_forms.c: requisites and forms ----------------------------------- */

/* `inn` and `ogrn` of organization (the fields org), checked, into s. */
void mdl_read_requisites(struct nv_fields *org, struct nv_site *s);
/* `blanks:` of site.yml (the fields top): which built-in forms are switched on. */
void mdl_read_blanks(struct builder *b, struct nv_fields *top);
/*
 * Phase 2, after the documents: the built-in forms switched on that the
 * project does not replace, parsed into m->form_docs and handed to add,
 * which makes their entries (none after nv_model_builtin_forms(false)).
 */
void mdl_builtin_forms(struct builder *b, void (*add)(struct builder *, struct nv_doc *));
/* Phase 3: a form's requisites filled in; e->md becomes the filled body. */
void mdl_read_form(struct builder *b, struct nv_entry *e, struct nv_fields *f);

/* --- model_site.c: people.yml and site.yml ---------------------------------- */

/* Phase 1: people.yml into the model's people and their index. */
void mdl_read_people(struct builder *b);
/* Phase 1: site.yml into the model's site, with its defaults (names people). */
void mdl_read_site(struct builder *b);

/* --- model_roadmap.c: roadmap sections, terms, responsible ------------------ */

/*
 * The academic year terms of e are parsed in: e->acyear, or for a
 * document with a `period`, the academic year in which the period begins.
 */
int mdl_term_acyear(const struct nv_entry *e);

/*
 * Move term t of e, parsed in mdl_term_acyear(e), into e's `period` when
 * the term has no date of its own: «В течение года» becomes the whole
 * period, «октябрь» the first October within it. Nothing for a document
 * with an academic year.
 */
void mdl_term_in_period(const struct nv_entry *e, struct nv_term *t);

/*
 * As nv_term_parse(t, text, acyear, why), but each (text, acyear) is
 * parsed once per build (b->terms). text must outlive the build (it is
 * the key); why must not be NULL.
 */
int mdl_parse_term(struct builder *b, struct nv_term *t, const char *text, int acyear,
		   struct nv_buf *why);
/* Free a memo of parsed terms (builder.terms); x may be NULL. */
void mdl_terms_free(struct nv_strmap *x);
/* A roadmap's `sections` (with their items) from its front matter f into e. */
void mdl_read_sections(struct builder *b, struct nv_entry *e, struct nv_fields *f);

/* --- model_read.c: the fields of each document, by kind --------------------- */

/* Fill the model's site_yml and attachments: every file of content/ that is not a document. */
void mdl_read_attachments(struct builder *b);
/*
 * Phase 3: the fields of one entry, by kind. Touches only e (and b's
 * diagnostics, term memo and folded sets), so entries may be read on
 * several threads, each with its own copy of the builder.
 */
void mdl_read_entry(struct builder *b, struct nv_entry *e);
/* After phase 3: an order without numbered items in its body is an error (a body step). */
void mdl_check_order_items(struct builder *b, const struct nv_entry *e);
/* Phase 5: two orders of one year with one registration number are an error (model_cite.c). */
void mdl_check_order_numbers(struct builder *b);
/* Phase 5: a `totals` of site.yml less than the people of the pairs it counts. */
void mdl_check_totals(struct builder *b);
/* Phase 4: pairs.yml; marks the people who take part as mentors or mentees (model_pairs.c). */
void mdl_read_pairs(struct builder *b);

/*
 * A roadmap item's `responsible` (text, or a list of texts and ids of
 * people) from the fields f into it->resp; unknown ids are errors.
 */
void mdl_read_responsible(struct builder *b, struct nv_fields *f, struct nv_item *it);
/*
 * The paper and web strings of every roadmap item's `responsible`
 * (nv_item); after mdl_settle_people, which fixes the publish levels.
 */
void mdl_resolve_responsible(struct builder *b);

/* --- model_pd.c: personal data ------------------------------------------------ */

/*
 * Names of people written without a mention in any text the website
 * shows (model_pd.c): an error for a hidden person or a form beyond the
 * person's level, a warning for a published one; each with the mention
 * to write. mdl_check_mentions_begin() makes the model's guard, after
 * mdl_settle_people; then mdl_check_mentions_front() checks entry i's
 * front matter and file name, and mdl_check_mentions() its body, after
 * its mdl_find_private_items(), each with a thread's state *x (NULL at
 * first, freed by mdl_pd_free()); mdl_check_data_mentions() the data
 * files and the attachments' names.
 */
struct mdl_pd;
void mdl_check_mentions_begin(struct builder *b);
void mdl_check_mentions_front(struct builder *b, size_t i, struct mdl_pd **x);
void mdl_check_mentions(struct builder *b, size_t i, struct mdl_pd **x);
void mdl_pd_free(struct mdl_pd *x);
void mdl_check_data_mentions(struct builder *b);
/*
 * Phase: the text of each attachment (.txt, .csv; .docx, .odt, .xlsx,
 * .ods) read as the build's guard reads it, and each name the website may
 * not show there an error at its place (model_attach.c).
 */
void mdl_check_attachments(struct builder *b);
/* Free m->guard (made by mdl_check_mentions_begin()) and clear it; for nv_model_release(). */
void mdl_guard_release(struct nv_model *m);

/* --- model_resolve.c: cross-document rules ---------------------------------- */

/*
 * Appendices of orders: each document is an appendix of one order at
 * most; it gets its number and the derived «УТВЕРЖДЕНО приказом» block.
 */
/*
 * Read an order's `appendices` (ids, `pairs`, or {id: …, web: false})
 * into e->appendices; problems go to f's diagnostics.
 */
void mdl_read_appendices(struct builder *b, struct nv_entry *e, struct nv_fields *f);
/* Where an order's `appendices` names id (the list itself when it does not, or NULL). */
const struct nv_value *mdl_appendix_node(const struct nv_entry *order, const char *id);
void mdl_resolve_appendices(struct builder *b);
/*
 * Find the list items marked «<!-- не для сайта -->» of entry i's body
 * (nv_entry.private_items), and say where other raw HTML is, which
 * neither the website nor paper shows (model_marks.c).
 * mdl_cache_begin(b, MDL_CHECK_MARKS) first, once.
 */
void mdl_find_private_items(struct builder *b, size_t i);
/*
 * Warn about pairs whose period starts before their order or leaves its
 * academic year; an order's table of pairs with no pair is an error (model_pairs.c).
 */
void mdl_check_pairs(struct builder *b);
/*
 * Check every link of e's body to Markdown documents and its anchor, and
 * give e the web URLs of its links (link_urls); a link to a file must
 * name an attachment or a PDF the website has (nv_entry_pdf_off(), so
 * after mdl_settle_people and e's mdl_find_private_items()), and each
 * to a PDF the build's guard may still keep off goes to e's pdf_links.
 * path: a buffer for the paths joined.
 */
void mdl_check_links(struct builder *b, struct nv_entry *e, struct nv_buf *path);
/* The path of `to` as seen from the folder of `from` ("../orders/x.md"). */
void mdl_relative_path(struct nv_buf *out, const char *from, const char *to);
/*
 * A warning at an image of e that will not show as its author expects
 * (model_images.c): one from another website (NV_MD_LINK_REMOTE); on the
 * paper of a printed kind, one shown as its text only.
 */
void mdl_check_image(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l);
/* The anchors of links to other documents, which mdl_check_links() left to it (b->later). */
void mdl_check_anchors(struct builder *b);
/*
 * Mentions of people in e's Markdown body ("[Лебедевой А. С.](@lebedeva-as
 * \"куратору\")"): an unknown id is an error; e gets the text the
 * website shows for each mention (link_texts), once the publish levels
 * are settled (call after mdl_settle_people).
 */
void mdl_resolve_mentions(struct builder *b, struct nv_entry *e);
/*
 * A publish level written in people.yml that would put a name on the
 * site must be allowed: never a student's (minors are not published by
 * name, whatever the consent), never without a consent date. The error
 * is at the «publish» key and the level falls back to none, so nothing
 * downstream can show the name. Levels taken from site.yml's default are
 * checked in mdl_settle_people().
 */
void mdl_check_publish(struct nv_fields *f, const struct nv_value *item, struct nv_person *p,
		       bool student);
/*
 * The publish level of every person not given one (defaults by category
 * and role), and an error where the default would show a name without a
 * consent date.
 */
void mdl_settle_people(struct builder *b);

struct nv_guard_word;

/*
 * The warning for the word w of s at line:col of path, in the field key
 * (NULL: in the text).
 */
struct nv_diag *mdl_mixed_warn(struct nv_diags *d, const char *path, int line, int col,
			       const char *s, const struct nv_guard_word *w, const char *key);

/* The warnings for the words mixing the alphabets in e's front matter, at their fields. */
void mdl_check_mixed_meta(struct builder *b, const struct nv_entry *e);

/*
 * A word broken by a hyphen at the end of line l, the next line (up to
 * end, the end of the body or the front matter) going on with a small
 * Russian letter: a warning.
 */
void mdl_check_broken(const struct mdl_line *l, const char *end);

/*
 * Line l from ind on, when it looks like a scan recognised as Latin
 * instead of Russian (nv_md_misread()): a warning, once a paragraph
 * (*said, which the caller clears at a blank line).
 */
void mdl_check_misread(const struct mdl_line *l, size_t ind, bool *said);

/*
 * The quotes of a body read so far (model_quotes.c): how many are open,
 * the first's place and words.
 */
struct mdl_quotes {
	int depth, line, col;
	char words[200];
};

/* The quotes of line l into q: a closing one with none open is a warning at it. */
void mdl_check_quotes(const struct mdl_line *l, struct mdl_quotes *q);

/*
 * Line l of a document's text, when it is a part the layouts make
 * themselves (model_order_parts.c): before the text's first line
 * (*started false), the title, an approval block, the kind's word; in an
 * order, «ПРИКАЗЫВАЮ:», a signature, «С приказом ознакомлены». An error.
 */
void mdl_check_made_parts(const struct mdl_line *l, bool *started);

/*
 * Where the word (n bytes) of the scalar v is in doc's front matter as
 * written: its first place from v's line on, else v's own place
 * (model_mixed.c).
 */
void mdl_meta_written_at(struct nv_doc *doc, const struct nv_value *v, const char *word, size_t n,
			 int *line, int *col);

/*
 * The characters of line l (indent ind) of a body that will not show as
 * written (model_chars.c): Word's bullets at its start; a sign of Word's
 * symbol fonts, «�», an emoji in a printed document, a character that
 * shows nothing (where the body's facts have NV_MD_TEXT_GLYPH); links
 * and images whose address has a space, images with no text (where they
 * have NV_MD_TEXT_LINK); and all but the bullets and links in e's front
 * matter.
 */
void mdl_check_chars(const struct mdl_line *l, size_t ind);
/* Whether e is printed: a kind with a PDF, or an order's appendix (model_chars.c). */
bool mdl_printed(const struct nv_entry *e);
void mdl_check_glyphs_meta(struct builder *b, const struct nv_entry *e);
/* The same in the data files' scalars, at each scalar's start (model_chars.c). */
void mdl_check_data_chars(struct builder *b);

/* After the last line of e's body: a quote left open, a warning at it. */
void mdl_check_quotes_end(struct builder *b, const struct nv_entry *e, const struct mdl_quotes *q);

#endif
