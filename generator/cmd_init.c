/*
 * cmd_init.c: `nastavnik init [КАТАЛОГ] [--kind school|kindergarten|department]` —
 * start a project that checks and builds at once: site.yml with every
 * field explained, people.yml, pairs.yml, one example document of each
 * kind (the skeletons of `nastavnik new`), .gitignore and CI files for
 * GitLab and GitHub/Forgejo. Writes nothing if any of its files is there
 * already; `nastavnik hook install` (cmd_hook.c) adds the Git hook.
 */
#include "common.h"

#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "model.h"

/* What differs between a school, a kindergarten and a municipal department. */
struct org_kind {
	const char *name;	  /* --kind, and organization.kind */
	const char *full, *brief; /* the organisation's names */
	const char *genitive; /* site.yml lines after short_name: the genitive, if it declines */
	const char *founder;
	const char *where;  /* «Как устроено наставничество в …» */
	const char *head;   /* the head's position */
	const char *mentee; /* the example mentee's position */
	const char *form;   /* the form of the example pair */
	bool department;    /* members: in site.yml, the CI file of members' builds */
};

static const struct org_kind kinds[] = {
	{ "school",
	  "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
	  "школа № 1»",
	  "МБОУ «СОШ № 1»", "", "Управление образования администрации города", "МБОУ «СОШ № 1»",
	  "директор", "учитель начальных классов", "учитель – учитель" },
	{ "kindergarten",
	  "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 1»",
	  "МБДОУ «Детский сад № 1»", "", "Управление образования администрации города",
	  "МБДОУ «Детский сад № 1»", "заведующий", "воспитатель", "педагог – педагог" },
	{ "department", "Управление образования администрации города", "Управление образования",
	  "  # Краткое название склоняется: в «УТВЕРЖДЕНО приказом …» нужен\n"
	  "  # родительный падеж.\n"
	  "  short_name_genitive: Управления образования\n"
	  "  # Должность руководителя в подписи и грифах: начальник, и. о. начальника.\n"
	  "  head_title: начальник\n",
	  "Администрация города", "Управлении образования", "начальник управления", "методист",
	  "педагог – педагог", true },
};

const char *nv_init_form(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < NV_ARRAY_SIZE(kinds); i++)
		if (!strcmp(kind, kinds[i].name))
			return kinds[i].form;
	return kinds[0].form;
}

static const char site_yml[] =
	"# Настройки раздела «Наставничество». Строки после # — пояснения:\n"
	"# их можно удалить. Подробно о каждом поле: man 5 nastavnik.\n"
	"\n"
	"# Организация: так она названа в шапке приказов и на сайте.\n"
	"organization:\n"
	"  # Вид: school, kindergarten, college, dod (дополнительное образование),\n"
	"  # department (управление, отдел образования), center (центр).\n"
	"  kind: %s\n"
	"  # Полное наименование по уставу.\n"
	"  name: %s\n"
	"  # Краткое наименование: в заголовках и в «УТВЕРЖДЕНО приказом …».\n"
	"  short_name: %s\n"
	"%s"
	"  # Учредитель: первая строка шапки приказа.\n"
	"  founder: %s\n"
	"  # Место издания приказов: «г. Город», «с. Село»; можно не указывать.\n"
	"  place: г. Город\n"
	"  # Руководитель: id человека из people.yml, он подписывает приказы.\n"
	"  director: ivanova-mp\n"
	"  # Адрес, телефон и сайт — в подвале страниц раздела.\n"
	"  address: 000000, г. Город, ул. Школьная, д. 1\n"
	"  phone: +7 (000) 000-00-00\n"
	"  website: https://school.example\n"
	"\n"
	"section:\n"
	"  # Название раздела в меню и на его главной странице.\n"
	"  title: Наставничество\n"
	"  # Где раздел лежит на сайте организации, от корня сайта.\n"
	"  base_path: /nastavnichestvo/\n"
	"  # Несколько слов под заголовком главной страницы раздела.\n"
	"  intro: >-\n"
	"    Как устроено наставничество в %s: документы, наставнические пары,\n"
	"    лучшие практики и новости.\n"
	"\n"
	"# Куратор наставничества: id из people.yml и контакты для участников.\n"
	"curator:\n"
	"  person: petrova-an\n"
	"  phone: +7 (000) 000-00-01\n"
	"  email: nastavnichestvo@school.example\n"
	"\n"
	"# Печать по ГОСТ Р 7.0.97: поля в миллиметрах, шрифт и кегль.\n"
	"print:\n"
	"  profile: gost2016\n"
	"  margins: { top: 20, right: 10, bottom: 20, left: 30 }\n"
	"  font: Liberation Serif\n"
	"  size: 14\n"
	"  table_size: 12\n"
	"\n"
	"# Что показывать на сайте о взрослых, если в people.yml не сказано:\n"
	"# none — ничего, пока человек не дал письменного согласия.\n"
	"publish:\n"
	"  default: none\n"
	"%s";

/* A department's members, commented out until it has some (man 5 nastavnik, MEMBERS). */
static const char members_yml[] =
	"\n"
	"# Организации муниципалитета: их раздел «Наставничество» соберётся в\n"
	"# сводку. Каждая строка — папка проекта организации (с content/; годится\n"
	"# подмодуль Git), её выгрузка data.json или адрес опубликованного\n"
	"# data.json. В CI (.gitlab-ci.yml) каждая организация собирается\n"
	"# отдельной параллельной задачей, а управление читает их выгрузки.\n"
	"# members:\n"
	"#   - members/sosh-1/output/site/data.json\n"
	"#   - https://school2.example/nastavnichestvo/data.json\n";

static const char people_yml[] =
	"# Участники наставничества. Замените примеры настоящими людьми.\n"
	"#\n"
	"# publish — что можно показать на сайте:\n"
	"#   none     — ничего (всегда для обучающихся);\n"
	"#   initials — фамилия и инициалы: «Петрова А. Н.»;\n"
	"#   full     — полное имя.\n"
	"# consent — дата письменного согласия на распространение персональных\n"
	"# данных (152-ФЗ, ст. 10.1): без неё initials и full не ставятся.\n"
	"# В напечатанных приказах имена всегда полные.\n"
	"\n"
	"- id: ivanova-mp\n"
	"  surname: Иванова\n"
	"  name: Мария\n"
	"  patronymic: Петровна\n"
	"  category: teacher\n"
	"  position: %s\n"
	"  publish: full\n"
	"  consent: %s\n"
	"\n"
	"- id: petrova-an\n"
	"  surname: Петрова\n"
	"  name: Анна\n"
	"  patronymic: Николаевна\n"
	"  category: teacher\n"
	"  position: заместитель руководителя, куратор наставничества\n"
	"  publish: full\n"
	"  consent: %s\n"
	"\n"
	"- id: sergeeva-ok\n"
	"  surname: Сергеева\n"
	"  name: Ольга\n"
	"  patronymic: Константиновна\n"
	"  category: teacher\n"
	"  position: %s, наставник\n"
	"  publish: initials\n"
	"  consent: %s\n"
	"\n"
	"- id: orlov-dv\n"
	"  surname: Орлов\n"
	"  name: Дмитрий\n"
	"  patronymic: Викторович\n"
	"  category: teacher\n"
	"  position: %s, молодой специалист\n";

static const char pairs_yml[] = "# Наставнические пары и группы. Приказ о закреплении пар —\n"
				"# orders/o-zakreplenii-par.md, его приложение — эта таблица.\n"
				"\n"
				"- mentor: sergeeva-ok\n"
				"  mentees: [orlov-dv]\n"
				"  form: %s\n"
				"  period: %s – %s\n"
				"  program: programma-nastavnichestva\n"
				"  order: o-zakreplenii-par\n";

static const char pairs_order[] =
	"---\n"
	"title: О закреплении наставнических пар\n"
	"number: 2-од\n"
	"date: %s\n"
	"appendices: [pairs]\n"
	"acquaint: [sergeeva-ok, orlov-dv]\n"
	"---\n"
	"1. Закрепить наставнические пары согласно приложению.\n"
	"2. Контроль за исполнением настоящего приказа оставляю за собой.\n";

/* The first order: it approves the example положение, program and roadmap. */
static const char first_order[] =
	"---\n"
	"title: О внедрении целевой модели наставничества\n"
	"number: 1-од\n"
	"date: %s\n"
	"preamble: В соответствии с распоряжением Министерства просвещения Российской Федерации "
	"от 25.12.2019 № Р-145\n"
	"appendices: [polozhenie-o-nastavnichestve, programma-nastavnichestva, dorozhnaya-karta]\n"
	"---\n"
	"1. Внедрить целевую модель наставничества.\n"
	"2. Утвердить:\n"
	"   1. положение о наставничестве (приложение № 1);\n"
	"   2. программу наставничества (приложение № 2);\n"
	"   3. дорожную карту внедрения целевой модели наставничества (приложение № 3).\n"
	"3. Контроль за исполнением настоящего приказа оставляю за собой.\n";

static const char gitignore[] = "# Собранный раздел и PDF: их делает nastavnik build.\n"
				"/output/\n"
				"# Скачанные выгрузки организаций управления (members).\n"
				"/.nastavnik-cache/\n";

/* GitLab CI: nastavnik built from its sources before every job. */
#define CI_BEFORE_SCRIPT                                                 \
	"before_script:\n"                                               \
	"  - apt-get update -q && apt-get install -y -q git make sudo\n" \
	"  - git clone --depth 1 \"$NASTAVNIK_SRC\" /opt/nastavnik\n"    \
	"  - make -C /opt/nastavnik\n"

static const char gitlab_ci[] =
	"# Проверка документов при каждой отправке и заявке на слияние, сборка\n"
	"# раздела на основной ветке. nastavnik собирается из исходников: адрес\n"
	"# его репозитория — переменная NASTAVNIK_SRC в настройках CI/CD проекта.\n"
	"image: debian:12\n"
	"\n" CI_BEFORE_SCRIPT "\n"
	"check:\n"
	"  script:\n"
	"    - /opt/nastavnik/build/nastavnik check\n"
	"\n"
	"site:\n"
	"  rules:\n"
	"    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n"
	"  script:\n"
	"    - /opt/nastavnik/build/nastavnik build\n"
	"  artifacts:\n"
	"    paths: [output/]\n";

/*
 * A department: each member (a Git submodule in members/NAME) is built
 * by its own job of a parallel matrix; the department's job waits for
 * them all and reads their data.json from the artifacts (man 1
 * nastavnik, DEPARTMENT IN CI).
 */
static const char gitlab_ci_department[] =
	"# Сборка сайта управления по частям. Каждая организация — подмодуль Git\n"
	"# в members/ИМЯ (проект nastavnik); её сайт собирает отдельная задача,\n"
	"# все они идут параллельно (parallel:matrix — добавьте имена в MEMBER).\n"
	"# Задача управления ждёт их и читает выгрузки members/ИМЯ/output/site/\n"
	"# data.json из их артефактов: в content/site.yml они перечислены в\n"
	"# members. nastavnik собирается из исходников: адрес его репозитория —\n"
	"# переменная NASTAVNIK_SRC в настройках CI/CD проекта.\n"
	"image: debian:12\n"
	"\n"
	"variables:\n"
	"  GIT_SUBMODULE_STRATEGY: recursive\n"
	"\n"
	"stages: [members, department]\n"
	"\n" CI_BEFORE_SCRIPT "\n"
	"member:\n"
	"  stage: members\n"
	"  parallel:\n"
	"    matrix:\n"
	"      - MEMBER: [sosh-1]\n"
	"  script:\n"
	"    - /opt/nastavnik/build/nastavnik -C members/$MEMBER build\n"
	"  artifacts:\n"
	"    paths: [members/$MEMBER/output/site/data.json]\n"
	"\n"
	"department:\n"
	"  stage: department\n"
	"  needs: [member]\n"
	"  script:\n"
	"    - /opt/nastavnik/build/nastavnik check\n"
	"    - /opt/nastavnik/build/nastavnik build\n"
	"  artifacts:\n"
	"    paths: [output/]\n";

static const char github_ci[] =
	"# Проверка документов при каждой отправке и запросе на слияние, сборка\n"
	"# раздела на основной ветке (GitHub Actions и Forgejo Actions). Адрес\n"
	"# репозитория nastavnik — переменная NASTAVNIK_SRC в настройках проекта.\n"
	"name: nastavnik\n"
	"on: [push, pull_request]\n"
	"jobs:\n"
	"  site:\n"
	"    runs-on: ubuntu-latest\n"
	"    container: debian:12\n"
	"    steps:\n"
	"      - run: apt-get update -q && apt-get install -y -q git make sudo nodejs\n"
	"      - uses: actions/checkout@v4\n"
	"      - run: git clone --depth 1 \"${{ vars.NASTAVNIK_SRC }}\" /opt/nastavnik\n"
	"      - run: make -C /opt/nastavnik\n"
	"      - run: /opt/nastavnik/build/nastavnik check\n"
	"      - if: github.ref_name == github.event.repository.default_branch\n"
	"        run: /opt/nastavnik/build/nastavnik build\n"
	"      - if: github.ref_name == github.event.repository.default_branch\n"
	"        uses: actions/upload-artifact@v3\n"
	"        with:\n"
	"          name: output\n"
	"          path: output/\n";

/* The example documents: kind and file name; the text is `new`'s skeleton. */
static const struct {
	int kind;
	const char *name;
} examples[] = {
	{ NV_KIND_PAGE, "o-nastavnichestve" },
	{ NV_KIND_POSITION, "polozhenie-o-nastavnichestve" },
	{ NV_KIND_PROGRAM, "programma-nastavnichestva" },
	{ NV_KIND_ROADMAP, "dorozhnaya-karta" },
	{ NV_KIND_CASE, "primer-praktiki" },
	{ NV_KIND_NEWS, "start-programmy" },
};

struct file {
	char *path;
	struct nv_buf text;
};

static struct file *add_file(struct file *f, size_t *n, const char *dir, const char *rel)
{
	f[*n].path = nv_xasprintf("%s/%s", dir, rel);
	nv_buf_init(&f[*n].text);
	return &f[(*n)++];
}

/* Every file of a new project of kind k in dir, with its text. */
static size_t project_files(struct file *f, const char *dir, const struct org_kind *k)
{
	struct nv_buf today = NV_BUF_INIT, from = NV_BUF_INIT, to = NV_BUF_INIT;
	struct nv_date d = nv_date_today(), first, last;
	size_t n = 0, i;
	int start;
	char *rel;

	nv_date_add(&today, d, NV_DATE_NUMERIC);
	start = nv_acyear_for_new(d);
	/* The pair works from October to May, not before its order (dated today). */
	first = (struct nv_date){ start, 10, 1 };
	last = (struct nv_date){ start + 1, 5, 31 };
	if (nv_date_cmp(d, first) > 0)
		first = d;
	if (nv_date_cmp(first, last) > 0)
		last = nv_acyear_last(start);
	nv_date_add(&from, first, NV_DATE_NUMERIC);
	nv_date_add(&to, last, NV_DATE_NUMERIC);
	nv_buf_addf(&add_file(f, &n, dir, "content/site.yml")->text, site_yml, k->name, k->full,
		    k->brief, k->genitive, k->founder, k->where, k->department ? members_yml : "");
	nv_buf_addf(&add_file(f, &n, dir, "content/people.yml")->text, people_yml, k->head,
		    today.ptr, today.ptr, k->mentee, today.ptr, k->mentee);
	nv_buf_addf(&add_file(f, &n, dir, "content/pairs.yml")->text, pairs_yml, k->form, from.ptr,
		    to.ptr);
	nv_buf_addf(&add_file(f, &n, dir, "content/orders/o-vnedrenii.md")->text, first_order,
		    today.ptr);
	nv_buf_addf(&add_file(f, &n, dir, "content/orders/o-zakreplenii-par.md")->text, pairs_order,
		    today.ptr);
	for (i = 0; i < NV_ARRAY_SIZE(examples); i++) {
		rel = nv_xasprintf("content/%s/%s.md", nv_kind_dirs[examples[i].kind],
				   examples[i].name);
		nv_new_skeleton(&add_file(f, &n, dir, rel)->text, examples[i].kind, k->form,
				"1-од");
		free(rel);
	}
	nv_buf_adds(&add_file(f, &n, dir, ".gitignore")->text, gitignore);
	nv_buf_adds(&add_file(f, &n, dir, ".gitlab-ci.yml")->text,
		    k->department ? gitlab_ci_department : gitlab_ci);
	nv_buf_adds(&add_file(f, &n, dir, ".github/workflows/nastavnik.yml")->text, github_ci);
	nv_buf_release(&today);
	nv_buf_release(&from);
	nv_buf_release(&to);
	return n;
}

static void usage(void)
{
	puts("Использование: nastavnik init [КАТАЛОГ] [--kind school|kindergarten|department]\n"
	     "\n"
	     "Создаёт проект раздела «Наставничество» в КАТАЛОГЕ (по умолчанию — в\n"
	     "текущем): content/site.yml с пояснением каждого поля, people.yml,\n"
	     "pairs.yml, по одному примеру документа каждого вида, .gitignore и\n"
	     "файлы CI для GitLab и GitHub/Forgejo. Проект сразу проходит проверку\n"
	     "и собирается. Ни один существующий файл не перезаписывается.\n"
	     "\n"
	     "  --kind school        школа (по умолчанию)\n"
	     "  --kind kindergarten  детский сад\n"
	     "  --kind department    управление (отдел) образования");
}

static int parse_kind(const char *v, void *dest)
{
	size_t i;

	for (i = 0; i < NV_ARRAY_SIZE(kinds); i++)
		if (!strcmp(v, kinds[i].name)) {
			*(const struct org_kind **)dest = &kinds[i];
			return 0;
		}
	return -1;
}

/* Write the files; on a failure remove those written. 0 or -1. */
static int write_all(struct file *f, size_t n)
{
	size_t i, j;
	char *dir, *slash;

	for (i = 0; i < n; i++) {
		dir = nv_xstrdup(f[i].path);
		slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		if ((slash && nv_mkdir_p(dir) < 0) ||
		    nv_write_file(f[i].path, f[i].text.ptr, f[i].text.len) < 0) {
			fprintf(stderr, "nastavnik: не удалось записать %s: %s\n", f[i].path,
				nv_strerror(errno));
			free(dir);
			for (j = 0; j < i; j++)
				unlink(f[j].path);
			return -1;
		}
		free(dir);
	}
	return 0;
}

int cmd_init(int argc, char **argv, struct nv_global *g)
{
	const struct org_kind *kind = &kinds[0];
	const char *words[1] = { NULL }, *dir;
	struct file files[16];
	size_t n, i, taken = 0;
	int rc;
	const struct nv_option opts[] = {
		{ "--kind", NULL, NV_OPT_VALUE, &kind, "вид организации", parse_kind,
		  "вид организации — school, kindergarten или department, а не «%s»" },
		{ NULL, NULL, 0, NULL, NULL, NULL, NULL },
	};
	const struct nv_cmdline line = {
		"init", opts, usage, words, 1, "%s: лишний параметр «%s»"
	};

	rc = nv_cmdline_parse(&line, argc, argv, g);
	if (rc)
		return rc > 0 ? NV_EXIT_OK : NV_EXIT_USAGE;
	if (g->dir && words[0])
		return nv_usage_error("init: укажите каталог один раз: -C или параметром");
	dir = words[0] ? words[0] : g->dir ? g->dir : ".";
	n = project_files(files, dir, kind);
	for (i = 0; i < n; i++)
		if (nv_exists(files[i].path)) {
			fprintf(stderr, "nastavnik: %s уже существует — не перезаписываю\n",
				files[i].path);
			taken++;
		}
	rc = NV_EXIT_USAGE;
	if (taken)
		fprintf(stderr, "nastavnik: проект не создан: ничего не записано\n");
	else if (write_all(files, n) == 0) {
		printf("nastavnik: проект создан в %s: %zu файлов. Замените примеры своими "
		       "документами и людьми, затем:\n  nastavnik%s%s check\n  nastavnik%s%s "
		       "build\n",
		       dir, n, strcmp(dir, ".") ? " -C " : "", strcmp(dir, ".") ? dir : "",
		       strcmp(dir, ".") ? " -C " : "", strcmp(dir, ".") ? dir : "");
		rc = NV_EXIT_OK;
	}
	for (i = 0; i < n; i++) {
		free(files[i].path);
		nv_buf_release(&files[i].text);
	}
	return rc;
}
