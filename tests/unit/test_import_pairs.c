/*
 * Unit tests for an order's table of pairs read into pairs.yml
 * (import_pairs.c): which tables are one, the spellings of a name, the
 * people of people.yml and the new ones (a teacher's position, a
 * student's class), groups merged down or in one cell, the form of a row
 * across the table, and the rows that name no one. The .docx tables are
 * tested on real files in tests/import.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "import.h"

static const struct nv_imp_person people[] = {
	{ "petrova-an", "Петрова", "Анна", "Николаевна" },
	{ "ivanova-mp", "Иванова", "Мария", "Петровна" },
	{ "semenov-ap", "Семёнов", "Артём", "Петрович" },
};
static const char *const forms[] = { "учитель – учитель", "ученик – ученик", NULL };
static const char *const kinds[] = { "традиционное", "групповое", NULL };

static struct nv_imp_opts opts(void)
{
	struct nv_imp_opts o = { NULL, people, 3, NULL, NULL, NULL, NULL, 0 };

	o.forms = forms;
	o.kinds = kinds;
	return o;
}

/* Text into doc; 0 when read. */
static int read_text(const char *text, struct nv_imp_doc *doc)
{
	struct nv_diags d = NV_DIAGS_INIT;
	int rc;

	nv_imp_doc_init(doc);
	rc = nv_import_text("t.txt", text, strlen(text), doc, &d);
	nv_diags_release(&d);
	return rc;
}

static void test_which_tables(void)
{
	struct nv_imp_doc doc;

	/* A title, then the table: one. */
	CHECK_INT(read_text("Состав пар\nФИО наставника\tФИО наставляемого\nПетрова А. Н.\tИванова "
			    "М. П.\n",
			    &doc),
		  0);
	CHECK(nv_import_pairs_table(&doc) == doc.v[1].table);
	nv_imp_doc_release(&doc);
	/* A mentor and a period, no mentees: a plan, not pairs. */
	CHECK_INT(read_text("Наставник\tСрок\nПетрова А. Н.\tоктябрь\n", &doc), 0);
	CHECK(nv_import_pairs_table(&doc) == NULL);
	nv_imp_doc_release(&doc);
	/* A положение with a form of a table among its clauses keeps it. */
	CHECK_INT(read_text("Положение\n1. Общие\n1.1. Одно.\n1.2. Два.\n1.3. Три.\n"
			    "Наставник\tНаставляемый\nПетрова А. Н.\tИванова М. П.\n",
			    &doc),
		  0);
	CHECK(nv_import_pairs_table(&doc) == NULL);
	nv_imp_doc_release(&doc);
	/* Nor one with a text after it: a program that shows its pairs. */
	CHECK_INT(read_text("Наставник\tНаставляемый\nПетрова А. Н.\tИванова М. П.\n"
			    "1. Цели\n1.1. Одна.\n1.2. Две.\n1.3. Три.\n1.4. Четыре.\n",
			    &doc),
		  0);
	CHECK(nv_import_pairs_table(&doc) == NULL);
	nv_imp_doc_release(&doc);
}

static void test_names_and_people(void)
{
	const char text[] =
		"№\tНаставник\tНаставляемые\tФорма\tВид\tСрок\n"
		"1\tПетрова А.Н.\tИванова Мария Петровна; Сидоров К. Л., учитель физики\t"
		"Учитель-учитель\tГрупповое\tс 01.10.2025 по 31.05.2026\n"
		"2\tА. Н. Петрова, куратор\tКравец-Лунина Ольга Ивановна, обучающаяся 7 б класса, "
		"Лебедев Иван Ильич, классный руководитель 5 «А» класса\t\t\t\n"
		"3\tвакансия\tСидоров К. Л.\t\t\t\n"
		"1\t2\t3\t4\t5\t6\n";
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	CHECK_INT(read_text(text, &doc), 0);
	CHECK(nv_import_pairs_table(&doc) != NULL);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK_STR(r.kind, "pairs");
	CHECK_INT(r.npairs, 2);
	CHECK_STR(r.pairs.ptr, "- mentor: petrova-an\n"
			       "  mentees: [ivanova-mp, sidorov-kl]\n"
			       "  form: учитель – учитель\n"
			       "  kind: групповое\n"
			       "  period: 01.10.2025 – 31.05.2026\n"
			       "  order: o-par\n"
			       "- mentor: petrova-an\n"
			       "  mentees: [kravets-lunina-oi, lebedev-ii]\n"
			       "  period: в течение учебного года\n"
			       "  order: o-par\n");
	/* New: a teacher by initials with a position, a student with a class, a teacher of a class.
	 */
	CHECK_INT(r.nnewp, 3);
	CHECK_STR(r.newp[0].name, "К.");
	CHECK_STR(r.newp[0].patronymic, "Л.");
	CHECK_STR(r.newp[0].position, "учитель физики");
	CHECK(!r.newp[0].student);
	CHECK_STR(r.newp[1].surname, "Кравец-Лунина");
	CHECK(r.newp[1].student);
	CHECK_STR(r.newp[1].class_name, "7 «Б»");
	CHECK(!r.newp[2].student);
	CHECK_STR(r.newp[2].position, "классный руководитель 5 «А» класса");
	/* The row without a mentor's name is said and adds no one (Сидоров is added once). */
	CHECK_INT(r.unplaced.nr, 1);
	CHECK_STR(r.unplaced.v[0],
		  "абзац 1, строка 4 таблицы: «3 | вакансия | Сидоров К. Л.» — не найдено имя "
		  "наставника или наставляемого («Кузнецова Елена Владимировна» или «Кузнецова Е. "
		  "В.»): впишите эту пару в content/pairs.yml сами");
	CHECK_INT(r.todo.nr, 2);
	CHECK_STR(r.todo.v[1], "у 1 из 2 пар таблицы не указана форма наставничества — допишите "
			       "её каждой в content/pairs.yml: «form: учитель – учитель»");
	/* No period in the table: the words the model reads as the order's year, and a todo. */
	CHECK_STR(r.todo.v[0],
		  "у 1 из 2 пар таблицы нет срока — записано «в течение учебного "
		  "года»: впишите срок каждой в content/pairs.yml, «period: 01.10.2025 "
		  "– 31.05.2026» (пара работает со дня приказа или позже)");
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* A cell of row with text (NULL: empty). */
static void cell(struct nv_imp_doc *doc, struct nv_imp_row *row, int span, bool covered,
		 const char *text)
{
	struct nv_imp_cell *c = nv_imp_add_cell(row, span, 1, covered);

	if (text)
		nv_imp_add_para(doc, c, text, strlen(text));
}

static void test_merged_rows(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_table *t;
	struct nv_imp_row *row;
	struct nv_imp_result r;

	nv_imp_doc_init(&doc);
	t = nv_imp_add_table(&doc);
	/* A title in the table's first row; «Наставник» over «ФИО» and «Класс»; a row of the form.
	 */
	row = nv_imp_add_row(t);
	cell(&doc, row, 3, false, "Состав наставнических пар");
	row = nv_imp_add_row(t);
	cell(&doc, row, 2, false, "Наставник");
	cell(&doc, row, 1, false, "Наставляемый");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, false, "ФИО");
	cell(&doc, row, 1, false, "Класс");
	cell(&doc, row, 1, true, NULL);
	row = nv_imp_add_row(t);
	cell(&doc, row, 3, false, "Форма наставничества «Ученик – ученик»");
	/* A group: the mentor's cells merged down over the second mentee's row. */
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, false, "Орлов Пётр Ильич");
	cell(&doc, row, 1, false, "9 «Б»");
	cell(&doc, row, 1, false, "Ким Ён Су");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, true, NULL);
	cell(&doc, row, 1, true, NULL);
	cell(&doc, row, 1, false, "Иванова М. П.");
	/* A mentor with no name: the rows merged to it are not the group above. */
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, false, "вакансия");
	cell(&doc, row, 1, false, NULL);
	cell(&doc, row, 1, false, "Петрова А. Н.");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, true, NULL);
	cell(&doc, row, 1, true, NULL);
	cell(&doc, row, 1, false, "Иванова Анна Петровна");
	CHECK(nv_import_pairs_table(&doc) == t);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, t, &o, "o-par", 2025, &r), 0);
	CHECK_INT(r.unplaced.nr, 2);
	CHECK_STR(r.pairs.ptr, "- mentor: orlov-pi\n"
			       "  mentees: [kim-yos, ivanova-mp]\n"
			       "  form: ученик – ученик\n"
			       "  period: в течение учебного года\n"
			       "  order: o-par\n");
	/* Both sides of «ученик – ученик» are students: the mentor has his class, the mentee none.
	 */
	CHECK_INT(r.nnewp, 2);
	CHECK(r.newp[0].student && r.newp[1].student);
	CHECK_STR(r.newp[0].class_name, "9 «Б»");
	CHECK(r.newp[1].class_name == NULL);
	CHECK_INT(r.todo.nr, 2);
	CHECK(strstr(r.todo.v[0], "у обучающегося Ким (новый участник kim-yos) не найден класс"));
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

static void test_two_mentors(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	CHECK_INT(read_text("Наставник\tНаставляемый\tФорма\n"
			    "Петрова А. Н., Иванова М. П.\tСидоров Кирилл Львович\tучитель – "
			    "учитель\n",
			    &doc),
		  0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK(strstr(r.pairs.ptr, "- mentor: petrova-an\n  mentees: [sidorov-kl]\n") != NULL);
	CHECK_INT(r.unplaced.nr, 1);
	CHECK(strstr(r.unplaced.v[0],
		     "у пары несколько наставников — перенесён первый (petrova-an)"));
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* «Класс» and «Должность» beside the names they are of; «Молодой специалист» is the mentee. */
static void test_side_columns(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	CHECK_INT(read_text("Наставник\tДолжность\tМолодой специалист\tКласс\n"
			    "Петрова А. Н.\tучитель\tЛебедев Иван Ильич\t5 «А»\n",
			    &doc),
		  0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK_INT(r.nnewp, 1);
	CHECK(r.newp[0].student);
	CHECK_STR(r.newp[0].class_name, "5 «А»");
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* Each pair the program of its year that alone runs its form; none when two do, or none. */
static void test_programs(void)
{
	static const char *const teachers[] = { "учитель – учитель" };
	static const char *const both[] = { "учитель – учитель", "ученик – ученик" };
	static const struct nv_imp_program programs[] = {
		{ "shkola-molodogo-pedagoga", 2025, teachers, 1 },
		{ "vmeste", 2025, both, 2 },
		{ "proshlyy-god", 2024, both, 2 },
	};
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	o.programs = programs;
	o.nprograms = NV_ARRAY_SIZE(programs);
	CHECK_INT(read_text("Наставник\tНаставляемый\tФорма\n"
			    "Петрова А. Н.\tИванова М. П.\tученик – ученик\n"
			    "Петрова А. Н.\tСеменов А. П.\tучитель – учитель\n",
			    &doc),
		  0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK_STR(r.pairs.ptr, "- mentor: petrova-an\n  mentees: [ivanova-mp]\n"
			       "  form: ученик – ученик\n  period: в течение учебного года\n"
			       "  program: vmeste\n  order: o-par\n"
			       "- mentor: petrova-an\n  mentees: [semenov-ap]\n"
			       "  form: учитель – учитель\n  period: в течение учебного года\n"
			       "  order: o-par\n");
	CHECK_STR(r.found.v[r.found.nr - 1],
		  "программа: у 1 из 2 пар — единственная программа 2025–2026 учебного года с их "
		  "формой");
	nv_imp_result_release(&r);
	/* An order of another year: no program. */
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2023, &r), 0);
	CHECK(strstr(r.pairs.ptr, "program:") == NULL);
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* A name typed with «е» for «ё», in capitals: the person of people.yml. */
static void test_yo(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	CHECK_INT(
		read_text("Наставник\tНаставляемый\nСеменов Артем Петрович\tИВАНОВА М. П.\n", &doc),
		0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK(strstr(r.pairs.ptr, "- mentor: semenov-ap\n  mentees: [") != NULL);
	/* A surname in capitals, as official lists type it, is the surname of people.yml. */
	CHECK(strstr(r.pairs.ptr, "  mentees: [ivanova-mp]\n") != NULL);
	CHECK_INT(r.nnewp, 0);
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/*
 * Two people of people.yml with one surname and the same initials: a name
 * by initials is the first, and the report names both; a full name is
 * the one it names, and nothing is said.
 */
static void test_namesakes(void)
{
	static const struct nv_imp_person two[] = {
		{ "kuznetsova-ev", "Кузнецова", "Елена", "Владимировна" },
		{ "ivanova-mp", "Иванова", "Мария", "Петровна" },
		{ "kuznetsova-ev2", "Кузнецова", "Екатерина", "Васильевна" },
	};
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	o.people = two;
	o.npeople = 3;
	CHECK_INT(read_text("Наставник\tНаставляемый\nКузнецова Е. В.\tИванова М. П.\n"
			    "Кузнецова Екатерина Васильевна\tИванова М. П.\n",
			    &doc),
		  0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), 0);
	CHECK(strstr(r.pairs.ptr, "- mentor: kuznetsova-ev\n") != NULL);
	CHECK(strstr(r.pairs.ptr, "- mentor: kuznetsova-ev2\n") != NULL);
	CHECK_INT(r.nnewp, 0);
	/* and the period, the form */
	CHECK_INT(r.todo.nr, 3);
	CHECK_STR(r.todo.v[0], "абзац 1, строка 2 таблицы: «Кузнецова Е. В.» в content/people.yml "
			       "подходит и kuznetsova-ev (Кузнецова Елена Владимировна), и "
			       "kuznetsova-ev2 (Кузнецова Екатерина Васильевна) — в "
			       "content/pairs.yml записан kuznetsova-ev; если это "
			       "kuznetsova-ev2, замените id");
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* The order a file of the table alone names in its stamp, over one line or two. */
static void test_stamp(void)
{
	struct nv_imp_doc doc;
	char date[11], *number;

	CHECK_INT(read_text("Приложение № 2\nк приказу МАОУ «СОШ № 14»\nот 30.09.2025 № 131-од\n"
			    "Состав пар\nНаставник\tНаставляемый\n",
			    &doc),
		  0);
	CHECK(nv_import_pairs_stamp(&doc, &number, date));
	CHECK_STR(number, "131-од");
	CHECK_STR(date, "30.09.2025");
	free(number);
	nv_imp_doc_release(&doc);
	/* A date of one digit, at the very end of the stamp's text: no number after it. */
	CHECK_INT(
		read_text("Приложение к приказу № 7 от 1.9.2025\nНаставник\tНаставляемый\n", &doc),
		0);
	CHECK(nv_import_pairs_stamp(&doc, &number, date));
	CHECK_STR(number, "7");
	CHECK_STR(date, "01.09.2025");
	free(number);
	nv_imp_doc_release(&doc);
	/* A title alone names no order. */
	CHECK_INT(read_text("Состав пар на 2025 год\nНаставник\tНаставляемый\n", &doc), 0);
	CHECK(!nv_import_pairs_stamp(&doc, &number, date));
	CHECK(number == NULL);
	nv_imp_doc_release(&doc);
}

/* Pairs as lines «Наставник — наставляемые» under a title: a table of two columns. */
static void test_lines(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc, out;
	struct nv_imp_result r;

	CHECK_INT(read_text("Список наставнических пар\n"
			    "1. Петрова А. Н. — Иванова М. П., Семенов Артём Петрович\n"
			    "2. Вакансия — Иванова М. П.\n",
			    &doc),
		  0);
	CHECK(nv_import_pairs_lines(&doc, &out));
	CHECK(nv_import_pairs_table(&out) != NULL);
	CHECK(nv_import_pairs_table(&out)->lines);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&out, nv_import_pairs_table(&out), &o, "o-par", 2025, &r), 0);
	CHECK(strstr(r.pairs.ptr, "- mentor: petrova-an\n  mentees: [ivanova-mp, semenov-ap]\n"));
	CHECK_INT(r.npairs, 1);
	CHECK_STR(r.found.v[1], "список наставнических пар (абзац 2): 1 пара → content/pairs.yml");
	CHECK_INT(r.unplaced.nr, 1);
	CHECK(!strncmp(r.unplaced.v[0], "абзац 3: «2. Вакансия — Иванова М. П.» — не найдено имя",
		       80));
	nv_imp_result_release(&r);
	nv_imp_doc_release(&out);
	nv_imp_doc_release(&doc);
	/* No title that says pairs; more lines of text than of pairs; a text: not a list of pairs.
	 */
	CHECK_INT(read_text("Приложение\nПетрова А. Н. — Иванова М. П.\n", &doc), 0);
	CHECK(!nv_import_pairs_lines(&doc, &out));
	nv_imp_doc_release(&doc);
	CHECK_INT(read_text("Пары\nПетрова А. Н. — Иванова М. П.\nРаз.\nДва.\n", &doc), 0);
	CHECK(!nv_import_pairs_lines(&doc, &out));
	nv_imp_doc_release(&doc);
	CHECK_INT(read_text("Состав группы\nПетрова А. Н. — руководитель группы\n", &doc), 0);
	CHECK(!nv_import_pairs_lines(&doc, &out));
	nv_imp_doc_release(&doc);
}

static void test_no_pairs(void)
{
	struct nv_imp_opts o = opts();
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	CHECK_INT(read_text("Наставник\tНаставляемый\nучитель математики\tученик 7 класса\n", &doc),
		  0);
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_pairs(&doc, nv_import_pairs_table(&doc), &o, "o-par", 2025, &r), -1);
	CHECK_INT(r.npairs, 0);
	CHECK_INT(r.nnewp, 0);
	CHECK_INT(r.pairs.len, 0);
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

void nv_tests(void)
{
	NV_RUN(test_which_tables);
	NV_RUN(test_names_and_people);
	NV_RUN(test_merged_rows);
	NV_RUN(test_two_mentors);
	NV_RUN(test_side_columns);
	NV_RUN(test_stamp);
	NV_RUN(test_yo);
	NV_RUN(test_namesakes);
	NV_RUN(test_programs);
	NV_RUN(test_lines);
	NV_RUN(test_no_pairs);
}
