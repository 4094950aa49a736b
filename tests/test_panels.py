"""Panel matching: right or ask, never a silent guess, and linear in panels."""
from __future__ import annotations

import random
import re
from datetime import datetime
from pathlib import Path

import pytest

from handlers import dispatch
from handlers.panels import LISTED, find_panel, panel_index
from store import queries
from store import reminders as log

from .conftest import LONDON

JULY_2020 = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)
README = Path(__file__).resolve().parent.parent / "README.md"


def _subscriptions(db) -> int:
    return db.execute("SELECT count(*) FROM subscriptions").fetchone()[0]


@pytest.mark.parametrize("typed", ["childrn", "childrens", "children"])
def test_a_name_that_fits_both_childrens_panels_asks_naming_each_with_what_to_type(demo_db, typed):
    for command in ("next", "actions", "subscribe"):
        text = dispatch(f"{command} {typed}", demo_db, JULY_2020, user="U1").text
        assert "could be more than one panel" in text, (command, text)
        assert f"/scrutiny {command} cfosp" in text and f"/scrutiny {command} cypsc" in text
        assert "next meeting" not in text and "Open actions" not in text
    assert _subscriptions(demo_db) == 0


def test_the_readme_says_what_next_children_does_with_two_councils(demo_db):
    readme = README.read_text(encoding="utf-8")
    assert "`next children`" in readme and "asks which" in readme
    text = dispatch("next children", demo_db, JULY_2020).text
    hints = re.findall(r"`(/scrutiny next [^`]+)`", text)
    assert len(hints) == 2
    names = {queries.committee(demo_db, find_panel(demo_db, h.removeprefix("/scrutiny next ")).panel.id).name for h in hints}
    assert names == {"Children and Families Overview and Scrutiny Panel", "Children and young people scrutiny committee"}


@pytest.mark.parametrize("typed", ["evil", "view", "licensing", "martian affairs"])
def test_a_name_that_fits_no_panel_says_so_and_names_the_nearest(demo_db, typed):
    text = dispatch(f"next {typed}", demo_db, JULY_2020).text
    assert f"I don't know a panel called “{typed}”" in text
    assert "The nearest I know:" in text and "`/scrutiny next cfosp`" in text
    assert "next meeting" not in text
    assert "I don't know a panel called" in dispatch(f"subscribe {typed}", demo_db, JULY_2020, user="U1").text
    assert _subscriptions(demo_db) == 0


def test_a_typo_answers_a_question_with_a_note_but_never_changes_anything(demo_db):
    shown = dispatch("next chidlren and families", demo_db, JULY_2020).text
    assert shown.startswith("Showing Children and Families Overview and Scrutiny Panel")
    assert "next meeting" in shown
    for command in ("subscribe", "unsubscribe", "remind-settings", "channel"):
        asked = dispatch(f"{command} chidlren and families", demo_db, JULY_2020, user="U1", channel="C1").text
        assert asked.startswith("Did you mean Children and Families Overview and Scrutiny Panel")
        assert f"/scrutiny {command} cfosp" in asked
    assert _subscriptions(demo_db) == 0 and queries.committees(demo_db)[0].channel is None
    assert dispatch("subscribe cfosp", demo_db, JULY_2020, user="U1").text.startswith("Subscribed")
    assert log.subscribers(demo_db, find_panel(demo_db, "cfosp").panel.id) == ["U1"]


def _national(db, councils: int, per_council: int) -> None:
    """Panels named as councils name them, many names shared between councils."""
    rng = random.Random(7)
    topics = ["Children and Young People", "Adults and Health", "Place", "Resources", "Children's Services",
              "Economy and Environment", "Communities", "Health and Wellbeing", "Corporate", "Housing"]
    kinds = ["Scrutiny Committee", "Overview and Scrutiny Panel", "Select Committee", "Scrutiny Board"]
    rows = []
    for c in range(councils):
        council = f"{rng.choice(['North', 'South', 'East', 'West', 'Mid'])}{c} {rng.choice(['County', 'Borough', 'District'])} Council"
        for name in rng.sample([f"{t} {k}" for t in topics for k in kinds], per_council):
            rows.append((council, name, re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")))
    db.conn.executemany("INSERT INTO committees (council, name, slug, created_at) VALUES (?, ?, ?, '2020-01-01')", rows)
    db.conn.commit()


def test_what_to_type_finds_that_panel_and_no_other_among_many(db):
    _national(db, councils=60, per_council=5)
    index = panel_index(db)
    for panel in index.panels:
        typed = index.short_name(panel)
        assert find_panel(db, typed).panel == panel, typed


def test_a_question_across_many_panels_lists_a_few_and_says_how_many_more(db):
    _national(db, councils=300, per_council=5)
    text = dispatch("next children", db, JULY_2020).text
    listed = re.findall(r"^• ", text, re.MULTILINE)
    assert len(listed) == LISTED
    more = int(re.search(r"…and (\d+) more", text).group(1))
    children = sum("children" in p.name.lower() for p in queries.committees(db))
    assert more == children - LISTED
