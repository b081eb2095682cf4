/*
 * diag.c: collecting and printing diagnostics; see diag.h.
 *
 * Printing re-reads each file named by a diagnostic to show the offending
 * line, keeping one file in memory at a time (diagnostics are sorted by
 * file first, so each file is read once).
 */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

void nv_diags_init(struct nv_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void nv_diags_truncate(struct nv_diags *d, size_t n)
{
	struct nv_diag *g;

	for (; d->nr > n; d->nr--) {
		g = &d->v[d->nr - 1];
		if (g->severity == NV_ERROR)
			d->errors--;
		else if (g->severity == NV_WARNING)
			d->warnings--;
		free(g->file);
		free(g->msg);
		free(g->hint);
	}
}

size_t nv_diags_keep(struct nv_diags *d, bool (*keep)(const struct nv_diag *g, void *arg),
		     void *arg, size_t *warnings)
{
	struct nv_diag t;
	size_t i, k = 0, errors = d->errors, warned = d->warnings;

	for (i = 0; i < d->nr; i++) {
		if (!keep(&d->v[i], arg))
			continue;
		t = d->v[k];
		d->v[k++] = d->v[i];
		d->v[i] = t;
	}
	nv_diags_truncate(d, k);
	if (warnings)
		*warnings = warned - d->warnings;
	return errors - d->errors;
}

void nv_diags_release(struct nv_diags *d)
{
	nv_diags_truncate(d, 0);
	free(d->v);
	nv_diags_init(d);
}

struct nv_diag *nv_diag_add(struct nv_diags *d, enum nv_severity sev, const char *file, int line,
			    int col, const char *fmt, ...)
{
	struct nv_diag *diag;
	struct nv_buf msg = NV_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(&msg, fmt, ap);
	va_end(ap);

	NV_GROW(d->v, d->nr + 1, d->alloc);
	diag = &d->v[d->nr];
	diag->file = file ? nv_xstrdup(file) : NULL;
	diag->line = line;
	diag->col = col;
	diag->severity = sev;
	diag->msg = nv_buf_detach(&msg, NULL);
	diag->hint = NULL;
	diag->secret = false;
	diag->seq = d->nr;
	d->nr++;
	if (sev == NV_ERROR)
		d->errors++;
	else if (sev == NV_WARNING)
		d->warnings++;
	return diag;
}

void nv_diag_hint(struct nv_diag *diag, const char *fmt, ...)
{
	struct nv_buf hint = NV_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	nv_buf_vaddf(&hint, fmt, ap);
	va_end(ap);
	free(diag->hint);
	diag->hint = nv_buf_detach(&hint, NULL);
}

void nv_diags_merge(struct nv_diags *dst, struct nv_diags *src)
{
	size_t i;

	NV_GROW(dst->v, dst->nr + src->nr, dst->alloc);
	for (i = 0; i < src->nr; i++) {
		dst->v[dst->nr] = src->v[i];
		dst->v[dst->nr].seq = dst->nr;
		dst->nr++;
	}
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	free(src->v);
	nv_diags_init(src);
}

void nv_diags_rename(struct nv_diags *d, size_t from, const char *under, const char *shown)
{
	size_t i, n = strlen(under);
	char *file;

	for (i = from; i < d->nr; i++) {
		file = d->v[i].file;
		if (!file || strncmp(file, under, n) || (file[n] != '/' && file[n] != '\0'))
			continue;
		d->v[i].file = nv_xasprintf("%s%s", shown, file + n);
		free(file);
	}
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct nv_diag *a = pa, *b = pb;
	int c;

	if (!a->file != !b->file)
		return a->file ? 1 : -1;
	if (a->file && (c = strcmp(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void nv_diags_sort(struct nv_diags *d)
{
	if (d->nr > 1)
		qsort(d->v, d->nr, sizeof(*d->v), cmp_diag);
}

static const char *severity_name(enum nv_severity s)
{
	switch (s) {
	case NV_ERROR:
		return "ошибка";
	case NV_WARNING:
		return "предупреждение";
	case NV_NOTE:
		return "примечание";
	}
	return "ошибка";
}

/* A whole file read for excerpts; see print_excerpt(). */
struct source_cache {
	char *name;
	struct nv_buf text;
	bool ok;
	int line;   /* a line found last, and */
	size_t pos; /* where it starts: sorted messages go on from there */
};

static void cache_load(struct source_cache *c, const char *file)
{
	FILE *f;
	char chunk[8192];
	size_t n;
	struct stat st;
	int fd;

	if (c->name && !strcmp(c->name, file))
		return;
	free(c->name);
	c->name = nv_xstrdup(file);
	nv_buf_reset(&c->text);
	c->ok = false;
	c->line = 1;
	c->pos = 0;
	/*
	 * The file loaded as a regular file; if it was swapped for a link or a
	 * device since, show no excerpt rather than a line of something else.
	 */
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return;
	f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "rb") : NULL;
	if (!f) {
		close(fd);
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && c->text.len < (64u << 20))
		nv_buf_add(&c->text, chunk, n);
	c->ok = !ferror(f);
	fclose(f);
}

/*
 * Find line `line` (1-based) in c's text; store its start and length.
 * From the line found last when it is not past this one: messages come
 * sorted by line, and 27,000 of them in a long pairs.yml each read it
 * from the top.
 */
static bool find_line(struct source_cache *c, int line, struct nv_slice *out)
{
	const struct nv_buf *text = &c->text;
	const char *p = text->ptr, *end = text->ptr + text->len, *nl;
	int l = 1;

	if (c->line <= line) {
		p += c->pos;
		l = c->line;
	}
	while (l < line) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return false;
		p = nl + 1;
		l++;
	}
	c->line = line;
	c->pos = (size_t)(p - text->ptr);
	nl = memchr(p, '\n', (size_t)(end - p));
	out->ptr = p;
	out->len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (out->len && out->ptr[out->len - 1] == '\r')
		out->len--;
	return true;
}

/*
 * A control character of the input (C0 but tab, DEL, C1), shown as an
 * escape: printed raw, it would move the cursor, clear the screen or
 * retitle the terminal; and one that shows nothing (nv_utf8_invisible()),
 * which a message may be about, and which would turn the line around.
 * Its escape is written to buf (at least 8 bytes); returns its width in
 * columns, or 0 for a character printed as it is.
 */
static int control_escape(uint32_t cp, char *buf, size_t size)
{
	if (cp < 0x20 || cp == 0x7f)
		return snprintf(buf, size, "\\x%02x", (unsigned)cp);
	if ((cp >= 0x80 && cp < 0xa0) || nv_utf8_invisible(cp))
		return snprintf(buf, size, "\\u%04x", (unsigned)cp);
	return 0;
}

/*
 * Write text with its control characters escaped and bytes that are not
 * UTF-8 shown as '?'; a tab stays a tab when keep_tab is set (the excerpt
 * keeps tabs so that its caret lines up).
 */
static void put_clean(FILE *out, const char *text, size_t len, bool keep_tab)
{
	size_t i = 0, k;
	uint32_t cp;
	char esc[16];

	while (i < len) {
		k = nv_utf8_decode(text + i, len - i, &cp);
		if (!k) {
			fputc('?', out);
			i++;
			continue;
		}
		if ((cp != '\t' || !keep_tab) && control_escape(cp, esc, sizeof(esc)))
			fputs(esc, out);
		else
			fwrite(text + i, 1, k, out);
		i += k;
	}
}

static void print_excerpt(FILE *out, struct source_cache *c, const struct nv_diag *diag)
{
	struct nv_slice src;
	struct nv_buf caret = NV_BUF_INIT;
	size_t i = 0, k;
	int col = 1, width, w;
	uint32_t cp;
	char num[16], esc[16];

	if (!c->ok || !find_line(c, diag->line, &src))
		return;
	/* Strip a UTF-8 BOM from the first line so it does not shift the caret. */
	if (diag->line == 1 && src.len >= 3 && !memcmp(src.ptr, "\xEF\xBB\xBF", 3)) {
		src.ptr += 3;
		src.len -= 3;
	}
	width = snprintf(num, sizeof(num), "%d", diag->line);
	/*
	 * Build the caret line: keep tabs so it lines up, blank out the rest,
	 * as wide as each escaped control character is shown.
	 */
	while (i < src.len && col < diag->col) {
		k = nv_utf8_decode(src.ptr + i, src.len - i, &cp);
		w = k && cp != '\t' ? control_escape(cp, esc, sizeof(esc)) : 0;
		if (src.ptr[i] == '\t')
			nv_buf_addch(&caret, '\t');
		else
			nv_buf_addf(&caret, "%*s", w ? w : 1, "");
		i += k ? k : 1;
		col++;
	}
	fprintf(out, " %*s | ", width + 3, num);
	/* Invalid UTF-8 would garble a terminal, control characters worse. */
	put_clean(out, src.ptr, src.len, true);
	fprintf(out, "\n %*s | %s^\n", width + 3, "", caret.ptr);
	nv_buf_release(&caret);
}

void nv_diags_print(const struct nv_diags *d, FILE *to)
{
	struct source_cache cache = { NULL, NV_BUF_INIT, false, 1, 0 };
	const struct nv_diag *diag;
	char *text = NULL;
	size_t i, len = 0;
	/*
	 * Into memory first, then one write: stderr is unbuffered, and each
	 * piece of a message was a system call of its own.
	 */
	FILE *out = d->nr ? open_memstream(&text, &len) : NULL;

	if (!out)
		out = to;
	for (i = 0; i < d->nr; i++) {
		diag = &d->v[i];
		fputs("nastavnik: ", out);
		if (diag->file) {
			put_clean(out, diag->file, strlen(diag->file), false);
			if (diag->line > 0)
				fprintf(out, ":%d:%d", diag->line, diag->col > 0 ? diag->col : 1);
			fputs(": ", out);
		}
		fprintf(out, "%s: ", severity_name(diag->severity));
		put_clean(out, diag->msg, strlen(diag->msg), false);
		fputc('\n', out);
		if (diag->file && diag->line > 0 && !diag->secret) {
			cache_load(&cache, diag->file);
			print_excerpt(out, &cache, diag);
		}
		if (diag->hint) {
			fputs("  подсказка: ", out);
			put_clean(out, diag->hint, strlen(diag->hint), false);
			fputc('\n', out);
		}
	}
	free(cache.name);
	nv_buf_release(&cache.text);
	if (out != to) {
		fclose(out);
		fwrite(text, 1, len, to);
		fflush(to);
		free(text);
	}
}

const char *nv_plural(size_t n, const char *one, const char *few, const char *many)
{
	size_t n100 = n % 100, n10 = n % 10;

	if (n100 >= 11 && n100 <= 14)
		return many;
	if (n10 == 1)
		return one;
	if (n10 >= 2 && n10 <= 4)
		return few;
	return many;
}

const char *nv_strerror(int err)
{
	switch (err) {
	case ENOENT:
		return "файл или каталог не найден";
	case EACCES:
	case EPERM:
		return "нет прав доступа";
	case EISDIR:
		return "это каталог, а не файл";
	case ENOTDIR:
		return "часть пути — не каталог";
	case EEXIST:
		return "уже существует";
	case ENOSPC:
		return "на диске нет места";
	case EROFS:
		return "файловая система доступна только для чтения";
	case EFBIG:
		return "файл слишком большой";
	case ENAMETOOLONG:
		return "слишком длинное имя";
	case ELOOP:
		/* Files of a project are opened with O_NOFOLLOW (fs.h, nv_open_in). */
		return "это символическая ссылка, а ссылки не допускаются";
	case EIO:
		return "ошибка ввода-вывода";
	case ENOMEM:
		return "недостаточно памяти";
	default:
		return strerror(err);
	}
}

const char *nv_megabytes(char *buf, size_t size, size_t bytes)
{
	size_t tenths = (bytes * 10 + (1u << 19)) >> 20;

	snprintf(buf, size, "%zu,%zu МБ", tenths / 10, tenths % 10);
	return buf;
}
