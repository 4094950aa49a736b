"""Recommendations a scrutiny panel makes, the executive's responses to them,
and executive decisions open to call-in, read from a parsed Document.

It reads what the parser already found (items with their minutes text, and
the actions) and never re-parses the layout. Three kinds of passage:

- a recommendation, in scrutiny minutes: "(b) to recommend to Cabinet that the
  fee uplift … be reviewed", "RESOLVED that the Panel recommends to the
  Executive that …", or a lead naming the recipient followed by a list:
  "RESOLVED that the following recommendations be made to Cabinet: (a) … (b) …";
- a response, in Cabinet or executive papers: an item that answers "the
  recommendations of the Children and Families Scrutiny Panel" (or of a task
  and finish group), with the outcome where it says ("accepted", "accepted in
  part", "not accepted"), overall or recommendation by recommendation;
- a decision, in the same papers: each item the executive decided, with the
  publication date and call-in deadline where the paper states them.

`match()` says which recommendations a response answers, and why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz, utils

from .clocks import DEFAULT_EXECUTIVE  # noqa: F401 - kept with the clocks' other defaults, which load quickly
from .dates import find_dates, short_date
from .model import Document, Item
from .prose import collapse, paragraphs, sentences

# who a recommendation goes to, as papers write it
_RECIPIENT = (
    r"(?:the\s+)?(?:"
    r"(?:Cabinet|Executive)\s+Members?\s+(?:for|with\s+[Rr]esponsibility\s+for)\s+[A-Z][\w&,'’ -]*?(?=\s+(?:that|to|for\s+(?:approval|consideration))\b|[.;:,]|$)"
    r"|Portfolio\s+Holders?\s+for\s+[A-Z][\w&,'’ -]*?(?=\s+(?:that|to)\b|[.;:,]|$)"
    r"|Cabinet|Executive|(?:Elected\s+|City\s+|Metro\s+)?Mayor|Leader(?:\s+of\s+the\s+Council)?"
    r"|Full\s+Council|(?:County\s+|City\s+|Borough\s+|District\s+)?Council"
    r"|Police\s+and\s+Crime\s+Commissioner|Police,\s+Fire\s+and\s+Crime\s+Commissioner|Chief\s+Constable"
    r"|Integrated\s+Care\s+Board|[A-Z][\w'’ -]{2,60}?\s+(?:NHS\s+(?:Foundation\s+)?Trust|ICB|Clinical\s+Commissioning\s+Group)"
    r"|NHS\s+[A-Z][\w'’ -]{2,40}?(?=\s+(?:that|to)\b|[.;:,]|$)"
    r")"
)
# the panel itself, or a resolution, recommending; never a report of what someone else recommended
_BY_SCRUTINY = r"(?<!had\s)(?<!has\s)(?<!have\s)"
_RECOMMEND_TO = re.compile(
    _BY_SCRUTINY + rf"\brecommend(?:s|ed|ation)?\s+(?:is\s+made\s+)?to\s+(?P<to>{_RECIPIENT})\s*(?:that\b|to\b|:|,)", re.IGNORECASE)
_RECOMMEND_THAT = re.compile(
    _BY_SCRUTINY + rf"\b(?:recommends?|RECOMMENDED|recommendation\s+is)\s*(?:[:–—-]\s*)?(?:that\s+)?(?P<to>{_RECIPIENT})\s+"
    r"(?:be\s+(?:asked|requested|recommended|invited)|is\s+(?:asked|requested)|should|to\s+(?!the\s+meeting)|consider|agrees?|approves?|"
    r"adopts?|ensures?|reviews?|writes?|lobb(?:y|ies)|commissions?|provides?|makes?|puts?|allocates?|undertakes?|develops?|works?)\b",
    re.IGNORECASE)
_BE_RECOMMENDED = re.compile(rf"\b(?:that\s+)?(?P<to>{_RECIPIENT})\s+be\s+recommended\s+to\b", re.IGNORECASE)
# a lead that names the recipient, with the recommendations listed after it
_LEAD = re.compile(
    rf"\brecommendations?\b[^.:]*?\b(?:to|for)\s+(?P<to>{_RECIPIENT})[^:.]*:\s*$"
    rf"|\brecommend(?:s|ed)?\s+to\s+(?P<to2>{_RECIPIENT})\s*(?:as\s+follows\s*)?:\s*$",
    re.IGNORECASE)
_LEAD_IN = re.compile(rf"^.{{0,80}}?\brecommend(?:s|ed)?\s+to\s+(?:the\s+)?{_RECIPIENT}\s+that\s+", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)])\s+", re.IGNORECASE)
_NOT_BY_PANEL = re.compile(r"\b(?:Ofsted|inspectors?|CQC|auditors?|HMI\w*|the\s+report\s+recommended|officers?\s+recommended|"
                           r"task\s+and\s+finish\s+group\s+which\s+had)\b", re.IGNORECASE)

_EXECUTIVE_NAME = re.compile(r"\b(?:Cabinet|Executive|Mayor|Leader|Portfolio\s+Holder)\b", re.IGNORECASE)
_NOT_EXECUTIVE_NAME = re.compile(r"\bscrutiny\b|\boverview\b", re.IGNORECASE)


@dataclass
class Recommendation:
    item: str | None
    item_title: str | None
    text: str
    to_whom: str  # as written: "Cabinet", "the Cabinet Member for Education"
    recipient: str  # executive | council | nhs | police | other


@dataclass
class Response:
    item: str | None
    item_title: str | None
    panel_named: str | None  # "Children and Families Overview and Scrutiny Panel", "Home to School Transport Task and Finish Group"
    text: str
    outcome: str | None  # accepted | partly | rejected | None (answered, no outcome stated)
    numbered: list[tuple[int, str | None]] = field(default_factory=list)  # recommendation number -> its outcome
    dates: list[str] = field(default_factory=list)  # earlier dates it names (the panel's meeting)


@dataclass
class Decision:
    item: str | None
    title: str
    text: str
    published_on: str | None  # as the paper states it
    callin_by: str | None  # as the paper states it


def is_executive_body(name: str | None, bodies: tuple[str, ...] | list[str] = DEFAULT_EXECUTIVE) -> bool:
    """Cabinet, the Executive, a Cabinet Member's decision session; never a scrutiny body."""
    if not name or _NOT_EXECUTIVE_NAME.search(name):
        return False
    low = name.lower()
    return any(re.search(rf"\b{re.escape(body.lower())}\b", low) for body in bodies)


def recipient_kind(to_whom: str, bodies: tuple[str, ...] | list[str] = DEFAULT_EXECUTIVE) -> str:
    low = to_whom.lower()
    if re.search(r"police|crime\s+commissioner|chief\s+constable", low):
        return "police"
    if re.search(r"\bnhs\b|trust\b|\bicb\b|integrated\s+care|clinical\s+commissioning", low):
        return "nhs"
    if any(re.search(rf"\b{re.escape(body.lower())}\b", low) for body in bodies):
        return "executive"
    if re.search(r"\bcouncil\b", low):
        return "council"
    return "other"


def _clean_to(to_whom: str) -> str:
    return collapse(re.sub(r"^the\s+", "", to_whom.strip(" ,;:"), flags=re.IGNORECASE))


def _found(sentence: str) -> str | None:
    """The recipient, if this sentence is the panel recommending something."""
    if _NOT_BY_PANEL.search(sentence):
        return None
    for pattern in (_RECOMMEND_TO, _BE_RECOMMENDED, _RECOMMEND_THAT):
        m = pattern.search(sentence)
        if m:
            return _clean_to(m.group("to"))
    return None


def _units(text: str) -> list[tuple[str, str | None]]:
    """(text, recipient named by a lead) for each sentence or listed part."""
    out: list[tuple[str, str | None]] = []
    lead_to: str | None = None
    for para in paragraphs(text):
        if "\t" in para:
            lead_to = None
            continue
        lines = [line for line in para.split("\n") if line.strip()]
        # a paragraph that is a lead, a lead with its list under it, or list items after a lead
        buffer: list[str] = []
        current_lead = lead_to if lines and _LIST_MARK.match(lines[0]) else None
        for line in lines:
            if _LIST_MARK.match(line) or (buffer and not _LIST_MARK.match(line) and current_lead and not re.search(r"[.:]\s*$", buffer[-1])):
                if _LIST_MARK.match(line):
                    buffer.append(_LIST_MARK.sub("", line))
                else:
                    buffer[-1] += " " + line.strip()
                continue
            for part in buffer:
                out.append((collapse(part), current_lead))
            buffer = []
            body = collapse(line)
            lead = _LEAD.search(body)
            current_lead = _clean_to(lead.group("to") or lead.group("to2")) if lead and not _NOT_BY_PANEL.search(body) else None
            if current_lead is None:
                out.extend((s, None) for s in sentences(body))
        for part in buffer:
            out.append((collapse(part), current_lead))
        lead_to = current_lead
    return out


def find_recommendations(doc: Document, bodies: tuple[str, ...] | list[str] = DEFAULT_EXECUTIVE) -> list[Recommendation]:
    """Recommendations in a scrutiny body's minutes, item by item, in order."""
    if doc.kind not in ("minutes", "agenda_and_minutes", "unknown") or is_executive_body(doc.committee, bodies):
        return []
    found: list[Recommendation] = []
    seen: set[str] = set()

    def add(item: Item | None, number: str | None, title: str | None, text: str, to_whom: str) -> None:
        text = collapse(text)
        lead = _LEAD_IN.search(text)
        if lead and len(text) - lead.end() > 20:
            text = text[lead.end():]  # "RESOLVED – That the Panel recommends to Cabinet that X": X
        text = re.sub(r"^(?:that|to)\s+", "", text, flags=re.IGNORECASE).strip(" ;")
        text = re.sub(r";?\s*(?:and|or)$", "", text).strip(" ;")
        words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
        if len(words) < 12 or any(words in s or s in words for s in seen):
            return
        seen.add(words)
        text = text[:1].upper() + text[1:]
        found.append(Recommendation(number, title, text[:1000], to_whom[:120], recipient_kind(to_whom, bodies)))

    sources = [(item, item.text) for item in doc.items if item.text] or [(None, "")]
    for item, text in sources:
        number, title = (item.number, item.title) if item else (None, None)
        for unit, lead_to in _units(text):
            to_whom = lead_to or _found(unit)
            if to_whom:
                add(item, number, title, unit, to_whom)
    # what the action reader found that the passes above did not (a resolution's part, an action log row)
    for action in doc.actions:
        to_whom = _found(action.text)
        if to_whom:
            add(None, action.item, action.item_title, action.text, to_whom)
    return found


# --- responses in executive papers --------------------------------------------------------------

_PANEL_WORDS = r"(?:Overview\s+and\s+Scrutiny|Overview\s+&\s+Scrutiny|Scrutiny)\s+(?:Panel|Committee|Board|Commission|Sub-Committee)|Task\s+(?:and|&)\s+Finish\s+(?:Group|Panel)|Scrutiny\s+(?:Review|Inquiry)\s+Group"
_PANEL_NAMED = re.compile(
    rf"(?P<name>(?:[A-Z][\w&,'’-]*\s+(?:(?:and|of|for|&)\s+)?){{0,8}}(?:{_PANEL_WORDS}))", re.UNICODE)
_RESPONDS = re.compile(
    rf"\b(?:recommendations?|report|findings|review)\s+(?:of|from|made\s+by|by)\s+(?:the\s+)?(?:[A-Z][\w&,'’-]*\s+(?:(?:and|of|for|&)\s+)?){{0,8}}(?:{_PANEL_WORDS})"
    r"|\bresponse\s+to\s+(?:the\s+)?(?:\w+\s+){0,8}?(?:scrutiny|task\s+(?:and|&)\s+finish)\b"
    r"|\bscrutiny\s+(?:panel|committee|board)['’]s\s+recommendations\b",
    re.IGNORECASE)
_PARTLY = re.compile(r"\b(?:accept(?:ed|s)?\s+in\s+part|partly\s+accept\w*|partially\s+accept\w*|accept\w*\s+(?:with\s+amendments?|in\s+principle)|agreed?\s+in\s+part|partially\s+agreed)\b", re.IGNORECASE)
_REJECTED = re.compile(r"\b(?:not\s+(?:be\s+)?(?:accepted|agreed|supported|approved)|rejected?|declined?|does\s+not\s+accept|do\s+not\s+accept)\b", re.IGNORECASE)
_ACCEPTED = re.compile(r"\b(?:accept(?:ed|s)?|agreed?|approved?|endorsed?|supports?|supported)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:Recommendation\s+|Rec(?:\.|ommendation)?\s*)(?P<n>\d{1,2})\b\s*[:.)–—-]?\s*(?P<rest>.*)$", re.IGNORECASE)
_NUMBERED_ROW = re.compile(r"^\s*\(?(?P<n>\d{1,2})[.)]?\t(?P<rest>.*)$")


def outcome_of(text: str) -> str | None:
    if _PARTLY.search(text):
        return "partly"
    if _REJECTED.search(text):
        return "rejected"
    if _ACCEPTED.search(text):
        return "accepted"
    return None


def _numbered_outcomes(text: str) -> list[tuple[int, str | None]]:
    """Recommendation by recommendation: "Recommendation 2: accepted in part …", or a table row "2\t…\tNot accepted"."""
    out: dict[int, str | None] = {}
    for line in text.split("\n"):
        m = _NUMBERED.match(line) or _NUMBERED_ROW.match(line)
        if not m:
            continue
        rest = m.group("rest")
        cells = [c for c in rest.split("\t") if c.strip()]
        # in a table the outcome has a cell of its own; in prose it is in the sentence
        verdict = next((outcome_of(c) for c in cells[1:] if outcome_of(c) and len(c) < 60), None) if len(cells) > 1 else outcome_of(rest)
        out.setdefault(int(m.group("n")), verdict)
    return sorted(out.items())


def find_responses(doc: Document, bodies: tuple[str, ...] | list[str] = DEFAULT_EXECUTIVE) -> list[Response]:
    """Items of an executive paper that answer a scrutiny body's recommendations."""
    if not is_executive_body(doc.committee, bodies):
        return []
    meeting = date.fromisoformat(doc.meeting.date) if doc.meeting.date else None
    out: list[Response] = []
    for item in doc.items:
        whole = f"{item.title}\n{item.text}"
        if not _RESPONDS.search(collapse(whole)):
            continue
        named = _PANEL_NAMED.search(collapse(whole))
        panel = None
        if named:
            panel = re.sub(r"^(?:The|Of|From|By|To)\s+", "", named.group("name").strip(" ,"))
        decision_text = _decision_part(item.text) or item.text
        dates = sorted({d.value.isoformat() for d in find_dates(whole, meeting) if meeting is None or d.value < meeting})
        out.append(Response(item.number, item.title, panel, collapse(item.text)[:2000], outcome_of(decision_text),
                            _numbered_outcomes(item.text), dates))
    return out


_DECISION_HEAD = re.compile(r"^\s*(?:RESOLVED|DECIDED|DECISION|AGREED|It\s+was\s+(?:RESOLVED|resolved|agreed|decided))\b", re.MULTILINE)
_PROCEDURAL = re.compile(r"\b(?:apologies|declarations?\s+of\s+interests?|minutes\s+of\s+the|confirmation\s+of\s+(?:the\s+)?minutes|"
                         r"public\s+(?:questions|participation)|urgent\s+business|exclusion\s+of\s+(?:the\s+)?press|chairman['’]s\s+announcements|"
                         r"dates?\s+of\s+(?:the\s+)?next\s+meeting)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:date\s+of\s+(?:publication|issue)|published(?:\s+on)?|publication\s+date|date\s+published)\s*[:–-]?\s*", re.IGNORECASE)
_CALLIN = re.compile(r"\b(?:call[- ]in\s+(?:deadline|expiry|expires|period\s+(?:ends|expires))|deadline\s+for\s+call[- ]in|"
                     r"(?:implemented|come\s+into\s+force)\s+(?:on|after|from)(?=[^.]*\bunless\b[^.]*\bcalled\s+in))", re.IGNORECASE)


def _decision_part(text: str) -> str | None:
    m = _DECISION_HEAD.search(text)
    return text[m.start():] if m else None


def _stated_date(pattern: re.Pattern, text: str, meeting: date | None) -> str | None:
    for m in pattern.finditer(text):
        found = find_dates(text[m.end():m.end() + 80], meeting)
        if found:
            return found[0].value.isoformat()
    return None


def find_decisions(doc: Document, text: str, bodies: tuple[str, ...] | list[str] = DEFAULT_EXECUTIVE) -> list[Decision]:
    """Each item an executive body decided (procedural items aside), with the
    publication date and call-in deadline the paper states (a decision notice
    usually states both). An item a council's site flags as a published
    decision is a decision whatever the body's name or the wording of its
    minutes. (The site's call-in flag is kept on the item, not read as a
    decision: on a scrutiny committee it marks the item that considers a
    called-in decision.)"""
    flagged = {id(item) for item in doc.items if item.decision and item.decision_published}
    executive = is_executive_body(doc.committee, bodies) and doc.kind != "agenda"
    if not executive and not flagged:
        return []
    meeting = date.fromisoformat(doc.meeting.date) if doc.meeting.date else None
    published = _stated_date(_PUBLISHED, text, meeting)
    callin_by = _stated_date(_CALLIN, text, meeting)
    out = []
    for item in doc.items:
        if _PROCEDURAL.search(item.title) or (not executive and id(item) not in flagged):
            continue
        decided = _decision_part(item.text) or next((s for s in sentences(item.text)
                                                    if re.search(r"\b(?:Cabinet|Executive|Mayor|Member)\s+(?:noted|agreed|approved|decided|resolved)\b", s)), None)
        if not decided and id(item) in flagged:
            decided = item.title  # the site says it was decided; the wording is in its decision notice
        if not decided:
            continue
        own_callin = _stated_date(_CALLIN, item.text, meeting) or callin_by
        out.append(Decision(item.number, item.title, collapse(decided)[:1000], published, own_callin))
    return out


# --- which recommendations a response answers ---------------------------------------------------

RECENT_DAYS = 120  # a response answers recommendations made within about four months, unless it names the meeting
_GENERIC = {"the", "and", "of", "for", "overview", "scrutiny", "panel", "committee", "board", "commission", "sub",
            "select", "group", "task", "finish", "council", "county", "city", "borough", "district", "&"}
_STOP = {"that", "this", "with", "from", "have", "been", "will", "would", "should", "their", "there", "which", "into",
         "report", "recommend", "recommends", "recommended", "recommendation", "recommendations", "cabinet", "executive",
         "council", "panel", "committee", "scrutiny", "review", "about", "they", "them", "were", "being", "also", "such",
         "more", "than", "over", "under", "response", "responds", "accepted", "agreed", "member", "members", "meeting",
         "resolved", "noted", "considered", "made", "following", "note", "approved", "decided", "report", "reports"}


def panel_words(name: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _GENERIC)


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", (text or "").lower()) if w not in _STOP}


@dataclass
class Candidate:
    key: str
    panel: str
    made_on: str  # YYYY-MM-DD
    item_title: str | None
    text: str
    group: str  # recommendations made together (same meeting and item) are answered together
    number: int  # 1-based place within its group


@dataclass
class Match:
    key: str
    number: int | None  # the numbered response it took its outcome from
    outcome: str | None
    score: float
    reason: str


def match(response: Response, decided_on: str, candidates: list[Candidate], answered: set[str] | None = None) -> list[Match]:
    """The recommendations this response answers, each with the reason. A
    response must name the panel (or its task and finish group by topic), come
    after the recommendation, and either name the panel's meeting date or share
    the recommendation's subject; otherwise it matches nothing, and an officer
    is asked instead of being told something wrong."""
    answered = answered or set()
    named = panel_words(response.panel_named or "")
    task_group = bool(re.search(r"task\s+(?:and|&)\s+finish|review\s+group|inquiry", response.panel_named or "", re.IGNORECASE))
    subject = content_words(f"{response.item_title or ''} {response.text[:1500]}")
    if task_group:
        subject |= content_words(response.panel_named or "")
    groups: dict[str, list[Candidate]] = {}
    for cand in candidates:
        if cand.made_on <= decided_on:
            groups.setdefault(cand.group, []).append(cand)
    scored: list[tuple[float, str, list[Candidate]]] = []
    for group, members in groups.items():
        first = members[0]
        panel_score = fuzz.token_set_ratio(named, panel_words(first.panel), processor=utils.default_process) if named else 0
        reasons = []
        if named and panel_score >= 85:
            reasons.append(f"names the {first.panel} ({panel_score:.0f}% alike)")
        elif not task_group:
            continue  # a response names the body whose recommendations it answers
        dated = first.made_on in response.dates
        if dated:
            reasons.append(f"refers to its meeting of {short_date(date.fromisoformat(first.made_on))}")
        # the subject is the item's title; the recommendations' own words count when the response quotes them
        title_words = content_words(first.item_title or "")
        text_words = content_words(" ".join(c.text for c in members)) - title_words
        on_title = sorted(subject & title_words)
        quoted = sorted(subject & text_words)
        if title_words:
            overlap = len(on_title) / len(title_words) + (0.5 if len(quoted) >= 3 else 0)
        else:
            overlap = len(quoted) / max(1, min(len(text_words), 8))
        shared = on_title + quoted
        if shared and overlap >= 0.25:
            reasons.append("shares the words " + ", ".join(f"‘{w}’" for w in shared[:6]))
        if not dated and overlap < 0.5:
            continue
        scored.append(((panel_score / 100 if named else 0.5) + (1.0 if dated else 0) + overlap, "; ".join(reasons), members))
    if not scored:
        return []
    best = max(score for score, _, _ in scored)
    tied = [s for s in scored if s[0] >= best]
    if len(tied) > 1:
        # the same panel on the same subject more than once, and the response names no date: only one
        # of them still unanswered and recent enough to be what the executive is answering, or ask
        recent = (date.fromisoformat(decided_on) - timedelta(days=RECENT_DAYS)).isoformat()
        waiting = [s for s in tied if not all(c.key in answered for c in s[2]) and s[2][0].made_on >= recent]
        if len(waiting) != 1:
            return []
        tied = [(waiting[0][0], f"{waiting[0][1]}; the only unanswered recent one of {len(tied)} meetings on this subject",
                 waiting[0][2])]
    out: list[Match] = []
    for score, reason, members in tied:
        numbered = dict(response.numbered)
        for cand in members:
            if numbered:
                if cand.number not in numbered:
                    continue
                out.append(Match(cand.key, cand.number, numbered[cand.number], score,
                                 f"{reason}; recommendation {cand.number} of that meeting"))
            else:
                out.append(Match(cand.key, None, response.outcome, score, reason))
    return out
