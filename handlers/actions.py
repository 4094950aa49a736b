"""`/scrutiny actions [panel] [open|done|all|overdue]`: follow-ups, oldest
first, each with a button to mark it done (or reopen it)."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from corpus.dates import parse_user_date
from store import queries

from .access import OPEN, Access
from .format import action_lines
from .panels import find_panel, guessed_note, not_found, panel_index
from .reply import Button, Reply, escape

PAGE_SIZE = 10
STATUSES = ("open", "done", "all", "overdue")


def _parse(args: str) -> tuple[str, str, int]:
    words = args.split()
    status, page, rest = "open", 1, []
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in STATUSES:
            status = word
        elif word == "page" and i + 1 < len(words) and words[i + 1].isdigit():
            page = max(1, int(words[i + 1]))
            i += 1
        else:
            rest.append(words[i])
        i += 1
    return " ".join(rest), status, page


def _button(action: queries.ActionRow, command: str, page: int) -> Button:
    if action.status == "done":
        return Button("Reopen", "action_reopen", {"id": action.id, "cmd": command, "page": page})
    return Button("Mark done", "action_done", {"id": action.id, "cmd": command, "page": page}, style="primary")


def handle_actions(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   access: Access = OPEN) -> Reply:
    words = args.split()
    if len(words) == 2 and words[0].lower() in ("done", "reopen") and words[1].isdigit():
        return mark(db, int(words[1]), words[0].lower() == "done", user or "console", now, access)
    if len(words) >= 3 and words[0].isdigit() and words[1].lower() in ("owner", "due"):
        return set_field(db, int(words[0]), words[1].lower(), " ".join(words[2:]), user or "console", now, access)
    panel_text, status, page = _parse(args)
    index = panel_index(db)
    panel = None
    guessed = None
    if panel_text:
        match = find_panel(db, panel_text, typos=True)
        if match.panel is None:
            return not_found(panel_text, match, db, "/scrutiny actions")
        panel = match.panel
        guessed = guessed_note(panel_text, match, db) if match.guessed else None
    command = f"actions {index.short_name(panel)} {status}" if panel else f"actions {status}"
    today = now.date()
    known_by = queries.as_of(db, today)  # nothing from minutes after today
    panel_id = panel.id if panel else None
    query_status = "open" if status == "overdue" else status
    overdue_on = today.isoformat() if status == "overdue" else None
    total = queries.count_actions(db, panel_id, query_status, overdue_on=overdue_on, known_by=known_by)
    title = {"open": "Open actions", "done": "Done actions", "all": "All actions", "overdue": "Overdue actions"}[status]
    reply = Reply(share=f"{command} page {page}" if page > 1 else command)
    reply.header(f"{title}" + (f": {index.label(panel)}" if panel else ""))
    if guessed:
        reply.context(guessed)
    if not total:
        everything = queries.count_actions(db, panel_id, "all", known_by=known_by)
        reply.section("Nothing here." + (" Every action is done. :tada:" if status in ("open", "overdue") and everything else ""))
        return reply
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(page, pages)
    shown = queries.actions(db, panel_id, query_status, overdue_on=overdue_on, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                            known_by=known_by)
    overdue = total if status == "overdue" else (
        queries.count_actions(db, panel_id, "open", overdue_on=today.isoformat(), known_by=known_by)
        if status in ("open", "all") else 0)
    reply.context(f"{total} actions, oldest first" + (f" · {overdue} overdue" if overdue else "")
                  + (f" · page {page} of {pages}" if pages > 1 else ""))
    for action in shown:
        reply.section(action_lines(action, today, with_panel=panel is None and len(index.panels) > 1),
                      button=_button(action, command, page))
    if page < pages:
        reply.buttons(Button("Show more", "more", {"cmd": command, "page": page + 1}))
    return reply


def _editable(db: Database, action_id: int, user: str, access: Access) -> tuple[queries.ActionRow | None, Reply | None]:
    """The action, or the reply that says why this person cannot change it."""
    current = queries.action(db, action_id)
    if current is None:
        return None, Reply().section(f"There is no action number {action_id}.")
    panel = queries.committee(db, current.committee_id)
    if not access.can_edit(user, panel):
        return None, Reply().section(access.refusal(panel))
    return current, None


def set_field(db: Database, action_id: int, field: str, value: str, user: str, now: datetime,
              access: Access = OPEN) -> Reply:
    """`/scrutiny actions 12 owner Head of Highways`, `/scrutiny actions 12 due 30 April`."""
    current, refusal = _editable(db, action_id, user, access)
    if refusal:
        return refusal
    value = value.strip()[:120]
    if field == "due":
        day = parse_user_date(value, now.date())
        if day is None:
            return Reply().section(f"I can't read “{escape(value[:60])}” as a date. Try `30 April 2025` or `2025-04-30`.")
        updated = queries.set_action_fields(db, action_id, user, now, due=day.isoformat())
    else:
        updated = queries.set_action_fields(db, action_id, user, now, owner=value)
    return Reply().section(f"Updated: {escape(updated.text[:200])}\nOwner: {escape(updated.owner or 'not set')} · "
                           f"Due: {escape(updated.due or 'not set')}")


def mark(db: Database, action_id: int, done: bool, user: str, now: datetime, access: Access = OPEN) -> Reply:
    before, refusal = _editable(db, action_id, user, access)
    if refusal:
        return refusal
    after = queries.set_action_status(db, action_id, "done" if done else "open", user, now)
    if before.status == after.status:
        outcome = "Already done" if done else "Already open"
    else:
        outcome = "Marked done" if done else "Reopened"
    return Reply().section(f"{outcome}: {escape(after.text[:300])}")

