"""Key decisions from executives' forward plans, and a panel adding one to its
work programme for pre-decision scrutiny (audited, undoable).

A forward plan is read as a programme of the executive (its rows: each
decision's title, its date, and "Decision maker: …; Lead officer: …" notes);
papers of kind `forward_plan` hold them."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from . import audit

PROGRESS = "forward_plan"
FORWARD_PLAN_KINDS = ("forward_plan",)


@dataclass
class KeyDecision:
    key: str  # the same decision in next month's plan has the same key
    council: str
    executive: str  # the committee whose plan it is
    title: str
    decision_date: str | None  # YYYY-MM-DD, or YYYY-MM, or None
    when_text: str
    decision_maker: str | None
    lead_officer: str | None
    document_id: int
    source: str


def decision_key(council: str, title: str) -> str:
    words = " ".join(re.findall(r"[a-z0-9]+", f"{council}|{title}".lower()))
    return hashlib.sha1(words.encode()).hexdigest()[:20]


def _fields(notes: str) -> dict[str, str]:
    out = {}
    for part in (notes or "").split(";"):
        name, _, value = part.partition(":")
        if value.strip():
            out[name.strip().lower()] = value.strip()
    return out


def decisions_after(db: Database, document_id: int, limit: int = 200) -> tuple[list[KeyDecision], int]:
    """Decisions in forward plans read after `document_id`, and the last such paper's id (or `document_id`)."""
    kinds = ",".join("?" * len(FORWARD_PLAN_KINDS))
    papers = [row[0] for row in db.execute(
        f"SELECT id FROM documents WHERE id > ? AND kind IN ({kinds}) ORDER BY id LIMIT ?", [document_id, *FORWARD_PLAN_KINDS, limit])]
    out = []
    for row in db.execute(f"""
            SELECT c.council, c.name, p.issue, p.meeting_date, p.when_text, p.notes, d.id, d.source
            FROM programme p JOIN documents d ON d.id = p.document_id JOIN committees c ON c.id = p.committee_id
            WHERE d.id IN ({','.join('?' * len(papers))}) ORDER BY d.id, p.position""", papers):
        council, executive, title, day, when_text, notes, doc_id, source = row
        fields = _fields(notes)
        out.append(KeyDecision(decision_key(council, title), council, executive, title, day, when_text,
                               fields.get("decision maker"), fields.get("lead officer"), doc_id, source))
    return out, (papers[-1] if papers else document_id)


def progress(db: Database) -> int:
    row = db.execute("SELECT document_id FROM watch_progress WHERE name = ?", [PROGRESS]).fetchone()
    return row[0] if row else 0


def advance(db: Database, document_id: int) -> None:
    with db.atomic():
        db.execute("INSERT INTO watch_progress (name, document_id) VALUES (?, ?) ON CONFLICT (name)"
                   " DO UPDATE SET document_id = max(document_id, excluded.document_id)", [PROGRESS, document_id])


def remember(db: Database, decision: KeyDecision) -> None:
    """Kept for the button: what was offered, as it was offered."""
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO forward_decisions (decision_key, council, title, decision_date, when_text,"
                   " decision_maker, lead_officer, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [decision.key, decision.council, decision.title, decision.decision_date, decision.when_text,
                    decision.decision_maker, decision.lead_officer, decision.source])


def remembered(db: Database, key: str) -> KeyDecision | None:
    row = db.execute("SELECT decision_key, council, title, decision_date, when_text, decision_maker, lead_officer, source"
                     " FROM forward_decisions WHERE decision_key = ?", [key]).fetchone()
    if row is None:
        return None
    return KeyDecision(row[0], row[1], "", row[2], row[3], row[4], row[5], row[6], 0, row[7])


# --- adding a decision to a panel's work programme ---------------------------------------------------
# An officer's addition is a programme row like any other, held by a small record of its own (a
# document of kind 'officer', tied to no meeting), so `next`, reminders, find and calendars show
# it; the panel's next published programme supersedes it, as it supersedes any older row.

def _source_key(committee_id: int, key: str) -> str:
    return f"officer:pre-decision:{committee_id}:{key}"


def added(db: Database, committee_id: int, key: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE source_key = ?", [_source_key(committee_id, key)]).fetchone() is not None


def add_to_programme(db: Database, committee_id: int, decision: KeyDecision, meeting_date: str | None, by: str,
                     at: datetime) -> bool:
    """False when it was already added."""
    source_key = _source_key(committee_id, decision.key)
    stamp = at.isoformat(timespec="seconds")
    notes = "; ".join(p for p in (f"Pre-decision scrutiny: {decision.decision_maker or 'the executive'} decides "
                                  f"{decision.when_text or 'on a date to be confirmed'}",
                                  f"Lead officer: {decision.lead_officer}" if decision.lead_officer else "",
                                  f"From the forward plan: {decision.source}") if p)
    with db.atomic():
        if added(db, committee_id, decision.key):
            return False
        document_id = db.execute(
            "INSERT INTO documents (content_hash, source, source_key, kind, committee_id, meeting_id, parser_version,"
            " ingested_at, size, warnings, text, known_from, searchable) VALUES (?, ?, ?, 'officer', ?, NULL, 'officer', ?, 0,"
            " '[]', '', ?, 0)",
            [hashlib.sha256(source_key.encode()).hexdigest(), f"added by {by}", source_key, committee_id, stamp,
             at.date().isoformat()]).lastrowid
        # dated as late as the newest programme already read, which it adds to rather than precedes
        newest = db.execute("SELECT max(paper_date) FROM programme WHERE committee_id = ? AND origin = 'table'",
                            [committee_id]).fetchone()[0]
        paper_date = max(at.date().isoformat(), newest or "")
        db.execute("INSERT INTO programme (document_id, committee_id, paper_date, position, meeting_date, when_text, issue,"
                   " last_reported, notes, origin) VALUES (?, ?, ?, 0, ?, ?, ?, '[]', ?, 'officer')",
                   [document_id, committee_id, paper_date, meeting_date, meeting_date or "TBC", decision.title, notes])
        from .save import refresh_programme  # the save path loads the parser: only for a change
        refresh_programme(db, committee_id, paper_date)
        audit.record(db, by, "programme_added", source_key, None,
                     {"committee_id": committee_id, "title": decision.title, "meeting_date": meeting_date}, at)
    return True


def remove_addition(db: Database, source_key: str) -> None:
    """Undo: the addition goes (its programme row with it)."""
    row = db.execute("SELECT id, committee_id FROM documents WHERE source_key = ?", [source_key]).fetchone()
    if row:
        db.execute("DELETE FROM documents WHERE id = ?", [row[0]])
        from .save import refresh_programme
        refresh_programme(db, row[1], None)

