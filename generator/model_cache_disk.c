/*
 * model_cache_disk.c: the results of the per-document checks kept in a
 * file between one-shot builds (OUT/.nastavnik-checks); see
 * model_cache.h.
 *
 * The file is a few lines of text and then a binary body:
 *
 *   nastavnik-checks 1          the format
 *   program HEX                 the program that wrote it (program_key())
 *   hits N                      results the writing build took from the file before
 *   body BYTES HEX              the body's length, and the hash of the hits line and body
 *   BODY
 *
 * The body, integers in the machine's order (the program key is this
 * machine's file): the count of records, then per record its path, a
 * byte with bit k set for each check k it has a result of, and per such
 * check its key (two 64-bit words), the count of its diagnostics and
 * each diagnostic: severity and secret (a byte each), line and column
 * (32 bits each), file, message and hint. A string is its length (32
 * bits; NO_STRING for NULL) and its bytes, no NUL among them.
 *
 * A file is taken whole or not at all: anything that does not fit — a
 * format or program of another kind, a length past the end, a hash that
 * differs, bytes after the last record, a path twice — gives an empty
 * cache, which checks everything, as if there were no file. The keys
 * are those of model_cache.c, which say everything a result depends on;
 * the file adds only what the program is, since a program built again
 * may check differently.
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "model_cache.h"
#include "model_cache_int.h"

#define FORMAT	  "nastavnik-checks 1"
#define NO_STRING UINT32_MAX
/* A file larger than this is not a file this program wrote (10k documents: about 1 MB). */
#define MAX_FILE (256u << 20)

/*
 * The program: its version and its file (size, inode, times), as the
 * build's setup key (build_cache.c) has them. False when the file cannot
 * be told: nothing is then read or written.
 */
static bool program_key(struct nv_hash *h)
{
	struct stat self;
	bool recent;

	if (stat("/proc/self/exe", &self) < 0)
		return false;
	*h = (struct nv_hash)NV_HASH_INIT;
	nv_hash_str(h, "nastavnik " NV_VERSION);
	nv_hash_str(h, FORMAT);
	nv_hash_hash(h, nv_file_stamp(&self, &recent));
	return true;
}

/* ---- writing ---------------------------------------------------------------- */

static void put_u32(struct nv_buf *b, uint32_t v)
{
	nv_buf_add(b, &v, sizeof(v));
}

static void put_str(struct nv_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(b, s ? (uint32_t)n : NO_STRING);
	nv_buf_add(b, s, n);
}

static void put_diag(struct nv_buf *b, const struct nv_diag *g)
{
	int32_t pos[2] = { g->line, g->col };

	nv_buf_addch(b, (int)g->severity);
	nv_buf_addch(b, g->secret);
	nv_buf_add(b, pos, sizeof(pos));
	put_str(b, g->file);
	put_str(b, g->msg);
	put_str(b, g->hint);
}

/* The body: every record that has a result. */
static void put_body(struct nv_buf *b, const struct nv_check_cache *x)
{
	struct mdl_record *const *v;
	const struct mdl_record *r;
	size_t i, j, n, count = 0, at = b->len;
	unsigned mask;
	int k;

	v = mdl_cache_records(x, &n);
	put_u32(b, 0); /* the count, set below */
	for (i = 0; i < n; i++) {
		r = v[i];
		for (mask = 0, k = 0; k < MDL_CHECK_COUNT; k++)
			mask |= (unsigned)r->have[k] << k;
		if (!mask)
			continue;
		count++;
		put_str(b, r->path);
		nv_buf_addch(b, (int)mask);
		for (k = 0; k < MDL_CHECK_COUNT; k++) {
			if (!r->have[k])
				continue;
			nv_buf_add(b, &r->key[k], sizeof(r->key[k]));
			put_u32(b, (uint32_t)r->diags[k].nr);
			for (j = 0; j < r->diags[k].nr; j++)
				put_diag(b, &r->diags[k].v[j]);
		}
	}
	memcpy(b->ptr + at, &(uint32_t){ (uint32_t)count }, sizeof(uint32_t));
}

int nv_check_cache_encode(const struct nv_check_cache *x, struct nv_buf *file)
{
	struct nv_buf body = NV_BUF_INIT, hits = NV_BUF_INIT;
	struct nv_hash prog, h = NV_HASH_INIT;
	char phex[33], bhex[33];

	if (!program_key(&prog)) {
		errno = ENOENT;
		return -1;
	}
	put_body(&body, x);
	nv_buf_addf(&hits, "hits %zu\n", nv_check_cache_hits(x));
	nv_hash_add(&h, hits.ptr, hits.len);
	nv_hash_add(&h, body.ptr, body.len);
	nv_hash_hex(prog, phex);
	nv_hash_hex(h, bhex);
	nv_buf_addf(file, FORMAT "\nprogram %s\n%sbody %zu %s\n", phex, hits.ptr, body.len, bhex);
	nv_buf_add(file, body.ptr, body.len);
	nv_buf_release(&body);
	nv_buf_release(&hits);
	return 0;
}

/* ---- reading ---------------------------------------------------------------- */

/* The body being read: p up to end; ok turns false at the first thing that does not fit. */
struct in {
	const char *p, *end;
	bool ok;
};

static bool take(struct in *in, void *out, size_t n)
{
	if (!in->ok || (size_t)(in->end - in->p) < n) {
		in->ok = false;
		return false;
	}
	memcpy(out, in->p, n);
	in->p += n;
	return true;
}

static uint32_t get_u32(struct in *in)
{
	uint32_t v = 0;

	take(in, &v, sizeof(v));
	return v;
}

/* A string of the body, copied (NULL for NO_STRING when may_null, else a mismatch). */
static char *get_str(struct in *in, bool may_null)
{
	uint32_t n = get_u32(in);
	char *s;

	if (!in->ok)
		return NULL;
	if (n == NO_STRING) {
		in->ok = may_null;
		return NULL;
	}
	if ((size_t)(in->end - in->p) < n || memchr(in->p, '\0', n)) {
		in->ok = false;
		return NULL;
	}
	s = nv_xmemdupz(in->p, n);
	in->p += n;
	return s;
}

/* One diagnostic of the body into d. */
static void get_diag(struct in *in, struct nv_diags *d)
{
	unsigned char sev = 0, secret = 0;
	int32_t pos[2] = { 0, 0 };
	char *file, *msg, *hint;
	struct nv_diag *g;

	take(in, &sev, 1);
	take(in, &secret, 1);
	take(in, pos, sizeof(pos));
	file = get_str(in, true);
	msg = get_str(in, false);
	hint = get_str(in, true);
	if (sev > NV_NOTE || secret > 1)
		in->ok = false;
	if (in->ok) {
		g = nv_diag_add(d, (enum nv_severity)sev, file, pos[0], pos[1], "%s", msg);
		if (hint)
			nv_diag_hint(g, "%s", hint);
		g->secret = secret;
	}
	free(file);
	free(msg);
	free(hint);
}

/* One record of the body into x. */
static void get_record(struct in *in, struct nv_check_cache *x)
{
	struct mdl_record *r = NULL;
	unsigned char mask = 0;
	char *path = get_str(in, false);
	uint32_t n, j;
	int k;

	take(in, &mask, 1);
	if (in->ok && (!*path || !mask || mask >> MDL_CHECK_COUNT || !(r = mdl_cache_add(x, path))))
		in->ok = false;
	free(path);
	for (k = 0; in->ok && k < MDL_CHECK_COUNT; k++) {
		if (!(mask >> k & 1))
			continue;
		take(in, &r->key[k], sizeof(r->key[k]));
		n = get_u32(in);
		/* Each diagnostic takes 22 bytes at least: no count larger than the rest allows. */
		if (n > (size_t)(in->end - in->p) / 22)
			in->ok = false;
		for (j = 0; in->ok && j < n; j++)
			get_diag(in, &r->diags[k]);
		r->have[k] = in->ok;
	}
}

/* The header's field `name` at *p (up to end): its text up to the newline, moved past. */
static bool header_line(const char **p, const char *end, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));

	if (!nl || (size_t)(nl - *p) <= n || strncmp(*p, name, n) || (*p)[n] != ' ' ||
	    (size_t)(nl - *p) - n - 1 >= size)
		return false;
	memcpy(out, *p + n + 1, (size_t)(nl - *p) - n - 1);
	out[(size_t)(nl - *p) - n - 1] = '\0';
	*p = nl + 1;
	return true;
}

/* The body of a file of this program, checked whole; false if it is not one. */
static bool open_body(const struct nv_buf *file, struct in *in)
{
	const char *p = file->ptr, *end = file->ptr + file->len, *hits;
	struct nv_hash prog, h = NV_HASH_INIT;
	char line[80], hex[33], want[33];
	unsigned long long len;
	int used = 0;

	if (!program_key(&prog) || file->len < sizeof(FORMAT) ||
	    memcmp(p, FORMAT "\n", sizeof(FORMAT)))
		return false;
	p += sizeof(FORMAT);
	nv_hash_hex(prog, want);
	if (!header_line(&p, end, "program", line, sizeof(line)) || strcmp(line, want))
		return false;
	hits = p;
	if (!header_line(&p, end, "hits", line, sizeof(line)))
		return false;
	nv_hash_add(&h, hits, (size_t)(p - hits));
	if (!header_line(&p, end, "body", line, sizeof(line)) ||
	    sscanf(line, "%llu %32[0-9a-f]%n", &len, hex, &used) != 2 || line[used] ||
	    len != (unsigned long long)(end - p))
		return false;
	nv_hash_add(&h, p, (size_t)len);
	nv_hash_hex(h, want);
	if (strcmp(hex, want))
		return false;
	in->p = p;
	in->end = end;
	in->ok = true;
	return true;
}

/* Read path (no link followed) into out; false if it is no regular file of a sane size. */
static bool read_file(const char *path, struct nv_buf *out)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	bool ok;
	ssize_t n;

	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= MAX_FILE;
	if (ok) {
		nv_buf_grow(out, (size_t)st.st_size + 1);
		while ((n = read(fd, out->ptr + out->len, out->cap - out->len - 1)) > 0) {
			out->len += (size_t)n;
			if (out->len + 1 >= out->cap)
				nv_buf_grow(out, out->cap);
		}
		ok = n == 0 && out->len <= MAX_FILE;
		out->ptr[out->len] = '\0';
	}
	close(fd);
	return ok;
}

struct nv_check_cache *nv_check_cache_read(const char *path)
{
	struct nv_check_cache *x = nv_check_cache_new();
	struct nv_buf file = NV_BUF_INIT;
	struct in in;
	uint32_t i, n;

	if (read_file(path, &file) && open_body(&file, &in)) {
		n = get_u32(&in);
		for (i = 0; in.ok && i < n; i++)
			get_record(&in, x);
		if (!in.ok || in.p != in.end) {
			/* Not a file this program wrote whole: as if there were none. */
			nv_check_cache_free(x);
			x = nv_check_cache_new();
		}
	}
	nv_buf_release(&file);
	return x;
}
