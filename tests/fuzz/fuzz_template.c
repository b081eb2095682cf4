/*
 * fuzz_template.c: libFuzzer harness for template compile + render.
 *
 * The input is split at NUL bytes: the first piece is the template, the
 * next (up to four) are in-memory partials named p0..p3. The template is
 * compiled and rendered against a fixed context that has every value type,
 * lists to loop over and names (p0, p1, ../x, missing) for dynamic
 * partials. Odd-sized inputs use a lenient set, even-sized a strict one.
 * Tight step and output limits keep exponential templates cheap.
 *
 * Beyond "no crash, no leak", it checks the API contract: a failed compile
 * or render must have added an error.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "template.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nv_value *str(const char *s)
{
	return nv_value_new_str(s);
}

static struct nv_value *make_context(void)
{
	struct nv_value *root = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *list = nv_value_new(NV_LIST, 0, 0);
	struct nv_value *map = nv_value_new(NV_MAP, 0, 0);
	struct nv_value *item = nv_value_new(NV_MAP, 0, 0);

	nv_map_add(item, "a", 0, 0, str("<i>"));
	nv_map_add(item, "p", 0, 0, str("p1"));
	nv_list_push(list, item);
	nv_list_push(list, nv_value_new_number(2));
	nv_map_add(map, "a", 0, 0, str("x&y"));
	nv_map_add(map, "p", 0, 0, str("p2"));
	nv_map_add(map, "l", 0, 0, nv_value_copy(list));
	nv_map_add(root, "a", 0, 0, str("<&>\"'"));
	nv_map_add(root, "e", 0, 0, str(""));
	nv_map_add(root, "n", 0, 0, nv_value_new_number(1.5));
	nv_map_add(root, "t", 0, 0, nv_value_new_bool(true));
	nv_map_add(root, "f", 0, 0, nv_value_new_bool(false));
	nv_map_add(root, "z", 0, 0, nv_value_new_null());
	nv_map_add(root, "p", 0, 0, str("p0"));
	nv_map_add(root, "q", 0, 0, str("p3"));
	nv_map_add(root, "bad", 0, 0, str("../x"));
	nv_map_add(root, "none", 0, 0, str("missing"));
	nv_map_add(root, "l", 0, 0, list);
	nv_map_add(root, "m", 0, 0, map);
	return root;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nv_value *ctx;
	struct nv_tpl_limits lim = { NV_TPL_MAX_DEPTH, 5000, 1u << 20 };
	const char *text = (const char *)data;
	struct nv_tpl_set *set;
	struct nv_diags d = NV_DIAGS_INIT;
	struct nv_buf out = NV_BUF_INIT;
	const struct nv_template *t;
	size_t len, pos, i;

	if (!ctx)
		ctx = make_context();
	set = nv_tpl_set_new(size & 1 ? NV_TPL_LENIENT : 0);
	nv_tpl_set_limits(set, &lim);
	len = size;
	for (pos = 0; pos < size; pos++) {
		if (!text[pos]) {
			len = pos;
			break;
		}
	}
	pos = len;
	for (i = 0; i < 4 && pos < size; i++) {
		const char *p = text + pos + 1;
		const char *end = memchr(p, '\0', size - pos - 1);
		size_t n = end ? (size_t)(end - p) : size - pos - 1;
		char name[3] = { 'p', (char)('0' + i), '\0' };

		nv_tpl_set_add_source(set, name, p, n);
		pos += n + 1;
	}
	t = nv_tpl_compile(set, "fuzz.mustache", text, len, &d);
	if (!t && !d.errors)
		abort();
	if (t) {
		size_t errors = d.errors;

		if (nv_tpl_render(set, t, ctx, &out, &d) && d.errors == errors)
			abort();
		nv_buf_reset(&out);
		errors = d.errors;
		if (nv_tpl_render(set, t, NULL, &out, &d) && d.errors == errors)
			abort();
	}
	nv_buf_release(&out);
	nv_diags_release(&d);
	nv_tpl_set_free(set);
	return 0;
}
