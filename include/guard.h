/*
 * guard.h: keeping personal data off the website.
 *
 * Everything the site back end writes passes through a redactor built
 * from people.yml. It finds every mention of a person whose publish level
 * is `none` — the surname in any case form («Гусев», «Гусеву»,
 * «Гусевым»), with initials before or after it («Д. В. Гусев», «Гусева
 * Д.В.») or with the full name and patronymic — and replaces it with the
 * person's public description («наставляемый, педагог»). For people
 * published with initials, a full name «Орлова Татьяна Николаевна»
 * becomes «Орлова Т. Н.». Printed documents are not redacted: they are
 * internal paper and carry full names.
 *
 * The match is deliberately greedy (a surname stem followed by up to
 * three lowercase letters): hiding a word too many is safe, leaking a
 * name is not.
 *
 * A surname written in Latin letters («Miller») is found as well, but
 * Latin initials or names next to it («J. Miller») are not taken into the
 * mention and stay.
 */
#ifndef NV_REDACT_H
#define NV_REDACT_H

#include "common.h"

struct nv_buf;
struct nv_model;
struct nv_person;
struct nv_guard;

/* A redactor for the people of m; the caller frees it. m must outlive it. */
struct nv_guard *nv_guard_new(const struct nv_model *m);
void nv_guard_free(struct nv_guard *r);

/*
 * Append text (len bytes) to out with every mention replaced. With
 * `markup`, text is HTML or XML: tags (<…>) are copied untouched and
 * replacements are HTML-escaped. Returns the number of replacements.
 */
size_t nv_redact(const struct nv_guard *r, struct nv_buf *out, const char *text, size_t len,
		 bool markup);

/*
 * A mention of a person found in text: the bytes text[start, end) name
 * p. `leak` is true when the website may not show p in that form: p is
 * published with `none`, or the form says more than p's level allows
 * (the given name of a person published with initials).
 */
struct nv_guard_hit {
	const struct nv_person *p;
	size_t start, end;
	bool leak;
};

/*
 * Find the first mention of any person of people.yml in text[from, len),
 * published or not; false if there is none. With `markup`, text is HTML
 * or XML (as for nv_redact()).
 */
bool nv_guard_find(const struct nv_guard *g, const char *text, size_t len, size_t from,
		   bool markup, struct nv_guard_hit *hit);

/*
 * True if text mentions a person of publish level `none` (a check for
 * tests and for the build's final safety net).
 */
bool nv_redact_finds(const struct nv_guard *r, const char *text, size_t len, bool markup);

#endif
