"""Every change a person makes (an action done or reopened, reminder settings,
a panel's channel) is recorded with who, when, before and after, and can be undone."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database


@dataclass
class Change:
    id: int
    at: str
    user: str
    change: str
    subject: str
    before: dict | None
    after: dict | None
    undone_by: int | None


def record(db: Database, user: str, change: str, subject: str, before: dict | None, after: dict | None,
           at: datetime) -> int:
    """Call inside the transaction that makes the change."""
    return db.execute("INSERT INTO audit_log (at, user, change, subject, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                      [at.isoformat(timespec="seconds"), user, change, subject,
                       json.dumps(before) if before is not None else None,
                       json.dumps(after) if after is not None else None]).lastrowid


def _row(row) -> Change:
    return Change(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]) if row[5] else None,
                  json.loads(row[6]) if row[6] else None, row[7])


def recent(db: Database, limit: int = 20, offset: int = 0) -> list[Change]:
    return [_row(r) for r in db.execute(
        "SELECT id, at, user, change, subject, before, after, undone_by FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
        [limit, offset])]


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def get(db: Database, change_id: int) -> Change | None:
    row = db.execute("SELECT id, at, user, change, subject, before, after, undone_by FROM audit_log WHERE id = ?",
                     [change_id]).fetchone()
    return _row(row) if row else None


def latest_for(db: Database, subject: str) -> Change | None:
    row = db.execute("SELECT id, at, user, change, subject, before, after, undone_by FROM audit_log"
                     " WHERE subject = ? ORDER BY id DESC LIMIT 1", [subject]).fetchone()
    return _row(row) if row else None


def mark_undone(db: Database, change_id: int, undo_id: int) -> None:
    db.execute("UPDATE audit_log SET undone_by = ? WHERE id = ?", [undo_id, change_id])
