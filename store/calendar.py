"""What a panel's calendar feed holds: one event per meeting, with a UID that
outlives a rearrangement, and the revision (SEQUENCE) of each event.

A rearranged meeting is two rows in `meetings` (the old date, marked
rearranged, and the new one, with moved_from); in a calendar it is one event
that moved, so the UID comes from the first date of that chain."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from . import queries
from .queries import Committee, MeetingRow

HISTORY_DAYS = 365  # feeds carry the past year and everything ahead


@dataclass
class MeetingEvent:
    uid: str
    committee: Committee
    date: str
    time: str | None  # HH:MM London; None: the papers give no time (an all-day event)
    venue: str | None
    cancelled: bool
    moved_from: str | None  # the date it was first set for, when rearranged
    agenda_url: str | None
    agenda: list[str] = field(default_factory=list)
    programme: list[str] = field(default_factory=list)
    finish_time: str | None = None  # HH:MM, where the council's site gives it


def feed_name(committee: Committee, panels: list[Committee]) -> str:
    """The panel's part of the feed's path: its slug, with its council's when two councils share it."""
    if sum(1 for p in panels if p.slug == committee.slug) > 1 and committee.council:
        from .save import slugify
        return f"{slugify(committee.council)}--{committee.slug}"
    return committee.slug


def committee_by_feed_name(db: Database, name: str) -> Committee | None:
    panels = queries.committees(db)
    return next((p for p in panels if feed_name(p, panels) == name), None)


def _uid(committee: Committee, first_date: str) -> str:
    council = hashlib.sha1(committee.council.encode()).hexdigest()[:8]
    return f"{first_date}-{committee.slug}-{council}@scrutiny-bot"


def _first_date(meeting: MeetingRow, by_date: dict[str, MeetingRow]) -> str:
    current, seen = meeting, {meeting.date}
    while current.moved_from and current.moved_from in by_date and current.moved_from not in seen:
        current = by_date[current.moved_from]
        seen.add(current.date)
    return current.moved_from if current.moved_from and current.moved_from not in seen else current.date


def _agenda_url(db: Database, meeting_id: int) -> str | None:
    """The meeting's agenda on the council's site (else its minutes), when the paper came from one."""
    row = db.execute("""
        SELECT source FROM documents WHERE meeting_id = ? AND (source LIKE 'http://%' OR source LIKE 'https://%')
          AND kind != 'listing'
        ORDER BY kind IN ('agenda', 'agenda_and_minutes') DESC, id DESC LIMIT 1""", [meeting_id]).fetchone()
    return row[0] if row else None


def events(db: Database, committees: list[Committee], today: date) -> list[MeetingEvent]:
    since = date.fromordinal(today.toordinal() - HISTORY_DAYS).isoformat()
    out: list[MeetingEvent] = []
    for committee in committees:
        rows = [queries.MeetingRow(*r) for r in db.execute(
            queries._MEETING_SQL + " WHERE m.committee_id = ? ORDER BY m.date", [committee.id])]
        by_date = {m.date: m for m in rows}
        for meeting in rows:
            if meeting.date < since and not (meeting.moved_to and meeting.moved_to >= since):
                continue
            if meeting.status == "rearranged" and meeting.moved_to:
                if meeting.moved_to in by_date:
                    continue  # the new date's row is this event now
                # moved to a date no paper lists yet: the event moves, its time unknown
                out.append(MeetingEvent(_uid(committee, _first_date(meeting, by_date)), committee, meeting.moved_to, None,
                                        None, False, meeting.date, None))
                continue
            first = _first_date(meeting, by_date)
            agenda = [f"{i.number} {i.title}" if i.number else i.title for i in queries.agenda_items(db, meeting.id)]
            programme = [row.issue for row in queries.programme_for(db, committee.id, meeting.date)]
            out.append(MeetingEvent(_uid(committee, first), committee, meeting.date, meeting.time, meeting.venue,
                                    meeting.status == "cancelled", first if first != meeting.date else None,
                                    _agenda_url(db, meeting.id), agenda, programme, meeting.finish_time))
    return out


@dataclass
class Revision:
    sequence: int
    created_at: str
    changed_at: str


def revisions(db: Database, fingerprints: dict[str, str], now: datetime) -> dict[str, Revision]:
    """Each event's revision: a new event is 0; one whose content changed since
    the feed was last made goes up by one, with the time of the change."""
    stamp = now.isoformat(timespec="seconds")
    out: dict[str, Revision] = {}
    with db.atomic():
        known = {}
        uids = list(fingerprints)
        for start in range(0, len(uids), 500):
            chunk = uids[start:start + 500]
            known.update({r[0]: r[1:] for r in db.execute(
                f"SELECT uid, fingerprint, sequence, created_at, changed_at FROM calendar_events"
                f" WHERE uid IN ({','.join('?' * len(chunk))})", chunk)})
        for uid, fingerprint in fingerprints.items():
            if uid not in known:
                db.execute("INSERT INTO calendar_events (uid, fingerprint, sequence, created_at, changed_at)"
                           " VALUES (?, ?, 0, ?, ?)", [uid, fingerprint, stamp, stamp])
                out[uid] = Revision(0, stamp, stamp)
                continue
            old_fingerprint, sequence, created, changed = known[uid]
            if old_fingerprint != fingerprint:
                sequence, changed = sequence + 1, stamp
                db.execute("UPDATE calendar_events SET fingerprint = ?, sequence = ?, changed_at = ? WHERE uid = ?",
                           [fingerprint, sequence, changed, uid])
            out[uid] = Revision(sequence, created, changed)
    return out
