#!/bin/sh
# Turn a corpus written by bench/gen-corpus.sh into a Hugo site with the
# same documents: bench/hugo's config, layouts and section pages, the
# theme's assets as static files, people.yml, pairs.yml and site.yml as
# data files, and every Markdown document with only one change: a
# top-level `date: ДД.ММ.ГГГГ` becomes `date: ГГГГ-ММ-ДД`, the form Hugo
# reads as a date. Bodies and all other keys are copied byte for byte.
# With `minimal`, the twin is bench/hugo/minimal: each page its title and
# body, section lists, nothing else.
# Usage: gen-site.sh CORPUS_DIR HUGO_DIR [minimal]
set -eu
src=$1/content
dst=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rm -rf "$dst"
mkdir -p "$dst/data" "$dst/static" "$dst/content"
if [ "${3:-}" = minimal ]; then
	cp "$here/minimal/hugo.yaml" "$dst/"
	cp -R "$here/minimal/layouts" "$dst/"
else
	cp "$here/hugo.yaml" "$dst/"
	cp -R "$here/layouts" "$here/content" "$dst/"
fi
cp -R "$root/themes/default/assets" "$dst/static/"
cp "$src/site.yml" "$src/people.yml" "$src/pairs.yml" "$dst/data/"
for d in "$src"/*/; do
	mkdir -p "$dst/content/$(basename "$d")"
done
find "$src" -mindepth 2 -name '*.md' | sort | awk -v src="$src" -v dst="$dst/content" '
{ files[++n] = $0 }
END {
	for (i = 1; i <= n; i++) {
		out = dst substr(files[i], length(src) + 1);
		fm = 0;
		while ((getline line < files[i]) > 0) {
			if (line == "---" && fm < 2)
				fm++;
			else if (fm == 1 && line ~ /^date: [0-9][0-9]\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]$/)
				line = "date: " substr(line, 13, 4) "-" substr(line, 10, 2) "-" substr(line, 7, 2);
			print line > out;
		}
		close(files[i]);
		close(out);
	}
}'
