/*
 * lazylib.h: the libraries only some commands need, loaded with dlopen()
 * on first use instead of at start-up.
 *
 * Linking libcurl, libgit2, libmicrohttpd, libzip, libxml2 and
 * libxlsxwriter costs every run, `--version` and `print` included, the
 * dynamic loader's work on all of them and their own dependencies
 * (about 12 ms of a 17 ms start). Pango, Cairo, HarfBuzz, Fontconfig
 * and GLib, with the 30 libraries under them, cost another 5 ms to
 * every command, and only `print` and `build` with PDFs use them
 * (`print` loads them on its warm-up thread, while the project loads).
 * So they are not linked: lazylib.c
 * defines every function of theirs the program calls, with the same name
 * and signature the library's header declares, and forwards it through a
 * pointer that dlsym() gave when the library was opened. Call sites stay
 * as they are. A library's sonames are those the build found
 * (build/gen/sonames.h, from the .so pkg-config points to).
 *
 * A command that needs a library calls nv_lib_load() at its entry point,
 * before any call into the library, so that a missing library is a
 * diagnostic, not a crash. A call into a library that was not loaded
 * loads it then (unit tests, fuzzers); if that fails, the program stops
 * with a message, as when memory runs out.
 *
 * Loading is thread-safe (pthread_once) and done at most once per
 * library; libraries are never closed.
 */
#ifndef NV_LAZYLIB_H
#define NV_LAZYLIB_H

#include "common.h"

struct nv_diags;

enum nv_lib {
	NV_LIB_CURL, /* deploy, a department's members from URLs */
	NV_LIB_GIT2, /* the revision history of a project in Git */
	NV_LIB_MHD,  /* serve */
	NV_LIB_ZIP,  /* import of .docx and .odt */
	NV_LIB_XML2, /* import of .docx and .odt */
	NV_LIB_XLSX, /* report */
	/* The print engine's (print, build with PDFs), in the order they depend on each other: */
	NV_LIB_GLIB,
	NV_LIB_GOBJECT,
	NV_LIB_FC, /* Fontconfig */
	NV_LIB_HB, /* HarfBuzz */
	NV_LIB_CAIRO,
	NV_LIB_PANGO,
	NV_LIB_PANGOCAIRO,
	NV_LIB_POPPLER, /* the text of PDF attachments (with GLib and GObject) */
	NV_LIB_COUNT
};

/*
 * Load lib and resolve every function the program calls in it; 0, or -1
 * with an error added to d (when d is not NULL): «не удалось загрузить
 * библиотеку libcurl.so.4: …» and a hint how to install it. Later calls
 * return the first result at once.
 */
int nv_lib_load(enum nv_lib lib, struct nv_diags *d);

/*
 * Load the print engine's libraries, NV_LIB_GLIB to NV_LIB_PANGOCAIRO in
 * that order, as nv_lib_load() does each; 0, or -1 with the error of the
 * first that failed.
 */
int nv_lib_load_print(struct nv_diags *d);

/*
 * Why lib could not be loaded, as one Russian sentence without a final
 * stop («не удалось загрузить библиотеку libcurl.so.4: …»); "" when it
 * was loaded or never tried. Static storage.
 */
const char *nv_lib_why(enum nv_lib lib);

/* The file name dlopen() is given for lib ("libcurl.so.4"). */
const char *nv_lib_soname(enum nv_lib lib);

/*
 * For tests: open lib from file instead of its soname. Only before lib
 * is first loaded; file is not copied.
 */
void nv_lib_set_file(enum nv_lib lib, const char *file);

#endif
