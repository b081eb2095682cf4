/*
 * guard_tables.c: the tables of the guard's first pass (guard_skip.c),
 * made from its keys once per guard: the trie of the keys' first bytes,
 * the letters and their classes, and the bitmaps of the first two and
 * three letters a key may start a word with; see guard_int.h.
 */
#include "common.h"

#include "alloc.h"
#include "guard.h"
#include "guard_int.h"

static bool is_lc_letter(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || b >= 0xE0;
}

/*
 * Lay out the trie ch (nn nodes, node 0 the root) breadth first in
 * g->node, so that the children of a node lie side by side.
 */
static void lay_out_trie(struct nv_guard *g, int32_t (*ch)[NV_GUARD_CLASSES],
			 const unsigned char *minlen, const bool *end, size_t nn)
{
	size_t *order = nv_xcalloc(nn, sizeof(*order)), q, next = 1;
	struct nv_guard_node *nd;
	int c, b;

	g->node = nv_xcalloc(nn, sizeof(*g->node));
	g->nnode = nn;
	for (q = 0; q < next; q++) {
		nd = &g->node[q];
		nd->base = (uint32_t)next;
		nd->minlen = minlen[order[q]];
		nd->end = end[order[q]];
		for (c = 0; c < NV_GUARD_CLASSES; c++) {
			if (!ch[order[q]][c])
				continue;
			nd->kids |= UINT64_C(1) << c;
			order[next++] = (size_t)ch[order[q]][c];
		}
	}
	for (b = 'a'; b < 256; b = b == 'z' ? 0xE0 : b + 1)
		if ((g->node[0].kids >> (c = nv_guard_cls((unsigned char)b))) & 1)
			g->root[b] = g->node[0].base +
				     (uint32_t)nv_guard_pop64(g->node[0].kids &
							      ((UINT64_C(1) << c) - 1));
	free(order);
}

/*
 * The trie of the keys' first eight bytes for nv_guard_skip(); keys with
 * a byte no letter anywhere go to g->odd, those not starting with a
 * letter nowhere (a word starts with a letter).
 */
static void build_trie(struct nv_guard *g)
{
	size_t cap = 8 * g->nk + 1, nn = 1, i, j, d, q;
	int32_t(*ch)[NV_GUARD_CLASSES] = nv_xcalloc(cap, sizeof(*ch));
	unsigned char *minlen = nv_xcalloc(cap, 1);
	bool *end = nv_xcalloc(cap, sizeof(*end));
	const struct nv_guard_key *k;
	int c;

	g->odd = nv_xcalloc(g->nk + 1, sizeof(*g->odd));
	minlen[0] = 255;
	for (i = 0; i < g->nk; i++) {
		k = &g->k[i];
		d = k->len < 8 ? k->len : 8;
		/* A byte no letter past the eighth too: the trie cannot tell where the key goes on.
		 */
		for (j = 1; j < k->len && is_lc_letter((unsigned char)k->stem[j]); j++)
			;
		if (!is_lc_letter(k->b0))
			continue;
		if (j < k->len) {
			g->odd[g->nodd++] = k;
			continue;
		}
		for (q = 0, j = 0; j < d; j++) {
			c = nv_guard_cls((unsigned char)k->stem[j]);
			if (!ch[q][c]) {
				minlen[nn] = 255;
				ch[q][c] = (int32_t)nn++;
			}
			q = (size_t)ch[q][c];
			if (k->len < minlen[q])
				minlen[q] = (unsigned char)k->len;
		}
		end[q] = end[q] || k->len == d;
	}
	lay_out_trie(g, ch, minlen, end, nn);
	free(ch);
	free(minlen);
	free(end);
}

/* g->letter and g->pair (guard_int.h). */
static void build_tables(struct nv_guard *g)
{
	const struct nv_guard_node *nd;
	int b, c;

	for (b = 0; b < 0x80; b++)
		g->letter[0][b] = nv_guard_is_lat((unsigned char)b) ? (unsigned char)(b | 0x20) : 0;
	for (b = 0x90; b <= 0xBF; b++)
		g->letter[1][b] = (unsigned char)((b + 0x30) | 0x20);
	for (b = 0x80; b <= 0x8F; b++)
		g->letter[2][b] = (unsigned char)(b + 0x70);
	g->letter[1][0x81] = g->letter[2][0x91] = 0xE5; /* «Ё» and «ё» are «е» */
	g->pair = nv_xcalloc(NV_GUARD_CLASSES * 64, sizeof(*g->pair));
	for (b = 'a'; b < 256; b = b == 'z' ? 0xE0 : b + 1) {
		if (!g->root[b])
			continue;
		nd = &g->node[g->root[b]];
		for (c = 0; c < NV_GUARD_CLASSES; c++)
			if ((nd->kids >> c) & 1)
				g->pair[nv_guard_cls((unsigned char)b) * 64 + c] =
					nd->base + (uint32_t)nv_guard_pop64(
							   nd->kids & ((UINT64_C(1) << c) - 1));
	}
}

/*
 * May a key start a word of the letter classes c1, c2, c3 (NV_GUARD_NONE:
 * no letter, the word may go on; NV_GUARD_END: the word ends there, so
 * only a key that is no longer may, as in may_start_key())?
 */
static bool tri_may_start(const struct nv_guard *g, int c1, int c2, int c3)
{
	const struct nv_guard_node *nd = &g->node[0];
	uint32_t r;

	if (!((nd->kids >> c1) & 1))
		return false;
	nd = &g->node[nd->base + nv_guard_pop64(nd->kids & ((UINT64_C(1) << c1) - 1))];
	if (nd->end || c2 == NV_GUARD_NONE)
		return true;
	if (c2 == NV_GUARD_END || !(r = g->pair[c1 * 64 + c2]))
		return false;
	if (g->node[r].end || c3 == NV_GUARD_NONE)
		return true;
	return c3 != NV_GUARD_END && ((g->node[r].kids >> c3) & 1);
}

/* g->cls and g->tri (guard_int.h). */
static void build_tri(struct nv_guard *g)
{
	size_t bit;
	int b, c1, c2, c3;

	memset(g->cls, NV_GUARD_NONE, sizeof(g->cls));
	for (b = 0; b < 256; b++)
		g->row[b] = b < 0x80 ? 0 : b == 0xD0 ? 256 : b == 0xD1 ? 512 : 768;
	for (b = 0; b < 0x80; b++)
		if (g->letter[0][b])
			g->cls[b] = (unsigned char)nv_guard_cls(g->letter[0][b]);
	for (b = 0x80; b < 0x100; b++) {
		if (g->letter[1][b])
			g->cls[256 + b] = (unsigned char)nv_guard_cls(g->letter[1][b]);
		if (g->letter[2][b])
			g->cls[512 + b] = (unsigned char)nv_guard_cls(g->letter[2][b]);
	}
	g->tri =
		nv_xcalloc((NV_GUARD_TRI * NV_GUARD_TRI * NV_GUARD_TRI + 63) / 64, sizeof(*g->tri));
	for (c1 = 0; c1 < NV_GUARD_CLASSES; c1++)
		for (c2 = 0; c2 < NV_GUARD_TRI; c2++)
			for (c3 = 0; c3 < NV_GUARD_TRI; c3++)
				if (tri_may_start(g, c1, c2, c3)) {
					bit = ((size_t)c1 * NV_GUARD_TRI + (size_t)c2) *
						      NV_GUARD_TRI +
					      (size_t)c3;
					g->tri[bit / 64] |= UINT64_C(1) << (bit % 64);
					bit /= NV_GUARD_TRI;
					g->duo[bit / 64] |= UINT64_C(1) << (bit % 64);
				}
	for (bit = 0; bit < 128; bit++)
		g->cls7[bit] = g->cls[256 * (1 + (bit & 1)) + 0x80 + (bit >> 1)];
	/* g->cyr2: a first character of no class (never a word's start) may start anything. */
	for (bit = 0; bit < 1 << 14; bit++) {
		c1 = g->cls[256 * (1 + (int)(bit >> 7 & 1)) + 0x80 + (int)(bit >> 8 & 63)];
		c2 = g->cls[256 * (1 + (int)(bit & 1)) + 0x80 + (int)(bit >> 1 & 63)];
		c2 = c1 * NV_GUARD_TRI + c2;
		if (c1 == NV_GUARD_NONE || ((g->duo[c2 / 64] >> (c2 % 64)) & 1))
			g->cyr2[bit / 64] |= UINT64_C(1) << (bit % 64);
	}
}

/*
 * g->cyr3 and g->cyr3k (guard_int.h): the classes the codes have are
 * numbered in order (K of them), a code's parts of a bit's number are
 * its class's number times K * K, times K and once, and the bit of three
 * classes is g->tri's for them where g->duo has a bit for the first two
 * (a first character of no class, never a word's start, may start
 * anything).
 */
static void build_cyr3(struct nv_guard *g)
{
	unsigned char num[NV_GUARD_TRI], cls[NV_GUARD_TRI];
	unsigned k, k1, k2, k3, c1, c2, c3, x;
	size_t bit, at;

	memset(num, 0xFF, sizeof(num));
	for (x = k = 0; x < 128; x++)
		if (num[g->cls7[x]] == 0xFF) {
			cls[k] = g->cls7[x];
			num[g->cls7[x]] = (unsigned char)k++;
		}
	for (x = 0; x < 128; x++) {
		g->cyr3k[0][x] = num[g->cls7[x]] * k * k;
		g->cyr3k[1][x] = num[g->cls7[x]] * k;
		g->cyr3k[2][x] = num[g->cls7[x]];
	}
	g->cyr3 = nv_xcalloc((k * k * k + 63) / 64, sizeof(*g->cyr3));
	for (k1 = 0; k1 < k; k1++)
		for (k2 = 0; k2 < k; k2++)
			for (k3 = 0; k3 < k; k3++) {
				c1 = cls[k1], c2 = cls[k2], c3 = cls[k3];
				bit = c1 * NV_GUARD_TRI + c2;
				if (c1 != NV_GUARD_NONE) {
					if (!((g->duo[bit / 64] >> (bit % 64)) & 1))
						continue;
					bit = bit * NV_GUARD_TRI +
					      (c2 == NV_GUARD_NONE ? NV_GUARD_END : c3);
					if (!((g->tri[bit / 64] >> (bit % 64)) & 1))
						continue;
				}
				at = (k1 * k + k2) * k + k3;
				g->cyr3[at / 64] |= UINT64_C(1) << (at % 64);
			}
}

void nv_guard_build_tables(struct nv_guard *g)
{
	build_trie(g);
	build_tables(g);
	build_tri(g);
	build_cyr3(g);
}
