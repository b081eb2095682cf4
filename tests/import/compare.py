#!/usr/bin/python3
"""Compare an imported document with the demo's own, field by field.

Usage: compare.py IMPORTED.md DEMO.md [plain]
"plain": the source was text, which has no bold: «**» of the demo is dropped.
Prints every field that differs and a last line "recovered N/M"; exits 1
when something differs. Fields: the requisites of the front matter, and
for the body every item of an order, every section, clause and list item
of a положение, every cell of a roadmap, and of a ```table block its
caption, widths, header and number row, and every cell (its Markdown and
spans)."""
import re, sys
import yaml


def load(path):
    _, fm, body = open(path, encoding='utf-8').read().split('---\n', 2)
    return yaml.safe_load(fm), body


def norm(s):
    return re.sub(r'\s+', ' ', str(s)).strip()


def cell(c):
    """A cell as (Markdown, colspan, rowspan); the Markdown's lines without
    trailing spaces (a | block and a quoted string are the same cell)."""
    if not isinstance(c, dict):
        c = {'text': c}
    text = '\n'.join(l.rstrip() for l in str(c.get('text', '')).strip('\n').split('\n'))
    return '%s [%d×%d]' % (text, c.get('colspan', 1), c.get('rowspan', 1))


def table_fields(name, t):
    """The fields of a ```table block: caption, widths, numbers, every cell."""
    out = [(name + '.caption', norm(t.get('caption', ''))),
           (name + '.widths', str(t.get('widths'))),
           (name + '.numbers', str(bool(t.get('numbers'))))]
    head = t.get('header') or []
    if head and not isinstance(head[0], list):
        head = [head]
    for part, rows in (('header', head), ('rows', t.get('rows') or [])):
        for i, r in enumerate(rows):
            for j, c in enumerate(r):
                out.append(('%s.%s[%d][%d]' % (name, part, i, j), cell(c)))
            out.append(('%s.%s[%d].cells' % (name, part, i), str(len(r))))
    return out


def fields(fm, body):
    """(name, value) pairs of a document, in order."""
    out = []
    if 'number' in fm and 'academic_year' not in fm and 'date' in fm:
        # An order's year by default: its date's, from August the next one.
        d, m, y = (int(x) for x in str(fm['date']).split('.'))
        fm = dict(fm, academic_year='%d–%d' % ((y, y + 1) if m >= 8 else (y - 1, y)))
    for key in ('title', 'number', 'date', 'place', 'preamble', 'signatory', 'audience',
                'academic_year'):
        if key in fm:
            out.append((key, norm(fm[key])))
    for i, a in enumerate(fm.get('approval') or []):
        for key in ('label', 'body', 'person', 'date'):
            if key in a:
                out.append(('approval[%d].%s' % (i, key), norm(a[key])))
        for key in ('number', 'date'):
            if 'protocol' in a:
                out.append(('approval[%d].protocol.%s' % (i, key), norm(a['protocol'][key])))
    for s, sec in enumerate(fm.get('sections') or []):
        out.append(('sections[%d].title' % s, norm(sec['title'])))
        for i, it in enumerate(sec['items']):
            for key in ('title', 'due', 'responsible', 'result', 'status'):
                if key in it:
                    out.append(('sections[%d].items[%d].%s' % (s, i, key), norm(it[key])))
    n = images = 0
    fence, tables = None, 0
    for line in body.splitlines():
        if fence is not None:
            if line == '```':
                tables += 1
                out += table_fields('table[%d]' % tables, yaml.safe_load('\n'.join(fence)))
                fence = None
            else:
                fence.append(line)
        elif line == '```table':
            fence = []
        elif re.match(r'^!\[[^\]]*\]\([^)]+\)$', line):
            # A picture: import writes its file into content/files/ and
            # takes the caption under it as its text; the file's name is
            # its own («<id>-risunok-1.png»).
            images += 1
            out.append(('image[%d]' % images, re.match(r'^!\[([^\]]*)\]', line).group(1)))
        elif line.strip():
            n += 1
            # Indentation is kept: it is how Markdown nests sub-items.
            out.append(('body[%d]' % n, ' ' * (len(line) - len(line.lstrip())) + norm(line)))
    return out


mine = dict(fields(*load(sys.argv[1])))
theirs = fields(*load(sys.argv[2]))
if sys.argv[3:] == ['plain']:
    theirs = [(name, value.replace('**', '')) for name, value in theirs]
ok = 0
for name, value in theirs:
    if mine.get(name) == value:
        ok += 1
    else:
        print('%s: ждали «%s», получили «%s»' % (name, value, mine.get(name)))
print('recovered %d/%d' % (ok, len(theirs)))
sys.exit(0 if ok == len(theirs) else 1)
