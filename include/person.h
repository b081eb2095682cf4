/*
 * person.h: the name of a person (struct nv_person, model.h) as each
 * audience may see it. The website shows what the publish level allows
 * (a role description for publish: none, so minors never appear by
 * name); signatures and lists on paper use the real name.
 */
#ifndef NV_PERSON_H
#define NV_PERSON_H

#include "common.h"

struct nv_buf;
struct nv_person;

/*
 * Append the person's name as the publish level allows on the website:
 * full «Орлова Татьяна Николаевна», initials «Орлова Т. Н.», none: a
 * description of the role («наставляемый, 7 класс»).
 */
void nv_person_public_name(struct nv_buf *out, const struct nv_person *p);
/* «Т.Н. Орлова» — for signatures (always the real name: paper only). */
void nv_person_signature_name(struct nv_buf *out, const struct nv_person *p);
/* «Орлова Татьяна Николаевна». */
void nv_person_full_name(struct nv_buf *out, const struct nv_person *p);

#endif
