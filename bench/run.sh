#!/bin/sh
# Measure, never assert: time `nastavnik check` on generated corpora.
# The comparison with Hugo comes with the site back end.
# Usage: bench/run.sh BINARY
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in 1000 10000; do
	sh "$here/gen-corpus.sh" "$tmp/c$n" "$n"
	best=""
	for run in 1 2 3; do
		start=$(date +%s%N)
		"$bin" check -C "$tmp/c$n" >/dev/null
		end=$(date +%s%N)
		ms=$(( (end - start) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	rss=$(/usr/bin/time -f %M "$bin" check -C "$tmp/c$n" 2>&1 >/dev/null | tail -n 1)
	awk -v n="$n" -v ms="$best" -v rss="$rss" 'BEGIN {
		printf "check %5d docs: %6d ms (best of 3), %.3f ms/doc, peak RSS %.1f MB\n", n, ms, ms / n, rss / 1024 }'
done
if [ -x "$(dirname "$bin")/bench/template_bench" ]; then
	"$(dirname "$bin")/bench/template_bench"
fi
