"""Answers respect "today": with today fixed at 10 July 2020, nothing from a
paper after it is shown as known (minutes, actions, meetings held); meetings
already scheduled by then may be shown as scheduled."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from handlers import dispatch

from .conftest import LONDON

TODAY = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)
_DATE = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})\b")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _dates(text: str) -> list[date]:
    return [date(int(y), _MONTHS.index(m) + 1, int(d)) for d, m, y in _DATE.findall(text)]


def _pages(db, command: str) -> str:
    text, page = "", 1
    while True:
        reply = dispatch(f"{command} page {page}", db, TODAY).text
        text += reply
        if f"page {page + 1}]" not in reply:
            return text
        page += 1


@pytest.mark.parametrize("command", ["actions all", "actions cfosp all", "actions done", "actions overdue"])
def test_actions_come_only_from_papers_known_by_today(demo_db, command):
    text = _pages(demo_db, command)
    assert "2022" not in text  # the minutes of 3 November 2022 are not written yet
    assert all(d <= TODAY.date() for d in _dates(text)), _dates(text)
    if command == "actions all":
        known = demo_db.execute("SELECT count(DISTINCT a.action_key) FROM actions a JOIN meetings m ON m.id = a.meeting_id "
                                "WHERE m.date <= '2020-07-10'").fetchone()[0]
        assert f"{known} actions" in text


@pytest.mark.parametrize("command", ["find SEND", "history SEND", "find domestic abuse", "history domestic abuse",
                                     "find NEET", "find Carenotes", "history EHCP"])
def test_find_and_history_show_no_paper_from_after_today(demo_db, command):
    text = dispatch(command, demo_db, TODAY).text
    assert "2022" not in text  # the minutes of 3 November 2022
    if "Carenotes" in command:
        assert "No matches" in text  # only the 2022 minutes speak of it
    if "domestic abuse" in command:
        assert "1 Oct 2018" in text  # the Herefordshire minutes did, earlier


def test_history_plans_come_from_papers_known_by_today(demo_db):
    text = dispatch("history SEND", demo_db, TODAY).text
    assert "Next planned" in text and "13 Nov 2020" in text  # scheduled in the agenda of 17 July 2020
    assert "11 Sep 2019" in text


def test_next_shows_scheduled_meetings_but_none_that_only_a_later_paper_knows(demo_db):
    text = dispatch("next cfosp", demo_db, TODAY).text
    assert "Friday 17 July 2020" in text and "Supporting Families First" in text  # its agenda is published
    later = dispatch("next cfosp", demo_db, datetime(2021, 1, 15, 9, tzinfo=LONDON)).text
    assert "no future meeting is known" in later and "2022" not in later
    assert "2022" not in dispatch("next", demo_db, datetime(2021, 1, 15, 9, tzinfo=LONDON)).text


def test_panels_count_only_meetings_known_by_today(demo_db):
    text = dispatch("panels", demo_db, TODAY).text
    assert "2022" not in text
    assert "2022-11-03" in dispatch("panels", demo_db, datetime(2023, 1, 1, 9, tzinfo=LONDON)).text


def test_recommendations_come_only_from_papers_known_by_today(db):
    """A recommendation in minutes of 10 September is not known on 1 September, nor is its panel's tracker."""
    import json

    from corpus.model import Document, Item, Meeting
    from store.save import content_hash, save_document

    doc = Document(kind="minutes", council="C", committee="Roads Panel", meeting=Meeting(date="2020-09-10"),
                   items=[Item("1", "Potholes", text="RESOLVED that the Panel recommends to Cabinet that "
                                                   "the pothole budget be doubled.")])
    text = json.dumps(doc.to_json())
    save_document(db, doc, text, source="m.txt", source_key="m.txt", digest=content_hash(text.encode()),
                  size=len(text), now=TODAY)
    before = datetime(2020, 9, 1, 9, 0, tzinfo=LONDON)
    after = datetime(2020, 9, 11, 9, 0, tzinfo=LONDON)
    assert "pothole budget" not in dispatch("recommendations all", db, before).text
    assert "pothole budget" not in dispatch("recommendations roads all", db, before).text
    assert "pothole budget" in dispatch("recommendations all", db, after).text
