#!/bin/sh
# `nastavnik import`: the demo school's documents, written as .docx, .odt
# and text by make-fixtures.py (committed in fixtures/), are imported into
# a copy of the demo and compared field by field with the demo's own
# (compare.py); `check` must pass afterwards. Hostile files must give
# their exact error and write nothing.
#
# Usage: tests/import/run.sh BINARY
# Regenerate the fixtures: tests/import/make-fixtures.py . tests/import/fixtures
# (then bless the expected reports: IMPORT_BLESS=1 tests/import/run.sh BINARY).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fx=$here/fixtures
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
got_total=0
want_total=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "import/$1"; }

# same NAME FILE EXPECTED: FILE must equal EXPECTED (or bless it).
same() {
	if [ -n "${IMPORT_BLESS:-}" ]; then cp "$2" "$3"; fi
	if cmp -s "$2" "$3"; then ok; else bad "$1: вывод отличается:"; diff "$3" "$2" | head -20; fi
}

# quiet FILE: FILE has no diagnostic but the one an imported положение,
# program or roadmap gets until an order of the project approves it.
quiet() {
	! grep 'ошибка:\|предупреждение:' "$1" | grep -qv 'предупреждение: документ не утверждён'
}

# roundtrip FIXTURE DEMO [plain]: import into a copy of the demo, compare with
# DEMO (plain: text, which has no bold); DEMO «-»: with expected/NAME.md (the
# fixture's name without its extension) byte for byte.
roundtrip() {
	rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
	# The demo's own DEMO stays (others refer to its id), but an order gives
	# its registration number up to the twin imported beside it.
	[ "$2" = - ] || sed -i 's/^number: \(.*\)$/number: \1-демо/' "$tmp/p/content/$2"
	name=$(basename "$1")
	(cd "$tmp" && "$bin" -C p import "$fx/$1") >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] && quiet "$tmp/err" && ok || { bad "$name: код $status"; cat "$tmp/err"; }
	sed "s|$fx/||" "$tmp/out" >"$tmp/report"
	same "$name: отчёт" "$tmp/report" "$here/expected/$name.report"
	written=$(sed -n 's/^  записан //p' "$tmp/out")
	if [ -z "$written" ] || [ ! -f "$tmp/p/$written" ]; then
		bad "$name: документ не записан"
		return
	fi
	if [ "$2" = - ]; then
		same "$name: документ" "$tmp/p/$written" "$here/expected/${name%.*}.md"
	else
		$py "$here/compare.py" "$tmp/p/$written" "$root/content/$2" ${3:-} >"$tmp/cmp"
		[ $? -eq 0 ] && ok || { bad "$name: поля отличаются от $2:"; cat "$tmp/cmp"; }
		line=$(tail -n 1 "$tmp/cmp")
		got_total=$((got_total + $(echo "$line" | sed 's|recovered \([0-9]*\)/.*|\1|')))
		want_total=$((want_total + $(echo "$line" | sed 's|recovered [0-9]*/||')))
		echo "import: $name → $2: $line"
	fi
	"$bin" -C "$tmp/p" check >"$tmp/check" 2>&1 && quiet "$tmp/check" && ok ||
		{ bad "$name: check после импорта:"; head -20 "$tmp/check"; }
}

roundtrip order.docx orders/o-zakreplenii-par.md
roundtrip order.odt orders/o-zakreplenii-par.md
roundtrip order-utf8.txt orders/o-zakreplenii-par.md
roundtrip order-cp1251.txt orders/o-zakreplenii-par.md
roundtrip order-utf16.txt orders/o-zakreplenii-par.md
roundtrip order.rtf orders/o-zakreplenii-par.md
roundtrip position.docx positions/polozhenie-pedagogi.md
roundtrip position.odt positions/polozhenie-pedagogi.md
roundtrip position-utf8.txt positions/polozhenie-pedagogi.md plain
roundtrip position-cp1251.txt positions/polozhenie-pedagogi.md plain
roundtrip position-utf16.txt positions/polozhenie-pedagogi.md plain
roundtrip roadmap.docx roadmaps/dorozhnaya-karta-2025-2026.md
roundtrip roadmap.odt roadmaps/dorozhnaya-karta-2025-2026.md
roundtrip roadmap-utf8.txt roadmaps/dorozhnaya-karta-2025-2026.md
roundtrip roadmap-cp1251.txt roadmaps/dorozhnaya-karta-2025-2026.md
roundtrip roadmap-utf16.txt roadmaps/dorozhnaya-karta-2025-2026.md
roundtrip program.docx programs/programma-nastavnichestva.md
roundtrip program.odt programs/programma-nastavnichestva.md

# The program's scheme, with its caption under it, is a file of
# content/files/ (the fixture's PNG, byte for byte) and prints on paper.
pic=$tmp/p/content/files/programma-nastavnichestva-shag-navstrechu-na-2025-2026-risunok-1.png
[ -f "$pic" ] && [ "$(head -c 8 "$pic" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] && ok ||
	bad "program.odt: рисунок не записан в content/files/"
if "$bin" -C "$tmp/p" print programma-nastavnichestva-shag-navstrechu-na-2025-2026 -o "$tmp/prog.pdf" >/dev/null 2>&1; then
	[ "$(pdfimages -list "$tmp/prog.pdf" | tail -n +3 | wc -l)" -eq 1 ] && ok ||
		{ bad "program.odt: в PDF нет рисунка:"; pdfimages -list "$tmp/prog.pdf"; }
else
	bad "program.odt: print не сработал"
fi

# An order as a school keeps it in one Word or LibreOffice file
# (make-fixtures.py appendices): the order, «С приказом ознакомлены:» (in
# the .docx under the signature, in the .odt at the very end), then each
# положение on a page of its own under its stamp «Приложение № N к
# приказу от … № …», one of them with «УТВЕРЖДЕНО приказом …» of this
# order beside its other blocks. Three documents, each as the demo's; the
# order lists the two in appendices, so neither is left unapproved (check
# is silent), and paper prints them with «УТВЕРЖДЕНО приказом …» from it.
ord=orders/ob-utverzhdenii-polozheniy-o-nastavnichestve.md
app1=polozhenie-o-nastavnichestve-pedagogicheskikh-rabotnikov-maou
app2=polozhenie-o-nastavnichestve-obuchayushchikhsya-maou-sosh-14
for f in order-appendices.docx order-appendices.odt; do
	rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
	sed -i 's/^number: \(.*\)$/number: \1-демо/' "$tmp/p/content/orders/ob-utverzhdenii-polozheniya.md"
	(cd "$fx" && "$bin" -C "$tmp/p" import "$f") >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] && ! grep -q 'ошибка:\|предупреждение:' "$tmp/err" && ok ||
		{ bad "$f: код $status"; cat "$tmp/err"; }
	same "$f: отчёт" "$tmp/out" "$here/expected/$f.report"
	for pair in $ord:orders/ob-utverzhdenii-polozheniya.md positions/$app1.md:positions/polozhenie-pedagogi.md \
		positions/$app2.md:positions/polozhenie-obuchayushchiesya.md; do
		$py "$here/compare.py" "$tmp/p/content/${pair%%:*}" "$root/content/${pair#*:}" >"$tmp/cmp"
		[ $? -eq 0 ] && ok || { bad "$f: ${pair%%:*} отличается от ${pair#*:}:"; cat "$tmp/cmp"; }
	done
	grep -qx "appendices: \[$app1, $app2\]" "$tmp/p/content/$ord" && ok ||
		{ bad "$f: нет appendices:"; cat "$tmp/p/content/$ord"; }
	"$bin" -C "$tmp/p" check >"$tmp/check" 2>&1 && ! grep -q 'ошибка:\|предупреждение:' "$tmp/check" && ok ||
		{ bad "$f: check после импорта:"; head -20 "$tmp/check"; }
done
if "$bin" -C "$tmp/p" print ob-utverzhdenii-polozheniy-o-nastavnichestve -o "$tmp/ord.pdf" >/dev/null 2>&1; then
	pdftotext "$tmp/ord.pdf" - | tr '\n' ' ' >"$tmp/ord.txt"
	grep -q 'Приложение № 1 ' "$tmp/ord.txt" && grep -q 'Приложение № 2 ' "$tmp/ord.txt" &&
		[ "$(grep -o 'УТВЕРЖДЕНО приказом МАОУ «СОШ № 14» от 29.08.2025 № 118-од' "$tmp/ord.txt" | wc -l)" -eq 2 ] && ok ||
		{ bad "order-appendices.odt: в PDF приказа нет приложений со штампами:"; head -c 2000 "$tmp/ord.txt"; }
else
	bad "order-appendices.odt: print не сработал"
fi

# The same in a text file: an appendix that is a положение, «УТВЕРЖДЕНО
# приказом …» under its stamp, keeps the stamp of its own form
# («Приложение 1 к Положению …») inside it; a stamp of four lines, the
# organisation's name on one of them, is one stamp; a list
# of people (a page) is appended not for the site, and the site shows
# none of its names; a plan's own «УТВЕРЖДАЮ» is not written (the order
# approves it, check is silent). --dry-run writes none of the four.
cat >"$tmp/group.txt" <<'TXT'
Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 14»
ПРИКАЗ
№ 140-од от 15.10.2025
г. Верхнеозёрск
О создании рабочей группы по внедрению целевой модели наставничества
В целях организации работы по внедрению целевой модели наставничества
ПРИКАЗЫВАЮ:
1. Утвердить Положение о рабочей группе по внедрению целевой модели наставничества (приложение № 1).
2. Утвердить состав рабочей группы (приложение № 2).
3. Утвердить план мероприятий рабочей группы (приложение № 3).
4. Контроль за исполнением настоящего приказа оставляю за собой.
Директор      И. В. Соколова
Приложение № 1
к приказу от 15.10.2025 № 140-од
УТВЕРЖДЕНО
приказом директора
от 15.10.2025 № 140-од
ПОЛОЖЕНИЕ
о рабочей группе по внедрению целевой модели наставничества
1. Общие положения
1.1. Рабочая группа создаётся для организации внедрения целевой модели наставничества в школе.
1.2. Отчёт о работе пары наставник составляет по форме приложения 1 к настоящему положению.
Приложение 1
к Положению о рабочей группе
Форма отчёта наставника: цели, проведённые встречи, результаты.
Приложение № 2
к приказу директора
МАОУ «СОШ № 14»
от 15.10.2025 № 140-од
Состав рабочей группы по внедрению целевой модели наставничества
Лебедева Анна Сергеевна, заместитель директора, руководитель группы
Орлова Татьяна Николаевна, учитель русского языка и литературы
Приложение № 3
к приказу от 15.10.2025 № 140-од
УТВЕРЖДАЮ
Директор МАОУ «СОШ № 14»
________ И. В. Соколова
ПЛАН МЕРОПРИЯТИЙ рабочей группы на 2025–2026 учебный год
№	Мероприятие	Срок	Ответственный
1	Заседание рабочей группы	Октябрь 2025	Лебедева А. С.
TXT
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/before"
"$bin" -C "$tmp/p" import --dry-run "$tmp/group.txt" >/dev/null 2>&1
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && ok || bad "group: --dry-run записал файлы"
(cd "$tmp" && "$bin" -C p import group.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] && ! grep -q 'ошибка:\|предупреждение:' "$tmp/err" && ok ||
	{ bad "group: код $status"; cat "$tmp/err"; }
same "group: отчёт" "$tmp/out" "$here/expected/group.report"
grep -qx 'appendices: \[polozhenie-o-rabochey-gruppe-po-vnedreniyu-tselevoy-modeli, {id: sostav-rabochey-gruppy-po-vnedreniyu-tselevoy-modeli, web: false}, plan-meropriyatiy-rabochey-gruppy-na-2025-2026-uchebnyy-god\]' \
	"$tmp/p/content/orders/o-sozdanii-rabochey-gruppy-po-vnedreniyu-tselevoy-modeli.md" && ok ||
	{ bad "group: нет appendices с web: false"; cat "$tmp/p/content/orders/o-sozdanii-rabochey-gruppy-po-vnedreniyu-tselevoy-modeli.md"; }
grep -q 'Форма отчёта наставника' "$tmp/p/content/positions/polozhenie-o-rabochey-gruppe-po-vnedreniyu-tselevoy-modeli.md" && ok ||
	bad "group: приложение положения не осталось в положении"
if "$bin" -C "$tmp/p" build --no-pdf -o "$tmp/site" >/dev/null 2>&1; then
	! grep -rlq 'Орлова Татьяна' "$tmp/site/site" && ok || bad "group: имена из состава группы на сайте"
else
	bad "group: build не сработал"
fi

# The table of pairs of an order, as the school keeps it in one Word or
# LibreOffice file (make-fixtures.py pairs): the demo's twelve pairs under
# «Приложение к приказу …», in the .docx a header of two rows, a group's
# mentor, number, form and period merged down its rows (in the .odt
# spanning them over covered cells). In a copy of the demo without its pairs,
# they come back into pairs.yml as the demo has them (mentor, mentees,
# form, period), the order cites «appendices: [pairs]», check is silent,
# and the order prints its table of pairs.
for f in order-pairs.docx order-pairs.odt; do
	rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
	: >"$tmp/p/content/pairs.yml"
	sed -i '/^appendices: \[pairs\]$/d; s/^number: \(.*\)$/number: \1-демо/' "$tmp/p/content/orders/o-zakreplenii-par.md"
	(cd "$fx" && "$bin" -C "$tmp/p" import "$f") >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] && ! grep -q 'ошибка:\|предупреждение:' "$tmp/err" && ok || { bad "$f: код $status"; cat "$tmp/err"; }
	same "$f: отчёт" "$tmp/out" "$here/expected/$f.report"
	$py - "$tmp/p/content/pairs.yml" "$root/content/pairs.yml" >"$tmp/cmp" <<-'PY'
	import sys, yaml
	got, want = (yaml.safe_load(open(f, encoding='utf-8')) for f in sys.argv[1:])
	want = [p for p in want if p.get('order') == 'o-zakreplenii-par']
	keys = ('mentor', 'mentees', 'form', 'period', 'program')
	bad = [(g, w) for g, w in zip(got, want) if any(g.get(k) != w.get(k) for k in keys)]
	order = {g['order'] for g in got}
	print('pairs %d/%d, order %s' % (len(got) - len(bad), len(want), order))
	sys.exit(1 if bad or len(got) != len(want) or order != {'o-zakreplenii-nastavnicheskikh-par-grupp-na-2025-2026'} else 0)
	PY
	[ $? -eq 0 ] && ok || { bad "$f: пары отличаются от демо:"; cat "$tmp/cmp"; cat "$tmp/p/content/pairs.yml"; }
	grep -qx 'appendices: \[pairs\]' "$tmp/p/content/orders/o-zakreplenii-nastavnicheskikh-par-grupp-na-2025-2026.md" && ok ||
		bad "$f: нет appendices: [pairs]"
	"$bin" -C "$tmp/p" check >"$tmp/check" 2>&1 && ! grep -q 'ошибка:\|предупреждение:' "$tmp/check" && ok ||
		{ bad "$f: check после импорта:"; head -20 "$tmp/check"; }
	if "$bin" -C "$tmp/p" print o-zakreplenii-nastavnicheskikh-par-grupp-na-2025-2026 -o "$tmp/pairs.pdf" >/dev/null 2>&1; then
		pdftotext "$tmp/pairs.pdf" - | tr '\n' ' ' >"$tmp/pairs.txt"
		grep -q 'Состав наставнических пар и групп' "$tmp/pairs.txt" && grep -q 'Тарасов Юрий' "$tmp/pairs.txt" && ok ||
			{ bad "$f: в PDF приказа нет таблицы пар:"; head -c 2000 "$tmp/pairs.txt"; }
	else
		bad "$f: print не сработал"
	fi
done

# Pairs under a row of their form across the table, a group's mentees in
# one cell (a paragraph each, with a class), a name by initials; a row
# that names no one is said, not guessed.
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$fx" && "$bin" -C "$tmp/p" import --dry-run order-pairs-sections.docx) >"$tmp/out" 2>&1
sed -n '/, приложение № 1 (/,$p' "$tmp/out" >"$tmp/report"
same "order-pairs-sections.docx: отчёт" "$tmp/report" "$here/expected/order-pairs-sections.docx.report"

# A table of pairs in a text file, people not in people.yml among them: a
# new teacher with her position, students with their class, not
# published; the pairs name their new ids.
printf '%s\n' 'ПРИКАЗ' '№ 150-од от 20.10.2025' 'О закреплении наставнических пар во втором полугодии' 'ПРИКАЗЫВАЮ:' \
	'1. Закрепить наставнические пары согласно приложению.' 'Директор      И. В. Соколова' \
	'Приложение' 'к приказу от 20.10.2025 № 150-од' 'Состав наставнических пар' >"$tmp/pairs.txt"
printf '№\tФИО наставника\tФИО наставляемого\tФорма наставничества\tСрок\n' >>"$tmp/pairs.txt"
printf '1\tОрлова Т. Н.\tЗайцева Мария Андреевна, учитель биологии\tУчитель-учитель\tс 01.11.2025 по 31.05.2026\n' >>"$tmp/pairs.txt"
printf '2\tКузнецова Елена Владимировна\tПетров Илья Сергеевич, 7 «Б» класс; Смирнова Анна Олеговна, 7 «Б» класс\tпедагог – ученик\t\n' >>"$tmp/pairs.txt"
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$tmp" && "$bin" -C p import pairs.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] && ! grep -q 'ошибка:' "$tmp/err" && ok || { bad "pairs.txt: код $status"; cat "$tmp/err"; }
sed -n '/^# добавлено nastavnik import/,$p' "$tmp/p/content/pairs.yml" >"$tmp/added"
same "pairs.txt: pairs.yml" "$tmp/added" "$here/expected/pairs.added"
sed -n '/^# добавлено nastavnik import/,$p' "$tmp/p/content/people.yml" >"$tmp/added"
same "pairs.txt: people.yml" "$tmp/added" "$here/expected/pairs-people.added"

# The table of pairs saved apart from its order, its stamp at the top:
# imported with the order, the order cites «appendices: [pairs]»; alone,
# its pairs name the project's order of that number and date.
printf '%s\n' 'Приложение' 'к приказу от 20.10.2025 № 151-од' 'Состав наставнических пар' >"$tmp/app.txt"
printf 'Наставник\tНаставляемый\tФорма\nОрлова Т. Н.\tГусев Д. В.\tпедагог – педагог\n' >>"$tmp/app.txt"
printf '%s\n' 'ПРИКАЗ' '№ 151-од от 20.10.2025' 'О закреплении наставнических пар на второе полугодие' 'ПРИКАЗЫВАЮ:' \
	'1. Закрепить наставнические пары согласно приложению.' 'Директор      И. В. Соколова' >"$tmp/ord.txt"
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$tmp" && "$bin" -C p import ord.txt app.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
o=$tmp/p/content/orders/o-zakreplenii-nastavnicheskikh-par-na-vtoroe-polugodie.md
[ "$status" -eq 0 ] && ! grep -q 'ошибка:' "$tmp/err" && grep -qx 'appendices: \[pairs\]' "$o" &&
	tail -n 5 "$tmp/p/content/pairs.yml" | grep -qx '  order: o-zakreplenii-nastavnicheskikh-par-na-vtoroe-polugodie' && ok ||
	{ bad "app.txt с приказом: код $status"; cat "$tmp/err" "$tmp/out"; }
sed 's/20.10.2025 № 151-од/30.09.2025 № 131-ОД/' "$tmp/app.txt" >"$tmp/app2.txt"
(cd "$tmp" && "$bin" -C p import --dry-run app2.txt) >"$tmp/out" 2>&1
same "app2.txt: отчёт" "$tmp/out" "$here/expected/pairs-file.report"
# The same as lines «Наставник — наставляемый».
printf '%s\n' 'Приложение' 'к приказу от 30.09.2025 № 131-од' 'Список наставнических пар' \
	'1. Орлова Т. Н. — Гусев Д. В.' '2. Кузнецова Е. В. — Егорова К. И.' >"$tmp/list.txt"
(cd "$tmp" && "$bin" -C p import --dry-run list.txt) >"$tmp/out" 2>&1
grep -qx '  список наставнических пар (абзац 4): 2 пары → content/pairs.yml' "$tmp/out" &&
	grep -qx '  mentees: \[egorova-ki\]' "$tmp/out" && grep -c '^  order: o-zakreplenii-par$' "$tmp/out" | grep -qx 2 && ok ||
	{ bad "list.txt: список пар отдельным файлом не перенесён:"; cat "$tmp/out"; }

# A table of pairs among an order's items (not its appendix): its pairs
# go to pairs.yml, the order cites «appendices: [pairs]», and the report
# asks to make the item cite the appendix; no names stay in the order.
printf '%s\n' 'ПРИКАЗ' '№ 152-од от 21.10.2025' 'О закреплении наставников за молодыми специалистами' 'ПРИКАЗЫВАЮ:' \
	'1. Закрепить наставников за молодыми специалистами:' >"$tmp/body.txt"
printf 'Наставник\tНаставляемый\tФорма\tСрок\n' >>"$tmp/body.txt"
printf 'Орлова Т. Н.\tЗайцева Мария Андреевна, учитель биологии\tучитель – учитель\t21.10.2025 – 31.05.2026\n' >>"$tmp/body.txt"
printf '%s\n' '2. Контроль исполнения приказа оставляю за собой.' 'Директор      И. В. Соколова' >>"$tmp/body.txt"
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$tmp" && "$bin" -C p import --dry-run body.txt) >"$tmp/out" 2>&1
same "body.txt: отчёт" "$tmp/out" "$here/expected/pairs-body.report"
(cd "$tmp" && "$bin" -C p import body.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
o=$tmp/p/content/orders/o-zakreplenii-nastavnikov-za-molodymi-spetsialistami.md
[ "$status" -eq 0 ] && ! grep -q 'ошибка:' "$tmp/err" && grep -qx 'appendices: \[pairs\]' "$o" && ! grep -q 'Зайцева' "$o" &&
	tail -n 5 "$tmp/p/content/pairs.yml" | grep -qx '  order: o-zakreplenii-nastavnikov-za-molodymi-spetsialistami' && ok ||
	{ bad "body.txt: код $status"; cat "$tmp/err" "$o"; }

# A table of pairs whose rows name no one: an error at the appendix, and
# nothing written.
printf '%s\n' 'ПРИКАЗ' '№ 141-од от 16.10.2025' 'О закреплении пар' 'ПРИКАЗЫВАЮ:' '1. Закрепить пары согласно приложению.' \
	'Директор      И. В. Соколова' 'Приложение к приказу от 16.10.2025 № 141-од' >"$tmp/pairs.txt"
printf 'Наставник\tНаставляемый\nучитель математики\tученик 7 класса\n' >>"$tmp/pairs.txt"
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/before"
(cd "$tmp" && "$bin" -C p import pairs.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
[ "$status" -eq 1 ] && cmp -s "$tmp/before" "$tmp/after" && ok || bad "pairs: код $status или файлы изменились"
same "pairs: сообщение" "$tmp/err" "$here/expected/pairs.err"

# An appendix of another table alone has no title to name it by: an
# error at it, and nothing written.
printf '%s\n' 'ПРИКАЗ' '№ 141-од от 16.10.2025' 'О рабочей группе' 'ПРИКАЗЫВАЮ:' '1. Утвердить состав группы.' \
	'Директор      И. В. Соколова' 'Приложение к приказу от 16.10.2025 № 141-од' >"$tmp/group2.txt"
printf 'ФИО\tДолжность\nОрлова Т. Н.\tучитель\n' >>"$tmp/group2.txt"
(cd "$tmp" && "$bin" -C p import group2.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
[ "$status" -eq 1 ] && cmp -s "$tmp/before" "$tmp/after" && ok || bad "group2: код $status или файлы изменились"
same "group2: сообщение" "$tmp/err" "$here/expected/untitled.err"

# The stamp in the right cell of a table of two, its left one empty, as
# Word's users place it: still the appendix's stamp, with its three lines.
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$fx" && "$bin" -C "$tmp/p" import --dry-run order-stamp-table.docx) >"$tmp/out" 2>&1
grep -qx '  приложение № 1: «Приложение к приказу МАОУ «СОШ № 14» от 15.10.2025 № 140-од» (абзац 12) → sostav-rabochey-gruppy-po-vnedreniyu-tselevoy-modeli (абзацы 16–18), не для сайта (web: false)' "$tmp/out" &&
	grep -qx '\[Орлова Татьяна Николаевна\](@orlova-tn), учитель русского языка и литературы' "$tmp/out" && ok ||
	{ bad "order-stamp-table.docx: штамп в таблице не узнан:"; cat "$tmp/out"; }

# A list of pairs as lines «Наставник — наставляемые» under its title goes
# to pairs.yml as a table would.
printf '%s\n' 'ПРИКАЗ' '№ 142-од от 17.10.2025' 'О закреплении наставнических пар' 'ПРИКАЗЫВАЮ:' \
	'1. Закрепить наставнические пары согласно приложению.' 'Директор      И. В. Соколова' \
	'Приложение' 'к приказу от 17.10.2025 № 142-од' 'Список наставнических пар' \
	'1. Орлова Т. Н. — Зайцева Мария Андреевна, учитель биологии' '2. Кузнецова Е. В. — Гусев Д. В., Егорова К. И.' \
	'3. Вакансия — Сидорова М. А.' >"$tmp/pairs2.txt"
(cd "$tmp" && "$bin" -C p import --dry-run pairs2.txt) >"$tmp/out" 2>&1
sed -n '/, приложение № 1 (/,$p' "$tmp/out" >"$tmp/report"
same "pairs2: отчёт" "$tmp/report" "$here/expected/pairs-list.report"

# A list of pairs written otherwise is a page not for the site, and the
# report says where pairs belong.
printf '%s\n' 'ПРИКАЗ' '№ 142-од от 17.10.2025' 'О закреплении наставнических пар' 'ПРИКАЗЫВАЮ:' \
	'1. Закрепить наставнические пары согласно приложению.' 'Директор      И. В. Соколова' \
	'Приложение' 'к приказу от 17.10.2025 № 142-од' 'Список наставнических пар' \
	'Наставник Орлова Т. Н., наставляемая Зайцева М. А.' >"$tmp/pairs3.txt"
(cd "$tmp" && "$bin" -C p import --dry-run pairs3.txt) >"$tmp/out" 2>&1
grep -qx '  похоже на список наставнических пар: пары вносятся в content/pairs.yml (order: o-zakreplenii-nastavnicheskikh-par), и приказ ссылается на их таблицу — appendices: \[pairs\]; эта страница тогда не нужна (таблицу со столбцами «Наставник» и «Наставляемый» или строки «Орлова Т. Н. — Зайцева М. А.» импорт переносит в pairs.yml сам)' "$tmp/out" &&
	grep -qx 'appendices: \[{id: spisok-nastavnicheskikh-par, web: false}\]' "$tmp/out" && ok ||
	{ bad "pairs3: нет совета о pairs.yml:"; cat "$tmp/out"; }

# Pictures as a school pastes them (make-fixtures.py PICTURES): a PNG
# alone with «Рисунок 1 — …» under it, a JPEG in a line of text (after
# it, and the report asks for its caption), one in a table and a GIF
# (skipped and counted), one with «Рис. 3. …» under it, the last with its
# caption above it (taken back as its text), and in the .odt an SVG with
# its PNG beside it (the PNG is taken). The files are the
# pictures' bytes, named after the document; .docx and .odt alike.
for f in pictures.docx pictures.odt; do
	rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
	(cd "$fx" && "$bin" -C "$tmp/p" import --kind page "$f") >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -eq 0 ] && quiet "$tmp/err" && ok || { bad "$f: код $status"; cat "$tmp/err"; }
	same "$f: отчёт" "$tmp/out" "$here/expected/$f.report"
	same "$f: документ" "$tmp/p/content/pages/pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare.md" "$here/expected/pictures.md"
	n=0
	for want in shema.png:png foto.jpg:jpg znak.png:png shema.png:png znak.png:png; do
		n=$((n + 1))
		cmp -s "$root/tests/regress/cases/images/content/files/${want%:*}" \
			"$tmp/p/content/files/pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare-risunok-$n.${want#*:}" &&
			ok || bad "$f: рисунок $n — не ${want%:*}"
	done
	[ "$(ls "$tmp/p/content/files" | wc -l)" -eq 5 ] && ok || { bad "$f: лишние файлы:"; ls "$tmp/p/content/files"; }
done

# A picture of 5 MiB in 41 drawings (many-pictures.py): 13 are taken, up to
# 64 MiB together, and the others are skipped and counted (so are the
# fixture's last two: the same part, and one past the limit).
$py "$here/many-pictures.py" "$fx/pictures.docx" "$tmp/many.docx"
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
"$bin" -C "$tmp/p" import --dry-run --kind page "$tmp/many.docx" >"$tmp/out" 2>&1
grep -q '^  рисунки: 13 — ' "$tmp/out" && grep -q '^  пропущено: рисунков — 34, ' "$tmp/out" && ok ||
	{ bad "many pictures: не 13 рисунков и 34 пропущенных:"; grep 'рисунк' "$tmp/out"; }

# --dry-run writes no picture; a picture's file already there stops the
# import, and nothing is written.
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
(cd "$fx" && "$bin" -C "$tmp/p" import --dry-run --kind page pictures.docx) >/dev/null 2>&1
[ ! -d "$tmp/p/content/files" ] && ok || bad "pictures dry-run: записаны рисунки"
mkdir "$tmp/p/content/files" && echo old >"$tmp/p/content/files/pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare-risunok-2.jpg"
(cd "$fx" && "$bin" -C "$tmp/p" import --kind page pictures.docx) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] && [ "$(ls "$tmp/p/content/files")" = pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare-risunok-2.jpg ] &&
	[ "$(cat "$tmp/p/content/files/pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare-risunok-2.jpg")" = old ] &&
	[ ! -f "$tmp/p/content/pages/pervyy-god-molodogo-uchitelya-kak-my-rabotali-v-pare.md" ] && ok ||
	{ bad "pictures: рисунок перезаписан или документ записан (код $status)"; ls "$tmp/p/content/files"; }
same "pictures: сообщение" "$tmp/err" "$here/expected/pictures-exists.err"

# A plan table copied out of a document as text, as schools publish it
# (../shared/examples/004): each cell on lines of its own after a tab, a
# stage column whose cells carry «Задача:» and «Результат:», a row that
# only continues the item above (cells merged down), a column of no kind
# («Содержание деятельности» beside «Мероприятия») kept as an extra one.
roundtrip roadmap-cells.txt -

# Signs put through Word's dialog «Символ» (w:sym of the fonts Symbol and
# Wingdings) become the signs they stand for; one not known stays as the
# font's code, which check names at its place, never dropped.
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
"$bin" -C "$tmp/p" import --kind page "$fx/symbols.docx" >/dev/null 2>&1 && ok || bad "symbols: код $?"
same "symbols: документ" "$tmp/p/content/pages/pamyatka-nastavniku.md" "$here/expected/symbols.md"
"$bin" -C "$tmp/p" check >"$tmp/out" 2>&1
grep -q '^nastavnik: content/pages/pamyatka-nastavniku.md:8:8: предупреждение: знак U+F04A из шрифта Word (Symbol или Wingdings): в других шрифтах его нет, на сайте и в PDF будет пустой квадрат$' "$tmp/out" && ok ||
	{ bad "symbols: check не назвал знак Wingdings:"; cat "$tmp/out"; }

# A row «Задачи: …» under no section cannot be placed: the report says so.
printf 'ДОРОЖНАЯ КАРТА на 2025–2026 учебный год\n\nМероприятие\tСрок\tОтветственный\nЗадачи: подготовка условий\t\t\nАнкетирование педагогов\tСентябрь 2025\tКуратор\n' >"$tmp/tasks.txt"
"$bin" -C "$tmp/p" import --dry-run "$tmp/tasks.txt" >"$tmp/out" 2>&1
grep -q '^    строка 2 таблицы «Задачи: подготовка условий» — цель, задачи или результат без раздела над ними: перенесите строку в раздел или в текст$' "$tmp/out" && ok ||
	{ bad "tasks: нет сообщения о строке задач без раздела:"; cat "$tmp/out"; }

# Never overwrite: the same order a second time is an error, nothing changes.
rm -rf "$tmp/p" && mkdir "$tmp/p" && cp -r "$root/content" "$tmp/p/"
"$bin" -C "$tmp/p" import "$fx/order.docx" >/dev/null 2>&1
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/before"
(cd "$fx" && "$bin" -C "$tmp/p" import position.odt order.docx) >"$tmp/out" 2>"$tmp/err"
status=$?
(cd "$tmp/p" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
[ "$status" -eq 1 ] && ok || bad "overwrite: код $status, а не 1"
cmp -s "$tmp/before" "$tmp/after" && ok || bad "overwrite: файлы изменились (position.odt не должен был записаться)"
same "overwrite: сообщение" "$tmp/err" "$here/expected/overwrite.err"

# A control character in a line that continues the paragraph above (it
# starts with a lower-case letter) becomes a space, as in any other line.
printf 'Памятка наставнику\n\nВстречи проходят раз в неделю,\nпо вторникам\003 в кабинете 12.\n' >"$tmp/ctl.txt"
"$bin" -C "$tmp/p" import --dry-run --kind page "$tmp/ctl.txt" >"$tmp/out" 2>&1
if LC_ALL=C grep -q "$(printf '\003')" "$tmp/out"; then
	bad "ctl: управляющий символ попал в документ"
else
	grep -q 'раз в неделю, по вторникам  *в кабинете 12\.' "$tmp/out" && ok ||
		{ bad "ctl: строка продолжения не присоединена:"; cat "$tmp/out"; }
fi

# An id taken by a document of another kind is an error too.
printf 'Программа наставничества\nТекст.\n' >"$tmp/page.txt"
(cd "$tmp" && "$bin" -C p import --kind page page.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 1 ] && [ ! -f "$tmp/p/content/pages/programma-nastavnichestva.md" ] && ok ||
	bad "id: код $status или файл записан"
same "id: сообщение" "$tmp/err" "$here/expected/id.err"

# Usage errors: exit 2 and the exact message.
"$bin" import --kind letter x.txt >/dev/null 2>"$tmp/err"
status=$?
[ "$status" -eq 2 ] && ok || bad "usage: код $status, а не 2"
same "usage: сообщение" "$tmp/err" "$here/expected/usage.err"

# --dry-run writes nothing and shows the document.
(cd "$tmp/p" && find content -type f | sort) >"$tmp/before"
"$bin" -C "$tmp/p" import --dry-run "$fx/roadmap.odt" >"$tmp/out" 2>&1
status=$?
(cd "$tmp/p" && find content -type f | sort) >"$tmp/after"
[ "$status" -eq 0 ] && cmp -s "$tmp/before" "$tmp/after" && ok || bad "dry-run: код $status или записан файл"
grep -q '^  будет записан content/roadmaps/' "$tmp/out" && grep -q '^sections:$' "$tmp/out" && ok ||
	bad "dry-run: нет документа в выводе"

# people.yml and site.yml: into the small project of tests/bad, whose
# director is someone else, the demo order's signatory is appended at the
# end of people.yml (only appended bytes), the founder it lacks is
# inserted into site.yml (every other byte kept), the differing name is
# reported and not changed; check passes with at most warnings.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
cp "$tmp/b/content/people.yml" "$tmp/people.was"
cp "$tmp/b/content/site.yml" "$tmp/site.was"
(cd "$tmp/b" && find content -type f -exec md5sum {} + | sort) >"$tmp/before"
(cd "$fx" && "$bin" -C "$tmp/b" import --dry-run order-utf8.txt) >"$tmp/out" 2>&1
status=$?
(cd "$tmp/b" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
[ "$status" -eq 0 ] && cmp -s "$tmp/before" "$tmp/after" && ok || bad "people dry-run: код $status или файлы изменились"
sed -n '/^  будет дописано/,/^  будет записан/p' "$tmp/out" >"$tmp/shown"
same "people dry-run: вывод" "$tmp/shown" "$here/expected/people-dry.out"
(cd "$fx" && "$bin" -C "$tmp/b" import order-utf8.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] && ok || bad "people: код $status"
same "people: отчёт" "$tmp/out" "$here/expected/people.report"
same "people: предупреждения" "$tmp/err" "$here/expected/people.err"
size=$(wc -c <"$tmp/people.was")
head -c "$size" "$tmp/b/content/people.yml" | cmp -s - "$tmp/people.was" && ok ||
	bad "people: прежние байты people.yml изменились"
tail -c +$((size + 1)) "$tmp/b/content/people.yml" >"$tmp/added"
same "people: дописанное" "$tmp/added" "$here/expected/people.added"
diff "$tmp/site.was" "$tmp/b/content/site.yml" >"$tmp/site.diff"
same "site: изменения" "$tmp/site.diff" "$here/expected/site.diff"
"$bin" -C "$tmp/b" check >"$tmp/check" 2>&1 && ! grep -q 'ошибка:' "$tmp/check" && ok ||
	{ bad "people: check после импорта:"; head -20 "$tmp/check"; }
# A second document by the same person: people.yml is not touched again,
# the order names the id added the first time.
cp "$tmp/b/content/people.yml" "$tmp/people.was"
cp "$tmp/b/content/site.yml" "$tmp/site.was"
printf '%s\n' 'МБОУ «ООШ № 2»' 'ПРИКАЗ' '01.10.2025 № 20-од' 'с. Заречное' \
	'О проведении семинара наставников' 'В целях обмена опытом наставников школы' \
	'ПРИКАЗЫВАЮ:' '1. Провести семинар наставников 15.10.2025.' \
	'2. Контроль за исполнением приказа оставляю за собой.' 'Директор И. В. Соколова' >"$tmp/seminar.txt"
(cd "$tmp" && "$bin" -C b import seminar.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 0 ] && cmp -s "$tmp/people.was" "$tmp/b/content/people.yml" &&
	cmp -s "$tmp/site.was" "$tmp/b/content/site.yml" && ok ||
	bad "people again: код $status или people.yml, site.yml изменились"
grep -qx 'signatory: sokolova-iv' "$tmp/b/content/orders/o-provedenii-seminara-nastavnikov.md" && ok ||
	bad "people again: нет signatory: sokolova-iv"
# The approver of a block УТВЕРЖДАЮ; the organisation after the position is dropped.
printf '%s\n' 'УТВЕРЖДАЮ' 'Директор МБОУ «ООШ № 2»' '________ П. С. Зайцев' '01.09.2025' '' \
	'ПОЛОЖЕНИЕ' 'о совете наставников' '' '1.1. Совет объединяет наставников школы.' >"$tmp/sovet.txt"
cp "$tmp/b/content/people.yml" "$tmp/people.was"
(cd "$tmp" && "$bin" -C b import sovet.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
size=$(wc -c <"$tmp/people.was")
tail -c +$((size + 1)) "$tmp/b/content/people.yml" >"$tmp/added"
[ "$status" -eq 0 ] && ok || bad "approver: код $status"
same "approver: дописанное" "$tmp/added" "$here/expected/approver.added"
grep -q '^    person: zaytsev-ps$' "$tmp/b/content/positions/polozhenie-o-sovete-nastavnikov.md" && ok ||
	bad "approver: нет person: zaytsev-ps"
# УТВЕРЖДАЮ by the deputy acting as director: the block keeps the position.
printf '%s\n' 'УТВЕРЖДАЮ' 'И.о. директора МБОУ «ООШ № 2»' '__________ М.П. Иванова' '«29» августа 2025 г.' '' \
	'ПОЛОЖЕНИЕ' 'о совете молодых педагогов' '' '1.1. Совет объединяет молодых педагогов школы.' >"$tmp/acting-pos.txt"
(cd "$tmp" && "$bin" -C b import acting-pos.txt) >"$tmp/out" 2>"$tmp/err"
f=$tmp/b/content/positions/polozhenie-o-sovete-molodykh-pedagogov.md
sed -n 4,6p "$f" >"$tmp/block"
printf '%s\n' '  - label: УТВЕРЖДАЮ' '    person: ivanova-mp' '    position: И.о. директора' >"$tmp/want"
cmp -s "$tmp/block" "$tmp/want" && ! grep -q 'ошибка:\|не директор' "$tmp/err" && ok ||
	{ bad "acting approver: нет position:"; cat "$tmp/err"; diff "$tmp/want" "$tmp/block"; }
# Approved by an order the project does not have: the block cites it.
printf '%s\n' 'УТВЕРЖДЕНО' 'приказом от 14.04.2021 № 55-од' '' 'ПОЛОЖЕНИЕ' 'о методическом совете' '' \
	'1.1. Методический совет координирует работу наставников.' >"$tmp/sovet-old.txt"
(cd "$tmp" && "$bin" -C b import sovet-old.txt) >"$tmp/out" 2>"$tmp/err"
f=$tmp/b/content/positions/polozhenie-o-metodicheskom-sovete.md
sed -n 4,5p "$f" >"$tmp/block"
printf '%s\n' '  - label: УТВЕРЖДЕНО' '    order: { number: 55-од, date: 14.04.2021 }' >"$tmp/want"
cmp -s "$tmp/block" "$tmp/want" && ! grep -q 'ошибка:\|не утверждён' "$tmp/err" &&
	grep -qx '  УТВЕРЖДЕНО приказом от 14.04.2021 № 55-од (приказа нет в проекте)' "$tmp/out" && ok ||
	{ bad "outside order: блок УТВЕРЖДЕНО не записан:"; cat "$tmp/out" "$tmp/err" "$f"; }
# Signed by the deputy acting as director: the signature's position is kept.
printf '%s\n' 'МБОУ «ООШ № 2»' 'ПРИКАЗ' '06.10.2025 № 21-од' 'с. Заречное' \
	'О проведении открытых уроков' 'В целях обмена опытом наставников школы' \
	'ПРИКАЗЫВАЮ:' '1. Провести открытые уроки наставников до 31.10.2025.' \
	'2. Контроль за исполнением приказа оставляю за собой.' 'И. о. директора	М. П. Иванова' >"$tmp/acting.txt"
(cd "$tmp" && "$bin" -C b import acting.txt) >"$tmp/out" 2>"$tmp/err"
f=$tmp/b/content/orders/o-provedenii-otkrytykh-urokov.md
grep -qx 'signatory: ivanova-mp' "$f" && grep -qx 'signatory_position: И. о. директора' "$f" &&
	grep -qx '  подписал исполняющий обязанности: «И. о. директора»' "$tmp/out" &&
	"$bin" -C "$tmp/b" check >"$tmp/check" 2>&1 && ! grep -q 'не директор' "$tmp/check" && ok ||
	{ bad "acting: нет signatory_position или check предупреждает:"; cat "$tmp/out" "$tmp/check" | head -20; }
# No site.yml: it is not created, the report says so.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b" && rm "$tmp/b/content/site.yml"
(cd "$fx" && "$bin" -C "$tmp/b" import order-utf8.txt) >"$tmp/out" 2>/dev/null
[ ! -f "$tmp/b/content/site.yml" ] && grep -qx '    content/site.yml нет — организация из документа не внесена (файл не создаётся)' "$tmp/out" && ok ||
	bad "no site.yml: создан или нет строки в отчёте"

# All or nothing: when the document cannot be written (its folder is a
# file), people.yml keeps its bytes and nothing else is written either.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b" && rm -r "$tmp/b/content/positions"
: >"$tmp/b/content/positions"
(cd "$tmp/b" && find content -type f -exec md5sum {} + | sort) >"$tmp/before"
(cd "$tmp" && "$bin" -C b import sovet.txt) >/dev/null 2>"$tmp/err"
status=$?
(cd "$tmp/b" && find content -type f -exec md5sum {} + | sort) >"$tmp/after"
[ "$status" -eq 2 ] && cmp -s "$tmp/before" "$tmp/after" && ok ||
	bad "all or nothing: код $status или файлы изменились"
same "all or nothing: сообщение" "$tmp/err" "$here/expected/unwritable.err"

# Lettered sub-items stay lettered: lines of their item after hard breaks; check passes.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
printf '%s\n' 'ПРИКАЗ' '01.10.2025 № 21-од' 'О плане' 'ПРИКАЗЫВАЮ:' '1. Утвердить план.' \
	'2. Наставникам:' 'а) составить планы;' 'б) провести встречи.' '3. Контроль оставляю за собой.' \
	'Директор А. Н. Петрова' >"$tmp/letters.txt"
(cd "$tmp" && "$bin" -C b import letters.txt) >/dev/null 2>"$tmp/err"
status=$?
awk 'n >= 2; /^---$/ { n++ }' "$tmp/b/content/orders/o-plane.md" >"$tmp/items"
printf '%s\n' '1. Утвердить план.' '2. Наставникам:\' '   а) составить планы;\' '   б) провести встречи.' \
	'3. Контроль оставляю за собой.' >"$tmp/want"
[ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/items" "$tmp/want" && ok ||
	{ bad "letters: код $status или пункты:"; cat "$tmp/err"; diff "$tmp/want" "$tmp/items"; }

# Text saved from a document with pictures: each «[image: …]» is taken out
# (with one of two spaces around it) and counted in the report.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
printf '%s\n' 'ПОЛОЖЕНИЕ' 'о совете наставников' '' \
	'1.1. Совет объединяет наставников школы (далее [image: ]«Совет»).' \
	'1.2. Принципы работы совета:[image: Схема 1]' '-[image: ] открытость;' \
	'- коллегиальность «наставник [image: ]- наставляемый».' '1.3. Скобка [image: без конца.' >"$tmp/images.txt"
(cd "$tmp" && "$bin" -C b import --kind position images.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
awk 'n >= 2; /^---$/ { n++ }' "$tmp/b/content/positions/polozhenie-o-sovete-nastavnikov.md" >"$tmp/items"
printf '%s\n' '1.1. Совет объединяет наставников школы (далее «Совет»).' '' \
	'1.2. Принципы работы совета:' '' '- открытость;' '- коллегиальность «наставник - наставляемый».' '' \
	'1.3. Скобка \[image: без конца.' >"$tmp/want"
[ "$status" -eq 0 ] && grep -qxF '  пропущено: рисунков — 4, встроенных объектов — 0; сохраните рисунки в content/files/ как PNG или JPEG (в Word — «Сохранить как рисунок…» в меню рисунка, схему из фигур — снимком экрана) и вставьте каждый отдельной строкой на его место: ![Рисунок 1 — Название](../files/risunok-1.png)' "$tmp/out" &&
	cmp -s "$tmp/items" "$tmp/want" && ok ||
	{ bad "images: код $status, отчёт или текст:"; cat "$tmp/out" "$tmp/err"; diff "$tmp/want" "$tmp/items"; }

# A положение typed without a title line and without styles, as
# ../shared/examples/002 is: it opens with «1. Общие положения», names
# itself in clause 1.1; the sections are in sentence case, one ends with a
# full stop. The kind and title come from clause 1.1 (the report says so
# and asks to check it), every «N. …» line followed by clause N.1 is a
# section heading without its full stop.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
printf '%s\n' '1. Общие положения' \
	'1.1. Настоящее Положение о наставничестве для педагогических работников муниципальных организаций, осуществляющих образовательную деятельность (далее — Положение), определяет порядок наставничества.' \
	'1.2. Положение разработано в соответствии с методическими рекомендациями.' '' \
	'2. Цели и задачи наставничества.' '2.1. Цель наставничества — профессиональный рост педагогов.' \
	'3. Права наставника' 'наставник вправе привлекать других педагогов.' >"$tmp/untitled.txt"
(cd "$tmp" && "$bin" -C b import untitled.txt) >"$tmp/out" 2>"$tmp/err"
status=$?
doc=$tmp/b/content/positions/polozhenie-o-nastavnichestve-dlya-pedagogicheskikh-rabotnikov.md
sed -n 2,3p "$tmp/out" >"$tmp/found"
printf '%s\n' '  вид: положение — абзац 2 «1.1. Настоящее Положение о наставничеств…»' \
	'  заголовок (строки заголовка нет, взят из абзаца 2): Положение о наставничестве для педагогических работников муниципальных организаций — проверьте его' >"$tmp/want"
[ "$status" -eq 0 ] && quiet "$tmp/err" && cmp -s "$tmp/found" "$tmp/want" && ok ||
	{ bad "untitled: код $status или отчёт:"; cat "$tmp/err"; diff "$tmp/want" "$tmp/found"; }
grep '^#' "$doc" >"$tmp/heads" 2>/dev/null
printf '%s\n' '# 1. Общие положения' '# 2. Цели и задачи наставничества' >"$tmp/want"
cmp -s "$tmp/heads" "$tmp/want" && grep -qx 'title: Положение о наставничестве для педагогических работников муниципальных организаций' "$doc" && ok ||
	{ bad "untitled: заголовки или title:"; diff "$tmp/want" "$tmp/heads"; }
"$bin" -C "$tmp/b" check >"$tmp/check" 2>&1 && ! grep -q 'ошибка:' "$tmp/check" && ok ||
	{ bad "untitled: check после импорта:"; head -20 "$tmp/check"; }

# A title of 150 characters gives a name cut after a whole word to 64,
# with the academic year the cut took kept at its end: the plans of two
# years with one long title become two files.
rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
for y in 2024 2025; do
	printf '%s\n' "План мероприятий (дорожная карта) внедрения и реализации методологии (целевой модели) наставничества в МАОУ «СОШ № 14» на $y-$((y + 1)) учебный год" '' \
		'№	Мероприятие	Срок	Ответственный' "1	Анкетирование наставников	Сентябрь $y	Орлова Т. Н." >"$tmp/plan-$y.txt"
	(cd "$tmp" && "$bin" -C b import "plan-$y.txt") >"$tmp/out" 2>"$tmp/err"
	grep -o 'записан .*' "$tmp/out" >>"$tmp/names"
done
printf '%s\n' 'записан content/roadmaps/plan-meropriyatiy-dorozhnaya-karta-vnedreniya-i-realizatsii-2024-2025.md' \
	'записан content/roadmaps/plan-meropriyatiy-dorozhnaya-karta-vnedreniya-i-realizatsii-2025-2026.md' >"$tmp/want"
cmp -s "$tmp/names" "$tmp/want" && ok || { bad "long title: имена файлов:"; diff "$tmp/want" "$tmp/names"; }

# Made here, too big to commit: an archive of 5001 entries, a part packed
# 1000 to 1, and an empty text.
$py - "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1] + '/many.docx', 'w') as z:
    for i in range(5001):
        z.writestr(str(i), '')
with zipfile.ZipFile(sys.argv[1] + '/ratio.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('word/document.xml', b'<' * (4 << 20))
open(sys.argv[1] + '/empty.txt', 'w').write('\n\n')
PY

# Hostile files: the exact error, exit 1, nothing written.
for f in bomb.docx entities.docx encrypted.docx text.docx corrupt.docx odt-named.docx \
	"$tmp/many.docx" "$tmp/ratio.docx" "$tmp/empty.txt"; do
	rm -rf "$tmp/b" && cp -r "$root/tests/bad/_base" "$tmp/b"
	(cd "$tmp/b" && find content -type f | sort) >"$tmp/before"
	case $f in /*) dir=$(dirname "$f") ;; *) dir=$fx ;; esac
	(cd "$dir" && "$bin" -C "$tmp/b" import "$(basename "$f")") >"$tmp/out" 2>"$tmp/err"
	status=$?
	f=$(basename "$f")
	(cd "$tmp/b" && find content -type f | sort) >"$tmp/after"
	[ "$status" -eq 1 ] && ok || bad "$f: код $status, а не 1"
	cmp -s "$tmp/before" "$tmp/after" && ok || bad "$f: что-то записано"
	same "$f: сообщение" "$tmp/err" "$here/expected/$f.err"
done

echo "import: восстановлено реквизитов, пунктов и ячеек: $got_total из $want_total"
echo "import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
