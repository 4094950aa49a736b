"""Papers from a council's ModernGov site, kept in sync. No test reaches the internet."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from sources.fetch import Fetcher, Site
from sources.moderngov import notify_new_minutes, sync_site
from corpus import demo_corpus
from handlers import dispatch
from handlers.reminders import plan
from handlers.sources import might_close
from store import connect, queries

from .conftest import LONDON
from .moderngov_fake import FakeMeeting, FakeModernGov
from .pdfs import latin1, to_pdf
from .slack_fake import FakeSlack

NOW = datetime(2022, 12, 1, 9, 0, tzinfo=LONDON)
SINCE = date(2017, 1, 1)
MINUTES = latin1((demo_corpus() / "000_492692d4b457f793.txt").read_text(encoding="utf-8"))
AGENDA = latin1((demo_corpus() / "001_c5b07ca9c18f3b4b.txt").read_text(encoding="utf-8"))


def council_site(double_escaped: bool = False) -> FakeModernGov:
    site = FakeModernGov(double_escaped)
    site.files["/documents/agenda-2017.pdf"] = to_pdf(AGENDA)
    site.files["/documents/minutes-2022.pdf"] = to_pdf(MINUTES)
    site.meetings["501"] = FakeMeeting("101", "24/10/2017", papers=[("Agenda frontsheet", "documents/agenda-2017.pdf"),
                                                                     ("Appendix 1 - Ofsted letter", "documents/appendix.pdf")])
    site.meetings["502"] = FakeMeeting("101", "03/11/2022", papers=[("Printed minutes", "documents/minutes-2022.pdf")])
    site.meetings["503"] = FakeMeeting("101", "19/01/2023", time="14:00")
    site.meetings["504"] = FakeMeeting("101", "09/03/2023")
    site.meetings["601"] = FakeMeeting("102", "05/12/2022")  # planning: not a scrutiny committee
    return site


@pytest.fixture
def site():
    server = council_site()
    yield server
    server.close()


def local(url: str) -> Site:
    """The fake sites run on 127.0.0.1: allowed explicitly, as an internal council site would be."""
    return Site.parse(url, allow_private=True)


def sync(db, site: FakeModernGov, **kw):
    where = local(site.url)
    with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
        return sync_site(db, where, NOW, council="Worcestershire County Council", since=SINCE, fetcher=fetcher, **kw)


def test_a_first_sync_reads_every_paper_with_its_url_as_provenance(db, site):
    report = sync(db, site)
    assert report.failed == [] and report.committees == ["Children and Families Overview and Scrutiny Panel"]
    assert (report.meetings, report.fetched, report.new) == (4, 2, 2)
    sources = {row[0] for row in db.execute("SELECT source FROM documents WHERE kind != 'listing'")}
    assert sources == {f"{site.url}/documents/agenda-2017.pdf", f"{site.url}/documents/minutes-2022.pdf"}
    assert any("Chairman would write to the Cabinet Member" in a.text for a in queries.actions(db))
    assert not site.requests("/documents/appendix.pdf")  # appendices are not papers to parse
    assert "Thursday 19 January 2023, 2pm" in dispatch("next cfosp", db, NOW).text  # listed, no papers yet


def test_a_second_sync_fetches_nothing(db, site):
    sync(db, site)
    before = len(site.requests("/documents/"))
    again = sync(db, site)
    papers = site.requests("/documents/")[before:]
    assert (again.fetched, again.new, again.updated) == (0, 0, 0)
    assert papers and all(status == 304 for _path, status in papers)
    assert [status for path, status in site.requests("/mgWebService.asmx/GetMeeting?")][-4:] == [304] * 4


def test_a_changed_paper_is_read_again_and_replaces_the_old(db, site):
    sync(db, site)
    site.files["/documents/minutes-2022.pdf"] = to_pdf(MINUTES.replace(
        "The meeting ended at 12.15 pm", "Members requested a briefing on school place planning.\n\nThe meeting ended at 12.15 pm"))
    report = sync(db, site)
    assert (report.fetched, report.updated) == (1, 1)
    assert any("school place planning" in a.text for a in queries.actions(db))
    assert db.execute("SELECT count(*) FROM documents WHERE source LIKE '%minutes-2022.pdf'").fetchone()[0] == 1


def test_a_cancelled_or_vanished_meeting_becomes_cancelled_and_gets_no_reminder(db, site):
    sync(db, site)
    dispatch("channel cfosp", db, NOW, user="U1", channel="C1")
    site.meetings["503"].status = "Cancelled"
    del site.meetings["504"]
    report = sync(db, site)
    assert report.cancelled == 2
    statuses = dict(db.execute("SELECT date, status FROM meetings WHERE date IN ('2023-01-19', '2023-03-09')").fetchall())
    assert statuses == {"2023-01-19": "cancelled", "2023-03-09": "cancelled"}
    due, _ = plan(db, datetime(2023, 1, 12, 9, 0, tzinfo=LONDON))
    assert due == []
    assert "no future meeting is known" in dispatch("next cfosp", db, NOW).text


def test_a_server_error_is_retried_then_succeeds(db, site):
    site.failures["/mgWebService.asmx/GetMeeting"] = 1
    site.failures["/documents/minutes-2022.pdf"] = 2
    report = sync(db, site)
    assert report.failed == [] and report.new == 2


def test_a_broken_pdf_is_reported_and_the_rest_is_read(db, site):
    site.files["/documents/minutes-2022.pdf"] = b"%PDF-1.4\n" + b"\x00 broken" * 100
    report = sync(db, site)
    assert [(url.rsplit("/", 1)[-1], reason.split(" (")[0]) for url, reason in report.failed] == [("minutes-2022.pdf", "not a readable PDF")]
    assert report.new == 1
    site.files["/documents/minutes-2022.pdf"] = to_pdf(MINUTES)  # fixed on the site: read next time
    assert sync(db, site).new == 1


def test_double_escaped_xml_is_read_the_same(db):
    site = council_site(double_escaped=True)
    try:
        report = sync(db, site)
    finally:
        site.close()
    assert report.failed == [] and report.new == 2


def test_the_whole_site_down_is_one_clear_failure(db):
    where = local("http://127.0.0.1:9")
    report = sync_site(db, where, NOW, since=SINCE, fetcher=Fetcher(where, min_interval=0, retries=1, sleep=lambda s: None))
    assert len(report.failed) == 1 and report.failed[0][0] == "GetCommittees" and "ConnectError" in report.failed[0][1]


def test_sources_command_and_cli_report_the_last_sync(db_path, site, capsys):
    from bot.cli import main

    code = main(["sync", "--moderngov", site.url, "--council", "Worcestershire County Council", "--since", "2017-01-01",
                 "--rate", "0", "--allow-private-network", "--db", str(db_path)])
    assert code == 0
    assert "2 new" in capsys.readouterr().out
    with connect(db_path) as db:
        text = dispatch("sources", db, NOW).text
    assert "Worcestershire County Council" in text and "ok" in text and "2 new and 0 updated papers" in text
    assert "1 committee, 4 meetings," in text  # counts in the singular too


def test_new_minutes_are_announced_in_the_panels_channel(db, site):
    fake = FakeSlack()
    try:
        sync(db, site)  # the 2017 agenda and the 2022 minutes
        dispatch("channel cfosp", db, NOW, user="U1", channel="C9")
        site.files["/documents/minutes-2022.pdf"] = to_pdf(MINUTES + "\n\nIt was agreed that a report on youth services would be brought back.\n")
        report = sync(db, site)
        from bot.reminders import slack_client
        assert notify_new_minutes(db, slack_client("xoxb-x", fake.api_url), report, NOW) == 1
        [message] = [c["body"] for c in fake.sent("/api/chat.postMessage")]
        assert message["channel"] == "C9" and "new actions" in str(message["blocks"])
    finally:
        fake.close()


def test_minutes_that_report_a_follow_up_done_may_close_it():
    action = "It was agreed that details of domestic abuse training opportunities would be circulated to all Members."
    assert might_close(action, "The Panel noted that details of domestic abuse training opportunities had been circulated to all Members.")
    assert not might_close(action, "Members discussed the domestic abuse strategy at length.")


def test_sync_refuses_a_bad_url_at_once_and_registers_nothing(db_path, capsys):
    from bot.cli import main

    for bad in ("not-a-url", "ftp://democracy.example.gov.uk", "https://user:pw@democracy.example.gov.uk"):
        assert main(["sync", "--moderngov", bad, "--db", str(db_path)]) == 2
        assert "nothing was fetched or registered" in capsys.readouterr().err
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_a_site_that_is_not_moderngov_is_not_registered_and_the_summary_is_printed_once(db_path, capsys):
    from bot.cli import main

    site = FakeModernGov()
    site.committees = {}
    try:
        site.redirects["/mgWebService.asmx/GetCommittees"] = "/nothing-here"
        code = main(["sync", "--moderngov", site.url, "--rate", "0", "--allow-private-network", "--db", str(db_path)])
    finally:
        site.close()
    captured = capsys.readouterr()
    assert code == 1 and "was not registered" in captured.err
    assert (captured.out + captured.err).count("0 committees, 0 meetings") == 1
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_sources_remove_stops_a_site_audited_and_undoable(db_path, site, capsys):
    from bot.cli import main

    assert main(["sync", "--moderngov", site.url, "--council", "Worcestershire County Council", "--since", "2017-01-01",
                 "--rate", "0", "--allow-private-network", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("committees,") == 1  # one summary
    assert main(["sources", "remove", "http://nowhere.example.gov.uk", "--db", str(db_path)]) == 2
    assert site.url in capsys.readouterr().err  # the registered ones are named
    assert main(["sources", "remove", site.url + "/", "--db", str(db_path)]) == 0
    assert "2 papers read from it kept" in capsys.readouterr().out
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
        audit = dispatch("audit", db, NOW).text
        assert f"council site {site.url} no longer synced" in audit
        number = db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
        dispatch(f"undo {number}", db, NOW, user="console")
        assert [s[0] for s in db.execute("SELECT url, allow_private FROM sources")] == [site.url]
    assert main(["sources", "remove", site.url, "--papers", "--db", str(db_path)]) == 0
    with connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM documents WHERE source LIKE ?", [site.url + "/%"]).fetchone()[0] == 0
        assert queries.actions(db, status="all") == []
