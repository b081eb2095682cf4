#!/bin/sh
# Builds killed with SIGKILL at many points, whole and partial, with and
# without PDFs. After every kill:
#  - output/site and output/print each equal a clean build of either the
#    previous content or the new one (each tree is swapped in atomically;
#    the two trees are two swaps, nastavnik(1) says so);
#  - no PDF worker of the killed build is left running;
# and the build after it (of the new content, or of the previous one put
# back: a crash followed by a revert must not give a stale «nothing
# changed») leaves no staging folder and equals a clean build.
# Also: a second build on the same output folder waits for the first, or
# fails with a clear message.
#
# The build is fast, so NV_TEST_PAUSE (build.c) widens its windows: it
# sleeps at named points and after each printed document. The kill
# delays come from a fixed list (this run) or, with --long, from a fixed
# pseudo-random sequence (make kill-long), so every run is the same.
# Usage: tests/kill/run.sh BINARY [--long]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
long=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
bg=""
cleanup() {
	[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "kill/$1"
}
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1756425600
export SOURCE_DATE_EPOCH
unset NV_TEST_PAUSE NV_TEST_LOCK_WAIT NV_TEST_NO_EXCHANGE

# The project: 40 generated documents, 20 of them printed (enough for
# PDF worker processes with -j 2). Its folder name is unique, so the
# build's processes (workers share the parent's command line) are found
# by it.
proj=$tmp/kill-proj-$$
sh "$root/bench/gen-corpus.sh" "$proj" 40 >/dev/null
cp -R "$root/themes" "$proj/themes"
c=$proj/content
# The states of the content, as copies of the files they change:
#  a: as generated;
#  b: the texts of an order, a roadmap and a news item edited (a partial build);
#  c: the front matter of a case edited (a whole build).
files="orders/prikaz-00007.md roadmaps/dorozhnaya-karta-00002.md news/novost-00017.md cases/keys-00011.md"
for f in $files; do
	mkdir -p "$tmp/a/$(dirname "$f")" "$tmp/b/$(dirname "$f")" "$tmp/c/$(dirname "$f")"
	cp "$c/$f" "$tmp/a/$f"
	cp "$c/$f" "$tmp/b/$f"
	cp "$c/$f" "$tmp/c/$f"
done
for f in orders/prikaz-00007.md roadmaps/dorozhnaya-karta-00002.md news/novost-00017.md; do
	printf '\nДобавлен абзац после проверки — пересборка части документов.\n' >>"$tmp/b/$f"
done
sed -i 's/^title: "Кейс № 11: адаптация/title: "Кейс № 11 (изменён): адаптация/' "$tmp/c/cases/keys-00011.md"

state() { # S: put state S into the content
	for f in $files; do cp "$tmp/$1/$f" "$c/$f"; done
}
# build ARGS...: a build of the project, its output in $proj/output.
build() { "$bin" build -C "$proj" -j 2 "$@"; }

# The clean builds of every state, with and without PDFs.
mkdir -p "$tmp/ref"
for s in a b c; do
	cp -R "$proj" "$tmp/refproj"
	for f in $files; do cp "$tmp/$s/$f" "$tmp/refproj/content/$f"; done
	(cd "$tmp/refproj" && "$bin" build -j 2 -o "$tmp/ref/$s-pdf" >/dev/null 2>&1 &&
		"$bin" build -j 2 --no-pdf -o "$tmp/ref/$s-nopdf" >/dev/null 2>&1) ||
		bad "setup: чистая сборка $s не удалась"
	rm -rf "$tmp/refproj"
done
if diff -rq "$tmp/ref/a-pdf/site" "$tmp/ref/b-pdf/site" >/dev/null ||
	diff -rq "$tmp/ref/a-pdf/print" "$tmp/ref/b-pdf/print" >/dev/null ||
	diff -rq "$tmp/ref/a-pdf/site" "$tmp/ref/c-pdf/site" >/dev/null; then
	bad "setup: состояния содержимого не различаются"
fi

same() { # DIR REF: the tree DIR equals REF (the manifests record file times: left out)
	[ -d "$1" ] && diff -r -x .nastavnik-manifest "$1" "$2" >/dev/null 2>&1
}
# tree_is NAME FROM TO MODE: output/NAME equals the clean build of FROM or TO.
tree_is() {
	same "$proj/output/$1" "$tmp/ref/$2-$4/$1" || same "$proj/output/$1" "$tmp/ref/$3-$4/$1"
}
# The processes of a build of the project (the parent and its workers).
procs() { pgrep -f "$proj" 2>/dev/null | grep -v "^$$\$"; }
staging() { ls -a "$proj/output" 2>/dev/null | grep -E '^(site|print)\.(new|old)-'; }

n=0
# one FROM TO MODE PAUSE DELAY NEXT: build FROM cleanly, start the build
# of TO (MODE: pdf or nopdf) with NV_TEST_PAUSE=PAUSE, kill it after
# DELAY seconds, check, then build NEXT (TO, or FROM put back) and check.
one() {
	from=$1 to=$2 mode=$3 pause=$4 delay=$5 next=$6
	n=$((n + 1))
	opt=""
	[ "$mode" = nopdf ] && opt=--no-pdf
	name="$n ($from→$to, $mode, пауза $pause, kill через $delay с, затем $next)"
	state "$from"
	if ! build $opt >/dev/null 2>&1 || ! same "$proj/output/site" "$tmp/ref/$from-$mode/site" ||
		{ [ "$mode" = pdf ] && ! same "$proj/output/print" "$tmp/ref/$from-$mode/print"; }; then
		bad "$name: сборка до убийства не равна чистой"
		return
	fi
	state "$to"
	NV_TEST_PAUSE=$pause "$bin" build -C "$proj" -j 2 $opt >/dev/null 2>&1 &
	bg=$!
	sleep "$delay"
	kill -9 "$bg" 2>/dev/null
	wait "$bg" 2>/dev/null
	bg=""
	# Workers die with the build (PR_SET_PDEATHSIG): give the kernel a moment.
	i=0
	while [ -n "$(procs)" ] && [ $i -lt 6 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if [ -n "$(procs)" ]; then
		bad "$name: процессы печати пережили сборку: $(procs | tr '\n' ' ')"
		for p in $(procs); do kill -9 "$p" 2>/dev/null; done
	else
		ok
	fi
	if tree_is site "$from" "$to" "$mode" &&
		{ [ "$mode" = nopdf ] || tree_is print "$from" "$to" "$mode"; }; then
		ok
	else
		bad "$name: после убийства output/ не равна ни прежней, ни новой чистой сборке"
	fi
	state "$next"
	if ! build $opt >"$tmp/next.log" 2>&1; then
		bad "$name: следующая сборка не удалась"
	elif grep -q 'вручную' "$tmp/next.log"; then
		# a build killed is no hand in the output folder
		bad "$name: следующая сборка приняла убитую за ручную правку: $(grep 'вручную' "$tmp/next.log")"
	elif [ -n "$(staging)" ]; then
		bad "$name: после следующей сборки остались папки: $(staging | tr '\n' ' ')"
	elif ! same "$proj/output/site" "$tmp/ref/$next-$mode/site" ||
		{ [ "$mode" = pdf ] && ! same "$proj/output/print" "$tmp/ref/$next-$mode/print"; }; then
		bad "$name: следующая сборка не равна чистой"
	else
		ok
	fi
}

# Fixed points: between the two swaps (then the content put back: the
# site is of a and the print folder of b or c), after the manifests are
# written, while the PDF workers print, while the staging folder is
# being filled; then delays spread over the whole build.
one a b pdf 3000:between 1.2 a
one a c pdf 3000:between 1.2 a
one a b pdf 3000:manifest 1.0 b
one a c pdf 300:printed-one 0.8 c
one c a pdf 3000:staged 0.6 c
one a b nopdf 3000:staged 0.6 b
for d in 0.1 0.3 0.5 0.7 0.9 1.1; do
	one a c pdf 40 "$d" a
	one a b pdf 40 "$d" b
done
one a b nopdf 40 0.35 a

if [ "$long" = --long ]; then
	# 120 kills at delays from a fixed linear congruential sequence.
	x=12345
	k=0
	while [ $k -lt 120 ]; do
		x=$(((x * 1103515245 + 12345) % 2147483648))
		d=$(printf '0.%02d' $((x / 65536 % 100)))
		case $((k % 6)) in
		0) one a b pdf 20 "$d" b ;;
		1) one b c pdf 20 "$d" b ;;
		2) one c a pdf 20 "$d" a ;;
		3) one a c pdf 20 "$d" a ;;
		4) one a b nopdf 20 "$d" a ;;
		5) one c b pdf 5 "$d" c ;;
		esac
		k=$((k + 1))
	done
fi

# Two builds at once: the second waits for the first, or, told not to
# wait (NV_TEST_LOCK_WAIT=0), fails with a message that says why.
state a
build >/dev/null 2>&1
state c
NV_TEST_PAUSE=1500:rendered "$bin" build -C "$proj" -j 2 >/dev/null 2>&1 &
bg=$!
sleep 0.5
(cd "$proj" && NV_TEST_LOCK_WAIT=0 "$bin" build -j 2 >"$tmp/lock-out" 2>"$tmp/lock-err")
st=$?
cat >"$tmp/lock-want" <<'EOF'
nastavnik: output: ошибка: в эту папку уже идёт другая сборка nastavnik
  подсказка: дождитесь её окончания (или остановите её) и запустите сборку снова
nastavnik: найдено 1 ошибка; ничего не записано
EOF
if [ $st -eq 2 ] && cmp -s "$tmp/lock-err" "$tmp/lock-want" && [ ! -s "$tmp/lock-out" ]; then
	ok
else
	bad "lock: вторая сборка не отказала с сообщением (код $st):"
	cat "$tmp/lock-err"
fi
(cd "$proj" && "$bin" build -j 2 >"$tmp/lock-out" 2>&1)
st=$?
wait "$bg"
st1=$?
bg=""
if [ $st -eq 0 ] && [ $st1 -eq 0 ] && same "$proj/output/site" "$tmp/ref/c-pdf/site" &&
	same "$proj/output/print" "$tmp/ref/c-pdf/print"; then
	ok
else
	bad "lock: вторая сборка не дождалась первой (коды $st1, $st)"
fi

echo "kill: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
