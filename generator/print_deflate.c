/*
 * print_deflate.c: the PDFs' streams compressed at zlib's fastest level.
 *
 * Cairo compresses every stream of a PDF (each page's drawing, each font
 * subset, the text maps) with deflateInit() at zlib's default level, 6,
 * and has no setting for it. On our documents that deflate was a fifth of
 * the CPU of printing (perf, 1,000 documents: libz 20 %). Level 1 makes
 * the same PDFs about 7 % larger (64 KB → 69 KB for a 3-page order, 33.8
 * → 36.1 MB for the 1,000) and takes about a tenth off printing's CPU
 * (libz 12 % of it).
 *
 * This program defines deflateInit_() itself, the function the
 * deflateInit() macro calls, and exports it (the link's
 * --export-dynamic-symbol): the dynamic loader finds the program's symbol
 * before zlib's, for cairo too when lazylib.c opens it later. A caller
 * that asks for the default level gets level 1 through deflateInit2_()
 * with zlib's other defaults; one that names a level gets that level.
 * Nothing else of zlib changes, and the streams stay standard deflate.
 * The print tests check the level in the zlib header of every stream
 * (tests/print/run.sh).
 */
#include "common.h"

#include <zlib.h>

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = Z_BEST_SPEED;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}
