"""Which councils an answer covers. A workspace usually serves one council: it
follows the councils it works for (`scrutiny follow`, `/scrutiny follow`), and
answers keep to their panels. A command with the word `everywhere` covers every
council in the store. A store whose workspace follows no council in particular
answers for all of them.

`/scrutiny follow` lists what is followed; `/scrutiny follow <council>` adds
one, `/scrutiny unfollow <council>` takes one away (audited, undoable)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process, utils
from sqlite_utils import Database

from corpus.words import tokens
from store import queries

from .access import OPEN, Access
from .reply import Reply, escape

_EVERYWHERE = re.compile(r"(?:^|\s)everywhere(?=\s|$)", re.IGNORECASE)


@dataclass
class Scope:
    panels: list[int] | None  # the panels answers keep to; None: every panel
    followed: list[str]  # the councils followed ([]: every council)
    everywhere: bool = False  # asked for in so many words

    def note(self, db: Database, usage: str) -> str | None:
        """What an answer kept to, and how to ask for every council, when other councils are in the store."""
        if self.panels is None:
            return None
        others = db.execute(f"SELECT count(DISTINCT council) FROM committees WHERE council NOT IN "
                            f"({','.join('?' * len(self.followed))})", self.followed).fetchone()[0]
        if not others:
            return None
        return (f"From the papers of {escape(_names(self.followed))}; `{usage} everywhere` for every council "
                f"({others:,} more in the store).")


def _names(councils: list[str]) -> str:
    return councils[0] if len(councils) == 1 else ", ".join(councils[:-1]) + f" and {councils[-1]}"


def scope_of(db: Database, args: str) -> tuple[str, Scope]:
    """The command's words without `everywhere`, and the scope they ask for."""
    everywhere = bool(_EVERYWHERE.search(args))
    rest = " ".join(_EVERYWHERE.sub(" ", args).split()) if everywhere else args
    followed = queries.followed(db)
    panels = None if everywhere or not followed else queries.followed_panels(db)
    return rest, Scope(panels, followed, everywhere)


def find_council(db: Database, typed: str) -> tuple[str | None, list[str]]:
    """The council meant (its name as the store has it), or the nearest names."""
    known = queries.councils(db)
    wanted = set(tokens(typed)) - {"council", "county", "borough", "district", "city", "of", "the"}
    exact = [c for c in known if c.lower() == typed.strip().lower()]
    if exact:
        return exact[0], []
    fits = [c for c in known if wanted and wanted <= set(tokens(c))]
    if len(fits) == 1:
        return fits[0], []
    near = fits or [name for name, _, _ in process.extract(typed, known, scorer=fuzz.WRatio, processor=utils.default_process,
                                                           limit=3)]
    return None, near[:5]


def handle_follow(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                  access: Access = OPEN, stop: bool = False) -> Reply:
    typed = args.strip()
    followed = queries.followed(db)
    if not typed:
        reply = Reply().header("Councils followed")
        if followed:
            reply.section("This workspace follows " + escape(_names(followed)) + ": answers keep to their panels. "
                          "Add `everywhere` to a command for every council in the store.")
        else:
            reply.section("This workspace follows every council in the store. "
                          "`/scrutiny follow <council>` keeps answers to one.")
        return reply
    if not access.can_edit(user, None):
        return Reply().section(access.refusal(None, db))
    council, near = find_council(db, typed)
    if council is None:
        return Reply().section(f"I don't know a council called “{escape(typed[:80])}”."
                               + (" Did you mean " + ", ".join(f"*{escape(n)}*" for n in near) + "?" if near else ""))
    chosen = [c for c in followed if c != council] if stop else [*followed, council]
    if not queries.set_followed(db, chosen, user or "console", now):
        return Reply().section(f"Nothing to change: {escape(council)} is {'not ' if stop else ''}followed.")
    return Reply().section(("Now following " + escape(_names(chosen))) if chosen else "Now following every council in the store.")


def handle_unfollow(args: str, db: Database, now: datetime, user: str | None = None, channel: str | None = None,
                    access: Access = OPEN) -> Reply:
    if not args.strip():
        return Reply().section("Which council? `/scrutiny unfollow <council>`; `/scrutiny follow` lists them.")
    return handle_follow(args, db, now, user, channel, access, stop=True)
