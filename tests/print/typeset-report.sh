#!/bin/sh
# The typesetting figures of every printed document of the regress cases
# (the demo school is one of them): the documents with a golden layout,
# tests/regress/cases/CASE/expected/print/DOC.txt, printed afresh with
# --dump-layout and read by typeset_report.py (see there what it counts).
# Prints the figures per document, then a total and one summary line:
#   typeset: names-hyphenated N, past-margin N, loose-lines N (libreoffice M), …
# LibreOffice's loose lines are counted on the same text, set by Writer
# (typeset_lo.py); «n/a» when soffice is not installed.
# Not part of `make check`: `make typeset-report`.
# Usage: tests/print/typeset-report.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
cases=$here/../regress/cases
export LC_ALL=C.UTF-8
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lo=n/a
fail=0
for c in "$cases"/*/; do
	c=${c%/}
	[ -d "$c/expected/print" ] || continue
	name=$(basename "$c")
	if [ -f "$c/project" ]; then
		dir=$(cd "$c/$(cat "$c/project")" && pwd)
	else
		dir=$c
	fi
	mkdir -p "$tmp/$name"
	for f in "$c"/expected/print/*.txt; do
		[ -f "$f" ] || continue
		doc=$(basename "$f" .txt)
		if ! "$bin" print -C "$dir" "$doc" -o "$tmp/doc.pdf" --dump-layout \
			>"$tmp/$name/$doc.txt" 2>"$tmp/err"; then
			echo "typeset: $name/$doc: печать завершилась с ошибкой"
			cat "$tmp/err"
			rm -f "$tmp/$name/$doc.txt"
			fail=1
		fi
	done
done
# LibreOffice Writer on the same text, when it is installed.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$tmp/lo"
	# shellcheck disable=SC2046 # the dumps' paths have no spaces
	if HOME=$tmp/lo "$py" "$here/typeset_lo.py" "$tmp/lo" $(find "$tmp" -name '*.txt' | sort) \
		>"$tmp/lo.out"; then
		grep -v '^libreoffice: ' "$tmp/lo.out"
		lo=$(sed -n 's/^libreoffice: loose-lines //p' "$tmp/lo.out")
	else
		echo "typeset: LibreOffice не смог сверстать тот же текст"
		fail=1
	fi
fi
# shellcheck disable=SC2046 # the dumps' paths have no spaces
"$py" "$here/typeset_report.py" "$lo" $(find "$tmp" -name '*.txt' -not -path "$tmp/lo/*" | sort) || fail=1
exit "$fail"
