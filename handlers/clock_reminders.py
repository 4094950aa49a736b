"""Reminders for the statutory clocks: what is due at a moment, and what each says.

- a response to a panel's recommendations: by default 14 days and 1 day before
  it is due, and on the day it becomes overdue (recommendations made together,
  due together, go in one message);
- a weekly line of what is overdue, on Mondays;
- a meeting's report deadline: 3 days and 1 day before it;
- an executive decision in the panel's remit: once, while it can be called in.

Each goes to the panel's channel and subscribers, at the panel's reminder time,
through the same claims as meeting reminders, so none is sent twice. If the bot
was down across two moments of one clock, only the later goes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from corpus.dates import human_date
from store import clocks as store_clocks
from store import council_settings as cs
from store import queries
from store import recommendations as tracker
from store import reminders as log
from store.queries import Committee

from .format import meeting_line, when
from .reminders import LATE_AFTER, LONDON, UTC, send_moment, targets
from .reply import Reply, escape

TABLE = "clock_log"
OVERDUE = -1  # the offset of the line sent on the day a response becomes overdue
OVERDUE_GRACE = timedelta(days=7)  # after that the weekly line carries it
AHEAD_DAYS = 120


@dataclass
class ClockDue:
    clock: str  # response:<panel>:<due> | weekly:<panel>:<monday> | report:<meeting>:<deadline> | callin:<decision>
    offset_days: int
    committee: Committee
    send_at: datetime
    target: str
    late: bool
    kind: str  # response | overdue | weekly | report | callin
    recs: list[tracker.RecommendationRow] = field(default_factory=list)
    meeting: queries.MeetingRow | None = None
    deadlines: store_clocks.MeetingDeadlines | None = None
    decision: store_clocks.DecisionRow | None = None
    remit_words: list[str] = field(default_factory=list)

    @property
    def key(self) -> dict[str, object]:
        return {"clock": self.clock, "offset_days": self.offset_days, "target": self.target}


def _pick(db: Database, clock: str, moments: list[tuple[int, datetime]], now: datetime, recipients: list[str],
          make: callable) -> tuple[list[ClockDue], list[ClockDue]]:
    """The latest moment that has come, for each recipient not yet sent it; earlier unsent ones are overtaken."""
    come = sorted((m for m in moments if m[1] <= now), key=lambda m: m[1])
    if not come:
        return [], []
    (latest, latest_at), earlier = come[-1], come[:-1]
    send, skipped = [], []
    for target in recipients:
        if log.logged_in(db, TABLE, {"clock": clock, "offset_days": latest, "target": target}) in (None, "retry", "claimed"):
            send.append(make(latest, latest_at, target))
        for offset, at in earlier:
            if log.logged_in(db, TABLE, {"clock": clock, "offset_days": offset, "target": target}) is None:
                skipped.append(make(offset, at, target))
    return send, skipped


def plan_clocks(db: Database, now: datetime) -> tuple[list[ClockDue], list[ClockDue]]:
    """(to send now, overtaken)."""
    now = now.astimezone(LONDON)
    today = now.date()
    # compared as instants from here: two London times compare by the clock on the wall,
    # and the repeated autumn hour would make one moment of two
    now = now.astimezone(UTC)
    send: list[ClockDue] = []
    skipped: list[ClockDue] = []

    def add(pair: tuple[list[ClockDue], list[ClockDue]]) -> None:
        send.extend(pair[0])
        skipped.extend(pair[1])

    ahead: dict[int, list[queries.MeetingRow]] = {}
    for meeting in queries.meetings_between(db, today, today + timedelta(days=AHEAD_DAYS)):
        if meeting.status not in ("cancelled", "rearranged", "held"):
            ahead.setdefault(meeting.committee_id, []).append(meeting)
    callins: dict[str, list[store_clocks.DecisionRow]] = {}
    vocabularies: dict[int, set[str]] = {}
    for committee in queries.committees(db):
        settings = log.settings(db, committee.id)
        recipients = targets(db, committee)
        if not settings.enabled or not recipients:
            continue
        clocks = cs.clock_settings(db, committee.id)
        at = settings.send_time

        # responses owed to this panel, grouped by the day they are due
        owed = tracker.recommendations(db, committee.id, "awaiting", today)
        by_due: dict[str, list[tracker.RecommendationRow]] = {}
        for row in owed:
            if row.due:
                by_due.setdefault(row.due, []).append(row)
        for due, rows in by_due.items():
            due_day = date.fromisoformat(due)
            moments = [(k, send_moment(due, k, at)) for k in clocks.response_days if today <= due_day]
            if clocks.overdue:
                overdue_at = send_moment(due, OVERDUE, at)
                if overdue_at <= now <= overdue_at + OVERDUE_GRACE:
                    moments.append((OVERDUE, overdue_at))
            clock = f"response:{committee.id}:{due}"
            add(_pick(db, clock, moments, now, recipients,
                      lambda k, when_, target, rows=rows, clock=clock: ClockDue(
                          clock, k, committee, when_, target, now - when_ > LATE_AFTER,
                          "overdue" if k == OVERDUE else "response", recs=rows)))

        # the weekly overdue line, Mondays
        if clocks.weekly:
            monday = today - timedelta(days=today.weekday())
            moment = send_moment(monday.isoformat(), 0, at)
            overdue = [r for r in owed if r.due and r.due < today.isoformat()]
            if overdue and moment <= now:
                clock = f"weekly:{committee.id}:{monday.isoformat()}"
                add(_pick(db, clock, [(0, moment)], now, recipients,
                          lambda k, when_, target, clock=clock, overdue=overdue: ClockDue(
                              clock, k, committee, when_, target, now - when_ > LATE_AFTER, "weekly", recs=overdue)))

        # report deadlines of coming meetings
        if clocks.report_days:
            council = cs.council_settings(db, committee.council)
            for meeting in ahead.get(committee.id, []):
                deadlines = store_clocks.deadlines(council, meeting.date)
                if deadlines.report_deadline < today:
                    continue
                moments = [(k, send_moment(deadlines.report_deadline.isoformat(), k, at)) for k in clocks.report_days]
                clock = f"report:{meeting.id}:{deadlines.report_deadline.isoformat()}"
                add(_pick(db, clock, moments, now, recipients,
                          lambda k, when_, target, clock=clock, meeting=meeting, deadlines=deadlines: ClockDue(
                              clock, k, committee, when_, target, now - when_ > LATE_AFTER, "report",
                              meeting=meeting, deadlines=deadlines)))

        # executive decisions in this panel's remit, while they can be called in
        if clocks.callin:
            if committee.council not in callins:
                callins[committee.council] = store_clocks.open_callins(db, today, committee.council)
            for decision in callins[committee.council]:
                remit = dict(store_clocks.panels_for(db, decision, vocabularies))
                if committee.id not in remit:
                    continue
                moment = send_moment(decision.published_on, 0, at)
                clock = f"callin:{decision.decision_key}"
                add(_pick(db, clock, [(0, moment)], now, recipients,
                          lambda k, when_, target, clock=clock, decision=decision, words=remit[committee.id]: ClockDue(
                              clock, k, committee, when_, target, False, "callin", decision=decision, remit_words=words)))
    return send, skipped


def _rec_bullets(rows: list[tracker.RecommendationRow], limit: int = 8) -> str:
    lines = [f"• #{r.id} {escape(r.text[:160])} — to {escape(r.to_whom or 'not named')}" for r in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"…and {len(rows) - limit} more")
    return "\n".join(lines)


def clock_message(db: Database, due: ClockDue, now: datetime) -> Reply:
    today = now.astimezone(LONDON).date()
    panel = escape(due.committee.name)
    reply = Reply(ephemeral=False)
    if due.kind in ("response", "overdue"):
        day = date.fromisoformat(due.recs[0].due)
        made = ", ".join(sorted({when(r.made_on) for r in due.recs}))
        count = len(due.recs)
        noun = f"{count} recommendation{'s' if count != 1 else ''}"
        if due.kind == "overdue":
            reply.header(f"Response overdue: {due.committee.name}"[:150])
            reply.section(f"*Overdue:* the response to {noun} of *{panel}* (meeting of {made}) was due by "
                          f"*{human_date(day)}* and none is recorded.\n{_rec_bullets(due.recs)}")
        else:
            days = (day - today).days
            soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
            reply.header(f"Response due {soon}: {due.committee.name}"[:150])
            reply.section(f"The response to {noun} of *{panel}* (meeting of {made}) is due {soon}, by "
                          f"*{human_date(day)}*.\n{_rec_bullets(due.recs)}")
        reply.context("If it has come: `/scrutiny recommendations <n> response accepted on <date>`; "
                      "all of them: `/scrutiny recommendations overdue`.")
    elif due.kind == "weekly":
        reply.header(f"Overdue responses: {due.committee.name}"[:150])
        reply.section(f"*{len(due.recs)} response{'s' if len(due.recs) != 1 else ''} overdue* to *{panel}*:\n"
                      + "\n".join(f"• #{r.id} {escape(r.text[:120])} — due {when(r.due)}" for r in due.recs[:10])
                      + (f"\n…and {len(due.recs) - 10} more" if len(due.recs) > 10 else ""))
        reply.context("`/scrutiny recommendations overdue` for the list with buttons.")
    elif due.kind == "report":
        deadline, meeting = due.deadlines, due.meeting
        days = (deadline.report_deadline - today).days
        soon = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        reply.header(f"Reports due {soon}: {due.committee.name}"[:150])
        reply.section(f"Reports for *{panel}* on *{meeting_line(meeting)}* are due to democratic services {soon}, by "
                      f"*{human_date(deadline.report_deadline)}*; the agenda is published by {human_date(deadline.publication)}.")
    elif due.kind == "callin":
        decision = due.decision
        reply.header(f"Call-in open: {decision.title}"[:150])
        reply.section(f"*{escape(decision.body)}* decided *{escape(decision.title[:200])}* on {when(decision.decided_on)}. "
                      f"It can be called in until *{human_date(date.fromisoformat(decision.callin_by))}*.\n"
                      f"_In the remit of {panel}: its programme and items mention "
                      + ", ".join(f"‘{escape(w)}’" for w in due.remit_words[:5]) + "._")
        reply.context("`/scrutiny callin` lists every open window.")
    if due.late and due.kind != "callin":
        reply.context(f"_This was due {human_date(due.send_at.date())} at {due.send_at.strftime('%H:%M')}._")
    return reply


def describe_clock(due: ClockDue) -> str:
    late = " (late)" if due.late else ""
    return (f"{due.send_at.strftime('%Y-%m-%d %H:%M %Z')}{late}  {due.committee.name}  {due.kind} {due.clock}"
            f"  offset {due.offset_days}  -> {due.target}")
