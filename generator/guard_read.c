/*
 * guard_read.c: reading text for the guard: folding it (the words no key
 * can start are skipped in guard_skip.c); see guard_int.h and the top of
 * guard.c.
 */
#include "common.h"

#include <ctype.h>

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "guard_int.h"
#include "utf8.h"

/*
 * The folded byte of code point cp, or NV_GUARD_SKIP. Control characters are
 * spaces (a newline in plain text separates words like a space).
 */
int nv_guard_fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp < 0x20 || cp == 0x7F ? ' ' : (int)cp;
	if (cp >= 0x410 && cp <= 0x44F)
		return (int)(cp - 0x410 + 0xC0);
	if (cp == 0x401 || cp == 0x451)
		return cp == 0x401 ? 0xC5 : 0xE5;
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000)
		return ' ';
	if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
	    (cp >= 0x300 && cp <= 0x36F))
		return NV_GUARD_SKIP;
	if (cp == 0xAB || cp == 0xBB || (cp >= 0x2018 && cp <= 0x201F))
		return '"';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	return NV_GUARD_OTHER;
}

/* The character references decoded besides numeric ones. */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' },	   { "quot", '"' },	{ "lt", '<' },	      { "gt", '>' },
	{ "apos", '\'' },  { "nbsp", 0xA0 },	{ "shy", 0xAD },      { "laquo", 0xAB },
	{ "raquo", 0xBB }, { "ndash", 0x2013 }, { "mdash", 0x2014 },  { "thinsp", 0x2009 },
	{ "zwj", 0x200D }, { "zwnj", 0x200C },	{ "hellip", 0x2026 },
};

/* A character reference at s[i] (which is '&'): its end, and the code point in *cp; or 0. */
static size_t entity_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t j = i + 1, k, end;
	uint32_t v = 0;
	bool hex;

	if (j < n && s[j] == '#') {
		hex = ++j < n && (s[j] == 'x' || s[j] == 'X');
		for (j += hex, k = j; j < n && j - k < 8 && isxdigit((unsigned char)s[j]); j++) {
			if (!hex && !isdigit((unsigned char)s[j]))
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)(isdigit((unsigned char)s[j])
								     ? s[j] - '0'
								     : (s[j] | 0x20) - 'a' + 10);
		}
		if (j == k || j >= n || s[j] != ';' || v > 0x10FFFF)
			return 0;
		*cp = v;
		return j + 1;
	}
	for (end = j; end < n && end - j < 8 && isalpha((unsigned char)s[end]); end++)
		;
	if (end >= n || s[end] != ';')
		return 0;
	for (k = 0; k < NV_ARRAY_SIZE(entities); k++) {
		if (strlen(entities[k].name) == end - j &&
		    !memcmp(s + j, entities[k].name, end - j)) {
			*cp = entities[k].cp;
			return end + 1;
		}
	}
	return 0;
}

/*
 * The character at s[i] (a character reference with `refs`) as a code
 * point in *cp; returns its length in bytes (an invalid byte is U+FFFD
 * of one byte).
 */
size_t nv_guard_char_at(const char *s, size_t n, size_t i, bool refs, uint32_t *cp)
{
	const unsigned char *u;
	size_t k;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		if (refs && s[i] == '&' && (k = entity_at(s, n, i, cp)))
			return k - i;
		return 1;
	}
	u = (const unsigned char *)s + i;
	/* Dashes, quotes, spaces: E2 and two continuation bytes are always valid. */
	if (u[0] == 0xE2 && n - i >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*cp = 0x2000 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		return 3;
	}
	k = nv_utf8_decode(s + i, n - i, cp);
	if (!k)
		*cp = 0xFFFD;
	return k ? k : 1;
}

/* Tags that do not end a word, by length (nv_guard_is_inline_tag()). */
static const char *const inline_tags[7] = {
	"",
	"abiqsu",
	"em",
	"bdibdodeldfninskbdsubsupvarwbr",
	"abbrcitecodedatafontmarksampspantime",
	"small",
	"strong",
};

bool nv_guard_is_inline_tag(const char *name, size_t len)
{
	const char *l;
	char c;
	size_t k;

	if (!len || len > 6)
		return false;
	/* Each tag's first letter first: most names are told by it, the rest not lowered. */
	c = (char)(name[0] | 0x20);
	for (l = inline_tags[len]; *l; l += len) {
		if (l[0] != c)
			continue;
		for (k = 1; k < len && l[k] == (char)(name[k] | 0x20); k++)
			;
		if (k == len)
			return true;
	}
	return false;
}

/* ---- Reading the text into folded bytes ---- */

static void grow(struct nv_guard_folded *fd)
{
	unsigned char *f;
	uint32_t *o;

	fd->cap = fd->cap ? 2 * fd->cap : 1024 - 8;
	if (!fd->borrowed) {
		fd->f = nv_xrealloc(fd->f, fd->cap + 8);
		fd->o = nv_xrealloc(fd->o, fd->cap * sizeof(*fd->o));
		return;
	}
	f = nv_xmalloc(fd->cap + 8);
	o = nv_xmalloc(fd->cap * sizeof(*o));
	memcpy(f, fd->f, fd->len);
	memcpy(o, fd->o, fd->len * sizeof(*o));
	fd->f = f;
	fd->o = o;
	fd->borrowed = false;
}

static inline void emit(struct nv_guard_folded *fd, int b, size_t off)
{
	if (fd->len == fd->cap)
		grow(fd);
	fd->f[fd->len] = (unsigned char)b;
	fd->o[fd->len++] = (uint32_t)(off - fd->base);
}

/*
 * Fold s[i, end) as text without tags (an attribute value, with
 * references): ASCII but '&' and the Russian letters but «Ё» and «ё» as
 * fast_run() does, the rest a character at a time.
 */
static void fold_value(const struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t i,
		       size_t end)
{
	const unsigned char *s = (const unsigned char *)r->s;
	unsigned char c, d;
	uint32_t cp;
	size_t k;
	int b;

	emit(fd, NV_GUARD_BREAK, i);
	for (; i < end; i += k) {
		c = s[i];
		k = 1;
		if (c < 0x80 && c != '&') {
			emit(fd, c < 0x20 || c == 0x7F ? ' ' : c, i);
			continue;
		}
		d = i + 1 < end ? s[i + 1] : 0;
		k = 2;
		if (c == 0xD0 && d >= 0x90 && d <= 0xBF) {
			emit(fd, d + 0x30, i);
			continue;
		}
		if (c == 0xD1 && d >= 0x80 && d <= 0x8F) {
			emit(fd, d + 0x70, i);
			continue;
		}
		k = nv_guard_char_at(r->s, end, i, true, &cp);
		if ((b = nv_guard_fold_cp(cp)) != NV_GUARD_SKIP)
			emit(fd, b, i);
	}
	emit(fd, NV_GUARD_BREAK, end);
}

static void flush_pending(struct nv_guard_reader *r, struct nv_guard_folded *fd)
{
	int k;

	for (k = 0; k < r->npend; k++)
		fold_value(r, fd, r->pend[k][0], r->pend[k][1]);
	r->npend = 0;
}

size_t nv_guard_tag_close(const char *s, size_t n, size_t i)
{
	char q = 0;
#ifdef __SSE2__
	__m128i v;
	unsigned m;

	/* 16 bytes at a time to the next '>' or quote (in quotes: the closing quote). */
	while (n - i >= 16) {
		v = _mm_loadu_si128((const __m128i *)(s + i));
		m = (unsigned)_mm_movemask_epi8(
			q ? nv_guard_eq8(v, (unsigned char)q)
			  : _mm_or_si128(
				    nv_guard_eq8(v, '>'),
				    _mm_or_si128(nv_guard_eq8(v, '"'), nv_guard_eq8(v, '\''))));
		if (!m) {
			i += 16;
			continue;
		}
		i += (unsigned)__builtin_ctz(m);
		if (!q && s[i] == '>')
			return i;
		q = q ? 0 : s[i];
		i++;
	}
#endif
	for (; i < n && (q || s[i] != '>'); i++)
		if (s[i] == '"' || s[i] == '\'')
			q = q == s[i] ? 0 : q ? q : s[i];
	return i;
}

/*
 * Markup at s[i] == '<': a tag is read (see the top of the file); a
 * comment or CDATA section is a break and its contents read as text.
 * Returns the offset to go on from, or i when '<' is a plain character.
 */
static size_t read_tag(struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t i)
{
	const char *s = r->s;
	size_t n = r->n, j, name, gt;
	bool inl;

	if (i + 1 < n && s[i + 1] == '!' && n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
		flush_pending(r, fd);
		emit(fd, NV_GUARD_BREAK, i);
		return i + 4;
	}
	if (i + 1 < n && s[i + 1] == '!' && n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
		flush_pending(r, fd);
		emit(fd, NV_GUARD_BREAK, i);
		return i + 9;
	}
	if (!(j = nv_guard_tag_name_end(s, n, i)))
		return i;
	name = s[i + 1] == '/' ? i + 2 : i + 1;
	inl = s[i + 1] != '!' && s[i + 1] != '?' && nv_guard_is_inline_tag(s + name, j - name);
	if (!inl) {
		flush_pending(r, fd);
		emit(fd, NV_GUARD_BREAK, i);
	}
	/*
	 * All of the tag after its name is read as text: the attribute values
	 * (alt, title, href, id, content, data-*), and their names too, for
	 * what looks like a tag and is none («a<b» in a script).
	 */
	gt = nv_guard_tag_close(s, n, j);
	if (gt > j && inl) {
		if (r->npend == NV_GUARD_PENDING)
			flush_pending(r, fd);
		r->pend[r->npend][0] = j;
		r->pend[r->npend++][1] = gt;
	} else if (gt > j) {
		fold_value(r, fd, j, gt);
	}
	return gt < n ? gt + 1 : n;
}

/*
 * Can a window end after what fd holds? After a space that follows a
 * word in lower case: initials («Д. В.») cannot be right before the next
 * word.
 */
static bool at_cut(const struct nv_guard_folded *fd)
{
	size_t l = fd->len;

	return l >= 3 && fd->f[l - 1] == ' ' &&
	       (fd->f[l - 2] >= 0xE0 || (fd->f[l - 2] >= 'a' && fd->f[l - 2] <= 'z')) &&
	       (fd->f[l - 3] >= 0xE0 || (fd->f[l - 3] >= 'a' && fd->f[l - 3] <= 'z'));
}

/* The offset past which a window ends (see struct nv_guard_folded). */
#define WINDOW_END (INT32_MAX - 65536)

static inline bool lc_letter(unsigned char b)
{
	return b >= 0xE0 || (b >= 'a' && b <= 'z');
}

/* Does nv_guard_fold() stop at s[i], fd holding want bytes or more? */
static bool stop_at(const struct nv_guard_folded *fd, size_t i, size_t want, bool cut)
{
	return !cut || at_cut(fd) || fd->len >= want + 4096 || i - fd->base > WINDOW_END;
}

/* Fold the character at s[i], any but those of fast_run(); returns the offset after it. */
static size_t step(struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t i)
{
	size_t k;
	uint32_t cp;
	int b;

	if (r->s[i] == '<' && (k = read_tag(r, fd, i)) != i)
		return k;
	k = nv_guard_char_at(r->s, r->n, i, r->markup, &cp);
	if ((b = nv_guard_fold_cp(cp)) != NV_GUARD_SKIP)
		emit(fd, b, i);
	return i + k;
}

#ifdef __SSE2__
/*
 * Fold the Russian letters but «Ё» and «ё» at s (16 bytes may be read),
 * up to 8, into f (8 bytes written) and their offsets, off on, into o (8
 * written); returns how many there were.
 */
static inline size_t fold_cyr8(const unsigned char *s, unsigned char *f, uint32_t *o, uint32_t off)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s), base = _mm_set1_epi32((int)off);
	__m128i lead = _mm_and_si128(v, _mm_set1_epi16(0xFF)), cont = _mm_srli_epi16(v, 8);
	__m128i d0 = _mm_cmpeq_epi16(lead, _mm_set1_epi16(0xD0));
	__m128i d1 = _mm_cmpeq_epi16(lead, _mm_set1_epi16(0xD1));
	__m128i ok0 = _mm_and_si128(_mm_cmpgt_epi16(cont, _mm_set1_epi16(0x8F)),
				    _mm_cmplt_epi16(cont, _mm_set1_epi16(0xC0)));
	__m128i ok1 = _mm_and_si128(_mm_cmpgt_epi16(cont, _mm_set1_epi16(0x7F)),
				    _mm_cmplt_epi16(cont, _mm_set1_epi16(0x90)));
	__m128i ok = _mm_or_si128(_mm_and_si128(d0, ok0), _mm_and_si128(d1, ok1));
	unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFF;
	/* А–Я а–п: the second byte + 0x30; р–я: + 0x70. */
	__m128i lc = _mm_add_epi16(
		cont, _mm_add_epi16(_mm_set1_epi16(0x30), _mm_and_si128(d1, _mm_set1_epi16(0x40))));

	_mm_storel_epi64((__m128i *)f, _mm_packus_epi16(lc, lc));
	_mm_storeu_si128((__m128i *)o, _mm_add_epi32(base, _mm_setr_epi32(0, 2, 4, 6)));
	_mm_storeu_si128((__m128i *)(o + 4), _mm_add_epi32(base, _mm_setr_epi32(8, 10, 12, 14)));
	return bad ? (size_t)__builtin_ctz(bad) / 2 : 8;
}

/*
 * Fold the 16 bytes at s into f and their offsets, off on, into o when
 * they are ASCII but '<' and '&' with markup: true if they were.
 */
static inline bool fold_ascii16(const unsigned char *s, bool markup, unsigned char *f, uint32_t *o,
				uint32_t off)
{
	__m128i v = _mm_loadu_si128((const __m128i *)s), base = _mm_set1_epi32((int)off);
	__m128i ctl = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), nv_guard_eq8(v, 0x7F));

	if (_mm_movemask_epi8(v) ||
	    (markup && _mm_movemask_epi8(_mm_or_si128(nv_guard_eq8(v, '<'), nv_guard_eq8(v, '&')))))
		return false;
	/* Control characters are spaces (nv_guard_fold_cp()). */
	_mm_storeu_si128((__m128i *)f, _mm_or_si128(_mm_andnot_si128(ctl, v),
						    _mm_and_si128(ctl, _mm_set1_epi8(' '))));
	_mm_storeu_si128((__m128i *)o, _mm_add_epi32(base, _mm_setr_epi32(0, 1, 2, 3)));
	_mm_storeu_si128((__m128i *)(o + 4), _mm_add_epi32(base, _mm_setr_epi32(4, 5, 6, 7)));
	_mm_storeu_si128((__m128i *)(o + 8), _mm_add_epi32(base, _mm_setr_epi32(8, 9, 10, 11)));
	_mm_storeu_si128((__m128i *)(o + 12), _mm_add_epi32(base, _mm_setr_epi32(12, 13, 14, 15)));
	return true;
}
#else
static inline size_t fold_cyr8(const unsigned char *s, unsigned char *f, uint32_t *o, uint32_t off)
{
	(void)s, (void)f, (void)o, (void)off;
	return 0;
}

static inline bool fold_ascii16(const unsigned char *s, bool markup, unsigned char *f, uint32_t *o,
				uint32_t off)
{
	(void)s, (void)markup, (void)f, (void)o, (void)off;
	return false;
}
#endif

/*
 * Fold plain ASCII, Russian letters, U+0080–U+00BF and U+2000–U+2FFF
 * (no-break spaces, quotes, dashes: not the soft hyphen nor the zero
 * widths) from s[i] until fd holds lim bytes (fd has room for them) or
 * another character comes; returns where it stopped. Most of any text is
 * these. From `want` bytes on it also stops
 * where nv_guard_fold() ends: after a space that at_cut() takes (with
 * `cut`), or past the end of a window.
 */
static size_t fast_run(const struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t i,
		       size_t lim, size_t want, bool cut)
{
	const unsigned char *s = (const unsigned char *)r->s;
	unsigned char *f = fd->f, c, d;
	size_t n = r->n, l = fd->len, base = fd->base, k, retry = i;
	int b;
	uint32_t *o = fd->o;
	bool markup = r->markup;

	while (i < n && l < lim) {
		c = s[i];
		/* 16 at a time where no place to stop can be among them (not tried again soon). */
		if (c < 0x80 && i >= retry && n - i >= 16 && (cut ? want : lim) > l + 16 &&
		    i - base + 16 <= WINDOW_END) {
			if (fold_ascii16(s + i, markup, f + l, o + l, (uint32_t)(i - base))) {
				l += 16;
				i += 16;
				continue;
			}
			retry = i + 16;
		}
		if (c < 0x80) {
			if (markup && (c == '<' || c == '&'))
				break;
			f[l] = c < 0x20 || c == 0x7F ? ' ' : c;
			o[l++] = (uint32_t)(i++ - base);
		} else {
			if (n - i >= 16 && lim - l >= 8 && i - base + 16 <= WINDOW_END &&
			    (k = fold_cyr8(s + i, f + l, o + l, (uint32_t)(i - base)))) {
				l += k;
				i += 2 * k;
				continue;
			}
			/* А–Я а–п are 0xD0 0x90–0xBF, р–я 0xD1 0x80–0x8F. */
			d = i + 1 < n ? s[i + 1] : 0;
			k = 2;
			if (c == 0xD0 && d >= 0x90 && d <= 0xBF)
				f[l] = d + 0x30;
			else if (c == 0xD1 && d >= 0x80 && d <= 0x8F)
				f[l] = d + 0x70;
			/* U+0080–U+00BF but the soft hyphen: a no-break space, «», … */
			else if (c == 0xC2 && d >= 0x80 && d <= 0xBF && d != 0xAD)
				f[l] = (unsigned char)nv_guard_fold_cp(d);
			/* U+2000–U+2FFF as nv_guard_char_at() reads them: dashes, quotes, №. */
			else if (c == 0xE2 && n - i >= 3 && (d & 0xC0) == 0x80 &&
				 (s[i + 2] & 0xC0) == 0x80 &&
				 (b = nv_guard_fold_cp(0x2000 | (uint32_t)(d & 0x3F) << 6 |
						       (s[i + 2] & 0x3F))) != NV_GUARD_SKIP)
				f[l] = (unsigned char)b, k = 3;
			else
				break;
			o[l++] = (uint32_t)(i - base);
			i += k;
		}
		if (l >= want && ((cut && f[l - 1] == ' ' && l >= 3 && lc_letter(f[l - 2]) &&
				   lc_letter(f[l - 3])) ||
				  i - base > WINDOW_END))
			break;
	}
	fd->len = l;
	return i;
}

void nv_guard_fold(struct nv_guard_reader *r, struct nv_guard_folded *fd, size_t want, bool cut)
{
	size_t n = r->n, i = r->i, lim;

	while (i < n) {
		if (fd->len >= want && (!cut || at_cut(fd) || fd->len >= want + 4096))
			break;
		if (i - fd->base > WINDOW_END)
			break;
		while (fd->cap - fd->len < 64)
			grow(fd);
		/* Past `want`, fast_run() stops where the loop would. */
		lim = cut ? want + 4096 : want;
		lim = lim < fd->len + 64 ? lim : fd->len + 64;
		i = fast_run(r, fd, i, lim, want, cut);
		if (i < n && fd->len < lim && (fd->len < want || !stop_at(fd, i, want, cut)))
			i = step(r, fd, i);
	}
	r->i = i;
	if (i >= n || cut)
		flush_pending(r, fd);
}

size_t nv_guard_tag_len(const char *s, size_t n, size_t i, bool *inl)
{
	size_t j, name;

	*inl = false;
	if ((j = nv_guard_open_len(s, n, i)))
		return j;
	if (!(j = nv_guard_tag_name_end(s, n, i)))
		return 0;
	name = s[i + 1] == '/' ? i + 2 : i + 1;
	*inl = s[i + 1] != '!' && s[i + 1] != '?' && nv_guard_is_inline_tag(s + name, j - name);
	j = nv_guard_tag_close(s, n, j);
	return j < n ? j + 1 - i : n - i;
}

void nv_guard_form(const char *text, const struct nv_guard_hit *hit, bool markup,
		   struct nv_buf *out)
{
	size_t i = hit->start, n = hit->end, k, start = out->len;
	uint32_t cp;
	bool inl, space;

	while (i < n) {
		/* A block tag and any run of ASCII white space are one space. */
		if (markup && text[i] == '<' && (k = nv_guard_tag_len(text, n, i, &inl))) {
			space = !inl;
		} else {
			k = nv_guard_char_at(text, n, i, markup, &cp);
			space = cp < 0x80 && isspace((int)cp);
			/* «и» and a combining breve, as text copied from a PDF has it, read «й». */
			if (cp == 0x306 && out->len - start >= 2 &&
			    (unsigned char)out->ptr[out->len - 2] == 0xD0 &&
			    ((out->ptr[out->len - 1] | 0x20) == (char)0xB8))
				out->ptr[out->len - 1]++; /* и → й, И → Й */
			else if (!space && nv_guard_fold_cp(cp) != NV_GUARD_SKIP) {
				if (text[i] == '&' || cp == 0xFFFD)
					nv_buf_addcp(out, cp);
				else
					nv_buf_add(out, text + i, k);
			}
		}
		if (space && out->len > start && out->ptr[out->len - 1] != ' ')
			nv_buf_addch(out, ' ');
		i += k;
	}
}
