"""A workspace follows its councils: answers keep to their panels, `everywhere`
covers every council in the store, and following is audited and undoable."""
from __future__ import annotations

from datetime import datetime

from handlers import dispatch
from handlers.access import Access
from store import queries

from .conftest import LONDON

NOW = datetime(2026, 1, 5, 9, tzinfo=LONDON)
WORCS, HEREF = "Worcestershire County Council", "Herefordshire Council"


def ask(db, text: str, user: str = "U1") -> str:
    return dispatch(text, db, NOW, user=user).text


def test_answers_keep_to_the_councils_followed_and_everywhere_covers_all(demo_db):
    both = ask(demo_db, "find safeguarding")
    assert "Children and young people" in both and "Children and Families" in both  # nothing followed: every council
    assert "Now following Worcestershire County Council" in ask(demo_db, "follow worcestershire")
    mine = ask(demo_db, "find safeguarding")
    assert "Children and Families" in mine and "Children and young people" not in mine
    assert "`/scrutiny find safeguarding everywhere`" in mine  # how to ask for every council
    assert "Children and young people" in ask(demo_db, "find safeguarding everywhere")
    history = ask(demo_db, "history SEND")
    assert "Children and young people" not in history
    # a panel name that fits both councils' panels means the followed council's
    assert "Children and Families Overview and Scrutiny Panel" in ask(demo_db, "next children")
    assert "Children and young people" in ask(demo_db, "next children everywhere")  # asks which, naming both
    panels = ask(demo_db, "panels")
    assert "Children and Families" in panels and "Children and young people" not in panels
    assert "Children and young people" in ask(demo_db, "panels everywhere")


def test_actions_keep_to_the_councils_followed(demo_db):
    ids = {c.council: c.id for c in queries.committees(demo_db)}
    everywhere = queries.count_actions(demo_db, status="all")
    ask(demo_db, "follow herefordshire")
    text = ask(demo_db, "actions all")
    mine = queries.count_actions(demo_db, status="all", committees=[ids[HEREF]])
    assert f"{mine} actions" in text and 0 < mine < everywhere
    assert f"{everywhere} actions" in ask(demo_db, "actions all everywhere")
    # a panel named outright is answered, whichever council it belongs to
    assert "Children and Families" in ask(demo_db, "actions cfosp all")


def test_a_word_only_other_councils_use_says_where_it_is(demo_db):
    ask(demo_db, "follow herefordshire")
    text = ask(demo_db, "find supporting families first")  # a Worcestershire programme
    assert "No matches" in text and "`/scrutiny find supporting families first everywhere`" in text


def test_following_is_listed_audited_undoable_and_for_editors(demo_db):
    assert "follows every council" in ask(demo_db, "follow")
    assert "I don't know a council" in ask(demo_db, "follow atlantis")
    ask(demo_db, "follow worcestershire")
    ask(demo_db, "follow herefordshire")
    assert queries.followed(demo_db) == [HEREF, WORCS]
    ask(demo_db, "unfollow herefordshire")
    assert queries.followed(demo_db) == [WORCS]
    audit = ask(demo_db, "audit")
    assert "councils followed: Herefordshire Council, Worcestershire County Council → Worcestershire County Council" in audit
    number = demo_db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    assert "Undone" in ask(demo_db, f"undo {number}")
    assert queries.followed(demo_db) == [HEREF, WORCS]
    officers_only = Access(policy="officers", officers=frozenset({"UOFFICER"}))
    refused = dispatch("unfollow worcestershire", demo_db, NOW, user="USOMEONE", access=officers_only).text
    assert refused.startswith("Sorry, only the scrutiny officers")
    assert queries.followed(demo_db) == [HEREF, WORCS]
