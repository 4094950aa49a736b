"""Reminders: the right ones at the right moments, each sent once, whatever happens.
A frozen clock, and the fake Slack Web API on 127.0.0.1."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reminders import slack_client, sweep
from corpus import demo_corpus
from handlers import dispatch
from handlers.reminders import plan
from store import connect
from store.ingest import ingest_paths

from .conftest import FROZEN, LONDON, ROOT
from .slack_fake import FakeSlack

UTC = ZoneInfo("UTC")


@pytest.fixture
def fake():
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def store(db_path):
    """The bundled corpus, with CFOSP reminders in #C42 and by DM to U9."""
    setup = datetime(2020, 8, 1, 9, tzinfo=LONDON)
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=setup)
        dispatch("channel cfosp", db, setup, user="U1", channel="C42")
        dispatch("subscribe cfosp", db, setup, user="U9")
    return str(db_path)


def posts(fake: FakeSlack) -> list[dict]:
    return [c["body"] for c in fake.sent("/api/chat.postMessage")]


def run(store: str, fake: FakeSlack, when: datetime):
    return sweep(store, slack_client("xoxb-test", fake.api_url), when)


def test_seven_and_one_day_before_at_nine_london_time(store, fake):
    assert run(store, fake, datetime(2020, 9, 1, 8, 59, tzinfo=LONDON)).sent == []
    first = run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    assert sorted(d.target for d in first.sent) == ["channel:C42", "user:U9"]
    assert sorted(p["channel"] for p in posts(fake)) == ["C42", "U9"]
    text = str(posts(fake)[0]["blocks"])
    assert "Tuesday 8 September 2020, 2pm" in text and "meets in 7 days" in text
    assert "Ofsted ILACS Inspection" in text  # planned for that meeting in the programme
    assert run(store, fake, datetime(2020, 9, 1, 9, 5, tzinfo=LONDON)).sent == []  # a sweep later: nothing again
    day_before = run(store, fake, datetime(2020, 9, 7, 9, 0, tzinfo=LONDON))
    assert len(day_before.sent) == 2 and "meets tomorrow" in str(posts(fake)[-1]["blocks"])
    assert len(posts(fake)) == 4


def test_a_restart_and_two_sweepers_at_once_send_each_reminder_once(store, fake):
    moment = datetime(2020, 9, 1, 9, 0, tzinfo=LONDON)
    barrier = threading.Barrier(4)
    results = []

    def sweeper():
        barrier.wait()
        results.append(run(store, fake, moment))

    threads = [threading.Thread(target=sweeper) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(len(r.sent) for r in results) == 2
    assert sorted(p["channel"] for p in posts(fake)) == ["C42", "U9"]
    # a restart: a fresh process sweeps the same moment again
    assert run(store, fake, moment + timedelta(minutes=1)).sent == []
    assert len(posts(fake)) == 2


def test_downtime_across_the_reminder_sends_it_late_with_a_note_but_never_after_the_meeting(store, fake):
    late = run(store, fake, datetime(2020, 9, 1, 13, 30, tzinfo=LONDON))
    assert len(late.sent) == 2 and all(d.late for d in late.sent)
    assert "Sent late" in str(posts(fake)[0]["blocks"])
    # down from before the 1-day reminder until after the meeting began: nothing is sent
    assert run(store, fake, datetime(2020, 9, 8, 14, 0, tzinfo=LONDON)).sent == []


def test_downtime_across_both_reminders_sends_only_the_later_one(store, fake):
    report = run(store, fake, datetime(2020, 9, 7, 12, 0, tzinfo=LONDON))
    assert {d.offset_days for d in report.sent} == {1} and report.overtaken == 2
    assert len(posts(fake)) == 2


def test_a_rearranged_meeting_is_reminded_on_its_new_date_only(db_path, fake):
    setup = datetime(2019, 1, 1, 9, tzinfo=LONDON)
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=setup)
        dispatch("channel cypsc", db, setup, user="U1", channel="C7")
    store = str(db_path)
    assert run(store, fake, datetime(2019, 2, 11, 9, 0, tzinfo=LONDON)).sent == []  # 7 days before the old 18 Feb
    assert run(store, fake, datetime(2019, 2, 17, 9, 0, tzinfo=LONDON)).sent == []
    moved = run(store, fake, datetime(2019, 2, 25, 9, 0, tzinfo=LONDON))
    assert [d.meeting.date for d in moved.sent] == ["2019-03-04"]
    assert "Moved from 18 Feb 2019" in str(posts(fake)[0]["blocks"])


def _agenda(tmp_path, meeting: str) -> None:
    (tmp_path / "agenda.txt").write_text(
        f"Agenda\n\nPlace Scrutiny Panel\n\n{meeting}, 2.00 pm, Council Chamber\n\nItem No\tSubject\tPage No\n1\tApologies\t\n",
        encoding="utf-8")


@pytest.mark.parametrize("meeting, first_utc", [
    ("Monday, 30 March 2026", datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),   # clocks went forward that Sunday at 01:00 UTC
    ("Monday, 26 October 2026", datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),  # clocks went back that Sunday
])
def test_the_day_before_reminder_follows_london_across_the_clock_change(db_path, fake, tmp_path, meeting, first_utc):
    _agenda(tmp_path, meeting)
    setup = datetime(2026, 3, 1, tzinfo=LONDON)
    with connect(db_path) as db:
        ingest_paths(db, [tmp_path], now=setup)
        dispatch("channel place", db, setup, user="U1", channel="C5")
        dispatch("remind-settings place days 1", db, setup, user="U1")
    store = str(db_path)
    sent_at = []
    moment = first_utc - timedelta(hours=2)
    while moment < first_utc + timedelta(hours=2):  # a sweep every five minutes, as the scheduler runs it
        if run(store, fake, moment).sent:
            sent_at.append(moment)
        moment += timedelta(minutes=5)
    assert sent_at == [first_utc]
    assert first_utc.astimezone(LONDON).hour == 9


def test_a_send_time_inside_the_repeated_autumn_hour_goes_once(db_path, fake, tmp_path):
    _agenda(tmp_path, "Monday, 26 October 2026")
    setup = datetime(2026, 10, 1, tzinfo=LONDON)
    with connect(db_path) as db:
        ingest_paths(db, [tmp_path], now=setup)
        dispatch("channel place", db, setup, user="U1", channel="C5")
        dispatch("remind-settings place days 1 at 01:30", db, setup, user="U1")
    store = str(db_path)
    moment = datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    total = 0
    while moment < datetime(2026, 10, 25, 4, 0, tzinfo=UTC):
        total += len(run(store, fake, moment).sent)
        moment += timedelta(minutes=5)
    assert total == 1


def test_429_waits_for_retry_after_then_sends_once(store, fake):
    fake.script("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    report = run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    attempts = fake.sent("/api/chat.postMessage")
    assert len(report.sent) == 2 and len(attempts) == 3
    assert attempts[1]["at"] - attempts[0]["at"] >= 0.9  # waited for Retry-After


def test_a_channel_error_is_recorded_shown_and_stops_nothing_else(store, fake):
    fake.script("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    report = run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    assert [(d.target, error) for d, error in report.failed] == [("channel:C42", "not_in_channel")]
    assert [d.target for d in report.sent] == ["user:U9"]
    with connect(store) as db:
        shown = dispatch("reminders", db, datetime(2020, 9, 1, 10, tzinfo=LONDON)).text
    assert "not_in_channel" in shown
    assert run(store, fake, datetime(2020, 9, 1, 9, 10, tzinfo=LONDON)).sent == []  # a permanent error is not retried


def test_a_server_error_is_retried_on_the_next_sweep(store, fake):
    fake.script("chat.postMessage", 500, {"ok": False, "error": "internal_error"})
    first = run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    assert len(first.retry) == 1 and len(first.sent) == 1
    second = run(store, fake, datetime(2020, 9, 1, 9, 5, tzinfo=LONDON))
    assert len(second.sent) == 1
    with connect(store) as db:
        assert db.execute("SELECT count(*) FROM reminder_log WHERE status = 'sent'").fetchone()[0] == 2


def test_dry_run_shows_without_sending_or_claiming(store, fake, capsys):
    from bot.cli import main

    assert main(["remind", "--db", store, "--dry-run", "--now", "2020-09-01T09:00"]) == 0
    out = capsys.readouterr().out
    assert "2 reminders would be sent" in out and "channel:C42" in out
    # the message itself, once for both recipients, as the panel will read it
    assert out.count("| REMINDER: CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY PANEL") == 1
    assert "| Children and Families Overview and Scrutiny Panel meets in 7 days: Tuesday 8 September 2020, 2pm" in out
    with connect(store) as db:
        assert db.execute("SELECT count(*) FROM reminder_log").fetchone()[0] == 0
        assert len(plan(db, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))[0]) == 2
    assert posts(fake) == []


def test_the_scheduler_sweeps_at_start_and_keeps_a_nightly_sync(store, fake):
    from bot.reminders import start_scheduler

    scheduler = start_scheduler(store, slack_client("xoxb-test", fake.api_url), now=lambda: datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    try:
        sent = fake.wait_for("/api/chat.postMessage", count=2, timeout=20)
        assert sorted(c["body"]["channel"] for c in sent) == ["C42", "U9"]
        sweep_job, nightly = scheduler.get_job("reminder-sweep"), scheduler.get_job("nightly-sync")
        assert sweep_job.misfire_grace_time is None and sweep_job.max_instances == 1
        assert (nightly.next_run_time.hour, nightly.next_run_time.minute) == (3, 15)
    finally:
        scheduler.shutdown(wait=True)


# --- each duplicate window closed ---------------------------------------------------------------------

def _store_channel(store: str, fake: FakeSlack) -> list[dict]:
    return fake.posted("C42")


def _reminders_in(fake: FakeSlack, channel: str) -> list[dict]:
    """The reminders posted there (`scrutiny remind` sends the week's digest too)."""
    return [m for m in fake.posted(channel)
            if str(((m.get("metadata") or {}).get("event_payload") or {}).get("key", "")).startswith("reminder:")]


def test_slack_answering_after_the_time_out_does_not_make_the_next_sweep_post_again(store, fake):
    client = slack_client("xoxb-test", fake.api_url)
    client.timeout = 1
    fake.script("chat.postMessage", 200, None, delay=3)  # Slack keeps the post, then answers too late
    first = sweep(store, client, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    assert [d.target for d, _error in first.retry] == ["channel:C42"]
    assert len(_store_channel(store, fake)) == 1
    later = sweep(store, client, datetime(2020, 9, 1, 9, 10, tzinfo=LONDON))
    assert later.sent and len(_store_channel(store, fake)) == 1  # found in the channel's history, not posted again
    with connect(store) as db:
        assert db.execute("SELECT status, message_ts FROM reminder_log WHERE target = 'channel:C42'").fetchone() == (
            "sent", _store_channel(store, fake)[0]["ts"])


def test_a_sweep_killed_after_posting_and_before_recording_is_not_repeated(store, fake):
    from .test_concurrency import ENV

    fake.script("chat.postMessage", 200, None, delay=60)  # posted; the process dies waiting for the answer
    env = {**ENV, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url, "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "remind", "--db", store, "--now", "2020-09-01T09:00"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        fake.wait_for("/api/chat.postMessage", timeout=60)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert len(_reminders_in(fake, "C42")) + len(_reminders_in(fake, "U9")) == 1
    # long after any lease, another sweep: it looks before it posts
    report = run(store, fake, datetime(2020, 9, 1, 10, 30, tzinfo=LONDON))
    assert sorted(d.target for d in report.sent) == ["channel:C42", "user:U9"]
    assert len(_reminders_in(fake, "C42")) == 1 and len(_reminders_in(fake, "U9")) == 1


def test_a_long_rate_limit_wait_is_not_sat_out_past_the_lease(store, fake):
    """Slack asks for a 15-minute wait: the sweep records a retry at once rather than
    sleeping through its claim's lease while another sweep sends."""
    from .test_concurrency import ENV

    for _ in range(2):
        fake.script("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "900"})
    env = {**ENV, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url, "SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": ""}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "remind", "--db", store, "--now", "2020-09-01T09:00"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "2 to retry" in done.stdout, done.stdout + done.stderr
    report = run(store, fake, datetime(2020, 9, 1, 9, 11, tzinfo=LONDON))
    assert len(report.sent) == 2
    assert len(_reminders_in(fake, "C42")) == 1 and len(_reminders_in(fake, "U9")) == 1


def test_the_lease_outlasts_the_longest_send():
    from bot.reminders import longest_send
    from store.reminders import LEASE

    client = slack_client("xoxb-test", "http://127.0.0.1:9/api/")
    assert longest_send(client) * 2 < LEASE.total_seconds()


def test_a_server_error_after_posting_is_looked_for_before_posting_again(store, fake):
    fake.script("chat.postMessage", 500, {"ok": False, "error": "internal_error"}, stores=True)
    first = run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON))
    assert len(first.retry) == 1
    second = run(store, fake, datetime(2020, 9, 1, 9, 5, tzinfo=LONDON))
    assert [d.target for d in second.sent] == [first.retry[0][0].target]
    assert len(fake.posted("C42")) == 1 and len(fake.posted("U9")) == 1


# --- the October change, and who gets what ---------------------------------------------------------------

def _sunday_meeting(db_path, tmp_path, settings: str) -> str:
    (tmp_path / "agenda.txt").write_text(
        "Agenda\n\nPlace Scrutiny Panel\n\nSunday, 25 October 2026, 10.00 am, Council Chamber\n\n"
        "Item No\tSubject\tPage No\n1\tApologies\t\n", encoding="utf-8")
    setup = datetime(2026, 10, 1, tzinfo=LONDON)
    with connect(db_path) as db:
        ingest_paths(db, [tmp_path], now=setup)
        dispatch("channel place", db, setup, user="U1", channel="C5")
        assert "reminders: on" in dispatch(f"remind-settings place {settings}", db, setup, user="U1").text
    return str(db_path)


def test_a_reminder_missed_in_the_repeated_hour_goes_late_with_its_note(db_path, fake, tmp_path):
    store = _sunday_meeting(db_path, tmp_path, "days 0 at 01:30")
    # due 01:30 BST (00:30 UTC); the bot is back at 01:30 GMT, an hour later by the clock on the wall twice
    report = run(store, fake, datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    [due] = report.sent
    assert due.late
    assert "Sent late" in str(posts(fake)[0]["blocks"])


def test_an_earlier_reminder_overtaken_in_the_repeated_hour_is_skipped(db_path, fake, tmp_path):
    store = _sunday_meeting(db_path, tmp_path, "days 1,0 at 01:30")
    # down from before Saturday 01:30 until 01:20 GMT on Sunday: the day-of reminder (00:30 UTC) is due
    report = run(store, fake, datetime(2026, 10, 25, 1, 20, tzinfo=UTC))
    assert [d.offset_days for d in report.sent] == [0] and report.overtaken == 1


def test_someone_who_subscribes_after_a_reminder_moment_is_not_sent_it_late(store, fake):
    assert len(run(store, fake, datetime(2020, 9, 1, 9, 0, tzinfo=LONDON)).sent) == 2
    with connect(store) as db:
        dispatch("subscribe cfosp", db, datetime(2020, 9, 1, 10, 0, tzinfo=LONDON), user="U77")
        dispatch("channel cfosp", db, datetime(2020, 9, 1, 10, 0, tzinfo=LONDON), user="U1", channel="C43")
    assert run(store, fake, datetime(2020, 9, 1, 10, 5, tzinfo=LONDON)).sent == []
    day_before = run(store, fake, datetime(2020, 9, 7, 9, 0, tzinfo=LONDON))
    assert sorted(d.target for d in day_before.sent) == ["channel:C43", "user:U77", "user:U9"]
    assert not any(d.late for d in day_before.sent)


def test_a_reminder_on_the_day_after_the_meeting_starts_is_refused(demo_db):
    reply = dispatch("remind-settings cfosp days 0 at 11:00", demo_db, FROZEN, user="U1")
    assert "could never be sent" in reply.text and "Friday 17 July 2020" in reply.text and "10am" in reply.text
    assert log_settings(demo_db, "cfosp").offsets == (7, 1)
    ok = dispatch("remind-settings cfosp days 0 at 08:00", demo_db, FROZEN, user="U1")
    assert "0 days before each meeting at 08:00" in ok.text


def log_settings(db, panel: str):
    from handlers.panels import find_panel
    from store import reminders as log

    return log.settings(db, find_panel(db, panel).panel.id)
