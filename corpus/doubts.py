"""Doubt made visible: what a paper of its kind should have held but was not read.

A wrong answer given confidently is worse than a question back, so a paper
read badly says so in its warnings ("no items found", "no attendance found
in the minutes", "a work programme table but no rows read") rather than
being stored as if it were complete.
"""
from __future__ import annotations

import re

from .model import Document
from .prose import cells

_MINUTES = ("minutes", "agenda_and_minutes")
_PROGRAMME_KINDS = ("work_programme", "forward_plan")
# a programme table's header: when (date, meeting, month) and what (topic, item, issue, report)
_WHEN_HEADER = re.compile(r"\b(?:date|meeting|month|when|timescale|decision\s+due)\b", re.IGNORECASE)
_WHAT_HEADER = re.compile(r"\b(?:topic|item|issue|subject|report|title|matter|business)\b", re.IGNORECASE)


def found_nothing(doc: Document) -> bool:
    """Read, but nothing found: no items, no actions, no programme rows."""
    return not doc.items and not doc.actions and not doc.work_programme


def _programme_table(text: str) -> bool:
    for line in text.split("\n"):
        if "\t" not in line:
            continue
        row = [c for c in cells(line) if c]
        if 2 <= len(row) <= 8 and all(len(c.split()) <= 5 for c in row) \
                and any(_WHEN_HEADER.search(c) for c in row) and any(_WHAT_HEADER.search(c) for c in row):
            return True
    return False


def doubts(doc: Document, text: str) -> list[str]:
    """Warnings for what the paper's kind leads us to expect and the parser did not find."""
    out: list[str] = []
    if doc.kind == "unknown":
        out.append("could not tell whether this is an agenda or minutes; read as minutes")
    if not doc.items and doc.kind not in _PROGRAMME_KINDS:
        out.append("no items found")
    if doc.kind in _MINUTES and not any(a.status in ("present", "member") for a in doc.attendance):
        out.append("no attendance found: no one read as present")
    if doc.kind in _MINUTES and len(doc.items) >= 3 and not doc.actions \
            and re.search(r"\b(?:RESOLVED|AGREED|resolved|agreed|requested)\b", text):
        out.append(f"no actions found in minutes of {len(doc.items)} items that record decisions")
    if not doc.work_programme and (doc.kind in _PROGRAMME_KINDS or _programme_table(text)):
        out.append("a work programme table was found but no rows were read")
    if doc.actions:
        unowned = sum(1 for a in doc.actions if not a.owner)
        if unowned == len(doc.actions) and len(doc.actions) >= 3:
            out.append(f"none of the {len(doc.actions)} actions names an owner")
    return out
