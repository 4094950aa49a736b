"""Full-text search over items, actions and programme rows (SQLite FTS5), and
what search needs to know of the papers' words.

Callers pass groups of alternatives ([[EHCP as an acronym, "education health
and care plan"], ["delays", "delayed"]]); every group must match, any
alternative in it will do. Terms are always quoted, so nothing a person types
is read as FTS5 syntax. Terms are whole tokens: "LAC" never matches "lack".

Each statement ranks in the FTS index and stops at the rows shown: FTS5 hands
rows over in rank order, and the joins and filters run only until `limit` rows
pass; snippets are cut only for the hits shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from sqlite_utils import Database

from corpus.words import family

from .queries import CURRENT_AS_OF


@dataclass(frozen=True)
class Term:
    text: str  # index tokens, space separated: a word or a phrase
    acronym: bool = False  # only where the paper writes it as an acronym


@dataclass
class Hit:
    kind: str  # item | action | programme
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


# `known` is "" or a filter on the paper (d) being known by :known_by; programme
# rows are current unless a later programme table known by then re-planned them.
_SQL = {
    "item": """
        SELECT 'item', i.id, c.id, c.name, m.date, i.title, '', items_fts.rank, d.kind, m.date, i.number
        FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN meetings m ON m.id = i.meeting_id
        JOIN committees c ON c.id = m.committee_id JOIN documents d ON d.id = i.document_id
        WHERE items_fts MATCH :q {known}
        ORDER BY items_fts.rank LIMIT :limit""",
    "action": """
        SELECT 'action', a.id, c.id, c.name, m.date, COALESCE(a.item_title, 'Action'), '', actions_fts.rank * 1.2,
               d.kind, m.date, a.item_number
        FROM actions_fts JOIN actions a ON a.id = actions_fts.rowid JOIN meetings m ON m.id = a.meeting_id
        JOIN committees c ON c.id = m.committee_id JOIN documents d ON d.id = a.document_id
        WHERE actions_fts MATCH :q {known}
          AND a.id = (SELECT MIN(a2.id) FROM actions a2 WHERE a2.action_key = a.action_key)
        ORDER BY actions_fts.rank LIMIT :limit""",
    "programme": """
        SELECT 'programme', p.id, c.id, c.name, p.meeting_date, p.issue, '', programme_fts.rank, d.kind, p.paper_date, NULL
        FROM programme_fts JOIN programme p ON p.id = programme_fts.rowid JOIN committees c ON c.id = p.committee_id
        JOIN documents d ON d.id = p.document_id
        WHERE programme_fts MATCH :q {current}
        ORDER BY programme_fts.rank LIMIT :limit""",
    # the text of a paper whose items do not hold it: an agenda's reports
    "paper": """
        SELECT 'paper', d.id, c.id, c.name, m.date, '', '', papers_fts.rank * 0.5, d.kind, m.date, NULL
        FROM papers_fts JOIN documents d ON d.id = papers_fts.rowid JOIN meetings m ON m.id = d.meeting_id
        JOIN committees c ON c.id = m.committee_id
        WHERE papers_fts MATCH :q {known}
        ORDER BY papers_fts.rank LIMIT :limit""",
}
_KNOWN = "AND d.known_from <= :known_by"
_CURRENT = "AND p.superseded = 0"
_CURRENT_AS_OF = "AND " + CURRENT_AS_OF

_SNIPPET = {
    "item": "SELECT rowid, snippet(items_fts, 1, '*', '*', '…', 16), '' FROM items_fts",
    "action": "SELECT rowid, snippet(actions_fts, 0, '*', '*', '…', 24), '' FROM actions_fts",
    "programme": "SELECT rowid, snippet(programme_fts, 1, '*', '*', '…', 16), snippet(programme_fts, 0, '*', '*', '…', 16)"
                 " FROM programme_fts",
    "paper": "SELECT rowid, snippet(papers_fts, 0, '*', '*', '…', 20), '' FROM papers_fts",
}
# The business every agenda carries ("Apologies", "Exclusion of the press and
# public", "Date of next meeting") says little about a topic: it ranks below
# items about one. (bm25 ranks are negative: a smaller magnitude ranks lower.)
_STANDING = re.compile(r"^\W*(?:\d+\W*)?(?:apologies|declarations? of|disclosures? of|(?:confirmation of )?(?:the )?minutes"
                       r"|date (?:and time )?of (?:the )?next meeting|substitut|public (?:participation|questions)"
                       r"|chair(?:man)?'?s? announcements|welcome)"
                       r"|exclusion of the (?:press|public)|\burgent (?:items|business)\b|decides (?:are|is) urgent"
                       r"|\bother business\b|\bprivate business\b", re.IGNORECASE)
_STANDING_WEIGHT = 0.3
_TABLE = {"item": "items_fts", "action": "actions_fts", "programme": "programme_fts", "paper": "papers_fts"}
KINDS = ("item", "action", "programme", "paper")


def search(db: Database, groups: list[list[Term]], limit: int = 20,
           kinds: tuple[str, ...] = KINDS, known_by: str | None = None,
           snippets: int | None = None) -> list[Hit]:
    """The best `limit` hits; known_by (YYYY-MM-DD) leaves out papers not yet
    known that day; snippets for the first `snippets` hits (all by default)."""
    expression = match_expression(groups)
    if not expression:
        return []
    hits: list[Hit] = []
    for kind in kinds:
        if kind == "paper" and len(hits) >= limit and len(kinds) > 1:
            continue  # whole papers are the fallback: asked only when the rest fall short of a page
        sql = _SQL[kind].format(known=_KNOWN if known_by else "", current=_CURRENT_AS_OF if known_by else _CURRENT)
        q = near_expression(groups) if kind == "paper" else expression
        rows = db.execute(sql, {"q": q, "limit": limit, "known_by": known_by}).fetchall()
        hits.extend(Hit(*row) for row in rows)
    hits.sort(key=lambda h: h.rank * (_STANDING_WEIGHT if h.kind == "item" and _STANDING.search(h.title) else 1))
    hits = hits[:limit]
    shown = hits if snippets is None else hits[:snippets]
    return _with_snippets(db, shown, match_expression(groups, highlight=True)) + hits[len(shown):]


def _with_snippets(db: Database, hits: list[Hit], expression: str) -> list[Hit]:
    cut: dict[tuple[str, int], str] = {}
    for kind in {h.kind for h in hits}:
        ids = [h.row_id for h in hits if h.kind == kind]
        marks = ",".join("?" * len(ids))
        for rowid, text, title_text in db.execute(
                f"{_SNIPPET[kind]} WHERE {_TABLE[kind]} MATCH ? AND rowid IN ({marks})", [expression, *ids]):
            cut[(kind, rowid)] = text if text.strip() else title_text
    return [replace(h, snippet=cut.get((h.kind, h.row_id), "")) for h in hits]


# --- the papers' words --------------------------------------------------------------------------

def has_term(db: Database, word: str) -> bool:
    return db.execute("SELECT 1 FROM terms WHERE term = ?", [word]).fetchone() is not None


def word_forms(db: Database, word: str) -> list[str]:
    """The forms of a word the papers use: "exploited" -> exploitation, exploit…"""
    return [row[0] for row in db.execute("SELECT term FROM terms WHERE family = ? ORDER BY term LIMIT 40",
                                         [family(word)])]


def rows_using(db: Database, term: str) -> int:
    """How many rows use a word (the index's own count)."""
    return sum(db.execute(f"SELECT COALESCE(sum(doc), 0) FROM {table}_fts_vocab WHERE term = ?", [term]).fetchone()[0]
               for table in ("items", "actions", "programme", "papers"))


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
    return any(db.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", [expression]).fetchone()
               for table in _TABLE.values())


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
