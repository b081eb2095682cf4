/*
 * import.h: `nastavnik import` below the command layer — a school's
 * .docx, .odt and text documents read into one intermediate form, and
 * the recogniser that turns that form into a document of content/
 * (front matter + Markdown) with a report of what it found.
 *
 * The intermediate form is a list of blocks: paragraphs (text, style
 * name, outline or list level, the number Word's or LibreOffice's
 * automatic numbering shows, alignment) and tables (rows of cells with
 * their spans, each cell a list of paragraphs). The three readers
 * (import_docx.c, import_odt.c, import_text.c) fill it; the recogniser
 * (import_recog.c and import_order.c, import_body.c) reads only it.
 *
 * Library code: functions return 0/-1 and add diagnostics; nothing here
 * prints or writes files.
 */
#ifndef NV_IMPORT_H
#define NV_IMPORT_H

#include "common.h"

#include "buf.h"
#include "strlist.h"

struct nv_diags;

enum nv_imp_align {
	NV_IMP_LEFT,
	NV_IMP_CENTER,
	NV_IMP_RIGHT,
	NV_IMP_BOTH,
};

/* One paragraph of the source. */
struct nv_imp_para {
	char *text;   /* owned UTF-8, tabs kept as '\t'; never NULL */
	char *style;  /* owned style name ("heading 1", "List Number"), or NULL */
	char *number; /* owned: what automatic numbering shows ("2.1.", "а)"), or NULL */
	char *md; /* owned: the text as Markdown when part of it is bold («**термин** — …»), or NULL
		   */
	int level;   /* list or outline level from 0, -1 when none */
	bool bullet; /* an automatic list item without a number (a bullet) */
	bool bold;   /* all its text is bold (a header cell's look) */
	enum nv_imp_align align;
	int src; /* its number in the source: paragraph N (1-based) or line N of text */
};

struct nv_imp_cell {
	struct nv_imp_para *paras;
	size_t n, alloc;
	int colspan, rowspan; /* 1 and 1 for a plain cell */
	bool covered;	      /* a place taken by a merged cell above or to the left */
};

struct nv_imp_row {
	struct nv_imp_cell *cells;
	size_t n, alloc;
	bool header; /* a header row the source repeats on each page */
};

struct nv_imp_table {
	struct nv_imp_row *rows;
	size_t n, alloc;
	int src; /* the number of its first paragraph in the source */
	/* The columns' widths as the source gives them (any unit), or nwidths 0. */
	long widths[32];
	size_t nwidths;
	bool lines; /* lines of text read as a table (nv_import_pairs_lines()) */
};

/* A block is a paragraph (table == NULL) or a table. */
struct nv_imp_block {
	struct nv_imp_para para;
	struct nv_imp_table *table;
};

/*
 * A picture of the body the import can put into content/files/: a PNG or
 * a JPEG, in the body's text (not in a table), in the order read.
 */
struct nv_imp_picture {
	struct nv_buf data; /* its bytes */
	const char *ext;    /* "png" or "jpg" */
	int src;	    /* the number of the source paragraph it stands in */
};

struct nv_imp_doc {
	struct nv_imp_block *v;
	size_t n, alloc;
	const char *format;   /* "docx", "odt", "text", "RTF" */
	const char *encoding; /* "UTF-8", "UTF-16" or "Windows-1251" (text only), else NULL */
	int images, objects;  /* skipped pictures and embedded objects */
	int next_src;	      /* the readers' paragraph counter */
	struct nv_imp_picture *pics;
	size_t npics, alloc_pics;
	size_t pics_bytes; /* their sizes, together */
	bool shared;	   /* a part of another (nv_imp_doc_part()): only v and pics are its own */
};

/* Limits against hostile containers (zip bombs). */
enum {
	NV_IMP_MAX_ENTRIES = 5000,	/* entries in the archive */
	NV_IMP_MAX_PART = 32 << 20,	/* unpacked size of one XML part we read */
	NV_IMP_MAX_RATIO = 200,		/* unpacked / packed, for parts over 1 MB */
	NV_IMP_MAX_INPUT = 64 << 20,	/* size of the file itself */
	NV_IMP_MAX_BLOCKS = 200000,	/* paragraphs and tables in a document */
	NV_IMP_MAX_PICTURES = 64 << 20, /* pictures taken, together (the last may pass it) */
};

void nv_imp_doc_init(struct nv_imp_doc *doc);
/* Free everything doc holds; doc is empty and reusable. */
void nv_imp_doc_release(struct nv_imp_doc *doc);
/*
 * Append a paragraph with a copy of text (len bytes) to the body or, when
 * cell is not NULL, to that cell. Returns it (valid until the next append)
 * for the caller to set its style, number and level; its src is the next
 * paragraph number.
 */
struct nv_imp_para *nv_imp_add_para(struct nv_imp_doc *doc, struct nv_imp_cell *cell,
				    const char *text, size_t len);
/* Append len bytes of text to paragraph p's, after a space (a line that continues it). */
void nv_imp_para_append(struct nv_imp_para *p, const char *text, size_t len);
/* Append an empty table to the body; owned by doc. */
struct nv_imp_table *nv_imp_add_table(struct nv_imp_doc *doc);
struct nv_imp_row *nv_imp_add_row(struct nv_imp_table *t);
struct nv_imp_cell *nv_imp_add_cell(struct nv_imp_row *r, int colspan, int rowspan, bool covered);
/*
 * The inline Markdown of a paragraph being read: its text with the
 * characters Markdown reads escaped, bold runs in «**» and italic ones in
 * «*». Start zeroed.
 */
struct nv_imp_inline {
	struct nv_buf md;
	unsigned open;		    /* the NV_IMP_BOLD, NV_IMP_ITALIC runs open */
	size_t bold, italic, plain; /* non-space bytes in bold, in italic only, in neither */
};
enum {
	NV_IMP_BOLD = 1,
	NV_IMP_ITALIC = 2
};
/* Append len bytes of text in the style `look` (NV_IMP_BOLD | NV_IMP_ITALIC, or 0). */
void nv_imp_inline_add(struct nv_imp_inline *in, const char *s, size_t len, unsigned look);
/* Append the string s to a paragraph's plain text and, in the style look, to its Markdown. */
void nv_imp_emit(struct nv_buf *plain, struct nv_imp_inline *in, const char *s, unsigned look);
/*
 * Finish: the Markdown (the caller frees) when part of the paragraph is
 * bold or italic, else NULL (all bold is a heading's look, not emphasis);
 * in is released. *all_bold (when not NULL) tells whether all its text was bold.
 */
char *nv_imp_inline_finish(struct nv_imp_inline *in, bool *all_bold);

/* The text of a cell: its paragraphs joined with spaces, into out (appended). */
void nv_imp_cell_text(struct nv_buf *out, const struct nv_imp_cell *c);

/*
 * Read the file at path (shown as `name` in messages) into doc, choosing
 * the reader by the contents and the extension: a ZIP container is read
 * as .docx or .odt, anything else named .txt or .md as text. Returns 0,
 * or -1 with a located error in d (corrupt, encrypted, not what its name
 * says, over a limit), or -2 when a library the reader needs cannot be
 * loaded (lazylib.h; the error is in d); doc then holds nothing useful.
 */
int nv_import_read(const char *path, const char *name, struct nv_imp_doc *doc, struct nv_diags *d);

/*
 * The name of the file of a document titled title: the address of the
 * title, cut after the last whole word that fits in 64 characters and
 * before a preposition left at the end, the academic year of the title
 * kept (import_recog.c). The caller frees.
 */
char *nv_imp_doc_name(const char *title);
/*
 * Sentence case of an upper-case line, abbreviations kept («ПОЛОЖЕНИЕ О
 * НАСТАВНИЧЕСТВЕ В МАОУ «СОШ № 14»» → «Положение о наставничестве в
 * МАОУ «СОШ № 14»»), import_recog.c; the caller frees.
 */
char *nv_imp_sentence(const char *s);
/* Whether s has letters and none of them small (import.c). */
bool nv_imp_is_upper(const char *s);
/* `key: value` in YAML, quoted only when it must be (indent spaces first). */
void nv_imp_yaml(struct nv_buf *out, int indent, const char *key, const char *value);

/* The readers, for nv_import_read() and the tests. */
int nv_import_docx(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		   struct nv_diags *d);
int nv_import_odt(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		  struct nv_diags *d);
/* Text in UTF-16, UTF-8 or Windows-1251, detected (below); doc->encoding says which. */
int nv_import_text(const char *name, const char *data, size_t len, struct nv_imp_doc *doc,
		   struct nv_diags *d);

/*
 * Plain text (len bytes at data) as an editor shows it, in UTF-8, added
 * to out; returns the encoding's name. UTF-16 after its byte order mark
 * (Word's and Notepad's «Юникод», Excel's «Текст Юникод»), "UTF-16";
 * else UTF-8 as it is, a BOM dropped, "UTF-8"; else each line that is no
 * UTF-8 read as Windows-1251 (Russian Windows', Excel's CSV), and
 * "Windows-1251". Lines keep their numbers.
 */
const char *nv_import_decode_text(const char *data, size_t len, struct nv_buf *out);

/* The office files whose text nv_import_all_text() reads. */
enum nv_imp_kind {
	NV_IMP_DOCX,
	NV_IMP_ODT,
	NV_IMP_XLSX,
	NV_IMP_ODS,
	NV_IMP_ODP
};

/*
 * All the text of an office file of that kind in data (len bytes) into
 * out, a paragraph or a string a line: the body, headers and footers,
 * footnotes, comments, text boxes, deleted text, a spreadsheet's cells,
 * sheet names and comments, who wrote the comments and changes, and the
 * file's properties (author, title, company) (import_sheet.c). For the
 * guard of the attachments, not for import. 0, or -1 with an error in d.
 */
int nv_import_all_text(const char *name, const char *data, size_t len, enum nv_imp_kind kind,
		       struct nv_buf *out, struct nv_diags *d);

/*
 * All the text of a PDF (len bytes at data) into out, a line a line of
 * its pages, each page ended by a form feed ('\f'), then its title,
 * author, subject and keywords; a scan's pages are empty (import_pdf.c). For the guard of the
 * attachments. 0; -1 with an error in d for a damaged PDF or one locked by a password; -2 when
 * Poppler cannot be loaded (the error is in d).
 */
int nv_import_pdf_text(const char *name, const char *data, size_t len, struct nv_buf *out,
		       struct nv_diags *d);

/* How the guard of the attachments reads a file, by the end of its name (any case). */
enum nv_imp_read {
	NV_READ_NAME,	/* its name only: a format with no text to read */
	NV_READ_TEXT,	/* .txt, .csv: nv_import_decode_text() */
	NV_READ_OFFICE, /* .docx, .odt, .odp, .xlsx, .ods: nv_import_all_text() */
	NV_READ_PDF,	/* nv_import_pdf_text() */
	NV_READ_ZIP,	/* an archive's names and files: NV_IMP_ZIP_FILE below */
	NV_READ_RTF,	/* nv_import_rtf_text() */
	NV_READ_BYTES,	/* .doc, .xls, photos: nv_import_binary_text() */
};
/* How name is read; for NV_READ_OFFICE, its kind in *kind. */
enum nv_imp_read nv_import_read_how(const char *name, enum nv_imp_kind *kind);
/*
 * All the text the guard reads of the file `name` (len bytes at data),
 * as nv_import_read_how() says, into out; *encoding is the encoding of a
 * text file, NULL for others. 0; -1 with an error in d for a file that
 * cannot be read; -2 when a library its reader needs cannot be loaded
 * (the error is in d).
 */
int nv_import_attachment_text(const char *name, const char *data, size_t len, struct nv_buf *out,
			      const char **encoding, struct nv_diags *d);

/*
 * The text nv_import_attachment_text() gives of a ZIP archive: for each
 * file, a line of NV_IMP_ZIP_FILE and its name (UTF-8, or CP866 made
 * UTF-8), then the text it gives for a file of that kind, an archive's
 * read the same way, its files named «archive.zip/file», two deep
 * (import_zip.c); a file that cannot be read is an error naming it.
 */
#define NV_IMP_ZIP_FILE '\x1C'

/*
 * For the guard of the attachments (import_binary.c): the runs of text
 * with Russian letters in a file of a binary format (.doc, .xls, a
 * photo's metadata), in UTF-16 or UTF-8, a line each; and the text of an
 * RTF file, its escapes read, into out.
 */
void nv_import_binary_text(const char *data, size_t len, struct nv_buf *out);
void nv_import_rtf_text(const char *data, size_t len, struct nv_buf *out);

/* A person of people.yml, for matching a signature to an id. */
struct nv_imp_person {
	const char *id, *surname, *name, *patronymic;
};

/* What the recogniser is given besides the document. */
/* An order of the project, for a block «УТВЕРЖДЕНО приказом от … № …». */
struct nv_imp_order {
	const char *number; /* as written: «118-од» */
	char date[11];	    /* «29.08.2025» */
	const char *path;   /* content/orders/….md; NULL: the order the text is an appendix to */
};

/* A program of the project: the one a pair of a table of pairs works by. */
struct nv_imp_program {
	const char *id;
	int acyear;		  /* the first year of its academic year; 0 with a period */
	const char *const *forms; /* the forms it runs (nforms), none: not said */
	size_t nforms;
};

struct nv_imp_opts {
	const char *kind; /* "order", …, or NULL to recognise it */
	const struct nv_imp_person *people;
	size_t npeople;
	/* site.yml's organisation.name, short_name and founder, or NULL. */
	const char *org_name, *org_short, *founder;
	const struct nv_imp_order *orders; /* the project's */
	size_t norders;
	/*
	 * An order's appendices imported with it (their ids, web[k] false for
	 * one not for the site): the order's `appendices`.
	 */
	const char *const *appendices;
	const bool *appendix_web;
	size_t nappendices;
	bool appendix; /* the text is an appendix read after its order (kind recognised) */
	/* The forms and kinds of mentoring a table of pairs names (model.h), or NULL. */
	const char *const *forms, *const *school_forms, *const *kinds;
	const struct nv_imp_program *programs; /* the project's, for a table of pairs */
	size_t nprograms;
};

/* The order of o->orders numbered `number` (any case, any dash) on `date`, or NULL. */
const struct nv_imp_order *nv_import_find_order(const struct nv_imp_opts *o, const char *number,
						const char *date);

/*
 * An appendix of an order whose text follows it in the same file, after
 * its stamp («Приложение № 1 к приказу от …»): its blocks of the doc.
 */
struct nv_imp_app {
	char *stamp_text;	      /* owned: the stamp, its lines joined */
	int number;		      /* its place among the order's stamps, from 1 */
	size_t stamp, first, end;     /* the stamp's block, its text's blocks [first, end) */
	int stamp_src, src, last_src; /* the source paragraphs of the stamp, of its text's first
					 and last line */
};

/*
 * A person the document names who is not in people.yml (the signatory of
 * an order, the approver of a block УТВЕРЖДАЮ), as far as it tells: name
 * and patronymic are often only initials («И.», «В.»).
 */
struct nv_imp_newperson {
	char *id, *surname, *name, *patronymic, *position; /* owned; position may be NULL */
	bool student;	  /* category: student (a mentee of a table of pairs) */
	char *class_name; /* owned: a student's class («7 «А»»), or NULL */
};

/* The organisation's header of a document: NV_IMP_ORG_NAME … as indexes. */
enum {
	NV_IMP_ORG_NAME,
	NV_IMP_ORG_SHORT,
	NV_IMP_ORG_FOUNDER,
	NV_IMP_ORG_KEYS
};
/* The keys of site.yml's organization: "name", "short_name", "founder". */
extern const char *const nv_import_org_keys[NV_IMP_ORG_KEYS];

/* What the recogniser made. */
/* A picture the document shows, to write as content/files/<name>. */
struct nv_imp_file {
	char *name;			  /* owned: "<id>-risunok-1.png" */
	const struct nv_imp_picture *pic; /* its bytes, in the nv_imp_doc read */
};

struct nv_imp_result {
	const char *kind;	   /* "order", "position", … (static) */
	char *id;		   /* owned: the slug of the title */
	struct nv_imp_file *files; /* the pictures the text shows, in its order */
	size_t nfiles, alloc_files;
	struct nv_buf text;	    /* the document: front matter and Markdown */
	struct nv_strlist found;    /* report lines: the kind and why, every requisite */
	struct nv_strlist unplaced; /* «абзац N: … — hint» */
	struct nv_strlist todo;	    /* what the author must add for `check` to pass */
	struct nv_strlist propose;  /* what could not be merged into site.yml and people.yml */
	struct nv_imp_newperson
		*newp; /* people to add to people.yml; the document uses their ids */
	size_t nnewp;
	char *org[NV_IMP_ORG_KEYS]; /* owned: the header's organisation, short name, founder, or
				       NULL */
	struct nv_imp_app *apps;    /* an order's appendices with their text in the file */
	size_t napps, alloc_apps;
	char *number;	     /* owned: an order's number as written, or NULL */
	char date[11];	     /* an order's date («29.08.2025»), or "" */
	struct nv_buf pairs; /* a table of pairs: the entries to append to pairs.yml */
	size_t npairs;
};

void nv_imp_result_init(struct nv_imp_result *r);
void nv_imp_result_release(struct nv_imp_result *r);

/*
 * Recognise the kind (or take o->kind), the requisites and the body of doc
 * and write the document into r. Returns 0, or -1 when nothing usable
 * was found (no title): r->todo says why.
 */
int nv_import_recognise(const struct nv_imp_doc *doc, const struct nv_imp_opts *o,
			struct nv_imp_result *r);

/*
 * A part of doc into part: the blocks of the ranges [from[k], to[k]) (in
 * order) and the pictures that stand in them, sharing doc's memory (doc
 * must outlive it; nv_imp_doc_release() frees only its arrays). The
 * skipped pictures and objects doc counted go with `counts`.
 */
void nv_imp_doc_part(const struct nv_imp_doc *doc, const size_t *from, const size_t *to, size_t n,
		     bool counts, struct nv_imp_doc *part);

/*
 * The table of pairs of an order's appendix (import_pairs.c): the first
 * table of doc, when its header names mentors and mentees («ФИО
 * наставника», «Наставляемый») and the appendix has little text besides
 * (a title), else NULL.
 */
const struct nv_imp_table *nv_import_pairs_table(const struct nv_imp_doc *doc);
/*
 * An appendix that lists its pairs as lines, «1. Орлова Т. Н. — Зайцева
 * М. А., Гусев Д. В.» (under a title or two that say pairs or mentoring,
 * nothing else): into out,
 * the same with the lines a table of two columns, «Наставник» and
 * «Наставляемые», that nv_import_pairs_table() finds; false when doc is
 * not one (out untouched).
 */
bool nv_import_pairs_lines(const struct nv_imp_doc *doc, struct nv_imp_doc *out);
/* Does the header of t name mentors and mentees (a table of pairs)? */
bool nv_import_pairs_header(const struct nv_imp_table *t);
/*
 * Table t of doc as entries of content/pairs.yml for the order `order`
 * (its id) of the academic year acyear (its first year; 0: unknown):
 * into r->pairs (r->npairs of them, r->kind "pairs"), each with the
 * program of o->programs when one alone of that year runs its form; the
 * people not in o->people into r->newp, the report into r->found,
 * r->unplaced and r->todo. 0, or -1 when no row names a pair.
 */
int nv_import_pairs(const struct nv_imp_doc *doc, const struct nv_imp_table *t,
		    const struct nv_imp_opts *o, const char *order, int acyear,
		    struct nv_imp_result *r);
/*
 * The order a file of an appendix alone names in its stamp at the top
 * («Приложение № 1 к приказу от 30.09.2025 № 131-од», before its first
 * table): its number (the caller frees) and date; false when there is none.
 */
bool nv_import_pairs_stamp(const struct nv_imp_doc *doc, char **number, char date[11]);

/*
 * The bytes to append to people.yml (len bytes now, ending as `tail`
 * says: its last byte, or 0 when empty) for the new people of r not in
 * `have` (ids; those added are put there): a comment naming the source
 * `from`, then each entry. Nothing when there is no one to add.
 */
void nv_import_people_add(struct nv_buf *out, const struct nv_imp_result *r, const char *from,
			  int tail, struct nv_strlist *have);

/*
 * Merge the organisation's keys found (found[k], NULL when not found) into
 * site.yml's text (s, len bytes): a key site.yml lacks is inserted under
 * `organization:` at the indentation of its keys, every other byte kept.
 * A key whose value in site.yml (have[k]) differs is left as it is and
 * reported in notes. Into out goes the new text (unchanged when nothing
 * is inserted), into added the inserted lines. Returns the number of
 * lines inserted.
 */
int nv_import_site_merge(const char *s, size_t len, const char *const found[NV_IMP_ORG_KEYS],
			 const char *const have[NV_IMP_ORG_KEYS], struct nv_buf *out,
			 struct nv_strlist *added, struct nv_strlist *notes);

/* The kind names the recogniser knows, NULL-terminated, in content/ order. */
extern const char *const nv_import_kinds[];

#endif
