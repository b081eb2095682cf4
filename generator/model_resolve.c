/*
 * model_resolve.c: the rules that span documents, run once every file is
 * read: orders and their appendices (with the derived «УТВЕРЖДЕНО
 * приказом» blocks), links between Markdown documents and their anchors (and the web URL of
 * each), the publish level of every person and what the website shows
 * for each mention of a person in a Markdown body.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "model_report.h"
#include "person.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"

/*
 * The long form of an appendix, `{id: spisok, web: false}`: *v becomes the
 * id's node and *hidden is true when `web` is false. False (with an
 * error) when the map is not that.
 */
static bool appendix_map(struct nv_fields *f, const struct nv_value **v, bool *hidden)
{
	const struct nv_value *map = *v, *id = nv_map_get(map, "id"), *web;
	bool ok = true;
	size_t i;

	for (i = 0; i < map->nr; i++)
		if (strcmp(map->members[i].key, "id") && strcmp(map->members[i].key, "web")) {
			f->errors++;
			nv_diag_hint(nv_error(f->d, f->file, map->members[i].line,
					      map->members[i].col, "у приложения нет поля «%s»",
					      map->members[i].key),
				     "приложение записывается id документа или "
				     "{id: документ, web: false}");
			ok = false;
		}
	web = nv_map_get(map, "web");
	if (web && web->type != NV_BOOL) {
		nv_diag_hint(nv_field_error(f, web,
					    "в поле «web» ожидается true или false, а "
					    "здесь %s",
					    nv_type_name(web->type)),
			     "web: false — приложение не публикуется на сайте");
		ok = false;
	}
	if (!id) {
		nv_diag_hint(nv_field_error(f, map, "у приложения не указан id"),
			     "например {id: pairs, web: false}");
		ok = false;
	}
	*hidden = web && web->type == NV_BOOL && !web->boolean;
	*v = id;
	return ok;
}

void mdl_read_appendices(struct builder *b, struct nv_entry *e, struct nv_fields *f)
{
	const struct nv_value *list, *v;
	bool hidden;
	size_t i, n;

	/* An item that names no document is an error of its own (model_appx.c). */
	if ((list = nv_map_get(e->doc->meta, "appendices")) != NULL)
		e->nappendices_listed = list->type == NV_LIST ? list->nr : 1;
	list = nv_field_list(f, "appendices", NV_OPTIONAL, NULL, true);
	if (list) {
		n = list->type == NV_LIST ? list->nr : 1;
		e->appendices = nv_xcalloc(n + 1, sizeof(*e->appendices));
		for (i = 0; i < n; i++) {
			v = list->type == NV_LIST ? list->items[i] : list;
			hidden = false;
			if (v->type == NV_MAP && !appendix_map(f, &v, &hidden))
				continue;
			e->appendices[e->nappendices].web_hidden = hidden;
			if (nv_value_is_scalar(v) && !strcmp(v->str, "pairs")) {
				e->appendices[e->nappendices].number = (int)e->nappendices + 1;
				e->nappendices++;
				continue;
			}
			e->appendices[e->nappendices].doc =
				mdl_ref_entry(b, f, v, "appendices", NV_KIND_COUNT);
			if (e->appendices[e->nappendices].doc) {
				e->appendices[e->nappendices].number = (int)e->nappendices + 1;
				e->nappendices++;
			}
		}
	}
}

const struct nv_value *mdl_appendix_node(const struct nv_entry *order, const char *id)
{
	const struct nv_value *list = nv_map_get(order->doc->meta, "appendices"), *it, *v;
	size_t i;

	for (i = 0; list && list->type == NV_LIST && i < list->nr; i++) {
		it = list->items[i];
		v = it->type == NV_MAP ? nv_map_get(it, "id") : it;
		if (v && v->str && !strcmp(v->str, id))
			return v;
	}
	return list;
}

/* The latest protocol date of the blocks that adopt a document. */
static bool adopted_on(const struct nv_entry *e, struct nv_date *out)
{
	bool found = false;
	size_t i;

	for (i = 0; i < e->napprovals; i++) {
		const struct nv_approval *a = &e->approvals[i];
		if (a->order || !a->has_protocol_date)
			continue;
		if (!found || nv_date_cmp(a->protocol_date, *out) > 0)
			*out = a->protocol_date;
		found = true;
	}
	return found;
}

/*
 * A положение, program or roadmap that no order appends (of the project,
 * or outside it: `appendix_of`) and no block УТВЕРЖДЕНО or УТВЕРЖДАЮ
 * approves: a local act in force
 * only once the director approves it, printed without the approval.
 * Not told while there are errors: the order that approves it may be
 * one of the documents they left unread.
 */
static void check_approved(struct builder *b)
{
	const struct nv_entry *e;
	const struct nv_value *node;
	size_t i, j;

	if (b->d->errors)
		return;

	for (i = 0; i < b->m->nentries; i++) {
		e = b->m->entries[i];
		if ((e->kind != NV_KIND_POSITION && e->kind != NV_KIND_PROGRAM &&
		     e->kind != NV_KIND_ROADMAP) ||
		    e->approved_by || e->appendix_of.given || !e->doc)
			continue;
		for (j = 0; j < e->napprovals; j++)
			if (e->approvals[j].label == NV_LABEL_APPROVED ||
			    e->approvals[j].label == NV_LABEL_APPROVE)
				break;
		if (j < e->napprovals)
			continue;
		node = nv_map_get(e->doc->meta, "approval");
		if (!node)
			node = nv_map_get(e->doc->meta, "title");
		nv_diag_hint(nv_warning(b->d, e->doc->path, node ? node->line : 1,
					node ? node->col : 1,
					"документ не утверждён: ни один приказ не указывает «%s» в "
					"«appendices», блока УТВЕРЖДЕНО или УТВЕРЖДАЮ нет",
					e->id),
			     "добавьте «%s» в «appendices» приказа об утверждении; если его "
			     "утвердили приказом не из проекта, добавьте в «approval» блок "
			     "«label: УТВЕРЖДЕНО» с «order: { number: …, date: … }»",
			     e->id);
	}
}

void mdl_resolve_appendices(struct builder *b)
{
	struct nv_entry *o, *doc;
	const struct nv_value *node;
	struct nv_approval *a;
	struct nv_date adopted;
	struct nv_buf when = NV_BUF_INIT;
	size_t i, k, j;

	for (i = 0; i < b->m->nentries; i++) {
		o = b->m->entries[i];
		if (o->kind != NV_KIND_ORDER)
			continue;
		for (k = 0; k < o->nappendices; k++) {
			doc = o->appendices[k].doc;
			if (!doc)
				continue;
			node = mdl_appendix_node(o, doc->id);
			if (doc->approved_by) {
				nv_diag_hint(
					nv_error(b->d, o->doc->path, node->line, node->col,
						 "документ «%s» уже указан приложением к приказу "
						 "«%s»",
						 doc->id, doc->approved_by->id),
					"документ утверждается одним приказом; изменения оформите "
					"новой редакцией документа");
				continue;
			}
			if (doc->kind == NV_KIND_ORDER || doc->kind == NV_KIND_NEWS ||
			    doc->kind == NV_KIND_CASE) {
				nv_diag_hint(
					nv_error(b->d, o->doc->path, node->line, node->col,
						 "«%s» (%s) не может быть приложением к приказу",
						 doc->id, nv_kind_names[doc->kind]),
					"приложениями бывают положения, программы, дорожные карты, "
					"страницы и таблица пар (pairs)");
				continue;
			}
			doc->approved_by = o;
			doc->web_hidden = o->appendices[k].web_hidden;
			doc->appendix_number = o->appendices[k].number;
			if (doc->kind != NV_KIND_POSITION && doc->kind != NV_KIND_PROGRAM &&
			    doc->kind != NV_KIND_ROADMAP)
				continue;
			for (j = 0; j < doc->napprovals; j++)
				if (doc->approvals[j].label == NV_LABEL_APPROVED ||
				    doc->approvals[j].label == NV_LABEL_APPROVE)
					nv_diag_hint(
						nv_warning(b->d, doc->doc->path,
							   doc->approvals[j].line,
							   doc->approvals[j].col,
							   "блок «%s» задан вручную, а документ "
							   "утверждён приказом «%s»",
							   nv_label_names[doc->approvals[j].label],
							   o->id),
						"блок «%s приказом …» выводится из приказа сам: "
						"уберите его из approval",
						nv_approved_word(doc->gender));
			if (adopted_on(doc, &adopted) && o->date.year &&
			    nv_date_cmp(o->date, adopted) < 0) {
				nv_buf_reset(&when);
				nv_date_add(&when, adopted, NV_DATE_NUMERIC);
				nv_diag_hint(
					nv_warning(
						b->d, o->doc->path, node->line, node->col,
						"приказ утверждает «%s», но датирован раньше, чем "
						"документ принят (протокол от %s)",
						doc->id, when.ptr),
					"проверьте дату приказа и дату протокола в блоке ПРИНЯТО");
			}
			doc->approvals =
				nv_xrealloc(doc->approvals, (doc->napprovals + 1) * sizeof(*a));
			a = &doc->approvals[doc->napprovals++];
			memset(a, 0, sizeof(*a));
			a->label = NV_LABEL_APPROVED;
			a->right = true;
			a->order = o;
		}
	}
	nv_buf_release(&when);
	check_approved(b);
}

/* Normalise "content/pages/../orders/x.md" into out; false if it leaves content. */
static bool join_path(struct nv_buf *out, const char *base, const char *rel)
{
	const char *slash = strrchr(base, '/');
	const char *p = rel;
	size_t seg;

	nv_buf_reset(out);
	nv_buf_add(out, base, slash ? (size_t)(slash - base) : 0);
	while (*p) {
		seg = strcspn(p, "/");
		if (seg == 2 && !strncmp(p, "..", 2)) {
			size_t n = out->len;
			while (n && out->ptr[n - 1] != '/')
				n--;
			if (!n)
				return false;
			nv_buf_truncate(out, n - 1);
		} else if (!(seg == 1 && *p == '.') && seg) {
			nv_buf_addch(out, '/');
			nv_buf_add(out, p, seg);
		}
		p += seg;
		if (*p == '/')
			p++;
	}
	return true;
}

void mdl_relative_path(struct nv_buf *out, const char *from, const char *to)
{
	size_t common = 0, i;

	/* The longest common run of whole folders. */
	for (i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	nv_buf_reset(out);
	for (i = common; from[i]; i++)
		if (from[i] == '/')
			nv_buf_adds(out, "../");
	nv_buf_adds(out, to + common);
}

/*
 * The entry of the document at `path`, or NULL. A document's id is its
 * file name without ".md" (content.h), so the id index names the only
 * candidate.
 */
static struct nv_entry *entry_by_path(const struct nv_model *m, const char *path)
{
	const char *base = strrchr(path, '/');
	struct nv_entry *e;
	char *id;
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n < 3 || strcmp(base + n - 3, ".md"))
		return NULL;
	id = nv_xmemdupz(base, n - 3);
	e = nv_model_entry(m, id);
	free(id);
	return e && !strcmp(e->doc->path, path) ? e : NULL;
}

/* The entry a link of e's body to a document leads to, or NULL; path: room for the path. */
static const struct nv_entry *link_target(const struct builder *b, const struct nv_entry *e,
					  const struct nv_md_link *l, struct nv_buf *path)
{
	return join_path(path, e->doc->path, l->path) ? entry_by_path(b->m, path->ptr) : NULL;
}

static void check_anchor(struct builder *b, const struct nv_entry *from, const struct nv_md_link *l,
			 const struct nv_entry *target)
{
	const struct nv_md *md = target->doc->md;
	struct nv_buf ids = NV_BUF_INIT;
	const char *near;
	const char **all;
	size_t i;
	struct nv_diag *diag;

	if (!l->anchor || !*l->anchor || !md || nv_md_find_heading(md, l->anchor))
		return;
	diag = nv_error(b->d, from->doc->path, l->line, l->col,
			"в документе «%s» нет заголовка с якорем «#%s»", target->id, l->anchor);
	all = nv_xcalloc(md->nr_headings + 1, sizeof(*all));
	for (i = 0; i < md->nr_headings; i++) {
		all[i] = md->headings[i].id;
		if (i < 8)
			nv_buf_addf(&ids, "%s#%s", i ? ", " : "", md->headings[i].id);
	}
	near = nv_suggest(l->anchor, all, md->nr_headings);
	/* A shortened anchor: «#7-motivatsiya» for «#7-motivatsiya-i-…». */
	for (i = 0; !near && i < md->nr_headings; i++)
		if (!strncmp(all[i], l->anchor, strlen(l->anchor)))
			near = all[i];
	if (near)
		nv_diag_hint(diag, "возможно, «#%s»", near);
	else if (md->nr_headings)
		nv_diag_hint(diag, "якоря заголовков этого документа: %s%s", ids.ptr,
			     md->nr_headings > 8 ? ", …" : "");
	else
		nv_diag_hint(diag, "в документе нет заголовков; уберите «#%s» из ссылки",
			     l->anchor);
	free(all);
	nv_buf_release(&ids);
}

/*
 * The web URL of a link to a document: the same relative path with the
 * page's ".html" for ".md", then the anchor.
 */
static char *link_url(const struct nv_md_link *l)
{
	struct nv_buf url = NV_BUF_INIT;
	size_t n = strlen(l->path);

	nv_buf_add(&url, l->path, n > 3 ? n - 3 : n);
	nv_buf_adds(&url, ".html");
	if (l->anchor)
		nv_buf_addf(&url, "#%s", l->anchor);
	return nv_buf_detach(&url, NULL);
}

/* A link the website cannot give (nv_md_url_unsafe()): an error at it, and what to link instead. */
static void unsafe_link(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	int n = (int)nv_utf8_cut(l->url, strlen(l->url), 60);

	if (nv_md_url_unsafe(l->url) == 2)
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка на файл вашего компьютера «%.*s%s»: на сайте она "
				      "не откроется",
				      n, l->url, l->url[n] ? "…" : ""),
			     "положите файл в content/files/ и сошлитесь на него от папки "
			     "документа: [Приказ](../files/prikaz.pdf)");
	else
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка «%.*s%s» запускает программу: на сайте её не будет",
				      n, l->url, l->url[n] ? "…" : ""),
			     "дайте обычный адрес (https://…) или уберите ссылку, оставив текст");
}

/*
 * The path of the file link or image l of e names, «%20» decoded, from
 * the folder of e's file, into path; false when it leads above content/.
 */
static bool link_path(struct nv_buf *path, const struct nv_entry *e, const struct nv_md_link *l)
{
	char *rel = nv_xstrdup(l->path);
	bool in;

	nv_percent_decode(rel);
	in = join_path(path, e->doc->path, rel);
	free(rel);
	return in;
}

/*
 * A link or an image naming a file (../files/plan.pdf): it must be an
 * attachment of content/ or a document's PDF (../roadmaps/plan.pdf for
 * content/roadmaps/plan.md), else the website's link is broken. An error
 * at it, naming the file that differs only in case when there is one.
 */
static void file_link(struct builder *b, struct nv_entry *e, const struct nv_md_link *l,
		      struct nv_buf *path)
{
	const struct nv_model *m = b->m;
	const char *like = NULL, *root = b->c->root ? b->c->root : "content";
	enum nv_pdf_off off;
	const struct nv_entry *doc;
	size_t i, n = strlen(root);

	if (!link_path(path, e, l)) {
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка «%s» ведёт выше папки content/", l->path),
			     "файлы для сайта кладут в content/files/ и ссылаются на них от папки "
			     "документа: ../files/имя");
		return;
	}
	/* The printed справка, in the site's root. */
	if (!strncmp(path->ptr, root, n) && path->ptr[n] == '/' &&
	    !strcmp(path->ptr + n + 1, NV_REPORT_PDF))
		return;
	/*
	 * The PDF of a document, which the build puts beside its page: the
	 * document's name (a built-in form's has no content folder).
	 */
	if (path->len > 4 && !strcmp(path->ptr + path->len - 4, ".pdf")) {
		nv_buf_truncate(path, path->len - 4);
		nv_buf_adds(path, ".md");
		doc = entry_by_path(m, path->ptr);
		if (!doc && !strncmp(path->ptr, root, n) && path->ptr[n] == '/')
			doc = entry_by_path(m, path->ptr + n + 1);
		if (doc && !(off = nv_entry_pdf_off(doc))) {
			e->pdf_links = nv_xrealloc(
				e->pdf_links, nv_st_mult(e->npdf_links + 1, sizeof(*e->pdf_links)));
			e->pdf_links[e->npdf_links++] =
				(struct nv_pdf_link){ doc, l->path, l->line, l->col };
			return;
		}
		if (doc) {
			nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
					      "ссылка на PDF «%s», которого на сайте нет", l->path),
				     "%s; сошлитесь на страницу документа: [документ](%.*s.md)",
				     nv_pdf_off_why(off), (int)(strlen(l->path) - 4), l->path);
			return;
		}
		nv_buf_truncate(path, path->len - 3);
		nv_buf_adds(path, ".pdf");
	}
	for (i = 0; i < m->nattachments; i++) {
		if (!strcmp(m->attachments[i].path, path->ptr))
			return;
		if (!strcasecmp(m->attachments[i].path, path->ptr))
			like = m->attachments[i].path;
	}
	if (like)
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка на файл «%s», которого нет: есть «%s»", l->path,
				      like),
			     "на сайте большие и малые буквы в имени файла различаются: напишите "
			     "имя, как у файла");
	else
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка на файл «%s», которого нет в content/", l->path),
			     "положите файл в content/files/ или исправьте имя; путь считается от "
			     "папки документа: ../files/имя");
}

const struct nv_attachment *nv_model_linked_file(const struct nv_model *m, const struct nv_entry *e,
						 const struct nv_md_link *l)
{
	struct nv_buf path = NV_BUF_INIT;
	const struct nv_attachment *a = NULL;
	size_t i;

	if (!e->doc || !l->path)
		return NULL;
	if (link_path(&path, e, l))
		for (i = 0; i < m->nattachments && !a; i++)
			if (!strcmp(m->attachments[i].path, path.ptr))
				a = &m->attachments[i];
	nv_buf_release(&path);
	return a;
}

/*
 * A note where the website will not give e's PDF for a name its fields
 * print: the author may not know that his choice of publish level
 * takes the PDF off (the build's guard tells the same of a name in the
 * text, bld_public_pdfs()).
 */
static void pdf_note(struct builder *b, const struct nv_entry *e)
{
	enum nv_pdf_off why = nv_entry_pdf_off(e);

	if (why == NV_PDF_AUTHORS || why == NV_PDF_APPROVAL)
		nv_diag_hint(nv_diag_add(b->d, NV_NOTE, e->doc->path, 0, 0,
					 "PDF документа не будет на сайте"),
			     "%s", nv_pdf_off_why(why));
}

/* A link to a document that is not where it says, or not at all: an error saying which. */
static void missing_target(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l,
			   struct nv_buf *path)
{
	const char *slash = strrchr(l->path, '/');
	const struct nv_entry *target;
	char *id = nv_xstrdup(slash ? slash + 1 : l->path);

	id[strlen(id) > 3 ? strlen(id) - 3 : 0] = '\0';
	if (mdl_broken_doc(b, id))
		; /* the target's own errors are reported */
	else if (mdl_is_draft(b, id))
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка на черновик «%s»", l->path),
			     "уберите «draft: true» из документа или ссылку на него");
	else if ((target = nv_model_entry(b->m, id)) != NULL) {
		mdl_relative_path(path, e->doc->path, target->doc->path);
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка «%s» ведёт не туда: такого файла нет", l->path),
			     "путь считается от папки этого документа: напишите «%s»", path->ptr);
	} else
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "ссылка на несуществующий документ «%s»", l->path),
			     "проверьте имя файла; путь считается от папки этого документа, "
			     "например «../orders/o-vnedrenii.md»");
	free(id);
}

/*
 * A link or an image whose address is written with «\», as Windows writes
 * paths («..\files\plan.pdf», copied from Explorer): the website has no
 * file so named. An error with the address written with «/»; true when
 * said. Markdown reads «\.» as an escaped «.» («..\..\files» comes to it
 * as «....\files»): then the address read is not the one typed, and the
 * message shows neither.
 */
static bool backslashed(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	char *fixed, *p;

	if (!strchr(l->path, '\\'))
		return false;
	if (strstr(l->url, "...")) {
		nv_diag_hint(
			nv_error(b->d, e->doc->path, l->line, l->col,
				 "в адресе обратная косая черта «\\»: так пути пишет Windows, а в "
				 "адресах на сайте пишут «/»"),
			"замените в адресе каждую «\\» на «/»: «..\\..\\files\\plan.pdf» → "
			"«../../files/plan.pdf»");
		return true;
	}
	fixed = nv_xstrdup(l->url);
	for (p = fixed; *p; p++)
		if (*p == '\\')
			*p = '/';
	nv_diag_hint(
		nv_error(b->d, e->doc->path, l->line, l->col,
			 "в адресе «%s» обратная косая черта «\\»: так пути пишет Windows, а в "
			 "адресах на сайте пишут «/»",
			 l->url),
		"напишите «%s»", fixed);
	free(fixed);
	return true;
}

/*
 * The links of entry e: its URLs and links to PDFs are its own; other
 * entries are only read. path: room for the paths joined.
 */
void mdl_check_links(struct builder *b, struct nv_entry *e, struct nv_buf *path)
{
	const struct nv_md_link *l;
	const struct nv_entry *target;
	size_t k;

	pdf_note(b, e);
	if (!e->doc->md)
		return;
	for (k = 0; k < e->doc->md->nr_links; k++) {
		l = &e->doc->md->links[k];
		if (l->kind == NV_MD_LINK_PERSON)
			continue; /* mdl_resolve_mentions */
		if (l->kind == NV_MD_LINK_ANCHOR) {
			check_anchor(b, e, l, e);
			continue;
		}
		if (l->kind == NV_MD_LINK_UNSAFE) {
			unsafe_link(b, e, l);
			continue;
		}
		if (l->kind == NV_MD_LINK_REMOTE) {
			mdl_check_image(b, e, l);
			continue;
		}
		/* A file's or a document's. */
		if (backslashed(b, e, l))
			continue;
		if (l->kind == NV_MD_LINK_FILE) {
			file_link(b, e, l, path);
			mdl_check_image(b, e, l);
			continue;
		}
		if (!e->link_urls)
			e->link_urls = nv_xcalloc(e->doc->md->nr_links, sizeof(*e->link_urls));
		e->link_urls[k] = link_url(l);
		target = link_target(b, e, l, path);
		if (!target)
			missing_target(b, e, l, path);
		else if (!b->later || target == e)
			check_anchor(b, e, l, target);
	}
}

void mdl_check_anchors(struct builder *b)
{
	struct nv_buf path = NV_BUF_INIT;
	const struct nv_md_link *l;
	const struct nv_entry *e, *target;
	size_t i, k;

	for (i = 0; i < b->m->nentries; i++) {
		e = b->m->entries[i];
		for (k = 0; e->doc->md && k < e->doc->md->nr_links; k++) {
			l = &e->doc->md->links[k];
			if (l->kind != NV_MD_LINK_DOC || !l->anchor || !*l->anchor)
				continue;
			target = link_target(b, e, l, &path);
			if (target && target != e)
				check_anchor(b, e, l, target);
		}
	}
	nv_buf_release(&path);
}

void mdl_check_publish(struct nv_fields *f, const struct nv_value *item, struct nv_person *p,
		       bool student)
{
	const struct nv_value *v = nv_map_get(item, "publish");

	if ((int)p->publish <= (int)NV_PUBLISH_NONE)
		return;
	if (student) {
		nv_diag_hint(nv_field_error(f, v,
					    "обучающиеся не публикуются на сайте по имени, а у "
					    "«%s» (category: student) стоит «publish: %s»",
					    p->id ? p->id : "?", mdl_publish_names[p->publish]),
			     "уберите publish или напишите «publish: none»");
		p->publish = NV_PUBLISH_NONE;
	} else if (!p->has_consent) {
		/* A consent that is not a date is reported by its own error. */
		if (!nv_map_get(item, "consent"))
			nv_diag_hint(
				nv_field_error(f, v,
					       "«publish: %s» показывает имя «%s» на сайте, но не "
					       "указана дата согласия на распространение "
					       "персональных данных",
					       mdl_publish_names[p->publish], p->id ? p->id : "?"),
				"добавьте «consent: ДД.ММ.ГГГГ» — дату письменного согласия "
				"(152-ФЗ, ст. 10.1) — или напишите «publish: none»");
		p->publish = NV_PUBLISH_NONE;
	}
}

void mdl_settle_people(struct builder *b)
{
	struct nv_person *p;
	size_t i;

	for (i = 0; i < b->m->npeople; i++) {
		p = b->m->people[i];
		/* A level written in people.yml was checked when it was read. */
		if ((int)p->publish >= 0)
			continue;
		p->publish = p->category == NV_CAT_STUDENT || p->mentee
				     ? NV_PUBLISH_NONE
				     : b->m->site.publish_default;
		if (p->publish == NV_PUBLISH_NONE || p->has_consent)
			continue;
		nv_diag_hint(nv_error(b->d, b->people_file, p->line, p->col,
				      "участник «%s» будет показан на сайте (publish: "
				      "%s по умолчанию из site.yml), но не указана дата "
				      "согласия на распространение персональных данных",
				      p->id, mdl_publish_names[p->publish]),
			     "добавьте «consent: ДД.ММ.ГГГГ» — дату письменного согласия "
			     "(152-ФЗ, ст. 10.1) — или «publish: none»");
		p->publish = NV_PUBLISH_NONE;
	}
}

/* The next word of s (split at spaces, U+00A0 and U+202F); its length, 0 at the end. */
static size_t next_word(const char **s)
{
	const char *p = *s, *start;

	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (!strncmp(p, "\xC2\xA0", 2))
			p += 2;
		else if (!strncmp(p, "\xE2\x80\xAF", 3))
			p += 3;
		else
			break;
	}
	start = p;
	while (*p && *p != ' ' && *p != '\t' && strncmp(p, "\xC2\xA0", 2) &&
	       strncmp(p, "\xE2\x80\xAF", 3))
		p++;
	*s = p;
	return (size_t)(p - start);
}

/*
 * True if the n bytes at w may be the surname in some case: they start
 * with the surname less its last two letters (Гусев → Гусеву, Ковалёва →
 * Ковалевой), ignoring letter case and ё/е.
 */
static bool surname_form(const char *w, size_t n, const char *surname)
{
	struct nv_buf word = NV_BUF_INIT, stem = NV_BUF_INIT;
	size_t keep, i, count;
	bool ok;

	nv_utf8_fold(&word, w, n);
	nv_utf8_fold(&stem, surname ? surname : "", surname ? strlen(surname) : 0);
	count = nv_utf8_count(stem.ptr ? stem.ptr : "", stem.len);
	keep = count > 3 ? count - 2 : count;
	/* i: the byte length of the first `keep` letters. */
	for (i = 0; i < stem.len; i++) {
		if (((unsigned char)stem.ptr[i] & 0xC0) == 0x80)
			continue;
		if (keep == 0)
			break;
		keep--;
	}
	ok = stem.len && word.len >= i && !memcmp(word.ptr, stem.ptr, i);
	nv_buf_release(&word);
	nv_buf_release(&stem);
	return ok;
}

/*
 * True if the mention's text is the surname in some case with the
 * person's initials and nothing else («Лебедевой А. С.», «А.С. Лебедевой»):
 * one word plus initials (a capital and a dot, run together or apart)
 * that are those of the given name and the patronymic, in order. Such a
 * text may be shown at publish: initials as the author wrote it.
 */
static bool initials_form(const char *text, const struct nv_person *p)
{
	const char *want[2] = { p->name, p->patronymic }, *s = text, *w;
	size_t n, k, words = 0, initials = 0, len;
	uint32_t cp, first;

	while ((n = next_word(&s)) != 0) {
		w = s - n;
		if (n < 2 || w[n - 1] != '.') {
			if (!surname_form(w, n, p->surname))
				return false;
			words++;
			continue;
		}
		for (k = 0; k < n;) {
			len = nv_utf8_decode(w + k, n - k, &cp);
			if (!len || k + len >= n || w[k + len] != '.' || initials >= 2 ||
			    !want[initials] ||
			    !nv_utf8_decode(want[initials], strlen(want[initials]), &first) ||
			    first != cp)
				return false;
			initials++;
			k += len + 1;
		}
	}
	return words == 1 && initials >= 1 && (initials == 2 || !p->patronymic);
}

/*
 * What the website shows for a mention of p: at publish: full the text as
 * written (the real name in the author's case); at initials the text as
 * written if it is in initials form, else the title, else «Фамилия И. О.»;
 * otherwise (none: every student) the title, else the role description.
 */
static char *mention_text(const struct nv_md_link *l, const struct nv_person *p)
{
	struct nv_buf out = NV_BUF_INIT;
	const char *text = l->text ? l->text : "";

	if (p->publish == NV_PUBLISH_FULL ||
	    (p->publish == NV_PUBLISH_INITIALS && initials_form(text, p)))
		nv_buf_adds(&out, text);
	else if (l->title)
		nv_buf_adds(&out, l->title);
	else
		nv_person_public_name(&out, p);
	return nv_buf_detach(&out, NULL);
}

/* An error for a mention of an unknown id, with the nearest id as a hint. */
static void unknown_mention(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	const char **ids;
	struct nv_diag *diag;
	const char *near;
	size_t i;

	if (!*l->path) {
		nv_diag_hint(nv_error(b->d, e->doc->path, l->line, l->col,
				      "в упоминании «@» не указан id участника"),
			     "напишите после «@» id из content/people.yml: "
			     "«[Лебедевой А. С.](@lebedeva-as)»");
		return;
	}
	diag = nv_error(b->d, e->doc->path, l->line, l->col, "нет участника «%s» в people.yml",
			l->path);
	ids = nv_xcalloc(b->m->npeople + 1, sizeof(*ids));
	for (i = 0; i < b->m->npeople; i++)
		ids[i] = b->m->people[i]->id;
	near = nv_suggest(l->path, ids, b->m->npeople);
	if (near)
		nv_diag_hint(diag, "возможно, имелся в виду «@%s»", near);
	else
		nv_diag_hint(diag,
			     "добавьте участника с «id: %s» в content/people.yml или исправьте id "
			     "после «@»",
			     l->path);
	free(ids);
}

/* The mentions of entry e: its texts are its own; the people are only looked up. */
void mdl_resolve_mentions(struct builder *b, struct nv_entry *e)
{
	const struct nv_md_link *l;
	const struct nv_person *p;
	size_t k;

	for (k = 0; e->doc->md && k < e->doc->md->nr_links; k++) {
		l = &e->doc->md->links[k];
		if (l->kind != NV_MD_LINK_PERSON)
			continue;
		p = nv_model_person(b->m, l->path);
		if (!p && !b->people_broken)
			unknown_mention(b, e, l);
		if (!p)
			continue; /* the web shows the title or nothing (html_md.h) */
		if (!e->link_texts)
			e->link_texts = nv_xcalloc(e->doc->md->nr_links, sizeof(*e->link_texts));
		e->link_texts[k] = mention_text(l, p);
	}
}
