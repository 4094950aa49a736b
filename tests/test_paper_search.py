"""Searches against one paper (watches) find exactly what find's own search
finds in that paper's rows, and the quick check before each search never
turns away a search that matches."""
from __future__ import annotations

from handlers.find import build_query
from handlers.watches import readings
from store.paper_search import PaperIndex, matches_in_paper, prepare
from store.search import full_expression

WORDS = ["EHCP", "education health and care plan", "safeguarding", "safeguard", "children's", "children",
         "child", "plan", "budget", "SEND", "special educational needs", "ofsted", "short breaks", "overnight",
         "work programme", "care leavers", "é", "COVID-19", "covid", "edge of care", "edge", "performance",
         "in-year", "minutes", "Worcestershire", "the", "zzzq", "LAC", "looked after children", "transport"]
TABLES = {"item": "items", "action": "actions", "programme": "programme"}


def store_rows(db, groups, document_id: int) -> set[tuple[str, int]]:
    """What find's expression matches in the store's own index, kept to this paper's rows."""
    found = set()
    for kind, table in TABLES.items():
        expression = full_expression(groups, (kind,))
        ids = {row[0] for row in db.execute(f"SELECT id FROM {table} WHERE document_id = ?", [document_id])}
        found |= {(kind, row[0] & ((1 << 29) - 1)) for row in db.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [expression])} & {(kind, i) for i in ids}
    return found


def test_the_same_rows_as_the_store_and_the_check_never_turns_a_match_away(demo_db):
    documents = [row[0] for row in demo_db.execute("SELECT id FROM documents")]
    checked = matched = 0
    for document_id in documents:
        paper = PaperIndex(demo_db, document_id)
        try:
            for words in WORDS:
                for groups in readings(demo_db, words):
                    expected = store_rows(demo_db, groups, document_id)
                    prepared = prepare(demo_db, [groups], paper.tokenize)
                    [(expression, phrases)] = prepared.readings
                    kinds = paper.may_match(phrases)
                    assert {kind for kind, _ in expected} <= set(kinds), (words, document_id)
                    got = set(paper.rows(expression, list(paper.kinds)))
                    # every row the store finds is found (the best five of each kind are kept)
                    assert got <= expected and (got == expected or len(got) >= 5), (words, document_id)
                    checked += 1
                    matched += bool(expected)
        finally:
            paper.close()
    assert checked >= len(documents) * len(WORDS) - 10 and matched > 20  # every reading checked; the words do match things


def test_acronyms_both_ways_as_find_reads_them(demo_db):
    ehcp = build_query(demo_db, "EHCP").term_groups
    assert any("education" in term.text for group in ehcp for term in group)
    document_id = demo_db.execute("SELECT d.id FROM documents d JOIN items i ON i.document_id = d.id"
                                  " WHERE i.body LIKE '%Education, Health and Care Plan%' LIMIT 1").fetchone()[0]
    found = matches_in_paper(demo_db, document_id, {"w": readings(demo_db, "EHCP")})
    assert found["w"] and all(m.snippet for m in found["w"])
