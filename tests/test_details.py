"""Small things an officer notices: the right reason, the right order, the right word."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from corpus.model import Action, Document, Item, Meeting, ProgrammeEntry
from handlers import dispatch
from store import queries
from store.save import content_hash, save_document

from .conftest import LONDON

JULY = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)
LATER = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)


def _save(db, doc: Document, name: str, now: datetime = JULY) -> None:
    text = json.dumps(doc.to_json())
    save_document(db, doc, text, source=name, source_key=name, digest=content_hash(f"{name}{text}".encode()),
                  size=len(text), now=now)


def _audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_reminders_says_why_nothing_is_due_when_people_have_subscribed(demo_db):
    dispatch("subscribe cfosp", demo_db, LATER, user="U9")
    text = dispatch("reminders", demo_db, LATER).text
    assert "set a channel" not in text
    assert "no future meeting is known for Children and Families Overview and Scrutiny Panel" in text
    dispatch("remind-settings cfosp off", demo_db, LATER, user="U9")
    assert "reminders are off for Children and Families Overview and Scrutiny Panel" in dispatch("reminders", demo_db, LATER).text


def test_history_orders_next_planned_by_date_and_says_agreed_only_for_agreements(db):
    rows = [ProgrammeEntry("2020-12", "December 2020", "Road safety strategy"), ProgrammeEntry(None, "TBC", "Road safety funding"),
            ProgrammeEntry("2020-09-01", "1 September 2020", "Road safety cameras"),
            ProgrammeEntry("2020-10-06", "6 October 2020", "Road safety schools")]
    _save(db, Document(kind="minutes", council="C", committee="Roads Panel", meeting=Meeting(date="2020-06-01"),
                       actions=[Action("1", "It was agreed that the road safety plan be reported in September."),
                                Action("1", "Members requested figures on road safety near schools."),
                                Action("1", "The Head of Highways would circulate the road safety audit.")],
                       work_programme=rows), "m.txt")
    text = dispatch("history road safety", db, JULY).text
    planned = text.split("Next planned")[1]
    order = [planned.index(t) for t in ("cameras", "schools", "strategy", "funding")]
    assert order == sorted(order), planned
    assert "Agreed: It was agreed that the road safety plan" in text
    assert "Requested: Members requested figures" in text
    assert "Follow-up: The Head of Highways would circulate" in text


def test_audit_shows_which_change_an_undo_put_back(demo_db):
    [first, *_] = queries.actions(demo_db)
    dispatch(f"actions done {first.id}", demo_db, JULY, user="U1")
    number = demo_db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    dispatch(f"undo {number}", demo_db, JULY, user="U1")
    text = dispatch("audit", demo_db, JULY).text
    assert f"undo of #{number} (action “" in text and ": open → done)" in text
    assert first.action_key not in text


def test_changes_that_change_nothing_are_not_audited(demo_db):
    [first, *_] = queries.actions(demo_db)
    dispatch("remind-settings cfosp days 7,1 at 09:00", demo_db, JULY, user="U1")  # the defaults
    dispatch("channel cfosp", demo_db, JULY, user="U1", channel="C1")
    dispatch(f"actions {first.id} owner Head of Highways", demo_db, JULY, user="U1")
    count = _audit_count(demo_db)
    assert count == 2
    assert "No change" in dispatch("channel cfosp", demo_db, JULY, user="U1", channel="C1").text
    assert "No change" in dispatch(f"actions {first.id} owner Head of Highways", demo_db, JULY, user="U1").text
    assert "No change" in dispatch("remind-settings cfosp on", demo_db, JULY, user="U1").text
    assert _audit_count(demo_db) == count


def test_confirmations_cut_at_a_word_with_an_ellipsis(db):
    long = "It was agreed that " + " ".join(f"consideration{n}" for n in range(60)) + "."
    _save(db, Document(kind="minutes", council="C", committee="Roads Panel", meeting=Meeting(date="2020-06-01"),
                       actions=[Action("1", long)]), "m.txt")
    [action] = queries.actions(db)
    said = dispatch(f"actions done {action.id}", db, JULY, user="U1").text
    assert said.endswith("…") and said.startswith("Marked done: It was agreed that consideration0")
    last_word = said[:-1].split()[-1]
    assert last_word in long.split(), "cut between words, not in one"
    said = dispatch(f"actions {action.id} owner Roads", db, JULY, user="U1").text
    assert said.split("\n")[0].endswith("…")
    for line in dispatch("audit", db, JULY).text.splitlines()[1:3]:  # the audit names the action the same way
        quoted = line.split("“", 1)[1].split("”", 1)[0]
        assert quoted.endswith("…") and quoted[:-1].split()[-1] in long.split(), line


@pytest.mark.parametrize("command, says", [
    ("remind-settings cfosp days banana", "Days before the meeting must be numbers"),
    ("remind-settings cfosp days 7 banana", "I don't understand “banana”"),
    ("remind-settings cfosp at teatime", "I can't read “teatime” as a time"),
    ("remind-settings cfosp days ²", "Days before the meeting must be numbers"),
    ("remind-settings cfosp at 13pm", "is not a clock time"),
    ("audit banana", "I don't understand “banana”"),
    ("undo 3 please", "Which change?"),
])
def test_extra_or_wrong_words_are_refused_not_ignored(demo_db, command, says):
    before = _audit_count(demo_db)
    assert says in dispatch(command, demo_db, JULY, user="U1").text
    assert _audit_count(demo_db) == before


def test_a_panel_name_with_on_in_it_keeps_it(db):
    _save(db, Document(kind="agenda", council="C", committee="Committee on Standards", meeting=Meeting(date="2020-09-01")), "a.txt")
    text = dispatch("remind-settings committee on standards off", db, JULY, user="U1").text
    assert "Committee on Standards reminders: off" in text


def test_counts_read_in_the_singular_too(db):
    _save(db, Document(kind="minutes", council="C", committee="Roads Panel", meeting=Meeting(date="2020-06-01"),
                       actions=[Action("1", "It was agreed that the audit be circulated.")]), "m.txt")
    assert "1 action, oldest first" in dispatch("actions", db, JULY).text
    dispatch("remind-settings roads days 1", db, JULY, user="U1")
    assert "I'll message you 1 day before each meeting" in dispatch("subscribe roads", db, JULY, user="U1").text
    assert "Going to 1 place: U1" in dispatch("remind-settings roads", db, JULY).text
    assert "on, 1 day before each meeting at 09:00" in dispatch("remind-settings roads", db, JULY).text
    assert "1 meeting known" in dispatch("panels", db, JULY).text


def test_one_recommendation_reads_in_the_singular(db):
    _save(db, Document(kind="minutes", council="C", committee="Roads Panel", meeting=Meeting(date="2020-06-01"),
                       items=[Item("1", "Potholes", text="RESOLVED that the Panel recommends to Cabinet that "
                                                       "the pothole budget be doubled.")]), "m.txt")
    assert "1 recommendation, oldest due first" in dispatch("recommendations all", db, JULY).text
