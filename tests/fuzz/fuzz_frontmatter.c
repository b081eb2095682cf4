/*
 * fuzz_frontmatter.c: libFuzzer harness for the front matter splitter and
 * the YAML loader (nv_frontmatter_load), the entry point for every
 * Markdown file a user writes.
 */
#include "common.h"

#include "diag.h"
#include "frontmatter.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_split split;
	struct nv_value *meta = NULL;

	if (nv_frontmatter_load("fuzz.md", (const char *)data, size, &split, &meta, &d) == 0) {
		/* The split must lie inside the input. */
		if (split.body_off + split.body_len > size || meta == NULL)
			abort();
	} else if (d.errors == 0 || meta != NULL) {
		abort(); /* a failure must say why */
	}
	nv_value_free(meta);
	nv_diags_release(&d);
	return 0;
}
