"""Reminder sweep cost, in its own process: one sweep with `recipients`
reminders due at once (the panels meeting on the busiest day, each with a
channel and enough subscribers), posted to a fake Slack on 127.0.0.1; and the
sweep five minutes later, with nothing due (what runs all day). Beside each, its floor:
claiming the sends alone (one row each), and the query for the meetings ahead.
The subscriptions and the claims are taken out again afterwards."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
SETUP = datetime(2014, 1, 1, tzinfo=LONDON)  # before every meeting: a recipient added after a reminder's moment does not get it


def _run(db_path: str, recipients: int) -> dict:
    from bench.latency import Receiver
    from bot.reminders import slack_client, sweep
    from handlers.reminders import plan
    from store import connect, queries
    from store import reminders as log

    with connect(db_path) as db:
        day, panels = db.execute(
            "SELECT date, group_concat(committee_id) FROM meetings WHERE status = 'scheduled' OR status = 'held' "
            "GROUP BY date ORDER BY count(*) DESC LIMIT 1").fetchone()
        panel_ids = [int(p) for p in panels.split(",")]
        per_panel = max(0, recipients // len(panel_ids) - 1)
        extra = recipients - len(panel_ids) * (per_panel + 1)
        with db.atomic():
            for n, panel in enumerate(panel_ids):
                log.set_channel(db, panel, f"C{panel}", "bench", SETUP)
                for k in range(per_panel + (1 if n < extra else 0)):
                    log.subscribe(db, panel, f"U{panel}x{k}", SETUP)
            db.execute("DELETE FROM reminder_log WHERE meeting_id IN (SELECT id FROM meetings WHERE date BETWEEN ? AND date(?, '+8 days'))",
                       [day, day])
    meeting_day = date.fromisoformat(day)
    due = datetime.combine(meeting_day - timedelta(days=1), datetime.min.time(), LONDON).replace(hour=9)
    with connect(db_path) as db:
        due_now, _ = plan(db, due)
    receiver = Receiver()
    try:
        start = time.perf_counter()
        report = sweep(db_path, slack_client("xoxb-bench", receiver.base + "/api/"), due)
        busy = time.perf_counter() - start
    finally:
        receiver.close()
    # nothing due: the sweep five minutes later, every reminder just sent (what runs all day)
    later = due + timedelta(minutes=5)
    with connect(db_path) as db:
        still_due = len(plan(db, later)[0])  # 0 unless a send failed
        start = time.perf_counter()
        for _ in range(5):
            plan(db, later)
        idle = (time.perf_counter() - start) / 5
        start = time.perf_counter()
        for _ in range(5):
            queries.meetings_between(db, later.date(), later.date() + timedelta(days=60))
        idle_floor = (time.perf_counter() - start) / 5
    # the floor: one claim row per reminder, written in one transaction
    meetings = sorted({d.meeting.id for d in due_now})
    gone = f"DELETE FROM reminder_log WHERE meeting_id IN ({','.join('?' * len(meetings))})"
    with connect(db_path) as db:
        db.execute(gone, meetings)
        start = time.perf_counter()
        with db.atomic():
            db.conn.executemany("INSERT INTO reminder_log (meeting_id, offset_days, target, status, claimed_at) VALUES (?, ?, ?, 'claimed', ?)",
                                [(d.meeting.id, d.offset_days, d.target, due.isoformat()) for d in due_now])
        floor = time.perf_counter() - start
        with db.atomic():
            db.execute(gone, meetings)
            db.execute(f"DELETE FROM subscriptions WHERE committee_id IN ({','.join('?' * len(panel_ids))})", panel_ids)
            db.execute(f"UPDATE committees SET channel = NULL WHERE id IN ({','.join('?' * len(panel_ids))})", panel_ids)
    return {"day": day, "panels": len(panel_ids), "recipients": len(due_now), "sent": len(report.sent),
            "busy_s": busy, "floor_s": floor, "still_due": still_due, "idle_ms": idle * 1000, "idle_floor_ms": idle_floor * 1000,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def measure_sweep(db_path: Path, recipients: int = 1000) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.sweep", str(db_path), str(recipients)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(_run(sys.argv[1], int(sys.argv[2]))))
