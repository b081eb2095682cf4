/*
 * fuzz_image.c: libFuzzer harness for the image headers print reads
 * (print_image.c): any bytes a file named .png or .jpg may hold. Beyond
 * "no crash, no leak, no read past the bytes", it checks the contract:
 * a parsed image has a size within Cairo's sides and an orientation of
 * EXIF's eight, and a refused one says why.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_pl_image im;
	struct nv_buf why = NV_BUF_INIT;
	int w, h;

	memset(&im, 0, sizeof(im));
	/* A copy of its own size, so that a read past it is one ASan sees. */
	im.data = (unsigned char *)nv_xmemdupz(data, size);
	im.len = size;
	if (nv_pl_image_parse(&im, &why) == 0) {
		if (im.w < 1 || im.h < 1 || im.w > 32767 || im.h > 32767 || im.orientation < 1 ||
		    im.orientation > 8 || why.len)
			abort();
		nv_pl_image_shown(&im, &w, &h);
		if ((long)w * h != (long)im.w * im.h)
			abort();
	} else if (!why.len) {
		abort();
	}
	free(im.data);
	nv_buf_release(&why);
	return 0;
}
