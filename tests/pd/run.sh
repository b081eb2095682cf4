#!/bin/sh
# Personal data in the printed PDFs the website publishes (issue 12, item 3).
# A положение, program or roadmap PDF is the paper copy, with full names:
# it goes beside its page only when what it shows names nobody hidden
# from the web. One small project per vector (tests/bad/_base with a
# hidden teacher, Зайцева Ольга Викторовна, publish none), each built:
#  - the document's paper copy (print/) does carry the name — the vector
#    is real;
#  - the site has no PDF of it and its page links none;
#  - pdftotext of every PDF on the site shows no form of a hidden name.
# A control project keeps all three PDFs public.
# Usage: tests/pd/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
bad() { fail=$((fail + 1)); echo "pd/$1"; }
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

# Every form of the hidden names: Зайцева in any case and letter case,
# with «е» or «ё»; the student Белова; the full name of Иванова
# (published with initials only).
leaks() {
	grep -qiE 'за[йи]ц[её]в|белов|мария петровна'
}

# new NAME: a copy of the base project with the hidden teacher.
new() {
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

# check NAME KIND ID [refusable]: build project NAME; KIND/ID must not be
# public. A refusable vector may instead be refused by the build (content
# errors, nothing written).
check() {
	name=$1 kind=$2 id=$3 p=$tmp/$1 ok=1
	if ! "$bin" build -C "$p" -o "$p/out" >"$p/log" 2>&1; then
		if [ "${4:-}" = refusable ] && [ ! -e "$p/out/site" ]; then
			pass=$((pass + 1))
			return
		fi
		bad "$name: сборка не удалась:"
		sed 's/^/    /' "$p/log"
		return
	fi
	if ! pdf_text "$p/out/print/$id.pdf" | leaks; then
		ok=0
		echo "pd/$name: в бумажной копии $id.pdf нет имени — вектор не проверяет ничего"
	fi
	if [ -e "$p/out/site/$kind/$id.pdf" ]; then
		ok=0
		echo "pd/$name: $kind/$id.pdf опубликован на сайте"
	fi
	if grep -q "href=\"$id.pdf\"" "$p/out/site/$kind/$id.html"; then
		ok=0
		echo "pd/$name: страница $kind/$id.html ссылается на PDF"
	fi
	for f in "$p"/out/site/*/*.pdf; do
		[ -e "$f" ] || continue
		if pdf_text "$f" | leaks; then
			ok=0
			echo "pd/$name: ${f#"$p/out/site/"} называет скрытого человека"
		fi
	done
	if [ "$ok" -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# front FILE LINE...: put the lines right after the front matter's opening ---.
front() {
	f=$1
	shift
	{ sed -n 1p "$f"; printf '%s\n' "$@"; sed -n '2,$p' "$f"; } >"$f.new" && mv "$f.new" "$f"
}

# 1. authors: [id] of a hidden person, on the program's title page.
new authors
front "$tmp/authors/content/programs/programma.md" 'authors: [zaytseva-ov]' 'title_page: true'
check authors programs programma

# 2. an approval's person hidden.
new approval
cat >"$tmp/approval/content/positions/polozhenie.md" <<'EOF2'
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
EOF2
check approval positions polozhenie

# 3. a YAML \u escape in a field: the roadmap's responsible.
new yaml-escape
sed -i 's/responsible: \[petrova-an, директор\]/responsible: "\\u0417айцева О. В., учитель"/' \
	"$tmp/yaml-escape/content/roadmaps/plan.md"
check yaml-escape roadmaps plan refusable

# 4. a YAML \u escape in an approval's body.
new yaml-escape-body
sed -i 's/body: педагогическим советом/body: "педагогическим советом, председатель \\u0417айцева О. В."/' \
	"$tmp/yaml-escape-body/content/positions/polozhenie.md"
check yaml-escape-body positions polozhenie refusable

# 5. an HTML entity in the body.
new entity
printf '\n1.2. Куратор — З&#1072;йцева О. В.\n' >>"$tmp/entity/content/positions/polozhenie.md"
check entity positions polozhenie refusable

# 6. the entity in hex: &#x430;.
new entity-hex
printf '\n1.2. Куратор — Ольга Викторовна З&#x430;йцева.\n' >>"$tmp/entity-hex/content/positions/polozhenie.md"
check entity-hex positions polozhenie refusable

# 7. a name split by emphasis.
new emphasis
printf '\nРуководитель программы — Зай*цева* О. В.\n' >>"$tmp/emphasis/content/programs/programma.md"
check emphasis programs programma refusable

# 8. split by strong emphasis, in a case form.
new strong
printf '\nПоручить **Зай**цевой О. В. подготовку отчёта.\n' >>"$tmp/strong/content/programs/programma.md"
check strong programs programma refusable

# 9. a soft hyphen inside the name.
new soft-hyphen
printf '\nКуратор — Зай\302\255цева О. В.\n' >>"$tmp/soft-hyphen/content/positions/polozhenie.md"
check soft-hyphen positions polozhenie

# 10. a zero-width space inside the name.
new zero-width
printf '\nКуратор — Зай\342\200\213цева О. В.\n' >>"$tmp/zero-width/content/positions/polozhenie.md"
check zero-width positions polozhenie

# 11. in capitals.
new capitals
printf '\nОТВЕТСТВЕННЫЙ — ЗАЙЦЕВА О. В.\n' >>"$tmp/capitals/content/positions/polozhenie.md"
check capitals positions polozhenie

# 12. the full name of a person published with initials only (the source
# check of the build before already caught this one: kept as a guard).
new initials-full
printf '\nКуратор — Иванова Мария Петровна.\n' >>"$tmp/initials-full/content/positions/polozhenie.md"
check initials-full positions polozhenie refusable

# 13. in lower case, in a case form.
new lower
printf '\nпоручить зайцевой о. в. подготовку отчёта.\n' >>"$tmp/lower/content/positions/polozhenie.md"
check lower positions polozhenie

# 14. «е» for the «ё» of a hidden surname, and 15. «ё» for its «е».
new yo
sed -i 's/surname: Зайцева/surname: Зайцёва/' "$tmp/yo/content/people.yml" 2>/dev/null
printf '\nКуратор — Зайцева О. В.\n' >>"$tmp/yo/content/positions/polozhenie.md"
check yo positions polozhenie
new yo-back
printf '\nКуратор — Зайцёва О. В.\n' >>"$tmp/yo-back/content/positions/polozhenie.md"
check yo-back positions polozhenie

# 16. a student published in full is still a minor: never in a public PDF
# (or the build refuses `publish: full` on a student).
new student
sed -i 's/^  class: 8 «А»$/  class: 8 «А»\n  publish: full/' "$tmp/student/content/people.yml"
printf '\nЛучший проект года — Белова Дарья.\n' >>"$tmp/student/content/programs/programma.md"
check student programs programma refusable

# Control: published people as their level allows — the PDFs stay public.
new control
printf '\nКуратор — Иванова М. П., директор — Петрова Анна Николаевна.\n' \
	>>"$tmp/control/content/positions/polozhenie.md"
p=$tmp/control
if "$bin" build -C "$p" -o "$p/out" >"$p/log" 2>&1 &&
	[ -f "$p/out/site/positions/polozhenie.pdf" ] &&
	[ -f "$p/out/site/programs/programma.pdf" ] &&
	[ -f "$p/out/site/roadmaps/plan.pdf" ] &&
	grep -q 'href="polozhenie.pdf"' "$p/out/site/positions/polozhenie.html" &&
	pdf_text "$p/out/site/positions/polozhenie.pdf" | grep -q 'Петрова Анна Николаевна'; then
	pass=$((pass + 1))
else
	bad "control: PDF без скрытых имён не опубликован"
	ls "$p/out/site"/*/*.pdf 2>&1 | sed 's/^/    /'
fi

echo "pd: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
