"""Full-text search over items, actions, programme rows and whole papers
(one SQLite FTS5 index: store/schema.py), and what search needs to know of
the papers' words.

Callers pass groups of alternatives ([[EHCP as an acronym, "education health
and care plan"], ["delays", "delayed"]]); every group must match, any
alternative in it will do. Terms are always quoted, so nothing a person types
is read as FTS5 syntax. Terms are whole tokens: "LAC" never matches "lack".

A search is one statement: the index hands over the newest matching rows
(at most WINDOW of them, newest meeting first: the rowid order) with their
bm25 ranks, computed for those rows only; they are ranked here and the best
are looked up in their tables. Where fewer rows match, which is every search
of a council's papers bar its commonest words, that is every match ranked. A
search scoped to some panels (the councils a workspace follows) is one more
term of the same statement. Snippets are cut from the rows shown.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sqlite_utils import Database

from corpus.words import family, snippet

from .queries import CURRENT_AS_OF
from .schema import KIND_CODES

WINDOW = 1000  # matching rows ranked, newest first
# in a store holding papers after "today" (SCRUTINY_TODAY), rows of meetings up to this
# long after it are looked at: an agenda is known before its meeting, if not long before
KNOWN_AHEAD = timedelta(days=120)
_KIND_OF_CODE = {code: kind for kind, code in KIND_CODES.items()}
_ID_BITS = (1 << 29) - 1
# what each kind's rank is weighed by: the business every agenda carries counts for less,
# and a whole paper (searched only when the rows fall short) for less again
_WEIGHT = {"item": 1.0, "standing": 0.3, "action": 1.0, "programme": 1.0, "paper": 0.5}


@dataclass(frozen=True)
class Term:
    text: str  # index tokens, space separated: a word or a phrase
    acronym: bool = False  # only where the paper writes it as an acronym


@dataclass
class Hit:
    kind: str  # item | action | programme | paper
    row_id: int
    committee_id: int
    committee: str
    date: str | None  # the meeting the hit belongs to (programme: the meeting it is planned for)
    title: str
    snippet: str
    rank: float
    paper_kind: str
    paper_date: str
    item_number: str | None = None


def _quote(term: Term, highlight: bool = False) -> str:
    words = term.text.replace('"', " ").split()
    if not words:
        return ""
    quoted = '"' + " ".join(words) + '"'
    return f"acronyms : {quoted}" if term.acronym and not highlight else quoted


def near_expression(groups: list[list[Term]], distance: int = 12, most: int = 24) -> str:
    """Every group within a few words of the others, for long texts where
    words pages apart say nothing together ("council" … "tax"). FTS5's NEAR
    takes phrases, not alternatives, so this tries the combinations of the
    first alternatives of each group (acronyms as words of the text)."""
    if len(groups) < 2:
        return match_expression(groups, highlight=True)
    options = [[_quote(t, highlight=True) for t in group][:4] for group in groups]
    combos: list[list[str]] = [[]]
    for alternatives in options:
        combos = [c + [a] for c in combos for a in alternatives if a][:most]
    return " OR ".join(f"NEAR({' '.join(c)}, {distance})" for c in combos)


def match_expression(groups: list[list[Term]], highlight: bool = False) -> str:
    """The FTS5 expression; with highlight, acronyms match in the text too, so
    that a snippet marks where the paper writes them."""
    parts = []
    for group in groups:
        alternatives = [q for q in (_quote(t, highlight) for t in group) if q]
        if alternatives:
            parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    return " AND ".join(parts)


KINDS = ("item", "action", "programme", "paper")


ROW_KINDS = ("item", "action", "programme")  # in search_fts; whole papers are in papers_fts
TEXT_COLUMNS = "title body acronyms"


def full_expression(groups: list[list[Term]], kinds: tuple[str, ...] = ROW_KINDS,
                    committees: list[int] | None = None, papers: bool = False) -> str:
    """The whole search as one FTS5 expression: the words, of these kinds, in these panels.
    Whole papers (papers=True): the words near each other, since a paper is long."""
    words = (near_expression(groups) if len(groups) > 1 else match_expression(groups)) if papers else match_expression(groups)
    if not words:
        return ""
    expression = f"{{{TEXT_COLUMNS}}} : ({words})"  # never a row's panel or kind: those say what it is, not what it says
    wanted = [k for k in kinds if k in ROW_KINDS]
    if not papers and len(wanted) < len(ROW_KINDS):
        expression = f"({expression}) AND kind : ({' OR '.join(wanted)})"
    if committees is not None:
        expression = f"({expression}) AND panel : ({' OR '.join(f'p{c}' for c in committees) or 'p0'})"
    return expression


def _day_number(day: str) -> int:
    return (date.fromisoformat(day[:10]) - date(1970, 1, 1)).days


def floor_statement(groups: list[list[Term]], kinds: tuple[str, ...] = ROW_KINDS, known_by: str | None = None,
                    committees: list[int] | None = None, papers: bool = False) -> tuple[str, list]:
    """The one statement a search runs (papers=True: its fallback to whole papers): (SQL, parameters)."""
    index = "papers_fts" if papers else "search_fts"
    sql = f"SELECT rowid, rank FROM {index} WHERE {index} MATCH ?"
    params: list = [full_expression(groups, kinds, committees, papers)]
    if known_by:
        sql += " AND rowid < ?"
        params.append((_day_number(known_by) + KNOWN_AHEAD.days + 1) << 32)
    return sql + " ORDER BY rowid DESC LIMIT ?", [*params, WINDOW]


def candidates(db: Database, groups: list[list[Term]], kinds: tuple[str, ...] = ROW_KINDS, known_by: str | None = None,
               committees: list[int] | None = None, papers: bool = False) -> tuple[list[tuple[float, str, int]], bool]:
    """(weighted rank, kind, row id) of the matching rows, best first; and whether
    the window was full (more rows match than were ranked)."""
    if not match_expression(groups) or (not papers and not any(k in ROW_KINDS for k in kinds)):
        return [], False
    sql, params = floor_statement(groups, kinds, known_by, committees, papers)
    rows = db.execute(sql, params).fetchall()
    ranked = []
    for rowid, rank in rows:
        kind = _KIND_OF_CODE[(rowid >> 29) & 7]
        ranked.append((rank * _WEIGHT[kind], "item" if kind == "standing" else kind, rowid & _ID_BITS))
    ranked.sort()
    return ranked, len(rows) >= WINDOW


# The rows of each kind as hits; `known` (with known_by) leaves out papers not yet
# known that day, and programme rows a later programme known by then re-planned.
_HIT_SQL = {
    "item": """
        SELECT i.id, c.id, c.name, m.date, i.title, d.kind, m.date, i.number FROM items i
        JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id
        JOIN documents d ON d.id = i.document_id WHERE i.id IN ({ids}) {known}""",
    "action": """
        SELECT a.id, c.id, c.name, m.date, COALESCE(a.item_title, 'Action'), d.kind, m.date, a.item_number FROM actions a
        JOIN meetings m ON m.id = a.meeting_id JOIN committees c ON c.id = m.committee_id
        JOIN documents d ON d.id = a.document_id WHERE a.id IN ({ids}) {known}
          AND a.id = (SELECT MIN(a2.id) FROM actions a2 WHERE a2.action_key = a.action_key)""",
    "programme": """
        SELECT p.id, c.id, c.name, p.meeting_date, p.issue, d.kind, p.paper_date, NULL FROM programme p
        JOIN committees c ON c.id = p.committee_id JOIN documents d ON d.id = p.document_id
        WHERE p.id IN ({ids}) {current}""",
    "paper": """
        SELECT d.id, c.id, c.name, m.date, '', d.kind, m.date, NULL FROM documents d
        JOIN meetings m ON m.id = d.meeting_id JOIN committees c ON c.id = m.committee_id
        WHERE d.id IN ({ids}) {known}""",
}
_TEXT_SQL = {
    "item": "SELECT id, COALESCE(NULLIF(body, ''), title) FROM items WHERE id IN ({ids})",
    "action": "SELECT id, text FROM actions WHERE id IN ({ids})",
    "programme": "SELECT id, COALESCE(NULLIF(notes, ''), issue) FROM programme WHERE id IN ({ids})",
    "paper": "SELECT id, text FROM documents WHERE id IN ({ids})",
}


def _hits(db: Database, wanted: list[tuple[float, str, int]], known_by: str | None,
          first: int = 100) -> Iterator[tuple[int, Hit]]:
    """The candidates as hits, in rank order, each with its place among the candidates,
    leaving out those not known by known_by. Looked up `first` at a time at first (about
    what a page shows: most searches need no more), then 100 at a time."""
    start = 0
    while start < len(wanted):
        size = first if start == 0 else 100
        batch = wanted[start:start + size]
        found: dict[tuple[str, int], tuple] = {}
        for kind in {k for _, k, _ in batch}:
            ids = [row_id for _, k, row_id in batch if k == kind]
            sql = _HIT_SQL[kind].format(ids=",".join(f":i{n}" for n in range(len(ids))),
                                        known="AND d.known_from <= :known_by" if known_by else "",
                                        current=("AND " + CURRENT_AS_OF) if known_by else "AND p.superseded = 0")
            params = {f"i{n}": row_id for n, row_id in enumerate(ids)}
            for row in db.execute(sql, {**params, "known_by": known_by}):
                found[(kind, row[0])] = row
        for place, (rank, kind, row_id) in enumerate(batch, start):
            row = found.get((kind, row_id))
            if row:
                yield place, Hit(kind, row[0], row[1], row[2], row[3], row[4], "", rank, row[5], row[6], row[7])
        start += size


def _take(hits: Iterable[tuple[int, Hit]], limit: int, quota: dict[str, int],
          wanted: list[tuple[float, str, int]] | None = None) -> list[Hit]:
    """Hits in order until `limit` of them (and up to quota[kind] of the kinds with a quota of their own).
    wanted (the candidates): a kind with a quota stops being waited for after its last candidate,
    so a search with few rows of that kind does not look up every other candidate for them."""
    last = {kind: place for place, (_, kind, _) in enumerate(wanted or [])}
    last[""] = max((place for place, (_, kind, _) in enumerate(wanted or []) if kind not in quota), default=-1)
    taken: list[Hit] = []
    counts: dict[str, int] = {}
    for place, hit in hits:
        bucket = hit.kind if hit.kind in quota else ""
        if counts.get(bucket, 0) < quota.get(bucket, limit):
            counts[bucket] = counts.get(bucket, 0) + 1
            taken.append(hit)
        if all(counts.get(k, 0) >= n or (wanted is not None and last.get(k, -1) <= place)
               for k, n in [("", limit), *quota.items()]):
            break
    return taken


def search(db: Database, groups: list[list[Term]], limit: int = 20,
           kinds: tuple[str, ...] = KINDS, known_by: str | None = None,
           snippets: int | None = None, committees: list[int] | None = None,
           quota: dict[str, int] | None = None) -> list[Hit]:
    """The best `limit` hits; known_by (YYYY-MM-DD) leaves out papers not yet
    known that day; committees (panel ids) keeps to those panels; quota caps
    some kinds apart from the rest ({"programme": 20}: at most 20 programme rows,
    besides `limit` others); snippets for the first `snippets` hits (all by default)."""
    quota = quota or {}
    ranked, _full = candidates(db, groups, kinds, known_by, committees)
    hits = _take(_hits(db, ranked, known_by, first=min(100, 2 * (limit + sum(quota.values())))), limit, quota, ranked)
    if "paper" in kinds and sum(1 for h in hits if h.kind not in quota) < limit:
        # whole papers are the fallback: asked only when the rest fall short of a page
        papers, _ = candidates(db, groups, kinds, known_by, committees, papers=True)
        more = _take(_hits(db, papers, known_by, first=min(100, 2 * limit)), limit, {})
        hits = _take(enumerate(sorted(hits + more, key=lambda h: h.rank)), limit, quota)
    shown = hits if snippets is None else hits[:snippets]
    return _with_snippets(db, shown, groups) + hits[len(shown):]


def _with_snippets(db: Database, hits: list[Hit], groups: list[list[Term]]) -> list[Hit]:
    phrases = [t.text.split() for group in groups for t in group]
    texts: dict[tuple[str, int], str] = {}
    for kind in {h.kind for h in hits}:
        ids = [h.row_id for h in hits if h.kind == kind]
        for row_id, text in db.execute(_TEXT_SQL[kind].format(ids=",".join("?" * len(ids))), ids):
            texts[(kind, row_id)] = text or ""
    width = {"action": 24, "paper": 20}
    return [replace(h, snippet=snippet(texts.get((h.kind, h.row_id), ""), phrases, width.get(h.kind, 16))) for h in hits]


# --- the papers' words --------------------------------------------------------------------------

def has_term(db: Database, word: str) -> bool:
    return db.execute("SELECT 1 FROM terms WHERE term = ?", [word]).fetchone() is not None


def word_forms(db: Database, word: str) -> list[str]:
    """The forms of a word the papers use: "exploited" -> exploitation, exploit…"""
    return [row[0] for row in db.execute("SELECT term FROM terms WHERE family = ? ORDER BY term LIMIT 40",
                                         [family(word)])]


def rows_using(db: Database, term: str) -> int:
    """How many rows use a word (the index's own count)."""
    return sum(db.execute(f"SELECT COALESCE(sum(doc), 0) FROM {index}_vocab WHERE term = ?", [term]).fetchone()[0]
               for index in ("search_fts", "papers_fts"))


def near_terms(db: Database, word: str, max_distance: int) -> list[tuple[str, int]]:
    """Words the papers use within max_distance edits of `word` (a swap of two
    letters is one), starting with the same letter: (word, distance), nearest first."""
    first = word[0]
    candidates = [row[0] for row in db.execute(
        "SELECT term FROM terms WHERE term >= ? AND term < ?", [first, chr(ord(first) + 1)])
        if abs(len(row[0]) - len(word)) <= max_distance]
    found = process.extract(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=max_distance,
                            limit=None)
    return sorted(((term, int(distance)) for term, distance, _ in found if term != word), key=lambda t: t[1])


def acronym_used(db: Database, key: str) -> bool:
    """Whether any paper writes this acronym as an acronym."""
    expression = match_expression([[Term(key, acronym=True)]])
    return any(db.execute(f"SELECT 1 FROM {index} WHERE {index} MATCH ? LIMIT 1", [expression]).fetchone()
               for index in ("search_fts", "papers_fts"))


def learned_forms(db: Database, key: str) -> list[str]:
    """Long forms the papers give an acronym key, the most used first."""
    # a meeting's papers vote once, however many of them (agenda, minutes, the site's own record) define it
    return [row[0] for row in db.execute(
        "SELECT g.phrase, count(DISTINCT d.meeting_id) n FROM glossary g JOIN documents d ON d.id = g.document_id"
        " WHERE g.key = ? AND g.phrase != '' GROUP BY g.phrase ORDER BY n DESC, g.phrase LIMIT 4", [key])]


def learned_keys(db: Database, long_form: str) -> list[str]:
    """Acronym keys the papers give this long form (as index tokens)."""
    return [row[0] for row in db.execute("SELECT DISTINCT key FROM glossary WHERE phrase = ?", [long_form])]


def learned_acronyms(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT key FROM glossary")]
