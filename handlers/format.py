"""How facts read in a reply: dates as people write them, and where each came from."""
from __future__ import annotations

from datetime import date

from corpus.dates import human_date, human_time, short_date
from store.queries import ActionRow, MeetingRow

from .reply import bot_link, escape

PAPER_NAMES = {"minutes": "minutes", "agenda": "agenda", "agenda_and_minutes": "agenda and minutes", "unknown": "papers",
               "listing": "council website listing", "forward_plan": "forward plan",
               "officer": "officer's additions"}


def when(iso: str | None) -> str:
    """"2022-11-03" -> "3 Nov 2022"; "2023-03" -> "March 2023"; None -> "date to be confirmed"."""
    if not iso:
        return "date to be confirmed"
    if len(iso) == 7:
        return date.fromisoformat(iso + "-01").strftime("%B %Y")
    return short_date(date.fromisoformat(iso))


def meeting_line(meeting: MeetingRow) -> str:
    """"Thursday 3 November 2022, 10am · County Hall, Worcester"."""
    text = human_date(date.fromisoformat(meeting.date))
    if meeting.time:
        text += f", {human_time(meeting.time)}"
        if meeting.finish_time and meeting.finish_time > meeting.time:
            text += f" to {human_time(meeting.finish_time)}"
    if meeting.venue:
        text += f" · {escape(meeting.venue)}"
    return text


def link(url: str, label: str) -> str:
    """A link Slack reads as one: the URL's own <, >, | and spaces encoded, the label escaped."""
    safe_url = "".join(f"%{ord(ch):02X}" if ch in "<>| \"" else ch for ch in url)
    return bot_link(safe_url, escape(label).replace("|", "/"))


def report_links(links: list, shown: int = 1) -> str:
    """" · <url|the report>", and how many more papers the item has."""
    if not links:
        return ""
    text = " · " + ", ".join(link(l.url, "the report" if i == 0 else l.title[:60]) for i, l in enumerate(links[:shown]))
    if len(links) > shown:
        text += f" (+{len(links) - shown} more)"
    return text


def paper(kind: str, meeting_date: str) -> str:
    """"the agenda of 17 Jul 2020"."""
    return f"the {PAPER_NAMES.get(kind, 'papers')} of {when(meeting_date)}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """"1 action", "2 actions", "1 day", "3 days"."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def person(user: str | None, name: str | None = None) -> str:
    """Someone named without a ping: the name Slack gave with their id, else the id as plain text."""
    return escape(name or user or "someone")


def is_overdue(action: ActionRow, today: date) -> bool:
    if action.status != "open" or not action.due:
        return False
    due = action.due if len(action.due) == 10 else action.due + "-31"
    return due < today.isoformat()


def action_lines(action: ActionRow, today: date, with_panel: bool = False) -> str:
    named = [f"Item {action.item_number}"] if action.item_number else []
    named += [escape(action.item_title)] if action.item_title else []
    where = " · ".join(named) or "Minutes"
    head = f"*{where}* — {paper(action.document_kind, action.meeting_date)}"
    if action.draft:
        head += " _(draft minutes: provisional until approved)_"
    if with_panel:
        head = f"{escape(action.committee)} · " + head
    facts = []
    if action.owner:
        facts.append(f"Owner: {escape(action.owner)}")
    if action.due:
        facts.append(f"Due: {when(action.due)}" + (" · *overdue*" if is_overdue(action, today) else ""))
    if action.status == "done":
        facts.append("Done" + (f" by {person(action.done_by, action.done_by_name)}" if action.done_by else "")
                     + (f" on {when(action.done_at[:10])}" if action.done_at else ""))
    text = f"{head}\n{escape(action.text)}"
    if facts:
        text += "\n" + " · ".join(facts)
    return text
