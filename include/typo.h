/*
 * typo.h: Russian typography on plain UTF-8 text, and slugs.
 *
 * nv_typo() rewrites what a user types on an ordinary keyboard into what a
 * printed Russian document shows:
 *
 *   "Школа "Радуга""     → «Школа „Радуга“»    (ёлочки outside, лапки inside)
 *   слово - слово        → слово\u00A0— слово  (the dash never starts a line;
 *   слово – слово           also -- and a spaced en dash); a hyphen inside a
 *                           word stays; a--b → a—b
 *   -- реплика, – реплика → — реплика          (at the start of a block)
 *   2025-2026, 1 - 4     → 2025–2026, 1–4      (ranges of numbers: en dash,
 *   01.10.2025 – 15.10.2025 → 01.10.2025–15.10.2025   no spaces; also dates
 *   Октябрь-ноябрь, Май - июнь → Октябрь–ноябрь, Май–июнь    and months)
 *   № 12, №12, №№ 1      → №\u00A012 …         (no break after «№»)
 *   И. О. Фамилия, И.О. Фамилия → И.\u00A0О.\u00A0Фамилия (ГОСТ Р 7.0.97)
 *   Фамилия И. О., Фамилия И.О. → Фамилия\u00A0И.\u00A0О.
 *   в школе, на уроке    → в\u00A0школе, на\u00A0уроке (one-letter words,
 *                           2-letter prepositions and conjunctions)
 *   36 часов, 10 %       → 36\u00A0часов, 10\u00A0% (a number and a small
 *                           letter or a unit sign; not after a date, not
 *                           before a short word)
 *   2025 г., 2025г.      → 2025\u00A0г. (also «гг.»)
 *   two  spaces, a\t\tb  → two spaces, a b    (runs of blanks: one)
 *   ...                  → …
 *
 * Nothing else changes. Text already typeset is left as it is: running
 * nv_typo() on its own output changes nothing, and valid UTF-8 in gives
 * valid UTF-8 out (invalid bytes are copied through untouched).
 *
 * Deliberately left alone: hyphens in codes and dates (07-01-05-503,
 * 2025-09-01, 8-800-555-35-35, 1.1-1.3, № 5-1), URLs written in the text
 * (http://, https://, ftp://, www.), "<<" and ">>", "-->", and a short
 * word at the end of a piece or before a line break (the caller's
 * Markdown soft break is outside nv_typo()'s reach).
 *
 * One paragraph of Markdown arrives in several pieces (text inside and
 * outside emphasis or links), and a quote may open in one piece and close
 * in another, so the caller keeps a struct nv_typo_state per block and
 * passes it to every call for that block.
 */
#ifndef NV_TYPO_H
#define NV_TYPO_H

#include "common.h"

#include "buf.h"

/*
 * What nv_typo() remembers between two pieces of the same block. Set it up
 * with NV_TYPO_STATE_INIT or nv_typo_init() at the start of every block
 * (paragraph, heading, table cell); the fields are for this module only.
 */
struct nv_typo_state {
	int depth;	 /* open quotes: 0 outside, 1 inside «…», 2+ inside „…“ */
	uint32_t prev;	 /* last code point written; 0 at the start of a block */
	uint32_t before; /* the code point before the digit run ending at prev (if digits) */
	unsigned digits; /* ASCII digits in a row ending at prev */
	bool numero;	 /* prev is «№», a space after it or the number after it */
};

#define NV_TYPO_STATE_INIT        \
	{                         \
		0, 0, 0, 0, false \
	}

/*
 * A stand-in for content that nv_typo() does not see but that sits between
 * two pieces of text, such as an inline code span: it counts as a
 * non-space character (so a quote after it closes).
 */
#define NV_TYPO_OPAQUE 0xFFFCu

/* Reset st for a new block. */
void nv_typo_init(struct nv_typo_state *st);

/*
 * Tell st that code point cp was written between two calls of nv_typo()
 * without going through it: NV_TYPO_OPAQUE for an inline code span or raw
 * HTML, ' ' for a line break. Nothing is written anywhere.
 */
void nv_typo_feed(struct nv_typo_state *st, uint32_t cp);

/*
 * Append the typeset form of `in` (len bytes of UTF-8, may contain NULs)
 * to out, continuing from and updating st (which must not be NULL).
 * Rules look ahead only inside `in`; across pieces they use st.
 */
void nv_typo(struct nv_buf *out, const char *in, size_t len, struct nv_typo_state *st);

/*
 * True if s (len bytes) starts with a dash that nv_typo() treats as a
 * sentence dash when a space comes before it ("- ", "-- ", "--- ", "— ").
 * The caller can then make the space it put before s a no-break one (a
 * line break in Markdown, say), which nv_typo() itself cannot reach.
 */
bool nv_typo_starts_dash(const char *s, size_t len);

/*
 * Typeset the NUL-terminated string s as one block of its own. Returns a
 * new string that the caller frees.
 */
char *nv_typo_str(const char *s);

/*
 * Append the slug of `s` (len bytes of UTF-8) to out: Russian letters are
 * transliterated (щ → shch, ё → yo, ъ and ь are dropped), ASCII letters
 * are lower-cased, digits kept, and every other run of characters becomes
 * one '-'; no '-' at either end. Appends "section" when nothing is left.
 * Example: «Раздел 1. Общие положения» → razdel-1-obshchie-polozheniya.
 */
void nv_slug_add(struct nv_buf *out, const char *s, size_t len);

/* The slug of the NUL-terminated string s, as nv_slug_add(); the caller frees. */
char *nv_slug(const char *s);

#endif
