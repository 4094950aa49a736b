"""The weekly digest in each panel's channel (Monday 09:00 London by default,
`/scrutiny digest <panel> …` to change it or turn it off): this week's and next
week's meetings, papers read since the last digest, actions new and closed,
overdue actions with their owners, and the statutory clocks that fall due.
A week with none of that sends nothing (overdue actions alone are not news)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from corpus.dates import human_date
from store import council_settings as cs
from store import digests as store
from store import queries
from store import recommendations as tracker
from store.clocks import deadlines
from store.queries import Committee

from .access import OPEN, Access
from .format import action_lines, meeting_line, paper, when
from .reminders import LATE_AFTER, LONDON, NotUnderstood, _clock_time, _panel_or_reply, send_moment
from .reply import Reply, escape

TABLE = "digest_log"
LATE_LIMIT = timedelta(days=2)  # a digest missed for longer than this is left for next week's
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SHOWN = 6


@dataclass
class WeeklyDue:
    committee: Committee
    moment: datetime
    target: str
    late: bool

    @property
    def key(self) -> dict[str, object]:
        return {"digest": f"weekly:{self.committee.id}:{self.moment.date().isoformat()}", "target": self.target}


def latest_moment(settings: store.DigestSettings, now: datetime) -> datetime:
    """The most recent digest moment at or before now, in London time (right across the clock changes)."""
    day = now.date() - timedelta(days=(now.weekday() - settings.weekday) % 7)
    moment = send_moment(day.isoformat(), 0, settings.send_time)
    return moment if moment <= now else send_moment((day - timedelta(days=7)).isoformat(), 0, settings.send_time)


def plan_weekly(db: Database, now: datetime) -> list[WeeklyDue]:
    """Each panel with a channel whose digest moment has come and is not yet sent (nor missed by over LATE_LIMIT)."""
    from store import reminders as claims
    now = now.astimezone(LONDON)
    due = []
    for committee in queries.committees(db):
        if not committee.channel:
            continue
        settings = store.settings(db, committee.id)
        if not settings.enabled:
            continue
        moment = latest_moment(settings, now)
        if now - moment > LATE_LIMIT:
            continue
        item = WeeklyDue(committee, moment, f"channel:{committee.channel}", now - moment > LATE_AFTER)
        if claims.logged_in(db, TABLE, item.key) in (None, "retry", "claimed"):
            due.append(item)
    return due


def _week_of(moment: datetime) -> tuple[date, date]:
    monday = moment.date() - timedelta(days=moment.weekday())
    return monday, monday + timedelta(days=13)


def _meeting_status(meeting: queries.MeetingRow) -> str:
    if meeting.status == "cancelled":
        return " — *cancelled*"
    if meeting.status == "rearranged":
        return f" — *moved to {when(meeting.moved_to)}*" if meeting.moved_to else " — *being rearranged*"
    return f" _(moved from {when(meeting.moved_from)})_" if meeting.moved_from else ""


def _clock_lines(db: Database, committee: Committee, today: date, end: date) -> list[str]:
    lines = []
    for rec in tracker.recommendations(db, committee.id, "awaiting", today, due_by=end.isoformat(), limit=50):
        if rec.due and rec.due >= today.isoformat():
            lines.append(f"• Response due {when(rec.due)} from {escape(rec.to_whom or 'the executive')}: "
                         f"#{rec.id} {escape(rec.text[:120])}")
    settings = cs.council_settings(db, committee.council)
    # a meeting weeks ahead can have its report deadline this fortnight
    ahead = [m for m in queries.meetings_between(db, today, end + timedelta(days=45)) if m.committee_id == committee.id]
    for meeting in ahead:
        if meeting.status in ("cancelled", "rearranged"):
            continue
        clock = deadlines(settings, meeting.date)
        if today <= clock.report_deadline <= end:
            lines.append(f"• Reports for {when(meeting.date)} due to democratic services by {when(clock.report_deadline.isoformat())}")
        if today <= clock.publication <= end:
            lines.append(f"• Agenda for {when(meeting.date)} to be published by {when(clock.publication.isoformat())}")
    return lines


def weekly_message(db: Database, due: WeeklyDue, now: datetime) -> Reply | None:
    committee = due.committee
    today = now.astimezone(LONDON).date()
    start, end = _week_of(due.moment)
    last = store.last_digest(db, committee.id, due.target)
    since = datetime.fromisoformat(last) if last else due.moment - timedelta(days=7)
    until = now
    meetings = [m for m in queries.meetings_between(db, start, end) if m.committee_id == committee.id]
    papers = store.papers_since(db, committee.id, since, until)
    new_actions = store.actions_new_since(db, committee.id, since, until)
    closed = store.actions_closed_since(db, committee.id, since, until)
    clocks = _clock_lines(db, committee, today, end)
    if not (meetings or papers or new_actions or closed or clocks):
        return None

    reply = Reply(ephemeral=False).header(f"Week ahead: {committee.name}"[:150])
    reply.context(f"{human_date(start)} to {human_date(end)}; papers and actions since {human_date(since.astimezone(LONDON).date())}")
    if meetings:
        reply.section("*Meetings this week and next*\n" + "\n".join(f"• {meeting_line(m)}{_meeting_status(m)}" for m in meetings))
    else:
        reply.section("_No meetings this week or next._")
    if papers:
        lines = [f"• {paper(p.kind, p.meeting_date)}" + (f": {escape(p.source)}" if p.source.startswith(("http://", "https://")) else "")
                 for p in papers[:10]]
        more = f"\n…and {len(papers) - 10} more" if len(papers) > 10 else ""
        reply.section(f"*Papers published since the last digest: {len(papers)}*\n" + "\n".join(lines) + more)
    if new_actions:
        reply.section(f"*New actions: {len(new_actions)}*")
        for action in new_actions[:SHOWN]:
            reply.section(action_lines(action, today))
    if closed:
        reply.section(f"*Actions closed: {len(closed)}*\n" + "\n".join(f"• {escape(a.text[:150])}" for a in closed[:SHOWN])
                      + (f"\n…and {len(closed) - SHOWN} more" if len(closed) > SHOWN else ""))
    overdue = queries.actions(db, committee.id, "open", overdue_on=today.isoformat(), limit=50)
    if overdue:
        reply.section(f"*Overdue actions: {len(overdue)}*\n" + "\n".join(
            f"• {escape(a.text[:150])} — owner: {escape(a.owner) if a.owner else '_none named_'}, due {when(a.due)}"
            for a in overdue[:SHOWN]) + (f"\n…and {len(overdue) - SHOWN} more: `/scrutiny actions overdue`" if len(overdue) > SHOWN else ""))
    if clocks:
        reply.section("*Clocks falling due*\n" + "\n".join(clocks[:10]))
    if due.late:
        reply.context(f"_Sent late: this digest was due {human_date(due.moment.date())} at {due.moment:%H:%M}, "
                      "while the bot was not running._")
    reply.context("`/scrutiny digest <panel> off` stops this digest; `/scrutiny digest <panel> friday at 08:30` moves it.")
    return reply


# --- the command ----------------------------------------------------------------------------------

_WEEKDAY = re.compile(r"\b(" + "|".join(f"{d[:3]}(?:{d[3:]})?" for d in WEEKDAYS) + r")\b", re.IGNORECASE)
_SWITCH = re.compile(r"\b(on|off)\s*$", re.IGNORECASE)
_AT = re.compile(r"\bat\s+(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?!\w)", re.IGNORECASE)


def handle_digest(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                  access: Access = OPEN) -> Reply:
    """`digest <panel> [monday…sunday] [at 09:00] [on|off]`"""
    weekday, at, switch = _WEEKDAY.search(args), _AT.search(args), _SWITCH.search(args)
    panel_text = args
    for found in (at, switch, weekday):
        if found:
            panel_text = panel_text.replace(found.group(0), " ", 1)
    panel, problem = _panel_or_reply(db, panel_text, "/scrutiny digest")
    if problem:
        return problem
    panel = queries.committee(db, panel.id) or panel  # as it is now: its channel may have just been set
    current = store.settings(db, panel.id)
    if weekday or at or switch:
        if not access.can_edit(user, panel):
            return Reply().section(access.refusal(panel))
        day = current.weekday if not weekday else next(i for i, d in enumerate(WEEKDAYS) if d.startswith(weekday.group(1).lower()[:3]))
        send_time = current.send_time
        if at:
            try:
                send_time = _clock_time(at.group(1).replace(" ", ""))
            except NotUnderstood as problem:
                return Reply().section(str(problem))
        enabled = current.enabled if not switch else switch.group(1).lower() == "on"
        store.save_settings(db, store.DigestSettings(panel.id, day, send_time, enabled), user or "console", now)
        current = store.settings(db, panel.id)
    state = (f"every {WEEKDAYS[current.weekday].capitalize()} at {current.send_time} (UK time)" if current.enabled else "off")
    where = f"in <#{panel.channel}>" if panel.channel else "nowhere yet: `/scrutiny channel <panel>` in its channel first"
    reply = Reply().section(f"*{escape(panel.name)}* weekly digest: {state}, {where}.")
    reply.context("Change with `/scrutiny digest <panel> monday at 09:00`, or `off` / `on`. A week with nothing new sends nothing.")
    return reply


def describe_weekly(due: WeeklyDue) -> str:
    return f"{due.moment:%Y-%m-%d %H:%M %Z}{' (late)' if due.late else ''}  weekly digest  {due.committee.name}  -> {due.target}"
