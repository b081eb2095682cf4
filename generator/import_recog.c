/*
 * import_recog.c: the recogniser of `nastavnik import` — from the
 * intermediate form to a document of content/.
 *
 * The document is seen as a list of lines (a paragraph with the number
 * its automatic numbering shows, or a whole table). The kind is told by
 * the words that open a document of that kind (ПРИКАЗ, ПОЛОЖЕНИЕ,
 * ДОРОЖНАЯ КАРТА, ПРОГРАММА) or a table whose header has «Срок» and
 * «Ответственный»; each kind's recogniser then takes the lines it can
 * place, and every line left is reported with its number in the source.
 * This file holds the driver and what the kinds share.
 */
#define _GNU_SOURCE /* memmem() */
#include "common.h"

#include <regex.h>

#include "alloc.h"
#include "date.h"
#include "import.h"
#include "import_int.h"
#include "markdown.h"
#include "typo.h"
#include "utf8.h"

const char *const nv_import_kinds[] = { "page",	 "position", "program", "roadmap",
					"order", "case",     "news",	NULL };

/*
 * The name of the file written: the address of the title, cut after the
 * last whole word that fits in NAME_MAX_CHARS (a title runs to 150
 * and more: a path that long is a burden in Windows and in a page's
 * address) and before the prepositions, conjunctions and the words of «на
 * 2025-2026 учебный год» the cut left at its end («…-nastavnichestva-v»,
 * «…-2025-2026-uchebnyy»), the academic year of the title kept
 * at its end when the cut took it away: the plans of two years stay two
 * files.
 */
#define NAME_MAX_CHARS 64

static bool ends_in_small_word(const char *name, const char *end)
{
	static const char *const small[] = { "a",   "i",    "ili", "v",	  "vo",	      "na",
					     "o",   "ob",   "po",  "s",	  "so",	      "k",
					     "ko",  "u",    "ot",  "do",  "za",	      "iz",
					     "pri", "dlya", "pod", "nad", "uchebnyy", "uchebnogo",
					     "god", "goda", "gg",  "g",	  NULL };
	const char *w = end;
	size_t i;

	while (w > name && w[-1] != '-')
		w--;
	for (i = 0; w > name && small[i]; i++)
		if ((size_t)(end - w) == strlen(small[i]) && !strncmp(w, small[i], end - w))
			return true;
	return false;
}

char *nv_imp_doc_name(const char *title)
{
	char *name = nv_slug(title), *cut, *ys, y[16];

	if (strlen(name) <= NAME_MAX_CHARS)
		return name;
	/* At the hyphen before the word that goes past; a single word is cut. */
	for (cut = name + NAME_MAX_CHARS; cut > name && *cut != '-'; cut--)
		;
	if (cut == name)
		cut = name + NAME_MAX_CHARS;
	while (ends_in_small_word(name, cut))
		for (cut--; cut > name && *cut != '-'; cut--)
			;
	*cut = '\0';
	if (nv_imp_find_year(title, y)) {
		ys = nv_slug(y);
		if (!strstr(name, ys)) {
			cut = nv_xasprintf("%s-%s", name, ys);
			free(name);
			name = cut;
		}
		free(ys);
	}
	return name;
}

void nv_imp_result_init(struct nv_imp_result *r)
{
	memset(r, 0, sizeof(*r));
	nv_buf_init(&r->text);
	nv_buf_init(&r->pairs);
}

void nv_imp_result_release(struct nv_imp_result *r)
{
	size_t i;

	free(r->id);
	nv_buf_release(&r->text);
	nv_strlist_release(&r->found);
	nv_strlist_release(&r->unplaced);
	nv_strlist_release(&r->todo);
	nv_strlist_release(&r->propose);
	for (i = 0; i < r->nnewp; i++) {
		free(r->newp[i].id);
		free(r->newp[i].surname);
		free(r->newp[i].name);
		free(r->newp[i].patronymic);
		free(r->newp[i].position);
		free(r->newp[i].class_name);
	}
	free(r->newp);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].name);
	free(r->files);
	for (i = 0; i < NV_IMP_ORG_KEYS; i++)
		free(r->org[i]);
	free(r->number);
	for (i = 0; i < r->napps; i++)
		free(r->apps[i].stamp_text);
	free(r->apps);
	nv_buf_release(&r->pairs);
	nv_imp_result_init(r);
}

void nv_imp_found(struct nv_imp_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = nv_xasprintf_v(fmt, ap);
	va_end(ap);
	nv_strlist_add(&c->r->found, s);
	free(s);
}

void nv_imp_todo(struct nv_imp_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = nv_xasprintf_v(fmt, ap);
	va_end(ap);
	nv_strlist_add(&c->r->todo, s);
	free(s);
}

/* Trim ASCII and no-break spaces, and collapse runs of spaces (not tabs). */
static char *clean(const char *number, const char *s)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *p;

	if (number) {
		nv_buf_adds(&b, number);
		nv_buf_addch(&b, ' ');
	}
	for (p = s; *p; p++) {
		bool nbsp = (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0;
		char ch = nbsp ? ' ' : *p;

		if (nbsp)
			p++;
		if (ch == ' ' && (!b.len || b.ptr[b.len - 1] == ' ' || b.ptr[b.len - 1] == '\t'))
			continue;
		if (ch == '\t' && b.len && b.ptr[b.len - 1] == ' ')
			b.len--;
		nv_buf_addch(&b, ch);
	}
	while (b.len && (b.ptr[b.len - 1] == ' ' || b.ptr[b.len - 1] == '\t'))
		b.ptr[--b.len] = '\0';
	return nv_buf_detach(&b, NULL);
}

static void make_lines(struct nv_imp_ctx *c)
{
	size_t i, j, k;

	c->ln = nv_xcalloc(c->doc->n ? c->doc->n : 1, sizeof(*c->ln));
	for (i = 0; i < c->doc->n; i++) {
		const struct nv_imp_block *b = &c->doc->v[i];
		struct nv_imp_ln *l = &c->ln[c->n];

		l->blk = i;
		if (b->table) {
			struct nv_buf t = NV_BUF_INIT;

			for (j = 0; j < b->table->n; j++)
				for (k = 0; k < b->table->rows[j].n; k++) {
					if (t.len)
						nv_buf_addch(&t, '\t');
					nv_imp_cell_text(&t, &b->table->rows[j].cells[k]);
				}
			l->text = clean(NULL, t.ptr);
			l->t = b->table;
			l->src = b->table->src;
			nv_buf_release(&t);
		} else {
			l->text = clean(b->para.number, b->para.text);
			l->md = b->para.md ? clean(b->para.number, b->para.md) : NULL;
			l->p = &b->para;
			l->src = b->para.src;
		}
		/* Empty paragraphs only space the page: they are no lines. */
		if (!l->text[0] && !l->t) {
			free(l->text);
			free(l->md);
			l->md = NULL;
			continue;
		}
		c->n++;
	}
}

/* «18» октября 2022 г., 5 мая 2025 года: a date with the month in words. */
static const char *find_long_date(const char *s, char out[11])
{
	regex_t re;
	regmatch_t m[4];
	const char *at = NULL;
	struct nv_date d;
	char *text;

	if (regcomp(&re, "(«?)([0-9]{1,2})»? *([^ 0-9.,;:()]+) +[0-9]{4}", REG_EXTENDED))
		return NULL;
	if (!regexec(&re, s, 4, m, 0)) {
		text = nv_xasprintf("%.*s %.*s %.4s", (int)(m[2].rm_eo - m[2].rm_so),
				    s + m[2].rm_so, (int)(m[3].rm_eo - m[3].rm_so), s + m[3].rm_so,
				    s + m[0].rm_eo - 4);
		if (!nv_date_parse_mem(text, strlen(text), &d, NULL)) {
			snprintf(out, 11, "%02u.%02u.%04u", (unsigned)d.day % 100u,
				 (unsigned)d.month % 100u, (unsigned)d.year % 10000u);
			at = s + m[0].rm_so;
		}
		free(text);
	}
	regfree(&re);
	return at;
}

const char *nv_imp_find_date(const char *s, char out[11])
{
	regex_t re;
	regmatch_t m[4];
	const char *at = NULL;

	if (regcomp(&re, "(^|[^0-9])([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{4})", REG_EXTENDED))
		return NULL;
	if (!regexec(&re, s, 4, m, 0)) {
		int d = atoi(s + m[2].rm_so), mo = atoi(s + m[3].rm_so),
		    y = atoi(s + m[3].rm_eo + 1);

		snprintf(out, 11, "%02u.%02u.%04u", (unsigned)d % 100u, (unsigned)mo % 100u,
			 (unsigned)y % 10000u);
		at = s + m[2].rm_so;
	}
	regfree(&re);
	return at ? at : find_long_date(s, out);
}

/*
 * After a Latin «N», «No», «Nº» that a scan's recognition made of «№»:
 * where the number starts, a digit after a space or a dot; NULL when p
 * is not such a sign («N» starting a word of its own).
 */
static const char *latin_sign(const char *s, const char *p)
{
	if (p > s && p[-1] != ' ' && p[-1] != '(')
		return NULL;
	p++;
	if (*p == 'o')
		p++;
	else if (!strncmp(p, "º", strlen("º")))
		p += strlen("º");
	if (*p != ' ' && *p != '.')
		return NULL;
	p += strspn(p, " .");
	return *p >= '0' && *p <= '9' ? p : NULL;
}

char *nv_imp_find_number(const char *s)
{
	const char *p = strstr(s, "№"), *q;
	size_t n = 0;

	if (p)
		p += strlen("№");
	for (q = s; !p && (q = strchr(q, 'N')) != NULL; q++)
		p = latin_sign(s, q);
	if (!p)
		return NULL;
	while (*p == ' ' || (unsigned char)*p == 0xC2) /* spaces, also no-break ones */
		p += (*p == ' ') ? 1 : 2;
	while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != ',' && p[n] != ')' && p[n] != ';')
		n++;
	while (n && p[n - 1] == '.')
		n--;
	return n ? nv_xmemdupz(p, n) : NULL;
}

bool nv_imp_find_year(const char *s, char out[16])
{
	regex_t re;
	regmatch_t m[3];
	bool ok = false;

	if (regcomp(&re, "(20[0-9]{2}) ?(-|–|—|/) ?(20[0-9]{2})", REG_EXTENDED))
		return false;
	if (!regexec(&re, s, 3, m, 0)) {
		int a = atoi(s + m[1].rm_so), b = atoi(s + m[2].rm_eo + (s[m[2].rm_eo] == ' '));

		if (b == a + 1) {
			snprintf(out, 16, "%u–%u", (unsigned)a % 10000u, (unsigned)b % 10000u);
			ok = true;
		}
	}
	regfree(&re);
	return ok;
}

bool nv_imp_starts_word(const char *s, const char *w)
{
	struct nv_buf low = NV_BUF_INIT, want = NV_BUF_INIT, squeezed = NV_BUF_INIT;
	const char *p;
	bool ok;

	for (p = s; *p; p++)
		if (*p != ' ' && *p != '\t')
			nv_buf_addch(&squeezed, *p);
	nv_imp_lower(&low, squeezed.ptr, squeezed.len);
	nv_imp_lower(&want, w, strlen(w));
	ok = !strncmp(low.ptr, want.ptr, want.len);
	nv_buf_release(&low);
	nv_buf_release(&want);
	nv_buf_release(&squeezed);
	return ok;
}

/*
 * The abbreviations of school documents with one vowel, which read like
 * words to the rule of is_abbrev() («МО», «ШМО», «СОШ», «УВР»), none of
 * them a word of a title.
 */
static const char *const abbrevs[] = { "МО",  "ШМО", "РМО", "ГМО", "ММО", "ПМО",  "СОШ", "НОШ",
				       "УВР", "ИКТ", "ОГЭ", "ЕГЭ", "ОВЗ", "ФГОС", "ЦДО" };

/*
 * Is the upper-case word an abbreviation (МАОУ, СОШ, РФ, ИКТ, ШМО) that a
 * title keeps, rather than a word (ВИДЫ, ЦЕЛЬ, ЭТАП, О) it lower-cases?
 * Short words without a vowel or with two vowels in a row (the first
 * word of a title only in МАОУ, МБДОУ), those of abbrevs[], and any word
 * inside quotes or with a digit.
 */
static bool is_abbrev(const char *w, size_t len, bool first)
{
	static const char vowels[] = "АЕЁИОУЫЭЮЯ";
	uint32_t cp, prev = 0;
	size_t i = 0, k, letters = 0, nv = 0;
	bool pair = false, is_v, prev_v = false;

	if (!strncmp(w, "«", strlen("«")) ||
	    (strpbrk(w, "0123456789") && strpbrk(w, "0123456789") < w + len))
		return true;
	for (i = 0; i < NV_ARRAY_SIZE(abbrevs); i++)
		if (len == strlen(abbrevs[i]) && !memcmp(w, abbrevs[i], len))
			return true;
	i = 0;
	while (i < len && (k = nv_utf8_decode(w + i, len - i, &cp))) {
		char one[4] = { 0 };

		memcpy(one, w + i, k < 4 ? k : 3);
		i += k;
		if (cp < 0x400 || cp > 0x44F)
			continue;
		letters++;
		is_v = strstr(vowels, one) != NULL;
		nv += is_v;
		pair |= is_v && prev_v && prev;
		prev_v = is_v;
		prev = cp;
	}
	/* A title's first word (ОБЩИЕ, АУДИТ) by its vowels only when it names a school (МБОУ). */
	if (first && pair)
		pair = len > 4 && !memcmp(w + len - 4, "ОУ", 4);
	return letters >= 2 && letters <= 5 && (!nv || pair);
}

char *nv_imp_sentence(const char *s)
{
	struct nv_buf out = NV_BUF_INIT, word = NV_BUF_INIT;
	const char *p = s, *e;
	bool all = nv_imp_is_upper(s), leading = true, quoted = false;

	/*
	 * A whole upper-case line, or the upper-case words that open a mixed one
	 * («ПОЛОЖЕНИЕ о …»); a name in quotes («НАСТАВНИК ГОДА») as it is.
	 */
	while (*p) {
		for (e = p; *e && *e != ' '; e++)
			;
		nv_buf_reset(&word);
		nv_buf_add(&word, p, (size_t)(e - p));
		leading = leading && nv_imp_is_upper(word.ptr);
		quoted = quoted || !strncmp(p, "«", strlen("«"));
		if ((all || leading) && !quoted && !is_abbrev(p, (size_t)(e - p), p == s))
			nv_imp_lower(&out, p, (size_t)(e - p));
		else
			nv_buf_add(&out, p, (size_t)(e - p));
		quoted = quoted && !nv_mem_find(word.ptr, word.len, "»", strlen("»"));
		for (p = e; *p == ' '; p++)
			nv_buf_addch(&out, ' ');
	}
	nv_buf_release(&word);
	e = nv_buf_detach(&out, NULL);
	p = nv_utf8_capitalize(e);
	free((char *)e);
	return (char *)p;
}

/* True if s starts lower-case or with «. */
static bool continues(const char *s)
{
	char *cap = nv_utf8_capitalize(s);
	bool r = strcmp(cap, s) != 0 || !strncmp(s, "«", strlen("«"));

	free(cap);
	return r;
}

char *nv_imp_title_at(struct nv_imp_ctx *c, size_t *i)
{
	struct nv_buf t = NV_BUF_INIT;
	char *s;

	if (*i >= c->n || c->ln[*i].t)
		return NULL;
	s = nv_imp_sentence(c->ln[*i].text);
	nv_buf_adds(&t, s);
	free(s);
	c->ln[(*i)++].used = true;
	/* Continue with lines that start lower-case or with «: a wrapped title. */
	while (*i < c->n && !c->ln[*i].t && continues(c->ln[*i].text)) {
		nv_buf_addch(&t, ' ');
		nv_buf_adds(&t, c->ln[*i].text);
		c->ln[(*i)++].used = true;
	}
	while (t.len && (t.ptr[t.len - 1] == '.' || t.ptr[t.len - 1] == ' '))
		t.ptr[--t.len] = '\0';
	return nv_buf_detach(&t, NULL);
}

const struct nv_imp_person *nv_imp_person_in(const struct nv_imp_ctx *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->o->npeople; i++) {
		const struct nv_imp_person *p = &c->o->people[i];
		char ini[16];
		const char *at;

		if (!p->surname || !p->name || !(at = strstr(s, p->surname)))
			continue;
		/* The initial of the first name must be there too: «И. В. Соколова». */
		snprintf(ini, sizeof(ini), "%.*s.", (unsigned char)p->name[0] < 0x80 ? 1 : 2,
			 p->name);
		if (strstr(s, ini))
			return p;
	}
	return NULL;
}

/* Does the YAML plain scalar s need quotes? */
static bool needs_quotes(const char *s)
{
	if (!*s || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) || strstr(s, ": ") || strstr(s, " #") ||
	    s[strlen(s) - 1] == ':' || s[strlen(s) - 1] == ' ' || strchr(s, '\t') ||
	    strchr(s, '\n'))
		return true;
	/* «05» would be read as the number 5. */
	if (s[0] == '0' && s[1] && strspn(s, "0123456789") == strlen(s))
		return true;
	if (!strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "null") || !strcmp(s, "~") ||
	    !strcmp(s, "yes") || !strcmp(s, "no"))
		return true;
	return false;
}

/* value as a YAML scalar on one line, quoted only when it must be. */
static void yaml_scalar(struct nv_buf *out, const char *value)
{
	const char *p;

	if (!needs_quotes(value)) {
		nv_buf_adds(out, value);
		return;
	}
	nv_buf_addch(out, '"');
	for (p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			nv_buf_addch(out, '\\');
		if (*p == '\t')
			nv_buf_adds(out, "\\t");
		else if (*p == '\n')
			nv_buf_adds(out, "\\n");
		else
			nv_buf_addch(out, *p);
	}
	nv_buf_addch(out, '"');
}

void nv_imp_yaml(struct nv_buf *out, int indent, const char *key, const char *value)
{
	nv_buf_addf(out, "%*s%s: ", indent, "", key);
	yaml_scalar(out, value);
	nv_buf_addch(out, '\n');
}

void nv_imp_yaml_item(struct nv_buf *out, int indent, const char *value)
{
	nv_buf_addf(out, "%*s- ", indent, "");
	yaml_scalar(out, value);
	nv_buf_addch(out, '\n');
}

void nv_imp_md_text(struct nv_buf *out, const char *s)
{
	const char *p;

	nv_imp_md_block(out, s);
	for (p = s; *p; p++) {
		if (strchr("\\*_`<[]", *p))
			nv_buf_addch(out, '\\');
		nv_buf_addch(out, *p == '\t' ? ' ' : *p);
	}
}

void nv_imp_md_block(struct nv_buf *out, const char *s)
{
	/* A line that Markdown would read as a block marker. */
	if (strchr("#>+*-=", s[0]) && s[0] && (s[1] == ' ' || s[0] == '#' || s[0] == '='))
		nv_buf_addch(out, '\\');
}

static size_t prefix(const char *s, size_t n);

const char *nv_imp_clause_names(const char *t, const char *word)
{
	const char *s = strstr(t, "Настоящ");

	if (!s || !(s = strchr(s, ' ')) || !nv_imp_starts_word(++s, word))
		return NULL;
	return s;
}

/* The kinds in Russian, in the order of nv_import_kinds. */
static const char *const kinds_ru[] = { "страница", "положение", "программа", "дорожная карта",
					"приказ",   "кейс",	 "новость" };

/* Find the kind and say why. */
static const char *detect(struct nv_imp_ctx *c)
{
	size_t i, lim = c->n < 40 ? c->n : 40;

	if (c->o->kind) {
		for (i = 0; nv_import_kinds[i] && strcmp(nv_import_kinds[i], c->o->kind); i++)
			;
		nv_imp_found(c, "вид: %s — задан параметром --kind",
			     nv_import_kinds[i] ? kinds_ru[i] : c->o->kind);
		return c->o->kind;
	}
	for (i = 0; i < lim; i++) {
		const char *t = c->ln[i].text;

		if (c->ln[i].t)
			continue;
		if (nv_imp_starts_word(t, "ПРИКАЗ") && !nv_imp_starts_word(t, "ПРИКАЗЫВАЮ") &&
		    (nv_imp_is_upper(t) || strlen(t) < 20)) {
			nv_imp_found(c, "вид: приказ — абзац %d «%s»", c->ln[i].src, t);
			return "order";
		}
		if (nv_imp_starts_word(t, "ПОЛОЖЕНИЕ")) {
			nv_imp_found(c, "вид: положение — абзац %d «%s»", c->ln[i].src, t);
			return "position";
		}
		if (nv_imp_starts_word(t, "ДОРОЖНАЯКАРТА") ||
		    nv_imp_starts_word(t, "ПЛАНМЕРОПРИЯТИЙ")) {
			nv_imp_found(c, "вид: дорожная карта — абзац %d «%s»", c->ln[i].src, t);
			return "roadmap";
		}
		if (nv_imp_starts_word(t, "ПРОГРАММА")) {
			nv_imp_found(c, "вид: программа — абзац %d «%s»", c->ln[i].src, t);
			return "program";
		}
	}
	/* No title line: the clause naming the document («Настоящее Положение …»). */
	for (i = 0; i < lim && i < 12; i++) {
		if (c->ln[i].t)
			continue;
		if (nv_imp_clause_names(c->ln[i].text, "ПОЛОЖЕНИЕ")) {
			nv_imp_found(c, "вид: положение — абзац %d «%.*s…»", c->ln[i].src,
				     (int)prefix(c->ln[i].text, 40), c->ln[i].text);
			return "position";
		}
		if (nv_imp_clause_names(c->ln[i].text, "ПРОГРАММА")) {
			nv_imp_found(c, "вид: программа — абзац %d «%.*s…»", c->ln[i].src,
				     (int)prefix(c->ln[i].text, 40), c->ln[i].text);
			return "program";
		}
	}
	if (c->o->appendix)
		nv_imp_found(c, "вид: страница — нет слов ПОЛОЖЕНИЕ, ДОРОЖНАЯ КАРТА, ПРОГРАММА");
	else
		nv_imp_found(c, "вид: страница — нет слов ПРИКАЗ, ПОЛОЖЕНИЕ, ДОРОЖНАЯ КАРТА, "
				"ПРОГРАММА (другой вид задайте параметром --kind)");
	return "page";
}

/* The bytes of the first n characters of s. */
static size_t prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (s[i] && n--) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static void report_unplaced(struct nv_imp_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const char *t = c->ln[i].text;
		char *s;

		if (c->ln[i].used || !t[0])
			continue;
		s = nv_xasprintf("абзац %d: «%.*s%s» — не распознан; перенесите его в документ "
				 "вручную или удалите",
				 c->ln[i].src, (int)prefix(t, 60), t, t[prefix(t, 60)] ? "…" : "");
		nv_strlist_add(&c->r->unplaced, s);
		free(s);
	}
}

/* The paragraphs nv_md_misread(), in a document mostly in Russian: kept, and said. */
static void report_misread(struct nv_imp_ctx *c)
{
	size_t i, n = 0, first = 0;

	for (i = 0; i < c->n; i++)
		if (!c->ln[i].t && nv_md_misread(c->ln[i].text, strlen(c->ln[i].text)) && !n++)
			first = i;
	if (n)
		nv_imp_todo(c,
			    "абзацев латиницей вместо русского текста: %zu, первый — абзац %d: "
			    "«%.*s…»; похоже на скан, распознанный не на том языке: сверьте с "
			    "оригиналом, наберите их заново или удалите",
			    n, c->ln[first].src, (int)prefix(c->ln[first].text, 40),
			    c->ln[first].text);
}

int nv_import_recognise(const struct nv_imp_doc *doc, const struct nv_imp_opts *o,
			struct nv_imp_result *r)
{
	struct nv_imp_ctx c;
	size_t i;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.o = o;
	c.r = r;
	c.text_to = INT_MAX;
	nv_buf_init(&c.fm);
	nv_buf_init(&c.body);
	make_lines(&c);
	r->kind = detect(&c);
	if (!strcmp(r->kind, "order"))
		nv_imp_order(&c);
	else if (!strcmp(r->kind, "position"))
		nv_imp_position(&c);
	else if (!strcmp(r->kind, "roadmap"))
		nv_imp_roadmap(&c);
	else
		nv_imp_generic(&c, r->kind);
	for (i = 0; nv_import_kinds[i]; i++)
		if (!strcmp(nv_import_kinds[i], r->kind))
			r->kind = nv_import_kinds[i];
	if (c.title && c.title[0])
		r->id = nv_imp_doc_name(c.title);
	nv_imp_pictures_finish(&c);
	report_unplaced(&c);
	report_misread(&c);
	if (r->id) {
		nv_buf_adds(&r->text, "---\n");
		nv_imp_yaml(&r->text, 0, "title", c.title);
		nv_buf_addslice(&r->text, nv_slice_make(c.fm.ptr, c.fm.len));
		nv_buf_adds(&r->text, "---\n");
		nv_buf_addslice(&r->text, nv_slice_make(c.body.ptr, c.body.len));
		rc = 0;
	} else {
		nv_imp_todo(&c, "не найден заголовок документа: документ не записан");
	}
	for (i = 0; i < c.n; i++) {
		free(c.ln[i].text);
		free(c.ln[i].md);
	}
	free(c.ln);
	free(c.title);
	nv_buf_release(&c.fm);
	nv_buf_release(&c.body);
	return rc;
}
