"""Pre-decision scrutiny: each new key decision in an executive's forward plan
is matched to the panels whose remit it touches (the words of each panel's work
programme, its items of the last two years and its name), and posted once in
each such panel's channel: the decision, its date, who decides, and the date
by which the panel would have to meet to comment, with a button that adds it
to the panel's work programme (audited, undoable)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from corpus.clocks import add_working_days, publication_date
from store import forward_plan as plans
from store import queries
from store import reminders as claims
from store.clocks import remit_panels
from store.council_settings import council_settings
from store.forward_plan import KeyDecision
from store.queries import Committee, MeetingRow

from .access import OPEN, Access
from .format import meeting_line, when
from .reply import Button, Reply, escape

TABLE = "digest_log"


@dataclass
class ForwardDue:
    decision: KeyDecision
    committee: Committee
    words: list[str] = field(default_factory=list)

    @property
    def key(self) -> dict[str, object]:
        return {"digest": f"forward:{self.decision.key}:{self.committee.id}", "target": f"channel:{self.committee.channel}"}


def _day(decision: KeyDecision) -> date | None:
    if not decision.decision_date:
        return None
    return date.fromisoformat(decision.decision_date if len(decision.decision_date) == 10 else decision.decision_date + "-01")


def meet_by(db: Database, decision: KeyDecision) -> tuple[date, date] | None:
    """(the last working day the panel could meet and still have its view in the decision's papers, when those
    papers are published): the decision maker's agenda goes out the council's clear days before the decision."""
    day = _day(decision)
    if day is None:
        return None
    settings = council_settings(db, decision.council)
    published = publication_date(day, settings.clear_days, settings.nation)
    return add_working_days(published, -1, settings.nation), published


def meeting_in_time(db: Database, committee: Committee, today: date, by: date | None) -> MeetingRow | None:
    """The panel's last meeting from today up to `by` that will go ahead."""
    if by is None or by < today:
        return None
    found = [m for m in queries.meetings_between(db, today, by)
             if m.committee_id == committee.id and m.status not in ("cancelled", "rearranged")]
    return found[-1] if found else None


def plan_forward(db: Database, now: datetime) -> tuple[list[ForwardDue], int]:
    """Candidates from forward plans read since last time, for panels with a channel, not yet posted;
    and how far that reading got (to be recorded once they are sent)."""
    today = now.date()
    decisions, last = plans.decisions_after(db, plans.progress(db))
    panels = {p.id: p for p in queries.committees(db)}
    vocabularies: dict[str, dict[int, set[str]]] = {}
    due = []
    for decision in decisions:
        day = _day(decision)
        if day is not None and day < today:
            continue  # taken already: too late for pre-decision scrutiny
        plans.remember(db, decision)
        for committee_id, words in remit_panels(db, decision.council, decision.title, (day or today).isoformat(),
                                                vocabularies.setdefault(decision.council, {}), with_name=True):
            panel = panels.get(committee_id)
            if panel is None or not panel.channel:
                continue
            item = ForwardDue(decision, panel, words)
            if claims.logged_in(db, TABLE, item.key) in (None, "retry", "claimed"):
                due.append(item)
    return due, last


def forward_message(db: Database, due: ForwardDue, now: datetime) -> Reply:
    decision, panel = due.decision, due.committee
    today = now.date()
    reply = Reply(ephemeral=False).header("Pre-decision scrutiny: a key decision in your remit")
    facts = [f"*{escape(decision.title)}*",
             f"Decided by *{escape(decision.decision_maker or decision.executive or 'the executive')}* "
             f"on *{escape(decision.when_text) if not decision.decision_date else when(decision.decision_date)}*"
             + (f" · lead officer {escape(decision.lead_officer)}" if decision.lead_officer else "")]
    deadline = meet_by(db, decision)
    if deadline:
        by, published = deadline
        facts.append(f"To comment before it is taken, *{escape(panel.name)}* would have to meet by *{when(by.isoformat())}* "
                     f"(the decision's papers are published {when(published.isoformat())}).")
        meeting = meeting_in_time(db, panel, today, by)
        facts.append(f"Your meeting on {meeting_line(meeting)} is in time." if meeting else
                     "No meeting of the panel is known before then: it would need a special meeting, or the chair's comments.")
    else:
        facts.append("No decision date is given yet.")
    button = Button("Add to work programme", "fp_add", {"k": decision.key, "c": panel.id}, style="primary")
    reply.section("\n".join(facts), button=button)
    reply.context("In the panel's remit: it shares " + ", ".join(f"‘{escape(w)}’" for w in due.words[:6])
                  + " with the panel's name, work programme or items. From "
                  + (escape(decision.source) if decision.source.startswith(("http://", "https://")) else "the forward plan") + ".")
    return reply


def add_decision(db: Database, key: str, committee_id: int, user: str, now: datetime, access: Access = OPEN) -> Reply:
    """The button: the decision onto the panel's work programme, for its last meeting in time (else TBC)."""
    panel = queries.committee(db, committee_id)
    decision = plans.remembered(db, key)
    if panel is None or decision is None:
        return Reply().section("That decision or panel is no longer known.")
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel))
    deadline = meet_by(db, decision)
    meeting = meeting_in_time(db, panel, now.date(), deadline[0] if deadline else None)
    if not plans.add_to_programme(db, committee_id, decision, meeting.date if meeting else None, user, now):
        return Reply().section(f"“{escape(decision.title)}” is already on the work programme of *{escape(panel.name)}*.")
    where = f"for the meeting on {when(meeting.date)}" if meeting else "with its date to be confirmed"
    return Reply().section(f"Added “{escape(decision.title)}” to the work programme of *{escape(panel.name)}* {where}. "
                           "`/scrutiny audit` shows it; `/scrutiny undo` takes it off.")
