/*
 * cmd.c: what the commands share — the option table, -C, -j, opening
 * the project and keeping what they make out of content/ — so that every
 * command reads its command line and loads the content the same way; see
 * cmd.h.
 */
#include "common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "fs.h"
#include "model.h"
#include "project.h"
#include "schema.h"

int nv_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("nastavnik: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nСписок команд и параметров: nastavnik --help\n", stderr);
	return NV_EXIT_USAGE;
}

/*
 * The Latin letter of each Russian one: the key it is on in the Russian
 * layout («игшдв» typed for «build»), and the one it looks like («-о»
 * with a Russian «о» for «-o»), or NULL.
 */
static const struct {
	const char *ru, *key, *look;
} ru_latin[] = {
	{ "й", "q", NULL }, { "ц", "w", NULL }, { "у", "e", "y" },  { "к", "r", "k" },
	{ "е", "t", "e" },  { "н", "y", NULL }, { "г", "u", NULL }, { "ш", "i", NULL },
	{ "щ", "o", NULL }, { "з", "p", NULL }, { "ф", "a", NULL }, { "ы", "s", NULL },
	{ "в", "d", NULL }, { "а", "f", "a" },	{ "п", "g", NULL }, { "р", "h", "p" },
	{ "о", "j", "o" },  { "л", "k", NULL }, { "д", "l", NULL }, { "я", "z", NULL },
	{ "ч", "x", NULL }, { "с", "c", "c" },	{ "м", "v", "m" },  { "и", "b", NULL },
	{ "т", "n", "t" },  { "ь", "m", NULL }, { "х", "[", "x" },
};

/* word with its Russian letters as Latin ones (keys: by the layout, or by look) into out. */
static bool as_latin(const char *word, bool keys, struct nv_buf *out)
{
	const char *p = word, *l;
	size_t i;
	bool russian = false;

	nv_buf_reset(out);
	while (*p) {
		if ((unsigned char)*p < 0x80) {
			nv_buf_addch(out, *p++);
			continue;
		}
		for (i = 0, l = NULL; i < NV_ARRAY_SIZE(ru_latin) && !l; i++)
			if (!strncmp(p, ru_latin[i].ru, 2))
				l = keys ? ru_latin[i].key : ru_latin[i].look;
		if (!l)
			return false;
		nv_buf_adds(out, l);
		p += 2;
		russian = true;
	}
	return russian;
}

const char *nv_cmd_suggest(const char *word, const char *const *names, size_t n, const char **why)
{
	struct nv_buf b = NV_BUF_INIT;
	const char *found = NULL;
	size_t i;
	int keys;

	*why = "";
	for (keys = 0; keys < 2 && !found; keys++)
		for (i = 0; i < n && as_latin(word, keys, &b) && !found; i++)
			if (names[i] && !strcmp(b.ptr, names[i])) {
				found = names[i];
				*why = keys ? ": раскладка клавиатуры была русской"
					    : ": в нём русская буква, похожая на латинскую";
			}
	nv_buf_release(&b);
	/* a misspelling of a word of four letters or more: «-x» is not «-C» */
	return found || strlen(word) < 4 ? found : nv_suggest(word, names, n);
}

/*
 * The one of the n ids that word holds or is a part of («prikaz-o-vnedrenii»,
 * «start» for «2025-09-15-start»), five letters or more; NULL for none or
 * several.
 */
static const char *part_of(const char *word, const char *const *ids, size_t n)
{
	const char *found = NULL;
	size_t i, k = 0, len = strlen(word);

	for (i = 0; i < n; i++) {
		if (!ids[i] || !((len >= 5 && strstr(ids[i], word)) ||
				 (strlen(ids[i]) >= 5 && strstr(word, ids[i]))))
			continue;
		found = ids[i];
		k++;
	}
	return k == 1 ? found : NULL;
}

char *nv_cmd_doc_id(const char *arg)
{
	const char *base = strrchr(arg, '/');
	size_t n;

	base = base ? base + 1 : arg;
	n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".md"))
		n -= 3;
	return nv_xmemdupz(base, n);
}

void nv_cmd_doc_hint(struct nv_diag *diag, const struct nv_model *m, const char *name)
{
	const struct nv_entry *e = nv_model_titled(m, name, NV_KIND_COUNT), *order = NULL;
	const char **ids, *near, *why;
	size_t i;
	char *id;

	if (e) {
		nv_diag_hint(diag,
			     "это заголовок документа %s; укажите его имя — имя файла без .md: %s",
			     e->path, e->id);
		return;
	}
	id = nv_cmd_doc_id(name);
	ids = nv_xcalloc(m->nentries + 1, sizeof(*ids));
	for (i = 0; i < m->nentries; i++) {
		ids[i] = m->entries[i]->id;
		if (!order && m->entries[i]->kind == NV_KIND_ORDER)
			order = m->entries[i];
	}
	if ((near = nv_cmd_suggest(id, ids, m->nentries, &why)) ||
	    (near = part_of(id, ids, m->nentries)))
		nv_diag_hint(diag, "возможно, имелся в виду «%s»%s", near, why);
	else if ((e = order ? order : m->nentries ? m->entries[0] : NULL))
		nv_diag_hint(diag, "укажите имя файла документа без .md, например %s (%s)", e->id,
			     e->path);
	else
		nv_diag_hint(diag, "в проекте нет ни одного документа: создайте его, например "
				   "nastavnik new приказ \"О внедрении наставничества\"");
	free(ids);
	free(id);
}

int nv_opt_directory(int argc, char **argv, int *i, struct nv_global *g)
{
	const char *a = argv[*i];

	if (!strcmp(a, "-C") || !strcmp(a, "--directory")) {
		if (*i + 1 >= argc) {
			nv_usage_error("после %s нужно указать каталог", a);
			return -1;
		}
		g->dir = argv[++*i];
		return 1;
	}
	if (!strncmp(a, "-C", 2)) {
		g->dir = a + 2;
		return 1;
	}
	if (!strncmp(a, "--directory=", 12)) {
		g->dir = a + 12;
		return 1;
	}
	return 0;
}

static int opt_jobs(const char *cmd, int argc, char **argv, int *i, int *jobs)
{
	const char *a = argv[*i], *n = a[2] ? a + 2 : *i + 1 < argc ? argv[++*i] : "";
	char *end;
	long v = strtol(n, &end, 10);

	if (!*n || *end || v < 1 || v > 256) {
		nv_usage_error("%s: после -j нужно число потоков от 1 до 256, а не «%s»", cmd, n);
		return -1;
	}
	*jobs = (int)v;
	return 0;
}

/*
 * The option a names, or NULL; *value is set for "--NAME=VALUE" (and
 * for "-jN", whose number follows the name).
 */
static const struct nv_option *find_option(const struct nv_option *o, const char *a,
					   const char **value)
{
	size_t n;

	*value = NULL;
	for (; o->name; o++) {
		if (!strcmp(a, o->name) || (o->alias && !strcmp(a, o->alias)))
			return o;
		n = strlen(o->name);
		if (o->kind == NV_OPT_JOBS && !strncmp(a, o->name, n))
			return o;
		if (o->kind == NV_OPT_VALUE && !strncmp(a, o->name, n) && a[n] == '=') {
			*value = a + n + 1;
			return o;
		}
	}
	return NULL;
}

/* The usage error of a, no option of l's: with the one meant, when it can be told. */
static void unknown_option(const struct nv_cmdline *l, const char *a)
{
	const char *names[64] = { "-C", "--directory", "-h", "--help" }, *near, *why;
	size_t n = 4;
	const struct nv_option *o;

	for (o = l->opts; o->name && n + 2 <= NV_ARRAY_SIZE(names); o++) {
		names[n++] = o->name;
		if (o->alias)
			names[n++] = o->alias;
	}
	if ((near = nv_cmd_suggest(a, names, n, &why)))
		nv_usage_error("%s: неизвестный параметр «%s» — возможно, «%s»%s", l->cmd, a, near,
			       why);
	else
		nv_usage_error("%s: неизвестный параметр «%s»", l->cmd, a);
}

/* Apply option o found at argv[*i]; returns 0, or -1 after a usage error. */
static int apply_option(const struct nv_cmdline *l, const struct nv_option *o, const char *value,
			int argc, char **argv, int *i)
{
	switch (o->kind) {
	case NV_OPT_SET:
		*(bool *)o->dest = true;
		return 0;
	case NV_OPT_CLEAR:
		*(bool *)o->dest = false;
		return 0;
	case NV_OPT_JOBS:
		return opt_jobs(l->cmd, argc, argv, i, o->dest);
	case NV_OPT_VALUE:
		break;
	}
	if (!value) {
		if (*i + 1 >= argc) {
			nv_usage_error("%s: после %s нужно указать %s", l->cmd, argv[*i],
				       o->what ? o->what : "значение");
			return -1;
		}
		value = argv[++*i];
	}
	if (!o->parse) {
		*(const char **)o->dest = value;
		return 0;
	}
	if (o->parse(value, o->dest) < 0) {
		fprintf(stderr, "nastavnik: %s: ", l->cmd);
		fprintf(stderr, o->bad, value);
		fputs("\nСписок команд и параметров: nastavnik --help\n", stderr);
		return -1;
	}
	return 0;
}

int nv_cmdline_parse(const struct nv_cmdline *l, int argc, char **argv, struct nv_global *g)
{
	const struct nv_option *o;
	const char *value;
	size_t nops = 0;
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			l->usage();
			return 1;
		}
		if (a[0] != '-') {
			if (nops >= l->max_operands) {
				nv_usage_error(l->excess ? l->excess
							 : "%s: неизвестный параметр «%s»",
					       l->cmd, a);
				return -1;
			}
			l->operands[nops++] = a;
			continue;
		}
		if ((o = find_option(l->opts, a, &value)) != NULL) {
			if (apply_option(l, o, value, argc, argv, &i) < 0)
				return -1;
			continue;
		}
		r = nv_opt_directory(argc, argv, &i, g);
		if (r < 0)
			return -1;
		if (r == 0) {
			unknown_option(l, a);
			return -1;
		}
	}
	return 0;
}

/* Whether dir is a project's folder: content/ with site.yml or people.yml in it. */
static bool is_project(const char *dir)
{
	static const char *const data[] = { "site.yml", "people.yml" };
	struct stat st;
	char *path;
	bool yes = false;
	size_t i;

	for (i = 0; !yes && i < NV_ARRAY_SIZE(data); i++) {
		path = nv_xasprintf("%s/content/%s", dir, data[i]);
		yes = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
	}
	return yes;
}

/*
 * The project folder dir lies in (content/orders, theme/): the nearest
 * folder above it that is a project (is_project()); NULL when none is.
 * The caller frees.
 */
static char *project_above(const char *dir)
{
	char *p = realpath(dir, NULL), *slash;

	while (p && (slash = strrchr(p, '/'))) {
		if (slash == p && !p[1])
			break; /* the root was the last to try */
		slash[slash == p] = '\0';
		if (is_project(p))
			return p;
	}
	free(p);
	return NULL;
}

/* The folder the command started in, when the project was found above it. */
static char *start_dir;

char *nv_cmd_user_path(const char *path)
{
	if (!start_dir || path[0] == '/')
		return nv_xstrdup(path);
	return nv_xasprintf("%s/%s", start_dir, path);
}

/*
 * The real path of the folder dir, which need not exist yet: its nearest
 * folder that exists resolved by realpath(), the rest added as written,
 * with "." and ".." taken as words (nothing there is a link yet). NULL
 * when it cannot be told (a folder that cannot be read). The caller frees.
 */
static char *real_dir(const char *dir)
{
	size_t n = strlen(dir), k;
	char *head = nv_xstrdup(dir), *real, *slash;
	struct nv_buf b = NV_BUF_INIT;
	const char *c;

	while (!(real = realpath(n ? head : ".", NULL))) {
		if ((errno != ENOENT && errno != ENOTDIR) || !n) {
			free(head);
			return NULL;
		}
		slash = strrchr(head, '/');
		n = !slash ? 0 : slash == head ? 1 : (size_t)(slash - head);
		head[n] = '\0';
	}
	free(head);
	nv_buf_adds(&b, real);
	free(real);
	for (c = dir + n; *c; c += k) {
		while (*c == '/')
			c++;
		k = strcspn(c, "/");
		if (k == 2 && c[0] == '.' && c[1] == '.') {
			while (b.len > 1 && b.ptr[b.len - 1] != '/')
				b.len--;
			b.len -= b.len > 1;
			b.ptr[b.len] = '\0';
		} else if (k && !(k == 1 && c[0] == '.')) {
			if (b.len > 1)
				nv_buf_addch(&b, '/');
			nv_buf_add(&b, c, k);
		}
	}
	return nv_buf_detach(&b, NULL);
}

bool nv_cmd_in_content(const char *dir, const char *root)
{
	char *d = real_dir(dir), *top = realpath(root, NULL);
	bool in = d && top && nv_path_inside(d, top);

	free(d);
	free(top);
	return in;
}

/* chdir(dir), or a message and -1. */
static int enter(const char *dir)
{
	if (chdir(dir) == 0)
		return 0;
	fprintf(stderr, "nastavnik: не удалось перейти в каталог «%s»: %s\n", dir,
		nv_strerror(errno));
	return -1;
}

int nv_cmd_chdir(const struct nv_global *g, const char **root)
{
	struct stat st;
	char *content, *top = NULL;
	bool project;
	int rc = 0;

	*root = "content";
	if (!g->dir) {
		/* As git: from any folder of the project (content/orders). */
		if (!nv_is_dir("content") && (top = project_above("."))) {
			start_dir = realpath(".", NULL);
			/* The paths of messages are from there: say where it is. */
			fprintf(stderr, "nastavnik: проект — папка %s\n", top);
			rc = enter(top);
		}
		free(top);
		return rc;
	}
	if (stat(g->dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "nastavnik: не удалось перейти в каталог «%s»: %s\n", g->dir,
			stat(g->dir, &st) < 0 ? nv_strerror(errno) : "это не каталог");
		return -1;
	}
	content = nv_xasprintf("%s/content", g->dir);
	project = nv_is_dir(content);
	free(content);
	if (project)
		return enter(g->dir);
	/* A folder of a project (its content/ or content/orders): the whole project. */
	if ((top = project_above(g->dir)) != NULL) {
		rc = enter(top);
		free(top);
		return rc;
	}
	*root = g->dir; /* DIR is the content folder itself */
	return 0;
}

int nv_project_open(struct nv_project *p, const struct nv_global *g, bool drafts, int jobs,
		    struct nv_diags *d)
{
	struct nv_project_opts o = { NULL, drafts, jobs, NULL, NULL, true };

	memset(p, 0, sizeof(*p));
	if (nv_cmd_chdir(g, &o.content) < 0)
		return -2;
	return nv_project_load(p, &o, d);
}
