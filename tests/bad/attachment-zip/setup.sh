# ZIP archives as Windows makes them (written here: their names' bytes
# are the point). A zip writer of stored files, each name as raw bytes,
# marked UTF-8 or not, as an archiver of Russian Windows writes CP866.
mkdir -p content/files
python3 - <<'PY'
import struct, zlib

def zip_bytes(files):
    out, central = bytearray(), bytearray()
    for name, data, utf8 in files:
        flag = 0x800 if utf8 else 0
        crc = zlib.crc32(data)
        head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flag, 0, 0, 0, crc,
                           len(data), len(data), len(name), 0)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flag, 0, 0, 0, crc,
                               len(data), len(data), len(name), 0, 0, 0, 0, 0, len(out))
        central += name
        out += head + name + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central),
                      len(out), 0)
    return bytes(out + central + end)

inner = zip_bytes([("plan.txt".encode(), "План встреч: ведёт Сергеев К. О.\n".encode(), False)])
open("content/files/materialy-seminara.zip", "wb").write(zip_bytes([
    ("Анкеты/".encode("cp866"), b"", False),
    ("Анкеты/svodka.csv".encode("cp866"),
     "Наставляемый;Класс\r\nБелова Дарья;8 «А»\r\n".encode("cp1251"), False),
    ("Анкеты/Белова Д. анкета.txt".encode("cp866"), "Анкета заполнена.\n".encode(), False),
    ("Программа семинара.txt".encode(), "Открытие семинара, доклады наставников.\n".encode(), True),
    ("arhiv-2024.zip".encode(), inner, False),
]))
# An archive whose one file is damaged: it is published unread, with a warning.
open("content/files/povrezhdyon.zip", "wb").write(zip_bytes([
    ("otchet.docx".encode(), b"PK\x03\x04 not a document", False),
]))
PY
