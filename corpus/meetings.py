"""Meetings ahead of the paper's own: "Dates of future meetings" lists, "the
next meeting will be held on ...", rearranged, reconvened, extraordinary and
cancelled meetings, and the dated rows of a work programme. Never a past date,
never a moved or cancelled one's old date.

A date list may give each run's year once ("16 June, 14 July, 8 December 2022,
19 January and 30 March 2023"), and a minute may give no year at all ("Date of
next meeting: 25th March."): that is the first such date after the meeting.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import DateMatch, find_dates, find_listed_dates, parse_time
from .model import FutureMeeting, MovedMeeting, ProgrammeEntry
from .prose import paragraphs, sentences

_SECTION = re.compile(
    r"^\s*(?:\d{1,4}[a-z]?\.?\s+)?(?:(?:Dates?|Schedule)\s+of\s+(?:future|forthcoming|next|remaining)\s+meetings?|Future\s+meeting\s+dates|(?:Future|Forthcoming)\s+meetings|Date\s+of\s+(?:the\s+)?next\s+meeting|Next\s+meeting"
    r"|(?:Programme|Calendar|Timetable)\s+of\s+(?:future\s+)?meetings|Meeting\s+dates(?:\s+for)?(?:\s+\d{4}(?:[/-]\d{2,4})?)?)\b\s*:?(?P<rest>.*)$",
    re.IGNORECASE,
)
# a meeting still to come, named before its date: "the next meeting", "an extraordinary meeting",
# "the meeting scheduled for", "currently scheduled for the meeting on", "reconvened on"
_AHEAD = re.compile(
    r"\b(?:next|following|future|forthcoming|extraordinary|special|additional|further|adjourned|reconvened)\s+(?:\w+\s+){0,2}?meetings?\b"
    r"|\bmeetings?\s+(?:\w+\s+){0,2}?(?:scheduled|arranged|planned|due|to\s+be\s+held|will\s+be\s+held)\b"
    r"|\bscheduled\s+for\s+the\s+meeting\b|\breconven\w*\b|\bwill\s+(?:next\s+)?meet\b",
    re.IGNORECASE,
)
# a date named before "meeting": "the 10 January 2024 meeting", "on 6 December meeting"
_DATED_MEETING_AFTER = re.compile(r"^\s*(?:\d{4}\s+)?(?:meeting|panel\s+meeting|committee\s+meeting)\b", re.IGNORECASE)
_DATED_MEETING_BEFORE = re.compile(r"\b(?:the|on|at|to)\s+$", re.IGNORECASE)
# a date of something already done: "held on", "which took place on", "the minutes of"
_PAST = re.compile(r"(?:(?<!be\s)\bheld|\btook\s+place|\bmet|\bwas\s+heard|\bminutes\s+of\s+the\s+meeting|\bof\s+the\s+meeting)\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)
_MOVED = re.compile(r"\b(?:re-?arrang|reschedul|postpon|moved?\b|moving|brought\s+forward|changed?\s+the\s+date|change\s+of\s+date)", re.IGNORECASE)
_CANCELLED = re.compile(r"\bcancel(?:led|ed|lation)?\b", re.IGNORECASE)
_VENUE_AFTER = re.compile(r"^[\s,]*(?:in|at)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w'’.-]*|\d+|of|the|and|&)(?:[ ,]+(?:[A-Z][\w'’.-]*|\d+|of|the|and|&)){0,8})")


def _venue(after_date: str) -> str | None:
    """"..., at 10.15 a.m. in Committee Room 1" -> "Committee Room 1"."""
    text = re.sub(r"^[\s,]*(?:at\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?", "", after_date)
    m = _VENUE_AFTER.match(text)
    if not m:
        return None
    venue = m.group("venue").strip(" ,.")
    if not venue or re.fullmatch(r"[\d ]+|[A-Z][a-z]+ \d{4}", venue) or venue.lower() in ("meeting", "panel", "committee", "board", "council"):
        return None
    return venue


def _section_text(lines: list[str]) -> list[str]:
    """The text under each "Dates of future meetings" heading (a short run of lines), one string
    per heading, so a list whose year comes at the end of each run is read as one list."""
    out: list[str] = []
    for index, line in enumerate(lines):
        m = _SECTION.match(line)
        if not m:
            continue
        taken_lines = [m.group("rest")] if m.group("rest").strip() else []
        taken = 0
        for follow in lines[index + 1:index + 25]:
            if not follow.strip():
                continue
            if not find_dates(follow) and not re.search(r"\d", follow) and taken:
                break
            if len(follow.split()) > 40:
                break
            taken_lines.append(follow)
            taken += 1
            if taken >= 12:
                break
        out.append(",\n".join(taken_lines))
    return out


class _Dates:
    """Dates in a stretch of text: years carried along a list; with no year at all, the first such
    date after the meeting, or (a paper that states no meeting date) the nearest to the first date
    it does state."""

    def __init__(self, meeting_date: date | None, text: str) -> None:
        self.meeting_date = meeting_date
        self.fallback = None
        if meeting_date is None:
            first = next((d for d in find_dates(text[:20000]) if d.has_year), None)
            self.fallback = first.value if first else None

    def __call__(self, text: str) -> list[DateMatch]:
        found = find_listed_dates(text, after=self.meeting_date)
        starts = {d.start for d in found}
        # numeric dates ("14/03/2023"), and with no meeting date the nearest reading of a yearless one
        # (both finders match a written date at the same place, so a shared start is the same date)
        found += [d for d in find_dates(text, self.fallback)
                  if (d.has_year or self.meeting_date is None) and d.start not in starts]
        found.sort(key=lambda d: d.start)
        return found


def _ahead_in(sentence: str, dates: list[DateMatch]) -> list[DateMatch]:
    """The dates a sentence gives for meetings still to come."""
    context = _AHEAD.search(sentence)
    out: list[DateMatch] = []
    for found in dates:
        before = sentence[max(0, found.start - 40):found.start]
        if _PAST.search(before):
            continue
        if context and found.start > context.start():
            if re.search(r"(?<!be\s)\bheld\b|\btook\s+place\b", sentence[context.end():found.start]):
                continue  # "the Special Meeting held at the rising of Council on 24 May": one already held
            out.append(found)
        elif _DATED_MEETING_AFTER.match(sentence[found.end:found.end + 20]) and _DATED_MEETING_BEFORE.search(before):
            out.append(found)
    return out


def parse_future_meetings(text: str, meeting_date: date | None,
                          programme: list[ProgrammeEntry]) -> tuple[list[FutureMeeting], list[MovedMeeting]]:
    candidates: list[FutureMeeting] = []
    moved: list[MovedMeeting] = []
    dates_in = _Dates(meeting_date, text)

    for section in _section_text(text.split("\n")):
        for found in dates_in(section):
            after = section[found.end:].split(",\n")[0]
            candidates.append(FutureMeeting(found.value.isoformat(), parse_time(after[:40]), _venue(after)))

    for sentence in (s for para in paragraphs(text) for s in sentences(para)):
        lowered = sentence.lower()
        if "meet" not in lowered and "reconven" not in lowered and "panel" not in lowered and "committee" not in lowered:
            continue
        if not re.search(r"\d", sentence):
            continue
        dates = dates_in(sentence)
        if not dates:
            continue
        move = _MOVED.search(sentence)
        if move and len(dates) >= 2:
            moved.append(MovedMeeting(dates[0].value.isoformat(), dates[1].value.isoformat()))
            candidates.append(FutureMeeting(dates[1].value.isoformat(), parse_time(sentence[dates[1].end:][:40])))
        elif move and "meeting" in lowered:
            # one date: "moved to 4 March" is where it goes; "the meeting on 18 February has been postponed" is gone
            only = dates[0]
            if only.start > move.start() and re.search(r"\b(?:to|until|till|on|for)\s+(?:\w+\s+){0,2}$", sentence[move.end():only.start]):
                candidates.append(FutureMeeting(only.value.isoformat(), parse_time(sentence[only.end:][:40])))
            else:
                moved.append(MovedMeeting(only.value.isoformat(), None))
        elif _CANCELLED.search(sentence) and "meeting" in lowered:
            for found in dates:
                moved.append(MovedMeeting(found.value.isoformat(), None))
        else:
            for found in _ahead_in(sentence, dates):
                after = sentence[found.end:]
                candidates.append(FutureMeeting(found.value.isoformat(), parse_time(after[:40]), _venue(after)))

    for row in programme:
        if row.meeting_date and len(row.meeting_date) == 10:
            candidates.append(FutureMeeting(row.meeting_date))

    gone = {m.old_date for m in moved}
    by_date: dict[str, FutureMeeting] = {}
    for meeting in candidates:
        if meeting.date in gone:
            continue
        if meeting_date and meeting.date <= meeting_date.isoformat():
            continue
        known = by_date.get(meeting.date)
        if known is None:
            by_date[meeting.date] = meeting
        else:
            known.time = known.time or meeting.time
            known.venue = known.venue or meeting.venue
    return sorted(by_date.values(), key=lambda m: m.date), _dedupe_moves(moved)


def _dedupe_moves(moved: list[MovedMeeting]) -> list[MovedMeeting]:
    seen: dict[str, MovedMeeting] = {}
    for move in moved:
        seen.setdefault(move.old_date, move)
    return list(seen.values())
