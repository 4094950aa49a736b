"""Sending what nobody asked for, once: watch alerts and digests, panels'
weekly digests and forward-plan candidates. Each send is claimed in the store
(store.reminders.claim_in, the claims meeting reminders use) and posted
through bot.send_once, so restarts, two processes at once, Slack retries and
unknown outcomes never send twice."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from handlers.reply import Reply
from store import connect
from store import reminders as claims

from .send_once import send_once as post_once

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
    """Claim, then build and post once (bot.send_once: "maybe sent" recorded first, an
    unknown outcome looked for in the channel before posting again); a message with
    nothing in it is recorded as skipped, never posted."""
    label = f"{key['digest']} -> {key['target']}"
    held = claims.claim_in(db, TABLE, key, now, late)
    if held is None:
        report.claimed_elsewhere += 1
        return
    try:
        if on_claim:
            on_claim()
        reply = build()
    except Exception as err:  # our own bug: recorded, tried again next sweep
        claims.record_in(db, TABLE, key, "retry", now, error=type(err).__name__)
        report.retry.append((label, type(err).__name__))
        logger.exception("%s could not be built; will retry", label)
        return
    if reply is None:
        claims.record_in(db, TABLE, key, "skipped", now, error="nothing to say")
        report.empty += 1
        return
    outcome = post_once(client, str(key["target"]), reply.slack_message(), f"digest:{key['digest']}:{key['target']}", held,
                        trying=lambda: claims.trying_in(db, TABLE, key, held, now))
    if outcome.status == "lost":
        report.claimed_elsewhere += 1
        return
    claims.record_in(db, TABLE, key, outcome.status, now, error=outcome.error, message_ts=outcome.ts,
                     maybe_sent=outcome.maybe_sent)
    if outcome.status == "sent":
        report.sent.append(label)
    else:
        (report.failed if outcome.status == "failed" else report.retry).append((label, outcome.error or "unknown"))
        logger.warning("%s: %s", label, outcome.error)


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
