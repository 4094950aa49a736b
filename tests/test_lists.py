"""Lists longer than a Slack message holds: every list cut says how many more there are and
the command that shows them, or pages with a Show more button. Nothing is dropped silently."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest

from corpus.model import Action, Document, Item, Meeting, ProgrammeEntry
from handlers import dispatch
from store.save import content_hash, save_document

from .conftest import LONDON

NOW = datetime(2024, 1, 10, 9, 0, tzinfo=LONDON)
NEXT = "2024-02-01"


def _save(db, doc: Document, name: str) -> None:
    text = json.dumps(doc.to_json())
    save_document(db, doc, text, source=name, source_key=name, digest=content_hash(f"{name}{text}".encode()),
                  size=len(text), now=NOW)


@pytest.fixture
def big(db):
    """70 panels; one of them with a 40-item agenda and an 80-row programme for its next meeting,
    and 186 past meetings each discussing road safety."""
    for n in range(70):
        _save(db, Document(kind="agenda", council="Bigshire Council", committee=f"Scrutiny Panel {n:02d}",
                           meeting=Meeting(date=(date(2024, 2, 1) + timedelta(days=n)).isoformat())), f"p{n}.txt")
    _save(db, Document(kind="agenda", council="Bigshire Council", committee="Highways Scrutiny Committee",
                       meeting=Meeting(date=NEXT, time="10:00"),
                       items=[Item(str(i), f"Agenda item number {i}") for i in range(1, 41)],
                       work_programme=[ProgrammeEntry(NEXT, "1 February 2024", f"Programme topic {i}") for i in range(1, 81)]),
          "agenda.txt")
    start = date(2008, 1, 1)
    for n in range(186):
        day = (start + timedelta(days=28 * n)).isoformat()
        _save(db, Document(kind="minutes", council="Bigshire Council", committee="Highways Scrutiny Committee",
                           meeting=Meeting(date=day), items=[Item("1", f"Road safety review {n}", text="Road safety.")],
                           actions=[Action("1", f"It was agreed that the road safety report {n} be circulated.")]),
              f"m{n}.txt")
    return db


def _more(text: str) -> list[str]:
    return re.findall(r"`/scrutiny ([^`]+)`", text)


def test_panels_page_with_a_count_and_the_command_for_the_next_page(big):
    first = dispatch("panels", big, NOW)
    text = first.text
    assert "Showing 1–20 of 71 panels" in text and "/scrutiny panels page 2" in text
    assert len(first.blocks()) <= 50 and "[Show more: /scrutiny panels page 2]" in text
    seen = set()
    for page in range(1, 5):
        seen |= set(re.findall(r"Scrutiny Panel \d\d|Highways Scrutiny Committee", dispatch(f"panels page {page}", big, NOW).text))
    assert len(seen) == 71, "every panel is on some page"
    assert "Showing 61–71 of 71 panels" in dispatch("panels page 99", big, NOW).text


def test_next_says_how_many_more_agenda_items_and_programme_rows_and_shows_them_all(big):
    text = dispatch("next highways", big, NOW).text
    assert "Agenda item number 25" in text and "Agenda item number 26" not in text
    assert "…and 15 more items: `/scrutiny next hsc agenda`" in text
    assert "Programme topic 15" in text and "Programme topic 16" not in text
    assert "…and 65 more items: `/scrutiny next hsc programme`" in text
    agenda = dispatch("next hsc agenda", big, NOW).text
    assert all(f"Agenda item number {i}\n" in agenda + "\n" for i in range(1, 41))
    programme = dispatch("next hsc programme", big, NOW)
    assert "Showing 1–60 of 80 programme items" in programme.text and "/scrutiny next hsc programme page 2" in programme.text
    rest = dispatch("next hsc programme page 2", big, NOW).text
    shown = set(re.findall(r"Programme topic (\d+)\n", programme.text + "\n" + rest + "\n"))
    assert shown == {str(i) for i in range(1, 81)}
    for reply in (programme, dispatch("next highways", big, NOW)):
        assert all(len(b.text.text) <= 3000 for b in reply.blocks() if getattr(b, "text", None) and hasattr(b.text, "text"))


def test_next_across_many_panels_pages(big):
    text = dispatch("next", big, NOW).text
    assert "Showing 1–20 of 71 panels with meetings ahead" in text and "/scrutiny next page 2" in text
    assert "Showing 61–71 of 71" in dispatch("next page 4", big, NOW).text


def test_history_pages_through_every_meeting(big):
    first = dispatch("history road safety", big, NOW).text
    assert "Meetings 1–15 of 186, newest first" in first and "/scrutiny history road safety page 2" in first
    dates = set()
    for page in range(1, 14):
        dates |= set(re.findall(r"^\d{1,2} \w{3} \d{4}", dispatch(f"history road safety page {page}", big, NOW).text, re.M))
    assert len(dates) == 186


def test_every_cut_list_names_a_command_that_works(big):
    for command in ("next", "next highways", "panels", "history road safety", "next hsc programme"):
        for follow in _more(dispatch(command, big, NOW).text):
            reply = dispatch(follow, big, NOW).text
            assert "I don't know" not in reply and "No matches" not in reply, (command, follow)


def test_find_pages_through_its_matches_best_first(big):
    first = dispatch("find road safety", big, NOW).text
    assert "Matches 1–10, best first" in first and "/scrutiny find road safety page 2" in first
    seen: set[str] = set()
    for page in range(1, 8):
        seen |= set(re.findall(r"road safety (?:review|report) (\d+)", dispatch(f"find road safety page {page}", big, NOW).text, re.I))
    assert len(seen) >= 60  # seven pages of ten, none shown twice
    last = dispatch("find road safety page 999", big, NOW).text
    assert "No more matches" in last and "/scrutiny find road safety" in last
