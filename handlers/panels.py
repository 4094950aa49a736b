"""Finding the panel a person means from what they typed: "children",
"CFOSP", "children and families", the council's name with it, or a typo.

Right or ask: a name that fits one panel answers for it; one that fits
several asks which, naming each with what to type; a name that fits none says
so and names the nearest panels. A typo is never silently taken for a panel:
a command that answers a question says which panel it shows, and every other
command (subscribe, channel, reminder settings…) asks first.

Matching is near-linear in the number of panels: an index from each word of
the panels' names (and councils, and initials) to the panels using it is built
once per version of the committees table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import DamerauLevenshtein
from sqlite_utils import Database

from corpus.words import family, tokens
from store import queries
from store.queries import Committee

from .format import plural
from .paging import add_paging, page_of, split_page
from .reply import Reply, escape

_SMALL = {"and", "of", "for", "the", "&", "in", "on", "a", "s"}
# words that say nothing about which panel is meant
_NOISE = _SMALL | {"council", "county", "borough", "district", "city", "metropolitan"}
# words most panels' names have: they narrow a choice but are never needed to make one
_GENERIC = {"scrutiny", "overview", "panel", "committee", "sub", "subcommittee", "select", "board", "o"}
LISTED = 10  # panels named in one question
NEAREST = 3


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in _SMALL).upper()


def _key(text: str) -> str:
    """A name as a lookup key: "Children & Families O&S Panel" -> "children and families o s panel"."""
    return " ".join(tokens(text.replace("&", " and ")))


@dataclass
class PanelMatch:
    panel: Committee | None
    candidates: list[Committee] = field(default_factory=list)  # the panels it could be, or the nearest
    ambiguous: bool = False
    guessed: bool = False  # found only through a typo: say which panel is shown; ask before changing anything
    more: int = 0  # candidates beyond those listed


@dataclass
class PanelIndex:
    panels: list[Committee]
    by_key: dict[str, list[int]]  # whole names, slugs, initials -> panels
    by_word: dict[str, set[int]]  # each word of a panel's name, council and initials -> panels
    by_family: dict[str, set[int]]
    councils: int

    def label(self, panel: Committee) -> str:
        """The panel's name, with its council where two councils are in the store."""
        return f"{panel.name} ({panel.council})" if self.councils > 1 and panel.council else panel.name

    def short_name(self, panel: Committee) -> str:
        """What to type for this panel, shortest first, that finds this panel and no other."""
        for typed in (initials(panel.name).lower(), panel.slug, _key(f"{panel.council} {panel.name}")):
            if len(typed) >= 2 and [self.panels[i].id for i in self.by_key.get(_key(typed), [])] == [panel.id]:
                return typed
        return _key(f"{panel.council} {panel.name}")


def _build(panels: list[Committee]) -> PanelIndex:
    by_key: dict[str, list[int]] = {}
    by_word: dict[str, set[int]] = {}
    by_family: dict[str, set[int]] = {}
    for i, p in enumerate(panels):
        for key in {_key(p.name), _key(p.slug), initials(p.name).lower(), _key(f"{p.council} {p.name}")}:
            by_key.setdefault(key, []).append(i)
        for word in set(tokens(f"{p.name} {p.council}".replace("&", " and "))) - _NOISE | {initials(p.name).lower()}:
            by_word.setdefault(word, set()).add(i)
            by_family.setdefault(family(word), set()).add(i)
    return PanelIndex(panels, by_key, by_word, by_family, len({p.council for p in panels}))


_cache: dict[str, tuple[int, PanelIndex]] = {}


def panel_index(db: Database) -> PanelIndex:
    """The panels as they are now, and the word index over their names, built
    once per set of names: a changed channel never leaves a stale row behind."""
    slot = db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    panels = queries.committees(db)
    names = hash(tuple((p.id, p.council, p.name, p.slug) for p in panels))
    cached = _cache.get(slot)
    if cached and cached[0] == names and slot != ":memory:":
        return replace(cached[1], panels=panels)
    index = _build(panels)
    _cache[slot] = (names, index)
    return index


def _matches(index: PanelIndex, word: str) -> tuple[set[int], set[int]]:
    """(panels a typed word surely names, panels it names give or take a typo)."""
    sure = set(index.by_word.get(word, ())) | index.by_family.get(family(word), set())
    if len(word) >= 4 and word.isalpha():  # "educ" for "education"
        for known, ids in index.by_word.items():
            if known.startswith(word):
                sure |= ids
    near: set[int] = set()
    if len(word) >= 4 and word.isalpha():
        limit = 1 if len(word) <= 7 else 2
        same_start = [w for w in index.by_word if w[:1] == word[:1] and abs(len(w) - len(word)) <= limit]
        for known, _, _ in process.extract(word, same_start, scorer=DamerauLevenshtein.distance,
                                           score_cutoff=limit, limit=None):
            near |= index.by_word[known]
    return sure, near - sure


def _all_of(sets: list[set[int]]) -> set[int]:
    return set.intersection(*sets) if sets else set()


def find_panel(db: Database, typed: str, typos: bool = False, prefer: list[int] | None = None) -> PanelMatch:
    """The panel meant, or the question to ask. A name found only through a
    typo is a question too (`guessed`, the panel in `candidates`), unless the
    caller shows answers with typos=True and says which panel it shows. With
    `prefer` (the panels of the councils a workspace follows), a name that fits
    some of those is taken to mean them; other councils' panels are named by
    more of their name, or their council's."""
    index = panel_index(db)
    if not index.panels:
        return PanelMatch(None)
    if prefer is not None:
        mine = {i for i, p in enumerate(index.panels) if p.id in set(prefer)}
        narrow = lambda ids: (set(ids) & mine) or set(ids)  # noqa: E731
    else:
        narrow = set
    wanted = _key(typed)
    exact = sorted(narrow(index.by_key.get(wanted, [])))
    if len(exact) == 1:
        return PanelMatch(index.panels[exact[0]])
    if exact:
        return _question(index, exact)
    words = [w for w in wanted.split() if w not in _NOISE] or wanted.split()
    specific = [w for w in words if w not in _GENERIC] or words
    matched = {w: _matches(index, w) for w in dict.fromkeys(words)}
    for chosen in (words, specific):  # the generic words narrow a choice when they can
        sure = narrow(_all_of([matched[w][0] for w in chosen]))
        if len(sure) == 1:
            return PanelMatch(index.panels[sure.pop()])
        if sure:
            return _question(index, sorted(sure))
    near = narrow(_all_of([matched[w][0] | matched[w][1] for w in specific]))
    if len(near) == 1:
        guess = index.panels[near.pop()]
        return PanelMatch(guess, guessed=True) if typos else PanelMatch(None, [guess], guessed=True)
    if near:
        return _question(index, sorted(near))
    return PanelMatch(None, _nearest(index, typed, [matched[w] for w in specific]))


def _question(index: PanelIndex, ids: list[int]) -> PanelMatch:
    chosen = sorted(ids, key=lambda i: (index.panels[i].name.lower(), index.panels[i].council))
    return PanelMatch(None, [index.panels[i] for i in chosen[:LISTED]], ambiguous=True,
                      more=max(0, len(chosen) - LISTED))


def _nearest(index: PanelIndex, typed: str, matched: list[tuple[set[int], set[int]]]) -> list[Committee]:
    """The panels sharing most of the words typed, then the most alike by spelling."""
    votes: dict[int, int] = {}
    for sure, near in matched:
        for i in sure | near:
            votes[i] = votes.get(i, 0) + 1
    names = [f"{p.name} {initials(p.name)}" for p in index.panels]
    alike = {i: score for _, score, i in process.extract(typed, names, scorer=fuzz.WRatio, processor=utils.default_process,
                                                         limit=NEAREST * 2)}
    ranked = sorted(set(votes) | set(alike), key=lambda i: (-votes.get(i, 0), -alike.get(i, 0)))
    return [index.panels[i] for i in ranked[:NEAREST]]


def short_name(panel: Committee, all_panels: list[Committee] | PanelIndex) -> str:
    index = all_panels if isinstance(all_panels, PanelIndex) else _build(all_panels)
    return index.short_name(panel)


def panel_label(panel: Committee, all_panels: list[Committee] | None = None) -> str:
    """The panel's name, with its council where two councils are in the store."""
    councils = {p.council for p in all_panels} if all_panels else set()
    if len(councils) > 1 and panel.council:
        return f"{panel.name} ({panel.council})"
    return panel.name


def guessed_note(typed: str, match: PanelMatch, db: Database) -> str:
    """What an answer found through a typo says first."""
    index = panel_index(db)
    return (f"Showing *{escape(index.label(match.panel))}*, the only panel near “{escape(typed.strip()[:80])}”. "
            f"Its short name is `{index.short_name(match.panel)}`.")


def not_found(typed: str, match: PanelMatch, db: Database, usage: str) -> Reply:
    """The question back: which of these panels, or which panel at all."""
    index = panel_index(db)
    reply = Reply()
    shown = escape(typed.strip()[:80])
    if not index.panels:
        return reply.section("No papers have been read yet, so no panels are known. "
                             "Ask an officer to run `scrutiny ingest PAPERS`.")
    guess = match.panel or (match.candidates[0] if match.candidates else None)
    if match.guessed and guess:
        return reply.section(f"Did you mean *{escape(index.label(guess))}*? If so: `{usage} {index.short_name(guess)}`")
    if match.ambiguous:
        reply.section(f"“{shown}” could be more than one panel. Which one?")
    else:
        reply.section(f"I don't know a panel called “{shown}”."
                      + (" The nearest I know:" if match.candidates else ""))
    for p in match.candidates:
        reply.section(f"• *{escape(index.label(p))}* — `{usage} {index.short_name(p)}`")
    if match.more:
        council = [w for w in tokens(match.candidates[0].council) if w not in _NOISE][:1]
        reply.context(f"…and {match.more} more. Add the council's name to narrow it"
                      + (f", as in `{usage} {council[0]} {shown}`." if council else "."))
    reply.context("`/scrutiny panels` lists every panel I know.")
    return reply


PANELS_SHOWN = 20


def handle_panels(args: str, db: Database, now) -> Reply:
    from .scope import scope_of
    index = panel_index(db)
    words, number = split_page(args)
    _, scope = scope_of(db, words)
    command = "panels everywhere" if scope.everywhere else "panels"
    reply = Reply(share=command + (f" page {number}" if number > 1 else "")).header("Panels")
    if not index.panels:
        return reply.section("No panels yet: no papers have been read.")
    kept = set(scope.panels) if scope.panels is not None else None
    page = page_of([p for p in index.panels if kept is None or p.id in kept], number, PANELS_SHOWN)
    known = queries.meetings_known(db, queries.as_of(db, now.date()), [p.id for p in page.items])
    for p in page.items:
        count, first, last = known.get(p.id, (0, None, None))
        channel = f" · reminders in <#{p.channel}>" if p.channel else ""
        reply.section(f"*{escape(p.name)}* (`{index.short_name(p)}`)\n{escape(p.council or 'council not named')} · "
                      f"{plural(count, 'meeting')} known, {first or '—'} to {last or '—'}{channel}")
    add_paging(reply, page, command, "panels")
    note = scope.note(db, "/scrutiny panels")
    if note:
        reply.context(note)
    return reply
