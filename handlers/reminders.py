"""Reminders before each panel meeting: what is due at a moment, what each
says, and the commands that set them up (channel, subscribe, remind-settings,
reminders)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from corpus.dates import human_date
from store import queries
from store import reminders as log
from store.queries import Committee, MeetingRow

from .access import OPEN, Access
from .format import action_lines, meeting_line, paper, when
from .panels import find_panel, not_found
from .reply import Reply, escape

LONDON = ZoneInfo("Europe/London")
LATE_AFTER = timedelta(minutes=15)
MAX_OFFSET_DAYS = 60


@dataclass
class Due:
    meeting: MeetingRow
    committee: Committee
    offset_days: int
    send_at: datetime
    target: str  # channel:C123 | user:U123
    late: bool


def send_moment(meeting_date: str, offset_days: int, send_time: str) -> datetime:
    """The London wall-clock moment to send; correct across the clock changes."""
    hour, minute = (int(p) for p in send_time.split(":"))
    day = date.fromisoformat(meeting_date) - timedelta(days=offset_days)
    # normalising through UTC settles a time the spring change skips (01:30 becomes 02:30)
    return datetime.combine(day, time(hour, minute), LONDON).astimezone(ZoneInfo("UTC")).astimezone(LONDON)


def meeting_start(meeting: MeetingRow) -> datetime:
    hour, minute = (int(p) for p in (meeting.time or "00:00").split(":"))
    return datetime.combine(date.fromisoformat(meeting.date), time(hour, minute), LONDON)


def targets(db: Database, committee: Committee) -> list[str]:
    out = [f"channel:{committee.channel}"] if committee.channel else []
    out += [f"user:{user}" for user in log.subscribers(db, committee.id)]
    return out


def plan(db: Database, now: datetime) -> tuple[list[Due], list[Due]]:
    """(to send now, overtaken): reminders whose moment has come, for meetings
    still ahead; where the bot was down across two of a meeting's reminders,
    only the later one goes and the earlier is overtaken."""
    now = now.astimezone(LONDON)
    today = now.date()
    send: list[Due] = []
    overtaken: list[Due] = []
    ahead: dict[int, list[MeetingRow]] = {}
    for meeting in queries.meetings_between(db, today, today + timedelta(days=MAX_OFFSET_DAYS)):
        if meeting.status not in ("cancelled", "rearranged", "held"):
            ahead.setdefault(meeting.committee_id, []).append(meeting)
    for committee in queries.committees(db):
        if committee.id not in ahead:
            continue
        settings = log.settings(db, committee.id)
        recipients = targets(db, committee)
        if not settings.enabled or not recipients:
            continue
        for meeting in ahead[committee.id]:
            if now >= meeting_start(meeting):
                continue  # never a reminder for a meeting that has begun
            due = sorted((k for k in settings.offsets if send_moment(meeting.date, k, settings.send_time) <= now))
            if not due:
                continue
            latest, earlier = due[0], due[1:]
            for target in recipients:
                moment = send_moment(meeting.date, latest, settings.send_time)
                status = log.already_logged(db, meeting.id, latest, target)
                if status in (None, "retry", "claimed"):
                    send.append(Due(meeting, committee, latest, moment, target, now - moment > LATE_AFTER))
                for k in earlier:
                    if log.already_logged(db, meeting.id, k, target) is None:
                        overtaken.append(Due(meeting, committee, k, send_moment(meeting.date, k, settings.send_time), target, True))
    return send, overtaken


def reminder_message(db: Database, due: Due, now: datetime) -> Reply:
    meeting, committee = due.meeting, due.committee
    today = now.date()
    days = (date.fromisoformat(meeting.date) - today).days
    soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    reply = Reply(ephemeral=False)
    reply.header(f"Reminder: {committee.name}"[:150])
    head = f"*{escape(committee.name)}* meets {soon}: *{meeting_line(meeting)}*"
    if meeting.moved_from:
        head += f"\n_Moved from {when(meeting.moved_from)}._"
    reply.section(head)
    planned = queries.programme_for(db, committee.id, meeting.date)
    if planned:
        reply.section("*On the work programme*\n" + "\n".join(f"• {escape(row.issue)}" for row in planned[:15]))
    open_actions = queries.actions(db, committee.id, "open", before=meeting.date, limit=200)
    if open_actions:
        overdue_first = sorted(open_actions, key=lambda a: (not (a.due and a.due < today.isoformat()), a.meeting_date))
        reply.section(f"*Open actions from earlier meetings: {len(open_actions)}*")
        for action in overdue_first[:5]:
            reply.section(action_lines(action, today))
        if len(open_actions) > 5:
            reply.context(f"…and {len(open_actions) - 5} more: `/scrutiny actions`")
    sources = queries.provenance_of_meeting(db, meeting.id)
    if sources:
        reply.context("Papers: " + "; ".join(f"{paper(s.kind, s.meeting_date)} ({escape(_short_source(s.source))})" for s in sources[:3]))
    if due.late:
        reply.context(f"_Sent late: this reminder was due {human_date(due.send_at.date())} at "
                      f"{due.send_at.strftime('%H:%M')}, while the bot was not running._")
    return reply


def _short_source(source: str) -> str:
    return source if source.startswith("http") else source.rsplit("/", 1)[-1]


# --- commands -------------------------------------------------------------------------------------

def _panel_or_reply(db: Database, typed: str, usage: str) -> tuple[Committee | None, Reply | None]:
    if not typed.strip():
        return None, Reply().section(f"Which panel? `{usage} <panel>`")
    match = find_panel(db, typed)
    if match.panel is None:  # never a guess: a typo gets "did you mean"
        return None, not_found(typed, match, db, usage)
    return match.panel, None


def handle_channel(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   access: Access = OPEN) -> Reply:
    panel, problem = _panel_or_reply(db, args, "/scrutiny channel")
    if problem:
        return problem
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel))
    if not channel or channel == "console":
        return Reply().section("Type `/scrutiny channel <panel>` in the Slack channel that should get the panel's reminders.")
    log.set_channel(db, panel.id, channel, user or "console", now)
    return Reply(ephemeral=False).section(f"Reminders for *{escape(panel.name)}* will be posted in <#{channel}>.")


def handle_subscribe(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                     access: Access = OPEN) -> Reply:
    panel, problem = _panel_or_reply(db, args, "/scrutiny subscribe")
    if problem:
        return problem
    if not user:
        return Reply().section("I need to know who you are to send you reminders.")
    new = log.subscribe(db, panel.id, user, now)
    settings = log.settings(db, panel.id)
    days = " and ".join(f"{k} day{'s' if k != 1 else ''}" for k in settings.offsets)
    return Reply().section((f"Subscribed: I'll message you {days} before each meeting of *{escape(panel.name)}*, at {settings.send_time}."
                            if new else f"You are already subscribed to *{escape(panel.name)}*.")
                           + " `/scrutiny unsubscribe` to stop.")


def handle_unsubscribe(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                       access: Access = OPEN) -> Reply:
    panel, problem = _panel_or_reply(db, args, "/scrutiny unsubscribe")
    if problem:
        return problem
    gone = log.unsubscribe(db, panel.id, user or "")
    return Reply().section(f"Unsubscribed from *{escape(panel.name)}*." if gone else f"You were not subscribed to *{escape(panel.name)}*.")


_DAYS = re.compile(r"\bdays?\s+([\d,\s]+)", re.IGNORECASE)
_AT = re.compile(r"\bat\s+(\d{1,2})[:.]?(\d{2})?\s*(am|pm)?\b", re.IGNORECASE)


def handle_remind_settings(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                           access: Access = OPEN) -> Reply:
    """`remind-settings <panel> [days 7,1] [at 09:00] [on|off]`"""
    text = args
    days = _DAYS.search(text)
    at = _AT.search(text)
    switch = re.search(r"\b(on|off)\s*$", text, re.IGNORECASE)
    panel_text = text
    for m in (days, at, switch):
        if m:
            panel_text = panel_text.replace(m.group(0), " ")
    panel, problem = _panel_or_reply(db, panel_text, "/scrutiny remind-settings")
    if problem:
        return problem
    current = log.settings(db, panel.id)
    if (days or at or switch) and not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel))
    if days or at or switch:
        offsets = current.offsets
        if days:
            offsets = tuple(int(d) for d in re.findall(r"\d+", days.group(1)))
            if not offsets or any(d > MAX_OFFSET_DAYS for d in offsets):
                return Reply().section(f"Days before the meeting must be numbers from 0 to {MAX_OFFSET_DAYS}, like `days 7,1`.")
        send_time = current.send_time
        if at:
            hour = int(at.group(1)) % 12 + (12 if (at.group(3) or "").lower() == "pm" else 0) if at.group(3) else int(at.group(1))
            minute = int(at.group(2) or 0)
            if hour > 23 or minute > 59:
                return Reply().section("The time must be a clock time, like `at 09:00` or `at 2pm`.")
            send_time = f"{hour:02d}:{minute:02d}"
        enabled = current.enabled if not switch else switch.group(1).lower() == "on"
        log.save_settings(db, log.Settings(panel.id, offsets, send_time, enabled), user or "console", now)
        current = log.settings(db, panel.id)
    days_text = ", ".join(str(k) for k in current.offsets)
    reply = Reply().section(f"*{escape(panel.name)}* reminders: {'on' if current.enabled else 'off'}, "
                            f"{days_text} days before each meeting at {current.send_time} (UK time).")
    where = targets(db, panel)
    reply.context(f"Going to {len(where)} place(s): " + (", ".join(_target_label(t) for t in where) if where else
                  "nowhere yet. `/scrutiny channel <panel>` in a channel, or `/scrutiny subscribe <panel>`."))
    reply.context("Change with `/scrutiny remind-settings <panel> days 7,1 at 09:00`, or `off` / `on`.")
    return reply


def _target_label(target: str) -> str:
    kind, _, ident = target.partition(":")
    return f"<#{ident}>" if kind == "channel" else f"<@{ident}>"


def handle_reminders(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None) -> Reply:
    """What is due next, for whom, and what failed."""
    reply = Reply().header("Reminders")
    upcoming = []
    for committee in queries.committees(db):
        settings = log.settings(db, committee.id)
        where = targets(db, committee)
        if not settings.enabled or not where:
            continue
        meeting = queries.next_meeting(db, committee.id, now.date())
        if meeting is None:
            continue
        for k in sorted(settings.offsets, reverse=True):
            moment = send_moment(meeting.date, k, settings.send_time)
            if moment > now:
                upcoming.append((moment, committee, meeting, k, where))
    if upcoming:
        lines = [f"• {human_date(moment.date())} {moment.strftime('%H:%M')} — *{escape(c.name)}* "
                 f"({k} day{'s' if k != 1 else ''} before {when(m.date)}) to {', '.join(_target_label(t) for t in where)}"
                 for moment, c, m, k, where in sorted(upcoming, key=lambda u: u[0])[:10]]
        reply.section("*Next*\n" + "\n".join(lines))
    else:
        reply.section("No reminders are due: set a channel (`/scrutiny channel <panel>`) or subscribe (`/scrutiny subscribe <panel>`).")
    failed = log.log_rows(db, ("failed", "retry"), limit=10)
    if failed:
        reply.section("*Failed*\n" + "\n".join(
            f"• {escape(r.committee)} {when(r.meeting_date)}, {r.offset_days} days before, to {_target_label(r.target)}: "
            f"`{escape(r.error or 'unknown error')}`" + (" (will retry)" if r.status == "retry" else "") for r in failed))
    sent = log.log_rows(db, ("sent",), limit=5)
    if sent:
        reply.context("Last sent: " + "; ".join(f"{escape(r.committee)} {when(r.meeting_date)} to {_target_label(r.target)}"
                                                + (" (late)" if r.late else "") for r in sent))
    return reply


def describe(due: Due) -> str:
    late = " (late)" if due.late else ""
    return (f"{due.send_at.strftime('%Y-%m-%d %H:%M %Z')}{late}  {due.committee.name}  meeting {due.meeting.date}"
            f"  {due.offset_days} day(s) before  -> {due.target}")

