"""`/scrutiny audit` (recent changes: who, when, before, after) and `/scrutiny undo <n>`."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from store import audit, digests, queries, sources
from store import forward_plan
from store import reminders as log

from . import clock_changes
from .access import OPEN, Access
from .format import person, plural, when
from .numbers import looks_like_number, whole_number
from .paging import split_page
from .reply import Button, Reply, escape, shorten

AUDIT_PAGE = 15
REMOVALS = ("remove_paper", "remove_panel")


def _describe(change: audit.Change, db: Database) -> str:
    if change.change == "undo":
        undone = db.execute("SELECT id FROM audit_log WHERE undone_by = ?", [change.id]).fetchone()
        original = audit.get(db, undone[0]) if undone else None
        return f"undo of #{original.id} ({_describe(original, db)})" if original else "undo of an earlier change"
    before, after = change.before or {}, change.after or {}
    if change.change in clock_changes.KINDS:
        return clock_changes.describe(change, db)
    if change.change == "remove_paper":
        return (f"removed the {escape(before.get('kind') or 'paper')} of {when(before.get('meeting_date'))} for "
                f"{escape(before.get('committee') or 'a panel')} ({escape(str(before.get('source'))[-80:])})")
    if change.change == "remove_panel":
        return (f"removed the panel {escape(before.get('name') or '')}"
                + (f" ({escape(before['council'])})" if before.get("council") else "")
                + f" and {plural(before.get('papers') or 0, 'paper')}")
    if change.change in ("action_status", "action_fields"):
        row = db.execute("SELECT text FROM actions WHERE action_key = ? LIMIT 1", [change.subject.split(":")[0]]).fetchone()
        what = f"action “{escape(shorten(row[0] if row else 'no longer in the papers', 80))}”"
        if change.change == "action_fields":
            return (f"{what}: owner {escape(before.get('owner_set') or '-')} → {escape(after.get('owner_set') or '-')}, "
                    f"due {before.get('due_set') or '-'} → {after.get('due_set') or '-'}")
        return f"{what}: {before.get('status')} → {after.get('status')}"
    if change.change == "source_removed":
        return f"council site {escape(change.subject)} no longer synced"
    if change.change == "following":
        def councils(state: dict) -> str:
            return ", ".join(state.get("councils") or []) or "every council"
        return f"councils followed: {escape(councils(before))} → {escape(councils(after))}"
    if change.change == "programme_added":
        state = change.after or change.before or {}
        panel = db.execute("SELECT name FROM committees WHERE id = ?", [state.get("committee_id")]).fetchone()
        return (f"“{escape(shorten(str(state.get('title', '')), 80))}” added to the work programme of "
                f"{escape(panel[0]) if panel else 'a panel'} (pre-decision scrutiny)")
    panel = db.execute("SELECT name FROM committees WHERE id = ?", [change.subject]).fetchone()
    name = escape(panel[0]) if panel else "a panel"
    if change.change == "channel":
        return f"{name} reminders channel: {before.get('channel') or 'none'} → {after.get('channel') or 'none'}"
    if change.change == "reminder_settings":
        def fmt(s: dict) -> str:
            return f"{','.join(str(d) for d in s.get('offsets', []))} days at {s.get('send_time')}, {'on' if s.get('enabled') else 'off'}"
        return f"{name} reminders: {fmt(before)} → {fmt(after)}"
    if change.change == "digest_settings":
        def weekly(s: dict) -> str:
            days = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
            return f"{days[int(s.get('weekday', 0))]} at {s.get('send_time')}, {'on' if s.get('enabled') else 'off'}"
        return f"{name} weekly digest: {weekly(before)} → {weekly(after)}"
    return f"{escape(change.change)} of {escape(change.subject[:40])}"


def _who(user: str, db: Database) -> str:
    return person(user, queries.person_name(db, user))


def handle_audit(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                 access: Access = OPEN) -> Reply:
    extra, number = split_page(args)
    if extra:
        return Reply().section(f"I don't understand “{escape(extra[:60])}”: `/scrutiny audit` or `/scrutiny audit page 2`.")
    total = audit.count(db)
    reply = Reply().header("Recent changes")
    if not total:
        return reply.section("No changes yet.")
    pages = (total + AUDIT_PAGE - 1) // AUDIT_PAGE
    number = min(number, pages)
    changes = audit.recent(db, AUDIT_PAGE, offset=(number - 1) * AUDIT_PAGE)
    for change in changes:
        undone = " _(undone)_" if change.undone_by else ""
        reply.section(f"*#{change.id}* {change.at.replace('T', ' ')[:16]} by {_who(change.user, db)}: {_describe(change, db)}{undone}")
    if pages > 1:
        first = (number - 1) * AUDIT_PAGE + 1
        reply.context(f"Changes {first}–{first + len(changes) - 1} of {total:,}, newest first"
                      + (f" · `/scrutiny audit page {number + 1}` for older ones" if number < pages else ""))
        if number < pages:
            reply.buttons(Button("Older changes", "more", {"cmd": "audit", "page": number + 1}))
    reply.context("`/scrutiny undo <number>` puts a change back.")
    return reply


def handle_undo(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                access: Access = OPEN) -> Reply:
    typed = args.strip()
    if len(typed.split()) != 1 or not looks_like_number(typed):
        return Reply().section("Which change? `/scrutiny undo <number>`; `/scrutiny audit` lists them.")
    number = whole_number(typed)
    change = audit.get(db, number) if number is not None else None
    if change is None:
        return Reply().section(f"There is no change #{escape(typed.lstrip('#')[:24])}. `/scrutiny audit` lists them.")
    if change.undone_by:
        return Reply().section(f"Change #{change.id} was already undone (by change #{change.undone_by}).")
    if change.change == "undo":
        return Reply().section("An undo cannot itself be undone; make the change again instead.")
    if change.change in REMOVALS:
        return Reply().section(f"Change #{change.id} removed something from the store, which an undo cannot bring back: "
                               "read the paper again (`scrutiny ingest`) or sync the site again (`scrutiny sync`).")
    latest = audit.latest_for(db, change.subject)
    if latest and latest.id != change.id:
        return Reply().section(f"Change #{change.id} has been overtaken by change #{latest.id}; undo that one first.")
    panel_id = None
    if change.change in clock_changes.KINDS:
        panel_id = clock_changes.panel_of(change, db)
    elif change.change in ("action_status", "action_fields"):
        row = db.execute("SELECT m.committee_id FROM actions a JOIN meetings m ON m.id = a.meeting_id"
                         " WHERE a.action_key = ? LIMIT 1", [change.subject.split(":")[0]]).fetchone()
        panel_id = row[0] if row else None
    elif change.change == "programme_added":
        panel_id = (change.after or {}).get("committee_id")
    elif change.change not in ("source_removed", "following"):
        panel_id = int(change.subject)
    panel = queries.committee(db, panel_id)
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel, db))
    who = user or "console"
    with db.atomic():
        if change.change in clock_changes.KINDS:
            clock_changes.restore(change, db, who, now)
        elif change.change == "action_status":
            queries.restore_action_status(db, change.subject, change.before)
        elif change.change == "action_fields":
            queries.restore_action_fields(db, change.subject.split(":")[0], change.before)
        elif change.change == "channel":
            log.write_channel(db, panel_id, change.before.get("channel"), now)
        elif change.change == "reminder_settings":
            log.write_settings(db, log.settings_from(panel_id, change.before), who, now)
        elif change.change == "source_removed":
            sources.restore_source(db, change.before, now)
        elif change.change == "following":
            queries.restore_followed(db, change.before.get("councils") or [], who, now)
        elif change.change == "programme_added":
            forward_plan.remove_addition(db, change.subject)
        elif change.change == "digest_settings":
            digests.write_settings(db, digests.settings_from(panel_id, change.before), who, now)
        undo_id = audit.record(db, who, "undo", change.subject, change.after, change.before, now)
        audit.mark_undone(db, change.id, undo_id)
    return Reply().section(f"Undone #{change.id}: {_describe(change, db)} is back as it was.")
