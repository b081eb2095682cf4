#!/bin/sh
# The website as a user gets it: `nastavnik build` on the demo school.
#  - personal data: no person with publish none is named anywhere;
#  (the demo's golden pages are a regress case: tests/regress/cases/demo);
#  - the build is deterministic, refuses to overwrite foreign folders and
#    writes nothing when the content has errors; fragment mode.
# Usage: tests/site/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "site/$1"; }
export LC_ALL=C.UTF-8
# PDFs carry a creation date: fixed, so that two builds can be compared.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH

if ! "$bin" build -C "$root" -o "$tmp/out" >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	echo "site: 0 passed, 1 failed"
	exit 1
fi
site=$tmp/out/site

# Personal data: the surname of everyone with publish none, in any case
# form, appears in no file of the site.
"$bin" check --dump -C "$root" 2>/dev/null | grep -E '^  [a-z0-9-]+: .*, publish none' |
	sed -E 's/^  [a-z0-9-]+: ([^ ]+) .*/\1/' | sort -u >"$tmp/hidden"
n=$(wc -l <"$tmp/hidden")
if [ "$n" -lt 5 ]; then
	bad "privacy: в демо-школе мало скрытых участников ($n): проверка ничего не доказывает"
fi
leaks=0
while read -r surname; do
	stem=$(printf '%s' "$surname" | sed -E 's/(ая|а|я)$//')
	if grep -rlE "(^|[^[:alpha:]])$stem[[:lower:]]{0,3}([^[:alpha:]]|$)" "$site" >"$tmp/hits"; then
		echo "site/privacy: «$surname» (publish: none) есть на сайте:"
		sed 's/^/    /' "$tmp/hits"
		leaks=$((leaks + 1))
	fi
done <"$tmp/hidden"
if [ "$leaks" -eq 0 ]; then ok; else fail=$((fail + 1)); fi

# The same input gives the same bytes, whatever the number of threads.
"$bin" build -j 1 -C "$root" -o "$tmp/j1" >/dev/null 2>&1
"$bin" build -j 4 -C "$root" -o "$tmp/j4" >/dev/null 2>&1
if diff -r -x .nastavnik-manifest "$tmp/out" "$tmp/j1" >/dev/null &&
	diff -r -x .nastavnik-manifest "$tmp/j1" "$tmp/j4" >/dev/null; then ok; else bad "determinism: сборки различаются"; fi

# Documents are rendered by several threads from 64 on: a 200-document
# corpus gives the same bytes with one thread and with four.
sh "$root/bench/gen-corpus.sh" "$tmp/corpus" 200 >/dev/null 2>&1
"$bin" build --no-pdf -j 1 -C "$tmp/corpus" -o "$tmp/c1" >/dev/null 2>&1
"$bin" build --no-pdf -j 4 -C "$tmp/corpus" -o "$tmp/c4" >/dev/null 2>&1
if [ -f "$tmp/c1/site/index.html" ] && diff -r -x .nastavnik-manifest "$tmp/c1" "$tmp/c4" >/dev/null; then ok; else bad "threads: -j 1 и -j 4 дают разный результат"; fi

# Documents are parsed on several threads too: the same diagnostics, in the
# same order, with one thread and with four.
printf -- '---\ntitle: a\ntitle: b\n---\n' >"$tmp/corpus/content/news/dup.md"
printf -- '---\ntitle: [\n---\n' >"$tmp/corpus/content/orders/broken.md"
# and mistakes in fields, found while the model reads documents on threads
for f in "$tmp/corpus/content/cases/"keys-000[1-4]*.md; do
	sed -i 's/^authors: \[\(.*\)\]/authors: [\1, neizvestnyy]/; s/^form: .*/form: коллега – коллега/' "$f"
done
"$bin" check -j 1 -C "$tmp/corpus" >"$tmp/o1" 2>&1
"$bin" check -j 4 -C "$tmp/corpus" >"$tmp/o4" 2>&1
if grep -q 'news/dup.md:3:1' "$tmp/o1" && grep -q 'orders/broken.md' "$tmp/o1" &&
	[ "$(grep -c 'участник «neizvestnyy» не найден' "$tmp/o1")" -ge 10 ] &&
	[ "$(grep -c 'неизвестная форма наставничества' "$tmp/o1")" -ge 10 ] &&
	cmp -s "$tmp/o1" "$tmp/o4"; then ok; else bad "threads: check -j 1 и -j 4 выводят разное"; fi

# Nothing changed: the second build does nothing and says so.
touch "$site/marker-unchanged"
"$bin" build -C "$root" -o "$tmp/out" >"$tmp/log2" 2>&1
if grep -q 'ничего не изменилось' "$tmp/log2" && [ -e "$site/marker-unchanged" ]; then ok; else bad "no-op: сборка без изменений пересобрала раздел"; fi

# An edit, rebuilt over the old output, gives exactly a clean build of the edited content.
cp -R "$root/content" "$tmp/edit-content"
mkdir -p "$tmp/edit" && mv "$tmp/edit-content" "$tmp/edit/content"
"$bin" build -C "$tmp/edit" -o "$tmp/inc" >/dev/null 2>&1
sed -i 's/^title: В школе стартовала программа/title: Стартовала программа/' \
	"$tmp/edit/content/news/2025-09-15-start.md"
rm "$tmp/edit/content/cases/tochka-rosta.md"
"$bin" build -C "$tmp/edit" -o "$tmp/inc" >/dev/null 2>&1
"$bin" build -C "$tmp/edit" -o "$tmp/clean" >/dev/null 2>&1
if diff -r -x .nastavnik-manifest "$tmp/inc" "$tmp/clean" >/dev/null && grep -q '<h1>Стартовала программа наставничества' \
	"$tmp/inc/site/news/2025-09-15-start.html" && [ ! -e "$tmp/inc/site/cases/tochka-rosta.html" ]; then
	ok
else
	bad "rebuild: пересборка после правки отличается от чистой сборки"
fi

# Incremental builds. A document's text edited: only its own outputs and
# the search index are written again (an untouched page keeps its inode),
# and the result is byte for byte a clean build. Files changed within the
# last second are not trusted by their times, hence the sleeps.
mkdir -p "$tmp/incr"
cp -R "$root/content" "$tmp/incr/content"
sed -i '/^---$/,/^---$/!d' "$tmp/incr/content/news/2026-03-02-den-nastavnika.md" # no text
sleep 1.1
same_as_clean() { # NAME: the incremental output equals a clean build
	rm -rf "$tmp/incr-clean"
	"$bin" build -C "$tmp/incr" -o "$tmp/incr-clean" >/dev/null 2>&1 &&
		diff -r -x .nastavnik-manifest "$tmp/incr/output" "$tmp/incr-clean" >/dev/null &&
		cmp -s "$tmp/incr/output/site/.nastavnik-manifest" "$tmp/incr-clean/site/.nastavnik-manifest" &&
		cmp -s "$tmp/incr/output/print/.nastavnik-manifest" "$tmp/incr-clean/print/.nastavnik-manifest"
}
inode() { stat -c %i "$tmp/incr/output/$1"; }
"$bin" build -C "$tmp/incr" >/dev/null 2>&1
home=$(inode site/index.html) news=$(inode site/news/2025-09-15-start.html)
sed -i 's/^С 1 сентября 2025 года/С первого сентября 2025 года/' "$tmp/incr/content/news/2025-09-15-start.md"
sleep 1.1
"$bin" build -C "$tmp/incr" >"$tmp/incr-log" 2>&1
if grep -q 'первого сентября 2025' "$tmp/incr/output/site/news/2025-09-15-start.html" &&
	grep -q '^nastavnik: раздел «Наставничество» обновлён в output/site: заново выведены только документы с изменённым текстом (1)$' "$tmp/incr-log" &&
	grep -q 'первого сентября 2025' "$tmp/incr/output/site/search-index.js" &&
	[ "$(inode site/index.html)" = "$home" ] &&
	[ "$(inode site/news/2025-09-15-start.html)" != "$news" ] && same_as_clean; then
	ok
else
	bad "incremental: правка текста новости — не та пересборка или не равна чистой"
fi
# A page that lists the attachments: rendered again, it takes their sizes
# from the files without reading them, and shows the same table.
sed -i 's/^Здесь собраны бланки/Здесь собраны все бланки/' "$tmp/incr/content/pages/formy-i-shablony.md"
sleep 1.1
"$bin" build -C "$tmp/incr" >/dev/null 2>&1
if grep -q 'Здесь собраны все бланки' "$tmp/incr/output/site/pages/formy-i-shablony.html" &&
	grep -q 'anketa-nastavlyaemogo.txt</a></td><td>текст</td><td>3,0 КБ</td>' \
		"$tmp/incr/output/site/pages/formy-i-shablony.html" &&
	[ "$(inode site/index.html)" = "$home" ] && same_as_clean; then
	ok
else
	bad "incremental: страница со списком вложений — не та пересборка или не равна чистой"
fi
# A положение now names a hidden person: its PDF leaves the site, the
# printed copy is made again, the approving order's PDF is not.
# It is a mention (a name without one is refused by the build).
hidden=$(head -n 1 "$tmp/hidden")
hid=$("$bin" check --dump -C "$root" 2>/dev/null | grep -E "^  [a-z0-9-]+: $hidden .*, publish none" |
	head -n 1 | sed -E 's/^  ([a-z0-9-]+):.*/\1/')
order=$(inode print/ob-utverzhdenii-polozheniya.pdf)
printf '\nОтветственный за архив — [%s](@%s "педагог").\n' "$hidden" "$hid" \
	>>"$tmp/incr/content/positions/polozhenie-pedagogi.md"
sleep 1.1
"$bin" build -C "$tmp/incr" >/dev/null 2>&1
if [ ! -e "$tmp/incr/output/site/positions/polozhenie-pedagogi.pdf" ] &&
	[ -e "$tmp/incr/output/site/positions/polozhenie-obuchayushchiesya.pdf" ] &&
	[ "$(inode site/index.html)" = "$home" ] && same_as_clean; then
	ok
else
	bad "incremental: PDF положения со скрытым участником остался на сайте или сборка не равна чистой"
fi
# A document with no text gets some: its place in the search index is
# unknown, so the whole site is built (a new inode), still equal to clean.
printf 'День наставника отметили открытыми уроками.\n' >>"$tmp/incr/content/news/2026-03-02-den-nastavnika.md"
sleep 1.1
"$bin" build -C "$tmp/incr" >/dev/null 2>&1
if grep -q 'открытыми уроками' "$tmp/incr/output/site/search-index.json" &&
	[ "$(inode site/index.html)" != "$home" ] && same_as_clean; then
	ok
else
	bad "incremental: текст у пустой новости — сборка не равна чистой"
fi
# A title changed: the front matter counts for every page — a full build.
home=$(inode site/index.html)
sed -i 's/^title: В школе стартовала программа/title: Стартовала программа/' \
	"$tmp/incr/content/news/2025-09-15-start.md"
sleep 1.1
"$bin" build -C "$tmp/incr" >/dev/null 2>&1
if grep -q 'Стартовала программа' "$tmp/incr/output/site/news/index.html" &&
	[ "$(inode site/index.html)" != "$home" ] && same_as_clean; then
	ok
else
	bad "incremental: правка заголовка — сборка не равна чистой"
fi

# A forced build replaces the tree whole (no stale files).
touch "$site/stale.html"
"$bin" build --force -C "$root" -o "$tmp/out" >/dev/null 2>&1
if [ ! -e "$site/stale.html" ] && [ -f "$site/index.html" ]; then ok; else bad "rebuild: старые файлы остались"; fi

# Content errors: exit 1 and nothing written, the old site untouched.
cp -R "$root/tests/bad/_base" "$tmp/broken"
printf -- '---\ntitle: a\ntitle: b\n---\n' >"$tmp/broken/content/pages/dup.md"
"$bin" build -C "$tmp/broken" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 1 ] && [ ! -e "$tmp/broken/output" ] &&
	grep -q 'ничего не записано' "$tmp/err"; then ok; else bad "errors: код $status или записан вывод"; fi

# A folder that nastavnik did not create is never overwritten.
mkdir -p "$tmp/foreign/site"
echo important >"$tmp/foreign/site/diplom.docx"
"$bin" build -C "$root" -o "$tmp/foreign" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && [ -f "$tmp/foreign/site/diplom.docx" ] &&
	grep -q 'создана не nastavnik — не перезаписываю' "$tmp/err"; then ok; else bad "foreign: код $status"; fi

# Fragment mode: the main content alone, no layout.
"$bin" build -C "$root" -o "$tmp/frag" --fragment >/dev/null 2>&1
if [ -f "$tmp/frag/site/orders/o-vnedrenii.html" ] &&
	! grep -q '<html' "$tmp/frag/site/orders/o-vnedrenii.html" &&
	grep -q 'ПРИКАЗЫВАЮ' "$tmp/frag/site/orders/o-vnedrenii.html"; then ok; else bad "fragment: страница с оформлением или пустая"; fi

# PDFs: every printable document in print/; on the site only the public
# ones (never an order: the paper copy has full names), linked from the page.
out=$tmp/out
if [ -f "$out/print/o-zakreplenii-par.pdf" ] && [ -f "$out/print/polozhenie-pedagogi.pdf" ] &&
	[ -f "$site/positions/polozhenie-pedagogi.pdf" ] &&
	grep -q 'href="polozhenie-pedagogi.pdf"' "$site/positions/polozhenie-pedagogi.html" &&
	[ -z "$(find "$site/orders" -name '*.pdf')" ]; then ok; else bad "pdf: печатные документы не на месте"; fi

# Every link relative: nothing starts with "/" (the site lives under any sub-path).
if grep -rlE '(href|src)="/' "$site" --include='*.html' >"$tmp/abs"; then
	bad "relative: абсолютные ссылки в $(cat "$tmp/abs" | tr '\n' ' ')"
else
	ok
fi

# The project's theme/assets/custom.css is copied and linked after the
# theme's stylesheet; without it nothing is linked.
mkdir -p "$tmp/custom/theme/assets"
cp -R "$root/content" "$tmp/custom/content"
printf 'body { color: #000; }\n' >"$tmp/custom/theme/assets/custom.css"
"$bin" build --no-pdf -C "$tmp/custom" -o "$tmp/custom-out" >/dev/null 2>&1
cs=$tmp/custom-out/site
if cmp -s "$tmp/custom/theme/assets/custom.css" "$cs/assets/custom.css" &&
	grep -A1 'href="assets/style.css"' "$cs/index.html" | grep -q 'href="assets/custom.css"' &&
	grep -A1 'href="../assets/style.css"' "$cs/orders/o-vnedrenii.html" |
	grep -q 'href="../assets/custom.css"' &&
	[ ! -e "$site/assets/custom.css" ] && ! grep -q 'custom.css' "$site/index.html"; then
	ok
else
	bad "custom.css: не скопирован или не подключён после стилей темы"
fi

echo "site: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
