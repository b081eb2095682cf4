#!/bin/sh
# Golden files: the resolved model of known projects, dumped as text by
# `nastavnik check --dump`, must match tests/regress/NAME.model exactly.
#   demo.model  — the demo school in content/
#   base.model  — the small project in tests/bad/_base
# Usage: tests/regress/run.sh [--bless] BINARY
set -u
bless=0
if [ "${1:-}" = "--bless" ]; then bless=1; shift; fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

check() {
	name=$1 dir=$2
	if ! ${VALGRIND:-} "$bin" check --dump -C "$dir" >"$out" 2>/dev/null; then
		echo "regress/$name: check завершился с ошибкой"
		"$bin" check -C "$dir" 2>&1 | tail -n 20
		fail=$((fail + 1))
		return
	fi
	if [ "$bless" -eq 1 ]; then
		grep -v '^nastavnik: проверено' "$out" > "$here/$name.model"
		return
	fi
	grep -v '^nastavnik: проверено' "$out" > "$out.model"
	if diff -u "$here/$name.model" "$out.model" > "$out.diff"; then
		pass=$((pass + 1))
	else
		echo "regress/$name: модель отличается от эталона (make regress-bless обновит его):"
		head -n 60 "$out.diff"
		fail=$((fail + 1))
	fi
	rm -f "$out.model" "$out.diff"
}

check demo "$root"
check base "$here/../bad/_base"
[ "$bless" -eq 1 ] && exit 0
echo "regress: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
