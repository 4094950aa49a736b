"""Committee papers rendered as PDF (fpdf2), for tests: paragraphs as text,
tab-separated lines as a ruled table, as councils' word processors print them."""
from __future__ import annotations

from fpdf import FPDF

_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "-", "…": "...", "\u00a0": " "})


def latin1(text: str) -> str:
    """The text the core PDF fonts can draw; the same text is what the PDF is compared with."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


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
