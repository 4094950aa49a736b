"""The store: idempotent ingest, replacement, merging, state that survives, bad input."""
from __future__ import annotations

import os

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from corpus import demo_corpus
from store import connect, queries
from store.ingest import ingest_paths

from .conftest import LONDON

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)
AGENDA = """Agenda

Exampleshire County Council

Scrutiny Panel for Place

Monday, 2 March 2026, 2.00 pm, Council Chamber

Item No\tSubject\tPage No
1\tApologies\t
2\tRoad Safety\t1 - 10

Work Programme

Date of Meeting\tIssue\tNotes
2 March 2026\tRoad Safety\t
{later}\tBus Services\t
TBC\tFlooding\t
"""
MINUTES = """Minutes of the Scrutiny Panel for Place

Exampleshire County Council

Monday, 2 March 2026, 2.00 pm, Council Chamber

Present: Councillor Ann Bee (Chairman), Councillor Carl Dee

1 Apologies

None.

2 Road Safety

It was agreed that the casualty figures would be circulated to Members. {extra}
"""


def table_counts(db) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("committees", "meetings", "documents", "items", "attendance", "actions", "programme")}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_corpus_becomes_two_committees_and_their_meetings(demo_db):
    names = {(c.council, c.name) for c in queries.committees(demo_db)}
    assert names == {("Worcestershire County Council", "Children and Families Overview and Scrutiny Panel"),
                     ("Herefordshire Council", "Children and young people scrutiny committee")}
    rows = {r[0]: r[1:] for r in demo_db.execute("SELECT date, status, moved_to FROM meetings")}
    assert rows["2022-11-03"] == ("held", None)
    assert rows["2019-02-18"] == ("rearranged", "2019-03-04")  # moved by the Herefordshire minutes
    assert rows["2020-09-08"][0] == "scheduled"  # a future meeting named by the 2020 agenda


def test_ingesting_twice_changes_nothing(demo_db):
    before = table_counts(demo_db)
    report = ingest_paths(demo_db, [demo_corpus()], now=NOW)
    assert report.counts()["unchanged"] == 5
    assert table_counts(demo_db) == before


def test_a_corrected_paper_replaces_its_records(db, tmp_path):
    paper = write(tmp_path, "minutes.txt", MINUTES.format(extra=""))
    assert ingest_paths(db, [paper], now=NOW).counts()["new"] == 1
    paper.write_text(MINUTES.format(extra="Members requested a site visit to the A38 junction."), encoding="utf-8")
    assert ingest_paths(db, [paper], now=NOW).counts()["updated"] == 1
    texts = [a.text for a in queries.actions(db, status="all")]
    assert len(texts) == 2 and any("site visit" in t for t in texts)
    assert table_counts(db)["documents"] == 1


def test_agenda_and_minutes_of_one_meeting_are_one_meeting(db, tmp_path):
    write(tmp_path, "agenda.txt", AGENDA.format(later="6 April 2026"))
    write(tmp_path, "minutes.txt", MINUTES.format(extra=""))
    report = ingest_paths(db, [tmp_path], now=NOW)
    assert report.counts()["new"] == 2, report.summary()
    meetings = db.execute("SELECT date, status FROM meetings ORDER BY date").fetchall()
    assert meetings == [("2026-03-02", "held"), ("2026-04-06", "scheduled")]
    assert table_counts(db)["committees"] == 1


def test_done_stays_done_when_papers_are_read_again(db, tmp_path):
    paper = write(tmp_path, "minutes.txt", MINUTES.format(extra=""))
    ingest_paths(db, [paper], now=NOW)
    [open_action] = queries.actions(db)
    queries.set_action_status(db, open_action.id, "done", "U123", NOW)
    paper.write_text(MINUTES.format(extra="The Chairman thanked officers."), encoding="utf-8")  # a corrected version
    ingest_paths(db, [paper], now=NOW)
    [again] = queries.actions(db, status="all")
    assert (again.status, again.done_by) == ("done", "U123")
    assert queries.actions(db, status="open") == []


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_newer_programme_supersedes_rows_still_ahead_and_keeps_history(db, tmp_path, order):
    older = AGENDA.format(later="6 April 2026")
    newer = older.replace("2 March 2026", "6 April 2026").replace("Road Safety", "Potholes")
    first = write(tmp_path, "a1.txt", older)
    second = write(tmp_path, "a2.txt", newer.replace("6 April 2026\tBus Services", "4 May 2026\tBus Services"))
    for paper in ([first, second] if order == "oldest first" else [second, first]):
        ingest_paths(db, [paper], now=NOW)
    rows = db.execute("SELECT paper_date, meeting_date, issue, superseded FROM programme ORDER BY paper_date, position").fetchall()
    by_issue = {(paper, issue): superseded for paper, _date, issue, superseded in rows}
    assert by_issue[("2026-03-02", "Road Safety")] == 0  # its meeting came before the newer paper: history
    assert by_issue[("2026-03-02", "Bus Services")] == 1  # planned for April, re-planned by April's programme
    assert by_issue[("2026-03-02", "Flooding")] == 1  # TBC rows are always re-planned
    assert by_issue[("2026-04-06", "Bus Services")] == 0


def test_bad_papers_are_reported_and_the_rest_are_saved(db, tmp_path):
    write(tmp_path, "good.txt", MINUTES.format(extra=""))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin.txt").write_bytes(MINUTES.format(extra="Caf\xe9 provision").replace("Place", "Parks").encode("cp1252"))
    (tmp_path / "bad-utf8.txt").write_bytes(b"Minutes \x81\x8d\x90 of nothing at all here today ok")
    write(tmp_path, "undated.txt", "Minutes of the Scrutiny Panel\n\nPresent: Councillor Ann Bee\n\n1 Apologies\n\nNone.\n")
    report = ingest_paths(db, [tmp_path, tmp_path / "missing.txt"], now=NOW)
    reasons = {Path(o.path).name: o.reason for o in report.outcomes if o.status == "failed"}
    assert reasons == {
        "empty.txt": "empty file",
        "binary.txt": "binary file, not a text or HTML paper",
        "bad-utf8.txt": "not UTF-8 text (invalid byte at offset 8)",
        "undated.txt": "no meeting date found in the paper",
        "missing.txt": "no such file or folder",
    }
    assert report.counts()["new"] == 2
    [latin] = [o for o in report.outcomes if o.path.endswith("latin.txt")]
    offset = (tmp_path / "latin.txt").read_bytes().index(b"\xe9")
    assert latin.warnings == [f"not UTF-8 (invalid byte at offset {offset}); read as Windows-1252"]


def test_a_crash_while_saving_leaves_the_store_as_it_was(db, tmp_path, monkeypatch):
    import store.save

    first = write(tmp_path, "first.txt", MINUTES.format(extra=""))
    ingest_paths(db, [first], now=NOW)
    before = table_counts(db)

    def explode(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(store.save, "refresh_programme", explode)  # the last step of a save
    second = write(tmp_path, "second.txt", AGENDA.format(later="6 April 2026"))
    report = ingest_paths(db, [second], now=NOW)
    assert report.failed and "nothing of it was saved" in report.failed[0].reason
    assert table_counts(db) == before
    monkeypatch.undo()
    assert ingest_paths(db, [second], now=NOW).counts()["new"] == 1


def test_the_same_paper_under_another_name_is_not_stored_twice(db, tmp_path):
    paper = write(tmp_path, "minutes.txt", MINUTES.format(extra=""))
    copy = tmp_path / "copy.txt"
    shutil.copy(paper, copy)
    report = ingest_paths(db, [paper, copy], now=NOW)
    assert [o.status for o in report.outcomes] == ["new", "unchanged"]
    assert table_counts(db)["documents"] == 1


@pytest.mark.parametrize("status", ["open", "done"])
def test_set_action_status_records_who_and_when(db, tmp_path, status):
    ingest_paths(db, [write(tmp_path, "m.txt", MINUTES.format(extra=""))], now=NOW)
    [row] = queries.actions(db)
    updated = queries.set_action_status(db, row.id, status, "U9", NOW)
    assert updated.status == status
    assert (updated.done_by, updated.done_at) == (("U9", NOW.isoformat(timespec="seconds")) if status == "done" else (None, None))


def test_actions_from_draft_minutes_are_marked_provisional(db, tmp_path):
    from handlers import dispatch

    draft = MINUTES.format(extra="").replace("Minutes of the Scrutiny Panel for Place", "DRAFT Minutes of the Scrutiny Panel for Place")
    ingest_paths(db, [write(tmp_path, "draft.txt", draft)], now=NOW)
    [row] = queries.actions(db)
    assert row.draft
    after_the_meeting = datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)  # minutes are not known before their meeting
    assert "draft minutes: provisional until approved" in dispatch("actions", db, after_the_meeting).text
    write(tmp_path, "draft.txt", MINUTES.format(extra=""))  # the approved version replaces the draft
    ingest_paths(db, [tmp_path / "draft.txt"], now=NOW)
    assert not queries.actions(db)[0].draft


def test_a_store_from_an_older_version_is_migrated_forward_keeping_its_data(tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from store import open_db
    from store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    old.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, first = MIGRATIONS[0]
    first(old)
    old.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", [name])
    old.execute("INSERT INTO committees (council, name, slug) VALUES ('C', 'Old Panel', 'old-panel')")
    old.conn.commit()
    old.close()
    db = open_db(path)
    applied = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY name")]
    assert applied == [n for n, _ in MIGRATIONS]
    assert db.execute("SELECT name FROM committees").fetchall() == [("Old Panel",)]
    assert "draft" in db["documents"].columns_dict


def test_word_documents_are_named_as_such(db, tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "minutes.docx", "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    report = ingest_paths(db, [tmp_path / "minutes.docx", tmp_path / "old.doc"], now=NOW)
    assert [o.reason for o in report.failed] == ["a Word document: save it as PDF, HTML or text first",
                                                 "an old Word or Excel file: save it as PDF, HTML or text first"]


def test_an_ingest_waits_for_another_writer_and_finishes(db_path, monkeypatch):
    """A paper's transaction reads (is it saved already?) before it writes. Begun deferred, it
    failed at once with "database is locked" when another connection committed in between;
    begun IMMEDIATE it waits its turn, then saves."""
    import threading

    import store.save
    from store import open_db

    other = open_db(db_path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO seen_requests (digest, at) VALUES ('other writer', 0)")
    read_done = threading.Event()
    real = store.save.already_saved

    def spy(*args, **kwargs):
        found = real(*args, **kwargs)
        read_done.set()
        return found
    monkeypatch.setattr(store.save, "already_saved", spy)
    outcome = {}

    def ingest():
        with connect(db_path) as db:
            outcome["report"] = ingest_paths(db, [demo_corpus() / "004_f238e8122ed5804f.txt"], now=NOW)
    worker = threading.Thread(target=ingest)
    worker.start()
    read_done.wait(timeout=3)  # with IMMEDIATE the ingest cannot even read until the other writer is done
    other.execute("COMMIT")
    other.close()
    worker.join(timeout=60)
    report = outcome["report"]
    assert not report.failed, report.summary()
    assert report.counts()["new"] == 1


def test_a_connection_whose_work_ended_cleanly_serves_the_next_unit_of_work(tmp_path):
    from store.db import connect as connect_store
    path = tmp_path / "s.db"
    with connect_store(path) as first:
        first.execute("CREATE TABLE IF NOT EXISTS kept (n INTEGER)")
        first_conn = first.conn
        with connect_store(path) as meanwhile:  # two units of work at once never share one
            assert meanwhile.conn is not first_conn
    with connect_store(path) as again:
        assert again.conn in (first_conn, meanwhile.conn)  # the schema is not read again
        again.conn.execute("BEGIN IMMEDIATE")  # left mid-transaction: closed, not kept
        left_open = again.conn
    with connect_store(path) as after:
        assert after.conn is not left_open
    try:
        with connect_store(path) as failing:
            failed_conn = failing.conn
            raise RuntimeError("the unit of work failed")
    except RuntimeError:
        pass
    with connect_store(path) as later:
        assert later.conn is not failed_conn


def test_a_store_removed_and_made_again_is_read_afresh(tmp_path):
    from store.db import connect as connect_store
    path = tmp_path / "s.db"
    with connect_store(path) as db:
        db.execute("CREATE TABLE marker (name TEXT)")
        db.execute("INSERT INTO marker VALUES ('old')")
    for name in ("s.db", "s.db-wal", "s.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with connect_store(path) as db:  # a new, empty store at the same path: not the kept connection to the old one
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'marker'").fetchall()
