/*
 * model_dump.c: nv_model_dump(), a deterministic text dump of the whole
 * model for golden tests and `nastavnik check --dump`. Every field that
 * the back ends use is written, in the model's order.
 */
#include "common.h"

#include "buf.h"
#include "content.h"
#include "date.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "person.h"

static void dump_date(struct nv_buf *out, const struct nv_date *d)
{
	if (d->year)
		nv_date_add(out, *d, NV_DATE_NUMERIC);
	else
		nv_buf_adds(out, "-");
}

static void dump_term(struct nv_buf *out, const struct nv_term *t)
{
	nv_buf_addf(out, "«%s»", t->text ? t->text : "");
	if (t->note)
		nv_buf_addf(out, " (note: %s)", t->note);
	if (t->recur)
		nv_buf_addf(out, " (recur: %d)", (int)t->recur);
	if (t->undated) {
		nv_buf_adds(out, " = undated");
		return;
	}
	if (t->parsed) {
		nv_buf_adds(out, " = ");
		dump_date(out, &t->from);
		nv_buf_adds(out, "–");
		dump_date(out, &t->to);
	} else {
		nv_buf_adds(out, " = ?");
	}
}

static void dump_people_list(struct nv_buf *out, const char *label, struct nv_person *const *v,
			     size_t n)
{
	size_t i;

	if (!n)
		return;
	nv_buf_addf(out, "    %s:", label);
	for (i = 0; i < n; i++)
		nv_buf_addf(out, " %s", v[i]->id);
	nv_buf_addch(out, '\n');
}

/* An order outside the project: «приказ <issuer> от … № …», appendix N. */
static void dump_outside(struct nv_buf *out, const char *what, const struct nv_outside_order *o)
{
	nv_buf_addf(out, "%s приказ %s от ", what, o->issuer ? o->issuer : "(организации)");
	dump_date(out, &o->date);
	nv_buf_addf(out, " № %s", o->number ? o->number : "?");
	if (o->appendix)
		nv_buf_addf(out, ", приложение %d", o->appendix);
}

static void dump_approval(struct nv_buf *out, const struct nv_entry *e, const struct nv_approval *a)
{
	nv_buf_addf(out, "    approval %s ", a->right ? "right" : "left");
	if (a->order) {
		nv_buf_addf(out, "%s приказом %s от ", nv_approved_word(e->gender), a->order->id);
		dump_date(out, &a->order->date);
		nv_buf_addf(out, " № %s\n", a->order->number ? a->order->number : "?");
		return;
	}
	nv_buf_adds(out, nv_label_names[a->label]);
	if (a->cites.given)
		dump_outside(out, ",", &a->cites);
	if (a->body)
		nv_buf_addf(out, " %s", a->body);
	if (a->protocol_number || a->has_protocol_date) {
		nv_buf_adds(out, ", протокол от ");
		dump_date(out, &a->protocol_date);
		nv_buf_addf(out, " № %s", a->protocol_number ? a->protocol_number : "?");
	}
	if (a->person)
		nv_buf_addf(out, ", %s", a->person->id);
	if (a->position)
		nv_buf_addf(out, " (%s)", a->position);
	if (a->has_date) {
		nv_buf_adds(out, ", ");
		dump_date(out, &a->date);
	}
	nv_buf_addch(out, '\n');
}

/* The links of a body; a mention with what paper and the web show. */
static void dump_links(struct nv_buf *out, const struct nv_entry *e)
{
	const struct nv_md_link *l;
	size_t i;

	for (i = 0; i < e->doc->md->nr_links; i++) {
		l = &e->doc->md->links[i];
		if (l->kind == NV_MD_LINK_PERSON)
			nv_buf_addf(out, "    mention %s paper «%s» web «%s»\n", l->url, l->text,
				    e->link_texts && e->link_texts[i] ? e->link_texts[i] : "");
		else
			nv_buf_addf(out, "    link %s\n", l->url);
	}
}

/*
 * A roadmap's sections: one line per item, `responsible` as paper prints
 * it, and as the website shows it when that differs («(web: …)»).
 */
static void dump_item(struct nv_buf *out, const struct nv_entry *e, const struct nv_item *it,
		      const char *indent, const char *num)
{
	struct nv_buf sub = NV_BUF_INIT;
	size_t j;

	nv_buf_addf(out, "%s%s %s | ", indent, num, it->title ? it->title : "");
	dump_term(out, &it->due);
	nv_buf_addf(out, " | %s", it->responsible_paper ? it->responsible_paper : "");
	if (it->responsible_web && it->responsible_paper &&
	    strcmp(it->responsible_web, it->responsible_paper))
		nv_buf_addf(out, " (web: %s)", it->responsible_web);
	nv_buf_addf(out, " | %s | %s", it->result ? it->result : "-",
		    mdl_item_status_names[it->status]);
	for (j = 0; it->extra && j < e->nextra; j++)
		nv_buf_addf(out, " | %s: %s", e->extra_columns[j],
			    it->extra[j] ? it->extra[j] : "-");
	nv_buf_adds(out, "\n");
	for (j = 0; j < it->nrows; j++) {
		nv_buf_reset(&sub);
		nv_buf_addf(&sub, "%s%zu.", num, j + 1);
		dump_item(out, e, &it->rows[j], "        ", sub.ptr);
	}
	nv_buf_release(&sub);
}

static void dump_sections(struct nv_buf *out, const struct nv_entry *e)
{
	struct nv_buf num = NV_BUF_INIT;
	size_t i, k;

	if (e->nsections && (strcmp(e->columns[1], "Срок") || e->nextra))
		nv_buf_addf(out, "    columns: %s | %s | %s | %s\n", e->columns[0], e->columns[1],
			    e->columns[2], e->columns[3]);
	if (e->nsections)
		nv_buf_addf(out, "    shown: result %s, status %s\n", e->show_result ? "yes" : "no",
			    e->show_status ? "yes" : "no");
	for (i = 0; i < e->nsections; i++) {
		const struct nv_section *s = &e->sections[i];
		if (s->title)
			nv_buf_addf(out, "    %zu. %s\n", i + 1, s->title);
		if (s->goal || s->tasks || s->result)
			nv_buf_addf(out, "      goal: %s | tasks: %s | result: %s\n",
				    s->goal ? s->goal : "-", s->tasks ? s->tasks : "-",
				    s->result ? s->result : "-");
		for (k = 0; k < s->nitems; k++) {
			nv_buf_reset(&num);
			if (s->title)
				nv_buf_addf(&num, "%zu.%zu.", i + 1, k + 1);
			else
				nv_buf_addf(&num, "%zu.", k + 1);
			dump_item(out, e, &s->items[k], "      ", num.ptr);
		}
	}
	nv_buf_release(&num);
}

/* The period of an entry: its academic year, its own period, an outside order it belongs to. */
static void dump_period(struct nv_buf *out, const struct nv_entry *e)
{
	if (e->acyear) {
		nv_buf_adds(out, "    academic year: ");
		nv_acyear_add(out, e->acyear);
		nv_buf_addch(out, '\n');
	}
	if (e->period_text) {
		nv_buf_adds(out, "    period ");
		dump_date(out, &e->period_from);
		nv_buf_adds(out, " – ");
		dump_date(out, &e->period_to);
		nv_buf_addch(out, '\n');
	}
	if (e->appendix_of.given) {
		dump_outside(out, "    appendix of", &e->appendix_of);
		nv_buf_addch(out, '\n');
	}
}

static void dump_entry(struct nv_buf *out, const struct nv_entry *e)
{
	size_t i;

	nv_buf_addf(out, "  %s %s: «%s»\n", nv_kind_names[e->kind], e->id,
		    e->title ? e->title : "");
	dump_period(out, e);
	if (e->kind == NV_KIND_ORDER) {
		nv_buf_addf(out, "    № %s от ", e->number ? e->number : "?");
		dump_date(out, &e->date);
		nv_buf_addf(out, ", %s, signatory %s (%s)\n", e->place ? e->place : "?",
			    e->signatory ? e->signatory->id : "?",
			    e->signatory_position ? e->signatory_position : "?");
		for (i = 0; i < e->nappendices; i++)
			nv_buf_addf(out, "    appendix %d: %s%s\n", e->appendices[i].number,
				    e->appendices[i].doc ? e->appendices[i].doc->id : "pairs",
				    e->appendices[i].web_hidden ? ", не для сайта" : "");
		dump_people_list(out, "acquaint", e->acquaint, e->nacquaint);
	}
	if (e->kind == NV_KIND_FORM)
		nv_buf_addf(out, "    %s%s\n", e->builtin ? "built in" : "content/forms",
			    e->letterhead ? ", letterhead" : "");
	if (e->kind == NV_KIND_NEWS) {
		nv_buf_adds(out, "    date ");
		dump_date(out, &e->date);
		nv_buf_addch(out, '\n');
	}
	if (e->audience)
		nv_buf_addf(out, "    audience %s\n", e->audience);
	if (e->approved_by)
		nv_buf_addf(out, "    appendix %d of %s%s\n", e->appendix_number,
			    e->approved_by->id, e->web_hidden ? ", не для сайта" : "");
	if (e->nprivate_items)
		nv_buf_addf(out, "    items not for the website: %zu\n", e->nprivate_items);
	for (i = 0; i < e->napprovals; i++)
		dump_approval(out, e, &e->approvals[i]);
	for (i = 0; i < e->nrevisions; i++) {
		nv_buf_adds(out, "    revision ");
		dump_date(out, &e->revisions[i].date);
		nv_buf_addf(out, " %s\n", e->revisions[i].text ? e->revisions[i].text : "-");
	}
	for (i = 0; i < e->nforms; i++)
		nv_buf_addf(out, "    form %s\n", e->forms[i]);
	if (e->form)
		nv_buf_addf(out, "    form %s, kind %s\n", e->form, e->mkind ? e->mkind : "-");
	dump_people_list(out, "authors", e->authors, e->nauthors);
	if (e->title_page)
		nv_buf_adds(out, "    title page\n");
	if (e->program)
		nv_buf_addf(out, "    program %s\n", e->program->id);
	for (i = 0; i < e->nresults; i++)
		nv_buf_addf(out, "    result %s\n", e->results[i]);
	for (i = 0; i < e->ntags; i++)
		nv_buf_addf(out, "    tag %s\n", e->tags[i]);
	for (i = 0; i < e->nreflinks; i++) {
		const struct nv_reflink *r = &e->reflinks[i];
		nv_buf_addf(out, "    %s: %s → %s%s\n", mdl_level_names[r->level], r->title,
			    r->doc    ? "doc "
			    : r->file ? "file "
				      : "",
			    r->doc    ? r->doc->id
			    : r->file ? r->file
			    : r->url  ? r->url
				      : "?");
	}
	dump_sections(out, e);
	if (e->doc->md) {
		for (i = 0; i < e->doc->md->nr_headings; i++)
			nv_buf_addf(out, "    h%d #%s\n", e->doc->md->headings[i].level,
				    e->doc->md->headings[i].id);
		dump_links(out, e);
	}
}

void nv_model_dump(struct nv_buf *out, const struct nv_model *m)
{
	const struct nv_site *s = &m->site;
	size_t i, k;

	nv_buf_addf(out, "site: %s\n  name: %s\n", s->short_name ? s->short_name : "?",
		    s->name ? s->name : "?");
	if (s->founder)
		nv_buf_addf(out, "  founder: %s\n", s->founder);
	nv_buf_addf(out, "  place: %s, director %s\n", s->place ? s->place : "?",
		    s->director ? s->director->id : "?");
	if (s->kind != NV_ORG_SCHOOL || s->short_name_genitive || s->name_genitive)
		nv_buf_addf(out, "  kind %s, head «%s», genitive «%s»\n",
			    nv_org_kind_names[s->kind], s->head_title ? s->head_title : "-",
			    s->genitive ? s->genitive : "-");
	if (s->inn || s->ogrn)
		nv_buf_addf(out, "  ИНН %s, ОГРН %s\n", s->inn ? s->inn : "-",
			    s->ogrn ? s->ogrn : "-");
	if (s->blanks_all || s->blanks)
		nv_buf_addf(out, "  blanks: %s\n", s->blanks_all ? "all" : "listed");
	nv_buf_addf(out, "  section «%s», base path %s\n", s->section_title,
		    s->base_path ? s->base_path : "-");
	nv_buf_addf(out, "  curator %s, %s, %s\n", s->curator ? s->curator->id : "?",
		    s->curator_phone ? s->curator_phone : "-",
		    s->curator_email ? s->curator_email : "-");
	nv_buf_addf(out, "  print %s, margins %g/%g/%g/%g mm, %s %g/%g pt\n",
		    s->print.gost2025 ? "gost2025" : "gost2016", s->print.margin_top,
		    s->print.margin_right, s->print.margin_bottom, s->print.margin_left,
		    s->print.font, s->print.size, s->print.table_size);
	nv_buf_addf(out, "people: %zu\n", m->npeople);
	for (i = 0; i < m->npeople; i++) {
		const struct nv_person *p = m->people[i];
		nv_buf_addf(out, "  %s: ", p->id);
		nv_person_full_name(out, p);
		nv_buf_addf(out, ", %s, %s%s%s%s, %s, publish %s", mdl_category_names[p->category],
			    p->position ? p->position : "", p->class_name ? p->class_name : "",
			    p->organization ? " / " : "", p->organization ? p->organization : "",
			    p->gender == NV_FEMININE	? "female"
			    : p->gender == NV_MASCULINE ? "male"
							: "gender unknown",
			    mdl_publish_names[p->publish]);
		if (p->has_consent) {
			nv_buf_adds(out, " since ");
			dump_date(out, &p->consent);
		}
		nv_buf_adds(out, ", web «");
		nv_person_public_name(out, p);
		nv_buf_adds(out, "»\n");
	}
	nv_buf_addf(out, "pairs: %zu\n", m->npairs);
	for (i = 0; i < m->npairs; i++) {
		const struct nv_pair *p = m->pairs[i];
		nv_buf_addf(out, "  %d: %s →", p->number, p->mentor ? p->mentor->id : "?");
		for (k = 0; k < p->nmentees; k++)
			nv_buf_addf(out, " %s", p->mentees[k]->id);
		nv_buf_addf(out, " | %s | %s | ", p->form ? p->form : "?", p->kind ? p->kind : "?");
		dump_term(out, &p->period);
		nv_buf_addf(out, " | program %s | order %s | %s\n",
			    p->program ? p->program->id : "-", p->order ? p->order->id : "-",
			    mdl_pair_status_names[p->status]);
	}
	nv_buf_addf(out, "documents: %zu (drafts left out: %zu)\n", m->nentries, m->ndrafts);
	for (i = 0; i < m->nentries; i++)
		dump_entry(out, m->entries[i]);
}
