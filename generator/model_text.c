/*
 * model_text.c: checks a secretary would make on the text of documents,
 * as located warnings: bullets pasted from Word and other characters
 * that will not show as written (model_chars.c);
 * headings ending with a full stop or starting with «З.» for «3.»;
 * references to appendices that do not match the appendices
 * (model_appx.c); in an order's items, an award «по списку» with no
 * list attached, a payment («выплату», «премию», «доплату») with no
 * amount and a deadline before the order's date, and no item on the
 * control of its execution; a day the calendar has not («31.09.2025»)
 * in an order; footnote marks («¹»,
 * «²») with no note (a paragraph starting with the mark) and notes no
 * mark refers to;
 * in a best practice, a body heading that repeats a section the case
 * page already renders from a field («Проблема», «Цель», «Результаты»);
 * citations of the project's orders with another date (model_cite.c);
 * a paragraph of a scan recognised as Latin instead of Russian.
 */
#include "common.h"

#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "guard.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "threads.h"
#include "utf8.h"
#include "value.h"

struct nv_diag *mdl_warn_at(const struct mdl_line *l, size_t off, const char *msg)
{
	return nv_warning(l->b->d, l->e->doc->path, l->no, (int)nv_utf8_count(l->s, off) + 1, "%s",
			  msg);
}

/*
 * Words typed partly in Latin letters that look Russian («CОШ» with a
 * Latin «C»), or with a «й» of two characters: the same on screen, but
 * the site's search does not find them and a screen reader reads them
 * wrong (model_mixed.c).
 */
static void check_mixed(const struct mdl_line *l)
{
	struct nv_guard_word w = { .latin = NV_BUF_INIT };
	size_t at = 0;

	while (nv_guard_mixed_word(l->s, l->n, &at, &w))
		mdl_mixed_warn(l->b->d, l->e->doc->path, l->no,
			       (int)nv_utf8_count(l->s, w.start) + 1, l->s, &w, NULL);
	nv_guard_word_release(&w);
}

/*
 * True if the n bytes at s end with an abbreviation or an initial
 * rather than a full stop: a last word of at most three letters
 * («К. О.», «2025 г.», «т. д.») or «…».
 */
static bool abbreviation(const char *s, size_t n)
{
	size_t start = n - 1;

	while (start > 0 && s[start - 1] != ' ' &&
	       !(start >= 2 && (unsigned char)s[start - 1] == 0xA0 &&
		 (unsigned char)s[start - 2] == 0xC2))
		start--; /* back to a space or a no-break space */
	return nv_utf8_count(s + start, n - 1 - start) <= 3 || (n >= 2 && s[n - 2] == '.');
}

/* A heading ending with a full stop, or starting with «З.» for «3.». */
/*
 * A heading typed without the space after its «#» at l->s[ind]
 * (nv_md_heading_unspaced()): a warning, true. In a document that is not
 * printed, a line of one word or with another «#» is taken for hashtags
 * («#Наставничество #Школа14») and left.
 */
static bool unspaced_heading(const struct mdl_line *l, size_t ind)
{
	size_t h = nv_md_heading_unspaced(l->s + ind, l->n - ind);
	const char *rest = l->s + ind + h;
	size_t n = l->n - ind - h;

	if (!h || (!mdl_printed(l->e) && (!memchr(rest, ' ', n) || memchr(rest, '#', n))))
		return false;
	nv_diag_hint(mdl_warn_at(l, ind,
				 "после «#» нет пробела: Markdown не читает строку как "
				 "заголовок, и «#» будет виден в тексте"),
		     "поставьте пробел: «%.*s %.*s»", (int)h, l->s + ind,
		     (int)nv_utf8_cut(rest, n, 60), rest);
	return true;
}

static void check_heading(const struct mdl_line *l, size_t ind)
{
	size_t i = ind, end = l->n;

	if (unspaced_heading(l, ind))
		return;
	while (i < l->n && l->s[i] == '#')
		i++;
	if (i == ind || i - ind > 6 || i >= l->n || l->s[i] != ' ')
		return;
	while (i < l->n && l->s[i] == ' ')
		i++;
	while (end > i && (l->s[end - 1] == ' ' || l->s[end - 1] == '#'))
		end--;
	if (mdl_starts(l->s + i, end - i, "З.") || mdl_starts(l->s + i, end - i, "З "))
		nv_diag_hint(
			mdl_warn_at(l, i, "заголовок начинается с буквы «З», похожей на цифру «3»"),
			"если это номер раздела, напишите цифру «3»");
	if (end > i && l->s[end - 1] == '.' && !abbreviation(l->s + i, end - i))
		nv_diag_hint(mdl_warn_at(l, end - 1, "в конце заголовка стоит точка"),
			     "уберите точку в конце заголовка (ГОСТ Р 7.0.97)");
}

/*
 * One item of an order (a list item with its continuation lines and
 * nested lists, or a paragraph) being gathered for the checks of a
 * whole item; n == 0 when none is open.
 */
struct item {
	const char *s; /* its first line; n bytes to the end of its last */
	size_t n;
	int no;	    /* file line of its first line */
	size_t ind; /* indent of its list marker, or 0 */
	bool list;  /* started with a list marker */
	bool blank; /* a blank line since its last line */
};

/* A warning at hit, inside item it. */
static struct nv_diag *warn_item(const struct mdl_line *l, const struct item *it, const char *hit,
				 const char *msg)
{
	struct mdl_line at = *l;
	const char *p;

	at.s = it->s;
	at.no = it->no;
	for (p = it->s; p < hit; p++)
		if (*p == '\n') {
			at.s = p + 1;
			at.no++;
		}
	at.n = (size_t)(hit - at.s);
	return mdl_warn_at(&at, at.n, msg);
}

/* The first of words found in the n bytes at s, or NULL. */
static const char *find_any(const char *s, size_t n, const char *const *words, size_t nwords)
{
	const char *hit, *first = NULL;
	size_t i;

	/* a word found earlier than first starts before it: no need to look further */
	for (i = 0; i < nwords; i++)
		if ((hit = mdl_find(s, first ? (size_t)(first - s) + strlen(words[i]) - 1 : n,
				    words[i])) != NULL &&
		    (!first || hit < first))
			first = hit;
	return first;
}

/* Whether any of words is in the n bytes at s. */
static bool has_any(const char *s, size_t n, const char *const *words, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (mdl_find(s, n, words[i]))
			return true;
	return false;
}

/*
 * True if the list named at hit (the bytes after «списку») is given in
 * the item («по списку:» and the list below) or said to come from
 * elsewhere («по списку, представленному куратором»).
 */
static bool list_given(const char *s, size_t n)
{
	static const char *const whose[] = { "представлен", "утвержд", "составлен", "направлен",
					     "согласован" };
	size_t i;

	while (n && *s == ' ')
		s++, n--;
	if (n && *s == ':')
		return true;
	if (!n || *s != ',')
		return false;
	for (s++, n--; n && *s == ' '; s++, n--)
		;
	for (i = 0; i < NV_ARRAY_SIZE(whose); i++)
		if (mdl_starts(s, n, whose[i]))
			return true;
	return false;
}

/*
 * The first word of payment in the n bytes at s, or NULL. Each word has
 * one of three cores in it, at `before` bytes from its start: the text
 * is read once for each core, not once for each word, and the words are
 * tried where a core is (a paragraph of an order that says «доплата»
 * has «плат» and none of the words).
 */
static const char *find_pay(const char *s, size_t n)
{
	static const char *const cores[] = { "плат", "реми", "надбавк" };
	static const struct {
		const char *word;
		unsigned char core, before;
	} pays[] = {
		{ "выплату", 0, 4 },   { "премию", 1, 2 },    { "доплату", 0, 4 },
		{ "надбавку", 2, 0 },  { "ыплатить", 0, 2 },  { "ремировать", 1, 0 },
		{ "доплатить", 0, 4 }, { "Доплатить", 0, 4 },
	};
	const char *first = NULL, *p, *at;
	size_t c, i, k;

	for (c = 0; c < NV_ARRAY_SIZE(cores); c++)
		for (p = s; (p = mdl_find(p, (size_t)(s + n - p), cores[c])) != NULL; p++)
			for (i = 0; i < NV_ARRAY_SIZE(pays); i++) {
				if (pays[i].core != c || (size_t)(p - s) < pays[i].before)
					continue;
				at = p - pays[i].before;
				k = strlen(pays[i].word);
				if ((size_t)(s + n - at) >= k && !memcmp(at, pays[i].word, k) &&
				    (!first || at < first))
					first = at;
			}
	return first;
}

/* True if c, a byte of UTF-8, is a digit. */
static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The length of the date at s (n bytes): «05.09.2025», «5 сентября 2025»,
 * in *d; 0 when there is none or it is not a date of the calendar.
 */
static size_t date_at(const char *s, size_t n, struct nv_date *d)
{
	size_t k, sp;

	if ((k = nv_date_numeric_at(s, n, d)) != 0)
		return k;
	for (k = 0; k < n && k < 3 && digit(s[k]);)
		k++;
	if (!k || k > 2 || k >= n || s[k] != ' ')
		return 0;
	for (sp = k + 1, k = sp; k + 1 < n && ((unsigned char)s[k] & 0xFE) == 0xD0; k += 2)
		;
	if (k == sp || k + 5 > n || s[k] != ' ' || !digit(s[k + 1]) || !digit(s[k + 4]))
		return 0;
	return nv_date_parse_mem(s, k + 5, d, NULL) ? 0 : k + 5;
}

#ifdef __SSE2__
/* The places of the digits after a space among the 16 bytes at s (s[-1] is read), as bits. */
static inline unsigned spaced_digits(const char *s)
{
	__m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)s), _mm_set1_epi8('0'));
	__m128i sp = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s - 1)), _mm_set1_epi8(' '));

	return (unsigned)_mm_movemask_epi8(
		_mm_and_si128(sp, _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)));
}

/* The places of the bytes 0xC2 and 0xE2 among the 16 at s, as bits. */
static inline unsigned c2_e2_bits(const char *s)
{
	__m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)s), _mm_set1_epi8(0x20));

	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
}
#endif

/* A digit after a space at s[i] (i >= 1): a date may start there. */
static inline bool spaced_digit_at(const char *s, size_t i)
{
	return s[i] >= '0' && s[i] <= '9' && s[i - 1] == ' ';
}

/* The byte 0xC2 or 0xE2 at s[i] (| 0x20 is 0xE2 for these two only). */
static inline bool c2_e2_at(const char *s, size_t i)
{
	return ((unsigned char)s[i] | 0x20) == 0xE2;
}

/*
 * The first place from s[i] on that `at` finds, else n; 16 bytes at a
 * time by `bits` (spaced_digits() reads the byte before them: i >= 1
 * then). The last bytes
 * of a text are one more block ending at its end, overlapping the one
 * before, not a byte at a time; only a text shorter than a block is.
 */
static inline size_t next_at(const char *s, size_t n, size_t i, unsigned (*bits)(const char *),
			     bool (*at)(const char *, size_t))
{
#ifdef __SSE2__
	unsigned m;

	/* a caller past the end (after a date that ends the text) finds nothing more */
	if (i >= n)
		return n;
	for (; n - i >= 16; i += 16)
		if ((m = bits(s + i)) != 0)
			return i + (unsigned)__builtin_ctz(m);
	if (i < n && n >= 17) {
		m = bits(s + n - 16) >> (i - (n - 16));
		return m ? i + (unsigned)__builtin_ctz(m) : n;
	}
#else
	(void)bits;
#endif
	while (i < n && !at(s, i))
		i++;
	return i;
}

/*
 * Days the calendar has not in a line of an order («31.09.2025»,
 * «29.02.2025»): said with what the month has.
 */
static void check_line_dates(const struct mdl_line *l)
{
	struct nv_buf why = NV_BUF_INIT;
	size_t i, k;

	for (i = 1; (i = next_at(l->s, l->n, i, spaced_digits, spaced_digit_at)) < l->n; i++) {
		nv_buf_reset(&why);
		if (!(k = nv_date_impossible_at(l->s + i, l->n - i, &why)))
			continue;
		mdl_warn_impossible_date(l->b, l->e, l->no, (int)nv_utf8_count(l->s, i) + 1,
					 l->s + i, k, why.ptr);
		i += k;
	}
	nv_buf_release(&why);
}

/*
 * Deadlines of an order's item («до 05.09.2025», «не позднее 5 сентября
 * 2025 г.», «к 01.10.2025») before the order's date: an item copied
 * from last year's order with its old year.
 */
static void check_deadlines(const struct mdl_line *l, const struct item *it)
{
	static const char *const words[] = { "до ", "не позднее ", "к " };
	const char *s = it->s, *p;
	struct nv_date d;
	size_t i, w, k, len;
	char *msg;

	if (!nv_date_valid(l->e->date))
		return;
	/* each date after a space, then the word before it: dates are fewer than words */
	for (i = 1; (i = next_at(s, it->n, i, spaced_digits, spaced_digit_at)) < it->n; i++) {
		if (!(len = date_at(s + i, it->n - i, &d)) || nv_date_cmp(d, l->e->date) >= 0)
			continue;
		for (w = 0; w < NV_ARRAY_SIZE(words); w++) {
			k = strlen(words[w]);
			p = s + i - k;
			if (i >= k && !memcmp(p, words[w], k) &&
			    (p == s || p[-1] == ' ' || p[-1] == '(' || p[-1] == '\n' ||
			     p[-1] == '\xA0'))
				break;
		}
		if (w == NV_ARRAY_SIZE(words))
			continue;
		msg = nv_xasprintf("срок «%.*s» раньше даты приказа %02d.%02d.%04d", (int)(k + len),
				   p, l->e->date.day, l->e->date.month, l->e->date.year);
		nv_diag_hint(warn_item(l, it, p, msg), "пункт перенесён из прошлого приказа? "
						       "Исправьте год срока или дату приказа");
		free(msg);
		i += len;
	}
}

/* An order's item: «по списку» with no list, a payment with no amount. */
static void check_item(const struct mdl_line *l, const struct item *it)
{
	static const char *const lists[] = { "по списку", "По списку", "огласно списку",
					     "прилагаемому списку" };
	static const char *const sums[] = { "руб", "\u20BD", "%", "размер", "сумм", "процент" };
	const char *hit;

	if (!it->n || l->e->kind != NV_KIND_ORDER)
		return;
	check_deadlines(l, it);
	/* every word of lists has «списку» in it: most items have none */
	hit = mdl_find(it->s, it->n, "списку") ? find_any(it->s, it->n, lists, NV_ARRAY_SIZE(lists))
					       : NULL;
	if (hit && !l->e->nappendices) {
		const char *word = mdl_find(hit, it->n - (size_t)(hit - it->s), "списку");
		if (!list_given(word + strlen("списку"),
				it->n - (size_t)(word + strlen("списку") - it->s)))
			nv_diag_hint(warn_item(l, it, hit,
					       "пункт ссылается на список, а у приказа "
					       "нет приложений"),
				     "приложите список к приказу (поле «appendices») или "
				     "перечислите людей в пункте: «по списку:» и список ниже");
	}
	hit = find_pay(it->s, it->n);
	while (hit && hit - it->s >= 2 &&
	       ((unsigned char)hit[-2] == 0xD0 || (unsigned char)hit[-2] == 0xD1))
		hit -= 2; /* back to the start of the word: «ыплатить» is found in «Выплатить» */
	if (hit && !has_any(it->s, it->n, sums, NV_ARRAY_SIZE(sums)))
		nv_diag_hint(warn_item(l, it, hit, "в пункте о выплате не указан её размер"),
			     "укажите сумму («в размере 5000 рублей») или откуда она берётся («в "
			     "размере, предусмотренном положением об оплате труда»)");
}

/* True if a list marker («1.», «1)», «-», «*», «+») stands at byte ind of l. */
static bool list_marker(const struct mdl_line *l, size_t ind)
{
	size_t i = ind;

	if (i < l->n && (l->s[i] == '-' || l->s[i] == '*' || l->s[i] == '+'))
		return i + 1 == l->n || l->s[i + 1] == ' ';
	while (i < l->n && l->s[i] >= '0' && l->s[i] <= '9')
		i++;
	return i > ind && i < l->n && (l->s[i] == '.' || l->s[i] == ')') &&
	       (i + 1 == l->n || l->s[i + 1] == ' ');
}

/*
 * Add line l (indent ind) to the open item, or close it and open a new
 * one: a list marker no deeper than the item's own, a heading, or a
 * paragraph after a blank line start a new item; a blank line is kept.
 */
static void next_item(const struct mdl_line *l, size_t ind, struct item *it)
{
	bool marker = list_marker(l, ind), blank = ind == l->n;

	if (blank) {
		it->blank = it->n != 0;
		return;
	}
	if (it->n && !(marker ? ind > it->ind
			      : !mdl_starts(l->s + ind, l->n - ind, "#") &&
					(!it->blank || (it->list && ind > it->ind)))) {
		check_item(l, it);
		it->n = 0;
	}
	if (!it->n)
		*it = (struct item){ l->s, 0, l->no, marker ? ind : 0, marker, false };
	it->n = (size_t)(l->s + l->n - it->s);
	it->blank = false;
}

/* A footnote's mark («¹», «¹²») or note (a line starting with its mark). */
struct fnote {
	char mark[16];
	int line, col;
	bool used;
};

/* The footnotes of one document; more than fit are not checked. */
struct fnotes {
	struct fnote marks[64], notes[32];
	size_t nmarks, nnotes;
};

/* The length of a superscript digit at s (n bytes), or 0. */
static size_t sup_digit(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3))
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 &&
	    (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9)))
		return 3;
	return 0;
}

/* The length of a run of superscript digits at s, at most one mark long. */
static size_t sup_run(const char *s, size_t n)
{
	size_t k = 0, d;

	while ((d = sup_digit(s + k, n - k)) != 0 && k + d < sizeof(((struct fnote *)0)->mark))
		k += d;
	return k;
}

/* Record a mark or note of k bytes at s, at line no, column col. */
static void add_fnote(struct fnote *v, size_t *nv, size_t max, const char *s, size_t k, int no,
		      int col)
{
	if (*nv == max)
		return;
	memcpy(v[*nv].mark, s, k);
	v[*nv].mark[k] = '\0';
	v[*nv].line = no;
	v[*nv].col = col;
	v[*nv].used = false;
	(*nv)++;
}

/* True if the i bytes before s + i end with a unit («м», «см²») or a digit («10⁶»). */
static bool power_of(const char *s, size_t i)
{
	static const char *const units[] = { "м", "см", "мм", "дм", "км", "m", "cm", "mm", "km" };
	size_t w = i, u;

	if (i && s[i - 1] >= '0' && s[i - 1] <= '9')
		return true;
	while (w >= 2 && ((unsigned char)s[w - 2] == 0xD0 || (unsigned char)s[w - 2] == 0xD1))
		w -= 2; /* back over Cyrillic letters */
	while (w && ((s[w - 1] >= 'a' && s[w - 1] <= 'z') || (s[w - 1] >= 'A' && s[w - 1] <= 'Z')))
		w--;
	for (u = 0; u < NV_ARRAY_SIZE(units); u++)
		if (i - w == strlen(units[u]) && !memcmp(s + w, units[u], i - w))
			return true;
	return false;
}

/* The marks in the n bytes at s (line no, first column col0), not powers. */
static void scan_marks(struct fnotes *f, const char *s, size_t n, int no, int col0)
{
	size_t i, k;

	for (i = 0; i < n; i += k ? k : 1) {
		/* a superscript digit starts with 0xC2 or 0xE2 */
		if ((i = next_at(s, n, i, c2_e2_bits, c2_e2_at)) == n)
			break;
		k = sup_run(s + i, n - i);
		if (!k || power_of(s, i))
			continue;
		add_fnote(f->marks, &f->nmarks, NV_ARRAY_SIZE(f->marks), s + i, k, no,
			  col0 + (int)nv_utf8_count(s, i));
	}
}

/* A note «¹ текст» at the line's indent ind, or the marks in the line. */
static void scan_fnotes(const struct mdl_line *l, size_t ind, struct fnotes *f)
{
	size_t k = sup_run(l->s + ind, l->n - ind);

	if (k && ind + k < l->n && l->s[ind + k] == ' ') {
		add_fnote(f->notes, &f->nnotes, NV_ARRAY_SIZE(f->notes), l->s + ind, k, l->no,
			  (int)ind + 1);
		return;
	}
	scan_marks(f, l->s, l->n, l->no, 1);
}

/* Marks with no note and notes with no mark, the title's marks included. */
static void check_fnotes(struct builder *b, const struct nv_entry *e, struct fnotes *f)
{
	const struct nv_value *t = e->doc->meta ? nv_map_get(e->doc->meta, "title") : NULL;
	size_t i, k;

	if (t && e->title)
		scan_marks(f, e->title, strlen(e->title), t->line, t->col);
	for (i = 0; i < f->nmarks; i++) {
		for (k = 0; k < f->nnotes && strcmp(f->notes[k].mark, f->marks[i].mark); k++)
			;
		if (k < f->nnotes)
			f->notes[k].used = true;
		else
			nv_diag_hint(
				nv_warning(b->d, e->doc->path, f->marks[i].line, f->marks[i].col,
					   "знак сноски «%s» есть, а примечания к нему нет",
					   f->marks[i].mark),
				"добавьте в конце документа абзац, который начинается с «%s » и "
				"текста примечания",
				f->marks[i].mark);
	}
	for (k = 0; k < f->nnotes; k++)
		if (!f->notes[k].used)
			nv_diag_hint(nv_warning(b->d, e->doc->path, f->notes[k].line,
						f->notes[k].col,
						"примечание «%s» не отмечено в тексте",
						f->notes[k].mark),
				     "поставьте «%s» сразу после слова, к которому относится "
				     "примечание, или уберите примечание",
				     f->notes[k].mark);
}

/*
 * An order with no item on the control of its execution, which orders
 * end with («Контроль за исполнением приказа оставляю за собой»): a
 * warning at its last item.
 */
static void check_control(struct builder *b, const struct nv_entry *e, const char *body, size_t n,
			  const struct item *last)
{
	if (e->kind != NV_KIND_ORDER || !last->n || mdl_find(body, n, "онтрол"))
		return;
	nv_diag_hint(nv_warning(b->d, e->path, last->no, (int)last->ind + 1,
				"в приказе нет пункта о контроле за его исполнением"),
		     "последним пунктом напишите «Контроль за исполнением приказа оставляю за "
		     "собой» или «Контроль за исполнением приказа возложить на …» с должностью "
		     "и фамилией");
}

/*
 * Check the body of e line by line; fenced blocks are skipped. A load
 * for once reads the text again for the check and drops it after.
 */
static void check_body(struct builder *b, const struct nv_entry *e, int *top)
{
	struct nv_doc *doc = e->doc;
	const char *text = nv_content_doc_text_at(doc, top, b->d), *s, *end, *nl;
	struct mdl_line l = { b, e, NULL, 0, doc->split.body_line };
	struct item it = { 0 };
	struct fnotes fn;
	bool fenced = false, misread = false;
	bool started = !(doc->md && doc->md->text_facts & NV_MD_TEXT_HEAD); /* no head typed */
	struct mdl_quotes quotes = { 0 };
	struct mdl_body whole;
	size_t ind;

	if (!text)
		return;
	/*
	 * A body taken from its summary (md_summary.h) is parsed from the text
	 * read here, for the mentions' check after this one, which walks it.
	 */
	if (doc->md && !doc->md->root && e->md == doc->md)
		nv_content_doc_tree(doc, top, b->d);
	s = text + doc->split.body_off;
	end = s + doc->split.body_len;
	whole = (struct mdl_body){ s, doc->split.body_len, -1 };
	/* only the counts need a start: a note is written whole when added */
	fn.nmarks = fn.nnotes = 0;
	for (; s < end; s = nl + 1, l.no++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		l.s = s;
		l.n = (size_t)(nl - s);
		if (l.n && l.s[l.n - 1] == '\r')
			l.n--;
		for (ind = 0; ind < l.n && l.s[ind] == ' ';)
			ind++;
		if (ind == l.n)
			misread = false; /* a paragraph ends */
		if (ind < 4 && (mdl_starts(l.s + ind, l.n - ind, "```") ||
				mdl_starts(l.s + ind, l.n - ind, "~~~"))) {
			check_item(&l, &it);
			it.n = 0;
			fenced = !fenced;
			continue;
		}
		if (!fenced && (ind < 4 || it.list))
			next_item(&l, ind, &it);
		if (fenced || ind >= 4)
			continue;
		mdl_check_chars(&l, ind);
		check_heading(&l, ind);
		if (doc->md && doc->md->text_facts & NV_MD_TEXT_MIXED) {
			check_mixed(&l);
			mdl_check_broken(&l, end);
		}
		if (doc->md && doc->md->text_facts & NV_MD_TEXT_MISREAD)
			mdl_check_misread(&l, ind, &misread);
		if (doc->md && doc->md->text_facts & NV_MD_TEXT_QUOTES)
			mdl_check_quotes(&l, &quotes);
		mdl_check_appendix_refs(&l, &whole);
		if (e->kind == NV_KIND_ORDER)
			check_line_dates(&l);
		mdl_check_made_parts(&l, &started);
		scan_fnotes(&l, ind, &fn);
	}
	check_item(&l, &it);
	mdl_check_quotes_end(b, e, &quotes);
	check_control(b, e, whole.s, whole.n, &it);
	check_fnotes(b, e, &fn);
	if (doc->md && doc->md->nr_nums)
		mdl_check_numbering(b, e, doc->md);
	if (doc->md && doc->md->text_facts & NV_MD_TEXT_PD)
		mdl_check_pd_body(b, e, text + doc->split.body_off, doc->split.body_len,
				  doc->split.body_line);
	if (doc->md && doc->md->text_facts & NV_MD_TEXT_CITE)
		mdl_check_body_cites(b, e, text + doc->split.body_off, doc->split.body_len,
				     doc->split.body_line);
	nv_content_doc_text_done(doc);
}

/*
 * Staff an order gives tasks to (mentioned in its text) but who are
 * missing from its acquaintance sheet, when it has one.
 */
static void check_acquaint(struct builder *b, const struct nv_entry *e)
{
	const struct nv_md_link *l;
	const struct nv_person *p;
	size_t i, k;
	bool found;

	if (e->kind != NV_KIND_ORDER || !e->nacquaint || !e->doc->md)
		return;
	for (i = 0; i < e->doc->md->nr_links; i++) {
		l = &e->doc->md->links[i];
		/* staff only: a letter of thanks to a partner is not a task */
		if (l->kind != NV_MD_LINK_PERSON || !(p = nv_model_person(b->m, l->path)) ||
		    p->category != NV_CAT_TEACHER)
			continue;
		for (found = p == e->signatory, k = 0; k < e->nacquaint && !found; k++)
			found = e->acquaint[k] == p;
		if (!found)
			nv_diag_hint(
				nv_warning(b->d, e->doc->path, l->line, l->col,
					   "«%s» упомянут в приказе, но не в листе ознакомления",
					   p->id),
				"добавьте «%s» в поле «acquaint» приказа", p->id);
	}
}

/* The sections a case page renders from fields, and the headings that name them (folded). */
static const struct {
	const char *field, *names[3];
} case_sections[] = {
	{ "problem", { "проблема", "проблемы", NULL } },
	{ "goal", { "цель", "цели", NULL } },
	{ "results", { "результаты", "результат", NULL } },
};

/*
 * Whether heading may fold to a name of case_sections: its first letter, past
 * the spaces the fold drops, is «п», «ц» or «р» in either case.
 */
static bool may_name_section(const char *heading)
{
	const unsigned char *s = (const unsigned char *)heading;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (s[0] == 0xC2 && s[1] == 0xA0)
			s += 2; /* U+00A0 */
		else if (s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
			s += 3; /* U+202F */
		else
			break;
	}
	if (s[0] == 0xD0)
		return s[1] == 0x9F || s[1] == 0xBF || s[1] == 0xA6 || s[1] == 0xA0;
	return s[0] == 0xD1 && (s[1] == 0x86 || s[1] == 0x80);
}

const char *nv_case_heading_field(const struct nv_entry *e, const char *heading)
{
	struct nv_buf f = NV_BUF_INIT;
	const char *field = NULL;
	size_t i, k;

	if (!e->problem && !e->goal && !e->nresults)
		return NULL;
	if (!may_name_section(heading))
		return NULL;
	nv_utf8_fold(&f, heading, strlen(heading));
	while (f.len &&
	       (f.ptr[f.len - 1] == '.' || f.ptr[f.len - 1] == ':' || f.ptr[f.len - 1] == ' '))
		f.ptr[--f.len] = '\0';
	for (i = 0; i < sizeof(case_sections) / sizeof(case_sections[0]) && !field; i++) {
		bool given =
			(i == 0 && e->problem) || (i == 1 && e->goal) || (i == 2 && e->nresults);
		for (k = 0; given && case_sections[i].names[k]; k++)
			if (!strcmp(f.ptr, case_sections[i].names[k]))
				field = case_sections[i].field;
	}
	nv_buf_release(&f);
	return field;
}

bool nv_case_body_repeats(const struct nv_entry *e, const char *field)
{
	const char *hit;
	size_t i;

	for (i = 0; e->md && i < e->md->nr_headings; i++)
		if ((hit = nv_case_heading_field(e, e->md->headings[i].text)) &&
		    !strcmp(hit, field))
			return true;
	return false;
}

/*
 * A case's body heading that repeats a section its fields render: the
 * case page shows the field's section only when the body has no heading
 * of the same name (nv_case_heading_repeats()), so the author is told
 * which of the two the page keeps.
 */
static void check_case_headings(struct builder *b, const struct nv_entry *e)
{
	const struct nv_md *md = e->doc->md;
	const char *field;
	size_t i;

	if (e->kind != NV_KIND_CASE || !md)
		return;
	for (i = 0; i < md->nr_headings; i++) {
		field = nv_case_heading_field(e, md->headings[i].text);
		if (!field)
			continue;
		nv_diag_hint(
			nv_warning(b->d, e->doc->path, md->headings[i].line, md->headings[i].col,
				   "заголовок «%s» повторяет раздел, который страница практики "
				   "выводит из поля «%s»: на сайте раздел поля не показан",
				   md->headings[i].text, field),
			"перенесите текст раздела в поле «%s» и уберите заголовок или "
			"назовите раздел иначе, например «%s»",
			field,
			!strcmp(field, "problem") ? "Как выявили проблему"
			: !strcmp(field, "goal")  ? "Задачи"
						  : "Что изменилось");
	}
}

/*
 * Whether the checks of e's body may find anything: an order's items,
 * references to appendices, or what the facts of its bytes tell
 * (markdown.h); else its text is not read again for them. A mark in the
 * title asks for the body's notes.
 */
static bool body_may_warn(const struct nv_entry *e)
{
	const struct nv_md *md = e->doc->md;

	if (e->kind == NV_KIND_ORDER || e->nappendices || !md || md->text_facts)
		return true;
	return e->title && nv_md_text_facts(e->title, strlen(e->title)) & NV_MD_TEXT_SUP;
}

/*
 * The checks of entry i, which read that entry alone; warnings are
 * sorted later. *top: the content folder, opened for the texts read
 * again. An entry unchanged since the last build takes its results from
 * the cache (model_cache.h).
 */
void mdl_check_text(struct builder *b, size_t i, int *top)
{
	const struct nv_entry *e = b->m->entries[i];
	size_t mark;

	if (!e->doc || mdl_cache_replay(b, MDL_CHECK_TEXT, i))
		return;
	mark = b->d->nr;
	if (e->doc->split.body_len && body_may_warn(e))
		check_body(b, e, top);
	check_acquaint(b, e);
	check_case_headings(b, e);
	mdl_cache_store(b, MDL_CHECK_TEXT, i, mark);
}

void mdl_check_text_front(struct builder *b, size_t i)
{
	const struct nv_entry *e = b->m->entries[i];
	size_t mark;

	if (!e->doc || mdl_cache_replay(b, MDL_CHECK_FRONT_TEXT, i))
		return;
	mark = b->d->nr;
	mdl_check_meta_cites(b, e);
	mdl_check_pd_meta(b, e);
	mdl_check_mixed_meta(b, e);
	mdl_check_glyphs_meta(b, e);
	mdl_cache_store(b, MDL_CHECK_FRONT_TEXT, i, mark);
}

void mdl_check_text_begin(struct builder *b)
{
	mdl_cache_begin(b, MDL_CHECK_FRONT_TEXT);
	mdl_cache_begin(b, MDL_CHECK_TEXT);
	/* an adopted model (model_cache.h) did not run mdl_check_order_numbers() */
	if (!b->orders)
		b->orders = mdl_orders_new(b->m);
}
