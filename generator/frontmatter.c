/*
 * frontmatter.c: front matter splitting and loading; see frontmatter.h.
 *
 * The splitter works on lines and never copies: it returns offsets into
 * the caller's text, so the YAML loader and cmark read the original bytes
 * and positions stay exact.
 */
#include "common.h"

#include "diag.h"
#include "frontmatter.h"
#include "utf8.h"
#include "value.h"
#include "yaml_load.h"

/* True if the line [p, end) is `fence` followed only by spaces/CR. */
static bool is_fence(const char *p, const char *end, const char *fence)
{
	size_t n;

	/* Most lines of a front matter are told by their first byte. */
	if (p == end || *p != *fence)
		return false;
	n = strlen(fence);
	if ((size_t)(end - p) < n || memcmp(p, fence, n))
		return false;
	for (p += n; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return false;
	return true;
}

/*
 * True if the line [p, end) is dashes — hyphens, «–», «—» — and spaces
 * but not the fence «---»: «—» is what Word makes of three hyphens.
 */
static bool dashes_not_fence(const char *p, const char *end)
{
	bool dash = false;

	if (is_fence(p, end, "---"))
		return false;
	while (p < end) {
		if (*p == '-')
			p++;
		else if (end - p >= 3 && !memcmp(p, "\xE2\x80", 2) &&
			 ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
			p += 3;
		else if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		} else
			return false;
		dash = true;
	}
	return dash;
}

/* True if the line [p, end) starts as a field does: «title: …». */
static bool field_line(const char *p, const char *end)
{
	const char *k = p;

	while (k < end && ((*k >= 'a' && *k <= 'z') || *k == '_'))
		k++;
	return k > p && k < end && *k == ':' && (k + 1 == end || k[1] == ' ' || k[1] == '\r');
}

/* The length of the line [p, eol) to show, without its '\r'. */
static int shown(const char *p, const char *eol)
{
	return (int)(eol - p - (eol > p && eol[-1] == '\r'));
}

/* The hint for a line of dashes where «---» should be. */
static const char dashes_hint[] = "Word заменяет три дефиса на тире: наберите «---» заново (в "
				  "Блокноте или отключив автозамену)";

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

int nv_frontmatter_split(const char *file, const char *text, size_t len, struct nv_split *out,
			 struct nv_diags *d)
{
	const char *start = text, *end = text + len, *p, *eol, *dashes = NULL;
	int line = 1, dashes_line = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		start += 3;
	eol = line_end(start, end);
	if (dashes_not_fence(start, eol)) {
		nv_diag_hint(
			nv_error(d, file, 1, 1,
				 "файл начинается строкой «%.*s», а блок полей открывает строка "
				 "из трёх дефисов «---»",
				 shown(start, eol), start),
			"%s", dashes_hint);
		return -1;
	}
	if (field_line(start, eol)) {
		nv_diag_hint(
			nv_error(d, file, 1, 1,
				 "поля документа без строки «---» перед ними: «%.*s» читается как "
				 "текст документа",
				 shown(start, eol), start),
			"добавьте строку «---» перед первым полем и ещё одну после последнего, "
			"перед текстом документа");
		return -1;
	}
	if (!is_fence(start, eol, "---")) {
		out->body_off = (size_t)(start - text);
		out->body_len = (size_t)(end - start);
		out->body_line = 1;
		return 0;
	}
	out->has_meta = true;
	p = eol < end ? eol + 1 : end;
	out->meta_off = (size_t)(p - text);
	out->meta_line = 2;
	for (line = 2; p < end; line++) {
		eol = line_end(p, end);
		if (is_fence(p, eol, "---") || is_fence(p, eol, "...")) {
			out->meta_len = (size_t)(p - text) - out->meta_off;
			p = eol < end ? eol + 1 : end;
			out->body_off = (size_t)(p - text);
			out->body_len = (size_t)(end - p);
			out->body_line = line + 1;
			return 0;
		}
		p = eol < end ? eol + 1 : end;
	}
	/* not closed: by a line of dashes not three hyphens? */
	for (p = text + out->meta_off, line = 2; p < end && !dashes; line++) {
		eol = line_end(p, end);
		if (dashes_not_fence(p, eol)) {
			dashes = p;
			dashes_line = line;
		}
		p = eol < end ? eol + 1 : end;
	}
	if (dashes) {
		eol = line_end(dashes, end);
		nv_diag_hint(
			nv_error(d, file, dashes_line, 1,
				 "блок полей открыт строкой «---», а закрыт строкой «%.*s»: нужно "
				 "ровно три дефиса",
				 shown(dashes, eol), dashes),
			"%s", dashes_hint);
		return -1;
	}
	nv_diag_hint(nv_error(d, file, 1, 1,
			      "блок полей в начале файла открыт строкой «---», "
			      "но не закрыт"),
		     "добавьте строку «---» после последнего поля, перед текстом документа");
	return -1;
}

void nv_file_too_big(const char *file, size_t size, struct nv_diags *d)
{
	char mb[32];

	nv_diag_hint(nv_error(d, file, 0, 0, "файл слишком большой: %s",
			      nv_megabytes(mb, sizeof(mb), size)),
		     "допускается не больше %zu МБ; разделите документ на части или "
		     "положите большие файлы в content/files/",
		     NV_MAX_FILE_SIZE >> 20);
}

int nv_text_check(const char *file, const char *text, size_t len, struct nv_diags *d)
{
	size_t bad;
	int line, col;

	if (len > NV_MAX_FILE_SIZE) {
		nv_file_too_big(file, len, d);
		return -1;
	}
	if (!nv_utf8_valid(text, len, &bad)) {
		nv_utf8_position(text, bad, &line, &col);
		nv_diag_hint(
			nv_error(d, file, line, col,
				 "файл не в кодировке UTF-8: недопустимый байт 0x%02X",
				 (unsigned char)text[bad]),
			"сохраните файл в кодировке UTF-8 (часто файл сохранён в Windows-1251: "
			"в редакторе выберите «Сохранить как» → кодировка UTF-8)");
		return -1;
	}
	if (memchr(text, '\0', len)) {
		bad = (size_t)((const char *)memchr(text, '\0', len) - text);
		nv_utf8_position(text, bad, &line, &col);
		nv_diag_hint(
			nv_error(d, file, line, col, "в файле нулевой байт: это не текстовый файл"),
			"документы пишутся в текстовом формате Markdown (.md); вложения "
			"кладите в content/files/");
		return -1;
	}
	return 0;
}

int nv_frontmatter_load(const char *file, const char *text, size_t len, struct nv_split *split,
			struct nv_value **meta, struct nv_diags *d)
{
	return nv_frontmatter_load_packed(file, text, len, split, meta, NULL, d);
}

int nv_frontmatter_load_packed(const char *file, const char *text, size_t len,
			       struct nv_split *split, struct nv_value **meta, char **strings,
			       struct nv_diags *d)
{
	static const struct nv_yaml_limits limits = { NV_YAML_MAX_DEPTH, NV_FRONTMATTER_MAX_NODES };
	struct nv_value *v;
	char *block = NULL;

	*meta = NULL;
	if (strings)
		*strings = NULL;
	if (nv_text_check(file, text, len, d) < 0 ||
	    nv_frontmatter_split(file, text, len, split, d) < 0)
		return -1;
	if (!split->has_meta) {
		*meta = nv_value_new(NV_MAP, 1, 1);
		return 0;
	}
	v = nv_yaml_load_packed(file, text + split->meta_off, split->meta_len, split->meta_line,
				&limits, strings ? &block : NULL, d);
	if (!v)
		return -1;
	if (v->type == NV_NULL) {
		nv_value_free(v);
		free(block);
		*meta = nv_value_new(NV_MAP, split->meta_line, 1);
		return 0;
	}
	if (v->type != NV_MAP) {
		/* «title:Тест» alone is one text */
		if (v->type != NV_STRING ||
		    !nv_yaml_missing_space(file, split->meta_line, text + split->meta_off,
					   split->meta_len, SIZE_MAX, d))
			nv_diag_hint(
				nv_error(d, file, v->line, v->col,
					 "в начале файла ожидаются поля «ключ: значение», а здесь "
					 "%s",
					 nv_type_name(v->type)),
				"каждая строка между «---» имеет вид «ключ: значение», например "
				"«title: Положение о наставничестве»");
		nv_value_free(v);
		free(block);
		return -1;
	}
	*meta = v;
	if (strings)
		*strings = block;
	return 0;
}
