"""What a paper is and which meeting it belongs to: kind, council, committee,
and the meeting's date, time and venue.

Papers announce their meeting in a few shapes, whatever the council:
- a page title ("Agenda and minutes", "Agenda, decisions and minutes",
  "Minutes of a meeting of the X held on …", "NOTICE AND AGENDA");
- a web page shell whose content decides the kind ("Agenda item", "Issue - meetings",
  CMIS "Meeting Details" / "Meeting Summary");
- labelled fields, one a line or run together on one line
  ("Date/Time: 22 Jul 2021 - 19:00 … Venue: …", "DATE: … TIME 10.00 am LOCATION …");
- one sentence ("A meeting of the X will take place in the Y Room, Z House, Town on
  Wednesday, 12 November 2025 at 2.00pm.", "… held their meeting at 7.30pm on the
  13th March 2019 at the Reading Room, Village."), often wrapped over lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .dates import DateMatch, add_working_days, find_dates, parse_time
from .model import Meeting
from .prose import collapse, is_all_caps, title_case

_HEAD_LINES = 160  # how far down a paper its meeting may still be announced
_TITLE_LINES = 40  # non-blank lines that may hold the page title
_MAX_LINE = 3000  # a web page saved as one line: its head is in the first few thousand characters
_READ_CHARS = 60_000  # names are counted in the first part of a long paper
_SIGNAL_CHARS = 20_000  # and what kind of paper it is shows in its first pages
_SIGNAL_CAP = 25

# -- kind ------------------------------------------------------------------------------------

_TITLE_AGENDA_AND_MINUTES = re.compile(
    r"^agenda\s*(?:,\s*decisions\s*)?(?:,|and|&)\s*(?:draft\s+|decisions\s+and\s+)?(?:minutes|decisions)\b", re.IGNORECASE)
_TITLE_MINUTES = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved|signed)\s+)?(?:minutes?|record|notes)\s+of\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:\w+\s+)?(?:meeting|proceedings)\b|^(?:(?:draft|confirmed|unconfirmed|approved)\s+)?minutes\s*(?:$|[:\-–]|of\b)|"
    r"^minute\s+of\s+meeting\b|^(?:draft\s+)?(?:action\s+)?(?:notes|record)\s+of\s+(?:the\s+)?.{0,80}\b(?:Committee|Panel|Board|Group|Commission|Forum)\b|^(?!.*\bagendas?\b)(?:\w+\s+){0,4}minutes$|^issue\s*-\s*decisions\b|^agenda\s+item\s*-\s*minutes\b|^(?:decision|decisions)\s+notice\b",
    re.IGNORECASE)
# an agenda's item, not a title: "Minutes of the Previous Meeting"
_EARLIER_MINUTES = re.compile(r"^minutes\s+of\s+(?:the\s+)?(?:previous|last|earlier)\s+meetings?\b", re.IGNORECASE)
# a pack of earlier minutes presented to a meeting is read as that meeting's papers
_TITLE_AGENDA = re.compile(
    r"^(?:agenda\b(?!\s+item)|notice\s+(?:and\s+agenda|of\s+(?:the\s+)?(?:a\s+)?meeting)|summons\b|public\s+(?:reports\s+)?pack\b|"
    r"(?:supplementary\s+)?agenda\s+(?:pack|supplement)\b|minutes?\s+volume\b)",
    re.IGNORECASE)
_TITLE_FORWARD_PLAN = re.compile(
    r"^(?:forward\s+plan|forthcoming\s+(?:key\s+)?decisions|notice\s+of\s+(?:executive|key)\s+decisions|key\s+decisions\s+(?:plan|list))\b",
    re.IGNORECASE)
# page shells whose content decides: a ModernGov item page, an issue's history, a CMIS meeting page
_SHELL_ITEM = re.compile(r"^(?:public\s+)?(?:agenda\s+item(?:\s+\d+\w*)?|issue\s*-\s*meetings)\s*$", re.IGNORECASE)
_SHELL_MEETING = re.compile(r"^meeting\s+(?:details|summary)\b", re.IGNORECASE)
# "Scrutiny Committee Agenda - 27 April 2010", "South Ayrshire Council agenda for the meeting of 19th May 2022"
_AGENDA_IN_TITLE = re.compile(r"^[A-Z][\w&,' ]{2,80}?\s+agenda\s+(?:-|–|for\b)", re.IGNORECASE)
# "A meeting of the X will be held in …", "You are summoned to a meeting of …"
_NOTICE_SENTENCE = re.compile(
    r"\b(?:meeting|meet)\b[^.\n]{0,120}\b(?:will\s+be\s+held|is\s+to\s+be\s+held|to\s+be\s+held|will\s+take\s+place|will\s+meet)\b|"
    r"\bsummoned\s+to\s+(?:attend\s+)?a\s+meeting\b|\bare\s+(?:hereby\s+)?(?:invited|requested)\s+to\s+attend\b",
    re.IGNORECASE)
# an agenda-pack front sheet: labelled fields "DATE: … TIME … LOCATION/VENUE …"
_FRONT_SHEET = re.compile(r"\bDATE\s*:.{0,80}\bTIME\b.{0,40}\b(?:LOCATION|VENUE)\b")
# what minutes say and agendas do not; the look-ahead on a word's first letter keeps the scan cheap
_MINUTES_SIGNALS = re.compile(
    r"(?=[RrIiTtPpSsWwMmAaEe])(?:\bRESOLVED\b|\bIt\s+was\s+(?:agreed|resolved|noted|moved|proposed)\b|"
    r"\bThe\s+(?:Committee|Panel|Board|Cabinet|Council|Sub-Committee|Commission|Meeting|Forum|Group)\s+"
    r"(?:agreed|noted|resolved|considered|received|discussed|heard|approved|met|was\s+(?:informed|advised))\b|"
    r"\b(?:introduced|presented|submitted)\s+(?:the|a|his|her|their)\s+(?:\w+\s+){0,3}report\b|"
    r"\bwas\s+submitted\s+and\s+approved\b|\bmoved\s+and\s+seconded\b|\bseconded\s+by\b|\b(?:introduced|presented)\s+the\b|"
    r"\bThat\s+the\s+[^.\n]{3,120}?\bbe\s+(?:approved|noted|agreed|received|endorsed|adopted|updated)\b|"
    r"\bAction\s*:|\bMembers\s+(?:were\s+(?:informed|advised|reminded)|noted|discussed|agreed|asked)\b|"
    r"\b(?:went\s+through|reported\s+that|advised\s+that|explained\s+that)\b)",
    re.IGNORECASE)
# "^[ \t]*", never "^\s*", under MULTILINE: \s runs across blank lines, and retrying that
# run from every line start is quadratic in a page of blank lines (a deeply nested HTML page)
_MINUTES_LINES = re.compile(r"^[ \t]*(?:Present|Minutes|Decision|Attendees|Attending|Apologies|S\s?e\s?d\s?e\s?r\s?u\s?n\s?t)\s*:",
                            re.IGNORECASE | re.MULTILINE)
_AGENDA_SIGNALS = re.compile(r"^[ \t]*(?:Membership|Item\s+No|No\.?\s+Item)\b|\bPage\s+No\b", re.IGNORECASE | re.MULTILINE)
# what only an agenda says: an item's purpose in the infinitive ("To approve the minutes …"), a body "asked to"
# decide, labelled meeting fields over a "Business" list
_AGENDA_PROSE = re.compile(r"^[ \t]*To\s+(?:approve|receive|consider|note|agree|confirm|elect|appoint)\b|"
                           r"\bis\s+(?:asked|invited|recommended|requested)\s+to\b|^[ \t]*(?:Business|Agenda\s+items?)[ \t]*$",
                           re.IGNORECASE | re.MULTILINE)
_MODERNGOV_LIST = re.compile(r"^[ \t]*(?:Note\s+)?No\.?\s*\|?\s*Item\b|\bpdf\s+icon\b|^[ \t]*Additional\s+documents\s*:", re.IGNORECASE | re.MULTILINE)


def title_lines(lines: list[str], limit: int = _TITLE_LINES) -> list[str]:
    """The first non-blank lines, where a page's title and meeting line are."""
    out = []
    for line in lines:
        if line.strip():
            out.append(line.strip()[:_MAX_LINE])
            if len(out) >= limit:
                break
    return out


def header_lines(lines: list[str], limit: int = 12) -> list[str]:
    """The non-blank lines before the business starts (attendance, the first item)."""
    out = []
    for line in lines[:_body_start(lines)]:
        if line.strip():
            out.append(line.strip()[:_MAX_LINE])
            if len(out) >= limit:
                break
    return out


# a forward plan's entry fields (ModernGov "Decision maker: … Decision due: …"; others "Decision taker", "Date of decision")
_PLAN_MAKER = re.compile(r"\bDecision[ \t]+(?:maker|taker)s?[ \t]*:", re.IGNORECASE)
_PLAN_DUE = re.compile(r"\b(?:Decision[ \t]+(?:due|date)|Date[ \t]+of[ \t]+decision|Expected[ \t]+decision[ \t]+date)[ \t]*:", re.IGNORECASE)


def parse_kind(lines: list[str], text: str) -> str:
    text = text[:_SIGNAL_CHARS]
    minutes = sum(1 for _ in zip(range(_SIGNAL_CAP), _MINUTES_SIGNALS.finditer(text))) + len(_MINUTES_LINES.findall(text))
    # a title stands above the business: an item called "Minutes" further down is not one
    titles = header_lines(lines, _TITLE_LINES) or title_lines(lines, 3)
    for i, line in enumerate(titles):
        if _TITLE_AGENDA_AND_MINUTES.match(line):
            return "agenda_and_minutes"
        # a web page's own title ("Agenda for X on <date> - Council") stands above its heading ("Agenda and minutes")
        if re.match(r"^agenda\s+for\b", line, re.IGNORECASE) and any(_TITLE_AGENDA_AND_MINUTES.match(t) for t in titles[i + 1:i + 4]):
            continue
        if _TITLE_FORWARD_PLAN.match(line):
            return "forward_plan"
        if _SHELL_ITEM.match(line):
            return "minutes" if minutes else "agenda"
        if _SHELL_MEETING.match(line):
            return "agenda_and_minutes" if minutes else "agenda"
        if _TITLE_MINUTES.match(line) and not _EARLIER_MINUTES.match(line):
            return "minutes"
        if _TITLE_AGENDA.match(line) or _AGENDA_IN_TITLE.match(line):
            return "agenda"
        if _NOTICE_SENTENCE.search(line) or _FRONT_SHEET.search(line):
            return "agenda"
    if not minutes and len(_PLAN_MAKER.findall(text)) >= 3 and len(_PLAN_DUE.findall(text)) >= 3:
        return "forward_plan"  # entries each naming who decides and when: a forward plan under any title
    agenda = len({m.lower() for m in _AGENDA_SIGNALS.findall(text)})  # a table header repeated on every page counts once
    if minutes and _MODERNGOV_LIST.search(text):
        return "agenda_and_minutes"  # an item list with what was decided under each item
    if minutes > agenda:
        return "minutes"
    if agenda or not minutes and _AGENDA_PROSE.search(text):
        return "agenda"
    return "unknown"


# -- council ---------------------------------------------------------------------------------

_COUNCIL = re.compile(
    r"\b((?:[A-Z][a-z]+(?:[ -](?:upon|on|under|in|and|&|le))?[ -]){1,5}Council)\b(?!s|lor)"
    r"(?![ ]+(?:Chambers?|Offices?|House|Buildings?|Headquarters|Hall|Room|Tax|Plan|Meeting|Constitution)\b)"
)
_NAME_WORD = r"[A-Z][a-z]+"
_BOROUGH_OF = re.compile(
    rf"\b((?:London|Royal)[ ]+Borough[ ]+of[ ]+{_NAME_WORD}(?:(?:[ ]+and|[ ]+upon|[ ]+on)?[ ]+(?!(?:Pension|Pensions|Fund|Council|Committee|Panel|Board)\b){_NAME_WORD}){{0,2}}|"
    rf"(?:City|County|Borough)[ ]+of[ ]+{_NAME_WORD}(?:[ ]+{_NAME_WORD})?[ ]+Council|"
    rf"City[ ]+and[ ]+County[ ]+of[ ]+{_NAME_WORD})\b")  # a Welsh council's legal name: "the City and County of Exampleton"
# bodies that are not councils: "West Yorkshire Combined Authority", "Surrey Police and Crime Panel"
_AUTHORITY = re.compile(
    rf"\b((?:{_NAME_WORD}[ ]+(?:and[ ]+|&[ ]+)?){{1,5}}(?:Combined[ ]+Authority|Fire[ ]+(?:and[ ]+Rescue[ ]+)?Authority|National[ ]+Park[ ]+Authority))\b")
_NOT_COUNCIL_NAMES = {"the", "this", "county", "city", "district", "borough", "town", "parish", "full", "each", "whole",
                      "local", "other", "both", "wider", "youth", "our", "your", "a", "an", "every", "that", "their",
                      "combined", "metropolitan", "children", "disabled", "school", "schools", "ward", "members",
                      "of", "monitoring", "shadow", "and", "interim"}
# a venue names a council's building, not the paper's council: "LOCATION: Room 1, Shire Hall, X County Council"
_VENUE_LABEL = re.compile(r"\b(?:venue|location|place)\b\s*:?", re.IGNORECASE)


def _bodies(chunk: str) -> list[tuple[int, str]]:
    found = [(m.start(), m.group(1)) for m in _BOROUGH_OF.finditer(chunk)]
    found += [(m.start(1), m.group(1)) for m in _AUTHORITY.finditer(chunk) if m.group(1).split()[0].lower() not in _NOT_COUNCIL_NAMES]
    for m in _COUNCIL.finditer(chunk):
        name = m.group(1)
        words = name.split()
        while words and words[0].lower() in _NOT_COUNCIL_NAMES | {"and", "&"}:
            words.pop(0)
        if len(words) < 2 or words[0].lower() in _NOT_COUNCIL_NAMES:
            continue
        if any(s <= m.start() < s + len(n) for s, n in found):
            continue
        found.append((m.start() + len(name) - len(" ".join(words)), " ".join(words)))
    return sorted(found)


def parse_council(lines: list[str], text: str) -> str | None:
    for line in title_lines(lines, 15):
        line = _uncapitalised(line)
        venue = _VENUE_LABEL.search(line)
        for start, name in _bodies(line):
            if venue and start > venue.start():
                continue
            return name
    text = text[:_READ_CHARS]
    mentioned = [name for _, name in _bodies(text)]
    # a paper calls its own council "the County Council"; another council named in
    # passing ("partnered with Herefordshire Council") must be of that kind to count
    own_kind = Counter(m.lower() for m in re.findall(r"\bthe\s+(County|City|District|Borough|Metropolitan Borough)\s+Council\b", text))
    if own_kind:
        kind = own_kind.most_common(1)[0][0]
        mentioned = [name for name in mentioned if f"{kind} council" in name.lower() or "authority" in name.lower()]
    counts = Counter(mentioned)
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name in mentioned if counts[name] == best)


# -- committee -------------------------------------------------------------------------------

_BODY_WORD = (r"(?:Sub-Committee|Sub\s+Committee|Committee|Panel|Board|Commission|Cabinet|Forum|Task\s+Group|"
              r"Working\s+Group|Task\s+and\s+Finish\s+Group|Scrutiny\s+Group|Executive)")
# nouns that make a body word part of something else: "Committee Assistant", "Cabinet Member", "Executive Decisions"
_NOT_AFTER_BODY = (r"(?!\s+(?:Assistant|Officer|Mayor|Services|Clerk|Manager|Room|Secretary|Support|Members?|Report|Decisions?|"
                   r"Director|Meetings?|Papers|Chair(?:man)?|Coordinator|Co-ordinator|Administrator|Team|"
                   rf"{_BODY_WORD})\b)")
# "Overview and Scrutiny Committee (Regeneration and Skills)", "Audit, Risk and Scrutiny Committee",
# "Regulatory – Licensing and Appeals Committee": capitalised words joined by and/of/for/&/,/–
_COMMITTEE_NAME = re.compile(
    rf"(?P<name>(?:(?:[A-Z][\w'’&-]*,?|and|of|for|the|on|in|&|[-–])\s+){{0,10}}?{_BODY_WORD}"
    rf"(?:\s+\((?!Item\b)[A-Z][^()]{{2,60}}\))?)(?![\w-]){_NOT_AFTER_BODY}")
_NOT_A_TITLE = re.compile(r"^(?:contact|tel|telephone|e-?mail|clerk|for\s+further|enquiries|published|webcast|media|link|"
                          r"decision\s+maker|lead\s+officer|reporting\s+person)\b|\s>\s", re.IGNORECASE)
# words that open a sentence or a page shell, never a committee's name
_LEADING_NOISE = {"meeting", "meetings", "details", "summary", "minutes", "minute", "agenda", "of", "the", "a", "an", "and",
                  "draft", "notice", "for", "pack", "to", "in", "on", "at", "held", "supplement", "record",
                  "notes", "decisions", "reports", "items", "documents", "home", "top", "banner", "all", "categories",
                  "issue", "forthcoming", "plan", "&", ",", "-", "–", "confirmed", "unconfirmed", "special", "extraordinary",
                  "that", "this", "these", "those", "it", "its", "which", "when", "where", "if", "as", "members", "member",
                  "resolved", "agreed", "noted", "chair", "chairman", "councillors", "councillor", "cllr", "previous",
                  "next", "last", "each", "every", "our", "their", "his", "her", "full", "whole"}
_MEETING_OF = re.compile(r"(?:\b|a)(?:meeting|minutes?|agenda)\s+(?:for\s+a\s*meeting\s+)?of\s+(?:the\s+)?(?P<rest>.+)", re.IGNORECASE)
# the name in a "meeting of the X held/on/in …" frame, in any case: "meeting of Children and young people scrutiny committee held at"
_FRAMED_NAME = re.compile(rf"^(?P<name>.{{0,120}}?\b(?i:{_BODY_WORD})\b(?:\s*\([^)]*\))?)(?P<meeting>\s+(?i:meeting))?"
                          r"(?=\s+(?:held|on|in|at|to\s+be|will|which|$)|\s*[,.;]|\s*$)")
_ITEM_PAGE_MEETING = re.compile(r"^Meeting\s*:\s*\d{1,2}/\d{1,2}/\d{2,4}\s*-\s*(?P<name>.+?)(?:\s*\(Item\s+[\w.]+\))?\s*$", re.IGNORECASE)
_SMALL = {"and", "of", "for", "the", "in", "on", "to", "at", "by"}


def _uncapitalised(line: str) -> str:
    """Words in capitals read as a name: "MINUTES of MEETING of STIRLING COUNCIL" -> "Minutes of Meeting of Stirling Council"."""
    if is_all_caps(line):
        return title_case(line)

    def word(m: re.Match) -> str:
        w = m.group(0)
        if w.lower() in _SMALL:
            return w.lower()
        return w if len(w) <= 3 else w.title()
    return re.sub(r"\b[A-Z]{2,}(?:['’][A-Z]+)?\b", word, line)


def _tidy_name(name: str) -> str | None:
    # a page's stamp ("PUBLIC Agenda Item 3", "Public reports pack") is not part of a name; "Public Health Committee" is
    words = re.sub(r"^(?:PUBLIC|Public)\s+(?=(?:Agenda|AGENDA|Reports?|REPORTS?|Pack|PACK|Minutes|MINUTES)\b)", "", name).split()
    while words and (words[0].lower().strip(",") in _LEADING_NOISE or not words[0][:1].isupper()
                     or (words[0].isupper() and len(words[0]) <= 3 and len(words) > 1 and words[1][:1].isupper() and words[0] != "&")):
        words.pop(0)
    if not words:
        return None
    name = collapse(" ".join(words)).strip(" ,-–")
    # "Exampleshire Combined Authority - Overview and Scrutiny Committee": the body's name is the council's
    for _, body in _bodies(name):
        if name.startswith(body):
            rest = name[len(body):]
            if re.match(r"^\s*[-–:]\s+", rest):
                name = re.sub(r"^\s*[-–:]\s+", "", rest)
            break
    if is_all_caps(re.sub(r"\([^)]*\)", "", name)):
        name = title_case(name)
    elif re.search(r"[A-Z]{4,}", name):
        name = _uncapitalised(name)
    if len(name.split()) < 2 and name not in ("Cabinet", "Executive"):
        return None
    return name


def _committee_in(segment: str) -> str | None:
    """A committee's name standing at the start of a title segment, or None."""
    segment = _uncapitalised(segment)
    whole = re.fullmatch(rf"\s*(?P<name>.{{3,120}}?\s{_BODY_WORD}(?:\s+\([^()]{{2,60}}\))?)\s*", segment)
    if whole and all(t[:1].isupper() or t in ("and", "of", "for", "the", "&", "-", "–", "on", "in") or not t[:1].isalpha()
                     for t in whole.group("name").split()):
        # a title line that is the name and nothing else keeps every word of it, whatever they are
        named = _tidy_name(whole.group("name"))
        if named:
            return named
    m = _COMMITTEE_NAME.search(segment)
    if not m:
        return None
    before = segment[:m.start("name")]
    # the name must start the segment, or follow "meeting of the", a label or a separator
    if before.strip() and not re.search(r"(?:\bof(?:\s+the)?|:|[-–|]|\bfor|\bagenda|\bminutes|\bthe)\s*$", before, re.IGNORECASE):
        return None
    return _tidy_name(m.group("name"))


def _framed(rest: str) -> str | None:
    """The committee in "meeting of the X held on …", whatever its case."""
    m = _FRAMED_NAME.match(rest.strip())
    if not m or re.search(r"\b(?:held|on\s+\w+day)\b", m.group("name"), re.IGNORECASE):
        return None
    name = _tidy_name(m.group("name"))
    if name is None and m.group("meeting") and re.fullmatch(r"(?i:Board|Panel|Commission|Forum)", m.group("name").strip()):
        # "MINUTES OF THE BOARD MEETING held at …": a body that calls itself by its kind alone
        return m.group("name").strip().title()
    return name


def _council_as_body(line: str, council: str | None) -> str | None:
    """A meeting of the full Council: its committee is the Council itself
    ("Minutes of Meeting of the Highland Council held in …", "SOUTH AYRSHIRE COUNCIL.", "X Council Agenda - date")."""
    plain = _uncapitalised(line)
    for start, name in _bodies(plain):
        before, rest = plain[:start], plain[start + len(name):]
        if re.search(r"\b(?:venue|location|place|contact|at|in|by|to|from|with|behalf\s+of)\s*:?\s*$", before, re.IGNORECASE):
            continue
        if before.strip() and not re.search(r"(?:\b(?:meeting|minutes?|agenda)\s+of\s+(?:the\s+)?)$", before, re.IGNORECASE):
            continue
        if re.match(r"^\s*(?:[.,]?\s*$|[-–]\s|agenda\b|minutes?\b|meeting\b|held\b|on\s|\(|\.?\s*minutes)", rest, re.IGNORECASE):
            return name
    if council and re.search(r"\bof\s+the\s+above\s+(?:Council|Authority)\b", line, re.IGNORECASE):
        return council
    return None


_BODY_ACTING = re.compile(
    rf"\b(?P<body>{_BODY_WORD}(?:\s+\([A-Z][^()]{{2,60}}\))?)"
    rf"(?:(?=\s+(?:agreed|resolved|RESOLVED|noted|decided|considered|received|held|meeting|was\s+informed|"
    rf"is\s+(?:asked|invited|recommended|requested)\s+to)\b)|"
    rf"(?P<own>['’]s\b|\s+(?:[Mm]eeting|at\s+the\s+meeting)\b))")
_NAME_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’&-]*,?|and|of|&)\s+){0,8}$")


def parse_committee(lines: list[str], text: str, council: str | None = None) -> str | None:
    head = [line for line in header_lines(lines, 25) if not _NOT_A_TITLE.search(line)]
    for i, line in enumerate(head):
        page = _ITEM_PAGE_MEETING.match(line)
        if page:
            return _committee_in(page.group("name")) or _tidy_name(page.group("name"))
        labelled = re.search(r"\bCommittee\s*:\s*(?P<name>.+?)(?=\s+\w+(?:/\w+)?\s*:|$)", line)
        if labelled and _committee_in(labelled.group("name")):
            return _committee_in(labelled.group("name"))
        # a labelled field naming the body that meets, whatever its words: "Meeting: Exampledale National Park Authority"
        field = re.match(r"^(?:Meeting|Body|Decision[- ]making\s+body)\s*:\s*(?P<name>[A-Z][^:\d]{3,120}?)\s*$", line)
        if field and not _NOT_A_TITLE.search(field.group("name")):
            if re.fullmatch(r"(?:(?:Full|Annual|Extraordinary|Special|Ordinary)\s+)?(?:Meeting\s+of\s+)?(?:the\s+)?Council",
                            field.group("name").strip(), re.IGNORECASE):
                if council:
                    return council  # "Meeting: Full Council": the Council itself
            else:
                named = _tidy_name(field.group("name"))
                if named:
                    return named
        # ModernGov's meeting heading, "<the body's name> - Monday, 21st June, 2021 10.00 am": the name whatever its words
        heading = re.match(r"^(?P<name>[A-Z][\w&,'’()-]*(?:\s+(?:[A-Z][\w&,'’()-]*|and|of|for|the|on|in|&)){1,10})\s+[-–]\s+"
                           r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d", line)
        if heading and not re.fullmatch(r"(?:(?:Full|Annual|Extraordinary|Special|Ordinary)\s+)?(?:Meeting\s+of\s+)?(?:the\s+)?Council",
                                        heading.group("name"), re.IGNORECASE) and not _committee_in(heading.group("name")):
            named = _tidy_name(heading.group("name"))
            if named:
                return named
        meeting_of = _MEETING_OF.search(line)
        if meeting_of and re.search(r"\b(?:confirm|note|approve|receive|consider|sign)\w*\s+(?:the\s+)?$", line[:meeting_of.start()], re.IGNORECASE):
            meeting_of = None  # earlier minutes listed for approval
        if meeting_of:
            rest = meeting_of.group("rest")
            if i + 1 < len(head) and not _framed(rest) and re.match(rf"^{_BODY_WORD}\b", head[i + 1], re.IGNORECASE):
                rest += " " + head[i + 1]  # the name wraps onto the next line
            found = _framed(rest) or _council_as_body(line[meeting_of.start():], council)
            if found:
                return found
        # a title line may carry date, time and labels after the name: cut them off
        segment = re.split(r"\s+(?:-|–)\s+(?=\w*day\b|\d)|\s+(?=(?:DATE|Date(?:/Time)?|TIME|Time|LOCATION|VENUE|Venue)\b\s*:?)|\t|,\s+(?=\w*day\b)", line)[0]
        found = _committee_in(segment)
        if found:
            # a title line's name may go on past its committee word: "Scrutiny Commission for Rural Communities"
            tail = re.match(rf"^.*?{re.escape(found.split()[-1])}\s+((?:for|of|on)\s+(?:the\s+)?[A-Z][\w&',’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&',’-]*){{0,5}})\s*$",
                            _uncapitalised(segment.strip()))
            return f"{found} {tail.group(1)}" if tail and found.split()[-1] not in ("Cabinet", "Executive") else found
        if re.fullmatch(r"(?:(?:Full|Annual|Extraordinary|Special|Ordinary)\s+)?(?:Meeting\s+of\s+)?(?:the\s+)?Council", segment.strip(), re.IGNORECASE) and council:
            return council  # "Council - Thursday, 20th July 2023": the full Council
    for line in head:
        body = _council_as_body(line, council)
        if body:
            return body
    # a page that names no committee in its head: the body its text names as meeting, resolving or agreeing,
    # or speaks of as its own ("this Scrutiny Committee's work programme", "the previous Overview Committee meeting")
    chunk = text[:20000]
    named: Counter[str] = Counter()
    for m in _BODY_ACTING.finditer(chunk):
        before = chunk[max(0, m.start() - 160):m.start()]
        lead = _NAME_BEFORE.search(before)
        own = m.group("own")
        if own and not re.search(r"\b(?:this|previous|presented\s+to(?:\s+the)?)\s+$", before[:lead.start()] if lead else before):
            continue
        name = _tidy_name((lead.group(0) if lead else "") + m.group("body"))
        if name:
            named[name] += 1
    # a forward plan's decision maker
    for m in re.finditer(r"^[ \t]*Decision\s+maker\s*:\s*(?P<name>[^\n]+?)\s*$", text[:20000], re.MULTILINE | re.IGNORECASE):
        name = _tidy_name(m.group("name"))
        if name:
            named[name] += 1
    for m in _MEETING_OF.finditer(text[:20000]):
        name = _framed(m.group("rest")[:160])
        if name:
            named[name] += 1
    if named:
        return named.most_common(1)[0][0]
    return None


# -- the meeting: date, time, venue ----------------------------------------------------------

_SKIP_BEFORE_DATE = re.compile(
    r"(?:\bdate\s+of\s+(?:issue|publication)|\bpublished|\bissued|\bdespatch|\bdispatched|\bcirculated|\bno\s+later\s+than|"
    r"\bdated|\bstatement|\bthe\s+minutes\s+of|\bminutes\s+of\s+the\s+(?:previous|last)\s+meeting|\bprevious\s+meeting|"
    r"\blast\s+meeting|\bfirst\s+published|\bdeadline|\bby\b|\bbefore\b|\buntil\b|\bsince\b|\bfrom\b|\breconvened|\badjourned|\bnext\s+meeting|\bfuture\s+meetings?|"
    r"\b(?:confirm|note|approve|receive|consider|sign)\w*\s+(?:the\s+)?minutes?\b[^.;]{0,60})[^.;]{0,60}$",
    re.IGNORECASE)
_LABEL_BEFORE_DATE = re.compile(r"(?:\b|(?<=[A-Z])(?=DATE))(?:date(?:/time)?|meeting\s+date|date\s+of\s+meeting|meeting\s*:)\s*:?\s*(?:\w+day,?\s+)?$", re.IGNORECASE)
# "… held on", "… will take place in X on", "Presented to the Meeting of X on", "MEETING 13th MARCH 2019"
_MEETING_BEFORE_DATE = re.compile(
    r"(?:\b(?:held|take\s+place|taking\s+place|presented\s+to\s+the\s+meeting|summoned\s+to\s+a\s+meeting)\b(?:[^.]|\.\d){0,120}|"
    r"\bmeeting\s*(?:on\s+)?(?:the\s+)?(?:\w+day,?\s+)?(?:the\s+)?)$", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*(?:the\s+)?$", re.IGNORECASE)
_BODY_START = re.compile(r"^\s*(?:No\.?\s*\|?\s*Item|Present\s*:|Membership\b|Item\s+No\b|Apologies\b|\d{1,4}[a-z]?\.?\s+Apologies|"
                         r"\d{1,4}\.\s*$|1\.?\s+\S|(?:Decision|Minutes)\s*:|RESOLVED\b|\d{1,2}\)\s|\([a-z]\)\s|\|\s*\(?\w{1,3}\)?\s*\|)", re.IGNORECASE)
_WORKING_DAY_BEFORE = re.compile(r"working\s+day\s+before\s+the\s+meeting\s*\(\s*in\s+this\s+case\s+([^)]*)\)", re.IGNORECASE)
_LABELS = r"(?:Date/Time|Date|Time|Venue|Location|Place|Status|Committee|Contact|Membership|Chair(?:man|person)?(?:\s+Person)?|Quorum)"
# a labelled field runs to the next label, a link's text, a bracketed aside or the end of the line
_FIELD_END = (rf"(?=\s+{_LABELS}\s*:|\s+(?:DATE|TIME|LOCATION|VENUE)\b|\s*\.?\s*(?i:view\s+directions|add\s+to\s+(?:my\s+)?calendar|this\s+meeting\b)|"
              r"\s*\((?i:public|pre-?meeting|private)|\t|\s*$)")
# a label with its colon ("Venue:"), or in capitals without one ("TIME 10.00 am LOCATION Council Chamber")
_VENUE_FIELD = re.compile(rf"(?:\b(?i:venue|location|place)\s*:|\b(?:VENUE|LOCATION)\b:?)\s*(?P<v>\S.*?){_FIELD_END}", re.MULTILINE)
_TIME_FIELD = re.compile(r"(?:\b(?:Time|Date/Time)\s*:|\bTIME\b:?)\s*(?P<v>[^\n]{0,40})", re.MULTILINE)


@dataclass
class _Candidate:
    line_no: int
    match: DateMatch
    score: int


def _body_start(lines: list[str]) -> int:
    seen = 0
    for line_no, line in enumerate(lines[:_HEAD_LINES * 2]):
        if not line.strip():
            continue
        seen += 1
        if seen > 2 and _BODY_START.match(line):
            return line_no
    return min(len(lines), _HEAD_LINES)


def _context(lines: list[str], line_no: int, start: int, end: int) -> tuple[str, str]:
    """The text before a date (its line, and the lines of the same paragraph above) and after it
    (the rest of its line, carried onto the next line when the sentence wraps there)."""
    line = _unglue(lines[line_no])
    before = line[:start]
    previous = line_no - 1
    while previous >= 0 and line_no - previous <= 2 and lines[previous].strip() and len(lines[previous]) < 300:
        before = lines[previous].strip() + " " + before
        previous -= 1
    after = line[end:]
    following = line_no + 1
    while following < len(lines) and following - line_no <= 2 and _wraps(after) and len(lines[following]) < 300:
        nxt = lines[following].strip()
        if not nxt or _BODY_START.match(nxt) or re.match(r"^(?:Present|PRESENT|Members|MEMBERS)\b", nxt):
            break
        after = after.rstrip() + " " + nxt
        following += 1
    return before, after


def _wraps(after: str) -> bool:
    """The meeting sentence goes on past the line's end: it stops on a preposition or a comma, or has only a time left."""
    rest = _TIME_LEAD.sub("", after).strip()
    return not rest or bool(re.search(r"(?:\b(?:at|in|the|on|of)|,)\s*$", after.strip(), re.IGNORECASE))


def _unglue(line: str) -> str:
    return re.sub(r"\b((?:19|20)\d\d)([A-Z]{2,})", r"\1 \2", line)  # "24 MARCH 2009AT 10.00A.M." run together


_MEETING_WORDS = re.compile(r"held|meeting|date|place|summoned", re.IGNORECASE)


def _candidates(lines: list[str]) -> list[_Candidate]:
    body = _body_start(lines)
    out = []
    for line_no, raw in enumerate(lines[:_HEAD_LINES]):
        if not re.search(r"\d", raw) or line_no >= body and not _MEETING_WORDS.search(raw):
            continue  # no date here, or running text that does not speak of a meeting: skip the date reader
        line = _unglue(raw[:_MAX_LINE])
        for found in find_dates(line):
            if not found.has_year:
                continue
            before = line[max(0, found.start - 90):found.start]
            if _SKIP_BEFORE_DATE.search(before):
                continue
            score = 0
            if _LABEL_BEFORE_DATE.search(before[-30:]):
                score += 4
            if _MEETING_BEFORE_DATE.search(before):
                score += 3
            after = line[found.end:found.end + 30]
            if parse_time(after) or re.search(r"\bat\s+\d{1,2}(?:[.:]\d\d)?\s*[ap]\.?m\.?\s+on\s+(?:the\s+)?$", before, re.IGNORECASE):
                score += 2
            if _WEEKDAY_BEFORE.search(before) or re.match(r"[A-Za-z]+day\b", line[found.start:found.end]):
                score += 1
            # in the head, a date on a short line is the meeting's ("Glasgow, 8th December 2016.");
            # in running text only a date said to be the meeting's is
            if line_no < body and (score or len((line[:found.start] + line[found.end:]).split()) <= 8):
                out.append(_Candidate(line_no, found, score + 2 + (line_no < 8)))
            elif line_no >= body and score >= 4:
                out.append(_Candidate(line_no, found, score))
    return out


def _time_near(before: str, after: str) -> str | None:
    after = after[:45]
    m = re.match(r"^[\s,]*(?:(?:at|from|commencing\s+at|starting\s+at|-|–)\s*)?(?P<t>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|hrs|noon)|\d{1,2}[.:]\d{2}|(?:12\s*)?noon)", after, re.IGNORECASE)
    if m:
        return parse_time(m.group("t"))
    m = re.search(r"\bcommencing\s+at\s+(\S+\s*\S*)", after, re.IGNORECASE)
    if m:
        return parse_time(m.group(1))
    before = before[-40:]
    m = re.search(r"\bat\s+(\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?|hrs)|\d{1,2}[.:]\d{2})\s*(?:,\s*)?(?:on\s+)?(?:the\s+)?(?:\w+day,?\s+)?(?:the\s+)?$", before, re.IGNORECASE)
    if m:
        return parse_time(m.group(1))
    return None


_VENUE_BEFORE = re.compile(
    r"\b(?:held|take\s+place|to\s+be\s+held|meet|met|a?meeting|convened)\b(?:\s+of\s+(?:the\s+)?[^.]{3,100}?)?\s+(?:at|in)\s+(?P<v>.+?)[\s,]+"
    r"(?:at\s+\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?m\.?)?\s+)?on\s*(?:\w+day,?\s+)?(?:the\s+)?$", re.IGNORECASE)
_TIME_LEAD = re.compile(
    r"^[\s,]*(?:(?:at|from|commencing\s+at|starting\s+at|-|–)\s*)?(?:\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?\s?m\b\.?|hrs)|\d{1,2}[.:]\d\d|(?:12\s*)?noon)"
    r"(?:\s*(?:to|-|–)\s*\d{1,2}[.:]\d\d\s*(?:[ap]\.?\s?m\b\.?)?)?", re.IGNORECASE)


def _venue_after(after: str) -> str | None:
    """The venue after a date: "… 3 March 2024, 6.00 pm, Town Hall, Market Square", "… at 7.00pm in the Village Hall"."""
    lead = _TIME_LEAD.match(after)
    rest = after[lead.end():] if lead else after
    preposition = re.match(r"^[\s,]*(?:at|in)\s+(?:the\s+)?", rest, re.IGNORECASE)
    if preposition:
        rest = rest[preposition.end():]
    elif not lead:
        return None  # a venue follows the date only after its time or a preposition
    rest = rest.lstrip(" \t,.-–")
    if not rest[:1].isupper():
        return None
    m = re.match(r"(?P<v>.+?)(?:\.(?:\s|$)|\s+at\s+\d|\s+(?:on|commencing)\b|\s+(?:Present|PRESENT|Apologies|Members)\b|\s+\S*\d+/\S*|$)", rest)
    venue = m.group("v") if m else rest
    if len(venue.split()) > 14:
        return None
    return venue


def _clean_venue(venue: str | None) -> str | None:
    if not venue:
        return None
    venue = collapse(venue)
    venue = re.sub(r"\s*,\s*(?:,\s*)+", ", ", venue)
    venue = re.sub(r"\s+at\s+\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?m\.?|hrs)?\s*$", "", venue, flags=re.IGNORECASE)
    venue = re.sub(r"\s*\((?:Public|Pre-?meeting|Private)[^)]*\)?.*$", "", venue, flags=re.IGNORECASE)
    venue = venue.strip(" ,.-–")
    if not venue or len(venue.split()) > 16 or re.match(r"^\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?m\.?|hrs)?$", venue, re.IGNORECASE):
        return None
    if is_all_caps(venue):
        venue = title_case(venue)
    return venue


def parse_meeting(lines: list[str], text: str, warnings: list[str]) -> Meeting:
    meeting = Meeting()
    head = "\n".join(line[:_MAX_LINE] for line in lines[:_HEAD_LINES])
    candidates = _candidates(lines)
    best = max(candidates, key=lambda c: (c.score, -c.line_no, -c.match.start)) if candidates else None

    venue_field = _VENUE_FIELD.search(head)
    if venue_field:
        meeting.venue = _clean_venue(venue_field.group("v") + _address_continued(head[venue_field.end():], venue_field.group("v")))
    time_field = _TIME_FIELD.search(head)

    if best is None:
        m = _WORKING_DAY_BEFORE.search(text)
        found = find_dates(m.group(1)) if m else []
        if found:
            meeting.date = add_working_days(found[0].value, 1).isoformat()
            warnings.append(f"meeting date inferred as the working day after {found[0].value.isoformat()}")
        else:
            warnings.append("no meeting date found")
        if time_field:
            meeting.time = parse_time(time_field.group("v"))
        return meeting
    meeting.date = best.match.value.isoformat()

    if time_field:
        meeting.time = parse_time(time_field.group("v"))
    # every line that states the meeting's date, best first: time and venue come from them
    same_day = sorted((c for c in candidates if c.match.value == best.match.value), key=lambda c: (-c.score, c.line_no))
    for candidate in same_day:
        before, after = _context(lines, candidate.line_no, candidate.match.start, candidate.match.end)
        if meeting.time is None:
            meeting.time = _time_near(before, after)
        if meeting.venue is None:
            meeting.venue = _venue_from_sentence(before, after)
    if meeting.time is None:
        meeting.time = _time_nearby(lines, best.line_no)
    if meeting.venue is None:
        meeting.venue = _venue_nearby(lines, best.line_no) or _venue_after_title(lines, best.line_no)
    return meeting


# a Scottish minute's heading names the place after the body, behind a dash, often wrapped:
# "THE EXAMPLE COUNCIL - EDUCATION COMMITTEE - " / "GLENROTHES."
_PLACE_AFTER_TITLE = re.compile(rf"\b(?i:{_BODY_WORD}|Council)\s*[-–]\s*(?P<v>[A-Z][A-Za-z'’]+(?:[ -][A-Z][A-Za-z'’]+){{0,2}})\s*\.?\s*$")


def _venue_after_title(lines: list[str], line_no: int) -> str | None:
    above = " ".join(line.strip() for line in lines[max(0, line_no - 4):line_no] if line.strip())
    m = _PLACE_AFTER_TITLE.search(above[-300:])
    # in capitals only: a mixed-case "Area Committee - North" names a part of the body, not a place
    if not m or not is_all_caps(m.group(0)) or re.search(rf"\b(?i:{_BODY_WORD})\b", m.group("v")) or find_dates(m.group("v")):
        return None
    return _clean_venue(m.group("v"))


_TIME_LINE = re.compile(r"^(?:at\s+)?(?P<t>\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?\s?m\b\.?|hrs)|\d{1,2}[.:]\d\d)"
                        r"(?:\s*(?:to|-|–)\s*\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.?\s?m\b\.?|hrs)?)?\s*$", re.IGNORECASE)


def _time_nearby(lines: list[str], line_no: int) -> str | None:
    """A time on a line of its own just under the meeting's date, often a span ("2nd August, 2007" / "" /
    "10.00 a.m. - 1.25 p.m."): the meeting starts at its first time."""
    seen = 0
    for line in lines[line_no + 1:line_no + 6]:
        if not line.strip():
            continue
        m = _TIME_LINE.match(line.strip())
        if m:
            return parse_time(m.group("t"))
        seen += 1
        if seen >= 2:
            break
    return None


def _address_continued(rest: str, venue: str) -> str:
    """An address that goes on past a line break, even a blank line: "Venue: Council Chamber, Town Hall," / "" / "High Street, Town AB1 2CD"."""
    if not venue.rstrip().endswith(","):
        return ""
    out = ""
    for line in [line.strip() for line in rest.split("\n") if line.strip()][:2]:
        if ":" in line or len(line.split()) > 8 or find_dates(line) or not line[:1].isupper():
            break
        out += " " + line
        if not line.endswith(","):
            break
    return out


def _venue_from_sentence(before: str, after: str) -> str | None:
    m = _VENUE_BEFORE.search(before)
    # a venue read from a sentence is a place, not the sentence's own words ("… at which they are approved) X Council held")
    if m and _clean_venue(m.group("v")) and m.group("v").count("(") == m.group("v").count(")") \
            and not re.search(r"\b(?:held|minutes|meeting\s+of)\b", m.group("v"), re.IGNORECASE):
        return _clean_venue(re.sub(r"^the\s+", "", m.group("v")))
    following = _venue_after(after)
    if following:
        return _clean_venue(following)
    # a title line "Committee - Tuesday, 6th December, 2023 6.00 pm" has no venue in it
    return None


_VENUE_WORDS = re.compile(
    r"\b(?:Hall|Room|Chamber|Chambers|House|Centre|Center|Offices?|Civic|Guildhall|Online|Virtual|Remote|Teams|Zoom|"
    r"Library|Building|Buildings|Suite|Castle|Court|Shire|Street|Road|Square|Lane)\b", re.IGNORECASE)


def _venue_nearby(lines: list[str], line_no: int) -> str | None:
    """A venue on a line of its own next to the meeting's date."""
    for neighbour in (line_no - 1, line_no - 2, line_no + 1):
        if 0 <= neighbour < len(lines):
            candidate = collapse(lines[neighbour])
            if candidate and _VENUE_WORDS.search(candidate) and len(candidate.split()) <= 10 and not find_dates(candidate) \
                    and not re.search(_BODY_WORD, re.sub(r"committee\s+room", "", candidate, flags=re.IGNORECASE), re.IGNORECASE) \
                    and not _NOT_A_TITLE.search(candidate) and ":" not in candidate:
                return _clean_venue(re.sub(r"^(?:at|in)\s+(?:the\s+)?", "", candidate, flags=re.IGNORECASE))
    return None
