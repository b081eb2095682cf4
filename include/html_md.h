/*
 * html_md.h: the HTML of a document's Markdown body, for the website
 * back end (html.h).
 *
 * The renderer walks the cmark tree held by the model and never changes
 * it: link targets and the web text of mentions of people resolved by
 * the model (nv_entry.link_urls, link_texts) and the
 * heading shift are applied as the HTML is written. The HTML is the one
 * cmark_render_html writes, plus an id on every heading, class="paren"
 * on lists numbered «1)», and tables (md_table.h): a <table> with its
 * <caption>, column widths, <th scope="col"> in the header and
 * <th scope="row"> for the first column, in a
 * <div class="table-scroll" tabindex="0" role="region" aria-label="…">
 * that a keyboard can reach and scroll.
 */
#ifndef NV_HTML_MD_H
#define NV_HTML_MD_H

#include "common.h"

struct nv_buf;
struct nv_md;
struct cmark_node;

/*
 * Append the HTML of the whole body md to out: cmark's HTML (escaping as
 * cmark's), with an id="…" attribute on every heading (its
 * nv_md_heading_id). link_urls, when not NULL, is parallel to md->links:
 * a non-NULL link_urls[i] is written as the href of md->links[i] in
 * place of the URL in the tree. A mention of a person (any link whose
 * destination starts with '@', NV_MD_LINK_PERSON) is never a link and
 * never shows its text as written: it is written as the plain text
 * link_texts[i] (parallel to md->links, the model's
 * nv_entry.link_texts), or, when link_texts or that entry is NULL, as
 * the mention's title, or as nothing; the same holds inside an image's
 * alt text. Heading levels are raised by shift
 * (0 or 1: h1 becomes h2 … h5 becomes h6; h6 stays). Unless md was parsed
 * with NV_MD_UNSAFE, raw HTML is replaced by the comment
 * "<!-- raw HTML omitted -->" and javascript:, vbscript:, file: and
 * data: targets (but data:image/png, gif, jpeg and webp) are emptied;
 * with it, raw HTML is copied as written except that data-sourcepos="…"
 * attributes in it are dropped. md is only read.
 */
void nv_html_md_render(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
		       char *const *link_texts, int shift);

/* The note the website shows in place of an item or appendix kept off it. */
#define NV_HTML_MD_PRIVATE_ITEM	    "пункт не публикуется: содержит персональные данные"
#define NV_HTML_MD_PRIVATE_APPENDIX "приложение не публикуется: содержит персональные данные"

/*
 * As nv_html_md_render(), but each of the nhide ITEM nodes of md in hide
 * (nv_entry.private_items) is written as <li class="private"> holding
 * NV_HTML_MD_PRIVATE_ITEM instead of its content: nothing of the item
 * (text, links, nested lists) reaches the output, and the list keeps its
 * numbering. hide may be NULL.
 */
void nv_html_md_render_public(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
			      char *const *link_texts, int shift, struct cmark_node *const *hide,
			      size_t nhide);

/*
 * How a body is rendered: the heading shift and the hidden items of
 * nv_html_md_render_public(), and for a fragment (build --fragment), base
 * (the section's absolute URL, ending in '/') and page (the page's path
 * under it, "orders/x.html"): then every relative href and src is made
 * absolute (nv_html_abs_url); and text_numbers: an ordered list is a
 * <div> of <p> whose numbers are written as text, as on paper («3.1. »:
 * the numbers of the enclosing ordered lists), so no stylesheet, or the
 * lack of one, renumbers them; a hidden item of such a list is
 * <p class="private"> with its number and NV_HTML_MD_PRIVATE_ITEM.
 * Text keeps requisites on one line (html_keep.h): every «№ N», and each
 * of the nkeep names in keep (the organisation's short name).
 */
struct nv_html_md_opts {
	int shift;
	struct cmark_node *const *hide;
	size_t nhide;
	const char *base, *page;
	bool text_numbers;
	const char *const *keep;
	size_t nkeep;
};

void nv_html_md_render_opts(struct nv_buf *out, const struct nv_md *md, char *const *link_urls,
			    char *const *link_texts, const struct nv_html_md_opts *o);

/*
 * Append url made absolute to out: a URL with a scheme, one beginning
 * with "//" or "#" as it is; one beginning with '/' after the scheme and
 * host of base; any other relative to page (a path under base), its "."
 * and ".." segments resolved without climbing above base.
 */
void nv_html_abs_url(struct nv_buf *out, const char *base, const char *page, const char *url);

#endif
