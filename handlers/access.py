"""Who may change things: mark actions done, set a panel's channel or its
reminder settings, undo a change. Reading is open to everyone in the workspace.

policy "anyone": everyone; "officers": the officers listed (SCRUTINY_OFFICERS);
"channel": the officers, and members of the panel's own channel.
The console and the command line are the operator at the machine: always allowed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from store.queries import Committee, person_name

from .reply import escape

LOCAL_USERS = {"console", "cli"}
POLICIES = ("anyone", "officers", "channel")


@dataclass(frozen=True)
class Access:
    policy: str = "anyone"
    officers: frozenset[str] = field(default_factory=frozenset)
    channel_members: Callable[[str], set[str]] | None = None  # channel id -> member user ids

    def can_edit(self, user: str | None, panel: Committee | None) -> bool:
        if user in LOCAL_USERS or self.policy == "anyone":
            return True
        if user in self.officers:
            return True
        if self.policy == "channel" and panel is not None and panel.channel and self.channel_members:
            try:
                return user in self.channel_members(panel.channel)
            except Exception:  # Slack unreachable: refuse rather than guess
                return False
        return False

    def refusal(self, panel: Committee | None, db: Database | None = None) -> str:
        """Who can change this, with the officers named (never pinged) where the bot knows their names."""
        who = "the scrutiny officers"
        if self.policy == "channel" and panel is not None and panel.channel:
            who += f" and members of <#{panel.channel}>"
        names = [person_name(db, o) for o in sorted(self.officers)] if db is not None else []
        officers = ", ".join(escape(n) for n in names if n)
        return (f"Sorry, only {who} can change this." + (f" Ask {officers}." if officers else "")).strip()


OPEN = Access()
