#!/bin/sh
# Run every test suite and print one line per suite, with the seconds it
# took, then the total:
#   N passed, M failed
# Usage: tests/run.sh [--unit-only] BUILD [ASAN_BUILD]
# VALGRIND, if set, is a command prefix for the unit tests and spec runner.
# Each suite prints its own last line "NAME: N passed, M failed"; a suite
# that dies without that line counts as one failure.
set -u
unit_only=0
if [ "${1:-}" = "--unit-only" ]; then unit_only=1; shift; fi
build=$1
asan=${2:-}
spec=tests/spec/mustache
total_pass=0
total_fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run LABEL COMMAND...: run a suite, show its failures and its summary.
run() {
	label=$1; shift
	started=$(date +%s)
	"$@" >"$log" 2>&1
	status=$?
	took=$(($(date +%s) - started))
	line=$(grep -E '^[^:]*: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"
		echo "$label: завершился без итоговой строки (код $status)"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ "$f" -gt 0 ] || [ "$status" -ne 0 ]; then
		grep -vE '^[^:]*: [0-9]+ passed, [0-9]+ failed' "$log" | head -n 200
		[ "$f" -eq 0 ] && f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	echo "$label: $p passed, $f failed ($took s)"
}

suite() {
	b=$1; tag=$2
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		run "$tag$(basename "$t")" ${VALGRIND:-} "$t"
	done
	[ "$unit_only" -eq 1 ] && return
	if [ -x "$b/tests/mustache-spec" ]; then
		run "${tag}mustache spec" ${VALGRIND:-} "$b/tests/mustache-spec" "$spec"
	fi
	run "${tag}bad input" sh tests/bad/run.sh "$b/nastavnik"
	run "${tag}regress" sh tests/regress/run.sh "$b/nastavnik"
	run "${tag}site" sh tests/site/run.sh "$b/nastavnik"
	run "${tag}feeds" sh tests/feeds/run.sh "$b/nastavnik"
	run "${tag}git" sh tests/git/run.sh "$b/nastavnik"
	run "${tag}print" sh tests/print/run.sh "$b/nastavnik"
	run "${tag}pd" sh tests/pd/run.sh "$b/nastavnik"
	run "${tag}report" sh tests/report/run.sh "$b/nastavnik"
	run "${tag}forms" sh tests/forms/run.sh "$b/nastavnik"
	run "${tag}import" sh tests/import/run.sh "$b/nastavnik"
	run "${tag}serve" sh tests/serve/run.sh "$b/nastavnik"
	run "${tag}deploy" sh tests/deploy/run.sh "$b/nastavnik"
	run "${tag}municipal" sh tests/municipal/run.sh "$b/nastavnik"
	run "${tag}cli" sh tests/cli/run.sh "$b/nastavnik"
	[ -z "$tag" ] && run "arch" sh tests/arch/run.sh
	# Timed kills: the slower ASan build would shift every kill point.
	[ -z "$tag" ] && run "kill" sh tests/kill/run.sh "$b/nastavnik"
	if [ -z "$tag" ]; then
		# The demo site, checked as a browser and a validator see it.
		rm -rf "$b/site-check"
		"$b/nastavnik" build -C . -o "$b/site-check" >/dev/null 2>&1
		run "html" sh tests/html/run.sh "$b/site-check/site"
		run "links" node tests/html/links.mjs "$b/site-check/site"
		run "browser" node tests/browser/run.mjs "$b/site-check/site" "$b/screenshots"
		# axe on every page of the demo and of every regress case, in three modes.
		run "axe" sh tests/browser/axe.sh "$b/nastavnik"
		# Fragments as a CMS shows them: no stylesheet, a Cyrillic domain.
		rm -rf "$b/fragment-check"
		"$b/nastavnik" build -C . -o "$b/fragment-check" --no-pdf --fragment \
			--base-url https://школа14.рф/nastavnichestvo/ >/dev/null 2>&1
		run "fragments" node tests/browser/fragments.mjs "$b/fragment-check/site" "$b/screenshots"
	fi
}

suite "$build" ""
if [ -n "$asan" ]; then
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	# fontconfig and libhyphen keep a few bytes for the life of the process.
	LSAN_OPTIONS=suppressions=$(pwd)/tests/print/lsan.supp:print_suppressions=0
	export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
	suite "$asan" "asan "
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
