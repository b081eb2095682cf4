/*
 * template.h: the Mustache template engine.
 *
 * Conforms to the official Mustache specification (interpolation,
 * sections, inverted sections, comments, set delimiters, partials,
 * inheritance with {{<parent}} and {{$block}}, dynamic names {{>*name}}
 * and {{<*name}}); lambdas are not supported.
 *
 * A template is compiled once into a tree and rendered many times against
 * a value tree (value.h). Templates live in a set (struct nv_tpl_set) that
 * owns every compiled template, caches them by name and finds partials and
 * parents: first among sources added in memory, then as NAME.mustache in
 * each search directory in the order the directories were added (the
 * project's override folder first, then the theme folder). Each file is
 * read and compiled at most once per set.
 *
 * Truthiness in sections: null, false, an empty list and an empty string
 * are falsey; everything else (0, an empty map) is truthy. The spec leaves
 * the empty string to the host language; we make it falsey because a
 * front-matter field written as `subtitle: ""` means "no subtitle".
 *
 * Interpolation: strings as they are, numbers in their shortest form
 * (85 → "85", 1.210 → "1.21", at most 15 significant digits), booleans as
 * "true"/"false", null, lists and maps as nothing. {{name}} escapes
 * & < > " ' as &amp; &lt; &gt; &quot; &#39;; {{{name}}} and {{&name}} do
 * not escape and are meant only for HTML our own renderer produced.
 *
 * Strictness: by default a missing partial or parent is an error (at the
 * position of the tag that names it); with NV_TPL_LENIENT it renders as
 * nothing, as the spec says. Syntax errors (unclosed or mismatched
 * sections, unclosed tags, bad delimiters, empty names, nesting deeper than
 * the limit) are always errors. Rendering never fails silently: a missing
 * dynamic partial, recursion deeper than the limit or a runaway render add
 * a diagnostic that names the template file, line and column of the tag.
 *
 * A set is not thread-safe: rendering may load templates named by dynamic
 * names, which changes the cache. Use one set per thread.
 */
#ifndef NV_TEMPLATE_H
#define NV_TEMPLATE_H

#include "common.h"

struct nv_buf;
struct nv_diags;
struct nv_value;

struct nv_tpl_set;
struct nv_template;

/* Flags for nv_tpl_set_new(). */
#define NV_TPL_LENIENT 0x1u /* missing partials and parents render as nothing */

struct nv_tpl_limits {
	/*
	 * Deepest nesting of partials and parents while rendering, and of
	 * sections, blocks and parent tags inside one template file.
	 */
	size_t max_depth;
	/* Text pieces and tags visited by one nv_tpl_render() call; 0: no limit. */
	size_t max_steps;
	/* Bytes one nv_tpl_render() call may append to its output; 0: no limit. */
	size_t max_output;
};

#define NV_TPL_MAX_DEPTH  64
#define NV_TPL_MAX_STEPS  0
#define NV_TPL_MAX_OUTPUT (256u << 20)
#define NV_TPL_MAX_FILE	  (16u << 20) /* largest template file read, in bytes */

/*
 * A new, empty set; `flags` is 0 or NV_TPL_LENIENT. The caller frees it
 * with nv_tpl_set_free().
 */
struct nv_tpl_set *nv_tpl_set_new(unsigned flags);

/*
 * Free the set and every template compiled in it; templates returned by
 * nv_tpl_get() and nv_tpl_compile() are invalid afterwards. Accepts NULL.
 */
void nv_tpl_set_free(struct nv_tpl_set *set);

/*
 * Append `dir` (copied) to the search path: a template NAME is the file
 * dir/NAME.mustache of the first directory that has it, and that path is
 * the file named in its diagnostics. A directory that does not exist is
 * skipped silently, so an optional override folder can always be added.
 * Add directories before the first lookup: found names are cached.
 */
void nv_tpl_set_add_dir(struct nv_tpl_set *set, const char *dir);

/*
 * Make template `name` available from memory (text is copied, len bytes);
 * in-memory sources are found before the search directories. Diagnostics
 * name it "NAME.mustache". Adding a name twice replaces the text unless
 * the name was already compiled.
 */
void nv_tpl_set_add_source(struct nv_tpl_set *set, const char *name, const char *text, size_t len);

/*
 * Replace the limits; the defaults are NV_TPL_MAX_DEPTH, NV_TPL_MAX_STEPS
 * and NV_TPL_MAX_OUTPUT. A max_depth of 0 is taken as 1.
 */
void nv_tpl_set_limits(struct nv_tpl_set *set, const struct nv_tpl_limits *limits);

/*
 * Promise that v, and everything in it, stays alive and unchanged while
 * the set renders (until nv_tpl_set_free()): a partial's memo whose name
 * found v then knows it by its address, not by comparing it whole (a
 * site's navigation, lent to every page). Calling it again is harmless.
 */
void nv_tpl_set_stable(struct nv_tpl_set *set, const struct nv_value *v);

/*
 * The compiled template `name`, loading and compiling it and every partial
 * and parent it names statically on first use. The set owns the result.
 *
 * Returns NULL when the template is missing or it, or a template it
 * includes, has errors. Every error of a file is added to d by the call
 * that compiled the file; a later call that fails for the same reason adds
 * one error naming the template, so a NULL result always comes with at
 * least one new error in d.
 */
const struct nv_template *nv_tpl_get(struct nv_tpl_set *set, const char *name, struct nv_diags *d);

/*
 * Compile `text` (len bytes, copied) as an anonymous template: it can use
 * the set's partials and parents but cannot be included by name. `file`
 * names it in diagnostics. The set owns the result, which lives until
 * nv_tpl_set_free(). Returns NULL with errors in d as nv_tpl_get() does.
 */
const struct nv_template *nv_tpl_compile(struct nv_tpl_set *set, const char *file, const char *text,
					 size_t len, struct nv_diags *d);

/*
 * Render t against the context `ctx` (the bottom of the context stack; may
 * be NULL for an empty context) and append the result to out. t must come
 * from this set.
 *
 * Returns 0, or -1 after adding errors to d: a missing dynamic partial or
 * parent (strict sets only), a template with errors named by a dynamic
 * name, nesting deeper than the limit, more steps or output than the
 * limits. Limit errors stop the render; out then holds a partial result
 * that the caller should discard.
 */
int nv_tpl_render(struct nv_tpl_set *set, const struct nv_template *t, const struct nv_value *ctx,
		  struct nv_buf *out, struct nv_diags *d);

/* The file name a template's diagnostics use (owned by the template). */
const char *nv_tpl_file(const struct nv_template *t);

#endif
