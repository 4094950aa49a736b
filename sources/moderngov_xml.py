"""ModernGov's web service (mgWebService.asmx) replies: committees, meetings
and a meeting's details with links to its documents.

Some councils return the XML escaped inside a <string> element (the ASMX
wrapper), sometimes twice; unwrap() peels that off. Tag names vary in case
between installs, so they are compared in lower case.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .dates import find_dates, parse_time

PAPER_TITLES = re.compile(r"\b(?:agenda|minutes|reports?\s+pack|work\s+programme)\b", re.IGNORECASE)
CANCELLED = re.compile(r"\b(?:cancel+ed|postponed|withdrawn)\b", re.IGNORECASE)


class BadReply(ValueError):
    """The web service answered with something that is not its XML."""


@dataclass
class MgCommittee:
    id: str
    title: str


@dataclass
class MgDocument:
    title: str
    url: str


@dataclass
class MgMeeting:
    id: str
    date: str | None  # ISO
    time: str | None = None
    status: str = ""
    location: str | None = None
    committee_id: str | None = None
    committee_title: str | None = None
    documents: list[MgDocument] = field(default_factory=list)

    @property
    def cancelled(self) -> bool:
        return bool(CANCELLED.search(self.status or ""))

    def papers(self) -> list[MgDocument]:
        """The documents worth reading: agendas, minutes, reports packs, work programmes."""
        return [d for d in self.documents if PAPER_TITLES.search(d.title)]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def unwrap(xml_text: str | bytes) -> ET.Element:
    """The root element, with any escaped-XML <string> wrappers peeled off."""
    text = xml_text.decode("utf-8-sig", "replace") if isinstance(xml_text, bytes) else xml_text
    for _ in range(3):
        try:
            root = ET.fromstring(text.strip())
        except ET.ParseError as err:
            raise BadReply(f"not XML ({err})") from None
        inner = (root.text or "").strip()
        if _local(root.tag) == "string" and len(root) == 0 and inner.startswith("<"):
            text = inner
            continue
        return root
    raise BadReply("XML wrapped too deep")


def _text(element: ET.Element, *names: str) -> str:
    wanted = set(names)
    for child in element:
        if _local(child.tag) in wanted:
            return (child.text or "").strip()
    return ""


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if _local(e.tag) == name]


def _date(text: str) -> str | None:
    found = find_dates(text)
    return found[0].value.isoformat() if found else None


def parse_committees(xml_text: str | bytes) -> list[MgCommittee]:
    root = unwrap(xml_text)
    out = []
    for element in _all(root, "committee"):
        ident = _text(element, "committeeid", "id")
        title = _text(element, "committeetitle", "title", "committeename")
        if ident and title:
            out.append(MgCommittee(ident, title))
    return out


def _meeting(element: ET.Element) -> MgMeeting:
    raw_date = _text(element, "meetingdate", "date")
    time_text = _text(element, "meetingtime", "time")
    meeting = MgMeeting(
        id=_text(element, "meetingid", "id"),
        date=_date(raw_date),
        time=parse_time(time_text) if time_text else parse_time(raw_date[10:]) if len(raw_date) > 10 else None,
        status=_text(element, "meetingstatus", "status"),
        location=_text(element, "meetinglocation", "location") or None,
        committee_id=_text(element, "committeeid") or None,
        committee_title=_text(element, "committeetitle", "committeename") or None,
    )
    seen = set()
    for doc in [e for e in element.iter() if _local(e.tag) in ("linkeddoc", "document", "doc")]:
        url = _text(doc, "url", "link", "documenturl")
        title = _text(doc, "title", "documenttitle", "name")
        if url and url not in seen:
            seen.add(url)
            meeting.documents.append(MgDocument(title, url))
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
