#!/bin/sh
# Personal data on the public site (issue 12): a corpus of attack vectors,
# each a small project made from tests/bad/_base plus a hidden teacher,
# Зайцева Ольга Викторовна (publish: none). Every vector ends one of two
# ways:
#  - refused: `check` fails with exactly tests/pd/expected/NAME (located
#    messages with hints), and `build` fails too, writing no output;
#  - built: the build succeeds, the expected public text is on the page,
#    and no form of a hidden name is anywhere on the site: in any file's
#    bytes (every case form, any letter case, Ё/Е, the given name and
#    patronymic, Latin spellings), in file names, in the text of every
#    public PDF (pdftotext, lines joined).
# Some vectors also prove they are real: the paper copy carries the name.
#
# Usage: tests/pd/run.sh [--bless] BINARY
# --bless rewrites tests/pd/expected/* from the current output (read
# `git diff tests/pd` before committing).
set -u
bless=0
if [ "${1:-}" = "--bless" ]; then bless=1; shift; fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
expdir=$root/tests/pd/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH

# The visible text of a PDF, lines joined, soft hyphens and zero-width
# characters dropped, so a name broken over two lines reads whole.
pdf_text() {
	pdftotext -q "$1" - 2>/dev/null |
		sed -e 's/\xC2\xAD//g' -e 's/\xE2\x80\x8B//g' -e 's/\xE2\x81\xA0//g' -e 's/-$//' |
		tr -d '\n\f'
}

# Every form of the hidden names: Зайцева in any case and letter case, with
# «е» or «ё», in Latin; her given name and patronymic; the student Белова
# Дарья; the full name of Иванова (published with initials only).
# grep -i folds Cyrillic case under C.UTF-8.
leak_re='за[йи]ц[её]в|za[iyj]{1,2}(ts|c|tz)[eyo]{1,2}v|ольг[аеиуой]{1,2}[[:space:] ]+викторовн|белов|дарь[яеию]|мари[яиюей]{1,2}[[:space:] ]+петровн'

# site_leaks DIR: print where a hidden name shows in DIR (bytes, names, PDFs).
site_leaks() {
	grep -rliE "$leak_re" "$1" 2>/dev/null | sed "s|^$1/|содержимое: |"
	(cd "$1" && find . -type f) | grep -iE "$leak_re" | sed 's/^/имя файла: /'
	for f in "$1"/*/*.pdf "$1"/*.pdf "$1"/files/*.pdf; do
		[ -f "$f" ] || continue
		pdf_text "$f" | grep -qiE "$leak_re" && echo "текст PDF: ${f#"$1/"}"
	done
}

bad() {
	fail=$((fail + 1))
	echo "pd/$name: $*"
}

# new NAME: a copy of the base project with the hidden teacher.
new() {
	name=$1
	p=$tmp/$1
	cp -r "$root/tests/bad/_base" "$p"
	cat >>"$p/content/people.yml" <<'YML'
- id: zaytseva-ov
  surname: Зайцева
  name: Ольга
  patronymic: Викторовна
  category: teacher
  position: учитель биологии
  publish: none
YML
}

# front FILE LINE...: put the lines right after the front matter's opening ---.
front() {
	f=$p/content/$1
	shift
	{ sed -n 1p "$f"; printf '%s\n' "$@"; sed -n '2,$p' "$f"; } >"$f.new" && mv "$f.new" "$f"
}

# add FILE TEXT: append a paragraph to a document's body.
add() {
	printf '\n%s\n' "$2" >>"$p/content/$1"
}

# refused: `check` prints exactly expected/NAME and fails; `build` fails
# and writes nothing.
refused() {
	(cd "$p" && "$bin" check) >"$p/check.out" 2>&1
	st=$?
	if [ "$bless" -eq 1 ]; then
		cp "$p/check.out" "$expdir/$name"
	fi
	if [ ! -f "$expdir/$name" ]; then
		bad "нет файла tests/pd/expected/$name"
		return
	fi
	if [ "$st" -ne 1 ] || ! cmp -s "$p/check.out" "$expdir/$name"; then
		bad "check: код $st, сообщения не те:"
		diff "$expdir/$name" "$p/check.out" | sed 's/^/    /'
		return
	fi
	if "$bin" build -C "$p" -o "$p/out" >"$p/build.out" 2>&1; then
		bad "check отказал, а build собрал"
		return
	fi
	if [ -e "$p/out/site" ] || [ -e "$p/out/print" ]; then
		bad "build отказал, но записал output"
		return
	fi
	pass=$((pass + 1))
}

# built [PATH TEXT]...: the build succeeds with no message of a hidden
# name; out/site/PATH holds TEXT for each pair; no leak on the site.
built() {
	if ! "$bin" build -C "$p" -o "$p/out" >"$p/build.out" 2>&1; then
		bad "сборка не удалась:"
		sed 's/^/    /' "$p/build.out"
		return
	fi
	ok=1
	while [ $# -ge 2 ]; do
		if ! sed 's/\xC2\xA0/ /g; s/\xE2\x80\xAF/ /g' "$p/out/site/$1" | grep -qF -- "$2"; then
			ok=0
			echo "pd/$name: в $1 нет «$2»"
		fi
		shift 2
	done
	leaks=$(site_leaks "$p/out/site")
	if [ -n "$leaks" ]; then
		ok=0
		echo "pd/$name: на сайте скрытое имя:"
		echo "$leaks" | sed 's/^/    /'
	fi
	if [ "$ok" -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# paper_only KIND ID: after built, the paper copy names the hidden person
# (the vector is real) and the site neither has its PDF nor links one.
paper_only() {
	if ! pdf_text "$p/out/print/$2.pdf" | grep -qiE "$leak_re"; then
		bad "в бумажной копии $2.pdf нет имени — вектор не проверяет ничего"
	elif [ -e "$p/out/site/$1/$2.pdf" ] || grep -q "href=\"$2.pdf\"" "$p/out/site/$1/$2.html"; then
		bad "$1/$2.pdf опубликован на сайте"
	else
		pass=$((pass + 1))
	fi
}

# --- structured fields: the paper copy names her, the site never ---------

# authors: [id] of a hidden person, on the program's title page.
new authors
front programs/programma.md 'authors: [zaytseva-ov]' 'title_page: true'
built programs/programma.html 'Составители: <span class="list-item">участница, педагог</span>'
paper_only programs programma

# an approval's person hidden.
new approval-person
cat >"$p/content/positions/polozhenie.md" <<'EOF'
---
title: Положение о наставничестве
approval:
  - label: ПРИНЯТО
    body: педагогическим советом
    protocol: { number: 1, date: 28.08.2025 }
  - label: УТВЕРЖДАЮ
    person: zaytseva-ov
    date: 29.08.2025
---
# 1. Общие положения

1.1. Положение определяет порядок наставничества.
EOF
built
paper_only positions polozhenie

# ... and a news item links its PDF: the build keeps the PDF off and says
# so, with a warning at the link it leaves broken.
new mention-pdf-link
add positions/polozhenie.md '1.2. Куратор программы — [Зайцева О. В.](@zaytseva-ov "учитель биологии").'
add news/start.md 'Положение — в [PDF](../positions/polozhenie.pdf).'
built positions/polozhenie.html 'Куратор программы — учитель биологии.'
paper_only positions polozhenie
for want in 'content/news/start.md:7:15: предупреждение: ссылка на PDF «../positions/polozhenie.pdf», которого на сайте не будет: в нём имя человека, которого сайт не называет' \
	'content/positions/polozhenie.md: примечание: PDF документа не выложен на сайт: в нём напечатано «Зайцева О. В.» (zaytseva-ov), а сайт так этого человека не называет'; do
	grep -qxF "nastavnik: $want" "$p/build.out" || bad "сборка не сказала: $want"
done

# roadmap responsible given by id: the web shows her role.
new responsible-id
sed -i 's/responsible: \[petrova-an, директор\]/responsible: [zaytseva-ov, petrova-an]/' \
	"$p/content/roadmaps/plan.md"
built roadmaps/plan.html 'Петрова Анна Николаевна'
paper_only roadmaps plan

# an acquaintance list naming her: paper only.
new acquaint
front orders/o-vnedrenii.md 'acquaint: [zaytseva-ov, ivanova-mp]'
built orders/o-vnedrenii.html 'О внедрении целевой модели наставничества'

# --- mentions: the author marks the name, the web shows its public form ---

new mention-title
add positions/polozhenie.md '1.2. Куратор программы — [Зайцева О. В.](@zaytseva-ov "учитель биологии").'
built positions/polozhenie.html 'Куратор программы — учитель биологии.'
paper_only positions polozhenie

new mention-case
add programs/programma.md 'Поручить [Зайцевой Ольге Викторовне](@zaytseva-ov "учителю биологии") подготовить отчёт.'
built programs/programma.html 'Поручить учителю биологии подготовить отчёт.'
paper_only programs programma

new mention-bare
add news/start.md 'Открытый урок провела [Зайцева О. В.](@zaytseva-ov).'
built news/start.html 'Открытый урок провела'

new mention-initials
add cases/fizika.md 'Руководитель — [Иванова Мария Петровна](@ivanova-mp).'
built cases/fizika.html 'Иванова М. П.'

new mention-student
add cases/fizika.md 'Проект подготовила [Белова Дарья](@belova-da "обучающаяся 8 класса").'
built cases/fizika.html 'Проект подготовила обучающаяся 8 класса.'

new mention-in-heading
add positions/polozhenie.md '## Урок [Зайцевой О. В.](@zaytseva-ov "учителя биологии")'
built positions/polozhenie.html 'Урок учителя биологии'

new mention-published
add pages/o-nastavnichestve.md 'Директор — [Петрова Анна Николаевна](@petrova-an).'
built pages/o-nastavnichestve.html 'Директор — Петрова Анна Николаевна.'

# --- items and appendices kept off the web --------------------------------

new private-item
cat >>"$p/content/orders/o-vnedrenii.md" <<'EOF'
3. Выплатить премию Зайцевой О. В., учителю биологии, в размере 5000 рублей. <!-- не для сайта -->
EOF
built orders/o-vnedrenii.html 'пункт не публикуется'

# --- unmarked names in public text: refused, located, with a hint ---------

new body-surname
add positions/polozhenie.md '1.2. Зайцева провела открытый урок.'
refused

new body-dative
add positions/polozhenie.md '1.2. Поручить Зайцевой подготовить отчёт.'
refused

new body-initials-after
add positions/polozhenie.md '1.2. Куратор — Зайцева О. В.'
refused

new body-initials-before
add positions/polozhenie.md '1.2. Куратор — О. В. Зайцева.'
refused

new body-initials-tight
add positions/polozhenie.md '1.2. Поручить О.В.Зайцевой подготовить отчёт.'
refused

new body-full-name
add programs/programma.md 'Руководитель — Зайцева Ольга Викторовна.'
refused

new body-name-patronymic
add programs/programma.md 'Благодарим Ольгу Викторовну за открытый урок.'
refused

new body-capitals
add positions/polozhenie.md 'ОТВЕТСТВЕННЫЙ — ЗАЙЦЕВА О. В.'
refused

new body-lower
add positions/polozhenie.md 'поручить зайцевой о. в. подготовку отчёта.'
refused

new body-yo
sed -i 's/surname: Зайцева/surname: Зайцёва/' "$p/content/people.yml"
add positions/polozhenie.md '1.2. Куратор — Зайцева О. В.'
refused

new body-yo-back
add positions/polozhenie.md '1.2. Куратор — Зайцёва О. В.'
refused

new body-entity
add positions/polozhenie.md '1.2. Куратор — З&#1072;йцева О. В.'
refused

new body-entity-hex
add positions/polozhenie.md '1.2. Куратор — Ольга Викторовна З&#x430;йцева.'
refused

new body-emphasis
add programs/programma.md 'Руководитель программы — Зай*цева* О. В.'
refused

new body-strong
add programs/programma.md 'Поручить **Зай**цевой О. В. подготовку отчёта.'
refused

new body-soft-hyphen
add positions/polozhenie.md "$(printf '1.2. Куратор — Зай\302\255цева О. В.')"
refused

new body-zero-width
add positions/polozhenie.md "$(printf '1.2. Куратор — Зай\342\200\213цева О. В.')"
refused

new body-latin
add news/start.md 'Фотографии: Olga Zaytseva.'
refused

new heading
add positions/polozhenie.md '## 2. Урок Зайцевой'
refused

new alt-text
add cases/fizika.md '![Зайцева О. В. на уроке](https://example.org/urok.jpg)'
refused

new link-title
add cases/fizika.md 'См. [конспект урока](https://example.org/urok "Урок Зайцевой О. В.").'
refused

new link-target
add cases/fizika.md 'См. [конспект урока](https://example.org/urok-zaytsevoy).'
refused

new code-span
add cases/fizika.md 'Файл `Зайцева_отчёт.docx` приложен.'
refused

new front-title
sed -i 's/^title: Старт программы$/title: Старт программы у Зайцевой О. В./' "$p/content/news/start.md"
refused

new front-yaml-escape
sed -i 's/responsible: \[petrova-an, директор\]/responsible: "\\u0417айцева О. В., учитель"/' \
	"$p/content/roadmaps/plan.md"
refused

new front-approval-body
sed -i 's/body: педагогическим советом/body: "педагогическим советом, председатель \\u0417айцева О. В."/' \
	"$p/content/positions/polozhenie.md"
refused

# The same strings in several documents and twice in one (the check does
# not read again a string it found no name in, model_memo.c): the name is
# reported wherever it stands, every time; the same string without it,
# never.
new repeated-strings
for f in news/start.md cases/fizika.md pages/o-nastavnichestve.md; do
	sed -i 's/^title: .*/title: Открытый урок Зайцевой О. В./' "$p/content/$f"
	add $f 'Встречи пары проводятся дважды в месяц.'
	add $f 'Открытый урок провела Зайцева О. В.'
done
add pages/o-nastavnichestve.md 'Встречи пары проводятся дважды в месяц.'
add pages/o-nastavnichestve.md 'Открытый урок провела Зайцева О. В.'
refused

new order-item
add orders/o-vnedrenii.md '3. Объявить благодарность Зайцевой О. В., учителю биологии.'
refused

new student-surname
add news/start.md 'Победитель олимпиады — Белова Дарья.'
refused

new student-name-class
add news/start.md 'Победитель олимпиады — Дарья (8 «А»).'
refused

new initials-full-name
add positions/polozhenie.md '1.2. Куратор — Иванова Мария Петровна.'
refused

new attachment-name
mkdir -p "$p/content/files"
printf 'План работы.\n' >"$p/content/files/plan-zaytsevoy.txt"
add pages/o-nastavnichestve.md 'См. [план](../files/plan-zaytsevoy.txt).'
refused

# A folder named after the person: the folder is in the file's address too.
new attachment-folder
mkdir -p "$p/content/files/zaytseva-ov"
printf 'План работы.\n' >"$p/content/files/zaytseva-ov/plan.txt"
refused

new unknown-mention
add pages/o-nastavnichestve.md 'Куратор — [Зайцева О. В.](@zaytseva-ob).'
refused

new table-cell
add positions/polozhenie.md '```table
header: [Уровень, Ответственность]
rows:
  - [Школа, "[Петрова А. Н.](@petrova-an) утверждает план"]
  - - Кафедра
    - |
      1. Отчёт готовит
         Зайцева О. В. к маю.
```'
refused

# --- people.yml itself ----------------------------------------------------

new student-full
sed -i 's/^  class: 8 «А»$/  class: 8 «А»\n  publish: full/' "$p/content/people.yml"
refused

new no-consent
sed -i '/^  publish: initials$/{n;d}' "$p/content/people.yml"
refused

# --- the last lock: text the source check cannot see ----------------------

# guarded FORM: the build fails naming the form found and the person, and
# writes nothing.
guarded() {
	if "$bin" build -C "$p" -o "$p/out" >"$p/build.out" 2>&1 || [ -e "$p/out/site" ]; then
		bad "собрано с именем скрытого человека"
	elif ! grep -qF "$1" "$p/build.out" || ! grep -q 'zaytseva-ov' "$p/build.out"; then
		bad "сообщение не называет найденную форму и человека:"
		sed 's/^/    /' "$p/build.out"
	else
		pass=$((pass + 1))
	fi
}

new theme-partial
mkdir -p "$p/theme/partials"
sed 's|</footer>|<p>Ответственный за раздел: Зайцева О. В.</p></footer>|' \
	"$root/themes/default/partials/footer.mustache" >"$p/theme/partials/footer.mustache"
guarded 'Зайцева О. В.'

new theme-attribute
mkdir -p "$p/theme/partials"
sed 's|<footer class="site-footer">|<footer class="site-footer" title="Раздел ведёт ЗАЙЦЕВА О. В.">|' \
	"$root/themes/default/partials/footer.mustache" >"$p/theme/partials/footer.mustache"
guarded 'ЗАЙЦЕВА О. В.'

new site-address
sed -i 's/^  place: с. Заречное$/  place: с. Заречное\n  address: «с. Заречное, ул. Школьная, 1 (вахтёр Зайцева О. В.)»/' \
	"$p/content/site.yml"
guarded 'Зайцева О. В.'

# Control: published people as their level allows, nothing hidden named —
# every PDF stays public and names the director in full.
new control
add positions/polozhenie.md '1.2. Куратор — [Иванова М. П.](@ivanova-mp), директор — [Петрова Анна Николаевна](@petrova-an).'
built positions/polozhenie.html 'Иванова М. П.'
if [ -f "$p/out/site/positions/polozhenie.pdf" ] &&
	[ -f "$p/out/site/programs/programma.pdf" ] &&
	[ -f "$p/out/site/roadmaps/plan.pdf" ] &&
	grep -q 'href="polozhenie.pdf"' "$p/out/site/positions/polozhenie.html" &&
	pdf_text "$p/out/site/positions/polozhenie.pdf" | grep -q 'Петрова Анна Николаевна'; then
	pass=$((pass + 1))
else
	bad "PDF без скрытых имён не опубликован"
fi

echo "pd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
