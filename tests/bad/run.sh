#!/bin/sh
# Broken content, each case with the exact diagnostics it must produce.
#
# tests/bad/CASE/content/  the content folder of a project
# tests/bad/CASE/expected  exact stderr of `nastavnik check -C tests/bad/CASE`
# tests/bad/CASE/status    expected exit code (1 when absent)
# tests/bad/CASE/base      if present: start from a copy of tests/bad/_base
#                          and lay CASE/content over it
# tests/bad/CASE/setup.sh  if present: run in a scratch copy before checking
# tests/bad/CASE/args      if present: extra arguments for `check`
# tests/bad/CASE/date      if present: the day the case is checked on
#                          (SOURCE_DATE_EPOCH of that date, YYYY-MM-DD)
# tests/bad/CASE/build     if present (with base or setup.sh): `build` must
#                          fail too (exit 1 or 2), write no output/site or
#                          output/print, and copy nothing of
#                          /etc/passwd anywhere into the project
# tests/bad/CASE/build-expected  if present (with build): the exact stderr
#                          of that `build` (for mistakes only a build
#                          finds, such as a name in a template)
#
# Usage: tests/bad/run.sh [--bless] BINARY
# --bless rewrites every expected file from the current output (look at
# `git diff tests/bad` before committing).
set -u
# Outputs must not depend on this repository's commits, nor say that a
# temporary project has none: tests/git tests the revision history.
NASTAVNIK_NO_HISTORY=1
export NASTAVNIK_NO_HISTORY
bless=0
if [ "${1:-}" = "--bless" ]; then bless=1; shift; fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
# setup.sh scripts may start from the demo school in $NV_ROOT/content.
NV_ROOT=$(cd "$here/../.." && pwd)
export NV_ROOT
pass=0
fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# In a case's subshell: the day of its date file, if it has one.
on_day() {
	if [ -n "$epoch" ]; then
		SOURCE_DATE_EPOCH=$epoch
		export SOURCE_DATE_EPOCH
	fi
}

for dir in "$here"/*/; do
	case=$(basename "$dir")
	case $case in _*) continue ;; esac
	[ -d "$dir/content" ] || [ -f "$dir/status" ] || [ -f "$dir/setup.sh" ] || continue
	want_status=1
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	run_dir=$dir
	if [ -f "$dir/setup.sh" ] || [ -f "$dir/base" ]; then
		# Work in a scratch copy: cases built on the base project, and
		# cases too big for git that make their files with setup.sh.
		run_dir=$(mktemp -d)
		[ -f "$dir/base" ] && cp -R "$here/_base/." "$run_dir"
		cp -R "$dir/." "$run_dir"
		[ -f "$dir/setup.sh" ] && (cd "$run_dir" && sh ./setup.sh)
	fi
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	epoch=""
	[ -f "$dir/date" ] && epoch=$(date -u -d "$(cat "$dir/date")" +%s)
	# shellcheck disable=SC2086
	(cd "$run_dir" && on_day && ${VALGRIND:-} "$bin" check $args) >/dev/null 2>"$out"
	status=$?
	built=ok
	if [ -f "$dir/build" ] && [ "$run_dir" != "$dir" ]; then
		(cd "$run_dir" && on_day && ${VALGRIND:-} "$bin" build) >/dev/null 2>"$out.build"
		bstatus=$?
		if [ "$bstatus" -ne 1 ] && [ "$bstatus" -ne 2 ]; then
			built="build: код выхода $bstatus, ожидался 1 или 2"
		elif [ -e "$run_dir/output/site" ] || [ -e "$run_dir/output/print" ]; then
			built="build: записана папка output/"
		elif grep -rqs '^root:' "$run_dir"; then
			built="build: в проект попал /etc/passwd"
		elif [ -f "$dir/build-expected" ] && [ "$bless" -eq 1 ]; then
			cp "$out.build" "$dir/build-expected"
		elif [ -f "$dir/build-expected" ] && ! cmp -s "$dir/build-expected" "$out.build"; then
			built="build: диагностика отличается от ожидаемой:
$(diff -u "$dir/build-expected" "$out.build")"
		fi
	fi
	[ "$run_dir" != "$dir" ] && rm -rf "$run_dir"
	if [ "$bless" -eq 1 ]; then
		cp "$out" "$dir/expected"
		echo "$status" > "$dir/status"
		continue
	fi
	if [ "$built" != ok ]; then
		echo "bad/$case: $built"
		fail=$((fail + 1))
	elif [ "$status" -ne "$want_status" ]; then
		echo "bad/$case: код выхода $status, ожидался $want_status"
		cat "$out"
		fail=$((fail + 1))
	elif ! diff -u "$dir/expected" "$out" > "$out.diff"; then
		echo "bad/$case: диагностика отличается от ожидаемой:"
		cat "$out.diff"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -f "$out.diff" "$out.build"
done
[ "$bless" -eq 1 ] && exit 0
echo "bad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
