"""Keeping the store in step with a council's ModernGov site.

Lists committees and meetings through mgWebService.asmx, fetches each
meeting's details and its agenda and minutes, and ingests them with their URL
as provenance. Incremental (ETag / Last-Modified, then content hash), polite
(a minimum gap between requests, a User-Agent naming the bot, back-off and
retries on 5xx and time-outs), and it says what failed.

Why httpx: explicit time-outs on every request (requests has none by
default), conditional GETs are plain headers, connection pooling, and the
same client works with a transport mock if ever needed; it is pure Python.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urljoin

import httpx
from sqlite_utils import Database

from corpus import UnreadableDocument, parse_bytes
from corpus.moderngov import BadReply, MgCommittee, MgMeeting, parse_committees, parse_meeting, parse_meetings
from store.save import CannotSave, already_saved, content_hash, save_document, save_listing

log = logging.getLogger(__name__)
USER_AGENT = "scrutiny-bot/0.1 (overview and scrutiny action tracker; +https://github.com/)"
SERVICE = "mgWebService.asmx"


class FetchFailed(Exception):
    """A request that still failed after its retries; the message says why."""


@dataclass
class SyncReport:
    site: str
    committees: list[str] = field(default_factory=list)
    meetings: int = 0
    fetched: int = 0          # documents downloaded (200)
    not_modified: int = 0     # conditional GETs answered 304, or the same bytes again
    new: int = 0
    updated: int = 0
    cancelled: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url or what, reason)
    new_minutes: list[int] = field(default_factory=list)  # document ids

    def summary(self) -> str:
        lines = [f"{self.site}: {len(self.committees)} committees, {self.meetings} meetings; "
                 f"{self.fetched} papers fetched, {self.not_modified} unchanged; {self.new} new, {self.updated} updated, "
                 f"{self.cancelled} cancelled, {len(self.failed)} failed"]
        lines += [f"  failed  {what}: {why}" for what, why in self.failed]
        return "\n".join(lines)


class Fetcher:
    """Polite GETs: a gap between requests, retries with back-off, conditional requests."""

    def __init__(self, db: Database, min_interval: float = 1.0, retries: int = 3, timeout: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep, client: httpx.Client | None = None) -> None:
        self.db = db
        self.min_interval = min_interval
        self.retries = retries
        self.sleep = sleep
        self.client = client or httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})
        self._last = 0.0

    def _wait_turn(self) -> None:
        gap = self.min_interval - (time.monotonic() - self._last)
        if gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()

    def get(self, url: str, conditional: bool = True) -> bytes | None:
        """The body, or None when the server says it has not changed since last time."""
        headers = {}
        cached = self.db.execute("SELECT etag, last_modified FROM fetch_cache WHERE url = ?", [url]).fetchone()
        if conditional and cached:
            if cached[0]:
                headers["If-None-Match"] = cached[0]
            if cached[1]:
                headers["If-Modified-Since"] = cached[1]
        last_error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(min(30.0, 0.5 * 2 ** attempt))
            self._wait_turn()
            try:
                response = self.client.get(url, headers=headers)
            except httpx.HTTPError as err:
                last_error = f"{type(err).__name__}: {err}"[:200]
                continue
            if response.status_code == 304:
                return None
            if response.status_code >= 500 or response.status_code == 429:
                last_error = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    self.sleep(min(60.0, float(retry_after)))
                continue
            if response.status_code >= 400:
                raise FetchFailed(f"HTTP {response.status_code}")
            self._remember(url, response)
            return response.content
        raise FetchFailed(f"{last_error} after {self.retries + 1} tries")

    def _remember(self, url: str, response: httpx.Response) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO fetch_cache (url, etag, last_modified, content_hash, fetched_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
                " content_hash = excluded.content_hash, fetched_at = excluded.fetched_at",
                [url, response.headers.get("ETag"), response.headers.get("Last-Modified"),
                 content_hash(response.content), datetime.now().astimezone().isoformat(timespec="seconds")])

    def forget(self, url: str) -> None:
        """A response we could not use: fetch it whole next time."""
        with self.db.atomic():
            self.db.execute("DELETE FROM fetch_cache WHERE url = ?", [url])


def _service(base: str, operation: str) -> str:
    return urljoin(base.rstrip("/") + "/", f"{SERVICE}/{operation}")


def _wanted(committee: MgCommittee, wanted: str | None) -> bool:
    if not wanted:
        return "scrutiny" in committee.title.lower()
    return wanted == committee.id or wanted.lower() in committee.title.lower()


def _listing_text(committee: str, meeting: MgMeeting, gone: bool = False) -> str:
    if gone:
        return f"{committee}: meeting of {meeting.date} (id {meeting.id}) no longer listed on the council's site"
    return (f"{committee}: meeting of {meeting.date} {meeting.time or ''} at {meeting.location or 'venue not given'}; "
            f"status {meeting.status or 'not given'}; papers: {', '.join(d.title for d in meeting.papers()) or 'none yet'}")


def sync_site(db: Database, site: str, now: datetime, council: str | None = None, committee: str | None = None,
              since: date | None = None, fetcher: Fetcher | None = None) -> SyncReport:
    report = SyncReport(site)
    fetcher = fetcher or Fetcher(db)
    since = since or (now.date() - timedelta(days=365))
    until = now.date() + timedelta(days=366)
    try:
        committees = parse_committees(fetcher.get(_service(site, "GetCommittees?lDays=0"), conditional=False) or b"")
    except (FetchFailed, BadReply) as err:
        report.failed.append(("GetCommittees", str(err)))
        return report
    for mg_committee in (c for c in committees if _wanted(c, committee)):
        report.committees.append(mg_committee.title)
        meetings_url = _service(site, f"GetMeetings?lCommitteeId={mg_committee.id}"
                                      f"&sFromDate={since.strftime('%d/%m/%Y')}&sToDate={until.strftime('%d/%m/%Y')}")
        try:
            stubs = parse_meetings(fetcher.get(meetings_url, conditional=False) or b"")
        except (FetchFailed, BadReply) as err:
            report.failed.append((f"meetings of {mg_committee.title}", str(err)))
            continue
        listed = set()
        for stub in stubs:
            listed.add(stub.id)
            report.meetings += 1
            _sync_meeting(db, site, council, mg_committee, stub, now, fetcher, report)
        _cancel_vanished(db, site, council, mg_committee, listed, since, until, now, report)
    return report


def _sync_meeting(db: Database, site: str, council: str | None, mg_committee: MgCommittee, stub: MgMeeting,
                  now: datetime, fetcher: Fetcher, report: SyncReport) -> None:
    url = _service(site, f"GetMeeting?lMeetingId={stub.id}")
    try:
        body = fetcher.get(url)
    except FetchFailed as err:
        report.failed.append((url, str(err)))
        return
    hints = {"committee": mg_committee.title, **({"council": council} if council else {})}
    if body is None:  # details unchanged: still ask after each paper, which may have been replaced in place
        report.not_modified += 1
        row = db.execute("SELECT meeting_date, papers FROM synced_meetings WHERE site = ? AND mg_meeting_id = ?",
                         [site, stub.id]).fetchone()
        if row and row[1]:
            for _title, doc_url in json.loads(row[1]):
                _sync_paper(db, doc_url, {**hints, "date": row[0]}, now, fetcher, report)
        return
    try:
        meeting = parse_meeting(body)
    except BadReply as err:
        fetcher.forget(url)
        report.failed.append((url, str(err)))
        return
    meeting.date = meeting.date or stub.date
    if not meeting.date:
        report.failed.append((url, "the site gives no date for this meeting"))
        return
    papers = [(d.title, urljoin(site.rstrip("/") + "/", d.url)) for d in meeting.papers()]
    with db.atomic():
        db.execute("INSERT INTO synced_meetings (site, mg_meeting_id, mg_committee_id, committee, meeting_date, last_seen_at, papers)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, mg_meeting_id) DO UPDATE SET meeting_date = excluded.meeting_date,"
                   " last_seen_at = excluded.last_seen_at, gone = 0, papers = excluded.papers",
                   [site, meeting.id, mg_committee.id, mg_committee.title, meeting.date, now.isoformat(timespec="seconds"),
                    json.dumps(papers)])
    listing = save_listing(db, council=council, committee=mg_committee.title, meeting_date=meeting.date, time=meeting.time,
                           venue=meeting.location, cancelled=meeting.cancelled, source=url,
                           text=_listing_text(mg_committee.title, meeting), now=now)
    if meeting.cancelled and listing.status != "unchanged":
        report.cancelled += 1
    for _title, doc_url in papers:
        _sync_paper(db, doc_url, {**hints, "date": meeting.date}, now, fetcher, report)


def _sync_paper(db: Database, url: str, hints: dict[str, str], now: datetime, fetcher: Fetcher, report: SyncReport) -> None:
    try:
        data = fetcher.get(url)
    except FetchFailed as err:
        report.failed.append((url, str(err)))
        return
    if data is None:
        report.not_modified += 1
        return
    report.fetched += 1
    digest = content_hash(data)
    if already_saved(db, digest, url):
        report.not_modified += 1
        return
    try:
        doc, text = parse_bytes(data, url.rsplit("/", 1)[-1].split("?")[0], hints)
        result = save_document(db, doc, text, source=url, source_key=url, digest=digest, size=len(data), now=now)
    except (UnreadableDocument, CannotSave) as err:
        fetcher.forget(url)  # so that a fixed file is fetched again, not answered 304
        report.failed.append((url, str(err)))
        return
    if result.status == "new":
        report.new += 1
    elif result.status == "updated":
        report.updated += 1
    if result.status != "unchanged" and doc.kind in ("minutes", "agenda_and_minutes"):
        report.new_minutes.append(result.document_id)


def _cancel_vanished(db: Database, site: str, council: str | None, mg_committee: MgCommittee, listed: set[str],
                     since: date, until: date, now: datetime, report: SyncReport) -> None:
    """A meeting the site listed before, inside the same dates, and no longer lists: cancelled."""
    rows = db.execute("SELECT mg_meeting_id, meeting_date FROM synced_meetings WHERE site = ? AND mg_committee_id = ?"
                      " AND gone = 0 AND meeting_date BETWEEN ? AND ?",
                      [site, mg_committee.id, since.isoformat(), until.isoformat()]).fetchall()
    for mg_id, meeting_date in rows:
        if mg_id in listed:
            continue
        gone = MgMeeting(id=mg_id, date=meeting_date)
        save_listing(db, council=council, committee=mg_committee.title, meeting_date=meeting_date, time=None, venue=None,
                     cancelled=True, source=_service(site, f"GetMeeting?lMeetingId={mg_id}"),
                     text=_listing_text(mg_committee.title, gone, gone=True), now=now)
        with db.atomic():
            db.execute("UPDATE synced_meetings SET gone = 1 WHERE site = ? AND mg_meeting_id = ?", [site, mg_id])
        report.cancelled += 1


def remember_source(db: Database, site: str, council: str | None, committee: str | None, report: SyncReport,
                    now: datetime) -> None:
    status = "ok" if not report.failed else ("failed" if not report.committees else "partly failed")
    summary = {k: v for k, v in asdict(report).items() if k != "new_minutes"}
    with db.atomic():
        db.execute("INSERT INTO sources (url, council, committee_filter, added_at, last_sync_at, last_status, last_report)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET council = COALESCE(excluded.council, council),"
                   " committee_filter = COALESCE(excluded.committee_filter, committee_filter),"
                   " last_sync_at = excluded.last_sync_at, last_status = excluded.last_status, last_report = excluded.last_report",
                   [site, council, committee, now.isoformat(timespec="seconds"), now.isoformat(timespec="seconds"), status,
                    json.dumps(summary)])


def notify_new_minutes(db: Database, client, report: SyncReport, now: datetime) -> int:
    """Tell each panel's channel about minutes just read: new actions, and earlier ones they may close."""
    from handlers.sources import minutes_digest
    from store import queries

    posted = 0
    channels = {p.id: p.channel for p in queries.committees(db)}
    for document_id in report.new_minutes:
        digest = minutes_digest(db, document_id, now)
        if digest is None or not channels.get(digest[0]):
            continue
        try:
            client.chat_postMessage(channel=channels[digest[0]], unfurl_links=False, **digest[1].slack_message())
            posted += 1
        except Exception as err:  # the sync itself succeeded; the message is a courtesy
            log.warning("could not post new minutes to %s: %s", channels[digest[0]], err)
    return posted


def run_sync(db_path: str, site: str, now: datetime, council: str | None = None, committee: str | None = None,
             since: date | None = None, min_interval: float = 1.0, slack=None) -> SyncReport:
    """One sync of one site, recorded as a source; new minutes announced where a channel is set."""
    from store import connect

    with connect(db_path) as db:
        fetcher = Fetcher(db, min_interval=min_interval)
        try:
            report = sync_site(db, site, now, council, committee, since, fetcher)
        finally:
            fetcher.client.close()
        remember_source(db, site, council, committee, report, now)
        if slack is not None and report.new_minutes:
            notify_new_minutes(db, slack, report, now)
    log.info("%s", report.summary())
    return report


def sync_all(db_path: str, now: datetime, slack=None) -> list[SyncReport]:
    """Every site recorded as a source (the scheduler runs this nightly)."""
    from store import connect

    with connect(db_path) as db:
        sites = db.execute("SELECT url, council, committee_filter FROM sources ORDER BY url").fetchall()
    reports = []
    for url, council, committee in sites:
        try:
            reports.append(run_sync(db_path, url, now, council, committee, slack=slack))
        except Exception:
            log.exception("sync of %s failed", url)
    return reports
