#!/bin/sh
# Validity of a generated site: every .html through tidy (HTML5), every
# .xml and .svg well-formed (xmllint), every .json parses (node), every
# .ics a plausible iCalendar file. One test per file; ends with
#   html: N passed, M failed
# Usage: sh tests/html/run.sh SITE_DIR
#
# A page fails on any tidy Error and on any Warning not matched by
# tests/html/tidy-allow.txt (false positives of tidy 5.6 only; allowed
# warnings are listed at the end with their counts).
set -u
here=$(cd "$(dirname "$0")" && pwd)
site=${1:-}
pass=0
fail=0

fatal() {
	echo "html: $1"
	echo "html: 0 passed, 1 failed"
	exit 1
}
[ -n "$site" ] || fatal "использование: sh tests/html/run.sh SITE_DIR"
[ -d "$site" ] || fatal "нет папки $site: сначала соберите сайт (nastavnik build)"
for tool in tidy:tidy xmllint:libxml2-utils node:nodejs; do
	command -v "${tool%%:*}" >/dev/null 2>&1 ||
		fatal "нет программы ${tool%%:*}: установите пакет ${tool#*:} (sh scripts/deps.sh)"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -vE '^[[:space:]]*(#|$)' "$here/tidy-allow.txt" >"$tmp/allow" 2>/dev/null || :
: >"$tmp/allowed"

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); }

# find -print0 is not POSIX sh-friendly; file names of the site are slugs.
find "$site" -type f -name '*.html' | LC_ALL=C sort >"$tmp/html"
find "$site" -type f \( -name '*.xml' -o -name '*.svg' \) | LC_ALL=C sort >"$tmp/xml"
find "$site" -type f -name '*.json' | LC_ALL=C sort >"$tmp/json"
find "$site" -type f -name '*.ics' | LC_ALL=C sort >"$tmp/ics"
[ -s "$tmp/html" ] || fatal "в $site нет ни одного файла .html"

while IFS= read -r f; do
	rel=${f#"$site"/}
	tidy -q -e --gnu-emacs yes --show-info no --input-encoding utf8 "$f" >/dev/null 2>"$tmp/out"
	status=$?
	# "file:line:col: Error|Warning: message" → "line:col: message"
	grep -E '^.*:[0-9]+:[0-9]+: (Error|Warning): ' "$tmp/out" |
		sed -E 's/^.*:([0-9]+:[0-9]+): /\1: /' >"$tmp/diag"
	if [ -s "$tmp/allow" ]; then
		sed -E 's/^[0-9]+:[0-9]+: //' "$tmp/diag" | grep -E -f "$tmp/allow" >>"$tmp/allowed"
		# Keep the lines whose message part matches no allowed pattern.
		while IFS= read -r line; do
			printf '%s\n' "${line#*: }" | grep -qE -f "$tmp/allow" || printf '%s\n' "$line"
		done <"$tmp/diag" >"$tmp/diag.kept"
		mv "$tmp/diag.kept" "$tmp/diag"
	fi
	if [ -s "$tmp/diag" ]; then
		sed "s|^|html/tidy $rel:|" "$tmp/diag" | head -n 20
		bad
	elif [ "$status" -gt 2 ]; then
		echo "html/tidy $rel: tidy завершился с кодом $status"
		cat "$tmp/out"
		bad
	else
		ok
	fi
done <"$tmp/html"

while IFS= read -r f; do
	rel=${f#"$site"/}
	if xmllint --noout --nonet "$f" 2>"$tmp/out"; then
		ok
	else
		sed "s|^|html/xml $rel: |" "$tmp/out" | head -n 10
		bad
	fi
done <"$tmp/xml"

while IFS= read -r f; do
	rel=${f#"$site"/}
	if node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" 2>"$tmp/out"; then
		ok
	else
		echo "html/json $rel: $(grep -m1 -E 'SyntaxError' "$tmp/out" || head -n 1 "$tmp/out")"
		bad
	fi
done <"$tmp/json"

# iCalendar (RFC 5545): VCALENDAR with VERSION and PRODID, CRLF line ends,
# BEGIN/END balanced, content lines folded at 75 octets.
while IFS= read -r f; do
	rel=${f#"$site"/}
	problem=$(LC_ALL=C awk '
		function die(msg) { print msg; failed = 1; exit }
		!/\r$/ { die("строка " NR ": конец строки не CRLF") }
		{ line = $0; sub(/\r$/, "", line) }
		NR == 1 && line != "BEGIN:VCALENDAR" { die("первая строка не BEGIN:VCALENDAR") }
		length(line) > 75 { die("строка " NR ": длиннее 75 байт (нужен перенос строки по RFC 5545)") }
		line ~ /^VERSION:2\.0$/ { version = 1 }
		line ~ /^PRODID:/ { prodid = 1 }
		line ~ /^BEGIN:/ { stack[++depth] = substr(line, 7) }
		line ~ /^END:/ {
			if (depth == 0 || stack[depth] != substr(line, 5)) die("строка " NR ": " line " без пары")
			depth--
		}
		END {
			if (failed) exit
			if (NR == 0) print "пустой файл"
			else if (depth != 0) print "не закрыт BEGIN:" stack[depth]
			else if (!version) print "нет VERSION:2.0"
			else if (!prodid) print "нет PRODID"
		}' "$f")
	if [ -z "$problem" ]; then
		ok
	else
		echo "html/ics $rel: $problem"
		bad
	fi
done <"$tmp/ics"

if [ -s "$tmp/allowed" ]; then
	LC_ALL=C sort "$tmp/allowed" | uniq -c | sort -rn | while read -r n msg; do
		echo "html: допущено (tidy-allow.txt) ×$n: $msg"
	done
fi
echo "html: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
