#!/bin/sh
# The preview server as a browser and an attacker see it, with curl:
# content types, refused requests (traversal, methods, bodies, oversized
# headers, foreign Host, symbolic links out of the site), idle
# connections that must not lock a browser out, the reload
# script, rebuild on change, the error page with the diagnostic, recovery,
# and a clean stop that removes the temporary folder.
# All traffic goes to 127.0.0.1; every wait is bounded.
# Usage: tests/serve/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
pid=""
pid2=""
ipid=""
cleanup() {
	for p in $pid $pid2 $ipid; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "serve/$1"
}
export LC_ALL=C.UTF-8

if ! command -v curl >/dev/null 2>&1; then
	echo "serve/curl: curl не установлен (scripts/deps.sh)"
	echo "serve: 0 passed, 1 failed"
	exit 1
fi

# A project: the small valid one, with the theme beside it so that any
# build of the binary (build/, build/asan/) finds it.
cp -R "$root/tests/bad/_base" "$tmp/p"
mkdir -p "$tmp/p/themes" "$tmp/t"
cp -R "$root/themes/default" "$tmp/p/themes/default"
page=pages/o-nastavnichestve.md
cp "$tmp/p/content/$page" "$tmp/orig.md"

ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for FILE PATTERN TENTHS: until grep finds PATTERN in FILE, while
# the server ($pid) lives.
wait_for() {
	n=0
	while [ "$n" -lt "$3" ]; do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}

TMPDIR=$tmp/t "$bin" serve -C "$tmp/p" -p 0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
if ! wait_for "$tmp/out" "предпросмотр на http://127.0.0.1:" 600; then
	bad "start: нет строки с адресом"
	cat "$tmp/out" "$tmp/err"
	echo "serve: $pass passed, $fail failed"
	exit 1
fi
port=$(sed -n 's|^nastavnik: предпросмотр на http://127\.0\.0\.1:\([0-9][0-9]*\)/ (Ctrl+C — остановить)$|\1|p' "$tmp/out")
if [ -n "$port" ]; then ok; else bad "start: строка с адресом не по образцу"; cat "$tmp/out"; exit 1; fi
url=http://127.0.0.1:$port

# get PATH [CURL OPTIONS…]: status in $code, headers in $tmp/h, body in $tmp/b.
get() {
	p=$1
	shift
	code=$(curl -s --max-time 10 --path-as-is -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' "$@" "$url$p")
}
header() { grep -i "^$1:" "$tmp/h" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }

# expect_code NAME WANT PATH [CURL OPTIONS…]; WANT is a grep -E pattern.
expect_code() {
	name=$1 want=$2
	shift 2
	get "$@"
	if echo "$code" | grep -qE "^($want)\$"; then ok; else bad "$name: код $code, ожидался $want"; fi
}

# expect_type PATH TYPE
expect_type() {
	get "$1"
	t=$(header Content-Type)
	if [ "$code" = 200 ] && [ "$t" = "$2" ]; then ok; else bad "type $1: код $code, Content-Type «$t», ожидался «$2»"; fi
}

# --- the site ---
get /
if [ "$code" = 200 ]; then ok; else bad "index: код $code"; fi
if grep -q '/__nastavnik/version' "$tmp/b" && grep -q '</script>' "$tmp/b"; then ok; else bad "index: нет скрипта перезагрузки"; fi
if [ "$(header X-Content-Type-Options)" = nosniff ]; then ok; else bad "index: нет X-Content-Type-Options: nosniff"; fi
if [ "$(header Content-Type)" = "text/html; charset=utf-8" ]; then ok; else bad "index: Content-Type $(header Content-Type)"; fi
# The script goes into the response, not into the file on disk.
site=$(ls -d "$tmp"/t/nastavnik-serve-*/site 2>/dev/null | head -n 1)
if [ -n "$site" ] && [ -f "$site/index.html" ] && ! grep -q '__nastavnik' "$site/index.html"; then ok; else bad "index: скрипт попал в файл или нет временной папки"; fi
if [ ! -e "$tmp/p/output" ]; then ok; else bad "output: serve писал в output/ проекта"; fi

expect_type /assets/style.css "text/css; charset=utf-8"
expect_type /assets/nastavnik.js "text/javascript; charset=utf-8"
expect_type /search-index.json "application/json"
expect_type /news/atom.xml "application/xml"
ics=$(cd "$site" && ls */*.ics 2>/dev/null | head -n 1)
pdf=$(cd "$site" && ls */*.pdf 2>/dev/null | head -n 1)
[ -n "$ics" ] && expect_type "/$ics" "text/calendar; charset=utf-8"
[ -n "$pdf" ] && expect_type "/$pdf" "application/pdf"

get /__nastavnik/version
v1=$(cat "$tmp/b")
if [ "$code" = 200 ] && [ -n "$v1" ]; then ok; else bad "version: код $code"; fi

expect_code folder-redirect 302 /orders
if [ "$(header Location)" = /orders/ ]; then ok; else bad "folder-redirect: Location «$(header Location)»"; fi
expect_code folder-index 200 /orders/
expect_code folder-redirect-slashes 302 //orders
if [ "$(header Location)" = /orders/ ]; then ok; else bad "folder-redirect-slashes: Location «$(header Location)» ведёт на другой сервер"; fi
expect_code head 200 / -I
expect_code not-found 404 /net-takoy-stranicy.html

# --- refused ---
expect_code traversal 403\|404 /../etc/passwd
grep -q 'root:' "$tmp/b" && bad "traversal: отдан /etc/passwd"
expect_code traversal-encoded 403\|404 /%2e%2e/%2e%2e/etc/passwd
grep -q 'root:' "$tmp/b" && bad "traversal-encoded: отдан /etc/passwd"
expect_code traversal-encoded-slash 403\|404 /%2E%2E%2F%2E%2E%2Fetc%2Fpasswd
expect_code traversal-deep 403\|404 /orders/../../../../etc/passwd
expect_code nul-byte 404 "/index.html%00.css"
expect_code hidden-marker 404 /.nastavnik-output
expect_code post 405 / -X POST -d a=b
if [ "$(header Allow)" = "GET, HEAD" ]; then ok; else bad "post: Allow «$(header Allow)»"; fi
expect_code put 405 / -X PUT -d a=b
expect_code options 405 / -X OPTIONS
expect_code get-with-body 413 / -X GET -d a=b
big=$(head -c 100000 /dev/zero | tr '\0' a)
expect_code big-header 413\|431 / -H "X-Big: $big"
expect_code big-url 413\|414 "/$big"
expect_code foreign-host 403 / -H "Host: attacker.example"
expect_code localhost-host 200 / -H "Host: localhost:$port"

# --- rebuild on change ---
sed 's/^title: .*/title: Наставничество в новой редакции/' "$tmp/orig.md" >"$tmp/p/content/$page.new"
mv "$tmp/p/content/$page.new" "$tmp/p/content/$page"
t0=$(ms)
n=0
while [ $n -lt 100 ]; do
	get /pages/o-nastavnichestve.html
	[ "$code" = 200 ] && sed 's/\xC2\xA0/ /g' "$tmp/b" | grep -q 'Наставничество в новой редакции' && break
	sleep 0.1
	n=$((n + 1))
done
if [ $n -lt 100 ]; then
	ok
	echo "serve: новый заголовок виден через $(($(ms) - t0)) мс"
else
	bad "rebuild: за 10 с новый заголовок не появился"
fi
get /__nastavnik/version
if [ "$(cat "$tmp/b")" != "$v1" ]; then ok; else bad "rebuild: версия не изменилась"; fi

# --- a content error: the page lists it ---
printf -- '---\ntitle: a\ntitle: b\n---\n' >"$tmp/p/content/$page"
n=0
while [ $n -lt 100 ]; do
	get /pages/o-nastavnichestve.html
	[ "$code" = 500 ] && break
	sleep 0.1
	n=$((n + 1))
done
if [ "$code" = 500 ]; then ok; else bad "error-page: за 10 с код не стал 500 (код $code)"; fi
if grep -qF "content/$page:3:1: ошибка: поле «title» указано дважды" "$tmp/b"; then ok; else bad "error-page: нет «content/$page:3:1»"; cat "$tmp/b"; fi
if grep -qF "подсказка: оставьте одно из двух значений" "$tmp/b"; then ok; else bad "error-page: нет подсказки"; fi
if grep -qF "    3 | title: b" "$tmp/b"; then ok; else bad "error-page: нет строки из файла"; fi
if grep -q '/__nastavnik/version' "$tmp/b"; then ok; else bad "error-page: нет скрипта перезагрузки"; fi
expect_code error-page-other-page 500 /
expect_code error-page-missing 500 /net-takoy-stranicy.html
expect_code error-css-still-served 200 /assets/style.css
if grep -qF "content/$page:3:1" "$tmp/err"; then ok; else bad "error-terminal: диагностика не напечатана"; fi

# --- fixed: back to the site ---
cp "$tmp/orig.md" "$tmp/p/content/$page"
n=0
while [ $n -lt 100 ]; do
	get /pages/o-nastavnichestve.html
	[ "$code" = 200 ] && break
	sleep 0.1
	n=$((n + 1))
done
if [ "$code" = 200 ] && sed 's/\xC2\xA0/ /g' "$tmp/b" | grep -q 'О наставничестве'; then ok; else bad "recovery: за 10 с страница не вернулась (код $code)"; fi

# --- a text edited: the documents stay loaded, only the page and the
# search index are written again, and both show the new sentence ---
printf '\nПриём заявок продлён до конца месяца.\n' >>"$tmp/p/content/$page"
n=0
while [ $n -lt 100 ]; do
	get /pages/o-nastavnichestve.html
	grep -q 'Приём заявок продлён' "$tmp/b" && break
	sleep 0.1
	n=$((n + 1))
done
if grep -q 'Приём заявок продлён' "$tmp/b"; then ok; else bad "text-edit: за 10 с новый текст не появился"; fi
get /search-index.json
if grep -q 'Приём заявок продлён' "$tmp/b"; then ok; else bad "text-edit: нового текста нет в поисковом индексе"; fi
cp "$tmp/orig.md" "$tmp/p/content/$page"

# --- a warning is said once, not again at every rebuild while it stays ---
# rebuilt: wait until the build number changes (at most 10 s).
rebuilt() {
	get /__nastavnik/version
	v=$(cat "$tmp/b")
	"$@"
	n=0
	while [ $n -lt 100 ]; do
		get /__nastavnik/version
		[ "$(cat "$tmp/b")" != "$v" ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
order=$tmp/p/content/orders/o-vnedrenii.md
cp "$order" "$tmp/order.md"
warn='предупреждение: в конце заголовка приказа точка не ставится'
# waitfor TEXT: until the server's messages hold TEXT (at most 10 s): a
# save may be seen as two builds, the first of which changes nothing.
waitfor() {
	n=0
	while [ $n -lt 100 ] && ! grep -qF -- "$1" "$tmp/err"; do
		sleep 0.1
		n=$((n + 1))
	done
}
rebuilt sed -i 's/^title: \(.*\)$/title: \1./' "$order"
waitfor "$warn"
rebuilt sh -c "printf '\\nЕщё одна фраза.\\n' >>'$tmp/p/content/$page'"
waitfor "как в прошлой сборке, не повторяю"
said=$(grep -c -- "$warn" "$tmp/err")
if [ "$said" -eq 1 ] && grep -qF "ещё 1 предупреждение — как в прошлой сборке, не повторяю" "$tmp/err"; then
	ok
else
	bad "warnings-once: предупреждение сказано $said раз"
	tail -n 12 "$tmp/err"
fi
rebuilt cp "$tmp/order.md" "$order"
rebuilt sed -i 's/^title: \(.*\)$/title: \1./' "$order"
n=0
while [ $n -lt 100 ] && [ "$(grep -c -- "$warn" "$tmp/err")" -lt 2 ]; do
	sleep 0.1
	n=$((n + 1))
done
if [ "$(grep -c -- "$warn" "$tmp/err")" -eq 2 ]; then ok; else bad "warnings-once: вернувшееся предупреждение не сказано снова"; fi
rebuilt cp "$tmp/order.md" "$order"
cp "$tmp/orig.md" "$tmp/p/content/$page"

# --- the checks' results kept between rebuilds are checked again when what
# they read changed: a document that did not change is judged anew when
# people.yml makes a name in it a hidden person's, and the reverse ---
people=$tmp/p/content/people.yml
cp "$people" "$tmp/people.yml"
rebuilt sh -c "printf '\\nВстречу провела Кузнецова.\\n' >>'$tmp/p/content/$page'"
line=$(grep -n 'Встречу провела Кузнецова' "$tmp/p/content/$page" | cut -d: -f1)
pdmsg="content/$page:$line:17: ошибка: «Кузнецова» — имя человека, которого нельзя называть на сайте (kuznecova-ov, publish: none)"
pdwarn="content/$page:$line:17: предупреждение: «Кузнецова» — имя участника без отметки упоминания (kuznecova-ov, publish: full)"
get /pages/o-nastavnichestve.html
if [ "$code" = 200 ] && ! grep -q 'Кузнецова»' "$tmp/err"; then ok; else bad "pd-cache: фамилия не из people.yml — код $code"; fi
person() {
	cp "$tmp/people.yml" "$people"
	printf -- '- id: kuznecova-ov\n  surname: Кузнецова\n  name: Ольга\n  patronymic: Викторовна\n  category: teacher\n  position: педагог-психолог\n  publish: %s\n  consent: 25.08.2025\n' "$1" >>"$people"
}
rebuilt person none
get /pages/o-nastavnichestve.html
if [ "$code" = 500 ] && grep -qF "$pdmsg" "$tmp/b" && grep -qF "$pdmsg" "$tmp/err"; then ok; else bad "pd-cache: скрытый человек в people.yml — ошибки в неизменённом документе нет (код $code)"; tail -n 8 "$tmp/err"; fi
rebuilt person full
get /pages/o-nastavnichestve.html
if [ "$code" = 200 ] && grep -qF "$pdwarn" "$tmp/err" && [ "$(grep -cF "$pdmsg" "$tmp/err")" -eq 1 ]; then ok; else bad "pd-cache: человек стал публичным — ошибка осталась (код $code)"; tail -n 8 "$tmp/err"; fi
rebuilt person none
get /pages/o-nastavnichestve.html
if [ "$code" = 500 ] && [ "$(grep -cF "$pdmsg" "$tmp/err")" -eq 2 ]; then ok; else bad "pd-cache: человек снова скрыт — ошибки нет (код $code)"; fi
rebuilt cp "$tmp/people.yml" "$people"
get /pages/o-nastavnichestve.html
if [ "$code" = 200 ]; then ok; else bad "pd-cache: человек убран из people.yml — код $code"; fi
rebuilt cp "$tmp/orig.md" "$tmp/p/content/$page"

# --- an attachment's text, kept between rebuilds, is read again when the
# file changes: a name written into it while the server runs is refused ---
att=$tmp/p/content/files/plan.rtf
mkdir -p "$tmp/p/content/files"
printf '{\\rtf1 План встреч наставников\\par}' >"$tmp/clean.rtf"
printf '{\\rtf1 Встречу ведёт Кузнецова Ольга Викторовна\\par}' >"$tmp/named.rtf"
attmsg="content/files/plan.rtf: ошибка: во вложении имя человека, которого нельзя называть на сайте: «Кузнецова Ольга Викторовна» (kuznecova-ov, publish: none)"
rebuilt person none
rebuilt cp "$tmp/clean.rtf" "$att"
get /index.html
if [ "$code" = 200 ]; then ok; else bad "attach-cache: чистое вложение — код $code"; tail -n 8 "$tmp/err"; fi
rebuilt cp "$tmp/named.rtf" "$att"
get /index.html
if [ "$code" = 500 ] && grep -qF "$attmsg" "$tmp/b"; then ok; else bad "attach-cache: имя во вложении, изменённом при запущенном сервере, не найдено (код $code)"; tail -n 8 "$tmp/err"; fi
rebuilt rm -f "$att"
rebuilt cp "$tmp/people.yml" "$people"
get /index.html
if [ "$code" = 200 ]; then ok; else bad "attach-cache: вложение убрано — код $code"; fi

# --- a body saved: the model of the last build is taken over, and what
# reads bodies is done again, across documents too: a link's anchor is
# judged by its target's headings as they are now ---
pos=$tmp/p/content/positions/polozhenie.md
cp "$pos" "$tmp/pos.md"
rebuilt sh -c "printf '\\nСм. [раздел](../positions/polozhenie.md#2-poryadok).\\n' >>'$tmp/p/content/$page'"
line=$(grep -n 'См. \[раздел\]' "$tmp/p/content/$page" | cut -d: -f1)
anchormsg="content/$page:$line:5: ошибка: в документе «polozhenie» нет заголовка с якорем «#2-poryadok»"
get /pages/o-nastavnichestve.html
if [ "$code" = 500 ] && grep -qF "$anchormsg" "$tmp/b"; then ok; else bad "keep-model: нет ошибки о якоре (код $code)"; tail -n 8 "$tmp/err"; fi
rebuilt sh -c "printf '\\n# 2. Порядок\\n\\nТекст.\\n' >>'$pos'"
get /pages/o-nastavnichestve.html
if [ "$code" = 200 ] && grep -qF 'polozhenie.html#2-poryadok' "$tmp/b"; then ok; else bad "keep-model: заголовок появился в другом документе — ошибка о якоре осталась (код $code)"; tail -n 8 "$tmp/err"; fi
rebuilt cp "$tmp/orig.md" "$tmp/p/content/$page"
rebuilt cp "$tmp/pos.md" "$pos"

# --- a new folder is watched ---
mkdir -p "$tmp/p/content/news/2026"
sleep 0.3
get /__nastavnik/version
v2=$(cat "$tmp/b")
printf -- '---\ntitle: Новость в новой папке\ndate: 01.09.2025\n---\nТекст.\n' >"$tmp/p/content/news/2026/nova.md"
n=0
while [ $n -lt 100 ]; do
	get /__nastavnik/version
	[ "$(cat "$tmp/b")" != "$v2" ] && break
	sleep 0.1
	n=$((n + 1))
done
if [ $n -lt 100 ]; then ok; else bad "new-folder: изменение в новой папке не пересобрало сайт"; fi

# --- the theme is watched ---
get /__nastavnik/version
v3=$(cat "$tmp/b")
printf '\n/* changed */\n' >>"$tmp/p/themes/default/assets/style.css"
n=0
while [ $n -lt 100 ]; do
	get /assets/style.css
	grep -q 'changed' "$tmp/b" && break
	sleep 0.1
	n=$((n + 1))
done
if [ $n -lt 100 ]; then ok; else bad "theme: изменение темы не пересобрало сайт"; fi

# --- a symbolic link out of the site (planted in the served folder) ---
site=$(ls -d "$tmp"/t/nastavnik-serve-*/site 2>/dev/null | head -n 1)
if [ -n "$site" ]; then
	ln -s /etc "$site/etc-link"
	ln -s /etc/passwd "$site/passwd.txt"
	expect_code symlink-dir 403\|404 /etc-link/passwd
	expect_code symlink-file 403\|404 /passwd.txt
	grep -q 'root:' "$tmp/b" && bad "symlink: отдан /etc/passwd"
else
	bad "symlink: нет временной папки"
fi

# --- idle connections do not lock the browser out ---
# More idle sockets than the server's connection limit (256): they fill
# it, the rest wait in the kernel's queue, and the browser's request
# waits behind them. An idle connection is closed after 2 s, so the
# request is served within 5 s, and every idle socket is closed soon.
if command -v python3 >/dev/null 2>&1; then
	python3 "$root/tests/serve/idle.py" "$port" 300 10 >"$tmp/idle" 2>&1 &
	ipid=$!
	if wait_for "$tmp/idle" ready 100; then ok; else bad "idle: соединения не открыты"; cat "$tmp/idle"; fi
	t0=$(ms)
	code=$(curl -s --max-time 5 -o "$tmp/b" -w '%{http_code}' "$url/")
	t=$(($(ms) - t0))
	if [ "$code" = 200 ]; then
		ok
		echo "serve: при 300 простаивающих соединениях ответ через $t мс"
	else
		bad "idle: при 300 простаивающих соединениях запрос не обслужен за 5 с (код $code)"
	fi
	wait "$ipid"
	ipid=""
	closed=$(sed -n 's/^closed //p' "$tmp/idle")
	if [ "${closed:-0}" -eq 300 ]; then ok; else bad "idle: за 10 с сервер закрыл ${closed:-0} простаивающих соединений из 300"; fi
	expect_code idle-after 200 /
else
	bad "idle: python3 не установлен (scripts/deps.sh)"
fi

# --- usage and a taken port ---
"$bin" serve --help >"$tmp/u.out" 2>"$tmp/u.err"
if [ $? -eq 0 ] && grep -qF "Использование: nastavnik serve" "$tmp/u.out"; then ok; else bad "usage: --help"; fi
"$bin" serve -p abc >"$tmp/u.out" 2>"$tmp/u.err"
if [ $? -eq 2 ] && grep -qF "порт — число от 0 до 65535, а не «abc»" "$tmp/u.err"; then ok; else bad "usage: -p abc"; fi
mkdir -p "$tmp/t2"
TMPDIR=$tmp/t2 "$bin" serve -C "$tmp/p" -p "$port" >"$tmp/b.out" 2>"$tmp/b.err" &
pid2=$!
n=0
while [ $n -lt 100 ] && kill -0 "$pid2" 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
wait "$pid2" 2>/dev/null
status=$?
pid2=""
if [ "$status" -eq 2 ] && grep -qF "порт $port уже занят" "$tmp/b.err" && [ -z "$(ls -A "$tmp/t2")" ]; then ok; else bad "port-taken: код $status"; cat "$tmp/b.err"; fi

# --- stop: exit 0, temporary folder removed ---
kill -TERM "$pid"
n=0
while [ $n -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
if kill -0 "$pid" 2>/dev/null; then
	bad "stop: сервер не остановился за 10 с"
else
	wait "$pid"
	status=$?
	if [ "$status" -eq 0 ]; then ok; else bad "stop: код выхода $status"; cat "$tmp/err"; fi
fi
pid=""
if [ -z "$(ls -A "$tmp/t")" ]; then ok; else bad "stop: временная папка осталась: $(ls "$tmp/t")"; fi
if grep -q "предпросмотр остановлен" "$tmp/out"; then ok; else bad "stop: нет сообщения об остановке"; fi

echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
