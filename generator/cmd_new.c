/*
 * cmd_new.c: `nastavnik new KIND NAME` — write a valid skeleton of a
 * document into content/, so a methodologist starts from the right keys
 * instead of a blank page. Never overwrites a file.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "import.h"
#include "model.h"
#include "project.h"
#include "typo.h"

/* Russian names accepted for the kinds, in the order of nv_kind_names. */
static const char *const kind_ru[] = { "страница",	 "положение", "программа",
				       "дорожная-карта", "приказ",    "кейс",
				       "новость",	 "бланк",     NULL };

/* The front matter and body of each kind; %s is today's date, the year, the form or an order's
 * number. */
static const char *const skeleton[] = {
	/* page */
	"---\ntitle: Заголовок страницы\nsummary: Одно предложение о том, что на странице.\n---\n"
	"Текст страницы в формате Markdown.\n",
	/* position */
	"---\ntitle: Положение о наставничестве\naudience: teachers\napproval:\n"
	"  - label: ПРИНЯТО\n    body: педагогическим советом\n"
	"    protocol: { number: 1, date: %s }\n---\n"
	"# 1. Общие положения\n\n1.1. Настоящее положение определяет …\n",
	/* program */
	"---\ntitle: Программа наставничества\nacademic_year: %s\nforms: [%s]\n"
	"title_page: true\napproval:\n  - label: ПРИНЯТО\n    body: педагогическим советом\n"
	"    protocol: { number: 1, date: %s }\n---\n"
	"# 1. Пояснительная записка\n\nТекст программы.\n",
	/* roadmap */
	"---\ntitle: Дорожная карта внедрения целевой модели наставничества\nacademic_year: %s\n"
	"sections:\n  - title: Подготовка условий для запуска программы наставничества\n"
	"    items:\n      - title: Издание приказа о внедрении целевой модели наставничества\n"
	"        due: Сентябрь %d\n        responsible: Директор\n        result: Приказ\n---\n",
	/* order */
	"---\ntitle: О внедрении целевой модели наставничества\nnumber: %s\ndate: %s\n"
	"preamble: В соответствии с распоряжением Министерства просвещения Российской Федерации "
	"от 25.12.2019 № Р-145\n---\n"
	"1. Внедрить целевую модель наставничества.\n"
	"2. Контроль за исполнением настоящего приказа оставляю за собой.\n",
	/* case */
	"---\ntitle: Название практики\nform: %s\nkind: традиционное\nyear: %s\n"
	"problem: Какую трудность решали.\ngoal: Чего хотели добиться.\n"
	"results: [Измеримый результат]\ntags: [адаптация]\n---\n"
	"## Что сделали\n\n1. Первый шаг.\n\n## Как повторить\n\nСовет коллегам.\n",
	/* news */
	"---\ntitle: Заголовок новости\ndate: %s\nsummary: Одно предложение для ленты.\n---\n"
	"Текст новости.\n",
	/* form */
	"---\ntitle: Согласие на участие в мероприятии\nsummary: Кто и когда заполняет "
	"бланк.\n---\n"
	"Я, {{blank 40}} (фамилия, имя, отчество (при наличии)), даю согласие "
	"{{organization.short_name}} …\n\n"
	"«{{blank 3}}» {{blank 14}} 20{{blank 3}} г.\n\n"
	"Подпись {{blank 16}} Расшифровка подписи {{blank 24}}\n",
};

static int find_kind(const char *s)
{
	int i;

	for (i = 0; nv_kind_names[i]; i++)
		if (!strcmp(s, nv_kind_names[i]) || !strcmp(s, kind_ru[i]))
			return i;
	return -1;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* Whether s has a Russian letter: a title typed for a name. */
static bool russian(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s == 0xD0 || (unsigned char)*s == 0xD1)
			return true;
	return false;
}

/* The skeleton's title (its second line) replaced by title. */
static void retitle(struct nv_buf *text, const char *title)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *line = text->ptr + 4, *end = strchr(line, '\n'); /* past «---\n» */

	nv_buf_add(&b, text->ptr, 4);
	nv_imp_yaml(&b, 0, "title", title);
	nv_buf_adds(&b, end + 1);
	nv_buf_reset(text);
	nv_buf_add(text, b.ptr, b.len);
	nv_buf_release(&b);
}

void nv_new_skeleton(struct nv_buf *text, int kind, const char *form, const char *number)
{
	struct nv_buf date = NV_BUF_INIT, year = NV_BUF_INIT;
	struct nv_date today = nv_date_today();
	int start = nv_acyear_for_new(today);

	nv_date_add(&date, today, NV_DATE_NUMERIC);
	nv_acyear_add(&year, start);
	switch (kind) {
	case NV_KIND_POSITION:
	case NV_KIND_NEWS:
		nv_buf_addf(text, skeleton[kind], date.ptr);
		break;
	case NV_KIND_ORDER:
		nv_buf_addf(text, skeleton[kind], number, date.ptr);
		break;
	case NV_KIND_PROGRAM:
		nv_buf_addf(text, skeleton[kind], year.ptr, form, date.ptr);
		break;
	case NV_KIND_ROADMAP:
		nv_buf_addf(text, skeleton[kind], year.ptr, start);
		break;
	case NV_KIND_CASE:
		nv_buf_addf(text, skeleton[kind], form, year.ptr);
		break;
	default:
		nv_buf_adds(text, skeleton[kind]);
	}
	nv_buf_release(&date);
	nv_buf_release(&year);
}

/*
 * The number of a new order: one past the greatest of the orders of m
 * dated in year, with its register's suffix («132-од» after «131-од»),
 * so that it is not the number of an order already there; «1-од» in a
 * year with none.
 */
static char *next_order_number(const struct nv_model *m, int year)
{
	const struct nv_entry *e;
	const char *suffix = "-од";
	char *end;
	long n, best = 0;
	size_t i;

	for (i = 0; i < m->nentries; i++) {
		e = m->entries[i];
		if (e->kind == NV_KIND_ORDER && e->number && e->date.year == year &&
		    (n = strtol(e->number, &end, 10)) > best && end > e->number) {
			best = n;
			suffix = end;
		}
	}
	return nv_xasprintf("%ld%s", best + 1, suffix);
}

static void usage(void)
{
	puts("Использование: nastavnik new ВИД ИМЯ\n"
	     "\n"
	     "Создаёт заготовку документа content/ПАПКА/ИМЯ.md с нужными полями.\n"
	     "ВИД: page, position, program, roadmap, order, case, news, form (или "
	     "по-русски:\n"
	     "страница, положение, программа, дорожная-карта, приказ, кейс, "
	     "новость, бланк).\n"
	     "ИМЯ — адрес страницы: строчная латиница, цифры и дефисы; или заголовок\n"
	     "по-русски в кавычках: из него будут и заголовок, и адрес.\n"
	     "Существующий файл не перезаписывается.");
}

int cmd_new(int argc, char **argv, struct nv_global *g)
{
	const char *kind_arg = NULL, *name = NULL, *root, *form = nv_init_form(NULL);
	struct nv_buf text = NV_BUF_INIT;
	struct nv_project p = { 0 };
	struct nv_project_opts po = { NULL, true, 0, NULL, NULL, true };
	struct nv_diags d = NV_DIAGS_INIT;
	char *path = NULL, *slug, *number = NULL, *named = NULL;
	const char *title = NULL;
	const char *words[2] = { NULL, NULL };
	int kind, rc;
	const struct nv_option opts[] = { { NULL, NULL, 0, NULL, NULL, NULL, NULL } };
	const struct nv_cmdline line = { "new", opts, usage, words, 2, "%s: лишний параметр «%s»" };

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	rc = NV_EXIT_USAGE;
	kind_arg = words[0];
	name = words[1];
	if (!kind_arg || !name)
		return nv_usage_error("new: укажите вид документа и имя файла, например "
				      "«nastavnik new order o-vnedrenii»");
	kind = find_kind(kind_arg);
	if (kind < 0)
		return nv_usage_error("new: неизвестный вид документа «%s»; допустимые: page, "
				      "position, program, roadmap, order, case, news",
				      kind_arg);
	/* A title in Russian: the document's title, its name made from it as import makes one. */
	if (!valid_name(name) && russian(name)) {
		title = name;
		name = named = nv_imp_doc_name(title);
	}
	if (!valid_name(name)) {
		slug = nv_slug(name);
		rc = nv_usage_error(
			"new: имя «%s» станет адресом страницы и может содержать только "
			"строчные латинские буквы, цифры и дефисы — например «%s»",
			name, slug);
		free(slug);
		return rc;
	}
	if (nv_cmd_chdir(g, &root) < 0)
		return NV_EXIT_USAGE;
	/*
	 * The project as `check` reads it (drafts too), its messages left to
	 * `check`: a new program or case takes the form of its organisation's
	 * example pair (a kindergarten's «педагог – педагог»), an order the
	 * next number. A folder that does not load gives a school's.
	 */
	po.content = root;
	if (nv_project_load(&p, &po, &d) == 0) {
		form = nv_init_form(nv_org_kind_names[p.model.site.kind]);
		if (kind == NV_KIND_ORDER)
			number = next_order_number(&p.model, nv_date_today().year);
	}
	nv_new_skeleton(&text, kind, form, number ? number : "1-од");
	if (title)
		retitle(&text, title);
	path = nv_xasprintf("%s/%s/%s.md", root, nv_kind_dirs[kind], name);
	if (nv_exists(path)) {
		fprintf(stderr, "nastavnik: %s уже существует — не перезаписываю\n", path);
		goto out;
	}
	if (nv_write_file(path, text.ptr, text.len) < 0) {
		fprintf(stderr, "nastavnik: не удалось записать %s: %s\n", path,
			nv_strerror(errno));
		goto out;
	}
	printf("nastavnik: создан %s — заполните поля и проверьте: nastavnik check\n", path);
	if (title)
		printf("  заголовок: %s\n", title);
	rc = NV_EXIT_OK;
out:
	free(path);
	free(number);
	free(named);
	nv_buf_release(&text);
	nv_project_release(&p);
	nv_diags_release(&d);
	return rc;
}
