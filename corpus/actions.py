"""Follow-ups a scrutiny officer must chase, read from minutes.

An action is one sentence (or one part of a resolution) that commits someone
to do something: "It was agreed that ...", "Members requested ...", "... would
be circulated", "the Chairman would write to ...", "RESOLVED that ... be ...".
Narrative around it ("The Panel was informed ...") is not an action.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from .dates import find_dates, find_months
from .exempt import EXCLUDES_PUBLIC
from .model import Action, Item
from .prose import cells, collapse, paragraphs, sentences

_FOLLOW_UP_VERBS = (
    r"circulated|shared|provided|sent|distributed|forwarded|e-?mailed|added|included|reported(?:\s+back)?|presented|"
    r"submitted|brought(?:\s+back)?|retitled|renamed|removed|updated|investigated|arranged|set\s+up|scheduled|"
    r"published|explored|passed\s+on|followed\s+up|made\s+available|refined|undertaken|reviewed|considered|"
    r"discussed|clarified|looked\s+(?:at|into)|raised|written|prepared|produced|invited|amended|revisited|"
    r"requested|referred|recommended|expanded|extended|checked|confirmed|re-?examined|re-?considered|"
    r"re-?visited|answered|responded\s+to|addressed|organised|organized|convened|commissioned|drafted"
)
_ACTIVE_VERBS = (
    r"write|circulate|provide|send|share|arrange|report\s+back|come\s+back|follow\s+up|look\s+into|"
    r"investigate|update|respond|liaise|check|clarify|confirm|contact|forward|e-?mail|supply|distribute|"
    r"organise|organize|feed\s+back|bring\s+back|raise|pass\s+on|speak\s+to|ask|explore|review|"
    r"reconsider|draft|prepare|produce|invite|visit|set\s+up|convene|circulate"
)
_TRIGGERS = [
    # "agreed that X would/should be ..." commits someone; "agreed that X was ..." only concurs
    re.compile(r"\bagreed\s+(?:that\b(?=[^.;]*?\b(?:would|should|will|shall|be|to\s+be|could)\b)|to\s+\w+)", re.IGNORECASE),
    # "requested" as a verb, and "requests that" in a resolution; not "the number of requests"
    # not "the information requested at the last meeting (had been circulated)": a request already met
    re.compile(r"(?<!had\s)(?<!\bas\s)\b(?:requested|requests?\s+that)\b"
               r"(?!\s+(?:at|by|from|during)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:panel|committee|board|meeting|members?)\b)"
               r"(?![^.;]*\b(?:had|has|have)\s+been\s+(?:circulated|provided|sent|shared|supplied|included|answered))", re.IGNORECASE),
    re.compile(r"\basked\s+(?:for|that\b(?=[^.;]*?\b(?:would|should|will|shall|be|to\s+be|could)\b)|officers|the\s+\w+(?:\s+\w+){0,3}\s+to\s)", re.IGNORECASE),
    re.compile(rf"\b(?:would|will|should|shall|must|is\s+to|are\s+to)\s+(?:also\s+|now\s+|then\s+)?be\s+(?:{_FOLLOW_UP_VERBS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:would|will|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to)\s+(?:also\s+|now\s+)?(?:{_ACTIVE_VERBS})\b", re.IGNORECASE),
    re.compile(r"\b(?:panel|committee|board|members|councillors)\s+(?:would|will|should)\s+(?:also\s+)?receive\b", re.IGNORECASE),
    re.compile(r"(?<!had\s)\b(?:it\s+was|the\s+(?:panel|committee|board))\s+recommended\s+(?:that|to)\b", re.IGNORECASE),
    re.compile(r"\bundertook\s+to\b|\baction(?:\s+points?)?\s*(?::|[–—-]\s)", re.IGNORECASE),
]
# parts of a resolution that are never follow-ups
_NOT_DECISIONS = [
    re.compile(r"\b(?:correct|true|accurate)\s+record\b", re.IGNORECASE),
    EXCLUDES_PUBLIC,  # "that the press and public be excluded": how the meeting proceeds, not a follow-up
]
_NOT_ACTIONS = _NOT_DECISIONS + [
    re.compile(r"\?\s*$"),
    re.compile(r"\bwould\s+not\b|\bwill\s+not\b|\bwon't\b", re.IGNORECASE),
]
_RESOLVED = re.compile(r"^\s*(?:(?:The|the)\s+(?:[Cc]ommittee|[Pp]anel|[Bb]oard|[Ss]ub-[Cc]ommittee)\s+|It\s+was\s+(?:unanimously\s+)?)?"
                       r"(?:RESOLVED|Resolved|AGREED|DECIDED|DECISION)\b\s*(?:[:–—-]+|that\b)?\s*", re.UNICODE)
_DECISION_ONLY = re.compile(
    r"^(?:the\s+(?:committee|panel|board|sub-committee|members?)\s+)?"
    r"(?:notes?|noted|endorses?|welcomes?|thanks?|approves?|recognises?|recognizes?|congratulates?|accepts?|supports?|agrees\s+the\s+minutes|receives?\s+(?:and\s+notes?\s+)?the\s+report)\b",
    re.IGNORECASE,
)
_DECISION_NOTED = re.compile(r"\b(?:is|be|are|was|were)\s+(?:noted|received|approved|endorsed|welcomed)\b", re.IGNORECASE)
_HAS_FOLLOW_UP = re.compile(
    rf"\brequest|\bask|\brecommend|\brefer|\bwrite|\bagree\s+(?:to|that)|\bbe\s+(?:{_FOLLOW_UP_VERBS})\b|\b(?:receives?|reviews?|allocates?|adds?|includes?|considers?|invites?|schedules?|requires?|circulates?|provides?|presents?|brings?|submits?|arranges?|shares?)\b",
    re.IGNORECASE,
)
_OWNER = re.compile(
    rf"(?:^|\bthat\s+|,\s+)(?P<owner>(?:the\s+)?(?:(?:[A-Z][\w&'’-]*|\d+)(?:\s+(?:of|for|and|with)\s+|\s+)){{0,6}}[A-Z][\w&'’-]*)\s+"
    rf"(?:would|will|agreed\s+to|undertook\s+to|offered\s+to|promised\s+to)\s+(?:also\s+)?(?:{_ACTIVE_VERBS})\b"
)
_OWNER_ACTION = re.compile(r"\b(?:ACTION|Action)(?:\s+[Pp]oints?)?\s*(?::|[–—-])\s*(?P<owner>[A-Z][\w&'’-]*(?:\s+(?:of\s+)?[A-Z][\w&'’-]*){0,5})\s+to\s+")
# a resolution naming who acts: "that the Director of Children's Services provides a report ..."
_OWNER_RESOLVED = re.compile(r"^(?:[Tt]hat\s+)?(?:[Tt]he\s+)?(?P<owner>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|with|[A-Z][\w&'’-]*))*?)\s+"
                             r"(?:provides|presents|brings|submits|circulates|arranges|writes|reports|shares)\b")
_OWNER_BY = re.compile(r"\bby\s+(?P<owner>the\s+(?:[A-Z][\w&'’-]*\s*){1,6})")
_NOT_OWNERS = {"it", "this", "these", "they", "there", "members", "the panel", "the committee", "he", "she", "that", "which"}
_PRONOUN_START = re.compile(r"^(?:(?:It\s+was\s+\w+\s+that\s+)?(?:these|this|they|it|those)\b)", re.IGNORECASE)
_NEXT_MEETING = re.compile(r"\b(?:to|at|for|before|by|in\s+time\s+for)\s+the\s+next\s+(?:meeting|panel|committee)\b", re.IGNORECASE)


_LOG_ACTION = re.compile(r"^\s*(?:agreed\s+)?actions?(?:\s+(?:agreed|required|point))?\s*$", re.IGNORECASE)
_LOG_OWNER = re.compile(r"\b(?:responsib\w*|owner|lead|officer|by\s+whom|who)\b", re.IGNORECASE)
_LOG_DUE = re.compile(r"\b(?:due|deadline|target|by\s+when|timescale|date\s+due)\b", re.IGNORECASE)
_LOG_STATUS = re.compile(r"\b(?:status|progress|update|rag)\b", re.IGNORECASE)
_CLOSED = re.compile(r"\b(?:complete[d]?|closed|done|finished|resolved|discharged)\b", re.IGNORECASE)


def _action_log(text: str, meeting_date: date | None) -> list[tuple[str, str | None, str | None]]:
    """(action, owner, due) for the open rows of an action log table (Action | Responsible | Due | Status)."""
    rows: list[tuple[str, str | None, str | None]] = []
    columns: dict[str, int] | None = None
    for line in text.split("\n"):
        if "\t" not in line:
            columns = None if line.strip() else columns
            continue
        row = cells(line)
        if columns is None:
            found: dict[str, int] = {}
            for index, cell in enumerate(row):
                if "action" not in found and _LOG_ACTION.match(cell):
                    found["action"] = index
                elif "owner" not in found and _LOG_OWNER.search(cell):
                    found["owner"] = index
                elif "due" not in found and _LOG_DUE.search(cell):
                    found["due"] = index
                elif "status" not in found and _LOG_STATUS.search(cell):
                    found["status"] = index
            if "action" in found and ("owner" in found or "due" in found):
                columns = found
            continue

        value = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        if not value.get("action") or _CLOSED.search(value.get("status", "")):
            continue
        due_text = value.get("due", "")
        due_found = find_dates(due_text, meeting_date)
        due = due_found[0].value.isoformat() if due_found else next((m for _s, _e, m in find_months(due_text)), None)
        rows.append((collapse(value["action"]), value.get("owner") or None, due))
    return rows


def _is_action(sentence: str) -> bool:
    if any(p.search(sentence) for p in _NOT_ACTIONS):
        return False
    return any(p.search(sentence) for p in _TRIGGERS)


def _owner(sentence: str) -> str | None:
    for pattern in (_OWNER_ACTION, _OWNER_RESOLVED, _OWNER, _OWNER_BY):
        m = pattern.search(sentence)
        if m:
            owner = collapse(m.group("owner"))
            owner = re.sub(r"^(?:the|The)\s+", "", owner)
            if owner.lower() not in _NOT_OWNERS and owner.lower() not in {"panel", "committee", "board"} and len(owner) > 2:
                return owner
    return None


# A recommendation to the executive must be answered within two months (Local Government Act 2000, s.9FE)
_TO_EXECUTIVE = re.compile(r"\brecommend(?:s|ed|ation)?\s+(?:to|that)\s+(?:the\s+)?(?:Cabinet|Executive|Mayor|Leader)\b", re.IGNORECASE)


def _two_months_after(day: date) -> str:
    month = day.month + 2
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()


def _due(sentence: str, meeting_date: date | None, next_meeting: str | None) -> str | None:
    if meeting_date is None:
        return None
    if _TO_EXECUTIVE.search(sentence):
        return _two_months_after(meeting_date)
    m = re.search(r"\b(?:by|before|in|for|at|to|until|from|on)\s+(?:the\s+)?(?:end\s+of\s+|meeting\s+(?:in|on)\s+)?", sentence)
    for found in find_dates(sentence, meeting_date):
        if found.value > meeting_date and (m is None or found.start >= m.start()):
            return found.value.isoformat()
    for start, _end, month in find_months(sentence):
        if month > meeting_date.isoformat()[:7]:
            return month
    if next_meeting and _NEXT_MEETING.search(sentence):
        return next_meeting
    return None


def _resolution_parts(paragraph: str) -> list[str] | None:
    """The separate decisions of a "RESOLVED that the committee: (a)... (b)..." paragraph."""
    m = _RESOLVED.match(paragraph)
    if not m:
        return None
    body = paragraph[m.end():].strip()
    parts = re.split(r"\n\s*(?:[-*]|\(?[a-z0-9]{1,3}[.)])\s+|\s+\(?[a-z]\)\s+(?=[a-z])", body)
    head, rest = parts[0], parts[1:]
    if rest and head.rstrip().endswith(":"):
        lead = re.sub(r":\s*$", "", collapse(head))
        return [collapse(f"{lead} {part}").strip(" ;") if re.match(r"^(?:that\s+)?the\s+\w+$", lead, re.IGNORECASE) else collapse(part).strip(" ;")
                for part in rest if part.strip()]
    return [re.sub(r"^\(?[a-z0-9]{1,3}[.)]\s+", "", collapse(p)).strip(" ;") for p in parts if p.strip()]


def _resolution_actions(parts: list[str]) -> list[str]:
    out = []
    # "that the report be noted and that a progress report be brought …": two decisions
    parts = [piece for part in parts for piece in re.split(r";?\s+and\s+that\s+", part)]
    for part in parts:
        part = re.sub(r";?\s*(?:and|or)\s*$", "", part).strip()
        if not part or any(p.search(part) for p in _NOT_DECISIONS):
            continue
        core = re.sub(r"^(?:that|to)\s+", "", part, flags=re.IGNORECASE)
        if (_DECISION_ONLY.match(core) or _DECISION_NOTED.search(core)) and not _HAS_FOLLOW_UP.search(core):
            continue
        if _HAS_FOLLOW_UP.search(core) or _is_action(part):
            out.append(part)
    return out


def _actions_in(text: str, item: Item | None, meeting_date: date | None, next_meeting: str | None) -> list[Action]:
    found: list[Action] = [Action(item=item.number if item else None, text=action, owner=owner, due=due,
                                  item_title=item.title if item else None)
                           for action, owner, due in _action_log(text, meeting_date)]
    resolution_lead: list[str] | None = None
    for para in paragraphs(text):
        if "\t" in para:
            continue  # tables: read above as action logs, never as prose
        parts = _resolution_parts(para)
        if parts is not None:
            texts = _resolution_actions(parts)
            resolution_lead = parts if collapse(para).endswith(":") else None
        elif resolution_lead is not None and re.match(r"^\s*(?:[-*]|\(?[a-z0-9]{1,3}[.)])\s+", para):
            # the resolution's parts came as separate bullet paragraphs
            bullets = re.split(r"\n(?=\s*(?:[-*]|\(?[a-z0-9]{1,3}[.)])\s)", para)
            texts = _resolution_actions([collapse(re.sub(r"^\s*(?:[-*]|\(?[a-z0-9]{1,3}[.)])\s+", "", b)) for b in bullets if b.strip()])
        else:
            resolution_lead = None
            texts = []
            previous = ""
            for unit in re.split(r"\n(?=\s*[-*]\s)", para):
                unit = re.sub(r"^\s*[-*]\s+", "", unit)
                for sentence in sentences(unit):
                    if _is_action(sentence):
                        text_out = sentence
                        if previous and _PRONOUN_START.match(re.sub(r"^It\s+was\s+\w+\s+that\s+", "", sentence)):
                            text_out = f"{previous} {sentence}"
                        texts.append(text_out)
                    previous = sentence
        for action_text in texts:
            action_text = collapse(action_text)
            found.append(Action(item=item.number if item else None, text=action_text, owner=_owner(action_text),
                                due=_due(action_text, meeting_date, next_meeting), item_title=item.title if item else None))
    return found


def parse_actions(items: list[Item], whole_text: str, meeting_date: date | None,
                  next_meeting: str | None = None) -> list[Action]:
    """Actions item by item; from the whole text when no items were found."""
    if not items or not any(item.text for item in items):
        return _actions_in(whole_text, None, meeting_date, next_meeting)
    actions: list[Action] = []
    for item in items:
        actions.extend(_actions_in(item.text, item, meeting_date, next_meeting))
    return actions
