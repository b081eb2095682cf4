/*
 * fuzz_feeds.c: libFuzzer harness for the text writers of the files that
 * are not HTML pages: iCalendar TEXT escaping and line folding (the .ics
 * of roadmaps), the JSON string writer (the search index) and the XML
 * escaper of templates (atom.xml, sitemap.xml).
 *
 * The input, up to its first NUL (these writers take C strings), is one
 * text. The harness writes it each way and checks that the output stays
 * valid for its format and says the same text:
 *  - iCalendar: the escaped text holds no control but tab, and no bare
 *    ; , or \; folded, every line ends with CRLF, has at most 75 octets,
 *    continues with one space, holds no CR or LF, splits no UTF-8
 *    character of valid input, and unfolds back to the line;
 *  - JSON: one string, no raw control or "<", only valid escapes, and it
 *    decodes back to the text;
 *  - XML: no raw < > " ', every & starts one of the five entities, and it
 *    decodes back to the text.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "../../generator/html_int.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_ics_text(const char *esc)
{
	const unsigned char *p;

	for (p = (const unsigned char *)esc; *p; p++) {
		if ((*p < 0x20 && *p != '\t') || *p == 0x7F)
			abort(); /* TEXT holds no control but HTAB (RFC 5545, 3.3.11) */
		if (*p == ';' || *p == ',')
			abort(); /* unescaped */
		if (*p == '\\') {
			if (!p[1] || !strchr("\\;,nN", p[1]))
				abort();
			p++;
		}
	}
}

static bool utf8_ok(const char *s, size_t n)
{
	size_t bad;

	return nv_utf8_valid(s, n, &bad);
}

static void check_ics_fold(const char *line, const char *out, size_t len)
{
	struct nv_buf unfolded = NV_BUF_INIT;
	bool valid = utf8_ok(line, strlen(line));
	size_t i = 0, n;
	const char *crlf;

	if (len < 2 || out[len - 2] != '\r' || out[len - 1] != '\n')
		abort();
	while (i < len) {
		crlf = strstr(out + i, "\r\n");
		if (!crlf)
			abort();
		n = (size_t)(crlf - (out + i));
		if (n > 75)
			abort(); /* RFC 5545, 3.1: 75 octets, without the line break */
		if (memchr(out + i, '\r', n) || memchr(out + i, '\n', n))
			abort();
		if (i) {
			if (!n || out[i] != ' ')
				abort();
			i++;
			n--;
		}
		if (valid && !utf8_ok(out + i, n))
			abort(); /* a character split across lines */
		nv_buf_add(&unfolded, out + i, n);
		i += n + 2;
	}
	if (strcmp(unfolded.ptr, line))
		abort();
	nv_buf_release(&unfolded);
}

static void check_ics(const char *text)
{
	struct nv_buf line = NV_BUF_INIT, out = NV_BUF_INIT;

	nv_buf_adds(&line, "SUMMARY:");
	nv_html_ics_text(&line, text);
	check_ics_text(line.ptr + strlen("SUMMARY:"));
	nv_html_ics_line(&out, line.ptr);
	check_ics_fold(line.ptr, out.ptr, out.len);
	/* The folder alone, on the raw text: long runs, odd bytes. */
	nv_buf_reset(&out);
	if (!strpbrk(text, "\r\n")) {
		nv_html_ics_line(&out, text);
		check_ics_fold(text, out.ptr, out.len);
	}
	nv_buf_release(&line);
	nv_buf_release(&out);
}

static void check_json(const char *text)
{
	struct nv_buf out = NV_BUF_INIT, back = NV_BUF_INIT;
	const unsigned char *p, *end;
	unsigned int cp;
	int k, h;

	nv_html_json_string(&out, text);
	if (out.len < 2 || out.ptr[0] != '"' || out.ptr[out.len - 1] != '"')
		abort();
	end = (const unsigned char *)out.ptr + out.len - 1;
	for (p = (const unsigned char *)out.ptr + 1; p < end; p++) {
		if (*p < 0x20 || *p == '<' || *p == '"')
			abort();
		if (*p != '\\') {
			nv_buf_addch(&back, *p);
			continue;
		}
		if (++p >= end)
			abort();
		if (*p == '"' || *p == '\\' || *p == '/') {
			nv_buf_addch(&back, *p);
		} else if (*p == 'u') {
			for (cp = 0, k = 1; k <= 4; k++) {
				if (p + k >= end || (h = nv_hex_value(p[k])) < 0)
					abort();
				cp = cp * 16 + (unsigned int)h;
			}
			p += 4;
			nv_buf_addcp(&back, cp);
		} else if (*p && strchr("bfnrt", *p)) {
			nv_buf_addch(&back, "\b\f\n\r\t"[strchr("bfnrt", *p) - "bfnrt"]);
		} else {
			abort();
		}
	}
	if (strcmp(back.ptr, text))
		abort();
	nv_buf_release(&out);
	nv_buf_release(&back);
}

static void check_xml(const char *text)
{
	static const struct {
		const char *ent;
		char ch;
	} ents[] = { { "&amp;", '&' },
		     { "&lt;", '<' },
		     { "&gt;", '>' },
		     { "&quot;", '"' },
		     { "&#39;", '\'' } };
	struct nv_buf out = NV_BUF_INIT, back = NV_BUF_INIT;
	const char *p;
	size_t i, n;

	nv_buf_add_html(&out, text, strlen(text));
	for (p = out.ptr; *p; p++) {
		if (strchr("<>\"'", *p))
			abort();
		if (*p != '&') {
			nv_buf_addch(&back, *p);
			continue;
		}
		for (i = 0; i < NV_ARRAY_SIZE(ents); i++) {
			n = strlen(ents[i].ent);
			if (!strncmp(p, ents[i].ent, n))
				break;
		}
		if (i == NV_ARRAY_SIZE(ents))
			abort();
		nv_buf_addch(&back, ents[i].ch);
		p += n - 1;
	}
	if (strcmp(back.ptr, text))
		abort();
	nv_buf_release(&out);
	nv_buf_release(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	char *text = nv_xmemdupz(data, nul ? (size_t)(nul - data) : size);

	check_ics(text);
	check_json(text);
	check_xml(text);
	free(text);
	return 0;
}
