"""Reminder settings, subscriptions and the sent-log that makes each reminder go out once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from . import audit

DEFAULT_OFFSETS = (7, 1)
DEFAULT_TIME = "09:00"
LEASE = timedelta(minutes=10)  # a claim older than this, never marked sent, was lost with its process


@dataclass
class Settings:
    committee_id: int
    offsets: tuple[int, ...]
    send_time: str
    enabled: bool


@dataclass
class LogRow:
    meeting_id: int
    offset_days: int
    target: str
    status: str
    claimed_at: str
    sent_at: str | None
    attempts: int
    error: str | None
    late: bool
    committee: str
    meeting_date: str


def settings(db: Database, committee_id: int) -> Settings:
    row = db.execute("SELECT offsets, send_time, enabled FROM reminder_settings WHERE committee_id = ?", [committee_id]).fetchone()
    if row is None:
        return Settings(committee_id, DEFAULT_OFFSETS, DEFAULT_TIME, True)
    return Settings(committee_id, tuple(json.loads(row[0])), row[1], bool(row[2]))


def _as_dict(value: Settings) -> dict:
    return {"offsets": list(value.offsets), "send_time": value.send_time, "enabled": value.enabled}


def write_settings(db: Database, value: Settings, by: str, at: datetime) -> None:
    """The settings row itself, unaudited: save_settings() and undo use it."""
    db.execute("""INSERT INTO reminder_settings (committee_id, offsets, send_time, enabled, updated_by, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT (committee_id) DO UPDATE SET offsets = excluded.offsets, send_time = excluded.send_time,
                    enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = excluded.updated_at""",
               [value.committee_id, json.dumps(sorted(set(value.offsets), reverse=True)), value.send_time,
                int(value.enabled), by, at.isoformat(timespec="seconds")])


def save_settings(db: Database, value: Settings, by: str, at: datetime) -> bool:
    """Write and audit new settings; False (nothing written or audited) when they are the same as now."""
    with db.atomic():
        before = settings(db, value.committee_id)
        wanted = Settings(value.committee_id, tuple(sorted(set(value.offsets), reverse=True)), value.send_time, value.enabled)
        if _as_dict(before) == _as_dict(wanted):
            return False
        write_settings(db, value, by, at)
        audit.record(db, by, "reminder_settings", str(value.committee_id), _as_dict(before),
                     _as_dict(settings(db, value.committee_id)), at)
    return True


def settings_from(committee_id: int, state: dict) -> Settings:
    return Settings(committee_id, tuple(state["offsets"]), state["send_time"], bool(state["enabled"]))


def set_channel(db: Database, committee_id: int, channel: str | None, by: str, at: datetime) -> bool:
    """Set and audit a panel's channel; False (nothing audited) when it is that channel already."""
    with db.atomic():
        before = db.execute("SELECT channel FROM committees WHERE id = ?", [committee_id]).fetchone()
        if before is not None and before[0] == channel:
            return False
        db.execute("UPDATE committees SET channel = ? WHERE id = ?", [channel, committee_id])
        audit.record(db, by, "channel", str(committee_id), {"channel": before[0] if before else None},
                     {"channel": channel}, at)
    return True


def subscribe(db: Database, committee_id: int, user: str, at: datetime) -> bool:
    with db.atomic():
        cursor = db.execute("INSERT OR IGNORE INTO subscriptions (committee_id, user_id, created_at) VALUES (?, ?, ?)",
                            [committee_id, user, at.isoformat(timespec="seconds")])
    return cursor.rowcount == 1


def unsubscribe(db: Database, committee_id: int, user: str) -> bool:
    with db.atomic():
        cursor = db.execute("DELETE FROM subscriptions WHERE committee_id = ? AND user_id = ?", [committee_id, user])
    return cursor.rowcount == 1


def subscribers(db: Database, committee_id: int) -> list[str]:
    return [r[0] for r in db.execute("SELECT user_id FROM subscriptions WHERE committee_id = ? ORDER BY created_at", [committee_id])]


def subscriptions_of(db: Database, user: str) -> list[int]:
    """The panels (committee ids) a person subscribed to, in the order they did."""
    return [r[0] for r in db.execute("SELECT committee_id FROM subscriptions WHERE user_id = ? ORDER BY created_at", [user])]


def claim(db: Database, meeting_id: int, offset_days: int, target: str, now: datetime, late: bool) -> bool:
    """Take the right to send this reminder. True for exactly one caller, ever,
    unless an earlier claim was left unsent past its lease (a crashed process)
    or its send is to be retried."""
    stamp = now.isoformat(timespec="seconds")
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO reminder_log (meeting_id, offset_days, target, status, claimed_at, late)"
            " VALUES (?, ?, ?, 'claimed', ?, ?)", [meeting_id, offset_days, target, stamp, int(late)])
        if cursor.rowcount == 1:
            return True
        cursor = db.execute(
            "UPDATE reminder_log SET status = 'claimed', claimed_at = ?, attempts = attempts + 1"
            " WHERE meeting_id = ? AND offset_days = ? AND target = ?"
            " AND (status = 'retry' OR (status = 'claimed' AND claimed_at < ?))",
            [stamp, meeting_id, offset_days, target, (now - LEASE).isoformat(timespec="seconds")])
        return cursor.rowcount == 1


def record(db: Database, meeting_id: int, offset_days: int, target: str, status: str, now: datetime,
           error: str | None = None, message_ts: str | None = None) -> None:
    with db.atomic():
        db.execute("UPDATE reminder_log SET status = ?, sent_at = ?, error = ?, message_ts = ?"
                   " WHERE meeting_id = ? AND offset_days = ? AND target = ?",
                   [status, now.isoformat(timespec="seconds") if status == "sent" else None, error, message_ts,
                    meeting_id, offset_days, target])


def skip(db: Database, meeting_id: int, offset_days: int, target: str, now: datetime, why: str) -> None:
    """A reminder overtaken by a later one (the bot was down across both): never sent."""
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO reminder_log (meeting_id, offset_days, target, status, claimed_at, error)"
                   " VALUES (?, ?, ?, 'skipped', ?, ?)", [meeting_id, offset_days, target, now.isoformat(timespec="seconds"), why])


def log_rows(db: Database, status: tuple[str, ...] | None = None, limit: int = 50) -> list[LogRow]:
    where = f"WHERE l.status IN ({','.join('?' * len(status))})" if status else ""
    rows = db.execute(f"""
        SELECT l.meeting_id, l.offset_days, l.target, l.status, l.claimed_at, l.sent_at, l.attempts, l.error, l.late,
               c.name, m.date
        FROM reminder_log l JOIN meetings m ON m.id = l.meeting_id JOIN committees c ON c.id = m.committee_id
        {where} ORDER BY l.claimed_at DESC LIMIT ?""", [*(status or ()), limit]).fetchall()
    return [LogRow(*r[:8], bool(r[8]), *r[9:]) for r in rows]


def already_logged(db: Database, meeting_id: int, offset_days: int, target: str) -> str | None:
    row = db.execute("SELECT status FROM reminder_log WHERE meeting_id = ? AND offset_days = ? AND target = ?",
                     [meeting_id, offset_days, target]).fetchone()
    return row[0] if row else None


# --- the same claim for any clock ----------------------------------------------------------------------
# The statutory clocks (responses due, report deadlines, call-in windows, the weekly overdue line) claim their
# sends exactly as meeting reminders do, in a log of the same shape keyed on a clock name instead of a meeting.

def _where(key: dict[str, object]) -> tuple[str, list]:
    return " AND ".join(f"{column} = ?" for column in key), list(key.values())


def claim_in(db: Database, table: str, key: dict[str, object], now: datetime, late: bool) -> bool:
    """claim() for a log table keyed on `key`'s columns (table and columns are the caller's constants)."""
    stamp = now.isoformat(timespec="seconds")
    where, values = _where(key)
    with db.atomic():
        cursor = db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(key)}, status, claimed_at, late)"
                            f" VALUES ({', '.join('?' * len(key))}, 'claimed', ?, ?)", [*values, stamp, int(late)])
        if cursor.rowcount == 1:
            return True
        cursor = db.execute(f"UPDATE {table} SET status = 'claimed', claimed_at = ?, attempts = attempts + 1 WHERE {where}"
                            " AND (status = 'retry' OR (status = 'claimed' AND claimed_at < ?))",
                            [stamp, *values, (now - LEASE).isoformat(timespec="seconds")])
        return cursor.rowcount == 1


def record_in(db: Database, table: str, key: dict[str, object], status: str, now: datetime, error: str | None = None,
              message_ts: str | None = None) -> None:
    where, values = _where(key)
    with db.atomic():
        db.execute(f"UPDATE {table} SET status = ?, sent_at = ?, error = ?, message_ts = ? WHERE {where}",
                   [status, now.isoformat(timespec="seconds") if status == "sent" else None, error, message_ts, *values])


def skip_in(db: Database, table: str, key: dict[str, object], now: datetime, why: str) -> None:
    with db.atomic():
        db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(key)}, status, claimed_at, error)"
                   f" VALUES ({', '.join('?' * len(key))}, 'skipped', ?, ?)", [*key.values(), now.isoformat(timespec="seconds"), why])


def logged_in(db: Database, table: str, key: dict[str, object]) -> str | None:
    where, values = _where(key)
    row = db.execute(f"SELECT status FROM {table} WHERE {where}", values).fetchone()
    return row[0] if row else None
