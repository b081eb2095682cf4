/*
 * schema.c: typed field readers with diagnostics; see schema.h.
 */
#include "common.h"

#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"

bool nv_fields_init(struct nv_fields *f, const char *file, const struct nv_value *map,
		    const char *what, int line, int col, struct nv_diags *d)
{
	/* Not memset: known[] is large and only its first nknown entries are read. */
	f->map = NULL;
	f->nknown = 0;
	f->errors = 0;
	f->read = 0;
	f->file = file;
	f->what = what;
	f->d = d;
	f->line = map && map->line ? map->line : line;
	f->col = map && map->line ? map->col : col;
	if (map && map->type == NV_MAP) {
		f->map = map;
		return true;
	}
	if (map && map->type != NV_NULL) {
		nv_diag_hint(nv_error(d, file, f->line, f->col,
				      "%s ожидаются поля «ключ: значение», а здесь %s", what,
				      nv_type_name(map->type)),
			     "запишите каждое поле на своей строке: «ключ: значение»");
		f->errors++;
		return false;
	}
	return true;
}

/* Mark key (keylen bytes) as known. */
static void allow_len(struct nv_fields *f, const char *key, size_t keylen)
{
	if (f->nknown < NV_FIELDS_MAX_KEYS) {
		f->knownlen[f->nknown] = keylen;
		f->known[f->nknown++] = key;
	}
}

void nv_fields_allow(struct nv_fields *f, const char *key)
{
	allow_len(f, key, strlen(key));
}

static bool is_known(const struct nv_fields *f, const struct nv_member *m)
{
	size_t i;

	for (i = 0; i < f->nknown; i++)
		if (f->knownlen[i] == m->keylen && !memcmp(f->known[i], m->key, m->keylen))
			return true;
	return false;
}

void nv_fields_finish(struct nv_fields *f)
{
	const struct nv_member *m;
	const char *near;
	struct nv_diag *diag;
	size_t i;
	char *all;

	if (!f->map)
		return;
	for (i = 0; i < f->map->nr; i++) {
		m = &f->map->members[i];
		/* A member a read found has a known key; the others are looked up. */
		if ((i < 64 && (f->read >> i & 1)) || is_known(f, m))
			continue;
		diag = nv_error(f->d, f->file, m->line, m->col, "%s неизвестное поле «%s»", f->what,
				m->key);
		f->errors++;
		near = nv_suggest(m->key, f->known, f->nknown);
		f->known[f->nknown] = NULL;
		all = nv_join(f->known, ", ");
		if (near)
			nv_diag_hint(diag, "возможно, имелось в виду «%s»; допустимые поля: %s",
				     near, all);
		else
			nv_diag_hint(diag, "допустимые поля: %s", all);
		free(all);
	}
}

struct nv_diag *nv_field_error(struct nv_fields *f, const struct nv_value *v, const char *fmt, ...)
{
	struct nv_diag *diag;
	va_list ap;

	diag = nv_error(f->d, f->file, v && v->line ? v->line : f->line,
			v && v->line ? v->col : f->col, "%s", "");
	free(diag->msg);
	va_start(ap, fmt);
	diag->msg = nv_xasprintf_v(fmt, ap);
	va_end(ap);
	f->errors++;
	return diag;
}

const struct nv_value *nv_field(struct nv_fields *f, const char *key, int req, const char *hint)
{
	const struct nv_value *v;
	const struct nv_member *m;
	size_t keylen = strlen(key);

	allow_len(f, key, keylen);
	m = nv_map_member(f->map, key, keylen);
	if (m && (size_t)(m - f->map->members) < 64)
		f->read |= (uint64_t)1 << (m - f->map->members);
	v = m ? m->value : NULL;
	if (v && v->type == NV_NULL)
		v = NULL;
	if (!v && req) {
		struct nv_diag *diag =
			nv_field_error(f, NULL, "%s нет обязательного поля «%s»", f->what, key);
		if (hint)
			nv_diag_hint(diag, "добавьте строку «%s: …» — %s", key, hint);
	}
	return v;
}

static void wrong_type(struct nv_fields *f, const char *key, const struct nv_value *v,
		       const char *want, const char *hint)
{
	struct nv_diag *diag = nv_field_error(f, v, "поле «%s» должно быть %s, а здесь %s", key,
					      want, nv_type_name(v->type));
	if (hint)
		nv_diag_hint(diag, "%s", hint);
}

const char *nv_field_str(struct nv_fields *f, const char *key, int req, const char *hint)
{
	const struct nv_value *v = nv_field(f, key, req, hint);

	if (!v)
		return NULL;
	if (!nv_value_is_scalar(v)) {
		wrong_type(f, key, v, "текстом", hint ? hint : NULL);
		return NULL;
	}
	if (req && !v->len) {
		nv_field_error(f, v, "поле «%s» пустое", key);
		return NULL;
	}
	return v->str;
}

bool nv_field_date(struct nv_fields *f, const char *key, int req, const char *hint,
		   struct nv_date *out)
{
	const char *s = nv_field_str(f, key, req, hint);
	struct nv_buf why = NV_BUF_INIT;
	const struct nv_value *v;
	bool ok;

	if (!s)
		return false;
	v = nv_map_get(f->map, key);
	ok = nv_date_parse_mem(s, strlen(s), out, &why) == 0;
	if (!ok)
		nv_diag_hint(nv_field_error(f, v, "поле «%s»: «%s» — не дата: %s", key, s,
					    why.len ? why.ptr : "неверный формат"),
			     "пишите дату как ДД.ММ.ГГГГ, например 29.08.2025");
	nv_buf_release(&why);
	return ok;
}

bool nv_field_acyear(struct nv_fields *f, const char *key, int req, const char *hint, int *start)
{
	const char *s = nv_field_str(f, key, req, hint);
	struct nv_buf why = NV_BUF_INIT;
	bool ok;

	if (!s)
		return false;
	ok = nv_acyear_parse_mem(s, strlen(s), start, &why) == 0;
	if (!ok)
		nv_diag_hint(nv_field_error(f, nv_map_get(f->map, key),
					    "поле «%s»: «%s» — не учебный год: %s", key, s,
					    why.len ? why.ptr : "неверный формат"),
			     "учебный год пишется как 2025–2026");
	nv_buf_release(&why);
	return ok;
}

/*
 * What users write in Russian for the values of the fields' lists, by
 * value: the starts of the words, folded (nv_utf8_fold()); a stem of one
 * letter is the whole word («ж»). A value written so is not taken, as
 * any unknown one is not, but named in the hint: «полностью» → «full».
 */
static const struct {
	const char *value;
	const char *stems[6];
} glosses[] = {
	{ "none", { "нет", "ничего", "скры", "не публик", "не показ", NULL } },
	{ "initials", { "инициал", "фамилия и", NULL } },
	{ "full", { "полн", "фио", NULL } },
	{ "teacher", { "учител", "педагог", "сотрудник", "работник", "воспитател", NULL } },
	{ "student", { "ученик", "учениц", "обучающ", "учащ", "воспитанни", NULL } },
	{ "external", { "внешн", "партн", "работодател", "родител", NULL } },
	{ "female", { "жен", "ж", NULL } },
	{ "male", { "муж", "м", NULL } },
	{ "active", { "действ", "активн", "работает", "идет", NULL } },
	{ "finished", { "заверш", "окончен", "закончен", NULL } },
	{ "ended_early", { "досрочн", "прекращ", "прерван", NULL } },
	{ "planned", { "план", "запланир", "предстоит", NULL } },
	{ "done", { "выполн", "сделан", "проведен", "исполнен", NULL } },
	{ "moved", { "перенес", "перенос", "отлож", NULL } },
	{ "left", { "слев", "лев", NULL } },
	{ "right", { "справ", "прав", NULL } },
	{ "federal", { "федерал", NULL } },
	{ "regional", { "регион", "областн", "краев", NULL } },
	{ "municipal", { "муницип", "районн", "городск", NULL } },
	{ "school", { "школ", "локальн", NULL } },
	{ "teachers", { "педагог", "учител", NULL } },
	{ "students", { "обучающ", "учащ", "ученик", "дет", NULL } },
};

/* The value of values that the Russian word s stands for (glosses), or NULL. */
static const char *gloss_of(const char *s, const char *const *values)
{
	struct nv_buf w = NV_BUF_INIT;
	const char *found = NULL, *stem;
	size_t i, j, k, n;

	nv_utf8_fold(&w, s, strlen(s));
	for (i = 0; i < NV_ARRAY_SIZE(glosses) && !found && w.len; i++) {
		for (k = 0; values[k] && strcmp(values[k], glosses[i].value); k++)
			;
		for (j = 0; values[k] && !found && (stem = glosses[i].stems[j]); j++) {
			n = strlen(stem);
			/* one letter (two bytes) is a whole word */
			if (!strncmp(w.ptr, stem, n) && (n > 2 || w.len == n))
				found = values[k];
		}
	}
	nv_buf_release(&w);
	return found;
}

int nv_field_enum(struct nv_fields *f, const char *key, int req, const char *const *values,
		  int dflt)
{
	const char *s = nv_field_str(f, key, req, NULL);
	const char *near;
	struct nv_diag *diag;
	size_t n;
	char *all;
	int i;

	if (!s)
		return dflt;
	for (i = 0; values[i]; i++)
		if (!strcmp(values[i], s))
			return i;
	for (n = 0; values[n]; n++)
		;
	diag = nv_field_error(f, nv_map_get(f->map, key), "поле «%s»: неизвестное значение «%s»",
			      key, s);
	all = nv_join(values, ", ");
	near = nv_suggest(s, values, n);
	if (!near)
		near = gloss_of(s, values);
	if (near)
		nv_diag_hint(diag, "возможно, «%s»; допустимые значения: %s", near, all);
	else
		nv_diag_hint(diag, "допустимые значения: %s", all);
	free(all);
	return dflt;
}

bool nv_field_bool(struct nv_fields *f, const char *key, bool dflt)
{
	const struct nv_value *v = nv_field(f, key, NV_OPTIONAL, NULL);

	if (!v)
		return dflt;
	if (v->type != NV_BOOL) {
		nv_diag_hint(nv_field_error(f, v,
					    "поле «%s» должно быть true или false, а здесь «%s»",
					    key, v->str ? v->str : nv_type_name(v->type)),
			     "напишите «%s: true» (да) или «%s: false» (нет)", key, key);
		return dflt;
	}
	return v->boolean;
}

double nv_field_number(struct nv_fields *f, const char *key, double min, double max, double dflt)
{
	const struct nv_value *v = nv_field(f, key, NV_OPTIONAL, NULL);

	if (!v)
		return dflt;
	if (v->type != NV_NUMBER || v->number < min || v->number > max) {
		nv_field_error(f, v, "поле «%s» должно быть числом от %g до %g, а здесь «%s»", key,
			       min, max, v->str ? v->str : nv_type_name(v->type));
		return dflt;
	}
	return v->number;
}

const struct nv_value *nv_field_list(struct nv_fields *f, const char *key, int req,
				     const char *hint, bool scalar_ok)
{
	const struct nv_value *v = nv_field(f, key, req, hint);

	if (!v)
		return NULL;
	if (v->type == NV_LIST || (scalar_ok && nv_value_is_scalar(v)))
		return v;
	wrong_type(f, key, v, "списком", "список пишется как [a, b] или строками «- a» под ключом");
	return NULL;
}

const struct nv_value *nv_field_map(struct nv_fields *f, const char *key, int req, const char *hint)
{
	const struct nv_value *v = nv_field(f, key, req, hint);

	if (!v)
		return NULL;
	if (v->type == NV_MAP)
		return v;
	wrong_type(f, key, v, "набором полей",
		   "вложенные поля пишутся под ключом с отступом в два пробела");
	return NULL;
}

/* Edit distance over bytes, for short keys and ids. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	row = nv_xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *nv_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t i, d, best = SIZE_MAX, limit = strlen(word) / 3;
	const char *found = NULL;

	if (limit < 2)
		limit = 2;
	for (i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		d = distance(word, candidates[i]);
		if (d <= limit && d < best) {
			best = d;
			found = candidates[i];
		}
	}
	/* A shortened or differently ended word: «appendix» for «appendices». */
	for (i = 0; !found && i < n; i++) {
		size_t k = 0, shorter;
		if (!candidates[i])
			continue;
		while (word[k] && word[k] == candidates[i][k])
			k++;
		shorter =
			strlen(word) < strlen(candidates[i]) ? strlen(word) : strlen(candidates[i]);
		if (k >= 5 && k * 4 >= shorter * 3)
			found = candidates[i];
	}
	return found;
}

char *nv_join(const char *const *values, const char *sep)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; values[i]; i++) {
		if (i)
			nv_buf_adds(&b, sep);
		nv_buf_adds(&b, values[i]);
	}
	return nv_buf_detach(&b, NULL);
}

/* The schemes a link may have; compared without regard to case. */
static const char *const url_schemes[] = { "http", "https", "mailto", "tel", NULL };

const char *nv_url_problem(const char *url, size_t len, enum nv_url_kind kind)
{
	size_t i, slen;

	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] < 0x20 || url[i] == 0x7F)
			return "в адресе есть управляющий символ";
	if (!len)
		return "адрес пустой";
	if (url[0] == ' ' || url[len - 1] == ' ')
		return "адрес начинается или кончается пробелом";
	/* A scheme is whatever precedes the first ':' not after a '/', '?' or '#'. */
	slen = strcspn(url, ":/?#");
	if (slen < len && url[slen] == ':') {
		for (i = 0; url_schemes[i]; i++)
			if (strlen(url_schemes[i]) == slen &&
			    !strncasecmp(url, url_schemes[i], slen))
				break;
		if (!url_schemes[i])
			return "такой вид адреса не разрешён";
	}
	if (kind == NV_URL_ABSOLUTE) {
		bool web = slen < len && url[slen] == ':' && (slen == 4 || slen == 5) &&
			   !strncasecmp(url, "https", slen);
		if (!web)
			return "нужен полный адрес, начинающийся с http:// или https://";
		if (strncmp(url + slen, "://", 3) || !url[slen + 3] || url[slen + 3] == '/')
			return "после «http:» или «https:» должны идти «//» и имя сайта";
		if (memchr(url, ' ', len))
			return "в адресе есть пробел";
	}
	return NULL;
}

/* v's text for a message: control bytes shown as \xNN, so they cannot hide. */
static char *shown(const char *s, size_t len)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			nv_buf_addf(&b, "\\x%02X", (unsigned char)s[i]);
		else
			nv_buf_addch(&b, s[i]);
	return nv_buf_detach(&b, NULL);
}

const char *nv_field_url(struct nv_fields *f, const char *key, int req, const char *hint,
			 enum nv_url_kind kind)
{
	const char *s = nv_field_str(f, key, req, hint);
	const struct nv_value *v;
	const char *why;
	char *text;

	if (!s)
		return NULL;
	v = nv_map_get(f->map, key);
	why = nv_url_problem(s, v->len, kind);
	if (!why)
		return s;
	text = shown(s, v->len);
	nv_diag_hint(nv_field_error(f, v, "поле «%s»: адрес «%s» не подходит: %s", key, text, why),
		     "%s", kind == NV_URL_ABSOLUTE ? NV_URL_HINT_ABSOLUTE : NV_URL_HINT_LINK);
	free(text);
	return NULL;
}

/* True if the character at s[i] (of len bytes) is forbidden. */
static bool bad_at(const unsigned char *s, size_t len, size_t i)
{
	if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') || s[i] == 0x7F)
		return true;
	/* U+FFFE and U+FFFF are not characters: XML refuses them. */
	return s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] & 0xFE) == 0xBE;
}

#ifdef __SSE2__
/* A bit for each of the 16 bytes at p that may start a forbidden character. */
static unsigned suspects(const unsigned char *p)
{
	const __m128i bias = _mm_set1_epi8((char)0x80), lim = _mm_set1_epi8((char)(0x20 ^ 0x80));
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	/* a control other than tab and newline, DEL, or 0xEF (U+FFFE, U+FFFF) */
	__m128i x = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
						  _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
				     _mm_cmplt_epi8(_mm_xor_si128(v, bias), lim));

	x = _mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
					 _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
	return (unsigned)_mm_movemask_epi8(x);
}

/* The first forbidden character of a text, as its offset, or len when none. */
static size_t bad_char(const unsigned char *s, size_t len)
{
	unsigned char pad[16];
	size_t i;
	unsigned m;

	/*
	 * 16 bytes at a time; the last ones are the end of a block read again
	 * (its bytes seen already dropped), or in a short text padded with spaces.
	 */
	for (i = 0; i < len; i += 16) {
		if (i + 16 <= len) {
			m = suspects(s + i);
		} else if (len >= 16) {
			m = suspects(s + len - 16) >> (16 - (len - i));
		} else {
			memset(pad, ' ', sizeof(pad));
			memcpy(pad, s, len);
			m = suspects(pad);
		}
		for (; m; m &= m - 1)
			if (bad_at(s, len, i + (size_t)__builtin_ctz(m)))
				return i + (size_t)__builtin_ctz(m);
	}
	return len;
}
#else
/* True if one of the 8 bytes of w is below 0x20, 0x7F or 0xEF (a word at a time). */
static bool may_be_bad(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t del = w ^ (ones * 0x7F), ef = w ^ (ones * 0xEF);

	/* A byte b < n (n ≤ 128): (b - n) & ~b has its high bit; a zero byte: (x - 1) & ~x. */
	return (((w - ones * 0x20) & ~w) | ((del - ones) & ~del) | ((ef - ones) & ~ef)) & high;
}

/* The first forbidden character of a text, as its offset, or len when none. */
static size_t bad_char(const unsigned char *s, size_t len)
{
	size_t i = 0, k;
	uint64_t w;

	/* A word with none of the bytes that may start one is passed whole. */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if (!may_be_bad(w))
			continue;
		for (k = i; k < i + 8; k++)
			if (bad_at(s, len, k))
				return k;
	}
	for (; i < len; i++)
		if (bad_at(s, len, i))
			return i;
	return len;
}
#endif

/* nv_check_text() for v, the value of key (NULL at the top). */
static size_t check_text(const char *file, const struct nv_value *v, const char *key,
			 struct nv_diags *d)
{
	size_t i, n = 0, at;
	char code[24];

	if (!v)
		return 0;
	if (v->type == NV_LIST) {
		for (i = 0; i < v->nr; i++)
			n += check_text(file, v->items[i], key, d);
		return n;
	}
	if (v->type == NV_MAP) {
		for (i = 0; i < v->nr; i++)
			n += check_text(file, v->members[i].value, v->members[i].key, d);
		return n;
	}
	if (!v->str || (at = bad_char((const unsigned char *)v->str, v->len)) == v->len)
		return 0;
	if ((unsigned char)v->str[at] == 0xEF)
		snprintf(code, sizeof(code), "U+FFF%c", v->str[at + 2] == '\xBE' ? 'E' : 'F');
	else
		snprintf(code, sizeof(code), "\\x%02X", (unsigned char)v->str[at]);
	nv_diag_hint(nv_error(d, file, v->line, v->col, "%s%s%sнедопустимый символ %s",
			      key ? "поле «" : "", key ? key : "", key ? "»: " : "", code),
		     "%s", NV_TEXT_HINT);
	return 1;
}

size_t nv_check_text(const char *file, const struct nv_value *v, struct nv_diags *d)
{
	return check_text(file, v, NULL, d);
}

bool nv_schema_address_key(const char *key)
{
	return key && (!strcmp(key, "email") || !strcmp(key, "website") || !strcmp(key, "url") ||
		       !strcmp(key, "deploy"));
}
