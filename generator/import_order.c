/*
 * import_order.c: the order recogniser of `nastavnik import`.
 *
 * An order reads, top to bottom: the founder and the organisation, the
 * word ПРИКАЗ (often spaced out), the date and number with the place
 * (on one line with tabs, or in a borderless table), the title «О …»,
 * the preamble, ПРИКАЗЫВАЮ, numbered items («1.», «3.1.», «1)», «а)»),
 * the signature (position and name), then appendices with their stamps
 * and the acquaintance list. We walk it in that order.
 */
#include "common.h"

#include <regex.h>

#include "alloc.h"
#include "import.h"
#include "import_int.h"
#include "typo.h"
#include "utf8.h"

/* The item number at the start of s: depth (0 when none) and where the text starts. */
struct marker {
	int depth;   /* 1 for «1.», 2 for «3.1.», … */
	bool paren;  /* «1)» */
	bool letter; /* «а)» */
	size_t skip; /* bytes of the marker and the space after it */
};

static struct marker item_marker(const char *s)
{
	struct marker m = { 0, false, false, 0 };
	regex_t re;
	regmatch_t g[2];
	const char *p;

	if (!regcomp(&re, "^([0-9]{1,3}(\\.[0-9]{1,3})*)(\\.|\\))?[ \t]+", REG_EXTENDED)) {
		if (!regexec(&re, s, 2, g, 0) && (s[g[1].rm_eo] == '.' || s[g[1].rm_eo] == ')' ||
						  strchr(s, '.') < s + g[1].rm_eo)) {
			m.depth = 1;
			for (p = s; p < s + g[1].rm_eo; p++)
				m.depth += *p == '.';
			m.paren = s[g[1].rm_eo] == ')';
			m.skip = (size_t)g[0].rm_eo;
		}
		regfree(&re);
	}
	if (!m.depth && s[0] && s[1] && ((unsigned char)s[0] >= 0xD0 ? s[2] == ')' : s[1] == ')')) {
		m.letter = true;
		m.depth = 1;
		m.skip = ((unsigned char)s[0] >= 0xD0 ? 3 : 2);
		while (s[m.skip] == ' ' || s[m.skip] == '\t')
			m.skip++;
	}
	return m;
}

static bool is_prikaz(const char *t)
{
	return nv_imp_starts_word(t, "ПРИКАЗ") && !nv_imp_starts_word(t, "ПРИКАЗЫВАЮ") &&
	       (nv_imp_is_upper(t) || strlen(t) < 20);
}

/* Keep the header's value for site.yml's key k (the first one found). */
static void set_org(struct nv_imp_ctx *c, int k, const char *t, size_t len)
{
	while (len && t[len - 1] == ' ')
		len--;
	if (!c->r->org[k] && len)
		c->r->org[k] = nv_xmemdupz(t, len);
}

/*
 * The organisation's full name typed in capitals, as a sentence, the
 * name in quotes too: «МУНИЦИПАЛЬНОЕ … УЧРЕЖДЕНИЕ «СРЕДНЯЯ … ШКОЛА № 5»»
 * → «Муниципальное … учреждение «Средняя … школа № 5»».
 */
static void org_name_caps(struct nv_imp_ctx *c, const char *t)
{
	const char *q = strstr(t, "«");
	char *head = nv_xmemdupz(t, q ? (size_t)(q - t) : strlen(t)), *a = nv_imp_sentence(head),
	     *b = q ? nv_imp_sentence(q + strlen("«")) : NULL;
	char *name = nv_xasprintf("%s%s%s", a, b ? "«" : "", b ? b : "");

	set_org(c, NV_IMP_ORG_NAME, name, strlen(name));
	free(head);
	free(a);
	free(b);
	free(name);
}

/*
 * An organisation line of the header: the full name, a short name
 * («МАОУ «СОШ № 14»», its first word in capitals) or both, the short one
 * in brackets at the end.
 */
static void header_org(struct nv_imp_ctx *c, const char *t)
{
	const char *open = strrchr(t, '('), *sp = strchr(t, ' ');
	size_t len = strlen(t);
	char *word;

	if (open && len && t[len - 1] == ')' && open > t && (unsigned char)open[1] == 0xD0) {
		word = nv_xmemdupz(open + 1, strcspn(open + 1, " )"));
		if (nv_imp_is_upper(word)) {
			set_org(c, NV_IMP_ORG_NAME, t, (size_t)(open - t));
			set_org(c, NV_IMP_ORG_SHORT, open + 1, len - (size_t)(open - t) - 2);
			free(word);
			return;
		}
		free(word);
	}
	word = nv_xmemdupz(t, sp ? (size_t)(sp - t) : len);
	/* «МАОУ «СОШ № 14»»: an abbreviation first; «МУНИЦИПАЛЬНОЕ …» is the name in capitals. */
	if (nv_imp_is_upper(word) && strlen(word) > 2 && nv_utf8_count(word, strlen(word)) <= 7)
		set_org(c, NV_IMP_ORG_SHORT, t, len);
	else if (nv_imp_is_upper(t))
		org_name_caps(c, t);
	else
		set_org(c, NV_IMP_ORG_NAME, t, len);
	free(word);
}

/* Is t the founder's line: an управление, департамент, министерство, комитет, администрация? */
static bool is_founder(const char *t)
{
	static const char *const stems[] = { "правлени", "епартамент", "инистерств", "омитет",
					     "дминистрац" };

	return nv_imp_has_stem(t, stems, NV_ARRAY_SIZE(stems));
}

/* The header: founder and organisation lines before ПРИКАЗ. */
static size_t header(struct nv_imp_ctx *c)
{
	size_t i, k;

	for (k = 0; k < c->n && !is_prikaz(c->ln[k].text); k++)
		;
	if (k == c->n)
		return 0;
	for (i = 0; i < k; i++) {
		const char *t = c->ln[i].text;
		bool founder = is_founder(t);
		char *two = NULL, where[40];

		snprintf(where, sizeof(where), "абзац %d", c->ln[i].src);
		/* «… УЧРЕЖДЕНИЕ» / «СРЕДНЯЯ … ШКОЛА № 5»: the name on two lines. */
		if (!founder && i + 1 < k && !strstr(t, "«") &&
		    !strncmp(c->ln[i + 1].text, "«", strlen("«")) &&
		    !is_founder(c->ln[i + 1].text)) {
			c->ln[i].used = true;
			t = two = nv_xasprintf("%s %s", t, c->ln[++i].text);
			snprintf(where, sizeof(where), "абзацы %d–%d", c->ln[i - 1].src,
				 c->ln[i].src);
		}
		nv_imp_found(c, "%s: «%s» (%s)", founder ? "учредитель" : "организация", t, where);
		if (founder)
			set_org(c, NV_IMP_ORG_FOUNDER, t, strlen(t));
		else
			header_org(c, t);
		c->ln[i].used = true;
		free(two);
	}
	nv_imp_found(c, "ПРИКАЗ: абзац %d", c->ln[k].src);
	c->ln[k].used = true;
	return k + 1;
}

/* «г. Верхнеозёрск» in t: a settlement mark and a capital letter, up to a tab or the end. */
static char *find_place(const char *t)
{
	static const char *const marks[] = { "г. ", "с. ", "п. ", "пос. ", "д. ", "ст. ", NULL };
	const char *p, *e;
	size_t k;

	for (k = 0; marks[k]; k++)
		for (p = strstr(t, marks[k]); p; p = strstr(p + 1, marks[k])) {
			const unsigned char *n = (const unsigned char *)p + strlen(marks[k]);

			if (p > t && p[-1] != ' ' && p[-1] != '\t')
				continue;
			if (!nv_imp_cyr_capital(n))
				continue;
			for (e = (const char *)n; *e && *e != '\t'; e++)
				;
			return nv_xmemdupz(p, (size_t)(e - p));
		}
	return NULL;
}

/* Date, number and place from the lines after ПРИКАЗ; returns the next line. */
static size_t requisites(struct nv_imp_ctx *c, size_t i)
{
	char date[11] = "", *number = NULL, *place = NULL;
	size_t end = i + 4 < c->n ? i + 4 : c->n;

	for (; i < end && !(date[0] && number && place); i++) {
		const char *t = c->ln[i].text;
		bool any = false;

		if (!date[0] && nv_imp_find_date(t, date))
			any = true;
		if (!number && (number = nv_imp_find_number(t)))
			any = true;
		if (!place && (place = find_place(t)))
			any = true;
		if (!any)
			break;
		c->ln[i].used = true;
	}
	if (date[0]) {
		nv_imp_yaml(&c->fm, 0, "number", number ? number : "");
		nv_imp_yaml(&c->fm, 0, "date", date);
		nv_imp_found(c, "дата: %s", date);
		memcpy(c->r->date, date, sizeof(date));
		if (number)
			c->r->number = nv_xstrdup(number);
	} else {
		nv_imp_todo(c, "не найдена дата приказа: впишите date: ДД.ММ.ГГГГ");
	}
	if (number)
		nv_imp_found(c, "номер: %s", number);
	else
		nv_imp_todo(c,
			    "не найден номер приказа: впишите number (как в журнале регистрации)");
	if (place) {
		nv_imp_yaml(&c->fm, 0, "place", place);
		nv_imp_found(c, "место: %s", place);
	}
	free(number);
	free(place);
	return i;
}

static bool is_order_word(const char *t)
{
	return strstr(t, "ПРИКАЗЫВАЮ") || strstr(t, "П Р И К А З Ы В А Ю") ||
	       nv_imp_starts_word(t, "ПРИКАЗЫВАЮ") || nv_imp_starts_word(t, "ПОСТАНОВЛЯЮ");
}

/* The preamble up to ПРИКАЗЫВАЮ; returns the line after it. */
static size_t preamble(struct nv_imp_ctx *c, size_t i)
{
	struct nv_buf pre = NV_BUF_INIT;
	size_t start = i;

	for (; i < c->n && !is_order_word(c->ln[i].text); i++)
		if (item_marker(c->ln[i].text).depth)
			break;
	if (i == c->n || !is_order_word(c->ln[i].text)) {
		nv_imp_todo(c, "не найдено слово ПРИКАЗЫВАЮ: пункты приказа не выделены");
		i = start;
		goto out;
	}
	for (; start <= i; start++) {
		const char *t = c->ln[start].text, *w = strstr(t, "ПРИКАЗЫВАЮ");
		size_t len = w ? (size_t)(w - t) : strlen(t);

		if (start == i && !w)
			break;
		if (pre.len && len)
			nv_buf_addch(&pre, ' ');
		nv_buf_add(&pre, t, len);
		c->ln[start].used = true;
	}
	while (pre.len && strchr(" ,:\t", pre.ptr[pre.len - 1]))
		pre.ptr[--pre.len] = '\0';
	if (pre.len) {
		nv_imp_yaml(&c->fm, 0, "preamble", pre.ptr);
		nv_imp_found(c, "преамбула: %zu знаков", nv_utf8_count(pre.ptr, pre.len));
	}
	nv_imp_found(c, "ПРИКАЗЫВАЮ: абзац %d", c->ln[i].src);
	i++;
out:
	nv_buf_release(&pre);
	return i;
}

/* How many capital Russian letters followed by a dot s has («И. В. Соколова»: 2). */
static int initials(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	for (; p[0] && p[1]; p++)
		if (nv_imp_cyr_capital(p) && p[2] == '.')
			n++;
	return n;
}

/* The signature line: a position and a name. */
static bool is_signature(struct nv_imp_ctx *c, const char *t)
{
	static const char *const posts[] = { "Директор", "директор",  "Заведующ",    "И.о.",
					     "И. о.",	 "Исполняющ", "Руководител", NULL };
	size_t k;

	for (k = 0; posts[k]; k++)
		if (!strncmp(t, posts[k], strlen(posts[k])))
			return strlen(t) < 200 && (strchr(t, '\t') || nv_imp_person_in(c, t) ||
						   initials(t) >= 2 || strstr(t, "_"));
	return false;
}

struct items {
	int count[8];
	int indent[8];
	int depth;
	bool colon; /* the last item ended with «:» */
	int paren_depth, letter_depth;
	int nitems;
};

/*
 * A lettered sub-item «а) …» under an item: Markdown has no lettered
 * lists, so it stays as written, a line of the item above after a hard
 * line break («\\» at the end of the line before), at its text's column.
 */
static void letter_line(struct nv_imp_ctx *c, struct items *it, const char *t, struct marker m)
{
	size_t mark = m.skip;
	char num[16];

	while (mark && (t[mark - 1] == ' ' || t[mark - 1] == '\t'))
		mark--;
	if (c->body.len && c->body.ptr[c->body.len - 1] == '\n')
		c->body.len--;
	snprintf(num, sizeof(num), "%d. ", it->count[it->depth]);
	nv_buf_addf(&c->body, "\\\n%*s%.*s ", it->indent[it->depth] + (int)strlen(num), "",
		    (int)mark, t);
	nv_imp_md_text(&c->body, t + m.skip);
	nv_buf_addch(&c->body, '\n');
	it->colon = t[strlen(t) - 1] == ':';
	it->nitems++;
}

/* One item as a Markdown list item, nested by its depth. */
static void add_item(struct nv_imp_ctx *c, struct items *it, const char *t, struct marker m)
{
	int depth = m.depth, k;

	if (m.paren || m.letter) {
		int *d = m.paren ? &it->paren_depth : &it->letter_depth;

		if (!*d || it->colon)
			*d = it->colon ? it->depth + 1 : (it->depth ? it->depth : 1);
		depth = *d;
	}
	if (depth > it->depth + 1)
		depth = it->depth + 1;
	if (m.letter && depth >= 2) {
		letter_line(c, it, t, m);
		return;
	}
	if (depth > 7)
		depth = 7;
	if (depth <= 1)
		it->paren_depth = m.paren ? 1 : 0, it->letter_depth = m.letter ? 1 : 0;
	it->count[depth]++;
	for (k = depth + 1; k < 8; k++)
		it->count[k] = 0;
	it->indent[depth] =
		it->indent[depth - 1] + (depth > 1 ? (it->count[depth - 1] >= 10 ? 4 : 3) : 0);
	nv_buf_addf(&c->body, "%*s%d. ", it->indent[depth], "", it->count[depth]);
	nv_imp_md_text(&c->body, t + m.skip);
	nv_buf_addch(&c->body, '\n');
	it->depth = depth;
	it->colon = t[strlen(t) - 1] == ':';
	it->nitems++;
}

/* Does the acquaintance list start at t: «С приказом ознакомлены:», «Лист ознакомления»? */
static bool acquaint_at(const char *t)
{
	return nv_imp_starts_word(t, "Сприказомознакомлен") ||
	       nv_imp_starts_word(t, "Листознакомления");
}

static size_t items(struct nv_imp_ctx *c, size_t i)
{
	struct items it;

	memset(&it, 0, sizeof(it));
	for (; i < c->n; i++) {
		struct nv_imp_ln *l = &c->ln[i];
		struct marker m = item_marker(l->text);

		if (is_signature(c, l->text) || nv_imp_starts_word(l->text, "ПРИЛОЖЕНИЕ") ||
		    acquaint_at(l->text))
			break;
		if (l->t)
			continue;
		if (!m.depth && !it.nitems)
			continue;
		if (!m.depth) { /* a paragraph of the item above */
			nv_buf_addf(&c->body, "\n%*s", it.indent[it.depth] + 3, "");
			nv_imp_md_text(&c->body, l->text);
			nv_buf_addch(&c->body, '\n');
		} else {
			add_item(c, &it, l->text, m);
		}
		l->used = true;
	}
	if (it.nitems)
		nv_imp_found(c, "пункты: %d", it.nitems);
	else
		nv_imp_todo(c,
			    "не найдены нумерованные пункты приказа: приказ без пунктов — ошибка; "
			    "пронумеруйте пункты «1.», «2.»");
	return i;
}

/*
 * The signatory is not in people.yml: a new person from the signature
 * «Директор<TAB>А. Н. Петрова», appended to people.yml by the command;
 * the order names them as its signatory.
 */
static void new_signatory(struct nv_imp_ctx *c, const char *t)
{
	const char *id = nv_imp_new_person(c, t, NULL);

	if (id) {
		nv_imp_yaml(&c->fm, 0, "signatory", id);
		nv_imp_found(c, "подписавший не найден в people.yml: новый участник %s", id);
	} else {
		nv_imp_todo(c,
			    "подписавший («%s») не найден в people.yml: добавьте его и впишите "
			    "signatory (по умолчанию — директор)",
			    t);
	}
}

/*
 * A signature «И. о. директора<TAB>И. В. Соколова»: the position before
 * the tab or the underline goes to signatory_position, as the order is
 * signed for the director.
 */
static void acting_position(struct nv_imp_ctx *c, const char *t)
{
	size_t n = strcspn(t, "\t_");
	char *pos;

	if (!nv_imp_is_acting(t))
		return;
	while (n && t[n - 1] == ' ')
		n--;
	if (t[n] == '\0' || !n) {
		nv_imp_todo(c, "приказ подписал исполняющий обязанности: впишите "
			       "signatory_position — должность, как в подписи («И. о. директора»)");
		return;
	}
	pos = nv_xmemdupz(t, n);
	nv_imp_yaml(&c->fm, 0, "signatory_position", pos);
	nv_imp_found(c, "подписал исполняющий обязанности: «%s»", pos);
	free(pos);
}

/*
 * Is t a line of a stamp after its first: «к приказу директора», «МАОУ
 * «СОШ № 14»», «от 29.08.2025 № 118-од», «№ 118-од»? A line in lower
 * case, a number, a short line with a date, the organisation's name
 * (site.yml's short name, or a word of capitals ending in «ОУ»: МАОУ,
 * МБДОУ, ГБПОУ).
 */
static bool stamp_line(const struct nv_imp_ctx *c, const char *t)
{
	const char *sp = strchr(t, ' ');
	size_t n = strlen(t), w = sp ? (size_t)(sp - t) : n, k;
	char date[11];

	if (n > 120)
		return false;
	if (nv_imp_starts_lower(t) || !strncmp(t, "№", strlen("№")) ||
	    (n < 60 && nv_imp_find_date(t, date)))
		return true;
	if (c->o->org_short && *c->o->org_short &&
	    !strncmp(t, c->o->org_short, strlen(c->o->org_short)))
		return true;
	if (w < 6 || w > 14 || w % 2 || memcmp(t + w - 4, "ОУ", 4))
		return false;
	for (k = 0; k < w; k += 2)
		if (!nv_imp_cyr_capital((const unsigned char *)t + k))
			return false;
	return true;
}

/*
 * The stamp that starts at ln[i], or NULL: a paragraph «Приложение …» or
 * «УТВЕРЖДЕН…», or a table of it alone (in the right cell of a table of
 * two, its left one empty, as Word's users place it).
 */
static const char *stamp_at(const struct nv_imp_ctx *c, size_t i)
{
	const char *t = c->ln[i].text;

	if (c->ln[i].t) {
		t += strspn(t, "\t ");
		if (c->ln[i].t->n != 1 || strchr(t, '\t'))
			return NULL;
	}
	return nv_imp_starts_word(t, "ПРИЛОЖЕНИЕ") || nv_imp_starts_word(t, "УТВЕРЖДЕН") ? t : NULL;
}

/*
 * An appendix stamp at ln[*i] with its continuation lines, its text added
 * to st (the lines `use`d); moves *i to its last line.
 */
static void stamp(struct nv_imp_ctx *c, size_t *i, struct nv_buf *st, bool use)
{
	nv_buf_addf(st, "%s%s", st->len ? " " : "", stamp_at(c, *i));
	c->ln[*i].used |= use;
	while (*i + 1 < c->n && !c->ln[*i + 1].t && stamp_line(c, c->ln[*i + 1].text)) {
		nv_buf_addf(st, " %s", c->ln[++*i].text);
		c->ln[*i].used |= use;
	}
}

/*
 * Does the stamp of the order's next appendix start at ln[i]: a stamp
 * that names an order («к приказу от …», «приказом от …»)? Not an
 * appendix's own («Приложение 1 к Положению …», even «…, утверждённому
 * приказом от …»).
 */
static bool order_stamp_at(struct nv_imp_ctx *c, size_t i)
{
	static const char *const own[] = {
		"оложени", "рограмм", "орядк", "лан", "орожн", "егламент"
	};
	struct nv_buf st = NV_BUF_INIT;
	const char *to, *w;
	size_t k;
	bool yes;

	if (!stamp_at(c, i))
		return false;
	stamp(c, &i, &st, false);
	yes = nv_imp_has_stem(st.ptr, (const char *const[]){ "приказ" }, 1);
	/* «Приложение 1 к Положению …, утверждённому приказом …»: the document's own. */
	for (to = strstr(st.ptr, " к "); yes && to; to = strstr(to + 1, " к ")) {
		w = to + strlen(" к ");
		/* The word after «к» less its first letter, «…оложению»: the document's kind. */
		for (k = 0; k < NV_ARRAY_SIZE(own) && (unsigned char)*w >= 0xC0 && w[1]; k++)
			if (!strncmp(w + 2, own[k], strlen(own[k])))
				yes = false;
	}
	nv_buf_release(&st);
	return yes;
}

/*
 * The stamp at ln[*i] (see stamp()), which starts an appendix: one whose
 * text follows it (to the next appendix's stamp or the acquaintance
 * list) goes to r->apps, to be imported as a document of its own
 * (cmd_import.c); a stamp alone is reported.
 */
static void appendix(struct nv_imp_ctx *c, size_t *i, int number)
{
	struct nv_buf st = NV_BUF_INIT;
	struct nv_imp_app *a;
	const char *t;
	size_t at = *i, k;

	stamp(c, i, &st, true);
	/* «УТВЕРЖДЕНО приказом …» under «Приложение № 1 к приказу …»: one stamp. */
	while (*i + 1 < c->n && (t = stamp_at(c, *i + 1)) && nv_imp_starts_word(t, "УТВЕРЖДЕН")) {
		++*i;
		stamp(c, i, &st, true);
	}
	for (k = *i + 1; k < c->n && !order_stamp_at(c, k) && !acquaint_at(c->ln[k].text); k++)
		c->ln[k].used = true;
	if (k == *i + 1) {
		nv_imp_found(c,
			     "штамп приложения: «%s» (абзац %d); текст приложения импортируйте "
			     "отдельным документом и укажите его id в appendices",
			     st.ptr, c->ln[at].src);
	} else {
		NV_GROW(c->r->apps, c->r->napps + 1, c->r->alloc_apps);
		a = &c->r->apps[c->r->napps++];
		a->stamp_text = nv_buf_detach(&st, NULL);
		a->number = number;
		a->stamp = c->ln[at].blk;
		a->first = c->ln[*i + 1].blk;
		a->end = c->ln[k - 1].blk + 1;
		a->stamp_src = c->ln[at].src;
		a->src = c->ln[*i + 1].src;
		a->last_src = c->ln[k - 1].src;
		*i = k - 1;
	}
	nv_buf_release(&st);
}

/*
 * The order's appendices imported with it: `appendices`, each id (long
 * form when not for the site) once — two tables of pairs are one «pairs».
 */
static void appendices(struct nv_imp_ctx *c)
{
	size_t k, i;

	if (!c->o->nappendices)
		return;
	nv_buf_adds(&c->fm, "appendices: [");
	for (k = 0; k < c->o->nappendices; k++) {
		for (i = 0; i < k && strcmp(c->o->appendices[i], c->o->appendices[k]); i++)
			;
		if (i == k)
			nv_buf_addf(&c->fm,
				    c->o->appendix_web[k] ? "%s%s" : "%s{id: %s, web: false}",
				    k ? ", " : "", c->o->appendices[k]);
	}
	nv_buf_adds(&c->fm, "]\n");
}

/* t with each run of tabs and spaces (between a signature's position and name) one space. */
static char *spaced(const char *t)
{
	char *s = nv_xstrdup(t), *o = s;

	for (; *t; t++)
		if ((*t != ' ' && *t != '\t') || (o > s && o[-1] != ' '))
			*o++ = *t == '\t' ? ' ' : *t;
	while (o > s && o[-1] == ' ')
		o--;
	*o = '\0';
	return s;
}

/*
 * A line (or the cell of a table's row) t of the acquaintance list, at l:
 * its person p's id added to acq once; a name not in people.yml said.
 */
static void acquaint_line(struct nv_imp_ctx *c, struct nv_imp_ln *l, const char *t,
			  const struct nv_imp_person *p, size_t row, struct nv_strlist *acq)
{
	char where[48];

	if (p) {
		if (!nv_strlist_has(acq, p->id))
			nv_strlist_add(acq, p->id);
		l->used = true;
	} else if (initials(t) >= 2) {
		snprintf(where, sizeof(where), l->t ? "абзац %d, строка %zu таблицы" : "абзац %d",
			 l->src, row + 1);
		nv_strlist_addf(&c->r->unplaced,
				"%s: в листе ознакомления «%s» — этого человека нет в people.yml: "
				"добавьте его туда и его id в acquaint",
				where, t);
		l->used = true;
	}
}

/*
 * A line of the acquaintance list for a date to be written by hand, or
 * written: «"__" ________ 2025 г.», «01.09.2025».
 */
static bool acquaint_blank(const char *t)
{
	const unsigned char *p = (const unsigned char *)t;
	char date[11];

	if (strlen(t) < 40 && nv_imp_find_date(t, date))
		return true;
	if (!strstr(t, "__"))
		return false;
	/* Underscores, quotes, digits, spaces and «г.» only. */
	for (; *p; p++)
		if (*p == 0xD0 && p[1] == 0xB3)
			p++;
		else if (*p >= 0x80 ? *p != 0xC2 && *p != 0xAB && *p != 0xBB
				    : ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			return false;
	return true;
}

/* The acquaintance list typed as a table: in each row, the first cell that names someone. */
static void acquaint_table(struct nv_imp_ctx *c, struct nv_imp_ln *l, struct nv_strlist *acq)
{
	struct nv_buf b = NV_BUF_INIT;
	const struct nv_imp_person *p;
	size_t r, k;

	for (r = 0; r < l->t->n; r++)
		for (k = 0; k < l->t->rows[r].n; k++) {
			nv_buf_reset(&b);
			nv_imp_cell_text(&b, &l->t->rows[r].cells[k]);
			p = b.len ? nv_imp_person_in(c, b.ptr) : NULL;
			if (p || (b.len && initials(b.ptr) >= 2)) {
				acquaint_line(c, l, b.ptr, p, r, acq);
				break;
			}
		}
	l->used = true;
	nv_buf_release(&b);
}

/* The signature, the appendices and the acquaintance list. */
static void tail(struct nv_imp_ctx *c, size_t i)
{
	struct nv_strlist acq = NV_STRLIST_INIT;
	struct nv_buf ids = NV_BUF_INIT;
	size_t k;
	bool in_acq = false;
	int stamps = 0;

	for (; i < c->n; i++) {
		struct nv_imp_ln *l = &c->ln[i];
		const struct nv_imp_person *p = nv_imp_person_in(c, l->text);

		if (is_signature(c, l->text)) {
			char *sig = spaced(l->text);

			nv_imp_found(c, "подпись: «%s»%s%s", sig, p ? " → " : "", p ? p->id : "");
			free(sig);
			if (p)
				nv_imp_yaml(&c->fm, 0, "signatory", p->id);
			else
				new_signatory(c, l->text);
			acting_position(c, l->text);
			l->used = true;
			in_acq = false;
		} else if (stamp_at(c, i)) {
			appendix(c, &i, ++stamps);
			in_acq = false;
		} else if (acquaint_at(l->text)) {
			in_acq = true;
			l->used = true;
			if (p) /* «С приказом ознакомлена: ______ А. С. Лебедева» */
				acquaint_line(c, l, l->text, p, 0, &acq);
		} else if (in_acq && acquaint_blank(l->text)) {
			l->used = true;
		} else if (in_acq && l->t) {
			acquaint_table(c, l, &acq);
		} else if (in_acq) {
			acquaint_line(c, l, l->text, p, 0, &acq);
		}
	}
	appendices(c);
	for (k = 0; k < acq.nr; k++)
		nv_buf_addf(&ids, "%s%s", k ? ", " : "", acq.v[k]);
	if (acq.nr) {
		nv_buf_addf(&c->fm, "acquaint: [%s]\n", ids.ptr);
		nv_imp_found(c, "лист ознакомления: %s", ids.ptr);
	}
	nv_strlist_release(&acq);
	nv_buf_release(&ids);
}

void nv_imp_order(struct nv_imp_ctx *c)
{
	size_t i = header(c);
	char year[16];

	i = requisites(c, i);
	if (i < c->n && !c->ln[i].t) {
		c->title = nv_imp_title_at(c, &i);
		nv_imp_found(c, "заголовок: %s", c->title);
		if (nv_imp_find_year(c->title, year)) {
			nv_imp_yaml(&c->fm, 0, "academic_year", year);
			nv_imp_found(c, "учебный год: %s", year);
		}
		if (strncmp(c->title, "О ", strlen("О ")) &&
		    strncmp(c->title, "Об ", strlen("Об ")))
			nv_imp_todo(c, "заголовок приказа обычно начинается с «О» или «Об»");
	}
	i = preamble(c, i);
	c->text_from = i < c->n ? c->ln[i].src : INT_MAX;
	i = items(c, i);
	c->text_to = i < c->n ? c->ln[i].src : INT_MAX;
	tail(c, i);
}
