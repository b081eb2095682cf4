#!/bin/sh
# Printed documents of the demo school, checked as a reader of the PDF
# would check them (poppler-utils):
#  (the golden layout dumps of these documents are the demo's regress
#  case: tests/regress/cases/demo/expected/print/DOC.txt);
#  - pdfinfo: every page A4, portrait or landscape as the dump says;
#  - pdffonts: every font embedded;
#  - pdftotext: the requisites of the documents in reading order, full
#    names on internal paper;
#  - pdftotext -bbox: no word outside the margins except the page number,
#    which is in the top margin from page 2 on (title pages have none),
#    centred over the text and at least 10 mm below the edge of the sheet;
#  - nothing past the text area, in the demo's documents and in every
#    document of the regress cases at their margins: each word's box in
#    the PDF (with the hyphen a break adds) inside the text area, and in a
#    table inside its cell less the padding; each line of the dump inside
#    its box (see inside());
#  - bookmarks: one per outline entry of the dump;
#  - tagged PDF (pdfinfo, qpdf): "Tagged: yes", a structure tree with
#    exactly the elements of the dump (<H1>, <P>, <Table>, …), which nest
#    properly; a title (H1) and paragraphs in every document, a Table in
#    every document with a table;
#  - soft hyphens and word joiners are not written as text (ActualText);
#  - SOURCE_DATE_EPOCH: two runs give the same bytes;
#  - every stream deflated at zlib's fastest level (print_deflate.c);
#  - a font that is not installed is an error, not a silent fallback;
#  - the counter of `make typeset-report` finds each fault of a dump made
#    to hold each once (typeset/faults.txt).
# Usage: tests/print/run.sh BINARY
set -u
command -v qpdf >/dev/null 2>&1 || { echo "print: нужен qpdf (Debian: пакет qpdf)"; exit 1; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "print/$1"; }
export LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=1756425600
export SOURCE_DATE_EPOCH

docs="o-vnedrenii ob-utverzhdenii-polozheniya ob-utverzhdenii-dorozhnoy-karty o-zakreplenii-par
o-pooshchrenii-nastavnikov o-provedenii-konkursa-nastavnik-goda polozhenie-pedagogi
polozhenie-obuchayushchiesya programma-nastavnichestva dorozhnaya-karta-2025-2026"

# Margins of the demo's print profile (site.yml), in points.
mm() { awk -v v="$1" 'BEGIN { printf "%.3f", v * 72 / 25.4 }'; }
top=$(mm 20)
right=$(mm 10)
bottom=$(mm 20)
left=$(mm 30)

# inside NAME PDF DUMP TOP RIGHT BOTTOM LEFT: nothing leaves the text area.
# Every word's box in the PDF (pdftotext -bbox; a hyphen a break adds is
# part of its word) is inside the text area, and in a table inside its
# cell less the cell's padding (the cells of the layout dump); every line
# of the dump is inside its box too. Page numbers sit in the top margin.
inside() {
	pdftotext -bbox "$2" - >"$tmp/inside.bbox" 2>/dev/null
	if awk -v top="$4" -v right="$5" -v bottom="$6" -v left="$7" -v dump="$3" -v pad=4 -v tol=0.2 '
		function attr(name,   s) {
			s = $0; sub(".*" name "=\"", "", s); sub("\".*", "", s); return s + 0
		}
		function val(l, key,   s) {
			s = l; sub(".* " key "=", "", s); sub(" .*", "", s); return s + 0
		}
		BEGIN {
			while ((getline l < dump) > 0) {
				if (l ~ /^page /) { split(l, f, " "); p = f[2]; split(f[3], wh, "x"); pw = wh[1]; lim = pw - right; box = lim; continue }
				if (l ~ /^    cell /) {
					n = ++cells[p]; cx[p, n] = val(l, "x"); cy[p, n] = val(l, "y"); cw[p, n] = val(l, "w"); ch[p, n] = val(l, "h")
					box = cx[p, n] + cw[p, n] - pad; lo = cx[p, n] + pad; continue
				}
				if (l ~ /^  [a-z-]+ y=/) { box = lim; lo = left; continue }
				if (l ~ /^    y=/) {
					x = val(l, "x"); w = val(l, "w"); t = l; sub(/^    y=[^ ]* x=[^ ]* w=[^ ]* (ws=[^ ]* )?/, "", t)
					if (x + w > box + 0.1 || x < lo - 0.1) { printf "раскладка, страница %d: «%s» за пределами своего поля (%.1f…%.1f, можно %.1f…%.1f)\n", p, t, x, x + w, lo, box; e = 1 }
				}
			}
		}
		/<page / { page++; w = attr("width"); h = attr("height") }
		/<word / {
			x0 = attr("xMin"); y0 = attr("yMin"); x1 = attr("xMax"); y1 = attr("yMax")
			t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
			if (y1 <= top + 0.5)
				next
			if (x0 < left - tol || x1 > w - right + tol || y0 < top - tol || y1 > h - bottom + tol) {
				printf "страница %d: «%s» за полями (%.2f %.2f %.2f %.2f)\n", page, t, x0, y0, x1, y1; e = 1
			}
			for (i = 1; i <= cells[page]; i++) {
				mx = (x0 + x1) / 2; my = (y0 + y1) / 2
				if (mx < cx[page, i] || mx > cx[page, i] + cw[page, i] || my < cy[page, i] || my > cy[page, i] + ch[page, i])
					continue
				if (x0 < cx[page, i] + pad - tol || x1 > cx[page, i] + cw[page, i] - pad + tol) {
					printf "страница %d: «%s» выходит из ячейки (%.2f…%.2f, можно %.2f…%.2f)\n", page, t, x0, x1, cx[page, i] + pad, cx[page, i] + cw[page, i] - pad; e = 1
				}
			}
		}
		END { exit e }' "$tmp/inside.bbox" >"$tmp/why"; then
		ok
	else
		bad "$1: текст выходит за поля или из ячеек:"
		head -n 10 "$tmp/why"
	fi
}

for d in $docs; do
	if ! "$bin" print -C "$root" "$d" -o "$tmp/$d.pdf" --dump-layout >"$tmp/$d.txt" 2>"$tmp/$d.err"; then
		bad "$d: nastavnik print завершился с ошибкой"
		cat "$tmp/$d.err"
		continue
	fi
	# Page sizes: A4, landscape exactly where the layout says so.
	pdfinfo -f 1 -l 9999 "$tmp/$d.pdf" | sed -n 's/^Page *\([0-9]*\) size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2 \3/p' >"$tmp/sizes"
	grep '^page ' "$tmp/$d.txt" | awk '{ print $2, $4 }' >"$tmp/orient"
	if awk 'NR == FNR { o[$1] = $2; next }
		{ n++; want = o[$1] == "landscape" ? "841.89 595.276" : "595.276 841.89"
		  if ($2 " " $3 != want) { print "страница " $1 ": " $2 "x" $3 ", нужно " want; e = 1 } }
		END { exit e || n == 0 }' "$tmp/orient" "$tmp/sizes" >"$tmp/why"; then
		ok
	else
		bad "$d: размер страниц: $(cat "$tmp/why")"
	fi

	# Fonts: all embedded.
	if pdffonts "$tmp/$d.pdf" | awk 'NR > 2 { n++; if ($(NF - 4) != "yes") e = 1 } END { exit e || n == 0 }'; then
		ok
	else
		bad "$d: не все шрифты встроены"
		pdffonts "$tmp/$d.pdf"
	fi

	# Margins and page numbers, from the words' boxes.
	pdftotext -bbox "$tmp/$d.pdf" - >"$tmp/bbox" 2>/dev/null
	if awk -v top="$top" -v right="$right" -v bottom="$bottom" -v left="$left" -v tenmm="$(mm 10)" -v dump="$tmp/$d.txt" '
		BEGIN {
			while ((getline l < dump) > 0) {
				split(l, f, " ")
				if (f[1] == "page") { p = f[2]; num[p] = ""; for (i = 3; i < 8; i++) if (f[i] == "number") num[p] = f[i + 1] }
				if (f[1] == "place-year") title[p] = 1
			}
		}
		function attr(name,   s) {
			s = $0; sub(".*" name "=\"", "", s); sub("\".*", "", s); return s + 0
		}
		/<page / { page++; w = attr("width"); h = attr("height"); seen[page] = "" }
		/<word / {
			x0 = attr("xMin"); y0 = attr("yMin"); x1 = attr("xMax"); y1 = attr("yMax")
			t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t)
			if (y1 <= top + 0.5) {
				seen[page] = seen[page] t
				mid = (left + w - right) / 2
				if ((x0 + x1) / 2 < mid - 1 || (x0 + x1) / 2 > mid + 1) { printf "страница %d: номер не по центру текста (%.1f, нужно %.1f)\n", page, (x0 + x1) / 2, mid; e = 1 }
				if (y0 < tenmm - 0.5) { printf "страница %d: номер ближе 10 мм к краю листа (%.1f)\n", page, y0; e = 1 }
				next
			}
			if (x0 < left - 0.5 || x1 > w - right + 0.5 || y0 < top - 0.5 || y1 > h - bottom + 0.5) {
				printf "страница %d: «%s» за полями (%.1f %.1f %.1f %.1f)\n", page, t, x0, y0, x1, y1; e = 1
			}
		}
		END {
			if (seen[1] != "") { print "номер на первой странице: " seen[1]; e = 1 }
			for (i = 2; i <= page; i++) {
				if (seen[i] != num[i]) { printf "страница %d: номер «%s», в раскладке «%s»\n", i, seen[i], num[i]; e = 1 }
				if (num[i] == "" && !title[i]) { printf "страница %d без номера\n", i; e = 1 }
				if (num[i] != "" && num[i] != i) { printf "страница %d с номером %s\n", i, num[i]; e = 1 }
			}
			exit e
		}' "$tmp/bbox" >"$tmp/why"; then
		ok
	else
		bad "$d: поля и номера страниц:"
		head -n 10 "$tmp/why"
	fi
	inside "$d" "$tmp/$d.pdf" "$tmp/$d.txt" "$top" "$right" "$bottom" "$left"

	# Tagged PDF: the structure elements of the layout, nested properly, are
	# those of the PDF's structure tree (qpdf writes its objects in the clear).
	if ! pdfinfo "$tmp/$d.pdf" | grep -q '^Tagged: *yes'; then
		bad "$d: PDF без тегов (pdfinfo: Tagged: no)"
	elif ! { qpdf --qdf --object-streams=disable "$tmp/$d.pdf" "$tmp/$d.qdf" >/dev/null 2>&1 || [ $? -eq 3 ]; } ||
		! grep -aq '/Type /StructTreeRoot' "$tmp/$d.qdf"; then
		bad "$d: в PDF нет дерева структуры (/StructTreeRoot)"
	else
		sed -n 's/^  <\([A-Za-z0-9]*\)>$/\1/p' "$tmp/$d.txt" | sort | uniq -c >"$tmp/want"
		awk '$1 == "/S" && NF == 2 { s = substr($2, 2); next }
			$1 == "/Type" && $2 == "/StructElem" && s != "" { print s }
			{ s = "" }' "$tmp/$d.qdf" | sort | uniq -c >"$tmp/got"
		if ! diff "$tmp/want" "$tmp/got" >"$tmp/why"; then
			bad "$d: элементы структуры в PDF не те, что в раскладке (< раскладка, > PDF):"
			cat "$tmp/why"
		elif ! awk '/^  <[A-Za-z0-9]*>$/ { st[++n] = $1; next }
			/^  <\/[A-Za-z0-9]*>$/ { t = $1; sub("/", "", t); if (n < 1 || st[n] != t) { print "лишний " $1 " в строке " NR; exit 1 } n-- }
			END { if (n) { print "не закрыт " st[n]; exit 1 } }' "$tmp/$d.txt" >"$tmp/why"; then
			bad "$d: структура в раскладке не вложена: $(cat "$tmp/why")"
		elif ! grep -q ' H1$' "$tmp/got" || ! grep -q ' P$' "$tmp/got" ||
			{ grep -q '^  header-row ' "$tmp/$d.txt" && ! grep -q ' Table$' "$tmp/got"; }; then
			bad "$d: в структуре PDF нет заголовка (H1), абзацев (P) или таблицы (Table)"
			cat "$tmp/got"
		else
			ok
		fi
	fi

	# Soft hyphens and word joiners show nothing and are not text: no
	# marked-content span (ActualText) of their own in the PDF.
	if [ -f "$tmp/$d.qdf" ] && grep -aq 'ActualText <feff\(00ad\|2060\)>' "$tmp/$d.qdf"; then
		bad "$d: мягкие переносы или запреты разрыва записаны в PDF текстом (ActualText)"
	else
		ok
	fi

	# Bookmarks: one destination per outline entry of the layout.
	want=$(grep -c '^page .* outline «' "$tmp/$d.txt")
	got=$(grep -ac '/Dest' "$tmp/$d.pdf")
	if [ "$want" -eq "$got" ]; then ok; else bad "$d: закладок $got, нужно $want"; fi

	# The text as laid out, line by line left to right, in one line with
	# runs of spaces squeezed (justified lines are wide apart).
	pdftotext -layout "$tmp/$d.pdf" - 2>/dev/null | sed 's/\xc2\xa0/ /g' | tr -s ' \n\f' '   ' >"$tmp/$d.flat"
done

# in_order DOC STRING...: the strings occur in the text of DOC in this order.
in_order() {
	d=$1; shift
	if [ ! -s "$tmp/$d.flat" ]; then bad "$d: нет текста"; return; fi
	: >"$tmp/want"
	for s in "$@"; do printf '%s\n' "$s" >>"$tmp/want"; done
	missing=$(awk -v flat="$tmp/$d.flat" 'BEGIN { getline text < flat; pos = 1 }
		{ k = index(substr(text, pos), $0); if (!k) { print; exit } pos += k + length($0) - 1 }' "$tmp/want")
	if [ -z "$missing" ]; then ok; else bad "$d: в тексте нет (или не по порядку): «$missing»"; fi
}

in_order o-vnedrenii "Управление образования администрации Верхнеозёрского городского округа" \
	"Муниципальное автономное общеобразовательное учреждение" "(МАОУ «СОШ № 14»)" "ПРИКАЗ" \
	"22.08.2025" "№ 112-од" "г. Верхнеозёрск" \
	"О внедрении целевой модели наставничества и назначении куратора" "В соответствии с" \
	"ПРИКАЗЫВАЮ:" "1. Внедрить с 01.09.2025" "3.1. организацию" "7. Контроль за исполнением" \
	"Директор" "И.В. Соколова" "С приказом ознакомлены:" "Лебедева Анна Сергеевна"
in_order o-zakreplenii-par "№ 131-од" "ПРИКАЗЫВАЮ:" "И.В. Соколова" "Приложение" \
	"к приказу МАОУ «СОШ № 14»" "от 30.09.2025 № 131-од" "Состав наставнических пар и групп" \
	"Наставник" "Наставляемый" "Кузнецова Елена" "Гусев Дмитрий"
in_order ob-utverzhdenii-polozheniya "№ 118-од" "ПРИКАЗЫВАЮ:" \
	"Лист ознакомления с приказом от 29.08.2025 № 118-од" "Приложение № 1" \
	"Управление образования администрации Верхнеозёрского городского округа" "ПРИНЯТО" "УТВЕРЖДЕНО" \
	"приказом МАОУ «СОШ № 14»" "от 29.08.2025 № 118-од" "ПОЛОЖЕНИЕ" \
	"о наставничестве педагогических работников" "1. Общие положения" "Приложение № 2" \
	"о наставничестве обучающихся"
in_order ob-utverzhdenii-dorozhnoy-karty "№ 119-од" "Приложение № 1" "УТВЕРЖДЕНА" \
	"от 29.08.2025 № 119-од" "Программа наставничества «Шаг навстречу»" "Срок реализации" \
	"Лебедева Анна Сергеевна" "г. Верхнеозёрск" "Приложение № 2" "УТВЕРЖДЕН" \
	"№ п/п" "Мероприятие" "Срок" "Ответственный" \
	"1. Подготовка условий" "1.1." "Август 2025" "2. Формирование базы наставляемых" "2.1."
in_order o-provedenii-konkursa-nastavnik-goda "20.01.2026" "№ 9-од" \
	"О проведении школьного конкурса «Наставник года — 2026»" "ПРИКАЗЫВАЮ:" \
	"6. Контроль за исполнением" "И.В. Соколова" "С приказом ознакомлены:" \
	"Никитин Сергей Александрович" "Приложение" "УТВЕРЖДЕНО" "от 20.01.2026 № 9-од" \
	"ПОЛОЖЕНИЕ" "о школьном конкурсе «Наставник года — 2026»" "4. Номинации" \
	"«Наставник молодого педагога»" "«Командное наставничество»" "7. Жюри конкурса" \
	"8. Подведение итогов и награждение"
if [ "$(grep -c '^page ' "$tmp/o-provedenii-konkursa-nastavnik-goda.txt")" -eq 3 ]; then
	ok
else
	bad "o-provedenii-konkursa-nastavnik-goda: не 3 страницы (бенчмарк печатает приказ в 3 страницы)"
fi
in_order polozhenie-pedagogi "Управление образования администрации Верхнеозёрского городского округа" \
	"Муниципальное автономное общеобразовательное учреждение" "(МАОУ «СОШ № 14»)" "ПРИНЯТО" \
	"ПОЛОЖЕНИЕ"
in_order dorozhnaya-karta-2025-2026 "(МАОУ «СОШ № 14»)" "ПРИНЯТО" "Дорожная карта" "Цель дорожной карты" \
	"№ п/п" "Мероприятие"
in_order programma-nastavnichestva "(МАОУ «СОШ № 14»)" "ПРИНЯТО" "УТВЕРЖДЕНА" "педагогическим советом" \
	"Программа наставничества" "Авторы-составители:" "г. Верхнеозёрск" "2025" \
	"1. Пояснительная записка"

# print measures a document on two threads (print_twin.c), build on one
# per document: the PDFs are the same bytes.
mkdir -p "$tmp/one"
cp -R "$root/content" "$tmp/one/content"
NASTAVNIK_NO_HISTORY=1 "$bin" build -C "$tmp/one" -o "$tmp/one/out" -j1 >/dev/null 2>&1
for d in $docs; do
	if cmp -s "$tmp/$d.pdf" "$tmp/one/out/print/$d.pdf"; then
		ok
	else
		bad "$d: PDF из print (два потока) не совпадает с PDF из build (один)"
	fi
done

# Byte-reproducible with SOURCE_DATE_EPOCH.
"$bin" print -C "$root" o-vnedrenii -o "$tmp/again.pdf" >/dev/null 2>&1
if cmp -s "$tmp/o-vnedrenii.pdf" "$tmp/again.pdf"; then ok; else bad "SOURCE_DATE_EPOCH: два PDF различаются"; fi
if pdfinfo "$tmp/again.pdf" | grep -q 'CreationDate:.*2025'; then ok; else bad "SOURCE_DATE_EPOCH: дата создания не из переменной"; fi

# Every stream of every PDF deflated at zlib's fastest level
# (print_deflate.c): its zlib header is 78 01, not the default's 78 9C.
for d in $docs; do
	got=$(python3 - "$tmp/$d.pdf" <<'EOF'
import re, sys
d = open(sys.argv[1], "rb").read()
heads = {d[m.end():m.end() + 2].hex() for m in re.finditer(rb"(?<!end)stream\r?\n", d)}
print(" ".join(sorted(heads)))
EOF
)
	if [ "$got" = 7801 ]; then ok; else bad "$d: заголовки потоков zlib «$got», ожидался только 7801"; fi
done

# A character no font of the PDF has (not one check names at its place: a
# sign of Word's fonts, an emoji) is a warning naming it: on paper a box.
cp -R "$root/content" "$tmp/glyph"
sed -i 's/^2\. Назначить куратором/2. Вывесить приказ с подписью «漢字» и назначить куратором/' "$tmp/glyph/orders/o-vnedrenii.md"
"$bin" print -C "$tmp/glyph" o-vnedrenii -o "$tmp/glyph.pdf" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && grep -qF 'glyph/orders/o-vnedrenii.md: предупреждение: печать: в шрифтах PDF нет знака «漢» (U+6F22) — на бумаге на его месте пустой квадрат' "$tmp/err"; then
	ok
else
	bad "glyph: нет предупреждения о знаке без шрифта (код $status)"
	cat "$tmp/err"
fi

# A table typed as rows of «|» prints as a table: its header, its cells
# in their columns (a «\|» a «|»; a range of months with its dash),
# no «|» of the rows and no rule.
cp -R "$root/content" "$tmp/pipes"
cat >>"$tmp/pipes/positions/polozhenie-pedagogi.md" <<'EOF'

| № | Этап | Срок |
|:-:|------|------|
| 1 | Подготовительный \| организационный | сентябрь |
| 2 | Основной | октябрь — апрель |
EOF
"$bin" print -C "$tmp/pipes" polozhenie-pedagogi -o "$tmp/pipes.pdf" >/dev/null 2>"$tmp/err"
status=$?
pdftotext -layout "$tmp/pipes.pdf" "$tmp/pipes.txt"
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && grep -Eq '№ +Этап +Срок' "$tmp/pipes.txt" &&
	grep -Eq '1 +Подготовительный \| организационный +сентябрь' "$tmp/pipes.txt" &&
	grep -Eq '2 +Основной +октябрь–апрель' "$tmp/pipes.txt" && ! grep -q -- '---' "$tmp/pipes.txt"; then
	ok
else
	bad "pipes: таблица строками «|» не напечатана таблицей (код $status)"
	cat "$tmp/err"
fi

# Images on a line of their own are pictures on paper (the regress case
# images): the PNG scheme decoded, the JPEG photo as its own bytes
# (DCT), turned as its EXIF orientation asks — stored with red above
# blue, shown a quarter turn clockwise, blue left and red right — and a
# Figure each in the structure. A file named .png that is no PNG prints
# its text with a warning; a PNG broken past its header prints blank with
# one.
case_dir="$root/tests/regress/cases/images"
"$bin" print -C "$case_dir" polozhenie -o "$tmp/pictures.pdf" --dump-layout >"$tmp/pictures.txt" 2>/dev/null
status=$?
list=$(pdfimages -list "$tmp/pictures.pdf" | awk 'NR > 2 { print $4 "x" $5, $9 }' | sort | uniq -c | tr -s ' ' | tr '\n' ';')
if [ "$status" -eq 0 ] && [ "$list" = " 1 120x60 jpeg; 3 480x240 image;" ]; then
	ok
else
	bad "pictures: в PDF не те изображения (код $status): $list"
fi
figures=$(qpdf --qdf --object-streams=disable "$tmp/pictures.pdf" - | grep -c '/S /Figure')
if [ "$figures" -eq "$(grep -c '<Figure>' "$tmp/pictures.txt")" ] && [ "$figures" -eq 4 ]; then
	ok
else
	bad "pictures: в структуре PDF $figures элементов Figure, а в раскладке $(grep -c '<Figure>' "$tmp/pictures.txt")"
fi
# The photo's box from the dump: the colour a quarter in from its left and right edges.
set -- $(awk '/picture .*foto.jpg/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	print int(v["x"] + v["w"] / 4), int(v["x"] + v["w"] * 3 / 4), int(v["y"] + v["h"] / 2) }' "$tmp/pictures.txt")
page=$(awk '/^page / { p = $2 } /picture .*foto.jpg/ { print p; exit }' "$tmp/pictures.txt")
colour() {
	pdftoppm -r 72 -f "$page" -l "$page" -x "$1" -y "$2" -W 1 -H 1 -singlefile "$tmp/pictures.pdf" "$tmp/px" &&
		od -An -tu1 -j $(($(wc -c <"$tmp/px.ppm") - 3)) "$tmp/px.ppm" |
		awk '{ print ($1 > 150 && $3 < 100) ? "red" : ($3 > 150 && $1 < 100) ? "blue" : "other" }'
}
left=$(colour "$1" "$3")
right=$(colour "$2" "$3")
if [ "$left" = blue ] && [ "$right" = red ]; then
	ok
else
	bad "pictures: фотография не повёрнута по EXIF: слева $left, справа $right (ожидались blue, red)"
fi
cp -R "$case_dir" "$tmp/broken"
printf 'не картинка' >"$tmp/broken/content/files/shema.png"
"$bin" print -C "$tmp/broken" polozhenie -o "$tmp/broken.pdf" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && [ "$(grep -c 'не вставлено в PDF: это не PNG и не JPEG' "$tmp/err")" -eq 3 ] &&
	grep -qF 'positions/polozhenie.md:8:1: предупреждение: печать: изображение «../files/shema.png» не вставлено в PDF: это не PNG и не JPEG: в PDF печать вставляет только их' "$tmp/err" &&
	pdftotext "$tmp/broken.pdf" - | grep -q 'Рисунок 1 — Схема организации наставничества' &&
	[ "$(pdfimages -list "$tmp/broken.pdf" | awk 'NR > 2' | wc -l)" -eq 1 ]; then
	ok
else
	bad "pictures: файл .png не с PNG — нет предупреждения или текста изображения (код $status)"
	cat "$tmp/err"
fi
cp "$case_dir/content/files/shema.png" "$tmp/broken/content/files/shema.png"
# The bytes of the pixels (the chunk IDAT) spoilt, its header whole.
python3 - "$tmp/broken/content/files/shema.png" <<'EOF'
import sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
i = d.index(b"IDAT") + 4
d[i:i + 40] = b"\xff" * 40
open(p, "wb").write(bytes(d))
EOF
"$bin" print -C "$tmp/broken" polozhenie -o "$tmp/broken.pdf" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] &&
	grep -qF 'positions/polozhenie.md:8:1: предупреждение: печать: изображение «../files/shema.png» не прочитано — на бумаге на его месте пусто' "$tmp/err" &&
	[ "$(pdfimages -list "$tmp/broken.pdf" | awk 'NR > 2' | wc -l)" -eq 1 ]; then
	ok
else
	bad "pictures: испорченный PNG — нет предупреждения (код $status)"
	cat "$tmp/err"
fi

# print leaves the built-in forms out of the model unless it prints one,
# and loads again with them when that load reports anything: a form as an
# appendix of an order is printed, with no message; a form itself too;
# and a warning is reported once, as check of that file reports it (one
# of another file is counted).
cp -R "$root/content" "$tmp/forms"
sed -i 's/^appendices: \[polozhenie-konkurs-nastavnik-goda\]$/appendices: [polozhenie-konkurs-nastavnik-goda, soglasie-nastavnika]/' \
	"$tmp/forms/orders/o-provedenii-konkursa-nastavnik-goda.md"
"$bin" print -C "$tmp/forms" o-provedenii-konkursa-nastavnik-goda -o "$tmp/forms.pdf" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] &&
	pdftotext "$tmp/forms.pdf" - | tr -s ' \n' '  ' | grep -q 'Приложение № 1 .*Согласие работника на выполнение работы по наставничеству'; then
	ok
else
	bad "forms: бланк в приложении приказа не напечатан (код $status)"
	cat "$tmp/err"
fi
"$bin" print -C "$tmp/forms" soglasie-nastavnika -o "$tmp/form.pdf" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && pdftotext "$tmp/form.pdf" - | grep -q '^Согласие работника на выполнение работы по наставничеству$'; then
	ok
else
	bad "forms: бланк soglasie-nastavnika не напечатан (код $status)"
	cat "$tmp/err"
fi
sed -i 's/^title: О внедрении целевой модели наставничества и назначении куратора$/&./' "$tmp/forms/orders/o-vnedrenii.md"
sed -i 's/^title: О проведении школьного конкурса «Наставник года — 2026»$/&./' "$tmp/forms/orders/o-provedenii-konkursa-nastavnik-goda.md"
"$bin" print -C "$tmp/forms" o-provedenii-konkursa-nastavnik-goda -o "$tmp/forms.pdf" >/dev/null 2>"$tmp/err"
"$bin" check -C "$tmp/forms" o-provedenii-konkursa-nastavnik-goda >/dev/null 2>"$tmp/want"
echo "nastavnik: в других файлах проекта 1 предупреждение — покажет nastavnik check" >>"$tmp/want"
if grep -q 'точку в конце заголовка' "$tmp/want" && diff -u "$tmp/want" "$tmp/err"; then
	ok
else
	bad "forms: print сообщает не то, что check"
fi

# A missing font is an error naming the font, and no PDF is written.
cp -R "$root/content" "$tmp/nofont"
sed -i 's/^  font: .*/  font: Нет Такого Шрифта/' "$tmp/nofont/site.yml"
"$bin" print -C "$tmp/nofont" o-vnedrenii -o "$tmp/nofont.pdf" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -ne 0 ] && [ ! -e "$tmp/nofont.pdf" ] && grep -q 'Нет Такого Шрифта' "$tmp/err"; then
	ok
else
	bad "font: код $status, нет сообщения о шрифте или PDF записан"
	cat "$tmp/err"
fi

# Fonts in `build` (the history of Git is off: temporary projects have none).
# «Times New Roman», when not installed, is replaced by the metric-compatible
# Liberation Serif with one note at its line: the PDFs are those of
# Liberation Serif, byte for byte.
mkdir -p "$tmp/tnr"
cp -R "$root/content" "$tmp/tnr/content"
sed -i 's/^  font: .*/  font: Times New Roman/' "$tmp/tnr/content/site.yml"
line=$(grep -n '^  font: ' "$tmp/tnr/content/site.yml" | cut -d: -f1)
if fc-list : family | grep -qx 'Times New Roman'; then
	ok # installed: nothing to replace
else
	NASTAVNIK_NO_HISTORY=1 "$bin" build -C "$tmp/tnr" -o "$tmp/tnr/out" >/dev/null 2>"$tmp/err"
	status=$?
	mkdir -p "$tmp/lib"
	cp -R "$root/content" "$tmp/lib/content"
	NASTAVNIK_NO_HISTORY=1 "$bin" build -C "$tmp/lib" -o "$tmp/lib/out" >/dev/null 2>&1
	cat >"$tmp/want" <<W
nastavnik: content/site.yml:$line:9: примечание: печать: шрифт «Times New Roman» не установлен — документы набраны метрически совместимым «Liberation Serif»
$(printf '%6d' "$line") |   font: Times New Roman
       |         ^
  подсказка: чтобы печатать шрифтом «Times New Roman», установите его (Debian: пакет ttf-mscorefonts-installer, раздел contrib)
W
	if [ "$status" -eq 0 ] && diff -u "$tmp/want" "$tmp/err" &&
		cmp -s "$tmp/tnr/out/print/o-vnedrenii.pdf" "$tmp/lib/out/print/o-vnedrenii.pdf"; then
		ok
	else
		bad "font-fallback: Times New Roman не заменён Liberation Serif с одним примечанием (код $status)"
	fi
fi
# A font that does not exist: an error at its line of site.yml; the site
# is built all the same, without PDFs, and build exits with 2.
mkdir -p "$tmp/nofont2"
cp -R "$root/content" "$tmp/nofont2/content"
sed -i 's/^  font: .*/  font: Нет Такого Шрифта/' "$tmp/nofont2/content/site.yml"
NASTAVNIK_NO_HISTORY=1 "$bin" build -C "$tmp/nofont2" -o out >"$tmp/out" 2>"$tmp/err"
status=$?
got=$(grep -c 'ошибка' "$tmp/err")
if [ "$status" -eq 2 ] && [ "$got" -eq 1 ] &&
	grep -qx "nastavnik: content/site.yml:$line:9: ошибка: печать: шрифт «Нет Такого Шрифта» не установлен (вместо него нашёлся «.*»); PDF не собраны" "$tmp/err" &&
	grep -qx '  подсказка: установите этот шрифт или укажите в print.font установленный, например «Liberation Serif» из пакета fonts-liberation2 (список: fc-list : family)' "$tmp/err" &&
	grep -qx 'nastavnik: раздел «Наставничество» собран в out/site; документы для печати не собраны — см. ошибку выше' "$tmp/out" &&
	[ -f "$tmp/nofont2/out/site/positions/polozhenie-pedagogi.html" ] && [ ! -e "$tmp/nofont2/out/print" ]; then
	ok
else
	bad "font-missing: код $status; нужна ошибка в строке site.yml и сайт без PDF"
	cat "$tmp/err" "$tmp/out"
fi

# The documents of the regress cases (tests/regress/cases/*/expected/print)
# leave nothing past their text area either, at their own margins.
for c in "$root"/tests/regress/cases/*/; do
	[ -d "$c/expected/print" ] || continue
	if [ -f "$c/project" ]; then proj=$c/$(cat "$c/project"); else proj=$c; fi
	[ "$(cd "$proj" && pwd)" = "$root" ] && continue # the demo, done above
	m=$("$bin" check -C "$proj" --dump 2>/dev/null | sed -n 's|.*margins \([0-9.]*\)/\([0-9.]*\)/\([0-9.]*\)/\([0-9.]*\) mm.*|\1 \2 \3 \4|p' | head -n 1)
	if [ -z "$m" ]; then bad "$(basename "$c"): нет полей в check --dump"; continue; fi
	set -- $m
	for f in "$c"/expected/print/*.txt; do
		d=$(basename "$f" .txt)
		name=$(basename "$c")/$d
		if ! "$bin" print -C "$proj" "$d" -o "$tmp/case.pdf" --dump-layout >"$tmp/case.txt" 2>"$tmp/case.err"; then
			bad "$name: nastavnik print завершился с ошибкой"
			cat "$tmp/case.err"
			continue
		fi
		inside "$name" "$tmp/case.pdf" "$tmp/case.txt" "$(mm "$1")" "$(mm "$2")" "$(mm "$3")" "$(mm "$4")"
	done
done

# make typeset-report counts each fault of a dump made to hold each once
# (tests/print/typeset/faults.txt) and ends with the summary line.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
want="typeset: names-hyphenated 1, past-margin 1, loose-lines 1 (libreoffice n/a), one-letter-ends 1, widows 1, orphans 1, split-rows 1"
got=$("$py" "$root/tests/print/typeset_report.py" n/a "$root/tests/print/typeset/faults.txt" 2>&1)
if [ "$(printf '%s\n' "$got" | tail -n 1)" = "$want" ] &&
	printf '%s\n' "$got" | grep -q '^typeset/faults: .*, headings-last 1$'; then
	ok
else
	bad "typeset-report: счёт ошибок на typeset/faults.txt не тот:"
	printf '%s\n' "$got" | tail -n 3
fi

echo "print: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
