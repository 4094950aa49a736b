"""Odd input is read, normalised or refused with a clear message: UTF-16
papers, NUL bytes, due dates in year 1 or 9999, a 120,000-character committee
name in a sidecar."""
from __future__ import annotations

import codecs
import json
from datetime import datetime
from pathlib import Path

import pytest

from corpus import demo_corpus, parse_bytes
from corpus.text import decode
from handlers import dispatch
from store import queries
from store.ingest import ingest_paths

from .conftest import FROZEN, LONDON

PAPER = sorted(demo_corpus().glob("*.txt"))[4]
TEXT = PAPER.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),  # as Windows "Unicode" text saves it
    ("utf-16-le", b""), ("utf-16-be", b""),  # the same with no byte-order mark
])
def test_utf16_papers_are_read_like_utf8_ones(encoding, bom):
    want, _ = parse_bytes(TEXT.encode("utf-8"), PAPER.name)
    got, text = parse_bytes(bom + TEXT.encode(encoding), PAPER.name)
    assert got.to_json() == {**want.to_json(), "warnings": got.warnings}
    assert "\x00" not in text


def test_binary_is_still_refused_as_binary():
    with pytest.raises(Exception, match="binary file"):
        decode(bytes(range(256)) * 64)


def test_nul_bytes_never_reach_a_field(db):
    # past the first 64 KB a NUL used to pass the binary check and land in the store
    paper = TEXT + "\n" + "x " * 40_000 + "\n\nIt was agreed that Mr\x00 Smith would circulate the\x00 figures.\n"
    doc, text = parse_bytes(paper.encode("utf-8"), "late-nul.txt")
    assert "\x00" not in text and not any("\x00" in a.text for a in doc.actions)


def test_nul_and_control_characters_typed_in_a_command_are_not_stored(demo_db):
    [first, *_] = queries.actions(demo_db)
    reply = dispatch(f"actions {first.id} owner Head\x00 of\x07 Highways", demo_db, FROZEN, user="U1")
    assert "Head of Highways" in reply.text
    owner = demo_db.execute("SELECT owner_set FROM action_status WHERE owner_set IS NOT NULL").fetchone()[0]
    assert owner == "Head of Highways"


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1 January 1066", "31/12/2999"])
def test_a_due_date_outside_1990_to_2100_is_refused_with_a_reason(demo_db, typed):
    [first, *_] = queries.actions(demo_db)
    reply = dispatch(f"actions {first.id} due {typed}", demo_db, FROZEN, user="U1")
    assert "between 1990 and 2100" in reply.text
    assert demo_db.execute("SELECT count(*) FROM action_status WHERE due_set IS NOT NULL").fetchone()[0] == 0


def test_a_sane_due_date_is_still_taken(demo_db):
    [first, *_] = queries.actions(demo_db)
    dispatch(f"actions {first.id} due 30 April 2021", demo_db, datetime(2021, 1, 4, tzinfo=LONDON), user="U1")
    assert queries.action(demo_db, first.id).due == "2021-04-30"


def test_an_over_long_committee_name_in_a_sidecar_is_refused(db, tmp_path):
    paper = tmp_path / "page.txt"
    paper.write_bytes(PAPER.read_bytes())
    (tmp_path / "page.txt.meta.json").write_text(json.dumps({"committee": "Scrutiny " * 15_000}), encoding="utf-8")
    report = ingest_paths(db, [paper], now=FROZEN)
    [failed] = report.failed
    assert failed.reason == ("the committee name in page.txt.meta.json is 134,999 characters long; "
                             "a name has at most 200")
    assert db.execute("SELECT count(*) FROM committees").fetchone()[0] == 0


def test_an_over_long_committee_name_on_the_command_line_is_refused(db, tmp_path):
    report = ingest_paths(db, [PAPER], hints={"committee": "C" * 5000}, now=FROZEN)
    assert [o.reason for o in report.failed] == [
        "the committee name in --council/--committee is 5,000 characters long; a name has at most 200"]


def test_a_committee_name_read_from_a_paper_is_kept_within_bounds():
    doc, _ = parse_bytes(("Minutes of the " + "Very " * 5000 + "Long Scrutiny Committee\n\nThursday, 5 March 2020\n\n"
                          + "1 Apologies\n\nNone were received from anyone at all.\n").encode(), "long.txt")
    assert doc.committee is None  # not read as a title at all, or read and then refused: either way it says so
    assert any("committee name of" in w or "no committee name found" in w for w in doc.warnings)


def test_a_sidecar_that_is_not_a_file_is_refused_not_read(db, tmp_path):
    paper = tmp_path / "page.txt"
    paper.write_bytes(PAPER.read_bytes())
    (tmp_path / "page.txt.meta.json").symlink_to("/dev/zero")
    report = ingest_paths(db, [paper], now=FROZEN)
    assert [Path(o.path).name for o in report.failed] == []  # a sidecar that is no file is not a sidecar
    assert report.counts()["new"] == 1
