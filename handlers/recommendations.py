"""`/scrutiny recommendations`: the tracker officers keep by hand in spreadsheets.

    recommendations [panel] [awaiting|overdue|responded|implemented|closed|all] [page N]
    recommendations <n>                          one, with the responses matched to it and why
    recommendations <n> response [accepted|partly|rejected] [on <date>] [note …]
    recommendations <n> implemented [on <date>] | closed | reopen | due <date> | note <text>
    recommendations <n> confirm [m] | reject [m] | link <response number>
    recommendations summary [panel] [2024/25]    per panel and municipal year, for the annual report
    recommendations unmatched                    responses found in executive papers that matched nothing
"""
from __future__ import annotations

import re
from datetime import date, datetime

from sqlite_utils import Database

from corpus.dates import parse_user_date
from store import queries
from store import recommendations as tracker

from .access import OPEN, Access
from .format import paper, plural, when
from .panels import find_panel, not_found, panel_label, short_name
from .reply import Button, Reply, escape
from .scope import scope_of

PAGE_SIZE = 8
LISTS = ("awaiting", "overdue", "responded", "implemented", "closed", "all")
STATUS_WORDS = {"overdue": "*response overdue*", "due soon": "response due soon", "awaiting": "awaiting response",
                "responded": "responded", "implemented": "implemented", "closed": "closed"}
MAX_ID = 2 ** 62


def describe_status(row: tracker.RecommendationRow, today: date) -> str:
    status = row.status(today)
    text = STATUS_WORDS[status]
    if status == "responded":
        outcome = tracker.OUTCOME_WORDS.get(row.outcome or "")
        text += f" {when(row.response_on)}" + (f": {outcome}" if outcome else "") + (
            " (late)" if row.on_time() is False else "")
    elif status in ("implemented", "closed"):
        text += f" {when(row.implemented_on if status == 'implemented' else row.closed_on)}"
    if status in ("overdue", "due soon", "awaiting"):
        text += f" · due {when(row.due)}" if row.due else " · no statutory deadline"
    return text


def rec_lines(row: tracker.RecommendationRow, today: date, with_panel: bool = False) -> str:
    where = " · ".join(x for x in (f"Item {escape(row.item_number)}" if row.item_number else "",
                                   escape(row.item_title) if row.item_title else "") if x) or "Minutes"
    head = f"*#{row.id}* {where} — {paper(row.document_kind, row.made_on)}"
    if with_panel:
        head = f"{escape(row.committee)} · {head}"
    return (f"{head}\n{escape(row.text[:600])}\nTo {escape(row.to_whom or 'not named')} · "
            f"{describe_status(row, today)}")


def _buttons(row: tracker.RecommendationRow, today: date, command: str, page: int) -> list[Button]:
    status = row.status(today)
    value = {"id": row.id, "cmd": command, "page": page}
    out = []
    if status in ("overdue", "due soon", "awaiting"):
        out.append(Button("Response received", "rec_response", value, style="primary"))
    if status in ("overdue", "due soon", "awaiting", "responded"):
        out.append(Button("Mark implemented", "rec_implemented", value))
    out.append(Button("Details", "rec_details", value))
    return out


def _parse_list(args: str) -> tuple[str, str, int, str | None]:
    words, status, page, year, rest = args.split(), "awaiting", 1, None, []
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word in LISTS:
            status = word
        elif word == "page" and i + 1 < len(words) and words[i + 1].isascii() and words[i + 1].isdigit():
            page = max(1, min(int(words[i + 1]), 10_000))
            i += 1
        elif re.fullmatch(r"\d{4}/\d{2}", word):
            year = word
        else:
            rest.append(words[i])
        i += 1
    return " ".join(rest), status, page, year


def handle_recommendations(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                           access: Access = OPEN) -> Reply:
    words = args.split()
    if words and words[0].lstrip("#").isascii() and words[0].lstrip("#").isdigit():
        number = int(words[0].lstrip("#"))
        if number > MAX_ID:
            return Reply().section(f"There is no recommendation number {escape(words[0][:30])}.")
        if len(words) == 1:
            return details(db, number, now)
        return change(db, number, words[1].lower(), " ".join(words[2:]), user or "console", now, access)
    if words and words[0].lower() == "summary":
        return summary_reply(db, " ".join(words[1:]), now)
    if words and words[0].lower() == "unmatched":
        return unmatched_reply(db)
    words_left, scope = scope_of(db, args)
    panel_text, status, page, _year = _parse_list(words_left)
    panels = queries.committees(db)
    panel = None
    if panel_text:
        found = find_panel(db, panel_text, prefer=scope.panels)
        if found.panel is None:
            return not_found(panel_text, found, db, "/scrutiny recommendations")
        panel = found.panel
    today = now.date()
    command = (f"recommendations {short_name(panel, panels)} {status}" if panel
               else f"recommendations {status}" + (" everywhere" if scope.everywhere else ""))
    panel_id = panel.id if panel else None
    kept = None if panel else scope.panels  # no panel named: those of the councils followed
    total = tracker.count(db, panel_id, status, today, committees=kept)
    title = {"awaiting": "Recommendations awaiting a response", "overdue": "Responses overdue",
             "responded": "Recommendations responded to", "implemented": "Recommendations implemented",
             "closed": "Recommendations closed", "all": "All recommendations"}[status]
    reply = Reply(share=f"{command} page {page}" if page > 1 else command)
    reply.header(title + (f": {panel_label(panel, panels)}" if panel else ""))
    if not total:
        made = tracker.count(db, panel_id, "all", today, committees=kept)
        reply.section("Nothing here." if made else "No recommendations to the executive or others are in the papers I have read.")
        return reply
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(page, pages)
    overdue = tracker.count(db, panel_id, "overdue", today, committees=kept) if status in ("awaiting", "all") else 0
    reply.context(f"{plural(total, 'recommendation')}, oldest due first" + (f" · *{overdue} overdue*" if overdue else "")
                  + (f" · page {page} of {pages}" if pages > 1 else ""))
    for row in tracker.recommendations(db, panel_id, status, today, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                                       committees=kept):
        reply.section(rec_lines(row, today, with_panel=panel is None and len(panels) > 1))
        reply.buttons(*_buttons(row, today, command, page))
    if page < pages:
        reply.buttons(Button("Show more", "more", {"cmd": command, "page": page + 1}))
    reply.context("`/scrutiny recommendations <n>` for one and its responses; "
                  "`/scrutiny recommendations <n> response accepted on 3 May 2025` to record one.")
    return reply


def details(db: Database, number: int, now: datetime) -> Reply:
    row = tracker.recommendation(db, number)
    if row is None:
        return Reply().section(f"There is no recommendation number {number}.")
    today = now.date()
    reply = Reply(share=f"recommendations {row.id}").header(f"Recommendation #{row.id}")
    reply.section(rec_lines(row, today, with_panel=True))
    if row.response_by_hand:
        reply.context(f"Response recorded by hand: {when(row.response_on)}")
    if row.notes:
        reply.context(f"Notes: {escape(row.notes[:500])}")
    for index, found in enumerate(tracker.matches_for(db, row.rec_key), 1):
        state = {"auto": "found", "confirmed": "confirmed by an officer", "rejected": "rejected by an officer"}[found.state]
        outcome = tracker.OUTCOME_WORDS.get(found.outcome or "", "no outcome stated")
        text = (f"*Response {index}* ({state}): {escape(found.cabinet)}, {when(found.decided_on)}"
                + (f" — {escape(found.item_title)}" if found.item_title else "") + f": {outcome}\n"
                f"_Why: {escape(found.reason or 'linked by hand')}_\nFrom {paper(found.document_kind, found.decided_on)}"
                f" ({escape(found.source.rsplit('/', 1)[-1])})")
        reply.section(text)
        if found.state == "auto":
            reply.buttons(Button("Confirm", "rec_confirm", {"id": row.id, "m": index}, style="primary"),
                          Button("Not this", "rec_reject", {"id": row.id, "m": index}, style="danger"))
    reply.context(f"`/scrutiny recommendations {row.id} response|implemented|closed|reopen|due <date>|note <text>|confirm|reject`")
    return reply


def _date_in(text: str, today: date) -> tuple[date | None, str]:
    """"on 3 May 2025" (or a bare date) at the start of what is left; the rest is a note."""
    parts = text.split()
    start = 1 if parts and parts[0].lower() == "on" else 0
    for words in (3, 2, 1):
        candidate = " ".join(parts[start:start + words])
        day = parse_user_date(candidate, today) if candidate else None
        if day and 1990 <= day.year <= today.year + 5:
            return day, " ".join(parts[start + words:])
    return None, text


def change(db: Database, number: int, verb: str, rest: str, user: str, now: datetime, access: Access = OPEN) -> Reply:
    row = tracker.recommendation(db, number)
    if row is None:
        return Reply().section(f"There is no recommendation number {number}.")
    panel = queries.committee(db, row.committee_id)
    if not access.can_edit(user, panel):
        return Reply().section(access.refusal(panel))
    today = now.date()
    rest = rest.strip()[:500]
    if verb in ("response", "responded"):
        words = rest.split()
        outcome = None
        if words and words[0].lower() in ("accepted", "partly", "rejected", "partial", "declined"):
            outcome = {"partial": "partly", "declined": "rejected"}.get(words[0].lower(), words[0].lower())
            rest = " ".join(words[1:])
        day, note = _date_in(rest, today)
        changes = {"response_on": (day or today).isoformat(), "outcome": outcome}
        if note:
            changes["notes"] = note
        tracker.set_state(db, row.rec_key, user, now, **changes)
    elif verb == "implemented":
        day, _ = _date_in(rest, today)
        tracker.set_state(db, row.rec_key, user, now, implemented_on=(day or today).isoformat())
    elif verb == "closed":
        tracker.set_state(db, row.rec_key, user, now, closed_on=today.isoformat(), notes=rest or row.notes)
    elif verb == "reopen":
        tracker.set_state(db, row.rec_key, user, now, implemented_on=None, closed_on=None, response_on=None, outcome=None)
    elif verb == "due":
        day = parse_user_date(rest, today)
        if day is None or not 1990 <= day.year <= today.year + 5:
            return Reply().section(f"I can't read “{escape(rest[:60])}” as a date. Try `30 April 2025` or `2025-04-30`.")
        tracker.set_state(db, row.rec_key, user, now, due_set=day.isoformat())
    elif verb == "note":
        tracker.set_state(db, row.rec_key, user, now, notes=rest or None)
    elif verb in ("confirm", "reject"):
        found = tracker.matches_for(db, row.rec_key)
        index = int(rest) if rest.isascii() and rest.isdigit() else 1
        if not 1 <= index <= len(found):
            return Reply().section(f"Recommendation #{row.id} has no response {index} to {verb}.")
        tracker.set_match(db, row.rec_key, found[index - 1].response_key, "confirmed" if verb == "confirm" else "rejected",
                          user, now)
    elif verb == "link":
        target = rest.lstrip("#").lstrip("Rr")
        if not (target.isascii() and target.isdigit()) or int(target) > MAX_ID:
            return Reply().section("Which response? `/scrutiny recommendations unmatched` lists them by number.")
        response = db.execute("SELECT response_key FROM exec_responses WHERE id = ?", [int(target)]).fetchone()
        if response is None:
            return Reply().section(f"There is no response number {escape(target)}.")
        tracker.set_match(db, row.rec_key, response[0], "confirmed", user, now, reason="linked by an officer")
    else:
        return Reply().section("I can record: `response [accepted|partly|rejected] [on <date>] [note]`, `implemented`, "
                               "`closed`, `reopen`, `due <date>`, `note <text>`, `confirm`, `reject`, `link <response>`.")
    after = tracker.recommendation(db, number)
    return Reply().section(f"Updated #{after.id}: {escape(after.text[:200])}\n{describe_status(after, today)}")


def summary_reply(db: Database, args: str, now: datetime) -> Reply:
    panel_text, _status, _page, year = _parse_list(args)
    panel = None
    if panel_text:
        found = find_panel(db, panel_text)
        if found.panel is None:
            return not_found(panel_text, found, db, "/scrutiny recommendations summary")
        panel = found.panel
    rows = tracker.summary(db, now.date(), panel.id if panel else None, year)
    reply = Reply(share=f"recommendations summary {args}".strip()).header("Recommendations by municipal year")
    if not rows:
        return reply.section("No recommendations in the papers I have read" + (f" for {escape(year)}." if year else "."))
    lines = [f"*{escape(s.panel)}* {s.year}: {s.made} made · {s.on_time} responded on time · {s.late} late · "
             f"{s.outstanding} outstanding · {s.accepted} accepted · {s.implemented} implemented" for s in rows[:40]]
    reply.section("\n".join(lines))
    reply.context("As a spreadsheet: `scrutiny export recommendations --summary --csv`")
    return reply


def unmatched_reply(db: Database) -> Reply:
    rows = tracker.unmatched_responses(db, limit=15)
    reply = Reply().header("Responses not matched to a recommendation")
    if not rows:
        return reply.section("Every response found in executive papers is matched to a recommendation.")
    reply.section("\n".join(f"*R{r.id}* {escape(r.cabinet)} {when(r.decided_on)}: {escape(r.item_title or '')}"
                            + (f" (names {escape(r.panel_named)})" if r.panel_named else "") for r in rows))
    reply.context("Link one: `/scrutiny recommendations <n> link <R number>`")
    return reply
