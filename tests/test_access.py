"""Who may change things, the audit of every change, and undo."""
from __future__ import annotations

from datetime import datetime

import pytest

from handlers import dispatch
from handlers.access import Access
from store import queries

from .conftest import LONDON

NOW = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)
OFFICERS = Access(policy="officers", officers=frozenset({"UOFFICER"}))


def channel_access(members: dict[str, set[str]]) -> Access:
    return Access(policy="channel", officers=frozenset({"UOFFICER"}), channel_members=lambda c: members.get(c, set()))


def test_only_officers_mark_done_and_others_are_refused_politely(demo_db):
    [first, *_] = queries.actions(demo_db)
    refused = dispatch(f"actions done {first.id}", demo_db, NOW, user="UMEMBER", access=OFFICERS).text
    assert refused.startswith("Sorry, only the scrutiny officers can change this.")
    assert queries.action(demo_db, first.id).status == "open"
    assert dispatch(f"actions done {first.id}", demo_db, NOW, user="UOFFICER", access=OFFICERS).text.startswith("Marked done")


def test_channel_policy_lets_members_of_the_panels_channel_edit(demo_db):
    dispatch("channel cfosp", demo_db, NOW, user="UOFFICER", channel="CPANEL", access=OFFICERS)
    access = channel_access({"CPANEL": {"UMEMBER"}})
    cfosp = [a for a in queries.actions(demo_db) if a.committee.startswith("Children and Families")][0]
    hereford = [a for a in queries.actions(demo_db) if a.committee.startswith("Children and young")][0]
    assert dispatch(f"actions done {cfosp.id}", demo_db, NOW, user="UMEMBER", access=access).text.startswith("Marked done")
    assert dispatch(f"actions done {hereford.id}", demo_db, NOW, user="UMEMBER", access=access).text.startswith("Sorry")
    assert dispatch("remind-settings cfosp days 3", demo_db, NOW, user="UOUTSIDER", access=access).text.startswith("Sorry")


def test_settings_changes_are_refused_but_reading_them_is_open(demo_db):
    shown = dispatch("remind-settings cfosp", demo_db, NOW, user="UMEMBER", access=OFFICERS).text
    assert "7, 1 days before each meeting at 09:00" in shown
    assert dispatch("channel cfosp", demo_db, NOW, user="UMEMBER", channel="C1", access=OFFICERS).text.startswith("Sorry")


def test_every_change_is_audited_and_can_be_undone(demo_db):
    [first, *_] = queries.actions(demo_db)
    dispatch(f"actions done {first.id}", demo_db, NOW, user="U1")
    dispatch("remind-settings cfosp days 14,2 at 08:30", demo_db, NOW, user="U2")
    audit = dispatch("audit", demo_db, NOW, user="U1").text
    assert "open → done" in audit and "7,1 days at 09:00, on → 14,2 days at 08:30, on" in audit
    numbers = [int(line.split()[0].lstrip("#")) for line in audit.splitlines() if line.startswith("#")]
    settings_change, action_change = numbers[0], numbers[1]
    assert dispatch(f"undo {action_change}", demo_db, NOW, user="U3").text.startswith("Undone")
    assert queries.action(demo_db, first.id).status == "open"
    dispatch(f"undo {settings_change}", demo_db, NOW, user="U3")
    assert "7, 1 days before each meeting at 09:00" in dispatch("remind-settings cfosp", demo_db, NOW).text
    assert "already undone" in dispatch(f"undo {action_change}", demo_db, NOW, user="U3").text


def test_undo_refuses_a_change_that_has_been_overtaken(demo_db):
    [first, *_] = queries.actions(demo_db)
    dispatch(f"actions done {first.id}", demo_db, NOW, user="U1")
    dispatch(f"actions reopen {first.id}", demo_db, NOW, user="U2")
    changes = [line for line in dispatch("audit", demo_db, NOW).text.splitlines() if line.startswith("#")]
    older = int(changes[1].split()[0].lstrip("#"))
    assert "overtaken" in dispatch(f"undo {older}", demo_db, NOW, user="U1").text


@pytest.mark.parametrize("text", ["undo", "undo abc", "undo 99999"])
def test_undo_with_nothing_to_undo_says_so(demo_db, text):
    assert dispatch(text, demo_db, NOW).text


def test_an_officer_sets_owner_and_due_date_which_outlive_reingest_and_can_be_undone(demo_db):
    from corpus import demo_corpus
    from store.ingest import ingest_paths

    [first, *_] = queries.actions(demo_db)
    assert dispatch(f"actions {first.id} owner Head of Highways", demo_db, NOW, user="UMEMBER", access=OFFICERS).text.startswith("Sorry")
    reply = dispatch(f"actions {first.id} owner Head of Highways", demo_db, NOW, user="UOFFICER", access=OFFICERS).text
    assert "Owner: Head of Highways" in reply
    assert "Due: 2020-08-31" in dispatch(f"actions {first.id} due 31 August 2020", demo_db, NOW, user="UOFFICER").text
    assert "can't read" in dispatch(f"actions {first.id} due whenever", demo_db, NOW, user="UOFFICER").text
    ingest_paths(demo_db, [demo_corpus()], now=NOW)
    kept = queries.action(demo_db, first.id)
    assert (kept.owner, kept.due) == ("Head of Highways", "2020-08-31")
    assert first.id in [a.id for a in queries.actions(demo_db, overdue_on="2020-09-01")]
    dispatch(f"actions done {first.id}", demo_db, NOW, user="UOFFICER")
    changes = [line for line in dispatch("audit", demo_db, NOW).text.splitlines() if line.startswith("#")]
    due_change = int(changes[1].split()[0].lstrip("#"))
    assert dispatch(f"undo {due_change}", demo_db, NOW, user="UOFFICER").text.startswith("Undone")
    assert queries.action(demo_db, first.id).due == first.due and queries.action(demo_db, first.id).status == "done"
