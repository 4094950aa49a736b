"""The executive's forward plan, read from a ModernGov site when syncing. The web service has no
operation for plans, so they come from the site's pages (mgPlansHome → mgListPlans →
mgListPlanItems): the current edition is saved as the executive's plan, and its key decisions
reach the panels whose remit they touch, posted once, across syncs and editions."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from bot.digests import sweep_forward
from bot.reminders import slack_client
from handlers import dispatch
from sources.fetch import Fetcher, Site
from sources.moderngov import sync_site
from store import connect

from .conftest import LONDON
from .moderngov_fake import FakeDecision, FakeItem, FakeMeeting, FakeModernGov, FakePlan, FakePlanEdition
from .slack_fake import FakeSlack

NOW = datetime(2026, 4, 2, 9, 0, tzinfo=LONDON)
PANEL = "Children and Families Overview and Scrutiny Panel"
TRANSPORT = FakeDecision("Home to School Transport Policy", "14 May 2026", "Cabinet Member for Education", "A Smith")
TREASURY = FakeDecision("Treasury Management Strategy Statement", "11 June 2026", "Cabinet", "C Patel")
# in the panel's remit by its words, but to be taken wholly in private
EXEMPT = FakeDecision("Children's Residential Care Home Contract", "14 May 2026", "Cabinet", "D Khan",
                      restriction="Fully exempt",
                      explanation="Information relating to the financial or business affairs of a provider "
                                  "(paragraph 3 of Schedule 12A).")


def panel_site(with_plan: bool = True) -> FakeModernGov:
    site = FakeModernGov()
    site.meetings["701"] = FakeMeeting("101", "20/04/2026", items=[
        FakeItem("1", "Apologies"), FakeItem("2", "Home to School Transport"),
        FakeItem("3", "Children's Residential Care Placements"), FakeItem("4", "Foster Carer Recruitment")])
    if with_plan:
        site.plans["132"] = FakePlan("Cabinet", "2026", editions=[
            FakePlanEdition("1133", "Forward Plan - April 2026", "01/04/2026", "31/07/2026", [TRANSPORT, EXEMPT, TREASURY]),
            FakePlanEdition("1132", "Forward Plan - March 2026", "01/03/2026", "30/06/2026", [TREASURY]),
        ])
    return site


@pytest.fixture
def fake():
    server = FakeSlack()
    yield server
    server.close()


def sync(db_path, site: FakeModernGov, now: datetime = NOW):
    where = Site.parse(site.url, allow_private=True)
    with connect(db_path) as db, Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
        return sync_site(db, where, now, council="Exampleshire County Council", since=date(2025, 4, 1), fetcher=fetcher)


def sweep(db_path, fake: FakeSlack, now: datetime = NOW) -> list[dict]:
    before = len(fake.sent("/api/chat.postMessage"))
    sweep_forward(str(db_path), slack_client("xoxb-test", fake.api_url), now)
    return [c["body"] for c in fake.sent("/api/chat.postMessage")[before:]]


def test_a_sync_brings_the_executives_plan_and_its_decisions_reach_the_panel_once(db_path, fake):
    site = panel_site()
    try:
        report = sync(db_path, site)
        assert report.failed == []
        with connect(db_path) as db:
            dispatch("channel children and families", db, NOW, user="U1", channel="C10")
            plans = db.execute("SELECT d.source, c.name, m.date FROM documents d JOIN committees c ON c.id = d.committee_id"
                               " LEFT JOIN meetings m ON m.id = d.meeting_id WHERE d.kind = 'forward_plan'").fetchall()
            # the executive's plan, dated by its edition, not the panel's meeting
            assert plans == [(f"{site.url}/mgListPlanItems.aspx?PlanId=1133&RP=132", "Cabinet", "2026-04-01")]
            panel_rows = [r[0] for r in db.execute("SELECT p.issue FROM programme p JOIN committees c ON c.id = p.committee_id"
                                                   " WHERE c.name = ?", [PANEL])]
            assert "Home to School Transport Policy" not in panel_rows  # not mistaken for the panel's own programme
        assert not site.requests("/mgListPlanItems.aspx?PlanId=1132")  # superseded by April's

        [posted] = sweep(db_path, fake)
        blocks = json.dumps(posted["blocks"], ensure_ascii=False)
        assert posted["channel"] == "C10"
        assert "Home to School Transport Policy" in blocks and "Cabinet Member for Education" in blocks
        assert "14 May 2026" in blocks and "would have to meet by *5 May 2026*" in blocks
        assert "Your meeting on Monday 20 April 2026" in blocks and "is in time" in blocks
        assert "mgListPlanItems.aspx?PlanId=1133" in blocks
        # taken wholly in private: never offered, though its words are the panel's
        assert "Residential Care Home" not in blocks and "Schedule 12A" not in blocks and "Treasury" not in blocks

        again = sync(db_path, site)
        assert again.failed == [] and (again.new, again.updated) == (0, 0)
        assert site.requests("/mgListPlanItems.aspx?PlanId=1133")[-1][1] == 304
        assert sweep(db_path, fake) == []

        # next month's edition, published ahead of its period, repeats the decision and adds one: only the new one is posted
        site.plans["132"].editions.insert(0, FakePlanEdition("1134", "Forward Plan - May 2026", "01/05/2026", "31/08/2026", [
            TRANSPORT, TREASURY,
            FakeDecision("Foster Carer Allowances 2026/27", "11 June 2026", "Cabinet Member for Children", "E Lee")]))
        later = datetime(2026, 4, 8, 9, 0, tzinfo=LONDON)
        assert sync(db_path, site, later).failed == []
        assert site.requests("/mgListPlanItems.aspx?PlanId=1134")
        [posted] = sweep(db_path, fake, later)
        blocks = json.dumps(posted["blocks"], ensure_ascii=False)
        assert "Foster Carer Allowances 2026/27" in blocks and "Home to School Transport Policy" not in blocks
    finally:
        site.close()


def test_a_site_with_no_plan_pages_still_syncs(db_path, fake):
    site = panel_site(with_plan=False)
    try:
        report = sync(db_path, site)
        assert report.failed == [] and report.meetings == 1 and report.new == 1
        assert site.requests("/mgPlansHome.aspx")[-1][1] == 404
        with connect(db_path) as db:
            assert db.execute("SELECT count(*) FROM documents WHERE kind = 'forward_plan'").fetchone()[0] == 0
        assert sweep(db_path, fake) == []
    finally:
        site.close()


def test_a_plan_page_that_is_not_a_plan_is_reported_not_saved(db_path):
    site = panel_site()
    site.plans["132"].editions[0].decisions = []  # no decisions: a layout the reader cannot read, or an empty plan
    try:
        report = sync(db_path, site)
        assert [what for what, _why in report.failed] == [f"{site.url}/mgListPlanItems.aspx?PlanId=1133&RP=132"]
        assert "no decisions read from it" in report.failed[0][1]
        with connect(db_path) as db:
            assert db.execute("SELECT count(*) FROM documents WHERE kind != 'agenda'").fetchone()[0] == 0
    finally:
        site.close()


def test_the_editions_read_are_the_one_in_force_and_any_published_ahead():
    from sources.moderngov_plans import editions, in_force
    listing = ('<ul><li><a href="mgListPlanItems.aspx?PlanId=3&amp;RP=9">Key Decisions - June 2026 (01/06/2026 to 30/09/2026)</a></li>'
               '<li><a href="mgListPlanItems.aspx?PlanId=2&amp;RP=9">Key Decisions - May 2026 (01/05/2026 to 31/08/2026)</a></li>'
               '<li><a href="mgListPlanItems.aspx?PlanId=1&amp;RP=9">Key Decisions - April 2026 (01/04/2026 to 31/07/2026)</a></li>'
               '<li><a href="mgListPlans.aspx?RPId=9&amp;RD=1">Older plans</a></li></ul>')
    listed = editions(listing)
    assert [e.url for e in listed] == ["mgListPlanItems.aspx?PlanId=3&RP=9", "mgListPlanItems.aspx?PlanId=2&RP=9",
                                       "mgListPlanItems.aspx?PlanId=1&RP=9"]
    assert [e.url for e in in_force(listed, date(2026, 5, 20))] == [listed[1].url, listed[0].url]  # May in force, June ahead
    undated = editions('<a href="mgListPlanItems.aspx?PlanId=8">Forward Plan</a><a href="mgListPlanItems.aspx?PlanId=7">Forward Plan</a>')
    assert [e.url for e in in_force(undated, date(2026, 5, 20))] == ["mgListPlanItems.aspx?PlanId=8"]  # newest listed first
