"""Doubt is visible: what a paper should have held and did not is a warning, every paper ingested
says what was read from it, and a paper that yields nothing is reported, never stored as an empty meeting."""
from __future__ import annotations

from datetime import datetime

from corpus import parse
from store.ingest import ingest_paths

from .conftest import LONDON

NOW = datetime(2026, 1, 1, tzinfo=LONDON)
HEAD = "Minutes of the Place Scrutiny Panel\n\nMonday, 2 March 2026, 2.00 pm, Council Chamber\n\n"


def test_minutes_with_no_one_present_and_a_table_with_no_rows_say_so():
    text = (HEAD + "1 Apologies\n\nNone.\n\n2 Roads\n\nRESOLVED – That the report be noted.\n\n3 Work Programme\n\n"
            "Meeting\tTopic\nTBC\t\n")
    warnings = parse(text).warnings
    assert "no attendance found: no one read as present" in warnings
    assert "a work programme table was found but no rows were read" in warnings
    assert "no actions found in minutes of 3 items that record decisions" in warnings


def test_a_paper_with_no_items_says_so_and_a_complete_one_has_no_doubts():
    assert "no items found" in parse(HEAD + "Present: Councillor Ann Bee\n\nThe Panel discussed roads.\n").warnings
    complete = parse(HEAD + "Present: Councillor Ann Bee (Chairman), Councillor Carl Dee\n\n1 Apologies\n\nNone.\n\n"
                     "2 Roads\n\nThe Chairman agreed to write to the highways team.\n")
    assert complete.warnings == []


def test_ingest_says_what_each_paper_held_and_reports_a_paper_that_held_nothing(db, tmp_path):
    tmp_path = tmp_path / "papers"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text(HEAD + "Present: Councillor Ann Bee (Chairman)\n\n1 Apologies\n\nNone.\n\n"
                                       "2 Roads\n\nThe Chairman agreed to write to the highways team.\n", encoding="utf-8")
    (tmp_path / "hollow.txt").write_text(HEAD + "Present: Councillor Ann Bee\n\nThe Panel discussed roads.\n", encoding="utf-8")
    report = ingest_paths(db, [tmp_path], now=NOW)
    by_name = {o.path.rsplit("/", 1)[-1]: o for o in report.outcomes}
    good, hollow = by_name["good.txt"], by_name["hollow.txt"]
    assert (good.status, good.items, good.actions, good.actions_without_owner, good.people) == ("new", 2, 1, 0, 1)
    assert hollow.status == "empty" and hollow.reason.startswith("read, but nothing found")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    summary = report.summary()
    assert "2 papers: 1 new, 0 updated, 0 unchanged, 0 failed, 1 read but nothing found" in summary
    assert "minutes 2026-03-02 Place Scrutiny Panel: 2 items, 1 action, 1 person, 0 programme rows" in summary
    assert report.to_json()["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "empty": 1, "exempt": 0, "failed": 0, "skipped": 0}
