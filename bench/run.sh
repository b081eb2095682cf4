#!/bin/sh
# Measure, never assert: time `nastavnik check` and `nastavnik build` on
# generated corpora of 1,000 and 10,000 documents, and the template
# engine alone. The side-by-side comparison with Hugo is still to come.
# Usage: bench/run.sh BINARY
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_ms CMD...: the best wall time of three runs, in milliseconds.
best_ms() {
	best=""
	for run in 1 2 3; do
		start=$(date +%s%N)
		"$@" >/dev/null 2>&1
		end=$(date +%s%N)
		ms=$(((end - start) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}

for n in 1000 10000; do
	sh "$here/gen-corpus.sh" "$tmp/c$n" "$n"
	for verb in check build; do
		if [ "$verb" = build ]; then
			set -- "$bin" build --no-pdf -C "$tmp/c$n" -o "$tmp/out$n"
		else
			set -- "$bin" check -C "$tmp/c$n"
		fi
		ms=$(best_ms "$@")
		rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
		awk -v v="$verb" -v n="$n" -v ms="$ms" -v rss="$rss" 'BEGIN {
			printf "%-5s %5d docs: %6d ms (best of 3), %.3f ms/doc, peak RSS %.1f MB\n",
				v, n, ms, ms / n, rss / 1024 }'
	done
done
# PDF: the 1,000-document corpus printed (a third of it orders).
ms=$(best_ms "$bin" build -C "$tmp/c1000" -o "$tmp/pdf")
ms_html=$(best_ms "$bin" build --no-pdf -C "$tmp/c1000" -o "$tmp/html")
pages=0
for f in "$tmp/pdf/print/"*.pdf; do
	pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')))
done
awk -v ms="$ms" -v html="$ms_html" -v pages="$pages" 'BEGIN {
	t = (ms - html) / 1000; if (t <= 0) t = 0.001
	printf "pdf   %5d pages: %6d ms, %.0f pages per second\n", pages, ms - html, pages / t }'
if [ -x "$(dirname "$bin")/bench/template_bench" ]; then
	"$(dirname "$bin")/bench/template_bench"
fi
