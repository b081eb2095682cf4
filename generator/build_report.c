/*
 * build_report.c: the regional report (build_report.h) — the file
 * written whole or not at all, the workbook and its formats, the sheet
 * writer that sizes columns by their content, the first sheet
 * «Сведения» and a department's roll-up. The register sheets of a school
 * are in build_report_register.c.
 */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "build_members.h"
#include "build_report.h"
#include "build_report_int.h"
#include "diag.h"
#include "fs.h"
#include "person.h"
#include "utf8.h"

/* Column widths, in characters: never narrower or wider than these. */
#define RP_MIN_WIDTH 6
#define RP_MAX_WIDTH 60

/* --- the sheet writer ------------------------------------------------------ */

static void keep_err(struct rp_book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

/* Count the characters of s, the widest line of it. */
static size_t text_width(const char *s)
{
	size_t w = 0, line = 0;

	for (; *s; s++) {
		if (*s == '\n')
			line = 0;
		else if (((unsigned char)*s & 0xC0) != 0x80)
			line++;
		if (line > w)
			w = line;
	}
	return w;
}

static void note_width(struct rp_sheet *s, lxw_col_t c, size_t w)
{
	if (c >= RP_MAX_COLS)
		return;
	if (c >= s->ncols)
		s->ncols = c + 1;
	if (w > s->width[c])
		s->width[c] = w;
	if (w + 2 > RP_MAX_WIDTH)
		s->wide[c] = true;
}

void rp_sheet_begin(struct rp_sheet *s, struct rp_book *b, const char *name)
{
	memset(s, 0, sizeof(*s));
	s->book = b;
	s->ws = workbook_add_worksheet(b->wb, name);
	if (!s->ws)
		keep_err(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

void rp_str_fmt(struct rp_sheet *s, lxw_col_t c, const char *text, lxw_format *f)
{
	if (!s->ws || !text || !*text)
		return;
	keep_err(s->book, worksheet_write_string(s->ws, s->row, c, text, f));
	note_width(s, c, text_width(text));
}

void rp_str(struct rp_sheet *s, lxw_col_t c, const char *text)
{
	rp_str_fmt(s, c, text, NULL);
}

void rp_num_fmt(struct rp_sheet *s, lxw_col_t c, double v, lxw_format *f)
{
	char digits[32];

	if (!s->ws)
		return;
	keep_err(s->book, worksheet_write_number(s->ws, s->row, c, v, f));
	note_width(s, c, (size_t)snprintf(digits, sizeof(digits), "%g", v));
}

void rp_num(struct rp_sheet *s, lxw_col_t c, double v)
{
	rp_num_fmt(s, c, v, NULL);
}

void rp_date(struct rp_sheet *s, lxw_col_t c, struct nv_date d)
{
	lxw_datetime dt = { d.year, d.month, d.day, 0, 0, 0 };

	if (!s->ws)
		return;
	keep_err(s->book, worksheet_write_datetime(s->ws, s->row, c, &dt, s->book->date));
	note_width(s, c, 10);
}

void rp_header(struct rp_sheet *s, const char *const *cols, size_t n)
{
	size_t i;

	s->head = s->row;
	for (i = 0; i < n; i++)
		rp_str_fmt(s, (lxw_col_t)i, cols[i], s->book->bold);
	s->row++;
}

void rp_table_end(struct rp_sheet *s)
{
	if (!s->ws || !s->ncols)
		return;
	worksheet_freeze_panes(s->ws, s->head + 1, 0);
	keep_err(s->book,
		 worksheet_autofilter(s->ws, s->head, 0,
				      s->row > s->head + 1 ? s->row - 1 : s->head, s->ncols - 1));
}

void rp_sheet_end(struct rp_sheet *s)
{
	lxw_col_t c;
	size_t w;

	if (!s->ws)
		return;
	for (c = 0; c < s->ncols; c++) {
		w = s->width[c] + 2;
		if (w < RP_MIN_WIDTH)
			w = RP_MIN_WIDTH;
		if (w > RP_MAX_WIDTH)
			w = RP_MAX_WIDTH;
		keep_err(s->book, worksheet_set_column(s->ws, c, c, (double)w,
						       s->wide[c] ? s->book->wrap : NULL));
	}
}

/* --- the first sheet --------------------------------------------------------- */

/* What the kinds of organisation are called, by enum nv_org_kind. */
static const char *const org_kind_titles[] = { "школа",
					       "детский сад",
					       "колледж",
					       "организация дополнительного образования",
					       "орган управления образованием",
					       "центр" };

static const char *org_kind_title(const char *kind)
{
	size_t i;

	for (i = 0; kind && nv_org_kind_names[i]; i++)
		if (!strcmp(kind, nv_org_kind_names[i]))
			return org_kind_titles[i];
	return kind;
}

static void info_line(struct rp_sheet *s, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	rp_str_fmt(s, 0, label, s->book->bold);
	rp_str(s, 1, value);
	s->row++;
}

/* The organisation's programs of mentoring, one line each. */
static void info_programs(struct rp_sheet *s, const struct nv_model *m)
{
	size_t i;
	bool first = true;

	for (i = 0; i < m->nentries; i++) {
		if (m->entries[i]->kind != NV_KIND_PROGRAM)
			continue;
		info_line(s, first ? "Программа наставничества" : "", m->entries[i]->title);
		first = false;
	}
}

static void info_curator(struct rp_sheet *s, const struct nv_site *site)
{
	struct nv_buf b = NV_BUF_INIT;

	if (!site->curator)
		return;
	nv_person_full_name(&b, site->curator);
	if (site->curator->position)
		nv_buf_addf(&b, ", %s", site->curator->position);
	info_line(s, "Куратор наставничества", b.ptr);
	nv_buf_reset(&b);
	if (site->curator_phone)
		nv_buf_adds(&b, site->curator_phone);
	if (site->curator_email)
		nv_buf_addf(&b, "%s%s", b.len ? ", " : "", site->curator_email);
	info_line(s, "Контакты куратора", b.ptr);
	nv_buf_release(&b);
}

/* The sheets the book holds, named and described on the first sheet. */
struct sheet_note {
	const char *name, *what;
};

static const struct sheet_note school_sheets[] = {
	{ "Наставники", "наставники: полные имена, должности, формы, число пар и наставляемых" },
	{ "Наставляемые", "наставляемые: полные имена, должности или классы, наставники" },
	{ "Пары и группы", "наставнические пары и группы: форма, участники, сроки, статус" },
	{ "Мониторинг", "показатели страницы «Мониторинг» раздела" },
	{ "По формам", "пары и группы по формам наставничества" },
};

static const struct sheet_note department_sheets[] = {
	{ "Свод по организациям", "показатели каждой организации и итог по муниципалитету" },
};

static void sheet_info(struct rp_book *b, const struct nv_model *m, const struct nv_report_opts *o,
		       bool department)
{
	const struct nv_site *site = &m->site;
	const struct sheet_note *notes = department ? department_sheets : school_sheets;
	size_t i, w0,
		n = department ? NV_ARRAY_SIZE(department_sheets) : NV_ARRAY_SIZE(school_sheets);
	struct rp_sheet s;

	rp_sheet_begin(&s, b, "Сведения");
	rp_str_fmt(&s, 0, department ? "Сводный отчёт о наставничестве" : "Реестр наставничества",
		   b->title);
	s.row += 2;
	info_line(&s, "Организация", site->name);
	info_line(&s, "Краткое наименование", site->short_name);
	info_line(&s, "Вид организации", org_kind_titles[site->kind]);
	info_line(&s, "Учредитель", site->founder);
	info_line(&s, "Адрес", site->address);
	rp_str_fmt(&s, 0, "По состоянию на", b->bold);
	rp_date(&s, 1, o->date);
	s.row++;
	info_programs(&s, m);
	info_curator(&s, site);
	s.row++;
	/* The long line of the warning must not widen the first column. */
	w0 = s.width[0];
	rp_str_fmt(&s, 0,
		   department ? "Файл содержит сводные показатели организаций для "
				"регионального отчёта; персональных данных в нём нет."
			      : "Файл содержит персональные данные участников наставничества "
				"(полные имена). Он предназначен только для регионального отчёта "
				"и не подлежит размещению на сайте организации.",
		   b->bold);
	s.width[0] = w0;
	s.wide[0] = false;
	s.row += 2;
	rp_str_fmt(&s, 0, "Листы", b->bold);
	s.row++;
	for (i = 0; i < n; i++, s.row++) {
		rp_str(&s, 0, notes[i].name);
		rp_str(&s, 1, notes[i].what);
	}
	rp_sheet_end(&s);
}

/* --- a department's roll-up ---------------------------------------------------- */

void nv_rollup_row_from_monitoring(struct nv_rollup_row *r, const struct nv_site *s,
				   const struct nv_monitoring *mon)
{
	memset(r, 0, sizeof(*r));
	r->name = s->short_name ? s->short_name : s->name;
	r->kind = nv_org_kind_names[s->kind];
	r->forms = mon->forms;
	r->nforms = mon->nforms;
	r->pairs = mon->pairs;
	r->pairs_active = mon->pairs_by_status[NV_PAIR_ACTIVE];
	r->mentors = mon->mentors;
	r->mentees = mon->mentees;
	r->teachers = mon->teachers;
	r->teachers_involved = mon->teachers_involved;
	r->students = mon->students;
	r->students_involved = mon->students_involved;
}

size_t nv_rollup_rows_from_members(struct nv_rollup_row **rows, const struct nv_org_members *ms)
{
	struct nv_rollup_row *v = nv_xcalloc(ms->nr ? ms->nr : 1, sizeof(*v));
	struct nv_form_count *f;
	size_t i, k, n = 0;

	for (i = 0; i < ms->nr; i++) {
		const struct nv_org_member *mb = &ms->v[i];
		struct nv_rollup_row *r = &v[n];

		if (!mb->ok)
			continue;
		n++;
		r->name = mb->short_name ? mb->short_name : mb->name;
		r->kind = mb->kind;
		r->note = mb->from_cache ? "сайт недоступен: данные из кэша"
			  : mb->stale	 ? "данные устарели"
					 : NULL;
		r->forms = f = nv_xcalloc(mb->nforms ? mb->nforms : 1, sizeof(*f));
		r->nforms = mb->nforms;
		for (k = 0; k < mb->nforms; k++) {
			f[k].form = mb->by_form[k].name;
			f[k].pairs = mb->by_form[k].count;
		}
		r->pairs = mb->pairs;
		r->pairs_active = mb->pairs_active;
		r->mentors = mb->mentors;
		r->mentees = mb->mentees;
		r->teachers = mb->teachers;
		r->teachers_involved = mb->teachers_involved;
		r->students = mb->students;
		r->students_involved = mb->students_involved;
	}
	*rows = v;
	return n;
}

void nv_rollup_rows_release(struct nv_rollup_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((void *)rows[i].forms);
	free(rows);
}

/* The forms any row names, in the order they first appear. */
static size_t rollup_forms(const struct nv_rollup_row *rows, size_t n, const char **forms,
			   size_t max)
{
	size_t i, k, j, nf = 0;

	for (i = 0; i < n; i++)
		for (k = 0; k < rows[i].nforms; k++) {
			for (j = 0; j < nf && strcmp(forms[j], rows[i].forms[k].form); j++)
				;
			if (j == nf && nf < max)
				forms[nf++] = rows[i].forms[k].form;
		}
	return nf;
}

static size_t row_form(const struct nv_rollup_row *r, const char *form)
{
	size_t k;

	for (k = 0; k < r->nforms; k++)
		if (!strcmp(r->forms[k].form, form))
			return r->forms[k].pairs;
	return 0;
}

/* The columns before the forms and after them. */
static const char *const rollup_head[] = { "№", "Организация", "Вид", "Пар и групп", "Работают" };
static const char *const rollup_tail[] = {
	"Наставников",		 "Наставляемых",	 "Педагогов",
	"Педагогов участвуют",	 "Охват педагогов, %",	 "Обучающихся",
	"Обучающихся вовлечены", "Охват обучающихся, %", "Примечание"
};

/* One row's numbers from column c on: the forms, then the tail's figures. */
static void rollup_figures(struct rp_sheet *s, const struct nv_rollup_row *r, const char **forms,
			   size_t nf, lxw_format *f)
{
	lxw_col_t c = 3;
	size_t k;

	rp_num_fmt(s, c++, (double)r->pairs, f);
	rp_num_fmt(s, c++, (double)r->pairs_active, f);
	for (k = 0; k < nf; k++)
		rp_num_fmt(s, c++, (double)row_form(r, forms[k]), f);
	rp_num_fmt(s, c++, (double)r->mentors, f);
	rp_num_fmt(s, c++, (double)r->mentees, f);
	rp_num_fmt(s, c++, (double)r->teachers, f);
	rp_num_fmt(s, c++, (double)r->teachers_involved, f);
	rp_num_fmt(s, c++, nv_monitoring_share(r->teachers_involved, r->teachers), f);
	rp_num_fmt(s, c++, (double)r->students, f);
	rp_num_fmt(s, c++, (double)r->students_involved, f);
	rp_num_fmt(s, c++, nv_monitoring_share(r->students_involved, r->students), f);
}

/* The sum of every row, with the coverage of the sums. */
static void rollup_sum(struct nv_rollup_row *t, const struct nv_rollup_row *rows, size_t n)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		t->pairs += rows[i].pairs;
		t->pairs_active += rows[i].pairs_active;
		t->mentors += rows[i].mentors;
		t->mentees += rows[i].mentees;
		t->teachers += rows[i].teachers;
		t->teachers_involved += rows[i].teachers_involved;
		t->students += rows[i].students;
		t->students_involved += rows[i].students_involved;
	}
}

static void sheet_rollup(struct rp_book *b, const struct nv_rollup_row *rows, size_t n,
			 const char *note)
{
	const char *forms[RP_MAX_COLS - 20], *head[RP_MAX_COLS];
	size_t nf = rollup_forms(rows, n, forms, NV_ARRAY_SIZE(forms)), nh = 0, i, k, f;
	struct nv_rollup_row total;
	struct rp_sheet s;

	for (i = 0; i < NV_ARRAY_SIZE(rollup_head); i++)
		head[nh++] = rollup_head[i];
	for (i = 0; i < nf; i++)
		head[nh++] = forms[i];
	for (i = 0; i < NV_ARRAY_SIZE(rollup_tail); i++)
		head[nh++] = rollup_tail[i];
	rp_sheet_begin(&s, b, "Свод по организациям");
	rp_header(&s, head, nh);
	for (i = 0; i < n; i++, s.row++) {
		rp_num(&s, 0, (double)(i + 1));
		rp_str(&s, 1, rows[i].name);
		rp_str(&s, 2, org_kind_title(rows[i].kind));
		rollup_figures(&s, &rows[i], forms, nf, NULL);
		rp_str(&s, (lxw_col_t)(nh - 1), rows[i].note);
	}
	rp_table_end(&s);
	rollup_sum(&total, rows, n);
	rp_str_fmt(&s, 1, "Итого", b->total);
	rollup_figures(&s, &total, forms, nf, b->total_num);
	/* The forms' totals: each column's sum. */
	for (k = 0; k < nf; k++) {
		for (i = 0, f = 0; i < n; i++)
			f += row_form(&rows[i], forms[k]);
		rp_num_fmt(&s, (lxw_col_t)(5 + k), (double)f, b->total_num);
	}
	if (note) {
		/* Below the table, in the narrow first column: it must not widen it. */
		size_t w0 = s.width[0];
		s.row += 2;
		rp_str_fmt(&s, 0, note, b->bold);
		s.width[0] = w0;
		s.wide[0] = false;
	}
	rp_sheet_end(&s);
}

/* --- the workbook and its file -------------------------------------------------- */

static void book_formats(struct rp_book *b)
{
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	b->title = workbook_add_format(b->wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	b->date = workbook_add_format(b->wb);
	format_set_num_format(b->date, "dd.mm.yyyy");
	b->wrap = workbook_add_format(b->wb);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	b->total = workbook_add_format(b->wb);
	format_set_bold(b->total);
	format_set_top(b->total, LXW_BORDER_THIN);
	b->total_num = workbook_add_format(b->wb);
	format_set_bold(b->total_num);
	format_set_top(b->total_num, LXW_BORDER_THIN);
}

/* The sheets of m's report into the open book. */
static void book_sheets(struct rp_book *b, const struct nv_model *m, const struct nv_report_opts *o)
{
	bool department = m->site.kind == NV_ORG_DEPARTMENT;
	struct nv_monitoring mon;
	struct nv_rollup_row own;

	nv_monitoring_count(&mon, m);
	sheet_info(b, m, o, department);
	if (department && o->nmembers) {
		sheet_rollup(b, o->members, o->nmembers, NULL);
	} else if (department) {
		nv_rollup_row_from_monitoring(&own, &m->site, &mon);
		sheet_rollup(b, &own, 1,
			     "Данных организаций-участников пока нет: в своде только показатели "
			     "самого управления.");
	} else {
		rp_sheet_mentors(b, m);
		rp_sheet_mentees(b, m);
		rp_sheet_pairs(b, m);
		rp_sheet_monitoring(b, &mon);
		rp_sheet_forms(b, &mon);
	}
	nv_monitoring_release(&mon);
}

/* Write the workbook of m to the file tmp; -1 with an error about path. */
static int write_book(const char *tmp, const char *path, const struct nv_model *m,
		      const struct nv_report_opts *o, struct nv_diags *d)
{
	struct rp_book b = { NULL };
	lxw_doc_properties props = { NULL };
	lxw_error e;

	b.wb = workbook_new(tmp);
	if (!b.wb) {
		nv_error(d, path, 0, 0, "не удалось начать запись отчёта: %s", nv_strerror(errno));
		return -1;
	}
	props.title = (char *)(m->site.kind == NV_ORG_DEPARTMENT ? "Сводный отчёт о наставничестве"
								 : "Реестр наставничества");
	props.company = (char *)(m->site.short_name ? m->site.short_name : m->site.name);
	props.created = o->created > 0 ? (time_t)o->created : 0;
	keep_err(&b, workbook_set_properties(b.wb, &props));
	book_formats(&b);
	book_sheets(&b, m, o);
	e = workbook_close(b.wb);
	if (b.err == LXW_NO_ERROR)
		b.err = e;
	if (b.err != LXW_NO_ERROR) {
		nv_diag_hint(nv_error(d, path, 0, 0, "не удалось записать отчёт: %s",
				      lxw_strerror(b.err)),
			     "проверьте, что на диске есть место и папка доступна для записи");
		return -1;
	}
	return 0;
}

static struct nv_diag *exists_error(struct nv_diags *d, const char *path)
{
	struct nv_diag *diag = nv_error(d, path, 0, 0, "файл уже существует — не перезаписываю");

	nv_diag_hint(diag, "укажите другой файл или добавьте --force, чтобы заменить его");
	return diag;
}

int nv_report_xlsx(const struct nv_model *m, const struct nv_report_opts *o, struct nv_diags *d)
{
	const char *slash = strrchr(o->path, '/'), *shown = o->display ? o->display : o->path;
	char *tmp;
	int fd, rc = -1;

	if (nv_is_dir(o->path)) {
		nv_diag_hint(nv_error(d, shown, 0, 0, "это папка, а не файл"),
			     "укажите имя файла отчёта, например отчёт.xlsx");
		return -1;
	}
	if (!o->force && nv_exists(o->path)) {
		exists_error(d, shown);
		return -1;
	}
	/* A hidden temporary file beside the report: the rename stays on one file system. */
	tmp = slash ? nv_xasprintf("%.*s/.%s.tmp-XXXXXX", (int)(slash - o->path), o->path,
				   slash + 1)
		    : nv_xasprintf(".%s.tmp-XXXXXX", o->path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		nv_diag_hint(
			nv_error(d, shown, 0, 0, "не удалось создать файл: %s", nv_strerror(errno)),
			"проверьте, что папка существует и доступна для записи");
		free(tmp);
		return -1;
	}
	close(fd);
	if (write_book(tmp, shown, m, o, d) < 0)
		goto out;
	/* Another process may have made the file meanwhile. */
	if (!o->force && nv_exists(o->path)) {
		exists_error(d, shown);
		goto out;
	}
	if (rename(tmp, o->path) < 0) {
		nv_error(d, shown, 0, 0, "не удалось записать отчёт: %s", nv_strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
