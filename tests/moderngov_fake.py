"""A fake ModernGov site on 127.0.0.1: mgWebService.asmx answers in the real
shape (optionally double-escaped inside <string>, as some councils return it),
papers served with ETag and Last-Modified, failures on demand."""
from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class FakeMeeting:
    committee: str
    date: str  # dd/mm/yyyy
    time: str = "10:00"
    status: str = "Confirmed"
    location: str = "County Hall"
    papers: list[tuple[str, str]] = field(default_factory=list)  # (title, path)


class FakeModernGov:
    def __init__(self, double_escaped: bool = False) -> None:
        self.double_escaped = double_escaped
        self.committees = {"101": "Children and Families Overview and Scrutiny Panel", "102": "Planning Committee"}
        self.meetings: dict[str, FakeMeeting] = {}
        self.files: dict[str, bytes] = {}
        self.log: list[tuple[str, int]] = []
        self.failures: dict[str, int] = defaultdict(int)  # path -> how many 500s to answer first
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
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
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, prefix: str = "") -> list[tuple[str, int]]:
        with self.lock:
            return [(p, s) for p, s in self.log if p.startswith(prefix)]

    def _xml(self, inner: str) -> bytes:
        document = f'<?xml version="1.0" encoding="utf-8"?>{inner}'
        if self.double_escaped:
            document = f'<?xml version="1.0" encoding="utf-8"?><string xmlns="http://tempuri.org/">{escape(inner)}</string>'
        return document.encode()

    def answer(self, raw_path: str, headers) -> tuple[int, bytes, dict]:
        parsed = urlparse(raw_path)
        path, query = parsed.path, {k: v[0] for k, v in parse_qs(parsed.query).items()}
        with self.lock:
            if self.failures[path] > 0:
                self.failures[path] -= 1
                return 500, b"Server Error", {"Content-Type": "text/plain"}
        if path.endswith("/GetCommittees"):
            items = "".join(f"<committee><committeeid>{i}</committeeid><committeetitle>{escape(t)}</committeetitle></committee>"
                            for i, t in self.committees.items())
            return 200, self._xml(f"<committees>{items}</committees>"), {"Content-Type": "text/xml"}
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
            docs = "".join(f"<linkeddoc><title>{escape(t)}</title><url>{escape(u)}</url><attachmentid>{n}</attachmentid></linkeddoc>"
                           for n, (t, u) in enumerate(meeting.papers))
            inner = (f"<getmeeting><meeting><meetingid>{query['lMeetingId']}</meetingid><committeeid>{meeting.committee}</committeeid>"
                     f"<meetingdate>{meeting.date}</meetingdate><meetingtime>{meeting.time}</meetingtime>"
                     f"<meetingstatus>{meeting.status}</meetingstatus><meetinglocation>{escape(meeting.location)}</meetinglocation>"
                     f"<agendaitems><agendaitem><agendaitemtitle>Papers</agendaitemtitle><linkeddocuments>{docs}</linkeddocuments>"
                     f"</agendaitem></agendaitems></meeting></getmeeting>")
            return self._conditional(self._xml(inner), headers, "text/xml")
        if path in self.files:
            return self._conditional(self.files[path], headers, "application/pdf")
        return 404, b"Not Found", {"Content-Type": "text/plain"}

    @staticmethod
    def _conditional(body: bytes, headers, content_type: str) -> tuple[int, bytes, dict]:
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if headers.get("If-None-Match") == etag:
            return 304, b"", {"ETag": etag}
        return 200, body, {"ETag": etag, "Content-Type": content_type, "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}
