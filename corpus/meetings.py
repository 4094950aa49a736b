"""Meetings ahead of the paper's own: "Dates of future meetings" lists, "the
next meeting will be held on ...", rearranged and cancelled meetings, and the
dated rows of a work programme. Never a past date, never a moved one's old date."""
from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, parse_time
from .model import FutureMeeting, MovedMeeting, ProgrammeEntry
from .prose import paragraphs, sentences

_SECTION = re.compile(
    r"^\s*(?:\d{1,4}[a-z]?\.?\s+)?(?:(?:Dates?|Schedule)\s+of\s+(?:future|forthcoming|next|remaining)\s+meetings?|Future\s+meeting\s+dates|(?:Future|Forthcoming)\s+meetings|Date\s+of\s+(?:the\s+)?next\s+meeting|Next\s+meeting)\b\s*:?(?P<rest>.*)$",
    re.IGNORECASE,
)
_NEXT_SENTENCE = re.compile(r"\b(?:next|following|future|forthcoming)\s+meetings?\b", re.IGNORECASE)
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


def _section_lines(lines: list[str]) -> list[str]:
    """Text under each "Dates of future meetings" heading (a short run of lines)."""
    out: list[str] = []
    for index, line in enumerate(lines):
        m = _SECTION.match(line)
        if not m:
            continue
        if m.group("rest").strip():
            out.append(m.group("rest"))
        taken = 0
        for follow in lines[index + 1:index + 25]:
            if not follow.strip():
                continue
            if not find_dates(follow) and not re.search(r"\d", follow) and taken:
                break
            if len(follow.split()) > 40:
                break
            out.append(follow)
            taken += 1
            if taken >= 12:
                break
    return out


def parse_future_meetings(text: str, meeting_date: date | None,
                          programme: list[ProgrammeEntry]) -> tuple[list[FutureMeeting], list[MovedMeeting]]:
    candidates: list[FutureMeeting] = []
    moved: list[MovedMeeting] = []

    for line in _section_lines(text.split("\n")):
        for found in find_dates(line, meeting_date):
            after = line[found.end:]
            candidates.append(FutureMeeting(found.value.isoformat(), parse_time(after[:40]), _venue(after)))

    for sentence in (s for para in paragraphs(text) for s in sentences(para)):
        lowered = sentence.lower()
        if "meeting" not in lowered and "panel" not in lowered and "committee" not in lowered:
            continue
        dates = find_dates(sentence, meeting_date)
        if not dates:
            continue
        if _MOVED.search(sentence) and len(dates) >= 2:
            moved.append(MovedMeeting(dates[0].value.isoformat(), dates[1].value.isoformat()))
            candidates.append(FutureMeeting(dates[1].value.isoformat(), parse_time(sentence[dates[1].end:][:40])))
        elif _CANCELLED.search(sentence) and "meeting" in lowered:
            for found in dates:
                moved.append(MovedMeeting(found.value.isoformat(), None))
        elif _NEXT_SENTENCE.search(sentence):
            for found in dates:
                if found.start > _NEXT_SENTENCE.search(sentence).start():
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

