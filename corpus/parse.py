"""The parser contract: parse(text, hints) -> Document.

One `_parse_<field>` per field, each reading the normalised text; dates are
read once, here, through corpus.dates.
"""
from __future__ import annotations

import re
from datetime import date

from .actions import parse_actions
from .attendance import parse_attendance
from .doubts import doubts
from .exempt import might_hold_exempt, public_text, redact
from .items import item_spans, parse_items
from .meetings import parse_future_meetings
from .meta import header_lines, parse_committee, parse_council, parse_kind, parse_meeting
from .model import Document
from .programme import is_forward_plan, parse_work_programme, plan_meetings

PARSER_VERSION = "8"

_DRAFT = re.compile(r"\b(?:draft|unconfirmed|unapproved|not\s+yet\s+approved|subject\s+to\s+(?:approval|confirmation))\b", re.IGNORECASE)


def read_paper(text: str, hints: dict[str, str] | None = None) -> tuple[Document, str]:
    """The Document, and the text it was read from with exempt business left out:
    the only text that may be stored. Raises ExemptPaper for a paper exempt as a whole."""
    lines = text.split("\n")
    kind = parse_kind(lines, text)
    if is_forward_plan(text):  # its numbered decisions are programme rows, not items (programme.py)
        kind = "forward_plan"
    left_out = []
    if might_hold_exempt(text):
        public_lines, left_out = redact(lines, item_spans(lines, agenda=kind == "agenda"))
    public = public_text(public_lines) if left_out else text
    doc = _parse_fields(public, hints or {}, kind)
    doc.exempt = [str(part) for part in left_out]
    return doc, public


# Caps where no real paper goes (the largest real agenda packs hold a few hundred items
# and actions). Past them a "paper" is a flattened table, several papers in one, or an
# attack: a one-line 19 MB file once gave 280,000 "actions". What is kept is said.
MAX_NAME_CHARS = 200
MAX_ACTION_CHARS = 2_000  # a longer "sentence" is a run of text with no full stops, not a follow-up
LIMITS = {"items": 1_000, "attendance": 500, "actions": 1_000, "work_programme": 2_000,
          "future_meetings": 200, "moved_meetings": 200}


def _within_limits(doc: Document) -> None:
    long_actions = [a for a in doc.actions if len(a.text) > MAX_ACTION_CHARS]
    if long_actions:
        doc.actions = [a for a in doc.actions if len(a.text) <= MAX_ACTION_CHARS]
        doc.warnings.append(f"{len(long_actions)} 'actions' over {MAX_ACTION_CHARS:,} characters were not kept")
    for field_name, limit in LIMITS.items():
        values = getattr(doc, field_name)
        if len(values) > limit:
            setattr(doc, field_name, values[:limit])
            doc.warnings.append(f"{len(values):,} {field_name.replace('_', ' ')} found; kept the first {limit:,} "
                                "(no real paper holds so many: is this several papers in one?)")
    for field_name in ("council", "committee"):
        value = getattr(doc, field_name)
        if value and len(value) > MAX_NAME_CHARS:
            setattr(doc, field_name, None)
            doc.warnings.append(f"a {field_name} name of {len(value):,} characters was not kept")


def parse(text: str, hints: dict[str, str] | None = None) -> Document:
    return read_paper(text, hints)[0]


def _parse_fields(text: str, hints: dict[str, str], kind: str) -> Document:
    lines = text.split("\n")
    doc = Document()
    doc.kind = kind
    doc.council = hints.get("council") or parse_council(lines, text)
    doc.committee = hints.get("committee") or parse_committee(lines, text, doc.council)
    if not doc.committee:
        doc.warnings.append("no committee name found; pass --committee")
    doc.meeting = parse_meeting(lines, text, doc.warnings)
    if not doc.meeting.date and hints.get("date"):  # the site that published it says when the meeting is
        doc.meeting.date = hints["date"]
        doc.warnings = [w for w in doc.warnings if w != "no meeting date found"] + [f"meeting date {hints['date']} from the source"]
    meeting_date = date.fromisoformat(doc.meeting.date) if doc.meeting.date else None
    items = parse_items(text, agenda=doc.kind == "agenda")
    doc.items = items
    doc.attendance = parse_attendance(text, doc.kind)
    is_minutes = doc.kind in ("minutes", "agenda_and_minutes", "unknown")  # unsure: read follow-ups rather than miss them
    doc.work_programme = parse_work_programme(text, meeting_date, is_minutes)
    # a forward plan's decision dates are when each is due, not meetings of the paper's committee
    # and the plan is not a meeting: its "meeting date" does not date the meetings it lists
    plan = doc.kind == "forward_plan"
    doc.future_meetings, doc.moved_meetings = parse_future_meetings(
        text, None if plan else meeting_date, plan_meetings(doc.work_programme, text) if plan else doc.work_programme)
    next_meeting = doc.future_meetings[0].date if doc.future_meetings else None
    if next_meeting:
        for row in doc.work_programme:
            if row.meeting_date is None and re.search(r"next\s+meeting", row.when):
                row.meeting_date = next_meeting
    if is_minutes:
        doc.actions = parse_actions(items, text, meeting_date, next_meeting)
        doc.draft = bool(_DRAFT.search(" ".join(header_lines(lines, 12))))
    _within_limits(doc)
    doc.warnings.extend(doubts(doc, text))
    return doc
