/*
 * buf.h: the growable string buffer and the non-owning slice.
 *
 * Invariants of struct nv_buf (as git's strbuf):
 *  - ptr is never NULL: an empty buffer points to a static "" until the
 *    first append, so it can always be printed;
 *  - ptr[len] is always '\0', and the bytes may contain other NULs;
 *  - nv_buf_detach() and nv_buf_take() are the only ways to take
 *    ownership of the bytes.
 * A buffer set up with NV_BUF_INIT or nv_buf_init() is released with
 * nv_buf_release(), which leaves it empty and usable again.
 *
 * struct nv_slice is a view (pointer + length) into memory someone else
 * owns; it is not NUL-terminated.
 */
#ifndef NV_BUF_H
#define NV_BUF_H

#include "common.h"

extern char nv_buf_empty[];

struct nv_buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points to nv_buf_empty */
};

#define NV_BUF_INIT                \
	{                          \
		nv_buf_empty, 0, 0 \
	}

struct nv_slice {
	const char *ptr;
	size_t len;
};

/*
 * The first occurrence of the k bytes at w in the n bytes at s, or NULL
 * (memmem, which C11 and POSIX lack).
 */
const char *nv_mem_find(const char *s, size_t n, const char *w, size_t k);

void nv_buf_init(struct nv_buf *b);
/* Free the bytes and leave b empty. */
void nv_buf_release(struct nv_buf *b);
/* Ensure room for `extra` more bytes (plus the terminator). */
void nv_buf_grow(struct nv_buf *b, size_t extra);
/* Make the contents empty, keeping the allocation. */
void nv_buf_reset(struct nv_buf *b);
/* Shorten to `len` bytes (len <= b->len). */
void nv_buf_truncate(struct nv_buf *b, size_t len);
/*
 * Hand over the bytes: returns a malloc'ed NUL-terminated string that the
 * caller frees (an empty buffer yields a fresh ""), stores its length in
 * *len when len is not NULL, and leaves b empty.
 */
char *nv_buf_detach(struct nv_buf *b, size_t *len);
/*
 * nv_buf_detach() with the spare room kept, for bytes freed soon after (a
 * page's body, its search text): nv_buf_detach() makes a string kept for
 * the whole build no bigger than it is, a copy these need not pay for.
 */
char *nv_buf_take(struct nv_buf *b, size_t *len);

/*
 * The appends below are inline: they are on every hot path, and when
 * there is room they are a copy and a store. Only growing goes out of line.
 */
static inline void nv_buf_add(struct nv_buf *b, const void *data, size_t n)
{
	if (!n)
		return;
	/* room for n bytes and the terminator (cap is 0 for nv_buf_empty) */
	if (n >= b->cap - b->len)
		nv_buf_grow(b, n);
	memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

static inline void nv_buf_adds(struct nv_buf *b, const char *s)
{
	nv_buf_add(b, s, strlen(s));
}

static inline void nv_buf_addch(struct nv_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		nv_buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

/* Append the path of name in the folder dir («dir/name»; name alone when dir is ""). */
static inline void nv_buf_add_path(struct nv_buf *b, const char *dir, const char *name)
{
	if (*dir) {
		nv_buf_adds(b, dir);
		nv_buf_addch(b, '/');
	}
	nv_buf_adds(b, name);
}

void nv_buf_addf(struct nv_buf *b, const char *fmt, ...) NV_PRINTF(2, 3);
void nv_buf_vaddf(struct nv_buf *b, const char *fmt, va_list ap) NV_PRINTF(2, 0);
/*
 * Append n in decimal, zero-padded to `width` digits: the bytes of
 * "%0*lld" without printf, for numbers written per item or per line.
 */
void nv_buf_addnum(struct nv_buf *b, long long n, int width);
/* Append the UTF-8 encoding of code point cp (cp <= 0x10FFFF). */
void nv_buf_addcp(struct nv_buf *b, uint32_t cp);
/*
 * Append s with the five HTML-significant characters escaped
 * (& < > " ' become &amp; &lt; &gt; &quot; &#39;).
 */
void nv_buf_add_html(struct nv_buf *b, const char *s, size_t n);
/* The same, leaving ' as it is: the four cmark escapes (its houdini_escape_html0). */
void nv_buf_add_html4(struct nv_buf *b, const char *s, size_t n);

static inline struct nv_slice nv_slice_make(const char *p, size_t n)
{
	struct nv_slice s = { p, n };
	return s;
}

static inline void nv_buf_addslice(struct nv_buf *b, struct nv_slice s)
{
	nv_buf_add(b, s.ptr, s.len);
}
static inline struct nv_slice nv_slice_str(const char *p)
{
	return nv_slice_make(p, strlen(p));
}
/* True if the slice equals the NUL-terminated string s. */
bool nv_slice_eq(struct nv_slice a, const char *s);
bool nv_slice_starts_with(struct nv_slice a, const char *prefix);
bool nv_slice_ends_with(struct nv_slice a, const char *suffix);
/* True if the n bytes of s end in end, compared without ASCII case («PLAN.PDF», ".pdf"). */
bool nv_ends_with_nocase(const char *s, size_t n, const char *end);
/* Remove ASCII white space from both ends. */
struct nv_slice nv_slice_trim(struct nv_slice a);
/* Copy into a new NUL-terminated string; the caller frees. */
char *nv_slice_dup(struct nv_slice a);

/*
 * A 128-bit hash of bytes, to tell whether an input changed since the
 * last build (not for security). Start from NV_HASH_INIT, add pieces;
 * each piece is closed with its length, so "ab"+"c" and "a"+"bc" differ.
 */
struct nv_hash {
	uint64_t a, b;
};

#define NV_HASH_INIT                                     \
	{                                                \
		0x243F6A8885A308D3u, 0x13198A2E03707344u \
	}

void nv_hash_add(struct nv_hash *h, const void *data, size_t n);
void nv_hash_str(struct nv_hash *h, const char *s); /* NULL hashes as "" */
void nv_hash_hash(struct nv_hash *h, struct nv_hash v);
static inline bool nv_hash_eq(struct nv_hash x, struct nv_hash y)
{
	return x.a == y.a && x.b == y.b;
}
/* As 32 hex digits into out[33]. */
void nv_hash_hex(struct nv_hash h, char out[33]);

/*
 * Whether the code built for AVX2 (NV_TARGET_AVX2) is taken: the CPU
 * has AVX2, and no test turned it off (nv_avx2_enable(false)) to compare
 * the SSE2 code's results with it.
 */
extern bool nv_avx2_off;
static inline bool nv_avx2(void)
{
#ifdef NV_TARGET_AVX2
	return !nv_avx2_off && __builtin_cpu_supports("avx2");
#else
	return false;
#endif
}

static inline void nv_avx2_enable(bool on)
{
	nv_avx2_off = !on;
}

#endif
