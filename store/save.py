"""Saving a parsed paper: one transaction per paper, idempotent on content.

- The same bytes again change nothing.
- A new version of a paper (same source, new content) replaces that paper's records.
- The agenda and the minutes of one meeting meet in one meetings row (committee + date).
- An action's done/open state is kept apart, keyed on the action itself, so re-reading never reopens it.
- A newer programme table supersedes older rows for meetings on or after its date; history stays.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, utils
from sqlite_utils import Database

from corpus import PARSER_VERSION, Document, read_paper
from corpus.dates import known_from
from corpus.glossary import KNOWN_KEYS, learn_acronyms, phrase
from corpus.model import Action, Item
from corpus.owners import OwnerBook
from corpus.words import acronym_key, family, standing_business, tokens

from .schema import is_term, row_acronyms, searchable_paper

from .recommendations import save_from_document as save_clocks


class CannotSave(ValueError):
    """The paper parsed but lacks what the store needs (a date, a committee)."""


@dataclass
class SaveResult:
    status: str  # new | updated | unchanged
    document_id: int
    committee: str
    meeting_date: str
    actions: int = 0
    duplicate_of: str | None = None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " and ")).strip("-")


def action_key(committee_id: int, meeting_date: str, text: str) -> str:
    words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    return hashlib.sha1(f"{committee_id}|{meeting_date}|{words}".encode()).hexdigest()


def committee_id_for(db: Database, council: str | None, name: str, now: str) -> int:
    """The committee of that name; a paper that does not name its council joins
    the one committee of that name if there is exactly one."""
    slug = slugify(name)
    council = council or ""
    rows = db.execute("SELECT id, council FROM committees WHERE slug = ?", [slug]).fetchall()
    exact = [r for r in rows if r[1] == council]
    if exact:
        return exact[0][0]
    if not council and len(rows) == 1:
        return rows[0][0]
    if council:
        unnamed = [r for r in rows if r[1] == ""]
        if len(unnamed) == 1:
            db.execute("UPDATE committees SET council = ? WHERE id = ?", [council, unnamed[0][0]])
            return unnamed[0][0]
    cursor = db.execute("INSERT INTO committees (council, name, slug, created_at) VALUES (?, ?, ?, ?)",
                        [council, name, slug, now])
    return cursor.lastrowid


def _meeting_id(db: Database, committee_id: int, date: str, created: set[int], finish: str | None = None) -> int:
    """The meeting of that committee on that date; a new one is added to `created`.
    Its time and venue are settled by refresh_meetings(), from what the papers say."""
    row = db.execute("SELECT id FROM meetings WHERE committee_id = ? AND date = ?", [committee_id, date]).fetchone()
    if row:
        meeting_id = row[0]
    else:
        meeting_id = db.execute("INSERT INTO meetings (committee_id, date) VALUES (?, ?)", [committee_id, date]).lastrowid
        created.add(meeting_id)
    if finish:
        db.execute("UPDATE meetings SET finish_time = ? WHERE id = ?", [finish, meeting_id])
    return meeting_id


def _mention(db: Database, document_id: int, meeting_id: int, how: str, time: str | None = None,
             venue: str | None = None, detail: str | None = None, replace: bool = False) -> None:
    db.execute(f"INSERT OR {'REPLACE' if replace else 'IGNORE'} INTO meeting_mentions"
               " (document_id, meeting_id, how, detail, time, venue, said_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [document_id, meeting_id, how, detail, time, venue, document_id])


# A meeting's own papers and listings; "future" is another paper's word on it.
_OWN = ("agenda", "minutes", "listed", "cancelled")


def _stated(db: Database, meeting_id: int) -> tuple[str | None, str | None]:
    """(time, venue): the newest word of the meeting's own papers and listings, else
    of other papers that name it. Newest: the document that first said it. Where an
    older one names the same place more fully ("Committee Room 2, County Hall" for
    "County Hall"), the fuller name is kept."""
    rows = db.execute(f"""SELECT time, venue FROM meeting_mentions WHERE meeting_id = ? AND (time IS NOT NULL OR venue IS NOT NULL)
                          ORDER BY how IN ({', '.join('?' * len(_OWN))}) DESC, said_at DESC""",
                      [meeting_id, *_OWN]).fetchall()
    venues = [r[1] for r in rows if r[1]]
    venue = venues[0] if venues else None
    for older in venues[1:]:
        if len(older) > len(venue) and _same_place(older, venue):
            venue = older
    return next((r[0] for r in rows if r[0]), None), venue


_STATE_SQL = "SELECT date, time, venue, status, moved_to, committee_id FROM meetings WHERE id = ?"


def _state(db: Database, meeting_id: int) -> dict | None:
    row = db.execute(_STATE_SQL, [meeting_id]).fetchone()
    return dict(zip(("date", "time", "venue", "status", "moved_to", "committee_id"), row)) if row else None


def _same_place(a: str, b: str) -> bool:
    """"Council Chamber, County Hall" and "Council Chamber - County Hall, Spetchley Road": one place."""
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) >= 90


def _worth_telling(before: dict, after: dict) -> bool:
    """A change the panel's channel should hear of: a new time or place, a move, a cancellation, or back on."""
    if after["status"] != before["status"] and "cancelled" in (after["status"], before["status"]):
        return True
    if after["status"] == "rearranged" and after["moved_to"] != before["moved_to"]:
        return True
    if before["status"] == "rearranged" and after["status"] != "rearranged":
        return True
    if before["time"] and after["time"] and before["time"] != after["time"]:
        return True
    return bool(before["venue"] and after["venue"] and not _same_place(before["venue"], after["venue"]))


def _notice_change(db: Database, meeting_id: int, before: dict, now: datetime) -> None:
    """Record a change for the panel's channel: one row per meeting until it is sent, so
    two corrections before the next sweep are one message, and a change undone is none."""
    after = _state(db, meeting_id)
    channel = db.execute("SELECT channel FROM committees WHERE id = ?", [after["committee_id"]]).fetchone()[0]
    if not channel or max(before["date"], after["moved_to"] or "") < now.date().isoformat():
        return
    pending = db.execute("SELECT id, before FROM meeting_changes WHERE meeting_id = ? AND channel = ? AND status = 'pending'",
                         [meeting_id, channel]).fetchone()
    if pending:
        first = json.loads(pending[1])
        if _worth_telling(first, after):
            db.execute("UPDATE meeting_changes SET after = ?, noticed_at = ? WHERE id = ?",
                       [json.dumps(after), now.isoformat(timespec="seconds"), pending[0]])
        else:
            db.execute("DELETE FROM meeting_changes WHERE id = ?", [pending[0]])
    elif _worth_telling(before, after):
        db.execute("INSERT INTO meeting_changes (meeting_id, channel, before, after, noticed_at) VALUES (?, ?, ?, ?, ?)",
                   [meeting_id, channel, json.dumps(before), json.dumps(after), now.isoformat(timespec="seconds")])


def refresh_meetings(db: Database, meeting_ids: set[int], created: set[int] | None = None,
                     now: datetime | None = None) -> None:
    """Status, time and venue follow from what the papers say of a meeting; a
    meeting no paper mentions any more is removed. With `now`, a change to a
    meeting that was already known is noticed for the panel's channel."""
    for meeting_id in meeting_ids:
        before = _state(db, meeting_id)
        hows = {row[0]: row[1] for row in db.execute(
            "SELECT how, detail FROM meeting_mentions WHERE meeting_id = ? ORDER BY document_id", [meeting_id])}
        if not hows:
            used = db.execute("SELECT 1 FROM documents WHERE meeting_id = ? UNION SELECT 1 FROM items WHERE meeting_id = ? "
                              "UNION SELECT 1 FROM actions WHERE meeting_id = ?", [meeting_id] * 3).fetchone()
            if not used:
                db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
            continue
        moved_to = hows.get("moved")
        if "cancelled" in hows:
            status = "cancelled"
        elif moved_to:
            status = "rearranged"
        elif "minutes" in hows:
            status = "held"
        else:
            status = "scheduled"
        time, venue = _stated(db, meeting_id)
        db.execute("UPDATE meetings SET status = ?, moved_to = ?, time = ?, venue = ? WHERE id = ?",
                   [status, moved_to, time, venue, meeting_id])
        db.execute("""
            UPDATE meetings SET moved_from = (
                SELECT old.date FROM meetings old JOIN meeting_mentions mm ON mm.meeting_id = old.id
                WHERE mm.how = 'moved' AND mm.detail = meetings.date AND old.committee_id = meetings.committee_id
                ORDER BY old.date LIMIT 1)
            WHERE id = ?""", [meeting_id])
        if now is not None and before is not None and meeting_id not in (created or set()):
            _notice_change(db, meeting_id, before, now)


def refresh_programme(db: Database, committee_id: int, from_date: str | None = None) -> None:
    """A row is superseded when a programme table from a later paper, dated on
    or before the row's meeting, re-plans it. Each row is one index range probe;
    with from_date (a new paper's date) only rows it can re-plan are looked at."""
    db.execute("""
        UPDATE programme SET superseded = NOT superseded
        WHERE committee_id = :c
          AND (:from_date IS NULL OR meeting_date IS NULL OR meeting_date >= substr(:from_date, 1, length(meeting_date)))
          AND superseded != EXISTS (
            SELECT 1 FROM programme newer
            WHERE newer.committee_id = :c AND newer.origin = 'table'
              AND newer.paper_date > programme.paper_date
              AND (programme.meeting_date IS NULL
                   OR newer.paper_date <= CASE length(programme.meeting_date)
                                          WHEN 7 THEN programme.meeting_date || '-99' ELSE programme.meeting_date END))""",
               {"c": committee_id, "from_date": from_date})


def _delete_document(db: Database, document_id: int) -> set[int]:
    meetings = {row[0] for row in db.execute(
        "SELECT meeting_id FROM meeting_mentions WHERE document_id = ? UNION SELECT meeting_id FROM documents WHERE id = ?",
        [document_id, document_id])}
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    return meetings


def remove_documents(db: Database, document_ids: list[int], now: datetime) -> None:
    """Delete papers and everything read from them; meetings and plans follow. Call inside a transaction."""
    committees = {row[0] for row in db.execute(
        f"SELECT DISTINCT committee_id FROM documents WHERE id IN ({','.join('?' * len(document_ids))})", document_ids)}
    touched: set[int] = set()
    for document_id in document_ids:
        touched |= _delete_document(db, document_id)
    refresh_meetings(db, touched)
    _settle_structure(db, touched, now)
    for committee_id in committees:
        refresh_programme(db, committee_id)


def already_saved(db: Database, digest: str, source_key: str) -> SaveResult | None:
    """The paper with these exact bytes, read by this parser version, if there is one."""
    row = db.execute(
        "SELECT d.id, d.source_key, c.name, m.date FROM documents d JOIN committees c ON c.id = d.committee_id "
        "JOIN meetings m ON m.id = d.meeting_id WHERE d.content_hash = ? AND d.parser_version = ?",
        [digest, PARSER_VERSION]).fetchone()
    if row is None:
        return None
    return SaveResult("unchanged", row[0], row[2], row[3], duplicate_of=row[1] if row[1] != source_key else None)


def _clear_previous(db: Database, source_key: str, digest: str) -> tuple[str, set[int], list[tuple]]:
    """Delete the earlier version of this paper (same source, or the same bytes
    read by an older parser): ("new" or "updated", the meetings it touched, and
    what it said of each meeting, to keep when the new version says the same)."""
    touched: set[int] = set()
    said: list[tuple] = []
    status = "new"
    for old in db.execute("SELECT id FROM documents WHERE source_key = ? OR content_hash = ?", [source_key, digest]).fetchall():
        said += db.execute("SELECT meeting_id, how, time, venue, said_at FROM meeting_mentions WHERE document_id = ?"
                           " AND said_at IS NOT NULL", [old[0]]).fetchall()
        touched |= _delete_document(db, old[0])
        status = "updated"
    return status, touched, said


def _keep_said_at(db: Database, document_id: int, said: list[tuple]) -> None:
    """A new version of a paper that says the same time and venue of a meeting as the
    old one is not newer word on it: it keeps the old one's place in the order."""
    for meeting_id, how, time, venue, said_at in said:
        db.execute("UPDATE meeting_mentions SET said_at = ? WHERE document_id = ? AND meeting_id = ? AND how = ?"
                   " AND time IS ? AND venue IS ?", [said_at, document_id, meeting_id, how, time, venue])


def _insert_document(db: Database, *, digest: str, source: str, source_key: str, kind: str, committee_id: int,
                     meeting_id: int, stamp: str, size: int, warnings: list[str], text: str, origin: str,
                     text_in_items: int = 0, known: frozenset[str] = KNOWN_KEYS) -> int:
    meeting_date = db.execute("SELECT date FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
    searchable = searchable_paper(kind, text, text_in_items, origin)
    return db.execute(
        "INSERT INTO documents (content_hash, source, source_key, kind, committee_id, meeting_id, parser_version,"
        " ingested_at, size, warnings, text, origin, known_from, searchable, acronyms)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [digest, source, source_key, kind, committee_id, meeting_id, PARSER_VERSION, stamp, size, json.dumps(warnings),
         text, origin, known_from(kind, meeting_date, stamp), int(searchable),
         row_acronyms(known, text) if searchable else None]).lastrowid


def _known_acronyms(text: str) -> frozenset[str]:
    """The acronyms to index even in a heading in capitals: the glossary's and those this paper defines."""
    return KNOWN_KEYS | {acronym_key(k) for k in learn_acronyms(text or "")}


def _add_terms(db: Database, texts: list[str]) -> None:
    """Every word these texts use, with its family, for word forms and typos in search."""
    words: set[str] = set()
    for text in texts:
        words.update(tokens(text))
    db.conn.executemany("INSERT OR IGNORE INTO terms (term, family) VALUES (?, ?)",
                        [(w, family(w)) for w in words if is_term(w)])


def _insert_items(db: Database, document_id: int, meeting_id: int, items: list[Item], known: frozenset[str]) -> None:
    conn = db.conn  # executemany lives on the connection; still inside the caller's transaction
    conn.executemany(
        "INSERT INTO items (document_id, meeting_id, position, number, title, pages, body, url, restricted, call_in,"
        " decision, decision_published, acronyms, standing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(document_id, meeting_id, i, item.number, item.title, item.pages, "" if item.restricted else item.text, item.url,
          item.restricted, item.call_in, item.decision, item.decision_published,
          row_acronyms(known, item.title, "" if item.restricted else item.text), standing_business(item.title))
         for i, item in enumerate(items)])
    if any(item.links for item in items):
        ids = dict(db.execute("SELECT position, id FROM items WHERE document_id = ?", [document_id]).fetchall())
        conn.executemany("INSERT INTO item_links (item_id, position, title, url) VALUES (?, ?, ?, ?)",
                         [(ids[i], n, link.title, link.url) for i, item in enumerate(items) if not item.restricted
                          for n, link in enumerate(item.links)])


def _insert_actions(db: Database, document_id: int, meeting_id: int, committee_id: int, meeting_date: str,
                    actions: list[Action], known: frozenset[str]) -> int:
    rows = [(action_key(committee_id, meeting_date, action.text), document_id, meeting_id, i, action.item,
             action.item_title, action.text, action.owner, action.due, row_acronyms(known, action.text, action.owner))
            for i, action in enumerate(actions)]
    db.conn.executemany(
        "INSERT INTO actions (action_key, document_id, meeting_id, position, item_number, item_title, text, owner, due,"
        " acronyms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.conn.executemany("INSERT OR IGNORE INTO action_status (action_key) VALUES (?)", [(r[0],) for r in rows])
    return len(rows)


def _spell_out_service_owners(db: Database, meeting_id: int) -> None:
    """A web service's per-item minutes carry no attendance list, so an owner they name by a
    post's initials ("The ADS&FS confirmed …") is spelt out from the same meeting's printed
    papers, as reading those papers alone would."""
    texts = [r[0] for r in db.execute("SELECT text FROM documents WHERE meeting_id = ? AND origin = 'paper'"
                                      " AND text IS NOT NULL", [meeting_id])]
    if not texts:
        return
    book = OwnerBook("\n\n".join(texts))
    rows = db.execute("SELECT a.id, a.text, a.owner, d.text FROM actions a JOIN documents d ON d.id = a.document_id"
                      " WHERE d.meeting_id = ? AND d.origin = 'service' AND a.owner IS NOT NULL", [meeting_id]).fetchall()
    for action_id, text, owner, service_text in rows:
        spelt = book.spell_out(owner)
        if spelt != owner:
            known = _known_acronyms(service_text) | _known_acronyms("\n\n".join(texts))
            db.execute("UPDATE actions SET owner = ?, acronyms = ? WHERE id = ?",
                       [spelt, row_acronyms(known, text, spelt), action_id])


def _settle_structure(db: Database, meeting_ids: set[int], now: datetime) -> None:
    """One record per item: where a council's web service describes a meeting's items
    (and their minutes), the papers' own reading of them steps aside; when it stops
    describing them, the papers' reading is restored from their stored text."""
    papers = "SELECT id FROM documents WHERE meeting_id = ? AND origin = 'paper'"
    for meeting_id in meeting_ids:
        has_items, has_minutes = db.execute(
            "SELECT EXISTS (SELECT 1 FROM items i JOIN documents d ON d.id = i.document_id"
            "               WHERE d.meeting_id = :m AND d.origin = 'service'),"
            "       EXISTS (SELECT 1 FROM documents WHERE meeting_id = :m AND origin = 'service'"
            "               AND kind IN ('minutes', 'agenda_and_minutes'))", {"m": meeting_id}).fetchone()
        if has_items:
            # the page numbers are the agenda paper's own: kept on the service's item of the same number
            db.execute(f"""
                UPDATE items SET pages = (SELECT p.pages FROM items p WHERE p.document_id IN ({papers})
                                          AND p.number = items.number AND p.pages IS NOT NULL ORDER BY p.id DESC LIMIT 1)
                WHERE pages IS NULL AND number IS NOT NULL
                  AND document_id IN (SELECT id FROM documents WHERE meeting_id = ? AND origin = 'service')""",
                       [meeting_id, meeting_id])
            db.execute(f"DELETE FROM items WHERE document_id IN ({papers})", [meeting_id])
            db.execute(f"UPDATE documents SET items_shadowed = 1 WHERE id IN ({papers})", [meeting_id])
        if has_minutes:
            # everything read from the minutes' words: follow-ups, and the clocks' recommendations, responses, decisions
            for table in ("actions", "recommendations", "exec_responses", "decisions"):
                db.execute(f"DELETE FROM {table} WHERE document_id IN ({papers})", [meeting_id])
            db.execute(f"UPDATE documents SET actions_shadowed = 1 WHERE id IN ({papers})", [meeting_id])
            _spell_out_service_owners(db, meeting_id)
        restore = db.execute(
            "SELECT d.id, d.text, d.committee_id, c.council, c.name, m.date, d.items_shadowed AND NOT ?, d.actions_shadowed AND NOT ?"
            " FROM documents d JOIN committees c ON c.id = d.committee_id JOIN meetings m ON m.id = d.meeting_id"
            " WHERE d.meeting_id = ? AND d.origin = 'paper' AND ((d.items_shadowed AND NOT ?) OR (d.actions_shadowed AND NOT ?))",
            [has_items, has_minutes, meeting_id, has_items, has_minutes]).fetchall()
        for document_id, text, committee_id, council, committee, meeting_date, items_back, actions_back in restore:
            doc, _ = read_paper(text or "", {"council": council, "committee": committee, "date": meeting_date})
            if items_back:
                _insert_items(db, document_id, meeting_id, doc.items, _known_acronyms(text))
            if actions_back:
                _insert_actions(db, document_id, meeting_id, committee_id, meeting_date, doc.actions, _known_acronyms(text))
                save_clocks(db, doc, text or "", document_id=document_id, meeting_id=meeting_id, committee_id=committee_id,
                            council=council, meeting_date=meeting_date, now=now)
            db.execute("UPDATE documents SET items_shadowed = items_shadowed AND NOT ?, actions_shadowed = actions_shadowed AND NOT ?"
                       " WHERE id = ?", [items_back, actions_back, document_id])


def save_listing(db: Database, *, council: str | None, committee: str, meeting_date: str, time: str | None,
                 venue: str | None, cancelled: bool, source: str, text: str, now: datetime,
                 finish: str | None = None) -> SaveResult:
    """A meeting as a council's site lists it (no paper yet, or none at all): it
    is scheduled, or cancelled. A new listing from the same URL replaces the old."""
    digest = content_hash(f"{source}\n{text}".encode())
    stamp = now.isoformat(timespec="seconds")
    with db.atomic():
        same = already_saved(db, digest, source)
        if same:
            return same
        status, touched, said = _clear_previous(db, source, digest)
        committee_id = committee_id_for(db, council, committee, stamp)
        created: set[int] = set()
        meeting_id = _meeting_id(db, committee_id, meeting_date, created, finish)
        touched.add(meeting_id)
        document_id = _insert_document(db, digest=digest, source=source, source_key=source, kind="listing",
                                       committee_id=committee_id, meeting_id=meeting_id, stamp=stamp, size=len(text),
                                       warnings=[], text=text, origin="service")
        _mention(db, document_id, meeting_id, "cancelled" if cancelled else "listed", time, venue)
        _keep_said_at(db, document_id, said)
        refresh_meetings(db, touched, created, now)
        _settle_structure(db, touched, now)
        return SaveResult(status, document_id, committee, meeting_date)


def save_document(db: Database, doc: Document, text: str, *, source: str, source_key: str,
                  digest: str, size: int, now: datetime, origin: str = "paper") -> SaveResult:
    """Save one parsed paper (or what a council's web service says of a meeting: origin
    "service") in one transaction. The text must already be free of exempt business."""
    if not doc.meeting.date:
        raise CannotSave("no meeting date found in the paper")
    if not doc.committee:
        raise CannotSave("no committee name found in the paper; pass --committee NAME")
    stamp = now.isoformat(timespec="seconds")
    with db.atomic():
        same = already_saved(db, digest, source_key)
        if same:
            return same
        # page numbers an agenda paper gave the service's items outlive a new reply from the service
        pages = dict(db.execute("SELECT i.number, i.pages FROM items i JOIN documents d ON d.id = i.document_id"
                                " WHERE d.source_key = ? AND d.origin = 'service' AND i.pages IS NOT NULL", [source_key]))
        status, touched, said = _clear_previous(db, source_key, digest)
        committee_id = committee_id_for(db, doc.council, doc.committee, stamp)
        meeting_date = doc.meeting.date
        created: set[int] = set()
        meeting_id = _meeting_id(db, committee_id, meeting_date, created, doc.meeting.finish)
        for item in doc.items:
            item.pages = item.pages or pages.get(item.number)
        touched.add(meeting_id)
        learned = learn_acronyms(text)
        known = KNOWN_KEYS | {acronym_key(k) for k in learned}
        text_in_items = sum(len(item.text or "") for item in doc.items)
        document_id = _insert_document(db, digest=digest, source=source, source_key=source_key, kind=doc.kind,
                                       committee_id=committee_id, meeting_id=meeting_id, stamp=stamp, size=size,
                                       warnings=doc.warnings, text=text, origin=origin, text_in_items=text_in_items,
                                       known=known)
        if doc.draft:
            db.execute("UPDATE documents SET draft = 1 WHERE id = ?", [document_id])
        own = "minutes" if doc.kind in ("minutes", "agenda_and_minutes") else "agenda"
        _mention(db, document_id, meeting_id, own, doc.meeting.time, doc.meeting.venue)

        conn = db.conn  # executemany lives on the connection; still inside this transaction
        _insert_items(db, document_id, meeting_id, doc.items, known)
        conn.executemany(
            "INSERT INTO attendance (document_id, meeting_id, name, status, role) VALUES (?, ?, ?, ?, ?)",
            [(document_id, meeting_id, a.name, a.status, a.role) for a in doc.attendance])
        actions = _insert_actions(db, document_id, meeting_id, committee_id, meeting_date, doc.actions, known)
        conn.executemany(
            "INSERT INTO programme (document_id, committee_id, paper_date, position, meeting_date, when_text, issue,"
            " last_reported, notes, origin, acronyms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(document_id, committee_id, meeting_date, i, row.meeting_date, row.when, row.issue,
              json.dumps(row.last_reported), row.notes, row.origin, row_acronyms(known, row.issue, row.notes))
             for i, row in enumerate(doc.work_programme)])
        _add_terms(db, ([text] if searchable_paper(doc.kind, text, text_in_items, origin) else [])
                   + [f"{item.title}\n{item.text}" for item in doc.items]
                   + [f"{a.text}\n{a.owner or ''}" for a in doc.actions]
                   + [f"{row.issue}\n{row.notes}" for row in doc.work_programme])

        conn.executemany("INSERT INTO glossary (document_id, acronym, expansion, key, phrase) VALUES (?, ?, ?, ?, ?)",
                         [(document_id, k, v, acronym_key(k), phrase(v)) for k, v in learned.items()])
        for future in doc.future_meetings:
            future_id = _meeting_id(db, committee_id, future.date, created)
            touched.add(future_id)
            _mention(db, document_id, future_id, "future", future.time, future.venue)
        for move in doc.moved_meetings:
            old_id = _meeting_id(db, committee_id, move.old_date, created)
            touched.add(old_id)
            _mention(db, document_id, old_id, "moved" if move.new_date else "cancelled", detail=move.new_date, replace=True)
        _keep_said_at(db, document_id, said)
        refresh_meetings(db, touched, created, now)
        # a replaced paper may have un-planned rows anywhere; a new one only re-plans what is ahead of it
        refresh_programme(db, committee_id, None if status == "updated" else meeting_date)
        council = db.execute("SELECT council FROM committees WHERE id = ?", [committee_id]).fetchone()[0]
        save_clocks(db, doc, text, document_id=document_id, meeting_id=meeting_id, committee_id=committee_id,
                    council=council, meeting_date=meeting_date, now=now)
        _settle_structure(db, touched, now)
        return SaveResult(status, document_id, doc.committee, meeting_date, actions=actions)
