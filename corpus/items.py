"""Numbered items of an agenda or minutes, with the text under each.

Three shapes are read: an agenda table ("Item No | Subject | Page No"),
numbered headings ("549 Apologies and Welcome", "20. APOLOGIES FOR ABSENCE"),
and ModernGov "Agenda and minutes" pages, whose headings carry no number in
the text and whose minute numbers appear in "view the full minutes text for
item 393".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTHS, find_dates
from .model import Item
from .prose import cells, collapse, is_all_caps, title_case

# "549 Title", "20. TITLE", "Item 1 - Title", "Minute 12: Title", "12/23 Title" (minute 12 of 2023)
_NUMBERED = re.compile(
    r"^[ \t]*(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?|minute\s+(?:no\.?\s*)?)?(?P<num>\d{1,4}(?:/\d{2,4})?[a-z]?)"
    r"(?:\.(?!\d)|\))?(?:[ \t]*[-–:][ \t]*|[ \t]+)(?P<rest>\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_PAGES = re.compile(r"\(?\bpages?\s+(\d+)\s*(?:-|–|to)?\s*(\d+)?\s*\)?", re.IGNORECASE)
_MODERNGOV_NOISE = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+\d+(?:\.\d+)?\s*[KM]B\b.*$|\s*Additional documents:?\s*$", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"^\s*(?:item|no\.?|number)\b[^\t]*\t\s*(?:subject|title|business|report|item|agenda item|description)\b", re.IGNORECASE)
_FULL_TEXT_REF = re.compile(r"view\s+the\s+full\s+minutes\s+text\s+for\s+item\s+(\d+[a-z]?)", re.IGNORECASE)
_UNIT_WORDS = {"am", "pm", "a.m.", "p.m.", "years", "year", "per", "percent", "%", "x", "days", "weeks", "months",
               "and", "or", "to", "-", "–"}


@dataclass
class _Heading:
    line_no: int
    number: str | None
    title: str
    pages: str | None


def _pages(text: str) -> tuple[str, str | None]:
    m = _PAGES.search(text)
    if not m:
        return text, None
    pages = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
    return (text[:m.start()] + text[m.end():]).strip(), pages


def clean_title(raw: str) -> str:
    """A heading or table cell as a title: no page refs, no "(previously
    circulated)" notes, no description run on after it, no SHOUTING."""
    title = _MODERNGOV_NOISE.sub("", collapse(raw))
    title, _ = _pages(title)
    words = title.split()
    if len(words) > 12 or re.search(r"[a-z]\.\s", title):
        # a run-on description: cut before the capitalised word that starts a sentence
        for i in range(1, len(words) - 3):
            if words[i][:1].isupper() and all(w[:1].islower() for w in words[i + 1:i + 5]):
                title = " ".join(words[:i])
                break
    title = re.sub(r"\s*\((?=[a-z])[^()]*\)\s*$", "", title)  # "(previously circulated)", "(to follow)"
    # "Temporary Accommodation – to receive a report of the Head of Housing"
    title = re.split(r"\s+[-–—]\s+(?=to\s+(?:receive|consider|note|approve|agree|review|scrutinise|scrutinize|comment|discuss)\b)",
                     title, maxsplit=1, flags=re.IGNORECASE)[0]
    title = title.strip(" -–:;,")
    if is_all_caps(title):
        title = title_case(title)
    return title


def _looks_like_heading(rest: str) -> bool:
    text = rest.strip()
    first = text.split()[0].lower().rstrip(".,") if text.split() else ""
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    if first in MONTHS or first in _UNIT_WORDS or not re.search(r"[A-Za-z]{2,}", text) or find_dates(text[:12]):
        return False
    if text.endswith((":", ",", ";")):
        return False
    words = text.split()
    if len(words) > 22:
        return False
    # a sentence ("The Panel is asked to ...", "Ofsted conducted their first visit.")
    if text.endswith(".") and len(words) > 6:
        return False
    lower_run = max((len(m.group(0).split()) for m in re.finditer(r"(?:\b[a-z][\w'’-]*\s*)+", text)), default=0)
    return lower_run <= 6


def _table_headings(lines: list[str]) -> list[_Heading]:
    """Rows under an "Item No / Subject / Page No" table header."""
    for start, line in enumerate(lines):
        if "\t" in line and _TABLE_HEAD.match(line):
            break
    else:
        return []
    found: list[_Heading] = []
    blank_run = 0
    for line_no in range(start + 1, len(lines)):
        line = lines[line_no]
        if not line.strip():
            blank_run += 1
            if blank_run > 1 and found:
                break
            continue
        blank_run = 0
        row = cells(line)
        if len(row) < 2 or not re.fullmatch(r"\d{1,4}[a-z]?\.?", row[0]):
            if found:
                break
            continue
        title = clean_title(row[1])
        if not title:
            continue
        pages = None
        if len(row) > 2:
            _, pages = _pages("pages " + row[2]) if re.match(r"^\d", row[2]) else (None, None)
        found.append(_Heading(line_no, row[0].rstrip("."), title, pages))
    return found


def _numbered_headings(lines: list[str], first_run: bool = False) -> list[_Heading]:
    """Numbered heading lines, keeping the longest increasing run of numbers."""
    candidates: list[_Heading] = []
    for line_no, line in enumerate(lines):
        m = _NUMBERED.match(line)
        if not m:
            continue
        rest = m.group("rest")
        if "\t" in rest:
            rest = cells(rest)[0]
        if not _looks_like_heading(rest):
            continue
        title, pages = _pages(rest)
        title = clean_title(title)
        if title:
            candidates.append(_Heading(line_no, m.group("num"), title, pages))
    if not candidates:
        return []

    def value(h: _Heading) -> int:
        return int(re.match(r"\d+", h.number or "0").group(0))

    best_len = [1] * len(candidates)
    prev: list[int | None] = [None] * len(candidates)
    for i, h in enumerate(candidates):
        for j in range(i):
            # minute numbers run on; a gap of one or two is an exempt or withdrawn item
            if 1 <= value(h) - value(candidates[j]) <= 3 and best_len[j] + 1 > best_len[i]:
                best_len[i] = best_len[j] + 1
                prev[i] = j
    # an agenda pack carries earlier minutes and reports after its own item list:
    # there the first run of three or more is the agenda's; otherwise the longest run wins
    def run_ending_at(end: int) -> list[_Heading]:
        run: list[_Heading] = []
        cursor: int | None = end
        while cursor is not None:
            run.append(candidates[cursor])
            cursor = prev[cursor]
        return run[::-1]

    extended = {p for p in prev if p is not None}
    runs = [run_ending_at(i) for i in range(len(candidates)) if i not in extended]
    long_runs = [run for run in runs if len(run) >= 3]
    if first_run and long_runs:
        chain = min(long_runs, key=lambda run: (run[0].line_no, -len(run)))
    else:
        chain = max(runs, key=lambda run: (len(run), -run[-1].line_no))
    if len(chain) < 2 and len(candidates) > 1:
        return []  # scattered numbered lines, not a run of items; a lone item stands only if it is alone
    return chain


def _moderngov_headings(lines: list[str]) -> list[_Heading]:
    """Headings on a ModernGov "Agenda and minutes" page saved as text."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*No\.?\s+Item\s*$", line, re.IGNORECASE)), None)
    if start is None:
        return []
    found: list[_Heading] = []
    pending_number: str | None = None
    for line_no in range(start + 1, len(lines)):
        line = lines[line_no].strip()
        if not line:
            continue
        if re.fullmatch(r"\d{1,4}[a-z]?\.?", line):
            pending_number = line.rstrip(".")
            continue
        prev_blank = line_no == 0 or not lines[line_no - 1].strip()
        next_blank = line_no + 1 >= len(lines) or not lines[line_no + 1].strip()
        if prev_blank and next_blank and not line.startswith(("-", "(")) and _looks_like_heading(line) \
                and not line.endswith((".", "?", "!")) and len(line.split()) <= 16:
            title, pages = _pages(_MODERNGOV_NOISE.sub("", line))
            title = clean_title(title)
            if title:
                found.append(_Heading(line_no, pending_number, title, pages))
        pending_number = None
    return found


@dataclass
class Span:
    """Where an item sits in the text: its heading line and its body's lines [start, end)."""
    heading: int
    start: int
    end: int
    number: str | None
    title: str
    pages: str | None


def item_spans(lines: list[str], agenda: bool = False) -> list[Span]:
    """Items in order with their lines; for an agenda (a pack that may carry earlier
    minutes) its own first list. Items of a table have no body lines."""
    headings = _table_headings(lines)
    if headings:
        return [Span(h.line_no, h.line_no + 1, h.line_no + 1, h.number, h.title, h.pages) for h in headings]
    headings = _moderngov_headings(lines) or _numbered_headings(lines, first_run=agenda)
    return [Span(h.line_no, h.line_no + 1, headings[i + 1].line_no if i + 1 < len(headings) else len(lines),
                 h.number, h.title, h.pages) for i, h in enumerate(headings)]


def parse_items(text: str, agenda: bool = False) -> list[Item]:
    """Items in order, each with the text under it."""
    lines = text.split("\n")
    items: list[Item] = []
    for span in item_spans(lines, agenda):
        body = "\n".join(lines[span.start:span.end]).strip()
        number = span.number
        if number is None:
            ref = _FULL_TEXT_REF.search(body)
            number = ref.group(1) if ref else None
        items.append(Item(number=number, title=span.title, pages=span.pages, text=body))
    return items
