/*
 * fuzz_project.c: libFuzzer harness for a whole project: the content walk,
 * front matter, YAML, Markdown, every reader of the model, id resolution
 * and the model dump (nv_project_load, nv_model_dump), as `nastavnik
 * check --dump` runs them.
 *
 * The input is a project's files (fuzz_files.h). Seeds are the regress
 * projects, joined so (tests/fuzz/corpus/fuzz_project).
 *
 * Beyond "no crash, no leak", it checks that a load that fails says why, and that a project
 * whose load reported no error dumps a model.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "fuzz_files.h"
#include "model.h"
#include "project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_project_opts o = { NULL, false, 1, NULL, NULL };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf dump = NV_BUF_INIT;
	struct nv_project p;
	int rc;

	fuzz_files_write(data, size);
	o.content = content;
	o.drafts = size % 2; /* drafts counted or not, by the input's length */
	rc = nv_project_load(&p, &o, &d);
	if (rc < 0 && !d.errors)
		abort(); /* a failure must say why */
	if (rc == 0 && p.loaded) {
		nv_model_dump(&dump, &p.model);
		if (!d.errors && !dump.len)
			abort();
	}
	nv_project_release(&p);
	nv_buf_release(&dump);
	nv_diags_release(&d);
	return 0;
}
