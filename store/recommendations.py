"""The recommendation tracker: recommendations read from scrutiny minutes,
responses read from executive papers, which answers which (and why), and what
officers recorded by hand. Statuses are worked out from these at a given day,
never stored, so they cannot go stale."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TextIO

from sqlite_utils import Database

from corpus.clocks import municipal_year, municipal_year_bounds, response_due
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.model import Document
    from corpus.recommendations import Response

from . import audit
from .council_settings import council_settings
from .queries import as_of

DUE_SOON_DAYS = 14
OUTCOMES = ("accepted", "partly", "rejected")
OUTCOME_WORDS = {"accepted": "accepted", "partly": "accepted in part", "rejected": "not accepted"}


def _key(*parts: object) -> str:
    words = [" ".join(re.findall(r"[a-z0-9]+", str(p or "").lower())) for p in parts]
    return hashlib.sha1("|".join(words).encode()).hexdigest()


# --- saving, with each paper ------------------------------------------------------------------------

def save_from_document(db: Database, doc: Document, text: str, *, document_id: int, meeting_id: int,
                       committee_id: int, council: str, meeting_date: str, now: datetime) -> None:
    """Inside save_document's transaction: the paper's recommendations (scrutiny
    minutes), or its responses and decisions (executive papers), then matching."""
    from corpus.recommendations import find_decisions, find_recommendations, find_responses  # with the parser: ingest only
    settings = council_settings(db, council)
    bodies = tuple(settings.executive)
    made = date.fromisoformat(meeting_date)
    recs = find_recommendations(doc, bodies)
    positions: dict[str, int] = {}
    rows = []
    for rec in recs:
        group = rec.item or rec.item_title or ""
        positions[group] = positions.get(group, 0) + 1
        due = response_due(made, settings.period(rec.recipient))
        rows.append((_key("rec", committee_id, meeting_date, rec.text), document_id, meeting_id, committee_id, positions[group],
                     rec.item, rec.item_title, rec.text, rec.to_whom, rec.recipient, meeting_date,
                     due.isoformat() if due else None))
    db.conn.executemany(
        "INSERT INTO recommendations (rec_key, document_id, meeting_id, committee_id, position, item_number, item_title,"
        " text, to_whom, recipient, made_on, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    responses = find_responses(doc, bodies)
    db.conn.executemany(
        "INSERT INTO exec_responses (response_key, document_id, meeting_id, committee_id, item_number, item_title,"
        " panel_named, text, outcome, numbered, dates, decided_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(_key("response", committee_id, meeting_date, r.item, r.item_title, r.panel_named), document_id, meeting_id,
          committee_id, r.item, r.item_title, r.panel_named, r.text, r.outcome, json.dumps(r.numbered), json.dumps(r.dates),
          meeting_date) for r in responses])

    from .clocks import save_decisions
    save_decisions(db, find_decisions(doc, text, bodies), document_id=document_id, meeting_id=meeting_id,
                   committee_id=committee_id, meeting_date=meeting_date, settings=settings)
    if rows or responses:
        rematch(db, council, since=meeting_date if not responses else None)


def refresh_dues(db: Database, council: str) -> None:
    """After a council's settings change: each recommendation's due date from the new periods."""
    settings = council_settings(db, council)
    rows = db.execute("SELECT r.id, r.made_on, r.recipient FROM recommendations r JOIN committees c ON c.id = r.committee_id"
                      " WHERE c.council = ?", [council]).fetchall()
    updates = []
    for rec_id, made_on, recipient in rows:
        due = response_due(date.fromisoformat(made_on), settings.period(recipient))
        updates.append((due.isoformat() if due else None, rec_id))
    db.conn.executemany("UPDATE recommendations SET due = ? WHERE id = ?", updates)


def _response_from_row(row) -> Response:
    from corpus.recommendations import Response
    return Response(row[1], row[2], row[3], row[4], row[5], [tuple(n) for n in json.loads(row[6] or "[]")],
                    json.loads(row[7] or "[]"))


def rematch(db: Database, council: str, since: str | None = None) -> None:
    """Match the council's responses (decided on or after `since`, or all) to its
    recommendations. What an officer confirmed or rejected is kept; the matcher's
    own earlier guesses for those responses are replaced."""
    from corpus.recommendations import Candidate, match
    candidates = [Candidate(key, panel, made_on, title, text, f"{committee}|{made_on}|{item or title or ''}", position)
                  for key, panel, made_on, title, text, committee, item, position in db.execute("""
        SELECT r.rec_key, c.name, r.made_on, r.item_title, r.text, r.committee_id, r.item_number, r.position
        FROM recommendations r JOIN committees c ON c.id = r.committee_id
        WHERE c.council = ? AND r.id = (SELECT min(r2.id) FROM recommendations r2 WHERE r2.rec_key = r.rec_key)
        ORDER BY r.made_on, r.committee_id, r.position""", [council])]
    responses = db.execute("""
        SELECT e.response_key, e.item_number, e.item_title, e.panel_named, e.text, e.outcome, e.numbered, e.dates, e.decided_on
        FROM exec_responses e JOIN committees c ON c.id = e.committee_id
        WHERE c.council = ? AND (? IS NULL OR e.decided_on >= ?)
          AND e.id = (SELECT min(e2.id) FROM exec_responses e2 WHERE e2.response_key = e.response_key)""",
                           [council, since, since]).fetchall()
    keys = [r[0] for r in responses]
    for chunk in range(0, len(keys), 500):
        part = keys[chunk:chunk + 500]
        db.execute(f"DELETE FROM recommendation_matches WHERE state = 'auto' AND response_key IN ({','.join('?' * len(part))})", part)
    # answered already: by what an officer confirmed, or by responses not being matched again now
    answered = {r[0] for r in db.execute(
        "SELECT mt.rec_key FROM recommendation_matches mt JOIN recommendations r ON r.rec_key = mt.rec_key"
        " JOIN committees c ON c.id = r.committee_id WHERE c.council = ? AND mt.state != 'rejected'", [council])}
    rows = []
    for row in sorted(responses, key=lambda r: r[8]):  # in the order the executive decided them
        for found in match(_response_from_row(row), row[8], candidates, answered):
            rows.append((found.key, row[0], found.number, found.outcome, found.score, found.reason))
            answered.add(found.key)
    db.conn.executemany("INSERT OR IGNORE INTO recommendation_matches (rec_key, response_key, number, outcome, score, reason)"
                        " VALUES (?, ?, ?, ?, ?, ?)", rows)


# --- reading ----------------------------------------------------------------------------------------

@dataclass
class RecommendationRow:
    id: int
    rec_key: str
    committee_id: int
    committee: str
    council: str
    made_on: str
    item_number: str | None
    item_title: str | None
    text: str
    to_whom: str | None
    recipient: str
    due: str | None
    response_on: str | None
    outcome: str | None
    implemented_on: str | None
    closed_on: str | None
    notes: str | None
    document_kind: str
    source: str
    response_by_hand: bool

    def status(self, today: date) -> str:
        """closed | implemented | responded | overdue | due soon | awaiting"""
        if self.closed_on:
            return "closed"
        if self.implemented_on:
            return "implemented"
        if self.response_on:
            return "responded"
        if self.due and self.due < today.isoformat():
            return "overdue"
        if self.due and self.due <= (today + timedelta(days=DUE_SOON_DAYS)).isoformat():
            return "due soon"
        return "awaiting"

    def on_time(self) -> bool | None:
        if not self.response_on:
            return None
        return self.due is None or self.response_on <= self.due


_LIVE = "mt.state != 'rejected' AND e.id = (SELECT min(e2.id) FROM exec_responses e2 WHERE e2.response_key = e.response_key)"
_REC_SQL = f"""
    WITH rec AS (
        SELECT r.id, r.rec_key, c.id AS committee_id, c.name AS committee, c.council, r.made_on, r.item_number, r.item_title,
               r.text, r.to_whom, r.recipient, COALESCE(s.due_set, r.due) AS due,
               COALESCE(s.response_on, (SELECT min(e.decided_on) FROM recommendation_matches mt
                                        JOIN exec_responses e ON e.response_key = mt.response_key
                                        WHERE mt.rec_key = r.rec_key AND {_LIVE})) AS response_on,
               COALESCE(s.outcome, (SELECT mt.outcome FROM recommendation_matches mt
                                    JOIN exec_responses e ON e.response_key = mt.response_key
                                    WHERE mt.rec_key = r.rec_key AND {_LIVE} ORDER BY e.decided_on LIMIT 1)) AS outcome,
               s.implemented_on, s.closed_on, s.notes, d.kind, d.source, s.response_on IS NOT NULL AS by_hand
        FROM recommendations r
        JOIN committees c ON c.id = r.committee_id
        JOIN documents d ON d.id = r.document_id
        LEFT JOIN recommendation_state s ON s.rec_key = r.rec_key
        WHERE r.id = (SELECT min(r2.id) FROM recommendations r2 WHERE r2.rec_key = r.rec_key) {{inner}}
    )
    SELECT * FROM rec"""

STATUSES = ("awaiting", "overdue", "responded", "implemented", "closed", "all")


def _filters(db: Database, committee_id: int | None, status: str, today: date, council: str | None,
             due_by: str | None, committees: list[int] | None = None) -> tuple[str, list, str, list]:
    inner, inner_params = [], []
    known_by = as_of(db, today)
    if known_by is not None:  # made in a paper known by today (a demo or a check with a fixed today)
        inner.append("d.known_from <= ?")
        inner_params.append(known_by)
    if committee_id is not None:
        inner.append("r.committee_id = ?")
        inner_params.append(committee_id)
    elif committees is not None:
        inner.append(f"r.committee_id IN ({','.join('?' * len(committees))})")
        inner_params += committees
    if council is not None:
        inner.append("c.council = ?")
        inner_params.append(council)
    outer, params = [], []
    open_ = "response_on IS NULL AND implemented_on IS NULL AND closed_on IS NULL"
    if status == "awaiting":
        outer.append(open_)
    elif status == "overdue":
        outer.append(f"{open_} AND due < ?")
        params.append(today.isoformat())
    elif status == "responded":
        outer.append("response_on IS NOT NULL AND implemented_on IS NULL AND closed_on IS NULL")
    elif status == "implemented":
        outer.append("implemented_on IS NOT NULL AND closed_on IS NULL")
    elif status == "closed":
        outer.append("closed_on IS NOT NULL")
    if due_by:
        outer.append(f"{open_} AND due <= ?")
        params.append(due_by)
    return (" AND " + " AND ".join(inner)) if inner else "", inner_params, (" WHERE " + " AND ".join(outer)) if outer else "", params


def recommendations(db: Database, committee_id: int | None = None, status: str = "all", today: date | None = None,
                    limit: int | None = None, offset: int = 0, council: str | None = None,
                    due_by: str | None = None, committees: list[int] | None = None) -> list[RecommendationRow]:
    """Oldest due first (those with no deadline last), then oldest made."""
    today = today or date.today()
    inner, inner_params, outer, params = _filters(db, committee_id, status, today, council, due_by, committees)
    sql = _REC_SQL.format(inner=inner) + outer + " ORDER BY due IS NULL, due, made_on, committee, id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [RecommendationRow(*row[:19], bool(row[19])) for row in db.execute(sql, inner_params + params)]


def count(db: Database, committee_id: int | None = None, status: str = "all", today: date | None = None,
          council: str | None = None, committees: list[int] | None = None) -> int:
    today = today or date.today()
    inner, inner_params, outer, params = _filters(db, committee_id, status, today, council, None, committees)
    return db.execute("SELECT count(*) FROM (" + _REC_SQL.format(inner=inner) + outer + ")", inner_params + params).fetchone()[0]


def recommendation(db: Database, rec_id: int) -> RecommendationRow | None:
    row = db.execute(_REC_SQL.format(inner="") + " WHERE id = ?", [rec_id]).fetchone()
    if row is None:  # a later copy of the same recommendation (the same words in another paper of that meeting)
        key = db.execute("SELECT rec_key FROM recommendations WHERE id = ?", [rec_id]).fetchone()
        row = key and db.execute(_REC_SQL.format(inner="") + " WHERE rec_key = ?", [key[0]]).fetchone()
    return RecommendationRow(*row[:19], bool(row[19])) if row else None


@dataclass
class MatchRow:
    response_key: str
    state: str
    reason: str
    outcome: str | None
    number: int | None
    decided_on: str
    cabinet: str
    item_title: str | None
    document_kind: str
    source: str


def matches_for(db: Database, rec_key: str) -> list[MatchRow]:
    return [MatchRow(*row) for row in db.execute("""
        SELECT mt.response_key, mt.state, mt.reason, mt.outcome, mt.number, e.decided_on, c.name, e.item_title, d.kind, d.source
        FROM recommendation_matches mt
        JOIN exec_responses e ON e.response_key = mt.response_key
             AND e.id = (SELECT min(e2.id) FROM exec_responses e2 WHERE e2.response_key = e.response_key)
        JOIN committees c ON c.id = e.committee_id JOIN documents d ON d.id = e.document_id
        WHERE mt.rec_key = ? ORDER BY e.decided_on""", [rec_key])]


@dataclass
class UnmatchedResponse:
    id: int
    council: str
    cabinet: str
    decided_on: str
    item_title: str | None
    panel_named: str | None
    source: str


def unmatched_responses(db: Database, council: str | None = None, limit: int = 10) -> list[UnmatchedResponse]:
    """Responses the matcher could not place: an officer links them by hand."""
    return [UnmatchedResponse(*row) for row in db.execute("""
        SELECT e.id, c.council, c.name, e.decided_on, e.item_title, e.panel_named, d.source
        FROM exec_responses e JOIN committees c ON c.id = e.committee_id JOIN documents d ON d.id = e.document_id
        WHERE (? IS NULL OR c.council = ?)
          AND NOT EXISTS (SELECT 1 FROM recommendation_matches mt WHERE mt.response_key = e.response_key AND mt.state != 'rejected')
        ORDER BY e.decided_on DESC LIMIT ?""", [council, council, limit])]


# --- an officer's word, audited and undoable ---------------------------------------------------------

_STATE_FIELDS = ("due_set", "response_on", "outcome", "implemented_on", "closed_on", "notes")


def state_of(db: Database, rec_key: str) -> dict:
    row = db.execute(f"SELECT {', '.join(_STATE_FIELDS)} FROM recommendation_state WHERE rec_key = ?", [rec_key]).fetchone()
    return dict(zip(_STATE_FIELDS, row)) if row else dict.fromkeys(_STATE_FIELDS)


def write_state(db: Database, rec_key: str, state: dict, by: str, at: datetime) -> None:
    db.execute(f"INSERT INTO recommendation_state (rec_key, {', '.join(_STATE_FIELDS)}, updated_by, updated_at)"
               f" VALUES (?, {', '.join('?' * len(_STATE_FIELDS))}, ?, ?) ON CONFLICT (rec_key) DO UPDATE SET "
               + ", ".join(f"{f} = excluded.{f}" for f in (*_STATE_FIELDS, "updated_by", "updated_at")),
               [rec_key, *(state.get(f) for f in _STATE_FIELDS), by, at.isoformat(timespec="seconds")])


def set_state(db: Database, rec_key: str, by: str, at: datetime, **changes: str | None) -> None:
    before = state_of(db, rec_key)
    after = {**before, **changes}
    if after == before:
        return
    with db.atomic():
        write_state(db, rec_key, after, by, at)
        audit.record(db, by, "recommendation", f"rec:{rec_key}", before, after, at)


def match_state(db: Database, rec_key: str, response_key: str) -> dict:
    row = db.execute("SELECT state, number, outcome, score, reason FROM recommendation_matches WHERE rec_key = ? AND response_key = ?",
                     [rec_key, response_key]).fetchone()
    return dict(zip(("state", "number", "outcome", "score", "reason"), row)) if row else {"state": None}


def write_match(db: Database, rec_key: str, response_key: str, state: dict, by: str, at: datetime) -> None:
    if state.get("state") is None:
        db.execute("DELETE FROM recommendation_matches WHERE rec_key = ? AND response_key = ?", [rec_key, response_key])
        return
    db.execute("INSERT INTO recommendation_matches (rec_key, response_key, number, outcome, score, reason, state, set_by, set_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rec_key, response_key) DO UPDATE SET state = excluded.state,"
               " outcome = excluded.outcome, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at",
               [rec_key, response_key, state.get("number"), state.get("outcome"), state.get("score"), state.get("reason"),
                state["state"], by, at.isoformat(timespec="seconds")])


def set_match(db: Database, rec_key: str, response_key: str, new_state: str, by: str, at: datetime,
              reason: str | None = None) -> None:
    """confirmed: this response answers it (an officer linked or confirmed it); rejected: it does not."""
    before = match_state(db, rec_key, response_key)
    after = {**before, "state": new_state}
    if reason and not after.get("reason"):
        after["reason"] = reason
    if after.get("outcome") is None and new_state == "confirmed":
        row = db.execute("SELECT outcome FROM exec_responses WHERE response_key = ? LIMIT 1", [response_key]).fetchone()
        after["outcome"] = row[0] if row else None
    with db.atomic():
        write_match(db, rec_key, response_key, after, by, at)
        audit.record(db, by, "recommendation_match", f"match:{rec_key}:{response_key}", before, after, at)


# --- the tracker as councils publish it ----------------------------------------------------------------

CSV_COLUMNS = ["Recommendation", "Date", "To whom", "Response due", "Response date", "Accepted", "Implementation status",
               "Notes", "Panel", "Item", "Paper"]


def implementation(row: RecommendationRow, today: date) -> str:
    status = row.status(today)
    return {"implemented": f"Implemented {row.implemented_on}", "closed": f"Closed {row.closed_on}",
            "responded": "Awaiting implementation" if row.outcome != "rejected" else "Not to be implemented",
            "overdue": "Response overdue", "due soon": "Awaiting response", "awaiting": "Awaiting response"}[status]


def write_csv(db: Database, out: TextIO, today: date, committee_id: int | None = None, status: str = "all") -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = recommendations(db, committee_id, status, today)
    for r in rows:
        writer.writerow([r.text, r.made_on, r.to_whom or "", r.due or "no statutory deadline", r.response_on or "",
                         OUTCOME_WORDS.get(r.outcome or "", "") if r.response_on else "", implementation(r, today),
                         r.notes or "", r.committee, " ".join(x for x in (r.item_number, r.item_title) if x), r.source])
    return len(rows)


@dataclass
class YearSummary:
    panel: str
    year: str  # "2024/25"
    made: int = 0
    on_time: int = 0
    late: int = 0
    outstanding: int = 0
    accepted: int = 0  # accepted in full or in part
    implemented: int = 0


def summary(db: Database, today: date, committee_id: int | None = None, year: str | None = None) -> list[YearSummary]:
    """Per panel and municipal year: for the annual scrutiny report."""
    out: dict[tuple[str, str], YearSummary] = {}
    for r in recommendations(db, committee_id, "all", today):
        label = municipal_year(date.fromisoformat(r.made_on))
        if year and label != year:
            continue
        row = out.setdefault((r.committee, label), YearSummary(r.committee, label))
        row.made += 1
        on_time = r.on_time()
        if on_time is True:
            row.on_time += 1
        elif on_time is False:
            row.late += 1
        elif not r.closed_on and not r.implemented_on:
            row.outstanding += 1
        if r.outcome in ("accepted", "partly"):
            row.accepted += 1
        if r.implemented_on:
            row.implemented += 1
    return sorted(out.values(), key=lambda s: (s.year, s.panel))


SUMMARY_COLUMNS = ["Panel", "Municipal year", "Made", "Responded on time", "Responded late", "Outstanding", "Accepted",
                   "Implemented"]


def write_summary_csv(db: Database, out: TextIO, today: date, committee_id: int | None = None, year: str | None = None) -> int:
    writer = csv.writer(out)
    writer.writerow(SUMMARY_COLUMNS)
    rows = summary(db, today, committee_id, year)
    for s in rows:
        writer.writerow([s.panel, s.year, s.made, s.on_time, s.late, s.outstanding, s.accepted, s.implemented])
    return len(rows)


def year_label_ok(label: str) -> bool:
    try:
        municipal_year_bounds(label)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}/\d{2}", label))
