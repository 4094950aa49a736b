from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import demo_corpus  # noqa: E402
from store import open_db  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402

LONDON = ZoneInfo("Europe/London")
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "scrutiny.db"


@pytest.fixture
def db(db_path: Path):
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(db, db_path):
    """A fresh store holding the bundled demo corpus."""
    report = ingest_paths(db, [demo_corpus()], now=datetime(2026, 1, 5, 9, 0, tzinfo=LONDON))
    assert not report.failed, report.summary()
    return db
