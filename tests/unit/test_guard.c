/*
 * Unit tests for the guard (guard.c, guard_read.c), on a small model
 * built in the test: every form of a name it finds, with the exact bytes
 * of the mention and its readable form, and the words it must not take.
 */
#include "common.h"

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "../../generator/guard_int.h"
#include "harness.h"
#include "model.h"

static struct nv_person gusev = { .id = "gusev-dv",
				  .surname = "Гусев",
				  .name = "Дмитрий",
				  .patronymic = "Валерьевич",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_NONE,
				  .mentee = true };
static struct nv_person petrova = { .id = "petrova-ok",
				    .surname = "Петрова",
				    .name = "Ольга",
				    .patronymic = "Константиновна",
				    .category = NV_CAT_TEACHER,
				    .publish = NV_PUBLISH_NONE,
				    .mentor = true };
static struct nv_person kim = { .id = "kim-va",
				.surname = "Ким",
				.name = "Виктория",
				.category = NV_CAT_STUDENT,
				.class_name = "7 «В»",
				.publish = NV_PUBLISH_NONE,
				.mentee = true };
static struct nv_person orlova = { .id = "orlova-tn",
				   .surname = "Орлова",
				   .name = "Татьяна",
				   .patronymic = "Николаевна",
				   .category = NV_CAT_TEACHER,
				   .publish = NV_PUBLISH_INITIALS };
static struct nv_person sokolova = { .id = "sokolova-iv",
				     .surname = "Соколова",
				     .name = "Ирина",
				     .category = NV_CAT_TEACHER,
				     .publish = NV_PUBLISH_FULL };
static struct nv_person lebedeva = { .id = "lebedeva-as",
				     .surname = "Лебедева",
				     .name = "Анна",
				     .patronymic = "Сергеевна",
				     .category = NV_CAT_TEACHER,
				     .publish = NV_PUBLISH_FULL };
static struct nv_person lebedev = { .id = "lebedev-dm",
				    .surname = "Лебедев",
				    .name = "Дмитрий",
				    .patronymic = "Максимович",
				    .category = NV_CAT_STUDENT,
				    .class_name = "5 «А»",
				    .publish = NV_PUBLISH_NONE,
				    .mentee = true };
/* Hidden, and the stem of Лебедева's patronymic «Сергеевна». */
static struct nv_person sergeev = { .id = "sergeev-pa",
				    .surname = "Сергеев",
				    .name = "Павел",
				    .category = NV_CAT_STUDENT,
				    .class_name = "8 «А»",
				    .publish = NV_PUBLISH_NONE };
/* Short stems: under four letters, in the Ё bucket, typed with a Latin «o». */
static struct nv_person li = { .id = "li-ms",
			       .surname = "Ли",
			       .name = "Мария",
			       .category = NV_CAT_TEACHER,
			       .publish = NV_PUBLISH_NONE,
			       .mentor = true };
static struct nv_person yolkin = { .id = "yolkin-e",
				   .surname = "Ёлкин",
				   .name = "Егор",
				   .category = NV_CAT_STUDENT,
				   .class_name = "9 «Б»",
				   .publish = NV_PUBLISH_NONE,
				   .mentee = true };
static struct nv_person ho = { .id = "ho-v",
			       .surname = "Хo",
			       .name = "Вадим",
			       .category = NV_CAT_EXTERNAL,
			       .publish = NV_PUBLISH_NONE };
/* A surname in Latin letters (people.yml takes any). */
static struct nv_person miller = { .id = "miller-j",
				   .surname = "Miller",
				   .name = "John",
				   .category = NV_CAT_EXTERNAL,
				   .publish = NV_PUBLISH_NONE };
/* «ё» in people.yml, «е» in the text; a student for the name with the class. */
static struct nv_person zaytseva = { .id = "zaytseva-dk",
				     .surname = "Зайцёва",
				     .name = "Дарья",
				     .patronymic = "Кирилловна",
				     .category = NV_CAT_STUDENT,
				     .class_name = "10 «А»",
				     .publish = NV_PUBLISH_NONE,
				     .mentee = true };
/* For «Павловский Посад». */
static struct nv_person pavlova = { .id = "pavlova-ei",
				    .surname = "Павлова",
				    .name = "Елена",
				    .patronymic = "Игоревна",
				    .category = NV_CAT_TEACHER,
				    .publish = NV_PUBLISH_NONE };
/* A key longer than eight bytes, and keys with a byte no letter («юн-ким», «yun-kim»). */
static struct nv_person konst = { .id = "konstantinopolskaya-ea",
				  .surname = "Константинопольская",
				  .name = "Елена",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_NONE };
/* A mention running on longer past a window's cut than its first fold (guard.c, NEAR). */
static struct nv_person krest = { .id = "krestovozdvizhenskaya-av",
				  .surname = "Крестовоздвиженская",
				  .name = "Анастасия",
				  .patronymic = "Владимировна",
				  .category = NV_CAT_TEACHER,
				  .publish = NV_PUBLISH_NONE };
static struct nv_person yunkim = { .id = "yun-kim-s",
				   .surname = "Юн-Ким",
				   .name = "Сергей",
				   .category = NV_CAT_TEACHER,
				   .publish = NV_PUBLISH_NONE };

/* Without it, no key has a byte no letter: the skipping pass takes its quick way. */
static bool with_odd = true;

/* The guard for all the people above (the model is static: it must outlive it). */
static struct nv_guard *guard(void)
{
	static struct nv_person *people[] = { &gusev,	 &petrova, &kim,      &orlova,	&sokolova,
					      &lebedeva, &lebedev, &sergeev,  &li,	&yolkin,
					      &ho,	 &miller,  &zaytseva, &pavlova, &konst,
					      &krest,	 &yunkim };
	static struct nv_model m;

	memset(&m, 0, sizeof(m));
	m.people = people;
	m.npeople = NV_ARRAY_SIZE(people) - !with_odd;
	return nv_guard_new(&m);
}

/*
 * Every mention in `in` (markup or not), one a line: «id[!] raw → form»
 * where raw is in[start, end), ! marks a leak and form is nv_guard_form().
 * The text is copied without its NUL: under ASan a read past it fails.
 */
static char *mentions(const char *in, bool markup)
{
	struct nv_guard *g = guard();
	struct nv_buf out = NV_BUF_INIT, form = NV_BUF_INIT;
	struct nv_guard_hit h;
	size_t len = strlen(in), from = 0;
	char *text = nv_xmalloc(len ? len : 1);

	memcpy(text, in, len);
	while (nv_guard_find(g, text, len, from, markup, &h)) {
		nv_buf_reset(&form);
		nv_guard_form(text, &h, markup, &form);
		nv_buf_addf(&out, "%s%s%s ", out.len ? "\n" : "", h.p->id, h.leak ? "!" : "");
		nv_buf_add(&out, text + h.start, h.end - h.start);
		nv_buf_addf(&out, " → %s", form.ptr);
		from = h.end;
	}
	free(text);
	nv_buf_release(&form);
	nv_guard_free(g);
	return nv_buf_detach(&out, NULL);
}

#define CHECK_FOUND(in, markup, want)                                                              \
	do {                                                                                       \
		char *got_ = mentions((in), (markup));                                             \
		bool ok_ = !strcmp(got_, (want));                                                  \
		if (!ok_)                                                                          \
			nv_test_failed(__FILE__, __LINE__, "in «%s»:\n  got:  «%s»\n  want: «%s»", \
				       (in), got_, (want));                                        \
		free(got_);                                                                        \
		if (!ok_)                                                                          \
			return;                                                                    \
	} while (0)

/* 1. Any letter case: fail closed, lower case too. */
static void test_any_letter_case(void)
{
	CHECK_FOUND("ГУСЕВ", false, "gusev-dv! ГУСЕВ → ГУСЕВ");
	CHECK_FOUND("за гусевым", false, "gusev-dv! гусевым → гусевым");
	CHECK_FOUND("Гусеву, ГусеВа", false,
		    "gusev-dv! Гусеву → Гусеву\ngusev-dv! ГусеВа → ГусеВа");
	CHECK_FOUND("ПЕТРОВОЙ О. К.", false, "petrova-ok! ПЕТРОВОЙ О. К. → ПЕТРОВОЙ О. К.");
}

/* 2. «Ё» and «Е» are one letter, both ways. */
static void test_yo_is_e(void)
{
	CHECK_FOUND("Зайцева и ЗАЙЦЁВОЙ", false,
		    "zaytseva-dk! Зайцева → Зайцева\nzaytseva-dk! ЗАЙЦЁВОЙ → ЗАЙЦЁВОЙ");
	CHECK_FOUND("Елкину, ёлкин", false, "yolkin-e! Елкину → Елкину\nyolkin-e! ёлкин → ёлкин");
	/* An initial «Ё.» is «Е.» too. */
	CHECK_FOUND("Ёлкин Ё.", false, "yolkin-e! Ёлкин Ё. → Ёлкин Ё.");
}

/* 3. The surname in any case form, with initials before or after, or with the full name. */
static void test_surname_with_initials_and_names(void)
{
	CHECK_FOUND("учитель Д. В. Гусев провёл", false, "gusev-dv! Д. В. Гусев → Д. В. Гусев");
	CHECK_FOUND("учитель Д.В.\xC2\xA0Гусеву", false,
		    "gusev-dv! Д.В.\xC2\xA0Гусеву → Д.В.\xC2\xA0Гусеву");
	CHECK_FOUND(
		"Гусев\xE2\x80\xAFД.\xE2\x80\xAFВ., учитель", false,
		"gusev-dv! Гусев\xE2\x80\xAFД.\xE2\x80\xAFВ. → Гусев\xE2\x80\xAFД.\xE2\x80\xAFВ.");
	CHECK_FOUND("Гусевым Д.В.", false, "gusev-dv! Гусевым Д.В. → Гусевым Д.В.");
	CHECK_FOUND("Петровой Ольге Константиновне объявить", false,
		    "petrova-ok! Петровой Ольге Константиновне → Петровой Ольге Константиновне");
	/* The given name before the surname is the mention's too. */
	CHECK_FOUND("и Ольга Петрова", false, "petrova-ok! Ольга Петрова → Ольга Петрова");
	/* «ул.» is no initial. */
	CHECK_FOUND("ул. Гусева", false, "gusev-dv! Гусева → Гусева");
}

/* 4. The given name and patronymic without the surname. */
static void test_name_and_patronymic(void)
{
	CHECK_FOUND("Дмитрию Валерьевичу наставляемый", false,
		    "gusev-dv! Дмитрию Валерьевичу → Дмитрию Валерьевичу");
	CHECK_FOUND("поручить ОЛЬГЕ КОНСТАНТИНОВНЕ ПЕТРОВОЙ", false,
		    "petrova-ok! ОЛЬГЕ КОНСТАНТИНОВНЕ ПЕТРОВОЙ → ОЛЬГЕ КОНСТАНТИНОВНЕ ПЕТРОВОЙ");
	/* A leak for a person published with initials, none for one published in full. */
	CHECK_FOUND("Татьяне Николаевне", false,
		    "orlova-tn! Татьяне Николаевне → Татьяне Николаевне");
	CHECK_FOUND("Анна Сергеевна", false, "lebedeva-as Анна Сергеевна → Анна Сергеевна");
	/*
	 * Another patronymic is another person; this one is a case form of
	 * a surname too (fail closed: a patronymic is taken whole only after
	 * its person's given name).
	 */
	CHECK_FOUND("Дмитрий Сергеевич", false, "sergeev-pa! Сергеевич → Сергеевич");
	CHECK_FOUND("Дмитрий Ильич", false, "");
}

/* 5. A student's given name with the class. */
static void test_name_and_class(void)
{
	CHECK_FOUND("Дарья (10 «А»)", false, "zaytseva-dk! Дарья (10 «А» → Дарья (10 «А»");
	CHECK_FOUND("Дарья, 10 А", false, "zaytseva-dk! Дарья, 10 А → Дарья, 10 А");
	CHECK_FOUND("Дарья из 10 «А» класса", false,
		    "zaytseva-dk! Дарья из 10 «А» → Дарья из 10 «А»");
	CHECK_FOUND(
		"Дарье 10-а, Дарья 10\"А\"", false,
		"zaytseva-dk! Дарье 10-а → Дарье 10-а\nzaytseva-dk! Дарья 10\"А\" → Дарья 10\"А\"");
	CHECK_FOUND("<td>Дарья (10&nbsp;&laquo;А&raquo;)</td>", true,
		    "zaytseva-dk! Дарья (10&nbsp;&laquo;А&raquo; → Дарья (10\xC2\xA0«А»");
	/* In the next cell of a table, after an initial. */
	CHECK_FOUND("<tr><td>Дарья К.</td>\n<td>10 «А»</td></tr>", true,
		    "zaytseva-dk! Дарья К.</td>\n<td>10 «А» → Дарья К. 10 «А»");
	/* Another class, a long word between, a number that goes on, a letter that goes on. */
	CHECK_FOUND("Дарья (11 «А»), Дарья, ученица 10 А, Дарья 100 А, Дарья 10 Ав", false, "");
	CHECK_FOUND("Виктория, 7В", false, "kim-va! Виктория, 7В → Виктория, 7В");
}

/* 6. Markup: references decoded, soft hyphens and zero widths skipped, inline tags read through. */
static void test_markup_is_read_through(void)
{
	CHECK_FOUND("<p>З&#1072;йцева и &#x417;айцевой</p>", true,
		    "zaytseva-dk! З&#1072;йцева → Зайцева\nzaytseva-dk! &#x417;айцевой → Зайцевой");
	CHECK_FOUND("<p>Зай<em>цева</em></p>", true, "zaytseva-dk! Зай<em>цева → Зайцева");
	CHECK_FOUND("Гу<span class=\"x\">се</span>в, Гу<wbr>сева", true,
		    "gusev-dv! Гу<span class=\"x\">се</span>в → Гусев\n"
		    "gusev-dv! Гу<wbr>сева → Гусева");
	CHECK_FOUND("Гу&shy;сев Гу\xC2\xADсев Гу\xE2\x80\x8B\xD1\x81ев", true,
		    "gusev-dv! Гу&shy;сев → Гусев\ngusev-dv! Гу\xC2\xADсев → Гусев\n"
		    "gusev-dv! Гу\xE2\x80\x8B\xD1\x81ев → Гусев");
	/* Soft hyphens and zero widths in plain text as well; an entity there is text. */
	CHECK_FOUND("Гу\xC2\xADсев, Гу\xEF\xBB\xBFсев, З&#1072;йцева", false,
		    "gusev-dv! Гу\xC2\xADсев → Гусев\ngusev-dv! Гу\xEF\xBB\xBFсев → Гусев");
	/* A block tag ends a word; so does a comment. */
	CHECK_FOUND("<p>Гу</p><p>сев</p>Гу<br>сев Гу<!-- -->сев", true, "");
	CHECK_FOUND("&lt;Гусев&gt; &quot;Ли&quot; &#39;Ким&#39;", true,
		    "gusev-dv! Гусев → Гусев\nli-ms! Ли → Ли\nkim-va! Ким → Ким");
}

/* 6. Attribute values are text too, in the order of the text. */
static void test_attributes_are_read(void)
{
	CHECK_FOUND("<img alt=\"Д. В. Гусев\" src=\"a.png\">", true,
		    "gusev-dv! Д. В. Гусев → Д. В. Гусев");
	CHECK_FOUND("<a title=\"Петровой\" href=\"/x\">Гусев</a>", true,
		    "petrova-ok! Петровой → Петровой\ngusev-dv! Гусев → Гусев");
	CHECK_FOUND("<p>Гусев <a title=\"Петрова\">ещё</a></p>", true,
		    "gusev-dv! Гусев → Гусев\npetrova-ok! Петрова → Петрова");
	CHECK_FOUND(
		"<span aria-label='Ким' data-who=\"Ли\"></span><meta content=\"З&#1072;йцева\">",
		true, "kim-va! Ким → Ким\nli-ms! Ли → Ли\nzaytseva-dk! З&#1072;йцева → Зайцева");
	CHECK_FOUND("<h2 id=\"urok-guseva\">Урок</h2>", true, "gusev-dv! guseva → guseva");
	CHECK_FOUND("<img alt=Гусев><img alt=\"&#1043;усев\">", true,
		    "gusev-dv! Гусев → Гусев\ngusev-dv! &#1043;усев → Гусев");
	/* What looks like a tag and is none is read as text all the same. */
	CHECK_FOUND("<script>if (a<b && c) x = \"Гусеву\";</script>", true,
		    "gusev-dv! Гусеву → Гусеву");
	/* A leak in an attribute inside a published name is not passed over. */
	CHECK_FOUND("Лебе<span title=\"Гусев\">дева</span> и Гусев", true,
		    "gusev-dv! Гусев → Гусев\ngusev-dv! Гусев → Гусев");
}

/* 7. Surnames in Latin letters, as the slugs of ids, in passports, informally. */
static void test_latin_transliteration(void)
{
	CHECK_FOUND("urok-guseva.html gusev-dv.pdf Gusev", false,
		    "gusev-dv! guseva → guseva\ngusev-dv! gusev → gusev\ngusev-dv! Gusev → Gusev");
	CHECK_FOUND("ZAITSEVA zaytsevoy zajceva zaytsyova", false,
		    "zaytseva-dk! ZAITSEVA → ZAITSEVA\nzaytseva-dk! zaytsevoy → zaytsevoy\n"
		    "zaytseva-dk! zajceva → zajceva\nzaytseva-dk! zaytsyova → zaytsyova");
	CHECK_FOUND("orlova.jpg, kim_va", false, "orlova-tn orlova → orlova\nkim-va! kim → kim");
	/* Letters before it or more than three after: another word. */
	CHECK_FOUND("agusev gusevskiy Gusev2", false, "gusev-dv! Gusev → Gusev");
	/* A surname in Latin letters in people.yml; its Latin initials are not taken. */
	CHECK_FOUND("J. Miller, MILLER, Millers, xMiller, Mill", false,
		    "miller-j! Miller → Miller\nmiller-j! MILLER → MILLER\nmiller-j! Millers → "
		    "Millers");
	/* Two letters are too short for a Latin word of their own. */
	CHECK_FOUND("li, ho", false, "");
}

/* 9. A mention goes to the person it fits best; published people are no leaks. */
static void test_published_and_hidden(void)
{
	CHECK_FOUND("Куратор — Лебедева Анна Сергеевна, а Сергеев — участник.", false,
		    "lebedeva-as Лебедева Анна Сергеевна → Лебедева Анна Сергеевна\n"
		    "sergeev-pa! Сергеев → Сергеев");
	CHECK_FOUND("поручить Лебедевой А. С.; А. С. Лебедева; Лебедева", false,
		    "lebedeva-as Лебедевой А. С. → Лебедевой А. С.\n"
		    "lebedeva-as А. С. Лебедева → А. С. Лебедева\nlebedeva-as Лебедева → Лебедева");
	/* The hidden namesake, by his initials or name; on a bare tie he wins. */
	CHECK_FOUND("ученик Д. М. Лебедев", false, "lebedev-dm! Д. М. Лебедев → Д. М. Лебедев");
	CHECK_FOUND("Лебедеву Дмитрию", false, "lebedev-dm! Лебедеву Дмитрию → Лебедеву Дмитрию");
	CHECK_FOUND("Лебедеву", false, "lebedev-dm! Лебедеву → Лебедеву");
	/* Initials level: surname and initials are fine, the given name is not. */
	CHECK_FOUND("Орлова Т. Н. и Соколова Ирина", false,
		    "orlova-tn Орлова Т. Н. → Орлова Т. Н.\nsokolova-iv Соколова Ирина → Соколова "
		    "Ирина");
	CHECK_FOUND("Орловой Татьяне Николаевне", false,
		    "orlova-tn! Орловой Татьяне Николаевне → Орловой Татьяне Николаевне");
	/* Initials that do not fit are not taken, and the namesake is reported. */
	CHECK_FOUND("Соколова И. Гусев, А. Б. Гусев", false,
		    "sokolova-iv Соколова И. → Соколова И.\ngusev-dv! Гусев → Гусев\n"
		    "gusev-dv! Гусев → Гусев");
	/* A student is hidden whatever publish says. */
	CHECK_FOUND("Ким", false, "kim-va! Ким → Ким");
}

/*
 * Words that only look like names. «Павловский» has four letters after
 * the stem «Павлов»: not a case form. «Павловске» has three and is taken
 * for one: hiding a word too many is safe, leaking a name is not.
 */
static void test_lookalikes(void)
{
	CHECK_FOUND("Гусли, Гусеница, Гусеводство, Кирилл, Кимберлит, Лимонад, Ёлочка, Хор", false,
		    "");
	CHECK_FOUND("Главная Приказы Положения Наставники", false, "");
	CHECK_FOUND("Павловский Посад", false, "");
	CHECK_FOUND("в Павловске", false, "pavlova-ei! Павловске → Павловске");
	/* Short stems want a capital: «ли» is a particle. */
	CHECK_FOUND("есть ли, ким, хo", false, "");
	CHECK_FOUND("Ли и ЛИ, Хoу", false, "li-ms! Ли → Ли\nli-ms! ЛИ → ЛИ\nho-v! Хoу → Хoу");
	/* Letters right before: no word start; other letters right after: no case form. */
	CHECK_FOUND("xГусев аГусев ГусевX —Гусев x\xB0Гусев", false,
		    "gusev-dv! Гусев → Гусев\ngusev-dv! Гусев → Гусев");
}

/* Names and parts of names where the text ends: the filters read no byte past it. */
static void test_names_at_the_end(void)
{
	CHECK_FOUND("Ли", false, "li-ms! Ли → Ли");
	CHECK_FOUND("Хo", false, "ho-v! Хo → Хo");
	CHECK_FOUND("и Гусев", false, "gusev-dv! Гусев → Гусев");
	CHECK_FOUND("Гусе", false, "");
	CHECK_FOUND("и Г", false, "");
	CHECK_FOUND("Дарья 10", false, "");
	CHECK_FOUND("Гусев Д", false, "gusev-dv! Гусев → Гусев");
	CHECK_FOUND("<a title=\"Гусев", true, "gusev-dv! Гусев → Гусев");
	CHECK_FOUND("Гу&#106", true, "");
	CHECK_FOUND("", true, "");
}

/* A long text is read in windows: mentions across their edges, and far into the text. */
static void test_long_text(void)
{
	struct nv_buf in = NV_BUF_INIT, want = NV_BUF_INIT;
	char *got;
	int k;
	bool ok;

	for (k = 0; k < 2000; k++) {
		nv_buf_adds(&in,
			    k % 97 ? "слово в тексте <b>страницы</b> " : "<p>Д. В. Гусеву</p> ");
		if (!(k % 97))
			nv_buf_addf(&want, "%sgusev-dv! Д. В. Гусеву → Д. В. Гусеву",
				    want.len ? "\n" : "");
	}
	got = mentions(in.ptr, true);
	ok = !strcmp(got, want.ptr);
	free(got);
	nv_buf_release(&in);
	nv_buf_release(&want);
	CHECK(ok);
}

/*
 * A window is folded a little past its cut, and further only when the
 * look read to its end: a long mention across the cut, after a word that
 * made a window but is no mention («Дмитрий» alone), is read whole from
 * every place in the window.
 */
static void test_mention_across_the_cut(void)
{
	struct nv_buf in = NV_BUF_INIT;
	size_t k;

	for (k = 0; k < 90; k++) {
		nv_buf_reset(&in);
		nv_buf_adds(&in, "Дмитрий ");
		while (in.len < 16 + k)
			nv_buf_adds(&in, in.len % 3 ? "и " : "в ");
		nv_buf_adds(&in, "Анастасией Владимировной Крестовоздвиженской проведён");
		CHECK_FOUND(
			in.ptr, false,
			"krestovozdvizhenskaya-av! Анастасией Владимировной Крестовоздвиженской → "
			"Анастасией Владимировной Крестовоздвиженской");
	}
	nv_buf_release(&in);
}

/*
 * The first pass skips what no key can start: what the folding reads as a
 * word start it must not skip (a quote, dash or no-break space right
 * before, a long word before, a name after a reference or a soft hyphen).
 */
static void test_skipping_pass(void)
{
	struct nv_buf in = NV_BUF_INIT;
	char *got;
	bool ok;

	CHECK_FOUND(
		"слово«Гусев» слово—Гусеву слово\xC2\xA0Гусева", false,
		"gusev-dv! Гусев → Гусев\ngusev-dv! Гусеву → Гусеву\ngusev-dv! Гусева → Гусева");
	CHECK_FOUND(
		"\xC2\xADГусев &amp;Гусев;&#1043;усев", true,
		"gusev-dv! Гусев → Гусев\ngusev-dv! Гусев → Гусев\ngusev-dv! &#1043;усев → Гусев");
	CHECK_FOUND("<b>Гусев</b>", false, "gusev-dv! Гусев → Гусев");
	CHECK_FOUND("<p>Гу</p>сев", false, "");
	/* Short words and words cut by markup are compared only as far as they go. */
	CHECK_FOUND("Г<b></b>усев, Гу&shy;сева", true,
		    "gusev-dv! Г<b></b>усев → Гусев\ngusev-dv! Гу&shy;сева → Гусева");
	nv_buf_adds(&in, "Д. В. ");
	while (in.len < 3000)
		nv_buf_adds(&in, "переподготовка");
	nv_buf_adds(&in, " Д. В. Гусеву");
	got = mentions(in.ptr, true);
	ok = !strcmp(got, "gusev-dv! Д. В. Гусеву → Д. В. Гусеву");
	free(got);
	nv_buf_release(&in);
	CHECK(ok);
}

/*
 * The skipping pass reads 16 bytes at a time: a name, or a character
 * that makes one (a soft hyphen, an inline tag, a reference, a letter
 * that is no plain one), on either side of every edge of those blocks,
 * and at the very end of the text, after ASCII or Russian letters.
 */
static void test_skip_block_edges(void)
{
	static const struct {
		const char *word, *want;
		bool markup;
	} c[] = {
		{ "Гусев", "gusev-dv! Гусев → Гусев", false },
		{ "Гу\xC2\xADсев", "gusev-dv! Гу\xC2\xADсев → Гусев", false },
		{ "Г\xE2\x80\x8Bусев", "gusev-dv! Г\xE2\x80\x8Bусев → Гусев", false },
		{ "Гу<b>сев", "gusev-dv! Гу<b>сев → Гусев", true },
		{ "&#1043;усев", "gusev-dv! &#1043;усев → Гусев", true },
		{ "слово—Гусеву", "gusev-dv! Гусеву → Гусеву", false },
		{ "переподготовкаігусев", "gusev-dv! гусев → гусев", false },
		{ "переподготовкаёгусев", "", false },
		{ "<i title=\"Гусев\">x</i>", "gusev-dv! Гусев → Гусев", true },
	};
	struct nv_buf in = NV_BUF_INIT;
	size_t k, pad, tail;
	char *got;
	bool ok = true;

	for (k = 0; ok && k < NV_ARRAY_SIZE(c); k++) {
		for (pad = 0; ok && pad < 68; pad++) {
			for (tail = 0; ok && tail < 2; tail++) {
				nv_buf_reset(&in);
				nv_buf_addf(&in, "%.*s%s ", (int)(pad % 34),
					    "abcdefghijklmnopqrstuvwxyzabcdefgh",
					    pad < 34 ? "" : "ы");
				nv_buf_adds(&in, c[k].word);
				nv_buf_adds(&in, tail ? " и другие слова текста" : "");
				got = mentions(in.ptr, c[k].markup);
				ok = !strcmp(got, c[k].want);
				if (!ok)
					nv_test_failed(__FILE__, __LINE__, "in «%s»: got «%s»",
						       in.ptr, got);
				free(got);
			}
		}
	}
	nv_buf_release(&in);
}

/*
 * Plain text folds as one character at a time would (nv_guard_char_at(),
 * nv_guard_fold_cp()), whatever runs of letters the folding takes at
 * once: long Russian words, «ё», letters of other alphabets and bytes
 * that are no UTF-8 right after them, at every alignment.
 */
static void test_fold_plain(void)
{
	static const char *const words[] = {
		"Переподготовка",
		"переподготовкаёгусев",
		"Константинопольской",
		"сл\xD1\x96во",
		"абв\xD1\x90где",
		"абвгдежз\xD0\xC0и",
		"абвгдеж\xD1\x75и",
		"ЁЖИК\xC2\xAD\xC2\xA0x",
		"\xC2\xABслово\xC2\xBB\xE2\x80\x94\xE2\x84\x96\xE2\x80\x8B\xE2\x80\xAF\xC2\x80\xC2",
		"\xE2\x80\xE2\x80\x93\xE2\x80",
	};
	struct nv_buf in = NV_BUF_INIT, want = NV_BUF_INIT;
	struct nv_guard_folded fd = { NULL, NULL, 0, 0, 0, false };
	struct nv_guard_reader r;
	size_t pad, k, i;
	uint32_t cp;
	int b;
	bool ok = true;

	for (pad = 0; ok && pad < 20; pad++) {
		nv_buf_reset(&in);
		nv_buf_addf(&in, "%.*s", (int)pad, "abcdefghij\x01klmnopqrst");
		for (k = 0; k < NV_ARRAY_SIZE(words); k++)
			nv_buf_addf(&in, " %s", words[k]);
		nv_buf_reset(&want);
		for (i = 0; i < in.len; i += k) {
			k = nv_guard_char_at(in.ptr, in.len, i, false, &cp);
			if ((b = nv_guard_fold_cp(cp)) != NV_GUARD_SKIP)
				nv_buf_addf(&want, "%02x@%zu ", b, i);
		}
		r = (struct nv_guard_reader){ in.ptr, in.len, 0, false, 0, { { 0, 0 } } };
		fd.len = 0;
		nv_guard_fold(&r, &fd, SIZE_MAX, false);
		nv_buf_reset(&in);
		for (i = 0; i < fd.len; i++)
			nv_buf_addf(&in, "%02x@%u ", fd.f[i], fd.o[i]);
		ok = !strcmp(in.ptr ? in.ptr : "", want.ptr);
		if (!ok)
			nv_test_failed(__FILE__, __LINE__, "pad %zu:\n  got:  %s\n  want: %s", pad,
				       in.ptr, want.ptr);
	}
	free(fd.f);
	free(fd.o);
	nv_buf_release(&in);
	nv_buf_release(&want);
}

/* Where the skipping pass (nv_guard_skip()) goes on in `in`: the rest of the text from there. */
static char *skipped(const char *in, bool markup)
{
	struct nv_guard *g = guard();
	size_t len = strlen(in), at = nv_guard_skip(g, in, len, 0, markup);
	char *rest = nv_xstrdup(in + at);

	nv_guard_free(g);
	return rest;
}

#define CHECK_SKIP(in, markup, want)                                                               \
	do {                                                                                       \
		char *got_ = skipped((in), (markup));                                              \
		bool ok_ = !strcmp(got_, (want));                                                  \
		if (!ok_)                                                                          \
			nv_test_failed(__FILE__, __LINE__, "in «%s»:\n  got:  «%s»\n  want: «%s»", \
				       (in), got_, (want));                                        \
		free(got_);                                                                        \
		if (!ok_)                                                                          \
			return;                                                                    \
	} while (0)

/*
 * The skipping pass stops a few words before a word a key may start: the
 * word's letters are a key's first bytes (up to eight), or the key's
 * first bytes are the word, and the word may go on (markup) or is no
 * shorter than the key. These hold with keys that have a byte no letter
 * («юн-ким») or without.
 */
static void test_skip_common(void)
{
	CHECK_SKIP("а б в г д гусеница гусе", false, "");
	CHECK_SKIP("а б в г д гусеница гусе<b>", true, "г д гусеница гусе<b>");
	CHECK_SKIP("а б в г д гусь гусев", false, "г д гусь гусев");
	CHECK_SKIP("а б в г д константиновна константинопольски", false,
		   "г д константиновна константинопольски");
	CHECK_SKIP("а б в г д константиновна константинопольскому", false,
		   "г д константиновна константинопольскому");
	CHECK_SKIP("а б в г д константинопол<i>", true, "в г д константинопол<i>");
	/* Long words are skipped 8 bytes at a time: «і», «_» end them, «ё» does not. */
	CHECK_FOUND("переподготовкаігусев переподготовкаёгусев", false, "gusev-dv! гусев → гусев");
	CHECK_FOUND("Переподготовк\xD1\x96Гусеву", false, "gusev-dv! Гусеву → Гусеву");
	CHECK_FOUND("retrainingretraining_gusev retrainingretraininggusev", false,
		    "gusev-dv! gusev → gusev");
}

/* Keys with a byte no letter are compared too. */
static void test_skip_words(void)
{
	test_skip_common();
	CHECK_SKIP("а б в г д юн юнга юх<b>", true, "");
	CHECK_SKIP("а б в г д юнга юн<b>", true, "г д юнга юн<b>");
	CHECK_SKIP("а б в г д yun yunga", false, "");
	CHECK_SKIP("а б в г д yunga yun<b>", true, "г д yunga yun<b>");
	CHECK_SKIP("а б в г д yunk", false, "");
	/* «юн-» may go on as «юн-ким» does (after an inline tag too): a word that ends there. */
	CHECK_SKIP("а б в г д юн-<b> юн-", true, "в г д юн-<b> юн-");
	CHECK_SKIP("а б в г д юн–", false, "в г д юн–");
	CHECK_SKIP("а б в г д юн- юн.", false, "в г д юн- юн.");
	CHECK_SKIP("а б в г д юн. юн", false, "");
	CHECK_FOUND("учитель Юн-Ким пришёл", false, "yun-kim-s! Юн-Ким → Юн-Ким");
	CHECK_FOUND(
		"Юн-Ким, ЮН-КИМУ, yun-kim, Константинопольской", false,
		"yun-kim-s! Юн-Ким → Юн-Ким\nyun-kim-s! ЮН-КИМУ → ЮН-КИМУ\nyun-kim-s! yun-kim → "
		"yun-kim\nkonstantinopolskaya-ea! Константинопольской → Константинопольской");
}

/* The same with no odd key: the skipping pass goes its quick way. */
static void test_skip_quick(void)
{
	with_odd = false;
	test_skip_common();
	with_odd = true;
}

/* from: only mentions at or after it; a hit's start and end are offsets of the text. */
static void test_from(void)
{
	struct nv_guard *g = guard();
	static const char *t = "Гусев и Ким";
	struct nv_guard_hit h = { NULL, 0, 0, false };
	bool one = nv_guard_find(g, t, strlen(t), 1, false, &h);
	bool none = nv_guard_find(g, t, strlen(t), strlen(t), false, &h);

	nv_guard_free(g);
	CHECK(one && !none);
	CHECK_STR(h.p->id, "kim-va");
	CHECK_INT(h.start, strlen("Гусев и "));
	CHECK_INT(h.end, strlen(t));
}

static void test_leaks(void)
{
	struct nv_guard *g = guard();
	static const char *no = "Гусеница и Лебедева А. С.", *yes = "учитель гусеву";
	static const char *in_attr = "<a title=\"Гусев\">ссылка</a>";
	bool ok = !nv_guard_leaks(g, no, strlen(no), false) &&
		  nv_guard_leaks(g, yes, strlen(yes), false) &&
		  nv_guard_leaks(g, in_attr, strlen(in_attr), true);

	nv_guard_free(g);
	CHECK(ok);
}

void nv_tests(void)
{
	NV_RUN(test_any_letter_case);
	NV_RUN(test_yo_is_e);
	NV_RUN(test_surname_with_initials_and_names);
	NV_RUN(test_name_and_patronymic);
	NV_RUN(test_name_and_class);
	NV_RUN(test_markup_is_read_through);
	NV_RUN(test_attributes_are_read);
	NV_RUN(test_latin_transliteration);
	NV_RUN(test_published_and_hidden);
	NV_RUN(test_lookalikes);
	NV_RUN(test_names_at_the_end);
	NV_RUN(test_long_text);
	NV_RUN(test_mention_across_the_cut);
	NV_RUN(test_skipping_pass);
	NV_RUN(test_skip_words);
	NV_RUN(test_skip_quick);
	NV_RUN(test_skip_block_edges);
	NV_RUN(test_fold_plain);
	NV_RUN(test_from);
	NV_RUN(test_leaks);
}
