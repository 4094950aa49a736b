"""Page furniture (page numbers, running headers and footers, margin notes) off before any field is read."""
from __future__ import annotations

from fpdf import FPDF

from corpus import parse_bytes
from corpus.text import join_pages, read_text


def test_page_numbers_of_every_common_shape_are_dropped():
    pages = ["Minutes of the Panel\n\nThe Panel met.\n\n!1", "Page | 2\n\nIt was agreed that X would be done.\n\nPage 2 of 3",
             "- 3 -\n\nThe meeting closed.\n\n3"]
    text = join_pages(pages)
    assert "!1" not in text and "Page" not in text and "- 3 -" not in text and not text.rstrip().endswith("3")


def test_a_bare_number_that_does_not_count_the_pages_stays():
    assert "12" in join_pages(["Minutes of the Panel\n\nItems follow.", "12\n\nApologies\n\nNone received."]).split("\n")


def test_a_running_header_is_kept_once_and_a_repeated_footer_never():
    pages = [f"Cabinet minutes - 12 March 2024\n\nBody of page {n} with some words in it.\n\nChairman's initials ______"
             for n in range(1, 4)]
    text = join_pages(pages)
    assert text.count("Cabinet minutes - 12 March 2024") == 1
    assert "initials" not in text
    assert all(f"Body of page {n}" in text for n in range(1, 4))


def test_a_sentence_carried_onto_the_next_page_continues_it():
    text = join_pages(["Minutes of the Panel\n\nThere may be a possibility of the council", "delaying the closure until after Easter."])
    assert "possibility of the council delaying the closure" in text


def test_a_table_row_that_runs_onto_the_next_page_is_one_row():
    pages = ["Item No\tItem\n1\tApologies: none\n5\tProperty options were presented and",
             "Item No\tItem\n\tdiscussed at length. Action: Invite managers to present (CW)\n6\tAOB"]
    lines = join_pages(pages).split("\n")
    assert "5\tProperty options were presented and discussed at length. Action: Invite managers to present (CW)" in lines
    assert lines.count("Item No\tItem") == 1


def test_a_text_paper_with_form_feeds_loses_its_furniture():
    data = "Minutes of the Place Panel\n\nIt was agreed that the report\n\nPage 1\f\nwould be circulated to Members.\n\nPage 2".encode()
    text, _ = read_text(data, "minutes.txt")
    assert "report would be circulated" in text and "Page" not in text


def _margin_pdf() -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    rows = [("Minutes of the Parish Council held on 13 March 2024.", None),
            ("Present: Councillors A Davies and B Evans.", None),
            ("6. CORRESPONDENCE", None),
            ("ix) Village association, renewal of membership. It was unanimously agreed to renew.", "Clerk"),
            ("x) Bank statement dated 1 March 2024, balance of 1,254.67.", "Noted"),
            ("xi) Payments for the year, cheque 1302 for 4,237.48 and cheque 1303 for", "161.25"),
            ("7. ANY OTHER BUSINESS", None),
            ("None.", None)]
    for body, note in rows:
        y = pdf.get_y()
        pdf.set_xy(15, y)
        pdf.cell(150, 6, body)
        if note:
            pdf.set_xy(180, y)
            pdf.cell(20, 6, note, align="R")
        pdf.ln(6)
    return bytes(pdf.output())


def test_a_note_in_the_right_margin_gets_its_own_line_and_names_the_owner():
    text, _ = read_text(_margin_pdf(), "minutes.pdf")
    lines = text.split("\n")
    renew = next(i for i, line in enumerate(lines) if "renewal of membership" in line)
    assert lines[renew].endswith("agreed to renew.") and lines[renew + 1] == "Margin note: Clerk"
    assert "Margin note: 161.25" not in lines  # an amount column is not a note
    doc, _ = parse_bytes(_margin_pdf(), "minutes.pdf", {"committee": "Parish Council"})
    assert [(a.owner, "renew" in a.text) for a in doc.actions] == [("Clerk", True)]
