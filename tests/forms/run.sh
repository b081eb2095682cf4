#!/bin/sh
# The forms (бланки) built from the organisation's requisites:
#  - the consent to dissemination, as its PDF (pdftotext) and its page
#    (the HTML's text) read, holds every field приказ Роскомнадзора
#    от 24.02.2021 № 18 requires (rkn18-fields.txt, with its source),
#    filled with the demo's name, address, ИНН, ОГРН and section address;
#  - every form has a page and a PDF, and the forms page lists each with
#    the size of its PDF as the file has it;
#  - no form names a person of people.yml;
#  - a form of content/forms/ replaces the built-in one of that name, and
#    `blanks:` as a list switches on only the forms it names.
# Usage: tests/forms/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
NASTAVNIK_NO_HISTORY=1
export NASTAVNIK_NO_HISTORY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "forms/$1"; }

forms="soglasie-na-obrabotku soglasie-na-rasprostranenie soglasie-roditelya
zayavlenie-nastavlyaemogo soglasie-nastavnika anketa-nastavnika anketa-udovletvorennosti
individualnyy-plan zhurnal-nastavnika otchet-pary"

# The demo, built.
mkdir -p "$tmp/demo"
cp -R "$root/content" "$tmp/demo/content"
if ! "$bin" build -C "$tmp/demo" >"$tmp/log" 2>&1; then
	bad "build: демо не собралось: $(cat "$tmp/log")"
	echo "forms: $pass passed, $((fail)) failed"
	exit 1
fi
site=$tmp/demo/output/site

# The text of a PDF and of a page's article, one line each.
pdf_text() {
	pdftotext -enc UTF-8 "$1" - 2>/dev/null |
		LC_ALL=C sed -z 's/\xc2\xad\n//g; s/\xc2\xad//g; s/-\n/-/g; s/\n/ /g'
}
html_text() {
	sed -n '/<article/,/<\/article>/p' "$1" | sed 's/<[^>]*>/ /g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | tr '\n' ' '
}

# Every field of the приказ in both texts of the consent to dissemination.
pdf_text "$site/forms/soglasie-na-rasprostranenie.pdf" >"$tmp/rkn.pdf.txt"
html_text "$site/forms/soglasie-na-rasprostranenie.html" >"$tmp/rkn.html.txt"
for how in pdf html; do
	if "$py" - "$here/rkn18-fields.txt" "$root/content/site.yml" "$tmp/rkn.$how.txt" >"$tmp/why" 2>&1 <<'PY'; then
import re, sys
fields, site_yml, text_file = sys.argv[1:4]
def norm(s):
    return re.sub(r'\s+', ' ', s.replace('\u00a0', ' ')).strip()
site = open(site_yml, encoding='utf-8').read()
def key(name):
    m = re.search(r'^  ' + name + r':\s*(.+)$', site, re.M)
    return m.group(1).strip().strip('"') if m else ''
website = key('website').rstrip('/')
values = {'NAME': key('name'), 'ADDRESS': key('address'), 'INN': key('inn'),
          'OGRN': key('ogrn'), 'URL': website + key('base_path')}
assert all(values.values()), values
text = norm(open(text_file, encoding='utf-8').read())
flat = re.sub(r'\s', '', text)
missing = []
for line in open(fields, encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    num, what, pattern = line.rstrip('\n').split('\t')
    names = re.findall(r'\{([A-Z]+)\}', pattern)
    if names:
        # The words before the value, then the values themselves, spaces aside.
        before = pattern.split('{')[0].strip()
        ok = (not before or re.search(before, text) is not None) and all(
            re.sub(r'\s', '', values[n]) in flat for n in names)
    else:
        ok = re.search(pattern, text) is not None
    if not ok:
        missing.append('%s. %s (нет «%s»)' % (num, what, pattern))
if missing:
    print('\n'.join(missing))
    sys.exit(1)
PY
		ok
	else
		bad "rkn18-$how: в согласии на распространение ($how) нет полей приказа РКН № 18:
$(cat "$tmp/why")"
	fi
done

# Every form: its page, its PDF, listed on the forms page with the PDF's size.
page=$site/pages/formy-i-shablony.html
for f in $forms; do
	if [ ! -s "$site/forms/$f.html" ] || [ ! -s "$site/forms/$f.pdf" ]; then
		bad "$f: нет страницы или PDF бланка"
		continue
	fi
	size=$(stat -c %s "$site/forms/$f.pdf")
	human=$(awk -v s="$size" 'BEGIN { printf "%d,%d КБ", s / 1024, (s % 1024) * 10 / 1024 }')
	if grep -q "href=\"../forms/$f.html\">" "$page" &&
		grep -q "href=\"../forms/$f.pdf\" download>бланк для печати</a> (PDF, $human)" "$page" &&
		grep -q "<a href=\"$f.pdf\" download>Бланк для печати</a> (PDF, $human)" "$site/forms/$f.html"; then
		ok
	else
		bad "$f: на странице «Формы и шаблоны» или на странице бланка нет ссылки на PDF «(PDF, $human)»"
	fi
	# No person of people.yml in a form: the operator's officials are named by title only.
	for who in Лебедев Соколов; do
		if pdf_text "$site/forms/$f.pdf" | grep -q "$who" || html_text "$site/forms/$f.html" | grep -q "$who"; then
			bad "$f: в бланке имя участника «$who…»"
		else
			ok
		fi
	done
done
# The old text templates are gone from the demo.
if ls "$root/content/files/"*.txt "$root/content/files/"*.csv >/dev/null 2>&1; then
	bad "files: в content/files/ остались текстовые шаблоны"
else
	ok
fi

# A form of content/forms/ replaces the built-in one; a list switches on only its forms.
mkdir -p "$tmp/own"
cp -R "$root/content" "$tmp/own/content"
mkdir -p "$tmp/own/content/forms"
printf -- '---\ntitle: Согласие нашей школы\n---\nОператор: {{organization.short_name}}, ИНН {{organization.inn}}.\n\nПодпись {{blank 10}}\n' \
	>"$tmp/own/content/forms/soglasie-na-rasprostranenie.md"
sed -i 's/^blanks: true$/blanks: [soglasie-na-rasprostranenie, anketa-nastavnika]/' "$tmp/own/content/site.yml"
if "$bin" build -C "$tmp/own" >"$tmp/log" 2>&1 &&
	[ "$(ls "$tmp/own/output/site/forms" | grep -c '\.html$')" = 3 ] &&
	[ -s "$tmp/own/output/site/forms/anketa-nastavnika.pdf" ] &&
	[ ! -e "$tmp/own/output/site/forms/soglasie-roditelya.html" ] &&
	pdf_text "$tmp/own/output/site/forms/soglasie-na-rasprostranenie.pdf" |
	grep -q 'Оператор: МАОУ «СОШ № 14», ИНН 9901400145\. Подпись __________'; then
	ok
else
	bad "override: свой бланк не заменил встроенный или список blanks не сработал: $(cat "$tmp/log")"
fi

# Without `blanks:` there are no built-in forms.
sed -i '/^blanks:/d' "$tmp/own/content/site.yml"
rm -rf "$tmp/own/content/forms"
if "$bin" build -C "$tmp/own" >"$tmp/log" 2>&1 && [ ! -e "$tmp/own/output/site/forms" ] &&
	! grep -q 'doc-blanks' "$tmp/own/output/site/pages/formy-i-shablony.html"; then
	ok
else
	bad "off: без blanks в site.yml бланки всё равно собраны"
fi

echo "forms: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
