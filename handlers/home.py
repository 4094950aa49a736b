"""The app's Home tab, per person: the next meeting of each panel they
subscribe to, open actions on those panels (overdue first), their watches, and
recommendations awaiting a response; with buttons to subscribe, unsubscribe,
mark an action done and stop a watch. Rebuilt when the tab is opened and after
each change, within Slack's 100 blocks."""
from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from store import queries
from store import recommendations as tracker
from store import reminders as subscriptions
from store import watches as watch_store

from .format import action_lines, is_overdue, meeting_line, when
from .panels import panel_label
from .reply import Button, Reply, Select, escape
from .watches import unwatch_button

MAX_PANELS = 20
MAX_ACTIONS = 20
MAX_WATCHES = 15
MAX_RECOMMENDATIONS = 8


def home(db: Database, user: str, now: datetime, notice: str | None = None) -> Reply:
    today = now.date()
    panels = queries.committees(db)
    mine_ids = subscriptions.subscriptions_of(db, user)
    mine = [p for p in panels if p.id in mine_ids]
    reply = Reply(ephemeral=False).header("Scrutiny")
    if notice:
        reply.context(notice)

    reply.section("*Your panels*" if mine else "*Your panels*\nYou follow no panel yet: pick one below to get its reminders "
                  "by direct message and see its meetings and actions here.")
    for panel in mine[:MAX_PANELS]:
        meeting = queries.next_meeting(db, panel.id, today)
        text = f"*{escape(panel_label(panel, panels))}*\n" + (f"Next: {meeting_line(meeting)}" if meeting else "No future meeting known.")
        reply.section(text, button=Button("Unsubscribe", "home_unsubscribe", {"id": panel.id}))
    if len(mine) > MAX_PANELS:
        reply.context(f"…and {len(mine) - MAX_PANELS} more panels: `/scrutiny next`")
    others = [p for p in panels if p.id not in mine_ids]
    if others:
        reply.menu(Select("Subscribe to a panel…", "home_subscribe", [(panel_label(p, panels), str(p.id)) for p in others]))

    if mine:
        open_actions = [a for p in mine for a in queries.actions(db, p.id, "open", limit=200)]
        open_actions.sort(key=lambda a: (not is_overdue(a, today), a.meeting_date))
        reply.divider()
        overdue = sum(is_overdue(a, today) for a in open_actions)
        reply.section(f"*Open actions on your panels: {len(open_actions)}*" + (f" ({overdue} overdue)" if overdue else ""))
        for action in open_actions[:MAX_ACTIONS]:
            reply.section(action_lines(action, today, with_panel=len(mine) > 1),
                          button=Button("Mark done", "home_action_done", {"id": action.id}, style="primary"))
        if len(open_actions) > MAX_ACTIONS:
            reply.context(f"…and {len(open_actions) - MAX_ACTIONS} more: `/scrutiny actions`")

        awaiting = [r for p in mine for r in tracker.recommendations(db, p.id, "awaiting", today, limit=50)]
        if awaiting:
            awaiting.sort(key=lambda r: (r.due is None, r.due or ""))
            lines = [f"• #{r.id} {escape(r.text[:140])} — to {escape(r.to_whom or 'the executive')}"
                     + (f", due {when(r.due)}" + (" · *overdue*" if r.due < today.isoformat() else "") if r.due else "")
                     for r in awaiting[:MAX_RECOMMENDATIONS]]
            more = f"\n…and {len(awaiting) - MAX_RECOMMENDATIONS} more: `/scrutiny recommendations`" if len(awaiting) > MAX_RECOMMENDATIONS else ""
            reply.divider()
            reply.section(f"*Recommendations awaiting a response: {len(awaiting)}*\n" + "\n".join(lines) + more)

    watches = watch_store.for_target(db, f"user:{user}") + [
        w for w in watch_store.active(db) if w.created_by == user and w.target.startswith("channel:")]
    reply.divider()
    if watches:
        reply.section("*Your watches*")
        for watch in watches[:MAX_WATCHES]:
            where = f" in <#{watch.target.partition(':')[2]}>" if watch.target.startswith("channel:") else ""
            reply.section(f"“{escape(watch.words)}” — {'at once' if watch.cadence == 'instant' else 'daily digest'}{where}",
                          button=unwatch_button(watch))
        if len(watches) > MAX_WATCHES:
            reply.context(f"…and {len(watches) - MAX_WATCHES} more: `/scrutiny watches`")
    else:
        reply.section("*Your watches*\nNone yet. `/scrutiny watch EHCP` in a direct message tells you when new papers mention it.")
    return reply
