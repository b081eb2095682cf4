/*
 * Unit tests for the import readers and recogniser (import*.c): the
 * text reader (encodings, tables, wrapped lines), the spellings of an
 * order's requisites and items, a roadmap from a text table, the
 * report, and the errors for files that are not what they say.
 * The .docx and .odt readers are tested on real files in tests/import.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "import.h"
#include "utf8.h"
#include "strlist.h"

static const struct nv_imp_person people[] = {
	{ "petrova-an", "Петрова", "Анна", "Николаевна" },
	{ "ivanova-mp", "Иванова", "Мария", "Петровна" },
};

/* Import text as kind (NULL: recognise it) into r; returns nv_import_recognise(). */
static int import_text(const char *text, const char *kind, struct nv_imp_result *r)
{
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;
	static const struct nv_imp_order orders[] = {
		{ "118-ОД", "29.08.2025", "content/orders/ob-utverzhdenii.md" },
	};
	struct nv_imp_opts o = { kind, people, 2, "МБОУ «ООШ № 2»", NULL, NULL, orders, 1 };
	int rc;

	nv_imp_doc_init(&doc);
	nv_imp_result_init(r);
	rc = nv_import_text("t.txt", text, strlen(text), &doc, &d);
	if (!rc)
		rc = nv_import_recognise(&doc, &o, r);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
	return rc;
}

static void test_text_cp1251(void)
{
	/* «ПРИКАЗ № 5» in Windows-1251: П Р И К А З, space, № (0xB9), space, 5. */
	const char text[] = "\xcf\xd0\xc8\xca\xc0\xc7 \xb9 5\n";
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;

	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_text("t.txt", text, strlen(text), &doc, &d), 0);
	CHECK_STR(doc.encoding, "Windows-1251");
	CHECK_INT(doc.n, 1);
	CHECK_STR(doc.v[0].para.text, "ПРИКАЗ № 5");
	nv_imp_doc_release(&doc);
	CHECK_INT(nv_import_text("t.txt", "\xef\xbb\xbfПРИКАЗ\r\n", 15, &doc, &d), 0);
	CHECK_STR(doc.encoding, "UTF-8");
	CHECK_STR(doc.v[0].para.text, "ПРИКАЗ");
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

static void test_decode_text(void)
{
	/* «Дарья 😀», a line break, in UTF-16LE and UTF-16BE after their byte order marks. */
	static const char le[] = "\xff\xfe\x14\x04\x30\x04\x40\x04\x4c\x04\x4f\x04\x20\x00"
				 "\x3d\xd8\x00\xde\x0a\x00";
	static const char be[] = "\xfe\xff\x04\x14\x04\x30\x04\x40\x04\x4c\x04\x4f\x00\x20"
				 "\xd8\x3d\xde\x00\x00\x0a";
	/* A UTF-8 line, then one in Windows-1251 («Белова»), then a lone surrogate in UTF-16. */
	static const char mixed[] = "Список:\n\xc1\xe5\xeb\xee\xe2\xe0\n";
	static const char lone[] = "\xff\xfe\x00\xd8\x41\x00";
	struct nv_buf b = NV_BUF_INIT;

	CHECK_STR(nv_import_decode_text(le, sizeof(le) - 1, &b), "UTF-16");
	CHECK_STR(b.ptr, "Дарья 😀\n");
	nv_buf_reset(&b);
	CHECK_STR(nv_import_decode_text(be, sizeof(be) - 1, &b), "UTF-16");
	CHECK_STR(b.ptr, "Дарья 😀\n");
	nv_buf_reset(&b);
	CHECK_STR(nv_import_decode_text(mixed, sizeof(mixed) - 1, &b), "Windows-1251");
	CHECK_STR(b.ptr, "Список:\nБелова\n");
	nv_buf_reset(&b);
	CHECK_STR(nv_import_decode_text(lone, sizeof(lone) - 1, &b), "UTF-16");
	CHECK_STR(b.ptr, "\xef\xbf\xbd"
			 "A");
	nv_buf_reset(&b);
	CHECK_STR(nv_import_decode_text("\xef\xbb\xbfДа\n", 8, &b), "UTF-8");
	CHECK_STR(b.ptr, "Да\n");
	nv_buf_release(&b);
}

static void test_text_utf16(void)
{
	/* Notepad's «Юникод»: «ПРИКАЗ», CR LF, in UTF-16LE with its BOM; it has zero bytes. */
	static const char text[] = "\xff\xfe\x1f\x04\x20\x04\x18\x04\x1a\x04\x10\x04\x17\x04"
				   "\x0d\x00\x0a\x00";
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;

	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_text("t.txt", text, sizeof(text) - 1, &doc, &d), 0);
	CHECK_STR(doc.encoding, "UTF-16");
	CHECK_INT(doc.n, 1);
	CHECK_STR(doc.v[0].para.text, "ПРИКАЗ");
	CHECK_INT((int)d.nr, 0);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

static void test_pdf_text(void)
{
	struct nv_buf pdf = NV_BUF_INIT, text = NV_BUF_INIT;
	struct nv_diags d = NV_DIAGS_INIT;

	nv_test_pdf(&pdf, "Анкета", "Белова Дарья");
	CHECK_INT(nv_import_pdf_text("a.pdf", pdf.ptr, pdf.len, &text, &d), 0);
	/* The page (empty: a scan would be too), its end, then the properties. */
	CHECK_STR(text.ptr, "\fАнкета\nБелова Дарья\n");
	CHECK_INT((int)d.nr, 0);
	nv_buf_reset(&text);
	CHECK_INT(nv_import_pdf_text("b.pdf", "%PDF-1.4\nнет", 15, &text, &d), -1);
	CHECK_INT((int)d.nr, 1);
	CHECK_STR(d.v[0].msg, "PDF повреждён и не читается");
	CHECK_INT((int)text.len, 0);
	nv_buf_release(&pdf);
	nv_buf_release(&text);
	nv_diags_release(&d);
}

/* s (UTF-8) as UTF-16LE after its byte order mark, into b. */
static void utf16_of(const char *s, struct nv_buf *b)
{
	uint32_t cp;
	size_t k;

	nv_buf_add(b, "\xff\xfe", 2);
	while (*s && (k = nv_utf8_decode(s, strlen(s), &cp))) {
		nv_buf_addch(b, (char)(cp & 0xFF));
		nv_buf_addch(b, (char)(cp >> 8));
		s += k;
	}
}

static void test_rtf_and_binary_text(void)
{
	/* Word's RTF: Windows-1251 escapes; LibreOffice's: Unicode ones with «\'3f» after each. */
	static const char rtf[] = "{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0 Times;}}"
				  "\\pard \\'c1\\'e5\\'eb\\'ee\\'e2\\'e0\\par "
				  "\\uc1\\u1044\\'3f\\u1072?\\u1088\\'3f\\u1100\\'3f\\u1103\\'3f}";
	/* A name in UTF-16 among bytes that are no text, and one of two letters, too short. */
	static const char bin[] = "\x01\x02\x11\x04\x35\x04\x3b\x04\x3e\x04\x32\x04\x30\x04"
				  "\x00\x00\xff\xfe\x14\x04\x30\x04\x00\x00";
	struct nv_buf out = NV_BUF_INIT, long_text = NV_BUF_INIT, utf16 = NV_BUF_INIT;
	size_t i;

	nv_import_rtf_text(rtf, sizeof(rtf) - 1, &out);
	CHECK(strstr(out.ptr, "Белова\nДарья") != NULL);
	nv_buf_reset(&out);
	nv_import_binary_text(bin, sizeof(bin) - 1, &out);
	CHECK_STR(out.ptr, "Белова\n");
	/* A paragraph longer than a run: no word is cut, the name at the cut among them. */
	nv_buf_reset(&out);
	nv_buf_reset(&long_text);
	/* 510 characters, so that the name crosses the 512th */
	for (i = 0; i < 102; i++)
		nv_buf_adds(&long_text, "план ");
	nv_buf_adds(&long_text, "Белова Дарья");
	for (i = 0; i < 100; i++)
		nv_buf_adds(&long_text, " план");
	utf16_of(long_text.ptr, &utf16);
	nv_import_binary_text(utf16.ptr + 2, utf16.len - 2, &out);
	CHECK(strstr(out.ptr, "Белова Дарья") != NULL);
	nv_buf_release(&long_text);
	nv_buf_release(&utf16);
	nv_buf_release(&out);
}

static void test_text_tables_and_wrapped_lines(void)
{
	const char *text = "Первая строка\nпродолжение строки\nа) пункт\n"
			   "Столбец 1\tСтолбец 2\nА\tБ\n| x | y |\n|---|---|\n| 1 | 2 |\n";
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf cell = NV_BUF_INIT;

	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_text("t.txt", text, strlen(text), &doc, &d), 0);
	CHECK_INT(doc.n, 3);
	CHECK_STR(doc.v[0].para.text, "Первая строка продолжение строки");
	CHECK_STR(doc.v[1].para.text, "а) пункт");
	CHECK_INT(doc.v[1].para.src, 3);
	CHECK(doc.v[2].table != NULL);
	CHECK_INT(doc.v[2].table->n, 4); /* the separator row is dropped */
	nv_imp_cell_text(&cell, &doc.v[2].table->rows[3].cells[1]);
	CHECK_STR(cell.ptr, "2");
	nv_buf_release(&cell);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

/*
 * Text saved from Word, a paragraph a line (most lines long, as in
 * ../shared/examples/002): a line starting with a lower-case letter is a
 * paragraph of its own after «:» or «;», and continues a line that stops
 * short (a title's line break); text wrapped by hand joins it even after
 * an abbreviation's «.».
 */
static void test_text_paragraph_a_line(void)
{
	static const char long_clause[] =
		"персонализированная программа наставничества — краткосрочная персонализированная "
		"программа, включающая описание форм и видов наставничества, участников "
		"наставнической деятельности;";
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf text = NV_BUF_INIT;

	nv_buf_addf(&text,
		    "ПОЛОЖЕНИЕ\nо наставничестве\n1.2.1. Основные понятия, используемые в "
		    "Положении:\n%s\n%s\nнаставник — участник программы наставничества.\n",
		    long_clause, long_clause);
	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_text("t.txt", text.ptr, text.len, &doc, &d), 0);
	CHECK_INT(doc.n, 5);
	CHECK_STR(doc.v[0].para.text, "ПОЛОЖЕНИЕ о наставничестве");
	CHECK_STR(doc.v[1].para.text, "1.2.1. Основные понятия, используемые в Положении:");
	CHECK_STR(doc.v[2].para.text, long_clause);
	CHECK_STR(doc.v[4].para.text, "наставник — участник программы наставничества.");
	nv_imp_doc_release(&doc);

	nv_buf_reset(&text);
	nv_buf_adds(&text, "3.1. Наставник назначается приказом от 01.09.2025 г.\nи с его "
			   "согласия; его\nполномочия:\nпомогать наставляемому.\n");
	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_text("t.txt", text.ptr, text.len, &doc, &d), 0);
	CHECK_INT(doc.n, 1);
	CHECK_STR(doc.v[0].para.text, "3.1. Наставник назначается приказом от 01.09.2025 г. и с "
				      "его согласия; его полномочия: помогать наставляемому.");
	nv_imp_doc_release(&doc);
	nv_buf_release(&text);
	nv_diags_release(&d);
}

static void test_order_spellings(void)
{
	struct nv_imp_result r;

	CHECK_INT(import_text(
			  "МБОУ «ООШ № 2»\nП Р И К А З\nот 18.10.2022\t\t№ 02-04-211\n"
			  "с. Заречное\nОб организации наставничества.\n"
			  "В целях развития наставничества,\nПРИКАЗЫВАЮ:\n"
			  "1) Назначить куратором Иванову М. П.\n2) Куратору:\nа) составить план;\n"
			  "б) провести встречу.\n3) Контроль оставляю за собой.\n"
			  "Директор\tА. Н. Петрова\nС приказом ознакомлены:\nИванова М. П.\n",
			  NULL, &r),
		  0);
	CHECK_STR(r.kind, "order");
	CHECK_STR(r.id, "ob-organizatsii-nastavnichestva");
	/* Lettered sub-items stay lettered: lines of their item after hard breaks. */
	CHECK_STR(r.text.ptr, "---\ntitle: Об организации наставничества\nnumber: 02-04-211\n"
			      "date: 18.10.2022\nplace: с. Заречное\n"
			      "preamble: В целях развития наставничества\nsignatory: petrova-an\n"
			      "acquaint: [ivanova-mp]\n---\n"
			      "1. Назначить куратором Иванову М. П.\n2. Куратору:\\\n"
			      "   а) составить план;\\\n   б) провести встречу.\n"
			      "3. Контроль оставляю за собой.\n");
	CHECK_INT(r.unplaced.nr, 0);
	CHECK_INT(r.todo.nr, 0);
	nv_imp_result_release(&r);

	CHECK_INT(import_text("ПРИКАЗ\n№ 95 от 03.03.2021\nО внедрении\nПРИКАЗЫВАЮ: 1. Внедрить.\n"
			      "1. Внедрить.\n3.1. Подпункт.\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.text.ptr, "---\ntitle: О внедрении\nnumber: 95\ndate: 03.03.2021\n---\n"
			      "1. Внедрить.\n   1. Подпункт.\n");
	nv_imp_result_release(&r);

	CHECK_INT(import_text("ПРИКАЗ\n25.09.2023 г.   № 131-од   г. Озёрск\nО плане\nПРИКАЗЫВАЮ:\n"
			      "1. Утвердить план.\n",
			      "order", &r),
		  0);
	CHECK_STR(r.text.ptr, "---\ntitle: О плане\nnumber: 131-од\ndate: 25.09.2023\n"
			      "place: г. Озёрск\n---\n1. Утвердить план.\n");
	nv_imp_result_release(&r);

	/* A scan's «N», «No» for «№»; «N5», the «N» of a word or before a name are no sign. */
	CHECK_INT(import_text("ПРИКАЗ\n25.09.2023 No. 131-од\nО плане\nПРИКАЗЫВАЮ:\n"
			      "1. Утвердить план.\n",
			      "order", &r),
		  0);
	CHECK(strstr(r.text.ptr, "\nnumber: 131-од\n") != NULL);
	nv_imp_result_release(&r);
	CHECK_INT(import_text("ПРИКАЗ\n25.09.2023 MBOU N 7-од\nО плане\nПРИКАЗЫВАЮ:\n"
			      "1. Утвердить план.\n",
			      "order", &r),
		  0);
	CHECK(strstr(r.text.ptr, "\nnumber: 7-од\n") != NULL);
	nv_imp_result_release(&r);
	CHECK_INT(import_text("ПРИКАЗ\n25.09.2023 N5 SCHOOLN 7 N. Petrova\nО плане\nПРИКАЗЫВАЮ:\n"
			      "1. Утвердить план.\n",
			      "order", &r),
		  0);
	CHECK(strstr(r.text.ptr, "\nnumber: \"\"\n") != NULL);
	nv_imp_result_release(&r);
}

static void test_order_report(void)
{
	static const char *const stamped[][2] = {
		{ "к приказу от 29.08.2025 № 118-од",
		  "добавьте id документа в appendices приказа content/orders/ob-utverzhdenii.md" },
		{ "к приказу от 29.08.2025 № 777-од",
		  "приказа от 29.08.2025 № 777-од в проекте нет: импортируйте и его, и "
		  "добавьте id документа в его appendices" },
		/* The school's name with its «№» before the order's date: not the order's number.
		 */
		{ "к приказу МБОУ «ООШ № 2» от 29.08.2025 № 118-од",
		  "добавьте id документа в appendices приказа content/orders/ob-utverzhdenii.md" },
		{ "к приказу № 118-од от 29.08.2025",
		  "добавьте id документа в appendices приказа content/orders/ob-utverzhdenii.md" },
	};
	struct nv_imp_result r;
	size_t i;

	CHECK_INT(import_text("ПРИКАЗ\nО плане\nПРИКАЗЫВАЮ:\n1. Утвердить план.\n"
			      "Директор\tИ. И. Неизвестный\nЛишний абзац в конце\n",
			      NULL, &r),
		  0);
	CHECK_INT(r.unplaced.nr, 1);
	CHECK_STR(r.unplaced.v[0], "абзац 6: «Лишний абзац в конце» — не распознан; перенесите его "
				   "в документ вручную или удалите");
	CHECK_INT(r.todo.nr, 2);
	CHECK_STR(r.todo.v[0], "не найдена дата приказа: впишите date: ДД.ММ.ГГГГ");
	/* The signatory not in people.yml becomes a new person the order names. */
	CHECK_INT(r.propose.nr, 0);
	CHECK_INT(r.nnewp, 1);
	CHECK_STR(r.newp[0].id, "neizvestnyy-ii");
	CHECK_STR(r.newp[0].surname, "Неизвестный");
	CHECK_STR(r.newp[0].name, "И.");
	CHECK_STR(r.newp[0].patronymic, "И.");
	CHECK_STR(r.newp[0].position, "директор");
	CHECK(strstr(r.text.ptr, "signatory: neizvestnyy-ii\n") != NULL);
	nv_imp_result_release(&r);

	/*
	 * An appendix: its stamp starts it, its text (to the end) is a
	 * document of its own, which `import` reads as a part of the doc.
	 */
	CHECK_INT(import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nО плане\nПРИКАЗЫВАЮ:\n1. Утвердить план "
			      "(приложение).\nДиректор\tА. Н. Петрова\nПриложение\n"
			      "к приказу от 01.09.2025 № 1\nПлан работы\nСентябрь\tВстреча\n",
			      NULL, &r),
		  0);
	CHECK_INT(r.unplaced.nr, 0);
	CHECK_INT(r.napps, 1);
	CHECK_STR(r.apps[0].stamp_text, "Приложение к приказу от 01.09.2025 № 1");
	CHECK_INT(r.apps[0].number, 1);
	CHECK_INT(r.apps[0].stamp_src, 7);
	CHECK_INT(r.apps[0].src, 9);
	CHECK_INT(r.apps[0].last_src, 10);
	nv_imp_result_release(&r);
	/* A stamp of lines: the organisation's name is one of them (a kindergarten's too). */
	CHECK_INT(
		import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nО группе\nПРИКАЗЫВАЮ:\n1. Утвердить состав "
			    "группы.\nЗаведующий\tА. Н. Петрова\nПриложение\nк приказу "
			    "заведующего\nМБДОУ «Детский сад № 5»\n01.09.2025 № 1\nСостав группы\n"
			    "Воспитатели старших групп\n",
			    NULL, &r),
		0);
	CHECK_INT(r.napps, 1);
	if (r.napps) {
		CHECK_STR(r.apps[0].stamp_text,
			  "Приложение к приказу заведующего МБДОУ «Детский сад "
			  "№ 5» 01.09.2025 № 1");
		CHECK_INT(r.apps[0].src, 11);
	}
	nv_imp_result_release(&r);
	/*
	 * «Лист ознакомления» typed as a table: each row's person, once; a
	 * name not in people.yml said at its paragraph.
	 */
	CHECK_INT(
		import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nО плане\nПРИКАЗЫВАЮ:\n1. Утвердить план.\n"
			    "Директор\tА. Н. Петрова\nЛист ознакомления\nФИО\tПодпись\tДата\n"
			    "Петрова А. Н.\t\t\nИванова М. П.\t\t\nСидоров К. Л.\t\t\n"
			    "Иванова М. П.\t\t\n",
			    NULL, &r),
		0);
	CHECK(strstr(r.text.ptr, "\nacquaint: [petrova-an, ivanova-mp]\n") != NULL);
	CHECK_INT(r.unplaced.nr, 1);
	if (r.unplaced.nr)
		CHECK_STR(r.unplaced.v[0],
			  "абзац 8, строка 4 таблицы: в листе ознакомления «Сидоров К. Л.» — этого "
			  "человека нет в people.yml: добавьте его туда и его id в "
			  "acquaint");
	nv_imp_result_release(&r);
	/*
	 * The organisation's name in capitals on two lines, as a sentence; the
	 * one who acquainted herself on the line of «С приказом ознакомлена:»;
	 * the line for the date under it.
	 */
	CHECK_INT(
		import_text("МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ\n«ОСНОВНАЯ "
			    "ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА № 2»\nПРИКАЗ\n№ 1 от 01.09.2025\nО плане\n"
			    "ПРИКАЗЫВАЮ:\n1. Утвердить план.\nДиректор\tА. Н. Петрова\nС приказом "
			    "ознакомлена:   ________ М. П. Иванова\n«__» ________ 2025 г.\n",
			    NULL, &r),
		0);
	CHECK_STR(r.org[NV_IMP_ORG_NAME], "Муниципальное бюджетное общеобразовательное учреждение "
					  "«Основная общеобразовательная школа № 2»");
	CHECK(r.org[NV_IMP_ORG_SHORT] == NULL);
	CHECK_STR(r.found.v[1],
		  "организация: «МУНИЦИПАЛЬНОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ "
		  "УЧРЕЖДЕНИЕ «ОСНОВНАЯ ОБЩЕОБРАЗОВАТЕЛЬНАЯ ШКОЛА № 2»» (абзацы 1–2)");
	CHECK(strstr(r.text.ptr, "\nacquaint: [ivanova-mp]\n") != NULL);
	CHECK_INT(r.unplaced.nr, 0);
	nv_imp_result_release(&r);
	/*
	 * A положение saved from its order's file keeps the stamp at its top:
	 * the order it names (by its number, not the appendix's «№ 1») is
	 * told, or that the project has none such.
	 */
	for (i = 0; i < NV_ARRAY_SIZE(stamped); i++) {
		char *text = nv_xasprintf("Приложение № 1\n%s\nПОЛОЖЕНИЕ\n"
					  "о совете\n1. Общие положения\n1.1. Текст.\n",
					  stamped[i][0]);

		CHECK_INT(import_text(text, NULL, &r), 0);
		CHECK_INT(r.todo.nr, 1);
		if (r.todo.nr)
			CHECK_STR(r.todo.v[0], stamped[i][1]);
		nv_imp_result_release(&r);
		free(text);
	}
	/* A form appended to the положение names the order that approves it: still the положение's.
	 */
	CHECK_INT(
		import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nОб утверждении положения\nПРИКАЗЫВАЮ:\n"
			    "1. Утвердить положение (приложение).\nДиректор\tА. Н. Петрова\n"
			    "Приложение\nк приказу от 01.09.2025 № 1\nПОЛОЖЕНИЕ\nо совете\n"
			    "1. Общие положения\n1.1. Текст.\nПриложение 1\nк Положению о совете, "
			    "утверждённому приказом от 01.09.2025 № 1\nФорма отчёта\n",
			    NULL, &r),
		0);
	CHECK_INT(r.napps, 1);
	if (r.napps)
		CHECK_INT(r.apps[0].last_src, 15);
	nv_imp_result_release(&r);
	/* A stamp with nothing after it is reported, as a requisite. */
	CHECK_INT(import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nО плане\nПРИКАЗЫВАЮ:\n1. Утвердить план "
			      "(приложение).\nДиректор\tА. Н. Петрова\nПриложение\n"
			      "к приказу от 01.09.2025 № 1\n",
			      NULL, &r),
		  0);
	CHECK_INT(r.napps, 0);
	CHECK_STR(r.found.v[r.found.nr - 1],
		  "штамп приложения: «Приложение к приказу от 01.09.2025 № 1» (абзац 7); текст "
		  "приложения импортируйте отдельным документом и укажите его id в appendices");
	nv_imp_result_release(&r);

	/* The organisation of site.yml is no proposal; another founder is. */
	CHECK_INT(import_text("МБОУ «ООШ № 2»\nУправление образования\nПРИКАЗ\n№ 1 от 01.09.2025\n"
			      "О плане\nПРИКАЗЫВАЮ:\n1. Утвердить.\n"
			      "И.о. директора ________ Петрова А.Н.\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.org[NV_IMP_ORG_SHORT], "МБОУ «ООШ № 2»");
	CHECK(r.org[NV_IMP_ORG_NAME] == NULL);
	CHECK_STR(r.org[NV_IMP_ORG_FOUNDER], "Управление образования");
	CHECK_INT(r.nnewp, 0);
	CHECK(strstr(r.text.ptr, "signatory: petrova-an\n") != NULL);
	nv_imp_result_release(&r);
}

/* New people appended once, after a comment naming the source; a missing newline first. */
static void test_people_add(void)
{
	struct nv_imp_result r;
	struct nv_strlist have = NV_STRLIST_INIT;
	struct nv_buf out = NV_BUF_INIT;

	CHECK_INT(import_text("ПРИКАЗ\n№ 1 от 01.09.2025\nО плане\nПРИКАЗЫВАЮ:\n1. Утвердить.\n"
			      "Директор\tС. Зайцева\n",
			      NULL, &r),
		  0);
	nv_strlist_add(&have, "petrova-an");
	nv_import_people_add(&out, &r, "a.txt", 'x', &have);
	CHECK_STR(out.ptr, "\n\n# добавлено nastavnik import из a.txt — проверьте имя, отчество "
			   "и publish\n- id: zaytseva-s\n  surname: Зайцева\n  name: С.\n"
			   "  category: teacher\n  position: директор\n  publish: none\n");
	nv_buf_reset(&out);
	nv_import_people_add(&out, &r, "b.txt", '\n', &have);
	CHECK_INT(out.len, 0);
	nv_imp_result_release(&r);
	nv_strlist_release(&have);
	nv_buf_release(&out);
}

/* Keys site.yml lacks go under organization: at its indentation; the rest is kept. */
static void test_site_merge(void)
{
	const char *site = "# Школа\norganization:\n    name: Школа № 2\n    # адрес позже\n"
			   "    place: с. Заречное\n\n# печать\nprint:\n  size: 14\n";
	const char *flow = "organization: { name: Ш }\n";
	const char *found[NV_IMP_ORG_KEYS] = { "Другая школа", "ООШ № 2", "Управление: отдел" };
	const char *have[NV_IMP_ORG_KEYS] = { "Школа № 2", NULL, NULL };
	struct nv_strlist added = NV_STRLIST_INIT, notes = NV_STRLIST_INIT;
	struct nv_buf out = NV_BUF_INIT;

	CHECK_INT(nv_import_site_merge(site, strlen(site), found, have, &out, &added, &notes), 2);
	CHECK_STR(out.ptr, "# Школа\norganization:\n    name: Школа № 2\n    # адрес позже\n"
			   "    place: с. Заречное\n    short_name: ООШ № 2\n"
			   "    founder: \"Управление: отдел\"\n\n# печать\nprint:\n  size: 14\n");
	CHECK_STR(added.v[1], "    founder: \"Управление: отдел\"");
	CHECK_INT(notes.nr, 1);
	CHECK_STR(notes.v[0], "site.yml, organization.name: в документе «Другая школа», в "
			      "site.yml «Школа № 2» — не изменено; проверьте, что верно");
	/* A flow map cannot take a key: said, and nothing changes. */
	CHECK_INT(nv_import_site_merge(flow, strlen(flow), found, have, &out, &added, &notes), 0);
	CHECK_STR(out.ptr, "organization: { name: Ш }\n");
	CHECK_INT(notes.nr, 2);
	nv_strlist_release(&added);
	nv_strlist_release(&notes);
	nv_buf_release(&out);
}

static void test_position_and_roadmap(void)
{
	struct nv_imp_result r;

	CHECK_INT(import_text("ПРИНЯТО\nПедагогическим советом\n(протокол № 3 от 30.08.2024)\n"
			      "ПОЛОЖЕНИЕ\nо наставничестве обучающихся\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n"
			      "1.1. Текст пункта.\n– первый;\n– второй.\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.kind, "position");
	CHECK_STR(r.text.ptr,
		  "---\ntitle: Положение о наставничестве обучающихся\napproval:\n"
		  "  - label: ПРИНЯТО\n    body: педагогическим советом\n"
		  "    protocol: { number: 3, date: 30.08.2024 }\naudience: students\n---\n"
		  "# 1. Общие положения\n\n1.1. Текст пункта.\n\n- первый;\n- второй.\n");
	nv_imp_result_release(&r);

	CHECK_INT(import_text("ДОРОЖНАЯ КАРТА\nна 2025-2026 учебный год\n"
			      "№\tМероприятие\tСрок\tОтветственный\n1\t2\t3\t4\n"
			      "\t1. Подготовка\t\t\n1.1\tИздание приказа\tАвгуст 2025\tДиректор\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.kind, "roadmap");
	CHECK_STR(r.text.ptr,
		  "---\ntitle: Дорожная карта на 2025-2026 учебный год\n"
		  "academic_year: 2025–2026\nsections:\n  - title: Подготовка\n    items:\n"
		  "      - title: Издание приказа\n        due: Август 2025\n"
		  "        responsible: Директор\n---\n");
	nv_imp_result_release(&r);
}

static void test_space_aligned_table(void)
{
	struct nv_imp_result r;

	CHECK_INT(import_text("ПЛАН МЕРОПРИЯТИЙ на 2025–2026 учебный год\n"
			      "№    Мероприятие        Срок           Ответственный\n"
			      "1.   Издание приказа    Август 2025    Директор\n"
			      "2.   Анкетирование      Сентябрь 2025  Куратор\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.kind, "roadmap");
	CHECK_STR(r.text.ptr,
		  "---\ntitle: План мероприятий на 2025–2026 учебный год\n"
		  "academic_year: 2025–2026\nsections:\n  - title: Мероприятия\n    items:\n"
		  "      - title: Издание приказа\n        due: Август 2025\n"
		  "        responsible: Директор\n      - title: Анкетирование\n"
		  "        due: Сентябрь 2025\n        responsible: Куратор\n---\n");
	CHECK_INT(r.todo.nr, 1);
	CHECK_STR(r.todo.v[0], "мероприятия до первого раздела собраны в раздел «Мероприятия»: "
			       "переименуйте его");
	nv_imp_result_release(&r);
}

static void test_body_headings_and_tables(void)
{
	struct nv_imp_result r;

	CHECK_INT(import_text("# Формы и шаблоны\n## Бланки\nТекст с *звёздочкой*.\n"
			      "| Форма | Кому |\n|---|---|\n| Анкета | наставнику |\n"
			      "1. первый;\n2. второй.\n",
			      "page", &r),
		  0);
	CHECK_STR(r.text.ptr,
		  "---\ntitle: Формы и шаблоны\n---\n## Бланки\n\n"
		  "Текст с \\*звёздочкой\\*.\n\n```table\nheader:\n  - - \"Форма\"\n"
		  "    - \"Кому\"\nrows:\n  - - \"Анкета\"\n    - \"наставнику\"\n```\n\n"
		  "1. первый;\n2. второй.\n");
	CHECK_STR(r.found.v[r.found.nr - 2], "таблица: 1 строка (абзац 4)");
	nv_imp_result_release(&r);

	/* A protocol's date on the next line; УТВЕРЖДАЮ with a person and a date in words. */
	CHECK_INT(import_text("СОГЛАСОВАНО\nПредседатель профкома\nПротокол № 4\nот 27.08.2025\n\n"
			      "УТВЕРЖДАЮ\nДиректор МБОУ «ООШ № 2»\n__________ А.Н. Петрова\n"
			      "«29» августа 2025 г.\n\nПОЛОЖЕНИЕ\nо наставничестве\n",
			      NULL, &r),
		  0);
	CHECK_STR(r.text.ptr, "---\ntitle: Положение о наставничестве\napproval:\n"
			      "  - label: СОГЛАСОВАНО\n    body: председатель профкома\n"
			      "    protocol: { number: 4, date: 27.08.2025 }\n"
			      "  - label: УТВЕРЖДАЮ\n    person: petrova-an\n    date: 29.08.2025\n"
			      "audience: teachers\n---\n");
	nv_imp_result_release(&r);

	/*
	 * УТВЕРЖДЕНО приказом of the project (its number folded) is derived
	 * from the order: reported, not written.
	 */
	CHECK_INT(import_text("УТВЕРЖДЕНО\nприказом от 29.08.2025 № 118-од\nПОЛОЖЕНИЕ\n"
			      "о наставничестве педагогов\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Текст.\n",
			      NULL, &r),
		  0);
	CHECK(!strstr(r.text.ptr, "approval"));
	CHECK_INT(r.todo.nr, 1);
	CHECK_STR(r.todo.v[0], "добавьте id документа в appendices приказа "
			       "content/orders/ob-utverzhdenii.md (блок «УТВЕРЖДЕНО приказом» "
			       "nastavnik выводит сам)");
	nv_imp_result_release(&r);
	/* Of an order the project does not have (another date): the block cites it. */
	CHECK_INT(import_text("УТВЕРЖДЕНО\nприказом от 28.08.2024 № 118-од\nПОЛОЖЕНИЕ\n"
			      "о наставничестве педагогов\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Текст.\n",
			      NULL, &r),
		  0);
	CHECK(strstr(r.text.ptr, "approval:\n  - label: УТВЕРЖДЕНО\n"
				 "    order: { number: 118-од, date: 28.08.2024 }\n") != NULL);
	CHECK_INT(r.todo.nr, 0);
	nv_imp_result_release(&r);

	/*
	 * A section in sentence case whose title runs over a hundred letters
	 * (as in a real положение) is a heading when its first clause follows.
	 */
	CHECK_INT(import_text("ПОЛОЖЕНИЕ\nо наставничестве педагогов\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n"
			      "1.1. Текст.\n7. Оценка эффективности и результативности реализации "
			      "наставничества, персонализированных программ наставничества.\n"
			      "7.1. Оценка проводится ежегодно.\n",
			      "position", &r),
		  0);
	CHECK(strstr(r.text.ptr,
		     "\n# 7. Оценка эффективности и результативности реализации "
		     "наставничества, персонализированных программ наставничества\n") != NULL);
	nv_imp_result_release(&r);

	/*
	 * «З.» (the letter) for the digit of section 3, told by its first
	 * clause «3.1.», is written «# 3.» and said; without the clause it stays.
	 */
	CHECK_INT(import_text("ПОЛОЖЕНИЕ\nо наставничестве педагогов\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n"
			      "1.1. Текст.\n2. ЦЕЛИ\n2.1. Текст.\nЗ. Порядок организации "
			      "наставничества.\n"
			      "3.1. Текст.\nЗ. Это не раздел.\n",
			      "position", &r),
		  0);
	CHECK(strstr(r.text.ptr, "\n# 3. Порядок организации наставничества\n") != NULL);
	CHECK(strstr(r.text.ptr, "\nЗ. Это не раздел.\n") != NULL);
	CHECK(nv_strlist_has(&r.found, "раздел 3: номер «З.» написан буквой, записан цифрой «3.»"));
	nv_imp_result_release(&r);

	/*
	 * Sections typed as numbered lines with no clauses after them (a real
	 * дорожная карта): «2. Формы наставничества» and «3. Этапы программы»
	 * are headings, being two of a row, and the list after «4. Ожидаемый
	 * результат» starts again at 1; the items of a list, without their
	 * full stops, and a lone numbered line stay items.
	 */
	CHECK_INT(import_text("ПОЛОЖЕНИЕ\nо наставничестве педагогов\nВведение.\n"
			      "2. Формы наставничества\nФорма — это способ.\n3. Этапы программы\n"
			      "1. Подготовка условий\n2. Отбор наставников\nТекст.\n"
			      "4. Ожидаемый результат\n1. Рост числа обучающихся\n"
			      "2. Рост числа наставников\nТекст.\n9. Приложение\nТекст.\n",
			      "position", &r),
		  0);
	CHECK(strstr(r.text.ptr, "\n# 2. Формы наставничества\n") != NULL);
	CHECK(strstr(r.text.ptr, "\n# 3. Этапы программы\n") != NULL);
	CHECK(strstr(r.text.ptr, "\n# 4. Ожидаемый результат\n\n1. Рост числа обучающихся\n") !=
	      NULL);
	CHECK(strstr(r.text.ptr, "\n1. Подготовка условий\n2. Отбор наставников\n") != NULL);
	CHECK(strstr(r.text.ptr, "\n9. Приложение\n") != NULL);
	nv_imp_result_release(&r);
}

/* The todo of r that starts with prefix, or NULL. */
static const char *todo_of(const struct nv_imp_result *r, const char *prefix)
{
	size_t i;

	for (i = 0; i < r->todo.nr; i++)
		if (!strncmp(r->todo.v[i], prefix, strlen(prefix)))
			return r->todo.v[i];
	return NULL;
}

/*
 * A scan read as Latin (as in a real дорожная карта) is kept and said, its
 * first paragraph quoted; English words, an address and a short Latin
 * line are not.
 */
static void test_misread_scan(void)
{
	struct nv_imp_result r;
	const char *t;

	CHECK_INT(import_text(
			  "ПОЛОЖЕНИЕ\nо наставничестве\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Текст.\n"
			  "ILaas sepopusiuii («a0posaas kapra) MBOOY CTJL HIUI paspaSoraa\n"
			  "Muscreperna npocaeumenns Pocciickoit Oeaeparuii or 25.12.2019 "
			  "METO0710rH (eGS0 MOZCH)\n"
			  "Mentoring in Schools: A Handbook for Teachers, 2019 https://example.org/"
			  "mentoringHandbook2019\nCTJL HIUI\n",
			  "position", &r),
		  0);
	CHECK((t = todo_of(&r, "абзацев латиницей вместо русского текста: 2, первый — абзац 5: "
			       "«ILaas sepopusiuii («a0posaas kapra) MBOO…»")) != NULL);
	CHECK(strstr(r.text.ptr, "ILaas sepopusiuii") != NULL);
	nv_imp_result_release(&r);
}

/* A cell of row r: colspan cs, rowspan rs, its paragraphs' texts (NULL-ended). */
static struct nv_imp_cell *cell(struct nv_imp_doc *doc, struct nv_imp_row *r, int cs, int rs,
				const char *text)
{
	struct nv_imp_cell *c = nv_imp_add_cell(r, cs, rs, false);

	if (text)
		nv_imp_add_para(doc, c, text, strlen(text));
	return c;
}

/* A list item of cell c: number (NULL for a bullet) at level. */
static void item(struct nv_imp_doc *doc, struct nv_imp_cell *c, const char *number, int level,
		 const char *text)
{
	struct nv_imp_para *p = nv_imp_add_para(doc, c, text, strlen(text));

	p->number = number ? nv_xstrdup(number) : NULL;
	p->bullet = !number;
	p->level = level;
}

/*
 * A table in a body as a ```table block: the caption above it, the
 * header before the number row, widths in proportion, a cell with a
 * paragraph, a numbered list and dash sub-items, italic, a mention, and
 * merged cells; then one whose header row is marked as such, and one
 * whose header row is bold.
 */
static void test_table_block(void)
{
	struct nv_imp_doc doc;
	struct nv_imp_opts o = { "page", people, 2, NULL, NULL, NULL };
	struct nv_imp_result r;
	struct nv_imp_table *t;
	struct nv_imp_row *row;
	struct nv_imp_cell *c;
	struct nv_imp_para *p;

	nv_imp_doc_init(&doc);
	nv_imp_add_para(&doc, NULL, "Памятка", strlen("Памятка"));
	p = nv_imp_add_para(&doc, NULL, "Кто за что отвечает", strlen("Кто за что отвечает"));
	p->style = nv_xstrdup("Caption");
	t = nv_imp_add_table(&doc);
	t->widths[0] = 2268, t->widths[1] = 6803, t->nwidths = 2;
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, 1, "Кто");
	cell(&doc, row, 1, 1, "Что");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, 1, "1");
	cell(&doc, row, 1, 1, "2");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, 2, "Куратор: \"главный\"");
	c = cell(&doc, row, 1, 1, "Куратор Петрова А. Н.:");
	item(&doc, c, "1.", 0, "Формирует базу.");
	item(&doc, c, "2.", 0, "Проводит мониторинг:");
	item(&doc, c, NULL, 1, "итоговый;");
	p = nv_imp_add_para(&doc, c, "ведёт журнал наставника.",
			    strlen("ведёт журнал наставника."));
	p->md = nv_xstrdup("ведёт *журнал* наставника.");
	p->bullet = true, p->level = 0;
	row = nv_imp_add_row(t);
	nv_imp_add_cell(row, 1, 1, true);
	cell(&doc, row, 1, 1, NULL);
	row = nv_imp_add_row(t);
	cell(&doc, row, 2, 1, "Итоги — в июне.");
	t = nv_imp_add_table(&doc);
	row = nv_imp_add_row(t);
	row->header = true;
	cell(&doc, row, 1, 1, "Показатель");
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, 1, "Число пар");
	t = nv_imp_add_table(&doc);
	row = nv_imp_add_row(t);
	c = cell(&doc, row, 1, 1, "Срок");
	c->paras[0].bold = true;
	row = nv_imp_add_row(t);
	cell(&doc, row, 1, 1, "Май");
	nv_imp_result_init(&r);
	CHECK_INT(nv_import_recognise(&doc, &o, &r), 0);
	CHECK_STR(strstr(r.text.ptr, "---\n```"),
		  "---\n```table\ncaption: \"Кто за что отвечает\"\nwidths: [1, 3]\nheader:\n"
		  "  - - \"Кто\"\n    - \"Что\"\nnumbers: true\nrows:\n"
		  "  - - text: \"Куратор: \\\"главный\\\"\"\n      rowspan: 2\n"
		  "    - |\n"
		  "        Куратор [Петрова А. Н.](@petrova-an):\n\n"
		  "        1. Формирует базу.\n        2. Проводит мониторинг:\n"
		  "           - итоговый;\n        - ведёт *журнал* наставника.\n"
		  "  - - \"\"\n  - - text: \"Итоги — в июне.\"\n      colspan: 2\n```\n\n"
		  "```table\nheader:\n  - - \"Показатель\"\nrows:\n  - - \"Число пар\"\n```\n\n"
		  "```table\nheader:\n  - - \"Срок\"\nrows:\n  - - \"Май\"\n```\n");
	CHECK_STR(r.found.v[2], "таблица: 3 строки (абзац 3), подпись: Кто за что отвечает");
	CHECK_STR(r.found.v[3], "таблица: 1 строка (абзац 14)");
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
}

/* Sentence case of an upper-case line: abbreviations and a name in quotes stay as typed. */
static void test_sentence(void)
{
	static const char *const cases[][2] = {
		{ "ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ В МАОУ «СОШ № 14»",
		  "Положение о наставничестве в МАОУ «СОШ № 14»" },
		{ "О ПРОВЕДЕНИИ КОНКУРСА «НАСТАВНИК ГОДА — 2026» В ШКОЛЕ",
		  "О проведении конкурса «НАСТАВНИК ГОДА — 2026» в школе" },
		{ "ОБЩИЕ ПОЛОЖЕНИЯ", "Общие положения" },
		{ "ПОЛОЖЕНИЕ о наставничестве", "Положение о наставничестве" },
		/* Abbreviations that read like words, and one that opens the title. */
		{ "ПОЛОЖЕНИЕ О ШМО УЧИТЕЛЕЙ НАЧАЛЬНЫХ КЛАССОВ",
		  "Положение о ШМО учителей начальных классов" },
		{ "ПЛАН РАБОТЫ МО КЛАССНЫХ РУКОВОДИТЕЛЕЙ ПО ПОДГОТОВКЕ К ОГЭ",
		  "План работы МО классных руководителей по подготовке к ОГЭ" },
		{ "МБОУ «СОШ № 5» ПРОГРАММА НАСТАВНИЧЕСТВА",
		  "МБОУ «СОШ № 5» программа наставничества" },
		{ "О ПЛАНЕ", "О плане" },
		{ "ОБЩИЕ ПОЛОЖЕНИЯ О РАБОТЕ ЗАМЕСТИТЕЛЯ ПО УВР В СОШ № 3",
		  "Общие положения о работе заместителя по УВР в СОШ № 3" },
	};
	size_t i;
	char *s;

	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		s = nv_imp_sentence(cases[i][0]);
		CHECK_STR(s, cases[i][1]);
		free(s);
	}
	CHECK(nv_imp_is_upper("ДЕНЬ НАСТАВНИКА — 2026"));
	CHECK(!nv_imp_is_upper("День НАСТАВНИКА"));
	CHECK(!nv_imp_is_upper("2026 — 14"));
}

static void test_not_what_the_name_says(void)
{
	struct nv_imp_doc doc;
	struct nv_diags d = NV_DIAGS_INIT;

	nv_imp_doc_init(&doc);
	CHECK_INT(nv_import_docx("a.docx", "ПРИКАЗ", strlen("ПРИКАЗ"), &doc, &d), -1);
	CHECK_INT(d.nr, 1);
	CHECK_STR(d.v[0].msg, "это не документ Word (.docx): файл не является архивом ZIP");
	CHECK_INT(nv_import_odt("a.odt", "PK\3\4broken", 10, &doc, &d), -1);
	CHECK_STR(d.v[1].msg, "архив ZIP повреждён: документ LibreOffice (.odt) не читается");
	CHECK_INT(nv_import_text("a.txt", "a\0b", 3, &doc, &d), -1);
	CHECK_STR(d.v[2].msg, "в файле нулевой байт: это не текстовый файл");
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

/* doc read from text, with n pictures (no bytes) in the paragraphs src[], as a reader finds them.
 */
static void text_with_pictures(struct nv_imp_doc *doc, const char *text, const int *src, size_t n,
			       struct nv_diags *d)
{
	size_t i;

	nv_imp_doc_init(doc);
	CHECK_INT(nv_import_text("t.txt", text, strlen(text), doc, d), 0);
	NV_GROW(doc->pics, n, doc->alloc_pics);
	memset(doc->pics, 0, n * sizeof(*doc->pics));
	for (i = 0; i < n; i++)
		doc->pics[i].src = src[i];
	doc->npics = n;
}

/*
 * An order and its appendix in one text, as `import` splits them: the
 * appendix a part of the doc's blocks (its pictures with it), recognised
 * by its own text; the order without it lists it in appendices, in the
 * long form when it is not for the site.
 */
static void test_order_parts(void)
{
	const char text[] = "ПРИКАЗ\n№ 1 от 01.09.2025\nО составе группы\nПРИКАЗЫВАЮ:\n"
			    "1. Утвердить состав группы (приложение).\nДиректор\tА. Н. Петрова\n"
			    "Приложение\nк приказу от 01.09.2025 № 1\nСостав группы\n"
			    "Петрова Анна, куратор\n";
	static const char *const ids[] = { "sostav-gruppy" };
	static const bool web[] = { false };
	struct nv_imp_opts o = { NULL, people, 2, NULL, NULL, NULL, NULL, 0 };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_imp_doc doc, part;
	struct nv_imp_result r, pr;
	size_t from[2], to[2];

	nv_imp_result_init(&r);
	/* Two pictures, as a reader finds them: in the order's item and in the appendix. */
	text_with_pictures(&doc, text, (const int[]){ 5, 10 }, 2, &d);
	doc.images = 3;
	CHECK_INT(nv_import_recognise(&doc, &o, &r), 0);
	CHECK_INT(r.napps, 1);
	nv_imp_doc_part(&doc, &r.apps[0].first, &r.apps[0].end, 1, false, &part);
	CHECK_INT(part.n, 2);
	CHECK_STR(part.v[0].para.text, "Состав группы");
	CHECK_INT(part.npics, 1);
	CHECK_INT(part.pics[0].src, 10);
	CHECK_INT(part.images, 0);
	o.appendix = true;
	nv_imp_result_init(&pr);
	CHECK_INT(nv_import_recognise(&part, &o, &pr), 0);
	CHECK_STR(pr.kind, "page");
	CHECK_STR(pr.id, "sostav-gruppy");
	CHECK_STR(pr.found.v[0], "вид: страница — нет слов ПОЛОЖЕНИЕ, ДОРОЖНАЯ КАРТА, ПРОГРАММА");
	CHECK(strstr(pr.text.ptr, "---\nПетрова Анна, куратор\n") != NULL);
	nv_imp_result_release(&pr);
	nv_imp_doc_release(&part);

	from[0] = 0;
	to[0] = r.apps[0].stamp;
	from[1] = r.apps[0].end;
	to[1] = doc.n;
	nv_imp_doc_part(&doc, from, to, 2, true, &part);
	CHECK_INT(part.npics, 1);
	CHECK_INT(part.pics[0].src, 5);
	CHECK_INT(part.images, 3);
	o.appendix = false;
	o.appendices = ids;
	o.appendix_web = web;
	o.nappendices = 1;
	nv_imp_result_init(&pr);
	CHECK_INT(nv_import_recognise(&part, &o, &pr), 0);
	CHECK_INT(pr.napps, 0);
	CHECK(strstr(pr.text.ptr, "\nappendices: [{id: sostav-gruppy, web: false}]\n") != NULL);
	CHECK_INT(pr.unplaced.nr, 0);
	nv_imp_result_release(&pr);
	nv_imp_doc_release(&part);
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

/*
 * Pictures among an order's requisites — a logo above its header, a
 * signature's scan beside the signature — are not taken and are said as
 * such, not with the advice to put them back into the text; one in an
 * item (the items are a numbered list) is skipped with that advice.
 */
static void test_head_pictures(void)
{
	const char text[] = "МБОУ «ООШ № 2»\nПРИКАЗ\n№ 1 от 01.09.2025\nО плане\nПРИКАЗЫВАЮ:\n"
			    "1. Утвердить план.\nДиректор\tА. Н. Петрова\n";
	const char advice[] = "пропущено: рисунков — 1, встроенных объектов — 0; ";
	struct nv_imp_opts o = { NULL, people, 2, NULL, NULL, NULL, NULL, 0 };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_imp_doc doc;
	struct nv_imp_result r;

	nv_imp_result_init(&r);
	text_with_pictures(&doc, text, (const int[]){ 1, 6, 7 }, 3, &d);
	CHECK_INT(nv_import_recognise(&doc, &o, &r), 0);
	CHECK_INT(r.nfiles, 0);
	CHECK(r.found.nr >= 2);
	if (r.found.nr >= 2) {
		CHECK_STR(r.found.v[r.found.nr - 2],
			  "пропущено рисунков в шапке и подписи: 2, первый — в абзаце 1: герб, "
			  "логотип, подпись и печать не переносятся — шапку и подпись документа "
			  "nastavnik печатает сам");
		CHECK(!strncmp(r.found.v[r.found.nr - 1], advice, strlen(advice)));
	}
	nv_imp_result_release(&r);
	nv_imp_doc_release(&doc);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_misread_scan);
	NV_RUN(test_text_cp1251);
	NV_RUN(test_decode_text);
	NV_RUN(test_text_utf16);
	NV_RUN(test_pdf_text);
	NV_RUN(test_rtf_and_binary_text);
	NV_RUN(test_text_tables_and_wrapped_lines);
	NV_RUN(test_text_paragraph_a_line);
	NV_RUN(test_order_spellings);
	NV_RUN(test_order_report);
	NV_RUN(test_order_parts);
	NV_RUN(test_head_pictures);
	NV_RUN(test_people_add);
	NV_RUN(test_site_merge);
	NV_RUN(test_position_and_roadmap);
	NV_RUN(test_space_aligned_table);
	NV_RUN(test_body_headings_and_tables);
	NV_RUN(test_table_block);
	NV_RUN(test_not_what_the_name_says);
	NV_RUN(test_sentence);
}
