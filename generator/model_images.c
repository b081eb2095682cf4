/*
 * model_images.c: the images of a body that will not show as their
 * author expects: on paper, one that prints as its text only; on the
 * website, one taken from another website. Warnings at each, from the
 * links of the body (mdl_check_links()), so a rebuild from the summaries
 * of bodies says them as a cold build does.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "fs.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"

/*
 * An image of a printed document that paper shows as its text only: not
 * on a line of its own (nv_md_image_alone()), or by its name not a PNG
 * or a JPEG, the images print puts into a PDF. A warning at it.
 */
static void paper_image(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	if (!l->alone)
		nv_diag_hint(nv_warning(b->d, e->doc->path, l->line, l->col,
					"в PDF будет только текст этого изображения, не оно само: "
					"изображение печатается, когда стоит отдельным абзацем"),
			     "поставьте его на отдельную строку, с пустыми строками до и после, "
			     "— не в строку текста, не в таблицу и не первым в пункте списка");
	else if (!nv_md_image_printable(l->path))
		nv_diag_hint(nv_warning(b->d, e->doc->path, l->line, l->col,
					"изображение «%s» не будет напечатано: в PDF печать "
					"вставляет только PNG и JPEG",
					l->path),
			     "сохраните его как PNG (схему, таблицу) или JPEG (фотографию) и "
			     "сошлитесь на новый файл; иначе на бумаге будет только его текст");
}

/*
 * The name of content/files/ to suggest for the image at url: the last
 * part of its path when it is Latin letters, digits, «-», «_» and «.»,
 * else «risunok»; with the extension of a JPEG for a photo («.jpg»), of a
 * PNG for any other.
 */
static void suggested_name(struct nv_buf *out, const char *url)
{
	size_t end = strcspn(url, "?#"), start = end, dot = 0, i;
	bool plain = true, photo;

	while (start && url[start - 1] != '/')
		start--;
	for (i = start; i < end; i++) {
		char c = url[i];
		if (c == '.')
			dot = i;
		plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
	}
	photo = nv_ends_with_nocase(url + start, end - start, ".jpg") ||
		nv_ends_with_nocase(url + start, end - start, ".jpeg");
	if (plain && dot > start)
		nv_buf_add(out, url + start, dot - start);
	else
		nv_buf_adds(out, "risunok");
	nv_buf_adds(out, photo ? ".jpg" : ".png");
}

/*
 * An image of another website («https://…/shema.png»): every reader's
 * browser asks that site for it — and tells it its address — and the
 * image may change or vanish there; paper prints its text only. A
 * warning at it, with the file to put into content/files/ instead.
 */
static void remote_image(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	struct nv_buf file = NV_BUF_INIT, rel = NV_BUF_INIT;
	const char *host = strstr(l->url, "//") + 2;
	int hlen = (int)strcspn(host, "/?#");

	nv_buf_addf(&file, "%s/files/", b->c->root ? b->c->root : "content");
	suggested_name(&file, l->url);
	mdl_relative_path(&rel, e->doc->path, file.ptr);
	nv_diag_hint(nv_warning(b->d, e->doc->path, l->line, l->col,
				"изображение берётся с другого сайта, «%.*s»: браузер каждого "
				"посетителя запросит его там и сообщит тому сайту свой адрес, а "
				"изображение там может измениться или пропасть%s",
				hlen, host,
				nv_kind_printed(e->kind) ? "; в PDF будет только его текст" : ""),
		     "скачайте изображение, положите его в папку content/files/ (как PNG или "
		     "JPEG) и укажите в скобках адрес файла: «%s»",
		     rel.ptr);
	nv_buf_release(&file);
	nv_buf_release(&rel);
}

void mdl_check_image(struct builder *b, const struct nv_entry *e, const struct nv_md_link *l)
{
	if (l->kind == NV_MD_LINK_REMOTE)
		remote_image(b, e, l);
	else if (l->image && nv_kind_printed(e->kind))
		paper_image(b, e, l);
}
