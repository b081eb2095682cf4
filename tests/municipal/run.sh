#!/bin/sh
# The municipal level: data.json of every build and a department made of
# its members' exports (man 5 nastavnik, DATA.JSON and MEMBERS).
#  - examples/municipality builds: the demo school by its path, the
#    kindergarten beside it, a school's saved export out of date (the
#    exact warning «данные устарели»); the roll-up, the case bank and
#    the contacts agree with each member's own data.json (check.py),
#    which also follows the documented schema;
#  - the department's pages are valid HTML (tests/html/run.sh);
#  - data.json is the same for any -j;
#  - bad members, each with its exact diagnostic, while the others are
#    still built: a missing field, another schema version, not JSON, a
#    missing file, a missing project, a project with errors, a URL that
#    cannot be fetched (then its cached copy, with a notice); members in
#    a school's site.yml and a member listed twice are errors;
#  - `nastavnik init --kind department` writes the CI file of parallel
#    member builds.
# Usage: tests/municipal/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/municipal
ex=$root/examples/municipality
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "municipal/$1"; }
export LC_ALL=C.UTF-8
# 01.01.2026: the saved export of 20.01.2025 is 346 days old.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
py=/usr/bin/python3

# build NAME DIR OUT: build the project DIR into OUT, log in $tmp/NAME.log.
build() {
	"$bin" -C "$2" build --no-pdf -o "$3" >"$tmp/$1.log" 2>&1
}

# has NAME FILE TEXT: FILE holds the line TEXT exactly.
has() {
	if grep -qxF -- "$3" "$2"; then ok; else
		bad "$1: нет строки «$3»"
		sed 's/^/  | /' "$2" | head -20
	fi
}

# --- the example ---------------------------------------------------------------
build school "$root" "$tmp/school" || bad "school: не собралась"
build kg "$ex/members/detsad-5" "$tmp/kg" || bad "kindergarten: не собрался"
if build dep "$ex" "$tmp/dep"; then ok; else bad "example: не собрался"; cat "$tmp/dep.log"; fi
has example-stale "$tmp/dep.log" "nastavnik: content/site.yml:38:5: предупреждение: участник «members/sosh-9-data.json»: данные устарели — выгрузка от 20.01.2025, 346 дн. назад"
n=$(grep -c ': предупреждение: ' "$tmp/dep.log")
[ "$n" = 1 ] && ok || bad "example: предупреждений $n, ждали одно (устаревшая выгрузка)"
out=$($py "$here/check.py" "$tmp/dep/site" "$tmp/school/site/data.json" "$tmp/kg/site/data.json" \
	"$ex/members/sosh-9-data.json" 2>&1)
case $out in
"ok "*) ok ;;
*) bad "roll-up:"; echo "$out" | sed 's/^/  /' ;;
esac
$py -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/dep/site/data.json" && ok ||
	bad "department: data.json не JSON"
# The department's pages are valid HTML (tidy), its data.json JSON (tests/html).
if sh "$root/tests/html/run.sh" "$tmp/dep/site" >"$tmp/html.log" 2>&1; then ok; else
	bad "html: страницы управления не проходят проверку"
	grep -v '^html: допущено' "$tmp/html.log" | tail -20
fi
grep -q 'данные устарели' "$tmp/dep/site/municipal/index.html" && ok ||
	bad "example: на странице организаций не отмечены устаревшие данные"
# A department without pairs of its own has no «Наставники» and «Мониторинг»
# pages (they would say «0 пар»); its curator is the municipal coordinator.
d=$tmp/dep/site
[ ! -e "$d/mentors.html" ] && [ ! -e "$d/monitoring.html" ] && ok ||
	bad "department: собраны mentors.html или monitoring.html без своих пар"
grep -q 'href="\(\.\./\)*\(mentors\|monitoring\)\.html"' "$d/index.html" "$d/municipal/index.html" &&
	bad "department: меню ссылается на mentors.html или monitoring.html" || ok
has footer "$d/municipal/index.html" \
	'<p>Муниципальный координатор наставничества: Петрова Анна Николаевна, тел. +7 (34567) 2-10-15, <a href="mailto:nastavnichestvo@uo-verhneozersk.example">nastavnichestvo@uo-verhneozersk.example</a></p>'
# The roll-up: a narrow chart (readable when scaled to a phone), a
# keyboard-reachable scroll region round the table, the case bank's
# facets (the only filter there) kept visible with JS.
grep -q '<svg class="chart chart-rollup" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 156"' \
	"$d/municipal/monitoring.html" && ok || bad "monitoring: диаграмма не 400 в ширину или не 3 организации"
has scroll "$d/municipal/monitoring.html" \
	'<div class="table-scroll" tabindex="0" role="region" aria-label="Сводная таблица по организациям">'
grep -q '<title>учитель – учитель: 3</title>' "$d/municipal/monitoring.html" && ok ||
	bad "monitoring: у отрезка диаграммы нет подсказки «форма: число»"
grep -q '<nav class="facets muni-facets" ' "$d/municipal/cases/index.html" && ok ||
	bad "cases: у отбора банка практик нет класса muni-facets"
grep -q '^\.js \.muni-facets { display: block; }$' "$root/themes/default/assets/style.css" && ok ||
	bad "css: отбор банка практик скрыт при JS"

# --- data.json: deterministic, documented ---------------------------------------
"$bin" -C "$root" build --no-pdf -j 1 -o "$tmp/j1" >/dev/null 2>&1
cmp -s "$tmp/j1/site/data.json" "$tmp/school/site/data.json" && ok ||
	bad "data.json: другой при -j 1"
for key in schema exported organization section_url by_form by_kind mentors mentees \
	teachers_share students_share programs roadmap cases responsible; do
	grep -q "$key" "$root/man/nastavnik.5" && ok || bad "man: поле $key не описано в nastavnik.5"
done

# --- bad members -------------------------------------------------------------------
d=$tmp/bad
"$bin" init "$d" --kind department >/dev/null
mkdir -p "$d/members" "$tmp/srv"
sed 's/"exported": "2025-01-20"/"exported": "2025-12-20"/' "$ex/members/sosh-9-data.json" >"$d/members/ok.json"
grep -v '"name": "Муниципальное бюджетное' "$d/members/ok.json" >"$d/members/no-name.json"
sed 's|nastavnik-data/1|nastavnik-data/2|' "$d/members/ok.json" >"$d/members/v2.json"
echo 'просто текст' >"$d/members/not-json.json"
sed 's/МБОУ «СОШ № 9»/МБОУ «СОШ № 11»/' "$d/members/ok.json" >"$tmp/srv/data.json"
"$bin" init "$d/members/broken" >/dev/null
sed -i 's/director: ivanova-mp/director: nikto-net/' "$d/members/broken/content/site.yml"
cat >>"$d/content/site.yml" <<EOF
members:
  - members/ok.json
  - members/no-name.json
  - members/v2.json
  - members/not-json.json
  - members/missing.json
  - members/nope
  - members/broken
  - file://$tmp/srv/data.json
  - file://$tmp/srv/gone.json
EOF
at() { echo "nastavnik: content/site.yml:$(grep -n -- "  - $1\$" "$d/content/site.yml" | cut -d: -f1):5: предупреждение: участник «$1»: $2"; }
if build bad "$d" "$tmp/bad-out"; then ok; else bad "bad: сборка не прошла"; cat "$tmp/bad.log"; fi
has no-name "$tmp/bad.log" "$(at members/no-name.json 'в выгрузке data.json поле «organization.name» отсутствует; организация пропущена')"
has v2 "$tmp/bad.log" "$(at members/v2.json 'выгрузка data.json версии «nastavnik-data/2», а эта версия nastavnik читает «nastavnik-data/1»; организация пропущена')"
has not-json "$tmp/bad.log" "$(at members/not-json.json 'members/not-json.json — не выгрузка data.json (не набор полей); организация пропущена')"
has missing "$tmp/bad.log" "$(at members/missing.json 'файл не читается (файл или каталог не найден); организация пропущена')"
has nope "$tmp/bad.log" "$(at members/nope 'не найден проект организации (нет members/nope/site.yml); организация пропущена')"
l=$(grep -n 'director: nikto-net' "$d/members/broken/content/site.yml" | cut -d: -f1)
has broken "$tmp/bad.log" "$(at members/broken "в материалах организации есть ошибки (members/broken/content/site.yml:$l: участник «nikto-net» не найден в content/people.yml); организация пропущена")"
has url-gone "$tmp/bad.log" "$(at "file://$tmp/srv/gone.json" 'не удалось получить данные (файла нет); организация пропущена')"
grep -q ': ошибка: ' "$tmp/bad.log" && bad "bad: ошибки участников попали в сборку управления" || ok
# The others are built: the good export and the URL.
grep -q 'СОШ №.9' "$tmp/bad-out/site/municipal/index.html" && ok || bad "bad: нет исправной организации"
grep -q 'СОШ №.11' "$tmp/bad-out/site/municipal/index.html" && ok || bad "bad: нет организации по адресу"
[ "$(grep -c '<tr><th scope="row">' "$tmp/bad-out/site/municipal/monitoring.html")" = 3 ] && ok ||
	bad "bad: в сводке не две организации и итог"
ls "$d/.nastavnik-cache/members/"*.json >/dev/null 2>&1 && ok || bad "url: нет копии в кэше"
# Offline: the URL is gone, its cached copy is used with a notice.
rm "$tmp/srv/data.json"
build offline "$d" "$tmp/bad-out" || bad "offline: сборка не прошла"
grep -q "^nastavnik: content/site.yml:[0-9]*:5: примечание: участник «file://$tmp/srv/data.json»: адрес недоступен (файла нет), взята копия из кэша .nastavnik-cache/members/file-.*-srv-data-json\.json\$" "$tmp/offline.log" && ok ||
	{ bad "offline: нет примечания о копии из кэша"; cat "$tmp/offline.log"; }
grep -q 'СОШ №.11' "$tmp/bad-out/site/municipal/index.html" && ok || bad "offline: нет организации из кэша"

# members are a department's: errors in site.yml fail the build.
s=$tmp/school-members
"$bin" init "$s" >/dev/null
printf 'members:\n  - ../x\n' >>"$s/content/site.yml"
"$bin" -C "$s" check >"$tmp/s.log" 2>&1
[ $? = 1 ] && ok || bad "school-members: не ошибка"
has school-members "$tmp/s.log" "nastavnik: content/site.yml:$(($(grep -n '^members:' "$s/content/site.yml" | cut -d: -f1) + 1)):3: ошибка: список members бывает только у управления (отдела) образования или центра"
s=$tmp/dup
"$bin" init "$s" --kind department >/dev/null
printf 'members:\n  - a.json\n  - a.json\n' >>"$s/content/site.yml"
"$bin" -C "$s" check >"$tmp/dup.log" 2>&1
[ $? = 1 ] && ok || bad "duplicate: не ошибка"
l=$(grep -n '^members:' "$s/content/site.yml" | cut -d: -f1)
has duplicate "$tmp/dup.log" "nastavnik: content/site.yml:$((l + 2)):5: ошибка: участник «a.json» указан в members дважды (строка $((l + 1)))"

# --- init --kind department: the CI file -------------------------------------------
ci=$d/.gitlab-ci.yml
$py -c '
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
assert c["member"]["parallel"]["matrix"][0]["MEMBER"], "matrix"
assert c["member"]["artifacts"]["paths"] == ["members/$MEMBER/output/site/data.json"], "artifacts"
assert c["department"]["needs"] == ["member"], "needs"
assert c["stages"] == ["members", "department"], "stages"
' "$ci" && ok || bad "init: .gitlab-ci.yml управления без параллельных сборок организаций"
grep -qx '/.nastavnik-cache/' "$d/.gitignore" && ok || bad "init: кэш не в .gitignore"

echo "municipal: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
