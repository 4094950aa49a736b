"""Each council's clocks (nation, clear days, report deadline, call-in window,
response periods, which bodies are the executive) and each panel's clock
reminders. Defaults follow the nation; only what an officer changed is stored,
and every change is audited."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from sqlite_utils import Database

from corpus.clocks import DEFAULT_EXECUTIVE, NATIONS, Period, parse_period

from . import audit

RECIPIENTS = ("executive", "council", "nhs", "police", "other")

# The principal councils outside England, by the distinctive part of their names; any other council is English.
_WALES = ("blaenau gwent", "bridgend", "caerphilly", "cardiff", "carmarthenshire", "ceredigion", "conwy", "denbighshire",
          "flintshire", "gwynedd", "anglesey", "merthyr tydfil", "monmouthshire", "neath port talbot", "newport",
          "pembrokeshire", "powys", "rhondda cynon taf", "swansea", "torfaen", "vale of glamorgan", "wrexham", "cyngor")
_SCOTLAND = ("aberdeen", "aberdeenshire", "angus", "argyll and bute", "clackmannanshire", "dumfries and galloway", "dundee",
             "east ayrshire", "east dunbartonshire", "east lothian", "east renfrewshire", "edinburgh", "falkirk", "fife",
             "glasgow", "highland", "inverclyde", "midlothian", "moray", "eilean siar", "eileanan siar", "north ayrshire",
             "north lanarkshire", "orkney", "perth and kinross", "renfrewshire", "scottish borders", "shetland",
             "south ayrshire", "south lanarkshire", "stirling", "west dunbartonshire", "west lothian")
_NORTHERN_IRELAND = ("antrim and newtownabbey", "ards and north down", "armagh city", "belfast", "causeway coast",
                     "derry city", "fermanagh and omagh", "lisburn and castlereagh", "mid and east antrim", "mid ulster",
                     "newry, mourne", "newry mourne")


def nation_of(council: str | None) -> str:
    low = " " + re.sub(r"[^a-z,]+", " ", (council or "").lower()) + " "
    for nation, names in (("wales", _WALES), ("scotland", _SCOTLAND), ("northern_ireland", _NORTHERN_IRELAND)):
        if any(f" {name} " in low for name in names):
            return nation
    return "england"


@dataclass
class CouncilSettings:
    council: str
    nation: str
    clear_days: int  # agendas are published this many clear days before a meeting
    report_days: int  # reports are due this many working days before publication
    callin_days: int  # a decision can be called in for this many working days after publication
    response: dict[str, str | None]  # recipient kind -> period ("2 months", "28 days") or None: no duty
    executive: list[str] = field(default_factory=lambda: list(DEFAULT_EXECUTIVE))
    changed: list[str] = field(default_factory=list)  # which of these an officer set

    def period(self, recipient: str) -> Period | None:
        return parse_period(self.response.get(recipient))


def defaults(council: str, nation: str | None = None) -> CouncilSettings:
    """England: five clear days (Local Government Act 1972 s.100B) and two months for
    the executive and the council to respond (Local Government Act 2000 s.9FE), 28 days
    for NHS bodies (health scrutiny regulations 2013). Wales: three clear days and the same
    two months. Scotland and Northern Ireland: three clear days and no statutory response
    period (set one if the council has adopted it)."""
    nation = nation or nation_of(council)
    if nation == "england":
        return CouncilSettings(council, nation, 5, 3, 5, {"executive": "2 months", "council": "2 months", "nhs": "28 days",
                                                          "police": None, "other": None})
    if nation == "wales":
        return CouncilSettings(council, nation, 3, 3, 5, {"executive": "2 months", "council": "2 months", "nhs": None,
                                                          "police": None, "other": None})
    return CouncilSettings(council, nation, 3, 3, 5, {kind: None for kind in RECIPIENTS})


def _stored(db: Database, council: str) -> dict:
    row = db.execute("SELECT settings FROM council_settings WHERE council = ?", [council]).fetchone()
    return json.loads(row[0]) if row else {}


def council_settings(db: Database, council: str | None) -> CouncilSettings:
    council = council or ""
    changes = _stored(db, council)
    value = defaults(council, changes.get("nation"))
    for key, setting in changes.items():
        if key == "response":
            value.response = {**value.response, **setting}
        elif key != "nation":
            setattr(value, key, setting)
    value.changed = sorted(changes)
    return value


def councils(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT council FROM committees ORDER BY council")]


class BadSetting(ValueError):
    """A setting an officer typed that cannot be used; the message says what would be."""


def changed(current: CouncilSettings, key: str, value: str) -> dict:
    """The stored changes after setting `key` to the typed `value`."""
    key = key.lower().replace("_", "-")
    value = value.strip()
    if key == "nation":
        nation = value.lower().replace(" ", "_")
        if nation not in NATIONS:
            raise BadSetting(f"The nation is one of {', '.join(n.replace('_', ' ') for n in NATIONS)}.")
        return {"nation": nation}
    if key in ("clear-days", "report-days", "callin-days"):
        if not value.isascii() or not value.isdigit() or not 0 <= int(value) <= 30:
            raise BadSetting(f"{key} is a number of days from 0 to 30.")
        return {key.replace("-days", "_days"): int(value)}
    if key == "response":
        kind, _, period = value.partition(" ")
        kind = kind.lower()
        if kind not in RECIPIENTS:
            raise BadSetting(f"Response periods are set for {', '.join(RECIPIENTS)}: `response executive 2 months`.")
        try:
            parsed = parse_period(period)
        except ValueError as err:
            raise BadSetting(str(err)) from None
        return {"response": {kind: str(parsed) if parsed else None}}
    if key == "executive":
        bodies = [b.strip() for b in re.split(r"[,;]", value) if b.strip()]
        if not bodies or any(len(b) > 60 for b in bodies):
            raise BadSetting("Name the executive bodies separated by commas: `executive Cabinet, Cabinet Member, Mayor`.")
        return {"executive": bodies}
    raise BadSetting("Settings: nation, clear-days, report-days, callin-days, response <recipient> <period>, executive <bodies>.")


def save_council_settings(db: Database, council: str, change: dict, by: str, at: datetime) -> CouncilSettings:
    """Apply one change, audited; dues of the council's recommendations follow."""
    before = _stored(db, council)
    after = dict(before)
    for key, value in change.items():
        after[key] = {**after.get(key, {}), **value} if key == "response" else value
    with db.atomic():
        write_council_settings(db, council, after, by, at)
        audit.record(db, by, "council_settings", f"council:{council}", before, after, at)
    return council_settings(db, council)


def write_council_settings(db: Database, council: str, stored: dict, by: str, at: datetime) -> None:
    """The row itself, unaudited (save and undo use it), and the dues that follow from it."""
    from .recommendations import refresh_dues

    db.execute("INSERT INTO council_settings (council, settings, updated_by, updated_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (council) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,"
               " updated_at = excluded.updated_at", [council, json.dumps(stored), by, at.isoformat(timespec="seconds")])
    refresh_dues(db, council)


# --- per-panel clock reminders --------------------------------------------------------------------

@dataclass
class ClockSettings:
    committee_id: int
    response_days: tuple[int, ...] = (14, 1)  # days before a response is due
    overdue: bool = True  # a line on the day a response becomes overdue
    weekly: bool = True  # a weekly line of what is overdue, on Mondays
    report_days: tuple[int, ...] = (3, 1)  # days before a meeting's report deadline
    callin: bool = True  # decisions in the panel's remit, with their call-in deadline


def clock_settings(db: Database, committee_id: int) -> ClockSettings:
    row = db.execute("SELECT settings FROM clock_settings WHERE committee_id = ?", [committee_id]).fetchone()
    value = ClockSettings(committee_id)
    if row:
        stored = json.loads(row[0])
        value = replace(value, **{k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()
                                  if k in ClockSettings.__dataclass_fields__ and k != "committee_id"})
    return value


def clock_settings_dict(value: ClockSettings) -> dict:
    out = asdict(value)
    out.pop("committee_id")
    return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}


def write_clock_settings(db: Database, committee_id: int, state: dict, by: str, at: datetime) -> None:
    db.execute("INSERT INTO clock_settings (committee_id, settings, updated_by, updated_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (committee_id) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,"
               " updated_at = excluded.updated_at", [committee_id, json.dumps(state), by, at.isoformat(timespec="seconds")])


def save_clock_settings(db: Database, value: ClockSettings, by: str, at: datetime) -> None:
    before = clock_settings_dict(clock_settings(db, value.committee_id))
    after = clock_settings_dict(value)
    with db.atomic():
        write_clock_settings(db, value.committee_id, after, by, at)
        audit.record(db, by, "clock_settings", f"clocks:{value.committee_id}", before, after, at)
