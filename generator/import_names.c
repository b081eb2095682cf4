/*
 * import_names.c: people's names as documents type them — «Кузнецова
 * Елена Владимировна», «Кузнецова Е. В.», «Е. В. Кузнецова», a surname
 * in capitals — read and compared whatever the case and «ё», and what
 * follows a name: a class, a student, a post of the staff (import_int.h).
 */
#include "common.h"

#include <ctype.h>

#include "buf.h"
#include "import.h"
#include "import_int.h"
#include "utf8.h"

/*
 * The length of a capitalised Russian word at s («Кузнецова»,
 * «Римская-Корсакова»), or 0; one of more than 30 letters is no name's.
 */
static size_t cap_word(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, lows;

	for (;;) {
		if (!nv_imp_cyr_capital(u + i))
			return 0;
		i += 2;
		for (lows = 0; nv_imp_cyr_small(u + i); lows++)
			i += 2;
		if (!lows)
			return 0;
		if (u[i] != '-' || !nv_imp_cyr_capital(u + i + 1))
			return i <= 60 ? i : 0;
		i++;
	}
}

/*
 * The length of a surname at s: a capitalised word, or one in capitals
 * («ИВАНОВА», as official lists type surnames) of two letters or more; 0
 * when there is none.
 */
static size_t surname_word(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = cap_word(s);

	if (n)
		return n;
	for (;;) {
		for (n = 0; nv_imp_cyr_capital(u + i); n++)
			i += 2;
		if (n < 2 || nv_imp_cyr_small(u + i))
			return 0;
		if (u[i] != '-' || !nv_imp_cyr_capital(u + i + 1))
			return i <= 60 ? i : 0;
		i++;
	}
}

/* A surname (len bytes at s) into dst as people.yml writes it: «ИВАНОВА» → «Иванова». */
static void put_surname(char *dst, size_t cap, const char *s, size_t len)
{
	struct nv_buf b = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < len; i += 2) {
		if (s[i] == '-') {
			nv_buf_addch(&b, '-');
			i--;
			continue;
		}
		if (i && s[i - 1] != '-')
			nv_imp_lower(&b, s + i, 2);
		else
			nv_buf_add(&b, s + i, 2);
	}
	snprintf(dst, cap, "%s", b.ptr);
	nv_buf_release(&b);
}

/* An initial at s («Е.», spaces after it taken): its length, or 0. */
static size_t initial(const char *s)
{
	size_t i;

	if (!nv_imp_cyr_capital((const unsigned char *)s) || s[2] != '.')
		return 0;
	for (i = 3; s[i] == ' '; i++)
		;
	return i;
}

static size_t spaces(const char *s)
{
	size_t i = 0;

	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (!strncmp(s + i, "\xC2\xA0", 2))
		return i + 2 + spaces(s + i + 2);
	return i;
}

/* Copy n bytes of s into a field of size cap (cut when longer). */
static void put(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Initials at s into nm (from the first of name, patr); returns their length. */
static size_t initials(const char *s, struct nv_imp_name *nm)
{
	size_t a = initial(s), b = a ? initial(s + a) : 0;

	if (!a)
		return 0;
	put(nm->name, sizeof(nm->name), s, 3);
	if (b)
		put(nm->patr, sizeof(nm->patr), s + a, 3);
	return a + b;
}

/*
 * The name at s (after spaces and a number «1.», «1)» or a dash):
 * «Фамилия Имя Отчество», «Фамилия И. О.» or «И. О. Фамилия». Returns
 * where it ends, or NULL when s starts with no name.
 */
const char *nv_imp_take_name(const char *s, struct nv_imp_name *nm)
{
	size_t w, k, ini;

	memset(nm, 0, sizeof(*nm));
	s += spaces(s);
	s += strspn(s, "0123456789");
	s += strspn(s, ".)");
	s += spaces(s);
	if (!strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x94", 3) || *s == '-')
		s += *s == '-' ? 1 : 3;
	s += spaces(s);
	if ((ini = initials(s, nm)) && (w = surname_word(s + ini))) {
		put_surname(nm->sur, sizeof(nm->sur), s + ini, w);
		return s + ini + w;
	}
	memset(nm, 0, sizeof(*nm));
	if (!(w = surname_word(s)))
		return NULL;
	put_surname(nm->sur, sizeof(nm->sur), s, w);
	s += w;
	k = spaces(s);
	if ((ini = initials(s + k, nm)))
		return s + k + ini;
	if (!(w = cap_word(s + k)))
		return NULL;
	put(nm->name, sizeof(nm->name), s + k, w);
	s += k + w;
	k = spaces(s);
	if ((w = cap_word(s + k))) {
		put(nm->patr, sizeof(nm->patr), s + k, w);
		s += k + w;
	}
	return s;
}

/* Words alike but for case and «ё» typed as «е» («Артём», «Артем»); n bytes of each when n. */
bool nv_imp_same_word(const char *a, const char *b, size_t n)
{
	struct nv_buf x = NV_BUF_INIT, y = NV_BUF_INIT;
	bool same;

	nv_utf8_fold(&x, a, n ? n : strlen(a));
	nv_utf8_fold(&y, b, n ? n : strlen(b));
	same = !strcmp(x.ptr, y.ptr);
	nv_buf_release(&x);
	nv_buf_release(&y);
	return same;
}

/* Parts of a name alike: both given and one an initial of the other, or equal; or one not given. */
bool nv_imp_same_part(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return true;
	if (strlen(a) == 3 || strlen(b) == 3)
		return nv_imp_same_word(a, b, 2);
	return nv_imp_same_word(a, b, 0);
}

/* A class named in s («7 А», «7«А»», «10-б», «5 класс») into out («7 «А»», «5»); false if none. */
bool nv_imp_find_class(const char *s, struct nv_buf *out)
{
	const unsigned char *q;
	const char *p;
	unsigned char up[2];
	size_t d;

	for (p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > s && isdigit((unsigned char)p[-1])))
			continue;
		d = strspn(p, "0123456789");
		if (d > 2 || atoi(p) < 1 || atoi(p) > 11)
			continue;
		q = (const unsigned char *)p + d;
		q += *q == ' ' || *q == '-' ? 1 : 0;
		if (!strncmp((const char *)q, "\xC2\xAB", 2))
			q += 2;
		nv_buf_reset(out);
		nv_buf_add(out, p, d);
		/* One letter, not a word: «7 б класса», not «7 баллов». */
		if ((nv_imp_cyr_capital(q) || (nv_imp_cyr_small(q) && q[1] != 0x91)) &&
		    !nv_imp_cyr_small(q + 2) && !nv_imp_cyr_capital(q + 2)) {
			up[0] = 0xD0;
			up[1] = nv_imp_cyr_capital(q) ? q[1]
				: q[0] == 0xD0	      ? (unsigned char)(q[1] - 0x20)
						      : (unsigned char)(q[1] + 0x20);
			nv_buf_addf(out, " «%.2s»", (const char *)up);
			return true;
		}
		while (*q == ' ')
			q++;
		if (!strncmp((const char *)q, "класс", strlen("класс")))
			return true;
	}
	return false;
}

/* Does s say a student, in any case: «обучающийся», «ученик», «ученица», «учащийся»? */
bool nv_imp_says_student(const char *s)
{
	static const char *const words[] = { "обучающ", "учащ", "ученик", "ученица" };

	return nv_imp_has_stem(s, words, NV_ARRAY_SIZE(words));
}

/* Does s say a post of the staff («классный руководитель 5 «А» класса»)? */
bool nv_imp_says_staff(const char *s)
{
	static const char *const posts[] = { "учител",	 "педагог",	"руководител", "воспитател",
					     "директор", "заместител",	"специалист",  "психолог",
					     "логопед",	 "библиотекар", "вожат" };

	return nv_imp_has_stem(s, posts, NV_ARRAY_SIZE(posts));
}

/* s without the punctuation and spaces around it («, учитель физики)» → «учитель физики»). */
void nv_imp_trim(struct nv_buf *out, const char *s, size_t n)
{
	static const char *const dashes[] = { "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xA0" };
	size_t k;
	bool more = true;

	while (more && n) {
		more = false;
		if (strchr(" \t,;:-()", *s)) {
			s++, n--, more = true;
			continue;
		}
		for (k = 0; k < NV_ARRAY_SIZE(dashes); k++)
			if (n >= strlen(dashes[k]) && !strncmp(s, dashes[k], strlen(dashes[k]))) {
				s += strlen(dashes[k]), n -= strlen(dashes[k]), more = true;
				break;
			}
	}
	while (n && strchr(" \t,;:.)", s[n - 1]))
		n--;
	nv_buf_reset(out);
	nv_buf_add(out, s, n);
}
