"""Sending what nobody asked for, once: watch alerts and digests, panels'
weekly digests and forward-plan candidates. Each send is claimed in the store
(store.reminders.claim_in, the claims meeting reminders use) before it is
posted, so restarts, two processes at once and Slack retries never send twice."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.errors import SlackApiError

from handlers.reply import Reply
from store import connect
from store import reminders as claims

from .reminders import PERMANENT

logger = logging.getLogger(__name__)
TABLE = "digest_log"


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    retry: list[tuple[str, str]] = field(default_factory=list)
    claimed_elsewhere: int = 0
    empty: int = 0
    found: int = 0  # watches: new finds recorded this sweep


def send_once(db, client, key: dict[str, object], now: datetime, late: bool, build: Callable[[], Reply | None],
              report: SendReport, on_claim: Callable[[], None] | None = None) -> None:
    """Claim, then build and post; a message with nothing in it is recorded as skipped, never posted."""
    label = f"{key['digest']} -> {key['target']}"
    if not claims.claim_in(db, TABLE, key, now, late):
        report.claimed_elsewhere += 1
        return
    try:
        if on_claim:
            on_claim()
        reply = build()
        if reply is None:
            claims.record_in(db, TABLE, key, "skipped", now, error="nothing to say")
            report.empty += 1
            return
        response = client.chat_postMessage(channel=str(key["target"]).partition(":")[2], unfurl_links=False,
                                           **reply.slack_message())
    except SlackApiError as err:
        code = str(err.response.get("error") or err.response.status_code)
        status = "failed" if code in PERMANENT else "retry"
        claims.record_in(db, TABLE, key, status, now, error=code)
        (report.failed if status == "failed" else report.retry).append((label, code))
        logger.warning("%s: %s", label, code)
        return
    except Exception as err:  # time-outs, connection errors: the next sweep tries again
        claims.record_in(db, TABLE, key, "retry", now, error=type(err).__name__)
        report.retry.append((label, type(err).__name__))
        logger.exception("%s failed; will retry", label)
        return
    claims.record_in(db, TABLE, key, "sent", now, message_ts=response.get("ts"))
    report.sent.append(label)


def sweep_watches(db_path: str, client, now: datetime) -> SendReport:
    """Match new papers against every watch, then send the alerts and digests that are due."""
    from handlers.watches import match_new_papers, plan_watch_sends, watch_message
    from store import watches as store

    report = SendReport()
    with connect(db_path) as db:
        report.found = match_new_papers(db, now)
        for send in plan_watch_sends(db, now):
            daily = send.digest.startswith("watch-daily:")
            send_once(db, client, send.key, now, send.late,
                      build=lambda send=send, daily=daily: watch_message(store.in_digest(db, send.digest), daily, send.late),
                      report=report,
                      on_claim=lambda send=send: store.take_for(db, send.digest, [h.id for h in send.hits]))
    return report


def sweep_weekly(db_path: str, client, now: datetime) -> SendReport:
    """Each panel's weekly digest whose moment has come, once per week per channel."""
    from handlers.digest import plan_weekly, weekly_message

    report = SendReport()
    with connect(db_path) as db:
        for due in plan_weekly(db, now):
            send_once(db, client, due.key, now, due.late, build=lambda due=due: weekly_message(db, due, now), report=report)
    return report


def sweep_forward(db_path: str, client, now: datetime) -> SendReport:
    """Key decisions from forward plans read since last time, posted once in each panel's channel whose remit they touch."""
    from handlers.forward_plan import forward_message, plan_forward
    from store import forward_plan

    report = SendReport()
    with connect(db_path) as db:
        due, read_up_to = plan_forward(db, now)
        for item in due:
            send_once(db, client, item.key, now, False, build=lambda item=item: forward_message(db, item, now), report=report)
        if not report.retry:  # a send to try again keeps its forward plan in the next sweep's reading
            forward_plan.advance(db, read_up_to)
    return report


def sweep_digests(db_path: str, client, now: datetime) -> dict[str, SendReport]:
    """Everything this module sends, for the scheduler's sweep and `scrutiny remind`; one failing part never stops another."""
    reports: dict[str, SendReport] = {}
    for name, part in (("watches", sweep_watches), ("weekly digests", sweep_weekly), ("forward plans", sweep_forward)):
        try:
            reports[name] = part(db_path, client, now)
        except Exception:
            logger.exception("%s sweep failed", name)
    return reports
