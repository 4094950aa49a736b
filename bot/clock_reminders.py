"""The clock sweep, beside the meeting reminder sweep: responses due and
overdue, report deadlines and call-in windows, each claimed in the store before
it is posted and posted once (bot.send_once), as meeting reminders are."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from handlers.clock_reminders import TABLE, ClockDue, clock_message, plan_clocks
from store import connect
from store import reminders as log

from .send_once import send_once

logger = logging.getLogger(__name__)


@dataclass
class ClockSweepReport:
    sent: list[ClockDue] = field(default_factory=list)
    failed: list[tuple[ClockDue, str]] = field(default_factory=list)
    retry: list[tuple[ClockDue, str]] = field(default_factory=list)
    claimed_elsewhere: int = 0
    overtaken: int = 0


def sweep_clocks(db_path: str, client, now: datetime) -> ClockSweepReport:
    """client: anything with Slack's chat_postMessage (a WebClient, or a fake)."""
    report = ClockSweepReport()
    with connect(db_path) as db:
        due_now, overtaken = plan_clocks(db, now)
        for due in overtaken:
            log.skip_in(db, TABLE, due.key, now, "overtaken by a later reminder")
        report.overtaken = len(overtaken)
        for due in due_now:
            held = log.claim_in(db, TABLE, due.key, now, due.late)
            if held is None:
                report.claimed_elsewhere += 1
                continue
            try:
                message = clock_message(db, due, now).slack_message()
            except Exception as err:  # our own bug: recorded, tried again next sweep
                log.record_in(db, TABLE, due.key, "retry", now, error=type(err).__name__)
                report.retry.append((due, type(err).__name__))
                logger.exception("clock reminder %s to %s could not be built", due.clock, due.target)
                continue
            marker = f"clock:{due.clock}:{due.offset_days}:{due.target}"
            outcome = send_once(client, due.target, message, marker, held,
                                trying=lambda: log.trying_in(db, TABLE, due.key, held, now))
            if outcome.status == "lost":
                report.claimed_elsewhere += 1
                continue
            log.record_in(db, TABLE, due.key, outcome.status, now, error=outcome.error, message_ts=outcome.ts,
                          maybe_sent=outcome.maybe_sent)
            if outcome.status == "sent":
                report.sent.append(due)
            else:
                (report.failed if outcome.status == "failed" else report.retry).append((due, outcome.error or "unknown"))
                logger.warning("clock reminder %s to %s: %s", due.clock, due.target, outcome.error)
    return report
