"""ModernGov's forward-plan pages, read for the links that lead to the current plan.

The web service (mgWebService.asmx) has no operation for forward plans; sites
publish them only as pages, the same on every install:
- mgPlansHome.aspx links each plan: <a href="mgListPlans.aspx?RPId=132&amp;RD=0">Cabinet</a>;
- mgListPlans.aspx?RPId=… is headed with the plan's owner and year ("Cabinet, 2026")
  and lists its editions, newest first, each labelled with its period:
  <a href="mgListPlanItems.aspx?PlanId=1133&amp;RP=132">Forward Plan - April 2026 (01/04/2026 to 31/07/2026)</a>;
- mgListPlanItems.aspx?PlanId=… is one edition: each decision's title (linked to its
  mgIssueHistoryHome.aspx page) and its "Decision maker:", "Decision due:", "Lead officer:",
  "Anticipated restriction:" lines. That page is a paper like any other: corpus reads it
  as a forward plan (corpus/programme.py), leaving out decisions to be taken wholly in private.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from corpus.dates import find_dates
from corpus.text import html_to_text

PLANS_HOME = "mgPlansHome.aspx"
_OWNER_AND_YEAR = re.compile(r"^\s*(?P<owner>\S.*?),\s*(?:19|20)\d\d\s*$")


@dataclass
class PlanLink:
    url: str  # as the page wrote it (relative, entities decoded); resolved against the site by the caller
    label: str


@dataclass
class Edition:
    url: str
    label: str
    start: date | None  # the first day of the period it covers
    end: date | None


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[PlanLink] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or None, []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append(PlanLink(self._href.strip(), re.sub(r"\s+", " ", "".join(self._text)).strip()))
            self._href = None


def _links(page: str, target: str) -> list[PlanLink]:
    parser = _Anchors()
    parser.feed(page)
    parser.close()
    seen: set[str] = set()
    out = []
    for link in parser.links:
        if target.lower() in link.url.lower().split("?")[0] and link.url not in seen and link.label:
            seen.add(link.url)
            out.append(link)
    return out


def plans(home_page: str) -> list[PlanLink]:
    """The plans mgPlansHome.aspx links to."""
    return _links(home_page, "mgListPlans.aspx")


def owner(plan_page: str) -> str | None:
    """Whose plan it is, from the mgListPlans page's heading "Cabinet, 2026"."""
    for line in html_to_text(plan_page).split("\n")[:40]:
        found = _OWNER_AND_YEAR.match(line)
        if found:
            return found.group("owner").strip()
    return None


def editions(plan_page: str) -> list[Edition]:
    """The editions mgListPlans.aspx lists, in its order (newest first), each with its period."""
    out = []
    for link in _links(plan_page, "mgListPlanItems.aspx"):
        days = [found.value for found in find_dates(link.label)]
        out.append(Edition(link.url, link.label, days[0] if days else None, days[1] if len(days) > 1 else None))
    return out


def in_force(listed: list[Edition], today: date) -> list[Edition]:
    """The editions to read: the one in force today (the latest that has begun) and any published
    ahead of their period, which give the earliest notice of a decision. With no periods given,
    the first listed (the site lists newest first)."""
    if not any(e.start for e in listed):
        return listed[:1]
    begun = [e for e in listed if e.start is not None and e.start <= today]
    ahead = [e for e in listed if e.start is not None and e.start > today]
    return ([max(begun, key=lambda e: e.start)] if begun else []) + ahead
