"""One search index kept right by triggers, one statement a search, and action
lists read from each action's own columns (store/schema.py, 016 and 018)."""
from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlite_utils import Database

from handlers import dispatch
from store import open_db, queries
from store.ingest import ingest_paths
from store.save import remove_documents
from store.schema import MIGRATIONS

from .conftest import LONDON

NOW = datetime(2026, 3, 20, 9, tzinfo=LONDON)
MINUTES = """Minutes of the Environment Scrutiny Committee

Westshire County Council

Monday, 2 March 2026, 10.00 am

Present: Cllr A Jones (Chairman), Cllr B Smith and Cllr C Patel

1. Apologies for Absence

Apologies were received from Cllr D Brown.

2. Flood Resilience

The Committee considered the flood resilience plan for the {place} catchment.

It was agreed that the Head of Highways would circulate the drainage survey to all Members.

{extra}
"""


def _statements(db) -> list[str]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    return seen


def test_a_search_is_one_statement_on_the_index(demo_db):
    seen = _statements(demo_db)
    text = dispatch("find safeguarding", demo_db, NOW).text
    demo_db.conn.set_trace_callback(None)
    assert "FOUND" in text
    matches = [s for s in seen if "search_fts MATCH" in s or "papers_fts MATCH" in s]
    assert len(matches) == 1, matches  # items, actions and programme rows at once; whole papers not needed
    assert "ORDER BY rowid DESC LIMIT" in matches[0]  # the newest matches, ranked for themselves only


def test_the_index_follows_papers_read_again_and_removed(db, tmp_path):
    paper = tmp_path / "minutes.txt"
    paper.write_text(MINUTES.format(place="Wyebrook", extra=""), encoding="utf-8")
    ingest_paths(db, [paper], now=NOW)
    assert "Wyebrook" in dispatch("find wyebrook", db, NOW).text
    paper.write_text(MINUTES.format(place="Lindmere", extra="Members requested a site visit."), encoding="utf-8")
    ingest_paths(db, [paper], now=NOW)  # a corrected version replaces the first
    assert "No matches" in dispatch("find wyebrook", db, NOW).text
    assert not db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH 'wyebrook'").fetchall()  # nothing left behind
    assert "Lindmere" in dispatch("find lindmere", db, NOW).text
    remove_documents(db, [row[0] for row in db.execute("SELECT id FROM documents")], NOW)
    assert not db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH 'lindmere OR drainage OR flood'").fetchall()
    assert not db.execute("SELECT rowid FROM papers_fts WHERE papers_fts MATCH 'lindmere'").fetchall()


def test_standing_business_ranks_below_the_topic_it_shares_words_with(db, tmp_path):
    paper = tmp_path / "minutes.txt"
    paper.write_text("""Minutes of the Environment Scrutiny Committee

Westshire County Council

Monday, 2 March 2026, 10.00 am

Present: Cllr A Jones (Chairman), Cllr B Smith and Cllr C Patel

1. Apologies for Absence

Apologies were received from Cllr D Brown, kept away by the flood; flood warnings were in force.

2. Resilience Plan

The Committee considered the resilience plan for the catchment, the pumping stations, the budget for
drainage works and the work with the water company and the parishes over the winter, and the role of
volunteers. Members noted that a flood in 2024 had closed two roads.
""", encoding="utf-8")
    ingest_paths(db, [paper], now=NOW)
    assert db.execute("SELECT standing FROM items WHERE title LIKE 'Apologies%'").fetchone() == (1,)
    raw = dict(db.execute("SELECT rowid & 536870911, rank FROM search_fts WHERE search_fts MATCH ?", ["flood AND kind : item"]))
    apologies, plan = (db.execute("SELECT id FROM items WHERE title LIKE ?", [t]).fetchone()[0] for t in ("Apologies%", "Resilience%"))
    assert raw[apologies] < raw[plan]  # on the words alone the apologies rank first (bm25: lower is better)
    text = dispatch("find flood", db, NOW).text
    assert text.index("Resilience Plan") < text.index("Apologies for Absence")


def test_an_action_two_papers_record_is_listed_once_and_keeps_its_state(db, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "minutes.txt", tmp_path / "b" / "pack.txt"
    first.write_text(MINUTES.format(place="Wyebrook", extra=""), encoding="utf-8")
    second.write_text(MINUTES.format(place="Wyebrook", extra="") + "\nPrinted for the agenda pack.\n", encoding="utf-8")
    ingest_paths(db, [first, second], now=NOW)
    [shown] = queries.actions(db, status="all")
    assert queries.count_actions(db, status="all") == 1
    queries.set_action_status(db, shown.id, "done", "U1", NOW)
    assert queries.count_actions(db, status="open") == 0 and queries.count_actions(db, status="done") == 1
    # the paper whose row was shown goes: the other paper's row is shown, still done
    remove_documents(db, [db.execute("SELECT document_id FROM actions WHERE id = ?", [shown.id]).fetchone()[0]], NOW)
    [still] = queries.actions(db, status="all")
    assert still.id != shown.id and still.status == "done"
    queries.set_action_fields(db, still.id, "U1", NOW, due="2026-03-10")
    queries.set_action_status(db, still.id, "open", "U1", NOW)
    assert queries.count_actions(db, status="open", overdue_on="2026-03-20") == 1  # the officer's due date counts


def test_a_store_of_the_four_indexes_migrates_to_one(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    old.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = [name for name, _ in MIGRATIONS].index("016_one_search_index")
    for name, step in MIGRATIONS[:done]:
        step(old)
        old.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", [name])
    old.execute("INSERT INTO committees (id, council, name, slug) VALUES (1, 'C', 'Place Panel', 'place-panel')")
    old.execute("INSERT INTO meetings (id, committee_id, date) VALUES (1, 1, '2024-05-01')")
    old.execute("INSERT INTO documents (id, content_hash, source, source_key, kind, committee_id, meeting_id, known_from,"
                " text, searchable) VALUES (1, 'h', 's', 'k', 'minutes', 1, 1, '2024-05-01', 'the whole text', 0)")
    old.execute("INSERT INTO items (document_id, meeting_id, position, title, body) VALUES (1, 1, 0, 'Potholes', 'Road repairs')")
    old.execute("INSERT INTO items (document_id, meeting_id, position, title, body) VALUES (1, 1, 1, 'Apologies', '')")
    old.execute("INSERT INTO actions (action_key, document_id, meeting_id, position, text, due)"
                " VALUES ('k1', 1, 1, 0, 'Officers would map the potholes', '2024-06')")
    old.execute("INSERT INTO action_status (action_key, status) VALUES ('k1', 'open')")
    old.execute("INSERT INTO terms (term, family) VALUES ('potholes', 'pothol')")
    old.conn.commit()
    old.close()
    db = open_db(path)
    assert db.execute("SELECT title, standing FROM items ORDER BY id").fetchall() == [("Potholes", 0), ("Apologies", 1)]
    text = dispatch("find potholes", db, NOW).text
    assert "Potholes" in text and "map the potholes" in text
    [action] = queries.actions(db)
    assert action.text == "Officers would map the potholes"
    assert queries.count_actions(db, overdue_on="2024-06-30") == 0 and queries.count_actions(db, overdue_on="2024-07-01") == 1


def test_the_words_of_a_search_are_never_matched_against_a_rows_kind_or_panel(db, tmp_path):
    # the index holds each row's kind ("action", "programme", "paper") and panel ("p1") beside its
    # text: a search for the word "action" finds only rows that say it
    paper = tmp_path / "minutes.txt"
    paper.write_text(MINUTES.format(place="Wyebrook", extra=""), encoding="utf-8")
    ingest_paths(db, [paper], now=NOW)
    for word in ("action", "item", "programme", "paper", "p1"):
        text = dispatch(f"find {word}", db, NOW).text
        assert "No matches" in text, (word, text)


def test_a_search_looks_up_about_a_page_of_its_matches_not_all_of_them(db):
    # 300 items match and no programme row does: a page of 5 (with room for 20 programme rows)
    # looks up the best few items once, not every match in search of programme rows
    from store.search import Term, search
    db.execute("INSERT INTO committees (id, council, name, slug) VALUES (1, 'C', 'Place Panel', 'place-panel')")
    db.execute("INSERT INTO meetings (id, committee_id, date) VALUES (1, 1, '2024-05-01')")
    db.execute("INSERT INTO documents (id, content_hash, source, source_key, kind, committee_id, meeting_id, known_from,"
               " text, searchable) VALUES (1, 'h', 's', 'k', 'minutes', 1, 1, '2024-05-01', '', 0)")
    db.conn.executemany("INSERT INTO items (document_id, meeting_id, position, title, body) VALUES (1, 1, ?, ?, '')",
                        [(n, f"Potholes on road {n}") for n in range(300)])
    seen = _statements(db)
    hits = search(db, [[Term("potholes")]], limit=5, quota={"programme": 20})
    db.conn.set_trace_callback(None)
    assert len(hits) == 5
    lookups = [s for s in seen if "WHERE i.id IN" in s]
    assert len(lookups) == 1 and lookups[0].count(",") < 100, lookups
