"""Committee papers rendered as PDF (fpdf2), for tests: paragraphs as text,
tab-separated lines as a ruled table, as councils' word processors print them."""
from __future__ import annotations

from functools import lru_cache

from fpdf import FPDF

_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "-", "…": "...", "\u00a0": " "})


def latin1(text: str) -> str:
    """The text the core PDF fonts can draw; the same text is what the PDF is compared with."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


@lru_cache(maxsize=32)  # fpdf2 takes seconds a paper; many tests print the same bundled papers
def to_pdf(text: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    lines = latin1(text).split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            with pdf.table(text_align="LEFT", line_height=4.5, first_row_as_headings=False) as table:
                for row in rows:
                    cells = table.row()
                    for cell in row + [""] * (width - len(row)):
                        cells.cell(cell)
            pdf.ln(4)
            continue
        if line.strip():
            pdf.multi_cell(0, 4.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4.5)
        i += 1
    return bytes(pdf.output())


def _pdf_file(pages: list[bytes], compress: list[list[str]] | None = None) -> bytes:
    """A PDF of these page content streams, written by hand (fast enough for
    hundreds of pages); compress[i] lists the filters already applied to page i's stream."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for index, stream in enumerate(pages):
        filters = (compress or [[]] * len(pages))[index]
        head = f"<< /Length {len(stream)}" + (f" /Filter [{' '.join('/' + f for f in filters)}]" if filters else "") + " >>"
        objects.append(head.encode() + b"\nstream\n" + stream + b"\nendstream")
        content_ref = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_ref} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _text_page(lines: list[str]) -> bytes:
    body = " T* ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj" for line in lines)
    return f"BT /F1 9 Tf 12 TL 50 800 Td {body} ET".encode("latin-1")


def _letters(n: int) -> str:
    """A, B, ... Z, BA, BB, ...: a name for the n-th page with no digit in it."""
    name = ""
    while True:
        n, rest = divmod(n, 26)
        name = chr(ord("A") + rest) + name
        if not n:
            return name


def long_pdf(path, pages: int = 300):
    """A long agenda pack: a numbered heading and a page of prose on every page,
    the size of the real packs councils publish (300 pages and more)."""
    sentence = ("The Panel considered the report of the Director on the budget position and it was agreed that "
                "the figures would be circulated. ")
    page_streams = []
    for n in range(pages):
        words = (sentence * 40).split()
        # each page's heading in words of its own: one that differs only in its number is page furniture
        lines = [f"{n + 1} Report on ward {_letters(n)} and its budget", ""] + [" ".join(words[i:i + 16]) for i in range(0, len(words), 16)][:60]
        page_streams.append(_text_page(lines))
    path.write_bytes(_pdf_file(page_streams))
    return path


def pdf_bomb(path, expands_to: int = 1 << 30):
    """A small PDF whose one page's content stream, compressed twice, expands to
    `expands_to` bytes of drawing operators when read. Built without compressing
    them all: after a full flush deflate codes the same chunk to the same bytes,
    so one coded chunk is repeated, and only the checksum reads the whole."""
    import zlib

    chunk = b"0 0 m 1 1 l S\n" * 4096
    count = max(2, expands_to // len(chunk))
    coder = zlib.compressobj(9)
    head = coder.compress(chunk) + coder.flush(zlib.Z_FULL_FLUSH)  # with the zlib header
    block = coder.compress(chunk) + coder.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    inner = head + block * (count - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")  # an empty final block, then Adler-32
    path.write_bytes(_pdf_file([zlib.compress(inner, 9)], compress=[["FlateDecode", "FlateDecode"]]))
    return path
