/*
 * fuzz_print.c: libFuzzer harness for the paper back end: a fuzzed
 * project loaded, then every document the build prints (orders with
 * their appendices and acquaintance sheet, положения and programs with
 * their approval blocks, roadmaps as tables, forms) laid out, paginated
 * and painted as a PDF in memory with its layout dumped (nv_print_document),
 * and its text read back from the laid-out pages as the build's guard
 * reads it (nv_print_text). fuzz_project.c stops after the model,
 * fuzz_build.c after the website.
 *
 * The input is a project's files (fuzz_files.h); seeds are the regress
 * projects, joined so (tests/fuzz/corpus/fuzz_print). A project with
 * errors is not printed, as `build` prints none. Beyond "no crash, no
 * leak" (of ours: Fontconfig keeps its caches for the process, libhyphen
 * loses a few bytes a dictionary), it checks that a document that fails
 * to print says why, and that one printed has a layout.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "fuzz_files.h"
#include "model.h"
#include "print.h"
#include "project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libhyphen.so\n";
}

/* Print every document of the project that the build prints. */
static void print_all(const struct nv_model *m, struct nv_diags *d)
{
	struct nv_print_state *ps = nv_print_new(m, d);
	struct nv_buf dump = NV_BUF_INIT, text = NV_BUF_INIT;
	const struct nv_entry *e;
	size_t i, errors;

	if (!ps)
		abort(); /* the fonts are installed: nothing else stops it */
	for (i = 0; i < m->nentries; i++) {
		e = m->entries[i];
		if (!nv_kind_printed(e->kind))
			continue;
		nv_buf_reset(&dump);
		nv_buf_reset(&text);
		errors = d->errors;
		if (nv_print_document(ps, e, NULL, &dump) < 0) {
			if (d->errors == errors)
				abort(); /* a failure must say why */
			continue;
		}
		if (!dump.len)
			abort();
		nv_print_text(ps, e, true, &text);
	}
	nv_print_free(ps);
	nv_buf_release(&dump);
	nv_buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_project_opts o = { NULL, false, 1, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_project p;

	fuzz_files_write(data, size);
	o.content = content;
	o.drafts = size % 2; /* drafts counted or not, by the input's length */
	if (nv_project_load(&p, &o, &d) == 0 && p.loaded && !d.errors)
		print_all(&p.model, &d);
	nv_project_release(&p);
	nv_diags_release(&d);
	return 0;
}
