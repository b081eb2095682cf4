/*
 * hyphenate.h: Russian hyphenation for justified print, over libhyphen and
 * the hyphen-ru patterns (Debian: hyphen-ru, /usr/share/hyphen/hyph_ru_RU.dic).
 *
 * nv_hyphen_add() copies text and puts a soft hyphen (U+00AD) at every
 * place where a Cyrillic word may be broken; Pango breaks lines there and
 * draws the hyphen only when it does. The breaks of the patterns are held
 * to the Russian rules: at least two letters and a vowel before a break,
 * three letters and a vowel after it, none before «ь», «ъ», «й», and a
 * part without a vowel goes with the one before it.
 *
 * Left whole:
 *  - names: a word with a capital that does not begin a sentence
 *    («Лебедеву», «Верхнеозёрском»), a word kept with nv_hyphen_keep() in
 *    any of its case forms (people's names, also at the start of a
 *    sentence);
 *  - abbreviations and words in capitals: two capitals or more («МАОУ»);
 *  - words shorter than five letters, words mixed with Latin letters or
 *    glued to digits, text inside tags.
 * A sentence begins at the start of the text and after «.», «!», «?»,
 * «…», except the period of an initial or of a common abbreviation
 * («И.В. Соколова», «г. Верхнеозёрск») and one between digits
 * («20.08.2025 Управления»).
 *
 * (Not hyphen.h: with -Iinclude that name would hide libhyphen's own header.)
 */
#ifndef NV_HYPHENATE_H
#define NV_HYPHENATE_H

#include "common.h"

struct nv_buf;
struct nv_hyphen;

/* Where Debian installs the Russian patterns. */
#define NV_HYPHEN_RU "/usr/share/hyphen/hyph_ru_RU.dic"

/*
 * Load a KOI8-R pattern file (as hyph_ru_RU.dic is). Returns NULL when it
 * cannot be read; the caller frees with nv_hyphen_free().
 */
struct nv_hyphen *nv_hyphen_load(const char *path);

void nv_hyphen_free(struct nv_hyphen *h);

/*
 * Whether h's patterns are the ones compiled in at build time
 * (scripts/hyphen-tables.c): the file loaded was byte for byte the
 * NV_HYPHEN_RU the build read, and libhyphen's loader, which would have
 * made the same, was not run. For tests, as nv_hyphen_dict(): h's
 * HyphenDict.
 */
bool nv_hyphen_built_in(const struct nv_hyphen *h);
const void *nv_hyphen_dict(const struct nv_hyphen *h);

/*
 * Never hyphenate the words of text (a surname, a name, a place) nor
 * their case forms, when they begin with a capital: words that begin
 * with all of a kept word but its last three letters (three letters at
 * least) and are at most three letters longer («Лебедева»: «Лебедеву»,
 * «Лебедевой»). With names_only, only the words of text that begin with
 * a capital and are not its first word are kept («Управление
 * образования администрации Верхнеозёрского городского округа» keeps
 * «Верхнеозёрского»). Words shorter than three letters are ignored. Not
 * thread-safe: keep words before hyphenating from several threads.
 */
void nv_hyphen_keep(struct nv_hyphen *h, const char *text, bool names_only);

/*
 * Append len bytes of UTF-8 text to out with soft hyphens added. With
 * `markup`, text between '<' and '>' (Pango markup tags) and entities
 * ("&amp;") are copied untouched. h may be NULL: the text is copied as it is.
 */
void nv_hyphen_add(const struct nv_hyphen *h, struct nv_buf *out, const char *text, size_t len,
		   bool markup);

#endif
