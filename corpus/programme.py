"""Work-programme rows: from programme tables in agendas, and from what
minutes say about the programme ("X would be added to the work programme for
March 2023", "an update ... is provided to a meeting of the committee in March
2019", "A date to discuss X was still to be decided")."""
from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, is_undecided, parse_when
from .model import ProgrammeEntry
from .prose import cells, collapse, sentences

_WHEN_HEAD = re.compile(r"\b(?:date|meeting|month|when|committee\s+date|timing)\b", re.IGNORECASE)
_ISSUE_HEAD = re.compile(r"\b(?:issue|topic|subject|item|report|title|business|agenda\s+item|description)s?\b", re.IGNORECASE)
_LAST_HEAD = re.compile(r"\b(?:last|previous(?:ly)?|date\s+of\s+last)\b", re.IGNORECASE)
_NOTES_HEAD = re.compile(r"\b(?:notes?|comments?|follow|purpose|objectives?|outcomes?|officers?|lead|scope|action)\b", re.IGNORECASE)
_RUN_ON_NOTE = re.compile(r"\s+(?=(?:To\s+include|To\s+cover|To\s+consider|To\s+look\s+at|Including:|Includes:|This\s+will|Focus\s+on|NB\b|Note:)\s)")
_PEOPLE = re.compile(r"\b(?:Cllr|Councillor)\b")


def _header_columns(line: str) -> dict[str, int] | None:
    row = cells(line)
    if len(row) < 2:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        if not cell:
            continue
        if "last" not in columns and _LAST_HEAD.search(cell) and ("report" in cell.lower() or "consider" in cell.lower() or "scrutin" in cell.lower() or "last" in cell.lower()):
            columns["last"] = index
        elif "when" not in columns and _WHEN_HEAD.search(cell) and not _ISSUE_HEAD.search(cell.replace("Date of Meeting", "")):
            columns["when"] = index
        elif "issue" not in columns and _ISSUE_HEAD.search(cell):
            columns["issue"] = index
        elif "notes" not in columns and _NOTES_HEAD.search(cell):
            columns["notes"] = index
    if "when" in columns and "issue" in columns:
        return columns
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _is_date_like(text: str, reference: date | None) -> bool:
    return is_undecided(text) or parse_when(text, reference) is not None


def _table_rows(lines: list[str], start: int, columns: dict[str, int], reference: date | None) -> list[ProgrammeEntry]:
    rows: list[ProgrammeEntry] = []
    when_text, when_value = "", None
    line_no = start + 1
    while line_no < len(lines):
        line = lines[line_no]
        line_no += 1
        if not line.strip():
            continue
        if "\t" not in line:
            following = next((lines[k] for k in range(line_no, min(line_no + 3, len(lines))) if lines[k].strip()), "")
            if "\t" in following and len(line.split()) <= 6:
                when_text, when_value = collapse(line), None  # a section label written across the table
                continue
            break
        row = cells(line)
        when_cell = _cell(row, columns["when"])
        issue = _cell(row, columns["issue"])
        last = _cell(row, columns.get("last"))
        notes = _cell(row, columns.get("notes"))
        if not when_cell and not issue:
            if rows and (notes or last):
                rows[-1].notes = collapse(f"{rows[-1].notes} {notes}")
                rows[-1].last_reported += [d.value.isoformat() for d in find_dates(last)]
            continue
        if when_cell:
            if _is_date_like(when_cell, reference):
                when_text, when_value = when_cell, parse_when(when_cell, reference)
            else:
                label = collapse(" ".join(c for c in row if c))
                if not issue or (len(label.split()) <= 4 and not last and not notes):
                    # "Possible Future Items", split across cells by the PDF converter
                    when_text = re.sub(r"\b([A-Z])\s+([a-z])", r"\1\2", label)
                    when_value = None
                    continue
                when_text, when_value = when_cell, None
        if not issue or len(_PEOPLE.findall(issue)) >= 2:
            continue
        run_on = _RUN_ON_NOTE.split(issue, maxsplit=1)
        if len(run_on) == 2:
            issue, notes = run_on[0], collapse(f"{run_on[1]} {notes}")
        rows.append(ProgrammeEntry(
            meeting_date=when_value,
            when=when_text or "TBC",
            issue=collapse(issue).strip(" -–"),
            last_reported=[d.value.isoformat() for d in find_dates(last)],
            notes=collapse(notes),
        ))
    return rows


def _from_tables(text: str, reference: date | None) -> list[ProgrammeEntry]:
    lines = text.split("\n")
    rows: list[ProgrammeEntry] = []
    for line_no, line in enumerate(lines):
        if "\t" in line:
            columns = _header_columns(line)
            if columns:
                rows.extend(_table_rows(lines, line_no, columns, reference))
    return rows


_ISSUE = r"(?P<issue>[A-Z][^.;:]*?)"
_WHEN = r"(?P<when>(?:[A-Z][a-z]+\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+(?:\s+\d{4})?|[A-Z][a-z]+(?:/[A-Z][a-z]+)?\s+\d{4}|(?:the\s+)?next\s+meeting)"
_MINUTES_PATTERNS = [
    # "Home to School Transport would be added to the work programme for March 2023"
    re.compile(rf"{_ISSUE}\s+(?:would|should|will|to|be)\s+(?:be\s+)?(?:added|included|scheduled|placed|put)\s+(?:on|to|in|into)\s+(?:the|its|their)\s+(?:\w+\s+){{0,2}}work\s+programme(?:\s+(?:for|in|at)\s+{_WHEN})?"),
    # "The proposals on X would be discussed by the Panel on 25 September"
    re.compile(rf"{_ISSUE}\s+(?:would|will|should)\s+be\s+(?:discussed|considered|reported|presented|brought|taken|scheduled|received|scrutinised)\s+(?:to|by|at)\s+(?:the|a|its|their)\s+(?:(?:Panel|Committee|Board|Sub-Committee)(?:'s)?\s+)?(?:next\s+)?(?:meeting\s+)?(?:on|in|at)\s+{_WHEN}", re.IGNORECASE),
    # "requests that an update on X is provided to a meeting of the committee in March 2019"
    re.compile(rf"(?:(?:request(?:s|ed)?|agreed|asked|recommend(?:s|ed)?)\s+)?\bthat\s+(?P<issue>(?:an?|the)\s+(?:further\s+|progress\s+|update\s+)?(?:update|report|briefing|item|presentation)\b[^.;]*?)\s+(?:is|be|was|would\s+be|should\s+be)\s+(?:provided|presented|brought|submitted|reported|made|considered|given)\s+to\s+(?:a|the|its)\s+(?:future\s+|next\s+|subsequent\s+)?(?:meeting|panel|committee)(?:\s+of\s+the\s+(?:committee|panel|board))?(?:\s+(?:in|on|at)\s+{_WHEN})?", re.IGNORECASE),
    # "that the Director provides a report on alternative provision to the Committee in July 2023"
    re.compile(rf"\b(?:provides?|presents?|brings?|submits?)\s+(?P<issue>(?:an?|the)\s+(?:further\s+|progress\s+)?(?:update|report|briefing|presentation)\b[^.;]*?)\s+to\s+(?:the|a|its)\s+(?:next\s+|future\s+)?(?:meeting|panel|committee|board)(?:\s+of\s+the\s+\w+)?(?:\s+(?:in|on|at)\s+{_WHEN})?", re.IGNORECASE),
    # "allocates a quarterly item to its work programme"
    re.compile(rf"(?:allocates?|adds?|includes?)\s+(?P<issue>an?\s+[^.;]+?)\s+(?:to|in|on)\s+(?:its|the)\s+work\s+programme", re.IGNORECASE),
]
_UNDATED_PATTERN = re.compile(
    r"\bA\s+date\s+(?:to|for)\s+(?:discuss|consider|review|scrutinise)(?:ing)?\s+(?:the\s+)?(?P<issue>.+?)\s+(?:was|is|had|has)\s+(?:still\s+|yet\s+)?(?:to\s+be|not\s+(?:yet\s+)?been)\s+(?:decided|confirmed|agreed|set|fixed|arranged)",
    re.IGNORECASE,
)


def _clean_minutes_issue(issue: str) -> str:
    issue = collapse(issue)
    # keep what follows the last "that": "it was agreed that Home to School Transport"
    parts = re.split(r"\bthat\s+", issue)
    issue = parts[-1]
    return issue.strip(" ,")


# a cheap test before each pattern: the words it cannot match without
_NEEDS = [("programme",), (" be ",), ("that",), (" to ",), ("programme",)]


def _from_minutes(text: str, reference: date | None) -> list[ProgrammeEntry]:
    rows: list[ProgrammeEntry] = []
    for sentence in sentences(text):
        lowered = sentence.lower()
        for pattern, needs in zip(_MINUTES_PATTERNS, _NEEDS):
            if not all(word in lowered for word in needs):
                continue
            m = pattern.search(sentence)
            if not m:
                continue
            issue = _clean_minutes_issue(m.group("issue"))
            when = collapse(m.groupdict().get("when") or "")
            value = parse_when(when, reference)  # "the next meeting" is resolved once future meetings are known
            if issue:
                rows.append(ProgrammeEntry(meeting_date=value, when=when or "TBC", issue=issue, origin="minutes"))
            break
        m = _UNDATED_PATTERN.search(sentence) if "a date" in lowered else None
        if m:
            rows.append(ProgrammeEntry(meeting_date=None, when="TBC", issue=collapse(m.group("issue")), origin="minutes"))
    return rows


_LIST_HEADING = re.compile(r"^\s*(?:(?:item\s+)?\d{1,3}[.)]?\s*[-–:]?\s*)?(?:[\w/-]+\s+){0,3}work\s*programme\b", re.IGNORECASE)
_LIST_BULLET = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+(?P<issue>.+)$")
_GROUP_LABEL = re.compile(r"^(?:standing|regular|recurring|future|possible|unscheduled|other|items?\s+to\s+be\s+scheduled)\b.*items?\b|^items?\s+to\s+be\s+scheduled", re.IGNORECASE)


def _from_lists(text: str, reference: date | None) -> list[ProgrammeEntry]:
    """A programme written as lists under a heading: a date or month line, then its items as bullets."""
    lines = text.split("\n")
    rows: list[ProgrammeEntry] = []
    index = 0
    while index < len(lines):
        if "\t" in lines[index] or not _LIST_HEADING.match(lines[index]):
            index += 1
            continue
        when_text: str | None = None
        when_value: str | None = None
        started = False
        cursor = index + 1
        while cursor < len(lines) and cursor - index < 200:
            line = lines[cursor].strip()
            cursor += 1
            if not line:
                continue
            if "\t" in line:
                break  # a table: read by _from_tables
            bullet = _LIST_BULLET.match(line)
            if bullet:
                issue = collapse(bullet.group("issue")).rstrip(".;")
                # a bulleted date is a list of meeting dates, not an item
                if when_text is not None and not find_dates(issue[:25]):
                    rows.append(ProgrammeEntry(meeting_date=when_value, when=when_text, issue=issue))
                    started = True
                continue
            short = len(line.split()) <= 6 and not line.endswith((".", ":", ";", ","))
            if short and (is_undecided(line) or _GROUP_LABEL.match(line) or parse_when(line, reference)):
                when_text, when_value = line, parse_when(line, reference)
                continue
            if started:
                break  # prose after the lists: the programme is over
        index = cursor
    return rows


# a forward plan's (or an executive work programme's) field lines, under each decision's title:
# "Decision maker:  Cabinet", "Decision due:   8 Dec 2022", "Lead officer:  A Smith"
_PLAN_FIELD = re.compile(
    r"^\s*(?P<name>Decision\s+maker|Decision\s+due|Decision(?:\s+date)?|Date\s+of\s+decision|Lead\s+officer|Lead\s+member|"
    r"Decision\s+status|Notice\s+of\s+proposed\s+decision\s+first\s+published|Anticipated\s+restriction|"
    r"Explanation\s+of\s+anticipated\s+restriction|Portfolio(?:\s+holder)?|Wards?\s+affected|Key\s+decision|"
    r"Contact\s+officer|Consultation|Documents?\s+to\s+be\s+considered|Reasons?\s+for\s+[\w ]+)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE)
_PLAN_SIGNATURE = re.compile(r"^\s*(?:Decision\s+maker|Decision\s+due|Lead\s+officer|Notice\s+of\s+proposed\s+decision)\s*:", re.IGNORECASE | re.MULTILINE)
_PLAN_GONE = re.compile(r"\b(?:abandoned|withdrawn|deleted|cancelled|removed)\b", re.IGNORECASE)
_PLAN_TITLE_NOTE = re.compile(r"\s*\((?:abandoned|withdrawn|deferred|moved|postponed|amended|new)\b[^)]*\)|\s*\bNew!", re.IGNORECASE)


def is_forward_plan(text: str) -> bool:
    """A forward plan (or an executive's work programme) of decisions, each with its field lines."""
    return len(_PLAN_SIGNATURE.findall(text)) >= 2


def _from_forward_plan(text: str, reference: date | None) -> list[ProgrammeEntry]:
    """Each decision of a forward plan as a row: its title, and the date it is due to be taken.

    "1." / "Equality Framework New!" / "Decision maker:  Executive Cabinet" / "Decision due:  16 Jun 2022" /
    "Lead officer:  A Smith" / "Decision status:  Recommendations Approved" / "Anticipated restriction: Open".
    A decision abandoned or withdrawn is not coming to a meeting; one to be taken wholly in private
    ("Fully exempt") is exempt business and is not kept."""
    if not is_forward_plan(text):
        return []
    lines = [line.strip() for line in text.split("\n")]
    records: list[dict[str, str]] = []
    pending_title: str | None = None
    last_field: str | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        field_match = _PLAN_FIELD.match(line)
        if field_match:
            name = collapse(field_match.group("name")).lower()
            if pending_title is not None:
                records.append({"title": pending_title})
                pending_title = None
            if records:
                records[-1].setdefault(name, collapse(field_match.group("value")))
            last_field = name
            continue
        if re.fullmatch(r"\d{1,3}\.?", line):
            pending_title, last_field = None, None
            continue
        if last_field and last_field.startswith(("explanation", "reasons", "consultation", "documents")) \
                and records and not records[-1].get(last_field):
            records[-1][last_field] = collapse(line)  # a field's value on the line below its label
            continue
        following = next((lines[k] for k in range(index + 1, min(index + 4, len(lines))) if lines[k]), "")
        if _PLAN_FIELD.match(following) and len(line.split()) <= 30:
            pending_title, last_field = line, None
    rows: list[ProgrammeEntry] = []
    for record in records:
        title = collapse(_PLAN_TITLE_NOTE.sub("", record["title"])).strip(" -–")
        status = record.get("decision status", "")
        restriction = record.get("anticipated restriction", "")
        if not title or _PLAN_GONE.search(status) or _PLAN_GONE.search(record["title"]) \
                or re.match(r"\s*fully\s+exempt", restriction, re.IGNORECASE):
            continue
        when_text = record.get("decision due") or record.get("decision") or record.get("decision date") \
            or record.get("date of decision") or ""
        when_text = re.split(r"[;(]", when_text)[0].strip()  # "16 Oct 2023; 28 days' public notice must be given"
        notes = "; ".join(f"{name.capitalize()}: {record[name]}" for name in ("decision maker", "lead officer", "decision status")
                          if record.get(name))
        rows.append(ProgrammeEntry(meeting_date=parse_when(when_text, reference) if when_text else None,
                                   when=when_text or "TBC", issue=title, notes=notes))
    return rows


def parse_work_programme(text: str, reference: date | None, is_minutes: bool) -> list[ProgrammeEntry]:
    plan = _from_forward_plan(text, reference)
    if plan:
        return plan  # its numbered decisions and their dates are the whole of it
    rows = _from_tables(text, reference)
    seen = {((r.meeting_date or ""), r.issue.lower()) for r in rows}
    for row in _from_lists(text, reference):
        if ((row.meeting_date or ""), row.issue.lower()) not in seen:
            seen.add(((row.meeting_date or ""), row.issue.lower()))
            rows.append(row)
    if is_minutes:
        rows.extend(_from_minutes(text, reference))
    return rows
