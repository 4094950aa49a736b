"""Exempt business (Part II, Schedule 12A, "not for publication"): found in a
paper's text and left out, so that nothing of it is stored, indexed or shown.

The layouts councils use, each read as a kind, never as one paper's words:
- a Part II heading ("PART II", "Part 2 – items likely to be considered in
  private") whose line or next lines say why (exempt, confidential, press and
  public, Schedule 12A): everything after it, until a Part I heading or the
  public's return, is exempt;
- the resolution that "the press and public be excluded" for the following
  item(s): the items after the one holding it are exempt, until the public is
  re-admitted;
- an item whose title is marked: "Contract award (Exempt)", "… – Not for
  publication", "(Part II)", "Confidential: …";
- a marker line: "NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of
  Schedule 12A …", "Appendix 2 – exempt information", "Document is Restricted"
  (a ModernGov agenda pack's placeholder page), "This report contains exempt
  information": the rest of its item (or, outside any item, the rest of the
  paper) is exempt. A sentence that only refers to exempt business ("Appendix
  2 is exempt under paragraph 3") is not a marker.

Items keep their published titles; their text goes. A marker before the first
item means the whole paper is exempt: it is refused, not stored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .items import Span
from .text import UnreadableDocument

_WHY = r"(?:exempt|confidential|private|not\s+for\s+publication|press\s+and\s+public|public\s+and\s+press|schedule\s+12\s*a|closed\s+session|restricted)"
_CUE = re.compile(rf"\b{_WHY}\b", re.IGNORECASE)
_PART_TWO = re.compile(r"^\W*part\s+(?:ii|2|two|b)\b(?!\s+(?:of|to|in)\b)(?P<rest>.*)$", re.IGNORECASE)
_PART_ONE = re.compile(r"^\W*part\s+(?:i|1|one|a)\b(?!\s+(?:of|to|in)\b)", re.IGNORECASE)
# "that the press and public be excluded", "the public were excluded", "RESOLVED to exclude the public";
# not a notice that the public "may be" or "are" excluded on occasion
EXCLUDES_PUBLIC = re.compile(
    r"\b(?:press|public)\b[^.;]{0,60}?(?<!may\s)(?<!can\s)(?<!could\s)(?<!might\s)(?<!will\s)\bbe\s+excluded\b"
    r"|\b(?:press|public)\b[^.;]{0,40}?\b(?:were|was)\s+(?:then\s+)?excluded\b"
    r"|\b(?:resolved|agreed|decided)\b[^.;]{0,40}?\bto\s+exclude\s+the\s+(?:press|public)\b", re.IGNORECASE)
# the items a resolution names: "for Item 13 of business", "items 12 and 13"
_NAMED_ITEMS = re.compile(r"\bitems?\s+(?:nos?\.?\s*)?(\d+[a-z]?(?:\s*(?:,|and|&|to|-|–)\s*\d+[a-z]?)*)", re.IGNORECASE)
_READMITTED = re.compile(r"\b(?:press|public)\b[^.;]{0,40}?\b(?:re-?admitted|returned)\b|\bre-?admitted\b[^.;]{0,20}?\b(?:press|public)\b|"
                         r"\b(?:public|open)\s+session\s+(?:resumed|reconvened)\b", re.IGNORECASE)
_MARK = r"(?:not\s+for\s+publication|exempt\s+(?:information|item|report|appendix|appendices|minutes?|business)|document\s+is\s+restricted)"
_BARE = r"(?:exempt|confidential|restricted)"
_LABEL = r"(?:(?:appendix|appendices|annexe?|item|agenda\s+item|report|minute|document|enclosure)\s*[\w.]{0,6}\s*[-–—:(]*\s*)?"
_MARKER_LINE = re.compile(rf"^\W*{_LABEL}\(?\s*{_MARK}\b", re.IGNORECASE)
_BARE_LINE = re.compile(rf"^\W*{_LABEL}\(?\s*{_BARE}\s*(?:appendix|report|item|information|business)?\W*$", re.IGNORECASE)
_COVER_LINE = re.compile(r"^\W*(?:this|the)\s+(?:report|appendix|annexe?|item|information|minute)\s+(?:is|are|contains?|includes?)\s+"
                         r"(?:exempt|confidential|not\s+for\s+publication)\b", re.IGNORECASE)
_TITLE_WORDS = r"(?:exempt|confidential|restricted|not\s+for\s+publication|part\s+(?:ii|2|b))"
_TITLE_MARK = re.compile(
    rf"\(\s*{_TITLE_WORDS}(?:\s+(?:item|report|information|appendix|appendices|business|session))?(?:\s*[-–,:]\s*para(?:graph|\.)?\s*\d+[^)]*)?\s*\)"
    rf"|[-–—:]\s*{_TITLE_WORDS}(?:\s+(?:item|report|information|business))?\s*$"
    rf"|^\W*{_TITLE_WORDS}(?:\s+(?:item|report|information|business))?\s*[-–—:]",
    re.IGNORECASE)


_ANY_CUE = re.compile(r"exempt|confidential|publication|excluded|restricted|\bpart\s+(?:ii|2|two|b)\b", re.IGNORECASE)


def might_hold_exempt(text: str) -> bool:
    """A cheap first look: a paper with none of these words holds no exempt business."""
    return bool(_ANY_CUE.search(text))


class ExemptPaper(UnreadableDocument):
    """The whole paper is marked exempt: nothing of it may be stored."""


@dataclass
class ExemptPart:
    where: str  # "item 12 Contract award", "text after the Part II heading"
    why: str    # "Part II", "press and public excluded", "marked not for publication"

    def __str__(self) -> str:
        return f"{self.where} ({self.why})"


def is_marked_title(title: str) -> bool:
    return bool(_TITLE_MARK.search(title))


def _is_marker(line: str) -> bool:
    words = len(line.split())
    if not words or words > 40:
        return False
    return bool(_MARKER_LINE.match(line) or _COVER_LINE.match(line) or (words <= 6 and _BARE_LINE.match(line)))


def _part_two(lines: list[str], index: int) -> bool:
    m = _PART_TWO.match(lines[index])
    if not m or len(lines[index].split()) > 16:
        return False
    following = [line for line in lines[index + 1:index + 8] if line.strip()][:3]
    return bool(_CUE.search(m.group("rest")) or any(_CUE.search(line) for line in following))


def _excludes(line: str) -> bool:
    return bool(EXCLUDES_PUBLIC.search(line))


def _named_items(line: str, spans: list[Span]) -> list[Span]:
    """The items an exclusion names by number, when this paper numbers its items that way."""
    numbers: set[str] = set()
    for m in _NAMED_ITEMS.finditer(line):
        for low, high in re.findall(r"(\d+)[a-z]?\s*(?:(?:to|-|–)\s*(\d+))?", m.group(1)):
            numbers.update(str(n) for n in range(int(low), int(high or low) + 1) if int(high or low) - int(low) < 50)
    return [span for span in spans if span.number and re.match(r"\d+", span.number).group(0) in numbers]


def redact(lines: list[str], spans: list[Span]) -> tuple[list[str], list[ExemptPart]]:
    """The lines with exempt business blanked (item headings kept), and what was left out.
    Raises ExemptPaper when the paper as a whole is marked exempt."""
    exempt = [False] * len(lines)
    why: dict[int, str] = {}
    headings = {line_no for span in spans for line_no in range(span.first, span.heading + 1)}  # a number above its title too
    first_heading = min(headings) if headings else len(lines)
    owner = [-1] * len(lines)  # the span whose body holds each line
    for index, span in enumerate(spans):
        for line_no in range(span.start, span.end):
            owner[line_no] = index

    def mark(start: int, end: int, reason: str, keep_headings: bool = True) -> None:
        for line_no in range(start, min(end, len(lines))):
            if keep_headings and line_no in headings:
                continue
            if lines[line_no].strip() and not exempt[line_no]:
                exempt[line_no] = True
                why[line_no] = reason

    def region_end(start: int) -> int:
        """Where a closed session ends: the public's return, or a Part I heading."""
        for line_no in range(start, len(lines)):
            if _READMITTED.search(lines[line_no]) or (_PART_ONE.match(lines[line_no]) and len(lines[line_no].split()) <= 16):
                return line_no
        return len(lines)

    for index, span in enumerate(spans):
        if is_marked_title(span.title):
            mark(span.start, span.end, "marked exempt")
    line_no = 0
    while line_no < len(lines):
        line = lines[line_no]
        if _part_two(lines, line_no):
            end = region_end(line_no + 1)
            mark(line_no + 1, end, "Part II")
            line_no = end + 1
            continue
        if _excludes(line) and (owner[line_no] >= 0 or not spans):
            named = _named_items(line, spans)
            if named:
                for span in named:
                    mark(span.start, span.end, "press and public excluded")
                line_no += 1
                continue
            if not spans:
                after = line_no + 1
            elif owner[line_no] + 1 < len(spans):
                after = spans[owner[line_no] + 1].heading  # the items after the one holding the resolution
            else:
                after = len(lines)  # nothing follows it in this paper
            if after < len(lines):
                end = region_end(after)
                mark(after, end, "press and public excluded")
                line_no = max(line_no + 1, end)
                continue
        if _is_marker(line) and not exempt[line_no]:
            if line_no < first_heading:
                raise ExemptPaper("marked not for publication (exempt under Schedule 12A); nothing of it is stored")
            span_index = owner[line_no]
            if span_index >= 0:
                mark(line_no, spans[span_index].end, "marked not for publication")
            else:
                following = [s.heading for s in spans if s.heading > line_no]
                mark(line_no, following[0] if following else len(lines), "marked not for publication")
        line_no += 1

    parts: list[ExemptPart] = []
    seen: set[tuple[str, str]] = set()
    for line_no, is_exempt in enumerate(exempt):
        if not is_exempt:
            continue
        span_index = owner[line_no]
        if span_index >= 0:
            span = spans[span_index]
            where = f"item {span.number} {span.title}" if span.number else f"item {span.title}"
        else:
            where = "text outside the items"
        key = (where, why[line_no])
        if key not in seen:
            seen.add(key)
            parts.append(ExemptPart(where, why[line_no]))
    return ["" if is_exempt else line for line, is_exempt in zip(lines, exempt)], parts


def public_text(lines: list[str]) -> str:
    """Blanked lines joined, without the long runs of blank lines left behind."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
