"""Sync under attack and accident: nothing lost when killed partway, nothing
fetched from anywhere but the council's site, nothing that hangs or floods."""
from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

from sources import moderngov
from sources.fetch import Fetcher, FetchFailed, Refused, Site
from sources.moderngov import sync_site
from store import connect, queries

from .conftest import LONDON
from .moderngov_fake import FakeMeeting, FakeModernGov, wait_until_done

NOW = datetime(2023, 3, 1, 9, 0, tzinfo=LONDON)
SINCE = date(2023, 1, 1)
MINUTES = """Minutes of the Children and Families Overview and Scrutiny Panel

Worcestershire County Council

Wednesday, 8 February 2023, 10.00 am, County Hall

1 School Transport

It was agreed that the route review would be circulated to all Members.
"""


def one_paper_site() -> FakeModernGov:
    site = FakeModernGov()
    site.files["/documents/minutes.txt"] = MINUTES.encode()
    site.meetings["701"] = FakeMeeting("101", "08/02/2023", papers=[("Printed minutes", "documents/minutes.txt")])
    return site


@pytest.fixture
def site():
    server = one_paper_site()
    yield server
    server.close()


def sync(db, site: FakeModernGov, allow_private: bool = True, **fetcher_kw):
    where = Site.parse(site.url, allow_private=allow_private)
    with Fetcher(where, min_interval=0, sleep=lambda s: None, **fetcher_kw) as fetcher:
        return sync_site(db, where, NOW, council="Worcestershire County Council", since=SINCE, fetcher=fetcher)


def test_a_sync_killed_between_fetching_and_saving_a_paper_loses_nothing(db, site, monkeypatch):
    real = moderngov.parse_bytes_bounded

    def dies(*args, **kwargs):
        raise SystemExit("killed")  # the process dies after the download, before the paper is saved

    monkeypatch.setattr(moderngov, "parse_bytes_bounded", dies)
    with pytest.raises(SystemExit):
        sync(db, site)
    assert queries.actions(db) == []
    monkeypatch.setattr(moderngov, "parse_bytes_bounded", real)
    before = len(site.requests("/documents/minutes.txt"))
    report = sync(db, site)
    assert [status for _path, status in site.requests("/documents/minutes.txt")[before:]] == [200]  # asked in full, not 304
    assert report.new == 1 and [a.text for a in queries.actions(db)] == [
        "It was agreed that the route review would be circulated to all Members."]


def test_a_failed_save_remembers_no_validator(db, site, monkeypatch):
    monkeypatch.setattr(moderngov, "save_document", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        sync(db, site)
    assert db.execute("SELECT count(*) FROM fetch_cache WHERE url LIKE '%minutes.txt'").fetchone()[0] == 0


def test_only_the_councils_own_site_is_fetched(db, site):
    elsewhere = FakeModernGov()  # an "internal" host on another port, holding something private
    elsewhere.files["/secret.txt"] = b"Minutes of the Internal Panel\n\nMonday, 6 February 2023\n\n1 Payroll\n\nInternal only.\n"
    try:
        site.meetings["701"].papers = [
            ("Agenda frontsheet", f"{elsewhere.url}/secret.txt"),
            ("Minutes (metadata)", "http://169.254.169.254/latest/meta-data/minutes"),
            ("Agenda reports pack", "file:///etc/passwd"),
            ("Minutes printed", f"http://user:pass@127.0.0.1:{site.server.server_port}/documents/minutes.txt"),
            ("Printed minutes", "documents/minutes.txt"),
            ("Minutes moved", "documents/moved.txt"),
        ]
        site.redirects["/documents/moved.txt"] = f"{elsewhere.url}/secret.txt"
        report = sync(db, site)
        assert elsewhere.requests() == []  # not one request reached the other host
        reasons = " | ".join(why for _what, why in report.failed)
        assert reasons.count("not on the council's site") >= 1 and "another port" in reasons
        assert "not an http(s) address" in reasons and "user name" in reasons and "redirected off the site" in reasons
        assert report.new == 1  # the paper on the site itself is read
        assert "Internal only" not in str(db.execute("SELECT group_concat(text) FROM documents").fetchone())
    finally:
        elsewhere.close()


def test_private_and_loopback_addresses_are_refused_unless_allowed(db, site):
    report = sync(db, site, allow_private=False)
    assert site.requests() == []
    assert report.failed and "private, loopback or link-local" in report.failed[0][1] and not report.reached
    with Fetcher(Site.parse(f"http://localhost:{site.server.server_port}"), min_interval=0) as fetcher:
        with pytest.raises(Refused):
            fetcher.get("mgWebService.asmx/GetCommittees")
    with Fetcher(Site.parse("http://169.254.169.254"), min_interval=0) as fetcher:
        with pytest.raises(Refused):  # the cloud metadata address: link-local
            fetcher.get("latest/meta-data")
    assert site.requests() == []


def test_site_addresses_are_read_strictly():
    site = Site.parse("https://democracy.example.gov.uk/mgCommitteeDetails.aspx?ID=123")
    assert site.url == "https://democracy.example.gov.uk"
    # ModernGov links its own documents as http:// on https sites: same host, upgraded
    assert site.resolve("http://democracy.example.gov.uk/documents/g1/x.pdf") == "https://democracy.example.gov.uk/documents/g1/x.pdf"
    assert site.resolve("/documents/x.pdf") == "https://democracy.example.gov.uk/documents/x.pdf"
    for bad in ("https://democracy.example.gov.uk.evil.example/x.pdf", "https://democracy.example.gov.uk:8443/x.pdf",
                "ftp://democracy.example.gov.uk/x.pdf", "//elsewhere.example/x.pdf"):
        with pytest.raises(Refused):
            site.resolve(bad)
    for bad in ("not-a-url", "", "ftp://example.gov.uk", "https://user:pw@example.gov.uk", "https://"):
        with pytest.raises(ValueError):
            Site.parse(bad)


def test_a_slow_drip_site_cannot_hang_a_sync(db_path, site):
    site.dripping.add("/documents/minutes.txt")
    outcome = {}

    def run():
        with connect(db_path) as db:
            outcome["report"] = sync(db, site, deadline=1.0, retries=0)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert wait_until_done(worker), "sync still hanging on a site that drips"
    failed = outcome["report"].failed
    assert len(failed) == 1 and "no complete answer within 1 s" in failed[0][1]


def test_a_slow_drip_in_the_headers_is_bounded_too(site):
    site.dripping.add("/mgWebService.asmx/GetCommittees")
    outcome = {}

    def run():
        with Fetcher(Site.parse(site.url, allow_private=True), min_interval=0, deadline=0.5, retries=0) as fetcher:
            try:
                fetcher.get("mgWebService.asmx/GetCommittees")
            except FetchFailed as err:
                outcome["error"] = str(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    assert wait_until_done(worker)
    assert "no complete answer within 0.5 s" in outcome["error"]


def test_a_download_past_the_size_cap_is_refused_and_the_rest_goes_on(db, site):
    site.endless.add("/documents/huge.pdf")
    site.meetings["701"].papers.insert(0, ("Agenda reports pack", "documents/huge.pdf"))
    report = sync(db, site, max_bytes=1024 * 1024)
    assert [(url.rsplit("/", 1)[-1], why) for url, why in report.failed] == [("huge.pdf", "too large (over 1 MB; not read)")]
    assert report.new == 1
