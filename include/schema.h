/*
 * schema.h: reading typed fields out of a map of the value tree, with a
 * diagnostic for every mistake.
 *
 * A struct nv_fields describes one map being read (a document's front
 * matter, one person of people.yml, one approval block): its file, what it
 * is called in messages, and where to point when a required key is
 * missing. Each getter looks up one key, checks its type, records the key
 * as known and returns the value (or a default); a wrong value is an error
 * at the value's position with a hint. nv_fields_finish() then reports
 * every key no getter asked for, suggesting the nearest known key, since
 * an unknown key is nearly always a typo that would otherwise lose data.
 */
#ifndef NV_SCHEMA_H
#define NV_SCHEMA_H

#include "common.h"

#include "date.h"

struct nv_diags;
struct nv_value;

#define NV_FIELDS_MAX_KEYS 32

struct nv_fields {
	const char *file;
	const struct nv_value *map; /* may be NULL or not a map (then reported once) */
	const char *what; /* in the prepositional case: "в приказе", "у участника «x»" */
	int line, col; /* where a missing key is reported */
	struct nv_diags *d;
	/* Only the first nknown entries are set; NULL-terminated when joined. */
	const char *known[NV_FIELDS_MAX_KEYS + 1];
	size_t knownlen[NV_FIELDS_MAX_KEYS]; /* strlen of each known key */
	size_t nknown;
	size_t errors; /* errors added through this reader */
	uint64_t read; /* bit i: member i of map (i < 64) was found by a key read */
};

/*
 * Start reading `map`. `what` is used as "<what> нет обязательного поля
 * «x»"; the position of a missing key is the map's own position, or
 * (line, col) when the map has none. Returns false (with an error) if the
 * value is not a map at all.
 */
bool nv_fields_init(struct nv_fields *f, const char *file, const struct nv_value *map,
		    const char *what, int line, int col, struct nv_diags *d);

/* Mark keys as allowed without reading them (read elsewhere). */
void nv_fields_allow(struct nv_fields *f, const char *key);

/* Report every key of the map that was neither read nor allowed. */
void nv_fields_finish(struct nv_fields *f);

enum {
	NV_OPTIONAL = 0,
	NV_REQUIRED = 1
};

/*
 * The raw value of key (any type), or NULL. A required key that is absent
 * or null is an error whose hint is `hint` (an example of the line).
 */
const struct nv_value *nv_field(struct nv_fields *f, const char *key, int req, const char *hint);

/* A scalar as text (numbers keep their spelling). NULL when absent or wrong. */
const char *nv_field_str(struct nv_fields *f, const char *key, int req, const char *hint);

/* A date (see date.h). Returns true when present and valid. */
bool nv_field_date(struct nv_fields *f, const char *key, int req, const char *hint,
		   struct nv_date *out);

/* An academic year "2025–2026"; stores the first year. */
bool nv_field_acyear(struct nv_fields *f, const char *key, int req, const char *hint, int *start);

/*
 * One of `values` (a NULL-terminated list), compared exactly. Returns its
 * index, or `dflt` when absent or wrong.
 */
int nv_field_enum(struct nv_fields *f, const char *key, int req, const char *const *values,
		  int dflt);

/* A boolean (true/false); dflt when absent or wrong. */
bool nv_field_bool(struct nv_fields *f, const char *key, bool dflt);

/* A number within [min, max]; dflt when absent or wrong. */
double nv_field_number(struct nv_fields *f, const char *key, double min, double max, double dflt);

/*
 * A list. A single scalar is accepted as a list of one when `scalar_ok`.
 * Returns the list node (or the scalar node), NULL when absent or wrong.
 */
const struct nv_value *nv_field_list(struct nv_fields *f, const char *key, int req,
				     const char *hint, bool scalar_ok);

/* A map (nested fields). NULL when absent or wrong. */
const struct nv_value *nv_field_map(struct nv_fields *f, const char *key, int req,
				    const char *hint);

/*
 * URLs that become links (href) or go into atom.xml and sitemap.xml.
 * NV_URL_LINK accepts http:, https:, mailto:, tel: (in any case) and
 * relative paths; NV_URL_ABSOLUTE only http:// or https:// with a host
 * and no spaces (a base for the Atom feed and sitemap.xml). Either way a
 * URL has no control characters and no leading or trailing space, so a
 * browser reads the same scheme as this check: « JaVa\tscript:» is
 * refused, not mistaken for a relative path.
 */
enum nv_url_kind {
	NV_URL_LINK,
	NV_URL_ABSOLUTE
};

#define NV_URL_HINT_LINK                                                                                            \
	"допустимы адреса http://, https://, mailto:, tel: и относительные пути, " \
	"например «https://school14.example/doc.pdf»"
#define NV_URL_HINT_ABSOLUTE "укажите адрес сайта целиком, например «https://school14.example»"

/*
 * Why url (len bytes) is not acceptable as `kind`, as a Russian phrase
 * with static lifetime, or NULL when it is.
 */
const char *nv_url_problem(const char *url, size_t len, enum nv_url_kind kind);

/*
 * A scalar that is a URL of `kind` (see nv_url_problem()). A refused URL
 * is an error at the value, its control bytes shown as \xNN, with a hint;
 * then NULL, as when absent.
 */
const char *nv_field_url(struct nv_fields *f, const char *key, int req, const char *hint,
			 enum nv_url_kind kind);

#define NV_TEXT_HINT                                                                                                                                              \
	"в тексте допустимы буквы, знаки, табуляция и перевод строки; уберите символ (он мог " \
	"попасть при копировании или через «\\» в кавычках)"

/*
 * Check every scalar under v (a whole YAML file or front matter) for
 * characters no text may hold: control characters other than tab and
 * newline (a bare CR included) and U+FFFE/U+FFFF, which an XML feed or an
 * iCalendar file cannot carry. Adds one located error per such scalar,
 * naming its key and the character as \xNN; returns how many.
 */
size_t nv_check_text(const char *file, const struct nv_value *v, struct nv_diags *d);

/*
 * Add an error at value v (or at the map's position when v is NULL) and
 * count it in f->errors. Returns the diagnostic for a hint.
 */
struct nv_diag *nv_field_error(struct nv_fields *f, const struct nv_value *v, const char *fmt, ...)
	NV_PRINTF(3, 4);

/*
 * The candidate closest to word (edit distance at most 2, or a third of
 * the word's length), or NULL. `candidates` has n entries; entries may be
 * NULL. Used for "возможно, имелось в виду …" hints.
 */
const char *nv_suggest(const char *word, const char *const *candidates, size_t n);

/* Whether key's values are ids (of people, documents, kinds), never shown as text. */
static inline bool nv_schema_id_key(const char *key)
{
	/* By the first letter: every member of every front matter comes here. */
	switch (key[0]) {
	case 'a':
		return !strcmp(key, "authors") || !strcmp(key, "acquaint") ||
		       !strcmp(key, "appendices");
	case 'd':
		return !strcmp(key, "director");
	case 'i':
		return !strcmp(key, "id");
	case 'm':
		return !strcmp(key, "mentor") || !strcmp(key, "mentees") || !strcmp(key, "mentee");
	case 'o':
		return !strcmp(key, "order");
	case 'p':
		return !strcmp(key, "person") || !strcmp(key, "program");
	case 's':
		return !strcmp(key, "signatory");
	case 't':
		return !strcmp(key, "type");
	default:
		return false;
	}
}
/* Whether key's values are addresses (mail, web; key may be NULL). */
bool nv_schema_address_key(const char *key);

/* Join a NULL-terminated list as "a, b, c" into a static-lifetime-free buffer. */
char *nv_join(const char *const *values, const char *sep);

#endif
