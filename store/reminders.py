"""Reminder settings, subscriptions and the sent-log that makes each reminder go out once."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from . import audit

DEFAULT_OFFSETS = (7, 1)
DEFAULT_TIME = "09:00"
# A claim older than this, never settled, was lost with its sweep. Longer than the
# longest one send can take, twice over (bot.reminders.longest_send: every wait a Slack client may make).
LEASE = timedelta(minutes=30)
# A send whose outcome is unknown (a time-out, a 5xx) is looked for in the channel no
# sooner than this after it: Slack may still be storing a message it answered late.
SETTLE = timedelta(minutes=2)


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


def write_channel(db: Database, committee_id: int, channel: str | None, at: datetime) -> None:
    """The channel row itself, unaudited (set_channel() and undo use it): since when, too."""
    db.execute("UPDATE committees SET channel = ?, channel_since = ? WHERE id = ?", [channel, stamp(at), committee_id])


def set_channel(db: Database, committee_id: int, channel: str | None, by: str, at: datetime) -> bool:
    """Set and audit a panel's channel; False (nothing audited) when it is that channel already."""
    with db.atomic():
        before = db.execute("SELECT channel FROM committees WHERE id = ?", [committee_id]).fetchone()
        if before is not None and before[0] == channel:
            return False
        write_channel(db, committee_id, channel, at)
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


def recipients_since(db: Database, committee_id: int) -> dict[str, datetime | None]:
    """Each target of a panel's reminders (channel:C.., user:U..), with when it
    started getting them (None: not known, from before that was kept)."""
    out: dict[str, datetime | None] = {}
    row = db.execute("SELECT channel, channel_since FROM committees WHERE id = ?", [committee_id]).fetchone()
    if row and row[0]:
        out[f"channel:{row[0]}"] = datetime.fromisoformat(row[1]) if row[1] else None
    for user, created_at in db.execute("SELECT user_id, created_at FROM subscriptions WHERE committee_id = ? ORDER BY created_at",
                                       [committee_id]):
        out[f"user:{user}"] = datetime.fromisoformat(created_at) if created_at else None
    return out


@dataclass
class Claim:
    """The right to send one message, held by one sweep (its token)."""
    token: str
    maybe_sent: bool  # an earlier try may have reached Slack: look for it before posting again
    first_try_at: str | None  # UTC, when that earlier try was made


def stamp(moment: datetime) -> str:
    """A moment as stored: ISO with its UTC offset. Claims and leases compare stamps with
    julianday(), which reads the offset; as text, London stamps of the repeated autumn
    hour (or a stamp in UTC beside one in BST) compare wrongly."""
    return moment.isoformat(timespec="seconds")


_REMINDER = "meeting_id = :meeting AND offset_days = :offset AND target = :target"
# taken again: a send that certainly failed (retry, not maybe sent); one whose outcome is
# unknown once Slack has had time to settle it; a claim whose sweep died, after the lease
_TAKEABLE = ("(status = 'retry' AND (maybe_sent = 0 OR julianday(claimed_at) <= julianday(:settled)))"
             " OR (status = 'claimed' AND julianday(claimed_at) < julianday(:expired))")


def claim(db: Database, meeting_id: int, offset_days: int, target: str, now: datetime, late: bool) -> Claim | None:
    """Take the right to send this reminder: a Claim for exactly one caller at a
    time, else None. Taken again only as _TAKEABLE says."""
    key = {"meeting": meeting_id, "offset": offset_days, "target": target, "now": stamp(now),
           "token": secrets.token_hex(8), "late": int(late),
           "settled": stamp(now - SETTLE), "expired": stamp(now - LEASE)}
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO reminder_log (meeting_id, offset_days, target, status, claimed_at, late, claim_token)"
            " VALUES (:meeting, :offset, :target, 'claimed', :now, :late, :token)", key)
        if cursor.rowcount == 1:
            return Claim(key["token"], False, None)
        row = db.execute(f"SELECT maybe_sent, first_try_at FROM reminder_log WHERE {_REMINDER} AND ({_TAKEABLE})", key).fetchone()
        if row is None:
            return None
        db.execute(f"UPDATE reminder_log SET status = 'claimed', claimed_at = :now, claim_token = :token,"
                   f" attempts = attempts + 1, late = :late WHERE {_REMINDER}", key)
        return Claim(key["token"], bool(row[0]), row[1])


def trying(db: Database, meeting_id: int, offset_days: int, target: str, claim_held: Claim, now: datetime) -> bool:
    """Record "maybe sent" before posting, so that a crash after the post is looked
    for and not repeated. False: the claim is no longer this sweep's; do not post."""
    with db.atomic():
        cursor = db.execute(
            f"UPDATE reminder_log SET maybe_sent = 1, first_try_at = COALESCE(first_try_at, :now)"
            f" WHERE {_REMINDER} AND status = 'claimed' AND claim_token = :token",
            {"meeting": meeting_id, "offset": offset_days, "target": target, "now": stamp(now), "token": claim_held.token})
    return cursor.rowcount == 1


def record(db: Database, meeting_id: int, offset_days: int, target: str, status: str, now: datetime,
           error: str | None = None, message_ts: str | None = None, maybe_sent: bool = False) -> None:
    """How a send ended: sent, failed (for good), or retry; maybe_sent when Slack may have it."""
    with db.atomic():
        db.execute(f"UPDATE reminder_log SET status = :status, sent_at = :sent_at, error = :error, message_ts = :ts,"
                   f" maybe_sent = :maybe, first_try_at = CASE WHEN :maybe THEN first_try_at END WHERE {_REMINDER}",
                   {"status": status, "sent_at": stamp(now) if status == "sent" else None, "error": error,
                    "ts": message_ts, "maybe": int(maybe_sent), "meeting": meeting_id, "offset": offset_days, "target": target})


def skip(db: Database, meeting_id: int, offset_days: int, target: str, now: datetime, why: str) -> None:
    """A reminder overtaken by a later one (the bot was down across both): never sent."""
    with db.atomic():
        db.execute("INSERT OR IGNORE INTO reminder_log (meeting_id, offset_days, target, status, claimed_at, error)"
                   " VALUES (?, ?, ?, 'skipped', ?, ?)", [meeting_id, offset_days, target, stamp(now), why])


def log_rows(db: Database, status: tuple[str, ...] | None = None, limit: int = 50) -> list[LogRow]:
    where = f"WHERE l.status IN ({','.join('?' * len(status))})" if status else ""
    rows = db.execute(f"""
        SELECT l.meeting_id, l.offset_days, l.target, l.status, l.claimed_at, l.sent_at, l.attempts, l.error, l.late,
               c.name, m.date
        FROM reminder_log l JOIN meetings m ON m.id = l.meeting_id JOIN committees c ON c.id = m.committee_id
        {where} ORDER BY julianday(l.claimed_at) DESC LIMIT ?""", [*(status or ()), limit]).fetchall()
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


def claim_in(db: Database, table: str, key: dict[str, object], now: datetime, late: bool) -> Claim | None:
    """claim() for a log table keyed on `key`'s columns (table and columns are the caller's constants)."""
    where, values = _where(key)
    token = secrets.token_hex(8)
    with db.atomic():
        cursor = db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(key)}, status, claimed_at, late, claim_token)"
                            f" VALUES ({', '.join('?' * len(key))}, 'claimed', ?, ?, ?)", [*values, stamp(now), int(late), token])
        if cursor.rowcount == 1:
            return Claim(token, False, None)
        takeable = _TAKEABLE.replace(":settled", "?").replace(":expired", "?")
        row = db.execute(f"SELECT maybe_sent, first_try_at FROM {table} WHERE {where} AND ({takeable})",
                         [*values, stamp(now - SETTLE), stamp(now - LEASE)]).fetchone()
        if row is None:
            return None
        db.execute(f"UPDATE {table} SET status = 'claimed', claimed_at = ?, claim_token = ?, attempts = attempts + 1 WHERE {where}",
                   [stamp(now), token, *values])
        return Claim(token, bool(row[0]), row[1])


def trying_in(db: Database, table: str, key: dict[str, object], claim_held: Claim, now: datetime) -> bool:
    """trying() for a log table keyed on `key`'s columns."""
    where, values = _where(key)
    with db.atomic():
        cursor = db.execute(f"UPDATE {table} SET maybe_sent = 1, first_try_at = COALESCE(first_try_at, ?)"
                            f" WHERE {where} AND status = 'claimed' AND claim_token = ?", [stamp(now), *values, claim_held.token])
    return cursor.rowcount == 1


def record_in(db: Database, table: str, key: dict[str, object], status: str, now: datetime, error: str | None = None,
              message_ts: str | None = None, maybe_sent: bool = False) -> None:
    where, values = _where(key)
    with db.atomic():
        db.execute(f"UPDATE {table} SET status = ?, sent_at = ?, error = ?, message_ts = ?, maybe_sent = ?,"
                   f" first_try_at = CASE WHEN ? THEN first_try_at END WHERE {where}",
                   [status, stamp(now) if status == "sent" else None, error, message_ts, int(maybe_sent), int(maybe_sent),
                    *values])


def skip_in(db: Database, table: str, key: dict[str, object], now: datetime, why: str) -> None:
    with db.atomic():
        db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(key)}, status, claimed_at, error)"
                   f" VALUES ({', '.join('?' * len(key))}, 'skipped', ?, ?)", [*key.values(), stamp(now), why])


def logged_in(db: Database, table: str, key: dict[str, object]) -> str | None:
    where, values = _where(key)
    row = db.execute(f"SELECT status FROM {table} WHERE {where}", values).fetchone()
    return row[0] if row else None


# --- meeting changes announced in a panel's channel: sent once, like reminders ---------------------

@dataclass
class ChangeRow:
    id: int
    meeting_id: int
    channel: str
    before: dict
    after: dict


def changes_to_send(db: Database, now: datetime) -> list[ChangeRow]:
    """Changes waiting to be announced, or to be tried again."""
    rows = db.execute(f"SELECT id, meeting_id, channel, before, after FROM meeting_changes WHERE status = 'pending' OR {_TAKEABLE}"
                      " ORDER BY id", {"settled": stamp(now - SETTLE), "expired": stamp(now - LEASE)}).fetchall()
    return [ChangeRow(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4])) for r in rows]


def claim_change(db: Database, change_id: int, now: datetime) -> Claim | None:
    key = {"id": change_id, "now": stamp(now), "token": secrets.token_hex(8),
           "settled": stamp(now - SETTLE), "expired": stamp(now - LEASE)}
    with db.atomic():
        row = db.execute(f"SELECT maybe_sent, first_try_at FROM meeting_changes WHERE id = :id AND (status = 'pending' OR {_TAKEABLE})",
                         key).fetchone()
        if row is None:
            return None
        db.execute("UPDATE meeting_changes SET status = 'claimed', claimed_at = :now, claim_token = :token, attempts = attempts + 1"
                   " WHERE id = :id", key)
        return Claim(key["token"], bool(row[0]), row[1])


def trying_change(db: Database, change_id: int, claim_held: Claim, now: datetime) -> bool:
    with db.atomic():
        cursor = db.execute("UPDATE meeting_changes SET maybe_sent = 1, first_try_at = COALESCE(first_try_at, ?)"
                            " WHERE id = ? AND status = 'claimed' AND claim_token = ?", [stamp(now), change_id, claim_held.token])
    return cursor.rowcount == 1


def record_change(db: Database, change_id: int, status: str, now: datetime, error: str | None = None,
                  message_ts: str | None = None, maybe_sent: bool = False) -> None:
    with db.atomic():
        db.execute("UPDATE meeting_changes SET status = ?, sent_at = ?, error = ?, message_ts = ?, maybe_sent = ?,"
                   " first_try_at = CASE WHEN ? THEN first_try_at END WHERE id = ?",
                   [status, stamp(now) if status == "sent" else None, error, message_ts, int(maybe_sent), int(maybe_sent),
                    change_id])
