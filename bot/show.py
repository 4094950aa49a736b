"""Plain-text views for the terminal."""
from __future__ import annotations

from datetime import date

from corpus.dates import human_date, human_time
from corpus.model import Document


def _when(iso: str | None) -> str:
    if not iso:
        return "date not given"
    return human_date(date.fromisoformat(iso)) if len(iso) == 10 else iso


def document_as_text(doc: Document) -> str:
    m = doc.meeting
    out = [f"{doc.kind.replace('_', ' ').capitalize()}: {doc.committee or '(committee not named)'}"
           + (f", {doc.council}" if doc.council else ""),
           f"Meeting: {_when(m.date)}" + (f", {human_time(m.time)}" if m.time else "") + (f", {m.venue}" if m.venue else "")]
    if doc.attendance:
        out.append("\nAttendance")
        by_status: dict[str, list[str]] = {}
        for person in doc.attendance:
            by_status.setdefault(person.status, []).append(person.name)
        for status, names in by_status.items():
            out.append(f"  {status.replace('_', ' ')}: {', '.join(names)}")
    if doc.items:
        out.append("\nItems")
        for item in doc.items:
            pages = f"  (pages {item.pages})" if item.pages else ""
            out.append(f"  {item.number or '-':>5}  {item.title}{pages}")
    if doc.actions:
        out.append("\nActions")
        for action in doc.actions:
            extra = ", ".join(x for x in (f"owner: {action.owner}" if action.owner else "",
                                          f"due: {action.due}" if action.due else "") if x)
            out.append(f"  [{action.item or '-'}] {action.text}" + (f"  ({extra})" if extra else ""))
    if doc.work_programme:
        out.append("\nWork programme")
        for row in doc.work_programme:
            out.append(f"  {row.when:<22} {row.issue}")
    if doc.future_meetings:
        out.append("\nFuture meetings")
        for meeting in doc.future_meetings:
            out.append(f"  {_when(meeting.date)}" + (f", {human_time(meeting.time)}" if meeting.time else "")
                       + (f", {meeting.venue}" if meeting.venue else ""))
    for move in doc.moved_meetings:
        out.append(f"  (meeting of {_when(move.old_date)} " + (f"moved to {_when(move.new_date)})" if move.new_date else "cancelled)"))
    if doc.warnings:
        out.append("\nWarnings")
        out.extend(f"  {w}" for w in doc.warnings)
    return "\n".join(out)
