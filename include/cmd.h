/*
 * cmd.h: the commands of the nastavnik program, one per generator/cmd_*.c.
 *
 * A command gets its own arguments (argv[0] is the command name) and the
 * global options, prints what the user must see and returns the exit
 * code: 0 success, 1 content errors, 2 usage or environment errors.
 */
#ifndef NV_CMD_H
#define NV_CMD_H

#include "common.h"

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
int cmd_new(int argc, char **argv, struct nv_global *g);
int cmd_print(int argc, char **argv, struct nv_global *g);
int cmd_serve(int argc, char **argv, struct nv_global *g);

/*
 * Shared by commands: parse "-C DIR" at argv[*i] (also "-CDIR" and
 * "--directory=DIR"). Returns 1 if it consumed an option, 0 if argv[*i] is
 * not -C, -1 after printing a usage error.
 */
int nv_opt_directory(int argc, char **argv, int *i, struct nv_global *g);

/*
 * Shared by commands: parse "-j N" or "-jN" at argv[*i] (a number of
 * threads, 1…256) into *jobs. Returns 0, or -1 after printing a usage
 * error that names the command.
 */
int nv_opt_jobs(const char *cmd, int argc, char **argv, int *i, int *jobs);

/*
 * Find the content folder from -C: DIR may be the project (it holds
 * content/; the process changes into it, so paths read "content/…") or
 * the content folder itself (paths then start with DIR). Without -C the
 * project is the current directory. Stores the content folder in *root
 * (static or argv storage, not freed). Prints the error and returns -1
 * when DIR cannot be used.
 */
int nv_open_project(const struct nv_global *g, const char **root);

/* Print "nastavnik: MESSAGE" and the --help pointer to stderr; returns NV_EXIT_USAGE. */
int nv_usage_error(const char *fmt, ...) NV_PRINTF(1, 2);

#endif
