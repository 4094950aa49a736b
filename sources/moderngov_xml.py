"""ModernGov's web service (mgWebService.asmx) replies, read into dataclasses:
committees, meetings, and a meeting's details: its agenda items (number,
title, restricted / call-in / decision flags, the item's minutes as HTML,
its linked reports) and its documents.

The shapes real sites return, all handled here:
- XML, sometimes escaped inside an ASMX <string> element (even twice);
- HTML inside elements, entity-encoded (&lt;p&gt;…), with entities encoded
  twice in titles (&amp;#39;), or (some installs) as raw markup;
- empty elements that hold only whitespace or line breaks;
- flags as True/False, dates as dd/mm/yyyy, times as "10.00 am";
- tag names in varying case.

A restricted item (Part II, exempt business) is read for its number, title
and flags only: its minutes, agenda text and documents are never read.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from corpus.dates import find_dates, parse_time

# A forward plan linked from a meeting is not that meeting's paper: it is the executive's,
# read from the site's plan pages (moderngov.py), dated by its own period.
PAPER_TITLES = re.compile(r"\b(?:agenda|minutes|reports?\s+pack|work\s+programme)\b", re.IGNORECASE)
CANCELLED = re.compile(r"\b(?:cancel+ed|postponed|withdrawn)\b", re.IGNORECASE)
_HTML_ELEMENTS = ("minutesnonemptyhtmlbody", "decisionnonemptyhtmlbody", "agendatext", "minuteshtmlbody",
                  "decisionhtmlbody", "agendaitemtext")


class BadReply(ValueError):
    """The web service answered with something that is not its XML."""


@dataclass
class MgCommittee:
    id: str
    title: str
    retired: bool = False  # expired or deleted on the site


@dataclass
class MgDocument:
    title: str
    url: str
    restricted: bool = False


@dataclass
class MgItem:
    id: str | None
    number: str | None  # as the published papers number it: the minute number once minutes exist
    title: str
    restricted: bool = False
    call_in: bool = False
    decision: bool = False
    decision_published: bool = False
    minutes_html: str = ""  # empty when not published, and always for a restricted item
    documents: list[MgDocument] = field(default_factory=list)  # its reports (never a restricted one)


@dataclass
class MgMeeting:
    id: str
    date: str | None  # ISO
    time: str | None = None
    finish_time: str | None = None
    status: str = ""
    location: str | None = None
    committee_id: str | None = None
    committee_title: str | None = None
    items: list[MgItem] = field(default_factory=list)
    documents: list[MgDocument] = field(default_factory=list)  # the meeting's own (agenda, minutes, packs)

    @property
    def cancelled(self) -> bool:
        return bool(CANCELLED.search(self.status or ""))

    @property
    def minutes_published(self) -> bool:
        return any(item.minutes_html for item in self.items)

    def papers(self) -> list[MgDocument]:
        """The documents worth reading: agendas, minutes, reports packs, work programmes."""
        seen: set[str] = set()
        out = []
        for doc in self.documents + [d for item in self.items for d in item.documents]:
            if PAPER_TITLES.search(doc.title) and not doc.restricted and doc.url not in seen:
                seen.add(doc.url)
                out.append(doc)
        return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _cdata_bodies(text: str) -> str:
    """Raw (unescaped, not well-formed) HTML inside the HTML elements, wrapped so XML can read it."""
    names = "|".join(_HTML_ELEMENTS)
    return re.sub(rf"<({names})>(.*?)</\1>", lambda m: f"<{m.group(1)}><![CDATA[{m.group(2).replace(']]>', ']]&gt;')}]]></{m.group(1)}>",
                  text, flags=re.IGNORECASE | re.DOTALL)


def unwrap(xml_text: str | bytes) -> ET.Element:
    """The root element, with any escaped-XML <string> wrappers peeled off."""
    text = xml_text.decode("utf-8-sig", "replace") if isinstance(xml_text, bytes) else xml_text
    for _ in range(3):
        try:
            root = ET.fromstring(text.strip())
        except ET.ParseError as err:
            try:
                root = ET.fromstring(_cdata_bodies(text.strip()))
            except ET.ParseError:
                raise BadReply(f"not XML ({err})") from None
        inner = (root.text or "").strip()
        if _local(root.tag) == "string" and len(root) == 0 and inner.startswith("<"):
            text = inner
            continue
        return root
    raise BadReply("XML wrapped too deep")


def _child(element: ET.Element, *names: str) -> ET.Element | None:
    wanted = set(names)
    for child in element:
        if _local(child.tag) in wanted:
            return child
    return None


def _text(element: ET.Element, *names: str) -> str:
    """A plain field: entities decoded (twice-encoded ones too), whitespace-only as empty."""
    child = _child(element, *names)
    if child is None:
        return ""
    return re.sub(r"\s+", " ", html.unescape((child.text or "").strip())).strip()


def _markup(element: ET.Element, *names: str) -> str:
    """An HTML field as markup, whether it came entity-encoded or as raw elements."""
    child = _child(element, *names)
    if child is None:
        return ""
    inner = (child.text or "") + "".join(ET.tostring(grandchild, encoding="unicode") for grandchild in child)
    return inner if inner.strip() else ""


def _flag(element: ET.Element, *names: str) -> bool:
    return _text(element, *names).lower() in ("true", "1", "yes")


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if _local(e.tag) == name]


def _date(text: str) -> str | None:
    found = find_dates(text)
    return found[0].value.isoformat() if found else None


def _number(text: str) -> str | None:
    number = text.strip().rstrip(".").strip()
    return number if number and number != "0" else None


def parse_committees(xml_text: str | bytes) -> list[MgCommittee]:
    root = unwrap(xml_text)
    out = []
    for element in _all(root, "committee"):
        ident = _text(element, "committeeid", "id")
        title = _text(element, "committeetitle", "title", "committeename")
        if ident and title:
            out.append(MgCommittee(ident, title, _flag(element, "committeeexpired") or _flag(element, "committeedeleted")))
    return out


def _document(element: ET.Element) -> MgDocument | None:
    url = _text(element, "url", "link", "documenturl")
    if not url:
        return None
    return MgDocument(_text(element, "title", "documenttitle", "name"), url, _flag(element, "isrestricted"))


def _documents(container: ET.Element | None) -> list[MgDocument]:
    if container is None:
        return []
    found = (_document(e) for e in container.iter() if _local(e.tag) in ("linkeddoc", "document", "doc"))
    return [d for d in found if d is not None]


def _item(element: ET.Element, minutes_out: bool) -> MgItem | None:
    if _child(element, "isdisplayallowed") is not None and not _flag(element, "isdisplayallowed"):
        return None  # the council does not show this item at all
    title = _text(element, "agendaitemtitle", "title")
    if not title:
        return None
    number = _number(_text(element, "fulldisplaynumberformat")) or _number(_text(element, "agendaitemnumber"))
    item = MgItem(id=_text(element, "agendaitemid") or None, number=number, title=title,
                  restricted=_flag(element, "isrestricted"), call_in=_flag(element, "iscallin"),
                  decision=_flag(element, "isdecision"), decision_published=_flag(element, "isdecisionpublished"))
    if item.restricted:
        return item  # exempt business: nothing of it is read beyond its published title and flags
    published = _flag(element, "isminutepublished") or (minutes_out and _child(element, "isminutepublished") is None)
    if published:
        item.minutes_html = _markup(element, "minutesnonemptyhtmlbody", "minuteshtmlbody")
        minute_number = _number(_text(element, "minutesitemnumber"))
        if item.minutes_html and minute_number:
            item.number = minute_number + _text(element, "minutesitemsubnumber").strip(". ")
    item.documents = [d for d in _documents(_child(element, "linkeddocuments")) if not d.restricted]
    return item


def _meeting(element: ET.Element) -> MgMeeting:
    raw_date = _text(element, "meetingdate", "date")
    time_text = _text(element, "meetingtime", "time")
    meeting = MgMeeting(
        id=_text(element, "meetingid", "id"),
        date=_date(raw_date),
        time=parse_time(time_text) if time_text else parse_time(raw_date[10:]) if len(raw_date) > 10 else None,
        finish_time=parse_time(_text(element, "meetingplannedfinishtime")) or None,
        status=_text(element, "meetingstatus", "status"),
        location=_text(element, "meetinglocation", "location") or None,
        committee_id=_text(element, "committeeid") or None,
        committee_title=_text(element, "committeetitle", "committeename") or None,
    )
    minutes_out = _flag(element, "minutepublished")
    items = _child(element, "agendaitems")
    if items is not None:
        meeting.items = [i for i in (_item(e, minutes_out) for e in items if _local(e.tag) == "agendaitem") if i]
    meeting.documents = [d for d in _documents(_child(element, "linkeddocuments", "documents")) if not d.restricted]
    return meeting


def parse_meetings(xml_text: str | bytes) -> list[MgMeeting]:
    root = unwrap(xml_text)
    return [m for m in (_meeting(e) for e in _all(root, "meeting")) if m.id]


def parse_meeting(xml_text: str | bytes) -> MgMeeting:
    root = unwrap(xml_text)
    found = [root] if _local(root.tag) == "meeting" else _all(root, "meeting")
    if not found:
        raise BadReply("no <meeting> in the reply")
    meeting = _meeting(found[0])
    if not meeting.id:
        raise BadReply("a <meeting> with no id")
    return meeting
