/*
 * fuzz_date.c: libFuzzer harness for the date, academic-year and roadmap
 * term parsers (date.h, term.h): the fields users type most often.
 *
 * The first byte chooses the academic year given as context (0: none, or
 * one in NV_DATE_MIN_YEAR..NV_DATE_MAX_YEAR); the rest is the text, given
 * both as n bytes and, up to its first NUL, as a string. Beyond "no crash,
 * no leak", it checks the contracts:
 *  - a parsed date is a valid calendar day, and every style it is written
 *    in parses back to the same day;
 *  - a parsed academic year is in range and «2025–2026» parses back;
 *  - a parsed term is a range of valid days with from <= to; a failure
 *    says why and leaves the range untouched;
 *  - nv_term_parse() keeps the text verbatim either way.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "date.h"
#include "term.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const char *s, size_t n)
{
	static const enum nv_date_style styles[] = { NV_DATE_NUMERIC, NV_DATE_ISO, NV_DATE_LONG };
	struct nv_buf why = NV_BUF_INIT, out = NV_BUF_INIT;
	struct nv_date d = { -1, -1, -1 }, back;
	size_t i;

	if (nv_date_parse_mem(s, n, &d, &why) == 0) {
		if (!nv_date_valid(d) || why.len)
			abort();
		for (i = 0; i < NV_ARRAY_SIZE(styles); i++) {
			nv_buf_reset(&out);
			nv_date_add(&out, d, styles[i]);
			if (nv_date_parse(out.ptr, &back) < 0 || nv_date_cmp(back, d))
				abort();
		}
		if (nv_date_cmp(nv_date_from_days(nv_date_to_days(d)), d))
			abort();
		if (nv_date_weekday(d) < 1 || nv_date_weekday(d) > 7)
			abort();
	} else if (d.year != -1 || d.month != -1 || d.day != -1 || !why.len) {
		abort(); /* untouched on failure, and a reason given */
	}
	nv_buf_release(&why);
	nv_buf_release(&out);
}

static void check_acyear(const char *s, size_t n)
{
	struct nv_buf why = NV_BUF_INIT, out = NV_BUF_INIT;
	int start = -1, back = -1;

	if (nv_acyear_parse_mem(s, n, &start, &why) == 0) {
		if (start < NV_DATE_MIN_YEAR || start > NV_DATE_MAX_YEAR)
			abort();
		nv_acyear_add(&out, start);
		if (nv_acyear_parse(out.ptr, &back) < 0 || back != start)
			abort();
	} else if (start != -1 || !why.len) {
		abort();
	}
	nv_buf_release(&why);
	nv_buf_release(&out);
}

static void check_term(const char *s, size_t n, const char *str, int acyear)
{
	struct nv_buf why = NV_BUF_INIT;
	struct nv_date from = { -1, -1, -1 }, to = { -1, -1, -1 };
	struct nv_term t = NV_TERM_INIT;

	if (nv_term_range(s, n, acyear, &from, &to, &why) == 0) {
		if (!nv_date_valid(from) || !nv_date_valid(to) || nv_date_cmp(from, to) > 0)
			abort();
	} else if (from.year != -1 || to.year != -1 || !why.len) {
		abort();
	}
	nv_buf_reset(&why);
	if (nv_term_parse(&t, str, acyear, &why) == 0) {
		if (!t.parsed || !nv_date_valid(t.from) || !nv_date_valid(t.to) ||
		    nv_date_cmp(t.from, t.to) > 0)
			abort();
	} else if (t.parsed || !why.len) {
		abort();
	}
	if (!t.text || strcmp(t.text, str))
		abort();
	nv_term_release(&t);
	nv_buf_release(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int acyear = 0;
	char *s, *str;

	if (size && data[0] % 4) /* three in four inputs give a context year */
		acyear = NV_DATE_MIN_YEAR + data[0] % (NV_DATE_MAX_YEAR - NV_DATE_MIN_YEAR);
	if (size) {
		data++;
		size--;
	}
	/* A copy of exactly size bytes: reading past it is an error ASan sees. */
	s = nv_xmalloc(size ? size : 1);
	memcpy(s, data, size);
	str = nv_xmemdupz(data, size);
	check_date(s, size);
	check_acyear(s, size);
	check_term(s, size, str, acyear);
	free(s);
	free(str);
	return 0;
}
