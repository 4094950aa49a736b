"""The clock sweep, beside the meeting reminder sweep: responses due and
overdue, report deadlines and call-in windows, each claimed in the store before
it is posted, as meeting reminders are."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.errors import SlackApiError

from handlers.clock_reminders import TABLE, ClockDue, clock_message, plan_clocks
from store import connect
from store import reminders as log

from .reminders import PERMANENT

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
            if not log.claim_in(db, TABLE, due.key, now, due.late):
                report.claimed_elsewhere += 1
                continue
            try:
                message = clock_message(db, due, now).slack_message()
                response = client.chat_postMessage(channel=due.target.partition(":")[2], unfurl_links=False, **message)
            except SlackApiError as err:
                code = str(err.response.get("error") or err.response.status_code)
                status = "failed" if code in PERMANENT else "retry"
                log.record_in(db, TABLE, due.key, status, now, error=code)
                (report.failed if status == "failed" else report.retry).append((due, code))
                logger.warning("clock reminder %s to %s: %s", due.clock, due.target, code)
                continue
            except Exception as err:  # time-outs, connection errors: the next sweep tries again
                log.record_in(db, TABLE, due.key, "retry", now, error=type(err).__name__)
                report.retry.append((due, type(err).__name__))
                logger.exception("clock reminder %s to %s failed; will retry", due.clock, due.target)
                continue
            log.record_in(db, TABLE, due.key, "sent", now, message_ts=response.get("ts"))
            report.sent.append(due)
    return report
