"""Calendar feeds: parsed back by two independent iCalendar parsers, checked
line by line against what Outlook and Google Calendar need, and followed
through a rearrangement and a cancellation."""
from __future__ import annotations

import re
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from bot.cli import main
from handlers import dispatch
from handlers.calendar import feed
from store import queries
from store.ingest import ingest_paths

from .conftest import LONDON

NOW = datetime(2026, 2, 20, 9, 0, tzinfo=LONDON)
AGENDA = """Agenda

Exampleshire County Council

Scrutiny Panel for Place

Monday, 2 March 2026, 2.00 pm, Council Chamber, County Hall

Item No\tSubject\tPage No
1\tApologies\t
2\tRoad Safety; speed limits & <crossings>\t1 - 10

Work Programme

Date of Meeting\tIssue\tNotes
2 March 2026\tRoad Safety\t
6 July 2026\tBus Services\t
14 September 2026\tFlooding\t
"""
MINUTES = """Minutes of the Scrutiny Panel for Place

Exampleshire County Council

Monday, 2 March 2026, 2.00 pm, Council Chamber, County Hall

Present: Councillor Ann Bee (Chairman)

1 Apologies

None.

2 Dates of meetings

The meeting scheduled for 6 July 2026 has been rearranged to 13 July 2026.
The meeting of the Panel on 14 September 2026 has been cancelled.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def events_of(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def by_start(data: bytes) -> dict[str, icalendar.Event]:
    return {e.decoded("DTSTART").isoformat()[:10]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


@pytest.fixture
def place(db, tmp_path):
    ingest_paths(db, [write(tmp_path, "agenda.txt", AGENDA)], now=NOW)
    return db


def outlook_and_google_rules(data: bytes) -> None:
    """What the big clients need of a subscribed feed, beyond parsing."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only (RFC 5545 3.1)
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    text = data.decode().replace("\r\n ", "")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "\r\nPRODID:" in text and "\r\nMETHOD:PUBLISH\r\n" in text
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT")
    uids = re.findall(r"\r\nUID:(.*)\r\n", text)
    assert len(uids) == len(set(uids)) == text.count("BEGIN:VEVENT")
    for start in re.findall(r"\r\nDT(?:START|END)(.*?)\r\n", text):
        # no floating times and no TZID without its VTIMEZONE: a date, or UTC
        assert re.fullmatch(r";VALUE=DATE:\d{8}|:\d{8}T\d{6}Z", start), start
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", s) for s in re.findall(r"\r\nDTSTAMP:(.*?)\r\n", text))
    assert set(re.findall(r"\r\nSTATUS:(.*?)\r\n", text)) <= {"CONFIRMED", "CANCELLED", "TENTATIVE"}


def test_the_feed_parses_back_with_both_parsers_and_meets_outlook_and_google_rules(place):
    data = feed(place, NOW)
    outlook_and_google_rules(data)
    strict = IcsCalendarStream.calendar_from_ics(data.decode())  # a second, independent and strict parser
    assert len(strict.events) == 3
    events = by_start(data)
    march = events["2026-03-02"]
    # 2pm in March is GMT: 14:00 UTC; 6 July is BST, but no time is known for it: an all-day event
    assert march.decoded("DTSTART") == datetime(2026, 3, 2, 14, 0, tzinfo=timezone.utc)
    assert march.decoded("DTEND") - march.decoded("DTSTART") == timedelta(hours=2)
    assert str(march["LOCATION"]) == "Council Chamber, County Hall"  # the comma escaped and read back
    description = str(march["DESCRIPTION"])
    assert "Road Safety; speed limits & <crossings>" in description and "On the work programme" in description
    assert not isinstance(events["2026-07-06"].decoded("DTSTART"), datetime)
    assert "Bus Services" in str(events["2026-07-06"]["DESCRIPTION"])
    [strict_march] = [e for e in strict.events if e.dtstart.isoformat().startswith("2026-03-02")]
    assert strict_march.dtstart.astimezone(LONDON).hour == 14 and strict_march.location == "Council Chamber, County Hall"


def test_a_summer_meeting_is_written_in_utc_an_hour_before_london_time(db, tmp_path):
    ingest_paths(db, [write(tmp_path, "summer.txt", AGENDA.replace("Monday, 2 March 2026", "Monday, 6 July 2026"))], now=NOW)
    event = by_start(feed(db, NOW))["2026-07-06"]
    assert event.decoded("DTSTART") == datetime(2026, 7, 6, 13, 0, tzinfo=timezone.utc)  # 2pm BST


def test_making_the_feed_again_changes_nothing(place):
    first = feed(place, NOW)
    again = feed(place, NOW + timedelta(hours=3))
    assert first == again  # same bytes: DTSTAMP is when the event last changed, not when the feed was made


def test_a_rearranged_meeting_keeps_its_uid_with_a_new_sequence_and_a_cancelled_one_stays(place, tmp_path):
    before = by_start(feed(place, NOW))
    july_uid, september_uid = str(before["2026-07-06"]["UID"]), str(before["2026-09-14"]["UID"])
    assert before["2026-07-06"]["SEQUENCE"] == 0
    ingest_paths(place, [write(tmp_path, "minutes.txt", MINUTES)], now=NOW + timedelta(days=12))
    later = NOW + timedelta(days=12)
    data = feed(place, later)
    outlook_and_google_rules(data)
    events = events_of(data)
    moved = events[july_uid]
    assert moved.decoded("DTSTART").isoformat() == "2026-07-13"
    assert moved["SEQUENCE"] == 1 and str(moved["STATUS"]) == "CONFIRMED"
    assert "Moved from Monday 6 July 2026" in str(moved["DESCRIPTION"])
    assert moved.decoded("DTSTAMP") == later.astimezone(timezone.utc)
    assert not any(e.decoded("DTSTART").isoformat().startswith("2026-07-06") for e in events.values())
    cancelled = events[september_uid]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 1
    assert str(cancelled["SUMMARY"]).startswith("Cancelled: ")
    assert len(events) == 3
    strict = IcsCalendarStream.calendar_from_ics(data.decode())
    assert {e.uid: e.sequence for e in strict.events}[july_uid] == 1


def test_one_panel_or_all_from_the_command_line(demo_db, db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_TODAY", "2019-06-01")  # the past year and what is ahead: both councils' meetings
    out = tmp_path / "cfosp.ics"
    assert main(["calendar", "children and families", "-o", str(out), "--db", str(db_path)]) == 0
    events = by_start(out.read_bytes())
    assert "2020-07-17" in events and "2019-03-04" not in events and all("Children and Families" in str(e["SUMMARY"]) for e in events.values())
    every = tmp_path / "all.ics"
    assert main(["calendar", "-o", str(every), "--db", str(db_path)]) == 0
    assert {str(e["SUMMARY"]) for e in by_start(every.read_bytes()).values()} >= {
        "Children and Families Overview and Scrutiny Panel", "Children and young people scrutiny committee"}
    assert main(["calendar", "zzzz", "--db", str(db_path)]) == 2


def test_next_shows_the_feed_link_when_the_bot_has_a_public_address(demo_db):
    now = datetime(2020, 7, 10, 9, tzinfo=LONDON)
    linked = dispatch("next cfosp", demo_db, now, public_url="https://scrutiny.example.gov.uk").text
    assert "https://scrutiny.example.gov.uk/calendar/children-and-families-overview-and-scrutiny-panel.ics" in linked
    assert "/calendar/all.ics" in dispatch("next", demo_db, now, public_url="https://scrutiny.example.gov.uk").text
    assert "/calendar/" not in dispatch("next cfosp", demo_db, now).text


def test_the_http_server_serves_each_panel_feed(slack, db_path):
    fake, url = slack
    base = url.rsplit("/slack/events", 1)[0]
    with urllib.request.urlopen(f"{base}/calendar/all.ics", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        data = response.read()
    outlook_and_google_rules(data)
    from store import connect
    with connect(db_path) as db:
        panels = queries.committees(db)
    from store.calendar import feed_name
    name = feed_name(panels[0], panels)
    with urllib.request.urlopen(f"{base}/calendar/{name}.ics", timeout=10) as response:
        one = response.read()
    assert {str(e["SUMMARY"]).removeprefix("Cancelled: ") for e in events_of(one).values()} == {panels[0].name}
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{base}/calendar/no-such-panel.ics", timeout=10)
    assert missing.value.code == 404


def test_an_event_ends_at_the_finish_time_the_council_site_gives(place):
    with place.atomic():
        place.execute("UPDATE meetings SET finish_time = '16:30' WHERE date = '2026-03-02'")  # as a ModernGov sync stores it
    march = by_start(feed(place, NOW))["2026-03-02"]
    assert march.decoded("DTEND") == datetime(2026, 3, 2, 16, 30, tzinfo=timezone.utc)
