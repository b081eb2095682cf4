/*
 * Unit tests for the images print reads (print_image.c): the size of a
 * PNG from its header and of a JPEG from its frame, the EXIF orientation
 * in either byte order, the shown size of a turned photo, and the kinds
 * a PDF cannot show refused with their reasons; a picture is set at
 * 96 dpi, narrowed to the text and to 7/10 of a page.
 */
#include "common.h"

#include <math.h>

#include "buf.h"
#include "harness.h"
#include "print.h"
#include "../../generator/print_int.h"

/* Parse the n bytes at p; the reason of a refusal into why. */
static int parse(const void *p, size_t n, struct nv_pl_image *im, struct nv_buf *why)
{
	memset(im, 0, sizeof(*im));
	im->data = (unsigned char *)p;
	im->len = n;
	nv_buf_reset(why);
	return nv_pl_image_parse(im, why);
}

static void test_png(void)
{
	static const unsigned char png[] = {
		0x89, 'P',  'N',  'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
		0,    0x01, 0xE0, 0,   0,    0,	   0xF0, 8,    2, 0, 0, 0,  0,	 0,   0,   0,
	};
	static const unsigned char huge[] = {
		0x89, 'P',  'N',  'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
		0,    0x7F, 0xFF, 0,   0,    0x7F, 0xFF, 8,    2, 0, 0, 0,  0,	 0,   0,   0,
	};
	struct nv_buf why = NV_BUF_INIT;
	struct nv_pl_image im;

	CHECK_INT(parse(png, sizeof(png), &im, &why), 0);
	CHECK(!im.jpeg);
	CHECK_INT(im.w, 480);
	CHECK_INT(im.h, 240);
	CHECK_INT(im.orientation, 1);
	CHECK_INT(parse(png, 20, &im, &why), -1);
	CHECK_STR(why.ptr, "файл PNG повреждён: нет его заголовка");
	/* 32767 × 32767: within Cairo's side, too many pixels to decode. */
	CHECK_INT(parse(huge, sizeof(huge), &im, &why), -1);
	CHECK_STR(why.ptr, "изображение слишком большое (32767×32767 точек)");
	CHECK_INT(parse("GIF89a\1\0\1\0", 10, &im, &why), -1);
	CHECK_STR(why.ptr, "это не PNG и не JPEG: в PDF печать вставляет только их");
	nv_buf_release(&why);
}

/*
 * A JPEG's head into b: SOI, an APP0 (JFIF), an APP1 with EXIF whose
 * first IFD gives orientation o in byte order le (o 0: no APP1), a frame
 * of marker sof, 200 × 100 pixels of comps components, then SOS.
 */
static void jpeg(struct nv_buf *b, int o, bool le, unsigned sof, unsigned comps)
{
	static const unsigned char app0[] = { 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
					      1,    1,	  0, 0,	 1,   0,   1,	0,   0 };
	unsigned char tiff[26] = { 0 }, seg[4 + 6];

	nv_buf_reset(b);
	nv_buf_add(b, "\xFF\xD8", 2);
	nv_buf_add(b, (const char *)app0, sizeof(app0));
	if (o) {
		/* «II*\0» or «MM\0*», IFD at 8, one entry: 0x0112, SHORT, 1, o. */
		memcpy(tiff, le ? "II*\0" : "MM\0*", 4);
		tiff[le ? 4 : 7] = 8;
		tiff[le ? 8 : 9] = 1;
		tiff[le ? 10 : 11] = 0x12;
		tiff[le ? 11 : 10] = 0x01;
		tiff[le ? 12 : 13] = 3;
		tiff[le ? 14 : 17] = 1;
		tiff[le ? 18 : 19] = (unsigned char)o;
		seg[0] = 0xFF;
		seg[1] = 0xE1;
		seg[2] = 0;
		seg[3] = (unsigned char)(2 + 6 + sizeof(tiff));
		memcpy(seg + 4, "Exif\0\0", 6);
		nv_buf_add(b, (const char *)seg, sizeof(seg));
		nv_buf_add(b, (const char *)tiff, sizeof(tiff));
	}
	nv_buf_add(b,
		   (const char[]){ (char)0xFF, (char)sof, 0, 11, 8, 0, 100, 0, (char)200,
				   (char)comps, 1, 0x11, 0 },
		   13);
	nv_buf_add(b, "\xFF\xDA\0\x02", 4);
}

static void test_jpeg(void)
{
	struct nv_buf b = NV_BUF_INIT, why = NV_BUF_INIT;
	struct nv_pl_image im;
	int w, h;

	jpeg(&b, 0, false, 0xC0, 3);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), 0);
	CHECK(im.jpeg);
	CHECK_INT(im.w, 200);
	CHECK_INT(im.h, 100);
	CHECK_INT(im.orientation, 1);
	/* A phone's photo held upright: stored lying, shown a quarter turn on. */
	jpeg(&b, 6, false, 0xC2, 3);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), 0);
	CHECK_INT(im.orientation, 6);
	nv_pl_image_shown(&im, &w, &h);
	CHECK_INT(w, 100);
	CHECK_INT(h, 200);
	jpeg(&b, 8, true, 0xC1, 1);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), 0);
	CHECK_INT(im.orientation, 8);
	jpeg(&b, 3, true, 0xC0, 4);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), 0);
	CHECK_INT(im.orientation, 3);
	nv_pl_image_shown(&im, &w, &h);
	CHECK_INT(w, 200);
	/* An orientation EXIF has not: as stored. */
	jpeg(&b, 9, true, 0xC0, 3);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), 0);
	CHECK_INT(im.orientation, 1);
	nv_buf_release(&b);
	nv_buf_release(&why);
}

static void test_jpeg_refused(void)
{
	struct nv_buf b = NV_BUF_INIT, why = NV_BUF_INIT;
	struct nv_pl_image im;

	jpeg(&b, 0, false, 0xC3, 3); /* lossless */
	CHECK_INT(parse(b.ptr, b.len, &im, &why), -1);
	CHECK_STR(why.ptr, "JPEG сжат способом, который PDF не показывает: сохраните его заново "
			   "как обычный JPEG или PNG");
	jpeg(&b, 0, false, 0xC0, 2);
	CHECK_INT(parse(b.ptr, b.len, &im, &why), -1);
	CHECK_STR(why.ptr, "в JPEG 2 цветовых каналов, а PDF показывает 1, 3 или 4");
	/* Wider than Cairo draws (tests/fuzz/corpus/fuzz_image/jpeg-too-wide). */
	jpeg(&b, 0, false, 0xC0, 3);
	b.ptr[27] = (char)0xFF;
	b.ptr[28] = (char)0xD8;
	CHECK_INT(parse(b.ptr, b.len, &im, &why), -1);
	CHECK_STR(why.ptr, "изображение слишком большое (65496×100 точек)");
	/* Cut inside its APP0, or with no frame before the scan: no size. */
	jpeg(&b, 0, false, 0xC0, 3);
	CHECK_INT(parse(b.ptr, 12, &im, &why), -1);
	CHECK_STR(why.ptr, "файл JPEG повреждён: в нём не найден размер изображения");
	CHECK_INT(parse("\xFF\xD8\xFF\xDA\0\x02", 6, &im, &why), -1);
	CHECK_STR(why.ptr, "файл JPEG повреждён: в нём не найден размер изображения");
	nv_buf_release(&b);
	nv_buf_release(&why);
}

/* A block of the image im measured for a portrait page of text width cw. */
static void measured(const struct nv_pl_engine *en, struct nv_pl_image *im, double cw, double *w,
		     double *h)
{
	struct nv_pl_block b;
	struct mblock mb;

	memset(&b, 0, sizeof(b));
	memset(&mb, 0, sizeof(mb));
	b.kind = NV_PL_IMAGE;
	b.image = im;
	mb.b = &b;
	nv_pl_measure_image(en, &mb, cw);
	*w = mb.w;
	*h = mb.h;
}

static void test_measure(void)
{
	static const struct nv_print_opts o = { "Liberation Serif", 14, 12, 20, 10, 20, 30, false };
	struct nv_pl_engine en;
	struct nv_pl_image im;
	double w, h, room = 297.0 * NV_PT_PER_MM - 40 * NV_PT_PER_MM;

	memset(&en, 0, sizeof(en));
	en.o = o;
	memset(&im, 0, sizeof(im));
	im.orientation = 1;
	/* 400 × 200 pixels at 96 dpi: 300 × 150 pt, narrower than the text. */
	im.w = 400;
	im.h = 200;
	measured(&en, &im, 480, &w, &h);
	CHECK(fabs(w - 300) < 0.01 && fabs(h - 150) < 0.01);
	/* 1600 × 800: as wide as the text. */
	im.w = 1600;
	im.h = 800;
	measured(&en, &im, 480, &w, &h);
	CHECK(fabs(w - 480) < 0.01 && fabs(h - 240) < 0.01);
	/* A tall photo: 7/10 of the page's text height, its width in proportion. */
	im.w = 1000;
	im.h = 3000;
	measured(&en, &im, 480, &w, &h);
	CHECK(fabs(h - room * 0.7) < 0.01 && fabs(w - h / 3) < 0.01);
	/* Turned a quarter: 3000 wide as shown. */
	im.orientation = 8;
	measured(&en, &im, 480, &w, &h);
	CHECK(fabs(w - 480) < 0.01 && fabs(h - 160) < 0.01);
}

void nv_tests(void)
{
	NV_RUN(test_png);
	NV_RUN(test_jpeg);
	NV_RUN(test_jpeg_refused);
	NV_RUN(test_measure);
}
