#!/usr/bin/env python3
"""Typesetting figures of printed documents, read from layout dumps.

Usage: typeset_report.py LIBREOFFICE DUMP...

Each DUMP is the output of `nastavnik print DOC --dump-layout` (see
nv_pl_dump() in include/print.h), named CASE/DOC.txt. For each document,
and in total, it counts:

  names-hyphenated  a line that ends in a word broken by a hyphen, the word
                    a proper name or an abbreviation: it begins with a
                    capital and not a sentence, and goes on in lower case
                    (a compound name «Петрова-Водкина» broken at its own
                    hyphen goes on with a capital and is not counted);
  past-margin       a line (with the hyphen a break adds) outside its box:
                    the text area, its column, or its table cell less the
                    padding;
  loose-lines       a justified line whose word spaces are stretched over
                    1.5 times their natural width (the dump's ws=; last
                    lines of paragraphs are set at their natural width and
                    never count);
  one-letter-ends   a line that ends in a one-letter word («в», «с», «и»);
  widows, orphans   a paragraph broken between pages with one line alone
                    at the top of the next page (widow) or at the bottom of
                    the page (orphan);
  split-rows        a table row that goes on on the next page (row-split);
  headings-last     a heading (H1…H6) that is the last text of its page
                    (printed per document, not in the summary line).

The last line of the output is the summary:
typeset: names-hyphenated N, past-margin N, loose-lines N (libreoffice M),
one-letter-ends N, widows N, orphans N, split-rows N
"""
import re
import sys

CELL_PAD = 4.0  # print_int.h: CELL_HPAD
TOL = 0.1
LOOSE = 1.5
KEYS = ("names-hyphenated", "past-margin", "loose-lines", "one-letter-ends",
        "widows", "orphans", "split-rows")

LINE = re.compile(r"^    y=(\S+) x=(\S+) w=(\S+) (?:ws=(\S+) )?(.*)$")
BOX = re.compile(r"^  ([a-z0-9-]+) y=(\S+) x=(\S+) w=(\S+) h=(\S+)$")
CELL = re.compile(r"^    cell y=(\S+) x=(\S+) w=(\S+) h=(\S+)")
TAG = re.compile(r"^  <(/?)([A-Za-z0-9]+)>$")
PAGE = re.compile(r"^page (\d+) ")
LETTER = re.compile(r"[^\W\d_]")


def is_upper(c):
    return c.isalpha() and c == c.upper() and c != c.lower()


def is_lower(c):
    return c.isalpha() and c == c.lower() and c != c.upper()


def strip_word(w):
    """A word without the quotes and brackets around it."""
    return w.strip("«»\"'()[]{}„“”,;:")


class Doc:
    def __init__(self, name):
        self.name = name
        self.n = dict.fromkeys(KEYS, 0)
        self.n["headings-last"] = 0
        self.where = []  # examples, for the reader

    def note(self, key, page, text):
        self.n[key] += 1
        if len(self.where) < 40:
            self.where.append("    %s, страница %s: %s" % (key, page, text))


def groups(lines):
    """Runs of consecutive text lines (one paragraph, or one cell's text)."""
    run = []
    for item in lines:
        if item is None:
            if run:
                yield run
            run = []
        else:
            run.append(item)
    if run:
        yield run


def check_hyphens(doc, run):
    """Names broken by a hyphen at the end of a line of one paragraph."""
    for i, (page, text) in enumerate(run[:-1]):
        if not re.search(r"[^\W\d_]-$", text):
            continue
        words = text.split(" ")
        word = strip_word(words[-1].split("~")[-1])
        nxt = run[i + 1][1].lstrip("«\"(")
        if not word or not nxt or not is_upper(word[0]) or not is_lower(nxt[0]):
            continue
        # The word before: in this line, else the last of the line above.
        if len(words) > 1:
            prev = words[-2]
        elif i > 0:
            prev = run[i - 1][1].split(" ")[-1]
        else:
            prev = ""  # the first word of the paragraph
        if not prev or re.search(r"[.!?]»?$", prev):
            continue  # a capital that begins a sentence
        doc.note("names-hyphenated", page, text + " / " + run[i + 1][1])


def read(path, name):
    doc = Doc(name)
    page = 0
    left = right = None  # the box the current line must stay in
    seq = []  # (page, text) per line, None between paragraphs
    spans = None  # lines of each Span of the paragraph being read
    span = 0
    in_span = False
    leaf = []  # open elements
    last_text = {}  # page -> the element of its last text line
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        m = PAGE.match(line)
        if m:
            page = int(m.group(1))
            seq.append(None)
            continue
        m = CELL.match(line)
        if m:
            x, w = float(m.group(2)), float(m.group(3))
            left, right = x + CELL_PAD, x + w - CELL_PAD
            seq.append(None)
            continue
        m = BOX.match(line)
        if m:
            role, x, w = m.group(1), float(m.group(3)), float(m.group(4))
            left, right = x, x + w
            seq.append(None)
            if role == "row-split":
                doc.note("split-rows", page, "строка таблицы продолжается на следующей")
            continue
        m = TAG.match(line)
        if m:
            seq.append(None)
            close, tag = m.group(1), m.group(2)
            if tag == "Span":
                if close:
                    spans.append(span)
                    in_span = False
                else:
                    in_span = True
                    span = 0
                    if spans is None:
                        spans = []
                continue
            if not close:
                leaf.append(tag)
                spans = None
                continue
            if leaf:
                leaf.pop()
            if spans and len(spans) > 1:
                if spans[0] == 1:
                    doc.note("orphans", page - len(spans) + 1,
                             "одна строка абзаца внизу страницы")
                if spans[-1] == 1:
                    doc.note("widows", page, "одна строка абзаца вверху страницы")
            spans = None
            continue
        m = LINE.match(line)
        if not m:
            continue
        x, w = float(m.group(2)), float(m.group(3))
        ws, text = m.group(4), m.group(5)
        if in_span:
            span += 1
        if right is not None and (x + w > right + TOL or x < left - TOL):
            doc.note("past-margin", page, "%s (%.1f…%.1f, можно %.1f…%.1f)"
                     % (text, x, x + w, left, right))
        if ws is not None and float(ws) > LOOSE:
            doc.note("loose-lines", page, "ws=%s %s" % (ws, text))
        words = text.split(" ")
        if len(words) > 1 and len(words[-1]) == 1 and LETTER.match(words[-1]):
            doc.note("one-letter-ends", page, text)
        seq.append((page, text))
        if leaf and leaf[-1] != "Sect" and text.strip():
            last_text[page] = (leaf[-1], text)
    for run in groups(seq):
        check_hyphens(doc, run)
    for page, (tag, text) in sorted(last_text.items()):
        if re.match(r"H[1-6]$", tag) and page < max(last_text):
            doc.note("headings-last", page, text)
    return doc


def main():
    lo = sys.argv[1]
    total = dict.fromkeys(KEYS, 0)
    for path in sys.argv[2:]:
        name = "/".join(path[:-len(".txt")].split("/")[-2:])
        doc = read(path, name)
        print("%s: %s, headings-last %d" % (
            name, ", ".join("%s %d" % (k, doc.n[k]) for k in KEYS),
            doc.n["headings-last"]))
        for w in doc.where:
            print(w)
        for k in KEYS:
            total[k] += doc.n[k]
    print("всего документов: %d" % (len(sys.argv) - 2))
    print("typeset: names-hyphenated %d, past-margin %d, loose-lines %d (libreoffice %s), "
          "one-letter-ends %d, widows %d, orphans %d, split-rows %d" % (
              total["names-hyphenated"], total["past-margin"], total["loose-lines"], lo,
              total["one-letter-ends"], total["widows"], total["orphans"],
              total["split-rows"]))


if __name__ == "__main__":
    main()
