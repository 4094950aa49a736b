"""What the benchmark asks: many different command texts per kind of command,
drawn from the store's own words and panels, each with its floor.

Words: common ones (the 30th to 400th most used), rare ones (used in two to
five rows), acronyms the papers use, typos (a used word with two letters
swapped or one dropped, which no paper and no dictionary has), phrases from
item titles, two words together, and words no paper uses. Panels: the short
name `panels` gives, the full name, a council's name with a word of the
panel's, names that fit many panels, and misspelt names.

The floor of a command is the single statement (an FTS5 MATCH, or an indexed
query) that returns the rows its answer shows, run directly on the store: what
no implementation of the command could avoid.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from corpus.english import is_word
from handlers.find import build_query, correct_typos
from handlers.panels import find_panel, panel_index
from store import queries

STOP = {"the", "and", "that", "with", "this", "from", "were", "was", "for", "had", "have", "would", "which", "their",
        "been", "they", "also", "there", "will", "are", "not", "has", "its", "but", "any", "all", "who", "what"}
AMBIGUOUS = ["children", "health", "audit", "housing", "scrutiny committee", "overview and scrutiny", "finance",
             "communities", "place", "resources", "performance", "environment"]
ABSENT = ["helicopter", "volcano", "saxophone", "penguin", "spaceship", "karaoke", "lighthouse", "crocodile",
          "telescope", "marathon", "pyramid", "snowboard", "trombone", "submarine", "origami", "glacier"]


@dataclass
class Case:
    text: str  # the command, as typed after /scrutiny
    floor: Callable[[Database], object]  # runs the floor statement on an open store


@dataclass
class Kind:
    label: str
    family: str  # next | actions | find | history | panels | recommendations
    cases: list[Case] = field(default_factory=list)


def _vocabulary(db: Database) -> list[tuple[str, int]]:
    """(term, rows using it), most used first, over every full-text index in the store."""
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts_vocab'")]
    counts: dict[str, int] = {}
    for table in tables:
        for term, rows in db.execute(f"SELECT term, doc FROM {table}"):
            counts[term] = counts.get(term, 0) + rows
    return sorted(((t, n) for t, n in counts.items() if t.isalpha() and len(t) >= 4 and t not in STOP),
                  key=lambda tn: -tn[1])


def _misspell(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def words(db: Database, rng: random.Random, count: int) -> dict[str, list[str]]:
    vocab = _vocabulary(db)
    used = {t for t, _ in vocab}
    common = [t for t, _ in vocab[30:400]]
    # rare words: real words in a handful of rows (the misspellings papers carry are rare too, but not asked for)
    rare = [t for t, n in vocab if 2 <= n <= 5 and len(t) >= 6 and is_word(t)]
    middle = [t for t, _ in vocab[100:3000] if len(t) >= 6]
    typos: list[str] = []
    for _ in range(count * 20):
        if len(typos) >= count:
            break
        wrong = _misspell(rng, rng.choice(middle))
        if wrong not in used and not is_word(wrong) and wrong not in typos:
            typos.append(wrong)
    acronyms = sorted({row[0] for row in db.execute("SELECT DISTINCT acronym FROM glossary")} | {"SEND", "EHCP", "CAMHS", "LAC", "NEET", "ASB"})
    titles = [row[0] for row in db.execute("SELECT title FROM items WHERE length(title) > 12 ORDER BY random() LIMIT ?",
                                            [count * 4])]
    phrases: list[str] = []
    for title in titles:
        pieces = re.findall(r"[A-Za-z]+", title)
        if len(pieces) >= 2:
            n = rng.choice([2, 2, 3])
            start = rng.randrange(0, max(1, len(pieces) - n + 1))
            chunk = pieces[start:start + n]
            if chunk[0].lower() not in STOP | {"of", "to", "in", "on", "a"} and chunk[-1].lower() not in STOP | {"of", "to", "in", "on", "a"}:
                phrases.append(" ".join(chunk).lower())
    return {"common": common, "rare": rare or common, "acronym": acronyms, "typo": typos or common,
            "phrase": phrases or common, "absent": ABSENT}


def _pick(rng: random.Random, pool: list[str], count: int) -> list[str]:
    return [pool[i % len(pool)] for i in rng.sample(range(max(count, len(pool))), count)] if pool else []


# --- floors ---------------------------------------------------------------------------------------

def _fts_floor(text: str, known_by: str | None, national: bool, scope_ids: list[int]) -> Callable[[Database], object]:
    """The one FTS5 statement behind find/history for these words (as typed, or as corrected)."""
    def run(db: Database):
        return plan(db)(db)

    cached: dict[str, Callable] = {}

    def plan(db: Database) -> Callable[[Database], object]:
        if "f" not in cached:
            from store import search
            query = build_query(db, text)
            if not query.can_match:
                query = correct_typos(db, query) or query
            groups = query.term_groups
            floor = getattr(search, "floor_statement", None)
            if floor is not None:  # the store's own search index: its single statement
                sql, params = floor(groups, known_by=known_by, committees=None if national else scope_ids)
            else:  # the index of items alone, ranked, as the floor
                sql, params = ("SELECT rowid, rank FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT 10",
                               [search.match_expression(groups)])
            cached["f"] = lambda d: d.execute(sql, params).fetchall()
        return cached["f"]
    return run


def _panel_floor(db: Database) -> object:
    return db.execute("SELECT id, council, name, slug FROM committees").fetchall()


def _next_floor(panel_id: int, today: str, known_by: str | None) -> Callable[[Database], object]:
    known = "AND d.known_from <= :known" if known_by else ""
    sql = f"""
        WITH nm AS (SELECT id, date FROM meetings WHERE committee_id = :c AND date >= :today
                    AND status NOT IN ('cancelled', 'rearranged') ORDER BY date LIMIT 1)
        SELECT 'meeting', nm.id, nm.date, NULL FROM nm
        UNION ALL SELECT 'item', i.id, i.title, i.pages FROM items i
            WHERE i.document_id = (SELECT d.id FROM documents d WHERE d.meeting_id = (SELECT id FROM nm)
                                   AND d.kind IN ('agenda', 'agenda_and_minutes') {known} ORDER BY d.id DESC LIMIT 1)
        UNION ALL SELECT 'programme', p.id, p.issue, NULL FROM programme p
            WHERE p.committee_id = :c AND p.superseded = 0
              AND p.meeting_date IN ((SELECT date FROM nm), substr((SELECT date FROM nm), 1, 7))
        UNION ALL SELECT * FROM (SELECT 'action', a.id, a.text, count(*) OVER () FROM actions a
            JOIN action_status s ON s.action_key = a.action_key JOIN meetings m ON m.id = a.meeting_id
            WHERE m.committee_id = :c AND s.status = 'open' AND m.date < (SELECT date FROM nm)
            ORDER BY m.date LIMIT 8)"""
    params = {"c": panel_id, "today": today, "known": known_by}
    return lambda db: db.execute(sql, params).fetchall()


def _next_all_floor(panel_ids: list[int], today: str) -> Callable[[Database], object]:
    marks = ",".join("?" * len(panel_ids))
    sql = (f"SELECT committee_id, min(date) FROM meetings WHERE committee_id IN ({marks}) AND date >= ? "
           f"AND status NOT IN ('cancelled', 'rearranged') GROUP BY committee_id")
    return lambda db: db.execute(sql, [*panel_ids, today]).fetchall()


def _actions_floor(panel_ids: list[int] | None, status: str, today: str, page: int = 1) -> Callable[[Database], object]:
    """The page of actions shown, by the fastest single statement the store allows: its index of
    each action's own panel, status, meeting day and due date (store/schema.py, 018), with the
    total that the answer gives beside it."""
    where = ["a.is_primary = 1"]
    params: list = []
    if panel_ids is not None:
        where.append(f"a.committee_id IN ({','.join('?' * len(panel_ids))})")
        params += panel_ids
    if status in ("open", "done", "overdue"):
        where.append("a.status = ?")
        params.append("done" if status == "done" else "open")
    if status == "overdue":
        where.append("a.due_on < ?")
        params.append(today)
    where.append("a.meeting_date < ?")
    params.append(today)
    sql = (f"SELECT a.id, a.text, a.meeting_date, count(*) OVER () FROM actions a WHERE {' AND '.join(where)} "
           f"ORDER BY a.meeting_date, a.committee_id, a.position LIMIT 10 OFFSET ?")
    params.append((page - 1) * 10)
    return lambda db: db.execute(sql, params).fetchall()


def _panels_floor(councils: list[str] | None) -> Callable[[Database], object]:
    where = f"WHERE c.council IN ({','.join('?' * len(councils))})" if councils else ""
    sql = (f"SELECT c.id, c.name, c.council, (SELECT count(*) FROM meetings m WHERE m.committee_id = c.id) "
           f"FROM committees c {where} ORDER BY c.name LIMIT 20")
    return lambda db: db.execute(sql, councils or []).fetchall()


def _recommendations_floor(panel_ids: list[int] | None) -> Callable[[Database], object]:
    where = f"WHERE committee_id IN ({','.join('?' * len(panel_ids))})" if panel_ids is not None else ""
    sql = f"SELECT id, text, due, count(*) OVER () FROM recommendations {where} ORDER BY due LIMIT 8"
    return lambda db: db.execute(sql, panel_ids or []).fetchall()


# --- the workload -----------------------------------------------------------------------------------

def workload(db: Database, today: date, followed: list[str], count: int, seed: int = 16) -> list[Kind]:
    rng = random.Random(seed)
    known_by = queries.as_of(db, today)
    day = today.isoformat()
    index = panel_index(db)
    mine = [p for p in index.panels if p.council in followed] or index.panels
    mine_ids = [p.id for p in mine]
    vocab = words(db, rng, count)
    national_word = "everywhere"

    def panel_names(panels, n) -> list[str]:
        names = []
        for p in (rng.choice(panels) for _ in range(n)):
            form = rng.random()
            if form < 0.4:
                names.append(index.short_name(p))
            elif form < 0.6:
                names.append(f"{p.council} {p.name}")
            elif form < 0.8:
                topic = [w for w in re.findall(r"[A-Za-z]+", p.name) if w.lower() not in {"and", "of", "the", "scrutiny", "overview", "committee", "panel", "board", "select"}]
                names.append(f"{p.council.split()[0]} {rng.choice(topic) if topic else p.name}")
            else:
                name = index.short_name(p) if len(index.short_name(p)) > 6 else p.name
                pieces = name.split()
                at = max(range(len(pieces)), key=lambda i: len(pieces[i]))
                if len(pieces[at]) >= 6:
                    pieces[at] = _misspell(rng, pieces[at])
                names.append(" ".join(pieces))
        return names

    def resolved(typed: str):
        match = find_panel(db, typed, typos=True)
        return match.panel

    kinds: list[Kind] = []

    def panel_kind(label: str, family: str, texts: list[str], floor_for) -> None:
        kind = Kind(label, family)
        for text in texts:
            typed = text.split(" ", 1)[1] if " " in text else ""
            typed = re.sub(r"\b(?:open|done|all|overdue|page \d+)\b", "", typed).strip()
            panel = resolved(typed) if typed else None
            kind.cases.append(Case(text, floor_for(panel) if panel else _panel_floor))
        kinds.append(kind)

    named = panel_names(mine, count // 2) + panel_names(index.panels, count - count // 2)
    panel_kind("next <panel>", "next", [f"next {n}" for n in named],
               lambda p: _next_floor(p.id, day, known_by))
    panel_kind("next <ambiguous or misspelt>", "next",
               [f"next {rng.choice(AMBIGUOUS)}" for _ in range(count // 2)]
               + [f"next {n}" for n in panel_names(index.panels, count)[:count - count // 2]],
               lambda p: _next_floor(p.id, day, known_by))
    kinds.append(Kind("next (every followed panel)", "next", [Case("next", _next_all_floor(mine_ids, day))] * count))
    statuses = ["", "open", "overdue", "done", "all"]
    kinds.append(Kind("actions (followed councils)", "actions",
                      [Case(f"actions {s}".strip(), _actions_floor(mine_ids, s or "open", day)) for s in
                       (rng.choice(statuses) for _ in range(count))]))
    kinds.append(Kind("actions overdue", "actions", [Case("actions overdue", _actions_floor(mine_ids, "overdue", day))] * count))
    panel_kind("actions <panel> [status]", "actions",
               [f"actions {n} {rng.choice(statuses)}".strip() for n in panel_names(mine, count)],
               lambda p: _actions_floor([p.id], "open", day))
    kinds.append(Kind("actions everywhere", "actions",
                      [Case(f"actions {s} {national_word}".replace("  ", " ").strip(), _actions_floor(None, s or "open", day))
                       for s in (rng.choice(statuses) for _ in range(count))]))

    for family in ("find", "history"):
        for word_kind in ("common", "rare", "acronym", "typo", "phrase"):
            texts = _pick(rng, vocab[word_kind], count)
            kinds.append(Kind(f"{family} ({word_kind})", family,
                              [Case(f"{family} {w}", _fts_floor(w, known_by, False, mine_ids)) for w in texts]))
        texts = [f"{a} {b}" for a, b in zip(_pick(rng, vocab["common"], count), _pick(rng, vocab["rare"], count))]
        if family == "find":
            kinds.append(Kind("find (two words)", family, [Case(f"find {w}", _fts_floor(w, known_by, False, mine_ids)) for w in texts]))
            kinds.append(Kind("find (absent)", family, [Case(f"find {w}", _fts_floor(w, known_by, False, mine_ids))
                                                          for w in _pick(rng, vocab["absent"], count)]))
        for word_kind in ("common", "rare", "typo"):
            texts = _pick(rng, vocab[word_kind], count)
            kinds.append(Kind(f"{family} ({word_kind}) everywhere", family,
                              [Case(f"{family} {w} {national_word}", _fts_floor(w, known_by, True, mine_ids)) for w in texts]))
    kinds.append(Kind("panels", "panels", [Case("panels", _panels_floor(followed))] * count))
    kinds.append(Kind("panels everywhere", "panels", [Case(f"panels {national_word}", _panels_floor(None))] * count))
    recs = ["", "all", "overdue", "awaiting"]
    kinds.append(Kind("recommendations", "recommendations",
                      [Case(f"recommendations {s}".strip(), _recommendations_floor(mine_ids)) for s in
                       (rng.choice(recs) for _ in range(count))]))
    return kinds
