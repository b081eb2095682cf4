/* Unit tests for md_table.c: ```table blocks read into cells, their positions and mistakes. */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "harness.h"
#include "html_md.h"
#include "markdown.h"
#include "md_table.h"

#define NB "\xC2\xA0"

static const char table_text[] = "Текст.\n"
				 "\n"
				 "```table\n"
				 "caption: Уровни\n"
				 "widths: [1, 3]\n"
				 "header: [Уровень, Ответственность]\n"
				 "numbers: true\n"
				 "rows:\n"
				 "  - [Школа, \"Директор: \\\"план\\\" - и отчёт\"]\n"
				 "  - - {text: Куратор, rowspan: 2}\n"
				 "    - |\n"
				 "      1. Пункт, [Лебедева А. С.](@lebedeva-as).\n"
				 "  - [\"*итог*\"]\n"
				 "```\n";

static void test_cells_and_spans(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_md *md = nv_md_parse_file(table_text, strlen(table_text), 5, 0, "x.md", &d);
	const struct nv_md_table *t;

	CHECK_INT(d.nr, 0);
	CHECK_INT(md->nr_tables, 1);
	t = md->tables[0];
	CHECK(nv_md_table_of(t->node) == t);
	CHECK(nv_md_part(t->caption_node) == NV_MD_PART_CAPTION);
	CHECK_INT(t->ncols, 2);
	CHECK_INT(t->nrows, 4);
	CHECK_INT(t->nheader, 1);
	CHECK(t->numbers);
	CHECK(t->widths[1] == 3);
	CHECK_INT(t->ncells, 7);
	CHECK(t->cells[0].header && t->cells[0].row_first && !t->cells[0].row_last);
	CHECK_INT(t->cells[4].rowspan, 2);
	CHECK_INT(t->cells[6].row, 3);
	CHECK_INT(t->cells[6].col, 1);
	CHECK(t->cells[6].row_first && t->cells[6].row_last);
	CHECK(nv_md_cell_of(t->cells[5].node) == &t->cells[5]);
	/* typography inside a cell */
	CHECK_STR(cmark_node_get_literal(
			  cmark_node_first_child(cmark_node_first_child(t->cells[3].node))),
		  "Директор: «план»" NB "— и" NB "отчёт");
	/* the mention in the «|» block is placed in the file: line 5 + 11, after the indent */
	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 16);
	CHECK_INT(md->links[0].col, 17);
	nv_md_free(md);
	nv_diags_release(&d);
}

static void test_html(void)
{
	struct nv_md *md = nv_md_parse_file(table_text, strlen(table_text), 1, 0, "x.md", NULL);
	struct nv_buf out = NV_BUF_INIT;
	char *const texts[] = { (char *)"Лебедева А. С." };

	nv_html_md_render(&out, md, NULL, texts, 0);
	CHECK_STR(out.ptr,
		  "<p>Текст.</p>\n"
		  "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
		  "aria-label=\"Уровни\">\n"
		  "<table class=\"md-table\">\n"
		  "<caption>Уровни</caption>\n"
		  "<colgroup><col style=\"width: 25.0%\" /><col style=\"width: 75.0%\" "
		  "/></colgroup>\n"
		  "<thead>\n"
		  "<tr><th scope=\"col\">Уровень</th><th scope=\"col\">Ответственность</th></tr>\n"
		  "<tr class=\"col-numbers\"><td>1</td><td>2</td></tr>\n"
		  "</thead>\n"
		  "<tbody>\n"
		  "<tr><th scope=\"row\">Школа</th><td>Директор: «план»" NB "— и" NB
		  "отчёт</td></tr>\n"
		  "<tr><th scope=\"row\" rowspan=\"2\">Куратор</th><td>\n"
		  "<ol>\n"
		  "<li>Пункт, Лебедева А. С..</li>\n"
		  "</ol></td></tr>\n"
		  "<tr><td><em>итог</em></td></tr>\n"
		  "</tbody>\n"
		  "</table>\n"
		  "</div>\n");
	nv_buf_release(&out);
	nv_md_free(md);
}

/* Parse `text` as a body at line 1 and return its first diagnostic as «L:C: msg». */
static char *first_error(const char *text)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_md *md = nv_md_parse_file(text, strlen(text), 1, 0, "x.md", &d);
	char *s;

	s = d.nr ? nv_xasprintf("%d:%d: %s", d.v[0].line, d.v[0].col, d.v[0].msg) : nv_xstrdup("");
	/* a table with a mistake stays code */
	if (d.nr && md->nr_tables)
		s[0] = '!';
	nv_md_free(md);
	nv_diags_release(&d);
	return s;
}

static void test_mistakes(void)
{
	char *s;

	s = first_error("```table\nheader: [a, b]\nrows:\n  - [a]\n```\n");
	CHECK_STR(s, "4:5: в строке таблицы не хватает ячеек: пустых столбцов 1 из 2");
	free(s);
	s = first_error("```table\nrows:\n  - [a, b]\n  - [a, b, c]\n```\n");
	CHECK_STR(s, "4:12: ячейка выходит за правый край таблицы: в таблице 2 столбца");
	free(s);
	s = first_error("```table\nrows:\n  - [{text: a, rowspan: 2}, b]\n```\n");
	CHECK_STR(s, "3:6: ячейка выходит за нижний край таблицы: rowspan: 2, а строк до края "
		     "(с этой): 1");
	free(s);
	s = first_error("```table\nrows: [[a, b]\n```\n");
	CHECK(s[0] && s[0] != '!');
	free(s);
	/* a code block of another language is left alone */
	s = first_error("```yaml\nrows: [\n```\n");
	CHECK_STR(s, "");
	free(s);
}

/* A mention in the caption is placed after the quote that opens it. */
static void test_caption_position(void)
{
	const char *text = "```table\ncaption: \"План [X](@x)\"\nrows:\n  - [a]\n```\n";
	struct nv_md *md = nv_md_parse_file(text, strlen(text), 3, 0, "x.md", NULL);

	CHECK_INT(md->nr_tables, 1);
	CHECK(nv_md_part(md->tables[0]->caption_node) == NV_MD_PART_CAPTION);
	CHECK(nv_md_text_of(md->tables[0]->caption_node) == &md->tables[0]->caption);
	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 4);
	CHECK_INT(md->links[0].col, 16);
	nv_md_free(md);
}

/* Tables inside a quote and a list's items are found in reading order; none in a paragraph. */
static void test_nested_tables(void)
{
	static const char text[] = "> ```table\n"
				   "> rows: [[а]]\n"
				   "> ```\n"
				   "\n"
				   "- пункт\n"
				   "\n"
				   "  1. ```table\n"
				   "     rows: [[б], [в]]\n"
				   "     ```\n"
				   "\n"
				   "Абзац ```table rows``` в строке.\n";
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_md *md = nv_md_parse_file(text, strlen(text), 1, 0, "x.md", &d);

	CHECK_INT(d.nr, 0);
	CHECK_INT(md->nr_tables, 2);
	CHECK_INT(md->tables[0]->nrows, 1);
	CHECK_INT(md->tables[1]->nrows, 2);
	nv_md_free(md);
	nv_diags_release(&d);
}

/*
 * A table typed as rows of «|» with a rule under its header: the same
 * table a ```table block makes — a header row, the cells as Markdown
 * placed in the file, a «\|» a «|» of the text, the cells a row lacks
 * empty, widths by the longest texts shown.
 */
static void test_pipe_table(void)
{
	static const char text[] =
		"Текст.\n"
		"\n"
		"| № | Мероприятие | Ответственный |\n"
		"|:-:|-------------|---:|\n"
		"| 1 | Закрепление пар \\| групп | [Лебедева А. С.](@lebedeva-as) |\n"
		"|2|Итоговый мониторинг\r\n";
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_md *md = nv_md_parse_file(text, strlen(text), 5, 0, "x.md", &d);
	const struct nv_md_table *t;
	struct nv_buf out = NV_BUF_INIT;
	char *const texts[] = { (char *)"Лебедева А. С." };

	CHECK_INT(d.nr, 0);
	CHECK_INT(md->nr_tables, 1);
	t = md->tables[0];
	CHECK_INT(t->ncols, 3);
	CHECK_INT(t->nrows, 3);
	CHECK_INT(t->nheader, 1);
	CHECK_INT(t->ncells, 9);
	CHECK(t->cells[2].header && !t->cells[3].header && t->cells[3].row_first);
	CHECK(t->cells[8].row_last && t->cells[8].row == 2);
	/* «№» 3, «Закрепление пар | групп» 23, «Ответственный» 13 + 2 */
	CHECK(t->widths[0] == 3 && t->widths[1] == 23 && t->widths[2] == 15);
	/* the mention: line 5 + 4, after the 33 characters before its «[» */
	CHECK_INT(md->nr_links, 1);
	CHECK_INT(md->links[0].line, 9);
	CHECK_INT(md->links[0].col, 34);
	nv_html_md_render(&out, md, NULL, texts, 0);
	CHECK(strstr(out.ptr, "<tr><th scope=\"col\">№</th><th scope=\"col\">Мероприятие</th>"
			      "<th scope=\"col\">Ответственный</th></tr>\n") != NULL);
	CHECK(strstr(out.ptr, "<td>Закрепление пар | групп</td><td>Лебедева А. С.</td></tr>\n") !=
	      NULL);
	CHECK(strstr(out.ptr, "<tr><th scope=\"row\">2</th><td>Итоговый мониторинг</td><td></td>"
			      "</tr>\n") != NULL);
	CHECK(strstr(out.ptr, "|") == strstr(out.ptr, "| групп"));
	nv_buf_release(&out);
	nv_md_free(md);
	nv_diags_release(&d);
}

/* Rows of «|» that are no table: said and left as text; none said for one line or in a list. */
static void test_pipe_mistakes(void)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_md *md;
	char *s;

	s = first_error("| Дата | Тема |\n| 01.09 | Старт |\n");
	CHECK_STR(
		s,
		"1:1: строки «| … |» — не таблица: под первой нет строки-разделителя «|---|---|»");
	free(s);
	s = first_error("Текст.\n\n| a | b |\n|---|\n");
	CHECK_STR(s, "4:1: в строке-разделителе под шапкой таблицы другое число столбцов: "
		     "Markdown не прочтёт таблицу");
	free(s);
	s = first_error("| a | b |\n|---|---|\n| c | d | e |\n");
	CHECK_STR(s, "!:1: в строке таблицы больше ячеек, чем в шапке: лишние не будут видны");
	free(s);
	md = nv_md_parse_file("| a | b |\n\n- | a | b |\n  |---|---|\n\nx | y\n", 38, 1, 0, "x.md",
			      &d);
	CHECK_INT(d.nr, 0);
	CHECK_INT(md->nr_tables, 0);
	nv_md_free(md);
	nv_diags_release(&d);
}

void nv_tests(void)
{
	NV_RUN(test_pipe_table);
	NV_RUN(test_pipe_mistakes);
	NV_RUN(test_caption_position);
	NV_RUN(test_cells_and_spans);
	NV_RUN(test_html);
	NV_RUN(test_mistakes);
	NV_RUN(test_nested_tables);
}
