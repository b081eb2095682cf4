/*
 * print_image.c: pictures on paper — a PNG or a JPEG a body shows on a
 * line of its own (print_body.c), read for its size, set as wide as a
 * browser shows it and painted into the PDF; see print.h.
 *
 * A JPEG is not decoded: its bytes go into the PDF as they are (Cairo's
 * JPEG mime data on a blank surface of its size), which a PDF shows as
 * a JPEG, so only the kinds a PDF reader reads are taken: baseline,
 * extended and progressive (SOF0–SOF2), of 1, 3 or 4 components. A PNG
 * is decoded by Cairo.
 */
#include "common.h"

#include <cairo.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "fs.h"
#include "print_int.h"

/*
 * The largest side Cairo draws, and the most pixels a PNG is decoded
 * into (160 MB); a JPEG is not decoded.
 */
#define MAX_SIDE   32767
#define MAX_PIXELS (40L * 1000 * 1000)
/* The largest image file read. */
#define MAX_BYTES (64u * 1024 * 1024)
/* A pixel at 96 dpi, as a browser shows an image without a size, pt. */
#define PT_PER_PX 0.75
/* The share of a page's text height an image may take: its caption goes below it. */
#define MAX_PAGE_SHARE 0.7

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

/*
 * Take w × h pixels as im's size: sides Cairo draws and, for an image
 * decoded (max_pixels > 0), no more pixels than that. -1 with why if not.
 */
static int take_size(struct nv_pl_image *im, unsigned long w, unsigned long h,
		     unsigned long max_pixels, struct nv_buf *why)
{
	if (w > MAX_SIDE || h > MAX_SIDE || (max_pixels && w * h > max_pixels)) {
		nv_buf_addf(why, "изображение слишком большое (%lu×%lu точек)", w, h);
		return -1;
	}
	im->w = (int)w;
	im->h = (int)h;
	return 0;
}

static int png_size(struct nv_pl_image *im, struct nv_buf *why)
{
	const unsigned char *p = im->data;

	if (im->len < 33 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) || !be32(p + 16) ||
	    !be32(p + 20)) {
		nv_buf_adds(why, "файл PNG повреждён: нет его заголовка");
		return -1;
	}
	return take_size(im, be32(p + 16), be32(p + 20), MAX_PIXELS, why);
}

/*
 * The orientation EXIF gives in an APP1 segment's n bytes at p (after
 * «Exif\0\0»): the tag 0x0112 of the first IFD of its TIFF structure;
 * 1 when there is none.
 */
static int exif_orientation(const unsigned char *p, size_t n)
{
	bool le;
	unsigned long off;
	unsigned count, i, tag, v;

#define U16(q) (le ? (unsigned)(q)[0] | (unsigned)(q)[1] << 8 : be16(q))
#define U32(q)                                                                                   \
	(le ? (unsigned long)(q)[0] | (unsigned long)(q)[1] << 8 | (unsigned long)(q)[2] << 16 | \
			 (unsigned long)(q)[3] << 24                                             \
	    : be32(q))
	if (n < 8 || !(memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return 1;
	le = p[0] == 'I';
	off = U32(p + 4);
	if (off > n - 2)
		return 1;
	count = U16(p + off);
	for (i = 0; i < count && off + 2 + 12 * (unsigned long)(i + 1) <= n; i++) {
		const unsigned char *e = p + off + 2 + 12 * (unsigned long)i;
		tag = U16(e);
		if (tag != 0x0112 || U16(e + 2) != 3)
			continue;
		v = U16(e + 8);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
#undef U16
#undef U32
}

static int jpeg_size(struct nv_pl_image *im, struct nv_buf *why)
{
	const unsigned char *p = im->data;
	size_t n = im->len, i = 2, len;
	unsigned m;

	im->orientation = 1;
	while (i + 4 <= n) {
		if (p[i] != 0xFF)
			break;
		m = p[i + 1];
		if (m == 0xFF) { /* fill bytes before a marker */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += 2;
			continue;
		}
		len = be16(p + i + 2);
		if (len < 2 || i + 2 + len > n)
			break;
		if (m == 0xE1 && len >= 8 && !memcmp(p + i + 4, "Exif\0\0", 6))
			im->orientation = exif_orientation(p + i + 10, len - 8);
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			unsigned h, w, comps;

			if (m > 0xC2) {
				nv_buf_adds(why, "JPEG сжат способом, который PDF не показывает: "
						 "сохраните его заново как обычный JPEG или PNG");
				return -1;
			}
			if (len < 8)
				break;
			h = be16(p + i + 5);
			w = be16(p + i + 7);
			comps = p[i + 9];
			if (!w || !h) {
				nv_buf_adds(why, "в заголовке JPEG нет его размера");
				return -1;
			}
			if (comps != 1 && comps != 3 && comps != 4) {
				nv_buf_addf(
					why,
					"в JPEG %u цветовых каналов, а PDF показывает 1, 3 или 4",
					comps);
				return -1;
			}
			/* Not decoded: a blank surface of its size carries its bytes. */
			return take_size(im, w, h, 0, why);
		}
		if (m == 0xD9 || m == 0xDA)
			break;
		i += 2 + len;
	}
	nv_buf_adds(why, "файл JPEG повреждён: в нём не найден размер изображения");
	return -1;
}

int nv_pl_image_parse(struct nv_pl_image *im, struct nv_buf *why)
{
	const unsigned char *p = im->data;

	im->orientation = 1;
	im->w = im->h = 0;
	if (im->len >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) {
		im->jpeg = false;
		return png_size(im, why);
	}
	if (im->len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
		im->jpeg = true;
		return jpeg_size(im, why);
	}
	nv_buf_adds(why, "это не PNG и не JPEG: в PDF печать вставляет только их");
	return -1;
}

struct nv_pl_image *nv_pl_image_read(const char *path, const char *name, int line, int col,
				     struct nv_buf *why)
{
	struct nv_pl_image *im = nv_xcalloc(1, sizeof(*im));
	struct nv_buf b = NV_BUF_INIT;

	if (nv_read_file(path, MAX_BYTES, &b) < 0) {
		nv_buf_addf(why, "файл не прочитан: %s", nv_strerror(errno));
		nv_buf_release(&b);
		free(im);
		return NULL;
	}
	im->data = (unsigned char *)nv_buf_detach(&b, &im->len);
	if (nv_pl_image_parse(im, why) < 0) {
		nv_pl_image_free(im);
		return NULL;
	}
	im->name = nv_xstrdup(name);
	im->line = line;
	im->col = col;
	return im;
}

void nv_pl_image_free(struct nv_pl_image *im)
{
	if (!im)
		return;
	free(im->data);
	free(im->name);
	free(im);
}

void nv_pl_image_shown(const struct nv_pl_image *im, int *w, int *h)
{
	bool turned = im->orientation >= 5;

	*w = turned ? im->h : im->w;
	*h = turned ? im->w : im->h;
}

struct nv_pl_block *nv_pl_image(struct nv_pl_doc *doc, struct nv_pl_image *im,
				const struct nv_pl_style *st)
{
	struct nv_pl_block *b = nv_pl_add(doc, NV_PL_IMAGE, st);

	b->image = im;
	return b;
}

void nv_pl_measure_image(const struct nv_pl_engine *en, struct mblock *mb, double cw)
{
	double room = nv_pl_content_height(en, mb->landscape);
	int pw, ph;

	nv_pl_image_shown(mb->b->image, &pw, &ph);
	mb->w = pw * PT_PER_PX;
	if (mb->w > cw)
		mb->w = cw;
	mb->h = mb->w * ph / pw;
	if (mb->h > room * MAX_PAGE_SHARE) {
		mb->h = room * MAX_PAGE_SHARE;
		mb->w = mb->h * pw / ph;
	}
}

void nv_pl_place_image(struct pager *pg, const struct mblock *mb)
{
	double cw = nv_pl_content_width(pg->en, pg->landscape), x = (cw - mb->w) / 2;

	nv_pl_struct_ready(pg);
	/* In a list item, the picture is the item's, as a second paragraph is. */
	nv_pl_close_lists(pg, mb->b->st.list);
	nv_pl_tag_open(pg, "Figure");
	nv_pl_place_box(pg, mb, x, mb->w, mb->h);
	nv_pl_add_item(pg->page, NV_PL_ITEM_IMAGE, pg->left + x, pg->top + pg->y, mb->w, mb->h)
		->image = mb->b->image;
	nv_pl_tag_close(pg, "Figure");
	pg->y += mb->h;
}

struct png_read {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length)
{
	struct png_read *r = closure;

	if (length > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, length);
	r->p += length;
	r->left -= length;
	return CAIRO_STATUS_SUCCESS;
}

/*
 * The matrix that turns the image as stored into the image as shown
 * (EXIF orientation o), w × h pixels stored.
 */
static cairo_matrix_t turn(int o, double w, double h)
{
	/* xx, yx, xy, yy, x0, y0: x' = xx x + xy y + x0, y' = yx x + yy y + y0. */
	static const signed char m[8][4] = {
		{ 1, 0, 0, 1 },	  /* 1: as stored */
		{ -1, 0, 0, 1 },  /* 2: mirrored */
		{ -1, 0, 0, -1 }, /* 3: turned over */
		{ 1, 0, 0, -1 },  /* 4: mirrored upside down */
		{ 0, 1, 1, 0 },	  /* 5: mirrored about the diagonal */
		{ 0, 1, -1, 0 },  /* 6: a quarter turn clockwise */
		{ 0, -1, -1, 0 }, /* 7: mirrored about the other diagonal */
		{ 0, -1, 1, 0 },  /* 8: a quarter turn anticlockwise */
	};
	const signed char *r = m[o - 1];
	cairo_matrix_t t;

	t.xx = r[0];
	t.yx = r[1];
	t.xy = r[2];
	t.yy = r[3];
	/* Shift what the turn moved left of or above the origin back onto it. */
	t.x0 = (t.xx < 0 ? w : 0) + (t.xy < 0 ? h : 0);
	t.y0 = (t.yx < 0 ? w : 0) + (t.yy < 0 ? h : 0);
	return t;
}

bool nv_pl_paint_image(cairo_t *cr, const struct nv_pl_item *it)
{
	const struct nv_pl_image *im = it->image;
	struct png_read r = { im->data, im->len };
	cairo_surface_t *s;
	cairo_matrix_t t;
	int pw, ph;

	if (im->jpeg) {
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, im->w, im->h);
		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS)
			cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, im->data, im->len,
						    NULL, NULL);
	} else {
		s = cairo_image_surface_create_from_png_stream(png_read, &r);
	}
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return false;
	}
	nv_pl_image_shown(im, &pw, &ph);
	t = turn(im->orientation, im->w, im->h);
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, it->w / pw, it->h / ph);
	cairo_transform(cr, &t);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(s);
	return true;
}
