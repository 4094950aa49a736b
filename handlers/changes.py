"""`/scrutiny audit` (recent changes: who, when, before, after) and `/scrutiny undo <n>`."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from store import audit, queries, sources
from store import reminders as log

from . import clock_changes
from .access import OPEN, Access
from .reply import Reply, escape


def _describe(change: audit.Change, db: Database) -> str:
    before, after = change.before or {}, change.after or {}
    if change.change in clock_changes.KINDS:
        return clock_changes.describe(change, db)
    if change.change in ("action_status", "action_fields"):
        row = db.execute("SELECT text FROM actions WHERE action_key = ? LIMIT 1", [change.subject.split(":")[0]]).fetchone()
        what = f"action “{escape((row[0] if row else 'no longer in the papers')[:80])}”"
        if change.change == "action_fields":
            return (f"{what}: owner {escape(before.get('owner_set') or '-')} → {escape(after.get('owner_set') or '-')}, "
                    f"due {before.get('due_set') or '-'} → {after.get('due_set') or '-'}")
        return f"{what}: {before.get('status')} → {after.get('status')}"
    if change.change == "source_removed":
        return f"council site {escape(change.subject)} no longer synced"
    panel = db.execute("SELECT name FROM committees WHERE id = ?", [change.subject]).fetchone()
    name = escape(panel[0]) if panel else "a panel"
    if change.change == "channel":
        return f"{name} reminders channel: {before.get('channel') or 'none'} → {after.get('channel') or 'none'}"
    if change.change == "reminder_settings":
        def fmt(s: dict) -> str:
            return f"{','.join(str(d) for d in s.get('offsets', []))} days at {s.get('send_time')}, {'on' if s.get('enabled') else 'off'}"
        return f"{name} reminders: {fmt(before)} → {fmt(after)}"
    return f"{change.change} {escape(change.subject)}"


def _who(user: str) -> str:
    return f"<@{user}>" if user.startswith(("U", "W")) else escape(user)


def handle_audit(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                 access: Access = OPEN) -> Reply:
    changes = audit.recent(db, 15)
    reply = Reply().header("Recent changes")
    if not changes:
        return reply.section("No changes yet.")
    for change in changes:
        undone = " _(undone)_" if change.undone_by else ""
        reply.section(f"*#{change.id}* {change.at.replace('T', ' ')[:16]} by {_who(change.user)}: {_describe(change, db)}{undone}")
    reply.context("`/scrutiny undo <number>` puts a change back.")
    return reply


def handle_undo(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                access: Access = OPEN) -> Reply:
    number = args.strip().lstrip("#")
    if not number.isdigit():
        return Reply().section("Which change? `/scrutiny undo <number>`; `/scrutiny audit` lists them.")
    change = audit.get(db, int(number))
    if change is None:
        return Reply().section(f"There is no change #{number}.")
    if change.undone_by:
        return Reply().section(f"Change #{change.id} was already undone (by change #{change.undone_by}).")
    if change.change == "undo":
        return Reply().section("An undo cannot itself be undone; make the change again instead.")
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
    elif change.change != "source_removed":
        panel_id = int(change.subject)
    panel = queries.committee(db, panel_id)
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel))
    who = user or "console"
    with db.atomic():
        if change.change in clock_changes.KINDS:
            clock_changes.restore(change, db, who, now)
        elif change.change == "action_status":
            queries.restore_action_status(db, change.subject, change.before)
        elif change.change == "action_fields":
            queries.restore_action_fields(db, change.subject.split(":")[0], change.before)
        elif change.change == "channel":
            db.execute("UPDATE committees SET channel = ? WHERE id = ?", [change.before.get("channel"), panel_id])
        elif change.change == "reminder_settings":
            log.write_settings(db, log.settings_from(panel_id, change.before), who, now)
        elif change.change == "source_removed":
            sources.restore_source(db, change.before, now)
        undo_id = audit.record(db, who, "undo", change.subject, change.after, change.before, now)
        audit.mark_undone(db, change.id, undo_id)
    return Reply().section(f"Undone #{change.id}: {_describe(change, db)} is back as it was.")
