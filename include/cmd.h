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

int cmd_check(int argc, char **argv, struct nv_global *g);

/*
 * Shared by commands: parse "-C DIR" at argv[*i] (also "-CDIR" and
 * "--directory=DIR"). Returns 1 if it consumed an option, 0 if argv[*i] is
 * not -C, -1 after printing a usage error.
 */
int nv_opt_directory(int argc, char **argv, int *i, struct nv_global *g);

/* Change to g->dir if set; prints the error and returns -1 on failure. */
int nv_enter_directory(const struct nv_global *g);

/* Print "nastavnik: MESSAGE" and the --help pointer to stderr; returns NV_EXIT_USAGE. */
int nv_usage_error(const char *fmt, ...) NV_PRINTF(1, 2);

#endif
