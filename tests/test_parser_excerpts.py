"""Golden tests on short papers written in other councils' styles, labelled by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import parse_bytes

EXCERPTS = Path(__file__).with_name("excerpts")
CASES = sorted(p for p in EXCERPTS.iterdir() if p.suffix in (".txt", ".html"))


def _load(paper: Path):
    doc, _ = parse_bytes(paper.read_bytes(), paper.name)
    labels = json.loads(paper.with_suffix(".json").read_text())
    return doc, labels


@pytest.mark.parametrize("paper", CASES, ids=lambda p: p.name)
def test_meeting_details(paper):
    doc, labels = _load(paper)
    assert doc.kind == labels["kind"]
    assert doc.council == labels["council"]
    assert doc.committee == labels["committee"]
    assert (doc.meeting.date, doc.meeting.time, doc.meeting.venue) == tuple(labels["meeting"].values())


@pytest.mark.parametrize("paper", CASES, ids=lambda p: p.name)
def test_attendance(paper):
    doc, labels = _load(paper)
    assert sorted((a.name, a.status) for a in doc.attendance) == sorted(tuple(x) for x in labels["attendance"])


@pytest.mark.parametrize("paper", CASES, ids=lambda p: p.name)
def test_items(paper):
    doc, labels = _load(paper)
    assert [(i.number, i.title) for i in doc.items] == [tuple(x) for x in labels["items"]]


@pytest.mark.parametrize("paper", CASES, ids=lambda p: p.name)
def test_actions_found_once_each_with_owner_and_due(paper):
    doc, labels = _load(paper)
    assert len(doc.actions) == len(labels["actions"]), [a.text for a in doc.actions]
    for item, phrase, owner, due in labels["actions"]:
        matches = [a for a in doc.actions if phrase.lower() in a.text.lower()]
        assert len(matches) == 1, phrase
        assert (matches[0].item, matches[0].owner, matches[0].due) == (item, owner, due)


@pytest.mark.parametrize("paper", CASES, ids=lambda p: p.name)
def test_work_programme_and_future_meetings(paper):
    doc, labels = _load(paper)
    got = sorted(((r.meeting_date or ""), r.issue.lower()) for r in doc.work_programme)
    want = sorted(((d or ""), issue.lower()) for d, issue in labels["work_programme"])
    assert len(got) == len(want), got
    for (got_date, got_issue), (want_date, want_issue) in zip(got, want):
        assert got_date == want_date and want_issue in got_issue
    assert [m.date for m in doc.future_meetings] == labels["future_meetings"]
