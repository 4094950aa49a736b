"""Exempt business (Part II, Schedule 12A, "not for publication", ModernGov's
restricted items) is never stored, indexed or shown: not by any command, export,
reminder or new-minutes message, and not in any table or full-text index."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from corpus import ExemptPaper, parse
from handlers import dispatch
from handlers.reminders import Due, reminder_message
from handlers.sources import minutes_digest
from sources.fetch import Fetcher, Site
from sources.moderngov import notify_new_minutes, sync_site
from store import queries
from store.export import actions_csv
from store.ingest import ingest_paths

from .conftest import LONDON
from .moderngov_fake import FakeItem, FakeMeeting, FakeModernGov, item_html
from .slack_fake import FakeSlack

SECRET = "Quillfeather"  # planted only in exempt business
NOW = datetime(2023, 3, 20, 9, 0, tzinfo=LONDON)

MINUTES = """Minutes of the Resources Overview and Scrutiny Panel

Exampleshire County Council

Tuesday, 14 March 2023, 10.00 am, County Hall

Present: Councillor Ann Bee (Chairman), Councillor Carl Dee

41 Apologies

Apologies were received from Councillor Eve Eff.

42 Budget Monitoring

The Panel considered the budget monitoring report. It was agreed that a briefing on reserves would be circulated to all Members.

43 Exclusion of the Press and Public

RESOLVED that under Section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting for the following item of business on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Act.

44 Highways Contract Extension

The Panel considered the bid from Quillfeather Holdings of 4.2 million pounds. It was agreed that the Head of Procurement would negotiate a discount with Quillfeather Holdings.

The press and public were re-admitted to the meeting.

45 Work Programme

It was agreed that the Panel would receive a report on school transport in June 2023.
"""

AGENDA = """Agenda

Resources Overview and Scrutiny Panel

Exampleshire County Council

Monday, 17 April 2023, 10.00 am, County Hall

1. Apologies

2. Property Disposals (Exempt)

The Quillfeather site valuation is set out in the confidential report.

3. Supported Exempt Accommodation Review

A report on supported exempt accommodation in the county. Appendix 2 to this report is exempt under paragraph 3 of Schedule 12A and is not published.

4. Leisure Centre Contract

The report is attached.

Appendix 3 - Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972

Quillfeather Leisure offered the lowest price.

PART II - Items likely to be considered in the absence of the press and public

5. Insurance Claims

Quillfeather Insurance has settled three claims.

Please note that the press and public may be excluded during consideration of item 5.
"""


def test_each_layout_of_exempt_business_is_left_out_and_titles_stay():
    minutes = parse(MINUTES)
    assert [i.number for i in minutes.items] == ["41", "42", "43", "44", "45"]
    assert minutes.items[3].title == "Highways Contract Extension" and SECRET not in minutes.items[3].text
    assert {a.item for a in minutes.actions} == {"42", "45"}  # nothing from the exempt item, nor the exclusion itself
    assert not any("excluded" in a.text for a in minutes.actions)
    assert any("press and public excluded" in part for part in minutes.exempt)

    agenda = parse(AGENDA)
    text = " ".join(i.text for i in agenda.items)
    assert SECRET not in text
    assert [i.title for i in agenda.items] == ["Apologies", "Property Disposals (Exempt)", "Supported Exempt Accommodation Review",
                                               "Leisure Centre Contract", "Insurance Claims"]
    # a public report that only mentions an exempt appendix stays; so does a topic that has "exempt" in its name
    assert "supported exempt accommodation in the county" in agenda.items[2].text
    assert "The report is attached." in agenda.items[3].text
    assert len(agenda.exempt) == 3


def test_a_paper_marked_not_for_publication_as_a_whole_is_refused():
    paper = "NOT FOR PUBLICATION\n\nMinutes of the Resources Panel\n\nTuesday, 14 March 2023\n\n1 Contract\n\nQuillfeather.\n"
    with pytest.raises(ExemptPaper):
        parse(paper)


def test_a_notice_that_the_public_may_be_excluded_changes_nothing():
    for notice in ("The press and public may be excluded from part of this meeting.",
                   "However, there may be occasions when the public are excluded from the meeting for particular items."):
        doc = parse(f"Minutes of the Resources Panel\n\nTuesday, 14 March 2023\n\n1 Apologies\n\n{notice}\n\n"
                    "2 Budget\n\nIt was agreed that the figures would be circulated to Members.\n")
        assert doc.exempt == [] and len(doc.actions) == 1, notice


def test_an_exclusion_that_names_its_items_leaves_out_those_items_only():
    doc = parse("Minutes of the Resources Panel\n\nTuesday, 14 March 2023\n\n11 Exclusion of the Public\n\n"
                "RESOLVED that the public be excluded from the meeting for item 13 of business.\n\n"
                "12 Budget\n\nIt was agreed that the figures would be circulated to Members.\n\n"
                "13 Land Sale\n\nQuillfeather Estates would be asked to improve their offer.\n\n"
                "14 Work Programme\n\nIt was agreed that a report on libraries would be brought in June.\n")
    assert [(i.number, bool(i.text)) for i in doc.items] == [("11", True), ("12", True), ("13", False), ("14", True)]
    assert {a.item for a in doc.actions} == {"12", "14"}


def planted_site() -> FakeModernGov:
    """A site whose reply carries exempt business four ways, and whose minutes PDF has a Part II section."""
    site = FakeModernGov()
    site.committees = {"301": "Resources Overview and Scrutiny Panel"}
    site.files["/documents/minutes-2023-03.txt"] = MINUTES.encode()
    site.files["/documents/exempt-report.pdf"] = b"%PDF-1.4 Quillfeather valuation"
    items = [
        FakeItem("1", "Apologies", item_html("Apologies were received from Councillor Eve Eff.")),
        FakeItem("2", "Budget Monitoring", item_html("It was agreed that a briefing on reserves would be circulated to all Members."),
                 documents=[("Budget report", "documents/budget.pdf", False)]),
        FakeItem("3", "Highways Contract Extension",
                 item_html("It was agreed that the Head of Procurement would negotiate with Quillfeather Holdings."),
                 agenda_html="<p>Quillfeather Holdings bid</p>", restricted=True,
                 documents=[("Quillfeather bid appraisal", "documents/exempt-report.pdf", True)]),
        FakeItem("4", "Land at Mill Lane (Exempt)", item_html("Quillfeather Estates would be asked to improve their offer.")),
        FakeItem("5", "Leisure Contract", item_html("The report was noted.\n\nAppendix 1 - exempt information under paragraph 3 "
                                                     "of Schedule 12A\n\nQuillfeather Leisure would be invited to tender.")),
    ]
    site.meetings["901"] = FakeMeeting("301", "14/03/2023", papers=[("Printed minutes", "documents/minutes-2023-03.txt")],
                                       items=items)
    site.meetings["902"] = FakeMeeting("301", "17/04/2023", items=[FakeItem("1", "Apologies"), FakeItem(
        "2", "Contract Award", restricted=True, agenda_html="<p>Quillfeather</p>")])
    return site


def everything_stored(db, db_path) -> str:
    """Every cell of every table (FTS shadow tables and vocabularies included) and the raw file."""
    out = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    for table in tables:
        for row in db.execute(f"SELECT * FROM [{table}]"):
            out.extend(str(cell) if not isinstance(cell, bytes) else cell.decode("latin-1") for cell in row)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out.append(db_path.read_bytes().decode("latin-1"))
    return "\n".join(out)


def test_planted_exempt_text_reaches_no_table_index_command_export_reminder_or_message(db, db_path, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    report = ingest_paths(db, [folder], now=NOW)
    assert "left out" in report.summary() and "Property Disposals" in report.summary()

    site = planted_site()
    fake = FakeSlack()
    try:
        where = Site.parse(site.url, allow_private=True)
        with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
            synced = sync_site(db, where, NOW, council="Exampleshire County Council", fetcher=fetcher,
                               since=datetime(2023, 1, 1).date())
        assert synced.failed == [], synced.failed
        assert not site.requests("/documents/exempt-report.pdf")  # a restricted item's document is never fetched
        assert any("restricted on the council's site" in part for part in synced.left_out)
        assert "left out" in synced.summary()

        dispatch("channel resources", db, NOW, user="U1", channel="C5")
        from bot.reminders import slack_client
        notify_new_minutes(db, slack_client("xoxb-x", fake.api_url), synced, NOW)
        messages = [c["body"] for c in fake.sent("/api/chat.postMessage")]
        assert len(messages) == 1  # one message for the meeting, though its minutes came from the site and a paper
        posted = str(messages)
    finally:
        site.close()
        fake.close()

    for command in (f"find {SECRET}", f"history {SECRET}", "find Quillfeather Holdings bid"):
        assert dispatch(command, db, NOW).text.startswith("No matches")  # (the reply repeats only what was typed)
    shown = [dispatch(command, db, NOW).text for command in (
        "next resources", "actions all", "find Holdings", "find valuation", "find offer", "history contract", "panels",
        "sources")]
    panel = queries.committees(db)[0]
    meeting = queries.next_meeting(db, panel.id, NOW.date())
    shown.append(reminder_message(db, Due(meeting, panel, 7, NOW, "channel:C5", False), NOW).text)
    for document_id in [r[0] for r in db.execute("SELECT id FROM documents")]:
        digest = minutes_digest(db, document_id, NOW)
        if digest:
            shown.append(digest[1].text)
    exported = io.StringIO()
    actions_csv(db, exported)
    shown += [exported.getvalue(), posted]

    assert "Contract Award" in shown[0] and "exempt" in shown[0]  # the title as published, marked
    assert any("briefing on reserves" in text for text in shown)  # public business is all there
    for text in shown:
        assert SECRET.lower() not in text.lower(), text[:500]
    assert SECRET.lower() not in everything_stored(db, db_path).lower()
    for vocabulary in ("search_fts_vocab", "papers_fts_vocab"):
        assert not db.execute(f"SELECT 1 FROM {vocabulary} WHERE term LIKE 'quill%'").fetchone()
    assert list(csv.reader(io.StringIO(exported.getvalue())))[0][:2] == ["number", "panel"]
