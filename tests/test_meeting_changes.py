"""A corrected meeting time or venue is picked up (the newest word on it wins)
and the panel's channel is told, once, as it is told of any change of date."""
from __future__ import annotations

from datetime import date, datetime

from bot.reminders import slack_client, sweep
from sources.fetch import Fetcher, Site
from sources.moderngov import sync_site
from handlers import dispatch
from store import connect
from store.ingest import ingest_paths
from store.save import save_listing

from .conftest import LONDON
from .moderngov_fake import FakeMeeting, FakeModernGov
from .slack_fake import FakeSlack

SETUP = datetime(2026, 8, 3, 9, 0, tzinfo=LONDON)


def _agenda(folder, when: str) -> None:
    (folder / "agenda.txt").write_text(
        f"Agenda\n\nPlace Scrutiny Panel\n\nTuesday, 8 September 2026, {when}\n\nItem No\tSubject\tPage No\n1\tApologies\t\n"
        "2\tHighways Maintenance\t\n", encoding="utf-8")


def _announcements(fake: FakeSlack, channel: str = "C5") -> list[str]:
    return [str(m["text"]) for m in fake.posted(channel)]


def test_a_reread_agenda_with_a_new_time_and_venue_wins_and_is_announced_once(db_path, tmp_path):
    _agenda(tmp_path, "10.00 am, County Hall")
    with connect(db_path) as db:
        ingest_paths(db, [tmp_path], now=SETUP)
        dispatch("channel place", db, SETUP, user="U1", channel="C5")
        assert "10am · County Hall" in dispatch("next place", db, SETUP).text
        _agenda(tmp_path, "2.00 pm in Committee Room 2")
        assert ingest_paths(db, [tmp_path], now=SETUP).counts()["updated"] == 1
        text = dispatch("next place", db, SETUP).text
    assert "Tuesday 8 September 2026, 2pm · Committee Room 2" in text and "County Hall" not in text
    fake = FakeSlack()
    try:
        client = slack_client("xoxb-test", fake.api_url)
        first = sweep(str(db_path), client, datetime(2026, 8, 3, 9, 5, tzinfo=LONDON))
        assert first.announced == 1
        [message] = _announcements(fake)
        assert "is now 2pm at Committee Room 2 (was 10am at County Hall)" in message
        assert sweep(str(db_path), client, datetime(2026, 8, 3, 9, 10, tzinfo=LONDON)).announced == 0
        reminder = sweep(str(db_path), client, datetime(2026, 9, 1, 9, 0, tzinfo=LONDON))
        assert len(reminder.sent) == 1 and "2pm" in _announcements(fake)[-1]
        assert len(_announcements(fake)) == 2
    finally:
        fake.close()


def test_a_changed_moderngov_listing_wins_and_a_cancellation_is_announced(db_path):
    site = FakeModernGov()
    site.meetings["503"] = FakeMeeting("101", "19/01/2027", time="14:00", location="County Hall")
    now = datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)

    def sync(db):
        where = Site.parse(site.url, allow_private=True)
        with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
            report = sync_site(db, where, now, council="Worcestershire County Council", since=date(2026, 1, 1),
                               fetcher=fetcher)
        assert report.failed == []

    fake = FakeSlack()
    try:
        with connect(db_path) as db:
            sync(db)
            dispatch("channel cfosp", db, now, user="U1", channel="C5")
            site.meetings["503"].time, site.meetings["503"].location = "16:30", "Committee Room 2"
            sync(db)
            assert "Tuesday 19 January 2027, 4.30pm · Committee Room 2" in dispatch("next cfosp", db, now).text
        client = slack_client("xoxb-test", fake.api_url)
        assert sweep(str(db_path), client, now).announced == 1
        assert "is now 4.30pm at Committee Room 2 (was 2pm at County Hall)" in _announcements(fake)[0]
        site.meetings["503"].status = "Cancelled"
        with connect(db_path) as db:
            sync(db)
        assert sweep(str(db_path), client, now).announced == 1
        assert "the meeting on Tuesday 19 January 2027 (4.30pm at Committee Room 2) is cancelled" in _announcements(fake)[-1]
        assert sweep(str(db_path), client, now).announced == 0 and len(_announcements(fake)) == 2
    finally:
        fake.close()
        site.close()


def _listing(db, source: str, time: str, venue: str, text: str, now: datetime = SETUP):
    return save_listing(db, council="Example Council", committee="Place Scrutiny Panel", meeting_date="2026-09-08",
                        time=time, venue=venue, cancelled=False, source=source, text=text, now=now)


def test_a_listing_read_again_for_another_reason_is_not_newer_word_on_the_time(db):
    _listing(db, "https://example/GetMeeting?lMeetingId=1", "10:00", "County Hall", "papers: none yet")
    db.execute("UPDATE committees SET channel = 'C5'")
    _listing(db, "https://example/agenda-correction", "14:00", "County Hall", "corrected")  # a newer source: 2pm
    assert db.execute("SELECT time FROM meetings").fetchone()[0] == "14:00"
    # the first listing changes only because a paper was added to it: still 10:00 there, and no news
    _listing(db, "https://example/GetMeeting?lMeetingId=1", "10:00", "County Hall", "papers: Agenda")
    assert db.execute("SELECT time FROM meetings").fetchone()[0] == "14:00"
    assert db.execute("SELECT count(*) FROM meeting_changes").fetchone()[0] == 1  # 10:00 -> 14:00, once


def test_the_same_place_written_another_way_is_no_news_and_a_change_undone_is_none(db):
    _listing(db, "https://example/1", "10:00", "Council Chamber, County Hall", "a")
    db.execute("UPDATE committees SET channel = 'C5'")
    _listing(db, "https://example/1", "10:00", "Council Chamber - County Hall, Spetchley Road, Worcester", "b")
    assert db.execute("SELECT count(*) FROM meeting_changes").fetchone()[0] == 0
    _listing(db, "https://example/1", "11:00", "Council Chamber, County Hall", "c")
    _listing(db, "https://example/1", "11:30", "Council Chamber, County Hall", "d")  # two corrections: one message
    assert [row[0] for row in db.execute("SELECT json_extract(after, '$.time') FROM meeting_changes")] == ["11:30"]
    _listing(db, "https://example/1", "10:00", "Council Chamber, County Hall", "e")  # and back: nothing to say
    assert db.execute("SELECT count(*) FROM meeting_changes").fetchone()[0] == 0


def test_a_change_to_a_meeting_already_past_or_before_a_channel_is_set_is_not_announced(db):
    _listing(db, "https://example/1", "10:00", "County Hall", "a")
    _listing(db, "https://example/1", "11:00", "County Hall", "b")  # no channel yet
    db.execute("UPDATE committees SET channel = 'C5'")
    _listing(db, "https://example/1", "12:00", "County Hall", "c", now=datetime(2026, 9, 9, tzinfo=LONDON))  # after it
    assert db.execute("SELECT count(*) FROM meeting_changes").fetchone()[0] == 0
    assert db.execute("SELECT time FROM meetings").fetchone()[0] == "12:00"
