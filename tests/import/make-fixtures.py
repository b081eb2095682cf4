#!/usr/bin/python3
"""Write the demo school's documents as the school would have them:
.docx (python3-docx), .odt (python3-odf) and text (UTF-8, Windows-1251),
plus hostile files for the bad-input tests.

Usage: tests/import/make-fixtures.py ROOT OUTDIR [KIND...]
ROOT is the repository (its content/ is the demo school); KIND (order,
appendices, pairs, position, roadmap, program, symbols, pictures, hostile) writes only those
fixtures."""
import io, os, re, sys, zipfile
import yaml
import docx
import docx.shared
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from odf.opendocument import OpenDocumentText
from odf.style import Style, ParagraphProperties, ListLevelProperties
from odf.text import P, List, ListItem, ListStyle, ListLevelStyleBullet, ListLevelStyleNumber
from odf.table import Table, TableColumn, TableRow, TableCell, CoveredTableCell
from odf.draw import Frame, Image

root, out = sys.argv[1], sys.argv[2]
only = sys.argv[3:]
os.makedirs(out, exist_ok=True)


def load(rel):
    text = open(os.path.join(root, 'content', rel), encoding='utf-8').read()
    _, fm, body = text.split('---\n', 2)
    return yaml.safe_load(fm), body


site = yaml.safe_load(open(os.path.join(root, 'content/site.yml'), encoding='utf-8'))
org = site['organization']
people = {p['id']: p for p in yaml.safe_load(open(os.path.join(root, 'content/people.yml'), encoding='utf-8'))}


def responsible(r):
    """A roadmap item's responsible as a school types it: «Лебедева А. С., куратор»."""
    def part(x):
        p = people.get(x)
        if not p:
            return x
        return '%s %s.%s' % (p['surname'], p['name'][0], (' %s.' % p['patronymic'][0]) if p.get('patronymic') else '')
    return ', '.join(part(x) for x in r) if isinstance(r, list) else part(r)


def order_lines(fm, body):
    """The order as (kind, text) lines: kind is 'p', 'item1', 'item2'. A
    mention «[Лебедевой А. С.](@lebedeva-as)» is the name as typed."""
    items = []
    for line in re.sub(r'\[([^]]*)\]\(@[^)]*\)', r'\1', body).splitlines():
        m = re.match(r'^( *)(\d+)\. (.*)$', line)
        if m:
            items.append((1 if not m.group(1) else 2, m.group(3)))
    return items


def items_numbered(items):
    """Items with their numbers as text: «2.», «2.1.»."""
    res, top, sub = [], 0, 0
    for depth, text in items:
        if depth == 1:
            top, sub = top + 1, 0
            res.append('%d. %s' % (top, text))
        else:
            sub += 1
            res.append('%d.%d. %s' % (top, sub, text))
    return res


NUMBERING = ('<w:abstractNum %s w:abstractNumId="90">'
             '<w:multiLevelType w:val="multilevel"/>'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%%1.%%2."/></w:lvl></w:abstractNum>') % nsdecls('w')
NUM = '<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls('w')


def docx_numbered(d, text, level):
    p = d.add_paragraph(text)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml('<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="90"/></w:numPr>'
                         % (nsdecls('w'), level)))


def tiny_png():
    """A 1×1 PNG: the school's logo, which import must skip and report."""
    import struct, zlib

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data
                + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(b'\x00\x00')) + chunk(b'IEND', b''))


def order_docx(fm, body, path, appendices=(), acquaint=(), extra=None):
    """The order; appendices: the (front matter, body) of положения printed
    after it, each on a page of its own under its stamp; acquaint: the
    people of «С приказом ознакомлены:» under the signature; extra(d)
    writes an appendix of its own after them."""
    d = docx.Document()
    if not appendices:
        d.add_picture(io.BytesIO(tiny_png()))
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(NUM))
    for t in (org['founder'], org['name']):
        d.add_paragraph(t).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('П Р И К А З').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('%s г.\t\t\t\t№ %s' % (fm['date'], fm['number']))
    d.add_paragraph(fm['place']).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(fm['title'])
    d.add_paragraph(fm['preamble'].strip() + ',')
    d.add_paragraph('ПРИКАЗЫВАЮ:')
    for depth, text in order_lines(fm, body):
        docx_numbered(d, text, depth - 1)
    d.add_paragraph('Директор\t\t\tИ. В. Соколова')
    if acquaint:
        d.add_paragraph('С приказом ознакомлены:')
        for x in acquaint:
            d.add_paragraph('%s\t\t____________' % responsible(x))
    if not appendices and not extra:
        d.add_paragraph('Приложение\nк приказу от %s № %s' % (fm['date'], fm['number']))
    for n, (afm, abody) in enumerate(appendices, 1):
        d.add_page_break()
        d.add_paragraph('Приложение № %d\nк приказу от %s № %s' % (n, fm['date'], fm['number'])
                        ).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # The second has «УТВЕРЖДЕНО приказом …» of this order beside its other blocks.
        position_into(d, afm, abody, 'УТВЕРЖДЕНО\nприказом от %s № %s' % (fm['date'], fm['number'])
                      if n == 2 else None)
    if extra:
        extra(d)
    d.save(path)


def odt_doc():
    doc = OpenDocumentText()
    center = Style(name='Center', family='paragraph')
    center.addElement(ParagraphProperties(textalign='center'))
    doc.automaticstyles.addElement(center)
    return doc, center


def odt_table(doc, rows, spans=()):
    """rows: lists of cell texts; spans: row indexes whose one cell spans the table."""
    n = max(len(r) for r in rows)
    t = Table(name='T%d' % id(rows))
    t.addElement(TableColumn(numbercolumnsrepeated=n))
    for i, r in enumerate(rows):
        tr = TableRow()
        if i in spans:
            c = TableCell(numbercolumnsspanned=n)
            c.addElement(P(text=r[0]))
            tr.addElement(c)
            for _ in range(n - 1):
                tr.addElement(CoveredTableCell())
        else:
            for text in r:
                c = TableCell()
                for line in text.split('\n'):
                    c.addElement(P(text=line))
                tr.addElement(c)
        t.addElement(tr)
    doc.text.addElement(t)


def order_odt(fm, body, path, appendices=(), acquaint=(), extra=None):
    """As order_docx(); the acquaintance list at the very end, after the
    appendices."""
    doc, center = odt_doc()
    for t in (org['founder'], org['name'], 'ПРИКАЗ'):
        doc.text.addElement(P(stylename=center, text=t))
    odt_table(doc, [['от %s' % fm['date'], fm['place'], '№ %s' % fm['number']]])
    doc.text.addElement(P(text=fm['title']))
    doc.text.addElement(P(text=fm['preamble'].strip() + ' ПРИКАЗЫВАЮ:'))
    # Items as a LibreOffice list: «2.» and «2.1.» come from the list style.
    numbers = ListStyle(name='Items')
    for level in (1, 2):
        lvl = ListLevelStyleNumber(level=level, numformat='1', numsuffix='.',
                                   displaylevels=level)
        lvl.addElement(ListLevelProperties(spacebefore='%dcm' % level, minlabelwidth='1cm'))
        numbers.addElement(lvl)
    doc.automaticstyles.addElement(numbers)
    top = List(stylename=numbers)
    doc.text.addElement(top)
    item = sub = None
    for depth, text in order_lines(fm, body):
        if depth == 1:
            item, sub = ListItem(), None
            item.addElement(P(text=text))
            top.addElement(item)
        else:
            if sub is None:
                sub = List()
                item.addElement(sub)
            li = ListItem()
            li.addElement(P(text=text))
            sub.addElement(li)
    doc.text.addElement(P(text='Директор\tИ.В. Соколова'))
    if appendices:
        bullets = odt_position_styles(doc)
        stamp = Style(name='Stamp', family='paragraph')
        stamp.addElement(ParagraphProperties(textalign='end', breakbefore='page'))
        doc.automaticstyles.addElement(stamp)
    for n, (afm, abody) in enumerate(appendices, 1):
        doc.text.addElement(P(stylename=stamp, text='Приложение № %d' % n))
        doc.text.addElement(P(text='к приказу от %s № %s' % (fm['date'], fm['number'])))
        position_odt_into(doc, center, bullets, afm, abody,
                          'УТВЕРЖДЕНО\nприказом от %s № %s' % (fm['date'], fm['number'])
                          if n == 1 else None)
    if acquaint:
        doc.text.addElement(P(text='С приказом ознакомлены:'))
        for x in acquaint:
            doc.text.addElement(P(text='%s\t____________' % responsible(x)))
    if extra:
        extra(doc, center)
    doc.save(path)


def order_text(fm, body):
    lines = [org['founder'], org['name'], '', 'ПРИКАЗ', '',
             '№ %s от %s' % (fm['number'], fm['date']), fm['place'], '', fm['title'], '',
             fm['preamble'].strip(), 'ПРИКАЗЫВАЮ:']
    lines += items_numbered(order_lines(fm, body))
    lines += ['', 'Директор      И. В. Соколова']
    return '\r\n'.join(lines) + '\r\n'


def approval_text(a):
    p = a['protocol']
    return '%s\n%s\n(протокол от %s № %s)' % (a['label'], a['body'], p['date'], p['number'])


def body_blocks(body):
    """The body of a положение as (kind, text): h, p, li, table (its YAML, parsed),
    img (an image on a line of its own: its address and its text)."""
    fence = None
    for line in body.splitlines():
        if fence is not None:
            if line == '```':
                yield 'table', yaml.safe_load('\n'.join(fence))
                fence = None
            else:
                fence.append(line)
            continue
        if line == '```table':
            fence = []
            continue
        if not line.strip():
            continue
        img = re.match(r'^!\[([^\]]*)\]\(([^)]+)\)$', line)
        if img:
            yield 'img', (img.group(2), img.group(1))
        elif line.startswith('# '):
            num, title = line[2:].split(' ', 1)
            yield 'h', '%s %s' % (num, title.upper())
        elif line.startswith('- '):
            yield 'li', line[2:]
        else:
            yield 'p', line


def docx_para(d, text, style=None):
    """A paragraph whose «**…**» parts are bold runs, as Word writes them."""
    p = d.add_paragraph(style=style)
    for i, part in enumerate(text.split('**')):
        if part:
            p.add_run(part).bold = bool(i % 2) or None
    return p


BOLD = None


def odt_para(text, doc=None):
    """A text:p whose «**…**» parts are spans in a bold text style."""
    from odf.style import TextProperties
    from odf.text import Span
    global BOLD
    if BOLD is None or doc is not None:
        BOLD = Style(name='Strong', family='text')
        BOLD.addElement(TextProperties(fontweight='bold'))
        doc.automaticstyles.addElement(BOLD)
    p = P()
    for i, part in enumerate(text.split('**')):
        if part and i % 2:
            p.addElement(Span(stylename=BOLD, text=part))
        elif part:
            p.addText(part)
    return p


def position_docx(fm, body, path):
    d = docx.Document()
    position_into(d, fm, body)
    d.save(path)


def position_into(d, fm, body, approved=None):
    """The положение at the end of the Word document d: its approval blocks
    side by side in a table (and approved, «УТВЕРЖДЕНО\nприказом …», the
    last of them), its title, its clauses."""
    blocks = [approval_text(a) for a in fm['approval']] + ([approved] if approved else [])
    t = d.add_table(rows=1, cols=max(2, len(blocks)))
    for cell, text in zip(t.rows[0].cells, blocks):
        lines = text.split('\n')
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    d.add_paragraph('ПОЛОЖЕНИЕ').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(fm['title'][len('Положение '):]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in body_blocks(body):
        docx_para(d, text, 'List Bullet' if kind == 'li' else None)


def position_odt(fm, body, path):
    doc, center = odt_doc()
    position_odt_into(doc, center, odt_position_styles(doc), fm, body)
    doc.save(path)


def odt_position_styles(doc):
    """The styles a положение uses in doc: bold spans, and the bullets' list
    style (returned)."""
    odt_para('', doc)
    bullets = ListStyle(name='Bullets')
    lvl = ListLevelStyleBullet(level=1, bulletchar='•')
    lvl.addElement(ListLevelProperties(spacebefore='0.6cm', minlabelwidth='0.6cm'))
    bullets.addElement(lvl)
    doc.automaticstyles.addElement(bullets)
    return bullets


def position_odt_into(doc, center, bullets, fm, body, approved=None):
    """The положение at the end of doc, as position_into() for Word."""
    odt_table(doc, [[approval_text(a) for a in fm['approval']] + ([approved] if approved else [])])
    doc.text.addElement(P(stylename=center, text='ПОЛОЖЕНИЕ'))
    doc.text.addElement(P(stylename=center, text=fm['title'][len('Положение '):]))
    lst = None
    for kind, text in body_blocks(body):
        if kind == 'li':
            if lst is None:
                lst = List(stylename=bullets)
                doc.text.addElement(lst)
            item = ListItem()
            item.addElement(odt_para(text))
            lst.addElement(item)
        else:
            lst = None
            doc.text.addElement(odt_para(text))


def cell_blocks(md):
    """A cell's Markdown as (kind, level, text): p, num (a numbered item), li.
    A mention «[Лебедева А. С.](@lebedeva-as)» is the name as typed."""
    md = re.sub(r'\[([^]]*)\]\(@[^)]*\)', r'\1', md)
    for line in md.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip())) // 3
        m = re.match(r'^\s*(\d+)\. (.*)$', line)
        if m:
            yield 'num', depth, m.group(2)
        elif line.lstrip().startswith('- '):
            yield 'li', depth, line.lstrip()[2:]
        else:
            yield 'p', 0, line.strip()


def table_grid(tb):
    """The table's rows as lists of (markdown, colspan, rowspan) with None for
    the places merged cells cover; the header rows and the number row first."""
    head = tb.get('header') or []
    if head and not isinstance(head[0], list):
        head = [head]
    rows = list(head)
    n = max(sum(c.get('colspan', 1) if isinstance(c, dict) else 1 for c in r)
            for r in head + tb['rows'])
    if tb.get('numbers'):
        rows.append([str(i + 1) for i in range(n)])
    rows += tb['rows']
    grid = [[None] * n for _ in rows]
    for i, r in enumerate(rows):
        j = 0
        for c in r:
            while grid[i][j] is not None:
                j += 1
            c = c if isinstance(c, dict) else {'text': c}
            cs, rs = c.get('colspan', 1), c.get('rowspan', 1)
            for a in range(rs):
                for b in range(cs):
                    grid[i + a][j + b] = 'covered'
            grid[i][j] = (str(c['text']), cs, rs)
            j += cs
    return grid, len(head)


# Numbered items «1.», their dash sub-items, and dash lists: for cells.
CELL_NUMBERING = ('<w:abstractNum %s w:abstractNumId="91">'
                  '<w:multiLevelType w:val="multilevel"/>'
                  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                  '<w:lvlText w:val="%%1."/></w:lvl>'
                  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                  '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
                  '<w:abstractNum %s w:abstractNumId="92">'
                  '<w:multiLevelType w:val="multilevel"/>'
                  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                  '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>') % (nsdecls('w'), nsdecls('w'))


def docx_cell(d, cell, md, state):
    """The cell's paragraphs; each numbered list restarts at 1 (a w:num of its own)."""
    first = True
    for kind, level, text in cell_blocks(md):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        for i, part in enumerate(re.split(r'(\*[^*]+\*)', text)):
            if part.startswith('*') and part.endswith('*') and len(part) > 2:
                p.add_run(part[1:-1]).italic = True
            elif part:
                p.add_run(part)
        if kind == 'p':
            state['list'] = None
            continue
        abstract = 91 if kind == 'num' or level else 92
        if state['list'] is None or state['list'][0] != abstract:
            state['num'] += 1
            numbering = d.part.numbering_part.element
            numbering.append(parse_xml('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
                                       % (nsdecls('w'), state['num'], abstract)))
            state['list'] = (abstract, state['num'])
        p._p.get_or_add_pPr().append(parse_xml(
            '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>'
            % (nsdecls('w'), level, state['list'][1])))
    if first:
        cell.paragraphs[0].text = ''


def table_docx(d, tb):
    """A Word table: the caption above it (style Caption), the header rows
    bold and repeated, the widths as the grid's, merged cells merged."""
    from docx.shared import Cm
    if tb.get('caption'):
        d.add_paragraph(tb['caption'], style='Caption')
    grid, nhead = table_grid(tb)
    ncols = len(grid[0])
    t = d.add_table(rows=len(grid), cols=ncols)
    t.style = 'Table Grid'
    widths = tb.get('widths') or [1] * ncols
    for j, col in enumerate(t.columns):
        col.width = Cm(4 * widths[j])
        for c in col.cells:
            c.width = Cm(4 * widths[j])
    for i in range(nhead):
        t.rows[i]._tr.get_or_add_trPr().append(parse_xml('<w:tblHeader %s/>' % nsdecls('w')))
    state = {'num': 100, 'list': None}
    numbering = d.part.numbering_part.element
    if not numbering.xpath('./w:abstractNum[@w:abstractNumId="91"]'):
        for el in reversed(parse_xml('<x %s>%s</x>' % (nsdecls('w'), CELL_NUMBERING)).getchildren()):
            numbering.insert(0, el)
    for i, r in enumerate(grid):
        for j, c in enumerate(r):
            if c is None or c == 'covered':
                continue
            text, cs, rs = c
            cell = t.cell(i, j)
            if cs > 1 or rs > 1:
                cell = cell.merge(t.cell(i + rs - 1, j + cs - 1))
            state['list'] = None
            if i < nhead:
                cell.paragraphs[0].add_run(text).bold = True
            else:
                docx_cell(d, cell, text, state)


def program_docx(fm, body, path):
    """Its blocks side by side, split by tabs, as many schools type them."""
    d = docx.Document()
    left = approval_text(fm['approval'][0]).split('\n')
    right = ['УТВЕРЖДЕНА', 'приказом от 29.08.2025 № 118-од', '']
    for l, r in zip(left, right):
        d.add_paragraph(l + ('\t\t\t' + r if r else ''))
    d.add_paragraph('ПРОГРАММА НАСТАВНИЧЕСТВА').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('«Шаг навстречу»').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('на %s учебный год' % fm['academic_year']).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in body_blocks(body):
        if kind == 'table':
            table_docx(d, text)
        elif kind == 'img':
            # A picture where the scheme is (a small one: the fixture stays
            # small), centred, and its caption under it, as a school writes
            # them; import puts it into content/files/ with its caption.
            d.add_picture(io.BytesIO(tiny_png()), width=docx.shared.Cm(16))
            d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            d.add_paragraph(text[1]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            docx_para(d, text, 'List Bullet' if kind == 'li' else None)
    d.save(path)


def odt_cell_paras(doc, cell, md, styles):
    """A cell's paragraphs and lists: «1.» items from a number list style
    with dash sub-items, dash lists from a bullet style."""
    from odf.text import Span
    lst = sub = item = kind_of = None
    for kind, level, text in cell_blocks(md):
        p = P()
        for part in re.split(r'(\*[^*]+\*)', text):
            if part.startswith('*') and part.endswith('*') and len(part) > 2:
                p.addElement(Span(stylename=styles['italic'], text=part[1:-1]))
            elif part:
                p.addText(part)
        if kind == 'p':
            lst = None
            cell.addElement(p)
        elif level == 0:
            if lst is None or kind_of != kind:
                lst, kind_of = List(stylename=styles[kind]), kind
                cell.addElement(lst)
            item, sub = ListItem(), None
            item.addElement(p)
            lst.addElement(item)
        else:
            if sub is None:
                sub = List()
                item.addElement(sub)
            li = ListItem()
            li.addElement(p)
            sub.addElement(li)


def odt_table_styles(doc):
    """The styles table_odt() uses: Caption, a «1.» list with «–» sub-items, a «–» list, italic."""
    from odf.style import TextProperties
    caption = Style(name='Caption', family='paragraph')
    doc.styles.addElement(caption)
    italic = Style(name='Emphasis', family='text')
    italic.addElement(TextProperties(fontstyle='italic'))
    doc.automaticstyles.addElement(italic)
    num = ListStyle(name='CellNumbers')
    lvl = ListLevelStyleNumber(level=1, numformat='1', numsuffix='.')
    lvl.addElement(ListLevelProperties(spacebefore='0.6cm', minlabelwidth='0.6cm'))
    num.addElement(lvl)
    lvl = ListLevelStyleBullet(level=2, bulletchar='–')
    lvl.addElement(ListLevelProperties(spacebefore='1.2cm', minlabelwidth='0.6cm'))
    num.addElement(lvl)
    doc.automaticstyles.addElement(num)
    dash = ListStyle(name='CellDashes')
    lvl = ListLevelStyleBullet(level=1, bulletchar='–')
    lvl.addElement(ListLevelProperties(spacebefore='0.6cm', minlabelwidth='0.6cm'))
    dash.addElement(lvl)
    doc.automaticstyles.addElement(dash)
    return {'caption': caption, 'italic': italic, 'num': num, 'li': dash, 'tables': []}


def table_odt(doc, tb, styles):
    """An ODF table: the caption above it (style Caption), the header rows
    in table-header-rows, the widths as relative column widths, spans."""
    from odf.style import TableColumnProperties
    from odf.table import TableHeaderRows
    if tb.get('caption'):
        doc.text.addElement(P(stylename=styles['caption'], text=tb['caption']))
    grid, nhead = table_grid(tb)
    ncols = len(grid[0])
    t = Table(name='Table%d' % (len(styles['tables']) + 1))
    styles['tables'].append(t)
    for j, w in enumerate(tb.get('widths') or [1] * ncols):
        cs = Style(name='%s.C%d' % (t.getAttribute('name'), j), family='table-column')
        cs.addElement(TableColumnProperties(relcolumnwidth='%d*' % (1000 * w)))
        doc.automaticstyles.addElement(cs)
        t.addElement(TableColumn(stylename=cs))
    head = TableHeaderRows()
    if nhead:
        t.addElement(head)
    for i, r in enumerate(grid):
        tr = TableRow()
        for c in r:
            if c == 'covered':
                tr.addElement(CoveredTableCell())
                continue
            text, cs, rs = c
            kw = {}
            if cs > 1:
                kw['numbercolumnsspanned'] = cs
            if rs > 1:
                kw['numberrowsspanned'] = rs
            cell = TableCell(**kw)
            if i < nhead:
                cell.addElement(odt_para('**%s**' % text))
            else:
                odt_cell_paras(doc, cell, text, styles)
            tr.addElement(cell)
        (head if i < nhead else t).addElement(tr)
    doc.text.addElement(t)


def program_odt(fm, body, path):
    """The program with its numbered lists as LibreOffice lists («1.» from the list style)."""
    doc, center = odt_doc()
    odt_para('', doc)
    numbers = ListStyle(name='Numbers')
    lvl = ListLevelStyleNumber(level=1, numformat='1', numsuffix='.')
    lvl.addElement(ListLevelProperties(spacebefore='0.6cm', minlabelwidth='0.6cm'))
    numbers.addElement(lvl)
    doc.automaticstyles.addElement(numbers)
    styles = odt_table_styles(doc)
    for line in approval_text(fm['approval'][0]).split('\n'):
        doc.text.addElement(P(text=line))
    for t in ('ПРОГРАММА НАСТАВНИЧЕСТВА', '«Шаг навстречу»', 'на %s учебный год' % fm['academic_year']):
        doc.text.addElement(P(stylename=center, text=t))
    lst = None
    for kind, text in body_blocks(body):
        if kind == 'table':
            lst = None
            table_odt(doc, text, styles)
            continue
        if kind == 'img':
            lst = None
            frame = Frame(width='16cm', height='11.3cm', anchortype='as-char')
            frame.addElement(Image(href=doc.addPictureFromString(tiny_png(), 'image/png')))
            pic = P(stylename=center)
            pic.addElement(frame)
            doc.text.addElement(pic)
            doc.text.addElement(P(stylename=center, text=text[1]))
            continue
        m = re.match(r'^\d+\. (.*)$', text) if kind == 'p' else None
        if m:
            if lst is None:
                lst = List(stylename=numbers)
                doc.text.addElement(lst)
            item = ListItem()
            item.addElement(odt_para(m.group(1)))
            lst.addElement(item)
            continue
        lst = None
        doc.text.addElement(odt_para(('– ' + text) if kind == 'li' else text))
    doc.save(path)


STATUS = {'done': 'выполнено', 'moved': 'перенесено', 'planned': ''}
HEAD = ['№ п/п', 'Мероприятие', 'Срок', 'Ответственный', 'Результат', 'Отметка о выполнении']


def roadmap_rows(fm):
    rows, spans = [HEAD, [str(i + 1) for i in range(len(HEAD))]], []
    for s, sec in enumerate(fm['sections']):
        spans.append(len(rows))
        rows.append(['%d. %s' % (s + 1, sec['title'])])
        for i, it in enumerate(sec['items']):
            rows.append(['%d.%d.' % (s + 1, i + 1), it['title'], it['due'], responsible(it['responsible']),
                         it.get('result', ''), STATUS[it.get('status', 'planned')]])
    return rows, spans


def roadmap_docx(fm, body, path):
    d = docx.Document()
    d.add_paragraph(approval_text(fm['approval'][0]))
    d.add_paragraph('ДОРОЖНАЯ КАРТА').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(fm['title'][len('Дорожная карта '):]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in body.split('\n\n'):
        d.add_paragraph(line.strip())
    rows, spans = roadmap_rows(fm)
    t = d.add_table(rows=len(rows), cols=len(HEAD))
    for i, r in enumerate(rows):
        cells = t.rows[i].cells
        if i in spans:
            cells[0].merge(cells[-1])
            cells[0].text = r[0]
        else:
            for c, text in zip(cells, r):
                c.text = text
    d.save(path)


def roadmap_odt(fm, body, path):
    doc, center = odt_doc()
    for line in approval_text(fm['approval'][0]).split('\n'):
        doc.text.addElement(P(text=line))
    doc.text.addElement(P(stylename=center, text='ДОРОЖНАЯ КАРТА'))
    doc.text.addElement(P(stylename=center, text=fm['title'][len('Дорожная карта '):]))
    for line in body.split('\n\n'):
        doc.text.addElement(P(text=line.strip()))
    rows, spans = roadmap_rows(fm)
    odt_table(doc, rows, spans)
    doc.save(path)


def position_text(fm, body):
    lines = []
    for a in fm['approval']:
        lines += approval_text(a).split('\n') + ['']
    lines += ['ПОЛОЖЕНИЕ', fm['title'][len('Положение '):], '']
    for kind, text in body_blocks(body):
        lines.append(('– ' if kind == 'li' else '') + text.replace('**', ''))
    return '\r\n'.join(lines) + '\r\n'


def roadmap_text(fm, body):
    lines = approval_text(fm['approval'][0]).split('\n') + ['']
    lines += ['ДОРОЖНАЯ КАРТА', fm['title'][len('Дорожная карта '):], '']
    lines += [line.strip() for line in body.split('\n\n')] + ['']
    rows, spans = roadmap_rows(fm)
    for i, r in enumerate(rows):
        lines.append('\t'.join(r + [''] * (len(HEAD) - len(r))))
    return '\n'.join(lines) + '\n'


def write_text(name, text):
    """The same text in UTF-8, Windows-1251 and UTF-16 («Юникод»), as Notepad saves it."""
    open(os.path.join(out, name + '-utf8.txt'), 'w', encoding='utf-8', newline='').write(text)
    open(os.path.join(out, name + '-cp1251.txt'), 'w', encoding='cp1251', newline='').write(text)
    open(os.path.join(out, name + '-utf16.txt'), 'w', encoding='utf-16', newline='').write(text)


def hostile():
    # A zip bomb: a document.xml of 40 MB of spaces, compressed to a few KB.
    with zipfile.ZipFile(os.path.join(out, 'bomb.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', b' ' * (40 << 20))
    # Entity expansion ("billion laughs") in word/document.xml.
    ents = '<!ENTITY a0 "ha">' + ''.join(
        '<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">' % ((i,) + (i - 1,) * 10)
        for i in range(1, 10))
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [%s]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>' % ents)
    with zipfile.ZipFile(os.path.join(out, 'entities.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('word/document.xml', xml)
    # A password-protected Word file is an OLE compound file, not a ZIP.
    with open(os.path.join(out, 'encrypted.docx'), 'wb') as f:
        f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504)
    # A text file named .docx, and a cut-off archive.
    with open(os.path.join(out, 'text.docx'), 'w', encoding='utf-8') as f:
        f.write('ПРИКАЗ\n№ 1 от 01.09.2025\n')
    data = open(os.path.join(out, 'order.docx'), 'rb').read()
    with open(os.path.join(out, 'corrupt.docx'), 'wb') as f:
        f.write(data[:len(data) // 2])
    # An .odt named .docx.
    with open(os.path.join(out, 'odt-named.docx'), 'wb') as f:
        f.write(open(os.path.join(out, 'order.odt'), 'rb').read())


def symbols_docx(path):
    # Signs put through Word's dialog «Символ» from the fonts Symbol and
    # Wingdings: w:sym elements, not text («B3» as Word 2003 wrote it).
    d = docx.Document()

    def para(*parts):
        p = d.add_paragraph()
        for part in parts:
            if isinstance(part, tuple):
                p.add_run()._r.append(parse_xml('<w:sym %s w:font="%s" w:char="%s"/>' % ((nsdecls('w'),) + part)))
            else:
                p.add_run(part)

    para('Памятка наставнику')
    para('Встреча длится ', ('Symbol', 'F0B3'), ' 45 минут, опоздание ', ('Symbol', 'B1'), ' 5 минут.')
    para('Выполненное задание отмечается знаком ', ('Wingdings', 'F0FC'), ', невыполненное — знаком ', ('Wingdings', 'F0FB'), '.')
    para('Знаком ', ('Wingdings', 'F04A'), ' отмечаются успехи наставляемого.')
    d.save(path)


PICTURES = [
    ('p', 'Первый год молодого учителя: как мы работали в паре'),
    ('p', 'Анна Сергеевна пришла в школу в сентябре 2025 года сразу после университета.'),
    ('pic', 'shema.png'),
    ('p', 'Рисунок 1 — План первой четверти'),
    ('inline', 'В марте она провела открытый урок, на который пришли коллеги.'),
    ('table', 'znak.png'),
    ('pic', 'plan.gif'),
    ('p', 'Итоги года обсудили на методическом объединении.'),
    ('pic', 'znak.png'),
    ('p', 'Рис. 3. Итоговая встреча пары'),
    ('p', 'Рисунок 4 — Участники конкурса «Наставник года»'),
    ('pic', 'shema.png'),
    ('svg', 'znak.png'),
    ('p', 'Рисунок 5 — Знак наставника'),
]


def picture_bytes(name):
    """A picture of the images regress case: shema.png (480×240), znak.png,
    foto.jpg (a photo with EXIF orientation), plan.gif."""
    return open(os.path.join(root, 'tests/regress/cases/images/content/files', name), 'rb').read()


def pictures_docx(path):
    """A case with pictures as a school pastes them: one alone with its
    caption under it, a photo in a line of text, one in a table, a GIF,
    one with «Рис. 3.» under it, one with its caption above it, and one
    that LibreOffice keeps as an SVG with a PNG beside it (here a PNG)."""
    d = docx.Document()
    for kind, text in PICTURES:
        if kind == 'p':
            d.add_paragraph(text)
        elif kind in ('pic', 'svg'):
            d.add_picture(io.BytesIO(picture_bytes(text)), width=docx.shared.Cm(8))
        elif kind == 'inline':
            p = d.add_paragraph(text + ' ')
            p.add_run().add_picture(io.BytesIO(picture_bytes('foto.jpg')), width=docx.shared.Cm(4))
        else:
            cell = d.add_table(rows=1, cols=2).rows[0].cells
            cell[0].text = 'Отметка'
            cell[1].paragraphs[0].add_run().add_picture(io.BytesIO(picture_bytes(text)))
    d.save(path)


def pictures_odt(path):
    """pictures_docx() as LibreOffice writes it: each picture a frame."""
    doc, center = odt_doc()

    def frame(name, kind):
        f = Frame(width='8cm', height='4cm', anchortype='as-char')
        f.addElement(Image(href=doc.addPictureFromString(picture_bytes(name), kind)))
        return f
    kinds = {'png': 'image/png', 'gif': 'image/gif', 'jpg': 'image/jpeg'}
    for kind, text in PICTURES:
        if kind == 'p':
            doc.text.addElement(P(text=text))
        elif kind == 'pic':
            p = P(stylename=center)
            p.addElement(frame(text, kinds[text[-3:]]))
            doc.text.addElement(p)
        elif kind == 'inline':
            p = P(text=text + ' ')
            p.addElement(frame('foto.jpg', 'image/jpeg'))
            doc.text.addElement(p)
        elif kind == 'svg':
            # The SVG first, then the PNG LibreOffice shows where SVG is not read.
            f = Frame(width='4cm', height='4cm', anchortype='as-char')
            svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>'
            f.addElement(Image(href=doc.addPictureFromString(svg, 'image/svg+xml')))
            f.addElement(Image(href=doc.addPictureFromString(picture_bytes(text), 'image/png')))
            p = P(stylename=center)
            p.addElement(f)
            doc.text.addElement(p)
        else:
            t = Table()
            t.addElement(TableColumn(numbercolumnsrepeated=2))
            row = TableRow()
            c = TableCell()
            c.addElement(P(text='Отметка'))
            row.addElement(c)
            c = TableCell()
            p = P()
            p.addElement(frame(text, 'image/png'))
            c.addElement(p)
            row.addElement(c)
            t.addElement(row)
            doc.text.addElement(t)
    doc.save(path)


def want(kind):
    return not only or kind in only


if want('order'):
    fm, body = load('orders/o-zakreplenii-par.md')
    order_docx(fm, body, os.path.join(out, 'order.docx'))
    order_odt(fm, body, os.path.join(out, 'order.odt'))
    write_text('order', order_text(fm, body))
def stamp_table_docx(path):
    """An order whose appendix's stamp stands in the right cell of a
    borderless table of two, as Word's users place it."""
    d = docx.Document()
    for t in (org['name'], 'ПРИКАЗ', '15.10.2025\t\t\t№ 140-од', 'г. Верхнеозёрск',
              'О создании рабочей группы по внедрению целевой модели наставничества',
              'В целях организации работы по внедрению целевой модели наставничества',
              'ПРИКАЗЫВАЮ:', '1. Утвердить состав рабочей группы (приложение).',
              '2. Контроль за исполнением настоящего приказа оставляю за собой.',
              'Директор\t\t\tИ. В. Соколова'):
        d.add_paragraph(t)
    d.add_page_break()
    cell = d.add_table(rows=1, cols=2).rows[0].cells[1]
    cell.paragraphs[0].text = 'Приложение'
    cell.add_paragraph('к приказу %s' % org['short_name'])
    cell.add_paragraph('от 15.10.2025 № 140-од')
    d.add_paragraph('Состав рабочей группы по внедрению целевой модели наставничества'
                    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for x in ('lebedeva-as', 'orlova-tn'):
        p = people[x]
        d.add_paragraph('%s %s %s, %s' % (p['surname'], p['name'], p['patronymic'], p['position']))
    d.save(path)


def full_name(x):
    p = people[x]
    return '%s %s %s' % (p['surname'], p['name'], p['patronymic'])


def post(x):
    """A person's position, or a student's class, as the table of pairs gives it."""
    p = people[x]
    return '%s класс' % p['class'] if p['category'] == 'student' else p['position']


def order_pairs():
    return [p for p in yaml.safe_load(open(os.path.join(root, 'content/pairs.yml'), encoding='utf-8'))
            if p.get('order') == 'o-zakreplenii-par']


def pairs_table(d):
    """The demo's pairs as the appendix of their order: a header of two
    rows («Наставник» over «ФИО» and «Должность»), a row for each mentee,
    the number, the mentor, the form and the period merged down a group."""
    d.add_page_break()
    d.add_paragraph('Приложение\nк приказу от 30.09.2025 № 131-од').alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph('Состав наставнических пар (групп)').alignment = WD_ALIGN_PARAGRAPH.CENTER
    pairs = order_pairs()
    rows = 2 + sum(len(p['mentees']) for p in pairs)
    t = d.add_table(rows=rows, cols=7)
    t.style = 'Table Grid'
    for c in (0, 5, 6):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(0, 3).merge(t.cell(0, 4))
    for c, text in ((0, '№ п/п'), (1, 'Наставник'), (3, 'Наставляемый'),
                    (5, 'Форма наставничества'), (6, 'Срок')):
        t.cell(0, c).text = text
    for c, text in ((1, 'ФИО'), (2, 'Должность'), (3, 'ФИО'), (4, 'Должность, класс')):
        t.cell(1, c).text = text
    r = 2
    for n, p in enumerate(pairs, 1):
        last = r + len(p['mentees']) - 1
        if last > r:
            for c in (0, 1, 2, 5, 6):
                t.cell(r, c).merge(t.cell(last, c))
        for c, text in ((0, '%d.' % n), (1, full_name(p['mentor'])), (2, post(p['mentor'])),
                        (5, p['form'].replace(' – ', '-').capitalize()),
                        (6, 'с %s по %s' % tuple(p['period'].split(' – ')))):
            t.cell(r, c).text = text
        for k, x in enumerate(p['mentees']):
            t.cell(r + k, 3).text = full_name(x)
            t.cell(r + k, 4).text = post(x)
        r = last + 1


def pairs_sections(d):
    """The pairs of «ученик – ученик» under a row of the form across the
    table, a group's mentees in one cell, a paragraph each, with a
    class; a last row names no one."""
    d.add_page_break()
    d.add_paragraph('Приложение № 1\nк приказу от 30.09.2025 № 131-од').alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph('СПИСОК НАСТАВНИЧЕСКИХ ПАР').alignment = WD_ALIGN_PARAGRAPH.CENTER
    pairs = [p for p in order_pairs() if p['form'] == 'ученик – ученик']
    t = d.add_table(rows=3 + len(pairs), cols=4)
    t.style = 'Table Grid'
    for c, text in enumerate(('№', 'Ф.И.О. наставника, класс', 'Ф.И.О. наставляемого, класс',
                              'Сроки')):
        t.cell(0, c).text = text
    t.cell(1, 0).merge(t.cell(1, 3))
    t.cell(1, 0).text = 'Форма «ученик – ученик»'
    for n, p in enumerate(pairs, 1):
        row = t.rows[1 + n].cells
        row[0].text = str(n)
        row[1].text = '%s %s. %s., %s' % (people[p['mentor']]['surname'], people[p['mentor']]['name'][0],
                                          people[p['mentor']]['patronymic'][0], people[p['mentor']]['class'])
        row[2].text = '%s, %s' % (full_name(p['mentees'][0]), people[p['mentees'][0]]['class'])
        for x in p['mentees'][1:]:
            row[2].add_paragraph('%s, %s' % (full_name(x), people[x]['class']))
        row[3].text = p['period']
    last = t.rows[2 + len(pairs)].cells
    last[0].text = str(len(pairs) + 1)
    last[1].text = 'вакансия'
    last[2].text = 'Будет определён'


def pairs_odt(doc, center):
    """pairs_table() as LibreOffice writes it: a header of one row, a
    group's number, mentor, form and period spanning its rows, covered
    cells under them."""
    doc.text.addElement(P(text='Приложение к приказу от 30.09.2025 № 131-од'))
    doc.text.addElement(P(stylename=center, text='Состав наставнических пар и групп'))
    t = Table(name='Pairs')
    t.addElement(TableColumn(numbercolumnsrepeated=7))
    row = TableRow()
    for text in ('№', 'ФИО наставника', 'Должность наставника', 'ФИО наставляемого',
                 'Должность (класс) наставляемого', 'Форма наставничества', 'Срок'):
        c = TableCell()
        c.addElement(P(text=text))
        row.addElement(c)
    t.addElement(row)
    for n, p in enumerate(order_pairs(), 1):
        span = len(p['mentees'])
        for k, x in enumerate(p['mentees']):
            row = TableRow()
            cells = [('%d' % n, True), (full_name(p['mentor']), True), (post(p['mentor']), True),
                     (full_name(x), False), (post(x), False), (p['form'], True), (p['period'], True)]
            for text, merged in cells:
                if merged and k:
                    row.addElement(CoveredTableCell())
                    continue
                c = TableCell(numberrowsspanned=span) if merged and span > 1 else TableCell()
                c.addElement(P(text=text))
                row.addElement(c)
            t.addElement(row)
    doc.text.addElement(t)


if want('pairs'):
    fm, body = load('orders/o-zakreplenii-par.md')
    order_docx(fm, body, os.path.join(out, 'order-pairs.docx'), extra=pairs_table)
    order_odt(fm, body, os.path.join(out, 'order-pairs.odt'), extra=pairs_odt)
    order_docx(fm, body, os.path.join(out, 'order-pairs-sections.docx'), extra=pairs_sections)
if want('appendices'):
    fm, body = load('orders/ob-utverzhdenii-polozheniya.md')
    appendices = [load('positions/polozhenie-pedagogi.md'),
                  load('positions/polozhenie-obuchayushchiesya.md')]
    order_docx(fm, body, os.path.join(out, 'order-appendices.docx'), appendices, fm['acquaint'])
    order_odt(fm, body, os.path.join(out, 'order-appendices.odt'), appendices, fm['acquaint'])
    stamp_table_docx(os.path.join(out, 'order-stamp-table.docx'))
if want('position'):
    fm, body = load('positions/polozhenie-pedagogi.md')
    position_docx(fm, body, os.path.join(out, 'position.docx'))
    position_odt(fm, body, os.path.join(out, 'position.odt'))
    write_text('position', position_text(fm, body))
if want('roadmap'):
    fm, body = load('roadmaps/dorozhnaya-karta-2025-2026.md')
    roadmap_docx(fm, body, os.path.join(out, 'roadmap.docx'))
    roadmap_odt(fm, body, os.path.join(out, 'roadmap.odt'))
    write_text('roadmap', roadmap_text(fm, body))
if want('program'):
    fm, body = load('programs/programma-nastavnichestva.md')
    program_docx(fm, body, os.path.join(out, 'program.docx'))
    program_odt(fm, body, os.path.join(out, 'program.odt'))
if want('symbols'):
    symbols_docx(os.path.join(out, 'symbols.docx'))
if want('pictures'):
    pictures_docx(os.path.join(out, 'pictures.docx'))
    pictures_odt(os.path.join(out, 'pictures.odt'))
if want('hostile'):
    hostile()
