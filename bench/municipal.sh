#!/bin/sh
# `make bench`, the municipal part: a department of BENCH_MEMBERS (500)
# organisations fed their data exports (data.json), as its CI job gets
# them from the members' parallel jobs (man 1 nastavnik, DEPARTMENT IN CI).
# Measures, never asserts.
# Usage: bench/municipal.sh BINARY
#
# The exports are generated (deterministic: awk, no randomness): each
# member has 2–4 forms with 1–9 pairs, 0–5 cases over three academic
# years, coverage figures and an export date; the department is the
# project `nastavnik init --kind department` writes (exports dated today), with the 500 files
# listed in members:. Timed: the cold build (output removed, best of 3)
# and a second build onto it (a department is always built whole: its
# members' data are outside its files).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${BENCH_MEMBERS:-500}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	tmp=$(mktemp -d /dev/shm/nastavnik-municipal.XXXXXX)
else
	tmp=$(mktemp -d)
fi
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM
say() { printf 'bench: %s\n' "$*"; }

dep=$tmp/dep
"$bin" init "$dep" --kind department >/dev/null
mkdir -p "$dep/members"
say "municipal: generating $n member exports"
awk -v n="$n" -v dir="$dep/members" -v today="$(date +%Y-%m-%d)" 'BEGIN {
	split("ученик – ученик|учитель – учитель|студент – ученик|работодатель – ученик|педагог – педагог", forms, "|")
	split("school|kindergarten|school|dod", kinds, "|")
	print "\nmembers:" >> (dir "/../content/site.yml")
	for (i = 1; i <= n; i++) {
		f = sprintf("%s/m%03d.json", dir, i)
		nf = 2 + i % 3; total = 0; body = ""
		for (k = 0; k < nf; k++) {
			c = 1 + (i * 7 + k * 3) % 9; total += c
			body = body sprintf("%s{\"form\": \"%s\", \"count\": %d}", k ? ", " : "", forms[1 + (i + k) % 5], c)
		}
		cases = ""
		for (k = 0; k < i % 6; k++)
			cases = cases sprintf("%s{\"title\": \"Практика %d организации № %d\", \"form\": \"%s\", \"kind\": \"традиционное\", \"year\": \"%d–%d\", \"url\": \"https://org%d.example/nastavnichestvo/cases/p%d.html\"}", \
				k ? ", " : "", k + 1, i, forms[1 + (i + k) % 5], 2023 + k % 3, 2024 + k % 3, i, k)
		t = 20 + i % 40; ti = 1 + i % 15
		printf "{\"schema\": \"nastavnik-data/1\", \"exported\": \"%s\",\n", today > f
		printf "\"organization\": {\"name\": \"Муниципальное учреждение № %d\", \"short_name\": \"МОУ № %d\", \"kind\": \"%s\", \"place\": \"г. Город\", \"address\": null, \"phone\": null, \"website\": \"https://org%d.example\", \"section_url\": \"https://org%d.example/nastavnichestvo/\", \"section_title\": \"Наставничество\",\n", i, i, kinds[1 + i % 4], i, i > f
		printf "\"curator\": {\"name\": \"Куратор № %d\", \"position\": \"методист\", \"phone\": \"+7 (000) 000-%02d-%02d\", \"email\": \"n%d@org%d.example\"}},\n", i, i % 100, i % 97, i, i > f
		printf "\"pairs\": {\"total\": %d, \"active\": %d, \"finished\": 0, \"ended_early\": 0, \"by_form\": [%s], \"by_kind\": [{\"kind\": \"традиционное\", \"count\": %d}]},\n", total, total, body, total > f
		printf "\"mentors\": %d, \"mentees\": %d,\n", total, total + i % 4 > f
		printf "\"monitoring\": {\"teachers\": %d, \"teachers_involved\": %d, \"teachers_share\": %d, \"students\": %d, \"students_involved\": %d, \"students_share\": %d, \"students_declared\": true, \"roadmap\": {\"total\": 4, \"done\": 2, \"planned\": 2, \"moved\": 0}},\n", t, ti, int(ti * 100 / t), 300, i % 30, int((i % 30) * 100 / 300) > f
		printf "\"programs\": [], \"roadmap\": [], \"cases\": [%s]}\n", cases > f
		close(f)
		printf "  - members/m%03d.json\n", i >> (dir "/../content/site.yml")
	}
}'

best=""
peak=0
for run in 1 2 3; do
	rm -rf "$dep/output"
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" build -C "$dep" --no-pdf >/dev/null 2>"$tmp/err" ||
		{ say "municipal: build failed"; tail -n 5 "$tmp/err"; exit 0; }
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	kb=$(tail -n 1 "$tmp/rss")
	[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
	[ "$kb" -gt "$peak" ] && peak=$kb
done
t0=$(date +%s%N)
"$bin" build -C "$dep" --no-pdf >/dev/null 2>&1 || true
t1=$(date +%s%N)
again=$(((t1 - t0) / 1000000))
pages=$(find "$dep/output/site" -name '*.html' | wc -l)
loaded=$(grep -c '<tr><th scope="row">' "$dep/output/site/municipal/monitoring.html" || true)
warned=$(grep -c 'предупреждение' "$tmp/err" || true)
awk -v n="$n" -v ok="$loaded" -v ms="$best" -v again="$again" -v kb="$peak" -v pages="$pages" -v w="$warned" 'BEGIN {
	printf "%-22s %6d members  %d in the roll-up, %d pages: cold %d ms (best of 3), again %d ms, peak RSS %.1f MB, %d warnings\n",
		"municipal", n, ok, pages, ms, again, kb / 1024, w }'
