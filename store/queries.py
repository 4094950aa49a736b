"""Named queries: everything the handlers and the scheduler read from the store."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from corpus.dates import SANE_YEARS, is_sane
from corpus.text import without_controls

from . import audit


@dataclass
class Committee:
    id: int
    council: str
    name: str
    slug: str
    channel: str | None


@dataclass
class MeetingRow:
    id: int
    committee_id: int
    committee: str
    date: str
    time: str | None
    venue: str | None
    status: str
    moved_to: str | None
    moved_from: str | None
    finish_time: str | None = None  # planned, where the council's site gives it


@dataclass
class ActionRow:
    id: int
    action_key: str
    committee_id: int
    committee: str
    meeting_date: str
    item_number: str | None
    item_title: str | None
    text: str
    owner: str | None
    due: str | None
    status: str
    done_by: str | None
    done_at: str | None
    document_kind: str
    source: str
    draft: bool = False
    done_by_name: str | None = None  # the name Slack gave with done_by, when known


@dataclass
class ProgrammeRow:
    id: int
    meeting_date: str | None
    when_text: str
    issue: str
    notes: str
    last_reported: list[str]
    paper_date: str
    paper_kind: str
    origin: str


@dataclass
class Provenance:
    kind: str
    meeting_date: str
    source: str


def as_of(db: Database, today: date) -> str | None:
    """Today's date (YYYY-MM-DD) when some paper in the store only becomes
    known after it (a demo or a check with a fixed today), so that answers
    leave those papers out; None when every paper is known by today."""
    newest = db.execute("SELECT max(known_from) FROM documents").fetchone()[0]
    return today.isoformat() if newest and newest > today.isoformat() else None


def followed(db: Database) -> list[str]:
    """The councils this workspace follows; none: it follows every council in the store."""
    return [row[0] for row in db.execute("SELECT council FROM following ORDER BY council")]


def set_followed(db: Database, councils: list[str], by: str, at: datetime) -> bool:
    """Follow exactly these councils (none: every council), audited; False if nothing changed."""
    before = followed(db)
    after = sorted(dict.fromkeys(councils))
    if before == after:
        return False
    with db.atomic():
        restore_followed(db, after, by, at)
        audit.record(db, by, "following", "following", {"councils": before}, {"councils": after}, at)
    return True


def restore_followed(db: Database, councils: list[str], by: str, at: datetime) -> None:
    db.execute("DELETE FROM following")
    db.conn.executemany("INSERT INTO following (council, since, by) VALUES (?, ?, ?)",
                        [(c, at.isoformat(timespec="seconds"), by) for c in councils])


def followed_panels(db: Database) -> list[int] | None:
    """The panels of the councils followed (their ids); None when every council is followed."""
    if not db.execute("SELECT 1 FROM following LIMIT 1").fetchone():
        return None
    return [row[0] for row in db.execute(
        "SELECT c.id FROM committees c JOIN following f ON f.council = c.council ORDER BY c.id")]


def councils(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT council FROM committees WHERE council != '' ORDER BY council")]


def committees(db: Database) -> list[Committee]:
    return [Committee(*row) for row in db.execute(
        "SELECT id, council, name, slug, channel FROM committees ORDER BY name, council")]


def committee(db: Database, committee_id: int | None) -> Committee | None:
    row = db.execute("SELECT id, council, name, slug, channel FROM committees WHERE id = ?", [committee_id]).fetchone()
    return Committee(*row) if row else None


_MEETING_SQL = """
    SELECT m.id, m.committee_id, c.name, m.date, m.time, m.venue, m.status, m.moved_to, m.moved_from, m.finish_time
    FROM meetings m JOIN committees c ON c.id = m.committee_id"""


# As of a day (known_by): a meeting is known when a paper known by then
# mentions it, and goes ahead unless a paper known by then moved or cancelled it.
_MENTIONED = ("EXISTS (SELECT 1 FROM meeting_mentions mm JOIN documents d ON d.id = mm.document_id"
              " WHERE mm.meeting_id = m.id AND d.known_from <= ?{how})")


# a meeting no paper mentions (entered by hand) has no date to be left out by
_KNOWN_MEETING = ("(NOT EXISTS (SELECT 1 FROM meeting_mentions mm WHERE mm.meeting_id = m.id) OR "
                  + _MENTIONED.format(how="") + ")")


def _going_ahead(known_by: str | None) -> tuple[str, list]:
    if known_by is None:
        return "m.status NOT IN ('cancelled', 'rearranged')", []
    return (_KNOWN_MEETING + " AND NOT " + _MENTIONED.format(how=" AND mm.how IN ('cancelled', 'moved')"),
            [known_by, known_by])


def next_meeting(db: Database, committee_id: int, today: date, known_by: str | None = None) -> MeetingRow | None:
    """The first meeting on or after today that will go ahead (as known by known_by, when given)."""
    ahead, params = _going_ahead(known_by)
    row = db.execute(_MEETING_SQL + f" WHERE m.committee_id = ? AND m.date >= ? AND {ahead} ORDER BY m.date LIMIT 1",
                     [committee_id, today.isoformat(), *params]).fetchone()
    return MeetingRow(*row) if row else None


def next_meetings(db: Database, committee_ids: list[int], today: date, known_by: str | None = None) -> dict[int, MeetingRow]:
    """next_meeting for many panels in one statement: {panel id: its next meeting}, for those that have one."""
    ahead, params = _going_ahead(known_by)
    found: dict[int, MeetingRow] = {}
    for start in range(0, len(committee_ids), 500):
        chunk = committee_ids[start:start + 500]
        rows = db.execute(_MEETING_SQL + f""" WHERE m.id IN (
            SELECT (SELECT m.id FROM meetings m WHERE m.committee_id = c.id AND m.date >= ? AND {ahead}
                    ORDER BY m.date LIMIT 1)
            FROM committees c WHERE c.id IN ({','.join('?' * len(chunk))}))""", [today.isoformat(), *params, *chunk])
        for row in rows:
            meeting = MeetingRow(*row)
            found[meeting.committee_id] = meeting
    return found


def last_meeting(db: Database, committee_id: int, today: date, known_by: str | None = None) -> MeetingRow | None:
    ahead, params = _going_ahead(known_by)
    row = db.execute(_MEETING_SQL + f" WHERE m.committee_id = ? AND m.date < ? AND {ahead} ORDER BY m.date DESC LIMIT 1",
                     [committee_id, today.isoformat(), *params]).fetchone()
    return MeetingRow(*row) if row else None


def meetings_known(db: Database, known_by: str | None = None,
                   committee_ids: list[int] | None = None) -> dict[int, tuple[int, str, str]]:
    """Per committee (every one, or those given): how many meetings are known, the first and the last date."""
    where, params = ([], []) if known_by is None else ([_KNOWN_MEETING], [known_by])
    if committee_ids is not None:
        where.append(f"m.committee_id IN ({','.join('?' * len(committee_ids))})")
        params += committee_ids
    clause = " WHERE " + " AND ".join(where) if where else ""
    return {row[0]: (row[1], row[2], row[3]) for row in db.execute(
        f"SELECT m.committee_id, count(*), min(m.date), max(m.date) FROM meetings m{clause} GROUP BY m.committee_id", params)}


def meetings_between(db: Database, start: date, end: date) -> list[MeetingRow]:
    """Every meeting dated start..end inclusive, whatever its status."""
    return [MeetingRow(*row) for row in db.execute(
        _MEETING_SQL + " WHERE m.date BETWEEN ? AND ? ORDER BY m.date, c.name", [start.isoformat(), end.isoformat()])]


# the rule of store.save.refresh_programme, counting only programme tables known by a day
CURRENT_AS_OF = """d.known_from <= :known_by AND NOT EXISTS (
    SELECT 1 FROM programme newer JOIN documents nd ON nd.id = newer.document_id
    WHERE newer.committee_id = p.committee_id AND newer.origin = 'table'
      AND newer.paper_date > p.paper_date AND nd.known_from <= :known_by
      AND (p.meeting_date IS NULL
           OR newer.paper_date <= CASE length(p.meeting_date) WHEN 7 THEN p.meeting_date || '-99' ELSE p.meeting_date END))"""


def programme_for(db: Database, committee_id: int, meeting_date: str, known_by: str | None = None) -> list[ProgrammeRow]:
    """Current programme rows planned for that meeting: dated that day, or a
    month-level row for its month (current as known by known_by, when given)."""
    current = "p.superseded = 0" if known_by is None else CURRENT_AS_OF
    rows = db.execute(f"""
        SELECT p.id, p.meeting_date, p.when_text, p.issue, p.notes, p.last_reported, p.paper_date, d.kind, p.origin
        FROM programme p JOIN documents d ON d.id = p.document_id
        WHERE p.committee_id = :c AND {current} AND p.meeting_date IN (:day, :month)
        ORDER BY p.paper_date DESC, p.position""",
                      {"c": committee_id, "day": meeting_date, "month": meeting_date[:7], "known_by": known_by}).fetchall()
    seen: set[str] = set()
    out = []
    for row in rows:
        key = row[3].lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(ProgrammeRow(*row[:5], json.loads(row[5] or "[]"), *row[6:]))
    return out


_ACTION_SQL = """
    SELECT a.id, a.action_key, c.id, c.name, m.date, a.item_number, a.item_title, a.text,
           COALESCE(s.owner_set, a.owner), COALESCE(s.due_set, a.due),
           s.status, s.done_by, s.done_at, d.kind, d.source, d.draft, p.name
    FROM actions a
    JOIN action_status s ON s.action_key = a.action_key
    LEFT JOIN people p ON p.user_id = s.done_by
    JOIN meetings m ON m.id = a.meeting_id
    JOIN committees c ON c.id = m.committee_id
    JOIN documents d ON d.id = a.document_id"""


def _action_filters(committee_id: int | None, status: str, before: str | None, overdue_on: str | None,
                    known_by: str | None = None, committees: list[int] | None = None) -> tuple[list[str], list]:
    """Filters on an action's own columns (store/schema.py, 018): an index answers them."""
    where, params = ["a.is_primary = 1"], []  # one row per action even when two papers of a meeting record it
    panels = [committee_id] if committee_id is not None else committees
    if panels is not None:
        where.append(f"a.committee_id IN ({','.join('?' * len(panels))})" if len(panels) != 1 else "a.committee_id = ?")
        params += panels
    if status in ("open", "done"):
        where.append("a.status = ?")
        params.append(status)
    if before:
        where.append("a.meeting_date < ?")
        params.append(before)
    if overdue_on:  # due_on: the officer's due date, else the paper's; a month's falls due at its end
        where.append("a.due_on < ?")
        params.append(overdue_on)
    if known_by is not None:  # actions from papers known by that day
        where.append("a.known_from <= ?")
        params.append(known_by)
    return where, params


_ACTION_ORDER = " ORDER BY a.meeting_date, a.committee_id, a.position"


def actions(db: Database, committee_id: int | None = None, status: str = "open", before: str | None = None,
            limit: int | None = None, offset: int = 0, overdue_on: str | None = None,
            known_by: str | None = None, committees: list[int] | None = None) -> list[ActionRow]:
    """Actions oldest meeting first; one row per action even when two papers
    of the same meeting both record it. status: open | done | all. committees:
    those panels' (committee_id: one panel's; neither: every panel's)."""
    where, params = _action_filters(committee_id, status, before, overdue_on, known_by, committees)
    chosen = "SELECT a.id FROM actions a WHERE " + " AND ".join(where) + _ACTION_ORDER
    if limit is not None:
        chosen += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [ActionRow(*row) for row in db.execute(f"{_ACTION_SQL} WHERE a.id IN ({chosen}){_ACTION_ORDER}", params)]


def open_actions_overdue_first(db: Database, committee_id: int, before: str, today: str, limit: int,
                               known_by: str | None = None) -> list[ActionRow]:
    """A panel's open actions from meetings before `before`, those overdue on `today` first, then oldest first."""
    where, params = _action_filters(committee_id, "open", before, None, known_by)
    order = " ORDER BY a.due_on IS NULL OR a.due_on >= ?, a.meeting_date, a.position"
    chosen = "SELECT a.id FROM actions a WHERE " + " AND ".join(where) + order + " LIMIT ?"
    return [ActionRow(*row) for row in db.execute(f"{_ACTION_SQL} WHERE a.id IN ({chosen}){order}",
                                                  [*params, today, limit, today])]


def count_actions(db: Database, committee_id: int | None = None, status: str = "open", before: str | None = None,
                  overdue_on: str | None = None, known_by: str | None = None, committees: list[int] | None = None) -> int:
    where, params = _action_filters(committee_id, status, before, overdue_on, known_by, committees)
    return db.execute("SELECT count(*) FROM actions a WHERE " + " AND ".join(where), params).fetchone()[0]


def action(db: Database, action_id: int) -> ActionRow | None:
    row = db.execute(_ACTION_SQL + " WHERE a.id = ?", [action_id]).fetchone()
    return ActionRow(*row) if row else None


def set_action_status(db: Database, action_id: int, status: str, by: str, at: datetime) -> ActionRow | None:
    """Mark an action done (or reopen it), recording who and when, and auditing the change."""
    if status not in ("open", "done"):
        raise ValueError(f"unknown action status {status!r}")
    with db.atomic():  # read and write in one transaction: the audit's "before" is what was replaced
        current = action(db, action_id)
        if current is None:
            return None
        if current.status != status:
            before = {"status": current.status, "done_by": current.done_by, "done_at": current.done_at}
            after = ({"status": "done", "done_by": by, "done_at": at.isoformat(timespec="seconds")} if status == "done"
                     else {"status": "open", "done_by": None, "done_at": None})
            restore_action_status(db, current.action_key, after)
            audit.record(db, by, "action_status", current.action_key, before, after, at)
    return action(db, action_id)


def set_action_fields(db: Database, action_id: int, by: str, at: datetime, owner: str | None = None,
                      due: str | None = None) -> ActionRow | None:
    """An officer's owner or due date for an action, audited; it outlives re-reading the paper."""
    if owner is not None:
        owner = " ".join(without_controls(owner).split())
    if due is not None and not (len(due) == 10 and is_sane(date.fromisoformat(due))):
        raise ValueError(f"a due date from {SANE_YEARS[0]} to {SANE_YEARS[-1]} as YYYY-MM-DD, not {due!r}")
    with db.atomic():
        current = action(db, action_id)
        if current is None:
            return None
        row = db.execute("SELECT owner_set, due_set FROM action_status WHERE action_key = ?", [current.action_key]).fetchone()
        before = {"owner_set": row[0], "due_set": row[1]}
        after = {"owner_set": owner if owner is not None else row[0], "due_set": due if due is not None else row[1]}
        if after == before:  # nothing to change, nothing to audit
            return current
        restore_action_fields(db, current.action_key, after)
        # its own subject: undoing a status change is not blocked by a later owner change, nor the reverse
        audit.record(db, by, "action_fields", f"{current.action_key}:fields", before, after, at)
    return action(db, action_id)


def restore_action_fields(db: Database, key: str, state: dict) -> None:
    db.execute("UPDATE action_status SET owner_set = ?, due_set = ? WHERE action_key = ?",
               [state["owner_set"], state["due_set"], key])


def restore_action_status(db: Database, key: str, state: dict) -> None:
    db.execute("UPDATE action_status SET status = ?, done_by = ?, done_at = ? WHERE action_key = ?",
               [state["status"], state["done_by"], state["done_at"], key])


@dataclass
class Link:
    title: str
    url: str


@dataclass
class AgendaItem:
    id: int
    number: str | None
    title: str
    pages: str | None
    restricted: bool = False
    url: str | None = None
    links: list[Link] = field(default_factory=list)


def agenda_items(db: Database, meeting_id: int, known_by: str | None = None) -> list[AgendaItem]:
    """The items of the meeting's own agenda, when it has been published (by known_by, when
    given): as the council's site describes them if it does, else from the newest agenda paper."""
    rows = db.execute("""
        SELECT i.id, i.number, i.title, i.pages, i.restricted, i.url FROM items i
        WHERE i.document_id = (
            SELECT d.id FROM documents d
            WHERE d.meeting_id = :m AND (d.origin = 'service' OR d.kind IN ('agenda', 'agenda_and_minutes'))
              AND EXISTS (SELECT 1 FROM items i2 WHERE i2.document_id = d.id)
              AND (:known_by IS NULL OR d.known_from <= :known_by)
            ORDER BY d.origin = 'service' DESC, d.id DESC LIMIT 1)
        ORDER BY i.position""", {"m": meeting_id, "known_by": known_by}).fetchall()
    links = item_links(db, [row[0] for row in rows])
    return [AgendaItem(row[0], row[1], row[2], row[3], bool(row[4]), row[5], links.get(row[0], [])) for row in rows]


def item_links(db: Database, item_ids: list[int]) -> dict[int, list[Link]]:
    """Each item's reports, by title and URL, as the council's site links them."""
    out: dict[int, list[Link]] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start:start + 500]
        for item_id, title, url in db.execute(
                f"SELECT item_id, title, url FROM item_links WHERE item_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY item_id, position", chunk):
            out.setdefault(item_id, []).append(Link(title, url))
    return out


def provenance_of_meeting(db: Database, meeting_id: int, known_by: str | None = None) -> list[Provenance]:
    return [Provenance(*row) for row in db.execute("""
        SELECT d.kind, m.date, d.source FROM documents d JOIN meetings m ON m.id = d.meeting_id
        WHERE d.id IN (SELECT document_id FROM meeting_mentions WHERE meeting_id = :m)
          AND (:known_by IS NULL OR d.known_from <= :known_by)
        ORDER BY m.date DESC""", {"m": meeting_id, "known_by": known_by})]


@dataclass
class Counts:
    committees: int = 0
    meetings: int = 0
    documents: int = 0
    actions_open: int = 0


def counts(db: Database) -> Counts:
    return Counts(
        committees=db.execute("SELECT count(*) FROM committees").fetchone()[0],
        meetings=db.execute("SELECT count(*) FROM meetings").fetchone()[0],
        documents=db.execute("SELECT count(*) FROM documents").fetchone()[0],
        actions_open=db.execute("SELECT count(*) FROM action_status s WHERE status = 'open' AND EXISTS "
                                "(SELECT 1 FROM actions a WHERE a.action_key = s.action_key)").fetchone()[0],
    )


def remember_person(db: Database, user_id: str, name: str, at: datetime) -> None:
    """The name Slack sent with a user id, so that replies can name people without pinging them."""
    name = " ".join((name or "").split())[:80]
    if not user_id or not name or person_name(db, user_id) == name:
        return  # most commands come from someone already known by that name: no write at all
    with db.atomic():
        db.execute("INSERT INTO people (user_id, name, seen_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE"
                   " SET name = excluded.name, seen_at = excluded.seen_at WHERE people.name != excluded.name",
                   [user_id, name, at.isoformat(timespec="seconds")])


def person_name(db: Database, user_id: str | None) -> str | None:
    if not user_id:
        return None
    row = db.execute("SELECT name FROM people WHERE user_id = ?", [user_id]).fetchone()
    return row[0] if row else None
