#!/bin/sh
# The binary as a user runs it: options, exit codes, messages.
# Usage: tests/cli/run.sh BINARY
set -u
# Outputs must not depend on this repository's commits, nor say that a
# temporary project has none: tests/git tests the revision history.
NASTAVNIK_NO_HISTORY=1
export NASTAVNIK_NO_HISTORY
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# expect NAME STATUS WANT_STDOUT WANT_STDERR -- COMMAND...
# WANT_* are grep -F patterns ("" = anything; "-" = must be empty).
expect() {
	name=$1 want_status=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	ok=1
	[ "$status" -eq "$want_status" ] || { echo "cli/$name: код выхода $status, ожидался $want_status"; ok=0; }
	check_stream "$name" stdout "$tmp/out" "$want_out" || ok=0
	check_stream "$name" stderr "$tmp/err" "$want_err" || ok=0
	if [ $ok -eq 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "--- stdout:"; cat "$tmp/out"; echo "--- stderr:"; cat "$tmp/err"
	fi
}

check_stream() {
	if [ "$4" = "-" ]; then
		[ -s "$3" ] && { echo "cli/$1: $2 должен быть пустым"; return 1; }
	elif [ -n "$4" ]; then
		grep -qF -- "$4" "$3" || { echo "cli/$1: в $2 нет «$4»"; return 1; }
	fi
	return 0
}

# tally NAME MESSAGE, right after a test: its status counted, MESSAGE said when it failed.
tally() {
	if [ $? -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "cli/$1: $2"
	fi
}

version=$(cat "$root/VERSION")
expect help 0 "Использование: nastavnik [-C КАТАЛОГ] КОМАНДА" - -- "$bin" --help
expect help-short 0 "  check    проверить документы" - -- "$bin" -h
expect help-verb 0 "Использование: nastavnik" - -- "$bin" help
expect version 0 "nastavnik $version" - -- "$bin" --version
expect no-args 2 - "Использование: nastavnik" -- "$bin"
expect unknown-command 2 - "nastavnik: неизвестная команда «bild»" -- "$bin" bild
expect unknown-option 2 - "nastavnik: неизвестный параметр «--fast»" -- "$bin" --fast check
expect check-unknown-option 2 - "nastavnik: check: неизвестный параметр «-x»" -- "$bin" check -x
# The word meant: typed in the Russian layout, with a Russian letter that
# looks Latin, misspelt (four letters or more; «-x» is no «-C»).
expect command-layout 2 - "nastavnik: неизвестная команда «игшдв» — возможно, «build»: раскладка клавиатуры была русской" -- "$bin" игшдв
expect command-misspelt 2 - "nastavnik: неизвестная команда «biuld» — возможно, «build»" -- "$bin" biuld
expect command-unknown 2 - "nastavnik: неизвестная команда «xyz»" -- "$bin" xyz
if grep -q "возможно" "$tmp/err"; then echo "cli/command-unknown: подсказка без оснований"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect option-look 2 - "nastavnik: build: неизвестный параметр «-о» — возможно, «-o»: в нём русская буква, похожая на латинскую" -- "$bin" build -о x
expect option-layout 2 - "nastavnik: build: неизвестный параметр «-щ» — возможно, «-o»: раскладка клавиатуры была русской" -- "$bin" build -щ x
expect option-misspelt 2 - "nastavnik: check: неизвестный параметр «--draft» — возможно, «--drafts»" -- "$bin" check --draft
expect option-short-unknown 2 - "nastavnik: check: неизвестный параметр «-x»" -- "$bin" check -x
if grep -q "возможно" "$tmp/err"; then echo "cli/option-short-unknown: подсказка «-C» для «-x»"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect build-bad-jobs 2 - "nastavnik: build: после -j нужно число потоков от 1 до 256, а не «0»" -- "$bin" build -j 0
expect build-help 0 "Использование: nastavnik build" - -- "$bin" build --help
expect check-help 0 "Использование: nastavnik check" - -- "$bin" check --help
# One option table for every command (cmd.c): each of its kinds of option.
expect build-value-missing 2 - "nastavnik: build: после -o нужно указать значение" -- "$bin" build -o
expect print-value-missing 2 - "nastavnik: print: после -o нужно указать файл" -- "$bin" print o-vnedrenii -o
expect print-second-doc 2 - "nastavnik: print: неизвестный параметр «b»" -- "$bin" print a b
expect new-excess 2 - "nastavnik: new: лишний параметр «c»" -- "$bin" new order b c
expect serve-port-missing 2 - "nastavnik: serve: после -p нужно указать порт" -- "$bin" serve -p
expect serve-port-bad 2 - "nastavnik: serve: порт — число от 0 до 65535, а не «99999»" -- "$bin" serve --port=99999
expect check-jobs-glued 2 - "nastavnik: check: после -j нужно число потоков от 1 до 256, а не «x»" -- "$bin" check -jx
expect dash-C-missing-arg 2 - "nastavnik: после -C нужно указать каталог" -- "$bin" check -C
# --base-url: http(s) and a host, each refusal saying why (html.c).
for c in 'ftp://school14.ru/|нужен полный адрес, начинающийся с http:// или https://' \
	'https://|после «http:» или «https:» должны идти «//» и имя сайта' \
	'https://school14..ru/|в имени сайта пустая часть: две точки подряд или точка с краю' \
	'https://ivanov@school14.ru/|в адресе раздела не должно быть имени пользователя и пароля (до «@»)' \
	'https://school14.ru:8o/|после «:» в имени сайта должен идти номер порта' \
	'https://school14.ru/?page=1|в адресе раздела не должно быть «?» и «#»: нужен адрес папки раздела' \
	'https://-school14.ru/|часть имени сайта не может начинаться или кончаться дефисом' \
	'https://school_14.ru/|в имени сайта допустимы только буквы, цифры, дефис и точки'; do
	expect "build-base-url ${c%%|*}" 2 - "nastavnik: build: адрес --base-url «${c%%|*}» не подходит: ${c#*|}" -- "$bin" build --base-url "${c%%|*}"
done
# --fragment needs the section's address: site.yml without a website and no --base-url.
mkdir -p "$tmp/nobase"
cp -R "$root/content" "$tmp/nobase/content"
sed -i '/^  website:/d' "$tmp/nobase/content/site.yml"
expect build-fragment-no-base 2 - "nastavnik: ошибка: для --fragment нужен адрес раздела на сайте: ссылки во фрагментах должны быть полными, иначе на чужой странице они не откроются" -- "$bin" -C "$tmp/nobase" build --no-pdf --fragment
expect build-fragment-no-base-hint 2 - "  подсказка: укажите его: --base-url https://school14.ru/nastavnichestvo/ — или задайте organization.website (и section.base_path) в site.yml" -- "$bin" -C "$tmp/nobase" build --no-pdf --fragment
[ ! -e "$tmp/nobase/output" ]
tally build-fragment-no-base "создана папка output"
expect build-fragment-base 0 "собран в output/site" - -- "$bin" -C "$tmp/nobase" build --no-pdf --fragment --base-url https://школа14.рф/nastavnichestvo/
expect dash-C-missing-dir 2 - "nastavnik: не удалось перейти в каталог «$tmp/nope»: файл или каталог не найден" -- "$bin" -C "$tmp/nope" check

# The demo organisation is clean: exit 0, a summary on stdout, nothing on stderr.
expect demo-clean 0 "ошибок нет" - -- "$bin" check -C "$root"
expect demo-dash-C-before-verb 0 "ошибок нет" - -- "$bin" -C "$root" check

expect demo-dash-C-content 0 "ошибок нет" - -- "$bin" check -C "$root/content"

# From any folder of a project, as git: the project above it, whole.
mkdir -p "$tmp/school"
cp -R "$root/content" "$tmp/school/content"
expect inside-content 0 "проверено 26 документов" "nastavnik: проект — папка $tmp/school" -- sh -c "cd '$tmp/school/content/orders' && '$bin' check"
expect dash-C-inside 0 "проверено 26 документов" - -- "$bin" check -C "$tmp/school/content/orders"
expect build-inside 0 "собран в output/site" "" -- sh -c "cd '$tmp/school/content/news' && '$bin' build --no-pdf"
[ -f "$tmp/school/output/site/index.html" ] && [ ! -e "$tmp/school/content/news/output" ]
tally build-inside "сайт не в папке проекта output/"
# ... and a path the user gives is from the folder the command started in.
mkdir -p "$tmp/school/pechat"
expect print-inside 0 "" "" -- sh -c "cd '$tmp/school/pechat' && '$bin' print o-vnedrenii -o prikaz.pdf"
[ -s "$tmp/school/pechat/prikaz.pdf" ] && [ ! -e "$tmp/school/prikaz.pdf" ]
tally print-inside "PDF не в той папке, откуда запущена команда"
# -o never replaces a file nastavnik did not make; its own PDF it does.
echo 'мой отчёт' >"$tmp/school/pechat/moy.pdf"
expect print-foreign 2 - "pechat/moy.pdf: ошибка: файл уже есть, и сделан он не nastavnik" -- "$bin" -C "$tmp/school" print o-vnedrenii -o "$tmp/school/pechat/moy.pdf"
grep -q 'мой отчёт' "$tmp/school/pechat/moy.pdf"
tally print-foreign "файл пользователя заменён"
expect print-not-pdf 2 - "ошибка: PDF пишется только в файл .pdf" -- "$bin" -C "$tmp/school" print o-vnedrenii -o "$tmp/school/pechat/notes.txt"
expect print-again 0 "prikaz.pdf" "" -- sh -c "cd '$tmp/school/pechat' && '$bin' print o-vnedrenii -o prikaz.pdf"
expect print-force 0 "moy.pdf" "" -- "$bin" -C "$tmp/school" print o-vnedrenii -o "$tmp/school/pechat/moy.pdf" --force
# Nothing goes into content/, where all is published: not the site of
# -o, not a PDF, in a folder there or not yet there, by .. or a link.
into='сборку нельзя класть в папку content/: всё из неё публикуется на сайте, и следующая сборка приняла бы страницы и PDF за вложения'
expect build-into-content 2 - "nastavnik: content: ошибка: $into" -- sh -c "cd '$tmp/school' && '$bin' build --no-pdf -o content"
expect build-into-content-hint 2 - "  подсказка: укажите папку вне content/, например: nastavnik build -o output" -- sh -c "cd '$tmp/school/content/news' && '$bin' build --no-pdf -o novaya/../../sayt"
ln -s "$tmp/school/content/orders" "$tmp/orders-link"
expect build-into-content-link 2 - "nastavnik: $tmp/orders-link/sayt: ошибка: $into" -- "$bin" -C "$tmp/school" build --no-pdf -o "$tmp/orders-link/sayt"
expect print-into-content 2 - "nastavnik: content/orders/prikaz.pdf: ошибка: PDF нельзя класть в папку content/: всё из неё публикуется на сайте" -- "$bin" -C "$tmp/school" print o-vnedrenii -o content/orders/prikaz.pdf
expect print-report-into-content 2 - "  подсказка: укажите файл вне content/, например ~/prikaz.pdf, или не указывайте -o: PDF ляжет в output/print" -- "$bin" -C "$tmp/school" print spravka-po-itogam-monitoringa -o content/novaya/spravka.pdf
[ -z "$(find "$tmp/school/content" -newer "$tmp/orders-link" ! -type d)" ] && [ ! -e "$tmp/school/content/sayt" ] && [ ! -e "$tmp/school/content/novaya" ] && [ ! -e "$tmp/school/content/orders/sayt" ]
tally into-content-nothing "в content/ что-то записано"
# A path that only passes through content/ is fine.
expect build-through-content 0 "собран в $tmp/school/content/news/../../sayt/site" "" -- sh -c "cd '$tmp/school/content/news' && '$bin' build --no-pdf -o ../../sayt"

# print stops at an error of what it prints or of what may print into it
# (another order, people.yml) and says so; an error of a news item or a
# case, which print into nothing, is counted, as the warnings of files
# that are not printed: the order still goes to its signature.
cp -R "$root/content" "$tmp/pr"
sed -i 's/^date: .*/date: 32.13.2025/' "$tmp/pr/news/2025-09-15-start.md"
expect print-news-error 0 "nastavnik: $tmp/pr.pdf" "nastavnik: в новостях и кейсах 1 ошибка — печати это не мешает, но сайт с ней не соберётся: покажет nastavnik check" -- "$bin" -C "$tmp/pr" print o-vnedrenii -o "$tmp/pr.pdf"
! grep -q 'start\.md' "$tmp/err" && [ -s "$tmp/pr.pdf" ]
tally print-news-error "ошибка новости показана или PDF не записан"
expect build-news-error 1 - "2025-09-15-start.md:3:7: ошибка" -- "$bin" -C "$tmp/pr" build --no-pdf -o "$tmp/pr-site"
# a warning of the printed order's appendix is shown, another order's counted
sed -i 's/^# 1\. Общие положения$/& ✅/' "$tmp/pr/positions/polozhenie-konkurs-nastavnik-goda.md"
sed -i 's/^title: О внедрении целевой модели наставничества и назначении куратора$/&./' "$tmp/pr/orders/o-vnedrenii.md"
expect print-appendix-warning 0 "" "polozhenie-konkurs-nastavnik-goda.md:12:" -- "$bin" -C "$tmp/pr" print o-provedenii-konkursa-nastavnik-goda -o "$tmp/pr.pdf"
grep -qF "nastavnik: в других файлах проекта 1 предупреждение — покажет nastavnik check" "$tmp/err" && ! grep -q 'o-vnedrenii\.md' "$tmp/err"
tally print-appendix-warning "предупреждение другого приказа не сосчитано или показано"
rm -f "$tmp/pr.pdf"
sed -i 's/^date: .*/date: 31.02.2025/' "$tmp/pr/orders/o-pooshchrenii-nastavnikov.md"
expect print-order-error 1 - "nastavnik: документ не напечатан: сначала исправьте ошибки выше" -- "$bin" -C "$tmp/pr" print o-vnedrenii -o "$tmp/pr.pdf"
grep -q 'o-pooshchrenii-nastavnikov.md:4:7: ошибка' "$tmp/err" && [ ! -e "$tmp/pr.pdf" ]
tally print-order-error "ошибка другого приказа не показана или PDF записан"
printf -- '---\ntitle: [О поощрении\n---\n' >"$tmp/pr/orders/o-pooshchrenii-nastavnikov.md"
expect print-own-broken 1 - "o-pooshchrenii-nastavnikov.md:2:8: ошибка: список в квадратных скобках не закрыт" -- "$bin" -C "$tmp/pr" print o-pooshchrenii-nastavnikov -o "$tmp/pr.pdf"
! grep -q 'нет документа' "$tmp/err"
tally print-own-broken "документ с ошибкой назван несуществующим"
cp "$root/content/orders/o-pooshchrenii-nastavnikov.md" "$tmp/pr/orders/"
printf '\n- id: [oshibka\n' >>"$tmp/pr/people.yml"
expect print-people-error 1 - "nastavnik: документ не напечатан: сначала исправьте ошибки выше" -- "$bin" -C "$tmp/pr" print o-vnedrenii -o "$tmp/pr.pdf"
# A document the project has not: the one meant, by its title, its id
# misspelt, typed in the Russian layout or in part; else one to follow.
expect print-misspelt 2 - "  подсказка: возможно, имелся в виду «o-vnedrenii»" -- "$bin" -C "$root" print o-vnedreni
expect print-layout 2 - "  подсказка: возможно, имелся в виду «o-vnedrenii»: раскладка клавиатуры была русской" -- "$bin" -C "$root" print щ-мтувкутшш
expect print-part 2 - "  подсказка: возможно, имелся в виду «o-vnedrenii»" -- "$bin" -C "$root" print content/orders/prikaz-o-vnedrenii.md
expect print-title 2 - "  подсказка: это заголовок документа content/orders/o-vnedrenii.md; укажите его имя — имя файла без .md: o-vnedrenii" -- "$bin" -C "$root" print "о внедрении целевой модели"
expect print-unknown 2 - "nastavnik: ошибка: нет документа «zzz»" -- "$bin" -C "$root" print zzz
grep -qF "  подсказка: укажите имя файла документа без .md, например o-" "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 2 ]
tally print-unknown "нет примера имени документа из проекта"
expect check-misspelt 2 - "  подсказка: возможно, имелся в виду «2025-09-15-start»" -- "$bin" -C "$root" check content/news/start.md

# A project without content/ is an environment error (2) that says what to do.
mkdir -p "$tmp/empty"
expect no-content 2 - "nastavnik: content: ошибка: каталог с документами не найден" -- sh -c "cd '$tmp/empty' && '$bin' check"
expect not-a-dir 2 - "nastavnik: не удалось перейти в каталог «$root/README.md»: это не каталог" -- "$bin" check -C "$root/README.md"


# Errors: exit 1, the summary counts them in Russian.
cp -R "$root/tests/bad/_base" "$tmp/p"
printf -- '---\ntitle: a\ntitle: b\n---\n' > "$tmp/p/content/pages/a.md"
printf -- '---\ntitle: a\ntitle: b\n---\n' > "$tmp/p/content/pages/b.md"
expect errors-counted 1 - "nastavnik: найдено 2 ошибки" -- "$bin" check -C "$tmp/p"
expect errors-position 1 - "content/pages/a.md:3:1: ошибка: поле «title» указано дважды" -- "$bin" check -C "$tmp/p"

# Named files or documents: only their messages, the others' errors counted;
# a name that is neither is a usage error, with no other message.
expect named-file 1 - "nastavnik: в указанных файлах 1 ошибка; в других файлах проекта ещё 1 ошибка — покажет nastavnik check" -- "$bin" check -C "$tmp/p" content/pages/a.md
if grep -q "b\.md" "$tmp/err"; then echo "cli/named-file: сообщение о b.md"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
expect named-id 1 - "content/pages/b.md:3:1: ошибка" -- "$bin" check -C "$tmp/p" b
expect named-in-content 0 - "nastavnik: в указанных файлах ошибок нет; в других файлах проекта ещё 2 ошибки" -- "$bin" check -C "$tmp/p" people.yml
expect named-from-folder 1 - "content/pages/a.md:3:1: ошибка" -- sh -c "cd '$tmp/p/content/pages' && '$bin' check a.md"
expect named-missing 2 - "nastavnik: ошибка: нет файла или документа «nosuch.md»" -- "$bin" check -C "$tmp/p" nosuch.md
if grep -q "a\.md" "$tmp/err"; then echo "cli/named-missing: сообщения о файлах проекта"; fail=$((fail + 1)); else pass=$((pass + 1)); fi

# -C pointing at a project's content folder: the project, paths from it;
# at a content folder of no project: paths start with that folder.
expect content-folder-paths 1 - "nastavnik: content/pages/a.md:3:1: ошибка" -- "$bin" check -C "$tmp/p/content"
cp -R "$tmp/p/content" "$tmp/alone"
expect alone-content-folder-paths 1 - "nastavnik: $tmp/alone/pages/a.md:3:1: ошибка" -- "$bin" check -C "$tmp/alone"

# Drafts are left out unless --drafts.
cp -R "$root/tests/bad/_base" "$tmp/d"
printf -- '---\ntitle: Черновик\ndraft: true\ndate: 31.02.2025\n---\n' > "$tmp/d/content/news/chernovik.md"
expect drafts-skipped 0 "ошибок нет" - -- "$bin" check -C "$tmp/d"
expect drafts-checked 1 - "content/news/chernovik.md:4:7: ошибка: поле «date»: «31.02.2025» — не дата" -- "$bin" check --drafts -C "$tmp/d"

# Attachments are read too, and the summary counts them.
mkdir -p "$tmp/d/content/files"
printf 'План семинара наставников\n' > "$tmp/d/content/files/plan.txt"
printf 'Программа\n' > "$tmp/d/content/files/programma.csv"
expect attachments-counted 0 "проверено 9 документов, 3 файла данных и 2 вложения: ошибок нет" - -- "$bin" check -C "$tmp/d"

# new: a skeleton of every kind that passes check; never overwrites.
cp -R "$root/tests/bad/_base" "$tmp/n"
for k in page position program roadmap order case news form; do
	expect "new-$k" 0 "nastavnik: создан content/" - -- "$bin" new -C "$tmp/n" "$k" "novyy-$k"
done
# The положение, program and roadmap wait for the order that approves them.
expect new-skeletons-unapproved 0 "ошибок нет, 3 предупреждения" \
	"content/positions/novyy-position.md:5:3: предупреждение: документ не утверждён" -- "$bin" check -C "$tmp/n"
sed -i 's/^preamble: .*/&\nappendices: [novyy-position, novyy-program, novyy-roadmap]/' \
	"$tmp/n/content/orders/novyy-order.md"
sed -i 's/^1\. Внедрить целевую модель наставничества\.$/&\n2. Утвердить положение, программу и дорожную карту (приложения № 1–3)./; s/^2\. Контроль/3. Контроль/' \
	"$tmp/n/content/orders/novyy-order.md"
expect new-skeletons-check 0 "ошибок нет" - -- "$bin" check -C "$tmp/n"
echo "мой текст" > "$tmp/n/content/news/moya.md"
expect new-no-overwrite 2 - "content/news/moya.md уже существует — не перезаписываю" -- "$bin" new -C "$tmp/n" новость moya
grep -q "мой текст" "$tmp/n/content/news/moya.md"
tally new "файл перезаписан"
# A title in Russian for a name: the document's title, its name made from it.
expect new-title 0 "заголовок: О проведении семинара наставников: итоги" - -- "$bin" new -C "$tmp/n" приказ "О проведении семинара наставников: итоги"
grep -qx 'title: "О проведении семинара наставников: итоги"' "$tmp/n/content/orders/o-provedenii-seminara-nastavnikov-itogi.md"
tally new-title "заголовок не записан"
expect new-title-check 0 - "nastavnik: в указанных файлах ошибок нет" -- "$bin" check -C "$tmp/n" o-provedenii-seminara-nastavnikov-itogi
expect new-bad-name 2 - "например «plan-2025»" -- "$bin" new -C "$tmp/n" приказ "Plan 2025"
expect new-bad-kind 2 - "new: неизвестный вид документа «протокол»" -- "$bin" new -C "$tmp/n" протокол x

# An installed program finds its theme under its own prefix (make install
# copies themes/default to PREFIX/share/nastavnik), wherever the project is.
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/nastavnik/themes" "$tmp/elsewhere"
cp "$bin" "$tmp/prefix/bin/nastavnik"
cp -R "$root/themes/default" "$tmp/prefix/share/nastavnik/themes/"
cp -R "$root/tests/bad/_base/content" "$tmp/elsewhere/"
expect installed-build 0 "собран в output/site" - -- sh -c "cd '$tmp/elsewhere' && '$tmp/prefix/bin/nastavnik' build --no-pdf"

# check writes nothing.
before=$(find "$tmp/p" | sort | md5sum)
"$bin" check -C "$tmp/p" >/dev/null 2>&1
after=$(find "$tmp/p" | sort | md5sum)
[ "$before" = "$after" ]
tally check-writes-nothing "check изменил файлы"

# init: a project that checks with no message and builds, for each kind;
# a second init writes nothing.
for kind in school kindergarten department; do
	d=$tmp/init-$kind
	expect "init-$kind" 0 "nastavnik: проект создан в $d: 14 файлов" - -- "$bin" init "$d" --kind "$kind"
	expect "init-$kind-check" 0 "ошибок нет" - -- "$bin" -C "$d" check
	expect "init-$kind-build" 0 "собран в output/site" - -- "$bin" -C "$d" build
done
grep -q "kind: department" "$tmp/init-department/content/site.yml" && grep -q "short_name_genitive: Управления образования" "$tmp/init-department/content/site.yml"
tally init-department "не управление"
grep -q 'МБДОУ «Детский сад' "$tmp/init-kindergarten/output/site/index.html" && grep -q 'заведующий' "$tmp/init-kindergarten/content/people.yml"
tally init-kindergarten "не детский сад"
# new in a kindergarten's project: its program and case take the
# kindergarten's form, not a school's «учитель – учитель» (a warning).
d=$tmp/init-kindergarten
expect new-kindergarten-program 0 "создан content/programs/vtoraya.md" - -- "$bin" -C "$d" new program vtoraya
expect new-kindergarten-case 0 "создан content/cases/opyt.md" - -- "$bin" -C "$d" new case opyt
grep -q "^forms: \[педагог – педагог\]" "$d/content/programs/vtoraya.md" && grep -q "^form: педагог – педагог" "$d/content/cases/opyt.md"
tally new-kindergarten "форма не детского сада"
expect new-kindergarten-check 0 "ошибок нет, 1 предупреждение" "документ не утверждён" -- "$bin" -C "$d" check
rm -f "$d/content/programs/vtoraya.md" "$d/content/cases/opyt.md"
# new order: the number after the greatest of the year's orders (1-од and
# 2-од of init), not a number an order has already.
expect new-order 0 "создан content/orders/vtoroy.md" - -- "$bin" -C "$d" new order vtoroy
expect new-order-again 0 "создан content/orders/tretiy.md" - -- "$bin" -C "$d" new order tretiy
grep -q "^number: 3-од$" "$d/content/orders/vtoroy.md" && grep -q "^number: 4-од$" "$d/content/orders/tretiy.md"
tally new-order "номер не следующий"
expect new-order-check 0 "ошибок нет" - -- "$bin" -C "$d" check
rm -f "$d/content/orders/vtoroy.md" "$d/content/orders/tretiy.md"
for f in .gitignore .gitlab-ci.yml .github/workflows/nastavnik.yml; do
	[ -s "$tmp/init-school/$f" ]
	tally init "нет $f"
done
before=$(find "$tmp/init-school" -type f -exec md5sum {} + | sort | md5sum)
expect init-again 2 - "nastavnik: проект не создан: ничего не записано" -- "$bin" init "$tmp/init-school"
after=$(find "$tmp/init-school" -type f -exec md5sum {} + | sort | md5sum)
[ "$before" = "$after" ]
tally init-again "файлы изменены"
expect init-bad-kind 2 - "вид организации — school, kindergarten или department, а не «university»" -- "$bin" init "$tmp/init-x" --kind university

# hook install: a pre-commit hook that stops a commit with a mistake, and
# leaves a hook it did not write alone.
d=$tmp/init-school
expect hook-no-repo 2 - "не лежит в репозитории Git" -- "$bin" -C "$d" hook install
git -C "$d" init -q
expect hook-install 0 "перед каждой фиксацией запускается nastavnik check" - -- "$bin" -C "$d" hook install
expect hook-again 0 "перед каждой фиксацией запускается nastavnik check" - -- "$bin" -C "$d" hook install
git -C "$d" add -A
expect hook-commit-ok 0 "" "ошибок нет" -- git -C "$d" -c user.email=t@example.org -c user.name=t commit -qm init
sed -i 's/^title: .*/title:/' "$d/content/pages/o-nastavnichestve.md"
git -C "$d" add -A
expect hook-commit-refused 1 "" "на странице нет обязательного поля «title»" -- git -C "$d" -c user.email=t@example.org -c user.name=t commit -qm bad
printf '#!/bin/sh\nexit 0\n' >"$d/.git/hooks/pre-commit"
expect hook-foreign 2 - "уже есть, и он не наш — не заменяю" -- "$bin" -C "$d" hook install

# The libraries only some commands need are loaded with dlopen() on first
# use (lazylib.c), not at start-up: none of them is NEEDED, and commands
# that do not use them never load them (LD_DEBUG=files lists each load).
lazy='lib\(curl\|git2\|microhttpd\|zip\|xml2\|xlsxwriter\|glib-2\.0\|gobject-2\.0\|fontconfig\|harfbuzz\|cairo\|pango-1\.0\|pangocairo-1\.0\)\.'
# what the print engine loads: Pango and the libraries under it
print_libs="libcairo
libfontconfig
libglib-2.0
libgobject-2.0
libharfbuzz
libpango-1.0
libpangocairo-1.0"
# lazy_loads NAME WANT -- COMMAND...: the lazy libraries COMMAND loads, one
# name a line without ".so…", sorted ("" for none), must be WANT. The
# lines of a process that runs llvm-symbolizer (clang's sanitizers start
# it to read a stack; LD_DEBUG goes with it) are not the command's.
lazy_loads() {
	name=$1 want=$2
	shift 3
	got=$(LD_DEBUG=files "$@" 2>&1 >/dev/null |
		awk '{ v[NR] = $0; pid[NR] = $1 } /llvm-symbolizer/ { skip[$1] = 1 }
		     END { for (i = 1; i <= NR; i++) if (!(pid[i] in skip)) print v[i] }' |
		sed -n "s/.*file=\($lazy\)so[^ ]* .*/\1/p" | sed 's/\.$//' | LC_ALL=C sort -u)
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "cli/lazy-$name: загружены «$got», ожидалось «$want»"
	fi
}
if readelf -d "$bin" | grep NEEDED | grep -q "$lazy"; then
	fail=$((fail + 1))
	echo "cli/lazy-needed: библиотеки, которые грузятся по требованию, снова связаны с программой:"
	readelf -d "$bin" | grep NEEDED | grep "$lazy"
else
	pass=$((pass + 1))
fi
lazy_loads version "" -- "$bin" --version
# (the demo is in this repository's Git: neither reads the history)
lazy_loads check "" -- env -u NASTAVNIK_NO_HISTORY "$bin" -C "$root" check
lazy_loads print "$print_libs" -- env -u NASTAVNIK_NO_HISTORY "$bin" -C "$root" print o-vnedrenii -o "$tmp/lazy.pdf"
lazy_loads print-help "" -- "$bin" print --help
"$bin" init "$tmp/lazy" >/dev/null 2>&1
echo 'deploy: sftp://127.0.0.1:1/site/' >>"$tmp/lazy/content/site.yml"
lazy_loads build-no-git "" -- env -u NASTAVNIK_NO_HISTORY "$bin" -C "$tmp/lazy" build --no-pdf -o "$tmp/lazy-out"
lazy_loads build-pdf "$print_libs" -- env -u NASTAVNIK_NO_HISTORY "$bin" -C "$tmp/lazy" build -o "$tmp/lazy-out-pdf"
git -C "$tmp/lazy" init -q
lazy_loads build-git "libgit2" -- env -u NASTAVNIK_NO_HISTORY "$bin" -C "$tmp/lazy" build --no-pdf -o "$tmp/lazy-out"
lazy_loads import-txt "" -- "$bin" -C "$tmp/lazy" import --dry-run "$root/tests/import/fixtures/order-utf8.txt"
lazy_loads import-docx "libxml2
libzip" -- "$bin" -C "$tmp/lazy" import --dry-run "$root/tests/import/fixtures/order.docx"
# A library that cannot be loaded is a diagnostic of the command that
# needs it, not a crash: a library of that soname without its functions
# (a copy of libyaml) is found first through LD_LIBRARY_PATH.
mkdir "$tmp/fakelib"
for l in curl git2 microhttpd zip xlsxwriter pango; do
	so=$(strings "$bin" | grep -m1 "^lib$l\(-1\.0\)\?\.so\.")
	eval "so_$l=\$so"
	cp "$(ldd "$bin" | awk '/libyaml/ { print $3 }')" "$tmp/fakelib/$so"
done
fake="env -u NASTAVNIK_NO_HISTORY LD_LIBRARY_PATH=$tmp/fakelib"
expect lazy-missing-report 2 - "nastavnik: ошибка: не удалось загрузить библиотеку $so_xlsxwriter: в ней нет функции format_set_align" -- $fake "$bin" -C "$tmp/lazy" report --xlsx "$tmp/lazy.xlsx"
expect lazy-missing-serve 2 - "nastavnik: ошибка: не удалось загрузить библиотеку $so_microhttpd: в ней нет функции MHD_add_response_header" -- $fake "$bin" -C "$tmp/lazy" serve
expect lazy-missing-import 2 - "nastavnik: ошибка: не удалось загрузить библиотеку $so_zip: в ней нет функции zip_discard" -- $fake "$bin" -C "$tmp/lazy" import --dry-run "$root/tests/import/fixtures/order.docx"
expect lazy-missing-deploy 2 - "nastavnik: ошибка: не удалось загрузить библиотеку $so_curl: в ней нет функции curl_global_init" -- $fake "$bin" -C "$tmp/lazy" deploy -o "$tmp/lazy-out"
expect lazy-missing-history 0 "" "nastavnik: примечание: история редакций не показана: не удалось загрузить библиотеку $so_git2: в ней нет функции git_libgit2_init" -- $fake "$bin" -C "$tmp/lazy" build --no-pdf --force -o "$tmp/lazy-out"
"$bin" init "$tmp/lazy-dept" --kind department >/dev/null 2>&1
printf 'members:\n  - http://127.0.0.1:1/data.json\n' >>"$tmp/lazy-dept/content/site.yml"
expect lazy-missing-members 0 "" "участник «http://127.0.0.1:1/data.json»: не удалось получить данные (не удалось загрузить библиотеку $so_curl: в ней нет функции curl_global_init); организация пропущена" -- $fake "$bin" -C "$tmp/lazy-dept" build --no-pdf -o "$tmp/lazy-dept-out"
expect lazy-missing-members-hint 0 "" "  подсказка: установите зависимости: sh scripts/deps.sh (в Debian — пакет, в котором есть $so_curl)" -- $fake "$bin" -C "$tmp/lazy-dept" build --no-pdf --force -o "$tmp/lazy-dept-out"
# Pango lacking a function: print stops, build makes the site without the PDFs.
expect lazy-missing-print 2 - "nastavnik: ошибка: не удалось загрузить библиотеку $so_pango: в ней нет функции pango_attr_letter_spacing_new" -- $fake "$bin" -C "$tmp/lazy" print o-vnedrenii -o "$tmp/lazy.pdf"
expect lazy-missing-build-pdf 2 "документы для печати не собраны — см. ошибку выше" "nastavnik: ошибка: не удалось загрузить библиотеку $so_pango: в ней нет функции pango_attr_letter_spacing_new" -- $fake "$bin" -C "$tmp/lazy" build -o "$tmp/lazy-out-fake"
expect lazy-missing-build-site 0 "" - -- test -s "$tmp/lazy-out-fake/site/index.html"
expect lazy-missing-hint 2 - "  подсказка: установите зависимости: sh scripts/deps.sh (в Debian — пакет, в котором есть $so_xlsxwriter)" -- $fake "$bin" -C "$tmp/lazy" report --xlsx "$tmp/lazy.xlsx"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
