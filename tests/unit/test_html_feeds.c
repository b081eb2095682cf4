/*
 * Unit tests for html_feeds.c: the writers of atom.xml and the .ics
 * calendars clean what they are given, even text the model would have
 * refused (nv_check_text() stops control characters at check time, so
 * only a test that edits a loaded model reaches this last guard), and
 * fold iCalendar lines at 75 octets without splitting a character.
 */
#include "common.h"

#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "harness.h"
#include "../../generator/html_int.h"
#include "html.h"
#include "model.h"
#include "project.h"

/* The first entry of kind k in the model. */
static struct nv_entry *first_of(struct nv_model *m, enum nv_kind k)
{
	size_t i;

	for (i = 0; i < m->nentries; i++)
		if (m->entries[i]->kind == k)
			return m->entries[i];
	return NULL;
}

/* Whether b holds a byte XML or iCalendar text cannot carry (tab, LF aside). */
static bool has_control(const struct nv_buf *b, bool crlf)
{
	size_t i;

	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->ptr[i];
		if (crlf && c == '\r' && i + 1 < b->len && b->ptr[i + 1] == '\n')
			continue;
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			return true;
		if (c == 0xEF && i + 2 < b->len && (unsigned char)b->ptr[i + 1] == 0xBF &&
		    ((unsigned char)b->ptr[i + 2] & 0xFE) == 0xBE)
			return true;
	}
	return false;
}

/* The .ics with its folds undone (RFC 5545, 3.1); the caller frees. */
static char *unfold(const struct nv_buf *b)
{
	struct nv_buf u = NV_BUF_INIT;
	const char *p = b->ptr, *fold;

	while ((fold = strstr(p, "\r\n "))) {
		nv_buf_add(&u, p, (size_t)(fold - p));
		p = fold + 3;
	}
	nv_buf_adds(&u, p);
	return nv_buf_detach(&u, NULL);
}

/* Every line of an .ics: CRLF-terminated, at most 75 octets, whole UTF-8. */
static bool folded(const struct nv_buf *b)
{
	const char *p = b->ptr, *end;

	for (; *p; p = end + 2) {
		end = strstr(p, "\r\n");
		if (!end || end - p > 75 || ((unsigned char)*end & 0xC0) == 0x80 ||
		    (p != b->ptr && p[-1] == '\n' && *p == ' ' &&
		     ((unsigned char)p[1] & 0xC0) == 0x80))
			return false;
	}
	return true;
}

static void test_writers_clean_hostile_text(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_html_opts ho = {
		NULL, "themes/default", NULL, "https://school.example/a&b/", false, false, 1, NULL,
		NULL
	};
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_html_state *s;
	struct nv_entry *news, *road;
	struct nv_item *it;
	struct nv_buf atom = NV_BUF_INIT, ics = NV_BUF_INIT;
	char *out, *path, *text;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	news = first_of(&p.model, NV_KIND_NEWS);
	road = first_of(&p.model, NV_KIND_ROADMAP);
	CHECK(news && road && road->nsections && road->sections[0].nitems);
	if (!news || !road || !road->nsections || !road->sections[0].nitems)
		goto out;
	news->title = "Старт\x01\x1b программы\r\xEF\xBF\xBE & <итоги>";
	/* a byte that may start U+FFFE (0xEF) but does not, past the first 16 */
	news->summary = "Итоги года: символ \xEF\x80\x80 годен, а\x1b этот\xEF\xBF\xBF нет";
	road->title = "План\r\x02; 2025,2026";
	it = &road->sections[0].items[0];
	it->title = "Свет,\r\nтень;\\ "
		    "ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа";
	free(it->responsible_web); /* the model owns it: give it a copy */
	it->responsible_web = nv_xstrdup("Методист\x0b, совет");
	it->result = "Итог\r";
	out = nv_xasprintf("%s/site", nv_test_tmpdir());
	CHECK_INT(mkdir(out, 0755), 0);
	ho.out = out;
	s = nv_html_new(&ho);
	CHECK_INT(nv_html_render(s, &p.model, &d), 0);
	nv_html_free(s);
	path = nv_xasprintf("%s/news/atom.xml", out);
	CHECK_INT(nv_read_file(path, 1 << 20, &atom), 0);
	free(path);
	CHECK(!has_control(&atom, false));
	CHECK(strstr(atom.ptr, "<id>https://school.example/a&amp;b/news/</id>") != NULL);
	CHECK(strstr(atom.ptr, "Старт программы &amp; &lt;итоги&gt;") != NULL);
	CHECK(strstr(atom.ptr,
		     "<summary>Итоги года: символ \xEF\x80\x80 годен, а этот нет</summary>") !=
	      NULL);
	path = nv_xasprintf("%s/roadmaps/%s.ics", out, road->id);
	CHECK_INT(nv_read_file(path, 1 << 20, &ics), 0);
	free(path);
	CHECK(!has_control(&ics, true));
	CHECK(folded(&ics));
	text = unfold(&ics);
	CHECK(strstr(text, "X-WR-CALNAME:План\\; 2025\\,2026\r\n") != NULL);
	CHECK(strstr(text, "SUMMARY:1.1. Свет\\,\\nтень\\;\\\\ аааа") != NULL);
	CHECK(strstr(text, "Ответственный: Методист\\, совет\\nРезультат: Итог\r\n") != NULL);
	free(text);
	free(out);
out:
	nv_buf_release(&atom);
	nv_buf_release(&ics);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/* The faults tests/fuzz/fuzz_feeds.c found (seeds in tests/fuzz/corpus/fuzz_feeds/). */
/* Every physical line of out has at most 75 octets before its CRLF. */
static bool lines_fit(const char *out)
{
	const char *p = out, *crlf;

	while (*p) {
		crlf = strstr(p, "\r\n");
		if (!crlf || crlf - p > 75)
			return false;
		p = crlf + 2;
	}
	return true;
}

/* crash-fold-76-octets: a continuation line of 75 octets plus its space. */
static void test_fold_counts_the_space(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char line[151];

	memset(line, 'x', 150);
	line[150] = '\0';
	nv_html_ics_line(&b, line);
	CHECK(lines_fit(b.ptr));
	nv_buf_release(&b);
}

/* crash-fold-continuation-bytes: no character starts in 75 octets (not UTF-8). */
static void test_fold_ends_on_bytes_that_are_not_utf8(void)
{
	struct nv_buf b = NV_BUF_INIT;
	char line[201];

	memset(line, 0x80, 200);
	line[200] = '\0';
	nv_html_ics_line(&b, line); /* used to loop for ever, growing b */
	CHECK(lines_fit(b.ptr));
	CHECK(b.len < 400);
	nv_buf_release(&b);
}

/* controls: TEXT holds no control but tab (RFC 5545, 3.3.11). */
static void test_text_drops_controls(void)
{
	struct nv_buf b = NV_BUF_INIT;

	nv_html_ics_text(&b, "a\tb\x01"
			     "c\x7f"
			     "d\re;f,g\\h\ni");
	CHECK_STR(b.ptr, "a\tbcde\\;f\\,g\\\\h\\ni");
	/* longer than 16 bytes: whole blocks, then the last bytes as one block */
	nv_buf_reset(&b);
	nv_html_ics_text(&b, "Мероприятие 1, этап; \x01итог\\");
	CHECK_STR(b.ptr, "Мероприятие 1\\, этап\\; итог\\\\");
	nv_buf_release(&b);
}

/*
 * What the guard reads of a calendar is the calendar as its reader gets
 * it, read line by line as it is made: the same bytes as reading the
 * whole file, also where a fold falls inside an escape (\\, | \\n |
 * \\\\), where the line is read again from the bytes written.
 */
static void test_ics_read_copy(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT, read = NV_BUF_INIT, whole = NV_BUF_INIT;
	struct nv_buf title = NV_BUF_INIT, name = NV_BUF_INIT;
	struct nv_entry *road;
	struct nv_item *it;
	size_t i;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	road = first_of(&p.model, NV_KIND_ROADMAP);
	CHECK(road && road->nsections && road->sections[0].title && road->sections[0].nitems);
	if (!road || !road->nsections || !road->sections[0].title || !road->sections[0].nitems)
		goto out;
	/* «SUMMARY:1.1. » is 13 bytes: the escape of «,» starts at octet 75 (index 74) */
	for (i = 0; i < 61; i++)
		nv_buf_addch(&title, 'a');
	nv_buf_addch(&title, ',');
	/* and that of the newline at index 148, the last octet of the next line */
	for (i = 0; i < 72; i++)
		nv_buf_addch(&title, 'b');
	nv_buf_adds(&title, "\nконец; Иванов");
	/* «X-WR-CALNAME:» is 13 bytes too: an escaped backslash split */
	for (i = 0; i < 61; i++)
		nv_buf_addch(&name, 'c');
	nv_buf_adds(&name, "\\x;y");
	road->title = name.ptr;
	it = &road->sections[0].items[0];
	it->title = title.ptr;
	nv_buf_adds(&out, "before");
	nv_buf_adds(&read, "before");
	nv_html_ics(&out, &read, road);
	CHECK(strstr(out.ptr, "aaa\\\r\n ,bbb") != NULL);
	CHECK(strstr(out.ptr, "bbb\\\r\n nконец\\; Иванов") != NULL);
	CHECK(strstr(out.ptr, "ccc\\\r\n \\x\\;y\r\n") != NULL);
	nv_html_ics_read(&whole, out.ptr, out.len);
	CHECK_INT((int)read.len, (int)whole.len);
	CHECK_STR(read.ptr, whole.ptr);
	/* a line with no fold in an escape is read from what it was made of */
	CHECK(strstr(read.ptr, "\r\nDESCRIPTION:Срок: ") != NULL);
out:
	nv_buf_release(&out);
	nv_buf_release(&read);
	nv_buf_release(&whole);
	nv_buf_release(&title);
	nv_buf_release(&name);
	nv_project_release(&p);
	nv_diags_release(&d);
}

/*
 * The search index holds the opening of a page's text cut after a word,
 * and its section headings not already in it.
 */
/*
 * Render the model into a new folder under the test's directory and
 * compare its data.json with the export's tree as JSON and a newline:
 * the file is written item by item, never as the tree, and put to the
 * file in pieces of piece bytes or more (0: as a build does).
 */
static void check_data_json(struct nv_model *m, const char *name, size_t piece)
{
	struct nv_html_opts ho = {
		NULL, "themes/default", NULL, "https://school.example/", false, false, 1, NULL, NULL
	};
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf got = NV_BUF_INIT, want = NV_BUF_INIT;
	struct nv_html_state *s;
	struct nv_value *tree = nv_html_data(m, "https://school.example/", NULL);
	char *out = nv_xasprintf("%s/%s", nv_test_tmpdir(), name), *path;

	nv_html_json(&want, tree, 0);
	nv_buf_addch(&want, '\n');
	CHECK_INT(mkdir(out, 0755), 0);
	ho.out = out;
	s = nv_html_new(&ho);
	if (piece)
		s->data_piece = piece;
	CHECK_INT(nv_html_render(s, m, &d), 0);
	nv_html_free(s);
	path = nv_xasprintf("%s/data.json", out);
	CHECK_INT(nv_read_file(path, 1 << 24, &got), 0);
	CHECK_STR(got.ptr, want.ptr);
	free(path);
	free(out);
	nv_value_free(tree);
	nv_buf_release(&got);
	nv_buf_release(&want);
	nv_diags_release(&d);
}

/* data.json is the export's tree, with documents and without any, in one piece or many. */
static void test_data_json_is_the_tree(void)
{
	struct nv_project_opts po = { "content", false, 1, NULL, NULL };
	struct nv_project p;
	struct nv_diags d = NV_DIAGS_INIT;
	size_t n;

	CHECK_INT(nv_project_load(&p, &po, &d), 0);
	CHECK_INT(d.errors, 0);
	CHECK(first_of(&p.model, NV_KIND_PROGRAM) && first_of(&p.model, NV_KIND_CASE) &&
	      first_of(&p.model, NV_KIND_ROADMAP));
	check_data_json(&p.model, "data-all", 0);
	/* In pieces of the least size: one at each item that leaves a seam behind it. */
	check_data_json(&p.model, "data-pieces", 1);
	/* No documents: the arrays are empty ("[]"). */
	n = p.model.nentries;
	p.model.nentries = 0;
	check_data_json(&p.model, "data-none", 0);
	p.model.nentries = n;
	nv_project_release(&p);
	nv_diags_release(&d);
}

static void test_search_text(void)
{
	struct nv_buf html = NV_BUF_INIT;
	char *got;
	int i;

	got = nv_html_search_text("<h2>Цель</h2><p>Короткий текст.</p><h3>Итоги</h3>");
	CHECK_STR(got, "Цель Короткий текст. Итоги");
	free(got);
	nv_buf_adds(&html, "<h2 id=\"a\">Общие положения</h2>\n<p>");
	for (i = 0; i < 60; i++)
		nv_buf_adds(&html, "слово ");
	nv_buf_adds(&html, "</p>\n<h2 id=\"b\">Цели</h2>\n<h2 id=\"c\">Общие положения</h2>");
	got = nv_html_search_text(html.ptr);
	/* 400 bytes: «Общие положения» (29) and 33 words of 11 bytes with their space */
	nv_buf_reset(&html);
	nv_buf_adds(&html, "Общие положения");
	for (i = 0; i < 33; i++)
		nv_buf_adds(&html, " слово");
	nv_buf_adds(&html, "… · Цели");
	CHECK_STR(got, html.ptr);
	free(got);
	nv_buf_release(&html);
}

/*
 * The lead cut just after `last` (words before it, so that it ends at
 * byte 390 to 400: the 400th is in the word after it, or the space
 * before): how the index ends it.
 */
static void check_cut(const char *last, const char *want)
{
	struct nv_buf html = NV_BUF_INIT, exp = NV_BUF_INIT;
	char *got;
	int i;

	nv_buf_adds(&html, "<h2>Общие положения</h2><p>");
	nv_buf_adds(&exp, "Общие положения");
	while (exp.len + 1 + strlen(last) < 390) {
		nv_buf_adds(&html, "слово ");
		nv_buf_adds(&exp, " слово");
	}
	nv_buf_addf(&html, "%s", last);
	for (i = 0; i < 30; i++)
		nv_buf_adds(&html, " слово");
	nv_buf_adds(&html, "</p>");
	nv_buf_addf(&exp, " %s", want);
	got = nv_html_search_text(html.ptr);
	CHECK_STR(got, exp.ptr);
	free(got);
	nv_buf_release(&html);
	nv_buf_release(&exp);
}

static void test_search_text_cut(void)
{
	check_cut("слово", "слово…");
	check_cut("беседы.", "беседы…");
	check_cut("задачи:", "задачи…");
	check_cut("слово,", "слово…");
	check_cut("слово —", "слово…");
	check_cut("слово\xC2\xA0—", "слово…");
	check_cut("слово?", "слово?..");
	check_cut("слово!", "слово!..");
	check_cut("слово…", "слово…");
	/* a section's or clause's number alone at the cut goes, a year stays */
	check_cut("беседы · 12.", "беседы…");
	check_cut("беседы \xC2\xB7 8.", "беседы…");
	check_cut("Итог. 2.3.", "Итог…");
	check_cut("Итог? 4.", "Итог?..");
	check_cut("в 2025.", "в 2025…");
	check_cut("пункт 2.3.", "пункт 2.3…");
	check_cut("версия 1..", "версия 1.…");
	/* a « · » between headings goes with its space, «…» before it stays one */
	check_cut("беседы ·", "беседы…");
	check_cut("беседы… ·", "беседы…");
}

void nv_tests(void)
{
	NV_RUN(test_writers_clean_hostile_text);
	NV_RUN(test_fold_counts_the_space);
	NV_RUN(test_fold_ends_on_bytes_that_are_not_utf8);
	NV_RUN(test_text_drops_controls);
	NV_RUN(test_ics_read_copy);
	NV_RUN(test_search_text);
	NV_RUN(test_search_text_cut);
	NV_RUN(test_data_json_is_the_tree);
}
