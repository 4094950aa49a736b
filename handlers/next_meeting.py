"""`/scrutiny next [panel]`: the next meeting, what is planned for it, and what is still open."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from store import queries
from store.queries import Committee

from .clocks import meeting_clock_lines
from .format import action_lines, meeting_line, paper, report_links, when
from .panels import PanelIndex, find_panel, guessed_note, not_found, panel_index
from .reply import Reply, escape

MAX_ACTIONS_SHOWN = 8
MAX_PANELS_LISTED = 20


def _one_panel(reply: Reply, db: Database, panel: Committee, index: PanelIndex, now: datetime,
               known_by: str | None) -> None:
    today = now.date()
    label = escape(index.label(panel))
    meeting = queries.next_meeting(db, panel.id, today, known_by)
    if meeting is None:
        last = queries.last_meeting(db, panel.id, today, known_by)
        text = f"*{label}*: no future meeting is known."
        if last:
            text += f" The last one I know of was {meeting_line(last)}."
        reply.section(text)
        return
    heading = f"*{label}* — next meeting\n*{meeting_line(meeting)}*"
    if meeting.moved_from:
        heading += f"\n_Moved from {when(meeting.moved_from)}._"
    reply.section(heading)
    sources = queries.provenance_of_meeting(db, meeting.id, known_by)
    if sources:
        reply.context("Date from " + ", ".join(dict.fromkeys(paper(s.kind, s.meeting_date) for s in sources[:3])))

    for line in meeting_clock_lines(db, panel, meeting, today):
        reply.section(line)

    agenda = queries.agenda_items(db, meeting.id, known_by)
    if agenda:
        lines = [f"{item.number or '•'} {escape(item.title)}" + (f" _(pages {item.pages})_" if item.pages else "")
                 + (" _(exempt: not published)_" if item.restricted else report_links(item.links))
                 for item in agenda[:25]]
        reply.section("*Agenda*\n" + "\n".join(lines))
    planned = queries.programme_for(db, panel.id, meeting.date, known_by)
    if planned:
        lines = [f"• {escape(row.issue)}" + (f" _({escape(row.when_text)})_" if row.meeting_date and len(row.meeting_date) == 7 else "")
                 for row in planned]
        reply.section("*On the work programme*\n" + "\n".join(lines))
        newest = planned[0]
        reply.context(f"Work programme in {paper(newest.paper_kind, newest.paper_date)}")
    else:
        reply.section("_Nothing on the work programme is dated for this meeting._")

    open_actions = queries.actions(db, panel.id, status="open", before=meeting.date, known_by=known_by)
    if open_actions:
        overdue_first = sorted(open_actions, key=lambda a: (not (a.due and a.due < today.isoformat()), a.meeting_date))
        reply.section(f"*Open actions from earlier meetings: {len(open_actions)}*")
        for action in overdue_first[:MAX_ACTIONS_SHOWN]:
            reply.section(action_lines(action, today))
        if len(open_actions) > MAX_ACTIONS_SHOWN:
            reply.context(f"…and {len(open_actions) - MAX_ACTIONS_SHOWN} more: `/scrutiny actions {index.short_name(panel)}`")
    else:
        reply.section("_No open actions from earlier meetings._")


def handle_next(args: str, db: Database, now: datetime) -> Reply:
    index = panel_index(db)
    known_by = queries.as_of(db, now.date())
    reply = Reply(share=f"next {args}".strip())
    if args.strip():
        match = find_panel(db, args, typos=True)
        if match.panel is None:
            return not_found(args, match, db, "/scrutiny next")
        if match.guessed:
            reply.context(guessed_note(args, match, db))
        chosen = [match.panel]
    else:
        chosen = index.panels
    if not chosen:
        return not_found(args, find_panel(db, args), db, "/scrutiny next")
    if len(chosen) > 1:
        reply.header("Next meetings")
        upcoming, quiet = [], []
        for panel in chosen:
            meeting = queries.next_meeting(db, panel.id, now.date(), known_by)
            (upcoming if meeting else quiet).append((panel, meeting))
        upcoming.sort(key=lambda pm: pm[1].date)
        for panel, meeting in upcoming[:MAX_PANELS_LISTED]:
            count = len(queries.programme_for(db, panel.id, meeting.date, known_by))
            reply.section(f"*{escape(index.label(panel))}*\n{meeting_line(meeting)}"
                          + (f"\n{count} programme items" if count else "")
                          + f"\n`/scrutiny next {index.short_name(panel)}` for details")
        if len(upcoming) > MAX_PANELS_LISTED:
            reply.context(f"…and {len(upcoming) - MAX_PANELS_LISTED} more panels with meetings ahead: name one, `/scrutiny next <panel>`.")
        if quiet:
            names = ", ".join(escape(index.label(p)) for p, _ in quiet[:10])
            reply.context(f"No future meeting known for {names}" + (f" and {len(quiet) - 10} more" if len(quiet) > 10 else "") + ".")
        return reply
    _one_panel(reply, db, chosen[0], index, now, known_by)
    return reply
