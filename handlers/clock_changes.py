"""The audit's words for changes to the clocks, and how undo puts each back:
a recommendation's state, a response match confirmed or rejected, a council's
clock settings, a panel's clock reminders."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from store import audit
from store import council_settings as cs
from store import recommendations as tracker

from .reply import escape

KINDS = ("recommendation", "recommendation_match", "council_settings", "clock_settings")


def _rec_text(db: Database, rec_key: str) -> str:
    row = db.execute("SELECT text FROM recommendations WHERE rec_key = ? LIMIT 1", [rec_key]).fetchone()
    return f"recommendation “{escape((row[0] if row else 'no longer in the papers')[:80])}”"


def _diff(before: dict, after: dict) -> str:
    keys = [k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return ", ".join(f"{escape(k.replace('_', ' '))} {escape(str(before.get(k) if before.get(k) is not None else '-'))}"
                     f" → {escape(str(after.get(k) if after.get(k) is not None else '-'))}" for k in keys) or "no change"


def describe(change: audit.Change, db: Database) -> str:
    before, after = change.before or {}, change.after or {}
    if change.change == "recommendation":
        return f"{_rec_text(db, change.subject[4:])}: {_diff(before, after)}"
    if change.change == "recommendation_match":
        rec_key = change.subject.split(":")[1]
        return f"a response to {_rec_text(db, rec_key)}: {before.get('state') or 'none'} → {after.get('state') or 'none'}"
    if change.change == "council_settings":
        return f"{escape(change.subject[8:])} clock settings: {_diff(before, after)}"
    panel = db.execute("SELECT name FROM committees WHERE id = ?", [change.subject.split(":")[1]]).fetchone()
    return f"{escape(panel[0]) if panel else 'a panel'} clock reminders: {_diff(before, after)}"


def panel_of(change: audit.Change, db: Database) -> int | None:
    """The panel whose editors may undo this change."""
    if change.change in ("recommendation", "recommendation_match"):
        row = db.execute("SELECT committee_id FROM recommendations WHERE rec_key = ? LIMIT 1",
                         [change.subject.split(":")[1]]).fetchone()
        return row[0] if row else None
    if change.change == "council_settings":
        row = db.execute("SELECT id FROM committees WHERE council = ? ORDER BY id LIMIT 1", [change.subject[8:]]).fetchone()
        return row[0] if row else None
    return int(change.subject.split(":")[1])


def restore(change: audit.Change, db: Database, who: str, now: datetime) -> None:
    """Inside undo's transaction."""
    if change.change == "recommendation":
        tracker.write_state(db, change.subject[4:], change.before, who, now)
    elif change.change == "recommendation_match":
        _, rec_key, response_key = change.subject.split(":")
        tracker.write_match(db, rec_key, response_key, change.before, who, now)
    elif change.change == "council_settings":
        cs.write_council_settings(db, change.subject[8:], change.before or {}, who, now)
    else:
        cs.write_clock_settings(db, int(change.subject.split(":")[1]), change.before, who, now)
