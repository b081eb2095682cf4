#!/bin/sh
# Feeds and calendars as their readers see them: atom.xml and sitemap.xml
# must be well-formed XML (xmllint), every .ics must follow RFC 5545
# (CRLF, lines folded at 75 octets without splitting UTF-8, escaped TEXT)
# and parse with python3-icalendar, giving back the text of the content.
#  - demo: the demo school;
#  - tricky: tests/bad/_base with commas, semicolons, backslashes,
#    newlines, & < > " ' and long lines (one folded exactly at the edge)
#    in titles, responsible, results and base_path: builds and validates;
#  - control: control characters and a bare CR in titles and roadmap text
#    are refused at check time (located errors), nothing is written;
#  - --base-url: only http(s) with a host; anything else is a usage error.
# Usage: tests/feeds/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "feeds/$1"; }
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
# Debian's python3-icalendar lives in the system Python.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# valid NAME SITE TEXT...: xmllint on atom.xml and sitemap.xml, the
# iCalendar check on every .ics (TEXTs must come back from the parser).
valid() {
	name=$1 site=$2
	shift 2
	for f in "$site/news/atom.xml" "$site/sitemap.xml"; do
		if [ ! -f "$f" ]; then
			bad "$name: нет файла ${f#"$site"/}"
		elif xmllint --noout "$f" >"$tmp/xml" 2>&1; then
			ok
		else
			bad "$name: ${f#"$site"/} — не XML:"
			head -5 "$tmp/xml"
		fi
	done
	n=0
	for f in "$site"/roadmaps/*.ics; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if "$py" "$here/check_ics.py" "$f" "$@" >"$tmp/ics" 2>&1; then
			ok
		else
			bad "$name: ${f#"$site"/}:"
			cat "$tmp/ics"
		fi
	done
	[ "$n" -gt 0 ] || bad "$name: нет ни одного .ics"
}

# project NAME: tests/bad/_base with tests/feeds/NAME laid over it.
project() {
	rm -rf "${tmp:?}/$1"
	mkdir -p "$tmp/$1"
	cp -R "$root/tests/bad/_base/." "$tmp/$1"
	cp -R "$here/$1/." "$tmp/$1"
}

# The demo school.
if "$bin" build -C "$root" -o "$tmp/demo" --no-pdf >"$tmp/log" 2>&1; then
	valid demo "$tmp/demo/site"
else
	bad "demo: сборка не удалась"
	cat "$tmp/log"
fi

# Hostile but valid text: escaped, folded and given back unchanged.
project tricky
if (cd "$tmp/tricky" && "$bin" build -o out --no-pdf) >"$tmp/log" 2>&1; then
	valid tricky "$tmp/tricky/out/site" \
		'1.1. Assemble the council, the methodists; the mentors and the mentees\teachers to plan the year 2025-2026 ok and then reports back in June' \
		'Ответственный: Методист, совет; отдел\кадров' \
		"Результат: Протокол № 1; план, график
и отчёт" \
		'План мероприятий; наставничество, 2025\2026' \
		'1.2. Провести установочный семинар для наставников и наставляемых, обсудить формы наставничества «учитель – учитель», «ученик – ученик»; составить индивидуальные планы'
else
	bad "tricky: сборка не удалась"
	cat "$tmp/log"
fi

# Control characters: refused where they are written, nothing built.
project control
(cd "$tmp/control" && "$bin" build -o out --no-pdf) >/dev/null 2>"$tmp/log"
status=$?
grep 'ошибка' "$tmp/log" >"$tmp/errors"
if [ "$status" -ne 1 ]; then
	bad "control: код выхода $status, ожидался 1"
	[ -d "$tmp/control/out/site" ] && valid control-built "$tmp/control/out/site"
elif ! diff -u "$here/control/expected" "$tmp/errors"; then
	bad "control: диагностика отличается от ожидаемой"
elif [ -e "$tmp/control/out/site" ]; then
	bad "control: при ошибках записан out/site"
else
	ok
fi

# --base-url: checked like site.yml's website, before anything is read;
# the message says why (the reasons: html.c, nv_html_base_url_problem).
tab=$(printf '\t')
http='нужен полный адрес, начинающийся с http:// или https://'
for c in "javascript:alert(1)|$http" " JaVa${tab}script:alert(1)|$http" "data:text/html,x|$http" \
	"/nastavnichestvo/|$http" 'https:///x|после «http:» или «https:» должны идти «//» и имя сайта' \
	'https://school.example/a b/|в адресе есть пробел'; do
	u=${c%%|*}
	project tricky
	(cd "$tmp/tricky" && "$bin" build -o out --no-pdf --base-url "$u") >/dev/null 2>"$tmp/log"
	status=$?
	want="nastavnik: build: адрес --base-url «$u» не подходит: ${c#*|}"
	if [ "$status" -ne 2 ] || [ "$(head -1 "$tmp/log")" != "$want" ]; then
		bad "base-url «$u»: код выхода $status, ожидался 2 с сообщением:"
		echo "$want"
		cat "$tmp/log"
	elif [ -e "$tmp/tricky/out" ]; then
		bad "base-url «$u»: при ошибке записан out"
	else
		ok
	fi
done
project tricky
if (cd "$tmp/tricky" && "$bin" build -o out --no-pdf --base-url 'HTTPS://school.example/a&b/') \
	>"$tmp/log" 2>&1 && grep -q '<id>HTTPS://school.example/a&amp;b/news/</id>' \
	"$tmp/tricky/out/site/news/atom.xml"; then
	valid base-url "$tmp/tricky/out/site"
else
	bad "base-url: полный адрес с & не принят или не экранирован в atom.xml"
	cat "$tmp/log"
fi

echo "feeds: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
