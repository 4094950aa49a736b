"""Full-text search over items, actions and programme rows (SQLite FTS5).

Callers pass groups of alternatives ([["ehcp", "education health and care plan"],
["delays"]]); every group must match, any alternative in it will do. Terms
are always quoted, so nothing a person types is read as FTS5 syntax.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

_cache: dict[tuple[str, str], tuple[tuple, object]] = {}


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


def _quote(term: str) -> str:
    words = term.replace('"', " ").split()
    if not words:
        return ""
    phrase = " ".join(words)
    # a prefix on the last word finds plurals: "plan" -> "plans"
    return f'"{phrase}"*' if len(words[-1]) >= 3 else f'"{phrase}"'


def match_expression(groups: list[list[str]]) -> str:
    parts = []
    for group in groups:
        alternatives = [q for q in (_quote(t) for t in group) if q]
        if alternatives:
            parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    return " AND ".join(parts)


# The inner query ranks and cuts in the FTS index alone; joins and snippets are
# paid only for the rows kept.
_SQL = {
    "item": """
        SELECT 'item', i.id, c.id, c.name, m.date, i.title, hit.snip, hit.rank, d.kind, m.date, i.number
        FROM (SELECT rowid, rank, snippet(items_fts, -1, '*', '*', '…', 16) AS snip
              FROM items_fts WHERE items_fts MATCH :q ORDER BY rank LIMIT :limit) hit
        JOIN items i ON i.id = hit.rowid JOIN meetings m ON m.id = i.meeting_id
        JOIN committees c ON c.id = m.committee_id JOIN documents d ON d.id = i.document_id
        ORDER BY hit.rank""",
    "action": """
        SELECT 'action', a.id, c.id, c.name, m.date, COALESCE(a.item_title, 'Action'), hit.snip, hit.rank * 1.2,
               d.kind, m.date, a.item_number
        FROM (SELECT rowid, rank, snippet(actions_fts, 0, '*', '*', '…', 24) AS snip
              FROM actions_fts WHERE actions_fts MATCH :q ORDER BY rank LIMIT :limit * 2) hit
        JOIN actions a ON a.id = hit.rowid JOIN meetings m ON m.id = a.meeting_id
        JOIN committees c ON c.id = m.committee_id JOIN documents d ON d.id = a.document_id
        WHERE a.id = (SELECT MIN(a2.id) FROM actions a2 WHERE a2.action_key = a.action_key)
        ORDER BY hit.rank LIMIT :limit""",
    "programme": """
        SELECT 'programme', p.id, c.id, c.name, p.meeting_date, p.issue, hit.snip, hit.rank, d.kind, p.paper_date, NULL
        FROM (SELECT rowid, rank, snippet(programme_fts, -1, '*', '*', '…', 16) AS snip
              FROM programme_fts WHERE programme_fts MATCH :q ORDER BY rank LIMIT :limit * 4) hit
        JOIN programme p ON p.id = hit.rowid JOIN committees c ON c.id = p.committee_id
        JOIN documents d ON d.id = p.document_id
        WHERE p.superseded = 0
        ORDER BY hit.rank LIMIT :limit""",
}


def search(db: Database, groups: list[list[str]], limit: int = 20,
           kinds: tuple[str, ...] = ("item", "action", "programme")) -> list[Hit]:
    expression = match_expression(groups)
    if not expression:
        return []
    hits: list[Hit] = []
    for kind in kinds:
        rows = db.execute(_SQL[kind], {"q": expression, "limit": limit}).fetchall()
        hits.extend(Hit(*row) for row in rows)
    hits.sort(key=lambda h: h.rank)
    return hits[:limit]


def _data_key(db: Database) -> tuple:
    return tuple(db.execute("SELECT count(*), COALESCE(max(id), 0), COALESCE(max(ingested_at), '') FROM documents").fetchone())


def _db_file(db: Database) -> str:
    return db.execute("PRAGMA database_list").fetchone()[2] or ":memory:"


def _cached(db: Database, name: str, build):
    """Computed once per version of the store's contents, per process."""
    slot = (_db_file(db), name)
    key = _data_key(db)
    hit = _cache.get(slot)
    if hit and hit[0] == key:
        return hit[1]
    value = build()
    _cache[slot] = (key, value)
    return value


def vocabulary(db: Database) -> dict[str, int]:
    """Every word the papers use (3+ letters) with how many rows use it."""
    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        for table in ("items_fts_vocab", "actions_fts_vocab", "programme_fts_vocab"):
            for term, docs in db.execute(f"SELECT term, doc FROM {table} WHERE length(term) >= 3 AND term NOT GLOB '*[0-9]*'"):
                counts[term] = counts.get(term, 0) + docs
        return counts
    return _cached(db, "vocabulary", build)


def learned_glossary(db: Database) -> dict[str, str]:
    """ACRONYM -> long form, as the papers themselves define them (the most used definition)."""
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        # a meeting's papers vote once, however many of them (agenda, minutes, the site's own record) define it
        for acronym, expansion, _n in db.execute(
                "SELECT g.acronym, g.expansion, count(DISTINCT d.meeting_id) n FROM glossary g"
                " JOIN documents d ON d.id = g.document_id GROUP BY g.acronym, g.expansion ORDER BY n, g.expansion"):
            out[acronym] = expansion
        return out
    return _cached(db, "glossary", build)
