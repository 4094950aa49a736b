"""What a committee paper holds once read: plain dataclasses, no I/O."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

@dataclass
class Meeting:
    date: str | None = None  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    venue: str | None = None
    finish: str | None = None  # HH:MM, planned (a council site gives it; papers rarely do)


@dataclass
class Attendee:
    name: str
    status: str  # member | present | apologies | in_attendance | substitute
    role: str | None = None


@dataclass
class Link:
    title: str
    url: str


@dataclass
class Item:
    number: str | None
    title: str
    pages: str | None = None
    text: str = ""  # what the minutes say under the item (empty for an agenda, and for exempt business)
    # what a council's site says of the item; papers read from files leave these as they are
    url: str | None = None  # the item's own page
    restricted: bool = False  # Part II, exempt: its title is published, nothing else of it is kept
    call_in: bool = False
    decision: bool = False
    decision_published: bool = False
    links: list[Link] = field(default_factory=list)  # its reports, by title and URL (not fetched)


@dataclass
class Action:
    item: str | None  # the item number it was agreed under
    text: str
    owner: str | None = None
    due: str | None = None  # YYYY-MM or YYYY-MM-DD
    item_title: str | None = None
    to: str | None = None  # the body a recommendation goes to ("Cabinet"), which owes a response


@dataclass
class ProgrammeEntry:
    meeting_date: str | None  # YYYY-MM-DD, YYYY-MM, or None (TBC)
    when: str  # as written: "February/March 2021", "TBC", "Standing Items"
    issue: str
    last_reported: list[str] = field(default_factory=list)
    notes: str = ""
    origin: str = "table"  # table: a row of a whole programme; minutes: one addition agreed in minutes


@dataclass
class FutureMeeting:
    date: str
    time: str | None = None
    venue: str | None = None


@dataclass
class MovedMeeting:
    old_date: str
    new_date: str | None  # None: cancelled


@dataclass
class Document:
    kind: str = "unknown"  # minutes | agenda | agenda_and_minutes | forward_plan | unknown
    council: str | None = None
    committee: str | None = None
    meeting: Meeting = field(default_factory=Meeting)
    attendance: list[Attendee] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    work_programme: list[ProgrammeEntry] = field(default_factory=list)
    future_meetings: list[FutureMeeting] = field(default_factory=list)
    moved_meetings: list[MovedMeeting] = field(default_factory=list)
    draft: bool = False  # minutes not yet approved by the next meeting: their actions are provisional
    warnings: list[str] = field(default_factory=list)
    exempt: list[str] = field(default_factory=list)  # exempt business left out, as "item 12 Title (why)"

    def to_json(self) -> dict:
        """The shape `scrutiny parse --json` prints."""
        out = asdict(self)
        for item in out["items"]:
            item.pop("text")
            for name in ("url", "restricted", "call_in", "decision", "decision_published", "links"):
                if not item[name]:
                    item.pop(name)
        if not out["meeting"]["finish"]:
            out["meeting"].pop("finish")
        return out
