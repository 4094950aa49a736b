"""The other clocks: each coming meeting's publication date and report
deadline, and executive decisions with their call-in windows; and which panel's
remit a decision falls in (by the words of its work programme and past items)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from corpus.clocks import callin_deadline, publication_date, report_deadline
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.recommendations import Decision

from .council_settings import CouncilSettings, council_settings
from .recommendations import _key


def save_decisions(db: Database, decisions: list[Decision], *, document_id: int, meeting_id: int, committee_id: int,
                   meeting_date: str, settings: CouncilSettings) -> None:
    """A decision's window runs from the publication the paper states (else the
    meeting day: the earliest it can be, so a window is never shown open longer
    than it is) for the council's call-in working days, unless the paper states
    the deadline itself. ModernGov's own call-in flag on an item, where sync
    stored one, marks the item as a decision too."""
    rows = []
    for d in decisions:
        published = d.published_on or meeting_date
        counted = callin_deadline(date.fromisoformat(published), settings.callin_days, settings.nation).isoformat()
        rows.append((_key("decision", committee_id, meeting_date, d.item, d.title), document_id, meeting_id, committee_id,
                     d.item, d.title, d.text, meeting_date, published, d.callin_by or counted, int(bool(d.callin_by))))
    db.conn.executemany(
        "INSERT INTO decisions (decision_key, document_id, meeting_id, committee_id, item_number, title, text, decided_on,"
        " published_on, callin_by, stated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


@dataclass
class MeetingDeadlines:
    meeting_date: str
    publication: date
    report_deadline: date
    settings: CouncilSettings


def deadlines(settings: CouncilSettings, meeting_date: str) -> MeetingDeadlines:
    meeting = date.fromisoformat(meeting_date)
    published = publication_date(meeting, settings.clear_days, settings.nation)
    return MeetingDeadlines(meeting_date, published, report_deadline(published, settings.report_days, settings.nation), settings)


def deadlines_for(db: Database, council: str, meeting_date: str) -> MeetingDeadlines:
    return deadlines(council_settings(db, council), meeting_date)


@dataclass
class DecisionRow:
    id: int
    decision_key: str
    council: str
    body: str
    item_number: str | None
    title: str
    text: str | None
    decided_on: str
    published_on: str
    callin_by: str
    stated: bool
    source: str


_DECISION_SQL = """
    SELECT d.id, d.decision_key, c.council, c.name, d.item_number, d.title, d.text, d.decided_on, d.published_on,
           d.callin_by, d.stated, doc.source
    FROM decisions d JOIN committees c ON c.id = d.committee_id JOIN documents doc ON doc.id = d.document_id
    WHERE d.id = (SELECT min(d2.id) FROM decisions d2 WHERE d2.decision_key = d.decision_key)"""


def open_callins(db: Database, today: date, council: str | None = None) -> list[DecisionRow]:
    """Decisions whose call-in window is open today (published, deadline not passed), soonest to close first."""
    rows = db.execute(_DECISION_SQL + " AND d.callin_by >= ? AND d.published_on <= ? AND (? IS NULL OR c.council = ?)"
                      " ORDER BY d.callin_by, c.council, d.item_number", [today.isoformat(), today.isoformat(), council, council])
    return [DecisionRow(*r[:10], bool(r[10]), r[11]) for r in rows]


def remit_vocabulary(db: Database, committee_id: int, since: str, with_name: bool = False) -> set[str]:
    """The words a panel works with: its work programme and its items' titles since `since` (and its name)."""
    from corpus.recommendations import content_words, panel_words  # the recommendation reader: loaded for the clocks' own work
    words: set[str] = set()
    for (text,) in db.execute("SELECT issue FROM programme WHERE committee_id = ? AND paper_date >= ?", [committee_id, since]):
        words |= content_words(text)
    for (text,) in db.execute("SELECT i.title FROM items i JOIN meetings m ON m.id = i.meeting_id"
                              " WHERE m.committee_id = ? AND m.date >= ?", [committee_id, since]):
        words |= content_words(text)
    if with_name:
        name = db.execute("SELECT name FROM committees WHERE id = ?", [committee_id]).fetchone()
        words |= content_words(panel_words(name[0])) if name else set()
    return words


_ROUTINE = re.compile(r"\b(?:apologies|declarations?|minutes|work\s+programme|announcements|questions)\b", re.IGNORECASE)


def panels_for(db: Database, decision: DecisionRow, vocabularies: dict[int, set[str]] | None = None) -> list[tuple[int, list[str]]]:
    """The scrutiny panels of the decision's council whose remit it falls in, with the words that say so."""
    return remit_panels(db, decision.council, decision.title, decision.decided_on, vocabularies)


def _singular(words: set[str]) -> set[str]:
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w for w in words}


def remit_panels(db: Database, council: str, title: str, on: str, vocabularies: dict[int, set[str]] | None = None,
                 with_name: bool = False) -> list[tuple[int, list[str]]]:
    """The scrutiny panels of a council whose remit a decision's title falls in, with the words that say so:
    the panel(s) sharing the most of the title's words, at least two (or the only one); with_name, the
    panel's own name counts among its words ("Housing Scrutiny Panel" for "Housing Allocations Policy")."""
    from corpus.recommendations import content_words, is_executive_body
    wanted = content_words(title) - content_words("report update strategy plan annual policy")
    if with_name:
        wanted = _singular(wanted)
    if not wanted or _ROUTINE.search(title):
        return []
    since = (date.fromisoformat(on) - timedelta(days=730)).isoformat()
    scored = []
    settings = council_settings(db, council)
    remits: dict[int, set[str]] = {}
    for committee_id, name in db.execute("SELECT id, name FROM committees WHERE council = ?", [council]):
        if is_executive_body(name, settings.executive):
            continue
        vocab = vocabularies.get(committee_id) if vocabularies is not None else None
        if vocab is None:
            vocab = remit_vocabulary(db, committee_id, since, with_name)
            if with_name:
                vocab = _singular(vocab)
            if vocabularies is not None:
                vocabularies[committee_id] = vocab
        remits[committee_id] = vocab
        shared = sorted(wanted & vocab)
        if len(shared) >= min(2, len(wanted)):
            scored.append((len(shared), committee_id, shared))
    if not scored and with_name:
        # no panel shares two of its words: a word only one panel's remit uses still says whose it is ("Adoption")
        users: dict[str, list[int]] = {}
        for committee_id, vocab in remits.items():
            for word in wanted & vocab:
                users.setdefault(word, []).append(committee_id)
        for word, holders in users.items():
            if len(holders) == 1:
                scored.append((1, holders[0], [word]))
        merged: dict[int, list[str]] = {}
        for _, committee_id, words in scored:
            merged.setdefault(committee_id, []).extend(words)
        scored = [(len(words), committee_id, sorted(words)) for committee_id, words in merged.items()]
    if not scored:
        return []
    best = max(s[0] for s in scored)
    return [(committee_id, shared) for n, committee_id, shared in scored if n == best]
