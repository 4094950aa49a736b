"""A fake ModernGov site on 127.0.0.1. mgWebService.asmx answers in the shapes
real sites return (read from public clients of the service): XML, optionally
double-escaped inside an ASMX <string>; each agenda item's minutes as
entity-encoded HTML; titles whose entities are encoded twice (&amp;#39;);
empty elements that hold only a line break and spaces; True/False flags;
dates dd/mm/yyyy and times "10.00 am"; document links as absolute http://
URLs. A restricted item carries its minutes and documents in the reply, as a
careless site might: the client must not read them.

Forward plans are not in the web service (it has no operation for them):
they are pages, as ModernGov serves them. mgPlansHome.aspx links each plan
(mgListPlans.aspx?RPId=…); that page lists the plan's editions, newest first
(mgListPlanItems.aspx?PlanId=…&RP=…, labelled with their period); an edition
lists its decisions, each a title linked to its issue page
(mgIssueHistoryHome.aspx?IId=…) and its fields as "<span class="mgLabel">
Decision maker: </span>Cabinet" paragraphs. A site with no plans answers 404.

Papers are served with ETag and Last-Modified. On demand: 500s, redirects,
a reply that drips a byte at a time, and an endless body."""
from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from urllib.parse import parse_qs, urlparse

EMPTY = "\r\n      "  # what an empty element holds on a real site
_ids = count(7001)


@dataclass
class FakeItem:
    number: str | None
    title: str
    minutes_html: str = ""  # served only when minutes_published
    agenda_html: str = ""
    restricted: bool = False
    call_in: bool = False
    decision: bool = False
    decision_published: bool = False
    minutes_published: bool = True
    minutes_number: str | None = None
    documents: list[tuple[str, str, bool]] = field(default_factory=list)  # (title, path or URL, restricted)
    id: int = field(default_factory=lambda: next(_ids))


@dataclass
class FakeMeeting:
    committee: str
    date: str  # dd/mm/yyyy
    time: str = "10.00 am"
    status: str = "Confirmed"
    location: str = "County Hall"
    papers: list[tuple[str, str]] = field(default_factory=list)  # the meeting's own documents: (title, path)
    items: list[FakeItem] = field(default_factory=list)
    finish: str = ""


@dataclass
class FakeDecision:
    title: str
    due: str  # as the plan writes it: "14 May 2026"
    maker: str = "Cabinet"
    officer: str = "A Smith"
    restriction: str = "Open"  # or "Part exempt", "Fully exempt"
    explanation: str = ""
    id: int = field(default_factory=lambda: next(_ids))


@dataclass
class FakePlanEdition:
    id: str
    title: str  # "Forward Plan - April 2026"
    start: str  # dd/mm/yyyy
    end: str
    decisions: list[FakeDecision] = field(default_factory=list)


@dataclass
class FakePlan:
    committee: str  # whose plan it is: "Cabinet"
    year: str
    editions: list[FakePlanEdition] = field(default_factory=list)  # newest first, as the site lists them


def _flag(value: bool) -> str:
    return "True" if value else "False"


def _text(value: str) -> str:
    """A plain field as real sites write it: entities encoded twice."""
    return escape(value.replace("'", "&#39;"), quote=False) if value else EMPTY


class FakeModernGov:
    def __init__(self, double_escaped: bool = False) -> None:
        self.double_escaped = double_escaped
        self.committees = {"101": "Children and Families Overview and Scrutiny Panel", "102": "Planning Committee"}
        self.meetings: dict[str, FakeMeeting] = {}
        self.files: dict[str, bytes] = {}
        self.plans: dict[str, FakePlan] = {}  # RPId -> the plan; none: the site has no plan pages
        self.log: list[tuple[str, int]] = []
        self.failures: dict[str, int] = defaultdict(int)  # path -> how many 500s to answer first
        self.redirects: dict[str, str] = {}  # path -> Location
        self.dripping: set[str] = set()  # paths answered a byte at a time, forever
        self.endless: set[str] = set()  # paths whose body never ends (no Content-Length)
        self.lock = threading.Lock()
        self.closing = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real sites do
            disable_nagle_algorithm = True  # headers and body go in two writes

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                path = urlparse(self.path).path
                if path in site.dripping:
                    return site.drip(self)
                if path in site.endless:
                    return site.endless_body(self)
                status, body, headers = site.answer(self.path, self.headers)
                with site.lock:
                    site.log.append((self.path, status))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()

    def requests(self, prefix: str = "") -> list[tuple[str, int]]:
        with self.lock:
            return [(p, s) for p, s in self.log if p.startswith(prefix)]

    def drip(self, handler: BaseHTTPRequestHandler) -> None:
        """Status line, headers and body, one byte every 50 ms, never finishing."""
        with self.lock:
            self.log.append((handler.path, 200))
        handler.close_connection = True
        reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000000\r\n\r\n" + b"%PDF-1.4 " * 10
        try:
            while not self.closing.is_set():
                for byte in reply:
                    if self.closing.wait(0.05):
                        return
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                reply = b"x" * 1000
        except OSError:
            return

    def endless_body(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.log.append((handler.path, 200))
        try:
            handler.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/pdf\r\nConnection: close\r\n\r\n")
            handler.close_connection = True
            chunk = b"%PDF-1.4 " + b"0" * 65527
            while not self.closing.is_set():
                handler.wfile.write(chunk)
        except OSError:
            return

    def _xml(self, inner: str) -> bytes:
        document = f'<?xml version="1.0" encoding="utf-8"?>{inner}'
        if self.double_escaped:
            document = f'<?xml version="1.0" encoding="utf-8"?><string xmlns="http://tempuri.org/">{escape(inner)}</string>'
        return document.encode()

    def _link(self, path: str) -> str:
        """Document links as ModernGov writes them: absolute, http://."""
        return path if "://" in path else f"{self.url}/{path.lstrip('/')}"

    def _doc(self, number: int, title: str, path: str, restricted: bool = False) -> str:
        return (f"<linkeddoc><attachmentid>{number}</attachmentid><title>{_text(title)}</title>"
                f"<url>{escape(self._link(path))}</url><isrestricted>{_flag(restricted)}</isrestricted>"
                f"<publicationdate>01/01/2024</publicationdate></linkeddoc>")

    def _item(self, position: int, item: FakeItem) -> str:
        docs = "".join(self._doc(item.id * 10 + n, t, p, r) for n, (t, p, r) in enumerate(item.documents))
        minutes = escape(item.minutes_html) if item.minutes_published and item.minutes_html else EMPTY
        return (f"<agendaitem><agendaitemid>{item.id}</agendaitemid><agendaitemnumber>{position if item.number else 0}</agendaitemnumber>"
                f"<fulldisplaynumberformat>{escape(item.number + '.') if item.number else EMPTY}</fulldisplaynumberformat>"
                f"<agendaitemtitle>{_text(item.title)}</agendaitemtitle>"
                f"<agendatext>{escape(item.agenda_html) if item.agenda_html else EMPTY}</agendatext>"
                f"<isrestricted>{_flag(item.restricted)}</isrestricted><isdisplayallowed>True</isdisplayallowed>"
                f"<iscallin>{_flag(item.call_in)}</iscallin><isdecision>{_flag(item.decision)}</isdecision>"
                f"<isdecisionpublished>{_flag(item.decision_published)}</isdecisionpublished>"
                f"<isminutepublished>{_flag(item.minutes_published and bool(item.minutes_html))}</isminutepublished>"
                f"<minutesitemnumber>{item.minutes_number or EMPTY}</minutesitemnumber>"
                f"<minutesnonemptyhtmlbody>{minutes}</minutesnonemptyhtmlbody>"
                f"<linkeddocuments>{docs}</linkeddocuments></agendaitem>")

    def answer(self, raw_path: str, headers) -> tuple[int, bytes, dict]:
        parsed = urlparse(raw_path)
        path, query = parsed.path, {k: v[0] for k, v in parse_qs(parsed.query).items()}
        with self.lock:
            if self.failures[path] > 0:
                self.failures[path] -= 1
                return 500, b"Server Error", {"Content-Type": "text/plain"}
        if path in self.redirects:
            return 302, b"", {"Location": self.redirects[path]}
        if path.endswith("/GetCommittees"):
            items = "".join(f"<committee><committeeid>{i}</committeeid><committeetitle>{_text(t)}</committeetitle>"
                            f"<committeeexpired>False</committeeexpired><committeedeleted>False</committeedeleted></committee>"
                            for i, t in self.committees.items())
            return 200, self._xml(f"<committees><committeescount>{len(self.committees)}</committeescount>{items}</committees>"), \
                {"Content-Type": "text/xml"}
        if path.endswith("/GetMeetings"):
            start = datetime.strptime(query["sFromDate"], "%d/%m/%Y")
            end = datetime.strptime(query["sToDate"], "%d/%m/%Y")
            items = "".join(
                f"<meeting><meetingid>{i}</meetingid><meetingdate>{m.date}</meetingdate><meetingtime>{m.time}</meetingtime>"
                f"<meetingstatus>{m.status}</meetingstatus></meeting>"
                for i, m in self.meetings.items()
                if m.committee == query["lCommitteeId"] and start <= datetime.strptime(m.date, "%d/%m/%Y") <= end)
            return 200, self._xml(f"<getmeetings><meetings>{items}</meetings></getmeetings>"), {"Content-Type": "text/xml"}
        if path.endswith("/GetMeeting"):
            meeting = self.meetings.get(query.get("lMeetingId", ""))
            if meeting is None:
                return 404, b"no such meeting", {"Content-Type": "text/plain"}
            papers = "".join(self._doc(n, t, p) for n, (t, p) in enumerate(meeting.papers))
            items = "".join(self._item(n + 1, item) for n, item in enumerate(meeting.items))
            minutes_out = any(i.minutes_published and i.minutes_html for i in meeting.items)
            inner = (f"<getmeeting><meeting><meetingid>{query['lMeetingId']}</meetingid><committeeid>{meeting.committee}</committeeid>"
                     f"<committeetitle>{_text(self.committees.get(meeting.committee, ''))}</committeetitle>"
                     f"<meetingdate>{meeting.date}</meetingdate><meetingtime>{meeting.time}</meetingtime>"
                     f"<meetingplannedfinishtime>{meeting.finish or EMPTY}</meetingplannedfinishtime>"
                     f"<meetingstatus>{meeting.status}</meetingstatus><meetinglocation>{_text(meeting.location)}</meetinglocation>"
                     f"<agendapublished>{_flag(bool(meeting.items or meeting.papers))}</agendapublished>"
                     f"<minutepublished>{_flag(minutes_out)}</minutepublished><decisionpublished>False</decisionpublished>"
                     f"<agendaitems>{items}</agendaitems><linkeddocuments>{papers}</linkeddocuments></meeting></getmeeting>")
            return self._conditional(self._xml(inner), headers, "text/xml")
        if self.plans and path in ("/mgPlansHome.aspx", "/mgListPlans.aspx", "/mgListPlanItems.aspx"):
            page = self._plan_page(path, query)
            if page is None:
                return 404, b"Not Found", {"Content-Type": "text/plain"}
            return self._conditional(page.encode(), headers, "text/html; charset=utf-8")
        if path in self.files:
            return self._conditional(self.files[path], headers, "application/pdf")
        return 404, b"Not Found", {"Content-Type": "text/plain"}

    @staticmethod
    def _page(title: str, subtitle: str, body: str) -> str:
        return (f'<!DOCTYPE html><html lang="en"><head><title>{escape(title)}</title></head><body>'
                f'<div id="modgov"><div class="mgContent"><h1 class="mgMainTitleTxt">{escape(title)}</h1>'
                f'<h2 class="mgSubTitleTxt">{escape(subtitle)}</h2>{body}</div></div></body></html>')

    def _plan_page(self, path: str, query: dict[str, str]) -> str | None:
        if path == "/mgPlansHome.aspx":
            links = "".join(f'<li><a href="mgListPlans.aspx?RPId={rp}&amp;RD=0" title="Link to forward plans for '
                            f'{escape(plan.committee)}">{escape(plan.committee)}</a></li>' for rp, plan in self.plans.items())
            return self._page("Forward Plans", "Browse forward plans", f'<ul class="mgBulletList">{links}</ul>')
        if path == "/mgListPlans.aspx":
            plan = self.plans.get(query.get("RPId", ""))
            if plan is None:
                return None
            rows = "".join(f'<li class="mgTable{"Even" if n % 2 else "Odd"}Row"><a href="mgListPlanItems.aspx?PlanId={e.id}'
                           f'&amp;RP={query["RPId"]}">{escape(e.title)} ({e.start} to {e.end})</a></li>'
                           for n, e in enumerate(plan.editions))
            return self._page("Browse forward plans", f"{plan.committee}, {plan.year}",
                              "<p>The forward plan gives at least 28 days&#39; notice of key decisions.</p>"
                              f'<ul class="mgBulletList">{rows}</ul>')
        found = [(rp, e) for rp, plan in self.plans.items() for e in plan.editions if e.id == query.get("PlanId")]
        if not found:
            return None
        rp, edition = found[0]

        def label(name: str, value: str) -> str:
            return f'<p><span class="mgLabel">{name}:&nbsp;</span> {value}</p>'

        rows = []
        for n, d in enumerate(edition.decisions, 1):
            fields = [label("Decision maker", escape(d.maker)), label("Decision due", escape(d.due)),
                      label("Lead officer", escape(d.officer)), label("Decision status", "For Determination"),
                      label("Notice of proposed decision first published", edition.start),
                      label("Anticipated restriction", f"{escape(d.restriction)}&nbsp; -&nbsp;"
                            + (' <a href="#">view reasons</a>' if d.explanation else ""))]
            if d.explanation:
                fields.append(f'<p><span class="mgLabel">Explanation of anticipated restriction:</span><br />'
                              f'{escape(d.explanation)}</p>')
            rows.append(f'<tr><td class="mgItemNumberCell"><p>{n}.</p></td><td><p><a class="mgPlanItemTitle" '
                        f'href="mgIssueHistoryHome.aspx?IId={d.id}&amp;PlanId={edition.id}&amp;RPID={rp}">'
                        f'{escape(d.title)}</a></p>{"".join(fields)}</td></tr>')
        table = (f'<table class="mgItemTable" summary="Plan items"><caption class="mgSectionTitle">Plan items</caption>'
                 f'<tr><th scope="col">No.</th><th scope="col">Item</th></tr>{"".join(rows)}</table>')
        return self._page("Forward plan", f"{edition.title} ({edition.start} to {edition.end})", table)

    @staticmethod
    def _conditional(body: bytes, headers, content_type: str) -> tuple[int, bytes, dict]:
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if headers.get("If-None-Match") == etag:
            return 304, b"", {"ETag": etag}
        return 200, body, {"ETag": etag, "Content-Type": content_type, "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}


def item_html(text: str) -> str:
    """An item's minutes as ModernGov renders them: paragraphs, lists and tables."""
    out = []
    for block in [b for b in text.split("\n\n") if b.strip()]:
        lines = [line for line in block.split("\n") if line.strip()]
        if all("\t" in line for line in lines):
            rows = "".join("<tr>" + "".join(f"<td>{escape(c.strip())}</td>" for c in line.split("\t")) + "</tr>" for line in lines)
            out.append(f"<table>{rows}</table>")
        elif all(line.lstrip().startswith("- ") for line in lines):
            out.append("<ul>" + "".join(f"<li>{escape(line.lstrip()[2:])}</li>" for line in lines) + "</ul>")
        else:
            out.append("<p>" + "<br />".join(escape(line) for line in lines) + "</p>")
    return "\n".join(out)


def wait_until_done(thread: threading.Thread, seconds: float = 60.0) -> bool:
    """Join a thread; False if it is still running (a hang) after a generous bound."""
    thread.join(seconds)
    return not thread.is_alive()
