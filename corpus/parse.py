"""The parser contract: parse(text, hints) -> Document.

One `_parse_<field>` per field, each reading the normalised text; dates are
read once, here, through corpus.dates.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .actions import parse_actions
from .attendance import parse_attendance
from .dates import add_working_days, find_dates, parse_time
from .exempt import might_hold_exempt, public_text, redact
from .items import item_spans, parse_items
from .meetings import parse_future_meetings
from .model import Document, Meeting
from .programme import is_forward_plan, parse_work_programme
from .prose import collapse, is_all_caps, title_case

PARSER_VERSION = "5"

_HEADER_LINES = 40
_COMMITTEE_WORDS = r"(?:Sub-Committee|Committee|Panel|Board|Commission|Cabinet|Forum|Task\s+Group|Working\s+Group|Task\s+and\s+Finish\s+Group)"
_NAME_STOP = {"of", "the", "meeting", "minutes", "agenda", "a", "an", "for", "at", "held", "on", "to", "notice", "council",
              "public", "pack", "supplement", "summons", "draft", "and", "-", "–", ":", "in"}
_COUNCIL = re.compile(
    r"\b((?:[A-Z][a-z]+(?:[ -](?:upon|on|under|in|and|&|le))?[ -]){1,5}Council)\b(?!s|lor)"
)
_BOROUGH_OF = re.compile(r"\b((?:London|Royal)[ ]+Borough[ ]+of[ ]+[A-Z][a-z]+(?:(?:[ ]+and|[ ]+upon|[ ]+on)?[ ]+[A-Z][a-z]+)*|(?:City|County|Borough)[ ]+of[ ]+[A-Z][a-z]+(?:[ ]+[A-Z][a-z]+)?[ ]+Council)\b")
_NOT_COUNCIL_NAMES = {"the", "this", "county", "city", "district", "borough", "town", "parish", "full", "each", "whole",
                      "local", "other", "both", "wider", "youth", "our", "your", "a", "an", "every", "that", "their",
                      "combined", "metropolitan", "children", "disabled", "school", "schools", "ward", "members"}
_VENUE_WORDS = re.compile(
    r"\b(?:Hall|Room|Chamber|House|Centre|Center|Offices?|Civic|Guildhall|Online|Virtual|Remote|Teams|Zoom|"
    r"Library|Building|Suite|Castle|Court|Shire|Council\s+Offices|Town|Street|Road|Square|Lane)\b",
    re.IGNORECASE,
)
# lines whose date is not the meeting's: publication, deadlines, and references to earlier minutes
# ("B. The Minutes of the Meeting held on 20 September 2022"), but not a heading "Minutes of the meeting held on ..."
_SKIP_DATE_LINE = re.compile(r"\b(?:date\s+of\s+(?:issue|publication)|published|issued|despatch|dispatched|circulated|no\s+later\s+than|"
                             r"the\s+minutes\s+of|minutes\s+of\s+the\s+(?:previous|last)\s+meeting)\b", re.IGNORECASE)
_DRAFT = re.compile(r"\b(?:draft|unconfirmed|unapproved|not\s+yet\s+approved|subject\s+to\s+(?:approval|confirmation))\b", re.IGNORECASE)
_WORKING_DAY_BEFORE = re.compile(r"working\s+day\s+before\s+the\s+meeting\s*\(\s*in\s+this\s+case\s+([^)]*)\)", re.IGNORECASE)


_BODY_STARTS = re.compile(r"^\s*(?:No\.?\s+Item|Present\s*:|Membership\b|Item\s+No\b|Apologies\b|\d{1,4}[a-z]?\.?\s+Apologies)", re.IGNORECASE)


def _header(lines: list[str]) -> list[str]:
    """The lines before the business starts (attendance, the item list)."""
    out = []
    for line in lines[:_HEADER_LINES * 3]:
        if _BODY_STARTS.match(line):
            break
        if line.strip():
            out.append(line.strip())
    return out[:_HEADER_LINES]


def _parse_kind(lines: list[str], text: str) -> str:
    head = [line.lower() for line in _header(lines)[:6]]
    joined = " ".join(head)
    if re.search(r"\bagenda\s+and\s+minutes\b", joined):
        return "agenda_and_minutes"
    if any(re.match(r"^(?:draft\s+|confirmed\s+|unconfirmed\s+|approved\s+)?minutes\b", h) for h in head) \
            or re.search(r"\b(?:minutes|record|notes)\s+of\s+(?:the\s+)?(?:meeting|\w+)", joined):
        return "minutes"
    if any(re.match(r"^(?:agenda|notice\s+of\s+(?:meeting|a\s+meeting)|summons|public\s+(?:reports\s+)?pack)\b", h) for h in head):
        return "agenda"
    minutes_signals = len(re.findall(r"\bRESOLVED\b|\bIt was agreed\b|^\s*Present\s*:", text, re.MULTILINE))
    agenda_signals = len(re.findall(r"^\s*(?:Membership|Item\s+No)\b|\bPage\s+No\b", text, re.MULTILINE | re.IGNORECASE))
    if minutes_signals > agenda_signals:
        return "minutes"
    if agenda_signals:
        return "agenda"
    return "unknown"


def _parse_council(lines: list[str], text: str) -> str | None:
    def names(chunk: str, shouting_too: bool = False) -> list[str]:
        if shouting_too:  # a header in capitals: "LONDON BOROUGH OF EXAMPLETON"
            chunk = "\n".join(title_case(line) if is_all_caps(line) else line for line in chunk.split("\n"))
        found = [m.group(1) for m in _BOROUGH_OF.finditer(chunk)]
        for m in _COUNCIL.finditer(chunk):
            name = m.group(1)
            first = name.split()[0].lower()
            if first in _NOT_COUNCIL_NAMES or len(name.split()) < 2:
                continue
            found.append(name)
        return found

    in_header = names("\n".join(_header(lines)[:15]), shouting_too=True)
    if in_header:
        return in_header[0]
    mentioned = names(text)
    # a paper calls its own council "the County Council"; another council named in
    # passing ("partnered with Herefordshire Council") must be of that kind to count
    own_kind = Counter(m.lower() for m in re.findall(r"\bthe\s+(County|City|District|Borough|Metropolitan Borough)\s+Council\b", text))
    if own_kind:
        kind = own_kind.most_common(1)[0][0]
        mentioned = [name for name in mentioned if f"{kind} council" in name.lower()]
    counts = Counter(mentioned)
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name in mentioned if counts[name] == best)


def _parse_committee(lines: list[str]) -> str | None:
    header = " ".join(_header(lines)[:15])
    for m in re.finditer(rf"\b{_COMMITTEE_WORDS}\b", header, re.IGNORECASE):
        words = header[:m.start()].split()
        name: list[str] = []
        for word in reversed(words):
            bare = word.strip(",.:;").lower()
            if bare in _NAME_STOP and bare != "and" or word.endswith((":", ".")) or re.search(r"\d", word):
                break
            if bare == "and" and (not name or name[0].lower() == "and"):
                break
            name.insert(0, word.strip(",:;"))
        while name and (name[0].lower() in _NAME_STOP or not name[0][:1].isupper()):
            name.pop(0)
        name.append(m.group(0))
        if len(name) >= 2 or m.group(0).lower() == "cabinet":
            committee = collapse(" ".join(name))
            return title_case(committee) if is_all_caps(committee) else committee
    return None


def _date_lines(lines: list[str]) -> list[tuple[int, date, int, int]]:
    """(line number, date, match start, match end) for dated lines near the top."""
    out = []
    for line_no, line in enumerate(lines[:_HEADER_LINES * 4]):
        if _SKIP_DATE_LINE.search(line):
            continue
        for found in find_dates(line):
            if found.has_year:
                out.append((line_no, found.value, found.start, found.end))
                break
    return out


def _parse_meeting(lines: list[str], text: str, warnings: list[str]) -> Meeting:
    meeting = Meeting()
    dated = _date_lines(lines)
    if dated:
        # prefer a line that also gives a time or a weekday: that is the meeting line, not a report date
        best = next((d for d in dated if parse_time(lines[d[0]][d[3]:]) or re.search(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", lines[d[0]], re.IGNORECASE)), dated[0])
        meeting_date = best[1]
    else:
        m = _WORKING_DAY_BEFORE.search(text)
        found = find_dates(m.group(1)) if m else []
        if found:
            meeting_date = add_working_days(found[0].value, 1)
            warnings.append(f"meeting date inferred as the working day after {found[0].value.isoformat()}")
        else:
            warnings.append("no meeting date found")
            return meeting
    meeting.date = meeting_date.isoformat()

    labelled = {m.group(1).lower(): collapse(m.group(2)) for m in re.finditer(
        r"^\s*(Time|Venue|Location|Place)\s*:\s*(.+)$", "\n".join(lines[:_HEADER_LINES * 4]), re.MULTILINE | re.IGNORECASE)}
    meeting.time = parse_time(labelled.get("time", "")) or None
    meeting.venue = labelled.get("venue") or labelled.get("location") or labelled.get("place")
    # every line that states the meeting's date, in order: time and venue come from them
    same_day = [d for d in dated if d[1] == meeting_date]
    for line_no, _value, start, end in same_day:
        line = lines[line_no]
        after = line[end:]
        if meeting.time is None:
            meeting.time = parse_time(after[:40]) or parse_time(line[:start][-30:])
        if meeting.venue is None:
            meeting.venue = _venue_from(lines, line_no, start, end)
    if meeting.venue and is_all_caps(meeting.venue):
        meeting.venue = title_case(meeting.venue)
    return meeting


def _venue_from(lines: list[str], line_no: int, start: int, end: int) -> str | None:
    line = lines[line_no]
    before = line[:start]
    for previous in (line_no - 1, line_no - 2):  # the same paragraph, wrapped onto earlier lines
        if previous < 0 or not lines[previous].strip():
            break
        before = lines[previous].strip() + " " + before
    held_at = re.search(r"\bheld\s+(?:at|in)\s+(?P<venue>.+?)\s+on\s*$", before)
    if held_at:
        return collapse(held_at.group("venue"))
    after = line[end:]
    after = re.sub(r"^[\s,]*(?:at\s+)?(?:\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\d{1,2}[.:]\d{2})", "", after, flags=re.IGNORECASE)
    after = collapse(after).strip(" ,.-–")
    after = re.sub(r"^(?:in|at)\s+(?:the\s+)?", "", after, flags=re.IGNORECASE)
    if after and len(after.split()) <= 14:
        return after
    for neighbour in (line_no - 1, line_no - 2, line_no + 1):
        if 0 <= neighbour < len(lines):
            candidate = collapse(lines[neighbour])
            if candidate and _VENUE_WORDS.search(candidate) and len(candidate.split()) <= 10 and not find_dates(candidate) \
                    and not re.search(_COMMITTEE_WORDS, re.sub(r"committee\s+room", "", candidate, flags=re.IGNORECASE), re.IGNORECASE):
                return re.sub(r"^(?:at|in)\s+(?:the\s+)?", "", candidate, flags=re.IGNORECASE).strip(" ,.")
    return None


def read_paper(text: str, hints: dict[str, str] | None = None) -> tuple[Document, str]:
    """The Document, and the text it was read from with exempt business left out:
    the only text that may be stored. Raises ExemptPaper for a paper exempt as a whole."""
    lines = text.split("\n")
    kind = _parse_kind(lines, text)
    if is_forward_plan(text):  # its numbered decisions are programme rows, not items (programme.py)
        kind = "forward_plan"
    left_out = []
    if might_hold_exempt(text):
        public_lines, left_out = redact(lines, item_spans(lines, agenda=kind == "agenda"))
    public = public_text(public_lines) if left_out else text
    doc = _parse_fields(public, hints or {}, kind)
    doc.exempt = [str(part) for part in left_out]
    return doc, public


def parse(text: str, hints: dict[str, str] | None = None) -> Document:
    return read_paper(text, hints)[0]


def _parse_fields(text: str, hints: dict[str, str], kind: str) -> Document:
    lines = text.split("\n")
    doc = Document()
    doc.kind = kind
    doc.council = hints.get("council") or _parse_council(lines, text)
    doc.committee = hints.get("committee") or _parse_committee(lines)
    if not doc.committee:
        doc.warnings.append("no committee name found; pass --committee")
    doc.meeting = _parse_meeting(lines, text, doc.warnings)
    if not doc.meeting.date and hints.get("date"):  # the site that published it says when the meeting is
        doc.meeting.date = hints["date"]
        doc.warnings = [w for w in doc.warnings if w != "no meeting date found"] + [f"meeting date {hints['date']} from the source"]
    meeting_date = date.fromisoformat(doc.meeting.date) if doc.meeting.date else None
    items = parse_items(text, agenda=doc.kind == "agenda")
    doc.items = items
    doc.attendance = parse_attendance(text)
    if doc.kind == "agenda":
        # who was present belongs to earlier minutes bound into the pack; an agenda lists its membership
        doc.attendance = [a for a in doc.attendance if a.status == "member"]
    is_minutes = doc.kind in ("minutes", "agenda_and_minutes", "unknown")  # unsure: read follow-ups rather than miss them
    doc.work_programme = parse_work_programme(text, meeting_date, is_minutes)
    # a forward plan's decision dates are when each is due, not meetings of the paper's committee
    # and the plan is not a meeting: its "meeting date" does not date the meetings it lists
    plan = doc.kind == "forward_plan"
    doc.future_meetings, doc.moved_meetings = parse_future_meetings(
        text, None if plan else meeting_date, [] if plan else doc.work_programme)
    next_meeting = doc.future_meetings[0].date if doc.future_meetings else None
    if next_meeting:
        for row in doc.work_programme:
            if row.meeting_date is None and re.search(r"next\s+meeting", row.when):
                row.meeting_date = next_meeting
    if is_minutes:
        doc.actions = parse_actions(items, text, meeting_date, next_meeting)
        doc.draft = bool(_DRAFT.search(" ".join(_header(lines)[:12])))
    return doc
