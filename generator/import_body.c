/*
 * import_body.c: the recognisers of `nastavnik import` for положения,
 * roadmaps and the kinds that are a title and a body (program, case,
 * news, page), with what they share: approval blocks (ПРИНЯТО,
 * СОГЛАСОВАНО, УТВЕРЖДЕНО — also side by side in a table) and the body
 * as Markdown (sections «1. ОБЩИЕ ПОЛОЖЕНИЯ», clauses 1.1., lists,
 * tables).
 */
#include "common.h"

#include <regex.h>

#include "alloc.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

struct approval {
	const char *label;
	struct nv_buf body;
	char date[11], *number, *person;
	bool order; /* «УТВЕРЖДЕНО приказом …»: derived from the order */
	bool ref;   /* a protocol or an order was named: a date and № may follow */
};

/* «1. текст», «2) текст»: an item of a numbered list (not a clause 1.1.). */
static bool numbered(const char *t)
{
	size_t k = strspn(t, "0123456789");

	return k > 0 && k <= 3 && (t[k] == '.' || t[k] == ')') &&
	       (t[k + 1] == ' ' || t[k + 1] == '\t');
}

static const char *label_of(const char *t)
{
	if (nv_imp_starts_word(t, "ПРИНЯТО") || nv_imp_starts_word(t, "ПРИНЯТ"))
		return "ПРИНЯТО";
	if (nv_imp_starts_word(t, "СОГЛАСОВАНО"))
		return "СОГЛАСОВАНО";
	if (nv_imp_starts_word(t, "СУЧЁТОММНЕНИЯ") || nv_imp_starts_word(t, "СУЧЕТОММНЕНИЯ"))
		return "С УЧЁТОМ МНЕНИЯ";
	if (nv_imp_starts_word(t, "УТВЕРЖДАЮ"))
		return "УТВЕРЖДАЮ";
	if (nv_imp_starts_word(t, "УТВЕРЖДЕН"))
		return "УТВЕРЖДЕНО";
	return NULL;
}

/*
 * The approver of a block УТВЕРЖДАЮ is not in people.yml: a new person
 * from «Директор МАОУ «СОШ № 14» ______ И. В. Соколова», appended to
 * people.yml by the command. Returns true if the block names someone.
 */
static bool new_approver(struct nv_imp_ctx *c, struct approval *a)
{
	const char *id = a->body.len ? nv_imp_new_person(c, a->body.ptr, NULL) : NULL;

	if (!id)
		return false;
	a->person = nv_xstrdup(id);
	nv_imp_found(c, "утверждающий не найден в people.yml: новый участник %s", id);
	return true;
}

/*
 * A block УТВЕРЖДАЮ signed by one acting for the head («И. о. директора
 * МБОУ «ООШ № 2»»): its position, the words before the organisation's
 * abbreviation or quote, as the block's `position`.
 */
static void acting_approver(struct nv_imp_ctx *c, const struct approval *a)
{
	const char *t = a->body.ptr, *w, *end;
	char *word;
	bool org = false;

	if (!t || !nv_imp_is_acting(t))
		return;
	/* from the second word on: «МБОУ» or «ООШ…» ends the position */
	for (end = w = strchr(t, ' '); w && !org; w = strchr(w + 1, ' ')) {
		end = w;
		word = nv_xmemdupz(w + 1, strcspn(w + 1, " "));
		org = !strncmp(word, "«", strlen("«")) ||
		      (strlen(word) >= 4 && nv_imp_is_upper(word));
		free(word);
	}
	if (!org)
		end = t + strlen(t);
	word = nv_xmemdupz(t, (size_t)(end - t));
	nv_imp_yaml(&c->fm, 4, "position", word);
	free(word);
}

const struct nv_imp_order *nv_import_find_order(const struct nv_imp_opts *o, const char *number,
						const char *date)
{
	struct nv_buf want = NV_BUF_INIT, have = NV_BUF_INIT;
	const struct nv_imp_order *found = NULL;
	size_t i;

	if (!number || !date[0])
		return NULL;
	nv_utf8_fold(&want, number, strlen(number));
	for (i = 0; i < o->norders && !found; i++) {
		nv_buf_reset(&have);
		nv_utf8_fold(&have, o->orders[i].number, strlen(o->orders[i].number));
		if (!strcmp(want.ptr, have.ptr) && !strcmp(date, o->orders[i].date))
			found = &o->orders[i];
	}
	nv_buf_release(&want);
	nv_buf_release(&have);
	return found;
}

char *nv_imp_order_cited(const char *s, char date[11])
{
	const char *on = nv_imp_find_date(s, date);
	char *number, *between;

	if (!on)
		return NULL;
	/* The date has no «№»: the first number from its start is after it. */
	if ((number = nv_imp_find_number(on)))
		return number;
	between = nv_xmemdupz(s, (size_t)(on - s));
	number = nv_imp_find_number(between);
	free(between);
	return number;
}

/*
 * The stamp «Приложение № 1 к приказу от … № …» at the top of a document
 * saved from its order's file: the order of the project it names, whose
 * appendices should list the document, or none.
 */
static void appendix_stamp(struct nv_imp_ctx *c, const struct nv_imp_ln *l)
{
	/* The order's number and date follow «приказу»; «№ 1» before them is the appendix's. */
	const char *of = strstr(l->text, "приказ") ? strstr(l->text, "приказ") : l->text;
	char date[11] = "", *number = nv_imp_order_cited(of, date);
	const struct nv_imp_order *o = number ? nv_import_find_order(c->o, number, date) : NULL;

	nv_imp_found(c, "штамп: «%s» (абзац %d) — приложение к приказу выводится из его appendices",
		     l->text, l->src);
	if (o && o->path)
		nv_imp_todo(c, "добавьте id документа в appendices приказа %s", o->path);
	else if (number && date[0] && !c->o->appendix)
		nv_imp_todo(c,
			    "приказа от %s № %s в проекте нет: импортируйте и его, и добавьте id "
			    "документа в его appendices",
			    date, number);
	free(number);
}

/*
 * A block's body: «Педагогическим советом» → «педагогическим советом»
 * for «ПРИНЯТО …»; a council's own name («Совета родителей») as written.
 */
static void block_body(struct nv_imp_ctx *c, const char *t)
{
	char *lower = nv_xstrdup(t);

	if ((unsigned char)lower[0] == 0xD0 && (unsigned char)lower[1] >= 0x90 &&
	    (unsigned char)lower[1] <= 0xAF && !nv_imp_is_upper(lower) &&
	    strncmp(lower, "Совет", strlen("Совет"))) {
		struct nv_buf l = NV_BUF_INIT;

		nv_imp_lower(&l, lower, 2);
		memcpy(lower, l.ptr, 2);
		nv_buf_release(&l);
	}
	nv_imp_yaml(&c->fm, 4, "body", lower);
	free(lower);
}

/* Write one block, or report the one derived from an order. */
static void flush(struct nv_imp_ctx *c, struct approval *a, bool *any)
{
	const struct nv_imp_order *o = NULL;
	struct nv_buf *b = &a->body;

	if (!a->label)
		return;
	while (b->len && strchr(" ,;.", b->ptr[b->len - 1]))
		b->ptr[--b->len] = '\0';
	if (a->order)
		o = nv_import_find_order(c->o, a->number, a->date);
	if (o && !o->path) {
		nv_imp_found(c,
			     "%s приказом от %s № %s — этот блок выводится из приказа, к которому "
			     "это приложение",
			     a->label, a->date, a->number);
	} else if (c->o->appendix && !a->order &&
		   !strncmp(a->label, "УТВЕРЖД", strlen("УТВЕРЖД"))) {
		/* The director's own «УТВЕРЖДАЮ» on an appendix: the order approves it. */
		nv_imp_found(c,
			     "%s: %s — не перенесён: приложение утверждает приказ, с которым оно "
			     "импортировано, и блок «УТВЕРЖДЕН… приказом» выводится из него",
			     a->label, b->ptr);
	} else if (o) {
		nv_imp_found(c, "%s приказом от %s № %s — этот блок выводится из приказа %s",
			     a->label, a->date, a->number, o->path);
		nv_imp_todo(c,
			    "добавьте id документа в appendices приказа %s (блок «%s приказом» "
			    "nastavnik выводит сам)",
			    o->path, a->label);
	} else if (a->order && (!a->number || !a->date[0])) {
		nv_imp_todo(c,
			    "блок «%s приказом»: не найдены дата или номер приказа — укажите id "
			    "документа в appendices приказа или впишите блок с «order: { number: "
			    "…, date: … }»",
			    a->label);
	} else if (a->order) {
		/* An order not in the project: the block cites it. */
		if (!*any)
			nv_buf_adds(&c->fm, "approval:\n");
		*any = true;
		nv_buf_addf(&c->fm, "  - label: %s\n    order: { number: %s, date: %s }\n",
			    a->label, a->number, a->date);
		nv_imp_found(c, "%s приказом от %s № %s (приказа нет в проекте)", a->label, a->date,
			     a->number);
	} else if (!strcmp(a->label, "УТВЕРЖДАЮ") && !a->person && !new_approver(c, a)) {
		nv_imp_todo(c, "блок УТВЕРЖДАЮ: подписавший не найден в people.yml — добавьте его "
			       "и впишите person");
	} else {
		if (!*any)
			nv_buf_adds(&c->fm, "approval:\n");
		*any = true;
		nv_buf_addf(&c->fm, "  - label: %s\n", a->label);
		if (b->len && strcmp(a->label, "УТВЕРЖДАЮ"))
			block_body(c, b->ptr);
		if (a->person)
			nv_imp_yaml(&c->fm, 4, "person", a->person);
		if (!strcmp(a->label, "УТВЕРЖДАЮ"))
			acting_approver(c, a);
		if (a->number && a->date[0])
			nv_buf_addf(&c->fm, "    protocol: { number: %s, date: %s }\n", a->number,
				    a->date);
		else if (a->date[0])
			nv_imp_yaml(&c->fm, 4, "date", a->date);
		nv_imp_found(c, "%s: %s%s%s%s%s%s%s", a->label, b->ptr, a->person ? " → " : "",
			     a->person ? a->person : "", a->number ? ", протокол № " : "",
			     a->number ? a->number : "", a->date[0] ? " от " : "", a->date);
	}
	nv_buf_release(b);
	free(a->number);
	free(a->person);
	memset(a, 0, sizeof(*a));
}

/* Skip the words of the label at the start of t («С учётом мнения» is three). */
static const char *skip_label(const char *t, const char *label)
{
	const char *l;
	int words = 1;

	for (l = label; *l; l++)
		words += *l == ' ';
	while (words-- > 0) {
		while (*t && *t != ' ')
			t++;
		while (*t == ' ' || *t == ':')
			t++;
	}
	return t;
}

/* Feed one line of a block; returns true if it belongs to one. */
static bool feed(struct nv_imp_ctx *c, struct approval *a, const char *t, bool *any)
{
	const char *label = label_of(t), *cut;
	const struct nv_imp_person *p;
	bool proto = strstr(t, "ротокол"), order = strstr(t, "риказ");
	char date[11];

	if (label) {
		flush(c, a, any);
		a->label = label;
		nv_buf_init(&a->body);
		t = skip_label(t, label);
		if (!*t)
			return true;
	} else if (!a->label) {
		return false;
	}
	/* «(протокол от … № …)», or its date and number on the next line. */
	if (proto || order || (a->ref && (nv_imp_find_date(t, date) || strstr(t, "№")))) {
		if (proto || order) {
			a->ref = true;
			a->order = order && !proto;
		}
		if (!a->date[0])
			nv_imp_find_date(t, a->date);
		if (!a->number)
			a->number = nv_imp_find_number(t);
		cut = strstr(t, "(");
		if (cut && cut > t && !a->order)
			nv_buf_add(&a->body, t, (size_t)(cut - t));
		return true;
	}
	if ((p = nv_imp_person_in(c, t))) {
		a->person = nv_xstrdup(p->id);
		return true;
	}
	if (!a->date[0] && nv_imp_find_date(t, a->date) && strlen(t) < 48)
		return true;
	if (a->body.len)
		nv_buf_addch(&a->body, ' ');
	nv_buf_adds(&a->body, t);
	return true;
}

/*
 * Blocks side by side in a table: each column top to bottom (a cell of a
 * Word table holds a whole block; a text table has a line per row).
 */
static void approval_table(struct nv_imp_ctx *c, struct nv_imp_ln *l, bool *any)
{
	struct approval a;
	size_t j, k, m, cols = 0;

	memset(&a, 0, sizeof(a));
	for (j = 0; j < l->t->n; j++)
		cols = l->t->rows[j].n > cols ? l->t->rows[j].n : cols;
	for (k = 0; k < cols; k++) {
		for (j = 0; j < l->t->n; j++) {
			const struct nv_imp_cell *cell;

			if (k >= l->t->rows[j].n)
				continue;
			cell = &l->t->rows[j].cells[k];
			for (m = 0; m < cell->n; m++)
				if (cell->paras[m].text[0] && feed(c, &a, cell->paras[m].text, any))
					l->used = true;
		}
		flush(c, &a, any);
	}
}

/* The column col (0: before the first tab, 1: after the last) of a line, into out. */
static void column(struct nv_buf *out, const char *t, int col)
{
	const char *tab = strchr(t, '\t'), *last = strrchr(t, '\t');

	nv_buf_reset(out);
	if (col == 0)
		nv_buf_add(out, t, tab ? (size_t)(tab - t) : strlen(t));
	else if (last)
		nv_buf_adds(out, last + 1);
	while (out->len && out->ptr[out->len - 1] == ' ')
		out->ptr[--out->len] = '\0';
}

/* Do the lines have two blocks side by side, split by tabs («ПРИНЯТО<TAB>УТВЕРЖДАЮ»)? */
static bool side_by_side(struct nv_imp_ctx *c, size_t from, size_t to)
{
	struct nv_buf right = NV_BUF_INIT;
	bool two = false;
	size_t i;

	for (i = from; i < to && !two; i++)
		if (!c->ln[i].t && label_of(c->ln[i].text) && strchr(c->ln[i].text, '\t')) {
			column(&right, c->ln[i].text, 1);
			two = label_of(right.ptr) != NULL;
		}
	nv_buf_release(&right);
	return two;
}

void nv_imp_approvals(struct nv_imp_ctx *c, size_t from, size_t to, const char *gender)
{
	struct approval a;
	struct nv_buf col = NV_BUF_INIT;
	bool any = false, two = side_by_side(c, from, to);
	size_t i;
	int k;

	(void)gender;
	memset(&a, 0, sizeof(a));
	for (k = 0; k < (two ? 2 : 1); k++) {
		for (i = from; i < to; i++) {
			struct nv_imp_ln *l = &c->ln[i];

			if (l->t) {
				if (k == 0)
					approval_table(c, l, &any);
				continue;
			}
			if (nv_imp_starts_word(l->text, "ПРИЛОЖЕНИЕ")) {
				if (k == 0)
					appendix_stamp(c, l);
				l->used = true;
				continue;
			}
			column(&col, l->text, k);
			if (!two)
				nv_buf_reset(&col), nv_buf_adds(&col, l->text);
			if (col.len && feed(c, &a, col.ptr, &any))
				l->used = true;
		}
		flush(c, &a, &any);
	}
	nv_buf_release(&col);
}

/* «1. ОБЩИЕ ПОЛОЖЕНИЯ» or a heading style: the section number and title, or false. */
/* A heading by its style («Heading 1», «Заголовок 1») or outline level. */
static bool is_heading(const struct nv_imp_ln *l)
{
	if (l->p->style && (strstr(l->p->style, "eading") || strstr(l->p->style, "аголовок")))
		return true;
	return l->p->level >= 0 && !l->p->number && !l->p->bullet;
}

/*
 * Does the line after l open section num with its first clause («2.1.»)?
 * Then l is the section's heading even in sentence case («2. Цели и
 * задачи наставничества.»), as documents typed without styles have it.
 */
static bool opens_clauses(const struct nv_imp_ctx *c, const struct nv_imp_ln *l, int num)
{
	char want[16];
	int n;

	if (l + 1 >= c->ln + c->n || l[1].t)
		return false;
	n = snprintf(want, sizeof(want), "%d.1", num);
	return !strncmp(l[1].text, want, (size_t)n) && strchr(". ", l[1].text[n]) &&
	       nv_utf8_count(l->text, strlen(l->text)) < 200;
}

/*
 * «З. Порядок …» before «3.1.»: the letter З typed for the digit 3 in a
 * section's number, as in a real положение.
 */
static bool zeh_for_3(const struct nv_imp_ctx *c, const struct nv_imp_ln *l)
{
	const char *t = l->text;

	return !strncmp(t, "З", strlen("З")) && strchr(". ", t[strlen("З")]) && t[strlen("З")] &&
	       opens_clauses(c, l, 3);
}

/* The number of the numbered item at l («4. …», «4) …»), or -1. */
static int item_number(const struct nv_imp_ctx *c, const struct nv_imp_ln *l)
{
	return l >= c->ln && l < c->ln + c->n && !l->t && numbered(l->text) ? atoi(l->text) : -1;
}

/*
 * «4. Ожидаемый результат»: a number, then a title in sentence case of at
 * most 120 letters with no sign at its end, that is no item of a list
 * around it (the lines before and after it are not items num - 1 and
 * num + 1). Its number into *num.
 */
static bool title_line(const struct nv_imp_ctx *c, const struct nv_imp_ln *l, int *num)
{
	const unsigned char *t;
	size_t n;

	if (l->t || !numbered(l->text) || l->text[strspn(l->text, "0123456789")] != '.')
		return false;
	*num = atoi(l->text);
	t = (const unsigned char *)l->text + strspn(l->text, "0123456789") + 1;
	t += strspn((const char *)t, " \t");
	n = strlen((const char *)t);
	if (!n || strchr(".;:,!?", t[n - 1]) || nv_utf8_count((const char *)t, n) > 120 ||
	    !((t[0] >= 'A' && t[0] <= 'Z') || nv_imp_cyr_capital(t)))
		return false;
	return item_number(c, l - 1) != *num - 1 && item_number(c, l + 1) != *num + 1;
}

/*
 * Is l a section's title among others («2. Формы наставничества», «3.
 * Этапы программы»: typed without styles, with no clauses «2.1.» after
 * them)? Only when a title line of the next or the previous number is in
 * the body too: a lone one stays an item.
 */
static bool titled_section(const struct nv_imp_ctx *c, const struct nv_imp_ln *l, int num)
{
	const struct nv_imp_ln *m;
	int other, mine;

	if (!title_line(c, l, &mine) || mine != num)
		return false;
	for (m = c->ln; m < c->ln + c->n; m++)
		if (m != l && title_line(c, m, &other) && (other == num - 1 || other == num + 1))
			return true;
	return false;
}

static bool section(const struct nv_imp_ctx *c, const struct nv_imp_ln *l, int *num,
		    const char **rest)
{
	const char *t = l->text, *p = t;

	if (zeh_for_3(c, l)) {
		*num = 3;
		p = t + strlen("З");
	} else {
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == t || p - t > 2 || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
			return false;
		*num = atoi(t);
	}
	if (*p == '.')
		p++;
	if (*p != ' ' && *p != '\t')
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	*rest = p;
	if (*p && strchr(".;:", t[strlen(t) - 1]))
		return t[strlen(t) - 1] == '.' && opens_clauses(c, l, *num);
	return *p && (nv_imp_is_upper(p) || is_heading(l) || opens_clauses(c, l, *num) ||
		      titled_section(c, l, *num));
}

static bool bullet(const struct nv_imp_ln *l, const char **rest)
{
	static const char *const marks[] = { "- ", "– ", "— ", "• ", "· ", "\xEF\x82\xB7 ", NULL };
	size_t k;

	for (k = 0; marks[k]; k++)
		if (!strncmp(l->text, marks[k], strlen(marks[k]))) {
			*rest = l->text + strlen(marks[k]);
			return true;
		}
	*rest = l->text;
	return l->p->bullet;
}

/*
 * The text of l from rest on as Markdown: with its bold runs when the
 * reader gave them (and the part before rest is the same there), else
 * escaped plain text.
 */
static void inline_text(struct nv_imp_ctx *c, const struct nv_imp_ln *l, const char *rest)
{
	size_t off = (size_t)(rest - l->text);
	const char *p;

	if (!l->md || strncmp(l->md, l->text, off)) {
		nv_imp_md_text(&c->body, rest);
		return;
	}
	nv_imp_md_block(&c->body, l->md + off);
	for (p = l->md + off; *p; p++)
		nv_buf_addch(&c->body, *p == '\t' ? ' ' : *p);
}

/* A heading line: «# 1. Общие положения», or «#»… by level without a number. */
static void heading(struct nv_imp_ctx *c, const struct nv_imp_ln *l, int num, const char *rest)
{
	char *s = nv_imp_sentence(rest);
	int level = l->p->level > 0 && l->p->level < 3 ? l->p->level : 0;
	size_t n = strlen(s);

	if (n && s[n - 1] == '.')
		s[n - 1] = '\0'; /* a heading has no full stop (ГОСТ Р 7.0.97) */

	nv_buf_addf(&c->body, "%.*s ", level + 1, "###");
	if (num >= 0)
		nv_buf_addf(&c->body, "%d. ", num);
	nv_imp_md_text(&c->body, s);
	nv_buf_addch(&c->body, '\n');
	free(s);
}

void nv_imp_body_line(struct nv_imp_ctx *c, struct nv_imp_ln *l, bool clauses)
{
	const char *rest = l->text;
	int num = -1, kind;
	bool sec = !l->t && section(c, l, &num, &rest);

	(void)clauses;
	l->used = true;
	l->body = true;
	if (nv_imp_body_pictures(c, l))
		return;
	/* A caption goes into the table block that follows it. */
	if (!l->t && l + 1 < c->ln + c->n && l[1].t && !l[1].used && nv_imp_is_caption(l))
		return;
	if (sec && zeh_for_3(c, l))
		nv_imp_found(c, "раздел 3: номер «З.» написан буквой, записан цифрой «3.»");
	if (!sec && !l->t && is_heading(l) && l->text[0])
		sec = true, num = -1, rest = l->text;
	kind = l->t ? 3 : sec ? 5 : bullet(l, &rest) ? 2 : numbered(l->text) ? 4 : 1;
	c->last_line = l;
	c->last_off = c->body.len;
	/* Items of one list stay together (a tight list); everything else is a block. */
	if (c->body.len && !((kind == 2 || kind == 4) && c->last == kind))
		nv_buf_addch(&c->body, '\n');
	c->last = kind;
	if (l->t) {
		nv_imp_table_block(c, l->t,
				   l > c->ln && nv_imp_is_caption(&l[-1]) ? l[-1].text : NULL);
	} else if (sec) {
		heading(c, l, num, rest);
	} else {
		if (kind == 2)
			nv_buf_adds(&c->body, "- ");
		inline_text(c, l, kind == 2 ? rest : l->text);
		nv_buf_addch(&c->body, '\n');
	}
}

/* The first line at or after from that starts with word (squeezed, any case). */
static size_t find_word(struct nv_imp_ctx *c, size_t from, const char *w1, const char *w2)
{
	size_t i;

	for (i = from; i < c->n; i++)
		if (!c->ln[i].t && (nv_imp_starts_word(c->ln[i].text, w1) ||
				    (w2 && nv_imp_starts_word(c->ln[i].text, w2))))
			return i;
	return c->n;
}

/* Where a title named in a clause ends: a comma, a bracket, a colon or the verb. */
static const char *const clause_title_ends[] = {
	",",
	"(",
	":",
	";",
	" определяет",
	" устанавливает",
	" регламентирует",
	" регулирует",
	" разработан",
	" является",
	" утверждает",
	NULL,
};

/*
 * The title that a document without a title line names in one of its
 * first clauses: «1.1. Настоящее Положение о наставничестве для
 * педагогических работников, осуществляющих … (далее — Положение)
 * определяет …» gives «Положение о наставничестве для педагогических
 * работников». word is the kind's word (ПОЛОЖЕНИЕ); NULL when no clause
 * says it, else the title and in *at the line it came from.
 */
static char *title_in_clause(const struct nv_imp_ctx *c, const char *word, size_t *at)
{
	const char *s, *end;
	size_t i, k, len;
	char *t, *cap;

	for (i = 0; i < c->n && i < 12; i++) {
		if (c->ln[i].t || !(s = nv_imp_clause_names(c->ln[i].text, word)))
			continue;
		len = strlen(s);
		for (k = 0; clause_title_ends[k]; k++)
			if ((end = strstr(s, clause_title_ends[k])) && (size_t)(end - s) < len)
				len = (size_t)(end - s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '.'))
			len--;
		if (len <= strlen(word) + 1)
			continue; /* the word alone («Настоящее положение определяет») */
		t = nv_xmemdupz(s, len);
		cap = nv_utf8_capitalize(t);
		free(t);
		*at = i;
		return cap;
	}
	return NULL;
}

/*
 * Title at k (or the first line not used), approvals before it; returns
 * the line after. A document whose text opens with its first numbered
 * section («1. Общие положения») has no title line: its title is taken
 * from the clause that names the document (title_in_clause()), word
 * being the kind's word, and the report asks to check it.
 */
static size_t title_block(struct nv_imp_ctx *c, size_t k, const char *word)
{
	size_t i, at;

	if (k == c->n)
		for (k = 0; k < c->n && (c->ln[k].t || label_of(c->ln[k].text)); k++)
			;
	nv_imp_approvals(c, 0, k, NULL);
	for (i = k; i < c->n && c->ln[i].used; i++)
		;
	if (word && i < c->n && !c->ln[i].t && numbered(c->ln[i].text) &&
	    (c->title = title_in_clause(c, word, &at))) {
		nv_imp_found(
			c,
			"заголовок (строки заголовка нет, взят из абзаца %d): %s — проверьте его",
			c->ln[at].src, c->title);
		return i;
	}
	c->title = nv_imp_title_at(c, &i);
	if (c->title)
		nv_imp_found(c, "заголовок: %s", c->title);
	return i;
}

static void year(struct nv_imp_ctx *c, bool required, const char *key)
{
	char y[16];
	size_t i;

	if (c->title && nv_imp_find_year(c->title, y)) {
		nv_imp_yaml(&c->fm, 0, key, y);
		nv_imp_found(c, "учебный год: %s", y);
		return;
	}
	for (i = 0; i < c->n && i < 40; i++)
		if (nv_imp_find_year(c->ln[i].text, y)) {
			nv_imp_yaml(&c->fm, 0, key, y);
			nv_imp_found(c, "учебный год: %s (абзац %d)", y, c->ln[i].src);
			return;
		}
	if (required)
		nv_imp_todo(c, "не найден учебный год: впишите academic_year: 2025–2026");
}

/* Say how many sections, clauses, list items and tables the body has. */
static void count_body(struct nv_imp_ctx *c)
{
	const char *p;
	size_t sec = 0, cl = 0, li = 0, tab = 0;

	for (p = c->body.ptr; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, "# ", 2))
			sec++;
		else if (!strncmp(p, "- ", 2) || numbered(p))
			li++;
		else if (!strncmp(p, "```table\n", 9))
			tab++;
		else if (*p >= '0' && *p <= '9' && strchr(p, '.') && strchr(p, '.')[1] >= '0' &&
			 strchr(p, '.')[1] <= '9')
			cl++;
	}
	nv_imp_found(c, "разделы: %zu, пункты: %zu, элементы списков: %zu, таблицы: %zu", sec, cl,
		     li, tab);
}

void nv_imp_position(struct nv_imp_ctx *c)
{
	size_t i = title_block(c, find_word(c, 0, "ПОЛОЖЕНИЕ", NULL), "ПОЛОЖЕНИЕ");

	if (c->title && (strstr(c->title, "обучающ") || strstr(c->title, "учащ")))
		nv_imp_yaml(&c->fm, 0, "audience", "students");
	else
		nv_imp_yaml(&c->fm, 0, "audience", "teachers");
	for (; i < c->n; i++)
		if (!c->ln[i].used)
			nv_imp_body_line(c, &c->ln[i], true);
	count_body(c);
}

void nv_imp_generic(struct nv_imp_ctx *c, const char *kind)
{
	bool program = !strcmp(kind, "program");
	size_t i = title_block(c, program ? find_word(c, 0, "ПРОГРАММА", NULL) : c->n,
			       program ? "ПРОГРАММА" : NULL);
	char date[11];

	if (program) {
		year(c, true, "academic_year");
		nv_imp_todo(c, "впишите forms (формы наставничества) и authors, если они нужны");
	} else if (!strcmp(kind, "case")) {
		year(c, false, "year");
		nv_imp_todo(c, "кейсу нужны form (форма наставничества) и year (учебный год): "
			       "впишите их");
	} else if (!strcmp(kind, "news")) {
		if (i < c->n && nv_imp_find_date(c->ln[i].text, date) &&
		    strlen(c->ln[i].text) < 40) {
			c->ln[i++].used = true;
			nv_imp_yaml(&c->fm, 0, "date", date);
			nv_imp_found(c, "дата: %s", date);
		} else {
			nv_imp_todo(c, "не найдена дата новости: впишите date: ДД.ММ.ГГГГ");
		}
	}
	for (; i < c->n; i++)
		if (!c->ln[i].used)
			nv_imp_body_line(c, &c->ln[i], false);
	count_body(c);
}

void nv_imp_roadmap(struct nv_imp_ctx *c)
{
	size_t i = title_block(c, find_word(c, 0, "ДОРОЖНАЯКАРТА", "ПЛАН"), NULL);

	year(c, true, "academic_year");
	for (; i < c->n; i++) {
		const struct nv_imp_table *t = c->ln[i].t;

		if (c->ln[i].used || (t && !t->n))
			continue;
		if (t && nv_imp_plan_table(c, t, c->ln[i].src))
			c->ln[i].used = true;
		else
			nv_imp_body_line(c, &c->ln[i], false);
	}
}
