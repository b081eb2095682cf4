#!/bin/sh
# The shape of the code, as ARCHITECTURE.md states it:
#  - every file belongs to a stage, and includes only headers of its own
#    stage or of stages below it: base ← load ← model ← {wording, writer}
#    ← {html, print} ← build ← serve ← cmd; html and print never include
#    each other;
#    load and model never include writer.h (they write nothing);
#  - a private header (NAME_int.h, beside the sources) is included only
#    by files of its own stage;
#  - the include graph of modules has no cycle (tsort);
#  - no file in generator/ over 900 lines, no function over 80 lines;
#  - no _Thread_local array (glibc zeroes it for every thread started):
#    a thread's tables come from nv_thread_block().
# Usage: tests/arch/run.sh
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "arch/$1"; }

# stage FILE: the stage of a source or header, by its name.
stage() {
	case $(basename "$1" | sed 's/\.[ch]$//; s/_int$//') in
	common | banned | alloc | buf | utf8 | diag | fs | strlist | strmap | threads | \
		date | term | typo | typo_slug | typo_run | value | hyphenate | template | template_compile | template_memo | lazylib | fs_outdir) echo "0 base" ;;
	content | content_doc | frontmatter | yaml_load | yaml_fast | yaml_hints | markdown | md_mem | md_table | md_summary | md_facts | md_typed | md_numbering | md_pd | schema | import | import_*) echo "1 load" ;;
	model | model_* | person | guard | guard_*) echo "2 model" ;;
	wording) echo "3 wording" ;;
	writer) echo "3 writer" ;;
	html | html_*) echo "4 html" ;;
	print | print_*) echo "4 print" ;;
	build | build_* | project | deploy | deploy_*) echo "5 build" ;;
	serve | serve_*) echo "6 serve" ;;
	main | cmd | cmd_*) echo "7 cmd" ;;
	*) echo "? unknown" ;;
	esac
}

# Every file has a stage.
for f in generator/*.c generator/*.h include/*.h; do
	[ -f "$f" ] || continue
	set -- $(stage "$f")
	if [ "$1" = "?" ]; then
		bad "stage: у файла $f нет стадии — добавьте его в tests/arch/run.sh и ARCHITECTURE.md"
	else
		ok
	fi
done

# Includes go down the stages.
for f in generator/*.c generator/*.h include/*.h; do
	[ -f "$f" ] || continue
	set -- $(stage "$f")
	rank=$1 name=$2
	[ "$rank" = "?" ] && continue
	module=$(basename "$f" | sed 's/\.[ch]$//; s/_int$//')
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		set -- $(stage "$h")
		hrank=$1 hname=$2
		[ "$hrank" = "?" ] && continue
		hmod=$(basename "$h" .h | sed 's/_int$//')
		[ "$hmod" != "$module" ] && echo "$module $hmod" >>"$tmp/edges"
		case $h in
		*_int.h)
			if [ "$hrank $hname" = "$rank $name" ] && [ -f "generator/$h" ]; then
				ok
			else
				bad "private: $f ($name) включает закрытый заголовок $h ($hname) другой стадии"
			fi
			continue
			;;
		esac
		if [ "$hrank" -gt "$rank" ]; then
			bad "include: $f ($name) включает $h ($hname) — стадия выше своей"
		elif [ "$rank" -eq "$hrank" ] && [ "$name" != "$hname" ]; then
			bad "include: $f ($name) включает $h ($hname) — соседние стадии не зависят друг от друга"
		elif [ "$h" = writer.h ] && [ "$rank" -le 2 ]; then
			bad "include: $f ($name) включает writer.h — загрузка и модель ничего не пишут"
		else
			ok
		fi
	done
done

# No cycle among modules.
if tsort "$tmp/edges" >/dev/null 2>"$tmp/tsort"; then
	ok
else
	bad "cycle: в графе включений есть цикл:"
	cat "$tmp/tsort"
fi

# Sizes.
for f in generator/*.c; do
	n=$(wc -l <"$f")
	if [ "$n" -gt 900 ]; then
		bad "size: $f — $n строк (больше 900): разделите по стадиям или шагам"
	else
		ok
	fi
done
awk '/^{/ { s = FNR; n = prev }
     /^}/ { if (s && FNR - s > 80) printf "%s:%d %d %s\n", FILENAME, s, FNR - s, n; s = 0 }
     { prev = $0 }' generator/*.c >"$tmp/long"
if [ -s "$tmp/long" ]; then
	bad "function: функции длиннее 80 строк (файл:строка длина):"
	cat "$tmp/long"
else
	ok
fi

# A thread's tables are made on first use, not _Thread_local arrays.
# (a declaration read whole, to its ';' outside braces: a struct's too)
awk '/_Thread_local/ { d = ""; at = FILENAME ":" FNR; on = 1 }
     on { d = d $0; t = d; while (gsub(/\{[^{}]*\}/, "", t)) ; if (t !~ /\{/ && t ~ /;/) { on = 0; if (t ~ /\[[^;]*;/) print at ": " d } }' \
	generator/*.c generator/*.h include/*.h >"$tmp/tls"
if [ -s "$tmp/tls" ]; then
	bad "thread: массивы _Thread_local (glibc обнуляет их для каждого потока) — берите nv_thread_block():"
	cat "$tmp/tls"
else
	ok
fi

echo "arch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
