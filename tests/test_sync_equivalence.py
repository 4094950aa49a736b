"""A fake ModernGov site built from the bundled papers' meetings (items as the
hand labels in ../shared/eval/gold give them, each item's minutes as the paper
prints them, the papers themselves as the meetings' documents) gives the same
`next`, `actions` and `find` answers from a synced store as the papers give
from an ingested one."""
from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from corpus import demo_corpus
from handlers import dispatch
from sources.fetch import Fetcher, Site
from sources.moderngov import sync_site
from store import open_db
from store.ingest import ingest_paths

from .conftest import LONDON, SHARED
from .moderngov_fake import FakeItem, FakeMeeting, FakeModernGov, item_html

TODAY = datetime(2020, 7, 10, 9, 0, tzinfo=LONDON)  # the README's demo day
SYNCED_AT = datetime(2022, 12, 1, 3, 15, tzinfo=LONDON)  # after the last meeting, so the site lists them all
GOLD = SHARED / "eval" / "gold"
COUNCILS = {"Worcestershire County Council": ("000", "001", "002", "003"), "Herefordshire Council": ("004",)}
COMMITTEES = {"Worcestershire County Council": "Children and Families Overview and Scrutiny Panel",
              "Herefordshire Council": "Children and young people scrutiny committee"}
# "safeguarding" finds an owner spelt out from the printed minutes' attendance list, "Assistant Director
# Safeguarding and Family Support (ADS&FS)": the synced store spells the site's "ADS&FS" out from them too
QUERIES = ["safeguarding", "safeguarding partnership", "EHCP", "domestic abuse", "Ofsted", "transport", "work programme", "SEND", "foster"]


def _clock(hhmm: str | None) -> str:
    if not hhmm:
        return ""
    hour, minute = (int(p) for p in hhmm.split(":"))
    return f"{(hour - 1) % 12 + 1}.{minute:02d} {'am' if hour < 12 else 'pm'}"


def _item_bodies(text: str, items: list[dict]) -> list[str]:
    """Each labelled item's text as the paper prints it: from its heading to the next one."""
    lines = text.split("\n")
    starts, cursor = [], 0
    for item in items:
        key = re.sub(r"\W+", " ", item["title"]).strip().lower()
        heads = (key, f"{item['number']} {key}")
        while not re.sub(r"\W+", " ", lines[cursor]).strip().lower().startswith(heads):
            cursor += 1
        starts.append(cursor)
        cursor += 1
    ends = starts[1:] + [len(lines)]
    return ["\n".join(lines[start + 1:end]).strip() for start, end in zip(starts, ends)]


def bundled_site(council: str) -> FakeModernGov:
    site = FakeModernGov()
    site.committees = {"101": COMMITTEES[council]}
    for number, prefix in enumerate(COUNCILS[council]):
        gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text())
        paper = demo_corpus() / gold["doc"]
        text = paper.read_text(encoding="utf-8")
        with_minutes = gold.get("kind") != "agenda"  # (the 2019 ModernGov page is labelled as either kind)
        bodies = _item_bodies(text, gold["items"]) if with_minutes else [""] * len(gold["items"])
        site.files[f"/documents/{paper.name}"] = paper.read_bytes()
        meeting = gold["meeting"]
        day = date.fromisoformat(meeting["date"])
        site.meetings[str(800 + number)] = FakeMeeting(
            "101", day.strftime("%d/%m/%Y"), time=_clock(meeting["time"]), location=meeting["venue"] or "",
            papers=[("Printed minutes" if with_minutes else "Agenda frontsheet", f"documents/{paper.name}")],
            items=[FakeItem(item["number"], item["title"], item_html(body)) for item, body in zip(gold["items"], bodies)])
    return site


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("equivalence")
    ingested = open_db(folder / "ingested.db")
    assert not ingest_paths(ingested, [demo_corpus()], now=TODAY).failed
    synced = open_db(folder / "synced.db")
    for council in COUNCILS:
        site = bundled_site(council)
        try:
            where = Site.parse(site.url, allow_private=True)
            with Fetcher(where, min_interval=0, sleep=lambda s: None) as fetcher:
                report = sync_site(synced, where, SYNCED_AT, council=council, committee="101", since=date(2017, 1, 1),
                                   fetcher=fetcher)
            assert report.failed == [], report.failed
        finally:
            site.close()
    yield ingested, synced
    ingested.close()
    synced.close()


def answer(db, command: str) -> str:
    # titles as the clerk typed them into the site, where the printed minutes shout them in capitals
    text = dispatch(command, db, TODAY).text.lower()
    text = "\n".join(line for line in text.split("\n") if not line.startswith("date from "))  # which documents, not what
    text = text.replace("the agenda and minutes of", "the minutes of")  # ModernGov's page and its per-item minutes
    # a paper spells out an owner's acronym from its own attendance list ("Director Children and Families (DCF)");
    # the site's per-item minutes carry no attendance list, so the short form is what both have in common
    return re.sub(r"(owner: )[^\n(]*\(([a-z&]{2,9})\)", r"\1\2", text)


@pytest.mark.parametrize("command", ["next", "next cfosp", "next children and young people", "actions all",
                                     "actions all page 2", "actions all page 3", "actions all page 4", "actions cfosp"]
                         + [f"find {q}" for q in QUERIES])
def test_synced_and_ingested_stores_answer_the_same(stores, command):
    ingested, synced = stores
    assert answer(synced, command) == answer(ingested, command)


def test_items_and_action_links_are_the_services(stores):
    _, synced = stores
    for prefix in ("000", "004"):
        gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text())
        rows = synced.execute("SELECT i.number, i.title FROM items i JOIN meetings m ON m.id = i.meeting_id"
                              " WHERE m.date = ? ORDER BY i.position", [gold["meeting"]["date"]]).fetchall()
        assert rows == [(item["number"], item["title"]) for item in gold["items"]]
        required = [(a["item"], a["key"]) for a in gold["actions"]["required"]]
        stored = synced.execute("SELECT a.item_number, a.text FROM actions a JOIN meetings m ON m.id = a.meeting_id"
                                " WHERE m.date = ?", [gold["meeting"]["date"]]).fetchall()
        for item, key in required:
            assert any(number == item and key.lower() in text.lower() for number, text in stored), (item, key)
