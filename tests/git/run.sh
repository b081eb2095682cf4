#!/bin/sh
# The revision history of documents from Git (build_git.c):
#  - a положение changed by three commits lists them under «Редакции»,
#    newest first, with their dates and messages; the sitemap's lastmod
#    is the day of the last one; `revision:` in the front matter wins;
#  - a commit message naming a person the website may not show is
#    dropped with a warning naming the commit: the page shows the date;
#  - a commit made after a build re-renders the page it touches, and the
#    result is byte for byte a clean build; two builds are identical;
#  - a shallow clone and a folder outside Git build with one note each,
#    NASTAVNIK_NO_HISTORY=1 with none.
# Usage: tests/git/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "git/$1"; }
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
unset NASTAVNIK_NO_HISTORY GIT_DIR GIT_WORK_TREE
GIT_CONFIG_GLOBAL=/dev/null
GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM
base=https://example.org/n/

# commit DATE MESSAGE: commit everything as the methodologist, at DATE.
commit() {
	git -C "$repo" add -A &&
		GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$repo" \
			-c user.name=Методист -c user.email=m@example.org \
			commit -q --allow-empty -m "$2"
}
# revisions FILE: the items of «Редакции» of a page, one a line.
revisions() {
	sed -n '/<section class="doc-revisions">/,/<\/section>/p' "$1" | grep '^<li>'
}

repo=$tmp/repo
mkdir -p "$repo"
cp -r "$root/content" "$repo/"
# The demo lists its revisions in the front matter: this tests Git's.
find "$repo/content" -name '*.md' -exec sed -i '/^revision:$/,/^[^ ]/{/^revision:$/d;/^  - /d}' {} +
git init -q "$repo"
pos=content/positions/polozhenie-pedagogi.md
commit 2025-08-28T10:00:00+03:00 "Первая редакция положения"
echo "Дополнение." >>"$repo/$pos"
# The author's day, not UTC's (14.10 22:30 UTC).
# A tab in the message reads as a space.
commit 2025-10-15T01:30:00+03:00 "$(printf 'Уточнён порядок\tзакрепления пар')"
echo "Ещё дополнение." >>"$repo/$pos"
echo "Дополнение." >>"$repo/content/news/2025-09-15-start.md"
commit 2026-01-20T09:00:00+03:00 "Новая редакция раздела 5

Подробности во втором абзаце."
echo "Правка." >>"$repo/content/orders/o-vnedrenii.md"
commit 2026-01-20T12:00:00+03:00 "Правки Павловой"
# revision: in the front matter replaces the history of this document.
sed -i 's/^weight: 2$/weight: 2\nrevision:\n  - { date: 01.09.2025, text: "Редакция, принятая педсоветом" }/' \
	"$repo/content/positions/polozhenie-obuchayushchiesya.md"
commit 2026-01-21T09:00:00+03:00 "Редакция в полях документа"

if ! "$bin" build --no-pdf --base-url "$base" -C "$repo" -o "$tmp/out" >"$tmp/log" 2>&1; then
	cat "$tmp/log"
	echo "git: 0 passed, 1 failed"
	exit 1
fi
site=$tmp/out/site

cat >"$tmp/want" <<'W'
<li><time datetime="2026-01-20">20.01.2026</time> — Новая редакция раздела 5</li>
<li><time datetime="2025-10-15">15.10.2025</time> — Уточнён порядок закрепления пар</li>
<li><time datetime="2025-08-28">28.08.2025</time> — Первая редакция положения</li>
W
revisions "$site/positions/polozhenie-pedagogi.html" >"$tmp/got"
if diff -u "$tmp/want" "$tmp/got"; then ok; else bad "pages: редакции положения не те"; fi

# The front matter's revision: wins over Git.
echo '<li><time datetime="2025-09-01">01.09.2025</time> — Редакция, принятая педсоветом</li>' >"$tmp/want"
revisions "$site/positions/polozhenie-obuchayushchiesya.html" >"$tmp/got"
if diff -u "$tmp/want" "$tmp/got"; then ok; else bad "revision: поле revision: не заменило историю"; fi

# A name in a commit message: only the date, and one warning naming the commit.
id=$(git -C "$repo" log -1 --format=%h --abbrev=12 -- content/orders/o-vnedrenii.md)
revisions "$site/orders/o-vnedrenii.html" | head -n 1 >"$tmp/got"
echo '<li><time datetime="2026-01-20">20.01.2026</time></li>' >"$tmp/want"
if diff -u "$tmp/want" "$tmp/got" && ! grep -rq "Павлов" "$site"; then ok; else bad "guard: имя из сообщения коммита на сайте"; fi
cat >"$tmp/want" <<W
nastavnik: content/orders/o-vnedrenii.md: предупреждение: сообщение коммита $id называет человека, которого сайт не показывает: в редакциях показана только дата
  подсказка: чтобы показать текст, напишите редакции в поле «revision:» документа; история Git не меняется
W
grep -A1 "сообщение коммита" "$tmp/log" >"$tmp/got"
if diff -u "$tmp/want" "$tmp/got"; then ok; else bad "guard: предупреждение о сообщении коммита не то"; fi
if grep -q "примечание" "$tmp/log"; then bad "repo: сборка в репозитории дала примечание"; else ok; fi

# «Дата обновления»: a document's page from its last commit, a list from
# its newest item, the home page from the newest change of the content.
updated() { sed -n 's/^<p class="page-updated">Дата обновления: <time datetime="\([0-9-]*\)">\(.*\)<\/time><\/p>$/\1 \2/p' "$site/$1"; }
{
	updated positions/polozhenie-pedagogi.html
	updated positions/index.html
	updated index.html
} | sed 's/\xc2\xa0/~/g' >"$tmp/got"
cat >"$tmp/want" <<'W'
2026-01-20 20 января 2026~г.
2026-01-21 21 января 2026~г.
2026-01-21 21 января 2026~г.
W
if diff -u "$tmp/want" "$tmp/got"; then ok; else bad "updated: «Дата обновления» не из Git"; fi

# lastmod: the day of the last commit of each document.
if grep -q '<loc>https://example.org/n/positions/polozhenie-pedagogi.html</loc><lastmod>2026-01-20</lastmod>' "$site/sitemap.xml"; then
	ok
else
	bad "sitemap: lastmod положения не дата последнего коммита"
fi

# Atom: a news item was updated by its last commit, never before its date.
grep -A4 '<id>https://example.org/n/news/2025-09-15-start.html</id>' "$site/news/atom.xml" |
	grep '<updated>' >"$tmp/got"
grep -A4 '<id>https://example.org/n/news/2026-03-02-den-nastavnika.html</id>' "$site/news/atom.xml" |
	grep '<updated>' >>"$tmp/got"
sed -n 's/^  <updated>\(.*\)<\/updated>$/feed \1/p' "$site/news/atom.xml" >>"$tmp/got"
cat >"$tmp/want" <<'W'
    <updated>2026-01-20T00:00:00Z</updated>
    <updated>2026-03-02T00:00:00Z</updated>
feed 2026-03-05T00:00:00Z
W
if diff -u "$tmp/want" "$tmp/got"; then ok; else bad "atom: updated новостей не из Git"; fi

# Deterministic: the same repository state gives the same bytes.
"$bin" build --no-pdf --base-url "$base" -C "$repo" -o "$tmp/again" >/dev/null 2>&1
if diff -r -x .nastavnik-manifest -x .nastavnik-checks -x .nastavnik-fronts -x '.*.prev' "$tmp/out" "$tmp/again"; then ok; else bad "determinism: две сборки различаются"; fi

# Edited, built, then committed: the commit alone re-renders the page,
# and the result is a clean build's.
echo "Третье дополнение." >>"$repo/$pos"
"$bin" build --no-pdf --base-url "$base" -C "$repo" -o "$tmp/out" >/dev/null 2>&1
commit 2026-02-02T10:00:00+03:00 "Раздел 6"
"$bin" build --no-pdf --base-url "$base" -C "$repo" -o "$tmp/out" >"$tmp/log2" 2>&1
"$bin" build --no-pdf --base-url "$base" -C "$repo" -o "$tmp/clean" >/dev/null 2>&1
if revisions "$site/positions/polozhenie-pedagogi.html" | head -n 1 | grep -q "Раздел 6" &&
	diff -r -x .nastavnik-manifest "$tmp/out/site" "$tmp/clean/site" >/dev/null; then
	ok
else
	bad "incremental: новый коммит не вывел страницу заново"
	cat "$tmp/log2"
fi

# A shallow clone (CI): one note, no history, the site is built.
git clone -q --depth 1 "file://$repo" "$tmp/shallow" 2>/dev/null
"$bin" build --no-pdf -C "$tmp/shallow" -o "$tmp/sh" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
cat >"$tmp/want" <<'W'
nastavnik: примечание: история редакций не показана: неполная копия репозитория (shallow clone)
  подсказка: в CI скачайте всю историю: «git fetch --unshallow» или «fetch-depth: 0» (GitHub, Forgejo), «GIT_DEPTH: 0» (GitLab)
W
if [ "$rc" -eq 0 ] && diff -u "$tmp/want" "$tmp/err.txt" &&
	! grep -q doc-revisions "$tmp/sh/site/positions/polozhenie-pedagogi.html"; then
	ok
else
	bad "shallow: неглубокая копия собрана не так (код $rc)"
fi

# No repository: one note.
mkdir "$tmp/plain"
cp -r "$root/content" "$tmp/plain/"
"$bin" build --no-pdf -C "$tmp/plain" -o "$tmp/pl" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
cat >"$tmp/want" <<'W'
nastavnik: примечание: история редакций не показана: папка content не в репозитории Git
  подсказка: чтобы страницы показывали редакции, храните проект в репозитории Git
W
if [ "$rc" -eq 0 ] && diff -u "$tmp/want" "$tmp/err.txt"; then ok; else bad "plain: без репозитория не одно примечание (код $rc)"; fi

# Turned off: nothing said.
NASTAVNIK_NO_HISTORY=1 "$bin" build --no-pdf -C "$tmp/plain" -o "$tmp/off" >/dev/null 2>"$tmp/err.txt"
if [ ! -s "$tmp/err.txt" ]; then ok; else bad "off: NASTAVNIK_NO_HISTORY=1 не отключил историю"; cat "$tmp/err.txt"; fi

echo "git: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
