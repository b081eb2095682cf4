"""Read a report built by `nastavnik report --xlsx` back with openpyxl
and compare its values (tests/report/run.sh).

  check.py school XLSX SITE   the register of a school against its built site
  check.py totals XLSX SITE   the same, with site.yml's totals as denominators
  check.py department XLSX    a department's roll-up without member data
  check.py members XLSX JSON...  a department's roll-up against each
                              member's own data.json, in site.yml's order

Prints one line per failed check ("FAIL: ...") and a last line
"checks: N passed, M failed"; exits 1 when any failed.
"""
import datetime
import html
import re
import sys

import openpyxl

passed = 0
failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


PD_LINE = ("Файл содержит персональные данные участников наставничества "
           "(полные имена). Он предназначен только для регионального отчёта "
           "и не подлежит размещению на сайте организации.")
SCHOOL_SHEETS = ["Сведения", "Наставники", "Наставляемые", "Пары и группы",
                 "Мониторинг", "По формам"]
HEADERS = {
    "Наставники": ["№", "ФИО", "Категория", "Должность, класс", "Организация",
                   "Формы наставничества", "Пар и групп", "Наставляемых"],
    "Наставляемые": ["№", "ФИО", "Категория", "Должность, класс",
                     "Организация", "Наставники", "Формы наставничества"],
    "Пары и группы": ["№", "Форма", "Вид", "Ролевая модель", "Наставник",
                      "Наставляемые", "Наставляемых", "Начало", "Окончание",
                      "Статус", "Программа", "Приказ", "Результат"],
    "Мониторинг": ["Показатель", "Значение", "Из", "Доля, %", "Примечание"],
    "По формам": ["Форма наставничества", "Пар и групп", "Работают"],
}


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def table(ws, name):
    """The header row: bold, frozen, under an autofilter; the widths fit."""
    head = [c.value for c in ws[1] if c.value is not None]
    check(head == HEADERS.get(name, head), "%s: заголовки %r" % (name, head))
    check(all(c.font.b for c in ws[1] if c.value is not None),
          "%s: заголовок не жирный" % name)
    check(ws.freeze_panes == "A2", "%s: закреплено %r, а не A2" % (name, ws.freeze_panes))
    ref = ws.auto_filter.ref or ""
    check(ref == "A1:%s%d" % (openpyxl.utils.get_column_letter(len(head)), ws.max_row),
          "%s: автофильтр %r" % (name, ref))
    # Every column as wide as its longest value (up to 60 characters).
    for col in ws.iter_cols(min_row=1, max_row=ws.max_row):
        letter = col[0].column_letter
        longest = max(len(str(c.value)) if not isinstance(c.value, datetime.datetime) else 10
                      for c in col if c.value is not None)
        width = ws.column_dimensions[letter].width
        check(width >= min(longest, 58) + 1,
              "%s: столбец %s шириной %s, а самое длинное значение — %d знаков"
              % (name, letter, width, longest))


def rows(ws):
    return list(ws.iter_rows(min_row=2, values_only=True))


def page_figures(site):
    """The figures of monitoring.html, as the page shows them."""
    text = open(site + "/monitoring.html", encoding="utf-8").read()
    items = re.findall(r'<li><span class="figure">(.*?)</span>(.*?)</li>', text)
    items = [(html.unescape(a).replace("\xa0", " "), html.unescape(b).replace("\xa0", " "))
             for a, b in items]
    f = {}
    f["pairs"] = int(items[0][0])
    m = re.search(r"работа\w* (\d+), заверши\w+ работу (\d+), прекращен\w* досрочно (\d+)",
                  items[0][1])
    f["active"], f["finished"], f["early"] = map(int, m.groups())
    f["t_share"] = int(items[1][0].split()[0])
    f["t_in"], f["teachers"] = map(int, re.search(r"\((\d+) из (\d+)\)", items[1][1]).groups())
    f["s_share"] = float(items[2][0].split()[0].replace(",", "."))
    f["s_in"], f["students"] = map(int, re.search(r"\((\d+) из (\d+)\)", items[2][1]).groups())
    f["done"] = int(items[3][0])
    m = re.search(r"из (\d+) .*запланировано (\d+), перенесено (\d+)", items[3][1])
    f["items"], f["planned"], f["moved"] = map(int, m.groups())
    f["forms"] = [(html.unescape(a), int(b)) for a, b in re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(\d+)</td></tr>', text)]
    return f


def monitoring(wb, site, declared):
    f = page_figures(site)
    got = {r[0]: r for r in rows(wb["Мониторинг"])}
    for label, value in [("Наставнических пар и групп", f["pairs"]),
                         ("из них работают", f["active"]),
                         ("завершили работу", f["finished"]),
                         ("прекращены досрочно", f["early"]),
                         ("Мероприятий дорожной карты", f["items"]),
                         ("выполнено", f["done"]), ("запланировано", f["planned"]),
                         ("перенесено", f["moved"])]:
        v = got.get(label, (None, None))[1]
        check(is_number(v) and v == value,
              "Мониторинг: «%s» = %r, на странице мониторинга %d" % (label, v, value))
    t = got.get("Педагогов участвуют в наставничестве")
    check(t and tuple(t[1:4]) == (f["t_in"], f["teachers"], f["t_share"]),
          "Мониторинг: педагоги %r, на странице %r" % (t, (f["t_in"], f["teachers"], f["t_share"])))
    s = got.get("Обучающихся вовлечены в пары и группы")
    check(s and tuple(s[1:4]) == (f["s_in"], f["students"], f["s_share"]),
          "Мониторинг: обучающиеся %r, на странице %r" % (s, (f["s_in"], f["students"], f["s_share"])))
    note = "из числа педагогов в site.yml (totals)" if declared else "из числа педагогов в people.yml"
    check(t and t[4] == note, "Мониторинг: примечание %r" % (t and t[4]))
    forms = [(r[0], r[1]) for r in rows(wb["По формам"])]
    check(forms == f["forms"], "По формам: %r, на странице %r" % (forms, f["forms"]))
    return f


def school(path, site, mentor, hidden, declared=False):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == SCHOOL_SHEETS, "листы %r" % wb.sheetnames)
    info = wb["Сведения"]
    cells = {c.value: c for row in info.iter_rows() for c in row if c.value is not None}
    check(PD_LINE in cells and cells[PD_LINE].font.b, "Сведения: нет жирной строки о персональных данных")
    date = [r[1] for r in info.iter_rows(values_only=True) if r[0] == "По состоянию на"]
    check(date == [datetime.datetime(2025, 12, 1)], "Сведения: дата %r" % date)
    for name in SCHOOL_SHEETS[1:]:
        table(wb[name], name)
    mentors = rows(wb["Наставники"])
    names = [r[1] for r in mentors]
    check(mentor in names, "Наставники: нет «%s» полностью: %r" % (mentor, names))
    check(all(is_number(r[0]) and is_number(r[6]) and is_number(r[7]) for r in mentors),
          "Наставники: № и числа — не числа")
    check(hidden in [r[1] for r in rows(wb["Наставляемые"])],
          "Наставляемые: нет «%s» (на сайте скрыт, в реестре — полностью)" % hidden)
    pairs = rows(wb["Пары и группы"])
    check(all(isinstance(r[7], datetime.datetime) and isinstance(r[8], datetime.datetime)
              for r in pairs), "Пары и группы: сроки — не даты")
    check(wb["Пары и группы"]["H2"].number_format == "dd.mm.yyyy",
          "Пары и группы: формат даты %r" % wb["Пары и группы"]["H2"].number_format)
    f = monitoring(wb, site, declared)
    check(len(pairs) == f["pairs"], "Пары и группы: %d строк, на странице %d пар" % (len(pairs), f["pairs"]))
    check(sum(r[6] for r in pairs) >= len(rows(wb["Наставляемые"])),
          "Пары и группы: наставляемых меньше, чем строк листа «Наставляемые»")


def department(path):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["Сведения", "Свод по организациям"], "листы %r" % wb.sheetnames)
    ws = wb["Свод по организациям"]
    head = [c.value for c in ws[1]]
    check(head[:5] == ["№", "Организация", "Вид", "Пар и групп", "Работают"], "Свод: заголовки %r" % head)
    check(all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2", "Свод: заголовок не жирный или не закреплён")
    check(ws.auto_filter.ref == "A1:N2", "Свод: автофильтр %r" % ws.auto_filter.ref)
    r = [c.value for c in ws[2]]
    check(r[1] == "Управление образования" and r[2] == "орган управления образованием",
          "Свод: строка управления %r" % r)
    check(all(is_number(v) for v in r[3:13]), "Свод: показатели — не числа: %r" % r)
    total = [c.value for c in ws[3]]
    check(total[1] == "Итого" and total[3:13] == r[3:13], "Свод: итог %r" % total)
    note = ws.cell(row=5, column=1).value
    check(note == "Данных организаций-участников пока нет: в своде только показатели "
          "самого управления.", "Свод: примечание %r" % note)
    info = [c.value for row in wb["Сведения"].iter_rows() for c in row]
    check(PD_LINE not in info and "Файл содержит сводные показатели организаций для "
          "регионального отчёта; персональных данных в нём нет." in info,
          "Сведения управления: строка о данных")


def members(path, exports):
    """Each member's row of the roll-up holds the figures of its own data.json."""
    import json
    ws = openpyxl.load_workbook(path)["Свод по организациям"]
    head = [c.value for c in ws[1]]
    got = rows(ws)
    check(len(got) == len(exports) + 1, "Свод: %d строк на %d участников" % (len(got), len(exports)))
    for row, name in zip(got, exports):
        with open(name, encoding="utf-8") as f:
            d = json.load(f)
        r = dict(zip(head, row))
        o, p, mon = d["organization"], d["pairs"], d["monitoring"]
        who = o["short_name"] or o["name"]
        check(r["Организация"] == who, "Свод: %r вместо %r" % (r["Организация"], who))
        want = {"Пар и групп": p["total"], "Работают": p["active"],
                "Наставников": d["mentors"], "Наставляемых": d["mentees"],
                "Педагогов": mon["teachers"], "Педагогов участвуют": mon["teachers_involved"],
                "Охват педагогов, %": mon["teachers_share"], "Обучающихся": mon["students"],
                "Обучающихся вовлечены": mon["students_involved"],
                "Охват обучающихся, %": mon["students_share"]}
        for f in p["by_form"]:
            want[f["form"]] = f["count"]
        for k, v in want.items():
            check(r.get(k) == v, "Свод, %s, «%s»: %r, в data.json %r" % (who, k, r.get(k), v))
    total = dict(zip(head, got[-1])) if got else {}
    check(total.get("Пар и групп") == sum(r[3] for r in got[:-1]), "Свод: итог пар %r" % total)


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "school":
        school(sys.argv[2], sys.argv[3], "Кузнецова Елена Владимировна", "Фролов Максим Игоревич",
               declared=True)
    elif kind == "totals":
        school(sys.argv[2], sys.argv[3], "Иванова Мария Петровна", "Сергеев Константин Олегович",
               declared=True)
    elif kind == "department":
        department(sys.argv[2])
    elif kind == "members":
        members(sys.argv[2], sys.argv[3:])
    print("checks: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
