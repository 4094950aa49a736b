"""The remit matching measured against hand labels (tests/forward_plan/labels.json):
precision and recall over (decision, panel) pairs, with a bar that only rises."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from corpus.model import Document, Meeting, ProgrammeEntry
from store.clocks import remit_panels
from store.save import content_hash, save_document

from .conftest import LONDON

LABELS = json.loads((Path(__file__).parent / "forward_plan" / "labels.json").read_text())
NOW = datetime(2026, 1, 5, 9, tzinfo=LONDON)


def scores(db) -> tuple[float, float, list]:
    for n, (panel, rows) in enumerate(LABELS["panels"].items()):
        doc = Document(kind="agenda", council=LABELS["council"], committee=panel, meeting=Meeting(date="2025-11-10"),
                       work_programme=[ProgrammeEntry(meeting_date=None, when="TBC", issue=row) for row in rows])
        text = panel + "\n" + "\n".join(rows)
        save_document(db, doc, text, source=f"panel-{n}", source_key=f"panel-{n}", digest=content_hash(text.encode()),
                      size=len(text), now=NOW)
    names = {row[0]: row[1] for row in db.execute("SELECT id, name FROM committees")}
    found = wanted = right = 0
    misses = []
    for decision in LABELS["decisions"]:
        got = {names[i] for i, _ in remit_panels(db, LABELS["council"], decision["title"], "2026-01-15", with_name=True)}
        truth = set(decision["panels"])
        found, wanted, right = found + len(got), wanted + len(truth), right + len(got & truth)
        if got != truth:
            misses.append((decision["title"], sorted(got), sorted(truth)))
    return right / found if found else 1.0, right / wanted, misses


def test_precision_and_recall_on_the_labelled_decisions(db):
    precision, recall, misses = scores(db)
    print(f"\nprecision {precision:.2f}, recall {recall:.2f}; differs on {misses}")
    # measured 0.88 and 0.78 (10 decisions, 9 labelled pairs): the bar only rises
    assert precision >= 0.87 and recall >= 0.77, misses
