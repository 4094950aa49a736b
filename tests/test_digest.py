"""The weekly digest in each panel's channel: what it carries, once a week per
channel (across restarts and two processes), nothing in an empty week, and its
settings (audited, undoable)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest

from bot.digests import sweep_weekly
from bot.reminders import slack_client
from corpus import demo_corpus
from handlers import dispatch
from store import connect, queries
from store.ingest import ingest_paths

from .conftest import LONDON, ROOT
from .slack_fake import FakeSlack

SET_UP = datetime(2020, 8, 1, 9, tzinfo=LONDON)
MINUTES = """Minutes of the Children and Families Overview and Scrutiny Panel

Worcestershire County Council

Friday, 4 September 2020, 10.00 am, Online only

Present: Councillor Ann Bee (Chairman)

1 Apologies

None.

2 Edge of Care Services

It was agreed that the Director would circulate the edge of care figures to Members.
"""


@pytest.fixture
def fake():
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def store(db_path):
    """The bundled papers, read on 1 August 2020, with the CFOSP channel set to C42."""
    with connect(db_path) as db:
        ingest_paths(db, [demo_corpus()], now=SET_UP)
        dispatch("channel cfosp", db, SET_UP, user="U1", channel="C42")
    return str(db_path)


def digests(fake: FakeSlack) -> list[dict]:
    return [c["body"] for c in fake.sent("/api/chat.postMessage") if "Week ahead" in json.dumps(c["body"].get("blocks", []))]


def blocks_text(message: dict) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def sweep(store: str, fake: FakeSlack, when: datetime):
    return sweep_weekly(store, slack_client("xoxb-test", fake.api_url), when)


def test_monday_nine_oclock_meetings_papers_actions_and_overdue_owners(store, fake, tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    with connect(store) as db:
        ingest_paths(db, [minutes], now=datetime(2020, 9, 4, 15, tzinfo=LONDON))
        tours = next(a for a in queries.actions(db) if "tours of WCF offices" in a.text)
        queries.set_action_status(db, tours.id, "done", "U5", datetime(2020, 9, 3, 11, tzinfo=LONDON))
        # the papers date none of the panel's open actions; an officer gives one a date, now passed
        kpis = next(a for a in queries.actions(db) if "KPIs would be shared" in a.text)
        queries.set_action_fields(db, kpis.id, "U5", datetime(2020, 9, 3, 11, tzinfo=LONDON), due="2020-08-31")
    assert sweep(store, fake, datetime(2020, 9, 7, 8, 59, tzinfo=LONDON)).sent == []
    assert len(sweep(store, fake, datetime(2020, 9, 7, 9, 0, tzinfo=LONDON)).sent) == 1
    [message] = digests(fake)
    assert message["channel"] == "C42"
    text = blocks_text(message)
    assert "Tuesday 8 September 2020, 2pm" in text  # this week's meeting
    assert "Papers published since the last digest: 1" in text and "minutes of 4 Sep 2020" in text
    assert "New actions: 1" in text and "edge of care figures" in text
    assert "Actions closed: 1" in text and "tours of WCF offices" in text
    assert "Overdue actions: 1" in text and "KPIs would be shared" in text and "owner: _none named_" in text
    assert sweep(store, fake, datetime(2020, 9, 7, 9, 5, tzinfo=LONDON)).sent == []
    assert sweep(store, fake, datetime(2020, 9, 10, 9, 0, tzinfo=LONDON)).sent == []


def test_an_empty_week_sends_nothing_and_is_not_looked_at_again(store, fake):
    with connect(store) as db:
        dispatch("channel cypsc", db, SET_UP, user="U1", channel="C43")  # Herefordshire: nothing after 2019
    result = sweep(store, fake, datetime(2020, 10, 5, 9, 0, tzinfo=LONDON))
    assert result.sent == [] and result.empty == 2 and digests(fake) == []
    assert sweep(store, fake, datetime(2020, 10, 5, 9, 5, tzinfo=LONDON)).empty == 0  # decided once for the week


def test_the_clocks_that_fall_due_are_in_it(store, fake):
    sweep(store, fake, datetime(2020, 8, 24, 9, 0, tzinfo=LONDON))
    [message] = digests(fake)
    text = blocks_text(message)
    assert "Clocks falling due" in text
    assert "Reports for 8 Sep 2020 due to democratic services by" in text and "Agenda for 8 Sep 2020 to be published by" in text


def test_day_time_and_off_are_set_per_panel_audited_and_undone(store, fake):
    with connect(store) as db:
        reply = dispatch("digest cfosp friday at 8.30am", db, SET_UP, user="U1", channel="C42")
        assert "every Friday at 08:30" in reply.text
    assert sweep(store, fake, datetime(2020, 9, 7, 9, 0, tzinfo=LONDON)).sent == []  # not Monday any more
    assert len(sweep(store, fake, datetime(2020, 9, 4, 8, 30, tzinfo=LONDON)).sent) == 1
    with connect(store) as db:
        assert "off" in dispatch("digest cfosp off", db, SET_UP, user="U1").text
        audit = dispatch("audit", db, SET_UP, user="U1").text
        assert "weekly digest: Mondays at 09:00, on → Fridays at 08:30, on" in audit
        number = audit.split("#")[1].split(" ")[0]
        assert "Undone" in dispatch(f"undo {number}", db, SET_UP, user="U1").text
        assert "every Friday at 08:30" in dispatch("digest cfosp", db, SET_UP).text
        dispatch("digest cfosp off", db, SET_UP, user="U1")
    assert sweep(store, fake, datetime(2020, 9, 11, 8, 30, tzinfo=LONDON)).sent == []


def test_a_digest_missed_while_down_goes_late_within_two_days_and_never_after(store, fake):
    late = sweep(store, fake, datetime(2020, 9, 8, 8, 0, tzinfo=LONDON))
    assert len(late.sent) == 1 and "Sent late" in blocks_text(digests(fake)[0])
    assert sweep(store, fake, datetime(2020, 9, 17, 9, 0, tzinfo=LONDON)).sent == []  # Monday 14th's, three days on


def test_once_per_week_per_channel_across_a_restart_of_the_real_command(store, fake):
    """`scrutiny remind` twice, as cron would run it: two processes, one digest."""
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url, "PYTHONPATH": str(ROOT)}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "bot.cli", "remind", "--now", "2020-09-07T09:00", "--db", store],
                              env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert len(digests(fake)) == 1
    assert "weekly digests: 0 sent" in done.stdout


def test_the_digest_command_explains_itself(store):
    with connect(store) as db:
        assert "Which panel?" in dispatch("digest", db, SET_UP).text
        shown = dispatch("digest cfosp", db, SET_UP).text
        assert "every Monday at 09:00 (UK time), in <#C42>" in shown
        assert "nowhere yet" in dispatch("digest cypsc", db, SET_UP).text
        assert "clock time" in dispatch("digest cfosp at 25:00", db, SET_UP, user="U1").text

