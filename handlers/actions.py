"""`/scrutiny actions [panel] [open|done|all|overdue]`: follow-ups, oldest
first, each with a button to mark it done (or reopen it)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from corpus.dates import SANE_YEARS, is_sane, parse_user_date
from store import queries

from .access import OPEN, Access
from .format import action_lines, person, plural, when
from .numbers import looks_like_number, whole_number
from .panels import find_panel, guessed_note, not_found, panel_index
from .reply import Button, Reply, escape, shorten
from .scope import scope_of

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
        elif word == "page" and i + 1 < len(words) and looks_like_number(words[i + 1]):
            # a page past the end shows the last page; "page ²" is no page number at all
            page = max(1, int(words[i + 1])) if words[i + 1].isascii() else 1
            i += 1
        else:
            rest.append(words[i])
        i += 1
    return " ".join(rest), status, page


def action_button(action: queries.ActionRow, command: str, page: int, with_panel: bool = False) -> Button:
    """Mark done (or Reopen) for one action; the value says how to show the list, and the row, again."""
    value = {"id": action.id, "cmd": command, "page": page, **({"wp": 1} if with_panel else {})}
    if action.status == "done":
        return Button("Reopen", "action_reopen", value)
    return Button("Mark done", "action_done", value, style="primary")


def _no_such_action(typed: str) -> Reply:
    return Reply().section(f"There is no action number {escape(typed[:24])}.")


def handle_actions(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                   access: Access = OPEN) -> Reply:
    words = args.split()
    if len(words) == 2 and words[0].lower() in ("done", "reopen") and looks_like_number(words[1]):
        number = whole_number(words[1])
        if number is None:
            return _no_such_action(words[1])
        return mark(db, number, words[0].lower() == "done", user or "console", now, access).reply
    if len(words) >= 3 and looks_like_number(words[0]) and words[1].lower() in ("owner", "due"):
        number = whole_number(words[0])
        if number is None:
            return _no_such_action(words[0])
        return set_field(db, number, words[1].lower(), " ".join(words[2:]), user or "console", now, access)
    words_left, scope = scope_of(db, args)
    panel_text, status, page = _parse(words_left)
    index = panel_index(db)
    panel = None
    guessed = None
    if panel_text:
        match = find_panel(db, panel_text, typos=True, prefer=scope.panels)
        if match.panel is None:
            return not_found(panel_text, match, db, "/scrutiny actions")
        panel = match.panel
        guessed = guessed_note(panel_text, match, db) if match.guessed else None
    command = (f"actions {index.short_name(panel)} {status}" if panel
               else f"actions {status}" + (" everywhere" if scope.everywhere else ""))
    today = now.date()
    known_by = queries.as_of(db, today)  # nothing from minutes after today
    panel_id = panel.id if panel else None
    panels = None if panel else scope.panels  # no panel named: those of the councils followed
    query_status = "open" if status == "overdue" else status
    overdue_on = today.isoformat() if status == "overdue" else None
    total = queries.count_actions(db, panel_id, query_status, overdue_on=overdue_on, known_by=known_by, committees=panels)
    title = {"open": "Open actions", "done": "Done actions", "all": "All actions", "overdue": "Overdue actions"}[status]
    reply = Reply(share=f"{command} page {page}" if page > 1 else command)
    reply.header(f"{title}" + (f": {index.label(panel)}" if panel else ""))
    if guessed:
        reply.context(guessed)
    if not total:
        everything = queries.count_actions(db, panel_id, "all", known_by=known_by, committees=panels)
        reply.section("Nothing here." + (" Every action is done. :tada:" if status in ("open", "overdue") and everything else ""))
        return reply
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(page, pages)
    shown = queries.actions(db, panel_id, query_status, overdue_on=overdue_on, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                            known_by=known_by, committees=panels)
    overdue = total if status == "overdue" else (
        queries.count_actions(db, panel_id, "open", overdue_on=today.isoformat(), known_by=known_by, committees=panels)
        if status in ("open", "all") else 0)
    reply.context(f"{plural(total, 'action')}, oldest first" + (f" · {overdue} overdue" if overdue else "")
                  + (f" · page {page} of {pages}" if pages > 1 else ""))
    with_panel = panel is None and len(index.panels) > 1
    for action in shown:
        reply.section(action_lines(action, today, with_panel=with_panel), button=action_button(action, command, page, with_panel))
    if page < pages:
        reply.buttons(Button("Show more", "more", {"cmd": command, "page": page + 1}))
    note = None if panel else scope.note(db, f"/scrutiny actions {status}")
    if note:
        reply.context(note)
    return reply


def _editable(db: Database, action_id: int, user: str, access: Access) -> tuple[queries.ActionRow | None, Reply | None]:
    """The action, or the reply that says why this person cannot change it."""
    current = queries.action(db, action_id)
    if current is None:
        return None, _no_such_action(str(action_id))
    panel = queries.committee(db, current.committee_id)
    if not access.can_edit(user, panel):
        return None, Reply().section(access.refusal(panel, db))
    return current, None


def set_field(db: Database, action_id: int, field: str, value: str, user: str, now: datetime,
              access: Access = OPEN) -> Reply:
    """`/scrutiny actions 12 owner Head of Highways`, `/scrutiny actions 12 due 30 April`."""
    current, refusal = _editable(db, action_id, user, access)
    if refusal:
        return refusal
    value = " ".join(value.split())[:120]
    if field == "due":
        day = parse_user_date(value, now.date())
        # a year written outside the range is refused, not dropped ("1 January 1066" is no 1 January this year)
        written_years = [int(y) for y in re.findall(r"\b\d{3,4}\b", value)]
        if any(year not in SANE_YEARS for year in written_years) or (day is not None and not is_sane(day)):
            return Reply().section(f"A due date must fall between {SANE_YEARS[0]} and {SANE_YEARS[-1]}; "
                                   f"“{escape(value[:60])}” does not.")
        if day is None:
            return Reply().section(f"I can't read “{escape(shorten(value, 60))}” as a date. Try `30 April 2025` or `2025-04-30`.")
        change = {"due": day.isoformat()}
    else:
        change = {"owner": value}
    if (current.due if field == "due" else current.owner) == change[field]:
        return Reply().section(f"No change: the {field} of “{escape(shorten(current.text, 200))}” is already "
                               f"{escape(change[field])}.")
    updated = queries.set_action_fields(db, action_id, user, now, **change)
    return Reply().section(f"Updated: {escape(shorten(updated.text, 200))}\nOwner: {escape(updated.owner or 'not set')} · "
                           f"Due: {escape(updated.due or 'not set')}")


@dataclass
class MarkResult:
    """What Mark done (or Reopen) did: changed | unchanged (already so) | missing | refused."""
    outcome: str
    reply: Reply
    action: queries.ActionRow | None = None


def mark(db: Database, action_id: int, done: bool, user: str, now: datetime, access: Access = OPEN) -> MarkResult:
    before = queries.action(db, action_id)
    if before is None:
        return MarkResult("missing", _no_such_action(str(action_id)))
    _, refusal = _editable(db, action_id, user, access)
    if refusal:
        return MarkResult("refused", refusal, before)
    wanted = "done" if done else "open"
    if before.status == wanted:
        if done:
            said = "Already done" + (f" by {person(before.done_by, before.done_by_name)}" if before.done_by else "") + (
                f" on {when(before.done_at[:10])}" if before.done_at else "")
        else:
            said = "Already open"
        return MarkResult("unchanged", Reply().section(f"{said}: {escape(shorten(before.text, 300))}"), before)
    after = queries.set_action_status(db, action_id, wanted, user, now)
    outcome = "Marked done" if done else "Reopened"
    return MarkResult("changed", Reply(home_changed=True).section(f"{outcome}: {escape(shorten(after.text, 300))}"), after)


def action_row(db: Database, action_id: int, now: datetime, command: str, page: int,
               with_panel: bool = False) -> Reply | None:
    """One action's row as a list shows it, with its button: for re-drawing that row alone in a
    message the whole channel sees. None when the action is no longer in the store."""
    action = queries.action(db, action_id)
    if action is None:
        return None
    return Reply().section(action_lines(action, now.date(), with_panel=with_panel),
                           button=action_button(action, command, page, with_panel))
