/*
 * cmd.h: the commands of the nastavnik program, one per generator/cmd_*.c,
 * and what they share (cmd.c): the option table, -C, -j, and opening the
 * project.
 *
 * A command gets its own arguments (argv[0] is the command name) and the
 * global options, prints what the user must see and returns the exit
 * code: 0 success, 1 content errors, 2 usage or environment errors.
 */
#ifndef NV_CMD_H
#define NV_CMD_H

#include "common.h"

struct nv_diag;
struct nv_diags;
struct nv_model;
struct nv_project;

enum {
	NV_EXIT_OK = 0,
	NV_EXIT_CONTENT = 1,
	NV_EXIT_USAGE = 2,
};

struct nv_global {
	const char *dir; /* -C DIR, or NULL */
};

int cmd_build(int argc, char **argv, struct nv_global *g);
int cmd_check(int argc, char **argv, struct nv_global *g);
int cmd_deploy(int argc, char **argv, struct nv_global *g);
int cmd_hook(int argc, char **argv, struct nv_global *g);
int cmd_import(int argc, char **argv, struct nv_global *g);
int cmd_init(int argc, char **argv, struct nv_global *g);
int cmd_new(int argc, char **argv, struct nv_global *g);
int cmd_print(int argc, char **argv, struct nv_global *g);
int cmd_report(int argc, char **argv, struct nv_global *g);
int cmd_serve(int argc, char **argv, struct nv_global *g);

struct nv_imp_result;
struct nv_guard;

/*
 * The people r's document names, by g: each name of people.yml in its
 * text a mention, a roadmap's responsible who names people their ids;
 * a name the website does not show said in r's report (cmd_import_mentions.c).
 */
void nv_cmd_import_mentions(struct nv_imp_result *r, const struct nv_guard *g);

struct nv_buf;
/*
 * The skeleton of a document of kind (enum nv_kind), dated today, into
 * text (`new`, `init`); a program's forms and a case's form are `form`,
 * an order's number `number`.
 */
void nv_new_skeleton(struct nv_buf *text, int kind, const char *form, const char *number);
/*
 * The form of the example pair `init` writes for an organisation of kind
 * (site.yml's organization.kind: school, kindergarten, department), the
 * school's for NULL or an unknown kind.
 */
const char *nv_init_form(const char *kind);

enum nv_opt_kind {
	NV_OPT_SET,   /* a flag: *(bool *)dest = true */
	NV_OPT_CLEAR, /* a flag that turns something off (--no-pdf): *(bool *)dest = false */
	NV_OPT_VALUE, /* "NAME VALUE" or "--NAME=VALUE": *(const char **)dest, or parse */
	NV_OPT_JOBS,  /* "-j N" or "-jN": *(int *)dest, a number of threads 1…256 */
};

/* One option of a command. */
struct nv_option {
	const char *name;  /* "--drafts", "-o", "--base-url" */
	const char *alias; /* another spelling ("-p" for "--port"), or NULL */
	enum nv_opt_kind kind;
	void *dest;
	/* NV_OPT_VALUE: what must follow, as in «после -o нужно указать файл». */
	const char *what;
	/*
	 * NV_OPT_VALUE: check and store the value (0, or -1 when it is not
	 * valid: then `bad`, a format with one %s for the value, is the
	 * message); NULL stores the string itself.
	 */
	int (*parse)(const char *value, void *dest);
	const char *bad;
};

/* A command's command line: its options and the words that are not options. */
struct nv_cmdline {
	const char *cmd;	      /* "build", for messages */
	const struct nv_option *opts; /* ends with a zeroed entry */
	void (*usage)(void);	      /* prints -h/--help to stdout */
	const char **operands;	      /* filled with the words that are not options */
	size_t max_operands;	      /* how many the command takes */
	const char *excess;	      /* the message for one too many (%s: the word) */
};

/*
 * Parse argv (argv[0] is the command) by l: -h/--help, -C DIR (also -CDIR
 * and --directory=DIR, into g), the command's options and its operands.
 * Returns 0 to go on, 1 when help was printed (exit 0), -1 after printing
 * a usage error (exit 2).
 */
int nv_cmdline_parse(const struct nv_cmdline *l, int argc, char **argv, struct nv_global *g);

/*
 * Parse "-C DIR" at argv[*i] (also "-CDIR" and "--directory=DIR"), for
 * the global options and nv_cmdline_parse(). Returns 1 if it consumed an
 * option, 0 if argv[*i] is not -C, -1 after printing a usage error.
 */
int nv_opt_directory(int argc, char **argv, int *i, struct nv_global *g);

/*
 * Find the content folder from -C: DIR may be the project (it holds
 * content/; the process changes into it, so paths read "content/…"), a
 * folder inside a project (content/orders: the process changes into the
 * project), or the content folder of no project (paths then start with
 * DIR). Without -C the project is the current directory, or, as git
 * finds its repository, the nearest folder above it that holds
 * content/ with site.yml or people.yml. Stores the content folder in
 * *root (static or argv storage, not freed). Prints the error and
 * returns -1 when DIR cannot be used.
 */
int nv_cmd_chdir(const struct nv_global *g, const char **root);

/*
 * A path the user gave (-o), for use after nv_cmd_chdir(): as given, or,
 * when the project was found above the folder the command started in,
 * made absolute against that folder, which is where the user meant it.
 * The caller frees.
 */
char *nv_cmd_user_path(const char *path);

/*
 * Whether the folder dir, which need not exist yet, is the content folder
 * root or inside it, where everything is published: no command puts what
 * it makes there. False when that cannot be told.
 */
bool nv_cmd_in_content(const char *dir, const char *root);

/*
 * Open the project for a command: nv_cmd_chdir(), then load the content
 * and build the model (project.h) with the command's policy: drafts,
 * jobs (0: one per processor). Returns 0 (content errors, if any, are
 * in d), -1 when the content folder could not be walked (the error is in
 * d), or -2 after printing why -C cannot be used. Release p with
 * nv_project_release() after 0 or -1.
 */
int nv_project_open(struct nv_project *p, const struct nv_global *g, bool drafts, int jobs,
		    struct nv_diags *d);

/*
 * The one of the n names word was meant for: typed in the Russian layout
 * («игшдв» for «build») or with a Russian letter that looks Latin («-о»),
 * then *why says so (a phrase to add after it), or misspelt, four letters
 * or more (nv_suggest(), *why ""). NULL when none.
 */
const char *nv_cmd_suggest(const char *word, const char *const *names, size_t n, const char **why);

/* The id a document named on the command line has: «content/orders/o-vnedrenii.md» → «o-vnedrenii».
 */
char *nv_cmd_doc_id(const char *arg);

/*
 * The hint for diag, an error that the project (model m) has no document
 * `name`, as typed on the command line: an id or a file (nv_cmd_doc_id()),
 * maybe a title. It gives the id of the document
 * whose title it is, or of the one meant (nv_cmd_suggest()), else of one
 * of the project's orders to follow.
 */
void nv_cmd_doc_hint(struct nv_diag *diag, const struct nv_model *m, const char *name);

/* Print "nastavnik: MESSAGE" and the --help pointer to stderr; returns NV_EXIT_USAGE. */
int nv_usage_error(const char *fmt, ...) NV_PRINTF(1, 2);

#endif
