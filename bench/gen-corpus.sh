#!/bin/sh
# Write a deterministic corpus of N Russian mentoring documents into
# DIR/content: the demo school's site.yml, a people.yml of about 500
# participants, a pairs.yml with five pairs per 20 documents, and N
# Markdown documents with front matter. Every block of 20 documents
# holds, in this order:
#   0      a program (programma-NNNNN)
#   1-2    two roadmaps with 3 sections of 4 items each
#   3      a position (polozhenie-NNNNN)
#   4      an order approving the program and both roadmaps
#   5      an order approving the position
#   6      an order fixing five mentoring pairs (appendix: the pairs table)
#   7-9    plain orders
#   10-15  cases (best practices)
#   16-19  news
# so the mix is 30 % orders, 30 % cases, 20 % news, 10 % roadmaps,
# 5 % positions, 5 % programs, with the cross references the real
# content has (order -> appendices, pair -> order and program, case ->
# program, approval blocks derived from the approving order).
# No randomness: the same N gives byte-identical files.
#
# With `real`, documents have the size and shape of real ones (what
# schools publish; see ../shared/examples): programs 10–20 KB in 6–10
# numbered sections with lists, положения 5–14 KB of numbered clauses,
# roadmaps 5–15 KB with 3–6 sections of 3–8 items, cases 3–9 KB, orders
# 2–4 KB, news 1–2.5 KB; people.yml holds about 300 people, a third of
# them hidden (the students), and pairs.yml 100 pairs. The text is drawn
# from the sentences and headings of the demo school's documents (about
# 200 sentences, 50 KB, and 50 headings; none with markup or a person's
# name), so typography and the personal-data guard read the words of real
# documents, not two dozen sentences over and over that their memos would
# find again.
# Usage: gen-corpus.sh DIR N [real]
set -eu
dir=$1
n=$2
real=0
[ "${3:-}" = real ] && real=1
c=$dir/content
mkdir -p "$c/orders" "$c/cases" "$c/news" "$c/roadmaps" "$c/positions" "$c/programs"
root=$(cd "$(dirname "$0")/.." && pwd)
# The demo school's site.yml, with totals for a school of this corpus's
# 300 people (the demo's 58 teachers are fewer than its pairs hold).
sed 's/^totals: .*/totals: {teachers: 120, young_specialists: 12, students: 900}/' \
	"$root/content/site.yml" >"$c/site.yml"
# The pool: the plain sentences of the demo content's bodies, one a line
# (whole sentences: not those with markup, a surname of its people.yml or
# initials, nor a list item's clause), then
# a line "--" and its headings.
pool=$dir/.pool
trap 'rm -f "$pool"' EXIT
stems=$(sed -n 's/^ *surname: *//p' "$root/content/people.yml" | sed 's/а$//' | tr '\n' '|')
find "$root/content" -name '*.md' | LC_ALL=C sort | LC_ALL=C xargs awk -v st="$stems" '
BEGIN { n = split(st, stems, "|"); for (i = n; i > 0; i--) if (stems[i] == "") delete stems[i] }
FNR == 1 { fm = $0 == "---"; if (fm) next }
fm { if ($0 == "---") fm = 0; next }
/^#+ / {
	t = $0; sub(/^#+ ([0-9]+\. )?/, "", t)
	if (t !~ /[][`<>|@{}*_~\\]/ && length(t) > 10 && !(t in head)) { head[t] = 1; heads[++nh] = t }
	next
}
{
	t = $0
	sub(/^(- |\* |[0-9]+(\.[0-9]+)*\.? )/, "", t)
	if (t ~ /^[#|><`! ]/ || t ~ /[][`<>|@{}*_~\\]|http|^$/ || t ~ /\xD0[\x81\x90-\xAF]\. ?\xD0[\x81\x90-\xAF]\./)
		next
	for (k in stems) if (index(t, stems[k])) next
	# a term («до 15.09.2025») or an appendix belongs to one order: in another, a warning
	if (t ~ /до [0-9][0-9]\.[0-9][0-9]\.|риложени/)
		next
	while (t != "") {
		if (match(t, /[.!?] \xD0[\x81\x90-\xAF]/)) { u = substr(t, 1, RSTART); t = substr(t, RSTART + 2) }
		else { u = t; t = "" }
		if (length(u) >= 40 && u ~ /^(\xD0[\x81\x90-\xAF]|\xC2\xAB|[0-9A-Z])/ && u ~ /[.!?]$/ && !(u in seen)) { seen[u] = 1; print u }
	}
}
END { print "--"; for (i = 1; i <= nh; i++) print heads[i] }' >"$pool"
LC_ALL=C awk -v c="$c" -v n="$n" -v real="$real" -v poolf="$pool" -v demo="$root/content/people.yml" '
function id(prefix, i) { return sprintf("%s-%05d", prefix, i) }
# rnd(k): a number in [0, k) from a fixed sequence (no randomness).
function rnd(k) { seed = (seed * 75 + 74) % 65537; return seed % k }
# para(): a paragraph of three to five sentences of the pool.
function para(   t, k, m) {
	t = ""; m = 3 + rnd(3);
	for (k = 0; k < m; k++) t = t (k ? " " : "") pool[rnd(npool) + 1];
	return t;
}
# grow(f, kind, size, target): in real mode, append to document f (size
# bytes so far) sections of its kind until it holds target bytes.
function grow(f, kind, size, target,   sec, k, m, t) {
	if (!real) return;
	for (sec = 5; size < target; sec++) {
		t = heads[rnd(nheads) + 1];
		if (kind == "position") {
			t = sprintf("\n# %d. %s\n", sec, t);
			m = 3 + rnd(4);
			for (k = 1; k <= m; k++) t = t sprintf("\n%d.%d. %s\n", sec, k, para());
		} else if (kind == "program") {
			t = sprintf("\n# %d. %s\n\n%s\n\n%s\n\n", sec, t, para(), para());
			m = 3 + rnd(4);
			for (k = 1; k <= m; k++) t = t sprintf("%d. %s\n", k, pool[rnd(npool) + 1]);
			t = t sprintf("\n%s\n", para());
		} else if (kind == "case") {
			t = sprintf("\n## %s\n\n%s\n\n%s\n", t, para(), para());
		} else {
			t = sprintf("\n%s\n", para());
		}
		printf "%s", t >> f;
		size += length(t);
	}
}
# fsize(f): the bytes written to f so far (it is closed and read back).
function fsize(f,   line, b) {
	close(f); b = 0;
	while ((getline line < f) > 0) b += length(line) + 1;
	close(f);
	return b;
}
# person(f, kind, k, cat, hide): the person kind-k, alternately a woman
# and a man. The surnames of people the website may not name (hide) are
# never those of people it names, nor those of the demo school: a name
# both could bear would make the guard of the site fail the build.
function person(f, kind, k, cat, hide) {
	fem = k % 2;
	if (hide) surname = hid[k % nhid + 1];
	else if (cat == "external") surname = ext[k % nextn + 1];
	else surname = sur[k % nsur + 1];
	printf "\n- id: %s\n", id(kind, k) > f;
	# partners have four surnames: a patronymic of their own keeps namesakes out (a warning)
	pk = cat == "external" ? k : int(k / 3);
	if (fem)
		printf "  surname: %sа\n  name: %s\n  patronymic: %sна\n", surname, fnames[k % nf + 1], pat[pk % np + 1] > f;
	else
		printf "  surname: %s\n  name: %s\n  patronymic: %sич\n", surname, mnames[k % nm + 1], pat[pk % np + 1] > f;
	printf "  category: %s\n", cat > f;
}
function orderhead(f, i, title, day, mon) {
	printf "---\ntitle: %s\nnumber: %d-од\ndate: %02d.%02d.2025\nplace: г. Верхнеозёрск\n", title, i, day, mon > f;
}
function approval(f) {
	printf "approval:\n  - label: ПРИНЯТО\n    body: педагогическим советом\n    protocol: { number: 1, date: 28.08.2025 }\n" > f;
}
BEGIN {
	seed = 1;
	while ((getline line < poolf) > 0) {
		if (line == "--") { inheads = 1; continue }
		if (inheads) heads[++nheads] = line; else pool[++npool] = line;
	}
	close(poolf);
	# Three sets of surnames that share no stem with each other, with the
	# people of the demo school or with a patronymic («Николаевна»).
	nsur = split("Попов|Новиков|Фёдоров|Волков|Семёнов|Козлов|Степанов|Макаров|Захаров|Зайцев|Соловьёв|Борисов|Яковлев|Григорьев|Воробьёв", sur, "|");
	nhid = split("Медведев|Комаров|Киселёв|Ильин|Титов|Кузьмин|Баранов|Куликов|Виноградов|Богданов|Калинин|Шмелёв", hid, "|");
	nextn = split("Осипов|Белоусов|Зуев|Панов", ext, "|");
	nf = split("Анна|Мария|Елена|Ольга|Татьяна|Наталья|Ирина|Светлана|Екатерина|Юлия|Дарья|Ксения|Валентина|Галина", fnames, "|");
	nm = split("Александр|Дмитрий|Сергей|Андрей|Алексей|Михаил|Иван|Николай|Павел|Юрий|Владимир|Евгений|Кирилл|Роман", mnames, "|");
	np = split("Александров|Сергеев|Андреев|Петров|Иванов|Николаев|Викторов|Михайлов|Юрьев|Владимиров", pat, "|");
	nsubj = split("математики|русского языка и литературы|физики|химии|биологии|истории и обществознания|географии|информатики|английского языка|начальных классов|физической культуры|технологии", subj, "|");
	split("сентября|октября|ноября|декабря|января|февраля|марта|апреля|мая", months, "|");
	split("Сентябрь 2025|Октябрь 2025|Ноябрь–декабрь 2025|I квартал 2026 г.|Май 2026|В течение года", dues, "|");
	split("planned|done|moved|done", statuses, "|");
	split("учитель – учитель|педагог – педагог|ученик – ученик|студент – ученик|работодатель – ученик", pforms, "|");
	split("традиционное|краткосрочное|ситуационное|реверсивное|виртуальное", pkinds, "|");
	split("учитель – учитель|ученик – ученик|студент – ученик|работодатель – ученик|педагог – педагог", forms, "|");

	# people.yml: the demo school (director, curator and the people the
	# documents name) and then the participants of a large school: 60
	# teachers, 400 students and 12 external partners, whatever N is (a
	# school does not grow with its archive; the pairs reuse them).
	teachers = 60; students = 400; partners = 12;
	if (real) { teachers = 170; students = 100; partners = 30 }
	f = c "/people.yml";
	while ((getline line < demo) > 0) print line > f;
	close(demo);
	for (k = 1; k <= teachers; k++) {
		person(f, "pedagog", k, "teacher", k % 3 == 0);
		printf "  position: учитель %s\n", subj[k % nsubj + 1] > f;
		if (k % 3 == 1) printf "  publish: initials\n  consent: 01.09.2025\n" > f;
		else if (k % 3 == 2) printf "  publish: full\n  consent: 01.09.2025\n" > f;
	}
	for (k = 1; k <= students; k++) {
		person(f, "uchenik", k, "student", 1);
		printf "  class: %d «%s»\n", k % 7 + 5, (k % 2 ? "А" : "Б") > f;
	}
	for (k = 1; k <= partners; k++) {
		person(f, "partner", k, "external", 0);
		printf "  position: инженер-технолог\n  organization: АО «Верхнеозёрский машиностроительный завод»\n  publish: initials\n  consent: 29.09.2025\n" > f;
	}
	close(f);

	# pairs.yml: five pairs for every pairs order (block position 6).
	f = c "/pairs.yml";
	printf "# Наставнические пары и группы: по пять на каждый приказ о закреплении.\n" > f;
	npair = 0;
	for (i0 = 1; i0 + 6 <= n && !(real && npair >= 100); i0 += 20) {
		haspairs[i0] = 1;
		for (k = 0; k < 5; k++) {
			npair++;
			form = pforms[npair % 5 + 1];
			if (form ~ /^(учитель|педагог)/) {
				printf "\n- mentor: %s\n  mentees: [%s]\n", id("pedagog", npair % teachers + 1), id("pedagog", (npair * 7 + 3) % teachers + 1) > f;
			} else if (form ~ /^ученик/) {
				printf "\n- mentor: %s\n  mentees: [%s, %s]\n", id("uchenik", npair % students + 1), id("uchenik", (npair * 3 + 1) % students + 1), id("uchenik", (npair * 3 + 2) % students + 1) > f;
			} else {
				# real: no student in two pairs of one form at once (a warning)
				m = real ? (npair + 4) % students + 1 : (npair * 5 + 4) % students + 1;
				printf "\n- mentor: %s\n  mentees: [%s]\n", id("partner", npair % partners + 1), id("uchenik", m) > f;
			}
			printf "  form: %s\n  kind: %s\n  period: 01.11.2025 – 31.05.2026\n  program: %s\n  order: %s\n  status: %s\n", form, (form ~ /^ученик/ ? "групповое" : pkinds[npair % 5 + 1]), id("programma", i0), id("prikaz", i0 + 6), (npair % 7 == 0 ? "finished" : "active") > f;
			if (npair % 4 == 0) printf "  result: подготовлен открытый урок\n" > f;
		}
	}
	close(f);

	for (i = 1; i <= n; i++) {
		r = (i - 1) % 20; i0 = i - r;
		# Orders are of September or October; the deadlines of their items, months[mon % 2 + 3],
		# of November or December.
		day = (i % 28) + 1; mon = (i % 9) + 1;
		if (r == 0) {
			f = id(c "/programs/programma", i) ".md";
			printf "---\ntitle: Программа наставничества «Шаг навстречу — %d» на 2025–2026 учебный год\nsummary: Цели и задачи, формы наставничества, этапы реализации и показатели мониторинга программы № %d.\nacademic_year: 2025–2026\nforms: [учитель – учитель, педагог – педагог, ученик – ученик, студент – ученик, работодатель – ученик]\nauthors: [lebedeva-as, %s]\n", i, i, id("pedagog", i % teachers + 1) > f;
			approval(f);
			printf "---\n# 1. Пояснительная записка\n\nПрограмма наставничества № %d разработана в соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 и положением о наставничестве [педагогических работников](../positions/%s.md) школы.\n\nВ 2025–2026 учебном году в школе работают %d педагогов и обучаются %d человек. Четыре педагога -- молодые специалисты или вновь принятые работники; двое из них впервые назначены классными руководителями.\n\n", i, id("polozhenie", i0 + 3), 40 + i % 30, 600 + i % 400 > f;
			printf "# 2. Цель и задачи\n\nЦель программы -- раскрытие потенциала педагогов и обучающихся школы через систему наставничества, профессиональное становление молодых специалистов, успешная адаптация и самоопределение обучающихся.\n\nЗадачи программы:\n\n1. Обеспечить адаптацию молодых и вновь принятых педагогов, помочь им преодолеть профессиональные затруднения.\n2. Поддержать педагогов, впервые назначенных классными руководителями.\n3. Повысить учебную мотивацию обучающихся 5–8 классов, имеющих трудности в обучении.\n4. Помочь обучающимся 9–11 классов в выборе профиля и будущей профессии.\n\n" > f;
			printf "# 3. Этапы реализации\n\n- **подготовительный** (август–сентябрь 2025 г.): нормативная база, информирование, анкетирование;\n- **формирование пар** (сентябрь–октябрь 2025 г.): базы наставников и наставляемых, закрепление пар приказом;\n- **работа пар** (октябрь 2025 г. -- май 2026 г.): встречи по индивидуальным планам, \"открытые\" уроки, проекты;\n- **итоговый** (май–июнь 2026 г.): мониторинг, отчёты, поощрение наставников.\n\n# 4. Ожидаемые результаты\n\nДоля молодых педагогов, оставшихся в школе, -- не менее %d %%; доля наставляемых обучающихся без неудовлетворительных отметок -- не менее %d %%.\n", 80 + i % 15, 70 + i % 25 > f;
		} else if (r == 1 || r == 2) {
			f = id(c "/roadmaps/dorozhnaya-karta", i) ".md";
			printf "---\ntitle: Дорожная карта внедрения целевой модели наставничества № %d на 2025–2026 учебный год\nsummary: \"План мероприятий по внедрению целевой модели наставничества: сроки, ответственные и результаты.\"\nacademic_year: 2025–2026\n", i > f;
			approval(f);
			printf "sections:\n" > f;
			split("Подготовка условий для запуска программы наставничества|Формирование базы наставников и наставляемых|Работа наставнических пар и групп|Мониторинг и оценка результатов программы|Информационное сопровождение|Подведение итогов и тиражирование лучших практик", secs, "|");
			ns = real ? 3 + rnd(4) : 3;
			for (s = 1; s <= ns; s++) {
				printf "  - title: %s\n    items:\n", secs[s] > f;
				nt = real ? 3 + rnd(6) : 4;
				for (t = 1; t <= nt; t++) {
					k = i + s * 4 + t;
					if (k % 3 == 0) due = sprintf("до %02d.%02d.2025", k % 28 + 1, k % 4 + 9);
					else due = dues[k % 6 + 1];
					printf "      - title: \"Мероприятие %d.%d: анкетирование, собеседования и методические семинары для наставников (этап %d)\"\n        due: %s\n        responsible: [lebedeva-as, куратор]\n        result: Аналитическая справка, протокол № %d\n        status: %s\n", s, t, k % 7 + 1, due, k % 9 + 1, statuses[k % 4 + 1] > f;
				}
			}
			printf "---\nДорожная карта определяет сроки, ответственных и результаты мероприятий по внедрению целевой модели наставничества в 2025–2026 учебном году (вариант № %d).\n", i > f;
		} else if (r == 3) {
			f = id(c "/positions/polozhenie", i) ".md";
			printf "---\ntitle: Положение о наставничестве педагогических работников № %d\nsummary: Цели, формы и порядок наставничества, права и обязанности наставника и наставляемого.\naudience: %s\nweight: %d\n", i, (i % 2 ? "teachers" : "students"), i % 10 > f;
			approval(f);
			printf "  - label: СОГЛАСОВАНО\n    body: профсоюзным комитетом первичной профсоюзной организации\n    protocol: { number: 4, date: 27.08.2025 }\n---\n" > f;
			printf "# 1. Общие положения\n\n1.1. Настоящее положение определяет цели, задачи, формы и порядок осуществления наставничества в отношении педагогических работников школы, права и обязанности участников наставничества, порядок поощрения наставников и оценки результатов их работы.\n\n1.2. Положение разработано в соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ \"Об образовании в Российской Федерации\", статьёй 351.8 Трудового кодекса Российской Федерации и уставом школы.\n\n1.3. В положении используются следующие понятия:\n\n- **наставничество** -- форма обеспечения профессионального становления, развития и адаптации педагогического работника;\n- **наставник** -- педагогический работник школы, имеющий устойчивые положительные результаты профессиональной деятельности;\n- **наставляемый** -- педагогический работник, который при помощи наставника приобретает новый опыт.\n\n" > f;
			printf "# 2. Участники наставничества\n\n2.1. Наставник назначается приказом директора с его письменного согласия на срок от трёх месяцев до одного года.\n\n2.2. За одним наставником закрепляется не более %d наставляемых.\n\n# 3. Права и обязанности\n\n3.1. Наставник обязан:\n\n1. составить совместно с наставляемым индивидуальный план развития;\n2. проводить встречи с наставляемым не реже одного раза в месяц;\n3. представить куратору отчёт о результатах работы пары.\n\n3.2. Наставляемый обязан выполнять индивидуальный план развития в установленные сроки.\n\n# 4. Поощрение наставников\n\n4.1. Наставнику устанавливается выплата стимулирующего характера в размере до %d %% должностного оклада.\n", i % 3 + 2, 10 + i % 20 > f;
		} else if (r >= 4 && r <= 9) {
			f = id(c "/orders/prikaz", i) ".md";
			# numbers grow with dates, as in a register: 1 September to 31 October
			oi = int((i - 1) * 61 / n); od = oi < 30 ? oi + 1 : oi - 29; om = oi < 30 ? 9 : 10;
			if (r == 4) {
				orderhead(f, i, sprintf("Об утверждении программы наставничества и дорожных карт № %d", i), od, om);
				printf "preamble: На основании решения педагогического совета (протокол от 28.08.2025 № 1), в целях планомерной реализации наставничества\nsignatory: sokolova-iv\nappendices: [%s, %s, %s]\nacquaint: [lebedeva-as, orlova-tn]\n---\n", id("programma", i0), id("dorozhnaya-karta", i0 + 1), id("dorozhnaya-karta", i0 + 2) > f;
				printf "1. Утвердить:\n   1. программу наставничества на 2025–2026 учебный год (приложение № 1);\n   2. дорожные карты внедрения целевой модели наставничества (приложения № 2 и 3).\n2. Куратору [Лебедевой А. С.](@lebedeva-as) до %d %s 2025 г. разместить программу и дорожные карты на официальном сайте школы.\n3. Контроль за исполнением настоящего приказа оставляю за собой.\n", day, months[mon % 2 + 3] > f;
			} else if (r == 5) {
				orderhead(f, i, sprintf("Об утверждении положения о наставничестве № %d", i), od, om);
				printf "signatory: sokolova-iv\nappendices: [%s]\nacquaint: [lebedeva-as]\n---\n", id("polozhenie", i0 + 3) > f;
				printf "1. Утвердить [положение о наставничестве](../positions/%s.md) (приложение).\n2. Ввести положение в действие с 01.09.2025.\n3. Контроль за исполнением настоящего приказа оставляю за собой.\n", id("polozhenie", i0 + 3) > f;
			} else if (r == 6 && !(i0 in haspairs)) {
				# real: 100 pairs, so the orders of most blocks assign none (no empty table)
				orderhead(f, i, sprintf("О мониторинге работы наставнических пар № %d", i), od, om);
				printf "signatory: sokolova-iv\nacquaint: [lebedeva-as, orlova-tn]\n---\n" > f;
				printf "1. Провести до %d %s 2025 г. мониторинг работы наставнических пар и групп.\n2. Куратору [Лебедевой А. С.](@lebedeva-as) представить \"аналитическую справку\" по итогам мониторинга.\n3. Контроль за исполнением приказа оставляю за собой.\n", day, months[mon % 2 + 3] > f;
			} else if (r == 6) {
				orderhead(f, i, sprintf("О закреплении наставнических пар № %d", i), od, om);
				printf "signatory: sokolova-iv\nappendices: [pairs]\nacquaint: [lebedeva-as, orlova-tn]\n---\n" > f;
				printf "1. Закрепить наставнические пары согласно приложению.\n2. Наставникам составить \"индивидуальные планы\" до %d %s 2025 г.\n3. Контроль за исполнением приказа оставляю за собой.\n", day, months[mon % 2 + 3] > f;
			} else {
				orderhead(f, i, sprintf("О проведении методического семинара для наставников № %d", i), od, om);
				printf "signatory: sokolova-iv\nacquaint: [lebedeva-as, orlova-tn]\n---\n" > f;
				printf "1. Провести %d %s 2025 г. методический семинар \"От запроса наставляемого к индивидуальному плану\".\n2. Куратору [Лебедевой А. С.](@lebedeva-as) подготовить программу семинара.\n3. Контроль за исполнением приказа оставляю за собой.\n", day, months[mon % 2 + 3] > f;
			}
		} else if (r >= 10 && r <= 15) {
			f = id(c "/cases/keys", i) ".md";
			printf "---\ntitle: \"Кейс № %d: адаптация молодого специалиста\"\nform: %s\nkind: традиционное\nyear: 2025–2026\nauthors: [orlova-tn]\ntags: [адаптация, методика]\n", i, forms[(i % 5) + 1] > f;
			if (i % 2) printf "program: %s\n", id("programma", i0) > f;
			printf "---\n## Проблема\n\nМолодой педагог испытывал трудности с дисциплиной на уроке -- типичная ситуация.\n\n## Решение\n\nНаставник И. О. Фамилия провёл %d открытых уроков, разобрал с наставляемым \"сложные\" случаи.\n\n## Результат\n\n- доля уроков без замечаний выросла до %d %%;\n- наставляемый выступил на педсовете № %d.\n", i % 10 + 2, 60 + i % 40, i % 7 + 1 > f;
		} else {
			f = id(c "/news/novost", i) ".md";
			printf "---\ntitle: Встреча наставников № %d\ndate: %02d.%02d.2025\n---\nВ школе прошла встреча наставнических пар. Обсудили планы на %d %s 2025 г. и итоги \"Недели наставничества\".\n", i, day, (mon + 8) % 12 + 1, day, months[mon] > f;
		}
		if (real) {
			kind = r == 0 ? "program" : r == 3 ? "position" : r >= 10 && r <= 15 ? "case" : "other";
			target = r == 0 ? 9000 + rnd(9000) : r == 3 ? 4500 + rnd(8500) : \
				r <= 2 ? 5000 + rnd(10000) : r <= 9 ? 2000 + rnd(2000) : \
				r <= 15 ? 3000 + rnd(6000) : 1000 + rnd(1500);
			grow(f, kind, fsize(f), target);
		}
		close(f);
	}
}'
