#!/usr/bin/python3
"""Check one iCalendar file as RFC 5545 and a real parser see it.

Usage: check_ics.py FILE [TEXT...]
Prints one line per problem and exits 1 if there is any:
 - every line ends in CRLF, no bare CR or LF, no line over 75 octets,
   no UTF-8 character split by folding, no control character but tab;
 - python3-icalendar parses it into a VCALENDAR whose events each have
   UID, DTSTART and SUMMARY;
 - each TEXT given must equal some decoded SUMMARY or be a part of some
   decoded DESCRIPTION or X-WR-CALNAME (escaping round-trips).
"""
import sys

from icalendar import Calendar


def main():
    path, texts = sys.argv[1], sys.argv[2:]
    data = open(path, "rb").read()
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("файл не кончается на CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"строка {n}: одиночный CR или LF")
        if len(line) > 75:
            problems.append(f"строка {n}: {len(line)} октетов (больше 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"строка {n}: символ UTF-8 разорван переносом")
        if any(b < 0x20 and b != 0x09 or b == 0x7F for b in line):
            problems.append(f"строка {n}: управляющий символ")
    try:
        cal = Calendar.from_ical(data.decode("utf-8", "replace"))
    except Exception as e:  # the parser's own word on the file
        problems.append(f"icalendar не разобрал файл: {e}")
        cal = None
    seen = []
    if cal is not None:
        if cal.name != "VCALENDAR":
            problems.append(f"корневой компонент {cal.name}")
        seen.append(str(cal.get("X-WR-CALNAME", "")))
        for ev in cal.walk("VEVENT"):
            for key in ("UID", "DTSTART", "SUMMARY"):
                if key not in ev:
                    problems.append(f"у события нет {key}")
            seen.append(("S", str(ev.get("SUMMARY", ""))))
            seen.append(str(ev.get("DESCRIPTION", "")))
    for t in texts:
        if not any(s == ("S", t) or (isinstance(s, str) and t in s) for s in seen):
            problems.append(f"текст не найден после разбора: {t!r}")
    for p in problems:
        print(f"{path}: {p}")
    sys.exit(1 if problems else 0)


main()
