"""Handlers without Slack: (args, db, now) -> Reply, with a frozen clock."""
from __future__ import annotations

from datetime import datetime

import pytest

from handlers import dispatch
from handlers.reply import MAX_BLOCKS, MAX_SECTION
from store import queries
from store.ingest import ingest_paths

from .conftest import LONDON

JULY_2020 = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)


def test_next_with_no_future_meeting_names_the_last_one(demo_db):
    text = dispatch("next herefordshire", demo_db, datetime(2026, 11, 23, 9, tzinfo=LONDON)).text
    assert "no future meeting is known" in text
    assert "Monday 4 March 2019" in text  # the rearranged date, not the cancelled 18 February


def test_next_skips_a_rearranged_meeting_and_says_where_it_moved_from(demo_db):
    text = dispatch("next cypsc", demo_db, datetime(2019, 2, 1, 9, tzinfo=LONDON)).text
    assert "Monday 4 March 2019" in text and "Moved from 18 Feb 2019" in text


def test_next_lists_month_level_programme_rows_for_a_meeting_in_that_month(db, tmp_path):
    (tmp_path / "agenda.txt").write_text(
        "Agenda\n\nPlace Scrutiny Panel\n\nMonday, 2 March 2026, 2.00 pm, Council Chamber\n\n"
        "Date of Meeting\tIssue\tNotes\n2 March 2026\tRoad Safety\t\nApril 2026\tBus Services\t\n"
        "Dates of future meetings\n\n- 20 April 2026 at 2pm\n", encoding="utf-8")
    ingest_paths(db, [tmp_path], now=JULY_2020)
    text = dispatch("next place", db, datetime(2026, 3, 10, tzinfo=LONDON)).text
    assert "Monday 20 April 2026, 2pm" in text
    assert "Bus Services (April 2026)" in text and "Road Safety" not in text


def test_actions_page_within_slack_limits_and_offer_more(demo_db):
    reply = dispatch("actions all", demo_db, JULY_2020)
    blocks = reply.blocks()
    assert len(blocks) <= MAX_BLOCKS
    assert all(len(b.to_dict().get("text", {}).get("text", "")) <= MAX_SECTION for b in blocks)
    assert "Show more" in str([b.to_dict() for b in blocks])
    first = {line for line in reply.text.splitlines() if line.startswith("    [Mark done")}
    second = {line for line in dispatch("actions all page 2", demo_db, JULY_2020).text.splitlines() if line.startswith("    [Mark done")}
    assert first and second and not first & second


def test_overdue_filters_on_due_date(demo_db):
    text = dispatch("actions cypsc overdue", demo_db, datetime(2019, 4, 1, tzinfo=LONDON)).text
    assert "March 2019 · overdue" in text
    assert "Overdue actions" in text


def test_mark_done_then_reopen_from_text(demo_db):
    [first, *_] = queries.actions(demo_db)
    done = dispatch(f"actions done {first.id}", demo_db, JULY_2020, user="U1").text
    assert done.startswith("Marked done")
    assert dispatch(f"actions done {first.id}", demo_db, JULY_2020, user="U1").text.startswith("Already done")
    assert dispatch(f"actions reopen {first.id}", demo_db, JULY_2020, user="U1").text.startswith("Reopened")
    assert dispatch("actions done 999999", demo_db, JULY_2020).text == "There is no action number 999999."


def test_find_both_ways_between_acronym_and_words(demo_db):
    words = dispatch("find education health and care plan", demo_db, JULY_2020).text
    assert "EHCPs" in words  # "SEND: Timeliness of EHCPs" only says the acronym
    assert "Education, Health and Care Plan" in dispatch("find ehcps", demo_db, JULY_2020).text


@pytest.mark.parametrize("text", ['find "', "find *", "find NEAR(", "find -", "find AND OR NOT", "find '; DROP TABLE actions; --",
                                  "find " + "x" * 5000, "", "   ", "next ' OR 1=1 --", "history )))", "actions page -1"])
def test_odd_input_gets_a_clear_reply_not_a_crash(demo_db, text):
    reply = dispatch(text, demo_db, JULY_2020)
    assert reply.text
    assert demo_db.execute("SELECT count(*) FROM actions").fetchone()[0] > 0


def test_panels_lists_each_with_its_council(demo_db):
    text = dispatch("panels", demo_db, JULY_2020).text
    assert "Worcestershire County Council" in text and "Herefordshire Council" in text


def test_the_same_panel_name_at_two_councils_is_told_apart(db, tmp_path):
    for council, day in (("Northshire County Council", "2 March 2026"), ("Southshire County Council", "9 March 2026")):
        (tmp_path / f"{council[:5]}.txt").write_text(
            f"Agenda\n\n{council}\n\nPlace Scrutiny Panel\n\nMonday, {day}, 2.00 pm, Council Chamber\n\n"
            "Item No\tSubject\tPage No\n1\tApologies\t\n", encoding="utf-8")
    ingest_paths(db, [tmp_path], now=JULY_2020)
    listing = dispatch("next", db, datetime(2026, 3, 1, tzinfo=LONDON)).text
    hints = [line.strip("` ").removesuffix("` for details") for line in listing.splitlines() if line.startswith("`/scrutiny next")]
    assert hints == ["/scrutiny next northshire county council place scrutiny panel",
                     "/scrutiny next southshire county council place scrutiny panel"]
    south = dispatch(hints[1].removeprefix("/scrutiny "), db, datetime(2026, 3, 1, tzinfo=LONDON)).text
    assert "Monday 9 March 2026" in south and "Southshire" in south
    assert "could be more than one panel" in dispatch("next place", db, datetime(2026, 3, 1, tzinfo=LONDON)).text


def test_next_shows_the_published_agenda(demo_db):
    text = dispatch("next cfosp", demo_db, JULY_2020).text
    assert "Agenda" in text and "6 Supporting Families First (pages 1-38)" in text
