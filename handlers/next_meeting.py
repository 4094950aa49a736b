"""`/scrutiny next [panel]`: the next meeting, what is planned for it, and what is still open.
`next <panel> agenda` and `next <panel> programme` list the whole agenda or programme for it."""
from __future__ import annotations

import re
from datetime import datetime

from sqlite_utils import Database

from store import queries
from store.queries import Committee, MeetingRow

from .calendar import feed_url
from .clocks import meeting_clock_lines
from .format import action_lines, meeting_line, paper, plural, report_links, when
from .paging import add_lines, add_paging, page_of, split_page
from .panels import PanelIndex, find_panel, guessed_note, not_found, panel_index
from .reply import Reply, escape
from .scope import scope_of

MAX_ACTIONS_SHOWN = 8
MAX_PANELS_LISTED = 20
AGENDA_SHOWN = 25
PROGRAMME_SHOWN = 15
FULL_LIST_PAGE = 60
_VIEW = re.compile(r"\s+(agenda|programme|program)$", re.IGNORECASE)


def _agenda_line(item: queries.AgendaItem) -> str:
    return (f"{escape(item.number or '•')} {escape(item.title)}" + (f" _(pages {escape(item.pages)})_" if item.pages else "")
            + (" _(exempt: not published)_" if item.restricted else report_links(item.links)))


def _programme_line(row: queries.ProgrammeRow) -> str:
    return f"• {escape(row.issue)}" + (f" _({escape(row.when_text)})_" if row.meeting_date and len(row.meeting_date) == 7 else "")


def _calendar_line(reply: Reply, public_url: str | None, panel: Committee | None, panels: list[Committee]) -> None:
    url = feed_url(public_url, panel, panels)
    if url:
        what = "this panel's meetings" if panel else "every panel's meetings"
        reply.context(f"Calendar feed of {what}, to subscribe to from Outlook or Google Calendar: {escape(url)}")


def _one_panel(reply: Reply, db: Database, panel: Committee, index: PanelIndex, now: datetime,
               known_by: str | None, public_url: str | None = None) -> None:
    today = now.date()
    label = escape(index.label(panel))
    short = index.short_name(panel)
    meeting = queries.next_meeting(db, panel.id, today, known_by)
    if meeting is None:
        last = queries.last_meeting(db, panel.id, today, known_by)
        text = f"*{label}*: no future meeting is known."
        if last:
            text += f" The last one I know of was {meeting_line(last)}."
        reply.section(text)
        _calendar_line(reply, public_url, panel, index.panels)
        return
    heading = f"*{label}* — next meeting\n*{meeting_line(meeting)}*"
    if meeting.moved_from:
        heading += f"\n_Moved from {when(meeting.moved_from)}._"
    reply.section(heading)
    sources = queries.provenance_of_meeting(db, meeting.id, known_by)
    if sources:
        reply.context("Date from " + ", ".join(dict.fromkeys(paper(s.kind, s.meeting_date) for s in sources[:3])))
    _calendar_line(reply, public_url, panel, index.panels)

    for line in meeting_clock_lines(db, panel, meeting, today):
        reply.section(line)

    agenda = queries.agenda_items(db, meeting.id, known_by)
    if agenda:
        add_lines(reply, "*Agenda*", [_agenda_line(item) for item in agenda[:AGENDA_SHOWN]])
        if len(agenda) > AGENDA_SHOWN:
            reply.context(f"…and {plural(len(agenda) - AGENDA_SHOWN, 'more item')}: `/scrutiny next {short} agenda`")
    planned = queries.programme_for(db, panel.id, meeting.date, known_by)
    if planned:
        add_lines(reply, "*On the work programme*", [_programme_line(row) for row in planned[:PROGRAMME_SHOWN]])
        if len(planned) > PROGRAMME_SHOWN:
            reply.context(f"…and {plural(len(planned) - PROGRAMME_SHOWN, 'more item')}: `/scrutiny next {short} programme`")
        newest = planned[0]
        reply.context(f"Work programme in {paper(newest.paper_kind, newest.paper_date)}")
    else:
        reply.section("_Nothing on the work programme is dated for this meeting._")

    total_open = queries.count_actions(db, panel.id, "open", before=meeting.date, known_by=known_by)
    if total_open:
        overdue_first = queries.open_actions_overdue_first(db, panel.id, meeting.date, today.isoformat(), MAX_ACTIONS_SHOWN,
                                                           known_by)
        reply.section(f"*Open actions from earlier meetings: {total_open}*")
        for action in overdue_first:
            reply.section(action_lines(action, today))
        if total_open > MAX_ACTIONS_SHOWN:
            reply.context(f"…and {total_open - MAX_ACTIONS_SHOWN} more: `/scrutiny actions {short}`")
    else:
        reply.section("_No open actions from earlier meetings._")


def _full_list(reply: Reply, db: Database, panel: Committee, index: PanelIndex, now: datetime, view: str,
               page_number: int, known_by: str | None) -> Reply:
    """Every agenda item, or every programme row, for the panel's next meeting, a page at a time."""
    meeting = queries.next_meeting(db, panel.id, now.date(), known_by)
    label = escape(index.label(panel))
    if meeting is None:
        return reply.section(f"*{label}*: no future meeting is known.")
    short = index.short_name(panel)
    if view == "agenda":
        lines = [_agenda_line(item) for item in queries.agenda_items(db, meeting.id, known_by)]
        what, empty = "agenda items", "_No agenda has been published for this meeting yet._"
    else:
        lines = [_programme_line(row) for row in queries.programme_for(db, panel.id, meeting.date, known_by)]
        what, empty = "programme items", "_Nothing on the work programme is dated for this meeting._"
    reply.section(f"*{label}* — {'agenda' if view == 'agenda' else 'work programme'} for *{meeting_line(meeting)}*")
    if not lines:
        return reply.section(empty)
    page = page_of(lines, page_number, FULL_LIST_PAGE)
    add_lines(reply, "", page.items)
    add_paging(reply, page, f"next {short} {view}", what)
    return reply


def _many_panels(reply: Reply, db: Database, panels: list[Committee], index: PanelIndex, now: datetime, page_number: int,
                 known_by: str | None, command: str = "next", public_url: str | None = None) -> Reply:
    reply.header("Next meetings")
    upcoming: list[tuple[Committee, MeetingRow]] = []
    quiet: list[Committee] = []
    ahead = queries.next_meetings(db, [p.id for p in panels], now.date(), known_by)
    for panel in panels:
        meeting = ahead.get(panel.id)
        if meeting:
            upcoming.append((panel, meeting))
        else:
            quiet.append(panel)
    upcoming.sort(key=lambda pm: pm[1].date)
    page = page_of(upcoming, page_number, MAX_PANELS_LISTED)
    for panel, meeting in page.items:
        count = len(queries.programme_for(db, panel.id, meeting.date, known_by))
        reply.section(f"*{escape(index.label(panel))}*\n{meeting_line(meeting)}"
                      + (f"\n{plural(count, 'programme item')}" if count else "")
                      + f"\n`/scrutiny next {index.short_name(panel)}` for details")
    add_paging(reply, page, command, "panels with meetings ahead")
    if quiet:
        names = ", ".join(escape(index.label(p)) for p in quiet[:10])
        reply.context(f"No future meeting known for {names}"
                      + (f" and {len(quiet) - 10} more (`/scrutiny panels`)" if len(quiet) > 10 else "") + ".")
    _calendar_line(reply, public_url, None, index.panels)
    return reply


def handle_next(args: str, db: Database, now: datetime, public_url: str | None = None) -> Reply:
    index = panel_index(db)
    known_by = queries.as_of(db, now.date())
    words, page_number = split_page(args)
    typed, scope = scope_of(db, words)
    view = None
    found = _VIEW.search(" " + typed)
    if found:
        view = "agenda" if found.group(1).lower() == "agenda" else "programme"
        typed = (" " + typed)[:found.start()].strip()
    reply = Reply(share=f"next {args.strip()}".strip())
    if typed:
        match = find_panel(db, typed, typos=True, prefer=scope.panels)
        if match.panel is None:
            return not_found(typed, match, db, "/scrutiny next")
        if match.guessed:
            reply.context(guessed_note(typed, match, db))
        chosen = [match.panel]
    else:
        kept = set(scope.panels) if scope.panels is not None else None
        chosen = [p for p in index.panels if kept is None or p.id in kept]
    if not chosen:
        return not_found(typed, find_panel(db, typed), db, "/scrutiny next")
    if view and len(chosen) == 1:
        return _full_list(reply, db, chosen[0], index, now, view, page_number, known_by)
    if view:
        return Reply().section(f"Which panel's {view}? `/scrutiny next <panel> {view}`")
    if len(chosen) > 1:
        _many_panels(reply, db, chosen, index, now, page_number, known_by,
                     "next everywhere" if scope.everywhere else "next", public_url)
        note = None if typed else scope.note(db, "/scrutiny next")
        return reply.context(note) if note else reply
    _one_panel(reply, db, chosen[0], index, now, known_by, public_url)
    return reply
