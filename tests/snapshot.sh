#!/bin/sh
# Write everything the program makes of the known projects into one
# folder, so that two builds of the program (before and after a
# refactor) can be compared byte for byte with `diff -r`:
#   PROJECT.model       nastavnik check --dump
#   PROJECT.check       the diagnostics of nastavnik check (bad inputs too)
#   PROJECT/            nastavnik build (site and PDFs, SOURCE_DATE_EPOCH)
#   PROJECT.layout/DOC  nastavnik print DOC --dump-layout, for every printable DOC
# Projects: the demo school, tests/bad/*, tests/regress/cases/* and a
# generated 200-document corpus (bench/gen-corpus.sh).
# Usage: tests/snapshot.sh BINARY OUTDIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600

snap() {
	name=$1 dir=$2
	"$bin" check --dump -C "$dir" >"$out/$name.model" 2>"$out/$name.check"
	echo "exit $?" >>"$out/$name.check"
	"$bin" build -C "$dir" -o "$out/$name" -j 2 --force >/dev/null 2>&1
	rm -f "$out/$name/.nastavnik-manifest" "$out/$name/site/.nastavnik-manifest" "$out/$name/print/.nastavnik-manifest" \
		"$out/$name/.nastavnik-checks" "$out/$name/.nastavnik-bodies" "$out/$name/.nastavnik-fronts"
	rm -rf "$out/$name/.site.prev" "$out/$name/.print.prev"
	mkdir -p "$out/$name.layout"
	sed -n -E 's/^  (order|position|program|roadmap) ([a-z0-9_-]+):.*/\2/p' \
		"$out/$name.model" | while read -r doc; do
		"$bin" print -C "$dir" "$doc" -o "$out/$name.layout/$doc.pdf" --dump-layout \
			>"$out/$name.layout/$doc.txt" 2>&1
	done
}

snap demo "$root"
for d in "$root"/tests/bad/*/ "$root"/tests/regress/cases/*/; do
	[ -d "$d/content" ] || continue
	snap "$(basename "$(dirname "$d")")-$(basename "$d")" "$d"
done
sh "$root/bench/gen-corpus.sh" "$out/.corpus" 200 >/dev/null
snap corpus "$out/.corpus"
rm -rf "$out/.corpus"
