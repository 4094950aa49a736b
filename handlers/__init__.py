"""Turning a `/scrutiny` command plus the store into a reply. Pure: no Slack
client, no clock; `now` is passed in, so tests freeze time."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from corpus.text import without_controls

from .access import OPEN, Access
from .actions import handle_actions
from .changes import handle_audit, handle_undo
from .clocks import handle_callin, handle_settings
from .digest import handle_digest
from .find import handle_find, handle_history
from .next_meeting import handle_next
from .panels import handle_panels
from .recommendations import handle_recommendations
from .reminders import handle_channel, handle_remind_settings, handle_reminders, handle_subscribe, handle_unsubscribe
from .reply import Reply, escape
from .scope import handle_follow, handle_unfollow
from .sources import handle_sources
from .watches import handle_unwatch, handle_watch, handle_watches

MAX_COMMAND = 2000

USAGE = [
    ("next [panel]", "the next meeting: date, time, venue, programme items, open actions"),
    ("next <panel> agenda / next <panel> programme", "the whole agenda, or work programme, of that meeting"),
    ("actions [panel] [open|done|all|overdue]", "follow-up actions, oldest first, with Mark done"),
    ("actions <n> owner <who> / actions <n> due <date>", "set an action's owner or due date"),
    ("recommendations [panel] [awaiting|overdue|responded|all]", "recommendations to the executive: responses due, overdue, received"),
    ("recommendations <n> response accepted [on <date>] / implemented / confirm / reject", "record a response by hand, or judge a match"),
    ("callin [panel]", "executive decisions that can still be called in, and until when"),
    ("settings [council|panel] [clear-days 5 | callin-days 5 | response executive 2 months | …]", "the statutory clocks' settings"),
    ("find <words>", "search items, actions, work programmes and minutes (acronyms and typos welcome)"),
    ("history <topic>", "when a topic came to a panel, and what was agreed"),
    ("panels [page <n>]", "every panel I know"),
    ("… everywhere", "next, actions, find, history, panels and recommendations for every council, not just those followed"),
    ("follow [council] / unfollow <council>", "the councils this workspace follows: answers keep to their panels"),
    ("channel <panel>", "post this panel's reminders in the channel where you type it"),
    ("subscribe <panel> / unsubscribe <panel>", "reminders by direct message before each meeting"),
    ("remind-settings <panel> [days 7,1] [at 09:00] [on|off]", "when reminders go out"),
    ("reminders", "what is due next, for whom, and what failed"),
    ("digest <panel> [monday] [at 09:00] [on|off]", "the panel's weekly digest in its channel"),
    ("watch <words> [at once]", "new papers that match, in a daily digest (or at once): for you in a DM, for the channel in a channel"),
    ("watches / unwatch <n>", "your watches and this channel's, and stopping one"),
    ("audit [page <n>] / undo <number>", "recent changes, who made them, and putting one back"),
    ("sources", "the council sites the papers come from: last sync, what it brought, what failed"),
    ("help", "this list"),
]


def handle_help(args: str, db: Database, now: datetime) -> Reply:
    reply = Reply().header("/scrutiny")
    reply.section("\n".join(f"`/scrutiny {usage}` — {what}" for usage, what in USAGE))
    reply.context("Name a panel by its initials (`CFOSP`) or words of its name (`children and families`); "
                  "if several panels fit, I ask which.")
    return reply


Handler = Callable[[str, Database, datetime], Reply]
COMMANDS: dict[str, Handler] = {
    "next": handle_next,
    "follow": handle_follow,
    "unfollow": handle_unfollow,
    "actions": handle_actions,
    "action": handle_actions,
    "find": handle_find,
    "search": handle_find,
    "history": handle_history,
    "panels": handle_panels,
    "help": handle_help,
    "channel": handle_channel,
    "subscribe": handle_subscribe,
    "unsubscribe": handle_unsubscribe,
    "remind-settings": handle_remind_settings,
    "reminders": handle_reminders,
    "audit": handle_audit,
    "undo": handle_undo,
    "sources": handle_sources,
    "recommendations": handle_recommendations,
    "recommendation": handle_recommendations,
    "recs": handle_recommendations,
    "callin": handle_callin,
    "call-in": handle_callin,
    "settings": handle_settings,
    "digest": handle_digest,
    "watch": handle_watch,
    "watches": handle_watches,
    "unwatch": handle_unwatch,
}
# these also need to know who typed the command, and where
WITH_CONTEXT = {"follow", "unfollow", "actions", "action", "channel", "subscribe", "unsubscribe", "remind-settings", "audit",
                "undo", "recommendations", "recommendation", "recs", "settings", "watch", "watches", "unwatch", "digest"}


def dispatch(text: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
             access: Access = OPEN, channel_kind: str | None = None, public_url: str | None = None) -> Reply:
    """Route `/scrutiny <text>` to its handler. Unknown words get the usage and the nearest command.
    channel_kind: "channel", "dm" or "group_dm", where Slack says where the command was typed."""
    text = " ".join(without_controls(text or "").split())  # a NUL or a bell typed in a command reaches no field
    if len(text) > MAX_COMMAND:
        return Reply().section(f"That command is too long ({len(text):,} characters); I read at most {MAX_COMMAND:,}.")
    if text.lower().startswith("/scrutiny"):
        text = text[len("/scrutiny"):].strip()
    word, _, args = text.partition(" ")
    word = word.lower()
    if not word:
        return handle_help("", db, now)
    handler = COMMANDS.get(word)
    if handler is None:
        nearest = process.extractOne(word, [c for c in COMMANDS], scorer=fuzz.ratio, score_cutoff=60)
        reply = Reply().section(f"I don't know `{escape(word[:40])}`."
                                + (f" Did you mean `/scrutiny {nearest[0]} {escape(args[:100])}`?".replace(" `?", "`?") if nearest else ""))
        return reply.section("\n".join(f"`/scrutiny {usage}` — {what}" for usage, what in USAGE))
    if word in ("channel", "watch", "watches", "unwatch"):
        return handler(args, db, now, user=user, channel=channel, access=access, channel_kind=channel_kind)
    if word in WITH_CONTEXT:
        return handler(args, db, now, user=user, channel=channel, access=access)
    if handler is handle_next:
        return handle_next(args, db, now, public_url=public_url)
    return handler(args, db, now)
