/*
 * md_summary.c: the summaries of parsed bodies kept between builds; see
 * md_summary.h.
 *
 * Integers are stored in the host's order (the file is read back by the
 * same program on the same machine: its identity says so). A string is
 * its length (u32; NONE for NULL) and its bytes. A record is:
 *   path; hash (16 bytes); len, body_off, body_len (u64); body_line,
 *   first_line (i32); flags, facts (FACT_*), headings, links (u32);
 *   each heading: level, line, col (i32), id, text;
 *   each link: kind (u32, LINK_IMAGE added for an image, LINK_ALONE for
 *   one printed as a picture), line, col (i32),
 *   url, path, anchor, text, title;
 *   the front matter: its length in bytes (u32; NONE when not kept) and
 *   its tree, each node: type (u32), line, col (i32), boolean (u32),
 *   number (its 8 bytes), text (u32 length, NONE for none, and bytes, NUL
 *   allowed), then a list's count (u32) and nodes, or a map's count (u32)
 *   and members: key, line, col (i32), node.
 */
#include "common.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>

#include "alloc.h"
#include "buf.h"
#include "fs.h"
#include "markdown.h"
#include "md_summary.h"
#include "strmap.h"
#include "value.h"

#define MAGIC "NVBODIES"
/* A link's kind with these bits is an image's, and one printed as a picture. */
#define LINK_IMAGE 0x100u
#define LINK_ALONE 0x200u
#define NONE	   0xFFFFFFFFu
/* The facts of a body (struct nv_md): an ordered list, raw HTML; then its text_facts. */
#define FACT_ORDERED	1u
#define FACT_HTML	2u
#define FACT_TEXT_SHIFT 2 /* then the body's NV_MD_TEXT_* */
/* magic, version, count, identity, payload length, payload hash */
#define HEADER_LEN (8 + 4 + 4 + 16 + 8 + 16)

/* The deepest front matter a record may hold (YAML's own limit is lower). */
#define META_DEPTH 64

/* A record in the file: where it starts (its path), its fixed part, its end. */
struct rec {
	const char *start, *head, *end;
	char *path; /* NUL-terminated: the key in at */
};

struct nv_md_summaries {
	char *data;
	size_t len;
	bool mapped;	      /* data is a read-only mapping of the file, not malloc's */
	struct nv_strmap *at; /* path → struct rec (one of recs) */
	struct rec *recs;
	size_t nrecs;
};

struct nv_hash nv_md_summary_identity(void)
{
	static struct nv_hash id;
	static bool done;
	struct stat self;
	bool recent;

	if (done)
		return id;
	id = (struct nv_hash)NV_HASH_INIT;
	nv_hash_str(&id, "nastavnik " NV_VERSION " bodies");
	if (stat("/proc/self/exe", &self) == 0)
		nv_hash_hash(&id, nv_file_stamp(&self, &recent));
	done = true;
	return id;
}

/* --- writing ------------------------------------------------------------------ */

static void put_u32(struct nv_buf *out, uint32_t v)
{
	nv_buf_add(out, (const char *)&v, sizeof(v));
}

static void put_i32(struct nv_buf *out, int v)
{
	int32_t w = (int32_t)v;

	nv_buf_add(out, (const char *)&w, sizeof(w));
}

static void put_u64(struct nv_buf *out, uint64_t v)
{
	nv_buf_add(out, (const char *)&v, sizeof(v));
}

static void put_hash(struct nv_buf *out, struct nv_hash h)
{
	put_u64(out, h.a);
	put_u64(out, h.b);
}

static void put_str(struct nv_buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(out, s ? (uint32_t)n : NONE);
	nv_buf_add(out, s, n);
}

static void put_value(struct nv_buf *out, const struct nv_value *v)
{
	size_t i;

	put_u32(out, (uint32_t)v->type);
	put_i32(out, v->line);
	put_i32(out, v->col);
	put_u32(out, v->boolean);
	nv_buf_add(out, (const char *)&v->number, sizeof(v->number));
	put_u32(out, v->str ? (uint32_t)v->len : NONE);
	if (v->str)
		nv_buf_add(out, v->str, v->len);
	if (v->type == NV_LIST) {
		put_u32(out, (uint32_t)v->nr);
		for (i = 0; i < v->nr; i++)
			put_value(out, v->items[i]);
	} else if (v->type == NV_MAP) {
		put_u32(out, (uint32_t)v->nr);
		for (i = 0; i < v->nr; i++) {
			put_str(out, v->members[i].key);
			put_i32(out, v->members[i].line);
			put_i32(out, v->members[i].col);
			put_value(out, v->members[i].value);
		}
	}
}

void nv_md_summary_meta(struct nv_buf *out, const struct nv_value *meta)
{
	nv_buf_reset(out);
	put_value(out, meta);
}

void nv_md_summary_begin(struct nv_buf *out, const struct nv_md_summaries *like)
{
	nv_buf_reset(out);
	nv_buf_grow(out, like ? like->len + like->len / 8 : HEADER_LEN);
	nv_buf_add(out, MAGIC, 8);
	put_u32(out, NV_MD_SUMMARY_VERSION);
	put_u32(out, 0);
	put_hash(out, nv_md_summary_identity());
	put_u64(out, 0);
	put_hash(out, (struct nv_hash){ 0, 0 });
}

/* One record more in the header's count. */
static void count_one(struct nv_buf *out)
{
	uint32_t count;

	memcpy(&count, out->ptr + 12, sizeof(count));
	count++;
	memcpy(out->ptr + 12, &count, sizeof(count));
}

void nv_md_summary_add(struct nv_buf *out, const struct nv_md_summary_key *k,
		       const struct nv_md *md, const struct nv_buf *meta)
{
	size_t i;

	put_str(out, k->path);
	put_hash(out, k->hash);
	put_u64(out, k->len);
	put_u64(out, k->body_off);
	put_u64(out, k->body_len);
	put_i32(out, k->body_line);
	put_i32(out, md->first_line);
	put_u32(out, md->flags);
	put_u32(out, (md->ordered_list ? FACT_ORDERED : 0) | (md->raw_html ? FACT_HTML : 0) |
			     md->text_facts << FACT_TEXT_SHIFT);
	put_u32(out, (uint32_t)md->nr_headings);
	put_u32(out, (uint32_t)md->nr_links);
	for (i = 0; i < md->nr_headings; i++) {
		const struct nv_md_heading *h = &md->headings[i];
		put_i32(out, h->level);
		put_i32(out, h->line);
		put_i32(out, h->col);
		put_str(out, h->id);
		put_str(out, h->text);
	}
	for (i = 0; i < md->nr_links; i++) {
		const struct nv_md_link *l = &md->links[i];
		put_u32(out, (uint32_t)l->kind | (l->image ? LINK_IMAGE : 0) |
				     (l->alone ? LINK_ALONE : 0));
		put_i32(out, l->line);
		put_i32(out, l->col);
		put_str(out, l->url);
		put_str(out, l->path);
		put_str(out, l->anchor);
		put_str(out, l->text);
		put_str(out, l->title);
	}
	put_u32(out, meta && meta->len ? (uint32_t)meta->len : NONE);
	if (meta && meta->len)
		nv_buf_add(out, meta->ptr, meta->len);
	count_one(out);
}

void nv_md_summary_end(struct nv_buf *out)
{
	struct nv_hash h = NV_HASH_INIT;
	uint64_t n = out->len - HEADER_LEN;

	nv_hash_add(&h, out->ptr + HEADER_LEN, n);
	memcpy(out->ptr + 32, &n, sizeof(n));
	memcpy(out->ptr + 40, &h.a, sizeof(h.a));
	memcpy(out->ptr + 48, &h.b, sizeof(h.b));
}

/* --- reading ------------------------------------------------------------------ */

/* A cursor over a record; `bad` once anything ran past the end. */
struct cur {
	const char *p, *end;
	bool bad;
	char *block; /* where get_value() puts texts (packed), or NULL: each its own */
	size_t at;   /* the bytes of block taken */
};

static bool take(struct cur *c, void *dst, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		memset(dst, 0, n);
		return false;
	}
	memcpy(dst, c->p, n);
	c->p += n;
	return true;
}

static uint32_t get_u32(struct cur *c)
{
	uint32_t v;

	take(c, &v, sizeof(v));
	return v;
}

static int get_i32(struct cur *c)
{
	int32_t v;

	take(c, &v, sizeof(v));
	return (int)v;
}

static uint64_t get_u64(struct cur *c)
{
	uint64_t v;

	take(c, &v, sizeof(v));
	return v;
}

static void skip(struct cur *c, size_t n)
{
	if (c->bad || (size_t)(c->end - c->p) < n)
		c->bad = true;
	else
		c->p += n;
}

/* A string's bytes (*n of them) in the file, or NULL for NONE or on a bad cursor. */
static const char *get_str(struct cur *c, size_t *n)
{
	uint32_t k = get_u32(c);
	const char *s = c->p;

	*n = 0;
	if (c->bad || k == NONE)
		return NULL;
	if ((size_t)(c->end - c->p) < k || memchr(s, '\0', k)) {
		c->bad = true;
		return NULL;
	}
	c->p += k;
	*n = k;
	return s;
}

static char *dup_str(struct cur *c)
{
	size_t n;
	const char *s = get_str(c, &n);

	return s ? nv_xmemdupz(s, n) : NULL;
}

/* The fixed part of a record after its path. */
struct head {
	struct nv_hash hash;
	uint64_t len, body_off, body_len;
	int body_line, first_line;
	uint32_t flags, facts, nh, nl;
};

static void get_head(struct cur *c, struct head *h)
{
	h->hash.a = get_u64(c);
	h->hash.b = get_u64(c);
	h->len = get_u64(c);
	h->body_off = get_u64(c);
	h->body_len = get_u64(c);
	h->body_line = get_i32(c);
	h->first_line = get_i32(c);
	h->flags = get_u32(c);
	h->facts = get_u32(c);
	h->nh = get_u32(c);
	h->nl = get_u32(c);
}

/* Step over one record's headings and links; false if they are not whole. */
static bool skip_headings_links(struct cur *c, const struct head *h)
{
	size_t i, n;

	/* Each heading takes 20 bytes at least, each link 32: no count beyond the file. */
	if (h->facts > (FACT_ORDERED | FACT_HTML | NV_MD_TEXT_ALL << FACT_TEXT_SHIFT) ||
	    h->nh > (size_t)(c->end - c->p) / 20 || h->nl > (size_t)(c->end - c->p) / 32)
		return false;
	for (i = 0; i < h->nh && !c->bad; i++) {
		skip(c, 12);
		get_str(c, &n);
		get_str(c, &n);
	}
	for (i = 0; i < h->nl && !c->bad; i++) {
		if ((get_u32(c) & ~(LINK_IMAGE | LINK_ALONE)) > NV_MD_LINK_REMOTE)
			return false;
		skip(c, 8);
		get_str(c, &n);
		get_str(c, &n);
		get_str(c, &n);
		get_str(c, &n);
		get_str(c, &n);
	}
	return !c->bad;
}

/* Step over one record's headings, links and front matter; false if it is not whole. */
static bool skip_body(struct cur *c, const struct head *h)
{
	uint32_t n;

	if (!skip_headings_links(c, h))
		return false;
	n = get_u32(c);
	if (n != NONE)
		skip(c, n);
	return !c->bad;
}

/* Index every record of s by path; false if one is not whole or a path comes twice. */
static bool index_records(struct nv_md_summaries *s, uint32_t count)
{
	struct cur c = { s->data + HEADER_LEN, s->data + s->len, false };
	struct head h;
	struct rec *r;
	const char *path;
	size_t n, i;

	s->at = nv_strmap_new();
	/* Each record takes 68 bytes at least: no count beyond the file. */
	if (count > s->len / 68)
		return false;
	s->recs = nv_xcalloc((size_t)count + 1, sizeof(*s->recs));
	for (i = 0; i < count; i++) {
		r = &s->recs[s->nrecs];
		r->start = c.p;
		path = get_str(&c, &n);
		if (!path)
			return false;
		r->path = nv_xmemdupz(path, n);
		s->nrecs++;
		if (nv_strmap_get(s->at, r->path))
			return false;
		nv_strmap_put(s->at, r->path, r);
		r->head = c.p;
		get_head(&c, &h);
		if (c.bad || !skip_body(&c, &h))
			return false;
		r->end = c.p;
	}
	return c.p == c.end;
}

/* Give data back: unmapped when it is a mapping of the file, else freed. */
static void drop_data(char *data, size_t len, bool mapped)
{
	if (mapped)
		munmap(data, len);
	else
		free(data);
}

static struct nv_md_summaries *parse_data(char *data, size_t len, bool mapped,
					  struct nv_hash identity)
{
	struct nv_md_summaries *s;
	struct nv_hash want, got = NV_HASH_INIT;
	uint32_t version, count;
	uint64_t n;

	if (!data || len < HEADER_LEN || memcmp(data, MAGIC, 8)) {
		drop_data(data, len, mapped);
		return NULL;
	}
	memcpy(&version, data + 8, 4);
	memcpy(&count, data + 12, 4);
	memcpy(&want.a, data + 16, 8);
	memcpy(&want.b, data + 24, 8);
	memcpy(&n, data + 32, 8);
	if (version != NV_MD_SUMMARY_VERSION || !nv_hash_eq(want, identity) ||
	    n != len - HEADER_LEN) {
		drop_data(data, len, mapped);
		return NULL;
	}
	memcpy(&want.a, data + 40, 8);
	memcpy(&want.b, data + 48, 8);
	nv_hash_add(&got, data + HEADER_LEN, (size_t)n);
	if (!nv_hash_eq(want, got)) {
		drop_data(data, len, mapped);
		return NULL;
	}
	s = nv_xcalloc(1, sizeof(*s));
	s->data = data;
	s->len = len;
	s->mapped = mapped;
	if (!index_records(s, count)) {
		nv_md_summaries_free(s);
		return NULL;
	}
	return s;
}

struct nv_md_summaries *nv_md_summaries_parse(char *data, size_t len, struct nv_hash identity)
{
	return parse_data(data, len, false, identity);
}

/*
 * The file mapped, not read: the summaries of a big site are tens of
 * megabytes that a read() would copy into fresh pages before a build can
 * start. The file is only ever replaced by a rename, never written in
 * place, so the mapping keeps its bytes.
 */
struct nv_md_summaries *nv_md_summaries_read(const char *file, struct nv_hash identity)
{
	struct nv_buf buf = NV_BUF_INIT;
	struct stat st;
	size_t len;
	void *map = MAP_FAILED;
	char *data;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= HEADER_LEN &&
	    (uint64_t)st.st_size <= ((uint64_t)1 << 30))
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (map != MAP_FAILED)
		return parse_data(map, (size_t)st.st_size, true, identity);
	if (nv_read_file(file, (size_t)1 << 30, &buf) < 0) {
		nv_buf_release(&buf);
		return NULL;
	}
	data = nv_buf_detach(&buf, &len);
	return parse_data(data, len, false, identity);
}

size_t nv_md_summaries_count(const struct nv_md_summaries *s)
{
	return s ? s->nrecs : 0;
}

/* The headings and links of a record into md (its counts already checked). */
static void read_body(struct cur *c, const struct head *h, struct nv_md *md)
{
	size_t i;

	md->headings = nv_xcalloc(h->nh + 1, sizeof(*md->headings));
	md->nr_headings = md->alloc_headings = h->nh;
	md->links = nv_xcalloc(h->nl + 1, sizeof(*md->links));
	md->nr_links = md->alloc_links = h->nl;
	for (i = 0; i < h->nh; i++) {
		struct nv_md_heading *x = &md->headings[i];
		x->level = get_i32(c);
		x->line = get_i32(c);
		x->col = get_i32(c);
		x->id = dup_str(c);
		x->text = dup_str(c);
		if (!x->id)
			x->id = nv_xstrdup("");
		if (!x->text)
			x->text = nv_xstrdup("");
	}
	for (i = 0; i < h->nl; i++) {
		struct nv_md_link *l = &md->links[i];
		uint32_t kind = get_u32(c);

		l->kind = (enum nv_md_link_kind)(kind & ~(LINK_IMAGE | LINK_ALONE));
		l->image = kind & LINK_IMAGE;
		l->alone = kind & LINK_ALONE;
		l->line = get_i32(c);
		l->col = get_i32(c);
		l->url = dup_str(c);
		l->path = dup_str(c);
		l->anchor = dup_str(c);
		l->text = dup_str(c);
		l->title = dup_str(c);
	}
	nv_md_index_headings(md);
}

/*
 * A node of a front matter read at c, and everything below it; NULL (c
 * bad) when the bytes are not a whole tree no deeper than depth.
 */
/* Room for exactly n items or members (of size bytes) in v, whose count is known. */
static void reserve(struct nv_value *v, size_t n, size_t size)
{
	if (!n || v->scoped)
		return;
	if (v->type == NV_LIST)
		v->items = nv_xcalloc(n, size);
	else
		v->members = nv_xcalloc(n, size);
	v->alloc = n;
}

static struct nv_value *get_value(struct cur *c, int depth)
{
	uint32_t type = get_u32(c), n, i;
	int line = get_i32(c), col = get_i32(c), kl, kc;
	struct nv_value *v, *item;
	const char *key;
	char *k, shortkey[64];
	size_t len;

	if (c->bad || type > NV_MAP || depth <= 0) {
		c->bad = true;
		return NULL;
	}
	v = nv_value_new((enum nv_type)type, line, col);
	v->boolean = get_u32(c) != 0;
	take(c, &v->number, sizeof(v->number));
	n = get_u32(c);
	if (n != NONE && !c->bad) {
		if ((size_t)(c->end - c->p) < n) {
			c->bad = true;
		} else if (c->block) {
			memcpy(c->block + c->at, c->p, n);
			c->block[c->at + n] = '\0';
			v->str = c->block + c->at;
			v->packed = true;
			v->len = n;
			c->at += (size_t)n + 1;
			c->p += n;
		} else {
			v->str = nv_xmemdupz(c->p, n);
			v->len = n;
			c->p += n;
		}
	}
	/* Each node takes 28 bytes at least, each member 40: no count beyond the record. */
	if (v->type == NV_LIST && !c->bad) {
		n = get_u32(c);
		c->bad = c->bad || n > (size_t)(c->end - c->p) / 28;
		reserve(v, c->bad ? 0 : n, sizeof(*v->items));
		for (i = 0; !c->bad && i < n; i++)
			if ((item = get_value(c, depth - 1)))
				nv_list_push(v, item);
		c->bad = c->bad || v->nr != n;
	} else if (v->type == NV_MAP && !c->bad) {
		n = get_u32(c);
		c->bad = c->bad || n > (size_t)(c->end - c->p) / 40;
		reserve(v, c->bad ? 0 : n, sizeof(*v->members));
		for (i = 0; !c->bad && i < n; i++) {
			key = get_str(c, &len);
			kl = get_i32(c);
			kc = get_i32(c);
			if (!key || !len) {
				c->bad = true;
				break;
			}
			/* A key is copied by nv_map_add(): a short one NUL-ended on the stack. */
			k = len < sizeof(shortkey) ? shortkey : nv_xmalloc(len + 1);
			memcpy(k, key, len);
			k[len] = '\0';
			if ((item = get_value(c, depth - 1)))
				nv_map_add(v, k, kl, kc, item);
			if (k != shortkey)
				free(k);
		}
		c->bad = c->bad || v->nr != n;
	}
	if (c->bad) {
		nv_value_free(v);
		return NULL;
	}
	return v;
}

/* Whether record r is keyed by k; c is left after its fixed part h. */
static bool same_key(const struct rec *r, const struct nv_md_summary_key *k, struct cur *c,
		     struct head *h)
{
	*c = (struct cur){ r->head, r->end, false };
	get_head(c, h);
	return !c->bad && nv_hash_eq(h->hash, k->hash) && h->len == k->len &&
	       h->body_off == k->body_off && h->body_len == k->body_len &&
	       h->body_line == k->body_line;
}

struct nv_md *nv_md_summaries_stub(const struct nv_md_summaries *s,
				   const struct nv_md_summary_key *k)
{
	const struct rec *r = s ? nv_strmap_get(s->at, k->path) : NULL;
	struct cur c;
	struct head h;
	struct nv_md *md;

	if (!r || !same_key(r, k, &c, &h))
		return NULL;
	md = nv_xcalloc(1, sizeof(*md));
	md->flags = h.flags;
	md->first_line = h.first_line;
	read_body(&c, &h, md);
	md->ordered_list = (h.facts & FACT_ORDERED) != 0;
	md->raw_html = (h.facts & FACT_HTML) != 0;
	md->text_facts = h.facts >> FACT_TEXT_SHIFT;
	return md;
}

/* The texts of the tree v that lie in from moved to the same places in to. */
static void rebase(struct nv_value *v, const char *from, char *to)
{
	size_t i;

	if (v->packed)
		v->str = to + (v->str - from);
	if (v->type == NV_LIST)
		for (i = 0; i < v->nr; i++)
			rebase(v->items[i], from, to);
	else if (v->type == NV_MAP)
		for (i = 0; i < v->nr; i++)
			rebase(v->members[i].value, from, to);
}

/*
 * The tree of k's record; with strings, its texts packed in one block put
 * there (as nv_value_pack() would: NULL when there are none), not
 * allocated one by one.
 */
static struct nv_value *read_meta(const struct nv_md_summaries *s,
				  const struct nv_md_summary_key *k, char **strings)
{
	const struct rec *r = s ? nv_strmap_get(s->at, k->path) : NULL;
	struct nv_value *v;
	struct cur c;
	struct head h;
	uint32_t n;

	if (!r || !same_key(r, k, &c, &h) || !skip_headings_links(&c, &h))
		return NULL;
	n = get_u32(&c);
	if (c.bad || n == NONE || n != (size_t)(c.end - c.p))
		return NULL;
	/* Each text has 4 bytes of length before it: the block needs no more than n + 1. */
	if (strings)
		c.block = nv_xmalloc((size_t)n + 1);
	v = get_value(&c, META_DEPTH);
	if (v && (c.p != c.end || v->type != NV_MAP)) {
		nv_value_free(v);
		v = NULL;
	}
	if (strings) {
		*strings = v && c.at ? nv_xmalloc(c.at) : NULL;
		if (*strings) {
			memcpy(*strings, c.block, c.at);
			rebase(v, c.block, *strings);
		}
		free(c.block);
	}
	return v;
}

struct nv_value *nv_md_summaries_meta(const struct nv_md_summaries *s,
				      const struct nv_md_summary_key *k)
{
	return read_meta(s, k, NULL);
}

struct nv_value *nv_md_summaries_meta_packed(const struct nv_md_summaries *s,
					     const struct nv_md_summary_key *k, char **strings)
{
	return read_meta(s, k, strings);
}

bool nv_md_summaries_has(const struct nv_md_summaries *s, const struct nv_md_summary_key *k)
{
	const struct rec *r = s ? nv_strmap_get(s->at, k->path) : NULL;
	struct cur c;
	struct head h;

	return r && same_key(r, k, &c, &h);
}

bool nv_md_summary_copy(struct nv_buf *out, const struct nv_md_summaries *s,
			const struct nv_md_summary_key *k)
{
	const struct rec *r = s ? nv_strmap_get(s->at, k->path) : NULL;
	struct cur c;
	struct head h;

	if (!r || !same_key(r, k, &c, &h))
		return false;
	nv_buf_add(out, r->start, (size_t)(r->end - r->start));
	count_one(out);
	return true;
}

void nv_md_summaries_free(struct nv_md_summaries *s)
{
	size_t i;

	if (!s)
		return;
	nv_strmap_free(s->at, NULL);
	for (i = 0; i < s->nrecs; i++)
		free(s->recs[i].path);
	free(s->recs);
	drop_data(s->data, s->len, s->mapped);
	free(s);
}

/* --- the tree given back ------------------------------------------------------ */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_body(const struct nv_md *a, const struct nv_md *b)
{
	size_t i;

	if (a->nr_headings != b->nr_headings || a->nr_links != b->nr_links ||
	    a->first_line != b->first_line || a->flags != b->flags || a->raw_html != b->raw_html ||
	    a->ordered_list != b->ordered_list || a->text_facts != b->text_facts)
		return false;
	for (i = 0; i < a->nr_headings; i++) {
		const struct nv_md_heading *x = &a->headings[i], *y = &b->headings[i];
		if (x->level != y->level || x->line != y->line || x->col != y->col ||
		    !same_str(x->id, y->id) || !same_str(x->text, y->text))
			return false;
	}
	for (i = 0; i < a->nr_links; i++) {
		const struct nv_md_link *x = &a->links[i], *y = &b->links[i];
		if (x->kind != y->kind || x->image != y->image || x->alone != y->alone ||
		    x->line != y->line || x->col != y->col || !same_str(x->url, y->url) ||
		    !same_str(x->path, y->path) || !same_str(x->anchor, y->anchor) ||
		    !same_str(x->text, y->text) || !same_str(x->title, y->title))
			return false;
	}
	return true;
}

int nv_md_adopt_tree(struct nv_md *stub, struct nv_md *fresh)
{
	size_t i;

	if (stub->root || !same_body(stub, fresh))
		return -1;
	for (i = 0; i < stub->nr_headings; i++) {
		stub->headings[i].node = fresh->headings[i].node;
		cmark_node_set_user_data(stub->headings[i].node, stub->headings[i].id);
	}
	for (i = 0; i < stub->nr_links; i++)
		stub->links[i].node = fresh->links[i].node;
	stub->root = fresh->root;
	stub->arena = fresh->arena;
	stub->nums = fresh->nums;
	stub->nr_nums = fresh->nr_nums;
	fresh->nums = NULL;
	stub->tables = fresh->tables;
	stub->nr_tables = fresh->nr_tables;
	fresh->root = NULL;
	fresh->arena = NULL;
	fresh->tables = NULL;
	fresh->nr_tables = 0;
	nv_md_free(fresh);
	return 0;
}
