"""The statutory clocks as date arithmetic: working days, clear days, response
periods and municipal years. Pure: no store, no Slack, no "today".

Bank holidays are the nation's own, from the maintained `holidays` package
(Scotland has 2 January and St Andrew's Day but no Easter Monday; Northern
Ireland has St Patrick's Day and the Twelfth), never a hand-kept list.
"""
from __future__ import annotations

import calendar
import functools
import importlib.util
import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

NATIONS = ("england", "wales", "scotland", "northern_ireland")
# the bodies a council's executive answers as, unless its settings say otherwise
DEFAULT_EXECUTIVE = ("Cabinet", "Executive", "Mayor", "Leader", "Cabinet Member", "Executive Member", "Portfolio Holder")
_SUBDIVISION = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
_CACHED_YEARS = range(2000, 2051)


def _from_package(nation: str, year: int) -> dict[str, str]:
    import holidays
    return {day.isoformat(): name for day, name in
            holidays.country_holidays("GB", subdiv=_SUBDIVISION[nation], years=year).items()}


def _cache_file() -> Path | None:
    """Where the bank holidays are kept, named for the package's version: the package
    loads every country's calendar on first use (over a second), which every new
    process (`scrutiny ask`) would otherwise wait for."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    installed = sorted(package.parent.glob("holidays-*.dist-info"))
    try:
        tag = installed[-1].name[len("holidays-"):-len(".dist-info")] if installed else str(int(package.stat().st_mtime))
    except OSError:
        return None
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "scrutiny-bot" / f"bank-holidays-{tag}.json"


@functools.lru_cache(maxsize=1)
def _calendars() -> dict[str, dict[str, dict[str, str]]]:
    """{nation: {year: {day: name}}} for the years most clocks fall in, from the cache file
    (made the first time, from the package)."""
    path = _cache_file()
    if path is not None:
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            pass
    found = {nation: {str(year): _from_package(nation, year) for year in _CACHED_YEARS} for nation in NATIONS}
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}")
            partial.write_text(json.dumps(found))
            os.replace(partial, path)
        except OSError:
            pass
    return found


@functools.lru_cache(maxsize=256)
def _named_holidays(nation: str, year: int) -> dict[date, str]:
    days = _calendars()[nation].get(str(year)) if year in _CACHED_YEARS else None
    if days is None:
        days = _from_package(nation, year)
    return {date.fromisoformat(day): name for day, name in days.items()}


@functools.lru_cache(maxsize=256)
def _holidays_of(nation: str, year: int) -> frozenset[date]:
    return frozenset(_named_holidays(nation, year))


def bank_holiday_name(day: date, nation: str) -> str | None:
    return _named_holidays(nation, day.year).get(day)


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
