"""Copies out of the store: a consistent backup while the bot runs, and the
action tracker as a spreadsheet."""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import TextIO

from sqlite_utils import Database

from . import queries

# "number" is what `/scrutiny actions <number> owner …` and `actions done <number>` take
ACTION_COLUMNS = ["number", "panel", "meeting_date", "item", "item_title", "action", "owner", "due", "status", "done_by",
                  "done_at", "paper", "source"]


def backup(db: Database, destination: str | Path) -> None:
    """SQLite's online backup: a consistent copy, taken page by page while writers carry on."""
    target = sqlite3.connect(str(destination))
    try:
        db.conn.backup(target, pages=1024)
    finally:
        target.close()


def actions_csv(db: Database, out: TextIO, status: str = "all", committee_id: int | None = None) -> int:
    writer = csv.writer(out)
    writer.writerow(ACTION_COLUMNS)
    rows = queries.actions(db, committee_id, status=status)
    for a in rows:
        writer.writerow([a.id, a.committee, a.meeting_date, a.item_number or "", a.item_title or "", a.text, a.owner or "",
                         a.due or "", a.status, a.done_by or "", a.done_at or "", a.document_kind, a.source])
    return len(rows)
