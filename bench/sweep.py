"""Reminder sweep cost: a sweep with nothing due (what runs every five minutes)
and one with a day's reminders due, posted to a fake Slack on 127.0.0.1."""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.reminders import slack_client, sweep
from handlers.reminders import plan
from store import connect, queries
from store import reminders as log
from tests.slack_fake import FakeSlack

LONDON = ZoneInfo("Europe/London")


def measure_sweep(db_path: Path, subscribers_per_panel: int = 3) -> dict:
    setup = datetime(2020, 1, 1, tzinfo=LONDON)
    with connect(db_path) as db:
        panels = queries.committees(db)
        for panel in panels:
            log.set_channel(db, panel.id, f"C{panel.id}", "bench", setup)
            for n in range(subscribers_per_panel):
                log.subscribe(db, panel.id, f"U{panel.id}x{n}", setup)
        busiest = db.execute("SELECT date FROM meetings WHERE status = 'scheduled' GROUP BY date ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    meeting_day = date.fromisoformat(busiest)
    quiet = datetime.combine(meeting_day - timedelta(days=3), datetime.min.time(), LONDON).replace(hour=15)
    due = datetime.combine(meeting_day - timedelta(days=1), datetime.min.time(), LONDON).replace(hour=9)
    with connect(db_path) as db:
        start = time.perf_counter()
        for _ in range(5):
            plan(db, quiet)
        idle = (time.perf_counter() - start) / 5
        start = time.perf_counter()
        for _ in range(5):
            queries.meetings_between(db, quiet.date(), quiet.date() + timedelta(days=7))
        bare = (time.perf_counter() - start) / 5
    fake = FakeSlack()
    try:
        start = time.perf_counter()
        report = sweep(str(db_path), slack_client("xoxb-bench", fake.api_url), due)
        busy = time.perf_counter() - start
    finally:
        fake.close()
    return {"recipients": len(panels) * (subscribers_per_panel + 1), "idle_ms": idle * 1000,
            "busy_ms": busy * 1000, "sent": len(report.sent), "bare_ms": bare * 1000}
