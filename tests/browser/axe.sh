#!/bin/sh
# axe-core on every page of the demo school and of every regress case
# (tests/regress/cases/*: their content/ or the project they name) and
# of the example department (examples/municipality), at
# 1280 px, at 375 px and in the large-font mode: tests/browser/axe.mjs.
# Usage: tests/browser/axe.sh BINARY
# Ends with the line "axe: N passed, M failed".
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NASTAVNIK_NO_HISTORY=1
SOURCE_DATE_EPOCH=1767225600
export NASTAVNIK_NO_HISTORY SOURCE_DATE_EPOCH
sites=
for c in "$root"/tests/regress/cases/*/; do
	name=$(basename "$c")
	if [ -f "$c/project" ]; then
		dir=$(cd "$c/$(cat "$c/project")" && pwd)
	else
		dir=$c
	fi
	if ! "$bin" build --no-pdf -C "$dir" -o "$tmp/$name" >"$tmp/err" 2>&1; then
		echo "axe: сборка $name завершилась с ошибкой:"
		tail -n 20 "$tmp/err"
		echo "axe: 0 passed, 1 failed"
		exit 1
	fi
	sites="$sites $tmp/$name/site"
done
# The example department: its municipal pages (organisations, roll-up, case bank).
if ! "$bin" build --no-pdf -C "$root/examples/municipality" -o "$tmp/municipality" >"$tmp/err" 2>&1; then
	echo "axe: сборка examples/municipality завершилась с ошибкой:"
	tail -n 20 "$tmp/err"
	echo "axe: 0 passed, 1 failed"
	exit 1
fi
sites="$sites $tmp/municipality/site"
# shellcheck disable=SC2086 # one argument per site
node "$root/tests/browser/axe.mjs" $sites
