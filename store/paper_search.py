"""Many saved searches against one new paper (watches): which of them match it,
and where.

The paper's own rows are copied into an in-memory index, one per kind of row,
built as the store's search index holds them (same columns, same tokenizer), and each search runs there
as the expression store.search.match_expression makes of it, exactly as find
runs it over the store. The cost follows the paper's size, not the store's.

Most searches cannot match a given paper: before running one, its phrases are
checked against the paper's vocabulary (the words its index holds), which is a
necessary condition for an FTS5 match; only the searches that pass are run."""
from __future__ import annotations

import bisect
import re
import sqlite3
import threading
from dataclasses import dataclass

from sqlite_utils import Database

from .schema import SEARCH_COLUMNS, indexed_rows_sql
from .search import match_expression

__all__ = ["PaperIndex", "PaperMatch", "Prepared", "matches_in_paper", "prepare", "store_words", "tokens_of"]


@dataclass
class Prepared:
    """A search made ready to run against many papers: each reading's expression, and what each
    phrase needs of a paper's words, group by group: (words it must hold, a word it must hold
    one beginning with, for a prefix phrase), in FTS5's own tokens."""
    readings: list[tuple[str, list[list[tuple[frozenset[str], str | None]]] | None]]


def _needs(tokens: tuple[str, ...], prefix: bool) -> tuple[frozenset[str], str | None]:
    if prefix and tokens:
        return frozenset(tokens[:-1]), tokens[-1]
    return frozenset(tokens), None


def tokenizer(db: Database) -> str:
    create = db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()[0]
    found = _TOKENIZE_OPTION.search(create)
    return found.group(1).replace("''", "'") if found else "unicode61"


def prepare(db: Database, readings: list, tokenize: str | None = None) -> Prepared:
    """readings: lists of groups, as find builds them (any reading will do)."""
    tokenize = tokenize or tokenizer(db)
    out = []
    for groups in readings:
        expression = match_expression(groups)
        if not expression:
            continue
        parsed = _parse(expression)
        phrases = None if parsed is None else [[_needs(tokens_of(tokenize, phrase), prefix) for phrase, prefix in group]
                                               for group in parsed]
        out.append((expression, phrases))
    return Prepared(out)


@dataclass
class PaperMatch:
    kind: str  # item | action | programme
    row_id: int
    title: str
    snippet: str
    item_number: str | None = None


_PAPER_ROWS = {
    "item": ("items", "SELECT title, number FROM items WHERE id = ?"),
    "action": ("actions", "SELECT COALESCE(item_title, 'Action'), item_number FROM actions WHERE id = ?"),
    "programme": ("programme", "SELECT issue, NULL FROM programme WHERE id = ?"),
}
# where a snippet reads best: the text under an item's title (an action's own words, a programme row's notes)
_SNIPPET_FROM = ("body", "title")
MAX_ROWS = 5  # of each kind, for one search in one paper: a digest shows two or three
_TOKENIZE_OPTION = re.compile(r"tokenize\s*=\s*'((?:[^']|'')*)'", re.IGNORECASE)


class PaperIndex:
    """One paper's rows in an in-memory FTS5 index, and the words it holds."""

    def __init__(self, db: Database, document_id: int) -> None:
        self.document_id = document_id
        self.rows_held: dict[str, int] = {}  # term -> how many of the paper's rows hold it
        self.memory = sqlite3.connect(":memory:")
        self.kinds: dict[str, list[int]] = {}  # kind -> the columns to cut a snippet from, best first
        self.tokenize = tokenizer(db)
        self.terms: dict[str, set[str]] = {}  # kind -> the words its rows hold
        self.sorted_terms: dict[str, list[str]] = {}
        columns = list(SEARCH_COLUMNS)
        names = ", ".join(f"[{c}]" for c in columns)
        for kind, (table, _) in _PAPER_ROWS.items():
            # the paper's rows as the store's search index holds them (same columns, same tokenizer)
            rows = db.execute(indexed_rows_sql(table) + " WHERE r.document_id = ?", [document_id]).fetchall()
            if not rows:
                continue
            self.memory.execute(f"CREATE VIRTUAL TABLE [{kind}] USING fts5({names}, "
                                f"tokenize='{self.tokenize.replace(chr(39), chr(39) * 2)}')")
            # a search's words are matched against the text alone: the panel and kind columns stay empty here
            text_only = [(*row[:1 + columns.index("panel")], *[""] * (len(columns) - columns.index("panel"))) for row in rows]
            self.memory.executemany(f"INSERT INTO [{kind}] (rowid, {names}) VALUES ({', '.join('?' * (len(columns) + 1))})",
                                    text_only)
            self.memory.execute(f"CREATE VIRTUAL TABLE [{kind}_vocab] USING fts5vocab([{kind}], 'row')")
            self.terms[kind] = set()
            for term, held in self.memory.execute(f"SELECT term, doc FROM [{kind}_vocab]"):
                self.terms[kind].add(term)
                self.rows_held[term] = self.rows_held.get(term, 0) + held
            self.sorted_terms[kind] = sorted(self.terms[kind])
            self.kinds[kind] = [columns.index(c) for c in _SNIPPET_FROM]
        self.all_terms = set(self.rows_held)
        self.all_sorted = sorted(self.all_terms)

    def _holds(self, kind: str | None, whole: frozenset[str], begins: str | None) -> bool:
        """Whether the rows of a kind (None: of any kind) hold every word in `whole` and a word beginning `begins`."""
        terms = self.all_terms if kind is None else self.terms[kind]
        if not whole <= terms:
            return False
        if begins is None or begins in terms:
            return True
        words = self.all_sorted if kind is None else self.sorted_terms[kind]
        at = bisect.bisect_left(words, begins)
        return at < len(words) and words[at].startswith(begins)

    def may_match(self, phrases: list[list[tuple[frozenset[str], str | None]]] | None) -> list[str]:
        """The kinds of row that might match: a kind is left out only when some group has no
        alternative whose every token its rows hold (FTS5 could not match it there)."""
        if phrases is None:
            return list(self.kinds)  # not a shape this check knows: let FTS5 decide
        if not all(any(self._holds(None, whole, begins) for whole, begins in group) for group in phrases):
            return []  # most searches stop here: the paper as a whole lacks a word
        return [kind for kind in self.kinds
                if all(any(self._holds(kind, whole, begins) for whole, begins in group) for group in phrases)]

    def rows(self, expression: str, kinds: list[str]) -> dict[tuple[str, int], str]:
        """The best MAX_ROWS rows of each kind that match, with a snippet of each."""
        found: dict[tuple[str, int], str] = {}
        for kind in kinds:
            columns = self.kinds[kind]
            cuts = ", ".join(f"snippet([{kind}], {c}, '*', '*', '…', 16)" for c in columns)
            for rowid, *snips in self.memory.execute(
                    f"SELECT rowid, {cuts} FROM [{kind}] WHERE [{kind}] MATCH ? ORDER BY rank LIMIT {MAX_ROWS}", [expression]):
                # the first column where the words were found (marked), else the first with any text
                found.setdefault((kind, rowid), next((x for x in snips if x and "*" in x), next((x for x in snips if x), "")))
        return found

    def matches(self, db: Database, searches: dict[object, Prepared]) -> dict:
        """For each search, the paper's rows it matches (the best MAX_ROWS of each kind); searches that
        match nothing are left out."""
        found: dict = {}
        for key, prepared in searches.items():
            for expression, phrases in prepared.readings:
                kinds = self.may_match(phrases)
                if not kinds:
                    continue
                rows = self.rows(expression, kinds)
                if rows:
                    found[key] = rows
                    break
        out: dict = {}
        for key, rows in found.items():
            matches = []
            for (kind, rowid), snip in rows.items():
                title, number = db.execute(_PAPER_ROWS[kind][1], [rowid]).fetchone()
                matches.append(PaperMatch(kind, rowid, title, snip, number))
            out[key] = matches
        return out

    def close(self) -> None:
        self.memory.close()


def store_words(db: Database) -> set[str]:
    """Every word the store's item, action and programme indexes hold."""
    return {row[0] for row in db.execute("SELECT term FROM search_fts_vocab")}


def _parse(expression: str) -> list[list[tuple[str, bool]]] | None:
    """match_expression's shape, `("a b"* OR col : "c") AND ("d")`, as groups of (phrase, prefix); None if it is not that shape."""
    groups: list[list[tuple[str, bool]]] = []
    i, n = 0, len(expression)
    while i < n:
        if expression[i] == " ":
            i += 1
            continue
        if expression.startswith("AND ", i) and groups:
            i += 4
            continue
        if expression[i] != "(":
            return None
        i += 1
        group: list[tuple[str, bool]] = []
        while True:
            while i < n and expression[i] == " ":
                i += 1
            column = re.match(r"[\w]+ : ", expression[i:])
            if column:
                i += column.end()
            if i >= n or expression[i] != '"':
                return None
            end = expression.find('"', i + 1)
            if end < 0:
                return None
            phrase = expression[i + 1:end]
            i = end + 1
            prefix = i < n and expression[i] == "*"
            i += prefix
            group.append((phrase, prefix))
            while i < n and expression[i] == " ":
                i += 1
            if expression.startswith("OR ", i):
                i += 3
                continue
            if i < n and expression[i] == ")":
                i += 1
                break
            return None
        groups.append(group)
    return groups or None


_lock = threading.Lock()
_tokenizers: dict[str, sqlite3.Connection] = {}
_tokens: dict[tuple[str, str], tuple[str, ...]] = {}
MAX_CACHED = 50_000


def tokens_of(tokenize: str, text: str) -> tuple[str, ...]:
    """The tokens FTS5 itself makes of a text with this tokenizer (cached: searches repeat their words)."""
    key = (tokenize, text)
    with _lock:
        hit = _tokens.get(key)
        if hit is not None:
            return hit
        scratch = _tokenizers.get(tokenize)
        if scratch is None:
            scratch = sqlite3.connect(":memory:", check_same_thread=False)
            scratch.execute(f"CREATE VIRTUAL TABLE s USING fts5(x, tokenize='{tokenize.replace(chr(39), chr(39) * 2)}')")
            scratch.execute("CREATE VIRTUAL TABLE v USING fts5vocab(s, 'instance')")
            _tokenizers[tokenize] = scratch
        scratch.execute("INSERT INTO s (rowid, x) VALUES (1, ?)", [text])
        tokens = tuple(row[0] for row in scratch.execute("SELECT term FROM v ORDER BY offset"))
        scratch.execute("DELETE FROM s")
        if len(_tokens) >= MAX_CACHED:
            _tokens.clear()
        _tokens[key] = tokens
        return tokens


def matches_in_paper(db: Database, document_id: int, searches: dict) -> dict:
    """For each search (key -> its readings: lists of groups, as find builds them), the paper's rows it matches."""
    paper = PaperIndex(db, document_id)
    try:
        return paper.matches(db, {key: prepare(db, readings, paper.tokenize) for key, readings in searches.items()})
    finally:
        paper.close()
