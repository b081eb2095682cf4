/*
 * fuzz_build.c: libFuzzer harness for a whole build of the website, as
 * `nastavnik build --no-pdf` runs it: the load and the model, then every
 * page, feed, calendar, data export and search index rendered from the
 * model, each file read by the personal-data guard before it is written,
 * and the output folder swapped in (nv_build). fuzz_project.c stops
 * after the model; this goes on through the website back end.
 *
 * The input is a project's files (fuzz_files.h); seeds are the regress
 * projects, joined so (tests/fuzz/corpus/fuzz_build). Each run builds into
 * an empty output folder. Beyond "no crash, no leak", it checks that a
 * build that fails says why, that a build with errors in the content
 * writes nothing, and that one that succeeds wrote the section's first
 * page.
 */
#include "common.h"

#include "build.h"
#include "build_git.h"
#include "diag.h"
#include "fuzz_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *out;	/* tmp/out */
static char *out_index; /* tmp/out/site/index.html */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_build_opts o;
	struct nv_diags d = NV_DIAGS_INIT;
	enum nv_build_status st;

	fuzz_files_write(data, size);
	if (!out) {
		/* No revision history: the folder is in no repository, and no library is opened. */
		setenv(NV_GIT_OFF_ENV, "1", 1);
		out = nv_xasprintf("%s/out", tmp);
		out_index = nv_xasprintf("%s/site/index.html", out);
	}
	nv_rm_rf(out);
	memset(&o, 0, sizeof(o));
	o.content = content;
	o.out = out;
	o.drafts = size % 2; /* drafts built or not, by the input's length */
	o.jobs = 1;
	o.force = true;
	st = nv_build(&o, &d, NULL);
	if ((st == NV_BUILD_CONTENT_ERRORS || st == NV_BUILD_FAILED) && !d.errors)
		abort(); /* a failure must say why */
	if (st == NV_BUILD_CONTENT_ERRORS && nv_exists(out_index))
		abort(); /* nothing is written when the content has errors */
	if (st == NV_BUILD_OK && !nv_exists(out_index))
		abort();
	nv_diags_release(&d);
	return 0;
}
