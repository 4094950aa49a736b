from datetime import date

import pytest

from corpus.dates import (add_working_days, find_dates, human_date, human_time, parse_time, parse_user_date,
                          parse_when)

REF = date(2018, 10, 1)


@pytest.mark.parametrize("text, want", [
    ("Thursday, 3 November 2022, 10.00 am", date(2022, 11, 3)),
    ("Wednesday, 11th September, 2019 10.00 am", date(2019, 9, 11)),
    ("3rd of May 2021", date(2021, 5, 3)),
    ("November 3, 2022", date(2022, 11, 3)),
    ("03/11/2022", date(2022, 11, 3)),
    ("2022-11-03", date(2022, 11, 3)),
    ("on Monday 12 November, at 10.15", date(2018, 11, 12)),  # no year: the nearest, on a Monday
    ("the meeting on 17 September", date(2018, 9, 17)),
])
def test_dates_as_papers_write_them(text, want):
    assert find_dates(text, REF)[0].value == want


def test_no_year_and_no_reference_is_not_guessed():
    assert find_dates("12 November") == []


def test_impossible_dates_are_skipped():
    assert find_dates("31 February 2023 and 30 April 2023")[0].value == date(2023, 4, 30)


@pytest.mark.parametrize("text, want", [
    ("10.00 am", "10:00"), ("2pm", "14:00"), ("10.15 a.m.", "10:15"), ("7.00 P.M.", "19:00"),
    ("14:30", "14:30"), ("12 noon", "12:00"), ("no time here", None), ("12.00 pm", "12:00"),
])
def test_times(text, want):
    assert parse_time(text) == want


@pytest.mark.parametrize("cell, want", [
    ("17 July 2020", "2020-07-17"), ("February/March 2021", "2021-02"), ("March 2023", "2023-03"),
    ("TBC", None), ("To be confirmed", None), ("", None), ("Standing Items", None), ("Jan - Feb 2024", "2024-01"),
])
def test_programme_when(cell, want):
    assert parse_when(cell, REF) == want


def test_people_type_dates_relative_to_today():
    today = date(2026, 11, 23)  # a Monday
    assert parse_user_date("2026-12-01", today) == date(2026, 12, 1)
    assert parse_user_date("30 Nov", today) == date(2026, 11, 30)
    assert parse_user_date("tomorrow", today) == date(2026, 11, 24)
    assert parse_user_date("gibberish words", today) is None


def test_working_days_skip_weekends():
    assert add_working_days(date(2019, 9, 10), 1) == date(2019, 9, 11)
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday


def test_human_forms():
    assert human_date(date(2022, 11, 3)) == "Thursday 3 November 2022"
    assert human_time("10:00") == "10am" and human_time("14:30") == "2.30pm" and human_time("12:00") == "noon"
