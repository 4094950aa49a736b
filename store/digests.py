"""A panel's weekly digest: its settings (audited), and what happened since the
last one (papers read, actions new and closed)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from . import audit, queries

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_TIME = "09:00"


@dataclass
class DigestSettings:
    committee_id: int
    weekday: int
    send_time: str
    enabled: bool

    def as_dict(self) -> dict:
        return {"weekday": self.weekday, "send_time": self.send_time, "enabled": self.enabled}


def settings(db: Database, committee_id: int) -> DigestSettings:
    row = db.execute("SELECT weekday, send_time, enabled FROM digest_settings WHERE committee_id = ?", [committee_id]).fetchone()
    if row is None:
        return DigestSettings(committee_id, DEFAULT_WEEKDAY, DEFAULT_TIME, True)
    return DigestSettings(committee_id, row[0], row[1], bool(row[2]))


def write_settings(db: Database, value: DigestSettings, by: str, at: datetime) -> None:
    """The row itself, unaudited: save_settings() and undo use it."""
    db.execute("""INSERT INTO digest_settings (committee_id, weekday, send_time, enabled, updated_by, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT (committee_id) DO UPDATE SET weekday = excluded.weekday, send_time = excluded.send_time,
                    enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = excluded.updated_at""",
               [value.committee_id, value.weekday, value.send_time, int(value.enabled), by, at.isoformat(timespec="seconds")])


def save_settings(db: Database, value: DigestSettings, by: str, at: datetime) -> bool:
    """Audited; False (and nothing recorded) when nothing changes."""
    with db.atomic():
        before = settings(db, value.committee_id)
        if before.as_dict() == value.as_dict():
            return False
        write_settings(db, value, by, at)
        audit.record(db, by, "digest_settings", str(value.committee_id), before.as_dict(), value.as_dict(), at)
    return True


def settings_from(committee_id: int, state: dict) -> DigestSettings:
    return DigestSettings(committee_id, int(state["weekday"]), state["send_time"], bool(state["enabled"]))


def last_digest(db: Database, committee_id: int, target: str) -> str | None:
    """When the panel's last weekly digest to this place was claimed (sent, or found empty)."""
    row = db.execute("SELECT max(claimed_at) FROM digest_log WHERE digest LIKE ? AND target = ? AND status IN ('sent', 'skipped')",
                     [f"weekly:{committee_id}:%", target]).fetchone()
    return row[0] if row else None


@dataclass
class PaperRead:
    kind: str
    meeting_date: str
    source: str
    read_at: str


def _moment(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _within(stamp: str | None, since: datetime, until: datetime) -> bool:
    # stamps are written with their own UTC offsets (London, or the machine's): compared as moments, not as text
    return bool(stamp) and since < _moment(stamp) <= until


def papers_since(db: Database, committee_id: int, since: datetime, until: datetime) -> list[PaperRead]:
    """Papers of the panel read in (since, until]: agendas, minutes, supplements and reports packs; not bare listings."""
    rows = db.execute("""
        SELECT d.kind, m.date, d.source, d.ingested_at FROM documents d JOIN meetings m ON m.id = d.meeting_id
        WHERE d.committee_id = ? AND d.ingested_at >= ? AND d.kind != 'listing'
        ORDER BY m.date, d.id""", [committee_id, (since - timedelta(days=2)).date().isoformat()])  # a margin for offsets
    return [PaperRead(*row) for row in rows if _within(row[3], since, until)]


def actions_new_since(db: Database, committee_id: int, since: datetime, until: datetime) -> list[queries.ActionRow]:
    """Open actions first read in (since, until]."""
    read_at: dict[str, list[str]] = {}
    for key, stamp in db.execute("SELECT a.action_key, d.ingested_at FROM actions a JOIN documents d ON d.id = a.document_id"
                                 " WHERE d.committee_id = ?", [committee_id]):
        read_at.setdefault(key, []).append(stamp)
    fresh = {key for key, stamps in read_at.items()
             if any(_within(s, since, until) for s in stamps) and not any(_moment(s) <= since for s in stamps)}
    return [a for a in queries.actions(db, committee_id, "open", limit=1000) if a.action_key in fresh]


def actions_closed_since(db: Database, committee_id: int, since: datetime, until: datetime) -> list[queries.ActionRow]:
    return [a for a in queries.actions(db, committee_id, "done", limit=1000) if _within(a.done_at, since, until)]
