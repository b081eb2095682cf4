/*
 * markdown.h: a Markdown body parsed with cmark, plus what the later
 * stages need to know about it.
 *
 * nv_md_parse() builds the cmark tree, replaces ```table blocks with
 * tables whose cells are Markdown (md_table.h: nv_md_parse_file()
 * reports their mistakes), and runs three passes over it, cells included:
 *  - typography (typo.h) on the text of every paragraph and heading,
 *    never inside code spans, code blocks, raw HTML or autolinks;
 *  - heading ids: the slug of each heading's text, unique in the page
 *    (a second «Цели» becomes "tseli-2");
 *  - link collection: links to other documents (relative URLs naming a
 *    .md file), links to anchors of the same page and mentions of people
 *    (links to "@id", an id of people.yml), for the content model to
 *    resolve and check. A mention's text is the name as written for
 *    paper, in the author's grammatical case; it never goes into a
 *    heading's id or plain text, nor does the person's id (a
 *    transliterated surname): a mention adds its title there, or
 *    nothing when it has none («## Встреча с [Лебедевой А. С.](@lebedeva-as
 *    "куратором")» gets "vstrecha-s-kuratorom"; without the title
 *    "vstrecha-s").
 *
 * Positions are those of the .md file a user edits: the body starts at
 * line `first_line` of the file (after the front matter), and columns
 * count characters (code points) from 1, as diagnostics require.
 *
 * The tree stays cmark's: renderers walk md->root (nv_md_step() below,
 * or cmark's iterator) and only read it (the website's HTML: html_md.h).
 * Raw HTML is not trusted: it is left out of the HTML output unless the
 * document is parsed with NV_MD_UNSAFE.
 */
#ifndef NV_MARKDOWN_H
#define NV_MARKDOWN_H

#include "common.h"

#include "md_numbering.h"

#include <cmark.h>

#include "buf.h"
#include "date.h"

struct nv_diags;
struct nv_md_table;

/* Flags of nv_md_parse(). */
#define NV_MD_UNSAFE  (1u << 0) /* keep raw HTML in the HTML output */
#define NV_MD_NO_TYPO (1u << 1) /* skip the typography pass */
#define NV_MD_CHECKED (1u << 2) /* the text is valid UTF-8 without NUL (nv_text_check()) */
/*
 * The tree is dropped soon after it is read (a build's body, rendered and
 * dropped): its memory comes from blocks of its own, freed whole, not
 * piece by piece (md_mem.h). They hold the pieces cmark freed while
 * parsing, about three times what the tree keeps: not for trees kept.
 */
#define NV_MD_BRIEF (1u << 3)

struct nv_md_heading {
	cmark_node *node; /* the HEADING node; belongs to the tree */
	char *id;	  /* unique id ([a-z0-9-]+), owned by the nv_md */
	char *text;	  /* plain text after typography, owned by the nv_md */
	int level;	  /* 1…6 */
	int line, col;	  /* where the heading starts in the file */
};

enum nv_md_link_kind {
	NV_MD_LINK_DOC,	   /* a relative URL naming a .md file: "../orders/x.md#p2" */
	NV_MD_LINK_ANCHOR, /* an anchor of the same page: "#razdel-2" */
	NV_MD_LINK_PERSON, /* a mention of a person: "@lebedeva-as" */
	/*
	 * A link the website cannot give (nv_md_url_unsafe()): to a program
	 * ("javascript:…") or to a file on the author's computer
	 * ("file:///C:/…", "C:\Users\…").
	 */
	NV_MD_LINK_UNSAFE,
	/*
	 * A relative URL naming a file of a type a school publishes
	 * ("../files/plan.pdf"), of a link or an image: an attachment.
	 */
	NV_MD_LINK_FILE,
	/*
	 * An image of another website ("https://…/shema.png", "//…"): every
	 * reader's browser asks that site for it; paper prints its text.
	 */
	NV_MD_LINK_REMOTE,
};

/*
 * Why a link's or an image's destination cannot be on the website: 1 for
 * a scheme that runs code (javascript:, vbscript:, data: but an image's
 * data:image/png, gif, jpeg, webp), 2 for a file of the author's computer
 * (file:, a Windows path «C:\…» or «C:/…»); 0 for any other.
 */
int nv_md_url_unsafe(const char *url);

struct nv_md_link {
	enum nv_md_link_kind kind;
	cmark_node *node; /* the LINK node (or a FILE's, UNSAFE's or REMOTE's IMAGE); belongs to the tree */
	char *url;	  /* the destination as cmark read it (escapes resolved) */
	char *path;	  /* DOC, FILE: the part before '?' or '#'; PERSON: the id
			     after '@' (may be empty); ANCHOR, UNSAFE, REMOTE: NULL */
	char *anchor;	  /* the part after '#', or NULL when there is none (PERSON: NULL) */
	char *text;	  /* PERSON: the link text as plain text after typography
			     (breaks as spaces); NULL for other kinds */
	char *title;	  /* PERSON: the link title, NULL when none or empty */
	int line, col;	  /* where the link starts ('[') in the file */
	bool image;	  /* an image («![…](…)»), not a link */
	bool alone;	  /* an image paper prints as a picture: nv_md_image_alone() */
};

/*
 * What the secretary's checks of a body's text (model_text.c) look for
 * in any document, each found anywhere in its bytes: a body with none of
 * them is not read again for them, unless it is an order's or has
 * appendices (md_facts.c).
 */
enum {
	NV_MD_TEXT_BULLET = 1u << 0, /* a Word bullet: «·», «▪», «□», «•», «■», U+F0B7 */
	NV_MD_TEXT_SUP = 1u << 1, /* a superscript digit: a footnote's mark or note */
	NV_MD_TEXT_HEADING =
		1u << 2, /* a heading starting with «З», ending with «.», or «#Итоги» */
	NV_MD_TEXT_CITE = 1u << 3,	/* a citation of an order (nv_md_next_cite()) */
	NV_MD_TEXT_NUMBERING = 1u << 4, /* a break in the numbering (struct nv_md_num) */
	NV_MD_TEXT_PD = 1u << 5,	/* a birth date or a СНИЛС (nv_md_next_pd()) */
	NV_MD_TEXT_LINK =
		1u << 6, /* «![](…)», an image with no text, or «](a b)»: nv_md_spaced_address() */
	NV_MD_TEXT_MIXED = 1u << 7, /* maybe a word of Russian and Latin letters: nv_md_may_mix() */
	NV_MD_TEXT_MISREAD = 1u << 8, /* a line of a scan read as Latin: nv_md_misread() */
	NV_MD_TEXT_QUOTES = 1u << 9,  /* more «» of one kind than straight quotes make up for */
	NV_MD_TEXT_HEAD = 1u << 10, /* a first line like a head the layouts print: «УТВЕРЖДЕНО» */
	NV_MD_TEXT_GLYPH =
		1u << 11, /* a sign of Word's symbol fonts, «�» or an emoji: model_chars.c */
	NV_MD_TEXT_ALL = (1u << 12) - 1,
	/* «**», the parse's only: it looks for bold it could not pair; md->text_facts has none */
	NV_MD_TEXT_STARS = 1u << 12
};

/*
 * Whether some word of s (n bytes) may mix Russian and Latin letters
 * («CОШ» with a Latin «C»), have a «й» or «ё» of two characters, or be
 * broken by a hyphen at the end of a line («Зуй-» / «кова»): a Latin
 * letter right before a byte 0xD0 or 0xD1 or right after a byte
 * 0x80–0xBF, a combining breve or diaeresis, a hyphen after such a byte
 * and before white space. Where it is false, no word does.
 */
bool nv_md_may_mix(const char *s, size_t n);

/*
 * Whether s (n bytes: a paragraph or a line) looks like a scan recognised
 * as Latin instead of Russian («MEKLY OBYHaIOUUIMIICA, © MPHKa30M»): 20
 * Latin letters or more, over four times its Russian ones, and two words
 * or more that go from a small Latin letter to a capital, or to a digit
 * and a letter («HaIOUUIMIICA», «METO0710rH»), which recognition in the
 * wrong language leaves and English does not. The Russian letters are
 * those of the whole text; the Latin letters and such words, those of
 * words that are no addresses (with no «://», «www.» or «@»). The
 * importer says such paragraphs, and the checks of a body's text such
 * lines (model_text.c).
 */
bool nv_md_misread(const char *s, size_t n);

/*
 * Whether the len bytes at text may have a sign of Word's symbol fonts,
 * «�», a pictograph or a character that shows nothing (NV_MD_TEXT_GLYPH):
 * for a front matter.
 */
bool nv_md_glyphs(const char *text, size_t len);

/* The NV_MD_TEXT_* facts of the len bytes of a body at text. */
unsigned nv_md_text_facts(const char *text, size_t len);

/* The length of an image with no text at s, n bytes («![](», «![ ][»): NV_MD_TEXT_LINK; 0 for
 * none. */
size_t nv_md_image_without_text(const char *s, size_t n);

/*
 * The length of «] (…)» at s (n bytes), a link's text and address typed
 * with a space between, which Markdown does not read as a link: the
 * address has no space and is one of a site or a file («../files/a.pdf»,
 * «https://…»), a document («polozhenie.md») or a person («@id»): a
 * reference in brackets («[1] (с. 5)») is none. 0 for none
 * (NV_MD_TEXT_LINK).
 */
size_t nv_md_split_link(const char *s, size_t n);

/*
 * Whether s starts with the label of a line (markdown.c joins lines of
 * a paragraph that start so: NV_MD_NUM_LINES): a capital letter, at most
 * three words of letters, digits, «-» and «.», a colon and a space or the
 * end («Телефон: », «Часы работы: », «E-mail: »).
 */
bool nv_md_line_label(const char *s);

/*
 * The runs of «**» in the literal of `node`, a text of a paragraph as
 * parsed (Markdown paired none of them into bold), added to *count; the
 * first of them that opens — at the paragraph's or a line's start, after
 * a space, «(» or «« — in *first (when it is NULL) and its place in the
 * literal in *off. Two such runs in a paragraph, the first an opener, are
 * bold typed so that Markdown does not read it («** важно **»,
 * «**Внимание:**текст»): a footnote's «**» after a word is none.
 */
void nv_md_stars(cmark_node *node, int *count, cmark_node **first, size_t *off);

/*
 * Whether image node `image` is printed as a picture of its own
 * (print_body.c): it stands in a paragraph of images only, with spaces
 * and line breaks between them, not in a table (a cell, the caption) nor as the first
 * paragraph of a list item, which carries the item's number. Paper shows
 * any other image's text only.
 */
bool nv_md_image_alone(cmark_node *image);
/*
 * Whether a file's name (a link's path) says it is an image paper shows,
 * a PNG or a JPEG: print puts no other into a PDF.
 */
bool nv_md_image_printable(const char *path);

/*
 * How many «#» start s (n bytes, a line from its first «#») when the
 * text of a heading follows them with no space, a capital letter or a
 * digit («#Итоги семинара», «##2. Цели»): Markdown reads no heading
 * there (NV_MD_TEXT_HEADING). 0 for none.
 */
size_t nv_md_heading_unspaced(const char *s, size_t n);

/*
 * The length of the address at s[2] when s (n bytes) starts with the «](»
 * of a link or an image whose address has a space, which keeps Markdown
 * from reading them so: «](foto/Фото с урока.jpg)» shows on the page as
 * typed (NV_MD_TEXT_LINK). The address goes to its «)», or to the end of
 * the line. 0 for none: no space, an address in «<…>», one followed by a
 * title in quotes («](a.pdf "Положение")»).
 */
size_t nv_md_spaced_address(const char *s, size_t n);

/*
 * A citation of an order by its date and number, as orders, положения
 * and programs write them: «приказом от 29.08.2025 № 118-од», «приказ
 * № 118-од от 29.08.2025 г.», «приказа директора от 29.08.2025 №118-од»
 * (any case of «приказ», spaces and line breaks between the words). An
 * order of another issuer («приказом Минпросвещения России от …») is
 * none. Offsets are bytes of the text scanned.
 */
struct nv_md_cite {
	struct nv_date date;
	const char *number; /* in the text, number_len bytes: «118-од» */
	size_t number_len;
	size_t start;	/* «приказ…» */
	size_t date_at; /* the date's first digit */
};

/*
 * The first citation of an order in the n bytes at s at or after *at,
 * into *c; *at is moved past it. False when there is none.
 */
bool nv_md_next_cite(const char *s, size_t n, size_t *at, struct nv_md_cite *c);

/*
 * Personal data written as text (md_pd.c): a birth date next to its
 * marker («12.03.2011 г. р.», «дата рождения: 12 марта 2011 г.», «2011
 * года рождения», «д. р. 12.03.2011»), or «СНИЛС» with its number. Bytes
 * [start, start + len) of the text scanned, marker and date together.
 */
struct nv_md_pd {
	size_t start, len;
	bool snils; /* a СНИЛС, not a birth date */
	bool column; /* the marker alone («Дата рождения», «СНИЛС»): a table's column, a form's
			field */
};

/*
 * The first personal data in the n bytes at s at or after *at, into *h;
 * *at is moved past it. False when there is none.
 */
bool nv_md_next_pd(const char *s, size_t n, size_t *at, struct nv_md_pd *h);
/* Whether the n bytes at s have some (a column's marker alone too). */
bool nv_md_has_pd(const char *s, size_t n);

/*
 * Where a birth date's value (a date or a year) or, with snils, a number
 * of СНИЛС starts in the n bytes at s (a cell of a column that
 * nv_md_next_pd() found), its length in *len; n when there is none.
 */
size_t nv_md_pd_value(const char *s, size_t n, bool snils, size_t *len);

/*
 * A parsed body. Every pointer in it is owned by it and freed by
 * nv_md_free(); the arrays are in document order. The tree may be read
 * and walked; the user data of HEADING nodes belongs to this module (see
 * nv_md_heading_id()).
 */
struct nv_md {
	cmark_node *root; /* the DOCUMENT node; NULL in a stub (md_summary.h) */
	unsigned flags;
	int first_line;
	bool raw_html;		/* the tree has raw HTML, a block or inline */
	bool ordered_list;	/* the tree has an ordered list */
	unsigned text_facts;	/* NV_MD_TEXT_*: what the checks of the text look for */
	struct nv_md_num *nums; /* breaks in the numbering (NV_MD_TEXT_NUMBERING), NULL in a stub */
	size_t nr_nums;
	struct nv_md_heading *headings;
	size_t nr_headings, alloc_headings;
	struct nv_md_link *links;
	size_t nr_links, alloc_links;
	const struct nv_md_heading **by_id; /* private: headings sorted by id */
	struct nv_md_table **tables;	    /* the ```table blocks read (md_table.h) */
	size_t nr_tables;
	struct nv_md_arena *arena; /* private: the memory of root's tree (md_mem.h) */
};

/*
 * Parse `len` bytes of Markdown (the body of a document, which starts at
 * line `first_line` of its file; values below 1 count as 1) and run the
 * passes described above. `flags` is a combination of NV_MD_* flags.
 * Invalid UTF-8 is replaced with U+FFFD by cmark; text need not be
 * NUL-terminated and may be NULL when len is 0. Never returns NULL (out
 * of memory aborts through the project's allocator, which cmark also
 * uses). Free with nv_md_free().
 */
struct nv_md *nv_md_parse(const char *text, size_t len, int first_line, unsigned flags);

/*
 * nv_md_parse() that also reads ```table blocks (md_table.h): `file`
 * names the document in diagnostics, and each mistake in a table is an
 * error added to d (the block then stays code). d may be NULL.
 */
struct nv_md *nv_md_parse_file(const char *text, size_t len, int first_line, unsigned flags,
			       const char *file, struct nv_diags *d);

/* Free md, its tree and everything it owns. Accepts NULL. */
void nv_md_free(struct nv_md *md);

/*
 * Free md's tree and what points into it (the numbering's breaks, the
 * tables), leaving the stub that md_summary.h describes: the headings
 * and links without their nodes. A stub or NULL is left as it is.
 */
void nv_md_drop_tree(struct nv_md *md);

/*
 * The id of a HEADING node of a tree made by nv_md_parse(), or NULL for
 * any other node. The string belongs to the nv_md.
 */
const char *nv_md_heading_id(cmark_node *node);

/* Index md's headings by id (by_id), once they are all in place; for a body read back. */
void nv_md_index_headings(struct nv_md *md);

/* The heading whose id is `id`, or NULL; for checking "x.md#id" links. */
const struct nv_md_heading *nv_md_find_heading(const struct nv_md *md, const char *id);

/*
 * Whether cmark's iterator enters a node of this type without leaving it
 * (src/iterator.c, S_is_leaf): text, breaks, code and raw HTML.
 */
static inline bool nv_md_leaf(cmark_node_type type)
{
	switch (type) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

/*
 * A walk in the order of cmark's iterator, without its allocation: the
 * node of the event after (node, *entering), node being of `type`, in the
 * tree under root, with *entering set for it; NULL once root is left.
 * Passing a container with *entering false skips its children. The next
 * node is found after the caller is done with this one: it may change
 * the tree before node, not after.
 */
static inline cmark_node *nv_md_step(cmark_node *root, cmark_node *node, cmark_node_type type,
				     bool *entering)
{
	cmark_node *next;

	if (*entering && !nv_md_leaf(type)) {
		next = cmark_node_first_child(node);
		if (next)
			return next;
		*entering = false;
		return node;
	}
	if (node == root)
		return NULL;
	next = cmark_node_next(node);
	*entering = next != NULL;
	return next ? next : cmark_node_parent(node);
}

#endif
