"""The reminder sweep: every few minutes, work out what is due, claim each
send in the store, then post it. Restarts, two processes at once, downtime and
Slack retries neither lose nor repeat a reminder."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from handlers.reminders import Due, plan, reminder_message
from store import connect
from store import reminders as log

from . import clock

logger = logging.getLogger(__name__)
SWEEP_MINUTES = 5
# errors that another try will not mend: recorded, shown by /scrutiny reminders, never retried
PERMANENT = {"not_in_channel", "channel_not_found", "is_archived", "user_not_found", "account_inactive",
             "cannot_dm_bot", "user_disabled", "invalid_auth", "not_authed", "missing_scope", "restricted_action",
             "team_access_not_granted", "msg_too_long", "invalid_blocks", "no_permission"}


@dataclass
class SweepReport:
    sent: list[Due] = field(default_factory=list)
    failed: list[tuple[Due, str]] = field(default_factory=list)
    retry: list[tuple[Due, str]] = field(default_factory=list)
    claimed_elsewhere: int = 0
    overtaken: int = 0


def slack_client(token: str | None, base_url: str | None, max_rate_limit_retries: int = 3) -> WebClient:
    """A Web API client that waits out 429s (Retry-After) and retries dropped connections."""
    client = WebClient(token=token, base_url=base_url) if base_url else WebClient(token=token)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=max_rate_limit_retries))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def _post(client: WebClient, due: Due, message: dict) -> str | None:
    kind, _, ident = due.target.partition(":")
    response = client.chat_postMessage(channel=ident, unfurl_links=False, **message)
    return response.get("ts")


def sweep(db_path: str, client: WebClient, now: datetime) -> SweepReport:
    report = SweepReport()
    with connect(db_path) as db:
        due_now, overtaken = plan(db, now)
        for due in overtaken:
            log.skip(db, due.meeting.id, due.offset_days, due.target, now, "overtaken by a later reminder")
        report.overtaken = len(overtaken)
        for due in due_now:
            if not log.claim(db, due.meeting.id, due.offset_days, due.target, now, due.late):
                report.claimed_elsewhere += 1
                continue
            try:
                message = reminder_message(db, due, now).slack_message()
                ts = _post(client, due, message)
            except SlackApiError as err:
                code = str(err.response.get("error") or err.response.status_code)
                status = "failed" if code in PERMANENT else "retry"
                log.record(db, due.meeting.id, due.offset_days, due.target, status, now, error=code)
                (report.failed if status == "failed" else report.retry).append((due, code))
                logger.warning("reminder to %s for %s %s: %s", due.target, due.committee.name, due.meeting.date, code)
                continue
            except Exception as err:  # time-outs, connection errors, our own bugs: try again next sweep
                log.record(db, due.meeting.id, due.offset_days, due.target, "retry", now, error=type(err).__name__)
                report.retry.append((due, type(err).__name__))
                logger.exception("reminder to %s failed; will retry", due.target)
                continue
            log.record(db, due.meeting.id, due.offset_days, due.target, "sent", now, message_ts=ts)
            report.sent.append(due)
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
