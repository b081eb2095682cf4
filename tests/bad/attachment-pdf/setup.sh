# PDFs without text of their own, written here: one whose properties name
# a student (the author Word puts there), a scan (a picture, no text),
# and the scan locked with a password (qpdf).
python3 - <<'PY'
def pdf(path, page_extra, objects, info):
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s >>" % page_extra]
    objs += objects
    if info:
        objs.append(info)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        body = o if isinstance(o, bytes) else o.encode("latin-1")
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if info:
        out += b" /Info %d 0 R" % len(objs)
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    open(path, "wb").write(bytes(out))

def utf16(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"

pdf("content/files/anketa.pdf", "", [],
    "<< /Title %s /Author %s >>" % (utf16("Анкета наставляемого"), utf16("Белова Дарья")))
image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray " \
        b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
draw = b"<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream"
pdf("content/files/skan-prikaza.pdf",
    " /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R", [image, draw], None)
PY
qpdf --encrypt parol vladelets 256 -- content/files/skan-prikaza.pdf content/files/zashchishchyon.pdf
