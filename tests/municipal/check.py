"""The municipal example's roll-up against its members' own data.json.

Usage: check.py DEPARTMENT_SITE MEMBER_DATA_JSON...
Prints one line per problem, "ok N" when there is none (N checks).
Each member's export is also checked against the documented schema
(man 5 nastavnik, DATA.JSON): exactly these keys, of these types.
"""
import html
import json
import re
import sys

TOP = {"schema": str, "exported": str, "organization": dict, "pairs": dict,
       "mentors": int, "mentees": int, "monitoring": dict, "programs": list,
       "roadmap": list, "cases": list}
ORG = ["name", "short_name", "kind", "place", "address", "phone", "website",
       "section_url", "section_title", "curator"]
PAIRS = ["total", "active", "finished", "ended_early", "by_form", "by_kind"]
MON = ["teachers", "teachers_involved", "teachers_share", "students",
       "students_involved", "students_share", "students_declared", "roadmap"]
CASE = ["title", "form", "kind", "year", "url"]
ITEM = ["roadmap", "section", "term", "text", "responsible", "status"]
PROGRAM = ["title", "forms", "year", "url"]

problems = []
checks = 0


def expect(cond, what):
    global checks
    checks += 1
    if not cond:
        problems.append(what)


def text(s):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", s)).replace("\u00a0", " ")).strip()


def schema(d, name):
    expect(list(d) == list(TOP), f"{name}: ключи верхнего уровня {list(d)}")
    for k, t in TOP.items():
        expect(isinstance(d.get(k), t), f"{name}: {k} не {t.__name__}")
    expect(d["schema"] == "nastavnik-data/1", f"{name}: schema {d['schema']}")
    expect(re.fullmatch(r"\d{4}-\d\d-\d\d", d["exported"]) is not None, f"{name}: exported")
    expect(list(d["organization"]) == ORG, f"{name}: organization {list(d['organization'])}")
    expect(list(d["organization"]["curator"]) == ["name", "position", "phone", "email"],
           f"{name}: curator")
    expect(list(d["pairs"]) == PAIRS, f"{name}: pairs {list(d['pairs'])}")
    expect(list(d["monitoring"]) == MON, f"{name}: monitoring {list(d['monitoring'])}")
    expect(sum(f["count"] for f in d["pairs"]["by_form"]) == d["pairs"]["total"],
           f"{name}: by_form не сходится с total")
    for c in d["cases"]:
        expect(list(c) == CASE, f"{name}: case {list(c)}")
    for i in d["roadmap"]:
        expect(list(i) == ITEM, f"{name}: roadmap item {list(i)}")
    for p in d["programs"]:
        expect(list(p) == PROGRAM, f"{name}: program {list(p)}")


def main():
    site = sys.argv[1]
    members = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        schema(d, path)
        members.append(d)
    with open(f"{site}/municipal/monitoring.html", encoding="utf-8") as f:
        page = f.read()
    heads = [text(h) for h in re.findall(r'<th scope="col">(.*?)</th>', page)]
    forms = heads[1:heads.index("Всего пар")]
    rows = {}
    for m in re.finditer(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page):
        cells = [text(c) for c in re.findall(r"<td>(.*?)</td>", m.group(2))]
        rows[text(m.group(1))] = cells
    expect(len(rows) == len(members) + 1, f"строк в сводке {len(rows)}, ждали {len(members) + 1}")
    total = [0] * (len(forms) + 3)
    tc = ti = sc = si = 0
    for d in members:
        short = d["organization"]["short_name"]
        row = rows.get(short)
        expect(row is not None, f"нет строки «{short}»")
        if row is None:
            continue
        by = {f["form"]: f["count"] for f in d["pairs"]["by_form"]}
        want = [by.get(f, 0) for f in forms] + [d["pairs"]["total"], d["mentors"], d["mentees"],
                                                 d["monitoring"]["teachers_share"],
                                                 d["monitoring"]["students_share"]]
        got = [int(c) for c in row[:len(want)]]
        expect(got == want, f"«{short}»: в сводке {got}, в её data.json {want}")
        total = [a + b for a, b in zip(total, want)]
        tc += d["monitoring"]["teachers"]
        ti += d["monitoring"]["teachers_involved"]
        sc += d["monitoring"]["students"]
        si += d["monitoring"]["students_involved"]
    want = total + [ti * 100 // tc if tc else 0, si * 100 // sc if sc else 0]
    got = [int(c) for c in rows.get("Итого", [])[:len(want)]]
    expect(got == want, f"итоги: в сводке {got}, по организациям {want}")
    with open(f"{site}/municipal/cases/index.html", encoding="utf-8") as f:
        bank = f.read()
    cases = [c for d in members for c in d["cases"]]
    expect(bank.count('<li>\n<h2>') == len(cases), "в банке практик не все практики")
    for c in cases:
        expect(c["url"] is None or f'href="{c["url"]}"' in bank, f"в банке нет {c['url']}")
    with open(f"{site}/municipal/index.html", encoding="utf-8") as f:
        orgs = f.read()
    for d in members:
        o = d["organization"]
        expect(o["curator"]["email"] is None or o["curator"]["email"] in orgs,
               f"нет почты координатора {o['short_name']}")
        expect(o["section_url"] is None or f'href="{o["section_url"]}"' in orgs,
               f"нет ссылки на раздел {o['short_name']}")
    for p in problems:
        print(p)
    if not problems:
        print(f"ok {checks}")


main()
