"""Work-programme rows: from programme tables in agendas, and from what
minutes say about the programme ("X would be added to the work programme for
March 2023", "an update ... is provided to a meeting of the committee in March
2019", "A date to discuss X was still to be decided")."""
from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, find_months, is_undecided, month_after, parse_when
from .model import ProgrammeEntry
from .prose import cells, collapse, sentences, starts_a_sentence, table_cells

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


def _as_tab_rows(text: str) -> list[str]:
    """Lines, with a pipe table's rows ("| 10 July | Budget |") written as tab-separated ones."""
    out = []
    for line in text.split("\n"):
        row = table_cells(line) if "|" in line else None
        if row is not None and all(re.fullmatch(r"[-: ]*", cell) for cell in row):
            continue  # a markdown table's rule: "|---|---|"
        out.append("\t".join(row) if row is not None and len(row) >= 2 else line)
    return out


def _from_tables(text: str, reference: date | None) -> list[ProgrammeEntry]:
    lines = _as_tab_rows(text)
    rows: list[ProgrammeEntry] = []
    for line_no, line in enumerate(lines):
        if "\t" in line:
            columns = _header_columns(line)
            if columns:
                rows.extend(_table_rows(lines, line_no, columns, reference))
    return rows


# a table that reaches us flattened: one cell per line, perhaps a separator line between cells,
# a cell's bullets wrapped mid-phrase ("Date of meeting" / "|" / "Item" / "|" / "Lead officer" /
# "10 July 2024" / "|" / "- Local Transport Plan" / "consultation" / "- Flood risk" / "|" / "A Person")
_SEPARATOR = re.compile(r"^\s*(?:[|¦│┃]+|[-–—_=]{3,})\s*$")
# a column title standing alone on its line: "Date of meeting", "Item", "Lead officer", "Purpose"
_HEAD_CELL = re.compile(
    r"^(?:(?:proposed\s+|committee\s+|meeting\s+)?dates?(?:\s+of\s+(?:the\s+)?meeting)?|meeting(?:\s+date)?|month|when|timing|"
    r"(?:agenda\s+)?items?|topics?|issues?|subjects?|reports?(?:\s+title)?|titles?|business|description|"
    r"(?:lead\s+|responsible\s+|contact\s+)?(?:officers?|members?|directorate)|lead|purpose|notes?|comments?|"
    r"outcomes?|objectives?|scope|actions?|(?:date\s+)?last\s+(?:reported|considered|scrutinised))\s*:?$",
    re.IGNORECASE)
# a bullet as a word processor or web page leaves it: "-", "*", "•", "·" (a PDF's or ModernGov's middle dot),
# "▪", "◦", "➢", "►", "–", or a number
_BULLET = r"(?:[-*•·▪◦‣➢►●○■□–]|\d{1,2}[.)])"
_CELL_BULLET = re.compile(rf"^{_BULLET}\s+")


def _flat_header(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The header cells of a flattened table starting at `start`, and the line after them."""
    heads: list[str] = []
    index = start
    while index < len(lines) and len(heads) < 7:
        line = lines[index].strip()
        if not line or _SEPARATOR.match(line):
            index += 1
            continue
        if "\t" in line or not _HEAD_CELL.match(line):
            break
        heads.append(line)
        index += 1
    return (heads, index) if len(heads) >= 2 else None


def _flat_cells(lines: list[str], start: int) -> list[list[str]]:
    """The cells after a flattened header: split at separator lines where the table has them,
    else at blank lines, else one per line (a line going on in lower case, or after "and" or a
    comma, continues the one before)."""
    window = lines[start:start + 400]
    separated = sum(1 for line in window[:60] if _SEPARATOR.match(line)) >= 2
    blank_split = not separated and sum(1 for line in window[:60] if not line.strip()) >= 3
    out: list[list[str]] = []
    current: list[str] = []
    for line in window:
        text = line.strip()
        if separated and _SEPARATOR.match(text) or not separated and blank_split and not text:
            if current:
                out.append(current)
            current = []
            continue
        if not text:
            continue
        if "\t" in text or len(text.split()) > 40:
            break  # a real table or prose: the flattened one is over
        if not separated and not blank_split and current and not (
                text[:1].islower() or _WRAP_END.search(current[-1]) and not _CELL_BULLET.match(text)):
            out.append(current)
            current = []
        current.append(text)
    if current and (not separated or len(" ".join(current).split()) <= 12):
        out.append(current)  # (after the last separator, only a short cell still belongs to the table)
    return out


def _cell_topics(cell: list[str]) -> list[str]:
    """A cell's topics: one per bullet, wrapped lines joined; the whole cell when it has no bullets."""
    topics: list[str] = []
    for line in cell:
        if _CELL_BULLET.match(line) or not topics:
            topics.append(_CELL_BULLET.sub("", line))
        else:
            topics[-1] = f"{topics[-1]} {line}"
    return [collapse(t).strip(" -–;") for t in topics if collapse(t).strip(" -–;")]


def _from_flattened(text: str, reference: date | None) -> list[ProgrammeEntry]:
    lines = text.split("\n")
    rows: list[ProgrammeEntry] = []
    index = 0
    while index < len(lines):
        header = _flat_header(lines, index) if _HEAD_CELL.match(lines[index].strip()) else None
        columns = _header_columns("\t".join(header[0])) if header else None
        if not header or not columns:
            index += 1
            continue
        width = len(header[0])
        when_text, when_value = "TBC", None
        column = 0
        for cell in _flat_cells(lines, header[1]):
            joined = collapse(" ".join(cell))
            if _dated_label(joined, reference) and len(joined.split()) <= 6:
                when_text, when_value = joined, parse_when(joined, reference)
                column = columns["when"] + 1  # a new row starts at its date
                continue
            if column == columns["when"]:
                column += 1  # an empty date cell: the row goes on under the date above
            if column == columns["issue"]:
                for topic in _cell_topics(cell):
                    if _row_like(topic):
                        rows.append(ProgrammeEntry(meeting_date=when_value, when=when_text, issue=topic))
            elif column == columns.get("notes") and rows:
                rows[-1].notes = collapse(f"{rows[-1].notes} {joined}")
            column = (column + 1) % width
        index = header[1] + 1
    return rows


_ISSUE = r"(?P<issue>[A-Z][^.;:]*?)"
_WHEN = r"(?P<when>(?:[A-Z][a-z]+\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+(?:\s+\d{4})?|[A-Z][a-z]+(?:/[A-Z][a-z]+)?\s+\d{4}|(?:the\s+)?next\s+meeting)"
_MINUTES_PATTERNS = [
    # "Home to School Transport would be added to the work programme for March 2023"
    re.compile(rf"{_ISSUE}\s+(?:would|should|will|to|be)\s+(?:be\s+)?(?:added|included|scheduled|placed|put)\s+(?:on|to|in|into)\s+(?:the|its|their)\s+(?:[\w&'’-]+\s+){{0,5}}(?i:work\s+programme)(?:\s+(?:for|in|at)\s+(?:the\s+)?{_WHEN})?"),
    # "The proposals on X would be discussed by the Panel on 25 September"
    re.compile(rf"{_ISSUE}\s+(?:would|will|should)\s+be\s+(?:discussed|considered|reported|presented|brought|taken|scheduled|received|scrutinised)\s+(?:to|by|at)\s+(?:the|a|its|their)\s+(?:(?:Panel|Committee|Board|Sub-Committee)(?:'s)?\s+)?(?:next\s+)?(?:meeting\s+)?(?:on|in|at)\s+{_WHEN}", re.IGNORECASE),
    # "requests that an update on X is provided to a meeting of the committee in March 2019"
    re.compile(rf"(?:(?:request(?:s|ed)?|agreed|asked|recommend(?:s|ed)?)\s+)?\bthat\s+(?P<issue>(?:(?:an?|the)\s+(?:further\s+|progress\s+|update\s+)?|(?:further\s+|progress\s+|scoping\s+|update\s+|regular\s+|quarterly\s+|annual\s+)*)(?:updates?|reports?|briefings?|items?|presentations?)\b[^.;]*?)\s+(?:is|be|was|would\s+be|should\s+be)\s+(?:provided|presented|brought|submitted|reported|made|considered|given)\s+to\s+(?:a|the|its)\s+(?:future\s+|next\s+|subsequent\s+)?(?:meeting|panel|committee)(?:\s+of\s+the\s+(?:committee|panel|board))?(?:\s+(?:in|on|at)\s+{_WHEN})?", re.IGNORECASE),
    # "that the Director provides a report on alternative provision to the Committee in July 2023"
    re.compile(rf"\b(?:provides?|presents?|brings?|submits?)\s+(?P<issue>(?:an?|the)\s+(?:further\s+|progress\s+)?(?:update|report|briefing|presentation)\b[^.;]*?)\s+to\s+(?:the|a|its)\s+(?:next\s+|future\s+)?(?:meeting|panel|committee|board)(?:\s+of\s+the\s+\w+)?(?:\s+(?:in|on|at)\s+{_WHEN})?", re.IGNORECASE),
    # "allocates a quarterly item to its work programme"
    re.compile(rf"(?:allocates?|adds?|includes?)\s+(?P<issue>an?\s+[^.;]+?)\s+(?:to|in|on)\s+(?:its|the)\s+work\s+programme", re.IGNORECASE),
]
_UNDATED_PATTERN = re.compile(
    r"\bA\s+date\s+(?:to|for)\s+(?:discuss|consider|review|scrutinise)(?:ing)?\s+(?:the\s+)?(?P<issue>.+?)\s+(?:was|is|had|has)\s+(?:still\s+|yet\s+)?(?:to\s+be|not\s+(?:yet\s+)?been)\s+(?:decided|confirmed|agreed|set|fixed|arranged)",
    re.IGNORECASE,
)


_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
_DAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?:,?\s+\d{4})?"
_NP = r"(?:(?!\b(?:was|were|is|are|had|has|have|would|will|heard|noted|that|which|when|where|while|as)\b)[^,;.:])"  # words of a noun phrase
_SCRUTINY_VERBS = r"(?:scrutinise|scrutinize|consider|review|examine|look\s+at|discuss|focus\s+on|investigate|explore)"
# programme rows stated in minutes, each with the words it cannot match without; every one may match a sentence
_PROSE_ROWS: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    # "use the 10 January 2024 meeting as a 'Spotlight' session to scrutinise the Draft Budget";
    # "schedule an additional meeting on a date to be agreed ... to scrutinise the X Review"
    (("meeting", " to "), re.compile(
        rf"\b(?:use|hold|schedule|arrange|convene|have)\s+(?P<at>(?:the|an?)\s+[^.;]{{0,120}}?)\bmeeting\b(?P<mid>[^.;]{{0,160}}?)"
        rf"\bto\s+{_SCRUTINY_VERBS}\s+(?:the\s+)?(?P<issue>[^.;]+)", re.IGNORECASE)),
    # "a special meeting on this topic at the end of July"
    (("meeting",), re.compile(
        rf"\b(?P<issue>(?:special|additional|extra|extraordinary|dedicated|themed)\s+meeting\s+(?:on|about)\s+{_NP}+?)\s+"
        rf"(?:at|in|on|during|for)\s+(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of\s+)?(?P<when>{_MONTHS}(?:\s+\d{{4}})?)\b", re.IGNORECASE)),
    # "The Audit Wales report on financial sustainability would be included for September"
    ((" be ",), re.compile(
        rf"\b(?P<issue>(?:the|an?)\s+{_NP}+?)\s+(?:would|will|should|is\s+to|was\s+to)\s+be\s+"
        rf"(?:included|scheduled|programmed|added|timetabled)\s+"
        rf"(?:\w+\s+){{0,4}}?(?:for|in|at|on)\s+(?:the\s+)?(?P<when>{_MONTHS}(?:\s+\d{{4}})?)(?:\s+meeting)?\b(?!\s+\d)", re.IGNORECASE)),
    # "bring forward the Energy report, currently scheduled for the meeting on 21 November 2022"
    (("meeting",), re.compile(
        rf"\b(?P<issue>(?:the|an?)\s+{_NP}+?),?\s+(?:which\s+)?(?:is\s+|was\s+|has\s+been\s+|had\s+been\s+)?"
        rf"(?:currently\s+|provisionally\s+|now\s+|already\s+)?"
        rf"(?:scheduled|programmed|planned|timetabled|due)\s+(?:for|at)\s+(?:the\s+)?(?:\w+\s+){{0,2}}?meeting\s+(?:on|of|in)\s+"
        rf"(?:the\s+)?(?P<when>{_DAY})", re.IGNORECASE)),
    # "the six monthly review of the Risk Register was due to be presented" (when: the sentence's date)
    (("due to", "schedul", "expected to", "planned to"), re.compile(
        rf"\b(?P<issue>(?:the|an?)\s+{_NP}+?)\s+(?:was|is|were|are)\s+(?:due|scheduled|expected|planned|programmed)\s+to\s+(?:be\s+)?"
        rf"(?:presented|considered|reported|brought|submitted|heard|discussed|received)\b", re.IGNORECASE)),
    # "it was suggested that items be included on dental services"
    (("item",), re.compile(
        r"\bitems?\s+(?:be|should\s+be|would\s+be|could\s+be)\s+(?:included|added|scheduled|brought)\s+(?:on|about|regarding|covering|relating\s+to)\s+"
        r"(?P<issue>[^.;]+?)(?=\s+and\s+that\b|\s*[.;]|$)", re.IGNORECASE)),
    # "that a joint piece of work be undertaken with X to examine those Care Homes in Special Measures"
    ((" be ",), re.compile(
        rf"\b(?:piece\s+of\s+work|review|task\s+and\s+finish\s+(?:group|exercise|review)|workshop|investigation)\s+"
        rf"(?:be|should\s+be|would\s+be)\s+(?:undertaken|held|arranged|scheduled|carried\s+out|set\s+up)\b[^.;]{{0,80}}?"
        rf"\bto\s+{_SCRUTINY_VERBS}\s+(?:those\s+|these\s+|the\s+)?(?P<issue>[^.;]+)", re.IGNORECASE)),
    # "a presentation by A & B at the March meeting"
    (("meeting",), re.compile(
        rf"\b(?P<issue>(?:a|an)\s+(?:presentation|report|update|briefing|talk)\s+(?:by|from|on)\s+[^.;]{{3,80}}?)\s+(?:at|to)\s+the\s+"
        rf"(?P<when>next|{_MONTHS}(?:\s+\d{{4}})?)\s+(?:council\s+|committee\s+|panel\s+)?meeting\b", re.IGNORECASE)),
    # "invite two members of X to attend a future council meeting (hopefully April) to make a presentation on Y"
    (("invite", "attend"), re.compile(
        rf"\binvite\s+(?P<who>[^.;]{{3,60}}?)\s+to\s+(?:then\s+)?attend\s+(?:a|the)\s+(?:future\s+|next\s+)?(?:\w+\s+)?meeting\s*"
        rf"(?:\((?:hopefully\s+|probably\s+|possibly\s+)?(?P<when>{_MONTHS})\)\s*)?to\s+(?:make|give|deliver|provide)\s+(?:a|an)\s+"
        rf"(?P<what>presentation|report|update|briefing|talk)\s+(?P<on>on\s+[^.;]+)", re.IGNORECASE)),
    # the committee as subject, the meeting ahead named after the topic: "The Commission was due to receive an update on
    # recovery at its next meeting on 14th September 2020", "The Panel will consider the Libraries Review at its March meeting"
    (("meeting",), re.compile(
        rf"\b(?:committee|panel|board|commission|forum|sub-committee|members)\s+(?:was|were|is|are|would|will|had\s+been|has\s+been)\s+"
        rf"(?:(?:due|scheduled|expected|asked|planned|programmed)\s+to\s+|to\s+)?(?:receive|consider|review|scrutinise|scrutinize|examine|hear|look\s+at)\s+"
        rf"(?P<issue>(?:the|an?)\s+{_NP}+?)\s+at\s+(?:its|the|their|a)\s+(?:next\s+|future\s+|following\s+|(?P<month>{_MONTHS})\s+)?meeting\b"
        rf"(?:\s+(?:on|in)\s+(?:the\s+)?(?P<when>{_DAY}|{_MONTHS}(?:\s+\d{{4}})?))?", re.IGNORECASE)),
    # a piece of scrutiny agreed for a month: "had agreed to undertake further scrutiny of Universal Credit in February 2018",
    # "decided to carry out a review of grass cutting at its June meeting"
    (("undertak", "carry out", "conduct"), re.compile(
        rf"\b(?:agreed|decided|resolved|planned|proposed|intends?|intended)\s+to\s+(?:undertake|carry\s+out|conduct)\s+"
        rf"(?P<issue>(?:(?:further|more|detailed|some|an?|the)\s+)*(?:scrutiny|review|examination|investigation|deep\s+dive|look)\s+(?:of|into|at)\s+{_NP}+?)\s+"
        rf"(?:in|at|during|for)\s+(?:the\s+|its\s+)?(?P<when>{_MONTHS}(?:\s+\d{{4}})?|{_DAY})\b", re.IGNORECASE)),
    # "that a formal report be presented to X Committee at the meeting scheduled for the 8th June 2023"
    (("that", " be "), re.compile(
        rf"\bthat\s+(?P<issue>(?:an?|the)\s+(?:\w+\s+)?(?:report|update|briefing|presentation)\b[^.;]*?)\s+(?:be|is|should\s+be)\s+"
        rf"(?:presented|provided|brought|submitted|made|given)\s+to\s+(?:the\s+|a\s+|its\s+)?(?:[A-Z][\w&'’-]*\s+){{0,5}}"
        rf"(?:[Mm]eeting|[Pp]anel|[Cc]ommittee|[Bb]oard|[Cc]ommission)\s+at\s+the\s+meeting\s+(?:scheduled\s+|arranged\s+)?(?:for|on)\s+"
        rf"(?:the\s+)?(?P<when>{_DAY})")),
]
_GENERIC_ISSUE = re.compile(r"^(?:an?|the)\s+(?:\w+\s+)?(?:report|update|briefing|item|presentation|paper)$|\b(?:this|that|the\s+same)\s+(?:topic|theme|issue|matter|subject)\b", re.IGNORECASE)
_ANTECEDENT = re.compile(
    r"\b(?:on|about|regarding|concerning)\s+(?P<np>(?:(?!\b(?:on\s+which|which|who|that|had|has|have|was|were|is|are|would|will|given|had\s+been)\b)[^.;:])+?)"
    r"(?=\s+(?:on\s+which|which|who|that|had|has|have|was|were|is|are|would|will|given)\b|[.;:]|$)", re.IGNORECASE)


def _antecedent(before: list[str]) -> str | None:
    """What "a report" or "this topic" refers to: the latest "on <topic>" in the sentences before."""
    for sentence in reversed(before[-3:]):
        for m in reversed(list(_ANTECEDENT.finditer(sentence))):
            np = collapse(m.group("np")).strip(" ,")
            if np and len(np.split()) <= 12 and not re.search(r"work\s+programme|\b(?:same|this|that|it)\b", np, re.IGNORECASE):
                return np
    return None


def _prose_rows(sentence: str, before: list[str], reference: date | None) -> list[ProgrammeEntry]:
    lowered = sentence.lower()
    rows: list[ProgrammeEntry] = []
    for needs, pattern in _PROSE_ROWS:
        if not any(word in lowered for word in needs):
            continue
        for m in pattern.finditer(sentence):
            groups = m.groupdict()
            if groups.get("what"):
                issue = f"{groups['what']} by {collapse(groups['who'])} {collapse(groups['on'])}"
            else:
                issue = collapse(groups["issue"])
            issue = re.sub(r"^(?:the|those|these)\s+", "", issue, flags=re.IGNORECASE).strip(" ,")
            if _GENERIC_ISSUE.search(issue):
                topic = _antecedent(before)
                if topic is None:
                    continue
                issue = re.sub(r"\b(?:this|that|the\s+same)\s+(?:topic|theme|issue|matter|subject)\b", topic, issue, flags=re.IGNORECASE) \
                    if not re.match(r"^(?:an?|the)\s", issue) else topic
            when_text = collapse(groups.get("when") or groups.get("month") or "")
            if "at" in groups:  # "use the 10 January 2024 meeting ...": a date said of the meeting, or "a date to be agreed"
                dated = find_dates(f"{groups['at']} {groups.get('mid') or ''}", reference)
                when_text = collapse(f"{groups['at']}")[:60] if dated else "TBC"
                value = dated[0].value.isoformat() if dated else None
            elif not when_text:
                dated = find_dates(sentence, reference)  # "... was due to be presented": the sentence's date
                when_text = sentence[dated[0].start:dated[0].end] if dated else \
                    ("next meeting" if re.search(r"\bnext\s+meeting\b", lowered) else "TBC")
                value = dated[0].value.isoformat() if dated else None
            elif when_text.lower() == "next":
                when_text, value = "next meeting", None
            else:
                value = parse_when(when_text, reference) or month_after(when_text, reference)
            if issue and len(issue.split()) <= 20 and not any(r.issue.lower() == issue.lower() for r in rows):
                rows.append(ProgrammeEntry(meeting_date=value, when=when_text or "TBC", issue=issue, origin="minutes"))
    return rows


def _clean_minutes_issue(issue: str) -> str:
    issue = collapse(issue)
    # keep what follows the last "that": "it was agreed that Home to School Transport"
    parts = re.split(r"\bthat\s+", issue)
    issue = parts[-1]
    if re.match(r"^(?:the\s+)?following\b", issue, re.IGNORECASE):
        return ""  # "the following items be added ...:": the list under it holds the rows
    return issue.strip(" ,")


# topics listed inline after a colon, one per semicolon, introduced by a sentence that puts them on the programme or
# before a meeting ahead: "... agreed that the following items be added to the work programme for 2019/20: an update
# from X; an invitation to Y; and Z." / "The following items were to be considered at the meeting scheduled for
# 1 June 2023: A; B; and C."
_INLINE_INTRO = re.compile(
    r"\bfollowing\s+(?:items?|topics?|issues?|reports?|subjects?|matters?|areas?|suggestions?)\b[^:;]{0,240}?\b"
    r"(?:be|were|are|was|is|would\s+be|will\s+be|should\s+be)\s+(?:to\s+be\s+)?"
    r"(?:added|included|considered|scheduled|brought|programmed|presented|reported|scrutini[sz]ed|discussed|taken)\b"
    r"(?P<rest>[^:;]{0,240}?):-?\s*(?P<list>[^:]+)$", re.IGNORECASE)


def _inline_list(sentence: str, reference: date | None) -> list[ProgrammeEntry]:
    m = _INLINE_INTRO.search(sentence) if "following" in sentence.lower() and ";" in sentence else None
    if not m:
        return []
    intro = sentence[:m.start("list")]
    if not (_LIST_START.search(intro) or re.search(r"\b(?:meeting|agenda)\b", m.group("rest"), re.IGNORECASE)):
        return []
    parts = [re.sub(r"^(?:and|or)\s+", "", collapse(part)).strip(" .,") for part in m.group("list").split(";")]
    parts = [part for part in parts if part]
    # (a part may run longer than a table cell: "an invitation to the Cabinet Member for X to discuss Y")
    if len(parts) < 2 or not all(len(part.split()) <= 40 and not starts_a_sentence(part) for part in parts):
        return []
    dated = find_dates(m.group("rest"), reference)
    months = find_months(m.group("rest"))
    when_text, value = "TBC", None
    if dated:
        when_text, value = m.group("rest")[dated[0].start:dated[0].end], dated[0].value.isoformat()
    elif months:
        when_text, value = m.group("rest")[months[0][0]:months[0][1]], months[0][2]
    elif re.search(r"\bnext\s+meeting\b", m.group("rest"), re.IGNORECASE):
        when_text = "next meeting"
    return [ProgrammeEntry(meeting_date=value, when=when_text, issue=part, origin="minutes") for part in parts]


# a cheap test before each pattern: the words it cannot match without
_NEEDS = [("programme",), (" be ",), ("that",), (" to ",), ("programme",)]


_LONGEST_SENTENCE = 1200


def _from_minutes(text: str, reference: date | None) -> list[ProgrammeEntry]:
    rows: list[ProgrammeEntry] = []
    # a "sentence" longer than this is a list or a flattened table with no full stops: the patterns
    # below scan a sentence in time that grows with the square of its length, so they skip it
    said = [s for s in sentences(text) if len(s) <= _LONGEST_SENTENCE]
    for index, sentence in enumerate(said):
        lowered = sentence.lower()
        found = _prose_rows(sentence, said[max(0, index - 3):index], reference)
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
                found = [row for row in found if row.issue.lower() not in issue.lower() and issue.lower() not in row.issue.lower()]
            break
        rows.extend(_inline_list(sentence, reference))
        m = _UNDATED_PATTERN.search(sentence) if "a date" in lowered else None
        if m:
            rows.append(ProgrammeEntry(meeting_date=None, when="TBC", issue=collapse(m.group("issue")), origin="minutes"))
        rows.extend(found)
    return rows


# where a programme written as lists starts: a heading naming it ("WORK PROGRAMME 2024/25",
# "Committee and Commission Work Programmes 2022-23"), or a sentence introducing it that ends in a
# colon ("... work programmes for 2022-23 be as follows:", "... be added to the Work Programme:")
_LIST_START = re.compile(r"\b(?:work\s*programmes?|work\s*plans?|forward\s+(?:work\s+)?(?:programmes?|plans?))\b", re.IGNORECASE)
_LIST_BULLET = re.compile(rf"^{_BULLET}\s+(?P<issue>.+)$")
_GROUP_LABEL = re.compile(r"^(?:standing|regular|recurring|future|possible|unscheduled|other|items?\s+to\s+be\s+scheduled)\b.*items?\b|^items?\s+to\s+be\s+scheduled", re.IGNORECASE)
# (a capital "A" ends a label, "Ward A", "Appendix A", not a phrase cut after the article)
_WRAP_END = re.compile(r"(?:\b(?:and|or|of|for|the|to|in|on|by|with|(?-i:a)|an|from)|[,&–-])$", re.IGNORECASE)


_INTRO = re.compile(r"\b(?:add(?:ed|ing|s)?\b|additions?\b|includ|as\s+follows|following\s+(?:items|topics|issues|reports|subjects|matters)|agreed|approved|scheduled)",
                    re.IGNORECASE)


def _list_start(line: str, before: str = "") -> str | None:
    """"heading" or "intro" where a programme's lists begin, else None. An introducing sentence may
    leave the programme to the lines just before it ("... put forward items for the Work Programme." /
    "The following matters were discussed for inclusion:")."""
    text = line.strip()
    if "\t" in text:
        return None
    if text.endswith(":") and _INTRO.search(text) and (_LIST_START.search(text) or len(text.split()) >= 4 and _LIST_START.search(before)):
        # "... be added to the work programme:", "... work programmes be as follows:", not "comments on the work programme:"
        return "intro"
    if not _LIST_START.search(text) or text.endswith(":"):
        return None
    if len(text.split()) <= 14 and not text.endswith((".", ";", ",")) and not starts_a_sentence(text):
        return "heading"
    return None


_BODY = re.compile(r"\b(?:Committee|Commission|Panel|Board|Sub-Committee|Group|Forum|Cabinet|Council|Scrutiny)\b")


def _row_like(issue: str) -> bool:
    """A programme topic, not a point of discussion ("4. The Panel is responsible for scrutiny of:")."""
    issue = re.sub(r"^\d{1,2}[.)]\s+", "", issue)
    return len(issue.split()) <= 25 and not issue.endswith(":") and not starts_a_sentence(issue) \
        and not re.match(r"^(?:That|To)\s", issue)


def _dated_label(line: str, reference: date | None) -> bool:
    """A line that dates the bullets under it: "10 July 2024", "September 2024", "To be scheduled"."""
    return bool(is_undecided(line) or _GROUP_LABEL.match(line) or find_dates(line, reference) or find_months(line))


def _from_lists(text: str, reference: date | None) -> list[ProgrammeEntry]:
    """A programme written as lists: under a date or month line ("10 July 2024", "To be scheduled"),
    or under a sub-heading for each committee or commission, its topics as bullets. A bullet that
    wraps mid-phrase goes on, on the next line, in lower case or after "and", "of", a comma."""
    lines = text.split("\n")
    rows: list[ProgrammeEntry] = []
    index = 0
    while index < len(lines):
        start = _list_start(lines[index], " ".join(lines[max(0, index - 4):index]) if lines[index].rstrip().endswith(":") else "")
        if not start:
            index += 1
            continue
        when_text: str | None = None
        when_value: str | None = None
        group = ""
        if start == "intro":  # "... be added to the Work Programme for the March 2024 meeting:"
            when_text = "TBC"
            dated = find_dates(lines[index], reference)
            months = find_months(lines[index])
            if dated:
                when_text, when_value = lines[index][dated[0].start:dated[0].end], dated[0].value.isoformat()
            elif months:
                when_text, when_value = lines[index][months[0][0]:months[0][1]], months[0][2]
        # "be added to the work programme:" lists additions; a heading or "be as follows:" a whole programme
        origin = "minutes" if start == "intro" and re.search(r"\b(?:add(?:ed|ing|s)?\b|additions?\b|includ)", lines[index], re.IGNORECASE) else "table"
        started = False
        last_row_line = -2
        cursor = index + 1
        while cursor < len(lines) and cursor - index < 200:
            line = lines[cursor].strip()
            cursor += 1
            if not line:
                continue
            if "\t" in line or _SEPARATOR.match(line):
                break  # a table, or one flattened a cell a line: read by _from_tables, _from_flattened
            bullet = _LIST_BULLET.match(line)
            if bullet:
                issue = collapse(bullet.group("issue")).rstrip(".;")
                # a bulleted date is a list of meeting dates, not an item
                if when_text is not None and not find_dates(issue[:25]) and _row_like(issue):
                    rows.append(ProgrammeEntry(meeting_date=when_value, when=when_text, issue=issue, notes=group,
                                               origin=origin))
                    started = True
                    last_row_line = cursor - 1
                continue
            short = len(line.split()) <= 8 and not line.endswith((".", ":", ";", ","))
            if short and _dated_label(line, reference):
                when_text, when_value, group = line, parse_when(line, reference), ""
                continue
            following = next((lines[k].strip() for k in range(cursor, min(cursor + 4, len(lines))) if lines[k].strip()), "")
            if short and _BODY.search(line) and not starts_a_sentence(line) and _LIST_BULLET.match(following):
                # a sub-heading for a committee or commission, its topics not yet dated
                when_text, when_value, group = "TBC", None, line
                continue
            if started and last_row_line == cursor - 2 and len(line.split()) <= 12:
                rows[-1].issue = collapse(f"{rows[-1].issue} {line}").rstrip(".;")  # a bullet wrapped mid-phrase
                last_row_line = cursor - 1
                continue
            if started:
                break  # prose after the lists: the programme is over
            if line.endswith(":") and _list_start(line, " ".join(lines[max(0, cursor - 5):cursor - 1])) == "intro":
                cursor -= 1  # a sentence under the programme's heading introduces its list: read from there
                break
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


_PLAN_TITLE = re.compile(r"\b(?:forward\s+plan|key\s+decisions?|plan\s+items|notice\s+of\s+(?:\w+\s+)?decisions|(?:executive|cabinet)\s+work\s+programme)\b",
                         re.IGNORECASE)


def is_forward_plan(text: str) -> bool:
    """A forward plan (or an executive's work programme) of decisions, each with its field lines,
    that says so at its head: a plan bound into the back of an agenda pack leaves that an agenda."""
    head = [line for line in text[:3000].split("\n") if line.strip()][:3]  # the page's own title, not an agenda's item
    return any(_PLAN_TITLE.search(line) and not re.match(r"^\s*\d", line) for line in head) \
        and len(_PLAN_SIGNATURE.findall(text)) >= 2


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


# a decision maker that meets: "Cabinet", "Executive Cabinet", "Full Council", "Planning Committee"; not one person
# ("Cabinet Member for Housing", "Leader of the Council", "Director of Place", "Portfolio Holder")
_MEETING_BODY = re.compile(r"\b(?:cabinet|executive|council|committee|sub-committee|board|panel|authority|commission)\b", re.IGNORECASE)
_ONE_PERSON = re.compile(r"\b(?:member|members|leader|director|head|officer|holder|mayor|chief|manager|deputy|lead|chair(?:man)?|"
                         r"commissioner|secretary|individual)\b", re.IGNORECASE)
_PLAN_PERIOD = re.compile(r"\((\d{1,2}/\d{1,2}/\d{4})\s+to\s+\d{1,2}/\d{1,2}/\d{4}")


def plan_meetings(rows: list[ProgrammeEntry], text: str) -> list[ProgrammeEntry]:
    """A forward plan's decisions that a body takes at a meeting ("Decision maker: Cabinet" / "Decision due:
    23 March 2004"): their dates are that body's meetings. A decision by one person, one given only as a
    deadline ("Before 30 April"), or one dated before the plan's period began is not a meeting ahead."""
    period = _PLAN_PERIOD.search(text[:3000])
    starts = find_dates(period.group(1)) if period else []
    start = starts[0].value.isoformat() if starts else ""
    out = []
    for row in rows:
        maker = re.search(r"Decision maker:\s*([^;]+)", row.notes)
        if not maker or not row.meeting_date or len(row.meeting_date) != 10 or row.meeting_date < start:
            continue
        if _MEETING_BODY.search(maker.group(1)) and not _ONE_PERSON.search(maker.group(1)) \
                and not re.match(r"\s*(?:before|by|no\s+later\s+than|not\s+before)\b", row.when, re.IGNORECASE):
            out.append(row)
    return out


def parse_work_programme(text: str, reference: date | None, is_minutes: bool) -> list[ProgrammeEntry]:
    plan = _from_forward_plan(text, reference)
    if plan:
        return plan  # its numbered decisions and their dates are the whole of it
    rows = _from_tables(text, reference)
    seen = {((r.meeting_date or ""), r.issue.lower()) for r in rows}
    for row in _from_lists(text, reference) + _from_flattened(text, reference):
        if ((row.meeting_date or ""), row.issue.lower()) not in seen:
            seen.add(((row.meeting_date or ""), row.issue.lower()))
            rows.append(row)
    if is_minutes:
        rows.extend(_from_minutes(text, reference))
    return rows
