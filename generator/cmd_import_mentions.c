/*
 * cmd_import_mentions.c: `nastavnik import` marks the people an imported
 * document names: a name of people.yml becomes a mention, «[Лебедевой
 * А. С.](@lebedeva-as)», so that the website shows or hides it as the
 * person's publish level says, and a roadmap's responsible who names
 * people becomes their ids (cmd.h).
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "cmd.h"
#include "guard.h"
#include "import.h"
#include "model.h"

/* True if s[start, end) can be the text of a link: no Markdown of its own. */
static bool plain_span(const char *s, size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end; i++)
		if (strchr("[]*_`<>\\\n", s[i]))
			return false;
	return true;
}

/* True if offset at of s (from body) is inside a link's text or address.
 * A link never spans lines, so only the line of at is read. */
static bool in_link(const char *s, size_t body, size_t at)
{
	size_t i, open = 0, line = at;

	while (line > body && s[line - 1] != '\n')
		line--;
	for (i = line; i < at; i++) {
		if (s[i] == '[' || s[i] == '(')
			open++;
		else if ((s[i] == ']' || s[i] == ')') && open)
			open--;
	}
	return open > 0;
}

/* Append part (n bytes) to a YAML flow list, quoted when it must be. */
static void add_flow_item(struct nv_buf *out, const char *part, size_t n)
{
	size_t i;

	if (!strpbrk(part, ",[]{}#&*!|>'\"%@`:") || n == 0) {
		nv_buf_add(out, part, n);
		return;
	}
	nv_buf_addch(out, '"');
	for (i = 0; i < n; i++) {
		if (part[i] == '"' || part[i] == '\\')
			nv_buf_addch(out, '\\');
		nv_buf_addch(out, part[i]);
	}
	nv_buf_addch(out, '"');
}

/*
 * A roadmap's «responsible: Лебедева А. С., куратор» whose parts name
 * people of people.yml becomes «responsible: [lebedeva-as, куратор]»: the
 * paper and the site then show each person as they may. Returns true if
 * the line (without its newline) was rewritten into out.
 */
static bool responsible_ids(const char *text, size_t len, const struct nv_guard *g,
			    struct nv_buf *out)
{
	static const char key[] = "responsible: ";
	char *line = nv_xmemdupz(text, len), *part;
	const char *v = strstr(line, key), *end = line + len, *p, *comma;
	struct nv_buf list = NV_BUF_INIT;
	struct nv_guard_hit h;
	bool any = false;

	if (!v || v[sizeof(key) - 1] == '[' || v[sizeof(key) - 1] == '"') {
		free(line);
		return false;
	}
	nv_buf_add(&list, line, (size_t)(v - line) + sizeof(key) - 1);
	nv_buf_addch(&list, '[');
	for (p = v + sizeof(key) - 1; p < end; p = comma + 2) {
		comma = strstr(p, ", ");
		if (!comma)
			comma = end;
		part = nv_xmemdupz(p, (size_t)(comma - p));
		if (p != v + sizeof(key) - 1)
			nv_buf_adds(&list, ", ");
		if (nv_guard_find(g, part, strlen(part), 0, false, &h) && h.start == 0 &&
		    h.end == strlen(part) && !h.leak) {
			nv_buf_adds(&list, h.p->id);
			any = true;
		} else {
			add_flow_item(&list, part, strlen(part));
		}
		free(part);
		if (comma == end)
			break;
	}
	nv_buf_addch(&list, ']');
	if (any)
		nv_buf_add(out, list.ptr, list.len);
	nv_buf_release(&list);
	free(line);
	return any;
}

/* The front matter s[0, n) with every roadmap responsible by ids where it names people. */
static void front_ids(const char *s, size_t n, const struct nv_guard *g, struct nv_buf *out)
{
	const char *p = s, *nl;

	while (p < s + n) {
		nl = memchr(p, '\n', (size_t)(s + n - p));
		nl = nl ? nl : s + n;
		if (!responsible_ids(p, (size_t)(nl - p), g, out))
			nv_buf_add(out, p, (size_t)(nl - p));
		if (nl < s + n)
			nv_buf_addch(out, '\n');
		p = nl + 1;
	}
}

/*
 * Mark every name of a person of people.yml in the body as a mention,
 * «[Лебедевой А. С.](@lebedeva-as)», as `check` asks. A person hidden
 * from the site is marked too (the site shows a description instead) and
 * the report asks for a public form that reads right in the sentence.
 */
void nv_cmd_import_mentions(struct nv_imp_result *r, const struct nv_guard *g)
{
	const char *s = r->text.ptr, *fm = strstr(s, "\n---\n");
	struct nv_buf out = NV_BUF_INIT;
	struct nv_guard_hit h;
	size_t body = fm ? (size_t)(fm - s) + 5 : 0, from = body, copied = body;

	if (!fm)
		return;
	front_ids(s, body, g, &out);
	while (nv_guard_find(g, s, r->text.len, from, false, &h)) {
		from = h.end > h.start ? h.end : h.start + 1;
		if (!plain_span(s, h.start, h.end) || in_link(s, body, h.start))
			continue;
		nv_buf_add(&out, s + copied, h.start - copied);
		nv_buf_addf(&out, "[%.*s](@%s)", (int)(h.end - h.start), s + h.start, h.p->id);
		copied = h.end;
		if (h.p->publish == NV_PUBLISH_NONE)
			nv_strlist_addf(
				&r->todo,
				"«%.*s» (%s) на сайте не называют: вместо имени будет описание "
				"роли; чтобы фраза читалась, впишите в упоминание публичную "
				"форму в том же падеже: [%.*s](@%s \"педагогу-наставнику\")",
				(int)(h.end - h.start), s + h.start, h.p->id,
				(int)(h.end - h.start), s + h.start, h.p->id);
	}
	nv_buf_add(&out, s + copied, r->text.len - copied);
	nv_buf_release(&r->text);
	r->text = out;
}
