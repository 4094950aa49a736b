"""The clocks as date arithmetic: each nation's bank holidays (from the
`holidays` package), clear days, working days, response periods, and reminder
moments across the clock changes."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from corpus.clocks import (add_working_days, callin_deadline, is_working_day, municipal_year, parse_period,
                           publication_date, report_deadline, response_due)
from handlers.clock_reminders import plan_clocks
from store import council_settings as cs
from store import reminders as log

from .conftest import LONDON

UTC = ZoneInfo("UTC")


def test_christmas_is_not_a_clear_day_and_boxing_day_moves_to_monday():
    # 2020: Christmas Friday, Boxing Day Saturday, so Monday 28th is the bank holiday
    assert not is_working_day(date(2020, 12, 28), "england")
    # Thursday 7 January 2021: clear days Wed 6, Tue 5, Mon 4, Thu 31, Wed 30 (not 25, 28, 1 Jan)
    assert publication_date(date(2021, 1, 7), 5, "england") == date(2020, 12, 29)
    assert add_working_days(date(2020, 12, 24), 1, "england") == date(2020, 12, 29)


def test_easter_monday_is_a_holiday_in_england_and_wales_but_not_scotland():
    meeting = date(2024, 4, 4)  # Thursday after Easter
    # Wales: clear days 3 and 2 April and 28 March (1 April and Good Friday are not), so publish by Wednesday 27 March
    assert publication_date(meeting, 3, "wales") == date(2024, 3, 27)
    # Scotland: 3, 2 and 1 April are clear; the day before is Sunday, and Good Friday is a holiday there too
    assert publication_date(meeting, 3, "scotland") == date(2024, 3, 28)
    assert is_working_day(date(2024, 4, 1), "scotland") and not is_working_day(date(2024, 4, 1), "england")
    # five working days after Thursday 28 March 2024: Good Friday and (in England) Easter Monday skipped
    assert callin_deadline(date(2024, 3, 28), 5, "england") == date(2024, 4, 8)
    assert callin_deadline(date(2024, 3, 28), 5, "scotland") == date(2024, 4, 5)


def test_scottish_holidays_differ():
    assert not is_working_day(date(2024, 1, 2), "scotland") and is_working_day(date(2024, 1, 2), "england")
    assert not is_working_day(date(2024, 12, 2), "scotland")  # St Andrew's Day on a Saturday, observed Monday
    assert not is_working_day(date(2024, 8, 5), "scotland") and is_working_day(date(2024, 8, 5), "england")
    assert not is_working_day(date(2024, 8, 26), "england") and is_working_day(date(2024, 8, 26), "scotland")


def test_five_clear_days_publish_on_the_wednesday_of_the_week_before():
    assert publication_date(date(2022, 11, 10), 5, "england") == date(2022, 11, 2)
    assert report_deadline(date(2022, 11, 2), 3, "england") == date(2022, 10, 28)


def test_response_period_begins_with_the_day_received():
    assert response_due(date(2022, 11, 3), parse_period("2 months")) == date(2023, 1, 2)
    assert response_due(date(2023, 12, 31), parse_period("2 months")) == date(2024, 2, 28)  # 29 Feb is not reached
    assert response_due(date(2024, 3, 4), parse_period("28 days")) == date(2024, 3, 31)
    assert response_due(date(2024, 3, 4), parse_period("none")) is None
    assert str(parse_period("8 weeks")) == "56 days"
    assert municipal_year(date(2025, 4, 30)) == "2024/25" and municipal_year(date(2025, 5, 1)) == "2025/26"


def test_nation_from_the_council_name():
    assert cs.nation_of("Cardiff Council") == "wales"
    assert cs.nation_of("The Highland Council") == "scotland"
    assert cs.nation_of("Belfast City Council") == "northern_ireland"
    assert cs.nation_of("Highfield County Council") == "england"
    assert cs.defaults("Gwynedd Council").clear_days == 3 and cs.defaults("Kent County Council").clear_days == 5
    assert cs.defaults("Fife Council").period("executive") is None


def _store_with_recommendation(db, made: str):
    db.execute("INSERT INTO committees (council, name, slug, created_at) VALUES ('Kent County Council', 'Children Panel', 'children-panel', 'x')")
    db.execute("INSERT INTO meetings (committee_id, date) VALUES (1, ?)", [made])
    db.execute("INSERT INTO documents (content_hash, source, source_key, kind, committee_id, meeting_id) VALUES ('h', 's', 's', 'minutes', 1, 1)")
    db.execute("INSERT INTO recommendations (rec_key, document_id, meeting_id, committee_id, position, text, to_whom, recipient,"
               " made_on, due) VALUES ('k', 1, 1, 1, 1, 'Fund it', 'Cabinet', 'executive', ?, ?)",
               [made, response_due(date.fromisoformat(made), parse_period("2 months")).isoformat()])
    log.set_channel(db, 1, "C1", "test", datetime(2025, 1, 1, tzinfo=LONDON))


def test_a_response_reminder_follows_london_time_across_the_autumn_change(db):
    # made 27 August 2025: due 26 October, the day the clocks go back; 1 day before is 25 October (BST)
    _store_with_recommendation(db, "2025-08-27")
    before = datetime(2025, 10, 25, 7, 59, tzinfo=UTC)  # 08:59 BST
    at = datetime(2025, 10, 25, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert [d.offset_days for d in plan_clocks(db, before)[0]] == [14]  # the 14-day warning, never swept here
    due, overtaken = plan_clocks(db, at)
    assert [(d.kind, d.offset_days) for d in due] == [("response", 1)] and [d.offset_days for d in overtaken] == [14]
    # overdue on 27 October at 09:00 GMT, which is an hour later in UTC than the day before
    assert plan_clocks(db, datetime(2025, 10, 27, 8, 0, tzinfo=UTC))[0] == []  # 09:00 had the clocks not changed
    assert plan_clocks(db, datetime(2025, 10, 27, 8, 59, tzinfo=UTC))[0] == []
    # a Monday: the weekly overdue line too
    assert [d.kind for d in plan_clocks(db, datetime(2025, 10, 27, 9, 0, tzinfo=UTC))[0]] == ["overdue", "weekly"]


def test_a_response_reminder_in_spring_is_at_nine_bst(db):
    # made 1 February 2025: due 31 March, the day after the clocks go forward; 1 day before is 30 March
    _store_with_recommendation(db, "2025-02-01")
    assert [d.offset_days for d in plan_clocks(db, datetime(2025, 3, 30, 7, 59, tzinfo=UTC))[0]] == [14]
    assert [d.offset_days for d in plan_clocks(db, datetime(2025, 3, 30, 8, 0, tzinfo=UTC))[0]] == [1]
