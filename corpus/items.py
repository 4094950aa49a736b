"""Numbered items of an agenda or minutes, with the text under each.

The layouts read (each a kind of layout seen across councils, not one paper):
- a table with an "Item No | Subject" header, tab- or pipe-separated, which may
  run across page breaks that repeat its header;
- numbered headings: "549 Apologies and Welcome", "20. APOLOGIES", "Item 1 - X",
  "39/20 TITLE" (minute 39 of 2020), "IV. TITLE", a number alone on its line with
  the title on the next ("1." / "APOLOGIES FOR ABSENCE"), a run-in heading whose
  minute follows on the same line ("72/13 DECLARATIONS OF INTEREST RESOLVED to
  note", "2643. Police Report: Attached."), a heading line above its numbered
  paragraph ("Minutes approved." / "3 The minutes of ..."), "(Item 9)" under a title;
- ModernGov "Agenda and minutes" pages, whose headings may carry no number (the
  minute number then appears in "view the full minutes text for item 393"),
  and its single-item "Issue - meetings" and "Agenda item" pages;
- a "Meeting Details" page flattened onto one line, its items inline
  ("1 Apologies for Absence To receive apologies. 2 Urgent business ...").
Exempt business is exempt.py's: it blanks the text, item titles stay as published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTHS, find_dates
from .model import Item
from .programme import is_forward_plan
from .prose import collapse, is_all_caps, starts_a_sentence, table_cells, title_case

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20}
# "12", "12a", "12/23" (minute 12 of 2023), "4.1" (a sub-item), "IV" (upper-case Roman)
# ... "GMCA 96/19", "CAB/12/23": minute 96 of 2019 with the body's initials before it
_NUMBER = r"(?:(?-i:[A-Z]{2,6})[ /]\d{1,4}/\d{2,4}(?=[\s.:)-])|\d{1,4}(?:/\d{2,4}|\.\d{1,2}(?!\d))?[a-z]?|[IVX]{1,5}(?=[.)]))"
_NUMBERED = re.compile(
    rf"^[ \t]*(?:(?:agenda\s+)?item\s+(?:no\.?\s*)?|minute\s+(?:no\.?\s*)?)?(?P<num>{_NUMBER})"
    r"(?:\.(?!\d)|\))?(?:[ \t]*[-–:][ \t]*|[ \t]+)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# a number alone on its line, the title on the next: "1.", "107", "39/20", "<AI1>" markers around
_BARE_NUMBER = re.compile(rf"^\s*(?:<AI\d+>\s*)?(?:(?:agenda\s+)?item\s+)?(?P<num>{_NUMBER})[.)]?\s*$", re.IGNORECASE)
_ITEM_REF = re.compile(r"^\s*\(?\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<num>\d{1,4}[a-z]?)\s*\)?\.?\s*$", re.IGNORECASE)
_LETTERED = re.compile(r"^\s*\(?(?P<letter>[a-h])\)\s+(?P<rest>\S.*)$")
_SKIPPABLE = re.compile(r"^\s*(?:</?AI\d+>|-?\s*Share\s+this\s+item|Additional\s+documents:?|Minutes:|Decision:)\s*$", re.IGNORECASE)

_PAGES = re.compile(r"\(?\bpages?\s+(\d+)\s*(?:-|–|to)?\s*(\d+)?\s*\)?", re.IGNORECASE)
# link clutter a web page leaves around a title: "pdf icon PDF 186 KB", "[817Kb]", "(120Kb)",
# "(PDF, 74 KB)", "View Papers", a trailing "icon" or "Pdf", "New!"
_CLUTTER = re.compile(
    r"\s*(?:pdf\s+icon\s*)?\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b"
    r"|\s*[\[(]\s*(?:pdf|docx?|word|html)?,?\s*\d+(?:\.\d+)?\s*[KM]b\s*[\])]"
    r"|\s*\bView\s+(?:Papers|Documents?|Report)\b"
    r"|\s*\b(?:pdf\s+)?icon\s*$|\s+Pdf\s*$|\s*\bNew!"
    r"|\s*\bAdditional\s+documents:?\s*$",
    re.IGNORECASE,
)
_FULL_TEXT_REF = re.compile(r"view\s+the\s+full\s+minutes\s+text\s+for\s+item\s+(\d+[a-z]?)", re.IGNORECASE)
_UNIT_WORDS = {"am", "pm", "a.m.", "p.m.", "years", "year", "per", "percent", "%", "x", "days", "weeks", "months",
               "and", "or", "to", "-", "–"}
_VOTES = re.compile(r"^(?:for|against|abstain(?:ed|ing)?|abstentions?)\b", re.IGNORECASE)
# words that open a decision, not a title: "RESOLVED (unanimously)", "AGREED:"
_LABELS = re.compile(r"^(?:(?:resolved|agreed|decision|decided|recommended|recommendation|noted)\b(?!\s+(?:on|by|under|of)\b)|minutes?\s*:|that\s"
                     # a forward plan's or work programme's field lines: "Lead officer: A Person", "Decision due: 8 Dec"
                     r"|(?:lead\s+(?:officer|member)|decision\s+(?:maker|due|status)|anticipated\s+restriction|notice\s+of\s+proposed"
                     r"|explanation\s+of|wards?\s+affected|portfolio(?:\s+holder)?|contact\s+officer|key\s+decision)\b[^:]{0,30}:)", re.IGNORECASE)
# a title cut after "and", "of", a comma, the article "a" ("Proposals for a" / "new leisure centre"); a capital "A"
# ends a label instead ("Report on Ward A", "Appendix A", "Option A"): a title in capitals wrapped after
# "A" is joined by the capitals-below rule in _join_wrapped
_WRAPPED_END = re.compile(r"(?:\b(?:and|or|of|for|the|to|in|on|by|with|(?-i:a)|an)|[,;&]|(?<!:)[–—-])\s*$", re.IGNORECASE)
_RUN_IN = re.compile(r"^(?P<head>[^:•]{2,80}?)\s*(?::-?|\s•)\s*(?P<rest>.*)$")
_DASH_RUN_IN = re.compile(r"^(?P<head>.{2,120}?)\s+[-–—]\s+(?P<rest>[A-Z(].*)$")
# a report line after a title: "- Submit report by Chief Executive", "- Report by X (herewith)"
_REPORT_BY = re.compile(r"\s+[-–—]\s+(?:(?:submit|joint)\s+)?(?:report|submitted|presented|note)\s+(?:by|of|from)\b.*$", re.IGNORECASE)
_POSTCODE_PREFIX = re.compile(r"^.*\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b[\s,.]*")
_PAGE_RANGE_END = re.compile(r"\s+(?:\d{1,4}\s*[-–]\s*\d{1,4}|[-–])\s*$")
_DIGIT_RANGE_END = re.compile(r"\s+\d{1,4}\s*[-–]\s*\d{1,4}\s*$")
_TABLE_HEAD_FIRST = re.compile(r"^(?:item|no\.?|number|item\s+no\.?|ref\.?|minute\s+no\.?)$", re.IGNORECASE)
_TABLE_HEAD_SECOND = re.compile(r"^(?:subject|title|business|reports?|item|agenda\s+item|description|details|minutes?|topic)\b", re.IGNORECASE)
# ModernGov's page headings, written just so ("AGENDA ITEM" in capitals is a table's column header)
_SINGLE_ITEM_PAGE = re.compile(r"^\s*(?:Issue\s+-\s+(?:meetings|decisions|details)|Agenda\s+item(?:\s+-\s+(?P<title>.+))?)\s*$")
# a page's own labels and a report's byline on a ModernGov page: not headings
_BULLET_LINE = re.compile(r"^\s*[-*•·▪◦‣➢►●○■□–]\s")
_MEETING_REF = re.compile(r"^\s*Meeting:\s.*\(Item\s+(?P<num>\d{1,4}[a-z]?)\)\s*$")
_PAGE_LABEL = re.compile(r"^(?:(?:Venue|Contact|Media|Link|Note|Webcast|Date|Time)\s*:|Items?\s*$|Report\s+(?:by|of|from)\b)", re.IGNORECASE)
_DESCRIPTION_START = re.compile(
    r"\s+(?=(?:To|The|Members?|Councillors?|This|These|Any|Report|Attached|Copy|Please)\s+(?:[A-Z][a-z]+\s+)?[a-z])")


@dataclass
class _Heading:
    line_no: int  # the title's line; the item's text starts after it
    number: str | None
    title: str
    pages: str | None = None
    start: int = -1  # first line of the heading (a number alone sits above its title)
    shape: str = "inline"
    style: str = ""  # how the number is written: "1." "1" "1)" "1/yy"; a paper numbers its items one way

    def __post_init__(self) -> None:
        if self.start < 0:
            self.start = self.line_no


def _pages(text: str) -> tuple[str, str | None]:
    m = _PAGES.search(text)
    if not m:
        return text, None
    pages = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
    return (text[:m.start()] + text[m.end():]).strip(), pages


def _declutter(line: str) -> str:
    return _CLUTTER.sub("", line).strip()


def clean_title(raw: str, run_on: bool = True) -> str:
    """A heading or table cell as a title: no page refs, no "(previously
    circulated)" notes, no description run on after it (unless the line is
    known to hold the title alone), no SHOUTING."""
    title = _declutter(collapse(raw))
    title, _ = _pages(title)
    title = _POSTCODE_PREFIX.sub("", title) if len(title) > 30 else title  # a running footer's address glued on
    title = _REPORT_BY.sub("", title)
    words = title.split()
    if run_on and (len(words) > 12 or re.search(r"[a-z]\.\s", title)):
        # a run-on description: cut before the capitalised word that starts a sentence
        for i in range(1, len(words) - 3):
            if words[i][:1].isupper() and all(w[:1].islower() for w in words[i + 1:i + 5]):
                title = " ".join(words[:i])
                break
    # a note on the papers, not part of the title: "(previously circulated)", "(to follow)", "(copy herewith)"
    title = re.sub(r"\s*\((?:copy\s+|report\s+|papers?\s+)?(?:previously\s+circulated|to\s+follow|attached|herewith|enclosed|"
                   r"tabled|circulated|separately\s+circulated|to\s+be\s+circulated)[^()]*\)", "", title, flags=re.IGNORECASE)
    # "Temporary Accommodation – to receive a report of the Head of Housing"
    title = re.split(r"\s+[-–—]\s+(?=to\s+(?:receive|consider|note|approve|agree|review|scrutinise|scrutinize|comment|discuss)\b)",
                     title, maxsplit=1, flags=re.IGNORECASE)[0]
    title = re.sub(r"\s+[A-Z]{2,5}\d{2}[-/]\d{2,4}$", "", title)  # a report code: "Work Programme OSC22-038"
    # an explanation after the title: "Public question time (an opportunity for the public to ask questions.)";
    # the statutory reason after an exclusion: "Exclusion of the public ... during Items 25 & 26 on the grounds that ..."
    title = re.sub(r"\s*\((?:an?|the)\s+[a-z][^()]*\.\)\s*$", "", title)
    title = re.split(r"\s+on\s+the\s+grounds?\s+that\b", title, maxsplit=1, flags=re.IGNORECASE)[0]
    title = title.strip(" -–:;,")
    if title.endswith(".") and not title.endswith(("etc.", "..")):
        title = title[:-1].rstrip()
    if is_all_caps(title):
        title = title_case(title)
    return title


def _heading_like(text: str, colon_ok: bool = False, max_words: int = 22) -> bool:
    """A title, not prose: short, capitalised, no sentence in it, not a date or a tally."""
    text = text.strip()
    words = text.split()
    if not words or not (text[0].isupper() or text[0].isdigit()):
        return False
    first = words[0].rstrip(".,")
    if first.lower() in MONTHS or (first.islower() and first in _UNIT_WORDS) or not re.search(r"[A-Za-z]{2,}", text):
        return False
    dates = find_dates(text, date(2000, 1, 1))
    if dates and dates[0].start == 0 and len(words) <= 5:
        return False  # a date subtitle: "19 October 2023"
    if _VOTES.match(re.sub(r"^\d+\s+", "", text)) and len(words) <= 2:
        return False  # a vote tally: "05 For", "01 Abstentions"
    if colon_ok:
        text = re.sub(r"\s*:-?\s*$", "", text)
    if text.endswith((":", ",", ";", ":-")) or _WRAPPED_END.search(text) and not text.endswith((")", ".")):
        return False
    if len(words) > max_words or starts_a_sentence(text) or _LABELS.match(text):
        return False
    if text.endswith(".") and (len(words) > 6 or ": " in text):
        return False  # a sentence ("The Panel is asked to ..."), or a run-in minute ("Apologies: None.")
    if re.search(r"[a-z]{2}\.\s+[A-Z]", text):
        return False  # two sentences
    lower_run = max((len(m.group(0).split()) for m in re.finditer(r"(?:\b[a-z][\w'’-]*\s*)+", text)), default=0)
    return lower_run <= 6


_FINITE = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|be|been)\b", re.IGNORECASE)


def _stopped_title(text: str) -> bool:
    """A title under its number that ends in a full stop, as some councils end every title
    ("83." / "Disclosures of Personal & Prejudicial Interest." / "87." / "Follow Up: Working Group - Bus
    Services."): one line, no finite verb, not a sentence; "Apologies were received from X." is a minute."""
    return text.endswith(".") and not text.endswith("..") and len(text.split()) <= 14 \
        and not _FINITE.search(text) and not starts_a_sentence(text) and not re.search(r"[a-z]\.\s", text)


def _style(number: str, after: str) -> str:
    """How a heading's number is written, for telling a paper's own numbering from page numbers."""
    mark = after.strip()[:1]
    return ("/" if "/" in number else "") + (mark if mark in ".)" else "")


def _value(number: str) -> tuple[str, int]:
    """A heading number's numbering system and value: ("arabic", 39) for "39/20", ("roman", 4) for "IV"."""
    if number in _ROMAN:
        return "roman", _ROMAN[number]
    m = re.match(r"(?:[A-Z]{2,6}[ /])?(\d+)", number)
    return ("arabic", int(m.group(1))) if m else ("none", 0)


def _is_sub_number(number: str) -> bool:
    """"4.1" and "53a" are parts of an item, not items of the run ("4.0" is item 4 itself)."""
    return bool(re.fullmatch(r"\d+(?:\.(?!0+$)\d+|[a-z])", number))


def _run_in_title(text: str) -> str | None:
    """The heading of a run-in minute: "Police Report: Attached.", "Matters Arising • Item 11 ..."."""
    m = _RUN_IN.match(text)
    if m and len(m.group("head").split()) <= 10 and _heading_like(m.group("head"), max_words=10):
        return m.group("head")
    return None


def _caps_title(text: str) -> str | None:
    """The capitals at the start of a run-in heading: "DECLARATIONS OF INTEREST RESOLVED to note ..."
    -> "DECLARATIONS OF INTEREST"; "MINUTES – There were none" -> "MINUTES"."""
    words = text.split()
    taken: list[str] = []
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if letters and not all(c.isupper() for c in letters):
            break
        taken.append(word)
    while taken and re.fullmatch(r"(?:RESOLVED|AGREED|NOTED|DECIDED|RECOMMENDED)\W*|[-–—:•]+", taken[-1]):
        taken.pop()
    if len(taken) == len(words) or not taken:
        return None
    head = " ".join(taken).strip(" -–—:")
    return head if sum(c.isalpha() for c in head) >= 4 else None


def _lines_info(lines: list[str]) -> tuple[list[int], list[int]]:
    """For each line, the index of the previous and the next non-blank line (-1 / len when none)."""
    n = len(lines)
    prev = [-1] * n
    nxt = [n] * n
    last = -1
    for i in range(n):
        prev[i] = last
        if lines[i].strip():
            last = i
    last = n
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if lines[i].strip():
            last = i
    return prev, nxt


def _next_content(lines: list[str], nxt: list[int], i: int, limit: int = 4) -> int:
    """The next non-blank line after i that is not a ModernGov marker ("<AI2>", "Share this item")."""
    j = nxt[i] if i < len(lines) else len(lines)
    steps = 0
    while j < len(lines) and _SKIPPABLE.match(lines[j]) and not re.match(r"^\s*minutes?\s*:", lines[j], re.I) and steps < limit:
        j = nxt[j]
        steps += 1
    return j


def _candidates(lines: list[str]) -> tuple[list[_Heading], list[_Heading]]:
    """(numbered headings, sub-items) in line order, each in the first shape it fits."""
    prev, nxt = _lines_info(lines)
    found: list[_Heading] = []
    for i, line in enumerate(lines):
        if not line.strip() or len(line) > 2000:
            continue
        bare = _BARE_NUMBER.match(line)
        if bare:
            style = _style(bare.group("num"), line[bare.end("num"):])
            j = _next_content(lines, nxt, i)
            if j < len(lines) and not _BARE_NUMBER.match(lines[j]):
                title_line = _declutter(lines[j])
                if _stopped_title(title_line):
                    title_line = title_line[:-1].rstrip()
                if _heading_like(title_line, colon_ok=True):
                    title, pages = _pages(title_line)
                    title = clean_title(title)
                    if title:
                        found.append(_Heading(j, bare.group("num"), title, pages, start=i, shape="stacked", style=style))
            continue
        ref = _ITEM_REF.match(line)
        if ref and prev[i] >= 0:
            title_line = _declutter(lines[prev[i]])
            if _heading_like(title_line):
                found.append(_Heading(i, ref.group("num"), clean_title(title_line), start=prev[i], shape="ref"))
            continue
        m = _NUMBERED.match(line)
        if not m:
            continue
        number = m.group("num")
        style = _style(number, line[m.end("num"):m.start("rest")])
        rest = m.group("rest")
        if "\t" in rest:
            rest = rest.split("\t")[0]
        rest = _declutter(rest)
        # a flattened agenda table's row ends in its page range, or a dash where it has none
        title_line = i
        if _WRAPPED_END.search(rest) and not _heading_like(_PAGE_RANGE_END.sub("", rest)):
            j = nxt[i]  # a title wrapped after "and" or "of": "8. Code of Conduct and Register of" / "Interest"
            if j < len(lines) and len(lines[j].split()) <= 8 and not _NUMBERED.match(lines[j]) \
                    and _heading_like(rest + " " + lines[j].strip()):
                rest, title_line = rest + " " + lines[j].strip(), j
        if _heading_like(_PAGE_RANGE_END.sub("", rest)):
            title, pages = _pages(rest)
            title = clean_title(title)
            if title:
                found.append(_Heading(title_line, number, title, pages, start=i, shape="inline", style=style))
            continue
        head = _run_in_title(rest)
        shape = "colon"
        if head is None:
            head, shape = _caps_title(rest), "caps"
        if head is None:
            m_dash = _DASH_RUN_IN.match(rest)
            if m_dash and _heading_like(m_dash.group("head"), max_words=12):
                head, shape = m_dash.group("head"), "dash"
        if head is None and rest.rstrip().endswith((":", ":-")) and _heading_like(rest, colon_ok=True, max_words=12):
            head, shape = rest, "colon"
        if head is not None:
            title = clean_title(head)
            if title:
                found.append(_Heading(i, number, title, shape=shape, style=style))
            continue
        # a numbered paragraph under its own heading line: "Minutes approved." / "3 The minutes of ..."
        p = prev[i]
        if len(rest.split()) >= 5 and not find_dates(rest[:20], date(2000, 1, 1)) and p >= 0 and (prev[p] < 0 or prev[p] < p - 1) and nxt[p] > p + 1 and not _SKIPPABLE.match(lines[p]) \
                and not _NUMBERED.match(lines[p]) and lines[p].strip()[:1].isupper():
            raw = _POSTCODE_PREFIX.sub("", lines[p].strip())  # a running footer's address glued on
            title = clean_title(raw)
            if title and len(title.split()) <= 10 and _heading_like(raw) and not starts_a_sentence(title):
                found.append(_Heading(i, number, title, start=p, shape="para", style=style))
    subs = [h for h in found if h.number and _is_sub_number(h.number)]
    return [h for h in found if not (h.number and _is_sub_number(h.number))], subs


def _chain(candidates: list[_Heading], first_run: bool) -> list[_Heading]:
    """The run of increasing numbers that is the paper's own list of items.

    Linear in the number of candidates: for each, the best run ending at it
    extends the best run ending at a number one to three below (a gap is an
    exempt or withdrawn item)."""
    best_len = [1] * len(candidates)
    prev: list[int | None] = [None] * len(candidates)
    run_start = [h.line_no for h in candidates]  # where the best run ending at each candidate begins
    best_at: dict[tuple[str, int], int] = {}  # (system, value) -> candidate ending the longest run so far
    styles: dict[str, int] = {}
    for h in candidates:
        styles[h.style] = styles.get(h.style, 0) + 1
    usual = max(styles, key=lambda style: styles[style]) if styles else ""
    for i, h in enumerate(candidates):
        system, value = _value(h.number or "")
        choice: int | None = None
        for gap in (1, 2, 3):
            j = best_at.get((system, value - gap))
            if j is not None and (choice is None or best_len[j] > best_len[choice]):
                choice = j
        if choice is not None:
            best_len[i] = best_len[choice] + 1
            prev[i] = choice
            run_start[i] = run_start[choice]
        # of two headings with one number, the later one carries the run on: a page number
        # ("1" at the top of a page) or a contents line comes before the heading itself
        # ... unless it is numbered unlike the paper's items ("6 - Overview" wrapped from a "6." row)
        known = best_at.get((system, value))
        if known is None or best_len[i] > best_len[known] or best_len[i] == best_len[known] \
                and (h.style == usual or candidates[known].style != usual):
            best_at[(system, value)] = i

    def run_ending_at(end: int) -> list[_Heading]:
        run: list[_Heading] = []
        cursor: int | None = end
        while cursor is not None:
            run.append(candidates[cursor])
            cursor = prev[cursor]
        return run[::-1]

    extended = {p for p in prev if p is not None}
    ends = [i for i in range(len(candidates)) if i not in extended]
    # an agenda pack carries earlier minutes and reports after its own item list:
    # there the first run of three or more is the agenda's; otherwise the longest run wins
    long_ends = [i for i in ends if best_len[i] >= 3]
    if first_run and long_ends:
        end = min(long_ends, key=lambda i: (run_start[i], -best_len[i]))
    else:
        end = max(ends, key=lambda i: (best_len[i], -candidates[i].line_no))
    chain = run_ending_at(end)
    if len(chain) < 2 and len(candidates) > 1:
        return []  # scattered numbered lines, not a run of items; a lone item stands only if it is alone
    return chain


def _split_run_ins(chain: list[_Heading]) -> None:
    """Where most headings of a run are run-in ("Title: its minute"), cut every one at its separator."""
    if len(chain) < 3:
        return
    split = [h for h in chain if h.shape in ("colon", "caps", "dash")]
    if len(split) * 2 < len(chain):
        return
    for h in chain:
        head = _run_in_title(h.title)
        if head:
            h.title = clean_title(head)


def _join_wrapped(chain: list[_Heading], lines: list[str]) -> None:
    """Titles that wrap onto the next lines. In a flattened agenda table whose rows end in a
    page range ("3. Appointment of Chair  Kim Sawyer  3 - 6"), a row runs on until its range;
    elsewhere a title ending in "and", "of" or a dash runs on to the next short line."""
    if not chain:
        return
    _, nxt = _lines_info(lines)
    ranged = [h for h in chain if _PAGE_RANGE_END.search(lines[h.line_no])]
    table = len(chain) >= 3 and len(ranged) * 2 >= len(chain)
    stops = {h.start for h in chain}
    for h in chain:
        if h.shape not in ("inline", "stacked"):
            continue
        line = collapse(lines[h.line_no])
        extra: list[str] = []
        j = h.line_no
        if table:
            # a row that ends in its page range is whole; one that does not (or ends in a bare
            # dash, which is also an empty page cell) runs on to the line that does
            while not _DIGIT_RANGE_END.search(" ".join([line] + extra)) and len(extra) < 4:
                j = nxt[j]
                if j >= len(lines) or j in stops:
                    break
                extra.append(collapse(lines[j]))
                if _PAGE_RANGE_END.search(extra[-1]):
                    break
            if extra and _PAGE_RANGE_END.search(extra[-1]):
                h.title = " ".join([h.title] + extra)
                h.line_no = j
        else:
            raw = _declutter(line)
            while len(extra) < 2:
                k = nxt[j]
                if k >= len(lines) or k in stops or len(lines[k].split()) > 8 or _NUMBERED.match(lines[k]) \
                        or _BARE_NUMBER.match(lines[k]):
                    break
                following = _declutter(collapse(lines[k]))
                so_far = " ".join([raw] + extra)
                # "... Register of" / "Interest"; "REVIEW OF THE" / "COUNCIL'S BUDGET" straight below; "... Adult" / "care charging"
                wrapped = _WRAPPED_END.search(so_far) and not so_far.endswith(":-") \
                    or k == j + 1 and not following.endswith((".", ":")) and not _LABELS.match(following) \
                    and (following[:1].islower() or is_all_caps(so_far) and is_all_caps(following))
                if not wrapped:
                    break
                extra.append(following)
                j = k
            if extra:
                head = re.sub(r"(?<= )A$", "a", h.title)  # "PROPOSALS FOR A" / "NEW CENTRE": the article after all
                h.title = clean_title(" ".join([head] + [title_case(e) if is_all_caps(e) else e for e in extra]))
                h.line_no = j
    if table:
        for h in chain:
            h.title = _PAGE_RANGE_END.sub("", h.title)
        # the lead officer's column: the same name ending several rows ("... Kim Sawyer 3 - 6")
        tails: dict[str, int] = {}
        for h in chain:
            tail = " ".join(h.title.split()[-2:])
            tails[tail] = tails.get(tail, 0) + 1
        for h in chain:
            tail = " ".join(h.title.split()[-2:])
            if tails[tail] >= 2 and len(h.title.split()) > 2:
                h.title = " ".join(h.title.split()[:-2])
            h.title = clean_title(h.title)


def _fill_list(chain: list[_Heading], lines: list[str]) -> list[_Heading]:
    """An agenda's business as a list, one numbered line an item ("1. Apologies" / "2. Minutes" / "3. Members
    are reminded that ... declare ..." / "4. Election of Member"): a line whose number fills a gap in the run,
    with nothing else between its neighbours, is an item whatever it says. Minutes, where prose follows
    each heading, are not such a list."""
    if len(chain) < 3:
        return chain
    _, nxt = _lines_info(lines)
    tight = sum(1 for a, b in zip(chain, chain[1:]) if nxt[a.line_no] == b.start)
    if tight * 2 < len(chain) - 1:
        return chain
    out = [chain[0]]
    for a, b in zip(chain, chain[1:]):
        last, upto = _value(a.number or "")[1], _value(b.number or "")[1]
        gap: list[_Heading] = []
        j = nxt[a.line_no]
        while j < b.start:
            m = _NUMBERED.match(lines[j])
            value = _value(m.group("num"))[1] if m and not _is_sub_number(m.group("num")) else 0
            if not m or not last < value < upto or not m.group("rest")[:1].isupper():
                break
            title = clean_title(_declutter(m.group("rest")))
            if not title:
                break
            gap.append(_Heading(j, m.group("num"), title, shape="inline"))
            last, j = value, nxt[j]
        if j == b.start:
            out.extend(gap)
        out.append(b)
    return out


_PAGE_RANGE = re.compile(r"(?<![\d/.])(\d{1,3})\s*[-–]\s*(\d{1,3})(?![\d/.])")


def _drop_page_column(chain: list[_Heading], lines: list[str]) -> None:
    """An agenda whose "Page Nos." column reached the text as ranges on some item lines, wherever the
    line wrapped ("6. CO-LEADERS' REPORT 26 - 27", "8. WORK OF SCRUTINY - Report by the Director - 28 - 39
    Finance."): three or more ranges, each starting after the one before ended, are page numbers, and a
    title does not end in one."""
    last, ranges = 0, 0
    for h in chain:
        for m in _PAGE_RANGE.finditer(" ".join(lines[h.start:h.line_no + 1])):
            first, end = int(m.group(1)), int(m.group(2))
            if first <= end and first > last:
                last, ranges = end, ranges + 1
    if ranges >= 3:
        for h in chain:
            h.title = clean_title(_DIGIT_RANGE_END.sub("", h.title))


def _sub_items(chain: list[_Heading], subs: list[_Heading], lines: list[str]) -> list[_Heading]:
    """Decimal ("4.1") sub-items under their parent, and lettered ones ("(a) Provost") listed
    straight under a heading; numbered paragraphs of minutes are prose and never get here."""
    if not chain:
        return chain
    _, nxt = _lines_info(lines)
    out: list[_Heading] = []
    sub_index = 0
    for index, h in enumerate(chain):
        out.append(h)
        end = chain[index + 1].start if index + 1 < len(chain) else len(lines)
        parent = re.match(r"\d+", h.number or "")
        upto = _value(chain[index + 1].number or "")[1] if index + 1 < len(chain) else None
        while sub_index < len(subs) and subs[sub_index].line_no < h.line_no:
            sub_index += 1
        while sub_index < len(subs) and subs[sub_index].line_no < end:
            sub = subs[sub_index]
            sub_index += 1
            # its parent heading, or one missing from the run ("53a", "53b" between 52 and 54)
            whose = _value(sub.number)[1]
            if parent and (whose == int(parent.group(0)) or int(parent.group(0)) < whose and (upto is None or whose < upto)) \
                    and sub.shape in ("inline", "stacked") and not lines[sub.line_no].rstrip().endswith("."):
                out.append(sub)
        # lettered sub-items straight under the heading
        j = nxt[h.line_no]
        expected = "a"
        while j < end:
            m = _LETTERED.match(lines[j])
            if not m or m.group("letter") != expected or len(m.group("rest").split()) > 10 \
                    or not _heading_like(m.group("rest")):
                break
            title = clean_title(m.group("rest"))
            if parent and title:
                out.append(_Heading(j, f"{h.number}({expected})", title, shape="lettered"))
            expected = chr(ord(expected) + 1)
            j = nxt[j]
    return out


def _table_headings(lines: list[str]) -> list[_Heading]:
    """Rows under an "Item No | Subject" table header, across page breaks that repeat the header."""
    for start, line in enumerate(lines):
        row = table_cells(line)
        if row and len(row) >= 2 and _TABLE_HEAD_FIRST.match(row[0]) and _TABLE_HEAD_SECOND.match(row[1]):
            break
    else:
        return []
    rows: list[tuple[int, str | None, str, list[str]]] = []
    gap = 0
    for line_no in range(start + 1, len(lines)):
        line = lines[line_no]
        if not line.strip():
            continue
        row = table_cells(line)
        if row is None or len(row) < 2 and "|" not in line:
            gap += 1
            if gap > 3 and rows:
                break
            continue
        gap = 0
        row = row + [""] * (2 - len(row))
        first = row[0].strip()
        if _TABLE_HEAD_FIRST.match(first) or re.fullmatch(r"[-: ]*", first) and re.fullmatch(r"[-: ]*", row[1]):
            continue  # the header again after a page break, or a markdown rule
        if re.fullmatch(r"\d{1,4}[a-z]?\.?", first):
            rows.append((line_no, first.rstrip("."), row[1], row[2:]))
        elif re.fullmatch(r"\(?[a-h]\)", first) and rows:
            rows.append((line_no, first, row[1], row[2:]))
        elif first and len([c for c in row if c]) == 1:
            # a row with no number cell ("To receive declarations of interest (if any) Minutes: None received. |");
            # a row with an empty first cell continues the row before it across a page break
            rows.append((line_no, None, first, row[1:]))
    if any(number for _, number, _, _ in rows):
        rows = [row for row in rows if row[1]]  # a numberless row in a numbered table is a section label
    run_in = sum(1 for _, _, cell, _ in rows if _run_in_title(cell)) * 2 >= len(rows) >= 3
    found: list[_Heading] = []
    parent: str | None = None
    for line_no, number, cell, rest in rows:
        cell = re.split(r"\s+(?:Minutes|Decision)\s*:", _declutter(cell), maxsplit=1)[0]
        head = _run_in_title(cell) if run_in else None
        title = clean_title(head or cell)
        if number is None and (not _heading_like(title, max_words=30) or not title):
            continue
        if not title:
            continue
        pages = None
        if rest and re.match(r"^\d", rest[0]):
            _, pages = _pages("pages " + rest[0])
        if number and number.startswith("(") or number and re.fullmatch(r"[a-h]\)", number):
            letter = number.strip("()")
            number = f"{parent}({letter})" if parent else None
        elif number:
            parent = number
        found.append(_Heading(line_no, number, title, pages, shape="table"))
    return found


def _inline_headings(lines: list[str]) -> list[_Heading]:
    """A "Meeting Details" page flattened onto one line: items inline, numbered in order."""
    found: list[_Heading] = []
    for line_no, line in enumerate(lines):
        if len(line) < 300:
            continue
        marks = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"(?:(?<=\s)|^)(\d{1,2}(?:\.\d{1,2})?)\s+(?:-\s+)?(?=[A-Z])", line)]
        expected_main = 1
        chosen: list[tuple[int, int, str]] = []
        for start, end, number in marks:
            if number == str(expected_main):
                chosen.append((start, end, number))
                expected_main += 1
            elif chosen and "." in number and number.split(".")[0] == str(expected_main - 1):
                chosen.append((start, end, number))
        if len(chosen) < 3:
            continue
        for index, (start, end, number) in enumerate(chosen):
            segment = line[end:chosen[index + 1][0] if index + 1 < len(chosen) else len(line)]
            size = re.search(r"\(\d+(?:\.\d+)?\s*[KM]b\)", segment, re.IGNORECASE)
            if size:
                segment = segment[:size.start()]
            segment = _DESCRIPTION_START.split(segment, maxsplit=1)[0]
            title = clean_title(segment)
            if title:
                found.append(_Heading(line_no, number, title, shape="inline"))
        return found
    return []


def _single_item(lines: list[str]) -> list[_Heading]:
    """A ModernGov page about one item: "Issue - meetings" / title / "Meeting: 09/11/2009 - X
    Committee (Item 9)" / "9 Title pdf icon", or "Agenda item - Title", or "Agenda item" / title."""
    # the page's own heading, perhaps under a "Skip to main content" link
    first = next((i for i, line in enumerate(lines[:8]) if _SINGLE_ITEM_PAGE.match(line)), None)
    if first is None or any(_NUMBERED.match(line) or len(line.split()) > 6 for line in lines[:first]):
        return []
    m = _SINGLE_ITEM_PAGE.match(lines[first])
    _, nxt = _lines_info(lines)
    title = m.group("title")
    line_no = first
    if not title:
        j = nxt[first]
        while j < len(lines) and _SINGLE_ITEM_PAGE.match(lines[j]) and not _SINGLE_ITEM_PAGE.match(lines[j]).group("title"):
            j = nxt[j]
        if j >= len(lines) or re.match(r"^\s*skip\b", lines[j], re.IGNORECASE):
            j = nxt[j] if j < len(lines) else j
        if j >= len(lines) or not _heading_like(_declutter(lines[j]), colon_ok=True):
            return []
        title, line_no = _declutter(lines[j]), j
    number = None
    for j in range(line_no + 1, min(len(lines), line_no + 12)):
        ref = re.search(r"\(Item\s+(\d{1,4}[a-z]?)\)\s*$", lines[j])
        if ref:
            number = ref.group(1)
            k = nxt[j]
            own = _NUMBERED.match(lines[k]) if k < len(lines) else None
            if own and own.group("num") == number and _heading_like(_declutter(own.group("rest"))):
                title, line_no = _declutter(own.group("rest")), k
            break
    found = [_Heading(line_no, number, clean_title(title), shape="single")]
    # an "Issue - meetings" page carries the minute at each meeting that took it, newest first:
    # "Meeting: 10/01/2011 - X Panel (Item 73)" / "73 Title pdf icon" further down is an item too
    for j in range(line_no + 1, len(lines)):
        ref = _MEETING_REF.match(lines[j])
        k = nxt[j] if ref else len(lines)
        own = _NUMBERED.match(lines[k]) if k < len(lines) else None
        if own and own.group("num") == ref.group("num") and k > found[-1].line_no and _heading_like(_declutter(own.group("rest"))):
            found.append(_Heading(k, own.group("num"), clean_title(_declutter(own.group("rest"))), start=j, shape="single"))
    return found


def _unnumbered_headings(lines: list[str]) -> list[_Heading]:
    """Headings with no number: a ModernGov "No. Item" list (each title a paragraph of its own),
    or capitals titled with a standing-order reference ("MINUTES [SC.8]")."""
    found: list[_Heading] = []
    coded = [i for i, line in enumerate(lines) if re.search(r"^[^a-z]{3,}\s\[[A-Z]{1,4}\.?\s?\d{1,3}(?:\.\d+)?\]\s*$", line.strip())]
    if len(coded) >= 2:
        return [_Heading(i, None, clean_title(re.sub(r"\s*\[[^\]]*\]\s*$", "", lines[i]))) for i in coded]
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s*(?:Note\s+)?No\.?\s+Item\s*$", line, re.IGNORECASE)), None)
    if start is None and sum(1 for line in lines if re.search(r"\bpdf\s+icon\b", line, re.IGNORECASE)) >= 2:
        start = -1  # the same page with its header cut off: its document links still mark the headings
    # the list with neither header nor links (an excerpt of an agenda page): a heading is then taken only
    # above its description ("Minutes of the Previous Meeting" / "To approve the minutes ...", "Scrutiny
    # Recommendations" / "The Committee is asked to: ..."), and three or more such make the list
    bare = start is None
    if bare:
        start = -1
    for line_no in range(start + 1, len(lines)):
        raw = lines[line_no].strip()
        if not raw:
            continue
        line = _declutter(raw)
        prev_blank = not lines[line_no - 1].strip()
        next_content = next((lines[k] for k in range(line_no + 1, min(len(lines), line_no + 6)) if lines[k].strip()), "")
        prev_content = next((lines[k].strip() for k in range(line_no - 1, max(start, line_no - 6), -1) if lines[k].strip()), "")
        next_blank = line_no + 1 >= len(lines) or not lines[line_no + 1].strip()
        if not (prev_blank and next_blank) or raw.startswith(("-", "(", "·")) or line.endswith(("?", "!")):
            continue
        if line.endswith(".") or not _heading_like(line, max_words=24) or _PAGE_LABEL.match(line):
            continue
        if found and found[-1].line_no == line_no - 2 and re.match(r"^To\s+[a-z]", line):
            continue  # a heading's description, one blank line under it: "To consider the draft budget ..."
        if prev_content.endswith((":", ":-")) and len(prev_content.split()) >= 4 and _BULLET_LINE.match(next_content):
            continue  # a label in a minute's list: "The Select Committee Chairs advised that:" / "Children's Select Committee" / "· ..."
        if bare and not _describes(next_content.strip()):
            continue
        title, pages = _pages(line)
        title = clean_title(title, run_on=False)
        if title:
            found.append(_Heading(line_no, None, title, pages, shape="moderngov"))
    return found if not bare or len(found) >= 3 else []


def _describes(text: str) -> bool:
    """An agenda item's description under its heading: "To approve the minutes ...", "The Committee is asked to ..."."""
    return bool(re.match(r"^To\s+[a-z]", text) or re.match(r"^(?:The|This|Members|Councillors)\b.{0,80}?\b(?:is|are)\s+(?:asked|invited|requested|recommended)\b", text)) \
        or (starts_a_sentence(text) or text.endswith(".")) and len(text.split()) >= 6


def _lone_item(numbered: list[_Heading]) -> list[_Heading]:
    """One numbered heading (a page about one item), perhaps with a page number of the same value above it."""
    if not numbered or len({_value(h.number or "") for h in numbered}) > 1:
        return []
    styled = [h for h in numbered if h.style]
    return [styled[0] if styled else numbered[0]] if len(styled) <= 1 else []


@dataclass
class Span:
    """Where an item sits in the text: its heading's lines [first, heading] (a number alone may sit
    above its title), and its body's lines [start, end)."""
    heading: int
    start: int
    end: int
    number: str | None
    title: str
    pages: str | None
    first: int = -1

    def __post_init__(self) -> None:
        if self.first < 0:
            self.first = self.heading


def item_spans(lines: list[str], agenda: bool = False) -> list[Span]:
    """Items in order with their lines; for an agenda (a pack that may carry earlier
    minutes) its own first list. Items of a table have no body lines."""
    if is_forward_plan("\n".join(lines)):
        return []  # its numbered decisions are programme rows (programme.py), not items
    headings = _single_item(lines)
    if not headings:
        headings = _table_headings(lines)
        if headings:
            return [Span(h.line_no, h.line_no + 1, h.line_no + 1, h.number, h.title, h.pages) for h in headings]
    if not headings:
        numbered, subs = _candidates(lines)
        chain = _chain(numbered, first_run=agenda) if numbered else []
        if len(chain) >= 2:
            _split_run_ins(chain)
            _join_wrapped(chain, lines)
            _drop_page_column(chain, lines)
            chain = _fill_list(chain, lines)
            headings = _sub_items(chain, subs, lines)
        else:
            headings = _unnumbered_headings(lines) or _inline_headings(lines) or _lone_item(numbered)
    spans = []
    for index, h in enumerate(headings):
        end = headings[index + 1].start if index + 1 < len(headings) else len(lines)
        spans.append(Span(h.line_no, h.line_no + 1, max(end, h.line_no + 1), h.number, h.title, h.pages, first=h.start))
    return spans


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
