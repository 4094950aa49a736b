"""Keeping the store in step with a council's ModernGov site.

Lists committees and meetings through mgWebService.asmx (GetCommittees,
GetMeetings, GetMeeting). What the service says of a meeting is taken as it
is: its items (numbers, titles, restricted / call-in / decision flags, the
item's page and its reports' titles and links), its planned start and finish
and its venue, and each item's own minutes, from which follow-ups are read
item by item. The agenda, minutes and reports-pack PDFs are fetched and read
too: they bring the work programme, and they stand in for the service where
it says nothing (old meetings, councils that do not publish minutes per item).
Where both describe a meeting, the service wins for items and actions (one
record per item; store.save settles it).

Restricted items keep their published titles; nothing else of them is read.
Papers go through corpus's exempt-business filter like any other.

Incremental (validators stored with what they validate, then the content
hash), polite and bounded (sources.fetch), and it says what failed and what
it left out.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from sqlite_utils import Database

from corpus import ExemptPaper, UnreadableDocument
from corpus.bounded import parse_bytes_bounded
from corpus.actions import parse_actions
from corpus.exempt import ExemptPart, public_text, redact
from corpus.items import Span
from corpus.model import Document, Item, Link, Meeting
from corpus.text import fragment_text
from store import sources as state
from store.save import CannotSave, already_saved, content_hash, save_document, save_listing

from .fetch import Fetched, FetchFailed, Fetcher, Refused, Site
from .moderngov_xml import BadReply, MgCommittee, MgMeeting, parse_committees, parse_meeting, parse_meetings

log = logging.getLogger(__name__)
SERVICE = "mgWebService.asmx"


@dataclass
class SyncReport:
    site: str
    reached: bool = False  # the site answered as a ModernGov web service
    committees: list[str] = field(default_factory=list)
    meetings: int = 0
    fetched: int = 0          # papers downloaded (200)
    not_modified: int = 0     # conditional GETs answered 304, or the same bytes again
    new: int = 0
    updated: int = 0
    cancelled: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url or what, reason)
    left_out: list[str] = field(default_factory=list)  # exempt business not stored
    new_minutes: list[int] = field(default_factory=list)  # document ids

    def summary(self) -> str:
        lines = [f"{self.site}: {len(self.committees)} committees, {self.meetings} meetings; "
                 f"{self.fetched} papers fetched, {self.not_modified} unchanged; {self.new} new, {self.updated} updated, "
                 f"{self.cancelled} cancelled, {len(self.failed)} failed"
                 + (f"; {len(self.left_out)} exempt parts left out" if self.left_out else "")]
        lines += [f"  failed    {what}: {why}" for what, why in self.failed]
        lines += [f"  left out  {what}" for what in self.left_out]
        return "\n".join(lines)

    def stored(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "new_minutes"}


def service_url(site: Site, operation: str) -> str:
    return site.resolve(f"{SERVICE}/{operation}")


def _wanted(committee: MgCommittee, wanted: str | None) -> bool:
    if not wanted:
        return "scrutiny" in committee.title.lower() and not committee.retired
    return wanted == committee.id or wanted.lower() in committee.title.lower()


def _listing_text(committee: str, meeting: MgMeeting, gone: bool = False) -> str:
    if gone:
        return f"{committee}: meeting of {meeting.date} (id {meeting.id}) no longer listed on the council's site"
    return (f"{committee}: meeting of {meeting.date} {meeting.time or ''} at {meeting.location or 'venue not given'}; "
            f"status {meeting.status or 'not given'}; papers: {', '.join(d.title for d in meeting.papers()) or 'none yet'}")


def meeting_document(site: Site, meeting: MgMeeting, committee: str, council: str | None) -> tuple[Document, str, list[ExemptPart]]:
    """What the service says of a meeting as one record: its items, each with its own
    minutes and the follow-ups read from them; and the text that may be stored."""
    lines: list[str] = []
    spans: list[Span] = []
    left_out: list[ExemptPart] = []
    for mg in meeting.items:
        heading = len(lines)
        lines.append(f"{mg.number or ''} {mg.title}".strip())
        body = [] if mg.restricted else fragment_text(mg.minutes_html).split("\n")
        lines.extend(body)
        spans.append(Span(heading, heading + 1, len(lines), mg.number, mg.title, None))
        lines.append("")
        if mg.restricted:
            left_out.append(ExemptPart(f"item {mg.number} {mg.title}" if mg.number else f"item {mg.title}",
                                       "restricted on the council's site"))
    public_lines, exempt = redact(lines, spans)  # exempt wording inside an item the site did not restrict
    left_out += exempt
    items = []
    for mg, span in zip(meeting.items, spans):
        links = []
        for doc in mg.documents:
            try:
                links.append(Link(doc.title or "report", site.resolve(doc.url)))
            except Refused:
                continue  # a report elsewhere is not linked
        items.append(Item(number=mg.number, title=mg.title, text="\n".join(public_lines[span.start:span.end]).strip(),
                          url=site.resolve(f"mgAi.aspx?ID={mg.id}") if mg.id and mg.id.isdigit() else None,
                          restricted=mg.restricted, call_in=mg.call_in, decision=mg.decision,
                          decision_published=mg.decision_published, links=links))
    with_minutes = any(item.text for item in items)
    doc = Document(kind="minutes" if with_minutes else "agenda", council=council, committee=committee,
                   meeting=Meeting(meeting.date, meeting.time, meeting.location, meeting.finish_time), items=items)
    if with_minutes:
        doc.actions = parse_actions(items, "", date.fromisoformat(meeting.date))
    doc.exempt = [str(part) for part in left_out]
    return doc, public_text(public_lines), left_out


class _Sync:
    """One sync of one site: the fetcher, the store, and the report they fill in."""

    def __init__(self, db: Database, site: Site, fetcher: Fetcher, now: datetime, council: str | None) -> None:
        self.db, self.site, self.fetcher, self.now, self.council = db, site, fetcher, now, council
        self.report = SyncReport(site.url)

    def _get(self, url: str, what: str, conditional: bool = True) -> Fetched | None:
        try:
            fetched = self.fetcher.get(url, state.validators(self.db, url) if conditional else None)
        except FetchFailed as err:
            self.report.failed.append((what, str(err)))
            return None
        if fetched.body is None:
            self.report.not_modified += 1
        return fetched

    def _remember(self, fetched: Fetched) -> None:
        state.remember_validators(self.db, fetched.url, fetched.etag, fetched.last_modified,
                                  content_hash(fetched.body) if fetched.body is not None else None, self.now)

    def run(self, committee: str | None, since: date, until: date) -> SyncReport:
        fetched = self._get(service_url(self.site, "GetCommittees?lDays=0"), "GetCommittees", conditional=False)
        if fetched is None:
            return self.report
        try:
            committees = parse_committees(fetched.body or b"")
        except BadReply as err:
            self.report.failed.append(("GetCommittees", f"{err}; is this a ModernGov site?"))
            return self.report
        self.report.reached = True
        for mg_committee in (c for c in committees if _wanted(c, committee)):
            self.report.committees.append(mg_committee.title)
            url = service_url(self.site, f"GetMeetings?lCommitteeId={mg_committee.id}"
                                         f"&sFromDate={since.strftime('%d/%m/%Y')}&sToDate={until.strftime('%d/%m/%Y')}")
            listing = self._get(url, f"meetings of {mg_committee.title}", conditional=False)
            if listing is None:
                continue
            try:
                stubs = parse_meetings(listing.body or b"")
            except BadReply as err:
                self.report.failed.append((f"meetings of {mg_committee.title}", str(err)))
                continue
            # some sites ignore the dates asked for and list every meeting ever held
            stubs = [s for s in stubs if s.date is None or since.isoformat() <= s.date <= until.isoformat()]
            for stub in stubs:
                self.report.meetings += 1
                self._meeting(mg_committee, stub)
            self._cancel_vanished(mg_committee, {s.id for s in stubs}, since, until)
        return self.report

    def _hints(self, mg_committee: MgCommittee, meeting_date: str) -> dict[str, str]:
        return {"committee": mg_committee.title, "date": meeting_date, **({"council": self.council} if self.council else {})}

    def _meeting(self, mg_committee: MgCommittee, stub: MgMeeting) -> None:
        url = service_url(self.site, f"GetMeeting?lMeetingId={stub.id}")
        fetched = self._get(url, url)
        if fetched is None:
            return
        if fetched.body is None:  # details unchanged: still ask after each paper, which may have been replaced in place
            known = state.synced_papers(self.db, self.site.url, stub.id)
            if known:
                for _title, paper_url in known[1]:
                    self._paper(paper_url, self._hints(mg_committee, known[0]))
            return
        try:
            meeting = parse_meeting(fetched.body)
        except BadReply as err:
            self.report.failed.append((url, str(err)))
            return
        meeting.date = meeting.date or stub.date
        if not meeting.date:
            self.report.failed.append((url, "the site gives no date for this meeting"))
            return
        papers = []
        for doc in meeting.papers():
            try:
                papers.append((doc.title, self.site.resolve(doc.url)))
            except Refused as err:
                self.report.failed.append((doc.title or doc.url, str(err)))
        try:
            with self.db.atomic():
                state.record_synced_meeting(self.db, self.site.url, meeting.id, mg_committee.id, mg_committee.title,
                                            meeting.date, papers, self.now)
                self._save_meeting(url, fetched.body, mg_committee, meeting)
                self._remember(fetched)
        except CannotSave as err:
            self.report.failed.append((url, str(err)))
            return
        for _title, paper_url in papers:
            self._paper(paper_url, self._hints(mg_committee, meeting.date))

    def _save_meeting(self, url: str, body: bytes, mg_committee: MgCommittee, meeting: MgMeeting) -> None:
        """The meeting as the service describes it: its items when it lists them, else a listing."""
        if meeting.items and not meeting.cancelled:
            doc, text, left_out = meeting_document(self.site, meeting, mg_committee.title, self.council)
            self.report.left_out += [f"{mg_committee.title} {meeting.date}: {part}" for part in left_out]
            # what people are sent to is the meeting's page; the web service's address stays the key
            page = self.site.resolve(f"ieListDocuments.aspx?CId={mg_committee.id}&MId={meeting.id}")
            result = save_document(self.db, doc, text, source=page, source_key=url,
                                   digest=content_hash(url.encode() + b"\n" + body), size=len(body), now=self.now,
                                   origin="service")
            self._count(result.status)
            if result.status != "unchanged" and doc.kind == "minutes":
                self.report.new_minutes.append(result.document_id)
            return
        listing = save_listing(self.db, council=self.council, committee=mg_committee.title, meeting_date=meeting.date,
                               time=meeting.time, venue=meeting.location, cancelled=meeting.cancelled, source=url,
                               text=_listing_text(mg_committee.title, meeting), now=self.now, finish=meeting.finish_time)
        if meeting.cancelled and listing.status != "unchanged":
            self.report.cancelled += 1

    def _count(self, status: str) -> None:
        if status == "new":
            self.report.new += 1
        elif status == "updated":
            self.report.updated += 1

    def _paper(self, url: str, hints: dict[str, str]) -> None:
        fetched = self._get(url, url)
        if fetched is None or fetched.body is None:
            return
        self.report.fetched += 1
        data = fetched.body
        digest = content_hash(data)
        if already_saved(self.db, digest, url):
            self.report.not_modified += 1
            with self.db.atomic():
                self._remember(fetched)
            return
        try:
            doc, text = parse_bytes_bounded(data, url.rsplit("/", 1)[-1].split("?")[0], hints)  # within bounds, in a worker
            with self.db.atomic():
                result = save_document(self.db, doc, text, source=url, source_key=url, digest=digest, size=len(data),
                                       now=self.now)
                self._remember(fetched)
        except ExemptPaper as err:
            self.report.left_out.append(f"{url}: {err}")
            return
        except (UnreadableDocument, CannotSave) as err:
            self.report.failed.append((url, str(err)))
            return
        self.report.left_out += [f"{url}: {part}" for part in doc.exempt]
        self._count(result.status)
        if result.status != "unchanged" and doc.kind in ("minutes", "agenda_and_minutes"):
            self.report.new_minutes.append(result.document_id)

    def _cancel_vanished(self, mg_committee: MgCommittee, listed: set[str], since: date, until: date) -> None:
        """A meeting the site listed before, inside the same dates, and no longer lists: cancelled."""
        for mg_id, meeting_date in state.listed_meetings(self.db, self.site.url, mg_committee.id, since, until):
            if mg_id in listed:
                continue
            gone = MgMeeting(id=mg_id, date=meeting_date)
            with self.db.atomic():
                save_listing(self.db, council=self.council, committee=mg_committee.title, meeting_date=meeting_date,
                             time=None, venue=None, cancelled=True,
                             source=service_url(self.site, f"GetMeeting?lMeetingId={mg_id}"),
                             text=_listing_text(mg_committee.title, gone, gone=True), now=self.now)
                state.mark_gone(self.db, self.site.url, mg_id)
            self.report.cancelled += 1


def sync_site(db: Database, site: Site, now: datetime, council: str | None = None, committee: str | None = None,
              since: date | None = None, fetcher: Fetcher | None = None) -> SyncReport:
    """One pass over a site: committees, their meetings between since (default a year ago)
    and a year ahead, each meeting's details and papers."""
    since = since or (now.date() - timedelta(days=365))
    until = now.date() + timedelta(days=366)
    own = fetcher is None
    fetcher = fetcher or Fetcher(site)
    try:
        return _Sync(db, site, fetcher, now, council).run(committee, since, until)
    finally:
        if own:
            fetcher.close()


def notify_new_minutes(db: Database, client, report: SyncReport, now: datetime) -> int:
    """Tell each panel's channel about minutes just read, once a meeting: new actions, and earlier ones they may close."""
    from handlers.sources import minutes_digest
    from store import queries

    posted = 0
    channels = {p.id: p.channel for p in queries.committees(db)}
    told: set[int] = set()
    for document_id in report.new_minutes:
        row = db.execute("SELECT meeting_id FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None or row[0] in told:
            continue
        told.add(row[0])
        digest = minutes_digest(db, document_id, now)
        if digest is None or not channels.get(digest[0]):
            continue
        try:
            client.chat_postMessage(channel=channels[digest[0]], unfurl_links=False, **digest[1].slack_message())
            posted += 1
        except Exception as err:  # the sync itself succeeded; the message is a courtesy
            log.warning("could not post new minutes to %s: %s", channels[digest[0]], err)
    return posted


def run_sync(db_path: str, site: Site, now: datetime, council: str | None = None, committee: str | None = None,
             since: date | None = None, min_interval: float = 1.0, slack=None) -> SyncReport:
    """One sync of one site. A site seen for the first time is registered (for the nightly
    sync) only when it answered as a ModernGov site; new minutes are announced where a channel is set."""
    from store import connect

    with connect(db_path) as db:
        with Fetcher(site, min_interval=min_interval) as fetcher:
            report = sync_site(db, site, now, council, committee, since, fetcher)
        if report.reached or state.source(db, site.url) is not None:
            status = "ok" if not report.failed else ("failed" if not report.committees else "partly failed")
            state.record_sync(db, site.url, council, committee, site.allow_private, status, report.stored(), now)
        if slack is not None and report.new_minutes:
            notify_new_minutes(db, slack, report, now)
    return report


def sync_all(db_path: str, now: datetime, slack=None) -> list[SyncReport]:
    """Every registered site (the scheduler runs this nightly)."""
    from store import connect

    with connect(db_path) as db:
        registered = state.sources(db)
    reports = []
    for source in registered:
        try:
            report = run_sync(db_path, Site.parse(source.url, source.allow_private), now, source.council,
                              source.committee_filter, slack=slack)
            log.info("%s", report.summary())
            reports.append(report)
        except Exception:
            log.exception("sync of %s failed", source.url)
    return reports
