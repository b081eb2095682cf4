/*
 * import_zip.c: all the text of an attachment, for the guard of
 * attachments: which reader reads a file, by its name
 * (nv_import_read_how(), nv_import_attachment_text()), and the reader of
 * ZIP archives, which reads each of its files the same way.
 *
 * A school publishes its materials packed: «Материалы семинара.zip» with
 * a list of participants in it. Whoever downloads the archive sees the
 * names of its files and their text, so both are read: each file's name
 * (Windows' archivers write Russian names in CP866 unless they mark them
 * UTF-8), and the text of each file, archives inside two deep, with the
 * importer's limits (import.c). Each file's part of the text starts with
 * a line «\x1C name» (NV_IMP_ZIP_FILE), so that a message can say in
 * which file a name is.
 */
#include "common.h"

#include "buf.h"
#include "diag.h"
#include "import.h"
#include "import_int.h"
#include "lazylib.h"
#include "utf8.h"

/* Archives in archives read: deeper ones are read for their own names only. */
#define MAX_DEPTH 2

/* CP866 0x80…0xFF as Unicode code points: А…п, pseudographics, р…я, Ё ё and the rest. */
static const uint16_t cp866_high[128] = {
	0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A,
	0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425,
	0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, 0x0430,
	0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B,
	0x043C, 0x043D, 0x043E, 0x043F, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562,
	0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534,
	0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560,
	0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
	0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x0440, 0x0441, 0x0442,
	0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D,
	0x044E, 0x044F, 0x0401, 0x0451, 0x0404, 0x0454, 0x0407, 0x0457, 0x040E, 0x045E, 0x00B0,
	0x2219, 0x00B7, 0x221A, 0x2116, 0x00A4, 0x25A0, 0x00A0,
};

/* A file's name in the archive as UTF-8: as it is when it is UTF-8, else read as CP866. */
static void add_name(struct nv_buf *out, const char *raw)
{
	size_t i, n = strlen(raw);

	if (nv_utf8_valid(raw, n, NULL)) {
		nv_buf_add(out, raw, n);
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c < 0x80)
			nv_buf_addch(out, (char)c);
		else
			nv_buf_addcp(out, cp866_high[c - 0x80]);
	}
}

enum nv_imp_read nv_import_read_how(const char *name, enum nv_imp_kind *kind)
{
	static const struct {
		const char *ext;
		enum nv_imp_read how;
		enum nv_imp_kind kind;
	} v[] = {
		{ ".txt", NV_READ_TEXT, 0 },
		{ ".csv", NV_READ_TEXT, 0 },
		{ ".docx", NV_READ_OFFICE, NV_IMP_DOCX },
		{ ".odt", NV_READ_OFFICE, NV_IMP_ODT },
		{ ".odp", NV_READ_OFFICE, NV_IMP_ODP },
		{ ".xlsx", NV_READ_OFFICE, NV_IMP_XLSX },
		{ ".ods", NV_READ_OFFICE, NV_IMP_ODS },
		{ ".pdf", NV_READ_PDF, 0 },
		{ ".zip", NV_READ_ZIP, 0 },
		{ ".rtf", NV_READ_RTF, 0 },
		{ ".doc", NV_READ_BYTES, 0 },
		{ ".xls", NV_READ_BYTES, 0 },
		{ ".jpg", NV_READ_BYTES, 0 },
		{ ".jpeg", NV_READ_BYTES, 0 },
		{ ".png", NV_READ_BYTES, 0 },
		{ ".gif", NV_READ_BYTES, 0 },
		{ ".webp", NV_READ_BYTES, 0 },
	};
	size_t i, n = strlen(name);

	for (i = 0; i < NV_ARRAY_SIZE(v); i++)
		if (nv_ends_with_nocase(name, n, v[i].ext)) {
			*kind = v[i].kind;
			return v[i].how;
		}
	return NV_READ_NAME;
}

static int zip_text(const char *name, const char *data, size_t len, int depth, const char *prefix,
		    struct nv_buf *out, struct nv_diags *d);

/* nv_import_attachment_text() of a file `depth` archives deep. */
static int attachment_text(const char *name, const char *data, size_t len, int depth,
			   struct nv_buf *out, const char **encoding, struct nv_diags *d)
{
	enum nv_imp_kind kind = NV_IMP_DOCX;
	enum nv_imp_read how = nv_import_read_how(name, &kind);

	if ((how == NV_READ_OFFICE || how == NV_READ_ZIP) &&
	    (nv_lib_load(NV_LIB_ZIP, d) < 0 || nv_lib_load(NV_LIB_XML2, d) < 0))
		return -2;
	switch (how) {
	case NV_READ_TEXT:
		*encoding = nv_import_decode_text(data, len, out);
		return 0;
	case NV_READ_OFFICE:
		return nv_import_all_text(name, data, len, kind, out, d);
	case NV_READ_PDF:
		return nv_import_pdf_text(name, data, len, out, d);
	case NV_READ_ZIP:
		return depth < MAX_DEPTH
			       ? zip_text(name, data, len, depth + 1, depth ? name : NULL, out, d)
			       : 0;
	case NV_READ_RTF:
		nv_import_rtf_text(data, len, out);
		return 0;
	case NV_READ_BYTES:
		nv_import_binary_text(data, len, out);
		return 0;
	default:
		return 0;
	}
}

int nv_import_attachment_text(const char *name, const char *data, size_t len, struct nv_buf *out,
			      const char **encoding, struct nv_diags *d)
{
	*encoding = NULL;
	return attachment_text(name, data, len, 0, out, encoding, d);
}

/* The text of an archive `depth` deep (NV_IMP_ZIP_FILE), its files' names after prefix/ (NULL:
 * none). */
static int zip_text(const char *name, const char *data, size_t len, int depth, const char *prefix,
		    struct nv_buf *out, struct nv_diags *d)
{
	struct nv_diags inner = NV_DIAGS_INIT;
	struct nv_buf shown = NV_BUF_INIT, bytes = NV_BUF_INIT;
	const char *raw, *encoding;
	zip_t *z = nv_imp_zip_open(name, data, len, "архив ZIP", d);
	zip_int64_t i, n;
	int r = 0;

	if (!z)
		return -1;
	n = zip_get_num_entries(z, 0);
	for (i = 0; r == 0 && i < n; i++) {
		if (!(raw = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW)) || !*raw ||
		    raw[strlen(raw) - 1] == '/')
			continue; /* a folder: its files have its name */
		nv_buf_reset(&shown);
		if (prefix)
			nv_buf_addf(&shown, "%s/", prefix);
		add_name(&shown, raw);
		nv_buf_addch(out, NV_IMP_ZIP_FILE);
		nv_buf_add(out, shown.ptr, shown.len);
		nv_buf_addch(out, '\n');
		r = nv_imp_zip_read_index(z, name, (zip_uint64_t)i, shown.ptr, &bytes, &inner);
		if (r > 0)
			r = attachment_text(shown.ptr, bytes.ptr ? bytes.ptr : "", bytes.len, depth,
					    out, &encoding, &inner) < 0
				    ? -1
				    : 0;
		else if (r == 0)
			r = -1; /* listed, but not there */
		if (r < 0)
			nv_error(d, name, 0, 0, "файл «%s» архива: %s", shown.ptr,
				 inner.nr ? inner.v[0].msg : "не распаковывается");
	}
	zip_discard(z);
	nv_diags_release(&inner);
	nv_buf_release(&shown);
	nv_buf_release(&bytes);
	return r < 0 ? -1 : 0;
}
