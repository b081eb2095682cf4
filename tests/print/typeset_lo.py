#!/usr/bin/env python3
"""Loose lines of LibreOffice Writer on the text nastavnik justifies.

Usage: typeset_lo.py WORKDIR DUMP...

Each DUMP is a layout dump (`nastavnik print DOC --dump-layout`, see
typeset_report.py) named CASE/DOC.txt. The justified paragraphs of each
(two lines or more, every line but the last reaching the right edge of
its box; table cells and headings are left out) are written to
WORKDIR/CASE--DOC.fodt as Writer would set them from the same text:

  - the font of the dump's documents (Liberation Serif, metric-compatible
    with Times New Roman), the size read from the height of a line;
  - the same width, left edge and first-line indent as the paragraph's box
    in the dump, on a page with the same left margin;
  - justified, Russian, hyphenated automatically by Writer (hyphen-ru,
    the patterns nastavnik uses) with at least two letters before a break
    and three after; no-break spaces kept; each paragraph kept on one page
    and followed by a gap so that its lines can be told apart in the PDF.

All the documents go to one `soffice --headless --convert-to pdf` run.
Each PDF is read with `pdftotext -bbox`: its words grouped into lines,
the lines into paragraphs (the paragraph gap), and a line is loose, as in
typeset_report.py, when its word spaces are wider than 1.5 times a space
of the font (0.25 em in Liberation Serif): the gaps between its words,
averaged, over that width; the last line of a paragraph never counts.

A word broken at the end of a line in the dump is joined again: without
its hyphen, unless the hyphenated word appears elsewhere in the dumps
unbroken («учебно-воспитательной»).

Prints one line per document, `libreoffice CASE/DOC: loose-lines M`, and
last `libreoffice: loose-lines M` with the total; exits 1 when Writer
cannot be run.
"""
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape

LOOSE = 1.5
SPACE_EM = 0.25  # Liberation Serif's space, of the font size
LINE_EM = 1.107  # Liberation Serif's line height in the dumps, of the size
GAP = 14.0  # pt after each paragraph in Writer
LEFT = 30 * 72 / 25.4  # the text area's left edge, pt (the demo's margins)

LINE = re.compile(r"^    y=(\S+) x=(\S+) w=(\S+) (?:ws=(\S+) )?(.*)$")
BOX = re.compile(r"^  ([a-z0-9-]+) y=(\S+) x=(\S+) w=(\S+) h=(\S+)$")
TAG = re.compile(r"^  <(/?)([A-Za-z0-9]+)>$")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


class Para:
    def __init__(self, x, w, h):
        self.x, self.w, self.h = x, w, h
        self.lines = []  # (x, w, text)


def paragraphs(path):
    """The text paragraphs of a dump, each with its box and lines."""
    out, cur, box, cell = [], None, None, False
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        m = TAG.match(line)
        if m:
            close, tag = m.group(1), m.group(2)
            if tag in ("TD", "TH"):
                cell = not close
            if tag != "Span" and cur is not None:
                out.append(cur)
                cur = None
            continue
        m = BOX.match(line)
        if m:
            box = (float(m.group(3)), float(m.group(4)), float(m.group(5)))
            continue
        if line.startswith("    cell "):
            continue
        m = LINE.match(line)
        if not m or box is None or cell:
            continue
        if cur is None:
            cur = Para(*box)
        cur.lines.append((float(m.group(2)), float(m.group(3)), m.group(5)))
    if cur is not None:
        out.append(cur)
    return out


def justified(p):
    if len(p.lines) < 2:
        return False
    right = p.x + p.w
    return all(x + w >= right - 0.5 for x, w, _ in p.lines[:-1])


def words_of(paras):
    """Words set inside lines (not broken at a line end), lower case."""
    seen = set()
    for p in paras:
        for _, _, text in p.lines:
            for w in text.replace("~", " ").split(" ")[:-1]:
                seen.add(w.strip("«»\"'()[]{}„“”,;:.!?").lower())
    return seen


def text_of(p, seen):
    """The paragraph's text, its broken words joined again."""
    out = ""
    for i, (_, _, text) in enumerate(p.lines):
        text = text.replace("~", "\u00a0")
        if i + 1 < len(p.lines) and re.search(r"[^\W\d_]-$", text):
            left = re.split(r"[ \u00a0]", text)[-1].lstrip("«\"(")
            right = re.split(r"[ \u00a0]", p.lines[i + 1][2].replace("~", " "))[0]
            whole = (left + right).strip("«»\"'()[]{}„“”,;:.!?").lower()
            out += text if whole in seen else text[:-1]
        else:
            out += text + " "
    return out.strip()


def fodt(paras, seen):
    """A flat ODF text document of the justified paragraphs."""
    styles, body = [], []
    for n, p in enumerate(paras):
        size = round(p.h / len(p.lines) / LINE_EM * 2) / 2
        first = p.lines[0][0] - p.x
        rest = max(x for x, _, _ in p.lines[1:]) - p.x
        styles.append(
            '<style:style style:name="P%d" style:family="paragraph">'
            '<style:paragraph-properties fo:text-align="justify" fo:margin-left="%.2fpt" '
            'fo:margin-right="%.2fpt" fo:text-indent="%.2fpt" fo:margin-top="0pt" '
            'fo:margin-bottom="%.1fpt" fo:keep-together="always" fo:widows="0" fo:orphans="0"/>'
            '<style:text-properties fo:font-size="%.1fpt"/></style:style>'
            % (n, p.x - LEFT + rest, 1000 - (p.x + p.w - LEFT), first - rest, GAP, size))
        body.append('<text:p text:style-name="P%d">%s</text:p>' % (n, escape(text_of(p, seen))))
    # A page as wide as any box: 1000 pt of text area right of the margin.
    return """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif"
 svg:font-family="'Liberation Serif'"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph">
<style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt" fo:language="ru"
 fo:country="RU" fo:hyphenate="true" fo:hyphenation-remain-char-count="2"
 fo:hyphenation-push-char-count="3"/></style:default-style></office:styles>
<office:automatic-styles><style:page-layout style:name="pm"><style:page-layout-properties
 fo:page-width="%.2fpt" fo:page-height="841.89pt" fo:margin-top="56.69pt" fo:margin-bottom="56.69pt"
 fo:margin-left="%.2fpt" fo:margin-right="0pt"/></style:page-layout>
%s</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm"/>
</office:master-styles>
<office:body><office:text>
%s
</office:text></office:body></office:document>
""" % (LEFT + 1000, LEFT, "\n".join(styles), "\n".join(body))


def pdf_lines(path):
    """Lines of words of a PDF: (page, [(xmin, xmax)], ymin, height), in order."""
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True,
                         text=True, check=True).stdout
    lines, page = [], 0
    for row in out.splitlines():
        if "<page " in row:
            page += 1
            continue
        m = WORD.search(row)
        if not m:
            continue
        x0, y0, x1, y1 = (float(v) for v in m.groups())
        if lines and lines[-1][0] == page and abs(lines[-1][2] - y0) < 1:
            lines[-1][1].append((x0, x1))
        else:
            lines.append((page, [(x0, x1)], y0, y1 - y0))
    return lines


def count(pdf, paras):
    """Loose lines of Writer's PDF of paras, last lines of paragraphs excepted."""
    lines, loose, k = pdf_lines(pdf), 0, 0
    for i, (page, words, y, h) in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        last = nxt is None or nxt[0] != page or nxt[2] - y > h + GAP / 2
        size = paras[min(k, len(paras) - 1)].h / len(paras[min(k, len(paras) - 1)].lines) / LINE_EM
        if last:
            k += 1
            continue
        gaps = [b[0] - a[1] for a, b in zip(words, words[1:])]
        if gaps and sum(gaps) / len(gaps) > LOOSE * SPACE_EM * size:
            loose += 1
    if k != len(paras):
        sys.stderr.write("typeset_lo: %s: %d paragraphs found of %d\n" % (pdf, k, len(paras)))
    return loose


def main():
    work = sys.argv[1]
    docs, every = [], []
    for path in sys.argv[2:]:
        name = "/".join(path[:-len(".txt")].split("/")[-2:])
        ps = [p for p in paragraphs(path) if justified(p)]
        docs.append((name, ps))
        every.extend(ps)
    seen = words_of(every)
    files = []
    for name, ps in docs:
        if not ps:
            continue
        f = os.path.join(work, name.replace("/", "--") + ".fodt")
        with open(f, "w", encoding="utf-8") as out:
            out.write(fodt(ps, seen))
        files.append(f)
    if files:
        r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work]
                           + files, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            return 1
    total = 0
    for name, ps in docs:
        pdf = os.path.join(work, name.replace("/", "--") + ".pdf")
        n = count(pdf, ps) if ps else 0
        total += n
        print("libreoffice %s: loose-lines %d (абзацев по ширине: %d)" % (name, n, len(ps)))
    print("libreoffice: loose-lines %d" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
