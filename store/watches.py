"""Watches: saved searches that report new papers. A watch belongs to a person
(typed in a DM) or a channel; each paper is found for a watch at most once
(keyed on the paper's source, so a corrected version is not news again), and
each find is reported by exactly one digest or alert."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

CADENCES = ("daily", "instant")
PROGRESS = "watches"


@dataclass
class Watch:
    id: int
    target: str  # user:U123 | channel:C123
    words: str
    cadence: str
    created_by: str
    created_at: str
    after_document: int


@dataclass
class WatchHit:
    id: int
    watch_id: int
    words: str
    target: str
    committee: str
    meeting_date: str
    paper_kind: str
    link: str | None
    matches: list[dict]
    found_at: str


_WATCH = "SELECT id, target, words, cadence, created_by, created_at, after_document FROM watches"


def add(db: Database, target: str, words: str, cadence: str, by: str, at: datetime) -> Watch:
    """A new watch; papers already read are not news to it."""
    with db.atomic():
        latest = db.execute("SELECT COALESCE(max(id), 0) FROM documents").fetchone()[0]
        watch_id = db.execute("INSERT INTO watches (target, words, cadence, created_by, created_at, after_document)"
                              " VALUES (?, ?, ?, ?, ?, ?)",
                              [target, words, cadence, by, at.isoformat(timespec="seconds"), latest]).lastrowid
    return get(db, watch_id)


def get(db: Database, watch_id: int) -> Watch | None:
    row = db.execute(_WATCH + " WHERE id = ? AND removed_at IS NULL", [watch_id]).fetchone()
    return Watch(*row) if row else None


def for_target(db: Database, target: str) -> list[Watch]:
    return [Watch(*row) for row in db.execute(_WATCH + " WHERE target = ? AND removed_at IS NULL ORDER BY id", [target])]


def active(db: Database) -> list[Watch]:
    return [Watch(*row) for row in db.execute(_WATCH + " WHERE removed_at IS NULL ORDER BY id")]


def remove(db: Database, watch_id: int, at: datetime) -> bool:
    with db.atomic():
        return db.execute("UPDATE watches SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                          [at.isoformat(timespec="seconds"), watch_id]).rowcount == 1


def set_cadence(db: Database, watch_id: int, cadence: str) -> None:
    with db.atomic():
        db.execute("UPDATE watches SET cadence = ? WHERE id = ?", [cadence, watch_id])


# --- new papers ---------------------------------------------------------------------------------------

@dataclass
class NewPaper:
    document_id: int
    paper: str  # its source key
    committee: str
    meeting_date: str
    kind: str
    link: str | None
    read_at: str  # when the store read it: a daily digest carries what was read before its moment


def progress(db: Database) -> int:
    row = db.execute("SELECT document_id FROM watch_progress WHERE name = ?", [PROGRESS]).fetchone()
    if row is None:  # the first run: papers read before watches existed are not news
        return db.execute("SELECT COALESCE(max(after_document), 0) FROM watches").fetchone()[0]
    return row[0]


def papers_after(db: Database, document_id: int, limit: int = 500) -> list[NewPaper]:
    """Papers read since `document_id`, oldest first; meeting listings (no paper yet) are not papers."""
    return [NewPaper(*row) for row in db.execute("""
        SELECT d.id, d.source_key, c.name, m.date, d.kind,
               CASE WHEN d.source LIKE 'http://%' OR d.source LIKE 'https://%' THEN d.source END, d.ingested_at
        FROM documents d JOIN committees c ON c.id = d.committee_id JOIN meetings m ON m.id = d.meeting_id
        WHERE d.id > ? AND d.kind != 'listing' ORDER BY d.id LIMIT ?""", [document_id, limit])]


def advance(db: Database, document_id: int) -> None:
    with db.atomic():
        db.execute("INSERT INTO watch_progress (name, document_id) VALUES (?, ?) ON CONFLICT (name)"
                   " DO UPDATE SET document_id = max(document_id, excluded.document_id)", [PROGRESS, document_id])


def record_hits(db: Database, paper: NewPaper, found: dict[int, list[dict]]) -> int:
    """Keep what matched each watch; a paper already found for a watch is not found again. Returns how many are new."""
    added = 0
    with db.atomic():
        for watch_id, matches in found.items():
            added += db.execute(
                "INSERT OR IGNORE INTO watch_hits (watch_id, paper, document_id, committee, meeting_date, paper_kind, link,"
                " matches, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [watch_id, paper.paper, paper.document_id, paper.committee, paper.meeting_date, paper.kind, paper.link,
                 json.dumps(matches), paper.read_at]).rowcount
    return added


_HIT = """
    SELECT h.id, h.watch_id, w.words, w.target, h.committee, h.meeting_date, h.paper_kind, h.link, h.matches, h.found_at
    FROM watch_hits h JOIN watches w ON w.id = h.watch_id"""


def _hits(rows) -> list[WatchHit]:
    return [WatchHit(*row[:8], json.loads(row[8]), row[9]) for row in rows]


def unreported(db: Database, cadence: str, read_before: datetime | None = None) -> list[WatchHit]:
    """Finds not yet in any digest, of live watches with this cadence (and of papers read before a moment), oldest first."""
    rows = db.execute(_HIT + " WHERE h.digest IS NULL AND w.removed_at IS NULL AND w.cadence = ? ORDER BY w.target, h.id",
                      [cadence])
    hits = _hits(rows)
    if read_before is not None:
        hits = [h for h in hits if datetime.fromisoformat(h.found_at) < read_before]
    return hits


def take_for(db: Database, digest: str, hit_ids: list[int]) -> None:
    """Give unreported finds to a digest (after it was claimed): a find belongs to one digest only."""
    with db.atomic():
        for hit_id in hit_ids:
            db.execute("UPDATE watch_hits SET digest = ? WHERE id = ? AND digest IS NULL", [digest, hit_id])


def in_digest(db: Database, digest: str) -> list[WatchHit]:
    return _hits(db.execute(_HIT + " WHERE h.digest = ? ORDER BY w.id, h.id", [digest]))
