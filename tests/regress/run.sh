#!/bin/sh
# Golden files of small one-feature projects, tests/regress/cases/NAME/
# (see tests/regress/README):
#   content/ or project   the project: its content/ beside, or a file
#                         `project` holding the path of the project folder
#                         relative to the case (the demo school, tests/bad/_base);
#   expected/model.txt    `nastavnik check --dump`, without the summary line;
#   expected/site/PATH    the page PATH of `nastavnik build`;
#   expected/print/DOC.txt  `nastavnik print DOC --dump-layout`.
# Every expected file must match exactly; --bless rewrites the existing ones
# (and model.txt), so a new page or document is added as an empty file first.
# Usage: tests/regress/run.sh [--bless] BINARY
set -u
# Outputs must not depend on this repository's commits, nor say that a
# temporary project has none: tests/git tests the revision history.
NASTAVNIK_NO_HISTORY=1
export NASTAVNIK_NO_HISTORY
bless=0
if [ "${1:-}" = "--bless" ]; then bless=1; shift; fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C.UTF-8
# PDFs and feeds carry dates: fixed, so that the outputs can be compared.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# compare CASE WANT GOT: one expected file against what the program made.
compare() {
	if [ "$bless" -eq 1 ]; then
		mkdir -p "$(dirname "$2")"
		cp "$3" "$2"
	elif diff -u "$2" "$3" >"$tmp/diff"; then
		pass=$((pass + 1))
	else
		echo "regress/$1: ${2#"$here"/cases/} отличается от эталона (make regress-bless обновит его):"
		head -n 60 "$tmp/diff"
		fail=$((fail + 1))
	fi
}

# broken CASE MESSAGE: a step of the case failed before any comparison.
broken() {
	echo "regress/$1: $2"
	fail=$((fail + 1))
}

# run_case DIR: every expected file of one case.
run_case() {
	c=$1
	name=$(basename "$c")
	if [ -f "$c/project" ]; then
		dir=$(cd "$c/$(cat "$c/project")" && pwd)
	else
		dir=$c
	fi
	exp=$c/expected
	if ! ${VALGRIND:-} "$bin" check --dump -C "$dir" >"$tmp/model.raw" 2>"$tmp/err"; then
		broken "$name" "check завершился с ошибкой"
		tail -n 20 "$tmp/err"
		return
	fi
	grep -v '^nastavnik: проверено' "$tmp/model.raw" >"$tmp/model.txt"
	compare "$name" "$exp/model.txt" "$tmp/model.txt"

	if [ -d "$exp/site" ]; then
		rm -rf "$tmp/out"
		if ! "$bin" build -C "$dir" -o "$tmp/out" >"$tmp/err" 2>&1; then
			broken "$name" "build завершился с ошибкой"
			tail -n 20 "$tmp/err"
		else
			(cd "$exp/site" && find . -type f | sed 's|^\./||' | sort) >"$tmp/pages"
			while read -r p; do
				if [ -f "$tmp/out/site/$p" ]; then
					# PDF sizes follow Cairo and the fonts: tests/site checks them
					sed -E 's/\(PDF, [0-9]+(,[0-9])? (Б|КБ|МБ)\)/(PDF, N \2)/g' \
						"$tmp/out/site/$p" >"$tmp/page"
					compare "$name" "$exp/site/$p" "$tmp/page"
				else
					broken "$name" "нет страницы site/$p"
				fi
			done <"$tmp/pages"
		fi
	fi

	if [ -d "$exp/print" ]; then
		for f in "$exp"/print/*.txt; do
			[ -f "$f" ] || continue
			doc=$(basename "$f" .txt)
			if "$bin" print -C "$dir" "$doc" -o "$tmp/doc.pdf" --dump-layout >"$tmp/doc.txt" 2>"$tmp/err"; then
				compare "$name" "$f" "$tmp/doc.txt"
			else
				broken "$name" "print $doc завершился с ошибкой"
				tail -n 20 "$tmp/err"
			fi
		done
	fi
}

for c in "$here"/cases/*/; do
	[ -d "$c" ] || continue
	run_case "${c%/}"
done
if [ "$bless" -eq 1 ] && [ "$fail" -eq 0 ]; then
	echo "regress: эталоны обновлены в $here/cases"
	exit 0
fi
echo "regress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
