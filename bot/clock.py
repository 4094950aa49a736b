"""What "today" is. SCRUTINY_TODAY=YYYY-MM-DD (or --today) fixes it everywhere,
for demos, tests and checks; otherwise it is today in Europe/London."""
from __future__ import annotations

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def today() -> date:
    fixed = os.environ.get("SCRUTINY_TODAY", "").strip()
    if fixed:
        return date.fromisoformat(fixed)
    return datetime.now(LONDON).date()


def now() -> datetime:
    """Now in London; with SCRUTINY_TODAY set, that day at the current London time."""
    current = datetime.now(LONDON)
    fixed = os.environ.get("SCRUTINY_TODAY", "").strip()
    if fixed:
        return datetime.combine(date.fromisoformat(fixed), time(current.hour, current.minute, current.second), LONDON)
    return current
