"""PDF papers read as their text versions are, tables kept as rows."""
from __future__ import annotations

from datetime import datetime

import pytest
from fpdf import FPDF

from corpus import UnreadableDocument, demo_corpus, parse_bytes
from store import queries
from store.ingest import ingest_paths

from .conftest import LONDON
from .pdfs import latin1, to_pdf

SEEDS = sorted(demo_corpus().glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_pdf_gives_the_same_records_as_the_same_paper_in_text(seed):
    text = latin1(seed.read_text(encoding="utf-8"))
    from_text, _ = parse_bytes(text.encode("utf-8"), seed.name)
    from_pdf, _ = parse_bytes(to_pdf(text), seed.with_suffix(".pdf").name)
    assert from_pdf.to_json() == from_text.to_json()


def test_a_programme_table_in_a_pdf_stays_rows():
    text = latin1((demo_corpus() / "002_0b53b558d784aeee.txt").read_text(encoding="utf-8"))
    doc, _ = parse_bytes(to_pdf(text), "agenda.pdf")
    rows = {(r.meeting_date, r.issue) for r in doc.work_programme}
    assert ("2021-02", "Educational Outcomes for Children in Worcestershire 2020") in rows
    assert (None, "Elective Home Education") in rows


def test_a_scanned_pdf_is_reported_not_stored_empty(db, tmp_path):
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.rect(20, 20, 170, 250, style="F")  # a page that is all picture
    (tmp_path / "scan.pdf").write_bytes(bytes(pdf.output()))
    report = ingest_paths(db, [tmp_path], now=datetime(2026, 1, 1, tzinfo=LONDON))
    assert report.failed[0].reason == "a scanned PDF with no text layer (3 pages); run it through OCR first"
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


@pytest.mark.parametrize("damage", [lambda b: b[: len(b) // 3], lambda b: b"%PDF-1.4\n" + b"\x00garbage" * 50])
def test_a_broken_pdf_gets_a_one_line_reason(damage):
    data = to_pdf("Minutes of the Panel\n\nMonday, 2 March 2026, 10am\n\n1 Apologies\n\nNone.\n")
    with pytest.raises(UnreadableDocument) as err:
        parse_bytes(damage(data), "broken.pdf")
    assert "\n" not in str(err.value) and ("PDF" in str(err.value))


def test_ingested_pdf_minutes_become_actions(db, tmp_path):
    seed = demo_corpus() / "000_492692d4b457f793.txt"
    (tmp_path / "minutes.pdf").write_bytes(to_pdf(latin1(seed.read_text(encoding="utf-8"))))
    report = ingest_paths(db, [tmp_path], {"council": "Worcestershire County Council"}, now=datetime(2026, 1, 1, tzinfo=LONDON))
    assert report.counts()["new"] == 1, report.summary()
    texts = [a.text for a in queries.actions(db)]
    assert any("Chairman would write to the Cabinet Member" in t for t in texts)
