/*
 * fuzz_frontmatter.c: libFuzzer harness for the front matter splitter and
 * the YAML loader (nv_frontmatter_load), the entry point for every
 * Markdown file a user writes.
 *
 * It also loads each front matter both ways: when the fast path
 * (yaml_fast.c) takes it, libyaml must load the same tree, positions
 * included, without an error.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "value.h"
#include "../../generator/yaml_load_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fast path's tree of the front matter, if it takes it, is libyaml's. */
static void compare_paths(const char *text, size_t size)
{
	static const struct nv_yaml_limits limits = { NV_YAML_MAX_DEPTH, NV_FRONTMATTER_MAX_NODES };
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf a = NV_BUF_INIT, b = NV_BUF_INIT;
	struct nv_split split;
	struct nv_value *fast, *slow;

	if (nv_frontmatter_split("fuzz.md", text, size, &split, &d) < 0 || !split.has_meta)
		goto out;
	fast = nv_yaml_fast(text + split.meta_off, split.meta_len, split.meta_line, &limits, NULL,
			    NULL);
	if (!fast)
		goto out;
	slow = nv_yaml_load_libyaml("fuzz.md", text + split.meta_off, split.meta_len,
				    split.meta_line, &limits, &d);
	nv_yaml_dump_full(&a, fast);
	nv_yaml_dump_full(&b, slow);
	if (d.nr || strcmp(a.ptr, b.ptr)) {
		fprintf(stderr, "fast path:\n%slibyaml (%zu errors):\n%s", a.ptr, d.nr, b.ptr);
		abort();
	}
	nv_value_free(fast);
	nv_value_free(slow);
out:
	nv_buf_release(&a);
	nv_buf_release(&b);
	nv_diags_release(&d);
}

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
	compare_paths((const char *)data, size);
	return 0;
}
