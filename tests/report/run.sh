#!/bin/sh
# The regional report (issue 19): `nastavnik report --xlsx FILE`.
#  - the demo school and a small project with site.yml's totals: the
#    register read back with openpyxl (tests/report/check.py): sheet
#    names, bold frozen headers with autofilters, widths from content,
#    full names of people the website hides, dates as dates, numbers as
#    numbers, and the figures equal to the built monitoring page's;
#  - a department without member data: its own row, the total, the note;
#  - the same bytes twice (SOURCE_DATE_EPOCH);
#  - bad cases with their exact messages: an existing file without
#    --force (left as it was), a folder that cannot be written, a file
#    inside content/, a project with errors, no --xlsx; nothing
#    half-written is left behind.
#
# Usage: tests/report/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
check=$root/tests/report/check.py
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1764547200 # 01.12.2025
export SOURCE_DATE_EPOCH

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "report/$name: $*"
}

# readback NAME KIND XLSX [SITE]: the openpyxl checks of check.py.
readback() {
	name=$1
	shift
	if "$py" "$check" "$@" >"$tmp/py.out" 2>&1; then
		ok
	else
		bad "$(cat "$tmp/py.out")"
	fi
}

# expect NAME STATUS FILE: the last command's status and its stderr ($tmp/err) as FILE.
expect() {
	name=$1
	if [ "$status" -ne "$2" ]; then
		bad "код $status, ожидался $2; stderr: $(cat "$tmp/err")"
	elif ! diff -u "$3" "$tmp/err" >"$tmp/diff"; then
		bad "сообщение не то:
$(cat "$tmp/diff")"
	else
		ok
	fi
}

# no_leftovers NAME DIR: nothing half-written (no temporary file) in DIR.
no_leftovers() {
	name=$1
	left=$(find "$2" -maxdepth 1 -name '.*.tmp-*' | head -n 3)
	if [ -n "$left" ]; then bad "остались временные файлы: $left"; else ok; fi
}

# --- the demo school ----------------------------------------------------------
name=demo
if "$bin" -C "$root" build -o "$tmp/demo" --no-pdf >"$tmp/out" 2>&1 &&
	(cd "$tmp" && "$bin" -C "$root" report --xlsx demo.xlsx >"$tmp/out" 2>"$tmp/err"); then
	ok
	readback demo school "$tmp/demo.xlsx" "$tmp/demo/site"
	name=demo-message
	if [ "$(cat "$tmp/out")" = "nastavnik: отчёт записан в demo.xlsx" ] && [ ! -s "$tmp/err" ]; then
		ok
	else
		bad "вывод: $(cat "$tmp/out" "$tmp/err")"
	fi
	no_leftovers demo-tmp "$tmp"
else
	bad "не собрался: $(cat "$tmp/out" "$tmp/err")"
fi

# Personal data: readable by its owner only.
name=mode
if [ "$(stat -c %a "$tmp/demo.xlsx")" = 600 ]; then ok; else bad "права $(stat -c %a "$tmp/demo.xlsx")"; fi

# The same bytes twice.
name=deterministic
"$bin" -C "$root" report --xlsx "$tmp/again.xlsx" >/dev/null 2>&1
if cmp -s "$tmp/demo.xlsx" "$tmp/again.xlsx"; then ok; else bad "два отчёта различаются"; fi

# --- a small project whose site.yml declares the totals --------------------------
name=totals
cp -r "$root/tests/regress/cases/monitoring-totals" "$tmp/totals"
rm -rf "$tmp/totals/expected"
if "$bin" -C "$tmp/totals" build -o "$tmp/totals-out" --no-pdf >"$tmp/out" 2>&1 &&
	"$bin" -C "$tmp/totals" report --xlsx "$tmp/totals.xlsx" >"$tmp/out" 2>&1; then
	ok
	readback totals totals "$tmp/totals.xlsx" "$tmp/totals-out/site"
else
	bad "не собрался: $(cat "$tmp/out")"
fi

# --- a department without its members' data -------------------------------------
name=department
cp -r "$root/tests/regress/cases/department-order" "$tmp/dept"
if "$bin" -C "$tmp/dept" report --xlsx "$tmp/dept.xlsx" >"$tmp/out" 2>&1; then
	ok
	readback department department "$tmp/dept.xlsx"
else
	bad "не собрался: $(cat "$tmp/out")"
fi

# --- the example municipality: a row per member, its figures its own data.json's ---
name=municipality
muni="$root/examples/municipality"
if "$bin" -C "$root" build -o "$tmp/m-school" --no-pdf >"$tmp/out" 2>&1 &&
	"$bin" -C "$muni/members/detsad-5" build -o "$tmp/m-dou" --no-pdf >"$tmp/out" 2>&1 &&
	(cd "$muni" && "$bin" report --xlsx "$tmp/muni.xlsx") >"$tmp/out" 2>&1; then
	ok
	readback municipality members "$tmp/muni.xlsx" "$tmp/m-school/site/data.json" \
		"$tmp/m-dou/site/data.json" "$muni/members/sosh-9-data.json"
else
	bad "не собрался: $(cat "$tmp/out")"
fi

# --date: the date «по состоянию на» of the first sheet, an Excel date.
name=date
if "$bin" -C "$tmp/dept" report --xlsx "$tmp/date.xlsx" --date 15.01.2026 >/dev/null 2>&1 &&
	[ "$("$py" -c 'import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Сведения"]
print([r[1] for r in ws.iter_rows(values_only=True) if r[0] == "По состоянию на"])' "$tmp/date.xlsx")" = \
		"[datetime.datetime(2026, 1, 15, 0, 0)]" ]; then
	ok
else
	bad "дата --date не та"
fi

# --- bad cases ---------------------------------------------------------------------
# An existing file without --force: refused, the file untouched.
cp "$tmp/totals.xlsx" "$tmp/keep.xlsx"
(cd "$tmp" && "$bin" -C "$tmp/dept" report --xlsx keep.xlsx >/dev/null 2>"$tmp/err")
status=$?
cat >"$tmp/want" <<'EOF'
nastavnik: keep.xlsx: ошибка: файл уже существует — не перезаписываю
  подсказка: укажите другой файл или добавьте --force, чтобы заменить его
EOF
expect exists 2 "$tmp/want"
name=exists-untouched
if cmp -s "$tmp/totals.xlsx" "$tmp/keep.xlsx"; then ok; else bad "файл изменён"; fi

# With --force it is replaced.
name=force
if "$bin" -C "$tmp/dept" report --xlsx "$tmp/keep.xlsx" --force >/dev/null 2>&1 &&
	cmp -s "$tmp/dept.xlsx" "$tmp/keep.xlsx"; then
	ok
else
	bad "--force не заменил файл"
fi

# A folder that does not exist, and one under a file.
"$bin" -C "$tmp/dept" report --xlsx "$tmp/no/such/r.xlsx" >/dev/null 2>"$tmp/err"
status=$?
sed "s|$tmp|TMP|g" "$tmp/err" >"$tmp/err2" && mv "$tmp/err2" "$tmp/err"
cat >"$tmp/want" <<'EOF'
nastavnik: TMP/no/such/r.xlsx: ошибка: не удалось создать файл: файл или каталог не найден
  подсказка: проверьте, что папка существует и доступна для записи
EOF
expect no-folder 2 "$tmp/want"

"$bin" -C "$tmp/dept" report --xlsx "$tmp/keep.xlsx/r.xlsx" >/dev/null 2>"$tmp/err"
status=$?
sed "s|$tmp|TMP|g" "$tmp/err" >"$tmp/err2" && mv "$tmp/err2" "$tmp/err"
cat >"$tmp/want" <<'EOF'
nastavnik: TMP/keep.xlsx/r.xlsx: ошибка: не удалось создать файл: часть пути — не каталог
  подсказка: проверьте, что папка существует и доступна для записи
EOF
expect not-a-folder 2 "$tmp/want"

# A folder without write permission; root writes anywhere but /sys.
mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
ro=ro
[ "$(id -u)" -eq 0 ] && ro=/sys
if [ "$ro" = ro ] || [ -d /sys ]; then
	(cd "$tmp" && "$bin" -C "$tmp/dept" report --xlsx $ro/r.xlsx >/dev/null 2>"$tmp/err")
	status=$?
	cat >"$tmp/want" <<EOF
nastavnik: $ro/r.xlsx: ошибка: не удалось создать файл: нет прав доступа
  подсказка: проверьте, что папка существует и доступна для записи
EOF
	expect read-only 2 "$tmp/want"
	name=read-only-empty
	if [ -z "$(ls -A "$tmp/ro")" ] && [ ! -e /sys/r.xlsx ]; then ok; else bad "в папке что-то осталось"; fi
fi

# Inside content/: it would be published.
mkdir -p "$tmp/totals/content/files"
(cd "$tmp/totals" && "$bin" report --xlsx content/files/r.xlsx >/dev/null 2>"$tmp/err")
status=$?
cat >"$tmp/want" <<'EOF'
nastavnik: content/files/r.xlsx: ошибка: отчёт нельзя класть в папку content/: всё из неё публикуется на сайте
  подсказка: укажите файл вне проекта, например ~/отчёт.xlsx
EOF
expect in-content 2 "$tmp/want"
name=in-content-nothing
if [ -z "$(ls -A "$tmp/totals/content/files")" ]; then ok; else bad "файл записан в content/"; fi

# A project with errors: the errors, and no file.
cp -r "$root/tests/bad/_base" "$tmp/broken"
sed -i 's/mentor: ivanova-mp/mentor: nikto-nn/' "$tmp/broken/content/pairs.yml"
(cd "$tmp/broken" && "$bin" report --xlsx "$tmp/broken.xlsx" >/dev/null 2>"$tmp/err")
status=$?
cat >"$tmp/want" <<'EOF'
nastavnik: content/pairs.yml:1:11: ошибка: участник «nikto-nn» не найден в content/people.yml
    1 | - mentor: nikto-nn
      |           ^
  подсказка: добавьте участника с «id: nikto-nn» в content/people.yml или исправьте id
nastavnik: найдено 1 ошибка; отчёт не записан
EOF
expect project-errors 1 "$tmp/want"
name=project-errors-no-file
if [ ! -e "$tmp/broken.xlsx" ]; then ok; else bad "файл записан"; fi

# No --xlsx.
"$bin" -C "$tmp/dept" report >/dev/null 2>"$tmp/err"
status=$?
cat >"$tmp/want" <<'EOF'
nastavnik: report: укажите файл отчёта, например: nastavnik report --xlsx отчёт.xlsx
Список команд и параметров: nastavnik --help
EOF
expect no-xlsx 2 "$tmp/want"

# A date that is not one.
"$bin" -C "$tmp/dept" report --xlsx "$tmp/d.xlsx" --date 31.02.2026 >/dev/null 2>"$tmp/err"
status=$?
cat >"$tmp/want" <<'EOF'
nastavnik: report: дата --date должна быть в виде ДД.ММ.ГГГГ, а не «31.02.2026»
Список команд и параметров: nastavnik --help
EOF
expect bad-date 2 "$tmp/want"

no_leftovers leftovers "$tmp"

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
