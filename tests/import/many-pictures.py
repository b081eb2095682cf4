#!/usr/bin/python3
"""Write DST: the .docx SRC with its first picture's paragraph 41 times
over, and that picture 5 MiB of bytes that do not compress (a PNG's
signature, then random), for the limit of the pictures an import takes
together (NV_IMP_MAX_PICTURES, 64 MiB): a part named by many drawings is
read for each.

Usage: tests/import/many-pictures.py SRC DST"""
import sys, zipfile, re, os
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
xml = zin.read('word/document.xml').decode()
paras = re.findall(r'<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>', xml, re.S)
pic = next(p for p in paras if 'a:blip' in p)
rid = re.search(r'r:embed="([^"]+)"', pic).group(1)
rels = zin.read('word/_rels/document.xml.rels').decode()
target = re.search(r'Id="%s"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="%s"' % (rid, rid), rels)
target = 'word/' + (target.group(1) or target.group(2))
xml = xml.replace(pic, pic * 41, 1)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    if item.filename == 'word/document.xml':
        zout.writestr(item, xml)
    elif item.filename == target:
        zout.writestr(zipfile.ZipInfo(item.filename), b'\x89PNG\r\n\x1a\n' + os.urandom((5 << 20) - 8), zipfile.ZIP_STORED)
    else:
        zout.writestr(item, zin.read(item.filename))
zout.close()
