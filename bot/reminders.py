"""The reminder sweep: every few minutes, work out what is due, claim each
send in the store, then post it. Restarts, two processes at once, downtime and
Slack retries neither lose nor repeat a reminder."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from handlers.reminders import Due, change_is_stale, change_message, plan, reminder_message
from store import connect
from store import reminders as log

from . import clock
from .send_once import HISTORY_PAGES, IM_PAGES, send_once

logger = logging.getLogger(__name__)
SWEEP_MINUTES = 5
# Every wait one send may make, so that the claim's lease outlasts it (see longest_send):
TIMEOUT_SECONDS = 15  # each Web API call
RATE_LIMIT_RETRIES = 2  # 429s waited out in the call...
MAX_RETRY_AFTER = 20  # ...when Slack asks for at most this many seconds; longer: tried at the next sweep


@dataclass
class SweepReport:
    sent: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)
    retry: list[tuple[Due, str]] = field(default_factory=list)
    claimed_elsewhere: int = 0
    overtaken: int = 0
    announced: int = 0  # changes of time, place or date told to panels' channels


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Waits out a 429 only when Slack asks for a short wait: a long one would
    outlast the claim's lease, and another sweep might then send too."""

    def __init__(self, max_retry_count: int, max_wait: int) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        wait = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
        wait = wait[0] if isinstance(wait, list) else wait
        return str(wait).strip().isdigit() and int(wait) <= self.max_wait


def slack_client(token: str | None, base_url: str | None, max_rate_limit_retries: int = RATE_LIMIT_RETRIES,
                 timeout: int = TIMEOUT_SECONDS) -> WebClient:
    """A Web API client with a time-out on every call that waits out short 429s.
    No automatic retry of a dropped connection: the request may have reached
    Slack, and posting again is for send_once to decide, after looking."""
    client = (WebClient(token=token, base_url=base_url, timeout=timeout) if base_url
              else WebClient(token=token, timeout=timeout))
    # only this handler: the SDK's default one re-sends a request whose connection dropped, which may post twice
    client.retry_handlers = [CappedRateLimitRetryHandler(max_rate_limit_retries, MAX_RETRY_AFTER)]
    return client


def longest_send(client: WebClient) -> float:
    """Seconds one send can take at most: opening the DM, reading the history, posting,
    each call with its time-out and every 429 wait the client may make."""
    waits = sum(h.max_retry_count * (getattr(h, "max_wait", 3600) + 1) for h in client.retry_handlers)
    tries = 1 + sum(h.max_retry_count for h in client.retry_handlers)
    calls = IM_PAGES + HISTORY_PAGES + 1  # users.conversations and conversations.history pages, chat.postMessage
    return calls * (tries * client.timeout + waits)


def _send_reminder(db, client: WebClient, due: Due, now: datetime, report: SweepReport) -> None:
    held = log.claim(db, due.meeting.id, due.offset_days, due.target, now, due.late)
    if held is None:
        report.claimed_elsewhere += 1
        return
    try:
        message = reminder_message(db, due, now).slack_message()
    except Exception as err:  # our own bug: recorded, tried again next sweep
        log.record(db, due.meeting.id, due.offset_days, due.target, "retry", now, error=type(err).__name__)
        report.retry.append((due, type(err).__name__))
        logger.exception("reminder to %s could not be built", due.target)
        return
    marker = f"reminder:{due.meeting.id}:{due.offset_days}:{due.target}"
    outcome = send_once(client, due.target, message, marker, held,
                        trying=lambda: log.trying(db, due.meeting.id, due.offset_days, due.target, held, now))
    if outcome.status == "lost":
        report.claimed_elsewhere += 1
        return
    log.record(db, due.meeting.id, due.offset_days, due.target, outcome.status, now, error=outcome.error,
               message_ts=outcome.ts, maybe_sent=outcome.maybe_sent)
    if outcome.status == "sent":
        report.sent.append(due)
    else:
        (report.failed if outcome.status == "failed" else report.retry).append((due, outcome.error or "unknown"))
        logger.warning("reminder to %s for %s %s: %s", due.target, due.committee.name, due.meeting.date, outcome.error)


def _announce_changes(db, client: WebClient, now: datetime, report: SweepReport) -> None:
    """Tell each panel's channel of a meeting's new time, place or date, once."""
    for change in log.changes_to_send(db, now):
        if change_is_stale(change, now):
            log.record_change(db, change.id, "dropped", now, error="the meeting has begun")
            continue
        held = log.claim_change(db, change.id, now)
        if held is None:
            continue
        try:
            message = change_message(db, change, now).slack_message()
        except Exception as err:
            log.record_change(db, change.id, "retry", now, error=type(err).__name__)
            logger.exception("announcement %s could not be built", change.id)
            continue
        outcome = send_once(client, f"channel:{change.channel}", message, f"change:{change.id}", held,
                            trying=lambda: log.trying_change(db, change.id, held, now))
        if outcome.status != "lost":
            log.record_change(db, change.id, outcome.status, now, error=outcome.error, message_ts=outcome.ts,
                              maybe_sent=outcome.maybe_sent)
        if outcome.status == "sent":
            report.announced += 1


def sweep(db_path: str, client: WebClient, now: datetime) -> SweepReport:
    report = SweepReport()
    with connect(db_path) as db:
        due_now, overtaken = plan(db, now)
        for due in overtaken:
            log.skip(db, due.meeting.id, due.offset_days, due.target, now, "overtaken by a later reminder")
        report.overtaken = len(overtaken)
        _announce_changes(db, client, now, report)  # a changed time first: the reminder then says the new one
        for due in due_now:
            _send_reminder(db, client, due, now, report)
    return report


def start_scheduler(db_path: str, client: WebClient, now: Callable[[], datetime] = clock.now):
    """An APScheduler 3 background job sweeping every few minutes. Its job store
    is in memory, never shared: the claims in the store are what keep sends single."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BackgroundScheduler(timezone="Europe/London")

    def job() -> None:
        try:
            result = sweep(db_path, client, now())
            if result.sent or result.failed or result.retry:
                logger.info("reminders: %d sent, %d failed, %d to retry", len(result.sent), len(result.failed), len(result.retry))
        except Exception:
            logger.exception("reminder sweep failed")
        try:
            from .clock_reminders import sweep_clocks
            clocks = sweep_clocks(db_path, client, now())
            if clocks.sent or clocks.failed or clocks.retry:
                logger.info("clock reminders: %d sent, %d failed, %d to retry", len(clocks.sent), len(clocks.failed), len(clocks.retry))
        except Exception:
            logger.exception("clock reminder sweep failed")
        from .digests import sweep_digests
        for name, sent in sweep_digests(db_path, client, now()).items():
            if sent.sent or sent.failed or sent.retry:
                logger.info("%s: %d sent, %d failed, %d to retry", name, len(sent.sent), len(sent.failed), len(sent.retry))

    # misfire_grace_time=None: a sweep due while the process was busy still runs;
    # coalesce: several missed sweeps run once; one at a time
    # the first sweep runs at once; the schedule itself follows the real clock, whatever now() reports
    scheduler.add_job(job, IntervalTrigger(minutes=SWEEP_MINUTES), id="reminder-sweep",
                      next_run_time=datetime.now(clock.LONDON), misfire_grace_time=None, coalesce=True, max_instances=1)

    def nightly_sync() -> None:
        from sources.moderngov import sync_all
        try:
            sync_all(db_path, now(), slack=client)
        except Exception:
            logger.exception("nightly sync failed")

    from apscheduler.triggers.cron import CronTrigger
    # 03:15 London exists exactly once on every day of the year, clock changes included
    scheduler.add_job(nightly_sync, CronTrigger(hour=3, minute=15, timezone="Europe/London"), id="nightly-sync",
                      misfire_grace_time=6 * 3600, coalesce=True, max_instances=1)
    scheduler.start()
    return scheduler
