"""What ModernGov's GetMeeting says of a meeting is used as it is: items, numbers,
titles, flags, planned times, venue, each item's minutes and reports; the PDFs
fill in where the service says nothing; one record per item where both speak."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from handlers import dispatch
from sources.fetch import Fetcher, Site
from sources.moderngov import sync_site
from sources.moderngov_xml import parse_meeting
from store import queries

from .conftest import LONDON
from .moderngov_fake import FakeItem, FakeMeeting, FakeModernGov, item_html

NOW = datetime(2023, 3, 1, 9, 0, tzinfo=LONDON)

# minutes whose numbered headings a PDF reader could not find: only the service knows the items
PDF_MINUTES = """Minutes of the Children and Families Overview and Scrutiny Panel

Worcestershire County Council

Wednesday, 8 February 2023, 10.00 am, County Hall

Present: Councillor Ann Bee (Chairman)

Apologies were received from Councillor Carl Dee.

The Panel considered the report on school transport. It was agreed that the route review would be circulated to all Members.

The Panel discussed recruitment of foster carers. Members requested a briefing on fostering allowances.
"""


def items_site() -> FakeModernGov:
    site = FakeModernGov()
    site.files["/documents/minutes-feb.txt"] = PDF_MINUTES.encode()
    site.meetings["701"] = FakeMeeting("101", "08/02/2023", time="10.00 am", finish="12.30 pm", location="Committee Room 2, County Hall",
                                       papers=[("Printed minutes", "documents/minutes-feb.txt")], items=[
        FakeItem("1", "Apologies", item_html("Apologies were received from Councillor Carl Dee."), minutes_number="61"),
        FakeItem("2", "Home to School Transport", item_html(
            "The Panel considered the report on school transport.\n\nIt was agreed that the route review would be circulated to all Members."),
            minutes_number="62", documents=[("Home to School Transport report", "documents/s100/transport.pdf", False),
                                            ("Appendix 1 - routes", "documents/s101/routes.pdf", False)]),
        FakeItem("3", "Children's Fostering Service", item_html("Members requested a briefing on fostering allowances."),
                 minutes_number="63", decision=True, decision_published=True, call_in=True),
        FakeItem("4", "Work Programme", ""),
    ])
    site.meetings["702"] = FakeMeeting("101", "15/03/2023", time="2.00 pm", location="Council Chamber", items=[
        FakeItem("1", "Apologies"),
        FakeItem("2", "Youth Services Review", documents=[("Youth Services Review", "documents/s200/youth.pdf", False)]),
        FakeItem("3", "Contract Award", restricted=True),
    ])
    return site


@pytest.fixture
def site():
    server = items_site()
    yield server
    server.close()


def sync(db, site: FakeModernGov):
    where = Site.parse(site.url, allow_private=True)
    with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
        report = sync_site(db, where, NOW, council="Worcestershire County Council", since=date(2023, 1, 1), fetcher=fetcher)
    assert report.failed == [], report.failed
    return report


def test_getmeeting_is_read_in_the_shapes_real_sites_return():
    site = items_site()
    try:
        status, body, _ = site.answer("/mgWebService.asmx/GetMeeting?lMeetingId=701", {})
    finally:
        site.close()
    assert b"&amp;#39;" in body and b"&lt;p&gt;" in body and b"\r\n      </minutesnonemptyhtmlbody>" in body
    meeting = parse_meeting(body)
    assert (meeting.date, meeting.time, meeting.finish_time, meeting.location) == ("2023-02-08", "10:00", "12:30", "Committee Room 2, County Hall")
    assert [(i.number, i.title) for i in meeting.items] == [("61", "Apologies"), ("62", "Home to School Transport"),
                                                            ("63", "Children's Fostering Service"), ("4", "Work Programme")]
    fostering = meeting.items[2]
    assert (fostering.call_in, fostering.decision, fostering.decision_published, fostering.restricted) == (True, True, True, False)
    assert meeting.items[3].minutes_html == ""  # a whitespace-only element is empty
    assert "<p>" in meeting.items[1].minutes_html


def test_items_flags_and_each_action_tied_to_its_own_item(db, site):
    sync(db, site)
    meeting = db.execute("SELECT id, time, finish_time, venue FROM meetings WHERE date = '2023-02-08'").fetchone()
    assert meeting[1:] == ("10:00", "12:30", "Committee Room 2, County Hall")
    items = db.execute("SELECT number, title, call_in, decision, decision_published, restricted, url FROM items"
                       " WHERE meeting_id = ? ORDER BY position", [meeting[0]]).fetchall()
    assert [i[:2] for i in items] == [("61", "Apologies"), ("62", "Home to School Transport"),
                                      ("63", "Children's Fostering Service"), ("4", "Work Programme")]
    assert items[2][2:6] == (1, 1, 1, 0)  # the call-in flag is kept for the call-in clock
    assert items[2][6].endswith("/mgAi.aspx?ID=" + str(site.meetings["701"].items[2].id))
    actions = {a.text: (a.item_number, a.item_title) for a in queries.actions(db, status="all")}
    # the PDF has no numbered headings; the service ties each follow-up to its item, and no action is stored twice
    assert actions == {"It was agreed that the route review would be circulated to all Members.": ("62", "Home to School Transport"),
                       "Members requested a briefing on fostering allowances.": ("63", "Children's Fostering Service")}


def test_next_and_find_link_the_report_and_mark_restricted_items(db, site):
    sync(db, site)
    text = dispatch("next cfosp", db, NOW).text
    assert "Wednesday 15 March 2023, 2pm" in text and "Council Chamber" in text
    assert "2 Youth Services Review · the report" in text
    assert "3 Contract Award (exempt: not published)" in text
    reply = dispatch("next cfosp", db, NOW).slack_message()
    assert f"<{site.url}/documents/s200/youth.pdf|the report>" in str(reply["blocks"])
    found = dispatch("find school transport", db, NOW)
    assert "the report (+1 more)" in found.text and "transport.pdf|the report>" in str(found.slack_message()["blocks"])


def test_one_record_per_item_when_the_service_and_a_pdf_describe_the_same_meeting(db, site):
    sync(db, site)
    counts = db.execute("SELECT count(*), count(DISTINCT number) FROM items i JOIN meetings m ON m.id = i.meeting_id"
                        " WHERE m.date = '2023-02-08'").fetchone()
    assert counts == (4, 4)
    assert db.execute("SELECT count(*) FROM documents WHERE origin = 'paper'").fetchone()[0] == 1  # the PDF is kept (provenance)


def test_the_pdfs_stand_in_where_the_service_gives_no_minutes(db, site):
    for item in site.meetings["701"].items:
        item.minutes_published = False
    sync(db, site)
    actions = queries.actions(db, status="all")
    assert {(a.text, a.source.rsplit("/", 1)[-1]) for a in actions} == {
        ("It was agreed that the route review would be circulated to all Members.", "minutes-feb.txt"),
        ("Members requested a briefing on fostering allowances.", "minutes-feb.txt")}
    items = db.execute("SELECT count(*) FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.date = '2023-02-08'").fetchone()
    assert items == (4,)  # the service's items still


def test_the_papers_reading_comes_back_when_the_service_stops_describing_a_meeting(db, site):
    sync(db, site)
    assert {a.item_number for a in queries.actions(db, status="all")} == {"62", "63"}
    site.meetings["701"].items = []
    sync(db, site)
    actions = queries.actions(db, status="all")
    assert len(actions) == 2 and {a.source.rsplit("/", 1)[-1] for a in actions} == {"minutes-feb.txt"}
    assert {a.item_number for a in actions} == {None}


def test_minutes_published_later_replace_the_pdfs_actions_without_duplicates(db, site):
    for item in site.meetings["701"].items:
        item.minutes_published = False
    sync(db, site)
    for item in site.meetings["701"].items:
        item.minutes_published = True
    sync(db, site)
    actions = queries.actions(db, status="all")
    assert sorted(a.item_number for a in actions) == ["62", "63"]


CABINET_MINUTES = """Minutes of the Cabinet

Worcestershire County Council

Wednesday, 8 February 2023, 10.00 am, County Hall

45 Apologies

None.

46 School Transport Policy

RESOLVED that the revised policy be approved.
"""


def test_a_decision_the_site_flags_opens_one_call_in_window(db):
    from store.clocks import open_callins

    site = FakeModernGov()
    site.committees = {"201": "Cabinet"}
    site.files["/documents/cabinet.txt"] = CABINET_MINUTES.encode()
    site.meetings["801"] = FakeMeeting("201", "08/02/2023", papers=[("Printed minutes", "documents/cabinet.txt")], items=[
        FakeItem("1", "Apologies", item_html("None.")),
        FakeItem("2", "Home to School Transport Policy", item_html("The revised policy was approved."),
                 decision=True, decision_published=True)])
    try:
        where = Site.parse(site.url, allow_private=True)
        with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
            report = sync_site(db, where, NOW, council="Worcestershire County Council", committee="Cabinet",
                               since=date(2023, 1, 1), fetcher=fetcher)
    finally:
        site.close()
    assert report.failed == []
    # the site's item, not the printed minutes' own reading of the same decision as well
    assert [(d.item_number, d.title) for d in open_callins(db, date(2023, 2, 9))] == [("2", "Home to School Transport Policy")]
    assert db.execute("SELECT count(*) FROM decisions").fetchone()[0] == 1


def test_minutes_sent_as_raw_markup_are_read_too():
    reply = ("<getmeeting><meeting><meetingid>5</meetingid><meetingdate>08/02/2023</meetingdate><agendaitems><agendaitem>"
             "<agendaitemid>9</agendaitemid><fulldisplaynumberformat>3.</fulldisplaynumberformat>"
             "<agendaitemtitle>Libraries</agendaitemtitle><isrestricted>False</isrestricted><isminutepublished>True</isminutepublished>"
             "<minutesnonemptyhtmlbody><div><p>It was agreed that opening hours would be reviewed.<br></p></div>"
             "</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting></getmeeting>")
    [item] = parse_meeting(reply).items
    assert item.number == "3" and "opening hours would be reviewed" in item.minutes_html


def test_an_owner_the_service_gives_by_initials_is_spelt_out_from_the_printed_minutes(db):
    # a site's per-item minutes carry no attendance list; the printed minutes of the same meeting do
    site = FakeModernGov()
    site.files["/documents/minutes-mar.txt"] = (
        "Minutes of the Children and Families Overview and Scrutiny Panel\n\nWorcestershire County Council\n\n"
        "Wednesday, 8 March 2023, 10.00 am, County Hall\n\nPresent: Councillor Ann Bee (Chairman)\n\n"
        "In attendance: Liz Elm, Assistant Director Safeguarding and Family Support (ADS&FS)\n\n"
        "1 Social Care Recruitment\n\nThe ADS&FS confirmed that a recruitment plan would be circulated to Members.\n").encode()
    site.meetings["703"] = FakeMeeting("101", "08/03/2023", papers=[("Printed minutes", "documents/minutes-mar.txt")], items=[
        FakeItem("1", "Social Care Recruitment",
                 item_html("The ADS&FS confirmed that a recruitment plan would be circulated to Members."))])
    try:
        sync(db, site)
    finally:
        site.close()
    [action] = queries.actions(db, status="all")
    assert action.item_number == "1" and action.source.endswith("ieListDocuments.aspx?CId=101&MId=703")
    assert action.owner == "Assistant Director Safeguarding and Family Support (ADS&FS)"
    assert dispatch("find safeguarding", db, datetime(2023, 3, 9, 9, 0, tzinfo=LONDON)).text.count("recruitment plan") == 1  # the owner's long form is searchable


def test_people_are_sent_to_the_meetings_page_not_to_the_web_service(db, site):
    from handlers.reminders import Due, reminder_message

    sync(db, site)
    panel = queries.committees(db)[0]
    meeting = queries.next_meeting(db, panel.id, NOW.date())
    text = reminder_message(db, Due(meeting, panel, 7, NOW, "channel:C5", False), NOW).text
    assert f"{site.url}/ieListDocuments.aspx?CId=101&MId=702" in text and "mgWebService" not in text
