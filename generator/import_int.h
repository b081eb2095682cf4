/*
 * import_int.h: what the import readers and the recogniser share
 * (import*.c only).
 */
#ifndef NV_IMPORT_INT_H
#define NV_IMPORT_INT_H

#include "common.h"

#include <libxml/tree.h>
#include <zip.h>

#include "buf.h"
#include "import.h"

struct nv_imp_ctx;
struct nv_imp_ln;

/* The kind of a picture's block of the body (struct nv_imp_ctx, last). */
#define NV_IMP_BLOCK_PICTURE 6

/*
 * The picture at the entry `entry` of z (the path in the archive): a PNG
 * or a JPEG, in the body's text (not in_cell), goes into doc->pics with
 * the number of the paragraph being read; any other is counted as
 * skipped (doc->images). import_pictures.c.
 */
void nv_imp_add_picture(struct nv_imp_doc *doc, zip_t *z, const char *entry, bool in_cell);
/*
 * The pictures of the source before line l of the body, each a paragraph
 * of its own, «![Рисунок N](…)»; those in a requisite's paragraph are
 * skipped. True when l is the caption of the last one («Рисунок 1 —
 * Схема…»), which is then its text, and l is not to be written.
 */
bool nv_imp_body_pictures(struct nv_imp_ctx *c, const struct nv_imp_ln *l);
/*
 * After the recogniser: the pictures after the body's last line, the
 * files named after r->id and the addresses written in, the report's
 * lines.
 */
void nv_imp_pictures_finish(struct nv_imp_ctx *c);

/*
 * Open the ZIP container in data (len bytes) with the entry-count limit.
 * Returns the archive (close with zip_discard()) or NULL with an error in
 * d that names `what` («документ Word») for a file that is no ZIP.
 */
zip_t *nv_imp_zip_open(const char *name, const char *data, size_t len, const char *what,
		       struct nv_diags *d);
/*
 * Read the entry `entry` of z into out, refusing encrypted entries and
 * those over the size and ratio limits. Returns 1 when read, 0 when
 * there is no such entry (nothing added to d), -1 after an error in d.
 */
int nv_imp_zip_read(zip_t *z, const char *name, const char *entry, struct nv_buf *out,
		    struct nv_diags *d);
/* nv_imp_zip_read() of the entry at index i of z, `entry` its name for the messages. */
int nv_imp_zip_read_index(zip_t *z, const char *name, zip_uint64_t i, const char *entry,
			  struct nv_buf *out, struct nv_diags *d);
/*
 * Parse XML (the part `entry` of name) with no network, no entity
 * substitution and no DTD; a document with a DOCTYPE is refused (no
 * office format has one: it is how entity bombs come). Returns the tree
 * (xmlFreeDoc) or NULL with an error in d.
 */
xmlDoc *nv_imp_xml_parse(const char *name, const char *entry, const struct nv_buf *xml,
			 struct nv_diags *d);

/* True if node n is the element `local` in the namespace whose URI is ns. */
bool nv_imp_is(const xmlNode *n, const char *ns, const char *local);
/* The attribute `local` of namespace ns (copied; the caller frees), or NULL. */
char *nv_imp_attr(const xmlNode *n, const char *ns, const char *local);
/* The first child element ns:local of n, or NULL. */
xmlNode *nv_imp_child(const xmlNode *n, const char *ns, const char *local);

/* Lower-case Russian and ASCII letters of s (len bytes) into out. */
void nv_imp_lower(struct nv_buf *out, const char *s, size_t len);
/* Does t, in lower case, have one of the n stems (lower case)? */
bool nv_imp_has_stem(const char *t, const char *const *stems, size_t n);
/* True if the two bytes at p are a Russian capital, «А»–«Я» or «Ё» (p[0] must be readable). */
static inline bool nv_imp_cyr_capital(const unsigned char *p)
{
	return p[0] == 0xD0 && ((p[1] >= 0x90 && p[1] <= 0xAF) || p[1] == 0x81);
}
/* True if the two bytes at p are a small Russian letter, «а»–«я» or «ё» (p[0] must be readable). */
static inline bool nv_imp_cyr_small(const unsigned char *p)
{
	return (p[0] == 0xD0 && p[1] >= 0xB0 && p[1] <= 0xBF) ||
	       (p[0] == 0xD1 && ((p[1] >= 0x80 && p[1] <= 0x8F) || p[1] == 0x91));
}
/* True if s starts with a lower-case Russian or Latin letter. */
static inline bool nv_imp_starts_lower(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	return (*p >= 'a' && *p <= 'z') || nv_imp_cyr_small(p);
}
/* True if t starts with the position of one acting for the head: «И.о.», «И. о.», «Исполняющ…». */
bool nv_imp_is_acting(const char *t);

/* One line of the document as the recogniser sees it. */
struct nv_imp_ln {
	char *text; /* owned: the number (if any), a space and the text, trimmed */
	char *md;   /* owned: the same as Markdown with bold runs (para->md), or NULL */
	const struct nv_imp_para *p;  /* NULL for a table */
	const struct nv_imp_table *t; /* the table, or NULL */
	int src;
	size_t blk; /* its block of the doc */
	bool used;
	bool body; /* in the body (nv_imp_body_line()), not a requisite */
};

struct nv_imp_ctx {
	const struct nv_imp_doc *doc;
	const struct nv_imp_opts *o;
	struct nv_imp_result *r;
	struct nv_imp_ln *ln;
	size_t n;
	struct nv_buf fm, body; /* front matter (without ---) and Markdown body */
	char *title;
	int last; /* the kind of the last body block: 0 none, 1 paragraph, 2 list item, 3
		     table, 4 numbered item, 5 heading, NV_IMP_BLOCK_PICTURE */
	const struct nv_imp_ln *last_line; /* the line of the body's last block */
	size_t last_off;		   /* where that block starts in body */
	size_t next_pic;		   /* the first picture of doc not yet placed or skipped */
	int uncaptioned;		   /* the pictures placed without a caption */
	int first_uncaptioned;		   /* the first of them (1-based) */
	int head_pics, first_head_pic; /* pictures in requisites' lines, the first's paragraph */
	int text_from,
		text_to; /* an order's items: the paragraphs [from, to) between its requisites */
};

/* The recognisers of each kind; they fill c->fm, c->body, c->title. */
void nv_imp_order(struct nv_imp_ctx *c);
void nv_imp_position(struct nv_imp_ctx *c);
void nv_imp_roadmap(struct nv_imp_ctx *c);
/* program, case, news, page: title and body. */
void nv_imp_generic(struct nv_imp_ctx *c, const char *kind);

/* `- value`, an item of a YAML list, likewise. */
void nv_imp_yaml_item(struct nv_buf *out, int indent, const char *value);
/*
 * A plan table (its header has a due and an event column) into the
 * roadmap's sections and items in c->fm (import_plan.c); false, and
 * nothing written, for any other table. src: where it starts.
 */
bool nv_imp_plan_table(struct nv_imp_ctx *c, const struct nv_imp_table *t, int src);
/* Text as Markdown inline content (the characters Markdown reads escaped). */
void nv_imp_md_text(struct nv_buf *out, const char *s);
/* A backslash before s when its first characters would start a Markdown block. */
void nv_imp_md_block(struct nv_buf *out, const char *s);
/*
 * The order s cites after «приказ»: its date into date[11] and its number
 * (the caller frees) — after the date, or between «приказ» and it
 * («к приказу МАОУ «СОШ № 14» от 29.08.2025 № 118-од», «к приказу №
 * 118-од от 29.08.2025»); NULL when either is missing.
 */
char *nv_imp_order_cited(const char *s, char date[11]);
/* The first date ДД.ММ.ГГГГ in s into out[11]; returns its start or NULL. */
const char *nv_imp_find_date(const char *s, char out[11]);
/* The number after «№» (or a scan's «N», «No» before a digit) in s (copied), or NULL. */
char *nv_imp_find_number(const char *s);
/* «2025–2026» found in s into out[16] (en dash), or false. */
bool nv_imp_find_year(const char *s, char out[16]);
/* True if s, without spaces and case-folded, starts with the word w (upper case). */
bool nv_imp_starts_word(const char *s, const char *w);
/*
 * Where t, a clause, names its own document: «1.1. Настоящее Положение о …»
 * gives the place of «Положение …» for word ПОЛОЖЕНИЕ; NULL if it does not.
 */
const char *nv_imp_clause_names(const char *t, const char *word);
/* The title from ln[*i] on: joined lines, sentence case; moves *i past them. */
char *nv_imp_title_at(struct nv_imp_ctx *c, size_t *i);
/* Parse approval blocks in ln[from, to) (tables too) into c->fm; marks lines used. */
void nv_imp_approvals(struct nv_imp_ctx *c, size_t from, size_t to, const char *doc_gender);
/* A block of the body as Markdown (heading, list item, paragraph, table). */
void nv_imp_body_line(struct nv_imp_ctx *c, struct nv_imp_ln *l, bool clauses);
/* Does l read like a table's caption (a caption style, «Таблица 1…»)? */
bool nv_imp_is_caption(const struct nv_imp_ln *l);
/* Table t as a ```table block of c->body, with the caption (or NULL); reports it. */
void nv_imp_table_block(struct nv_imp_ctx *c, const struct nv_imp_table *t, const char *caption);
/* Add a report line. */
void nv_imp_found(struct nv_imp_ctx *c, const char *fmt, ...) NV_PRINTF(2, 3);
void nv_imp_todo(struct nv_imp_ctx *c, const char *fmt, ...) NV_PRINTF(2, 3);
/* The person of people.yml the name «И. В. Соколова» / «Соколова И. В.» in s points to. */
const struct nv_imp_person *nv_imp_person_in(const struct nv_imp_ctx *c, const char *s);

/*
 * A signature t («Директор<TAB>И. В. Соколова») of someone not in
 * people.yml becomes a new person of c->r (position: the signature's, else
 * `position` when not NULL); returns the new id, or NULL when t names no one.
 */
const char *nv_imp_new_person(struct nv_imp_ctx *c, const char *t, const char *position);
/* --- names as documents type them (import_names.c) --- */

/* A name: surname, then a name and a patronymic, whole or as initials («Е.»), or "". */
struct nv_imp_name {
	char sur[128], name[64], patr[64];
};
/*
 * The name at s (after spaces and a number «1.», «1)» or a dash) into nm:
 * «Фамилия Имя Отчество», «Фамилия И. О.» or «И. О. Фамилия», a surname
 * in capitals written «Фамилия». Returns where it ends, or NULL when s
 * starts with no name.
 */
const char *nv_imp_take_name(const char *s, struct nv_imp_name *nm);
/* Words alike but for case and «ё» typed as «е»; their first n bytes when n. */
bool nv_imp_same_word(const char *a, const char *b, size_t n);
/* Parts of a name alike: one an initial of the other, or equal; or one not given. */
bool nv_imp_same_part(const char *a, const char *b);
/* A class named in s («7 А», «7«А»», «10-б», «5 класс») into out («7 «А»», «5»); false if none. */
bool nv_imp_find_class(const char *s, struct nv_buf *out);
/* Does s say a student («обучающийся», «ученица»)? A post of the staff («учитель»)? */
bool nv_imp_says_student(const char *s);
bool nv_imp_says_staff(const char *s);
/* s (n bytes) without the punctuation and spaces around it, into out. */
void nv_imp_trim(struct nv_buf *out, const char *s, size_t n);

/*
 * A new person of c->r: surname, name and patronymic (whole or initials
 * «Е.», the patronymic may be ""), position (NULL or "": none); its id
 * is made of the surname and initials, unique.
 */
struct nv_imp_newperson *nv_imp_add_person(struct nv_imp_ctx *c, const char *surname,
					   const char *name, const char *patronymic,
					   const char *position);

#endif
