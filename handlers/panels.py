"""Finding the panel a person means from what they typed: "children",
"CFOSP", "children and families", a typo, or the council's name with it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlite_utils import Database

from store import queries
from store.queries import Committee

from .paging import add_paging, page_of, split_page
from .reply import Reply, escape

_SMALL = {"and", "of", "for", "the", "&", "in", "on", "a"}
# words that say nothing about which panel is meant
_NOISE = _SMALL | {"council", "county", "borough", "district", "city", "metropolitan"}
MATCH_AT = 75


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in _SMALL).upper()


@dataclass
class PanelMatch:
    panel: Committee | None
    candidates: list[Committee]  # the panels it could be (ambiguous), or the nearest (no match)
    ambiguous: bool = False


def _words(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _NOISE)


def find_panel(db: Database, typed: str) -> PanelMatch:
    panels = queries.committees(db)
    wanted = typed.strip()
    if not panels:
        return PanelMatch(None, [])
    key = wanted.lower()
    exact = [p for p in panels if key in (p.name.lower(), p.slug, initials(p.name).lower(), f"{p.council} {p.name}".lower())]
    if len(exact) == 1:
        return PanelMatch(exact[0], [])
    pool = exact or panels
    choices = [_words(f"{p.name} {initials(p.name)} {p.council}") for p in pool]
    query = _words(wanted) or wanted.lower()
    # every word typed should be in the name, give or take a typo ("chidlren")
    scored = process.extract(query, choices, scorer=fuzz.partial_token_set_ratio, processor=utils.default_process,
                             limit=len(pool))
    scored = sorted(scored, key=lambda s: (-s[1], -fuzz.WRatio(query, s[0])))
    if not scored or scored[0][1] < MATCH_AT:
        nearest = sorted(range(len(pool)), key=lambda i: -fuzz.WRatio(query, choices[i]))[:3]
        return PanelMatch(None, [pool[i] for i in nearest])
    best = scored[0][1]
    top = [s[2] for s in scored if s[1] >= best - 3]
    if len(top) == 1:
        return PanelMatch(pool[top[0]], [])
    # "children and families" fits one panel better than another
    ranked = sorted(top, key=lambda i: -fuzz.token_set_ratio(query, choices[i]))
    first, second = (fuzz.token_set_ratio(query, choices[i]) for i in ranked[:2])
    if first - second >= 15:
        return PanelMatch(pool[ranked[0]], [])
    return PanelMatch(None, [pool[i] for i in ranked], ambiguous=True)


def short_name(panel: Committee, all_panels: list[Committee]) -> str:
    """What to type for this panel: its initials when no other panel shares them, else its name."""
    mine = initials(panel.name).lower()
    if sum(initials(p.name).lower() == mine for p in all_panels) == 1 and len(mine) >= 2:
        return mine
    if sum(p.slug == panel.slug for p in all_panels) == 1:
        return panel.slug
    return f"{panel.council} {panel.name}".lower()  # the same panel name at several councils


def panel_label(panel: Committee, all_panels: list[Committee] | None = None) -> str:
    """The panel's name, with its council where two councils are in the store."""
    councils = {p.council for p in all_panels} if all_panels else set()
    if len(councils) > 1 and panel.council:
        return f"{panel.name} ({panel.council})"
    return panel.name


def not_found(typed: str, match: PanelMatch, db: Database, usage: str) -> Reply:
    panels = queries.committees(db)
    reply = Reply()
    if match.ambiguous:
        reply.section(f"“{escape(typed)}” could be more than one panel:")
        for p in match.candidates:
            reply.section(f"• *{escape(panel_label(p, panels))}* — try `{usage} {short_name(p, panels)}`")
        return reply
    if not panels:
        return reply.section("No papers have been read yet, so no panels are known. "
                             "Ask an officer to run `scrutiny ingest PAPERS`.")
    reply.section(f"I don't know a panel called “{escape(typed)}”.")
    if match.candidates:
        reply.section("Did you mean " + ", or ".join(f"*{escape(panel_label(p, panels))}*" for p in match.candidates) + "?")
    reply.context("`/scrutiny panels` lists every panel I know.")
    return reply


PANELS_SHOWN = 20


def handle_panels(args: str, db: Database, now) -> Reply:
    panels = queries.committees(db)
    _, number = split_page(args)
    reply = Reply(share="panels" + (f" page {number}" if number > 1 else "")).header("Panels")
    if not panels:
        return reply.section("No panels yet: no papers have been read.")
    page = page_of(panels, number, PANELS_SHOWN)
    for p in page.items:
        meetings = db.execute("SELECT count(*), min(date), max(date) FROM meetings WHERE committee_id = ?", [p.id]).fetchone()
        channel = f" · reminders in <#{p.channel}>" if p.channel else ""
        reply.section(f"*{escape(p.name)}* ({initials(p.name)})\n{escape(p.council or 'council not named')} · "
                      f"{meetings[0]} meetings known, {meetings[1] or '—'} to {meetings[2] or '—'}{channel}")
    add_paging(reply, page, "panels", "panels")
    return reply
