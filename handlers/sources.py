"""`/scrutiny sources` (each council site: last sync, what it brought, what
failed) and the message a panel's channel gets when new minutes arrive."""
from __future__ import annotations

import re
from datetime import datetime

from rapidfuzz import fuzz, utils
from sqlite_utils import Database

from corpus.prose import sentences
from store import queries, sources

from .actions import action_button
from .format import action_lines, link, paper, plural, when
from .panels import short_name
from .reply import Reply, escape

# words that say a follow-up has happened: "the figures had been circulated"
_DONE_CUES = re.compile(r"\b(?:had\s+been|has\s+been|were|was)\s+(?:circulated|provided|shared|sent|received|"
                        r"distributed|e-?mailed|supplied|answered|completed|reported|presented|arranged|added)\b|"
                        r"\b(?:circulated|provided)\s+(?:since|after|following)\s+the\s+(?:last|previous)\s+meeting\b",
                        re.IGNORECASE)
CLOSES_AT = 72


def handle_sources(args: str, db: Database, now: datetime) -> Reply:
    reply = Reply().header("Sources")
    registered = sources.sources(db)
    if not registered:
        return reply.section("No council sites are synced. An officer adds one with "
                             "`scrutiny sync --moderngov https://democracy.example.gov.uk`.")
    for site in registered:
        report = site.last_report or {}
        text = (f"*{escape(site.council or site.url)}* — {link(site.url, site.url)}\nLast sync "
                f"{escape((site.last_sync_at or 'never').replace('T', ' ')[:16])}: "
                f"*{escape(site.last_status or 'not yet')}* · {plural(len(report.get('committees', [])), 'committee')}, "
                f"{plural(report.get('meetings', 0), 'meeting')}, "
                f"{report.get('new', 0)} new and {report.get('updated', 0)} updated papers, {report.get('cancelled', 0)} cancelled")
        failed = report.get("failed", [])
        if failed:
            text += "\nFailed: " + "; ".join(f"{escape(str(what))[-80:]} ({escape(str(why))})" for what, why in failed[:5])
            if len(failed) > 5:
                text += f"; and {len(failed) - 5} more"
        if report.get("left_out"):
            text += f"\nLeft out {plural(len(report['left_out']), 'exempt (Part II) part')}, as the law requires."
        reply.section(text)
    reply.context("`scrutiny sources remove URL` (on the server) stops syncing a site.")
    return reply


def might_close(action_text: str, minutes_text: str) -> bool:
    """Do these minutes say that this follow-up was done?"""
    for sentence in sentences(minutes_text):
        if _DONE_CUES.search(sentence) and fuzz.token_set_ratio(action_text, sentence, processor=utils.default_process) >= CLOSES_AT:
            return True
    return False


def minutes_digest(db: Database, document_id: int, now: datetime) -> tuple[int, Reply] | None:
    """(committee id, message) for a minutes paper just read, or None when it holds nothing to say."""
    row = db.execute("SELECT d.committee_id, m.date, d.kind, d.text FROM documents d JOIN meetings m ON m.id = d.meeting_id"
                     " WHERE d.id = ?", [document_id]).fetchone()
    if row is None:
        return None
    committee_id, meeting_date, kind, text = row
    panel = queries.committee(db, committee_id)
    new = [a for a in queries.actions(db, committee_id, "open") if a.meeting_date == meeting_date]
    earlier = queries.actions(db, committee_id, "open", before=meeting_date)
    closing = [a for a in earlier if might_close(a.text, text or "")]
    if not new and not closing:
        return None
    today = now.date()
    panels = queries.committees(db)
    command = f"actions {short_name(panel, panels)}" if panel else "actions"
    reply = Reply(ephemeral=False).header(f"New minutes: {panel.name if panel else 'a panel'}"[:150])
    reply.section(f"The {paper(kind, meeting_date)} are in: {plural(len(new), 'new action')}.")
    for action in new[:8]:
        reply.section(action_lines(action, today))
    if len(new) > 8:
        reply.context(f"…and {len(new) - 8} more: `/scrutiny {command}`")
    if closing:
        reply.section(f"*These minutes may close {plural(len(closing), 'earlier action')}:*")
        for action in closing[:8]:
            reply.section(action_lines(action, today), button=action_button(action, command, 1))
        if len(closing) > 8:
            reply.context(f"…and {len(closing) - 8} more that may be closed: `/scrutiny {command}`")
    reply.context(f"From {when(meeting_date)} minutes, read {now.strftime('%d %b %Y %H:%M')}.")
    return committee_id, reply
