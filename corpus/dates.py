"""The one place where dates and times in papers (and typed by people) are read.

Committee papers write dates in a handful of British forms ("Thursday, 3 November
2022", "11th September, 2019", "12 November", "February/March 2021", "TBC").
Those are matched with regular expressions, which is fast and predictable;
dateparser is the fallback for anything else, always with English and
day-first order (without `languages` one call can take seconds).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4,
    "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"

# "Thursday, 3 November 2022", "11th September, 2019", "12 November", "3rd of May 2021"
_DAY_MONTH = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY}),?\s+)?\b(?P<d>[0-3]?\d)(?:\s?(?:st|nd|rd|th))?\s+(?:of\s+)?"
    rf"(?P<m>{_MONTH})\b\.?(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
# "November 3, 2022" (rare in UK papers, common in exports)
_MONTH_DAY = re.compile(
    rf"(?:\b(?P<wd>{_WEEKDAY}),?\s+)?\b(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)?\d\d)\b")
_DOTTED = re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
# "March 2023", "February/March 2021", "Jan - Feb 2024"
_MONTH_YEAR = re.compile(
    rf"\b(?P<m1>{_MONTH})\b\.?(?:\s*(?:/|&|-|–|or|and|to)\s*(?P<m2>{_MONTH})\b\.?)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_TIME_12 = re.compile(r"\b(?P<h>[01]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.IGNORECASE)
_TIME_24 = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s*(?:hrs|hours|h)?\b(?!\s*(?:a\.?m|p\.?m|%|/))", re.IGNORECASE)
_NOON = re.compile(r"\b(?:12\s*)?(?:noon|midday)\b", re.IGNORECASE)
_UNDECIDED = re.compile(r"^\W*(?:tbc|tba|tbd|to be (?:confirmed|arranged|agreed|decided|determined|scheduled|programmed)|unscheduled|date to be (?:confirmed|agreed)|date tbc|not yet (?:scheduled|known))\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: date
    has_year: bool


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _resolve_year(day: int, month: int, weekday: str | None, reference: date | None) -> date | None:
    """A date written without a year: the nearest such date to the reference
    (a paper's own meeting date), or the one that falls on the weekday given."""
    if reference is None:
        return None
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if weekday:
        wanted = WEEKDAYS.get(weekday.lower()[:3]) if weekday.lower()[:3] in WEEKDAYS else WEEKDAYS.get(weekday.lower())
        on_day = [c for c in candidates if c.weekday() == wanted]
        candidates = on_day or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c - reference).days))


class _Spans:
    """Spans already matched, none overlapping, kept in order: an overlap test in log time
    (a page of dates must not take time growing with the square of its length)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return not (i and self.ends[i - 1] > start) and not (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def find_dates(text: str, reference: date | None = None) -> list[DateMatch]:
    """Every calendar date written in text, in order. Dates with no year are
    resolved against `reference`, or skipped when there is none."""
    found: list[DateMatch] = []
    taken = _Spans()

    for pattern in (_DAY_MONTH, _MONTH_DAY, _ISO, _NUMERIC, _DOTTED):
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            try:
                day = int(m.group("d"))
                month = int(m.group("m")) if m.group("m").isdigit() else _month_number(m.group("m"))
                year_text = m.group("y")
                weekday = m.groupdict().get("wd")
                if year_text:
                    year = int(year_text)
                    if year < 100:
                        year += 2000
                    value = date(year, month, day)
                else:
                    value = _resolve_year(day, month, weekday, reference)
                    if value is None:
                        continue
            except (ValueError, KeyError):
                continue
            found.append(DateMatch(m.start(), m.end(), value, bool(year_text)))
            taken.add(m.start(), m.end())
    found.sort(key=lambda d: d.start)
    return found


# "July 29th" with no year (a date written month first carries an ordinal when the year is left off)
_MONTH_DAY_NO_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE)


def find_listed_dates(text: str, after: date | None = None) -> list[DateMatch]:
    """Dates in a list that writes each run's year once: "16 June, 14 July, 8 December 2022,
    19 January and 30 March 2023" (the year at the end of each run), or "14 June 2022, 12 July
    and 9 September" (at the start). A date with no year anywhere in the list is the first such
    date after `after` (a paper's meeting date): "Date of next meeting: 25th March."."""
    spans: list[tuple[int, int, int, int, int | None]] = []  # start, end, day, month, year
    taken = _Spans()
    for pattern in (_DAY_MONTH, _MONTH_DAY, _MONTH_DAY_NO_YEAR):
        for m in pattern.finditer(text):
            if not taken.free(m.start(), m.end()):
                continue
            year = m.groupdict().get("y")
            spans.append((m.start(), m.end(), int(m.group("d")), _month_number(m.group("m")), int(year) if year else None))
            taken.add(m.start(), m.end())
    spans.sort()
    years: list[int | None] = [span[4] for span in spans]
    carry: tuple[int, int] | None = None
    for i in range(len(spans) - 1, -1, -1):  # a run's year is written at its end
        month = spans[i][3]
        if years[i] is None and carry:
            years[i] = carry[0] if month <= carry[1] else carry[0] - 1
        carry = (years[i], month) if years[i] is not None else carry
    carry = None
    for i, span in enumerate(spans):  # ... or at its start
        month = span[3]
        if years[i] is None and carry:
            years[i] = carry[0] if month >= carry[1] else carry[0] + 1
        carry = (years[i], month) if years[i] is not None else carry
    found: list[DateMatch] = []
    for (start, end, day, month, written), year in zip(spans, years):
        try:
            if year is None:
                if after is None:
                    continue
                value = date(after.year, month, day)
                if value <= after:
                    value = date(after.year + 1, month, day)
            else:
                value = date(year, month, day)
        except ValueError:
            continue
        found.append(DateMatch(start, end, value, written is not None))
    return found


def parse_date(text: str, reference: date | None = None) -> date | None:
    """The first date in text, or None."""
    matches = find_dates(text, reference)
    return matches[0].value if matches else None


def find_months(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "YYYY-MM") for each month written with a year and no day."""
    out = []
    for m in _MONTH_YEAR.finditer(text):
        # "3 November 2022" is a date, not a month
        before = text[max(0, m.start() - 6):m.start()]
        if re.search(r"\d(?:st|nd|rd|th)?\s*(?:of\s*)?$", before):
            continue
        out.append((m.start(), m.end(), f"{int(m.group('y')):04d}-{_month_number(m.group('m1')):02d}"))
    return out


def parse_time(text: str) -> str | None:
    """The first clock time in text as HH:MM ("10.00 am" -> "10:00", "2pm" -> "14:00")."""
    best: tuple[int, str] | None = None
    m = _TIME_12.search(text)
    if m:
        hour = int(m.group("h")) % 12
        if m.group("ap").lower().startswith("p"):
            hour += 12
        best = (m.start(), f"{hour:02d}:{int(m.group('mi') or 0):02d}")
    m = _TIME_24.search(text)
    if m and (best is None or m.start() < best[0]):
        best = (m.start(), f"{int(m.group('h')):02d}:{m.group('mi')}")
    m = _NOON.search(text)
    if m and (best is None or m.start() < best[0]):
        best = (m.start(), "12:00")
    return best[1] if best else None


def is_undecided(text: str) -> bool:
    return bool(_UNDECIDED.match(text or ""))


def month_after(text: str, after: date | None) -> str | None:
    """A month named without a year ("for September", "the March meeting") as "YYYY-MM": the first
    such month after `after` (a paper's meeting date); None with no date to count from."""
    m = re.search(rf"\b({_MONTH})\b", text or "", re.IGNORECASE)
    if not m or after is None:
        return None
    month = _month_number(m.group(1))
    year = after.year if month > after.month else after.year + 1
    return f"{year:04d}-{month:02d}"


def parse_when(text: str, reference: date | None = None) -> str | None:
    """A programme's "when" cell as "YYYY-MM-DD", "YYYY-MM" (month only: the
    earlier month of "February/March 2021"), or None (TBC, blank, unreadable)."""
    text = (text or "").strip()
    if not text or is_undecided(text):
        return None
    dates = find_dates(text, reference)
    months = find_months(text)
    if dates and (not months or dates[0].start <= months[0][0]):
        return dates[0].value.isoformat()
    if months:
        return months[0][2]
    parsed = _dateparser(text)
    return parsed.date().isoformat() if parsed else None


_MAY_HOLD_A_FULL_DATE = re.compile(rf"\b{_MONTH}\b.*\d|\d.*\b{_MONTH}\b|\d+\D+\d+\D+\d", re.IGNORECASE | re.DOTALL)


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, relative_base: datetime | None = None) -> datetime | None:
    if len(text) > 60 or (relative_base is None and not _MAY_HOLD_A_FULL_DATE.search(text)):
        # a cheap test first: with STRICT_PARSING and day, month and year required, a text
        # with no month name and fewer than three numbers cannot parse, and each dateparser
        # call costs milliseconds (a page of short numbered lines made thousands of them)
        return None
    import dateparser  # imported late: it costs ~0.3 s and most papers never need it

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"]}
    if relative_base:
        settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": relative_base,
                    "PREFER_DATES_FROM": "future"}
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a zoo of errors on odd text
        return None


# Dates people set (a due date) fall in these years; year 1 or 9999 is a slip, not a plan.
SANE_YEARS = range(1990, 2101)


def is_sane(day: date) -> bool:
    return day.year in SANE_YEARS


def parse_user_date(text: str, today: date) -> date | None:
    """A date a person typed: "2026-11-30", "30/11/2026", "30 Nov", "tomorrow", "next tuesday"."""
    text = text.strip()
    if not text:
        return None
    found = parse_date(text, reference=today)
    if found:
        return found
    parsed = _dateparser(text, datetime(today.year, today.month, today.day, 12))
    return parsed.date() if parsed else None


def add_working_days(day: date, count: int) -> date:
    """Weekends only: bank holidays differ by nation and are not in the papers."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


# An agenda must be published five clear working days before its meeting
# (Local Government Act 1972, s.100B): it is known from six working days before,
# or from when it was read if that was earlier (a paper read is known).
AGENDA_LEAD_WORKING_DAYS = 6


def known_from(kind: str, meeting_date: str, read_at: str | None) -> str:
    """The day a paper became known (YYYY-MM-DD): minutes on the day of their
    meeting, an agenda when it was published, a site's listing when it was read."""
    meeting = date.fromisoformat(meeting_date[:10])
    read = date.fromisoformat(read_at[:10]) if read_at else None
    if kind == "agenda":
        published = add_working_days(meeting, -AGENDA_LEAD_WORKING_DAYS)
        if read:
            published = min(published, read)
        return published.isoformat()
    if kind == "listing" and read:
        return min(read, meeting).isoformat()
    return meeting.isoformat()


def human_date(value: date, with_year: bool = True) -> str:
    """As people write it: "Thursday 3 November 2022"."""
    text = f"{value.strftime('%A')} {value.day} {value.strftime('%B')}"
    return f"{text} {value.year}" if with_year else text


def short_date(value: date) -> str:
    """"3 Nov 2022"."""
    return f"{value.day} {value.strftime('%b')} {value.year}"


def human_time(hhmm: str | None) -> str:
    """"10:00" -> "10am", "14:30" -> "2.30pm"."""
    if not hhmm:
        return ""
    hour, minute = (int(p) for p in hhmm.split(":")[:2])
    if hour == 12 and minute == 0:
        return "noon"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}.{minute:02d}{suffix}"
