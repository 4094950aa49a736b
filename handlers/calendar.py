"""Calendar feeds (iCalendar, RFC 5545): one per panel and one for every panel,
for Outlook, Google Calendar and Apple Calendar to subscribe to.

- Times are written in UTC (converted from London time), so no client has to
  know Europe/London's rules; X-WR-TIMEZONE tells Google which zone to show.
  A meeting whose papers give no time is an all-day event.
- An event ends at the finish time the council's site gives; papers never
  give one, and then it lasts two hours (DEFAULT_LENGTH).
- A rearranged meeting keeps its UID and its SEQUENCE goes up; a cancelled one
  stays, marked STATUS:CANCELLED (clients strike it through or remove it).
- Written with the maintained `icalendar` package: escaping, line folding at
  75 octets and CRLF line ends are its job, not ours."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from corpus.dates import human_date
from store import calendar as store_calendar
from store import queries
from store.calendar import MeetingEvent
from store.queries import Committee

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
DEFAULT_LENGTH = timedelta(hours=2)
PRODID = "-//Scrutiny bot//Committee meetings//EN"
ALL = "all"


def feed_url(base: str | None, committee: Committee | None, panels: list[Committee]) -> str | None:
    """Where the feed is served in HTTP mode (SCRUTINY_PUBLIC_URL), or None when the bot has no public address."""
    if not base:
        return None
    name = store_calendar.feed_name(committee, panels) if committee else ALL
    return f"{base.rstrip('/')}/calendar/{name}.ics"


def _start(event: MeetingEvent) -> datetime | date:
    day = date.fromisoformat(event.date)
    if not event.time:
        return day
    hour, minute = (int(p) for p in event.time.split(":")[:2])
    # through UTC and back: a wall time the spring change skips is settled the same way reminders settle it
    return datetime.combine(day, time(hour, minute), LONDON).astimezone(UTC)


def _end(event: MeetingEvent, start: datetime | date) -> datetime | date:
    if not isinstance(start, datetime):
        return start + timedelta(days=1)
    if event.finish_time:
        hour, minute = (int(p) for p in event.finish_time.split(":")[:2])
        finish = datetime.combine(date.fromisoformat(event.date), time(hour, minute), LONDON).astimezone(UTC)
        if finish > start:
            return finish
    return start + DEFAULT_LENGTH


def _description(event: MeetingEvent) -> str:
    parts = []
    if event.cancelled:
        parts.append("This meeting has been cancelled.")
    if event.moved_from:
        parts.append(f"Moved from {human_date(date.fromisoformat(event.moved_from))}.")
    if not event.time:
        parts.append("Time to be confirmed.")
    if event.agenda_url:
        parts.append(f"Agenda: {event.agenda_url}")
    if event.agenda:
        parts.append("Agenda items:\n" + "\n".join(f"• {line}" for line in event.agenda[:40]))
    if event.programme:
        parts.append("On the work programme:\n" + "\n".join(f"• {issue}" for issue in event.programme[:40]))
    return "\n\n".join(parts)


def _summary(event: MeetingEvent) -> str:
    # Google Calendar shows a cancelled event in a subscribed feed as it shows any other: say it in the title too
    return ("Cancelled: " if event.cancelled else "") + event.committee.name


def _fingerprint(event: MeetingEvent) -> str:
    start = _start(event)
    facts = [str(start), str(_end(event, start)), event.venue or "", _summary(event), _description(event), event.agenda_url or "",
             "cancelled" if event.cancelled else "confirmed"]
    return hashlib.sha1("\x1f".join(facts).encode()).hexdigest()


def _stamp(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC)


def feed(db: Database, now: datetime, committee: Committee | None = None) -> bytes:
    """The iCalendar feed of one panel, or of every panel (committee None)."""
    panels = queries.committees(db)
    chosen = [committee] if committee else panels
    found = store_calendar.events(db, chosen, now.date())
    revisions = store_calendar.revisions(db, {e.uid: _fingerprint(e) for e in found}, now)

    import icalendar  # loaded for a feed, not for every answer that links to one
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = f"{committee.name} meetings" if committee else "Scrutiny panel meetings"
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    # how often a subscribed client should look again (Outlook reads the first, others the second)
    cal.add("x-published-ttl", "PT6H")
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in sorted(found, key=lambda e: (e.date, e.committee.name)):
        revision = revisions[event.uid]
        start = _start(event)
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("dtstamp", _stamp(revision.changed_at))
        item.add("created", _stamp(revision.created_at))
        item.add("last-modified", _stamp(revision.changed_at))
        item.add("sequence", revision.sequence)
        item.add("summary", _summary(event))
        item.add("dtstart", start)
        item.add("dtend", _end(event, start))
        item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        item.add("transp", "TRANSPARENT" if event.cancelled else "OPAQUE")
        if event.venue:
            item.add("location", event.venue)
        if event.agenda_url:
            item.add("url", event.agenda_url)
        description = _description(event)
        if description:
            item.add("description", description)
        if event.committee.council:
            item.add("categories", [event.committee.council])
        cal.add_component(item)
    return cal.to_ical()
