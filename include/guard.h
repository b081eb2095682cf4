/*
 * guard.h: keeping personal data off the website.
 *
 * The guard finds mentions of the people of people.yml in text: in
 * Markdown sources, for `check` to report the mentions not marked up,
 * and in every byte written to the website, for the build to fail when
 * a form of a name the site may not show got there. It never rewrites.
 *
 * A mention is found in any form a reader would recognise:
 *  - the surname in any case form and any letter case («Гусев»,
 *    «гусеву», «ГУСЕВЫМ»), «ё» and «е» alike both ways;
 *  - with initials before or after it («Д. В. Гусев», «Гусеву Д.В.»,
 *    with no-break or narrow no-break spaces), with the given name and
 *    patronymic after it, or the given name before it;
 *  - the given name and patronymic without the surname («Дмитрию
 *    Валерьевичу»); a student's given name with the class («Дарья (10
 *    «А»)», «Дарья, 10 А», «Дарья из 10 «А» класса», or in the next cell
 *    of a table);
 *  - the surname in Latin letters as the slugs of ids and addresses spell
 *    it, as passports do, or informally («urok-guseva», «gusev-dv.pdf»,
 *    «ZAITSEVA», «zajceva»), at a word boundary with up to three letters
 *    after it; Latin initials next to it are not taken;
 *  - in markup (HTML, XML): character references decoded, inline tags
 *    read through («Зай<em>цева</em>»), block tags ending words, all of a
 *    tag after its name read as text (the attribute values: alt, title,
 *    href, id, aria-label, content, data-*), comments and CDATA as text;
 *    soft hyphens, zero-width characters and combining accents are
 *    skipped in any text.
 *
 * The match is deliberately greedy: a surname stem («Петров» for
 * «Петрова») followed by up to three letters is a case form, in lower
 * case too («в Павловске» is taken for «Павлова»; «Павловский» is not).
 * Hiding a word too many is safe, leaking a name is not. Stems shorter
 * than four letters («Ли», «Ким») must start with a capital.
 *
 * Published people are found too: a mention goes to the person it fits
 * best, so «Лебедева А. С.» (published) is not taken for a hidden
 * «Лебедев» (see nv_guard_find()).
 */
#ifndef NV_GUARD_H
#define NV_GUARD_H

#include "common.h"

#include "buf.h"

struct nv_model;
struct nv_person;
struct nv_guard;

/*
 * A guard for the people of m; the caller frees it with nv_guard_free()
 * (which accepts NULL). m must outlive it. Students are hidden whatever
 * their `publish` says.
 */
struct nv_guard *nv_guard_new(const struct nv_model *m);
void nv_guard_free(struct nv_guard *g);

/*
 * A mention of a person found in text: the bytes text[start, end) of the
 * original text (before any decoding) name p, the whole mention: initials
 * or a given name before the surname included, tags inside it too
 * («Зай<em>цева»: the mention ends with its last character, before
 * «</em>»). `leak` is true when the website may not show p in that
 * form: p is published with `none` (or is a student), or the form has
 * the given name of a person published with initials.
 */
struct nv_guard_hit {
	const struct nv_person *p;
	size_t start, end;
	bool leak;
};

/*
 * Find the first mention (by its start) of any person of people.yml in
 * text[from, len), published or not; fill *hit and return true, or return
 * false if there is none. With `markup`, text is HTML or XML (see the top
 * of this file); without it, plain text (JSON, JS, iCalendar, file names,
 * Markdown read as text): no references, no tags. To find them all, call
 * again with from = hit->end: the words of a mention are not read again
 * («Лебедева Анна Сергеевна»: «Сергеевна» is no case form of another
 * person's «Сергеев»), and initials right after one mention are its own.
 * At one place the best fitting person wins: initials or a given name
 * that fit beat a surname written as in people.yml, which beats another
 * case form; on a tie a hidden person wins. Initials that do not fit are
 * not taken, but do not rule a person out (a namesake is reported). g
 * may be NULL (nothing is found).
 */
bool nv_guard_find(const struct nv_guard *g, const char *text, size_t len, size_t from, bool markup,
		   struct nv_guard_hit *hit);

/*
 * Append to out the form of the mention `hit` found in text (with the same
 * `markup`) as readable plain UTF-8, for messages: tags dropped (a block
 * tag, like any run of ASCII white space, as one space), character
 * references decoded, soft hyphens and zero-width characters removed.
 * «Зай<em>цева</em>» → «Зайцева»; «Дарья</td><td>10 «А»» → «Дарья 10
 * «А»».
 */
void nv_guard_form(const char *text, const struct nv_guard_hit *hit, bool markup,
		   struct nv_buf *out);

/*
 * True if nv_guard_find() finds a leak in text (a check for tests and for
 * the build's final safety net), the first one in *hit.
 */
bool nv_guard_first_leak(const struct nv_guard *g, const char *text, size_t len, bool markup,
			 struct nv_guard_hit *hit);

static inline bool nv_guard_leaks(const struct nv_guard *g, const char *text, size_t len,
				  bool markup)
{
	struct nv_guard_hit hit;

	return nv_guard_first_leak(g, text, len, markup, &hit);
}

/*
 * Words whose letters look right on screen but are not (guard_mixed.c):
 * Russian words with Latin look-alikes («Петрoв» with a Latin «o»), «й»
 * or «ё» of two characters, the letter and a combining mark, as texts
 * copied from PDFs have them, and words broken by a hyphen at a line's
 * end. nv_guard_find() reads them as written; a caller that must find a
 * name typed so reads the text through a struct nv_guard_mixed. One per
 * thread.
 */
struct nv_guard_plain {
	size_t at;  /* where a letter made plain starts in the copy */
	long shift; /* the text's offset minus the copy's, after it */
};

struct nv_guard_mixed {
	struct nv_buf text; /* the text with those words' letters made plain Russian */
	struct nv_guard_plain *plain;
	size_t n, alloc;
	bool copy; /* nv_guard_mixed_next() reads text */
};

void nv_guard_mixed_init(struct nv_guard_mixed *m);
void nv_guard_mixed_release(struct nv_guard_mixed *m);

/*
 * Before the first nv_guard_mixed_next() of a text: true when a word of
 * it has such letters, which the copy read instead of it has made plain.
 */
bool nv_guard_mixed_start(struct nv_guard_mixed *m, const char *text, size_t len);

/*
 * nv_guard_find(g, text, len, *at, markup, h), *at then past the hit (in
 * the copy, when there is one: the hit at the text's offsets).
 */
bool nv_guard_mixed_next(struct nv_guard_mixed *m, const struct nv_guard *g, const char *text,
			 size_t len, size_t *at, bool markup, struct nv_guard_hit *h);

/* A word with such letters (nv_guard_mixed_word()); nv_guard_word_release() frees latin. */
struct nv_guard_word {
	size_t start, end;   /* its bytes */
	size_t nlatin;	     /* the Latin letters of a word with Russian ones, */
	struct nv_buf latin; /* each once, as «C», «o» */
	const char *split;   /* «й» or «ё» when one is of two characters, else NULL */
};

void nv_guard_word_release(struct nv_guard_word *w);

/* The next such word of s (n bytes) from *at on, *at then past it; false when none is left. */
bool nv_guard_mixed_word(const char *s, size_t n, size_t *at, struct nv_guard_word *w);

/* Append what is wrong with w's letters: ««C» латинская», ««й» из двух знаков, …». */
void nv_guard_mixed_describe(struct nv_buf *out, const struct nv_guard_word *w);

/*
 * Append to a hint, when the form s (n bytes) has such a word, which of
 * its letters are wrong, and with fix what to do (type it again, write it
 * whole), else that nobody sees it (where the fix is to remove the name).
 */
void nv_guard_mixed_hint(struct nv_buf *out, const char *s, size_t n, bool fix);

#endif
