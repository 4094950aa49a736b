"""The statutory clocks as date arithmetic: working days, clear days, response
periods and municipal years. Pure: no store, no Slack, no "today".

Bank holidays are the nation's own, from the maintained `holidays` package
(Scotland has 2 January and St Andrew's Day but no Easter Monday; Northern
Ireland has St Patrick's Day and the Twelfth), never a hand-kept list.
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

NATIONS = ("england", "wales", "scotland", "northern_ireland")
_SUBDIVISION = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}


@functools.lru_cache(maxsize=256)
def _holidays_of(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=_SUBDIVISION[nation], years=year).keys())


def bank_holiday_name(day: date, nation: str) -> str | None:
    names = holidays.country_holidays("GB", subdiv=_SUBDIVISION[nation], years=day.year)
    return names.get(day)


def is_working_day(day: date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(nation, day.year)


def add_working_days(day: date, count: int, nation: str) -> date:
    """The working day `count` working days after (or, negative, before) `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day, nation):
            remaining -= 1
    return day


def latest_working_day(day: date, nation: str) -> date:
    """`day` itself if it is a working day, else the working day before it."""
    while not is_working_day(day, nation):
        day -= timedelta(days=1)
    return day


def publication_date(meeting: date, clear_days: int, nation: str) -> date:
    """The last day an agenda can be published with `clear_days` clear days
    before the meeting. Clear days leave out the day of publication, the day of
    the meeting, weekends and the nation's bank holidays; of the days that
    qualify, the last working day is given, since that is when democratic
    services publish. England, five clear days: a Thursday meeting is published
    by the Wednesday of the week before."""
    earliest_clear = add_working_days(meeting, -clear_days, nation) if clear_days > 0 else meeting
    return latest_working_day(earliest_clear - timedelta(days=1), nation)


def report_deadline(publication: date, working_days: int, nation: str) -> date:
    """Reports are due with democratic services `working_days` working days before publication."""
    return add_working_days(publication, -working_days, nation)


def callin_deadline(published: date, working_days: int, nation: str) -> date:
    """The last day a decision published on `published` can be called in:
    `working_days` working days after publication."""
    return add_working_days(published, working_days, nation)


@dataclass(frozen=True)
class Period:
    """A response period: "2 months", "28 days", or none (no duty to respond)."""
    amount: int
    unit: str  # months | days

    def __str__(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"


_PERIOD = re.compile(r"^\s*(\d{1,3})\s*(m|months?|d|days?|w|weeks?)\s*$", re.IGNORECASE)


def parse_period(text: str | None) -> Period | None:
    """"2 months", "28 days", "8 weeks", "2m"; "none" or blank is no duty. Raises ValueError otherwise."""
    if text is None or text.strip().lower() in ("", "none", "no", "no duty", "off", "-"):
        return None
    m = _PERIOD.match(text)
    if not m or int(m.group(1)) == 0:
        raise ValueError(f"not a period: {text!r} (try '2 months', '28 days' or 'none')")
    amount, unit = int(m.group(1)), m.group(2)[0].lower()
    if unit == "w":
        return Period(amount * 7, "days")
    return Period(amount, "months" if unit == "m" else "days")


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def response_due(received: date, period: Period | None) -> date | None:
    """The last day of a response period "beginning with" the day the
    recommendations were received (Local Government Act 2000 s.9FE: within two
    months beginning with that date): received 3 November, due by 2 January."""
    if period is None:
        return None
    if period.unit == "months":
        return add_months(received, period.amount) - timedelta(days=1)
    return received + timedelta(days=period.amount - 1)


def municipal_year(day: date) -> str:
    """Councils' years run from the annual meeting in May: 2024/25 is May 2024 to April 2025."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def municipal_year_bounds(label: str) -> tuple[date, date]:
    start = int(label[:4])
    return date(start, 5, 1), date(start + 1, 4, 30)
